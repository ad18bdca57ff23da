/// The entries of a sorted array and of some tables in one order (they hold disjoint records, so no two are
/// equal): a merge of a handful of sources, the smallest head taken each time.
struct IdMerge {
    private let fresh: [IdEntry]
    private var position = 0
    private let cursors: [IdTable.Cursor]
    private var heads: [IdEntry?] = []
    /// The index (in `tables`) of the table whose read failed, once one has.
    private(set) var failedTable: Int?

    init(fresh: [IdEntry], tables: [IdTable]) {
        self.fresh = fresh
        cursors = tables.map { IdTable.Cursor($0) }
    }

    /// The cursor's next entry; a failure is kept as `failedTable` before it is thrown.
    private mutating func read(_ i: Int) throws(ChainError) -> IdEntry? {
        do { return try cursors[i].next() } catch { failedTable = i; throw error }
    }

    mutating func next() throws(ChainError) -> IdEntry? {
        // Every table's first entry is read on the first call, so a failure there is named like any other.
        if heads.count < cursors.count {
            for i in heads.count..<cursors.count { heads.append(try read(i)) }
        }
        var best = -1
        var smallest = position < fresh.count ? fresh[position] : nil
        for (i, head) in heads.enumerated() {
            if let head, smallest.map({ head < $0 }) ?? true { smallest = head; best = i }
        }
        guard let smallest else { return nil }
        if best < 0 { position += 1 } else { heads[best] = try read(best) }
        return smallest
    }
}
