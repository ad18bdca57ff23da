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
        // The findings are written as UTF-8 bytes in place (`ReportBytes`): the same bytes as building each line as a
        // string and cleaning it (`TerminalText.clean`), without the strings (millions of findings).
        clean.write(out)
        out = ""
        let zh = language == .zh
        let labels = FindingLabels(self)
        var bytes = ReportBytes(capacity: 1 << 17)
        // Between parts everything held is written, so the stream's position is where the next part's bytes begin
        // (a caller keeping the list can cut it there, and put a part's bytes back there in a later list).
        forEachPart(stream, position: {
            clean.write(bytes.bytes)
            bytes.bytes.removeAll(keepingCapacity: true)
            return clean.atPartBoundary ? stream.position : nil
        }, kept: { kept in stream.write(kept) }) { part, base in
            for (local, f) in part.rectification.findings.enumerated() {
                bytes.append(labels.open)
                bytes.append(integer: Int64(base + local + 1))
                bytes.append("] " as StaticString)
                bytes.append(labels.severity[f.severity]!)
                bytes.append(byte: 0x20)
                bytes.append(f.rule.code)
                bytes.append(byte: 0x20)
                bytes.append(ruleLabel(f.rule))
                bytes.append(zh ? "（" as StaticString : " (")
                bytes.append(labels.problemClass[f.problemClass]!)
                bytes.append(zh ? "）\n" as StaticString : ")\n")
                // Each line: four spaces, the label, the colon, the value cleaned as one string, a line break.
                labels.line(&bytes, .community) { b in
                    b.append(f.communityID); b.append(byte: 0x20); b.append(f.communityName)
                    b.append(zh ? "（" as StaticString : " ("); b.append(f.street); b.append(zh ? "）" as StaticString : ")")
                }
                labels.line(&bytes, .item) { b in appendItem(f, &b) }
                labels.line(&bytes, .key) { b in b.append(f.key) }
                labels.line(&bytes, .since) { b in b.append(date: f.since) }
                labels.line(&bytes, .status) { b in b.append(status(f)) }
                labels.line(&bytes, .loopStatus) { b in b.append(part.loopStatus(f)) }
                let issue = part.issueCells(f)
                labels.line(&bytes, .issuedIn) { b in b.append(issue.list) }
                labels.line(&bytes, .responsible) { b in b.append(issue.responsible) }
                labels.line(&bytes, .deadline) { b in b.append(issue.deadline) }
                labels.line(&bytes, .facts) { b in FactText.append(f.facts, language, names: names, to: &b) }
                labels.line(&bytes, .basis) { b in b.append(basis(f)) }
                labels.line(&bytes, .records) { b in appendEvidence(f, &b) }
                if !f.related.isEmpty { labels.line(&bytes, .related) { b in appendRelated(f, &b) } }
                labels.line(&bytes, .action) { b in b.append(action(f)) }
                if bytes.count >= 1 << 16 { clean.write(bytes.bytes); bytes.bytes.removeAll(keepingCapacity: true) }
            }
        }
        clean.write(bytes.bytes)
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
