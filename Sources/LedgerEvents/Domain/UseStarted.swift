/// `use.started`: someone starts using a common part.
public struct UseStarted: Equatable, Sendable {
    public var useID: String
    public var assetID: String
    public var user: PersonalText
    public var purpose: String
    public var authority: UseAuthority
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(useID: String, assetID: String, user: PersonalText, purpose: String, authority: UseAuthority, written: WrittenForm = WrittenForm()) {
        self.useID = useID
        self.assetID = assetID
        self.user = user
        self.purpose = purpose
        self.authority = authority
        self.written = written
    }
}
