import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Strings interned once: each distinct string gets a dense `Int32`, so a fold compares and indexes integers and
/// keeps the strings only for output.
public struct StringTable: Sendable {
    private var numbers: [String: Int32] = [:]
    /// The strings, by number.
    public private(set) var strings: [String] = []

    public init() {}

    /// The number of `string`, given a new one the first time it is seen.
    public mutating func intern(_ string: String) -> Int32 {
        if let number = numbers[string] { return number }
        let number = Int32(strings.count)
        numbers[string] = number
        strings.append(string)
        return number
    }

    /// The number of `string`, if it was interned.
    public func number(of string: String) -> Int32? { numbers[string] }

    public subscript(number: Int32) -> String { strings[Int(number)] }
    public var count: Int { strings.count }
}

/// One fund-related fact as the fold reads it: integers only (interned ids, fen, day numbers). `detail` indexes the
/// typed payload and evidence kept beside the rows, which are read only to build the output.
public struct FactRow: Sendable {
    public enum Kind: UInt8, Sendable {
        case community, fundOpened, income, spending, transfer, balanceAsserted
    }

    public var kind: Kind
    /// Business date as a day number.
    public var day: Int32
    /// Seq of the original record (orders the facts of one day).
    public var position: Int64
    /// Community (`community`), fund (`fundOpened`, `income`, `spending`, `balanceAsserted`), source fund (`transfer`).
    public var subject: Int32
    /// The fund's community (`fundOpened`), the receiving fund (`transfer`), else -1.
    public var other: Int32
    public var amountFen: Int64
    /// Index into the fold's details.
    public var detail: Int32
}

/// The funds part of the ledger, folded from typed fact rows with interned ids (issue 10): what `ledger balances`
/// needs — communities, funds, their movements and balance assertions, with corrections applied — and nothing else,
/// so that only the payloads of `FundFold.types` are ever decoded.
///
/// Feed it every record in seq order: `apply` for records of `types`, `skip` (with the record's id) for the
/// others. `projection(asOf:)` gives the same communities' names and streets, funds, movements, corrections, balance
/// checks and fund anomalies as the full `Projection` of the same records (the differential test holds it to that),
/// with entity lists of other kinds left empty. It reports the anomalies of fund-related records, corrections
/// included: a correction naming no event at all is reported, since the movement it was meant to void may still
/// be counted in a balance, and so is a record of a type this version does not know. Records of the other known
/// types are skipped unread, so their anomalies (a payload that does not fit, a duplicate asset) are not reported.
public struct FundFold: Sendable {
    /// The record types the fold reads; a record of another known type is skipped, only its id kept.
    public static let types: Set<EventType> = [.communityRegistered, .fundOpened, .fundIncome, .fundSpending,
                                               .fundTransfer, .fundBalanceAsserted, .correction]

    /// Whether the fold reads records of `type` (`types.contains(type)`, without hashing).
    @inlinable public static func reads(_ type: EventType) -> Bool {
        switch type {
        case .communityRegistered, .fundOpened, .fundIncome, .fundSpending, .fundTransfer, .fundBalanceAsserted, .correction: return true
        default: return false
        }
    }

    /// Every known type's name, one after the other (`names`), with the types sorted by the length of their names
    /// (`entries`: where each name lies) and, for each length below 64, the range of `entries` of that length.
    struct TypeNames: Sendable {
        var names: [UInt8] = []
        var entries: [(start: Int, end: Int, type: EventType)] = []
        var byLength = [Range<Int>](repeating: 0..<0, count: 64)
    }

    static let typeNames: TypeNames = {
        var table = TypeNames()
        for type in EventType.allCases.sorted(by: { $0.rawValue.utf8.count < $1.rawValue.utf8.count }) {
            let start = table.names.count
            table.names.append(contentsOf: type.rawValue.utf8)
            table.entries.append((start, table.names.count, type))
        }
        var index = 0
        for length in 0..<64 {
            let first = index
            while index < table.entries.count, table.entries[index].end - table.entries[index].start == length { index += 1 }
            table.byLength[length] = first..<index
        }
        precondition(index == table.entries.count, "every type's name is shorter than 64 bytes")
        return table
    }()

