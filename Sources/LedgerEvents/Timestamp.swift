/// An instant in UTC with whole-second precision, written in RFC 3339 as `YYYY-MM-DDTHH:MM:SSZ`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (upper-case T and Z, UTC only: the ledger never stores local time).
    public init?(rfc3339 text: some StringProtocol) {
        self.init(rfc3339Bytes: Array(text.utf8)[...])
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` given as UTF-8 bytes (no allocation; for scanners of record lines).
    public init?(rfc3339Bytes u: ArraySlice<UInt8>) {
        let o = u.startIndex
        guard u.count == 20, u[o + 10] == UInt8(ascii: "T"), u[o + 13] == UInt8(ascii: ":"), u[o + 16] == UInt8(ascii: ":"),
              u[o + 19] == UInt8(ascii: "Z"),
              let date = CalendarDate(isoBytes: u[o..<o + 10]),
              let h = CalendarDate.digits(u[o + 11..<o + 13]), let mi = CalendarDate.digits(u[o + 14..<o + 16]),
              let s = CalendarDate.digits(u[o + 17..<o + 19]), h < 24, mi < 60, s < 60 else { return nil }
        secondsSinceEpoch = Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    /// The UTC calendar date of this instant.
    public var date: CalendarDate {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        return CalendarDate(dayNumber: Int(days))
    }

    public var description: String {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        let rest = Int(secondsSinceEpoch - days * 86_400)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(CalendarDate(dayNumber: Int(days)))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}
