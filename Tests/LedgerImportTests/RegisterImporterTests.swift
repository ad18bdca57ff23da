import Foundation
import LedgerEvents
import LedgerImport
import LedgerPlatform
import Testing

/// The import core: header binding, every error class with its message, idempotency, updates, atomicity,
/// partial imports and their rejects file, and encodings.
struct RegisterImporterTests {
    static let header = "编号,小区,类型,名称,位置,面积,登记日期"
    static func register(_ rows: String...) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

    // MARK: header

    struct AliasCase: Sendable, CustomTestStringConvertible {
        let field: RegisterField
        let alias: String
        var testDescription: String { "\(alias) → \(field.rawValue)" }
    }

    static let aliasCases: [AliasCase] = RegisterVocabulary.headingAliases.flatMap { field, aliases in
        aliases.map { AliasCase(field: field, alias: $0) }
    }

    /// Every documented alias binds its column to its field (replacing the standard heading of that field).
    @Test(arguments: aliasCases)
    func headingAlias(_ c: AliasCase) throws {
        var headings = ["asset_id", "community", "kind", "name", "location", "area", "registered_on"]
        let standard: [RegisterField: Int] = [.id: 0, .community: 1, .kind: 2, .name: 3, .location: 4, .area: 5,
                                              .registeredOn: 6]
        if let index = standard[c.field] { headings[index] = c.alias } else { headings.append(c.alias) }
        let importer = try RegisterImporter(headings: headings, existing: RecordedRegister(), options: Fixture.options())
        let index = headings.firstIndex(of: c.alias)!
        #expect(importer.roles[index] == (c.field == .ignore ? .ignored : .field(c.field)))
    }

