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
    /// The stored state keys every import in effect by the file SHA-256 its fact states (`I` entries: the import's
    /// id, date and position), so only the file's own imports are read — not every import's record in the log,
    /// which grew with the city (some 10,000 records read by position at 10 million records). The records after
    /// the state's stamp are read and verified, and their imports added.
    /// - Returns: nil when the state cannot decide it exactly (no usable `checks.state`, an acknowledged head before
    ///   its stamp, a correction after the stamp of a record the checks register, a damaged block or entry): the
    ///   caller reads the whole log. An import whose fact in effect is a correction's replacement is keyed by the
    ///   replacement's file SHA-256 and dated by it.
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
        /// Those of the asset ids asked for that are registered assets in effect (`Projection.assets`' keys), and the
        /// registered ids differing from one of them only in ASCII letter case: only their records need reading
        /// (`ScopeIndex.read(_:communityIDs:assetIDs:)`); the others are new.
        public let registeredAssets: Set<String>
        /// The log's last seq as read (the stamp and the records after it).
        public let headSeq: Int64
        /// The stored state with the records after its stamp folded on top, for checking the import's batch
        /// (`CheckState.validate(caughtUp:)`) without reading those records again.
        public let caughtUp: CheckState.CaughtUp
        /// The position (the seq of the record that stated it) of each of `imports`: the fact imports list a file's
        /// earlier imports in log order.
        public let importPositions: [String: Int64]

        /// The asset ids asked about that `caughtUp` does not register, for `CheckState.validate(absentAssets:)`.
        public let absentAssets: CheckState.AbsentAssets

        /// The recorded parts a new part of the twin keys asked for can repeat (`lookup`'s `twinKeys`): those kept
        /// under the keys, and every part of the communities asked for kept unsure (ledger-spec.md 15.4, `W`). A
        /// superset: each is read and compared as it is in effect.
        public let twinAssets: Set<String>

        /// Registered assets whose ids differ from a named id only in ASCII letter case and are not named themselves
        /// (a mixed-case `Mk-7` for a row's `mK-7`): read with the named registered assets, so that the importer's
        /// letter-case rule sees them (the batch's check does not hold parts to it).
        public let caseTwinAssets: Set<String>

        /// Of `twinAssets`, the parts found only under an unsure key (updated parts) and not among the registered
        /// named assets, whose own records' places the state gives (`Z`, ledger-spec.md 15.4): read by those places
        /// (`records(_:at:)`), not by their groups in `index/scopes` (each a whole community). The others of
        /// `twinAssets` are read by their groups.
        public let twinLines: [String: [PartLine]]

        /// The records of `lines` read from the log (each checked against its stored place and hash), in seq order;
        /// nil when one does not check.
        public static func records(_ directory: LedgerDirectory, at lines: [PartLine]) throws(ChainError) -> [Record]? {
            try PartLine.records(directory, at: lines)
        }

        /// Whether an import id is registered in effect (the `R` entries of kind 7 and the records after the stamp).
        public func isImportRegistered(_ id: String) -> Bool { caughtUp.fold.registers.entry(.import, id) != nil }
    }

    /// ASCII letters in `id`, up to two.
    static func letterCount(_ id: String) -> Int {
        var count = 0
        for byte in id.utf8 where (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
            count += 1
            if count == 2 { break }
        }
        return count
    }

    /// `imports(_:fileSHA256:)`, and which of `communityIDs` are registered communities; nil when the state cannot
    /// decide (as there).
    /// - Parameter assetIDs: the asset ids the rows name, with the spellings a registered twin may have
    ///   (`NamedAssetIDs`: an id of digits stands for each spelling of its digits up to twenty characters, looked up
    ///   here a bounded number at a time); `Found.registeredAssets` lists the spellings found.
    /// - Parameter twinKeys: the new parts' twin keys (`PartTwinKey`, of rows of `communityIDs`), whose recorded
    ///   parts are `Found.twinAssets`, with the unsure parts of `communityIDs` (and of no community); nil: none asked.
    public static func lookup(_ directory: LedgerDirectory, fileSHA256: String, communityIDs: Set<String>,
                              assetIDs: NamedAssetIDs, twinKeys: Set<PartTwinKey>? = nil) throws(ChainError) -> Found? {
        guard let (table, point) = try? CheckState.open(directory) else { return nil }
        var later: [(terms: RegisterImported, on: CalendarDate, seq: Int64)] = []
        guard let caughtUp = try CheckState.CaughtUp.read(directory, table: table, from: point, visit: { record in
            if case .domain(.registerImported(let p)) = record.payload { later.append((p, record.occurredOn, record.seq)) }
        }) else { return nil }
        let fold = caughtUp.fold
        guard fold.gaveUp == nil else { return nil }
        let registered = Set(communityIDs.filter { fold.registers.entry(.community, $0) != nil })
        let registeredAssets = fold.registers.registered(.asset, among: assetIDs)
        // The importer holds a new id to the letter-case rule against the recorded ids it reads (section 8; the
        // batch's check does not hold parts to it). The named ids include each row id's all-upper and all-lower
        // spellings; a recorded twin of mixed case (`Mk-7` for `mK-7`) is looked up here, once per case-folded id of
        // two letters or more, in the table (its `R` keys walked in both cases, `CheckTable.caseVariants`) and among
        // the registrations after the stamp, and read as the named registered assets are, as the whole log reads
        // every part.
        var caseTwinAssets = Set<String>()
        var memoryFolded: [String: [String]] = [:]
        let registers = fold.registers
        for (n, entity) in registers.collected.entities.enumerated() where entity.kind == .asset && registers.registeredInMemory(Int32(n)) != nil {
            memoryFolded[Registers.caseFolded(entity.id), default: []].append(entity.id)
        }
        var folded = Set<String>()
        // (The spellings of an id of digits have no letter: only the ids kept as written are walked.)
        for id in assetIDs.asWritten where Self.letterCount(id) >= 2 {
            let key = Registers.caseFolded(id)
            guard folded.insert(key).inserted else { continue }
            for other in memoryFolded[key] ?? [] where !assetIDs.contains(other) { caseTwinAssets.insert(other) }
            for (other, _) in table.caseVariants(.asset, id) where !assetIDs.contains(other) { caseTwinAssets.insert(other) }
        }
        // The file's imports in effect up to the stamp: the `I` entries of its SHA-256 (the table's and the recent
        // table's), each the `R` entry of its import id — the date and position of the fact in effect (the import,
        // or the correction whose replacement it is). Only the file's own imports are read, never the log.
        var found: [String: (sha: String, on: CalendarDate)] = [:]
        var positions: [String: Int64] = [:]
        guard let stored = table.imports(ofFile: fileSHA256) else { return nil }
        for (id, entry) in stored {
            found[id] = (fileSHA256, entry.date)
            positions[id] = entry.position
        }
        // After the stamp: the first record of each import id not already in effect (as the projection keeps it):
        // an id registered up to the stamp (by any file) or earlier after it keeps its first fact.
        var laterIDs = Set<String>()
        for (terms, on, seq) in later where laterIDs.insert(terms.importID).inserted {
            guard found[terms.importID] == nil, table.entry(.import, terms.importID) == nil else { continue }
            found[terms.importID] = (terms.fileSHA256, on)
            positions[terms.importID] = seq
        }
        var twinAssets = Set<String>()
        var twinLines: [String: [PartLine]] = [:]
        if let keys = twinKeys {
            var unsure: Set<PartTwinKey> = [.unsure(community: nil)]
            for community in communityIDs { unsure.insert(.unsure(community: community)) }
            guard let byContent = fold.registers.twinIDs(keys.subtracting(unsure)), let updated = fold.registers.twinIDs(unsure) else { return nil }
            twinAssets = byContent.union(updated)
            // An updated part no content key finds, and no row names: its own records by their places (the parts a
            // content key finds, and the named ones, are read by their groups all the same).
            twinLines = fold.registers.partLines(updated.subtracting(byContent).subtracting(registeredAssets).sorted())
        }
        guard table.damage == nil else { return nil }
        let imports = found.filter { $0.value.sha == fileSHA256 }
            .map { (importID: $0.key, importedOn: $0.value.on) }
            .sorted { ($0.importedOn, $0.importID) < ($1.importedOn, $1.importID) }
        return Found(imports: imports, registeredCommunities: registered, registeredAssets: registeredAssets, headSeq: fold.lastSeq,
                     caughtUp: caughtUp, importPositions: positions.filter { $0.value > 0 && found[$0.key]?.sha == fileSHA256 },
                     absentAssets: CheckState.AbsentAssets(asked: assetIDs, registered: registeredAssets), twinAssets: twinAssets,
                     caseTwinAssets: caseTwinAssets, twinLines: twinLines)
    }
}
