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
    static let version: UInt32 = 1
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
        let list: ArraySlice<UInt8>
    }

    /// What `open` found.
    enum Opened {
        case usable(Kept)
        /// Another list, or one of an earlier head: no notice (it is replaced when this list is written).
        case other
        /// Damaged, foreign, of another version or out of step with the log: a notice, then made again.
        case unusable(ChainError.DerivedStateProblem)
    }

    /// The kept list for `key`, checked whole (header, stamp against the log, the records after it (none), the body's
    /// checksum) before anything is written from it. Nil when there is none. A list stamped before the head is `other`
    /// from its header alone (its body, never used, is not read).
    static func open(_ directory: LedgerDirectory, key: String) -> Opened? {
        // Its header and stamp first: a list kept before records were appended (a street office's list before a
        // clerk's append) is replaced, never served, so its body (some 200 MB at ten million records) is not read
        // and summed. Anything else — no file, a header or stamp that does not check — takes the whole read below,
        // which says what it is, as before.
        if let (file, header, _) = ((try? DerivedStateHeader.open(path(directory), kind: kind, version: version)) ?? nil) {
            file.close()
            if let resume = try? header.check(directory), let count = RectifyState.recordCount(directory, from: resume),
               count > header.stamp.seq {
                return .other
            }
        }
        let read: (header: DerivedStateHeader, body: ArraySlice<UInt8>)?
        do { read = try RectifyState.readWhole(path(directory), kind: kind, version: version, bytesMax: bytesMax + (1 << 20)) } catch {
            return .unusable(error.derivedStateProblem)
        }
        guard let (header, body) = read else { return nil }
        var r = ByteReader(body)
        // Another list's (its key) is not read further, nor checked against the log: it is replaced, not used.
        guard let keyBytes = r.counted(), String(decoding: keyBytes, as: UTF8.self) == key else { return .other }
        let resume: ResumePoint
        do { resume = try header.check(directory) } catch { return .unusable(error.derivedStateProblem) }
        // Stamped before the head (records follow it), or the log cannot say (the acknowledged head lies inside its
        // prefix, or the log after it fails verification: the command's own read says which).
        guard RectifyState.recordCount(directory, from: resume) == header.stamp.seq else { return .other }
        guard let count = r.u64(), let classes = r.u64(), classes == UInt64(ProblemClass.allCases.count) else {
            return .unusable(.damaged("cannot read its counts"))
        }
        var totals: [Int] = []
        for _ in 0..<classes { guard let n = r.u64(), n <= count else { return .unusable(.damaged("cannot read its counts")) }; totals.append(Int(n)) }
        guard let anomalies = RectifyState.anomalies(&r), let erased = commitments(&r), let shown = commitments(&r),
              let digestBytes = r.fixed(32), let digest = Digest32(bytes: digestBytes[...]), let length = r.u64(),
              length == UInt64(r.end - r.offset) else {
            return .unusable(.damaged("cannot read its parts"))
        }
        // The list itself is not copied out of what was read.
        let list = r.bytes[r.offset..<r.end]
        return .usable(Kept(findingCount: Int(count), totalsByClass: totals, anomalies: anomalies, erased: Set(erased), shown: Set(shown),
                            namesDigest: digest, list: list))
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

    /// Keeps the pieces of a list as they are written, then writes the file (only when the list was written whole).
    final class Recorder {
        let key: String
        private(set) var pieces: [[UInt8]] = []
        private(set) var bytes = 0

        init(key: String) { self.key = key }

        /// `deliver`, keeping each piece too (none once the list is longer than `bytesMax`).
        func wrap(_ deliver: @escaping ([UInt8]) -> Void) -> ([UInt8]) -> Void {
            { piece in
                deliver(piece)
                guard self.bytes <= RenderedList.bytesMax else { return }
                self.bytes += piece.count
                if self.bytes > RenderedList.bytesMax { self.pieces = [] } else { self.pieces.append(piece) }
            }
        }

        /// Writes `index/rectify.list` atomically (`RectifyState.writeAtomically`); quietly nothing when it cannot
        /// (a read-only ledger, a full disk: the list was written all the same).
        func write(_ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp, findingCount: Int, totalsByClass: [Int],
                   anomalies: [RectifyState.AnomalyLine], erased: Set<PersonalCommitment>, shown: Set<PersonalCommitment>,
                   names: PersonalNames) {
            guard bytes <= RenderedList.bytesMax else { return }
            var w = ByteWriter()
            w.counted(Array(key.utf8))
            w.u64(UInt64(findingCount))
            w.u64(UInt64(totalsByClass.count))
            for n in totalsByClass { w.u64(UInt64(n)) }
            RectifyState.anomalies(anomalies, &w)
            commitments(erased, &w)
            commitments(shown, &w)
            w.raw(RenderedList.namesDigest(names, shown: shown).bytes)
            w.u64(UInt64(bytes))
            let header = DerivedStateHeader(kind: RenderedList.kind, version: RenderedList.version, ledgerName: directory.name,
                                            genesis: genesis, stamp: stamp, bodyBytes: UInt64(w.bytes.count + bytes))
            let hasher = SHA256()
            hasher.update(w.bytes)
            for piece in pieces { hasher.update(piece) }
            let sum = hasher.finish()
            RectifyState.writeAtomically(RenderedList.path(directory), directory) { (write: ([UInt8]) throws(FileError) -> Void) throws(FileError) in
                try write(header.encoded())
                try write(w.bytes)
                for piece in pieces { try write(piece) }
                try write(sum.bytes)
            }
        }
    }
}

