import LedgerChain

/// Every way a command can fail, with the exit status it maps to. Messages are written for the person at the
/// keyboard: what is wrong, where, and what to do.
public enum CLIError: Error, CustomStringConvertible {
    /// Wrong command line: exit 2.
    case usage(String)
    /// Bad input data or a file problem the user can fix: exit 2.
    case input(String)
    /// The log failed verification: exit 1.
    case integrity(String)
    /// An error of the log layer, mapped by its kind.
    case chain(ChainError)

    public var exitCode: Int32 {
        switch self {
        case .usage, .input: return 2
        case .integrity: return 1
        case .chain(let error):
            if case .integrity = error { return 1 }
            if case .readBackMismatch = error { return 1 }
            return 2
        }
    }

    public var description: String {
        switch self {
        case .usage(let message), .input(let message), .integrity(let message): return message
        case .chain(let error): return error.description
        }
    }
}
