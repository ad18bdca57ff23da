import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport

/// The sample ledger's disclosure for 青枫苑 (C-QF) over 2024–2025, made once per test run with the published test
/// keys and fixed times: the ledger, a checkpoint cosigned by the test witness, and `ledger publish`'s folder.
final class PublicationFixture: @unchecked Sendable {
    static let shared = PublicationFixture()

    let temp = TemporaryDirectory("publication")
    var ledger: String { temp.path + "/ledger" }
    var out: String { temp.path + "/pub" }
    static let packageRoot = SampleRecords.packageRoot
    static func testdata(_ relative: String) -> String { packageRoot + "/testdata/" + relative }
    private(set) var log = ""

    private init() {
        temp.removeAtExit()
        let samples = (try! FileManager.default.contentsOfDirectory(atPath: Self.testdata("sample"))).filter { $0.hasSuffix(".jsonl") }.sorted()
        run(["init", "--name", "sample-ledger", "--ledger", ledger])
        for (index, file) in samples.enumerated() {
            let time = Timestamp(secondsSinceEpoch: Timestamp(rfc3339: "2025-12-31T16:00:00Z")!.secondsSinceEpoch + Int64(index) * 60)
            run(["append", "--file", Self.testdata("sample/" + file), "--actor", "sample-clerk", "--recorded-at", time.description,
                 "--ledger", ledger])
        }
        // Private keys others can read are refused (as ssh does); a checkout keeps the test keys at 0644.
        for name in ["sample-key.TEST-ONLY", "sample-witness.TEST-ONLY"] {
            try! FileManager.default.copyItem(atPath: Self.testdata("merkle/" + name), toPath: temp.path + "/" + name)
            try! FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temp.path + "/" + name)
        }
        run(["checkpoint", "--key", temp.path + "/sample-key.TEST-ONLY", "--time", "2026-01-05T00:00:00Z",
             "--out", temp.path + "/cp.txt", "--ledger", ledger])
        run(["witness", "init", "--witness", temp.path + "/witness", "--key", temp.path + "/sample-witness.TEST-ONLY"])
        run(["witness", "cosign", temp.path + "/cp.txt", "--pubkey", Self.testdata("merkle/sample-key.pub"),
             "--witness", temp.path + "/witness", "--time", "2026-01-06T00:00:00Z"])
        run(["publish", "--community", "C-QF", "--period", "2024-01-01..2025-12-31", "--checkpoint", temp.path + "/cp.txt",
             "--pubkey", Self.testdata("merkle/sample-key.pub"), "--witness-key", Self.testdata("merkle/sample-witness.pub"),
             "--url", "https://example.org/qingfeng/", "--out", out, "--ledger", ledger])
    }

    /// Runs a command in-process; a failure here is a broken fixture, so it traps with the output.
    @discardableResult
    func run(_ arguments: [String]) -> String {
        let (status, out, err) = Self.run(arguments, in: temp.path)
        precondition(status == 0, "ledger \(arguments.joined(separator: " ")) failed (\(status)): \(err)")
        log += out
        return out
    }

    /// Runs a command in-process in `directory`, at the fixture's clock (2026-01-07).
    static func run(_ arguments: [String], in directory: String) -> (status: Int32, out: String, err: String) {
        var out = "", err = ""
        let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { out += $0 },
                           writeOutBytes: { out += String(decoding: $0, as: UTF8.self) }, writeErr: { err += $0 },
                           now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" }, stderrIsTerminal: false,
                           currentDirectory: directory)
        let status = LedgerCLI.run(arguments: arguments, io: io)
        return (status, out, err)
    }

    func file(_ name: String) -> [UInt8] { try! PosixFile(path: out + "/" + name, mode: .read).readAll() }
    func text(_ name: String) -> String { String(decoding: file(name), as: UTF8.self) }
}
