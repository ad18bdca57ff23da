import Foundation
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing
@testable import LedgerChain
@testable import LedgerCLI

/// Issue 11: `private/entries.index`, through which a writer reads `private/` (the listing, one `fstatat` an entry,
/// and only the entries added or changed since). Never trusted beyond its checks: over seeded `private/` contents
/// and seeded changes — entries added, removed, damaged in place, truncated, replaced by a link; the index damaged,
/// truncated, stale, deleted, foreign, of another version — what a writer reads through it is exactly what reading
/// every entry gives (openings, problems, the kept names `PrivateNames` finds), and it is read less once built.
@Suite struct PrivateEntryIndexTests {
    static let pieces: [String] = ["张", "伟", "李", "娜", "王", "芳", "高", "峰", "·", "（", "3号楼", "）", "Li", " ", "Na",
                                   "\"", "\\", "é", "😀", "業主", "業"]

    static func value(_ random: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<random.within(1...4) { text += random.pick(pieces) }
        return text
    }

    /// What a read of `private/` tells, compared whole.
    struct Told: Equatable, CustomStringConvertible {
        let openings: [PersonalCommitment: PersonalOpening]
        let problems: [Wording]
        let pending: [UInt8]?
        let exists: Bool
        init(_ contents: PrivateStore.Contents) {
            openings = contents.openings
            problems = contents.problems
            pending = contents.pendingErasure
            exists = contents.exists
        }
        var description: String { "\(openings.count) openings, problems \(problems.map(\.en))" }
    }

