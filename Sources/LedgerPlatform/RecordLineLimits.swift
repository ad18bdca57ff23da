#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The limits the fast record scan applies (the values of `Limits` in LedgerEvents, which this module cannot see).
public struct RecordLineLimits: Sendable {
    public let recordBytes: Int
    public let idBytes: Int
    public let stringBytes: Int
    public let depth: Int
    public let integerMagnitude: Int64

    public init(recordBytes: Int, idBytes: Int, stringBytes: Int, depth: Int, integerMagnitude: Int64) {
        self.recordBytes = recordBytes
        self.idBytes = idBytes
        self.stringBytes = stringBytes
        self.depth = depth
        self.integerMagnitude = integerMagnitude
    }
}
