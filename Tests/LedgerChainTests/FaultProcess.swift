import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport

/// Runs the built executables (`ledger`, `ledger-bench`) as real processes for the crash, disk-full and stress
/// tests; `TestBinaries` finds them.
enum FaultProcess {
    /// An iteration count from the environment (full runs), else `default` times `LEDGER_TEST_DEPTH`.
    static func count(_ variable: String, default value: Int) -> Int {
        TestScale.count(variable, default: value)
    }

    /// A fresh empty scratch directory.
    static func scratchDirectory(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "ledger-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts `executable` with its standard output and error going to files; returns the running process.
    /// - Parameter environment: variables set for the child on top of this process's (nil: this process's alone).
    static func start(_ executable: String, _ arguments: [String], stdout: String, stderr: String,
                      environment: [String: String]? = nil) throws -> Process {
        _ = FileManager.default.createFile(atPath: stdout, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: stdout)
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardInput = FileHandle.nullDevice
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        try process.run()
        return process
    }

    /// Runs to completion; returns (status, was killed by a signal, stdout, stderr).
    static func run(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String]? = nil)
        throws -> (status: Int32, signalled: Bool, out: String, err: String) {
        let out = directory + "/run-\(UUID().uuidString.prefix(8)).out", err = out + ".err"
        let process = try start(executable, arguments, stdout: out, stderr: err, environment: environment)
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal,
                (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Kill and retry (the crash tests of derived state share it): one run of `arguments` to build what it builds
    /// the first time (`index/`), then `prepare(0)` and one run to time it, then `iterations` times `prepare(iteration)`, a run killed with SIGKILL after a random part of that time
    /// (reading, folding, writing or renaming, as it falls), and `check(iteration)`, which runs the next commands
    /// and expects them to answer as if nothing had happened.
    /// - Returns: how many runs the kill cut short (a test expects some: else the kills all came too late).
    static func killAndRetry(_ tool: String, _ arguments: [String], iterations: Int, seed: UInt64, scratch: String,
                             prepare: (Int) throws -> Void, check: (Int) throws -> Void) throws -> Int {
        _ = try run(tool, arguments, in: scratch)
        try prepare(0)
        let started = Date()
        _ = try run(tool, arguments, in: scratch)
        let full = max(Date().timeIntervalSince(started), 0.05)
        var random = SyntheticRandom(seed: seed)
        var killed = 0
        var timer = KillTimer(full: full)
        var iteration = 0
        while timer.goesOn(iteration, of: iterations, killed: killed) {
            try prepare(iteration)
            let out = scratch + "/killed-\(iteration).out", err = out + ".err"
            if try startAndKill(tool, arguments, stdout: out, stderr: err, timer: &timer, random: &random) { killed += 1 }
            try check(iteration)
            iteration += 1
        }
        return killed
    }

    /// Starts `tool`, kills it with SIGKILL after the timer's next delay and waits for it; tells the timer whether the
    /// kill cut the run short, and returns that.
    static func startAndKill(_ tool: String, _ arguments: [String], stdout: String, stderr: String,
                             environment: [String: String]? = nil, timer: inout KillTimer, random: inout SyntheticRandom) throws -> Bool {
        let process = try start(tool, arguments, stdout: stdout, stderr: stderr, environment: environment)
        usleep(timer.delay(&random))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let wasKilled = process.terminationReason == .uncaughtSignal
        timer.record(killed: wasKilled)
        return wasKilled
    }

    /// When to kill a run: a random part of how long one run took. On a loaded machine that time varies, and a
    /// test whose every kill came after the run had ended would prove nothing: a run that ends before its kill
    /// halves the time the next kill is drawn from, and up to twice `iterations` more runs are made until one is cut.
    struct KillTimer {
        var full: TimeInterval

        /// Microseconds to wait before the next kill.
        func delay(_ random: inout SyntheticRandom) -> UInt32 {
            UInt32(Double(random.below(1_000)) / 1_000 * full * 1_000_000)
        }

        mutating func record(killed: Bool) {
            if !killed { full = max(full / 2, 0.002) }
        }

        func goesOn(_ iteration: Int, of iterations: Int, killed: Int) -> Bool {
            iteration < iterations || (killed == 0 && iteration < iterations * 3)
        }
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
        guard let summary = try? LogScanner.scan(path: eventsPath, visit: { (line: VerifiedLine) throws(ChainError) in hashes.append(line.hash.hex) }) else {
            return (nil, [])
        }
        return (summary, Array(hashes.prefix(Int(summary.recordCount))))
    }
}
