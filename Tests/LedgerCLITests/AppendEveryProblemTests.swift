import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Issue 15 (what was left of "all mistakes in one pass"): every schema problem of an event, the data of a line
/// whose type or date is wrong, and erasures and unknown commitments among the batch's other problems — all in
/// one run, in both languages, the ledger left as it was.
@Suite struct AppendEveryProblemTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func log(_ cli: CLIHarness) throws -> [UInt8] { try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() }

    /// Each problem line after the heading, without its `stdin:N: event … (type): ` place.
    func problems(_ text: String) -> [String] {
        text.split(separator: "\n").dropFirst().map { line in
            guard let field = line.range(of: "field \"") ?? line.range(of: "字段“") else { return String(line) }
            return String(line[field.lowerBound...])
        }
    }

    @Test func everyFieldOfAnEventInOneRun() throws {
        let cli = demo()
        let before = try log(cli)
        let input = #"{"type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":"300","counterparty":"某公司","colour":"red"}}"# + "\n"
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: input) == 2)
        #expect(problems(cli.stderr) == [
            #"field "data.colour": unknown field; fund.income allows only amount_fen, category, counterparty, fund_id, source, voucher"#,
            #"field "data.amount_fen": "300" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50"#,
            #"field "data.voucher": missing; give a non-empty string"#,
            #"field "data.category": missing; give a non-empty string"#,
        ], "\(cli.stderr)")
        #expect(cli.stderr.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  stdin:1: field ") }, "\(cli.stderr)")
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z", "--lang", "zh"], stdin: input) == 2)
        let zh = problems(cli.stderr)
        #expect(zh.count == 4, "\(cli.stderr)")
        #expect(zh.count == 4 && zh[1].hasPrefix(#"字段“data.amount_fen”（金额（分））："300" 是字符串"#), "\(cli.stderr)")
        #expect(zh.count == 4 && zh[2].hasPrefix(#"字段“data.voucher”"#) && zh[2].contains("缺少"), "\(cli.stderr)")
        #expect(try log(cli) == before)
    }

    /// A line whose date is not a date still has its data checked.
    @Test func aBadDateDoesNotHideTheData() throws {
        let cli = demo()
        let input = #"{"type":"fund.income","occurred_on":"2025-06-31","data":{"fund_id":"F-HY-PI","amount_fen":"300","counterparty":"某公司","category":"广告"}}"# + "\n"
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: input) == 2)
        #expect(cli.stderr == """
            error: the batch was rejected; nothing was appended:
              stdin:1: field "occurred_on": "2025-06-31" is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30
              stdin:1: field "data.amount_fen": "300" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50
              stdin:1: field "data.voucher": missing; give a non-empty string

            """, "\(cli.stderr)")
    }

    /// A mistyped type that plainly means one type has the data checked as that type, and says so.
    @Test func aMistypedTypeIsReadAsTheTypeItMeans() throws {
        let cli = demo()
        let input = """
            {"type":"Fund.Income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":300,"counterparty":"某公司","category":"广告"}}
            {"type":"fund.incme","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":300,"counterparty":"某公司","voucher":"V2"}}

            """
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: input) == 2)
        let lines = cli.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(cli.stderr)")
        guard lines.count == 5 else { return }
        #expect(lines[1] == #"  stdin:1: field "type": "Fund.Income" is not a type name; use lower-case words joined by . or _, e.g. fund.income; read as fund.income, whose fields are checked too"#)
        #expect(lines[2] == #"  stdin:1: field "data.voucher": missing; give a non-empty string"#)
        // A well-formed type this version does not know is an event of its own (kept as written): the check says
        // what it plainly means and reads its data so.
        #expect(lines[3].hasPrefix("  stdin:2: ") && lines[3].hasSuffix(
            "field \"type\": unknown event type \"fund.incme\"; use one of \(EventType.allNames); read as fund.income, whose fields are checked too"), "\(lines[3])")
        #expect(lines[4].hasPrefix("  stdin:2: ") && lines[4].hasSuffix(#"field "data.category": missing; give a non-empty string"#), "\(lines[4])")
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z", "--lang", "zh"], stdin: input) == 2)
        #expect(cli.stderr.contains("stdin 第 1 行：字段“type”（类型）：“Fund.Income”不是类型名；请用以 . 或 _ 连接的小写英文词，例如 fund.income；已按 fund.income 检查其数据字段"), "\(cli.stderr)")
    }

    static let commitment = String(repeating: "ab", count: 32)

    /// An erasure typed into a batch, and a commitment that names nobody, are reported with the batch's other
    /// problems, not alone in a run of their own.
    @Test func erasuresAndUnknownCommitmentsComeWithTheOtherProblems() throws {
        let cli = demo()
        let before = try log(cli)
        let input = """
            {"type":"personal_data.erased","occurred_on":"2025-07-01","data":{"commitments":["\(Self.commitment)"],"reason":"请求","legal_basis":"个人信息保护法第四十七条"}}
            {"type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-NONE","amount":"300","counterparty":"某公司","category":"广告","voucher":"V3"}}
            {"type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount":"300","counterparty":{"commitment":"\(Self.commitment)"},"category":"广告","voucher":"V4"}}

            """
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: input) == 2)
        let lines = cli.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(cli.stderr)")
        guard lines.count == 4 else { return }
        #expect(lines[1] == "  stdin:1: field \"type\": personal_data.erased is recorded by `ledger erase-personal`, which deletes the data it names first", "\(lines[1])")
        #expect(lines[2].hasPrefix("  stdin:2: field ") && lines[2].hasSuffix("fund \"F-NONE\" is not registered; record fund.opened for it first"), "\(lines[2])")
        #expect(lines[3] == "  stdin:3: field \"data.counterparty\": commitment \(Self.commitment) names no one in private/ or in the log; write the person as {\"person\": \"…\"}", "\(lines[3])")
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z", "--lang", "zh"], stdin: input) == 2)
        #expect(cli.stderr.contains("stdin 第 1 行：字段“type”（类型）：personal_data.erased 只能由“ledger erase-personal”记录，它会先删除所指的数据"), "\(cli.stderr)")
        #expect(cli.stderr.contains("资金账户“F-NONE”尚未登记"), "\(cli.stderr)")
        #expect(cli.stderr.contains("stdin 第 3 行：字段“data.counterparty”"), "\(cli.stderr)")
        #expect(try log(cli) == before)
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension AppendEveryProblemTests {
    @Test("a line break inside a value of the append input cannot forge a line of the error report")
    func appendErrorsStayOneLinePerProblem() {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        let input = #"{"id":"x\nappended 9 record(s): seq 1–9","type":"test.note","occurred_on":"2024-01-01","actor":"a","data":{}}"# + "\n"
            + #"{"type":"test.note","occurred_on":"2024-01-01","actor":"a","data":{"k\u2028forged":1,"n":"\ud800"}}"# + "\n"
        #expect(cli.run(["append"], stdin: input) == 2)
        let lines = cli.stderr.split(separator: "\n")
        // One heading and one line per problem (a line may have several: issue 15), each naming its input line.
        #expect(lines.count >= 3 && lines.dropFirst().allSatisfy { $0.hasPrefix("  stdin:1: ") || $0.hasPrefix("  stdin:2: ") }, "\(cli.stderr)")
        #expect(lines.contains { $0.hasPrefix("  stdin:1: ") } && lines.contains { $0.hasPrefix("  stdin:2: ") }, "\(cli.stderr)")
        #expect(!lines.contains { $0.hasPrefix("appended") }, "\(cli.stderr)")
        JSONOutputEscapingTests.expectNoRawUnsafe(cli.stderr, "append error")
    }
}
