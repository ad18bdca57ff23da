import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review findings for `ledger import assets`.
@Suite struct ReviewImportCommandTests {
    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: ImportCommandTests.community + "\n") == 0)
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
    }

    /// With --allow-partial, a batch the domain check refuses appends nothing — so no rejects file may be left
    /// behind telling the clerk that only the rejected rows are missing.
    @Test func noRejectsFileWhenTheBatchIsRefused() throws {
        let cli = ledger()
        let before = try logBytes(cli)
        try write(cli, "mixed.csv", "编号,小区,类型,名称,位置,面积,登记日期\n"
            + "A-1,C-9,车位,车位1,东门,12.5,2024/3/1\n"      // unregistered community: refused by the domain check
            + "A-2,C-1,车位,车位2,东门,abc,2024/3/1\n")      // bad area: a rejected row
        #expect(cli.run(["import", "assets", "mixed.csv", "--allow-partial"]) == 2)
        #expect(try logBytes(cli) == before)
        #expect(!PosixFile.exists(cli.temp.path + "/mixed.rejects.csv"))
    }

    /// A registration date after today is a typing error in the year, refused like `ledger append` refuses it.
    @Test func aFutureRegistrationDateIsRefused() throws {
        let cli = ledger()
        let before = try logBytes(cli)
        try write(cli, "future.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-1,车位,车位1,东门,12.5,2205/3/1\n")
        #expect(cli.run(["import", "assets", "future.csv"]) == 2)
        #expect(cli.stdout.contains("row 2, column G \"登记日期\": \"2205/3/1\""))
        #expect(try logBytes(cli) == before)
    }

    /// --rejects naming the register itself would overwrite the clerk's only copy of the rows.
    @Test func rejectsFileNeverOverwritesTheRegister() throws {
        let cli = ledger()
        let text = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1\nA-2,C-1,车位,车位2,东门,abc,2024/3/1\n"
        try write(cli, "r.csv", text)
        let before = try logBytes(cli)
        #expect(cli.run(["import", "assets", "r.csv", "--allow-partial", "--rejects", "r.csv"]) == 2)
        #expect(try PosixFile(path: cli.temp.path + "/r.csv", mode: .read).readAll() == Array(text.utf8))
        #expect(try logBytes(cli) == before)
    }
}
