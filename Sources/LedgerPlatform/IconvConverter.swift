#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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
