import LedgerEvents
import LedgerPlatform

/// `private/names.index` (ledger-spec.md 10.3): what a writer's kept-name check needs (`PrivateNames`' two
/// questions) already computed for the values `private/` keeps, so that a writer answers `holds` by one binary search
/// and `name(inText:)` by searches over its own texts, instead of building a table of every kept name each run
/// (issue 11, docs/private52.md). Derived and never authoritative: made from the openings a writer read, stamped
/// with the checksum of the `entries.index` they came from and with the key rules it was made by (`version`,
/// `fingerprint`), and rebuilt whenever either differs. It holds keys of persons' names, so it lives in `private/`
/// and an erasure removes it before any entry.
///
/// Layout (little-endian): the line `ledger-private-names/v1` and LF; the rules' fingerprint (32 bytes); the
/// SHA-256 trailer of `entries.index` it was made from (32 bytes); u32 key count K, u32 name count N, u32 the longest
/// name's character count; (K + 1) u32 key offsets and (N + 1) u32 name offsets into the blob; N pairs of u32, the
/// NFC and own byte lengths of each name; the blob; then SHA-256 of every byte before it. A key is the NFC UTF-8 of a value's payer-name key
/// (`PayerName.key`), keys strictly ascending by bytes. A name is its NFC UTF-8, its own UTF-8, then the UTF-8 length
/// of each of its characters (one byte each, LEB128), names strictly ascending by (NFC, own bytes).
public struct PrivateNameKeys: Sendable {
    /// The file's name in `private/` (not 64 hex digits: never taken for an entry).
    public static let fileName = "names.index"
    static let versionPrefix = Array("ledger-private-names/v".utf8)
    /// Bumped by hand when the meaning of the file changes; the fingerprint catches a change of the key rules.
    public static let version = 1
    /// Largest file read or zeroed (as `entries.index`).
    public static let bytesMax = 1 << 30

    private let bytes: [UInt8]
    private let keyCount: Int
    private let nameCount: Int
    private let keyTable: Int
    private let nameTable: Int
    private let nfcTable: Int
    private let blob: Int
    /// The longest name's character count: `name(inText:)` searches runs of 2 up to it.
    let longest: Int
    /// The checksum of the `entries.index` the file was made from.
    public let entriesChecksum: Digest32

    /// Whether the file holds no key (then no name either).
    public var isEmpty: Bool { keyCount == 0 }

    // MARK: Building

    /// What `PrivateNames.init` makes of `values`, in the file's terms: the NFC bytes of each key, and each name
    /// looked for in texts (the same selection and the same choice between names equal as characters).
    static func made(_ values: some Sequence<String>) -> (keys: [[UInt8]], names: [[Character]]) {
        var keys = Set<[UInt8]>()
        var names = Set<[Character]>()
        for value in values {
            let key = PayerName.key(value)
            guard !PartyName.roleWords.contains(key) else { continue }
            keys.insert(key._nfcCodeUnits)
            for name in PrivateNames.namesInText(key) {
                let plain = name.contains(where: PrivateNames.isDot) ? name.filter { !PrivateNames.isDot($0) } : name
                guard plain.count >= 2 else { continue }
                let (inserted, held) = names.insert(plain)
                if !inserted, String(plain).utf8.lexicographicallyPrecedes(String(held).utf8) { names.update(with: plain) }
            }
        }
        return (keys.sorted { $0.lexicographicallyPrecedes($1) }, Array(names))
    }

    /// The bytes of the file for `values` (the kept values, as `PrivateNames` takes them), stamped with
    /// `entriesChecksum`.
    public static func encode(values: some Sequence<String>, entriesChecksum: Digest32) -> [UInt8] {
        let (keys, names) = made(values)
        var records: [(nfc: [UInt8], own: [UInt8], lengths: [UInt8])] = names.map { name in
            var lengths: [UInt8] = []
            for character in name { leb128(character.utf8.count, into: &lengths) }
            return (String(name)._nfcCodeUnits, Array(String(name).utf8), lengths)
        }
        records.sort { a, b in a.nfc != b.nfc ? a.nfc.lexicographicallyPrecedes(b.nfc) : a.own.lexicographicallyPrecedes(b.own) }
        var out = versionPrefix + Array("\(version)\n".utf8)
        out += fingerprint.bytes
        out += entriesChecksum.bytes
        u32(keys.count, into: &out)
        u32(records.count, into: &out)
        u32(names.map(\.count).max() ?? 0, into: &out)
        var offset = 0
        for key in keys { u32(offset, into: &out); offset += key.count }
        u32(offset, into: &out)
        for record in records { u32(offset, into: &out); offset += record.nfc.count + record.own.count + record.lengths.count }
        u32(offset, into: &out)
        for record in records { u32(record.nfc.count, into: &out); u32(record.own.count, into: &out) }
        for key in keys { out += key }
        for record in records { out += record.nfc; out += record.own; out += record.lengths }
        out += SHA256.digest(out).bytes
        return out
    }

