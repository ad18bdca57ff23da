import LedgerChain
import LedgerEvents
import LedgerProjections
import Testing

/// Balances, statuses and rent computed by hand from the sample ledger (testdata/sample) and small fixtures.
@Suite struct ProjectionTests {
    static let sample = Fixtures.sampleRecords
    static func project(asOf: String, atSeq: Int64? = nil) -> Projection {
        Projection(records: sample, asOf: Fixtures.date(asOf), atSeq: atSeq)
    }

    @Test func sampleBalancesAsOfMidYear2025() {
        let p = Self.project(asOf: "2025-06-30")
        // F-HY-PI: 12,000 ad (2024-04-02) + 4 × 1,800 parking + 123.45 interest + 12,000 ad (2025-04-01) = 31,323.45 in;
        // 3,500 governance spending without a vote and 10,000 transferred to the maintenance fund out.
        let hyPI = p.view(ofFund: "F-HY-PI")!
        #expect(hyPI.summary.income.fen == 3_132_345)
        #expect(hyPI.summary.spending.fen == 350_000)
        #expect(hyPI.summary.transfersOut.fen == 1_000_000)
        #expect(hyPI.balance.fen == 1_782_345)
        #expect(hyPI.summary.incomeByCategory.map(\.category) == ["advertising", "interest", "parking"])
        #expect(hyPI.summary.incomeByCategory.map(\.amount.fen) == [2_400_000, 12_345, 720_000])
        // F-HY-MF: 350,000 deposit − 62,000 − 15,000 roof repair + 10,000 transfer = 283,000.
        #expect(p.balance(ofFund: "F-HY-MF", on: p.asOf).fen == 28_300_000)
        // F-QF-PI: the corrected 2024-08-03 income counts 15,000, not the 1,500 first typed: 4 × 15,000 + 2 × 3,000.
        #expect(p.view(ofFund: "F-QF-PI")!.balance.fen == 6_600_000)
        #expect(p.view(ofFund: "F-QF-MF")!.balance.fen == 17_140_000)
        #expect(p.view(ofFund: "F-YX-PI")!.balance.fen == 4_560)
    }

    @Test func reconciliationAgainstBankStatements() {
        let p = Self.project(asOf: "2025-06-30")
        let hy = p.reconciliation(ofFund: "F-HY-PI")
        #expect(hy.count == 1)
        #expect(hy[0].computed.fen == 1_402_345 && hy[0].reconciled)
        let qf = p.reconciliation(ofFund: "F-QF-PI")
        #expect(qf.count == 1)
        #expect(qf[0].computed.fen == 6_600_000)
        #expect(qf[0].difference.fen == -20_000)
        #expect(qf[0].assertion.evidence.eventID == "ev-0065")
    }

    @Test func balanceOnADateIncludesThatDate() {
        let p = Self.project(asOf: "2025-06-30")
        // The 2024-05-05 parking rent is in the balance at the end of 2024-05-05, not of 2024-05-04.
        #expect(p.balance(ofFund: "F-HY-PI", on: Fixtures.date("2024-05-04")).fen == 1_200_000)
        #expect(p.balance(ofFund: "F-HY-PI", on: Fixtures.date("2024-05-05")).fen == 1_380_000)
        // As of a date, later facts are not there at all.
        #expect(Self.project(asOf: "2024-05-04").view(ofFund: "F-HY-PI")!.balance.fen == 1_200_000)
    }

