import LedgerEvents
import LedgerRules

extension RectificationLedgerReport {
    /// Plain text: title, provenance, summary, one block per entry, sign-off.
    public func table() -> String { String(decoding: list.collect(table(into:)), as: UTF8.self) }

    /// `table()`, written to `stream` piece by piece (an entry at a time).
    public func table(into stream: ReportStream) {
        var clean = CleanLines(stream)
        var out = TerminalText.clean(title) + "\n" + list.subtitle + "\n\n"
        let lines = stampLines
        let width = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in lines {
            out += label + String(repeating: " ", count: width - DisplayWidth.of(label)) + "  " + TerminalText.clean(value) + "\n"
        }
        out += list.stampNote + "\n\n" + t("汇总", "Summary") + "\n"
        var summary = TextTable(headers: summaryHeaders, alignments: [.left, .left] + Array(repeating: .right, count: summaryHeaders.count - 2))
        for row in summaryRows { summary.append(row.cells) }
        out += summary.render()
        if let note = resolvedNote { out += note + "\n" }
        out += "\n" + t("台账明细", "Entries") + "\n"
        if ledger.entries.isEmpty { out += t("（无）", "(none)") + "\n" }
        let colon = t("：", ": ")
        var community = ""
        for (offset, e) in ledger.entries.enumerated() {
            let n = offset + 1
            if out.utf8.count >= 1 << 16 { clean.write(out); out = "" }
            if e.communityID != community {
                community = e.communityID
                out += "\n== " + TerminalText.clean("\(e.street) · \(e.communityID) \(e.communityName)") + "\n"
            }
            out += "\n[\(n)] " + TerminalText.clean(e.key) + "  " + loopStatus(e) + "\n"
            let cells = entryCells(n, e)
            for (label, value) in zip(entryHeaders, cells).dropFirst(2) where !value.isEmpty && label != t("整改状态", "Status") {
                out += "    " + label + colon + TerminalText.clean(value) + "\n"
            }
        }
        out += "\n" + list.signOffLines.joined(separator: "\n") + "\n"
        clean.write(out)
        clean.finish()
    }

    /// CSV for Excel and WPS: one flat table, one row per entry (header in row 1). The provenance and the summary
    /// are in `metaCSV()`.
    public func csv() -> [UInt8] { list.collect(csv(into:)) }

    /// `csv()`, written to `stream` a row at a time.
    public func csv(into stream: ReportStream) {
        var table = CSVTable.Streamed(headers: [t("序号", "No."), t("街道", "Street"), t("小区", "Community"), t("问题编号", "Key"),
                                       t("规则代码", "Rule"), t("问题", "Problem"), t("严重程度", "Severity"), t("对象", "Item"),
                                       t("起始日期", "Since"), t("责任主体", "Responsible"), t("整改时限", "Deadline"),
                                       t("整改状态", "Status"), t("整改状态代码", "Status code"), t("是否逾期", "Overdue"),
                                       t("交办清单", "List"), t("交办日期", "Issued on"), t("整改上报", "Reported"),
                                       t("复核", "Re-checked"), t("延期", "Extended"), t("此前各轮", "Earlier rounds"),
                                       t("依据记录序号", "Record numbers")],
                                      into: stream)
        for (offset, e) in ledger.entries.enumerated() {
            let n = offset + 1
            let rule = e.rule
            let tracked = e.tracked
            let when = since(e)
            var cells: [CSVTable.Cell] = [.numeric(String(n)), .text(e.street), .text("\(e.communityID) \(e.communityName)"), .text(e.key)]
            cells += [.text(rule?.code ?? ""), .text(rule.map(list.ruleLabel) ?? ""), .text(rule.map { list.severityLabel($0.severity) } ?? "")]
            // A date column stays ISO in the CSV, as 整改时限 and 交办日期 beside it (review 40h #5).
            cells += [.text(item(e)), sinceDay(e).map { .numeric(Format.date($0)) } ?? .text(when), .text(tracked.map { person($0.responsible) } ?? "")]
            cells.append(deadlineRunsNoMore(e) ? .text(deadlineCell(e) { Format.date($0) } ?? "") : tracked.map { .numeric(Format.date($0.deadline)) } ?? .text(""))
            cells += [.text(loopStatus(e)), .text(e.status.rawValue), .text(e.overdue ? t("是", "yes") : t("否", "no"))]
            cells.append(.text(tracked?.listID ?? ""))
            cells.append(tracked.map { .numeric(Format.date($0.issuedOn)) } ?? .text(""))
            cells += [.text(reports(e)), .text(verifications(e)), .text(extensions(e)), .text(earlierRoundsText(e))]
            cells.append(.text(records(e).map { String($0.seq) }.joined(separator: " ")))
            table.append(cells)
        }
    }