    /// A file made in memory for `values` (a run's committed values): searched as the file is.
    public init(values: some Sequence<String>) {
        guard case .success(let made) = Self.decode(Self.encode(values: values, entriesChecksum: Digest32(Array(repeating: 0, count: 32), at: 0))) else {
            preconditionFailure("a file this program encodes decodes")
        }
        self = made
    }

    private static func u32(_ value: Int, into out: inout [UInt8]) {
        let v = UInt32(truncatingIfNeeded: value)
        out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    private static func leb128(_ value: Int, into out: inout [UInt8]) {
        var v = value
        repeat {
            let low = UInt8(v & 0x7F)
            v >>= 7
            out.append(v == 0 ? low : low | 0x80)
        } while v != 0
    }

    // MARK: The rules' fingerprint

    /// Words whose keys, in-text names and NFC forms stand for the rules in the fingerprint: variant characters,
    /// every kind of dot, full-width letters and spaces, letter case, a bracketed note, canonically equal spellings,
    /// a compatibility ideograph, Hangul, role words.
    static let probes: [String] = [
        "張曉靜", "张晓静", "陳　偉", "阿卜杜拉·买买提", "阿卜杜拉.买买提", "阿卜杜拉。买买提", "玛丽•居里", "Ｌｉ　Ｎａ", "LI NA",
        "Mr.John Smith", "John Smith.Jr", "li.na@163.com", "1.5号", "Ä Ö Ü ß", "José", "Jose\u{301}", "e\u{323}\u{301}",
        "张三（2号楼102室）", "张三(2号楼102室)", "張三【2號樓】", "\u{FA0E}\u{FA0F}", "가나", "\u{1100}\u{1161}", "業主委員會",
        "业主委员会", "全体业主", "青岛某某有限公司", "青島明月停車管理有限公司", "王︀芳", "ǅ", "Ⅻ", "①②", "\u{200B}赵伟",
    ]

    /// SHA-256 of the key rules as this program applies them: the variant table's pairs, the dots, the role words'
    /// keys, and each probe's key, in-text names, role test and NFC form. A program whose rules differ anywhere the
    /// probes or tables reach writes another fingerprint, and rebuilds a file made by the other.
    public static let fingerprint = fingerprint(key: PayerName.key)

    /// The fingerprint of rules whose key is `key` (this program's: `PayerName.key`; a test gives others).
    static func fingerprint(key: (String) -> String) -> Digest32 {
        var out: [UInt8] = Array("ledger-private-names rules\n".utf8)
        func add(_ text: String) { out += Array(text.utf8); out.append(0) }
        for (from, to) in PayerName.table.sorted(by: { String($0.key).utf8.lexicographicallyPrecedes(String($1.key).utf8) }) {
            add(String(from)); add(String(to))
        }
        for dot in PayerName.dots.sorted() { add(String(dot, radix: 16)) }
        add("ff0e")
        for word in PartyName.roleWords.map(key).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { add(word) }
        for probe in probes {
            let made = key(probe)
            add(made)
            out += made._nfcCodeUnits; out.append(0)
            out += probe._nfcCodeUnits; out.append(0)
            for name in PrivateNames.namesInText(made) {
                add(String(name)); add("\(name.count)")
                add(String(name.filter { !PrivateNames.isDot($0) }))
            }
            add(PartyName.roleWords.contains(made) ? "role" : "name")
        }
        return SHA256.digest(out)
    }

    // MARK: Reading

    /// Why a file is not used (then rebuilt, with a notice).
    public enum Problem: Equatable, Sendable {
        case damaged(Wording)
        case otherVersion(String)
        case otherRules
        case foreign

        public var wording: Wording {
            switch self {
            case .damaged(let why): return Wording(en: "damaged (\(why.en))", zh: "已损坏（\(why.zh)）")
            case .otherVersion(let found):
                return Wording(en: "of version \(found), not \(PrivateNameKeys.version) as this program writes",
                               zh: "是第 \(found) 版，而本程序写的是第 \(PrivateNameKeys.version) 版")
            case .otherRules:
                return Wording(en: "made by other name rules than this program's", zh: "是按与本程序不同的姓名规则生成的")
            case .foreign: return Wording(en: "not a file of this kind (ledger-private-names)", zh: "不是这种文件（ledger-private-names）")
            }
        }
    }

    /// What `decode` found.
    public enum Decoded: Sendable {
        case success(PrivateNameKeys)
        case failure(Problem)
    }

    private init(bytes: [UInt8], keyCount: Int, nameCount: Int, keyTable: Int, nameTable: Int, nfcTable: Int, blob: Int,
                 longest: Int, entriesChecksum: Digest32) {
        self.bytes = bytes
        self.keyCount = keyCount
        self.nameCount = nameCount
        self.keyTable = keyTable
        self.nameTable = nameTable
        self.nfcTable = nfcTable
        self.blob = blob
        self.longest = longest
        self.entriesChecksum = entriesChecksum
    }

    private static func readU32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }

