import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review findings for `ledger import assets`.
@Suite struct ReviewImportCommandTests {
    // The ledger with one community, and the file helpers, of ImportCommandTests.
    private let base = ImportCommandTests()
    func ledger() -> CLIHarness { base.ledger() }
    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws { try base.write(cli, name, text) }
    func logBytes(_ cli: CLIHarness) throws -> [UInt8] { try base.logBytes(cli) }

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

/// A rejects file goes back in once fixed: same encoding, BOM, line ends, multi-line cells kept.
@Suite struct ReviewRejectsRoundTripTests {
    @Test(arguments: [false, true]) func rejectsFileReimports(gb18030: Bool) throws {
        let cli = ReviewImportCommandTests().ledger()
        let text = "编号,小区,类型,名称,位置,面积,登记日期\r\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1\r\n"
            + "A-2,C-1,车位,\"车位\r\n二号\",\"东门,内侧\",abc,2024/3/1\r\n"
        let bytes = gb18030 ? TextEncoder.gb18030(text)! : [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/r.csv")
        #expect(cli.run(["import", "assets", "r.csv", "--allow-partial"]) == 0)
        let rejects = try PosixFile(path: cli.temp.path + "/r.rejects.csv", mode: .read).readAll()
        #expect(gb18030 ? rejects.first != 0xEF : rejects.starts(with: [0xEF, 0xBB, 0xBF]))
        let decoded = gb18030 ? try TextDecoder.gb18030(rejects) : String(decoding: rejects.dropFirst(3), as: UTF8.self)
        #expect(decoded.contains("\"车位\r\n二号\",\"东门,内侧\",abc,"))
        let fixed = decoded.replacingOccurrences(of: ",abc,", with: ",8,")
        try PosixFile.writeAtomically(gb18030 ? TextEncoder.gb18030(fixed)! : [0xEF, 0xBB, 0xBF] + Array(fixed.utf8),
                                      to: cli.temp.path + "/r.rejects.csv")
        #expect(cli.run(["import", "assets", "r.rejects.csv", "--json"]) == 0)
        #expect(cli.stdout.contains(#""rows_new":1"#))
        #expect(cli.run(["assets", "--format", "csv"]) == 0)
        #expect(cli.stdout.contains("A-2"))
        #expect(cli.run(["verify"]) == 0)
    }
}
