import Foundation
import LedgerCLI
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerPublication
import LedgerTestSupport
import Testing

/// A disclosure of a community whose rent payer is a private person (ledger-spec.md 10.3 and 14.10): by default
/// the page and every file of it withhold the value (（个人信息不公示）) and still verify; with --reveal-persons the
/// page shows it and checks it against the commitment in the record, so an edited name fails; published after the
/// erasure, it shows （已依法删除）.
final class PersonalPublicationFixture: @unchecked Sendable {
    static let shared = PersonalPublicationFixture()

    let temp = TemporaryDirectory("personal-publication")
    var ledger: String { temp.path + "/ledger" }

    static let events = """
    {"id":"c1","type":"community.registered","occurred_on":"2025-01-02","data":{"community_id":"C-1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}
    {"id":"a1","type":"asset.registered","occurred_on":"2025-01-02","data":{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位1","location":"东侧","area_m2":"12.5","registered_on":"2025-01-02","source":{"kind":"manual"}}}
    {"id":"f1","type":"fund.opened","occurred_on":"2025-01-02","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"6230"}}
    {"id":"k1","type":"contract.signed","occurred_on":"2025-02-01","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":{"person":"张三"},"purpose":"停车","start_on":"2025-02-01","end_on":"2026-01-31","rent_fen":30000,"rent_period":"month","payee_fund_id":"F-1"}}
    {"id":"i1","type":"fund.income","occurred_on":"2025-02-02","data":{"fund_id":"F-1","amount_fen":30000,"counterparty":{"person":"张三"},"voucher":"SJ-1","category":"parking","source":{"contract_id":"K-1"}}}
    {"id":"i2","type":"fund.income","occurred_on":"2025-02-03","data":{"fund_id":"F-1","amount_fen":20000,"counterparty":"青岛某停车公司","voucher":"SJ-2","category":"parking"}}

    """

    private init() {
        temp.removeAtExit()
        try! FileManager.default.copyItem(atPath: PublicationFixture.testdata("merkle/sample-key.TEST-ONLY"), toPath: temp.path + "/key")
        try! FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temp.path + "/key")
        run(["init", "--name", "haiyun", "--ledger", ledger])
        run(["append", "--actor", "clerk", "--recorded-at", "2025-12-31T00:00:00Z", "--ledger", ledger], stdin: Self.events)
        run(["checkpoint", "--key", temp.path + "/key", "--time", "2026-01-05T00:00:00Z", "--out", temp.path + "/cp.txt", "--ledger", ledger])
        for (name, extra) in [("hidden", [String]()), ("revealed", ["--reveal-persons"])] {
            run(["publish", "--community", "C-1", "--period", "2025-01-01..2025-12-31", "--checkpoint", temp.path + "/cp.txt",
                 "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub"), "--out", temp.path + "/" + name, "--ledger", ledger] + extra)
        }
        run(["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--actor", "dpo", "--ledger", ledger])
        // erase-personal records at the fixture's clock (2026-01-07): a checkpoint cannot be dated before it.
        run(["checkpoint", "--key", temp.path + "/key", "--time", "2026-01-07T00:00:00Z", "--out", temp.path + "/cp2.txt", "--ledger", ledger])
        run(["publish", "--community", "C-1", "--period", "2025-01-01..2025-12-31", "--checkpoint", temp.path + "/cp2.txt",
             "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub"), "--out", temp.path + "/erased", "--ledger", ledger,
             "--reveal-persons"])
    }

    @discardableResult
    func run(_ arguments: [String], stdin: String = "") -> String {
        var out = "", err = ""
        var random = SplitMix64(seed: 7)
        var io = CommandIO(environment: [:], readStandardInput: { Array(stdin.utf8) }, writeOut: { out += $0 },
                           writeOutBytes: { out += String(decoding: $0, as: UTF8.self) }, writeErr: { err += $0 },
                           now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" }, stderrIsTerminal: false,
                           currentDirectory: temp.path)
        io.randomBytes = { (count: Int) throws(FileError) -> [UInt8] in (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
        let status = LedgerCLI.run(arguments: arguments, io: io)
        precondition(status == 0, "ledger \(arguments.joined(separator: " ")) failed (\(status)): \(err)")
        return out
    }

    func text(_ folder: String, _ name: String) -> String {
        String(decoding: try! PosixFile(path: temp.path + "/" + folder + "/" + name, mode: .read).readAll(), as: UTF8.self)
    }
}

@Suite struct PersonalPublicationTests {
    static let f = PersonalPublicationFixture.shared

    @Test func withheldByDefaultRevealedOnRequest() throws {
        for name in [Publication.FileName.page, Publication.FileName.notice, Publication.FileName.data, Publication.FileName.checkpoint] {
            #expect(!Self.f.text("hidden", name).contains("张三"), "hidden/\(name) names the person")
            #expect(!Self.f.text("revealed", name).contains("张三") || name == Publication.FileName.page, "revealed/\(name)")
            #expect(!Self.f.text("erased", name).contains("张三"), "erased/\(name)")
        }
        let hidden = Self.f.text("hidden", Publication.FileName.page)
        #expect(hidden.contains(">（个人信息不公示）</td>") && !hidden.contains("id=\"personal-openings\">"))
        #expect(hidden.contains(">青岛某停车公司</td>"), "a counterparty recorded in clear is shown")
        let revealed = Self.f.text("revealed", Publication.FileName.page)
        #expect(revealed.contains("<td data-f=\"counterparty\">张三</td>"))
        #expect(revealed.contains(#"<script type="application/json" id="personal-openings">{"format":"ledger-personal-openings/v1","openings":[{"commitment":""#))
        let erased = Self.f.text("erased", Publication.FileName.page)
        #expect(erased.contains("<td data-f=\"counterparty\">（已依法删除）</td>") && !erased.contains("id=\"personal-openings\">"))
    }

    /// The data file of every page checks with `ledger check-proof` and with check_audit.py: the commitments are in
    /// the records, the values never are.
    @Test func dataFilesVerifyWithBothCheckers() throws {
        for folder in ["hidden", "revealed", "erased"] {
            let file = Self.f.temp.path + "/" + folder + "/" + Publication.FileName.data
            let out = Self.f.run(["check-proof", file, "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub")])
            #expect(out.hasPrefix("publication: VALID\n"), "\(folder): \(out)")
            if let python = PublicationCheckerTests.python {
                let result = try TestBinaries.run(python, [PublicationFixture.packageRoot + "/testdata/merkle/check_audit.py", "--publication", file,
                                                           "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub")])
                #expect(result.status == 0, "\(folder): \(result.stdout)")
            }
        }
    }
}

