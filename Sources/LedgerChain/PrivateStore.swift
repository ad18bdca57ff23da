import LedgerEvents
import LedgerPlatform

/// `private/` beside the log (ledger-spec.md 10.3): the opening — salt and value — of every personal commitment the
/// log holds, one file per commitment, so that deleting a file erases a person without changing a byte of the log.
/// Never part of the evidence: `verify` does not read it, and a missing or damaged entry only makes reports show
/// （个人信息缺失）.
///
/// Files: `<64 hex of the commitment>` holding `{"commitment":"…","format":"ledger-personal/v1","salt":"<64 hex>",
/// "value":"…"}` and LF (canonical JSON, mode 0600), and while an erasure is being completed `erasure.pending`, the
/// `personal_data.erased` event it will append, and `entries.index` (`PrivateEntryIndex`): the openings as a writer
/// last read them, derived and optional, so that a writer reads the listing and what changed rather than every entry
/// (issue 11). The directory (mode 0700) and every file in it are opened without following links; files are replaced
/// only by rename, so a reader sees an entry whole or not at all.
public final class PrivateStore {
    /// The directory's name inside the ledger.
    public static let directoryName = "private"
    /// The `format` member of an entry.
    public static let entryFormat = "ledger-personal/v1"
    /// The file holding an erasure not yet completed.
    public static let pendingErasureName = "erasure.pending"
    /// Largest entry read: a value is at most 64 KiB of text, written with escapes at most six bytes a byte.
    public static let entryBytesMax = 512 * 1024
    /// The derived index of the entries' openings (ledger-spec.md 10.3): never an entry (not 64 hex digits).
    public static let indexName = PrivateEntryIndex.fileName
    /// The derived file of the kept names' keys (`PrivateNameKeys` in LedgerImport, ledger-spec.md 10.3), which
    /// this module only removes: an erasure takes it before any entry.
    public static let namesIndexName = "names.index"

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
        /// How many entries were opened and read: every one, unless `entries.index` vouched for some (their
        /// openings then came from it). For tests and measurements; the answer is the same either way.
        public var entriesRead = 0
        /// The checksum (SHA-256 trailer) of `private/entries.index` on disk when it holds exactly these openings
        /// (current, or written by this read), else nil: what `private/names.index` is stamped with, so that a
        /// writer uses that file only for the openings it was made from (docs/private52.md). Nil once a writer
        /// adds or erases an entry.
        public var indexChecksum: Digest32? = nil

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
    /// - Parameter useIndex: take the openings of entries unchanged since `entries.index` was written from it (read
    ///   only: a reader without the lock never writes it; an unusable one is passed over in silence). The answer is
    ///   the same either way.
    public static func read(_ ledger: LedgerDirectory, useIndex: Bool = false) -> Contents {
        read(ledger, index: useIndex ? .readOnly : .none).contents
    }

    /// Reads `private/` for a writer that holds the lock (`ledger append`, every `ledger import`): as `read` does,
    /// through `entries.index`, which it then writes again when it changed — unless an erasure waits to be
    /// completed (`erasure.pending`), whose values no new file may hold. A missing `private/` is not made.
    /// - Parameter notice: the one-line notice of an index found damaged, of another version or not of its kind.
    /// - Parameter margin: `PrivateEntryIndex.racyMarginNanoseconds` (tests give 0).
    public static func readForWriter(_ ledger: LedgerDirectory, notice: ((String) -> Void)?,
                                     margin: Int64 = PrivateEntryIndex.racyMarginNanoseconds) -> Contents {
        var (contents, directory, state) = read(ledger, index: .refresh, margin: margin)
        if let directory {
            let checksum = refreshIndex(directory, state, pending: contents.pendingErasure != nil, ledger: ledger, notice: notice).checksum
            contents.indexChecksum = state.found.entries.count == contents.openings.count ? checksum : nil
        }
        return contents
    }

    /// How a read uses `entries.index`.
    enum IndexUse { case none, readOnly, refresh }

    private static func read(_ ledger: LedgerDirectory, index: IndexUse, margin: Int64 = PrivateEntryIndex.racyMarginNanoseconds)
        -> (contents: Contents, directory: PosixDirectory?, state: IndexLoad) {
        var contents = Contents()
        var state = IndexLoad()
        let path = ledger.path + "/" + directoryName
        guard let kind = PosixFile.kind(at: path, followLinks: false) else { return (contents, nil, state) }
        guard kind == .directory else {
            contents.problems.append(Wording(en: "\(path) is \(kind), not a directory; it is not read",
                                             zh: "\(path) 是\(kind.chineseName)，不是目录；不读取它"))
            return (contents, nil, state)
        }
        contents.exists = true
        do {
            let directory = try PosixDirectory(path: path)
            state = load(directory, into: &contents, useIndex: index != .none, margin: margin)
            // The file on disk holds exactly these openings (a writer that rewrites it sets the new checksum).
            if !state.stale, state.found.entries.count == contents.openings.count { contents.indexChecksum = state.checksum }
            return (contents, index == .refresh ? directory : nil, state)
        } catch {
            contents.problems.append(SystemWords.fileError(error))
        }
        return (contents, nil, state)
    }

