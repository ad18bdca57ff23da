/// `occupation.reported`: an occupation (侵占) of a common part is found.
public struct OccupationReported: Equatable, Sendable {
    public var occupationID: String
    public var assetID: String
    public var occupant: PersonalText
    public var description: String

    public init(occupationID: String, assetID: String, occupant: PersonalText, description: String) {
        self.occupationID = occupationID
        self.assetID = assetID
        self.occupant = occupant
        self.description = description
    }
}
