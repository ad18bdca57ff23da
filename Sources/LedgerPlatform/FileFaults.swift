/// Operating-system errors injected into this process's file calls by tests: an I/O error at fsync, a permission
/// refused at open, which a test run as root (or on a healthy disk) cannot provoke otherwise. A test plans
/// `(operation, path prefix, errno)`; every such call on a path under that prefix then fails with that errno until
/// the plan is cleared. Internal (tests reach it with `@testable import LedgerPlatform`) and compiled only with
/// `LEDGER_INTERNAL_CHECKS` (debug builds): a release binary has no way to make its calls fail.
///
/// The calls that ask: `PosixFile.init` (`open`), the temporary of `PosixFile.stageWrite` (`create`),
/// `PosixFile.sync` (`fsync`) and `PosixFile.syncData` (`fdatasync`). A path prefix is a test's own temporary
/// directory, so tests running at the same time never see each other's faults.
enum FileFaults {
    #if LEDGER_INTERNAL_CHECKS
    struct Plan: Equatable {
        let operation: String
        let pathPrefix: String
        let code: Int32
    }

    private static let lock = PosixLock()
    nonisolated(unsafe) private static var plans: [Plan] = []

    /// Makes every `operation` on a path under `pathPrefix` fail with `code` until `clear(pathPrefix:)`.
    static func plan(_ operation: String, under pathPrefix: String, code: Int32) {
        lock.lock()
        defer { lock.unlock() }
        plans.append(Plan(operation: operation, pathPrefix: pathPrefix, code: code))
    }

    /// Removes the plans under `pathPrefix`.
    static func clear(pathPrefix: String) {
        lock.lock()
        defer { lock.unlock() }
        plans.removeAll { $0.pathPrefix == pathPrefix }
    }

    /// The errno planned for `operation` on `path`, if any.
    static func planned(_ operation: String, _ path: String) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        guard !plans.isEmpty else { return nil }
        return plans.first { $0.operation == operation && path.hasPrefix($0.pathPrefix) }?.code
    }
    #else
    /// Never a fault outside debug builds.
    @inline(__always) static func planned(_ operation: String, _ path: String) -> Int32? { nil }
    #endif
}
