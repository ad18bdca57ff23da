internal import FoundationEssentials
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

/// Everything a command needs from the outside world, passed in so tests can run commands in-process with a
/// fixed clock, fixed ids and captured output.
public struct CommandIO {
    public var environment: [String: String]
    /// Reads standard input to its end, but at most `bytesMax + 1` bytes (so "over the limit" can be told from
    /// "at it" without reading an endless stream, or a gigabyte for a key).
    public var readStandardInput: (_ bytesMax: Int) throws(CLIError) -> [UInt8]
    public var writeOut: (String) -> Void
    public var writeOutBytes: ([UInt8]) -> Void
    public var writeErr: (String) -> Void
    public var now: () -> Timestamp
    public var makeId: () -> String
    /// Random bytes for the salts of personal data (OpenSSL's generator; tests fix it).
    public var randomBytes: (Int) throws(FileError) -> [UInt8] = { (count: Int) throws(FileError) -> [UInt8] in try SecureRandom.bytes(count) }
    /// Whether standard error is a terminal (progress output goes there only then).
    public var stderrIsTerminal: Bool
    /// The directory relative paths are resolved against.
    public var currentDirectory: String
    /// Failures of standard output and error, and what the command had done before them (see `LedgerCLI.run`).
    public let outputStatus: OutputStatus

    /// A `CommandIO` whose standard input is the whole of what `readStandardInput` returns (tests, embedders):
    /// the limit of each input is applied to it after reading.
    public init(environment: [String: String], readStandardInput: @escaping () throws(CLIError) -> [UInt8],
                writeOut: @escaping (String) -> Void, writeOutBytes: @escaping ([UInt8]) -> Void,
                writeErr: @escaping (String) -> Void, now: @escaping () -> Timestamp, makeId: @escaping () -> String,
                stderrIsTerminal: Bool, currentDirectory: String, outputStatus: OutputStatus = OutputStatus()) {
        self.init(environment: environment, readStandardInput: { (_: Int) throws(CLIError) -> [UInt8] in try readStandardInput() },
                  writeOut: writeOut, writeOutBytes: writeOutBytes, writeErr: writeErr, now: now, makeId: makeId,
                  stderrIsTerminal: stderrIsTerminal, currentDirectory: currentDirectory, outputStatus: outputStatus)
    }

    public init(environment: [String: String], readStandardInput: @escaping (_ bytesMax: Int) throws(CLIError) -> [UInt8],
                writeOut: @escaping (String) -> Void, writeOutBytes: @escaping ([UInt8]) -> Void,
                writeErr: @escaping (String) -> Void, now: @escaping () -> Timestamp, makeId: @escaping () -> String,
                stderrIsTerminal: Bool, currentDirectory: String, outputStatus: OutputStatus = OutputStatus()) {
        self.environment = environment
        self.readStandardInput = readStandardInput
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes
        self.writeErr = writeErr
        self.now = now
        self.makeId = makeId
        self.stderrIsTerminal = stderrIsTerminal
        self.currentDirectory = currentDirectory
        self.outputStatus = outputStatus
    }

