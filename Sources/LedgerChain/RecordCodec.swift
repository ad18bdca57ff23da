import LedgerEvents
import LedgerPlatform

/// The byte layout of a record line (ledger-spec.md, "Record line"). Writing is exact; reading is strict and
/// rejects any line that is not byte-for-byte what `encode` would have written.
public enum RecordCodec {
    /// `{"hash":"` — the line's first 9 bytes.
    static let hashPrefix = RecordLineText.bytes(RecordLineText.hash)
    /// Length of the hash member with its trailing `",`: the bytes dropped (and replaced by `{`) to get the hashed bytes.
    static let hashMemberLength = 9 + 64 + 2

    /// Builds the line (without its newline) and the record hash for an event at `seq`.
    public static func encode(event: Event, id: String, actor: String, seq: Int64, prev: Digest32,
                              batchFirst: Int64, batchLast: Int64, recordedAt: Timestamp,
                              hasher: SHA256) -> (line: [UInt8], hash: Digest32) {
        encode(event: event, id: id, actor: actor, seq: seq, prev: prev, batchFirst: batchFirst, batchLast: batchLast,
               recordedAtText: Array(recordedAt.description.utf8), hasher: hasher)
    }

    /// `encode` with the recording time already rendered (the writer renders it once per batch).
    static func encode(event: Event, id: String, actor: String, seq: Int64, prev: Digest32,
                       batchFirst: Int64, batchLast: Int64, recordedAtText: [UInt8],
                       hasher: SHA256) -> (line: [UInt8], hash: Digest32) {
        // One layout: the chain-independent line, then prev and the hash written in place (`chain`).
        var line = encodeUnchained(event: event, id: id, actor: actor, seq: seq, batchFirst: batchFirst, batchLast: batchLast,
                                   recordedAtText: recordedAtText)
        let hash = chain(&line, prev: prev, hasher: hasher)
        return (line, hash)
    }

    /// Where `prev`'s 64 hex digits start in a line: after `{"hash":"`, the hash and `","prev":"`.
    static let prevOffset = RecordLineText.prevOffset

    /// The line of `encode` with zeros in place of both `hash` and `prev`: everything that does not depend on the
    /// chain, so lines of a batch can be made on several cores and chained in order afterwards (`chain`).
    static func encodeUnchained(event: Event, id: String, actor: String, seq: Int64, batchFirst: Int64, batchLast: Int64,
                                recordedAtText: [UInt8]) -> [UInt8] {
        var line = LineBuffer(capacity: 512)
        appendUnchained(occurredOn: event.occurredOn, payload: event.payload, id: id, actor: actor, seq: seq,
                        batchFirst: batchFirst, batchLast: batchLast, recordedAtText: recordedAtText, to: &line)
        return line.bytes
    }

    /// `appendUnchained` with the event's own actor, or `defaultActor` when it names none (the writer checked,
    /// when it resolved the batch's ids, that one of them is there).
    /// Takes the event's parts, not the event: the writer reads them where the batch's array holds them, and
    /// passing the whole event would copy it (a retain and a release of each of its strings and its payload).
    @inline(__always)
    static func appendUnchained(occurredOn: CalendarDate, actor: String?, payload: EventPayload, id: String, defaultActor: String?,
                                seq: Int64, batchFirst: Int64, batchLast: Int64, recordedAtText: [UInt8], to line: inout LineBuffer) {
        appendUnchained(occurredOn: occurredOn, payload: payload, id: id, actor: actor ?? defaultActor!, seq: seq,
                        batchFirst: batchFirst, batchLast: batchLast, recordedAtText: recordedAtText, to: &line)
    }

    /// `appendUnchained` of an event with this date and payload.
    @inline(__always)
    static func appendUnchained(occurredOn: CalendarDate, payload: EventPayload, id: String, actor: String, seq: Int64,
                                batchFirst: Int64, batchLast: Int64, recordedAtText: [UInt8], to line: inout LineBuffer) {
        appendHead(occurredOn: occurredOn, type: payload.type, id: id, actor: actor, seq: seq, batchFirst: batchFirst,
                   batchLast: batchLast, recordedAtText: recordedAtText, to: &line)
        payload.writeData(to: &line)
        line.append(UInt8(ascii: "}"))
    }

