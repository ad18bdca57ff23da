import LedgerPlatform

/// The members of one payload object: an enum whose cases are the member names in canonical order (by their
/// UTF-8 bytes), raw values 0, 1, 2…, with `static let names = PayloadKeyNames(Self.self, "first", "second", …)`.
protocol PayloadKey: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == Int {
    static var names: PayloadKeyNames { get }
}
