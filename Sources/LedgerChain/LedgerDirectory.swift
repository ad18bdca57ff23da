import LedgerEvents
import LedgerPlatform

/// A ledger on disk: a directory holding `ledger.json` (identity), `events.jsonl` (the log), `lock` (the
/// writers' lock) and `index/` (rebuildable indexes, never trusted by verify).
public struct LedgerDirectory: Sendable {
    public let path: String
    /// The ledger's name, chosen at init; it identifies the ledger in checkpoints.
    public let name: String
    /// When the ledger was created.
    public let createdAt: Timestamp

    public var identityPath: String { path + "/ledger.json" }
    public var eventsPath: String { path + "/events.jsonl" }
    public var lockPath: String { path + "/lock" }
    public var indexPath: String { path + "/index" }

    /// The identity file's `format` value.
    public static let formatName = "common-property-ledger"

    /// Creates an empty ledger. Refuses a path that exists and is not an empty directory.
    @discardableResult
    public static func create(at path: String, name: String, createdAt: Timestamp) throws(ChainError) -> LedgerDirectory {
        if let problem = EventInput.idProblem(name) {
            throw .invalidBatch("ledger name \"\(name)\" \(problem)")
        }
        if PosixFile.exists(path) {
            guard PosixFile.isDirectory(path), (try? PosixFile.isEmptyDirectory(path)) == true else { throw .alreadyExists(path: path) }
        } else {
            do { try PosixFile.makeDirectory(path) } catch { throw .file(error) }
        }
        let identity: JSONValue = .object([
            "format": .string(formatName), "version": .integer(1), "name": .string(name),
            "created_at": .string(createdAt.description),
        ])
        do {
            // The log file first, then the identity: a directory with ledger.json always has its log.
            let events = try PosixFile(path: path + "/events.jsonl", mode: .createNew(permissions: 0o644))
            try events.sync()
            events.close()
            _ = try PosixFile(path: path + "/lock", mode: .createNew(permissions: 0o644))
            try PosixFile.makeDirectory(path + "/index")
            try PosixFile.writeAtomically(CanonicalJSON.encode(identity) + [0x0A], to: path + "/ledger.json")
            try PosixFile.syncDirectory(path)
            try PosixFile.syncDirectory(PosixFile.directoryName(of: path))
        } catch {
            throw .file(error)
        }
        return LedgerDirectory(path: path, name: name, createdAt: createdAt)
    }

    /// Opens an existing ledger by reading its identity file.
    public static func open(_ path: String) throws(ChainError) -> LedgerDirectory {
        guard PosixFile.isDirectory(path) else { throw .notALedger(path: path, reason: "no such directory") }
        let bytes: [UInt8]
        do { bytes = try PosixFile(path: path + "/ledger.json", mode: .read).readAll() } catch {
            throw .notALedger(path: path, reason: error.isNotFound ? "ledger.json is missing" : error.description)
        }
        guard let identity = try? JSONParser.parse(bytes), identity["format"]?.stringValue == formatName else {
            throw .notALedger(path: path, reason: "ledger.json is not a \(formatName) identity file")
        }
        guard identity["version"]?.integerValue == 1 else {
            throw .notALedger(path: path, reason: "ledger.json has format version \(identity["version"].map(CanonicalJSON.string) ?? "none"); this program reads version 1")
        }
        guard let name = identity["name"]?.stringValue,
              let created = identity["created_at"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else {
            throw .notALedger(path: path, reason: "ledger.json lacks name or created_at")
        }
        guard PosixFile.exists(path + "/events.jsonl") else { throw .notALedger(path: path, reason: "events.jsonl is missing") }
        return LedgerDirectory(path: path, name: name, createdAt: created)
    }
}
