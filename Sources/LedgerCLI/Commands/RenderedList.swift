import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports
import LedgerRules

/// `index/rectify.list` (ledger-spec.md section 15.9): the last street's or community's rectification list, the
/// bytes as they were written, with what its standard error and exit status need, stamped like every derived file
/// and keyed by everything else the bytes depend on (check date, date prepared, scope, classes, format, language,
/// policy, the program that rendered them and the personal values it showed). A street's list at ten million
/// records is some 200 MB of text: decoding and rendering 200,000 findings costs seconds however it is done, and
/// the same list asked again (a street office's day) is then a read. Derived and optional: used only when stamped
/// at the log's head with the same key, its checksum checked before a byte is written; anything else makes the
/// list again (and this file with it).
enum RenderedList {
    static let fileName = RectifyState.listFileName
    static let kind = "LEDGER-RECTIFY-LIST"
    /// Version 2 keeps, per community, where its part of a table lies in the list and the digest of what made it
    /// (ledger-spec.md 15.9); version 1 did not (noticed and made again). Version 3 keeps an anomaly for a use, occupation, contract or inspection naming an asset not registered at its place in the fold order (it was left unlinked without a word). Version 4 keeps, among
    /// those lines, a note for each part whose warranty FUND-05 could not read (`WarrantyNote`). Version 5 keeps the
    /// list's first pass (`Summary`), so that a list after an append that changed none of its units reads no unit.
    /// Version 6 puts the list's bytes right after the key and what is kept about them after the list (its length
    /// last), so that the file is written and hashed as the list is written (`Recorder`), not held and written after.
    static let version: UInt32 = 6
    /// Test hook (tests only): a file path to which a street's or community's list made a community at a time
    /// writes `K/N`, the parts written from a kept list of N.
    static let partsReportVariable = "LEDGER_TEST_RECTIFY_LIST_PARTS"
    /// Test hook (tests only): a file path to which such a list writes `kept` when its first pass was the kept
    /// list's (`Summary`), else `read`.
    static let summaryReportVariable = "LEDGER_TEST_RECTIFY_LIST_SUMMARY"
    /// Lists longer than this are not kept (a whole city's is never kept: only a street's or a community's).
    static let bytesMax = 1 << 30

    static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// What the list's bytes depend on besides the log: nil when the program cannot be told from another build
    /// (then nothing is kept).
    static func key(scope: RectificationScope, preparedOn: CalendarDate?, policy: Policy, format: RectificationFormat,
                    language: ReportLanguage) -> String? {
        guard let program = programIdentity() else { return nil }
        var w = ByteWriter()
        for text in ["program", program, "as_of", scope.asOf.description, "prepared_on", (preparedOn ?? scope.asOf).description,
                     "street", scope.street ?? "", "community", scope.communityID ?? "",
                     "classes", scope.classes.map(\.rawValue).joined(separator: ","), "format", format.rawValue,
                     "lang", language.rawValue, "policy", policy.canonicalJSON,
                     // The list names where its policy came from (the file, and which settings it gave), not only
                     // the settings: a file holding the defaults, or the same settings under another name, prints
                     // another list.
                     "policy_source", policy.sourceName.map { "file:" + $0 } ?? "built-in",
                     "policy_from_file", policy.entries.filter(\.fromFile).map(\.key).joined(separator: ",")] {
            w.counted(Array(text.utf8))
        }
        return Hex.encode(SHA256.digest(w.bytes).bytes)
    }

    /// The running program, as the file system tells one build from the next (device, inode, change times, size).
    static func programIdentity() -> String? {
        guard let file = try? PosixFile(path: "/proc/self/exe", mode: .read) else { return nil }
        defer { file.close() }
        guard let status = try? file.status() else { return nil }
        return (status.identity + [status.size]).map(String.init).joined(separator: ":")
    }

