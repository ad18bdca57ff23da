import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Entities of one kind while a projection is folded: in an array by dense index (the order first registered),
/// with each id interned once. Each reference in a fact costs one lookup of its id, after which the entity is
/// changed in place in the array; the projection shows the table at the end as it is (`EntityMap`). Ids keep
/// `String` equality (Unicode canonical equivalence), as the dictionaries the fold used before.
struct EntityTable<Entity> {
    /// The ids, interned in the order the entities were added.
    private var index = IdInterner()
    var items: [Entity] = []

    /// The dense index of `id`, nil when no entity has it.
    subscript(id: String) -> Int? { index.find(id) }

    mutating func reserve(_ count: Int) {
        index.reserve(count)
        items.reserveCapacity(count)
    }

    /// Registers `id` unless an entity has it already (one lookup of the id, where a check and then an add hashed
    /// it twice): true when it is new, and the caller then appends its entity to `items` (at the index `id` was
    /// given, `items.count`), before any other call. A closure making the entity, as this took before, captured the
    /// fold's whole payload: every string of it retained and released around the call.
    mutating func register(_ id: String) -> Bool {
        assert(index.count == items.count, "the entity of the id registered before was appended")
        return index.intern(id).added
    }

    /// The entities by id, as `Projection` shows them: the table itself, moved out (this one is left empty). The
    /// dictionaries the projection showed before took every entity out and hashed every id again.
    mutating func take() -> EntityMap<Entity> {
        defer { self = EntityTable() }
        return EntityMap(index: index, items: items)
    }
}
