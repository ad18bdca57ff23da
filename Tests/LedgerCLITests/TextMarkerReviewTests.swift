import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The review of session 49's text-marker rule (apos49), through the command line: a community registered under a
/// marked id stays citable from a register whatever the file's other rows are, and a marked voucher the fund holds
/// is told as that record changed, never "remove the mark" (which would read as a new payment).
@Suite struct TextMarkerReviewTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    /// Review #1: the register's first pass knew no community, refused `'C-X` and its plan was reused.
    @Test func aHeldMarkedCommunityIsCitableFromARegister() throws {
        let cli = demo()
        try write(cli, "c.jsonl", #"{"type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"'C-X","name":"X小区","residents_committee":"X居委会","street":"八大关街道","total_area_m2":"1000.00","total_owners":10}}"# + "\n")
        #expect(cli.run(["append", "--file", "c.jsonl", "--actor", "clerk"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "ra.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-X-1,'C-X,车位,车位X1,东侧,13,2024-01-08\n")
        #expect(cli.run(["import", "assets", "ra.csv", "--actor", "clerk"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new"), "\(cli.stdout)")
    }

    /// Review #2: a held `'SJ-OLD` of 100.00 and a row `'SJ-OLD` of 101.00: told as the record holding that voucher,
    /// not to remove the mark.
    @Test func aHeldMarkedVoucherIsToldAsTheRecordChanged() throws {
        let cli = demo()
        try write(cli, "i.jsonl", #"{"type":"fund.income","occurred_on":"2025-07-21","data":{"fund_id":"F-HY-PI","amount_fen":10000,"counterparty":"某公司","voucher":"'SJ-OLD","category":"other"}}"# + "\n")
        #expect(cli.run(["append", "--file", "i.jsonl", "--actor", "clerk"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "income.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-07-21,F-HY-PI,101.00,某公司,'SJ-OLD,其他\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "income", "income.csv", "--actor", "clerk"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(!out.contains("Remove the leading mark"), "\(out)")
        #expect(out.contains("'SJ-OLD") && out.contains("record #"), "\(out)")
        #expect(try cli.logBytes() == before)
        // A new marked voucher is still refused for its mark.
        try write(cli, "income2.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-07-22,F-HY-PI,50.00,某公司,'SJ-NEW,其他\n")
        #expect(cli.run(["import", "income", "income2.csv", "--actor", "clerk"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("Remove the leading mark"), "\(cli.stdout)\(cli.stderr)")
    }
}
