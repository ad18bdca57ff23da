import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// How the reports word what reviews found worded wrong: the contracts list's rent (E16: counted into any fund, and
/// negative arrears), CON-04's term ("共61个月" for 5 years and 1 day), FUND-07's difference ("相差-200.00元") and
/// English counts ("1 periods").
@Suite struct WordingTests {
    // MARK: rent in the contracts list, as CON-07 counts it

    /// Community C-T (funds F-PI, F-MF) and another, C-O, with its own public-income fund F-O; K-1 rents A-1 at
    /// ¥1,200.00 a month for 2025.
    static let base = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-O","name":"邻近小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b3","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b4","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-O","community_id":"C-O","kind":"public_income","account":"PO"}}"#,
        #"{"id":"b5","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
        #"{"id":"b6","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"month","payee_fund_id":"F-PI"}}"#,
    ]

    static func income(_ id: String, _ date: String, fund: String, fen: Int) -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"\#(date)","data":{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某公司","voucher":"\#(id)","category":"parking","source":{"contract_id":"K-1"}}}"#
    }

    static func projection(_ lines: [String], asOf: String) throws -> (Projection, [Finding]) {
        let records = try SampleRecords.records(lines: base + lines)
        let date = CalendarDate(iso: asOf)!
        let findings = Rectifier.check(records: records, scope: RectificationScope(asOf: date), policy: Policy()).findings
        return (Projection(records: records, asOf: date), findings)
    }

    /// Rent booked to another community's fund has not reached these owners: the list counts what CON-07 counts,
    /// so the two say the same arrears (it used to count ¥3,600.00 received and no arrears beside CON-07's ¥2,400.00).
    @Test func rentIntoAnotherCommunitysFundIsNotReceived() throws {
        let (p, findings) = try Self.projection([Self.income("i1", "2025-01-05", fund: "F-PI", fen: 120_000),
                                                 Self.income("i2", "2025-02-05", fund: "F-O", fen: 240_000)], asOf: "2025-03-31")
        let view = try #require(p.view(ofContract: "K-1"))
        #expect(view.rentExpected.fen == 360_000 && view.rentReceived.fen == 120_000)
        #expect(view.arrears.fen == 240_000 && view.paidAhead.fen == 0)
        #expect(view.counted == [true, false])
        let con07 = try #require(findings.first { $0.rule == .rentArrears })
        #expect(con07.facts[0]["received"] == .amount(view.rentReceived))
        // March's instalment, due 03-01, is still within its 30 days' grace on 03-31 (in arrears from 04-01): the
        // list counts it unpaid, CON-07 not yet.
        #expect(con07.facts[0]["arrears"] == .amount(Amount(fen: view.arrears.fen - 120_000)))
        let json = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .json), as: UTF8.self)
        #expect(json.contains(#""counted":false"#) && json.contains(#""counted":true"#))
    }

    /// A vote that passed under its recorded matter (another major matter, 57 %) but short of the 3/4 operating needs
    /// (item 8): the contracts list does not say 通过 for the contract it cites, nor the asset register 按决定使用 for a
    /// business use under it, since CON-02 and OCC-02 report the authority missing (review 33, finding 4).
    @Test func aPassedVoteThatDoesNotAuthoriseIsWordedSo() throws {
        let decision = #"{"id":"d1","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-57","community_id":"C-T","matter":"other_major","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"1370.00","approving_owners":137,"authorises":{}}}"#
        let contract = #"{"id":"k2","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-2","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某广告公司","purpose":"广告","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":0,"rent_period":"once","payee_fund_id":"F-PI","decision_id":"D-57"}}"#
        let use = #"{"id":"u1","type":"use.started","occurred_on":"2025-01-10","data":{"use_id":"U-1","asset_id":"A-1","user":"某某超市","purpose":"出租经营","authority":{"decision_id":"D-57"}}}"#
        let (p, findings) = try Self.projection([decision, contract, use], asOf: "2025-03-31")
        #expect(findings.contains { $0.rule == .contractDecisionFailed && $0.itemID == "K-2" })
        #expect(findings.contains { $0.rule == .useWithoutAuthority && $0.subjectIDs == ["U-1"] })
        let zh = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .table, language: .zh), as: UTF8.self)
        let row = try #require(zh.split(separator: "\n").first { $0.contains("K-2") })
        #expect(row.contains("表决通过，但不足以授权经营（第八项须四分之三以上）") && !row.contains("  通过 "))
        for format in [ReportFormat.table, .csv, .json] {
            let en = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: format), as: UTF8.self)
            #expect(en.contains("passed_below_three_quarters"), "\(format)")
        }
        let assets = String(decoding: ProjectionReports.assets(p, filter: EntityFilter(), format: .table, language: .zh), as: UTF8.self)
        #expect(assets.contains("无依据使用") && !assets.contains("按决定使用"))
        // Every value of the column has its own Chinese words.
        for vote in ContractVote.allCases { #expect(ReportWords.word(vote.rawValue, .zh) != vote.rawValue, "\(vote)") }
    }

    /// Rent paid ahead is shown as paid ahead (预收), never as negative arrears; once the contract has ended, what
    /// was received beyond its rent is overpaid (多收).
    @Test func rentPaidAheadIsNeverNegativeArrears() throws {
        let (p, findings) = try Self.projection([Self.income("i1", "2025-01-05", fund: "F-PI", fen: 600_000)], asOf: "2025-03-31")
        let view = try #require(p.view(ofContract: "K-1"))
        #expect(view.arrears.fen == 0 && view.paidAhead.fen == 240_000)
        #expect(!findings.contains { $0.rule == .rentArrears })
        for language in ReportLanguage.allCases {
            for format in [ReportFormat.table, .csv, .json] {
                let text = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: format, language: language),
                                  as: UTF8.self)
                #expect(!text.contains("-2,400.00") && !text.contains("-2400.00"), "\(format) \(language)\n\(text)")
                #expect(text.contains("2,400.00") || text.contains("2400.00"), "\(format) \(language)\n\(text)")
            }
        }
        let table = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .table, language: .zh), as: UTF8.self)
        #expect(table.contains("预收"))
        #expect(ProjectionReports.summary(of: "K-1", in: p, language: .zh)?.hasSuffix("预收 2,400.00元") == true)
        #expect(ProjectionReports.summary(of: "K-1", in: p)?.hasSuffix("paid ahead ¥2,400.00") == true)
        // Fourteen months paid for a twelve-month contract: after its end the excess is an overpayment.
        let (ended, _) = try Self.projection([Self.income("i1", "2025-01-05", fund: "F-PI", fen: 1_680_000)], asOf: "2026-03-31")
        #expect(ProjectionReports.summary(of: "K-1", in: ended, language: .zh)?.hasSuffix("多收 2,400.00元") == true)
        #expect(ProjectionReports.summary(of: "K-1", in: ended)?.hasSuffix("overpaid ¥2,400.00") == true)
    }

    // MARK: CON-04's term, FUND-07's difference

    @Test(arguments: [
        ("2020-01-01", "2025-01-01", "5年零1天", "5 years and 1 day"),
        ("2024-01-01", "2026-12-31", "3年", "3 years"),
        ("2024-01-01", "2027-06-30", "3年6个月", "3 years and 6 months"),
        ("2024-01-01", "2025-02-11", "1年1个月零11天", "1 year, 1 month and 11 days"),
        ("2024-01-31", "2024-03-31", "2个月零1天", "2 months and 1 day"),
        ("2024-02-29", "2027-02-28", "3年", "3 years"),
        ("2024-05-01", "2024-05-01", "1天", "1 day"),
        ("2024-05-01", "2024-05-30", "30天", "30 days"),
    ])
    func termsAreWordedInYearsMonthsAndDays(_ start: String, _ end: String, _ zh: String, _ en: String) {
        let s = CalendarDate(iso: start)!, e = CalendarDate(iso: end)!
        #expect(Format.term(from: s, to: e, .zh) == zh)
        #expect(Format.term(from: s, to: e, .en) == en)
    }

    @Test func capsAreWordedInYearsAndMonths() {
        #expect(Format.months(36, .zh) == "3年" && Format.months(36, .en) == "3 years")
        #expect(Format.months(240, .zh) == "20年" && Format.months(18, .en) == "1 year and 6 months")
        #expect(Format.months(1, .zh) == "1个月" && Format.months(1, .en) == "1 month")
    }

    static func sentence(_ fact: FindingFact, _ language: ReportLanguage) -> String {
        let text = FactText.render(fact, language)
        var bytes = ReportBytes()
        FactText.append([fact], language, names: PersonalNames(), to: &bytes)
        #expect(String(decoding: bytes.bytes, as: UTF8.self) == text, "byte path")
        return text
    }

    @Test func contractTermReadsAsAnOfficialWritesIt() {
        let fact = FindingFact(.contractTerm, ["start_on": .date(CalendarDate(iso: "2020-01-01")!), "end_on": .date(CalendarDate(iso: "2025-01-01")!),
                                               "months": .integer(61), "cap_months": .integer(36)])
        #expect(Self.sentence(fact, .zh) == "合同期限2020年1月1日至2025年1月1日，共5年零1天（上限3年）")
        #expect(Self.sentence(fact, .en) == "term 2020-01-01 to 2025-01-01, 5 years and 1 day (cap 3 years)")
    }

    @Test func balanceDifferenceSaysWhichIsLarger() {
        func fact(bank: Int64, books: Int64) -> FindingFact {
            FindingFact(.balanceDiffers, ["asserted": .amount(Amount(fen: bank)), "ledger": .amount(Amount(fen: books)),
                                          "difference": .amount(Amount(fen: bank - books)), "on": .date(CalendarDate(iso: "2025-03-31")!),
                                          "statement": .text("BS-1")])
        }
        let less = fact(bank: 6_580_000, books: 6_600_000)
        #expect(Self.sentence(less, .zh) == "2025年3月31日银行对账单（BS-1）余额65,800.00元，账面余额66,000.00元，银行余额比账面余额少200.00元")
        #expect(Self.sentence(less, .en) == "bank statement BS-1 shows ¥65,800.00 on 2025-03-31, the books ¥66,000.00: the bank balance is ¥200.00 less than the books")
        let more = fact(bank: 6_600_000, books: 6_580_000)
        #expect(Self.sentence(more, .zh).hasSuffix("银行余额比账面余额多200.00元"))
        #expect(Self.sentence(more, .en).hasSuffix("the bank balance is ¥200.00 more than the books"))
    }

    // MARK: English counts

    @Test func englishCountsAgreeInNumber() {
        #expect(Wording.englishCount(1, "day") == "1 day" && Wording.englishCount(0, "day") == "0 days")
        #expect(Wording.englishCount(2, "period") == "2 periods" && Wording.englishCount(Int64(1), "entry", plural: "entries") == "1 entry")
        let one = FindingFact(.rentArrears, ["due": .amount(Amount(fen: 120_000)), "received": .amount(.zero),
                                             "arrears": .amount(Amount(fen: 120_000)), "periods": .integer(1), "months": .integer(1),
                                             "oldest_due_on": .date(CalendarDate(iso: "2025-01-01")!)])
        #expect(Self.sentence(one, .en).contains(", 1 period (1 month), "))
        let late = FindingFact(.disclosedLate, ["due_on": .date(CalendarDate(iso: "2025-01-01")!), "months": .integer(3),
                                                "published_on": .date(CalendarDate(iso: "2025-01-02")!), "days": .integer(1)])
        #expect(Self.sentence(late, .en) == "disclosure due by 2025-01-01 (every 3 months) was published only on 2025-01-02, 1 day late")
        // No English sentence of any fact says "1 <plural>" for a count of one.
        for key in FactKey.allCases {
            let names = FactText.valueNames(FactText.template(key, .en))
            let fact = FindingFact(key: key, values: names.map { FindingFact.Pair(name: $0, value: .integer(1)) })
            let text = FactText.render(fact, .en)
            for noun in ["days", "months", "periods", "parts", "years"] {
                #expect(!text.contains("1 \(noun)"), "\(key.rawValue): \(text)")
            }
        }
    }
}
