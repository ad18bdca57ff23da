import LedgerEvents
import LedgerRules
import Synchronization

/// The rectification list (整改清单) ready to render: the findings, the ledger they came from and the policy.
///
/// Every format states the scope, the check date, the day the list was prepared, the ledger (record count, head
/// hash, checkpoint when there is one) and the policy in force, so the list can be traced to the log and the
/// settings that produced it. Output is a pure function of the inputs: same inputs, same bytes; the library reads
/// no clock, so the preparation date is given (it defaults to the check date).
public struct RectificationReport: Sendable {
    public let stamp: LedgerStamp
    public let rectification: Rectification
    public let language: ReportLanguage
    /// The day the list was prepared (制表日期), printed in its heading and sign-off block.
    public let preparedOn: CalendarDate
    /// Where each finding stands in the rectification loop, and the issued keys no longer found.
    public let ledger: RectificationLedger
    /// The values of committed personal fields (occupants, users, counterparties, …), else their markers.
    public let names: PersonalNames
    /// The legal bases worded so far (shared by the parts of a list; a report is rendered on one thread).
    let bases: BasisWords

    /// The findings, when they are made a community at a time as the list is rendered (a whole city's list) rather
    /// than held in `rectification` (which then holds the communities and their counts only); nil otherwise.
    public let parts: RectificationParts?

    /// - Parameters:
    ///   - preparedOn: the day the list was prepared; nil for the check date (`scope.asOf`).
    ///   - ledger: the loop's statuses (computed on the whole list before any filter); nil when nothing was ever
    ///     issued (every finding is then 新发现).
    ///   - names: what committed personal fields show: their values from `private/`, or 已依法删除.
    public init(stamp: LedgerStamp, rectification: Rectification, language: ReportLanguage = .zh,
                preparedOn: CalendarDate? = nil, ledger: RectificationLedger? = nil, names: PersonalNames = PersonalNames(),
                parts: RectificationParts? = nil) {
        self.init(stamp: stamp, rectification: rectification, language: language, preparedOn: preparedOn, ledger: ledger,
                  names: names, parts: parts, bases: BasisWords())
    }

    init(stamp: LedgerStamp, rectification: Rectification, language: ReportLanguage, preparedOn: CalendarDate?,
         ledger: RectificationLedger?, names: PersonalNames, parts: RectificationParts?, bases: BasisWords) {
        self.bases = bases
        self.names = names
        self.parts = parts
        self.stamp = stamp
        self.rectification = rectification
        self.language = language
        self.preparedOn = preparedOn ?? rectification.scope.asOf
        let ledger = ledger ?? RectificationLedger(rectification: rectification, loop: RectificationLoop())
        self.ledger = ledger
    }

    /// Calls `body` with the list's findings a community at a time, each as a report holding that community's list
    /// (its findings numbered after the `base` findings before it, its loop statuses), in list order; a list that holds
    /// its findings is one part with base 0. When the parts stop early, `stream` is failed (it delivers nothing more and
    /// the caller reports `stream.failure`): the renderer goes on to its end, writing nowhere.
    /// - Parameters:
    ///   - position: for a renderer that can cut its list between parts (the table): writes what it holds and gives
    ///     the stream's position when that is a boundary where a part's bytes may be cut and put back
    ///     (`CleanLines.atPartBoundary`), else nil. Called before each part and after the last when the parts ask for
    ///     boundaries (`RectificationParts.boundary`).
    ///   - kept: writes a part's kept bytes (`RectificationParts.Piece.kept`) at such a boundary. A renderer without it
    ///     is never given kept parts (the caller offers them for the table only); one given anyway fails the stream.
    func forEachPart(_ stream: ReportStream, position: (() -> Int?)? = nil, kept: ((ArraySlice<UInt8>) -> Void)? = nil,
                     _ body: (_ part: RectificationReport, _ base: Int) -> Void) {
        guard let parts else { body(self, 0); return }
        let boundary = position == nil ? nil : parts.boundary
        let failure = parts.pieces { piece in
            switch piece {
            case .part(let rectification, let ledger, let base):
                if let boundary { boundary(position!()) }
                body(RectificationReport(stamp: stamp, rectification: rectification, language: language, preparedOn: preparedOn,
                                         ledger: ledger, names: names, parts: nil, bases: bases), base)
            case .kept(let bytes):
                // Kept bytes are put back only where they were cut: at a boundary, by a renderer that cuts there.
                let at = position?()
                boundary?(at)
                guard let kept, at != nil else {
                    stream.fail(RectificationParts.Failure(en: "a kept part of the list could not be put back in place",
                                                           zh: "清单中保留的部分无法放回原位"))
                    return
                }
                kept(bytes)
            }
        }
        if let boundary, failure == nil { boundary(position!()) }
        if let failure { stream.fail(failure) }
    }

