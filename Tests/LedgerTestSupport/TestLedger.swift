import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform

/// A fresh temporary directory, removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "ledger-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Also removes the directory when the test process exits: for a fixture kept in a `static let`, which is never
    /// deinitialised (each run left its folder in the temporary directory).
    public func removeAtExit() {
        Self.exitLock.lock()
        defer { Self.exitLock.unlock() }
        _ = Self.exitHandler
        Self.atExit.append(path)
    }

    private static let exitLock = NSLock()
    nonisolated(unsafe) private static var atExit: [String] = []
    private static let exitHandler: Void = {
        atexit {
            TemporaryDirectory.exitLock.lock()
            defer { TemporaryDirectory.exitLock.unlock() }
            for path in TemporaryDirectory.atExit { try? FileManager.default.removeItem(atPath: path) }
        }
    }()
}

/// Helpers to build ledgers in tests with fixed clocks and ids.
public enum TestLedger {
    /// The fixed recording time used by tests and the spec's vectors.
    public static let recordedAt = Timestamp(rfc3339: "2025-01-01T08:00:00Z")!

    /// A new empty ledger inside `directory`.
    public static func create(in directory: TemporaryDirectory, name: String = "test-ledger") -> LedgerDirectory {
        try! LedgerDirectory.create(at: directory.path + "/ledger", name: name, createdAt: recordedAt)
    }

    /// A simple event with a fixed id, of a type the domain does not know (`test.note`): the chain takes any type,
    /// and keeps such a payload as its canonical bytes.
    public static func event(_ index: Int, data: [String: JSONValue]? = nil) -> Event {
        let data = data ?? ["n": .integer(Int64(index)), "text": .string("记录 \(index)")]
        return Event(id: "ev-\(index)", occurredOn: CalendarDate(year: 2024, month: 1 + index % 12, day: 1 + index % 28)!,
                     actor: "tester", payload: .raw(type: "test.note", data: CanonicalJSON.encode(.object(data))))
    }

    /// Appends events in batches of the given sizes; returns the writer's result of the last batch.
    @discardableResult
    public static func append(_ events: [Event], to directory: LedgerDirectory, recordedAt: Timestamp = recordedAt) throws -> AppendResult {
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        var counter = 0
        return try writer.append(events, options: AppendOptions(recordedAt: recordedAt, defaultActor: "tester", makeId: {
            counter += 1
            return "gen-\(counter)"
        }))
    }

    /// Appends like `append`, then puts back the acknowledged head from before: the state a crash leaves after the
    /// batch reached the log and before the writer recorded it as acknowledged (so cutting into it is a torn tail).
    @discardableResult
    public static func appendUnacknowledged(_ events: [Event], to directory: LedgerDirectory) throws -> AppendResult {
        let before = PosixFile.exists(directory.acknowledgedPath) ? try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: AcknowledgedHead.fileBytes).bytes : nil
        let result = try append(events, to: directory)
        if let before {
            try PosixFile.writeAtomically(before, to: directory.acknowledgedPath)
        } else {
            try PosixFile.remove(directory.acknowledgedPath)
        }
        return result
    }

    /// The bytes of events.jsonl.
    public static func logBytes(_ directory: LedgerDirectory) -> [UInt8] {
        try! PosixFile(path: directory.eventsPath, mode: .read).readAll()
    }

    /// Replaces events.jsonl with `bytes` (tampering and crash simulation).
    public static func writeLog(_ bytes: [UInt8], to directory: LedgerDirectory) {
        let file = try! PosixFile(path: directory.eventsPath, mode: .readWrite)
        try! file.truncate(to: 0)
        try! file.write(bytes, at: 0)
    }
}

extension Event {
    /// This event with its `data` edited as JSON and read again by the type's decoder (tests that tamper with
    /// records, or that need a payload the schema refuses).
    public func editingData(_ edit: (inout [String: JSONValue]) -> Void) -> Event {
        var data = self.data
        edit(&data)
        return Event(id: id, occurredOn: occurredOn, actor: actor,
                     payload: EventPayload.decoding(type: type, occurredOn: occurredOn, canonicalData: CanonicalJSON.encode(.object(data))[...]))
    }
}

/// Paths of the package's built executables, for tests that run real processes: the one way tests find them.
public enum TestBinaries {
    /// The `ledger` executable (see `directory`).
    public static var ledger: String { directory + "/ledger" }
    /// The `ledger-bench` executable (see `directory`).
    public static var ledgerBench: String { directory + "/ledger-bench" }

    /// The folder holding the executables: `LEDGER_BIN_DIR` when set (e.g. to run the fault tests against an
    /// older build), else the test binary's own folder — `swift test` builds every product beside it (on some
    /// layouts the test binary sits inside NAME.xctest/, which is stepped out of).
    public static var directory: String {
        if let dir = ProcessInfo.processInfo.environment["LEDGER_BIN_DIR"] { return dir }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = (me as NSString).deletingLastPathComponent
        while dir.contains(".xctest") { dir = (dir as NSString).deletingLastPathComponent }
        return dir
    }

    /// The system's python3 (the independent verifier and the spec checks run on it), or nil when it is missing.
    public static let python3 = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Full path of the built executable `name`, or nil when it is missing.
    public static func path(_ name: String) -> String? {
        let path = directory + "/" + name
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// This process's environment without what chooses `ledger`'s language (`LEDGER_LANG`, a zh_* locale): the
    /// tests read each command's default language, whatever the locale of whoever runs them.
    public static var environmentWithoutLanguage: [String: String] {
        ProcessInfo.processInfo.environment.filter { name, value in
            name != "LEDGER_LANG" && !(["LC_ALL", "LC_MESSAGES", "LANG"].contains(name) && value.lowercased().hasPrefix("zh"))
        }
    }

    /// Runs a process and returns (exit status, stdout, stderr).
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8] = [],
                           environment: [String: String]? = nil,
                           in directory: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = environment ?? TestBinaries.environmentWithoutLanguage
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// Bytes of `LEDGER/acknowledged` built from ledger-spec.md section 1 alone, not through the library, so tests
/// compare the writer with the spec.
public enum AcknowledgedBytes {
    /// One 4,096-byte slot: `{"check":C,"hash":H,"seq":N}`, spaces, LF; C = SHA-256 of `{"hash":H,"seq":N}`.
    public static func slot(seq: Int64, hash: String) -> [UInt8] {
        let text = "{\"check\":\"\(SHA256.digest(oneLineText(seq: seq, hash: hash)).hex)\",\"hash\":\"\(hash)\",\"seq\":\(seq)}"
        return Array(text.utf8) + [UInt8](repeating: 0x20, count: 4095 - text.utf8.count) + [0x0A]
    }

    /// The slot holding `head`, or the empty slot (seq 0, 64 zeros) for nil.
    public static func slot(_ head: AcknowledgedHead?) -> [UInt8] {
        head.map { slot(seq: $0.seq, hash: $0.hash.hex) } ?? slot(seq: 0, hash: String(repeating: "0", count: 64))
    }

    /// The one-line form of development builds: `{"hash":H,"seq":N}` and LF.
    public static func oneLine(seq: Int64, hash: String) -> [UInt8] { Array((oneLineText(seq: seq, hash: hash) + "\n").utf8) }

    static func oneLineText(seq: Int64, hash: String) -> String { "{\"hash\":\"\(hash)\",\"seq\":\(seq)}" }

    /// The file's bytes now.
    public static func read(_ directory: LedgerDirectory) throws -> [UInt8] {
        try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: 1 << 20).bytes
    }
}