    /// What the list showed of the personal values its records name: each commitment of `shown`, with its value from
    /// `private/` or its erasure. A restored or changed `private/` changes the list's bytes, so the key.
    static func namesDigest(_ names: PersonalNames, shown: Set<PersonalCommitment>) -> Digest32 {
        var w = ByteWriter()
        for c in shown.sorted(by: { $0.digest.bytes.lexicographicallyPrecedes($1.digest.bytes) }) {
            w.raw(c.digest.bytes)
            if names.erased.contains(c) { w.u64(2) } else if let value = names.values[c] { w.u64(1); w.counted(Array(value.utf8)) } else { w.u64(0) }
        }
        return SHA256.digest(w.bytes)
    }

    /// The names `PersonalDataSupport.names` gives, read without its warnings (the list may not be served).
    static func quietNames(_ directory: LedgerDirectory, erased: Set<PersonalCommitment>) -> PersonalNames {
        let contents = PrivateStore.read(directory)
        var values: [PersonalCommitment: String] = [:]
        for (commitment, opening) in contents.openings { values[commitment] = opening.value }
        return PersonalNames(values: values, erased: erased.union(contents.pendingCommitments))
    }

    /// A kept list.
    struct Kept {
        let findingCount: Int
        let totalsByClass: [Int]
        let anomalies: [RectifyState.AnomalyLine]
        let erased: Set<PersonalCommitment>
        let shown: Set<PersonalCommitment>
        let namesDigest: Digest32
        /// Each community's part: the digest of what made its bytes, and where they lie in `list` (nil: not cut).
        let parts: [Part]
        /// What the list's first pass found, for the inputs `Summary.digest` names (nil for a list not cut).
        let summary: Summary?
        let list: ArraySlice<UInt8>
    }

    /// What the first pass of a list made a community at a time found (`RectifyCommand.partedList`), kept with the
    /// list: the findings per community and class, those no longer calling for action, the background records (all,
    /// and those each community's findings cite), and the issued keys found per community. All of it follows from
    /// the bytes of the scope's units, the global part's and the communities in scope (and the list's key): `digest`
    /// (`RectifyCommand.firstPassDigest`) names them, and a list whose digest is this one takes these counts instead
    /// of reading its units again — after an append outside the street, none of its units changed (15.9).
    struct Summary {
        let digest: Digest32
        /// Per community in list order: its findings per class (`ProblemClass.allCases`' order).
        let counts: [[Int]]
        let resolved: Int
        let background: Set<Int64>
        /// Per community in list order: the background records its findings cite, one entry per citation.
        let citedBackground: [[Int64]]
        /// Issued keys (without `#n`) found: per key, per community ordinal, the findings with it.
        let occurrences: [String: [Int: Int]]

        func encode(_ w: inout ByteWriter) {
            w.raw(digest.bytes)
            w.u64(UInt64(counts.count))
            for (row, cited) in zip(counts, citedBackground) {
                w.u64(UInt64(row.count))
                for n in row { w.u64(UInt64(n)) }
                w.u64(UInt64(cited.count))
                for seq in cited { w.i64(seq) }
            }
            w.u64(UInt64(resolved))
            let seqs = background.sorted()
            w.u64(UInt64(seqs.count))
            for seq in seqs { w.i64(seq) }
            let keys = occurrences.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            w.u64(UInt64(keys.count))
            for key in keys {
                w.counted(Array(key.utf8))
                let byCommunity = occurrences[key]!.sorted { $0.key < $1.key }
                w.u64(UInt64(byCommunity.count))
                for (ordinal, n) in byCommunity { w.u64(UInt64(ordinal)); w.u64(UInt64(n)) }
            }
        }

