/// Excel's and WPS's text marker: a cell typed as `'00123` keeps its leading zeros and shows `00123`. The `'` is not
/// the cell's value and Excel does not normally save it, but a sheet of text-formatted cells, a paste or another
/// tool's export can keep it in the CSV. Read as it is, `'00123` is an id beside a recorded `00123` (a second part,
/// a second payment) that neither the letter-case nor the leading-zero twin rule sees (`RegisterImporter.caseTwin`).
/// So an id, a voucher or a value cell that begins with one is refused, never stripped: the ledger does not change
/// a value silently (ledger-spec.md section 8, README "Import").
extension Cell {
    /// The marks taken for the text marker: ASCII `'` (U+0027), its full-width form `＇` (U+FF07, as a Chinese input
    /// method types it), and the typographic quotes `‘` `’` (U+2018, U+2019) a word processor's or WPS's autocorrect
    /// puts for it. No id, voucher, date, amount, area or word of a register begins with one of them.
    static let textMarkers: Set<Unicode.Scalar> = ["\u{27}", "\u{FF07}", "\u{2018}", "\u{2019}"]

    /// The text marker `text` begins with, or nil. One byte compared for almost every cell: `'` is 27, and the
    /// others begin with EF (U+FF07) or E2 (U+2018, U+2019).
    @inline(__always)
    public static func textMarker(_ text: String) -> Unicode.Scalar? {
        guard let first = text.utf8.first, first == 0x27 || first == 0xEF || first == 0xE2,
              let scalar = text.unicodeScalars.first, textMarkers.contains(scalar) else { return nil }
        return scalar
    }

    /// The refusal of a cell that begins with a text marker, or nil; `id` says the cell is an id's (introduced or
    /// cited), for the advice's words. The advice shows the cell without its leading marks (`''00123` → `00123`).
    static func textMarkerRefusal(_ text: String, id: Bool) -> ImportError.CellRefusal? {
        guard let mark = textMarker(text) else { return nil }
        let without = trimmed(String(String.UnicodeScalarView(text.unicodeScalars.drop { textMarkers.contains($0) })))
        return ImportError.CellRefusal(reason: ImportWords.textMarker(mark), allowed: ImportWords.textMarkerAllowed(without: without, id: id))
    }

    /// The refusal of one id of a list cell (`A-1,'A-2`) that begins with a text marker `mark`: worded for that id.
    static func textMarkerInListRefusal(_ id: String, mark: Unicode.Scalar) -> ImportError.CellRefusal {
        let without = trimmed(String(String.UnicodeScalarView(id.unicodeScalars.drop { textMarkers.contains($0) })))
        return ImportError.CellRefusal(reason: ImportWords.textMarkerInList(id, mark: mark), allowed: ImportWords.textMarkerInListAllowed(id, without: without))
    }
}
