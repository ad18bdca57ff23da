import LedgerEvents
import Testing

/// The one decimal reader: yuan and areas as people type them, refused with a reason.
@Suite struct DecimalTextTests {
    @Test(arguments: [
        ("3000", 300_000), ("3,000.00", 300_000), ("3000.5", 300_050), ("¥3,000.00", 300_000), ("3000元", 300_000),
        ("３０００", 300_000), ("３，０００．５０", 300_050), ("￥３０００元", 300_000), (" 12.5 ", 1250), ("¥ 8", 800),
        ("-¥5.00", -500),
    ] as [(String, Int64)])
    func yuanAsPeopleWriteThem(text: String, fen: Int64) throws {
        #expect(Amount(yuanText: text)?.fen == fen)
        if fen > 0 { #expect(try Amount.parse(yuanText: text).get().fen == fen) }
    }

    @Test func refusalsSayWhy() {
        #expect(Amount.parse(yuanText: "3000.505") == .failure(.tooManyDecimals(3, 2)))
        #expect(Amount.parse(yuanText: "3.000") == .failure(.tooManyDecimals(3, 2)))
        #expect(Amount.parse(yuanText: "3,00") == .failure(.ambiguousComma))
        #expect(Amount.parse(yuanText: "1.234,50") == .failure(.ambiguousComma))
        #expect(Amount.parse(yuanText: "三千") == .failure(.notANumber))
        #expect(Amount.parse(yuanText: "") == .failure(.empty))
        #expect(Amount.parse(yuanText: "-5") == .failure(.negative))
        #expect(Amount.parse(yuanText: "99999999999") == .failure(.tooLarge("10,000,000,000.00")))
        #expect(DecimalText.Refusal.tooManyDecimals(3, 2).description.contains("at most 2"))
    }

    @Test func quantitiesShareTheReader() throws {
        #expect(try DecimalQuantity.parse(personText: "３５．５").get().units == 3550)
        #expect(DecimalQuantity.parse(personText: "35.555") == .failure(.tooManyDecimals(3, 2)))
        #expect(DecimalQuantity.parse(personText: "¥35") == .failure(.notANumber))
        // The record form is unchanged: full-width digits are for people, not for records.
        #expect(DecimalQuantity(text: "３５") == nil)
        #expect(DecimalQuantity(text: "1234,567")?.units == 123_456_700)
        #expect(try DecimalQuantity.parse(personText: "1,234.5").get().units == 123_450)
    }

    /// Defect (review2): a first group of 0 before a comma (`0,500`) was read as a thousands group, 500 yuan,
    /// though no grouped number starts so: it is a decimal comma (0.5 in a semicolon CSV), refused like `3,00`.
    @Test func aCommaAfterALeadingZeroIsNotAThousandsSeparator() {
        #expect(Amount.parse(yuanText: "0,500") == .failure(.ambiguousComma))
        #expect(Amount.parse(yuanText: "-0,500", allowNegative: true) == .failure(.ambiguousComma))
        #expect(Amount.parse(yuanText: "00,500") == .failure(.ambiguousComma))
        #expect(Amount.parse(yuanText: "０，５００") == .failure(.ambiguousComma))
        #expect(DecimalQuantity.parse(personText: "0,125") == .failure(.ambiguousComma))
        #expect(Amount(yuanText: "1,050")?.fen == 105_000)
        #expect(Amount(yuanText: "10,500.00")?.fen == 1_050_000)
        #expect(Amount(yuanText: "0.50")?.fen == 50)
    }

    @Test(arguments: [
        ("1.234", DecimalText.Refusal.tooManyDecimals(3, 2)), ("¥ 3 000", .notANumber), ("1 234", .notANumber), (".5", .notANumber),
        ("1e3", .notANumber), ("+5", .notANumber), ("-", .notANumber), ("5.", .notANumber), ("1,234,56", .ambiguousComma),
        ("1234,567", .ambiguousComma), ("1,234.5,6", .ambiguousComma), ("92233720368547758.07", .tooLarge("10,000,000,000.00")),
        ("99999999999999999999999", .tooLarge("10,000,000,000.00")),
    ] as [(String, DecimalText.Refusal)])
    func oddYuanAreRefused(text: String, why: DecimalText.Refusal) {
        #expect(Amount.parse(yuanText: text, allowNegative: true) == .failure(why))
    }

    @Test func signedAndTinyYuan() throws {
        #expect(try Amount.parse(yuanText: "0.1元").get().fen == 10)
        #expect(try Amount.parse(yuanText: "−12.05", allowNegative: true).get().fen == -1205)
        #expect(try Amount.parse(yuanText: "¥-3", allowNegative: true).get().fen == -300)
        #expect(try Amount.parse(yuanText: "10,000,000,000.00").get().fen == 1_000_000_000_000)
        #expect(Amount.parse(yuanText: "10,000,000,000.01") == .failure(.tooLarge("10,000,000,000.00")))
    }
}
