import LedgerEvents
import LedgerImport
import Testing

/// The reader keeps one array of cells and overwrites it row by row (`AssetImport.run`): a row shorter than the one
/// before must not keep that row's last cells.
@Suite("Rows of different widths")
struct RowWidthTests {
    static let register = """
        编号,小区,类型,名称,位置,面积,登记日期,备注
        R-1,C-1,车位,车位1号,1号楼,12.5,2024-01-01,备注一,多余
        R-2,C-1,车位,车位2号,1号楼,12.5,2024-01-01
        R-3,C-1,车位,车位3号,1号楼,12.5
        R-4,C-1,车位,车位4号,1号楼,12.5,2024-01-02,备注四
        R-5,C-1,车位,车位5号,1号楼,12.5,2024-01-02,

        """

    @Test("a short row reads only its own cells, with every problem where it is")
    func shortRowsReadTheirOwnCells() throws {
        let result = try Fixture.run(Array(Self.register.utf8), options: Fixture.options { $0.allowPartial = true })
        // Row 2: one cell past the last heading; row 4: no date. Rows 3, 5 and 6 are good.
        #expect(result.rejectedRows.map(\.rowNumber) == [2, 4])
        #expect(result.plan.report.problems.map(\.row) == [2, 4])
        #expect(result.plan.report.problems.map(\.column) == [8, 6])
        let registered = result.plan.events.compactMap { event -> AssetRegistered? in
            if case .assetRegistered(let payload)? = event.payload.domain { return payload }
            return nil
        }
        #expect(registered.map(\.assetID) == ["R-2", "R-4", "R-5"])
        // Row 3 has no note cell: the note of row 2 is not its own.
        #expect(registered.map { $0.attributes["note"] } == [nil, "备注四", nil])
        #expect(registered.map(\.registeredOn.description) == ["2024-01-01", "2024-01-02", "2024-01-02"])
    }
}
