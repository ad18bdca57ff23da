import Foundation
@testable import LedgerChain
import LedgerEvents
@testable import LedgerPlatform
import LedgerSynthetic
import Testing

/// Session 41 made the record line's fast scan (`Bytes.recordLineLayout`, what verify, the rebuild and the writer's
/// pre-write check run on every line) cheaper per byte: ids, types and the actor's check read eight bytes at a time,
/// a string member is read without a call, the hex check has no branch per word, and `plainTextEnd` (under every
/// string) flags its stop bytes with fewer operations. What it accepts and refuses is normative, so it is held here
/// to the scanner as it was before (`ReferenceRecordReader` below, a frozen copy): the same answer, layout included,
/// for seeded random valid lines, every record in testdata, lines changed by every mutation class the tamper and
/// fuzz tests use and byte by byte with the bytes each test cares about, under the real limits and under small ones.
@Suite struct FastRecordReaderDifferentialTests {
    static let iterations = FaultProcess.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    static let tiny = RecordLineLimits(recordBytes: 700, idBytes: 12, stringBytes: 24, depth: 3, integerMagnitude: 99_999)
    static let limitSets = [RecordLineScanner.fastLimits, tiny]

    /// The bytes the scanner's word tests are about: each test's edges, quote, backslash, the controls, DEL, the
    /// UTF-8 leads that start the checked sequences, and plain letters and digits.
    static let edgeBytes: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x2D, 0x2E, 0x2F, 0x30, 0x39, 0x3A,
                                     0x40, 0x41, 0x46, 0x47, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0x61, 0x66, 0x67,
                                     0x7A, 0x7B, 0x7E, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                                     0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]

    /// The old and the new scan of `line` agree, with and without the hex form checked, under every limit set.
    /// Returns whether the new one accepted under the real limits.
    @discardableResult
    static func agree(_ line: ArraySlice<UInt8>, _ note: @autoclosure () -> String = "") -> Bool {
        var accepted = false
        for (index, limits) in limitSets.enumerated() {
            for checkingHex in [true, false] {
                let new = Bytes.recordLineLayout(line, limits: limits, checkingHex: checkingHex)
                let old = ReferenceBytes.recordLineLayout(line, limits: limits, checkingHex: checkingHex)
                if new != old {
                    Issue.record("""
                        the scans differ (limits \(index), hex \(checkingHex)) \(note()): before \(old.map { "\($0)" } ?? "nil"), \
                        now \(new.map { "\($0)" } ?? "nil") for \(String(decoding: line.prefix(400), as: UTF8.self))
                        """)
                }
                if index == 0, checkingHex { accepted = new != nil }
            }
        }
        return accepted
    }

    /// Valid lines: the synthetic city's, FastScanTests' random raw payloads (escapes, CJK, emoji, controls, long
    /// ids, odd actors) and every record line in testdata.
    static func validLines(seed: UInt64) throws -> [[UInt8]] {
        try FastScanTests.validLines(400, seed: seed) + TypedRoundTripTests.recordLines().map(\.line)
    }

    @Test("valid lines: the same layout as before, and the usual ones still take the fast path")
    func validLinesAgree() throws {
        let lines = try Self.validLines(seed: 0x41_0001)
        #expect(lines.count > 400)
        var accepted = 0
        for line in lines where Self.agree(line[...]) { accepted += 1 }
        #expect(accepted > lines.count / 2)
        for line in FuzzTests.recordLines(200, seed: 41) { #expect(Bytes.recordLineLayout(line[...], limits: RecordLineScanner.fastLimits) != nil) }
    }

    @Test("lines changed by the fuzz tests' mutations (flip, insert a hostile token, delete, duplicate, random byte, cut)")
    func fuzzMutationsAgree() throws {
        var random = SyntheticRandom(seed: 0x41_0002)
        let valid = try Self.validLines(seed: 0x41_0003)
        var accepted = 0, refused = 0
        for _ in 0..<(Self.iterations * 4) {
            let line = FuzzTests.mutate(valid[random.below(valid.count)], &random)
            // Inside a bigger buffer too, as verify scans them (slices do not start at 0).
            let padded = [UInt8](repeating: 0x0A, count: random.below(9)) + line + [0x0A]
            let start = padded.count - line.count - 1
            if Self.agree(padded[start..<(start + line.count)]) { accepted += 1 } else { refused += 1 }
        }
        #expect(accepted > 0 && refused > 0)
    }

    /// The tamper tests' classes on one line: a byte flipped to any other, the hash or prev in upper case or with a
    /// digit that is not hex, a value edited and the line rewritten by a JSON library, a line cut short; and one byte
    /// set to each edge byte at every place of the line (ids, type, dates, actor, data: each word test's lanes).
    @Test("lines changed by the tamper tests' classes, and every byte of a line set to every edge byte")
    func tamperClassesAgree() throws {
        var random = SyntheticRandom(seed: 0x41_0004)
        let valid = try Self.validLines(seed: 0x41_0005)
        var accepted = 0, refused = 0
        func count(_ line: [UInt8], _ note: @autoclosure () -> String) {
            if Self.agree(line[...], note()) { accepted += 1 } else { refused += 1 }
        }
        for _ in 0..<Self.iterations {
            var line = valid[random.below(valid.count)]
            switch random.below(6) {
            case 0:
                let at = random.below(line.count)
                var replacement = UInt8(truncatingIfNeeded: random.next())
                while replacement == line[at] { replacement &+= 1 }
                line[at] = replacement
            case 1:
                let at = random.chance(50) ? RecordLineText.hashOffset : RecordLineText.prevOffset
                for i in at..<at + 64 where line[i] >= 0x61 && line[i] <= 0x66 { line[i] -= 0x20 }
            case 2:
                let at = (random.chance(50) ? RecordLineText.hashOffset : RecordLineText.prevOffset) + random.below(64)
                line[at] = [0x67, 0x2F, 0x3A, 0x60, 0x47, 0x20, 0x22][random.below(7)]
            case 3:
                if var object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                   var data = object["data"] as? [String: Any], let key = data.keys.sorted().first {
                    data[key] = random.chance(50) ? "x\(random.below(1000))" : random.below(1000)
                    object["data"] = data
                    line = [UInt8](try JSONSerialization.data(withJSONObject: object))
                }
            case 4:
                line = Array(line.prefix(random.below(line.count)))
            default:
                let at = random.below(line.count)
                line[at] = Self.edgeBytes[random.below(Self.edgeBytes.count)]
            }
            count(line, "")
        }
        // Every place of a few lines, every edge byte.
        for line in [FuzzTests.recordLines(2, seed: 0x41)[1], valid[random.below(valid.count)]] {
            for at in 0..<line.count {
                for byte in Self.edgeBytes where byte != line[at] {
                    var changed = line
                    changed[at] = byte
                    count(changed, "byte \(at) set to \(byte)")
                }
            }
        }
        #expect(accepted > 0 && refused > 0)
    }

    @Test("built lines: ids, types, actors and data strings of every length 0–40 over the edge bytes")
    func builtFieldsAgree() {
        var random = SyntheticRandom(seed: 0x41_0006)
        let base = String(decoding: FuzzTests.recordLines(1, seed: 10)[0], as: UTF8.self)
        let id = "\"id\":\"", type = "\"type\":\"", actor = "\"actor\":\"", data = "\"data\":{"
        for _ in 0..<Self.iterations {
            let length = random.below(41)
            var text: [UInt8] = []
            for _ in 0..<length {
                // Mostly the field's usual bytes, so that long runs reach the word loops; now and then an edge byte.
                if random.chance(15) { text.append(Self.edgeBytes[random.below(Self.edgeBytes.count)]) }
                else if random.chance(30) { text += Array("资".utf8) }
                else { text.append(Array("abcxyz019_.-~!".utf8)[random.below(14)]) }
            }
            for field in [id, type, actor, data] {
                let bytes = Array(base.utf8)
                guard let range = base.range(of: field) else { Issue.record("no \(field)"); continue }
                let at = base.utf8.distance(from: base.startIndex, to: range.upperBound)
                var line = Array(bytes[..<at])
                if field == data {
                    line += Array("\"".utf8) + text + Array("\":1,".utf8)
                    line += bytes[at...]
                } else {
                    line += text
                    // The old value's body is dropped up to its closing quote.
                    var end = at
                    while end < bytes.count, bytes[end] != 0x22 { end += 1 }
                    line += bytes[end...]
                }
                Self.agree(line[...], "\(field) \(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    @Test("plainTextEnd and isLowerHex: the same answer as before for random bytes at every start")
    func wordPrimitivesAgree() {
        var random = SyntheticRandom(seed: 0x41_0007)
        let pieces: [[UInt8]] = Self.edgeBytes.map { [$0] } + [Array("资产".utf8), Array("é".utf8), Array("\u{1F600}".utf8),
                                                                Array("\u{10FFFF}".utf8), Array("\u{FFFF}".utf8), [0xED, 0x9F, 0xBF],
                                                                [0xE0, 0xA0, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
                                                                Array("amount_fen".utf8), Array("0123456789abcdef".utf8)]
        for _ in 0..<(Self.iterations * 4) {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(30) { bytes += pieces[random.below(pieces.count)] }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...buffer.count {
                    #expect(Bytes.plainTextEnd(buffer, from: start) == ReferenceBytes.plainTextEnd(buffer, from: start),
                            "\(bytes) from \(start)")
                }
                let raw = UnsafeRawBufferPointer(buffer)
                #expect(Bytes.isLowerHex(raw) == ReferenceBytes.isLowerHex(raw), "\(bytes)")
            }
            // Hex-like bytes, so that the valid answer is reached too.
            let hex = (0..<random.below(80)).map { _ in random.chance(97) ? Array("0123456789abcdef".utf8)[random.below(16)] : Self.edgeBytes[random.below(Self.edgeBytes.count)] }
            hex.withUnsafeBytes { raw in #expect(Bytes.isLowerHex(raw) == ReferenceBytes.isLowerHex(raw), "\(hex)") }
        }
    }
}

// MARK: - The scanner before session 41, frozen as the reference (a copy: do not change it with the scanner)

enum ReferenceBytes {
    static func recordLineLayout(_ line: ArraySlice<UInt8>, limits: RecordLineLimits, checkingHex: Bool) -> RecordLineLayout? {
        guard line.count >= 160, line.count <= limits.recordBytes else { return nil }
        return line.withUnsafeBufferPointer { buffer in
            var reader = ReferenceRecordReader(buffer: buffer, limits: limits)
            return reader.line(checkingHex: checkingHex)
        }
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    static func isLowerHex(_ raw: UnsafeRawBufferPointer) -> Bool {
        // Eight bytes at a time (SWAR): the high bit of each byte of `inRange` says whether it lies in lo…hi.
        let n = raw.count
        var i = 0
        var valid = true
        while i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            valid = valid && (x & high == 0) && (inRange(x, 0x30, 0x39) | inRange(x, 0x61, 0x66)) == high
            i += 8
        }
        while i < n {
            let b = raw[i]
            valid = valid && ((b &- 0x30) < 10 || (b &- 0x61) < 6)
            i += 1
        }
        return valid
    }
    static func inRange(_ x: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
        ((x &+ (0x80 &- lo) &* ones) & ~(x &+ (0x7F &- hi) &* ones)) & high
    }
    static func equalTo(_ x: UInt64, _ value: UInt64) -> UInt64 {
        let y = x ^ (value &* ones)          // zero bytes where equal
        return ~((y & ~high) &+ ~high) & ~y & high
    }
    static func plainTextEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = buffer.count
        let raw = UnsafeRawBufferPointer(buffer)
        while i < n {
            // Eight bytes at a time: a word of plain ASCII (none ≥ 0x80, < 0x20, '"' or '\\') is skipped whole;
            // otherwise the cursor moves straight to the first byte that is not plain ASCII (the lowest flagged
            // byte: `inRange` can carry only into bytes after a byte ≥ 0x80, so the bytes below it are judged
            // exactly), instead of retrying the word byte by byte.
            if i + 8 <= n {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let stop = (x & high) | inRange(x, 0x00, 0x1F) | equalTo(x, 0x22) | equalTo(x, 0x5C)
                if stop == 0 { i += 8; continue }
                let shift = stop.trailingZeroBitCount & ~7
                i += shift >> 3
                // That byte is a stop byte (the lowest flagged is judged exactly): one below 0x80 (a quote, a
                // backslash or a control character) ends the run here, read from the word instead of again from
                // memory; one ≥ 0x80 starts a multi-byte character, checked below.
                if UInt8(truncatingIfNeeded: x >> UInt64(shift)) < 0x80 { break }
            }
            var b0 = buffer[i]
            if b0 < 0x80 {
                if b0 < 0x20 || b0 == 0x22 || b0 == 0x5C { break }
                i += 1
                continue
            }
            // Runs of three-byte characters (CJK text and its full-width punctuation) stay in this loop: two
            // characters per word while eight bytes remain, then one at a time. Leads E1…EC, EE and EF take any
            // continuation bytes; E0 and ED (overlong forms, surrogates) go to `multiByteWidth`.
            while i + 8 <= n {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                // Bytes 1, 2, 4 and 5 are continuation bytes (10xxxxxx); bytes 0 and 3 are plain three-byte leads.
                guard x & 0x0000_C0C0_00C0_C000 == 0x0000_8080_0080_8000, Self.isPlainLead3(UInt8(truncatingIfNeeded: x)),
                      Self.isPlainLead3(UInt8(truncatingIfNeeded: x >> 24)) else { break }
                i += 6
            }
            b0 = buffer[i]
            while Self.isPlainLead3(b0) && i + 2 < n && buffer[i + 1] & 0xC0 == 0x80 && buffer[i + 2] & 0xC0 == 0x80 {
                i += 3
                guard i < n else { break }
                b0 = buffer[i]
            }
            guard i < n else { break }
            if b0 < 0x80 { continue }
            let width = multiByteWidth(buffer, at: i)
            guard width > 0 else { break }
            i += width
        }
        return i
    }
    static func isPlainLead3(_ b: UInt8) -> Bool { b &- 0xE1 < 15 && b != 0xED }
    static func multiByteWidth(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = buffer.count
        let b0 = buffer[i]
        if b0 >= 0xC2 && b0 <= 0xDF {
            return i + 1 < n && buffer[i + 1] & 0xC0 == 0x80 ? 2 : 0
        } else if b0 >= 0xE0 && b0 <= 0xEF {
            guard i + 2 < n else { return 0 }
            let b1 = buffer[i + 1], b2 = buffer[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, !(b0 == 0xE0 && b1 < 0xA0), !(b0 == 0xED && b1 > 0x9F) else { return 0 }
            return 3
        } else if b0 >= 0xF0 && b0 <= 0xF4 {
            guard i + 3 < n else { return 0 }
            let b1 = buffer[i + 1], b2 = buffer[i + 2], b3 = buffer[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80,
                  !(b0 == 0xF0 && b1 < 0x90), !(b0 == 0xF4 && b1 > 0x8F) else { return 0 }
            return 4
        }
        return 0
    }
}

private struct ReferenceRecordReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let n: Int
    let limits: RecordLineLimits
    var p = 0

    init(buffer: UnsafeBufferPointer<UInt8>, limits: RecordLineLimits) {
        self.buffer = buffer
        base = buffer.baseAddress!
        n = buffer.count
        self.limits = limits
    }

    /// The layout, or nil. `checkingHex` false skips the form of the 64 digits of hash and prev (their place is
    /// fixed): verify's workers decide it from the hash they compute (`Bytes.fusedHexCheck`).
    mutating func line(checkingHex: Bool) -> RecordLineLayout? {
        var layout = RecordLineLayout()
        typealias T = RecordLineText
        guard lead(T.hash), hex64(checking: checkingHex), lead(T.prev), hex64(checking: checkingHex), lead(T.seq),
              let seq = count(), lead(T.batchFirst), let first = count(),
              lead(T.batchLast), let last = count(), lead(T.id) else { return nil }
        layout.seq = seq
        layout.batchFirst = first
        layout.batchLast = last
        guard let id = idLiteral(), lead(T.type), let type = typeLiteral(), lead(T.occurredOn) else { return nil }
        layout.id = id
        layout.type = type
        layout.occurredOn = p
        guard date(&layout.occurredOnFields), lead(T.recordedAt) else { return nil }
        layout.recordedAt = p
        guard date(&layout.recordedAtFields), time(&layout.recordedAtFields), lead(T.actor) else { return nil }
        let actorStart = p
        guard actorLiteral() else { return nil }
        layout.actor = actorStart..<p
        guard lead(T.data), p < n, base[p] == UInt8(ascii: "{") else { return nil }
        let dataStart = p
        guard value(depth: 0), p + 1 == n, base[p] == UInt8(ascii: "}") else { return nil }
        layout.data = dataStart..<p
        return layout
    }

    /// Consumes `text` if the bytes at the cursor are exactly it. Compared eight bytes at a time in place (the
    /// last word overlapping the one before): the texts are 7 to 24 bytes, for which a call of memcmp cost more
    /// than the comparison.
    @inline(__always)
    mutating func lead(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard p + count <= n else { return false }
        let here = UnsafeRawPointer(base + p), expected = UnsafeRawPointer(text.utf8Start)
        if count < 8 {
            for i in 0..<count where here.load(fromByteOffset: i, as: UInt8.self) != expected.load(fromByteOffset: i, as: UInt8.self) {
                return false
            }
        } else {
            var differs: UInt64 = 0
            var i = 0
            while i + 8 < count {
                differs |= here.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ expected.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            differs |= here.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) ^ expected.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            guard differs == 0 else { return false }
        }
        p += count
        return true
    }

    /// `YYYY-MM-DD`: four, two and two ASCII digits between hyphens (their values are judged by the caller).
    mutating func date(_ fields: inout RecordLineDateFields) -> Bool {
        guard p + 10 <= n, base[p + 4] == UInt8(ascii: "-"), base[p + 7] == UInt8(ascii: "-"),
              let year = digits(p, 4), let month = digits(p + 5, 2), let day = digits(p + 8, 2) else { return false }
        fields.year = UInt16(year)
        fields.month = UInt8(month)
        fields.day = UInt8(day)
        p += 10
        return true
    }

    /// `THH:MM:SSZ` after a date.
    mutating func time(_ fields: inout RecordLineDateFields) -> Bool {
        guard p + 10 <= n, base[p] == UInt8(ascii: "T"), base[p + 3] == UInt8(ascii: ":"), base[p + 6] == UInt8(ascii: ":"),
              base[p + 9] == UInt8(ascii: "Z"), let hour = digits(p + 1, 2), let minute = digits(p + 4, 2),
              let second = digits(p + 7, 2) else { return false }
        fields.hour = UInt8(hour)
        fields.minute = UInt8(minute)
        fields.second = UInt8(second)
        p += 10
        return true
    }

    /// The value of `count` ASCII digits at `at`, or nil when one is not a digit.
    @inline(__always)
    func digits(_ at: Int, _ count: Int) -> Int? {
        var value = 0
        for i in at..<at + count {
            let digit = base[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)   // at most 4 digits: no overflow to check
        }
        return value
    }

    /// 64 lower-case hex digits (64 bytes of any kind when not `checking`).
    mutating func hex64(checking: Bool) -> Bool {
        guard p + 64 <= n, !checking || ReferenceBytes.isLowerHex(UnsafeRawBufferPointer(start: base + p, count: 64)) else { return false }
        p += 64
        return true
    }

    /// seq, batch.first or batch.last: plain decimal without leading zeros, at most 16 digits, 1…integerMagnitude.
    mutating func count() -> Int64? {
        let start = p
        var value: Int64 = 0
        while p < n {
            let digit = base[p] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            guard p - start < 16 else { return nil }
            value = value &* 10 &+ Int64(digit)   // at most 16 digits, below 2^63: no overflow to check
            p += 1
        }
        guard p > start, !(p - start > 1 && base[start] == UInt8(ascii: "0")), value >= 1, value <= limits.integerMagnitude else { return nil }
        return value
    }

    /// The id literal: 1…idBytes bytes of printable ASCII other than quote and backslash; returns the body's range.
    mutating func idLiteral() -> Range<Int>? {
        guard p < n, base[p] == UInt8(ascii: "\"") else { return nil }
        p += 1
        let start = p
        while p < n, base[p] > 0x20, base[p] < 0x7F, base[p] != UInt8(ascii: "\""), base[p] != UInt8(ascii: "\\") { p += 1 }
        guard p < n, base[p] == UInt8(ascii: "\""), p > start, p - start <= limits.idBytes else { return nil }
        p += 1
        return start..<p - 1
    }

    /// The type literal: `[a-z][a-z0-9_.]*`, at most 64 bytes; returns the literal's range, quotes included.
    mutating func typeLiteral() -> Range<Int>? {
        guard p + 1 < n, base[p] == UInt8(ascii: "\""), base[p + 1] &- UInt8(ascii: "a") < 26 else { return nil }
        let start = p
        p += 1
        while p < n {
            let b = base[p]
            guard b &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") else { break }
            p += 1
        }
        guard p < n, base[p] == UInt8(ascii: "\""), p - start - 1 <= 64 else { return nil }
        p += 1
        return start..<p
    }

    /// The actor literal: a plain string (no escape) holding at least one printable ASCII character other than
    /// the space, so it is neither empty nor only white space.
    mutating func actorLiteral() -> Bool {
        let start = p
        guard plainString() else { return false }
        var i = start + 1
        while i < p - 1 {
            if base[i] > 0x20 && base[i] < 0x7F { return true }
            i += 1
        }
        return false
    }

    /// A string without escapes: plain text (valid UTF-8, no control character) up to the closing quote, at most
    /// `stringBytes` bytes.
    @inline(__always)
    mutating func plainString() -> Bool {
        guard p < n, base[p] == UInt8(ascii: "\"") else { return false }
        let start = p
        p = ReferenceBytes.plainTextEnd(buffer, from: p + 1)
        guard p < n, base[p] == UInt8(ascii: "\""), p - start - 1 <= limits.stringBytes else { return false }
        p += 1
        return true
    }

    /// One canonical JSON value at the cursor (`JSONValidator.validateCanonicalValue` without escapes).
    mutating func value(depth: Int) -> Bool {
        guard p < n else { return false }
        switch base[p] {
        case UInt8(ascii: "{"):
            guard depth + 1 <= limits.depth else { return false }
            p += 1
            if p < n, base[p] == UInt8(ascii: "}") { p += 1; return true }
            var previousKey: Range<Int>? = nil
            while true {
                let keyStart = p
                guard plainString() else { return false }
                let key = keyStart + 1..<p - 1
                if let previousKey, !precedes(previousKey, key) { return false }
                previousKey = key
                guard p < n, base[p] == UInt8(ascii: ":") else { return false }
                p += 1
                guard value(depth: depth + 1), p < n else { return false }
                if base[p] == UInt8(ascii: ",") { p += 1; continue }
                if base[p] == UInt8(ascii: "}") { p += 1; return true }
                return false
            }
        case UInt8(ascii: "["):
            guard depth + 1 <= limits.depth else { return false }
            p += 1
            if p < n, base[p] == UInt8(ascii: "]") { p += 1; return true }
            while true {
                guard value(depth: depth + 1), p < n else { return false }
                if base[p] == UInt8(ascii: ",") { p += 1; continue }
                if base[p] == UInt8(ascii: "]") { p += 1; return true }
                return false
            }
        case UInt8(ascii: "\""): return plainString()
        case UInt8(ascii: "t"): return lead("true")
        case UInt8(ascii: "f"): return lead("false")
        case UInt8(ascii: "n"): return lead("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return false
        }
    }

    /// A JSON integer as `JSONGrammar.integer` reads it: plain decimal, no leading zeros, no -0, no fraction or
    /// exponent, magnitude at most `integerMagnitude`.
    mutating func integer() -> Bool {
        let negative = base[p] == UInt8(ascii: "-")
        if negative { p += 1 }
        let start = p
        var magnitude: Int64 = 0
        while p < n, base[p] &- UInt8(ascii: "0") < 10 {
            let digit = Int64(base[p] &- UInt8(ascii: "0"))
            guard p != start + 1 || base[start] != UInt8(ascii: "0"), magnitude <= (limits.integerMagnitude - digit) / 10 else { return false }
            magnitude = magnitude * 10 + digit
            p += 1
        }
        guard p > start, !(negative && magnitude == 0) else { return false }
        if p < n, base[p] == UInt8(ascii: ".") || base[p] == UInt8(ascii: "e") || base[p] == UInt8(ascii: "E") { return false }
        return true
    }

    /// Whether key `a` sorts strictly before key `b` by their bytes (keys without escapes: the bytes are the text).
    func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        // Keys of an object mostly differ in their first byte: decided without a call.
        if !a.isEmpty, !b.isEmpty, base[a.lowerBound] != base[b.lowerBound] { return base[a.lowerBound] < base[b.lowerBound] }
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(base + a.lowerBound, base + b.lowerBound, common)
        return order < 0 || (order == 0 && a.count < b.count)
    }
}
