/// The events of one append batch, in order: an array of events, or events made one at a time when read (a large
/// import keeps its rows packed and makes each event on demand, so a batch of a million events is never held as a
/// million `Event` values). The writer and the domain checks take this one concrete type, so their loops are
/// compiled for it rather than through a generic collection.
public struct EventBatch: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case events([Event])
        case made(count: Int, make: @Sendable (Int) -> Event)
    }

    private let storage: Storage

    /// A batch of the given events.
    public init(_ events: [Event]) { storage = .events(events) }

    /// A batch of `count` events, event `i` made by `make(i)` each time it is read (it must give equal events for
    /// equal `i`).
    public init(count: Int, make: @escaping @Sendable (Int) -> Event) {
        precondition(count >= 0, "a batch has a non-negative number of events")
        storage = .made(count: count, make: make)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .events(let events): return events.count
        case .made(let count, _): return count
        }
    }

    public subscript(index: Int) -> Event {
        switch storage {
        case .events(let events): return events[index]
        case .made(let count, let make):
            precondition(index >= 0 && index < count, "EventBatch index out of range")
            return make(index)
        }
    }
}
