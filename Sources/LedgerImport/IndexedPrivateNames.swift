import LedgerEvents

/// The two questions every door asks of the names the ledger keeps private (`PrivateNames`): answered by the table
/// built from every value, or by `private/names.index` and the run's own committed values (`IndexedPrivateNames`).
public protocol KeptNameCheck {
    /// Whether `text`, written in clear, is a name kept private.
    func holds(_ text: String) -> Bool
    /// The kept name `text` holds inside it, in its key's form, else nil.
    func name(inText text: String) -> String?
}

extension PrivateNames: KeptNameCheck {}

/// `PrivateNames`' answers read from sorted files of keys and names (`PrivateNameKeys`: `private/names.index`, and
/// one made in memory for the values a run commits) instead of a table of every kept name (issue 11,
/// docs/private52.md). The same answers as `PrivateNames(values:)` over the same values (`PrivateNameKeysTests`).
public struct IndexedPrivateNames: KeptNameCheck, Sendable {
    private let sources: [PrivateNameKeys]

    /// - Parameter sources: the file of `private/`'s values and, when the run committed values, one of those.
    public init(_ sources: [PrivateNameKeys]) { self.sources = sources }

    /// Whether no name is kept.
    public var isEmpty: Bool { sources.allSatisfy(\.isEmpty) }

    public func holds(_ text: String) -> Bool {
        guard !isEmpty else { return false }
        // Two strings are equal (a `Set<String>` member) exactly when their NFC forms are.
        let nfc = PayerName.key(text)._nfcCodeUnits
        return sources.contains { $0.holds(nfc: nfc) }
    }

    /// As `PrivateNames.name(inText:)`: the text read word by word into its keys' characters, then at each start
    /// (earliest first) the names whose first two characters are the text's there — found as the names whose NFC
    /// bytes begin with those two characters' NFC bytes, which lie together in the file — checked as the table's are
    /// (their characters equal the text's from that start, then the word-edge rules). So a start costs one search
    /// and the names sharing its two characters, as the table's look-up does, not a search for every length up to
    /// the longest name (review of privkeys52 #1: a long kept value made every text's check quadratic in it). Of
    /// names equal as characters the one whose UTF-8 bytes sort first stands for them all (as the table holds only
    /// that one), and of those passing, the one the table's order puts first is told (longest, then by text, then
    /// by scalars). That two characters' NFC bytes begin their name's rests on canonical composition never joining
    /// characters across a grapheme cluster's boundary (a combining mark or a second of a composition pair extends
    /// the cluster before it); `PrivateNameKeysTests` holds it to the table over random names and texts.
    public func name(inText text: String) -> String? {
        let longest = sources.map(\.longest).max() ?? 0
        guard longest >= 2 else { return nil }
        let (characters, wordStarts) = PrivateNames.keyCharacters(of: text)
        let count = characters.count
        guard count >= 2 else { return nil }
        for start in 0..<(count - 1) {
            var found: [[Character]] = []
            let prefix = String(characters[start..<(start + 2)])._nfcCodeUnits
            for source in sources {
                source.forEachName(nfcPrefix: prefix, longest: count - start) { name in
                    guard characters[start..<(start + name.count)].elementsEqual(name) else { return }
                    // Equal as characters to one found already: the table held only the smaller bytes.
                    if let same = found.firstIndex(where: { $0 == name }) {
                        if String(name).utf8.lexicographicallyPrecedes(String(found[same]).utf8) { found[same] = name }
                    } else {
                        found.append(name)
                    }
                }
            }
            let passing = found.filter { PrivateNames.standsAtWordEdges($0, at: start, in: characters, wordStarts: wordStarts) }
            if let best = passing.min(by: Self.precedes) { return String(best) }
        }
        return nil
    }

    /// The table's order of names sharing two first characters: longest first, then by text, then by scalars.
    static func precedes(_ a: [Character], _ b: [Character]) -> Bool {
        if a.count != b.count { return a.count > b.count }
        let x = String(a), y = String(b)
        if x != y { return x < y }
        return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value }
    }
}
