import LedgerEvents
import LedgerPlatform

/// `private/entries.index` (ledger-spec.md 10.3): the openings of `private/`'s entries as a writer last read them,
/// each with what its file looked like then (`Stamp`), so that a writer under the lock reads the directory's listing,
/// one `fstatat` an entry and this file — and only the entries added or changed since — instead of every entry
/// (issue 11). Derived and optional: it lives inside `private/` because it holds the values (an erasure deletes them
/// from `private/` and nothing else may keep them), is never evidence, and deleting it never changes an answer.
///
/// Layout (little-endian): the line `ledger-private-index/v1` and LF, a u32 count, then per entry in ascending order
/// of commitment: the commitment (32 bytes), the salt (32 bytes), the stamp (seven i64: device, inode, mtime seconds
/// and nanoseconds, ctime seconds and nanoseconds, size), the value (u32 length, UTF-8 bytes); then SHA-256 of every
/// byte before it. Only entries that opened their commitment are in it; each opening is checked again when it is
/// read (`PersonalOpening.commitment`), so the file can never give a value its entry does not open.
public struct PrivateEntryIndex: Sendable {
    /// The file's name in `private/` (not 64 hex digits: never taken for an entry).
    public static let fileName = "entries.index"
    static let versionPrefix = Array("ledger-private-index/v".utf8)
    public static let version = 1
    /// Largest file read or zeroed: a million persons with values of some 800 bytes; a larger file is not one this
    /// program wrote, and is unlinked without being zeroed (review of private50 #2), with the notice.
    static let bytesMax = 1 << 30
    /// How much older than the file an entry's last change (ctime) must be for its stamp to be trusted: a file system
    /// stamps times by a coarse clock (a few milliseconds; two seconds on FAT), so an entry changed in the same tick
    /// as it was stamped would look unchanged ("racily clean", as git calls it). Such an entry is read again.
    public static let racyMarginNanoseconds: Int64 = 2_000_000_000

    /// What an entry's file looked like (`fstatat` without following a link): device, inode, mtime, ctime, size. Any
    /// write through the file system changes the ctime (which no one can set), a replacement the inode.
    struct Stamp: Equatable, Sendable {
        var fields: [Int64]

        init(_ status: FileStatus) { fields = status.identity + [status.size] }
        init(fields: [Int64]) { self.fields = fields }

        /// The last change, in nanoseconds since the epoch.
        var changed: Int64 { fields[4] &* 1_000_000_000 &+ fields[5] }
    }

    struct Entry: Equatable, Sendable {
        var opening: PersonalOpening
        var stamp: Stamp
    }

    var entries: [PersonalCommitment: Entry] = [:]
    /// The file's SHA-256 trailer, when decoded from one (what `private/names.index` is stamped with).
    var checksum: Digest32? = nil
    /// The file's own last modification (nanoseconds), read before its bytes: the newest entry change it can vouch for.
    var written: Int64 = 0

    init(entries: [PersonalCommitment: Entry] = [:]) { self.entries = entries }

