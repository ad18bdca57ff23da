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
}
