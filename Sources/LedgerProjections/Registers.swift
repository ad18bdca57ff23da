import LedgerChain
import LedgerEvents
import LedgerPlatform

/// What the facts before the one being checked registered: pass 1's result, held in memory and, when `base` is
/// given, resting on the stored state of the records up to its stamp (earlier positions: it wins for the first of
/// two equal ids). With `collecting` set it also gathers what the stored state keeps beyond pass 1 (`Collected`).
struct Registers {
    typealias Entry = ReferenceChecker.Entry
    typealias Kind = ReferenceChecker.Kind
    typealias Problem = ReferenceChecker.Problem

    let base: CheckTable?
    /// Registrations and endings in memory, by the entity's number (`Collected.numbers`); nil for none. An id is
    /// hashed once per reference (its number), not once per register it is looked up in.
    private(set) var registered: [Entry?] = []
    private(set) var ended: [Entry?] = []
    /// Finding key → the lists that issued it (in log order).
    var issuers: [String: [ReferenceChecker.Issuer]] = [:]
    /// Finding key → its reports and re-checks (in log order).
    var steps: [String: [ReferenceChecker.Step]] = [:]
    /// Commitment → the erasure that named it first: a value is erased once.
    var erasures: [PersonalCommitment: Int64] = [:]
    /// The registered community's terms and the registered list's keys (of the fact that registered them).
    var terms: [String: ReferenceChecker.Terms] = [:]
    var listKeys: [String: [String]] = [:]
    /// The registered import's file SHA-256 as its fact states it (of the fact that registered it): the stored state
    /// keys the imports by it (`I`, ledger-spec.md 15.4), so that an import finds its file's earlier imports without
    /// reading every import's record.
    var importFiles: [String: String] = [:]
    /// The parts' twin keys (`PartTwinKey`, the `W` entries of ledger-spec.md 15.4), noted only by a fold whose
    /// state may be written (`collecting`: the whole log's, or the records after a stored state's stamp), never by a
    /// batch's check: each registration's part under its content's key, each updated part under its community's
    /// `unsure` key (the fold keeps no part's fields, so it cannot follow an update's content). By entity number, in
    /// the order noted, possibly twice (`CheckState.uniqueTwinMarks`); never removed: a superset of the parts a
    /// content can match, each read and compared as it is in effect by the import.
    var twinMarks: [TwinMark] = []
    /// `PartTwinKey.init(_:scratch:)`'s buffer, kept from registration to registration.
    private var twinScratch: [UInt8] = []
    /// Where each part's own records lie (the `Z` entries of ledger-spec.md 15.4): a mark for each registration,
    /// update and retirement in effect, noted with the twin keys (`collecting` only), in the order noted. An updated
    /// part is read by these places at import instead of by its group in `index/scopes`, its whole community.
    var partLines: [PartLineMark] = []
    /// The place of the record whose fact `register` is handed, set by the fold around the call (`CheckFold.apply`);
    /// nil when it is not known (a correction's replacement: the part's value is then empty).
    var factLine: PartLine? = nil

    struct TwinMark {
        let key: PartTwinKey
        let number: Int32
    }

    /// One record of part `number` (`partLines`); `line` nil: a fact in effect whose record alone does not give it.
    struct PartLineMark {
        let number: Int32
        let line: PartLine?
    }

    /// What a stored state keeps besides pass 1, so that a batch can be checked without the facts before it:
    /// enough to see when the batch could make an earlier fact invalid (then the whole log is checked). Each is
    /// gathered from every fact as stated (originals and corrections' replacements alike, whatever came after),
    /// so it only grows: a superset of what the facts in effect need.
    struct Collected {
        /// Every entity named (registered, ended or referenced) → its dense number (found by the hash of its kind and
        /// id's UTF-8, so that the rebuild numbers an id straight from a record's bytes), and the entities by number.
        var numbers = EntityNumbers()
        var entities: [ReferenceChecker.KindID] = []
        /// By number: whether the entity is referenced (registered or not; only while collecting).
        var referenced: [Bool] = []
        /// By number (assets): the latest date it is referenced where a retirement would matter, `Int32.min` for none.
        var useDay: [Int32] = []
        /// Finding key → the latest date of a report, re-check or extension naming it.
        var stepDay: [String: Int32] = [:]
        /// Finding key → the latest date of an extension naming it.
        var extendDay: [String: Int32] = [:]
        /// Ids that a finding key names as its item (RULE/ITEM/…).
        var itemIDs: Set<String> = []
        /// Event id → seq of the first record of a registering type (`ReferenceChecker.registeringTypes`).
        var registeringIDs: [String: Int64] = [:]
    }
    var collecting = false
    var collected = Collected()

    /// Set while a batch is registered on top of a stored state: the first reason the batch could make an
    /// earlier fact invalid, which the stored state cannot tell exactly (the caller then checks the whole log).
    var watching = false
    var unsafe: String? = nil

    /// Set while a batch is checked: the facts whose evidence is after this seq are the batch's (new records), held
    /// to the letter-case rule of new ids (`caseTwin`, CaseTwins.swift). Nil while a log is folded.
    var newAfter: Int64? = nil
    /// The in-memory registrations of the kinds the letter-case rule covers, by kind and case-folded id (`caseTwin`).
    var caseFoldedNumbers: [ReferenceChecker.KindID: [Int32]]? = nil
    /// Set while a batch is checked against a whole log: the log before the batch, whose fact at a position tells the
    /// id a replacement placed there may keep without being held to the letter-case rule (`keepsHeldID`).
    var logBefore: EffectiveLog? = nil
    /// Set while a batch is checked for `ledger append`: the seq and type of the first record with an event id (the
    /// writer's id index, or the log before the batch), so that the ids a `rectification.issued` key names besides
    /// its item are checked (`checkIssuedSubjects`, ledger-spec.md 10.4 rule 13). Nil in a fold or `verify --schema`:
    /// not checked there.
    var eventLookup: ((String) throws -> (seq: Int64, type: String)?)? = nil
    /// The batch's replacements at positions of the log that no registration before them twins: judged, once pass 1
    /// is done, against the registrations after them (`checkLaterCaseTwins`, CaseTwins.swift).
    var laterCaseChecks: [LaterCaseCheck] = []
    /// Entity numbers registered by a batch's replacement that kept the id its record holds: old ids, not judged
    /// themselves, so a replacement before them is judged against them (`checkLaterCaseTwins`).
    var keptHeldNumbers: Set<Int32> = []

