#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Bytes written one after another into memory reserved ahead: the record writer makes each line of a batch's part
/// here, key by key and string by string (some 25 appends a line). An `Array`'s `append(contentsOf:)` costs some 110
/// instructions whatever the length (its generic copy, its growth and uniqueness checks, not inlined across
/// modules); an append here is one bound check and one `memcpy`, inlined where it is called.
///
/// A value type: copies share memory until one of them is written, which then copies it first (copy on write, as
/// an `Array`); the memory is freed with the last copy.
public struct LineBuffer: @unchecked Sendable {
    /// The memory, owned by one object so that it is freed with the last copy of the buffer.
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<UInt8>
        @usableFromInline let capacity: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    @usableFromInline var storage: Storage
    /// `storage.base` and `storage.capacity`, kept here so that an append reads no other object.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    /// The bytes written (`count`).
    @usableFromInline var used: Int

    /// The bytes written.
    @inlinable public var count: Int { used }

    /// An empty buffer (room for 64 bytes).
    public init() { self.init(capacity: 0) }

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int) {
        storage = Storage(capacity: capacity)
        base = storage.base
        self.capacity = storage.capacity
        used = 0
    }

    /// A pointer to `n` bytes of room at the end, the memory made this value's own and grown first when needed.
    @inlinable @inline(__always)
    mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(count &+ n > capacity || !isKnownUniquelyReferenced(&storage)) { reserve(n) }
        return base + count
    }

    /// Makes the memory this value's own with room for `n` more bytes (at least twice the old room when it grows).
    @usableFromInline
    mutating func reserve(_ n: Int) {
        let needed = count + n
        let fresh = Storage(capacity: needed > capacity ? max(needed, capacity * 2) : capacity)
        fresh.base.update(from: base, count: count)
        storage = fresh
        base = fresh.base
        capacity = fresh.capacity
    }

    /// Room for `n` more bytes without growing on the way.
    public mutating func reserveCapacity(_ n: Int) {
        if count + n > capacity || !isKnownUniquelyReferenced(&storage) { reserve(n) }
    }

    /// Forgets the bytes, keeping the memory (a writer that reuses the buffer writes into pages it has touched).
    public mutating func removeAll() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: capacity); base = storage.base }
        used = 0
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        room(1).pointee = byte
        used &+= 1
    }

    /// Appends the bytes of `buffer`.
    @inlinable @inline(__always)
    public mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        let n = buffer.count
        guard n > 0, let source = buffer.baseAddress else { return }
        memcpy(room(n), source, n)
        used &+= n
    }

    /// Appends `bytes`.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `bytes`.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inlinable @inline(__always)
    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the bytes of `string` (its UTF-8).
    public mutating func append(utf8 string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// Calls `body` with the bytes written, in place.
    @inline(__always)
    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// The bytes written, as an array.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Bytes `start...` of those written, as an array.
    public func bytes(from start: Int) -> [UInt8] {
        precondition(start >= 0 && start <= count, "LineBuffer start out of bounds")
        return withUnsafeBytes { Array(UnsafeBufferPointer(rebasing: $0[start...])) }
    }

    /// Appends bytes `range` of those written here to `out` (one copy).
    public func copy(_ range: Range<Int>, to out: inout [UInt8]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "LineBuffer range out of bounds")
        withUnsafeBytes { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

extension LineBuffer: Equatable {
    /// The same bytes written.
    public static func == (a: LineBuffer, b: LineBuffer) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }
}

extension Bytes {
    /// `appendPlainJSONString(_:to:)` into a `LineBuffer`: the same test, the same bytes.
    public static func appendPlainJSONString(_ value: String, to out: inout LineBuffer) -> Bool {
        if let done = value.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard isPlainJSONString(buffer) else { return false }
            out.append(0x22)
            out.append(buffer)
            out.append(0x22)
            return true
        }) {
            return done
        }
        // A string without contiguous UTF-8 (bridged): the array form's way, then one copy.
        var bytes: [UInt8] = []
        guard appendPlainJSONString(value, to: &bytes) else { return false }
        out.append(bytes)
        return true
    }

    /// `appendPlainJSONString(utf8:to:)` into a `LineBuffer`: the same test, the same bytes.
    public static func appendPlainJSONString(utf8: ArraySlice<UInt8>, to out: inout LineBuffer) -> Bool {
        utf8.withUnsafeBufferPointer { buffer in
            guard isPlainJSONString(buffer) else { return false }
            out.append(0x22)
            out.append(buffer)
            out.append(0x22)
            return true
        }
    }

    /// `appendDecimal(_:to:)` into a `LineBuffer`: the same digits.
    public static func appendDecimal(_ value: Int64, to out: inout LineBuffer) {
        if value >= 0, value < 10 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withDecimal(value) { out.append($0) }
    }
}

extension Bytes {
    /// Appends `YYYY-MM-DD` (a year of 0…9999, month and day of two digits each).
    public static func appendISODate(year: Int, month: Int, day: Int, to out: inout [UInt8]) {
        withISODate(year: year, month: month, day: day) { out.append(contentsOf: $0) }
    }

    /// `appendISODate(year:month:day:to:)` into a line being made: the same bytes.
    public static func appendISODate(year: Int, month: Int, day: Int, to out: inout LineBuffer) {
        withISODate(year: year, month: month, day: day) { out.append($0) }
    }

    /// Calls `body` with the ten bytes `YYYY-MM-DD` in a stack buffer.
    @inline(__always)
    static func withISODate(year: Int, month: Int, day: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            func two(_ value: Int, at i: Int) {
                text[i] = 0x30 &+ UInt8(truncatingIfNeeded: value / 10)
                text[i + 1] = 0x30 &+ UInt8(truncatingIfNeeded: value % 10)
            }
            two(year / 100, at: 0)
            two(year % 100, at: 2)
            text[4] = UInt8(ascii: "-")
            two(month, at: 5)
            text[7] = UInt8(ascii: "-")
            two(day, at: 8)
            body(UnsafeBufferPointer(text))
        }
    }

    /// `recordLineLayout` of the line at bytes `start...` of `buffer` (the record writer's pre-write check of the
    /// line it has just made there), read in place: the same answer.
    public static func recordLineLayout(_ buffer: LineBuffer, from start: Int, limits: RecordLineLimits) -> RecordLineLayout? {
        precondition(start >= 0 && start <= buffer.count, "LineBuffer start out of bounds")
        return buffer.withUnsafeBytes { recordLineLayout(UnsafeBufferPointer(rebasing: $0[start...]), limits: limits) }
    }
}

extension ByteTable {
    /// Appends byte string `index` to `out`.
    @inline(__always)
    public func append(_ index: Int, to out: inout LineBuffer) {
        out.append(bytes(index))
    }
}
