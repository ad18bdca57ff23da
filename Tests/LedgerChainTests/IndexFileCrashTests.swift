import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// SIGKILL while `index/scopes` and `index/fund-totals` are written (ledger-spec.md 15.5, 15.7), as
/// `DerivedStateCrashTests` does for `funds.state`: after every kill the next command prints exactly what the log
/// alone gives, with no notice (each file is replaced atomically: the old one, the new one or none, never a torn
/// one, and a temporary left by the kill is never read), and `ledger verify --index` finds the file intact or absent.
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (12 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL while the scopes or the fund totals are written")
struct IndexFileCrashTests {
    /// A ledger of a synthetic city, the `ledger` tool, a scratch directory, and the answer of `arguments` on a copy
    /// of the ledger without `index/` (the log alone).
    struct Setup {
        let tool: String
        let scratch: String
        let directory: LedgerDirectory

        init(_ label: String, seed: UInt64) throws {
            tool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
            scratch = try FaultProcess.scratchDirectory(label)
            directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "crash-ledger", createdAt: TestLedger.recordedAt)
            var city = SyntheticCity(eventCount: 6_000, seed: seed, communityCount: 4)
            while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 500), to: directory) }
        }

        func logOnlyAnswer(_ arguments: [String]) throws -> (out: String, err: String) {
            let copy = scratch + "/copy"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: false)
            for name in ["ledger.json", "events.jsonl", "acknowledged", "lock"] {
                try FileManager.default.copyItem(atPath: directory.path + "/" + name, toPath: copy + "/" + name)
            }
            let run = try FaultProcess.run(tool, arguments.map { $0 == directory.path ? copy : $0 }, in: scratch)
            #expect(run.status == 0 && !run.out.isEmpty, "\(run.err)")
            return (run.out, run.err)
        }

        /// The next run answers as the log does, and `verify --index` finds `file` intact or absent.
        func expectAnswer(_ arguments: [String], _ reference: (out: String, err: String), file: String, _ iteration: Int) throws {
            let next = try FaultProcess.run(tool, arguments, in: scratch)
            #expect(next.status == 0, "iteration \(iteration): \(next.err)")
            #expect(next.out == reference.out, "iteration \(iteration)")
            #expect(next.err == reference.err, "iteration \(iteration): \(next.err)")
            let verify = try FaultProcess.run(tool, ["verify", "--ledger", directory.path, "--index", "--json"], in: scratch)
            #expect(verify.status == 0 && !verify.out.contains(#""status":"damaged""#)
                    && (verify.out.contains("\"\(file)\":{\"detail\":\"made at record") || verify.out.contains("\"\(file)\":{\"detail\":null")),
                    "iteration \(iteration): \(verify.out)")
        }

        func cleanUp() {
            if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) }
        }
    }

    /// A scoped query rebuilds `index/scopes` (removed before every run) in the shared pass and is killed.
    @Test func killedScopedQueryNeverLeavesScopesThatChangeAnAnswer() throws {
        let setup = try Setup("scopes-crash", seed: 24)
        defer { setup.cleanUp() }
        let arguments = ["balances", "--ledger", setup.directory.path, "--community", "C00002", "--as-of", "2026-01-01", "--format", "csv"]
        let reference = try setup.logOnlyAnswer(arguments)
        let scopesPath = setup.directory.indexPath + "/scopes"
        let killed = try FaultProcess.killAndRetry(setup.tool, arguments, iterations: FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12),
                                                   seed: 0x5C0E_5001, scratch: setup.scratch, prepare: { _ in
            try? FileManager.default.removeItem(atPath: scopesPath)
        }, check: { iteration in
            try setup.expectAnswer(arguments, reference, file: "scopes", iteration)
        })
        #expect(killed > 0, "no run was killed: the kills came too late")
    }

    /// Whole-city `balances` writes `index/fund-totals` — from the fold (the file removed) or brought forward by a
    /// fund record appended after it — and is killed.
    @Test func killedWholeCityBalancesNeverLeavesTotalsThatChangeAnAnswer() throws {
        let setup = try Setup("totals-crash", seed: 25)
        defer { setup.cleanUp() }
        let arguments = ["balances", "--ledger", setup.directory.path, "--format", "csv"]
        var reference = try setup.logOnlyAnswer(arguments)
        // A fund of the city, from the second line of the CSV (community, fund, …).
        let fund = try #require(reference.out.split(separator: "\r\n").dropFirst().first?.split(separator: ",").dropFirst().first)
        let totalsPath = setup.directory.indexPath + "/fund-totals"
        let killed = try FaultProcess.killAndRetry(setup.tool, arguments, iterations: FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12),
                                                   seed: 0x70_7A15, scratch: setup.scratch, prepare: { iteration in
            if iteration % 2 == 0 {
                try? FileManager.default.removeItem(atPath: totalsPath)
            } else {
                // A fund record after the totals: the run folds it in and writes them at the head.
                let on = CalendarDate(year: 2025, month: 1, day: 1 + iteration)!
                let data: JSONValue = .object(["fund_id": .string(String(fund)), "amount_fen": .integer(Int64(100 + iteration)),
                                               "counterparty": .string("某公司"), "voucher": .string("V-\(iteration)"), "category": .string("advertising")])
                try TestLedger.append([Event(id: "crash-income-\(iteration)", occurredOn: on, actor: "t",
                                             payload: EventPayload.decoding(type: "fund.income", occurredOn: on,
                                                                            canonicalData: CanonicalJSON.encode(data)[...]))], to: setup.directory)
                reference = try setup.logOnlyAnswer(arguments)
            }
        }, check: { iteration in
            try setup.expectAnswer(arguments, reference, file: "fund-totals", iteration)
        })
        #expect(killed > 0, "no run was killed: the kills came too late")
    }
}
