/// An amount of money in fen (分, 1/100 yuan), the ledger's only unit of money. Never a floating-point number.
public struct Amount: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Signed fen.
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Amount(fen: 0)

    /// Parses yuan as people write them: `1234`, `1234.5`, `1,234.50`, `-12.00`, `¥3,000.00`, `3000元`, full-width
    /// `３０００．５`. At most two decimals (a fen is the smallest unit); nil for anything else or beyond
    /// ±Limits.amountFenMax. `parse(yuanText:)` says why.
    public init?(yuanText text: some StringProtocol) {
        guard let amount = try? Amount.parse(yuanText: text, allowNegative: true) else { return nil }
        self = amount
    }

    /// Parses yuan as people write them (see `init?(yuanText:)`), or says why the text is not an amount.
    public static func parse(yuanText text: some StringProtocol, allowNegative: Bool = false) throws(EventError) -> Amount {
        Amount(fen: try DecimalText.units(person: text, scale: 2, maxUnits: Limits.amountFenMax, allowNegative: allowNegative,
                                          currency: true))
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
