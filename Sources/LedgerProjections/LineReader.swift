import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Reads the body of a whole-city list's file (`CityListState`, ledger-spec.md 15.11, 15.12) as `ByteWriter`'s
/// helpers below wrote it: every read checks the bytes left and its value's range, and gives nil otherwise.
public struct LineReader {
    var bytes: ByteReader
    let bodyCount: Int

    init(_ body: [UInt8]) { bytes = ByteReader(body); bodyCount = body.count }

    var isAtEnd: Bool { bytes.isAtEnd }

    public mutating func i64() -> Int64? { bytes.i64() }
    /// A seq: at least 1.
    public mutating func seq() -> Int64? { bytes.i64().flatMap { $0 >= 1 ? $0 : nil } }
    /// A count no larger than the body (so a flipped length fails here, not in an allocation).
    public mutating func count() -> Int? { bytes.u64().flatMap { $0 <= UInt64(bodyCount) ? Int($0) : nil } }
    /// A non-negative number (a count of days): u64, at most 2^31.
    public mutating func number() -> Int? { bytes.u64().flatMap { $0 <= 1 << 31 ? Int($0) : nil } }
    public mutating func text() -> String? { bytes.counted(max: 1 << 20).flatMap { String(validating: $0, as: UTF8.self) } }
    public mutating func day() -> CalendarDate? {
        bytes.i64().flatMap { (-10_000_000...10_000_000).contains($0) ? CalendarDate(dayNumber: Int($0)) : nil }
    }
    public mutating func flag() -> Bool? {
        guard let b = bytes.fixed(1)?.first, b <= 1 else { return nil }
        return b == 1
    }
    /// A value written after a flag byte (`ByteWriter.optional`): .some(nil) for an absent one, nil for bad bytes.
    public mutating func optional<T>(_ read: (inout LineReader) -> T?) -> T?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }
    public mutating func optionalDay() -> CalendarDate?? { optional { $0.day() } }
    public mutating func optionalText() -> String?? { optional { $0.text() } }
    public mutating func texts() -> [String]? {
        guard let n = count() else { return nil }
        var out: [String] = []
        for _ in 0..<n { guard let t = text() else { return nil }; out.append(t) }
        return out
    }
    public mutating func amount() -> Amount? { bytes.i64().map { Amount(fen: $0) } }
    public mutating func evidence() -> Evidence? {
        guard let seq = seq(), let id = text() else { return nil }
        return Evidence(seq: seq, eventID: id)
    }
    public mutating func quantity() -> DecimalQuantity? {
        guard let units = bytes.i64(), units >= 0, let scale = bytes.u64(), scale <= 18 else { return nil }
        return DecimalQuantity(units: units, scale: Int(scale))
    }
    public mutating func commitment() -> PersonalCommitment? {
        bytes.fixed(32).flatMap { Digest32(bytes: $0) }.map(PersonalCommitment.init)
    }
    /// u8 0 and bytes the text, or u8 1 and the 32-byte commitment.
    public mutating func personal() -> PersonalText? {
        guard let committed = flag() else { return nil }
        return committed ? commitment().map(PersonalText.committed) : text().map(PersonalText.plain)
    }
    /// A code of `T` written as its raw text.
    public mutating func code<T: RawRepresentable>(_: T.Type) -> T? where T.RawValue == String { text().flatMap(T.init(rawValue:)) }
}
