import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 38f #8: 100 contracts from 1900-01-01 made `rectify --community C` take minutes, because every rule that
/// asked for a contract's rent (CON-06, CON-07, LOW-02) got every instalment of its term, up to an `end_on` of 2999
/// or 9999 (some 97,000 monthly instalments a contract, several times over). `Projection.rentAccruals` now stops at
/// the check date, and LOW-02 asks only for its window's periods. The findings must not change: the accruals are
/// compared with the old computation (kept here as the oracle) on random contracts, uses and dates.
@Suite struct RentSpanTests {
    /// The old `Projection.rentAccruals` (session 38), unchanged: every instalment of the term, then rent for use
    /// after the end up to the as-of date.
    static func oracle(_ p: Projection, _ contract: Contract, only use: Use? = nil) -> [RentAccrual] {
        let terms = contract.terms
        guard terms.rent.fen > 0 else { return [] }
        let (used, ongoing) = p.daysUsedAfterEnd(contract, only: use)
        guard let months = terms.rentPeriod.months else {
            var out: [RentAccrual] = []
            let term = DayRange(first: terms.startOn, last: max(terms.startOn, terms.endOn))
            if terms.startOn <= contract.lastDay { out.append(RentAccrual(dueOn: terms.startOn, range: term, amount: terms.rent, afterEnd: false)) }
            for range in used {
                let fen = Int128(terms.rent.fen) * Int128(range.days) / Int128(term.days)
                out.append(RentAccrual(dueOn: range.first, range: range, amount: Amount(fen: Int64(fen)), afterEnd: true))
            }
            return out
        }
        var out: [RentAccrual] = []
        var k = 0
        while true {
            // Session 42 (reviews 42b, 42c): a period begins within the term only when the term of the periods before
            // it (Civil Code Art. 202) ends before the contract's last day; one after the term runs as Art. 202 counts.
            let inTerm = terms.startOn.adding(months: k * months) <= contract.lastDay
                && (k == 0 || terms.startOn.lastDayOfTerm(months: k * months) < contract.lastDay)
            let first = inTerm ? terms.startOn.adding(months: k * months) : terms.startOn.lastDayOfTerm(months: k * months).adding(days: 1)
            let period = DayRange(first: first, last: inTerm ? terms.startOn.adding(months: (k + 1) * months).adding(days: -1)
                                                              : terms.startOn.lastDayOfTerm(months: (k + 1) * months))
            k += 1
            if inTerm {
                out.append(RentAccrual(dueOn: first, range: period, amount: terms.rent, afterEnd: false))
                continue
            }
            guard let lastUsed = used.last?.last, first <= lastUsed else { break }
            for range in used {
                let from = max(range.first, period.first), to = min(range.last, period.last)
                guard from <= to else { continue }
                let part = DayRange(first: from, last: to)
                if part == period || (ongoing && to == p.asOf) {
                    out.append(RentAccrual(dueOn: from, range: period, amount: terms.rent, afterEnd: true))
                } else {
                    let fen = Int128(terms.rent.fen) * Int128(part.days) / Int128(period.days)
                    out.append(RentAccrual(dueOn: from, range: part, amount: Amount(fen: Int64(fen)), afterEnd: true, isPart: true))
                }
            }
        }
        return out
    }

