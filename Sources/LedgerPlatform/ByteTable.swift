/// A fixed list of short byte strings (a payload schema's member keys), stored once for the life of the process in
/// memory that is never freed. Appending one of them touches no reference count: the record writer appends keys
/// on every core at once, and the reference count of a shared array updated by all of them, several times a record,
/// bounced one cache line between the cores.
public struct ByteTable {
    private let base: UnsafePointer<UInt8>
    private let offsets: UnsafePointer<Int>
    /// The number of byte strings.
    public let count: Int

    /// A table of `items`, in order. Meant for tables made once (a `static let`): the memory is never freed.
    public init(_ items: [[UInt8]]) {
        let total = items.reduce(0) { $0 + $1.count }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(total, 1))
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: items.count + 1)
        var position = 0
        for (index, item) in items.enumerated() {
            offsets[index] = position
            for byte in item {
                bytes[position] = byte
                position += 1
            }
        }
        offsets[items.count] = position
        base = UnsafePointer(bytes)
        self.offsets = UnsafePointer(offsets)
        count = items.count
    }

    /// Appends byte string `index` to `out`.
    @inline(__always)
    public func append(_ index: Int, to out: inout [UInt8]) {
        out.append(contentsOf: bytes(index))
    }

    /// Byte string `index`, in place (the memory lives as long as the process).
    @inline(__always)
    func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "ByteTable index out of range")
        let start = offsets[index]
        return UnsafeBufferPointer(start: base + start, count: offsets[index + 1] - start)
    }
}

// Never mutated after `init`, and the memory is never freed: safe to share between threads.
extension ByteTable: @unchecked Sendable {}
