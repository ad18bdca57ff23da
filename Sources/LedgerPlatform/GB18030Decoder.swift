#if canImport(Glibc)
import Glibc
#endif

/// A GB18030 → UTF-8 converter that keeps one iconv handle open, for decoding many short fields (a register's
/// cells) without paying iconv_open per field. Not thread-safe; give each thread its own.
public final class GB18030Decoder {
    private let converter = IconvConverter(from: "GB18030", to: "UTF-8")

    public init() {}

    /// Decodes `bytes` strictly: an invalid or truncated sequence throws with its offset, never U+FFFD.
    public func decode(_ bytes: ArraySlice<UInt8>) throws(TextDecodingError) -> String {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        let (output, failure) = converter.convert(bytes)
        if let offset = failure {
            throw TextDecodingError(encoding: "GB18030", byteOffset: offset,
                                    bytesHex: Hex.encode(bytes.dropFirst(offset).prefix(4)))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// One open iconv handle. The corresponding C functions are `iconv_open`, `iconv` and `iconv_close`.
final class IconvConverter {
    private let handle: iconv_t
    private var output: [UInt8] = []

    init(from source: String, to target: String) {
        let handle = iconv_open(target, source)
        guard handle != iconv_t(bitPattern: -1), let handle else {
            preconditionFailure("glibc iconv cannot convert \(source) to \(target)")
        }
        self.handle = handle
    }

    deinit { iconv_close(handle) }

    /// Converts all of `bytes`; returns the output and, when the input is invalid or truncated, the offset of
    /// the first byte that could not be converted.
    func convert(_ bytes: ArraySlice<UInt8>) -> (output: [UInt8], failureOffset: Int?) {
        if bytes.isEmpty { return ([], nil) }
        // Reset the shift state: a failed call may leave a partial character behind.
        _ = iconv(handle, nil, nil, nil, nil)
        var input = Array(bytes)
        let capacity = bytes.count * 4 + 16
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        var failure: Int? = nil
        var produced = 0
        let handle = self.handle
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft > 0 { failure = inBuf.count - inLeft }
                produced = outBuf.count - outLeft
            }
        }
        return (Array(output[..<produced]), failure)
    }
}
