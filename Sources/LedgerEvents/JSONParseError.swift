/// Why a JSON text was rejected, with the byte offset (0-based) where the parser stopped.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    public let byteOffset: Int
    public let reason: String

    public init(byteOffset: Int, reason: String) {
        self.byteOffset = byteOffset
        self.reason = reason
    }

    public var description: String { "\(reason) (at byte \(byteOffset + 1))" }
}
