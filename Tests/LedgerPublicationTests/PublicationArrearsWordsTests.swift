import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerPublication
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 41b #5: the 公示 said 欠缴 for rent due and unpaid on a date where CON-07 (rent unpaid past the grace period)
/// found nothing, without a word. The page, the notice and `publish`'s summary now say what 欠缴 counts (已到期未收,
/// from the due day on) and how much of it is overdue (逾期, past the grace period: the arrears CON-07 finds).
@Suite struct PublicationArrearsWordsTests {
    static let lines = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2024-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"fund.opened","occurred_on":"2024-12-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b3","type":"asset.registered","occurred_on":"2024-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"advertising","name":"广告位","location":"L","area_m2":"1.00","registered_on":"2024-12-01","source":{"kind":"manual"}}}"#,
        #"{"id":"k1","type":"contract.signed","occurred_on":"2024-12-20","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某传媒有限公司","purpose":"广告","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":100000,"rent_period":"month","payee_fund_id":"F-PI"}}"#,
    ]

    /// The ledger with `months` monthly payments from January 2025, as of 2025-11-30 (November's rent fell due on
    /// 2025-11-01: unpaid, and within the 30 days of grace).
    static func lines(paidMonths months: Int) -> [String] {
        lines + (1...months).map { m in
            let day = "2025-\(m < 10 ? "0" : "")\(m)-01"
            return #"{"id":"p\#(m)","type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"F-PI","amount_fen":100000,"counterparty":"某传媒有限公司","voucher":"p\#(m)","category":"advertising","source":{"contract_id":"K-1"}}}"#
        }
    }

    static let period = DayRange(first: CalendarDate(iso: "2025-01-01")!, last: CalendarDate(iso: "2025-11-30")!)

    /// The overdue part is the arrears CON-07 finds on the period's last day; none when it finds none.
    @Test(arguments: [(paid: 10, unpaid: Int64(100_000), overdue: Int64(0)), (paid: 9, unpaid: Int64(200_000), overdue: Int64(100_000)),
                      (paid: 11, unpaid: Int64(0), overdue: Int64(0))])
    func theOverduePartIsWhatConSevenFinds(paid: Int, unpaid: Int64, overdue: Int64) throws {
        let records = try SampleRecords.records(lines: Self.lines(paidMonths: paid))
        let projection = Projection(records: records, asOf: Self.period.last)
        let content = try #require(PublicationContent(projection: projection, records: records, communityID: "C-T", period: Self.period))
        #expect(content.contracts.first?.arrears.fen == unpaid)
        #expect(content.rentUnpaid.due.fen == unpaid && content.rentUnpaid.overdue.fen == overdue)
        #expect(content.rentGraceDays == 30)
        let con07 = content.findings.first { $0.finding.rule == .rentArrears }?.finding
        #expect((con07 != nil) == (overdue > 0))
        if let con07 { #expect(con07.facts[0]["arrears"] == .amount(Amount(fen: overdue))) }
    }

    /// What the page, the notice and the summary say, in a ledger written and published through the CLI.
    @Test(arguments: [(paid: 10, cell: "1,000.00（未逾期）", notice: "欠缴 1,000.00 元（已到期未收；其中逾期 0.00 元，即超过缴纳日期后 30 天宽限期仍未缴的）",
                       zh: "租金：欠缴（已到期未收）1,000.00元，其中逾期（超过缴纳日期后 30 天宽限期仍未缴，整改事项 CON-07 所计）0.00元",
                       en: "rent: ¥1,000.00 unpaid (due by the period's end and not received), of which ¥0.00 overdue (unpaid more than 30 days after its due day, the grace period; what CON-07 counts)"),
                      (paid: 9, cell: "2,000.00（其中逾期 1,000.00）", notice: "欠缴 2,000.00 元（已到期未收；其中逾期 1,000.00 元，即超过缴纳日期后 30 天宽限期仍未缴的）",
                       zh: "租金：欠缴（已到期未收）2,000.00元，其中逾期（超过缴纳日期后 30 天宽限期仍未缴，整改事项 CON-07 所计）1,000.00元",
                       en: "rent: ¥2,000.00 unpaid (due by the period's end and not received), of which ¥1,000.00 overdue")])
    func thePagesSayWhatTheyCount(paid: Int, cell: String, notice: String, zh: String, en: String) throws {
        let temp = TemporaryDirectory("arrears-words")
        let ledger = temp.path + "/ledger"
        func run(_ arguments: [String]) throws -> String {
            let (status, out, err) = PublicationFixture.run(arguments, in: temp.path)
            try #require(status == 0, "ledger \(arguments.joined(separator: " ")): \(err)")
            return out
        }
        try Self.lines(paidMonths: paid).joined(separator: "\n").appending("\n")
            .write(toFile: temp.path + "/events.jsonl", atomically: true, encoding: .utf8)
        _ = try run(["init", "--name", "arrears", "--ledger", ledger])
        _ = try run(["append", "--file", temp.path + "/events.jsonl", "--actor", "clerk", "--ledger", ledger])
        try FileManager.default.copyItem(atPath: PublicationFixture.testdata("merkle/sample-key.TEST-ONLY"), toPath: temp.path + "/key")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temp.path + "/key")
        _ = try run(["checkpoint", "--key", temp.path + "/key", "--time", "2026-01-07T00:00:00Z", "--out", temp.path + "/cp.txt", "--ledger", ledger])
        var said: [String: String] = [:]
        for language in ["zh", "en"] {
            said[language] = try run(["publish", "--community", "C-T", "--period", "2025-01-01..2025-11-30", "--checkpoint", temp.path + "/cp.txt",
                                      "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub"), "--out", temp.path + "/pub-" + language,
                                      "--lang", language, "--ledger", ledger])
        }
        let page = String(decoding: try PosixFile(path: temp.path + "/pub-zh/" + Publication.FileName.page, mode: .read).readAll(), as: UTF8.self)
        let paper = String(decoding: try PosixFile(path: temp.path + "/pub-zh/" + Publication.FileName.notice, mode: .read).readAll(), as: UTF8.self)
        #expect(page.contains("<th class=\"num derived\">欠缴（已到期未收）</th>"))
        #expect(page.contains("<td class=\"num derived\">\(cell)</td>"), "\(page)")
        #expect(page.contains("含尚在宽限期（缴纳日期后 30 天）内的租金；其中到期超过宽限期仍未缴的为“逾期”，列入待整改事项“租金未按期足额缴入共有资金”"))
        // The total the summary tells residents to compare with the notice stays where the script says it is.
        #expect(page.contains("<strong>欠缴 \(cell.prefix(8)) 元</strong>"), "\(page)")
        #expect(paper.contains(notice), "\(paper)")
        #expect(said["zh"]?.contains(zh) ?? false, "\(said["zh"] ?? "")")
        #expect(said["en"]?.contains(en) ?? false, "\(said["en"] ?? "")")
    }
}
