import LedgerEvents
import LedgerRules

extension RectificationReport {
    /// Plain text for a terminal: provenance, summary table, then one block per finding.
    public func table() -> String {
        var out = title + "\n\n"
        let width = stampLines.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in stampLines {
            out += label + String(repeating: " ", count: width - DisplayWidth.of(label)) + "  " + TerminalText.clean(value) + "\n"
        }
        out += "\n" + t("汇总", "Summary") + "\n"
        var summary = TextTable(headers: summaryHeaders,
                                alignments: [.left, .left] + Array(repeating: .right, count: ProblemClass.allCases.count + 1))
        for row in summaryRows { summary.append(row) }
        out += summary.render()
        out += "\n" + t("问题清单", "Findings") + "\n"
        if rectification.findings.isEmpty { out += t("（无）", "(none)") + "\n" }
        let colon = t("：", ": ")
        for (index, f) in rectification.findings.enumerated() {
            out += "\n[\(index + 1)] \(severityLabel(f.severity)) \(f.rule.code) \(ruleLabel(f.rule))"
                + t("（\(classLabel(f.problemClass))）", " (\(classLabel(f.problemClass)))") + "\n"
            let lines: [(String, String)] = [
                (t("小区", "Community"), "\(f.communityID) \(f.communityName)" + t("（\(f.street)）", " (\(f.street))")),
                (t("项目", "Item"), item(f)),
                (t("起始", "Since"), Format.date(f.since)),
                (t("事实", "Facts"), facts(f)),
                (t("依据", "Basis"), basis(f.rule)),
                (t("证据", "Evidence"), evidence(f)),
                (t("建议", "Action"), action(f.rule)),
            ]
            for (label, value) in lines { out += "    " + label + colon + TerminalText.clean(value) + "\n" }
        }
        out += "\n" + t("适用政策", "Policy in force") + "\n"
        var policy = TextTable(headers: [t("键", "Key"), t("说明", "Setting"), t("值", "Value"), t("来源", "Source")])
        for row in policyRows { policy.append([row.key, row.label, row.value, row.source]) }
        out += policy.render()
        return TextClean.lines(out)
    }

    /// Markdown: the same sections as tables.
    public func markdown() -> String {
        var out = "# " + MarkdownText.escape(title) + "\n\n"
        out += "| " + t("项目", "Item") + " | " + t("值", "Value") + " |\n|---|---|\n"
        for (label, value) in stampLines { out += "| \(MarkdownText.escape(label)) | \(MarkdownText.escape(value)) |\n" }
        out += "\n## " + t("汇总", "Summary") + "\n\n"
        out += MarkdownText.table(headers: summaryHeaders, rows: summaryRows)
        out += "\n## " + t("问题清单", "Findings") + "\n"
        var number = 0
        for c in rectification.communities {
            let list = rectification.findings.filter { $0.communityID == c.communityID }
            out += "\n### " + MarkdownText.escape("\(c.street) · \(community(c))") + "\n\n"
            if list.isEmpty { out += t("未发现问题。", "No findings.") + "\n"; continue }
            let rows: [[String]] = list.map { f in
                number += 1
                return [String(number), severityLabel(f.severity), classLabel(f.problemClass), "\(f.rule.code) \(ruleLabel(f.rule))",
                        item(f), Format.date(f.since), facts(f), basis(f.rule), evidence(f), action(f.rule)]
            }
            out += MarkdownText.table(headers: [t("序号", "No."), t("严重程度", "Severity"), t("类别", "Class"), t("规则", "Rule"),
                                               t("项目", "Item"), t("起始日期", "Since"), t("事实", "Facts"),
                                               t("法律依据", "Legal basis"), t("证据事件", "Evidence events"),
                                               t("建议措施", "Suggested action")], rows: rows)
        }
        out += "\n## " + t("适用政策", "Policy in force") + "\n\n"
        out += MarkdownText.table(headers: [t("键", "Key"), t("说明", "Setting"), t("值", "Value"), t("来源", "Source")],
                                  rows: policyRows.map { [$0.key, $0.label, $0.value, $0.source] })
        return TextClean.lines(out)
    }
}

/// Markdown escaping for table cells: text from outside must not break the table or inject markup.
public enum MarkdownText {
    /// Escapes `\`, `|`, `*`, `_`, backquote, `[`, `]`, `<`, `>`, `#`, turns line breaks into spaces and control
    /// characters into U+FFFD (`DisplayText`).
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in DisplayText.neutralised(text, lineBreaks: .toSpace) {
            switch c {
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~": out += "\\" + String(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    static func table(headers: [String], rows: [[String]]) -> String {
        var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}

/// Final clean-up shared by the text formats: no trailing spaces, `\n` line ends, one final newline.
enum TextClean {
    static func lines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var l = line
            while l.last == " " || l.last == "\t" { l.removeLast() }
            return l
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
