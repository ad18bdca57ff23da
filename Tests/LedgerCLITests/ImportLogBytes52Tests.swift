import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Session 52 (docs/perf-import52.md): the batch's check of an import keeps the look-up's absent assets as a class
/// (and, at 1435322b, made a held batch's facts on every core from 1,024 events on: taken back, measured worse).
/// `ledger import assets` of seeded registers writes and says exactly what main did before: the SHA-256 of the log and of the report after each step, pinned
/// from the release build of main (4c8d398b: `ledger-bench phase import-setup --events 6000 --seed 52`, its
/// register `a.csv`; `… --events 5000 --seed 53 --digit-ids`, its register `b.csv`; `c.csv` twelve rows of `a.csv`
/// again under `T-` ids; each step `ledger import assets FILE --actor ledger-bench --recorded-at
/// 2025-01-01T00:00:00Z`). The steps: 6,000 new parts into a ledger of communities (the bench's shape, the base
/// holding no part); 5,000 parts of ids of digits into a ledger holding parts (the look-up's absent assets asked
/// for each); the first file again (nothing appended); twins of recorded parts refused (in both languages, the log
/// unchanged); then allowed.
@Suite struct ImportLogBytes52Tests {
    static let recordedAt = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!
    static let stamp = ["--actor", "ledger-bench", "--recorded-at", "2025-01-01T00:00:00Z"]

    func sha(_ bytes: [UInt8]) -> String { SHA256.digest(bytes).description }

    /// `c.csv`: the header and every row of `a.csv` at a line index of 7 modulo 500 again under a `T-` id.
    static func twins(_ csv: [UInt8]) -> [UInt8] {
        let lines = String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let again = lines.indices.filter { $0 > 0 && $0 % 500 == 7 }.map { "T-" + lines[$0].dropFirst(2) }
        return Array(([lines[0]] + again).map { $0 + "\r\n" }.joined().utf8)
    }

    @Test func seededRegistersWriteTheLogMainWrote() throws {
        let cli = CLIHarness()
        let directory = try LedgerDirectory.create(at: cli.ledgerPath, name: "bench-import", createdAt: Self.recordedAt)
        let writer = try LogWriter.open(directory)
        _ = try writer.append(SyntheticRegister.communities(3),
                              options: AppendOptions(recordedAt: Self.recordedAt, defaultActor: "ledger-bench", makeId: { "unused" }))
        writer.close()
        let a = SyntheticRegister.csv(rows: 6000, communities: 3, seed: 52)
        let b = SyntheticRegister.csv(rows: 5000, communities: 2, seed: 53, digitIDs: true)
        for (name, bytes) in [("a.csv", a), ("b.csv", b), ("c.csv", Self.twins(a))] {
            try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/" + name)
        }
        // (arguments, exit status, SHA-256 of the report, of the log after it)
        let steps: [([String], Int32, String, String)] = [
            (["a.csv"], 0, "5faaa12fff831a8c3c2f043b4ce6698ac92ed389bf10a2783497d8c826f47e65",
             "3cef371e2334352dcbec1c71ba4931dd1e795450d1937a0604bc68eb93b2d4b0"),
            (["b.csv"], 0, "22640156e1ff6415786e89a5cbde4792233d108915e13bfdcef37127af9c3b7c",
             "84b852cfea87e4c1c29c98e29f46889a99cbbfdfe42166249d2a5679d8274602"),
            (["a.csv"], 0, "9429812866b88199dfea63ffe5b0a5dc2e1e4c22bb9be5c60ad1f79fd11e8cf3",
             "84b852cfea87e4c1c29c98e29f46889a99cbbfdfe42166249d2a5679d8274602"),
            (["c.csv"], 2, "438750d0f5481b7ec981603584ae1f25f4d297433cab5779834aa8e7008a3772",
             "84b852cfea87e4c1c29c98e29f46889a99cbbfdfe42166249d2a5679d8274602"),
            (["c.csv", "--lang", "zh"], 2, "3aeec3cd8d495e6fb8f46464374fac2ebcaffe9b6b92d4b3c4712630b9b64838",
             "84b852cfea87e4c1c29c98e29f46889a99cbbfdfe42166249d2a5679d8274602"),
            (["c.csv", "--allow-twins"], 0, "ba3fdd08374169f14a75dd3a97bc83c7073eb23973c25c090f558fc3d2169289",
             "5c7517ecefa4b488a6c3cdb4b9aad93b99691a1027d9dc3a98055414c8d98ffc"),
        ]
        for (arguments, status, report, log) in steps {
            let context = arguments.joined(separator: " ")
            #expect(cli.run(["import", "assets"] + arguments + Self.stamp) == status, "\(context): \(cli.stderr)")
            #expect(sha(cli.stdoutBytes) == report, "\(context): \(cli.stdout.prefix(3_000))")
            #expect(sha(try cli.logBytes()) == log, "\(context)")
            #expect(cli.stderr.isEmpty, "\(context): \(cli.stderr)")
        }
    }
}
