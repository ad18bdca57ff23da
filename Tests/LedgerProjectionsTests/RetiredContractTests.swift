import LedgerChain
import LedgerEvents
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// ledger-spec.md 10.4 rule 3 for a contract's term (review 42b): a contract must not be in force on a part retired
/// (注销) — signed before the retirement, with `end_on` after it, and not terminated before it in the fold order.
/// Each case appends its batches in order; every batch but the last is accepted, and the last is accepted or refused
/// as the table says, alike through the stored state (`CheckState.validate`, the door's path) and the whole log
/// (`DomainValidator.validate`).
@Suite struct RetiredContractTests {
    static let base = """
    {"id":"c","type":"community.registered","occurred_on":"2026-01-02","data":{"community_id":"C-T","name":"桃园","street":"东湖街道","residents_committee":"桃园居委会","total_area_m2":"30000","total_owners":300}}
    {"id":"a","type":"asset.registered","occurred_on":"2026-01-03","data":{"asset_id":"T-ROOF","community_id":"C-T","kind":"roof","name":"屋顶","location":"1号楼","area_m2":"400","registered_on":"2026-01-03","source":{"kind":"manual"}}}
    {"id":"f","type":"fund.opened","occurred_on":"2026-01-03","data":{"fund_id":"F-T","community_id":"C-T","kind":"public_income","account":"x"}}
    {"id":"i","type":"inspection.recorded","occurred_on":"2026-01-04","data":{"asset_id":"T-ROOF","observed":"idle","inspector":"i"}}
    """

    static func contract(_ id: String = "k", signed: String = "2026-03-25", from: String = "2026-04-01", to end: String = "2027-03-31") -> String {
        #"{"id":"\#(id)","type":"contract.signed","occurred_on":"\#(signed)","data":\#(contractData(signed: signed, from: from, to: end))}"#
    }

    static func contractData(signed: String = "2026-03-25", from: String = "2026-04-01", to end: String = "2027-03-31") -> String {
        #"{"contract_id":"K-T","community_id":"C-T","asset_ids":["T-ROOF"],"counterparty":"铁塔公司","purpose":"基站","start_on":"\#(from)","end_on":"\#(end)","rent":"1000","rent_period":"month","payee_fund_id":"F-T"}"#
    }

    static func retirement(_ id: String = "r", on date: String = "2026-03-30") -> String {
        #"{"id":"\#(id)","type":"asset.retired","occurred_on":"\#(date)","data":{"asset_id":"T-ROOF","reason":"屋顶拆除重建"}}"#
    }

    static func termination(_ id: String = "t", on date: String) -> String {
        #"{"id":"\#(id)","type":"contract.terminated","occurred_on":"\#(date)","data":{"contract_id":"K-T","reason":"屋顶拆除"}}"#
    }

