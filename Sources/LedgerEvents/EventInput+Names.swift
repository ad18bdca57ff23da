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
        /// Holds an ASCII `?` beside a CJK ideograph, or nothing but `?`: what a program writes for a character its
        /// encoding cannot hold (Excel's "CSV" save in GBK turns a rare name character into `?`), so `王?明` is a
        /// name with a character lost, recorded as evidence of someone else.
        case lostCharacter

        /// Whether the fault is `unattached`.
        public var isUnattached: Bool { if case .unattached = self { return true } else { return false } }
    }

    /// Why `text` may not be written as a name or grouping key, or nil: it must hold a visible character, begin
    /// and end with one, and hold no invisible or space-like character but the ordinary space U+0020 and the
    /// ideographic space U+3000 (which Chinese input methods type) between words. A variation selector is allowed
    /// only after a character it selects a form of, and neither one nor a combining mark may begin the text
    /// (`unattachedMark`). Traditional Mongolian's format characters and an emoji ZWJ sequence's joiner are allowed
    /// where those scripts put them (`allowedInContext`). The importers apply this rule to the same columns
    /// (`Cell.nameRefusal`).
    public static func nameFault(_ text: String) -> NameFault? {
        let utf8 = text.utf8
        if utf8.contains(0x3F), lostCharacter(Array(text.unicodeScalars)) { return .lostCharacter }
        // Printable ASCII without a space at either end is the usual name: no Unicode look-up.
        if let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20,
           utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        // So is a Chinese name of CJK ideographs (U+4E00–U+9FFF), full-width forms (U+FF01–U+FF5E) and printable ASCII
        // (a register's or a file's every row asks): none of these is blank, hides or is a mark.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, first != " ", last != " ",
           text.unicodeScalars.allSatisfy({ let v = $0.value; return (v >= 0x20 && v < 0x7F) || (0x4E00...0x9FFF).contains(v) || (0xFF01...0xFF5E).contains(v) }) {
            return nil
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !isBlank($0) }) else { return .blank }
        if let first = scalars.first, hidesAtEdge(first) { return .edge(first, atStart: true) }
        if let last = scalars.last, hidesAtEdge(last), !allowedInContext(scalars, scalars.count - 1) { return .edge(last, atStart: false) }
        if let mark = unattachedMark(scalars) { return .unattached(mark) }
        if let index = scalars.indices.first(where: { hidesInside(scalars[$0]) && !allowedInContext(scalars, $0) }) {
            return .inside(scalars[index])
        }
        return nil
    }

    /// Whether `scalars` hold a `?` that stands for a lost character (`NameFault.lostCharacter`): one beside a CJK
    /// ideograph (`王?明`, `?明`), or only `?` (`??`). `What?` and `Q&A?` are text as typed.
    static func lostCharacter(_ scalars: [Unicode.Scalar]) -> Bool {
        guard !scalars.isEmpty else { return false }
        if scalars.allSatisfy({ $0 == "?" }) { return true }
        func isIdeograph(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count else { return false }
            let value = scalars[index].value
            return (0x3400...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x3FFFF).contains(value)
        }
        return scalars.indices.contains { scalars[$0] == "?" && (isIdeograph($0 - 1) || isIdeograph($0 + 1)) }
    }

    /// Whether `scalars[index]`, a character `hidesInside` (or, last, `hidesAtEdge`) refuses elsewhere, is where its
    /// script puts it — exactly these contexts, nothing else:
    /// - traditional Mongolian (official in Inner Mongolia; letters U+1820–U+18AF): a free variation selector
    ///   (U+180B–U+180D, U+180F) right after a letter, at the end too (it selects the letter's final form); the
    ///   vowel separator U+180E and the narrow no-break space U+202F (before a case suffix: `ᠬᠥᠬᠡᠬᠣᠲᠠ<U+202F>ᠶᠢᠨ`)
    ///   between a letter (or a free variation selector after one) and a letter;
    /// - an emoji ZWJ sequence: U+200D between two Extended_Pictographic characters, the first maybe followed by
    ///   U+FE0F or a skin-tone modifier (`🏳<U+FE0F><U+200D>🌈`, `👩🏽<U+200D>💻`).
    static func allowedInContext(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        let value = scalars[index].value
        guard (0x180B...0x180F).contains(value) || value == 0x202F || value == 0x200D else { return false }
        func at(_ i: Int) -> UInt32? { i >= 0 && i < scalars.count ? scalars[i].value : nil }
        func isMongolianLetter(_ v: UInt32?) -> Bool { v.map { (0x1820...0x18AF).contains($0) } ?? false }
        func isFreeVariationSelector(_ v: UInt32?) -> Bool { v.map { (0x180B...0x180D).contains($0) || $0 == 0x180F } ?? false }
        switch value {
        case 0x180B...0x180D, 0x180F:
            return isMongolianLetter(at(index - 1))
        case 0x180E, 0x202F:
            let after = isMongolianLetter(at(index - 1)) || (isFreeVariationSelector(at(index - 1)) && isMongolianLetter(at(index - 2)))
            return after && isMongolianLetter(at(index + 1))
        case 0x200D:
            var before = index - 1
            while let v = at(before), v == 0xFE0F || (0x1F3FB...0x1F3FF).contains(v) { before -= 1 }
            return at(before).map(isExtendedPictographic) == true && at(index + 1).map(isExtendedPictographic) == true
        default:
            return false
        }
    }

    /// Unicode's Extended_Pictographic property (emoji-data.txt; Swift does not expose it), the characters an emoji
    /// ZWJ sequence joins. Its ranges include code points reserved for future emoji, so they do not change.
    static func isExtendedPictographic(_ value: UInt32) -> Bool {
        if value < 0xA9 { return false }
        if value >= 0x1F000 {
            return extendedPictographicHigh.contains { $0.contains(value) }
        }
        return extendedPictographicLow.contains { $0.contains(value) }
    }

    static let extendedPictographicLow: [ClosedRange<UInt32>] = [
        0xA9...0xA9, 0xAE...0xAE, 0x203C...0x203C, 0x2049...0x2049, 0x2122...0x2122, 0x2139...0x2139, 0x2194...0x2199,
        0x21A9...0x21AA, 0x231A...0x231B, 0x2328...0x2328, 0x2388...0x2388, 0x23CF...0x23CF, 0x23E9...0x23F3,
        0x23F8...0x23FA, 0x24C2...0x24C2, 0x25AA...0x25AB, 0x25B6...0x25B6, 0x25C0...0x25C0, 0x25FB...0x25FE,
        0x2600...0x2605, 0x2607...0x2612, 0x2614...0x2685, 0x2690...0x2705, 0x2708...0x2712, 0x2714...0x2714,
        0x2716...0x2716, 0x271D...0x271D, 0x2721...0x2721, 0x2728...0x2728, 0x2733...0x2734, 0x2744...0x2744,
        0x2747...0x2747, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2763...0x2767,
        0x2795...0x2797, 0x27A1...0x27A1, 0x27B0...0x27B0, 0x27BF...0x27BF, 0x2934...0x2935, 0x2B05...0x2B07,
        0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x3030...0x3030, 0x303D...0x303D, 0x3297...0x3297,
        0x3299...0x3299,
    ]

    static let extendedPictographicHigh: [ClosedRange<UInt32>] = [
        0x1F000...0x1F0FF, 0x1F10D...0x1F10F, 0x1F12F...0x1F12F, 0x1F16C...0x1F171, 0x1F17E...0x1F17F, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F1AD...0x1F1E5, 0x1F201...0x1F20F, 0x1F21A...0x1F21A, 0x1F22F...0x1F22F, 0x1F232...0x1F23A,
        0x1F23C...0x1F23F, 0x1F249...0x1F3FA, 0x1F400...0x1F53D, 0x1F546...0x1F64F, 0x1F680...0x1F6FF, 0x1F774...0x1F77F,
        0x1F7D5...0x1F7FF, 0x1F80C...0x1F80F, 0x1F848...0x1F84F, 0x1F85A...0x1F85F, 0x1F888...0x1F88F, 0x1F8AE...0x1F8FF,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1FAFF, 0x1FC00...0x1FFFD,
    ]

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

extension EventInput {
    /// The first invisible format character in `text`, or nil: a default-ignorable code point or a format
    /// character (Unicode Cf) such as U+200B ZERO WIDTH SPACE, U+200C, U+200D, U+2060, U+FEFF inside the text,
    /// U+00AD SOFT HYPHEN or a bidi mark — not a line break, tab or space (a note may hold them), and not a
    /// variation selector (a rare name's ideograph may carry one). `某公司` and `某公司` + U+200B look the same
    /// but are two counterparties to every total and search. The importers' cell rule (`Cell.invisibleInText`) and
    /// the door's rule for an asset's attribute key (`PayloadObject.stringMap`) are this one.
    public static func invisibleInText(_ text: String) -> Unicode.Scalar? {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // ASCII, CJK ideographs and punctuation (U+2E80–U+FDFF but U+3164 HANGUL FILLER) need no look-up.
            if value < 0xA0 || (value >= 0x2E80 && value < 0xFE00 && value != 0x3164) { continue }
            if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { continue }
            let properties = scalar.properties
            if properties.isDefaultIgnorableCodePoint || properties.generalCategory == .format { return scalar }
        }
        return nil
    }
}
