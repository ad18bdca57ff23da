#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The numbers of a date (and time) as written in a record line, read by the fast path without judging them.
public struct RecordLineDateFields: Equatable, Sendable {
    public var year: UInt16 = 0
    public var month: UInt8 = 0
    public var day: UInt8 = 0
    public var hour: UInt8 = 0
    public var minute: UInt8 = 0
    public var second: UInt8 = 0

    public init() {}
}