    /// The event type whose name is `bytes`, nil for a type this version does not know (`EventType(rawValue:)`
    /// without making a string): only the names of its length are compared.
    public static func knownType(_ bytes: ArraySlice<UInt8>) -> EventType? {
        guard bytes.count < 64 else { return nil }
        let table = typeNames
        for entry in table.entries[table.byLength[bytes.count]] where Bytes.equal(bytes, table.names[entry.start..<entry.end]) {
            return entry.type
        }
        return nil
    }

    /// What a row's output is built from.
    struct Detail: Sendable {
        let payload: DomainEvent
        let evidence: Evidence
    }

    public private(set) var lastSeq: Int64 = 0
    /// Fact rows made (including rows later replaced).
    public var rowCount: Int { rows.count }
    /// Every id of a community or fund, interned.
    public private(set) var ids = StringTable()
    private var rows: [FactRow] = []
    private var details: [Detail] = []
    /// Row in effect at each position (`slots[seq - 1]`), -1 for none.
    private var slots: [Int32] = []
    /// Event id → seq and whether it is a correction, for every record (correction targets; the first record of an
    /// id wins, as in `EffectiveLog`). Skipped records are kept too: a correction of one is not of an unknown event.
    private var eventIDs = EventIDTable()
    private var logAnomalies: [Anomaly] = []
    private var corrections: [AppliedCorrection] = []

    public init() {}

    /// Room for `records` records, reserved once (a whole-log read knows their number from the stored state: growing
    /// the id table by doubling rehashed every id some 20 times).
    public mutating func reserve(records: Int) {
        guard records > 0 else { return }
        eventIDs.reserve(records)
        slots.reserveCapacity(records)
    }

    /// A record of a type outside `types` (never a correction).
    public mutating func skip(seq: Int64, id: String) { skip(seq: seq, idBytes: id.utf8) }

    /// `skip(seq:id:)` with the id's UTF-8 bytes (no string made).
    public mutating func skip<C: Collection<UInt8>>(seq: Int64, idBytes: C) {
        precondition(seq == lastSeq + 1, "records are applied in seq order without gaps")
        lastSeq = seq
        slots.append(-1)
        // First record of an id wins (ids are unique in appended logs).
        eventIDs.insertFirst(idBytes, seq: seq, isCorrection: false)
    }

    /// A record of one of `types`, or of a type this version does not know (a `.raw` payload: it may be a money
    /// movement, so it is reported as an anomaly, as every report does — ledger-spec.md section 10).
    public mutating func apply(seq: Int64, id: String, occurredOn: CalendarDate, payload: EventPayload) {
        precondition(seq == lastSeq + 1, "records are applied in seq order without gaps")
        lastSeq = seq
        slots.append(-1)
        let evidence = Evidence(seq: seq, eventID: id)
        let typed: DomainEvent
        switch payload {
        case .domain(let domain):
            typed = domain
        case .raw(let raw):
            eventIDs.insertFirst(id.utf8, seq: seq, isCorrection: raw.type == EventType.correction.rawValue)
            logAnomalies.append(Anomaly(evidence: evidence, reason: Self.rawReason(type: raw.type, occurredOn: occurredOn, data: raw.data)))
            return
        }
        eventIDs.insertFirst(id.utf8, seq: seq, isCorrection: typed.type == .correction)
        guard case .correction(let correction) = typed else {
            slots[Int(seq - 1)] = row(typed, day: occurredOn, position: seq, evidence: evidence)
            return
        }
        guard let target = eventIDs.first(correction.corrects.utf8), target.seq < seq else {
            logAnomalies.append(Anomaly(evidence: evidence, reason: "corrects unknown event \"\(correction.corrects)\""))
            return
        }
        guard !target.isCorrection else {
            logAnomalies.append(Anomaly(evidence: evidence, reason: "corrects another correction \"\(correction.corrects)\""))
            return
        }
        let original = Evidence(seq: target.seq, eventID: correction.corrects)
        // A replacement of another kind than the fund facts (of a skipped record, or of another type) gets no row.
        if let replacement = correction.replacement {
            slots[Int(target.seq - 1)] = row(replacement.payload, day: replacement.occurredOn, position: target.seq, evidence: evidence)
        } else {
            slots[Int(target.seq - 1)] = -1
        }
        corrections.append(AppliedCorrection(evidence: evidence, occurredOn: occurredOn, corrected: original,
                                             reason: correction.reason, hasReplacement: correction.replacement != nil))
    }

