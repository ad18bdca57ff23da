#if canImport(Glibc)
import Glibc
#endif

/// Why bytes could not be decoded as text.
public struct TextDecodingError: Error, Equatable, CustomStringConvertible {
    /// The encoding that was tried, e.g. "GB18030".
    public let encoding: String
    /// Offset of the first bad byte in the input (0-based).
    public let byteOffset: Int
    /// Up to four bytes from there, in hex.
    public let bytesHex: String

    public var description: String {
        "invalid \(encoding) bytes at byte \(byteOffset) (\(bytesHex))"
    }
}

/// Strict decoders: invalid bytes are an error with their offset, never replaced by U+FFFD.
public enum TextDecoder {
    /// Decodes UTF-8, rejecting invalid sequences (overlongs, surrogates, truncation).
    public static func utf8(_ bytes: ArraySlice<UInt8>) throws(TextDecodingError) -> String {
        if let offset = Bytes.firstInvalidUTF8(bytes) {
            let tail = bytes.dropFirst(offset).prefix(4)
            throw TextDecodingError(encoding: "UTF-8", byteOffset: offset, bytesHex: Hex.encode(tail))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes UTF-8, rejecting invalid sequences (overlongs, surrogates, truncation).
    public static func utf8(_ bytes: [UInt8]) throws(TextDecodingError) -> String { try utf8(bytes[...]) }

    /// Decodes GB18030 (a superset of GBK and GB2312) through glibc iconv.
    public static func gb18030(_ bytes: [UInt8]) throws(TextDecodingError) -> String {
        try GB18030Decoder().decode(bytes[...])
    }

}

/// The other direction: text to the bytes of a legacy encoding.
public enum TextEncoder {
    /// Encodes text as GB18030 (how Chinese Excel saves a CSV file: rejects files and test registers are written
    /// so); nil when a character has no GB18030 form.
    public static func gb18030(_ text: String) -> [UInt8]? {
        let converter = IconvConverter(from: "UTF-8", to: "GB18030")
        let (output, failure) = converter.convert(Array(text.utf8)[...])
        return failure == nil ? output : nil
    }
}

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