    /// Asset ids the base is known not to register (`CheckState.AbsentAssets`, from a look-up of the same base):
    /// a batch registering them need not look each up again. Nil: every asset is looked up.
    var absentAssets: CheckState.AbsentAssets? = nil

    /// Set for `verify --schema`'s fold-order check (`FoldOrderCheck`, `FoldOrderScan`): of two creations of one
    /// kind and id, the one first in the fold order (date, then position) is the creation, as the projections keep it
    /// (ledger-spec.md section 6, `--schema` step 2), not the first in log order. Only a log written by another tool
    /// holds two (`ledger append` refuses the second); the append checks keep log order, and report the later record.
    var foldOrderCreations = false

    init(base: CheckTable?) { self.base = base }

    // MARK: numbers

    /// The number of `(kind, id)`, given one the first time it is named.
    mutating func number(_ kind: Kind, _ id: String) -> Int32 { number(kind, id.utf8, text: id) }

    /// `number(kind, id)` for an id given as its UTF-8 (a record's bytes): the string is made only for a new one.
    mutating func number<Bytes: Collection<UInt8>>(_ kind: Kind, _ utf8: Bytes, text: String? = nil) -> Int32 {
        number(kind, utf8, hash: EntityNumbers.hash(kind, utf8), text: text)
    }

    /// `number(kind, utf8)` with the id's hash already made (`EntityNumbers.hash(kind, utf8)`: the rebuild hashes a
    /// batch's ids once, to touch what they will read, and hands the hashes on).
    mutating func number<Bytes: Collection<UInt8>>(_ kind: Kind, _ utf8: Bytes, hash: UInt64, text: String? = nil) -> Int32 {
        // Most names are of entities already numbered: one hash then.
        switch collected.numbers.find(hash: hash, kind: kind, utf8, in: collected.entities) {
        case .found(let known):
            return known
        case .slot(let slot):
            let fresh = Int32(collected.entities.count)
            collected.entities.append(ReferenceChecker.KindID(kind: kind, id: text ?? String(decoding: utf8, as: UTF8.self)))
            collected.numbers.insert(fresh, hash: hash, at: slot)
            collected.referenced.append(false)
            collected.useDay.append(Int32.min)
            return fresh
        }
    }

    /// What the checks' fold notes of a reference in a whole-log rebuild (`checkReferences` while collecting, whose
    /// problems the fold discards): the entity's number, that it is referenced, and for an asset that must not be
    /// retired, the latest date it is used.
    mutating func noteReference(_ kind: Kind, _ utf8: ArraySlice<UInt8>, notRetired: Bool, day: Int32) {
        noteReference(kind, utf8, hash: EntityNumbers.hash(kind, utf8), notRetired: notRetired, day: day)
    }

    /// `noteReference` with the id's hash already made (`number(_:_:hash:)`).
    mutating func noteReference(_ kind: Kind, _ utf8: ArraySlice<UInt8>, hash: UInt64, notRetired: Bool, day: Int32) {
        let n = Int(number(kind, utf8, hash: hash))
        collected.referenced[n] = true
        if notRetired, kind == .asset { collected.useDay[n] = Swift.max(collected.useDay[n], day) }
    }

    /// Reads, changing nothing, what numbering the ids hashed as `keys` (`EntityNumbers.hash`) will read: each
    /// id's first slot (its number, and part of its hash), then that number's entity, reference flag and use day.
    /// These reads do not depend on one another, so the processor has many cache misses in flight at once (the
    /// tables are tens of megabytes at a million records, each id in a random place); the `number`s after find the
    /// lines in the cache.
    /// A hint only (as `ScopeIndex.Builder.touch`): the sum returned means nothing.
    func touch(_ keys: ArraySlice<UInt64>) -> Int {
        var sum = collected.numbers.touch(keys)
        for key in keys {
            let n = Int(collected.numbers.firstProbe(key))
            guard n >= 0, n < collected.entities.count else { continue }
            sum &+= collected.entities[n].kind.index &+ (collected.referenced[n] ? 1 : 0) &+ Int(collected.useDay[n])
        }
        return sum
    }

    /// Room for about `entities` numbers and `registering` registering records, reserved once (a whole-log fold:
    /// growing the tables by doubling would rehash every id some 20 times).
    mutating func reserve(entities: Int, registering: Int) {
        collected.numbers.reserve(entities)
        collected.entities.reserveCapacity(entities)
        collected.referenced.reserveCapacity(entities)
        collected.useDay.reserveCapacity(entities)
        collected.registeringIDs.reserveCapacity(registering)
    }

    /// Room for `events` more facts' entities (a batch's: an import's part a row), reserved once before the batch is
    /// registered: the tables were grown by doubling (each a copy of the tables shared with the fold) and the memory
    /// first touched costs page faults (docs/perf-import40.md). Not the fold's registering ids: a batch adds none.
    mutating func reserve(batch events: Int) {
        let entities = collected.entities.count + events
        collected.numbers.reserve(entities)
        collected.entities.reserveCapacity(entities)
        collected.referenced.reserveCapacity(entities)
        collected.useDay.reserveCapacity(entities)
        registered.reserveCapacity(entities)
    }

    /// The number of `(kind, id)` if it has one.
    func existingNumber(_ kind: Kind, _ id: String) -> Int32? {
        if case .found(let n) = collected.numbers.find(hash: EntityNumbers.hash(kind, id.utf8), kind: kind, id: id, in: collected.entities) { return n }
        return nil
    }

    /// The registration held in memory for number `n` (not the base's).
    func registeredInMemory(_ n: Int32) -> Entry? { Int(n) < registered.count ? registered[Int(n)] : nil }
    func endedInMemory(_ n: Int32) -> Entry? { Int(n) < ended.count ? ended[Int(n)] : nil }

