import LedgerEvents

/// A run of days, both ends included.
public struct DayRange: Equatable, Sendable, CustomStringConvertible {
    public let first: CalendarDate
    public let last: CalendarDate

    public init(first: CalendarDate, last: CalendarDate) {
        precondition(first <= last, "a day range has first ≤ last")
        self.first = first
        self.last = last
    }

    /// Number of days, ends included.
    public var days: Int { first.days(until: last) + 1 }
    public var description: String { "\(first)…\(last)" }

    /// Sorts and merges overlapping or touching ranges.
    public static func merge(_ ranges: [DayRange]) -> [DayRange] {
        let sorted = ranges.sorted { $0.first < $1.first }
        var out: [DayRange] = []
        for range in sorted {
            if let last = out.last, range.first.dayNumber <= last.last.dayNumber + 1 {
                out[out.count - 1] = DayRange(first: last.first, last: max(last.last, range.last))
            } else {
                out.append(range)
            }
        }
        return out
    }
}