        /// Nil when the bytes do not hold one (damage: the file's checksum matched, so its writer wrote them so).
        static func decode(_ r: inout ByteReader) -> Summary? {
            func count(_ each: Int) -> Int? {
                guard let n = r.u64(), n <= UInt64(r.end - r.offset) / UInt64(each) else { return nil }
                return Int(n)
            }
            guard let d = r.fixed(32), let digest = Digest32(bytes: d[...]), let rows = count(16) else { return nil }
            var counts: [[Int]] = [], citedBackground: [[Int64]] = []
            for _ in 0..<rows {
                guard let classes = count(8), classes == ProblemClass.allCases.count else { return nil }
                var row: [Int] = []
                for _ in 0..<classes { guard let n = r.u64(), n <= UInt64(Int32.max) else { return nil }; row.append(Int(n)) }
                guard let c = count(8) else { return nil }
                var cited: [Int64] = []
                for _ in 0..<c { guard let seq = r.i64() else { return nil }; cited.append(seq) }
                counts.append(row); citedBackground.append(cited)
            }
            guard let resolved = r.u64(), resolved <= UInt64(Int32.max), let b = count(8) else { return nil }
            var background = Set<Int64>()
            for _ in 0..<b { guard let seq = r.i64() else { return nil }; background.insert(seq) }
            guard let k = count(16) else { return nil }
            var occurrences: [String: [Int: Int]] = [:]
            for _ in 0..<k {
                guard let key = r.counted(max: 1 << 16), let m = count(16) else { return nil }
                var byCommunity: [Int: Int] = [:]
                for _ in 0..<m {
                    guard let o = r.u64(), o < UInt64(rows), let n = r.u64(), n <= UInt64(Int32.max) else { return nil }
                    byCommunity[Int(o)] = Int(n)
                }
                occurrences[String(decoding: key, as: UTF8.self)] = byCommunity
            }
            return Summary(digest: digest, counts: counts, resolved: Int(resolved), background: background,
                           citedBackground: citedBackground, occurrences: occurrences)
        }
    }

    /// A community's part of a kept list.
    struct Part {
        let communityID: String
        let fingerprint: Digest32
        let range: Range<Int>?
    }

    /// The parts of a kept list stamped before the head (a street's list before an append) that a list made now may
    /// write again instead of making them: a community's part whose fingerprint (`RectifyCommand.partFingerprint`:
    /// its unit's and the global part's digests, its community, number base and count, the background records its
    /// findings cite) is the one it had, under the same key (date, scope, format, language, policy, program), with
    /// `private/` giving the same values for the persons the old list named. A reference type: the list's parts are
    /// given as the report is written, after the names are known (`disableUnlessNames`).
    final class Reuse {
        private var byCommunity: [String: (fingerprint: Digest32, bytes: ArraySlice<UInt8>)] = [:]
        let shown: Set<PersonalCommitment>
        let namesDigest: Digest32
        private(set) var enabled = true
        /// How many parts were written from the kept list (tests and the write-up count them).
        private(set) var reused = 0

        /// The kept list's first pass, given back for a list of the same inputs (whatever `private/` gives: names
        /// change how parts are written, not what the first pass counts), and the anomalies it warned about.
        private let summary: Summary?
        let anomalies: [RectifyState.AnomalyLine]
        /// Whether the first pass was taken from the kept list (tests and the write-up count it).
        private(set) var summaryTaken = false

        init(_ kept: Kept) {
            summary = kept.summary
            anomalies = kept.anomalies
            shown = kept.shown
            namesDigest = kept.namesDigest
            for part in kept.parts {
                guard let range = part.range else { continue }
                byCommunity[part.communityID] = (part.fingerprint, kept.list[(kept.list.startIndex + range.lowerBound)..<(kept.list.startIndex + range.upperBound)])
            }
        }

        /// Used only if the persons the old list named still show as they did.
        func disableUnlessNames(_ names: PersonalNames) {
            if RenderedList.namesDigest(names, shown: shown) != namesDigest { enabled = false; byCommunity = [:] }
        }

        /// The kept list's first pass when it was made from the inputs `digest` names, for `rows` communities.
        func summary(_ digest: Digest32, rows: Int) -> Summary? {
            guard let summary, summary.digest == digest, summary.counts.count == rows else { return nil }
            summaryTaken = true
            return summary
        }

