@testable import LedgerImport
import LedgerProjections
import Testing

/// The account number a statement states above its table, the numbers a registered account holds, and ids equal
/// once their leading zeros are removed (review 36a).
@Suite struct StatementAccountTests {
    @Test func titleCellsStatingAnAccount() {
        let cases: [(cell: String, number: String?)] = [
            ("账号：6230-0001-0901", "6230-0001-0901"),
            ("帐号:6230 0001 0901 户名：绿洲花园", "6230 0001 0901"),
            ("账户 623000010901", "623000010901"),
            ("卡号/账号：６２３０００１００９０１", "623000100901"),
            ("Account No.: 6230-0001-0901", "6230-0001-0901"),
            ("账户名称：绿洲花园公共收益专户", nil),
            ("账户余额：93,600.00", nil),
            ("对方账号：6230-0001-0901", nil),
            ("账号：6230****0901", nil),
            ("账号：1234567", nil),
            ("查询日期：2025-07-31", nil),
            // A statement's period beside its account's name is no account number (review 36d).
            ("海韵小区公共收益账户 2026-01-01 至 2026-01-31 交易明细", nil),
            ("账户:20260101-20260131", nil),
            ("账户：20260101", nil),
            ("账户：2026-1-5", nil),
            ("账号：2026-0131-0901", "2026-0131-0901"),
            ("账号：6230000120261301", "6230000120261301"),
        ]
        for (cell, number) in cases {
            #expect(StatementAccount.number(afterLabelIn: cell) == number, "\(cell)")
        }
        let stated = StatementAccount.stated(in: [(1, ["青岛农商银行 单位账户交易明细"]), (2, ["账号：6230-0001-0901", "户名：绿洲花园公共收益专户"])])
        #expect(stated == StatementAccount.Stated(row: 2, column: 0, cell: "账号：6230-0001-0901", number: "6230-0001-0901", digits: "623000010901"))
    }

    @Test func registeredAccountNumbers() {
        #expect(StatementAccount.numbers(in: "青岛农商银行 6230-0001-0901 绿洲花园公共收益专户") == ["623000010901"])
        #expect(StatementAccount.numbers(in: "专项维修资金 海韵小区分账 QD-WX-1001") == [])
        #expect(StatementAccount.numbers(in: "6222 0200 1234 5678 9") == ["62220200123456789"])
    }

    @Test func sameDigitsIgnoringLeadingZeros() {
        let cases: [(String, String, Bool)] = [
            ("0000123456", "123456", true), ("123456", "0000123456", true), ("123456", "123456", false), ("0", "000", false),
            ("0123", "1230", false), ("T0123", "T123", false), ("0123", "123a", false), ("", "0", false), ("0012", "12 ", false),
        ]
        for (a, b, same) in cases { #expect(LeadingZeros.sameDigitsIgnoringLeadingZeros(a, b) == same, "\(a) \(b)") }
    }
}
