import Foundation
import LedgerChain
import LedgerTestSupport
import Testing

/// scripts/verify_ledger.py is written from ledger-spec.md alone; it must agree with the Swift verifier (rule by
/// rule in LedgerCLITests' SpecConformanceTests).
@Suite struct IndependentVerifierTests {
    static let root = SampleRecords.packageRoot
    static let python = TestBinaries.python3

    @Test(.enabled(if: python != nil, "needs python3"))
    func pythonVerifierAgreesOnIntactAndTamperedLogs() throws {
        let script = Self.root + "/scripts/verify_ledger.py"
        let intact = try TestBinaries.run(Self.python!, [script, Self.root + "/testdata/chain/vector-ledger.jsonl"])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact: 3 records, head 8c6cbb7bd6dc00265174ea8727c817d0e3d087a7df3380c6729c0deeff327df2"))

        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<6).map { TestLedger.event($0) }, to: directory)
        var text = String(decoding: TestLedger.logBytes(directory), as: UTF8.self)
        text = text.replacingOccurrences(of: "记录 3", with: "记录 4")
        TestLedger.writeLog(Array(text.utf8), to: directory)
        let tampered = try TestBinaries.run(Self.python!, [script, directory.eventsPath])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.hasPrefix("INTEGRITY FAILURE at line 4 (seq 4, byte offset "))
        #expect(tampered.stdout.contains("): hash_mismatch: "))
        #expect(try LogScanner.verify(path: directory.eventsPath).failure?.seq == 4)
    }
}
