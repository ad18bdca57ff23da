#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Temporary files to remove if the process is interrupted (Ctrl-C, SIGTERM, a closed terminal) while they exist.
///
/// `PosixFile.stageWrite` writes a file under a temporary name beside its target and removes it on every failure it
/// can see; an interrupt ends the process before any `defer` or `deinit` runs, and a clerk would find a hidden
/// `.list.csv.tmp-…` beside the list they asked for. While a temporary is registered here, SIGINT, SIGTERM and
/// SIGHUP first unlink every registered path and then end the process as the signal would have (the default action,
/// so the parent still sees "killed by SIGINT"). A signal the process ignores (`nohup`) stays ignored.
///
/// The handler does only async-signal-safe work: it reads a fixed table allocated once and calls unlink(2) and
/// raise(3). Paths longer than the table's slot (`PATH_MAX`) or more than `capacity` at once are simply not
/// registered: they keep today's behaviour (left behind on an interrupt), never a wrong removal.
public enum InterruptCleanup {
    /// How many temporaries can be registered at once; a command stages one or two.
    public static let capacity = 16
    static let slotBytes = Int(PATH_MAX) + 1

    /// Slot `i` is in use while `flags[i] != 0`; its NUL-terminated path is at `paths + i * slotBytes`.
    private nonisolated(unsafe) static let flags: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    private nonisolated(unsafe) static let paths: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * slotBytes)
        p.initialize(repeating: 0, count: capacity * slotBytes)
        return p
    }()
    private nonisolated(unsafe) static var installed = false
    private nonisolated(unsafe) static var lock = pthread_mutex_t()
    private static let lockReady: Bool = { pthread_mutex_init(&lock, nil) == 0 }()

    /// A registration; give it back to `unregister` once the temporary is renamed or removed.
    public struct Token: Sendable, Equatable {
        let slot: Int
    }

    /// Registers `path` for removal on an interrupt (installing the handlers on first use); nil when the table is
    /// full or the path too long.
    public static func register(_ path: String) -> Token? {
        let bytes = Array(path.utf8)
        guard bytes.count < slotBytes, !bytes.contains(0), lockReady else { return nil }
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if !installed {
            installed = true
            // The table exists before any handler can read it (a lazy initialisation inside a handler is not safe).
            _ = (flags, paths, handler)
            // Installed only over the default action: an ignored or handled signal is left as it is.
            ProcessSignal.handleOverDefault([SIGINT, SIGTERM, SIGHUP], with: handler)
        }
        for slot in 0..<capacity where flags[slot] == 0 {
            let start = paths + slot * slotBytes
            for (i, byte) in bytes.enumerated() { start[i] = CChar(bitPattern: byte) }
            start[bytes.count] = 0
            // The path is complete before the flag says so (a handler on another thread reads in that order).
            atomicStore(flags + slot, 1)
            return Token(slot: slot)
        }
        return nil
    }

    /// Forgets a registration (the temporary is gone or has become the real file).
    public static func unregister(_ token: Token) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        atomicStore(flags + token.slot, 0)
    }

    /// Whether `path` is registered now (for tests).
    public static func isRegistered(_ path: String) -> Bool {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return (0..<capacity).contains { flags[$0] != 0 && String(cString: paths + $0 * slotBytes) == path }
    }

    private static func atomicStore(_ flag: UnsafeMutablePointer<UInt8>, _ value: UInt8) {
        // A full barrier on either side: the handler must never see the flag before the path, or a stale path.
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        flag.pointee = value
        atomicMemoryFence(ordering: .sequentiallyConsistent)
    }

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        for slot in 0..<InterruptCleanup.capacity where InterruptCleanup.flags[slot] != 0 {
            _ = unlink(InterruptCleanup.paths + slot * InterruptCleanup.slotBytes)
        }
        _ = Glibc.signal(signal, SIG_DFL)
        _ = raise(signal)
    }
}
