#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The process's standard input, output and error, written with write(2) so that a failure is an error the CLI
/// reports instead of a trap (Foundation's `FileHandle.write` traps on EPIPE, ENOSPC and EBADF).
public enum StandardStream: Sendable, Equatable, CustomStringConvertible {
    case input, output, error

    var descriptor: Int32 {
        switch self {
        case .input: return 0
        case .output: return 1
        case .error: return 2
        }
    }

    public var description: String {
        switch self {
        case .input: return "standard input"
        case .output: return "standard output"
        case .error: return "standard error"
        }
    }
}
