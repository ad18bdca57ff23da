import LedgerEvents
import LedgerPlatform

/// `private/` beside the log (ledger-spec.md 10.3): the opening — salt and value — of every personal commitment the
/// log holds, one file per commitment, so that deleting a file erases a person without changing a byte of the log.
/// Never part of the evidence: `verify` does not read it, and a missing or damaged entry only makes reports show
/// （个人信息缺失）.
///
/// Files: `<64 hex of the commitment>` holding `{"commitment":"…","format":"ledger-personal/v1","salt":"<64 hex>",
/// "value":"…"}` and LF (canonical JSON, mode 0600), and while an erasure is being completed `erasure.pending`, the
/// `personal_data.erased` event it will append. The directory (mode 0700) and every file in it are opened without
/// following links; files are replaced only by rename, so a reader sees an entry whole or not at all.
public final class PrivateStore {
    /// The directory's name inside the ledger.
    public static let directoryName = "private"
    /// The `format` member of an entry.
    public static let entryFormat = "ledger-personal/v1"
    /// The file holding an erasure not yet completed.
    public static let pendingErasureName = "erasure.pending"
    /// Largest entry read: a value is at most 64 KiB of text, written with escapes at most six bytes a byte.
    public static let entryBytesMax = 512 * 1024

    /// What `private/` holds, as read for a report or by a writer.
    public struct Contents: Sendable {
        /// The entries that open their commitment, by commitment.
        public var openings: [PersonalCommitment: PersonalOpening] = [:]
        /// The bytes of `erasure.pending` (an event input line), when an erasure was interrupted.
        public var pendingErasure: [UInt8]? = nil
        /// What could not be read: damaged entries, an unreadable directory (one sentence each, naming the file), in
        /// English and Chinese (reports warn in the reader's language).
        public var problems: [Wording] = []
        /// Whether `private/` exists.
        public var exists = false

        public init() {}

        /// The commitments an interrupted erasure names: shown as erased, although its record is not in the log yet.
        public var pendingCommitments: [PersonalCommitment] {
            guard let bytes = pendingErasure, let line = bytes.split(separator: 0x0A).first,
                  let event = try? EventInput.parse(line: Array(line), source: PrivateStore.pendingErasureName, lineNumber: 1),
                  case .personalDataErased(let erased)? = event.payload.domain else { return [] }
            return erased.commitments
        }
    }

    /// Reads `private/` for a report, without the lock and without failing: what cannot be read is listed in
    /// `problems` and its values shown as missing.
    public static func read(_ ledger: LedgerDirectory) -> Contents {
        var contents = Contents()
        let path = ledger.path + "/" + directoryName
        guard let kind = PosixFile.kind(at: path, followLinks: false) else { return contents }
        guard kind == .directory else {
            contents.problems.append(Wording(en: "\(path) is \(kind), not a directory; it is not read",
                                             zh: "\(path) 是\(kind.chineseName)，不是目录；不读取它"))
            return contents
        }
        contents.exists = true
        do {
            let directory = try PosixDirectory(path: path)
            load(directory, into: &contents)
        } catch {
            contents.problems.append(SystemWords.fileError(error))
        }
        return contents
    }

    private static func load(_ directory: PosixDirectory, into contents: inout Contents) {
        let names: [String]
        do { names = try directory.names() } catch {
            contents.problems.append(SystemWords.fileError(error))
            return
        }
        for name in names {
            if name == pendingErasureName {
                do { contents.pendingErasure = try directory.readRegularFile(name, bytesMax: entryBytesMax) } catch {
                    contents.problems.append(SystemWords.inputFileError(error))
                }
                continue
            }
            // Temporaries of an interrupted write are not entries (a writer removes them).
            guard let commitment = PersonalCommitment(hex: name) else { continue }
            do {
                let bytes = try directory.readRegularFile(name, bytesMax: entryBytesMax)
                if let opening = parseEntry(bytes, commitment: commitment) {
                    contents.openings[commitment] = opening
                } else {
                    contents.problems.append(Wording(
                        en: "\(directory.path)/\(name) is damaged (not an entry of \(entryFormat) that opens its commitment)",
                        zh: "\(directory.path)/\(name) 已损坏（不是能打开其承诺值的 \(entryFormat) 条目）"))
                }
            } catch {
                contents.problems.append(SystemWords.inputFileError(error))
            }
        }
    }

