/// A negative amount of yuan as people write it, however the sign is placed: one minus (`-`, `−` U+2212, full-width
/// `－`) or one pair of brackets (`(…)`, `（…）`, accounting style) at the number's edge — before it or after `¥`/`￥`
/// (`-¥500`, `¥-500`, `¥ -500`, `(500.00)`, `¥(500)`), or after it or before `元` (`500-`, as some ledgers print a
/// debit, `500-元`) — around an amount that reads without them. Every such form gets the same advice on where a
/// negative amount belongs (review 35c: `-¥100` got it, `¥-100` and `100-` did not); nothing else is one
/// (`1-00`, `--5`, `(-5)`, `+500-`, `(+500)`).
public struct NegativeYuan: Equatable, Sendable {
    /// The amount negated, as written without the sign or the brackets (`¥500` for `¥-500`).
    public let magnitude: String
    /// Whether brackets (accounting style) made it negative.
    public let bracketed: Bool

    public init(magnitude: String, bracketed: Bool) {
        self.magnitude = magnitude
        self.bracketed = bracketed
    }

    /// `text` as a negative amount (see the type), or nil.
    public init?(_ text: some StringProtocol) {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{00A0}" || s == "\u{3000}" || s == "\u{FEFF}"
        }
        var scalars = Array(String(text).unicodeScalars)
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        // Only a currency mark and spaces may stand between the sign and the start, only 元 and spaces between the
        // sign and the end.
        func atStart(_ index: Int) -> Bool { scalars[..<index].allSatisfy { $0 == "¥" || $0 == "￥" || isSpace($0) } }
        func atEnd(_ index: Int) -> Bool { scalars[(index + 1)...].allSatisfy { $0 == "元" || isSpace($0) } }
        func reads(_ kept: [Unicode.Scalar]) -> String? {
            var trimmed = kept[...]
            while let first = trimmed.first, isSpace(first) { trimmed.removeFirst() }
            while let last = trimmed.last, isSpace(last) { trimmed.removeLast() }
            // `¥ -500` asks for `¥500`: the space stood between the mark and the sign.
            if let first = trimmed.first, first == "¥" || first == "￥" {
                let mark = trimmed.removeFirst()
                while let next = trimmed.first, isSpace(next) { trimmed.removeFirst() }
                trimmed.insert(mark, at: trimmed.startIndex)
            }
            // A plus sign left beside the minus or the brackets (`+500-`, `(+500)`) says the opposite direction: two
            // signs are no amount (review 37c F1: `+500-` was read as money out).
            if trimmed.contains(where: { $0 == "+" || $0 == "\u{FF0B}" }) { return nil }
            var written = ""
            written.unicodeScalars.append(contentsOf: trimmed)
            return (try? Amount.parse(yuanText: written)) != nil ? written : nil
        }
        let minus: Set<Unicode.Scalar> = ["-", "\u{2212}", "\u{FF0D}"]
        let signs = scalars.indices.filter { minus.contains(scalars[$0]) }
        if signs.count == 1, let sign = signs.first, atStart(sign) || atEnd(sign) {
            var kept = scalars
            kept.remove(at: sign)
            if let magnitude = reads(kept) { self.init(magnitude: magnitude, bracketed: false); return }
        }
        let opens = scalars.indices.filter { scalars[$0] == "(" || scalars[$0] == "（" }
        let closes = scalars.indices.filter { scalars[$0] == ")" || scalars[$0] == "）" }
        if opens.count == 1, closes.count == 1, let open = opens.first, let close = closes.first, open < close,
           atStart(open), atEnd(close) {
            var kept = scalars
            kept.remove(at: close)
            kept.remove(at: open)
            if let magnitude = reads(kept) { self.init(magnitude: magnitude, bracketed: true); return }
        }
        return nil
    }
}