    private mutating func setRegistered(_ n: Int32, _ entry: Entry) {
        if Int(n) >= registered.count { registered.append(contentsOf: repeatElement(nil, count: collected.entities.count - registered.count)) }
        registered[Int(n)] = entry
    }

    private mutating func setEnded(_ n: Int32, _ entry: Entry) {
        if Int(n) >= ended.count { ended.append(contentsOf: repeatElement(nil, count: collected.entities.count - ended.count)) }
        ended[Int(n)] = entry
    }

    /// Whether the registers in memory (not the base) register `(kind, id)`.
    func registersInMemory(_ kind: Kind, _ id: String) -> Bool {
        existingNumber(kind, id).map { registeredInMemory($0) != nil } ?? false
    }

    // MARK: lookups (memory first: it never holds an id the base has)

    func entry(_ kind: Kind, _ id: String) -> Entry? { entry(existingNumber(kind, id), kind, id) }
    func ending(_ kind: Kind, _ id: String) -> Entry? { ending(existingNumber(kind, id), kind, id) }
    /// The same, with the entity's number already found.
    func entry(_ n: Int32?, _ kind: Kind, _ id: String) -> Entry? { n.flatMap(registeredInMemory) ?? base?.entry(kind, id) }
    func ending(_ n: Int32?, _ kind: Kind, _ id: String) -> Entry? { n.flatMap(endedInMemory) ?? base?.ending(kind, id) }
    /// Those of the spellings `named` stands for (`NamedAssetIDs.forEachSpelling`) that `entry(kind, id)` finds,
    /// asked `spellingsAskedMax` at a time: the base is asked for the ones memory does not register in one walk of its
    /// keys in order (`CheckTable.entries`), not one look-up each (a register's import names two spellings a row, and
    /// an id of digits up to twenty). The spellings of an id of digits are made here, a bounded number at a time, not
    /// held by the importer (review of import50 #1: fourteen million strings for a million rows).
    /// - Complexity: O(spellings) look-ups; none beyond the first when neither memory nor the base registers an entity
    ///   of `kind` (`knownAbsent`).
    /// - Parameter askedMax: the spellings asked in one walk (`spellingsAskedMax`; tests ask fewer, to walk often).
    func registered(_ kind: Kind, among named: NamedAssetIDs, askedMax: Int = spellingsAskedMax) -> Set<String> {
        precondition(askedMax > 0, "at least one spelling asked in a walk")
        var found = Set<String>()
        // Memory is asked only when it registers an entity of the kind (the records after the stored state's stamp
        // seldom register a part: each spelling was hashed to learn nothing).
        let memory = holdsInMemory(kind)
        var asked: [String] = []
        var more = true
        named.forEachSpelling { spelling in
            asked.append(spelling)
            guard asked.count == askedMax else { return true }
            more = registered(kind, among: asked, memory: memory, into: &found)
            asked.removeAll(keepingCapacity: true)
            return more
        }
        if more, !asked.isEmpty { _ = registered(kind, among: asked, memory: memory, into: &found) }
        return found
    }

    /// The spellings `registered(_:among:)` asks in one walk: some 6 MB of keys and sort entries at most.
    static let spellingsAskedMax = 65_536

    /// Adds to `found` those of `ids` (distinct) that `entry(kind, id)` finds; `memory`: `holdsInMemory(kind)`.
    /// - Returns: whether a later id may still be found (false: memory registers no entity of the kind and the base
    ///   holds none, as one look-up learnt).
    private func registered(_ kind: Kind, among ids: [String], memory: Bool, into found: inout Set<String>) -> Bool {
        var notInMemory: [String] = []
        if memory {
            notInMemory.reserveCapacity(ids.count)
            for id in ids {
                if let n = existingNumber(kind, id), registeredInMemory(n) != nil { found.insert(id) } else { notInMemory.append(id) }
            }
        }
        guard let base else { return memory }
        let list = memory ? notInMemory : ids
        guard let first = list.first else { return true }
        guard kind != .community else {
            for (id, entry) in zip(list, base.entries(kind, list)) where entry != nil { found.insert(id) }
            return true
        }
        // The first id alone, as `entries` asks it: a table that holds no id of the kind learns so from it
        // (`knownAbsent`), and the others are not registered — no answer made for each of them.
        let firstEntry = base.entry(kind, first)
        if firstEntry != nil { found.insert(first) }
        if base.knownAbsent(CheckKey.registry, UInt8(kind.index)) { return memory }
        guard list.count > 1 else { return true }
        for (id, entry) in zip(list, base.entries(kind, list, first: firstEntry)) where entry != nil { found.insert(id) }
        return true
    }

    /// Whether the registrations in memory (not the base) register some entity of `kind`.
    func holdsInMemory(_ kind: Kind) -> Bool {
        registered.indices.contains { registered[$0] != nil && collected.entities[$0].kind == kind }
    }
    func issuers(of key: String) -> [ReferenceChecker.Issuer] {
        guard let base else { return issuers[key] ?? [] }
        return base.rounds(key).issuers + (issuers[key] ?? [])
    }
    func steps(of key: String) -> [ReferenceChecker.Step] {
        guard let base else { return steps[key] ?? [] }
        return base.rounds(key).steps + (steps[key] ?? [])
    }
    func erasure(_ commitment: PersonalCommitment) -> Int64? { erasures[commitment] ?? base?.erasure(commitment) }
    func communityTerms(_ id: String) -> ReferenceChecker.Terms? { terms[id] ?? base?.terms(id) }
    func keys(ofList id: String) -> [String]? { listKeys[id] ?? base?.listKeys(id) }
    func registeringSeq(ofEventID id: String) -> Int64? { collected.registeringIDs[id] ?? base?.registeringSeq(id) }

