import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Which directory a command works on: `--ledger DIR`, else `$LEDGER_DIR`, else `./ledger-data`. An empty
/// `--ledger ""` (often an unset variable: `--ledger "$TARGET"`) is refused, not read as the current directory, and
/// an empty `$LEDGER_DIR` counts as unset (as in `${VAR:-…}`).
@Suite struct LedgerPathTests {
    static let event = #"{"id":"x1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#

    @Test(arguments: [["append", "--actor", "clerk"], ["verify"], ["init", "--name", "x"], ["balances"], ["erase-personal", "--subject", "张三", "--reason", "r", "--actor", "dpo"]])
    func anEmptyLedgerOptionIsRefused(_ command: [String]) throws {
        // The current directory is a ledger: the empty value must not reach it.
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "here", "--ledger", cli.temp.path + "/here"], addLedger: false) == 0)
        let here = cli.temp.path + "/here"
        let before = DirectorySnapshot.of(here)
        for (language, says) in [("en", "error: --ledger is empty"), ("zh", "错误：--ledger 的值为空")] {
            for form in [["--ledger", ""], ["--ledger="]] {
                let status = run(cli, command + form + ["--lang", language], in: here)
                #expect(status == 2, "\(command) \(form): \(cli.stdout)")
                #expect(cli.stderr.hasPrefix(says), "\(cli.stderr)")
            }
        }
        #expect(DirectorySnapshot.of(here) == before)
    }

    /// `init` with `LEDGER_DIR=""` makes ./ledger-data, as without the variable, not a ledger of the current directory.
    @Test func anEmptyLedgerDirIsUnset() throws {
        let cli = CLIHarness()
        cli.environment["LEDGER_DIR"] = ""
        #expect(cli.run(["init", "--name", "x"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(cli.temp.path + "/ledger-data/ledger.json"))
        #expect(!PosixFile.exists(cli.temp.path + "/ledger.json"))
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.event + "\n", addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.run(["verify"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("records: 1"), "\(cli.stdout)")
    }

    /// Runs `arguments` with `directory` as the current directory.
    func run(_ cli: CLIHarness, _ arguments: [String], in directory: String) -> Int32 {
        let saved = cli.currentDirectory
        cli.currentDirectory = directory
        defer { cli.currentDirectory = saved }
        return cli.run(arguments, stdin: Self.event + "\n", addLedger: false)
    }
}
