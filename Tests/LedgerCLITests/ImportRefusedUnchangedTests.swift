import Foundation
import LedgerCLI
import LedgerChain
import LedgerPlatform
import LedgerProjections
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// A refused `ledger import assets` (a bad row, a duplicate id, a row naming an unknown community) changes nothing:
/// the log, its acknowledged head and every file of `index/` keep their bytes — with the stored state at the head
/// (`index/checks.state` version 2 with its `I` entries, the id tables), which the import reads and never needs to
/// write then. An accepted import after the refused ones finds the earlier import of its file from the state.
@Suite struct ImportRefusedUnchangedTests {
    /// Every file under the ledger directory (the lock file aside) and its bytes.
    static func snapshot(_ path: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let files = FileManager.default.enumerator(atPath: path)!
        while let name = files.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue,
                  name != "lock" else { continue }
            out[name] = try PosixFile(path: path + "/" + name, mode: .read).readAll()
        }
        return out
    }

    @Test func aRefusedImportLeavesTheLedgerAndIndexByteIdentical() throws {
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(SyntheticRegister.communities(6), to: directory)
        let good = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C00003,车位,车位1,东门,12.5,2024-03-01\nA-2,C00005,屋顶,屋顶,3号楼,860,2024-03-05\n"
        try PosixFile.writeAtomically(Array(good.utf8), to: cli.temp.path + "/good.csv")
        #expect(cli.run(["import", "assets", "good.csv", "--actor", "t"]) == 0, "\(cli.stdout)\(cli.stderr)")
        // A query brings nothing of the import's into question; the state the import wrote is the one kept.
        #expect(PosixFile.exists(CheckState.path(directory)))
        let refused = [
            "编号,小区,类型,名称,位置,面积,登记日期\nA-3,C00003,车位,车位3,东门,abc,2024-03-01\n",
            "编号,小区,类型,名称,位置,面积,登记日期\nA-4,C00003,车位,车位4,东门,1,2024-03-01\nA-4,C00004,车位,车位4,东门,1,2024-03-01\n",
            "编号,小区,类型,名称,位置,面积,登记日期\nA-5,C-NONE,车位,车位5,东门,1,2024-03-01\n",
            "编号,小区,类型,名称,位置,面积,登记日期\nA-6,C00002,车位,车位6,东门,1,2020-01-01\n",
        ]
        for (n, text) in refused.enumerated() {
            try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/bad\(n).csv")
            let before = try Self.snapshot(cli.ledgerPath)
            #expect(before.keys.contains("index/checks.state"), "\(before.keys.sorted())")
            for arguments in [["import", "assets", "bad\(n).csv", "--actor", "t"], ["import", "assets", "bad\(n).csv", "--actor", "t", "--json"]] {
                #expect(cli.run(arguments) == 2, "bad\(n): \(cli.stdout)\(cli.stderr)")
                let after = try Self.snapshot(cli.ledgerPath)
                #expect(after.keys.sorted() == before.keys.sorted(), "bad\(n): \(after.keys.sorted())")
                for (name, bytes) in before { #expect(after[name] == bytes, "bad\(n): \(name) changed") }
            }
        }
        // The same file again: already imported, found from the state's I entries.
        #expect(cli.run(["import", "assets", "good.csv", "--actor", "t"]) == 0)
        #expect(cli.stdout.contains("Nothing to import: this file was already imported (imp-"), "\(cli.stdout)")
    }
}
