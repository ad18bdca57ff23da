import LedgerRules

/// A list whose findings are made a community at a time as it is rendered (a whole city's list is millions of
/// findings): its counts, found by a first pass, and a function that makes each community's part in list order. The
/// bytes rendered are those of the same list held whole.
public struct RectificationParts: @unchecked Sendable {
    // Unchecked: `forEach` reads a state file; a report is rendered on one thread, once.
    /// The findings of the whole list.
    public let findingCount: Int
    /// Those no longer calling for action.
    public let resolvedCount: Int
    /// Keys issued in scope that the rules no longer find, in list order (community, then key).
    public let vanished: [LedgerEntry]
    /// Calls its argument with each community's list in order (its findings numbered after `base` findings, `related`
    /// already numbered in the whole list) and its loop statuses; stops and gives the failure when a part cannot be
    /// made (its source could not be read again), nil when every part was given.
    public var forEach: (_ body: (_ part: Rectification, _ ledger: RectificationLedger, _ base: Int) -> Void) -> Failure? {
        let pieces = self.pieces
        return { body in
            pieces { piece in if case .part(let r, let l, let base) = piece { body(r, l, base) } }
        }
    }

    /// A community's part of the list: made (its findings, statuses and number base), or, for the table, the bytes an
    /// earlier rendering of the very same part wrote (same findings, statuses, number base, names and wording: the
    /// caller answers for that), written as they are.
    public enum Piece {
        case part(Rectification, RectificationLedger, base: Int)
        case kept(ArraySlice<UInt8>)
    }

    /// Calls its argument with each community's piece in list order (`forEach`, with kept parts).
    public let pieces: (_ body: (Piece) -> Void) -> Failure?

    /// When set, a renderer that can cut its list between parts (the table) calls it with the list's byte position
    /// before each part and after the last (nil where the position is not a boundary a part can be cut at), so that a
    /// caller can keep each part's bytes; others never call it.
    public var boundary: ((Int?) -> Void)?

    /// Why the parts stopped before the last: the list rendered so far is incomplete and must not be used.
    public struct Failure: Error, Sendable, Equatable {
        public let en: String
        public let zh: String
        public init(en: String, zh: String) { self.en = en; self.zh = zh }
    }

    public init(findingCount: Int, resolvedCount: Int, vanished: [LedgerEntry],
                forEach: @escaping (_ body: (_ part: Rectification, _ ledger: RectificationLedger, _ base: Int) -> Void) -> Failure?) {
        self.findingCount = findingCount
        self.resolvedCount = resolvedCount
        self.vanished = vanished
        self.pieces = { body in forEach { body(.part($0, $1, base: $2)) } }
    }

    /// Parts given as pieces, some of them kept bytes (the table only), `boundary` called as the list is cut.
    public init(findingCount: Int, resolvedCount: Int, vanished: [LedgerEntry], boundary: ((Int?) -> Void)?,
                pieces: @escaping (_ body: (Piece) -> Void) -> Failure?) {
        self.findingCount = findingCount
        self.resolvedCount = resolvedCount
        self.vanished = vanished
        self.boundary = boundary
        self.pieces = pieces
    }
}
