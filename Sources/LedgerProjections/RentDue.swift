import LedgerEvents

/// One rent instalment: due in advance on the first day of each period.
public struct RentDue: Equatable, Sendable {
    public let dueOn: CalendarDate
    public let amount: Amount
}
