import LedgerEvents
import LedgerPlatform

/// The fields of a record line that the chain checks, read without building JSON values.
public struct ScannedLine: Sendable {
    public let seq: Int64
    public let batchFirst: Int64
    public let batchLast: Int64
    /// The index of the line's first byte: the ranges here are the scanned line's own indexes. Ranges, not slices:
    /// a slice holds a reference to the buffer, and verify's cores would count references to one shared buffer.
    public let lineStart: Int
    /// Index range of the id's bytes (ids never contain escapes).
    public let idRange: Range<Int>
    /// Index ranges in the line of the `type` and `actor` string literals (quotes included) and of `data`.
    public let typeRange: Range<Int>
    public let actorRange: Range<Int>
    public let dataRange: Range<Int>
    public let occurredOn: CalendarDate
    public let recordedAt: Timestamp

    /// A placeholder for a line that has no layout (never handed to a visitor).
    static let none = ScannedLine(seq: 0, batchFirst: 0, batchLast: 0, lineStart: 0, idRange: 0..<0, typeRange: 0..<0,
                                  actorRange: 0..<0, dataRange: 0..<0, occurredOn: CalendarDate(year: 1900, month: 1, day: 1)!,
                                  recordedAt: Timestamp(secondsSinceEpoch: 0))

    /// Index ranges of the 64 hex digits of `hash` and `prev`, as stored.
    public var storedHashRange: Range<Int> { (lineStart + RecordLineText.hashOffset)..<(lineStart + RecordLineText.hashOffset + 64) }
    public var prevRange: Range<Int> { (lineStart + RecordLineText.prevOffset)..<(lineStart + RecordLineText.prevOffset + 64) }
}
