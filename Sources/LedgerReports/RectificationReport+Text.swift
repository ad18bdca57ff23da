import LedgerEvents
import LedgerRules

extension RectificationReport {
    /// Plain text for a terminal: title, provenance, summary table, one block per finding, policy, sign-off.
    public func table() -> String { String(decoding: collect(table(into:)), as: UTF8.self) }

    /// `table()`, written to `stream` piece by piece (a finding at a time).
    public func table(into stream: ReportStream) {
        var clean = CleanLines(stream)
        var out = TerminalText.clean(title) + "\n" + subtitle + "\n\n"
        let width = stampLines.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in stampLines {
            out += label + String(repeating: " ", count: width - DisplayWidth.of(label)) + "  " + TerminalText.clean(value) + "\n"
        }
        out += stampNote + "\n"
        out += "\n" + t("汇总", "Summary") + "\n"
        var summary = TextTable(headers: summaryHeaders,
                                alignments: [.left, .left] + Array(repeating: .right, count: ProblemClass.allCases.count + 1))
        for row in summaryRows { summary.append(row) }
        out += summary.render()
        out += "\n" + t("问题清单", "Findings") + "\n"
        if findingCount == 0 { out += t("（无）", "(none)") + "\n" }
        let colon = t("：", ": ")
        let zh = language == .zh
        forEachPart(stream) { part, base in
            for (local, f) in part.rectification.findings.enumerated() {
                let index = base + local
                out += "\n["; out += String(index + 1); out += "] "; out += severityLabel(f.severity); out += " "
                out += f.rule.code; out += " "; out += ruleLabel(f.rule)
                out += zh ? "（" : " ("; out += classLabel(f.problemClass); out += zh ? "）\n" : ")\n"
                // The labels of the other formats' columns, so that the note on records reads the same everywhere.
                // Appended to `out` in place (no list of lines, no concatenated temporaries: millions of findings).
                func line(_ label: String, _ value: String) {
                    out += "    "; out += label; out += colon; out += TerminalText.clean(value); out += "\n"
                }
                line(t("小区", "Community"), community(f) + (zh ? "（" + f.street + "）" : " (" + f.street + ")"))
                line(t("对象", "Item"), item(f))
                line(t("问题编号", "Key"), f.key)
                line(t("起始日期", "Since"), Format.date(f.since))
                line(t("状态", "Status"), status(f))
                line(t("整改状态", "Rectification status"), part.loopStatus(f))
                line(t("事实", "Facts"), facts(f))
                line(t("法律依据", "Legal basis"), basis(f))
                line(t("依据记录", "Records"), evidence(f))
                if !f.related.isEmpty { line(t("相关问题", "Related findings"), related(f)) }
                line(t("整改建议", "Suggested action"), action(f))
                if out.utf8.count >= 1 << 16 { clean.write(out); out = "" }
            }
        }
        if !vanished.isEmpty {
            out += "\n" + vanishedTitle + "\n"
            var table = TextTable(headers: vanishedHeaders)
            for e in vanished { table.append(vanishedCells(e).map(TerminalText.clean)) }
            out += table.render()
        }
        out += "\n" + t("适用政策", "Policy in force") + "\n"
        var policy = TextTable(headers: [t("设置项", "Setting"), t("取值", "Value"), t("来源", "Source")])
        for row in policyRows { policy.append([row.label, row.value, row.source]) }
        out += policy.render()
        out += "\n" + signOffLines.joined(separator: "\n") + "\n"
        clean.write(out)
        clean.finish()
    }

    /// What a renderer writes to a stream, whole.
    func collect(_ render: (ReportStream) -> Void) -> [UInt8] {
        let (stream, bytes) = ReportStream.collecting()
        render(stream)
        // A list made a community at a time from a file is written with `render(_:into:)`, whose caller reports a
        // failed read (`ReportStream.failure`); only lists held whole are rendered to an array.
        precondition(stream.failure == nil, "a list whose parts stopped early is rendered into a stream that reports it")
        return bytes()
    }

    /// The sign-off block as lines of text with blanks to fill in.
    var signOffLines: [String] {
        let blank = "________"
        let sign = signOff
        return [sign.checkedBy.map { $0 + t("：", ": ") + blank }.joined(separator: "  ")]
            + sign.receivedBy.map { party in
                ([party.party + t("：", ": ") + blank] + party.fields.map { $0 + t("：", ": ") + blank }).joined(separator: "  ")
            }
    }

    /// Markdown: the same sections as tables.
    public func markdown() -> String { String(decoding: collect(markdown(into:)), as: UTF8.self) }

    /// `markdown()`, written to `stream` piece by piece (a community at a time).
    public func markdown(into stream: ReportStream) {
        var clean = CleanLines(stream)
        var out = "# " + MarkdownText.escape(title) + "\n\n" + MarkdownText.escape(subtitle) + "\n\n"
        out += MarkdownText.table(headers: [t("项目", "Item"), t("内容", "Value")], rows: stampLines.map { [$0.0, $0.1] })
        out += "\n" + MarkdownText.escape(stampNote) + "\n"
        out += "\n## " + t("汇总", "Summary") + "\n\n"
        out += MarkdownText.table(headers: summaryHeaders, rows: summaryRows)
        out += "\n## " + t("问题清单", "Findings") + "\n"
        forEachPart(stream) { part, base in
            let byCommunity = part.findingIndexesByCommunity
            for c in part.rectification.communities {
                if out.utf8.count >= 1 << 16 { clean.write(out); out = "" }
                let indexes = byCommunity[c.communityID] ?? []
                out += "\n### " + MarkdownText.escape("\(c.street) · \(community(c))") + "\n\n"
                if indexes.isEmpty { out += t("未发现问题。", "No findings.") + "\n"; continue }
                // Street and community are in the heading.
                let headers = Array(findingHeaders[0...0] + findingHeaders[3...])
                out += MarkdownText.table(headers: headers, rows: indexes.map { i in
                    let cells = part.findingCells(part.rectification.findings[i], number: base + i + 1)
                    return Array(cells[0...0] + cells[3...])
                })
            }
        }
        if !vanished.isEmpty {
            out += "\n## " + MarkdownText.escape(vanishedTitle) + "\n\n"
            out += MarkdownText.table(headers: vanishedHeaders, rows: vanished.map(vanishedCells))
        }
        out += "\n## " + t("适用政策", "Policy in force") + "\n\n"
        out += MarkdownText.table(headers: [t("设置项", "Setting"), t("取值", "Value"), t("来源", "Source")],
                                  rows: policyRows.map { [$0.label, $0.value, $0.source] })
        out += "\n## " + t("签字确认", "Sign-off") + "\n\n" + signOffLines.map { MarkdownText.escape($0) }.joined(separator: "\n\n") + "\n"
        clean.write(out)
        clean.finish()
    }

    /// Each community's findings by index, in list order (one pass, not one per community).
    var findingIndexesByCommunity: [String: [Int]] {
        var out: [String: [Int]] = [:]
        for (index, f) in rectification.findings.enumerated() { out[f.communityID, default: []].append(index) }
        return out
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

/// Final clean-up shared by the text formats: no trailing spaces, `\n` line ends, one final newline (`CleanLines`,
/// which the renderers use piece by piece).
enum TextClean {
    static func lines(_ text: String) -> String {
        let (stream, bytes) = ReportStream.collecting()
        var clean = CleanLines(stream)
        clean.write(text)
        clean.finish()
        return String(decoding: bytes(), as: UTF8.self)
    }
}
