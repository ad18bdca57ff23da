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

    /// The lower-case hex digit of a nibble (0…15).
    @inline(__always)
    public static func digit(_ nibble: UInt8) -> UInt8 { digits[Int(nibble)] }

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

    /// The value of one hex digit of either case, or nil: only for formats that allow both, as JSON's `\u` escapes.
    @inline(__always)
    public static func nibbleAnyCase(_ char: UInt8) -> UInt8? {
        char >= UInt8(ascii: "A") && char <= UInt8(ascii: "F") ? char - UInt8(ascii: "A") + 10 : nibble(char)
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
