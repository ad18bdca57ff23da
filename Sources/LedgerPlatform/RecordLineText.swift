#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The fixed text of a record line (ledger-spec.md section 2), member by member in the order written: the one
/// table of the layout. The writer (`RecordCodec` in LedgerChain) writes these bytes between the values, the full
/// scan (`RecordLineScanner.fullScan`) expects them with a message naming each, and the fast scan
/// (`Bytes.recordLineLayout`) compares them in place.
public enum RecordLineText {
    /// `{"hash":"`, then the hash's 64 hex digits.
    public static let hash: StaticString = "{\"hash\":\""
    /// Then prev's 64 hex digits.
    public static let prev: StaticString = "\",\"prev\":\""
    /// Then seq.
    public static let seq: StaticString = "\",\"seq\":"
    /// The format version, then batch.first.
    public static let batchFirst: StaticString = ",\"v\":1,\"batch\":{\"first\":"
    public static let batchLast: StaticString = ",\"last\":"
    /// Then the id's string literal.
    public static let id: StaticString = "},\"id\":"
    public static let type: StaticString = ",\"type\":"
    /// Then the 10 bytes of the date.
    public static let occurredOn: StaticString = ",\"occurred_on\":\""
    /// Then the 20 bytes of the time.
    public static let recordedAt: StaticString = "\",\"recorded_at\":\""
    public static let actor: StaticString = "\",\"actor\":"
    /// Then the `data` object and the line's closing `}`.
    public static let data: StaticString = ",\"data\":"

    /// Where the hash's and prev's 64 hex digits start in every line.
    public static let hashOffset = 9
    public static let prevOffset = 83

    /// The UTF-8 bytes of one of the texts above.
    public static func bytes(_ text: StaticString) -> [UInt8] {
        text.withUTF8Buffer { Array($0) }
    }

    /// The text itself (for messages).
    public static func string(_ text: StaticString) -> String {
        text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }
}
