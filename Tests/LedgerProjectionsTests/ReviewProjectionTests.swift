import LedgerChain
import LedgerEvents
import LedgerProjections
import Testing

/// Defects found in review, each pinned by a test.
@Suite struct ReviewProjectionTests {
    /// An open-ended contract (end_on 9999-12-31) with monthly rent: the schedule must end, and the rent due by
    /// the as-of date is counted exactly.
    @Test func openEndedContractScheduleTerminates() {
        let records = Fixtures.records(Fixtures.base + """

        {"id":"k1","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"甲","purpose":"停车","start_on":"2024-03-15","end_on":"9999-12-31","rent_fen":10000,"rent_period":"year","payee_fund_id":"F-1"}}
        """)
        let p = Projection(records: records, asOf: Fixtures.date("2025-03-15"))
        let view = p.view(ofContract: "K-1")!
        #expect(view.schedule.count == 9999 - 2024 + 1)
        #expect(view.schedule.last?.dueOn == Fixtures.date("9999-03-15"))
        #expect(view.rentExpected.fen == 20000)
        #expect(view.status == .active)
    }

    /// Yearly fund summaries as of the last representable day: the loop must stop after year 9999 instead of
    /// building a period for year 10000 (which trapped on a force unwrap).
    @Test func yearlySummariesAsOfLastRepresentableDay() {
        let records = Fixtures.records(Fixtures.base + """

        {"id":"i1","type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-1","amount_fen":1800,"counterparty":"甲","voucher":"V1","category":"parking"}}
        """)
        let p = Projection(records: records, asOf: Fixtures.date("9999-12-31"))
        let years = p.summaries(ofFund: "F-1", by: .year)
        #expect(years.count == 9999 - 2024 + 1)
        #expect(years.last?.period == DayRange(first: Fixtures.date("9999-01-01"), last: Fixtures.date("9999-12-31")))
        #expect(years.last?.closing.fen == 1800)
        let months = p.summaries(ofFund: "F-1", by: .month)
        #expect(months.last?.period == DayRange(first: Fixtures.date("9999-12-01"), last: Fixtures.date("9999-12-31")))
    }

    /// A contract terminated before its term began owes nothing: a one-off rent due on start_on falls after the
    /// contract's last day, exactly as a monthly rent's first instalment does.
    @Test func onceRentOfContractTerminatedBeforeStartIsNotDue() {
        let records = Fixtures.records(Fixtures.base + """

        {"id":"k1","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"甲","purpose":"广告","start_on":"2024-05-01","end_on":"2024-12-31","rent_fen":500000,"rent_period":"once","payee_fund_id":"F-1"}}
        {"id":"k2","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-2","community_id":"C-1","asset_ids":["A-2"],"counterparty":"乙","purpose":"活动","start_on":"2024-05-01","end_on":"2024-12-31","rent_fen":10000,"rent_period":"month","payee_fund_id":"F-1"}}
        {"id":"t1","type":"contract.terminated","occurred_on":"2024-04-01","data":{"contract_id":"K-1","reason":"未履行"}}
        {"id":"t2","type":"contract.terminated","occurred_on":"2024-04-01","data":{"contract_id":"K-2","reason":"未履行"}}
        """)
        let p = Projection(records: records, asOf: Fixtures.date("2024-12-31"))
        #expect(p.view(ofContract: "K-2")!.schedule.isEmpty)
        let once = p.view(ofContract: "K-1")!
        #expect(once.schedule.isEmpty)
        #expect(once.rentExpected.fen == 0)
        #expect(once.arrears.fen == 0)
    }

