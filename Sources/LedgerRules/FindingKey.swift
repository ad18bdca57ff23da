import LedgerEvents

/// The stable key of a finding (ledger-spec.md section 13.1): what a rectification list prints and the loop's
/// events (`rectification.issued` …) name, so that the same problem keeps its key from run to run and from one
/// check date to the next.
///
/// `RULE/ITEM[/SUBJECT…]/SINCE`: the rule code, the item's id, the ids of the record the finding is about when an
/// item can have several findings of one rule on one day (a spending, a transfer, an income, a use, an
/// occupation, an inspection), and the first day of the problem. A finding that is the one finding of its rule on
/// its item — a running state whose start moves as the window moves, rent is paid, or a fact is recorded late or
/// corrected inside it (LOW-01, LOW-02, CON-07, IDLE-01, FUND-06, FUND-04 on a decision's cap) — has no date:
/// `RULE/ITEM`. A key holds no seq, so it survives appends, and it names a record by the original event's id
/// (`FundMovement.recordID`), so it survives a correction of that record too (a ratifying `decision_id` added).
public enum FindingKey {
    /// Rules whose key never has a date (`isDated` says it for FUND-04's finding on a decision's cap too).
    public static let undatedRules: Set<RuleCode> = [.lowUtilisation, .lowIncome, .rentArrears, .idle, .fundOverdrawn]

    /// Whether the key of a finding of `rule` about `subjectIDs` ends with its `since` date: not for the rules that
    /// have one finding per item at a time (`undatedRules`), nor for FUND-04's finding on a decision's cap (no
    /// subject: one per decision, from the day the cap was first exceeded, which a spending recorded late or a
    /// corrected date moves); FUND-04 about one spending names it and is dated.
    @inline(__always)
    public static func isDated(rule: RuleCode, subjectIDs: [String]) -> Bool {
        switch rule {
        case .lowUtilisation, .lowIncome, .rentArrears, .idle, .fundOverdrawn: return false
        case .spendingBeyondAuthority: return !subjectIDs.isEmpty
        default: return true
        }
    }

    /// The key of a finding of `rule` on `itemID`.
    public static func make(rule: RuleCode, itemID: String, subjectIDs: [String], since: CalendarDate) -> String {
        // Appended in place (every stored finding's key is made as it is read: millions for a whole city's list).
        var key = rule.code
        key += "/"
        key += itemID
        for s in subjectIDs { key += "/"; key += s }
        if isDated(rule: rule, subjectIDs: subjectIDs) { key += "/"; key += since.description }
        return key
    }

    /// `key` as this release makes it: a key issued by an earlier release that dated IDLE-01, FUND-06 and FUND-04 on a
    /// decision's cap (`IDLE-01/A-1/2025-01-01`, `FUND-04/D-1/2025-05-20`) without its date (`IDLE-01/A-1`), its
    /// `#2` kept; every other key as it is. The loop reads issued keys through it, so a list issued before keeps
    /// finding its findings. A FUND-04 key is read so only when the part between its code and its date holds no `/`
    /// (the decision's id; `FUND-04/FUND/EVENT/DAY` is about a spending and stays dated).
    public static func current(_ key: String) -> String {
        guard let rule = rule(of: key), rule == .idle || rule == .fundOverdrawn || rule == .spendingBeyondAuthority else { return key }
        var body = Substring(key), suffix = Substring("")
        // `#2` is a suffix only at the very end, after the last `/` and all digits: an id may hold `#` (3#楼-P1).
        if let hash = key.lastIndex(of: "#"), !key[hash...].contains("/"), key.index(after: hash) < key.endIndex,
           key[key.index(after: hash)...].allSatisfy({ $0.isASCII && $0.isNumber }) {
            body = key[..<hash]; suffix = key[hash...]
        }
        guard let slash = body.lastIndex(of: "/"), CalendarDate(iso: String(body[body.index(after: slash)...])) != nil else { return key }
        let head = body[..<slash]
        // The date must follow an item: `IDLE-01/2025-01-01` alone is an item named so, undated already.
        guard let first = head.firstIndex(of: "/") else { return key }
        let afterRule = head[head.index(after: first)...]
        guard !afterRule.isEmpty else { return key }
        if rule == .spendingBeyondAuthority && afterRule.contains("/") { return key }
        return String(head) + suffix
    }

    /// The rule a key names (its text before the first `/`), if it is a rule code.
    public static func rule(of key: String) -> RuleCode? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return RuleCode(rawValue: String(key[..<slash]))
    }

    /// Whether `key` (this release's form, `current`) ends with a date: by its rule, and for FUND-04 by its parts
    /// (`FUND-04/FUND/EVENT/DAY` about a spending; `FUND-04/DECISION` on its cap).
    static func hasDate(_ key: String, rule: RuleCode, parts: Int) -> Bool {
        if undatedRules.contains(rule) { return false }
        if rule == .spendingBeyondAuthority { return parts >= 4 }
        return parts >= 3
    }

    /// The key without its rule and date: the item and subject ids, for a reader (`F-HY-PI/ev-0051`).
    public static func subject(of key: String) -> String {
        var parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return key }
        let count = parts.count
        parts.removeFirst()
        if let rule = rule(of: key), hasDate(key, rule: rule, parts: count), parts.count >= 2,
           CalendarDate(iso: String(parts.last!.prefix(10))) != nil {
            parts.removeLast()
        }
        return parts.joined(separator: "/")
    }

    /// The first day of the problem a dated key names (its last part), nil for an undated key.
    public static func since(of key: String) -> CalendarDate? {
        let count = key.split(separator: "/", omittingEmptySubsequences: false).count
        guard let rule = rule(of: key), hasDate(key, rule: rule, parts: count), let slash = key.lastIndex(of: "/") else { return nil }
        var last = key[key.index(after: slash)...]
        if let hash = last.firstIndex(of: "#") { last = last[..<hash] }
        return CalendarDate(iso: String(last))
    }
}
