import LedgerEvents
import LedgerPlatform

/// A checkpoint's cosignature by a pinned witness key that verified.
public struct Witnessed: Equatable, Sendable {
    public let key: VerifierKey
    /// When the witness cosigned (the latest credible time, if it cosigned more than once).
    public let time: Timestamp
    /// Why `time` cannot be true (ledger-spec.md 14.9), nil when it can: such a cosignature does not count as a witness.
    public let timeProblem: WitnessTimeProblem?

    public init(key: VerifierKey, time: Timestamp, timeProblem: WitnessTimeProblem? = nil) {
        self.key = key
        self.time = time
        self.timeProblem = timeProblem
    }
}

/// Why a cosignature's signed time cannot be true (ledger-spec.md 14.9): a witness cosigns a checkpoint after it is
/// made, and not later than the reader's clock allows.
public enum WitnessTimeProblem: Equatable, Sendable {
    /// Dated before the checkpoint's own `time`.
    case beforeCheckpoint(checkpointTime: Timestamp)
    /// Dated later than the reader's clock plus the allowed clock difference (`Checkpoint.clockSkewSecondsMax`).
    case afterNow(now: Timestamp)

    /// The problem of a cosignature dated `time` on a checkpoint dated `checkpointTime`, read at `now`; nil when none.
    public static func of(_ time: Timestamp, checkpointTime: Timestamp, now: Timestamp) -> WitnessTimeProblem? {
        if time < checkpointTime { return .beforeCheckpoint(checkpointTime: checkpointTime) }
        if Checkpoint.isInFuture(time, now: now) { return .afterNow(now: now) }
        return nil
    }
}
