import LedgerEvents

/// Calendar periods for breakdowns.
public enum ReportPeriod: String, Sendable, CaseIterable {
    case month, quarter, year

    /// The period containing `date`.
    public func range(containing date: CalendarDate) -> DayRange {
        let months: Int
        let firstMonth: Int
        switch self {
        case .month: months = 1; firstMonth = date.month
        case .quarter: months = 3; firstMonth = (date.month - 1) / 3 * 3 + 1
        case .year: months = 12; firstMonth = 1
        }
        let first = CalendarDate(year: date.year, month: firstMonth, day: 1)!
        return DayRange(first: first, last: first.adding(months: months).adding(days: -1))
    }

    /// A label: 2025-03, 2025-Q1, 2025.
    public func label(_ range: DayRange) -> String {
        switch self {
        case .month: return String(range.first.description.prefix(7))
        case .quarter: return "\(range.first.year)-Q\((range.first.month - 1) / 3 + 1)"
        case .year: return String(range.first.year)
        }
    }
}
