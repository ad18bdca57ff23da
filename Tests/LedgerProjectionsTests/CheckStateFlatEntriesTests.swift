@testable import LedgerProjections
import LedgerChain
import LedgerEvents
import LedgerPlatform
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
        var compared = 0, bothParts = 0
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
            // The two parts `writeEncoded` makes on two cores, merged: the same entries in the same order, each part
            // holding only its own tags.
            let entities = CheckState.flatEntries(of: fold.registers, part: .entities)
            let others = CheckState.flatEntries(of: fold.registers, part: .others)
            var merged: [(key: [UInt8], value: [UInt8])] = []
            CheckState.mergeEntries(entities, others) { key, value in merged.append((Array(key), Array(value))) }
            #expect(merged.count == arrays.count && zip(merged, arrays).allSatisfy { $0.key == $1.key && $0.value == $1.value },
                    "seed \(seed) at record \(record.seq): merged parts")
            let entityTags: Set<UInt8> = [CheckKey.registry, CheckKey.importFile, CheckKey.ending, CheckKey.referenced, CheckKey.useDay, CheckKey.twin, CheckKey.partLines]
            #expect(entities.entries.allSatisfy { entityTags.contains(entities.bytes[$0.key.lowerBound]) })
            #expect(others.entries.allSatisfy { !entityTags.contains(others.bytes[$0.key.lowerBound]) })
            if !entities.entries.isEmpty && !others.entries.isEmpty { bothParts += 1 }
            compared += arrays.count
        }
        // Not vacuous: many entries compared, of several tags.
        #expect(compared > 300, "\(compared) entries compared")
        #expect(bothParts > 2, "both parts hold entries at \(bothParts) points")
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

    /// `CheckState.keyPrecedes` (eight bytes at a time) orders two keys of one buffer as `Bytes.precedes` (memcmp,
    /// then the shorter first) does: random keys of 0–40 bytes drawn from a few bytes (0x00, 0x01, 0x7F, 0x80, 0xFF,
    /// and ASCII like the stored keys'), many sharing long prefixes — the same key, one a prefix of the other, keys
    /// that differ in their last byte, in their ninth, in a byte a word's shift drops — lying anywhere in the buffer,
    /// its last bytes among them (compared byte by byte there), each compared both ways and with itself.
    @Test(arguments: [UInt64(0x30FA_0001), 0x30FA_0002, 0x30FA_0003])
    func keyOrderIsBytesPrecedes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF] + Array("RCA0-19ev".utf8)
        var buffer: [UInt8] = []
        var keys: [Range<Int>] = []
        for _ in 0..<600 {
            var key: [UInt8]
            if !keys.isEmpty, random.int(0..<3) > 0 {
                // A kept key, cut, lengthened or with one byte changed.
                key = Array(buffer[keys[random.int(0..<keys.count)]])
                switch random.int(0..<4) {
                case 0: key = Array(key.prefix(random.int(0...key.count)))
                case 1: for _ in 0..<random.int(1...9) { key.append(alphabet[random.int(0..<alphabet.count)]) }
                case 2: if !key.isEmpty { key[random.int(0..<key.count)] = alphabet[random.int(0..<alphabet.count)] }
                default: break
                }
            } else {
                key = (0..<random.int(0...40)).map { _ in alphabet[random.int(0..<alphabet.count)] }
            }
            let start = buffer.count
            buffer += key
            keys.append(start..<buffer.count)
            // Values (or nothing) between keys, as in `flatEntries`' buffer.
            for _ in 0..<random.int(0...3) { buffer.append(alphabet[random.int(0..<alphabet.count)]) }
        }
        // The last key ends the buffer.
        let tail = Array(buffer[keys[random.int(0..<keys.count)]]) + [0x80, 0x01]
        keys.append(buffer.count..<(buffer.count + tail.count))
        buffer += tail
        var checked = 0, before = 0, prefixes = 0, nearEnd = 0
        for a in keys.indices {
            for b in keys.indices where random.int(0..<4) == 0 || a == b || a >= keys.count - 3 || b >= keys.count - 3 {
                let x = keys[a], y = keys[b]
                let expected = Bytes.precedes(buffer, x, y)
                #expect(CheckState.keyPrecedes(buffer, x, y) == expected, "keys \(Array(buffer[x])) and \(Array(buffer[y]))")
                checked += 1
                if expected { before += 1 }
                if x.count < y.count, buffer[y].starts(with: buffer[x]) { prefixes += 1 }
                if x.upperBound > buffer.count - 8 || y.upperBound > buffer.count - 8 { nearEnd += 1 }
            }
        }
        // Not vacuous: both answers, keys that are prefixes of others, keys among the buffer's last eight bytes.
        #expect(checked > 50_000 && before > 10_000 && checked - before > 10_000, "\(checked) pairs, \(before) before")
        #expect(prefixes > 500 && nearEnd > 500, "\(prefixes) prefixes, \(nearEnd) near the end")
    }
}
