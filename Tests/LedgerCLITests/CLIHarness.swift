import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport

/// Runs `ledger` commands in-process with a fixed clock and ids, capturing output.
final class CLIHarness: @unchecked Sendable {
    let temp = TemporaryDirectory("cli")
    var stdout = ""
    var stdoutBytes: [UInt8] = []
    var stderr = ""
    /// The environment commands see.
    var environment = ["USER": "test-clerk"]
    private var idCounter = 0
    /// Salts of personal data: seeded, so a run is the same every time.
    private var random = SplitMix64(seed: 0x5A17)

    var ledgerPath: String { temp.path + "/ledger" }
    /// The time commands see as now (their "today" is its UTC date).
    var clock = Timestamp(rfc3339: "2026-01-05T02:03:04Z")!
    /// The current directory commands see (default: the temporary directory).
    var currentDirectory: String? = nil

    /// Runs one command line; `--ledger` is added unless given.
    @discardableResult
    func run(_ arguments: [String], stdin: String = "", addLedger: Bool = true) -> Int32 {
        stdout = ""
        stdoutBytes = []
        stderr = ""
        var io = CommandIO(
            environment: environment,
            readStandardInput: { Array(stdin.utf8) },
            writeOut: { self.stdout += $0; self.stdoutBytes += Array($0.utf8) },
            writeOutBytes: { self.stdoutBytes += $0; self.stdout += String(decoding: $0, as: UTF8.self) },
            writeErr: { self.stderr += $0 },
            now: { self.clock },
            makeId: { self.idCounter += 1; return "gen-\(self.idCounter)" },
            stderrIsTerminal: false,
            currentDirectory: currentDirectory ?? temp.path)
        io.randomBytes = { (count: Int) throws(FileError) -> [UInt8] in
            (0..<count).map { _ in UInt8(truncatingIfNeeded: self.random.next()) }
        }
        var full = arguments
        if addLedger, !arguments.contains("--ledger"), !arguments.isEmpty { full += ["--ledger", ledgerPath] }
        return LedgerCLI.run(arguments: full, io: io)
    }
}

extension CLIHarness {
    /// Appends `lines` as one batch by the library, past the command's door (as a writer before a door rule did):
    /// for what the log may already hold that `ledger append` now refuses.
    /// The log's bytes as they are on disk: a refused command must leave them exactly as they were.
    func logBytes() throws -> [UInt8] {
        try PosixFile(path: ledgerPath + "/events.jsonl", mode: .read).readAll()
    }

    func writeBeforeTheRule(_ lines: [String]) throws {
        let directory = try LedgerDirectory.open(ledgerPath)
        let writer = try LogWriter.open(directory)
        let events = try lines.enumerated().map { try EventInput.parse(line: Array($0.element.utf8), source: "old", lineNumber: $0.offset + 1) }
        _ = try writer.append(events, options: AppendOptions(recordedAt: Timestamp(rfc3339: "2024-06-01T00:00:00Z")!, defaultActor: "clerk",
                                                              makeId: { "x" }))
        writer.close()
    }
}
