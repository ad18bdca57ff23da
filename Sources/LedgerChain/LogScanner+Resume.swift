import LedgerEvents
import LedgerPlatform

extension ChainError {
    /// Why a stamped record cannot be resumed after: a value, thrown as `ChainError.resume`.
    public enum ResumeProblem: Equatable, Sendable, CustomStringConvertible {
        /// The log is too short, or the line is not where the stamp says, or is not a whole record line.
        case missing(Missing)
        /// The line is a record whose stored hash is not its own (damaged), or that does not end its batch.
        case damaged(Damage)
        /// The line is an intact record, but another one: the log was rewritten (or is another ledger's).
        case otherRecord(found: Digest32)

        /// Why the stamped record is not in the log as stamped.
        public enum Missing: Equatable, Sendable {
            /// The stamp's values are impossible (a seq below 1, a line longer than a record may be).
            case malformedStamp
            /// The log could not be opened or read.
            case unreadableLog(FileError)
            /// The log ends before record `seq`.
            case logEndsBefore(seq: Int64)
            /// No line starts where the stamp says record `seq` does.
            case notWhereStamped(seq: Int64)
            /// The line where record `seq` was is not a record line.
            case notARecordLine(seq: Int64, LineProblem)
            /// The line where record `seq` was holds record `found`.
            case otherSeq(seq: Int64, found: Int64)
        }

        /// What is wrong with the stamped record's line.
        public enum Damage: Equatable, Sendable {
            /// Its stored hash is not its own.
            case hashMismatch(seq: Int64)
            /// It is not the last of its batch.
            case notBatchEnd(seq: Int64)
        }

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
            throw .resume(.missing(.malformedStamp))
        }
        let file: PosixFile
        do { file = try PosixFile(path: path, mode: .read, followLinks: false) } catch { throw .resume(.missing(.unreadableLog(error))) }
        defer { file.close() }
        var bytes: [UInt8] = []
        do { try file.read(at: lineOffset, count: lineBytes + 1, into: &bytes) } catch { throw .resume(.missing(.unreadableLog(error))) }
        guard bytes.count == lineBytes + 1 else { throw .resume(.missing(.logEndsBefore(seq: seq))) }
        guard bytes[lineBytes] == 0x0A, lineOffset == 0 || previousByteIsNewline(file, lineOffset) else {
            throw .resume(.missing(.notWhereStamped(seq: seq)))
        }
        let line = bytes[0..<lineBytes]
        switch LineWork.of(line, hasher: SHA256()) {
        case .unparsable(let reason):
            throw .resume(.missing(.notARecordLine(seq: seq, reason)))
        case .scanned(let scanned, let digest, let hashMatches, _):
            guard hashMatches else { throw .resume(.damaged(.hashMismatch(seq: seq))) }
            guard scanned.seq == seq else { throw .resume(.missing(.otherSeq(seq: seq, found: scanned.seq))) }
            guard digest == hash else { throw .resume(.otherRecord(found: digest)) }
            guard !batchMustEnd || scanned.batchLast == seq else { throw .resume(.damaged(.notBatchEnd(seq: seq))) }
            return ResumePoint(seq: seq, hash: digest, lineOffset: lineOffset, lineBytes: lineBytes)
        }
    }

    private static func previousByteIsNewline(_ file: PosixFile, _ offset: Int64) -> Bool {
        var byte: [UInt8] = []
        guard (try? file.read(at: offset - 1, count: 1, into: &byte)) != nil else { return false }
        return byte == [0x0A]
    }
}
