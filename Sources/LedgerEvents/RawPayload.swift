/// The type and canonical `data` bytes of a payload that is not typed (rare: boxed, so that `EventPayload` stays
/// one word).
public final class RawPayload: Equatable, Sendable {
    public let type: String
    public let data: [UInt8]

    public init(type: String, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    public static func == (lhs: RawPayload, rhs: RawPayload) -> Bool { lhs.type == rhs.type && lhs.data == rhs.data }
}