        /// The kept bytes of `communityID`'s part when it was made from the same inputs.
        func bytes(_ communityID: String, fingerprint: Digest32) -> ArraySlice<UInt8>? {
            guard enabled, let kept = byCommunity[communityID], kept.fingerprint == fingerprint else { return nil }
            reused += 1
            return kept.bytes
        }
    }

    /// What `open` found.
    enum Opened {
        case usable(Kept)
        /// Another list, or one of an earlier head: no notice (it is replaced when this list is written).
        case other
        /// This list's key, stamped before the head (records were appended since): not served, but its parts whose
        /// inputs did not change are written again instead of being made (`Reuse`); replaced when the list is written.
        case stale(Kept)
        /// Damaged, foreign, of another version or out of step with the log: a notice, then made again.
        case unusable(ChainError.DerivedStateProblem)
    }

    /// The kept list for `key`, checked whole (header, stamp against the log, the records after it (none), the body's
    /// checksum) before anything is written from it. Nil when there is none. A list stamped before the head is `other`
    /// from its header alone (its body, never used, is not read).
    /// - Parameter staleParts: a list stamped before the head with this key is read whole for its parts (`stale`) — a
    ///   table's, which is cut into parts; else it is `other` from its header alone.
    static func open(_ directory: LedgerDirectory, key: String, staleParts: Bool = false) -> Opened? {
        // Its header and stamp first: a list kept before records were appended (a street office's list before a
        // clerk's append) is replaced, never served, so its body (some 200 MB at ten million records) is not read
        // and summed. Anything else — no file, a header or stamp that does not check — takes the whole read below,
        // which says what it is, as before.
        // Stale but of this key (the same street's list, before a clerk's append): read whole for its parts.
        var staleKept = false
        if let (file, header, start) = ((try? DerivedStateHeader.open(path(directory), kind: kind, version: version)) ?? nil) {
            defer { file.close() }
            if let resume = try? header.check(directory), let count = RectifyState.recordCount(directory, from: resume),
               count > header.stamp.seq {
                guard staleParts else { return .other }
                var prefix: [UInt8] = []
                guard (try? file.read(at: Int64(start), count: 8 + 256, into: &prefix)) != nil else { return .other }
                var r = ByteReader(prefix[...])
                guard let keyBytes = r.counted(max: 256), String(decoding: keyBytes, as: UTF8.self) == key else { return .other }
                staleKept = true
            }
        }
        let read: (header: DerivedStateHeader, body: ArraySlice<UInt8>)?
        do { read = try RectifyState.readWhole(path(directory), kind: kind, version: version, bytesMax: bytesMax + (1 << 20)) } catch {
            return .unusable(error.derivedStateProblem)
        }
        guard let (header, body) = read else { return nil }
        var keyReader = ByteReader(body)
        // Another list's (its key) is not read further, nor checked against the log: it is replaced, not used.
        guard let keyBytes = keyReader.counted(), String(decoding: keyBytes, as: UTF8.self) == key else { return .other }
        if !staleKept {
            let resume: ResumePoint
            do { resume = try header.check(directory) } catch { return .unusable(error.derivedStateProblem) }
            // Stamped before the head (records follow it), or the log cannot say (the acknowledged head lies inside its
            // prefix, or the log after it fails verification: the command's own read says which).
            guard RectifyState.recordCount(directory, from: resume) == header.stamp.seq else { return .other }
        }
        // The list's bytes follow the key; what is kept about them follows the list, whose length ends the body.
        let listStart = keyReader.offset
        var lengthReader = ByteReader(body, from: max(body.endIndex - 8, listStart))
        guard let length = lengthReader.u64(), lengthReader.isAtEnd, length <= UInt64(body.endIndex - 8 - listStart) else {
            return .unusable(.damaged(.unreadable(.all(.part))))
        }
        let listEnd = listStart + Int(length)
        // The list itself is not copied out of what was read.
        let list = body[listStart..<listEnd]
        var r = ByteReader(body[..<(body.endIndex - 8)], from: listEnd)
        guard let count = r.u64(), let classes = r.u64(), classes == UInt64(ProblemClass.allCases.count) else {
            return .unusable(.damaged(.unreadable(.counts)))
        }
        var totals: [Int] = []
        for _ in 0..<classes { guard let n = r.u64(), n <= count else { return .unusable(.damaged(.unreadable(.counts))) }; totals.append(Int(n)) }
        guard let anomalies = RectifyState.anomalies(&r), let erased = commitments(&r), let shown = commitments(&r),
              let digestBytes = r.fixed(32), let digest = Digest32(bytes: digestBytes[...]), let parts = parts(&r),
              let hasSummary = r.u64(), hasSummary <= 1 else {
            return .unusable(.damaged(.unreadable(.all(.part))))
        }
        var summary: Summary? = nil
        if hasSummary == 1 {
            guard let read = Summary.decode(&r) else { return .unusable(.damaged(.unreadable(.all(.part)))) }
            summary = read
        }
        guard r.isAtEnd, parts.allSatisfy({ $0.range.map { $0.upperBound <= Int(length) } ?? true }) else {
            return .unusable(.damaged(.unreadable(.all(.part))))
        }
        let kept = Kept(findingCount: Int(count), totalsByClass: totals, anomalies: anomalies, erased: Set(erased), shown: Set(shown),
                        namesDigest: digest, parts: parts, summary: summary, list: list)
        return staleKept ? .stale(kept) : .usable(kept)
    }

