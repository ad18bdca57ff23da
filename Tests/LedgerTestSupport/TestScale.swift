import Foundation

/// How deep the seeded property, fuzzing and crash tests go.
///
/// The default counts keep the whole `swift test` well under 30 minutes on two cores (the CI budget). Every seeded
/// test still runs several seeds, so each property is exercised on every run. `LEDGER_TEST_DEPTH=n` multiplies every
/// count by `n` for a deeper run, before a release or after changing the code a test covers. The older per-kind
/// variables (`LEDGER_FUZZ_ITERATIONS`, `LEDGER_CRASH_ITERATIONS`, …) still set one count exactly.
public enum TestScale {
    /// The multiplier from `LEDGER_TEST_DEPTH` (at least 1; 1 when unset or not a number).
    public static let depth: Int = ProcessInfo.processInfo.environment["LEDGER_TEST_DEPTH"].flatMap(Int.init).map { max(1, $0) } ?? 1

    /// Seeds `0..<(base × depth)` for a test parameterized by seed.
    public static func seeds(_ base: Int) -> Range<Int> { 0..<(base * depth) }

    /// Seeds `first, first + 1, …`: `base × depth` of them.
    public static func seeds(_ base: Int, from first: UInt64) -> [UInt64] { (0..<UInt64(base * depth)).map { first + $0 } }

    /// A count set exactly by `variable` when it holds a number, else `base × depth`.
    public static func count(_ variable: String, default base: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap(Int.init) ?? base * depth
    }
}
