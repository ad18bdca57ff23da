/// The day a common part's warranty ends (保修期至), which FUND-05 compares with a maintenance-fund spending's date
/// (docs/rules.md). A register import keeps it as the attribute `warranty_end` in ISO form; a log may also hold it
/// under a register heading kept as a free attribute (`保修期至` before the importer knew the column) or written
/// another way (`2026/12/31`). `read` finds it wherever it is unambiguous.
public enum WarrantyEnd {
    /// The attribute the importer writes and the reports label 保修期至.
    public static let attribute = "warranty_end"

    /// The register headings that name it, besides `warranty_end` (README "Importing a register").
    public static let headings = ["保修期至", "保修截止日期", "保修到期日", "保修期限至"]

    /// What an asset's attributes say of its warranty.
    public enum Reading: Equatable, Sendable {
        /// No attribute names a warranty.
        case none
        /// It ends on `date`, as `attribute` says.
        case ends(CalendarDate, attribute: String)
        /// `attribute` names a warranty but holds `text`, which is no date this reads, or the attributes that name
        /// one give different dates.
        case unreadable(attribute: String, text: String)
    }

    /// Whether an attribute's name names the warranty's end: `warranty_end` in any case with spaces, `_` or `-`,
    /// or one of `headings` (spaces ignored).
    public static func names(_ attributeName: String) -> Bool {
        var folded = ""
        for scalar in attributeName.unicodeScalars where !" _-\u{3000}\u{00A0}".unicodeScalars.contains(scalar) {
            folded.unicodeScalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
        }
        return folded == "warrantyend" || headings.contains(folded)
    }

    /// The warranty's end in `attributes`: `warranty_end` when it holds a date — the importer writes it from the
    /// register's latest import, so it is the latest word (an older import kept the date under its heading, which a
    /// re-import with a corrected date leaves behind) — else the others that name it (by name); when those give two
    /// different dates, or none gives a date, it is unreadable.
    public static func read(_ attributes: [String: String]) -> Reading {
        if let text = attributes[attribute], let date = date(text) { return .ends(date, attribute: attribute) }
        var named = attributes.keys.filter { $0 != attribute && names($0) }.sorted()
        if attributes[attribute] != nil { named.insert(attribute, at: 0) }
        var found: (CalendarDate, String)? = nil
        var unread: (String, String)? = nil
        for name in named {
            let text = attributes[name]!
            guard let date = date(text) else {
                // A blank records nothing.
                if !text.allSatisfy(\.isWhitespace) && unread == nil { unread = (name, text) }
                continue
            }
            if let earlier = found?.0, earlier != date { return .unreadable(attribute: name, text: text) }
            if found == nil { found = (date, name) }
        }
        if let found { return .ends(found.0, attribute: found.1) }
        if let unread { return .unreadable(attribute: unread.0, text: unread.1) }
        return .none
    }

    /// A date written `2026-12-31`, `2026-1-5`, `2026/12/31`, `2026.12.31`, `2026年12月31日` or `20261231`, with
    /// spaces around it; nil for anything else (an Excel serial number is not read: it is no date by itself).
    public static func date(_ text: String) -> CalendarDate? {
        let scalars = Array(text.unicodeScalars.drop { $0 == " " || $0 == "\u{3000}" }.reversed()
            .drop { $0 == " " || $0 == "\u{3000}" }.reversed())
        if scalars.count == 8, scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            let digits = scalars.map { Int($0.value) - 48 }
            return CalendarDate(year: digits[0..<4].reduce(0) { $0 * 10 + $1 }, month: digits[4] * 10 + digits[5],
                                day: digits[6] * 10 + digits[7])
        }
        var groups: [Int] = []
        var separators: [Unicode.Scalar] = []
        var current: Int? = nil
        var digits = 0
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                digits += 1
                guard digits <= 4 else { return nil }
                current = (current ?? 0) * 10 + Int(scalar.value) - 48
                continue
            }
            guard let value = current else { return nil }
            groups.append(value)
            separators.append(scalar)
            current = nil
            digits = 0
        }
        if let current { groups.append(current) }
        let shapes: [[Unicode.Scalar]] = [["-", "-"], ["/", "/"], [".", "."], ["年", "月", "日"], ["年", "月"]]
        guard groups.count == 3, shapes.contains(separators), groups[0] >= 1000 else { return nil }
        return CalendarDate(year: groups[0], month: groups[1], day: groups[2])
    }
}
