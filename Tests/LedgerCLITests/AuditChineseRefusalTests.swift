import LedgerCLI
import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The auditor's and witness's refusals under `--lang zh`: wholly Chinese (they were LedgerMerkle's English inside
/// Chinese messages), with the exit codes and the English under `--lang en` unchanged.
@Suite struct AuditChineseRefusalTests {
    let audit = AuditCommandTests()

    /// Three lower-case English words in a row outside “”: an English sentence left in a Chinese message.
    static func englishPhrase(in text: String) -> String? {
        var outside = ""
        var depth = 0
        for c in text {
            if c == "“" { depth += 1 } else if c == "”" { depth -= 1 } else if depth == 0 { outside.append(c) }
        }
        return outside.firstMatch(of: /[a-z]{2,}[ ,;:]+[a-z]{2,}[ ,;:]+[a-z]{2,}/).map { String($0.output) }
    }

    func expectChinese(_ cli: CLIHarness, _ arguments: [String], exit: Int32, contains: String, english: String,
                       addLedger: Bool = true) {
        #expect(cli.run(arguments + ["--lang", "en"], addLedger: addLedger) == exit)
        #expect(cli.stderr.contains(english), "\(cli.stderr)")
        #expect(cli.run(arguments + ["--lang", "zh"], addLedger: addLedger) == exit)
        #expect(cli.stderr.contains(contains), "\(cli.stderr)")
        #expect(Self.englishPhrase(in: cli.stderr) == nil, "English left in: \(cli.stderr)")
    }

    @Test func proveAndConsistencyRefusals() {
        let cli = audit.prepared()
        expectChinese(cli, ["prove", "500", "--checkpoint", "cp1.txt", "--out", "b.json"], exit: 2,
                      contains: "记录 500 不在 cp1.txt 的覆盖范围内（它覆盖记录 1…3）；请先签署一个较新的检查点",
                      english: "record 500 is not covered by cp1.txt, which covers records 1…3; make a newer checkpoint first")
        expectChinese(cli, ["consistency", "--from", "9", "--checkpoint", "cp1.txt", "--out", "req.txt"], exit: 2,
                      contains: "但 9 多于 cp1.txt 的 3 条记录", english: "but 9 is more than the 3 records of cp1.txt")
        audit.write(cli, "bad.txt", Array("not a checkpoint\n".utf8))
        expectChinese(cli, ["prove", "1", "--checkpoint", "bad.txt", "--out", "b.json"], exit: 2,
                      contains: "bad.txt：不是签名的检查点：正文和签名之间没有空行",
                      english: "bad.txt: not a signed checkpoint: no blank line between the text and the signatures")
    }

    @Test func proveOfARewrittenLogIsAnIntegrityFailure() throws {
        let cli = audit.prepared()
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(2)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        // Drop the last record: the log is shorter than the checkpoint, which prove must call a mismatch.
        let log = cli.temp.path + "/ledger/events.jsonl"
        var lines = try PosixFile(path: log, mode: .read).readAll().split(separator: 0x0A, omittingEmptySubsequences: true)
        lines.removeLast()
        try PosixFile.writeAtomically(lines.flatMap { $0 + [0x0A] }, to: log)
        expectChinese(cli, ["prove", "2", "--checkpoint", "cp2.txt", "--out", "b.json"], exit: 1,
                      contains: "日志与 cp2.txt 不符：它的前 5 条记录不是该检查点所签的那些（或日志更短）。请运行“ledger verify --checkpoint cp2.txt --pubkey PUB”查看改动了什么。",
                      english: "the log does not match cp2.txt: its first 5 records are not the ones that checkpoint signed (or the log is shorter). Run `ledger verify --checkpoint cp2.txt --pubkey PUB` to see what changed.")
    }

    @Test func checkProofRefusals() {
        let cli = audit.prepared()
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "b.json"]) == 0)
        #expect(cli.run(["keygen", "--out", "other.key"], addLedger: false) == 0)
        expectChinese(cli, ["check-proof", "b.json", "--pubkey", "other.key.pub"], exit: 1,
                      contains: "证明被拒绝（REJECTED）：b.json 中的检查点：没有密钥 other+", english: "b.json (checkpoint): not signed by the key other+",
                      addLedger: false)
        #expect(cli.stderr.contains("请确认用的是街道办公开的公钥"))
        var bytes = audit.file(cli, "b.json")
        bytes.insert(0x20, at: 1)
        audit.write(cli, "spaced.json", bytes)
        expectChinese(cli, ["check-proof", "spaced.json", "--pubkey", "office.key.pub"], exit: 1,
                      contains: "spaced.json：不是有效的证明包：文件不是规范格式", english: "spaced.json: not a valid proof bundle: the file is not in canonical form",
                      addLedger: false)
        expectChinese(cli, ["check-proof", "b.json", "--pubkey", "office.key"], exit: 2,
                      contains: "office.key：不是账本密钥文件：这是私钥", english: "office.key: not a ledger key file: this is a private key",
                      addLedger: false)
    }

    @Test func witnessRefusals() {
        let cli = audit.prepared()
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan"], addLedger: false) == 0)
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0)
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(2)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        expectChinese(cli, ["witness", "cosign", "cp2.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], exit: 2,
                      contains: "这个见证方上次副署了账本“badaguan”的 3 条记录；请给出 --consistency-from FILE",
                      english: "this witness last cosigned 3 records of log \"badaguan\"", addLedger: false)
        #expect(cli.run(["keygen", "--out", "other.key"], addLedger: false) == 0)
        expectChinese(cli, ["witness", "cosign", "cp2.txt", "--pubkey", "other.key.pub", "--witness", "bureau"], exit: 1,
                      contains: "未副署：cp2.txt：没有密钥 other+", english: "not cosigned: cp2.txt: not signed by the key other+", addLedger: false)
        expectChinese(cli, ["witness", "status", "--witness", "nowhere"], exit: 2,
                      contains: "nowhere 不是见证目录：它没有 witness.key 和 logs/；请用“ledger witness init”建立见证方",
                      english: "nowhere is not a witness directory", addLedger: false)
    }
}

