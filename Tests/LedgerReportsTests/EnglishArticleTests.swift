import LedgerEvents
@testable import LedgerReports
import LedgerRules
import Testing

/// Review K17 #3: CON-03's English fact says "an other account", not "a other account"; the article before a
/// value follows the value's first letter, in both the string and the byte path, and the Chinese is unchanged.
struct EnglishArticleTests {
    @Test func thePayeeFundsKindTakesItsArticle() {
        func sentence(_ kind: String, _ language: ReportLanguage) -> String {
            let fact = FindingFact(.payeeFundWrongKind, ["fund_id": .text("F-1"), "kind": .text(kind)])
            let text = FactText.render(fact, language)
            // The text list writes facts as bytes in place (`FactText.append`): the same words (review M18 #5).
            var bytes = ReportBytes()
            FactText.append([fact], language, names: PersonalNames(), to: &bytes)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == text, "byte path: \(String(decoding: bytes.bytes, as: UTF8.self))")
            return text
        }
        #expect(sentence("other", .en) == "payee account F-1 is an other account, not the community's public-income or maintenance fund")
        #expect(sentence("governance", .en) == "payee account F-1 is a governance fund account, not the community's public-income or maintenance fund")
        #expect(sentence("public_income", .en).hasPrefix("payee account F-1 is a public income account"))
        #expect(sentence("other", .zh) == "约定的收款账户F-1为其他账户，不是本小区公共收益或专项维修资金账户")
    }
}
