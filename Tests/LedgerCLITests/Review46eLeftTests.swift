import LedgerPlatform
import LedgerTestSupport
import Testing

/// What review 46e and the closing note of session 46 left: an erasure whose kept street lists cannot be removed
/// (it was best effort, and a list left behind kept the names as printed), `￥-` in an amount column that may be
/// empty, a dash alone in an amount, and a register's two-row header named with both rows when its headings clash.
@Suite struct Review46eLeftTests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    // MARK: erase-personal and the kept lists

    /// A kept list that cannot be removed (a directory, not empty, where the patch would be; the same for the list):
    /// the erasure is refused before anything is erased — private/ and the log as they were, the message naming the
    /// file and what to do — and goes through once it can be removed.
    @Test(arguments: ["rectify.list", "rectify.list-patch"])
    func anErasureIsRefusedWhileAKeptListCannotBeRemoved(_ file: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: PersonalDataCommandTests.events) == 0, "\(cli.stderr)")
        let list = ["rectify", "--street", "八大关街道", "--as-of", "2024-06-30", "--prepared-on", "2024-06-30"]
        #expect(cli.run(list) == 0, "\(cli.stderr)")
        let path = cli.ledgerPath + "/index/" + file
        try? PosixFile.remove(path)
        try PosixFile.makeDirectory(path)
        try PosixFile.writeAtomically(Array("x".utf8), to: path + "/keep")
        let log = try cli.logBytes()
        let stored = try PosixDirectory(path: cli.ledgerPath + "/private").names().sorted()
        let erase = ["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--actor", "dpo"]
        #expect(cli.run(erase) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains("a kept rectification list could not be removed") && cli.stderr.contains(file), "\(cli.stderr)")
        #expect(cli.stderr.contains("nothing was erased: delete the file by hand (or make index/ writable), then run the command again"), "\(cli.stderr)")
        #expect(cli.run(erase + ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("无法删除保存的整改清单") && cli.stderr.contains("什么也没有删除"), "\(cli.stderr)")
        #expect(try cli.logBytes() == log)
        #expect(try PosixDirectory(path: cli.ledgerPath + "/private").names().sorted() == stored)
        #expect(!PosixFile.exists(cli.ledgerPath + "/private/erasure.pending"))
        try PosixFile.remove(path + "/keep")
        #expect(cli.run(erase) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!PosixFile.exists(path))
    }

    // MARK: Import words

    static let decisionsHeader = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数,授权资产,授权合同,授权用途,金额上限,有效期至\n"

    /// `￥-` (Excel's accounting zero) or 0 in 金额上限, a column that may be left empty: said to be left empty, not
    /// given ¥0.01; an empty cell imports.
    @Test(arguments: ["￥-", "0"])
    func zeroInAnOptionalAmountIsToldToBeLeftEmpty(_ cell: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "d.csv", Self.decisionsHeader + "D-9,C-T,2025-03-01,改变用途或经营,\"36,000.00\",330,\"28,000.00\",260,A-T1,,经营,\(cell),2027-06-30\n")
        let out = try base.refused(cli, ["import", "decisions", "d.csv"])
        #expect(out.contains(#"column L "金额上限": "\#(cell)""#), "\(out)")
        #expect(out.contains("0 is no amount for authorises.amount_cap_fen (授权金额上限（元）): the column may be left empty, and an empty cell says there is none"), "\(out)")
        #expect(out.contains("Leave the cell empty where there is no amount"), "\(out)")
        #expect(!out.contains("give at least"), "\(out)")
        #expect((cell == "0") != out.contains("reads as 0 (Excel's accounting format"), "\(out)")
        #expect(cli.run(["import", "decisions", "d.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("这一列可以不填，空着即表示没有") && cli.stdout.contains("没有金额的，请让该单元格空着"), "\(cli.stdout)")
        try base.write(cli, "d.csv", Self.decisionsHeader + "D-9,C-T,2025-03-01,改变用途或经营,\"36,000.00\",330,\"28,000.00\",260,A-T1,,经营,,2027-06-30\n")
        #expect(cli.run(["import", "decisions", "d.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// A dash alone in an amount (`-`, `--`, `－`) is said to be one, with what to write, never "not a number".
    @Test(arguments: ["-", "--", "－", " - "])
    func aDashAloneInAnAmountIsSaidToBeOne(_ cell: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/3/1,F-T,\(cell),甲公司,SJ-001,其他,\n")
        let out = try base.refused(cli, ["import", "income", "i.csv"])
        #expect(out.contains("is a dash alone, which is read as no amount at all"), "\(out)")
        #expect(out.contains("Write the amount in figures (e.g. 1,200.00)"), "\(out)")
        #expect(!out.contains("not a number"), "\(out)")
        #expect(cli.run(["import", "income", "i.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("只是短横线，不能读作金额"), "\(cli.stdout)")
    }

    // MARK: A register's two-row header

    /// A sub-heading read alone that makes a second column of a field (名称 under 维保单位 beside the part's 名称):
    /// the refusal names both header rows and what each column was read from.
    @Test func aRegistersClashingTwoRowHeadingNamesBothRows() throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,维保单位,\n,,,,,,名称,地址\n"
                        + "A-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,青岛某维保公司,青岛市市南区\n")
        #expect(cli.run(["import", "assets", "a.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("both mean name"), "\(out)")
        #expect(out.contains(#"rows 1 and 2 are read as one header of two rows"#), "\(out)")
        #expect(out.contains(#"column G "名称" is row 2's "名称", read alone (under "维保单位" of row 1)"#), "\(out)")
        #expect(cli.run(["import", "assets", "a.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("第 1 行和第 2 行作为两行表头一起读取"), "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains("A-T9"))
    }
}