    /// The provenance and the summary by community and street as a second CSV (`--meta`).
    public func metaCSV() -> [UInt8] {
        var table = CSVTable(headers: [t("项目", "Item"), t("内容", "Value")] + summaryHeaders)
        let blanks = Array(repeating: CSVTable.Cell.text(""), count: summaryHeaders.count)
        table.append([.text(t("标题", "Title")), .text(title)] + blanks)
        for (label, value) in stampLines { table.append([.text(label), .text(value)] + blanks) }
        for row in summaryRows {
            table.append([.text(t("汇总", "Summary")), .text("")] + row.cells.enumerated().map { i, cell in
                i >= 2 && i < row.cells.count - 1 ? .numeric(cell) : .text(cell)
            })
        }
        return table.render()
    }

    /// JSON for programs: the summary and every entry with its history; dates `YYYY-MM-DD`, keys sorted.
    public func json() -> String { String(decoding: list.collect(json(into:)), as: UTF8.self) }

    /// `json()`, written to `stream` an entry at a time.
    public func json(into stream: ReportStream) {
        func summary(_ s: LoopSummary) -> JSONValue {
            var counts: [String: JSONValue] = [:]
            for (status, n) in zip(LoopStatus.allCases, s.countsByStatus) { counts[status.rawValue] = .integer(Int64(n)) }
            return .object(["street": .string(s.street), "community_id": s.communityID.isEmpty ? .null : .string(s.communityID),
                            "by_status": .object(counts), "total": .integer(Int64(s.total)), "issued": .integer(Int64(s.issued)),
                            "closed": .integer(Int64(s.closed)), "overdue": .integer(Int64(s.overdue)),
                            "completion_percent": s.completion.map { .string(String(Format.percent($0).dropLast())) } ?? .null])
        }
        /// One round of a tracked key: its issue, reports, re-checks and extensions.
        func round(_ tr: TrackedKey, into object: inout [String: JSONValue]) {
            object["issued"] = .object(["list_id": .string(tr.listID), "on": .string(Format.date(tr.issuedOn)),
                                        "responsible": .string(person(tr.responsible)), "deadline": .string(Format.date(tr.deadline))])
            object["reports"] = .array(tr.reports.map { r in
                .object(["on": .string(Format.date(r.date)), "by": .string(person(r.reportedBy)), "measures": .string(r.measures),
                         "evidence": .array(r.evidence.map { ev in
                             .object(["kind": .string(ev.kind.rawValue), "ref": .string(ev.ref), "sha256": ev.sha256.map { .string($0) } ?? .null])
                         })])
            })
            object["verifications"] = .array(tr.verifications.map { v in
                .object(["on": .string(Format.date(v.date)), "result": .string(v.result.rawValue),
                         "reason": v.reason.map { .string($0) } ?? .null, "by": .string(person(v.verifiedBy))])
            })
            object["extensions"] = .array(tr.extensions.map { x in
                .object(["on": .string(Format.date(x.date)), "deadline": .string(Format.date(x.deadline)), "reason": .string(x.reason)])
            })
        }
        func entry(_ offset: Int) -> JSONValue {
            let n = offset + 1, e = ledger.entries[offset]
            var object: [String: JSONValue] = [
                "no": .integer(Int64(n)), "key": .string(e.key), "street": .string(e.street),
                "community_id": .string(e.communityID), "rule": e.rule.map { .string($0.code) } ?? .null,
                "found": .bool(e.findingIndex != nil), "status": .string(e.status.rawValue), "status_text": .string(loopStatus(e)),
                "overdue": .bool(e.overdue), "item": .string(item(e)),
                "since": sinceDay(e).map { .string(Format.date($0)) } ?? .null,
                "evidence": .array(records(e).map { .object(["seq": .integer($0.seq), "id": .string($0.eventID)]) }),
            ]
            if let key = e.supersededBy { object["superseded_by"] = .string(key) }
            if let tr = e.tracked {
                round(tr, into: &object)
                // Only a key issued again has earlier rounds (the same members as its round in force, oldest first).
                if !tr.earlierRounds.isEmpty {
                    object["earlier_rounds"] = .array(tr.earlierRounds.map { r in
                        var earlier: [String: JSONValue] = [:]
                        round(r, into: &earlier)
                        return .object(earlier)
                    })
                }
            }
            return .object(object)
        }
        let scope = ledger.rectification.scope
        let root: JSONValue = .object([
            "report": .string("rectification_ledger"), "format_version": .integer(1), "language": .string(list.language.rawValue),
            "title": .string(title),
            "ledger": .object(["records": .integer(list.stamp.recordCount), "head_hash": .string(list.stamp.headHash)]),
            "as_of": .string(Format.date(scope.asOf)), "prepared_on": .string(Format.date(list.preparedOn)),
            "scope": .object(["street": scope.street.map { .string($0) } ?? .null,
                              "community_id": scope.communityID.map { .string($0) } ?? .null,
                              "classes": .array(scope.classes.map { .string($0.code) })]),
            "filter": .object(["statuses": .array(ledger.statuses.map { .string($0.rawValue) }), "overdue_only": .bool(ledger.overdueOnly)]),
            "summary": .object(["communities": .array(ledger.communities.map(summary)), "streets": .array(ledger.streets.map(summary)),
                                "total": summary(ledger.total)]),
            "entries": .array([]),
        ])
        PrettyJSON.stream(root, array: "entries", count: ledger.entries.count, item: entry, into: stream)
    }

