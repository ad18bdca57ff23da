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
        let summary = try stream(directory, upToSeq: upToSeq) { records.append($0) }
        return VerifiedLog(ledgerName: directory.name, records: records, headHash: summary.headHash,
                           totalRecordCount: summary.totalRecordCount)
    }

    /// What `stream` read.
    public struct StreamSummary: Equatable, Sendable {
        /// Hash of the last record handed to the visitor (`Record.genesisPrev` for none).
        public let headHash: Digest32
        /// Records handed to the visitor.
        public let visitedCount: Int64
        /// Records in the whole committed log.
        public let totalRecordCount: Int64
    }

    /// Verifies the whole log and hands records 1…`upToSeq` (all when nil) to `visit` one at a time, in seq order,
    /// without keeping them: memory stays proportional to one batch, not to the log. Only committed records are
    /// handed over (a torn tail never is). If verification fails further on, the error is thrown after some
    /// records were visited, so a visitor must discard what it built when this throws.
    /// - Parameters:
    ///   - laterOfType: records after `upToSeq` of this type are decoded too and handed to `visitLater` (an erasure
    ///     of personal data recorded after the seq a report is cut at still applies to what it shows).
    public static func stream(_ directory: LedgerDirectory, upToSeq: Int64? = nil, laterOfType: EventType? = nil,
                              visitLater: (Record) -> Void = { _ in },
                              visit: (Record) -> Void) throws(ChainError) -> StreamSummary {
        let laterType = laterOfType.map { Array($0.rawValue.utf8) }
        var visited: Int64 = 0
        var head = Record.genesisPrev
        // Records after `upToSeq` are only read for `visitLater`; within a batch they come after the wanted ones.
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> (record: Record, later: Bool)? in
            if upToSeq.map({ line.location.seq <= $0 }) ?? true { return (try line.record(), false) }
            guard let laterType, line.typeBytes.elementsEqual(laterType) else { return nil }
            return (try line.record(), true)
        }, batch: { batch in
            for item in batch where item.later { visitLater(item.record) }
            for item in batch where !item.later {
                visit(item.record)
                visited += 1
                head = item.record.hash
            }
        })
        return StreamSummary(headHash: head, visitedCount: visited, totalRecordCount: summary.recordCount)
    }
}
