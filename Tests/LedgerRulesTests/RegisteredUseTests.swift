import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// OCC-04 at registration (DOMAIN.md §2 A.3): a part registered with a current use (现用途) other than its planned
/// use (规划用途, else its generic use 用途) is used otherwise than planned, and that needs an owners' decision under
/// [CC] 278(1)(8) whether the register or a later update first records it. Found from the register date with the
/// fact `use_differs_at_registration`, under OCC-04's key (`OCC-04/ASSET/DAY`); a decision covering the change taken
/// on or before that day makes it lawful, one taken after ratifies it, a restoration ends it.
@Suite struct RegisteredUseTests {
    /// Part A-3 of C-T (a basement) registered on `on` with `attributes` (JSON members).
    static func registered(_ attributes: String, on day: String = "2024-03-01") -> String {
        Mini.event("A3", "asset.registered", day,
            #"{"asset_id":"A-3","community_id":"C-T","kind":"basement","name":"地下室","location":"2号楼","area_m2":"60.00","registered_on":"\#(day)","source":{"kind":"manual"},"attributes":{\#(attributes)}}"#)
    }
    static func updated(_ id: String, _ day: String, _ members: String) -> String {
        Mini.event(id, "asset.updated", day, #"{"asset_id":"A-3","changes":{"attributes":{\#(members)}},"source":{"kind":"manual"}}"#)
    }
    /// A 3/4 vote on changing the use of `asset`.
    static func decision(_ id: String, _ day: String, asset: String = "A-3", validUntil: String? = nil) -> String {
        var line = Mini.decision(id, day, "change_use_or_operate", "2400.00", 240, "2400.00", 240, authorises: #"{"asset_ids":["\#(asset)"]}"#)
        if let validUntil { line = line.replacing(#""authorises""#, with: #""valid_until":"\#(validUntil)","authorises""#) }
        return line
    }

    static let advertised = registered(#""规划用途":"屋面","现用途":"广告牌""#)

    static let cases: [KeyCase] = {
        var c: [KeyCase] = []
        func add(_ name: String, _ keys: [String], _ lines: [String], asOf: String = "2024-09-01") {
            c.append(KeyCase(name: name, lines: lines, asOf: asOf, rule: .changeOfUseWithoutDecision, keys: keys))
        }
        add("registered with a current use other than the planned use", ["OCC-04/A-3/2024-03-01"], [advertised])
        add("the same under the English names", ["OCC-04/A-3/2024-03-01"], [registered(#""planned_use":"屋面","current_use":"广告牌""#)])
        add("a current use other than the generic use", ["OCC-04/A-3/2024-03-01"], [registered(#""用途":"仓库","现用途":"商铺""#)])
        add("a current use equal to the planned use", [], [registered(#""规划用途":"屋面","现用途":"屋面""#)])
        add("a current use and no planned or generic use", [], [registered(#""现用途":"广告牌""#)])
        add("a planned use and no current use", [], [registered(#""规划用途":"屋面""#)])
        add("a blank current use", [], [registered(#""规划用途":"屋面","现用途":"""#)])
        add("a covering decision taken before the registration", [], [decision("D1", "2024-02-01"), advertised])
        add("a covering decision taken on the register date", [], [decision("D1", "2024-03-01"), advertised])
        add("a covering decision that lapsed before the registration (the use may have changed while it held)", [],
            [decision("D1", "2024-01-10", validUntil: "2024-02-15"), advertised])
        add("a decision on another part", ["OCC-04/A-3/2024-03-01"], [decision("D1", "2024-02-01", asset: "A-1"), advertised])
        add("a decision that fails 3/4", ["OCC-04/A-3/2024-03-01"],
            [Mini.decision("D1", "2024-02-01", "change_use_or_operate", "2400.00", 240, "1700.00", 170, authorises: #"{"asset_ids":["A-3"]}"#),
             advertised])
        add("a decision taken after the registration ratifies it (same key)", ["OCC-04/A-3/2024-03-01"], [advertised, decision("D1", "2024-05-01")])
        add("restored to the planned use: ended", [], [advertised, updated("C1", "2024-06-01", #""现用途":"屋面""#)])
        add("changed to a third use: the same finding", ["OCC-04/A-3/2024-03-01"], [advertised, updated("C1", "2024-06-01", #""现用途":"仓库""#)])
        add("restored, then changed again: a new key", ["OCC-04/A-3/2024-07-01"],
            [advertised, updated("C1", "2024-06-01", #""现用途":"屋面""#), updated("C2", "2024-07-01", #""现用途":"仓库""#)])
        add("an update of another column leaves it as it was", ["OCC-04/A-3/2024-03-01"], [advertised, updated("C1", "2024-06-01", #""产权":"全体业主""#)])
        add("retired", [], [advertised, Mini.event("R-A-3", "asset.retired", "2024-06-01", #"{"asset_id":"A-3","reason":"拆除"}"#)])
        add("not before the registration is in the ledger", [], [advertised], asOf: "2024-02-28")
        // Review 34b #1: one use typed with other spaces, widths or letter case is no difference (UseText).
        for (planned, current) in [("车库", "车库 "), ("车库", " 车库"), ("车库", "车库\u{3000}"), ("B1车库", "Ｂ1车库"),
                                   ("车库(地下)", "车库（地下）"), ("Garage", "garage"), ("地下车库", "地下 车库")] {
            add("\(planned) and \(current) are one use", [], [registered(#""规划用途":"\#(planned)","现用途":"\#(current)""#)])
        }
        add("a current use of only spaces is blank", [], [registered(#""规划用途":"屋面","现用途":"\u3000 ""#)])
        add("an invisible character is no difference", [], [registered(#""规划用途":"车库","现用途":"\u200B车库""#)])
        add("、 and ， part a list alike", [], [registered(#""规划用途":"车库、仓库","现用途":"车库，仓库""#)])
        add("an update writing the lawful use with other spaces is no change", [],
            [registered(#""规划用途":"屋面","现用途":"屋面""#), updated("C1", "2024-06-01", #""现用途":"屋 面""#)])
        add("restored with other spaces: ended", [], [advertised, updated("C1", "2024-06-01", #""现用途":"屋面　""#)])
        add("a use that differs in more than spacing still differs", ["OCC-04/A-3/2024-03-01"],
            [registered(#""规划用途":"车库","现用途":"车库 仓库""#)])
        return c
    }()

    @Test(arguments: cases)
    func keys(_ c: KeyCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule)
        #expect(found.map(\.key).sorted() == c.keys.sorted(),
                "\(c.rule.code) \(c.name): \(found.map { "\($0.key) \($0.facts.map(\.key.rawValue))" })")
    }

    /// Property-service premises written with a space (物业 服务用房) are the premises too, with their own basis
    /// (review 34c #3): the same basis as when written without it.
    @Test func premisesWrittenWithASpaceHaveThePremisesBasis() throws {
        func basis(_ use: String) throws -> LegalBasis {
            let lines = [Self.registered(#""用途":"\#(use)""#), Self.updated("C1", "2024-06-01", #""用途":"棋牌室""#)]
            return try #require(try Mini.findings(lines, asOf: "2024-09-01", rule: .changeOfUseWithoutDecision).first).basis
        }
        #expect(try basis("物业 服务用房") == basis("物业服务用房"))
        #expect(try basis("物业 服务用房") != basis("仓库"))
    }

    @Test func theFactNamesBothColumnsTheirValuesAndTheDay() throws {
        let finding = try #require(try Mini.findings([Self.advertised], asOf: "2024-09-01", rule: .changeOfUseWithoutDecision).first)
        #expect(finding.since == CalendarDate(iso: "2024-03-01"))
        #expect(finding.resolution == nil)
        let fact = try #require(finding.facts.first)
        #expect(finding.facts.count == 1)
        #expect(fact.key == .useDiffersAtRegistration)
        #expect(fact["field"] == .text("现用途") && fact["to"] == .text("广告牌"))
        #expect(fact["planned_field"] == .text("规划用途") && fact["from"] == .text("屋面"))
        #expect(fact["registered_on"] == .date(CalendarDate(iso: "2024-03-01")!))
        // The registration is the record it rests on.
        #expect(finding.evidence.map(\.eventID).contains("A3"))
    }

    @Test func aLaterDecisionRatifiesIt() throws {
        let finding = try #require(try Mini.findings([Self.advertised, Self.decision("D1", "2024-05-01")], asOf: "2024-09-01",
                                                     rule: .changeOfUseWithoutDecision).first)
        #expect(finding.resolution?.kind == .ratified)
        #expect(finding.resolution?.on == CalendarDate(iso: "2024-05-01"))
        #expect(finding.facts.map(\.key) == [.useDiffersAtRegistration, .useChangeRatified])
    }

    @Test func aThirdUseIsStatedBesideTheRegistration() throws {
        let finding = try #require(try Mini.findings([Self.advertised, Self.updated("C1", "2024-06-01", #""现用途":"仓库""#)],
                                                     asOf: "2024-09-01", rule: .changeOfUseWithoutDecision).first)
        #expect(finding.facts.map(\.key) == [.useDiffersAtRegistration, .useChanged])
        #expect(finding.facts.last?["from"] == .text("广告牌") && finding.facts.last?["to"] == .text("仓库"))
    }
}
