import LedgerEvents

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
