/// A payload type with its byte form.
protocol PayloadSchema {
    associatedtype Key: PayloadKey
    /// Reads and checks the payload; `occurredOn` is the event's date (some rules compare payload dates with it).
    static func read(_ o: PayloadObject<Key>, occurredOn: CalendarDate) throws(EventError) -> Self
    /// Writes the members (the caller writes the braces).
    func write(_ w: inout PayloadWriter)
}
