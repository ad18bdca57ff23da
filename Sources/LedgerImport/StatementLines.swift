import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Bank-statement lines the ledger holds that no receipt stands for yet: the other side of the statement import's
/// matching (`StatementImport`, ledger-spec.md 12). A statement line with the fund, day, direction and amount of a
/// receipt already recorded (an income, spending or transfer of the fund) is that receipt and is not recorded; the
/// lines a statement import records are those no receipt matched. A receipt recorded after a line — by hand, or from
/// an income or spending file with `--allow-same-day-amount` — stands for the open line of its fund, day, direction
/// and amount, one receipt for one line, as the statement import would have matched it had the receipt come first.
/// An income or spending row with the fund, day, direction and amount of a line still open is refused
/// (`refuse(_:…)`): it is the same money, counted twice if recorded, unless the clerk says it is a second payment.
/// `ledger append` refuses such an event of its batch the same way (`sameMoney(_:log:)`), from the records of the
/// funds' communities only (ledger-spec.md 15.4).
///
/// A statement's lines are known as the statement import knows them: facts made from a row of an import whose closing
/// balance assertion (`<import_id>-balance`) the log holds; a voided line is no line, and a corrected one is matched by
/// its replacement's fund, day and amount. A statement without a balance column leaves no such mark: its lines are
/// receipts here too (README, "Known limits").
public struct StatementLines {
    /// A recorded statement line: its original record (a corrected line's, which a correction names), its voucher
    /// (the bank's transaction id, unless a correction replaced it) and its import and row, from its event id
    /// `<import_id>-r<row>`.
    struct Line: Equatable {
        var record: Evidence
        var voucher: String
        var importID: String
        var row: Int?
        /// The correction whose replacement is in effect for the line, if any: its voucher is then the replacement's
        /// (a receipt's voucher put on the line, as the refusal's advice says), not the bank's transaction id.
        var correctedBy: Evidence? = nil
    }

    struct Key: Hashable {
        var fund: String
        var date: CalendarDate
        /// Money in above zero, money out below.
        var signedFen: Int64
    }

    /// The open lines by fund, day and signed amount, in log order.
    private(set) var open: [Key: [Line]] = [:]
    /// `fund_id` and voucher (`VoucherKey`) of every income and spending in effect (`FactImporter.voucherKey`): a row with one of
    /// them is the recorded fact itself, or refused as a changed one (`FactImporter.complete`), never a second payment.
    private(set) var vouchers: Set<String> = []

    /// The import ids of the statements `log` holds (known by their closing balance assertions).
    private(set) var statementImports: Set<Substring> = []

    /// The lines each receipt took, by the receipt's position: what a correction of it in a batch frees (`release`).
    private var taken: [Int64: [(line: Line, key: Key)]] = [:]

    /// The open lines of `log`: the whole log, or a sparse one holding the records of the funds' communities (a
    /// fund's statement lines, balance assertions and receipts all name it).
    init(log: EffectiveLog) {
        for fact in log.factsInLogOrder {
            if case .fundBalanceAsserted = fact.payload, let id = StatementImport.importID(ofBalance: fact) { statementImports.insert(id) }
        }
        // No statement imported: no line, and nothing more to read.
        if statementImports.isEmpty { return }
        let statementImports = self.statementImports
        for fact in log.factsInLogOrder {
            switch fact.payload {
            case .fundIncome(let p):
                vouchers.insert(p.fundID + "\u{1F}" + VoucherKey(p.voucher).folded)
                note(fact, Key(fund: p.fundID, date: fact.occurredOn, signedFen: p.amount.fen), voucher: p.voucher, statements: statementImports)
            case .fundSpending(let p):
                vouchers.insert(p.fundID + "\u{1F}" + VoucherKey(p.voucher).folded)
                note(fact, Key(fund: p.fundID, date: fact.occurredOn, signedFen: -p.amount.fen), voucher: p.voucher, statements: statementImports)
            case .fundTransfer(let p):
                // A transfer stands for a line of each of its funds, as the statement import matches it.
                let found = take(all: [Key(fund: p.toFundID, date: fact.occurredOn, signedFen: p.amount.fen),
                                       Key(fund: p.fromFundID, date: fact.occurredOn, signedFen: -p.amount.fen)])
                if !found.isEmpty { taken[fact.position] = found }
            default: break
            }
        }
    }

