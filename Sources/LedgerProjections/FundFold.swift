import LedgerChain
import LedgerEvents

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

    static let allTypeNames: [(bytes: [UInt8], type: EventType)] = EventType.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The event type whose name is `bytes`, nil for a type this version does not know (`EventType(rawValue:)`
    /// without making a string).
    public static func knownType(_ bytes: ArraySlice<UInt8>) -> EventType? {
        for entry in allTypeNames where entry.bytes.count == bytes.count && entry.bytes.elementsEqual(bytes) { return entry.type }
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
    private var eventIDs: [String: (seq: Int64, isCorrection: Bool)] = [:]
    private var logAnomalies: [Anomaly] = []
    private var corrections: [AppliedCorrection] = []

    public init() {}

    /// Room for `records` records, reserved once (a whole-log read knows their number from the stored state: growing
    /// the id table by doubling rehashed every id some 20 times).
    public mutating func reserve(records: Int) {
        guard records > 0 else { return }
        eventIDs.reserveCapacity(records)
        slots.reserveCapacity(records)
    }

    /// A record of a type outside `types` (never a correction).
    public mutating func skip(seq: Int64, id: String) {
        precondition(seq == lastSeq + 1, "records are applied in seq order without gaps")
        lastSeq = seq
        slots.append(-1)
        // First record of an id wins; one hash of the id in the usual case (ids are unique in appended logs).
        if let first = eventIDs.updateValue((seq, false), forKey: id) { eventIDs[id] = first }
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
            if eventIDs[id] == nil { eventIDs[id] = (seq, raw.type == EventType.correction.rawValue) }
            logAnomalies.append(Anomaly(evidence: evidence, reason: Self.rawReason(type: raw.type, occurredOn: occurredOn, data: raw.data)))
            return
        }
        if eventIDs[id] == nil { eventIDs[id] = (seq, typed.type == .correction) }
        guard case .correction(let correction) = typed else {
            slots[Int(seq - 1)] = row(typed, day: occurredOn, position: seq, evidence: evidence)
            return
        }
        guard let target = eventIDs[correction.corrects], target.seq < seq else {
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
        enum Item { case skipped(seq: Int64, id: String), record(seq: Int64, id: String, occurredOn: CalendarDate, payload: EventPayload) }
        var fold = FundFold()
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> Item? in
            let seq = line.location.seq
            if let upToSeq, seq > upToSeq { return nil }
            let id = String(decoding: line.idBytes, as: UTF8.self)
            guard let type = knownType(line.typeBytes) else {
                // Unknown to this version: reported (an anomaly), never skipped silently.
                return .record(seq: seq, id: id, occurredOn: line.occurredOn,
                               payload: .raw(type: String(decoding: line.typeBytes, as: UTF8.self), data: Array(line.dataBytes)))
            }
            // Skipped records keep their id (corrections may name them); ids are short, mostly stored inline.
            guard reads(type) else { return .skipped(seq: seq, id: id) }
            let payload: EventPayload
            do { payload = .domain(try PayloadCodec.decode(type: type, occurredOn: line.occurredOn, data: line.dataBytes)) } catch {
                payload = .raw(type: type.rawValue, data: Array(line.dataBytes))
            }
            return .record(seq: seq, id: id, occurredOn: line.occurredOn, payload: payload)
        }, batch: { items in
            for item in items {
                switch item {
                case .skipped(let seq, let id): fold.skip(seq: seq, id: id)
                case .record(let seq, let id, let occurredOn, let payload): fold.apply(seq: seq, id: id, occurredOn: occurredOn, payload: payload)
                }
            }
        })
        return (fold, summary.recordCount)
    }
}
