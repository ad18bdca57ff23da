import LedgerChain

/// A whole-file derived state as `ledger verify --index` read it before the log was read again: the stored file is
/// looked at first (nothing of it trusted) and judged after the pass that rebuilds it, so what was read is kept as a
/// value. One type for every such file (issue 17: no `Result` kept as a value to judge later), as `DerivedStateCheck`
/// is one for what the judgement found.
public enum StoredRead<Value> {
    /// No file.
    case absent
    /// The file cannot be used: why (it is reported damaged and rebuilt).
    case unusable(ChainError.DerivedStateProblem)
    /// What the file holds, to be compared with what the log gives.
    case found(Value)

    /// Reads a stored file with `read`: nil for no file, a thrown problem for a file that cannot be used.
    public init(_ read: () throws(ChainError) -> Value?) {
        do { self = try read().map(StoredRead.found) ?? .absent } catch { self = .unusable(error.derivedStateProblem) }
    }

    /// The value found, nil when the file is absent or unusable.
    public var value: Value? {
        if case .found(let value) = self { return value }
        return nil
    }

    /// What the check found: `.absent` for no file, `.damaged` with its problem for an unusable one, else what
    /// `judge` says of the value (`.intact`, or `.damaged` when it differs from the log's).
    public func check<E: Error>(_ judge: (Value) throws(E) -> DerivedStateCheck) throws(E) -> DerivedStateCheck {
        switch self {
        case .absent: return .absent
        case .unusable(let problem): return .damaged(problem)
        case .found(let value): return try judge(value)
        }
    }
}
