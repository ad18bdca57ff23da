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
    public static func utf8<C: Collection>(_ bytes: C) throws(TextDecodingError) -> String where C.Element == UInt8 {
        if let offset = firstInvalidUTF8(bytes) {
            let tail = bytes.dropFirst(offset).prefix(4)
            throw TextDecodingError(encoding: "UTF-8", byteOffset: offset, bytesHex: Hex.encode(tail))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil when all are valid.
    public static func firstInvalidUTF8<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// Decodes GB18030 (a superset of GBK and GB2312) through glibc iconv.
    public static func gb18030(_ bytes: [UInt8]) throws(TextDecodingError) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else {
            preconditionFailure("glibc iconv has no GB18030 converter")
        }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var failure: Int? = nil
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft > 0 {
                    failure = inBuf.count - inLeft
                }
                produced = outBuf.count - outLeft
            }
        }
        if let offset = failure {
            throw TextDecodingError(encoding: "GB18030", byteOffset: offset,
                                    bytesHex: Hex.encode(bytes.dropFirst(offset).prefix(4)))
        }
        return String(decoding: output[..<produced], as: UTF8.self)
    }

    /// Encodes text as GB18030 (for writing test registers the way Chinese Excel saves them).
    public static func encodeGB18030(_ text: String) -> [UInt8]? {
        let converter = iconv_open("GB18030", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        var ok = true
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 || inLeft > 0 { ok = false }
                produced = outBuf.count - outLeft
            }
        }
        return ok ? Array(output[..<produced]) : nil
    }
}

/// A GB18030 → UTF-8 converter that keeps one iconv handle open, for decoding many short fields (a register's
/// cells) without paying iconv_open per field. Not thread-safe; give each thread its own.
///
/// The corresponding C functions are `iconv_open`, `iconv` and `iconv_close`.
public final class GB18030Decoder {
    private let converter: iconv_t
    private var output: [UInt8] = []

    public init() {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { preconditionFailure("glibc iconv has no GB18030 converter") }
        self.converter = converter!
    }

    deinit { iconv_close(converter) }

    /// Decodes `bytes` strictly: an invalid or truncated sequence throws with its offset, never U+FFFD.
    public func decode(_ bytes: ArraySlice<UInt8>) throws(TextDecodingError) -> String {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        // Reset the shift state (GB18030 has none, but a failed call may leave a partial character behind).
        _ = iconv(converter, nil, nil, nil, nil)
        var input = Array(bytes)
        let capacity = bytes.count * 2 + 16
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        var failure: Int? = nil
        var produced = 0
        let converter = self.converter
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft > 0 { failure = inBuf.count - inLeft }
                produced = outBuf.count - outLeft
            }
        }
        if let offset = failure {
            throw TextDecodingError(encoding: "GB18030", byteOffset: offset,
                                    bytesHex: Hex.encode(bytes.dropFirst(offset).prefix(4)))
        }
        return String(decoding: output[..<produced], as: UTF8.self)
    }
}
