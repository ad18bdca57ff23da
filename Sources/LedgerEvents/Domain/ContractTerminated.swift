/// `contract.terminated`: the contract ends early on the envelope's date.
public struct ContractTerminated: Equatable, Sendable {
    public var contractID: String
    public var reason: String

    public init(contractID: String, reason: String) {
        self.contractID = contractID
        self.reason = reason
    }
}
