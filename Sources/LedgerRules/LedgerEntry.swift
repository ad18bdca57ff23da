import LedgerEvents

/// One line of the 整改台账: a finding the rules find on the check date, or a key issued earlier that they no
/// longer find, with where it stands in the loop.
public struct LedgerEntry: Equatable, Sendable {
    public let key: String
    public let communityID: String
    public let communityName: String
    public let street: String
    /// The rule the key names.
    public let rule: RuleCode?
    /// The finding on the check date, when the rules find it (index into `Rectification.findings`).
    public let findingIndex: Int?
    /// The key's history in the loop, when it was ever issued.
    public let tracked: TrackedKey?
    public let status: LoopStatus
    /// Issued, past its deadline, and the community still owes the fix (逾期, or 复核未通过 past the deadline).
    public let overdue: Bool
    /// For a key the rules no longer find: a finding on the same item in the list (index into
    /// `Rectification.findings`), whose item the entry names; nil when none is found.
    public var itemFindingIndex: Int? = nil
    /// For a key the rules no longer find: its item as the ledger held it (`TrackedKey.item`), by which the entry
    /// names it when no finding in the list is about the same item; nil when the ledger does not hold the item.
    public var itemLabel: ItemLabel? = nil
    /// For a key the rules no longer find whose item another open finding now reports in a worse form (status
    /// `superseded`): that finding's key (`IDLE-01/PART` for a LOW-01 or LOW-02 key); nil otherwise.
    public var supersededBy: String? = nil
    /// For a finding never issued that recurs (反弹) on an item whose key of the same rule (or family) was closed
    /// before it began: that closed key, so the status names what was closed and when; nil otherwise.
    public var recurrenceOf: TrackedKey? = nil
    /// For an issued key never closed that is `recurring`: the day its problem, gone since the issuing list's check
    /// date, began again (`RectificationLedger.cameBack`); nil otherwise.
    public var recurredOn: CalendarDate? = nil
}
