import LedgerEvents
import LedgerPlatform

/// A committed record that a scan may resume after: derived state (`index/`) stamped with it folds only the
/// records after it. Made only by `LogScanner.resumePoint`, which checks the record in the log as it is now.
public struct ResumePoint: Equatable, Sendable {
    /// The record's seq (a batch's last record).
    public let seq: Int64
    /// The record's hash, recomputed from its line.
    public let hash: Digest32
    /// Where its line starts and how long it is (without the newline).
    public let lineOffset: Int64
    public let lineBytes: Int
    /// Just after its newline: where the next record starts.
    public var byteOffset: Int64 { lineOffset + Int64(lineBytes) + 1 }
    var location: RecordLocation { RecordLocation(seq: seq, lineNumber: Int(seq), byteOffset: lineOffset, byteCount: lineBytes) }
}

extension ChainError {
    /// Why a stamped record cannot be resumed after: a value, thrown as `ChainError.resume`.
    public enum ResumeProblem: Equatable, Sendable, CustomStringConvertible {
        /// The log is too short, or the line is not where the stamp says, or is not a whole record line.
        case missing(String)
        /// The line is a record whose stored hash is not its own (damaged), or whose seq or batch differ.
        case damaged(String)
        /// The line is an intact record, but another one: the log was rewritten (or is another ledger's).
        case otherRecord(found: Digest32)

        public var description: String { SystemWords.wording(self).en }
    }
}

extension LogScanner {
    /// Checks that the log at `path` holds, at `lineOffset`, the record `seq` with hash `hash` as one intact line of
    /// `lineBytes` bytes followed by a newline, the last of its batch (`batchMustEnd`). Reads that line only.
    ///
    /// Why this is enough to trust state folded from records 1…seq (ledger-spec.md section 15): the hash of record
    /// `seq` covers its `prev`, which is the hash of the record before, and so on back to the first record; the
    /// stamped state was folded from a prefix that passed every chain check when it was written. A record with the
    /// same hash therefore ends the same prefix (short of a SHA-256 collision). Damage done to the prefix's bytes
    /// after that is found by `ledger verify`, which never reads derived state.
    public static func resumePoint(path: String, seq: Int64, hash: Digest32, lineOffset: Int64, lineBytes: Int,
                                   batchMustEnd: Bool = true) throws(ChainError) -> ResumePoint {
        guard seq >= 1, lineOffset >= 0, lineOffset < Int64.max / 2, lineBytes > 0, lineBytes <= Limits.recordBytesMax else {
            throw .resume(.missing("the stamp is malformed"))
        }
        let file: PosixFile
        do { file = try PosixFile(path: path, mode: .read, followLinks: false) } catch { throw .resume(.missing("\(error)")) }
        defer { file.close() }
        var bytes: [UInt8] = []
        do { try file.read(at: lineOffset, count: lineBytes + 1, into: &bytes) } catch { throw .resume(.missing("\(error)")) }
        guard bytes.count == lineBytes + 1 else { throw .resume(.missing("the log ends before record \(seq)")) }
        guard bytes[lineBytes] == 0x0A, lineOffset == 0 || previousByteIsNewline(file, lineOffset) else {
            throw .resume(.missing("record \(seq) is not where the stamp says"))
        }
        let line = bytes[0..<lineBytes]
        switch LineWork.of(line, hasher: SHA256()) {
        case .unparsable(let reason):
            throw .resume(.missing("no record line where record \(seq) was: \(reason)"))
        case .scanned(let scanned, let digest, let hashMatches, _):
            guard hashMatches else { throw .resume(.damaged("record \(seq)'s line does not hash to its stored hash")) }
            guard scanned.seq == seq else { throw .resume(.missing("the line where record \(seq) was holds record \(scanned.seq)")) }
            guard digest == hash else { throw .resume(.otherRecord(found: digest)) }
            guard !batchMustEnd || scanned.batchLast == seq else { throw .resume(.damaged("record \(seq) does not end its batch")) }
            return ResumePoint(seq: seq, hash: digest, lineOffset: lineOffset, lineBytes: lineBytes)
        }
    }

    private static func previousByteIsNewline(_ file: PosixFile, _ offset: Int64) -> Bool {
        var byte: [UInt8] = []
        guard (try? file.read(at: offset - 1, count: 1, into: &byte)) != nil else { return false }
        return byte == [0x0A]
    }
}
