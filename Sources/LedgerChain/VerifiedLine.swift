import LedgerEvents
import LedgerPlatform

/// A record line that passed every chain check, handed to a visitor during a scan.
public struct VerifiedLine {
    public let location: RecordLocation
    public let hash: Digest32
    /// The hash of the record before (`prev`, checked).
    public let prev: Digest32
    public let batchFirst: Int64
    public let batchLast: Int64
    /// The id's bytes (ids hold no escapes, so these are the id's UTF-8).
    public let idBytes: ArraySlice<UInt8>
    /// The whole line without its newline; valid only during the visit.
    public let line: ArraySlice<UInt8>
    /// Where the `type` and `actor` string literals (quotes included) and `data` lie in `line`.
    @usableFromInline let typeRange: Range<Int>
    let actorRange: Range<Int>
    @usableFromInline let dataRange: Range<Int>
    /// The business date of the record.
    public let occurredOn: CalendarDate
    public let recordedAt: Timestamp

    /// The line's parts, from the layout the scan read. The scan may have run on a copy of the line (verify scans
    /// parts of a chunk on several cores): its ranges are moved to `line`'s indexes by the line's start, which is
    /// 9 bytes (`{"hash":"`) before the hash. Only indexes are kept, no reference to the copy.
    init(location: RecordLocation, hash: Digest32, prev: Digest32, line: ArraySlice<UInt8>, scanned: ScannedLine) {
        let shift = line.startIndex - scanned.lineStart
        func moved(_ range: Range<Int>) -> Range<Int> { (range.lowerBound + shift)..<(range.upperBound + shift) }
        self.location = location
        self.hash = hash
        self.prev = prev
        batchFirst = scanned.batchFirst
        batchLast = scanned.batchLast
        idBytes = line[moved(scanned.idRange)]
        self.line = line
        typeRange = moved(scanned.typeRange)
        actorRange = moved(scanned.actorRange)
        dataRange = moved(scanned.dataRange)
        occurredOn = scanned.occurredOn
        recordedAt = scanned.recordedAt
    }

    /// The event type's bytes, without quotes (type names hold no escapes). Inlinable, as `dataBytes`: a whole-city
    /// rebuild asks it of every line from another module, where a call cost some 60 instructions (callgrind).
    @inlinable public var typeBytes: ArraySlice<UInt8> { line[(typeRange.lowerBound + 1)..<(typeRange.upperBound - 1)] }

    /// The line's `data` object (canonical bytes).
    @inlinable public var dataBytes: ArraySlice<UInt8> { line[dataRange] }

    /// Whether the actor's string literal holds no escape: `record()` then reads it without fail.
    public var actorIsPlain: Bool { !line[actorRange].contains(UInt8(ascii: "\\")) }

    /// Decodes the record from what the scan read (the line is not scanned a second time, no hex is parsed).
    public func record() throws(ChainError) -> Record {
        let type = String(decoding: typeBytes, as: UTF8.self)
        let payload = EventPayload.decoding(type: type, occurredOn: occurredOn, canonicalData: dataBytes)
        return Record(seq: location.seq, prev: prev, hash: hash, batchFirst: batchFirst, batchLast: batchLast,
                      id: String(decoding: idBytes, as: UTF8.self), occurredOn: occurredOn, recordedAt: recordedAt,
                      actor: try RecordCodec.stringValue(line[actorRange]), payload: payload)
    }
}
