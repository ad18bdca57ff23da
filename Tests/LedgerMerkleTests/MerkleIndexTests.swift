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

    /// Flips the low bit of the byte at `offset` of the file at `path`.
    func flip(_ path: String, at offset: Int64) throws {
        let file = try PosixFile(path: path, mode: .readWrite)
        var byte: [UInt8] = []
        try file.read(at: offset, count: 1, into: &byte)
        try file.write([byte[0] ^ 0x01], at: offset)
    }

    /// Copies `from`'s two index files over `to`'s.
    func copyIndex(from: LedgerDirectory, to: LedgerDirectory) throws {
        if !PosixFile.isDirectory(to.indexPath) { try PosixFile.makeDirectory(to.indexPath) }
        for (source, target) in [(indexFiles(from).merkle, indexFiles(to).merkle), (indexFiles(from).offsets, indexFiles(to).offsets)] {
            try PosixFile.writeAtomically(try PosixFile(path: source, mode: .read).readAll(), to: target)
        }
    }

    /// Review 40f: an index covering more bytes than the log holds was told "the log is shorter than the index
    /// (records were removed)" whoever's it was. Another ledger's (longer) index is now told as not this log's;
    /// "records were removed" stays for this log's own index after its log was cut.
    @Test func aForeignLongerIndexIsNotToldAsRemovedRecords() throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger", batchCount: 2)
        let other = try LedgerDirectory.create(at: SampleLedger.temporaryDirectory() + "/other", name: "other-garden",
                                               createdAt: SampleLedger.created)
        try SampleLedger.append(other, batches: SampleLedger.laterEvents(12, from: 100), startingDay: 1)
        _ = try MerkleIndex.synchronize(other)
        try copyIndex(from: other, to: directory)
        var (index, status) = try MerkleIndex.synchronize(directory)
        #expect(status == .rebuilt(reason: .otherLog), "\(status)")
        try expectMatchesLog(index, directory, "foreign")
        let said = SystemWords.merkleRebuilt(AuditWords.indexDamage(.otherLog), in: directory)
        #expect(said.contains("does not belong to this log") && !said.contains("records were removed"), "\(said)")
        // This ledger's own index, then its log cut after record 3: records were removed.
        let cut = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/cut")
        _ = try MerkleIndex.synchronize(cut)
        TestLedger.writeLog(try SampleLedger.lines(cut).prefix(3).flatMap { $0 + [UInt8(0x0A)] }, to: cut)
        (index, status) = try MerkleIndex.synchronize(cut)
        #expect(status == .rebuilt(reason: .logShorter), "\(status)")
        #expect(index.leafCount == 3)
    }

    /// `ledger verify --index` on the Merkle index (`MerkleIndex.checkAndRebuild`): absent stays absent; intact is
    /// extended to the head; a node or an offset changed in the middle (which `synchronize`'s check of the headers
    /// and the last record lets through) is found and named, and the index rebuilt; a log cut before the index's
    /// last record is told apart from damage.
    @Test(arguments: ["none", "node", "offset", "truncated", "log cut"])
    func verifyIndexChecksEveryNodeAndOffset(_ damage: String) throws {
        let directory = try SampleLedger.create(at: SampleLedger.temporaryDirectory() + "/ledger")
        if damage == "none" {
            let absent = try MerkleIndex.checkAndRebuild(directory)
            #expect(absent.check == .absent && absent.leafCount == nil && !PosixFile.exists(indexFiles(directory).merkle))
        }
        _ = try MerkleIndex.synchronize(directory)
        let files = indexFiles(directory)
        var expected: MerkleIndex.Check
        switch damage {
        case "node":
            let offset = 32 + Int64(MerkleIndex.slot(level: 0, index: 2)) * 32
            try flip(files.merkle, at: offset + 5)
            expected = .damaged(.nodeDiffers(byte: offset))
        case "offset":
            try flip(files.offsets, at: 32 + 8 * 3 + 7)
            expected = .damaged(.offsetDiffers(seq: 4))
        case "truncated":
            try PosixFile(path: files.merkle, mode: .readWrite).truncate(to: 100)
            expected = .damaged(.merkleShort)
        case "log cut":
            TestLedger.writeLog(try SampleLedger.lines(directory).prefix(3).flatMap { $0 + [UInt8(0x0A)] }, to: directory)
            expected = .logNoLongerHolds(covered: 7)
        default:
            expected = .intact(leaves: 7)
        }
        // More records after the index's: an intact index is extended to them.
        if damage != "log cut" { try SampleLedger.append(directory, batches: SampleLedger.laterEvents(3, from: 1), startingDay: 30) }
        let found = try MerkleIndex.checkAndRebuild(directory)
        #expect(found.check == expected, "\(damage): \(found.check)")
        let records: UInt64 = damage == "log cut" ? 3 : 10
        #expect(found.leafCount == records)
        let (index, status) = try MerkleIndex.synchronize(directory)
        #expect(status == .upToDate && index.leafCount == records)
        try expectMatchesLog(index, directory, damage)
        #expect(try MerkleIndex.checkAndRebuild(directory).check == .intact(leaves: records))
    }
}
