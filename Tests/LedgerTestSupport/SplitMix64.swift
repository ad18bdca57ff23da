import LedgerSynthetic

/// The seeded generator of every random test: the benchmark's SplitMix64, so each random test replays exactly
/// from its seed.
public typealias SplitMix64 = SyntheticRandom

extension SyntheticRandom {
    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
}
