import LedgerEvents

/// A contract's instalments (`Contract.schedule`) as a span: `count` instalments of `amount`, the i-th due
/// `monthsPerPeriod · i` months after `startOn` (counted from the start each time, so month ends do not drift),
/// each made only when read. A term to 9999-12-31 has some 96,000 monthly instalments: the `contracts` list,
/// `ledger show` and `index/contracts.state` held every one of them (46 MB for 100 such contracts, review 39b),
/// where the span and its count say the same.
public struct RentSchedule: RandomAccessCollection, Equatable, Sendable {
    public let startOn: CalendarDate
    /// Months between two instalments; 0 for rent paid once (at most one instalment).
    public let monthsPerPeriod: Int
    public let amount: Amount
    public let count: Int

    public init(startOn: CalendarDate, monthsPerPeriod: Int, amount: Amount, count: Int) {
        self.startOn = startOn
        self.monthsPerPeriod = monthsPerPeriod
        self.amount = amount
        self.count = count
    }

    /// The instalments from `start` every `months` months (0: once) that fall due on or before `last`.
    public init(startOn start: CalendarDate, monthsPerPeriod months: Int, amount: Amount, dueBy last: CalendarDate) {
        self.init(startOn: start, monthsPerPeriod: months, amount: amount,
                  count: RentSchedule.count(from: start, every: months, dueBy: last))
    }

    /// The instalments of a term from `start` every `months` months (0: once) whose periods begin on or before
    /// `last`, the term's last day (`periodBegins`).
    public init(startOn start: CalendarDate, monthsPerPeriod months: Int, amount: Amount, termEndingOn last: CalendarDate) {
        self.init(startOn: start, monthsPerPeriod: months, amount: amount,
                  count: RentSchedule.count(from: start, every: months, termEndingOn: last))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> RentDue {
        precondition(position >= 0 && position < count, "instalment \(position) of \(count)")
        return RentDue(dueOn: startOn.adding(months: position * monthsPerPeriod), amount: amount)
    }

    /// The total of the instalments.
    public var total: Amount { Amount(fen: amount.fen * Int64(count)) }

    /// How many of the days `start`, `start` + `months`, `start` + 2·`months` … (from the start each time) are on or
    /// before `last`: found from the months between them and set right by at most a step or two, not by walking
    /// every period. `months` 0 is rent paid once: one instalment when `start` ≤ `last`.
    public static func count(from start: CalendarDate, every months: Int, dueBy last: CalendarDate) -> Int {
        guard start <= last else { return 0 }
        guard months > 0 else { return 1 }
        // The k-th due day is in the calendar month k·months after start's (its day clamped to the month's length),
        // so the last k due by `last` is within one of the months between them divided by the period.
        let between = (last.year - start.year) * 12 + (last.month - start.month)
        var k = Swift.max(0, between / months)
        while k > 0 && start.adding(months: k * months) > last { k -= 1 }
        while start.adding(months: (k + 1) * months) <= last { k += 1 }
        return k + 1
    }

    /// Whether rent period `k` (0 the first) of a term from `start` every `months` months begins on or before
    /// `last`, the term's last day. Period k ≥ 1 begins the day after a term of k·`months` months from `start` ends,
    /// counted as Civil Code Art. 202 counts it (`CalendarDate.lastDayOfTerm`, as CON-04 measures a term): on
    /// `start` + k·`months` — except where that day is clamped to a shorter month's end, which is then the last day
    /// of period k − 1 (a quarter from 30 November ends on 28 February), so a term ending on it holds no period k
    /// (review 42b: one quarter from 2025-11-30 to 2026-02-28 was billed two instalments).
    public static func periodBegins(_ k: Int, from start: CalendarDate, every months: Int, within last: CalendarDate) -> Bool {
        guard k > 0 else { return start <= last }
        return months > 0 && start.lastDayOfTerm(months: k * months) < last
    }

    /// How many rent periods of a term from `start` every `months` months (0: once) to `last` begin within it
    /// (`periodBegins`): `count(from:every:dueBy:)` less the instalment due on `last` when that day is the previous
    /// period's clamped last day.
    public static func count(from start: CalendarDate, every months: Int, termEndingOn last: CalendarDate) -> Int {
        let due = count(from: start, every: months, dueBy: last)
        return due > 1 && !periodBegins(due - 1, from: start, every: months, within: last) ? due - 1 : due
    }
}