    /// Whether `fact` is a statement's line (made from a row of an import whose closing balance the log holds).
    func isLine(_ fact: EffectiveFact) -> Bool {
        StatementImport.importID(ofRow: fact).map(statementImports.contains) ?? false
    }

    /// A statement's line opens; any other income or spending is a receipt and takes the first open line of its key.
    private mutating func note(_ fact: EffectiveFact, _ key: Key, voucher: String, statements: Set<Substring>) {
        guard let importID = StatementImport.importID(ofRow: fact), statements.contains(importID) else {
            if let line = take(key) { taken[fact.position] = [(line, key)] }
            return
        }
        let original = fact.replaces ?? fact.evidence
        let suffix = original.eventID.dropFirst(importID.count + 2)
        open[key, default: []].append(Line(record: original, voucher: voucher, importID: String(importID), row: Int(suffix),
                                           correctedBy: fact.replaces == nil ? nil : fact.evidence))
    }

    /// The first open line of `key`, now matched (one line, one receipt), or nil.
    mutating func take(_ key: Key) -> Line? {
        guard var lines = open[key], !lines.isEmpty else { return nil }
        let first = lines.removeFirst()
        open[key] = lines.isEmpty ? nil : lines
        return first
    }

    /// The lines the receipt at `position` took, open again (in log order among their keys' open lines): a
    /// correction of it in the batch, from there on. A line closed meanwhile (`close`) stays closed.
    mutating func release(position: Int64) {
        for (line, key) in taken.removeValue(forKey: position) ?? [] {
            var lines = open[key] ?? []
            lines.insert(line, at: lines.firstIndex { $0.record.seq > line.record.seq } ?? lines.count)
            open[key] = lines
        }
    }

    /// The statement line first recorded at `seq`, no longer open under its key: a correction of the batch voids it
    /// (or, `replacement` given, moves it to the replacement's fund, day and amount, as the log will read it).
    mutating func close(seq: Int64, replacement: (payload: DomainEvent, on: CalendarDate)?) {
        var moved: Line? = nil
        for (key, lines) in open {
            guard let at = lines.firstIndex(where: { $0.record.seq == seq }) else { continue }
            var rest = lines
            moved = rest.remove(at: at)
            open[key] = rest.isEmpty ? nil : rest
            break
        }
        for position in Array(taken.keys) {
            taken[position]?.removeAll { $0.line.record.seq == seq }
        }
        guard var line = moved, let replacement, let (keys, _) = Self.lineKeys(replacement.payload, on: replacement.on), keys.count == 1 else { return }
        switch replacement.payload {
        case .fundIncome(let p): line.voucher = p.voucher
        case .fundSpending(let p): line.voucher = p.voucher
        default: return
        }
        var lines = open[keys[0]] ?? []
        lines.insert(line, at: lines.firstIndex { $0.record.seq > seq } ?? lines.count)
        open[keys[0]] = lines
    }

    /// The keys of the lines an income, spending or transfer stands for (a transfer: a line of each of its funds,
    /// money out of one and into the other, as the statement import matches it) and a receipt's fund and voucher
    /// (`vouchers`); nil for any other event.
    static func lineKeys(_ payload: DomainEvent, on date: CalendarDate) -> (keys: [Key], voucher: String?)? {
        switch payload {
        case .fundIncome(let p): return ([Key(fund: p.fundID, date: date, signedFen: p.amount.fen)], p.fundID + "\u{1F}" + VoucherKey(p.voucher).folded)
        case .fundSpending(let p): return ([Key(fund: p.fundID, date: date, signedFen: -p.amount.fen)], p.fundID + "\u{1F}" + VoucherKey(p.voucher).folded)
        case .fundTransfer(let p):
            return ([Key(fund: p.fromFundID, date: date, signedFen: -p.amount.fen), Key(fund: p.toFundID, date: date, signedFen: p.amount.fen)], nil)
        default: return nil
        }
    }

