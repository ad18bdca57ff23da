import LedgerEvents

/// How a cell is read.
public enum FactValue: Sendable, Equatable {
    /// An id (a single word).
    case id
    /// Free text.
    case text
    /// A person or organisation (recorded in clear, `PersonalText.plain`).
    case person
    /// A date; `occurred_on` also may not be after today.
    case date
    /// Money in yuan, stored in fen.
    case yuan
    /// m², two decimals.
    case area
    /// A whole number ≥ 0.
    case count
    /// Several ids in one cell, separated by `、` `,` `，` `;` `；` or spaces.
    case ids
    /// One of a list of codes, each with the words a clerk writes for it.
    case choice([(code: String, words: [String])])
    /// A code from a vocabulary (known words become codes), or other text kept as written.
    case vocabulary([(code: String, words: [String])])

    public static func == (lhs: FactValue, rhs: FactValue) -> Bool {
        switch (lhs, rhs) {
        case (.id, .id), (.text, .text), (.person, .person), (.date, .date), (.yuan, .yuan), (.area, .area),
             (.count, .count), (.ids, .ids): return true
        case (.choice(let a), .choice(let b)), (.vocabulary(let a), .vocabulary(let b)):
            return a.map(\.code) == b.map(\.code)
        default: return false
        }
    }
}
