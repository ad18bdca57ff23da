import LedgerChain
import LedgerEvents
@testable import LedgerProjections
@testable import LedgerReports
import Testing

/// `ledger communities` shows each kind of fund in a column of its own (专项维修资金, 公共收益, 业主大会经费, 其他资金),
/// different money under different rules, and their sum labelled as a total for reference (合计), not one 余额 that
/// adds them without a word; `index/communities.state` keeps each kind.
@Suite struct CommunityBalanceColumnsTests {
    static func row() -> CommunitySummary {
        var r = CommunitySummary(id: "C1", name: "小区", street: "街道", residentsCommittee: "居委会", totalArea: "1000.00", totalOwners: 10,
                                 registeredOn: CalendarDate(iso: "2024-01-01")!, evidence: Evidence(seq: 1, eventID: "c1"))
        r.balanceByKind = [Amount(fen: 5_000), Amount(fen: 1_000_000), Amount(fen: 1_000), Amount(fen: 7)]  // public income, maintenance, governance, other
        return r
    }

    static func text(_ format: ReportFormat, _ language: ReportLanguage) -> String {
        String(decoding: ProjectionReports.communities([row()], asOf: CalendarDate(iso: "2025-06-30")!, atSeq: 9, format: format, language: language),
               as: UTF8.self)
    }

    @Test func theTableHasAColumnPerFundKindAndATotal() {
        let zh = Self.text(.table, .zh), en = Self.text(.table, .en)
        let zhLines = zh.split(separator: "\n").map(String.init)
        #expect(zhLines[0].hasPrefix("小区一览（资金余额单位：元，按资金类别分列；各类资金分别核算、用途各有规定，合计仅为各类相加之数，供参考）"), "\(zh)")
        let labels = zhLines[1].split(separator: " ").map(String.init)
        #expect(Array(labels.suffix(5)) == ["专项维修资金", "公共收益", "业主大会经费", "其他资金", "合计"], "\(zh)")
        #expect(!zh.contains("余额 ") && !zh.hasSuffix("余额\n"), "no column is a bare 余额: \(zh)")
        let enLines = en.split(separator: "\n").map(String.init)
        #expect(enLines[0].hasPrefix("Communities (fund balances in yuan, by kind of fund; each kind is kept and spent under its own rules, and the total is only their sum, for reference)"), "\(en)")
        #expect(Array(enLines[1].split(separator: " ").suffix(5)) == ["maintenance_fund", "public_income", "governance_fund", "other_funds", "balance_total"])
        // The maintenance fund first, then public income, governance, other, and the sum.
        #expect(Array(enLines[3].split(separator: " ").suffix(5)) == ["10,000.00", "50.00", "10.00", "0.07", "10,060.07"], "\(en)")
    }

    @Test func csvAndJSONCarryEachKind() {
        let csv = Self.text(.csv, .en)
        #expect(csv.contains("decisions,maintenance_fund,public_income,governance_fund,other_funds,balance_total\r\n"), "\(csv)")
        #expect(csv.hasSuffix(",10000.00,50.00,10.00,0.07,10060.07\r\n"), "\(csv)")
        let json = Self.text(.json, .en)
        #expect(json.contains(#""balance":"10060.07","balance_fen":1006007,"balances_by_kind":{"governance":{"balance":"10.00","balance_fen":1000},"maintenance":{"balance":"10000.00","balance_fen":1000000},"other":{"balance":"0.07","balance_fen":7},"public_income":{"balance":"50.00","balance_fen":5000}}"#), "\(json)")
    }

    /// `index/communities.state` keeps each kind: a line reads back with the same balances.
    @Test func theStoredLineKeepsEachKind() {
        var w = ByteWriter()
        Self.row().encode(into: &w)
        var r = LineReader(w.bytes)
        let read = CommunitySummary.decode(&r)
        #expect(read == Self.row())
        #expect(read?.balance(of: .maintenance) == Amount(fen: 1_000_000) && read?.balance == Amount(fen: 1_006_007))
        #expect(CommunitySummary.version == 3)
    }
}
