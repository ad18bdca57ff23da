import LedgerEvents
import LedgerRules

/// The 交办通知 (notice of issue) handed to a community with its rectification list: the list's number, the issuing
/// street office, the day of issue, and each issued finding's key, problem, responsible party and deadline (整改时限),
/// naming the list's SHA-256 so that the two papers tie together.
///
/// It is made from the `rectification.issued` event alone (and the community's name and street): `rectify --issue
/// --notice-out` renders it from the event it writes, `rectify --notice LIST-ID` from the event in the log, and the
/// two are the same bytes when the event was appended as written. The list itself is never changed by it: its digest
/// (`report_sha256`) is what `--at-seq` makes again.
public struct RectificationNotice: Sendable {
    public let issued: RectificationIssued
    /// The event's date: the day of issue.
    public let issuedOn: CalendarDate
    public let communityName: String
    public let street: String
    public let language: ReportLanguage
    public let names: PersonalNames

    public init(issued: RectificationIssued, issuedOn: CalendarDate, communityName: String, street: String,
                language: ReportLanguage, names: PersonalNames) {
        self.issued = issued
        self.issuedOn = issuedOn
        self.communityName = communityName
        self.street = street
        self.language = language
        self.names = names
    }

    func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }
    func day(_ date: CalendarDate) -> String { Format.date(date, language) }

    /// The report's bytes in `format`.
    public func render(_ format: RectificationFormat) -> [UInt8] {
        let (stream, bytes) = ReportStream.collecting()
        renderFormat(format, into: stream)
        return bytes()
    }

    var title: String { t("整改清单交办通知", "Notice of issue of a rectification list") }

    /// The street office that issues: the community's street's 办事处.
    var office: String { t(street + "办事处", street + " street office") }

    /// The list handed over with the notice, by the title it bears (in the list's language).
    var listTitle: String {
        let written = ReportLanguage(rawValue: issued.reportLanguage) ?? language
        let title = RectificationReport.listTitle(scopeName: RectificationReport.communityScopeName(street: street, name: communityName, written), written)
        return t("《" + title + "》", "\"" + title + "\"")
    }

    /// The notice's particulars: (label, value).
    var lines: [(String, String)] {
        let format = issued.reportFormat + (issued.reportLanguage == "en" ? t("，英文", ", English") : t("，中文", ", Chinese"))
        return [
            (t("清单编号", "List"), issued.listID),
            (t("交办单位", "Issued by"), office),
            (t("交办对象", "Issued to"), issued.communityID + " " + communityName),
            (t("交办日期", "Issued on"), day(issuedOn)),
            (t("所附清单", "List attached"), listTitle),
            (t("核查截至日期", "As of"), day(issued.asOf)),
            (t("制表日期", "Prepared on"), day(issued.preparedOn)),
            (t("清单文件", "List file"), format),
            (t("清单 SHA-256", "List SHA-256"), issued.reportSHA256),
            (t("清单依据", "Made from"), t("账本第1至\(issued.atSeq)条记录", "records 1 to \(issued.atSeq) of the ledger")),
            (t("交办问题", "Findings issued"), t("\(issued.items.count)项", String(issued.items.count))),
        ]
    }

    /// What the community is asked to do, and how the list is checked.
    var body: [String] {
        [t("现将所附整改清单交办你小区。请下列各项的责任主体在整改时限内完成整改，并将整改措施和证明材料报送\(office)复核；逾期未报送的，列为逾期。",
           "The list attached is issued to your community. The party responsible for each finding below is to remedy it by its deadline and report the measures taken, with evidence, to the \(office) for re-checking; a finding not reported by its deadline is overdue."),
         t("所附清单以其 SHA-256 为准：与上列一致的，方为本次交办的清单（可用“ledger rectify --at-seq \(issued.atSeq)”按清单所记选项重新生成核对）。问题的事实、法律依据和整改建议见清单中同一问题编号。",
           "The list attached is the one issued only if its SHA-256 is the one above (it can be made again with `ledger rectify --at-seq \(issued.atSeq)` and the options it names). The facts, legal basis and suggested action of each finding are in the list under the same key.")]
    }

    var itemHeaders: [String] {
        [t("序号", "No."), t("问题编号", "Key"), t("问题", "Problem"), t("责任主体", "Responsible"), t("整改时限", "Deadline")]
    }

    /// Each issued finding's cells, in `itemHeaders` order (`isoDates` for a date column).
    func itemCells(isoDates: Bool) -> [[String]] {
        issued.items.enumerated().map { offset, item in
            let rule = FindingKey.rule(of: FindingKey.current(item.key))
            return [String(offset + 1), item.key, rule.map { $0.code + " " + t($0.labelZh, $0.labelEn) } ?? "",
                    names.text(item.responsible, english: language == .en),
                    isoDates ? Format.date(item.deadline) : day(item.deadline)]
        }
    }

    /// The sign-off: who issues, who received.
    var signOff: [String] {
        let blank = "________"
        return [t("交办单位（盖章）：", "Issued by (seal): ") + blank + "    " + t("经办人：", "Officer: ") + blank + "    "
                    + t("日期：", "Date: ") + day(issuedOn),
                t("签收：业主委员会（盖章）：", "Received: owners' committee (seal): ") + blank + "    " + t("签收人：", "Signed by: ") + blank
                    + "    " + t("日期：", "Date: ") + blank,
                t("签收：物业服务企业（盖章）：", "Received: property service company (seal): ") + blank + "    " + t("签收人：", "Signed by: ")
                    + blank + "    " + t("日期：", "Date: ") + blank]
    }
}

