import LedgerPlatform

extension CalendarDate {
    /// Appends `YYYY-MM-DD`.
    public func appendISO(to out: inout [UInt8]) {
        func two(_ value: Int) {
            out.append(UInt8(ascii: "0") + UInt8(value / 10))
            out.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
        two(year / 100)
        two(year % 100)
        out.append(UInt8(ascii: "-"))
        two(month)
        out.append(UInt8(ascii: "-"))
        two(day)
    }
}
