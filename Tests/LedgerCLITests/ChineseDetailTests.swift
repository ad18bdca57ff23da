import LedgerCLI
import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// What was still English under `--lang zh` (#15): the technical detail of a derived-state notice, a record-id
/// clash's comparison, an unreadable `LEDGER/acknowledged`, the `(checkpoint)` label of a proof's refusal.
@Suite struct ChineseDetailTests {
    static func english(_ text: String) -> String? { AuditChineseRefusalTests.englishPhrase(in: text) }

    func damagedFunds(_ cli: CLIHarness) throws {
        let path = try LedgerDirectory.open(cli.ledgerPath).indexPath + "/funds.state"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        bytes[bytes.count - 3] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
    }

    @Test func aDamagedIndexFileIsNoticedInChinese() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["balances"]) == 0)
        // The first whole-city balances kept only fund-totals; a question they do not answer builds funds.state.
        #expect(cli.run(["balances", "--by", "month"]) == 0)
        try damagedFunds(cli)
        // Whole-city balances answer from fund-totals while it is fresh: without it, funds.state is read.
        try PosixFile.remove(try LedgerDirectory.open(cli.ledgerPath).indexPath + "/fund-totals")
        #expect(cli.run(["balances", "--lang", "zh"]) == 0)
        #expect(cli.stderr.contains("funds.state 已损坏（校验和不符：被截短或改动过）；已从日志重建"), "\(cli.stderr)")
        #expect(Self.english(cli.stderr) == nil, "English left in: \(cli.stderr)")
        try damagedFunds(cli)
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0)
        let damaged = cli.stdout.split(separator: "\n").filter { $0.hasPrefix("索引：已损坏") }.map(String.init)
        #expect(damaged.count == 1 && damaged[0].contains("funds.state 已损坏（校验和不符：被截短或改动过）；"), "\(cli.stdout)")
        #expect(Self.english(cli.stdout) == nil, "English left in: \(cli.stdout)")
        try damagedFunds(cli)
        #expect(cli.run(["verify", "--index", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("index: DAMAGED — funds.state is damaged (checksum does not match: truncated or altered);"), "\(cli.stdout)")
    }

    @Test func anIdClashSaysWhatDiffersInChinese() throws {
        let cli = AppendOnePassTests().demo()
        let input = #"{"id":"X-9","type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount":"300","counterparty":"某公司","category":"广告","voucher":"V4"}}"# + "\n"
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: input) == 0)
        let again = input.replacingOccurrences(of: "\"300\"", with: "\"400\"")
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z", "--lang", "zh"], stdin: again) == 2)
        #expect(cli.stderr.contains("且内容不同（data.amount_fen（金额（分））原记录为 30000，本次为 40000）"), "\(cli.stderr)")
        #expect(Self.english(cli.stderr) == nil, "English left in: \(cli.stderr)")
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z", "--lang", "en"], stdin: again) == 2)
        #expect(cli.stderr.contains("with different content (data.amount_fen 30000 vs 40000)"), "\(cli.stderr)")
    }

    @Test func anUnreadableAcknowledgedFileInChinese() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        try PosixFile.writeAtomically(Array("garbage\n".utf8), to: directory.acknowledgedPath)
        #expect(cli.run(["append", "--lang", "zh"], stdin: CoreCommandTests.extra) != 0)
        #expect(cli.stderr.contains("无法读取（它有 8 字节"), "\(cli.stderr)")
        #expect(Self.english(cli.stderr) == nil, "English left in: \(cli.stderr)")
        #expect(cli.run(["append", "--lang", "en"], stdin: CoreCommandTests.extra) != 0)
        #expect(cli.stderr.contains("cannot be read (it is 8 bytes: neither two slots"), "\(cli.stderr)")
    }

    @Test func aProofsCheckpointIsNamedInChinese() {
        let audit = AuditCommandTests()
        let cli = audit.prepared()
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "b.json"]) == 0)
        #expect(cli.run(["keygen", "--out", "other.key"], addLedger: false) == 0)
        #expect(cli.run(["check-proof", "b.json", "--pubkey", "other.key.pub", "--lang", "zh"], addLedger: false) == 1)
        #expect(cli.stderr.contains("证明被拒绝（REJECTED）：b.json 中的检查点：没有密钥 other+"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("(checkpoint)"), "\(cli.stderr)")
        #expect(cli.run(["check-proof", "b.json", "--pubkey", "other.key.pub", "--lang", "en"], addLedger: false) == 1)
        #expect(cli.stderr.contains("b.json (checkpoint): not signed by the key other+"), "\(cli.stderr)")
    }
}
