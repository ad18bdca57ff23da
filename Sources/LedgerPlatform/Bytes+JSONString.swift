#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Bytes {
    /// The end of a JSON string literal whose body starts at `index` (just after its opening quote): the index just
    /// past its closing quote, and whether the body holds a backslash (an escape); nil when no closing quote
    /// follows. The payload decoder steps over every string of a record with this (memchr, then a byte loop only
    /// for a body with an escape).
    public static func endOfJSONString(in bytes: ArraySlice<UInt8>, from index: Int) -> (end: Int, escaped: Bool)? {
        precondition(index >= bytes.startIndex && index <= bytes.endIndex, "Bytes.endOfJSONString index out of bounds")
        return bytes.withUnsafeBufferPointer { buffer -> (end: Int, escaped: Bool)? in
            let count = buffer.count
            var i = index - bytes.startIndex
            guard i < count, let base = buffer.baseAddress else { return nil }
            guard let quote = memchr(base + i, 0x22, count - i) else { return nil }
            let q = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            if memchr(base + i, 0x5C, q - i) == nil { return (q + 1 + bytes.startIndex, false) }
            // A backslash: escapes decide which quote closes the string.
            while i < count {
                switch buffer[i] {
                case 0x22: return (i + 1 + bytes.startIndex, true)
                case 0x5C: i += 2
                default: i += 1
                }
            }
            return nil
        }
    }
}

extension Bytes {
    /// Appends `value` as a JSON string literal (`"` + its UTF-8 + `"`) when no byte of it needs an escape in
    /// canonical JSON (`"`, `\`, U+0000–U+001F), and returns true; appends nothing and returns false otherwise (the
    /// caller escapes it). The record writer's fast path for ids, types, actors and payload text: one scan of eight
    /// bytes at a time and one copy, instead of a loop over the string's `UTF8View` and a second one to copy it.
    /// Bytes ≥ 0x80 (the rest of a non-ASCII character) are never escaped and pass as they are.
    public static func appendPlainJSONString(_ value: String, to out: inout [UInt8]) -> Bool {
        if let done = value.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard isPlainJSONString(buffer) else { return false }
            out.append(0x22)
            out.append(contentsOf: buffer)
            out.append(0x22)
            return true
        }) {
            return done
        }
        // A string without contiguous UTF-8 (bridged): byte by byte.
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
        out.append(0x22)
        out.append(contentsOf: value.utf8)
        out.append(0x22)
        return true
    }

    /// `appendPlainJSONString(_:to:)` of a string given as its UTF-8 bytes (`utf8`, valid UTF-8: an import's packed
    /// rows keep their text so): the same test, the same bytes appended.
    public static func appendPlainJSONString(utf8: ArraySlice<UInt8>, to out: inout [UInt8]) -> Bool {
        let plain = utf8.withUnsafeBufferPointer { isPlainJSONString($0) }
        guard plain else { return false }
        out.append(0x22)
        out.append(contentsOf: utf8)
        out.append(0x22)
        return true
    }

    /// `appendPlainJSONString` for the display form (`CanonicalJSON.Escaping.display`, what reports print): also
    /// false when the string may hold a scalar that form escapes besides C0 — DEL (byte 0x7F), a C1 control
    /// (U+0080–U+009F, lead byte 0xC2), the bidi controls U+202A–U+202E and U+2066–U+2069 and U+2028/U+2029 (lead
    /// byte 0xE2). A string without those bytes holds none of those scalars (a String's UTF-8 is valid), so its
    /// display form is its canonical plain form. Conservative: any 0xC2 or 0xE2 (é, —, …) sends the string to the
    /// caller's scalar-by-scalar path, which writes the same bytes as before.
    public static func appendPlainDisplayJSONString(_ value: String, to out: inout [UInt8]) -> Bool {
        if let done = value.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard isPlainJSONString(buffer), isDisplaySafe(buffer) else { return false }
            out.append(0x22)
            out.append(contentsOf: buffer)
            out.append(0x22)
            return true
        }) {
            return done
        }
        return false
    }

    /// True when no byte of `buffer` is 0x7F, 0xC2 or 0xE2 (`appendPlainDisplayJSONString`). Eight bytes at a time,
    /// exact as `isPlainJSONString`'s tests (a borrow starts only at a matching byte).
    @inline(__always)
    static func isDisplaySafe(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buffer.count
        var i = 0
        if n >= 8 {
            let raw = UnsafeRawBufferPointer(buffer)
            @inline(__always) func flagged(_ x: UInt64) -> UInt64 {
                let del = x ^ (0x7F &* ones), c2 = x ^ (0xC2 &* ones), e2 = x ^ (0xE2 &* ones)
                return ((del &- ones) & ~del) | ((c2 &- ones) & ~c2) | ((e2 &- ones) & ~e2)
            }
            var stop: UInt64 = 0
            while i + 8 <= n {
                stop |= flagged(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            if stop & high != 0 { return false }
            // The last (overlapping) word covers the tail.
            if i < n { return flagged(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))) & high == 0 }
            return true
        }
        while i < n {
            let byte = buffer[i]
            if byte == 0x7F || byte == 0xC2 || byte == 0xE2 { return false }
            i += 1
        }
        return true
    }

    /// True when no byte of `buffer` is `"`, `\` or below 0x20. Eight bytes at a time: each test flags (in the
    /// byte's high bit) at least one byte whenever some byte matches and never when none does, whatever the other
    /// bytes are (a borrow starts only at a matching byte), so the word's verdict is exact.
    @inline(__always)
    static func isPlainJSONString(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buffer.count
        var i = 0
        if n >= 8 {
            let raw = UnsafeRawBufferPointer(buffer)
            var stop: UInt64 = 0
            while i + 8 <= n {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let quote = x ^ (0x22 &* ones), backslash = x ^ (0x5C &* ones)
                stop |= ((x &- 0x20 &* ones) & ~x) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                i += 8
            }
            if stop & high != 0 { return false }
            // The last (overlapping) word covers the tail.
            if i < n {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
                let quote = x ^ (0x22 &* ones), backslash = x ^ (0x5C &* ones)
                let last = ((x &- 0x20 &* ones) & ~x) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                return last & high == 0
            }
            return true
        }
        while i < n {
            let byte = buffer[i]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            i += 1
        }
        return true
    }

    /// Appends the decimal digits of `value` (with `-` when negative): what `String(value)` spells, without
    /// making a string. Canonical JSON integers, and the record's seq and batch bounds.
    public static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value >= 0, value < 10 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withDecimal(value) { out.append(contentsOf: $0) }
    }

    /// Calls `body` with the decimal digits of `value` (with `-` when negative) in a small stack buffer: at most
    /// 19 digits and a sign, written from its end, then copied once by the caller (`appendDecimal`).
    @inline(__always)
    static func withDecimal(_ value: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var i = 20
            repeat {
                i -= 1
                buffer[i] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                i -= 1
                buffer[i] = 0x2D
            }
            body(UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }
}
