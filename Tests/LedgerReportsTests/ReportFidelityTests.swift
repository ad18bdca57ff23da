import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerRules
import LedgerTestSupport
import Testing

/// Issue 13, the report items: what a street office needs on paper and in Excel.
@Suite struct ReportFidelityTests {
    static func report(_ language: ReportLanguage, street: String? = nil, community: String? = nil,
                       preparedOn: String? = nil) throws -> RectificationReport {
        let records = try SampleRecords.load()
        let scope = RectificationScope(asOf: SampleReportTests.asOf, street: street, communityID: community)
        let rectification = Rectifier.check(records: records, scope: scope, policy: Policy())
        let stamp = LedgerStamp(recordCount: Int64(records.count), headHash: records.last!.hash.hex)
        return RectificationReport(stamp: stamp, rectification: rectification, language: language,
                                   preparedOn: preparedOn.map { CalendarDate(iso: $0)! })
    }

    static func text(_ report: RectificationReport, _ format: RectificationFormat) -> String {
        String(decoding: report.render(format), as: UTF8.self)
    }

    struct TitleCase: Sendable, CustomTestStringConvertible {
        let street: String?
        let community: String?
        let zh: String
        let en: String
        var testDescription: String { zh }
    }

    @Test(arguments: [
        TitleCase(street: nil, community: nil, zh: "八大关街道、湛山街道共有部分和共有资金整改清单",
                  en: "Rectification list of common parts and common funds: 八大关街道, 湛山街道"),
        TitleCase(street: "湛山街道", community: nil, zh: "湛山街道共有部分和共有资金整改清单",
                  en: "Rectification list of common parts and common funds: 湛山街道"),
        TitleCase(street: nil, community: "C-HY", zh: "八大关街道海韵小区共有部分和共有资金整改清单",
                  en: "Rectification list of common parts and common funds: 八大关街道 海韵小区"),
    ])
    func titleNamesTheScope(_ c: TitleCase) throws {
        for (language, title) in [(ReportLanguage.zh, c.zh), (.en, c.en)] {
            let report = try Self.report(language, street: c.street, community: c.community)
            #expect(Self.text(report, .table).hasPrefix(title + "\n"))
            #expect(Self.text(report, .md).hasPrefix("# " + title + "\n"))
            #expect(Self.text(report, .html).contains("<h1>" + HTMLText.escape(title) + "</h1>"))
            #expect(Self.text(report, .json).contains("\"title\": \"" + title + "\""))
        }
    }

    @Test func preparedOnIsGivenNotReadFromAClock() throws {
        let byDefault = try Self.report(.zh)
        #expect(Self.text(byDefault, .table).contains("制表日期：2025年12月31日"))
        #expect(Self.text(byDefault, .table).contains("制表日期      2025-12-31"))
        let given = try Self.report(.zh, preparedOn: "2026-01-05")
        for format in RectificationFormat.allCases where format != .csv {
            #expect(Self.text(given, format).contains("2026-01-05") || Self.text(given, format).contains("2026年1月5日"), "\(format)")
            #expect(given.render(format) == (try Self.report(.zh, preparedOn: "2026-01-05")).render(format))
        }
        #expect(String(decoding: given.metaCSV(), as: UTF8.self).contains("制表日期,2026-01-05"))
        #expect(Self.text(try Self.report(.en, preparedOn: "2026-01-05"), .table).contains("prepared on 2026-01-05"))
    }

    /// Under `--lang zh` nothing a reader sees is an English key, raw JSON or a ¥ amount.
    @Test(arguments: [RectificationFormat.table, .md, .html, .csv])
    func chineseHasNoEnglishKeysOrRawJSON(_ format: RectificationFormat) throws {
        let report = try Self.report(.zh)
        var text = Self.text(report, format)
        if format == .csv { text += String(decoding: report.metaCSV(), as: UTF8.self) }
        for key in Policy.keys.map(\.key) + Policy.fundKinds + ["{\"", "[\"", "¥", " records", " · root ", "law.", "default"] {
            #expect(!text.contains(key), "\(format): \(key)")
        }
        for word in ["元", "账本校验码", "依据记录", "第51条（ev-0051）", "第二百八十二条", "待整改", "已逾期补正", "整改建议"] {
            #expect(text.contains(word), "\(format): \(word)")
        }
    }