    /// The file in `bytes`, or why it is not usable. Every offset is checked against the file, and the order of its
    /// keys and names, so that a search can trust them: integer and byte comparisons only, no name is decoded (a
    /// damaged file fails the checksum first; a name that does not decode is passed over by the search).
    public static func decode(_ bytes: [UInt8]) -> Decoded {
        let truncated = Problem.damaged(Wording(en: "truncated", zh: "被截断"))
        guard let newline = bytes.firstIndex(of: 0x0A), newline <= 64 else {
            let shown = min(bytes.count, versionPrefix.count)
            return .failure(bytes.count <= 64 && bytes.prefix(shown).elementsEqual(versionPrefix.prefix(shown)) ? truncated : .foreign)
        }
        let head = bytes[..<newline]
        guard head.starts(with: versionPrefix) else { return .failure(.foreign) }
        let found = String(decoding: head.dropFirst(versionPrefix.count), as: UTF8.self)
        guard found == "\(version)" else { return .failure(.otherVersion(DisplayText.visible(found))) }
        let fixed = newline + 1 + 32 + 32 + 12
        guard bytes.count >= fixed + 8 + 32 else { return .failure(truncated) }
        let body = bytes.count - 32
        guard SHA256.digest(bytes[..<body]) == Digest32(bytes, at: body) else {
            return .failure(.damaged(Wording(en: "checksum does not match", zh: "校验和不符")))
        }
        guard Digest32(bytes, at: newline + 1) == fingerprint else { return .failure(.otherRules) }
        let checksum = Digest32(bytes, at: newline + 33)
        let keyCount = readU32(bytes, newline + 65), nameCount = readU32(bytes, newline + 69), longest = readU32(bytes, newline + 73)
        let keyTable = fixed, nameTable = keyTable + 4 * (keyCount + 1), nfcTable = nameTable + 4 * (nameCount + 1)
        let blob = nfcTable + 8 * nameCount
        let wrong = Problem.damaged(Wording(en: "offsets out of range", zh: "偏移量越界"))
        guard keyCount <= body, nameCount <= body, blob <= body else { return .failure(wrong) }
        let file = PrivateNameKeys(bytes: bytes, keyCount: keyCount, nameCount: nameCount, keyTable: keyTable, nameTable: nameTable,
                                   nfcTable: nfcTable, blob: blob, longest: longest, entriesChecksum: checksum)
        // Offsets: from 0, never decreasing, keys then names, ending at the checksum.
        var previous = 0
        for i in 0...keyCount {
            let offset = readU32(bytes, keyTable + 4 * i)
            guard offset >= previous, (i > 0 || offset == 0), blob + offset <= body else { return .failure(wrong) }
            previous = offset
        }
        guard readU32(bytes, nameTable) == previous else { return .failure(wrong) }
        for i in 0...nameCount {
            let offset = readU32(bytes, nameTable + 4 * i)
            guard offset >= previous, blob + offset <= body else { return .failure(wrong) }
            previous = offset
        }
        guard blob + previous == body else { return .failure(wrong) }
        for i in 0..<nameCount {
            let record = file.nameRecord(i)
            guard readU32(bytes, nfcTable + 8 * i) + readU32(bytes, nfcTable + 8 * i + 4) <= record.count else { return .failure(wrong) }
        }
        let order = Problem.damaged(Wording(en: "keys out of order", zh: "条目顺序不对"))
        for i in 1..<max(keyCount, 1) where !(compare(bytes, file.key(i - 1), bytes, file.key(i)) < 0) { return .failure(order) }
        for i in 1..<max(nameCount, 1) {
            let a = file.nameParts(i - 1), b = file.nameParts(i)
            let byNFC = compare(bytes, a.nfc, bytes, b.nfc)
            guard byNFC < 0 || (byNFC == 0 && compare(bytes, a.own, bytes, b.own) < 0) else { return .failure(order) }
        }
        return .success(file)
    }