    static func correction(_ id: String, of target: String, on date: String = "2026-06-01", type: String? = nil, replacementOn: String = "", data: String = "") -> String {
        let replacement = type.map { #","replacement":{"type":"\#($0)","occurred_on":"\#(replacementOn)","data":\#(data)}"# } ?? ""
        return #"{"id":"\#(id)","type":"correction","occurred_on":"\#(date)","data":{"corrects":"\#(target)","reason":"录入错误"\#(replacement)}}"#
    }

    static let refused = "while contract \"K-T\" lets it until"

    /// (what, batches before the last, the last batch, nil when accepted or a fragment of its refusal, where the refusal is).
    static let cases: [(String, [[String]], [String], String?, String)] = [
        ("the review's case: a contract, then a retirement before its term begins", [[contract()]], [retirement()], refused, "record"),
        ("a retirement, then a contract back-dated before it whose term runs past it", [[retirement()]], [contract()], refused, "batch"),
        ("both in one batch", [], [contract(), retirement()], refused, "batch"),
        ("a retirement during a running contract", [[contract(signed: "2026-01-04", from: "2026-01-05", to: "2026-12-31")]],
         [retirement(on: "2026-07-01")], refused, "record"),
        ("a term ending on the retirement's date (review 42d #4)", [[contract(to: "2026-04-30")]], [retirement(on: "2026-04-30")], nil, ""),
        ("a term ending the day after the retirement", [[contract(to: "2026-05-01")]], [retirement(on: "2026-04-30")], refused, "record"),
        ("a term ending the day before the retirement", [[contract(to: "2026-04-29")]], [retirement(on: "2026-04-30")], nil, ""),
        ("a retirement after the term", [[contract()]], [retirement(on: "2027-04-01")], nil, ""),
        ("a termination before the retirement, then the retirement", [[contract(), termination(on: "2026-03-28")]], [retirement()], nil, ""),
        ("a termination on the retirement's date, listed first", [[contract()]], [termination(on: "2026-03-30"), retirement()], nil, ""),
        ("a termination on the retirement's date, listed after it", [[contract()]], [retirement(), termination(on: "2026-03-30")], refused, "record"),
        ("a termination after the retirement", [[contract(), retirement("r0", on: "2027-06-01")]],
         [correction("x", of: "r0", type: "asset.retired", replacementOn: "2026-03-30", data: #"{"asset_id":"T-ROOF","reason":"屋顶拆除重建"}"#),
          termination(on: "2026-04-15")], "and is terminated only on 2026-04-15, after it", "record"),
        ("a retirement recorded, then a back-dated contract with its termination before it", [[retirement()]],
         [contract(), termination(on: "2026-03-28")], nil, ""),
        ("a correction of the retirement to a date in the term", [[contract(), retirement("r0", on: "2027-06-01")]],
         [correction("x", of: "r0", type: "asset.retired", replacementOn: "2026-05-01", data: #"{"asset_id":"T-ROOF","reason":"屋顶拆除重建"}"#)],
         refused, "record"),
        ("a correction of the contract's term past the retirement", [[contract(from: "2026-03-26", to: "2026-03-29"), retirement()]],
         [correction("x", of: "k", type: "contract.signed", replacementOn: "2026-03-25", data: contractData())], refused, "batch"),
        ("a correction of the contract's term to end before the retirement", [[contract()]],
         [correction("x", of: "k", type: "contract.signed", replacementOn: "2026-03-25", data: contractData(from: "2026-03-26", to: "2026-03-28")), retirement()],
         nil, ""),
        ("voiding the termination that came before the retirement", [[contract(), termination(on: "2026-03-28"), retirement()]],
         [correction("x", of: "t")], refused, "record"),
        ("voiding the retirement", [[retirement()]], [correction("x", of: "r"), contract()], nil, ""),
    ]

    @Test(arguments: cases.indices)
    func eachCase(_ index: Int) throws {
        let (what, before, last, refusal, place) = Self.cases[index]
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        try TestLedger.append(Fixtures.events(Self.base), to: directory)
        // The stored state at the head, so that each batch is checked on top of it.
        _ = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        for lines in before + [last] {
            let batch = Fixtures.events(lines.joined(separator: "\n"))
            let records = try CheckStateTests.records(directory)
            var ids: [String: (seq: Int64, type: String)] = [:]
            for record in records where ids[record.id] == nil { ids[record.id] = (record.seq, record.payload.type) }
            let whole = DomainValidator.validate(existing: records, batch: batch)
            let stored = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true,
                                                 lookup: { ids[$0] })
            #expect(stored.issues == whole, "\(what): the stored state and the whole log differ")
            guard lines == last else {
                #expect(whole.isEmpty, "\(what): an earlier batch was refused: \(whole)")
                try TestLedger.append(batch, to: directory)
                continue
            }
            if let refusal {
                let found = whole.first { $0.description.contains(refusal) }
                #expect(found != nil, "\(what): \(whole)")
                #expect(found?.field?.hasSuffix("asset_ids[0]") == true, "\(what): \(String(describing: found))")
                #expect((found?.seq != nil) == (place == "record"), "\(what): \(String(describing: found))")
            } else {
                #expect(whole.isEmpty, "\(what): \(whole)")
            }
        }
    }

    /// A contract checked on top of the stored state against a retirement there is decided by it; a retirement of a
    /// part some record names is left to the whole log (the state keeps no contracts by part).
    @Test func whichPathDecides() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        try TestLedger.append(Fixtures.events(Self.base + "\n" + Self.retirement()), to: directory)
        _ = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        let contract = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory),
                                               batch: EventBatch(Fixtures.events(Self.contract())), useState: true)
        #expect(contract.wholeLogReason == nil)
        #expect(contract.issues.contains { $0.description.contains(Self.refused) })

        let other = TemporaryDirectory()
        let second = TestLedger.create(in: other)
        try TestLedger.append(Fixtures.events(Self.base + "\n" + Self.contract(from: "2026-03-26", to: "2026-03-29")), to: second)
        _ = try CheckState.validate(second, headSeq: try CheckStateTests.head(second), batch: EventBatch([]), useState: true)
        let retired = try CheckState.validate(second, headSeq: try CheckStateTests.head(second),
                                              batch: EventBatch(Fixtures.events(Self.retirement())), useState: true)
        #expect(retired.wholeLogReason?.contains("contract on it may be in force") == true, "\(String(describing: retired.wholeLogReason))")
        #expect(retired.issues.isEmpty)
    }

    @Test func theRefusalInBothLanguages() {
        let words = ReferenceWords.contractPastRetirement("T-ROOF", contract: "K-T", until: CalendarDate(iso: "2027-03-31")!,
                                                         retiredOn: CalendarDate(iso: "2026-03-30")!, at: .record(seq: 6), terminatedOn: nil)
        #expect(words.en == #"asset "T-ROOF" was retired on 2026-03-30 (record seq 6) while contract "K-T" lets it until 2027-03-31; a contract must not be in force on a retired part: record the contract's termination dated on or before the retirement first (listed before it on the same date; a contract not yet in the ledger, as from a register, is appended together with its termination in one `ledger append` batch), or correct the contract's end_on to 2026-03-30 or earlier, or the retirement to 2027-03-31 or later"#)
        #expect(words.zh == "共有部分“T-ROOF”已于 2026-03-30 注销（第 6 条记录），而合同“K-T”的期限至 2027-03-31；已注销的共有部分不能仍在合同期内：请先记录该合同的终止（日期不晚于注销日，同日须列在注销之前；尚未记入账本的合同，例如登记表中的合同，请用“ledger append”把合同与其终止放在同一批中记录），或把合同的 end_on 更正为不晚于 2026-03-30，或把注销更正为不早于 2027-03-31")
    }
}
