import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 39b (a street office's reading of the loop), on the `Mini` ledger:
/// - FUND-06 of a fund made good and overdrawn again said 至今未补足 from the first overdraft: the fact now dates the
///   current stretch (`stretch_since`, given only when there were several);
/// - a key closed (销号) while the rules still found its problem read later as 反弹 (relapse): it is now 销号时问题仍在
///   (`closedWhilePresent`) when the problem found was there on the closure's day, 反弹 only when it began after;
/// - a 反弹 under another key than the one closed did not name that key: the entry carries it (`recurrenceOf`).
@Suite struct ReviewThirtyNineLoopTests {
    // MARK: 1. FUND-06's stretches

    /// Money into (positive) or out of (negative) the public-income fund F-PI on a day, by a receipt or a spending.
    static func move(_ id: String, _ date: String, _ fen: Int) -> String {
        if fen >= 0 {
            return Mini.event(id, "fund.income", date,
                              #"{"fund_id":"F-PI","amount_fen":\#(fen),"counterparty":"某公司","voucher":"V-\#(id)","category":"other"}"#)
        }
        return Mini.spending(id, date, fund: "F-PI", fen: -fen, decision: "D-PI")
    }
    /// A decision authorising spending from public income, so that FUND-06 is the only fund rule about it.
    static let spendDecision = Mini.decision("D-PI", "2024-06-01", "other_major", "2400.00", 240, "2400.00", 240)

    struct StretchCase: Sendable, CustomTestStringConvertible {
        let name: String
        let moves: [String]
        let asOf: String
        let since: String
        /// The current stretch's first day when the fund was made good and overdrawn again; nil for one stretch.
        let stretch: String?
        let lowest: Int64
        let lowestOn: String
        /// The day the last stretch ended, when the finding has ended.
        let endedOn: String?
        /// Event ids among the finding's records.
        let records: [String]
        var testDescription: String { name }
    }

    static let stretchCases: [StretchCase] = [
        StretchCase(name: "one stretch, still overdrawn", moves: [move("M1", "2025-01-05", -500)], asOf: "2025-03-31",
                    since: "2025-01-05", stretch: nil, lowest: -500, lowestOn: "2025-01-05", endedOn: nil, records: ["M1"]),
        StretchCase(name: "one stretch, made good", moves: [move("M1", "2025-01-05", -500), move("M2", "2025-02-01", 500)],
                    asOf: "2025-03-31", since: "2025-01-05", stretch: nil, lowest: -500, lowestOn: "2025-01-05",
                    endedOn: "2025-02-01", records: ["M1", "M2"]),
        StretchCase(name: "made good, overdrawn again: the second stretch dated",
                    moves: [move("M1", "2025-01-05", -500), move("M2", "2025-02-01", 500), move("M3", "2025-03-10", -200)],
                    asOf: "2025-03-31", since: "2025-01-05", stretch: "2025-03-10", lowest: -500, lowestOn: "2025-01-05",
                    endedOn: nil, records: ["M1", "M3"]),
        StretchCase(name: "second stretch deeper: its lowest and its first day",
                    moves: [move("M1", "2025-01-05", -500), move("M2", "2025-02-01", 500), move("M3", "2025-03-10", -200),
                            move("M4", "2025-03-20", -700)],
                    asOf: "2025-03-31", since: "2025-01-05", stretch: "2025-03-10", lowest: -900, lowestOn: "2025-03-20",
                    endedOn: nil, records: ["M1", "M3", "M4"]),
        StretchCase(name: "three stretches, the last ended",
                    moves: [move("M1", "2025-01-05", -500), move("M2", "2025-02-01", 500), move("M3", "2025-03-10", -200),
                            move("M4", "2025-03-15", 200), move("M5", "2025-04-02", -100), move("M6", "2025-04-09", 100)],
                    asOf: "2025-04-30", since: "2025-01-05", stretch: "2025-04-02", lowest: -500, lowestOn: "2025-01-05",
                    endedOn: "2025-04-09", records: ["M1", "M5", "M6"]),
        StretchCase(name: "back to exactly zero ends a stretch",
                    moves: [move("M1", "2025-01-05", -500), move("M2", "2025-01-06", 500), move("M3", "2025-01-07", -1)],
                    asOf: "2025-01-31", since: "2025-01-05", stretch: "2025-01-07", lowest: -500, lowestOn: "2025-01-05",
                    endedOn: nil, records: ["M1", "M3"]),
        StretchCase(name: "made good and overdrawn again within one day is one stretch",
                    moves: [move("M1", "2025-01-05", -500), move("M2", "2025-01-06", 500), move("M3", "2025-01-06", -600)],
                    asOf: "2025-01-31", since: "2025-01-05", stretch: nil, lowest: -600, lowestOn: "2025-01-06",
                    endedOn: nil, records: ["M1", "M2", "M3"]),
        StretchCase(name: "the check date before the second stretch sees one, ended",
                    moves: [move("M1", "2025-01-05", -500), move("M2", "2025-02-01", 500), move("M3", "2025-03-10", -200)],
                    asOf: "2025-03-09", since: "2025-01-05", stretch: nil, lowest: -500, lowestOn: "2025-01-05",
                    endedOn: "2025-02-01", records: ["M1", "M2"]),
    ]

    static func overdraft(_ lines: [String], asOf: String) throws -> [Finding] {
        try Mini.findings([spendDecision] + lines, asOf: asOf, rule: .fundOverdrawn).filter { $0.itemID == "F-PI" }
    }

    @Test(arguments: stretchCases)
    func theCurrentStretchIsDated(_ c: StretchCase) throws {
        let found = try Self.overdraft(c.moves, asOf: c.asOf)
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f.key == "FUND-06/F-PI", "one finding per fund, whatever its stretches")
        #expect(f.since == CalendarDate(iso: c.since)!)
        let fact = try #require(f.facts.first)
        #expect(fact.key == (c.endedOn == nil ? .overdrawn : .overdraftEnded))
        #expect(fact["lowest"] == .amount(Amount(fen: c.lowest)))
        #expect(fact["on"] == .date(CalendarDate(iso: c.lowestOn)!))
        #expect(fact.values.first { $0.name == "stretch_since" }?.value == c.stretch.map { .date(CalendarDate(iso: $0)!) })
        #expect(fact.values.first { $0.name == "ended_on" }?.value == c.endedOn.map { .date(CalendarDate(iso: $0)!) })
        #expect(f.isOpen == (c.endedOn == nil))
        for id in c.records { #expect(f.evidence.contains { $0.eventID == id }, "\(id) among \(f.evidence)") }
    }

    // MARK: 2. Closed while still present, or came back

    static let occupation = RectificationLoopTests.occupation
    static let occKey = RectificationLoopTests.occKey

    static func issued(_ keys: [String], on date: String = "2025-02-01") -> LoopEvent {
        RectificationLoopTests.event(date, .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: RectificationLoopTests.date(date), atSeq: 9,
            reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
            preparedOn: RectificationLoopTests.date(date),
            items: keys.map { IssuedItem(key: $0, responsible: "业主委员会", deadline: RectificationLoopTests.date("2025-06-30")) })),
            seq: 1001)
    }

    struct ClosureCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let key: String
        let issuedOn: String
        let closedOn: String
        let asOf: String
        let status: LoopStatus
        var testDescription: String { name }
    }

    static let closureCases: [ClosureCase] = {
        let overdrawn = move("M1", "2025-01-05", -500), madeGood = move("M2", "2025-02-01", 500)
        let again = move("M3", "2025-03-10", -200)
        let idleFrom = Mini.event("U1", "use.started", "2024-01-01",
                                  #"{"use_id":"U1","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#)
        let idleEnd = Mini.event("U1e", "use.ended", "2024-06-30", #"{"use_id":"U1"}"#)
        let usedAgain = Mini.event("U2", "use.started", "2025-03-01",
                                   #"{"use_id":"U2","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#)
        let usedAgainEnd = Mini.event("U2e", "use.ended", "2025-03-31", #"{"use_id":"U2"}"#)
        // Rent of 100 yuan a month from 2025-01-01, never paid: in arrears from 30 days after each due day.
        let rent = [Mini.okDecision, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31", rentFen: 10_000)]
        return [
            ClosureCase(name: "OCC-01 closed while the occupation stays open", lines: [occupation], key: occKey,
                        issuedOn: "2025-02-01", closedOn: "2025-02-20", asOf: "2025-03-10", status: .closedWhilePresent),
            ClosureCase(name: "OCC-01 closed on the day it was reported", lines: [occupation], key: occKey,
                        issuedOn: "2025-01-10", closedOn: "2025-01-10", asOf: "2025-03-10", status: .closedWhilePresent),
            ClosureCase(name: "FUND-06 closed while still overdrawn", lines: [spendDecision, overdrawn], key: "FUND-06/F-PI",
                        issuedOn: "2025-01-10", closedOn: "2025-01-20", asOf: "2025-03-31", status: .closedWhilePresent),
            ClosureCase(name: "FUND-06 made good, closed, overdrawn again: 反弹",
                        lines: [spendDecision, overdrawn, madeGood, again], key: "FUND-06/F-PI",
                        issuedOn: "2025-01-10", closedOn: "2025-02-20", asOf: "2025-03-31", status: .recurring),
            ClosureCase(name: "FUND-06 closed on the second stretch's first day: still present",
                        lines: [spendDecision, overdrawn, madeGood, again], key: "FUND-06/F-PI",
                        issuedOn: "2025-01-10", closedOn: "2025-03-10", asOf: "2025-03-31", status: .closedWhilePresent),
            ClosureCase(name: "FUND-06 made good, closed, still made good", lines: [spendDecision, overdrawn, madeGood],
                        key: "FUND-06/F-PI", issuedOn: "2025-01-10", closedOn: "2025-02-20", asOf: "2025-03-31", status: .closed),
            ClosureCase(name: "IDLE-01 closed while still idle", lines: [Mini.okDecision, idleFrom, idleEnd], key: "IDLE-01/A-1",
                        issuedOn: "2025-01-10", closedOn: "2025-02-01", asOf: "2025-03-31", status: .closedWhilePresent),
            ClosureCase(name: "IDLE-01 used after the closure, idle again: 反弹",
                        lines: [Mini.okDecision, idleFrom, idleEnd, usedAgain, usedAgainEnd], key: "IDLE-01/A-1",
                        issuedOn: "2025-01-10", closedOn: "2025-02-01", asOf: "2025-10-31", status: .recurring),
            // The oldest instalment unpaid on 2025-06-30 is January's (due 01-01, in arrears from 01-31).
            ClosureCase(name: "CON-07 closed while rent was in arrears", lines: rent, key: "CON-07/K-R",
                        issuedOn: "2025-02-10", closedOn: "2025-02-20", asOf: "2025-06-30", status: .closedWhilePresent),
            // Closed on 2025-01-20: January's rent was due but within its 30 days of grace, so not yet in arrears.
            ClosureCase(name: "CON-07 closed before its instalment fell into arrears: 反弹", lines: rent, key: "CON-07/K-R",
                        issuedOn: "2025-01-10", closedOn: "2025-01-20", asOf: "2025-06-30", status: .recurring),
            ClosureCase(name: "CON-07 closed on the day the arrears began", lines: rent, key: "CON-07/K-R",
                        issuedOn: "2025-01-10", closedOn: "2025-02-01", asOf: "2025-06-30", status: .closedWhilePresent),
        ]
    }()

    @Test(arguments: closureCases)
    func aClosureReadsAsWhatHappened(_ c: ClosureCase) throws {
        let closed = RectificationLoopTests.verified(c.closedOn, [c.key], .closed, seq: 1003)
        let l = try RectificationLoopTests.ledger(c.lines, asOf: c.asOf, [Self.issued([c.key], on: c.issuedOn), closed])
        let entry = try #require(l.allEntries.first { $0.key == c.key }, "\(l.allEntries.map(\.key))")
        #expect(entry.status == c.status)
        // Neither is overdue (the old round is over) nor counted as closed; both are counted as issued.
        #expect(!entry.overdue)
        #expect(l.total.closed == (c.status == .closed ? 1 : 0) && l.total.issued == 1)
        #expect(l.total.count(c.status) == 1)
    }

    @Test func theStatusIsFoundByItsCodeAndNames() {
        #expect(LoopStatus(code: "closed_while_present") == .closedWhilePresent)
        #expect(LoopStatus(code: "销号时问题仍在") == .closedWhilePresent)
        #expect(LoopStatus(code: "closed while still present") == .closedWhilePresent)
    }

    // MARK: 3. A rebound under another key names the key closed

    @Test func aReboundUnderAnotherKeyNamesTheKeyClosed() throws {
        let l = try RectificationLoopTests.ledger(
            [Self.occupation, ReviewThirtySevenLoopTests.cleared, ReviewThirtySevenLoopTests.reportedAgain], asOf: "2025-04-10",
            [Self.issued([Self.occKey]), RectificationLoopTests.verified("2025-03-10", [Self.occKey], .closed, seq: 1003)])
        let entry = try #require(l.allEntries.first { $0.key == "OCC-01/A-1/O3/2025-04-01" })
        #expect(entry.status == .recurring && entry.tracked == nil)
        #expect(entry.recurrenceOf?.key == Self.occKey && entry.recurrenceOf?.closedOn == RectificationLoopTests.date("2025-03-10"))
        // The key closed itself is closed, naming nothing.
        let closed = try #require(l.allEntries.first { $0.key == Self.occKey })
        #expect(closed.status == .closed && closed.recurrenceOf == nil)
    }

    @Test func ofTwoKeysClosedTheLatestIsNamed() throws {
        let first = "OCC-01/A-1/O1/2025-01-10"
        let second = "OCC-03/A-1/2025-03-20"
        let lines = [Self.occupation, ReviewThirtySevenLoopTests.cleared,
                     ReviewThirtySevenLoopTests.inspection("I1", "2025-03-20", "occupied"),
                     ReviewThirtySevenLoopTests.inspection("I2", "2025-03-25", "idle"),
                     ReviewThirtySevenLoopTests.reportedAgain]
        let l = try RectificationLoopTests.ledger(lines, asOf: "2025-04-10", [
            Self.issued([first, second]),
            RectificationLoopTests.verified("2025-03-10", [first], .closed, seq: 1003),
            RectificationLoopTests.verified("2025-03-28", [second], .closed, seq: 1004),
        ])
        let entry = try #require(l.allEntries.first { $0.key == "OCC-01/A-1/O3/2025-04-01" })
        #expect(entry.status == .recurring)
        #expect(entry.recurrenceOf?.key == second)
    }
}
