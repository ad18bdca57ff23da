import LedgerEvents
import LedgerProjections

/// How a lapse stands on the check date when it no longer calls for the rule's default action.
public struct Resolution: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Done late, but done (a disclosure published after its deadline).
        case remediedLate = "remedied_late"
        /// Authorised only afterwards, by a decision dated after the act (追认).
        case ratified
        /// A state that has ended (an overdraft made good).
        case ended
        /// The money recovered (追回): refunds into the fund cover a spending it must not bear (FUND-05).
        case recovered
    }

    public let kind: Kind
    /// The day it was remedied, ratified, ended or recovered.
    public let on: CalendarDate
    /// The record that shows it.
    public let evidence: Evidence

    public init(_ kind: Kind, on: CalendarDate, evidence: Evidence) {
        self.kind = kind
        self.on = on
        self.evidence = evidence
    }
}