    @Test func correctionAppliesFromItsSeqOn() {
        // Record 41 is the mistyped income (1,500.00); record 45 corrects it to 15,000.00 dated 2024-08-03.
        let before = Self.project(asOf: "2025-06-30", atSeq: 44)
        let after = Self.project(asOf: "2025-06-30", atSeq: 45)
        #expect(before.balance(ofFund: "F-QF-PI", on: Fixtures.date("2024-08-31")).fen == 1_500_000 + 300_000 + 150_000)
        #expect(after.balance(ofFund: "F-QF-PI", on: Fixtures.date("2024-08-31")).fen == 1_500_000 + 300_000 + 1_500_000)
        #expect(after.corrections.map(\.corrected.seq) == [41])
        let movement = after.movements(ofFund: "F-QF-PI").first { $0.voucher == "QF-SJ-0803" }!
        #expect(movement.evidence == Evidence(seq: 45, eventID: "ev-0045"))
        #expect(movement.date == Fixtures.date("2024-08-03"))
        // Projected as of 2024-08-31 with the whole log, the correction (dated 2024-09-05) already applies.
        #expect(Self.project(asOf: "2024-08-31").view(ofFund: "F-QF-PI")!.balance.fen == 3_300_000)
    }

    @Test func sampleAssetStatuses() {
        let p = Self.project(asOf: "2025-06-30")
        var statuses: [String: AssetStatus] = [:]
        for view in p.assetViews() { statuses[view.asset.id] = view.status }
        #expect(statuses == [
            "A-HY-AD1": .inUseUnderContract, "A-HY-CLUB": .idle, "A-HY-GRN": .idle, "A-HY-P01": .idle, "A-HY-P02": .idle,
            "A-HY-ROOF": .idle, "A-QF-AD1": .idle, "A-QF-BSMT": .inUseUnderContract, "A-QF-COR": .occupied,
            "A-QF-P01": .idle, "A-YX-GRN": .retired, "A-YX-ROOM": .inUseUnderDecision,
        ])
        let club = p.view(ofAsset: "A-HY-CLUB")!
        #expect(club.asset.area.description == "118.60")            // asset.updated after survey
        #expect(club.lastUsedOn == Fixtures.date("2024-12-31"))
        #expect(club.lastInspection?.observed == .idle)
        // Used 2024-06-01…2024-12-31; the window is 2024-07-01…2025-06-30: 184 days.
        #expect(club.utilisation.daysInUse == 184 && club.utilisation.days == 365)
        // Parking spaces: contract 2024-05-01…2025-04-30 → 2024-07-01…2025-04-30 in the window = 304 days.
        #expect(p.view(ofAsset: "A-HY-P02")!.utilisation.daysInUse == 304)
        // The ad contract terminated on 2025-01-15: 2024-07-01…2025-01-15 = 199 days.
        #expect(p.view(ofAsset: "A-QF-AD1")!.utilisation.daysInUse == 199)
        #expect(p.view(ofAsset: "A-HY-AD1")!.currentContractIDs == ["K-HY-AD1"])
    }

    @Test func statusesOnEarlierDates() {
        // 2024-07-15: the dance group uses the club room without authority; the green area is not yet occupied.
        let july = Self.project(asOf: "2024-07-15")
        #expect(july.view(ofAsset: "A-HY-CLUB")!.status == .inUseWithoutAuthority)
        #expect(july.view(ofAsset: "A-HY-P01")!.status == .inUseUnderContract)
        #expect(july.view(ofAsset: "A-HY-GRN")!.status == .idle)
        // 2024-09-01: the occupation is reported that day; cleared 2024-10-15.
        #expect(Self.project(asOf: "2024-09-01").view(ofAsset: "A-HY-GRN")!.status == .occupied)
        #expect(Self.project(asOf: "2024-10-14").view(ofAsset: "A-HY-GRN")!.status == .occupied)
        #expect(Self.project(asOf: "2024-10-15").view(ofAsset: "A-HY-GRN")!.status == .idle)
        // The retirement of 2025-06-20.
        #expect(Self.project(asOf: "2025-06-19").view(ofAsset: "A-YX-GRN")!.status == .idle)
        #expect(Self.project(asOf: "2025-06-20").view(ofAsset: "A-YX-GRN")!.status == .retired)
    }

    @Test func contractStatusAroundItsDates() {
        // K-HY-P01: signed 2024-04-20, term 2024-05-01…2025-04-30.
        #expect(Self.project(asOf: "2024-04-19").contracts["K-HY-P01"] == nil)
        let status = { (date: String) in Self.project(asOf: date).view(ofContract: "K-HY-P01")!.status }
        #expect(status("2024-04-20") == .notStarted)
        #expect(status("2024-04-30") == .notStarted)
        #expect(status("2024-05-01") == .active)
        #expect(status("2025-04-30") == .active)
        #expect(status("2025-05-01") == .expired)
        // K-QF-AD1: terminated 2025-01-15.
        let ad = { (date: String) in Self.project(asOf: date).view(ofContract: "K-QF-AD1")!.status }
        #expect(ad("2025-01-14") == .active)
        #expect(ad("2025-01-15") == .terminated)
    }

    @Test func rentExpectedAndReceived() {
        let p = Self.project(asOf: "2025-06-30")
        // Basement: ¥15,000 a quarter from 2024-05-01: due 05-01, 08-01, 11-01, 02-01, 05-01 = 75,000; 4 paid.
        let basement = p.view(ofContract: "K-QF-BSMT")!
        #expect(basement.rentExpected.fen == 7_500_000)
        #expect(basement.rentReceived.fen == 6_000_000)
        #expect(basement.arrears.fen == 1_500_000)
        #expect(basement.schedule.count == 12)
        // Ad board, terminated 2025-01-15: due 2024-07-01, 10-01, 2025-01-01 = 9,000; 6,000 paid.
        let ad = p.view(ofContract: "K-QF-AD1")!
        #expect(ad.schedule.map(\.dueOn.description) == ["2024-07-01", "2024-10-01", "2025-01-01"])
        #expect(ad.arrears.fen == 300_000)
        // Parking, monthly: 12 instalments, all paid.
        let parking = p.view(ofContract: "K-HY-P01")!
        #expect(parking.rentExpected.fen == 720_000 && parking.arrears.fen == 0)
        // On 2024-07-31 only the 05-01 instalment is due; the 08-01 one falls due on its day.
        let july = Self.project(asOf: "2024-07-31").view(ofContract: "K-QF-BSMT")!
        #expect(july.rentExpected.fen == 1_500_000 && july.rentReceived.fen == 1_500_000)
        let august = Self.project(asOf: "2024-08-01").view(ofContract: "K-QF-BSMT")!
        #expect(august.rentExpected.fen == 3_000_000 && august.arrears.fen == 1_500_000)
    }

    @Test func monthlyScheduleClampsAtMonthEnds() {
        let records = Fixtures.records(Fixtures.base + "\n" + #"{"id":"k","type":"contract.signed","occurred_on":"2024-01-20","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"c","purpose":"p","start_on":"2024-01-31","end_on":"2024-05-30","rent_fen":100,"rent_period":"month"}}"#)
        let p = Projection(records: records, asOf: Fixtures.date("2024-12-31"))
        #expect(p.view(ofContract: "K-1")!.schedule.map(\.dueOn.description) == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"])
    }

    @Test func sampleDecisions() {
        let p = Self.project(asOf: "2025-06-30")
        let results = p.decisionViews().map { ($0.decision.id, $0.validity!.passed) }
        #expect(results.map(\.0) == ["D-HY-2024-01", "D-HY-2024-02", "D-QF-2024-01", "D-YX-2024-01"])
        #expect(results.map(\.1) == [true, true, false, true])
        // A failed vote is never in force (the JSON's `in_force`), though its `valid_until` has not passed.
        #expect(p.decisionViews().map(\.inForce) == p.decisionViews().map { $0.validity!.passed && ($0.decision.terms.validUntil.map { p.asOf <= $0 } ?? true) })
        #expect(!p.view(ofDecision: "D-QF-2024-01")!.inForce)
        // D-QF-2024-01 is short by area: 16,000.00 < 3/4 × 21,500.00 = 16,125.00; headcount 160 ≥ 150 passes.
        let qf = p.view(ofDecision: "D-QF-2024-01")!.validity!
        #expect(qf.quorumMet && !qf.passArea && qf.passOwners)
        // D-HY-2024-02 capped at 80,000; 62,000 + 15,000 spent.
        let roof = p.view(ofDecision: "D-HY-2024-02")!
        #expect(roof.spent.fen == 7_700_000 && roof.remaining?.fen == 300_000)
        #expect(!roof.inForce)   // valid until 2024-12-31
        #expect(Self.project(asOf: "2024-06-18").view(ofDecision: "D-HY-2024-02")!.spent.fen == 6_200_000)
    }

    @Test func decisionsAroundTheirVoteDates() {
        // D-YX-2024-01 was voted on 2024-06-20; the use it authorises starts 2024-07-01.
        #expect(Self.project(asOf: "2024-06-19").decisions["D-YX-2024-01"] == nil)
        let voteDay = Self.project(asOf: "2024-06-20")
        #expect(voteDay.view(ofDecision: "D-YX-2024-01")!.validity!.passed)
        #expect(voteDay.view(ofAsset: "A-YX-ROOM")!.status == .idle)
        #expect(Self.project(asOf: "2024-07-01").view(ofAsset: "A-YX-ROOM")!.status == .inUseUnderDecision)
        // D-HY-2024-02 is valid until 2024-12-31: in force on that day, not the day after.
        #expect(Self.project(asOf: "2024-12-31").view(ofDecision: "D-HY-2024-02")!.inForce)
        #expect(!Self.project(asOf: "2025-01-01").view(ofDecision: "D-HY-2024-02")!.inForce)
    }

    @Test func aUseUnderAnExpiredDecisionHasNoAuthority() {
        let records = Fixtures.records(Fixtures.base + "\n" + #"{"id":"u","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-1","asset_id":"A-1","user":"u","purpose":"p","authority":{"decision_id":"D-1"}}}"#)
        // D-1 passed exactly at the boundaries and is valid until 2024-12-31.
        #expect(Projection(records: records, asOf: Fixtures.date("2024-12-31")).view(ofAsset: "A-1")!.status == .inUseUnderDecision)
        #expect(Projection(records: records, asOf: Fixtures.date("2025-01-01")).view(ofAsset: "A-1")!.status == .inUseWithoutAuthority)
    }

    @Test func fundSummariesByPeriod() {
        let p = Self.project(asOf: "2025-06-30")
        let quarters = p.summaries(ofFund: "F-QF-PI", by: .quarter)
        #expect(quarters.map { ReportPeriod.quarter.label($0.period!) } == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"])
        #expect(quarters.map(\.closing.fen) == [0, 1_500_000, 3_300_000, 5_100_000, 6_600_000, 6_600_000])
        for (previous, next) in zip(quarters, quarters.dropFirst()) { #expect(previous.closing == next.opening) }
        let months = p.summaries(ofFund: "F-HY-PI", by: .month)
        #expect(months.first?.period?.first == Fixtures.date("2024-01-01") && months.count == 18)
    }

    @Test func atSeqSeesTheLogAsItWas() {
        let p = Self.project(asOf: "2025-06-30", atSeq: 21)
        #expect(p.atSeq == 21 && p.assets.count == 12 && p.movements.isEmpty && p.contracts.isEmpty)
    }

    @Test func projectionNeverTrapsOnAnUnvalidatedLog() {
        // Dangling references, duplicates and unknown types become anomalies (a use of an asset not registered too:
        // it was left unlinked without a word).
        let records = Fixtures.records("""
        {"id":"u","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-1","asset_id":"A-9","user":"u","purpose":"p"}}
        {"id":"i","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}
        {"id":"n","type":"test.note","occurred_on":"2024-03-01","data":{"n":1}}
        {"id":"x","type":"correction","occurred_on":"2024-03-02","data":{"corrects":"nope","reason":"r"}}
        """)
        let p = Projection(records: records, asOf: Fixtures.date("2025-01-01"))
        #expect(p.anomalies.map(\.evidence.seq) == [3, 4, 1, 2])
        #expect(p.uses["U-1"] != nil && p.movements.isEmpty)
    }
}

/// Art. 278 with exact boundaries: ≥ 2/3 quorum of area and owners; ≥ 3/4 for items 6–8; > 1/2 otherwise.
@Suite struct DecisionValidityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let matter: DecisionMatter
        let participatingArea: Int64, participatingOwners: Int64, approvingArea: Int64, approvingOwners: Int64
        let quorum: Bool, pass: Bool
        var testDescription: String { name }
    }

    // Community: 9,000.00 m² (900,000 units) and 90 owners; 2/3 = 600,000 units and 60 owners.
    static let cases: [Case] = [
        Case(name: "exactly 2/3 and exactly 3/4 pass", matter: .change_use_or_operate,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 450_000, approvingOwners: 45, quorum: true, pass: true),
        Case(name: "one hundredth of a m² short of 2/3", matter: .change_use_or_operate,
             participatingArea: 599_999, participatingOwners: 60, approvingArea: 450_000, approvingOwners: 45, quorum: false, pass: true),
        Case(name: "one owner short of 2/3", matter: .covenant,
             participatingArea: 900_000, participatingOwners: 59, approvingArea: 900_000, approvingOwners: 59, quorum: false, pass: true),
        Case(name: "one unit short of 3/4 area", matter: .maintenance_fund_raising,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 449_999, approvingOwners: 60, quorum: true, pass: false),
        Case(name: "one owner short of 3/4 headcount", matter: .rebuilding,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 600_000, approvingOwners: 44, quorum: true, pass: false),
        Case(name: "exactly half is not a majority", matter: .maintenance_fund_use,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 300_000, approvingOwners: 45, quorum: true, pass: false),
        Case(name: "half plus one unit is a majority", matter: .maintenance_fund_use,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 300_001, approvingOwners: 31, quorum: true, pass: true),
        Case(name: "half the owners is not a majority", matter: .manager,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 600_000, approvingOwners: 30, quorum: true, pass: false),
        Case(name: "3/4 area suffices for a majority item", matter: .other_major,
             participatingArea: 600_001, participatingOwners: 61, approvingArea: 450_000, approvingOwners: 31, quorum: true, pass: true),
        Case(name: "a majority is not enough for item 8", matter: .change_use_or_operate,
             participatingArea: 600_000, participatingOwners: 60, approvingArea: 449_000, approvingOwners: 46, quorum: true, pass: false),
        Case(name: "nobody voted", matter: .committee,
             participatingArea: 0, participatingOwners: 0, approvingArea: 0, approvingOwners: 0, quorum: false, pass: false),
    ]

    @Test(arguments: cases)
    func evaluates(_ c: Case) {
        let vote = DecisionRecorded(
            decisionID: "D", communityID: "C", matter: c.matter,
            participatingArea: DecimalQuantity(units: c.participatingArea), participatingOwners: c.participatingOwners,
            approvingArea: DecimalQuantity(units: c.approvingArea), approvingOwners: c.approvingOwners,
            authorises: Authorisation(assetIDs: [], contractID: nil, purpose: nil, amountCap: nil), validUntil: nil)
        let validity = DecisionValidity(vote: vote, totalArea: DecimalQuantity(units: 900_000), totalOwners: 90)
        #expect(validity.quorumMet == c.quorum)
        #expect(validity.thresholdMet == c.pass)
        #expect(validity.passed == (c.quorum && c.pass))
    }
}

/// Defects found in review, each pinned by a test.
@Suite struct ProjectionDefectTests {
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
