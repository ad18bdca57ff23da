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
    public enum LineProblem: Error, Equatable, Sendable, CustomStringConvertible {
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

    /// Fully decodes a line into a record. The line must be exactly what `encode` writes (the strict scanner of
    /// `verify` checks that, canonical `data` included), so decoding parses only the payload.
    /// The hash is read, not checked: chain checks belong to `LogScanner`.
    public static func decode(line: ArraySlice<UInt8>) throws(LineProblem) -> Record {
        let scanned: ScannedLine
        switch RecordLineScanner.scan(line) {
        case .success(let s): scanned = s
        case .failure(let problem):
            if let bad = TextDecoder.firstInvalidUTF8(line) { throw .invalidUTF8(byteOffset: bad) }
            throw problem
        }
        guard scanned.seq >= 1 else { throw .badLayout("\"seq\" is not a positive integer") }
        let hash = Digest32(hex: String(decoding: scanned.storedHashHex, as: UTF8.self))!
        let prev = Digest32(hex: String(decoding: scanned.prevHex, as: UTF8.self))!
        let data: [String: JSONValue]
        do {
            guard case .object(let object) = try JSONParser.parse(Array(line[scanned.dataRange])) else {
                throw LineProblem.badLayout("\"data\" is not an object")
            }
            data = object
        } catch let problem as LineProblem {
            throw problem
        } catch {
            throw .notJSON("data: \(error)")
        }
        return Record(seq: scanned.seq, prev: prev, hash: hash, batchFirst: scanned.batchFirst, batchLast: scanned.batchLast,
                      id: String(decoding: scanned.idBytes, as: UTF8.self), type: try stringValue(line[scanned.typeRange]),
                      occurredOn: scanned.occurredOn, recordedAt: scanned.recordedAt,
                      actor: try stringValue(line[scanned.actorRange]), data: data)
    }

    /// The text of a validated JSON string literal (quotes included).
    private static func stringValue(_ literal: ArraySlice<UInt8>) throws(LineProblem) -> String {
        let body = literal.dropFirst().dropLast()
        guard body.contains(UInt8(ascii: "\\")) else { return String(decoding: body, as: UTF8.self) }
        guard let text = (try? JSONParser.parse(Array(literal)))?.stringValue else { throw .notJSON("bad string literal") }
        return text
    }
}
