import LedgerEvents
import LedgerTestSupport
import Testing

/// Issue 15: a payload reports every problem of its schema at once (every missing, unknown or wrong field), each
/// naming the field, the value and what is allowed, in both languages; `decode` still throws the first of them.
@Suite struct PayloadProblemsTests {
    static let date = CalendarDate(iso: "2025-06-30")!

    static func problems(_ type: String, _ data: String, on date: CalendarDate? = Self.date) -> [EventError.PayloadProblem] {
        guard case .object(let members)? = try? JSONParser.parse(data) else { return [] }
        return DomainEvent.problems(type: type, occurredOn: date, data: members)
    }

    @Test func everyFieldOfAnIncomeInOneRun() {
        let found = Self.problems("fund.income", #"{"fund_id":"F-1","amount_fen":"300","counterparty":"公司","category":5,"colour":1,"size":2}"#)
        #expect(found.map(\.field) == ["data.colour", "data.size", "data.amount_fen", "data.voucher", "data.category"], "\(found)")
        #expect(found.map(\.description) == [
            #"fund.income: field "data.colour": unknown field; fund.income allows only amount_fen, category, counterparty, fund_id, source, voucher"#,
            #"fund.income: field "data.size": unknown field; fund.income allows only amount_fen, category, counterparty, fund_id, source, voucher"#,
            #"fund.income: field "data.amount_fen": "300" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50"#,
            #"fund.income: field "data.voucher": missing; give a non-empty string"#,
            #"fund.income: field "data.category": must be a string, found an integer"#,
        ])
        #expect(found[2].message.zh == #"fund.income：字段“data.amount_fen”（金额（分））："300" 是字符串；请以分为单位写成 JSON 整数，例如 ¥1,234.50 写作 123450"#)
        #expect(found.allSatisfy { $0.message.zh != $0.message.en })
    }

    @Test func rulesBetweenFieldsComeAfterTheFieldsAndOnlyOnGoodValues() {
        // Three problems: a repeated asset, a period not allowed, an end before the start.
        let contract = Self.problems("contract.signed", #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1","A-1"],"counterparty":"公司","purpose":"停车","start_on":"2025-01-01","end_on":"2024-12-31","rent_fen":1,"rent_period":"weekly"}"#)
        #expect(contract.map(\.field) == ["data.asset_ids[1]", "data.rent_period", "data.end_on"], "\(contract)")
        // A start that is not a date is its own problem; no "ends before it starts" is made up from it.
        let badStart = Self.problems("contract.signed", #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"公司","purpose":"停车","start_on":"2025-13-01","end_on":"2024-12-31","rent_fen":1,"rent_period":"month"}"#)
        #expect(badStart.map(\.field) == ["data.start_on"], "\(badStart)")
        // Approving area above participating, owners too, and the mandate ending before the vote.
        let decision = Self.problems("decision.recorded", #"{"decision_id":"D-1","community_id":"C-1","matter":"other_major","participating_area_m2":"10.00","participating_owners":2,"approving_area_m2":"20.00","approving_owners":3,"authorises":{},"valid_until":"2025-01-01"}"#)
        #expect(decision.map(\.field) == ["data.approving_area_m2", "data.approving_owners", "data.valid_until"], "\(decision)")
    }

    @Test func aMissingObjectIsOneProblemNotOneForEachOfItsMembers() {
        let found = Self.problems("asset.registered", #"{"asset_id":"A-1","community_id":"C-1","kind":"hall","name":"","location":"B1","area_m2":"12","registered_on":"2025-01-01"}"#)
        #expect(found.map(\.field) == ["data.kind", "data.name", "data.source"], "\(found)")
        let nested = Self.problems("asset.registered", #"{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位","location":"B1","area_m2":"12","registered_on":"2025-01-01","source":{"kind":"import","row":0,"extra":1}}"#)
        #expect(nested.map(\.field) == ["data.source.extra", "data.source.import_id", "data.source.row"], "\(nested)")
    }

    @Test func everyElementOfAListIsChecked() {
        let found = Self.problems("disclosure.published", #"{"community_id":"C-1","fund_ids":["F-1",7,"F-1","a b"],"period_from":"2025-01-01","period_to":"2025-03-31","location":"公示栏"}"#)
        #expect(found.map(\.field) == ["data.fund_ids[1]", "data.fund_ids[2]", "data.fund_ids[3]"], "\(found)")
    }

    /// Without a readable date (the line's `occurred_on` is bad), the rules that compare a payload date with it
    /// are left out; every other field is still checked.
    @Test func withoutTheEventsDateTheRestIsStillChecked() {
        let found = Self.problems("disclosure.published", #"{"community_id":"C-1","fund_ids":["F-1"],"period_from":"2025-04-01","period_to":"2025-03-31","location":""}"#, on: nil)
        #expect(found.map(\.field) == ["data.location", "data.period_to"], "\(found)")
        let dated = Self.problems("disclosure.published", #"{"community_id":"C-1","fund_ids":["F-1"],"period_from":"2025-04-01","period_to":"2025-05-31","location":"l"}"#, on: CalendarDate(iso: "2025-03-01")!)
        #expect(dated.map(\.field) == ["data.period_from"], "\(dated)")
    }

    @Test func aReplacementsProblemsAreListedToo() {
        let found = Self.problems("correction", #"{"corrects":"ev-1","reason":"","replacement":{"type":"fund.income","occurred_on":"2025-01-01","data":{"fund_id":"F-1","amount_fen":0,"counterparty":"a","category":"c"}}}"#)
        #expect(found.map(\.field) == ["data.reason", "data.replacement.data.amount_fen", "data.replacement.data.voucher"], "\(found)")
    }

    /// The first problem is the one `decode` throws, and a payload without problems decodes: one schema, two
    /// ways of reading it (the mutated payloads of the differential test).
    @Test(arguments: [UInt64(0x5EED_0101), 0x5EED_0102])
    func theFirstProblemIsTheOneDecodeThrows(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var several = 0
        for n in 0..<PayloadDifferentialTests.iterations {
            let base = PayloadDifferentialTests.bases[random.below(PayloadDifferentialTests.bases.count)]
            var data = PayloadDifferentialTests.parse(base.1)
            for _ in 0..<(1 + random.below(4)) { PayloadDifferentialTests.mutate(&data, &random) }
            let date = PayloadDifferentialTests.dates[random.below(PayloadDifferentialTests.dates.count)]
            let bytes = CanonicalJSON.encode(.object(data))
            let found = DomainEvent.problems(type: base.0, occurredOn: date, canonicalData: bytes[...])
            if found.count > 1 { several += 1 }
            do throws(EventError) {
                _ = try DomainEvent.decode(type: base.0, occurredOn: date, canonicalData: bytes[...])
                #expect(found.isEmpty, "seed \(seed) input \(n): decodes, but problems \(found)")
            } catch {
                #expect(found.first.map { EventError.payload($0) } == error, "seed \(seed) input \(n): \(String(decoding: bytes, as: UTF8.self))\n  decode: \(error)\n  first:  \(found.first.map { "\($0)" } ?? "none")")
            }
        }
        #expect(several > PayloadDifferentialTests.iterations / 20, "payloads with several problems: \(several)")
    }
}