    /// Markdown: the same sections as tables, entries per community.
    public func markdown() -> String { String(decoding: list.collect(markdown(into:)), as: UTF8.self) }

    /// `markdown()`, written to `stream` piece by piece (a community at a time).
    public func markdown(into stream: ReportStream) {
        var clean = CleanLines(stream)
        let byCommunity = entryIndexesByCommunity
        var out = "# " + MarkdownText.escape(title) + "\n\n" + MarkdownText.escape(list.subtitle) + "\n\n"
        out += MarkdownText.table(headers: [t("项目", "Item"), t("内容", "Value")], rows: stampLines.map { [$0.0, $0.1] })
        out += "\n" + MarkdownText.escape(list.stampNote) + "\n"
        out += "\n## " + t("汇总", "Summary") + "\n\n" + MarkdownText.table(headers: summaryHeaders, rows: summaryRows.map(\.cells))
        if let note = resolvedNote { out += "\n" + MarkdownText.escape(note) + "\n" }
        out += "\n## " + t("台账明细", "Entries") + "\n"
        for c in ledger.communities {
            if out.utf8.count >= 1 << 16 { clean.write(out); out = "" }
            let rows = (byCommunity[c.communityID] ?? []).map { (n: $0 + 1, entry: ledger.entries[$0]) }
            out += "\n### " + MarkdownText.escape("\(c.street) · \(c.communityID) \(c.communityName)") + "\n\n"
            if rows.isEmpty { out += t("无。", "None.") + "\n"; continue }
            out += MarkdownText.table(headers: entryHeaders, rows: rows.map { entryCells($0.n, $0.entry) })
        }
        out += "\n## " + t("签字确认", "Sign-off") + "\n\n" + list.signOffLines.map { MarkdownText.escape($0) }.joined(separator: "\n\n") + "\n"
        clean.write(out)
        clean.finish()
    }

    /// One printable HTML file (A4 landscape, numbered pages, repeated headers), in the list's style.
    public func html() -> String { String(decoding: list.collect(html(into:)), as: UTF8.self) }

