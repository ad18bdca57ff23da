import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 48 of session 48's privacy work, through the command line: `--private` commits a person whose value holds
/// an organisation's word inside it (only how a value ends makes an organisation); a name the import's own rows
/// commit is refused in the same file's free text, in the actor and in the file's name (the names were read before
/// the rows committed theirs); `erase-personal` refuses a `--basis` naming the person. Every refusal: exit 2, the
/// ledger unchanged.
@Suite struct Private48ReviewTests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()
    static let spendingHeader = "日期,账户编号,金额,收款方,凭证号,用途,支出类别\n"

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    /// Persons whose value holds an organisation's or a place's word are committed by `--private counterparty`,
    /// never written in clear; a company is written in clear.
    @Test func aPersonWithAnOrganisationsWordInsideIsCommitted() throws {
        let cli = try base.ledger()
        try base.write(cli, "s.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,物业-王强,FP-1,维修,维修\n"
                        + "2025-04-07,F-T,67.00,八大关街道 王强,FP-2,维修,维修\n" + "2025-04-07,F-T,68.00,青岛海港维修有限公司,FP-3,维修,维修\n")
        #expect(cli.run(["import", "spending", "s.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = try logText(cli)
        #expect(!log.contains("王强"), "\(log)")
        #expect(log.contains(#""counterparty":"青岛海港维修有限公司""#), "\(log)")
    }

    /// A first `--private` import: the payer its rows commit, written in clear in a purpose of the same file, in
    /// the actor, or in the file's name, is refused; nothing is written and private/ is left as it was.
    @Test(arguments: ["purpose", "actor", "file"])
    func aNameTheBatchCommitsIsRefusedInClearInTheSameImport(_ place: String) throws {
        let cli = try base.ledger()
        let purpose = place == "purpose" ? "退还王五押金" : "维修"
        let file = place == "file" ? "王五退款.csv" : "s.csv"
        try base.write(cli, file, Self.spendingHeader + "2025-04-07,F-T,66.00,王五,FP-1,\(purpose),维修\n")
        let privateBefore = PosixFile.kind(at: cli.ledgerPath + "/private", followLinks: false)
        let before = try cli.logBytes()
        var arguments = ["import", "spending", file, "--private", "counterparty"]
        if place == "actor" { arguments += ["--actor", "王五"] }
        #expect(cli.run(arguments) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        switch place {
        case "purpose": #expect(out.contains(#"(purpose) holds "王五", a name the ledger keeps only as a private person's"#), "\(out)")
        case "actor": #expect(out.contains(#"--actor "王五" is a name the ledger keeps only as a private person's"#), "\(out)")
        default: #expect(out.contains(#"the file's name "王五退款.csv" holds "王五""#), "\(out)")
        }
        #expect(try cli.logBytes() == before)
        let privateAfter = PosixFile.kind(at: cli.ledgerPath + "/private", followLinks: false)
        #expect(privateAfter == privateBefore || privateAfter == .directory && (try? FileManager.default.contentsOfDirectory(atPath: cli.ledgerPath + "/private"))?.isEmpty == true)
    }

    /// `--basis` naming the person erased, or another kept person, is refused: the erasure record keeps it for ever.
    @Test(arguments: ["张伟依《个人信息保护法》第四十七条申请", "本人与王五同户，依《个人信息保护法》第四十七条"])
    func aBasisNamingAKeptPersonIsRefused(_ basis: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟") + Base.contract("K-Q", tenant: "王五", parts: "A-T2", end: "2025/5/31"))
        #expect(cli.run(["import", "contracts", "k.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(cli.run(["erase-personal", "--subject", "张伟", "--reason", "本人申请", "--basis", basis]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(basis.hasPrefix("张伟") ? "--basis names the person being erased" : #"--basis holds "王五""#), "\(out)")
        #expect(try cli.logBytes() == before)
    }
}
