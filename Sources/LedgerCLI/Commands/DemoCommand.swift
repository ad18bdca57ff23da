import LedgerChain
import LedgerEvents
import LedgerPlatform

enum DemoCommand {
    static let testdata = OptionSpec.value(
        "testdata", "DIR", en: "a testdata folder to use instead (its sample/*.jsonl and merkle/ test keys)",
        zh: "改用这个 testdata 目录（其中的 sample/*.jsonl 和 merkle/ 测试密钥）")

    static let command = Command(
        name: "demo",
        summary: Message(en: "build the sample ledger (built into the binary) and run the main reports on it",
                         zh: "建立样例账本（样例已编入程序），并在上面运行主要报表"),
        options: [SharedOptions.ledger.with(en: "where to build it (default: a new temporary directory, printed first)",
                                            zh: "在哪里建立样例账本（默认：新建一个临时目录，并首先打印出来）"),
                  testdata],
        about: Message(en: """
        Builds a sample ledger from the sample's event files (built into this binary from the project's
        testdata/sample/*.jsonl and written out to DIR-testdata/; in name order, one batch per file,
        with fixed recording times so the result is the same on every machine), verifies it, and prints what a
        street office would look at: fund balances, the asset register and the rectification list. Then it signs
        a checkpoint and has a witness cosign it (with the published test keys), and publishes 青枫苑's
        verifiable disclosure (公示) to DIR-publication/ beside the ledger.
        Beside DIR it writes: DIR-testdata/ (the sample's files), DIR-keys/ (the test signing keys, mode 0600),
        DIR-checkpoint.txt (the signed and cosigned checkpoint), DIR-witness/ (the witness's folder and key) and
        DIR-publication/ (index.html and notice.html). Delete them with DIR when done.
        """, zh: """
        用样例的事件文件建立样例账本（这些文件由项目的 testdata/sample/*.jsonl 编入本程序，并写出到
        DIR-testdata/；按文件名顺序，每个文件一批，记录时间固定，因此在任何机器上结果都相同），校验后输出街道办
        会看的内容：资金余额、共有部分登记簿和整改清单。然后签发一个检查点
        并由见证方副署（使用公开的测试密钥），并把青枫苑的可验证公示发布到账本旁的 DIR-publication/。
        在 DIR 旁另写出：DIR-testdata/（样例文件）、DIR-keys/（测试签名密钥，权限 0600）、DIR-checkpoint.txt（签名并经
        副署的检查点）、DIR-witness/（见证方的目录和密钥）、DIR-publication/（index.html 和 notice.html）。用完后与 DIR
        一并删除。
        """),
        exitStatus: Message(en: "0 ok, 2 the sample could not be built.", zh: "0 成功；2 样例无法建立。"),
        run: run)

