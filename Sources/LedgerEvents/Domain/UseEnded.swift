/// `use.ended`: the use stops on the envelope's date.
public struct UseEnded: Equatable, Sendable {
    public var useID: String

    public init(useID: String) {
        self.useID = useID
    }
}
