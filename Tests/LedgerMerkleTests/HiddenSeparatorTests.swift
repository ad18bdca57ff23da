import LedgerMerkle
import Testing

/// A separator the program looks for (`<` in the page's embedded JSON, `+` in a key's name) is found byte by byte,
/// also where it shares a grapheme cluster with the character before it: after a prepended letter (U+0D4E MALAYALAM
/// LETTER DOT REPH, U+0600 ARABIC NUMBER SIGN, U+111C2 SHARADA SIGN JIHVAMULIYA) the standard library's search by
/// characters does not see it, while an HTML parser or a signed-note reader does.
@Suite struct HiddenSeparatorTests {
    static let hidden = ["\u{0D4E}", "\u{0600}", "\u{111C2}"]

    @Test("every byte < of the embedded JSON is written \\u003c, and nothing else changes")
    func scriptSafeEscapesEveryLessThan() {
        var inputs = ["", "plain 文本", "a<b", "</script>", "<!--", "x<\u{338}y", "<<"]
        for prefix in Self.hidden { inputs += [prefix + "</script><img src=x onerror=alert(1)>", prefix + "<!--"] }
        for input in inputs {
            let out = PublicationData.scriptSafe(input)
            #expect(!out.utf8.contains(UInt8(ascii: "<")), "\(input.unicodeScalars.map(\.value))")
            #expect(Array(out.utf8) == Array(input.utf8).flatMap { $0 == UInt8(ascii: "<") ? Array(#"\u003c"#.utf8) : [$0] })
        }
    }

    @Test("a key's name with a + after a prepended letter is refused, as any name with a +")
    func aHiddenPlusIsRefused() {
        #expect(NoteKeys.isValidName("office"))
        #expect(!NoteKeys.isValidName("office+x"))
        for prefix in Self.hidden { #expect(!NoteKeys.isValidName("office" + prefix + "+x"), "\(prefix.unicodeScalars.map(\.value))") }
    }
}
