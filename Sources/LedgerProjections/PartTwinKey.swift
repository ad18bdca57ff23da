import LedgerEvents
import LedgerPlatform

/// A registered part's twin key: its content (community, kind, name, location, area and other columns — every
/// field the part twin rule compares, all but the id) hashed twice, by two different 64-bit hashes: FNV-1a and a
/// polynomial hash, each a multiply and an add a byte, cheap beside a `Hasher` per byte (a profile of a 100,000-row
/// import showed that at a tenth of its time). The texts are hashed in Unicode NFC, since the rule compares them as
/// `String`s, canonically: two contents equal as the rule compares them have one key whatever their texts' bytes.
/// Two contents with one key would need both 64-bit hashes to coincide (not a chance of practical size).
///
/// `ledger import assets` hashes each new row by it (`RegisterTwins`); `index/checks.state` keeps each registered
/// part under the key of its registration's content (`W` entries, ledger-spec.md 15.4), so that an import reads
/// only the parts a new part's key finds, not every record of its communities. A part whose content the checks'
/// fold cannot follow (it was updated: the fold keeps no fields) is kept under its community's `unsure` key, which
/// every import of a row of that community reads.
public struct PartTwinKey: Hashable, Sendable {
    public let first: UInt64
    public let second: UInt64

    public init(first: UInt64, second: UInt64) {
        self.first = first
        self.second = second
    }

    /// The key of a content. `scratch` is a buffer the texts' bytes are copied to first, kept by the caller so that a
    /// row's key allocates nothing.
    public init(community: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity,
                attributes: [String: String], scratch: inout [UInt8]) {
        // The buffer moved in and out, never shared: clearing a shared one would copy it.
        var hashes = TwoHashes(scratch: scratch)
        scratch = []
        defer { scratch = hashes.scratch }
        hashes.add(community)
        hashes.add(kind.rawValue)
        hashes.add(name)
        hashes.add(location)
        // The area's value, not its text: `DecimalQuantity`'s equality is its units and scale.
        hashes.add(UInt64(bitPattern: area.units))
        hashes.add(UInt64(bitPattern: Int64(area.scale)))
        // Most rows have no other column or one (a note): sorted only when there are two or more, by their names
        // in NFC (canonically equal names are one name to the dictionary's `==`).
        if attributes.count == 1, let (name, value) = attributes.first {
            hashes.add(name)
            hashes.add(value)
        } else if attributes.count > 1 {
            for (name, value) in attributes.sorted(by: { TwoHashes.nfc($0.key).lexicographicallyPrecedes(TwoHashes.nfc($1.key)) }) {
                hashes.add(name)
                hashes.add(value)
            }
        }
        first = hashes.fnv
        second = hashes.poly ^ (hashes.poly >> 29)
    }

    /// The key of the part a registration states.
    public init(_ p: AssetRegistered, scratch: inout [UInt8]) {
        self.init(community: p.communityID, kind: p.kind, name: p.name, location: p.location, area: p.area, attributes: p.attributes,
                  scratch: &scratch)
    }

    /// The key under which the parts of `community` whose content the checks' fold cannot follow are kept (an updated
    /// part); for parts of no community known to the fold (an update before any registration of its part, which only
    /// a log written by another tool holds), sixteen zero bytes. Hashed as no content is: an integer, then one text
    /// (a content is six fields or more), so that it is no content's key.
    public static func unsure(community: String?) -> PartTwinKey {
        guard let community else { return PartTwinKey(first: 0, second: 0) }
        var hashes = TwoHashes(scratch: [])
        hashes.add(0x756E_7375_7265)  // "unsure"
        hashes.add(community)
        return PartTwinKey(first: hashes.fnv, second: hashes.poly ^ (hashes.poly >> 29))
    }

    /// The key's sixteen bytes as `index/checks.state` stores them (big-endian: the stored order is the keys').
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(16)
        for word in [first, second] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(first) }
}

/// The two running hashes of `PartTwinKey`, in a value of their own, fed a text's UTF-8 in NFC or an integer's eight
/// bytes, each followed by a separator no byte equals, so that ("ab", "c") and ("a", "bc") differ.
private struct TwoHashes {
    var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
    var poly: UInt64 = 0x9e37_79b9_7f4a_7c15
    /// A text's bytes, copied in one go: reading them one by one through `String.UTF8View` cost some forty
    /// instructions a byte (a profile of session 39), an array's two.
    var scratch: [UInt8]

    @inline(__always)
    private mutating func mix(_ byte: UInt64) {
        fnv = (fnv ^ byte) &* 0x0000_0100_0000_01b3
        poly = poly &* 0x5851_f42d_4c95_7f2d &+ byte &+ 1
    }

    private mutating func separate() {
        fnv = (fnv ^ 0x1FF) &* 0x0000_0100_0000_01b3
        poly = poly &* 0x5851_f42d_4c95_7f2d &+ 0x1FF
    }

    mutating func add(_ text: String) {
        scratch.removeAll(keepingCapacity: true)
        Bytes.appendUTF8(text, to: &scratch)
        // A register's texts are ASCII and CJK ideographs as a rule, hashed as they are; any other is normalised.
        if !Self.surelyNFC(scratch) {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: text._nfcCodeUnits)
        }
        let bytes = scratch
        for byte in bytes { mix(UInt64(byte)) }
        separate()
    }

    mutating func add(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { mix((value >> UInt64(shift)) & 0xFF) }
        separate()
    }

    /// Whether UTF-8 `bytes` are surely in NFC as they are, without normalising them: every scalar ASCII or in
    /// U+4000–U+9FFF (lead bytes E4–E9: CJK ideographs and the Yijing hexagrams), none of which decomposes or
    /// composes with a neighbour. A byte below C0 other than ASCII continues a scalar whose lead byte was checked.
    static func surelyNFC(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 < 0xC0 || (0xE4...0xE9).contains($0) }
    }

    /// `text`'s UTF-8 in NFC (as it is when surely NFC).
    static func nfc(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return surelyNFC(bytes) ? bytes : Array(text._nfcCodeUnits)
    }
}
