import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `PosixFile.names(inDirectory:)` (the demo's sample files, a witness's `logs/`) and `isEmptyDirectory`, which
/// share one walk of the directory.
@Suite struct PosixFileNamesTests {
    @Test("every name but . and .., a link to a directory followed, as FileManager lists them")
    func namesAsFileManagerListsThem() throws {
        let temp = TemporaryDirectory("posix-names")
        let folder = temp.path + "/folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(try PosixFile.names(inDirectory: folder).isEmpty)
        #expect(try PosixFile.isEmptyDirectory(folder))
        let names = ["a.jsonl", "社区.json", ".hidden", "b c", "sub"]
        for name in names.dropLast() { #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())) }
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: "folder")
        for path in [folder, temp.path + "/link"] {
            let listed = try PosixFile.names(inDirectory: path)
            #expect(listed.sorted() == names.sorted())
            #expect(listed.sorted() == (try FileManager.default.contentsOfDirectory(atPath: path)).sorted())
            #expect(try !PosixFile.isEmptyDirectory(path))
        }
    }

    @Test("a missing folder or a file is an error naming the path and the reason")
    func missingOrNotADirectory() throws {
        let temp = TemporaryDirectory("posix-names")
        #expect(FileManager.default.createFile(atPath: temp.path + "/file", contents: Data("x".utf8)))
        for (path, code) in [(temp.path + "/missing", ENOENT), (temp.path + "/file", ENOTDIR)] {
            #expect(throws: FileError(path: path, operation: "opendir", code: code)) { try PosixFile.names(inDirectory: path) }
            #expect(throws: FileError(path: path, operation: "opendir", code: code)) { try PosixFile.isEmptyDirectory(path) }
        }
    }
}
