/// The claim that a spending was an emergency use without prior vote ([CC] 281(2)).
public struct Emergency: Equatable, Sendable {
    public var type: String
    public var evidence: String

    public init(type: String, evidence: String) {
        self.type = type
        self.evidence = evidence
    }
}