    /// `--lang en` says everything in English: no Chinese label or sentence of ours is left (names from the ledger
    /// stay as they are).
    @Test(arguments: [RectificationFormat.table, .md, .html, .csv, .json])
    func englishIsEquallyComplete(_ format: RectificationFormat) throws {
        let report = try Self.report(.en)
        var text = Self.text(report, format)
        if format == .csv { text += String(decoding: report.metaCSV(), as: UTF8.self) }
        for word in ["元", "待整改", "已逾期补正", "法律依据", "整改建议", "依据记录", "《民法典》", "第二百", "制表日期", "核查单位", "签收",
                     "三分之二"] {
            #expect(!text.contains(word), "\(format): \(word)")
        }
        for word in ["remedied late", "Civil Code Art. 282", "¥"] + (format == .json ? [] : ["Prepared on", "open"]) {
            #expect(text.contains(word), "\(format): \(word)")
        }
    }

    /// A lapse remedied late is marked so in every format, with advice that fits.
    @Test(arguments: RectificationFormat.allCases)
    func remediedIsMarkedInEveryFormat(_ format: RectificationFormat) throws {
        let report = try Self.report(.zh)
        let index = try #require(report.rectification.findings.firstIndex { $0.resolution?.kind == .remediedLate })
        let text = Self.text(report, format)
        switch format {
        case .json:
            let findings = try #require(try JSONParser.parse(text)["findings"]?.arrayValue)
            #expect(findings[index]["status"]?["code"]?.stringValue == "remedied_late")
            #expect(findings[index]["action_code"]?.stringValue == "disclosed_late")
        case .csv:
            let rows = CSVCells.parse(String(decoding: report.csv().dropFirst(3), as: UTF8.self))
            let status = try #require(rows.first?.firstIndex(of: "状态"))
            #expect(rows[index + 1][status].hasPrefix("已逾期补正（"))
            #expect(!rows[index + 1].contains { $0.contains("立即公示") })
        case .html:
            #expect(text.contains("class=\"finding sev-medium resolved\""))
            #expect(text.contains("<div class=\"status\">已逾期补正（"))
        case .table, .md:
            #expect(text.contains("已逾期补正（2025年1月8日）"))
            #expect(text.contains("已逾期补充公示；督促今后按期公示"))
        }
    }

