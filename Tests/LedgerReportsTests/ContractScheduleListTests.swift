import LedgerEvents
import LedgerProjections
@testable import LedgerReports
import LedgerTestSupport
import Testing

/// Review 40h (rectify40's leftover): `ledger contracts --format json` printed every instalment to a contract's end —
/// some 96,000 for a monthly term to 9999, 4 MB for one contract. It now lists those due on or before the as-of date
/// and the next three (`instalmentsAhead`), with the term's count (`schedule_count`) and the sum of the instalments
/// due after the as-of date (`rent_to_come`); the other fields keep their meaning.
@Suite struct ContractScheduleListTests {
    /// K-9 from `start` to `end` at 100.00 a `period`, beside the `WordingTests` base (K-1 rents A-1 for 2025).
    static func contract(start: String, end: String, period: String) -> String {
        #"{"id":"k9","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-9","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"\#(start)","end_on":"\#(end)","rent_fen":10000,"rent_period":"\#(period)","payee_fund_id":"F-PI"}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let start: String, end: String, period: String
        let asOf: String
        /// The due days listed, the term's count, and the rent after the as-of date in yuan.
        let listed: [String]
        let count: Int64
        let toCome: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "monthly to 9999: due ones and the next three", start: "2025-01-01", end: "9999-12-31", period: "month",
             asOf: "2025-03-15", listed: ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"],
             count: 95_700, toCome: "9569700.00"),
        Case(name: "ending within the next three", start: "2025-01-01", end: "2025-04-30", period: "month", asOf: "2025-03-15",
             listed: ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"], count: 4, toCome: "100.00"),
        Case(name: "not yet begun: the first three", start: "2026-01-31", end: "2027-12-31", period: "quarter", asOf: "2025-03-15",
             listed: ["2026-01-31", "2026-04-30", "2026-07-31"], count: 8, toCome: "800.00"),
        Case(name: "ended: every instalment, none to come", start: "2024-01-01", end: "2024-12-31", period: "year", asOf: "2025-03-15",
             listed: ["2024-01-01"], count: 1, toCome: "0.00"),
        Case(name: "paid once, not yet due", start: "2025-06-01", end: "2025-12-31", period: "once", asOf: "2025-03-15",
             listed: ["2025-06-01"], count: 1, toCome: "100.00"),
    ]

    @Test(arguments: cases)
    func theScheduleListsTheDueInstalmentsAndTheNextFew(_ c: Case) throws {
        let (p, _) = try WordingTests.projection([Self.contract(start: c.start, end: c.end, period: c.period)], asOf: c.asOf)
        let bytes = ProjectionReports.contracts(p, filter: EntityFilter(), format: .json)
        // A term to 9999 no longer makes megabytes (each listed instalment is some 40 bytes).
        #expect(bytes.count < 8_000, "\(bytes.count) bytes")
        guard case .object(let top) = try JSONParser.parse(bytes), case .array(let lines)? = top["contracts"] else {
            Issue.record("not a contracts report"); return
        }
        let line = try #require(lines.compactMap { line -> [String: JSONValue]? in
            guard case .object(let o) = line, o["contract_id"] == .string("K-9") else { return nil }
            return o
        }.first)
        guard case .array(let schedule)? = line["schedule"] else { Issue.record("no schedule"); return }
        let days = schedule.compactMap { entry -> String? in
            guard case .object(let o) = entry, case .string(let day)? = o["due_on"] else { return nil }
            return day
        }
        #expect(days == c.listed)
        #expect(line["schedule_count"] == .integer(c.count))
        #expect(line["rent_to_come"] == .string(c.toCome))
        // The existing figures keep their meaning: rent expected is the instalments due by the as-of date.
        let view = try #require(p.view(ofContract: "K-9"))
        #expect(line["rent_expected"] == .string(view.rentExpected.yuanText))
        #expect(Int64(view.schedule.count) == c.count)
    }
}
