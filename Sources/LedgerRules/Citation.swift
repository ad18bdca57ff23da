/// One provision: an article, optionally one paragraph (款) of it, optionally items (项) of that paragraph.
public struct Citation: Hashable, Sendable, CustomStringConvertible {
    public let source: LawSource
    public let article: Int
    /// The paragraph (款), when the provision is one paragraph of a longer article.
    public let paragraph: Int?
    /// The items (项) cited, in order.
    public let items: [Int]

    public init(_ source: LawSource, _ article: Int, paragraph: Int? = nil, items: [Int] = []) {
        precondition(article > 0 && (paragraph ?? 1) > 0 && items.allSatisfy { $0 > 0 }, "provisions are numbered from 1")
        self.source = source
        self.article = article
        self.paragraph = paragraph
        self.items = items
    }

    /// `CC 278(1) item 5`: the source key and the provision, for tests and messages.
    public var description: String { source.rawValue + " " + provisionEn }

    /// The provision in Chinese numerals as statutes are cited: 第二百七十八条第一款第五项.
    public var provisionZh: String {
        var out = "第" + ChineseNumeral.text(article) + "条"
        if let paragraph { out += "第" + ChineseNumeral.text(paragraph) + "款" }
        if !items.isEmpty { out += items.map { "第" + ChineseNumeral.text($0) + "项" }.joined(separator: "、") }
        return out
    }

    /// The provision in English: `Art. 278(1) item 5`, `Art. 30(1) items 7, 10`, `Art. 281(2)`.
    public var provisionEn: String {
        var out = "Art. \(article)"
        if let paragraph { out += "(\(paragraph))" }
        if items.count == 1 { out += " item \(items[0])" }
        if items.count > 1 { out += " items " + items.map(String.init).joined(separator: ", ") }
        return out
    }
}
