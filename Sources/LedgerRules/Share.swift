/// A legal share such as 2/3 or 3/4, and the exact comparisons the law's wording asks for.
///
/// "以上" (at least) includes the boundary; "过半数" (more than half) excludes it ([CC] 1259). Every comparison
/// cross-multiplies in 128-bit integers, so no floating point and no overflow for any quantity an Int64 holds.
public struct Share: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    /// A share `numerator/denominator`; traps unless 0 ≤ numerator ≤ denominator and denominator > 0 (a programmer error).
    public init(_ numerator: Int64, _ denominator: Int64) {
        precondition(denominator > 0, "a share has a positive denominator")
        precondition(numerator >= 0 && numerator <= denominator, "a share lies between 0 and 1")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Quorum of an owners' decision: two thirds of all area and of all owners ([CC] 278).
    public static let twoThirds = Share(2, 3)
    /// Special majority ([CC] 278 items 6–8): three quarters of the participants.
    public static let threeQuarters = Share(3, 4)
    /// Simple majority (过半数): strictly more than half of the participants.
    public static let half = Share(1, 2)

    public var description: String { "\(numerator)/\(denominator)" }

    /// `part ≥ share × whole` ("以上"): exact, boundary included.
    public func isReached(by part: Int64, of whole: Int64) -> Bool {
        Int128(part) * Int128(denominator) >= Int128(whole) * Int128(numerator)
    }

    /// `part > share × whole` ("过半数" when the share is 1/2): exact, boundary excluded.
    public func isExceeded(by part: Int64, of whole: Int64) -> Bool {
        Int128(part) * Int128(denominator) > Int128(whole) * Int128(numerator)
    }
}
