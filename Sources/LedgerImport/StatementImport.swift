import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// `ledger import statement FILE --fund F`: a bank statement (对账单) into the fund's income and spending. Each
/// line becomes `fund.income` (money in) or `fund.spending` (money out) with the bank's transaction id as its
/// voucher, so an overlapping statement imported again adds only the lines not yet recorded; rules classify the
/// lines, and income from a contract's counterparty is linked to the contract. The statement's closing balance
/// becomes `fund.balance_asserted`, so any difference from the ledger shows as FUND-07. The running balance of
/// the statement is checked line by line, which catches a misread amount.
public enum StatementImport {
    /// A line that became an event, for the running-balance check.
    struct Line {
        var index: Int
        var date: CalendarDate
        var signedFen: Int64
        var balance: Int64?
    }

    public static func run<Source: ByteChunkSource>(
        source: Source, existing: EffectiveLog, options: StatementOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, commit: ((String) -> PersonalCommitment?)? = nil
    ) throws(ImportError) -> FactImportResult {
        try run(source: source, ledger: FactImportLedger(log: existing), options: options, encoding: encoding, delimiter: delimiter,
                commit: commit)
    }

    /// Reads `source` and plans the batch against `ledger`: its log needs the records of the fund (its group in
    /// `index/scopes`, which holds its community's: the contracts rent is linked to) and of what the rules name.
    public static func run<Source: ByteChunkSource>(
        source: Source, ledger: FactImportLedger, options: StatementOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, commit: ((String) -> PersonalCommitment?)? = nil
    ) throws(ImportError) -> FactImportResult {
        let existing = ledger.log
        var known = Set(StatementField.allCases.flatMap { $0.headings.map(RegisterVocabulary.normalizedHeading) })
        known.formUnion(options.columns.keys)
        let table = try FileTable.read(source: source, fileName: options.fileName, encoding: encoding, delimiter: delimiter,
                                       headerRow: options.headerRow, knownHeadings: known)
        let file = options.fileName
        // Bind columns: the mapping first, then the first heading of each field.
        var columnOf: [StatementField: Int] = [:]
        var roles: [FactImportReport.Column] = []
        for (column, heading) in table.headings.enumerated() {
            let normalized = RegisterVocabulary.normalizedHeading(heading)
            var field: StatementField? = nil
            if let mapped = options.columns[normalized] { field = mapped } else {
                field = StatementField.allCases.first { $0.headings.contains { RegisterVocabulary.normalizedHeading($0) == normalized } }
            }
            if let field, columnOf[field] == nil {
                columnOf[field] = column
                roles.append(.init(heading: heading, field: field.rawValue))
            } else {
                roles.append(.init(heading: heading, field: heading.isEmpty ? "unnamed" : "ignored"))
            }
        }
        var headerProblems: [Wording] = []
        for field in [StatementField.date, .transactionID] where columnOf[field] == nil {
            headerProblems.append(ImportWords.noStatementColumn(field.rawValue, headings: Array(field.headings.prefix(3))))
        }
        if columnOf[.amount] == nil && (columnOf[.credit] == nil || columnOf[.debit] == nil) {
            headerProblems.append(ImportWords.noAmountColumn)
        }
        // Some banks write every amount unsigned and the direction in a column of its own (借贷标志: 借/贷); read
        // as a signed amount, a payment out would become income. Refused unless the mapping says what to do.
        let directionHeadings = ["借贷标志", "借贷方向", "借贷", "收支标志", "收支方向", "收付标志", "交易方向", "debitcredit", "dcflag"]
            .map(RegisterVocabulary.normalizedHeading)
        if columnOf[.amount] != nil {
            for (column, heading) in table.headings.enumerated() {
                let normalized = RegisterVocabulary.normalizedHeading(heading)
                guard directionHeadings.contains(normalized), options.columns[normalized] == nil else { continue }
                headerProblems.append(ImportWords.directionColumn(column, heading))
            }
        }
        if !headerProblems.isEmpty { throw .header(file: file, row: table.headerRow, problems: headerProblems) }

        // Contracts by counterparty, for rent paid into this fund: those paying into it, and those of its community
        // that name no payee fund (another community's contract with the same tenant — one operator leases roofs
        // in many communities — is not this fund's rent).
        var fundCommunity: String? = nil
        for fact in existing.factsInLogOrder {
            if case .fundOpened(let p) = fact.payload, p.fundID == options.fundID, fundCommunity == nil { fundCommunity = p.communityID }
        }
        var contractsByCounterparty: [String: [String]] = [:]
        for fact in existing.factsInLogOrder {
            if case .contractSigned(let p) = fact.payload, let name = p.counterparty.plainText,
               p.payeeFundID == options.fundID || (p.payeeFundID == nil && fundCommunity != nil && p.communityID == fundCommunity) {
                contractsByCounterparty[name, default: []].append(p.contractID)
            }
        }

        // Money the ledger already holds for this fund, by day, direction and amount: a line that matches one (a
        // receipt recorded with its own voucher number, a transfer) is already recorded, not new. Each recorded
        // fact matches one line; two equal payments on one day where only one is recorded leave the other new,
        // and the closing balance assertion shows any mistake in the matching as a difference (FUND-07).
        // A fact whose voucher is a transaction id of this statement is that line, recognised by its voucher; it
        // must not also stand for another line of the same day and amount (which would then be skipped unseen).
        var statementTransactionIDs: Set<String> = []
        if let column = columnOf[.transactionID] {
            for row in table.rows where column < row.cells.count {
                if let text = row.cells[column].map(Cell.trimmed), !text.isEmpty { statementTransactionIDs.insert(text) }
            }
        }
        var recorded: [String: Int] = [:]
        func moneyKey(_ date: CalendarDate, _ signed: Int64) -> String { "\(date)|\(signed)" }
        for fact in existing.factsInLogOrder {
            switch fact.payload {
            case .fundIncome(let p) where p.fundID == options.fundID && !statementTransactionIDs.contains(p.voucher):
                recorded[moneyKey(fact.occurredOn, p.amount.fen), default: 0] += 1
            case .fundSpending(let p) where p.fundID == options.fundID && !statementTransactionIDs.contains(p.voucher):
                recorded[moneyKey(fact.occurredOn, -p.amount.fen), default: 0] += 1
            case .fundTransfer(let p):
                if p.toFundID == options.fundID { recorded[moneyKey(fact.occurredOn, p.amount.fen), default: 0] += 1 }
                if p.fromFundID == options.fundID { recorded[moneyKey(fact.occurredOn, -p.amount.fen), default: 0] += 1 }
            default: break
            }
        }
        // Lines imported before from this or an overlapping statement are recognised by their voucher instead.
        var vouchers: Set<String> = []
        for fact in existing.factsInLogOrder {
            switch fact.payload {
            case .fundIncome(let p) where p.fundID == options.fundID: vouchers.insert(p.voucher)
            case .fundSpending(let p) where p.fundID == options.fundID: vouchers.insert(p.voucher)
            default: break
            }
        }
        var planned: [FactImporter.PlannedRow] = []
        var lines: [Line] = []
        for row in table.rows {
            var problems = row.problems
            let trimmed = row.cells.map { $0.map(Cell.trimmed) }
            if problems.isEmpty && trimmed.allSatisfy({ $0?.isEmpty ?? false }) {
                planned.append(.init(row: row, event: nil, problems: [], blank: true))
                continue
            }
            // Columns whose cell `Cell.textRefusal` refused: told once, read no further.
            var refused = Set<Int>()
            func cell(_ field: StatementField) -> (column: Int, text: String)? {
                guard let column = columnOf[field], !refused.contains(column) else { return nil }
                guard column < trimmed.count, let text = trimmed[column] else { return (column, "") }
                return (column, text)
            }
            func problem(_ column: Int?, _ value: String?, _ reason: Wording, _ allowed: Wording) {
                problems.append(RowProblem(file: file, row: row.number, column: column,
                                           heading: column.flatMap { $0 < table.headings.count && !table.headings[$0].isEmpty ? table.headings[$0] : nil },
                                           value: value, reason: reason, allowed: allowed))
            }
            // A totals row or a note under the table: one problem, not an "is empty" for each other cell.
            if let found = Cell.nonDataRow(trimmed) {
                problem(found.column, found.text, found.refusal.why, found.refusal.advice)
                planned.append(.init(row: row, event: nil, problems: problems, blank: false))
                continue
            }
            FactImporter.cellsWithoutHeading(trimmed, headings: table.headings, headerRow: table.headerRow) { problem($0, $1, $2, $3) }
            // What a spreadsheet leaves in a cell that is not data (`Cell.textRefusal`): told once at its cell, which
            // is then read no further (`cell` gives nil for it).
            for field in StatementField.allCases {
                guard let column = columnOf[field], column < trimmed.count, let text = trimmed[column], !text.isEmpty else { continue }
                let role: Cell.TextRole
                switch field {
                case .transactionID: role = .voucher
                case .counterparty: role = .name
                case .memo: role = .text
                default: role = .value
                }
                if let refusal = Cell.textRefusal(text, role: role) {
                    problem(column, text, refusal.why, refusal.advice)
                    refused.insert(column)
                }
            }
            var date: CalendarDate? = nil
            if let (column, text) = cell(.date) {
                do throws(ImportError) {
                    let value = try statementDate(text, excelSerials: options.excelDates)
                    if value > options.importedOn.adding(days: 1) {
                        problem(column, text, ImportWords.afterToday(options.importedOn), ImportWords.futureStatementAllowed)
                    } else {
                        date = value
                    }
                } catch {
                    problem(column, text.isEmpty ? nil : text, text.isEmpty ? ImportWords.isEmpty : error.cellRefusal.why, error.cellRefusal.advice)
                }
            }
            var signed: Int64? = nil
            // An amount written as 0.00 (a bank's notice line) moves no money; an amount not written at all is a problem.
            var writtenZero = false
            // An amount cell that does not read is told once, at its own column (not again as "no amount").
            var unreadable = false
            if let (column, text) = cell(.amount), !text.isEmpty {
                do throws(EventError) {
                    let amount = try Amount.parse(yuanText: text, allowNegative: true)
                    signed = amount.fen
                    writtenZero = amount.fen == 0
                } catch { problem(column, text, ImportWords.notYuan(error), Cell.yuanAllowed); unreadable = true }
            }
            // A statement may have credit and debit columns beside the amount column; when the amount column is
            // empty or says 0.00, they tell whether the line moves money (a 0.00 there never hides a filled credit).
            if columnOf[.amount] == nil || cell(.amount)?.text.isEmpty == true
                || (signed == 0 && (columnOf[.credit] != nil || columnOf[.debit] != nil)) {
                var credit: Int64 = 0, debit: Int64 = 0
                for (field, target) in [(StatementField.credit, 0), (.debit, 1)] {
                    guard let (column, text) = cell(field), !text.isEmpty else { continue }
                    do throws(EventError) {
                        let amount = try Amount.parse(yuanText: text)
                        if target == 0 { credit = amount.fen } else { debit = amount.fen }
                        writtenZero = writtenZero || amount.fen == 0
                    } catch { problem(column, text, ImportWords.notYuan(error), Cell.yuanAllowed); unreadable = true }
                }
                if credit != 0 && debit != 0 {
                    problem(columnOf[.debit], nil, ImportWords.debitAndCredit, ImportWords.debitAndCreditAllowed)
                } else if !unreadable {
                    signed = credit != 0 ? credit : -debit
                }
            }
            let amountRefused = [columnOf[.amount], columnOf[.credit], columnOf[.debit]].contains { $0.map(refused.contains) ?? false }
            if signed == 0, !writtenZero, !unreadable, !amountRefused { signed = nil; problem(columnOf[.amount] ?? columnOf[.credit], nil, ImportWords.noAmount, ImportWords.noAmountAllowed) }
            var balance: Int64? = nil
            if let (column, text) = cell(.balance), !text.isEmpty {
                do throws(EventError) {
                    balance = try Amount.parse(yuanText: text, allowNegative: true).fen
                } catch { problem(column, text, ImportWords.notYuan(error, balance: true), Cell.yuanAllowed) }
            }
            let txid = cell(.transactionID)?.text ?? ""
            // A 0.00 line is skipped, never recorded, so it needs no id to be recognised again (a bank's notice
            // lines often have none).
            if txid.isEmpty, signed != 0, !refused.contains(columnOf[.transactionID] ?? -1) {
                problem(columnOf[.transactionID], nil, ImportWords.noTransactionID, ImportWords.transactionIDAllowed)
            }
            let bankCounterparty = cell(.counterparty)?.text ?? ""
            let memo = cell(.memo)?.text ?? ""
            guard problems.isEmpty, let date, let signed else {
                planned.append(.init(row: row, event: nil, problems: problems, blank: false))
                continue
            }
            // Every line with a date and an amount takes part in the running-balance check (one planned row follows).
            lines.append(Line(index: planned.count, date: date, signedFen: signed, balance: balance))
            if signed == 0 {
                var item = FactImporter.PlannedRow(row: row, event: nil, problems: [], blank: false)
                item.note = ImportWords.zeroLineSkipped(file: file, row: row.number)
                item.skipped = true
                planned.append(item)
                continue
            }
            if !vouchers.contains(txid), let count = recorded[moneyKey(date, signed)], count > 0 {
                recorded[moneyKey(date, signed)] = count - 1
                var item = FactImporter.PlannedRow(row: row, event: nil, problems: [], blank: false)
                item.unchanged = true
                planned.append(item)
                continue
            }
            let incoming = signed > 0
            let set = options.rules.match(counterparty: bankCounterparty, memo: memo, incoming: incoming) ?? [:]
            let counterparty = set["counterparty"] ?? (bankCounterparty.isEmpty ? "（对账单未注明对方）" : bankCounterparty)
            var party: JSONValue = .string(counterparty)
            if options.privateCounterparty {
                guard let commitment = commit?(counterparty) else {
                    problem(columnOf[.counterparty], nil, ImportWords.noSalt, ImportWords.tryAgain)
                    planned.append(.init(row: row, event: nil, problems: problems, blank: false))
                    continue
                }
                party = .object(["commitment": .string(commitment.hex)])
            }
            var data: [String: JSONValue] = [
                "fund_id": .string(options.fundID), "amount_fen": .integer(Int64(signed.magnitude)),
                "counterparty": party, "voucher": .string(txid),
            ]
            let type: EventType
            if incoming {
                type = .fundIncome
                var contract = set["contract_id"]
                if contract == nil, let candidates = contractsByCounterparty[bankCounterparty], Set(candidates).count == 1 {
                    contract = candidates[0]
                }
                if let contract { data["source"] = .object(["contract_id": .string(contract)]) }
                guard let category = set["category"] ?? (contract != nil ? "leasing" : nil) else {
                    problem(columnOf[.memo] ?? columnOf[.counterparty], memo.isEmpty ? nil : memo,
                            ImportWords.unclassifiedIncome, ImportWords.unclassifiedIncomeAllowed)
                    planned.append(.init(row: row, event: nil, problems: problems, blank: false))
                    continue
                }
                data["category"] = .string(category)
            } else {
                type = .fundSpending
                guard let purpose = set["purpose"] ?? (memo.isEmpty ? nil : memo) else {
                    problem(columnOf[.memo], nil, ImportWords.noPurpose, ImportWords.noPurposeAllowed)
                    planned.append(.init(row: row, event: nil, problems: problems, blank: false))
                    continue
                }
                data["purpose"] = .string(purpose)
                if let category = set["purpose_category"] { data["purpose_category"] = .string(category) }
                if let decision = set["decision_id"] { data["decision_id"] = .string(decision) }
            }
            do throws(EventError) {
                let payload = try PayloadCodec.decode(type: type, occurredOn: date, data: CanonicalJSON.encode(.object(data))[...])
                planned.append(.init(row: row, event: Event(id: nil, occurredOn: date, actor: nil, payload: .domain(payload)),
                                     problems: [], blank: false))
            } catch {
                // Every schema problem of the line, not only the first.
                let all = PayloadCodec.problems(type: type, occurredOn: date, data: CanonicalJSON.encode(.object(data))[...])
                for each in all.nonEmpty(or: error) {
                    problem(nil, nil, ImportWords.lineFieldProblem(each), ImportWords.lineFieldAllowed)
                }
                planned.append(.init(row: row, event: nil, problems: problems, blank: false))
            }
        }
        // The running balance, in date order (banks list newest first or oldest first).
        // Within a day only the balances tell the order: the file's order or its reverse, whichever more of the
        // balances follow from; on a tie, newest first when the last line is dated before the first.
        func inDateOrder(_ candidate: [Line]) -> [Line] {
            candidate.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        }
        func followingBalances(_ ordered: [Line]) -> Int {
            var count = 0
            var before: Int64? = nil
            for line in ordered {
                guard let after = line.balance else { continue }
                if let before, before + line.signedFen == after { count += 1 }
                before = after
            }
            return count
        }
        let forward = inDateOrder(lines), backward = inDateOrder(lines.reversed())
        let forwardFits = followingBalances(forward), backwardFits = followingBalances(backward)
        if backwardFits != forwardFits {
            lines = backwardFits > forwardFits ? backward : forward
        } else if let first = lines.first, let last = lines.last, first.date > last.date {
            lines = backward
        } else {
            lines = forward
        }
        var previous: Line? = nil
        for line in lines {
            defer { if line.balance != nil { previous = line } }
            guard let before = previous?.balance, let after = line.balance, before + line.signedFen != after else { continue }
            let column = columnOf[.balance]
            planned[line.index].problems.append(RowProblem(
                file: file, row: planned[line.index].row.number, column: column, heading: column.map { table.headings[$0] },
                value: Amount(fen: after).yuanText,
                reason: ImportWords.balanceBreak(before: Amount(fen: before), signed: Amount(fen: line.signedFen),
                                                 expected: Amount(fen: before + line.signedFen)),
                allowed: ImportWords.balanceBreakAllowed))
            planned[line.index].event = nil
        }
        // The closing balance: the last line's, as the bank's balance assertion for that day.
        if let closing = lines.last(where: { $0.balance != nil }), let balance = closing.balance, balance < 0 {
            // fund.balance_asserted records zero or more (ledger-spec.md section 10): said, never dropped silently.
            let note = ImportWords.negativeClosingNotAsserted(file: file, row: planned[closing.index].row.number, balance: Amount(fen: balance))
            planned[closing.index].note = planned[closing.index].note.map { Wording(en: $0.en + " " + note.en, zh: $0.zh + note.zh) } ?? note
        } else if let closing = lines.last(where: { $0.balance != nil }), let balance = closing.balance {
            let row = planned[closing.index].row
            let ref = "对账单 \(file) SHA-256 \(table.sha256.prefix(16)) 第\(row.number)行"
            let data: JSONValue = .object(["fund_id": .string(options.fundID), "balance_fen": .integer(balance),
                                           "statement_ref": .string(ref)])
            if let payload = try? PayloadCodec.decode(type: .fundBalanceAsserted, occurredOn: closing.date,
                                                      data: CanonicalJSON.encode(data)[...]) {
                // The same assertion from an overlapping statement (another file, same day and balance) is not repeated.
                let already = existing.factsInLogOrder.contains { fact in
                    if case .fundBalanceAsserted(let p) = fact.payload {
                        return p.fundID == options.fundID && fact.occurredOn == closing.date && p.balance.fen == balance
                    }
                    return false
                }
                if !already {
                    var extra = FactImporter.PlannedRow(row: row, event: Event(id: nil, occurredOn: closing.date, actor: nil,
                                                                               payload: .domain(payload)),
                                                        problems: [], blank: false)
                    extra.idSuffix = "balance"
                    planned.append(extra)
                }
            }
        }
        let columnKeys: [String: StatementField] = ["amount_fen": columnOf[.amount] != nil ? .amount : .credit, "counterparty": .counterparty,
                                                    "voucher": .transactionID, "purpose": .memo, "category": .memo,
                                                    "fund_id": .amount, "balance_fen": .balance, "occurred_on": .date]
        var shape = FactImporter.Shape(fileName: file, kindName: "statement", kindLabel: "银行对账单", communityID: nil,
                                       allowPartial: options.allowPartial, importedOn: options.importedOn,
                                       column: { key in columnKeys[key].flatMap { columnOf[$0] } }, columns: roles,
                                       givenIDs: [options.fundID])
        // When every line is bad nothing else names --fund: a balance assertion of it stands in, for its reference only.
        let probe: JSONValue = .object(["fund_id": .string(options.fundID), "balance_fen": .integer(0), "statement_ref": .string(file)])
        if let payload = try? PayloadCodec.decode(type: .fundBalanceAsserted, occurredOn: options.importedOn,
                                                  data: CanonicalJSON.encode(probe)[...]) {
            shape.optionProbes = [Event(id: nil, occurredOn: options.importedOn, actor: nil, payload: .domain(payload))]
        }
        var result = FactImporter.complete(planned, table: table, ledger: ledger, shape: shape)
        result.plannedEvents += shape.optionProbes
        return result
    }

    /// A statement's date: a register date, or `20250505`, either followed by a time of day (banks stamp lines).
    /// A bare number of up to five digits is an Excel serial date: read only with `excelSerials` (`--excel-dates`),
    /// as in the other imports.
    static func statementDate(_ text: String, excelSerials: Bool) throws(ImportError) -> CalendarDate {
        var day = text
        if let space = day.firstIndex(where: { $0 == " " || $0 == "T" }) { day = String(day[..<space]) }
        if day.utf8.count == 8, day.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            let digits = Array(day.utf8).map { Int($0 - 0x30) }
            let year = digits[0...3].reduce(0) { $0 * 10 + $1 }
            let month = digits[4] * 10 + digits[5], dayOfMonth = digits[6] * 10 + digits[7]
            if let date = CalendarDate(year: year, month: month, day: dayOfMonth) { return date }
            throw .cell(reason: ImportWords.notARealDate, allowed: Cell.dateAllowed)
        }
        return try Cell.date(day, excelSerials: excelSerials)
    }
}
