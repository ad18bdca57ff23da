import LedgerEvents
@testable import LedgerReports
@testable import LedgerRules
import Testing

/// The text list's finding blocks are written as bytes in place (`ReportBytes`): each helper writes exactly the
/// bytes of the `String` function it stands for.
@Suite struct ReportBytesTests {
    func bytes(_ body: (inout ReportBytes) -> Void) -> String {
        var out = ReportBytes()
        body(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static let amounts: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, -100, 999_99, 1000_00, 1001_05, -1234_50, 12_345_678_90, 100_000_000_00,
                                   999_999_999_99, Int64.max, Int64.min, Int64.min + 1]

    @Test(arguments: ReportLanguage.allCases)
    func moneyIsFormatMoney(_ language: ReportLanguage) {
        for fen in Self.amounts {
            #expect(bytes { $0.append(money: Amount(fen: fen), language) } == Format.money(Amount(fen: fen), language), "\(fen)")
        }
    }

    @Test func integersAndDatesAreTheirDescriptions() {
        for n: Int64 in [0, 7, -7, 10, 1_000_000, Int64.max, Int64.min] {
            #expect(bytes { $0.append(integer: n) } == String(n))
        }
        for day in [-800_000, -1, 0, 1, 20_000, 20_423, 2_000_000, 2_932_896] {
            let date = CalendarDate(dayNumber: day)
            #expect(bytes { $0.append(date: date) } == Format.date(date), "\(date)")
        }
    }

    @Test func cleaningIsTerminalTextClean() {
        for value in ["plain", "中文（街道）", "tab\there", "line\nbreak", "cr\r\nlf", "\u{1B}[31mred", "a · b", "bidi\u{202E}x", "m²",
                      "nel\u{85}x", "ls\u{2028}x", "—dash", "del\u{7F}", ""] {
            let made = bytes { out in
                out.append("prefix：")
                let start = out.count
                out.append(value)
                out.clean(from: start)
            }
            #expect(made == "prefix：" + TerminalText.clean(value), "\(value.debugDescription)")
        }
    }

    /// The scan reads eight bytes at a time: a byte that calls for cleaning is found at every position of a word.
    @Test func cleaningFindsEveryPosition() {
        for bad in ["\u{1}", "\u{1F}", "\u{7F}", "\u{85}", "·", "\u{202E}", "—"] {
            for position in 0..<20 {
                let value = String(repeating: "a", count: position) + bad + String(repeating: "b", count: 19 - position)
                for prefix in ["", "x", "中文"] {
                    let made = bytes { out in
                        out.append(prefix)
                        let start = out.count
                        out.append(value)
                        out.clean(from: start)
                    }
                    #expect(made == prefix + TerminalText.clean(value), "\(bad.debugDescription) at \(position)")
                }
            }
        }
        // Bytes just above each threshold pass (0x20, 0x80, 0xC3, 0xE3 lead bytes).
        for value in [" !~", "é", "ã", "、中文", String(repeating: "汉字 ", count: 9)] {
            #expect(bytes { out in out.append(value); out.clean(from: 0) } == value)
        }
    }

    /// Every fact key's sentence, with values of every kind, in both languages: `render`'s text.
    @Test(arguments: FactKey.allCases)
    func factSentencesAreRender(_ key: FactKey) {
        let values: [FactValue] = [
            .amount(Amount(fen: 1_234_567)), .date(CalendarDate(dayNumber: 20_400)), .integer(-42), .text("maintenance"),
            .text("plain text\u{1B}"), .person(.plain("张三")), .area(DecimalQuantity(units: 12_345, scale: 2)),
            .percent(Ratio(1, 3)), .share(Share(2, 3)), .fenPerSquareMetre(Ratio(1_000_001, 7)),
        ]
        let names = FactText.valueNames(FactText.template(key, .zh))
        for language in ReportLanguage.allCases {
            for shift in values.indices {
                let pairs = names.enumerated().map { FindingFact.Pair(name: $0.element, value: values[($0.offset + shift) % values.count]) }
                // Vocabulary words are translated only for the names that hold them.
                let facts = [FindingFact(key: key, values: pairs), FindingFact(key: .noDecision, values: [])]
                let made = bytes { FactText.append(facts, language, names: PersonalNames(), to: &$0) }
                #expect(made == FactText.render(facts, language), "\(key.rawValue) \(language) \(shift)")
            }
        }
    }
}
