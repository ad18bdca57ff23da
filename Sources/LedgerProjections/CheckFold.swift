import LedgerChain
import LedgerEvents
import LedgerPlatform

// MARK: - the fold of records

/// The checks' registers, fed record by record in seq order (the whole log, or the records after a stored state's
/// stamp on top of it). It follows corrections of "leaf" facts (those pass 1 does not read: income, spending,
/// inspections, …) exactly; a correction that changes what pass 1 registered (`ReferenceChecker.registeringTypes`)
/// makes it give up (`gaveUp`): then the registers must be rebuilt from an `EffectiveLog` of the whole log.
public struct CheckFold {
    var registers: Registers
    /// Seq of the last record folded (of the stored state's stamp when none was).
    public private(set) var lastSeq: Int64
    /// Why the registers no longer follow the facts in effect, if they do not.
    public private(set) var gaveUp: String? = nil
    /// Records folded (not counting the stored state's).
    public private(set) var recordCount: Int64 = 0

    /// An empty fold, for the whole log.
    public init() {
        registers = Registers(base: nil)
        registers.collecting = true
        lastSeq = 0
    }

    init(base: CheckTable) {
        registers = Registers(base: base)
        registers.collecting = true
        lastSeq = base.seq
    }

    /// Room for a whole log of about `records` records: in the benchmark's city of 1,140,032 records 29.6 % register
    /// an entity (337,900; the entities named are about as many), so three eighths leave room without reserving
    /// tables of half the log (at 1 million records the half took the next power of two: twice the buckets).
    mutating func reserve(records: Int) {
        guard records > 0 else { return }
        registers.reserve(entities: records / 8 * 3, registering: records / 8 * 3)
    }

    /// Folds `record`; `location`, where its line lies, is kept for a part's registration, update or retirement
    /// (`Z`, ledger-spec.md 15.4): every fold whose state is written hands it (without it the part's value is
    /// empty, and its records are read by its group).
    public mutating func apply(_ record: Record, at location: RecordLocation? = nil) {
        apply(seq: record.seq, id: record.id, occurredOn: record.occurredOn, actor: record.actor, payload: record.payload,
              line: location.map { PartLine(record, at: $0) })
    }

    /// Places of parts' records folded after `gaveUp` (`register` is no longer called then), for `rebuildRegisters`.
    private var linesAfterGivingUp: [PartLine] = []

    public mutating func apply(seq: Int64, id: String, occurredOn: CalendarDate, actor: String, payload: EventPayload,
                               line: PartLine? = nil) {
        precondition(seq == lastSeq + 1, "records are folded in seq order without gaps")
        lastSeq = seq
        recordCount += 1
        if ReferenceChecker.isRegistering(payload) {
            if registers.base == nil {
                // One hash of the id: the first record of an id wins, put back in the rare case of a second.
                if let first = registers.collected.registeringIDs.updateValue(seq, forKey: id) { registers.collected.registeringIDs[id] = first }
            } else if registers.registeringSeq(ofEventID: id) == nil {
                registers.collected.registeringIDs[id] = seq
            }
        }
        // A record the effective log cannot use (`EffectiveLog.apply`) states no fact.
        guard case .domain(let domain) = payload else { return }
        var discarded: [ReferenceChecker.Problem] = []
        let label = { (seq: Int64) in FactPlace.record(seq: seq) }
        if case .correction(let correction) = domain {
            if gaveUp == nil, registers.registeringSeq(ofEventID: correction.corrects) != nil {
                gaveUp = "record \(seq) corrects \(correction.corrects), which registers what later records are checked against"
            }
            if let replacement = correction.replacement {
                if gaveUp == nil, ReferenceChecker.registeringTypes.contains(replacement.type.rawValue) {
                    gaveUp = "record \(seq) states a \(replacement.type.rawValue) in a correction"
                }
                // What the replacement references is collected whether or not it takes effect (a superset is safe).
                let fact = EffectiveFact(position: seq, evidence: Evidence(seq: seq, eventID: id), replaces: Evidence(seq: seq, eventID: correction.corrects),
                                occurredOn: replacement.occurredOn, actor: actor, payload: replacement.payload)
                registers.checkReferences(fact, label: label, problems: &discarded)
            }
            return
        }
        let fact = EffectiveFact(position: seq, evidence: Evidence(seq: seq, eventID: id), replaces: nil, occurredOn: occurredOn, actor: actor, payload: domain)
        if gaveUp == nil {
            registers.factLine = line
            registers.register(fact, label: label, problems: &discarded)
            registers.factLine = nil
        } else if let line, Self.isPartRecord(domain) {
            linesAfterGivingUp.append(line)
        }
        registers.checkReferences(fact, label: label, problems: &discarded)
    }

