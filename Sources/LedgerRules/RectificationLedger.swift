import LedgerEvents

/// The 整改台账: every finding of a rectification list and every key issued in its scope, with its loop status, and
/// the counts per community, per street and overall.
public struct RectificationLedger: Equatable, Sendable {
    public let rectification: Rectification
    public let loop: RectificationLoop
    /// Every entry, in order: community (as `rectification.communities`), then the findings in report order, then
    /// keys no longer found, by key.
    public let allEntries: [LedgerEntry]
    /// The entries the filters keep.
    public let entries: [LedgerEntry]
    /// Key → index into `allEntries`.
    let byKey: [String: Int]
    /// Per community, in `rectification.communities` order (over all entries, whatever the filters).
    public let communities: [LoopSummary]
    /// Per street, in order of first appearance, then the total (street "" and community "").
    public let streets: [LoopSummary]
    public let total: LoopSummary
    /// The filters applied to `entries`.
    public let statuses: [LoopStatus]
    public let overdueOnly: Bool

    /// - Parameters:
    ///   - statuses: keep only entries of these statuses (all when empty).
    ///   - overdueOnly: keep only entries past their deadline and not closed.
    public init(rectification: Rectification, loop: RectificationLoop, statuses: [LoopStatus] = [], overdueOnly: Bool = false) {
        self.init(rectification: rectification, loop: loop, index: LoopIndex(loop), statuses: statuses, overdueOnly: overdueOnly)
    }

    /// What every part of a list rendered a community at a time asks of the loop, found once: the closed keys by
    /// rule (for recurrence) and each community's issued keys, sorted.
    public struct LoopIndex: Sendable {
        let closedByRule: [RuleCode: [TrackedKey]]
        let keysByCommunity: [String: [String]]

        public init(_ loop: RectificationLoop) {
            var closedByRule: [RuleCode: [TrackedKey]] = [:]
            var keysByCommunity: [String: [String]] = [:]
            for t in loop.tracked.values {
                keysByCommunity[t.communityID, default: []].append(t.key)
                // Closed keys by rule, for recurrence: the same rule on the same item, starting after the closure.
                if t.closedOn != nil, let rule = FindingKey.rule(of: t.key) { closedByRule[rule, default: []].append(t) }
            }
            for (id, keys) in keysByCommunity {
                keysByCommunity[id] = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
            self.closedByRule = closedByRule
            self.keysByCommunity = keysByCommunity
        }

        /// The keys issued to `communityID`, sorted by UTF-8 bytes.
        public func keys(of communityID: String) -> [String] { keysByCommunity[communityID] ?? [] }
    }

