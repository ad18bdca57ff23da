import LedgerEvents
import LedgerImport
import Testing

/// A register's 保修期至 column is the attribute `warranty_end` in ISO form, which FUND-05 reads (review 33, #3):
/// kept under its heading as a free attribute, FUND-05 never saw it.
@Suite("The warranty column of a register")
struct WarrantyColumnTests {
    static func register(_ heading: String, _ cells: String...) -> String {
        (["编号,小区,类型,名称,位置,面积,登记日期," + heading]
            + cells.enumerated().map { "A-\($0.offset + 1),C-1,屋顶,屋顶\($0.offset + 1),5号楼,300,2024-01-01,\($0.element)" })
            .joined(separator: "\n") + "\n"
    }

    static func warranties(_ result: AssetImportResult) -> [String?] {
        result.plan.events.compactMap { event -> AssetRegistered? in
            if case .assetRegistered(let payload)? = event.payload.domain { return payload }
            return nil
        }.map { $0.attributes["warranty_end"] }
    }

    @Test(arguments: ["保修期至", "保修截止日期", "保修到期日", "保修期限至", "warranty_end", "Warranty End"])
    func everyHeadingIsTheWarrantyEnd(_ heading: String) throws {
        let result = try Fixture.run(Array(Self.register(heading, "2026/12/31", "2027-1-5", "2027年3月1日", "").utf8))
        #expect(result.plan.report.problems.isEmpty)
        #expect(Self.warranties(result) == ["2026-12-31", "2027-01-05", "2027-03-01", nil])
    }

    @Test func anExcelSerialIsReadWithExcelDates() throws {
        let text = Array(Self.register("保修期至", "46387").utf8)
        #expect(Self.warranties(try Fixture.run(text, options: Fixture.options { $0.excelDates = true })) == ["2026-12-31"])
        let refused = try Fixture.run(text)
        #expect(refused.plan.report.problems.map(\.column) == [7])
    }

    @Test func aBadDateIsRefusedAtItsCell() throws {
        let result = try Fixture.run(Array(Self.register("保修期至", "2026-02-30", "明年底").utf8))
        #expect(result.plan.report.problems.map(\.row) == [2, 3])
        #expect(result.plan.report.problems.map(\.column) == [7, 7])
        let first = try #require(result.plan.report.problems.first?.description)
        #expect(first.hasPrefix("register.csv: row 2, column H \"保修期至\": \"2026-02-30\" is not a real date"), "\(first)")
    }
}
