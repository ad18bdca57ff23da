import LedgerEvents
import LedgerRules

extension RectificationReport {
    /// One self-contained HTML file (no scripts, fonts, images or links to fetch) that prints on A4 landscape:
    /// title with scope and preparation date, provenance, a summary per community and class, the findings as one
    /// table whose header repeats on every page (a finding is kept on one page when it fits), the policy in
    /// force, and the sign-off block; every page is numbered 第 X 页 共 Y 页. Every value from the ledger is
    /// HTML-escaped.
    public func html() -> String { String(decoding: collect(html(into:)), as: UTF8.self) }

    /// `html()`, written to `stream` piece by piece (a community at a time).
    public func html(into stream: ReportStream) {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        var clean = CleanLines(stream)
        var out = htmlHead(title: title)
        // Two settings a row, so that the first page has room for the summary and the start of the list; the
        // long values (check code, checkpoint, counts) take a whole row.
        out += "<table class=\"stamp\">\n"
        var pending: (String, String)? = nil
        for (label, value) in stampLines {
            let long = value == stamp.headHash || value.count > 24
            let cls = value == stamp.headHash ? " class=\"mono\"" : ""
            if long {
                if let p = pending { out += "<tr><th>\(e(p.0))</th><td colspan=\"3\">\(e(p.1))</td></tr>\n"; pending = nil }
                out += "<tr><th>\(e(label))</th><td colspan=\"3\"\(cls)>\(e(value))</td></tr>\n"
            } else if let p = pending {
                out += "<tr><th>\(e(p.0))</th><td>\(e(p.1))</td><th>\(e(label))</th><td>\(e(value))</td></tr>\n"
                pending = nil
            } else {
                pending = (label, value)
            }
        }
        if let p = pending { out += "<tr><th>\(e(p.0))</th><td colspan=\"3\">\(e(p.1))</td></tr>\n" }
        out += "</table>\n<p class=\"note\">\(e(stampNote))</p>\n"

        out += "<h2>\(e(t("一、汇总", "1. Summary")))</h2>\n<table class=\"summary\">\n<thead><tr>"
        for (i, h) in summaryHeaders.enumerated() { out += i < 2 ? "<th>\(e(h))</th>" : "<th class=\"num\">\(e(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        let rows = summaryRows
        for (r, row) in rows.enumerated() {
            out += r == rows.count - 1 ? "<tr class=\"total\">" : "<tr>"
            for (i, cell) in row.enumerated() {
                let zero = i >= 2 && cell == "0" ? " zero" : ""
                out += i < 2 ? "<td>\(e(cell))</td>" : "<td class=\"num\(zero)\">\(e(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"

        out += "<h2>\(e(t("二、问题清单", "2. Findings")))</h2>\n"
        let headers = [t("序号", "No."), t("问题", "Problem"), t("对象", "Item"), t("事实", "Facts"), t("法律依据", "Legal basis"),
                       t("整改建议", "Suggested action"), t("责任主体与时限", "Responsible and deadline"), t("依据记录", "Records")]
        out += "<table class=\"findings\">\n<colgroup>"
            + ["c-no", "c-rule", "c-item", "c-facts", "c-basis", "c-action", "c-who", "c-records"].map { "<col class=\"\($0)\">" }.joined()
            + "</colgroup>\n<thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n"
        forEachPart(stream) { part, base in
            let byCommunity = part.findingIndexesByCommunity
            for c in part.rectification.communities {
                if out.utf8.count >= 1 << 16 { clean.write(out); out = "" }
                let indexes = byCommunity[c.communityID] ?? []
                out += "<tbody>\n<tr class=\"group\"><th colspan=\"\(headers.count)\">\(e(c.street)) · \(e(community(c)))"
                    + " <span class=\"count\">\(e(indexes.isEmpty ? t("未发现问题", "no findings") : t("\(indexes.count)项", Wording.englishCount(indexes.count, "finding"))))</span></th></tr>\n"
                for local in indexes {
                    let f = part.rectification.findings[local]
                    let open = f.isOpen ? "" : " resolved"
                    out += "<tr class=\"finding sev-\(f.severity.rawValue)\(open)\">"
                    out += "<td class=\"no\">\(base + local + 1)</td>"
                    out += "<td><span class=\"sev\">\(e(severityLabel(f.severity)))</span> <span class=\"code\">\(e(f.rule.code))</span>"
                        + "<div class=\"rule\">\(e(ruleLabel(f.rule)))</div><div class=\"class\">\(e(classLabel(f.problemClass)))</div></td>"
                    out += "<td>\(e(item(f)))<div class=\"since\">\(e(t("起始日期：", "Since: ") + Format.date(f.since, language)))</div>"
                        + "<div class=\"key\">\(e(t("问题编号：", "Key: ") + f.key))</div></td>"
                    out += "<td>\(e(facts(f)))</td>"
                    out += "<td class=\"basis\">\(e(basis(f)))</td>"
                    out += "<td><div class=\"loop\">\(e(t("整改状态：", "Rectification: ") + part.loopStatus(f)))</div>"
                        + "<div class=\"status\">\(e(status(f)))</div>\(e(action(f)))"
                        + (f.related.isEmpty ? "" : "<div class=\"related\">\(e(t("相关问题：", "Related: ") + related(f)))</div>") + "</td>"
                    let issue = part.issueCells(f)
                    out += "<td>\(e(issue.responsible))<div class=\"since\">\(e(t("整改时限：", "Deadline: ") + issue.deadline))</div>"
                        + "<div class=\"since\">\(e(t("交办清单：", "Issued in list: ") + issue.list))</div></td>"
                    out += "<td class=\"records\">" + f.evidence.map { e(t("第\($0.seq)条（\($0.eventID)）", "no. \($0.seq) (\($0.eventID))")) }
                        .joined(separator: "<br>") + "</td>"
                    out += "</tr>\n"
                }
                out += "</tbody>\n"
            }
        }
        out += "</table>\n"
        if !vanished.isEmpty {
            out += "<h3>\(e(vanishedTitle))</h3>\n<table class=\"vanished\">\n<thead><tr>"
                + vanishedHeaders.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for entry in vanished { out += "<tr>" + vanishedCells(entry).map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
            out += "</tbody>\n</table>\n"
        }

        out += "<h2>\(e(t("三、适用政策", "3. Policy in force")))</h2>\n<table class=\"policy\">\n<thead><tr>"
            + "<th>\(e(t("设置项", "Setting")))</th><th>\(e(t("取值", "Value")))</th><th>\(e(t("来源", "Source")))</th>"
            + "</tr></thead>\n<tbody>\n"
        for row in policyRows {
            out += "<tr><td>\(e(row.label))</td><td>\(e(row.value))</td><td>\(e(row.source))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += htmlSignOff() + "</body>\n</html>\n"
        clean.write(out)
        clean.finish()
    }

    /// The start of an HTML report: head with the shared style (plus `extraCSS`), numbered pages, title and
    /// subtitle.
    func htmlHead(title: String, extraCSS: String = "") -> String {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        return """
        <!DOCTYPE html>
        <html lang="\(t("zh-CN", "en"))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        \(RectificationReport.css)
        @page { @bottom-center { content: \(t(#""第 " counter(page) " 页 共 " counter(pages) " 页""#, #""Page " counter(page) " of " counter(pages)"#)); } }
        \(extraCSS)</style>
        </head>
        <body>
        <h1>\(e(title))</h1>
        <p class="subtitle">\(e(subtitle))</p>

        """
    }

    /// The sign-off block: who checked, who received.
    func htmlSignOff() -> String {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        let sign = signOff, colon = t("：", ": ")
        var out = "<div class=\"signoff\">\n<div class=\"checked\">"
            + sign.checkedBy.map { "<div class=\"field\"><span>\(e($0 + colon))</span></div>" }.joined() + "</div>\n"
        out += "<div class=\"received\">"
        for party in sign.receivedBy {
            out += "<div class=\"party\"><div class=\"field wide\"><span>\(e(party.party + colon))</span></div>"
                + party.fields.map { "<div class=\"field\"><span>\(e($0 + colon))</span></div>" }.joined() + "</div>"
        }
        return out + "</div>\n</div>\n"
    }

    static let css = """
    @page { size: A4 landscape; margin: 12mm 12mm 14mm 12mm; }
    @page { @bottom-center { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 8.5pt; color: #444; } }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
      "WenQuanYi Micro Hei", sans-serif; font-size: 9.5pt; line-height: 1.45; color: #111; margin: 0 auto;
      max-width: 273mm; padding: 8mm 0; }
    h1 { font-size: 16pt; text-align: center; margin: 0 0 1mm; }
    .subtitle { text-align: center; margin: 0 0 4mm; color: #333; }
    h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
    table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
    th, td { border: 0.5pt solid #888; padding: 1mm 1.6mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
    th { background: #eee; font-weight: 600; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    .stamp th { width: 26mm; white-space: nowrap; }
    .stamp td { width: 110mm; }
    .note { font-size: 8.5pt; color: #444; margin: 0 0 2mm; }
    .num { text-align: right; }
    .zero { color: #aaa; }
    .total td { font-weight: bold; background: #f5f5f5; }
    .mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
    .records { font-size: 8pt; }
    .findings col.c-no { width: 9mm; }
    .findings col.c-rule { width: 31mm; }
    .findings col.c-item { width: 36mm; }
    .findings col.c-basis { width: 46mm; }
    .findings col.c-action { width: 46mm; }
    .findings col.c-who { width: 26mm; }
    .findings col.c-records { width: 31mm; }
    .findings th { white-space: nowrap; }
    .findings td.no { text-align: center; font-weight: bold; }
    .findings tr.group th { background: #dde4ee; font-size: 10pt; break-after: avoid; page-break-after: avoid; }
    .findings tr.group .count { font-weight: normal; color: #333; font-size: 9pt; margin-left: 2mm; }
    .sev { display: inline-block; padding: 0 1.2mm; border-radius: 0.8mm; color: #fff; font-size: 8.5pt; }
    .sev-high .sev { background: #b00020; }
    .sev-medium .sev { background: #b35f00; }
    .sev-low .sev { background: #4a6fa5; }
    .code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
    .rule { font-weight: 600; }
    .class, .since, .related { color: #444; font-size: 8.5pt; }
    .key { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; color: #444; overflow-wrap: anywhere; }
    .loop { font-size: 8.5pt; color: #0d3c7a; }
    h3 { font-size: 10.5pt; margin: 4mm 0 2mm; }
    .basis { font-size: 8.5pt; }
    .status { font-weight: 600; }
    .resolved .status { color: #1b6e20; }
    .resolved .status::before { content: "✓ "; }
    .policy td:last-child, .policy th:last-child { white-space: nowrap; width: 20mm; }
    .signoff { margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
    .signoff .checked, .signoff .party { display: flex; gap: 6mm; margin-bottom: 3mm; }
    .signoff .field { flex: 1; border-bottom: 0.5pt solid #333; padding-bottom: 6mm; }
    .signoff .field.wide { flex: 2; }
    @media print { body { padding: 0; max-width: none; } }
    """
}
