#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Bytes {
    /// The fast path of the strict record line scanner (`RecordLineScanner` in LedgerChain), in one pass over the
    /// line's bytes in place: the layout of ledger-spec.md section 2 with every member's name, order and form, ids
    /// of printable ASCII, a type name, an actor without escapes that holds a printable ASCII character, and
    /// `data` in canonical JSON (sorted keys, integers, strict UTF-8) without any backslash escape.
    ///
    /// It only ever says yes for a line the full scanner accepts, with the same values; it says nil for every
    /// other line *and* for the rare valid lines outside its path (escapes, non-ASCII ids, actors of non-ASCII text
    /// only), which the full scanner then reads and words the error for. Of the dates only the form is checked
    /// here: their numbers are returned for the caller's calendar checks. A property test holds the two scanners
    /// equal.
    public static func recordLineLayout(_ line: ArraySlice<UInt8>, limits: RecordLineLimits) -> RecordLineLayout? {
        recordLineLayout(line, limits: limits, checkingHex: true)
    }

    /// `recordLineLayout`, or without the form of hash and prev when not `checkingHex` (as verify's workers read a
    /// line, `recordLineWork`): the tests hold both answers to those of the scanner before it.
    static func recordLineLayout(_ line: ArraySlice<UInt8>, limits: RecordLineLimits, checkingHex: Bool) -> RecordLineLayout? {
        line.withUnsafeBufferPointer { recordLineLayout($0, limits: limits, checkingHex: checkingHex) }
    }

    /// `recordLineLayout` of a line read in place (the record writer checks each line where it made it, in its
    /// `LineBuffer`): the same answer.
    public static func recordLineLayout(_ line: UnsafeBufferPointer<UInt8>, limits: RecordLineLimits) -> RecordLineLayout? {
        recordLineLayout(line, limits: limits, checkingHex: true)
    }

    static func recordLineLayout(_ line: UnsafeBufferPointer<UInt8>, limits: RecordLineLimits, checkingHex: Bool) -> RecordLineLayout? {
        // The shortest line has 150 bytes before seq; anything shorter is left to the full scanner.
        guard line.count >= 160, line.count <= limits.recordBytes else { return nil }
        var reader = FastRecordReader(buffer: line, limits: limits)
        return reader.line(checkingHex: checkingHex)
    }
}

extension Bytes {
    /// The newline-terminated lines of `chunk[from..<to]` (which ends just after a newline) with their fast
    /// layout and hash, in order, read in place.
    /// - Parameter hashedFrom: the length of the hash member dropped (and replaced by `{`) to get the hashed bytes.
    public static func recordLineWork(in chunk: [UInt8], from: Int, to: Int, limits: RecordLineLimits,
                                      hashedFrom: Int) -> [RecordLineWork] {
        var out: [RecordLineWork] = []
        recordLineWork(in: chunk, from: from, to: to, limits: limits, hashedFrom: hashedFrom, into: &out)
        return out
    }

    /// `recordLineWork` appended to `out` (emptied first), whose storage is reused: verify's workers fill the same
    /// few arrays chunk after chunk (`ArrayPool`), never fresh memory the kernel must zero first.
    public static func recordLineWork(in chunk: [UInt8], from: Int, to: Int, limits: RecordLineLimits,
                                      hashedFrom: Int, into out: inout [RecordLineWork]) {
        precondition(from >= 0 && from <= to && to <= chunk.count, "Bytes.recordLineWork range out of bounds")
        out.removeAll(keepingCapacity: true)
        // Records are a few hundred bytes; reserving avoids regrowing (and copying) the result.
        out.reserveCapacity((to - from) / 200 + 1)
        chunk.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var start = from
            var previousHadLayout = false
            while start < to, let found = memchr(base + start, 0x0A, to - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var work = RecordLineWork(range: start..<end)
                let count = end - start
                if count >= 160, count <= limits.recordBytes {
                    // The layout without the hex form of hash and prev: what follows decides it from the hash, in
                    // the one pass the hash makes anyway (`fusedHexCheck`).
                    var reader = FastRecordReader(buffer: UnsafeBufferPointer(start: base + start, count: count), limits: limits)
                    if let layout = reader.line(checkingHex: false) {
                        let digest = SHA256.digest(UInt8(ascii: "{"), UnsafeRawBufferPointer(start: base + start + hashedFrom, count: count - hashedFrom))
                        let prevMatches: Bool? = previousHadLayout
                            // The line before ends with its newline at `start - 1`; its stored hash is at its own offset.
                            ? memcmp(base + start + RecordLineText.prevOffset, base + out[out.count - 1].range.lowerBound + RecordLineText.hashOffset, 64) == 0
                            : nil
                        if fusedHexCheck(line: UnsafeRawPointer(base + start), digest: digest, prevMatchesLineBefore: prevMatches) {
                            work.layout = layout
                            work.digest = digest
                            work.hashMatches = true
                            work.prevMatchesLineBefore = prevMatches
                        }
                    }
                }
                previousHadLayout = work.layout != nil
                out.append(work)
                start = end + 1
            }
        }
    }
}

