@testable import LedgerImport
@testable import LedgerReports
import Testing

/// The rules behind review 41a's fixes, table by table: the account number beside its label, the headings that look
/// like a counterparty, numbered empty rows, and the fund kinds as the reports print them.
@Suite struct ImportReview41WordsTests {
    /// A title row with the label alone in its cell reads the number at the start of the next non-empty cell.
    @Test func accountNumberInTheCellAfterItsLabel() {
        let cases: [(cells: [String], number: String?, numberColumn: Int?)] = [
            (["账号：", "8020-0009-0001", "户名：", "明月小区公共收益专户"], "8020-0009-0001", 1),
            (["账号:", "", " 8020 0009 0001 ", "户名："], "8020 0009 0001", 2),
            (["Account No.:", "６２３０００１００９０１"], "623000100901", 1),
            (["账号：8020-0009-0001", "", "户名："], "8020-0009-0001", nil),
            // Not the statement's own account, or not a number.
            (["对方账号：", "8020-0009-0001"], nil, nil),
            (["账号：", "6230****0901"], nil, nil),
            (["账号：", "明月小区"], nil, nil),
            (["账户名称：", "8020-0009-0001"], nil, nil),
            (["账号：", "2026-01-31"], nil, nil),
        ]
        for c in cases {
            let stated = StatementAccount.stated(in: [(2, c.cells)])
            #expect(stated?.number == c.number, "\(c.cells)")
            #expect(stated?.numberColumn == c.numberColumn, "\(c.cells)")
        }
    }

    @Test func headingsThatLookLikeACounterparty() {
        let cases: [(String, Bool)] = [
            ("对方客户名称", true), ("对方账户名", true), ("Counterparty name", true),
            // Review 41d: one side only (the other side on half the lines), the statement's own name, the other
            // side's account number.
            ("收款人户名", false), ("付款人名称", false), ("户名", false), ("账户名称", false), ("收款方", false), ("Payee", false),
            ("对方账户", false), ("对方账号", false), ("对方开户行", false), ("对方银行", false), ("对方行号", false), ("付款人账号", false),
            ("摘要", false), ("交易金额", false),
        ]
        for (heading, looks) in cases { #expect(StatementField.looksLikeCounterparty(heading) == looks, "\(heading)") }
        // Every listed heading binds; none is left to the look-alike rule.
        for heading in ["对方账户名称", "对方单位名称", "对方户名称", "收付款人名称", "交易对方"] {
            #expect(StatementField.counterparty.headings.contains(heading), "\(heading)")
        }
    }

    @Test func numberedEmptyRows() {
        let cases: [(cells: [String?], numbering: [Int], blank: Bool)] = [
            (["2", "", ""], [0], true), (["12", "", "", ""], [0], true), (["", "", ""], [0], false),
            (["2", "A-1", ""], [0], false), (["合计", "", ""], [0], false), (["2", "", ""], [], false),
            (["2.", "", ""], [0], false), ([nil, "", ""], [0], false), (["", "3", ""], [0], false),
        ]
        for c in cases { #expect(Cell.numberedOnly(c.cells, numbering: c.numbering) == c.blank, "\(c.cells)") }
        #expect(Cell.numberingColumns(["序号", "日期", " 序 号 ", "金额"]) == [0, 2])
        #expect(Cell.numberingColumns(["序号", "日期"], read: [0]) == [])
    }

    /// Every label the reports print for a fund kind (Chinese and English; the communities report's balance columns)
    /// reads as that kind in a funds file.
    @Test func fundKindLabelsOfTheReports() {
        let table = FactVocabulary.fundKinds
        func code(_ word: String) -> String? {
            table.first { $0.words.contains { FactVocabulary.normalizedWord($0) == FactVocabulary.normalizedWord(word) } }?.code
        }
        for entry in table {
            for language in [ReportLanguage.zh, .en] {
                let label = Vocabulary.word(entry.code, language)
                #expect(code(label) == entry.code, "\(entry.code) \(language): \(label)")
            }
        }
        for (kind, column) in ProjectionReports.balanceKinds {
            let label = ReportWords.labels[column] ?? ""
            #expect(code(label) == kind.rawValue, "\(column): \(label)")
        }
    }
}
