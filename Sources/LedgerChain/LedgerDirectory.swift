import LedgerEvents
import LedgerPlatform

/// A ledger on disk: a directory holding `ledger.json` (identity), `events.jsonl` (the log), `acknowledged` (the
/// acknowledged head), `lock` (the writers' lock), `index/` (rebuildable indexes, never trusted by verify) and, once
/// personal data is recorded, `private/` (`PrivateStore`: checked when it is opened, so that verify never depends on it).
public struct LedgerDirectory: Sendable {
    public let path: String
    /// The ledger's name, chosen at init; it identifies the ledger in checkpoints.
    public let name: String
    /// When the ledger was created.
    public let createdAt: Timestamp

    /// Whether the notices the libraries write about this ledger (a derived-state file rebuilt, a torn tail
    /// discarded: `SystemWords`) are in Chinese; the command line sets it from `--lang`.
    public var messagesInChinese = false

    public var identityPath: String { path + "/ledger.json" }
    public var eventsPath: String { path + "/events.jsonl" }
    public var lockPath: String { path + "/lock" }
    public var indexPath: String { path + "/index" }

    /// The identity file's `format` value.
    public static let formatName = "common-property-ledger"

    /// Creates an empty ledger. Refuses a path that exists and is not an empty directory. On any failure (a full
    /// disk, say) everything it created is removed again, so running the same command once there is space works.
    @discardableResult
    public static func create(at path: String, name: String, createdAt: Timestamp) throws(ChainError) -> LedgerDirectory {
        if let fault = EventInput.idFault(name) { throw .invalidBatch(SystemWords.badLedgerName(name, fault)) }
        var madeDirectory = false
        if PosixFile.exists(path) {
            guard PosixFile.isDirectory(path) else { throw .alreadyExists(path: path) }
            if (try? PosixFile.isEmptyDirectory(path)) != true {
                // An earlier `create` killed before it wrote ledger.json left only its own empty files: made again
                // (they hold nothing; without this, the folder could only be removed by hand). Anything else is refused.
                guard let leftovers = interruptedCreation(at: path) else { throw .alreadyExists(path: path) }
                for name in leftovers { try? PosixFile.remove(path + "/" + name) }
                guard (try? PosixFile.isEmptyDirectory(path)) == true else { throw .alreadyExists(path: path) }
            }
        } else {
            do { try PosixFile.makeDirectory(path) } catch { throw .notCreated(path: path, error: error) }
            madeDirectory = true
        }
        let identity: JSONValue = .object([
            "format": .string(formatName), "version": .integer(1), "name": .string(name),
            "created_at": .string(createdAt.description),
        ])
        var created: [String] = []
        do {
            // The log file first, then the identity: a directory with ledger.json always has its log.
            let events = try PosixFile(path: path + "/events.jsonl", mode: .createNew(permissions: 0o644), followLinks: false)
            created.append(path + "/events.jsonl")
            try events.sync()
            events.close()
            // Both slots empty: nothing acknowledged yet. Made now so that every append writes it in place.
            let acknowledged = try PosixFile(path: path + "/acknowledged", mode: .createNew(permissions: 0o644), followLinks: false)
            created.append(path + "/acknowledged")
            try acknowledged.write(AcknowledgedHead.fileBytes(nil, nil), at: 0)
            try acknowledged.sync()
            acknowledged.close()
            _ = try PosixFile(path: path + "/lock", mode: .createNew(permissions: 0o644), followLinks: false)
            created.append(path + "/lock")
            try PosixFile.makeDirectory(path + "/index")
            created.append(path + "/index")
            try PosixFile.writeAtomically(CanonicalJSON.encode(identity) + [0x0A], to: path + "/ledger.json", existing: .refuse)
            created.append(path + "/ledger.json")
            try PosixFile.syncDirectory(path)
            try PosixFile.syncDirectory(PosixFile.directoryName(of: path))
        } catch {
            for made in created.reversed() { try? PosixFile.remove(made) }
            if madeDirectory { try? PosixFile.remove(path) }
            throw .notCreated(path: path, error: error)
        }
        return LedgerDirectory(path: path, name: name, createdAt: createdAt)
    }

