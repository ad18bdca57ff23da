import LedgerEvents
import LedgerPlatform

/// Where a record line lies in events.jsonl.
public struct RecordLocation: Equatable, Sendable {
    public let seq: Int64
    public let lineNumber: Int
    public let byteOffset: Int64
    /// Line length in bytes without the newline.
    public let byteCount: Int
}

/// A record line that passed every chain check, handed to a visitor during a scan.
public struct VerifiedLine {
    public let location: RecordLocation
    public let hash: Digest32
    public let batchLast: Int64
    /// The id's bytes (ids hold no escapes, so these are the id's UTF-8).
    public let idBytes: ArraySlice<UInt8>
    /// The whole line without its newline; valid only during the visit.
    public let line: ArraySlice<UInt8>
}

/// Walks events.jsonl once, in constant memory, checking every record against the chain rules
/// (ledger-spec.md, "Verification algorithm"). It stops at the first integrity failure.
///
/// Records of a batch are visited as they are read; a batch that never ends (torn tail) is reported in the
/// summary, so a visitor that keeps records must drop those with seq > `summary.recordCount`.
public enum LogScanner {
    /// Read size; lines longer than a chunk are assembled across chunks.
    static let chunkBytes = 4 << 20

    /// Scans the log at `path`. `stopAfterSeq` ends the scan early (for as-of-seq reads); `visit` may throw to
    /// abort (its error is rethrown).
    public static func scan<E: Error>(path: String, stopAfterSeq: Int64? = nil,
                                      visit: (VerifiedLine) throws(E) -> Void) throws(E) -> Result<ScanSummary, ChainError> {
        let file: PosixFile
        do { file = try PosixFile(path: path, mode: .read) } catch { return .failure(.file(error)) }
        let fileSize: Int64
        do { fileSize = try file.size() } catch { return .failure(.file(error)) }
        let hasher = SHA256()
        var chunk = [UInt8]()
        var carry = [UInt8]()
        var fileOffset: Int64 = 0          // offset of chunk[0]
        var lineStart: Int64 = 0           // offset of the current line's first byte
        var lineNumber = 0
        var previousHash = Record.genesisPrev
        var previousHashHex = Array(previousHash.hex.utf8)
        var lastSeq: Int64 = 0
        var openBatchFirst: Int64 = 0
        var openBatchLast: Int64 = 0       // 0 when no batch is open
        var committedSeq: Int64 = 0
        var committedHash = Record.genesisPrev
        var committedBytes: Int64 = 0
        var linesInOpenBatch = 0

        func summary(failure: IntegrityFailure?, tailPartial: Bool) -> ScanSummary {
            let tailBytes = fileSize - committedBytes
            var torn: TornTail? = nil
            if failure == nil, tailBytes > 0 {
                torn = TornTail(byteOffset: committedBytes, byteCount: tailBytes, completeRecords: linesInOpenBatch,
                                partialLine: tailPartial)
            }
            return ScanSummary(recordCount: committedSeq, headHash: committedHash, committedBytes: committedBytes,
                               tornTail: torn, failure: failure)
        }

        // Checks one complete line; returns a failure or nil.
        func check(_ line: ArraySlice<UInt8>) throws(E) -> IntegrityFailure? {
            lineNumber += 1
            let expectedSeq = lastSeq + 1
            func failure(_ kind: IntegrityFailure.Kind) -> IntegrityFailure {
                IntegrityFailure(seq: expectedSeq, lineNumber: lineNumber, byteOffset: lineStart, kind: kind)
            }
            let scanned: ScannedLine
            switch RecordLineScanner.scan(line) {
            case .success(let s): scanned = s
            case .failure(let problem):
                // Name invalid UTF-8 as such: it is the usual sign of a line edited in the wrong encoding.
                if let bad = TextDecoder.firstInvalidUTF8(line) {
                    return failure(.unparsable(RecordCodec.LineProblem.invalidUTF8(byteOffset: bad).description))
                }
                return failure(.unparsable(problem.description))
            }
            let computed = RecordCodec.hashedBytesDigest(line: line, hasher: hasher)
            let computedHex = Array(computed.hex.utf8)
            guard scanned.storedHashHex.elementsEqual(computedHex) else {
                return failure(.hashMismatch(stored: String(decoding: scanned.storedHashHex, as: UTF8.self),
                                             computed: computed.hex))
            }
            guard scanned.seq == expectedSeq else { return failure(.sequence(expected: expectedSeq, found: scanned.seq)) }
            guard scanned.prevHex.elementsEqual(previousHashHex) else {
                return failure(.brokenLink(expected: previousHash.hex, found: String(decoding: scanned.prevHex, as: UTF8.self)))
            }
            if openBatchLast == 0 {
                guard scanned.batchFirst == scanned.seq, scanned.batchLast >= scanned.seq,
                      scanned.batchLast - scanned.batchFirst < Int64(Limits.batchEventsMax) else {
                    return failure(.badBatch("record \(scanned.seq) should start a batch but says batch \(scanned.batchFirst)…\(scanned.batchLast)"))
                }
                openBatchFirst = scanned.batchFirst
                openBatchLast = scanned.batchLast
            } else {
                guard scanned.batchFirst == openBatchFirst, scanned.batchLast == openBatchLast else {
                    return failure(.badBatch("batch \(openBatchFirst)…\(openBatchLast) is not finished but record \(scanned.seq) says batch \(scanned.batchFirst)…\(scanned.batchLast)"))
                }
            }
            lastSeq = scanned.seq
            previousHash = computed
            previousHashHex = computedHex
            linesInOpenBatch += 1
            let location = RecordLocation(seq: scanned.seq, lineNumber: lineNumber, byteOffset: lineStart, byteCount: line.count)
            try visit(VerifiedLine(location: location, hash: computed, batchLast: scanned.batchLast,
                                   idBytes: scanned.idBytes, line: line))
            if scanned.seq == openBatchLast {
                openBatchLast = 0
                linesInOpenBatch = 0
                committedSeq = scanned.seq
                committedHash = computed
                committedBytes = lineStart + Int64(line.count) + 1
            }
            return nil
        }

        while fileOffset < fileSize {
            do { try file.read(at: fileOffset, count: chunkBytes, into: &chunk) } catch { return .failure(.file(error)) }
            if chunk.isEmpty { break }
            var start = 0
            var index = 0
            let count = chunk.count
            while index < count {
                if chunk[index] == 0x0A {
                    let failure: IntegrityFailure?
                    if carry.isEmpty {
                        failure = try check(chunk[start..<index])
                    } else {
                        carry.append(contentsOf: chunk[start..<index])
                        failure = try check(carry[...])
                        carry.removeAll(keepingCapacity: true)
                    }
                    if let failure { return .success(summary(failure: failure, tailPartial: false)) }
                    lineStart = fileOffset + Int64(index) + 1
                    start = index + 1
                    if let stop = stopAfterSeq, lastSeq >= stop, openBatchLast == 0 {
                        return .success(summary(failure: nil, tailPartial: false))
                    }
                }
                index += 1
            }
            if start < count {
                carry.append(contentsOf: chunk[start..<count])
                if carry.count > Limits.recordBytesMax + 1 {
                    lineNumber += 1
                    let failure = IntegrityFailure(seq: lastSeq + 1, lineNumber: lineNumber, byteOffset: lineStart,
                                                   kind: .unparsable(RecordCodec.LineProblem.tooLong(carry.count).description))
                    return .success(summary(failure: failure, tailPartial: false))
                }
            }
            fileOffset += Int64(count)
        }
        return .success(summary(failure: nil, tailPartial: !carry.isEmpty))
    }

    /// Scans without visiting: the summary only.
    public static func verify(path: String) -> Result<ScanSummary, ChainError> {
        scan(path: path) { (_: VerifiedLine) throws(Never) in }
    }
}