    /// The same line for an event with this date and type whose canonical `data` `appendData` appends (a batch whose
    /// maker writes its events' parts, `EventBatch.Canonical`). Kept apart from the payload's, not that one through a
    /// closure: every other append takes that one.
    @inline(__always)
    static func appendUnchained(occurredOn: CalendarDate, type: String, appendData: (inout LineBuffer) -> Void, id: String, actor: String,
                                seq: Int64, batchFirst: Int64, batchLast: Int64, recordedAtText: [UInt8], to line: inout LineBuffer) {
        appendHead(occurredOn: occurredOn, type: type, id: id, actor: actor, seq: seq, batchFirst: batchFirst,
                   batchLast: batchLast, recordedAtText: recordedAtText, to: &line)
        appendData(&line)
        line.append(UInt8(ascii: "}"))
    }

    /// A record's line up to its `data` member's value: every member before it, in the canonical order.
    @inline(__always)
    private static func appendHead(occurredOn: CalendarDate, type: String, id: String, actor: String, seq: Int64,
                                   batchFirst: Int64, batchLast: Int64, recordedAtText: [UInt8], to line: inout LineBuffer) {
        typealias T = RecordLineText
        // The fixed texts straight from their static bytes: the cores making a batch's lines on every core touch no
        // shared array (whose reference count they would all update, on one cache line, several times a record).
        append(T.hash, to: &line)
        append(placeholderText, to: &line)
        append(T.prev, to: &line)
        append(placeholderText, to: &line)
        append(T.seq, to: &line)
        Bytes.appendDecimal(seq, to: &line)
        append(T.batchFirst, to: &line)
        Bytes.appendDecimal(batchFirst, to: &line)
        append(T.batchLast, to: &line)
        Bytes.appendDecimal(batchLast, to: &line)
        append(T.id, to: &line)
        CanonicalJSON.writeString(id, to: &line)
        append(T.type, to: &line)
        CanonicalJSON.writeString(type, to: &line)
        append(T.occurredOn, to: &line)
        occurredOn.appendISO(to: &line)
        append(T.recordedAt, to: &line)
        line.append(recordedAtText)
        append(T.actor, to: &line)
        CanonicalJSON.writeString(actor, to: &line)
        append(T.data, to: &line)
    }

    /// 64 zeros: the place of `hash` and `prev` before the line is chained.
    private static let placeholderText: StaticString = "0000000000000000000000000000000000000000000000000000000000000000"

    @inline(__always)
    private static func append(_ text: StaticString, to line: inout LineBuffer) {
        line.append(text)
    }

    /// Puts `prev` into a line of `encodeUnchained`, hashes it and puts the hash in: the line `encode` makes.
    static func chain(_ line: inout [UInt8], prev: Digest32, hasher: SHA256) -> Digest32 {
        writeHex(prev, into: &line, at: prevOffset)
        let hash = hashedBytesDigest(line: line[...], hasher: hasher)
        writeHex(hash, into: &line, at: hashPrefix.count)
        return hash
    }

    /// `chain` on the line at `bytes[start..<end]`, in place.
    static func chain(_ bytes: inout [UInt8], lineAt start: Int, end: Int, prev: Digest32) -> Digest32 {
        writeHex(prev, into: &bytes, at: start + prevOffset)
        let hash = hashedBytesDigest(line: bytes[start..<end])
        writeHex(hash, into: &bytes, at: start + hashPrefix.count)
        return hash
    }

    /// Overwrites 64 bytes of `line` at `offset` with the lower-case hex of `digest` (no allocation: this runs
    /// twice per record appended).
    @inline(__always)
    static func writeHex(_ digest: Digest32, into line: inout [UInt8], at offset: Int) {
        Bytes.writeHex(digest, into: &line, at: offset)
    }

    private static let openBrace: [UInt8] = [UInt8(ascii: "{")]

    /// SHA-256 of a line's hashed bytes: `{` followed by the line after its hash member.
    /// The line must be at least `hashMemberLength + 1` bytes (checked by the caller).
    /// `hasher` is not used any more (the hash is one-shot on a stack context); kept so callers need not change.
    public static func hashedBytesDigest(line: ArraySlice<UInt8>, hasher: SHA256) -> Digest32 {
        hashedBytesDigest(line: line)
    }

    /// SHA-256 of a line's hashed bytes, one-shot on a stack context (no hasher object).
    public static func hashedBytesDigest(line: ArraySlice<UInt8>) -> Digest32 {
        SHA256.digest(openBrace[...], line.dropFirst(hashMemberLength))
    }
}

extension ChainError {
    /// What is wrong with a line that cannot be read as a record, in `RecordLineScanner`'s terms; worded in both
    /// languages in one place, `SystemWords.wording(_:)` (`description` is its English). The detail cases are
    /// `indirect`: this value travels in every line's scan result, so it stays small (a failure allocates).
    public enum LineProblem: Equatable, Sendable, CustomStringConvertible {
        case invalidUTF8(byteOffset: Int)
        indirect case notJSON(NotJSON)
        indirect case badLayout(Layout)
        case tooLong(Int)