    /// The names in `path` when it holds only what `create` makes before it writes `ledger.json` (an empty
    /// `events.jsonl`, `acknowledged`, `lock`, an empty `index/`, a temporary of `ledger.json`), none a link: a
    /// creation killed midway, which holds no record. Nil when it holds anything else.
    static func interruptedCreation(at path: String) -> [String]? {
        guard let names = try? PosixDirectory(path: path).names(), !names.contains("ledger.json") else { return nil }
        for name in names {
            let full = path + "/" + name
            switch name {
            case "events.jsonl":
                guard PosixFile.kind(at: full, followLinks: false) == .regular,
                      let file = try? PosixFile(path: full, mode: .read, followLinks: false) else { return nil }
                defer { file.close() }
                guard (try? file.size()) == 0 else { return nil }
            case "acknowledged", "lock":
                guard PosixFile.kind(at: full, followLinks: false) == .regular else { return nil }
            case "index":
                guard PosixFile.kind(at: full, followLinks: false) == .directory, (try? PosixFile.isEmptyDirectory(full)) == true else { return nil }
            default:
                guard name.hasPrefix(".ledger.json.tmp-"), PosixFile.kind(at: full, followLinks: false) == .regular else { return nil }
            }
        }
        return names
    }

    /// The files a ledger directory may hold, with the kind each must be (the Merkle files are LedgerMerkle's,
    /// named here because the check belongs to opening the directory). Each is checked without following links
    /// before a command uses the ledger, and opened with O_NOFOLLOW. The id index is every level of its chain
    /// (`ids`, `ids-2` … `ids-24`, `IdIndex.levelName`; ledger-spec.md 15.3), and version 1's `ids-recent`, which
    /// the writer removes when it finds it: a link in its place is refused like any other, never followed.
    static let memberKinds: [(name: String, kind: FileKind)] = [
        ("ledger.json", .regular), ("events.jsonl", .regular), ("acknowledged", .regular), ("lock", .regular), ("index", .directory),
        ("index/merkle.idx", .regular), ("index/offsets.idx", .regular), ("index/merkle.lock", .regular),
        ("index/funds.state", .regular), ("index/" + IdIndex.legacyRecentName, .regular),
    ] + (1...IdIndex.levelsMax).map { ("index/" + IdIndex.levelName($0), FileKind.regular) }

    /// The ledger directory that `path` (absolute, canonical) is in, or is; nil when it is in none. A ledger is
    /// recognised by `events.jsonl` beside `ledger.json` or `lock` (a half-made one counts too).
    public static func enclosing(_ path: String) -> String? {
        PosixFile.enclosingDirectory(of: path) { candidate in
            PosixFile.kind(at: candidate + "/events.jsonl", followLinks: false) != nil
                && (PosixFile.kind(at: candidate + "/ledger.json", followLinks: false) != nil
                    || PosixFile.kind(at: candidate + "/lock", followLinks: false) != nil)
        }
    }

