import LedgerChain
import LedgerEvents
import LedgerPlatform

/// One record as `FundFold` reads it: what `FundFold.apply` or `FundFold.skip` is given, before decoding. The
/// derived state keeps one per record, so that replaying them is the same fold as reading the log (the same decode,
/// the same apply): a record of a type the fold reads, or of a type this version does not know (reported as an
/// anomaly), keeps its business date, type and `data`; a record of another known type keeps only its id (`data`
/// nil), which a correction may name: the fold reads nothing else of it (`FundFold.skip`), and the file keeps
/// nothing else (ledger-spec.md 15.2).
public struct FundInput: Equatable, Sendable {
    public let seq: Int64
    public let id: String
    /// The business date; day 0 (1970-01-01) for a skipped record (`data` nil), whose date the file does not keep.
    public let occurredOn: CalendarDate
    /// The record's `type` as written (it may be unknown to this version); empty for a skipped record (`data` nil),
    /// whose type the file does not keep.
    public let typeName: String
    /// The record's `data` object, canonical bytes as in the log (commitments, never a personal value: 10.3); nil
    /// for a record the fold skips.
    public let data: [UInt8]?

    /// An input; for a skipped record (`data` nil) the date and type given are not kept (day 0 and an empty
    /// type, as the file gives them back), so that inputs compare equal exactly when their bytes in the file do.
    public init(seq: Int64, id: String, occurredOn: CalendarDate, typeName: String, data: [UInt8]?) {
        self.seq = seq; self.id = id; self.data = data
        self.occurredOn = data == nil ? CalendarDate(dayNumber: 0) : occurredOn
        self.typeName = data == nil ? "" : typeName
    }

    /// The input for a verified line, as `FundFold.read` treats it.
    init(_ line: VerifiedLine) {
        let typeName = String(decoding: line.typeBytes, as: UTF8.self)
        let skipped = FundFold.knownType(line.typeBytes).map { !FundFold.reads($0) } ?? false
        self.init(seq: line.location.seq, id: String(decoding: line.idBytes, as: UTF8.self), occurredOn: line.occurredOn,
                  typeName: typeName, data: skipped ? nil : Array(line.dataBytes))
    }
}