    /// The anomaly of a record whose payload the fold cannot read (of a type this version does not know, or that
    /// does not fit its type), as every report words it; `FundTotals` gives the same.
    static func rawReason(type: String, occurredOn: CalendarDate, data: [UInt8]) -> String {
        do {
            _ = try DomainEvent.decode(type: type, occurredOn: occurredOn, canonicalData: data[...])
            return "payload not understood"
        } catch {
            return "payload not understood: \(error)"
        }
    }

    /// Interns the fact's ids and adds its row; -1 for a payload of another kind (a replacement of another type).
    private mutating func row(_ payload: DomainEvent, day: CalendarDate, position: Int64, evidence: Evidence) -> Int32 {
        let kind: FactRow.Kind, subject: Int32, other: Int32, fen: Int64
        switch payload {
        case .communityRegistered(let p): kind = .community; subject = ids.intern(p.communityID); other = -1; fen = 0
        case .fundOpened(let p): kind = .fundOpened; subject = ids.intern(p.fundID); other = ids.intern(p.communityID); fen = 0
        case .fundIncome(let p): kind = .income; subject = ids.intern(p.fundID); other = -1; fen = p.amount.fen
        case .fundSpending(let p): kind = .spending; subject = ids.intern(p.fundID); other = -1; fen = p.amount.fen
        case .fundTransfer(let p): kind = .transfer; subject = ids.intern(p.fromFundID); other = ids.intern(p.toFundID); fen = p.amount.fen
        case .fundBalanceAsserted(let p): kind = .balanceAsserted; subject = ids.intern(p.fundID); other = -1; fen = p.balance.fen
        default: return -1
        }
        rows.append(FactRow(kind: kind, day: Int32(day.dayNumber), position: position, subject: subject, other: other,
                            amountFen: fen, detail: Int32(details.count)))
        details.append(Detail(payload: payload, evidence: evidence))
        return Int32(rows.count - 1)
    }

    /// The rows in effect on or before `asOf`, in fold order (business date, then log position).
    func orderedRows(asOf: CalendarDate) -> [FactRow] {
        let lastDay = Int32(clamping: asOf.dayNumber)
        var out: [FactRow] = []
        out.reserveCapacity(rows.count)
        var sorted = true
        var previous = Int32.min
        for slot in slots where slot >= 0 {
            let row = rows[Int(slot)]
            guard row.day <= lastDay else { continue }
            if row.day < previous { sorted = false }
            previous = row.day
            out.append(row)
        }
        // Positions are unique, so an unstable sort on (day, position) is exact.
        if !sorted { out.sort { $0.day != $1.day ? $0.day < $1.day : $0.position < $1.position } }
        return out
    }

    /// The latest business date of the rows in effect (nil when there is none): an as-of date on or after it sees
    /// every row (`FundTotals`).
    public var lastRowDay: CalendarDate? {
        var last: Int32? = nil
        for slot in slots where slot >= 0 { let day = rows[Int(slot)].day; last = max(last ?? day, day) }
        return last.map { CalendarDate(dayNumber: Int($0)) }
    }

    /// Why a row did not take effect.
    enum Rejection { case duplicateCommunity, duplicateFund, unknownFund }

    /// The fold proper, on interned ids alone: for each row of `ordered`, nil if it takes effect, else why not.
    func fold(_ ordered: [FactRow]) -> [Rejection?] {
        var communityKnown = [Bool](repeating: false, count: ids.count)
        var fundKnown = [Bool](repeating: false, count: ids.count)
        var out: [Rejection?] = []
        out.reserveCapacity(ordered.count)
        for row in ordered {
            let subject = Int(row.subject)
            switch row.kind {
            case .community:
                guard !communityKnown[subject] else { out.append(.duplicateCommunity); continue }
                communityKnown[subject] = true
            case .fundOpened:
                guard !fundKnown[subject] else { out.append(.duplicateFund); continue }
                fundKnown[subject] = true
            case .income, .spending, .balanceAsserted:
                guard fundKnown[subject] else { out.append(.unknownFund); continue }
            case .transfer:
                guard fundKnown[subject], fundKnown[Int(row.other)] else { out.append(.unknownFund); continue }
            }
            out.append(nil)
        }
        return out
    }

