import LedgerEvents
import LedgerPlatform

/// A checkpoint's cosignature by a pinned witness key that verified.
public struct Witnessed: Equatable, Sendable {
    public let key: VerifierKey
    /// When the witness cosigned (the latest, if it cosigned more than once).
    public let time: Timestamp

    public init(key: VerifierKey, time: Timestamp) {
        self.key = key
        self.time = time
    }
}
