import LedgerPlatform
import LedgerTestSupport
import Testing

/// `LineBuffer` (the record writer's line memory) against an array fed the same appends: seeded random sequences of
/// bytes, arrays, slices, static text, decimals and `ByteTable` entries, from small capacities so that it grows in the
/// middle of an append; copies written after they were taken (copy on write); reuse through a pool.
@Suite struct LineBufferTests {
    static let table = ByteTable([Array("\"a\":".utf8), [], Array(",\"community_id\":".utf8), Array(repeating: 0x41, count: 300)])
    static let decimals: [Int64] = [0, 9, 10, -1, -9, 99, 100, 123_456_789, Int64.max, Int64.min + 1, -9_007_199_254_740_991]

    @Test("random appends write what an array's appends write", arguments: [UInt64(0x42_0001), 0x42_0002, 0x42_0003])
    func appendsAreAnArraysAppends(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for round in 0..<300 {
            var buffer = LineBuffer(capacity: random.int(0..<100))
            var expected: [UInt8] = []
            var copies: [(LineBuffer, [UInt8])] = []
            for _ in 0..<random.int(0..<60) {
                switch random.int(0..<7) {
                case 0:
                    let byte = UInt8(random.int(0..<256))
                    buffer.append(byte)
                    expected.append(byte)
                case 1:
                    let bytes = (0..<random.int(0..<700)).map { _ in UInt8(random.int(0..<256)) }
                    buffer.append(bytes)
                    expected += bytes
                case 2:
                    let bytes = (0..<random.int(0..<40)).map { _ in UInt8(random.int(0..<256)) }
                    let from = random.int(0...bytes.count)
                    buffer.append(bytes[from...])
                    expected += bytes[from...]
                case 3:
                    buffer.append("\"batch\":{\"first\":")
                    expected += Array("\"batch\":{\"first\":".utf8)
                case 4:
                    let value = random.int(0..<3) == 0 ? Self.decimals[random.int(0..<Self.decimals.count)]
                        : Int64(random.int(-1_000_000...1_000_000))
                    Bytes.appendDecimal(value, to: &buffer)
                    expected += Array(String(value).utf8)
                case 5:
                    let index = random.int(0..<Self.table.count)
                    Self.table.append(index, to: &buffer)
                    Self.table.append(index, to: &expected)
                default:
                    // A copy taken now keeps these bytes whatever is written to either afterwards.
                    copies.append((buffer, expected))
                }
                #expect(buffer.count == expected.count)
            }
            #expect(buffer.bytes == expected, "seed \(seed) round \(round)")
            for (copy, bytes) in copies { #expect(copy.bytes == bytes, "seed \(seed) round \(round): a copy") }
            var other = buffer
            other.append(0x7A)
            #expect(buffer.bytes == expected && other.bytes == expected + [0x7A] && other != buffer)
            var copied: [UInt8] = [1]
            if expected.count > 2 {
                buffer.copy(1..<expected.count - 1, to: &copied)
                #expect(copied == [1] + expected[1..<expected.count - 1])
            }
        }
    }

    @Test("a buffer given back to a pool comes back empty, its memory kept, and is written as a fresh one")
    func reuseThroughAPool() {
        let pool = ReusePool<LineBuffer>()
        var buffer = pool.take()
        buffer.append(Array(repeating: 0x33, count: 5_000))
        pool.give(buffer)
        var again = pool.take()
        #expect(again.count == 0 && again.bytes.isEmpty)
        again.append("{\"hash\":\"")
        #expect(again.bytes == Array("{\"hash\":\"".utf8))
        var emptied = again
        emptied.removeAll()
        #expect(emptied.count == 0 && again.bytes == Array("{\"hash\":\"".utf8))
    }

    @Test("plain JSON strings: the same test and bytes as the array form")
    func plainStrings() {
        var random = SplitMix64(seed: 0x42_0010)
        let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "\u{1}", "\u{1F}", "\u{7F}", "é", "街", "😀", "\n"]
        for _ in 0..<3_000 {
            let value = (0..<random.int(0..<30)).map { _ in alphabet[random.int(0..<alphabet.count)] }.joined()
            var array: [UInt8] = [9], buffer = LineBuffer()
            buffer.append(9)
            let plain = Bytes.appendPlainJSONString(value, to: &array)
            #expect(Bytes.appendPlainJSONString(value, to: &buffer) == plain)
            let utf8 = Array(value.utf8)[...]
            #expect(Bytes.appendPlainJSONString(utf8: utf8, to: &buffer) == plain)
            #expect(buffer.bytes == (plain ? array + array.dropFirst() : [9]), "\(value.debugDescription)")
        }
    }
}
