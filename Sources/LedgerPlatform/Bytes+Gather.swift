extension Bytes {
    /// Appends to `out`, for each `i` of `indexes` in order, the `width` bytes of `source` at `i * width`: fixed-size
    /// records gathered from a flat array in another order (`index/scopes`' entries, written block by block from
    /// an array in seq order). One copy of `width` bytes a record with no call per record, so that the processor
    /// overlaps the cache misses of many records (the records lie at random places of an array of tens of MB).
    /// - Precondition: every `i * width + width` is at most `source.count`.
    @inlinable
    public static func appendGathered(_ source: [UInt8], width: Int, indexes: ArraySlice<Int32>, to out: inout [UInt8]) {
        guard !indexes.isEmpty else { return }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: indexes.count * width))
        source.withUnsafeBytes { from in
            out.withUnsafeMutableBytes { to in
                var at = start
                for i in indexes {
                    let offset = Int(i) * width
                    precondition(i >= 0 && offset + width <= from.count, "a gathered record lies inside the source")
                    (to.baseAddress! + at).copyMemory(from: from.baseAddress! + offset, byteCount: width)
                    at += width
                }
            }
        }
    }
}
