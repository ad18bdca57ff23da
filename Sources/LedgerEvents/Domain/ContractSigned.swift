/// `contract.signed`: an operating contract (经营合同) on common parts, dated by its signing date.
public struct ContractSigned: Equatable, Sendable {
    public var contractID: String
    public var communityID: String
    public var assetIDs: [String]
    public var counterparty: PersonalText
    public var purpose: String
    /// First and last day of the term, both included.
    public var startOn: CalendarDate
    public var endOn: CalendarDate
    /// Rent per period in fen; 0 for a rent-free contract.
    public var rent: Amount
    public var rentPeriod: RentPeriod
    /// The deciding vote; nil when there was none (a finding for the rules, not a rejection).
    public var decisionID: String?
    /// The fund that should receive the rent.
    public var payeeFundID: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(contractID: String, communityID: String, assetIDs: [String], counterparty: PersonalText, purpose: String, startOn: CalendarDate, endOn: CalendarDate, rent: Amount, rentPeriod: RentPeriod, decisionID: String? = nil, payeeFundID: String? = nil, written: WrittenForm = WrittenForm()) {
        self.contractID = contractID
        self.communityID = communityID
        self.assetIDs = assetIDs
        self.counterparty = counterparty
        self.purpose = purpose
        self.startOn = startOn
        self.endOn = endOn
        self.rent = rent
        self.rentPeriod = rentPeriod
        self.decisionID = decisionID
        self.payeeFundID = payeeFundID
        self.written = written
    }
}
