/// Why a JSON text was rejected, with the byte offset (0-based) where the parser stopped.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    public let byteOffset: Int
    /// Why, in English and Chinese (`EventWords.JSON`).
    public let reasonWording: Wording

    /// Why, in English.
    public var reason: String { reasonWording.en }

    public init(byteOffset: Int, reason: Wording) {
        self.byteOffset = byteOffset
        self.reasonWording = reason
    }

    /// An error whose reason is written in English only.
    public init(byteOffset: Int, reason: String) { self.init(byteOffset: byteOffset, reason: Wording(same: reason)) }

    /// Equal when the offset and the English reason are.
    public static func == (lhs: JSONParseError, rhs: JSONParseError) -> Bool {
        lhs.byteOffset == rhs.byteOffset && lhs.reason == rhs.reason
    }

    public var description: String { "\(reason) (at byte \(byteOffset + 1))" }

    /// The message in both languages.
    public var wording: Wording { reasonWording + EventWords.JSON.at(byte: byteOffset + 1) }
}
