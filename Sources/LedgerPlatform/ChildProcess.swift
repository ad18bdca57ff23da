#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch

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
        /// Stopped at the timeout (SIGTERM to it and its descendants, then SIGKILL 10 s later).
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
    /// for it. The child stays in this process's process group, so whatever stops the group (Ctrl-C at a terminal,
    /// `timeout`, a CI job's cancel, even with SIGKILL) stops the command too. With `timeoutSeconds`, a child still
    /// running then is sent SIGTERM with every process it started that is still its descendant (found through
    /// `/proc`), and, if it still runs 10 s later, SIGKILL the same way.
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
        // Not in a process group of its own: a group of its own would outlive a SIGKILL to this process's group (a
        // job's cancel), and a terminal's Ctrl-C would no longer reach it (review, session 13).
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        var pointers: [UnsafeMutablePointer<CChar>?] = argv + [nil]
        var pid: pid_t = 0
        let t0 = SystemClock.monotonicNanoseconds()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &pointers, environ)
        guard spawned == 0 else { throw FileError(path: executable, operation: "posix_spawn", code: spawned) }
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

    /// Stops a child and its descendants at its timeout; `finish` (once the child has exited, before it is reaped)
    /// ends the watch, so no signal is sent to the child after. Until the child is reaped its pid cannot be given to
    /// another process, so signalling it then is safe; a descendant is signalled by the pid `/proc` gave a moment
    /// before (the usual race of any `pkill`, and only at a timeout).
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
            if !done {
                fired = true
                // The descendants first: a shell killed first would let its children be re-parented out of reach.
                for descendant in ChildProcess.descendants(of: pid).reversed() { _ = kill(descendant, signal) }
                _ = kill(pid, signal)
            }
            lock.signal()
        }

        /// Whether the child was signalled for its timeout. (A descendant that ignored the SIGTERM while the child
        /// ended is out of reach by then: the kernel re-parents a process's children when it exits.)
        func finish() -> Bool {
            lock.wait()
            done = true
            let stopped = fired
            lock.signal()
            ended.signal()
            ended.signal()
            return stopped
        }
    }

    /// Every process descended from `pid` that `/proc/PID/task/TID/children` lists, parents before children
    /// (Linux 3.5+; empty where the kernel does not offer the file).
    static func descendants(of pid: pid_t) -> [pid_t] {
        var found: [pid_t] = []
        var pending: [pid_t] = [pid]
        while let next = pending.popLast(), found.count < 100_000 {
            for child in children(of: next) where child != pid && !found.contains(child) {
                found.append(child)
                pending.append(child)
            }
        }
        return found
    }

    private static func children(of pid: pid_t) -> [pid_t] {
        guard let tasks = opendir("/proc/\(pid)/task") else { return [] }
        defer { closedir(tasks) }
        var out: [pid_t] = []
        while let entry = readdir(tasks) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard let tid = Int32(name), let file = fopen("/proc/\(pid)/task/\(tid)/children", "r") else { continue }
            defer { fclose(file) }
            var text: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while case let n = fread(&buffer, 1, buffer.count, file), n > 0 { text += buffer[0..<n] }
            out += text.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).compactMap { Int32(String(decoding: $0, as: UTF8.self)) }
        }
        return out
    }
}
