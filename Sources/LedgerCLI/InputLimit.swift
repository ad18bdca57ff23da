import LedgerEvents

/// The most bytes a command reads from one input file, and the name of that limit for messages.
public struct InputLimit: Sendable {
    public let bytesMax: Int
    public let name: String

    public init(bytesMax: Int, name: String) {
        self.bytesMax = bytesMax
        self.name = name
    }

    /// Events for `ledger append`.
    public static let events = InputLimit(bytesMax: Limits.inputFileBytesMax, name: "inputFileBytesMax")
    /// Policy, mapping and key files: small settings.
    public static let settings = InputLimit(bytesMax: Limits.settingsFileBytesMax, name: "settingsFileBytesMax")
}