    /// How many findings the list holds.
    var findingCount: Int { parts?.findingCount ?? rectification.findings.count }

    /// The report's bytes in `format`.
    public func render(_ format: RectificationFormat) -> [UInt8] { collect { render(format, into: $0) } }

    /// The report in `format`, written to `stream` piece by piece (then finished): the same bytes as
    /// `render(format)`, without holding them whole. A list made a community at a time whose parts stop early leaves
    /// `stream.failure` set (and delivers nothing after it): the caller must then discard what was delivered.
    public func render(_ format: RectificationFormat, into stream: ReportStream) { renderFormat(format, into: stream) }

    // MARK: Shared wording

    /// The text in the report's language; only that one is made (a whole city's list words millions of lines).
    func t(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String { language == .zh ? zh() : en() }

    /// The streets and communities the list covers, as its title names them.
    var scopeName: String {
        let scope = rectification.scope
        if let id = scope.communityID, let c = rectification.communities.first(where: { $0.communityID == id }) {
            return Self.communityScopeName(street: c.street, name: c.name, language)
        }
        if let street = scope.street { return street }
        var streets: [String] = []
        for c in rectification.communities where !streets.contains(c.street) { streets.append(c.street) }
        if streets.count > 3 { return t("\(streets[0])等\(streets.count)个街道", "\(streets[0]) and \(streets.count - 1) other streets") }
        return streets.joined(separator: t("、", ", "))
    }

    var title: String { Self.listTitle(scopeName: scopeName, language) }

    /// A list's title for its scope's name (`scopeName`): the list's heading, and how its 交办通知 names it.
    static func listTitle(scopeName: String, _ language: ReportLanguage) -> String {
        language.pick(scopeName + "共有部分和共有资金整改清单",
                      "Rectification list of common parts and common funds" + (scopeName.isEmpty ? "" : ": " + scopeName))
    }

    /// A community's list's scope name: its street and name.
    static func communityScopeName(street: String, name: String, _ language: ReportLanguage) -> String {
        language.pick(street + name, street + " " + name)
    }

    /// The line under the title: check date and preparation date.
    var subtitle: String {
        let asOf = rectification.scope.asOf
        return t("核查截至\(Format.dateZh(asOf))　　制表日期：\(Format.dateZh(preparedOn))",
                 "As of \(Format.date(asOf)) · prepared on \(Format.date(preparedOn))")
    }

    func classLabel(_ c: ProblemClass) -> String { t(c.labelZh, c.labelEn) }
    func ruleLabel(_ r: RuleCode) -> String { t(r.labelZh, r.labelEn) }
    func severityLabel(_ s: Severity) -> String { t(s.labelZh, s.labelEn) }
    func itemKindLabel(_ k: ItemKind) -> String { t(k.labelZh, k.labelEn) }
    // Worded in the report's language only, each legal basis once (a whole city's list has millions of findings
    // and some tens of bases).
    func basis(_ f: Finding) -> String {
        bases.word(f.basis) { language == .zh ? f.basis.zh : f.basis.en }
    }
    func action(_ f: Finding) -> String { language == .zh ? f.action.zh : f.action.en }
    func facts(_ f: Finding) -> String { FactText.render(f.facts, language, names: names) }
    /// A personal field as this list shows it.
    func person(_ p: PersonalText) -> String { names.text(p, english: language == .en) }
    /// The item's name: a committed counterparty's value (or marker) before the rest, `value · purpose`.
    func itemName(_ f: Finding) -> String { itemName(f.itemName, person: f.itemPerson) }
    func itemName(_ name: String, person p: PersonalText?) -> String {
        guard let p else { return name }
        return person(p) + " · " + name
    }
    func item(_ f: Finding) -> String {
        item(kind: f.itemKind, id: f.itemID, name: f.itemName, person: f.itemPerson, detail: f.itemDetail)
    }
    /// An item as a finding about it is named (the 整改台账 names so the item of a key no finding names).
    func item(kind: ItemKind, id: String, name: String, person p: PersonalText?, detail: String?) -> String {
        var text = itemKindLabel(kind) + " " + id
        let named = itemName(name, person: p)
        if !named.isEmpty { text += " " + named }
        if let detail { text += t("（\(Vocabulary.word(detail, language))）", " (\(Vocabulary.word(detail, language)))") }
        return text
    }
    /// The records behind a finding, in plain words: 第51条（ev-0051）.
    func evidence(_ f: Finding) -> String {
        language == .zh ? f.evidence.map { "第\($0.seq)条（\($0.eventID)）" }.joined(separator: "、")
            : f.evidence.map { "no. \($0.seq) (\($0.eventID))" }.joined(separator: ", ")
    }
    /// Whether the finding still calls for action, and if not since when.
    func status(_ f: Finding) -> String {
        guard let r = f.resolution else { return t("待整改", "open") }
        let date = Format.date(r.on, language)
        switch r.kind {
        case .remediedLate: return t("已逾期补正（\(date)）", "remedied late (\(date))")
        case .ratified: return t("已事后追认（\(date)）", "ratified afterwards (\(date))")
        case .ended: return t("已消除（\(date)）", "ended (\(date))")
        case .recovered: return t("已追回（\(date)）", "recovered (\(date))")
        }
    }
    /// Where a finding stands in the loop: 已交办（整改时限2025-03-03）, 复核未通过（已逾期）, 新发现,
    /// 反弹（已于2026年1月10日销号，需重新交办）.
    func loopStatus(_ f: Finding) -> String { ledger.entry(forKey: f.key).map(loopStatus) ?? loopStatusLabel(.new) }

    func loopStatusLabel(_ s: LoopStatus) -> String { t(s.labelZh, s.labelEn) }

    func loopStatus(_ e: LedgerEntry) -> String {
        var text = loopStatusLabel(e.status)
        // Followed under the key that supersedes it: its own deadline no longer applies.
        if e.status == .superseded, let key = e.supersededBy { return text + t("（\(key)）", " (\(key))") }
        // A finding never issued on an item whose key of the same rule was closed before it began: the closed key,
        // and when (review 39b: 反弹 alone did not say what had been closed).
        if e.status == .recurring, e.tracked == nil, let earlier = e.recurrenceOf, let on = earlier.closedOn {
            return text + t("（\(earlier.key)已于\(Format.date(on, language))销号，需重新交办）",
                            " (\(earlier.key) closed on \(Format.date(on, language)); to be issued again)")
        }
        guard let tracked = e.tracked, e.status != .closed else { return text }
        // A closed key found again: the closed round's deadline is past and answers nothing (review 37: it read as
        // months overdue); the item needs a new notice, with a deadline of its own. Closed while the problem was
        // still there reads so, not as a relapse.
        if e.status == .recurring || e.status == .closedWhilePresent {
            // Never closed: the problem issued went, and this one began after the list's check date.
            let closed = tracked.closedOn.map { t("已于\(Format.date($0, language))销号，", "closed on \(Format.date($0, language)); ") }
                ?? e.recurredOn.map { t("原问题消除后于\(Format.date($0, language))再次出现，", "found again from \(Format.date($0, language)) after the problem issued went; ") } ?? ""
            return text + t("（" + closed + "需重新交办）", " (" + closed + "to be issued again)")
        }
        text += t("（整改时限\(Format.date(tracked.deadline, language))", " (deadline \(Format.date(tracked.deadline))")
        if e.overdue && e.status != .overdue { text += t("，已逾期", ", overdue") }
        return text + t("）", ")")
    }

    /// What a finding's issue recorded (交办清单, 责任主体, 整改时限), as the log knows it; what it does not know is said
    /// so, never made up (review 41b #6). A finding never issued names the party `--issue` would propose
    /// (`RectificationDefaults.responsible`: the occupant, user or tenant the log records, else the property company
    /// or the owners' committee), marked as proposed: the office may change it in the event before appending it.
    /// `isoDates` for a date column (CSV, Markdown: 2026-06-30), running text's dates otherwise (2026年6月30日).
    func issueCells(_ f: Finding, isoDates: Bool = false) -> (list: String, responsible: String, deadline: String) {
        let entry = ledger.entry(forKey: f.key)
        guard let entry, let tracked = entry.tracked else {
            // Never issued: a finding that needs no action is not to be issued; an open one gets its deadline then.
            if !f.isOpen { return (t("无需交办", "not to be issued"), t("无需交办", "not to be issued"), t("无需交办", "not to be issued")) }
            return (t("尚未交办", "not issued yet"),
                    person(RectificationDefaults.responsible(f)) + t("（建议，交办时确定）", " (proposed; set when issued)"),
                    t("交办时确定", "set when issued"))
        }
        return (issuedIn(tracked), person(tracked.responsible), deadline(entry, tracked, isoDates: isoDates))
    }

    /// The deadline of an issued key as the list words it (`isoDates` for a date column).
    func deadline(_ entry: LedgerEntry, _ tracked: TrackedKey, isoDates: Bool) -> String {
        let day = isoDates ? Format.date(tracked.deadline) : Format.date(tracked.deadline, language)
        switch entry.status {
        // Followed under another key, or closed and found again: the round's deadline runs no more.
        case .superseded: return t("不再适用（\(day)）", "no longer applies (\(day))")
        case .recurring, .closedWhilePresent: return t("需重新交办（原整改时限：\(day)）", "to be issued again (former deadline: \(day))")
        // A date column holds the date alone (the 整改台账 lists the extensions).
        default: return isoDates || tracked.extensions.isEmpty ? day : day + t("（已延期）", " (extended)")
        }
    }

    /// The list that issued a key, and when: QF-2026-01（2026年1月5日）.
    func issuedIn(_ tracked: TrackedKey) -> String {
        t("\(tracked.listID)（\(Format.date(tracked.issuedOn, language))）", "\(tracked.listID) (\(Format.date(tracked.issuedOn)))")
    }

    /// The deadline a finding's issue set and still runs (extended or not), nil when there is none: a date cell.
    func runningDeadline(_ f: Finding) -> CalendarDate? {
        guard let entry = ledger.entry(forKey: f.key), let tracked = entry.tracked else { return nil }
        switch entry.status {
        case .superseded, .recurring, .closedWhilePresent: return nil
        default: return tracked.deadline
        }
    }

    /// Keys issued in scope that the rules no longer find, after the filters.
    var vanished: [LedgerEntry] { parts?.vanished ?? ledger.entries.filter { $0.findingIndex == nil } }

    /// Headers and cells of the issued keys no longer found.
    var vanishedHeaders: [String] {
        [t("问题编号", "Key"), t("街道", "Street"), t("小区", "Community"), t("问题", "Problem"), t("交办清单", "Issued in list"),
         t("责任主体", "Responsible"), t("整改状态", "Rectification status")]
    }

    func vanishedCells(_ e: LedgerEntry) -> [String] {
        [e.key, e.street, "\(e.communityID) \(e.communityName)", e.rule.map { $0.code + " " + ruleLabel($0) } ?? "",
         e.tracked.map(issuedIn) ?? "",
         e.tracked.map { person($0.responsible) } ?? "", loopStatus(e)]
    }

    /// A key the rules no longer find, named by its item: the item of `finding` (a finding of the list on the same
    /// item), else the item as the ledger held it when the key was last made into a list (`LedgerEntry.itemLabel`),
    /// else the key's item and subject ids; then the subject's ids after the item's (a spending, a use) when the key
    /// has them.
    func vanishedItem(_ e: LedgerEntry, finding: Finding?) -> String {
        let subject = FindingKey.subject(of: e.key)
        let named: (id: String, text: String)
        if let f = finding {
            named = (f.itemID, item(f))
        } else if let label = e.itemLabel {
            named = (label.id, item(kind: label.kind, id: label.id, name: label.name, person: label.person, detail: label.detail))
        } else {
            return subject
        }
        let rest = subject.hasPrefix(named.id + "/") ? String(subject.dropFirst(named.id.count + 1)) : ""
        return named.text + (rest.isEmpty ? "" : t("，记录 \(rest)", ", record \(rest)"))
    }

    /// The first day of the problem of a key the rules no longer find: a dated key's (written by `day`); for a key
    /// without a date (IDLE-01, CON-07, …), the check date of the list that issued it, by which the problem was there.
    func vanishedSince(_ e: LedgerEntry, day: (CalendarDate) -> String) -> String {
        if let first = FindingKey.since(of: e.key) { return day(first) }
        guard let tr = e.tracked else { return "" }
        return t("不晚于\(Format.date(tr.listAsOf, language))（交办清单核查日）", "by \(Format.date(tr.listAsOf)) (the issuing list's check date)")
    }

    var vanishedTitle: String {
        t("已交办、本次核查未再发现的问题", "Issued findings the rules no longer find")
    }

    /// The other findings of the list that rest on a record of this one, by number: 第6、8、9项.
    func related(_ f: Finding) -> String {
        guard !f.related.isEmpty else { return "" }
        let numbers = f.related.map { String($0 + 1) }
        return t("第" + numbers.joined(separator: "、") + "项", (numbers.count == 1 ? "no. " : "nos. ") + numbers.joined(separator: ", "))
    }
    func community(_ c: CommunitySummary) -> String { "\(c.communityID) \(c.name)" }
    func community(_ f: Finding) -> String { "\(f.communityID) \(f.communityName)" }

    /// Findings that no longer call for action: remedied late, ratified, ended or recovered, unless the office's
    /// re-check failed the fix (复核未通过: the community still owes it, and the list may show it overdue; review 44a
    /// #10: "1项，其中1项无需再整改" above a finding 复核未通过（…已逾期）).
    var resolvedCount: Int {
        parts?.resolvedCount ?? rectification.findings.filter { !$0.isOpen && ledger.entry(forKey: $0.key)?.status != .rejected }.count
    }

    /// The provenance lines: (label, value).
    var stampLines: [(String, String)] {
        let scope = rectification.scope
        let all = t("全部", "all")
        let count = findingCount
        let resolved = resolvedCount
        return [
            (t("核查范围", "Scope"), scopeName.isEmpty ? all : scopeName),
            (t("问题类别", "Classes"), scope.classes.isEmpty ? all : scope.classes.map { "\($0.code) \(classLabel($0))" }.joined(separator: t("、", ", "))),
        ] + filterLine + [
            (t("核查截至日期", "As of"), Format.date(scope.asOf)),
            (t("制表日期", "Prepared on"), Format.date(preparedOn)),
            (t("账本记录条数", "Records in the ledger"), String(stamp.recordCount)),
            (t("政策设置", "Policy"), policySource),
            // Every finding not open, money recovered (FUND-05) included: named by all four of its kinds (review 39b:
            // 已补正、追认或消除 left out 已追回, which it counted).
            (t("发现问题", "Findings"), t(resolved == 0 ? "\(count)项" : "\(count)项，其中\(resolved)项无需再整改（已逾期补正、已事后追认、已消除或已追回）",
                                          resolved == 0 ? "\(count)" : "\(count), of which \(resolved) no longer call for action (remedied late, ratified afterwards, ended or recovered)")),
            (t("签名存证", "Signed checkpoint"), checkpointText),
            (t("账本校验码", "Ledger check code"), stamp.headHash),
        ]
    }

    /// The `--status` and `--overdue` filters, when the list shows only some findings (its counts are then of
    /// what it shows): a list printed as evidence says what was left out, and names the options that make it again.
    var filterLine: [(String, String)] {
        guard !ledger.statuses.isEmpty || ledger.overdueOnly else { return [] }
        var parts = ledger.statuses.map { loopStatusLabel($0) }
        if ledger.overdueOnly { parts.append(t("仅逾期", "overdue only")) }
        return [(t("筛选", "Filter"), parts.joined(separator: t("、", ", ")))]
    }

    /// What the check code and record numbers are for, for a reader who is not an auditor.
    var stampNote: String {
        t("注：账本校验码是账本最后一条记录的哈希值，连同记录条数可用 ledger verify 核验本清单所依据的账本未被改动；“依据记录”中的“第N条”是账本中的记录序号，括号内为记录编号。",
          "Note: the check code is the hash of the ledger's last record; with the record count it lets anyone confirm with ledger verify that the ledger this list rests on is unchanged. \"No. N\" under \"Records\" is the record's position in the ledger, with its id in brackets.")
    }

    var checkpointText: String {
        guard let c = stamp.checkpoint else { return t("无", "none") }
        return t("\(c.origin)，共\(c.size)条记录，默克尔树根\(c.rootHex)，签署时间\(c.time)，公钥\(c.keyName)",
                 "\(c.origin), \(Wording.englishCount(c.size, "record")), Merkle root \(c.rootHex), signed \(c.time), key \(c.keyName)")
    }

    var policySource: String {
        let policy = rectification.policy
        guard let name = policy.sourceName else { return t("内置默认值", "built-in defaults") }
        return t("政策文件 ", "policy file ") + name
    }

    /// The policy in force, in words: (label, value, source) rows, then the law's fixed numbers.
    var policyRows: [(label: String, value: String, source: String)] {
        let policy = rectification.policy
        var rows = policy.entries.map { entry in
            (PolicyText.label(entry.key, language), PolicyText.value(entry.key, policy, language),
             entry.fromFile ? t("政策文件", "policy file") : t("默认", "default"))
        }
        func share(_ s: Share, _ atLeast: Bool) -> String {
            atLeast ? t(Format.shareZh(s) + "以上", "at least \(s)") : t("过半数", "more than \(s)")
        }
        rows += [
            (t("参与表决的专有部分面积和人数（占全体业主）", "Quorum: participating area and owners, of all"),
             share(LawConstants.quorum, true), t("法律规定", "law")),
            (t("筹集维修资金、改建重建、改变共有部分用途或经营共有部分：同意的面积和人数（占参与表决）",
               "Raising the maintenance fund, rebuilding, changing use or operating common parts: approving, of participating"),
             share(LawConstants.specialMajority, true), t("法律规定", "law")),
            (t("其他事项：同意的面积和人数（占参与表决）", "Other matters: approving, of participating"),
             share(LawConstants.simpleMajority, false), t("法律规定", "law")),
            (t("租赁期限上限", "Longest lease term"),
             t("\(LawConstants.leaseTermMaxMonths / 12)年", "\(LawConstants.leaseTermMaxMonths / 12) years"), t("法律规定", "law")),
        ]
        return rows
    }

    /// Column headers of the findings list.
    var findingHeaders: [String] {
        [t("序号", "No."), t("街道", "Street"), t("小区", "Community"), t("严重程度", "Severity"), t("问题类别", "Class"),
         t("规则代码", "Rule"), t("问题", "Problem"), t("对象", "Item"), t("起始日期", "Since"), t("状态", "Status"),
         t("问题编号", "Key"), t("整改状态", "Rectification status"), t("交办清单", "Issued in list"), t("责任主体", "Responsible"),
         t("整改时限", "Deadline"), t("事实", "Facts"), t("法律依据", "Legal basis"), t("依据记录", "Records"), t("相关问题", "Related findings"),
         t("整改建议", "Suggested action")]
    }

    /// One finding's cells, in `findingHeaders` order.
    func findingCells(_ index: Int) -> [String] { findingCells(rectification.findings[index], number: index + 1) }

    /// The cells of finding `f`, number `number` of the list.
    func findingCells(_ f: Finding, number: Int) -> [String] {
        let issue = issueCells(f, isoDates: true)
        return [String(number), f.street, community(f), severityLabel(f.severity), classLabel(f.problemClass), f.rule.code,
                ruleLabel(f.rule), item(f), Format.date(f.since), status(f), f.key, loopStatus(f), issue.list, issue.responsible, issue.deadline, facts(f), basis(f), evidence(f), related(f), action(f)]
    }

    /// Column headers of the summary.
    var summaryHeaders: [String] {
        [t("街道", "Street"), t("小区", "Community")] + ProblemClass.allCases.map { classLabel($0) } + [t("合计", "Total")]
    }

    var summaryRows: [[String]] {
        var rows = rectification.communities.map { c in
            [c.street, community(c)] + c.countsByClass.map(String.init) + [String(c.total)]
        }
        let totals = rectification.totalsByClass
        rows.append([t("合计", "Total"), ""] + totals.map(String.init) + [String(totals.reduce(0, +))])
        return rows
    }

    /// The sign-off: who checked the list, and who received it.
    var signOff: (checkedBy: [String], receivedBy: [(party: String, fields: [String])]) {
        (checkedBy: [t("核查单位（盖章）", "Checked by (seal)"), t("经办人", "Officer"), t("审核人", "Reviewed by"),
                     t("日期", "Date")],
         receivedBy: [(t("签收：业主委员会（盖章）", "Received: owners' committee (seal)"), [t("签收人", "Signed by"), t("日期", "Date")]),
                      (t("签收：物业服务企业（盖章）", "Received: property service company (seal)"), [t("签收人", "Signed by"), t("日期", "Date")])])
    }
}

/// The wording of each legal basis a report has printed, made once. Copies of a report share it, so it is locked:
/// a report rendered on two threads at once stays correct (review finding: it was an unchecked shared dictionary).
final class BasisWords: Sendable {
    private let words = Mutex<[LegalBasis: String]>([:])

    /// The wording of `basis`, made by `make` the first time.
    func word(_ basis: LegalBasis, _ make: () -> String) -> String {
        words.withLock { words in
            if let text = words[basis] { return text }
            let text = make()
            words[basis] = text
            return text
        }
    }
}

extension RectificationReport: RectificationFormats {}