    /// The ids of the parts kept under any of `keys` (`twinMarks`, the base's and the recent table's `W` entries);
    /// nil when a block of the base is damaged.
    func twinIDs(_ keys: Set<PartTwinKey>) -> Set<String>? {
        var ids = Set<String>()
        for mark in twinMarks where keys.contains(mark.key) { ids.insert(collected.entities[Int(mark.number)].id) }
        if let base {
            guard let stored = base.twinIDs(keys) else { return nil }
            ids.formUnion(stored)
        }
        return ids
    }

    /// Notes what a registration or an update tells of its part's twin key (`twinMarks`), in a fold that may be
    /// written. An update's part is kept under the `unsure` key of the community its registration (the first in log
    /// order) names, of none when no registration came before it (a part registered twice is kept under that key
    /// too: `register`).
    private mutating func noteTwin(_ fact: EffectiveFact) {
        switch fact.payload {
        case .assetRegistered(let p):
            let n = number(.asset, p.assetID)
            let key = PartTwinKey(p, scratch: &twinScratch)
            twinMarks.append(TwinMark(key: key, number: n))
            notePartLine(n, fact)
        case .assetUpdated(let p):
            let n = number(.asset, p.assetID)
            let key = PartTwinKey.unsure(community: entry(n, .asset, p.assetID)?.communityID)
            twinMarks.append(TwinMark(key: key, number: n))
            notePartLine(n, fact)
        case .assetRetired(let p):
            notePartLine(number(.asset, p.assetID), fact)
        default:
            break
        }
    }

    /// Notes where `fact`'s record lies under part `n` (`partLines`): its own place when the fact is its record's
    /// (not a correction's replacement, whose effect needs the corrected record too) and the fold handed the place.
    private mutating func notePartLine(_ n: Int32, _ fact: EffectiveFact) {
        let line = fact.replaces == nil ? factLine.flatMap { $0.seq == fact.evidence.seq ? $0 : nil } : nil
        partLines.append(PartLineMark(number: n, line: line))
    }

    /// The places of each of `ids`' own records (`Z`): the base's value (the table's and the recent table's,
    /// joined) then those noted in memory, in seq order; an id is left out when they are not known (an empty value:
    /// a fact in effect is a correction's replacement), when no record of the part was noted, or when the base's
    /// entry does not check (the base's `damage` then says so).
    func partLines(_ ids: [String]) -> [String: [PartLine]] {
        // The marks in memory (the records after the stamp) by part, gathered once.
        var memory: [Int32: [PartLineMark]] = [:]
        for mark in partLines { memory[mark.number, default: []].append(mark) }
        var out: [String: [PartLine]] = [:]
        for id in ids {
            var value: [UInt8]? = nil
            if let base { value = base.value(CheckKey.make(CheckKey.partLines, nil, id)) }
            if let n = existingNumber(.asset, id), let marks = memory[n] {
                let own = CheckState.partLineValue(marks)
                value = value.map { CheckState.joinPartLines($0, own) } ?? own
            }
            if let lines = value.flatMap(PartLine.decode) { out[id] = lines }
        }
        return out
    }

    // MARK: pass 1

