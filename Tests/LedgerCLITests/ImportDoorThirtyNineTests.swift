import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 39, the door of `ledger import` (reviews 38b, 38e, 38g), end to end on the demo ledger (C-HY 海韵小区,
/// registered 2024-01-02): rows dated before the --community's registration told per row, a --community given as a
/// name or a variant of the id, blank link cells under a filled one (merged cells), a doubled unit, a rate in an
/// amount cell, Excel's `=""`, and a date read as an Excel serial number.
@Suite struct ImportDoorThirtyNineTests {
    private func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stdout)\(cli.stderr)")
        return cli
    }

    private func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    /// 38e M1: `--community C` and a row dated before C's registration: a problem of that row, at its date cell, with
    /// the other rows' problems in the same run; --allow-partial then imports the good rows.
    @Test func aRowBeforeTheCommunitysRegistrationIsTheRows() throws {
        let cli = demo()
        let before = try cli.logBytes()
        try write(cli, "r.csv", """
            编号,类型,名称,位置,面积,登记日期
            A-HY-N1,车位,车位N1,东门,12,2023/12/1
            A-HY-N2,车位,车位N2,东门,12,2025/3/1
            A-HY-N3,车位,车位N3,东门,abc,2025/3/1

            """)
        for lang in ["en", "zh"] {
            #expect(cli.run(["import", "assets", "r.csv", "--community", "C-HY", "--dry-run", "--lang", lang]) == 2)
            let out = cli.stdout + cli.stderr
            if lang == "en" {
                #expect(out.contains("row 2, column F \"登记日期\""), "\(out)")
                #expect(out.contains("2024-01-02"), "\(out)")
                #expect(out.contains("row 4, column E \"面积\": \"abc\""), "\(out)")
                #expect(!out.contains("the import was rejected") && !out.contains("row 3,"), "\(out)")
                #expect(out.contains("--allow-partial"), "\(out)")
            } else {
                #expect(out.contains("第 2 行，F 列“登记日期”"), "\(out)")
                #expect(out.contains("第 4 行，E 列“面积”"), "\(out)")
            }
        }
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "assets", "r.csv", "--community", "C-HY", "--allow-partial", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new"), "\(cli.stdout)")
        let rejects = String(decoding: try PosixFile(path: cli.temp.path + "/r.rejects.csv", mode: .read).readAll(), as: UTF8.self)
        #expect(rejects.contains("A-HY-N1") && rejects.contains("A-HY-N3") && !rejects.contains("A-HY-N2"), "\(rejects)")
    }

    /// 38e M1 without a date column: the date is --registered-on's, and the rows say so.
    @Test func aRegisteredOnBeforeTheCommunityIsTheOptions() throws {
        let cli = demo()
        try write(cli, "r.csv", "编号,类型,名称,位置,面积\nA-HY-N1,车位,车位N1,东门,12\n")
        #expect(cli.run(["import", "assets", "r.csv", "--community", "C-HY", "--registered-on", "2023-12-01", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("--registered-on 2023-12-01 is before 2024-01-02"), "\(cli.stdout)\(cli.stderr)")
    }

    /// 38e M2 and m2: --community given the community's name, or its id in full-width or other letter case: the
    /// message names the registered id to pass, never "record it first".
    @Test(arguments: [
        ("海韵小区", "\"海韵小区\" is the name of community C-HY, not its id; pass --community C-HY", "“海韵小区”是小区 C-HY 的名称，不是编号；请写 --community C-HY"),
        ("c-hy", "the ledger holds community \"C-HY\" (海韵小区), which differs from \"c-hy\" only in full-width characters or letter case; pass --community C-HY",
         "账本中有小区“C-HY”（海韵小区），与“c-hy”只有全角半角或大小写不同；请写 --community C-HY"),
        ("Ｃ-HY", "the ledger holds community \"C-HY\" (海韵小区), which differs from \"Ｃ-HY\" only in full-width characters or letter case; pass --community C-HY",
         "账本中有小区“C-HY”（海韵小区），与“Ｃ-HY”只有全角半角或大小写不同；请写 --community C-HY"),
    ])
    func aCommunityNameOrVariantNamesTheId(given: String, en: String, zh: String) throws {
        let cli = demo()
        let before = try cli.logBytes()
        try write(cli, "r.csv", "编号,类型,名称,位置,面积,登记日期\nA-HY-N1,车位,车位N1,东门,12,2025/3/1\n")
        try write(cli, "i.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-10-01,F-HY-PI,100,王明,CO-1,其他\n")
        for (kind, file) in [("assets", "r.csv"), ("income", "i.csv")] {
            for (lang, words) in [("en", en), ("zh", zh)] {
                for scopes in ["on", "off"] {
                    cli.environment["LEDGER_SCOPES"] = scopes
                    #expect(cli.run(["import", kind, file, "--community", given, "--dry-run", "--lang", lang]) == 2)
                    let out = cli.stdout + cli.stderr
                    #expect(out.contains(words), "\(kind) \(lang) \(scopes): \(out)")
                    #expect(!out.contains("record community.registered") && !out.contains("须先记录"), "\(kind) \(lang): \(out)")
                }
            }
        }
        // A 小区 cell in another width or case: the row is told the registered id to write.
        try write(cli, "c.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-HY-N1,\(given),车位,车位N1,东门,12,2025/3/1\n")
        if given != "海韵小区" {
            cli.environment["LEDGER_SCOPES"] = "on"
            #expect(cli.run(["import", "assets", "c.csv", "--dry-run", "--lang", "en"]) == 2)
            #expect((cli.stdout + cli.stderr).contains("the ledger holds community \"C-HY\" (海韵小区), which differs only in full-width characters or letter case: write C-HY"),
                    "\(cli.stdout)\(cli.stderr)")
            #expect(cli.run(["import", "assets", "c.csv", "--dry-run", "--lang", "zh"]) == 2)
            #expect((cli.stdout + cli.stderr).contains("只有全角半角或大小写不同：请写作 C-HY"), "\(cli.stdout)\(cli.stderr)")
        } else {
            #expect(cli.run(["import", "assets", "c.csv", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
            // The name in the column and in --community: one message, for the option, not "differs from --community".
            try write(cli, "c2.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-HY-N1,海韵小区,车位,车位N1,东门,12,2025/3/1\n")
            try write(cli, "f.csv", "账户编号,小区,账户类型,银行账户,开立日期\nF-HY-N1,海韵小区,业委会经费,青岛银行 8020-0009,2025-03-01\n")
            for (kind, file) in [("assets", "c2.csv"), ("funds", "f.csv")] {
                #expect(cli.run(["import", kind, file, "--community", given, "--dry-run", "--lang", "en"]) == 2)
                let out = cli.stdout + cli.stderr
                #expect(out.contains(en) && !out.contains("differs from --community"), "\(kind): \(out)")
            }
        }
        // Review 39h: correct C-HY cells under a variant --community: the option's one message, and no row told to
        // write the variant (which would spoil the cells).
        if given != "海韵小区" {
            try write(cli, "c3.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-HY-N1,C-HY,车位,车位N1,东门,12,2025/3/1\n")
            try write(cli, "f3.csv", "账户编号,小区,账户类型,银行账户,开立日期\nF-HY-N1,C-HY,业委会经费,青岛银行 8020-0009,2025-03-01\n")
            for (kind, file) in [("assets", "c3.csv"), ("funds", "f3.csv")] {
                #expect(cli.run(["import", kind, file, "--community", given, "--dry-run", "--lang", "en"]) == 2)
                let out = cli.stdout + cli.stderr
                #expect(out.contains(en) && !out.contains("differs from --community"), "\(kind): \(out)")
            }
        }
        // An id the ledger holds in no form: the registered ids are listed.
        #expect(cli.run(["import", "income", "i.csv", "--community", "C-NOPE", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("the registered communities are C-HY (海韵小区)"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// 38b M1: a contract id in the first row of a merged cell, blanks under it: the rows import (a blank link is
    /// honest too), with a note naming the rows and the column.
    @Test func blankLinksUnderAFilledOneAreNoted() throws {
        let cli = demo()
        try write(cli, "i.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-10-01,F-HY-PI,100,王明,MC-1,其他,K-HY-P01
            2025-10-02,F-HY-PI,100,王明,MC-2,其他,
            2025-10-03,F-HY-PI,100,王明,MC-3,其他,
            2025-10-04,F-HY-PI,100,李华,MC-4,其他,K-HY-P01
            2025-10-05,F-HY-PI,100,李华,MC-5,其他,

            """)
        #expect(cli.run(["import", "income", "i.csv", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("note: column G \"合同编号\" is empty in rows 3–4 (under row 2), row 6 (under row 5), directly under a row that has a value: if the cells were merged in Excel"),
                "\(cli.stdout)")
        #expect(cli.run(["import", "income", "i.csv", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("说明：G 列“合同编号”在第3–4行（其上第2行有值）、第6行（其上第5行有值）为空，紧接在有值的行下面：若是 Excel 中的合并单元格"),
                "\(cli.stdout)")
        #expect(cli.run(["import", "income", "i.csv", "--dry-run", "--json"]) == 0)
        #expect(cli.stdout.contains("\"notes\":[\"column G"), "\(cli.stdout)")
        // A decision merged over one project's payments (FUND-01 would call the later ones undecided): noted too.
        try write(cli, "s.csv", """
            日期,账户编号,金额,收款方,凭证号,用途,支出类别,决定编号
            2025-10-01,F-HY-MF,100,青岛安居防水工程有限公司,MS-1,3号楼屋顶防水维修,维修,D-HY-2024-02
            2025-10-02,F-HY-MF,100,青岛建科监理有限公司,MS-2,3号楼屋顶防水维修,维修,

            """)
        _ = cli.run(["import", "spending", "s.csv", "--dry-run", "--lang", "en"])
        #expect(cli.stdout.contains("note: column H \"决定编号\" is empty in row 3 (under row 2)"), "\(cli.stdout)\(cli.stderr)")
        // Blanks that are not under a filled cell, or under another matter's row (another payer and category), are no note.
        try write(cli, "j.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-10-01,F-HY-PI,100,王明,MD-1,其他,
            2025-10-02,F-HY-PI,100,王明,MD-2,其他,K-HY-P01
            2025-10-03,F-HY-PI,100,李华,MD-3,停车费,

            """)
        #expect(cli.run(["import", "income", "j.csv", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!cli.stdout.contains("note:"), "\(cli.stdout)")
    }

    /// 38g and 38b minors: `100元整元`, `600元/月` and a required `=""` refused in one run, each at its cell; an optional
    /// `=""` is an empty cell; a serial date after today is said to be one.
    @Test func cellFormsAreToldAtTheirCells() throws {
        let cli = demo()
        let before = try cli.logBytes()
        try write(cli, "i.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-10-01,F-HY-PI,100元整元,王明,CF-1,其他,
            2025-10-01,F-HY-PI,600元/月,王明,CF-2,其他,
            2025-10-01,F-HY-PI,="",王明,CF-3,其他,
            2025-10-01,F-HY-PI,100,王明,CF-4,其他,=""

            """)
        #expect(cli.run(["import", "income", "i.csv", "--lang", "en"]) == 2)
        var out = cli.stdout + cli.stderr
        #expect(out.contains("row 2, column C \"金额\": \"100元整元\" states its unit twice (\"元整元\")"), "\(out)")
        #expect(out.contains("row 3, column C \"金额\": \"600元/月\" is a rate (\"元/月\"), not an amount"), "\(out)")
        #expect(out.contains("row 4, column C \"金额\": is empty"), "\(out)")
        #expect(!out.contains("row 5,") && !out.contains("stray quote"), "\(out)")
        try write(cli, "d.csv", "日期,账户编号,金额,付款方,凭证号,类别\n46400,F-HY-PI,100,王明,CS-1,其他\n")
        #expect(cli.run(["import", "income", "d.csv", "--excel-dates", "--lang", "en"]) == 2)
        out = cli.stdout + cli.stderr
        #expect(out.contains("row 2, column A \"日期\": \"46400\" was read as an Excel serial number (--excel-dates), the date 2027-01-13, which is after today"), "\(out)")
        try write(cli, "r.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-HY-S1,C-HY,车位,车位S1,东门,12,46400\n")
        #expect(cli.run(["import", "assets", "r.csv", "--excel-dates", "--lang", "zh"]) == 2)
        out = cli.stdout + cli.stderr
        #expect(out.contains("“46400”按 Excel 日期序号读取（--excel-dates），即 2027-01-13，晚于今天"), "\(out)")
        // Review 39h: dated (by a serial) before the fund it names: the number is named in the advice, not glued
        // before a reason whose subject is the fund.
        try write(cli, "e.csv", "日期,账户编号,金额,付款方,凭证号,类别\n45000,F-HY-PI,100,王明,CS-2,其他\n")
        #expect(cli.run(["import", "income", "e.csv", "--excel-dates", "--lang", "en"]) == 2)
        out = cli.stdout + cli.stderr
        #expect(out.contains("The cell \"45000\" was read as an Excel serial number (--excel-dates), the date 2023-03-15."), "\(out)")
        #expect(!out.contains("\"45000\" fund"), "\(out)")
        #expect(try cli.logBytes() == before)
    }

    /// 38e m4: a type written as an import's kind (`income`, `transfers`) or by its Chinese name (`收入`) names the
    /// type it plainly means: the type's problem is told, and the line's data checked as that type in the same run.
    @Test(arguments: [("income", "fund.income"), ("收入", "fund.income"), ("transfers", "fund.transfer"), ("Spending", "fund.spending")])
    func aTypeByItsLastWordOrChineseNameHasItsDataChecked(type: String, meant: String) throws {
        let cli = demo()
        let before = try cli.logBytes()
        let line = #"{"id":"t-1","type":"\#(type)","occurred_on":"2025-10-01","data":{"fund_id":"F-HY-PI","amount_fen":-5,"counterparty":"王明","voucher":"T-1","category":"other"}}"#
        #expect(cli.run(["append", "--lang", "en"], stdin: line + "\n") == 2)
        let out = cli.stdout + cli.stderr
        #expect(out.contains("field \"type\": \"\(type)\"") || out.contains("unknown event type \"\(type)\""), "\(out)")
        #expect(out.contains("read as \(meant), whose fields are checked too"), "\(out)")
        #expect(out.contains("amount_fen"), "\(out)")
        // Ambiguous last words stay unread (`registered`: a community, an asset).
        #expect(cli.run(["append", "--lang", "en"], stdin: line.replacingOccurrences(of: "\"\(type)\"", with: "\"registered\"") + "\n") == 2)
        #expect(!(cli.stdout + cli.stderr).contains("read as"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }
}
