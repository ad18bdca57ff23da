import LedgerPlatform

/// The asset ids a register's rows name, as `ledger import assets` asks the stored state about them
/// (`RegisterImports.lookup`): each id as written, and each spelling of it the ledger may hold as a twin — its ASCII
/// upper- and lower-case spellings (the caller inserts those), and for an id of digits every spelling of its digits
/// with up to `zeroTwinLength` digits in all (`7`: `7`, `07`, … `00000000000000000007`).
///
/// An id of digits (ASCII digits holding a non-zero digit, `LeadingZeros.digits`) of at most `zeroTwinLength`
/// characters is kept once, by its digits without leading zeros (as an integer where it fits in 64 bits), not as the
/// up to 20 spellings it stands for: a register of 1,000,000 seven-digit ids named 14,000,000 strings that way, and its
/// import peaked at 1.4 GB (review of import50 #1). `contains` answers every spelling, and `forEachSpelling` makes
/// them one at a time for the look-up (`Registers.registered(_:among:)`), so that a caller sees the same set as
/// before.
public struct NamedAssetIDs: Sendable, ExpressibleByArrayLiteral {
    /// The longest id of digits a new id is compared with without its leading zeros, here and in the stored state
    /// alike, so that both give one answer (review 48: the stored state looked up eight digits, the whole log any
    /// length). Excel keeps 15 significant digits of a number, so an id it stripped of its zeros is well within it.
    public static let zeroTwinLength = 20

    /// Ids kept as they are written: every id not of digits (and the case spellings inserted for it), and an id of
    /// digits longer than `zeroTwinLength` (`000…0007` of 22 characters: itself, beside its digits' spellings).
    public private(set) var asWritten = Set<String>()
    /// Ids of digits of at most `zeroTwinLength` digits without their leading zeros, by their value: each stands for
    /// every spelling of those digits with up to `zeroTwinLength` characters.
    private var values = Set<UInt64>()
    /// The same, for the twenty-digit values beyond `UInt64.max` (18446744073709551616 on), as their digits.
    private var largeDigits = Set<String>()
    /// The rows `reserveCapacity(rows:)` was given: each set reserves room for them at its first id (a register
    /// seldom mixes the two kinds of ids, and room reserved for an id never inserted is address space only).
    private var expectedRows = 0

    public init() {}

    /// The ids in `ids`, each inserted (`insert(_:)`).
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        for id in ids { insert(id) }
    }

    /// The ids listed, each inserted (`insert(_:)`): `[]` names none.
    public init(arrayLiteral ids: String...) { self.init(ids) }

    /// Whether no id was inserted.
    public var isEmpty: Bool { asWritten.isEmpty && values.isEmpty && largeDigits.isEmpty }

    /// Reserves room for the ids of `rows` rows (two spellings a row as written, or one value a row).
    public mutating func reserveCapacity(rows: Int) { expectedRows = max(0, rows) }

    /// Names `id`: an id of digits with a non-zero digit as its digits without leading zeros (all its spellings of up
    /// to `zeroTwinLength` characters), and as written too when it is longer than that; any other id as written.
    /// - Complexity: O(id's length), one hash-table insert (two for an id of digits longer than `zeroTwinLength`).
    public mutating func insert(_ id: String) {
        if let digits = LeadingZeros.digits(id), digits.utf8.count <= Self.zeroTwinLength {
            if let value = Self.value(digits) {
                if values.isEmpty, expectedRows > 0 { values.reserveCapacity(expectedRows) }
                values.insert(value)
            } else {
                largeDigits.insert(String(digits))
            }
            if id.utf8.count <= Self.zeroTwinLength { return }
        }
        if asWritten.isEmpty, expectedRows > 0 { asWritten.reserveCapacity(expectedRows * 2) }
        asWritten.insert(id)
    }

    /// Whether `id` is one of the spellings named (`String` equality, as a `Set<String>` of them answers).
    public func contains(_ id: String) -> Bool {
        if let digits = Self.shortDigits(id) { return holds(digits) }
        return asWritten.contains(id)
    }

    /// Whether `id`, byte for byte, is one of the spellings named: a set finds a canonically equivalent member as
    /// well (`String ==`), so the member found must be `id`'s own bytes. An id of ASCII digits has no other form.
    public func containsExactly(_ id: String) -> Bool {
        if let digits = Self.shortDigits(id) { return holds(digits) }
        guard let index = asWritten.firstIndex(of: id) else { return false }
        return Bytes.sameUTF8(asWritten[index], id)
    }

    /// Calls `body` with every spelling named, once each (those as written first, then each value's from the shortest;
    /// in no order the output may depend on), until it returns false.
    /// - Returns: false when `body` stopped the walk.
    /// - Complexity: O(spellings); one string made at a time.
    @discardableResult
    public func forEachSpelling(_ body: (String) -> Bool) -> Bool {
        for id in asWritten where !body(id) { return false }
        for value in values where !Self.forEachPadding(String(value), body) { return false }
        for digits in largeDigits where !Self.forEachPadding(digits, body) { return false }
        return true
    }

    /// Every spelling named, as a set (for tests and small registers: a million rows of digits are fourteen million
    /// spellings).
    public var spellings: Set<String> {
        var out = Set<String>()
        forEachSpelling { out.insert($0); return true }
        return out
    }

    // MARK: helpers

    /// `id`'s digits without leading zeros when it is an id of digits (a non-zero digit) of at most `zeroTwinLength`
    /// characters: a spelling an inserted value stands for exactly when its digits are that value's.
    private static func shortDigits(_ id: String) -> Substring? {
        guard id.utf8.count <= zeroTwinLength else { return nil }
        return LeadingZeros.digits(id)
    }

    private func holds(_ digits: Substring) -> Bool {
        if let value = Self.value(digits) { return values.contains(value) }
        return largeDigits.contains(String(digits))
    }

    /// The value of at most twenty ASCII digits; nil beyond `UInt64.max`.
    private static func value(_ digits: Substring) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits.utf8 {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(UInt64(byte &- 0x30))
            if overflowTimes || overflowSum { return nil }
            value = sum
        }
        return value
    }

    /// `digits` (no leading zero) and then each spelling with more leading zeros, up to `zeroTwinLength` characters.
    private static func forEachPadding(_ digits: String, _ body: (String) -> Bool) -> Bool {
        var padded = digits
        while padded.utf8.count <= zeroTwinLength {
            if !body(padded) { return false }
            padded = "0" + padded
        }
        return true
    }
}
