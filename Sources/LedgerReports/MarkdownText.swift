import LedgerEvents

/// Markdown escaping for table cells: text from outside must not break the table or inject markup.
public enum MarkdownText {
    /// Escapes `\`, `|`, `*`, `_`, backquote, `[`, `]`, `<`, `>`, `#`, turns line breaks into spaces and control
    /// characters into U+FFFD (`DisplayText`).
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in DisplayText.neutralised(text, lineBreaks: .toSpace) {
            switch c {
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~": out += "\\" + String(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    static func table(headers: [String], rows: [[String]]) -> String {
        var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}
