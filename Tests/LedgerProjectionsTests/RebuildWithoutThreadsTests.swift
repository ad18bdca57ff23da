import LedgerChain
@testable import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The shared rebuild (a pipeline of two stages, files written on two threads) where the system gives no thread:
/// the same files, byte for byte, as with threads, not a stopped command.
@Suite struct RebuildWithoutThreadsTests {
    @Test(arguments: [UInt64(0x30A0_0001), 0x30A0_0002])
    func aRebuildWithoutThreadsWritesTheSameFiles(seed: UInt64) throws {
        let temporary = TemporaryDirectory()
        let directory = try IndexRebuildTests.randomLedger(seed: seed, in: temporary)
        try IndexRebuildTests.tearTailIfOdd(directory, seed: seed)
        let names = IndexRebuildTests.idTableNames + ["checks.state", "funds.state", "scopes"]
        func files() throws -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for name in names where PosixFile.exists(directory.indexPath + "/" + name) {
                out[name] = try PosixFile.readRegularFile(directory.indexPath + "/" + name, bytesMax: 1 << 30, followLinks: false).bytes
            }
            return out
        }
        func removeIndex() { for name in names { try? PosixFile.remove(directory.indexPath + "/" + name) } }
        removeIndex()
        let threaded = try IndexRebuild.pass(directory, files: .all, writeIds: true, keepBytes: false, groupSize: 3)
        let expected = try files()
        #expect(expected.keys.contains("checks.state") && expected.keys.contains("scopes") && expected.keys.contains("ids"))
        removeIndex()
        let alone = try PosixThread.withStartsRefused {
            try IndexRebuild.pass(directory, files: .all, writeIds: true, keepBytes: false, groupSize: 3)
        }
        #expect(alone.outcome.written == threaded.outcome.written)
        #expect(try files() == expected)
    }
}
