import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Reads record lines after the index's end with the chain rules that matter for indexing (the line decodes
/// strictly, hashes to its stored hash, has the next seq and links to the previous record) and releases them a
/// whole batch at a time. It stops at the first line that fails; `verify` is where failures are reported.
struct TailReader {
    struct Entry { let offset: Int64; let hash: Digest32 }

    var expectedSeq: Int64
    var previousHash: Digest32
    var pending: [Entry] = []
    var pendingEnd: Int64 = 0
    var batchLast: Int64 = 0
    var committedEnd: Int64? = nil
    var committedHead: Digest32? = nil
    let sha = SHA256()

    init(expectedSeq: Int64, previousHash: Digest32) {
        self.expectedSeq = expectedSeq
        self.previousHash = previousHash
    }

    /// Takes one line; returns the entries of a batch it completes (possibly none), or nil to stop reading.
    mutating func take(line: ArraySlice<UInt8>, offset: Int64) -> [Entry]? {
        guard let record = try? RecordCodec.decode(line: line),
              record.seq == expectedSeq, record.prev == previousHash,
              RecordCodec.hashedBytesDigest(line: line, hasher: sha) == record.hash else { return nil }
        if batchLast == 0 {
            guard record.batchFirst == record.seq, record.batchLast >= record.seq else { return nil }
            batchLast = record.batchLast
        } else {
            guard record.batchLast == batchLast else { return nil }
        }
        pending.append(Entry(offset: offset, hash: record.hash))
        expectedSeq += 1
        previousHash = record.hash
        guard record.seq == batchLast else { return [] }
        let done = pending
        pending.removeAll(keepingCapacity: true)
        batchLast = 0
        committedEnd = offset + Int64(line.count) + 1
        committedHead = record.hash
        return done
    }
}
