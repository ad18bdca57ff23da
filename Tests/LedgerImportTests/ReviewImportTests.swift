import LedgerEvents
import LedgerImport
import Testing

/// Review findings for the register importer.
@Suite struct ReviewImportTests {
    /// A UTF-8 register (English headings) with one cell typed in GBK must not be read as GB18030 as a whole:
    /// every UTF-8 Chinese cell would silently become mojibake. It is refused as a mixed file instead.
    @Test func utf8FileWithOneGBKCellIsNotDecodedAsGB18030() throws {
        var bytes = Array("id,community,kind,name,location,area,registered_on\n".utf8)
        bytes += Array("A-1,C-1,车位,地下车位一号,东门内侧,12.5,2024-03-01\n".utf8)
        bytes += Array("A-2,C-1,车位,地下车位二号,西门内侧,12.5,2024-03-01\n".utf8)
        bytes += Array("A-3,C-1,".utf8) + [0xB3, 0xB5, 0xCE, 0xBB] + Array(",车位3,东门,12.5,2024-03-01\n".utf8)  // GBK 车位
        do {
            let result = try Fixture.run(bytes)
            Issue.record("accepted as \(result.encoding) with \(result.plan.report.counts.new) new rows")
        } catch {
            guard case .mixedEncoding = error else { Issue.record("unexpected error \(error)"); return }
        }
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
