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
