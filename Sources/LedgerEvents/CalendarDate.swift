/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`. No time zone: a business date is the date the
/// fact happened where it happened. Comparable, and convertible to a day number for day counts.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date may have: ledger-spec.md 2 and 10.1.
    public static let years = 1900...9999

    /// Fails for impossible dates (2025-02-30, month 13) and years outside 1900…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard CalendarDate.years.contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 calendar date, four-digit year, zero-padded).
    public init?(iso text: String) {
        // Compiled for `String` here: the generic one is not specialised across modules, and an import reads a
        // date per row.
        self.init(isoUTF8: text.utf8)
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 calendar date, four-digit year, zero-padded).
    public init?(iso text: some StringProtocol) {
        self.init(isoUTF8: text.utf8)
    }

    @inline(__always)
    init?(isoUTF8 text: some Sequence<UInt8>) {
        // The ten bytes of a date, without an allocation; anything longer or shorter is not one.
        var bytes: (UInt64, UInt16) = (0, 0)
        var count = 0
        for byte in text {
            guard count < 10 else { return nil }
            if count < 8 { bytes.0 |= UInt64(byte) << (8 * count) } else { bytes.1 |= UInt16(byte) << (8 * (count - 8)) }
            count += 1
        }
        guard count == 10 else { return nil }
        func at(_ index: Int) -> UInt8 {
            index < 8 ? UInt8(truncatingIfNeeded: bytes.0 >> (8 * index)) : UInt8(truncatingIfNeeded: bytes.1 >> (8 * (index - 8)))
        }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let b = at(index)
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard at(4) == UInt8(ascii: "-"), at(7) == UInt8(ascii: "-"), let y = digits(0..<4), let m = digits(5..<7),
              let d = digits(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether `text` is a real calendar date as `YYYY-MM-DD` whose year is outside `years` (1800-12-01): one the
    /// clerk is told the years of, not that it is no date (review 42b).
    public static func isOutsideYears(iso text: some StringProtocol) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return isOutsideYears(year: year, month: month, day: day)
    }

    /// Whether the year, month and day are a real date (proleptic Gregorian) of a year outside `years`.
    public static func isOutsideYears(year: Int, month: Int, day: Int) -> Bool {
        !years.contains(year) && year >= 0 && (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// Parses exactly `YYYY-MM-DD` given as UTF-8 bytes (no allocation; for scanners of record lines).
    public init?(isoBytes u: ArraySlice<UInt8>) {
        let s = u.startIndex
        guard u.count == 10, u[s + 4] == UInt8(ascii: "-"), u[s + 7] == UInt8(ascii: "-") else { return nil }
        guard let y = CalendarDate.digits(u[s..<s + 4]), let m = CalendarDate.digits(u[s + 5..<s + 7]),
              let d = CalendarDate.digits(u[s + 8..<s + 10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = m <= 2 ? y + 1 : y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// The same day `months` later, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29).
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        let d = min(day, CalendarDate.daysIn(month: m, year: y))
        if let date = CalendarDate(year: y, month: m, day: d) { return date }
        // Outside 1900…9999 (e.g. stepping past an open-ended end_on of 9999-12-31): still move by the months
        // asked, like adding(days:), so that loops comparing the result with a limit always end.
        return CalendarDate(dayNumber: CalendarDate.firstOfMonthDayNumber(year: y, month: m) + d - 1)
    }

    // Howard Hinnant's days_from_civil for the first of a month, for any year.
    private static func firstOfMonthDayNumber(year: Int, month: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The last day of a term of `months` months that starts on this day (Civil Code Art. 202): the day before the
    /// corresponding day of the last month, or, when that month has no corresponding day, its last day.
    /// 2024-01-01 + 36 months ends 2026-12-31; 2024-02-29 + 36 months ends 2027-02-28; 2024-01-31 + 1 month ends
    /// 2024-02-29.
    public func lastDayOfTerm(months: Int) -> CalendarDate {
        let corresponding = adding(months: months)
        // adding(months:) clamps to the month's last day when the day does not exist there.
        return corresponding.day < day ? corresponding : corresponding.adding(days: -1)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        let d = day < 10 ? "0\(day)" : String(day)
        return "\(y)-\(m)-\(d)"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        default:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        }
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }
}
