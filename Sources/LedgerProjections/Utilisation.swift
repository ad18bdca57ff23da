import LedgerEvents

/// Days in use over a window.
public struct Utilisation: Equatable, Sendable {
    public let window: DayRange
    public let daysInUse: Int
    public var days: Int { window.days }
}
