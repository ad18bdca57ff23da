import LedgerEvents

extension RentPeriod {
    /// Months in one rent period; nil for rent paid once.
    public var months: Int? {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        case .once: return nil
        }
    }
}

extension Projection {
    /// Whether `use` is one that went on under `contract` after the contract ended: it cites the contract, which
    /// covers its part, and began on or before the contract's last day (a use begun after the end never stood under
    /// it: OCC-02 reports it). CON-06 reports such a use that is open on the check date from the contract's first
    /// day out of force, OCC-02 never does, and its days after the last day owe rent at the contract's rate.
    public static func wentOnAfterEnd(_ use: Use, _ contract: Contract) -> Bool {
        guard case .contract(let id) = use.authority, id == contract.id else { return false }
        return contract.terms.assetIDs.contains(use.assetID) && use.startedOn <= contract.lastDay
    }

    /// The days after a contract's last day (`end_on` or its termination day, as rent and the days in use count
    /// it), up to the as-of date, on which a use under it went on (merged): a use counts to its end day, both
    /// included, as the days in use count (ledger-spec.md "In-use days"); and whether such a use goes on after the
    /// as-of date (it has not ended by then), which makes its current rent period due in full.
    public func daysUsedAfterEnd(_ contract: Contract, only use: Use? = nil) -> (ranges: [DayRange], ongoing: Bool) {
        var ranges: [DayRange] = []
        var ongoing = false
        for assetID in contract.terms.assetIDs {
            for u in uses(ofAsset: assetID) where use == nil || u.id == use!.id {
                guard Self.wentOnAfterEnd(u, contract) else { continue }
                let first = max(contract.lastDay.adding(days: 1), u.startedOn)
                let last = min(asOf, u.ended?.date ?? asOf)
                guard first <= last else { continue }
                ranges.append(DayRange(first: first, last: last))
                if u.ended.map({ $0.date > asOf }) ?? true { ongoing = true }
            }
        }
        return (DayRange.merge(ranges), ongoing)
    }

    /// Every instalment of a contract with the days it pays for, followed by rent at the contract's rate for the
    /// days a use under it (all of them, or `only` one) went on after its last day, up to the as-of date: the lease
    /// goes on without a fixed term on the same terms (Civil Code Art. 734), so each period that begins while the use
    /// goes on is due in full, and the period in which the use stopped in proportion to its days (rounded down to the
    /// fen). Rent paid once is spread over the term's days for this. The instalments of the term are
    /// `Contract.schedule`'s, with their periods.
    ///
    /// Only what falls due on or before the as-of date: a later instalment is not yet owed, and reading it made a
    /// contract to 9999-12-31 cost some 97,000 monthly instalments in every rule that asked (review 38f #8). With
    /// `overlapping`, only the accruals whose days meet that range, found from the period holding its first day
    /// rather than by walking every period since `start_on` (LOW-02's window).
    /// - Complexity: O(p · u) for p periods from `start_on` (from `overlapping.first`) to the as-of date and u
    ///   ranges of use after the end: never the term's periods after the as-of date.
    public func rentAccruals(_ contract: Contract, only use: Use? = nil, overlapping: DayRange? = nil) -> [RentAccrual] {
        let terms = contract.terms
        guard terms.rent.fen > 0 else { return [] }
        let (used, ongoing) = daysUsedAfterEnd(contract, only: use)
        func meets(_ range: DayRange) -> Bool { overlapping.map { range.first <= $0.last && $0.first <= range.last } ?? true }
        guard let months = terms.rentPeriod.months else {
            var out: [RentAccrual] = []
            let term = DayRange(first: terms.startOn, last: max(terms.startOn, terms.endOn))
            if terms.startOn <= contract.lastDay, terms.startOn <= asOf, meets(term) {
                out.append(RentAccrual(dueOn: terms.startOn, range: term, amount: terms.rent, afterEnd: false))
            }
            for range in used where meets(range) {
                let fen = Int128(terms.rent.fen) * Int128(range.days) / Int128(term.days)
                out.append(RentAccrual(dueOn: range.first, range: range, amount: Amount(fen: Int64(fen)), afterEnd: true))
            }
            return out
        }
        var out: [RentAccrual] = []
        // Periods before the k started from end before `overlapping` begins: period k ends the day before start + (k + 1)·months,
        // whose calendar month is before the month of `overlapping.first` when (k + 1)·months is below the months
        // between them, so neither its instalment nor rent for use within it meets the range.
        var k = 0
        if let overlapping {
            let between = (overlapping.first.year - terms.startOn.year) * 12 + (overlapping.first.month - terms.startOn.month)
            k = max(0, (between - 1) / months)
        }
        while true {
            // From the start each time, as `Contract.schedule` counts, so month ends do not drift. A period that does
            // not begin within the term runs as Civil Code Art. 202 counts it, from the day after the term of the
            // periods before it ends (`RentSchedule.periodBegins`): where start + k periods is clamped to a shorter
            // month's end, that day is the term's, and the period after it begins the next day (review 42c D3: a
            // quarter from 30 November ended on 28 February, and the use after it was charged 90/91 of a quarter).
            let inTerm = RentSchedule.periodBegins(k, from: terms.startOn, every: months, within: contract.lastDay)
            let first = inTerm ? terms.startOn.adding(months: k * months) : terms.startOn.lastDayOfTerm(months: k * months).adding(days: 1)
            // Each later accrual falls due on or after its period's first day: none is due by the as-of date.
            guard first <= asOf, overlapping.map({ first <= $0.last }) ?? true else { break }
            let period = DayRange(first: first, last: inTerm ? terms.startOn.adding(months: (k + 1) * months).adding(days: -1)
                                                              : terms.startOn.lastDayOfTerm(months: (k + 1) * months))
            k += 1
            if inTerm {
                if meets(period) { out.append(RentAccrual(dueOn: first, range: period, amount: terms.rent, afterEnd: false)) }
                continue
            }
            guard let lastUsed = used.last?.last, first <= lastUsed else { break }
            for range in used {
                let from = max(range.first, period.first), to = min(range.last, period.last)
                guard from <= to else { continue }
                let part = DayRange(first: from, last: to)
                if part == period || (ongoing && to == asOf) {
                    if meets(period) { out.append(RentAccrual(dueOn: from, range: period, amount: terms.rent, afterEnd: true)) }
                } else if meets(part) {
                    let fen = Int128(terms.rent.fen) * Int128(part.days) / Int128(period.days)
                    out.append(RentAccrual(dueOn: from, range: part, amount: Amount(fen: Int64(fen)), afterEnd: true, isPart: true))
                }
            }
        }
        return out
    }
}
