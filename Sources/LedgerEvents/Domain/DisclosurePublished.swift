/// `disclosure.published`: income and spending of funds were posted publicly (公示).
public struct DisclosurePublished: Equatable, Sendable {
    public var communityID: String
    public var fundIDs: [String]
    public var periodFrom: CalendarDate
    public var periodTo: CalendarDate
    public var location: String

    public init(communityID: String, fundIDs: [String], periodFrom: CalendarDate, periodTo: CalendarDate, location: String) {
        self.communityID = communityID
        self.fundIDs = fundIDs
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.location = location
    }
}
