/// An exact non-negative decimal quantity with up to `scale` fraction digits, such as an area in m² (`35.50`).
/// Stored as an integer count of 1/10^scale units; written as decimal text so JSON never carries a float.
public struct DecimalQuantity: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value in units of 10^-scale.
    public let units: Int64
    /// Fraction digits kept (2 for m²: areas are registered to the hundredth of a square metre).
    public let scale: Int
    /// The text a record holds when it is not `description` (`35.5`, `1,234.50`: ledger-spec.md allows these
    /// spellings); nil otherwise. Not part of the value: `35.5` and `35.50` are equal. Kept so that a decoded
    /// payload encodes to its record's bytes again.
    public let writtenText: String?

    public init(units: Int64, scale: Int = 2) {
        self.units = units
        self.scale = scale
        self.writtenText = nil
    }

    /// Parses `text` like `init?(text:scale:)` and keeps it as the written text when it is not canonical.
    public init?(written text: String, scale: Int = 2) {
        guard let value = DecimalQuantity(text: text, scale: scale) else { return nil }
        self.units = value.units
        self.scale = scale
        self.writtenText = text == value.description ? nil : text
    }

    public static func == (lhs: DecimalQuantity, rhs: DecimalQuantity) -> Bool {
        lhs.units == rhs.units && lhs.scale == rhs.scale
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(units)
        hasher.combine(scale)
    }

    /// Parses `35`, `35.5`, `35.50`, `1,234.5`; at most `scale` decimals, non-negative, at most 10^12 units.
    public init?(text: String, scale: Int = 2) {
        // The same parser, compiled for `String` here (the generic one is not specialised across modules, and an
        // import parses an area per row).
        self.init(utf8: text.utf8, scale: scale)
    }

    /// Parses `35`, `35.5`, `35.50`, `1,234.5`; at most `scale` decimals, non-negative, at most 10^12 units.
    public init?(text: some StringProtocol, scale: Int = 2) {
        self.init(utf8: text.utf8, scale: scale)
    }

    /// The largest quantity allowed, as text, when `text` is refused by `init?(text:scale:)` only for being larger
    /// than it; nil otherwise (a text that is not a quantity, or one that is allowed).
    public static func tooLargeLimit(_ text: String, scale: Int = 2) -> String? {
        do throws(EventError) {
            _ = try DecimalText.units(utf8: text.utf8, scale: scale, maxUnits: maxUnits(scale: scale), allowNegative: false, firstGroupMax3: false)
        } catch {
            if case .decimal(.tooLarge(let limit)) = error { return limit }
        }
        return nil
    }

    @inline(__always)
    init?(utf8 text: some Sequence<UInt8>, scale: Int) {
        // The record form, as records have always been read (no limit on the first thousands group).
        guard let units = try? DecimalText.units(utf8: text, scale: scale, maxUnits: Self.maxUnits(scale: scale),
                                                 allowNegative: false, firstGroupMax3: false)
        else { return nil }
        self.units = units
        self.scale = scale
        self.writtenText = nil
    }

    /// At most 10^12 whole units, with any fraction below the next whole.
    static func maxUnits(scale: Int) -> Int64 {
        var multiplier: Int64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        return 1_000_000_000_000 * multiplier + multiplier - 1
    }

    /// Parses a quantity as people write it: the record form plus full-width digits (`３５．５`), or says why it
    /// is not one (`has 3 decimal places; at most 2 are allowed`).
    public static func parse(personText text: some StringProtocol, scale: Int = 2) throws(EventError) -> DecimalQuantity {
        DecimalQuantity(units: try DecimalText.units(person: text, scale: scale, maxUnits: maxUnits(scale: scale), currency: false),
                        scale: scale)
    }

    /// Decimal text with exactly `scale` fraction digits, e.g. `35.50`.
    public var description: String {
        guard scale > 0 else { return String(units) }
        var multiplier: Int64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        var fraction = String(units.magnitude % UInt64(multiplier))
        while fraction.count < scale { fraction = "0" + fraction }
        return "\(units < 0 ? "-" : "")\(units.magnitude / UInt64(multiplier)).\(fraction)"
    }

    public static func < (lhs: DecimalQuantity, rhs: DecimalQuantity) -> Bool {
        precondition(lhs.scale == rhs.scale, "compare quantities of one scale")
        return lhs.units < rhs.units
    }
}
