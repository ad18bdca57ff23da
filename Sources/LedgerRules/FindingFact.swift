/// One statement of fact behind a finding, e.g. "idle 412 days since 2024-09-30": a key naming the sentence
/// template (see `FactKey`) and its named values. Kept structured so that reports can word it in each language
/// and JSON consumers can read the numbers.
public struct FindingFact: Hashable, Sendable {
    public let key: FactKey
    public let values: [Pair]

    /// A named value.
    public struct Pair: Hashable, Sendable {
        public let name: String
        public let value: FactValue
    }

    public init(_ key: FactKey, _ values: KeyValuePairs<String, FactValue>) {
        self.key = key
        self.values = values.map { Pair(name: $0.key, value: $0.value) }
    }

    /// A fact from its pairs as stored (`index/rectify.state`).
    init(key: FactKey, values: [Pair]) {
        self.key = key
        self.values = values
    }

    /// The value named `name`; traps if the rule did not supply it (a programmer error caught by tests).
    public subscript(name: String) -> FactValue {
        guard let pair = values.first(where: { $0.name == name }) else {
            preconditionFailure("fact \(key.rawValue) has no value \(name)")
        }
        return pair.value
    }
}