/// The same pages in a real browser.
@Suite(.enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
struct PersonalPublicationBrowserTests {
    static let f = PersonalPublicationFixture.shared

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let folder: String
        let edit: @Sendable (String) -> String?
        /// Rows (`data-row/data-seq…`) that must fail; every other row must be verified.
        let failing: Set<String>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "withheld, untouched", folder: "hidden", edit: { $0 }, failing: []),
        Case(name: "withheld, the marker replaced by a name", folder: "hidden",
             edit: { BrowserTests.editRow($0, rowMarker: "data-row=\"movement\" data-seq=\"5\"", ">（个人信息不公示）<", ">李四<") },
             failing: ["movement/5/F-1"]),
        Case(name: "revealed, untouched", folder: "revealed", edit: { $0 }, failing: []),
        Case(name: "revealed, the name shown edited", folder: "revealed",
             edit: { BrowserTests.editRow($0, rowMarker: "data-row=\"movement\" data-seq=\"5\"", ">张三<", ">张四<") },
             failing: ["movement/5/F-1"]),
        Case(name: "revealed, the opening's value and every cell edited to match", folder: "revealed",
             edit: { page in page.replacingOccurrences(of: "张三", with: "张四") },
             failing: ["movement/5/F-1", "contract/4 5 2", "fund/F-1"]),
        Case(name: "published after the erasure", folder: "erased", edit: { $0 }, failing: []),
    ]

    @Test(arguments: cases)
    func pageChecksPersonalValues(_ c: Case) throws {
        let original = Self.f.text(c.folder, Publication.FileName.page)
        let edited = try #require(c.edit(original), "the edit did not apply")
        let directory = TemporaryDirectory("personal-browser")
        try PosixFile.writeAtomically(Array(edited.utf8), to: directory.path + "/index.html")
        let dom = try Chromium.dumpDOM(directory.path + "/index.html")
        let rows = BrowserTests.rows(dom)
        try #require(!rows.isEmpty, "the browser returned no page: \(dom.prefix(300))")
        #expect(BrowserTests.checkpointResult(dom) == "ok")
        let failed = Set(rows.filter { $0.result != "ok" }.map(\.id))
        #expect(failed == c.failing, "rows not verified: \(rows.filter { $0.result != "ok" })")
        #expect(BrowserTests.summaryResult(dom) == (c.failing.isEmpty ? "ok" : "fail"))
        if c.name.contains("opening") { #expect(dom.contains("页面公开的个人信息与记录中的承诺值不符")) }
    }
}
