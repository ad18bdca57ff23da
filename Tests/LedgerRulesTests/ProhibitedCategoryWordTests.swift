import LedgerEvents
import LedgerRules
import Testing

/// One recorded `purpose_category` text and the code FUND-05 must read it as.
struct CategoryWord: Sendable, CustomTestStringConvertible {
    let text: String
    let code: String
    var testDescription: String { "\"\(text)\" (\(code))" }
}

/// FUND-05 reads a maintenance-fund spending's category as the reports group it (`CategoryVocabulary`): every
/// word of a forbidden category is flagged, every word of another category is not, so `ledger balances` and
/// `ledger rectify` agree.
@Suite struct ProhibitedCategoryWordTests {
    /// Every word of `codes`' categories (code, Chinese and English names, other words), as written and in the
    /// spellings the vocabulary treats as the same (case, spaces).
    static func words(where keep: (String) -> Bool) -> [CategoryWord] {
        var out: [CategoryWord] = []
        for category in CategoryVocabulary.all where keep(category.code) {
            for text in [category.code, category.zh, category.en] + category.aliases {
                out.append(CategoryWord(text: text, code: category.code))
            }
            out.append(CategoryWord(text: " \(category.en.uppercased()) ", code: category.code))
        }
        return out
    }

    static let forbidden = words { maintenanceProhibitedCategories.contains($0) }
    static let outsideScope = words { maintenanceOutsideScopeCategories.contains($0) }
    static let allowed = words { !maintenanceProhibitedCategories.contains($0) && !maintenanceOutsideScopeCategories.contains($0) }
        + ["保修期外维修", "电梯维修", "maintenance"].map { CategoryWord(text: $0, code: $0) }

    /// The words of the issue, written out so a change to the vocabulary that drops them fails here.
    static let named: [CategoryWord] = [
        CategoryWord(text: "保修", code: "developer_liability"), CategoryWord(text: "开发商保修", code: "developer_liability"),
        CategoryWord(text: "developer's warranty liability", code: "developer_liability"),
        CategoryWord(text: "日常维护", code: "service_contract_duty"), CategoryWord(text: "物业费范围", code: "service_contract_duty"),
        CategoryWord(text: "the manager's contractual duty", code: "service_contract_duty"),
        CategoryWord(text: "人为损坏", code: "caused_damage"), CategoryWord(text: "damage someone caused", code: "caused_damage"),
        CategoryWord(text: "供水供电供气设施", code: "utility_facilities"), CategoryWord(text: "Utility Companies' Facilities", code: "utility_facilities"),
    ]

    static func spending(_ text: String) throws -> [Finding] {
        try Mini.findings([Mini.okDecision, Mini.spending("S1", "2025-01-10", fen: 100, decision: "D-OK", category: text)],
                          asOf: "2025-06-01", rule: .maintenanceProhibitedPurpose)
    }

    @Test func everyForbiddenCategoryHasWordsInBothLanguages() {
        #expect(Set(Self.forbidden.map(\.code)) == Set(maintenanceProhibitedCategories))
        #expect(Self.forbidden.contains { $0.text.unicodeScalars.contains { $0.value >= 0x4E00 } })
        #expect(Self.forbidden.contains { $0.text.unicodeScalars.allSatisfy(\.isASCII) && $0.text.contains(" ") })
    }

    @Test(arguments: forbidden + named)
    func aForbiddenWordIsFlagged(_ word: CategoryWord) throws {
        let found = try Self.spending(word.text)
        #expect(found.count == 1)
        // The finding quotes the word as recorded; the law cited follows the code it stands for.
        #expect(found.first?.facts.contains { $0.key == .prohibitedCategory && $0.values.contains { $0.name == "category" && $0.value == .text(word.text) } } == true)
        let qingdao = found.first?.basis.citations.contains { $0.source == .qingdaoRegulations && $0.article == 80 } == true
        #expect(qingdao == (word.code == "utility_facilities"))
        #expect(found.first?.action == .recoverFromLiable)
    }

    @Test(arguments: allowed)
    func anotherWordIsNotFlagged(_ word: CategoryWord) throws {
        #expect(try Self.spending(word.text).isEmpty)
    }

    /// Review 45b #1: the committee's running costs and cleaning are no repair of common parts at all; a decision on
    /// the fund's use or an emergency does not make them the maintenance fund's ([MF] 2, 18; [CC] 281(1)).
    @Test(arguments: outsideScope)
    func aWordOutsideTheFundsScopeIsFlagged(_ word: CategoryWord) throws {
        let found = try Self.spending(word.text)
        #expect(found.count == 1)
        #expect(found.first?.facts.contains { $0.key == .outsideFundScope && $0.values.contains { $0.name == "category" && $0.value == .text(word.text) } } == true)
        #expect(found.first?.basis.citations.contains { $0.source == .maintenanceFundMeasures && $0.article == 2 } == true)
        // No party is liable for such a cost: it goes back to the fund and is charged to its proper source
        // (review 46a #6).
        #expect(found.first?.action == .returnToFund)
    }

    @Test func aCostOutsideTheScopePaidBackIsSaidReturned() throws {
        let found = try Mini.findings([Mini.okDecision, Mini.spending("S1", "2025-01-10", fen: 100, decision: "D-OK", category: "业委会经费"),
                                       ReviewThirtyFiveFundTests.refund("R1", "2025-02-01", fen: 100, fund: "F-MF")],
                                      asOf: "2025-06-01", rule: .maintenanceProhibitedPurpose)
        #expect(found.count == 1)
        #expect(found.first?.resolution?.kind == .recovered)
        #expect(found.first?.action == .moneyReturned)
    }

    @Test func anEmergencyOrAVoteDoesNotWidenTheFundsScope() throws {
        let emergency = try Mini.findings([Mini.spending("S1", "2025-01-10", fen: 100, category: "保洁",
                                                         extra: #","emergency":{"type":"卫生","evidence":"报告"}"#)],
                                          asOf: "2025-06-01", rule: .maintenanceProhibitedPurpose)
        #expect(emergency.count == 1)
        let voted = try Mini.findings([Mini.okDecision, Mini.spending("S1", "2025-01-10", fen: 100, decision: "D-OK", category: "业委会经费")],
                                      asOf: "2025-06-01", rule: .maintenanceProhibitedPurpose)
        #expect(voted.count == 1)
        // Greening stays unflagged: renovating a green area is a repair of a common facility ([MF] 3).
        #expect(try Self.spending("绿化").isEmpty)
        let governanceFund = try Mini.findings([Mini.okDecision, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 100, decision: "D-OK", category: "保洁")],
                                             asOf: "2025-06-01", rule: .maintenanceProhibitedPurpose)
        #expect(governanceFund.isEmpty)
    }

    @Test func onlyTheMaintenanceFundIsHeldToTheList() throws {
        let found = try Mini.findings([Mini.okDecision, Mini.spending("S1", "2025-01-10", fund: "F-GV", fen: 100, decision: "D-OK", category: "保修")],
                                      asOf: "2025-06-01", rule: .maintenanceProhibitedPurpose)
        #expect(found.isEmpty)
    }
}
