#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The end of the process, for the executable's entry (which imports no C module: README's code layout).
public enum ProcessExit {
    /// Ends the process with `status` (exit(3): the C library's buffers are flushed, `atexit` handlers run).
    public static func exit(_ status: Int32) -> Never {
        exitOfTheCLibrary(status)
    }
}

/// `exit(3)`, named apart from `ProcessExit.exit`.
private func exitOfTheCLibrary(_ status: Int32) -> Never { exit(status) }
