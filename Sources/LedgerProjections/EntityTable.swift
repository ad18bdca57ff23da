import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Entities of one kind while a projection is folded: in an array by dense index (the order first registered),
/// with each id interned once. Each reference in a fact costs one lookup of its id, after which the entity is
/// changed in place in the array; the `[String: Entity]` dictionaries the projection shows are built once at
/// the end. Ids keep `String` equality (Unicode canonical equivalence), as the dictionaries the fold used before.
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

    /// Adds the entity `make` gives under `id` unless an entity has that id already (one lookup of the id, where
    /// a check and then an add hashed it twice): false, and nothing made, when one has.
    mutating func add(_ id: String, _ make: () -> Entity) -> Bool {
        guard index.intern(id).added else { return false }
        items.append(make())
        return true
    }

    /// The entities by id, as `Projection` shows them, moved out of the table (not copied and then released),
    /// which is left empty. (`updateValue` takes the entity as it is; the subscript's setter, given an optional,
    /// copied it out of the optional and released the optional.)
    mutating func takeDictionary() -> [String: Entity] {
        var out = [String: Entity](minimumCapacity: items.count)
        let ids = index.ids
        while let entity = items.popLast() { out.updateValue(entity, forKey: ids[items.count]) }
        return out
    }
}
