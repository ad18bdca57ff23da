import LedgerChain
import Synchronization

/// Test-only hooks of `ledger verify --index`, kept in this one place: no production code sets one, it only calls
/// them (an empty dictionary's look-up, once a pass). Each is keyed by a ledger's path, so tests running at once do
/// not run each other's.
enum VerifyTestHooks {
    /// Tests only: run by `IndexRebuild.verifyAll`, for the ledger at the key's path, after the pass released the
    /// writers' lock and before any stored file is compared with the log — the window where a writer may append, and
    /// replace or remove a file of `index/` (review of verifyidx51 #1: `index/scopes`; session 52: `funds.state`,
    /// `checks.recent`). Session 51's `ScopeIndex.beforeComparisonForTests`, moved here and run before the first
    /// comparison, not only before the scopes'.
    static let afterLockReleased = Mutex<[String: @Sendable () -> Void]>([:])

    /// Runs the hook set for `directory`, if any.
    static func runAfterLockReleased(_ directory: LedgerDirectory) {
        if let hook = afterLockReleased.withLock({ $0[directory.path] }) { hook() }
    }
}
