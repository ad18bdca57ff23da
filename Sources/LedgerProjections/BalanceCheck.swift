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
