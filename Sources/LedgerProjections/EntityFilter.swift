import LedgerEvents

/// Which communities a report covers: one community, one street, or all.
public struct EntityFilter: Equatable, Sendable {
    public var communityID: String?
    public var street: String?

    public init(communityID: String? = nil, street: String? = nil) {
        self.communityID = communityID
        self.street = street
    }

    public func includes(communityID id: String, in projection: Projection) -> Bool {
        if let communityID, communityID != id { return false }
        if let street, projection.communities[id]?.street != street { return false }
        return true
    }
}
