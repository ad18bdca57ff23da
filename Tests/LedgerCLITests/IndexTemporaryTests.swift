import Foundation
import LedgerChain
@testable import LedgerProjections
import LedgerPlatform
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// The temporaries of the files of `index/` written as they are built (ledger-spec.md 15.1, `IndexTemporary`): the
/// shared rebuild's, the scopes' merge's and `rectify`'s. One is never seen unlocked under the name the cleaner
/// removes, so another command's cleaner cannot take a new one away between its creation and its writer's lock; the
/// name it is created under goes only when an hour old.
@Suite struct IndexTemporaryTests {
    static func index(_ temp: TemporaryDirectory) throws -> LedgerDirectory {
        let directory = TestLedger.create(in: temp)
        if !PosixFile.isDirectory(directory.indexPath) { try PosixFile.makeDirectory(directory.indexPath) }
        return directory
    }

    static func modified(_ path: String) throws -> Int64 {
        let file = try PosixFile(path: path, mode: .read, followLinks: false)
        defer { file.close() }
        return try file.status().identity[2]
    }

    /// The stems the one cleaner knows are the files written through a locked temporary, as their modules name them.
    @Test func theCleanerKnowsEveryFileWrittenThroughALockedTemporary() {
        #expect(IndexTemporary.stems == [FundState.fileName, CheckState.fileName, ScopeIndex.fileName, ".probe"] + RectifyState.writtenFileNames
                + CityListFiles.names)
        #expect(IndexTemporary.unlockedLegacyStems == RectifyState.writtenFileNames + [MentionIndex.fileName, FundTotals.fileName, CommunitiesState.fileName])
    }

    /// Another command's cleaner, run between the temporary's creation and its writer's lock (the race) — with the
    /// file system's time (as rectify runs it) or without (as a rebuild or a merge does) — removes an abandoned
    /// temporary but not the new one, whichever file it is for; once made, the temporary is held (a second lock
    /// fails), survives another cleaning, and goes with the next cleaning after its writer lets it go.
    @Test(arguments: IndexTemporary.stems, [true, false])
    func aNewTemporaryIsNotRemovedBeforeItsWriterHoldsIt(stem: String, withTime: Bool) throws {
        let temp = TemporaryDirectory("index-temporary-race")
        let directory = try Self.index(temp)
        let path = directory.indexPath + "/" + stem
        func clean() {
            IndexTemporary.removeAbandonedTemporaries(directory, now: withTime ? Int64(Date().timeIntervalSince1970) : nil)
        }
        // An abandoned one (nobody holds it), of another file: shows the cleaner ran where the race was.
        let other = IndexTemporary.stems.first { $0 != stem }!
        let abandoned = directory.indexPath + "/" + other + ".tmp-0123456789abcdef"
        try PosixFile.writeAtomically(Array("half a file".utf8), to: abandoned)
        var seenBetween: [String] = []
        let made = IndexTemporary.lockedTemporary(for: path) {
            seenBetween = (try? PosixDirectory(path: directory.indexPath).names()) ?? []
            clean()
        }
        let (file, temporary) = try #require(made)
        defer { file.close() }
        #expect(!PosixFile.exists(abandoned), "the cleaner ran between the creation and the lock")
        let creating = seenBetween.filter { $0.hasPrefix(stem + IndexTemporary.creatingMark) }
        #expect(creating.count == 1 && !seenBetween.contains { $0.hasPrefix(stem + IndexTemporary.temporaryMark) }, "\(seenBetween)")
        #expect(PosixFile.exists(temporary), "the new temporary was removed by another command's cleaner")
        #expect(temporary.hasPrefix(path + IndexTemporary.temporaryMark))
        #expect(!PosixFile.exists(directory.indexPath + "/" + creating[0]), "renamed, not copied")
        let second = try PosixFile(path: temporary, mode: .read, followLinks: false)
        defer { second.close() }
        #expect(try !second.lockExclusive(timeoutMilliseconds: 0), "its writer holds it")
        clean()
        #expect(PosixFile.exists(temporary), "held: left")
        file.close()
        second.close()
        // flock(2) locks belong to the open file description, not the descriptor: a child process another test
        // spawns at this moment (posix_spawn, Foundation's Process) holds a copy of every descriptor from its
        // creation until its exec closes them (O_CLOEXEC), and the lock with it, so the cleaner may still find the
        // temporary held just after close (once in CI). Nothing here is wrong then: cleanings are repeated,
        // bounded (5 s), until one finds it let go.
        clean()
        let deadline = Date().addingTimeInterval(5)
        while PosixFile.exists(temporary), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            clean()
        }
        #expect(!PosixFile.exists(temporary), "let go: removed")
    }

    /// A temporary put in place by `commit` is renamed while its writer still holds it: a cleaner run just before
    /// the rename cannot take it, and nothing is left behind.
    @Test func aCommittedTemporaryIsHeldToItsRename() throws {
        let temp = TemporaryDirectory("index-temporary-commit")
        let directory = try Self.index(temp)
        let path = ScopeIndex.path(directory)
        let (file, temporary) = try #require(IndexTemporary.lockedTemporary(for: path))
        try file.write(Array("a file".utf8), at: 0)
        IndexTemporary.removeAbandonedTemporaries(directory, now: nil)
        try IndexTemporary.commit(file, temporary, over: path)
        #expect(try PosixFile.readRegularFile(path, bytesMax: 100).bytes == Array("a file".utf8))
        #expect(try PosixDirectory(path: directory.indexPath).names().filter { $0 != "." && $0 != ".." } == [ScopeIndex.fileName])
    }

    /// A rebuild's streamed file (`funds.state`, `checks.state`, `scopes`, the probe) is made through the same
    /// primitive: held from its creation, a cleaner leaves it, and it is renamed into place with nothing left.
    @Test func aRebuildsStreamedFileIsHeldWhileItIsWritten() throws {
        let temp = TemporaryDirectory("index-temporary-streamed")
        let directory = try Self.index(temp)
        let written = try #require(StreamedStateFile(path: FundState.path(directory), kind: "TEST", version: 1, ledgerName: directory.name))
        written.write(Array("body".utf8))
        IndexRebuild.removeAbandonedTemporaries(directory)
        IndexTemporary.removeAbandonedTemporaries(directory, now: Int64(Date().timeIntervalSince1970))
        let names = try PosixDirectory(path: directory.indexPath).names().filter { $0 != "." && $0 != ".." }
        #expect(names.count == 1 && names[0].hasPrefix(FundState.fileName + IndexTemporary.temporaryMark), "\(names)")
        let stamp = StateStamp(seq: 0, hash: .zero, lineOffset: 0, lineBytes: 0)
        #expect(written.finish(genesis: stamp, stamp: stamp))
        #expect(try PosixDirectory(path: directory.indexPath).names().filter { $0 != "." && $0 != ".." } == [FundState.fileName])
    }

    /// `NAME.new-<16 hex>` (left by a writer killed between creating it and renaming it) goes once an hour old by
    /// the file system's clock, and not before, whichever file it was for; another file's, or with a clock unknown,
    /// is left.
    @Test func aCreatingNameGoesOnceAnHourOld() throws {
        let temp = TemporaryDirectory("index-temporary-creating")
        let directory = try Self.index(temp)
        let left = IndexTemporary.stems.map { directory.indexPath + "/" + $0 + IndexTemporary.creatingMark + "00112233445566ff" }
        let others = [directory.indexPath + "/" + MentionIndex.fileName + IndexTemporary.creatingMark + "00112233445566ff",
                      (directory.indexPath + "/" + RectifyState.listFileName) + IndexTemporary.creatingMark + "short"]
        for p in left + others { try PosixFile.writeAtomically(Array("".utf8), to: p) }
        let made = try left.map(Self.modified)
        IndexTemporary.removeAbandonedTemporaries(directory, now: nil)
        IndexTemporary.removeAbandonedTemporaries(directory, now: made.min()! + IndexTemporary.unlockedTemporaryAge - 1)
        for p in left { #expect(PosixFile.exists(p), "younger than an hour: left") }
        IndexTemporary.removeAbandonedTemporaries(directory, now: made.max()! + IndexTemporary.unlockedTemporaryAge)
        for p in left { #expect(!PosixFile.exists(p), "an hour old: removed") }
        for p in others { #expect(PosixFile.exists(p), "\(p) is not written through a locked temporary") }
    }

    /// A file written through `RectifyState.writeAtomically` leaves no temporary, under either name.
    @Test func writingLeavesNoTemporary() throws {
        let temp = TemporaryDirectory("index-temporary-write")
        let directory = try Self.index(temp)
        #expect(RectifyState.writeAtomically((directory.indexPath + "/" + RectifyState.listFileName), directory) { write throws(FileError) in
            try write(Array("a list".utf8))
        })
        #expect(try PosixFile.readRegularFile((directory.indexPath + "/" + RectifyState.listFileName), bytesMax: 100).bytes == Array("a list".utf8))
        #expect(try PosixDirectory(path: directory.indexPath).names().filter { $0 != "." && $0 != ".." } == [RectifyState.listFileName])
    }
}