/// The scanner's reasons inside an integrity failure are Chinese under `--lang zh` (#15): verify and append.
@Suite struct ChainChineseReasonTests {
    @Test func acknowledgedRecordsLostInChinese() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        TestLedger.writeLog(Array(TestLedger.logBytes(directory).dropLast(40)), to: directory)
        #expect(cli.run(["verify", "--lang", "zh"]) == 1)
        #expect(cli.stdout.contains("问题：已确认的记录丢失了：写入者确认的记录到序号 3 为止（\(cli.ledgerPath)/acknowledged），但日志中已提交的记录止于序号 0"), "\(cli.stdout)")
        #expect(AuditChineseRefusalTests.englishPhrase(in: cli.stdout) == nil, "English left in: \(cli.stdout)")
        #expect(cli.run(["append", "--lang", "zh"], stdin: CoreCommandTests.extra) == 1)
        #expect(cli.stderr.contains("已确认的记录丢失了：") && cli.stderr.contains("账本没有任何改动"), "\(cli.stderr)")
        // The refusal itself (a derived-state notice before it keeps its technical detail in brackets).
        let refusal = cli.stderr.split(separator: "\n").first { $0.hasPrefix("错误：") }.map(String.init) ?? ""
        #expect(refusal.contains("已确认的记录丢失了："))
        #expect(AuditChineseRefusalTests.englishPhrase(in: refusal) == nil, "English left in: \(refusal)")
    }

    /// A ledger name that is not one word: said once, in the language asked (it was English under zh, the name twice).
    @Test func aBadLedgerNameInEitherLanguage() {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "a b", "--lang", "zh"]) == 2)
        #expect(cli.stderr == "错误：账本名称“a b”含有空格、引号、反斜杠或控制字符；名称须是一个连续的词，如 badaguan-2024\n", "\(cli.stderr)")
        #expect(cli.run(["init", "--name", "a b", "--lang", "en"]) == 2)
        #expect(cli.stderr == "error: ledger name \"a b\" contains a space, quote, backslash or control character; a name is one word like badaguan-2024\n", "\(cli.stderr)")
    }

    /// keygen refuses a device for --out in the language asked (it was English under zh).
    @Test func keygenToADeviceInEitherLanguage() {
        let cli = CLIHarness()
        #expect(cli.run(["keygen", "--out", "/dev/null", "--lang", "zh"], addLedger: false) == 2)
        #expect(cli.stderr == "错误：--out “/dev/null”是字符设备；密钥对要写入一个新的普通文件并保存在那里。请给出文件名，例如 --out office.key。\n", "\(cli.stderr)")
        #expect(cli.run(["keygen", "--out", "/dev/null", "--lang", "en"], addLedger: false) == 2)
        #expect(cli.stderr.hasPrefix("error: --out \"/dev/null\" is a character device;"), "\(cli.stderr)")
    }

    /// `verify --index` reports each derived file in the language asked (review A: always English before).
    @Test func verifyIndexInChinese() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["balances"]) == 0)
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0)
        let lines = cli.stdout.split(separator: "\n").filter { $0.hasPrefix("索引：") }.map(String.init)
        #expect(lines.contains { $0.hasPrefix("索引：ids 完好（生成于记录 3）；已在记录 3 处从日志重建") }, "\(cli.stdout)")
        #expect(lines.contains { $0.hasPrefix("索引：funds.state ") }, "\(cli.stdout)")
        for line in lines { #expect(AuditChineseRefusalTests.englishPhrase(in: line) == nil, "English left in: \(line)") }
        #expect(!cli.stdout.contains("index: "), "\(cli.stdout)")
        let path = try LedgerDirectory.open(cli.ledgerPath).indexPath + "/funds.state"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        bytes[bytes.count - 3] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("索引：已损坏——funds.state 已损坏（") && cli.stdout.contains("日志不受影响；各命令在使用前先检查该状态"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--index", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("index: ids intact (made at record 3); rebuilt from the log at record 3\n"), "\(cli.stdout)")
    }

    /// A first record line broken in its layout (the scanner's own reasons) reads wholly Chinese under zh and keeps
    /// its English words under en.
    @Test("a record line's layout problem in Chinese", arguments: [
        (#""seq":1,"#, #""seq":0,"#, #""seq" is not an integer from 1"#, #"“seq”不是以普通十进制写出的 1 至"#),
        (#""type":""#, #""type":"X"#, #""type" is not a type name"#, #"“type”不是类型名"#),
        (#""hash":""#, #""hash":"G"#, #""hash" is not 64 lower-case hex digits"#, #"“hash”不是 64 位小写十六进制数字"#),
        (#""prev":"#, #""prev" :"#, #"expected "#, #"字节处应为"#),
    ])
    func layoutProblemInChinese(_ from: String, _ to: String, english: String, chinese: String) throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var text = String(decoding: TestLedger.logBytes(directory), as: UTF8.self)
        let range = try #require(text.range(of: from))
        text.replaceSubrange(range, with: to)
        TestLedger.writeLog(Array(text.utf8), to: directory)
        #expect(cli.run(["verify", "--lang", "en"]) == 1)
        #expect(cli.stdout.contains("not a record line: " + english) || cli.stdout.contains(english), "\(cli.stdout)")
        #expect(cli.run(["verify", "--lang", "zh"]) == 1)
        let line = cli.stdout.split(separator: "\n").first { $0.contains("不是记录行") }.map(String.init) ?? ""
        #expect(line.contains(chinese), "\(cli.stdout)")
        #expect(AuditChineseRefusalTests.englishPhrase(in: line) == nil, "English left in: \(line)")
    }
}
