@testable import LedgerReports
import LedgerTestSupport
import Testing

/// Review 45b #4: `ledger decisions` rounded every share down to two decimals, so 6,666.67 m² of 10,000 showed
/// 66.66% beside 通过. A share shows as many decimals as it needs to read on its true side of its threshold.
@Suite struct DecisionSharePercentTests {
    typealias T = ProjectionReports.Threshold
    static let quorum = ProjectionReports.quorumShare
    static let majority = T(numerator: 1, denominator: 2, strict: true)
    static let threeQuarters = T(numerator: 3, denominator: 4)

    @Test(arguments: [
        (666_667, 1_000_000, quorum, "66.6667%"),
        (1_253_334, 1_880_000, quorum, "66.6667%"),
        (6_666, 10_000, quorum, "66.66%"),
        (2, 3, quorum, "2/3 (66.67%)"),
        (100, 150, quorum, "2/3 (66.67%)"),
        (7_000, 10_000, quorum, "70.00%"),
        (5_000_001, 10_000_000, majority, "50.00001%"),
        (1, 2, majority, "50.00%"),
        (4_999, 10_000, majority, "49.99%"),
        (3, 4, threeQuarters, "75.00%"),
        (750_001, 1_000_000, threeQuarters, "75.00%"),
        (7_499_999, 10_000_000, threeQuarters, "74.99%"),
        (0, 10, quorum, "0.00%"),
        (5, 0, quorum, ""),
        // Owner counts up to 2^53 − 1: just above 2/3 of it takes 14 decimals, in 128 bits without overflow.
        (6_004_799_503_160_661, 9_007_199_254_740_991, quorum, "66.66666666666667%"),
    ] as [(Int64, Int64, T, String)])
    func aShareShowsWhichSideOfItsThresholdItFalls(part: Int64, whole: Int64, threshold: T, shown: String) {
        #expect(ProjectionReports.percent(part, of: whole, beside: threshold) == shown)
    }

    /// Seeded random shares near each threshold: the share shown reads as meeting its threshold exactly when the
    /// share does, never exceeds the share, and is within one unit of its last decimal of it.
    @Test func theShownShareReadsAsTheShareDoes() {
        var random = SplitMix64(seed: 46)
        for threshold in [Self.quorum, Self.majority, Self.threeQuarters] {
            for _ in 0..<2_000 {
                let whole = Int64.random(in: 1...10_000_000_000, using: &random)
                let center = Int64(Int128(whole) * Int128(threshold.numerator) / Int128(threshold.denominator))
                let part = max(0, center + Int64.random(in: -3...3, using: &random))
                let shown = ProjectionReports.percent(part, of: whole, beside: threshold)
                let (p, w, n, d) = (Int128(part), Int128(whole), Int128(threshold.numerator), Int128(threshold.denominator))
                let met = threshold.strict ? p * d > n * w : p * d >= n * w
                if shown.contains("/") {
                    #expect(p * d == n * w && shown.hasPrefix("\(n)/\(d) ("))
                    continue
                }
                // `a.b%` as units / 10^(decimals + 2).
                let digits = shown.dropLast().split(separator: ".")
                let units = Int128(String(digits[0] + digits[1]))!
                var scale: Int128 = 100
                for _ in 0..<digits[1].count { scale *= 10 }
                let readsMet = threshold.strict ? units * d > n * scale : units * d >= n * scale
                #expect(readsMet == met, "\(part)/\(whole) shown \(shown)")
                #expect(units * w <= p * scale && p * scale < (units + 1) * w, "\(part)/\(whole) shown \(shown): rounded down")
            }
        }
    }
}
