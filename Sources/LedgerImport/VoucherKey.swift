import LedgerEvents
import LedgerProjections

/// A payment voucher (凭证号) as the once-per-fund rule compares it: two vouchers are one when their keys are equal.
/// `ledger import` (`FactImporter.complete`: rows of a file, and a row against the records) and `ledger append`
/// (`RecordedVouchers`: events of a batch, and an event against the records) both compare by it, so that a pair one
/// path calls a duplicate the other does too (ledger-spec.md 10.4 rule 11, README "Import").
///
/// Folded, and nothing else — only what a clerk cannot see or an office system adds, never what can tell two
/// vouchers apart:
/// - invisible characters anywhere (Unicode default-ignorable code points and format characters, Cf: U+200B ZERO
///   WIDTH SPACE, U+200C, U+200D, U+2060, U+FEFF, U+00AD SOFT HYPHEN, bidi marks), which a copy from a web page or a
///   chat leaves in and no one reads;
/// - width: the full-width ASCII forms U+FF01–U+FF5E (`ＳＪ－０１２４`, as a Chinese input method types them) as ASCII,
///   and the ideographic space U+3000 as a space (`EventInput.fullWidthASCII`, the writer's door rule for ids);
/// - white space at both ends (Unicode White_Space: a space, a tab, a no-break space, the ideographic space);
/// - then, a voucher of ASCII digits holding a non-zero digit without its leading zeros (`00124` = `124`,
///   `LeadingZeros`): Excel saves a column of digits as a number unless it was formatted as text.
///
/// Kept as written: case (`NO.124` and `No.124`), spaces and dashes inside (`SJ 124`, `A-12`, `A12`, `A—12` and
/// `A‐12` are five vouchers), other zeros (`SJ-0124` and `SJ-124`, `0` and `00`): an office's numbering may use
/// any of them to tell vouchers apart. Canonically equivalent text (NFC and NFD) is one key, as Swift compares strings.
public struct VoucherKey: Hashable, Sendable, CustomStringConvertible {
    /// The voucher folded as the type's comment says.
    public let folded: String

    /// The key of `voucher`, as written in a cell, an event or a record.
    public init(_ voucher: String) {
        var text = voucher
        // Most vouchers are ASCII: nothing to fold but the ends and the zeros.
        if !voucher.utf8.allSatisfy({ $0 < 0x80 }) {
            var scalars = String.UnicodeScalarView()
            for scalar in (EventInput.fullWidthASCII(voucher) ?? voucher).unicodeScalars {
                if scalar.value == 0x3000 {
                    scalars.append(" ")
                } else if scalar.value < 0x80 || !Self.isInvisible(scalar) {
                    scalars.append(scalar)
                }
            }
            text = String(scalars)
        }
        let trimmed = text.drop { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        let end = trimmed.lastIndex { !$0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        let kept = end.map { String(trimmed[...$0]) } ?? ""
        folded = LeadingZeros.digits(kept).map(String.init) ?? kept
    }

    /// A character no one sees: a default-ignorable code point (U+200B, U+FEFF, U+00AD…) or a format character (Cf:
    /// bidi marks and controls).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isDefaultIgnorableCodePoint || properties.generalCategory == .format
    }

    public var description: String { folded }
}
