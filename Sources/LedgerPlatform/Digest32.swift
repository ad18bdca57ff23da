/// A 32-byte digest (SHA-256 output, Ed25519 public key size). A Swift value stored inline (four words, like
/// swift-crypto's `SHA256Digest`): making, copying and comparing one allocates nothing. No pointer ever leaves
/// this module.
public struct Digest32: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 32 bytes as four big-endian words: word 0 holds bytes 0…7, most significant byte first, so comparing
    /// the words in order compares the bytes lexicographically.
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    @inlinable init(words w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// The 32 bytes, most significant first as SHA-256 produces them (a new array: for output, not hot loops).
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    /// Byte `index` (0…31).
    @inlinable public subscript(index: Int) -> UInt8 {
        let word: UInt64
        switch index >> 3 {
        case 0: word = w0
        case 1: word = w1
        case 2: word = w2
        default: word = w3
        }
        return UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (index & 7)))
    }

    /// Fails unless exactly 32 bytes are given. Inlinable, and without a heap array: callers in other modules get
    /// it specialised for their collection (unspecialised, it cost some microseconds a call in generic metadata
    /// look-ups, 0.1 s per append for the 17,000 block checksums of a 10-million-record checks.state).
    @inlinable public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
        guard bytes.count == 32 else { return nil }
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
        var index = 0
        for byte in bytes {
            switch index >> 3 {
            case 0: w0 = w0 << 8 | UInt64(byte)
            case 1: w1 = w1 << 8 | UInt64(byte)
            case 2: w2 = w2 << 8 | UInt64(byte)
            default: w3 = w3 << 8 | UInt64(byte)
            }
            index += 1
        }
        self.init(words: w0, w1, w2, w3)
    }

    /// The 32 bytes of `bytes` at `offset…offset + 31` (traps outside the array), read in place.
    @inlinable public init(_ bytes: [UInt8], at offset: Int) {
        precondition(offset >= 0 && offset <= bytes.count - 32, "32 bytes at the offset")
        func word(_ at: Int) -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<8 { w = w << 8 | UInt64(bytes[at + k]) }
            return w
        }
        self.init(words: word(offset), word(offset + 8), word(offset + 16), word(offset + 24))
    }

    /// The 32 bytes of `bytes` at `offset…offset + 31` (an index of the slice; traps outside it), read in place.
    @inlinable public init(_ bytes: ArraySlice<UInt8>, at offset: Int) {
        precondition(offset >= bytes.startIndex && offset <= bytes.endIndex - 32, "32 bytes at the offset")
        func word(_ at: Int) -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<8 { w = w << 8 | UInt64(bytes[at + k]) }
            return w
        }
        self.init(words: word(offset), word(offset + 8), word(offset + 16), word(offset + 24))
    }

    /// Parses exactly 64 lower-case hex digits; upper case is rejected so that one digest has one spelling.
    public init?(hex: some StringProtocol) {
        self.init(hexUTF8: Array(hex.utf8)[...])
    }

    /// Parses exactly 64 lower-case hex digits given as UTF-8 bytes (no allocation).
    public init?(hexUTF8 text: ArraySlice<UInt8>) {
        guard text.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var index = text.startIndex
        for word in 0..<4 {
            var value: UInt64 = 0
            for _ in 0..<16 {
                guard let nibble = Hex.nibble(text[index]) else { return nil }
                value = value << 4 | UInt64(nibble)
                index += 1
            }
            switch word {
            case 0: words.0 = value
            case 1: words.1 = value
            case 2: words.2 = value
            default: words.3 = value
            }
        }
        self.init(words: words.0, words.1, words.2, words.3)
    }

    /// All zero bytes.
    public static let zero = Digest32(words: 0, 0, 0, 0)

    /// Lower-case hex, 64 characters.
    public var hex: String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        appendHex(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the 64 lower-case hex digits to `out`.
    public func appendHex(to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 64))
        Bytes.writeHex(self, into: &out, at: start)
    }

    public var description: String { hex }

    public static func < (lhs: Digest32, rhs: Digest32) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}
