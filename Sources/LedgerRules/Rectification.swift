import LedgerEvents

/// The rectification list (整改清单): sorted findings and their totals, for one scope and policy.
public struct Rectification: Equatable, Sendable {
    public let scope: RectificationScope
    public let policy: Policy
    /// Findings in report order (street, community, severity, item).
    public let findings: [Finding]
    /// Every community in scope, findings or not, sorted by street then id.
    public let communities: [CommunitySummary]
    /// Records that link no findings (see `init`).
    let background: Set<Int64>

    /// Sorts and counts `findings` for the communities in scope, and links findings that rest on a common record.
    /// - Parameters:
    ///   - communities: every known community as (id, name, street); filtered here by the scope.
    ///   - findings: findings in any order; those outside the scope are dropped.
    ///   - background: records that many findings cite only as background (registrations of communities and
    ///     parts, fund openings); sharing one of them does not link two findings.
    ///   - base: the findings before this list when it is a part of a longer one (`numbered(from:)`, without
    ///     making the list twice).
    public init(scope: RectificationScope, policy: Policy,
                communities: [(id: String, name: String, street: String)], findings: [Finding],
                background: Set<Int64> = [], base: Int = 0) {
        self.scope = scope
        self.policy = policy
        self.background = background
        let inScope = communities.filter { c in
            (scope.street == nil || scope.street == c.street) && (scope.communityID == nil || scope.communityID == c.id)
        }
        let ids = Set(inScope.map(\.id))
        var counts: [String: [Int]] = [:]
        // Indexes are sorted, not findings (moving a finding retains and releases its many strings); the sort is
        // stable, as sorting the findings was, so the order is the same.
        var order: [Int] = []
        order.reserveCapacity(findings.count)
        for (index, finding) in findings.enumerated() where ids.contains(finding.communityID) && scope.includes(finding.problemClass) {
            order.append(index)
            let c = ProblemClass.allCases.firstIndex(of: finding.problemClass)!
            counts[finding.communityID, default: Array(repeating: 0, count: ProblemClass.allCases.count)][c] += 1
        }
        // Each finding's street and community ranked once (the report order's first two keys, compared by UTF-8
        // bytes): the sort compares two integers where it compared two pairs of strings.
        var pairs: [String: [String: Int]] = [:]
        for index in order { pairs[findings[index].street, default: [:]][findings[index].communityID] = 0 }
        var rank = 0
        for street in pairs.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            for id in pairs[street]!.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                pairs[street]![id] = rank
                rank += 1
            }
        }
        // With them, each finding's severity and item kind (the next two keys) and its rule's rank, found once: the
        // comparisons then look at strings only for the item id (`reportOrderWithinCommunity`, the same order).
        var rankOf = [Int](repeating: 0, count: findings.count)
        var ruleRankOf = [Int](repeating: 0, count: findings.count)
        for index in order {
            let f = findings[index]
            let rank = pairs[f.street]![f.communityID]!
            rankOf[index] = rank << 8 | Severity.allCases.firstIndex(of: f.severity)! << 4 | ItemKind.allCases.firstIndex(of: f.itemKind)!
            ruleRankOf[index] = RuleCode.allCases.firstIndex(of: f.rule)!
        }
        order.sort { a, b in
            if rankOf[a] != rankOf[b] { return rankOf[a] < rankOf[b] }
            let x = findings[a], y = findings[b]
            if x.itemID != y.itemID { return x.itemID.utf8.lexicographicallyPrecedes(y.itemID.utf8) }
            if ruleRankOf[a] != ruleRankOf[b] { return ruleRankOf[a] < ruleRankOf[b] }
            if x.since != y.since { return x.since < y.since }
            return x.evidence.lazy.map(\.seq).lexicographicallyPrecedes(y.evidence.lazy.map(\.seq))
        }
        // Keys made distinct and links set in place, on the one sorted copy (each copy of a list retains every string).
        // When every finding is kept (a community's part of a list), they are put in order by swaps in the array
        // given, not copied into a new one: a copy retains every string of every finding, and freeing the given
        // array releases them all again.
        var sorted: [Finding]
        if order.count == findings.count {
            sorted = findings
            var placed = [Bool](repeating: false, count: order.count)
            for start in order.indices where !placed[start] {
                // The cycle through `start`: each position takes the finding `order` names for it.
                var at = start
                placed[at] = true
                while order[at] != start {
                    sorted.swapAt(at, order[at])
                    at = order[at]
                    placed[at] = true
                }
            }
        } else {
            sorted = order.map { findings[$0] }
        }
        Rectification.makeKeysDistinct(&sorted)
        Rectification.link(&sorted, background: background, base: base)
        self.findings = sorted
        self.communities = inScope
            .map { c in
                CommunitySummary(communityID: c.id, name: c.name, street: c.street,
                                 countsByClass: counts[c.id] ?? Array(repeating: 0, count: ProblemClass.allCases.count))
            }
            .sorted { a, b in
                a.street != b.street ? a.street.utf8.lexicographicallyPrecedes(b.street.utf8)
                    : a.communityID.utf8.lexicographicallyPrecedes(b.communityID.utf8)
            }
    }

    /// The heading of a list whose findings are rendered a community at a time (`RectificationParts`): its
    /// communities, already counted and in list order, and no findings.
    public init(scope: RectificationScope, policy: Policy, counted communities: [CommunitySummary], background: Set<Int64> = []) {
        self.scope = scope
        self.policy = policy
        self.background = background
        self.findings = []
        self.communities = communities
    }

    /// This list as part of a longer one whose findings before it are `base`: `related` numbers the findings of the
    /// longer list (a part's links stay inside it: the caller has checked that no record links two parts).
    public func numbered(from base: Int) -> Rectification {
        guard base != 0 else { return self }
        var shifted = findings
        for i in shifted.indices where !shifted[i].related.isEmpty { shifted[i].related = shifted[i].related.map { $0 + base } }
        return Rectification(scope: scope, policy: policy, communities: communities, numbered: shifted, background: background)
    }

    private init(scope: RectificationScope, policy: Policy, communities: [CommunitySummary], numbered findings: [Finding],
                 background: Set<Int64>) {
        self.scope = scope
        self.policy = policy
        self.background = background
        self.findings = findings
        self.communities = communities
    }

    /// The list with only the findings `keep` accepts (e.g. the statuses asked for): counts, links and numbers
    /// are those of the shorter list; keys stay as they were.
    public func keeping(_ keep: (Finding) -> Bool) -> Rectification {
        Rectification(scope: scope, policy: policy, communities: communities, findings: findings.filter(keep), background: background)
    }

    private init(scope: RectificationScope, policy: Policy, communities: [CommunitySummary], findings: [Finding],
                 background: Set<Int64>) {
        self.scope = scope
        self.policy = policy
        self.background = background
        var kept = findings
        Rectification.link(&kept, background: background)
        self.findings = kept
        var counts: [String: [Int]] = [:]
        for finding in kept {
            let index = ProblemClass.allCases.firstIndex(of: finding.problemClass)!
            counts[finding.communityID, default: Array(repeating: 0, count: ProblemClass.allCases.count)][index] += 1
        }
        self.communities = communities.map { c in
            CommunitySummary(communityID: c.communityID, name: c.name, street: c.street,
                             countsByClass: counts[c.communityID] ?? Array(repeating: 0, count: ProblemClass.allCases.count))
        }
    }

    /// `findings` with `related` set: the other findings that cite a record this one cites (background excepted),
    /// e.g. an overdraft and an over-cap spending made by one payment, or a late and an overdue disclosure of one
    /// fund. Symmetric; indexes ascending.
    static func linked(_ findings: [Finding], background: Set<Int64>) -> [Finding] {
        var out = findings
        makeKeysDistinct(&out)
        link(&out, background: background)
        return out
    }

    /// Keys are distinct within a list: a second finding with the key of an earlier one (in report order) gets `#2`,
    /// the next `#3` — rare, since a key names the spending, use or occupation when one item can have several
    /// findings of a rule on one day.
    static func makeKeysDistinct(_ findings: inout [Finding]) {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(findings.count)
        for index in findings.indices {
            let base = findings[index].key
            let n = (seen[base] ?? 0) + 1
            seen[base] = n
            if n > 1 { findings[index].key = base + "#\(n)" }
        }
    }

    /// Sets `related` from the records the findings share (indexes plus `base`, for a part of a longer list).
    static func link(_ findings: inout [Finding], background: Set<Int64>, base: Int = 0) {
        // Every (record, finding) citation sorted, so the findings citing one record are a run (no dictionary of
        // arrays: a list made a community at a time links each community's findings).
        var cites: [(seq: Int64, index: Int)] = []
        for (index, finding) in findings.enumerated() {
            for e in finding.evidence where !background.contains(e.seq) { cites.append((e.seq, index)) }
        }
        cites.sort { $0.seq != $1.seq ? $0.seq < $1.seq : $0.index < $1.index }
        var related = [[Int]](repeating: [], count: findings.count)
        var start = 0
        while start < cites.count {
            var end = start + 1
            while end < cites.count, cites[end].seq == cites[start].seq { end += 1 }
            if end - start > 1 {
                for i in start..<end {
                    for j in start..<end where cites[j].index != cites[i].index { related[cites[i].index].append(cites[j].index + base) }
                }
            }
            start = end
        }
        for index in findings.indices {
            // Ascending, each once (a finding sharing two records with another names it once).
            var list = related[index]
            if list.count > 1 { list.sort(); list = list.enumerated().filter { $0.offset == 0 || list[$0.offset - 1] != $0.element }.map(\.element) }
            if !list.isEmpty || !findings[index].related.isEmpty { findings[index].related = list }
        }
    }

    /// Findings per class over all communities, in `ProblemClass.allCases` order.
    public var totalsByClass: [Int] {
        var totals = Array(repeating: 0, count: ProblemClass.allCases.count)
        for c in communities { for (i, n) in c.countsByClass.enumerated() { totals[i] += n } }
        return totals
    }

    /// Findings of `problemClass` (or of any class when nil).
    public func count(of problemClass: ProblemClass?) -> Int {
        guard let problemClass else { return findings.count }
        return findings.filter { $0.problemClass == problemClass }.count
    }
}
