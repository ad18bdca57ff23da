/// How a label cell (a totals row's `合 计`, a statement's `期初　余额`, a footer's `制表人：`) is compared with the
/// words that name it: without the spaces a clerk types inside it to line it up.
enum LabelText {
    /// `text` without ASCII spaces and ideographic spaces (U+3000).
    static func withoutSpaces(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" }.map(Character.init))
    }
}
