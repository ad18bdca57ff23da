/// A non-negative rational number compared exactly (income per m², utilisation). Comparison works on
/// continued-fraction terms, so it never multiplies and cannot overflow however large the terms are.
public struct Ratio: Hashable, Sendable, Comparable {
    public let numerator: Int128
    public let denominator: Int128

    /// Traps unless `numerator ≥ 0` and `denominator > 0` (a programmer error: callers skip zero areas first).
    public init(_ numerator: Int128, _ denominator: Int128) {
        precondition(denominator > 0, "a ratio has a positive denominator")
        precondition(numerator >= 0, "a ratio here is never negative")
        let g = Ratio.gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    public static func < (lhs: Ratio, rhs: Ratio) -> Bool {
        var (a, b, c, d) = (lhs.numerator, lhs.denominator, rhs.numerator, rhs.denominator)
        while true {
            let (qa, ra) = a.quotientAndRemainder(dividingBy: b)
            let (qc, rc) = c.quotientAndRemainder(dividingBy: d)
            if qa != qc { return qa < qc }
            if ra == 0 || rc == 0 { return ra == 0 && rc != 0 }
            // Equal whole parts: a/b < c/d ⇔ ra/b < rc/d ⇔ d/rc < b/ra.
            (a, b, c, d) = (d, rc, b, ra)
        }
    }

    /// Zero.
    public static let zero = Ratio(0, 1)

    /// The exact sum (reduced).
    public static func + (lhs: Ratio, rhs: Ratio) -> Ratio {
        Ratio(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    /// `self × percent / 100`.
    public func scaled(percent: Int64) -> Ratio { Ratio(numerator * Int128(percent), denominator * 100) }

    /// The median of a non-empty list: the middle element, or the mean of the two middle ones.
    public static func median(_ values: [Ratio]) -> Ratio {
        precondition(!values.isEmpty, "the median of nothing is undefined")
        let sorted = values.sorted()
        let mid = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[mid] }
        let sum = sorted[mid - 1] + sorted[mid]
        return Ratio(sum.numerator, 2 * sum.denominator)
    }

    /// Whole hundredths, rounded down (for display only; comparisons use the exact value).
    public var hundredthsRoundedDown: Int64 { Int64(clamping: numerator * 100 / denominator) }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }
}
