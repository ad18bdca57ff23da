import LedgerEvents
import LedgerRules

/// Final clean-up shared by the text formats: no trailing spaces, `\n` line ends, one final newline (`CleanLines`,
/// which the renderers use piece by piece).
enum TextClean {
    static func lines(_ text: String) -> String {
        let (stream, bytes) = ReportStream.collecting()
        var clean = CleanLines(stream)
        clean.write(text)
        clean.finish()
        return String(decoding: bytes(), as: UTF8.self)
    }
}
