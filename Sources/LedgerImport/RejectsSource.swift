import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// What a rejects file is made of: the source's layout and header, and the rejected rows.
public struct RejectsSource: Sendable {
    public var preamble: CSVPreamble
    public var encoding: RegisterEncoding
    /// The raw header cells.
    public var rawHeader: [[UInt8]]
    public var rows: [RejectedRow]
}
