import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// An interrupt (Ctrl-C, SIGTERM, a closed terminal) while a command writes a file leaves the file as it was and no
/// hidden temporary beside it (`InterruptCleanup`).
@Suite(.serialized) struct InterruptCleanupTests {
    @Test func aStagedWriteIsRegisteredUntilCommittedOrDiscarded() throws {
        let temp = TemporaryDirectory("interrupt-cleanup")
        let target = temp.path + "/list.csv"
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.contains(".tmp-") }.map { temp.path + "/" + $0 }
        }
        let committed = try PosixFile.stageWrite(Array("a\n".utf8), to: target)
        let first = try temporaries()
        try #require(first.count == 1)
        #expect(InterruptCleanup.isRegistered(first[0]))
        try committed.commit()
        #expect(!InterruptCleanup.isRegistered(first[0]))
        let discarded = try PosixFile.stageWrite(Array("b\n".utf8), to: target)
        let second = try temporaries()
        try #require(second.count == 1)
        #expect(InterruptCleanup.isRegistered(second[0]))
        discarded.discard()
        #expect(!InterruptCleanup.isRegistered(second[0]))
        #expect(try temporaries().isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "a\n")
    }

    @Test func aFullTableOrALongPathIsNotRegisteredAndNothingBreaks() {
        let long = "/" + String(repeating: "x", count: Int(PATH_MAX) + 10)
        #expect(InterruptCleanup.register(long) == nil)
        var tokens: [InterruptCleanup.Token] = []
        while let token = InterruptCleanup.register("/nonexistent/interrupt-\(tokens.count)") { tokens.append(token) }
        #expect(tokens.count <= InterruptCleanup.capacity && !tokens.isEmpty)
        for token in tokens { InterruptCleanup.unregister(token) }
        #expect(!InterruptCleanup.isRegistered("/nonexistent/interrupt-0"))
    }

    /// `rectify --out`, stopped after its first piece (`LEDGER_TEST_PAUSE_OUTPUT`), then sent SIGINT or SIGTERM: the
    /// process ends by that signal, the file at --out is unchanged and no temporary is left in its folder.
    @Test("an interrupted --out leaves the old file and no temporary", arguments: [SIGINT, SIGTERM, SIGHUP])
    func interruptedOutput(_ signal: Int32) throws {
        let (temp, ledger) = try CLIFaultTests.prepared()
        let folder = temp.path + "/out"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let out = folder + "/list.csv"
        let old = Data("the list issued last month\n".utf8)
        try old.write(to: URL(fileURLWithPath: out))
        let err = temp.path + "/rectify.err"
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        var environment = ProcessInfo.processInfo.environment
        environment["LEDGER_TEST_PAUSE_OUTPUT"] = "1"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestBinaries.ledger)
        process.arguments = ["rectify", "--ledger", ledger, "--as-of", "2024-06-01", "--format", "csv", "--out", out]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        func said() -> String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }
        while Date() < deadline, !said().contains("paused output") { Thread.sleep(forTimeInterval: 0.02) }
        if !said().contains("paused output") { ProcessSignal.kill(process.processIdentifier) }
        try #require(said().contains("paused output"), "rectify never reached its first piece: \(said())")
        let staged = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(staged.count == 1, "the paused write has its temporary: \(staged)")
        #expect(kill(process.processIdentifier, signal) == 0)
        let end = Date().addingTimeInterval(60)
        while process.isRunning, Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { ProcessSignal.kill(process.processIdentifier) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal,
                "ended by the signal, as without the cleanup: \(process.terminationReason) \(process.terminationStatus)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == old)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "temporaries left: \(left)")
    }
}
