import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Output formats of the query reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned text for a terminal (CJK characters count two columns).
    case table
    /// UTF-8 CSV with BOM and CRLF for Excel/WPS; amounts as plain yuan (`1234.50`).
    case csv
    /// One canonical JSON object and a newline; amounts both as integer fen and as yuan text.
    case json
}