    /// What a load made of `entries.index`: the index of what it found (every entry that opened its commitment, with
    /// its stamp), whether the file on disk differs from it, and why the file on disk was not usable.
    struct IndexLoad {
        var found = PrivateEntryIndex()
        var stale = false
        var problem: PrivateEntryIndex.Problem? = nil
        /// The checksum of the file on disk, when it decoded.
        var checksum: Digest32? = nil
        /// Temporaries an interrupted write left (`.NAME.tmp-…`): each may hold a value; a writer removes them.
        var temporaries: [String] = []
    }

    /// Reads every entry of `directory` into `contents` — through `entries.index` when `useIndex`: an entry whose
    /// stamp (`fstatat`) is the one the index holds, and older than the index by `margin`, is taken from it
    /// unread. Anything else (an entry added or changed since, one the index lacks, a damaged one) is read as
    /// without the index, so a damaged or missing entry is told exactly as it always was.
    private static func load(_ directory: PosixDirectory, into contents: inout Contents, useIndex: Bool, margin: Int64) -> IndexLoad {
        var state = IndexLoad()
        let names: [String]
        do { names = try directory.names() } catch {
            contents.problems.append(SystemWords.fileError(error))
            return state
        }
        var kept: PrivateEntryIndex? = nil
        if useIndex {
            switch readIndex(directory) {
            case nil: state.stale = true
            case .success(let index)?: kept = index; state.checksum = index.checksum
            case .failure(let problem)?: state.problem = problem; state.stale = true
            }
        }
        var trusted = 0
        for name in names {
            if name == pendingErasureName {
                do { contents.pendingErasure = try directory.readRegularFile(name, bytesMax: entryBytesMax) } catch {
                    contents.problems.append(SystemWords.inputFileError(error))
                }
                continue
            }
            // Temporaries of an interrupted write and `entries.index` are not entries (a writer removes the former).
            if name.hasPrefix("."), name.utf8.firstRange(of: PosixDirectory.temporaryMark.utf8) != nil { state.temporaries.append(name) }
            guard let commitment = PersonalCommitment(hex: name) else { continue }
            var stamp: PrivateEntryIndex.Stamp? = nil
            if useIndex {
                // Stamped before it is read: an entry changed in between is read again next time.
                if let status = directory.status(of: name), status.kind == .regular { stamp = PrivateEntryIndex.Stamp(status) }
                if let stamp, let opening = kept?.trusts(commitment, stamp, margin: margin) {
                    contents.openings[commitment] = opening
                    state.found.entries[commitment] = PrivateEntryIndex.Entry(opening: opening, stamp: stamp)
                    trusted += 1
                    continue
                }
                state.stale = true
            }
            contents.entriesRead += 1
            do {
                let bytes = try directory.readRegularFile(name, bytesMax: entryBytesMax)
                if let opening = parseEntry(bytes, commitment: commitment) {
                    contents.openings[commitment] = opening
                    if let stamp { state.found.entries[commitment] = PrivateEntryIndex.Entry(opening: opening, stamp: stamp) }
                } else {
                    contents.problems.append(Wording(
                        en: "\(directory.path)/\(name) is damaged (not an entry of \(entryFormat) that opens its commitment)",
                        zh: "\(directory.path)/\(name) 已损坏（不是能打开其承诺值的 \(entryFormat) 条目）"))
                }
            } catch {
                contents.problems.append(SystemWords.inputFileError(error))
            }
        }
        // An entry the index holds that is gone (removed, or a damaged one passed over above) changes it too.
        if let kept, trusted != kept.entries.count { state.stale = true }
        return state
    }

    /// `entries.index` as it is on disk: nil when there is none, else the index or why it is not usable.
    private static func readIndex(_ directory: PosixDirectory) -> PrivateEntryIndex.Decoded? {
        let name = PrivateEntryIndex.fileName
        guard let status = directory.status(of: name) else { return nil }
        guard status.kind == .regular else { return .failure(.damaged(Wording(en: "not a regular file", zh: "不是普通文件"))) }
        // Its time is read before its bytes: a file replaced in between is older than its bytes, which only makes
        // fewer entries trusted.
        let written = status.identity[2] &* 1_000_000_000 &+ status.identity[3]
        do {
            let bytes = try directory.readRegularFile(name, bytesMax: PrivateEntryIndex.bytesMax)
            // Only zeros: a writer's own old file, zeroed before its removal and left by a crash in between
            // (`overwriteAndRemove`). Taken as no file, silently; an empty file is still "truncated".
            if !bytes.isEmpty, !bytes.contains(where: { $0 != 0 }) { return nil }
            return PrivateEntryIndex.decode(bytes, written: written)
        } catch {
            return .failure(.damaged(Wording(en: "unreadable", zh: "无法读取")))
        }
    }

