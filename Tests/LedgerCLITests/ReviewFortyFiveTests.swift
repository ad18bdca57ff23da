import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 45b (an owners' committee): a decision's 事项 written as a bare number is refused, since the Civil Code and
/// the local regulations number the matters differently; the Civil Code's own 改建、重建 is read.
@Suite struct ReviewFortyFiveTests {
    private let base = ImportCommandTests()

    @Test func aBareMatterNumberIsRefusedAndTheStatutesWordsAreRead() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        let header = CellFormCommandTests.decisionsHeader
        try base.write(cli, "n.csv", header + "D-1,C-1,2024-06-20,5,36000,330,260,㎡,28000\nD-2,C-1,2024-06-20,４,36000,330,260,㎡,28000\n")
        #expect(cli.run(["import", "decisions", "n.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"n.csv: row 2, column D "事项": "5" is only an item number: the Civil Code (article 278) and the local regulations (e.g. Qingdao's article 30) number the matters differently"#), "\(en)")
        #expect(en.contains(#"row 3, column D "事项": "４" is only an item number"#), "\(en)")
        // The allowed words are the short ones the template writes.
        #expect(en.contains("Write one of 议事规则 (rules_of_procedure), 管理规约 (covenant)"), "\(en)")
        #expect(try base.logBytes(cli) == before)
        #expect(cli.run(["import", "decisions", "n.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("只写了事项的序号：民法典第二百七十八条与地方条例（如《青岛市物业管理条例》第三十条）对表决事项的编号不同"),
                "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "ok.csv", header + "D-1,C-1,2024-06-20,改建、重建,36000,330,300,㎡,33000\n")
        #expect(cli.run(["import", "decisions", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try base.logBytes(cli), as: UTF8.self).contains(#""matter":"rebuilding""#))
    }
}
