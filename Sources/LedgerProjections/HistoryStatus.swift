import LedgerChain
import LedgerEvents

/// Where a record stands after corrections.
public enum HistoryStatus: Equatable, Sendable {
    case inEffect
    /// Voided without replacement by the correction at this evidence.
    case voided(by: Evidence)
    /// Replaced by the correction at this evidence.
    case replaced(by: Evidence)
    /// This record is a correction of that record.
    case correction(of: Evidence)

    /// `in_effect`, `voided_by:#N`, `replaced_by:#N`, `corrects:#N`.
    public var label: String {
        switch self {
        case .inEffect: return "in_effect"
        case .voided(let e): return "voided_by:#\(e.seq)"
        case .replaced(let e): return "replaced_by:#\(e.seq)"
        case .correction(let e): return "corrects:#\(e.seq)"
        }
    }
}
