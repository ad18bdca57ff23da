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

    /// What the file holds there, in Chinese: the whole predicate after the key (`的值为 "abc"`, `含有 "x"`,
    /// `不是已知的资金类型`), or after 政策文件 when there is no key (`是数组`).
    public let foundZh: String
    /// What is allowed instead, in Chinese.
    public let allowedZh: String

    public init(source: String, key: String?, found: String, allowed: String, foundZh: String, allowedZh: String) {
        self.source = source
        self.key = key
        self.found = found
        self.allowed = allowed
        self.foundZh = foundZh
        self.allowedZh = allowedZh
    }

    public var description: String {
        if let key {
            return "\(source): policy key \"\(key)\" is \(found); allowed: \(allowed)."
        }
        return "\(source): the policy file is \(found); expected \(allowed)."
    }

    /// The message in Chinese.
    public var chinese: String {
        // A number or a Latin word after 应为 is set off by a space, as numbers are in the other messages.
        let allowed = allowedZh.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true ? " " + allowedZh : allowedZh
        if let key {
            return "\(source)：政策项“\(key)”\(foundZh)；应为\(allowed)。"
        }
        return "\(source)：政策文件\(foundZh)；应为\(allowed)。"
    }
}