    /// Opens an existing ledger by reading its identity file.
    public static func open(_ path: String) throws(ChainError) -> LedgerDirectory {
        guard PosixFile.isDirectory(path) else { throw .notALedger(path: path, reason: Wording(en: "no such directory", zh: "没有这个目录")) }
        for member in memberKinds {
            let memberPath = path + "/" + member.name
            if let kind = PosixFile.kind(at: memberPath, followLinks: false), kind != member.kind {
                throw .unsafeLedgerFile(path: memberPath, kind: kind, expected: member.kind)
            }
        }
        // A ledger whose identity file is damaged is restored from a backup; any other folder is not a ledger (the
        // wrong --ledger, another program's files). A ledger: the identity file says so, or a log lies beside it,
        // or, with no identity file, the log holds records (an `init` killed before it wrote ledger.json leaves an
        // empty log, which `init` completes).
        let logExists = PosixFile.kind(at: path + "/events.jsonl", followLinks: false) != nil
        func refused(_ reason: Wording, identified: Bool = false) -> ChainError {
            logExists || identified ? .damagedIdentity(path: path, reason: reason) : .notALedger(path: path, reason: reason)
        }
        let bytes: [UInt8]
        do { bytes = try PosixFile.readRegularFile(path + "/ledger.json", bytesMax: 64 * 1024, followLinks: false).bytes } catch {
            switch error {
            case .file(let e) where e.isNotFound:
                let reason = Wording(en: "ledger.json is missing", zh: "缺少 ledger.json")
                // Asked only here, so opening a sound ledger costs no extra open of its log.
                let hasRecords = logExists && ((try? PosixFile(path: path + "/events.jsonl", mode: .read, followLinks: false).status().size) ?? 0) > 0
                throw hasRecords ? .damagedIdentity(path: path, reason: reason) : .notALedger(path: path, reason: reason)
            // Unreadable (permissions, I/O): not damage a backup would mend; the OS's reason is the message.
            case .file(let e): throw .notALedger(path: path, reason: SystemWords.fileError(e))
            case .notRegularFile(let p, let kind): throw .unsafeLedgerFile(path: p, kind: kind, expected: .regular)
            case .tooLarge: throw refused(Wording(en: "ledger.json is not a \(formatName) identity file (larger than 64 KiB)", zh: "ledger.json 不是 \(formatName) 身份文件（超过 64 KiB）"))
            }
        }
        let identity: JSONValue
        do { identity = try JSONParser.parse(bytes, negativeZero: true) } catch {
            throw refused(Wording(en: "ledger.json is not valid JSON: \(error.fileWording.en)", zh: "ledger.json 不是有效的 JSON：\(error.fileWording.zh)"))
        }
        guard identity["format"]?.stringValue == formatName else {
            let shown = identity["format"].map(CanonicalJSON.string) ?? "none"
            throw refused(Wording(en: "ledger.json's \"format\" is \(shown), not \"\(formatName)\"",
                                  zh: "ledger.json 的“format”是 \(shown)，不是“\(formatName)”"))
        }
        guard identity["version"]?.integerValue == 1 else {
            // A later version is a newer program's ledger, not damage and never a reason to `init`: the data is there.
            // (Thrown as `invalidBatch`, the log layer's case for a message of its own, to keep ChainError's cases as
            // they are.)
            if let version = identity["version"]?.integerValue, version > 1 {
                throw .invalidBatch(SystemWords.newerLedgerVersion(path, version: version, reads: 1))
            }
            let version = identity["version"].map(CanonicalJSON.string) ?? "none"
            throw refused(Wording(en: "ledger.json has format version \(version); the version is a whole number, 1 for every ledger this program writes",
                                  zh: "ledger.json 的格式版本是 \(version)；版本应是整数，本程序写的账本都是 1"), identified: true)
        }
        guard let name = identity["name"]?.stringValue else {
            let shown = identity["name"].map(CanonicalJSON.string) ?? "missing"
            throw refused(Wording(en: "ledger.json's \"name\" must be a string, found \(shown)", zh: "ledger.json 的“name”必须是字符串，实际为 \(shown)"),
                          identified: true)
        }
        guard let created = identity["created_at"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else {
            let shown = identity["created_at"].map(CanonicalJSON.string) ?? "missing"
            throw refused(Wording(en: "ledger.json's \"created_at\" must be a UTC time such as \"2025-01-01T08:00:00Z\", found \(shown)",
                                  zh: "ledger.json 的“created_at”必须是 UTC 时间，如“2025-01-01T08:00:00Z”，实际为 \(shown)"),
                          identified: true)
        }
        guard logExists else {
            throw refused(Wording(en: "events.jsonl is missing", zh: "缺少 events.jsonl"), identified: true)
        }
        return LedgerDirectory(path: path, name: name, createdAt: created)
    }
}
