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
        if fen > 0 { #expect(try Amount.parse(yuanText: text).fen == fen) }
    }

    @Test func refusalsSayWhy() {
        #expect(throws: EventError.decimal(.tooManyDecimals(written: 3, allowed: 2))) { try Amount.parse(yuanText: "3000.505") }
        // Three zero decimals may be a thousands point (3.000 = 3000?): refused naming both readings (review 35).
        #expect(throws: EventError.decimal(.zerosOrThousandsPoint(decimal: "3.00", thousands: "3000"))) { try Amount.parse(yuanText: "3.000") }
        #expect(throws: EventError.decimal(.ambiguousComma)) { try Amount.parse(yuanText: "3,00") }
        #expect(throws: EventError.decimal(.ambiguousComma)) { try Amount.parse(yuanText: "1.234,50") }
        #expect(throws: EventError.decimal(.notANumber)) { try Amount.parse(yuanText: "三千") }
        #expect(throws: EventError.decimal(.empty)) { try Amount.parse(yuanText: "") }
        #expect(throws: EventError.decimal(.negative)) { try Amount.parse(yuanText: "-5") }
        #expect(throws: EventError.decimal(.tooLarge(limit: "10,000,000,000.00"))) { try Amount.parse(yuanText: "99999999999") }
        #expect(EventError.decimal(.tooManyDecimals(written: 3, allowed: 2)).description.contains("at most 2"))
    }

    @Test func quantitiesShareTheReader() throws {
        #expect(try DecimalQuantity.parse(personText: "３５．５").units == 3550)
        #expect(throws: EventError.decimal(.tooManyDecimals(written: 3, allowed: 2))) { try DecimalQuantity.parse(personText: "35.555") }
        #expect(throws: EventError.decimal(.notANumber)) { try DecimalQuantity.parse(personText: "¥35") }
        // The record form is unchanged: full-width digits are for people, not for records.
        #expect(DecimalQuantity(text: "３５") == nil)
        #expect(DecimalQuantity(text: "1234,567")?.units == 123_456_700)
        #expect(try DecimalQuantity.parse(personText: "1,234.5").units == 123_450)
    }

    /// Defect (review2): a first group of 0 before a comma (`0,500`) was read as a thousands group, 500 yuan,
    /// though no grouped number starts so: it is a decimal comma (0.5 in a semicolon CSV), refused like `3,00`.
    @Test func aCommaAfterALeadingZeroIsNotAThousandsSeparator() {
        #expect(throws: EventError.decimal(.ambiguousComma)) { try Amount.parse(yuanText: "0,500") }
        #expect(throws: EventError.decimal(.ambiguousComma)) { try Amount.parse(yuanText: "-0,500", allowNegative: true) }
        #expect(throws: EventError.decimal(.ambiguousComma)) { try Amount.parse(yuanText: "00,500") }
        #expect(throws: EventError.decimal(.ambiguousComma)) { try Amount.parse(yuanText: "０，５００") }
        #expect(throws: EventError.decimal(.ambiguousComma)) { try DecimalQuantity.parse(personText: "0,125") }
        #expect(Amount(yuanText: "1,050")?.fen == 105_000)
        #expect(Amount(yuanText: "10,500.00")?.fen == 1_050_000)
        #expect(Amount(yuanText: "0.50")?.fen == 50)
    }

    @Test(arguments: [
        ("1.234", EventError.DecimalProblem.tooManyDecimals(written: 3, allowed: 2)), ("¥ 3 000", .notANumber), ("1 234", .notANumber), (".5", .notANumber),
        ("1e3", .scientificNotation), ("+-5", .notANumber), ("-+5", .notANumber), ("++5", .notANumber), ("+", .notANumber),
        ("+¥-5", .notANumber), ("5+", .notANumber), ("-", .notANumber), ("5.", .notANumber), ("1,234,56", .ambiguousComma),
        ("1234,567", .ambiguousComma), ("1,234.5,6", .ambiguousComma), ("92233720368547758.07", .tooLarge(limit: "10,000,000,000.00")),
        ("99999999999999999999999", .tooLarge(limit: "10,000,000,000.00")),
    ] as [(String, EventError.DecimalProblem)])
    func oddYuanAreRefused(text: String, why: EventError.DecimalProblem) {
        #expect(throws: EventError.decimal(why)) { try Amount.parse(yuanText: text, allowNegative: true) }
    }

    /// Issue 15: banks print credits as `+3,000.00`; a leading plus (ASCII or full-width, before or after ¥) is the
    /// sign it is, in every person-form cell — amounts that may be negative or not, and areas.
    @Test func aLeadingPlusIsTheSignItIs() throws {
        #expect(try Amount.parse(yuanText: "+3,000.00", allowNegative: true).fen == 300_000)
        #expect(try Amount.parse(yuanText: "+5").fen == 500)
        #expect(try Amount.parse(yuanText: "＋５").fen == 500)
        #expect(try Amount.parse(yuanText: "¥+3").fen == 300)
        #expect(try Amount.parse(yuanText: "+¥3元").fen == 300)
        #expect(try DecimalQuantity.parse(personText: "+35.5").units == 3550)
        // The record form (what a record holds) stays strict.
        #expect(throws: EventError.decimal(.notANumber)) { try DecimalText.units(record: "+5", scale: 2, maxUnits: 1_000) }
    }

    @Test func signedAndTinyYuan() throws {
        #expect(try Amount.parse(yuanText: "0.1元").fen == 10)
        #expect(try Amount.parse(yuanText: "−12.05", allowNegative: true).fen == -1205)
        #expect(try Amount.parse(yuanText: "¥-3", allowNegative: true).fen == -300)
        #expect(try Amount.parse(yuanText: "10,000,000,000.00").fen == 1_000_000_000_000)
        #expect(throws: EventError.decimal(.tooLarge(limit: "10,000,000,000.00"))) { try Amount.parse(yuanText: "10,000,000,000.01") }
    }
}