    /// Every fund's balance in fen as of `asOf`, by interned fund id: the fold's figure without any string.
    public func balances(asOf: CalendarDate) -> [(fund: Int32, balanceFen: Int64)] {
        var balance = [Int64](repeating: 0, count: ids.count)
        var isFund = [Bool](repeating: false, count: ids.count)
        let ordered = orderedRows(asOf: asOf)
        for (row, rejection) in zip(ordered, fold(ordered)) where rejection == nil {
            let s = Int(row.subject)
            switch row.kind {
            case .fundOpened: isFund[s] = true
            case .income: balance[s] += row.amountFen
            case .spending: balance[s] -= row.amountFen
            case .transfer: balance[s] -= row.amountFen; balance[Int(row.other)] += row.amountFen
            case .community, .balanceAsserted: break
            }
        }
        return isFund.indices.filter { isFund[$0] }.map { (Int32($0), balance[$0]) }
    }

    /// The projection `ledger balances` reports from: communities, funds, movements and balance assertions as of
    /// `asOf`, as the full `Projection` has them; assets, contracts, decisions, uses and the rest are empty.
    /// Entities are built in arrays indexed by interned id; their string-keyed dictionaries are made last, for output.
    public func projection(asOf: CalendarDate) -> Projection {
        var communities = [Community?](repeating: nil, count: ids.count)
        var funds = [Fund?](repeating: nil, count: ids.count)
        var movements: [FundMovement] = []
        var anomalies = logAnomalies
        let ordered = orderedRows(asOf: asOf)
        // Room for every movement at once (a transfer makes two): growing by doubling copied them some 20 times.
        movements.reserveCapacity(ordered.count + ordered.lazy.filter { $0.kind == .transfer }.count)
        for (row, rejection) in zip(ordered, fold(ordered)) {
            let detail = details[Int(row.detail)]
            let date = CalendarDate(dayNumber: Int(row.day))
            let evidence = detail.evidence
            if let rejection {
                anomalies.append(Anomaly(evidence: evidence, reason: Self.reason(rejection, detail.payload)))
                continue
            }
            let s = Int(row.subject)
            func move(_ fund: Int, _ movement: FundMovement) {
                funds[fund]!.movementIndexes.append(movements.count)
                movements.append(movement)
            }
            switch detail.payload {
            case .communityRegistered(let p):
                communities[s] = Community(id: p.communityID, name: p.name, street: p.street, residentsCommittee: p.residentsCommittee,
                                           totalArea: p.totalArea, totalOwners: p.totalOwners, registeredOn: date, evidence: evidence)
            case .fundOpened(let p):
                funds[s] = Fund(id: p.fundID, communityID: p.communityID, kind: p.kind, account: p.account, openedOn: date, evidence: evidence)
                communities[Int(row.other)]?.fundIDs.append(p.fundID)
            case .fundIncome(let p):
                move(s, FundMovement(fundID: p.fundID, kind: .income, date: date, amount: p.amount, counterparty: p.counterparty,
                                     voucher: p.voucher, category: p.category, purpose: nil, contractID: p.sourceContractID,
                                     decisionID: nil, emergency: nil, assetIDs: [], otherFundID: nil, evidence: evidence))
            case .fundSpending(let p):
                move(s, FundMovement(fundID: p.fundID, kind: .spending, date: date, amount: p.amount, counterparty: p.counterparty,
                                     voucher: p.voucher, category: p.purposeCategory ?? "other", purpose: p.purpose, contractID: nil,
                                     decisionID: p.decisionID, emergency: p.emergency, assetIDs: p.assetIDs, otherFundID: nil,
                                     evidence: evidence))
            case .fundTransfer(let p):
                move(s, FundMovement(fundID: p.fromFundID, kind: .transferOut, date: date, amount: p.amount, counterparty: .plain(p.toFundID),
                                     voucher: p.voucher, category: "transfer", purpose: nil, contractID: nil, decisionID: p.decisionID,
                                     emergency: nil, assetIDs: [], otherFundID: p.toFundID, evidence: evidence))
                move(Int(row.other), FundMovement(fundID: p.toFundID, kind: .transferIn, date: date, amount: p.amount,
                                                  counterparty: .plain(p.fromFundID), voucher: p.voucher, category: "transfer",
                                                  purpose: nil, contractID: nil, decisionID: p.decisionID, emergency: nil,
                                                  assetIDs: [], otherFundID: p.fromFundID, evidence: evidence))
            case .fundBalanceAsserted(let p):
                funds[s]!.assertions.append(BalanceAssertion(fundID: p.fundID, date: date, balance: p.balance,
                                                             statementRef: p.statementRef, evidence: evidence))
            default:
                break
            }
        }
        var projection = Projection(asOf: asOf, atSeq: lastSeq)
        projection.corrections = corrections
        projection.anomalies = anomalies
        projection.movements = movements
        for community in communities { if let community { projection.communities[community.id] = community } }
        for fund in funds { if let fund { projection.funds[fund.id] = fund } }
        return projection
    }