    /// Whether `stamp`, found on an entry now, is the entry this file holds, unchanged since.
    func trusts(_ commitment: PersonalCommitment, _ stamp: Stamp, margin: Int64) -> PersonalOpening? {
        guard let entry = entries[commitment], entry.stamp == stamp, stamp.changed < written &- margin else { return nil }
        return entry.opening
    }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        var out = ByteWriter(capacity: 64 + entries.count * 160)
        out.raw(Self.versionPrefix + Array("\(Self.version)\n".utf8))
        out.u32(UInt32(entries.count))
        for commitment in entries.keys.sorted() {
            let entry = entries[commitment]!
            out.raw(commitment.digest.bytes)
            out.raw(entry.opening.salt)
            for field in entry.stamp.fields { out.i64(field) }
            let value = Array(entry.opening.value.utf8)
            out.u32(UInt32(value.count))
            out.raw(value)
        }
        var bytes = out.bytes
        bytes += SHA256.digest(bytes).bytes
        return bytes
    }

    /// Why a file is not used (then rebuilt from the entries, with a notice): a reason told in that notice, not an
    /// error of the module (`ChainError` is its one error type).
    enum Problem: Equatable {
        case damaged(Wording)
        case otherVersion(String)
        case foreign

        var wording: Wording {
            switch self {
            case .damaged(let why): return Wording(en: "damaged (\(why.en))", zh: "已损坏（\(why.zh)）")
            case .otherVersion(let found):
                return Wording(en: "of version \(found), not \(PrivateEntryIndex.version) as this program writes",
                               zh: "是第 \(found) 版，而本程序写的是第 \(PrivateEntryIndex.version) 版")
            case .foreign: return Wording(en: "not a file of this kind (ledger-private-index)", zh: "不是这种文件（ledger-private-index）")
            }
        }
    }

    /// What `decode` found: the file, or why it is not used.
    enum Decoded {
        case success(PrivateEntryIndex)
        case failure(Problem)

        /// The file, when it is usable.
        var index: PrivateEntryIndex? {
            if case .success(let index) = self { return index }
            return nil
        }
    }

    /// The file in `bytes`, or why it is not usable.
    static func decode(_ bytes: [UInt8], written: Int64) -> Decoded {
        guard let newline = bytes.firstIndex(of: 0x0A), newline <= 64 else {
            // Cut inside its first line (or empty): a file of this kind truncated, not a foreign one.
            let shown = min(bytes.count, versionPrefix.count)
            return .failure(bytes.count <= 64 && bytes.prefix(shown).elementsEqual(versionPrefix.prefix(shown))
                            ? .damaged(Wording(en: "truncated", zh: "被截断")) : .foreign)
        }
        let head = bytes[..<newline]
        guard head.starts(with: versionPrefix) else { return .failure(.foreign) }
        let found = String(decoding: head.dropFirst(versionPrefix.count), as: UTF8.self)
        guard found == "\(version)" else { return .failure(.otherVersion(DisplayText.visible(found))) }
        guard bytes.count >= newline + 1 + 4 + 32 else { return .failure(.damaged(Wording(en: "truncated", zh: "被截断"))) }
        let body = bytes.count - 32
        guard SHA256.digest(bytes[..<body]) == Digest32(bytes, at: body) else { return .failure(.damaged(Wording(en: "checksum does not match", zh: "校验和不符"))) }
        var reader = ByteReader(bytes[..<body], from: newline + 1)
        guard let count = reader.u32() else { return .failure(.damaged(Wording(en: "truncated", zh: "被截断"))) }
        var index = PrivateEntryIndex()
        index.written = written
        index.checksum = Digest32(bytes, at: body)
        var previous: PersonalCommitment? = nil
        for _ in 0..<count {
            guard let commitmentBytes = reader.fixed(32), let digest = Digest32(bytes: commitmentBytes),
                  let salt = reader.fixed(PersonalCommitment.saltBytes) else { return .failure(.damaged(Wording(en: "truncated", zh: "被截断"))) }
            var fields: [Int64] = []
            for _ in 0..<7 {
                guard let field = reader.i64() else { return .failure(.damaged(Wording(en: "truncated", zh: "被截断"))) }
                fields.append(field)
            }
            guard let length = reader.u32(), let value = reader.fixed(Int(length)) else { return .failure(.damaged(Wording(en: "truncated", zh: "被截断"))) }
            let commitment = PersonalCommitment(digest)
            if let previous, !(previous < commitment) { return .failure(.damaged(Wording(en: "entries out of order", zh: "条目顺序不对"))) }
            previous = commitment
            guard let text = String(validating: value, as: UTF8.self) else { return .failure(.damaged(Wording(en: "a value is not UTF-8", zh: "有值不是 UTF-8"))) }
            let opening = PersonalOpening(salt: salt, value: text)
            guard opening.commitment == commitment else { return .failure(.damaged(Wording(en: "an opening does not open its commitment", zh: "有条目打不开其承诺值"))) }
            index.entries[commitment] = Entry(opening: opening, stamp: Stamp(fields: fields))
        }
        guard reader.isAtEnd else { return .failure(.damaged(Wording(en: "bytes after the last entry", zh: "最后一个条目后还有字节"))) }
        return .success(index)
    }
}
