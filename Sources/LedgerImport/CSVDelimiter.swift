import LedgerEvents
import LedgerPlatform

/// The field separator of a CSV file.
public enum CSVDelimiter: String, Sendable, Equatable, CaseIterable {
    case comma
    case tab
    /// `;`: what spreadsheets write as "CSV" where the comma is the decimal mark.
    case semicolon

    /// The separator byte.
    public var byte: UInt8 {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .tab: return UInt8(ascii: "\t")
        case .semicolon: return UInt8(ascii: ";")
        }
    }
}