    /// The real process: stdin/stdout/stderr through write(2) (a failure is recorded in `outputStatus`, never a
    /// trap; SIGPIPE is ignored so a reader that went away is an EPIPE error), the system clock, random ids.
    public static func standard() -> CommandIO {
        StandardStreams.prepare()
        // The pause hook's process is interrupted as a clerk's would be, whatever signals the test runner ignored or
        // blocked: set before any thread starts or any interrupt cleanup is installed.
        if ProcessInfo.processInfo.environment[pauseOutputVariable] != nil { ProcessSignal.restoreTerminationSignals() }
        let status = OutputStatus()
        func emit(_ bytes: [UInt8], _ stream: StandardStream) {
            // After the first failure the stream is given up: one report, no cascade of EPIPEs. What could not be
            // said on standard error is kept, to be said on standard output (see `LedgerCLI.run`).
            guard !status.hasFailed(stream) else {
                if stream == .error { status.keepUndelivered(bytes) }
                return
            }
            do { try StandardStreams.write(bytes, to: stream) } catch {
                status.recordFailure(stream, reason: Wording(en: "\(error.reason) (errno \(error.code))",
                                                              zh: "\(error.chineseReason ?? error.reason)（errno \(error.code)）"))
                if stream == .error { status.keepUndelivered(bytes) }
            }
        }
        return CommandIO(
            environment: ProcessInfo.processInfo.environment,
            readStandardInput: { (bytesMax: Int) throws(CLIError) -> [UInt8] in
                do throws(FileError) { return try StandardStreams.readInput(bytesMax: bytesMax) } catch { throw .input(Message(SystemWords.fileError(error))) }
            },
            writeOut: { emit(Array($0.utf8), .output) },
            writeOutBytes: { emit($0, .output) },
            writeErr: { emit(Array($0.utf8), .error) },
            now: { Timestamp(secondsSinceEpoch: SystemClock.now().seconds) },
            makeId: { "ev-" + UUID().uuidString.lowercased() },
            stderrIsTerminal: StandardStreams.isTerminal(.error),
            currentDirectory: FileManager.default.currentDirectoryPath,
            outputStatus: status)
    }

    /// Resolves a path given on the command line against the current directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }

    /// Reads a file given on the command line; `-` means standard input. The file must be a regular file of at
    /// most `limit` bytes, checked before it is read, so a FIFO, a device or a huge file never hangs the command.
    public func readFile(_ path: String, limit: InputLimit = .settings) throws(CLIError) -> [UInt8] {
        try readInput(path, limit: limit).bytes
    }

    /// `readFile`, also returning the file's status (nil for standard input).
    public func readInput(_ path: String, limit: InputLimit) throws(CLIError) -> (bytes: [UInt8], status: FileStatus?) {
        if path == "-" {
            let bytes = try readStandardInput(limit.bytesMax)
            guard bytes.count <= limit.bytesMax else {
                let advice = limit.bytesMax >= Limits.inputFileBytesMax ? "split it into several appends"
                    : "check what is piped in: a policy, mapping, key or checkpoint is far smaller"
                let adviceZh = limit.bytesMax >= Limits.inputFileBytesMax ? "请分成几次追加"
                    : "请检查管道输入的内容：政策、映射、密钥或检查点文件都小得多"
                throw .input(Message(en: "standard input holds more than the \(limit.bytesMax) bytes allowed here (limit \(limit.name)); \(advice).", zh: "标准输入超过了此处允许的 \(limit.bytesMax) 字节（限额 \(limit.name)）；\(adviceZh)。"))
            }
            return (bytes, nil)
        }
        do {
            let (bytes, status) = try PosixFile.readRegularFile(resolve(path), bytesMax: limit.bytesMax)
            return (bytes, status)
        } catch {
            switch error {
            case .file(let e):
                throw .input(e.isNotFound ? Message(en: "\(path): no such file", zh: "\(path)：没有这个文件") : Message(SystemWords.fileError(e)))
            case .notRegularFile(_, let kind):
                throw .input(Message(
                    en: "\(path) is \(kind), not a regular file; give the file itself (reading a FIFO, device or directory could wait for ever or never end).",
                    zh: "\(path) 不是普通文件（而是\(kind.chineseName)）；请给出文件本身（读取 FIFO、设备或目录可能永远等待或读不完）。"))
            case .tooLarge(_, let size, let bytesMax):
                throw .input(Message(
                    en: "\(path) is \(size) bytes, more than the \(bytesMax) bytes allowed for it (limit \(limit.name)); nothing was read.",
                    zh: "\(path) 有 \(size) 字节，超过了允许的 \(bytesMax) 字节（限额 \(limit.name)）；没有读取。"))
            }
        }
    }