    /// The kept names two reads give, asked every probe as the doors ask them (`holds`, `name(inText:)`).
    static func sameNames(_ a: PrivateStore.Contents, _ b: PrivateStore.Contents, probes: [String]) -> [String] {
        let left = PersonalDataSupport.keptNames(a), right = PersonalDataSupport.keptNames(b)
        return probes.filter { left.holds($0) != right.holds($0) || left.name(inText: $0) != right.name(inText: $0) }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// Lets the file system's coarse clock move on (a tick is a few milliseconds): an entry changed in the tick an
    /// index is written in is read again by design (`racyMarginNanoseconds`), which would hide the index's use.
    static func tick() { usleep(12_000) }

    @Test(arguments: [UInt64(5001), 5002, 5003, 5004])
    func throughTheIndexEqualsEveryEntry(_ seed: UInt64) throws {
        let temp = TemporaryDirectory("private-index")
        let ledger = TestLedger.create(in: temp)
        let folder = ledger.path + "/" + PrivateStore.directoryName
        let indexPath = folder + "/" + PrivateStore.indexName
        var random = SplitMix64(seed: seed)
        var written: [PersonalOpening] = []
        var savedIndex: [UInt8]? = nil
        var usedIndex = 0
        var notices: [String] = []
        for round in 0..<24 {
            let label = "seed \(seed) round \(round)"
            // A writer adds entries (through the store, as append and import do).
            let store = try PrivateStore.openForWriting(ledger, notice: { notices.append($0) }, margin: 0)
            for _ in 0..<random.within(0...6) {
                let salt = (0..<PersonalCommitment.saltBytes).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                let opening = PersonalOpening(salt: salt, value: Self.value(&random))
                try store.add(opening)
                written.append(opening)
            }
            Self.tick()
            // The index as a writer leaves it, perhaps saved to be put back later (stale).
            _ = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
            if random.chance(30) { savedIndex = Self.bytes(indexPath) }
            Self.tick()
            // Seeded changes made behind the writers' backs.
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.count == 64 }.sorted()
            var expectNotice = false
            for _ in 0..<random.within(1...3) {
                switch random.below(12) {
                case 0 where !entries.isEmpty:
                    try? FileManager.default.removeItem(atPath: folder + "/" + random.pick(entries))
                case 1 where !entries.isEmpty:
                    // A byte flipped in place: same size, same inode, only the change time tells.
                    let path = folder + "/" + random.pick(entries)
                    if var data = Self.bytes(path), !data.isEmpty {
                        data[random.below(data.count)] ^= UInt8(1 << random.below(8))
                        let handle = try #require(FileHandle(forUpdatingAtPath: path))
                        try handle.write(contentsOf: data)
                        try handle.close()
                    }
                case 2 where !entries.isEmpty:
                    let path = folder + "/" + random.pick(entries)
                    if let data = Self.bytes(path) { try Self.write(Array(data.prefix(random.below(max(data.count, 1)))), to: path) }
                case 3 where entries.count >= 2:
                    let path = folder + "/" + entries[0]
                    try? FileManager.default.removeItem(atPath: path)
                    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: entries[1])
                case 4 where FileManager.default.fileExists(atPath: indexPath):
                    var data = Self.bytes(indexPath)!
                    data[random.below(data.count)] ^= UInt8(1 << random.below(8))
                    try Self.write(data, to: indexPath)
                    expectNotice = true
                case 5 where FileManager.default.fileExists(atPath: indexPath):
                    let data = Self.bytes(indexPath)!
                    try Self.write(Array(data.prefix(random.below(data.count))), to: indexPath)
                    expectNotice = true
                case 6:
                    try? FileManager.default.removeItem(atPath: indexPath)
                    expectNotice = false
                case 7 where savedIndex != nil:
                    try Self.write(savedIndex!, to: indexPath)
                    expectNotice = false
                case 8:
                    try Self.write((0..<random.within(0...200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, to: indexPath)
                    expectNotice = true
                case 9 where FileManager.default.fileExists(atPath: indexPath):
                    var data = Self.bytes(indexPath)!
                    let at = PrivateEntryIndex.versionPrefix.count
                    data[at] = UInt8(ascii: "7")
                    try Self.write(data, to: indexPath)
                    expectNotice = true
                default:
                    // A damaged entry's file written whole: another entry's bytes under this name.
                    if entries.count >= 2, let other = Self.bytes(folder + "/" + entries[1]) { try Self.write(other, to: folder + "/" + entries[0]) }
                }
            }
            Self.tick()
            // The reference: every entry read, no index.
            let every = PrivateStore.read(ledger)
            #expect(every.entriesRead == ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.count == 64 }.count, "\(label)")
            let probes = written.flatMap { [$0.value, "退还" + $0.value + "押金", "Mr." + $0.value] } + (0..<8).map { _ in Self.value(&random) + Self.value(&random) }
            // Read only (a dry run), then by a writer, then by the next writer.
            let readOnly = PrivateStore.read(ledger, useIndex: true)
            notices = []
            let writer = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
            // A file found unusable is told once, in the words of index/'s files; a missing or stale one is not.
            if expectNotice {
                #expect(notices.count == 1 && notices[0].hasPrefix("note: entries.index in \(folder) is ")
                        && notices[0].hasSuffix("; rebuilt from the entries of private/ (answers are unaffected)."), "\(label): \(notices)")
            } else {
                #expect(notices.isEmpty, "\(label): \(notices)")
            }
            Self.tick()
            let next = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
            let opened = try PrivateStore.openForWriting(ledger, margin: 0).contents
            for (name, read) in [("read only", readOnly), ("writer", writer), ("next writer", next), ("opened for writing", opened)] {
                #expect(Told(read) == Told(every), "\(label): \(name): \(Told(read)) vs \(Told(every))")
                #expect(Self.sameNames(read, every, probes: probes).isEmpty, "\(label): \(name)")
            }
            // Once written, the index spares the reads: only the damaged entries are read again.
            #expect(next.entriesRead == every.problems.count, "\(label): \(next.entriesRead) read, \(every.problems.count) damaged")
            if next.entriesRead < every.entriesRead { usedIndex += 1 }
        }
        #expect(usedIndex > 12, "seed \(seed): the index spared reads in \(usedIndex) of 24 rounds")
    }

