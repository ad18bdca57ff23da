/// `rectification.extended`: a new deadline (延期) with its reason.
public struct RectificationExtended: Equatable, Sendable {
    public var listID: String
    public var keys: [String]
    public var deadline: CalendarDate
    public var reason: String

    public init(listID: String, keys: [String], deadline: CalendarDate, reason: String) {
        self.listID = listID
        self.keys = keys
        self.deadline = deadline
        self.reason = reason
    }
}