    /// Community C-S with part A-0 … A-(parts-1) (parking, 10.00 m²) and fund F-PI, all from 1900-01-01.
    static func base(parts: Int) -> [String] {
        var lines = [
            #"{"id":"b1","type":"community.registered","occurred_on":"1900-01-01","data":{"community_id":"C-S","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
            #"{"id":"b2","type":"fund.opened","occurred_on":"1900-01-01","data":{"fund_id":"F-PI","community_id":"C-S","kind":"public_income","account":"PI"}}"#,
        ]
        for i in 0..<parts {
            lines.append(#"{"id":"a\#(i)","type":"asset.registered","occurred_on":"1900-01-01","data":{"asset_id":"A-\#(i)","community_id":"C-S","kind":"parking","name":"车位\#(i)","location":"L","area_m2":"10.00","registered_on":"1900-01-01","source":{"kind":"manual"}}}"#)
        }
        return lines
    }

    static func contract(_ id: String, part: Int, start: CalendarDate, end: CalendarDate, fen: Int, period: String,
                         counterparty: String) -> String {
        Mini.event(id, "contract.signed", "1900-01-01", #"{"contract_id":"\#(id)","community_id":"C-S","asset_ids":["A-\#(part)"],"counterparty":"\#(counterparty)","purpose":"停车","start_on":"\#(start)","end_on":"\#(end)","rent_fen":\#(fen),"rent_period":"\#(period)","payee_fund_id":"F-PI"}"#)
    }

    static let earliest = CalendarDate(iso: "1900-01-01")!

    static func day(_ random: inout SplitMix64, from: CalendarDate, within days: Int) -> CalendarDate {
        from.adding(days: random.below(days))
    }

    /// Random contracts (every period, ends up to 9999, some terminated) and uses under them (some ended, some
    /// begun after the end), checked on random dates: the accruals are the oracle's due by then, and with a
    /// range, those of them that meet it.
    @Test(arguments: 0..<24) func theAccrualsAreTheOraclesDueByTheCheckDate(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 38)
        var lines = Self.base(parts: 2)
        var dated: [(CalendarDate, String)] = []
        let contracts = 1 + random.below(4)
        // Short spans mostly (the oracle walks every period of the term), now and then to 9999.
        let span = random.chance(50) ? 150 * 365 : 8 * 365
        let origin = Self.day(&random, from: Self.earliest, within: random.chance(50) ? 200 : 120 * 365)
        for c in 0..<contracts {
            let start = Self.day(&random, from: origin, within: 4 * 365)
            let end = random.chance(5) ? CalendarDate(iso: "9999-12-31")! : Self.day(&random, from: start, within: random.chance(30) ? 40 : span)
            let period = random.pick(["month", "quarter", "year", "once"])
            let fen = random.pick([0, 1, 3, 100_000, 1_200_000])
            lines.append(Self.contract("K-\(c)", part: c % 2, start: start, end: end, fen: fen, period: period, counterparty: "公司\(c)"))
            if random.chance(30) {
                let on = Self.day(&random, from: start, within: min(start.days(until: end) + 400, 20 * 365))
                dated.append((on, Mini.event("T-\(c)", "contract.terminated", on.description, #"{"contract_id":"K-\#(c)","reason":"解除"}"#)))
            }
            for u in 0..<random.below(3) {
                let useID = "U-\(c)-\(u)"
                let begun = Self.day(&random, from: start, within: min(start.days(until: end) + 200, 30 * 365))
                dated.append((begun, Mini.event(useID, "use.started", begun.description, #"{"use_id":"\#(useID)","asset_id":"A-\#(c % 2)","user":"公司\#(c)","purpose":"停车","authority":{"contract_id":"K-\#(c)"}}"#)))
                if random.chance(50) {
                    let ended = Self.day(&random, from: begun.adding(days: 1), within: 3 * 365)
                    dated.append((ended, Mini.event(useID + "e", "use.ended", ended.description, #"{"use_id":"\#(useID)"}"#)))
                }
            }
        }
        // Every fact on its own date, in date order (an end after its start).
        lines += dated.sorted { $0.0 < $1.0 }.map(\.1)
        let records = try SampleRecords.records(lines: lines)
        for _ in 0..<4 {
            let asOf = random.chance(20) ? CalendarDate(iso: "2026-01-05")! : Self.day(&random, from: origin, within: 40 * 365)
            let p = Projection(records: records, asOf: asOf)
            for contract in p.contracts.values.sorted(by: { $0.id < $1.id }) {
                let window = DayRange(first: asOf.adding(months: -12).adding(days: 1), last: asOf)
                let ranges: [DayRange?] = [nil, window, DayRange(first: contract.terms.startOn, last: contract.terms.startOn),
                                           DayRange(first: asOf.adding(days: -random.below(5000)), last: asOf)]
                let uses: [Use?] = [nil] + contract.terms.assetIDs.flatMap { p.uses(ofAsset: $0) }
                for use in uses {
                    let all = Self.oracle(p, contract, only: use).filter { $0.dueOn <= asOf }
                    for range in ranges {
                        let expected = range.map { r in all.filter { $0.range.first <= r.last && r.first <= $0.range.last } } ?? all
                        let got = p.rentAccruals(contract, only: use, overlapping: range)
                        #expect(got == expected, "seed \(seed) \(contract.id) use \(use?.id ?? "-") as of \(asOf) range \(range.map(\.description) ?? "-")")
                    }
                }
            }
        }
    }

    /// A term from 1900 to 9999 yields the instalments due by the check date, not the 97,200 of the term, and
    /// LOW-02's window (a year) at most its 13 months' periods (counted, not timed).
    @Test func aTermTo9999CostsThePeriodsUpToTheCheckDate() throws {
        let records = try SampleRecords.records(lines: Self.base(parts: 1) + [
            Self.contract("K-0", part: 0, start: Self.earliest, end: CalendarDate(iso: "9999-12-31")!, fen: 10_000, period: "month", counterparty: "甲")])
        let asOf = CalendarDate(iso: "2026-01-05")!
        let p = Projection(records: records, asOf: asOf)
        let contract = try #require(p.contracts["K-0"])
        #expect(p.rentAccruals(contract).count == 126 * 12 + 1)
        let window = DayRange(first: asOf.adding(months: -12).adding(days: 1), last: asOf)
        let inWindow = p.rentAccruals(contract, overlapping: window)
        #expect(inWindow.count == 13 && inWindow.first?.dueOn == CalendarDate(iso: "2025-01-01"))
    }

    /// The review's ledger: 100 contracts from 1900-01-01 on five parts, ends up to 9999: the whole list (every
    /// class) is made from instalments due by the check date (at most 1,513 a contract, each rule), and CON-07
    /// counts the periods it did before.
    @Test func aHundredContractsFrom1900() throws {
        var random = SplitMix64(seed: 388)
        var lines = Self.base(parts: 5)
        for c in 0..<100 {
            let end = random.chance(30) ? CalendarDate(iso: "9999-12-31")! : Self.day(&random, from: Self.earliest, within: 130 * 365)
            lines.append(Self.contract("K-\(c)", part: c % 5, start: Self.earliest, end: end, fen: 60_000,
                                       period: random.pick(["month", "quarter", "year"]), counterparty: "公司\(c % 5)"))
        }
        let asOf = CalendarDate(iso: "2026-01-05")!
        let p = Projection(records: try SampleRecords.records(lines: lines), asOf: asOf)
        var total = 0
        for contract in p.contracts.values { total += p.rentAccruals(contract).count }
        #expect(total <= 100 * (126 * 12 + 1))
        let found = Rectifier.check(p, scope: RectificationScope(asOf: asOf), policy: Policy()).findings
        let arrears = found.filter { $0.rule == .rentArrears }
        #expect(arrears.count == 100)
        // A monthly contract to 9999 owes every month from January 1900 to December 2025 (January 2026's
        // instalment is within its 30 days' grace on the 5th), none paid.
        for finding in arrears {
            let contract = try #require(p.contracts[finding.itemID])
            guard contract.terms.rentPeriod == .month, contract.terms.endOn.year == 9999 else { continue }
            #expect(finding.facts[0]["periods"] == .integer(126 * 12))
        }
    }
}
