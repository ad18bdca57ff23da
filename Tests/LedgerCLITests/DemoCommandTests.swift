import Foundation
@testable import LedgerCLI
import LedgerTestSupport
import Testing

/// The README's first command, end to end: the sample ledger built from testdata/ and its reports.
@Suite struct DemoCommandTests {
    static let goldenDirectory = SampleRecords.packageRoot + "/Tests/LedgerCLITests/Golden"

    @Test func demoBuildsTheSampleAndPrintsTheSameReportEveryTime() throws {
        let cli = CLIHarness()
        let path = cli.temp.path + "/demo"
        // Given with a trailing slash, as a shell's tab completion writes it: the checkpoint, witness and
        // disclosure still go beside the ledger, not into it.
        #expect(cli.run(["demo", "--ledger", path + "/"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stderr.isEmpty)
        // Everything but the ledger's location is fixed: recording times, check date, ids.
        let output = cli.stdout.replacingOccurrences(of: path, with: "<ledger>")
        #expect(output.contains("status: intact"))
        Golden.expect(output, path: Self.goldenDirectory + "/demo.txt")
        // Running it again on the built ledger refuses to overwrite it.
        #expect(cli.run(["demo", "--ledger", path], addLedger: false) == 2)
    }

    /// `ledger demo --lang zh`: the demo's own lines and every step it runs are in Chinese (the flag was not handed
    /// on, so only the rectification list, Chinese by default, was).
    @Test func demoInChinese() throws {
        let cli = CLIHarness()
        let path = cli.temp.path + "/demo"
        #expect(cli.run(["demo", "--lang", "zh", "--ledger", path], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stderr.isEmpty)
        let output = cli.stdout.replacingOccurrences(of: path, with: "<ledger>")
        #expect(output.hasPrefix("== 在 <ledger> 建立样例账本\n"))
        #expect(output.contains("状态：完好（intact）") && !output.contains("status: intact"))
        #expect(!output.contains("Fund balances") && !output.contains("Common parts as of"))
        Golden.expect(output, path: Self.goldenDirectory + "/demo-zh.txt")
    }

    /// The binary carries the sample: copied alone to another folder and run from a third, with no testdata/ in
    /// sight, `ledger demo` prints the same report.
    @Test func anInstalledBinaryRunsTheDemo() throws {
        let temp = TemporaryDirectory("installed-demo")
        let bin = temp.path + "/bin", elsewhere = temp.path + "/elsewhere"
        for folder in [bin, elsewhere] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: TestBinaries.ledger, toPath: bin + "/ledger")
        let ledger = temp.path + "/demo"
        let result = try TestBinaries.run(bin + "/ledger", ["demo", "--ledger", ledger], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        Golden.expect(result.stdout.replacingOccurrences(of: ledger, with: "<ledger>"), path: Self.goldenDirectory + "/demo.txt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty, "nothing is written to the working directory")
    }

    /// Without `--ledger`, the demo's ledger goes into `$TMPDIR` (ending in one slash, a relative one from the
    /// current directory), else `/tmp/`, as Foundation's `NSTemporaryDirectory` put it before the program stopped
    /// loading Foundation (but for an empty `$TMPDIR`, which Foundation made the root).
    @Test func withoutALedgerTheDemoWritesIntoTheTemporaryFolder() throws {
        let temp = TemporaryDirectory("demo-tmpdir")
        var environment = TestBinaries.environmentWithoutLanguage
        environment["LEDGER_DIR"] = nil
        for given in [temp.path + "/a", temp.path + "/b/"] {
            try FileManager.default.createDirectory(atPath: given, withIntermediateDirectories: true)
            environment["TMPDIR"] = given
            let result = try TestBinaries.run(TestBinaries.ledger, ["demo"], environment: environment, in: temp.path)
            #expect(result.status == 0, "\(result.stderr)")
            let made = try FileManager.default.contentsOfDirectory(atPath: given).filter { $0.hasPrefix("ledger-demo-") }
            let name = made.min { $0.count < $1.count } ?? "?"
            #expect(made.contains(name + "-testdata"), "the ledger and its sample beside it: \(made)")
            #expect(FileManager.default.fileExists(atPath: given + "/" + name + "/events.jsonl"))
            let ledger = (given.hasSuffix("/") ? given : given + "/") + name
            #expect(result.stdout.hasPrefix("== building the sample ledger in \(ledger)\n"), "\(result.stdout.prefix(200))")
        }
        let cases: [([String: String], String)] = [([:], "/tmp/"), (["TMPDIR": ""], "/tmp/"), (["TMPDIR": "/x"], "/x/"),
                                                    (["TMPDIR": "/x/"], "/x/"), (["TMPDIR": "/x//"], "/x/"), (["TMPDIR": "/"], "/"),
                                                    (["TMPDIR": "t"], "/here/t/"), (["TMPDIR": "t/"], "/here/t/")]
        for (environment, expected) in cases {
            #expect(DemoCommand.temporaryDirectory(environment, resolve: { $0.hasPrefix("/") ? $0 : "/here/" + $0 }) == expected,
                    "\(environment)")
        }
    }

