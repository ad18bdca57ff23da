/// Text from outside (imported names, notes, a bad value echoed in an error) made safe to show to people: control
/// characters could move the cursor, recolour or clear a terminal (ESC sequences, C1 CSI), ring it (BEL), cut a
/// string short (NUL) or reorder what a clerk reads (bidi overrides and isolates). The stored bytes are never
/// changed; only what is shown is. Every output that shows outside text uses this one function.
public enum DisplayText {
    /// What happens to tab and line breaks.
    public enum LineBreaks: Sendable {
        /// Tab and LF stay (CR LF becomes LF): multi-line messages, CSV cells, HTML text.
        case keep
        /// Tab and line breaks (LF, CR LF, CR, VT, FF, NEL, U+2028, U+2029) become one space: table cells and
        /// one-line fields, where a line break would forge a line of the report.
        case toSpace
    }

    /// True for the scalars never shown as they are: C0 controls (tab and LF included; `neutralised` keeps
    /// those where allowed), DEL, C1 controls, the bidi embeddings and overrides U+202A–U+202E and the bidi
    /// isolates U+2066–U+2069.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` as it is when it holds nothing unsafe (nor U+2028/U+2029), otherwise a JSON string literal in the
    /// display form (`CanonicalJSON.Escaping.display`): `"badaguan\u202e…"`. For a value a reader must see exactly
    /// (a record or a checkpoint being checked) but that must not act on the terminal.
    public static func exact(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) || $0.value == 0x2028 || $0.value == 0x2029 }) else { return text }
        return CanonicalJSON.string(.string(text), escaping: .display)
    }

    /// `text` with every unsafe scalar replaced by U+FFFD (the replacement character, visibly "something was
    /// here"), and tab and line breaks handled as `lineBreaks` says.
    public static func neutralised(_ text: String, lineBreaks: LineBreaks) -> String {
        // Almost every text is clean: return it without copying.
        if !text.unicodeScalars.contains(where: { isUnsafe($0) || $0.value == 0x2028 || $0.value == 0x2029 }) { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch (scalar.value, lineBreaks) {
            case (0x0A, _) where previousWasCR:
                // CR LF: the CR already stands for this break.
                if lineBreaks == .keep { out.removeLast(); out.append("\n") }
            case (0x09, .keep), (0x0A, .keep), (0x2028, .keep), (0x2029, .keep):
                out.append(scalar)
            case (0x09, .toSpace), (0x0A...0x0D, .toSpace), (0x85, .toSpace), (0x2028, .toSpace), (0x2029, .toSpace):
                out.append(" ")
            default:
                out.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }

    /// True for the scalars a reader cannot see or cannot tell from a plain space: controls, format characters
    /// (U+200B ZERO WIDTH SPACE, U+200D, U+2060, U+FEFF, bidi marks), every other default-ignorable code point
    /// (U+00AD, U+3164 HANGUL FILLER, variation selectors), and every space but U+0020 (U+00A0, U+3000, U+2002…),
    /// line and paragraph separators, and U+2800 BRAILLE PATTERN BLANK.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x21, value < 0x7F { return false }
        if value == 0x20 { return false }
        if value < 0x20 || value == 0x7F { return true }
        // U+2800 BRAILLE PATTERN BLANK is a symbol, not a space, but shows as nothing: the usual stand-in where
        // spaces and zero-width characters are refused.
        if value == 0x2800 { return true }
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint { return true }
        switch properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `<U+200B>`: a scalar named by its code point, four hex digits at least.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// `text` with every invisible scalar (`isInvisible`) shown as its code point, `<U+200B>`, so that a message
    /// about a cell holding only a zero-width space, a no-break space or a byte-order mark shows what is there
    /// instead of nothing: `"<U+200B>" is not an amount`. Visible text is returned as it is.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) { out += codePoint(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