extension RectificationNotice: RectificationFormats {
    func table(into stream: ReportStream) {
        var out = TerminalText.clean(title) + "\n\n"
        let width = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in lines {
            out += label + String(repeating: " ", count: width - DisplayWidth.of(label)) + "  " + TerminalText.clean(value) + "\n"
        }
        out += "\n" + body.map(TerminalText.clean).joined(separator: "\n") + "\n\n"
        var table = TextTable(headers: itemHeaders)
        for row in itemCells(isoDates: false) { table.append(row.map(TerminalText.clean)) }
        out += table.render() + "\n" + signOff.joined(separator: "\n") + "\n"
        var clean = CleanLines(stream)
        clean.write(out)
        clean.finish()
    }

    func csv(into stream: ReportStream) {
        var table = CSVTable(headers: [t("清单编号", "List"), t("交办单位", "Issued by"), t("小区", "Community"), t("交办日期", "Issued on")]
                             + itemHeaders + [t("清单 SHA-256", "List SHA-256")])
        for row in itemCells(isoDates: true) {
            table.append([.text(issued.listID), .text(office), .text(issued.communityID + " " + communityName), .numeric(Format.date(issuedOn)),
                          .numeric(row[0]), .text(row[1]), .text(row[2]), .text(row[3]), .numeric(row[4]), .text(issued.reportSHA256)])
        }
        stream.write(table.render())
    }

    func json(into stream: ReportStream) {
        let items: [JSONValue] = issued.items.enumerated().map { offset, item in
            let rule = FindingKey.rule(of: FindingKey.current(item.key))
            return .object(["no": .integer(Int64(offset + 1)), "key": .string(item.key), "rule": rule.map { .string($0.code) } ?? .null,
                            "label": rule.map { .string(t($0.labelZh, $0.labelEn)) } ?? .null,
                            "responsible": .string(names.text(item.responsible, english: language == .en)),
                            "deadline": .string(Format.date(item.deadline))])
        }
        let root: JSONValue = .object([
            "report": .string("rectification_notice"), "format_version": .integer(1), "language": .string(language.rawValue),
            "title": .string(title), "list_id": .string(issued.listID), "issued_by": .string(office),
            "community_id": .string(issued.communityID), "community_name": .string(communityName), "street": .string(street),
            "issued_on": .string(Format.date(issuedOn)),
            "list": .object(["title": .string(listTitle), "as_of": .string(Format.date(issued.asOf)),
                             "prepared_on": .string(Format.date(issued.preparedOn)), "at_seq": .integer(issued.atSeq),
                             "format": .string(issued.reportFormat), "language": .string(issued.reportLanguage),
                             "sha256": .string(issued.reportSHA256)]),
            "items": .array(items),
        ])
        stream.write(PrettyJSON.render(root))
    }

    func markdown(into stream: ReportStream) {
        var out = "# " + MarkdownText.escape(title) + "\n\n"
        out += MarkdownText.table(headers: [t("项目", "Item"), t("内容", "Value")], rows: lines.map { [$0.0, $0.1] })
        out += "\n" + body.map { MarkdownText.escape($0) }.joined(separator: "\n\n") + "\n\n"
        out += MarkdownText.table(headers: itemHeaders, rows: itemCells(isoDates: true))
        out += "\n" + signOff.map { MarkdownText.escape($0) }.joined(separator: "\n\n") + "\n"
        var clean = CleanLines(stream)
        clean.write(out)
        clean.finish()
    }

    func html(into stream: ReportStream) {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        var out = """
        <!DOCTYPE html>
        <html lang="\(t("zh-CN", "en"))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title + " " + issued.listID))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        <h1>\(e(title))</h1>
        <p class="subtitle">\(e(t("清单编号：", "List ") + issued.listID))</p>
        <table class="stamp">

        """
        for (label, value) in lines {
            let mono = value == issued.reportSHA256 ? " class=\"mono\"" : ""
            out += "<tr><th>\(e(label))</th><td\(mono)>\(e(value))</td></tr>\n"
        }
        out += "</table>\n" + body.map { "<p>\(e($0))</p>\n" }.joined()
        out += "<table class=\"items\">\n<thead><tr>" + itemHeaders.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in itemCells(isoDates: false) { out += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        out += "</tbody>\n</table>\n<div class=\"signoff\">\n" + signOff.map { "<p>\(e($0))</p>\n" }.joined() + "</div>\n</body>\n</html>\n"
        stream.write(out)
    }

    /// A4 portrait, one self-contained file (no scripts, fonts or links to fetch), as the list's HTML.
    static let css = """
    @page { size: A4 portrait; margin: 18mm 16mm 18mm 16mm; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif;
      font-size: 10.5pt; line-height: 1.6; color: #111; margin: 0 auto; max-width: 178mm; }
    h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }
    .subtitle { text-align: center; margin: 0 0 5mm; }
    table { border-collapse: collapse; width: 100%; margin: 3mm 0; }
    th, td { border: 0.4pt solid #555; padding: 1mm 2mm; text-align: left; vertical-align: top; }
    .stamp th { width: 32mm; background: #f2f2f2; font-weight: 600; }
    .items thead { display: table-header-group; }
    .items tr { page-break-inside: avoid; }
    .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
    .signoff { margin-top: 10mm; page-break-inside: avoid; }
    .signoff p { margin: 4mm 0; }
    """
}
