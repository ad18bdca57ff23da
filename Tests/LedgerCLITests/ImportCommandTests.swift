import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger import assets` end to end: one batch, idempotent, all-or-nothing, rejects file.
@Suite struct ImportCommandTests {
    static let community = #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-01","actor":"张三","data":{"community_id":"C-1","name":"阳光花园","street":"八大关街道","residents_committee":"阳光社区","total_area_m2":"52000.00","total_owners":480}}"#
    static let register = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1\nA-2,C-1,屋顶,3号楼屋顶,3号楼,860,2024年3月5日\n"

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: Self.community + "\n") == 0)
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
    }

    @Test func importsOnceThenAppendsNothing() throws {
        let cli = ledger()
        try write(cli, "r.csv", Self.register)
        #expect(cli.run(["import", "assets", "r.csv"]) == 0)
        #expect(cli.stdout.contains("Appended as one batch: records 2–4.\n"))
        let after = try logBytes(cli)
        #expect(cli.run(["import", "assets", "r.csv"]) == 0)
        #expect(cli.stdout.contains("Nothing to import: this file was already imported (imp-"))
        #expect(try logBytes(cli) == after)
        #expect(cli.run(["verify"]) == 0)
        // A changed row becomes one asset.updated in a new batch.
        try write(cli, "r.csv", Self.register.replacingOccurrences(of: "东门", with: "西门"))
        #expect(cli.run(["import", "assets", "r.csv", "--json"]) == 0)
        #expect(cli.stdout.contains(#""rows_updated":1"#))
        #expect(cli.run(["log"]) == 0)
        #expect(cli.stdout.contains("asset.updated"))
    }

    @Test func aBadRowLeavesTheLedgerUnchanged() throws {
        let cli = ledger()
        let before = try logBytes(cli)
        try write(cli, "bad.csv", Self.register + "A-3,C-1,车位,车位3,东门,abc,2024-03-01\n")
        #expect(cli.run(["import", "assets", "bad.csv"]) == 2)
        #expect(cli.stdout.contains("bad.csv: row 4, column F \"面积\": \"abc\" is not an area."))
        #expect(cli.stdout.contains("Nothing was imported."))
        #expect(try logBytes(cli) == before)
        // An unregistered community is refused by the domain check, naming the row; still nothing appended.
        try write(cli, "other.csv", Self.register.replacingOccurrences(of: ",C-1,", with: ",C-9,"))
        #expect(cli.run(["import", "assets", "other.csv"]) == 2)
        #expect(cli.stderr.contains("other.csv: row 2: asset.registered field \"data.community_id\": community \"C-9\" is not registered"))
        #expect(try logBytes(cli) == before)
        // A dry run writes nothing either.
        try write(cli, "r.csv", Self.register)
        #expect(cli.run(["import", "assets", "r.csv", "--dry-run"]) == 0)
        #expect(cli.stdout.contains("Dry run: nothing was appended."))
        #expect(try logBytes(cli) == before)
    }

    @Test func allowPartialWritesARejectsFile() throws {
        let cli = ledger()
        try write(cli, "bad.csv", Self.register + "A-3,C-1,车位,车位3,东门,abc,2024-03-01\n")
        #expect(cli.run(["import", "assets", "bad.csv", "--allow-partial"]) == 0)
        #expect(cli.stdout.contains("The 1 rejected row was written to bad.rejects.csv"))
        let rejects = String(decoding: try PosixFile(path: cli.temp.path + "/bad.rejects.csv", mode: .read).readAll(), as: UTF8.self)
        #expect(rejects.hasPrefix("编号,小区,类型,名称,位置,面积,登记日期,导入错误\nA-3,C-1,车位,车位3,东门,abc,2024-03-01,\"第4行 (row 4)"))
        // Fixed and imported, the rejects file adds the last asset.
        try write(cli, "bad.rejects.csv", rejects.replacingOccurrences(of: ",abc,", with: ",12,"))
        #expect(cli.run(["import", "assets", "bad.rejects.csv"]) == 0)
        #expect(cli.stdout.contains("1 new"))
    }

    @Test func usageErrors() throws {
        let cli = ledger()
        #expect(cli.run(["import", "contracts", "x.csv"]) == 2)
        #expect(cli.stderr.contains("`ledger import` imports `assets`"))
        #expect(cli.run(["import", "assets", "missing.csv"]) == 2)
        #expect(cli.stderr.contains("missing.csv: cannot read the file"))
        try write(cli, "r.csv", Self.register)
        #expect(cli.run(["import", "assets", "r.csv", "--encoding", "latin1"]) == 2)
        #expect(cli.stderr.contains("--encoding \"latin1\" is not allowed; use utf8 or gb18030."))
    }
}
