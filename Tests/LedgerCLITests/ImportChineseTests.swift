import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Issue 15 ("Chinese everywhere"): under `--lang zh` an import's errors and notices read as Chinese throughout —
/// the operating system's reason a file cannot be read, what a file is instead of CSV, what changed in a recorded
/// fact or a registered asset — with field names as the spec writes them and their Chinese label beside them.
/// Under `--lang en` the words are the English they always were.
@Suite struct ImportChineseTests {
    let base = FactImportCommandTests()

    /// English that must not appear in a Chinese message: sentence words, not field names, ids or options.
    static let englishWords = [" the ", " is ", " not ", " and ", " a ", "failed", "cannot", "(none)", "No such file",
                               "regular file", "workbook", "Save it", "date 20"]

    func expectChinese(_ text: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in Self.englishWords {
            #expect(!text.contains(word), "\"\(word)\" in: \(text)", sourceLocation: sourceLocation)
        }
        #expect(text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(text)", sourceLocation: sourceLocation)
    }

    @Test func aFileThatCannotBeReadIsToldInChinese() throws {
        let cli = base.demo()
        #expect(cli.run(["import", "income", "没有.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("没有.csv：无法读取该文件：没有这个文件或目录"), "\(cli.stderr)")
        expectChinese(cli.stderr)
        #expect(cli.run(["import", "income", "没有.csv", "--dry-run", "--lang", "en"]) == 2)
        #expect(cli.stderr.contains("没有.csv: cannot read the file: No such file or directory."), "\(cli.stderr)")

        try FileManager.default.createDirectory(atPath: cli.temp.path + "/文件夹", withIntermediateDirectories: false)
        #expect(cli.run(["import", "income", "文件夹", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("它是一个目录，不是普通文件"), "\(cli.stderr)")
        expectChinese(cli.stderr)
        #expect(cli.run(["import", "income", "文件夹", "--dry-run", "--lang", "en"]) == 2)
        #expect(cli.stderr.contains("it is a directory, not a regular file; give the saved CSV file itself"), "\(cli.stderr)")
    }

