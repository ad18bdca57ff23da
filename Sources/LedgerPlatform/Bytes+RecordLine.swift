#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the members of a record line lie, as byte offsets from the line's first byte; found by
/// `Bytes.recordLineLayout`. The hash's 64 hex digits are always at 9..<73 and prev's at 83..<147.
public struct RecordLineLayout: Equatable, Sendable {
    public var seq: Int64 = 0
    public var batchFirst: Int64 = 0
    public var batchLast: Int64 = 0
    /// The id's bytes, without quotes.
    public var id: Range<Int> = 0..<0
    /// The `type` and `actor` string literals, quotes included, and the `data` object.
    public var type: Range<Int> = 0..<0
    public var actor: Range<Int> = 0..<0
    public var data: Range<Int> = 0..<0
    /// The first byte of the 10 bytes of `occurred_on` and of the 20 bytes of `recorded_at` (not checked here).
    public var occurredOn = 0
    public var recordedAt = 0

    public init() {}
}

/// The limits the fast record scan applies (the values of `Limits` in LedgerEvents, which this module cannot see).
public struct RecordLineLimits: Sendable {
    public let recordBytes: Int
    public let idBytes: Int
    public let stringBytes: Int
    public let depth: Int
    public let integerMagnitude: Int64

    public init(recordBytes: Int, idBytes: Int, stringBytes: Int, depth: Int, integerMagnitude: Int64) {
        self.recordBytes = recordBytes
        self.idBytes = idBytes
        self.stringBytes = stringBytes
        self.depth = depth
        self.integerMagnitude = integerMagnitude
    }
}

extension Bytes {
    /// The fast path of the strict record line scanner (`RecordLineScanner` in LedgerChain), in one pass over the
    /// line's bytes in place: the layout of ledger-spec.md section 2 with every member's name, order and form, ids
    /// of printable ASCII, a type name, an actor without escapes that holds a printable ASCII character, and
    /// `data` in canonical JSON (sorted keys, integers, strict UTF-8) without any backslash escape.
    ///
    /// It only ever says yes for a line the full scanner accepts, with the same values; it says nil for every
    /// other line *and* for the rare valid lines outside its path (escapes, non-ASCII ids, actors of non-ASCII text
    /// only), which the full scanner then reads and words the error for. The dates are not checked here: their
    /// offsets are returned for the caller's calendar checks. A property test holds the two scanners equal.
    public static func recordLineLayout(_ line: ArraySlice<UInt8>, limits: RecordLineLimits) -> RecordLineLayout? {
        // The shortest line has 150 bytes before seq; anything shorter is left to the full scanner.
        guard line.count >= 160, line.count <= limits.recordBytes else { return nil }
        return line.withUnsafeBufferPointer { buffer in
            var reader = FastRecordReader(buffer: buffer, limits: limits)
            return reader.line()
        }
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

    mutating func line() -> RecordLineLayout? {
        var layout = RecordLineLayout()
        guard lead("{\"hash\":\""), hex64(), lead("\",\"prev\":\""), hex64(), lead("\",\"seq\":"),
              let seq = count(), lead(",\"v\":1,\"batch\":{\"first\":"), let first = count(),
              lead(",\"last\":"), let last = count(), lead("},\"id\":") else { return nil }
        layout.seq = seq
        layout.batchFirst = first
        layout.batchLast = last
        guard let id = idLiteral(), lead(",\"type\":"), let type = typeLiteral(), lead(",\"occurred_on\":\"") else { return nil }
        layout.id = id
        layout.type = type
        layout.occurredOn = p
        p += 10
        guard lead("\",\"recorded_at\":\"") else { return nil }
        layout.recordedAt = p
        p += 20
        guard lead("\",\"actor\":") else { return nil }
        let actorStart = p
        guard actorLiteral() else { return nil }
        layout.actor = actorStart..<p
        guard lead(",\"data\":"), p < n, base[p] == UInt8(ascii: "{") else { return nil }
        let dataStart = p
        guard value(depth: 0), p + 1 == n, base[p] == UInt8(ascii: "}") else { return nil }
        layout.data = dataStart..<p
        return layout
    }

    /// Consumes `text` if the bytes at the cursor are exactly it.
    @inline(__always)
    mutating func lead(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard p + count <= n, memcmp(base + p, text.utf8Start, count) == 0 else { return false }
        p += count
        return true
    }

    /// 64 lower-case hex digits.
    mutating func hex64() -> Bool {
        guard p + 64 <= n, Bytes.isLowerHex(UnsafeRawBufferPointer(start: base + p, count: 64)) else { return false }
        p += 64
        return true
    }

    /// seq, batch.first or batch.last: plain decimal without leading zeros, at most 16 digits, 1…integerMagnitude.
    mutating func count() -> Int64? {
        let start = p
        var value: Int64 = 0
        while p < n, base[p] &- UInt8(ascii: "0") < 10 {
            guard p - start < 16 else { return nil }
            value = value * 10 + Int64(base[p] &- UInt8(ascii: "0"))
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
        p = Bytes.plainTextEnd(buffer, from: p + 1)
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
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(base + a.lowerBound, base + b.lowerBound, common)
        return order < 0 || (order == 0 && a.count < b.count)
    }
}
