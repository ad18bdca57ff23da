import LedgerEvents
import LedgerPlatform

/// Records read from a log that passed every chain check, up to a seq. Projections take a `VerifiedLog`, so no
/// code projects an unchecked file. A torn tail is not part of it (readers never see unacknowledged records).
public struct VerifiedLog: Sendable {
    public let ledgerName: String
    /// The records in seq order, 1…n.
    public let records: [Record]
    /// Hash of the last record read (`Record.genesisPrev` when empty).
    public let headHash: Digest32
    /// Records in the whole committed log (≥ records.count when read up to a seq).
    public let totalRecordCount: Int64

    /// Builds a log from records already checked (tests and in-memory pipelines). Traps if seqs are not 1…n.
    public init(ledgerName: String, records: [Record], headHash: Digest32, totalRecordCount: Int64) {
        for (index, record) in records.enumerated() {
            precondition(record.seq == Int64(index + 1), "a VerifiedLog holds records 1…n in order")
        }
        self.ledgerName = ledgerName
        self.records = records
        self.headHash = headHash
        self.totalRecordCount = totalRecordCount
    }

    /// Reads and verifies the ledger's log, keeping records 1…`upToSeq` (all when nil).
    public static func read(_ directory: LedgerDirectory, upToSeq: Int64? = nil) throws(ChainError) -> VerifiedLog {
        var records: [Record] = []
        var decodeFailure: IntegrityFailure? = nil
        let result = LogScanner.scan(path: directory.eventsPath) { (line: VerifiedLine) throws(Never) in
            guard decodeFailure == nil, upToSeq.map({ line.location.seq <= $0 }) ?? true else { return }
            do { records.append(try RecordCodec.decode(line: line.line)) } catch {
                decodeFailure = IntegrityFailure(seq: line.location.seq, lineNumber: line.location.lineNumber,
                                                 byteOffset: line.location.byteOffset, kind: .unparsable("\(error)"))
            }
        }
        let summary: ScanSummary
        switch result {
        case .success(let s): summary = s
        case .failure(let e): throw e
        }
        if let failure = summary.failure ?? decodeFailure { throw .integrity(failure) }
        let kept = records.prefix { $0.seq <= summary.recordCount }
        return VerifiedLog(ledgerName: directory.name, records: Array(kept), headHash: kept.last?.hash ?? Record.genesisPrev,
                           totalRecordCount: summary.recordCount)
    }
}
