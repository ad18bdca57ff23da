/// The one name of a closed list (event types, import kinds, an option's values) that a mistyped value plainly
/// means, for the "did you mean …?" of a refusal. One rule for every such list, so that each command answers a
/// slip the same way.
public enum NearestName {
    /// The name of `names` that `text` plainly means, or nil: the same words in another case or with spaces or
    /// hyphens for `_` (`Fund.Income`, `fund-income`), else the one name nearest to it within one letter (two when
    /// `text` has six or more: `fund.incme`). Two names equally near give nil: a guess would mislead.
    ///
    /// Characters are compared, not bytes (a Chinese character is three UTF-8 bytes: 朝阳们街道 is one slip from
    /// 朝阳门街道, not three), and a text with a character outside ASCII — a Chinese name, where one character is
    /// about a word — is held to one character below ten characters (朝阳门外街道 is not a slip of 建国门外街道).
    /// A name that shares no character position with `text` (甲 for 乙, `a` for `b`) is never offered: that is
    /// another name, not a slip. In a Chinese name the slip must also be less than half of what tells the name from
    /// others — the longer of the two names without a generic ending both share (街道, 社区, 小区, …): 八大官街道 is a slip of
    /// 八大关街道, but 东山街道 is not one of 湛山街道, nor 东丹 of 东单 (two-character names one character apart are
    /// other places as often as slips; review C15).
    public static func match(_ text: String, among names: [String]) -> String? {
        let folded = fold(text)
        guard !folded.isEmpty else { return nil }
        if let exact = names.first(where: { fold($0) == folded }) { return exact }
        let typed = Array(folded)
        let chinese = typed.contains(where: { !$0.isASCII })
        let limit = chinese ? (typed.count >= 10 ? 2 : 1) : (typed.count >= 6 ? 2 : 1)
        var best: (name: String, distance: Int)? = nil
        var tied = false
        for name in names {
            let other = fold(name), candidate = Array(other)
            let distance = editDistance(typed, candidate, atMost: limit)
            guard distance <= limit, distance < max(typed.count, candidate.count) else { continue }
            if chinese {
                let ending = genericEndings.first { folded.hasSuffix($0) && other.hasSuffix($0) }
                guard distance * 2 < max(typed.count, candidate.count) - (ending?.count ?? 0) else { continue }
            }
            if let current = best, current.distance < distance { continue }
            tied = best?.distance == distance
            best = (name, distance)
        }
        return tied ? nil : best?.name
    }

    /// Endings many names of a list share (a street office, a community, a residents' committee), longest first:
    /// not what tells one name from another.
    static let genericEndings = ["街道办事处", "社区居委会", "居民委员会", "委员会", "居委会", "办事处", "街道", "社区", "小区", "花园"]

    /// Lower-cased, without surrounding white space, `-` and space as `_`.
    static func fold(_ text: String) -> String {
        let trimmed = text.lowercased().drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return String(trimmed.map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    /// The optimal-string-alignment distance of `a` and `b` (Levenshtein, with a swap of two adjacent letters
    /// counting as one edit: `tabel` is one slip from `table`, as people type), or `atMost + 1` when it is larger.
    public static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element], atMost limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        guard !a.isEmpty else { return min(b.count, limit + 1) }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return min(previous[b.count], limit + 1)
    }
}
