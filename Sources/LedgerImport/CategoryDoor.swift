import LedgerEvents

/// The import's side of the category vocabulary (docs/categories.md): a word outside it is refused at the door
/// unless the clerk allows a new category (`--allow-new-category`, or a mapping file's `values`), with the word
/// it most likely means.
extension CategoryVocabulary {
    /// The category of `direction` a word outside the vocabulary most likely means, for the "did you mean …?" of a
    /// refusal: the one category with a word within one character of it (two for a word of six or more: 停车收费
    /// → 停车费, parkng → parking), else the one category a word of which it contains (场地租金收入 →
    /// 场地租金, 其它收入 → 其它; a contained word of at least two Chinese characters or five letters). Two
    /// categories equally near give nil: a guess would mislead. Characters, not bytes, are compared, so a Chinese
    /// slip counts as one.
    public static func suggestion(for text: String, direction: Category.Direction) -> Category? {
        let typed = Array(key(text))
        guard !typed.isEmpty else { return nil }
        let limit = typed.count >= 6 ? 2 : 1
        var best: (code: String, distance: Int)? = nil
        var tied = false
        var contained: (code: String, length: Int)? = nil
        var containedTied = false
        for category in categories(direction) {
            for word in [category.code, category.zh, category.en] + category.aliases {
                let candidate = Array(key(word))
                let distance = characterDistance(typed, candidate, atMost: limit)
                if distance <= limit {
                    if let current = best, current.distance < distance {
                    } else if let current = best, current.distance == distance {
                        if current.code != category.code { tied = true }
                    } else {
                        best = (category.code, distance)
                        tied = false
                    }
                }
                let long = candidate.contains { !$0.isASCII } ? candidate.count >= 2 : candidate.count >= 5
                if long, candidate.count < typed.count, String(typed).contains(String(candidate)) {
                    if let current = contained, current.length > candidate.count {
                    } else if let current = contained, current.length == candidate.count {
                        if current.code != category.code { containedTied = true }
                    } else {
                        contained = (category.code, candidate.count)
                        containedTied = false
                    }
                }
            }
        }
        if let best, !tied { return self.category(best.code) }
        if let contained, !containedTied { return self.category(contained.code) }
        return nil
    }

    /// The Levenshtein distance of `a` and `b` in characters, or `limit + 1` when it is larger.
    static func characterDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        guard !a.isEmpty, !b.isEmpty else { return min(max(a.count, b.count), limit + 1) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return min(previous[b.count], limit + 1)
    }
}
