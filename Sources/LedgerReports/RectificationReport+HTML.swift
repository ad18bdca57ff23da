import LedgerRules

extension RectificationReport {
    /// One self-contained HTML file (no scripts, fonts, images or links to fetch) that prints on A4: the
    /// provenance, a summary per community and class, the findings grouped by community, the policy in force and
    /// a sign-off block. Every value from the ledger is HTML-escaped.
    public func html() -> String {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        var out = """
        <!DOCTYPE html>
        <html lang="\(t("zh-CN", "en"))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title)) \(e(Format.date(rectification.scope.asOf)))</title>
        <style>
        \(RectificationReport.css)
        </style>
        </head>
        <body>
        <h1>\(e(title))</h1>

        """
        out += "<table class=\"stamp\">\n"
        for (label, value) in stampLines {
            let cls = value == stamp.headHash ? " class=\"mono\"" : ""
            out += "<tr><th>\(e(label))</th><td\(cls)>\(e(value))</td></tr>\n"
        }
        out += "</table>\n"

        out += "<h2>\(e(t("汇总", "Summary")))</h2>\n<table class=\"summary\">\n<thead><tr>"
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

        out += "<h2>\(e(t("问题清单", "Findings")))</h2>\n"
        var number = 0
        for c in rectification.communities {
            let list = rectification.findings.filter { $0.communityID == c.communityID }
            out += "<section class=\"community\">\n<h3>\(e(c.street)) · \(e(community(c)))"
                + " <span class=\"count\">\(e(t("\(list.count) 项", "\(list.count) findings")))</span></h3>\n"
            if list.isEmpty {
                out += "<p class=\"none\">\(e(t("未发现问题。", "No findings.")))</p>\n</section>\n"
                continue
            }
            out += "<table class=\"findings\">\n<colgroup><col class=\"c-no\"><col class=\"c-label\"><col></colgroup>\n"
            for f in list {
                number += 1
                out += "<tbody class=\"finding sev-\(f.severity.rawValue)\">\n"
                out += "<tr class=\"head\"><td class=\"no\" rowspan=\"7\">\(number)</td>"
                    + "<td colspan=\"2\"><span class=\"sev\">\(e(severityLabel(f.severity)))</span> "
                    + "<span class=\"code\">\(e(f.rule.code))</span> <strong>\(e(ruleLabel(f.rule)))</strong> "
                    + "<span class=\"class\">\(e(classLabel(f.problemClass)))</span></td></tr>\n"
                let lines: [(String, String, String)] = [
                    (t("项目", "Item"), item(f), ""),
                    (t("起始日期", "Since"), Format.date(f.since), ""),
                    (t("事实", "Facts"), facts(f), ""),
                    (t("法律依据", "Legal basis"), basis(f.rule), ""),
                    (t("证据事件", "Evidence"), evidence(f), " class=\"mono\""),
                ]
                for (label, value, cls) in lines { out += "<tr><th>\(e(label))</th><td\(cls)>\(e(value))</td></tr>\n" }
                out += "<tr><th>\(e(t("建议措施", "Action")))</th><td>\(e(action(f.rule)))</td></tr>\n"
                out += "</tbody>\n"
            }
            out += "</table>\n</section>\n"
        }

        out += "<h2>\(e(t("适用政策", "Policy in force")))</h2>\n<table class=\"policy\">\n<thead><tr>"
            + "<th>\(e(t("说明", "Setting")))</th><th>\(e(t("值", "Value")))</th><th>\(e(t("来源", "Source")))</th><th>\(e(t("键", "Key")))</th>"
            + "</tr></thead>\n<tbody>\n"
        for row in policyRows {
            out += "<tr><td>\(e(row.label))</td><td class=\"mono\">\(e(row.value))</td><td>\(e(row.source))</td>"
                + "<td class=\"mono\">\(e(row.key))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<div class=\"signoff\"><span>\(e(t("核查单位（盖章）：", "Checked by (seal): ")))</span>"
            + "<span>\(e(t("经办人：", "Officer: ")))</span><span>\(e(t("日期：", "Date: ")))</span></div>\n"
        out += "</body>\n</html>\n"
        return TextClean.lines(out)
    }

    static let css = """
    @page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
      "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; line-height: 1.45; color: #111; margin: 0 auto;
      max-width: 186mm; padding: 8mm 0; }
    h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
    h2 { font-size: 13pt; border-bottom: 1.5pt solid #333; margin: 6mm 0 2mm; break-after: avoid; }
    h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
    h3 .count { font-weight: normal; color: #555; font-size: 9pt; }
    table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
    th, td { border: 0.5pt solid #999; padding: 1.2mm 2mm; vertical-align: top; text-align: left;
      overflow-wrap: anywhere; }
    th { background: #f1f1f1; font-weight: 600; white-space: nowrap; }
    thead { display: table-header-group; }
    tr, tbody.finding { break-inside: avoid; page-break-inside: avoid; }
    .stamp th { width: 32mm; }
    .num { text-align: right; }
    .zero { color: #aaa; }
    .total td { font-weight: bold; background: #f7f7f7; }
    .mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
    .findings col.c-no { width: 9mm; }
    .findings col.c-label { width: 22mm; }
    .findings td.no { text-align: center; font-weight: bold; }
    .findings tr.head td { background: #fafafa; }
    .findings tbody.finding { border-top: 1.5pt solid #555; }
    .sev { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; color: #fff; font-size: 9pt; }
    .sev-high .sev { background: #b00020; }
    .sev-medium .sev { background: #c76a00; }
    .sev-low .sev { background: #4a6fa5; }
    .code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
    .class { color: #555; font-size: 9pt; }
    .none { color: #555; }
    .signoff { display: flex; justify-content: space-between; margin-top: 10mm; padding-top: 3mm; }
    .signoff span { width: 32%; border-bottom: 0.5pt solid #333; padding-bottom: 6mm; }
    @media print { body { padding: 0; max-width: none; } }
    """
}
