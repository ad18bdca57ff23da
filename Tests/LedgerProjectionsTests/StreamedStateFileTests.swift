import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `StreamedStateFile` (ledger-spec.md 15.1) starts the write-back of each large part as it is written (session 20,
/// so that the fsync at the end waits for the last parts only): the file put in place is still byte for byte the
/// one written whole (`DerivedStateFile.encoded()`), whatever the sizes of the parts, and it reads back.
@Suite struct StreamedStateFileTests {
    @Test(arguments: [1, 2, 3])
    func partsOfAnySizeGiveTheFileWrittenWhole(seed: UInt64) throws {
        let temp = TemporaryDirectory("streamed-state-file")
        let directory = TestLedger.create(in: temp)
        if !PosixFile.isDirectory(directory.indexPath) { try PosixFile.makeDirectory(directory.indexPath) }
        var random = SplitMix64(seed: seed)
        // Parts below and above the write-back threshold, some of several MiB.
        let threshold = StreamedStateFile.writebackBytes
        let sizes = [0, 1, threshold - 1, threshold, threshold + 1, 3 << 20, 17, 5 << 20 + 3]
            .shuffled(using: &random)
        var body: [UInt8] = []
        let path = directory.indexPath + "/" + FundState.fileName
        let out = try #require(StreamedStateFile(path: path, kind: FundState.kind, version: FundState.version, ledgerName: directory.name))
        // Random bytes, a block of them repeated at a random shift in each part (a debug build makes them slowly).
        let block = (0..<4099).map { _ in UInt8.random(in: 0...255, using: &random) }
        for size in sizes {
            var part: [UInt8] = []
            part.reserveCapacity(size)
            var at = Int.random(in: 0..<block.count, using: &random)
            while part.count < size {
                let take = min(size - part.count, block.count - at)
                part.append(contentsOf: block[at..<(at + take)])
                at = 0
            }
            body += part
            out.write(part)
        }
        let genesis = StateStamp(seq: 1, hash: Digest32(bytes: Array(repeating: 7, count: 32))!, lineOffset: 0, lineBytes: 300)
        let stamp = StateStamp(seq: 42, hash: Digest32(bytes: Array(repeating: 9, count: 32))!, lineOffset: 12_300, lineBytes: 310)
        #expect(out.finish(genesis: genesis, stamp: stamp))
        let written = try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes
        let whole = DerivedStateFile(kind: FundState.kind, version: FundState.version, ledgerName: directory.name,
                                     genesis: genesis, stamp: stamp, body: body).encoded()
        #expect(written.count == whole.count)
        #expect(written == whole)
        let decoded = try DerivedStateFile.decode(written, kind: FundState.kind, version: FundState.version)
        #expect(decoded.body == body)
        #expect(decoded.header.stamp == stamp && decoded.header.genesis == genesis)
        // Nothing else is left in index/ (the temporary was renamed over the file).
        #expect(try PosixDirectory(path: directory.indexPath).names().filter { $0 != "." && $0 != ".." } == [FundState.fileName])
    }
}