        /// What is not canonical JSON.
        public enum NotJSON: Equatable, Sendable {
            /// The value of `member` (`id`, `type`, `actor` or `data`), refused by the canonical-JSON validator
            /// (`reason`: its words, `EventWords`).
            case member(String, reason: Wording)
            /// A validated string literal that does not parse (`RecordCodec.stringValue`).
            case badStringLiteral
        }

        /// How a line breaks the record layout (ledger-spec.md section 2), in the scanner's order of checks.
        public enum Layout: Equatable, Sendable {
            /// The layout's fixed text `text` (`RecordLineText`) was expected at byte `byte` (from 1).
            case expected(text: String, byte: Int)
            /// `hash` or `prev` is not 64 lower-case hex digits.
            case notHex(member: String)
            /// `seq`, `batch.first` or `batch.last` is not an integer from 1 to `Limits.jsonIntegerMax` in plain decimal.
            case notACount(member: String)
            /// `id`, `type` or `actor` is not a string.
            case notAString(member: String)
            /// The id breaks the id rules: why (`RecordLineScanner.idProblem`, `EventInput.idProblemWording`).
            case badID(Wording)
            case notATypeName
            case notADate
            case notATime
            case emptyActor
            case dataNotAnObject
            case bytesAfterData
        }

        public var description: String { SystemWords.wording(self).en }
    }
}

extension RecordCodec {
    /// Fully decodes a line into a record. The line must be exactly what `encode` writes (the strict scanner of
    /// `verify` checks that, canonical `data` included), so decoding parses only the payload.
    /// The hash is read, not checked: chain checks belong to `LogScanner`.
    public static func decode(line: ArraySlice<UInt8>) throws(ChainError) -> Record {
        let scanned: ScannedLine
        do { scanned = try RecordLineScanner.scan(line) } catch {
            if let bad = Bytes.firstInvalidUTF8(line) { throw .recordLine(.invalidUTF8(byteOffset: bad)) }
            throw error
        }
        return try decode(line: line, scanned: scanned)
    }

    /// A line's seq, stored hash, type and id from its layout alone, its payload not decoded: for a reader that
    /// checks every line but decodes only the types it folds. Throws where `decode(line:)` throws for the line's layout.
    public static func peek(line: ArraySlice<UInt8>) throws(ChainError) -> (seq: Int64, hash: Digest32, type: String, id: String) {
        let scanned = try RecordLineScanner.scan(line)
        return (scanned.seq, Digest32(hexUTF8: line[scanned.storedHashRange])!,
                String(decoding: line[(scanned.typeRange.lowerBound + 1)..<(scanned.typeRange.upperBound - 1)], as: UTF8.self),
                String(decoding: line[scanned.idRange], as: UTF8.self))
    }

    /// `decode(line:)` of a line `RecordLineScanner.scan` has just read.
    private static func decode(line: ArraySlice<UInt8>, scanned: ScannedLine) throws(ChainError) -> Record {
        let hash = Digest32(hexUTF8: line[scanned.storedHashRange])!
        let prev = Digest32(hexUTF8: line[scanned.prevRange])!
        // The scanner checked the type name (no escapes) and that `data` is canonical JSON, so the payload is
        // typed straight from its bytes.
        let type = String(decoding: line[scanned.typeRange].dropFirst().dropLast(), as: UTF8.self)
        let payload = EventPayload.decoding(type: type, occurredOn: scanned.occurredOn, canonicalData: line[scanned.dataRange])
        return Record(seq: scanned.seq, prev: prev, hash: hash, batchFirst: scanned.batchFirst, batchLast: scanned.batchLast,
                      id: String(decoding: line[scanned.idRange], as: UTF8.self), occurredOn: scanned.occurredOn,
                      recordedAt: scanned.recordedAt, actor: try stringValue(line[scanned.actorRange]), payload: payload)
    }

    /// The text of a validated JSON string literal (quotes included).
    static func stringValue(_ literal: ArraySlice<UInt8>) throws(ChainError) -> String {
        let body = literal.dropFirst().dropLast()
        guard body.contains(UInt8(ascii: "\\")) else { return String(decoding: body, as: UTF8.self) }
        guard let text = (try? JSONParser.parse(Array(literal)))?.stringValue else { throw .recordLine(.notJSON(.badStringLiteral)) }
        return text
    }
}
