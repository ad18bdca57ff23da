import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerPublication
import Testing

/// Review 35d: the notice reads as an official 公示 (统计期间 apart from the posting dates, Beijing time, funds by
/// kind, the 合计 caveat), and both it and the page ask residents to compare what the page cannot prove (the item
/// count, each fund's closing balance, the arrears total) besides the root hash and fingerprints.
@Suite struct PublicationNoticeTests {
    static let fixture = PublicationFixture.shared

    /// The text between `start` and the next `end` after it.
    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let s = text.range(of: start), let e = text.range(of: end, range: s.upperBound..<text.endIndex) else { return nil }
        return String(text[s.upperBound..<e.lowerBound])
    }

    @Test func noticeStatesThePeriodPostingDatesAndBeijingTime() throws {
        let notice = Self.fixture.text(Publication.FileName.notice)
        for expected in [
            "统计期间：2024年1月1日至2025年12月31日",
            "<tr><th>公示期</th><td>自　　　　年　　月　　日至　　　　年　　月　　日（不少于三日）</td></tr>",
            "<tr><th>张贴地点</th>", "<tr><th>意见反映</th>",
            // The fixture's checkpoint is signed at 2026-01-05T00:00:00Z: 08:00 in Beijing, with the UTC text the page shows.
            "<tr><th>检查点时间</th><td>2026年1月5日 08:00:00（北京时间）<br><span class=\"small\">页面“签名时间”一栏显示为 2026-01-05T00:00:00Z（协调世界时）</span></td></tr>",
            "<thead><tr><th>资金类别</th><th>账户编号</th>", "<tr><td>专项维修资金</td><td>F-QF-MF</td>",
            "各类资金分别核算、用途各有规定，合计仅为各类相加之数，供参考。",
            "用手机或电脑打开上面的网址",
        ] {
            #expect(notice.contains(expected), "the notice shows \(expected)")
        }
        #expect(!notice.contains("公示期间"), "the period covered is not the posting period")
    }

    /// Review 37: a fund's heading on the page names its kind once: left out when the account name says it
    /// ("F-QF-MF 专项维修资金 · 专项维修资金 青枫苑分账" repeated it); `FundHeadingTests` has the other cases.
    @Test func theFundHeadingNamesTheKindOnce() throws {
        let page = Self.fixture.text(Publication.FileName.page)
        #expect(page.contains("<h3>F-QF-MF 专项维修资金 青枫苑分账 QD-WX-1002：本期收支 "))
        #expect(page.contains("<h3>F-QF-PI 农商银行 6210-3302-0002 青枫苑公共收益账户：本期收支 "))
        #expect(!page.contains("专项维修资金 · 专项维修资金"))
    }

    /// Review 35e m2: the witness's cosignature time is stated in Beijing time like every time on the notice, with
    /// the page's UTC words for the row beside it; the page itself keeps the text its script compares.
    @Test func noticeStatesTheWitnessTimeInBeijingTime() throws {
        let notice = Self.fixture.text(Publication.FileName.notice)
        let page = Self.fixture.text(Publication.FileName.page)
        // The fixture's witness cosigns at 2026-01-06T00:00:00Z: 08:00 on the 6th in Beijing.
        let row = try #require(Self.between(notice, "<tr><th>见证单位</th><td>", "</td></tr>"))
        #expect(row.hasPrefix("shinan-zhujianju-test　见证时间 2026年1月6日 08:00:00（北京时间）<br>shinan-zhujianju-test 指纹 "), "\(row)")
        #expect(row.hasSuffix("<br><span class=\"small\">页面“见证单位”一栏显示为 shinan-zhujianju-test（2026-01-06T00:00:00Z）（协调世界时）</span>"), "\(row)")
        #expect(!row.replacingOccurrences(of: "页面“见证单位”一栏显示为 shinan-zhujianju-test（2026-01-06T00:00:00Z）", with: "").contains("T00:00:00Z"),
                "the notice's own words state no UTC time")
        #expect(page.contains("<td data-f=\"witnesses\">shinan-zhujianju-test（2026-01-06T00:00:00Z）</td>"))
    }

    @Test func noticeAndPageNameWhatToCompareAndTheNoticeCountsThePagesItems() throws {
        let notice = Self.fixture.text(Publication.FileName.notice)
        let page = Self.fixture.text(Publication.FileName.page)
        let rows = page.components(separatedBy: "<tr data-row=\"").count - 1
        #expect(rows > 20)
        #expect(notice.contains("<tr><th>页面项数</th><td>\(rows) 项（页面顶部显示“已验证：本页 \(rows) 项内容”）</td></tr>"))
        let how = try #require(Self.between(notice, "核验方法：", "</ol>"))
        for word in ["根哈希", "公钥指纹", "见证公钥指纹", "见证单位自己公布", "各资金账户的期末余额", "欠缴合计", "项数"] {
            #expect(how.contains(word), "the notice's instructions name \(word)")
        }
        let pageHow = try #require(Self.between(page, "<h2>怎样核对</h2>", "</section>"))
        for word in ["根哈希", "公钥指纹", "见证公钥指纹", "各资金账户的期末余额", "租金欠缴合计", "项数", "不能证明没有删去某一项"] {
            #expect(pageHow.contains(word), "the page's instructions name \(word)")
        }
        // The arrears total under the page's contracts table is the notice's.
        let arrears = try #require(Self.between(notice, "欠缴 ", " 元"))
        #expect(page.contains("<strong>欠缴 \(arrears) 元</strong>"), "page and notice show the same arrears total \(arrears)")
        // A page whose script does not run says it may have been altered.
        #expect(page.contains("也可能是本页被改动过") && page.contains("以小区公告栏张贴的纸质公示单为准"))
        #expect(page.contains("<span id=\"period\">统计期间 "))
    }

    @Test func withoutAURLTheInstructionsDoNotPointAtABlankAddress() throws {
        let f = Self.fixture
        var err = ""
        let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { _ in }, writeOutBytes: { _ in }, writeErr: { err += $0 },
                           now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" }, stderrIsTerminal: false,
                           currentDirectory: f.temp.path)
        let status = LedgerCLI.run(arguments: ["publish", "--ledger", f.ledger, "--checkpoint", "cp.txt", "--pubkey",
                                               PublicationFixture.testdata("merkle/sample-key.pub"), "--community", "C-QF",
                                               "--period", "2024-01-01..2025-12-31", "--out", "notice-no-url"], io: io)
        try #require(status == 0, "\(err)")
        let notice = String(decoding: try PosixFile(path: f.temp.path + "/notice-no-url/notice.html", mode: .read).readAll(), as: UTF8.self)
        #expect(notice.contains("<tr><th>网上核验地址</th><td><span class=\"blank\"></span></td></tr>"))
        #expect(!notice.contains("打开上面的网址"))
        #expect(notice.contains("网址填写在上面的空白处，或文件夹中的 index.html"))
        // No witness given: the instructions do not ask for a witness's fingerprint.
        #expect(!notice.contains("见证公钥指纹"))
    }

    /// A period has ended when the next day has begun in Beijing (UTC+8).
    @Test(arguments: [
        ("2025-12-31", "2025-12-31T15:59:59Z", false),  // 23:59:59 on the 31st in Beijing
        ("2025-12-31", "2025-12-31T16:00:00Z", true),   // midnight: the 1st has begun
        ("2025-12-31", "2025-12-31T01:00:00Z", false),  // 09:00 on the last day (the UTC date rule accepted it)
        ("2025-12-31", "2026-01-01T01:00:00Z", true),
        ("2025-12-31", "2025-12-30T23:00:00Z", false),
        ("2026-01-31", "2026-01-05T00:00:00Z", false),
    ])
    func periodEndsInBeijingTime(_ last: String, _ time: String, _ ended: Bool) throws {
        let date = try #require(CalendarDate(iso: last)), at = try #require(Timestamp(rfc3339: time))
        #expect(Publication.periodHasEnded(date, at: at) == ended)
    }

    @Test func beijingTextAsANoticeStatesIt() throws {
        #expect(Publication.beijingText(Timestamp(rfc3339: "2026-12-05T22:00:07Z")!) == "2026年12月6日 06:00:07（北京时间）")
        #expect(Publication.beijingText(Timestamp(rfc3339: "2025-12-31T15:59:59Z")!) == "2025年12月31日 23:59:59（北京时间）")
    }
}
