import LedgerPlatform

extension CalendarDate {
    /// Appends `YYYY-MM-DD`.
    public func appendISO(to out: inout [UInt8]) {
        Bytes.appendISODate(year: year, month: month, day: day, to: &out)
    }

    /// Appends `YYYY-MM-DD` to a line being made.
    public func appendISO(to out: inout LineBuffer) {
        Bytes.appendISODate(year: year, month: month, day: day, to: &out)
    }
}
