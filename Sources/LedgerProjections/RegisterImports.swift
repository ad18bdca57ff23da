import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The earlier imports of one register file, found from `index/checks.state` instead of a fold of the whole log
/// (ledger-spec.md 15.4): `ledger import assets` needs them to choose the import's id and to say that a file was
/// imported before, and they can be in any community's records.
public enum RegisterImports {
    /// Writes `index/checks.state` from the whole log when there is none or it is unusable (the next import
    /// then finds the earlier imports from it); returns the one-line notice about an unusable one. The caller holds
    /// the writers' lock, or is a reader (the file is written atomically either way).
    public static func prepare(_ directory: LedgerDirectory) throws(ChainError) -> String? {
        var notice: String? = nil
        do {
            if try CheckState.open(directory) != nil { return nil }
        } catch {
            notice = SystemWords.rebuilt(CheckState.fileName, in: directory, error)
        }
        if let built = try CheckState.build(directory, upToSeq: nil) { CheckState.write(built.bytes, directory) }
        return notice
    }

    /// The imports in effect (`Projection.imports`: the first `register.imported` of each import id, corrections
    /// applied) whose file has SHA-256 `fileSHA256`, oldest first by (date, import id) — as the whole log gives them.
    ///
    /// The stored state lists every import id in effect with the seq of the record that stated it; each such record
    /// is read from the log by position (its seq found by searching the log's byte offsets, its line checked: its
    /// computed hash is its stored hash, its seq and import id are the state's) for its file's SHA-256. The records
    /// after the state's stamp are read and verified, and their imports added.
    /// - Returns: nil when the state cannot decide it exactly (no usable `checks.state`, an acknowledged head before
    ///   its stamp, a correction after the stamp of a record the checks register, a damaged block or line): the
    ///   caller reads the whole log. An import whose fact in effect is a correction's replacement is read from the
    ///   correction.
    public static func imports(_ directory: LedgerDirectory, fileSHA256: String) throws(ChainError) -> [(importID: String, importedOn: CalendarDate)]? {
        try lookup(directory, fileSHA256: fileSHA256, communityIDs: [], assetIDs: [])?.imports
    }

    /// What `ledger import assets` needs of the whole log besides the assets its rows name.
    public struct Found {
        /// The earlier imports of the file, oldest first (`imports(_:fileSHA256:)`).
        public let imports: [(importID: String, importedOn: CalendarDate)]
        /// Those of the ids asked for that are registered communities in effect (`Projection.communities`' keys):
        /// the `R` entries of kind 0, and the records after the stamp.
        public let registeredCommunities: Set<String>
        /// Those of the asset ids asked for that are registered assets in effect (`Projection.assets`' keys): only
        /// their records need reading (`ScopeIndex.read(_:communityIDs:assetIDs:)`); the others are new.
        public let registeredAssets: Set<String>
        /// The log's last seq as read (the stamp and the records after it).
        public let headSeq: Int64
        /// The stored state with the records after its stamp folded on top, for checking the import's batch
        /// (`CheckState.validate(caughtUp:)`) without reading those records again.
        public let caughtUp: CheckState.CaughtUp
        /// The position (the seq of the record that stated it) of each of `imports`: the fact imports list a file's
        /// earlier imports in log order.
        public let importPositions: [String: Int64]

        /// Whether an import id is registered in effect (the `R` entries of kind 7 and the records after the stamp).
        public func isImportRegistered(_ id: String) -> Bool { caughtUp.fold.registers.entry(.import, id) != nil }
    }

