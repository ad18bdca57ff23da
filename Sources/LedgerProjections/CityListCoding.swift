import LedgerChain
import LedgerEvents
import LedgerPlatform

extension ByteWriter {
    /// Bytes: a u64 length and the UTF-8.
    mutating func text(_ s: String) { counted(Array(s.utf8)) }
    mutating func day(_ d: CalendarDate) { i64(Int64(d.dayNumber)) }
    mutating func flag(_ b: Bool) { raw([b ? 1 : 0]) }
    /// u8 0 when absent; u8 1 and the value when present.
    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        flag(value != nil)
        if let value { write(&self, value) }
    }
    mutating func optionalDay(_ d: CalendarDate?) { optional(d) { $0.day($1) } }
    mutating func optionalText(_ s: String?) { optional(s) { $0.text($1) } }
    mutating func texts(_ list: [String]) { u64(UInt64(list.count)); for s in list { text(s) } }
    mutating func amount(_ a: Amount) { i64(a.fen) }
    mutating func evidence(_ e: Evidence) { i64(e.seq); text(e.eventID) }
    mutating func quantity(_ q: DecimalQuantity) { i64(q.units); u64(UInt64(q.scale)) }
    mutating func personal(_ p: PersonalText) {
        switch p {
        case .plain(let s): flag(false); text(s)
        case .committed(let c): flag(true); raw(c.digest.bytes)
        }
    }
    mutating func code<T: RawRepresentable>(_ value: T) where T.RawValue == String { text(value.rawValue) }
}
