@testable import LedgerEvents
import Testing

/// Review 35c: money in the limit messages is written as the reports write it — `0.01元` in Chinese, `-¥0.01`
/// (never `¥-0.01`) in English — and the largest amount is said as money, not as a bare number.
@Suite struct MoneyWordsTests {
    @Test(arguments: [
        (Int64(1), "¥0.01", "0.01元"), (0, "¥0.00", "0.00元"), (-1, "-¥0.01", "-0.01元"), (123_450, "¥1,234.50", "1,234.50元"),
        (-70_000, "-¥700.00", "-700.00元"), (Limits.amountFenMax, "¥10,000,000,000.00", "10,000,000,000.00元"),
    ])
    func moneyAsReportsWriteIt(fen: Int64, en: String, zh: String) {
        #expect(EventWords.money(Amount(fen: fen)) == Wording(en: en, zh: zh))
    }

    @Test(arguments: [
        (Int64(0), Int64(1),
         "0 is not an amount: nothing is recorded for ¥0.00; give at least ¥0.01 (1 fen)",
         "0 不是有效金额：0.00元无需记录；金额须至少为 0.01元（1 分）"),
        (-1, 0,
         "-1 fen (-¥0.01) is negative; an amount is at least ¥0.00 (0 fen)",
         "-1 分（-0.01元）为负数；金额须至少为 0.00元（0 分）"),
        (-5, 1,
         "-5 fen (-¥0.05) is negative; an amount is at least ¥0.01 (1 fen)",
         "-5 分（-0.05元）为负数；金额须至少为 0.01元（1 分）"),
        (1_000_000_000_001, 1,
         "1000000000001 fen (¥10,000,000,000.01) is more than ¥10,000,000,000.00, the largest amount allowed",
         "1000000000001 分（10,000,000,000.01元）超过允许的最大金额 10,000,000,000.00元"),
    ])
    func amountOutsideTheRange(fen: Int64, minimum: Int64, en: String, zh: String) {
        let words = EventWords.amountNotAllowed(fen, minimum: minimum, maximum: Limits.amountFenMax)
        #expect(words.en == en)
        #expect(words.zh == zh)
    }

    /// Yuan beyond the largest amount, at the door (`"amount": "…"`): the limit is money in both languages.
    @Test func yuanBeyondTheLimitIsSaidAsMoney() throws {
        let error = try #require(throws: EventError.self) { try Amount.parse(yuanText: "10,000,000,000.01") }
        let words = EventWords.notYuan("\"10,000,000,000.01\"", error)
        #expect(words.en.hasPrefix("\"10,000,000,000.01\" is larger than ¥10,000,000,000.00, the largest amount allowed; write yuan"), "\(words.en)")
        #expect(words.zh.hasPrefix("\"10,000,000,000.01\" 超过了允许的最大金额 10,000,000,000.00元；请以元为单位填写"), "\(words.zh)")
        // Other reasons are the decimal reader's own.
        let decimals = try #require(throws: EventError.self) { try Amount.parse(yuanText: "1.234") }
        #expect(EventWords.yuanReason(decimals) == decimals.wording)
    }

    /// A JSON number's exact value in plain digits, for the advice on `12.500` / `1e3` written as a JSON number.
    @Test(arguments: [
        ("12.500", "12.5"), ("1e3", "1000"), ("1E+3", "1000"), ("1.5e2", "150"), ("-2.5E-1", "-0.25"), ("0.0", "0"),
        ("1000.0", "1000"), ("3000.555", "3000.555"), ("5e-3", "0.005"), ("-0e0", "0"), ("0.10", "0.1"), ("120e-1", "12"),
    ])
    func plainDigitsOfAJSONNumber(written: String, plain: String) {
        #expect(EventWords.JSON.plainDecimal(written) == plain)
    }

    /// A value that is no amount itself (below one fen) is not offered as the form to write.
    @Test(arguments: ["-1e3", "0e0", "-12.500", "0.0"])
    func noAmountIsNotOffered(written: String) {
        let words = EventWords.JSON.fractionReason(member: "amount_fen", written: written)
        #expect(words.en.hasSuffix(#""amount_fen" is whole fen, e.g. {"amount_fen": 300050}; to write yuan, use "amount" with text: {"amount": "3000.50"}"#), "\(words.en)")
    }

    @Test(arguments: ["1e31", "1e-31", "abc", "", "1.", ".5", "1e", "1.2.3", "--1"])
    func notPlainDigits(written: String) {
        #expect(EventWords.JSON.plainDecimal(written) == nil, "\(written)")
    }
}
