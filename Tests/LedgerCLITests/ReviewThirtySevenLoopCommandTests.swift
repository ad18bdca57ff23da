import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 37b end to end: a low-use key whose part is now idle reads 已转为长期闲置 naming the IDLE-01 key, in a list
/// made whole and in one written a community at a time from `index/rectify.state`; `--issue` gives CON-04 its
/// contract's last day.
@Suite struct ReviewThirtySevenLoopCommandTests {
    static func event(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
        #"{"id":"\#(id)","type":"\#(type)","occurred_on":"\#(date)","data":\#(data)}"#
    }

    static let base = [
        event("b1", "community.registered", "2023-12-01", #"{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}"#),
        event("b2", "fund.opened", "2023-12-01", #"{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}"#),
        event("b3", "asset.registered", "2023-12-01", #"{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}"#),
        event("D-OK", "decision.recorded", "2023-12-01", #"{"decision_id":"D-OK","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{}}"#),
    ]

    static func use(_ id: String, _ start: String, _ end: String) -> [String] {
        [event(id, "use.started", start, #"{"use_id":"\#(id)","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#),
         event(id + "e", "use.ended", end, #"{"use_id":"\#(id)"}"#)]
    }

    static func ledger(_ lines: [String]) throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "review-37b"]) == 0)
        let file = cli.temp.path + "/in.jsonl"
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: file)
        #expect(cli.run(["append", "--file", file]) == 0, "\(cli.stderr)")
        return cli
    }

    /// LOW-01 issued on 2025-01-05 for a car space used 152 days of 2024, idle since: on 2025-06-30 (181 days) it
    /// is IDLE-01's, and the issued key is superseded, the same in the list held whole and written by community.
    @Test func aLowUseKeyNowIdleReadsSoWholeAndByCommunity() throws {
        let issued = Self.event("L1", "rectification.issued", "2025-01-05", #"{"list_id":"L1","community_id":"C-T","as_of":"2024-12-31","at_seq":8,"report_sha256":"\#(String(repeating: "0", count: 64))","report_format":"html","report_lang":"zh","prepared_on":"2025-01-05","items":[{"key":"LOW-01/A-1","responsible":"业主委员会","deadline":"2025-04-05"}]}"#)
        let cli = try Self.ledger(Self.base + Self.use("U1", "2024-01-01", "2024-02-29") + Self.use("U2", "2024-10-01", "2024-12-31"))
        // Issued at the last record of that batch, in a batch of its own (one inside a batch is refused, session 39).
        #expect(cli.run(["append"], stdin: issued + "\n") == 0, "\(cli.stderr)")
        cli.environment["LEDGER_CITY_PART"] = "3"
        // The list (its issued keys no longer found) and the 整改台账, each held whole, then made for the state and
        // written from it a community at a time: the same bytes.
        var outputs: [String] = []
        for book in [[], ["--ledger-book"]] {
            var made: [String] = []
            for (parts, runs) in [("off", 1), (nil, 2)] as [(String?, Int)] {
                cli.environment["LEDGER_RECTIFY_PARTS"] = parts
                for _ in 0..<runs {
                    #expect(cli.run(["rectify", "--as-of", "2025-06-30", "--format", "csv"] + book) == 0, "\(cli.stderr)")
                    made.append(cli.stdout)
                }
            }
            #expect(Set(made).count == 1, "\(book)")
            #expect(made[0].contains("已转为长期闲置（IDLE-01/A-1）"), "\(made[0])")
            outputs.append(made[0])
        }
        outputs.removeFirst()
        let line = try #require(outputs[0].split(separator: "\r\n").first { $0.contains(",LOW-01/A-1,") })
        #expect(line.contains("已转为长期闲置（IDLE-01/A-1）,superseded,否"), "\(line)")
        let idle = try #require(outputs[0].split(separator: "\r\n").first { $0.contains(",IDLE-01/A-1,") })
        #expect(idle.contains(",新发现,new,"), "\(idle)")
        #expect(cli.run(["rectify", "--as-of", "2025-06-30", "--status", "superseded", "--ledger-book", "--format", "csv"]) == 0)
        #expect(cli.stdout.contains("LOW-01/A-1") && !cli.stdout.contains(",IDLE-01/A-1,"))
    }

    /// `--issue` on a list with CON-04 (48 months, cap 36): due on the contract's last day, the rest by the policy.
    @Test func issueGivesCON04TheContractsLastDay() throws {
        let contract = Self.event("K9", "contract.signed", "2024-12-01", #"{"contract_id":"K9","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2028-12-31","rent_fen":0,"rent_period":"month","decision_id":"D-OK","payee_fund_id":"F-PI"}"#)
        let cli = try Self.ledger(Self.base + [contract])
        let out = cli.temp.path + "/list.html", issued = cli.temp.path + "/issued.jsonl"
        #expect(cli.run(["rectify", "--as-of", "2025-06-30", "--community", "C-T", "--prepared-on", "2025-07-05", "--format", "html",
                         "--out", out, "--issue", "L1", "--issue-out", issued]) == 0, "\(cli.stderr)")
        let event = try JSONParser.parse(try PosixFile(path: issued, mode: .read).readAll())
        var deadlines: [String: String] = [:]
        for item in event["data"]?["items"]?.arrayValue ?? [] {
            deadlines[item["key"]?.stringValue ?? ""] = item["deadline"]?.stringValue
        }
        #expect(deadlines["CON-04/K9/2024-12-01"] == "2028-12-31", "\(deadlines)")
        // Every other finding keeps the policy's days from the day of issue (FUND-08 一般: 60 days).
        #expect(deadlines.filter { !$0.key.hasPrefix("CON-04/") }.values.allSatisfy { $0 == "2025-09-03" || $0 == "2025-08-04" || $0 == "2025-10-03" },
                "\(deadlines)")
    }
}
