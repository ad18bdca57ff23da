import LedgerEvents

extension Contract {
    /// The contract's last day (ledger-spec.md, "Contracts and rent" and "In-use days"): `end_on`, or the
    /// termination day when earlier. Rent falls due on days up to it and the days in use count it, while the
    /// contract's status is `terminated` from the termination day on (`firstDayOutOfForce`).
    public var lastDay: CalendarDate { min(terms.endOn, terminated?.date ?? terms.endOn) }

    /// The first day the contract is no longer in force (ledger-spec.md, "Assets": `expired` after `end_on`,
    /// `terminated` from its termination day on): its termination day when it was terminated on or before `end_on`,
    /// else the day after `end_on`. A use under it that goes on from this day is CON-06's, never OCC-02's.
    public var firstDayOutOfForce: CalendarDate { endedEarly ? terminated!.date : terms.endOn.adding(days: 1) }

    /// Whether the contract was terminated on or before `end_on` (rather than running to the end of its term).
    public var endedEarly: Bool { terminated.map { $0.date <= terms.endOn } ?? false }

    /// Rent instalments: `rent` due on start_on and on the same day of every following month, quarter or year whose
    /// period begins on or before `lastDay` (`RentSchedule.periodBegins`); a `once` contract has one instalment on start_on (none when terminated before
    /// start_on); none when rent is 0. A span (`RentSchedule`): its count is found, not its instalments made.
    public var schedule: RentSchedule {
        RentSchedule(startOn: terms.startOn, monthsPerPeriod: terms.rentPeriod.months ?? 0, amount: terms.rent,
                     termEndingOn: terms.rent.fen > 0 ? lastDay : terms.startOn.adding(days: -1))
    }
}

extension Projection {
    /// The status of a contract on `date`.
    public func contractStatus(_ contract: Contract, on date: CalendarDate) -> ContractStatus {
        if let end = contract.terminated, end.date <= date { return .terminated }
        if date < contract.terms.startOn { return .notStarted }
        if date > contract.terms.endOn { return .expired }
        return .active
    }

    /// A contract as of the as-of date.
    public func view(ofContract id: String) -> ContractView? {
        guard let contract = contracts[id] else { return nil }
        let schedule = contract.schedule
        // Expected as CON-07 counts what is due (before its grace days): the same accruals, with the rent for use
        // after the end (CON-06), so the views and the rules give one figure.
        var expected = Amount.zero
        var afterEnd: [RentDue] = []
        for accrual in rentAccruals(contract) where accrual.dueOn <= asOf {
            expected += accrual.amount
            if accrual.afterEnd { afterEnd.append(RentDue(dueOn: accrual.dueOn, amount: accrual.amount)) }
        }
        let goesOn = contract.lastDay < asOf && daysUsedAfterEnd(contract).ongoing
        let payments = contract.paymentIndexes.map { movements[$0] }
        // As CON-07 counts rent (docs/rules.md): only what reached a fund of the contract's own community.
        let counted = payments.map { $0.date <= asOf && funds[$0.fundID]?.communityID == contract.terms.communityID }
        var received = Amount.zero
        for (payment, counts) in zip(payments, counted) where counts { received += payment.amount }
        return ContractView(contract: contract, status: contractStatus(contract, on: asOf), schedule: schedule, afterEnd: afterEnd,
                            useGoesOnAfterEnd: goesOn, rentExpected: expected, rentReceived: received, payments: payments,
                            counted: counted)
    }

    /// Views of all contracts, sorted by community id, then contract id.
    public func contractViews(filter: EntityFilter = EntityFilter()) -> [ContractView] {
        contracts.values.filter { filter.includes(communityID: $0.terms.communityID, in: self) }
            .sorted { ($0.terms.communityID, $0.id) < ($1.terms.communityID, $1.id) }
            .compactMap { view(ofContract: $0.id) }
    }
}