    /// An owners' decision binds only its own community (Civil Code Art. 278): a decision of C-1 that lists no
    /// assets does not authorise the use of C-2's roof.
    @Test func decisionOfAnotherCommunityGivesNoAuthority() {
        let records = Fixtures.records(Fixtures.base + """

        {"id":"d2","type":"decision.recorded","occurred_on":"2024-02-01","data":{"decision_id":"D-2","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"6000.00","participating_owners":60,"approving_area_m2":"6000.00","approving_owners":60,"authorises":{"purpose":"广告"}}}
        {"id":"u1","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-1","asset_id":"A-3","user":"广告公司","purpose":"广告","authority":{"decision_id":"D-2"}}}
        {"id":"u2","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-2","asset_id":"A-2","user":"广告公司","purpose":"广告","authority":{"decision_id":"D-2"}}}
        """)
        #expect(DomainValidator.validate(existing: [], batch: Fixtures.events(Fixtures.base + """

        {"id":"d2","type":"decision.recorded","occurred_on":"2024-02-01","data":{"decision_id":"D-2","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"6000.00","participating_owners":60,"approving_area_m2":"6000.00","approving_owners":60,"authorises":{"purpose":"广告"}}}
        {"id":"u1","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-1","asset_id":"A-3","user":"广告公司","purpose":"广告","authority":{"decision_id":"D-2"}}}
        """)).isEmpty, "truthful but non-compliant: accepted, left to the rules")
        let p = Projection(records: records, asOf: Fixtures.date("2024-06-30"))
        #expect(p.standing(of: p.uses["U-2"]!, on: p.asOf) == .underDecision("D-2"))
        #expect(p.standing(of: p.uses["U-1"]!, on: p.asOf) == .withoutAuthority)
        #expect(p.view(ofAsset: "A-3")!.status == .inUseWithoutAuthority)
    }

    /// Corrections of one event: each later one supersedes the earlier, a replacement moves the fact to its own
    /// date (across an as-of date), a projection as of an earlier seq shows the event as it then stood, and a
    /// correction of a correction is refused.
    @Test func successiveCorrectionsOfOneEvent() {
        let base = Fixtures.events(Fixtures.base)
        let more = Fixtures.events("""
        {"id":"i1","type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-1","amount_fen":1000,"counterparty":"甲","voucher":"V1","category":"parking"}}
        {"id":"x1","type":"correction","occurred_on":"2024-07-01","data":{"corrects":"i1","reason":"日期","replacement":{"type":"fund.income","occurred_on":"2024-06-10","data":{"fund_id":"F-1","amount_fen":2000,"counterparty":"甲","voucher":"V1","category":"parking"}}}}
        {"id":"x2","type":"correction","occurred_on":"2024-07-02","data":{"corrects":"i1","reason":"金额","replacement":{"type":"fund.income","occurred_on":"2024-04-01","data":{"fund_id":"F-1","amount_fen":3000,"counterparty":"甲","voucher":"V1","category":"parking"}}}}
        {"id":"x3","type":"correction","occurred_on":"2024-07-03","data":{"corrects":"i1","reason":"重复"}}
        """)
        let records = Fixtures.records(base + more)
        let n = Int64(base.count)
        func balance(atSeq: Int64, asOf: String) -> Int64 {
            Projection(records: records, asOf: Fixtures.date(asOf), atSeq: atSeq).view(ofFund: "F-1")!.balance.fen
        }
        #expect(balance(atSeq: n + 1, asOf: "2024-05-31") == 1000)
        #expect(balance(atSeq: n + 2, asOf: "2024-05-31") == 0)
        #expect(balance(atSeq: n + 2, asOf: "2024-06-10") == 2000)
        #expect(balance(atSeq: n + 2, asOf: "2024-06-09") == 0)
        #expect(balance(atSeq: n + 3, asOf: "2024-04-01") == 3000)
        #expect(balance(atSeq: n + 3, asOf: "2024-03-31") == 0)
        #expect(balance(atSeq: n + 4, asOf: "2024-12-31") == 0)
        let p = Projection(records: records, asOf: Fixtures.date("2024-12-31"), atSeq: n + 3)
        #expect(p.movements(ofFund: "F-1").map(\.evidence) == [Evidence(seq: n + 3, eventID: "x2")])
        #expect(DomainValidator.validate(existing: Array(records.prefix(Int(n) + 2)), batch: [more[2]]).isEmpty)
        let ofCorrection = Fixtures.events("""
        {"id":"x9","type":"correction","occurred_on":"2024-07-04","data":{"corrects":"x1","reason":"错"}}
        """)
        let issues = DomainValidator.validate(existing: records, batch: ofCorrection)
        #expect(issues.map(\.field) == ["data.corrects"])
    }
}