    /// `imports(_:fileSHA256:)`, and which of `communityIDs` are registered communities; nil when the state cannot
    /// decide (as there).
    public static func lookup(_ directory: LedgerDirectory, fileSHA256: String, communityIDs: Set<String>,
                              assetIDs: Set<String>) throws(ChainError) -> Found? {
        guard let (table, point) = try? CheckState.open(directory) else { return nil }
        var later: [(terms: RegisterImported, on: CalendarDate, seq: Int64)] = []
        guard let caughtUp = try CheckState.CaughtUp.read(directory, table: table, from: point, visit: { record in
            if case .domain(.registerImported(let p)) = record.payload { later.append((p, record.occurredOn, record.seq)) }
        }) else { return nil }
        let fold = caughtUp.fold
        guard fold.gaveUp == nil else { return nil }
        let registered = Set(communityIDs.filter { fold.registers.entry(.community, $0) != nil })
        let registeredAssets = Set(assetIDs.filter { fold.registers.entry(.asset, $0) != nil })
        // Every import id in effect up to the stamp: the registry's keys of kind `import`, in key order (the table's
        // and the recent table's).
        let prefix = CheckKey.make(CheckKey.registry, .import, "")
        var stored: [(id: String, entry: ReferenceChecker.Entry)] = []
        guard let entries = table.entries(withPrefix: prefix) else { return nil }
        for (key, value) in entries {
            var reader = ValueReader(value)
            guard let id = String(validating: key[prefix.count...], as: UTF8.self), let entry = reader.entry() else { return nil }
            stored.append((id, entry))
        }
        guard table.damage == nil else { return nil }
        var found: [String: (sha: String, on: CalendarDate)] = [:]
        var positions: [String: Int64] = [:]
        if !stored.isEmpty {
            guard let log = LogSeek(directory, genesis: table.header.genesis, stamp: table.stamp) else { return nil }
            defer { log.close() }
            for (id, entry) in stored.sorted(by: { $0.entry.evidenceSeq < $1.entry.evidenceSeq }) {
                // The record whose content is in effect: the import itself, or the correction that replaced it.
                guard let record = log.record(seq: entry.evidenceSeq), case .domain(let domain) = record.payload else { return nil }
                switch domain {
                case .registerImported(let p) where entry.evidenceSeq == entry.position && p.importID == id:
                    found[id] = (p.fileSHA256, record.occurredOn)
                    positions[id] = entry.position
                case .correction(let c) where entry.evidenceSeq != entry.position:
                    guard let replacement = c.replacement, case .registerImported(let p) = replacement.payload, p.importID == id else { return nil }
                    found[id] = (p.fileSHA256, replacement.occurredOn)
                    positions[id] = entry.position
                default:
                    return nil
                }
            }
        }
        // After the stamp: the first record of each import id not already in effect (as the projection keeps it).
        for (terms, on, seq) in later where found[terms.importID] == nil {
            found[terms.importID] = (terms.fileSHA256, on)
            positions[terms.importID] = seq
        }
        guard table.damage == nil else { return nil }
        let imports = found.filter { $0.value.sha == fileSHA256 }
            .map { (importID: $0.key, importedOn: $0.value.on) }
            .sorted { ($0.importedOn, $0.importID) < ($1.importedOn, $1.importID) }
        return Found(imports: imports, registeredCommunities: registered, registeredAssets: registeredAssets, headSeq: fold.lastSeq,
                     caughtUp: caughtUp, importPositions: positions.filter { $0.value > 0 && found[$0.key]?.sha == fileSHA256 })
    }
}

/// Reads single records of the log before a stored state's stamp by seq: the lines' seqs grow with their byte
/// offsets, so a record is found by interpolating between two known lines (record 1 at offset 0 and the stamped
/// record), then narrowing, reading a few KiB each step. Each line found is checked: its computed hash is its stored
/// hash and its seq the one asked for. (The stamp itself is checked against the log by `DerivedStateHeader.check`.)
final class LogSeek {
    private let file: PosixFile
    private let hasher = SHA256()
    private var buffer: [UInt8] = []
    /// Known line starts (offset, seq), sorted: record 1 and the line after the stamp.
    private let first: (offset: Int64, seq: Int64)
    private let end: (offset: Int64, seq: Int64)
    /// The last record found: lookups in increasing seq order (the caller's) start their search there.
    private var lastFound: (offset: Int64, seq: Int64)? = nil

