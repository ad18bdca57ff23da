import LedgerEvents
import LedgerPlatform

/// A part's twin key (ledger-spec.md 15.4, the `W` entries of `index/checks.state`): a 128-bit hash of every field
/// the part twin rule compares (`RegisterTwins` of `ledger import assets`: community, kind, name, location, area and
/// the other columns), not its id. `ledger import assets` looks each new part's key up in the stored state and reads
/// from `index/scopes` only the parts found under it, instead of every part of the register's communities.
///
/// Two hashes of the fields' bytes (the texts in Unicode NFC, the area's units and scale, the other columns sorted by
/// name): FNV-1a and a polynomial hash, each a multiply and an add a byte. The rule compares the fields as `String`s
/// (canonical equivalence), so the texts are hashed in NFC, the form `String ==` compares by: canonically equal
/// texts have one key whatever their bytes (review 44c: keeping any text outside a few "surely NFC" blocks under
/// one city-wide key made an import read most of the city for a ㎡ or a ·).
public struct PartTwinKey: Hashable, Sendable {
    public let first: UInt64
    public let second: UInt64

    public init(first: UInt64, second: UInt64) {
        self.first = first
        self.second = second
    }

    /// The key kept for a part whose content in effect the checks' fold cannot follow and whose community it does not
    /// know (an update folded before any registration of its id): every import reads such a part (no hash is zero in
    /// both halves but by a 2⁻¹²⁸ chance).
    public static let unsure = PartTwinKey(first: 0, second: 0)

    /// The key kept for a part of `community` whose content in effect the checks' fold cannot follow exactly (its id
    /// registered twice, an update dated before its last change): every import of a part of that community reads it.
    /// A hash of the community alone, after a tag no part's key begins with.
    public static func unsure(community: String) -> PartTwinKey {
        var hashes = TwoHashes(scratch: [])
        hashes.add(UInt64.max)
        hashes.add(community)
        return PartTwinKey(first: hashes.fnv, second: hashes.poly ^ (hashes.poly >> 29))
    }

    /// The key's 16 bytes, big-endian (a `W` entry's key after its tag).
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for value in [first, second] { for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }
        return out
    }

    /// The key of a part's fields, its texts' bytes copied through `scratch` (kept by the caller from part to part).
    public init(community: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity, attributes: [String: String],
                scratch: inout [UInt8]) {
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
        // Most parts have no other column or one (a note): sorted only when there are two or more.
        if attributes.count == 1, let (name, value) = attributes.first {
            hashes.add(name)
            hashes.add(value)
        } else if attributes.count > 1 {
            for (name, value) in attributes.sorted(by: { Self.nfc($0.key).lexicographicallyPrecedes(Self.nfc($1.key)) }) {
                hashes.add(name)
                hashes.add(value)
            }
        }
        first = hashes.fnv
        second = hashes.poly ^ (hashes.poly >> 29)
    }

    /// `text`'s UTF-8 in Unicode NFC (ASCII as it is, without a look-up).
    static func nfc(_ text: String) -> [UInt8] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? Array(text.utf8) : Array(text._nfcCodeUnits)
    }

    /// The two running hashes, fed a text's UTF-8 or an integer's eight bytes, each followed by a separator no byte
    /// equals, so that ("ab", "c") and ("a", "bc") differ.
    fileprivate struct TwoHashes {
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
            // In NFC: the rule's `String ==` compares canonically (a part's texts are mostly ASCII or CJK, copied as
            // they are; any other text is normalised).
            if text.utf8.allSatisfy({ $0 < 0x80 }) { Bytes.appendUTF8(text, to: &scratch) } else { scratch.append(contentsOf: text._nfcCodeUnits) }
            let bytes = scratch
            for byte in bytes { mix(UInt64(byte)) }
            separate()
        }

        mutating func add(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { mix((value >> UInt64(shift)) & 0xFF) }
            separate()
        }
    }
}

/// A registered part's fields in effect as the checks' fold follows them (ledger-spec.md 15.4, the `P` entries):
/// its registration, then each update in log order, and the date of the last fact that set them. The key the fold
/// keeps of it is `twinKey`.
struct PartContent: Equatable {
    var community: String
    var kind: AssetKind
    var name: String
    var location: String
    var area: DecimalQuantity
    var attributes: [String: String]
    /// The date of the registration or latest update folded: an update dated before it is folded out of the
    /// projections' order (business date, then position), so the content is then `unsure`.
    var day: Int32

    init(_ p: AssetRegistered, day: Int32) {
        community = p.communityID
        kind = p.kind
        name = p.name
        location = p.location
        area = p.area
        attributes = p.attributes
        self.day = day
    }

    init(community: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity, attributes: [String: String], day: Int32) {
        self.community = community
        self.kind = kind
        self.name = name
        self.location = location
        self.area = area
        self.attributes = attributes
        self.day = day
    }

    /// The content with `changes` applied as the projection applies an update (each field given replaces it; the
    /// other columns given are merged in, replacing those of the same name).
    mutating func apply(_ changes: AssetChanges) {
        if let kind = changes.kind { self.kind = kind }
        if let name = changes.name { self.name = name }
        if let location = changes.location { self.location = location }
        if let area = changes.area { self.area = area }
        if let more = changes.attributes { attributes.merge(more) { _, new in new } }
    }

    /// Its twin key.
    func twinKey(scratch: inout [UInt8]) -> PartTwinKey {
        return PartTwinKey(community: community, kind: kind, name: name, location: location, area: area, attributes: attributes, scratch: &scratch)
    }

    func write(_ w: inout ValueWriter) {
        w.string(community); w.string(kind.rawValue); w.string(name); w.string(location)
        w.signed(area.units); w.varint(UInt64(area.scale)); w.signed(Int64(day))
        w.varint(UInt64(attributes.count))
        for (key, value) in attributes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) { w.string(key); w.string(value) }
    }

    static func read(_ r: inout ValueReader) -> PartContent? {
        guard let community = r.string(), let kindText = r.string(), let kind = AssetKind(rawValue: kindText), let name = r.string(),
              let location = r.string(), let units = r.signed(), let scale = r.varint(), scale <= 18, let day = r.signed(),
              day >= Int64(Int32.min), day <= Int64(Int32.max), let count = r.varint(), count <= 1 << 20 else { return nil }
        var attributes: [String: String] = [:]
        for _ in 0..<Int(count) {
            guard let key = r.string(), let value = r.string() else { return nil }
            attributes[key] = value
        }
        return PartContent(community: community, kind: kind, name: name, location: location,
                           area: DecimalQuantity(units: units, scale: Int(scale)), attributes: attributes, day: Int32(day))
    }
}