extension RectifyCommand {
    /// A kept list written as it was (`RenderedList`): the same warnings first (the records that cannot be applied,
    /// the personal values missing from `private/`), the same bytes, the same exit status. Nil when it cannot serve
    /// (another list, a changed `private/`, damage: with a notice for damage): the caller makes the list.
    static func keptList(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory, key: String,
                         asOf: CalendarDate, failOn: [ProblemClass]?) throws(CLIError) -> Int32? {
        switch RenderedList.open(directory, key: key) {
        case nil, .other?:
            return nil
        case .unusable(let problem)?:
            context.io.writeErr(DisplayText.neutralised(SystemWords.rebuilt(RenderedList.fileName, in: directory, problem), lineBreaks: .toSpace) + "\n")
            try? PosixFile.remove(RenderedList.path(directory))
            return nil
        case .usable(let kept)?:
            // The personal values it showed are still the ones private/ gives (checked before any warning is written).
            guard RenderedList.namesDigest(RenderedList.quietNames(directory, erased: kept.erased), shown: kept.shown) == kept.namesDigest else {
                return nil
            }
            QueryOptions.warnAboutAnomalies(lines: kept.anomalies, context)
            _ = PersonalDataSupport.names(directory, erased: kept.erased, shown: kept.shown, context)
            let out = arguments.value("out")
            try context.io.writeOutput(to: out) { deliver in
                var at = kept.list.startIndex
                while at < kept.list.endIndex {
                    let end = min(at + (1 << 20), kept.list.endIndex)
                    deliver(Array(kept.list[at..<end]))
                    at = end
                }
            }
            if let out, out != "-" { context.io.writeErr("rectify: \(kept.findingCount) finding(s) as of \(asOf) written to \(out)\n") }
            if let failOn, zip(ProblemClass.allCases, kept.totalsByClass).contains(where: { failOn.contains($0.0) && $0.1 > 0 }) { return 1 }
            return 0
        }
    }

    /// The stamps of `index/scopes` when it is stamped at the head a scoped read found (`recordCount`, `headHash`):
    /// what a list made from that read is stamped with when it is kept. Nil otherwise (the list is then not kept).
    static func scopeStamps(_ directory: LedgerDirectory, recordCount: Int64, headHash: Digest32) -> (genesis: StateStamp, stamp: StateStamp)? {
        stamps(ScopeIndex.path(directory), kind: ScopeIndex.kind, version: ScopeIndex.version, recordCount: recordCount, headHash: headHash)
    }

    /// The stamps of the derived file at `path` when it is stamped at `recordCount` with `headHash`.
    static func stamps(_ path: String, kind: String, version: UInt32, recordCount: Int64, headHash: Digest32) -> (genesis: StateStamp, stamp: StateStamp)? {
        guard let file = try? PosixFile(path: path, mode: .read, followLinks: false) else { return nil }
        defer { file.close() }
        var prefix: [UInt8] = []
        do { try file.read(at: 0, count: 8192, into: &prefix) } catch { return nil }
        guard let (header, _) = try? DerivedStateHeader.decode(prefix[...], kind: kind, version: version),
              header.stamp.seq == recordCount, header.stamp.hash == headHash else { return nil }
        return (header.genesis, header.stamp)
    }
}
