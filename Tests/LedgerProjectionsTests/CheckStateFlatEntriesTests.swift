@testable import LedgerProjections
import LedgerChain
import LedgerEvents
import LedgerTestSupport
import Testing

/// `CheckState.flatEntries` (the entries of a whole-log fold in one buffer, which `writeEncoded` writes) against
/// `CheckState.overlayEntries` (an array per key and per value, which the merges use): the same keys and values in
/// the same order, over random logs of every type the checks read (registrations, endings, references of unknown
/// entities, rectification rounds, erasures, imports, corrections; `CheckEventGenerator`), folded at several points.
@Suite("Flat check-state entries against the arrays")
struct CheckStateFlatEntriesTests {
    @Test(arguments: TestScale.seeds(4, from: 0x26F1_A700))
    func flatEntriesAreTheOverlayEntries(seed: UInt64) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for _ in 0..<30 { try TestLedger.append(generator.batch(generator.random.int(1...6)), to: directory) }
        let records = try CheckStateTests.records(directory)
        var fold = CheckFold()
        var compared = 0
        for (index, record) in records.enumerated() {
            fold.apply(record)
            guard index % 37 == 0 || index == records.count - 1 else { continue }
            let arrays = CheckState.overlayEntries(of: fold.registers)
            let flat = CheckState.flatEntries(of: fold.registers)
            #expect(flat.entries.count == arrays.count, "seed \(seed) at record \(record.seq)")
            let same = flat.entries.count == arrays.count && zip(flat.entries, arrays).allSatisfy { f, a in
                Array(flat.bytes[f.key]) == a.key && Array(flat.bytes[f.value]) == a.value
            }
            #expect(same, "seed \(seed) at record \(record.seq)")
            compared += arrays.count
        }
        // Not vacuous: many entries compared, of several tags.
        #expect(compared > 300, "\(compared) entries compared")
        let tags = Set(CheckState.overlayEntries(of: fold.registers).map { $0.key[0] })
        #expect(tags.count >= 5, "tags \(tags.sorted())")
    }

    /// The block writer given slices of one buffer (`writeEncoded`) writes what it writes given an array per key and
    /// per value (the merges): the same blocks, places, directory and bytes, over random entries of 0–300 bytes
    /// (many blocks of `CheckState.blockBytes`, entries larger than a block among them) drained at random points.
    @Test(arguments: [UInt64(0x27B1_0001), 0x27B1_0002])
    func theWriterTakesSlicesAsItTakesArrays(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var buffer: [UInt8] = []
        var ranges: [(key: Range<Int>, value: Range<Int>)] = []
        for _ in 0..<3_000 {
            let keyCount = random.chance(2) ? 9_000 : random.below(40), valueCount = random.chance(2) ? 300 : random.below(300)
            let start = buffer.count
            for _ in 0..<(keyCount + valueCount) { buffer.append(UInt8(truncatingIfNeeded: random.below(256))) }
            ranges.append(((start..<(start + keyCount)), (start + keyCount)..<buffer.count))
        }
        var arrays = CheckState.Writer(), slices = CheckState.Writer()
        var arrayBytes: [UInt8] = [], sliceBytes: [UInt8] = []
        for (i, (key, value)) in ranges.enumerated() {
            arrays.add(Array(buffer[key]), Array(buffer[value]))
            slices.add(buffer[key], buffer[value])
            if i % 97 == 0 {
                arrayBytes += arrays.drain()
                sliceBytes += slices.drain()
            }
        }
        arrays.flush()
        slices.flush()
        arrayBytes += arrays.drain()
        sliceBytes += slices.drain()
        #expect(arrays.blocks.count > 50)
        #expect(slices.blocks == arrays.blocks && slices.count == arrays.count)
        #expect(sliceBytes == arrayBytes)
        #expect(slices.lead() == arrays.lead())
    }
}
