import LedgerEvents

/// Text from outside (imported names, notes) made safe for a terminal: a line break would forge report lines, and
/// escape sequences or bidi overrides could hide or reorder what the clerk reads.
public enum TerminalText {
    /// Line breaks and tabs become spaces; other C0/C1 controls, DEL and bidi embedding/override/isolate controls
    /// become U+FFFD (`DisplayText.neutralised`, the one neutraliser every format shares).
    public static func clean(_ text: String) -> String {
        // Almost every cell is clean: a byte scan (no controls, DEL, nor the lead bytes of C1 controls (C2) and of
        // U+2028/2029 and the bidi controls (E2)) shows it without the scalar walk.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) { return text }
        return DisplayText.neutralised(text, lineBreaks: .toSpace)
    }
}
