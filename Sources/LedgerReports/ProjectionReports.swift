import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Renders the projection reports of `ledger balances|assets|contracts|decisions`. Every row order is explicit
/// (community id, then entity id), so the same log gives the same bytes.
public enum ProjectionReports {
    /// A rendered report: bytes ready for stdout or a file.
    public typealias Output = [UInt8]

    static func heading(_ title: String, _ p: Projection) -> String {
        "\(title) as of \(p.asOf) (records 1–\(p.atSeq))\n\n"
    }

    /// The heading in `language`: `title` in English, `titleZh` in Chinese.
    static func heading(_ title: String, _ titleZh: String, _ p: Projection, _ language: ReportLanguage) -> String {
        language == .zh ? "\(titleZh) 截至 \(p.asOf)（第 1–\(p.atSeq) 条记录）\n\n" : heading(title, p)
    }

    /// A table whose columns carry the spec's field names, with their Chinese labels above them in Chinese.
    /// A text table whose Chinese headings are the labels of `labelCodes` (by default the headers themselves: a
    /// column whose code means different things in different reports names the meaning it has here).
    static func table(_ headers: [String], _ alignments: [TextTable.Alignment], _ language: ReportLanguage,
                      labelCodes: [String]? = nil) -> TextTable {
        TextTable(headers: headers, alignments: alignments,
                  labels: language == .zh ? (labelCodes ?? headers).map { ReportWords.label($0) ?? "" } : nil)
    }

    /// `Format.yuan(a, symbol: false)`, made in a stack buffer (a city's table has a quarter of a million of them).
    static func money(_ a: Amount) -> String {
        // Written backwards from the end: cents, the point, then the whole yuan in groups of three.
        var buffer = BackwardBytes()
        let magnitude = a.fen.magnitude
        var whole = magnitude / 100
        let cents = magnitude % 100
        buffer.putDigits(cents, minimum: 2); buffer.put(UInt8(ascii: "."))
        var digits = 0
        repeat {
            if digits > 0, digits % 3 == 0 { buffer.put(UInt8(ascii: ",")) }
            buffer.put(UInt8(ascii: "0") + UInt8(whole % 10))
            whole /= 10
            digits += 1
        } while whole > 0
        if a.fen < 0 { buffer.put(UInt8(ascii: "-")) }
        return buffer.string
    }
    static func moneyOrBlank(_ a: Amount?) -> String { a.map(money) ?? "" }

    static func amountJSON(_ a: Amount) -> JSONValue { .string(a.yuanText) }

    /// Category totals with the vocabulary's words folded into their codes (`CategoryVocabulary.merged`).
    static func merged(_ totals: [CategoryTotal]) -> [(category: String, amount: Amount)] {
        CategoryVocabulary.merged(totals.map { ($0.category, $0.amount) })
    }

    static func envelope(_ report: String, _ p: Projection, _ key: String, _ items: [JSONValue]) -> Output {
        let value: JSONValue = .object(["report": .string(report), "as_of": .string(p.asOf.description),
                                        "at_seq": .integer(p.atSeq), key: .array(items)])
        return CanonicalJSON.encode(value, escaping: .display) + [0x0A]
    }