    /// `DemoSample.swift` holds exactly the files of testdata/ (RECORD_GOLDEN=1 regenerates it from them).
    @Test func embeddedSampleIsTestdata() throws {
        let testdata = SampleRecords.packageRoot + "/testdata"
        let sample = try FileManager.default.contentsOfDirectory(atPath: testdata + "/sample").filter { $0.hasSuffix(".jsonl") }.sorted()
        let files = sample.map { ("sample", $0) }
            + ["sample-key.pub", "sample-witness.pub", "sample-key.TEST-ONLY", "sample-witness.TEST-ONLY"].map { ("merkle", $0) }
        var source = """
        // Generated from testdata/ by DemoCommandTests.embeddedSampleIsTestdata: RECORD_GOLDEN=1 swift test --filter
        // DemoCommandTests rewrites it when the sample changes. Do not edit by hand.

        extension DemoCommand {
            /// The sample ledger's event files and the published test keys, built into the binary so that `ledger demo`
            /// works wherever the binary is installed.
            static let embeddedFiles: [SampleFile] = [

        """
        for (folder, name) in files {
            let text = try String(contentsOfFile: testdata + "/" + folder + "/" + name, encoding: .utf8)
            #expect(!text.contains("\"\"\"##") && !text.contains("\r"), "\(name) cannot be embedded as a raw string literal")
            source += "        SampleFile(folder: \"\(folder)\", name: \"\(name)\", text: ##\"\"\"\n\(text)\n\"\"\"##),\n"
        }
        source += "    ]\n}\n"
        Golden.expect(source, path: SampleRecords.packageRoot + "/Sources/LedgerCLI/Commands/DemoSample.swift")
    }

    /// A sample folder that cannot be listed, or holds no event file: said in both languages, naming the folder.
    @Test func aSampleFolderThatCannotBeReadIsSaidInBothLanguages() throws {
        let temp = TemporaryDirectory()
        let missing = temp.path + "/no-such-folder"
        do {
            _ = try DemoCommand.sampleFiles(in: missing)
            Issue.record("a missing folder was listed")
        } catch {
            #expect(error.message(.en) == "\(missing): cannot list the sample event files (No such file or directory).")
            #expect(error.message(.zh).hasPrefix("无法列出示例事件文件：\(missing)："), "\(error.message(.zh))")
            #expect(error.message(.zh).hasSuffix("。") && !error.message(.zh).contains("No such"), "\(error.message(.zh))")
        }
        do {
            _ = try DemoCommand.sampleFiles(in: temp.path)
            Issue.record("an empty folder gave sample files")
        } catch {
            #expect(error.message(.en) == "\(temp.path) holds no .jsonl event files.")
            #expect(error.message(.zh) == "\(temp.path) 中没有 .jsonl 事件文件。")
        }
    }
}
