import LedgerEvents
import LedgerPlatform

/// What a file that is not CSV was recognised as by its first bytes.
public enum NotCSVFormat: Sendable, Equatable {
    /// An Excel or WPS workbook (.xlsx, a zip archive).
    case xlsx
    /// An old Excel workbook (.xls, an OLE compound file).
    case xls
    /// UTF-16 text (Excel's "Unicode Text"), little- or big-endian, with or without a byte-order mark
    /// (`EncodingSniffer.wideText`).
    case utf16(bigEndian: Bool, byteOrderMark: Bool)
    /// UTF-32 text, little- or big-endian, with or without a byte-order mark.
    case utf32(bigEndian: Bool, byteOrderMark: Bool)
}