    /// `envelope` with its items already encoded (each `CanonicalJSON.encode(item, escaping: .display)`): the same
    /// bytes, the envelope's members written in canonical order around them.
    static func envelope(_ report: String, _ p: Projection, _ key: String, encodedItems: [[UInt8]]) -> Output {
        let members: [String: JSONValue] = ["report": .string(report), "as_of": .string(p.asOf.description),
                                            "at_seq": .integer(p.atSeq), key: .array([])]
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(encodedItems.reduce(64) { $0 + $1.count + 1 })
        for (index, name) in CanonicalJSON.sortedKeys(members).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(name, to: &out, escaping: .display)
            out.append(UInt8(ascii: ":"))
            guard name == key else {
                CanonicalJSON.write(members[name]!, to: &out, escaping: .display)
                continue
            }
            out.append(UInt8(ascii: "["))
            for (i, item) in encodedItems.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: item)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        out.append(0x0A)
        return out
    }

    /// `items`' JSON values, each encoded in the display form, made on two threads (first half here, second half on
    /// another) when there are at least `parallelFrom` (a city's funds: at 1 million records 3,000 funds took 0.2 s
    /// on one thread after everything else was done); in order.
    static func encodedItems<Item>(_ items: [Item], parallelFrom: Int, _ json: (Item) -> JSONValue) -> [[UInt8]] {
        func encode(_ part: ArraySlice<Item>) -> [[UInt8]] { part.map { CanonicalJSON.encode(json($0), escaping: .display) } }
        guard items.count >= parallelFrom, items.count >= 2 else { return encode(items[...]) }
        let middle = items.count / 2
        let (first, second) = Parallel.together({ encode(items[..<middle]) }, { encode(items[middle...]) })
        return first + second
    }

    /// From this many funds `balances --format json` encodes them on two threads.
    static let parallelItems = 256

    static func evidenceJSON(_ e: Evidence) -> JSONValue { .object(["seq": .integer(e.seq), "event_id": .string(e.eventID)]) }

    static func opt(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func opt(_ d: CalendarDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }

    static func render(_ table: TextTable, _ title: String, _ titleZh: String, _ p: Projection, _ language: ReportLanguage) -> Output {
        Array(heading(title, titleZh, p, language).utf8) + table.renderBytes()
    }

    // MARK: balances

    /// How `balances` breaks totals down.
    public enum BalanceBreakdown: String, Sendable, CaseIterable {
        case fund, category, month, quarter, year
    }

    /// Fund balances with income, spending and transfers, and the latest bank-statement check.
    /// - Parameter language: of the table's heading, column labels and words (csv and json are the same in both).
    public static func balances(_ p: Projection, filter: EntityFilter, by breakdown: BalanceBreakdown, format: ReportFormat,
                                language: ReportLanguage = .en) -> Output {
        let views = p.fundViews(filter: filter)
        switch breakdown {
        case .fund: return fundBalances(p, views, format, language)
        case .category: return categoryBalances(p, views, format, language)
        case .month, .quarter, .year: return periodBalances(p, views, ReportPeriod(rawValue: breakdown.rawValue)!, format, language)
        }
    }

    /// `balances` of the whole city from views made beforehand (`FundTotals`): the same bytes as from `p`'s own views.
    /// Only `--by fund` and `category` (the periods need every movement).
    public static func balances(_ p: Projection, views: [FundView], by breakdown: BalanceBreakdown, format: ReportFormat,
                                language: ReportLanguage = .en) -> Output {
        precondition(breakdown == .fund || breakdown == .category, "period breakdowns read the movements")
        return breakdown == .fund ? fundBalances(p, views, format, language) : categoryBalances(p, views, format, language)
    }

    static func fundBalances(_ p: Projection, _ views: [FundView], _ format: ReportFormat, _ language: ReportLanguage,
                             parallelFrom: Int = parallelItems) -> Output {
        let headers = ["community", "fund", "kind", "income", "spending", "transfers_in", "transfers_out", "balance",
                       "statement_date", "statement_balance", "difference"]
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .right, .right, .right, .right, .right, .left, .right, .right], language)
            var disagreements: [(fund: String, checks: [BalanceCheck])] = []
            for v in views {
                let latest = latestStatements(v.checks)
                if latest.count > 1 { disagreements.append((v.fund.id, latest)) }
                t.append([v.fund.communityID, v.fund.id, ReportWords.word(v.fund.kind.rawValue, language), money(v.summary.income), money(v.summary.spending),
                          money(v.summary.transfersIn), money(v.summary.transfersOut), money(v.balance),
                          Format.date(latest.first?.assertion.date), latest.map { money($0.assertion.balance) }.joined(separator: statementSeparator),
                          latest.map { money($0.difference) }.joined(separator: statementSeparator)])
            }
            return render(t, "Fund balances (yuan)", "资金余额（元）", p, language) + Array(disagreementNotes(disagreements, language).utf8)
        case .csv:
            // A spreadsheet sums the numeric columns: statements that disagree leave them blank and are named in
            // statement_note instead of "A / B" text there (review 39).
            var t = CSVTable(headers: headers + ["statement_note"])
            for v in views {
                let latest = latestStatements(v.checks)
                let one = latest.count == 1 ? latest.first : nil
                t.append([.text(v.fund.communityID), .text(v.fund.id), .text(v.fund.kind.rawValue),
                          .numeric(v.summary.income.yuanText), .numeric(v.summary.spending.yuanText),
                          .numeric(v.summary.transfersIn.yuanText), .numeric(v.summary.transfersOut.yuanText),
                          .numeric(v.balance.yuanText), .text(Format.date(latest.first?.assertion.date)),
                          .numeric(one?.assertion.balance.yuanText ?? ""), .numeric(one?.difference.yuanText ?? ""),
                          .text(latest.count > 1 ? disagreement(latest, language) : "")])
            }
            return t.render()
        case .json:
            return envelope("balances", p, "funds", encodedItems: encodedItems(views, parallelFrom: parallelFrom) { v in
                .object([
                    "fund_id": .string(v.fund.id), "community_id": .string(v.fund.communityID), "kind": .string(v.fund.kind.rawValue),
                    "account": .string(v.fund.account), "opened_on": .string(v.fund.openedOn.description),
                    "income": amountJSON(v.summary.income), "spending": amountJSON(v.summary.spending),
                    "transfers_in": amountJSON(v.summary.transfersIn), "transfers_out": amountJSON(v.summary.transfersOut),
                    "balance": amountJSON(v.balance), "balance_fen": .integer(v.balance.fen),
                    "income_by_category": .array(merged(v.summary.incomeByCategory).map { .object(["category": .string($0.category), "amount": amountJSON($0.amount)]) }),
                    "spending_by_category": .array(merged(v.summary.spendingByCategory).map { .object(["category": .string($0.category), "amount": amountJSON($0.amount)]) }),
                    "statement_checks": .array(v.checks.map { c in
                        .object(["date": .string(c.assertion.date.description), "statement_ref": .string(c.assertion.statementRef),
                                 "statement_balance": amountJSON(c.assertion.balance), "computed_balance": amountJSON(c.computed),
                                 "difference": amountJSON(c.difference), "reconciled": .bool(c.reconciled),
                                 "evidence": evidenceJSON(c.assertion.evidence)])
                    }),
                ])
            })
        }
    }

    /// Between the balances of bank statements of one date that disagree, in the table's statement columns (never
    /// the CSV's: a spreadsheet reads those as numbers).
    static let statementSeparator = " / "

    /// The statements of a fund's latest statement date, one for each balance they state, in log order: one when
    /// they agree (a statement imported again), more when they disagree. Two statements of one date with different
    /// balances are both shown, never one of them silently (review 38c #3): the books cannot agree with both.
    static func latestStatements(_ checks: [BalanceCheck]) -> [BalanceCheck] {
        guard let date = checks.last?.assertion.date else { return [] }
        var out: [BalanceCheck] = []
        for c in checks[(checks.lastIndex { $0.assertion.date != date }.map { $0 + 1 } ?? 0)...]
        where !out.contains(where: { $0.assertion.balance == c.assertion.balance }) {
            out.append(c)
        }
        return out
    }

    /// What the table says below itself of each fund whose latest statements disagree: the date, and each statement
    /// with its balance and evidence, so that an auditor finds both (empty when none disagree).
    static func disagreementNotes(_ disagreements: [(fund: String, checks: [BalanceCheck])], _ language: ReportLanguage) -> String {
        guard !disagreements.isEmpty else { return "" }
        var out = "\n"
        for d in disagreements {
            out += (language == .zh ? "注意：\(d.fund) 在 " : "Note: \(d.fund) has ") + disagreement(d.checks, language) + "\n"
        }
        return out
    }

    /// The statements of one date that disagree, each with its balance and evidence, and what to do: the table's
    /// note after the fund, and the CSV's statement_note (where the numeric columns stay blank).
    static func disagreement(_ checks: [BalanceCheck], _ language: ReportLanguage) -> String {
        let date = checks[0].assertion.date
        let each = checks.map { c in
            language == .zh ? "\(c.assertion.statementRef)（记录 #\(c.assertion.evidence.seq) \(c.assertion.evidence.eventID)）余额 \(money(c.assertion.balance))元"
                : "\(c.assertion.statementRef) (record #\(c.assertion.evidence.seq) \(c.assertion.evidence.eventID)) balance \(money(c.assertion.balance))"
        }
        return language == .zh
            ? "\(date) 有 \(checks.count) 份余额不一致的银行对账单：\(each.joined(separator: "；"))。账面余额不可能与每一份都相符；请向银行核实哪一份正确，并更正记错的一份。"
            : "\(checks.count) bank statements of \(date) that disagree: \(each.joined(separator: "; ")). The books cannot agree with all of them; ask the bank which is right, and correct the one recorded wrongly."
    }

    static func categoryBalances(_ p: Projection, _ views: [FundView], _ format: ReportFormat, _ language: ReportLanguage) -> Output {
        var rows: [(community: String, fund: String, direction: String, category: String, amount: Amount)] = []
        for v in views {
            // Words of the category vocabulary are one category: 广告 and advertising add up together.
            for c in merged(v.summary.incomeByCategory) { rows.append((v.fund.communityID, v.fund.id, "income", c.category, c.amount)) }
            for c in merged(v.summary.spendingByCategory) { rows.append((v.fund.communityID, v.fund.id, "spending", c.category, c.amount)) }
        }
        let headers = ["community", "fund", "direction", "category", "amount"]
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .left, .right], language)
            for r in rows {
                t.append([r.community, r.fund, ReportWords.word(r.direction, language), ReportWords.category(r.category, language), money(r.amount)])
            }
            return render(t, "Income and spending by category (yuan)", "各类别收入和支出（元）", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for r in rows { t.append([.text(r.community), .text(r.fund), .text(r.direction), .text(r.category), .numeric(r.amount.yuanText)]) }
            return t.render()
        case .json:
            return envelope("balances_by_category", p, "rows", rows.map { r in
                .object(["community_id": .string(r.community), "fund_id": .string(r.fund), "direction": .string(r.direction),
                         "category": .string(r.category), "amount": amountJSON(r.amount)])
            })
        }
    }

    static func periodBalances(_ p: Projection, _ views: [FundView], _ period: ReportPeriod, _ format: ReportFormat,
                               _ language: ReportLanguage) -> Output {
        var rows: [(fund: Fund, label: String, summary: FundSummary)] = []
        for v in views {
            for s in p.summaries(ofFund: v.fund.id, by: period) { rows.append((v.fund, period.label(s.period!), s)) }
        }
        let headers = ["community", "fund", "period", "opening", "income", "spending", "transfers_net", "closing"]
        func net(_ s: FundSummary) -> Amount { s.transfersIn - s.transfersOut }
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .right, .right, .right, .right, .right], language)
            for r in rows {
                t.append([r.fund.communityID, r.fund.id, r.label, money(r.summary.opening), money(r.summary.income),
                          money(r.summary.spending), money(net(r.summary)), money(r.summary.closing)])
            }
            return render(t, "Fund balances by \(period.rawValue) (yuan)", "按\(ReportWords.word(period.rawValue, .zh))资金余额（元）", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for r in rows {
                t.append([.text(r.fund.communityID), .text(r.fund.id), .text(r.label), .numeric(r.summary.opening.yuanText),
                          .numeric(r.summary.income.yuanText), .numeric(r.summary.spending.yuanText),
                          .numeric(net(r.summary).yuanText), .numeric(r.summary.closing.yuanText)])
            }
            return t.render()
        case .json:
            return envelope("balances_by_\(period.rawValue)", p, "rows", rows.map { r in
                .object(["community_id": .string(r.fund.communityID), "fund_id": .string(r.fund.id), "period": .string(r.label),
                         "from": .string(r.summary.period!.first.description), "to": .string(r.summary.period!.last.description),
                         "opening": amountJSON(r.summary.opening), "income": amountJSON(r.summary.income),
                         "spending": amountJSON(r.summary.spending), "transfers_in": amountJSON(r.summary.transfersIn),
                         "transfers_out": amountJSON(r.summary.transfersOut), "closing": amountJSON(r.summary.closing)])
            })
        }
    }

    // MARK: assets

    /// The asset register with status, current contract, last use, last inspection and utilisation.
    /// - Parameter names: the values of committed personal fields (an inspector), else their markers.
    public static func assets(_ p: Projection, filter: EntityFilter, format: ReportFormat, names: PersonalNames = PersonalNames(),
                              language: ReportLanguage = .en) -> Output {
        assets(p.assetLines(filter: filter), asOf: p.asOf, atSeq: p.atSeq, format: format, names: names, language: language)
    }

    /// The same report from lines made beforehand (`index/assets.state`, ledger-spec.md 15.12): the same bytes as
    /// from the projection they were made from.
    public static func assets(_ lines: [AssetLine], asOf: CalendarDate, atSeq: Int64, format: ReportFormat,
                              names: PersonalNames = PersonalNames(), language: ReportLanguage = .en) -> Output {
        let p = Projection.heading(asOf: asOf, atSeq: atSeq)
        let headers = ["community", "asset", "kind", "name", "area_m2", "status", "contracts", "last_used", "last_inspection",
                       "observed", "days_in_use_365"]
        func row(_ v: AssetLine) -> [String] {
            [v.communityID, v.id, v.kind.rawValue, v.name, Format.area(v.area), v.status.rawValue,
             v.currentContractIDs.joined(separator: " "), Format.date(v.lastUsedOn), Format.date(v.lastInspection?.date),
             v.lastInspection?.observed.rawValue ?? "", String(v.utilisation.daysInUse)]
        }
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .left, .right, .left, .left, .left, .left, .left, .right], language)
            for v in lines {
                var cells = row(v)
                for index in [2, 5, 9] { cells[index] = ReportWords.word(cells[index], language) }
                t.append(cells)
            }
            return render(t, "Common parts", "共有部分", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for v in lines {
                let cells = row(v)
                t.append(cells.enumerated().map { $0.offset == 4 || $0.offset == 10 ? .numeric($0.element) : .text($0.element) })
            }
            return t.render()
        case .json:
            return envelope("assets", p, "assets", lines.map { v in
                .object([
                    "asset_id": .string(v.id), "community_id": .string(v.communityID), "kind": .string(v.kind.rawValue),
                    "name": .string(v.name), "location": .string(v.location), "area_m2": .string(v.area.description),
                    "registered_on": .string(v.registeredOn.description), "status": .string(v.status.rawValue),
                    "current_contract_ids": .array(v.currentContractIDs.map(JSONValue.string)),
                    "open_use_ids": .array(v.openUseIDs.map(JSONValue.string)),
                    "open_occupation_ids": .array(v.openOccupationIDs.map(JSONValue.string)),
                    "last_used_on": opt(v.lastUsedOn),
                    "last_inspection": v.lastInspection.map { i in
                        .object(["date": .string(i.date.description), "observed": .string(i.observed.rawValue),
                                 "inspector": .string(names.text(i.inspector)), "evidence": evidenceJSON(i.evidence)])
                    } ?? .null,
                    "utilisation": .object(["from": .string(v.utilisation.window.first.description),
                                            "to": .string(v.utilisation.window.last.description),
                                            "days": .integer(Int64(v.utilisation.days)), "days_in_use": .integer(Int64(v.utilisation.daysInUse))]),
                    "retired_on": opt(v.retiredOn),
                    "evidence": evidenceJSON(v.evidence),
                ])
            })
        }
    }

    // MARK: contracts

    /// Operating contracts with status, deciding vote, and rent expected — with the rent for use after the end
    /// (到期后继续使用的使用费), as CON-07 counts it due — versus received (into the community's own funds, as CON-07
    /// counts it): arrears, or what was received beyond the rent due, paid ahead (预收) or, once the contract has ended
    /// and nothing under it goes on, overpaid (多收) — none is ever negative (`RentFigures`).
    /// - Parameter names: the values of committed counterparties, else their markers (erased, missing).
    public static func contracts(_ p: Projection, filter: EntityFilter, format: ReportFormat, names: PersonalNames = PersonalNames(),
                                 language: ReportLanguage = .en) -> Output {
        contracts(p.contractLines(filter: filter), asOf: p.asOf, atSeq: p.atSeq, format: format, names: names, language: language)
    }

    /// What the vote column adds for a contract citing no decision that a decision of its community names
    /// (`ContractLine.namedBy`): the vote to cite by a correction (CON-01, review 44a #6).
    static func namedBy(_ v: ContractLine, _ language: ReportLanguage) -> String {
        guard let id = v.namedBy else { return "" }
        return language == .zh ? "（决定\(id)载明该合同，合同未引用）" : " (decision \(id) names it; not cited)"
    }

    /// The same report from lines made beforehand (`index/contracts.state`, ledger-spec.md 15.12): the same bytes as
    /// from the projection they were made from.
    public static func contracts(_ lines: [ContractLine], asOf: CalendarDate, atSeq: Int64, format: ReportFormat,
                                 names: PersonalNames = PersonalNames(), language: ReportLanguage = .en) -> Output {
        let p = Projection.heading(asOf: asOf, atSeq: atSeq)
        let headers = ["community", "contract", "counterparty", "assets", "start", "end", "status", "rent", "period",
                       "decision", "vote", "expected", "rent_after_end", "received", "arrears", "paid_ahead", "overpaid"]
        func row(_ v: ContractLine) -> [String] {
            [v.communityID, v.id, names.text(v.counterparty, english: language == .en), v.assetIDs.joined(separator: " "), v.startOn.description,
             v.endOn.description, v.status.rawValue, money(v.rent), v.rentPeriod.rawValue, v.decisionID ?? "",
             v.vote + namedBy(v, .en), money(v.rentExpected), money(v.rentAfterEnd), money(v.rentReceived), money(v.arrears), money(v.paidAhead),
             money(v.overpaid)]
        }
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .left, .left, .left, .left, .right, .left, .left, .left, .right, .right, .right, .right,
                                    .right, .right], language,
                          labelCodes: headers.map { $0 == "period" ? "rent_period" : $0 })
            for v in lines {
                var cells = row(v)
                for index in [6, 8] { cells[index] = ReportWords.word(cells[index], language) }
                cells[10] = ReportWords.word(v.vote, language) + namedBy(v, language)
                // The day a terminated contract ended, which the end column (its term's last day) does not give.
                if v.status == .terminated, let day = v.terminatedOn {
                    cells[6] += language == .zh ? "（\(day)）" : " \(day)"
                }
                t.append(cells)
            }
            return render(t, "Operating contracts (yuan)", "经营合同（元）", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for v in lines {
                t.append([.text(v.communityID), .text(v.id), .text(names.text(v.counterparty)), .text(v.assetIDs.joined(separator: " ")),
                          .text(v.startOn.description), .text(v.endOn.description), .text(v.status.rawValue),
                          .numeric(v.rent.yuanText), .text(v.rentPeriod.rawValue), .text(v.decisionID ?? ""),
                          .text(v.vote + namedBy(v, .en)), .numeric(v.rentExpected.yuanText), .numeric(v.rentAfterEnd.yuanText),
                          .numeric(v.rentReceived.yuanText), .numeric(v.arrears.yuanText), .numeric(v.paidAhead.yuanText),
                          .numeric(v.overpaid.yuanText)])
            }
            return t.render()
        case .json:
            return envelope("contracts", p, "contracts", lines.map { v in
                .object([
                    "contract_id": .string(v.id), "community_id": .string(v.communityID),
                    "asset_ids": .array(v.assetIDs.map(JSONValue.string)), "counterparty": .string(names.text(v.counterparty)),
                    "purpose": .string(v.purpose), "signed_on": .string(v.signedOn.description),
                    "start_on": .string(v.startOn.description), "end_on": .string(v.endOn.description),
                    "terminated_on": opt(v.terminatedOn), "status": .string(v.status.rawValue),
                    "rent": amountJSON(v.rent), "rent_period": .string(v.rentPeriod.rawValue),
                    "decision_id": opt(v.decisionID), "vote": .string(v.vote), "named_by_decision_id": opt(v.namedBy), "payee_fund_id": opt(v.payeeFundID),
                    "rent_expected": amountJSON(v.rentExpected), "rent_received": amountJSON(v.rentReceived),
                    "arrears": amountJSON(v.arrears), "paid_ahead": amountJSON(v.paidAhead), "overpaid": amountJSON(v.overpaid),
                    "schedule": .array(listedInstalments(v.schedule, asOf: asOf).map {
                        .object(["due_on": .string($0.dueOn.description), "amount": amountJSON($0.amount)])
                    }),
                    "schedule_count": .integer(Int64(v.schedule.count)),
                    "rent_to_come": amountJSON(rentToCome(v.schedule, asOf: asOf)),
                    "rent_after_end": amountJSON(v.rentAfterEnd),
                    "schedule_after_end": .array(v.afterEnd.map { .object(["due_on": .string($0.dueOn.description), "amount": amountJSON($0.amount)]) }),
                    "payments": .array(v.payments.map { .object(["date": .string($0.date.description), "fund_id": .string($0.fundID),
                                                                 "amount": amountJSON($0.amount), "counted": .bool($0.counted),
                                                                 "evidence": evidenceJSON($0.evidence)]) }),
                    "evidence": evidenceJSON(v.evidence),
                ])
            })
        }
    }

    /// Instalments the JSON lists after those due on or before the as-of date: the next few, not every one to the
    /// term's end (some 96,000 for a monthly term to 9999: 4 MB for one contract, review 40h).
    public static let instalmentsAhead = 3

    /// How many of `schedule`'s instalments fall due on or before `asOf`.
    static func instalmentsDue(_ schedule: RentSchedule, asOf: CalendarDate) -> Int {
        min(schedule.count, RentSchedule.count(from: schedule.startOn, every: schedule.monthsPerPeriod, dueBy: asOf))
    }

    /// The instalments the `contracts` JSON lists (`schedule`): those due on or before `asOf`, then the next
    /// `instalmentsAhead`; `schedule_count` gives how many the term has, `rent_to_come` the sum of those after `asOf`.
    static func listedInstalments(_ schedule: RentSchedule, asOf: CalendarDate) -> RentSchedule.SubSequence {
        schedule.prefix(min(schedule.count, instalmentsDue(schedule, asOf: asOf) + instalmentsAhead))
    }

    /// The sum of the term's instalments due after `asOf` (rent still to come under the contract's terms).
    static func rentToCome(_ schedule: RentSchedule, asOf: CalendarDate) -> Amount {
        Amount(fen: schedule.amount.fen * Int64(schedule.count - instalmentsDue(schedule, asOf: asOf)))
    }

    // MARK: decisions

    /// A share as a percentage, computed exactly and rounded down: display only — validity uses the exact
    /// comparisons of `DecisionValidity`. Two decimals, or more where two would not show which side of `threshold`
    /// the share falls on (review 45b #4: 6,666.67 m² of 10,000 is 66.6667%, at least 2/3, not 66.66% beside 通过;
    /// 50.0001% is more than 1/2, where 50.00% would read as not); a share exactly at a threshold no decimal writes
    /// (2/3) is written as that fraction, its percentage rounded beside it. A share below its threshold shows below
    /// it, rounded down.
    static func percent(_ part: Int64, of whole: Int64, beside threshold: Threshold) -> String {
        guard whole > 0 else { return "" }
        // In 128 bits: owner counts may reach 2^53 − 1, and part × 10,000 would overflow Int64.
        let p = Int128(part), w = Int128(whole), n = Int128(threshold.numerator), d = Int128(threshold.denominator)
        // Whether the share shown (`units` of `scale`) reads as meeting the threshold, as the share does.
        func readsAsMet(_ units: Int128, _ scale: Int128) -> Bool {
            threshold.strict ? units * d > n * scale : units * d >= n * scale
        }
        if p * d == n * w, (100 * n) % d != 0 {
            // With its percentage beside it: a cell holding only 2/3 opens in Excel and WPS as the date 3 February
            // (review 46e #6).
            let hundredths = (20_000 * n + d) / (2 * d)
            let cents = hundredths % 100
            return "\(n)/\(d) (\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)%)"
        }
        // The share in units of 10^-(2+decimals) percent, rounded down, a digit at a time (the remainder stays below
        // `w`); more decimals while a share meeting the threshold would not read so (a share above n/d exceeds it by
        // at least 1/(w·d): about 20 decimals at most).
        var decimals = 2
        var scale: Int128 = 10_000
        var units = p * scale / w, remainder = p * scale % w
        let met = threshold.strict ? p * d > n * w : p * d >= n * w
        while met, !readsAsMet(units, scale), decimals < 30 {
            decimals += 1
            scale *= 10
            units = units * 10 + remainder * 10 / w
            remainder = remainder * 10 % w
        }
        let ten = scale / 100
        let digits = String(units % ten)
        return "\(units / ten)." + String(repeating: "0", count: decimals - digits.count) + digits + "%"
    }

    /// A threshold a share is read against: at least (以上) or, `strict`, more than (过半数) numerator/denominator.
    struct Threshold {
        var numerator: Int64, denominator: Int64, strict = false
    }

    /// The quorum (at least 2/3) for participation; the matter's threshold (at least 3/4, or more than 1/2) for approval.
    static let quorumShare = Threshold(numerator: 2, denominator: 3)
    static func approvalShare(_ matter: DecisionMatter) -> Threshold {
        matter.needsThreeQuarters ? Threshold(numerator: 3, denominator: 4) : Threshold(numerator: 1, denominator: 2, strict: true)
    }

    static func result(_ v: DecisionView) -> String { result(met: v.validity.map { ($0.quorumMet, $0.thresholdMet) }) }

    static func result(_ v: DecisionLine) -> String { result(met: v.checks.map { ($0.quorumMet, $0.thresholdMet) }) }

    private static func result(met: (quorum: Bool, threshold: Bool)?) -> String {
        guard let met else { return "unknown_community" }
        if !met.quorum { return "no_quorum" }
        if !met.threshold { return "below_threshold" }
        return "passed"
    }

    /// Owners' decisions with quorum, threshold and result under Civil Code Art. 278, and money spent under them.
    public static func decisions(_ p: Projection, filter: EntityFilter, format: ReportFormat, language: ReportLanguage = .en) -> Output {
        decisions(p.decisionLines(filter: filter), asOf: p.asOf, atSeq: p.atSeq, format: format, language: language)
    }

    /// The same report from lines made beforehand (`index/decisions.state`, ledger-spec.md 15.12): the same bytes as
    /// from the projection they were made from.
    public static func decisions(_ lines: [DecisionLine], asOf: CalendarDate, atSeq: Int64, format: ReportFormat,
                                 language: ReportLanguage = .en) -> Output {
        let p = Projection.heading(asOf: asOf, atSeq: atSeq)
        let headers = ["community", "decision", "date", "matter", "item", "participating_area", "participating_owners",
                       "approving_area", "approving_owners", "rule", "result", "cap", "spent", "remaining"]
        func row(_ v: DecisionLine, _ money: (Amount) -> String = ProjectionReports.money) -> [String] {
            [v.communityID, v.id, v.decidedOn.description, v.matter.rawValue, String(v.matter.article278Item),
             percent(v.participatingArea.units, of: v.communityAreaUnits, beside: quorumShare),
             percent(v.participatingOwners, of: v.communityOwners, beside: quorumShare),
             percent(v.approvingArea.units, of: v.participatingArea.units, beside: approvalShare(v.matter)),
             percent(v.approvingOwners, of: v.participatingOwners, beside: approvalShare(v.matter)),
             v.matter.needsThreeQuarters ? ">=3/4" : ">1/2", result(v), v.cap.map(money) ?? "", money(v.spent), v.remaining.map(money) ?? ""]
        }
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .left, .right, .right, .right, .right, .right, .left, .left, .right, .right, .right], language)
            for v in lines {
                var cells = row(v)
                for index in [3, 9, 10] { cells[index] = ReportWords.word(cells[index], language) }
                t.append(cells)
            }
            return render(t, "Owners' decisions (quorum ≥2/3 of area and owners; shares rounded down)",
                          "业主共同决定（参与表决须占专有部分面积和人数的三分之二以上；比例向下取整）", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for v in lines {
                let cells = row(v, { $0.yuanText })
                t.append(cells.enumerated().map { [4, 11, 12, 13].contains($0.offset) ? .numeric($0.element) : .text($0.element) })
            }
            return t.render()
        case .json:
            return envelope("decisions", p, "decisions", lines.map { v in
                var members: [String: JSONValue] = [
                    "decision_id": .string(v.id), "community_id": .string(v.communityID),
                    "decided_on": .string(v.decidedOn.description), "matter": .string(v.matter.rawValue),
                    "article_278_item": .integer(Int64(v.matter.article278Item)),
                    "participating_area_m2": .string(v.participatingArea.description), "participating_owners": .integer(v.participatingOwners),
                    "approving_area_m2": .string(v.approvingArea.description), "approving_owners": .integer(v.approvingOwners),
                    "threshold": .string(v.matter.needsThreeQuarters ? "three_quarters" : "majority"),
                    "result": .string(result(v)), "valid_until": opt(v.validUntil), "in_force": .bool(v.inForce),
                    "authorised_asset_ids": .array(v.authorisedAssetIDs.map(JSONValue.string)),
                    "authorised_contract_id": opt(v.authorisedContractID), "purpose": opt(v.purpose),
                    "cap": v.cap.map(amountJSON) ?? .null, "spent": amountJSON(v.spent),
                    "remaining": v.remaining.map(amountJSON) ?? .null,
                    "evidence": evidenceJSON(v.evidence),
                ]
                if let checks = v.checks {
                    members["checks"] = .object(["quorum_area": .bool(checks.quorumArea), "quorum_owners": .bool(checks.quorumOwners),
                                                 "pass_area": .bool(checks.passArea), "pass_owners": .bool(checks.passOwners)])
                }
                return .object(members)
            })
        }
    }
}
