import LedgerPlatform
import Testing

/// The primitives other modules use instead of their own pointers (`Bytes+LittleEndian.swift`): each against the
/// plain-Swift arithmetic it stands for.
@Suite struct BytesLittleEndianTests {
    static let bytes: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

    static func plainU64(_ b: some Collection<UInt8>) -> UInt64 {
        b.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    @Test func loadsAreLittleEndianAtAnyOffset() {
        for offset in 0...(Self.bytes.count - 8) {
            #expect(Bytes.u64(Self.bytes, at: offset) == Self.plainU64(Self.bytes[offset...]))
            #expect(Bytes.u32(Self.bytes, at: offset) == UInt32(truncatingIfNeeded: Self.plainU64(Self.bytes[offset...])))
        }
        // A slice is read at its own indices (those of the array it was cut from).
        let slice = Self.bytes[5..<30]
        for index in slice.startIndex...(slice.endIndex - 8) {
            #expect(Bytes.u64(slice, at: index) == Self.plainU64(Self.bytes[index...]))
        }
    }

    @Test func storesAndAppendsAreLittleEndian() {
        var out: [UInt8] = [9]
        Bytes.appendLittleEndian(UInt64(0x0102_0304_0506_0708), to: &out)
        Bytes.appendLittleEndian(UInt32(0xA1B2_C3D4), to: &out)
        Bytes.appendLittleEndian(Int64(-2), to: &out)
        #expect(out == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0xD4, 0xC3, 0xB2, 0xA1, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Bytes.littleEndian(UInt32(0x0A0B_0C0D)) == [0x0D, 0x0C, 0x0B, 0x0A])
        var row = [UInt8](repeating: 0xEE, count: 12)
        Bytes.storeLittleEndian(UInt64(0x1122_3344_5566_7788), into: &row, at: 0)
        Bytes.storeLittleEndian(UInt32(0x99AA_BBCC), into: &row, at: 8)
        #expect(row == [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xCC, 0xBB, 0xAA, 0x99])
        var text: [UInt8] = []
        Bytes.append("元 ok", to: &text)
        #expect(text == Array("元 ok".utf8))
    }

    @Test func fnv1aIsTheStandardHash() {
        // FNV-1a 64 test vectors (the empty string is the offset basis).
        #expect(Bytes.fnv1a([][...]) == 0xcbf2_9ce4_8422_2325)
        #expect(Bytes.fnv1a(Array("a".utf8)[...]) == 0xaf63_dc4c_8601_ec8c)
        #expect(Bytes.fnv1a(Array("foobar".utf8)[...]) == 0x8594_4171_f739_67e8)
        #expect(Bytes.fnv1a(Array("xfoobar".utf8)[1...]) == 0x8594_4171_f739_67e8)
    }

    @Test func backwardBytesMakeDigitsAsStringDoes() {
        for value: UInt64 in [0, 7, 10, 99, 100, 12_345, UInt64(Int64.max), UInt64.max] {
            for minimum in [1, 2, 3, 25] {
                var b = BackwardBytes()
                b.putDigits(value, minimum: minimum)
                let plain = String(value)
                let expected = String(repeating: "0", count: max(0, minimum - plain.count)) + plain
                #expect(b.string == expected)
                var out: [UInt8] = [0x2D]
                b.append(to: &out)
                #expect(out == [0x2D] + Array(expected.utf8))
                #expect(b.count == expected.utf8.count)
            }
        }
        var full = BackwardBytes()
        for _ in 0..<32 { full.put(UInt8(ascii: "x")) }
        #expect(full.string == String(repeating: "x", count: 32))
    }

    @Test func randomSuffixIsSixteenLowerHexDigits() {
        let a = Hex.randomSuffix(), b = Hex.randomSuffix()
        #expect(a.utf8.count == 16 && Hex.decode(a)?.count == 8)
        #expect(a != b)
    }
}