    /// Writes bytes to the file `path` (`--OPTION FILE`) or to standard output when `path` is nil or `-`.
    ///
    /// The one output guard every file the CLI writes passes: the canonical path must not be inside a ledger
    /// directory (this command's or any other), and the write is atomic and cannot be redirected
    /// (`PosixFile.writeAtomically`: random temporary created O_EXCL|O_NOFOLLOW, fsync, rename, fsync of the
    /// directory; a FIFO or device is written in place, never replaced; a replaced file keeps its mode).
    /// - Parameters:
    ///   - existing: `.refuse` for evidence that must never be overwritten (checkpoints, keys).
    ///   - permissions: mode of a new file (umask applies).
    ///   - what: for `.refuse`, what is never overwritten, for the message.
    /// - Throws: `CLIError.usage` for a path inside a ledger, `.input` for a file error.
    ///   - replacingEvidence: true only where the command replaces the very checkpoint it was given with the same
    ///     checkpoint plus a line (`witness cosign CP`); otherwise an existing key or signed note is never replaced.
    public func writeOutput(_ bytes: [UInt8], to path: String?, option: String = "out",
                            existing: PosixFile.ExistingFile = .replace, permissions: UInt32 = 0o644,
                            what: String = "files", replacingEvidence: Bool = false) throws(CLIError) {
        try stageOutput(bytes, to: path, option: option, existing: existing, permissions: permissions, what: what,
                        replacingEvidence: replacingEvidence).commit()
    }

    /// `writeOutput` of bytes made piece by piece (a whole city's rectification list, gigabytes at ten million
    /// records): `produce` is given a function that takes each piece. Standard output gets each piece as it comes;
    /// a file goes through the same guard and atomic write as `writeOutput`, each piece written to its temporary as
    /// it comes, put in place once all are written (a failed write leaves whatever was at the path untouched).
    /// `produce` may fail (what it reads from could not be read to the end): the file is then not put in place
    /// (standard output has what came before) and its error is thrown.
    /// Test hook (fault tests only): `LEDGER_TEST_PAUSE_OUTPUT=1` stops a streamed `--out` file after its first
    /// piece is written to the temporary, printing `paused output` on standard error and waiting to be signalled.
    static let pauseOutputVariable = "LEDGER_TEST_PAUSE_OUTPUT"

    public func writeOutput(to path: String?, option: String = "out",
                            producing produce: (_ deliver: @escaping ([UInt8]) -> Void) throws(CLIError) -> Void) throws(CLIError) {
        guard let path, path != "-" else {
            try produce(writeOutBytes)
            return
        }
        let target = try guardedTarget(path, option: option, existing: .replace)
        final class Failure { var error: FileError?; var produced: CLIError? }
        let failed = Failure()
        let pause = environment[Self.pauseOutputVariable] != nil
        let say = writeErr
        do {
            let staged = try PosixFile.stageWrite(to: target) { (write: ([UInt8]) throws(FileError) -> Void) throws(FileError) in
                withoutActuallyEscaping(write) { write in
                    do throws(CLIError) {
                        try produce { piece in
                            guard failed.error == nil else { return }
                            do throws(FileError) { try write(piece) } catch { failed.error = error }
                            if pause {
                                say("paused output\n")
                                while true { PosixThread.sleep(seconds: 3_600) }
                            }
                        }
                    } catch { failed.produced = error }
                }
                if let error = failed.error { throw error }
            }
            // The temporary is removed when `staged` goes (never committed).
            if failed.produced == nil { try staged.commit() }
        } catch {
            throw .input(Message(SystemWords.fileError(error)))
        }
        if let produced = failed.produced { throw produced }
        outputStatus.noteDone(Wording(en: "wrote \(path)", zh: "已写出 \(path)"))
    }

