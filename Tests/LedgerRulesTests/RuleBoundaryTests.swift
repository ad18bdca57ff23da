import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// A small ledger for one rule case: community C-T (3000.00 m², 300 owners), funds F-PI (public income), F-MF
/// (maintenance) and F-GV (governance) opened 2024-01-01, parking space A-1 (10.00 m²) registered 2023-12-01.
enum Mini {
    static let base = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b3","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-MF","community_id":"C-T","kind":"maintenance","account":"MF"}}"#,
        #"{"id":"b4","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-GV","community_id":"C-T","kind":"governance","account":"GV"}}"#,
        #"{"id":"b5","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
        #"{"id":"b6","type":"fund.income","occurred_on":"2024-01-01","data":{"fund_id":"F-MF","amount_fen":100000000,"counterparty":"中心","voucher":"V0","category":"deposit"}}"#,
    ]

    /// A decision line: `matter`, participating area/owners, approving area/owners, optional extra authorises JSON.
    static func decision(_ id: String, _ date: String, _ matter: String, _ pArea: String, _ pOwners: Int, _ yArea: String,
                         _ yOwners: Int, authorises: String = "{}") -> String {
        #"{"id":"\#(id)","type":"decision.recorded","occurred_on":"\#(date)","data":{"decision_id":"\#(id)","community_id":"C-T","matter":"\#(matter)","participating_area_m2":"\#(pArea)","participating_owners":\#(pOwners),"approving_area_m2":"\#(yArea)","approving_owners":\#(yOwners),"authorises":\#(authorises)}}"#
    }

    static func contract(_ id: String, start: String, end: String, rentFen: Int = 0, period: String = "month",
                         decision: String? = "D-OK", payee: String? = "F-PI", signed: String = "2024-12-01") -> String {
        var data = #""contract_id":"\#(id)","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"\#(start)","end_on":"\#(end)","rent_fen":\#(rentFen),"rent_period":"\#(period)""#
        if let decision { data += #","decision_id":"\#(decision)""# }
        if let payee { data += #","payee_fund_id":"\#(payee)""# }
        return #"{"id":"\#(id)","type":"contract.signed","occurred_on":"\#(signed)","data":{\#(data)}}"#
    }

    static func event(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
        #"{"id":"\#(id)","type":"\#(type)","occurred_on":"\#(date)","data":\#(data)}"#
    }

    static func spending(_ id: String, _ date: String, fund: String = "F-MF", fen: Int, decision: String? = nil,
                         category: String = "repair", extra: String = "") -> String {
        var data = #""fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某公司","voucher":"\#(id)","purpose":"维修","purpose_category":"\#(category)""#
        if let decision { data += #","decision_id":"\#(decision)""# }
        return event(id, "fund.spending", date, "{" + data + extra + "}")
    }

    /// A decision that passes any threshold.
    static let okDecision = decision("D-OK", "2024-11-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240)

    /// Findings of `rule` for the base ledger plus `lines`, as of `asOf`.
    static func findings(_ lines: [String], asOf: String, rule: RuleCode, policy: Policy = Policy()) throws -> [Finding] {
        let records = try SampleRecords.records(lines: base + lines)
        let scope = RectificationScope(asOf: CalendarDate(iso: asOf)!)
        return Rectifier.check(records: records, scope: scope, policy: policy).findings.filter { $0.rule == rule }
    }
}

/// One rule case: events, check date, the rule, and whether it must fire. Each boundary has a case on either side.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let lines: [String]
    let asOf: String
    let rule: RuleCode
    let flagged: Bool
    var testDescription: String { "\(rule.code) \(flagged ? "flags" : "passes") \(name)" }
}

@Suite struct RuleBoundaryTests {
    static let cases: [RuleCase] = {
        var c: [RuleCase] = []
        func add(_ name: String, _ rule: RuleCode, _ asOf: String, _ flagged: Bool, _ lines: [String]) {
            c.append(RuleCase(name: name, lines: lines, asOf: asOf, rule: rule, flagged: flagged))
        }
        // R4 quorum (≥ 2/3 of 3000.00 m² and of 300 owners) and 3/4 threshold, through an operating contract.
        func vote(_ pA: String, _ pO: Int, _ yA: String, _ yO: Int) -> [String] {
            [Mini.decision("D-V", "2024-11-01", "change_use_or_operate", pA, pO, yA, yO),
             Mini.contract("K-V", start: "2025-01-01", end: "2025-12-31", decision: "D-V")]
        }
        add("quorum area exactly 2/3", .contractDecisionFailed, "2025-06-30", false, vote("2000.00", 200, "1500.00", 150))
        add("quorum area 0.01 m² short", .contractDecisionFailed, "2025-06-30", true, vote("1999.99", 200, "1500.00", 150))
        add("quorum owners one short", .contractDecisionFailed, "2025-06-30", true, vote("2000.00", 199, "1500.00", 150))
        add("approving area 0.01 m² under 3/4", .contractDecisionFailed, "2025-06-30", true, vote("2000.00", 200, "1499.99", 150))
        add("approving owners one under 3/4", .contractDecisionFailed, "2025-06-30", true, vote("2000.00", 200, "1500.00", 149))
        add("contract under a majority-matter decision is still measured at 3/4", .contractDecisionFailed, "2025-06-30", true,
            [Mini.decision("D-M", "2024-11-01", "other_major", "2000.00", 200, "1400.00", 140),
             Mini.contract("K-V", start: "2025-01-01", end: "2025-12-31", decision: "D-M")])
        add("contract without decision", .contractWithoutDecision, "2025-06-30", true,
            [Mini.contract("K-V", start: "2025-01-01", end: "2025-12-31", decision: nil)])
        add("contract citing an unknown decision", .contractWithoutDecision, "2025-06-30", true,
            [Mini.contract("K-V", start: "2025-01-01", end: "2025-12-31", decision: "D-NONE")])
        // "过半数" is strictly more than half: maintenance-fund use.
        func use(_ yA: String, _ yO: Int) -> [String] {
            [Mini.decision("D-U", "2024-11-01", "maintenance_fund_use", "2000.00", 200, yA, yO),
             Mini.spending("S1", "2025-01-10", fen: 100_00, decision: "D-U")]
        }
        add("majority 0.01 m² and one owner over half", .spendingDecisionFailed, "2025-06-30", false, use("1000.01", 101))
        add("area exactly half", .spendingDecisionFailed, "2025-06-30", true, use("1000.00", 101))
        add("owners exactly half", .spendingDecisionFailed, "2025-06-30", true, use("1000.01", 100))
        // Idle (≥ 180 days, both ends counted): never used since registration on 2023-12-01.
        add("registered, 179 idle days", .idle, "2024-05-27", false, [])
        add("registered, 180 idle days", .idle, "2024-05-28", true, [])
        let ended = [Mini.okDecision,
                     Mini.event("U1", "use.started", "2024-01-01", #"{"use_id":"U1","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#),
                     Mini.event("U1e", "use.ended", "2025-01-01", #"{"use_id":"U1"}"#)]
        add("179 days after the last day in use", .idle, "2025-06-29", false, ended)
        add("180 days after the last day in use", .idle, "2025-06-30", true, ended)
        add("retired assets are never idle", .idle, "2025-06-30", false,
            [Mini.event("R1", "asset.retired", "2024-03-01", #"{"asset_id":"A-1","reason":"拆除"}"#)])
        // Utilisation (< 50%), 2024 is a leap year: window 2024-01-01…2024-12-31 has 366 days. The use ends the day
        // before the check date: one going on since a year idle is idleness ended, not low use (ReviewFortyFourRuleTests).
        func usedFrom(_ date: String) -> [String] {
            [Mini.okDecision, Mini.event("U2", "use.started", date, #"{"use_id":"U2","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#),
             Mini.event("U2e", "use.ended", "2024-12-30", #"{"use_id":"U2"}"#)]
        }
        add("used exactly 183 of 366 days (50%)", .lowUtilisation, "2024-12-31", false, usedFrom("2024-07-01"))
        add("used 182 of 366 days", .lowUtilisation, "2024-12-31", true, usedFrom("2024-07-02"))
        // Contract terms: policy cap 36 months, law 240 months; both ends of the term are included.
        add("exactly 36 months", .contractTermOverPolicy, "2025-06-30", false, [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2027-12-31")])
        add("36 months and a day", .contractTermOverPolicy, "2025-06-30", true, [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2028-01-01")])
        add("exactly 20 years", .contractTermOverLaw, "2025-06-30", false, [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2044-12-31")])
        add("20 years and a day", .contractTermOverLaw, "2025-06-30", true, [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2045-01-01")])
        add("no payee account", .contractTermsMissing, "2025-06-30", true, [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2025-12-31", payee: nil)])
        add("payee is the governance fund", .contractTermsMissing, "2025-06-30", true, [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2025-12-31", payee: "F-GV")])
        // One part let under two contracts (CON-08): both ends of a term are days in force; the second tenant differs.
        func secondTenant(start: String) -> String {
            Mini.contract("K-U", start: start, end: "2026-12-31", signed: "2025-03-01").replacingOccurrences(of: "某公司", with: "另一公司")
        }
        add("second contract begins the day after the first ends", .contractsOverlap, "2025-06-30", false,
            [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2025-12-31"), secondTenant(start: "2026-01-01")])
        add("second contract begins on the first one's end day", .contractsOverlap, "2025-06-30", true,
            [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2025-12-31"), secondTenant(start: "2025-12-31")])
        // Rent: due in advance, arrears after 30 days' grace: due 01-01, the grace is 01-02 … 01-31 ([CC] 201, 203).
        let rent = [Mini.okDecision, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31", rentFen: 100_000)]
        add("first rent within grace", .rentArrears, "2025-01-30", false, rent)
        add("first rent on the last day of grace (review 45b #3)", .rentArrears, "2025-01-31", false, rent)
        add("first rent the day after the grace", .rentArrears, "2025-02-01", true, rent)
        add("rent paid", .rentArrears, "2025-02-01", false,
            rent + [Mini.event("I1", "fund.income", "2025-01-05", #"{"fund_id":"F-PI","amount_fen":100000,"counterparty":"某公司","voucher":"R1","category":"parking","source":{"contract_id":"K-R"}}"#)])
        // Expired contract with the use going on.
        let expired = [Mini.okDecision, Mini.contract("K-E", start: "2025-01-01", end: "2025-03-31"),
                       Mini.event("U3", "use.started", "2025-01-01", #"{"use_id":"U3","asset_id":"A-1","user":"某公司","purpose":"停车","authority":{"contract_id":"K-E"}}"#)]
        add("use on the contract's last day", .contractExpiredStillUsed, "2025-03-31", false, expired)
        add("use the day after the contract ended", .contractExpiredStillUsed, "2025-04-01", true, expired)
        add("expired contract is not also use without authority", .useWithoutAuthority, "2025-04-01", false, expired)
        // Occupation.
        let occupied = [Mini.event("O1", "occupation.reported", "2025-01-01", #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}"#)]
        add("occupation open", .occupationNotCleared, "2025-02-01", true, occupied)
        add("occupation cleared", .occupationNotCleared, "2025-02-01", false,
            occupied + [Mini.event("O1c", "occupation.cleared", "2025-01-20", #"{"occupation_id":"O1"}"#)])
        let inspected = Mini.event("N1", "inspection.recorded", "2025-01-01", #"{"asset_id":"A-1","observed":"occupied","inspector":"王"}"#)
        add("latest inspection occupied", .inspectionFoundOccupied, "2025-02-01", true, [inspected])
        add("later inspection idle", .inspectionFoundOccupied, "2025-02-01", false,
            [inspected, Mini.event("N2", "inspection.recorded", "2025-01-15", #"{"asset_id":"A-1","observed":"idle","inspector":"王"}"#)])
        add("use without any authority", .useWithoutAuthority, "2025-02-01", true,
            [Mini.event("U4", "use.started", "2025-01-01", #"{"use_id":"U4","asset_id":"A-1","user":"某人","purpose":"停车","authority":{}}"#)])
        add("use under a decision that failed", .useWithoutAuthority, "2025-02-01", true,
            [Mini.decision("D-F", "2024-11-01", "change_use_or_operate", "1000.00", 100, "1000.00", 100),
             Mini.event("U4", "use.started", "2025-01-01", #"{"use_id":"U4","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-F"}}"#)])
        // Change of use: A-1 was registered without a use column, so its first value is its lawful use (no change).
        let first = Mini.event("C0", "asset.updated", "2024-12-01", #"{"asset_id":"A-1","changes":{"attributes":{"用途":"停车"}},"source":{"kind":"manual"}}"#)
        let change = Mini.event("C1", "asset.updated", "2025-01-10", #"{"asset_id":"A-1","changes":{"attributes":{"用途":"仓库"}},"source":{"kind":"manual"}}"#)
        add("use column first given", .changeOfUseWithoutDecision, "2025-02-01", false, [first])
        add("use column changed without decision", .changeOfUseWithoutDecision, "2025-02-01", true, [first, change])
        add("use column changed under a 3/4 decision naming the asset", .changeOfUseWithoutDecision, "2025-02-01", false,
            [first, Mini.decision("D-C", "2025-01-05", "change_use_or_operate", "2000.00", 200, "1500.00", 150, authorises: #"{"asset_ids":["A-1"]}"#), change])
        // Spending.
        add("maintenance spending without decision", .spendingWithoutDecision, "2025-02-01", true, [Mini.spending("S2", "2025-01-10", fen: 100)])
        add("emergency disclosed on its due day", .emergencyIncomplete, "2025-06-01", false,
            [Mini.spending("S3", "2025-03-01", fen: 100_00, extra: #","emergency":{"type":"电梯故障","evidence":"报告"}"#),
             Mini.event("P1", "disclosure.published", "2025-03-31", #"{"community_id":"C-T","fund_ids":["F-MF"],"period_from":"2025-03-01","period_to":"2025-03-31","location":"公示栏"}"#)])
        add("emergency disclosed a day late", .emergencyIncomplete, "2025-06-01", true,
            [Mini.spending("S3", "2025-03-01", fen: 100_00, extra: #","emergency":{"type":"电梯故障","evidence":"报告"}"#),
             Mini.event("P1", "disclosure.published", "2025-04-01", #"{"community_id":"C-T","fund_ids":["F-MF"],"period_from":"2025-03-01","period_to":"2025-03-31","location":"公示栏"}"#)])
        let capped = Mini.decision("D-CAP", "2024-11-01", "maintenance_fund_use", "2000.00", 200, "1500.00", 150, authorises: #"{"amount_cap_fen":100000}"#)
        add("spent exactly the cap", .spendingBeyondAuthority, "2025-06-01", false, [capped, Mini.spending("S4", "2025-01-10", fen: 60000, decision: "D-CAP"), Mini.spending("S5", "2025-02-10", fen: 40000, decision: "D-CAP")])
        add("spent a fen over the cap", .spendingBeyondAuthority, "2025-06-01", true, [capped, Mini.spending("S4", "2025-01-10", fen: 60000, decision: "D-CAP"), Mini.spending("S5", "2025-02-10", fen: 40001, decision: "D-CAP")])
        add("prohibited category", .maintenanceProhibitedPurpose, "2025-06-01", true, [Mini.okDecision, Mini.spending("S6", "2025-01-10", fen: 100, decision: "D-OK", category: "utility_facilities")])
        add("warranty not yet over", .maintenanceProhibitedPurpose, "2025-06-01", true,
            [Mini.okDecision, Mini.event("W1", "asset.updated", "2024-02-01", #"{"asset_id":"A-1","changes":{"attributes":{"warranty_end":"2025-01-10"}},"source":{"kind":"manual"}}"#),
             Mini.spending("S6", "2025-01-10", fen: 100, decision: "D-OK", extra: #","asset_ids":["A-1"]"#)])
        add("warranty over the day before", .maintenanceProhibitedPurpose, "2025-06-01", false,
            [Mini.okDecision, Mini.event("W1", "asset.updated", "2024-02-01", #"{"asset_id":"A-1","changes":{"attributes":{"warranty_end":"2025-01-09"}},"source":{"kind":"manual"}}"#),
             Mini.spending("S6", "2025-01-10", fen: 100, decision: "D-OK", extra: #","asset_ids":["A-1"]"#)])
        // Overdraft at the end of a day; order within the day does not matter.
        let income = Mini.event("I2", "fund.income", "2025-01-10", #"{"fund_id":"F-GV","amount_fen":10000,"counterparty":"业主","voucher":"G1","category":"contribution"}"#)
        add("spent all of it", .fundOverdrawn, "2025-06-01", false, [Mini.okDecision, Mini.spending("S7", "2025-01-10", fund: "F-GV", fen: 10000, decision: "D-OK"), income])
        add("spent a fen more", .fundOverdrawn, "2025-06-01", true, [Mini.okDecision, Mini.spending("S7", "2025-01-10", fund: "F-GV", fen: 10001, decision: "D-OK"), income])
        // Balance assertion.
        add("bank agrees", .balanceMismatch, "2025-06-01", false, [income, Mini.event("B1", "fund.balance_asserted", "2025-01-10", #"{"fund_id":"F-GV","balance_fen":10000,"statement_ref":"对账单"}"#)])
        add("bank differs by a fen", .balanceMismatch, "2025-06-01", true, [income, Mini.event("B1", "fund.balance_asserted", "2025-01-10", #"{"fund_id":"F-GV","balance_fen":9999,"statement_ref":"对账单"}"#)])
        // Disclosure every 3 months for public income, 12 for governance, from the opening on 2024-01-01.
        func disclosed(_ date: String) -> String {
            Mini.event("P-\(date)", "disclosure.published", date, #"{"community_id":"C-T","fund_ids":["F-PI","F-MF","F-GV"],"period_from":"2024-01-01","period_to":"2024-03-31","location":"公示栏"}"#)
        }
        add("first disclosure due today", .disclosureOverdue, "2024-04-01", false, [])
        add("first disclosure a day overdue", .disclosureOverdue, "2024-04-02", true, [])
        add("disclosed on the due date, next not yet due", .disclosureOverdue, "2024-07-01", false, [disclosed("2024-04-01")])
        add("disclosed a day late", .disclosureOverdue, "2024-07-01", true, [disclosed("2024-04-02")])
        // Operating income and transfers.
        let paid = [Mini.okDecision, Mini.contract("K-I", start: "2025-01-01", end: "2025-12-31")]
        add("contract income to public income", .incomeNotInOwnFund, "2025-06-01", false,
            paid + [Mini.event("I3", "fund.income", "2025-01-05", #"{"fund_id":"F-PI","amount_fen":100,"counterparty":"某公司","voucher":"X","category":"parking","source":{"contract_id":"K-I"}}"#)])
        add("contract income to the governance fund", .incomeNotInOwnFund, "2025-06-01", true,
            paid + [Mini.event("I3", "fund.income", "2025-01-05", #"{"fund_id":"F-GV","amount_fen":100,"counterparty":"某公司","voucher":"X","category":"parking","source":{"contract_id":"K-I"}}"#)])
        add("public income tops up maintenance fund", .transferWithoutDecision, "2025-06-01", false,
            [Mini.event("T1", "fund.transfer", "2025-01-05", #"{"from_fund_id":"F-PI","to_fund_id":"F-MF","amount_fen":100,"voucher":"T1"}"#)])
        add("maintenance fund moved to public income", .transferWithoutDecision, "2025-06-01", true,
            [Mini.event("T1", "fund.transfer", "2025-01-05", #"{"from_fund_id":"F-MF","to_fund_id":"F-PI","amount_fen":100,"voucher":"T1"}"#)])
        // Bank reconciliation of the maintenance fund at least every 12 months (FUND-11, [MF] 30, 31): money since
        // 2024-01-01, so due by 2025-01-01; a statement of 2024-06-30 moves it to 2025-06-30.
        add("money 12 months without a statement (due day)", .reconciliationOverdue, "2025-01-01", false, [])
        add("money 12 months and a day without a statement", .reconciliationOverdue, "2025-01-02", true, [])
        let statement = Mini.event("B1", "fund.balance_asserted", "2024-06-30", #"{"fund_id":"F-MF","balance_fen":100000000,"statement_ref":"BS-1"}"#)
        add("12 months after the last statement", .reconciliationOverdue, "2025-06-30", false, [statement])
        add("12 months and a day after the last statement", .reconciliationOverdue, "2025-07-01", true, [statement])
        return c
    }()

    @Test(arguments: cases)
    func boundary(_ c: RuleCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule)
        #expect(found.isEmpty != c.flagged, "\(c.rule.code) \(c.name): \(found.map { $0.facts.map(\.key.rawValue) })")
    }

    @Test func policyCapAllowsSmallSpendingButNeverFromTheMaintenanceFund() throws {
        var policy = try Policy.parse(Array(#"{"spending_without_decision_cap_fen": 500000}"#.utf8), sourceName: "p.json")
        #expect(try Mini.findings([Mini.spending("S8", "2025-01-10", fund: "F-GV", fen: 500000)], asOf: "2025-02-01",
                                  rule: .spendingWithoutDecision, policy: policy).isEmpty)
        #expect(try Mini.findings([Mini.spending("S8", "2025-01-10", fund: "F-GV", fen: 500001)], asOf: "2025-02-01",
                                  rule: .spendingWithoutDecision, policy: policy).count == 1)
        #expect(try Mini.findings([Mini.spending("S8", "2025-01-10", fund: "F-MF", fen: 100)], asOf: "2025-02-01",
                                  rule: .spendingWithoutDecision, policy: policy).count == 1)
        policy = Policy()
        #expect(try Mini.findings([Mini.spending("S8", "2025-01-10", fund: "F-GV", fen: 1)], asOf: "2025-02-01",
                                  rule: .spendingWithoutDecision, policy: policy).count == 1)
    }

    @Test func idleThresholdComesFromThePolicy() throws {
        let policy = try Policy.parse(Array(#"{"idle_days": 90}"#.utf8), sourceName: "p.json")
        // Registered 2023-12-01: 2024-02-27 is its 89th idle day, 2024-02-28 its 90th.
        #expect(try Mini.findings([], asOf: "2024-02-27", rule: .idle, policy: policy).isEmpty)
        #expect(try Mini.findings([], asOf: "2024-02-28", rule: .idle, policy: policy).count == 1)
    }

    /// With no grace, rent is in arrears from the day after it is due, not on the due day itself (review 45b #3).
    @Test func rentWithoutGraceIsInArrearsTheDayAfterItIsDue() throws {
        var policy = Policy()
        policy.rentGraceDays = 0
        let rent = [Mini.okDecision, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31", rentFen: 100_000)]
        #expect(try Mini.findings(rent, asOf: "2025-01-01", rule: .rentArrears, policy: policy).isEmpty)
        let found = try Mini.findings(rent, asOf: "2025-01-02", rule: .rentArrears, policy: policy)
        #expect(found.count == 1)
        #expect(found.first.map { RectificationLedger.presentSince($0, policy: policy) } == CalendarDate(iso: "2025-01-02"))
    }

    @Test func rentArrearsStatesAmountAndMonths() throws {
        let lines = [Mini.okDecision, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31", rentFen: 120_000),
                     Mini.event("I1", "fund.income", "2025-01-05", #"{"fund_id":"F-PI","amount_fen":120000,"counterparty":"某公司","voucher":"R1","category":"parking","source":{"contract_id":"K-R"}}"#)]
        let found = try Mini.findings(lines, asOf: "2025-05-30", rule: .rentArrears)
        #expect(found.count == 1)
        let fact = try #require(found.first?.facts.first)
        // Due by 2025-05-30 with 30 days' grace: January to April (4 × ¥1,200); paid ¥1,200 → 3 months in arrears.
        #expect(fact["arrears"] == .amount(Amount(fen: 360_000)))
        #expect(fact["months"] == .integer(3))
        #expect(fact["oldest_due_on"] == .date(CalendarDate(iso: "2025-02-01")!))
        // Dated the day the arrears began: the day after the oldest unpaid instalment's 30 days' grace (review 46a #7).
        #expect(found.first?.since == CalendarDate(iso: "2025-03-04")!)
    }

    @Test func everyRuleHasACase() {
        let covered = Set(Self.cases.filter(\.flagged).map(\.rule))
        let missing = RuleCode.allCases.filter { !covered.contains($0) && $0 != .lowIncome }
        #expect(missing.isEmpty, "rules without a flagging case: \(missing.map(\.code))")
    }
}

/// an old inspection that saw a part in use under a contract, or occupied by someone later cleared
/// away, must not hide the part from IDLE-01 for ever. It only stands in for use when an OCC rule reports it.
@Suite struct IdleInspectionTests {
    static func inspection(_ date: String, _ observed: String) -> String {
        Mini.event("N-\(date)", "inspection.recorded", date, #"{"asset_id":"A-1","observed":"\#(observed)","inspector":"王"}"#)
    }

    @Test func inUseInspectionExplainedByAnEndedContractDoesNotHideIdleness() throws {
        let lines = [Mini.okDecision, Mini.contract("K-1", start: "2024-01-01", end: "2024-06-30", signed: "2023-12-15"),
                     Self.inspection("2024-03-01", "in_use")]
        let idle = try Mini.findings(lines, asOf: "2025-06-30", rule: .idle)
        #expect(idle.count == 1)
        #expect(idle.first?.since == CalendarDate(iso: "2024-07-01"))
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .useWithoutAuthority).isEmpty)
    }

    @Test func occupiedInspectionWhoseOccupationWasClearedDoesNotHideIdleness() throws {
        let lines = [Self.inspection("2024-03-01", "occupied"),
                     Mini.event("O1", "occupation.reported", "2024-03-02", #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}"#),
                     Mini.event("O1c", "occupation.cleared", "2024-03-10", #"{"occupation_id":"O1"}"#)]
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .inspectionFoundOccupied).isEmpty)
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .idle).count == 1)
    }

    @Test func unexplainedInUseInspectionStillExcludesIdle() throws {
        // OCC-02 reports it; IDLE-01 must not report the same part as unused.
        let lines = [Self.inspection("2025-03-01", "in_use")]
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .useWithoutAuthority).count == 1)
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .idle).isEmpty)
    }
}

/// findings about one community must not depend on whether another community is in scope.
@Suite struct ScopeIndependenceTests {
    /// C-T's contract rent paid into a public-income fund of community C-O: FUND-09 belongs to C-T.
    static let lines = Mini.base + [
        #"{"id":"o1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-O","name":"另一小区","street":"S2","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"o2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-O","community_id":"C-O","kind":"public_income","account":"O"}}"#,
        Mini.okDecision,
        Mini.contract("K-X", start: "2025-01-01", end: "2025-12-31", rentFen: 100000),
        Mini.event("I-X", "fund.income", "2025-01-05", #"{"fund_id":"F-O","amount_fen":100000,"counterparty":"某公司","voucher":"R1","category":"parking","source":{"contract_id":"K-X"}}"#),
    ]

    func fund09(_ scope: RectificationScope) throws -> [Finding] {
        let records = try SampleRecords.records(lines: Self.lines)
        return Rectifier.check(records: records, scope: scope, policy: Policy()).findings.filter { $0.rule == .incomeNotInOwnFund }
    }

    @Test func incomeIntoOtherCommunityFundFlaggedWhateverTheScope() throws {
        let date = CalendarDate(iso: "2025-03-01")!
        let all = try fund09(RectificationScope(asOf: date))
        #expect(all.count == 1)
        #expect(all.first?.communityID == "C-T")
        let own = try fund09(RectificationScope(asOf: date, communityID: "C-T"))
        #expect(own.count == 1, "the contract's own community must see its rent going elsewhere")
        let street = try fund09(RectificationScope(asOf: date, street: "S"))
        #expect(street.count == 1)
        #expect(own == all && street == all)
    }
}