    /// The open lines an event with `keys` is the money of, each now matched: the first open line of each key.
    mutating func take(all keys: [Key]) -> [(line: Line, key: Key)] {
        keys.compactMap { key in take(key).map { (line: $0, key: key) } }
    }

    /// Why an event matching `found` is refused, and what to do (`door`: an import's row, or an appended event).
    static func refusal(_ found: [(line: Line, key: Key)], transfer: Bool, door: ImportWords.SameMoneyDoor) -> (reason: Wording, allowed: Wording) {
        let reasons = found.map { ImportWords.sameAsStatementLine($0.line, fund: $0.key.fund, date: $0.key.date, amount: Amount(fen: $0.key.signedFen)) }
        return (Wording(en: reasons.map(\.en).joined(separator: "; and "), zh: reasons.map(\.zh).joined(separator: "；又")),
                transfer ? ImportWords.transferAsStatementLinesAllowed(found.map(\.line), door: door)
                    : ImportWords.sameAsStatementLineAllowed(found[0].line, door: door))
    }

    /// `ledger append`'s check (without `--allow-same-day-amount`): each income, spending or transfer of `events` (a
    /// batch's new events, in order) whose fund, day, direction and amount are an open line's of `log`, one event for
    /// one line as the import matches its rows — an issue at `data.amount_fen` naming the line and what to do. Two
    /// equal events after one line: the first is refused, the second is another payment. Unlike an import's row, an
    /// event repeating a recorded voucher is not left to another check: append has none, and the same fund, day,
    /// amount and voucher as an open line is that line's money all the more.
    ///
    /// A correction's replacement of a receipt (an income, spending or transfer that is not itself a statement's
    /// line) takes the place of the record it corrects, once (review 41a M4): the lines are found as if that record
    /// were not there, and a line of the replacement's fund, day, direction and amount that the corrected record did
    /// not stand for — one recorded after it, which the statement import recorded because the record then had
    /// another amount or day, or one before it still open — is the replacement's money recorded already: refused at
    /// `data.replacement.data.amount_fen`, naming the line, with what to do (void the record instead). A replacement
    /// keeping the record's fund, day and amount stands for what the record stood for.
    ///
    /// The batch is matched as a whole, event after event, as if each were appended alone (review 42c D4): a
    /// correction voiding or replacing a receipt frees the lines it stood for to the events after it (a new receipt
    /// of that money after it is refused as it would be in a batch of its own), and one voiding a statement line
    /// closes that line (a receipt of its money after it is accepted: the advice to void the line, followed in one
    /// batch).
    public static func sameMoney(_ events: [Event], log: EffectiveLog) -> [ValidationIssue] {
        // One state for the whole batch, event after event, as if each were appended alone (review 42c D4): a
        // correction frees the lines its record stood for and closes a statement line it voids, for the events after it.
        var lines = StatementLines(log: log)
        guard !lines.open.isEmpty || !lines.taken.isEmpty else { return [] }
        var issues: [ValidationIssue] = []
        func refuse(_ found: [(line: Line, key: Key)], _ index: Int, _ event: Event, transfer: Bool, field: String, allowed: Wording? = nil) {
            let words = refusal(found, transfer: transfer, door: .append)
            let advice = allowed ?? words.allowed
            issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: event.id ?? "(no id)", type: event.type, field: field,
                                          reason: Wording(en: words.reason.en + ". " + advice.en, zh: words.reason.zh + "。" + advice.zh)))
        }
        for (index, event) in events.enumerated() {
            if case .correction(let correction)? = event.payload.domain {
                guard let target = log.recordsByEventID[correction.corrects] else { continue }
                let replacement = correction.replacement
                if let original = log.fact(at: target.seq) {
                    // A statement line voided or corrected: no longer open where it was (a receipt of its money after
                    // the correction is new money, as the advice to void the line says).
                    if lines.isLine(original) {
                        lines.close(seq: target.seq, replacement: replacement.map { ($0.payload, $0.occurredOn) })
                        continue
                    }
                    // A receipt voided or replaced: the lines it stood for are open again from here on.
                    lines.release(position: original.position)
                    guard let replacement, let (keys, _) = lineKeys(replacement.payload, on: replacement.occurredOn) else { continue }
                    var before = lineKeys(original.payload, on: original.occurredOn)?.keys ?? []
                    let found = lines.take(all: keys).filter { item in
                        // The line the corrected record stood for (or would have): the replacement stands for it still.
                        guard let at = before.firstIndex(of: item.key) else { return true }
                        before.remove(at: at)
                        return false
                    }
                    guard !found.isEmpty else { continue }
                    refuse(found, index, event, transfer: replacement.payload.type == .fundTransfer, field: "data.replacement.data.amount_fen",
                           allowed: ImportWords.replacementAsStatementLinesAllowed(found.map(\.line), corrects: correction.corrects))
                    continue
                }
                // A correction bringing back a receipt an earlier correction voided (review 42c D1): nothing in effect
                // stands for that record, so its replacement is new money, matched against the open lines as a new
                // receipt is (a voided statement line brought back is a line again, not a receipt).
                if let replacement, !(StatementImport.importID(ofRowEventID: correction.corrects).map { lines.statementImports.contains($0) } ?? false),
                   let (keys, _) = lineKeys(replacement.payload, on: replacement.occurredOn) {
                    let found = lines.take(all: keys)
                    guard !found.isEmpty else { continue }
                    refuse(found, index, event, transfer: replacement.payload.type == .fundTransfer, field: "data.replacement.data.amount_fen")
                }
                continue
            }
            guard let payload = event.payload.domain, let (keys, _) = lineKeys(payload, on: event.occurredOn) else { continue }
            let found = lines.take(all: keys)
            guard !found.isEmpty else { continue }
            refuse(found, index, event, transfer: payload.type == .fundTransfer, field: "data.amount_fen")
        }
        return issues
    }

    /// Refuses each income, spending or transfer row (read without problems, its voucher new to its fund) whose
    /// fund, day, direction and amount are an open line's, in row order, one row for one line: a problem at the
    /// amount cell naming the line. A transfer stands for a line of each of its funds, as the statement import
    /// matches it: a transfer row is refused when either fund has such a line (both named when both have one), since
    /// the statement recorded that money as an income or a spending already. Such a row is left alone when it is a
    /// fact already recorded (`PlannedRow.unlessRecorded`).
    static func refuse(_ planned: inout [FactImporter.PlannedRow], log: EffectiveLog, file: String, amountColumn: Int?,
                       headings: [String]) {
        var lines = StatementLines(log: log)
        guard !lines.open.isEmpty else { return }
        for index in planned.indices where planned[index].problems.isEmpty {
            guard let event = planned[index].event, case .domain(let payload) = event.payload,
                  let (keys, voucher) = lineKeys(payload, on: event.occurredOn) else { continue }
            if let voucher, lines.vouchers.contains(voucher) { continue }
            let found = lines.take(all: keys)
            guard !found.isEmpty else { continue }
            let row = planned[index].row
            let value = amountColumn.flatMap { $0 < row.cells.count ? row.cells[$0].map(Cell.trimmed) : nil }
            let words = refusal(found, transfer: payload.type == .fundTransfer, door: .importFile)
            planned[index].unlessRecorded.append(RowProblem(
                file: file, row: row.number, column: amountColumn,
                heading: amountColumn.flatMap { $0 < headings.count && !headings[$0].isEmpty ? headings[$0] : nil },
                value: value, reason: words.reason, allowed: words.allowed))
        }
    }
}
