import LedgerEvents
import LedgerProjections
import LedgerRules

/// The 整改台账 (rectification ledger book) ready to render: per community every finding and every issued key with
/// its responsible party, deadline, status, the dates of each step (交办, 整改上报, 复核, 延期), the rounds before
/// the one in force of a key issued again (此前各轮) and the evidence, and
/// a summary per community and street with counts by status and the completion rate (已销号 / 已交办).
///
/// It shares the list's provenance (scope, dates, ledger, policy) and wording, so the two read alike.
public struct RectificationLedgerReport: Sendable {
    /// The list it is kept beside: provenance, language and the loop's statuses.
    public let list: RectificationReport

    public init(_ list: RectificationReport) { self.list = list }

    var ledger: RectificationLedger { list.ledger }
    func t(_ zh: String, _ en: String) -> String { list.t(zh, en) }
    /// A date in running text, as the list's language writes it (`Format.date(_:_:)`).
    func day(_ date: CalendarDate) -> String { Format.date(date, list.language) }
    func person(_ p: PersonalText) -> String { list.person(p) }

    /// The report's bytes in `format`.
    public func render(_ format: RectificationFormat) -> [UInt8] { list.collect { render(format, into: $0) } }

    /// The report in `format`, written to `stream` piece by piece (then finished): the same bytes as
    /// `render(format)`.
    public func render(_ format: RectificationFormat, into stream: ReportStream) { renderFormat(format, into: stream) }

    var title: String {
        t(list.scopeName + "共有部分和共有资金整改台账",
          "Rectification ledger book of common parts and common funds" + (list.scopeName.isEmpty ? "" : ": " + list.scopeName))
    }

    /// The list's provenance (with its filters), with the count of entries instead of the count of findings.
    var stampLines: [(String, String)] {
        var lines = list.stampLines
        let shown = ledger.entries.count, all = ledger.allEntries.count
        let entries = (t("台账条目", "Entries"), shown == all ? t("\(all)项", "\(all)") : t("\(shown)项（共\(all)项）", "\(shown) of \(all)"))
        if let findings = lines.firstIndex(where: { $0.0 == t("发现问题", "Findings") }) {
            lines[findings] = entries
        } else {
            lines.append(entries)
        }
        return lines
    }

    // MARK: Summary

    var summaryHeaders: [String] {
        [t("街道", "Street"), t("小区", "Community")] + LoopStatus.allCases.map { list.loopStatusLabel($0) }
            + [t("合计", "Total"), t("交办数", "Issued"), t("销号数", "Closed"), t("逾期数", "Overdue"), t("完成率", "Completion")]
    }

    func completion(_ s: LoopSummary) -> String { s.completion.map(Format.percent) ?? "—" }

    func summaryCells(_ s: LoopSummary, street: String, community: String) -> [String] {
        [street, community] + s.countsByStatus.map(String.init)
            + [String(s.total), String(s.issued), String(s.closed), String(s.overdue), completion(s)]
    }

    /// Rows: each community, a subtotal after each street's communities, and the total.
    var summaryRows: [(cells: [String], kind: SummaryRow)] {
        var rows: [(cells: [String], kind: SummaryRow)] = []
        for street in ledger.streets {
            for c in ledger.communities where c.street == street.street {
                rows.append((summaryCells(c, street: c.street, community: "\(c.communityID) \(c.communityName)"), .community))
            }
            rows.append((summaryCells(street, street: street.street, community: t("小计", "Subtotal")), .street))
        }
        rows.append((summaryCells(ledger.total, street: t("合计", "Total"), community: ""), .total))
        return rows
    }

    enum SummaryRow { case community, street, total }

    /// How the summary counts findings that need no action (`LoopStatus.resolved`), when there are any: said under it.
    var resolvedNote: String? {
        guard ledger.total.count(.resolved) > 0 else { return nil }
        let label = list.loopStatusLabel(.resolved), new = list.loopStatusLabel(.new)
        return t("注：“\(label)”是本次核查发现、在交办前已逾期补正、事后追认、追回款项或已经消除的问题，问题确曾发生，列入台账备查，不交办，不计入“\(new)”；合计含这些问题。",
                 "Note: \"\(label)\" counts findings that did occur but were remedied late, ratified afterwards, had their money recovered or ended before any list issued them: listed for the record, not issued, and not counted as \"\(new)\"; the total includes them.")
    }

    // MARK: Entries