    /// The anomaly text `Projection` gives for the same fact.
    static func reason(_ rejection: Rejection, _ payload: DomainEvent) -> String {
        switch (rejection, payload) {
        case (.duplicateCommunity, .communityRegistered(let p)): return "duplicate community \(p.communityID)"
        case (.duplicateFund, .fundOpened(let p)): return "duplicate fund \(p.fundID)"
        case (.unknownFund, .fundIncome(let p)): return "income into unknown fund \(p.fundID)"
        case (.unknownFund, .fundSpending(let p)): return "spending from unknown fund \(p.fundID)"
        case (.unknownFund, .fundTransfer(let p)): return "transfer between unknown funds \(p.fromFundID) → \(p.toFundID)"
        case (.unknownFund, .fundBalanceAsserted(let p)): return "balance of unknown fund \(p.fundID)"
        default: return "not applied"
        }
    }
}

extension FundFold {
    /// Reads and verifies the ledger's log (`LogScanner.committedBatches`) and folds the funds of records
    /// 1…`upToSeq` (all when nil); only the payloads of `types` are decoded.
    /// - Returns: the fold and the number of records in the whole committed log.
    public static func read(_ directory: LedgerDirectory, upToSeq: Int64? = nil) throws(ChainError) -> (fold: FundFold, totalRecordCount: Int64) {
        var fold = FundFold()
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> Item? in
            if let upToSeq, line.location.seq > upToSeq { return nil }
            return item(line)
        }, batch: { items in
            for item in items { fold.take(item) }
        })
        return (fold, summary.recordCount)
    }

    /// One verified line as the fold takes it: skipped (only its id kept) or applied with its payload.
    enum Item {
        case skipped(seq: Int64, id: ArraySlice<UInt8>)
        case record(seq: Int64, id: String, occurredOn: CalendarDate, payload: EventPayload)
    }

    /// What the fold takes of `line`: only the payloads of `types` are decoded; a payload that does not decode, and
    /// one of a type this version does not know, is kept raw (an anomaly, never skipped silently).
    static func item(_ line: VerifiedLine) -> Item {
        let seq = line.location.seq
        // Skipped records keep their id's bytes (corrections may name them): no string is made for them.
        guard let type = knownType(line.typeBytes) else {
            let id = String(decoding: line.idBytes, as: UTF8.self)
            return .record(seq: seq, id: id, occurredOn: line.occurredOn,
                           payload: .raw(type: String(decoding: line.typeBytes, as: UTF8.self), data: Array(line.dataBytes)))
        }
        guard reads(type) else { return .skipped(seq: seq, id: line.idBytes) }
        let id = String(decoding: line.idBytes, as: UTF8.self)
        let payload: EventPayload
        do { payload = .domain(try PayloadCodec.decode(type: type, occurredOn: line.occurredOn, data: line.dataBytes)) } catch {
            payload = .raw(type: type.rawValue, data: Array(line.dataBytes))
        }
        return .record(seq: seq, id: id, occurredOn: line.occurredOn, payload: payload)
    }

    /// Folds one item (`item(_:)`), in seq order.
    mutating func take(_ item: Item) {
        switch item {
        case .skipped(let seq, let id): skip(seq: seq, idBytes: id)
        case .record(let seq, let id, let occurredOn, let payload): apply(seq: seq, id: id, occurredOn: occurredOn, payload: payload)
        }
    }
}

/// Event ids → the seq of the first record of each id, keyed by the id's UTF-8 bytes (`FundFold`'s correction
/// targets): no `String` is made per record and one short hash is taken of each id; the ids' bytes are kept in one
/// array (a record's id is compared only when its hash matches). The first record of an id wins, as in
/// `EffectiveLog`.
struct EventIDTable: Sendable {
    /// Open addressing: 0 for an empty slot, else the id hash's high 32 bits over the entry's index + 1.
    private var slots: [UInt64] = []
    private var mask = 0
    /// Every distinct id's bytes, in the order first seen; entry `i`'s are `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// The seq of each entry's first record, negated for a correction.
    private var seqs: [Int64] = []
    /// Once an id that is not all ASCII is seen: every id by its `String` (whose equality is Unicode canonical
    /// equivalence, under which such an id may equal another of different bytes, even an ASCII one: U+212A KELVIN
    /// SIGN is "K"), as the fold keyed them before; the byte table is then emptied.
    private var strings: [String: (seq: Int64, isCorrection: Bool)]? = nil

