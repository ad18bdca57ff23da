import LedgerChain
import LedgerEvents
import LedgerPlatform

/// One stored entry's key: a tag byte, then (for registry-like tags) the kind's byte, then the id's UTF-8 bytes.
/// Entries are sorted by these bytes.
enum CheckKey {
    static let registry = UInt8(ascii: "R")
    static let ending = UInt8(ascii: "E")
    static let rounds = UInt8(ascii: "K")
    static let erasure = UInt8(ascii: "X")
    static let referenced = UInt8(ascii: "D")
    static let useDay = UInt8(ascii: "U")
    static let item = UInt8(ascii: "T")
    static let registering = UInt8(ascii: "N")
    static let importFile = UInt8(ascii: "I")
    /// A registered part's twin key (`PartTwinKey`, 16 bytes) then its asset id; empty value (version 5).
    static let twin = UInt8(ascii: "W")
    /// A part's asset id; the places of its own records (`PartLine`), or empty (version 6). The last tag in key
    /// order: the other entries' blocks and pages lie as in version 5, the places (a fifth of the file) after them.
    static let partLines = UInt8(ascii: "Z")

    /// What every `W` key of the parts kept under `key` starts with.
    static func twinPrefix(_ key: PartTwinKey) -> [UInt8] { [twin] + key.bytes }

    static func make(_ tag: UInt8, _ kind: ReferenceChecker.Kind? = nil, _ id: String) -> [UInt8] {
        // Made at every lookup (an import asks for each new id several times): one array of the key's size, not an
        // array of the tag grown again for the id (a second allocation and copy, a profile's most frequent one).
        var key: [UInt8] = []
        key.reserveCapacity(2 + id.utf8.count)
        key.append(tag)
        if let kind { key.append(UInt8(kind.index)) }
        key.append(contentsOf: id.utf8)
        return key
    }

    static func make(_ commitment: PersonalCommitment) -> [UInt8] { [erasure] + commitment.digest.bytes }

    /// The key of an import of the file with SHA-256 `sha` (as its fact states it: 64 hex digits in every record
    /// this program writes, but any text in a record another tool wrote): `I`, the text's length (LEB128) and its
    /// UTF-8, then the import id. The length makes every key of one file's imports start with `importFilePrefix`
    /// and no other's.
    static func importFile(_ sha: String, _ importID: String) -> [UInt8] { importFilePrefix(sha) + Array(importID.utf8) }

    static func importFilePrefix(_ sha: String) -> [UInt8] {
        var w = ValueWriter()
        w.bytes = [importFile]
        w.string(sha)
        return w.bytes
    }
}
