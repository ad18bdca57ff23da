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
