/// The doors' side of the category vocabulary (docs/categories.md): a word outside it is refused by `ledger import`
/// and `ledger append` unless the clerk allows a new category (`--allow-new-category`, or an import's mapping file
/// `values`), with the word it most likely means. One implementation for both doors, so that they accept the same
/// words and say the same things.
extension CategoryVocabulary {
    /// What a door makes of a category word written for `direction`.
    public enum Verdict: Equatable, Sendable {
        /// A word of the vocabulary for `direction` (`other` included): the code it stands for.
        case known(code: String)
        /// A word of the vocabulary for the other direction (广告 as a spending purpose).
        case otherDirection(Category)
        /// Not a word of the vocabulary.
        case unknown
    }

    /// The door's verdict on `text` written as a category of `direction`.
    public static func verdict(_ text: String, direction: Category.Direction) -> Verdict {
        guard let known = code(for: text), let category = category(known) else { return .unknown }
        return category.direction == direction || known == "other" ? .known(code: known) : .otherDirection(category)
    }

    /// Why a door refuses `text` as a category of `direction`: not a word of the vocabulary, or a word of the
    /// other direction.
    public static func refusal(_ text: String, _ direction: Category.Direction) -> Wording {
        if case .otherDirection(let other) = verdict(text, direction: direction) {
            return direction == .spending
                ? Wording(en: "is an income category (\(other.zh), \(other.code)), not a spending purpose",
                          zh: "是收入类别（\(other.zh)，\(other.code)），不是支出类别")
                : Wording(en: "is a spending purpose (\(other.zh), \(other.code)), not an income category",
                          zh: "是支出类别（\(other.zh)，\(other.code)），不是收入类别")
        }
        return Wording(en: "is not a word of the category vocabulary (docs/categories.md)", zh: "不在收支类别表中（docs/categories.md）")
    }

    /// How a refused category word may be written instead: the word of `direction` `text` most likely means
    /// ("did you mean …?"), the words of the list, and how to record a new category on purpose:
    /// `--allow-new-category`, and with `mapping` (an import) a mapping file's `values` too.
    public static func allowed(_ text: String, _ direction: Category.Direction, mapping: Bool) -> Wording {
        let words = categories(direction).map { "\($0.zh) (\($0.code))" }.joined(separator: ", ")
        let near = suggestion(for: text, direction: direction)
            .map { Wording(en: "Did you mean \($0.zh) (\($0.code))? ", zh: "是不是“\($0.zh)”（\($0.code)）？") } ?? Wording(same: "")
        let ways = mapping
            ? Wording(en: "to record a new category on purpose, pass --allow-new-category, or map the word in a mapping file's \"values\" (--mapping).",
                      zh: "如确是新的类别，请加 --allow-new-category，或在映射文件（--mapping）的“values”中对应这个词。")
            : Wording(en: "to record a new category on purpose, pass --allow-new-category.",
                      zh: "如确是新的类别，请加 --allow-new-category。")
        return near + Wording(en: "Write one of " + words + "; ", zh: "请写以下之一：" + words + "；") + ways
    }

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