    /// `writeOutput` in two steps, for a file that must appear only if later work succeeds (import's rejects file,
    /// only once its good rows are appended): the guard is applied and the whole file written and fsync'ed under
    /// its temporary name now; `commit()` puts it in place; `discard()` leaves whatever is at the path untouched.
    /// `unchanged` says what a failure to stage leaves as it was (import: the ledger, nothing appended yet).
    public func stageOutput(_ bytes: [UInt8], to path: String?, option: String = "out",
                            existing: PosixFile.ExistingFile = .replace, permissions: UInt32 = 0o644,
                            what: String = "files", replacingEvidence: Bool = false, unchanged: Wording? = nil) throws(CLIError) -> StagedOutput {
        guard let path, path != "-" else {
            let write = writeOutBytes
            return StagedOutput(commit: { () throws(CLIError) in write(bytes) }, discard: {})
        }
        let target = try guardedTarget(path, option: option, existing: existing, replacingEvidence: replacingEvidence)
        func failure(_ error: FileError) -> CLIError {
            if error.isAlreadyExists, existing == .refuse {
                return .input(Message(en: "\(path) already exists; \(what) are never overwritten. Choose another --\(option) or move the old file away.", zh: "\(path) 已存在；\(Self.chineseName(what)) 从不覆盖。请另选 --\(option)，或把旧文件移走。"))
            }
            if error.isPermissionDenied { return .input(Self.outputDenied(error, path: path, option: option, unchanged: unchanged)) }
            return .input(Message(SystemWords.fileError(error)))
        }
        let staged: PosixFile.StagedWrite
        do { staged = try PosixFile.stageWrite(bytes, to: target, permissions: permissions, existing: existing) } catch { throw failure(error) }
        let status = outputStatus
        let failed = StagedOutput.Failure()
        return StagedOutput(commit: { () throws(CLIError) in
            do throws(FileError) { try staged.commit() } catch { failed.error = error; throw failure(error) }
            status.noteDone(Wording(en: "wrote \(path)", zh: "已写出 \(path)"))
        }, discard: { staged.discard() }, failed: failed)
    }

    /// A file `--OPTION PATH` names that cannot be created for want of permission, or on a read-only file system
    /// (review 35a #5b: an import's rejects file beside a CSV in a folder the clerk may only read): the file, its
    /// folder, why, what was left unchanged, and what to do.
    static func outputDenied(_ error: FileError, path: String, option: String, unchanged: Wording?) -> Message {
        let folder = PosixFile.directoryName(of: error.path)
        let said = SystemWords.fileError(error)
        let why = error.isReadOnlyFileSystem
            ? Wording(en: "the file system holding \(folder) is read-only", zh: "\(folder) 所在的文件系统是只读的")
            : Wording(en: "the user running ledger may not create files in \(folder)",
                      zh: "运行 ledger 的用户无权在 \(folder) 中创建文件")
        let left = unchanged ?? Wording(en: "Nothing was written", zh: "没有写出任何内容")
        return Message(en: "cannot write \(path) (--\(option)): \(why.en) (\(said.en)). \(left.en). Name a file in a folder you can write with "
                           + "--\(option) FILE, or ask the administrator to let this user write in \(folder).",
                       zh: "无法写出 \(path)（--\(option)）：\(why.zh)（\(said.zh)）。\(left.zh)。请用 --\(option) 另指定一个位于可写文件夹中的文件，"
                           + "或请管理员允许该用户在 \(folder) 中写入。")
    }

    /// The output guard's target for `--OPTION PATH`: the canonical path, never inside a ledger, and never a key
    /// (private or public) or a signed checkpoint that a replacing write would overwrite — checkpoints and keys are
    /// never overwritten, whichever command writes (review 35d #2: `prove --out` and `consistency --out` replaced a
    /// cosigned checkpoint or a public key). Other files (an earlier report, proof bundle or consistency proof,
    /// each made again from the ledger) are replaced.
    func guardedTarget(_ path: String, option: String, existing: PosixFile.ExistingFile,
                       replacingEvidence: Bool = false) throws(CLIError) -> String {
        let target = try outputPath(path, option: option)
        guard existing == .replace, let kind = Self.evidenceKind(at: target) else { return target }
        if kind == .privateKey {
            throw .usage(Message(en: "--\(option) \"\(path)\" holds a private key; keys are never overwritten (a lost key cannot be made again). Write it elsewhere.", zh: "--\(option) “\(path)”存有私钥；密钥从不覆盖（丢失的密钥无法再造）。请写到别处。"))
        }
        guard !replacingEvidence else { return target }
        let why = kind == .publicKey
            ? Wording(en: "keys are never overwritten (readers pin it: a replaced key makes every check against it fail or, worse, pass with another key)",
                      zh: "密钥从不覆盖（核对方固定使用它：被替换的公钥会让据它所做的核对全部失败，更糟的是用另一把钥匙通过）")
            : Wording(en: "checkpoints are never overwritten (each is signed evidence of the log as it was, and cannot be made again)",
                      zh: "检查点从不覆盖（每个检查点都是日志当时样子的签名凭证，无法再造）")
        throw .usage(Message(en: "--\(option) \"\(path)\" is \(kind.words.en); \(why.en). Nothing was written; give another file name.",
                             zh: "--\(option) “\(path)”是\(kind.words.zh)；\(why.zh)。没有写出任何内容；请另给一个文件名。"))
    }