    /// `init(rectification:loop:statuses:overdueOnly:)` with the loop's `index` found once (a list made a community
    /// at a time makes one ledger per community).
    public init(rectification: Rectification, loop: RectificationLoop, index: LoopIndex, statuses: [LoopStatus] = [],
                overdueOnly: Bool = false) {
        self.rectification = rectification
        self.loop = loop
        self.statuses = statuses
        self.overdueOnly = overdueOnly
        let asOf = rectification.scope.asOf
        let names = Dictionary(rectification.communities.map { ($0.communityID, $0) }, uniquingKeysWith: { a, _ in a })
        let closedByRule = index.closedByRule
        var entries: [LedgerEntry] = []
        entries.reserveCapacity(rectification.findings.count)
        // Keys issued in scope (by key; those the rules no longer find are grouped by community below). A list of
        // fewer communities than issued keys takes only their keys (the same keys; a list made a community at a time
        // would otherwise sort every issued key once per community).
        var issued: [String] = []
        if rectification.communities.count < loop.tracked.count {
            for c in rectification.communities { issued += index.keys(of: c.communityID) }
            issued.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } else {
            issued = loop.tracked.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
        // The keys found are needed only to tell which issued keys vanished (none issued: most communities' parts).
        var foundKeys = Set<String>()
        if !issued.isEmpty { foundKeys.reserveCapacity(rectification.findings.count) }
        // The items the issued keys name (community, item id), and a finding on each: a key the rules no longer find
        // is named by its item as the findings name it (its fund's account, its part's or contract's name).
        var itemOf: [String: String] = [:]
        for key in issued {
            let subject = FindingKey.subject(of: key)
            itemOf[key] = String(subject.prefix { $0 != "/" })
        }
        var findingOfItem: [String: Int] = [:]
        let issuedItems = Set(issued.compactMap { key in loop.tracked[key].map { $0.communityID + "\u{0}" + itemOf[key]! } })
        // Open IDLE-01 findings (community, key), which supersede an issued LOW-01 or LOW-02 key of their part.
        var openIdle = Set<String>()
        for (index, f) in rectification.findings.enumerated() {
            if !issued.isEmpty {
                foundKeys.insert(f.key)
                if f.rule == .idle, f.isOpen { openIdle.insert(f.communityID + "\u{0}" + f.key) }
                let item = f.communityID + "\u{0}" + f.itemID
                if findingOfItem[item] == nil, issuedItems.contains(item) { findingOfItem[item] = index }
            }
            let tracked = loop.tracked.isEmpty ? nil : loop.tracked[f.key]
            let status: LoopStatus
            var recurrenceOf: TrackedKey? = nil
            var recurredOn: CalendarDate? = nil
            if let t = tracked {
                status = RectificationLedger.status(of: t, found: f, asOf: asOf, policy: rectification.policy)
                if status == .recurring, t.closedOn == nil { recurredOn = RectificationLedger.cameBack(t, f, policy: rectification.policy) }
            } else if !f.isOpen {
                // Remedied late, ratified afterwards or ended, and never issued: nothing to issue or fix.
                status = .resolved
            } else {
                recurrenceOf = RectificationLedger.recurs(f, closedByRule)
                status = recurrenceOf == nil ? .new : .recurring
            }
            var entry = LedgerEntry(key: f.key, communityID: f.communityID, communityName: f.communityName, street: f.street,
                                    rule: f.rule, findingIndex: index, tracked: tracked, status: status,
                                    overdue: RectificationLedger.isOverdue(tracked, status, asOf))
            entry.recurrenceOf = recurrenceOf
            entry.recurredOn = recurredOn
            entries.append(entry)
        }
        for key in issued where !foundKeys.contains(key) {
            let t = loop.tracked[key]!
            let superseding = RectificationLedger.supersedingKey(of: key) { openIdle.contains(t.communityID + "\u{0}" + $0) }
            guard let community = names[t.communityID],
                  var entry = RectificationLedger.vanished(t, community: community, scope: rectification.scope,
                                                           supersededBy: superseding) else { continue }
            entry.itemFindingIndex = findingOfItem[t.communityID + "\u{0}" + itemOf[key]!]
            entries.append(entry)
        }
        // Group by community in the list's order; findings keep report order, vanished keys follow.
        let order = Dictionary(rectification.communities.enumerated().map { ($0.element.communityID, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Indexes are sorted and the counts summed in place, not entries copied (each copy retains its strings: a
        // street's list holds some 200,000 at ten million records). The sort is stable, as sorting the entries was.
        let communityOf = entries.map { order[$0.communityID] ?? Int.max }
        // Already in order (a community's part: always), the stable sort would leave them as they are.
        let inOrder = communityOf.indices.dropFirst().allSatisfy { communityOf[$0 - 1] <= communityOf[$0] }
        let grouped = inOrder ? entries : entries.indices.sorted { a, b in
            communityOf[a] != communityOf[b] ? communityOf[a] < communityOf[b] : a < b
        }.map { entries[$0] }
        entries = []
        self.allEntries = grouped
        var byKey: [String: Int] = [:]
        byKey.reserveCapacity(grouped.count)
        // The first entry of each key (one lookup each: the default inserts only an absent key).
        for (offset, e) in grouped.enumerated() { byKey[e.key, default: offset] += 0 }
        self.byKey = byKey
        self.entries = statuses.isEmpty && !overdueOnly ? grouped : grouped.filter { e in
            (statuses.isEmpty || statuses.contains(e.status)) && (!overdueOnly || e.overdue)
        }
        /// A summary's counts, summed entry by entry.
        struct Counts {
            var byStatus = Array(repeating: 0, count: LoopStatus.allCases.count)
            var issued = 0, closed = 0, overdue = 0
            mutating func add(_ e: LedgerEntry) {
                byStatus[LoopStatus.allCases.firstIndex(of: e.status)!] += 1
                if e.tracked != nil { issued += 1 }
                if e.status == .closed { closed += 1 }
                if e.overdue { overdue += 1 }
            }
            mutating func merge(_ other: Counts) {
                for i in byStatus.indices { byStatus[i] += other.byStatus[i] }
                issued += other.issued; closed += other.closed; overdue += other.overdue
            }
        }
        func summary(_ street: String, _ id: String, _ name: String, _ c: Counts?) -> LoopSummary {
            let c = c ?? Counts()
            return LoopSummary(street: street, communityID: id, communityName: name, countsByStatus: c.byStatus,
                               issued: c.issued, closed: c.closed, overdue: c.overdue)
        }
        var byCommunity: [String: Counts] = [:], byStreet: [String: Counts] = [:]
        var all = Counts()
        // Summed over runs of one community (entries are grouped by community) and added once per run: the same
        // sums, a dictionary update per run instead of two per entry.
        var run = Counts()
        var runStart = 0
        for (i, e) in grouped.enumerated() {
            if i > runStart, e.communityID != grouped[runStart].communityID || e.street != grouped[runStart].street {
                byCommunity[grouped[runStart].communityID, default: Counts()].merge(run)
                byStreet[grouped[runStart].street, default: Counts()].merge(run)
                run = Counts()
                runStart = i
            }
            run.add(e)
            all.add(e)
        }
        if !grouped.isEmpty {
            byCommunity[grouped[runStart].communityID, default: Counts()].merge(run)
            byStreet[grouped[runStart].street, default: Counts()].merge(run)
        }
        self.communities = rectification.communities.map { c in
            summary(c.street, c.communityID, c.name, byCommunity[c.communityID])
        }
        var streets: [String] = []
        for c in rectification.communities where !streets.contains(c.street) { streets.append(c.street) }
        self.streets = streets.map { s in summary(s, "", "", byStreet[s]) }
        self.total = summary("", "", "", all)
    }

    /// The entry of key `t`, issued to `community` (in the list's scope) and no longer found; nil when its rule's
    /// class is not in `scope`. `supersededBy` is the key of an open finding that now reports its item in a worse
    /// form (`supersedingKey`): the entry is then `superseded`, not `toVerify`.
    public static func vanished(_ t: TrackedKey, community: CommunitySummary, scope: RectificationScope,
                                supersededBy: String? = nil) -> LedgerEntry? {
        let rule = FindingKey.rule(of: t.key)
        if let rule, !scope.includes(rule.problemClass) { return nil }
        let status = RectificationLedger.status(of: t, found: nil, asOf: scope.asOf, superseded: supersededBy != nil)
        return LedgerEntry(key: t.key, communityID: t.communityID, communityName: community.name, street: community.street,
                           rule: rule, findingIndex: nil, tracked: t, status: status,
                           overdue: RectificationLedger.isOverdue(t, status, scope.asOf), itemLabel: t.item,
                           supersededBy: status == .superseded ? supersededBy : nil)
    }

    /// The key of the finding that would supersede issued key `key` when the rules no longer find it: a part found
    /// little used (LOW-01) or earning little (LOW-02) that is now idle is IDLE-01's (`IDLE-01/PART`, one finding
    /// per part), a worse state of the same problem, not a remedy. nil for other rules, or when `isFound` (an open
    /// finding of the list with that key, in the key's community) says no such finding is found.
    public static func supersedingKey(of key: String, isFound: (String) -> Bool) -> String? {
        guard let rule = FindingKey.rule(of: key), rule == .lowUtilisation || rule == .lowIncome else { return nil }
        let item = FindingKey.subject(of: key).prefix { $0 != "/" }
        let candidate = RuleCode.idle.code + "/" + item
        return isFound(candidate) ? candidate : nil
    }

    /// The rules whose closed keys on an item make a new finding of `rule` on it recurring (反弹): OCC-01 (an
    /// occupation reported) and OCC-03 (one an inspection saw) record the same problem, a common part occupied, so
    /// a part cleared and closed under one and occupied again is 反弹 however the new occupation is recorded.
    static func recurrenceFamily(_ rule: RuleCode) -> [RuleCode] {
        switch rule {
        case .occupationNotCleared, .inspectionFoundOccupied: return [.occupationNotCleared, .inspectionFoundOccupied]
        default: return [rule]
        }
    }

    /// The closed key by which `f`, open and never issued, recurs: a key of its rule's family (`recurrenceFamily`) on
    /// the same item closed before `f` began — the latest closed of them (then the first by key), which the status
    /// names (review 39b: 反弹 alone did not say which key was closed); nil when `f` does not recur.
    static func recurs(_ f: Finding, _ closedByRule: [RuleCode: [TrackedKey]]) -> TrackedKey? {
        guard !closedByRule.isEmpty else { return nil }
        var found: TrackedKey? = nil
        for rule in recurrenceFamily(f.rule) {
            guard let closed = closedByRule[rule], !closed.isEmpty else { continue }
            let prefix = rule.code + "/" + f.itemID + "/"
            for t in closed where t.key.hasPrefix(prefix) && t.closedOn! < f.since {
                guard let best = found else { found = t; continue }
                if t.closedOn! > best.closedOn! || (t.closedOn! == best.closedOn! && t.key.utf8.lexicographicallyPrecedes(best.key.utf8)) {
                    found = t
                }
            }
        }
        return found
    }

    /// The first day of the unbroken stretch in which `f`, open on the check date, has been found: its `since` (an
    /// occupation since its report, a use since it began, an act unremedied since it was done, an overdue
    /// disclosure since the day after its due date), except for FUND-06 of a fund made good and overdrawn again (the
    /// current stretch, `stretch_since`), CON-07 (dated, like the others, the day its arrears began: the
    /// day after the oldest unpaid instalment's grace, or the first day of arrears paid down but never cleared) and IDLE-01 (a part idle since a day is found once it has been idle `idleDays` days). A
    /// closed key found open with this day on or before the closure was still there when it was closed
    /// (`closedWhilePresent`); after it, it came back (`recurring`). nil for LOW-01 and LOW-02, measured over a
    /// window ending on the check date: whether the window ending on the closure's day measured the same cannot
    /// be read from the finding, so such a key found again is 反弹 as before.
    public static func presentSince(_ f: Finding, policy: Policy) -> CalendarDate? {
        // FUND-06's and CON-07's current stretch, when the rule dates it apart (`stretch_since`).
        func stretch() -> CalendarDate? {
            for fact in f.facts {
                if let stretch = fact.values.first(where: { $0.name == "stretch_since" }), case .date(let day) = stretch.value { return day }
            }
            return nil
        }
        switch f.rule {
        case .fundOverdrawn:
            return stretch() ?? f.since
        case .rentArrears:
            // Dated the day its arrears began (the stretch's first day, or the day after the grace): review 46a #7.
            return f.since
        case .idle:
            return f.since.adding(days: policy.idleDays - 1)
        case .lowUtilisation, .lowIncome:
            return nil
        default:
            return f.since
        }
    }

    /// Where a tracked key stands: closed (or, when the rules find it open again, recurring — or closed while still
    /// present when the problem found was there on the closure's day: `presentSince`), reported, re-check
    /// failed, superseded or to re-check when the rules no longer find it open, else issued or overdue by its
    /// deadline.
    ///
    /// A failed re-check (复核未通过) of a finding the rules now find remedied, ratified, ended or recovered stands when
    /// it is dated on or after that day (the resolution's): the office judged the data as it now stands and found the
    /// fix wanting (review 41b: a fund made good, the re-check failing it for the spending behind the overdraft, read
    /// 待复核). A fix dated after the failed re-check is news to the office: to re-check (待复核). The same day counts
    /// as seen: a re-check is done on the records of its day. A fix dated on or before the re-check but recorded after
    /// it (a record of the finding or of its fix appended after the re-check's: a refund entered late, a correction
    /// adding the ratifying decision) was not in the ledger the office checked: to re-check too (review 41d #5).
    /// Either way the community's answer is a new report (整改情况), which the status follows. A key the rules no
    /// longer find at all has no day of its fix, so its failed re-check cannot be weighed against it: to re-check, as
    /// before.
    static func status(of t: TrackedKey, found: Finding?, asOf: CalendarDate, superseded: Bool = false,
                       policy: Policy = Policy()) -> LoopStatus {
        let stillOpen = found?.isOpen ?? false
        switch t.lastStep {
        case .verified(let v)? where v.result == .closed:
            guard stillOpen, let f = found else { return .closed }
            // Found on the closure's day and on every day since: closed while still there, not a relapse.
            return presentSince(f, policy: policy).map { $0 <= v.date } == true ? .closedWhilePresent : .recurring
        case .reported?:
            return .reported
        default:
            break
        }
        if case .verified(let v)? = t.lastStep {
            // The last step is a failed re-check (a closing one returned above).
            guard stillOpen else {
                if let f = found, let fixed = f.resolution, fixed.on <= v.date, !recordedAfter(f, fixed, v) { return .rejected }
                return superseded ? .superseded : .toVerify
            }
            return .rejected
        }
        if !stillOpen { return superseded ? .superseded : .toVerify }
        // Gone since the list was made and found again: a new occurrence with its own start, not the issued one
        // overdue against the old deadline (review 42e: CON-07's second year in arrears after the first was paid).
        if let f = found, cameBack(t, f, policy: policy) != nil { return .recurring }
        return t.deadline < asOf ? .overdue : .issued
    }

    /// The first day of `f`'s present stretch (`presentSince`) when it began after the check date of the list that
    /// issued `t`: the problem that list found (there on its check date) went, and this one began afterwards. Only
    /// a key without a date can be found so (a dated key names its start); nil otherwise, and for LOW-01 and LOW-02,
    /// whose stretch cannot be read from the finding.
    /// An idle run counts from its first idle day, not the day it reached `idleDays`: a use recorded late inside the
    /// run the list issued restarts the run before the list's check date, and the part stayed idle — the issued key,
    /// not a recurrence (FindingKeyStabilityTests).
    ///
    /// "Went" is read from the ledger as it now stands, not from what the list said: the problem must have been
    /// there, as the records now read, on or before the list's check date. FUND-04 on a decision's cap and FUND-06
    /// state the problem's first day as a whole (`since`: the cap first exceeded, the fund first overdrawn); when even
    /// that day is after the list's check date, the records the list found it in now date it later (a spending's date
    /// corrected, review 43d #6) — the problem moved, it never went: the issued key, tracked by its deadline. (A cap
    /// once exceeded stays exceeded: spending is never unspent, so FUND-04 on a cap never reads so.) CON-07 and IDLE-01
    /// went only when an earlier stretch of them was found on or before the check date (`first_since`): a contract's
    /// start or a use's dates corrected past it moved the problem (loop45); CON-07 with nothing received never went
    /// (arrears are cleared only by a payment).
    static func cameBack(_ t: TrackedKey, _ f: Finding, policy: Policy) -> CalendarDate? {
        guard let start = f.rule == .idle ? f.since : presentSince(f, policy: policy), start > t.listAsOf else { return nil }
        switch f.rule {
        case .spendingBeyondAuthority, .fundOverdrawn:
            guard f.since <= t.listAsOf else { return nil }
        case .rentArrears, .idle:
            // Found in an earlier stretch on or before the check date, as the records now read (`first_since`): it
            // went and came back. Else a correction or a fact recorded late moved it past the check date (a contract's
            // start, a use's dates; loop45) — or, for CON-07 with nothing received, it never went.
            guard let first = firstSince(f), first <= t.listAsOf else { return nil }
        default:
            break
        }
        return start
    }

    /// The first day a CON-07 or IDLE-01 finding was found in an earlier stretch than its present one (`first_since`).
    static func firstSince(_ f: Finding) -> CalendarDate? {
        for fact in f.facts {
            if let first = fact.values.first(where: { $0.name == "first_since" }), case .date(let day) = first.value { return day }
        }
        return nil
    }

    /// Whether the fix `fixed` of finding `f`, or a record `f` rests on, was appended after re-check `v`'s record: the
    /// office could not have seen it, whatever day it is dated.
    static func recordedAfter(_ f: Finding, _ fixed: Resolution, _ v: TrackedKey.Verification) -> Bool {
        fixed.evidence.seq > v.record.seq || f.evidence.contains { $0.seq > v.record.seq }
    }

    /// Past the deadline while the community still owes the fix: nothing reported (逾期), or its measures were
    /// not accepted (复核未通过). A report awaiting re-check, a cause gone from the data, a closure or a recurrence
    /// (whose old round is over) is not overdue.
    static func isOverdue(_ t: TrackedKey?, _ status: LoopStatus, _ asOf: CalendarDate) -> Bool {
        guard let t, status == .overdue || status == .rejected else { return false }
        return t.deadline < asOf
    }

    /// The entry with `key`.
    public func entry(forKey key: String) -> LedgerEntry? { byKey[key].map { allEntries[$0] } }

    /// Keys issued in scope that the rules no longer find, in entry order.
    public var vanished: [LedgerEntry] { allEntries.filter { $0.findingIndex == nil } }
}
