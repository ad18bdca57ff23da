import LedgerEvents

/// The stable key of a finding (ledger-spec.md section 13.1): what a rectification list prints and the loop's
/// events (`rectification.issued` …) name, so that the same problem keeps its key from run to run and from one
/// check date to the next.
///
/// `RULE/ITEM[/SUBJECT…]/SINCE`: the rule code, the item's id, the ids of the record the finding is about when an
/// item can have several findings of one rule on one day (a spending, a transfer, an income, a use, an
/// occupation, an inspection), and the first day of the problem. Rules that measure a running state over a window
/// or a balance (LOW-01, LOW-02 and CON-07, whose start moves as the window moves or rent is paid) have no date:
/// `RULE/ITEM`. A key holds no seq, so it survives appends; a corrected record is a new record, and the
/// findings about it get new keys.
public enum FindingKey {
    /// Rules whose key has no date (`make` names them too).
    public static let undatedRules: Set<RuleCode> = [.lowUtilisation, .lowIncome, .rentArrears]

    /// The key of a finding of `rule` on `itemID`.
    public static func make(rule: RuleCode, itemID: String, subjectIDs: [String], since: CalendarDate) -> String {
        // Appended in place (every stored finding's key is made as it is read: millions for a whole city's list).
        var key = rule.code
        key += "/"
        key += itemID
        for s in subjectIDs { key += "/"; key += s }
        if rule != .lowUtilisation && rule != .lowIncome && rule != .rentArrears { key += "/"; key += since.description }
        return key
    }

    /// The rule a key names (its text before the first `/`), if it is a rule code.
    public static func rule(of key: String) -> RuleCode? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return RuleCode(rawValue: String(key[..<slash]))
    }

    /// The key without its rule and date: the item and subject ids, for a reader (`F-HY-PI/ev-0051`).
    public static func subject(of key: String) -> String {
        var parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return key }
        parts.removeFirst()
        if let rule = rule(of: key), !undatedRules.contains(rule), parts.count >= 2,
           CalendarDate(iso: String(parts.last!.prefix(10))) != nil {
            parts.removeLast()
        }
        return parts.joined(separator: "/")
    }

    /// The first day of the problem a dated key names (its last part), nil for an undated key.
    public static func since(of key: String) -> CalendarDate? {
        guard let rule = rule(of: key), !undatedRules.contains(rule), let slash = key.lastIndex(of: "/") else { return nil }
        var last = key[key.index(after: slash)...]
        if let hash = last.firstIndex(of: "#") { last = last[..<hash] }
        return CalendarDate(iso: String(last))
    }
}
