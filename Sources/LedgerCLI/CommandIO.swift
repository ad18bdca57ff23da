import Foundation
import LedgerEvents
import LedgerPlatform

/// Everything a command needs from the outside world, passed in so tests can run commands in-process with a
/// fixed clock, fixed ids and captured output.
public struct CommandIO {
    public var environment: [String: String]
    /// Reads all of standard input.
    public var readStandardInput: () -> [UInt8]
    public var writeOut: (String) -> Void
    public var writeOutBytes: ([UInt8]) -> Void
    public var writeErr: (String) -> Void
    public var now: () -> Timestamp
    public var makeId: () -> String
    /// Whether standard error is a terminal (progress output goes there only then).
    public var stderrIsTerminal: Bool
    /// The directory relative paths are resolved against.
    public var currentDirectory: String

    public init(environment: [String: String], readStandardInput: @escaping () -> [UInt8],
                writeOut: @escaping (String) -> Void, writeOutBytes: @escaping ([UInt8]) -> Void,
                writeErr: @escaping (String) -> Void, now: @escaping () -> Timestamp, makeId: @escaping () -> String,
                stderrIsTerminal: Bool, currentDirectory: String) {
        self.environment = environment
        self.readStandardInput = readStandardInput
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes
        self.writeErr = writeErr
        self.now = now
        self.makeId = makeId
        self.stderrIsTerminal = stderrIsTerminal
        self.currentDirectory = currentDirectory
    }

    /// The real process: stdin/stdout/stderr, the system clock, random ids.
    public static func standard() -> CommandIO {
        let out = FileHandle.standardOutput
        let err = FileHandle.standardError
        return CommandIO(
            environment: ProcessInfo.processInfo.environment,
            readStandardInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
            writeOut: { out.write(Data($0.utf8)) },
            writeOutBytes: { out.write(Data($0)) },
            writeErr: { err.write(Data($0.utf8)) },
            now: { Timestamp(secondsSinceEpoch: SystemClock.now().seconds) },
            makeId: { "ev-" + UUID().uuidString.lowercased() },
            stderrIsTerminal: isatty(2) == 1,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Resolves a path given on the command line against the current directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }

    /// Reads a file given on the command line; `-` means standard input.
    public func readFile(_ path: String) throws(CLIError) -> [UInt8] {
        if path == "-" { return readStandardInput() }
        do { return try PosixFile(path: resolve(path), mode: .read).readAll() } catch {
            throw .input(error.isNotFound ? "\(path): no such file" : "\(error)")
        }
    }

    /// Writes bytes to `--out FILE` (atomically) or to standard output when `path` is nil or `-`.
    public func writeOutput(_ bytes: [UInt8], to path: String?) throws(CLIError) {
        guard let path, path != "-" else { writeOutBytes(bytes); return }
        do { try PosixFile.writeAtomically(bytes, to: resolve(path)) } catch { throw .input("\(error)") }
    }
}
