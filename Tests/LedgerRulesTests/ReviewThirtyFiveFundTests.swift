import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// The two fund readings the review of session 35 found wrong (on `Mini`):
/// - FUND-05 had no remedy: money paid back into the fund (`fund.income` of category `refund`, 退回款项) left the
///   finding open for ever, and a closed key came back as 反弹. Refunds into the same fund dated on or after a flagged
///   spending now recover it, shared over the fund's flagged spendings in date order;
/// - FUND-08 counted three months from a quarter's last day to the same day number (09-30 → 12-30), so an office
///   disclosing at every quarter's end was one day late each year. A month's last day now counts to the last day of
///   the month N months later (09-30 → 12-31); other days are unchanged (09-15 → 12-15).
@Suite struct ReviewThirtyFiveFundTests {
    // MARK: FUND-05 recovered

    /// A maintenance-fund spending of `fen` for the property company's contractual duty (日常维护).
    static func duty(_ id: String, _ date: String, fen: Int, extra: String = "") -> String {
        Mini.spending(id, date, fen: fen, decision: "D-MF", category: "service_contract_duty", extra: extra)
    }
    /// Money paid back into `fund` (the maintenance fund by default) under `category`.
    static func refund(_ id: String, _ date: String, fen: Int, fund: String = "F-MF", category: String = "refund") -> String {
        Mini.event(id, "fund.income", date,
                   #"{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某物业服务有限公司","voucher":"V-\#(id)","category":"\#(category)"}"#)
    }
    /// A decision to use the maintenance fund that passes, so that FUND-05 is the only rule about the spendings.
    static let useDecision = Mini.decision("D-MF", "2025-12-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240)

    /// One FUND-05 case: the ledger, the check date, and for each flagged spending (by its event id) how it stands.
    struct RecoveryCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// Spending id → expected state.
        let expected: [String: Expected]
        var testDescription: String { name }
    }

    enum Expected: Sendable, Equatable {
        /// Open, nothing recovered.
        case open
        /// Open, `recovered` fen back from `records`, `outstanding` fen still to recover.
        case partly(recovered: Int64, outstanding: Int64, records: [String])
        /// Recovered on `on`, the whole `amount` from `records`.
        case recovered(on: String, amount: Int64, records: [String])
    }

    static let recoveryCases: [RecoveryCase] = {
        var c: [RecoveryCase] = []
        func add(_ name: String, _ asOf: String, _ expected: [String: Expected], _ lines: [String]) {
            c.append(RecoveryCase(name: name, lines: [useDecision] + lines, asOf: asOf, expected: expected))
        }
        let spent = duty("S1", "2026-01-10", fen: 800_000)
        add("no refund: open", "2026-03-31", ["S1": .open], [spent])
        add("the whole amount refunded on 2026-03-01: recovered that day", "2026-03-31",
            ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"])], [spent, refund("R1", "2026-03-01", fen: 800_000)])
        add("still open the day before the refund", "2026-02-28", ["S1": .open], [spent, refund("R1", "2026-03-01", fen: 800_000)])
        add("recovered on the refund's own day", "2026-03-01",
            ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"])], [spent, refund("R1", "2026-03-01", fen: 800_000)])
        for word in ["退款", "退回", "追回", "返还", "退还", "退回款项", "Refund"] {
            add("a refund recorded as \(word)", "2026-03-31",
                ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"])],
                [spent, refund("R1", "2026-03-01", fen: 800_000, category: word)])
        }
        add("part refunded: open, stating what is still to recover", "2026-03-31",
            ["S1": .partly(recovered: 500_000, outstanding: 300_000, records: ["R1"])], [spent, refund("R1", "2026-03-01", fen: 500_000)])
        add("two refunds that together cover it: recovered on the second's day", "2026-04-30",
            ["S1": .recovered(on: "2026-04-15", amount: 800_000, records: ["R1", "R2"])],
            [spent, refund("R1", "2026-03-01", fen: 500_000), refund("R2", "2026-04-15", fen: 300_000)])
        add("more refunded than spent: recovered, the rest is income", "2026-03-31",
            ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"])], [spent, refund("R1", "2026-03-01", fen: 900_000)])
        add("a refund dated before the spending recovers nothing", "2026-03-31", ["S1": .open],
            [refund("R0", "2026-01-05", fen: 800_000), spent])
        add("a refund into another fund recovers nothing", "2026-03-31", ["S1": .open],
            [spent, refund("R1", "2026-03-01", fen: 800_000, fund: "F-PI")])
        add("income of another category recovers nothing (其他)", "2026-03-31", ["S1": .open],
            [spent, refund("R1", "2026-03-01", fen: 800_000, category: "other")])
        // Shared in date order: the earliest spending takes from the earliest refund dated on or after it.
        add("one refund, two spendings: the earlier is recovered", "2026-03-31",
            ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"]), "S2": .open],
            [spent, duty("S2", "2026-02-10", fen: 200_000), refund("R1", "2026-03-01", fen: 800_000)])
        add("one refund covering two spendings: both recovered", "2026-03-31",
            ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"]),
             "S2": .recovered(on: "2026-03-01", amount: 200_000, records: ["R1"])],
            [spent, duty("S2", "2026-02-10", fen: 200_000), refund("R1", "2026-03-01", fen: 1_000_000)])
        add("a refund shared: the rest of it goes to the later spending", "2026-03-31",
            ["S1": .recovered(on: "2026-03-01", amount: 800_000, records: ["R1"]),
             "S2": .partly(recovered: 100_000, outstanding: 100_000, records: ["R1"])],
            [spent, duty("S2", "2026-02-10", fen: 200_000), refund("R1", "2026-03-01", fen: 900_000)])
        add("a refund between two spendings serves only the earlier", "2026-03-31",
            ["S1": .recovered(on: "2026-01-20", amount: 800_000, records: ["R1"]), "S2": .open],
            [spent, refund("R1", "2026-01-20", fen: 1_000_000), duty("S2", "2026-02-10", fen: 200_000)])
        add("the later refund left for the later spending", "2026-03-31",
            ["S1": .recovered(on: "2026-01-20", amount: 800_000, records: ["R1"]),
             "S2": .recovered(on: "2026-03-01", amount: 200_000, records: ["R2"])],
            [spent, refund("R1", "2026-01-20", fen: 800_000), duty("S2", "2026-02-10", fen: 200_000),
             refund("R2", "2026-03-01", fen: 200_000)])
        return c
    }()

    static func findings(_ lines: [String], asOf: String) throws -> [Finding] {
        try Mini.findings(lines, asOf: asOf, rule: .maintenanceProhibitedPurpose)
    }

    /// The number (seq) in the log of the record `eventID` among a finding's records, as text; "?" when it is none.
    static func number(_ eventID: String, in f: Finding) -> String {
        f.evidence.first { $0.eventID == eventID }.map { String($0.seq) } ?? "?"
    }

    @Test(arguments: recoveryCases)
    func refundsRecoverFlaggedSpending(_ c: RecoveryCase) throws {
        let found = try Self.findings(c.lines, asOf: c.asOf)
        #expect(Set(found.map { $0.subjectIDs.first ?? "" }) == Set(c.expected.keys), "flagged spendings")
        for f in found {
            let spending = f.subjectIDs.first ?? ""
            let recovered = f.facts.first { $0.key == .moneyRecovered }
            let partly = f.facts.first { $0.key == .moneyPartlyRecovered }
            switch c.expected[spending] {
            case .open?:
                #expect(f.isOpen && recovered == nil && partly == nil, "\(spending): \(f.facts)")
                #expect(f.action == .recoverFromLiable)
            case .partly(let back, let outstanding, let records)?:
                #expect(f.isOpen && recovered == nil, "\(spending)")
                #expect(partly?["recovered"] == .amount(Amount(fen: back)), "\(spending)")
                #expect(partly?["outstanding"] == .amount(Amount(fen: outstanding)), "\(spending)")
                #expect(partly?["records"] == .texts(records), "\(spending)")
                // (session 36) The sentence cites the refunds by their numbers in the log, as the records column.
                #expect(partly?["record_nos"] == .texts(records.map { Self.number($0, in: f) }), "\(spending)")
                #expect(partly?["vouchers"] == .texts(records.map { "V-" + $0 }), "\(spending)")
                #expect(f.action == .recoverFromLiable)
            case .recovered(let on, let amount, let records)?:
                #expect(f.resolution?.kind == .recovered, "\(spending): \(f.facts)")
                #expect(f.resolution?.on == CalendarDate(iso: on)!, "\(spending)")
                #expect(f.resolution?.evidence.eventID == records.last, "\(spending)")
                #expect(recovered?["amount"] == .amount(Amount(fen: amount)), "\(spending)")
                #expect(recovered?["records"] == .texts(records), "\(spending)")
                #expect(recovered?["record_nos"] == .texts(records.map { Self.number($0, in: f) }), "\(spending)")
                #expect(recovered?["recovered_on"] == .date(CalendarDate(iso: on)!), "\(spending)")
                #expect(f.action == .moneyRecovered)
                // The refunds are among the records the finding cites.
                #expect(Set(records).isSubset(of: Set(f.evidence.map(\.eventID))), "\(spending)")
            case nil:
                Issue.record("unexpected FUND-05 on \(spending)")
            }
        }
    }

    /// The key is the spending's, before and after the refund: an issued key is not lost, it goes to 待复核 and
    /// stays 已销号 once closed (not 反弹, and not open for `--issue` to hand out again).
    @Test func anIssuedKeyGoesToVerifyAndStaysClosed() throws {
        let lines = [Self.useDecision, Self.duty("S1", "2026-01-10", fen: 800_000), Self.refund("R1", "2026-03-01", fen: 800_000)]
        let before = try Self.findings(lines, asOf: "2026-02-01")
        let key = try #require(before.first?.key)
        #expect(key == "FUND-05/F-MF/S1/2026-01-10")
        let issued = RectificationLoopTests.event("2026-02-01", .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: RectificationLoopTests.date("2026-02-01"), atSeq: 9,
            reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
            preparedOn: RectificationLoopTests.date("2026-02-01"),
            items: [IssuedItem(key: key, responsible: "业主委员会", deadline: RectificationLoopTests.date("2026-03-03"))])), seq: 1001)
        func status(_ asOf: String, _ events: [LoopEvent]) throws -> LoopStatus? {
            let ledger = RectificationLedger(rectification: try RectificationLoopTests.rectification(lines, asOf: asOf),
                                             loop: RectificationLoop(events: events))
            return RectificationLoopTests.status(ledger, key)
        }
        #expect(try status("2026-02-28", [issued]) == .issued)
        #expect(try status("2026-03-31", [issued]) == .toVerify)
        let reported = RectificationLoopTests.reported("2026-03-05", [key], seq: 1002)
        let closed = RectificationLoopTests.verified("2026-03-10", [key], .closed, seq: 1003)
        #expect(try status("2026-03-31", [issued, reported, closed]) == .closed)
        #expect(try status("2027-01-31", [issued, reported, closed]) == .closed)
        let after = try Self.findings(lines, asOf: "2027-01-31")
        #expect(after.map(\.key) == [key] && after.allSatisfy { !$0.isOpen })
    }

    /// A spending both of a forbidden category and on a part under warranty has two FUND-05 findings: the one
    /// recovery ends both.
    @Test func oneRecoveryEndsEveryGroundOfTheSpending() throws {
        let part = Mini.event("AW", "asset.registered", "2023-12-01",
            #"{"asset_id":"A-W","community_id":"C-T","kind":"other","name":"电梯","location":"1号楼","area_m2":"1.00","registered_on":"2023-12-01","source":{"kind":"manual"},"attributes":{"warranty_end":"2027-12-31"}}"#)
        let lines = [Self.useDecision, part, Self.duty("S1", "2026-01-10", fen: 800_000, extra: #","asset_ids":["A-W"]"#),
                     Self.refund("R1", "2026-03-01", fen: 800_000)]
        let found = try Self.findings(lines, asOf: "2026-03-31")
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.resolution?.kind == .recovered && $0.facts.contains { $0.key == .moneyRecovered } })
        #expect(Set(found.map(\.key)) == ["FUND-05/F-MF/S1/2026-01-10", "FUND-05/F-MF/S1/A-W/2026-01-10"])
    }

    /// 退款 and its words are income only: a spending purpose of them is not this category.
    @Test func refundIsAnIncomeCategory() {
        for word in ["refund", "退回款项", "退款", "退回", "退还", "返还", "追回", "追回款项"] {
            #expect(CategoryVocabulary.code(for: word, direction: .income) == "refund", "\(word)")
            #expect(CategoryVocabulary.code(for: word, direction: .spending) == nil, "\(word)")
        }
        #expect(CategoryVocabulary.category("refund")?.direction == .income)
    }

    // MARK: FUND-08 due dates

    /// One due-date case: fund F-X of `kind` opened ten days before a disclosure on `disclosed` (covering from the
    /// opening, so there is no gap), and the day the next disclosure is due.
    struct DueCase: Sendable, CustomTestStringConvertible {
        let disclosed: String
        let months: Int
        let due: String
        var testDescription: String { "\(disclosed) + \(months) months: due by \(due)" }
    }

    static let dueCases: [DueCase] = [
        // A month's last day: the last day of the month N months later (月末对应月末).
        DueCase(disclosed: "2025-03-31", months: 3, due: "2025-06-30"),
        DueCase(disclosed: "2025-06-30", months: 3, due: "2025-09-30"),
        DueCase(disclosed: "2025-09-30", months: 3, due: "2025-12-31"),
        DueCase(disclosed: "2025-12-31", months: 3, due: "2026-03-31"),
        DueCase(disclosed: "2025-02-28", months: 3, due: "2025-05-31"),
        DueCase(disclosed: "2024-02-29", months: 3, due: "2024-05-31"),
        DueCase(disclosed: "2024-11-30", months: 3, due: "2025-02-28"),
        DueCase(disclosed: "2027-11-30", months: 3, due: "2028-02-29"),
        DueCase(disclosed: "2024-01-31", months: 1, due: "2024-02-29"),
        DueCase(disclosed: "2025-01-31", months: 1, due: "2025-02-28"),
        DueCase(disclosed: "2024-04-30", months: 1, due: "2024-05-31"),
        DueCase(disclosed: "2025-06-30", months: 6, due: "2025-12-31"),
        DueCase(disclosed: "2024-08-31", months: 6, due: "2025-02-28"),
        DueCase(disclosed: "2024-06-30", months: 12, due: "2025-06-30"),
        DueCase(disclosed: "2024-02-29", months: 12, due: "2025-02-28"),
        // Any other day: the same day N months later, or the month's last day when it has none (unchanged).
        DueCase(disclosed: "2025-09-15", months: 3, due: "2025-12-15"),
        DueCase(disclosed: "2025-09-29", months: 3, due: "2025-12-29"),
        DueCase(disclosed: "2025-12-30", months: 3, due: "2026-03-30"),
        DueCase(disclosed: "2024-02-28", months: 3, due: "2024-05-28"),
        DueCase(disclosed: "2025-01-30", months: 1, due: "2025-02-28"),
        DueCase(disclosed: "2024-01-29", months: 1, due: "2024-02-29"),
        DueCase(disclosed: "2024-11-29", months: 3, due: "2025-02-28"),
        DueCase(disclosed: "2025-08-30", months: 6, due: "2026-02-28"),
    ]

    static func fundX(_ opened: String, kind: String = "public_income") -> String {
        Mini.event("FX", "fund.opened", opened, #"{"fund_id":"F-X","community_id":"C-T","kind":"\#(kind)","account":"X"}"#)
    }
    static func disclosure(_ id: String, _ published: String, from: String, to: String) -> String {
        Mini.event(id, "disclosure.published", published,
                   #"{"community_id":"C-T","fund_ids":["F-X"],"period_from":"\#(from)","period_to":"\#(to)","location":"公示栏"}"#)
    }
    /// The FUND-08 findings on F-X, `months` the policy's months for public income.
    static func fund08(_ lines: [String], asOf: String, months: Int = 3) throws -> [Finding] {
        var policy = Policy()
        policy.disclosureMonths["public_income"] = months
        return try Mini.findings(lines, asOf: asOf, rule: .disclosureOverdue, policy: policy).filter { $0.itemID == "F-X" }
    }

    @Test(arguments: dueCases)
    func theNextDisclosureIsDueByTheCountedDay(_ c: DueCase) throws {
        let day = CalendarDate(iso: c.disclosed)!, due = CalendarDate(iso: c.due)!
        let opened = day.adding(days: -10).description
        let lines = [Self.fundX(opened), Self.disclosure("P1", c.disclosed, from: opened, to: c.disclosed)]
        // On the due date nothing is overdue; the day after, the fund is overdue from that day, due by `due`.
        #expect(try Self.fund08(lines, asOf: c.due, months: c.months).isEmpty)
        let overdue = try Self.fund08(lines, asOf: due.adding(days: 1).description, months: c.months)
        #expect(overdue.map(\.key) == ["FUND-08/F-X/\(due.adding(days: 1))"])
        #expect(overdue.first?.facts.first?["due_on"] == .date(due))
        // A disclosure on the due date is on time; one a day later is late by one day.
        let onTime = lines + [Self.disclosure("P2", c.due, from: c.disclosed, to: c.due)]
        #expect(try Self.fund08(onTime, asOf: c.due, months: c.months).isEmpty)
        let late = lines + [Self.disclosure("P2", due.adding(days: 1).description, from: c.disclosed, to: due.adding(days: 1).description)]
        let lateFindings = try Self.fund08(late, asOf: due.adding(days: 1).description, months: c.months)
        #expect(lateFindings.map { $0.facts.first?.key } == [.disclosedLate])
        #expect(lateFindings.first?.facts.first?["days"] == .integer(1))
    }

    /// The fund's opening counts the same way: opened on a month's last day and never disclosed.
    @Test(arguments: [("2025-06-30", "2025-09-30"), ("2025-09-30", "2025-12-31"), ("2024-11-30", "2025-02-28"), ("2025-09-15", "2025-12-15")])
    func theFirstDisclosureIsDueByTheCountedDay(_ opened: String, _ due: String) throws {
        let lines = [Self.fundX(opened)]
        #expect(try Self.fund08(lines, asOf: due).isEmpty)
        let next = CalendarDate(iso: due)!.adding(days: 1)
        let overdue = try Self.fund08(lines, asOf: next.description)
        #expect(overdue.map { $0.facts.first?.key } == [.neverDisclosed])
        #expect(overdue.first?.facts.first?["due_on"] == .date(CalendarDate(iso: due)!))
    }

    /// The review's community: a quarterly disclosure on each quarter's last day, each covering its quarter, is
    /// never late (it was 迟延1天 on 2025-12-31), and the next is due by 2026-03-31.
    @Test func quarterEndDisclosuresAreOnTime() throws {
        // Opened on 2024-12-31: the first quarter's disclosure covers that day too, so nothing is left out.
        var lines = [Self.fundX("2024-12-31")]
        for (n, (from, to)) in [("2024-12-31", "2025-03-31"), ("2025-04-01", "2025-06-30"), ("2025-07-01", "2025-09-30"),
                                ("2025-10-01", "2025-12-31")].enumerated() {
            lines.append(Self.disclosure("Q\(n + 1)", to, from: from, to: to))
        }
        let onTime = try Self.fund08(lines, asOf: "2026-03-31")
        #expect(onTime.isEmpty, "\(onTime.map { ($0.key, $0.facts) })")
        let overdue = try Self.fund08(lines, asOf: "2026-04-01")
        #expect(overdue.map(\.key) == ["FUND-08/F-X/2026-04-01"], "\(overdue.map { ($0.key, $0.facts) })")
    }
}
