import LedgerEvents
import LedgerPlatform

/// Errors of the log layer. Integrity failures are not here: they are data (`IntegrityFailure`) so that verify can
/// report them; `ChainError.integrity` wraps one when an operation must stop because of it.
public enum ChainError: Error, Equatable, CustomStringConvertible {
    /// An operating-system error (permissions, disk full, missing file).
    case file(FileError)
    /// The directory is not a ledger.
    case notALedger(path: String, reason: Wording)
    /// The directory holds a ledger's identity file, but it is damaged (not JSON, a member of the wrong kind), or
    /// the log beside it is missing: to be restored from a backup, never made again with `init`.
    case damagedIdentity(path: String, reason: Wording)
    /// `init` on a directory that already holds a ledger or other files.
    case alreadyExists(path: String)
    /// A file of the ledger directory is a symbolic link or not the kind it must be: refused, never followed, so
    /// nobody can make a command (run by root, say) read or write elsewhere through a planted link.
    case unsafeLedgerFile(path: String, kind: FileKind, expected: FileKind)
    /// Another writer held the lock for the whole wait.
    case lockTimeout(path: String, waitedMilliseconds: Int)
    /// The writers' lock file (`LEDGER/lock`) cannot be opened for writing or created: the user running `ledger`
    /// may not write it or the ledger directory (EACCES, EPERM), or the file system is read-only (EROFS). Nothing
    /// was written.
    case lockDenied(path: String, error: FileError)
    /// Another file a writer must write (`events.jsonl`, `acknowledged`) cannot be opened for writing for the same
    /// reasons (permissions, a read-only file system). Nothing was written (review 39d: this was said as a file
    /// that "cannot be read", with advice to remove `acknowledged`).
    case notWritable(path: String, error: FileError)
    /// A write, fsync, fdatasync or read-back of batch `first…last` (or of its acknowledgement) failed with an
    /// operating-system error other than a full disk (an I/O error at fsync, say): the bytes may not have reached
    /// the disk. The batch was not acknowledged (`acknowledgedPath` still names the record before it); the writer
    /// cut it back off the log, best effort.
    case batchNotDurable(first: Int64, last: Int64, error: FileError, acknowledgedPath: String)
    /// `init` could not make the ledger at `path` (a full disk, permissions): what it had made is removed again, so
    /// the same command can run once the cause is mended. No batch exists yet, so none is spoken of.
    case notCreated(path: String, error: FileError)
    /// A writer found an unfinished batch (`tornBytes` bytes after `committedBytes`, never acknowledged) at the end
    /// of the log and could not cut it off (the truncate failed), or cut it and could not make the cut durable
    /// (`cutNotSynced`: the fsync failed): nothing was appended.
    case tornTailNotCut(path: String, committedBytes: Int64, tornBytes: Int64, error: FileError, cutNotSynced: Bool)
    /// `--expect-seq` did not match the ledger's last seq.
    case sequenceConflict(expected: Int64, actual: Int64)
    /// An event id is already in the log (or twice in the batch) with different content.
    case idConflict(id: String, existingSeq: Int64?, reason: Wording)
    /// The log failed verification; nothing was appended.
    case integrity(IntegrityFailure)
    /// A batch too large or otherwise unacceptable.
    case invalidBatch(Wording)
    /// What was written could not be read back identically: a disk or memory fault.
    case readBackMismatch(path: String, byteOffset: Int64)
    /// Before writing a batch, the writer found it no longer alone: the lock file it holds was removed or replaced
    /// (so another writer may have taken a new one), or the log is not the file or the length it opened. Nothing
    /// of the batch was written (review 39d: a deleted `lock` let a second append write over the first's records).
    case writerDisplaced(WriterDisplacement)
    /// `LEDGER/acknowledged` exists but cannot be read or is not in its one form.
    case acknowledgedUnreadable(path: String, reason: Wording)
    /// Records `first…last` are in the log, but recording them as acknowledged failed after the new head may
    /// already have replaced the old one; the batch is kept (removing it could contradict that head).
    case acknowledgementFailed(first: Int64, last: Int64, error: FileError)
    /// A scan was asked to resume after record `seq` (derived state), but the acknowledged head is before it and
    /// can only be checked by reading the whole log, which the caller does instead.
    case resumeBeforeAcknowledged(seq: Int64, acknowledged: Int64)

    /// A file of `index/` is not used (damaged, of another version or ledger, behind the log, or not writable): the
    /// caller rebuilds it from the log with a one-line notice (`SystemWords.rebuilt`).
    case derivedState(DerivedStateProblem)
    /// A table of the id index (`ids`, `ids-2`, …), `name`, found unusable while the writer merged it
    /// (`IdIndex.maintain`): the writer rebuilds the index from the log.
    case idTable(name: String, problem: DerivedStateProblem)
    /// A line that is not a record line (`RecordLineScanner`, `RecordCodec.decode`).
    case recordLine(LineProblem)
    /// A record that derived state is stamped with cannot be resumed after (`LogScanner.resumePoint`).
    case resume(ResumeProblem)
    /// The bytes of `LEDGER/acknowledged` record no head (`AcknowledgedHead.decode`); the reader with the path
    /// reports it as `acknowledgedUnreadable`.
    case acknowledgedDamage(AcknowledgedDamage)

    /// The English of `SystemWords.wording(_:)`, where every message of the log layer is worded.
    public var description: String { SystemWords.wording(self).en }
}

extension ChainError {
    // The derived-state problems as thrown errors, so a reader of `index/` says `throw .damaged(.checksum(.table))`.
    public static func damaged(_ why: DerivedStateProblem.Detail) -> ChainError { .derivedState(.damaged(why)) }
    public static func wrongVersion(found: UInt64, expected: UInt32) -> ChainError { .derivedState(.wrongVersion(found: found, expected: expected)) }
    public static func foreign(_ why: DerivedStateProblem.Detail) -> ChainError { .derivedState(.foreign(why)) }
    public static func mismatch(_ why: DerivedStateProblem.Detail) -> ChainError { .derivedState(.mismatch(why)) }
    public static func unwritable(_ why: DerivedStateProblem.Detail) -> ChainError { .derivedState(.unwritable(why)) }

    /// What a reader of a derived-state file makes of this error: the problem itself for `.derivedState`, any other
    /// failure (a file error, an unreadable record line) as damage, which makes the caller rebuild the file from the
    /// log as for any damage.
    public var derivedStateProblem: DerivedStateProblem {
        switch self {
        case .derivedState(let problem): return problem
        case .idTable(_, let problem): return problem
        default: return .damaged(.of(self))
        }
    }
}

/// How a writer found another may be writing beside it (`ChainError.writerDisplaced`).
public enum WriterDisplacement: Equatable, Sendable {
    /// The lock file the writer holds has no name any more: removed, or another file renamed over it.
    case lockRemoved(path: String)
    /// The log the writer opened has no name any more: removed, or another file (a restore) renamed over it.
    case logReplaced(path: String)
    /// The log is not the length the writer left it: something else wrote to it or cut it.
    case logChanged(path: String, expected: Int64, found: Int64)
}
