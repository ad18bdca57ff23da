/// Who an event is and who records it: what the writer needs to resolve ids before it writes.
public struct EventHeader: Equatable, Sendable {
    public var id: String?
    public var actor: String?

    public init(id: String?, actor: String?) {
        self.id = id
        self.actor = actor
    }
}
