import Foundation
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerTestSupport
import Testing
@testable import LedgerChain
@testable import LedgerCLI

/// Session 52 (issue 11): `private/names.index`, from which a writer answers the kept-name check without a table of
/// every name. Written by the first writer, then read; stale (entries changed since: a new `entries.index`
/// checksum), missing, damaged (truncated, bit-flipped), foreign, of another version or of other rules, it is made
/// again from the entries and written in its place — with the notice for a file that was there and unusable — and
/// every answer stays the table's. An erasure removes it before any entry.
@Suite struct PrivateNamesIndexTests {
    static let values = ["张伟伟", "李娜娜", "王芳（2号楼102室）", "John Smith", "阿卜杜拉·买买提", "Jos\u{E9} Li", "Jose\u{301} Li", "业主委员会", "高峰"]
    static let probes = values + ["退还李娜娜押金", "退还張偉偉多交", "王芳", "用电高峰", "paid by JOHN SMITH.", "阿卜杜拉买买提", "jose\u{301} li",
                                  "业主委员会决定", "3号楼", "Carolina", "张伟", "refund to josé li"]

    /// The bytes of `name` in private/, nil when it is not there.
    static func bytes(_ ledger: LedgerDirectory, _ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: ledger.path + "/private/" + name).map { [UInt8]($0) }
    }

    /// `private/` with `values`, and `entries.index` written and current.
    static func ledgerWith(_ values: [String], _ temp: TemporaryDirectory) throws -> LedgerDirectory {
        let ledger = TestLedger.create(in: temp)
        let store = try PrivateStore.openForWriting(ledger, margin: 0)
        for (i, value) in values.enumerated() { try store.add(PersonalOpening(salt: Array(repeating: UInt8(i + 1), count: 32), value: value)) }
        usleep(12_000)
        _ = PrivateStore.readForWriter(ledger, notice: nil, margin: 0)
        return ledger
    }

    /// What a writer answers now (through the file when it can), with the notices it gave, against the table.
    static func check(_ ledger: LedgerDirectory, committed: [String] = [], _ label: String) -> (notices: [String], usedFile: Bool) {
        var notices: [String] = []
        let contents = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
        let checked = PersonalDataSupport.keptNames(ledger, contents, committed: committed, writes: true, notice: { notices.append($0) })
        let table = PersonalDataSupport.keptNames(contents, committed: committed)
        for probe in probes {
            #expect(checked.holds(probe) == table.holds(probe), "\(label): \(probe)")
            #expect(checked.name(inText: probe).map { Array($0.utf8) } == table.name(inText: probe).map { Array($0.utf8) }, "\(label): \(probe)")
        }
        return (notices, checked is IndexedPrivateNames)
    }

    @Test func theFileIsWrittenThenReadAndAnswersAsTheTable() throws {
        let temp = TemporaryDirectory("names-index")
        let ledger = try Self.ledgerWith(Self.values, temp)
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) == nil)
        let first = Self.check(ledger, "first")
        #expect(first.notices.isEmpty && first.usedFile)
        let written = try #require(Self.bytes(ledger, PrivateNameKeys.fileName))
        let status = try #require(try PosixDirectory(path: ledger.path + "/private").status(of: PrivateNameKeys.fileName))
        #expect(status.permissions == 0o600)
        // Read, not written again: the same file (inode) and bytes.
        let again = Self.check(ledger, committed: ["赵敏敏", "李娜娜"], "again")
        #expect(again.notices.isEmpty && again.usedFile)
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) == written)
        #expect(try PosixDirectory(path: ledger.path + "/private").status(of: PrivateNameKeys.fileName)?.identity[1] == status.identity[1])
        // A dry run (no lock) reads it and never writes it. It trusts only entries older than entries.index by the
        // racy margin (2 s): the index is made again once they are, the same bytes, so the same checksum.
        usleep(2_100_000)
        try FileManager.default.removeItem(atPath: ledger.path + "/private/" + PrivateStore.indexName)
        _ = PrivateStore.readForWriter(ledger, notice: nil)
        let dry = PrivateStore.read(ledger, useIndex: true)
        #expect(dry.indexChecksum != nil)
        #expect(PersonalDataSupport.namesIndex(ledger, dry, writes: false, notice: nil) != nil)
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) == written)
        // Stale for it (an entry added): the table answers, and the file is left as it was.
        try PrivateStore.openForWriting(ledger, margin: 0).add(PersonalOpening(salt: Array(repeating: 77, count: 32), value: "赵敏敏"))
        #expect(PersonalDataSupport.namesIndex(ledger, PrivateStore.read(ledger, useIndex: true), writes: false, notice: nil) == nil)
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) == written)
    }

    /// Each way the file can be wrong: rebuilt, told when it was there and unusable, the answers the table's.
    @Test(arguments: ["truncated", "cut", "flipped", "foreign", "version", "rules", "stale", "missing", "zeros", "directory"])
    func aWrongFileIsRebuilt(_ how: String) throws {
        let temp = TemporaryDirectory("names-index-" + how)
        let ledger = try Self.ledgerWith(Self.values, temp)
        _ = Self.check(ledger, "before")
        let path = ledger.path + "/private/" + PrivateNameKeys.fileName
        var bytes = try #require(Self.bytes(ledger, PrivateNameKeys.fileName))
        let newline = bytes.firstIndex(of: 0x0A)!
        var told: String? = nil
        switch how {
        case "truncated": bytes = Array(bytes.prefix(bytes.count - 7)); told = "damaged (checksum does not match)"
        case "cut": bytes = Array(bytes.prefix(newline - 3)); told = "damaged (truncated)"
        case "flipped": bytes[bytes.count / 2] ^= 0x10; told = "damaged (checksum does not match)"
        case "foreign": bytes = Array("not a names file\n".utf8); told = "not a file of this kind (ledger-private-names)"
        case "version":
            bytes = Array("ledger-private-names/v9".utf8) + bytes[newline...]
            bytes = Array(bytes.dropLast(32)) + SHA256.digest(Array(bytes.dropLast(32))).bytes
            told = "of version 9, not 1 as this program writes"
        case "rules":
            bytes[newline + 5] ^= 0x01
            bytes = Array(bytes.dropLast(32)) + SHA256.digest(Array(bytes.dropLast(32))).bytes
            told = "made by other name rules than this program's"
        case "stale":
            // An entry added behind the writers' backs: a new entries.index, a new checksum.
            let store = try PrivateStore.openForWriting(ledger, margin: 0)
            try store.add(PersonalOpening(salt: Array(repeating: 99, count: 32), value: "赵敏敏"))
            usleep(12_000)
        case "missing": bytes = []
        case "zeros": bytes = Array(repeating: 0, count: bytes.count)
        default: break
        }
        if how == "missing" || how == "directory" {
            try FileManager.default.removeItem(atPath: path)
            if how == "directory" { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }
        } else if how != "stale" {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let after = Self.check(ledger, how)
        #expect(after.usedFile, "\(how)")
        if how == "directory" {
            #expect(after.notices.count == 1 && after.notices[0].contains("is a directory, where the derived file names.index belongs"), "\(after.notices)")
            try FileManager.default.removeItem(atPath: path)
            return
        }
        if let told {
            #expect(after.notices == ["note: names.index in \(ledger.path)/private is \(told); rebuilt from the entries of private/ (answers are unaffected)."], "\(how)")
        } else {
            #expect(after.notices.isEmpty, "\(how): \(after.notices)")
        }
        let rebuilt = try #require(Self.bytes(ledger, PrivateNameKeys.fileName))
        guard case .success(let file) = PrivateNameKeys.decode(rebuilt) else { Issue.record("\(how): not rebuilt"); return }
        #expect(file.entriesChecksum == PrivateStore.readForWriter(ledger, notice: nil, margin: 0).indexChecksum)
        #expect(how != "stale" || IndexedPrivateNames([file]).holds("赵敏敏"))
        // The next writer reads it as it is.
        let next = Self.check(ledger, how + " next")
        #expect(next.notices.isEmpty && Self.bytes(ledger, PrivateNameKeys.fileName) == rebuilt)
    }

    /// An erasure removes the file before any entry: no file of private/ keeps the erased name's key; the next
    /// writer makes it again without it. An interrupted erasure's `erasure.pending` keeps every writer on the table.
    @Test func anErasureTakesTheFileFirst() throws {
        let temp = TemporaryDirectory("names-index-erase")
        let ledger = try Self.ledgerWith(Self.values, temp)
        _ = Self.check(ledger, "before")
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName)?.firstRange(of: Array("李娜娜".utf8)) != nil)
        let store = try PrivateStore.openForWriting(ledger, writesIndex: false, margin: 0)
        let erased = try #require(store.contents.openings.values.first { $0.value == "李娜娜" })
        try store.erase([erased.commitment])
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) == nil)
        for name in try FileManager.default.contentsOfDirectory(atPath: ledger.path + "/private") {
            #expect(Self.bytes(ledger, name)?.firstRange(of: Array("李娜娜".utf8)) == nil, "\(name)")
        }
        let after = Self.check(ledger, "after")
        #expect(after.usedFile && after.notices.isEmpty)
        let rebuilt = try #require(Self.bytes(ledger, PrivateNameKeys.fileName))
        #expect(rebuilt.firstRange(of: Array("李娜娜".utf8)) == nil && rebuilt.firstRange(of: Array("张伟伟".utf8)) != nil)
        // While an erasure waits: the table answers, and no file is written.
        try store.beginErasure(Array("{}\n".utf8))
        try FileManager.default.removeItem(atPath: ledger.path + "/private/" + PrivateNameKeys.fileName)
        let waiting = Self.check(ledger, "waiting")
        #expect(!waiting.usedFile && Self.bytes(ledger, PrivateNameKeys.fileName) == nil)
    }

    /// Every entry removed by hand (review of privkeys52 #3): the next writer removes the file too, so that no key
    /// of a former person lingers and the emptied private/ can be removed.
    @Test func aFileLeftByEntriesRemovedByHandGoes() throws {
        let temp = TemporaryDirectory("names-index-emptied")
        let ledger = try Self.ledgerWith(Self.values, temp)
        _ = Self.check(ledger, "before")
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) != nil)
        let directory = ledger.path + "/private"
        for name in try FileManager.default.contentsOfDirectory(atPath: directory)
        where name.count == 64 && name.allSatisfy(\.isHexDigit) {
            try FileManager.default.removeItem(atPath: directory + "/" + name)
        }
        let contents = PrivateStore.readForWriter(ledger, notice: nil, margin: 0)
        #expect(contents.openings.isEmpty)
        #expect(PersonalDataSupport.namesIndex(ledger, contents, writes: true, notice: nil) == nil)
        #expect(Self.bytes(ledger, PrivateNameKeys.fileName) == nil)
    }
}
