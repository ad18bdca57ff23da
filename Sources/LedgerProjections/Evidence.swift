import LedgerChain
import LedgerEvents

/// The record that states a fact: its position in the log and its event id. Findings and reports cite these.
public struct Evidence: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seq: Int64
    public let eventID: String

    public init(seq: Int64, eventID: String) {
        self.seq = seq
        self.eventID = eventID
    }

    public static func < (lhs: Evidence, rhs: Evidence) -> Bool { lhs.seq < rhs.seq }
    public var description: String { "#\(seq) \(eventID)" }
}
