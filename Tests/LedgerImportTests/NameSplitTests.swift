import LedgerEvents
@testable import LedgerImport
import Testing

/// Review I17 #9: `Cell.textRefusal` refuses a name with a no-break space or a line break inside (`splitInName`),
/// and lets free text, vouchers and values hold them as before.
struct NameSplitTests {
    @Test(arguments: [
        ("某\u{00A0}公司", "no-break space <U+00A0>"),
        ("某\u{202F}公司", "no-break space <U+202F>"),
        ("某\u{2007}公司", "no-break space <U+2007>"),
        ("某公司\n二部", "line break <U+000A>"),
        ("某公司\r\n二部", "line break <U+000D>"),
        ("某公司\u{2028}二部", "line break <U+2028>"),
        ("Zhang\u{0085}San", "line break <U+0085>"),
    ]) func aNameSplitInsideIsRefused(_ text: String, _ said: String) {
        let refusal = Cell.textRefusal(text, role: .name)
        #expect(refusal?.reason.contains(said) == true, "\(refusal?.reason ?? "accepted")")
        #expect(refusal?.why.zh.contains(said.split(separator: " ").last.map(String.init) ?? "") == true, "\(refusal?.why.zh ?? "")")
        #expect(refusal?.advice.zh.isEmpty == false)
    }

    @Test func otherCellsMayHoldThem() {
        #expect(Cell.textRefusal("第一行\n第二行", role: .text) == nil)
        #expect(Cell.textRefusal("东\u{00A0}侧", role: .text) == nil)
        #expect(Cell.textRefusal("王　强 先生", role: .name) == nil)
        #expect(Cell.textRefusal("王强 先生", role: .name) == nil)
        #expect(Cell.textRefusal("某公司\u{00A0}", role: .value) == nil)
    }

    @Test func aRegisterNameWithANoBreakSpaceIsAProblemOfItsCell() throws {
        let csv = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-HY,车位,地面\u{00A0}车位1,东,12,2024-03-01\nA-2,C-HY,车位,\"地面\n车位2\",东,12,2024-03-01\nA-3,C-HY,车位,地面 车位3,东,12,2024-03-01\n"
        let result = try Fixture.run(Array(csv.utf8), existing: MessyCellTests.existing)
        let problems = result.plan.report.problems
        #expect(problems.map(\.row) == [2, 3] && problems.map(\.column) == [3, 3], "\(problems.map(\.description))")
        #expect(problems[0].description.contains("<U+00A0>") && problems[1].description.contains("<U+000A>"), "\(problems.map(\.description))")
        #expect(result.plan.report.counts.new == 1)
    }
}
