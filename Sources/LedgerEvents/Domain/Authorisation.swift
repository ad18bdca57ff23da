/// What an owners' decision authorises. Every part is optional.
public struct Authorisation: Equatable, Sendable {
    public var assetIDs: [String]
    /// A contract the decision approves; usually signed after the vote, so it is not checked on append.
    public var contractID: String?
    public var purpose: String?
    /// The most that may be spent or committed under the decision.
    public var amountCap: Amount?


    public init(assetIDs: [String], contractID: String? = nil, purpose: String? = nil, amountCap: Amount? = nil) {
        self.assetIDs = assetIDs
        self.contractID = contractID
        self.purpose = purpose
        self.amountCap = amountCap
    }
}