    private func key(_ i: Int) -> Range<Int> {
        (blob + Self.readU32(bytes, keyTable + 4 * i))..<(blob + Self.readU32(bytes, keyTable + 4 * i + 4))
    }

    private func nameRecord(_ i: Int) -> Range<Int> {
        (blob + Self.readU32(bytes, nameTable + 4 * i))..<(blob + Self.readU32(bytes, nameTable + 4 * i + 4))
    }

    /// A name's NFC bytes, own bytes and character lengths (the lengths checked by `decode`).
    private func nameParts(_ i: Int) -> (nfc: Range<Int>, own: Range<Int>, lengths: Range<Int>) {
        let record = nameRecord(i)
        let nfcEnd = record.lowerBound + Self.readU32(bytes, nfcTable + 8 * i)
        let ownEnd = nfcEnd + Self.readU32(bytes, nfcTable + 8 * i + 4)
        return (record.lowerBound..<nfcEnd, nfcEnd..<ownEnd, ownEnd..<record.upperBound)
    }

    /// A name's characters, as `PrivateNames` compares them (each character's own bytes, by the lengths kept); nil
    /// for a record that is not well formed (only a file made on purpose with a right checksum: passed over).
    func nameCharacters(_ i: Int) -> [Character]? {
        let parts = nameParts(i)
        var characters: [Character] = []
        var at = parts.own.lowerBound
        var value = 0, shift = 0
        for i in parts.lengths {
            let byte = bytes[i]
            guard shift < 28 else { return nil }
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 != 0 { shift += 7; continue }
            guard value > 0, at + value <= parts.own.upperBound,
                  let piece = String(validating: bytes[at..<(at + value)], as: UTF8.self), piece.count == 1 else { return nil }
            characters.append(piece.first!)
            at += value
            value = 0; shift = 0
        }
        guard at == parts.own.upperBound, shift == 0 else { return nil }
        return characters
    }

    /// -1, 0, 1: the bytes of `a` against those of `b`, lexicographically.
    private static func compare(_ x: [UInt8], _ a: Range<Int>, _ y: [UInt8], _ b: Range<Int>) -> Int {
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound, j < b.upperBound {
            if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
            i += 1; j += 1
        }
        let restA = a.upperBound - i, restB = b.upperBound - j
        return restA == restB ? 0 : (restA < restB ? -1 : 1)
    }

    /// The first index in 0..<count whose bytes are not below `target` (`range(i)` the bytes of the i-th).
    private func lowerBound(_ count: Int, _ range: (Int) -> Range<Int>, _ target: [UInt8]) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if Self.compare(bytes, range(middle), target, 0..<target.count) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the key whose NFC bytes are `nfc` is kept.
    func holds(nfc: [UInt8]) -> Bool {
        let at = lowerBound(keyCount, key, nfc)
        return at < keyCount && Self.compare(bytes, key(at), nfc, 0..<nfc.count) == 0
    }

    /// The names whose NFC bytes begin with `prefix` (the NFC bytes of a text's first two characters: the names
    /// sorted by their NFC bytes, those beginning so lie together), each handed to `body` as its characters, at
    /// most `longest` characters long.
    func forEachName(nfcPrefix prefix: [UInt8], longest: Int, _ body: ([Character]) -> Void) {
        var at = lowerBound(nameCount, { nameParts($0).nfc }, prefix)
        while at < nameCount {
            let nfc = nameParts(at).nfc
            guard nfc.count >= prefix.count, Self.compare(bytes, nfc.lowerBound..<(nfc.lowerBound + prefix.count), prefix, 0..<prefix.count) == 0 else { return }
            if let characters = nameCharacters(at), characters.count <= longest { body(characters) }
            at += 1
        }
    }
}
