import LedgerChain
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A checkpoint of size 0 is consistent with any log only if it says exactly what an empty log is: the empty
/// tree's root and the genesis head (ledger-spec.md section 14).
@Suite struct EmptyCheckpointTests {
    @Test func sizeZeroNeedsTheEmptyRootAndTheGenesisHead() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let time = TestLedger.recordedAt
        let good = Checkpoint(origin: directory.name, size: 0, root: MerkleHasher.emptyRoot, head: Record.genesisPrev, time: time)
        let badHead = Checkpoint(origin: directory.name, size: 0, root: MerkleHasher.emptyRoot, head: SHA256.digest("x"), time: time)
        let badRoot = Checkpoint(origin: directory.name, size: 0, root: SHA256.digest("y"), head: Record.genesisPrev, time: time)
        let (_, results) = try LedgerAudit.checkCheckpoints(directory, [("good", good), ("head", badHead), ("root", badRoot)])
        #expect(results.map { $0.problem == nil } == [true, false, false])
        #expect(results[1].problem?.contains("genesis") == true)
    }
}
