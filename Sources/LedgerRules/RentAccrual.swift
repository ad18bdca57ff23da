import LedgerEvents
import LedgerProjections

/// Rent a contract entitles the owners to, period by period: what CON-07 counts as due, what CON-06 states for
/// use after the contract ended, and what LOW-02 compares between parts.
struct RentAccrual: Equatable {
    /// When the rent for `range` falls due (in advance, on the first day of its period).
    let dueOn: CalendarDate
    /// The days this rent pays for.
    let range: DayRange
    let amount: Amount
    /// Whether it is rent at the contract's rate for use after the contract's last day (Civil Code Art. 734).
    let afterEnd: Bool
    /// Whether it pays for part of a period only (`range`'s days, in proportion): the period in which a use after
    /// the contract's end stopped.
    var isPart = false
}
