/// Why a policy file was rejected: the file, the key, what was found and what is allowed.
public struct PolicyError: Error, Equatable, CustomStringConvertible {
    /// The policy file's name.
    public let source: String
    /// The offending key (`idle_days`, `disclosure_months.maintenance`), or nil for the file as a whole.
    public let key: String?
    /// What the file holds there.
    public let found: String
    /// What is allowed instead.
    public let allowed: String

    public init(source: String, key: String?, found: String, allowed: String) {
        self.source = source
        self.key = key
        self.found = found
        self.allowed = allowed
    }

    public var description: String {
        if let key {
            return "\(source): policy key \"\(key)\" is \(found); allowed: \(allowed)."
        }
        return "\(source): the policy file is \(found); expected \(allowed)."
    }
}
