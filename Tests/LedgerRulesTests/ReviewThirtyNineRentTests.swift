import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 39b: a contract from 1900 (a clerk typing 1900 for 2000) or to 9999 had every instalment made one by one —
/// in `Contract.schedule` (to the term's end: the `contracts` list, `ledger show` and `index/contracts.state`, 46 MB
/// for 100 contracts to 9999) and in CON-07 (since 1900). The schedule is now a span (`RentSchedule`) and CON-07
/// counts the term's instalments; every figure must be the one the instalments made one by one gave (the oracles
/// here are the old computations, unchanged).
@Suite struct ReviewThirtyNineRentTests {
    /// The old `Contract.schedule`: every instalment (its day due; each of the contract's rent), from the start each
    /// time, due by the contract's last day.
    static func scheduleOracle(_ contract: Contract) -> [CalendarDate] {
        let terms = contract.terms
        guard terms.rent.fen > 0 else { return [] }
        guard let months = terms.rentPeriod.months else {
            return terms.startOn <= contract.lastDay ? [terms.startOn] : []
        }
        var out: [CalendarDate] = []
        var k = 0
        while true {
            let due = terms.startOn.adding(months: k * months)
            // Session 42 (review 42b): and its period begins within the term (Civil Code Art. 202).
            guard due <= contract.lastDay, k == 0 || terms.startOn.lastDayOfTerm(months: k * months) < contract.lastDay else { break }
            out.append(due)
            k += 1
        }
        return out
    }

    /// CON-07's figures as the old rule made them: every accrual due `grace` days before the check date (the
    /// session-38 oracle's), payments applied oldest first, one by one.
    struct Arrears: Equatable, CustomStringConvertible {
        var due: Amount, received: Amount, periods: Int64, months: Int64, days: Int64, oldest: CalendarDate, afterEnd: Amount
        var description: String { "due \(due.fen) received \(received.fen) periods \(periods) months \(months) days \(days) oldest \(oldest) after \(afterEnd.fen)" }
    }

    static func arrearsOracle(_ p: Projection, _ contract: Contract, grace: Int) -> Arrears? {
        let due = RentSpanTests.oracle(p, contract).filter { $0.dueOn <= p.asOf && $0.dueOn.adding(days: grace) <= p.asOf }
        guard !due.isEmpty else { return nil }
        let received = p.view(ofContract: contract.id)!.rentReceived
        var expected = Amount.zero, afterEnd = Amount.zero
        for a in due { expected += a.amount; if a.afterEnd { afterEnd += a.amount } }
        guard received < expected else { return nil }
        var covered = received
        var unpaid: [RentAccrual] = []
        for a in due { if covered >= a.amount { covered -= a.amount } else { unpaid.append(a); covered = .zero } }
        let months = Int64(contract.terms.rentPeriod.months ?? 0)
        return Arrears(due: expected, received: received, periods: Int64(unpaid.count),
                       months: Int64(unpaid.filter { !$0.isPart }.count) * months,
                       days: unpaid.filter(\.isPart).reduce(0) { $0 + Int64($1.range.days) }, oldest: unpaid.first!.dueOn,
                       afterEnd: afterEnd)
    }

    static func arrears(of f: Finding) -> Arrears {
        func amount(_ fact: FindingFact, _ name: String) -> Amount {
            if case .amount(let a)? = fact.values.first(where: { $0.name == name })?.value { return a }
            return Amount(fen: -1)
        }
        func integer(_ fact: FindingFact, _ name: String) -> Int64 {
            if case .integer(let i)? = fact.values.first(where: { $0.name == name })?.value { return i }
            return 0
        }
        let main = f.facts.first { $0.key == .rentArrears || $0.key == .rentArrearsOnce }!
        var oldest = CalendarDate(iso: "1900-01-01")!
        if case .date(let d)? = main.values.first(where: { $0.name == "oldest_due_on" })?.value { oldest = d }
        let after = f.facts.first { $0.key == .rentAfterEnd }.map { amount($0, "amount") } ?? .zero
        return Arrears(due: amount(main, "due"), received: amount(main, "received"),
                       periods: main.key == .rentArrearsOnce ? -1 : integer(main, "periods"), months: integer(main, "months"),
                       days: integer(main, "days"), oldest: oldest, afterEnd: after)
    }