    @Test func headingsAreNormalised() throws {
        let headings = [" Asset ID ", "Community_ID", "KIND", "名称", "坐落", "面积（平方米）", "登记日期", "Area (m2)x", "【备注】"]
        let importer = try RegisterImporter(headings: headings, existing: RecordedRegister(), options: Fixture.options())
        #expect(importer.roles == [.field(.id), .field(.community), .field(.kind), .field(.name), .field(.location),
                                   .field(.area), .field(.registeredOn), .attribute("Area (m2)x"), .attribute("【备注】")])
        #expect(RegisterVocabulary.normalizedHeading("面积(㎡)") == "面积")
        #expect(RegisterVocabulary.normalizedHeading("Area (m²)") == "area")
    }

    @Test func missingColumnsAreAllReported() throws {
        let error = #expect(throws: ImportError.self) {
            try RegisterImporter(headings: ["名称", "位置"], existing: RecordedRegister(), options: Fixture.options())
        }
        #expect(error?.description == """
            register.csv: header (row 1): no column for id. Add a column headed 编号 or 资产编号 or 资产代码, or map an existing heading to "id" in a mapping file (--mapping).
            register.csv: header (row 1): no column for community. Add a column headed 小区 or 小区编号 or 所属小区, or map an existing heading to "community" in a mapping file (--mapping), or pass --community ID.
            register.csv: header (row 1): no column for kind. Add a column headed 类型 or 类别 or 资产类型, or map an existing heading to "kind" in a mapping file (--mapping).
            register.csv: header (row 1): no column for area. Add a column headed 面积 or 建筑面积 or 占地面积, or map an existing heading to "area" in a mapping file (--mapping).
            register.csv: header (row 1): no column for registered_on. Add a column headed 登记日期 or 登记时间 or registeredon, or map an existing heading to "registered_on" in a mapping file (--mapping), or pass --registered-on YYYY-MM-DD.
            """)
    }

    /// Header problems that leave the rows readable are held (`headerProblems`) and thrown with the rows' by
    /// `AssetImport.run` (session 42: every problem of the file in one run).
    @Test func twoColumnsForOneFieldAndRepeatedHeadings() throws {
        let importer = try RegisterImporter(headings: ["编号", "资产编号", "小区", "类型", "名称", "位置", "面积", "登记日期", "车位号", "车位号"],
                                            existing: RecordedRegister(), options: Fixture.options())
        let error = ImportError.header(file: "register.csv", row: 1, problems: importer.headerProblems)
        #expect(error.description == """
            register.csv: header (row 1): columns A "编号" and B "资产编号" both mean id. Rename or delete one of them, or map one to "ignore" in a mapping file (--mapping).
            register.csv: header (row 1): columns I and J have the same heading "车位号". Give each column its own heading.
            """)
    }

    /// Two headings for one field, as every message shows a heading: an invisible character named, and in
    /// Chinese quoted “ ” (review: `C 列 "金额"` with straight quotes and the heading as written).
    @Test(arguments: [
        ("资产编号", #"columns A "编号" and B "资产编号" both mean id."#, "A 列“编号”和 B 列“资产编号”都表示 id（"),
        ("资产\u{00A0}编号", #"columns A "编号" and B "资产<U+00A0>编号" both mean id."#, "A 列“编号”和 B 列“资产<U+00A0>编号”都表示 id（"),
    ]) func twoColumnsForOneFieldAsShown(heading: String, en: String, zh: String) throws {
        let importer = try RegisterImporter(headings: ["编号", heading, "小区", "类型", "名称", "位置", "面积", "登记日期"],
                                            existing: RecordedRegister(), options: Fixture.options())
        let error: ImportError? = .header(file: "register.csv", row: 1, problems: importer.headerProblems)
        #expect(error?.message.en.contains(en) == true, "\(String(describing: error?.message.en))")
        #expect(error?.message.zh.contains(zh) == true, "\(String(describing: error?.message.zh))")
        #expect(error?.message.zh.contains("\"") == false, "\(String(describing: error?.message.zh))")
    }

    @Test func strictRefusesUnknownColumns() throws {
        let options = Fixture.options { $0.strict = true }
        let error = #expect(throws: ImportError.self) {
            try Fixture.run(Self.header + ",车位号,产权\nA-1,C-1,车位,车位1,东,12,2024-03-01,P1,全体业主\n", options: options)
        }
        #expect(error?.description == "register.csv: header (row 1): unknown columns H \"车位号\", I \"产权\" (--strict "
            + "refuses columns it does not know). Rename to a known heading (see README, \"Importing a register\"), map it "
            + "in a mapping file (--mapping), or import without --strict to keep it as an attribute.")
        // Without --strict they are attributes.
        let result = try Fixture.run(Self.header + ",车位号,产权\nA-1,C-1,车位,车位1,东,12,2024-03-01,P1,全体业主\n")
        #expect(result.plan.events[1].data["attributes"] == .object(["车位号": .string("P1"), "产权": .string("全体业主")]))
    }

    @Test func mappingFileAddsHeadingsAndKinds() throws {
        let mapping = try ColumnMapping(bytes: Array("""
            {"columns": {"设施代码": "id", "归属小区": "community", "设施类别": "kind", "设施名": "name",
                         "使用面积": "area", "建档日期": "registered_on", "旧编号": "ignore", "车位号": "attribute",
                         "停放区域": "location"},
             "kinds": {"机械车位": "parking"}}
            """.utf8), fileName: "office.json")
        let options = Fixture.options { $0.mapping = mapping; $0.strict = true }
        let result = try Fixture.run("设施代码,归属小区,设施类别,设施名,使用面积,建档日期,旧编号,车位号,停放区域\nJX-1,C-1,机械车位,机械车位1,13,2024-03-01,old-9,M1,B2\n",
                                     options: options)
        #expect(result.plan.report.outcome == .ready)
        #expect(result.plan.events[1].data["kind"] == .string("parking"))
        #expect(result.plan.events[1].data["attributes"] == .object(["车位号": .string("M1")]))
    }

    @Test func badMappingFilesSayWhatIsAllowed() {
        func message(_ text: String) -> String? {
            do { _ = try ColumnMapping(bytes: Array(text.utf8), fileName: "m.json"); return nil } catch { return error.description }
        }
        #expect(message("{\"columns\": {\"代码\": \"identifier\"}}") == "m.json: columns.\"代码\" is \"identifier\"; write one of "
            + "id, community, kind, name, location, area, registered_on, note, ignore, warranty_end, attribute.")
        #expect(message("{\"kinds\": {\"机械车位\": \"car\"}}") == "m.json: kinds.\"机械车位\" must be one of parking, "
            + "club_room, roof, basement, advertising, green_area, corridor, other.")
        #expect(message("{\"colums\": {}}") == "m.json: unknown member \"colums\"; a mapping has only \"columns\" and \"kinds\".")
        #expect(message("{columns}")?.hasPrefix("m.json: not valid JSON:") == true)
    }

    // MARK: row errors, one per class, with the exact message

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let row: String
        let message: String
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "empty id", row: ",C-1,车位,车位1,东,12,2024-03-01",
                  message: "register.csv: row 2, column A \"编号\": is empty, but every asset needs an id. Write the asset's id from the register, e.g. CW-001."),
        ErrorCase(name: "id with space", row: "A 1,C-1,车位,车位1,东,12,2024-03-01",
                  message: "register.csv: row 2, column A \"编号\": \"A 1\" is not an asset id: it contains a space, quote, backslash or control character. Ids are single words of at most 128 bytes, e.g. CW-001."),
        ErrorCase(name: "empty community", row: "A-1,,车位,车位1,东,12,2024-03-01",
                  message: "register.csv: row 2, column B \"小区\": is empty, but every asset needs a community. Write the community's id, or pass --community ID for a file of one community."),
        ErrorCase(name: "empty kind", row: "A-1,C-1,,车位1,东,12,2024-03-01",
                  message: "register.csv: row 2, column C \"类型\": is empty, but every asset needs a kind. Write one of 车位 (parking), 会所/活动室 (club_room), 屋顶 (roof), 地下室 (basement), 广告位 (advertising), 绿地 (green_area), 走廊/楼道 (corridor), 其他 (other)."),
        ErrorCase(name: "unknown kind", row: "A-1,C-1,仓库,车位1,东,12,2024-03-01",
                  message: "register.csv: row 2, column C \"类型\": \"仓库\" is not a kind of common part. Write one of 车位 (parking), 会所/活动室 (club_room), 屋顶 (roof), 地下室 (basement), 广告位 (advertising), 绿地 (green_area), 走廊/楼道 (corridor), 其他 (other), or add the word to a mapping file (--mapping)."),
        ErrorCase(name: "empty name", row: "A-1,C-1,车位,,东,12,2024-03-01",
                  message: "register.csv: row 2, column D \"名称\": is empty, but every asset needs a name. Write the asset's name as the register knows it, e.g. 地下车位B1-023."),
        ErrorCase(name: "empty location", row: "A-1,C-1,车位,车位1,,12,2024-03-01",
                  message: "register.csv: row 2, column E \"位置\": is empty, but every asset needs a location. Write where it is, e.g. 3号楼地下一层 or 南门内侧."),
        ErrorCase(name: "empty area", row: "A-1,C-1,车位,车位1,东,,2024-03-01",
                  message: "register.csv: row 2, column F \"面积\": is empty, but every asset needs an area. Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places)."),
        ErrorCase(name: "area abc", row: "A-1,C-1,车位,车位1,东,abc,2024-03-01",
                  message: "register.csv: row 2, column F \"面积\": \"abc\" is not an area. Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places)."),
        ErrorCase(name: "impossible date", row: "A-1,C-1,车位,车位1,东,12,2024-02-30",
                  message: "register.csv: row 2, column G \"登记日期\": \"2024-02-30\" is not a real date (February 2024 has 29 days). Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日."),
        ErrorCase(name: "excel serial", row: "A-1,C-1,车位,车位1,东,12,45352",
                  message: "register.csv: row 2, column G \"登记日期\": \"45352\" looks like an Excel date serial number (it would be 2024-03-01). Format the column as a date in Excel before saving, or pass --excel-dates to read serial numbers."),
        ErrorCase(name: "empty date", row: "A-1,C-1,车位,车位1,东,12,",
                  message: "register.csv: row 2, column G \"登记日期\": is empty, but every asset needs a registration date. Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日."),
        ErrorCase(name: "stray quote", row: "A-1,C-1,车位,车位\"1,东,12,2024-03-01",
                  message: "register.csv: row 2, column D \"名称\": \"车位\"1\" has a stray quote (\"). A quote may only surround a whole cell; inside a quoted cell write it as \"\". Remove the quote or fix the cell in the spreadsheet."),
        ErrorCase(name: "text after quote", row: "A-1,C-1,车位,\"车位\"1,东,12,2024-03-01",
                  message: "register.csv: row 2, column D \"名称\": \"车位1\" has text after its closing quote. Quote the whole cell and write a quote inside it as \"\"."),
        ErrorCase(name: "cell without heading", row: "A-1,C-1,车位,车位1,东,12,2024-03-01,extra",
                  message: "register.csv: row 2, column H: \"extra\" is in a column without a heading (the header has 7 columns). Give the column a heading or delete the cell."),
    ]

    @Test(arguments: errorCases)
    func rowError(_ c: ErrorCase) throws {
        let result = try Fixture.run(Self.register("OK-1,C-1,车位,车位0,东,12,2024-03-01", c.row).replacingFirstDataRow())
        let report = result.plan.report
        #expect(report.problems.map(\.description) == [c.message])
        #expect(report.outcome == .rejected)
        #expect(result.plan.events.isEmpty)
        #expect(report.exitCode == 2)
    }

    @Test func duplicateIdNamesTheFirstRow() throws {
        let result = try Fixture.run(Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01", "A-2,C-1,车位,车位2,东,12,2024-03-01",
                                                   "A-1,C-1,车位,车位3,东,12,2024-03-01"))
        #expect(result.plan.report.problems.map(\.description) == [
            "register.csv: row 4, column A \"编号\": \"A-1\" appears again; it is already in row 2. Each asset appears once per file: merge the two rows or give one of them another id.",
        ])
    }

    @Test func everyProblemOfARowIsReported() throws {
        let result = try Fixture.run(Self.register("A-1,C-1,仓库,,东,abc,2024-02-30"))
        #expect(result.plan.report.problems.map { $0.column.map(ColumnName.letters) } == ["C", "D", "F", "G"])
        #expect(result.plan.report.counts.rejected == 1)
    }

    @Test func communityOptionAndColumnMustAgree() throws {
        let options = Fixture.options { $0.communityID = "C-1" }
        let result = try Fixture.run(Self.register("A-1,,车位,车位1,东,12,2024-03-01", "A-2,C-2,车位,车位2,东,12,2024-03-01"),
                                     options: options)
        #expect(result.plan.report.problems.map(\.description) == [
            "register.csv: row 3, column B \"小区\": \"C-2\" differs from --community C-1. Leave the cell empty or write C-1, or import this community's rows separately.",
        ])
    }

    @Test func retiredAndForeignAssetsAreRefused() throws {
        var existing = RecordedRegister()
        existing.assets["A-1"] = RecordedAsset(communityID: "C-1", kind: .parking, name: "车位1", location: "东",
                                               area: DecimalQuantity(units: 1200), retired: true)
        existing.assets["A-2"] = RecordedAsset(communityID: "C-9", kind: .parking, name: "车位2", location: "东",
                                               area: DecimalQuantity(units: 1200))
        let result = try Fixture.run(Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01", "A-2,C-1,车位,车位2,东,12,2024-03-01"),
                                     existing: existing)
        #expect(result.plan.report.problems.map(\.description) == [
            "register.csv: row 2, column A \"编号\": \"A-1\" belongs to an asset the ledger records as retired. A retired asset's id is not reused: give the asset a new id.",
            "register.csv: row 3, column B \"小区\": \"C-1\" differs from the community C-9 the ledger records for asset A-2. Asset ids are unique across the ledger: check the id and the community.",
        ])
    }

    // MARK: idempotency, updates, atomicity

    @Test func reimportingTheSameFileAppendsNothingAndSaysSo() throws {
        let text = Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01", "A-2,C-1,屋顶,屋顶,2号楼,300,2024/3/2")
        let first = try Fixture.run(text)
        #expect(first.plan.events.map(\.type) == ["register.imported", "asset.registered", "asset.registered"])
        // Deterministic: the same file against the same ledger gives byte-identical events.
        #expect(Array(try Fixture.run(text).plan.events) == Array(first.plan.events))
        let second = try Fixture.run(text, existing: Fixture.snapshot(first.plan.events))
        #expect(second.plan.events.isEmpty)
        #expect(second.plan.report.outcome == .nothingToImport)
        #expect(second.plan.report.counts == { var c = ImportCounts(); c.read = 2; c.unchanged = 2; return c }())
        #expect(second.plan.report.text(status: .notAppended).hasSuffix(
            "Nothing to import: this file was already imported (\(first.plan.importID)) and every row matches the ledger.\n"))
        #expect(second.plan.report.exitCode == 0)
    }

    @Test func changedRowsBecomeUpdatesOfJustTheChangedFields() throws {
        let first = try Fixture.run(Self.header + ",车位号\n" + "A-1,C-1,车位,车位1,东,12,2024-03-01,P1\n")
        let existing = Fixture.snapshot(first.plan.events)
        // A-1: location, area and attribute changed, registration date differs (not compared); A-3 new.
        let changed = Self.header + ",车位号\n" + "A-1,C-1,车位,车位1,西,12.5,2024-03-09,P2\n" + "A-3,C-1,绿地,绿地,南,500,2024-03-03,\n"
        let second = try Fixture.run(changed, existing: existing)
        let events = second.plan.events
        #expect(events.map(\.type) == ["register.imported", "asset.updated", "asset.registered"])
        #expect(events[1].data["changes"] == .object(["area_m2": .string("12.50"), "location": .string("西"),
                                                     "attributes": .object(["车位号": .string("P2")])]))
        #expect(events[1].occurredOn == Fixture.importedOn)
        #expect(events[1].id == second.plan.importID + "-r2")
        #expect(events[0].data["rows_updated"] == .integer(1))
        #expect(events[0].data["rows_new"] == .integer(1))
        // Folding the update in makes the same file "unchanged".
        let third = try Fixture.run(changed, existing: Fixture.snapshot(Array(first.plan.events) + Array(events)))
        #expect(third.plan.report.outcome == .nothingToImport)
    }

    @Test func areaIsComparedByValue() throws {
        var existing = RecordedRegister()
        existing.assets["A-1"] = RecordedAsset(communityID: "C-1", kind: .parking, name: "车位1", location: "东",
                                               area: try #require(DecimalQuantity(text: "12.5")))
        let result = try Fixture.run(Self.register("A-1,C-1,车位,车位1,东,12.50㎡,2024/3/1"), existing: existing)
        #expect(result.plan.report.counts.unchanged == 1)
    }

    @Test func aLaterImportOfTheSameFileGetsTheNextImportID() throws {
        let text = Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01")
        let first = try Fixture.run(text)
        // Someone renamed the asset by hand; importing the file again puts the register's name back.
        let rename = Event(id: "rename-1", occurredOn: Fixture.importedOn, actor: "clerk", payload: .assetUpdated(AssetUpdated(
            assetID: "A-1", changes: AssetChanges(name: "改名"), source: .manual)))
        let existing = Fixture.snapshot(Array(first.plan.events) + [rename])
        let second = try Fixture.run(text, existing: existing)
        #expect(second.plan.importID == first.plan.importID + "-2")
        #expect(second.plan.events.map(\.id) == [first.plan.importID + "-2", first.plan.importID + "-2-r2"])
    }

    @Test func oneBadRowMeansNoEventsAtAll() throws {
        let result = try Fixture.run(Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01", "A-2,C-1,车位,车位2,东,abc,2024-03-01",
                                                   "A-3,C-1,车位,车位3,东,12,2024-03-01"))
        #expect(result.plan.events.isEmpty)
        #expect(result.plan.report.outcome == .rejected)
        #expect(result.plan.report.counts == { var c = ImportCounts(); c.read = 3; c.new = 2; c.rejected = 1; return c }())
    }

    @Test func allowPartialImportsGoodRowsAndWritesAFixableRejectsFile() throws {
        let options = Fixture.options { $0.allowPartial = true }
        let text = "\u{FEFF}" + Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01", "A-2,C-1,车位,\"车位2,北\",东,abc,2024-03-01",
                                              "A-3,C-1,车位,车位3,东,12,2024-02-30")
        let result = try Fixture.run(text, options: options)
        #expect(result.plan.report.outcome == .ready)
        #expect(result.plan.events.map(\.type) == ["register.imported", "asset.registered"])
        #expect(result.plan.report.counts.rejected == 2)
        let rejects = AssetImport.rejectsFile(result)
        #expect(String(decoding: rejects, as: UTF8.self) == "\u{FEFF}" + Self.header + ",导入错误\n"
            // In Chinese, as its headings are: the clerk opens this file in Excel to fix the rows.
            + "A-2,C-1,车位,\"车位2,北\",东,abc,2024-03-01,\"第 3 行：F 列“面积”：“abc”不是面积。"
            + "请以平方米为单位写数字，例如 35.5、35.50㎡ 或 1,234.5（最多两位小数）。\"\n"
            + "A-3,C-1,车位,车位3,东,12,2024-02-30,第 4 行：G 列“登记日期”：“2024-02-30”不是实际存在的日期"
            + "（2024 年 2 月只有 29 天）。日期请写作 2024-03-01、2024/3/1、20240301 或 2024年3月1日。\n")
        // A file with English headings gets its reasons in English, under an English heading.
        let english = try Fixture.run("id,community_id,kind,name,location,area_m2,registered_on\nA-1,C-1,parking,P1,east,12,2024-03-01\n"
                                      + "A-2,C-1,parking,P2,east,abc,2024-03-01\n", options: options)
        #expect(String(decoding: AssetImport.rejectsFile(english), as: UTF8.self).hasSuffix(
            ",import_error\nA-2,C-1,parking,P2,east,abc,2024-03-01,\"row 3: column F \"\"area_m2\"\": \"\"abc\"\" is not an area. "
            + "Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places).\"\n"))
        // Imported as it is, the rejects file is refused: every row still holds its error.
        let unfixed = try Fixture.run(rejects, existing: Fixture.snapshot(result.plan.events), options: Fixture.options("rejects.csv"))
        #expect(unfixed.plan.report.counts.rejected == 2)
        #expect(unfixed.plan.report.problems.filter { $0.reason == "still holds the error this row was rejected with" }.count == 2)
        // The clerk fixes the cells, clears the error cells and imports the rejects file.
        let fixed = String(decoding: rejects, as: UTF8.self).split(separator: "\n").map { line in
            (line.range(of: ",\"第", options: .backwards) ?? line.range(of: ",第", options: .backwards)).map { String(line[..<$0.lowerBound]) + "," } ?? String(line)
        }.joined(separator: "\n").appending("\n")
            .replacingOccurrences(of: ",abc,", with: ",15,").replacingOccurrences(of: "2024-02-30,", with: "2024-02-29,")
        let again = try Fixture.run(Array(fixed.utf8), existing: Fixture.snapshot(result.plan.events), options: Fixture.options("rejects.csv"))
        #expect(again.plan.report.problems == [])
        #expect(again.plan.events.map(\.type) == ["register.imported", "asset.registered", "asset.registered"])
        #expect(again.plan.report.columns.last?.role == .ignored)
    }

    // MARK: encodings

    @Test func gb18030IsDetectedAndDecoded() throws {
        let text = Self.register("A-1,C-1,车位,地下车位䶮,东,12㎡,2024年3月1日")
        let bytes = try #require(TextEncoder.gb18030(text))
        #expect(bytes != Array(text.utf8))
        for encoding in [nil, RegisterEncoding.gb18030] {
            let result = try Fixture.run(bytes, encoding: encoding)
            #expect(result.plan.report.file.encoding == "GB18030")
            #expect(result.plan.events[1].data["name"] == .string("地下车位䶮"))
        }
        // Read as UTF-8 on purpose, the header already fails, naming the bytes and the way out.
        let error = #expect(throws: ImportError.self) { try Fixture.run(bytes, encoding: .utf8) }
        #expect(error?.description.hasPrefix("register.csv: header (row 1): column A: has bytes that are not valid UTF-8 (b1e0") == true)
        #expect(error?.description.hasSuffix("pass --encoding gb18030.") == true)
    }

    @Test func utf8WithoutBOMIsDetected() throws {
        let result = try Fixture.run(Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01"))
        #expect(result.plan.report.file.encoding == "UTF-8")
        #expect(result.plan.report.file.hasUTF8BOM == false)
    }

    @Test func encodingIsDecidedByTheFirstNonASCIICellWhenTheStartIsASCII() throws {
        var text = "asset_id,community,kind,name,location,area,registered_on\n"
        for index in 0..<200 { text += "P-\(index),C-1,parking,Space \(index),North,12,2024-03-01\n" }
        text += "P-X,C-1,车位,地下车位,北,12,2024-03-01\n"
        let bytes = try #require(TextEncoder.gb18030(text))
        #expect(bytes.count > 4096 + 10)
        let result = try Fixture.run(bytes, chunkSize: 1000)
        #expect(result.plan.report.file.encoding == "GB18030")
        #expect(result.plan.events.last?.data["name"] == .string("地下车位"))
    }

    @Test func aFileMixingUTF8AndGB18030IsRefused() throws {
        var bytes = Array(Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01").utf8)
        bytes += try #require(TextEncoder.gb18030("A-2,C-1,车位,车位2,东,12,2024-03-01\n"))
        let error = #expect(throws: ImportError.self) { try Fixture.run(bytes) }
        #expect(error?.description == "register.csv: row 3, column C \"类型\": the bytes b3b5cebb are not UTF-8, but the file's other text is UTF-8, so the file mixes two encodings. Fix that cell and save the file again as \"CSV UTF-8\"; or pass --encoding utf8 to list every such cell, or --encoding gb18030 if the file really is GB18030.")
    }

    @Test func invalidBytesInAUTF8FileWithBOMAreARowProblem() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.register("A-1,C-1,车位,车位1,东,12,2024-03-01").utf8)
        bytes += Array("A-2,C-1,车位,车".utf8) + [0xFF] + Array(",东,12,2024-03-01\n".utf8)
        let result = try Fixture.run(bytes)
        #expect(result.plan.report.problems.map(\.description) == [
            "register.csv: row 3, column D \"名称\": has bytes that are not valid UTF-8 (ff at byte 4 of the cell). Retype the cell and save the file again. If the file is GB18030/GBK (Excel's default \"CSV\" in Chinese Windows), pass --encoding gb18030.",
        ])
    }

    @Test func excelDatesOption() throws {
        let result = try Fixture.run(Self.register("A-1,C-1,车位,车位1,东,12,45352"), options: Fixture.options { $0.excelDates = true })
        #expect(result.plan.events[1].data["registered_on"] == .string("2024-03-01"))
        #expect(result.plan.events[1].occurredOn.description == "2024-03-01")
    }

    @Test func registeredOnOptionStandsInForAMissingColumn() throws {
        let options = Fixture.options { $0.registeredOn = CalendarDate(year: 2024, month: 5, day: 1) }
        let result = try Fixture.run("编号,小区,类型,名称,位置,面积\nA-1,C-1,车位,车位1,东,12\n", options: options)
        #expect(result.plan.events[1].data["registered_on"] == .string("2024-05-01"))
    }
}

extension String {
    /// Test shorthand: drops the first data row of `register(…)`, which is there only to give the header company.
    func replacingFirstDataRow() -> String {
        var lines = components(separatedBy: "\n")
        lines.remove(at: 1)
        return lines.joined(separator: "\n")
    }
}

/// Findings for the register importer.
@Suite struct RegisterImporterEdgeTests {
    /// A UTF-8 register (English headings) with one cell typed in GBK must not be read as GB18030 as a whole:
    /// every UTF-8 Chinese cell would silently become mojibake. It is refused as a mixed file instead.
    @Test func utf8FileWithOneGBKCellIsNotDecodedAsGB18030() throws {
        var bytes = Array("id,community,kind,name,location,area,registered_on\n".utf8)
        bytes += Array("A-1,C-1,车位,地下车位一号,东门内侧,12.5,2024-03-01\n".utf8)
        bytes += Array("A-2,C-1,地下室,地下车位二号,西门内侧,12.5,2024-03-01\n".utf8)
        bytes += Array("A-3,C-1,".utf8) + [0xB3, 0xB5, 0xCE, 0xBB] + Array(",车位3,东门,12.5,2024-03-01\n".utf8)  // GBK 车位
        do {
            let result = try Fixture.run(bytes)
            Issue.record("accepted as \(result.encoding) with \(result.plan.report.counts.new) new rows")
        } catch {
            guard case .mixedEncoding = error else { Issue.record("unexpected error \(error)"); return }
        }
    }

    /// A GB18030 file whose text happens to pair up as UTF-8 (很 = BA DC, so BA DC BA DC … is mostly DC BA pairs)
    /// is still GB18030: it decodes as GB18030 throughout.
    @Test func gb18030TextThatLooksLikeUTF8PairsStaysGB18030() throws {
        let text = "id,community,kind,name,location,area,registered_on\nA-1,C-1,车位," + String(repeating: "很", count: 200)
            + ",东门,12.5,2024-03-01\n"
        let result = try Fixture.run(TextEncoder.gb18030(text)!)
        #expect(result.encoding == .gb18030)
        #expect(result.plan.report.counts.new == 1)
    }

    /// Two entries of a mapping file that name the same heading (after normalisation) but different fields are
    /// a contradiction, not a choice to make silently.
    @Test func mappingWithContradictoryHeadingsIsRefused() {
        let text = #"{"columns": {"资产 代码": "id", "资产代码": "name"}}"#
        #expect(throws: ImportError.self) { try ColumnMapping(bytes: Array(text.utf8), fileName: "m.json") }
        let kinds = #"{"kinds": {"机械 车位": "parking", "机械-车位": "roof"}}"#
        #expect(throws: ImportError.self) { try ColumnMapping(bytes: Array(kinds.utf8), fileName: "m.json") }
    }
}

/// Messages quote a GB18030 cell as its characters, not as UTF-8 replacement characters.
@Suite struct ImportMessageTests {
    @Test func strayQuoteInAGB18030FileQuotesTheDecodedValue() throws {
        let text = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-1,车位,车\"位,东门,12,2024-01-01\n"
        let result = try Fixture.run(TextEncoder.gb18030(text)!)
        #expect(result.encoding == .gb18030)
        let messages = result.plan.report.problems.map { "\($0)" }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("\"车\"位\" has a stray quote") == true)
    }
}

/// Line numbers in messages count CR-only line ends inside quoted cells too (Excel's "CSV (Macintosh)").
@Suite struct CSVLineNumberTests {
    @Test func unterminatedQuoteNamesItsLineInACROnlyFile() throws {
        let text = "h1,h2\r\"a\rb\rc\",\"never closed\rmore"
        for chunk in [1, 2, 5, 100] {
            var reader = CSVReader(source: MemoryByteSource(Array(text.utf8), chunkSize: chunk), displayName: "f.csv", delimiter: nil)
            var record = CSVRecord()
            do {
                while try reader.next(into: &record) {}
                Issue.record("no error")
            } catch {
                guard case .unterminatedQuote(_, let row, let column, let line) = error else { Issue.record("\(error)"); continue }
                #expect(row == 2 && column == 1 && line == 4, "chunk \(chunk)")
            }
        }
        // CR LF inside a quoted cell is one line break.
        var reader = CSVReader(source: MemoryByteSource(Array("h\r\n\"a\r\nb\"\r\nc\r\n".utf8), chunkSize: 1), displayName: "f", delimiter: nil)
        var record = CSVRecord()
        var lines: [Int] = []
        while try reader.next(into: &record) { lines.append(record.lineNumber) }
        #expect(lines == [1, 2, 4])
    }
}
