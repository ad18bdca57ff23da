/// One finding a list hands to a community: who must fix it and by when.
public struct IssuedItem: Equatable, Sendable {
    /// The finding's key, as the list printed it.
    public var key: String
    /// The responsible party (责任主体): 业主委员会, 物业服务企业, 建设单位, the occupant or counterparty, ….
    public var responsible: PersonalText
    /// The last day to fix it (整改时限), included.
    public var deadline: CalendarDate

    public init(key: String, responsible: PersonalText, deadline: CalendarDate) {
        self.key = key
        self.responsible = responsible
        self.deadline = deadline
    }
}
