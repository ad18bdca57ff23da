import LedgerPlatform

/// The events of one append batch, in order: an array of events, or events made one at a time when read (a large
/// import keeps its rows packed and makes each event on demand, so a batch of a million events is never held as a
/// million `Event` values). The writer and the domain checks take this one concrete type, so their loops are
/// compiled for it rather than through a generic collection.
public struct EventBatch: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case events([Event])
        case made(Maker)
    }

    /// A maker's closures in one object: reading an event retains the one object, not each closure's context (the
    /// checks and the writer read every event of a batch, each read a copy of the storage).
    private final class Maker: Sendable {
        let count: Int
        let make: @Sendable (Int) -> Event
        let header: @Sendable (Int) -> EventHeader
        let canonical: Canonical?

        init(count: Int, make: @escaping @Sendable (Int) -> Event, header: @escaping @Sendable (Int) -> EventHeader, canonical: Canonical?) {
            self.count = count
            self.make = make
            self.header = header
            self.canonical = canonical
        }
    }

    /// How a maker writes event `i`'s record parts without making the event: its type and date, and its canonical
    /// `data` appended to a buffer — the bytes `make(i).payload.writeData(to:)` appends, and `make(i)`'s type and
    /// date. The writer takes these instead of making each event (an import's packed rows write their own JSON).
    public struct Canonical: Sendable {
        public let parts: @Sendable (Int) -> (type: String, occurredOn: CalendarDate)
        public let appendData: @Sendable (Int, inout LineBuffer) -> Void

        public init(parts: @escaping @Sendable (Int) -> (type: String, occurredOn: CalendarDate),
                    appendData: @escaping @Sendable (Int, inout LineBuffer) -> Void) {
            self.parts = parts
            self.appendData = appendData
        }
    }

    private let storage: Storage
    /// True when the maker promises that every event has a typed payload that is not a correction (each is a fact
    /// by itself): the domain check then need not read the batch once more to find out.
    public let allTypedFacts: Bool

    /// A batch of the given events.
    public init(_ events: [Event]) {
        storage = .events(events)
        allTypedFacts = false
    }

    /// A batch of `count` events, event `i` made by `make(i)` each time it is read (equal events for equal `i`).
    public init(count: Int, make: @escaping @Sendable (Int) -> Event) {
        self.init(count: count, allTypedFacts: false, header: { index in
            let event = make(index)
            return EventHeader(id: event.id, actor: event.actor)
        }, make: make)
    }

    /// A batch of `count` events, event `i` made by `make(i)` each time it is read (equal events for equal `i`);
    /// `header(i)` gives its id and actor without making it, and must agree with `make(i)`.
    /// `canonical`, when given, writes each event's record parts as `make(i)` would give them (`Canonical`).
    public init(count: Int, allTypedFacts: Bool, header: @escaping @Sendable (Int) -> EventHeader,
                make: @escaping @Sendable (Int) -> Event, canonical: Canonical? = nil) {
        precondition(count >= 0, "a batch has a non-negative number of events")
        storage = .made(Maker(count: count, make: make, header: header, canonical: canonical))
        self.allTypedFacts = allTypedFacts
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .events(let events): return events.count
        case .made(let maker): return maker.count
        }
    }

    public subscript(index: Int) -> Event {
        switch storage {
        case .events(let events): return events[index]
        case .made(let maker):
            precondition(index >= 0 && index < maker.count, "EventBatch index out of range")
            return maker.make(index)
        }
    }

    /// The events, when the batch holds them in an array (nil for events made on demand): read in place by index,
    /// an event is not copied (the writer reads each event of a batch twice, on every core).
    public var storedEvents: [Event]? {
        if case .events(let events) = storage { return events }
        return nil
    }

    /// The maker's way of writing an event's record parts without making it (nil: make the event).
    public var canonical: Canonical? {
        if case .made(let maker) = storage { return maker.canonical }
        return nil
    }

    /// The id and actor of event `index`, without making the event.
    public func header(at index: Int) -> EventHeader {
        switch storage {
        case .events(let events): return EventHeader(id: events[index].id, actor: events[index].actor)
        case .made(let maker):
            precondition(index >= 0 && index < maker.count, "EventBatch index out of range")
            return maker.header(index)
        }
    }
}
