import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Two ledgers given the same records, for the tests that an import answers from the stored state (index/scopes,
/// index/checks.state) as it does from the whole log (`LEDGER_SCOPES=off`): `ImportStateTests` (registers) and
/// `FactImportStateTests` (facts and statements).
struct StateAndWholeLog {
    /// The ledger that reads the stored state.
    let state = CLIHarness()
    /// The ledger that reads the whole log.
    let plain = CLIHarness()
    /// `state`'s ledger, then `plain`'s.
    let directories: [LedgerDirectory]

    init() {
        plain.environment["LEDGER_SCOPES"] = "off"
        directories = [TestLedger.create(in: state.temp), TestLedger.create(in: plain.temp)]
    }

    /// Appends `batch` to both ledgers.
    func append(_ batch: [Event]) throws { for directory in directories { try TestLedger.append(batch, to: directory) } }

    /// Writes the file `name` beside both ledgers.
    func write(_ name: String, _ text: String) throws {
        for cli in [state, plain] { try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name) }
    }

    func log(_ cli: CLIHarness) throws -> [UInt8] { try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() }

    /// Runs `arguments` on both (the whole log first) and expects the same exit status, output, messages (but the
    /// `note:` lines about index/) and log bytes; then moves away the rejects file an `--allow-partial` run wrote,
    /// so that the next run can write its own. Returns the exit status.
    @discardableResult
    func run(_ arguments: [String], context: String) throws -> Int32 {
        let plainStatus = plain.run(arguments)
        let status = state.run(arguments)
        #expect(status == plainStatus, "\(context)\n\(state.stdout)\(state.stderr)\n---\n\(plain.stdout)\(plain.stderr)")
        #expect(state.stdout == plain.stdout, "\(context)\n\(state.stdout)\n---\n\(plain.stdout)")
        #expect(state.stderr.split(separator: "\n").filter { !$0.hasPrefix("note:") } == plain.stderr.split(separator: "\n").filter { !$0.hasPrefix("note:") },
                "\(context)\n\(state.stderr)\n---\n\(plain.stderr)")
        #expect(try log(state) == log(plain), "\(context)")
        if arguments.contains("--allow-partial"), !arguments.contains("--dry-run") {
            for cli in [state, plain] {
                try? FileManager.default.removeItem(atPath: cli.temp.path + "/" + arguments[2].replacingOccurrences(of: ".csv", with: ".rejects.csv"))
            }
        }
        return status
    }
}
