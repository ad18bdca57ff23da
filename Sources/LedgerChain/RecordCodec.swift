import LedgerEvents
import LedgerPlatform

/// The byte layout of a record line (ledger-spec.md, "Record line"). Writing is exact; reading is strict and
/// rejects any line that is not byte-for-byte what `encode` would have written.
public enum RecordCodec {
    /// `{"hash":"` — the line's first 9 bytes.
    static let hashPrefix = Array("{\"hash\":\"".utf8)
    /// Length of the hash member with its trailing `",`: the bytes dropped (and replaced by `{`) to get the hashed bytes.
    static let hashMemberLength = 9 + 64 + 2

    /// Builds the line (without its newline) and the record hash for an event at `seq`.
    public static func encode(event: Event, id: String, actor: String, seq: Int64, prev: Digest32,
                              batchFirst: Int64, batchLast: Int64, recordedAt: Timestamp,
                              hasher: SHA256) -> (line: [UInt8], hash: Digest32) {
        var body = [UInt8]()
        body.reserveCapacity(256)
        body.append(contentsOf: Array("{\"prev\":\"".utf8))
        body.append(contentsOf: Array(prev.hex.utf8))
        body.append(contentsOf: Array("\",\"seq\":".utf8))
        CanonicalJSON.writeInteger(seq, to: &body)
        body.append(contentsOf: Array(",\"v\":1,\"batch\":{\"first\":".utf8))
        CanonicalJSON.writeInteger(batchFirst, to: &body)
        body.append(contentsOf: Array(",\"last\":".utf8))
        CanonicalJSON.writeInteger(batchLast, to: &body)
        body.append(contentsOf: Array("},\"id\":".utf8))
        CanonicalJSON.writeString(id, to: &body)
        body.append(contentsOf: Array(",\"type\":".utf8))
        CanonicalJSON.writeString(event.type, to: &body)
        body.append(contentsOf: Array(",\"occurred_on\":\"".utf8))
        body.append(contentsOf: Array(event.occurredOn.description.utf8))
        body.append(contentsOf: Array("\",\"recorded_at\":\"".utf8))
        body.append(contentsOf: Array(recordedAt.description.utf8))
        body.append(contentsOf: Array("\",\"actor\":".utf8))
        CanonicalJSON.writeString(actor, to: &body)
        body.append(contentsOf: Array(",\"data\":".utf8))
        CanonicalJSON.write(.object(event.data), to: &body)
        body.append(UInt8(ascii: "}"))
        let hash = hasher.hash(body)
        var line = [UInt8]()
        line.reserveCapacity(body.count + hashMemberLength)
        line.append(contentsOf: hashPrefix)
        line.append(contentsOf: Array(hash.hex.utf8))
        line.append(contentsOf: Array("\",".utf8))
        line.append(contentsOf: body.dropFirst())
        return (line, hash)
    }

    private static let openBrace: [UInt8] = [UInt8(ascii: "{")]

    /// SHA-256 of a line's hashed bytes: `{` followed by the line after its hash member.
    /// The line must be at least `hashMemberLength + 1` bytes (checked by the caller).
    public static func hashedBytesDigest(line: ArraySlice<UInt8>, hasher: SHA256) -> Digest32 {
        hasher.begin()
        hasher.update(openBrace)
        hasher.update(line.dropFirst(hashMemberLength))
        return hasher.finish()
    }

    /// What is wrong with a line that cannot be read as a record.
    public enum LineProblem: Error, Equatable, CustomStringConvertible {
        case invalidUTF8(byteOffset: Int)
        case notJSON(String)
        case badLayout(String)
        case tooLong(Int)

        public var description: String {
            switch self {
            case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset + 1)"
            case .notJSON(let why): return "not valid JSON: \(why)"
            case .badLayout(let why): return "not a record line: \(why)"
            case .tooLong(let count): return "line is \(count) bytes, longer than \(Limits.recordBytesMax) (limit recordBytesMax)"
            }
        }
    }

    /// Fully decodes a line into a record, checking that it is exactly the line `encode` would write for it.
    /// The hash is read, not checked: chain checks belong to `LogScanner`.
    public static func decode(line: ArraySlice<UInt8>, hasher: SHA256) throws(LineProblem) -> Record {
        guard line.count <= Limits.recordBytesMax else { throw .tooLong(line.count) }
        if let bad = TextDecoder.firstInvalidUTF8(line) { throw .invalidUTF8(byteOffset: bad) }
        let value: JSONValue
        do { value = try JSONParser.parse(Array(line)) } catch { throw .notJSON(error.description) }
        guard case .object(let m) = value else { throw .badLayout("a record is a JSON object") }
        let expected: Set<String> = ["hash", "prev", "seq", "v", "batch", "id", "type", "occurred_on", "recorded_at", "actor", "data"]
        guard Set(m.keys) == expected else {
            let missing = expected.subtracting(m.keys).sorted(), extra = Set(m.keys).subtracting(expected).sorted()
            throw .badLayout("members missing \(missing), unexpected \(extra)")
        }
        guard let hash = m["hash"]?.stringValue.flatMap({ Digest32(hex: $0) }) else { throw .badLayout("\"hash\" is not 64 lower-case hex digits") }
        guard let prev = m["prev"]?.stringValue.flatMap({ Digest32(hex: $0) }) else { throw .badLayout("\"prev\" is not 64 lower-case hex digits") }
        guard let seq = m["seq"]?.integerValue, seq >= 1 else { throw .badLayout("\"seq\" is not a positive integer") }
        guard m["v"] == .integer(1) else { throw .badLayout("\"v\" is not 1; this reader knows format version 1 only") }
        guard let first = m["batch"]?["first"]?.integerValue, let last = m["batch"]?["last"]?.integerValue,
              m["batch"]?.objectValue?.count == 2 else { throw .badLayout("\"batch\" is not {\"first\":N,\"last\":N}") }
        guard let id = m["id"]?.stringValue else { throw .badLayout("\"id\" is not a string") }
        // Ids are written without escapes (EventInput.idProblem); the verify scanner relies on it.
        if let problem = EventInput.idProblem(id) { throw .badLayout("\"id\" \(problem)") }
        guard let type = m["type"]?.stringValue else { throw .badLayout("\"type\" is not a string") }
        guard let occurred = m["occurred_on"]?.stringValue.flatMap({ CalendarDate(iso: $0) }) else { throw .badLayout("\"occurred_on\" is not a YYYY-MM-DD date") }
        guard let recorded = m["recorded_at"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else { throw .badLayout("\"recorded_at\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ") }
        guard let actor = m["actor"]?.stringValue else { throw .badLayout("\"actor\" is not a string") }
        guard let data = m["data"]?.objectValue else { throw .badLayout("\"data\" is not an object") }
        let event = Event(id: id, type: type, occurredOn: occurred, actor: actor, data: data)
        let (canonical, _) = encode(event: event, id: id, actor: actor, seq: seq, prev: prev, batchFirst: first,
                                    batchLast: last, recordedAt: recorded, hasher: hasher)
        // The hash member differs if the hash is wrong; compare only what follows it.
        guard canonical.count == line.count, canonical.dropFirst(hashMemberLength).elementsEqual(line.dropFirst(hashMemberLength)),
              line.starts(with: hashPrefix) else {
            throw .badLayout("members are not in the canonical order and spelling (ledger-spec.md, \"Record line\")")
        }
        return Record(seq: seq, prev: prev, hash: hash, batchFirst: first, batchLast: last, id: id, type: type,
                      occurredOn: occurred, recordedAt: recorded, actor: actor, data: data)
    }
}