    func finding(_ e: LedgerEntry) -> Finding? { e.findingIndex.map { ledger.rectification.findings[$0] } }

    /// Where the entry stands in the loop, as the list says it; a finding that needs no action says why (the book
    /// has no column for the finding's own status, which the list shows beside it): 已事后追认（2026-04-15），已自行纠正.
    func loopStatus(_ e: LedgerEntry) -> String {
        guard e.status == .resolved, let f = finding(e) else { return list.loopStatus(e) }
        return list.status(f) + t("，", ", ") + list.loopStatusLabel(.resolved)
    }

    /// The label of the deadline under the responsible party: 原整改时限 for a closed key found again (反弹, or
    /// 销号时问题仍在), whose
    /// deadline was the closed round's and does not run any more.
    func deadlineLabel(_ e: LedgerEntry) -> String {
        deadlineRunsNoMore(e) ? t("原整改时限：", "Former deadline: ") : t("整改时限：", "Deadline: ")
    }

    /// Whether the entry's deadline was a closed round's and runs no more (反弹, 销号时问题仍在).
    func deadlineRunsNoMore(_ e: LedgerEntry) -> Bool { e.status == .recurring || e.status == .closedWhilePresent }

    /// The deadline cell of the text and CSV tables: the date, said to be the former deadline when it runs no more
    /// (review 44a #3: the HTML said 原整改时限, the text and CSV gave it as if it still ran). `format` writes the
    /// date as its table writes dates: the text's as the list's language does (review 46a #8: 2026-02-07 among
    /// 2026年…), the CSV's as ISO.
    func deadlineCell(_ e: LedgerEntry, _ format: (CalendarDate) -> String) -> String? {
        guard let tracked = e.tracked else { return nil }
        let date = format(tracked.deadline)
        return deadlineRunsNoMore(e) ? t("\(date)（原整改时限）", "\(date) (former deadline)") : date
    }

    func problem(_ e: LedgerEntry) -> String { e.rule.map { $0.code + " " + list.ruleLabel($0) } ?? "" }

    /// The item as the list names it: the finding's, or for a key the rules no longer find the item of a finding on
    /// the same item (its name), else the item as the ledger held it when the key was last made into a list
    /// (`LedgerEntry.itemLabel`), else the key's item and subject ids.
    func item(_ e: LedgerEntry) -> String {
        if let f = finding(e) { return list.item(f) }
        return list.vanishedItem(e, finding: e.itemFindingIndex.map { ledger.rectification.findings[$0] })
    }

    /// The first day of the problem, when known: the finding's, or a dated key's.
    func sinceDay(_ e: LedgerEntry) -> CalendarDate? { finding(e)?.since ?? FindingKey.since(of: e.key) }

    /// The first day of the problem: the finding's, or a dated key's; for a key without a date (IDLE-01, CON-07, …)
    /// the rules no longer find, the check date of the list that issued it, by which the problem was there.
    func since(_ e: LedgerEntry) -> String {
        if let first = finding(e)?.since { return day(first) }
        return list.vanishedSince(e, day: day)
    }

    /// The day and list of the round in force; the round's number when a later list issued the key again.
    func issued(_ e: LedgerEntry) -> String {
        guard let tr = e.tracked else { return "" }
        let round = tr.earlierRounds.count + 1
        return day(tr.issuedOn) + (round == 1 ? t("（清单\(tr.listID)）", " (list \(tr.listID))")
                                              : t("（清单\(tr.listID)，第\(round)轮）", " (list \(tr.listID), round \(round))"))
    }

    /// The rounds before the one in force of a key issued again (`TrackedKey.earlierRounds`), oldest first, one text
    /// each: its list, day of issue, responsible party and deadline, then what was reported, re-checked and extended
    /// in it (review 43d #7: the book keeps every round). Empty for a key issued once.
    func earlierRounds(_ e: LedgerEntry) -> [String] {
        (e.tracked?.earlierRounds ?? []).enumerated().map { offset, r in
            let n = offset + 1
            var text = t("第\(n)轮：清单\(r.listID)，\(day(r.issuedOn))交办，责任主体\(person(r.responsible))，整改时限\(day(r.deadline))",
                         "Round \(n): list \(r.listID), issued \(day(r.issuedOn)), responsible \(person(r.responsible)), deadline \(day(r.deadline))")
            let steps = [(t("整改上报", "reported"), reports(r)), (t("复核", "re-checked"), verifications(r)),
                         (t("延期", "extended"), extensions(r))].filter { !$0.1.isEmpty }
            if steps.isEmpty { text += t("；未上报整改，未复核", "; nothing reported or re-checked") }
            for (label, value) in steps { text += t("；", "; ") + label + t("：", ": ") + value }
            return text
        }
    }

