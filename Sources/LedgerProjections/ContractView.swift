import LedgerEvents

/// A contract's rent as every view shows it — the `contracts` list (`ContractLine`), `ledger show` and the
/// disclosure (`ContractView`) — worked out once here from what each holds: expected, received, arrears, and what
/// was received beyond the rent due, paid ahead (预收) or overpaid (多收).
public protocol RentFigures {
    var status: ContractStatus { get }
    /// Rent due on or before the as-of date: the term's instalments and the rent for use after the end (`afterEnd`).
    var rentExpected: Amount { get }
    var rentReceived: Amount { get }
    /// Rent at the contract's rate for use after its last day up to the as-of date (到期后继续使用的使用费; CON-06),
    /// each due on the first day of use in its period (`Projection.rentAccruals`): part of `rentExpected`.
    var afterEnd: [RentDue] { get }
    /// Whether a use under the contract goes on after its end beyond the as-of date (its rent period is then due in
    /// full, and rent received beyond it pays ahead for that use).
    var useGoesOnAfterEnd: Bool { get }
}

extension RentFigures {
    /// The part of `rentExpected` owed for use after the contract's last day (到期后继续使用的使用费).
    public var rentAfterEnd: Amount { afterEnd.reduce(Amount.zero) { $0 + $1.amount } }
    /// Rent due not yet received (expected minus received), never negative: see `paidAhead` and `overpaid`.
    public var arrears: Amount { max(.zero, rentExpected - rentReceived) }
    /// Whether rent received beyond what is due is to be refunded (多收): the contract has ended (expired or
    /// terminated) and no use under it goes on; otherwise it pays ahead for rent still to fall due (预收).
    public var surplusIsOverpaid: Bool { (status == .expired || status == .terminated) && !useGoesOnAfterEnd }
    /// Rent received beyond what has fallen due while rent is still to fall due (预收): the contract runs, or a use
    /// under it goes on after its end.
    public var paidAhead: Amount { surplusIsOverpaid ? .zero : max(.zero, rentReceived - rentExpected) }
    /// Rent received beyond all that is due once the contract has ended and nothing under it goes on (多收: to
    /// refund).
    public var overpaid: Amount { surplusIsOverpaid ? max(.zero, rentReceived - rentExpected) : .zero }
}

/// A contract as of the projection's date: status, rent expected and received.
public struct ContractView: Equatable, Sendable, RentFigures {
    public let contract: Contract
    public let status: ContractStatus
    /// Every instalment of the term (up to the termination day when terminated).
    public let schedule: RentSchedule
    public let afterEnd: [RentDue]
    public let useGoesOnAfterEnd: Bool
    /// The instalments of `schedule` due on or before the as-of date and the rent for use after the end
    /// (`afterEnd`): the rent CON-07 counts as due, before its grace days (`Projection.rentAccruals`).
    public let rentExpected: Amount
    /// Income naming this contract as its source received up to the as-of date into funds of the contract's
    /// community — what CON-07 counts: rent booked to another community's fund has not reached these owners
    /// (FUND-09 reports it).
    public let rentReceived: Amount
    /// Payments naming this contract, in fold order (into any fund).
    public let payments: [FundMovement]
    /// Per payment (in the same order), whether `rentReceived` counts it: dated on or before the as-of date, into a
    /// fund of the contract's community.
    public let counted: [Bool]
}
