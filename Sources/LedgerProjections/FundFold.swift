import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The funds part of the ledger, folded from typed fact rows with interned ids (issue 10): what `ledger balances`
/// needs — communities, funds, their movements and balance assertions, with corrections applied — and nothing else,
/// so that only the payloads of `FundFold.types` are ever decoded.
///
/// Feed it every record in seq order: `apply` for records of `types`, `skip` (with the record's id) for the
/// others. `projection(asOf:)` gives the same communities' names and streets, funds, movements, corrections, balance
/// checks and fund anomalies as the full `Projection` of the same records (the differential test holds it to that),
/// with entity lists of other kinds left empty. Money movements may be given as their record's bytes
/// (`apply(seq:idBytes:type:occurredOn:data:)`): their rows are then read from the bytes and their payloads decoded
/// only for output (the same rows as from the decoded payloads: `FundFoldFromBytesTests`). It reports the anomalies of fund-related records, corrections
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
        /// Each entry's first and last 8 bytes (names are at least 8 bytes long), so that a name is told from the
        /// others of its length by two integer compares (and, when it matches them, from the bytes between).
        var heads: [UInt64] = []
        var tails: [UInt64] = []
    }

    /// The 8 bytes at `offset` of `bytes` as an integer (little-endian: any order would do, as both sides of a
    /// comparison are read the same way).
    @inline(__always) static func word(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> UInt64 {
        Bytes.u64(bytes, at: bytes.startIndex + offset)
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
        for entry in table.entries {
            precondition(entry.end - entry.start >= 8, "every type's name is at least 8 bytes long")
            table.heads.append(word(table.names[...], entry.start))
            table.tails.append(word(table.names[...], entry.end - 8))
        }
        return table
    }()

    /// The event type whose name is `bytes`, nil for a type this version does not know (`EventType(rawValue:)`
    /// without making a string): only the names of its length are compared.
    public static func knownType(_ bytes: ArraySlice<UInt8>) -> EventType? {
        guard bytes.count < 64 else { return nil }
        let table = typeNames
        let candidates = table.byLength[bytes.count]
        guard !candidates.isEmpty else { return nil }
        let head = word(bytes, 0), tail = word(bytes, bytes.count - 8)
        for i in candidates where table.heads[i] == head && table.tails[i] == tail {
            let entry = table.entries[i]
            if bytes.count <= 16 || Bytes.equal(bytes, table.names[entry.start..<entry.end]) { return entry.type }
        }
        return nil
    }

    /// What a row's output is built from.
    struct Detail: Sendable {
        let payload: DomainEvent
        let evidence: Evidence
    }

    /// A row read from its record's bytes (`apply(seq:idBytes:type:occurredOn:data:movement:)`): its id and payload
    /// are kept as bytes (`storedBytes[start...]`, the id then the data) and decoded only when its output is asked
    /// for (`detail(_:)`); most never are (a whole-city `balances` reads the totals of integers).
    struct StoredDetail: Sendable {
        let seq: Int64
        let start: Int
        let idCount: Int32
        let dataCount: Int32
        let day: Int32
        let type: EventType
    }

    public private(set) var lastSeq: Int64 = 0
    /// Fact rows made (including rows later replaced, and the replacements of corrections found not to apply).
    public var rowCount: Int { rows.count }
    /// Every id of a community or fund, interned.
    public private(set) var ids = StringTable()
    /// Every category of income or spending, interned (`FactRow.category`).
    public private(set) var categories = StringTable()
    /// Whether a category came in other bytes than the interned one it equals as a `String` (canonically equivalent
    /// forms): sums keyed by interned category would then show the first form seen in the log, where a projection
    /// shows the first seen in each fund (`FundTotals` then sums from the projection).
    private(set) var categoryFormsVary = false
    private(set) var rows: [FactRow] = []
    /// What rows made from typed payloads are output from (`FactRow.detail` ≥ 0).
    private(set) var details: [Detail] = []
    /// What rows read from bytes are output from (`FactRow.detail` < 0: `storedDetails[~detail]`), and their bytes.
    private(set) var storedDetails: [StoredDetail] = []
    private(set) var storedBytes: [UInt8] = []
    /// The ids a movement read from its bytes names (`PayloadRefs.fixedMovement`'s scratch), one array reused.
    private var scratch: [PayloadRefs.Ref] = []
    /// Row in effect at each position (`slots[seq - 1]`), -1 for none.
    private(set) var slots: [Int32] = []
    /// Every record's event id, by seq: what corrections name. Kept flat (one append per record) and searched once,
    /// for all the corrections at a time, by `settle()`: a hash table of every id (1.3 GB at 10 million records, a
    /// cache miss per record) cost a tenth of a whole-city rebuild, for the few thousand ids corrections name.
    private var eventIDs = EventIDList()
    /// The event ids are kept by whoever reads the records (`init(idsGivenLater:)`) and handed over before the
    /// corrections are settled (`adoptEventIDs`), instead of appended here record by record.
    private let idsGivenLater: Bool
    private var idsAdopted = false
    /// Corrections whose target is not looked up yet (`settle()`), in seq order.
    private var pending: [PendingCorrection] = []
    private(set) var logAnomalies: [Anomaly] = []
    private var corrections: [AppliedCorrection] = []
    /// The corrected (original) event's id of each replacement applied, by its row's `detail`: the movement's
    /// `recordID`, as the full projection gives it.
    private var replacedIDs: [Int32: String] = [:]

    /// A correction folded before its target is looked up: its replacement's row is made at once (position set by
    /// `settle()`), so that rows and interned ids come in the order of the records.
    struct PendingCorrection: Sendable {
        let evidence: Evidence
        let occurredOn: CalendarDate
        let corrects: String
        let reason: String
        let hasReplacement: Bool
        /// The replacement's row, -1 for none (no replacement, or one of another kind than the fund facts).
        let replacementRow: Int32
    }

    public init() { idsGivenLater = false }

    /// A fold whose event ids (what corrections name) are collected by the reader, on its own thread, as it reads
    /// every record (`EventIDList`), and given with `adoptEventIDs` once the last record is folded: the records the
    /// fold skips then need not reach it at all (`skip(through:)`), nor their bytes be touched on the fold's thread.
    init(idsGivenLater: Bool) { self.idsGivenLater = idsGivenLater }

    /// The event ids of records 1…`lastSeq` (in seq order; later ones, of batches never committed, are dropped).
    mutating func adoptEventIDs(_ list: EventIDList) {
        precondition(idsGivenLater && !idsAdopted, "the ids are given once, to a fold made for them")
        var list = list
        list.truncate(to: Int(lastSeq))
        precondition(list.count == Int(lastSeq), "an id for every record folded")
        eventIDs = list
        idsAdopted = true
    }

    /// Records lastSeq+1…`seq` skipped (of known types the fold does not read), in one step: with
    /// `idsGivenLater`, their ids are given by `adoptEventIDs`.
    mutating func skip(through seq: Int64) {
        precondition(idsGivenLater, "a record skipped without its id only when the ids are given later")
        guard seq > lastSeq else { return }
        slots.append(contentsOf: repeatElement(-1, count: Int(seq - lastSeq)))
        lastSeq = seq
    }

    /// `eventIDs.append`, unless the ids are given later.
    private mutating func noteID<C: Collection<UInt8>>(_ id: C, isCorrection: Bool) {
        if !idsGivenLater { eventIDs.append(id, isCorrection: isCorrection) }
    }

    /// Room for `records` records, reserved once (a whole-log read knows their number from the stored state).
    public mutating func reserve(records: Int) {
        guard records > 0 else { return }
        if !idsGivenLater { eventIDs.reserve(records) }
        slots.reserveCapacity(records)
    }

    /// Room for `rows` money movements read from their bytes (`apply(seq:idBytes:type:occurredOn:data:movement:)`)
    /// and `bytes` of their ids and data, reserved once: the shared pass estimates them from the log's size, so that
    /// the arrays do not grow by doubling, each time copied whole into fresh memory (at 10 million records some
    /// 600 MB of `storedBytes`). Only address space is taken: what is never written costs no memory.
    mutating func reserveMovements(rows: Int, bytes: Int) {
        if rows > self.rows.capacity { self.rows.reserveCapacity(rows) }
        if rows > storedDetails.capacity { storedDetails.reserveCapacity(rows) }
        if bytes > storedBytes.capacity { storedBytes.reserveCapacity(bytes) }
    }

    /// A record of a type outside `types` (never a correction).
    public mutating func skip(seq: Int64, id: String) { skip(seq: seq, idBytes: id.utf8) }

    /// `skip(seq:id:)` with the id's UTF-8 bytes (no string made).
    public mutating func skip<C: Collection<UInt8>>(seq: Int64, idBytes: C) {
        precondition(seq == lastSeq + 1, "records are applied in seq order without gaps")
        lastSeq = seq
        slots.append(-1)
        noteID(idBytes, isCorrection: false)
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
            noteID(id.utf8, isCorrection: raw.type == EventType.correction.rawValue)
            logAnomalies.append(Anomaly(evidence: evidence, kind: Self.rawReason(type: raw.type, occurredOn: occurredOn, data: raw.data)))
            return
        }
        noteID(id.utf8, isCorrection: typed.type == .correction)
        guard case .correction(let correction) = typed else {
            slots[Int(seq - 1)] = row(typed, day: occurredOn, position: seq, evidence: evidence)
            return
        }
        // Its target is looked up by `settle()` (the first record of that id, before this one), with every other
        // correction's; a replacement of another kind than the fund facts gets no row.
        let replacementRow = correction.replacement.map { row($0.payload, day: $0.occurredOn, position: 0, evidence: evidence) } ?? -1
        pending.append(PendingCorrection(evidence: evidence, occurredOn: occurredOn, corrects: correction.corrects, reason: correction.reason,
                                         hasReplacement: correction.replacement != nil, replacementRow: replacementRow))
    }

    /// A money movement (`PayloadRefs.readsMovement(type)`) given as its record's bytes: when
    /// `PayloadRefs.fixedMovement` (`PayloadRefs.movement`'s answer, read in the canonical member order) vouches for
    /// `data`, the row `apply(seq:id:occurredOn:payload:)` makes of the decoded payload — the same interned ids and
    /// category, interned in the same order — is made from the bytes, and the payload is decoded only if its output
    /// is asked for (`detail(_:)`). False, with nothing done, when it cannot vouch: the caller
    /// decodes the payload and applies it (a payload that does not decode is then reported, as always).
    mutating func apply<I: Collection<UInt8>>(seq: Int64, idBytes: I, type: EventType, occurredOn: CalendarDate,
                                              data: ArraySlice<UInt8>) -> Bool {
        guard PayloadRefs.readsMovement(type), let movement = PayloadRefs.fixedMovement(type, data: data, scratch: &scratch) else { return false }
        apply(seq: seq, idBytes: idBytes, type: type, occurredOn: occurredOn, data: data, movement: movement)
        return true
    }

    /// `apply(seq:idBytes:type:occurredOn:data:)` of a movement already read (`movement` is
    /// `PayloadRefs.fixedMovement` of `data`).
    mutating func apply<I: Collection<UInt8>>(seq: Int64, idBytes: I, type: EventType, occurredOn: CalendarDate,
                                              data: ArraySlice<UInt8>, movement: PayloadRefs.Movement) {
        precondition(seq == lastSeq + 1, "records are applied in seq order without gaps")
        lastSeq = seq
        noteID(idBytes, isCorrection: false)
        // As `row(_:day:position:evidence:)` for the decoded payload: the fund, then the other fund, then the category.
        let kind: FactRow.Kind
        let subject = ids.intern(utf8: data[movement.fund]).number
        var other: Int32 = -1, category: Int32 = -1
        switch type {
        case .fundIncome:
            kind = .income
            category = internCategory(utf8: data[movement.category!])
        case .fundSpending:
            kind = .spending
            category = internCategory(utf8: movement.category.map { data[$0] } ?? Self.otherCategory[...])
        case .fundTransfer:
            kind = .transfer
            other = ids.intern(utf8: data[movement.other!]).number
        default:
            preconditionFailure("only money movements are read from their bytes")
        }
        let start = storedBytes.count
        storedBytes.append(contentsOf: idBytes)
        let idCount = storedBytes.count - start
        storedBytes.append(contentsOf: data)
        let day = Int32(occurredOn.dayNumber)
        rows.append(FactRow(kind: kind, day: day, position: seq, subject: subject, other: other, amountFen: movement.amountFen,
                            detail: ~Int32(storedDetails.count), category: category))
        storedDetails.append(StoredDetail(seq: seq, start: start, idCount: Int32(idCount), dataCount: Int32(data.count), day: day, type: type))
        slots.append(Int32(rows.count - 1))
    }

    /// A spending's category when it names none (as `Projection` has it).
    static let otherCategory = Array("other".utf8)

    /// What row `detail` (a `FactRow.detail`) is output from: its typed payload and evidence (decoded here for a row
    /// read from its bytes).
    func detail(_ detail: Int32) -> Detail {
        guard detail < 0 else { return details[Int(detail)] }
        let stored = storedDetails[Int(~detail)]
        let idEnd = stored.start + Int(stored.idCount)
        let data = storedBytes[idEnd..<(idEnd + Int(stored.dataCount))]
        guard let payload = try? PayloadCodec.decode(type: stored.type, occurredOn: CalendarDate(dayNumber: Int(stored.day)), data: data) else {
            preconditionFailure("a movement read from its bytes decodes (PayloadRefs.movement vouched for it)")
        }
        return Detail(payload: payload, evidence: Evidence(seq: stored.seq, eventID: String(decoding: storedBytes[stored.start..<idEnd], as: UTF8.self)))
    }

    /// Applies the corrections folded so far, in seq order, exactly as if each had been applied when it came: its
    /// target is the first record of the id it names, which must come before it and not be a correction (else it is
    /// an anomaly, placed among the others by seq); the target's row is replaced or voided. The readers of the fold
    /// (`read`, the shared rebuild, `readCollecting`) settle it when they have folded their last record; a fold
    /// queried unsettled is settled on a copy at each query (the same answers, only slower).
    public mutating func settle() {
        guard !pending.isEmpty else { return }
        precondition(!idsGivenLater || idsAdopted, "the event ids are given before the corrections are settled")
        let firsts = eventIDs.firstSeqs(of: pending.map(\.corrects))
        var anomaliesAdded = false
        for (correction, first) in zip(pending, firsts) {
            let seq = correction.evidence.seq
            guard let target = first, target < seq else {
                logAnomalies.append(Anomaly(evidence: correction.evidence, kind: .correctsUnknownEvent(correction.corrects)))
                anomaliesAdded = true
                continue
            }
            guard !eventIDs.isCorrection(seq: target) else {
                logAnomalies.append(Anomaly(evidence: correction.evidence, kind: .correctsCorrection(correction.corrects)))
                anomaliesAdded = true
                continue
            }
            let row = correction.replacementRow
            if row >= 0 { rows[Int(row)].position = target; replacedIDs[rows[Int(row)].detail] = correction.corrects }
            slots[Int(target - 1)] = row
            corrections.append(AppliedCorrection(evidence: correction.evidence, occurredOn: correction.occurredOn,
                                                 corrected: Evidence(seq: target, eventID: correction.corrects),
                                                 reason: correction.reason, hasReplacement: correction.hasReplacement))
        }
        pending.removeAll()
        // One anomaly per record at most: by seq, as if each had been found as its record came.
        if anomaliesAdded { logAnomalies.sort { $0.evidence.seq < $1.evidence.seq } }
    }

    /// `settle()`, then the event ids are let go (a tenth of the fold's memory at 10 million records): no record can
    /// be folded after this.
    public mutating func finish() {
        settle()
        eventIDs.release()
    }

    /// The fold with its corrections applied (itself when there is none pending).
    var settled: FundFold {
        guard !pending.isEmpty else { return self }
        var copy = self
        copy.settle()
        return copy
    }

    /// The anomaly of a record whose payload the fold cannot read (of a type this version does not know, or that
    /// does not fit its type), as every report words it; `FundTotals` gives the same.
    static func rawReason(type: String, occurredOn: CalendarDate, data: [UInt8]) -> AnomalyReason {
        do {
            _ = try DomainEvent.decode(type: type, occurredOn: occurredOn, canonicalData: data[...])
            return .payloadNotUnderstood(detail: nil)
        } catch {
            return .payloadNotUnderstood(detail: "\(error)")
        }
    }

    /// Interns the fact's ids and adds its row; -1 for a payload of another kind (a replacement of another type).
    private mutating func row(_ payload: DomainEvent, day: CalendarDate, position: Int64, evidence: Evidence) -> Int32 {
        let kind: FactRow.Kind, subject: Int32, other: Int32, fen: Int64
        var category: Int32 = -1
        switch payload {
        case .communityRegistered(let p): kind = .community; subject = ids.intern(p.communityID); other = -1; fen = 0
        case .fundOpened(let p): kind = .fundOpened; subject = ids.intern(p.fundID); other = ids.intern(p.communityID); fen = 0
        case .fundIncome(let p):
            kind = .income; subject = ids.intern(p.fundID); other = -1; fen = p.amount.fen; category = internCategory(p.category)
        case .fundSpending(let p):
            kind = .spending; subject = ids.intern(p.fundID); other = -1; fen = p.amount.fen
            category = internCategory(p.purposeCategory ?? "other")
        case .fundTransfer(let p): kind = .transfer; subject = ids.intern(p.fromFundID); other = ids.intern(p.toFundID); fen = p.amount.fen
        case .fundBalanceAsserted(let p): kind = .balanceAsserted; subject = ids.intern(p.fundID); other = -1; fen = p.balance.fen
        default: return -1
        }
        rows.append(FactRow(kind: kind, day: Int32(day.dayNumber), position: position, subject: subject, other: other,
                            amountFen: fen, detail: Int32(details.count), category: category))
        details.append(Detail(payload: payload, evidence: evidence))
        return Int32(rows.count - 1)
    }

    private mutating func internCategory(_ category: String) -> Int32 {
        let number = categories.intern(category)
        if !categoryFormsVary, !categories[number].utf8.elementsEqual(category.utf8) { categoryFormsVary = true }
        return number
    }

    /// `internCategory` of the category's UTF-8.
    private mutating func internCategory(utf8: ArraySlice<UInt8>) -> Int32 {
        let (number, otherForm) = categories.intern(utf8: utf8)
        if otherForm { categoryFormsVary = true }
        return number
    }

    /// The rows in effect on or before `asOf`, in fold order (business date, then log position).
    func orderedRows(asOf: CalendarDate) -> [FactRow] {
        guard pending.isEmpty else { return settled.orderedRows(asOf: asOf) }
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
        guard pending.isEmpty else { return settled.lastRowDay }
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
        guard pending.isEmpty else { return settled.balances(asOf: asOf) }
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
        guard pending.isEmpty else { return settled.projection(asOf: asOf) }
        var communities = [Community?](repeating: nil, count: ids.count)
        var funds = [Fund?](repeating: nil, count: ids.count)
        var movements: [FundMovement] = []
        var anomalies = logAnomalies
        let ordered = orderedRows(asOf: asOf)
        // Room for every movement at once (a transfer makes two): growing by doubling copied them some 20 times.
        movements.reserveCapacity(ordered.count + ordered.lazy.filter { $0.kind == .transfer }.count)
        for (row, rejection) in zip(ordered, fold(ordered)) {
            let detail = self.detail(row.detail)
            let date = CalendarDate(dayNumber: Int(row.day))
            let evidence = detail.evidence
            let recordID = replacedIDs[row.detail]
            if let rejection {
                anomalies.append(Anomaly(evidence: evidence, kind: Self.reason(rejection, detail.payload)))
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
                                     decisionID: nil, emergency: nil, assetIDs: [], otherFundID: nil, evidence: evidence, recordID: recordID))
            case .fundSpending(let p):
                move(s, FundMovement(fundID: p.fundID, kind: .spending, date: date, amount: p.amount, counterparty: p.counterparty,
                                     voucher: p.voucher, category: p.purposeCategory ?? "other", purpose: p.purpose, contractID: nil,
                                     decisionID: p.decisionID, emergency: p.emergency, assetIDs: p.assetIDs, otherFundID: nil,
                                     evidence: evidence, recordID: recordID))
            case .fundTransfer(let p):
                move(s, FundMovement(fundID: p.fromFundID, kind: .transferOut, date: date, amount: p.amount, counterparty: .plain(p.toFundID),
                                     voucher: p.voucher, category: "transfer", purpose: nil, contractID: nil, decisionID: p.decisionID,
                                     emergency: nil, assetIDs: [], otherFundID: p.toFundID, evidence: evidence, recordID: recordID))
                move(Int(row.other), FundMovement(fundID: p.toFundID, kind: .transferIn, date: date, amount: p.amount,
                                                  counterparty: .plain(p.fromFundID), voucher: p.voucher, category: "transfer",
                                                  purpose: nil, contractID: nil, decisionID: p.decisionID, emergency: nil,
                                                  assetIDs: [], otherFundID: p.fromFundID, evidence: evidence, recordID: recordID))
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
    /// The ids a rejected fact's row names (its `subject` and `other`), as its own record writes them: not the
    /// interned forms, which are the first canonically equivalent form the fold met — possibly in a correction's
    /// replacement that never applied — so that `FundTotals` stores the same text however it was made (rebuilt or
    /// updated record by record, `FundTotals.Update.reject`).
    static func rejectedIDs(_ payload: DomainEvent) -> (subject: String, other: String) {
        switch payload {
        case .communityRegistered(let p): return (p.communityID, "")
        case .fundOpened(let p): return (p.fundID, p.communityID)
        case .fundIncome(let p): return (p.fundID, "")
        case .fundSpending(let p): return (p.fundID, "")
        case .fundTransfer(let p): return (p.fromFundID, p.toFundID)
        case .fundBalanceAsserted(let p): return (p.fundID, "")
        default: preconditionFailure("only fund facts have rows")
        }
    }

    static func reason(_ rejection: Rejection, _ payload: DomainEvent) -> AnomalyReason {
        switch (rejection, payload) {
        case (.duplicateCommunity, .communityRegistered(let p)): return .duplicate(.community, id: p.communityID)
        case (.duplicateFund, .fundOpened(let p)): return .duplicate(.fund, id: p.fundID)
        case (.unknownFund, .fundIncome(let p)): return .unknown(.income, id: p.fundID)
        case (.unknownFund, .fundSpending(let p)): return .unknown(.spending, id: p.fundID)
        case (.unknownFund, .fundTransfer(let p)): return .transferUnknownFund(from: p.fromFundID, to: p.toFundID)
        case (.unknownFund, .fundBalanceAsserted(let p)): return .unknown(.balance, id: p.fundID)
        default: return .notApplied
        }
    }
}

