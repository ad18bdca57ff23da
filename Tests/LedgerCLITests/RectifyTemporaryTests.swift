import Foundation
import LedgerChain
import LedgerPlatform
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// The temporaries `rectify` writes its files under (ledger-spec.md 15.1, `RectifyState.writeAtomically`): one is
/// never seen unlocked under the name the cleaner removes, so another rectify's cleaner cannot take a new one away
/// between its creation and its writer's lock; the name it is created under goes only when an hour old.
@Suite struct RectifyTemporaryTests {
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

    /// Another rectify's cleaner, run between the temporary's creation and its writer's lock (the race), removes an
    /// abandoned temporary but not the new one; once made, the temporary is held (a second lock fails), survives
    /// another cleaning, and goes with the next cleaning after its writer lets it go.
    @Test func aNewTemporaryIsNotRemovedBeforeItsWriterHoldsIt() throws {
        let temp = TemporaryDirectory("rectify-temporary-race")
        let directory = try Self.index(temp)
        let path = RectifyState.path(directory)
        // An abandoned one (nobody holds it): shows the cleaner ran where the race was.
        let abandoned = RectifyState.patchPath(directory) + ".tmp-0123456789abcdef"
        try PosixFile.writeAtomically(Array("half a file".utf8), to: abandoned)
        var seenBetween: [String] = []
        let made = RectifyState.lockedTemporary(for: path) {
            seenBetween = (try? PosixDirectory(path: directory.indexPath).names()) ?? []
            RectifyState.removeAbandonedTemporaries(directory, now: Int64(Date().timeIntervalSince1970))
        }
        let (file, temporary) = try #require(made)
        defer { file.close() }
        #expect(!PosixFile.exists(abandoned), "the cleaner ran between the creation and the lock")
        let creating = seenBetween.filter { $0.hasPrefix(RectifyState.fileName + RectifyState.creatingMark) }
        #expect(creating.count == 1 && !seenBetween.contains { $0.hasPrefix(RectifyState.fileName + ".tmp-") }, "\(seenBetween)")
        #expect(PosixFile.exists(temporary), "the new temporary was removed by another rectify's cleaner")
        #expect(temporary.hasPrefix(path + RectifyState.temporaryMark))
        #expect(!PosixFile.exists(directory.indexPath + "/" + creating[0]), "renamed, not copied")
        let other = try PosixFile(path: temporary, mode: .read, followLinks: false)
        defer { other.close() }
        #expect(try !other.lockExclusive(timeoutMilliseconds: 0), "its writer holds it")
        RectifyState.removeAbandonedTemporaries(directory, now: Int64(Date().timeIntervalSince1970))
        #expect(PosixFile.exists(temporary), "held: left")
        file.close()
        other.close()
        RectifyState.removeAbandonedTemporaries(directory, now: nil)
        #expect(!PosixFile.exists(temporary), "let go: removed")
    }

    /// `NAME.new-<16 hex>` (left by a writer killed between creating it and renaming it) goes once an hour old by
    /// the file system's clock, and not before; another file's, or with a clock unknown, is left.
    @Test func aCreatingNameGoesOnceAnHourOld() throws {
        let temp = TemporaryDirectory("rectify-temporary-creating")
        let directory = try Self.index(temp)
        let left = (directory.indexPath + "/" + RectifyState.listFileName) + RectifyState.creatingMark + "00112233445566ff"
        let others = [directory.indexPath + "/scopes" + RectifyState.creatingMark + "00112233445566ff",
                      (directory.indexPath + "/" + RectifyState.listFileName) + RectifyState.creatingMark + "short"]
        for p in [left] + others { try PosixFile.writeAtomically(Array("".utf8), to: p) }
        let made = try Self.modified(left)
        RectifyState.removeAbandonedTemporaries(directory, now: nil)
        RectifyState.removeAbandonedTemporaries(directory, now: made + RectifyState.unlockedTemporaryAge - 1)
        #expect(PosixFile.exists(left), "younger than an hour: left")
        RectifyState.removeAbandonedTemporaries(directory, now: made + RectifyState.unlockedTemporaryAge)
        #expect(!PosixFile.exists(left), "an hour old: removed")
        for p in others { #expect(PosixFile.exists(p), "\(p) is not rectify's") }
    }

    /// A file written through `writeAtomically` leaves no temporary, under either name.
    @Test func writingLeavesNoTemporary() throws {
        let temp = TemporaryDirectory("rectify-temporary-write")
        let directory = try Self.index(temp)
        #expect(RectifyState.writeAtomically((directory.indexPath + "/" + RectifyState.listFileName), directory) { write throws(FileError) in
            try write(Array("a list".utf8))
        })
        #expect(try PosixFile.readRegularFile((directory.indexPath + "/" + RectifyState.listFileName), bytesMax: 100).bytes == Array("a list".utf8))
        #expect(try PosixDirectory(path: directory.indexPath).names().filter { $0 != "." && $0 != ".." } == [RectifyState.listFileName])
    }
}
