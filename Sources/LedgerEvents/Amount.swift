/// An amount of money in fen (分, 1/100 yuan), the ledger's only unit of money. Never a floating-point number.
public struct Amount: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Signed fen.
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Amount(fen: 0)

    /// Parses yuan written as decimal text: `1234`, `1234.5`, `1,234.50`, `-12.00`, with an optional leading
    /// `¥` or `￥`. At most two decimals (a fen is the smallest unit); nil for anything else or beyond ±Limits.amountFenMax.
    public init?(yuanText text: some StringProtocol) {
        var u = Array(text.utf8)[...]
        for prefix in [Array("¥".utf8), Array("￥".utf8)] where u.starts(with: prefix) { u = u.dropFirst(prefix.count) }
        var negative = false
        if u.first == UInt8(ascii: "-") { negative = true; u = u.dropFirst() }
        guard let first = u.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digitsSinceComma = -1
        var sawComma = false
        var wholeDigits = 0
        for b in u {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = Int64(b - UInt8(ascii: "0"))
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= 2 else { return nil }
                    fraction = fraction * 10 + d
                } else {
                    wholeDigits += 1
                    if digitsSinceComma >= 0 { digitsSinceComma += 1 }
                    guard whole <= Limits.amountFenMax / 10 else { return nil }
                    whole = whole * 10 + d
                }
            case UInt8(ascii: ","):
                // Thousands separators only between groups of three whole digits.
                guard !seenPoint, wholeDigits > 0, digitsSinceComma == -1 || digitsSinceComma == 3 else { return nil }
                if !sawComma { guard wholeDigits <= 3 else { return nil } }
                sawComma = true
                digitsSinceComma = 0
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                if sawComma { guard digitsSinceComma == 3 else { return nil } }
                seenPoint = true
            default:
                return nil
            }
        }
        if sawComma && !seenPoint { guard digitsSinceComma == 3 else { return nil } }
        if seenPoint { guard fractionDigits > 0 else { return nil } }
        if fractionDigits == 1 { fraction *= 10 }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        let total = product + fraction
        guard total <= Limits.amountFenMax else { return nil }
        self.fen = negative ? -total : total
    }

    /// Yuan with exactly two decimals and no separators, e.g. `-1234.50`.
    public var yuanText: String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(fen < 0 ? "-" : "")\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { yuanText }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.fen < rhs.fen }

    /// Sum that traps on overflow: ledger totals never come near Int64's range, so overflow is a bug.
    public static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(fen: lhs.fen - rhs.fen) }
    public static prefix func - (value: Amount) -> Amount { Amount(fen: -value.fen) }
    public static func += (lhs: inout Amount, rhs: Amount) { lhs = lhs + rhs }
    public static func -= (lhs: inout Amount, rhs: Amount) { lhs = lhs - rhs }
}

/// An exact non-negative decimal quantity with up to `scale` fraction digits, such as an area in m² (`35.50`).
/// Stored as an integer count of 1/10^scale units; written as decimal text so JSON never carries a float.
public struct DecimalQuantity: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value in units of 10^-scale.
    public let units: Int64
    /// Fraction digits kept (2 for m²: areas are registered to the hundredth of a square metre).
    public let scale: Int
    /// The text a record holds when it is not `description` (`35.5`, `1,234.50`: ledger-spec.md allows these
    /// spellings); nil otherwise. Not part of the value: `35.5` and `35.50` are equal. Kept so that a decoded
    /// payload encodes to its record's bytes again.
    public let writtenText: String?

    public init(units: Int64, scale: Int = 2) {
        self.units = units
        self.scale = scale
        self.writtenText = nil
    }

    /// Parses `text` like `init?(text:scale:)` and keeps it as the written text when it is not canonical.
    public init?(written text: String, scale: Int = 2) {
        guard let value = DecimalQuantity(text: text, scale: scale) else { return nil }
        self.units = value.units
        self.scale = scale
        self.writtenText = text == value.description ? nil : text
    }

    public static func == (lhs: DecimalQuantity, rhs: DecimalQuantity) -> Bool {
        lhs.units == rhs.units && lhs.scale == rhs.scale
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(units)
        hasher.combine(scale)
    }

    /// Parses `35`, `35.5`, `35.50`, `1,234.5`; at most `scale` decimals, non-negative, at most 10^12 units.
    public init?(text: String, scale: Int = 2) {
        // The same parser, compiled for `String` here (the generic one is not specialised across modules, and an
        // import parses an area per row).
        self.init(utf8: text.utf8, scale: scale)
    }

    /// Parses `35`, `35.5`, `35.50`, `1,234.5`; at most `scale` decimals, non-negative, at most 10^12 units.
    public init?(text: some StringProtocol, scale: Int = 2) {
        self.init(utf8: text.utf8, scale: scale)
    }

    @inline(__always)
    init?(utf8 text: some Sequence<UInt8>, scale: Int) {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var sawDigit = false
        var digitsSinceComma = -1
        for b in text {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                let d = Int64(b - UInt8(ascii: "0"))
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= scale else { return nil }
                    fraction = fraction * 10 + d
                } else {
                    if digitsSinceComma >= 0 { digitsSinceComma += 1 }
                    guard whole < 1_000_000_000_000 else { return nil }
                    whole = whole * 10 + d
                }
            case UInt8(ascii: ","):
                guard !seenPoint, sawDigit, digitsSinceComma == -1 || digitsSinceComma == 3 else { return nil }
                digitsSinceComma = 0
            case UInt8(ascii: "."):
                guard !seenPoint, sawDigit, digitsSinceComma == -1 || digitsSinceComma == 3 else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        guard sawDigit, !(seenPoint && fractionDigits == 0) else { return nil }
        if !seenPoint, digitsSinceComma >= 0, digitsSinceComma != 3 { return nil }
        var multiplier: Int64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        var fractionScaled = fraction
        for _ in fractionDigits..<scale { fractionScaled *= 10 }
        let (product, overflow) = whole.multipliedReportingOverflow(by: multiplier)
        guard !overflow, product <= 1_000_000_000_000 * multiplier else { return nil }
        self.units = product + fractionScaled
        self.scale = scale
        self.writtenText = nil
    }

    /// Decimal text with exactly `scale` fraction digits, e.g. `35.50`.
    public var description: String {
        guard scale > 0 else { return String(units) }
        var multiplier: Int64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        var fraction = String(units.magnitude % UInt64(multiplier))
        while fraction.count < scale { fraction = "0" + fraction }
        return "\(units < 0 ? "-" : "")\(units.magnitude / UInt64(multiplier)).\(fraction)"
    }

    public static func < (lhs: DecimalQuantity, rhs: DecimalQuantity) -> Bool {
        precondition(lhs.scale == rhs.scale, "compare quantities of one scale")
        return lhs.units < rhs.units
    }
}
