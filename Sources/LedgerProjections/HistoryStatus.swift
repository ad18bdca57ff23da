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
    /// This record was a correction of `of`, whose place the later correction at `by` took (ledger-spec.md 10.5):
    /// it no longer applies.
    case superseded(correctionOf: Evidence, by: Evidence)

    /// `in_effect`, `voided_by:#N`, `replaced_by:#N`, `corrects:#N`, `superseded_by:#N`.
    public var label: String {
        switch self {
        case .inEffect: return "in_effect"
        case .voided(let e): return "voided_by:#\(e.seq)"
        case .replaced(let e): return "replaced_by:#\(e.seq)"
        case .correction(let e): return "corrects:#\(e.seq)"
        case .superseded(_, let by): return "superseded_by:#\(by.seq)"
        }
    }

    /// The record this one corrects (or corrected, before a later correction took its place), or nil.
    public var correctedRecord: Evidence? {
        switch self {
        case .correction(let of), .superseded(let of, _): return of
        default: return nil
        }
    }
}
