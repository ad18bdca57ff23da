/// `decision.recorded`: an owners' joint decision (业主共同决定), dated by the envelope's `occurred_on` (vote date).
public struct DecisionRecorded: Equatable, Sendable {
    public var decisionID: String
    public var communityID: String
    public var matter: DecisionMatter
    public var participatingArea: DecimalQuantity
    public var participatingOwners: Int64
    public var approvingArea: DecimalQuantity
    public var approvingOwners: Int64
    public var authorises: Authorisation
    /// Last day the decision may be acted on; nil for no limit.
    public var validUntil: CalendarDate?

    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(decisionID: String, communityID: String, matter: DecisionMatter, participatingArea: DecimalQuantity, participatingOwners: Int64, approvingArea: DecimalQuantity, approvingOwners: Int64, authorises: Authorisation, validUntil: CalendarDate? = nil, written: WrittenForm = WrittenForm()) {
        self.decisionID = decisionID
        self.communityID = communityID
        self.matter = matter
        self.participatingArea = participatingArea
        self.participatingOwners = participatingOwners
        self.approvingArea = approvingArea
        self.approvingOwners = approvingOwners
        self.authorises = authorises
        self.validUntil = validUntil
        self.written = written
    }
}

extension DecisionRecorded {
    /// Whether a vote part's owners and area disagree: one is 0 and the other is not. Owners vote with their units'
    /// area together ([CC] 278), so owners without area, or area without owners, is a figure left out or mistyped
    /// (review 36d). The one check of `ledger append` (a rule of the writer's door, in the schema's reader) and of
    /// `ledger import decisions`, with one message (`EventWords.ownersAndAreaDisagree`); not a rule of the record
    /// format, so a log written before it still reads.
    public static func ownersAndAreaDisagree(owners: Int64, area: DecimalQuantity) -> Bool {
        (owners == 0) != (area.units == 0)
    }
}
