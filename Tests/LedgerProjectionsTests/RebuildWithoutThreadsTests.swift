import LedgerChain
@testable import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The shared rebuild (a pipeline of two stages, files written on two threads) where the system gives no thread:
/// the same files, byte for byte, as with threads, not a stopped command.
@Suite struct RebuildWithoutThreadsTests {
    @Test(arguments: [(UInt64(0x30A0_0001), IndexRebuild.Files.all), (0x30A0_0002, .all),
                      // `ledger append`'s pass: the checks folded from each group's lines, their file sorted in two
                      // parts on two threads, the id tables written alongside (no corrections: the fold goes on).
                      (0x30A0_0003, [.ids, .checks]), (0x30A0_0004, [.ids, .checks])] as [(UInt64, IndexRebuild.Files)])
    func aRebuildWithoutThreadsWritesTheSameFiles(seed: UInt64, files: IndexRebuild.Files) throws {
        let temporary = TemporaryDirectory()
        let directory = try IndexRebuildTests.randomLedger(seed: seed, in: temporary, corrections: files == .all)
        try IndexRebuildTests.tearTailIfOdd(directory, seed: seed)
        let names = IndexRebuildTests.idTableNames + ["checks.state", "funds.state", "scopes"]
        func indexFiles() throws -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for name in names where PosixFile.exists(directory.indexPath + "/" + name) {
                out[name] = try PosixFile.readRegularFile(directory.indexPath + "/" + name, bytesMax: 1 << 30, followLinks: false).bytes
            }
            return out
        }
        func removeIndex() { for name in names { try? PosixFile.remove(directory.indexPath + "/" + name) } }
        removeIndex()
        let threaded = try IndexRebuild.pass(directory, files: files, writeIds: true, keepBytes: false, groupSize: 3)
        let expected = try indexFiles()
        #expect(expected.keys.contains("checks.state") && expected.keys.contains("ids"))
        #expect(expected.keys.contains("scopes") == (files == .all))
        removeIndex()
        let alone = try PosixThread.withStartsRefused {
            try IndexRebuild.pass(directory, files: files, writeIds: true, keepBytes: false, groupSize: 3)
        }
        #expect(alone.outcome.written == threaded.outcome.written)
        #expect(try indexFiles() == expected)
    }
}