    @Test func aWorkbookIsToldInChinese() throws {
        let cli = base.demo()
        try base.write(cli, "收入.xlsx", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])
        try base.write(cli, "收入.txt", [0xFF, 0xFE, 0x41, 0x00])
        for (file, words) in [("收入.xlsx", "它是 Excel 或 WPS 工作簿（.xlsx），不是 CSV"), ("收入.txt", "它是 UTF-16LE 编码的文本")] {
            #expect(cli.run(["import", "income", file, "--dry-run", "--lang", "zh"]) == 2)
            #expect(cli.stderr.contains(words), "\(cli.stderr)")
            expectChinese(cli.stderr)
            #expect(cli.run(["import", "assets", file, "--dry-run", "--lang", "zh", "--json"]) == 2)
            #expect(cli.stdout.contains(#""outcome":"failed""#), "\(cli.stdout)")
        }
        #expect(cli.run(["import", "income", "收入.xlsx", "--dry-run", "--lang", "en"]) == 2)
        #expect(cli.stderr.contains("not a CSV file: it is an Excel or WPS workbook (.xlsx), not CSV. In Excel choose File › Save As"), "\(cli.stderr)")
    }

    /// A payment recorded before with other values: what changed, field by field, in Chinese.
    @Test func whatChangedInARecordedFactIsToldInChinese() throws {
        let cli = base.demo()
        try base.write(cli, "income.csv", """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-05,F-HY-PI,"1,800.00",青岛海港停车管理有限公司,SJ-Y-1,停车费

            """)
        #expect(cli.run(["import", "income", "income.csv"]) == 0, "\(cli.stdout)")
        try base.write(cli, "income2.csv", """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-06,F-HY-PI,"1,810.00",青岛海港停车管理有限公司,SJ-Y-1,停车费

            """)
        #expect(cli.run(["import", "income", "income2.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("内容不同：日期 2025-05-05 → 2025-05-06，金额（元） 1,800.00 → 1,810.00"), "\(cli.stdout)")
        expectChinese(cli.stdout)
        #expect(cli.run(["import", "income", "income2.csv", "--lang", "en"]) == 2)
        #expect(cli.stdout.contains("with other values: date 2025-05-05 → 2025-05-06, amount (yuan) 1,800.00 → 1,810.00"), "\(cli.stdout)")
    }

    /// The dry run's list of changed assets names each field with its Chinese label; the values are quoted as
    /// each language quotes (#15: one string served both, so the Chinese showed straight quotes), attributes too.
    @Test func changedAssetsAreListedInChinese() throws {
        let cli = ImportCommandTests().ledger()
        try base.write(cli, "r.csv", ImportCommandTests.register.replacingOccurrences(of: "登记日期\n", with: "登记日期,备注\n"))
        #expect(cli.run(["import", "assets", "r.csv"]) == 0, "\(cli.stderr)")
        try base.write(cli, "r2.csv", ImportCommandTests.register.replacingOccurrences(of: "车位1,东门,12.5", with: "车位9,西门,13")
            .replacingOccurrences(of: "登记日期\n", with: "登记日期,备注\n").replacingOccurrences(of: "2024/3/1\n", with: "2024/3/1,两部电梯\n"))
        #expect(cli.run(["import", "assets", "r2.csv", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("第 2 行，A-1：名称“车位1” → “车位9”；位置“东门” → “西门”；面积（平方米） 12.50 → 13.00；note“” → “两部电梯”\n"),
                "\(cli.stdout)")
        #expect(cli.run(["import", "assets", "r2.csv", "--dry-run", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("row 2, A-1: name \"车位1\" → \"车位9\"; location \"东门\" → \"西门\"; area 12.50 → 13.00; note \"\" → \"两部电梯\"\n"), "\(cli.stdout)")
    }

    /// Mapping files that cannot be used, and a rules file that is not JSON: Chinese reasons.
    @Test func mappingAndRulesProblemsAreToldInChinese() throws {
        let cli = base.demo()
        try base.write(cli, "收入.csv", """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-05,F-HY-PI,"1,800.00",青岛海港停车管理有限公司,SJ-Y-1,停车费

            """)
        try base.write(cli, "坏.json", "{\"columns\": ")
        try base.write(cli, "错.json", "{\"columns\": {\"收款金额\": \"money\"}}")
        for arguments in [["import", "income", "收入.csv", "--mapping", "坏.json"],
                          ["import", "income", "收入.csv", "--mapping", "错.json"],
                          ["import", "assets", "收入.csv", "--mapping", "坏.json"],
                          ["import", "statement", "收入.csv", "--fund", "F-HY-PI", "--rules", "坏.json"],
                          ["import", "income", "没有.json.csv", "--mapping", "没有.json"]] {
            #expect(cli.run(arguments + ["--dry-run", "--lang", "zh"]) == 2, "\(arguments)")
            expectChinese(cli.stderr)
        }
    }
    /// An event type or a command inside a Chinese sentence stands beside its Chinese name, in （） or “”: the
    /// register's summary names 共有部分登记（asset.registered）; an unknown column names the kind's template and
    /// the command that prints it.
    @Test func eventTypesAndCommandsStandBesideTheirChineseNames() throws {
        let cli = ImportCommandTests().ledger()
        try base.write(cli, "r.csv", ImportCommandTests.register)
        #expect(cli.run(["import", "assets", "r.csv", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("共 3 个事件：表格导入（register.imported）1 个，共有部分登记（asset.registered）2 个，"
            + "共有部分变更（asset.updated）0 个。"), "\(cli.stdout)")
        expectNoBareNames(cli.stdout)
        #expect(cli.run(["import", "assets", "r.csv", "--dry-run", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("3 events (1 register.imported, 2 asset.registered, 0 asset.updated)"), "\(cli.stdout)")

        let demo = base.demo()
        try base.write(demo, "头.csv", "日期,金额,备注\n2025-05-05,100,x\n")
        #expect(demo.run(["import", "income", "头.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(demo.stderr.contains("请改用收入模板中的列标题之一（用“ledger template income”输出模板）"), "\(demo.stderr)")
        expectNoBareNames(demo.stderr)
        try base.write(cli, "r3.csv", "编号,小区,类型,名称,位置,面积,登记日期,颜色\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1,红\n")
        #expect(cli.run(["import", "assets", "r3.csv", "--strict", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("（用“ledger template assets”输出模板）"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("Importing a register"), "\(cli.stderr)")
    }

    /// No event type (`asset.registered`) or `ledger` command outside （…） or “…”.
    func expectNoBareNames(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var outside = "", depth = 0
        for c in text {
            if c == "（" || c == "“" { depth += 1 } else if c == "）" || c == "”" { depth -= 1 } else if depth == 0 { outside.append(c) }
        }
        for name in ["register.imported", "asset.registered", "asset.updated", "fund.income", "ledger template", "`"] {
            #expect(!outside.contains(name), "\"\(name)\" outside （） in: \(text)", sourceLocation: sourceLocation)
        }
    }
}
