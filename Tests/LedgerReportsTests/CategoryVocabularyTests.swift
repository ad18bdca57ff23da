import Foundation
import LedgerEvents
import LedgerReports
import Testing

/// The category vocabulary: one code per word, documented in docs/categories.md, folding totals together.
@Suite struct CategoryVocabularyTests {
    @Test func wordsNameTheirCodeIgnoringCaseAndSpaces() {
        #expect(CategoryVocabulary.code(for: "广告") == "advertising")
        #expect(CategoryVocabulary.code(for: " 广告费 ") == "advertising")
        #expect(CategoryVocabulary.code(for: "ADVERTISING") == "advertising")
        #expect(CategoryVocabulary.code(for: "Parking Fees") == "parking")
        #expect(CategoryVocabulary.code(for: "租金") == "leasing")
        #expect(CategoryVocabulary.code(for: "烧烤摊") == nil)
        #expect(CategoryVocabulary.code(for: "Base-Station") == "base_station")
        #expect(CategoryVocabulary.code(for: "保修") == "developer_liability")
        #expect(CategoryVocabulary.code(for: "日常维护") == "service_contract_duty" && CategoryVocabulary.code(for: "维护") == "repair")
        #expect(CategoryVocabulary.normalized("烧烤摊") == "烧烤摊" && CategoryVocabulary.normalized("广告费") == "advertising")
    }

    @Test func aWordNamesItsCodeOnlyForItsDirection() {
        #expect(CategoryVocabulary.code(for: "广告", direction: .income) == "advertising")
        #expect(CategoryVocabulary.code(for: "广告", direction: .spending) == nil)
        #expect(CategoryVocabulary.code(for: "保洁", direction: .spending) == "cleaning")
        #expect(CategoryVocabulary.code(for: "其他", direction: .spending) == "other" && CategoryVocabulary.code(for: "其他", direction: .income) == "other")
    }

    @Test func noWordNamesTwoCategories() {
        var seen: [String: String] = [:]
        for category in CategoryVocabulary.all {
            for word in [category.code, category.zh, category.en] + category.aliases {
                let key = CategoryVocabulary.key(word)
                if let other = seen[key] { #expect(other == category.code, "\(word) names \(other) and \(category.code)") }
                seen[key] = category.code
            }
        }
    }

    @Test func totalsOfOneCategoryWrittenSeveralWaysAddUp() {
        let merged = CategoryVocabulary.merged([("advertising", Amount(fen: 100)), ("广告", Amount(fen: 20)), ("烧烤摊", Amount(fen: 3)),
                                                ("广告费", Amount(fen: 5)), ("leasing", Amount(fen: 7))])
        #expect(merged.map(\.category) == ["advertising", "leasing", "烧烤摊"])
        #expect(merged.map(\.amount.fen) == [125, 7, 3])
        #expect(ReportWords.category("广告", .zh) == "广告费" && ReportWords.category("advertising", .en) == "advertising")
    }

    @Test func theDocumentationNamesEveryCodeAndWord() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/categories.md").path
        let doc = try String(contentsOfFile: path, encoding: .utf8)
        for category in CategoryVocabulary.all {
            let row = doc.split(separator: "\n").first { $0.hasPrefix("| `\(category.code)` |") }
            #expect(row != nil, "docs/categories.md has no row for \(category.code)")
            for word in [category.zh, category.en] + category.aliases {
                #expect(row?.contains(word) == true, "docs/categories.md: \(category.code) lacks \(word)")
            }
        }
    }
}