    /// Writes `entries.index` again when the load found it missing, unusable or out of date (best effort: it is
    /// optional, and a writer that cannot write it has answered from the entries). Not while an erasure waits to
    /// be completed: its values may not be written to a new file. The old file's bytes are zeroed first
    /// (`overwriteAndRemove`, as an entry's are at an erasure), so that no replaced copy of a value lingers in freed
    /// blocks for an erasure to miss.
    /// - Returns: whether the file on disk is now `state.found` (written, or up to date already), and its checksum
    ///   then (nil when there is no file: no entry).
    @discardableResult
    private static func refreshIndex(_ directory: PosixDirectory, _ state: IndexLoad, pending: Bool, ledger: LedgerDirectory,
                                     notice: ((String) -> Void)?) -> (current: Bool, checksum: Digest32?) {
        // The temporaries an interrupted write left are removed by every writer, not only by `openForWriting`.
        if !state.temporaries.isEmpty {
            do {
                for name in state.temporaries { try directory.overwriteAndRemove(name) }
                try directory.sync()
            } catch {}
        }
        guard state.stale else { return (true, state.checksum) }
        guard !pending else { return (false, nil) }
        // A directory where the file belongs cannot be replaced: said, as index/'s files say it, and left.
        if directory.kind(of: PrivateEntryIndex.fileName) == .directory {
            notice?(directoryInPlaceNotice(ledger))
            return (false, nil)
        }
        var checksum: Digest32? = nil
        do {
            if directory.kind(of: PrivateEntryIndex.fileName) == .regular {
                try directory.overwriteAndRemove(PrivateEntryIndex.fileName, zeroBytesMax: Int64(PrivateEntryIndex.bytesMax))
            }
            // No entry, no file: a private/ made for a batch the log then refused is left empty, and removed.
            if state.found.entries.isEmpty {
                try directory.sync()
            } else {
                let bytes = state.found.encoded()
                try directory.writeAtomically(bytes, to: PrivateEntryIndex.fileName, permissions: 0o600)
                checksum = Digest32(bytes, at: bytes.count - 32)
            }
        } catch {
            return (false, nil)
        }
        if let problem = state.problem, let notice { notice(rebuiltNotice(ledger, problem)) }
        return (true, checksum)
    }

    /// The notice of a directory in `entries.index`'s place (`SystemWords.directoryInPlace` for this file): every
    /// writer reads every entry until it is gone.
    static func directoryInPlaceNotice(_ ledger: LedgerDirectory) -> String {
        let path = ledger.path + "/" + directoryName + "/" + PrivateEntryIndex.fileName, file = PrivateEntryIndex.fileName
        return Wording(en: "note: \(path) is a directory, where the derived file \(file) belongs; the file cannot be rebuilt there, so this command "
                           + "read every entry of private/ instead (answers are unaffected), as every writer will until the directory is gone. "
                           + "Remove that directory (rm -r \(path)); the next writer writes the file again.",
                       zh: "注意：\(path) 是一个目录，而此处应是派生文件 \(file)；该文件无法在此重建，因此本命令改为读取 private/ 的每个条目（查询结果不受影响），"
                           + "在该目录移除之前，每个写入命令都将如此。请删除该目录（rm -r \(path)）；下一个写入命令会重新写出该文件。")
            .text(chinese: ledger.messagesInChinese)
    }