    /// The kind of key or checkpoint an existing regular file at `path` holds, by its form alone (nil for anything
    /// else: a report, a proof bundle, a file too large to be a checkpoint, or no file).
    static func evidenceKind(at path: String) -> AuditSupport.FileKind? {
        if holdsPrivateKey(path) { return .privateKey }
        guard PosixFile.kind(at: path) == .regular,
              let (bytes, _) = try? PosixFile.readRegularFile(path, bytesMax: SignedNote.noteBytesMax) else { return nil }
        guard let kind = AuditSupport.FileKind(bytes), kind == .publicKey || kind == .checkpoint else { return nil }
        return kind
    }

    /// The Chinese name of a kind of output file (`what` of `stageOutput`), for its refusal.
    static func chineseName(_ what: String) -> String {
        switch what {
        case "rejects files": return "退回文件"
        case "keys": return "密钥文件"
        case "cosigned checkpoints": return "联署的检查点"
        case "checkpoints (evidence of the log as it was)": return "检查点（日志当时样子的凭证）"
        case "files": return "文件"
        default: return what
        }
    }

    /// The canonical path an output option names, after the guard: never inside a ledger or witness directory.
    /// - Throws: `CLIError.usage` when it is inside a ledger or witness directory.
    public func outputPath(_ path: String, option: String) throws(CLIError) -> String {
        let canonical = canonicalPath(path)
        if let ledger = LedgerDirectory.enclosing(canonical) {
            throw .usage(Message(
                en: "--\(option) \"\(path)\" is inside the ledger directory \(ledger); write it elsewhere (a report, key or checkpoint there could replace the ledger's own files).",
                zh: "--\(option) “\(path)”在账本目录 \(ledger) 之内；请写到别处（报表、密钥或检查点放在那里可能替换账本自己的文件）。"))
        }
        if let witness = WitnessDirectory.enclosing(canonical) {
            throw .usage(Message(en: "--\(option) \"\(path)\" is inside the witness directory \(witness); write it elsewhere (a file there could replace the witness's key or its record of the ledgers it cosigned).", zh: "--\(option) “\(path)”在见证方目录 \(witness) 之内；请写到别处（放在那里的文件可能替换见证方的密钥或其副署记录）。"))
        }
        return canonical
    }

    /// True when a regular file at `path` starts like a private key file (`SignerKey.filePrefix`).
    static func holdsPrivateKey(_ path: String) -> Bool {
        guard PosixFile.kind(at: path) == .regular, let file = try? PosixFile(path: path, mode: .read) else { return false }
        var head: [UInt8] = []
        guard (try? file.read(at: 0, count: SignerKey.filePrefix.utf8.count, into: &head)) != nil else { return false }
        return head.elementsEqual(SignerKey.filePrefix.utf8)
    }

    /// A path given on the command line, absolute, with links, `.` and `..` resolved where they exist.
    public func canonicalPath(_ path: String) -> String {
        var resolved = resolve(path)
        while resolved.count > 1, resolved.hasSuffix("/") { resolved.removeLast() }
        return PosixFile.canonicalPath(resolved) ?? resolved
    }
}
