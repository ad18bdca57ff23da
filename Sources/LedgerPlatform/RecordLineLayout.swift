#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the members of a record line lie, as byte offsets from the line's first byte; found by
/// `Bytes.recordLineLayout`. The hash's 64 hex digits are always at 9..<73 and prev's at 83..<147.
public struct RecordLineLayout: Equatable, Sendable {
    public var seq: Int64 = 0
    public var batchFirst: Int64 = 0
    public var batchLast: Int64 = 0
    /// The id's bytes, without quotes.
    public var id: Range<Int> = 0..<0
    /// The `type` and `actor` string literals, quotes included, and the `data` object.
    public var type: Range<Int> = 0..<0
    public var actor: Range<Int> = 0..<0
    public var data: Range<Int> = 0..<0
    /// The first byte of the 10 bytes of `occurred_on` and of the 20 bytes of `recorded_at`.
    public var occurredOn = 0
    public var recordedAt = 0
    /// The numbers written in them: the fast path checks only their form (digits and separators, as
    /// `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SSZ`); whether they make a real date and time is the caller's check.
    public var occurredOnFields = RecordLineDateFields()
    public var recordedAtFields = RecordLineDateFields()

    public init() {}
}