    /// `earlierRounds` in one cell.
    func earlierRoundsText(_ e: LedgerEntry) -> String { earlierRounds(e).joined(separator: t("。", ". ")) }

    func evidenceRef(_ r: RectificationEvidence) -> String {
        let kind: String
        switch r.kind {
        case .voucher: kind = t("凭证", "voucher")
        case .photo: kind = t("照片", "photo")
        case .contract: kind = t("合同", "contract")
        case .decision: kind = t("业主共同决定", "decision")
        case .document: kind = t("文件", "document")
        }
        return kind + " " + r.ref + (r.sha256.map { t("（SHA-256：\($0)）", " (SHA-256 \($0))") } ?? "")
    }

    func reports(_ e: LedgerEntry) -> String { e.tracked.map { reports($0) } ?? "" }

    func reports(_ tr: TrackedKey) -> String {
        tr.reports.map { r in
            day(r.date) + " " + person(r.reportedBy) + t("：", ": ") + r.measures
                + (r.evidence.isEmpty ? "" : t("（证据：", " (evidence: ") + r.evidence.map(evidenceRef).joined(separator: t("；", "; ")) + t("）", ")"))
        }.joined(separator: t("；", "; "))
    }

    func verifications(_ e: LedgerEntry) -> String { e.tracked.map { verifications($0) } ?? "" }

    func verifications(_ tr: TrackedKey) -> String {
        tr.verifications.map { v in
            let result = v.result == .closed ? t("销号", "closed") : t("未通过", "not accepted")
            let by = person(v.verifiedBy)
            return day(v.date) + " " + result + (v.reason.map { t("：", ": ") + $0 } ?? "") + t("（\(by)）", " (\(by))")
        }.joined(separator: t("；", "; "))
    }

    func extensions(_ e: LedgerEntry) -> String { e.tracked.map { extensions($0) } ?? "" }

    func extensions(_ tr: TrackedKey) -> String {
        tr.extensions.map { x in
            day(x.date) + t(" 延至\(day(x.deadline))：", " to \(day(x.deadline)): ") + x.reason
        }.joined(separator: t("；", "; "))
    }

    /// The records of the finding (if found) and of every loop step, in seq order.
    func records(_ e: LedgerEntry) -> [Evidence] {
        Array(Set((finding(e)?.evidence ?? []) + (e.tracked?.records ?? []))).sorted()
    }

    func recordsText(_ e: LedgerEntry) -> String {
        records(e).map { t("第\($0.seq)条（\($0.eventID)）", "no. \($0.seq) (\($0.eventID))") }.joined(separator: t("、", ", "))
    }

    var entryHeaders: [String] {
        [t("序号", "No."), t("问题编号", "Key"), t("问题", "Problem"), t("对象", "Item"), t("起始日期", "Since"),
         t("责任主体", "Responsible"), t("整改时限", "Deadline"), t("整改状态", "Status"), t("交办", "Issued"),
         t("整改上报", "Reported"), t("复核", "Re-checked"), t("延期", "Extended"), t("此前各轮", "Earlier rounds"),
         t("依据记录", "Records")]
    }

    func entryCells(_ n: Int, _ e: LedgerEntry) -> [String] {
        [String(n), e.key, problem(e), item(e), since(e), e.tracked.map { person($0.responsible) } ?? "",
         deadlineCell(e, day) ?? "", loopStatus(e), issued(e), reports(e), verifications(e),
         extensions(e), earlierRoundsText(e), recordsText(e)]
    }

    /// Entries with their numbers, by community in list order.
    var numbered: [(n: Int, entry: LedgerEntry)] { ledger.entries.enumerated().map { ($0.offset + 1, $0.element) } }

    /// Each community's entries by index into `ledger.entries`, in order (one pass, not one per community).
    var entryIndexesByCommunity: [String: [Int]] {
        var out: [String: [Int]] = [:]
        for (index, e) in ledger.entries.enumerated() { out[e.communityID, default: []].append(index) }
        return out
    }
}

extension RectificationLedgerReport: RectificationFormats {}
