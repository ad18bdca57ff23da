import LedgerCLI
import LedgerTestSupport
import Testing

/// Review 42b through `ledger append`: a retired part let under a contract still in force, a correction dated before
/// what it corrects, a disclosure of a period after its publication, and a date of a year outside 1900–9999 — each
/// refused in both languages, the log unchanged; the lawful sequences accepted.
@Suite struct RetiredContractCommandTests {
    static let base = """
    {"type":"community.registered","occurred_on":"2025-01-02","data":{"community_id":"C-T","name":"桃园","street":"东湖街道","residents_committee":"桃园居委会","total_area_m2":"30000","total_owners":300}}
    {"type":"asset.registered","occurred_on":"2025-01-03","data":{"asset_id":"T-ROOF","community_id":"C-T","kind":"roof","name":"屋顶","location":"1号楼","area_m2":"400","registered_on":"2025-01-03","source":{"kind":"manual"}}}
    {"type":"fund.opened","occurred_on":"2025-01-03","data":{"fund_id":"F-T","community_id":"C-T","kind":"public_income","account":"x"}}
    {"id":"inc","type":"fund.income","occurred_on":"2025-03-03","data":{"fund_id":"F-T","amount_fen":100000,"counterparty":"广告公司","voucher":"V-1","category":"广告"}}
    """
    static let contract = #"{"type":"contract.signed","occurred_on":"2025-03-25","data":{"contract_id":"K-T","community_id":"C-T","asset_ids":["T-ROOF"],"counterparty":"铁塔公司","purpose":"基站","start_on":"2025-04-01","end_on":"2026-03-31","rent":"1000","rent_period":"month","payee_fund_id":"F-T"}}"#
    static let retirement = #"{"type":"asset.retired","occurred_on":"2025-03-30","data":{"asset_id":"T-ROOF","reason":"屋顶拆除重建"}}"#
    static let termination = #"{"type":"contract.terminated","occurred_on":"2025-03-30","data":{"contract_id":"K-T","reason":"屋顶拆除"}}"#

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "x"], stdin: Self.base + "\n") == 0, "\(cli.stderr)")
        return cli
    }

    @Test func aRetirementWhileTheContractRunsIsRefusedAndTerminatingFirstIsAccepted() throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "x"], stdin: Self.contract + "\n") == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(cli.run(["append", "--actor", "x"], stdin: Self.retirement + "\n") == 2)
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"this batch would make record seq 5 ("#), "\(out)")
        #expect(out.contains(#"asset "T-ROOF" was retired on 2025-03-30 (line 1 of this batch)"#), "\(out)")
        #expect(out.contains(#"while contract "K-T" lets it until 2026-03-31; a contract must not be in force on a retired part: record the contract's termination dated on or before the retirement first"#), "\(out)")
        #expect(cli.run(["append", "--actor", "x", "--lang", "zh"], stdin: Self.retirement + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains("而合同“K-T”的期限至 2026-03-31；已注销的共有部分不能仍在合同期内：请先记录该合同的终止"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // The lawful sequence: the termination on an earlier line of the retirement's date, then the retirement.
        #expect(cli.run(["append", "--actor", "x"], stdin: Self.termination + "\n" + Self.retirement + "\n") == 0, "\(cli.stderr)")
    }

    @Test func aContractBackDatedBeforeARecordedRetirementIsRefused() throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "x"], stdin: Self.retirement + "\n") == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(cli.run(["append", "--actor", "x"], stdin: Self.contract + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains(#"field "data.asset_ids[0]": asset "T-ROOF" was retired on 2025-03-30 (record seq 5) while contract "K-T" lets it until 2026-03-31"#),
                "\(cli.stdout + cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    @Test func aCorrectionDatedBeforeItsRecordIsRefused() throws {
        let cli = ledger()
        let before = try cli.logBytes()
        let early = #"{"type":"correction","occurred_on":"2024-01-01","data":{"corrects":"inc","reason":"录入错误"}}"#
        #expect(cli.run(["append", "--actor", "x"], stdin: early + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains(#"field "occurred_on": 2024-01-01 is before the date of the event it corrects (inc, dated 2025-03-03); a correction is dated on or after the record it corrects: give the date the error was corrected, 2025-03-03 or later"#),
                "\(cli.stdout + cli.stderr)")
        #expect(cli.run(["append", "--actor", "x", "--lang", "zh"], stdin: early + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains("2024-01-01 早于所更正事件（inc）的日期 2025-03-03；更正的日期不得早于被更正的记录"), "\(cli.stderr)")
        // An event of the same batch, corrected by a later line dated before it.
        let pair = #"{"id":"inc2","type":"fund.income","occurred_on":"2025-03-04","data":{"fund_id":"F-T","amount_fen":100,"counterparty":"c","voucher":"V-2","category":"广告"}}"# + "\n"
            + #"{"type":"correction","occurred_on":"2025-03-03","data":{"corrects":"inc2","reason":"r"}}"#
        #expect(cli.run(["append", "--actor", "x"], stdin: pair + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains("is before the date of the event it corrects (inc2, dated 2025-03-04)"), "\(cli.stdout + cli.stderr)")
        #expect(try cli.logBytes() == before)
        // On the record's own date: accepted.
        #expect(cli.run(["append", "--actor", "x"], stdin: #"{"type":"correction","occurred_on":"2025-03-03","data":{"corrects":"inc","reason":"r"}}"# + "\n") == 0,
                "\(cli.stderr)")
    }

    @Test func aDisclosureOfAPeriodAfterItsPublicationIsRefused() throws {
        let cli = ledger()
        let late = #"{"type":"disclosure.published","occurred_on":"2025-04-02","data":{"community_id":"C-T","fund_ids":["F-T"],"period_from":"2025-01-01","period_to":"2025-12-31","location":"公示栏"}}"#
        #expect(cli.run(["append", "--actor", "x"], stdin: late + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains(#"field "data.period_to": the period ends on 2025-12-31, after the disclosure's publication on 2025-04-02"#), "\(cli.stdout + cli.stderr)")
        #expect(cli.run(["append", "--actor", "x", "--lang", "zh"], stdin: late + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains("公示期间截止于 2025-12-31，晚于公示发布日期 2025-04-02"), "\(cli.stderr)")
        let onTheDay = late.replacingOccurrences(of: "2025-12-31", with: "2025-04-02")
        #expect(cli.run(["append", "--actor", "x"], stdin: onTheDay + "\n") == 0, "\(cli.stderr)")
    }

    @Test(arguments: [("1800-12-01", true), ("0999-01-01", true), ("1899-02-29", false), ("1800-13-01", false)])
    func aRealDateOutsideTheYearsIsToldTheYears(date: String, outside: Bool) {
        let cli = ledger()
        let line = #"{"type":"fund.income","occurred_on":"\#(date)","data":{"fund_id":"F-T","amount_fen":100,"counterparty":"c","voucher":"V-9","category":"广告"}}"#
        #expect(cli.run(["append", "--actor", "x"], stdin: line + "\n") == 2)
        let out = cli.stdout + cli.stderr
        #expect(out.contains("a date must be of a year from 1900 to 9999") == outside, "\(out)")
        #expect(out.contains("is not a date; write a real calendar date") == !outside, "\(out)")
        #expect(cli.run(["append", "--actor", "x", "--lang", "zh"], stdin: line + "\n") == 2)
        #expect((cli.stdout + cli.stderr).contains("日期的年份须在 1900 至 9999 年之间") == outside, "\(cli.stdout + cli.stderr)")
        #expect(cli.run(["balances", "--as-of", date]) == 2)
        #expect(cli.stderr.contains("a date must be of a year from 1900 to 9999") == outside, "\(cli.stderr)")
    }
}
