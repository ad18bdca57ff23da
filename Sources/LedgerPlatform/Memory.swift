#if canImport(Glibc)
import Glibc
#endif

/// The C allocator's free memory.
public enum Memory {
    /// Returns the allocator's free memory to the system (glibc `malloc_trim`, every arena). Memory freed by one
    /// thread stays in that thread's arena, where another thread's allocations do not reuse it: after a second
    /// thread has built and freed large structures (the shared rebuild's second stage), this keeps the process's
    /// peak what one thread would have. A no-op where there is no glibc.
    public static func releaseFree() {
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }

    /// Never releases `object` (one retain that is never balanced): it lives until the process exits, which takes
    /// its memory back at once instead of freeing it object by object (`QueryOptions.keepUntilExit`).
    public static func keepUntilExit(_ object: AnyObject) {
        _ = Unmanaged.passRetained(object)
    }

    #if canImport(Glibc)
    /// `malloc_trim`, which the Glibc module does not declare (malloc.h), found in the running process once.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif
}
