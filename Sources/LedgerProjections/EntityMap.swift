import LedgerPlatform

/// Entities of one kind by id, as a projection shows them (`Projection.assets`, `.funds`, …): the fold's own table,
/// handed over as it is, where the projection used to copy every entity into a `[String: Entity]` dictionary and hash
/// every id a second time (SipHash over the whole id, some 260 instructions a record with the inserts).
///
/// It reads like that dictionary: `map[id]` finds an entity by id with `String` equality (Unicode canonical
/// equivalence: "\u{212A}-1", with U+212A KELVIN SIGN, finds "K-1"), `count`, `keys`, `values`, `contains(_:)`, and
/// iteration gives `(key, value)` pairs. Two differences:
/// - iteration (`keys`, `values`, `for (id, entity) in map`) is in **registration order** (the order the fold first
///   registered each entity), the same from run to run, where a dictionary's order changed with the process's hash
///   seed; every report still sorts what it shows;
/// - an id is kept as first registered: a later entity under a canonically equivalent id replaces the entity and
///   keeps that first spelling (as a dictionary keeps its first key).
///
/// Equality is a dictionary's: the same ids with equal entities, in any order.
public struct EntityMap<Entity> {
    /// The ids, interned in registration order: the entity of `index.ids[i]` is `items[i]`.
    @usableFromInline var index = IdInterner()
    /// The entities by dense index.
    @usableFromInline var items: [Entity] = []

    /// An empty map.
    public init() {}

    /// The fold's table as it stands: `ids[i]` is the id of `items[i]`.
    init(index: IdInterner, items: [Entity]) {
        precondition(index.count == items.count, "one entity an id")
        self.index = index
        self.items = items
    }

    /// The entity registered under `id` (or an id canonically equivalent to it), nil when none is. Setting an entity
    /// under a new id registers it last; under a known id, replaces its entity. Setting nil removes the id, keeping the
    /// others in their order (O(n): a projection removes nothing; this is for callers that build a map by hand).
    @inlinable
    public subscript(id: String) -> Entity? {
        get {
            guard let position = index.find(id) else { return nil }
            return items[position]
        }
        set {
            if let entity = newValue {
                let (position, added) = index.intern(id)
                if added { items.append(entity) } else { items[position] = entity }
            } else {
                remove(id)
            }
        }
    }

    /// Whether an entity is registered under `id` (one lookup; no entity is copied).
    @inlinable
    public func contains(_ id: String) -> Bool { index.find(id) != nil }

    /// The ids, in registration order.
    public var keys: Keys { Keys(index: index) }

    /// The entities, in registration order.
    public var values: [Entity] { items }

    /// A dictionary of the ids to what `transform` makes of each entity (as `Dictionary.mapValues`).
    public func mapValues<T>(_ transform: (Entity) throws -> T) rethrows -> [String: T] {
        var out = [String: T](minimumCapacity: items.count)
        for position in items.indices { out[index.ids[position]] = try transform(items[position]) }
        return out
    }

    /// Removes the entity under `id`, if any (every other id is interned again, in its order).
    @usableFromInline
    mutating func remove(_ id: String) {
        guard let position = index.find(id) else { return }
        var ids = index.ids
        ids.remove(at: position)
        items.remove(at: position)
        var rebuilt = IdInterner()
        rebuilt.reserve(ids.count)
        for id in ids { rebuilt.add(id) }
        index = rebuilt
    }

    /// The ids of a map, in registration order: a collection of strings whose `contains(_:)` is a lookup in the
    /// map's table, not a walk through every id.
    public struct Keys: RandomAccessCollection, Sendable {
        @usableFromInline let index: IdInterner

        @usableFromInline init(index: IdInterner) { self.index = index }

        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { index.count }
        @inlinable public subscript(position: Int) -> String { index.ids[position] }

        /// Whether `id` (or an id canonically equivalent to it) is one of the keys: one lookup.
        @inlinable
        public func contains(_ id: String) -> Bool { index.find(id) != nil }
    }
}

extension EntityMap: RandomAccessCollection {
    public typealias Element = (key: String, value: Entity)

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { items.count }
    /// The `position`th id registered and its entity.
    @inlinable public subscript(position: Int) -> Element { (index.ids[position], items[position]) }
    @inlinable public var count: Int { items.count }
    @inlinable public var isEmpty: Bool { items.isEmpty }
}

extension EntityMap: Sendable where Entity: Sendable {}

extension EntityMap: Equatable where Entity: Equatable {
    /// The same ids with equal entities, whatever the order they were registered in (a dictionary's equality).
    public static func == (lhs: EntityMap, rhs: EntityMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for position in lhs.items.indices {
            guard let other = rhs.index.find(lhs.index.ids[position]), rhs.items[other] == lhs.items[position] else {
                return false
            }
        }
        return true
    }
}

extension EntityMap: CustomStringConvertible {
    /// Like a dictionary's: `["id": entity, …]`, in registration order.
    public var description: String {
        guard !isEmpty else { return "[:]" }
        return "[" + map { "\(String(reflecting: $0.key)): \(String(reflecting: $0.value))" }.joined(separator: ", ") + "]"
    }
}
