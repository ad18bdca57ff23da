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
    /// `LEDGER/acknowledged` exists but cannot be read or is not in its one form.
    case acknowledgedUnreadable(path: String, reason: Wording)
    /// Records `first…last` are in the log, but recording them as acknowledged failed after the new head may
    /// already have replaced the old one; the batch is kept (removing it could contradict that head).
    case acknowledgementFailed(first: Int64, last: Int64, error: FileError)
    /// A scan was asked to resume after record `seq` (derived state), but the acknowledged head is before it and
    /// can only be checked by reading the whole log, which the caller does instead.
    case resumeBeforeAcknowledged(seq: Int64, acknowledged: Int64)

    public var description: String {
        switch self {
        case .file(let error):
            return error.isNoSpace
                ? "\(error). The disk or a file-size limit is full; free space and run the same command again (nothing of this batch was kept)."
                : "\(error)"
        case .notALedger(let path, let reason):
            return "\(path) is not a ledger (\(reason.en)). Create one with `ledger init --ledger \(path)` or give the right --ledger DIR."
        case .damagedIdentity(let path, let reason):
            return "\(path) is a ledger that cannot be opened: \(reason.en). Restore ledger.json and events.jsonl from a backup copy of the ledger (`ledger init` never overwrites one); then run `ledger verify`."
        case .alreadyExists(let path):
            return "\(path) already exists and is not empty; `ledger init` never overwrites. Choose a new directory."
        case .unsafeLedgerFile(let path, let kind, let expected):
            return "\(path) is \(kind), not \(expected); refused. A ledger's files must be the files themselves, so that no command reads or writes anything else through them. Put the real file in its place (anything in index/ may simply be deleted: the index is rebuilt from the log)."
        case .lockTimeout(let path, let waited):
            return "another writer holds the ledger lock \(path); gave up after \(waited) ms. Wait for it to finish and try again."
        case .sequenceConflict(let expected, let actual):
            return "--expect-seq \(expected) but the ledger's last seq is \(actual); someone appended in between. Nothing was appended; review the new records and retry."
        case .idConflict(let id, let seq, let reason):
            let place = seq.map { "record seq \($0)" } ?? "this batch"
            return "event id \"\(id)\" is already used by \(place) with different content (\(reason.en)). Nothing was appended; give the new event its own id, or record a correction."
        case .integrity(let failure):
            return "\(failure) The ledger was not changed; run `ledger verify` and restore the log from a verified backup."
        case .invalidBatch(let reason):
            return reason.en
        case .acknowledgedUnreadable(let path, let reason):
            return "\(path) cannot be read (\(reason.en)). It records the last acknowledged record; without it no writer can tell a cut log from an unfinished append. Restore it from the backup of this ledger; if the log is known to be complete (compare it with a backup or a signed checkpoint), remove the file and the next append writes it again."
        case .acknowledgementFailed(let first, let last, let error):
            return "records \(first)…\(last) were written to the log and fsync'ed, but recording them as acknowledged failed (\(error)). They are in the ledger: check with `ledger verify` or `ledger log --from \(first)` before retrying, so nothing is recorded twice."
        case .resumeBeforeAcknowledged(let seq, let acknowledged):
            return "derived state stamped at record \(seq) is after the acknowledged head (record \(acknowledged)); the whole log must be read."
        case .readBackMismatch(let path, let offset):
            return "\(path): the bytes read back at offset \(offset) differ from what was written (disk or memory fault). The batch was removed; check the hardware before retrying."
        }
    }
}
