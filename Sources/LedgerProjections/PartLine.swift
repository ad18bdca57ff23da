import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Where one of a part's own records lies in `events.jsonl` (its seq, the line's byte offset and length without the
/// newline) and the record's hash: what `index/checks.state` keeps of each `asset.registered`, `asset.updated` and
/// `asset.retired` record in its part's `Z` entry (ledger-spec.md 15.4, version 6), as `index/scopes`' entries keep
/// every record. `ledger import assets` reads an updated part's records by these places instead of its group in
/// `index/scopes`, which is its whole community (docs/perf-import47.md).
public struct PartLine: Equatable, Sendable {
    public let seq: Int64
    public let offset: Int64
    public let count: Int
    public let hash: Digest32

    public init(seq: Int64, offset: Int64, count: Int, hash: Digest32) {
        self.seq = seq
        self.offset = offset
        self.count = count
        self.hash = hash
    }

    /// The line of `record`, read at `location`.
    init(_ record: Record, at location: RecordLocation) {
        self.init(seq: record.seq, offset: location.byteOffset, count: location.byteCount, hash: record.hash)
    }

    /// Appends the line to an `Z` value: seq, offset and length (LEB128), then the 32-byte hash.
    func write(to w: inout ValueWriter) {
        w.varint(UInt64(seq)); w.varint(UInt64(offset)); w.varint(UInt64(count)); w.bytes += hash.bytes
    }

    /// The lines of an `Z` value, in seq order; nil for the empty value (a part some of whose facts in effect are
    /// corrections' replacements: its records are read by its group) or a malformed one.
    static func decode(_ value: [UInt8]) -> [PartLine]? {
        guard !value.isEmpty else { return nil }
        var r = ValueReader(value)
        var lines: [PartLine] = []
        while !r.atEnd {
            guard let seq = r.varint(), let offset = r.varint(), let count = r.varint(),
                  seq > 0, seq <= UInt64(Int64.max), offset <= UInt64(Int64.max), count <= UInt64(Int32.max),
                  value.count - r.offset >= 32 else { return nil }
            let hash = Digest32(value, at: r.offset)
            r.offset += 32
            // Strictly increasing: each record once, as the fold writes them.
            guard lines.last.map({ $0.seq < Int64(seq) }) ?? true else { return nil }
            lines.append(PartLine(seq: Int64(seq), offset: Int64(offset), count: Int(count), hash: hash))
        }
        return lines
    }

    /// The records at `lines` (any order, repeats allowed), read by position from `events.jsonl`, each checked as a
    /// scoped read checks a line of `index/scopes` (its computed hash the stored one, then its seq and stored hash
    /// once decoded), in seq order; nil when one does not check (the stored state does not match the log: the
    /// caller reads the whole log, and `verify --index` reports the state).
    /// - Throws: `ChainError.file` when the log cannot be opened or read.
    /// - Complexity: one read of each line.
    static func records(_ directory: LedgerDirectory, at lines: [PartLine]) throws(ChainError) -> [Record]? {
        var sorted = lines.sorted { $0.seq < $1.seq }
        // A record named twice (a part found both ways) is read once.
        var unique: [PartLine] = []
        unique.reserveCapacity(sorted.count)
        for line in sorted where unique.last?.seq != line.seq { unique.append(line) }
        sorted = unique
        guard !sorted.isEmpty else { return [] }
        let log: PosixFile
        do { log = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw ChainError.file(error) }
        defer { log.close() }
        var buffer: [UInt8] = []
        var records: [Record] = []
        records.reserveCapacity(sorted.count)
        for line in sorted {
            do { try log.read(at: line.offset, count: line.count, into: &buffer) } catch { throw ChainError.file(error) }
            // The hash member (`{"hash":"` + 64 hex + `",`), as `hashedBytesDigest` needs.
            guard buffer.count == line.count, line.count > 75, RecordCodec.hashedBytesDigest(line: buffer[...]) == line.hash,
                  let record = try? RecordCodec.decode(line: buffer[...]), record.seq == line.seq, record.hash == line.hash else { return nil }
            records.append(record)
        }
        return records
    }
}
