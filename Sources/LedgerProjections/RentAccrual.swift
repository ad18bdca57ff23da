import LedgerEvents

/// Rent a contract entitles the owners to, period by period (`Projection.rentAccruals`): what the `contracts` list,
/// `ledger show` and the disclosure count as expected, what CON-07 counts as due, what CON-06 states for use after
/// the contract ended, and what LOW-02 compares between parts — one computation for all of them.
public struct RentAccrual: Equatable, Sendable {
    /// When the rent for `range` falls due (in advance, on the first day of its period).
    public let dueOn: CalendarDate
    /// The days this rent pays for.
    public let range: DayRange
    public let amount: Amount
    /// Whether it is rent at the contract's rate for use after the contract's last day (Civil Code Art. 734):
    /// 到期后继续使用的使用费.
    public let afterEnd: Bool
    /// Whether it pays for part of a period only (`range`'s days, in proportion): the period in which a use after
    /// the contract's end stopped.
    public var isPart: Bool

    public init(dueOn: CalendarDate, range: DayRange, amount: Amount, afterEnd: Bool, isPart: Bool = false) {
        self.dueOn = dueOn
        self.range = range
        self.amount = amount
        self.afterEnd = afterEnd
        self.isPart = isPart
    }
}