    /// The parts `Recorder.write` wrote: u64 count, per part bytes the community id, its 32-byte fingerprint, u64 the
    /// offset and u64 the length of its bytes in the list (u64 max and 0 when not cut).
    static func parts(_ r: inout ByteReader) -> [Part]? {
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) / 56 else { return nil }
        var out: [Part] = []
        for _ in 0..<n {
            guard let id = r.counted(max: 1 << 16), let f = r.fixed(32), let fingerprint = Digest32(bytes: f[...]),
                  let offset = r.u64(), let length = r.u64() else { return nil }
            let range: Range<Int>?
            if offset == UInt64.max { range = nil } else {
                guard offset <= UInt64(Int.max / 2), length <= UInt64(Int.max / 2) else { return nil }
                range = Int(offset)..<Int(offset + length)
            }
            out.append(Part(communityID: String(decoding: id, as: UTF8.self), fingerprint: fingerprint, range: range))
        }
        return out
    }

    static func commitments(_ r: inout ByteReader) -> [PersonalCommitment]? {
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) / 32 else { return nil }
        var out: [PersonalCommitment] = []
        for _ in 0..<n {
            guard let bytes = r.fixed(32), let d = Digest32(bytes: bytes[...]) else { return nil }
            out.append(PersonalCommitment(d))
        }
        return out
    }

    static func commitments(_ set: Set<PersonalCommitment>, _ w: inout ByteWriter) {
        let sorted = set.map(\.digest.bytes).sorted { $0.lexicographicallyPrecedes($1) }
        w.u64(UInt64(sorted.count))
        for bytes in sorted { w.raw(bytes) }
    }

    /// Writes the file as the list is written (ledger-spec.md 15.9, 15.1): each piece delivered goes on to the
    /// file's temporary in `index/` and its hash too, and `write` ends the file and puts it in place (only when the
    /// list was written whole). A street's list is some 200 MB at ten million records: held until the list ended and
    /// hashed and written then, it doubled the command's memory, and its fsync waited for all of it (the temporary's
    /// write-back now starts as it is written, `StreamedStateFile`).
    final class Recorder {
        let key: String
        private let directory: LedgerDirectory
        /// The temporary being written: opened with the first piece, nil once given up (too long, not writable).
        private var out: StreamedStateFile?
        private var opened = false
        private var cleanup: InterruptCleanup.Token?
        private(set) var bytes = 0
        /// The list's byte positions at each community's part and after the last, as the table renderer cut it
        /// (`RectificationParts.boundary`); empty for a list not cut.
        var boundaries: [Int?] = []
        /// Each community's id and fingerprint, in list order (set by the parted list).
        var fingerprints: [(communityID: String, fingerprint: Digest32)] = []
        /// The parted list's first pass (kept with its parts).
        var summary: Summary? = nil

        init(key: String, directory: LedgerDirectory) {
            self.key = key
            self.directory = directory
        }

        /// A list not written whole leaves nothing (its temporary is removed).
        deinit { giveUp() }

        /// `deliver`, writing each piece to the file too (nothing more once the list is longer than `bytesMax`).
        func wrap(_ deliver: @escaping ([UInt8]) -> Void) -> ([UInt8]) -> Void {
            { piece in
                deliver(piece)
                self.keep(piece)
            }
        }

        private func keep(_ piece: [UInt8]) {
            guard bytes <= RenderedList.bytesMax else { return }
            bytes += piece.count
            guard bytes <= RenderedList.bytesMax else { giveUp(); return }
            if !opened { open() }
            out?.write(piece)
        }

        /// The temporary, begun with the key (the body's first field); quietly none when `index/` cannot be written.
        private func open() {
            opened = true
            if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
            guard let out = StreamedStateFile(path: RenderedList.path(directory), kind: RenderedList.kind, version: RenderedList.version,
                                              ledgerName: directory.name) else { return }
            // As `RectifyState.writeAtomically` does: what killed writers left goes first, and an interrupt removes
            // this temporary too (only a SIGKILL or a crash leaves it, for the next writer to remove).
            IndexTemporary.removeAbandonedTemporaries(directory, now: out.changeTime, sparing: out.temporary)
            cleanup = InterruptCleanup.register(out.temporary)
            var w = ByteWriter()
            w.counted(Array(key.utf8))
            out.write(w.bytes)
            self.out = out
        }

        private func giveUp() {
            out?.discard()
            out = nil
            if let cleanup { InterruptCleanup.unregister(cleanup) }
            cleanup = nil
        }

        /// Ends `index/rectify.list` (what is kept about the list after it, its length last) and puts it in place
        /// atomically (15.1); quietly nothing when it cannot (a read-only ledger, a full disk, a list too long: the
        /// list was written all the same).
        func write(_ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp, findingCount: Int, totalsByClass: [Int],
                   anomalies: [RectifyState.AnomalyLine], erased: Set<PersonalCommitment>, shown: Set<PersonalCommitment>,
                   names: PersonalNames) {
            defer { giveUp() }
            guard bytes <= RenderedList.bytesMax else { return }
            if !opened { open() }
            guard let out else { return }
            var w = ByteWriter()
            w.u64(UInt64(findingCount))
            w.u64(UInt64(totalsByClass.count))
            for n in totalsByClass { w.u64(UInt64(n)) }
            RectifyState.anomalies(anomalies, &w)
            commitments(erased, &w)
            commitments(shown, &w)
            w.raw(RenderedList.namesDigest(names, shown: shown).bytes)
            // The parts, where the list was cut at every community (the table): each community's bytes between its
            // boundary and the next.
            let cut = !fingerprints.isEmpty && boundaries.count == fingerprints.count + 1
                && boundaries.allSatisfy({ ($0 ?? 0) <= bytes })
            w.u64(cut ? UInt64(fingerprints.count) : 0)
            if cut {
                for (o, part) in fingerprints.enumerated() {
                    w.counted(Array(part.communityID.utf8))
                    w.raw(part.fingerprint.bytes)
                    if let from = boundaries[o], let to = boundaries[o + 1], from <= to {
                        w.u64(UInt64(from)); w.u64(UInt64(to - from))
                    } else {
                        w.u64(UInt64.max); w.u64(0)
                    }
                }
            }
            if cut, let summary {
                w.u64(1)
                summary.encode(&w)
            } else {
                w.u64(0)
            }
            w.u64(UInt64(bytes))
            out.write(w.bytes)
            self.out = nil
            _ = out.finish(genesis: genesis, stamp: stamp)
        }
    }
}