    /// The fixed recording time of the sample's first batch; each later file is one minute later.
    static let sampleEpoch = Timestamp(rfc3339: "2025-12-31T16:00:00Z")!

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let io = context.io
        // A sample folder given with --testdata is checked before anything is built; without it, the sample built
        // into the binary is written out beside the ledger once the ledger exists.
        var testdata: String? = nil
        var files = embeddedFiles.filter { $0.folder == "sample" }.map(\.name)
        if let given = arguments.value("testdata").map(io.resolve) {
            guard PosixFile.isDirectory(given) else { throw .usage(Message(en: "--testdata \(given) is not a directory.", zh: "--testdata \(given) 不是目录。")) }
            testdata = given
            files = try sampleFiles(in: given + "/sample")
        }
        let path: String
        if let given = arguments.value("ledger") ?? CommandContext.ledgerDirVariable(io.environment) {
            // The checkpoint, witness and disclosure are written beside the ledger, named after it.
            path = PublishCommand.directoryPath(io.resolve(given))
        } else {
            path = temporaryDirectory(io.environment, resolve: io.resolve) + "ledger-demo-" + String(io.makeId().suffix(12))
        }
        // Every step speaks the language asked of the demo: the environment reaches them by itself, a `--lang`
        // is handed on (without either, each step keeps its own default: the rectification list is Chinese).
        let lang = arguments.value(SharedOptions.lang).map { ["--lang", $0] } ?? []
        let zh = context.language == .zh
        let ledgerArguments = ["--ledger", path] + lang
        io.writeOut(zh ? "== 在 \(path) 建立样例账本\n" : "== building the sample ledger in \(path)\n")
        var status = LedgerCLI.run(arguments: ["init", "--name", "sample-ledger"] + ledgerArguments, io: io)
        guard status == 0 else { return status }
        let root: String
        if let testdata { root = testdata } else { root = try writeEmbeddedFiles(to: path + "-testdata") }
        let sampleDirectory = root + "/sample"
        for (index, file) in files.enumerated() {
            let time = Timestamp(secondsSinceEpoch: sampleEpoch.secondsSinceEpoch + Int64(index) * 60)
            io.writeOut("-- \(file): ")
            status = LedgerCLI.run(arguments: ["append", "--file", sampleDirectory + "/" + file, "--actor", "sample-clerk",
                                               "--recorded-at", time.description] + ledgerArguments, io: io)
            guard status == 0 else { return status }
        }
        for step in steps {
            io.writeOut("\n== ledger \(step.joined(separator: " "))\n")
            status = LedgerCLI.run(arguments: step + ledgerArguments, io: io)
            // A report that finds problems is the point of the demo, not a failure of it.
            guard status == 0 || status == 1 else { return status }
        }
        io.writeOut(zh ? "\n== 居民公示：签发检查点，见证方副署，发布公示页面\n"
                       : "\n== the residents' disclosure (公示): a signed checkpoint, a witness's cosignature, the published page\n")
        io.writeOut(zh ? "（用 testdata/merkle/ 中公开的测试密钥签名，已复制到 \(path)-keys/ 并设为权限 0600，因为他人可读的私钥\n"
                        + "会被拒绝；切勿用于真实账本）\n"
                       : "(signed with the published test keys in testdata/merkle/, copied to \(path)-keys/ with mode 0600 since a\n"
                        + "private key others can read is refused: never use them for a real ledger)\n")
        try copyTestKeys(from: root + "/merkle", to: path + "-keys")
        for step in publicationSteps(ledger: path) {
            // Printed as run, with the sample's folder for testdata/ (DIR-testdata/ unless --testdata says
            // otherwise), so that a printed command works when copied (review 38a: `testdata/merkle/…` did not
            // exist outside a checkout).
            let run = step.map { $0.hasPrefix("testdata/") ? root + $0.dropFirst("testdata".count) : $0 }
            io.writeOut("\n== ledger \(run.joined(separator: " "))\n")
            status = LedgerCLI.run(arguments: run + lang, io: io)
            guard status == 0 else { return status }
        }
        io.writeOut(zh ? """

        样例账本保留在 \(path)；可以试试“ledger log --ledger \(path)”。
        用浏览器打开 \(path)-publication/index.html：页面会对照已签名的检查点逐行核验。

        """ : """

        The sample ledger stays in \(path); try `ledger log --ledger \(path)`.
        Open \(path)-publication/index.html in a browser: it checks every line against the signed checkpoint.

        """)
        return 0
    }

    /// Sign, witness and publish 青枫苑 (C-QF) for 2024–2025: the commands a street office, a district housing
    /// bureau and a 业委会 run, with fixed times so the output is the same every time.
    static func publicationSteps(ledger path: String) -> [[String]] {
        let checkpoint = path + "-checkpoint.txt", witness = path + "-witness", keys = path + "-keys/"
        return [
            ["checkpoint", "--key", keys + testKeys[0], "--time", "2026-01-05T00:00:00Z", "--out", checkpoint,
             "--ledger", path],
            ["witness", "init", "--witness", witness, "--key", keys + testKeys[1]],
            ["witness", "cosign", checkpoint, "--pubkey", "testdata/merkle/sample-key.pub", "--witness", witness,
             "--time", "2026-01-05T01:00:00Z"],
            ["publish", "--community", "C-QF", "--period", "2024-01-01..2025-12-31", "--checkpoint", checkpoint,
             "--pubkey", "testdata/merkle/sample-key.pub", "--witness-key", "testdata/merkle/sample-witness.pub",
             "--out", path + "-publication", "--ledger", path],
        ]
    }

    /// The published private test keys in testdata/merkle/ (the office's, the witness's).
    static let testKeys = ["sample-key.TEST-ONLY", "sample-witness.TEST-ONLY"]

    /// Copies the private test keys into `folder` with mode 0600: `checkpoint` and `witness init` refuse a private
    /// key that others can read (as ssh does), and a checkout cannot keep that mode.
    static func copyTestKeys(from merkle: String, to folder: String) throws(CLIError) {
        do {
            if !PosixFile.isDirectory(folder) { try PosixFile.makeDirectory(folder, permissions: 0o700) }
            for name in testKeys {
                let bytes: [UInt8]
                do { bytes = try PosixFile.readRegularFile(merkle + "/" + name, bytesMax: Limits.settingsFileBytesMax).bytes } catch {
                    throw CLIError.input(Message(CLIError.words(of: error)))
                }
                try PosixFile.writeAtomically(bytes, to: folder + "/" + name, permissions: 0o600)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .input(Message(CLIError.words(of: error)))
        }
    }

    /// The date the sample is checked as of: the end of its last year.
    static let sampleCheckDate = "2025-12-31"

    /// The reports the demo runs, in order; each is a command line without --ledger.
    /// A fixed check date keeps the demo's output the same on every day it is run.
    static let steps: [[String]] = [["verify"], ["balances", "--as-of", sampleCheckDate], ["assets", "--as-of", sampleCheckDate],
                                    ["rectify", "--as-of", sampleCheckDate]]

    /// The folder for the demo's ledger when none is given, as Foundation's `NSTemporaryDirectory` gave it: `$TMPDIR`
    /// (a relative one taken from the current directory) ending in one `/`, else `/tmp/`; an empty `$TMPDIR` counts
    /// as unset (Foundation made it `//`, the root).
    static func temporaryDirectory(_ environment: [String: String], resolve: (String) -> String) -> String {
        guard let given = environment["TMPDIR"], !given.isEmpty else { return "/tmp/" }
        var path = resolve(given)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path == "/" ? path : path + "/"
    }

    /// The `.jsonl` event files of a sample folder, in name order.
    static func sampleFiles(in directory: String) throws(CLIError) -> [String] {
        let files: [String]
        do {
            files = try PosixFile.names(inDirectory: directory).filter { $0.hasSuffix(".jsonl") }.sorted()
        } catch {
            throw .input(Message(en: "\(directory): cannot list the sample event files (\(error.reason)).",
                                 zh: "无法列出示例事件文件：\(SystemWords.fileError(error).zh)。"))
        }
        guard !files.isEmpty else {
            throw .input(Message(en: "\(directory) holds no .jsonl event files.", zh: "\(directory) 中没有 .jsonl 事件文件。"))
        }
        return files
    }

    /// One file of the built-in sample: `folder` is `sample` (event files) or `merkle` (the published test keys).
    struct SampleFile: Sendable {
        let folder: String
        let name: String
        let text: String
    }

    /// Writes the built-in sample as a testdata folder (`sample/`, `merkle/`) at `directory`; returns it.
    static func writeEmbeddedFiles(to directory: String) throws(CLIError) -> String {
        do {
            for folder in ["", "/sample", "/merkle"] where !PosixFile.isDirectory(directory + folder) {
                try PosixFile.makeDirectory(directory + folder, permissions: 0o755)
            }
            for file in embeddedFiles {
                try PosixFile.writeAtomically(Array(file.text.utf8), to: directory + "/" + file.folder + "/" + file.name)
            }
        } catch {
            let words = CLIError.words(of: error)
            throw .input(Message(en: "cannot write the built-in sample to \(directory): \(words.en)",
                                 zh: "无法把内置示例写入 \(directory)：\(words.zh)"))
        }
        return directory
    }
}
