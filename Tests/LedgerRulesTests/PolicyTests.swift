import LedgerPlatform
import LedgerRules
import LedgerTestSupport
import Testing

@Suite struct PolicyTests {
    @Test func defaultsMatchDomainTable() {
        let p = Policy()
        #expect(p.idleDays == 180)
        #expect(p.utilisationMinPercent == 50)
        #expect(p.incomeBenchmarkPercent == 70)
        #expect(p.contractTermMaxMonths == 36)
        #expect(p.disclosureMonths["public_income"] == 3)
        #expect(p.disclosureMonths["maintenance"] == 6)
    }
}

@Suite struct PolicyFileTests {
    struct BadCase: Sendable, CustomTestStringConvertible {
        let json: String
        let key: String?
        var testDescription: String { json }
    }

    static let bad: [BadCase] = [
        BadCase(json: #"{"idle_day": 180}"#, key: "idle_day"),
        BadCase(json: #"{"idle_days": "180"}"#, key: "idle_days"),
        BadCase(json: #"{"idle_days": 0}"#, key: "idle_days"),
        BadCase(json: #"{"utilisation_min_percent": 101}"#, key: "utilisation_min_percent"),
        BadCase(json: #"{"contract_term_max_months": 241}"#, key: "contract_term_max_months"),
        BadCase(json: #"{"disclosure_months": {"maintenance": 13}}"#, key: "disclosure_months.maintenance"),
        BadCase(json: #"{"disclosure_months": {"savings": 3}}"#, key: "disclosure_months.savings"),
        BadCase(json: #"{"idle_asset_kinds": ["parking", "garden"]}"#, key: "idle_asset_kinds"),
        BadCase(json: #"{"version": 2}"#, key: "version"),
        BadCase(json: #"[1]"#, key: nil),
        BadCase(json: #"{"idle_days": 1.5}"#, key: nil),
        BadCase(json: #"{"rectification_deadline_days": {"urgent": 10}}"#, key: "rectification_deadline_days.urgent"),
        BadCase(json: #"{"rectification_deadline_days": {"high": 0}}"#, key: "rectification_deadline_days.high"),
        BadCase(json: #"{"rectification_deadline_days": [30]}"#, key: "rectification_deadline_days"),
        BadCase(json: #"{"disclosure_months": 3}"#, key: "disclosure_months"),
        BadCase(json: #"{"idle_asset_kinds": "parking"}"#, key: "idle_asset_kinds"),
        BadCase(json: #""idle_days""#, key: nil),
        BadCase(json: #"null"#, key: nil),
        BadCase(json: #"true"#, key: nil),
    ]

    @Test(arguments: bad)
    func rejected(_ c: BadCase) {
        #expect(throws: PolicyError.self) { try Policy.parse(Array(c.json.utf8), sourceName: "policy.json") }
        do {
            _ = try Policy.parse(Array(c.json.utf8), sourceName: "policy.json")
        } catch {
            #expect(error.key == c.key)
            #expect(error.description.hasPrefix("policy.json: "))
            if c.key != nil { #expect(error.description.contains("allowed: ")) }
            // The Chinese names the same key and says what is allowed, in Chinese: no English phrase left in it.
            #expect(error.chinese.hasPrefix("policy.json："))
            #expect(error.chinese.contains("；应为"), "\(error.chinese)")
            if let key = c.key { #expect(error.chinese.contains("政策项“\(key)”"), "\(error.chinese)") }
            for english in ["allowed", "policy key", " is ", "a whole", "one of", "unknown", "contains", "expected", "an array",
                            "not valid", "a string", "an object"] {
                #expect(!error.chinese.contains(english), "\(english) in \(error.chinese)")
            }
        }
    }

    @Test func messageNamesKeyValueAndAllowedRange() {
        do {
            _ = try Policy.parse(Array(#"{"idle_days": "abc"}"#.utf8), sourceName: "街道.json")
            Issue.record("accepted a string for idle_days")
        } catch {
            #expect(error.description == #"街道.json: policy key "idle_days" is "abc"; allowed: a whole number of days from 1 to 3650."#)
            #expect(error.chinese == #"街道.json：政策项“idle_days”的值为 "abc"；应为 1 至 3650 之间的整数（天）。"#)
        }
    }

    /// The Chinese of an unknown key, a file that is not JSON and a severity's days, word for word.
    @Test func chineseMessagesReadWholly() {
        func chinese(_ json: String) -> String {
            do { _ = try Policy.parse(Array(json.utf8), sourceName: "p.json"); return "accepted" } catch { return error.chinese }
        }
        #expect(chinese(#"{"idle_day": 180}"#).hasPrefix("p.json：政策项“idle_day”不是可用的项；应为以下之一：contract_term_max_months、"))
        #expect(chinese(#"{"idle_days": 180"#).hasPrefix("p.json：政策文件不是合法的 JSON："))
        #expect(chinese(#"[1]"#) == #"p.json：政策文件是数组；应为一个 JSON 对象，例如 {"idle_days": 180}。"#)
        #expect(chinese(#"{"rectification_deadline_days": {"high": 0}}"#)
                == "p.json：政策项“rectification_deadline_days.high”的值为 0；应为以严重程度（high（严重）、medium（一般）、low（提示））为键、1 至 365 之间的整数（天）为值的对象。")
        #expect(chinese(#"{"disclosure_months": {"savings": 3}}"#).contains("“disclosure_months.savings”不是已知的资金类型；"))
    }

    @Test func partialFileKeepsDefaultsAndRecordsWhatItSet() throws {
        let policy = try Policy.parse(Array(#"{"version": 1, "idle_days": 90, "disclosure_months": {"public_income": 1}}"#.utf8), sourceName: "p.json")
        #expect(policy.idleDays == 90)
        #expect(policy.disclosureMonths == ["governance": 12, "maintenance": 6, "other": 12, "public_income": 1])
        #expect(policy.utilisationMinPercent == 50)
        #expect(policy.keysFromFile == ["disclosure_months", "idle_days"])
        #expect(policy.sourceName == "p.json")
    }

    @Test func canonicalPolicyReadsBackToTheSamePolicy() throws {
        let policy = Policy()
        let again = try Policy.parse(Array(policy.canonicalJSON.utf8), sourceName: "x")
        #expect(again.entries.map(\.value) == policy.entries.map(\.value))
    }
}

@Suite struct ShareTests {
    @Test func atLeastIncludesTheBoundaryMoreThanExcludesIt() {
        #expect(Share.twoThirds.isReached(by: 200, of: 300))
        #expect(!Share.twoThirds.isReached(by: 199, of: 300))
        #expect(Share.threeQuarters.isReached(by: 150, of: 200))
        #expect(!Share.half.isExceeded(by: 100, of: 200))
        #expect(Share.half.isExceeded(by: 101, of: 200))
        // No overflow near Int64's range.
        #expect(Share.threeQuarters.isReached(by: Int64.max / 4 * 3, of: Int64.max / 4 * 4))
    }

    @Test func ratiosCompareExactly() {
        #expect(Ratio(1, 3) < Ratio(334, 1000))
        #expect(!(Ratio(2, 6) < Ratio(1, 3)))
        #expect(Ratio(2, 6) == Ratio(1, 3))
        #expect(Ratio.median([Ratio(1, 1), Ratio(3, 1), Ratio(2, 1)]) == Ratio(2, 1))
        #expect(Ratio.median([Ratio(1, 1), Ratio(2, 1), Ratio(4, 1), Ratio(3, 1)]) == Ratio(5, 2))
        let huge = Int128(Int64.max) * Int128(Int64.max)
        #expect(Ratio(huge - 1, huge) < Ratio(huge, huge))
    }
}

@Suite struct RulesDocumentTests {
    /// docs/rules.md must list every rule (code and Chinese label) and every policy key.
    @Test func everyRuleAndPolicyKeyIsDocumented() throws {
        let bytes = try PosixFile(path: SampleRecords.packageRoot + "/docs/rules.md", mode: .read).readAll()
        let text = String(decoding: bytes, as: UTF8.self)
        for rule in RuleCode.allCases {
            #expect(text.contains("| \(rule.code) | \(rule.labelZh) | \(rule.labelEn) | \(rule.severity.rawValue) |"), "\(rule.code)")
        }
        for key in Policy.keys.map(\.key) { #expect(text.contains("| `\(key)` |"), "\(key)") }
    }
}
