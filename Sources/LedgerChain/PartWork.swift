import LedgerEvents
import LedgerPlatform

/// What one part of a chunk hands over: its lines in order, and the problems of its unparsable lines.
struct PartWork: Sendable {
    var lines: [LineResult]
    var problems: [ChainError.LineProblem]
}
