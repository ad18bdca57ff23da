/// Errors from key handling. Signing itself cannot fail on a valid key.
public enum Ed25519Error: Error, Equatable, CustomStringConvertible {
    case badKeyLength(expected: Int, found: Int)
    case randomSourceFailed

    public var description: String {
        switch self {
        case .badKeyLength(let expected, let found):
            return "an Ed25519 key is \(expected) bytes, this one is \(found) bytes"
        case .randomSourceFailed:
            return "the system random source failed; no key was made"
        }
    }
}
