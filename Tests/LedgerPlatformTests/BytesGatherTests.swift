import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct BytesGatherTests {
    /// `appendGathered` appends, after what the array held, exactly what a plain loop over the indexes appends:
    /// seeded random widths (1 to 80 bytes, 53 as `index/scopes`' entries), sources, orders (repeats included) and
    /// prefixes, and no index at all.
    @Test func appendGatheredIsThePlainLoop() {
        var random = SplitMix64(seed: 0x6A7E_E2)
        for round in 0..<300 {
            let width = round % 5 == 0 ? 53 : random.int(1...80)
            let records = random.int(0...40)
            let source = (0..<(records * width)).map { _ in UInt8(random.int(0..<256)) }
            let indexes = records == 0 ? [] : (0..<random.int(0...60)).map { _ in Int32(random.int(0..<records)) }
            let skip = indexes.isEmpty ? 0 : random.int(0...(indexes.count - 1))
            let prefix = (0..<random.int(0...9)).map { _ in UInt8(random.int(0..<256)) }
            var out = prefix
            Bytes.appendGathered(source, width: width, indexes: indexes[skip...], to: &out)
            var plain = prefix
            for i in indexes[skip...] { plain.append(contentsOf: source[(Int(i) * width)..<(Int(i) * width + width)]) }
            #expect(out == plain, "round \(round), width \(width)")
        }
    }
}

/// `Bytes.prefetch` is a cache hint: it leaves the bytes as they were and ignores an index outside the array
/// (an empty one has no storage to point into).
@Suite struct BytesPrefetchTests {
    @Test func aHintOnlyWhateverTheIndex() {
        let bytes: [UInt8] = Array(0..<200)
        for index in [-1, 0, 63, 64, 199, 200, 4_096, Int.max, Int.min] { Bytes.prefetch(bytes, at: index) }
        #expect(bytes == Array(0..<200))
        Bytes.prefetch([], at: 0)
        Bytes.prefetch([], at: -1)
        // In a slice, by the slice's indexes: those of the base outside it are ignored too.
        let slice = bytes[50..<60]
        for index in [0, 49, 50, 59, 60, 199, Int.max, Int.min] { Bytes.prefetch(slice, at: index) }
        Bytes.prefetch(bytes[7..<7], at: 7)
        #expect(slice == bytes[50..<60] && bytes == Array(0..<200))
    }
}