    /// `apply` for a record whose payload `PayloadRefs.read` vouched for (a leaf fact: pass 1 registers nothing of
    /// it, and it is no correction), from the ids it names as bytes: what `apply` notes of its references while
    /// collecting — each entity's number, that it is referenced, an asset's latest use date — without decoding the
    /// payload. The problems `apply` would find are discarded there too.
    /// - Parameter hashes: each ref's `EntityNumbers.hash`, when the caller made them (nil: made here).
    mutating func applyLeaf(seq: Int64, occurredOn: CalendarDate, refs: ArraySlice<PayloadRefs.Ref>, bytes: ArraySlice<UInt8>,
                            hashes: ArraySlice<UInt64>? = nil) {
        precondition(seq == lastSeq + 1, "records are folded in seq order without gaps")
        precondition(hashes.map { $0.count == refs.count } ?? true, "a hash for each ref")
        lastSeq = seq
        recordCount += 1
        let day = Int32(occurredOn.dayNumber)
        var k = hashes?.startIndex ?? 0
        for ref in refs {
            if let hashes {
                registers.noteReference(ref.kind, bytes[ref.range], hash: hashes[k], notRetired: ref.notRetired, day: day)
                k += 1
            } else {
                registers.noteReference(ref.kind, bytes[ref.range], notRetired: ref.notRetired, day: day)
            }
        }
    }

    /// `apply` for a record whose payload `PayloadRefs.checks` vouched for (registering or ending at most one entity,
    /// `change`, and referencing `refs`), from its bytes, in a whole-log rebuild: what `apply` does of it while
    /// collecting, without decoding the payload. `registering`: the record's type is a registering type
    /// (`ReferenceChecker.registeringTypes`), so its event id is kept (`idBytes`).
    /// - Parameter hashes: the `EntityNumbers.hash` of `change`'s entity (when there is one) then of each ref, when
    ///   the caller made them (nil: made here).
    mutating func applyChecked(seq: Int64, idBytes: ArraySlice<UInt8>, registering: Bool, occurredOn: CalendarDate,
                               change: PayloadRefs.CheckChange?, refs: ArraySlice<PayloadRefs.Ref>, bytes: ArraySlice<UInt8>,
                               hashes: ArraySlice<UInt64>? = nil) {
        precondition(seq == lastSeq + 1, "records are folded in seq order without gaps")
        precondition(registers.base == nil, "folded from bytes only in a whole-log rebuild")
        precondition(hashes.map { $0.count == refs.count + (change == nil ? 0 : 1) } ?? true, "a hash for each id")
        lastSeq = seq
        recordCount += 1
        if registering {
            let id = String(decoding: idBytes, as: UTF8.self)
            if let first = registers.collected.registeringIDs.updateValue(seq, forKey: id) { registers.collected.registeringIDs[id] = first }
        }
        let day = Int32(occurredOn.dayNumber)
        var k = hashes?.startIndex ?? 0
        if let change {
            if gaveUp == nil {
                registers.register(change, bytes: bytes, day: day, position: seq, evidenceSeq: seq, hash: hashes?[k])
            }
            k += 1
        }
        for ref in refs {
            if let hashes {
                registers.noteReference(ref.kind, bytes[ref.range], hash: hashes[k], notRetired: ref.notRetired, day: day)
                k += 1
            } else {
                registers.noteReference(ref.kind, bytes[ref.range], notRetired: ref.notRetired, day: day)
            }
        }
    }

    /// Reads, changing nothing, what folding records naming the ids hashed as `keys` will read (`Registers.touch`):
    /// a hint for the cache; the sum means nothing.
    func touch(_ keys: ArraySlice<UInt64>) -> Int { registers.touch(keys) }

    /// After `gaveUp`: pass 1 again over the facts in effect of the whole log (`existing`, folded from the same
    /// records), keeping what was collected.
    public mutating func rebuildRegisters(from existing: EffectiveLog) {
        precondition(registers.base == nil && existing.lastSeq == lastSeq, "the registers are rebuilt from the same whole log")
        var fresh = Registers(base: nil)
        fresh.collected = registers.collected
        fresh.collecting = true
        // The places of the parts' records as stated, by seq: a fact in effect that is its own record's keeps its place.
        var lines: [Int64: PartLine] = [:]
        lines.reserveCapacity(registers.partLines.count + linesAfterGivingUp.count)
        for mark in registers.partLines { if let line = mark.line { lines[line.seq] = line } }
        for line in linesAfterGivingUp { lines[line.seq] = line }
        linesAfterGivingUp = []
        var discarded: [ReferenceChecker.Problem] = []
        for fact in existing.factsInLogOrder {
            fresh.factLine = fact.replaces == nil ? lines[fact.evidence.seq] : nil
            fresh.register(fact, label: { .record(seq: $0) }, problems: &discarded)
        }
        fresh.factLine = nil
        registers = fresh
        gaveUp = nil
    }

    /// Whether `domain` is a part's registration, update or retirement (the records an `Z` entry places).
    static func isPartRecord(_ domain: DomainEvent) -> Bool {
        switch domain {
        case .assetRegistered, .assetUpdated, .assetRetired: return true
        default: return false
        }
    }
}
