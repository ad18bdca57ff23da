import LedgerChain
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A checkpoint covers at least one record (ledger-spec.md 14.4): one of size 0 would be consistent with every log
/// and prove nothing, and 14.2 admits no consistency proof from size 0. Readers refuse it, signed or not.
@Suite struct EmptyCheckpointTests {
    @Test func sizeZeroIsNeverAccepted() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let empty = Checkpoint(origin: directory.name, size: 0, root: MerkleHasher.emptyRoot, head: Record.genesisPrev,
                               time: TestLedger.recordedAt)
        // A well-signed note of size 0 is refused when it is read, before anything in it is believed.
        let note = empty.signed(by: [SampleLedger.signer])
        #expect(throws: AuditError.badCheckpoint(file: "cp", line: 2, problem: .sizeZero)) {
            try Checkpoint.open(note, key: SampleLedger.signer.verifier, file: "cp")
        }
        // A value built in code is refused by the log check alike.
        let (_, results) = try LedgerAudit.checkCheckpoints(directory, [("empty", empty)])
        #expect(results.first?.problem?.description.contains("size 0 proves nothing") == true)
    }
}
