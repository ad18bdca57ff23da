/// Under what authority a common part is used.
public enum UseAuthority: Equatable, Sendable {
    case contract(String)
    case decision(String)
    case none
}
