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

    /// Ignores SIGXFSZ, so that a write past the file-size limit (`ulimit -f`) fails with EFBIG, which every command
    /// reports as it reports a full disk (in Chinese and English, naming the file, the ledger left as it was), instead
    /// of the process dying without a word (review 35a #2). `ledger` calls it first thing.
    public static func ignoreFileSizeSignal() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    /// Restores the default action of SIGXFSZ (terminate when a write passes the file-size limit). A process
    /// inherits an ignored signal across exec, and test runners may ignore it; the fault tests need the default.
    /// A blocked signal stays blocked across exec too, so it is unblocked as well.
    public static func defaultFileSizeSignal() {
        _ = signal(SIGXFSZ, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGXFSZ)
        _ = sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// Gives SIGINT, SIGTERM and SIGHUP their default action and unblocks them for the calling thread, as a shell
    /// starts a command. A process inherits its parent's ignored and blocked signals, and a test runner's threads
    /// block most of them (and may ignore SIGINT while another child runs). Fault tests only: a command paused to be
    /// interrupted as a clerk's Ctrl-C would; call it before anything installs handlers.
    public static func restoreTerminationSignals() {
        for signal in [SIGINT, SIGTERM, SIGHUP] { _ = Glibc.signal(signal, SIG_DFL) }
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        _ = pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Installs `handler` for each of `signals` whose action is the default one; an ignored or handled signal is
    /// left as it is (`nohup`, a caller's own handler). For the interrupt handlers of `InterruptCleanup`,
    /// which do only async-signal-safe work.
    static func handleOverDefault(_ signals: [Int32], with handler: @convention(c) (Int32) -> Void) {
        for signal in signals {
            var old = sigaction()
            guard sigaction(signal, nil, &old) == 0, old.__sigaction_handler.sa_handler == nil,
                  old.sa_flags & SA_SIGINFO == 0 else { continue }
            var new = sigaction()
            new.__sigaction_handler.sa_handler = handler
            sigemptyset(&new.sa_mask)
            _ = sigaction(signal, &new, nil)
        }
    }

    /// The effective user id is 0: permission bits do not stop this process (tests of permission errors skip).
    public static var isRoot: Bool { geteuid() == 0 }
}
