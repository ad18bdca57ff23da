import LedgerEvents
import LedgerPlatform

/// What the first bytes of a file revealed.
public struct CSVPreamble: Equatable, Sendable {
    /// The file starts with the UTF-8 byte-order mark EF BB BF (which is skipped).
    public var hasUTF8BOM: Bool
    /// The separator used (given or detected from the header line).
    public var delimiter: CSVDelimiter
    /// The header line ends with CR LF (so a rejects file is written the same way).
    public var usesCRLF: Bool
    /// Whether the first chunk was all ASCII, valid UTF-8 with other characters, or not UTF-8.
    public var firstChunkText: FirstChunkText

    public enum FirstChunkText: Equatable, Sendable { case ascii, utf8, notUTF8 }
}
