/// The writer's door rule for names and grouping keys (ledger-spec.md section 4, "Names at the door"): a community's
/// `name`, `street` and `residents_committee`, an asset's `name` (registered or changed), a person's value
/// (`{"person": …}` and the plain text of a field that may name a person), and a category word outside the vocabulary.
///
/// Why: reports filter and group by these texts byte for byte (`--street`, a street office's rectification list,
/// totals by counterparty or category, `erase-personal --subject`), so `八大关街道 ` with a trailing space, or with a
/// zero-width space, is a second street that looks like the first one: its communities drop out of the street's
/// list without a word. It is a rule of the door, not of the record format: a record written before it still
/// verifies, folds and reports as before, and the same input run again still finds the record it wrote.
extension EventInput {
    /// Why a name may not be written at the door (`nameFault`).
    public enum NameFault: Equatable, Sendable {
        /// Holds no visible character: only spaces and invisible characters.
        case blank
        /// Begins (`atStart`) or ends with a space or an invisible character.
        case edge(Unicode.Scalar, atStart: Bool)
        /// Holds, between visible characters, a character a reader cannot see or cannot tell from an ordinary space,
        /// or a line break: a control character, a format character (U+200B, U+FEFF, bidi marks), a no-break or
        /// other space (U+00A0, U+2002…), U+2800.
        case inside(Unicode.Scalar)
    }

    /// Why `text` may not be written as a name or grouping key, or nil: it must hold a visible character, begin
    /// and end with one, and hold no invisible or space-like character but the ordinary space U+0020 and the
    /// ideographic space U+3000 (which Chinese input methods type) between words. Variation selectors are not
    /// refused inside (a rare name's ideograph may carry one), as in the importers' rule (`CellText.invisibleInText`).
    public static func nameFault(_ text: String) -> NameFault? {
        // Printable ASCII without a space at either end is the usual name: no Unicode look-up.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20,
           utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !isBlank($0) }) else { return .blank }
        if let first = scalars.first, hidesAtEdge(first) { return .edge(first, atStart: true) }
        if let last = scalars.last, hidesAtEdge(last) { return .edge(last, atStart: false) }
        if let inside = scalars.first(where: hidesInside) { return .inside(inside) }
        return nil
    }

    /// A scalar that shows nothing: white space, or invisible (`DisplayText.isInvisible`).
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        // Printable ASCII but the space, and CJK ideographs, the usual characters of a name, need no look-up.
        let value = scalar.value
        if (value > 0x20 && value < 0x7F) || (0x4E00...0x9FFF).contains(value) { return false }
        return scalar == " " || scalar.properties.isWhitespace || DisplayText.isInvisible(scalar)
    }

    /// A variation selector (U+FE00–U+FE0F, U+E0100–U+E01EF): it follows the ideograph it selects a form of.
    static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// Not allowed at either end: any space (U+0020 and U+3000 included) or invisible character.
    static func hidesAtEdge(_ scalar: Unicode.Scalar) -> Bool { isBlank(scalar) && !isVariationSelector(scalar) }

    /// Not allowed inside: an invisible character but U+3000 and a variation selector (U+0020 is not invisible).
    static func hidesInside(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (value >= 0x20 && value < 0x7F) || (0x4E00...0x9FFF).contains(value) { return false }
        return scalar.value != 0x3000 && !isVariationSelector(scalar) && (DisplayText.isInvisible(scalar) || scalar.properties.isWhitespace && scalar != " ")
    }

    /// `nameFault` as a message naming the text (its invisible characters and edge spaces shown as `<U+XXXX>`),
    /// in both languages; nil when the text may be written.
    public static func nameProblemWording(_ text: String) -> Wording? { nameFault(text).map { EventWords.nameProblem(text, $0) } }
}
