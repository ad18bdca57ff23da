import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Issue 11: a real `ledger append` killed with SIGKILL while it writes `private/entries.index` (its index removed,
/// or damaged, before each run, so that every run writes it again). After every kill the next writer answers as if
/// nothing had happened: a clean event appends, a kept name in a free text is refused in the very words a ledger
/// without the index gives, and no notice is given (a kill leaves the old file, the new one or none: never a damaged
/// one, except the damage the test made itself, told once).
@Suite("Crash: SIGKILL while private/entries.index is written")
struct PrivateIndexCrashTests {
    static let surnames = Array("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平")

    /// - Parameter file: the derived file removed or damaged before each run: `entries.index`, or (session 52)
    ///   `names.index`, the kept names' keys, written by the same run after it.
    @Test(arguments: ["entries.index", "names.index"])
    func killedWriterNeverChangesAnAnswer(_ file: String) throws {
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 8)
        let scratch = try FaultProcess.scratchDirectory("private-index-crash-" + file)
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let ledger = scratch + "/ledger"
        let indexPath = ledger + "/private/" + file
        #expect(try TestBinaries.run(ledgerTool, ["init", "--ledger", ledger, "--name", "crash"]).status == 0)
        // 400 persons kept in private/, each named in an occupation report.
        var lines = [
            #"{"id":"c1","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}"#,
            #"{"id":"a1","type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"A-1","community_id":"C-1","kind":"corridor","name":"1号楼走廊","location":"1号楼","area_m2":"20","registered_on":"2024-03-02","source":{"kind":"manual"}}}"#,
        ]
        for (i, surname) in Self.surnames.enumerated() {
            for (j, given) in Self.givenNames.enumerated() {
                lines.append(#"{"id":"o-\#(i)-\#(j)","type":"occupation.reported","occurred_on":"2024-05-01","data":{"occupation_id":"O-\#(i)-\#(j)","asset_id":"A-1","occupant":{"person":"\#(surname)\#(given)"},"description":"堆放杂物"}}"#)
            }
        }
        let seeded = try TestBinaries.run(ledgerTool, ["append", "--ledger", ledger, "--actor", "clerk"], stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        try #require(seeded.status == 0, "\(seeded.stderr)")
        func eventFile(_ k: Int, name: String) throws -> String {
            let path = scratch + "/event-\(k)-\(name.unicodeScalars.count).jsonl"
            let line = #"{"id":"crash-\#(k)-\#(name.unicodeScalars.count)","type":"asset.registered","occurred_on":"2024-06-01","data":{"asset_id":"A-C\#(k)-\#(name.unicodeScalars.count)","community_id":"C-1","kind":"corridor","name":"\#(name)","location":"地下一层","area_m2":"12","registered_on":"2024-06-01","source":{"kind":"manual"}}}"#
            try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func append(_ k: Int, name: String) throws -> (status: Int32, signalled: Bool, out: String, err: String) {
            try FaultProcess.run(ledgerTool, ["append", "--ledger", ledger, "--file", try eventFile(k, name: name), "--actor", "clerk"], in: scratch)
        }
        // How long one append that writes the index takes, to spread the kills over all of it.
        try? FileManager.default.removeItem(atPath: indexPath)
        let started = Date()
        let first = try append(-1, name: "地下车位")
        #expect(first.status == 0, "\(first.err)")
        #expect(FileManager.default.fileExists(atPath: indexPath), "an append with private/ writes the index")
        let full = max(Date().timeIntervalSince(started), 0.05)
        var random = SyntheticRandom(seed: 0x5011_C4A5)
        var killed = 0
        var timer = FaultProcess.KillTimer(full: full)
        var k = 0
        while timer.goesOn(k, of: iterations, killed: killed) {
            defer { k += 1 }
            var damaged = false
            if k % 2 == 0 {
                try? FileManager.default.removeItem(atPath: indexPath)
            } else if let table = FileManager.default.contents(atPath: indexPath) {
                var bytes = [UInt8](table)
                bytes[bytes.count / 2] ^= 0x40
                try Data(bytes).write(to: URL(fileURLWithPath: indexPath))
                damaged = true
            }
            let wasKilled = try FaultProcess.startAndKill(ledgerTool, ["append", "--ledger", ledger, "--file", try eventFile(k, name: "\(k)号车位"), "--actor", "clerk"],
                                                          stdout: scratch + "/out-\(k)", stderr: scratch + "/err-\(k)", timer: &timer, random: &random)
            if wasKilled { killed += 1 }
            // The next writer: a kept name refused, said as a ledger without the index says it.
            let name = "\(Self.surnames[k % 20])\(Self.givenNames[(k * 7) % 20])的车位"
            let refused = try append(k, name: name)
            #expect(refused.status == 2, "iteration \(k): \(refused.err)")
            #expect(refused.err.contains("a name the ledger keeps only as a private person's"), "iteration \(k): \(refused.err)")
            let notices = refused.err.split(separator: "\n").filter { $0.hasPrefix("note: \(file)") }
            // Damage the test made and the killed run did not mend is told once; a kill itself never damages it.
            #expect(notices.count <= (damaged && wasKilled ? 1 : 0), "iteration \(k): \(refused.err)")
            try? FileManager.default.removeItem(atPath: indexPath)
            let reference = try append(k, name: name)
            #expect(reference.status == refused.status, "iteration \(k)")
            // Compared without notes and notices: the killed run may also have left a torn tail or index/ to mend.
            func said(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("note") } }
            #expect(said(reference.err) == said(refused.err), "iteration \(k): \(reference.err) vs \(refused.err)")
            let clean = try append(k, name: "\(k)号车位")
            #expect(clean.status == 0 && clean.err.isEmpty, "iteration \(k): \(clean.err)")
            let verify = try FaultProcess.run(ledgerTool, ["verify", "--ledger", ledger], in: scratch)
            #expect(verify.status == 0, "iteration \(k): \(verify.out)")
        }
        #expect(killed > 0, "no run was killed: the kills came too late")
    }
}
