@testable import LedgerImport
import LedgerTestSupport
import Testing

/// A header of two rows (a heading merged across columns, sub-headings under it: WPS's 登记造册 template): which
/// second rows are sub-headings, and how each column's heading is read (review 45a).
struct SubHeadingsTests {
    static let known: Set<String> = ["编号", "小区", "登记日期", "保修期至", "金额"]
    static func known(_ text: String) -> Bool { known.contains(text) }

    static func headings(_ header: [String], _ below: [String]) -> [String]? {
        SubHeadings.parts(header, below, known: known).map { SubHeadings.read($0, top: header, sub: below, empty: "", join: +) }
    }

    @Test(arguments: [
        // A merged heading over two columns, a heading merged down (blank below).
        (["编号", "小区", "登记信息", ""], ["", "", "登记日期", "保修期至"], ["编号", "小区", "登记日期", "保修期至"] as [String]?),
        // A sub-heading the import does not know, read with its merged heading when that is known.
        (["编号", "登记", ""], ["", "日期", "保修期至"], ["编号", "登记日期", "保修期至"]),
        // Unknown either way: as written.
        (["编号", "位置", ""], ["", "楼栋", "楼层"], ["编号", "楼栋", "楼层"]),
        // A data row: it fills a heading standing alone.
        (["编号", "小区", "登记信息", ""], ["A-1", "C-1", "2024-01-06", "2030-12-31"], nil),
        // Only the merged heading's first column filled: nothing under a blank heading.
        (["编号", "小区", "备注", ""], ["", "", "说明", ""], nil),
        // Numbers and dates are no headings.
        (["编号", "金额", ""], ["", "100", "200"], nil),
        (["编号", "登记信息", ""], ["", "二〇二四年", "2030年"], nil),
        // A header without blank headings has no sub-headings.
        (["编号", "小区"], ["", "甲"], nil),
    ] as [([String], [String], [String]?)])
    func aSecondRowIsReadAsSubHeadingsOnlyUnderMergedHeadings(header: [String], below: [String], expected: [String]?) {
        #expect(Self.headings(header, below) == expected)
    }

    /// A row that fills any column under a heading standing alone is never sub-headings, whatever else it holds.
    @Test func aRowFillingAStandaloneColumnIsData() {
        var random = SplitMix64(seed: 46)
        let words = ["编号", "小区", "登记日期", "保修期至", "名称", "车位", "A-1", "说明"]
        for _ in 0..<2_000 {
            let width = random.int(2...8)
            let header = (0..<width).map { _ in random.int(0...2) == 0 ? "" : words[random.int(0..<words.count)] }
            var below = (0..<width).map { _ in random.int(0...1) == 0 ? "" : words[random.int(0..<words.count)] }
            let standalone = (0..<width).filter { !header[$0].isEmpty && ($0 + 1 == width || !header[$0 + 1].isEmpty) }
            guard let column = standalone.first else { continue }
            below[column] = "车位"
            #expect(Self.headings(header, below) == nil, "\(header) \(below)")
        }
    }
}
