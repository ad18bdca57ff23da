import LedgerEvents

/// A contract as of the projection's date: status, rent expected and received.
public struct ContractView: Equatable, Sendable {
    public let contract: Contract
    public let status: ContractStatus
    /// Every instalment of the term (up to the termination day when terminated).
    public let schedule: [RentDue]
    /// Sum of instalments due on or before the as-of date.
    public let rentExpected: Amount
    /// Income naming this contract as its source received up to the as-of date into funds of the contract's
    /// community — what CON-07 counts: rent booked to another community's fund has not reached these owners
    /// (FUND-09 reports it).
    public let rentReceived: Amount
    /// Rent due not yet received (expected minus received), never negative: see `paidAhead`.
    public var arrears: Amount { max(.zero, rentExpected - rentReceived) }
    /// Rent received beyond what has fallen due (预收): paid ahead while the contract runs, or overpaid (多收) once it
    /// has ended (refund it, or count it against rent owed for use after the end, CON-06).
    public var paidAhead: Amount { max(.zero, rentReceived - rentExpected) }
    /// Payments naming this contract, in fold order (into any fund).
    public let payments: [FundMovement]
    /// Per payment (in the same order), whether `rentReceived` counts it: dated on or before the as-of date, into a
    /// fund of the contract's community.
    public let counted: [Bool]
}
