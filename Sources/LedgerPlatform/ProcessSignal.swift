#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Signals to other processes, for the fault tests that kill a writer at a random moment. Foundation's
/// `Process` can only send SIGTERM and SIGINT, which a process may catch; a crash is SIGKILL.
public enum ProcessSignal {
    /// Sends SIGKILL to `pid` (kill(2)); false when there is no such process.
    @discardableResult
    public static func kill(_ pid: Int32) -> Bool { Glibc.kill(pid, SIGKILL) == 0 }

    /// The effective user id is 0: permission bits do not stop this process (tests of permission errors skip).
    public static var isRoot: Bool { geteuid() == 0 }
}
