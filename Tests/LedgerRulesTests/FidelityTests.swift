import LedgerEvents
import LedgerRules
import LedgerTestSupport
import Testing

/// Issue 13, rules items 1–9: what a street office and a lawyer found wrong in the list. One case per finding of
/// theirs (and its near miss), on the `Mini` ledger of RuleBoundaryTests.
struct FidelityCase: Sendable, CustomTestStringConvertible {
    let item: Int
    let name: String
    let lines: [String]
    let asOf: String
    /// Returns what is wrong with the findings (empty when the case holds).
    let check: @Sendable ([Finding]) -> [String]
    var testDescription: String { "item \(item): \(name)" }
}

/// Lines and checks shared by the cases.
enum Fid {
    static func income(_ id: String, _ date: String, fund: String, fen: Int, contract: String? = nil) -> String {
        let source = contract.map { #","source":{"contract_id":"\#($0)"}"# } ?? ""
        return Mini.event(id, "fund.income", date, #"{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某人","voucher":"\#(id)","category":"parking"\#(source)}"#)
    }
    static func disclosure(_ id: String, _ published: String, funds: [String], from: String, to: String) -> String {
        let list = funds.map { "\"\($0)\"" }.joined(separator: ",")
        return Mini.event(id, "disclosure.published", published, #"{"community_id":"C-T","fund_ids":[\#(list)],"period_from":"\#(from)","period_to":"\#(to)","location":"公示栏"}"#)
    }
    static func asset(_ id: String) -> String {
        Mini.event("reg-\(id)", "asset.registered", "2023-12-01", #"{"asset_id":"\#(id)","community_id":"C-T","kind":"parking","name":"车位","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}"#)
    }
    static func contract(_ id: String, asset: String, start: String, end: String, rentFen: Int, period: String,
                         decision: String = "D-OK", signed: String = "2024-12-01") -> String {
        Mini.event(id, "contract.signed", signed, #"{"contract_id":"\#(id)","community_id":"C-T","asset_ids":["\#(asset)"],"counterparty":"某公司","purpose":"停车","start_on":"\#(start)","end_on":"\#(end)","rent_fen":\#(rentFen),"rent_period":"\#(period)","decision_id":"\#(decision)","payee_fund_id":"F-PI"}"#)
    }
    static func use(_ id: String, asset: String = "A-1", _ date: String, user: String = "某人", purpose: String = "停车",
                    authority: String) -> String {
        Mini.event(id, "use.started", date, #"{"use_id":"\#(id)","asset_id":"\#(asset)","user":"\#(user)","purpose":"\#(purpose)","authority":\#(authority)}"#)
    }

    static func of(_ rule: RuleCode, _ item: String? = nil, in found: [Finding]) -> [Finding] {
        found.filter { $0.rule == rule && (item == nil || $0.itemID == item) }
    }
    static func facts(_ f: Finding) -> [String] { f.facts.map(\.key.rawValue) }
    static func value(_ f: Finding, _ key: String, _ name: String) -> FactValue? {
        f.facts.first { $0.key.rawValue == key }?.values.first { $0.name == name }?.value
    }

    /// Exactly one finding of `rule` on `item`, else a problem.
    static func one(_ rule: RuleCode, _ item: String, _ found: [Finding], _ problems: inout [String]) -> Finding? {
        let list = of(rule, item, in: found)
        if list.count != 1 { problems.append("expected one \(rule.code) on \(item), found \(list.count): \(list.map(facts))") }
        return list.count == 1 ? list[0] : nil
    }

    /// The basis of the one finding of `rule` on `item` must cite every `must` and none of `mustNot` (source key,
    /// article).
    static func basis(_ rule: RuleCode, _ item: String, must: [(String, Int)], mustNot: [(String, Int?)]) -> @Sendable ([Finding]) -> [String] {
        { found in
            var problems: [String] = []
            guard let f = one(rule, item, found, &problems) else { return problems }
            for (source, article) in must where !Adapter.cites(f, source, article) {
                problems.append("\(rule.code) on \(item) does not cite \(source) \(article): \(Adapter.basisText(f))")
            }
            for (source, article) in mustNot where Adapter.cites(f, source, article) {
                problems.append("\(rule.code) on \(item) cites \(source) \(article.map(String.init) ?? "") for this kind: \(Adapter.basisText(f))")
            }
            return problems
        }
    }

    static func none(_ rule: RuleCode, _ item: String) -> @Sendable ([Finding]) -> [String] {
        { found in
            let list = of(rule, item, in: found)
            return list.isEmpty ? [] : ["unexpected \(rule.code) on \(item): \(list.map(facts))"]
        }
    }
}

@Suite struct FidelityTests {
    static let cases: [FidelityCase] = {
        var c: [FidelityCase] = []
        func add(_ item: Int, _ name: String, _ asOf: String, _ lines: [String], _ check: @escaping @Sendable ([Finding]) -> [String]) {
            c.append(FidelityCase(item: item, name: name, lines: lines, asOf: asOf, check: check))
        }
        let gvIncome = Fid.income("I-GV", "2025-01-02", fund: "F-GV", fen: 10_000)
        let piIncome = Fid.income("I-PI", "2025-01-02", fund: "F-PI", fen: 10_000)
        let maintenanceOnly: [(String, Int?)] = [("MF", nil), ("CC", 281)]

        // 1. The legal basis follows the kind of fund (DOMAIN §2 items 11–23).
        add(1, "FUND-01 on public income cites Art. 282, PMR 54 and QD 78, not the maintenance-fund provisions", "2025-02-01",
            [piIncome, Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 100)],
            Fid.basis(.spendingWithoutDecision, "F-PI", must: [("CC", 282), ("PMR", 54), ("QD", 78)], mustNot: maintenanceOnly + [("CC", 278)]))
        add(1, "FUND-01 on governance funds cites QD 30(8) and the owners' rules for their working funds", "2025-02-01",
            [gvIncome, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 100)],
            Fid.basis(.spendingWithoutDecision, "F-GV", must: [("QD", 30), ("GR", 42)], mustNot: maintenanceOnly + [("CC", 282)]))
        add(1, "FUND-01 on the maintenance fund keeps Art. 278(1)(5) and 281", "2025-02-01",
            [Mini.spending("S1", "2025-01-10", fund: "F-MF", fen: 100)],
            Fid.basis(.spendingWithoutDecision, "F-MF", must: [("CC", 278), ("CC", 281)], mustNot: [("CC", 282)]))
        add(1, "FUND-06 on public income", "2025-02-01",
            [Mini.okDecision, Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 100, decision: "D-OK")],
            Fid.basis(.fundOverdrawn, "F-PI", must: [("CC", 282), ("QD", 78)], mustNot: maintenanceOnly))
        add(1, "FUND-06 on governance funds", "2025-02-01",
            [Mini.okDecision, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 100, decision: "D-OK")],
            Fid.basis(.fundOverdrawn, "F-GV", must: [("GR", 42)], mustNot: maintenanceOnly + [("CC", 282)]))
        add(1, "FUND-07 on public income", "2025-02-01",
            [piIncome, Mini.event("B1", "fund.balance_asserted", "2025-01-10", #"{"fund_id":"F-PI","balance_fen":9999,"statement_ref":"对账单"}"#)],
            Fid.basis(.balanceMismatch, "F-PI", must: [("QD", 78)], mustNot: maintenanceOnly))
        add(1, "FUND-07 on governance funds", "2025-02-01",
            [gvIncome, Mini.event("B1", "fund.balance_asserted", "2025-01-10", #"{"fund_id":"F-GV","balance_fen":9999,"statement_ref":"对账单"}"#)],
            Fid.basis(.balanceMismatch, "F-GV", must: [("GR", 42)], mustNot: maintenanceOnly))
        add(1, "FUND-07 on the maintenance fund keeps MF 30 and 31", "2025-02-01",
            [Mini.event("B1", "fund.balance_asserted", "2025-01-10", #"{"fund_id":"F-MF","balance_fen":9999,"statement_ref":"对账单"}"#)],
            Fid.basis(.balanceMismatch, "F-MF", must: [("MF", 30), ("MF", 31)], mustNot: [("CC", 282)]))
        add(1, "FUND-08 on public income cites Art. 943 and QD 78", "2024-04-02", [],
            Fid.basis(.disclosureOverdue, "F-PI", must: [("CC", 943), ("QD", 78), ("QD", 92)], mustNot: maintenanceOnly))
        add(1, "FUND-08 on governance funds cites GR 42", "2025-01-02", [],
            Fid.basis(.disclosureOverdue, "F-GV", must: [("GR", 42), ("QD", 92)], mustNot: maintenanceOnly + [("CC", 943)]))
        add(1, "FUND-08 on the maintenance fund cites Art. 281 and MF 30", "2024-07-02", [],
            Fid.basis(.disclosureOverdue, "F-MF", must: [("CC", 281), ("MF", 30)], mustNot: [("CC", 282)]))
        add(1, "FUND-10 out of public income", "2025-02-01",
            [piIncome, Mini.event("T1", "fund.transfer", "2025-01-05", #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":100,"voucher":"T1"}"#)],
            Fid.basis(.transferWithoutDecision, "F-PI", must: [("PMR", 54), ("QD", 78)], mustNot: maintenanceOnly))
        add(1, "FUND-10 out of the maintenance fund is a diversion (Art. 281, PMR 53)", "2025-02-01",
            [Mini.event("T1", "fund.transfer", "2025-01-05", #"{"from_fund_id":"F-MF","to_fund_id":"F-PI","amount_fen":100,"voucher":"T1"}"#)],
            Fid.basis(.transferWithoutDecision, "F-MF", must: [("CC", 281), ("PMR", 53)], mustNot: [("CC", 282)]))
        add(1, "FUND-04 on public income after the decision expired", "2025-02-01",
            [piIncome, Mini.decision("D-X", "2024-11-01", "other_major", "2400.00", 240, "2400.00", 240) .replacingValidUntil("2024-12-31"),
             Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 100, decision: "D-X")],
            Fid.basis(.spendingBeyondAuthority, "F-PI", must: [("CC", 282), ("QD", 39)], mustNot: maintenanceOnly))
        let change = Mini.event("C1", "asset.updated", "2025-01-10", #"{"asset_id":"A-1","changes":{"attributes":{"用途":"仓库"}},"source":{"kind":"manual"}}"#)
        // A-1 has no use column registered: its first value is its lawful use, the change is the next.
        let firstUse = Mini.event("C0", "asset.updated", "2024-12-01", #"{"asset_id":"A-1","changes":{"attributes":{"用途":"停车"}},"source":{"kind":"manual"}}"#)
        add(1, "OCC-04 on an ordinary part does not cite the rules on property-service premises", "2025-02-01", [firstUse, change],
            Fid.basis(.changeOfUseWithoutDecision, "A-1", must: [("CC", 278), ("PMR", 49)], mustNot: [("PMR", 37)]))
        let premises = Mini.event("C1", "asset.updated", "2025-01-10", #"{"asset_id":"A-1","changes":{"attributes":{"用途":"棋牌室"}},"source":{"kind":"manual"}}"#)
        add(1, "OCC-04 on property-service premises cites PMR 37 and QD 61(2)", "2025-02-01",
            [Mini.event("C0", "asset.updated", "2024-01-10", #"{"asset_id":"A-1","changes":{"name":"物业服务用房","attributes":{"用途":"物业办公"}},"source":{"kind":"manual"}}"#), premises],
            Fid.basis(.changeOfUseWithoutDecision, "A-1", must: [("PMR", 37), ("QD", 61)], mustNot: []))

        // 2. The disclosed periods must join up from the fund's opening (2024-01-01).
        let monthly = [Fid.income("I1", "2024-01-10", fund: "F-PI", fen: 50_000),
                       Fid.disclosure("P1", "2024-04-01", funds: ["F-PI"], from: "2024-03-01", to: "2024-03-31"),
                       Fid.disclosure("P2", "2024-07-01", funds: ["F-PI"], from: "2024-06-01", to: "2024-06-30"),
                       Fid.disclosure("P3", "2024-10-01", funds: ["F-PI"], from: "2024-09-01", to: "2024-09-30"),
                       Fid.disclosure("P4", "2025-01-01", funds: ["F-PI"], from: "2024-12-01", to: "2024-12-31")]
        add(2, "disclosures on time, each covering only the last month, leave gaps", "2025-01-15", monthly) { found in
            var problems: [String] = []
            let gaps = Fid.of(.disclosureOverdue, "F-PI", in: found).filter { Fid.facts($0).contains("disclosure_gap") }
            let periods = gaps.map { f in "\(Fid.value(f, "disclosure_gap", "from").map { "\($0)" } ?? "?")…\(Fid.value(f, "disclosure_gap", "to").map { "\($0)" } ?? "?")" }
            let expected = ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"].map { "date(\($0))" }
            if gaps.map({ Fid.value($0, "disclosure_gap", "from").map { "\($0)" } ?? "" }) != expected {
                problems.append("gaps found: \(periods)")
            }
            if let first = gaps.first, Fid.value(first, "disclosure_gap", "to") != .date(CalendarDate(iso: "2024-02-29")!) {
                problems.append("first gap should end 2024-02-29: \(periods)")
            }
            if let first = gaps.first, Fid.value(first, "disclosure_gap", "income") != .amount(Amount(fen: 50_000)) {
                problems.append("the first gap holds the income of 2024-01-10: \(gaps.first.map(Fid.facts) ?? [])")
            }
            if let first = gaps.first, first.since != CalendarDate(iso: "2024-01-01")! { problems.append("since \(first.since)") }
            return problems
        }
        let quarterly = [Fid.disclosure("P1", "2024-04-01", funds: ["F-PI"], from: "2024-01-01", to: "2024-03-31"),
                         Fid.disclosure("P2", "2024-07-01", funds: ["F-PI"], from: "2024-04-01", to: "2024-06-30"),
                         Fid.disclosure("P3", "2024-10-01", funds: ["F-PI"], from: "2024-07-01", to: "2024-09-30"),
                         Fid.disclosure("P4", "2025-01-01", funds: ["F-PI"], from: "2024-10-01", to: "2024-12-31")]
        add(2, "disclosures whose periods join up leave no gap", "2025-01-15", quarterly, Fid.none(.disclosureOverdue, "F-PI"))
        add(2, "an overlapping disclosure closes a gap", "2025-01-15",
            monthly + [Fid.disclosure("P5", "2025-01-10", funds: ["F-PI"], from: "2024-01-01", to: "2024-11-30")],
            Fid.none(.disclosureOverdue, "F-PI"))

        // Review 38c #2: money moved between the community's funds is stated apart from income and spending.
        let moved = [ReviewThirtyRuleTests.transfer("T1", "2024-01-20", from: "F-PI", to: "F-MF", fen: 20_000),
                     ReviewThirtyRuleTests.transfer("T2", "2024-02-05", from: "F-MF", to: "F-PI", fen: 3_000)]
        add(2, "a gap states transfers apart from income and spending", "2025-01-15", monthly + moved) { found in
            var problems: [String] = []
            let gaps = Fid.of(.disclosureOverdue, "F-PI", in: found).filter { Fid.facts($0).contains("disclosure_gap") }
            guard let first = gaps.first else { return ["no gap found"] }
            for (name, fen) in [("income", 50_000), ("spending", 0), ("transfers_in", 3_000), ("transfers_out", 20_000)] {
                if Fid.value(first, "disclosure_gap", name) != .amount(Amount(fen: Int64(fen))) {
                    problems.append("\(name) should be \(fen): \(Fid.facts(first))")
                }
            }
            // A gap without transfers states none.
            if let second = gaps.dropFirst().first, Fid.value(second, "disclosure_gap", "transfers_in") != nil {
                problems.append("transfers_in stated for a gap without transfers")
            }
            return problems
        }

        // 3. A lapse remedied late is worded and marked as remedied.
        add(3, "a disclosure published a day late is remedied, with advice that fits", "2024-06-30",
            [Fid.disclosure("P1", "2024-04-02", funds: ["F-PI"], from: "2024-01-01", to: "2024-03-31")]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.disclosureOverdue, "F-PI", found, &problems) else { return problems }
            if Adapter.status(f) != "remedied_late" { problems.append("status \(Adapter.status(f) ?? "open")") }
            if Adapter.action(f).contains("立即") { problems.append("advice for an open lapse: \(Adapter.action(f))") }
            return problems
        }
        add(3, "an emergency use disclosed after its deadline is remedied", "2025-06-01",
            [Mini.spending("S3", "2025-03-01", fen: 100_00, extra: #","emergency":{"type":"电梯故障","evidence":"报告"}"#),
             Fid.disclosure("P1", "2025-04-15", funds: ["F-MF"], from: "2025-03-01", to: "2025-03-31")]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.emergencyIncomplete, "F-MF", found, &problems) else { return problems }
            if Adapter.status(f) != "remedied_late" { problems.append("status \(Adapter.status(f) ?? "open")") }
            return problems
        }
        add(3, "an overdue disclosure not yet published stays open", "2024-06-30", []) { found in
            var problems: [String] = []
            guard let f = Fid.one(.disclosureOverdue, "F-PI", found, &problems) else { return problems }
            if Adapter.status(f) != nil { problems.append("status \(Adapter.status(f)!)") }
            return problems
        }

        // 4. LOW-02 does not repeat arrears (CON-07) or use after expiry (CON-06). Three parking spaces of 10 m² in
        // one street; the peers pay ¥1,000 a year.
        let peers = [Fid.asset("A-2"), Fid.asset("A-3"), Mini.okDecision,
                     Fid.contract("K-2", asset: "A-2", start: "2025-01-01", end: "2025-12-31", rentFen: 100_000, period: "year"),
                     Fid.contract("K-3", asset: "A-3", start: "2025-01-01", end: "2025-12-31", rentFen: 100_000, period: "year"),
                     Fid.income("I2", "2025-01-05", fund: "F-PI", fen: 100_000, contract: "K-2"),
                     Fid.income("I3", "2025-01-05", fund: "F-PI", fen: 100_000, contract: "K-3")]
        add(4, "rent far above the median but unpaid is arrears, not low efficiency", "2025-12-31",
            peers + [Fid.contract("K-1", asset: "A-1", start: "2025-01-01", end: "2025-12-31", rentFen: 300_000, period: "year")]) { found in
            var problems = Fid.none(.lowIncome, "A-1")(found)
            if Fid.of(.rentArrears, "K-1", in: found).count != 1 { problems.append("CON-07 on K-1 missing") }
            if let arrears = Fid.of(.rentArrears, "K-1", in: found).first, !Fid.facts(arrears).contains("income_shortfall_explained") {
                problems.append("CON-07 does not say it explains the low income received: \(Fid.facts(arrears))")
            }
            // The window the rent was received in, in days (近365天实收, review 37).
            if let arrears = Fid.of(.rentArrears, "K-1", in: found).first,
               Fid.value(arrears, "income_shortfall_explained", "window_days") != .integer(365) {
                problems.append("window_days: \(String(describing: Fid.value(arrears, "income_shortfall_explained", "window_days")))")
            }
            return problems
        }
        add(4, "a part used all year after its contract expired is CON-06, not low efficiency", "2025-12-31",
            peers + [Fid.contract("K-1", asset: "A-1", start: "2024-07-01", end: "2025-03-31", rentFen: 15_000, period: "month", signed: "2024-06-01"),
                     Fid.use("U1", "2024-07-01", authority: #"{"contract_id":"K-1"}"#)]
            + (0..<9).map { Fid.income("R\($0)", "2024-\(String(format: "%02d", 7 + $0 > 12 ? 7 + $0 - 12 : 7 + $0))-01".replacingYear(7 + $0 > 12), fund: "F-PI", fen: 15_000, contract: "K-1") }) { found in
            var problems = Fid.none(.lowIncome, "A-1")(found)
            if Fid.of(.contractExpiredStillUsed, "K-1", in: found).count != 1 { problems.append("CON-06 on K-1 missing") }
            return problems
        }
        add(4, "a rent that is itself low is still LOW-02", "2025-12-31",
            peers + [Fid.contract("K-1", asset: "A-1", start: "2025-01-01", end: "2025-12-31", rentFen: 30_000, period: "year"),
                     Fid.income("I1", "2025-01-05", fund: "F-PI", fen: 30_000, contract: "K-1")]) { found in
            var problems: [String] = []
            _ = Fid.one(.lowIncome, "A-1", found, &problems)
            return problems
        }

        // 5. CON-06 states the days after expiry and the amount at the contract's rate, and it is linked to CON-07,
        // which counts it (Civil Code Art. 734: the lease goes on without a fixed term).
        let expired = [Mini.okDecision,
                       Fid.contract("K-E", asset: "A-1", start: "2025-01-01", end: "2025-03-31", rentFen: 100_000, period: "month"),
                       Fid.use("U-E", "2025-01-01", authority: #"{"contract_id":"K-E"}"#),
                       Fid.income("R1", "2025-01-01", fund: "F-PI", fen: 300_000, contract: "K-E")]
        add(5, "use after expiry: days, amount at the contract's rate, counted in the arrears", "2025-06-30", expired) { found in
            var problems: [String] = []
            guard let con06 = Fid.one(.contractExpiredStillUsed, "K-E", found, &problems) else { return problems }
            if Fid.value(con06, "used_after_end", "days") != .integer(91) { problems.append("days: \(String(describing: Fid.value(con06, "used_after_end", "days")))") }
            if Fid.value(con06, "used_after_end", "amount") != .amount(Amount(fen: 300_000)) {
                problems.append("amount: \(String(describing: Fid.value(con06, "used_after_end", "amount")))")
            }
            guard let con07 = Fid.one(.rentArrears, "K-E", found, &problems) else { return problems }
            // Due after expiry: 04-01 and 05-01 are past the 30 days' grace on 06-30; 06-01 is not yet.
            if Fid.value(con07, "rent_arrears", "arrears") != .amount(Amount(fen: 200_000)) {
                problems.append("arrears: \(String(describing: Fid.value(con07, "rent_arrears", "arrears")))")
            }
            if !Adapter.areRelated(con06, con07, in: found) { problems.append("CON-06 and CON-07 are not linked") }
            return problems
        }
        // Review E16 #1: a use counts to its end day, both included (docs/rules.md "Days in use"), for the rent owed
        // after expiry too. Ended 05-15: April in full (100,000), May for 15 of its 31 days (1,500,000 / 31 =
        // 48,387 fen, rounded down); both past their 30 days' grace on 06-30; January–March paid.
        add(5, "rent after expiry counts the use's end day", "2025-06-30",
            expired + [Mini.event("U-Ee", "use.ended", "2025-05-15", #"{"use_id":"U-E"}"#)]) { found in
            var problems: [String] = []
            if !Fid.of(.contractExpiredStillUsed, "K-E", in: found).isEmpty { problems.append("CON-06 for a use that has ended") }
            guard let con07 = Fid.one(.rentArrears, "K-E", found, &problems) else { return problems }
            if Fid.value(con07, "rent_arrears", "arrears") != .amount(Amount(fen: 148_387)) {
                problems.append("arrears: \(String(describing: Fid.value(con07, "rent_arrears", "arrears")))")
            }
            return problems
        }

        // 6. Operating common parts needs 3/4 (Art. 278(1)(8)), whatever matter the decision was recorded under.
        let majority = Mini.decision("D-M", "2024-11-01", "other_major", "2000.00", 200, "1200.00", 120)
        add(6, "a business use under a simple-majority decision", "2025-02-01",
            [majority, Fid.use("U1", "2025-01-01", user: "街角餐饮店", purpose: "外摆经营", authority: #"{"decision_id":"D-M"}"#)]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.useWithoutAuthority, "A-1", found, &problems) else { return problems }
            if !Fid.facts(f).contains("special_majority_missed") { problems.append("facts: \(Fid.facts(f))") }
            return problems
        }
        add(6, "a use that is not business under the same decision", "2025-02-01",
            [majority, Fid.use("U1", "2025-01-01", user: "业主老年协会", purpose: "老年活动", authority: #"{"decision_id":"D-M"}"#)],
            Fid.none(.useWithoutAuthority, "A-1"))

        // 7. A decision dated after the act it authorises is at most a ratification.
        let later = Mini.decision("D-L", "2025-02-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240)
        add(7, "maintenance spending before the decision", "2025-02-15",
            [later, Mini.spending("S1", "2025-01-10", fund: "F-MF", fen: 100, decision: "D-L")]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.spendingWithoutDecision, "F-MF", found, &problems) else { return problems }
            if !Fid.facts(f).contains("decision_after_act") { problems.append("facts: \(Fid.facts(f))") }
            // The act the reports name (晚于该笔支出日期（…）, review 37).
            if Fid.value(f, "decision_after_act", "act") != .text("spent") { problems.append("act: \(String(describing: Fid.value(f, "decision_after_act", "act")))") }
            if Adapter.status(f) != "ratified" { problems.append("status \(Adapter.status(f) ?? "open")") }
            return problems
        }
        add(7, "spending on the day of the decision is authorised", "2025-02-15",
            [later, Mini.spending("S1", "2025-02-01", fund: "F-MF", fen: 100, decision: "D-L")],
            Fid.none(.spendingWithoutDecision, "F-MF"))
        let laterOperate = Mini.decision("D-L", "2025-02-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240)
        add(7, "contract signed before the decision", "2025-02-15",
            [laterOperate, Fid.contract("K-1", asset: "A-1", start: "2025-01-01", end: "2025-12-31", rentFen: 0, period: "month",
                                        decision: "D-L", signed: "2024-12-20")]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.contractWithoutDecision, "K-1", found, &problems) else { return problems }
            if !Fid.facts(f).contains("decision_after_act") { problems.append("facts: \(Fid.facts(f))") }
            if Fid.value(f, "decision_after_act", "act") != .text("contract_signed") { problems.append("act: \(String(describing: Fid.value(f, "decision_after_act", "act")))") }
            if Adapter.status(f) != "ratified" { problems.append("status \(Adapter.status(f) ?? "open")") }
            return problems
        }
        add(7, "use started before the decision", "2025-02-15",
            [laterOperate, Fid.use("U1", "2025-01-01", authority: #"{"decision_id":"D-L"}"#)]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.useWithoutAuthority, "A-1", found, &problems) else { return problems }
            if !Fid.facts(f).contains("decision_after_act") { problems.append("facts: \(Fid.facts(f))") }
            if Fid.value(f, "decision_after_act", "act") != .text("use_started") { problems.append("act: \(String(describing: Fid.value(f, "decision_after_act", "act")))") }
            return problems
        }
        add(7, "transfer before the decision", "2025-02-15",
            [Mini.decision("D-L", "2025-02-01", "other_major", "2400.00", 240, "2400.00", 240), piIncome,
             Mini.event("T1", "fund.transfer", "2025-01-05", #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":100,"voucher":"T1","decision_id":"D-L"}"#)]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.transferWithoutDecision, "F-PI", found, &problems) else { return problems }
            if !Fid.facts(f).contains("decision_after_act") { problems.append("facts: \(Fid.facts(f))") }
            if Fid.value(f, "decision_after_act", "act") != .text("moved") { problems.append("act: \(String(describing: Fid.value(f, "decision_after_act", "act")))") }
            return problems
        }

        // 8. A decision on an unrelated matter authorises neither spending of public income nor a use.
        let committee = Mini.decision("D-C", "2024-11-01", "committee", "2400.00", 240, "2400.00", 240)
        add(8, "public-income spending citing the committee election", "2025-02-01",
            [committee, piIncome, Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 100, decision: "D-C")]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.spendingWithoutDecision, "F-PI", found, &problems) else { return problems }
            if !Fid.facts(f).contains("decision_wrong_matter") { problems.append("facts: \(Fid.facts(f))") }
            return problems
        }
        add(8, "public-income spending under an other-major decision", "2025-02-01",
            [Mini.decision("D-O", "2024-11-01", "other_major", "2400.00", 240, "2400.00", 240), piIncome,
             Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 100, decision: "D-O")],
            Fid.none(.spendingWithoutDecision, "F-PI"))
        add(8, "a use citing the committee election", "2025-02-01",
            [committee, Fid.use("U1", "2025-01-01", user: "业主老年协会", purpose: "老年活动", authority: #"{"decision_id":"D-C"}"#)]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.useWithoutAuthority, "A-1", found, &problems) else { return problems }
            if !Fid.facts(f).contains("decision_wrong_matter") { problems.append("facts: \(Fid.facts(f))") }
            return problems
        }

        // 9. Findings from one record reference each other; FUND-06 says when the overdraft ended.
        let capped = Mini.decision("D-CAP", "2024-11-01", "other_major", "2400.00", 240, "2400.00", 240, authorises: #"{"amount_cap_fen":50000}"#)
        add(9, "overdraft and over-cap spending from one payment", "2025-02-01",
            [capped, gvIncome, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 60_000, decision: "D-CAP")]) { found in
            var problems: [String] = []
            guard let over = Fid.one(.spendingBeyondAuthority, "D-CAP", found, &problems),
                  let overdrawn = Fid.one(.fundOverdrawn, "F-GV", found, &problems) else { return problems }
            if !Adapter.areRelated(over, overdrawn, in: found) { problems.append("FUND-04 and FUND-06 are not linked") }
            return problems
        }
        add(9, "late and overdue disclosure of one fund", "2024-12-31",
            [Fid.disclosure("P1", "2024-04-02", funds: ["F-PI"], from: "2024-01-01", to: "2024-03-31")]) { found in
            let list = Fid.of(.disclosureOverdue, "F-PI", in: found)
            guard list.count == 2 else { return ["expected a late and an overdue FUND-08 on F-PI, found \(list.map(Fid.facts))"] }
            return Adapter.areRelated(list[0], list[1], in: found) ? [] : ["the two FUND-08 findings are not linked"]
        }
        add(9, "FUND-06 says when the overdraft ended", "2025-03-01",
            [Mini.okDecision, gvIncome, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 20_000, decision: "D-OK"),
             Fid.income("I-GV2", "2025-02-01", fund: "F-GV", fen: 50_000)]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.fundOverdrawn, "F-GV", found, &problems) else { return problems }
            if Fid.value(f, "overdraft_ended", "ended_on") != .date(CalendarDate(iso: "2025-02-01")!) { problems.append("facts: \(f.facts)") }
            if Adapter.status(f) != "ended" { problems.append("status \(Adapter.status(f) ?? "open")") }
            return problems
        }
        add(9, "an overdraft still running has no end", "2025-03-01",
            [Mini.okDecision, gvIncome, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 20_000, decision: "D-OK")]) { found in
            var problems: [String] = []
            guard let f = Fid.one(.fundOverdrawn, "F-GV", found, &problems) else { return problems }
            if Fid.facts(f) .contains("overdraft_ended") || Adapter.status(f) != nil { problems.append("ended? \(f.facts)") }
            return problems
        }
        return c
    }()

    @Test(arguments: cases)
    func fidelity(_ c: FidelityCase) throws {
        let records = try SampleRecords.records(lines: Mini.base + c.lines)
        let scope = RectificationScope(asOf: CalendarDate(iso: c.asOf)!)
        let found = Rectifier.check(records: records, scope: scope, policy: Policy()).findings
        let problems = c.check(found)
        #expect(problems.isEmpty, "item \(c.item) \(c.name): \(problems.joined(separator: "; "))")
    }
}

extension String {
    /// A decision line with `valid_until` added to its data.
    func replacingValidUntil(_ date: String) -> String {
        var s = self
        s.removeLast(2)
        return s + #","valid_until":"\#(date)"}}"#
    }

    /// Moves a `2024-MM-DD` date into 2025 when `next` is true (for month sequences that cross the year).
    func replacingYear(_ next: Bool) -> String { next ? "2025" + dropFirst(4) : self }
}