    init?(_ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp) {
        guard let file = try? PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) else { return nil }
        self.file = file
        first = (0, 1)
        end = (stamp.lineOffset + Int64(stamp.lineBytes) + 1, stamp.seq + 1)
    }

    func close() { file.close() }

    /// `{"hash":"` + 64 hex + `","prev":"` + 64 hex + `","seq":`: where a record line's seq starts.
    private static let seqOffset = 155

    /// The first line starting at or after `offset` (before `end`): its start and seq; nil when none or unreadable.
    private func line(atOrAfter offset: Int64) -> (offset: Int64, seq: Int64)? {
        var at = offset
        while at < end.offset {
            // A record line is some hundred bytes: a small read finds the next line start.
            let count = Int(min(4_096, end.offset - at))
            do { try file.read(at: at, count: count, into: &buffer) } catch { return nil }
            guard buffer.count == count else { return nil }
            var start: Int? = nil
            if at == 0 { start = 0 } else if let nl = buffer.firstIndex(of: 10) { start = nl + 1 }
            guard let s = start else { at += Int64(count); continue }
            let lineStart = at + Int64(s)
            if lineStart == end.offset { return end }
            guard lineStart < end.offset else { return nil }
            return seq(at: lineStart).map { (lineStart, $0) }
        }
        return nil
    }

    private func seq(at offset: Int64) -> Int64? {
        var bytes: [UInt8] = []
        do { try file.read(at: offset + Int64(Self.seqOffset), count: 20, into: &bytes) } catch { return nil }
        var value: Int64 = 0, digits = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { break }
            guard digits < 18 else { return nil }
            value = value * 10 + Int64(b - 48); digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Record `seq` (1 … the stamped seq), checked; nil when it cannot be found or its line does not check.
    func record(seq target: Int64) -> Record? {
        guard target >= first.seq, target < end.seq else { return nil }
        var lo = first, hi = end
        if let last = lastFound, last.seq <= target { lo = last }
        var found: Int64? = target == lo.seq ? lo.offset : nil
        var steps = 0
        while found == nil {
            steps += 1
            guard steps < 200, hi.offset - lo.offset > 1 else { return nil }
            // Interpolate on even steps, halve on odd ones: fast on lines of similar length, never stuck.
            let span = hi.offset - lo.offset
            var guess = steps % 2 == 1
                ? lo.offset + Int64(Double(span) * Double(target - lo.seq) / Double(hi.seq - lo.seq))
                : lo.offset + span / 2
            guess = min(max(guess, lo.offset + 1), hi.offset - 1)
            guard let at = line(atOrAfter: guess) else { return nil }
            if at.seq == target { found = at.offset; break }
            if at.seq < target {
                guard at.offset > lo.offset else { return nil }
                lo = at
            } else {
                // No line of the target's seq starts at or after `guess`.
                hi = (guess, at.seq)
                if hi.seq <= lo.seq { return nil }
            }
        }
        guard let offset = found else { return nil }
        // The whole line: read until its LF.
        var line: [UInt8] = []
        var at = offset
        while true {
            let count = Int(min(4_096, end.offset - at))
            guard count > 0 else { return nil }
            do { try file.read(at: at, count: count, into: &buffer) } catch { return nil }
            guard buffer.count == count else { return nil }
            if let nl = buffer.firstIndex(of: 10) { line += buffer[..<nl]; break }
            line += buffer
            at += Int64(count)
            guard line.count <= 64 << 20 else { return nil }
        }
        guard line.count > 75, let record = try? RecordCodec.decode(line: line[...]), record.seq == target,
              RecordCodec.hashedBytesDigest(line: line[...], hasher: hasher) == record.hash else { return nil }
        lastFound = (offset, target)
        return record
    }
}