    /// The bytes of the entry of `opening`: canonical JSON and LF.
    public static func entryBytes(_ opening: PersonalOpening) -> [UInt8] {
        let value: JSONValue = .object([
            "commitment": .string(opening.commitment.hex), "format": .string(entryFormat),
            "salt": .string(Hex.encode(opening.salt)), "value": .string(opening.value),
        ])
        return CanonicalJSON.encode(value) + [0x0A]
    }

    /// The opening in `bytes`, when they are exactly the entry of `commitment`; nil for anything else.
    /// - Complexity: O(n) in the entry's bytes; the usual form is read by position (`fastEntry`), any other parsed.
    public static func parseEntry(_ bytes: [UInt8], commitment: PersonalCommitment) -> PersonalOpening? {
        if let opening = fastEntry(bytes, commitment: commitment) { return opening }
        return parsedEntry(bytes, commitment: commitment)
    }

    /// The entry's bytes before its salt, between salt and value, and after the value, in canonical JSON.
    private static let fastHead = Array("{\"commitment\":\"".utf8)
    private static let fastFormat = Array("\",\"format\":\"\(entryFormat)\",\"salt\":\"".utf8)
    private static let fastMiddle = Array("\",\"value\":\"".utf8)
    private static let fastTail = Array("\"}\n".utf8)

