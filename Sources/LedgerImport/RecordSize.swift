import LedgerEvents
import LedgerPlatform

/// The length of the record line the writer makes of an event (ledger-spec.md, "Record line"; `RecordCodec` in
/// LedgerChain writes it from `RecordLineText`), counted before the append, so that an import's plan — and its dry
/// run — refuses a row whose record the writer would refuse (longer than `Limits.recordBytesMax`), naming the file,
/// row and cells, instead of the append failing after the check with a message that names none of them.
///
/// What is not known before the append is counted at its largest: the seq and the batch's first and last seq at 19
/// digits each, and an actor not given at `actorBytesAssumed` bytes. The count is thus at most some 60 bytes (plus
/// the actor's) above the writer's: a row that close to the limit is refused a little early, never let through.
enum RecordSize {
    /// The bytes an actor not known to the plan is counted at (as written, quotes included).
    static let actorBytesAssumed = 256

    /// The digits of a seq counted (Int64's largest has 19).
    static let seqDigitsMax = 19

    /// The bytes of every fixed text of a record line, the hash's and prev's 64 hex digits, the date's 10 and the
    /// recording time's 20 (`YYYY-MM-DDTHH:MM:SSZ`), and the closing brace.
    static let fixedBytes: Int = {
        typealias T = RecordLineText
        let texts: [StaticString] = [T.hash, T.prev, T.seq, T.batchFirst, T.batchLast, T.id, T.type, T.occurredOn,
                                     T.recordedAt, T.actor, T.data]
        return texts.reduce(0) { $0 + $1.utf8CodeUnitCount } + 64 + 64 + 10 + 20 + 1
    }()

    /// The largest length of the record line of an event with this id, type and `data` of `dataBytes` bytes, recorded
    /// by `actor` (nil: `actorBytesAssumed`), newline excluded.
    static func lineBytesMax(id: String, type: String, dataBytes: Int, actor: String?) -> Int {
        fixedBytes + 3 * seqDigitsMax + written(id) + written(type) + (actor.map(written) ?? actorBytesAssumed) + dataBytes
    }

    /// A string's bytes as a record writes it: quotes and escapes included.
    static func written(_ text: String) -> Int { CanonicalJSON.encode(.string(text)).count }
}
