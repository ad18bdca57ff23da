import LedgerEvents
import LedgerPlatform

/// What a file that is not CSV was recognised as by its first bytes.
public enum NotCSVFormat: Sendable, Equatable {
    /// An Excel or WPS workbook (.xlsx, a zip archive).
    case xlsx
    /// An old Excel workbook (.xls, an OLE compound file).
    case xls
    /// UTF-16 text (Excel's "Unicode Text").
    case utf16
}