extension Bytes {
    /// The form of `hash` and `prev` (64 lower-case hex digits each) for a line whose layout the fast scan read
    /// without them, decided from what verify computes anyway: a stored hash equal to the hex of the computed
    /// digest is lower-case hex; a prev equal to the stored hash of the line just before (itself checked so) is
    /// too; only a prev not compared so is read digit by digit. False when the stored hash is not the digest's hex
    /// or prev is not lower-case hex: the line is then left to the full scan, which names what is wrong (a
    /// malformed hash or prev is unparsable, a well-formed wrong one a hash mismatch), so the answer and its
    /// words are the full scan's whatever the fast path skipped.
    @inline(__always)
    static func fusedHexCheck(line: UnsafeRawPointer, digest: Digest32, prevMatchesLineBefore: Bool?) -> Bool {
        guard hexEquals(UnsafeRawBufferPointer(start: line + RecordLineText.hashOffset, count: 64), digest) else { return false }
        return prevMatchesLineBefore == true || isLowerHex(UnsafeRawBufferPointer(start: line + RecordLineText.prevOffset, count: 64))
    }
}

/// The reader behind `Bytes.recordLineLayout`: a cursor over the line's bytes. Every method returns false (or nil)
/// as soon as the bytes leave the path it accepts.
private struct FastRecordReader {
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
        guard p + 64 <= n, !checking || Bytes.isLowerHex(UnsafeRawBufferPointer(start: base + p, count: 64)) else { return false }
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
        // Eight bytes at a time up to the first word with a byte that may end the body (`Bytes.idStops` misses none,
        // and its lowest flag is one), then byte by byte as ever: the byte loop decides where the body ends.
        while p + 8 <= n {
            let stops = Bytes.idStops(Bytes.word(base + p))
            if stops != 0 { p += stops.trailingZeroBitCount >> 3; break }
            p += 8
        }
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
        // Eight bytes at a time to the first byte outside the type's alphabet (`Bytes.typeStops`, exact), then the
        // byte loop as ever.
        while p + 8 <= n {
            let stops = Bytes.typeStops(Bytes.word(base + p))
            if stops != 0 { p += stops.trailingZeroBitCount >> 3; break }
            p += 8
        }
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
        let end = p - 1
        // Whole words of the body first (a clerk's name often starts with Chinese text), exact per byte.
        while i + 8 <= end {
            if Bytes.bytesWithin(Bytes.word(base + i), 0x21, 0x7E) != 0 { return true }
            i += 8
        }
        while i < end {
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
        let start = p + 1
        var i = start
        // Most strings (keys, codes, amounts, dates) are short ASCII: their words are read here, in registers, to
        // the first stop byte (`Bytes.stringStops`: the lowest flagged is exact). A quote, backslash or control
        // character ends the run where `plainTextEnd` would; at a byte ≥ 0x80, or fewer than eight bytes before
        // the end, `plainTextEnd` goes on from there (the bytes before are whole ASCII characters), as it would
        // have from the start.
        while true {
            guard i + 8 <= n else { i = textEnd(from: i); break }
            let stops = Bytes.stringStops(Bytes.word(base + i))
            if stops == 0 { i += 8; continue }
            i += stops.trailingZeroBitCount >> 3
            if base[i] >= 0x80 { i = textEnd(from: i) }
            break
        }
        guard i < n, base[i] == UInt8(ascii: "\""), i - start <= limits.stringBytes else { return false }
        p = i + 1
        return true
    }

    /// `Bytes.plainTextEnd` from `i`, called rather than inlined: it is large (UTF-8), and inlined twice it kept
    /// `plainString`, run for every key and string, from being inlined where it is called.
    @inline(never)
    func textEnd(from i: Int) -> Int { Bytes.plainTextEnd(buffer, from: i) }

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
                // A string member (most are) read here, not through a call of `value`, whose string case is this.
                if p < n, base[p] == UInt8(ascii: "\"") {
                    guard plainString(), p < n else { return false }
                } else {
                    guard value(depth: depth + 1), p < n else { return false }
                }
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
