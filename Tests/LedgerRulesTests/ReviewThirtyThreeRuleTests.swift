import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// The readings the review of session 33 found wrong, each as the keys a rule must give (`KeyCase`, on `Mini`):
/// - retiring a part clears no occupation and ends no use: OCC-01 and OCC-02 check a retired part as any other; OCC-03
///   and OCC-04 do not (the part is gone: nothing on it can be restored, and the log takes no fact naming it);
/// - OCC-04 measures a part's use against its lawful use (as registered, first given, or last set under a decision):
///   a restoration is no change and ends the finding, a blank is no change, and one problem keeps one key;
/// - FUND-05 reads a warranty wherever a register put it (`warranty_end`, or 保修期至 kept as a free attribute);
/// - FUND-04 flags spending on a part the decision it cites does not name, when it names parts.
@Suite struct ReviewThirtyThreeRuleTests {
    /// Property-service premises A-2 of C-T, registered with 现用途 物业办公.
    static let premises = Mini.event("A2", "asset.registered", "2023-12-01",
        #"{"asset_id":"A-2","community_id":"C-T","kind":"other","name":"物业服务用房","location":"1号楼","area_m2":"80.00","registered_on":"2023-12-01","source":{"kind":"manual"},"attributes":{"现用途":"物业办公"}}"#)
    static func updated(_ id: String, _ date: String, asset: String = "A-2", use: String? = nil, kind: String? = nil) -> String {
        var changes: [String] = []
        if let kind { changes.append(#""kind":"\#(kind)""#) }
        if let use { changes.append(#""attributes":{"现用途":"\#(use)"}"#) }
        return Mini.event(id, "asset.updated", date,
                          #"{"asset_id":"\#(asset)","changes":{\#(changes.joined(separator: ","))},"source":{"kind":"manual"}}"#)
    }
    /// Part A-3 of C-T (a basement) registered with `attributes` (JSON members).
    static func warehouse(_ attributes: String) -> String {
        Mini.event("A3", "asset.registered", "2023-12-01",
            #"{"asset_id":"A-3","community_id":"C-T","kind":"basement","name":"地下室","location":"2号楼","area_m2":"60.00","registered_on":"2023-12-01","source":{"kind":"manual"},"attributes":{\#(attributes)}}"#)
    }
    /// An update of A-3's attributes (JSON members).
    static func attributes(_ id: String, _ date: String, _ members: String, kind: String? = nil) -> String {
        let kindMember = kind.map { #""kind":"\#($0)","# } ?? ""
        return Mini.event(id, "asset.updated", date,
                          #"{"asset_id":"A-3","changes":{\#(kindMember)"attributes":{\#(members)}},"source":{"kind":"manual"}}"#)
    }
    static func retired(_ asset: String, _ date: String) -> String {
        Mini.event("R-\(asset)", "asset.retired", date, #"{"asset_id":"\#(asset)","reason":"拆除"}"#)
    }
    /// A vote on changing the use of `asset` that passes 3/4.
    static func changeOfUse(_ id: String, _ date: String, asset: String = "A-2", validUntil: String? = nil) -> String {
        var line = Mini.decision(id, date, "change_use_or_operate", "2400.00", 240, "2400.00", 240,
                                 authorises: #"{"asset_ids":["\#(asset)"]}"#)
        if let validUntil { line = line.replacing(#""authorises""#, with: #""valid_until":"\#(validUntil)","authorises""#) }
        return line
    }

    static let cases: [KeyCase] = {
        var c: [KeyCase] = []
        func add(_ name: String, _ rule: RuleCode, _ asOf: String, _ keys: [String], _ lines: [String]) {
            c.append(KeyCase(name: name, lines: lines, asOf: asOf, rule: rule, keys: keys))
        }
        // (1) Retirement wipes out nothing.
        let occupied = Mini.event("O1", "occupation.reported", "2025-01-10",
                                  #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某装修队","description":"堆放建筑垃圾"}"#)
        add("an occupation still open after the part is retired", .occupationNotCleared, "2025-06-01",
            ["OCC-01/A-1/O1/2025-01-10"], [occupied, retired("A-1", "2025-03-01")])
        add("an occupation cleared after the part is retired", .occupationNotCleared, "2025-06-01", [],
            [occupied, retired("A-1", "2025-03-01"), Mini.event("O1c", "occupation.cleared", "2025-04-01", #"{"occupation_id":"O1"}"#)])
        let used = Mini.event("U1", "use.started", "2025-01-10",
                              #"{"use_id":"U1","asset_id":"A-1","user":"张三","purpose":"停放私家车"}"#)
        add("a use without authority still open after the part is retired", .useWithoutAuthority, "2025-06-01",
            ["OCC-02/A-1/U1/2025-01-10"], [used, retired("A-1", "2025-03-01")])
        add("a use without authority ended after the part is retired", .useWithoutAuthority, "2025-06-01", [],
            [used, retired("A-1", "2025-03-01"), Mini.event("U1e", "use.ended", "2025-04-01", #"{"use_id":"U1"}"#)])
        let seenOccupied = [Mini.event("N1", "inspection.recorded", "2025-01-10", #"{"asset_id":"A-1","observed":"occupied","inspector":"王"}"#),
                            retired("A-1", "2025-03-01")]
        add("an occupation an inspection saw is not OCC-03 once the part is retired", .inspectionFoundOccupied, "2025-06-01",
            [], seenOccupied)
        add("an occupation an inspection saw is OCC-03 until the part is retired", .inspectionFoundOccupied, "2025-02-28",
            ["OCC-03/A-1/2025-01-10"], seenOccupied)
        let changedThenRetired = [premises, updated("C1", "2025-01-10", use: "棋牌室"), retired("A-2", "2025-03-01")]
        add("a change of use is not OCC-04 once the part is retired", .changeOfUseWithoutDecision, "2025-06-01", [], changedThenRetired)
        add("a change of use is OCC-04 until the part is retired", .changeOfUseWithoutDecision, "2025-02-28",
            ["OCC-04/A-2/2025-01-10"], changedThenRetired)
        add("a retired part is never idle", .idle, "2025-12-31", [], [occupied, retired("A-1", "2025-03-01")])

        // (2) OCC-04 against the lawful use.
        let changed = [premises, updated("C1", "2025-01-10", use: "棋牌室")]
        add("an unauthorised change stays open", .changeOfUseWithoutDecision, "2026-06-01", ["OCC-04/A-2/2025-01-10"], changed)
        add("(a) restoring the registered use is no new finding", .changeOfUseWithoutDecision, "2025-04-01", [],
            changed + [updated("C2", "2025-03-01", use: "物业办公")])
        add("(b) the finding holds until the day before the restoration", .changeOfUseWithoutDecision, "2025-02-28",
            ["OCC-04/A-2/2025-01-10"], changed + [updated("C2", "2025-03-01", use: "物业办公")])
        add("(b) changed again after the restoration: a new finding", .changeOfUseWithoutDecision, "2025-06-01",
            ["OCC-04/A-2/2025-05-01"],
            changed + [updated("C2", "2025-03-01", use: "物业办公"), updated("C3", "2025-05-01", use: "仓库")])
        add("(c) filling a blank use column is no change", .changeOfUseWithoutDecision, "2025-06-01", [],
            [updated("C1", "2025-01-10", asset: "A-1", use: "电梯")])
        add("(c) a blank, then a value: the value is the first given", .changeOfUseWithoutDecision, "2025-06-01", [],
            [updated("C0", "2025-01-05", asset: "A-1", use: ""), updated("C1", "2025-01-10", asset: "A-1", use: "电梯")])
        add("(c) a value first given, then changed without a decision", .changeOfUseWithoutDecision, "2025-06-01",
            ["OCC-04/A-1/2025-02-10"],
            [updated("C1", "2025-01-10", asset: "A-1", use: "停车"), updated("C2", "2025-02-10", asset: "A-1", use: "仓储")])
        add("a blank records nothing: the next value is measured against the lawful one", .changeOfUseWithoutDecision, "2025-06-01",
            ["OCC-04/A-2/2025-02-10"], [premises, updated("C1", "2025-01-10", use: ""), updated("C2", "2025-02-10", use: "棋牌室")])
        add("a blank is no restoration either", .changeOfUseWithoutDecision, "2025-06-01",
            ["OCC-04/A-2/2025-01-10"], changed + [updated("C2", "2025-02-10", use: "")])
        add("an authorised change is never flagged", .changeOfUseWithoutDecision, "2025-06-01", [],
            [premises, changeOfUse("D-CU", "2024-11-01"), updated("C1", "2025-01-10", use: "社区活动室")])
        add("an authorised change stays lawful after the decision lapses", .changeOfUseWithoutDecision, "2026-06-01", [],
            [premises, changeOfUse("D-CU", "2024-11-01", validUntil: "2025-06-30"), updated("C1", "2025-01-10", use: "社区活动室")])
        add("a change after the decision lapsed is flagged", .changeOfUseWithoutDecision, "2026-06-01", ["OCC-04/A-2/2025-07-01"],
            [premises, changeOfUse("D-CU", "2024-11-01", validUntil: "2025-06-30"), updated("C1", "2025-07-01", use: "社区活动室")])
        add("two unauthorised changes in a row are one finding", .changeOfUseWithoutDecision, "2025-06-01",
            ["OCC-04/A-2/2025-01-10"], changed + [updated("C2", "2025-02-10", use: "仓库")])
        add("back to the use an authorised change replaced is no change (it was lawful)", .changeOfUseWithoutDecision, "2025-06-01",
            [],
            [premises, changeOfUse("D-CU", "2024-11-01", validUntil: "2025-01-31"), updated("C1", "2025-01-10", use: "社区活动室"),
             updated("C2", "2025-03-01", use: "物业办公")])
        let kindChanged = [Mini.event("K1", "asset.updated", "2025-01-10",
                                      #"{"asset_id":"A-1","changes":{"kind":"other"},"source":{"kind":"manual"}}"#)]
        add("a kind changed without a decision", .changeOfUseWithoutDecision, "2025-06-01", ["OCC-04/A-1/2025-01-10"], kindChanged)
        add("a kind changed back", .changeOfUseWithoutDecision, "2025-06-01", [],
            kindChanged + [Mini.event("K2", "asset.updated", "2025-02-10",
                                      #"{"asset_id":"A-1","changes":{"kind":"parking"},"source":{"kind":"manual"}}"#)])
        add("a decision taken afterwards ratifies the change, under the same key", .changeOfUseWithoutDecision, "2025-06-01",
            ["OCC-04/A-2/2025-01-10"], changed + [changeOfUse("D-CU", "2025-02-01")])
        add("after a ratification the use stays lawful", .changeOfUseWithoutDecision, "2025-06-01", ["OCC-04/A-2/2025-01-10"],
            changed + [changeOfUse("D-CU", "2025-02-01"), updated("C2", "2025-03-01", use: "棋牌室")])

        // (2b) A return to an earlier lawful value; aliases are one column; a first current use against the planned use.
        let store = warehouse(#""用途":"仓库""#)
        let authorised = [store, changeOfUse("D1", "2024-01-10", asset: "A-3", validUntil: "2024-03-31"),
                          attributes("C1", "2024-03-15", #""用途":"商铺""#)]
        add("a covered change, then back to the registered use after the decision lapsed", .changeOfUseWithoutDecision,
            "2024-09-01", [], authorised + [attributes("C2", "2024-06-01", #""用途":"仓库""#)])
        add("a covered change, then to a third use after the decision lapsed", .changeOfUseWithoutDecision,
            "2024-09-01", ["OCC-04/A-3/2024-06-01"], authorised + [attributes("C2", "2024-06-01", #""用途":"餐馆""#)])
        add("a covered change, then back to the registered use under the other name", .changeOfUseWithoutDecision,
            "2024-09-01", [], authorised + [attributes("C2", "2024-06-01", #""use":"仓库""#)])
        add("用途 registered, changed under its English name use", .changeOfUseWithoutDecision, "2024-09-01",
            ["OCC-04/A-3/2024-06-01"], [store, attributes("C1", "2024-06-01", #""use":"商铺""#)])
        add("current_use registered, changed under 现用途", .changeOfUseWithoutDecision, "2024-09-01",
            ["OCC-04/A-3/2024-06-01"], [warehouse(#""current_use":"仓库""#), attributes("C1", "2024-06-01", #""现用途":"商铺""#)])
        add("use changed, then restored under the other name", .changeOfUseWithoutDecision, "2024-09-01", [],
            [store, attributes("C1", "2024-06-01", #""use":"商铺""#), attributes("C2", "2024-07-01", #""用途":"仓库""#)])
        let roof = warehouse(#""规划用途":"屋面""#)
        add("a first current use other than the planned use", .changeOfUseWithoutDecision, "2024-09-01",
            ["OCC-04/A-3/2024-06-01"], [roof, attributes("C1", "2024-06-01", #""现用途":"广告牌""#)])
        add("a first current use other than the planned use, under English names", .changeOfUseWithoutDecision, "2024-09-01",
            ["OCC-04/A-3/2024-06-01"], [warehouse(#""planned_use":"屋面""#), attributes("C1", "2024-06-01", #""current_use":"广告牌""#)])
        add("a first current use other than the generic use", .changeOfUseWithoutDecision, "2024-09-01",
            ["OCC-04/A-3/2024-06-01"], [store, attributes("C1", "2024-06-01", #""现用途":"商铺""#)])
        add("a first current use equal to the planned use", .changeOfUseWithoutDecision, "2024-09-01", [],
            [roof, attributes("C1", "2024-06-01", #""现用途":"屋面""#)])
        add("a first current use on a part with no planned or generic use", .changeOfUseWithoutDecision, "2024-09-01", [],
            [warehouse(#""产权":"全体业主""#), attributes("C1", "2024-06-01", #""现用途":"广告牌""#)])
        add("a first current use other than the planned use, under a decision", .changeOfUseWithoutDecision, "2024-09-01", [],
            [roof, changeOfUse("D1", "2024-05-01", asset: "A-3"), attributes("C1", "2024-06-01", #""现用途":"广告牌""#)])
        add("a first current use other than the planned use, then brought back to it", .changeOfUseWithoutDecision, "2024-09-01", [],
            [roof, attributes("C1", "2024-06-01", #""现用途":"广告牌""#), attributes("C2", "2024-07-01", #""现用途":"屋面""#)])

        // (3) FUND-05 reads the warranty wherever the register put it.
        func warranty(_ attributes: String) -> [String] {
            [Mini.decision("D-MFU", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240),
             Mini.event("W1", "asset.updated", "2024-02-01", #"{"asset_id":"A-1","changes":{"attributes":{\#(attributes)}},"source":{"kind":"manual"}}"#),
             Mini.spending("S6", "2025-01-10", fen: 100, decision: "D-MFU", extra: #","asset_ids":["A-1"]"#)]
        }
        let withinWarranty = ["FUND-05/F-MF/S6/A-1/2025-01-10"]
        add("warranty_end in ISO form", .maintenanceProhibitedPurpose, "2025-06-01", withinWarranty, warranty(#""warranty_end":"2025-01-10""#))
        add("warranty_end written with slashes", .maintenanceProhibitedPurpose, "2025-06-01", withinWarranty, warranty(#""warranty_end":"2025/1/10""#))
        add("a free 保修期至 attribute", .maintenanceProhibitedPurpose, "2025-06-01", withinWarranty, warranty(#""保修期至":"2025年12月31日""#))
        add("a free 保修截止日期 attribute, eight digits", .maintenanceProhibitedPurpose, "2025-06-01", withinWarranty, warranty(#""保修截止日期":"20250110""#))
        add("a free 保修期至 attribute, over the day before", .maintenanceProhibitedPurpose, "2025-06-01", [], warranty(#""保修期至":"2025-01-09""#))
        add("two attributes giving the same day", .maintenanceProhibitedPurpose, "2025-06-01", withinWarranty,
            warranty(#""warranty_end":"2025-12-31","保修期至":"2025/12/31""#))
        // Review 33b #3: an old import kept 保修期至 as a free attribute; a re-import with a corrected date writes
        // warranty_end, the latest word (both dates covered the spending, and nothing was said).
        add("warranty_end wins over a free heading's other date", .maintenanceProhibitedPurpose, "2025-06-01", withinWarranty,
            warranty(#""warranty_end":"2025-12-31","保修期至":"2024/12/31""#))
        add("warranty_end wins over a free heading's other date, either way", .maintenanceProhibitedPurpose, "2025-06-01", [],
            warranty(#""warranty_end":"2024-12-31","保修期至":"2025/12/31""#))
        add("two free headings giving different days are not read", .maintenanceProhibitedPurpose, "2025-06-01", [],
            warranty(#""保修截止日期":"2025-12-31","保修期至":"2024/12/31""#))
        add("a warranty that is no date is not read", .maintenanceProhibitedPurpose, "2025-06-01", [], warranty(#""保修期至":"明年底""#))

        // (4) FUND-04: spending on a part the decision does not name.
        func repair(_ authorises: String, on asset: String) -> [String] {
            [premises, Mini.decision("D-MFU", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240, authorises: authorises),
             Mini.spending("S9", "2025-01-10", fen: 100, decision: "D-MFU", extra: #","asset_ids":["\#(asset)"]"#)]
        }
        add("spending on a part the decision does not name", .spendingBeyondAuthority, "2025-06-01", ["FUND-04/F-MF/S9/2025-01-10"],
            repair(#"{"asset_ids":["A-1"]}"#, on: "A-2"))
        add("spending on the part the decision names", .spendingBeyondAuthority, "2025-06-01", [], repair(#"{"asset_ids":["A-1"]}"#, on: "A-1"))
        add("spending under a decision that names no part", .spendingBeyondAuthority, "2025-06-01", [], repair("{}", on: "A-2"))
        add("spending on a part not named and after the decision lapsed: one finding", .spendingBeyondAuthority, "2025-06-01",
            ["FUND-04/F-MF/S9/2025-01-10"],
            [premises, Mini.decision("D-MFU", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240,
                                     authorises: #"{"asset_ids":["A-1"]}"#).replacing(#""authorises""#, with: #""valid_until":"2024-12-31","authorises""#),
             Mini.spending("S9", "2025-01-10", fen: 100, decision: "D-MFU", extra: #","asset_ids":["A-2"]"#)])
        return c
    }()

    @Test(arguments: cases)
    func keys(_ c: KeyCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule)
        #expect(found.map(\.key).sorted() == c.keys.sorted(),
                "\(c.rule.code) \(c.name): \(found.map { "\($0.key) \($0.facts.map(\.key.rawValue))" })")
    }

    /// Two unauthorised changes while the use differs: one finding that lists both, from the use that was lawful.
    @Test func laterChangesAreFactsOfTheSameFinding() throws {
        let found = try Mini.findings([Self.premises, Self.updated("C1", "2025-01-10", use: "棋牌室"), Self.updated("C2", "2025-02-10", use: "仓库")],
                                      asOf: "2025-06-01", rule: .changeOfUseWithoutDecision)
        let finding = try #require(found.first)
        #expect(finding.facts.map { $0["from"] } == [.text("物业办公"), .text("棋牌室")])
        #expect(finding.facts.map { $0["to"] } == [.text("棋牌室"), .text("仓库")])
        #expect(finding.resolution == nil)
        #expect(finding.basis.cites(.qingdaoRegulations, 61))
    }

    /// FUND-04 names the decision and the part it does not name, beside a lapse, in one finding.
    @Test func spendingOutsideTheDecisionSaysWhichPart() throws {
        let lines = [Self.premises, Mini.decision("D-MFU", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240,
                                                  authorises: #"{"asset_ids":["A-1"]}"#),
                     Mini.spending("S9", "2025-01-10", fen: 100, decision: "D-MFU", extra: #","asset_ids":["A-1","A-2"]"#)]
        let found = try Mini.findings(lines, asOf: "2025-06-01", rule: .spendingBeyondAuthority)
        #expect(found.count == 1)
        #expect(found.first?.facts.map(\.key) == [.spending, .spendingOutsideDecision])
        #expect(found.first?.facts.last?["asset_ids"] == .texts(["A-2"]))
    }

    /// FUND-04 on several parts the decision does not name: one fact lists them all, in the spending's order (one
    /// sentence in the report, not one a part).
    @Test func spendingOnSeveralPartsOutsideTheDecisionIsOneFact() throws {
        let lines = [Self.premises, Mini.decision("D-MFU", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240,
                                                  authorises: #"{"asset_ids":["A-1"]}"#),
                     Mini.spending("S9", "2025-01-10", fen: 100, decision: "D-MFU", extra: #","asset_ids":["A-3","A-1","A-2","A-4"]"#)]
        let found = try Mini.findings(lines, asOf: "2025-06-01", rule: .spendingBeyondAuthority)
        #expect(found.count == 1)
        #expect(found.first?.facts.map(\.key) == [.spending, .spendingOutsideDecision])
        #expect(found.first?.facts.last?["asset_ids"] == .texts(["A-3", "A-2", "A-4"]))
        #expect(found.first?.facts.last?["decision_id"] == .text("D-MFU"))
    }

    /// (#5) A contract signed after its decision lapsed says so with a fact of its own (the reports word it
    /// "合同签订时（…）已失效"); a use under a lapsed decision keeps `decision_expired` ("已于…失效"). Since review 43b
    /// it is CON-01's (no decision covered the contract on that day), not CON-02's (the vote did not fail).
    @Test func aContractSignedAfterItsDecisionLapsed() throws {
        let lines = [Mini.okDecision.replacing(#""authorises""#, with: #""valid_until":"2024-11-30","authorises""#),
                     Mini.contract("K-L", start: "2025-01-01", end: "2025-12-31")]
        #expect(try Mini.findings(lines, asOf: "2025-06-01", rule: .contractDecisionFailed).isEmpty)
        let found = try Mini.findings(lines, asOf: "2025-06-01", rule: .contractWithoutDecision)
        #expect(found.flatMap(\.facts).map(\.key) == [.decisionExpiredAtSigning])
        #expect(found.first?.facts.first?["on"] == .date(CalendarDate(iso: "2024-12-01")!))
    }

    /// A decision taken after the change, which would have authorised it, ratifies it: the finding is marked so.
    @Test func aLaterDecisionRatifiesTheChange() throws {
        let found = try Mini.findings([Self.premises, Self.updated("C1", "2025-01-10", use: "棋牌室"), Self.changeOfUse("D-CU", "2025-02-01")],
                                      asOf: "2025-06-01", rule: .changeOfUseWithoutDecision)
        let finding = try #require(found.first)
        #expect(finding.resolution?.kind == .ratified)
        #expect(finding.resolution?.on == CalendarDate(iso: "2025-02-01"))
        #expect(finding.action == .changeOfUseRatified)
        #expect(finding.facts.last?.key == .useChangeRatified)
        #expect(!finding.facts.contains { $0.key == .decisionAfterAct })
        #expect(finding.facts.last?["decision_id"] == .text("D-CU"))
    }

    /// (#5) Two columns changed, one restored: the finding states only the change still standing.
    @Test func aRestoredColumnIsNoLongerStated() throws {
        let found = try Mini.findings([Self.warehouse(#""用途":"仓库""#),
                                       Self.attributes("C1", "2024-06-01", #""用途":"商铺""#, kind: "other"),
                                       Self.attributes("C2", "2024-07-01", #""用途":"仓库""#)],
                                      asOf: "2024-09-01", rule: .changeOfUseWithoutDecision)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.key == "OCC-04/A-3/2024-06-01")
        #expect(finding.facts.map { $0["field"] } == [.text("kind")])
    }

    /// (#4) A first current use unlike the planned use is stated as a change from the planned use.
    @Test func aFirstCurrentUseIsMeasuredAgainstThePlannedUse() throws {
        let found = try Mini.findings([Self.warehouse(#""规划用途":"屋面""#), Self.attributes("C1", "2024-06-01", #""现用途":"广告牌""#)],
                                      asOf: "2024-09-01", rule: .changeOfUseWithoutDecision)
        let fact = try #require(found.first?.facts.first)
        #expect(fact["field"] == .text("现用途"))
        #expect(fact["from"] == .text("屋面"))
        #expect(fact["to"] == .text("广告牌"))
    }
}
