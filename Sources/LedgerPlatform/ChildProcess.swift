#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Synchronization

/// Runs one command as a child process and measures it from its own exit status (`wait4`): its wall time, CPU time
/// and peak RSS, each the child's own — never the maximum over every child the caller ever waited for, which is
/// all `getrusage(RUSAGE_CHILDREN)` can say.
///
/// One caveat, Linux's: exec carries the high-water mark of the memory it replaces into the new program's peak
/// (`ru_maxrss`). The child is started with `posix_spawn` (vfork semantics: it runs on this process's memory until
/// its exec), so its peak is never below this process's own high-water mark at that moment (`VmHWM`, read just
/// after the spawn). `Run.floorRSSBytes` is that mark: a peak above it is the command's own, a peak at or below it
/// says only "no more than the floor". A small timing process (`ledger-bench peer time`) keeps the floor low.
public enum ChildProcess {
    public struct Run: Sendable, Equatable {
        /// The exit status, or 128 + the signal that ended the child.
        public let status: Int32
        /// The signal that ended the child, if any.
        public let signal: Int32?
        /// Stopped at the timeout (SIGTERM to its process group, then SIGKILL 10 s later).
        public let timedOut: Bool
        public let wallNanoseconds: Int64
        /// The child's user and system CPU time (its own and its waited-for children's).
        public let cpuNanoseconds: Int64
        /// The child's peak RSS (`wait4`'s ru_maxrss), in bytes.
        public let peakRSSBytes: Int64
        /// This process's own high-water mark when the child was spawned: the least `peakRSSBytes` can be.
        public let floorRSSBytes: Int64

        /// The peak when it is the command's own (above the floor), else nil.
        public var ownPeakRSSBytes: Int64? { peakRSSBytes > floorRSSBytes ? peakRSSBytes : nil }
    }

    /// Runs `executable` (an absolute path) with `arguments`, standard output to `outputPath` (created or
    /// truncated; nil: this process's), standard input from /dev/null, standard error this process's, and waits
    /// for it. The child leads a process group of its own. With `timeoutSeconds`, a child still running then has its
    /// group sent SIGTERM, and SIGKILL 10 s later; once it has ended, what is left of its group is killed, so a
    /// command that started children leaves none running. While it runs, SIGINT, SIGTERM and SIGHUP sent to this
    /// process are passed on to its group (`Forwarding`).
    /// - Throws: the child could not be started (the executable or the output file).
    public static func run(_ executable: String, _ arguments: [String], outputPath: String?,
                           timeoutSeconds: Int? = nil) throws(FileError) -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let outputPath {
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        // As a shell starts a command: no signal blocked, every signal's default action (a caller's thread may block
        // or ignore SIGTERM, and the child would inherit that across exec and outlive its timeout's SIGTERM).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // In a process group of its own (its pid), so that a timeout stops the command and every process it
        // started (a shell's children, a sleeper in the background), not only the first.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        var pointers: [UnsafeMutablePointer<CChar>?] = argv + [nil]
        var pid: pid_t = 0
        let t0 = SystemClock.monotonicNanoseconds()
        // Its own group is not the terminal's foreground group: a Ctrl-C (or SIGTERM, SIGHUP) to this process is
        // passed on to the child's group while it runs.
        Forwarding.install()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &pointers, environ)
        guard spawned == 0 else { throw FileError(path: executable, operation: "posix_spawn", code: spawned) }
        Forwarding.begin(group: pid)
        defer { Forwarding.end() }
        // The spawn returns after the child's exec (or its failure): the mark read now is the one it inherited.
        let floor = SystemClock.memoryHighWaterBytes()
        let watch = Watch(pid: pid)
        if let timeoutSeconds { watch.start(timeoutSeconds: timeoutSeconds) }
        // Wait without reaping first, so that the watch never signals a pid the system may have given another.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        let timedOut = watch.finish()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let wall = Int64(SystemClock.monotonicNanoseconds() - t0)
        let cpu = (Int64(usage.ru_utime.tv_sec) + Int64(usage.ru_stime.tv_sec)) * 1_000_000_000
            + (Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec)) * 1_000
        // WIFEXITED / WTERMSIG by hand (the C macros are not imported).
        let termSignal = status & 0x7F
        let exitStatus = termSignal == 0 ? (status >> 8) & 0xFF : 128 + termSignal
        return Run(status: exitStatus, signal: termSignal == 0 ? nil : termSignal, timedOut: timedOut, wallNanoseconds: wall,
                   cpuNanoseconds: cpu, peakRSSBytes: Int64(usage.ru_maxrss) * 1024, floorRSSBytes: floor)
    }

    /// Stops a child's process group at its timeout; `finish` (once the child has exited, before it is reaped) ends
    /// the watch, so no signal is sent after. Until the child is reaped its pid, which is its group's id, cannot be
    /// given to another process, so signalling the group then is safe.
    private final class Watch: @unchecked Sendable {
        let pid: pid_t
        private let lock = DispatchSemaphore(value: 1)
        private let ended = DispatchSemaphore(value: 0)
        private var done = false
        private var fired = false

        init(pid: pid_t) { self.pid = pid }

        func start(timeoutSeconds: Int) {
            let thread = DispatchQueue(label: "ChildProcess.Watch")
            thread.async { [self] in
                guard ended.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut else { return }
                send(SIGTERM)
                guard ended.wait(timeout: .now() + .seconds(10)) == .timedOut else { return }
                send(SIGKILL)
            }
        }

        private func send(_ signal: Int32) {
            lock.wait()
            if !done { fired = true; _ = kill(-pid, signal) }
            lock.signal()
        }

        /// Whether the child was signalled for its timeout. A timed-out command's group is then killed whole: a
        /// process of it that outlived the child (one that ignores SIGTERM) is not left running.
        func finish() -> Bool {
            lock.wait()
            done = true
            let stopped = fired
            if stopped { _ = kill(-pid, SIGKILL) }
            lock.signal()
            ended.signal()
            ended.signal()
            return stopped
        }
    }

    /// Passes SIGINT, SIGTERM and SIGHUP on to the process group of the child being waited for, as the terminal
    /// would have had it stayed in the foreground group; with no child, a signal ends this process as its default
    /// action would. Installed only over the default action (an ignored signal stays ignored, `nohup`). The
    /// handler does only async-signal-safe work: it reads one word allocated beforehand and calls kill(2).
    enum Forwarding {
        /// The child's process group, or 0.
        private nonisolated(unsafe) static let group: UnsafeMutablePointer<Int32> = {
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
            p.initialize(to: 0)
            return p
        }()
        private nonisolated(unsafe) static var installed = false

        /// Installs the handlers once (a tool runs one child at a time: `ledger-bench peer time`).
        static func install() {
            guard !installed else { return }
            installed = true
            // The word exists before any handler can read it (a lazy initialisation inside a handler is not safe).
            _ = (group, handler)
            ProcessSignal.handleOverDefault([SIGINT, SIGTERM, SIGHUP], with: handler)
        }

        static func begin(group pid: pid_t) { store(pid) }
        static func end() { store(0) }

        private static func store(_ value: Int32) {
            atomicMemoryFence(ordering: .sequentiallyConsistent)
            group.pointee = value
            atomicMemoryFence(ordering: .sequentiallyConsistent)
        }

        private static let handler: @convention(c) (Int32) -> Void = { signal in
            let pid = ChildProcess.Forwarding.group.pointee
            if pid > 0 {
                _ = kill(-pid, signal)
            } else {
                _ = Glibc.signal(signal, SIG_DFL)
                _ = raise(signal)
            }
        }
    }
}
