import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Issue 15 ("Chinese everywhere"): under `--lang zh` the one-line notices about derived state and the log's torn
/// tail, and the operating system's file errors, read as Chinese; under `--lang en` they are byte for byte the
/// English they always were.
@Suite struct ChineseNoticeTests {
    static let income = """
    {"id":"i1","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F1","amount_fen":1234500,"counterparty":"某广告公司","voucher":"V1","category":"advertising"}}

    """

    func damage(_ path: String) throws {
        var bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 20).bytes
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
    }

    @Test func aRebuiltStateIsNotedInTheCommandsLanguage() throws {
        let cli = CLIHarness()
        cli.environment["LEDGER_SCOPES"] = "off"
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: Self.income) == 0)
        #expect(cli.run(["balances"]) == 0)
        let statePath = cli.ledgerPath + "/index/funds.state"
        try damage(statePath)
        #expect(cli.run(["balances", "--lang", "zh"]) == 0)
        #expect(cli.stderr == "注意：\(cli.ledgerPath)/index 中的 funds.state 已损坏（校验和不符：被截短或改动过）；已从日志重建（查询结果不受影响）。\n",
                "\(cli.stderr)")
        try damage(statePath)
        #expect(cli.run(["balances", "--lang", "en"]) == 0)
        #expect(cli.stderr == "note: funds.state in \(cli.ledgerPath)/index is damaged (checksum does not match: truncated or altered); rebuilt from the log (answers are unaffected).\n",
                "\(cli.stderr)")
    }

    /// Issue 17 (session 19): the detail in brackets is a typed value worded in Chinese whatever check failed, so
    /// no English reason is left in a Chinese notice or in `verify --index`'s Chinese report.
    @Test func aDamagedFilesDetailIsChineseWhateverTheCheck() throws {
        let cli = CLIHarness()
        cli.environment["LEDGER_SCOPES"] = "off"
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: Self.income) == 0)
        #expect(cli.run(["balances"]) == 0)
        let statePath = cli.ledgerPath + "/index/funds.state"
        let good = try PosixFile.readRegularFile(statePath, bytesMax: 1 << 20).bytes
        let english = /[a-z]{2,}[ ,;:']+[a-z]{2,}/
        // Cut in its header, cut in its body, a byte added, a flipped byte in the header's name.
        var flipped = good
        flipped[30] ^= 0x01
        for (what, bytes) in [("cut in the header", Array(good.prefix(30))), ("cut in the body", Array(good.dropLast(10))),
                              ("a byte added", good + [0]), ("a flipped byte", flipped)] {
            try PosixFile.writeAtomically(bytes, to: statePath)
            #expect(cli.run(["balances", "--lang", "zh"]) == 0)
            #expect(cli.stderr.hasPrefix("注意：") && cli.stderr.contains(" funds.state 已损坏（") && cli.stderr.firstMatch(of: english) == nil,
                    "\(what): \(cli.stderr)")
            try PosixFile.writeAtomically(bytes, to: statePath)
            #expect(cli.run(["balances", "--lang", "en"]) == 0)
            #expect(cli.stderr.contains("funds.state in \(cli.ledgerPath)/index is damaged ("), "\(what): \(cli.stderr)")
        }
        try PosixFile.writeAtomically(Array(good.dropLast(10)), to: statePath)
        cli.run(["verify", "--index", "--lang", "zh"])
        let line = cli.stdout.split(separator: "\n").first { $0.contains("funds.state") }
        #expect(line?.contains("funds.state 已损坏（") == true && line?.firstMatch(of: english) == nil, "\(cli.stdout)")
    }

    @Test func aDiscardedTornTailIsNotedInTheCommandsLanguage() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let log = cli.ledgerPath + "/events.jsonl"
        let committed = try PosixFile.readRegularFile(log, bytesMax: 1 << 24).bytes
        try PosixFile.writeAtomically(committed + Array("{\"ha".utf8), to: log)
        #expect(cli.run(["append", "--lang", "zh"], stdin: Self.income) == 0)
        #expect(cli.stderr == "注意：已丢弃偏移 \(committed.count) 处 4 字节的残缺尾部（不完整的最后一行）：那是一次从未确认完成的追加。\n", "\(cli.stderr)")
        let longer = try PosixFile.readRegularFile(log, bytesMax: 1 << 24).bytes
        try PosixFile.writeAtomically(longer + Array("{\"ha".utf8), to: log)
        #expect(cli.run(["append", "--lang", "en"], stdin: Self.income) == 0)
        #expect(cli.stderr == "notice: discarded the torn tail of 4 bytes at offset \(longer.count) (a partial last line): an append that was never acknowledged.\n",
                "\(cli.stderr)")
    }

    @Test func aFileErrorInChinese() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let out = cli.temp.path + "/no-such-folder/list.txt"
        #expect(cli.run(["rectify", "--as-of", "2025-01-01", "--out", out, "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：") && cli.stderr.contains("失败：没有这个文件或目录（errno 2）"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("failed") && !cli.stderr.contains("No such file"), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--as-of", "2025-01-01", "--out", out, "--lang", "en"]) == 2)
        #expect(cli.stderr.contains("failed: No such file or directory (errno 2)"), "\(cli.stderr)")
    }

    @Test func aWitnessRefusalInChinese() throws {
        let cli = CLIHarness()
        #expect(cli.run(["witness", "init", "--witness", "bureau"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--lang", "zh"], addLedger: false) == 2)
        #expect(cli.stderr.hasPrefix("错误：") && cli.stderr.contains("已存在且不是空目录；见证方须建在新目录中（其密钥从不覆盖）"), "\(cli.stderr)")
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--lang", "en"], addLedger: false) == 2)
        #expect(cli.stderr.contains("already exists and is not empty; a witness is made in a new directory"), "\(cli.stderr)")
    }
}
