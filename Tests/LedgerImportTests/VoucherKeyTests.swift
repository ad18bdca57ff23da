import LedgerImport
import Testing

/// `VoucherKey`: what it folds (invisible characters, width, white space at the ends, leading zeros of digits) and
/// what it keeps (case, spaces and dashes inside, other zeros). `VoucherPairTests` (LedgerCLITests) puts pairs through
/// both `ledger import` and `ledger append`.
struct VoucherKeyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let written: String
        let folded: String
        var testDescription: String { written.unicodeScalars.map { $0.value < 0x80 ? String($0) : "<U+\(String($0.value, radix: 16, uppercase: true))>" }.joined() }
    }

    static let cases: [Case] = [
        Case(written: "SJ-124", folded: "SJ-124"),
        Case(written: "00124", folded: "124"),
        Case(written: "124", folded: "124"),
        Case(written: "０１２４", folded: "124"),
        Case(written: "ＳＪ－０１２４", folded: "SJ-0124"),
        Case(written: " SJ-124\u{3000}", folded: "SJ-124"),
        Case(written: "\u{00A0}\t00124 ", folded: "124"),
        Case(written: "\u{FEFF}SJ-\u{200B}124\u{200D}", folded: "SJ-124"),
        Case(written: "SJ-\u{00AD}124\u{200E}\u{2060}", folded: "SJ-124"),
        Case(written: "0\u{200B}0124", folded: "124"),
        Case(written: "SJ\u{3000}124", folded: "SJ 124"),
        // Kept: case, spaces and dashes inside, zeros that are not a number's leading zeros.
        Case(written: "NO.124", folded: "NO.124"),
        Case(written: "No.124", folded: "No.124"),
        Case(written: "SJ  124", folded: "SJ  124"),
        Case(written: "A—12", folded: "A—12"),
        Case(written: "A\u{2010}12", folded: "A\u{2010}12"),
        Case(written: "SJ-0124", folded: "SJ-0124"),
        Case(written: "0", folded: "0"),
        Case(written: "000", folded: "000"),
        Case(written: "-0124", folded: "-0124"),
        Case(written: "\u{200B}", folded: ""),
        Case(written: "", folded: ""),
    ]

    @Test(arguments: cases)
    func foldsOnlyWhatCannotTellVouchersApart(_ c: Case) {
        #expect(VoucherKey(c.written).folded == c.folded)
        // Folding is idempotent: a key's text is its own key.
        #expect(VoucherKey(c.folded) == VoucherKey(c.written))
    }

    @Test func canonicallyEquivalentTextIsOneKey() {
        #expect(VoucherKey("收-\u{00C5}1") == VoucherKey("收-A\u{030A}1"))
        #expect(VoucherKey("SJ-124") != VoucherKey("SJ-124 1"))
    }
}
