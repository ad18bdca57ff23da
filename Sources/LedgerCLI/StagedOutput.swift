import LedgerPlatform

/// An output file written but not yet in place (`CommandIO.stageOutput`).
public final class StagedOutput {
    private var commitWork: (() throws(CLIError) -> Void)?
    private let discardWork: () -> Void
    private let failed: Failure?

    /// The file error of a failed commit, kept for a caller that words it itself.
    final class Failure { var error: FileError? }

    init(commit: @escaping () throws(CLIError) -> Void, discard: @escaping () -> Void, failed: Failure? = nil) {
        commitWork = commit
        discardWork = discard
        self.failed = failed
    }

    /// Why `commit` failed, when the file system refused it.
    public var fileFailure: FileError? { failed?.error }

    /// Puts the file in place (or writes it to standard output); only the first call does anything.
    public func commit() throws(CLIError) {
        guard let work = commitWork else { return }
        commitWork = nil
        try work()
    }

    /// Drops the staged file: whatever is at its path stays as it was.
    public func discard() {
        commitWork = nil
        discardWork()
    }
}
