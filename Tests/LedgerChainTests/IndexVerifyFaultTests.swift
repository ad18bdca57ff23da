import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger verify --index` when writing one file fails in the middle of its pass: every file is still judged by
/// what was stored before the pass, never by a file the pass has just replaced.
@Suite("verify --index when a write fails")
struct IndexVerifyFaultTests {
    /// Review (issue 11): funds.state, the largest file, cannot be written (a file-size limit below it, above the
    /// others); a damaged checks.state replaced by the pass must still be reported damaged, not intact.
    @Test func aFailedFundsStateWriteDoesNotHideADamagedChecksState() throws {
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("verify-fault")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "fault-ledger", createdAt: TestLedger.recordedAt)
        var city = SyntheticCity(eventCount: 4_000, seed: 31, communityCount: 3)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 500), to: directory) }
        // Every file of index/ built (a query builds only the files it reads, ledger-spec.md 15.6: a first
        // `verify --index`, without the fault, builds them all).
        let built = try FaultProcess.run(ledgerTool, ["verify", "--index", "--ledger", directory.path], in: scratch)
        #expect(built.status == 0, "\(built.err)")
        func size(_ name: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: directory.indexPath + "/" + name)[.size] as? Int) ?? 0 }
        let funds = size("funds.state"), others = (["checks.state", "scopes", "ids"] + (2...24).map { "ids-\($0)" }).map(size).max() ?? 0
        try #require(funds > others + 8_192, "funds.state (\(funds) bytes) is not the largest file (\(others))")
        let checksPath = directory.indexPath + "/checks.state"
        var bytes = try PosixFile.readRegularFile(checksPath, bytesMax: 1 << 30).bytes
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: checksPath)
        // A file-size limit between the others and funds.state (dash counts 512-byte blocks), SIGXFSZ ignored so
        // that the write fails with EFBIG.
        let blocks = (others + funds) / 2 / 512
        let verify = try FaultProcess.run("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$@\"", "sh", ledgerTool, "verify",
                                                      "--ledger", directory.path, "--index", "--json"], in: scratch)
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains(#""checks.state":{"detail":"#) && !verify.out.contains(#""checks.state":{"detail":"made at record"#),
                "\(verify.out)")
        #expect(verify.out.range(of: #""checks.state":\{"detail":"[^"]*","rebuilt_at":[0-9]+,"status":"damaged"\}"#, options: .regularExpression) != nil,
                "\(verify.out)")
    }
}
