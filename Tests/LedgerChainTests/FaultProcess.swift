import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport

/// Runs the built executables (`ledger`, `ledger-bench`) as real processes for the crash, disk-full and stress
/// tests; `TestBinaries` finds them.
enum FaultProcess {
    /// An iteration count from the environment (full runs), else `default`.
    static func count(_ variable: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap(Int.init) ?? value
    }

    /// A fresh empty scratch directory.
    static func scratchDirectory(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "ledger-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts `executable` with its standard output and error going to files; returns the running process.
    static func start(_ executable: String, _ arguments: [String], stdout: String, stderr: String) throws -> Process {
        _ = FileManager.default.createFile(atPath: stdout, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: stdout)
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to completion; returns (status, was killed by a signal, stdout, stderr).
    static func run(_ executable: String, _ arguments: [String], in directory: String)
        throws -> (status: Int32, signalled: Bool, out: String, err: String) {
        let out = directory + "/run-\(UUID().uuidString.prefix(8)).out", err = out + ".err"
        let process = try start(executable, arguments, stdout: out, stderr: err)
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal,
                (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Complete lines of a file (a last line without its newline, cut by a kill, is left out).
    static func completeLines(_ path: String) -> [Substring] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()   // the text after the last newline: empty, or a partial line
        return lines
    }

    /// `(last seq, head hash)` of every `ack FIRST LAST HASH` line a writer printed.
    static func acknowledgements(_ path: String) -> [(first: Int64, last: Int64, hash: String)] {
        completeLines(path).compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 4, parts[0] == "ack", let first = Int64(parts[1]), let last = Int64(parts[2]) else { return nil }
            return (first, last, String(parts[3]))
        }
    }

    /// The hash of every record in the committed log, index seq − 1 (so the tests can check any acknowledged seq).
    static func committedHashes(_ eventsPath: String) -> (summary: ScanSummary?, hashes: [String]) {
        var hashes: [String] = []
        let result = LogScanner.scan(path: eventsPath) { (line: VerifiedLine) throws(Never) in hashes.append(line.hash.hex) }
        guard case .success(let summary) = result else { return (nil, []) }
        return (summary, Array(hashes.prefix(Int(summary.recordCount))))
    }
}