    init() {}

    /// Room for `records` ids, reserved once (the table grows by doubling otherwise).
    mutating func reserve(_ records: Int) {
        guard records > 0 else { return }
        seqs.reserveCapacity(records)
        starts.reserveCapacity(records + 1)
        bytes.reserveCapacity(records * 16)
        if slots.count < records * 2 { rehash(capacity: records * 2) }
    }

    /// The id's hash, nil when a byte is not ASCII.
    private static func asciiHash<C: Collection<UInt8>>(_ id: C) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var any: UInt8 = 0
        for byte in id { any |= byte; h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        guard any < 0x80 else { return nil }
        // fmix64: every bit of the hash depends on every byte (the low bits pick the slot, the high ones are kept).
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33; h = h &* 0xc4ce_b9fe_1a85_ec53; h ^= h >> 33
        return h
    }

    private func matches<C: Collection<UInt8>>(_ entry: Int, _ id: C) -> Bool {
        let start = starts[entry], end = starts[entry + 1]
        return end - start == id.count && bytes[start..<end].elementsEqual(id)
    }

    private mutating func rehash(capacity: Int) {
        var size = 16
        while size < capacity { size <<= 1 }
        var fresh = [UInt64](repeating: 0, count: size)
        let freshMask = size - 1
        for slot in slots where slot != 0 {
            let entry = Int(slot & 0xFFFF_FFFF) - 1
            let h = Self.asciiHash(bytes[starts[entry]..<starts[entry + 1]])!
            var i = Int(truncatingIfNeeded: h) & freshMask
            while fresh[i] != 0 { i = (i + 1) & freshMask }
            fresh[i] = slot
        }
        slots = fresh
        mask = freshMask
    }

    /// The first seq recorded for `id` and whether that record is a correction.
    mutating func first<C: Collection<UInt8>>(_ id: C) -> (seq: Int64, isCorrection: Bool)? {
        if strings == nil, Self.asciiHash(id) == nil { toStrings() }
        if let strings { return strings[String(decoding: id, as: UTF8.self)] }
        guard !slots.isEmpty, let h = Self.asciiHash(id) else { return nil }
        let tag = (h >> 32) << 32
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let slot = slots[i]
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(slot & 0xFFFF_FFFF) - 1
                if matches(entry, id) { let seq = seqs[entry]; return (abs(seq), seq < 0) }
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Records `id` at `seq` unless an earlier record has it (the first wins).
    mutating func insertFirst<C: Collection<UInt8>>(_ id: C, seq: Int64, isCorrection: Bool) {
        if strings == nil, Self.asciiHash(id) == nil { toStrings() }
        if strings != nil {
            let key = String(decoding: id, as: UTF8.self)
            if strings![key] == nil { strings![key] = (seq, isCorrection) }
            return
        }
        if (seqs.count + 1) * 2 > slots.count { rehash(capacity: max(32, slots.count * 2)) }
        let h = Self.asciiHash(id)!
        let tag = (h >> 32) << 32
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let slot = slots[i]
            if slot & 0xFFFF_FFFF_0000_0000 == tag, matches(Int(slot & 0xFFFF_FFFF) - 1, id) { return }
            i = (i + 1) & mask
        }
        precondition(seqs.count < 0xFFFF_FFFF, "fewer than 2^32 distinct event ids")
        slots[i] = tag | UInt64(seqs.count + 1)
        seqs.append(isCorrection ? -seq : seq)
        bytes.append(contentsOf: id)
        starts.append(bytes.count)
    }

    /// Moves every id to `strings` (see there).
    private mutating func toStrings() {
        var table: [String: (seq: Int64, isCorrection: Bool)] = [:]
        table.reserveCapacity(seqs.count)
        for (entry, seq) in seqs.enumerated() {
            table[String(decoding: bytes[starts[entry]..<starts[entry + 1]], as: UTF8.self)] = (abs(seq), seq < 0)
        }
        strings = table
        slots = []; bytes = []; starts = [0]; seqs = []; mask = 0
    }
}