extension FundFold {
    /// Reads and verifies the ledger's log (`LogScanner.committedBatches`) and folds the funds of records
    /// 1…`upToSeq` (all when nil); only the payloads of `types` are decoded.
    /// - Returns: the fold and the number of records in the whole committed log.
    public static func read(_ directory: LedgerDirectory, upToSeq: Int64? = nil) throws(ChainError) -> (fold: FundFold, totalRecordCount: Int64) {
        var fold = FundFold()
        var scratch: [PayloadRefs.Ref] = []
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> Item? in
            if let upToSeq, line.location.seq > upToSeq { return nil }
            return item(line, scratch: &scratch)
        }, batch: { items in
            for item in items { fold.take(item) }
        })
        fold.finish()
        return (fold, summary.recordCount)
    }

    /// One verified line as the fold takes it: skipped (only its id kept), a money movement read from its bytes,
    /// or applied with its payload.
    enum Item {
        case skipped(seq: Int64, id: ArraySlice<UInt8>)
        /// A money movement `PayloadRefs.fixedMovement` vouched for (`apply(seq:idBytes:type:occurredOn:data:)`).
        case movement(seq: Int64, id: ArraySlice<UInt8>, type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>,
                      movement: PayloadRefs.Movement)
        case record(seq: Int64, id: String, occurredOn: CalendarDate, payload: EventPayload)
    }

    /// What the fold takes of `line`: only the payloads of `types` are decoded, and of those, the money movements
    /// that `PayloadRefs.fixedMovement` vouches for are not (their rows are read from the bytes; `fast` false decodes
    /// them too: the oracle the tests compare with); a payload that does not decode, and one of a type this version
    /// does not know, is kept raw (an anomaly, never skipped silently). `scratch`: a reused array.
    static func item(_ line: VerifiedLine, scratch: inout [PayloadRefs.Ref], fast: Bool = true) -> Item {
        item(line, type: knownType(line.typeBytes), scratch: &scratch, fast: fast)
    }

    /// `item(_:scratch:fast:)` of a line whose type (`knownType(line.typeBytes)`) is known already.
    static func item(_ line: VerifiedLine, type: EventType?, scratch: inout [PayloadRefs.Ref], fast: Bool = true) -> Item {
        let seq = line.location.seq
        // Skipped records keep their id's bytes (corrections may name them): no string is made for them.
        guard let type else {
            let id = String(decoding: line.idBytes, as: UTF8.self)
            return .record(seq: seq, id: id, occurredOn: line.occurredOn,
                           payload: .raw(type: String(decoding: line.typeBytes, as: UTF8.self), data: Array(line.dataBytes)))
        }
        guard reads(type) else { return .skipped(seq: seq, id: line.idBytes) }
        // Checked here (on the thread that makes the items), applied from the bytes by `take`; read in the canonical
        // member order when the bytes are in it (`PayloadRefs.fixedMovement`, the same answer as `movement`).
        if fast, PayloadRefs.readsMovement(type), let movement = PayloadRefs.fixedMovement(type, data: line.dataBytes, scratch: &scratch) {
            return .movement(seq: seq, id: line.idBytes, type: type, occurredOn: line.occurredOn, data: line.dataBytes, movement: movement)
        }
        let id = String(decoding: line.idBytes, as: UTF8.self)
        let payload: EventPayload
        do { payload = .domain(try PayloadCodec.decode(type: type, occurredOn: line.occurredOn, data: line.dataBytes)) } catch {
            payload = .raw(type: type.rawValue, data: Array(line.dataBytes))
        }
        return .record(seq: seq, id: id, occurredOn: line.occurredOn, payload: payload)
    }

    /// Folds one item (`item(_:)`), in seq order. With `idsGivenLater`, the records before it that were never
    /// given are skipped first (the reader gives only those the fold reads, and the last of each batch).
    mutating func take(_ item: Item) {
        if idsGivenLater {
            let seq: Int64
            switch item {
            case .skipped(let s, _): seq = s
            case .movement(let s, _, _, _, _, _): seq = s
            case .record(let s, _, _, _): seq = s
            }
            skip(through: seq - 1)
        }
        switch item {
        case .skipped(let seq, let id): skip(seq: seq, idBytes: id)
        case .movement(let seq, let id, let type, let occurredOn, let data, let movement):
            apply(seq: seq, idBytes: id, type: type, occurredOn: occurredOn, data: data, movement: movement)
        case .record(let seq, let id, let occurredOn, let payload): apply(seq: seq, id: id, occurredOn: occurredOn, payload: payload)
        }
    }
}
