import LedgerChain
import LedgerPlatform
import Testing

/// An erasure removes the kept street lists (`index/rectify.list` and its patch): they are rendered, names included,
/// and a list kept as a patch leaves its file's bytes as they were (review 46d F1: an erased occupant stayed in clear
/// in `rectify.list` after later lists were kept as patches). ledger-spec.md 10.3: step 3 deletes them.
@Suite struct ErasureKeptListTests {
    @Test func anErasureRemovesTheKeptStreetLists() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: PersonalDataCommandTests.events) == 0, "\(cli.stderr)")
        let list = ["rectify", "--street", "八大关街道", "--as-of", "2024-06-30", "--prepared-on", "2024-06-30"]
        #expect(cli.run(list) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("张三"), "\(cli.stdout)")
        let kept = cli.ledgerPath + "/index/rectify.list", patch = cli.ledgerPath + "/index/rectify.list-patch"
        let before = try PosixFile(path: kept, mode: .read).readAll()
        #expect(String(decoding: before, as: UTF8.self).contains("张三"), "the kept list holds the name: the test means something")
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--actor", "dpo"]) == 0, "\(cli.stderr)")
        #expect(!PosixFile.exists(kept) && !PosixFile.exists(patch))
        // The list made again shows the erasure, and what it keeps holds no name.
        #expect(cli.run(list) == 0, "\(cli.stderr)")
        #expect(!cli.stdout.contains("张三"), "\(cli.stdout)")
        for file in [kept, patch] where PosixFile.exists(file) {
            #expect(!String(decoding: try PosixFile(path: file, mode: .read).readAll(), as: UTF8.self).contains("张三"), "\(file)")
        }
    }
}
