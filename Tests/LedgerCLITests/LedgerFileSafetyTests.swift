import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Files inside the ledger directory are the files themselves: a symbolic link planted as one of them is refused
/// with a clear message and never followed, and a damaged index never gives a false integrity failure (issue 18,
/// items 6 and 7).
@Suite struct LedgerFileSafetyTests {
    @Test("a ledger whose files are symbolic links is refused by every command, and nothing outside is touched",
          arguments: ["events.jsonl", "ledger.json", "lock", "index/merkle.idx", "index/offsets.idx", "index/merkle.lock",
                       // The id index's levels (ledger-spec.md 15.3) and version 1's leftover second table.
                       "index/ids", "index/ids-2", "index/ids-24", "index/ids-recent"])
    func plantedLinksAreRefused(_ name: String) throws {
        let cli = OutputSafetyTests.prepared()
        #expect(cli.run(["prove", "1", "--checkpoint", "cp.txt", "--out", "p.json"]) == 0)
        let victim = cli.temp.path + "/victim.bin"
        let original = Array("someone else's file\n".utf8)
        FileManager.default.createFile(atPath: victim, contents: Data(original))
        let path = cli.ledgerPath + "/" + name
        // The ledger's own file moves aside (so its contents are still there to point at) and a link takes its place.
        let aside = cli.temp.path + "/aside"
        if PosixFile.exists(path) { try FileManager.default.moveItem(atPath: path, toPath: aside) }
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        for command in [["append"], ["verify"], ["log"], ["prove", "1", "--checkpoint", "cp.txt"],
                        ["checkpoint", "--key", "office.key"], ["import", "assets", "reg.csv", "--allow-partial"]] {
            let status = cli.run(command, stdin: CoreCommandTests.extra + "\n")
            #expect(status == 2, "\(command) with \(name) a link: status \(status) \(cli.stderr)")
            #expect(cli.stderr.contains("symbolic link") && cli.stderr.contains(name), "\(command): \(cli.stderr)")
            #expect(try PosixFile(path: victim, mode: .read).readAll() == original, "\(command) wrote through \(name)")
        }
    }

    @Test("a ledger file that is a FIFO is refused instead of hanging")
    func fifoInTheLedgerIsRefused() throws {
        let cli = OutputSafetyTests.prepared()
        let path = cli.ledgerPath + "/events.jsonl"
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        #expect(cli.run(["verify"]) == 2)
        #expect(cli.stderr.contains("events.jsonl") && cli.stderr.contains("not a regular file"), "\(cli.stderr)")
    }

    /// A derived file of `index/` that is a FIFO — say left by a tool, or planted — is refused by its kind without
    /// being opened (opening a FIFO for reading can wait for a writer for ever, and one held open by another
    /// process would hand over its bytes), and rebuilt as a damaged file is: the usual one-line notice, naming what
    /// the path is, and a regular file in its place afterwards (the FIFO is replaced by the rename, never written
    /// into). It said "not a LEDGER-SCOPES file" for `scopes`, and `fund-totals` stayed a FIFO, "rebuilt" every run.
    @Test("a derived file of index/ that is a FIFO is rebuilt as a damaged one, never opened",
          arguments: [("scopes", ["assets", "--community", "C-HY"]), ("checks.state", ["append", "--actor", "clerk"]),
                      ("fund-totals", ["balances"]), ("mentions", ["show", "A-HY-P01"]), ("assets.state", ["assets"])])
    func aFIFOInTheIndexIsRebuilt(_ name: String, _ command: [String]) throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let path = cli.ledgerPath + "/index/" + name
        try? FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        let line = #"{"type":"fund.income","occurred_on":"2025-05-01","data":{"fund_id":"F-HY-PI","amount_fen":100,"counterparty":"某公司","voucher":"V-FIFO","category":"other"}}"#
        #expect(cli.run(command, stdin: line + "\n") == 0, "\(cli.stderr)")
        let notice = cli.stderr.split(separator: "\n").filter { $0.contains(name) }
        #expect(notice == ["note: \(name) in \(cli.ledgerPath)/index is damaged (\(path) is a FIFO (named pipe), not a regular file); rebuilt from the log (answers are unaffected)."],
                "\(cli.stderr)")
        #expect(PosixFile.kind(at: path, followLinks: false) == .regular)
        // Once rebuilt, nothing more is said.
        #expect(cli.run(command, stdin: line + "\n") == 0 && !cli.stderr.contains(name), "\(cli.stderr)")
    }

    @Test("a damaged index (both index files one inode) never makes prove report a false mismatch")
    func hardLinkedIndexFallsBackToTheLog() throws {
        let cli = OutputSafetyTests.prepared()
        #expect(cli.run(["prove", "2", "--checkpoint", "cp.txt", "--out", "p1.json"]) == 0, "\(cli.stderr)")
        let index = cli.ledgerPath + "/index/"
        try FileManager.default.removeItem(atPath: index + "offsets.idx")
        try FileManager.default.linkItem(atPath: index + "merkle.idx", toPath: index + "offsets.idx")
        let status = cli.run(["prove", "2", "--checkpoint", "cp.txt", "--out", "p2.json"])
        #expect(status == 0, "prove on a damaged index: \(status) \(cli.stderr)")
        #expect(!cli.stderr.contains("does not match"))
        #expect(cli.run(["check-proof", "p2.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
        #expect(cli.run(["verify", "--checkpoint", "cp.txt", "--pubkey", "office.key.pub"]) == 0)
    }
}
