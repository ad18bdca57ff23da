/// A 32-byte digest (SHA-256 output, Ed25519 public key size). A Swift value: no pointer ever leaves this module.
public struct Digest32: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 32 bytes, most significant first as SHA-256 produces them.
    public let bytes: [UInt8]

    /// Fails unless exactly 32 bytes are given.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses exactly 64 lower-case hex digits; upper case is rejected so that one digest has one spelling.
    public init?(hex: some StringProtocol) {
        guard let decoded = Hex.decode(hex), decoded.count == 32 else { return nil }
        self.bytes = decoded
    }

    /// All zero bytes.
    public static let zero = Digest32(unchecked: [UInt8](repeating: 0, count: 32))

    init(unchecked bytes: [UInt8]) {
        precondition(bytes.count == 32, "a Digest32 holds exactly 32 bytes")
        self.bytes = bytes
    }

    /// Lower-case hex, 64 characters.
    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    public static func < (lhs: Digest32, rhs: Digest32) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

/// Lower-case hexadecimal, the only spelling of bytes in the ledger's formats.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lower-case hex.
    public static func encode<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the lower-case hex of `bytes` to `out` (no intermediate string).
    public static func append<C: Sequence>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
    }

    /// Decodes lower-case hex; nil on odd length, upper case or any other character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        decode(utf8: Array(text.utf8))
    }

    /// Decodes lower-case hex given as UTF-8 bytes.
    public static func decode<C: Collection>(utf8 text: C) -> [UInt8]? where C.Element == UInt8 {
        guard text.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(text.count / 2)
        var high: UInt8? = nil
        for char in text {
            guard let nibble = nibble(char) else { return nil }
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return out
    }

    /// The value of one lower-case hex digit, or nil.
    @inline(__always)
    public static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
