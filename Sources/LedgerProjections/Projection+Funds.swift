import LedgerEvents

/// A balance assertion compared with the computed balance at the end of its date.
public struct BalanceCheck: Equatable, Sendable {
    public let assertion: BalanceAssertion
    /// The ledger's balance after every movement that occurred on or before the assertion's date.
    public let computed: Amount
    /// asserted − computed; zero when the books agree with the bank.
    public var difference: Amount { assertion.balance - computed }
    public var reconciled: Bool { difference.fen == 0 }
}

/// Totals of one fund over a period (both ends included).
public struct FundSummary: Equatable, Sendable {
    public let fundID: String
    public let period: DayRange?
    /// Balance before the period's first day (0 for a summary from the beginning).
    public let opening: Amount
    public let income: Amount
    public let spending: Amount
    public let transfersIn: Amount
    public let transfersOut: Amount
    /// Income by category, sorted by category.
    public let incomeByCategory: [CategoryTotal]
    /// Spending by purpose category, sorted by category.
    public let spendingByCategory: [CategoryTotal]
    /// Balance after the period's last day.
    public var closing: Amount { opening + income - spending + transfersIn - transfersOut }
}

/// A category and its total.
public struct CategoryTotal: Equatable, Sendable {
    public let category: String
    public let amount: Amount
}

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

/// A fund as of the projection's date.
public struct FundView: Equatable, Sendable {
    public let fund: Fund
    /// Totals from the beginning to the as-of date.
    public let summary: FundSummary
    public var balance: Amount { summary.closing }
    /// Every balance assertion up to the as-of date, compared with the books.
    public let checks: [BalanceCheck]
}

extension Projection {
    /// Movements of a fund, in fold order.
    public func movements(ofFund id: String) -> [FundMovement] { funds[id]?.movementIndexes.map { movements[$0] } ?? [] }

    /// Balance of a fund at the end of `date` (after every movement that occurred on or before it; `date` is
    /// capped at the as-of date).
    public func balance(ofFund id: String, on date: CalendarDate) -> Amount {
        var total = Amount.zero
        // Indexes, not `movements(ofFund:)`: copying each movement costs more than adding it.
        for index in funds[id]?.movementIndexes ?? [] where movements[index].date <= date { total += movements[index].signedAmount }
        return total
    }

    /// Totals of a fund over `period` (from the beginning to the as-of date when nil).
    public func summary(ofFund id: String, period: DayRange? = nil) -> FundSummary {
        var opening = Amount.zero, income = Amount.zero, spending = Amount.zero, transfersIn = Amount.zero, transfersOut = Amount.zero
        var incomeBy: [String: Amount] = [:], spendingBy: [String: Amount] = [:]
        for index in funds[id]?.movementIndexes ?? [] {
            // The fields read in place: a copy of the whole movement retained and released each of its strings (some
            // 7 % of a whole-city `balances` that folds the city, which summarises every fund twice).
            let date = movements[index].date, amount = movements[index].amount
            if let period, date < period.first { opening += movements[index].signedAmount; continue }
            if let period, date > period.last { continue }
            switch movements[index].kind {
            case .income: income += amount; incomeBy[movements[index].category, default: .zero] += amount
            case .spending: spending += amount; spendingBy[movements[index].category, default: .zero] += amount
            case .transferIn: transfersIn += amount
            case .transferOut: transfersOut += amount
            }
        }
        func sorted(_ totals: [String: Amount]) -> [CategoryTotal] {
            totals.keys.sorted().map { CategoryTotal(category: $0, amount: totals[$0]!) }
        }
        return FundSummary(fundID: id, period: period, opening: opening, income: income, spending: spending,
                           transfersIn: transfersIn, transfersOut: transfersOut,
                           incomeByCategory: sorted(incomeBy), spendingByCategory: sorted(spendingBy))
    }

    /// Summaries of a fund per calendar period, from the period of its opening to the period of the as-of date.
    public func summaries(ofFund id: String, by period: ReportPeriod) -> [FundSummary] {
        guard let fund = funds[id] else { return [] }
        var out: [FundSummary] = []
        var range = period.range(containing: fund.openedOn)
        let lastRange = period.range(containing: asOf)
        while range.first <= lastRange.first {
            out.append(summary(ofFund: id, period: range))
            // Stop at the last period before stepping into it: after 9999-12-31 there is no period to build.
            guard range.first < lastRange.first else { break }
            range = period.range(containing: range.last.adding(days: 1))
        }
        return out
    }

    /// Every balance assertion of a fund compared with the computed balance at the end of its date.
    public func reconciliation(ofFund id: String) -> [BalanceCheck] {
        guard let fund = funds[id] else { return [] }
        // Movements are in fold order, so by date: one running total serves assertions taken in date order.
        let byDate = fund.assertions.indices.sorted { fund.assertions[$0].date < fund.assertions[$1].date }
        var computed = [Amount](repeating: .zero, count: fund.assertions.count)
        var total = Amount.zero
        var next = 0
        for index in byDate {
            let date = fund.assertions[index].date
            while next < fund.movementIndexes.count, movements[fund.movementIndexes[next]].date <= date {
                total += movements[fund.movementIndexes[next]].signedAmount
                next += 1
            }
            computed[index] = total
        }
        return fund.assertions.indices.map { BalanceCheck(assertion: fund.assertions[$0], computed: computed[$0]) }
    }

    /// A fund as of the as-of date.
    public func view(ofFund id: String) -> FundView? {
        guard let fund = funds[id] else { return nil }
        return FundView(fund: fund, summary: summary(ofFund: id), checks: reconciliation(ofFund: id))
    }

    /// Views of all funds, sorted by community id, then fund id.
    public func fundViews(filter: EntityFilter = EntityFilter()) -> [FundView] {
        funds.values.filter { filter.includes(communityID: $0.communityID, in: self) }
            .sorted { ($0.communityID, $0.id) < ($1.communityID, $1.id) }
            .compactMap { view(ofFund: $0.id) }
    }

    /// Disclosures of a community, in fold order.
    public func disclosures(ofCommunity id: String) -> [Disclosure] {
        communities[id]?.disclosureIndexes.map { disclosures[$0] } ?? []
    }
}
