import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import Testing
@testable import ledger_bench

/// The balances phase's baseline build runs on a copy of the city of its own, so that neither build reads (and
/// rebuilds) the other's derived files inside a timed run; the copy shares the log itself.
@Suite struct BalancesPhaseTests {
    @Test func theBaselineCopyHasTheLogAndNoDerivedState() throws {
        let root = NSTemporaryDirectory() + "balances-copy-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let city = root + "/city", copy = root + "/baseline-city"
        let directory = try LedgerDirectory.create(at: city, name: "copy-test", createdAt: Phases.recordedAt)
        let writer = try LogWriter.open(directory)
        var synthetic = SyntheticCity(eventCount: 300, seed: 3)
        while !synthetic.isFinished { _ = try writer.append(synthetic.nextBatch(maxEvents: 100), options: Phases.options()) }
        writer.close()
        try PosixFile.writeAtomically(Array("stale".utf8), to: city + "/index/funds.state")
        // Twice: an earlier copy is replaced.
        try BalancesPhase.copyLog(of: city, to: copy)
        try BalancesPhase.copyLog(of: city, to: copy)
        #expect(try PosixFile(path: copy + "/events.jsonl", mode: .read).readAll() == PosixFile(path: city + "/events.jsonl", mode: .read).readAll())
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy + "/index").isEmpty)
        // The log is shared (a hard link: one file, however large the city); the members a command may rewrite
        // (the acknowledged head, the identity, the lock) are files of the copy's own.
        func fileNumber(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        }
        #expect(try fileNumber(copy + "/events.jsonl") == fileNumber(city + "/events.jsonl"))
        for name in ["acknowledged", "ledger.json", "lock"] {
            #expect(try fileNumber(copy + "/" + name) != fileNumber(city + "/" + name), "\(name) is shared")
        }
        let copied = try LedgerDirectory.open(copy)
        guard let summary = try? LogScanner.verify(copied) else {
            Issue.record("the copy cannot be verified")
            return
        }
        #expect(summary.failure == nil && summary.recordCount == 300)
    }
}
