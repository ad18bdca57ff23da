/// The fact that takes the place of a corrected event.
public struct Replacement: Equatable, Sendable {
    public var type: EventType
    public var occurredOn: CalendarDate
    /// The replacement's payload, typed.
    public var payload: DomainEvent

    public init(type: EventType, occurredOn: CalendarDate, payload: DomainEvent) {
        self.type = type
        self.occurredOn = occurredOn
        self.payload = payload
    }
}