    /// `html()`, written to `stream` piece by piece (a community at a time).
    public func html(into stream: ReportStream) {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        var clean = CleanLines(stream)
        let byCommunity = entryIndexesByCommunity
        var out = list.htmlHead(title: title, extraCSS: """
        .book col.c-no { width: 8mm; } .book col.c-key { width: 34mm; } .book col.c-problem { width: 30mm; }
        .book col.c-item { width: 30mm; } .book col.c-who { width: 28mm; } .book col.c-status { width: 24mm; }
        .book col.c-records { width: 33mm; }
        .book td { font-size: 8.5pt; }
        .st-overdue .stat, .st-rejected .stat, .st-recurring .stat, .st-closed_while_present .stat { color: #b00020; font-weight: 600; }
        .st-closed .stat { color: #1b6e20; font-weight: 600; }
        .st-to_verify .stat, .st-reported .stat { color: #b35f00; font-weight: 600; }
        .summary tr.sub td { background: #f7f7f7; font-style: italic; }

        """) + "<table class=\"stamp\">\n"
        for (label, value) in stampLines {
            let cls = value == list.stamp.headHash ? " class=\"mono\"" : ""
            out += "<tr><th>\(e(label))</th><td\(cls)>\(e(value))</td></tr>\n"
        }
        out += "</table>\n<p class=\"note\">\(e(list.stampNote))</p>\n"
        out += "<h2>\(e(t("一、汇总", "1. Summary")))</h2>\n<table class=\"summary\">\n<thead><tr>"
        for (i, h) in summaryHeaders.enumerated() { out += i < 2 ? "<th>\(e(h))</th>" : "<th class=\"num\">\(e(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in summaryRows {
            out += row.kind == .total ? "<tr class=\"total\">" : row.kind == .street ? "<tr class=\"sub\">" : "<tr>"
            for (i, cell) in row.cells.enumerated() {
                let zero = i >= 2 && cell == "0" ? " zero" : ""
                out += i < 2 ? "<td>\(e(cell))</td>" : "<td class=\"num\(zero)\">\(e(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let note = resolvedNote { out += "<p class=\"note\">\(e(note))</p>\n" }
        out += "<h2>\(e(t("二、台账明细", "2. Entries")))</h2>\n"
        let headers = [t("序号", "No."), t("问题编号", "Key"), t("问题", "Problem"), t("对象", "Item"),
                       t("责任主体与时限", "Responsible and deadline"), t("整改状态", "Status"), t("整改与复核", "Rectification and re-check"),
                       t("依据记录", "Records")]
        out += "<table class=\"findings book\">\n<colgroup>"
            + ["c-no", "c-key", "c-problem", "c-item", "c-who", "c-status", "c-steps", "c-records"].map { "<col class=\"\($0)\">" }.joined()
            + "</colgroup>\n<thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n"
        for c in ledger.communities {
            if out.utf8.count >= 1 << 16 { clean.write(out); out = "" }
            let rows = (byCommunity[c.communityID] ?? []).map { (n: $0 + 1, entry: ledger.entries[$0]) }
            out += "<tbody>\n<tr class=\"group\"><th colspan=\"\(headers.count)\">\(e(c.street)) · \(e(c.communityID)) \(e(c.communityName))"
                + " <span class=\"count\">\(e(t("交办\(c.issued)项，销号\(c.closed)项，完成率\(completion(c))", "\(c.issued) issued, \(c.closed) closed, completion \(completion(c))")))</span></th></tr>\n"
            for (n, entry) in rows {
                out += "<tr class=\"st-\(entry.status.rawValue)\"><td class=\"no\">\(n)</td><td class=\"key\">\(e(entry.key))</td>"
                out += "<td>\(e(problem(entry)))</td><td>\(e(item(entry)))"
                    + (since(entry).isEmpty ? "" : "<div class=\"since\">\(e(t("起始日期：", "Since: ") + since(entry)))</div>") + "</td>"
                out += "<td>\(e(entry.tracked.map { person($0.responsible) } ?? ""))"
                    + (entry.tracked.map { "<div class=\"since\">\(e(deadlineLabel(entry) + day($0.deadline)))</div>" } ?? "") + "</td>"
                out += "<td class=\"stat\">\(e(loopStatus(entry)))</td>"
                var steps = earlierRounds(entry)
                if !issued(entry).isEmpty { steps.append(t("交办：", "Issued: ") + issued(entry)) }
                if !reports(entry).isEmpty { steps.append(t("整改上报：", "Reported: ") + reports(entry)) }
                if !verifications(entry).isEmpty { steps.append(t("复核：", "Re-checked: ") + verifications(entry)) }
                if !extensions(entry).isEmpty { steps.append(t("延期：", "Extended: ") + extensions(entry)) }
                out += "<td>" + steps.map { "<div>\(e($0))</div>" }.joined() + "</td>"
                out += "<td class=\"records\">" + records(entry).map { e(t("第\($0.seq)条（\($0.eventID)）", "no. \($0.seq) (\($0.eventID))")) }
                    .joined(separator: "<br>") + "</td></tr>\n"
            }
            out += "</tbody>\n"
        }
        out += "</table>\n"
        out += list.htmlSignOff() + "</body>\n</html>\n"
        clean.write(out)
        clean.finish()
    }
}