    /// Registers what `fact` creates, ends, issues, steps or erases; a duplicate is a problem of `fact`.
    mutating func register(_ fact: EffectiveFact, label: (Int64) -> FactPlace, problems: inout [Problem]) {
        let day = Int32(fact.occurredOn.dayNumber)
        let prefix = fact.replaces == nil ? "data" : "data.replacement.data"
        func create(_ kind: Kind, _ id: String, _ field: String, community: String?) -> Bool {
            let n = number(kind, id)
            // An asset the base is known not to register: only the registrations in memory can hold it. A base that
            // holds no asset at all (`knownAbsent`, learnt from one look-up) is asked first: then `entry` reads
            // nothing either, and the id is not hashed again to look it up among the ids found absent.
            let known = kind == .asset && (base?.knownAbsent(CheckKey.registry, UInt8(Kind.asset.index)) == true
                                           || absentAssets?.contains(id) == true)
            if let first = known ? registeredInMemory(n) : entry(n, kind, id) {
                problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)",
                                        reason: ReferenceWords.alreadyExists(kind, id, at: label(first.evidenceSeq))))
                // A later record dated earlier: the projections fold it first, so it is the creation they keep.
                if foldOrderCreations, ReferenceChecker.precedes(day, fact.position, first.day, first.position) {
                    setRegistered(n, Entry(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, communityID: community))
                }
                return false
            }
            if let newAfter, fact.evidence.seq > newAfter, Self.isCaseRuled(kind) {
                // Registered all the same (below), so that the batch's references to it are not also reported as unregistered.
                if keepsHeldID(fact, kind, id) {
                    keptHeldNumbers.insert(n)
                } else if let twin = caseTwin(kind, id) {
                    problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)",
                                            reason: ReferenceWords.caseTwin(kind, id, of: twin.id, community: twin.entry.communityID,
                                                                            at: label(twin.entry.evidenceSeq),
                                                                            replacing: fact.replaces.map { _ in label(fact.position) })))
                } else if fact.replaces != nil, fact.position <= newAfter {
                    laterCaseChecks.append(LaterCaseCheck(kind: kind, id: id, field: "\(prefix).\(field)", evidence: fact.evidence,
                                                          position: fact.position))
                }
            }
            if watching { watchCreation(kind, id, n) }
            setRegistered(n, Entry(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, communityID: community))
            noteCaseFolded(kind, id, n)
            return true
        }
        func end(_ kind: Kind, _ id: String, _ field: String, _ verb: String) {
            let n = number(kind, id)
            if let first = ending(n, kind, id) {
                problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)",
                                        reason: ReferenceWords.alreadyEnded(kind, id, verb, on: first.date, at: label(first.evidenceSeq))))
                return
            }
            if watching, kind == .asset, let used = useDay(id), used >= day {
                unsafe = "asset \(id) retired on or before a use already recorded"
            }
            // A contract's term runs past its signing date, which is all `useDay` holds: whether a contract on the
            // part is in force on the retirement's date only the whole fold tells (`termPastRetirement`). Any part
            // already used (a contract is a use) may be let; retirements are few, so the stored state keeps no
            // index of contracts by part.
            if watching, kind == .asset, unsafe == nil, useDay(id) != nil {
                unsafe = "asset \(id) retired while a contract on it may be in force"
            }
            setEnded(n, Entry(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, communityID: nil))
        }
        if collecting { noteTwin(fact) }
        switch fact.payload {
        case .communityRegistered(let p):
            if create(.community, p.communityID, "community_id", community: p.communityID) {
                terms[p.communityID] = ReferenceChecker.Terms(totalArea: p.totalArea, totalOwners: p.totalOwners)
            }
        case .assetRegistered(let p):
            // A part registered twice (only a log another tool wrote): the projections keep the registration first in
            // the fold order, the checks the first in log order, so the part is kept unsure (every import reads it).
            if !create(.asset, p.assetID, "asset_id", community: p.communityID), collecting {
                let n = number(.asset, p.assetID)
                twinMarks.append(TwinMark(key: .unsure(community: nil), number: n))
            }
        case .registerImported(let p):
            if create(.import, p.importID, "import_id", community: p.communityID) { importFiles[p.importID] = p.fileSHA256 }
        case .fundOpened(let p): _ = create(.fund, p.fundID, "fund_id", community: p.communityID)
        case .decisionRecorded(let p): _ = create(.decision, p.decisionID, "decision_id", community: p.communityID)
        case .contractSigned(let p): _ = create(.contract, p.contractID, "contract_id", community: p.communityID)
        case .useStarted(let p): _ = create(.use, p.useID, "use_id", community: nil)
        case .occupationReported(let p): _ = create(.occupation, p.occupationID, "occupation_id", community: nil)
        case .rectificationIssued(let p):
            if create(.list, p.listID, "list_id", community: p.communityID) { listKeys[p.listID] = p.items.map(\.key) }
            for item in p.items {
                if watching, let stepped = stepDay(item.key), stepped > day {
                    unsafe = "finding \(item.key) issued before a step already recorded"
                }
                issuers[item.key, default: []].append(ReferenceChecker.Issuer(listID: p.listID, day: day, position: fact.position,
                                                                               evidenceSeq: fact.evidence.seq))
            }
        case .rectificationReported(let p):
            for key in p.keys {
                steps[key, default: []].append(ReferenceChecker.Step(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, closes: nil))
            }
        case .rectificationVerified(let p):
            for key in p.keys {
                // Any later-dated step already recorded (a report, a re-check, an extension) would read as a step
                // after 销号 once the closure is folded before it: only the whole fold can name it (review 39b: a
                // closure back-dated before a recorded report was accepted).
                if watching, p.result == .closed, let stepped = stepDay(key), stepped > day {
                    unsafe = "finding \(key) closed before a step already recorded"
                }
                steps[key, default: []].append(ReferenceChecker.Step(day: day, position: fact.position, evidenceSeq: fact.evidence.seq,
                                                                     closes: p.result == .closed))
            }
        case .personalDataErased(let p):
            for (index, commitment) in p.commitments.enumerated() {
                if let first = erasure(commitment) {
                    problems.append(Problem(evidence: fact.evidence, field: "\(prefix).commitments[\(index)]",
                                            reason: ReferenceWords.erasedTwice(commitment.hex, at: label(first))))
                } else {
                    erasures[commitment] = fact.evidence.seq
                }
            }
        case .assetRetired(let p): end(.asset, p.assetID, "asset_id", "retired")
        case .contractTerminated(let p): end(.contract, p.contractID, "contract_id", "terminated")
        case .useEnded(let p): end(.use, p.useID, "use_id", "ended")
        case .occupationCleared(let p): end(.occupation, p.occupationID, "occupation_id", "cleared")
        default: break
        }
    }

    /// `register` of a fact that registers or ends one entity (`PayloadRefs.CheckChange`), from its id's bytes, in a
    /// whole-log rebuild (no stored state under it, no batch watched or checked: the only cases `register` then has
    /// are the ones here; a duplicate's problem is discarded by the rebuild, as `register`'s).
    mutating func register(_ change: PayloadRefs.CheckChange, bytes: ArraySlice<UInt8>, day: Int32, position: Int64, evidenceSeq: Int64,
                           hash: UInt64? = nil) {
        precondition(base == nil && !watching && newAfter == nil, "registered from bytes only in a whole-log rebuild")
        let kind = change.kind
        let n = number(kind, bytes[change.id], hash: hash ?? EntityNumbers.hash(kind, bytes[change.id]))
        switch change.verb {
        case .registers:
            guard registeredInMemory(n) == nil else { return }
            setRegistered(n, Entry(day: day, position: position, evidenceSeq: evidenceSeq,
                                   communityID: change.community.map { String(decoding: bytes[$0], as: UTF8.self) }))
            if caseFoldedNumbers != nil { noteCaseFolded(kind, collected.entities[Int(n)].id, n) }
        case .ends:
            guard endedInMemory(n) == nil else { return }
            setEnded(n, Entry(day: day, position: position, evidenceSeq: evidenceSeq, communityID: nil))
        }
    }

    /// A new entity that an earlier fact may name: as a dangling reference, or as the item of a finding key.
    /// `n` is its number (`number(kind, id)`), already made by the caller: not hashed again.
    private mutating func watchCreation(_ kind: Kind, _ id: String, _ n: Int32) {
        if collected.referenced[Int(n)] || base?.isReferenced(ReferenceChecker.KindID(kind: kind, id: id)) == true {
            unsafe = "\(kind.rawValue) \(id) is referenced by a record before it was registered"
        }
        // (An empty set is not asked: it hashes the id all the same, for every part of an import.)
        if Self.namesItems(kind), !collected.itemIDs.isEmpty && collected.itemIDs.contains(id) || base?.namesItem(id) == true {
            unsafe = "\(kind.rawValue) \(id) is named by a finding key already issued"
        }
    }

    /// Whether a finding key's item can be of `kind` (RULE/ITEM/…: an asset, contract, fund or decision). A switch, not
    /// an array: asked of every registration of a batch, a million at a register's import.
    static func namesItems(_ kind: Kind) -> Bool {
        switch kind {
        case .asset, .contract, .fund, .decision: return true
        default: return false
        }
    }

    private func useDay(_ id: String) -> Int32? {
        let stored = existingNumber(.asset, id).flatMap { collected.useDay[Int($0)] == Int32.min ? nil : collected.useDay[Int($0)] }
        return max(stored, base?.useDay(id))
    }
    private func stepDay(_ key: String) -> Int32? { max(collected.stepDay[key], base?.rounds(key).stepDay) }
    private func extendDay(_ key: String) -> Int32? { max(collected.extendDay[key], base?.rounds(key).extendDay) }

    private func max(_ a: Int32?, _ b: Int32?) -> Int32? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil), (nil, let x?): return x
        case (let x?, let y?): return Swift.max(x, y)
        }
    }

    // MARK: pass 2

    /// Checks every reference of `fact` against what is registered. With `collecting`, also notes what the fact
    /// references (`Collected`), whatever the outcome. The paths looked up here are the ones the writers do not search
    /// for a kept name (`PrivateNames.citedPaths` in LedgerImport, ledger-spec.md 10.3): a path added here is added there.
    mutating func checkReferences(_ fact: EffectiveFact, label: (Int64) -> FactPlace, problems: inout [Problem]) {
        let day = Int32(fact.occurredOn.dayNumber)
        func at(_ entry: Entry) -> FactPlace { label(entry.evidenceSeq) }
        func fail(_ field: String, _ reason: Wording) { problems.append(Self.problem(of: fact, field, reason)) }
        /// `reference` of this fact (a method, not a nested function: a nested one that calls `self`'s non-mutating
        /// lookups was compiled to copy the whole `Registers` for each call, some 2,800 instructions a row of an import).
        @discardableResult
        func ref(_ kind: Kind, _ id: String, _ field: String, community: String? = nil, notRetired: Bool = false,
                 ending: String? = nil, ratifiable: Bool = false) -> Entry? {
            reference(kind, id, field, community: community, notRetired: notRetired, ending: ending, ratifiable: ratifiable,
                      of: fact, label: label, problems: &problems)
        }
        func notBefore(_ kind: Kind, _ id: String, _ field: String, _ what: String) {
            ref(kind, id, field, ending: what)
        }
        /// Checks that the list exists on the fact's date and issued every key named; returns its community.
        @discardableResult
        func loopList(_ listID: String, _ keys: [String], extending: Bool = false) -> String? {
            if collecting {
                for key in keys {
                    collected.stepDay[key] = Swift.max(collected.stepDay[key] ?? day, day)
                    if extending { collected.extendDay[key] = Swift.max(collected.extendDay[key] ?? day, day) }
                }
            }
            guard let entry = ref(.list, listID, "list_id"), let listed = self.keys(ofList: listID) else { return nil }
            let issuedKeys = Set(listed)
            for (index, key) in keys.enumerated() {
                guard issuedKeys.contains(key) else {
                    fail("keys[\(index)]", ReferenceWords.notAFindingOfList(key, list: listID, at: at(entry)))
                    continue
                }
                // A key issued again starts a new round: a step naming the earlier list would be read as nothing.
                let current = issuers(of: key).filter { ReferenceChecker.precedes($0.day, $0.position, day, fact.position) }
                    .max { ReferenceChecker.precedes($0.day, $0.position, $1.day, $1.position) }
                if let current, current.listID != listID {
                    fail("keys[\(index)]", ReferenceWords.issuedAgain(key, list: current.listID, on: CalendarDate(dayNumber: Int(current.day)),
                                                                       at: label(current.evidenceSeq), stepDate: fact.occurredOn))
                    continue
                }
                // The round's last step before a report, re-check or extension must not be its closure: a closed
                // finding is reopened by issuing it again, never by a step that reads as if it were still open
                // (review 38f: a report after 销号 took the key out of 已销号 without a new list).
                guard let current else { continue }
                let last = steps(of: key).filter {
                    ReferenceChecker.precedes(current.day, current.position, $0.day, $0.position)
                        && ReferenceChecker.precedes($0.day, $0.position, day, fact.position)
                }.max { ReferenceChecker.precedes($0.day, $0.position, $1.day, $1.position) }
                if let last, last.closes == true {
                    let stepRecorded: Bool
                    if case .record = label(fact.evidence.seq) { stepRecorded = true } else { stepRecorded = false }
                    fail("keys[\(index)]", ReferenceWords.closedFinding(key, on: CalendarDate(dayNumber: Int(last.day)), at: label(last.evidenceSeq),
                                                                          recordedStepDate: stepRecorded ? fact.occurredOn : nil,
                                                                          extending: extending))
                }
            }
            return entry.communityID
        }

        switch fact.payload {
        case .communityRegistered:
            break
        // The import a part names is checked in place.
        case .assetRegistered(let p):
            ref(.community, p.communityID, "community_id")
            if case .importRow(let importID, _) = p.source { ref(.import, importID, "source.import_id") }
        case .assetUpdated(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
            if case .importRow(let importID, _) = p.source { ref(.import, importID, "source.import_id") }
        case .assetRetired(let p):
            ref(.asset, p.assetID, "asset_id")
        case .registerImported(let p):
            if let community = p.communityID { ref(.community, community, "community_id") }
        case .fundOpened(let p):
            ref(.community, p.communityID, "community_id")
        case .decisionRecorded(let p):
            if ref(.community, p.communityID, "community_id") != nil, let community = communityTerms(p.communityID) {
                if p.participatingArea > community.totalArea {
                    fail("participating_area_m2", ReferenceWords.areaAboveTotal(p.participatingArea, total: community.totalArea))
                }
                if p.participatingOwners > community.totalOwners {
                    fail("participating_owners", ReferenceWords.ownersAboveTotal(p.participatingOwners, total: community.totalOwners))
                }
            }
            for (index, asset) in p.authorises.assetIDs.enumerated() {
                ref(.asset, asset, "authorises.asset_ids[\(index)]", community: p.communityID, notRetired: true)
            }
        case .contractSigned(let p):
            ref(.community, p.communityID, "community_id")
            for (index, asset) in p.assetIDs.enumerated() {
                guard ref(.asset, asset, "asset_ids[\(index)]", community: p.communityID, notRetired: true) != nil else { continue }
                termPastRetirement(p, asset: asset, field: "asset_ids[\(index)]", of: fact, label: label, problems: &problems)
            }
            if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: p.communityID, ratifiable: true) }
            if let fund = p.payeeFundID { ref(.fund, fund, "payee_fund_id", community: p.communityID) }
        case .contractTerminated(let p):
            notBefore(.contract, p.contractID, "contract_id", "termination")
        case .useStarted(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
            switch p.authority {
            case .contract(let id): ref(.contract, id, "authority.contract_id")
            case .decision(let id): ref(.decision, id, "authority.decision_id", ratifiable: true)
            case .none: break
            }
        case .useEnded(let p):
            notBefore(.use, p.useID, "use_id", "the end")
        case .inspectionRecorded(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
        case .occupationReported(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
        case .occupationCleared(let p):
            notBefore(.occupation, p.occupationID, "occupation_id", "clearing")
        case .fundIncome(let p):
            ref(.fund, p.fundID, "fund_id")
            if let contract = p.sourceContractID { ref(.contract, contract, "source.contract_id") }
        case .fundSpending(let p):
            let fund = ref(.fund, p.fundID, "fund_id")
            if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: fund?.communityID, ratifiable: true) }
            for (index, asset) in p.assetIDs.enumerated() {
                ref(.asset, asset, "asset_ids[\(index)]", community: fund?.communityID, notRetired: true)
            }
        case .fundTransfer(let p):
            let from = ref(.fund, p.fromFundID, "from_fund_id")
            ref(.fund, p.toFundID, "to_fund_id")
            // The owners who decide are those of the community whose money leaves.
            if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: from?.communityID, ratifiable: true) }
        case .fundBalanceAsserted(let p):
            ref(.fund, p.fundID, "fund_id")
        case .disclosurePublished(let p):
            ref(.community, p.communityID, "community_id")
            for (index, fund) in p.fundIDs.enumerated() { ref(.fund, fund, "fund_ids[\(index)]", community: p.communityID) }
            // A 公示 publishes what was recorded by its date: a period running past it states accounts not yet kept
            // (review 42b: published 2026-04-02 for a period to 2027-12-31).
            if p.periodTo > fact.occurredOn { fail("period_to", ReferenceWords.periodAfterPublication(p.periodTo, published: fact.occurredOn)) }
        case .rectificationIssued(let p):
            ref(.community, p.communityID, "community_id")
            if p.atSeq >= fact.position {
                fail("at_seq", ReferenceWords.listNotBefore(p.atSeq, at: label(fact.evidence.seq)))
            }
            // A key names its item second (RULE/ITEM/…), and a finding belongs to its item's community: a key
            // of another community's item would change that community's statuses through this list.
            for (index, item) in p.items.enumerated() {
                // A dated key's problem began on its last part (RULE/ITEM/…/SINCE; an undated key has no subject, so
                // a third part is a date only for a dated key): one beginning after the list's check date is no
                // finding of it (review 44a #2: a key's date slipped by hand while editing the event).
                if let last = item.key.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2).last,
                   let since = CalendarDate(iso: last), since > p.asOf {
                    fail("items[\(index)].key", ReferenceWords.issuedKeyAfterCheckDate(item.key, since: since, asOf: p.asOf, list: p.listID))
                    continue
                }
                let parts = item.key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count >= 2 else { continue }
                let itemID = String(parts[1])
                if collecting { collected.itemIDs.insert(itemID) }
                // An id may hold "/": the item is read every way the key's parts allow (`itemReadings`, as rule 13
                // reads the subjects; review 45d: every key of fund `F/1` was refused), the plain reading first; a
                // reading of the list's community decides, else the first registered one words the refusal.
                var owners: [(Kind, String)] = [], ownersOf = itemID, ours = false
                for reading in Self.itemReadings(item.key) {
                    let found = [Kind.asset, .contract, .fund, .decision].compactMap { (kind: Kind) -> (Kind, String)? in
                        entry(kind, reading).flatMap { e in e.communityID.map { (kind, $0) } }
                    }
                    if found.contains(where: { $0.1 == p.communityID }) { ours = true; break }
                    if owners.isEmpty, !found.isEmpty { (owners, ownersOf) = (found, reading) }
                }
                if !ours, let other = owners.first {
                    fail("items[\(index)].key", ReferenceWords.findingOfOtherCommunity(item.key, other.0, ownersOf, owner: other.1, not: p.communityID))
                } else if !ours {
                    // A key names a part, contract, fund or decision the list found a problem on: an item the ledger
                    // does not hold is a key no list made (review 39b: a key edited in by hand was accepted, and
                    // stood 待复核 for ever).
                    fail("items[\(index)].key", ReferenceWords.issuedItemUnknown(item.key, itemID, list: p.listID))
                } else if !collecting, let lookup = eventLookup, let reason = issuedSubjectProblem(item.key, of: p, lookup: lookup, label: label) {
                    fail("items[\(index)].key", reason)
                }
            }
        case .rectificationReported(let p):
            let community = loopList(p.listID, p.keys)
            for (index, e) in p.evidence.enumerated() {
                switch e.kind {
                case .contract: ref(.contract, e.ref, "evidence[\(index)].ref", community: community)
                case .decision: ref(.decision, e.ref, "evidence[\(index)].ref", community: community)
                case .voucher, .photo, .document: break
                }
            }
        case .rectificationVerified(let p):
            loopList(p.listID, p.keys)
        case .rectificationExtended(let p):
            loopList(p.listID, p.keys, extending: true)
        case .personalDataErased, .correction:
            break
        }
    }

    /// Checks that `id` names an entity of `kind` that exists at `fact`'s place in the fold order (created on an
    /// earlier date, or on its date at an earlier position) — or at all, for the deciding
    /// vote an act cites (`ratifiable`): one taken after the act is at most a ratification, which the rules
    /// report (CON-01, FUND-01, FUND-10, OCC-02; ledger-spec.md section 10.4, rule 2); returns it. With `collecting`,
    /// notes the reference (`Collected`) whatever the outcome. A reference of `checkReferences`.
    @discardableResult
    private mutating func reference(_ kind: Kind, _ id: String, _ field: String, community: String?, notRetired: Bool,
                                    ending: String?, ratifiable: Bool, of fact: EffectiveFact, label: (Int64) -> FactPlace,
                                    problems: inout [Problem]) -> Entry? {
        let date = fact.occurredOn
        let day = Int32(date.dayNumber)
        func at(_ entry: Entry) -> FactPlace { label(entry.evidenceSeq) }
        func fail(_ reason: Wording, missing: ValidationIssue.Missing? = nil, foldedBefore: ReferenceChecker.FoldedBefore? = nil) {
            problems.append(Self.problem(of: fact, field, reason, missing: missing, foldedBefore: foldedBefore))
        }
        /// `kind` `id`, created by `entry`, after this fact in the fold order.
        func before(_ entry: Entry) -> ReferenceChecker.FoldedBefore {
            ReferenceChecker.FoldedBefore(kind: kind, id: id, creationSeq: entry.evidenceSeq, creationDate: entry.date,
                                          position: fact.position, date: date, ending: ending)
        }
        let n: Int32?
        if collecting {
            let number = number(kind, id)
            collected.referenced[Int(number)] = true
            if notRetired, kind == .asset { collected.useDay[Int(number)] = Swift.max(collected.useDay[Int(number)], day) }
            n = number
        } else {
            n = existingNumber(kind, id)
        }
        guard let entry = entry(n, kind, id) else {
            fail(ReferenceWords.notRegistered(kind, id), missing: .entity(kind: kind.rawValue, id: id))
            return nil
        }
        guard entry.day <= day || ratifiable else {
            if let ending {
                fail(ReferenceWords.endsBeforeStart(ending, on: date, kind, id, began: entry.date, at: at(entry)), foldedBefore: before(entry))
            } else {
                fail(ReferenceWords.notYetRegistered(kind, id, from: entry.date, at: at(entry), eventDate: date), foldedBefore: before(entry))
            }
            return nil
        }
        // On the creation's own date the fact must also come after it in the fold order (date, then position:
        // ledger-spec.md section 11), or the projections fold it before the entity exists and drop it or leave
        // it unlinked (10.4 rule 2). A deciding vote may still follow the act (a ratification).
        if entry.day == day, !ratifiable, !ReferenceChecker.precedes(entry.day, entry.position, day, fact.position) {
            // Which kind of fact this is for a creation later on its date: what the clerk can do differs.
            let referrer: ReferenceWords.SameDayReferrer
            if let newAfter, fact.evidence.seq <= newAfter {
                referrer = .record
            } else if fact.replaces != nil {
                referrer = .replacement(replacing: label(fact.position), type: fact.payload.type.rawValue)
            } else {
                referrer = .earlierLine
            }
            fail(ReferenceWords.createdLaterSameDay(kind, id, on: date, at: at(entry), ending: ending, referrer: referrer),
                 foldedBefore: before(entry))
            return nil
        }
        if let community, let owner = entry.communityID, owner != community, kind != .community {
            fail(ReferenceWords.otherCommunity(kind, id, owner: owner, not: community))
        }
        // Rule 3 in the fold order, as rules 2 and 5: a fact of the retirement's date listed before it stands
        // (an inspection that finds the part demolished, then its retirement).
        if notRetired, kind == .asset, let retired = self.ending(n, .asset, id),
           ReferenceChecker.precedes(retired.day, retired.position, day, fact.position) {
            fail(ReferenceWords.assetRetired(id, on: retired.date, at: at(retired), sameDay: retired.day == day))
        }
        return entry
    }

    /// A contract lets its parts for its whole term (ledger-spec.md 10.4 rule 3 for a contract; DOMAIN.md 1: a
    /// 经营合同 is a lease, [CC] 703): a part retired (注销) after the signing, while the term has not run out and
    /// before a termination of the contract, leaves a contract in force on a part that no longer exists (review
    /// 42b: a roof demolished a day before the term began, then rent and 250 days in use of a retired part). The
    /// signing before the retirement is rule 3 of the signing's own date (`reference`); this is the term's.
    /// A termination first in the fold order (dated on or before the retirement, listed before it on its date)
    /// is the lawful sequence, and stands.
    private func termPastRetirement(_ p: ContractSigned, asset: String, field: String, of fact: EffectiveFact,
                                    label: (Int64) -> FactPlace, problems: inout [Problem]) {
        let signed = Int32(fact.occurredOn.dayNumber)
        guard let retired = ending(.asset, asset),
              ReferenceChecker.precedes(signed, fact.position, retired.day, retired.position),
              // A term ending on the retirement's day is lawful: the part is used up to the day it is retired
              // (review 42d #4), as a fact of that day listed before the retirement stands.
              Int32(p.endOn.dayNumber) > retired.day else { return }
        let terminated = ending(.contract, p.contractID)
        if let terminated, ReferenceChecker.precedes(terminated.day, terminated.position, retired.day, retired.position) { return }
        problems.append(Self.problem(of: fact, field, ReferenceWords.contractPastRetirement(
            asset, contract: p.contractID, until: p.endOn, retiredOn: retired.date, at: label(retired.evidenceSeq),
            terminatedOn: terminated?.date)))
    }

    /// A problem of `fact`'s `field` (under its payload's data, or its replacement's).
    static func problem(of fact: EffectiveFact, _ field: String, _ reason: Wording, missing: ValidationIssue.Missing? = nil,
                        foldedBefore: ReferenceChecker.FoldedBefore? = nil) -> Problem {
        Problem(evidence: fact.evidence, field: "\(fact.replaces == nil ? "data" : "data.replacement.data").\(field)", reason: reason,
                missing: missing, foldedBefore: foldedBefore)
    }
}
