import LedgerEvents
import LedgerPlatform

/// What became of a command's standard output and error: the first failure of each, and what the command had
/// already done (committed records, files written) so the one-line report after a failure can say so. One per
/// process (`CommandIO.standard()`), or per in-process run in tests.
public final class OutputStatus {
    private var failures: [(stream: StandardStream, reason: Wording)] = []
    /// What the command finished before its output failed, in order, in both languages (the report after a failure
    /// is in the command's language).
    public private(set) var done: [Wording] = []

    public init() {}

    /// Records that writing to `stream` failed (only the first failure of a stream is kept).
    public func recordFailure(_ stream: StandardStream, reason: Wording) {
        guard !hasFailed(stream) else { return }
        failures.append((stream, reason))
    }

    /// Whether writing to `stream` has failed.
    public func hasFailed(_ stream: StandardStream) -> Bool { failures.contains { $0.stream == stream } }

    /// The first failure, if any.
    public var firstFailure: (stream: StandardStream, reason: Wording)? { failures.first }

    /// Whether the failure was already reported (by a command run inside another, such as `ledger demo`'s steps).
    var reported = false

    /// Notes something the command has done that stays done (e.g. "records seq 4–5 were committed").
    public func noteDone(_ what: Wording) { done.append(what) }

    /// The records the command committed, if any: a failure after them (the rejects file of an import not put in
    /// place) must not be reported as "nothing appended" (`--json`'s `"appended"`).
    public private(set) var committed: (first: Int64, last: Int64)? = nil

    /// Notes that records `first`…`last` were committed, and says so as `noteDone` does.
    public func noteCommitted(first: Int64, last: Int64, _ what: Wording) {
        committed = (first, last)
        noteDone(what)
    }

    /// What could not be written to standard error (an error message, a warning), at most
    /// `undeliveredBytesMax` bytes of it: said on standard output after the report of the failure.
    public private(set) var undelivered: [UInt8] = []
    public static let undeliveredBytesMax = 64 * 1024

    /// Keeps `bytes` that could not be written to standard error, up to `undeliveredBytesMax` in all.
    public func keepUndelivered(_ bytes: [UInt8]) {
        undelivered += bytes.prefix(max(0, Self.undeliveredBytesMax - undelivered.count))
    }
}
