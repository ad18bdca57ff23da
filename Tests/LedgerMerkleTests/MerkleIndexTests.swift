import Foundation
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct MerkleIndexTests {
    /// After every record of the sample ledger (recorded in June 2025): a checkpoint cannot predate its records.
    static let checkpointTime = Timestamp(rfc3339: "2025-12-31T00:00:00Z")!
    let merkle = MerkleHasher()

    func indexFiles(_ directory: LedgerDirectory) -> (merkle: String, offsets: String) {
        (directory.indexPath + "/" + MerkleIndex.merkleFileName, directory.indexPath + "/" + MerkleIndex.offsetsFileName)
    }

    /// Every node, root and proof the index serves equals the in-memory tree over the same leaves.
    func expectMatchesLog(_ index: MerkleIndex, _ directory: LedgerDirectory, _ label: String) throws {
        let leaves = try SampleLedger.leafHashes(directory)
        #expect(index.leafCount == UInt64(leaves.count), "\(label)")
        let memory = InMemoryMerkleTree(leafHashes: leaves, hasher: merkle)
        for size in UInt64(1)...UInt64(leaves.count) {
            #expect(try MerkleTree.root(size: size, source: index, hasher: merkle) == NaiveRFC6962.mth(leaves[0..<Int(size)]), "\(label) root \(size)")
            for i in 0..<size {
                #expect(try MerkleTree.inclusionProof(index: i, size: size, source: index, hasher: merkle)
                        == MerkleTree.inclusionProof(index: i, size: size, source: memory, hasher: merkle), "\(label) (\(i),\(size))")
            }
        }
        for seq in Int64(1)...Int64(leaves.count) {
            let (_, record) = try index.recordLine(seq: seq)
            #expect(record.seq == seq)
        }
    }

    @Test func incrementalExtensionEqualsRebuild() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger", batchCount: 1)
        var (index, status) = try MerkleIndex.synchronize(directory)
        #expect(status == .rebuilt(reason: .noIndexYet))
        for (step, batch) in (SampleLedger.batches.dropFirst() + SampleLedger.laterEvents(13, from: 1)).enumerated() {
            try SampleLedger.append(directory, batches: [batch], startingDay: step)
            let before = index.leafCount
            (index, status) = try MerkleIndex.synchronize(directory)
            #expect(status == .extended(from: before), "step \(step)")
        }
        (index, status) = try MerkleIndex.synchronize(directory)
        #expect(status == .upToDate)
        try expectMatchesLog(index, directory, "incremental")
        let incremental = try PosixFile(path: indexFiles(directory).merkle, mode: .read).readAll()
        try index.rebuildNow()
        try expectMatchesLog(index, directory, "rebuilt")
        #expect(try PosixFile(path: indexFiles(directory).merkle, mode: .read).readAll() == incremental)
    }

    @Test func unfinishedBatchIsNotIndexed() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger", batchCount: 2)
        _ = try MerkleIndex.synchronize(directory)
        // Write the first two records of a three-record batch by hand: a torn tail the writer never acknowledged.
        let full = SampleLedger.temporaryDirectory() + "/full"
        let complete = try SampleLedger.create(at: full, batchCount: 3)
        let lines = try SampleLedger.lines(complete)
        let torn: [UInt8] = lines[3...4].flatMap { $0 + [UInt8(0x0A)] }
        let log = try PosixFile(path: directory.eventsPath, mode: .readWrite)
        try log.write(torn, at: try log.size())
        let (index, status) = try MerkleIndex.synchronize(directory)
        #expect(status == .upToDate)
        #expect(index.leafCount == 3)
    }

    @Test(arguments: ["truncate merkle", "garbage header", "flip node", "truncate offsets", "log rewritten", "log truncated"])
    func damagedIndexIsRebuiltOrCaughtByTheProofCheck(damage: String) throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        _ = try SampleLedger.append(directory, batches: SampleLedger.laterEvents(6, from: 1), startingDay: 20)
        let (checkpoint, note) = try LedgerAudit.makeCheckpoint(directory, key: SampleLedger.signer, time: Self.checkpointTime)
        _ = try MerkleIndex.synchronize(directory)
        let files = indexFiles(directory)
        switch damage {
        case "truncate merkle": try PosixFile(path: files.merkle, mode: .readWrite).truncate(to: 100)
        case "garbage header": try PosixFile(path: files.merkle, mode: .readWrite).write(Array("not an index at all!".utf8), at: 0)
        case "flip node":
            // A node in the middle: the header and the last leaf still look right, so only the proof check sees it.
            let file = try PosixFile(path: files.merkle, mode: .readWrite)
            let offset = 32 + Int64(MerkleIndex.slot(level: 1, index: 1)) * 32
            try file.write([0xff, 0xee], at: offset)
        case "truncate offsets": try PosixFile(path: files.offsets, mode: .readWrite).truncate(to: 40)
        case "log rewritten":
            try SampleLedger.rewriteAndRehash(directory, seq: 4) { $0["voucher"] = .string("V-X") }
        case "log truncated":
            let lines = try SampleLedger.lines(directory)
            TestLedger.writeLog(lines.prefix(10).flatMap { $0 + [UInt8(0x0A)] }, to: directory)
        default: Issue.record("unknown damage")
        }
        if damage.hasPrefix("log") {
            // The log no longer matches the checkpoint: prove must refuse, and the index must mirror the log.
            #expect(throws: AuditError.self) {
                try LedgerAudit.prove(directory, seq: 2, checkpointNote: note, checkpointFile: "cp")
            }
            let (index, _) = try MerkleIndex.synchronize(directory)
            try expectMatchesLog(index, directory, damage)
        } else {
            for seq in Int64(1)...Int64(checkpoint.size) {
                let bundle = try LedgerAudit.prove(directory, seq: seq, checkpointNote: note, checkpointFile: "cp")
                _ = try ProofBundle.verify(bundle.encoded, key: SampleLedger.signer.verifier, file: "b")
            }
            let (index, status) = try MerkleIndex.synchronize(directory)
            #expect(status == .upToDate, "\(damage)")
            try expectMatchesLog(index, directory, damage)
        }
    }

    /// A read-only copy of a ledger (an auditor's) cannot hold an index; prove falls back to a scan.
    @Test func proveWithoutAWritableIndex() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        let (_, note) = try LedgerAudit.makeCheckpoint(directory, key: SampleLedger.signer, time: Self.checkpointTime)
        // Replace index/ by a plain file so nothing can be created inside it (works even as root).
        try FileManager.default.removeItem(atPath: directory.indexPath)
        try PosixFile(path: directory.indexPath, mode: .createNew(permissions: 0o444)).write([0x78], at: 0)
        var notices: [String] = []
        let bundle = try LedgerAudit.prove(directory, seq: 6, checkpointNote: note, checkpointFile: "cp", notice: { notices.append($0) })
        _ = try ProofBundle.verify(bundle.encoded, key: SampleLedger.signer.verifier, file: "b")
        #expect(notices.contains { $0.contains("one scan of the log") })
    }
}
