import LedgerEvents
@testable import LedgerReports
@testable import LedgerRules
import Testing

/// The wording the review of session 33 found wrong (#5), in both languages and both paths (`WordingTests.sentence`
/// checks that the byte path says the same): no colon before a note the inspector did not write, the day a decision
/// lapsed rather than the day it was found lapsed, a contract signed after its decision lapsed said so, and a kind
/// in words.
@Suite struct ReviewThirtyThreeWordingTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func anInspectionWithoutANoteEndsWithoutAColon() {
        func fact(_ key: FactKey, _ note: String) -> FindingFact {
            FindingFact(key, ["inspector": .person(.plain("巡查员甲")), "inspected_on": .date(Self.date("2024-12-01")), "note": .text(note)])
        }
        #expect(WordingTests.sentence(fact(.inspectionOccupied, ""), .zh) == "2024年12月1日巡查（巡查人：巡查员甲）发现被占用")
        #expect(WordingTests.sentence(fact(.inspectionOccupied, ""), .en) == "inspection on 2024-12-01 by 巡查员甲 found it occupied")
        #expect(WordingTests.sentence(fact(.inspectionOccupied, "堆放杂物"), .zh) == "2024年12月1日巡查（巡查人：巡查员甲）发现被占用：堆放杂物")
        #expect(WordingTests.sentence(fact(.inspectionOccupied, "堆放杂物"), .en).hasSuffix("found it occupied: 堆放杂物"))
        #expect(WordingTests.sentence(fact(.inspectionInUse, ""), .zh).hasSuffix("也无有效合同"))
        #expect(WordingTests.sentence(fact(.inspectionInUse, "晾晒"), .zh).hasSuffix("也无有效合同：晾晒"))
    }

    @Test func aLapsedDecisionSaysTheDayItLapsed() {
        let lapsed = FindingFact(.decisionExpired, ["decision_id": .text("DE-OP"), "valid_until": .date(Self.date("2024-06-30")),
                                                    "on": .date(Self.date("2024-07-15"))])
        #expect(WordingTests.sentence(lapsed, .zh) == "决定DE-OP的有效期至2024年6月30日，已于2024年7月1日失效")
        #expect(WordingTests.sentence(lapsed, .en) == "decision DE-OP was valid until 2024-06-30 and lapsed on 2024-07-01")
        let signed = FindingFact(.decisionExpiredAtSigning, ["decision_id": .text("DE-OP"), "valid_until": .date(Self.date("2024-06-30")),
                                                             "on": .date(Self.date("2024-08-01"))])
        #expect(WordingTests.sentence(signed, .zh) == "决定DE-OP的有效期至2024年6月30日，合同签订时（2024年8月1日）已失效")
        #expect(WordingTests.sentence(signed, .en)
                == "decision DE-OP was valid until 2024-06-30; it had lapsed when the contract was signed (2024-08-01)")
    }

    @Test func aChangedKindIsWorded() {
        let kind = FindingFact(.useChanged, ["field": .text("kind"), "from": .text("basement"), "to": .text("other"),
                                             "changed_on": .date(Self.date("2024-04-01"))])
        #expect(WordingTests.sentence(kind, .zh) == "2024年4月1日将类型由“地下室”改为“其他”")
        let use = FindingFact(.useChanged, ["field": .text("现用途"), "from": .text("物业办公"), "to": .text("棋牌室"),
                                            "changed_on": .date(Self.date("2024-07-01"))])
        #expect(WordingTests.sentence(use, .zh) == "2024年7月1日将现用途由“物业办公”改为“棋牌室”")
    }

    /// OCC-04's ratification names the decision the owners took afterwards; the update cites none, so it is not
    /// worded as a decision "it cites" (`decision_after_act`).
    @Test func aRatifiedChangeOfUseSaysTheOwnersRatifiedIt() {
        let fact = FindingFact(.useChangeRatified, ["decision_id": .text("D1"), "decided_on": .date(Self.date("2024-05-01"))])
        #expect(WordingTests.sentence(fact, .zh) == "业主于2024年5月1日作出决定D1，对该改变事后追认")
        #expect(WordingTests.sentence(fact, .en) == "the owners ratified the change by decision D1 on 2024-05-01")
    }

    /// FUND-04: the parts a decision does not name in one sentence, listed (、 in Chinese), in both languages and
    /// both paths (`WordingTests.sentence`).
    @Test func partsOutsideADecisionAreOneSentence() {
        let several = FindingFact(.spendingOutsideDecision, ["decision_id": .text("D-MFU"), "asset_ids": .texts(["A1", "A2", "A3"])])
        #expect(WordingTests.sentence(several, .zh) == "决定D-MFU授权的共有部分未列明A1、A2、A3")
        #expect(WordingTests.sentence(several, .en) == "decision D-MFU does not name A1, A2, A3 among the parts it authorises")
        let one = FindingFact(.spendingOutsideDecision, ["decision_id": .text("D-MFU"), "asset_ids": .texts(["A2"])])
        #expect(WordingTests.sentence(one, .zh) == "决定D-MFU授权的共有部分未列明A2")
        #expect(WordingTests.sentence(one, .en) == "decision D-MFU does not name A2 among the parts it authorises")
    }
}

/// OCC-04's fact for a part registered with a current use other than its planned use (session 34), in both languages
/// and both paths: the register's own column names, an English name in words.
@Suite struct RegisteredUseWordingTests {
    static func fact(_ field: String, _ plannedField: String) -> FindingFact {
        FindingFact(.useDiffersAtRegistration, ["field": .text(field), "to": .text("广告牌"), "planned_field": .text(plannedField),
                                                "from": .text("屋面"), "registered_on": .date(CalendarDate(iso: "2024-03-01")!)])
    }

    @Test func aRegisteredDifferenceIsWordedInBothLanguages() {
        #expect(WordingTests.sentence(Self.fact("现用途", "规划用途"), .zh)
                == "2024年3月1日登记时现用途为“广告牌”，与规划用途“屋面”不符，未见业主共同决定同意改变用途")
        #expect(WordingTests.sentence(Self.fact("现用途", "用途"), .zh)
                == "2024年3月1日登记时现用途为“广告牌”，与用途“屋面”不符，未见业主共同决定同意改变用途")
        #expect(WordingTests.sentence(Self.fact("current_use", "planned_use"), .en)
                == "registered on 2024-03-01 with current use \"广告牌\", not its planned use \"屋面\"; no owners' decision on record authorises the change")
        #expect(WordingTests.sentence(Self.fact("current_use", "planned_use"), .zh)
                == "2024年3月1日登记时现用途为“广告牌”，与规划用途“屋面”不符，未见业主共同决定同意改变用途")
    }
}
