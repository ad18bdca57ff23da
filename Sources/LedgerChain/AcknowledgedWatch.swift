import LedgerPlatform

/// Watches one scan of the log for the acknowledged record and judges the result: every record up to the
/// acknowledged seq must be in the committed log, and the record at that seq must have the acknowledged hash.
struct AcknowledgedWatch {
    let head: AcknowledgedHead?
    /// The acknowledged file's path, as the failure names it (review 35d #3: the placeholder `LEDGER/acknowledged`
    /// was printed as it was).
    let file: String
    private var seen: (location: RecordLocation, hash: Digest32)? = nil

    init(_ head: AcknowledgedHead?, file: String = LedgerDirectory.acknowledgedName) {
        self.head = head
        self.file = file
    }

    mutating func observe(_ line: VerifiedLine) {
        if line.location.seq == head?.seq { seen = (line.location, line.hash) }
    }

    /// The checked record a scan resumes after, as if it had been read.
    mutating func observe(_ start: ResumePoint) {
        if start.seq == head?.seq { seen = (start.location, start.hash) }
    }

    /// The summary with a failure of kind `acknowledgedLost` when acknowledged records are missing or differ (the
    /// torn tail, if any, is then not reported as one: it cut into acknowledged records). A summary that already
    /// has a failure is returned as it is: the first failure is the one reported.
    func judge(_ summary: ScanSummary) -> ScanSummary {
        guard let head, summary.failure == nil else { return summary }
        let failure: IntegrityFailure
        if summary.recordCount >= head.seq {
            guard let seen, seen.hash != head.hash else { return summary }
            failure = IntegrityFailure(seq: head.seq, lineNumber: seen.location.lineNumber, byteOffset: seen.location.byteOffset,
                                       kind: .acknowledgedLost(SystemWords.acknowledgedReplaced(seq: head.seq, found: seen.hash, acknowledged: head.hash, file: file)))
        } else {
            let first = summary.recordCount + 1
            failure = IntegrityFailure(seq: first, lineNumber: Int(first), byteOffset: summary.committedBytes,
                                       kind: .acknowledgedLost(SystemWords.acknowledgedCut(seq: head.seq, hash: head.hash, committed: summary.recordCount,
                                                                                          torn: summary.tornTail, file: file)))
        }
        return ScanSummary(recordCount: summary.recordCount, headHash: summary.headHash, committedBytes: summary.committedBytes,
                           tornTail: nil, failure: failure)
    }
}