    /// The opening of an entry in its usual form — canonical JSON whose value holds no escape — read by position
    /// instead of parsed: every append and import reads all of `private/` (docs/privacy49.md: parsing was two thirds
    /// of reading 10,000 entries). Nil when `bytes` are in another form or not that entry; whatever it returns,
    /// `entryBytes` of it is `bytes` exactly (checked), so `parseEntry` answers the same as `parsedEntry` would.
    static func fastEntry(_ bytes: [UInt8], commitment: PersonalCommitment) -> PersonalOpening? {
        let hex = Array(commitment.hex.utf8)
        let saltLength = 2 * PersonalCommitment.saltBytes
        let saltStart = fastHead.count + hex.count + fastFormat.count
        let valueStart = saltStart + saltLength + fastMiddle.count
        guard bytes.count >= valueStart + fastTail.count else { return nil }
        let valueEnd = bytes.count - fastTail.count
        // The parser's own limit on a string (review privacy49 #6): a longer value is no entry for either path.
        guard valueEnd - valueStart <= Limits.stringBytesMax else { return nil }
        guard bytes[0..<fastHead.count].elementsEqual(fastHead),
              bytes[fastHead.count..<(fastHead.count + hex.count)].elementsEqual(hex),
              bytes[(fastHead.count + hex.count)..<saltStart].elementsEqual(fastFormat),
              bytes[(saltStart + saltLength)..<valueStart].elementsEqual(fastMiddle),
              bytes[valueEnd...].elementsEqual(fastTail),
              !bytes[valueStart..<valueEnd].contains(UInt8(ascii: "\\")),
              let salt = Hex.decode(utf8: bytes[saltStart..<(saltStart + saltLength)]) else { return nil }
        let opening = PersonalOpening(salt: salt, value: String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
        guard opening.commitment == commitment, entryBytes(opening) == bytes else { return nil }
        return opening
    }

    /// `parseEntry` by the JSON parser: any form, the same answer.
    static func parsedEntry(_ bytes: [UInt8], commitment: PersonalCommitment) -> PersonalOpening? {
        guard bytes.last == 0x0A, let value = try? JSONParser.parse(Array(bytes.dropLast())),
              case .object(let members) = value, Set(members.keys) == ["commitment", "format", "salt", "value"],
              members["format"]?.stringValue == entryFormat, members["commitment"]?.stringValue == commitment.hex,
              let saltText = members["salt"]?.stringValue, saltText.utf8.count == 2 * PersonalCommitment.saltBytes,
              let salt = Hex.decode(saltText), let text = members["value"]?.stringValue else { return nil }
        let opening = PersonalOpening(salt: salt, value: text)
        guard opening.commitment == commitment, entryBytes(opening) == bytes else { return nil }
        return opening
    }

    // MARK: Writing (under the writer's lock)

    private let directory: PosixDirectory
    /// What the store holds now, kept up to date by the writes below.
    public private(set) var contents: Contents

    private init(directory: PosixDirectory, contents: Contents) {
        self.directory = directory
        self.contents = contents
    }

    /// Opens `private/` for writing, making it (mode 0700) when missing, and removes the temporaries an
    /// interrupted write left (they may hold a value). Call it while holding the writer's lock.
    /// - Throws: `ChainError.unsafeLedgerFile` when `private` is a link or not a directory; `.file` otherwise.
    public static func openForWriting(_ ledger: LedgerDirectory) throws(ChainError) -> PrivateStore {
        let path = ledger.path + "/" + directoryName
        let existed = PosixFile.kind(at: path, followLinks: false)
        if let kind = existed, kind != .directory {
            throw .unsafeLedgerFile(path: path, kind: kind, expected: .directory)
        }
        let directory: PosixDirectory
        do { directory = try PosixDirectory(path: path, createWithPermissions: 0o700) } catch { throw .file(error) }
        var contents = Contents()
        contents.exists = true
        load(directory, into: &contents)
        do {
            var removed = false
            for name in try directory.names() where name.hasPrefix(".") && name.utf8.firstRange(of: PosixDirectory.temporaryMark.utf8) != nil {
                try directory.overwriteAndRemove(name)
                removed = true
            }
            if removed { try directory.sync() }
            // A new private/ is made durable in the ledger directory before anything is written into it.
            if existed == nil { try PosixFile.syncDirectory(ledger.path) }
        } catch {
            throw .file(error)
        }
        return PrivateStore(directory: directory, contents: contents)
    }

    /// The entry whose value is exactly `value` (the smallest commitment, should there be several), if any: the
    /// same person gets the same commitment wherever the clerk writes the same text.
    public func opening(forValue value: String) -> PersonalOpening? {
        var found: PersonalOpening? = nil
        for opening in contents.openings.values where opening.value == value {
            if found.map({ opening.commitment < $0.commitment }) ?? true { found = opening }
        }
        return found
    }

    /// Writes the entry of `opening` durably (whole or not at all), before any record names its commitment.
    public func add(_ opening: PersonalOpening) throws(ChainError) {
        do { try directory.writeAtomically(Self.entryBytes(opening), to: opening.commitment.hex, permissions: 0o600) } catch {
            throw .file(error)
        }
        contents.openings[opening.commitment] = opening
    }

    /// Whether a file for `commitment` is there (an entry, readable or damaged).
    public func hasFile(for commitment: PersonalCommitment) -> Bool { directory.kind(of: commitment.hex) != nil }

    /// Records the erasure about to be made (the bytes of its event input line), durably, before any entry is deleted.
    public func beginErasure(_ eventLine: [UInt8]) throws(ChainError) {
        do { try directory.writeAtomically(eventLine, to: Self.pendingErasureName, permissions: 0o600) } catch { throw .file(error) }
        contents.pendingErasure = eventLine
    }

    /// Deletes the entries of `commitments` (overwritten with zeros first) and flushes the directory.
    public func erase(_ commitments: [PersonalCommitment]) throws(ChainError) {
        do {
            for commitment in commitments { try directory.overwriteAndRemove(commitment.hex) }
            try directory.sync()
        } catch {
            throw .file(error)
        }
        for commitment in commitments { contents.openings[commitment] = nil }
    }

    /// Removes `erasure.pending` once its event is in the log.
    public func finishErasure() throws(ChainError) {
        do {
            try directory.remove(Self.pendingErasureName)
            try directory.sync()
        } catch {
            throw .file(error)
        }
        contents.pendingErasure = nil
    }
}
