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

    /// Review 32b #4: every bad rule of a rules file is told in one run, each with its place, in rule order (the first
    /// alone was told, the next only after it was fixed); one bad rule is told as before, without the count.
    @Test func everyBadRuleIsToldInOneRun() throws {
        let three = #"""
        {"rules": [
          {"if": {"counterparty": "丰巢"}, "category": "leasing", "counterparty": "青岛\u00a0丰巢"},
          {"if": {"memo": "利息"}, "category": "interest"},
          {"if": {"direction": "sideways"}, "category": "interest"},
          {"if": {"memo": "x"}, "colour": "red"}
        ]}
        """#
        do {
            _ = try StatementRules(bytes: Array(three.utf8), fileName: "rules.json", allowNewCategory: true)
            Issue.record("three bad rules were accepted")
        } catch {
            guard case .mapping(let file, let reason) = error else { Issue.record("\(error)"); return }
            #expect(file == "rules.json")
            let lines = reason.en.split(separator: "\n").map { $0.drop { $0 == " " } }
            #expect(lines.count == 4 && lines[0] == "3 rules have problems:", "\(reason.en)")
            #expect(lines.count == 4 && lines[1].hasPrefix("rules[0].counterparty") && lines[2].hasPrefix("rules[2]")
                    && lines[3].hasPrefix("rules[3]"), "\(reason.en)")
            #expect(reason.zh.hasPrefix("有 3 条规则有问题：\n  rules[0]"), "\(reason.zh)")
        }
        let one = #"{"rules": [{"if": {"memo": "利息"}, "category": "interest"}, {"if": {"memo": "x"}, "colour": "red"}]}"#
        do {
            _ = try StatementRules(bytes: Array(one.utf8), fileName: "rules.json", allowNewCategory: true)
            Issue.record("a bad rule was accepted")
        } catch {
            guard case .mapping(_, let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.en.hasPrefix("rules[1]") && !reason.en.contains("\n"), "\(reason.en)")
        }
    }
}
