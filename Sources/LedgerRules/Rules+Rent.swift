import LedgerEvents
import LedgerProjections

extension RuleContext {
    /// Months in one rent period; nil for rent paid once.
    static func periodMonths(_ period: RentPeriod) -> Int? { period.months }

    // The accruals are the projection's (`Projection.rentAccruals`), so that the `contracts` list, `ledger show` and
    // the disclosure count as expected exactly the rent CON-06 and CON-07 count as due (one computation).

    /// `Projection.wentOnAfterEnd`: a use that went on under `contract` after the contract ended.
    func wentOnAfterEnd(_ use: Use, _ contract: Contract) -> Bool { Projection.wentOnAfterEnd(use, contract) }

    /// `Projection.daysUsedAfterEnd` as of the check date.
    func daysUsedAfterEnd(_ contract: Contract, only use: Use? = nil) -> (ranges: [DayRange], ongoing: Bool) {
        projection.daysUsedAfterEnd(contract, only: use)
    }

    /// `Projection.rentAccruals` as of the check date: the term's instalments, then rent at the contract's rate for
    /// use after its last day; due by the check date (and meeting `overlapping`, when given), so a term to 9999
    /// costs no more than one to the check date.
    func rentAccruals(_ contract: Contract, only use: Use? = nil, overlapping: DayRange? = nil) -> [RentAccrual] {
        projection.rentAccruals(contract, only: use, overlapping: overlapping)
    }

    /// The part of `accruals` that pays for days within `range`, each in proportion to its days, summed exactly
    /// (in fen, as a ratio): rounding each part would lose fen that the whole does not.
    static func rent(_ accruals: [RentAccrual], within range: DayRange) -> Ratio {
        var total = Ratio.zero
        for a in accruals {
            let from = max(a.range.first, range.first), to = min(a.range.last, range.last)
            guard from <= to else { continue }
            // Each sum is reduced, which keeps the terms small.
            total = total + Ratio(Int128(a.amount.fen) * Int128(from.days(until: to) + 1), Int128(a.range.days))
        }
        return total
    }
}
