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

    /// `index/rectify.list-patch` (ledger-spec.md 15.9, "After an append"): a list made after an append, kept as the
    /// pieces of the kept file's list it reuses and its own bytes for the rest, so that the file (some 200 MB at ten
    /// million records) is not written again, hashed and fsync'ed after every append.
    static let patchFileName = RectifyState.listPatchFileName
    static let patchKind = "LEDGER-RECTIFY-LIST-PATCH"
    static let patchVersion: UInt32 = 1
    /// A patch larger than this is never read (its writer keeps its own bytes well under it, `ownMax`).
    static let patchBytesMax = 256 << 20
    /// Test hook (tests only): the most bytes of its own a patch may hold (`ownMax`); 0 writes every list whole.
    static let patchBytesVariable = "LEDGER_TEST_RECTIFY_LIST_PATCH_BYTES"

    static func patchPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + patchFileName }

    /// Removes the kept list and its patch, best effort: a list left behind is checked before any use.
    static func remove(_ directory: LedgerDirectory) {
        try? PosixFile.remove(path(directory))
        try? PosixFile.remove(patchPath(directory))
    }

    /// Removes the kept list and its patch for an erasure, and flushes `index/`: both hold lists as rendered, names
    /// included, and must be gone before the erasure is recorded (ledger-spec.md 10.3). Both are tried; the first
    /// failure is thrown, with the file that could not be removed (a missing file is removed).
    static func removeForErasure(_ directory: LedgerDirectory) throws(FileError) {
        var failure: FileError? = nil
        for file in [path(directory), patchPath(directory)] {
            do { try PosixFile.remove(file) } catch {
                if failure == nil, PosixFile.kind(at: file, followLinks: false) != nil { failure = error }
            }
        }
        if let failure { throw failure }
        if PosixFile.kind(at: directory.indexPath, followLinks: false) == .directory { try PosixFile.syncDirectory(directory.indexPath) }
    }

    /// Why an erasure did not go on: a kept list that could not be removed (`removeForErasure`), and what to do.
    /// `deleted`: the values are gone from private/ already (the erasure waits, interrupted, for `--resume`).
    static func notRemovedForErasure(_ failure: FileError, deleted: Bool) -> Message {
        let error = SystemWords.fileError(failure)
        let state = deleted
            ? Wording(en: "the values were deleted from private/ and reports show them as erased, but the erasure is not recorded yet: delete the file by hand (or make index/ writable), then run `ledger erase-personal --resume` to complete it",
                      zh: "这些值已从 private/ 中删除，报表显示为已删除，但删除尚未记录：请手工删除该文件（或使 index/ 可写），然后运行“ledger erase-personal --resume”完成删除")
            : Wording(en: "nothing was erased: delete the file by hand (or make index/ writable), then run the command again",
                      zh: "什么也没有删除：请手工删除该文件（或使 index/ 可写），然后再运行一次本命令")
        return Message(en: "a kept rectification list could not be removed (\(error.en)); it holds the list as it was printed, names included, and an erasure is recorded only once it is gone (ledger-spec.md 10.3); " + state.en + ".",
                       zh: "无法删除保存的整改清单（\(error.zh)）；其中保存着清单打印时的样子，含姓名，删除须在它删去之后才能记录（ledger-spec.md 10.3）；" + state.zh + "。")
    }

    /// The most bytes of its own a patch of a list of `baseBytes` may hold: an eighth of the list (at least 1 MiB).
    /// Beyond it the list is written whole again (and the patch removed): a patch's own bytes are written again by
    /// every later patch, and read, with the file, by every list served from it.
    static func ownMax(baseBytes: Int, environment: [String: String]) -> Int {
        if let text = environment[patchBytesVariable], let n = Int(text), n >= 0 { return n }
        return min(max(baseBytes / 8, 1 << 20), patchBytesMax / 2)
    }

    /// The kept file's list that a patch is made against: the file's identity (the SHA-256 of its header's bytes and
    /// its body's SHA-256), its header and its list's bytes.
    struct Base {
        let identity: Digest32
        let header: DerivedStateHeader
        let list: ArraySlice<UInt8>

        static func identity(_ header: DerivedStateHeader, sum: Digest32) -> Digest32 { SHA256.digest(header.encoded() + sum.bytes) }
    }

    /// A kept list's bytes: the file's list, or the pieces a patch puts together from it and its own bytes.
    struct ListBytes {
        struct Segment {
            /// Where it begins in the list.
            let start: Int
            let bytes: ArraySlice<UInt8>
            /// Where it lies in the file's list (nil: the patch's own bytes).
            let baseOffset: Int?
        }
        let segments: [Segment]
        let count: Int

        init(segments: [Segment], count: Int) { self.segments = segments; self.count = count }

        init(base: ArraySlice<UInt8>) {
            self.init(segments: base.isEmpty ? [] : [Segment(start: 0, bytes: base, baseOffset: 0)], count: base.count)
        }

        /// The bytes of `range`, and where they lie in the file's list when they are all its.
        func slice(_ range: Range<Int>) -> (bytes: ArraySlice<UInt8>, baseOffset: Int?) {
            // The last segment beginning at or before the range.
            var low = 0, high = segments.count
            while low < high {
                let mid = (low + high) / 2
                if segments[mid].start <= range.lowerBound { low = mid + 1 } else { high = mid }
            }
            if low > 0 {
                let s = segments[low - 1]
                if range.upperBound <= s.start + s.bytes.count {
                    let from = s.bytes.startIndex + (range.lowerBound - s.start)
                    return (s.bytes[from..<(from + range.count)], s.baseOffset.map { $0 + range.lowerBound - s.start })
                }
            }
            // Across segments (a writer never cuts a part so; the bytes are the same all the same): copied.
            var out: [UInt8] = []
            out.reserveCapacity(range.count)
            for s in segments where s.start < range.upperBound && s.start + s.bytes.count > range.lowerBound {
                let a = max(range.lowerBound, s.start) - s.start, b = min(range.upperBound, s.start + s.bytes.count) - s.start
                out += s.bytes[(s.bytes.startIndex + a)..<(s.bytes.startIndex + b)]
            }
            return (out[...], nil)
        }
    }

    /// What is kept about a list besides its bytes: after them in the file, after the pieces in a patch.
    struct Tail {
        let findingCount: Int
        let totalsByClass: [Int]
        let anomalies: [RectifyState.AnomalyLine]
        let erased: Set<PersonalCommitment>
        let shown: Set<PersonalCommitment>
        let namesDigest: Digest32
        /// Each community's part: the digest of what made its bytes, and where they lie in the list (nil: not cut).
        let parts: [Part]
        /// What the list's first pass found, for the inputs `Summary.digest` names (nil for a list not cut).
        let summary: Summary?
        /// The list's length (the last field).
        let length: Int

        /// Reads it to the end of `r`.
        static func decode(_ r: inout ByteReader) throws(ChainError) -> Tail {
            guard let count = r.u64(), let classes = r.u64(), classes == UInt64(ProblemClass.allCases.count) else {
                throw .damaged(.unreadable(.counts))
            }
            var totals: [Int] = []
            for _ in 0..<classes { guard let n = r.u64(), n <= count else { throw .damaged(.unreadable(.counts)) }; totals.append(Int(n)) }
            guard let anomalies = RectifyState.anomalies(&r), let erased = RenderedList.commitments(&r),
                  let shown = RenderedList.commitments(&r), let digestBytes = r.fixed(32), let digest = Digest32(bytes: digestBytes[...]),
                  let parts = RenderedList.parts(&r), let hasSummary = r.u64(), hasSummary <= 1 else {
                throw .damaged(.unreadable(.all(.part)))
            }
            var summary: Summary? = nil
            if hasSummary == 1 {
                guard let read = Summary.decode(&r) else { throw .damaged(.unreadable(.all(.part))) }
                summary = read
            }
            guard let length = r.u64(), length <= UInt64(RenderedList.bytesMax), r.isAtEnd,
                  parts.allSatisfy({ $0.range.map { $0.upperBound <= Int(length) } ?? true }) else {
                throw .damaged(.unreadable(.all(.part)))
            }
            return Tail(findingCount: Int(count), totalsByClass: totals, anomalies: anomalies, erased: Set(erased), shown: Set(shown),
                        namesDigest: digest, parts: parts, summary: summary, length: Int(length))
        }
    }

    /// A kept list.
    struct Kept {
        let tail: Tail
        let list: ListBytes
        /// The file the list is (or its patch is made against): a list made from this one is kept as a patch of it.
        let base: Base

        var findingCount: Int { tail.findingCount }
        var totalsByClass: [Int] { tail.totalsByClass }
        var anomalies: [RectifyState.AnomalyLine] { tail.anomalies }
        var erased: Set<PersonalCommitment> { tail.erased }
        var shown: Set<PersonalCommitment> { tail.shown }
        var namesDigest: Digest32 { tail.namesDigest }
    }

    /// A patch read and checked (15.1 checks 1–3, its body's SHA-256, naming the file, stamped after it): the list's
    /// pieces — the file's list's bytes or its own — and what is kept about the list.
    struct Patch {
        let header: DerivedStateHeader
        let resume: ResumePoint
        let identity: Digest32
        let pieces: [(fromBase: Bool, offset: Int, length: Int)]
        let own: ArraySlice<UInt8>
        let tail: Tail

        /// The list it stands for, put together with the file's list.
        func list(base: ArraySlice<UInt8>) -> ListBytes {
            var segments: [ListBytes.Segment] = []
            var at = 0
            for piece in pieces where piece.length > 0 {
                let from = (piece.fromBase ? base.startIndex : own.startIndex) + piece.offset
                segments.append(.init(start: at, bytes: (piece.fromBase ? base : own)[from..<(from + piece.length)],
                                      baseOffset: piece.fromBase ? piece.offset : nil))
                at += piece.length
            }
            return ListBytes(segments: segments, count: at)
        }
    }

    /// `index/rectify.list-patch` when it names the file of `identity` (whose list is `baseLength` bytes): nil when
    /// there is none or it names another file (left by a file written since: ignored, without a notice).
    /// - Throws: why it cannot be used (damaged, another ledger's, of another version, out of step with the log).
    static func readPatch(_ directory: LedgerDirectory, identity: Digest32, base: DerivedStateHeader,
                          baseLength: Int) throws(ChainError) -> Patch? {
        guard let (header, body, _) = try RectifyState.readWhole(patchPath(directory), kind: patchKind, version: patchVersion,
                                                                 bytesMax: patchBytesMax + (1 << 20)) else { return nil }
        let resume = try header.check(directory)
        var r = ByteReader(body)
        guard let named = r.fixed(32), let namedDigest = Digest32(bytes: named[...]) else { throw .damaged(.unreadable(.body)) }
        guard namedDigest == identity else { return nil }
        guard header.stamp.seq > base.stamp.seq, header.genesis == base.genesis else { throw .damaged(.stampNotAfterState) }
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) / 24 else { throw .damaged(.unreadable(.body)) }
        var pieces: [(fromBase: Bool, offset: Int, length: Int)] = []
        for _ in 0..<n {
            guard let kind = r.u64(), kind <= 1, let offset = r.u64(), let length = r.u64(),
                  offset <= UInt64(bytesMax), length <= UInt64(bytesMax) else { throw .damaged(.unreadable(.body)) }
            pieces.append((kind == 0, Int(offset), Int(length)))
        }
        guard let ownLength = r.u64(), ownLength <= UInt64(r.end - r.offset) else { throw .damaged(.unreadable(.body)) }
        let own = body[r.offset..<(r.offset + Int(ownLength))]
        r.offset += Int(ownLength)
        let tail = try Tail.decode(&r)
        var total = 0
        for piece in pieces {
            guard piece.offset + piece.length <= (piece.fromBase ? baseLength : own.count) else { throw .damaged(.unreadable(.all(.part))) }
            total += piece.length
        }
        guard total == tail.length else { throw .damaged(.unreadable(.all(.part))) }
        return Patch(header: header, resume: resume, identity: identity, pieces: pieces, own: own, tail: tail)
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
        private var byCommunity: [String: (fingerprint: Digest32, range: Range<Int>)] = [:]
        private let list: ListBytes
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

        /// The file the kept list is (or its patch is made against): the list made is kept as a patch of it.
        let base: Base

        init(_ kept: Kept) {
            summary = kept.tail.summary
            anomalies = kept.anomalies
            shown = kept.shown
            namesDigest = kept.namesDigest
            base = kept.base
            list = kept.list
            for part in kept.tail.parts {
                guard let range = part.range else { continue }
                byCommunity[part.communityID] = (part.fingerprint, range)
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

        /// The kept bytes of `communityID`'s part when it was made from the same inputs, and where they lie in the
        /// file's list when they are its (a list kept as a patch refers to them there).
        func bytes(_ communityID: String, fingerprint: Digest32) -> (bytes: ArraySlice<UInt8>, baseOffset: Int?)? {
            guard enabled, let kept = byCommunity[communityID], kept.fingerprint == fingerprint else { return nil }
            reused += 1
            return list.slice(kept.range)
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
    /// checksum) before anything is written from it, with its patch (`index/rectify.list-patch`) when one names it: the
    /// patch's list, stamp and counts then stand for the file's. Nil when there is none. A list stamped before the head
    /// is `other` from its header alone (its body, never used, is not read).
    /// - Parameters:
    ///   - staleParts: a list stamped before the head with this key is read whole for its parts (`stale`) — a
    ///     table's, which is cut into parts; else it is `other` from its header alone.
    ///   - patchProblem: set when a patch naming the file cannot be used (it is removed, and the file read without it).
    static func open(_ directory: LedgerDirectory, key: String, staleParts: Bool = false,
                     patchProblem: inout ChainError.DerivedStateProblem?) -> Opened? {
        // Its header and stamp first (the patch's when one names the file): a list kept before records were appended
        // (a street office's list before a clerk's append) is replaced, never served, so its body (some 200 MB at ten
        // million records) is not read and summed. Anything else — no file, a header or stamp that does not check —
        // takes the whole read below, which says what it is, as before.
        // Stale but of this key (the same street's list, before a clerk's append): read whole for its parts.
        var staleKept = false
        var atHead = false
        var patch: Patch? = nil
        if let (file, header, start) = ((try? DerivedStateHeader.open(path(directory), kind: kind, version: version)) ?? nil) {
            defer { file.close() }
            var effective = header
            var resume = try? header.check(directory)
            // The file's identity and its list's length, from its last 40 bytes (the list's length, the body's SHA-256).
            var ends: [UInt8] = []
            if resume != nil, header.bodyBytes >= 8,
               (try? file.read(at: Int64(start) + Int64(header.bodyBytes) - 8, count: 40, into: &ends)) != nil, ends.count == 40 {
                var r = ByteReader(ends)
                if let length = r.u64(), length <= UInt64(bytesMax), let sum = Digest32(bytes: ends[8...]) {
                    do {
                        if let read = try readPatch(directory, identity: Base.identity(header, sum: sum), base: header, baseLength: Int(length)) {
                            patch = read; effective = read.header; resume = read.resume
                        }
                    } catch {
                        patchProblem = error.derivedStateProblem
                        try? PosixFile.remove(patchPath(directory))
                    }
                }
            }
            if let resume, let count = RectifyState.recordCount(directory, from: resume) {
                if count > effective.stamp.seq {
                    guard staleParts else { return .other }
                    var prefix: [UInt8] = []
                    guard (try? file.read(at: Int64(start), count: 8 + 256, into: &prefix)) != nil else { return .other }
                    var r = ByteReader(prefix[...])
                    guard let keyBytes = r.counted(max: 256), String(decoding: keyBytes, as: UTF8.self) == key else { return .other }
                    staleKept = true
                } else if count == effective.stamp.seq {
                    atHead = true
                }
            }
        }
        let read: (header: DerivedStateHeader, body: ArraySlice<UInt8>, sum: Digest32)?
        do { read = try RectifyState.readWhole(path(directory), kind: kind, version: version, bytesMax: bytesMax + (1 << 20)) } catch {
            return .unusable(error.derivedStateProblem)
        }
        guard let (header, body, sum) = read else { return nil }
        var keyReader = ByteReader(body)
        // Another list's (its key) is not read further, nor checked against the log: it is replaced, not used.
        guard let keyBytes = keyReader.counted(), String(decoding: keyBytes, as: UTF8.self) == key else { return .other }
        let identity = Base.identity(header, sum: sum)
        // A file replaced between its header's read and this one: the patch (and the stamp) checked were another's.
        if let patch, patch.identity != identity { return .other }
        if !staleKept && !atHead {
            let resume: ResumePoint
            do { resume = try header.check(directory) } catch { return .unusable(error.derivedStateProblem) }
            // Stamped before the head (records follow it), or the log cannot say (the acknowledged head lies inside its
            // prefix, or the log after it fails verification: the command's own read says which).
            guard patch == nil, RectifyState.recordCount(directory, from: resume) == header.stamp.seq else { return .other }
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
        var r = ByteReader(body, from: listEnd)
        let tail: Tail
        do { tail = try Tail.decode(&r) } catch { return .unusable(error.derivedStateProblem) }
        guard tail.length == list.count else { return .unusable(.damaged(.unreadable(.all(.part)))) }
        let base = Base(identity: identity, header: header, list: list)
        let kept = patch.map { Kept(tail: $0.tail, list: $0.list(base: list), base: base) }
            ?? Kept(tail: tail, list: ListBytes(base: list), base: base)
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
    /// A list made from a kept one (`base`: after an append, its parts whose inputs did not change written from the
    /// kept bytes) is kept as a patch of the file instead (`index/rectify.list-patch`): the kept parts as ranges of the
    /// file's list, the rest as the patch's own bytes, held until the list ends (at most `ownMax`; beyond, the file
    /// is written whole from then on, the bytes gathered so far first).
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
        private(set) var boundaries: [Int?] = []
        /// Each community's id and fingerprint, in list order (set by the parted list).
        var fingerprints: [(communityID: String, fingerprint: Digest32)] = []
        /// The parted list's first pass (kept with its parts).
        var summary: Summary? = nil
        /// Per community in list order, for a part written from the kept list: its length and where its bytes lie in
        /// the file's list (nil: not the file's). Set before the first part is written (by the parted list).
        var keptParts: [(length: Int, baseOffset: Int?)?] = []
        /// The file a patch would be made against, while the list may still be kept as one (nil: written whole).
        private var base: Base?
        private let ownMax: Int
        /// The kept parts' bytes still to come, as the list's positions and the file's (in list order).
        private var baseRanges: [(start: Int, length: Int, baseOffset: Int)] = []
        private var nextRange = 0
        /// The patch's pieces so far, and its own bytes.
        private var pieces: [(fromBase: Bool, offset: Int, length: Int)] = []
        private var own: [UInt8] = []

        init(key: String, directory: LedgerDirectory, base: Base? = nil, ownMax: Int = 0) {
            self.key = key
            self.directory = directory
            self.base = base
            self.ownMax = ownMax
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

        /// The list's position before part `boundaries.count` (or after the last): a part written from the kept
        /// file's bytes is noted there, before its bytes are delivered.
        func boundary(_ at: Int?) {
            let ordinal = boundaries.count
            boundaries.append(at)
            guard base != nil, let at, ordinal < keptParts.count, let part = keptParts[ordinal], let offset = part.baseOffset,
                  part.length > 0 else { return }
            baseRanges.append((at, part.length, offset))
        }

        private func keep(_ piece: [UInt8]) {
            guard bytes <= RenderedList.bytesMax else { return }
            let from = bytes
            bytes += piece.count
            guard bytes <= RenderedList.bytesMax else { giveUp(); return }
            if base != nil {
                gather(piece, at: from)
                if own.count > ownMax { writeWhole() }
                return
            }
            if !opened { open() }
            out?.write(piece)
        }

        /// Notes `piece` (at list position `from`) as the patch's pieces: the bytes of a kept part as the file's
        /// range, the rest copied into its own bytes.
        private func gather(_ piece: [UInt8], at from: Int) {
            let end = from + piece.count
            var p = from
            while p < end {
                while nextRange < baseRanges.count, baseRanges[nextRange].start + baseRanges[nextRange].length <= p { nextRange += 1 }
                if nextRange < baseRanges.count, baseRanges[nextRange].start <= p {
                    let range = baseRanges[nextRange]
                    let to = min(range.start + range.length, end)
                    add(fromBase: true, offset: range.baseOffset + (p - range.start), length: to - p)
                    p = to
                } else {
                    let to = nextRange < baseRanges.count ? min(baseRanges[nextRange].start, end) : end
                    add(fromBase: false, offset: own.count, length: to - p)
                    own += piece[(p - from)..<(to - from)]
                    p = to
                }
            }
        }

        private func add(fromBase: Bool, offset: Int, length: Int) {
            if let last = pieces.last, last.fromBase == fromBase, last.offset + last.length == offset {
                pieces[pieces.count - 1].length += length
            } else {
                pieces.append((fromBase, offset, length))
            }
        }

        /// Gives up the patch: the file is written whole, beginning with the bytes gathered so far.
        private func writeWhole() {
            guard let base else { return }
            self.base = nil
            if !opened { open() }
            for piece in pieces {
                let source = piece.fromBase ? base.list : own[...]
                var at = source.startIndex + piece.offset
                let end = at + piece.length
                while at < end, let out {
                    let to = min(at + (1 << 20), end)
                    out.write(Array(source[at..<to]))
                    at = to
                }
            }
            pieces = []; own = []; baseRanges = []; nextRange = 0
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
            base = nil; pieces = []; own = []; baseRanges = []
        }

        /// Ends `index/rectify.list` (what is kept about the list after it, its length last) and puts it in place
        /// atomically (15.1), or writes the patch that makes it of the kept file; quietly nothing when it cannot (a
        /// read-only ledger, a full disk, a list too long: the list was written all the same).
        func write(_ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp, findingCount: Int, totalsByClass: [Int],
                   anomalies: [RectifyState.AnomalyLine], erased: Set<PersonalCommitment>, shown: Set<PersonalCommitment>,
                   names: PersonalNames) {
            defer { giveUp() }
            guard bytes <= RenderedList.bytesMax else { return }
            let tail = tailBytes(findingCount: findingCount, totalsByClass: totalsByClass, anomalies: anomalies, erased: erased,
                                 shown: shown, names: names)
            if let base {
                // A patch only of a list that kept some of the file's bytes, stamped after it.
                if pieces.contains(where: \.fromBase), stamp.seq > base.header.stamp.seq, genesis == base.header.genesis,
                   writePatch(directory, base: base, genesis: genesis, stamp: stamp, tail: tail) {
                    return
                }
                writeWhole()
            }
            if !opened { open() }
            guard let out else { return }
            out.write(tail)
            self.out = nil
            // A patch of the file replaced names the old file: it would be ignored, but is removed.
            if out.finish(genesis: genesis, stamp: stamp) { try? PosixFile.remove(RenderedList.patchPath(directory)) }
        }

        /// `index/rectify.list-patch` (15.9): the header of 15.1; the file's identity, u64 count and per piece u64 0 (the
        /// file's list) or 1 (the patch's own bytes), u64 offset, u64 length; bytes its own; what is kept about the list
        /// (as the file keeps it after its list, the list's length last); the body's SHA-256.
        private func writePatch(_ directory: LedgerDirectory, base: Base, genesis: StateStamp, stamp: StateStamp, tail: [UInt8]) -> Bool {
            var head = ByteWriter()
            head.raw(base.identity.bytes)
            head.u64(UInt64(pieces.count))
            for piece in pieces { head.u64(piece.fromBase ? 0 : 1); head.u64(UInt64(piece.offset)); head.u64(UInt64(piece.length)) }
            head.u64(UInt64(own.count))
            let bodyBytes = head.bytes.count + own.count + tail.count
            guard bodyBytes <= RenderedList.patchBytesMax else { return false }
            let header = DerivedStateHeader(kind: RenderedList.patchKind, version: RenderedList.patchVersion, ledgerName: directory.name,
                                            genesis: genesis, stamp: stamp, bodyBytes: UInt64(bodyBytes))
            let hasher = SHA256()
            hasher.begin()
            hasher.update(head.bytes); hasher.update(own); hasher.update(tail)
            let sum = hasher.finish()
            return RectifyState.writeAtomically(RenderedList.patchPath(directory), directory) { (write: ([UInt8]) throws(FileError) -> Void) throws(FileError) in
                try write(header.encoded())
                try write(head.bytes)
                try write(own)
                try write(tail)
                try write(sum.bytes)
            }
        }

        /// What is kept about the list after its bytes (`Tail`).
        private func tailBytes(findingCount: Int, totalsByClass: [Int], anomalies: [RectifyState.AnomalyLine],
                               erased: Set<PersonalCommitment>, shown: Set<PersonalCommitment>, names: PersonalNames) -> [UInt8] {
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
            return w.bytes
        }
    }
}
