import Foundation
import LedgerCLI
import LedgerChain
import LedgerTestSupport
import Testing

/// Golden files, in English and in Chinese, of what the writing and checking commands print: `init`, an `append`,
/// `verify` of an intact ledger and of a damaged one (a refused batch of several mistakes has its goldens in
/// `append-mistakes*.txt`, AppendOnePassTests). The query reports
/// have theirs in QueryCommandTests, the demo's (checkpoint, witness, publish) in DemoCommandTests.
/// The ledger's temporary path is written `<ledger>`. Re-record with RECORD_GOLDEN=1.
@Suite struct CommandReportGoldenTests {
    static let goldenFiles = ["init.txt", "init-zh.txt", "append.txt", "append-zh.txt", "verify.txt", "verify-zh.txt",
                              "verify-damaged.txt", "verify-damaged-zh.txt"]

    static func expect(_ cli: CLIHarness, _ text: String, golden: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Golden.expect(text.replacingOccurrences(of: cli.ledgerPath, with: "<ledger>"),
                      path: QueryCommandTests.goldenDirectory + "/" + golden, sourceLocation: sourceLocation)
    }

    static let event = #"{"id":"ev-x1","type":"fund.income","occurred_on":"2025-07-02","data":{"fund_id":"F-HY-PI","amount":"1,800.00","counterparty":"青岛海港停车管理有限公司","voucher":"SJ-2025-0702","category":"停车费","source":{"contract_id":"K-HY-P01"}}}"#

    @Test(arguments: [("", ".txt"), ("zh", "-zh.txt")])
    func initAppendAndVerify(_ lang: String, _ suffix: String) throws {
        let language = lang.isEmpty ? [] : ["--lang", lang]
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "sample"] + language) == 0)
        Self.expect(cli, cli.stdout, golden: "init" + suffix)
        let sample = QueryCommandTests.sampleLedger()
        try FileManager.default.removeItem(atPath: cli.ledgerPath)
        try FileManager.default.copyItem(atPath: sample.ledgerPath, toPath: cli.ledgerPath)
        #expect(cli.run(["append", "--recorded-at", "2025-07-03T08:00:00Z", "--actor", "海韵小区业委会-张华"] + language,
                        stdin: Self.event) == 0, "\(cli.stderr)")
        Self.expect(cli, cli.stdout, golden: "append" + suffix)
        #expect(cli.run(["verify"] + language) == 0)
        Self.expect(cli, cli.stdout, golden: "verify" + suffix)
        // Record 30's stored hash changed: the records before it in its batch pass, the committed log ends before it.
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var lines = TestLedger.logBytes(directory).split(separator: 0x0A).map(Array.init)
        lines[29][9] = lines[29][9] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        TestLedger.writeLog(lines.flatMap { $0 + [0x0A] }, to: directory)
        #expect(cli.run(["verify"] + language) == 1)
        Self.expect(cli, cli.stdout, golden: "verify-damaged" + suffix)
    }
}
