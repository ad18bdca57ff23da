import Foundation
import LedgerChain
import LedgerCLI
import LedgerMerkle
@testable import LedgerPlatform
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 40f's minor findings about `index/` (session 41): a directory in a derived file's place told once per
/// command, `verify --index` reporting the Merkle index's two files, a foreign `merkle.idx` not told as removed
/// records, `rectify.state` read once by `verify --index`.
@Suite struct ReviewFortyIndexTests {
    /// The `note:` / `注意：` lines a command wrote on standard error (or standard output, where an import writes them).
    func notices(_ cli: CLIHarness, naming file: String) -> [String] {
        (cli.stderr + cli.stdout).split(separator: "\n").map(String.init)
            .filter { ($0.hasPrefix("note:") || $0.hasPrefix("注意：")) && $0.contains(file) }
    }

    /// A directory where `index/checks.state` belongs: `append` and `import` found it in the shared rebuild
    /// (`IndexRebuild.ensure`) and again when the checks' state was opened, and said the notice twice. Once now, in
    /// both languages, on every run while the directory is there; the answer is the log's.
    @Test(arguments: ["en", "zh"]) func aDirectoryInTheChecksPlaceIsSaidOnce(_ language: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: ImportCommandTests.community + "\n") == 0)
        let path = cli.ledgerPath + "/index/checks.state"
        try? FileManager.default.removeItem(atPath: path)
        try PosixFile.makeDirectory(path)
        let marker = language == "en" ? "\(path) is a directory, where the derived file checks.state belongs" : "\(path) 是一个目录，而此处应是派生文件 checks.state"
        for round in 0..<2 {
            let event = #"{"type":"fund.opened","occurred_on":"2024-02-01","data":{"fund_id":"F-\#(round)","community_id":"C-1","kind":"maintenance","account":"6222-\#(round)"}}"#
            #expect(cli.run(["append", "--lang", language], stdin: event + "\n") == 0, "\(cli.stderr)")
            var said = notices(cli, naming: "checks.state")
            #expect(said.count == 1 && said[0].contains(marker), "append: \(cli.stderr)")
            try PosixFile.writeAtomically(Array(ImportCommandTests.register.replacingOccurrences(of: "A-", with: "A\(round)-")
                .replacingOccurrences(of: ",东门,", with: ",东门\(round),").replacingOccurrences(of: ",3号楼,", with: ",3号楼\(round),").utf8),
                                          to: cli.temp.path + "/r\(round).csv")
            #expect(cli.run(["import", "assets", "r\(round).csv", "--lang", language]) == 0, "\(cli.stderr)\(cli.stdout)")
            said = notices(cli, naming: "checks.state")
            #expect(said.count == 1 && said[0].contains(marker), "import: \(cli.stderr)\(cli.stdout)")
        }
        #expect(cli.run(["verify"]) == 0)
    }

    /// Flips the low bit of the byte at `offset` of the file at `path`.
    func flip(_ path: String, at offset: Int64) throws {
        let file = try PosixFile(path: path, mode: .readWrite)
        defer { file.close() }
        var byte: [UInt8] = []
        try file.read(at: offset, count: 1, into: &byte)
        try file.write([byte[0] ^ 0x01], at: offset)
    }

    /// `verify --index` never reported `index/merkle.idx` and `index/offsets.idx` (review 40f). They are reported
    /// when there (a checkpoint made them): intact and extended to the head; a leaf changed in the middle — which
    /// prove's own check of the headers and the last record lets through — reported as damage naming the file and
    /// the byte, the other file said to be rebuilt with it, the log not affected and the exit status the log's; in
    /// Chinese and in JSON too.
    @Test func verifyIndexReportsTheMerkleIndex() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "badaguan"]) == 0)
        #expect(cli.run(["append"], stdin: AuditCommandTests.events) == 0)
        #expect(cli.run(["verify", "--index"]) == 0 && !cli.stdout.contains("merkle.idx"), "absent: not reported")
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp1.txt"]) == 0)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: merkle.idx intact (made at record 3); rebuilt from the log at record 3\n"
                                    + "index: offsets.idx intact (made at record 3); rebuilt from the log at record 3\n"), "\(cli.stdout)")
        let merkle = cli.ledgerPath + "/index/merkle.idx"
        // Leaf 2 (slot 1).
        try flip(merkle, at: 32 + 32 + 7)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)")
        #expect(cli.stdout.contains("index: DAMAGED — merkle.idx is damaged (the node at byte 64 of merkle.idx does not match the log); "
                                    + "rebuilt from the log at record 3. The log is not affected; every proof made from the index is checked "
                                    + "against the signed root before it is output, so no proof came from it.\n"), "\(cli.stdout)")
        #expect(cli.stdout.contains("index: offsets.idx not checked (rebuilt with merkle.idx, which is damaged)\n"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: merkle.idx intact (made at record 3)"), "rebuilt")
        try flip(merkle, at: 32 + 32 + 7)
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("索引：已损坏——merkle.idx 已损坏（merkle.idx 第 64 字节处的节点与日志不符）；已在记录 3 处从日志重建。"), "\(cli.stdout)")
        try flip(cli.ledgerPath + "/index/offsets.idx", at: 32 + 8 + 7)
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(cli.stdout.contains(#""offsets.idx":{"detail":"damaged (the offset of record 2 in offsets.idx is not its line's in the log)","rebuilt_at":3,"status":"damaged"}"#),
                "\(cli.stdout)")
        #expect(cli.stdout.contains(#""merkle.idx":{"detail":"rebuilt with offsets.idx, which is damaged","rebuilt_at":3,"status":"not_checked"}"#),
                "\(cli.stdout)")
        // A proof afterwards still comes from the index, and verifies.
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "b.json"]) == 0 && cli.stderr.isEmpty, "\(cli.stderr)")
    }

    /// Review 44b #1: a log rewritten from record 2 on (same length, every later hash and link made again) verifies as
    /// it is now, and the Merkle index made before still holds the earlier history: its last leaf is not the log's.
    /// That was reported as harmless damage ("The log is not affected"); now it says either may have changed and
    /// points to the checkpoint. A leaf changed in the middle, the last one matching, stays damage (above).
    @Test func aRewrittenLogIsNotToldAsHarmlessIndexDamage() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "badaguan"]) == 0)
        #expect(cli.run(["append"], stdin: AuditCommandTests.events + AuditCommandTests.more(3)) == 0)
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp1.txt"]) == 0)
        let path = cli.ledgerPath + "/events.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[3].contains("6222-90"))
        lines[3] = lines[3].replacingOccurrences(of: "6222-90", with: "6222-91")
        for k in 3..<lines.count {
            var line = Array(lines[k].utf8)
            // {"hash":"<64>","prev":"<64>",…
            line.replaceSubrange(83..<147, with: Array(String(lines[k - 1].dropFirst(9).prefix(64)).utf8))
            let digest = RecordCodec.hashedBytesDigest(line: line[...], hasher: SHA256())
            line.replaceSubrange(9..<73, with: Array(digest.hex.utf8))
            lines[k] = String(decoding: line, as: UTF8.self)
        }
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
        try? FileManager.default.removeItem(atPath: cli.ledgerPath + "/acknowledged")
        _ = cli.run(["verify", "--index"])
        let merkle = cli.stdout.split(separator: "\n").first { $0.hasPrefix("index: DAMAGED — merkle.idx") }.map(String.init) ?? ""
        #expect(merkle.contains("Either the index was damaged or the log was changed after the index was made")
                && merkle.contains("ledger verify --checkpoint") && !merkle.contains("The log is not affected"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub"]) != 0, "the checkpoint tells the rewrite")
    }

    /// `verify --index` read `index/rectify.state` twice: whole for its body's checksum, then again for the
    /// comparison with the file the log gives. The bytes checked are now the ones compared (`checkedParts`): with
    /// every later open of the file refused, they are still the file's.
    @Test func rectifyStateIsReadOnceForItsChecksumAndTheComparison() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: DerivedStateCommandTests.income) == 0)
        #expect(cli.run(["rectify"]) == 0, "\(cli.stderr)")
        let path = cli.ledgerPath + "/index/rectify.state"
        let bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 24).bytes
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        guard case .usable(let stored)? = RectifyState.open(directory) else { Issue.record("no usable rectify.state"); return }
        FileFaults.plan("open", under: path, code: EACCES)
        let checked = stored.checkedParts()
        FileFaults.clear(pathPrefix: path)
        stored.close()
        #expect(checked == .whole(bytes))
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: rectify.state intact"), "\(cli.stdout)")
    }

    /// The Merkle index's rebuild notice (`SystemWords.merkleRebuilt`) in the language asked: Chinese under
    /// `--lang zh` (its reason too), English otherwise; one line each, the proof made.
    @Test(arguments: ["en", "zh"]) func theMerkleRebuildNoticeSpeaksTheLanguageAsked(_ language: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "badaguan"]) == 0)
        #expect(cli.run(["append"], stdin: AuditCommandTests.events) == 0)
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp1.txt"]) == 0)
        let merkle = cli.ledgerPath + "/index/merkle.idx"
        try flip(merkle, at: 3)
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "b.json", "--lang", language]) == 0, "\(cli.stderr)")
        let expected = language == "zh" ? "注意：默克尔索引已从日志重建（merkle.idx 的文件头不是 ledger-merkle/v1）\n"
                                         : "note: index rebuilt from the log (merkle.idx header is not ledger-merkle/v1)\n"
        #expect(cli.stderr == expected, "\(cli.stderr)")
    }

    /// `checkpoint` brings the Merkle index to the head and rebuilt a damaged one without a word (defects41): it
    /// now tells a rebuild as `prove` does — a damaged header (found by the index's own check) and a leaf changed in
    /// the middle (found only because the index's root is not the one just signed) — and the checkpoint is written.
    @Test func checkpointTellsTheMerkleIndexRebuilt() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "badaguan"]) == 0)
        #expect(cli.run(["append"], stdin: AuditCommandTests.events) == 0)
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp1.txt"]) == 0)
        #expect(cli.stderr.isEmpty, "a first checkpoint makes the index: \(cli.stderr)")
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        #expect(cli.stderr.isEmpty, "an intact index: \(cli.stderr)")
        let merkle = cli.ledgerPath + "/index/merkle.idx"
        try flip(merkle, at: 3)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp3.txt"]) == 0)
        #expect(cli.stderr == "note: index rebuilt from the log (merkle.idx header is not ledger-merkle/v1)\n", "\(cli.stderr)")
        // Slot 2 in post-order is the parent of leaves 1 and 2, on the root's path; the last leaf (slot 3) is intact.
        try flip(merkle, at: 32 + 2 * 32 + 7)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp4.txt", "--lang", "zh"]) == 0)
        #expect(cli.stderr == "注意：默克尔索引算不出签名的根；已从日志重建\n", "\(cli.stderr)")
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: merkle.idx intact"), "\(cli.stdout)")
        #expect(cli.run(["prove", "2", "--checkpoint", "cp4.txt", "--out", "b.json"]) == 0 && cli.stderr.isEmpty, "\(cli.stderr)")
    }
}
