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
    /// A line in the running-balance check: every line whose date was read, with its amount and its balance when
    /// they were read. A line refused for another reason stays in the chain, so that the line after it is still
    /// checked against its balance (a payment out read as money in would otherwise pass unseen).
    struct Line {
        var index: Int
        var date: CalendarDate
        /// Nil when the amount was not read (the line is not checked itself; its balance still checks the next).
        var signedFen: Int64?
        var balance: Int64?
        /// Refused for a problem of its own (not a break of the balance): its balance is never the closing one.
        var refused = false
        /// The balance cell as the statement writes it (`38,112.14`), for the message of a break.
        var balanceText: String? = nil
    }

    public static func run<Source: ByteChunkSource>(
        source: Source, existing: EffectiveLog, options: StatementOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, commit: ((String) -> PersonalCommitment?)? = nil
    ) throws(ImportError) -> FactImportResult {
        try run(source: source, ledger: FactImportLedger(log: existing), options: options, encoding: encoding, delimiter: delimiter,
                commit: commit)
    }

    /// Reads `source` and plans the batch against `ledger`: its log needs the records of the fund (its group in
    /// `index/scopes`, which holds its community's: the contracts rent is linked to) and of what the rules name;
    /// `ledger.fundAccounts` names the fund of an account the statement states, `ledger.importedFunds` the fund of an
    /// earlier import of the file outside those groups.
    public static func run<Source: ByteChunkSource>(
        source: Source, ledger: FactImportLedger, options: StatementOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, commit: ((String) -> PersonalCommitment?)? = nil
    ) throws(ImportError) -> FactImportResult {
        let existing = ledger.log
        var known = Set(StatementField.allCases.flatMap { $0.headings.map(RegisterVocabulary.normalizedHeading) })
        known.formUnion(options.columns.keys)
        known.formUnion(options.columns.keys.map(RegisterVocabulary.normalizedHeading))
        let table = try FileTable.read(source: source, fileName: options.fileName, encoding: encoding, delimiter: delimiter,
                                       headerRow: options.headerRow, knownHeadings: known)
        let file = options.fileName
        var headerProblems: [Wording] = []
        // The column's cells that are not empty, trimmed.
        func values(_ column: Int) -> [String] {
            table.rows.compactMap { row in
                guard column < row.cells.count, let text = row.cells[column].map(Cell.trimmed), !text.isEmpty else { return nil }
                return text
            }
        }
        // Bind columns: the mapping (by the heading with its trailing bracket, then without), a heading qualified by
        // a direction (交易金额(收入)), then the headings of each field. A second column of a field whose money,
        // id or direction it would give, or with the same heading, is refused (naming both columns), never ignored
        // unseen: which of the two is the bank's amount is not for the importer to guess.
        var columnOf: [StatementField: Int] = [:]
        // Every memo column, in the file's order (ICBC's 摘要, 用途, 附言: `StatementMemo`).
        var memoColumns: [Int] = []
        var roles: [FactImportReport.Column] = []
        var mappedColumns = Set<Int>()
        for (column, heading) in table.headings.enumerated() {
            let normalized = RegisterVocabulary.normalizedHeading(heading)
            var field: StatementField? = nil
            if let mapped = options.columns[StatementField.fullKey(heading)] ?? options.columns[normalized] {
                field = mapped
                mappedColumns.insert(column)
            } else if let qualified = StatementField.qualified(heading) {
                field = qualified
            } else {
                field = StatementField.allCases.first { $0.headings.contains { RegisterVocabulary.normalizedHeading($0) == normalized } }
                // 交易类型 is the direction when every value is a direction word (else it holds 转账, 消费…).
                if field == nil, columnOf[.direction] == nil, StatementDirection.maybeHeadings.contains(normalized) {
                    let cells = values(column)
                    if !cells.isEmpty, cells.allSatisfy({ StatementDirection.read($0) != nil }) { field = .direction }
                }
            }
            if let field, let other = columnOf[field] {
                let sameHeading = RegisterVocabulary.normalizedHeading(table.headings[other]) == normalized
                // (Two id columns — 流水号 and 凭证号, as some banks export — keep the first, as before: both name the line.)
                if sameHeading || [StatementField.amount, .credit, .debit, .balance, .direction].contains(field) {
                    headerProblems.append(ImportWords.bothMean(other, table.headings[other], column, heading, field: field.rawValue,
                                                              label: ImportWords.statementFieldLabel(field)))
                } else if field == .memo {
                    // Another memo column (用途 beside 摘要): read too (review 43a m6).
                    memoColumns.append(column)
                    roles.append(.init(heading: heading, field: field.rawValue))
                    continue
                }
                roles.append(.init(heading: heading, field: "ignored"))
            } else if let field {
                if field == .memo { memoColumns.append(column) }
                columnOf[field] = column
                roles.append(.init(heading: heading, field: field.rawValue))
            } else {
                roles.append(.init(heading: heading, field: heading.isEmpty ? "unnamed" : "ignored"))
            }
        }
        // A money column headed in another unit (交易金额（万元）, 余额(分)) would be read as 元: refused, as in the
        // other imports (`RegisterVocabulary.foreignUnit`).
        for field in [StatementField.amount, .credit, .debit, .balance] {
            guard let column = columnOf[field], let foreign = RegisterVocabulary.foreignUnit(in: table.headings[column], for: .yuan) else { continue }
            headerProblems.append(ImportWords.headedInForeignUnit(column, table.headings[column], unit: foreign, column: .yuan))
        }
        // A currency column (a bank's 币种) or a unit column beside the amounts (`UnitColumns`): a line in another
        // currency or unit is refused (below), as the amount would be read as yuan. Only another unit is refused: a
        // bank may write its own code for 人民币 there (01, 156), and the statement's other columns are not read.
        var figures: [UnitColumns.Figure] = []
        for field in [StatementField.amount, .credit, .debit, .balance] {
            guard let column = columnOf[field] else { continue }
            figures.append(.init(column: column, unit: .yuan, names: Set(field.headings.map(RegisterVocabulary.normalizedHeading)
                                     + [RegisterVocabulary.normalizedHeading(table.headings[column])])))
        }
        let boundColumns = Set(columnOf.values)
        var unitColumns = UnitColumns(headings: table.headings, candidates: table.headings.indices.filter {
            !boundColumns.contains($0) && !mappedColumns.contains($0)
        }, figures: figures)
        headerProblems += unitColumns.problems
        // And so is a unit declared above the header (a bank's `币种：人民币，单位：万元`, a clerk's `金额单位：万元`).
        headerProblems += TitleUnits.problems(in: table.titleRows, units: [.yuan])
        for field in [StatementField.date, .transactionID] where columnOf[field] == nil {
            headerProblems.append(ImportWords.noStatementColumn(field.rawValue, headings: Array(field.headings.prefix(3))))
        }
        if columnOf[.amount] == nil && (columnOf[.credit] == nil || columnOf[.debit] == nil) {
            headerProblems.append(ImportWords.noAmountColumn)
        }
        // A wrong delimiter joins the headings into one: said first, as the cause of the missing columns.
        if columnOf[.date] == nil || columnOf[.transactionID] == nil || columnOf[.amount] == nil && (columnOf[.credit] == nil || columnOf[.debit] == nil),
           let joined = ImportWords.headingsRunTogether(table.headings, used: table.preamble.delimiter) {
            headerProblems.insert(joined, at: 0)
        }
        // Some banks write every amount unsigned and the direction in a column of its own (借贷标志: 借/贷); read
        // as a signed amount, a payment out would become income. A column the importer does not read whose heading
        // or values look like a direction is refused while the amounts are unsigned (none below zero), unless the
        // mapping names it.
        var directionLookalike = false
        if let amountColumn = columnOf[.amount], columnOf[.direction] == nil {
            // Signed as the amount column is read (`Cell.signedYuan`: `500.00-` too; review 37c F2).
            let signed = values(amountColumn).contains { text in
                (try? Cell.signedYuan(text)).map { $0.fen < 0 } ?? false
            }
            let bound = Set(columnOf.values)
            // (A column without a heading is left out: each of its cells is refused already, `cellsWithoutHeading`.)
            for (column, heading) in table.headings.enumerated()
            where !signed && !heading.isEmpty && !bound.contains(column) && !mappedColumns.contains(column) {
                let normalized = RegisterVocabulary.normalizedHeading(heading)
                let cells = values(column)
                let words = cells.filter { StatementDirection.read($0) != nil }.count
                let looks = StatementDirection.headingParts.contains { normalized.contains($0) }
                    || (StatementDirection.maybeHeadings.contains(normalized) && words > 0)
                    || (!cells.isEmpty && words == cells.count)
                guard looks else { continue }
                let old = ImportWords.directionColumn(column, heading), map = ImportWords.mapDirection(heading)
                headerProblems.append(Wording(en: old.en + " " + map.en, zh: old.zh + map.zh))
                directionLookalike = true
            }
        }
        // A column headed like the other side's name under a heading no field reads (对方账户名称 of a bank not yet
        // listed): with no counterparty column, every line would be recorded as （对账单未注明对方） and no rent linked
        // to its contract (review 41a M3). Refused unless the mapping names it (counterparty, or ignore).
        if columnOf[.counterparty] == nil {
            let bound = Set(columnOf.values)
            for (column, heading) in table.headings.enumerated()
            where !heading.isEmpty && !bound.contains(column) && !mappedColumns.contains(column) && StatementField.looksLikeCounterparty(heading) {
                headerProblems.append(ImportWords.counterpartyLookalike(column, heading))
            }
        }
        // One unsigned amount column and nothing else that tells money out from money in (no direction column, no
        // credit and debit pair, no balance to check each line against, no amount written with a sign): every line
        // would be read as money in, payments out included, and a catch-all rule would classify them as income.
        // (A column that looks like the direction is refused above, with its own advice: to map it.)
        if let amountColumn = columnOf[.amount], columnOf[.direction] == nil, columnOf[.credit] == nil || columnOf[.debit] == nil,
           columnOf[.balance] == nil, !directionLookalike {
            let signed = values(amountColumn).contains { text in
                // (`(5.00)`, an accountant's negative, is refused at its cell with its own advice.)
                text.hasPrefix("+") || text.hasPrefix("\u{FF0B}") || Cell.bracketedAmount(text) != nil
                    || ((try? Cell.signedYuan(text)).map { $0.fen < 0 } ?? false)
            }
            if !signed, !values(amountColumn).isEmpty {
                headerProblems.append(ImportWords.noDirectionInFile(amountColumn, table.headings[amountColumn]))
            }
        }
        // A statement that states its account above the table (`账号：6230-0001-0901`) must be of --fund's registered
        // account: imported under another fund's id, its money would be recorded in the wrong fund without a word.
        // When --fund's account holds no number to compare (`专项维修资金 明月分账 QD-WX-9001`), a number another fund
        // holds still says whose statement it is (review 41a M1: one statement recorded in two funds).
        if !ledger.learningOnly, let stated = StatementAccount.stated(in: table.titleRows) {
            var registered: String? = nil
            for fact in existing.factsInLogOrder {
                if case .fundOpened(let p) = fact.payload, p.fundID == options.fundID { registered = p.account }
            }
            if let registered, case let own = StatementAccount.numbers(in: registered), !own.contains(stated.digits) {
                var holders: [String] = []
                for fund in ledger.allFundAccounts() where fund.fundID != options.fundID && !holders.contains(fund.fundID)
                    && StatementAccount.numbers(in: fund.account).contains(stated.digits) {
                    holders.append(fund.fundID)
                }
                if !own.isEmpty || !holders.isEmpty {
                    headerProblems.append(ImportWords.statementOfAnotherAccount(stated, fund: options.fundID, registered: registered,
                                                                               ownNumber: !own.isEmpty, holders: holders.sorted()))
                }
            }
        }
        // The same file imported before as another fund's statement (review 41a M1): its lines would be recorded a
        // second time, in another fund. Known by the funds the earlier import's records name.
        if !ledger.learningOnly, case let previous = ledger.previousImports(of: table.sha256), !previous.isEmpty {
            let ids = Set(previous)
            var funds = Self.funds(ofImports: ids, in: existing)
            if funds.isEmpty, let outside = ledger.importedFunds { funds = outside(ids) }
            if !funds.isEmpty, !funds.contains(options.fundID) {
                headerProblems.append(ImportWords.statementImportedForAnotherFund(sha256: table.sha256, fund: options.fundID,
                                                                                 holders: funds, imports: previous))
            }
        }
        // A header problem refuses the file, but the lines are read all the same, as far as the header allows, so
        // that one run tells every problem of the file (review 41a minor 3): thrown with them at the end.

        // Contracts by counterparty, for rent paid into this fund: those paying into it, and those of its community
        // that name no payee fund (another community's contract with the same tenant — one operator leases roofs
        // in many communities — is not this fund's rent).
        var fundCommunity: String? = nil
        for fact in existing.factsInLogOrder {
            if case .fundOpened(let p) = fact.payload, p.fundID == options.fundID, fundCommunity == nil { fundCommunity = p.communityID }
        }
        var contractsByCounterparty: [String: [String]] = [:]
        // Each contract's days in force (start_on up to its first day out of force, as `Contract.firstDayOutOfForce`),
        // so that a payer's note can say which of its contracts was in force on the payment day (a renewal).
        var terms: [String: (start: CalendarDate, end: CalendarDate)] = [:]
        var terminated: [String: CalendarDate] = [:]
        // Each contract's signing day: a payment before it cannot name the contract (ledger-spec.md 10.4 rule 2).
        var signedOn: [String: CalendarDate] = [:]
        // A private tenant's contract by the tenant's folded name: a line it paid keeps the name private too.
        var privateTenants: [String: String] = [:]
        for fact in existing.factsInLogOrder {
            // A private tenant's (`--private counterparty`) by the name its commitment opens to in private/, as the
            // contract twin check compares it (review 45a D1: its paid rent read as unpaid, CON-07); never shown.
            if case .contractSigned(let p) = fact.payload,
               p.payeeFundID == options.fundID || (p.payeeFundID == nil && fundCommunity != nil && p.communityID == fundCommunity),
               let name = p.counterparty.plainText ?? p.counterparty.commitment.flatMap({ ledger.opened?($0) }) {
                // By the name's folded form (`PayerName`): a bank writing 停車 pays the contract signed with 停车.
                contractsByCounterparty[PayerName.key(name), default: []].append(p.contractID)
                if p.counterparty.plainText == nil, privateTenants[PayerName.key(name)] == nil { privateTenants[PayerName.key(name)] = p.contractID }
                terms[p.contractID] = (p.startOn, p.endOn)
                signedOn[p.contractID] = fact.occurredOn
            }
            if case .contractTerminated(let p) = fact.payload, terminated[p.contractID] == nil {
                terminated[p.contractID] = fact.occurredOn
            }
        }
        func inForce(_ id: String, on day: CalendarDate) -> Bool {
            guard let term = terms[id], term.start <= day, day <= term.end else { return false }
            return terminated[id].map { day < $0 } ?? true
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
        // A line of another bank statement stands only for its own transaction id, never for another line by day
        // and amount (statement A's TX1 is not statement B's TX2 of the same day and amount, which would be skipped
        // unseen). A statement's import is known by its closing balance assertion, `<import_id>-balance`; a receipt
        // (recorded by hand, or imported from an income or spending file) still stands for the statement's line of
        // its day and amount, which is what a clerk reconciling receipts with the bank expects. A statement without
        // a balance column leaves no such mark: its lines are matched as receipts are (README, "Known limits").
        var statementImports: Set<Substring> = []
        for fact in existing.factsInLogOrder {
            if case .fundBalanceAsserted = fact.payload, let importID = Self.importID(ofBalance: fact) { statementImports.insert(importID) }
        }
        func fromStatement(_ fact: EffectiveFact) -> Bool { Self.importID(ofRow: fact).map(statementImports.contains) ?? false }
        // Each with its payer (nil: a transfer's, none), so that a line from another payer is not taken for it.
        var recorded: [String: [HeldMoney]] = [:]
        // The lines recorded as new money (planned index, day, signed amount), for the notes of deposits (`depositedTogether`).
        var newLines: [(index: Int, date: CalendarDate, signed: Int64)] = []
        func moneyKey(_ date: CalendarDate, _ signed: Int64) -> String { "\(date)|\(signed)" }
        // A statement line a correction replaced (its voucher now a receipt's, as the same-money refusal advises)
        // no longer carries the bank's id, so it stands for its line by day and amount, as a receipt does: else an
        // overlapping statement imported again would record that money twice (found in session 38).
        func standsByMoney(_ fact: EffectiveFact) -> Bool { !fromStatement(fact) || fact.replaces != nil }
        for fact in existing.factsInLogOrder {
            switch fact.payload {
            case .fundIncome(let p) where p.fundID == options.fundID && !statementTransactionIDs.contains(p.voucher)
                && standsByMoney(fact):
                recorded[moneyKey(fact.occurredOn, p.amount.fen), default: []].append(
                    HeldMoney(payer: p.counterparty, record: fact.evidence, day: fact.occurredOn, signed: p.amount.fen))
            case .fundSpending(let p) where p.fundID == options.fundID && !statementTransactionIDs.contains(p.voucher)
                && standsByMoney(fact):
                recorded[moneyKey(fact.occurredOn, -p.amount.fen), default: []].append(
                    HeldMoney(payer: p.counterparty, record: fact.evidence, day: fact.occurredOn, signed: -p.amount.fen))
            case .fundTransfer(let p):
                if p.toFundID == options.fundID {
                    recorded[moneyKey(fact.occurredOn, p.amount.fen), default: []].append(
                        HeldMoney(payer: nil, record: fact.evidence, day: fact.occurredOn, signed: p.amount.fen))
                }
                if p.fromFundID == options.fundID {
                    recorded[moneyKey(fact.occurredOn, -p.amount.fen), default: []].append(
                        HeldMoney(payer: nil, record: fact.evidence, day: fact.occurredOn, signed: -p.amount.fen))
                }
            default: break
            }
        }
        // What each private payer's commitment opens to, in its folded form, asked of private/ once.
        var openedPayers: [PersonalCommitment: String?] = [:]
        func payerKey(_ payer: PersonalText) -> String? {
            switch payer {
            case .plain(let name): return name.isEmpty ? nil : PayerName.key(name)
            case .committed(let commitment):
                if let known = openedPayers[commitment] { return known }
                let value = ledger.opened?(commitment).map(PayerName.key)
                openedPayers[commitment] = value
                return value
            }
        }
        /// Takes a recorded payment of `key` (day and signed amount) of the line's own payer, one of `payers` (the
        /// bank's name, a rule's; empty: not written) by the payer-name rule: the first pass of the matching. A
        /// line without one is matched in a second pass, after every line had its own (`MoneyClaim`): a bank line of
        /// another payer must not take a receipt a later line of its payer stands for (review 45a D6).
        func takeRecorded(_ key: String, payers: [String]) -> Bool {
            guard var list = recorded[key], !list.isEmpty else { return false }
            let wanted = Set(payers.filter { !$0.isEmpty }.map(PayerName.key))
            guard let index = list.firstIndex(where: { $0.payer.flatMap(payerKey).map(wanted.contains) ?? false }) else { return false }
            list.remove(at: index)
            recorded[key] = list
            return true
        }
        // The lines left for the second pass, in the file's order: planned as new money, and taken for a recorded
        // payment of their day and amount that no line of its payer took (`MoneyClaim`).
        var claims: [MoneyClaim] = []
        // Lines imported before from this or an overlapping statement are recognised by their voucher instead.
        // One a correction replaced keeping the bank's id (its category, contract or purpose put right) is that line
        // when its day and amount are the line's: the line is recorded, not a changed payment to refuse (review 38g).
        var vouchers: Set<String> = []
        var correctedLines: Set<String> = []
        // What each recorded line's memo gave (`RecordedReading`), by its voucher.
        var recordedReadings: [String: RecordedReading] = [:]
        for fact in existing.factsInLogOrder {
            switch fact.payload {
            case .fundIncome(let p) where p.fundID == options.fundID:
                vouchers.insert(p.voucher)
                recordedReadings[p.voucher] = RecordedReading(category: p.category, purpose: nil, contract: p.sourceContractID,
                                                              counterparty: p.counterparty.plainText)
                if fact.replaces != nil { correctedLines.insert(p.voucher + "|" + moneyKey(fact.occurredOn, p.amount.fen)) }
            case .fundSpending(let p) where p.fundID == options.fundID:
                vouchers.insert(p.voucher)
                recordedReadings[p.voucher] = RecordedReading(category: p.purposeCategory, purpose: p.purpose, decision: p.decisionID,
                                                              counterparty: p.counterparty.plainText)
                if fact.replaces != nil { correctedLines.insert(p.voucher + "|" + moneyKey(fact.occurredOn, -p.amount.fen)) }
            default: break
            }
        }
        // A line a correction voided (its fee stood for by a receipt, say) stays in every statement the bank gives:
        // that line again, by its id, day and amount, is the voided record, never new money (review 39f). The
        // report names it with the correction, so the clerk sees why a line of the file was not recorded.
        var voidedLines: [String: (fact: EffectiveFact, by: AppliedCorrection)] = [:]
        // A line a correction replaced (the receipt's voucher put on it) and a later one voided no longer carries the
        // bank's id: it is that line again by its day and amount, as it is while in effect (`standsByMoney`), one
        // voided record for one line of the file, first recorded first (review 42c: recorded again on re-import).
        var voidedByMoney: [String: [(fact: EffectiveFact, by: AppliedCorrection)]] = [:]
        for (_, voided) in existing.voided.sorted(by: { $0.key < $1.key }) {
            let key: String, money: String
            switch voided.fact.payload {
            case .fundIncome(let p) where p.fundID == options.fundID: (key, money) = (p.voucher, moneyKey(voided.fact.occurredOn, p.amount.fen))
            case .fundSpending(let p) where p.fundID == options.fundID: (key, money) = (p.voucher, moneyKey(voided.fact.occurredOn, -p.amount.fen))
            default: continue
            }
            // (A replacement keeping the bank's id, its category put right, is found by that id as before.)
            if voided.fact.replaces != nil, fromStatement(voided.fact), !statementTransactionIDs.contains(key) {
                voidedByMoney[money, default: []].append(voided)
                continue
            }
            // A receipt recorded by hand (its own voucher, not one of the file's bank ids) stood for its line by day
            // and amount while in effect (`standsByMoney`): voided, it is that line's voided record, one for one
            // (review 43d #1: a reversal's pair voided as the import advises was recorded again on re-import).
            if !fromStatement(voided.fact), !statementTransactionIDs.contains(key) {
                voidedByMoney[money, default: []].append(voided)
                continue
            }
            correctedLines.insert(key + "|" + money)
            if voidedLines[key + "|" + money].map({ $0.fact.position < voided.fact.position }) != true { voidedLines[key + "|" + money] = voided }
        }
        // The fund's recorded lines whose voucher is all digits, by day and signed amount: a line whose transaction id
        // is one of them without its leading zeros (`0000123456` saved by Excel as `123456`) is that line again.
        var digitVouchers: [String: [(voucher: String, evidence: Evidence)]] = [:]
        for fact in existing.factsInLogOrder {
            let key: String, voucher: String
            switch fact.payload {
            case .fundIncome(let p) where p.fundID == options.fundID: (key, voucher) = (moneyKey(fact.occurredOn, p.amount.fen), p.voucher)
            case .fundSpending(let p) where p.fundID == options.fundID: (key, voucher) = (moneyKey(fact.occurredOn, -p.amount.fen), p.voucher)
            default: continue
            }
            if LeadingZeros.digits(voucher) != nil {
                digitVouchers[key, default: []].append((voucher, fact.replaces ?? fact.evidence))
            }
        }
        var planned: [FactImporter.PlannedRow] = []
        var lines: [Line] = []
        // A row numbered in an ignored 序号 column and otherwise empty is blank (`Cell.numberedOnly`).
        let numberingColumns = Cell.numberingColumns(table.headings, read: Set(columnOf.values).union(mappedColumns))
        for row in table.rows {
            var problems = row.problems
            let trimmed = row.cells.map { $0.map(Cell.trimmed) }
            if problems.isEmpty && (trimmed.allSatisfy({ $0?.isEmpty ?? false }) || Cell.numberedOnly(trimmed, numbering: numberingColumns)) {
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
            // A bank's opening or closing balance line (`2026/1/1,,期初余额,,,"101,000.00"`): no money moves on it. It
            // is skipped as a 0.00 line is, its balance (with its date) taking part in the running-balance check.
            // A line with a transaction id is a transaction, whatever its memo says (`期末结息`: review 38g).
            let balanceLine = [StatementField.amount, .credit, .debit, .transactionID].allSatisfy({ (cell($0)?.text ?? "").isEmpty })
                && StatementField.allCases.contains { cell($0).map { Self.isBalanceLabel($0.text) } ?? false }
            if balanceLine, (cell(.date)?.text ?? "").isEmpty {
                var item = FactImporter.PlannedRow(row: row, event: nil, problems: [], blank: false)
                item.note = ImportWords.balanceLineSkipped(file: file, row: row.number)
                item.skipped = true
                planned.append(item)
                continue
            }
            FactImporter.cellsWithoutHeading(trimmed, headings: table.headings, headerRow: table.headerRow) { problem($0, $1, $2, $3) }
            // Problems that stand only when the line states a new fact (`PlannedRow.unlessRecorded`): a line recorded
            // before is the recorded one whatever they say.
            var unlessRecorded: [RowProblem] = []
            // What a spreadsheet leaves in a cell that is not data (`Cell.textRefusal`): told once at its cell, which
            // is then read no further (`cell` gives nil for it).
            let extraMemos = Set(memoColumns.dropFirst())
            for (field, column) in StatementField.allCases.compactMap({ field in columnOf[field].map { (field, $0) } })
                + memoColumns.dropFirst().map({ (StatementField.memo, $0) }) {
                guard column < trimmed.count, let text = trimmed[column], !text.isEmpty else { continue }
                let role: Cell.TextRole
                switch field {
                case .transactionID: role = .voucher
                case .counterparty: role = .name
                case .memo: role = .text
                default: role = .value
                }
                if let refusal = Cell.textRefusal(text, role: role) {
                    problem(column, text, refusal.why, refusal.advice)
                    // A transaction id with Excel's text marker (`'2025001`): a line the ledger holds with it (recorded
                    // by a version before the rule) is the recorded one, so the id is read on; a new line is refused.
                    if field == .transactionID, Cell.textMarker(text) != nil {
                        unlessRecorded.append(problems.removeLast())
                        continue
                    }
                    refused.insert(column)
                    // A memo column read since session 44 (附言 beside 摘要 and 用途) is not needed by a line recorded
                    // before (its voucher names it): an Excel error value there (`#N/A`) does not block it, and
                    // refuses a new line, whose purpose or rule it may give (review 44d #6).
                    if extraMemos.contains(column) { unlessRecorded.append(problems.removeLast()) }
                } else if text.utf8.count > Limits.stringBytesMax / 6 {
                    // The log limits a string to stringBytesMax bytes as written (escapes included) and the append
                    // refuses a longer one without naming the row; a GB18030 cell grows by half in UTF-8, and
                    // quotes double when escaped. Said here, at its cell, as a register's (RegisterImporter).
                    let written = RecordSize.written(text) - 2
                    if written > Limits.stringBytesMax {
                        problem(column, nil, ImportWords.tooLong(written), ImportWords.tooLongAllowed)
                        refused.insert(column)
                    }
                }
            }
            if !unitColumns.isEmpty {
                unitColumns.check(trimmed, headings: table.headings, onlyForeign: true) { problem($0, $1, $2, $3) }
            }
            var date: CalendarDate? = nil
            if let (column, text) = cell(.date) {
                do throws(ImportError) {
                    let value = try Cell.date(text, excelSerials: options.excelDates, anyTime: true)
                    if options.latestFactDate.refuses(value) {
                        problem(column, text, options.latestFactDate.exceeded, ImportWords.futureStatementAllowed)
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
            // Columns that disagree about the line's money or direction: told once, at the column that disagrees.
            var disagrees = false
            var amountText = "", amountFen: Int64? = nil
            if let (column, text) = cell(.amount), !text.isEmpty {
                // `500.00-` is money out as `-500.00` is; `(500.00)`, an accountant's negative, is refused with its
                // own advice (`Cell.signedYuan`).
                do throws(ImportError) {
                    let amount = try Cell.signedYuan(text)
                    amountFen = amount.fen
                    amountText = text
                    writtenZero = amount.fen == 0
                } catch {
                    problem(column, text, error.cellRefusal.why, error.cellRefusal.advice)
                    unreadable = true
                }
            }
            // Credit and debit columns, when the statement has them, say the line's money and its direction; an
            // amount column beside them must agree (a 0.00 there never hides a filled credit: some banks fill only
            // the credit and debit columns).
            var credit: Int64 = 0, debit: Int64 = 0, debitCreditWritten = false
            // The two cells as written, for a line with both filled (review 43a m11: the message shows both).
            var creditText = "", debitText = ""
            for (field, target) in [(StatementField.credit, 0), (.debit, 1)] {
                // A dash is how many banks leave the other side of a line empty (借方 500.00, 贷方 -).
                guard let (column, text) = cell(field), !text.isEmpty, !Self.emptyMarks.contains(text) else { continue }
                // Read as every money cell of an import is (`Cell.yuan`: `人民币100元`, `100元整`; review 39).
                // A negative there runs the other way (a reversal, 冲正): said so, never "write a positive number",
                // which would book money in as money out (review 40h #3).
                if let negative = NegativeYuan(text), (try? Cell.yuan(negative.magnitude)).map({ $0 != .zero }) == true {
                    let reason = negative.bracketed ? ImportWords.bracketedNegative(negative.magnitude) : ImportWords.notYuan(.decimal(.negative))
                    problem(column, text, reason, ImportWords.negativeInStatementColumn(negative.magnitude, credit: target == 0))
                    unreadable = true
                    continue
                }
                do throws(ImportError) {
                    let amount = try Cell.yuan(text)
                    if target == 0 { (credit, creditText) = (amount.fen, text) } else { (debit, debitText) = (amount.fen, text) }
                    debitCreditWritten = true
                    writtenZero = writtenZero || amount.fen == 0
                } catch { problem(column, text, error.cellRefusal.why, error.cellRefusal.advice); unreadable = true }
            }
            if balanceLine { writtenZero = true }
            // A direction column (借/贷): a word it does not know refuses the line, never read as money in.
            var directionIn: Bool? = nil
            var directionText = ""
            if let (column, text) = cell(.direction), !text.isEmpty {
                if let value = StatementDirection.read(text) {
                    directionIn = value
                    directionText = text
                } else {
                    problem(column, text, ImportWords.notADirection, ImportWords.directionAllowed)
                    disagrees = true
                }
            }
            let directionRefused = columnOf[.direction].map(refused.contains) ?? false
            if credit != 0 && debit != 0 {
                problem(columnOf[.debit], debitText, ImportWords.debitAndCredit(credit: creditText), ImportWords.debitAndCreditAllowed)
                disagrees = true
            }
            if !unreadable && !disagrees && !directionRefused {
                let fromColumns: Int64? = credit != 0 ? credit : debit != 0 ? -debit : nil
                // The amount column's money, signed by the direction column when there is one, else by its sign.
                var fromAmount: Int64? = nil
                if let fen = amountFen, fen != 0 {
                    let magnitude = fen < 0 ? -fen : fen
                    if let directionIn {
                        if fen < 0 && directionIn {
                            problem(columnOf[.amount], amountText, ImportWords.belowZeroAgainstDirection(directionText), ImportWords.directionAllowed)
                            disagrees = true
                        } else {
                            fromAmount = directionIn ? magnitude : -magnitude
                        }
                    } else if columnOf[.direction] != nil, fen > 0, fromColumns == nil {
                        problem(columnOf[.direction], nil, ImportWords.noDirection(Amount(fen: fen)), ImportWords.directionAllowed)
                        disagrees = true
                    } else {
                        fromAmount = fen
                    }
                }
                if !disagrees, let fromColumns {
                    if let directionIn, (fromColumns > 0) != directionIn {
                        problem(columnOf[.direction], directionText, ImportWords.directionAgainstColumns(moneyIn: directionIn),
                                ImportWords.amountAgainstColumnsAllowed)
                        disagrees = true
                    } else if let fromAmount, fromAmount != fromColumns,
                              !(directionIn == nil && fromAmount > 0 && fromAmount == (fromColumns < 0 ? -fromColumns : fromColumns)) {
                        // (An unsigned amount with the debit filled is the same money: the debit column gives its direction.)
                        problem(columnOf[.amount], amountText, ImportWords.amountAgainstColumns(Amount(fen: fromColumns)),
                                ImportWords.amountAgainstColumnsAllowed)
                        disagrees = true
                    } else {
                        signed = fromColumns
                    }
                } else if !disagrees, let fromAmount {
                    if debitCreditWritten {
                        // The credit and debit columns say 0.00 while the amount column moves money.
                        problem(columnOf[.amount], amountText, ImportWords.amountAgainstColumns(Amount(fen: 0)),
                                ImportWords.amountAgainstColumnsAllowed)
                        disagrees = true
                    } else {
                        signed = fromAmount
                    }
                } else if !disagrees {
                    signed = 0
                }
            }
            let amountRefused = [columnOf[.amount], columnOf[.credit], columnOf[.debit]].contains { $0.map(refused.contains) ?? false }
            // (A file without an amount column is told so once, at its header.)
            let amountColumns = columnOf[.amount] != nil || (columnOf[.credit] != nil && columnOf[.debit] != nil)
            if signed == 0, !writtenZero, !unreadable, !amountRefused {
                signed = nil
                if amountColumns { problem(columnOf[.amount] ?? columnOf[.credit], nil, ImportWords.noAmount, ImportWords.noAmountAllowed) }
            }
            var balance: Int64? = nil, balanceText: String? = nil
            if let (column, text) = cell(.balance), !text.isEmpty {
                do throws(ImportError) {
                    balance = try Cell.yuan(text, allowNegative: true, balance: true).fen
                    balanceText = text
                } catch { problem(column, text, error.cellRefusal.why, error.cellRefusal.advice) }
            }
            let txid = cell(.transactionID)?.text ?? ""
            // A 0.00 line is skipped, never recorded, so it needs no id to be recognised again (a bank's notice
            // lines often have none).
            if txid.isEmpty, signed != 0, let column = columnOf[.transactionID], !refused.contains(column) {
                problem(columnOf[.transactionID], nil, ImportWords.noTransactionID, ImportWords.transactionIDAllowed)
            }
            let bankCounterparty = cell(.counterparty)?.text ?? ""
            // Every memo column's text (`StatementMemo`; a refused cell not read).
            let memos = StatementMemo(texts: memoColumns.compactMap { column in
                guard !refused.contains(column), column < trimmed.count, let text = trimmed[column], !text.isEmpty else { return nil }
                return text
            }, first: cell(.memo)?.text ?? "")
            // (Without a transaction id column, told at the header, a line moving money makes no event.)
            guard problems.isEmpty, let date, let signed, signed == 0 || columnOf[.transactionID] != nil else {
                if let date, balance != nil {
                    lines.append(Line(index: planned.count, date: date, signedFen: signed, balance: balance, refused: true, balanceText: balanceText))
                }
                planned.append(.init(row: row, event: nil, problems: problems + unlessRecorded, blank: false))
                continue
            }
            // Every line with a date and an amount takes part in the running-balance check (one planned row follows).
            lines.append(Line(index: planned.count, date: date, signedFen: signed, balance: balance, balanceText: balanceText))
            if signed == 0 {
                var item = FactImporter.PlannedRow(row: row, event: nil, problems: [], blank: false)
                item.note = balanceLine ? ImportWords.balanceLineSkipped(file: file, row: row.number)
                    : ImportWords.zeroLineSkipped(file: file, row: row.number)
                item.skipped = true
                planned.append(item)
                continue
            }
            let payers = [bankCounterparty, options.rules.match(counterparty: bankCounterparty, memo: memos.all, incoming: signed > 0)?["counterparty"] ?? ""]
            let byMoney = !vouchers.contains(txid) && takeRecorded(moneyKey(date, signed), payers: payers)
            var voided = byMoney || vouchers.contains(txid) ? nil : voidedLines[txid + "|" + moneyKey(date, signed)]
            if voided == nil, !byMoney, !vouchers.contains(txid), !correctedLines.contains(txid + "|" + moneyKey(date, signed)),
               let first = voidedByMoney[moneyKey(date, signed)]?.first {
                voidedByMoney[moneyKey(date, signed)]?.removeFirst()
                voided = first
            }
            if byMoney || voided != nil || correctedLines.contains(txid + "|" + moneyKey(date, signed)) {
                var item = FactImporter.PlannedRow(row: row, event: nil, problems: [], blank: false)
                item.unchanged = true
                if let voided {
                    // Named by its first record, the line as the statement recorded it (a replaced line's correction
                    // is not where it was recorded).
                    item.note = ImportWords.voidedLineNotRecorded(file: file, row: row.number, transactionID: txid,
                                                                 record: "\(voided.fact.replaces ?? voided.fact.evidence)",
                                                                 by: "\(voided.by.evidence)", on: voided.by.occurredOn, reason: voided.by.reason)
                }
                planned.append(item)
                continue
            }
            // (Never a line recorded by its transaction id: that line is its record.)
            if !vouchers.contains(txid), recorded[moneyKey(date, signed)]?.isEmpty == false {
                claims.append(MoneyClaim(index: planned.count, key: moneyKey(date, signed), payers: payers, transactionID: txid))
            }
            if !vouchers.contains(txid),
               let same = digitVouchers[moneyKey(date, signed)]?.first(where: { LeadingZeros.sameDigitsIgnoringLeadingZeros($0.voucher, txid) }) {
                problem(columnOf[.transactionID], txid,
                        ImportWords.sameLineWithoutLeadingZeros(recorded: same.voucher, record: same.evidence, fund: options.fundID, date: date,
                                                                amount: Amount(fen: signed)),
                        ImportWords.keepTransactionIDsAsText)
                planned.append(.init(row: row, event: nil, problems: problems + unlessRecorded, blank: false))
                continue
            }
            let incoming = signed > 0
            // Rules look in every memo column, a spending's purpose is what they mean (`StatementMemo`); a line whose
            // bank id the fund recorded as the first memo column read it (before session 44) keeps that reading, so
            // that the statement imports again unchanged.
            var memo = memos.all, purposeText = memos.meaning
            var set = options.rules.match(counterparty: bankCounterparty, memo: memo, incoming: incoming) ?? [:]
            if memos.first != memo || memos.first != purposeText, let reading = recordedReadings[txid] {
                let oldSet = options.rules.match(counterparty: bankCounterparty, memo: memos.first, incoming: incoming) ?? [:]
                if !reading.agrees(set, purpose: purposeText), reading.agrees(oldSet, purpose: memos.first) {
                    (memo, purposeText, set) = (memos.first, memos.first, oldSet)
                }
            }
            let counterparty = set["counterparty"] ?? (bankCounterparty.isEmpty ? "（对账单未注明对方）" : bankCounterparty)
            // The bank's name is recorded as the bank wrote it (the statement is the evidence, and the clerk cannot
            // correct the bank's file), no-break space and all; committed as a person's (`--private counterparty`) it
            // is held to the writer's door rule for names, as `ledger append` holds a person's text (a hidden
            // character would make a second person whom `erase-personal --subject` misses). A rule's counterparty
            // was held to it when the rules were read.
            // A line identical to a recorded fact (imported before the rule) is let through as unchanged
            // (`FactImporter.complete`): the refusal is the line's only when it states a new fact.
            // `--private counterparty` keeps a person's name private; a company or a role by its words stays in clear
            // (`PartyName`, review 47c #3): only persons' names are personal data.
            // A name the ledger keeps private already is committed again whatever its words (a tenant company an
            // earlier `--private` committed): left in clear it would be refused with this same advice (review 48 #4).
            let committing = options.privateCounterparty
                && (!PartyName.isOrganisationOrRole(counterparty) || privateTenants[PayerName.key(counterparty)] != nil
                    || ledger.heldPrivately?(counterparty) == true)
            // A counterparty a rule sets is refused at the column the rule matched, naming the rule (review 47c #8).
            var ruleColumn: Int? = nil
            var ruleWords = Wording(en: "", zh: "")
            if set["counterparty"] != nil, let ruleIndex = options.rules.matchIndex(counterparty: bankCounterparty, memo: memo, incoming: incoming) {
                ruleColumn = options.rules.rules[ruleIndex].counterparty != nil ? columnOf[.counterparty] : columnOf[.memo]
                ruleWords = ImportWords.setByRule(ruleIndex, file: options.rules.fileName)
            }
            if committing, set["counterparty"] == nil, !bankCounterparty.isEmpty,
               let refusal = Cell.nameRefusal(bankCounterparty) {
                problem(columnOf[.counterparty], bankCounterparty, refusal.why, refusal.advice + ImportWords.statementCounterpartyRuleAllowed)
                unlessRecorded.append(problems.removeLast())
            }
            // A contract's private tenant (a person kept in private/) named in clear would be in the log for ever,
            // beyond `erase-personal` (review 45d #4): refused with the option that keeps it private, never stored
            // private unasked — how a statement's counterparties are stored is the clerk's choice, one for the file.
            if !committing, let contract = privateTenants[PayerName.key(counterparty)] {
                problem(set["counterparty"] == nil ? columnOf[.counterparty] : ruleColumn, counterparty,
                        ruleWords + ImportWords.privateTenantInClear(contract: contract), ImportWords.privateTenantInClearAllowed)
                unlessRecorded.append(problems.removeLast())
            } else if !committing, !ledger.learningOnly, ledger.heldPrivately?(counterparty) == true {
                // Any other name kept private (a payer's, an occupant's), as every import refuses it (review 46e):
                // here, where a rule's counterparty is told apart from the bank's column.
                problem(set["counterparty"] == nil ? columnOf[.counterparty] : ruleColumn, counterparty,
                        ruleWords + ImportWords.privateNameInClear, ImportWords.privateNameInClearAllowed(.statement))
                unlessRecorded.append(problems.removeLast())
            }
            var party: JSONValue = .string(counterparty)
            if committing {
                guard let commitment = commit?(counterparty) else {
                    problem(columnOf[.counterparty], nil, ImportWords.noSalt, ImportWords.tryAgain)
                    planned.append(.init(row: row, event: nil, problems: problems + unlessRecorded, blank: false))
                    continue
                }
                party = .object(["commitment": .string(commitment.hex)])
            }
            var data: [String: JSONValue] = [
                "fund_id": .string(options.fundID), "amount_fen": .integer(Int64(signed.magnitude)),
                "counterparty": party, "voucher": .string(txid),
            ]
            let type: EventType
            var severalContracts: Wording? = nil
            var prepaid: Wording? = nil
            var prepaidContract: String? = nil
            if incoming {
                type = .fundIncome
                var contract = set["contract_id"]
                if contract == nil, let candidates = contractsByCounterparty[PayerName.key(bankCounterparty)] {
                    var distinct: [String] = []
                    for id in candidates where !distinct.contains(id) { distinct.append(id) }
                    if !distinct.isEmpty, distinct.allSatisfy({ (signedOn[$0] ?? date) > date }) {
                        // Paid before every contract of the payer was signed (预收, review 43a m8): the tenant's rent,
                        // recorded on its true day without a contract, and said (the bank's date is never to change).
                        prepaidContract = distinct[0]
                        prepaid = ImportWords.paidBeforeSigning(file: file, row: row.number, payer: bankCounterparty, contract: distinct[0],
                                                                signedOn: signedOn[distinct[0]] ?? date, paidOn: date, asRent: true)
                    } else if distinct.count == 1 {
                        contract = distinct[0]
                    } else if distinct.count > 1 {
                        // Which contract the payer pays cannot be told: recorded unlinked (the money came in), and
                        // said, since CON-07 would then show that rent as unpaid.
                        // When one only is in force on the payment day (a renewal), the note names it, first.
                        let current = distinct.filter { inForce($0, on: date) }
                        let order = current.count == 1 ? current + distinct.filter { $0 != current[0] } : distinct
                        severalContracts = ImportWords.paysSeveralContracts(
                            file: file, row: row.number, payer: bankCounterparty,
                            contracts: order, inForce: current.count, paidOn: date)
                    }
                }
                if let contract { data["source"] = .object(["contract_id": .string(contract)]) }
                // Money from a future tenant is not taken for rent unasked: a bid deposit comes before the signing
                // too (review 44d #1). A rule classifies it; the note says what rent paid in advance would be.
                guard let category = set["category"] ?? (contract != nil ? "leasing" : nil) else {
                    problem(columnOf[.memo] ?? columnOf[.counterparty], memo.isEmpty ? nil : memo,
                            ImportWords.unclassifiedIncome, ImportWords.unclassifiedIncomeAllowed(memo: memo))
                    var item = FactImporter.PlannedRow(row: row, event: nil, problems: problems + unlessRecorded, blank: false)
                    item.note = severalContracts ?? prepaid.map { _ in
                        ImportWords.paidBeforeSigning(file: file, row: row.number, payer: bankCounterparty, contract: prepaidContract ?? "",
                                                      signedOn: signedOn[prepaidContract ?? ""] ?? date, paidOn: date, asRent: false)
                    }
                    planned.append(item)
                    continue
                }
                data["category"] = .string(category)
                // Said of rent only: a rule that calls the money a deposit or anything else is the clerk's reading.
                if category != "leasing" { prepaid = nil }
            } else {
                type = .fundSpending
                guard let purpose = set["purpose"] ?? (purposeText.isEmpty ? nil : purposeText) else {
                    problem(columnOf[.memo], nil, ImportWords.noPurpose, ImportWords.noPurposeAllowed)
                    planned.append(.init(row: row, event: nil, problems: problems + unlessRecorded, blank: false))
                    continue
                }
                data["purpose"] = .string(purpose)
                if let category = set["purpose_category"] { data["purpose_category"] = .string(category) }
                if let decision = set["decision_id"] { data["decision_id"] = .string(decision) }
            }
            do throws(EventError) {
                let payload = try PayloadCodec.decode(type: type, occurredOn: date, data: CanonicalJSON.encode(.object(data))[...])
                var item = FactImporter.PlannedRow(row: row, event: Event(id: nil, occurredOn: date, actor: nil, payload: .domain(payload)),
                                                   problems: [], blank: false)
                item.unlessRecorded = unlessRecorded
                item.note = severalContracts ?? prepaid
                // The values the matched rule set: a problem of one names the rule (review 48 #3).
                if !set.isEmpty, let ruleIndex = options.rules.matchIndex(counterparty: bankCounterparty, memo: memo, incoming: incoming) {
                    let column = options.rules.rules[ruleIndex].counterparty != nil ? columnOf[.counterparty] : columnOf[.memo]
                    for key in set.keys where key != "counterparty" {
                        item.setByRule[key] = (ruleIndex, options.rules.fileName, column)
                    }
                }
                newLines.append((planned.count, date, signed))
                // A bank's reversal (冲正) undoes an earlier line: recorded as the bank's line says, and the clerk
                // told to void the pair (review 43a M3), never guessed which line it undoes.
                if let word = ImportWords.reversalWord(in: memo) {
                    let reversal = ImportWords.reversalLineNote(file: file, row: row.number, memo: memo, word: word, incoming: incoming)
                    item.note = item.note.map { Wording(en: $0.en + " " + reversal.en, zh: $0.zh + reversal.zh) } ?? reversal
                }
                planned.append(item)
            } catch {
                // Every schema problem of the line, not only the first.
                let all = PayloadCodec.problems(type: type, occurredOn: date, data: CanonicalJSON.encode(.object(data))[...])
                for each in all.nonEmpty(or: error) {
                    problem(nil, nil, ImportWords.lineFieldProblem(each), ImportWords.lineFieldAllowed)
                }
                planned.append(.init(row: row, event: nil, problems: problems + unlessRecorded, blank: false))
            }
        }
        // The second pass (review 45a D6): a line no recorded payment of its own payer stood for takes one of its
        // day and amount that no line took, whatever payer it names (a receipt's short name 丰巢 beside the bank's
        // full one, a line naming no payer, the ledger's own corrected line): never new money while such a payment
        // is left, which would count the money twice (review 45d #1, #2). Another payer's is said.
        // In three rounds over all the lines, so that the file's order does not pair a line with another's payment
        // (review 46e #1): first every line takes one whose name holds the line's or is held in it (丰巢 in
        // 青岛丰巢科技有限公司: one payer, nothing said), then one of no known payer, then any left (said).
        var pending = claims
        for round in 0..<3 {
            var left: [MoneyClaim] = []
            for claim in pending {
                guard var list = recorded[claim.key], !list.isEmpty else { continue }
                let wanted = Set(claim.payers.filter { !$0.isEmpty }.map(PayerName.key))
                func related(_ held: String) -> Bool { wanted.contains { $0.contains(held) || held.contains($0) } }
                let keys = list.map { $0.payer.flatMap(payerKey) }
                let found: Int?
                switch round {
                case 0: found = keys.firstIndex { $0.map(related) ?? false }
                case 1: found = keys.firstIndex { $0 == nil }
                default: found = 0
                }
                guard let pick = found else { left.append(claim); continue }
                let held = list.remove(at: pick)
                recorded[claim.key] = list
                var item = FactImporter.PlannedRow(row: planned[claim.index].row, event: nil, problems: [], blank: false)
                item.unchanged = true
                if let named = claim.payers.first(where: { !$0.isEmpty }), let heldKey = held.payer.flatMap(payerKey), !related(heldKey) {
                    item.note = ImportWords.otherPayerTaken(file: file, row: item.row.number, payer: named, held: held, transactionID: claim.transactionID)
                }
                planned[claim.index] = item
                newLines.removeAll { $0.index == claim.index }
            }
            pending = left
        }
        // A new line whose money is the sum of recorded payments of its day that no line matched (review 45a D5):
        // most likely paid in at once; said, never guessed away (the clerk voids the line if so).
        if !newLines.isEmpty {
            var heldByDay: [CalendarDate: [HeldMoney]] = [:]
            let days = Set(newLines.map(\.date))
            for list in recorded.values { for held in list where days.contains(held.day) { heldByDay[held.day, default: []].append(held) } }
            for key in heldByDay.keys { heldByDay[key]!.sort { $0.record.seq < $1.record.seq } }
            for line in newLines {
                guard let held = heldByDay[line.date], let together = depositedTogether(line.signed, among: held) else { continue }
                let used = Set(together.map(\.record.seq))
                heldByDay[line.date]!.removeAll { used.contains($0.record.seq) }
                let note = ImportWords.depositOfRecorded(file: file, row: planned[line.index].row.number, amount: Amount(fen: Int64(line.signed.magnitude)),
                                                         date: line.date, records: together.map { "\($0.record)" })
                planned[line.index].note = planned[line.index].note.map { Wording(en: $0.en + " " + note.en, zh: $0.zh + note.zh) } ?? note
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
                if let before, let signed = line.signedFen, before + signed == after { count += 1 }
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
            guard let before = previous?.balance, let after = line.balance, let signed = line.signedFen, before + signed != after else { continue }
            let column = columnOf[.balance]
            planned[line.index].problems.append(RowProblem(
                file: file, row: planned[line.index].row.number, column: column, heading: column.map { table.headings[$0] },
                value: line.balanceText ?? ImportWords.money(Amount(fen: after)).en,
                reason: ImportWords.balanceBreak(before: Amount(fen: before), signed: Amount(fen: signed),
                                                 expected: Amount(fen: before + signed)),
                allowed: ImportWords.balanceBreakAllowed))
            planned[line.index].event = nil
        }
        // The closing balance: the last line's, as the bank's balance assertion for that day.
        let closingLine = lines.last { $0.balance != nil && !$0.refused }
        if let closing = closingLine, let balance = closing.balance, balance < 0 {
            // fund.balance_asserted records zero or more (ledger-spec.md section 10): said, never dropped silently.
            let note = ImportWords.negativeClosingNotAsserted(file: file, row: planned[closing.index].row.number, balance: Amount(fen: balance))
            planned[closing.index].note = planned[closing.index].note.map { Wording(en: $0.en + " " + note.en, zh: $0.zh + note.zh) } ?? note
        } else if let closing = closingLine, let balance = closing.balance {
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
        shape.heldFunds = { Dictionary(ledger.allFundAccounts().map { ($0.fundID, $0.account) }, uniquingKeysWith: { first, _ in first }) }
        // When every line is bad nothing else names --fund: a balance assertion of it stands in, for its reference only.
        let probe: JSONValue = .object(["fund_id": .string(options.fundID), "balance_fen": .integer(0), "statement_ref": .string(file)])
        if let payload = try? PayloadCodec.decode(type: .fundBalanceAsserted, occurredOn: options.importedOn,
                                                  data: CanonicalJSON.encode(probe)[...]) {
            shape.optionProbes = [Event(id: nil, occurredOn: options.importedOn, actor: nil, payload: .domain(payload))]
        }
        var result = FactImporter.complete(planned, table: table, ledger: ledger, shape: shape)
        if !headerProblems.isEmpty {
            throw .header(file: file, row: table.headerRow, problems: headerProblems, rows: result.report.headerRunRows)
        }
        // The books against the bank (review 45a D5): a difference said at the import, not first in rectify. Counted
        // from the batch the import appends, after `complete` knew the lines recorded before by their transaction id
        // (counted from the planned rows, those were counted twice: session 45's false note).
        if let closing = closingLine, let balance = closing.balance, balance >= 0, result.report.exitCode == 0 {
            let books = booksBalance(of: options.fundID, on: closing.date, log: existing, new: result.events)
            if books != balance {
                result.report.notes.append(ImportWords.booksAgainstStatement(file: file, row: planned[closing.index].row.number, fund: options.fundID,
                                                                             date: closing.date, books: Amount(fen: books), statement: Amount(fen: balance)))
            }
        }
        result.plannedEvents += shape.optionProbes
        return result
    }

    /// Whether a fact was made from a row of an imported file: its record's event id (the original's, for a
    /// corrected fact) is `imp-` and 16 lower-case hex digits, optionally `-N`, then `-r` and the row number
    /// (`FactImporter.complete`). An id appended by hand in that shape counts too, which only makes a line match
    /// by its transaction id alone (imported, never skipped).
    /// What a bank writes in a credit or debit column on the other side's lines, read as an empty cell.
    static let emptyMarks: Set<String> = ["-", "--", "—", "——", "－", "－－", "/"]

    /// Whether `text`, spaces removed, is a bank's label for a balance line rather than a transaction: 期初余额,
    /// 上日余额, 承前余额, 上期结余, 上年结转, 期末余额, 本日余额, 当日余额 … (alone or with a colon and figure after it).
    static func isBalanceLabel(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.value >= 0x3400 || first == " " else { return false }
        let squeezed = LabelText.withoutSpaces(text)
        return ["期初余额", "上日余额", "承前余额", "上期余额", "上期结余", "上年结转", "上月结转", "期末余额", "本日余额", "当日余额",
                "期初", "期末", "承前页", "过次页"].contains { squeezed.hasPrefix($0) }
    }

    /// The import id of a fact made from a row of an imported file (`imp-<16 hex>[-N]` of `<import_id>-r<row>`,
    /// the original's event id for a corrected one), or nil.
    static func importID(ofRow fact: EffectiveFact) -> Substring? {
        importID(ofRowEventID: (fact.replaces ?? fact.evidence).eventID)
    }

    /// `importID(ofRow:)` from the original record's event id.
    static func importID(ofRowEventID id: String) -> Substring? {
        let bytes = Array(id.utf8)
        let hex: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        guard bytes.count > 22, bytes.starts(with: Array("imp-".utf8)), bytes[4..<20].allSatisfy(hex), bytes[20] == UInt8(ascii: "-") else { return nil }
        var rest = bytes[21...]
        var end = 20
        if let first = rest.first, digit(first) {
            // `-N`: the same file imported again.
            let digits = rest.prefix(while: digit)
            rest = rest.dropFirst(digits.count)
            guard rest.first == UInt8(ascii: "-") else { return nil }
            end = 21 + digits.count
            rest = rest.dropFirst()
        }
        guard rest.first == UInt8(ascii: "r") else { return nil }
        let row = rest.dropFirst()
        guard !row.isEmpty, row.allSatisfy(digit) else { return nil }
        return Substring(String(decoding: bytes[..<end], as: UTF8.self))
    }

    /// The funds named by the records in effect that the imports `ids` made: a statement's lines and its closing
    /// balance assertion, sorted. Voided records do not count (review 41d): voiding an import made with the wrong
    /// `--fund` is how the refusal tells the clerk to record the file again with the right one.
    public static func funds(ofImports ids: Set<String>, in log: EffectiveLog) -> [String] {
        var funds = Set<String>()
        func note(_ fact: EffectiveFact) {
            guard let id = importID(ofRow: fact) ?? importID(ofBalance: fact), ids.contains(String(id)) else { return }
            switch fact.payload {
            case .fundIncome(let p): funds.insert(p.fundID)
            case .fundSpending(let p): funds.insert(p.fundID)
            case .fundBalanceAsserted(let p): funds.insert(p.fundID)
            default: break
            }
        }
        for fact in log.factsInLogOrder { note(fact) }
        return funds.sorted()
    }

    /// The import id of a statement's closing balance assertion (`<import_id>-balance`, made by this importer), or nil.
    static func importID(ofBalance fact: EffectiveFact) -> Substring? {
        let id = (fact.replaces ?? fact.evidence).eventID
        guard id.hasPrefix("imp-"), id.hasSuffix("-balance") else { return nil }
        return Substring(id).dropLast("-balance".count)
    }
}