    /// The CSV is one flat table: BOM, the header in row 1, one row per finding, every row as wide as the header.
    @Test func csvIsOneFlatTable() throws {
        let report = try Self.report(.zh)
        let bytes = report.csv()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = CSVCells.parse(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        #expect(rows.first?.first == "序号")
        #expect(rows.count == report.rectification.findings.count + 1)
        for (i, row) in rows.enumerated() { #expect(row.count == rows[0].count, "row \(i + 1)") }
        #expect(rows.dropFirst().map { $0[0] } == report.rectification.findings.indices.map { String($0 + 1) })
        let meta = CSVCells.parse(String(decoding: report.metaCSV().dropFirst(3), as: UTF8.self))
        #expect(meta.first == ["项目", "内容", "来源"])
        #expect(meta.contains { $0.first == "账本校验码" && $0[1] == report.stamp.headHash })
        #expect(meta.contains { $0.first == "经营合同期限上限" && $0[1] == "36个月" })
    }

    /// Print: page numbers, a header repeated on every page, findings kept whole, and the sign-off block.
    @Test(arguments: ReportLanguage.allCases)
    func htmlPrintsLikeAnOfficialList(_ language: ReportLanguage) throws {
        let html = Self.text(try Self.report(language), .html)
        #expect(html.contains("@page { size: A4 landscape;"))
        #expect(html.contains(language == .zh ? #"content: "第 " counter(page) " 页 共 " counter(pages) " 页";"#
                                              : #"content: "Page " counter(page) " of " counter(pages);"#))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("tr { break-inside: avoid;"))
        #expect(html.contains("<table class=\"findings\">") && html.contains("</colgroup>\n<thead><tr><th>"))
        let words = language == .zh ? ["核查单位（盖章）：", "经办人：", "审核人：", "日期：", "签收：业主委员会（盖章）：", "签收：物业服务企业（盖章）：", "签收人："]
                                    : ["Checked by (seal): ", "Officer: ", "Reviewed by: ", "Date: ", "owners' committee (seal): ", "property service company (seal): "]
        for word in words { #expect(html.contains(HTMLText.escape(word)), "\(word)") }
    }

    /// Linked findings name each other by number in every text format.
    @Test func linkedFindingsNameEachOther() throws {
        let report = try Self.report(.zh)
        let findings = report.rectification.findings
        let a = try #require(findings.firstIndex { $0.rule == .contractExpiredStillUsed })
        let b = try #require(findings.firstIndex { $0.rule == .rentArrears && $0.itemID == findings[a].itemID })
        #expect(findings[a].related.contains(b) && findings[b].related.contains(a))
        #expect(Self.text(report, .table).contains("相关问题：第\(b + 1)"))
        let json = try JSONParser.parse(Self.text(report, .json))
        #expect(json["findings"]?.arrayValue?[a]["related"]?.arrayValue?.contains(.integer(Int64(b + 1))) == true)
    }
}

/// Statutes are cited with Chinese numerals, shares in words.
@Suite struct CitationTextTests {
    /// Both languages' sentences of a fact name the same values, so neither leaves one out (nor asks for one the
    /// rule does not give, which would stop the report).
    @Test(arguments: FactKey.allCases)
    func bothLanguagesNameTheSameValues(_ key: FactKey) {
        func names(_ template: String) -> [String] {
            // `{days:day}` names `days` (with its English noun), `{~term}` words made from the others.
            template.split(separator: "{", omittingEmptySubsequences: false).dropFirst()
                .compactMap { $0.split(separator: "}").first.map { String($0.split(separator: ":").first ?? "") } }.sorted()
        }
        #expect(names(FactText.template(key, .zh)) == names(FactText.template(key, .en)), "\(key.rawValue)")
    }

    /// Every action is worded in both languages, and the Chinese one is not an order to act now when the lapse
    /// is already remedied, ratified or ended.
    @Test(arguments: Action.allCases)
    func actionsAreWorded(_ action: Action) {
        #expect(!action.zh.isEmpty && !action.en.isEmpty)
        if [.useRatified, .contractRatified, .spendingRatified, .transferRatified, .disclosedLate, .emergencyDisclosedLate,
            .overdraftEnded, .moneyRecovered, .moneyReturned].contains(action) {
            #expect(!action.zh.contains("立即"), "\(action.rawValue)")
        }
    }

    @Test(arguments: [(1, "一"), (10, "十"), (15, "十五"), (30, "三十"), (92, "九十二"), (110, "一百一十"), (271, "二百七十一"),
                      (705, "七百零五"), (1000, "一千"), (1005, "一千零五"), (1259, "一千二百五十九")])
    func chineseNumerals(_ n: Int, _ text: String) { #expect(ChineseNumeral.text(n) == text) }

    @Test func citationsReadAsStatutesAreCited() {
        let basis = LegalBasis([Citation(.qingdaoRegulations, 78, paragraph: 3), Citation(.civilCode, 282),
                                Citation(.qingdaoRegulations, 30, paragraph: 1, items: [7, 10]), Citation(.propertyManagementRegulations, 54)])
        #expect(basis.zh == "《民法典》第二百八十二条；《物业管理条例》第五十四条；《青岛市物业管理条例》第三十条第一款第七项、第十项、第七十八条第三款")
        #expect(basis.en == "Civil Code Art. 282; Property Management Regulations Art. 54; Qingdao Property Management Regulations Art. 30(1) items 7, 10, Art. 78(3)")
        #expect(Format.shareZh(Share.twoThirds) == "三分之二" && Format.shareZh(Share.threeQuarters) == "四分之三")
        #expect(Format.money(Amount(fen: -20_000), .zh) == "-200.00元" && Format.money(Amount(fen: 350_000), .en) == "¥3,500.00")
    }
}

/// Owner counts are only bounded by JSON's 2^53 − 1; the shares shown in the decisions report must not overflow
/// (share × 10,000 trapped for counts above about 9.2 × 10^14, taking `ledger decisions` down).
@Suite struct DecisionShareOverflowTests {
    @Test func hugeOwnerCountsDoNotTrap() throws {
        let records = try SampleRecords.records(lines: [
            #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000.00","total_owners":9007199254740991}}"#,
            #"{"id":"d1","type":"decision.recorded","occurred_on":"2024-02-01","data":{"decision_id":"D-1","community_id":"C-1","matter":"covenant","participating_area_m2":"9000.00","participating_owners":9007199254740991,"approving_area_m2":"9000.00","approving_owners":9007199254740990,"authorises":{}}}"#,
        ])
        let p = Projection(records: records, asOf: CalendarDate(iso: "2024-12-31")!)
        let text = String(decoding: ProjectionReports.decisions(p, filter: EntityFilter(), format: .csv), as: UTF8.self)
        #expect(text.contains("100.00%"))
        #expect(text.contains("99.99%"))
    }
}
