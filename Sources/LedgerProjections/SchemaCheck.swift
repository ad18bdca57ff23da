import LedgerChain
import LedgerEvents

/// A stored record whose `type` and `data` do not fit the schemas of ledger-spec.md section 10.
public struct SchemaProblem: Equatable, Sendable, CustomStringConvertible {
    public let seq: Int64
    public let eventID: String
    public let type: String
    /// Path of the offending field (`data.amount_fen`), or `type` for a type that is not a domain event type.
    public let field: String
    public let reason: String

    public var description: String { "seq \(seq) (id \(eventID), \(type)): field \"\(field)\": \(reason)" }
}

/// `ledger verify --schema`: checks every committed record's `type` and `data` against the structural schemas of
/// ledger-spec.md section 10 ("Types"). Verification proper is about integrity and layout, which an auditor can
/// check from the bytes alone; this is the additional check of what the records say. Of the reference rules
/// ("Validation on append: references"), which need every fact in effect and are checked by `ledger append`, it
/// also checks the fold order (rules 2 and 5: `FoldOrderCheck`), which a log written before those rules may break;
/// the others are the writer's.
public enum SchemaCheck {
    /// Problems listed at most; the count covers all of them.
    public static let problemsListedMax = 1_000

    /// What the check found.
    public struct Report: Equatable, Sendable {
        /// Committed records checked.
        public let checkedCount: Int64
        /// Every problem of the records that do not fit, in seq order (the first `problemsListedMax`).
        public let problems: [SchemaProblem]
        /// All records that do not fit.
        public let problemCount: Int64
        /// Every fact in effect that names an entity before it exists in the fold order (`FoldOrderCheck`), in seq
        /// order (the first `problemsListedMax`).
        public var foldOrderProblems: [FoldOrderProblem] = []
        /// All of them (a record naming two such entities counts twice).
        public var foldOrderProblemCount: Int64 = 0

        /// Whether anything was found: `verify --schema` then exits 1.
        public var hasProblems: Bool { problemCount > 0 || foldOrderProblemCount > 0 }
    }

    /// The first schema problem of one record, or nil.
    public static func problem(of record: Record) -> SchemaProblem? { problems(of: record).first }

    /// Every schema problem of one record (each member it may not have, each field missing or wrong, each rule
    /// broken), in the order `decode` meets them; empty when it fits: the one place where a stored record meets
    /// section 10.
    public static func problems(of record: Record) -> [SchemaProblem] {
        // A payload the reader typed fits its schema; only raw ones are read again, for the messages.
        guard case .raw = record.payload else { return [] }
        do {
            _ = try DomainEvent.decode(type: record.type, occurredOn: record.occurredOn, canonicalData: record.dataBytes[...])
            return []
        } catch {
            let all = DomainEvent.problems(type: record.type, occurredOn: record.occurredOn, canonicalData: record.dataBytes[...])
            return all.nonEmpty(or: error).map {
                SchemaProblem(seq: record.seq, eventID: record.id, type: record.type, field: $0.field, reason: $0.reason)
            }
        }
    }

    /// Reads the verified log once and checks every committed record.
    /// - Throws: `ChainError` when the log cannot be read or fails verification.
    /// - Complexity: one pass over the log; memory for one batch and the listed problems.
    /// - Complexity: two passes over the log (the fold-order check's, `FoldOrderScan`), three when a correction voids
    ///   or replaces a creation (then the facts in effect are held, `EffectiveLog`); memory for the checks' registers
    ///   (the entities) and the listed problems.
    public static func check(_ directory: LedgerDirectory) throws(ChainError) -> Report {
        var problems: [SchemaProblem] = []
        var count: Int64 = 0
        var scan = FoldOrderScan()
        let summary = try VerifiedLog.stream(directory) { record in
            scan.apply(record)
            let found = Self.problems(of: record)
            guard !found.isEmpty else { return }
            count += 1
            problems += found.prefix(problemsListedMax - problems.count)
        }
        var report = Report(checkedCount: summary.visitedCount, problems: problems, problemCount: count)
        // The same records again: up to the first pass's last (an append since adds records after it).
        let last = summary.visitedCount
        let read = { (visit: (Record) -> Void) throws(ChainError) -> Void in
            _ = try VerifiedLog.stream(directory, upToSeq: last) { record in visit(record) }
        }
        let foldOrder: [FoldOrderProblem]
        if let streamed = try scan.problems(read) {
            foldOrder = streamed
        } else {
            var log = EffectiveLog()
            try read { log.apply($0) }
            foldOrder = FoldOrderCheck.problems(of: log)
        }
        report.foldOrderProblems = Array(foldOrder.prefix(problemsListedMax))
        report.foldOrderProblemCount = Int64(foldOrder.count)
        return report
    }
}