    /// Random contracts (every period, starts on month ends among others, from 1900, ends up to 9999, some
    /// terminated), uses going on after their end, payments of random sizes (some in another community's fund):
    /// the schedule is the oracle's instalment for instalment, and CON-07 states the oracle's figures.
    @Test(arguments: 0..<24) func theFiguresAreTheOnesMadeOneByOne(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 39)
        var lines = RentSpanTests.base(parts: 2)
        lines.append(#"{"id":"b9","type":"community.registered","occurred_on":"1900-01-01","data":{"community_id":"C-X","name":"他小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#)
        lines.append(#"{"id":"b10","type":"fund.opened","occurred_on":"1900-01-01","data":{"fund_id":"F-X","community_id":"C-X","kind":"public_income","account":"X"}}"#)
        var dated: [(CalendarDate, String)] = []
        let origin = RentSpanTests.day(&random, from: RentSpanTests.earliest, within: random.chance(50) ? 400 : 120 * 365)
        let contracts = 1 + random.below(4)
        for c in 0..<contracts {
            var start = RentSpanTests.day(&random, from: origin, within: 4 * 365)
            // A month's end now and then (31 January + 1 month clamps to February's last day).
            if random.chance(30) { start = CalendarDate(year: start.year, month: start.month, day: CalendarDate.daysIn(month: start.month, year: start.year))! }
            let end = random.chance(10) ? CalendarDate(iso: "9999-12-31")!
                : RentSpanTests.day(&random, from: start, within: random.chance(30) ? 40 : 30 * 365)
            let period = random.pick(["month", "quarter", "year", "once"])
            let fen = random.pick([0, 1, 3, 100_000, 1_200_000])
            lines.append(RentSpanTests.contract("K-\(c)", part: c % 2, start: start, end: end, fen: fen, period: period, counterparty: "公司\(c)"))
            if random.chance(30) {
                let on = RentSpanTests.day(&random, from: start, within: min(start.days(until: end) + 400, 20 * 365))
                dated.append((on, Mini.event("T-\(c)", "contract.terminated", on.description, #"{"contract_id":"K-\#(c)","reason":"解除"}"#)))
            }
            if random.chance(50) {
                let useID = "U-\(c)"
                let begun = RentSpanTests.day(&random, from: start, within: min(start.days(until: end) + 100, 30 * 365))
                dated.append((begun, Mini.event(useID, "use.started", begun.description, #"{"use_id":"\#(useID)","asset_id":"A-\#(c % 2)","user":"公司\#(c)","purpose":"停车","authority":{"contract_id":"K-\#(c)"}}"#)))
                if random.chance(50) {
                    let ended = RentSpanTests.day(&random, from: begun.adding(days: 1), within: 3 * 365)
                    dated.append((ended, Mini.event(useID + "e", "use.ended", ended.description, #"{"use_id":"\#(useID)"}"#)))
                }
            }
            for n in 0..<random.below(4) {
                let on = RentSpanTests.day(&random, from: start, within: 40 * 365)
                let paid = random.pick([1, 50_000, 100_000, 1_200_000, 7_654_321, 250_000_000])
                let fund = random.chance(15) ? "F-X" : "F-PI"
                dated.append((on, Mini.event("P-\(c)-\(n)", "fund.income", on.description,
                                             #"{"fund_id":"\#(fund)","amount_fen":\#(paid),"counterparty":"公司\#(c)","voucher":"P-\#(c)-\#(n)","category":"parking","source":{"contract_id":"K-\#(c)"}}"#)))
            }
        }
        lines += dated.sorted { $0.0 < $1.0 }.map(\.1)
        let records = try SampleRecords.records(lines: lines)
        for _ in 0..<4 {
            let asOf = random.chance(20) ? CalendarDate(iso: "2026-01-05")! : RentSpanTests.day(&random, from: origin, within: 40 * 365)
            var policy = Policy()
            policy.rentGraceDays = random.pick([0, 30, 365])
            let p = Projection(records: records, asOf: asOf)
            let found = Rectifier.check(records: records, scope: RectificationScope(asOf: asOf), policy: policy).findings
            for contract in p.contracts.values.sorted(by: { $0.id < $1.id }) {
                let label = "seed \(seed) \(contract.id) \(contract.terms.startOn)…\(contract.terms.endOn) \(contract.terms.rentPeriod) as of \(asOf)"
                let old = Self.scheduleOracle(contract)
                if old.count < 200_000 { #expect(contract.schedule.map(\.dueOn) == old, "\(label)") }
                #expect(contract.schedule.allSatisfy { $0.amount == contract.terms.rent }, "\(label)")
                #expect(contract.schedule.count == old.count, "\(label)")
                let expected = Self.arrearsOracle(p, contract, grace: policy.rentGraceDays)
                let finding = found.first { $0.rule == .rentArrears && $0.itemID == contract.id }
                #expect((finding == nil) == (expected == nil), "\(label): \(finding.map { "\($0.facts)" } ?? "none") against \(expected.map(\.description) ?? "none")")
                if let finding, var expected {
                    if contract.terms.rentPeriod == .once { expected.periods = -1; expected.months = 0 }
                    #expect(Self.arrears(of: finding) == expected, "\(label)")
                    // Dated the day the arrears began (review 46a #7): the stretch's first day when earlier, else the day
                    // after the oldest unpaid instalment's grace.
                    let stretch = finding.facts.first?.values.first { $0.name == "stretch_since" }?.value
                    let began: CalendarDate
                    if case .date(let day)? = stretch { began = day } else { began = expected.oldest.adding(days: policy.rentOverdueAfterDays) }
                    #expect(finding.since == began, "\(label)")
                }
            }
        }
    }

    /// The count of a span is found, not walked: a monthly term from 1900-01-31 to 9999-12-31 (month ends clamped
    /// every month) has the oracle's 97,200 instalments, the last on 9999-12-31, and February's are its last days.
    @Test func aSpanTo9999() throws {
        let start = CalendarDate(iso: "1900-01-31")!, end = CalendarDate(iso: "9999-12-31")!
        let span = RentSchedule(startOn: start, monthsPerPeriod: 1, amount: Amount(fen: 100), dueBy: end)
        #expect(span.count == (9999 - 1900 + 1) * 12)
        #expect(span.last?.dueOn == end)
        #expect(span[1].dueOn == CalendarDate(iso: "1900-02-28")! && span[2].dueOn == CalendarDate(iso: "1900-03-31")!)
        #expect(span.total == Amount(fen: 100 * Int64(span.count)))
        for (months, last, count) in [(3, "1900-04-29", 1), (3, "1900-04-30", 2), (12, "1901-01-30", 1), (12, "1901-01-31", 2),
                                      (1, "1900-01-30", 0), (0, "1900-01-31", 1), (0, "1900-01-30", 0)] {
            #expect(RentSchedule.count(from: start, every: months, dueBy: CalendarDate(iso: last)!) == count, "\(months) \(last)")
        }
    }

    /// Review 42b: a term ending on a day that `start_on` + k periods is clamped to (a shorter month's end) ends
    /// period k − 1 there (Civil Code Art. 202, as CON-04 measures the term), so it holds no k-th instalment; a term
    /// one day longer, or a due day not clamped, does.
    @Test(arguments: [
        ("2025-11-30", 3, "2026-02-28", 1), ("2025-11-30", 3, "2026-03-01", 2), ("2025-11-30", 3, "2026-02-27", 1),
        ("2026-01-31", 1, "2026-02-28", 1), ("2026-01-31", 1, "2026-03-01", 2), ("2026-01-31", 1, "2026-03-30", 2),
        ("2026-01-31", 1, "2026-03-31", 3), ("2024-02-29", 12, "2025-02-28", 1), ("2024-02-29", 12, "2026-02-28", 2),
        ("2024-02-29", 12, "2028-02-29", 5), ("2024-01-30", 1, "2024-02-29", 1), ("2023-01-30", 1, "2023-02-28", 1),
        ("2026-01-15", 1, "2026-02-15", 2), ("2026-01-15", 3, "2026-01-15", 1), ("2026-01-15", 0, "2026-12-31", 1),
        ("2026-01-15", 1, "2026-01-14", 0),
    ])
    func aTermEndingOnAClampedDayHoldsNoFurtherInstalment(_ start: String, _ months: Int, _ last: String, _ count: Int) throws {
        let from = try #require(CalendarDate(iso: start)), to = try #require(CalendarDate(iso: last))
        #expect(RentSchedule.count(from: from, every: months, termEndingOn: to) == count)
        #expect(RentSchedule(startOn: from, monthsPerPeriod: months, amount: Amount(fen: 100), termEndingOn: to).count == count)
        // The instalments counted are exactly those whose periods begin within the term, walked one by one.
        var walked = 0
        while walked < 10_000, RentSchedule.periodBegins(walked, from: from, every: months, within: to),
              months > 0 || walked == 0, from.adding(months: walked * months) <= to { walked += 1 }
        #expect(walked == count)
    }
}
