#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
internal import COpenSSL

/// Byte-slice primitives for the hot paths (verify, the record scanner, the JSON validator), done with memchr,
/// memcmp and table lookups over the slice's storage. Generic `elementsEqual` and element-by-element loops
/// over `ArraySlice` cost tens of instructions per byte; these cost about one. Every function is a pure
/// function of its arguments, and all pointer use stays inside this file.
public enum Bytes {
    /// The index of the first `byte` in `bytes[from..<to]`, or nil (memchr).
    @inline(__always)
    public static func firstIndex(of byte: UInt8, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        precondition(from >= 0 && from <= to && to <= bytes.count, "Bytes.firstIndex range out of bounds")
        guard from < to else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The index of the last `byte` in `bytes[from..<to]`, or nil. Used once per read chunk, where the byte is
    /// near the end, so a backward loop is enough.
    public static func lastIndex(of byte: UInt8, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        precondition(from >= 0 && from <= to && to <= bytes.count, "Bytes.lastIndex range out of bounds")
        var index = to
        while index > from {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }

    /// Asks the processor to bring the memory holding `bytes[index]` into its caches: a hint, nothing is read and
    /// no result changes (an index outside the array is ignored). The shared rebuild's reading thread asks it for
    /// the lines a few ahead of the one it visits, whose bytes the hashing cores read a chunk before: its first
    /// touch of each line was a miss (perf at 1 million records: one load, 8 % of the command's CPU).
    public static func prefetch(_ bytes: [UInt8], at index: Int) {
        guard index >= 0, index < bytes.count else { return }
        bytes.withUnsafeBufferPointer { ledger_prefetch($0.baseAddress! + index) }
    }

    /// `prefetch(_:at:)` in a slice (`index` is an index of the slice, as `bytes[index]`): the rebuild's second stage
    /// asks it for the data of the lines it takes next, which no other thread of this core touched.
    public static func prefetch(_ bytes: ArraySlice<UInt8>, at index: Int) {
        guard index >= bytes.startIndex, index < bytes.endIndex else { return }
        bytes.withUnsafeBufferPointer { ledger_prefetch($0.baseAddress! + (index - bytes.startIndex)) }
    }

    /// True when `bytes[at..<at + expected.count]` equals `expected` (memcmp); false when it runs past the end.
    @inline(__always)
    public static func matches(_ bytes: ArraySlice<UInt8>, at index: Int, _ expected: [UInt8]) -> Bool {
        guard index >= bytes.startIndex, index + expected.count <= bytes.endIndex else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            expected.withUnsafeBufferPointer { want in
                memcmp(buffer.baseAddress! + (index - bytes.startIndex), want.baseAddress!, want.count) == 0
            }
        }
    }

    /// True when `bytes` holds `text`'s UTF-8 at `index` (`RecordLineText`'s members).
    public static func matches(_ bytes: ArraySlice<UInt8>, at index: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index >= bytes.startIndex, index + count <= bytes.endIndex else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + (index - bytes.startIndex), text.utf8Start, count) == 0
        }
    }

    /// True when the two slices hold the same bytes (memcmp).
    @inline(__always)
    public static func equal(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// True when every byte of `bytes` is a lower-case hex digit.
    public static func isLowerHex(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { raw in isLowerHex(raw) }
    }

    /// `isLowerHex` on bytes in place.
    @inline(__always)
    static func isLowerHex(_ raw: UnsafeRawBufferPointer) -> Bool {
        // Eight bytes at a time (SWAR): the high bit of each byte of `inRange` says whether it lies in lo…hi.
        let n = raw.count
        var i = 0
        // Without a branch a word: a byte ≥ 0x80 flags itself (and is no hex digit), so `inRange` is only relied on
        // where every byte is below 0x80, where it is exact.
        var bad: UInt64 = 0
        while i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            bad |= (x | ~(inRange(x, 0x30, 0x39) | inRange(x, 0x61, 0x66))) & high
            i += 8
        }
        var valid = bad == 0
        while i < n {
            let b = raw[i]
            valid = valid && ((b &- 0x30) < 10 || (b &- 0x61) < 6)
            i += 1
        }
        return valid
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// For eight bytes each < 0x80: the high bit of each byte is set when lo ≤ byte ≤ hi.
    @inline(__always)
    private static func inRange(_ x: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
        ((x &+ (0x80 &- lo) &* ones) & ~(x &+ (0x7F &- hi) &* ones)) & high
    }

    /// For any eight bytes: the high bit of each byte below `bound` (at most 0x80), and maybe of bytes above such a
    /// byte (a borrow runs upward only). So no such byte goes unflagged and the lowest byte flagged is one.
    @inline(__always)
    static func bytesBelow(_ x: UInt64, _ bound: UInt64) -> UInt64 { (x &- bound &* ones) & ~x & high }

    /// For any eight bytes: the high bit of each byte equal to `value`, with `bytesBelow`'s guarantee (none missed,
    /// the lowest flagged exact).
    @inline(__always)
    static func bytesEqual(_ x: UInt64, _ value: UInt64) -> UInt64 {
        let y = x ^ (value &* ones)          // zero bytes where equal
        return (y &- ones) & ~y & high
    }

    /// For any eight bytes, exactly: the high bit of each byte in lo…hi (hi ≤ 0x7F). The bytes' high bits are
    /// cleared before the sums, so no sum carries into the next byte; a byte ≥ 0x80 is never in range.
    @inline(__always)
    static func bytesWithin(_ x: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
        let y = x & ~high
        return (y &+ (0x80 &- lo) &* ones) & ~(y &+ (0x7F &- hi) &* ones) & ~x & high
    }

    /// For any eight bytes: the high bit of the bytes that end a run of plain ASCII string content (`"`, `\\`, a
    /// control character, a byte ≥ 0x80), with `bytesBelow`'s guarantee: zero exactly when there is none, the
    /// lowest flagged exact. It is `(x & high) | bytesBelow(x, 0x20) | bytesEqual(x, 0x22) | bytesEqual(x, 0x5C)`
    /// in 9 operations instead of 15: `bytesBelow`'s and `bytesEqual`'s `& ~x` only clear the flags of bytes
    /// ≥ 0x80, which `| x` flags anyway; below the first stop byte no lane borrows, so none is flagged there.
    @inline(__always)
    static func stringStops(_ x: UInt64) -> UInt64 {
        ((x &- 0x20 &* ones) | ((x ^ 0x22 &* ones) &- ones) | ((x ^ 0x5C &* ones) &- ones) | x) & high
    }

    /// The bytes of an id word that may end an id literal's body (anything but 0x21…0x7E, and `"` and `\\`), for the
    /// record line's fast scan: none missed, the lowest flagged exact.
    @inline(__always)
    static func idStops(_ x: UInt64) -> UInt64 {
        (x & high) | bytesBelow(x, 0x21) | bytesEqual(x, 0x22) | bytesEqual(x, 0x5C) | bytesEqual(x, 0x7F)
    }

    /// The bytes of a word outside a type name's alphabet (`a`–`z`, `0`–`9`, `_`, `.`), exactly.
    @inline(__always)
    static func typeStops(_ x: UInt64) -> UInt64 {
        ~(bytesWithin(x, 0x61, 0x7A) | bytesWithin(x, 0x30, 0x39) | bytesWithin(x, 0x5F, 0x5F) | bytesWithin(x, 0x2E, 0x2E)) & high
    }

    /// The eight bytes at `pointer`, the first in the lowest byte.
    @inline(__always)
    static func word(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// True when `hex` is exactly the 64 lower-case hex digits of `digest` (eight 8-byte compares).
    public static func hexEquals(_ hex: ArraySlice<UInt8>, _ digest: Digest32) -> Bool {
        guard hex.count == 64 else { return false }
        return hex.withUnsafeBytes { raw in hexEquals(raw, digest) }
    }

    /// `hexEquals` on 64 bytes in place.
    @inline(__always)
    static func hexEquals(_ raw: UnsafeRawBufferPointer, _ digest: Digest32) -> Bool {
        @inline(__always) func differs(_ word: UInt64, at offset: Int) -> UInt64 {
            (raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ hexDigits(UInt32(truncatingIfNeeded: word >> 32)).littleEndian)
                | (raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self) ^ hexDigits(UInt32(truncatingIfNeeded: word)).littleEndian)
        }
        return differs(digest.w0, at: 0) | differs(digest.w1, at: 16) | differs(digest.w2, at: 32) | differs(digest.w3, at: 48) == 0
    }

    /// Overwrites `bytes[offset..<offset + 64]` with the lower-case hex of `digest` (no allocation: the writer does
    /// this twice per record appended).
    public static func writeHex(_ digest: Digest32, into bytes: inout [UInt8], at offset: Int) {
        precondition(offset >= 0 && offset + 64 <= bytes.count, "Bytes.writeHex range out of bounds")
        bytes.withUnsafeMutableBytes { raw in
            func put(_ word: UInt64, at at: Int) {
                raw.storeBytes(of: hexDigits(UInt32(truncatingIfNeeded: word >> 32)).littleEndian, toByteOffset: at, as: UInt64.self)
                raw.storeBytes(of: hexDigits(UInt32(truncatingIfNeeded: word)).littleEndian, toByteOffset: at + 8, as: UInt64.self)
            }
            put(digest.w0, at: offset)
            put(digest.w1, at: offset + 16)
            put(digest.w2, at: offset + 32)
            put(digest.w3, at: offset + 48)
        }
    }

    /// The eight lower-case hex digits of `value`, most significant first, as the bytes of a word read in
    /// little-endian order (SWAR: each nibble is spread to a byte, then '0' or 'a' − 10 is added).
    @inline(__always)
    static func hexDigits(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
        x = x.byteSwapped                                   // the most significant nibble in the lowest byte
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & ones   // 1 in each byte holding 10…15
        return x &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
    }

    /// The index of the first byte in `bytes[from...]` that ends a run of plain JSON string content: `"`, `\`, a
    /// control character (< 0x20), or the first byte of a sequence that is not valid UTF-8 (overlong forms,
    /// surrogates, code points above U+10FFFF and truncated sequences are invalid); `endIndex` if none.
    public static func endOfPlainText(in bytes: ArraySlice<UInt8>, from index: Int) -> Int {
        precondition(index >= bytes.startIndex && index <= bytes.endIndex, "Bytes.endOfPlainText index out of bounds")
        return bytes.withUnsafeBufferPointer { buffer in
            plainTextEnd(buffer, from: index - bytes.startIndex) + bytes.startIndex
        }
    }

    /// `endOfPlainText` on a buffer, as an offset in it (the record line's fast scan calls it in place).
    @inline(__always)
    static func plainTextEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = buffer.count
        let raw = UnsafeRawBufferPointer(buffer)
        while i < n {
            // Eight bytes at a time: a word of plain ASCII (none ≥ 0x80, < 0x20, '"' or '\\') is skipped whole;
            // otherwise the cursor moves straight to the first byte that is not plain ASCII (the lowest flagged
            // byte: each test flags every byte it looks for and, by a borrow, at most bytes above one, so the bytes
            // below it are judged exactly), instead of retrying the word byte by byte.
            if i + 8 <= n {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let stop = stringStops(x)
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

    /// A lead byte of a three-byte UTF-8 sequence whose continuation bytes may be any of 0x80…0xBF: E1…EC, EE, EF.
    @inline(__always)
    static func isPlainLead3(_ b: UInt8) -> Bool { b &- 0xE1 < 15 && b != 0xED }

    /// The offset (from the slice's start) of the first byte that does not begin a valid UTF-8 sequence, or nil
    /// when all of `bytes` is valid UTF-8 (same rules as `endOfPlainText`; control characters are valid here).
    public static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let n = buffer.count
            let raw = UnsafeRawBufferPointer(buffer)
            var i = 0
            while i < n {
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high == 0 { i += 8 }
                guard i < n else { break }
                if buffer[i] < 0x80 { i += 1; continue }
                let width = multiByteWidth(buffer, at: i)
                guard width > 0 else { return i }
                i += width
            }
            return nil
        }
    }

    /// The width (1…4) of the valid UTF-8 sequence that starts at `index`, or nil when none starts there.
    public static func utf8SequenceWidth(in bytes: ArraySlice<UInt8>, at index: Int) -> Int? {
        precondition(index >= bytes.startIndex && index < bytes.endIndex, "Bytes.utf8SequenceWidth index out of bounds")
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let i = index - bytes.startIndex
            if buffer[i] < 0x80 { return 1 }
            let width = multiByteWidth(buffer, at: i)
            return width > 0 ? width : nil
        }
    }

    /// The width (2…4) of the valid multi-byte UTF-8 sequence that starts at `i` (its first byte ≥ 0x80), or 0
    /// when none does. This is the codebase's one UTF-8 rule (RFC 3629, Unicode table 3-7): overlong forms,
    /// surrogates, code points above U+10FFFF and truncated sequences are invalid. Every validator calls it.
    @inline(__always)
    private static func multiByteWidth(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
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
