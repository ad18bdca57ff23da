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
        /// Holds a variation selector or a combining mark that modifies no character it may (`unattachedMark`): first
        /// in the text, or a variation selector after a character it does not select. It shows nothing of its own,
        /// so `<U+FE0F>八大关街道` looks exactly like `八大关街道`.
        case unattached(Unicode.Scalar)

        /// Whether the fault is `unattached`.
        public var isUnattached: Bool { if case .unattached = self { return true } else { return false } }
    }

    /// Why `text` may not be written as a name or grouping key, or nil: it must hold a visible character, begin
    /// and end with one, and hold no invisible or space-like character but the ordinary space U+0020 and the
    /// ideographic space U+3000 (which Chinese input methods type) between words. A variation selector is allowed
    /// only after a character it selects a form of, and neither one nor a combining mark may begin the text
    /// (`unattachedMark`). The importers apply this rule to the same columns (`Cell.nameRefusal`).
    public static func nameFault(_ text: String) -> NameFault? {
        // Printable ASCII without a space at either end is the usual name: no Unicode look-up.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20,
           utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !isBlank($0) }) else { return .blank }
        if let first = scalars.first, hidesAtEdge(first) { return .edge(first, atStart: true) }
        if let last = scalars.last, hidesAtEdge(last) { return .edge(last, atStart: false) }
        if let mark = unattachedMark(scalars) { return .unattached(mark) }
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

    /// The first variation selector or combining mark of `scalars` that modifies no character it may, or nil:
    /// - a combining mark (Unicode Mn, Mc, Me) or a variation selector as the first scalar: it follows nothing;
    /// - an ideographic variation selector (U+E0100–U+E01EF) not right after a CJK unified ideograph
    ///   (`葛\u{E0100}`, an ideographic variation sequence, is allowed);
    /// - U+FE0E or U+FE0F (text or emoji presentation) not right after an emoji character (`☎\u{FE0F}`, `1\u{FE0F}\u{20E3}`
    ///   are allowed; `八大关街道\u{FE0F}` is not);
    /// - U+FE00–U+FE0D after a space, a control or format character, or another variation selector (after any
    ///   other character it is allowed: standardized variation sequences select forms of ideographs, mathematical
    ///   symbols and letters of several scripts).
    /// A combining mark after the first scalar is not looked at: it marks the character before it, as in `é`.
    static func unattachedMark(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar? {
        guard let first = scalars.first else { return nil }
        if isVariationSelector(first) || isCombiningMark(first) { return first }  // (EventInput+NFC.swift)
        for index in scalars.indices.dropFirst() where isVariationSelector(scalars[index]) {
            if !mayBeSelected(scalars[index - 1], by: scalars[index]) { return scalars[index] }
        }
        return nil
    }

    /// Whether the variation selector `selector` may follow `base` (`unattachedMark`).
    static func mayBeSelected(_ base: Unicode.Scalar, by selector: Unicode.Scalar) -> Bool {
        if selector.value >= 0xE0100 { return base.properties.isUnifiedIdeograph }
        if isVariationSelector(base) || isControl(base) || base.properties.isWhitespace
            || base.properties.generalCategory == .format { return false }
        if selector.value == 0xFE0E || selector.value == 0xFE0F { return base.properties.isEmoji }
        return true
    }

    /// Not allowed at either end: any space (U+0020 and U+3000 included) or invisible character.
    static func hidesAtEdge(_ scalar: Unicode.Scalar) -> Bool { isBlank(scalar) && !isVariationSelector(scalar) }

    /// Not allowed inside: an invisible character but U+3000 and a variation selector (U+0020 is not invisible);
    /// where a variation selector may stand is `unattachedMark`'s.
    static func hidesInside(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (value >= 0x20 && value < 0x7F) || (0x4E00...0x9FFF).contains(value) { return false }
        return scalar.value != 0x3000 && !isVariationSelector(scalar) && (DisplayText.isInvisible(scalar) || scalar.properties.isWhitespace && scalar != " ")
    }

    /// `nameFault` as a message naming the text (its invisible characters and edge spaces shown as `<U+XXXX>`),
    /// in both languages; nil when the text may be written.
    public static func nameProblemWording(_ text: String) -> Wording? { nameFault(text).map { EventWords.nameProblem(text, $0) } }
}
