import LedgerEvents
@testable import LedgerReports
@testable import LedgerRules
import Testing

/// What the session-30 review found the reports saying wrongly: a failed vote said to fail on both area and owners
/// when one of them met the threshold, and LOW-02 printing a part's income exactly at the level it is below.
@Suite struct VoteAndIncomeFigureTests {
    /// A failed vote's fact: key, which measure fell short, and what each language must say (and must not).
    struct Shortfall: Sendable, CustomTestStringConvertible {
        let key: FactKey
        let shortOf: String
        let zh: String
        let en: String
        let notZh: String
        var testDescription: String { "\(key.rawValue) short of \(shortOf)" }
    }

    static let shortfalls = [
        Shortfall(key: .specialMajorityMissed, shortOf: "area", zh: "按专有部分面积计未达到参与表决的四分之三（按人数计已达到）",
                  en: "the approving area is below 3/4 (the owners reach it)", notZh: "按人数计未达到"),
        Shortfall(key: .specialMajorityMissed, shortOf: "owners", zh: "按人数计未达到参与表决的四分之三（按专有部分面积计已达到）",
                  en: "the approving owners are below 3/4 (the area reaches it)", notZh: "按专有部分面积计未达到"),
        Shortfall(key: .specialMajorityMissed, shortOf: "area_and_owners", zh: "按专有部分面积和人数计均未达到参与表决的四分之三",
                  en: "both are below 3/4", notZh: "已达到"),
        Shortfall(key: .simpleMajorityMissed, shortOf: "owners", zh: "按人数计未过参与表决的半数（按专有部分面积计已过半数）",
                  en: "the approving owners are not more than half (the area is)", notZh: "按专有部分面积计未过"),
        Shortfall(key: .simpleMajorityMissed, shortOf: "area", zh: "按专有部分面积计未过参与表决的半数（按人数计已过半数）",
                  en: "the approving area is not more than half (the owners are)", notZh: "按人数计未过"),
        Shortfall(key: .quorumMissed, shortOf: "owners", zh: "按人数计未达到三分之二（按专有部分面积计已达到）",
                  en: "the participating owners are below the 2/3 quorum (the area meets it)", notZh: "按专有部分面积计未达到"),
        Shortfall(key: .quorumMissed, shortOf: "area_and_owners", zh: "按专有部分面积和人数计均未达到三分之二",
                  en: "both are below the 2/3 quorum", notZh: "已达到"),
    ]

    static func fact(_ s: Shortfall) -> FindingFact {
        let area = FactValue.area(DecimalQuantity(text: "100.00")!)
        let share: Share = s.key == .quorumMissed ? LawConstants.quorum
            : s.key == .simpleMajorityMissed ? LawConstants.simpleMajority : LawConstants.specialMajority
        return FindingFact(s.key, [
            "decision_id": .text("D-1"), "decided_on": .date(CalendarDate(iso: "2025-01-01")!), "approving_area": area,
            "participating_area": area, "total_area": area, "approving_owners": .integer(1), "participating_owners": .integer(2),
            "total_owners": .integer(3), "share": .share(share), "short_of": .text(s.shortOf)])
    }

    @Test(arguments: shortfalls)
    func failedVoteNamesTheMeasureThatFellShort(_ s: Shortfall) {
        let zh = FactText.render(Self.fact(s), .zh), en = FactText.render(Self.fact(s), .en)
        #expect(zh.hasSuffix("，" + s.zh), "\(zh)")
        #expect(!zh.contains(s.notZh), "\(zh)")
        #expect(en.hasSuffix("; " + s.en), "\(en)")
    }

    /// LOW-02's test is strict (income < 70% × median): the part's income is printed rounded down and the median
    /// rounded up, so the printed figures keep it (8399.6 fen printed ¥84.00 against 70% of ¥120.00 = ¥84.00).
    @Test(arguments: [
        ("income_per_m2", Ratio(83996, 10), Int64(8399)), ("received_per_m2", Ratio(83996, 10), 8399),
        ("income_per_m2", Ratio(8400, 1), 8400), ("median_per_m2", Ratio(119994, 10), 12000),
        ("median_per_m2", Ratio(12000, 1), 12000), ("median_per_m2", Ratio(120001, 10), 12001),
    ])
    func incomePerAreaKeepsTheStrictTest(_ name: String, _ exact: Ratio, _ fen: Int64) {
        #expect(Format.perAreaFen(name, exact) == Amount(fen: fen))
        #expect(FactText.value(name: name, .fenPerSquareMetre(exact), .en) == Format.money(Amount(fen: fen), .en))
    }

    @Test func lowIncomeFactPrintsItsIncomeBelowTheLevel() {
        let fact = FindingFact(.incomePerArea, [
            "window_days": .integer(366), "income": .amount(Amount(fen: 839_960)), "received": .amount(Amount(fen: 839_960)),
            "area": .area(DecimalQuantity(text: "100.00")!), "income_per_m2": .fenPerSquareMetre(Ratio(83996, 10)),
            "median_per_m2": .fenPerSquareMetre(Ratio(12000, 1)), "peers": .integer(4), "threshold": .percent(Ratio(70, 100))])
        let en = FactText.render(fact, .en)
        #expect(en.contains("¥83.99 per m²") && en.contains("¥120.00 per m²"), "\(en)")
        #expect(FactText.render(fact, .zh).contains("每平方米83.99元"))
    }
}
