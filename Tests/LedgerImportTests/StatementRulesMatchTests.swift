@testable import LedgerImport
import Testing

/// A statement rule's `counterparty` and `memo` conditions: the cell contains the text, letter case ignored in every
/// script that has it, the direction held, the first matching rule's settings taken.
struct StatementRulesMatchTests {
    static let rules = #"""
    {"rules": [
      {"if": {"counterparty": "Parking Co"}, "category": "parking"},
      {"if": {"memo": "ÄRGER"}, "category": "interest"},
      {"if": {"direction": "out", "memo": "防水"}, "purpose": "屋顶防水维修", "purpose_category": "repair"},
      {"if": {"memo": "防水"}, "category": "advertising"}
    ]}
    """#

    struct Case: Sendable, CustomTestStringConvertible {
        let counterparty: String, memo: String, incoming: Bool
        let expected: [String: String]?
        var testDescription: String { "\(counterparty)/\(memo)/\(incoming ? "in" : "out")" }
    }

    static let cases: [Case] = [
        Case(counterparty: "海港 PARKING CO 有限公司", memo: "", incoming: true, expected: ["category": "parking"]),
        Case(counterparty: "parking co", memo: "", incoming: false, expected: ["category": "parking"]),
        Case(counterparty: "Parking C", memo: "", incoming: true, expected: nil),
        // Beyond ASCII: Ä and ä are one letter in two cases.
        Case(counterparty: "", memo: "kein ärger", incoming: true, expected: ["category": "interest"]),
        Case(counterparty: "", memo: "AERGER", incoming: true, expected: nil),
        // The direction is held: an outgoing 防水 line takes the third rule, an incoming one the fourth.
        Case(counterparty: "", memo: "屋面防水工程款", incoming: false,
             expected: ["purpose": "屋顶防水维修", "purpose_category": "repair"]),
        Case(counterparty: "", memo: "屋面防水工程款", incoming: true, expected: ["category": "advertising"]),
        Case(counterparty: "", memo: "利息", incoming: true, expected: nil),
    ]

    @Test(arguments: cases)
    func aConditionMatchesTheTextInAnyLetterCase(_ c: Case) throws {
        let rules = try StatementRules(bytes: Array(Self.rules.utf8), fileName: "rules.json", allowNewCategory: true)
        #expect(rules.match(counterparty: c.counterparty, memo: c.memo, incoming: c.incoming) == c.expected)
    }
}
