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
