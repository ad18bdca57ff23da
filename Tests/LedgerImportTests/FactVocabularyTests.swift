import LedgerEvents
import LedgerImport
import Testing

/// The headings and words of the fact kinds: each heading means one field, each template reads back.
@Suite struct FactVocabularyTests {
    @Test(arguments: FactKind.allCases) func headingsMeanOneFieldEach(kind: FactKind) {
        var seen: [String: String] = [:]
        for field in kind.fields {
            for heading in field.headings {
                let key = RegisterVocabulary.normalizedHeading(heading)
                if let other = seen[key], other != field.key {
                    Issue.record("\(kind.rawValue): heading \(heading) means both \(other) and \(field.key)")
                }
                seen[key] = field.key
            }
            #expect(field.examples.count == 2)
        }
        #expect(Set(kind.fields.map(\.key)).count == kind.fields.count)
    }

    @Test func templatesAreUTF8WithBOMAndChineseHeadings() throws {
        for kind in ImportTemplates.kinds {
            let bytes = try #require(ImportTemplates.template(kind))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(kind)")
            let header = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")[0]
            #expect(header.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(kind)")
        }
        #expect(ImportTemplates.template("nothing") == nil)
    }

    /// The category columns read the one vocabulary the reports and rules read (docs/categories.md), so a word
    /// imported as a code is a word FUND-05 and `ledger balances` take for that code.
    @Test func categoryColumnsAreTheSharedVocabulary() {
        for (table, direction) in [(FactVocabulary.incomeCategories, Category.Direction.income), (FactVocabulary.spendingCategories, .spending)] {
            #expect(table.map(\.code) == CategoryVocabulary.categories(direction).map(\.code))
            for entry in table {
                for word in entry.words { #expect(CategoryVocabulary.code(for: word, direction: direction) == entry.code, "\(word)") }
            }
        }
        #expect(FactVocabulary.spendingCategories.contains { $0.code == "developer_liability" && $0.words.contains("保修") })
        #expect(FactVocabulary.incomeCategories.contains { $0.code == "advertising" && $0.words.contains("广告费") })
    }
}
