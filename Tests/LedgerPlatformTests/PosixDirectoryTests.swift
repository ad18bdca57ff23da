import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `PosixDirectory`: files inside a directory opened once are opened relative to its descriptor, so swapping the
/// directory for a symbolic link between the check and the open (the `index` folder of a ledger someone else owns,
/// used by root) redirects nothing.
@Suite struct PosixDirectoryTests {
    @Test("a directory swapped for a link after it was opened: files still land in the directory that was opened")
    func swapAfterOpenRedirectsNothing() throws {
        let temp = TemporaryDirectory("posix-dir")
        let index = temp.path + "/index", victim = temp.path + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: false)
        let directory = try PosixDirectory(path: index, createWithPermissions: 0o755)
        // The swap: the real folder moves away and a link to someone else's folder takes its name.
        try FileManager.default.moveItem(atPath: index, toPath: temp.path + "/moved")
        try FileManager.default.createSymbolicLink(atPath: index, withDestinationPath: victim)
        let file = try directory.open("merkle.idx", mode: .readWriteCreate(permissions: 0o644))
        try file.write(Array("node".utf8), at: 0)
        file.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim).isEmpty, "nothing was created through the link")
        #expect(try PosixFile(path: temp.path + "/moved/merkle.idx", mode: .read).readAll() == Array("node".utf8))
    }

    @Test("a link or a file where the directory should be is refused; so is a link inside it")
    func linksAreRefused() throws {
        let temp = TemporaryDirectory("posix-dir")
        try FileManager.default.createDirectory(atPath: temp.path + "/real", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: "real")
        FileManager.default.createFile(atPath: temp.path + "/file", contents: nil)
        #expect(throws: FileError.self) { try PosixDirectory(path: temp.path + "/link") }
        #expect(throws: FileError.self) { try PosixDirectory(path: temp.path + "/file", createWithPermissions: 0o755) }
        #expect(throws: FileError.self) { try PosixDirectory(path: temp.path + "/missing") }
        let directory = try PosixDirectory(path: temp.path)
        #expect(throws: FileError.self) { try directory.open("link", mode: .read) }
        do {
            _ = try directory.open("link/x", mode: .readWriteCreate(permissions: 0o644))
            Issue.record("a path with / inside the directory was accepted")
        } catch {
            #expect(error.code == EINVAL)
        }
        #expect(!PosixFile.exists(temp.path + "/real/x"))
        // A / after a prepended letter (U+0D4E) shares its grapheme cluster: a search by characters would not see it.
        do {
            _ = try directory.open("\u{0D4E}/x", mode: .readWriteCreate(permissions: 0o644))
            Issue.record("a name with a / after a prepended letter was accepted")
        } catch {
            #expect(error.code == EINVAL)
        }
    }
}
