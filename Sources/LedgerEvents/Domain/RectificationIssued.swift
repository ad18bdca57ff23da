/// `rectification.issued`: the street office issues a list of findings to a community (交办).
public struct RectificationIssued: Equatable, Sendable {
    public var listID: String
    public var communityID: String
    /// The check date of the list issued.
    public var asOf: CalendarDate
    /// The last record the list was made from (`ledger rectify --at-seq`), so it can be regenerated.
    public var atSeq: Int64
    /// SHA-256 of the report file issued, 64 lower-case hex digits.
    public var reportSHA256: String
    /// How the file was made, so `ledger rectify` can make it again byte for byte.
    public var reportFormat: String
    public var reportLanguage: String
    public var preparedOn: CalendarDate
    /// The findings issued, in the list's order; keys distinct.
    public var items: [IssuedItem]

    public init(listID: String, communityID: String, asOf: CalendarDate, atSeq: Int64, reportSHA256: String,
                reportFormat: String, reportLanguage: String, preparedOn: CalendarDate, items: [IssuedItem]) {
        self.listID = listID
        self.communityID = communityID
        self.asOf = asOf
        self.atSeq = atSeq
        self.reportSHA256 = reportSHA256
        self.reportFormat = reportFormat
        self.reportLanguage = reportLanguage
        self.preparedOn = preparedOn
        self.items = items
    }
}
