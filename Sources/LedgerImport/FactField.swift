import LedgerEvents

/// One column of a fact spreadsheet.
public struct FactField: Sendable {
    /// Where the value goes: `occurred_on` (the event's date) or a path in `data` such as `amount_fen` or
    /// `authorises.asset_ids`.
    public let key: String
    /// Headings that mean this field (the first is the template's); matched like register headings.
    public let headings: [String]
    public let value: FactValue
    public let required: Bool
    /// Two example values for the template.
    public let examples: [String]
    /// What the field is, in Chinese, for `ledger template` and messages.
    public let label: String
}