    /// An erasure zeroes and removes the index before any entry goes, so no file keeps an erased value; the next
    /// writer builds it again without it.
    @Test func anErasureTakesTheIndexFirst() throws {
        let temp = TemporaryDirectory("private-index-erase")
        let ledger = TestLedger.create(in: temp)
        let folder = ledger.path + "/" + PrivateStore.directoryName
        let store = try PrivateStore.openForWriting(ledger, margin: 0)
        let kept = PersonalOpening(salt: Array(repeating: 1, count: 32), value: "张伟伟")
        let erased = PersonalOpening(salt: Array(repeating: 2, count: 32), value: "李娜娜")
        try store.add(kept)
        try store.add(erased)
        Self.tick()
        _ = try PrivateStore.openForWriting(ledger, margin: 0)
        let index = try #require(Self.bytes(folder + "/" + PrivateStore.indexName))
        #expect(index.firstRange(of: Array("李娜娜".utf8)) != nil)
        let eraser = try PrivateStore.openForWriting(ledger, margin: 0)
        try eraser.erase([erased.commitment])
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + PrivateStore.indexName))
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            #expect(Self.bytes(folder + "/" + name)?.firstRange(of: Array("李娜娜".utf8)) == nil, "\(name)")
        }
        let after = PrivateStore.readForWriter(ledger, notice: nil, margin: 0)
        #expect(Told(after) == Told(PrivateStore.read(ledger)))
        #expect(after.openings.keys.sorted() == [kept.commitment])
        let rebuilt = try #require(Self.bytes(folder + "/" + PrivateStore.indexName))
        #expect(rebuilt.firstRange(of: Array("李娜娜".utf8)) == nil && rebuilt.firstRange(of: Array("张伟伟".utf8)) != nil)
        // Withdrawing entries this run wrote (a refused import) leaves the index alone: it never held them.
        let writer = try PrivateStore.openForWriting(ledger, margin: 0)
        let fresh = PersonalOpening(salt: Array(repeating: 3, count: 32), value: "王芳芳")
        try writer.add(fresh)
        try writer.erase([fresh.commitment])
        #expect(Self.bytes(folder + "/" + PrivateStore.indexName) == rebuilt)
        // A private/ left with no entry keeps no index: an emptied directory can be removed.
        try PrivateStore.openForWriting(ledger, margin: 0).erase([kept.commitment])
        _ = PrivateStore.readForWriter(ledger, notice: nil, margin: 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// Review of private50 #1: an `entries.index` that is a hard link of an entry is only unlinked, never zeroed —
    /// by a writer refreshing it and by an erasure — so the entry keeps its bytes (and its kept name stays kept).
    @Test func aHardLinkedIndexIsNeverZeroed() throws {
        let temp = TemporaryDirectory("private-index-link")
        let ledger = TestLedger.create(in: temp)
        let folder = ledger.path + "/" + PrivateStore.directoryName
        let indexPath = folder + "/" + PrivateStore.indexName
        let store = try PrivateStore.openForWriting(ledger, margin: 0)
        let kept = PersonalOpening(salt: Array(repeating: 1, count: 32), value: "张伟伟")
        let erased = PersonalOpening(salt: Array(repeating: 2, count: 32), value: "李娜娜")
        try store.add(kept)
        try store.add(erased)
        let keptPath = folder + "/" + kept.commitment.hex
        let keptBytes = try #require(Self.bytes(keptPath))
        Self.tick()
        for eraser in [false, true] {
            try? FileManager.default.removeItem(atPath: indexPath)
            try FileManager.default.linkItem(atPath: keptPath, toPath: indexPath)
            if eraser {
                try PrivateStore.openForWriting(ledger, writesIndex: false, margin: 0).erase([erased.commitment])
            } else {
                let read = PrivateStore.readForWriter(ledger, notice: nil, margin: 0)
                #expect(read.openings[kept.commitment] == kept)
            }
            #expect(Self.bytes(keptPath) == keptBytes, "eraser \(eraser): the linked entry was overwritten")
            #expect(PrivateStore.read(ledger).openings[kept.commitment] == kept, "eraser \(eraser)")
        }
    }

    /// Review #2: a huge foreign `entries.index` (sparse, 6 GB) is unlinked without being zeroed or read, with the
    /// notice; the writer answers as without it.
    @Test func aHugeForeignIndexIsUnlinkedNotZeroed() throws {
        let temp = TemporaryDirectory("private-index-huge")
        let ledger = TestLedger.create(in: temp)
        let folder = ledger.path + "/" + PrivateStore.directoryName
        let indexPath = folder + "/" + PrivateStore.indexName
        try PrivateStore.openForWriting(ledger, margin: 0).add(PersonalOpening(salt: Array(repeating: 4, count: 32), value: "王芳"))
        #expect(FileManager.default.createFile(atPath: indexPath, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: indexPath))
        try handle.truncate(atOffset: 6 << 30)
        try handle.close()
        var notices: [String] = []
        let read = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
        #expect(Told(read) == Told(PrivateStore.read(ledger)))
        #expect(notices == ["note: entries.index in \(folder) is damaged (unreadable); rebuilt from the entries of private/ (answers are unaffected)."])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: indexPath)[.size] as? Int)
        #expect(size < 4096)
    }

    /// Review #3: an index a crash left zeroed (a writer zeroes its old file before unlinking it) is taken as no
    /// file, silently, and written again; an empty one is still "truncated".
    @Test func aZeroedIndexIsAbsent() throws {
        let temp = TemporaryDirectory("private-index-zeroed")
        let ledger = TestLedger.create(in: temp)
        let folder = ledger.path + "/" + PrivateStore.directoryName
        let indexPath = folder + "/" + PrivateStore.indexName
        try PrivateStore.openForWriting(ledger, margin: 0).add(PersonalOpening(salt: Array(repeating: 5, count: 32), value: "高峰"))
        Self.tick()
        _ = PrivateStore.readForWriter(ledger, notice: nil, margin: 0)
        let good = try #require(Self.bytes(indexPath))
        try Self.write(Array(repeating: 0, count: good.count), to: indexPath)
        var notices: [String] = []
        let read = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
        #expect(notices.isEmpty, "\(notices)")
        #expect(Told(read) == Told(PrivateStore.read(ledger)))
        #expect(try PrivateEntryIndex.decode(#require(Self.bytes(indexPath)), written: 0).index?.entries.count == 1)
    }

    /// Review #4 and #5: every writer removes the temporaries an interrupted write left, and a directory in the
    /// index's place is told (as `index/`'s files tell it) and left.
    @Test func temporariesGoAndADirectoryIsTold() throws {
        let temp = TemporaryDirectory("private-index-temp")
        let ledger = TestLedger.create(in: temp)
        let folder = ledger.path + "/" + PrivateStore.directoryName
        let indexPath = folder + "/" + PrivateStore.indexName
        try PrivateStore.openForWriting(ledger, margin: 0).add(PersonalOpening(salt: Array(repeating: 6, count: 32), value: "李娜"))
        let temporary = folder + "/.entries.index" + PosixDirectory.temporaryMark + "0123456789abcdef"
        try Self.write(Array("李娜".utf8), to: temporary)
        Self.tick()
        var notices: [String] = []
        _ = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(notices.isEmpty)
        try FileManager.default.removeItem(atPath: indexPath)
        try FileManager.default.createDirectory(atPath: indexPath, withIntermediateDirectories: false)
        let read = PrivateStore.readForWriter(ledger, notice: { notices.append($0) }, margin: 0)
        #expect(Told(read) == Told(PrivateStore.read(ledger)))
        #expect(notices.count == 1 && notices[0].hasPrefix("note: \(indexPath) is a directory, where the derived file entries.index belongs;")
                && notices[0].contains("rm -r \(indexPath)"), "\(notices)")
    }

    /// Review #6: the racy margin. An entry changed within the margin of the index's writing is read again, even with
    /// its stamp unchanged in the index; with no margin the same entry is trusted. (The margin is given as an hour
    /// here, so that a machine stalled for seconds between the writes cannot fail the test; the writers' own is 2 s.)
    @Test func anEntryChangedWithinTheMarginIsReadAgain() throws {
        let temp = TemporaryDirectory("private-index-margin")
        let ledger = TestLedger.create(in: temp)
        let store = try PrivateStore.openForWriting(ledger, margin: 0)
        for n in 1...3 { try store.add(PersonalOpening(salt: Array(repeating: UInt8(n), count: 32), value: "业主\(n)")) }
        _ = PrivateStore.readForWriter(ledger, notice: nil)
        // Written within the margin of the entries' change: each is read again by the next writer.
        #expect(PrivateEntryIndex.racyMarginNanoseconds == 2_000_000_000)
        let next = PrivateStore.readForWriter(ledger, notice: nil, margin: 3_600_000_000_000)
        #expect(next.entriesRead == 3)
        #expect(PrivateStore.readForWriter(ledger, notice: nil, margin: 0).entriesRead == 0)
    }

    /// The file's own checks, one by one: each refusal is told with its reason, as `index/`'s files are.
    @Test func aDamagedIndexIsToldWhy() throws {
        let opening = PersonalOpening(salt: Array(repeating: 7, count: 32), value: "Li Na")
        var index = PrivateEntryIndex()
        index.entries[opening.commitment] = .init(opening: opening, stamp: .init(fields: [1, 2, 3, 4, 5, 6, 7]))
        let good = index.encoded()
        #expect(PrivateEntryIndex.decode(good, written: 0).index?.entries == index.entries)
        func problem(_ bytes: [UInt8]) -> String? {
            if case .failure(let p) = PrivateEntryIndex.decode(bytes, written: 0) { return p.wording.en }
            return nil
        }
        #expect(problem(Array(good.dropLast())) == "damaged (checksum does not match)")
        #expect(problem(Array(good.prefix(10))) == "damaged (truncated)")
        #expect(problem([]) == "damaged (truncated)")
        #expect(problem(Array("SQLite format 3\n".utf8) + good) == "not a file of this kind (ledger-private-index)")
        var other = good
        other[PrivateEntryIndex.versionPrefix.count] = UInt8(ascii: "2")
        #expect(problem(other) == "of version 2, not 1 as this program writes")
        // An opening that does not open its commitment, sealed with a good checksum: refused all the same.
        var forged = Array(good.dropLast(32))
        forged[forged.count - 1] ^= 1
        forged += SHA256.digest(forged).bytes
        #expect(problem(forged) == "damaged (an opening does not open its commitment)")
    }
}
