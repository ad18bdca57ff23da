import LedgerEvents
@testable import LedgerImport
import Testing

/// Review 35c: `-¥100` got the advice on where a negative amount belongs (a negative income is a refund: the
/// spending file), `¥-100` only "is negative", and `100-` only "is not a number". Every way a clerk or a
/// spreadsheet writes a negative amount now gets the same advice, and none is read as a positive amount.
@Suite struct NegativeAmountFormTests {
    static let refundAdvice = "A negative income is money paid back out of the fund (a refund): record it in the spending file (ledger import spending) as "
    static let refundAdviceZh = "收入为负数的，是从资金账户退出的款项（退款），应记入支出表（ledger import spending），金额填 "

    /// The form as written, and the amount the advice asks for (the form without its sign or brackets).
    @Test(arguments: [
        ("-100", "100"), ("-¥100", "¥100"), ("¥-100", "¥100"), ("￥-100", "￥100"), ("\u{FF0D}100", "100"), ("\u{2212}100", "100"),
        ("(100)", "100"), ("（100）", "100"), ("(100.00)", "100.00"), ("(1,200.00)", "1,200.00"), ("(¥100)", "¥100"), ("¥(100)", "¥100"),
        ("100-", "100"), ("100.00-", "100.00"), ("-100元", "100元"), ("100-元", "100元"), ("¥ -100", "¥100"), (" -100 ", "100"),
        ("（１００）", "１００"), ("-１００元", "１００元"), ("(100元)", "100元"),
    ])
    func everyNegativeFormGetsTheRefundAdvice(text: String, magnitude: String) {
        do {
            let read = try Cell.yuan(text, kind: .income)
            Issue.record("\(text) read as \(read)")
        } catch {
            let refusal = error.cellRefusal
            #expect(refusal.advice.en.hasPrefix(Self.refundAdvice + magnitude + ";"), "\(text): \(refusal.advice.en)")
            #expect(refusal.advice.zh.hasPrefix(Self.refundAdviceZh + magnitude + "；"), "\(text): \(refusal.advice.zh)")
            #expect(refusal.why.en.contains("negative"), "\(text): \(refusal.why.en)")
            #expect(refusal.why.zh.contains("负数"), "\(text): \(refusal.why.zh)")
        }
    }

    /// Brackets say accounting style; a sign says negative, wherever it stands.
    @Test func theReasonNamesTheForm() throws {
        #expect(NegativeYuan("(100.00)") == NegativeYuan(magnitude: "100.00", bracketed: true))
        #expect(NegativeYuan("¥-100") == NegativeYuan(magnitude: "¥100", bracketed: false))
        do { _ = try Cell.yuan("100-"); Issue.record("read 100-") } catch {
            #expect(error.cellRefusal.why.en == "is not an amount in yuan: is negative, which is not allowed here")
            #expect(error.cellRefusal.why.zh == "不是以元为单位的金额：是负数，这里不允许")
        }
    }

    /// A minus or a bracket inside the number, two signs, or a sign and brackets together are not a negative
    /// amount so written: refused as not an amount, without advice built on a guess.
    @Test(arguments: ["1-00", "10-0元", "--100", "-(100)", "(-100)", "(100", "100)", "((100))", "-", "()", "(abc)", "1(00)", "-100-",
                            // Review 37c F1: a plus sign beside the minus or the brackets says the other direction.
                            "+500-", "-+500", "＋500-", "+¥500-", "+500元-", "(+500)"])
    func otherTextIsNoNegativeAmount(text: String) {
        #expect(NegativeYuan(text) == nil, "\(text)")
        #expect((try? Cell.signedYuan(text)) == nil, "\(text) read as a signed amount")
        do { _ = try Cell.yuan(text, kind: .income); Issue.record("read \(text)") } catch {
            #expect(!error.cellRefusal.advice.en.contains("refund"), "\(text): \(error.cellRefusal.advice.en)")
        }
    }

    /// Where a column may hold negative amounts (a statement's balance), every form above still reads as it did.
    @Test func signedColumnsReadTheSignedForms() throws {
        #expect(try Cell.yuan("¥-100", allowNegative: true).fen == -10_000)
        #expect(try Cell.yuan("-¥100", allowNegative: true).fen == -10_000)
        #expect(throws: ImportError.self) { try Cell.yuan("(100.00)", allowNegative: true) }
    }
}
