#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Process-level facts the CLI passes into the library (which reads no clock itself).
public enum SystemClock {
    /// Seconds and nanoseconds since the Unix epoch, UTC.
    public static func now() -> (seconds: Int64, nanoseconds: Int32) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int64(spec.tv_sec), Int32(spec.tv_nsec))
    }

    /// Monotonic nanoseconds, for benchmarks.
    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// CPU time this process has used (all threads, user and system), in nanoseconds: a benchmark's figure that a
    /// busy machine does not inflate the way it does wall-clock time.
    public static func processCPUNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Peak resident set size of this process in bytes (getrusage ru_maxrss).
    public static func peakResidentBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    /// The high-water mark of this process's own memory (`VmHWM` in /proc/self/status), in bytes: its peak RSS
    /// since its exec, without what Linux carries over from the memory exec replaced (the spawning process's mark,
    /// which `ru_maxrss` includes). Falls back to `peakResidentBytes()` where /proc cannot be read.
    public static func memoryHighWaterBytes() -> Int64 {
        guard let file = fopen("/proc/self/status", "r") else { return peakResidentBytes() }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(cString: line)
            guard text.hasPrefix("VmHWM:") else { continue }
            let digits = text.dropFirst(6).filter(\.isNumber)
            if let kib = Int64(digits) { return kib * 1024 }
        }
        return peakResidentBytes()
    }

    /// Peak RSS of waited-for children in bytes: the largest of every child waited for so far (see `ChildProcess`
    /// for one child's own).
    public static func childrenPeakResidentBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }
}