    /// `note: entries.index in L/private is damaged (…); rebuilt from the entries of private/ (answers are
    /// unaffected).`: the notice the derived files of `index/` give (`SystemWords.rebuilt`), for this one.
    static func rebuiltNotice(_ ledger: LedgerDirectory, _ problem: PrivateEntryIndex.Problem) -> String {
        let path = ledger.path + "/" + directoryName, file = PrivateEntryIndex.fileName, why = problem.wording
        return Wording(en: "note: \(file) in \(path) is \(why.en); rebuilt from the entries of private/ (answers are unaffected).",
                       zh: "注意：\(path) 中的 \(file) \(why.zh)；已从 private/ 的条目重建（查询结果不受影响）。")
            .text(chinese: ledger.messagesInChinese)
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
    /// The commitments `entries.index` on disk holds, when known (nil: it may hold any): `erase` removes the file
    /// when it holds one being erased.
    private var indexHolds: Set<PersonalCommitment>?

    private init(directory: PosixDirectory, contents: Contents, indexHolds: Set<PersonalCommitment>?) {
        self.directory = directory
        self.contents = contents
        self.indexHolds = indexHolds
    }

    /// Opens `private/` for writing, making it (mode 0700) when missing, and removes the temporaries an
    /// interrupted write left (they may hold a value). Call it while holding the writer's lock. Reads the entries
    /// through `entries.index` and writes that again when it changed, as `readForWriter` does.
    /// - Parameter notice: the one-line notice of an index found damaged, of another version or not of its kind.
    /// - Parameter writesIndex: false for `erase-personal`, which only reads it: an erasure deletes it anyway, and
    ///   a refused erasure leaves the ledger directory exactly as it was.
    /// - Throws: `ChainError.unsafeLedgerFile` when `private` is a link or not a directory; `.file` otherwise.
    public static func openForWriting(_ ledger: LedgerDirectory, notice: ((String) -> Void)? = nil, writesIndex: Bool = true,
                                      margin: Int64 = PrivateEntryIndex.racyMarginNanoseconds) throws(ChainError) -> PrivateStore {
        let path = ledger.path + "/" + directoryName
        let existed = PosixFile.kind(at: path, followLinks: false)
        if let kind = existed, kind != .directory {
            throw .unsafeLedgerFile(path: path, kind: kind, expected: .directory)
        }
        let directory: PosixDirectory
        do { directory = try PosixDirectory(path: path, createWithPermissions: 0o700) } catch { throw .file(error) }
        var contents = Contents()
        contents.exists = true
        let state = load(directory, into: &contents, useIndex: true, margin: margin)
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
        let refreshed: (current: Bool, checksum: Digest32?) = writesIndex ? refreshIndex(directory, state, pending: contents.pendingErasure != nil, ledger: ledger, notice: notice)
            : (!state.stale, state.stale ? nil : state.checksum)
        let current = refreshed.current
        contents.indexChecksum = current && state.found.entries.count == contents.openings.count ? refreshed.checksum : nil
        return PrivateStore(directory: directory, contents: contents, indexHolds: current ? Set(state.found.entries.keys) : nil)
    }

    /// Writes the entry of `opening` durably (whole or not at all), before any record names its commitment.
    public func add(_ opening: PersonalOpening) throws(ChainError) {
        do { try directory.writeAtomically(Self.entryBytes(opening), to: opening.commitment.hex, permissions: 0o600) } catch {
            throw .file(error)
        }
        contents.openings[opening.commitment] = opening
        // `entries.index` is not written here: the next writer reads this one entry and adds it. No longer the
        // openings it holds, so no `names.index` is made for them (it would hold this run's entry's name).
        contents.indexChecksum = nil
    }

    /// Whether a file for `commitment` is there (an entry, readable or damaged).
    public func hasFile(for commitment: PersonalCommitment) -> Bool { directory.kind(of: commitment.hex) != nil }

    /// Records the erasure about to be made (the bytes of its event input line), durably, before any entry is deleted.
    public func beginErasure(_ eventLine: [UInt8]) throws(ChainError) {
        do { try directory.writeAtomically(eventLine, to: Self.pendingErasureName, permissions: 0o600) } catch { throw .file(error) }
        contents.pendingErasure = eventLine
    }

    /// Deletes the entries of `commitments` (overwritten with zeros first) and flushes the directory. When
    /// `entries.index` may hold one of them (an erasure; not the withdrawal of entries this run wrote, which it never
    /// holds) it is zeroed and removed first, and the removal flushed, so that after a crash at any point no file
    /// holds a value whose entry is gone (ledger-spec.md 10.3); the next writer builds it again from the entries.
    public func erase(_ commitments: [PersonalCommitment]) throws(ChainError) {
        let indexName = PrivateEntryIndex.fileName
        do {
            // `names.index` (the keys of kept names) first, whenever it is there: a stale one may hold the key of
            // any value an earlier index held, and it is cheap to make again (docs/private52.md).
            switch directory.kind(of: Self.namesIndexName) {
            case nil: break
            case .regular?:
                try directory.overwriteAndRemove(Self.namesIndexName, zeroBytesMax: 1 << 30)
                try directory.sync()
            default:
                try? directory.remove(Self.namesIndexName)
                try directory.sync()
            }
            if indexHolds.map({ !$0.isDisjoint(with: commitments) }) ?? true {
                switch directory.kind(of: indexName) {
                case nil: break
                case .regular?: try directory.overwriteAndRemove(indexName, zeroBytesMax: Int64(PrivateEntryIndex.bytesMax))
                // Not a file of ours (a link, a directory): it holds no value; it is passed over when read.
                default: try? directory.remove(indexName)
                }
                try directory.sync()
                indexHolds = []
            }
            for commitment in commitments { try directory.overwriteAndRemove(commitment.hex) }
            try directory.sync()
        } catch {
            throw .file(error)
        }
        for commitment in commitments { contents.openings[commitment] = nil }
        contents.indexChecksum = nil
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
