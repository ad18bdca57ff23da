import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerPublication
import LedgerTestSupport
import Testing

/// Headless Chromium on the local machine, with every network route closed.
enum Chromium {
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: given) { return given }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin", "/snap/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
                return directory + "/" + name
            }
        }
        return nil
    }()

    static let missing = "chromium is not installed, so the published page is not checked in a browser here (apt-get install chromium fonts-noto-cjk, or set CHROMIUM=/path/to/chromium); .ci/run installs it"

    /// The DOM of `file` after its scripts ran (`--dump-dom` with a virtual time budget), or nil on a timeout.
    static func dumpDOM(_ file: String, fragment: String = "") throws -> String {
        let profile = TemporaryDirectory("chromium-profile")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-sync",
                             "--disable-background-networking", "--disable-component-update", "--proxy-server=127.0.0.1:9",
                             "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile.path,
                             "--virtual-time-budget=15000", "--dump-dom", "file://" + file + fragment]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: deadline)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    /// The attributes of every start tag of `name` in `dom` (serialised by Chromium with double quotes).
    static func tags(_ name: String, in dom: String) -> [[String: String]] {
        let tag = try! NSRegularExpression(pattern: "<\(name)( [^>]*)?>")
        let attribute = try! NSRegularExpression(pattern: "([a-z-]+)(?:=\"([^\"]*)\")?")
        return tag.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map { match in
            guard let range = Range(match.range(at: 1), in: dom) else { return [:] }
            let text = String(dom[range])
            var out: [String: String] = [:]
            for a in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(a.range(at: 1), in: text)!])
                out[key] = Range(a.range(at: 2), in: text).map { String(text[$0]) } ?? ""
            }
            return out
        }
    }
}

/// The published page in a real browser: untouched, everything is verified (with WebCrypto and with the inline
/// implementations); with an amount, a record, a proof, the root, the signature or the key fingerprint edited, it
/// reports exactly the lines that rest on what was edited, or the checkpoint, as failed.
@Suite(.enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
struct BrowserTests {
    static let fixture = PublicationFixture.shared

    /// A verified row: its identity and result.
    struct Row: Hashable, CustomStringConvertible {
        let id: String
        let result: String
        var description: String { "\(id)=\(result)" }
    }

    static func rows(_ dom: String) -> [Row] {
        Chromium.tags("tr", in: dom).filter { $0["data-row"] != nil }.map { a in
            Row(id: [a["data-row"], a["data-seq"], a["data-fund"], a["data-side"]].compactMap { $0 }.joined(separator: "/"),
                result: a["data-result"] ?? "none")
        }
    }

    static func checkpointResult(_ dom: String) -> String? { Chromium.tags("table", in: dom).first { $0["id"] == "checkpoint-row" }?["data-result"] }
    static func summaryResult(_ dom: String) -> String? { Chromium.tags("div", in: dom).first { $0["id"] == "summary" }?["data-result"] }

    /// The rows that rest on record `seq`: those citing it, and the totals of the funds whose movements cite it.
    static func dependents(of seq: Int64, in page: String) -> Set<String> {
        let tags = Chromium.tags("tr", in: page).filter { $0["data-row"] != nil }
        var ids: Set<String> = []
        var funds: Set<String> = []
        for a in tags {
            let seqs = (a["data-seq"] ?? "").split(separator: " ").map { Int64($0)! }
            guard seqs.contains(seq) || a["data-replaces"] == String(seq) else { continue }
            ids.insert([a["data-row"], a["data-seq"], a["data-fund"], a["data-side"]].compactMap { $0 }.joined(separator: "/"))
            if a["data-row"] == "movement", let fund = a["data-fund"] { funds.insert(fund) }
        }
        for fund in funds { ids.insert("fund/" + fund) }
        return ids
    }

    /// One page to open and what it must report.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let fragment: String
        /// Edits the page's HTML; returns nil when the edit is not possible (a broken test).
        let edit: @Sendable (String) -> String?
        /// Expected checkpoint result and the rows that must fail (every other row must be ok), or nil for "every
        /// row is not ok" (a failed checkpoint leaves nothing verified).
        let checkpoint: String
        let failing: (@Sendable (String) -> Set<String>)?
        var testDescription: String { name }
    }

    /// Replaces the only occurrence of `old` inside the table row whose start tag contains `rowMarker`.
    static func editRow(_ page: String, rowMarker: String, _ old: String, _ new: String) -> String? {
        guard let start = page.range(of: rowMarker), let end = page.range(of: "</tr>", range: start.upperBound..<page.endIndex) else { return nil }
        let row = String(page[start.lowerBound..<end.upperBound])
        guard row.components(separatedBy: old).count == 2 else { return nil }
        return page.replacingCharacters(in: start.lowerBound..<end.upperBound, with: row.replacingOccurrences(of: old, with: new))
    }

    /// Replaces `old` where it occurs exactly once in the page.
    static func editOnce(_ page: String, _ old: String, _ new: String) -> String? {
        page.components(separatedBy: old).count == 2 ? page.replacingOccurrences(of: old, with: new) : nil
    }

    /// Flips one hex digit of the first inclusion-proof hash of record `seq` inside the embedded data.
    static func editProof(_ page: String, seq: Int64) -> String? {
        guard let entryEnd = page.range(of: ",\"seq\":\(seq)}"),
              let entryStart = page.range(of: "{\"inclusion_proof\":[\"", options: .backwards, range: page.startIndex..<entryEnd.lowerBound) else { return nil }
        let digit = page.index(entryStart.upperBound, offsetBy: 10)
        let flipped = page[digit] == "0" ? "1" : "0"
        return page.replacingCharacters(in: digit...digit, with: flipped)
    }

    static let rootBase64: String = fixture.text("checkpoint.txt").split(separator: "\n")[2].description
    static let signatureLine: String = fixture.text("checkpoint.txt").split(separator: "\n").first { $0.hasPrefix("— jiedao-test ") }!.description

    static let cases: [Case] = [
        Case(name: "untouched, WebCrypto", fragment: "", edit: { $0 }, checkpoint: "ok", failing: { _ in [] }),
        Case(name: "untouched, inline SHA-256/SHA-512/Ed25519", fragment: "#pure-js", edit: { $0 }, checkpoint: "ok", failing: { _ in [] }),
        Case(name: "a shown amount edited", fragment: "", edit: { editRow($0, rowMarker: "data-seq=\"62\"", ">8,600.00<", ">8,700.00<") },
             checkpoint: "ok", failing: { _ in ["movement/62/F-QF-MF"] }),
        // Several independent edits on one page (one browser start each): every edited row, and only those, fails.
        Case(name: "a spending's purpose (摘要), an income's category, a contract's leased part (部位) and the record numbers shown edited",
             fragment: "",
             edit: { page in
                 editRow(page, rowMarker: "data-seq=\"62\"", ">2号楼二次供水水泵更换<", ">业委会聚餐<")
                     .flatMap { editRow($0, rowMarker: "data-seq=\"40\"", ">广告费<", ">利息<") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"contract\" data-seq=\"29 32 45 49 61 15\"", ">A-QF-BSMT 2号楼地下室<", ">A-QF-ROOF 2号楼地下室<") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"decision\" data-seq=\"27 2\"", ">#27<", ">#28<") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"contract\" data-seq=\"39 40 47 16\"", "收款 #40 #47，", "收款 #40，") }
             }, checkpoint: "ok",
             failing: { _ in ["movement/62/F-QF-MF", "movement/40/F-QF-PI", "contract/29 32 45 49 61 15", "decision/27 2", "contract/39 40 47 16"] }),
        Case(name: "a spending listed twice and a rent payment cited twice, the totals raised to match", fragment: "",
             edit: { page in
                 guard let start = page.range(of: "<tr data-row=\"movement\" data-seq=\"62\""),
                       let end = page.range(of: "</tr>\n", range: start.upperBound..<page.endIndex) else { return nil }
                 let row = String(page[start.lowerBound..<end.upperBound])
                 let twice = page.replacingCharacters(in: start.lowerBound..<end.upperBound, with: row + row)
                 return editRow(twice, rowMarker: "data-row=\"fund\" data-fund=\"F-QF-MF\"", ">8,600.00<", ">17,200.00<")
                     .flatMap { editRow($0, rowMarker: "data-row=\"fund\" data-fund=\"F-QF-MF\"", ">171,400.00<", ">162,800.00<") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"contract\" data-seq=\"29 32 45 49 61 15\"", "data-seq=\"29 32 45 49 61 15\"",
                                        "data-seq=\"29 32 45 49 61 61 15\"") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"contract\" data-seq=\"29 32 45 49 61 61 15\"",
                                        ">60,000.00</td><td class=\"num\" data-f=\"received_period\">60,000.00<",
                                        ">75,000.00</td><td class=\"num\" data-f=\"received_period\">75,000.00<") }
             }, checkpoint: "ok", failing: { _ in ["movement/62/F-QF-MF", "fund/F-QF-MF", "contract/29 32 45 49 61 61 15"] }),
        Case(name: "the period in the data moved, the figures that depend on it edited to match", fragment: "",
             edit: { page in
                 editOnce(page, #""period":{"from":"2024-01-01","#, #""period":{"from":"2025-01-01","#)
                     .flatMap { editRow($0, rowMarker: "data-fund=\"F-QF-MF\"", ">0.00</td><td class=\"num\" data-f=\"income\">180,000.00<",
                                        ">180,000.00</td><td class=\"num\" data-f=\"income\">0.00<") }
                     .flatMap { editRow($0, rowMarker: "data-fund=\"F-QF-PI\"", ">0.00</td><td class=\"num\" data-f=\"income\">66,000.00<",
                                        ">51,000.00</td><td class=\"num\" data-f=\"income\">15,000.00<") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"contract\" data-seq=\"39 40 47 16\"", "received_period\">6,000.00<",
                                        "received_period\">0.00<") }
                     .flatMap { editRow($0, rowMarker: "data-row=\"contract\" data-seq=\"29 32 45 49 61 15\"", "received_period\">60,000.00<",
                                        "received_period\">15,000.00<") }
             }, checkpoint: "ok",
             failing: { _ in ["fund/F-QF-MF", "fund/F-QF-PI", "contract/39 40 47 16", "contract/29 32 45 49 61 15"] }),
        // Review 35d #1: the 业主表决 column is checked against the decision records the page holds.
        Case(name: "a contract's failed vote shown as passed, another's passed vote shown as not yet recorded", fragment: "",
             edit: { page in
                 editRow(page, rowMarker: "data-row=\"contract\" data-seq=\"29 32 45 49 61 15\"", ">D-QF-2024-01 未通过<", ">D-QF-2024-01 通过<")
             }, checkpoint: "ok", failing: { _ in ["contract/29 32 45 49 61 15"] }),
        Case(name: "an amount edited inside its record", fragment: "",
             edit: { editOnce($0, #"\"amount_fen\":860000"#, #"\"amount_fen\":870000"#) },
             checkpoint: "ok", failing: { dependents(of: 62, in: $0) }),
        Case(name: "an inclusion proof edited", fragment: "", edit: { editProof($0, seq: 45) }, checkpoint: "ok",
             failing: { dependents(of: 45, in: $0) }),
        Case(name: "an inclusion proof edited, inline implementations", fragment: "#pure-js", edit: { editProof($0, seq: 29) },
             checkpoint: "ok", failing: { dependents(of: 29, in: $0) }),
        Case(name: "the checkpoint's root edited", fragment: "",
             edit: { editOnce($0, rootBase64, (rootBase64.first == "A" ? "B" : "A") + rootBase64.dropFirst()) }, checkpoint: "fail", failing: nil),
        Case(name: "the office signature edited", fragment: "#pure-js",
             edit: { page in
                 let base64 = signatureLine.dropFirst("— jiedao-test ".count)
                 let i = base64.index(base64.startIndex, offsetBy: 30)
                 let changed = base64.replacingCharacters(in: i...i, with: base64[i] == "A" ? "B" : "A")
                 return editOnce(page, String(base64), changed)
             }, checkpoint: "fail", failing: nil),
        Case(name: "the witness's key listed twice, two witnesses required and shown", fragment: "",
             edit: { page in
                 guard let keys = page.range(of: #""witness_keys":[""#),
                       let end = page.range(of: #""],"witnesses_required":1"#, range: keys.upperBound..<page.endIndex) else { return nil }
                 let key = String(page[keys.upperBound..<end.lowerBound])
                 let shown = page.components(separatedBy: "data-f=\"witnesses\">")[1].components(separatedBy: "<")[0]
                 return editOnce(page, #""witness_keys":[""# + key + #""],"witnesses_required":1"#,
                                 #""witness_keys":[""# + key + #"",""# + key + #""],"witnesses_required":2"#)
                     .flatMap { editOnce($0, "data-f=\"witnesses\">" + shown + "<", "data-f=\"witnesses\">" + shown + "；" + shown + "<") }
             }, checkpoint: "fail", failing: nil),
        Case(name: "the shown witness key fingerprint edited", fragment: "",
             edit: { page in
                 let shown = page.components(separatedBy: "data-f=\"witness_fingerprints\">").dropFirst().first?.components(separatedBy: "<")[0]
                 guard let shown, let last = shown.last else { return nil }
                 return editOnce(page, "data-f=\"witness_fingerprints\">" + shown + "<",
                                 "data-f=\"witness_fingerprints\">" + shown.dropLast() + (last == "0" ? "1" : "0") + "<")
             }, checkpoint: "fail", failing: nil),
        Case(name: "the office key replaced by a small-order point, with the signature that verifies any text under it", fragment: "",
             edit: { page in
                 let key = try! VerifierKey(fileBytes: Array(fixture.text("office.pub").utf8), file: "office.pub")
                 let identity = [UInt8(1)] + [UInt8](repeating: 0, count: 31)
                 let id = NoteKeys.keyID(name: key.name, publicKey: identity)
                 let text = "\(key.name)+\(Hex.encode(id))+\(Base64.encode([1] + identity))"
                 let fingerprint = Hex.encode(Array(SHA256().hash(Array(text.utf8)).bytes.prefix(16)))
                 let grouped = stride(from: 0, to: 32, by: 4).map { i in
                     String(fingerprint[fingerprint.index(fingerprint.startIndex, offsetBy: i)..<fingerprint.index(fingerprint.startIndex, offsetBy: i + 4)])
                 }.joined(separator: " ")
                 let shown = page.components(separatedBy: "data-f=\"fingerprint\">")[1].components(separatedBy: "<")[0]
                 return editOnce(page, #""public_key":""# + key.text + "\"", #""public_key":""# + text + "\"")
                     .flatMap { editOnce($0, String(signatureLine.dropFirst("— jiedao-test ".count)),
                                         Base64.encode(id + identity + [UInt8](repeating: 0, count: 32))) }
                     .flatMap { editOnce($0, "data-f=\"fingerprint\">" + shown + "<", "data-f=\"fingerprint\">" + grouped + "<") }
             }, checkpoint: "fail", failing: nil),
        Case(name: "the shown key fingerprint edited", fragment: "",
             edit: { page in
                 let fingerprint = page.components(separatedBy: "data-f=\"fingerprint\">")[1].prefix(4)
                 return editOnce(page, "data-f=\"fingerprint\">\(fingerprint)", "data-f=\"fingerprint\">\(fingerprint == "0000" ? "1111" : "0000")")
             }, checkpoint: "fail", failing: nil),
    ]

    @Test(arguments: cases)
    func pageReportsExactlyWhatWasEdited(_ c: Case) throws {
        let original = Self.fixture.text("index.html")
        let edited = try #require(c.edit(original), "the edit did not apply; the test's markers no longer match the page")
        let directory = TemporaryDirectory("browser")
        let file = directory.path + "/index.html"
        try PosixFile.writeAtomically(Array(edited.utf8), to: file)
        let dom = try Chromium.dumpDOM(file, fragment: c.fragment)
        let rows = Self.rows(dom)
        try #require(!rows.isEmpty, "the browser returned no page: \(dom.prefix(300))")
        #expect(Self.checkpointResult(dom) == c.checkpoint)
        if let failing = c.failing {
            let expected = failing(original)
            let failed = Set(rows.filter { $0.result != "ok" }.map(\.id))
            #expect(failed == expected, "rows not verified: \(rows.filter { $0.result != "ok" })")
            #expect(rows.allSatisfy { $0.result == "ok" || $0.result == "fail" })
            #expect(Self.summaryResult(dom) == (expected.isEmpty ? "ok" : "fail"))
            if expected.isEmpty {
                // What was checked, and what only the paper notice shows (review 35d #1).
                #expect(dom.contains("✓ 已验证：本页 \(rows.count) 项内容都在街道签名的账本检查点中，没有被改动"))
                #expect(dom.contains("本页不能证明没有删去某一项") && dom.contains("本页项数（\(rows.count) 项）、各资金账户的期末余额、租金欠缴合计"))
            }
        } else {
            #expect(rows.allSatisfy { $0.result != "ok" }, "with a failed checkpoint nothing is verified: \(rows.filter { $0.result == "ok" })")
            #expect(Self.summaryResult(dom) == "fail")
            #expect(dom.contains("✗ 验证失败：检查点未通过验证"))
        }
    }

    /// Review 35d #1: a contract's 业主表决 is checked against the decision records the page holds, for every word
    /// the `contracts` vote can give (seq 134–142 appended to the fixture's 133 records): passed, ratified, short of
    /// 3/4, not covering the contract's part, expired. Shown as authorising where it does not, the row fails.
    @Test func everyVoteWordIsCheckedAgainstTheDecisionRecords() throws {
        let f = Self.fixture
        let directory = TemporaryDirectory("browser-votes")
        let ledger = directory.path + "/ledger"
        try FileManager.default.copyItem(atPath: f.ledger, toPath: ledger)
        let events = [
            #"{"type":"decision.recorded","occurred_on":"2025-02-01","data":{"decision_id":"D-QF-T1","community_id":"C-QF","matter":"change_use_or_operate","participating_area_m2":"22000.00","participating_owners":250,"approving_area_m2":"17000.00","approving_owners":200,"authorises":{"asset_ids":["A-QF-P01"],"purpose":"车位经营"}}}"#,
            #"{"type":"contract.signed","occurred_on":"2025-02-10","data":{"contract_id":"K-QF-T1","community_id":"C-QF","asset_ids":["A-QF-P01"],"counterparty":"青岛甲停车有限公司","purpose":"车位经营","start_on":"2025-03-01","end_on":"2026-02-28","rent_fen":100000,"rent_period":"month","decision_id":"D-QF-T1","payee_fund_id":"F-QF-PI"}}"#,
            #"{"type":"contract.signed","occurred_on":"2025-02-15","data":{"contract_id":"K-QF-T2","community_id":"C-QF","asset_ids":["A-QF-AD1"],"counterparty":"青岛乙广告有限公司","purpose":"户外广告","start_on":"2025-07-01","end_on":"2026-06-30","rent_fen":300000,"rent_period":"quarter","decision_id":"D-QF-T2","payee_fund_id":"F-QF-PI"}}"#,
            #"{"type":"decision.recorded","occurred_on":"2025-03-01","data":{"decision_id":"D-QF-T2","community_id":"C-QF","matter":"change_use_or_operate","participating_area_m2":"22000.00","participating_owners":250,"approving_area_m2":"17000.00","approving_owners":200,"authorises":{"asset_ids":["A-QF-AD1"],"purpose":"户外广告"}}}"#,
            #"{"type":"decision.recorded","occurred_on":"2025-03-05","data":{"decision_id":"D-QF-T3","community_id":"C-QF","matter":"other_major","participating_area_m2":"22000.00","participating_owners":250,"approving_area_m2":"12000.00","approving_owners":140,"authorises":{"asset_ids":["A-QF-BSMT"],"purpose":"其他经营"}}}"#,
            #"{"type":"contract.signed","occurred_on":"2025-03-10","data":{"contract_id":"K-QF-T3","community_id":"C-QF","asset_ids":["A-QF-BSMT"],"counterparty":"青岛丙仓储有限公司","purpose":"仓储","start_on":"2025-04-01","end_on":"2025-12-31","rent_fen":50000,"rent_period":"month","decision_id":"D-QF-T3","payee_fund_id":"F-QF-PI"}}"#,
            #"{"type":"contract.signed","occurred_on":"2025-03-12","data":{"contract_id":"K-QF-T4","community_id":"C-QF","asset_ids":["A-QF-COR"],"counterparty":"青岛丁广告有限公司","purpose":"走廊广告","start_on":"2025-04-01","end_on":"2025-06-30","rent_fen":50000,"rent_period":"month","decision_id":"D-QF-T1","payee_fund_id":"F-QF-PI"}}"#,
            #"{"type":"decision.recorded","occurred_on":"2025-03-13","data":{"decision_id":"D-QF-T4","community_id":"C-QF","matter":"change_use_or_operate","participating_area_m2":"22000.00","participating_owners":250,"approving_area_m2":"17000.00","approving_owners":200,"authorises":{"asset_ids":["A-QF-COR"],"purpose":"走廊"},"valid_until":"2025-03-20"}}"#,
            #"{"type":"contract.signed","occurred_on":"2025-04-01","data":{"contract_id":"K-QF-T5","community_id":"C-QF","asset_ids":["A-QF-COR"],"counterparty":"青岛戊有限公司","purpose":"走廊","start_on":"2025-07-01","end_on":"2025-12-31","rent_fen":50000,"rent_period":"month","decision_id":"D-QF-T4","payee_fund_id":"F-QF-PI"}}"#,
        ]
        try PosixFile.writeAtomically(Array((events.joined(separator: "\n") + "\n").utf8), to: directory.path + "/votes.jsonl")
        f.run(["append", "--file", directory.path + "/votes.jsonl", "--actor", "sample-clerk", "--recorded-at", "2026-01-01T00:00:00Z", "--ledger", ledger])
        f.run(["checkpoint", "--key", f.temp.path + "/sample-key.TEST-ONLY", "--time", "2026-01-05T00:00:00Z",
               "--out", directory.path + "/cp.txt", "--ledger", ledger])
        f.run(["publish", "--community", "C-QF", "--period", "2024-01-01..2025-12-31", "--checkpoint", directory.path + "/cp.txt",
               "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub"), "--out", directory.path + "/pub", "--ledger", ledger])
        let page = String(decoding: try PosixFile(path: directory.path + "/pub/index.html", mode: .read).readAll(), as: UTF8.self)
        for vote in ["D-QF-T1 通过", "D-QF-T2 事后追认", "D-QF-T3 表决通过，但不足以授权经营（第八项须四分之三以上）",
                     "D-QF-T1 表决通过，但未涵盖合同全部共有部分", "D-QF-T4 表决通过，但签约时决定已过有效期"] {
            #expect(page.contains("data-f=\"vote\">\(vote)<"), "the page shows \(vote)")
        }
        let untouched = try Chromium.dumpDOM(directory.path + "/pub/index.html")
        let rows = Self.rows(untouched)
        #expect(rows.count > 30 && rows.allSatisfy { $0.result == "ok" }, "\(rows.filter { $0.result != "ok" })")
        let edited = try #require(Self.editOnce(page, ">D-QF-T2 事后追认<", ">D-QF-T2 通过<")
            .flatMap { Self.editOnce($0, ">D-QF-T3 表决通过，但不足以授权经营（第八项须四分之三以上）<", ">D-QF-T3 通过<") }
            .flatMap { Self.editOnce($0, ">D-QF-T4 表决通过，但签约时决定已过有效期<", ">D-QF-T4 通过<") })
        try PosixFile.writeAtomically(Array(edited.utf8), to: directory.path + "/pub/edited.html")
        let dom = try Chromium.dumpDOM(directory.path + "/pub/edited.html")
        #expect(Set(Self.rows(dom).filter { $0.result != "ok" }.map(\.id)) == ["contract/136 16", "contract/139 15", "contract/142 18"])
        #expect(Self.summaryResult(dom) == "fail")
    }

    /// Review 35d #3: a page whose script was altered is blocked by its Content-Security-Policy; the summary stays on
    /// its first words, which say the page may have been altered and to rely on the paper notice.
    @Test func alteredScriptLeavesTheSummarySayingThePageMayHaveBeenAltered() throws {
        let original = Self.fixture.text("index.html")
        let edited = try #require(Self.editOnce(original, "'use strict';", "'use strict'; "))
        let directory = TemporaryDirectory("browser-script")
        try PosixFile.writeAtomically(Array(edited.utf8), to: directory.path + "/index.html")
        let dom = try Chromium.dumpDOM(directory.path + "/index.html")
        try #require(dom.contains("<h2>怎样核对</h2>"), "the browser returned no page: \(dom.prefix(300))")
        #expect(Self.summaryResult(dom) == "pending")
        #expect(dom.contains("也可能是本页被改动过") && dom.contains("以小区公告栏张贴的纸质公示单为准"))
        #expect(Self.rows(dom).allSatisfy { $0.result == "none" })
    }

    /// ledger-spec.md 14.9 step 3 on the page: a witness cosignature dated before the checkpoint was made, or later
    /// than the reader's clock plus 5 minutes, is not counted. Such lines are signed here with the test witness key
    /// (`witness cosign` refuses to make them) and put into the embedded checkpoint: beside the credible line the
    /// page still verifies and shows the credible time; alone, the checkpoint fails naming the line and why.
    @Test func witnessCosignaturesWithTimesThatAreNotCredibleAreNotCounted() throws {
        let original = Self.fixture.text("index.html")
        let note = Self.fixture.text("checkpoint.txt")
        let body = Array(note[..<note.range(of: "\n\n")!.lowerBound].utf8) + [0x0a]
        let key = try SignerKey(fileBytes: try PosixFile(path: PublicationFixture.testdata("merkle/sample-witness.TEST-ONLY"), mode: .read).readAll(),
                                file: "sample-witness.TEST-ONLY")
        let prefix = "— \(key.name) "
        let credible = try #require(note.split(separator: "\n").first { $0.hasPrefix(prefix) }).dropFirst(prefix.count)
        func payload(_ time: String) -> String {
            let line = String(decoding: Cosignature.sign(body: body, key: key, timestamp: UInt64(Timestamp(rfc3339: time)!.secondsSinceEpoch)).line,
                              as: UTF8.self)
            return String(line.dropFirst(prefix.count).dropLast())
        }
        let early = payload("2026-01-04T23:59:59Z")
        // The browser reads the machine's clock: a year past it is not credible on any machine running this test.
        let future = Timestamp(secondsSinceEpoch: SystemClock.now().seconds + 366 * 86_400).description
        let late = payload(future)
        let directory = TemporaryDirectory("browser-witness-time")
        func check(_ page: String?, _ name: String) throws -> String {
            let page = try #require(page, "the edit did not apply; the test's markers no longer match the page")
            try PosixFile.writeAtomically(Array(page.utf8), to: directory.path + "/" + name)
            let dom = try Chromium.dumpDOM(directory.path + "/" + name)
            try #require(!Self.rows(dom).isEmpty, "the browser returned no page: \(dom.prefix(300))")
            return dom
        }
        // Beside the credible line: counted once, with the credible time shown (the later line does not count).
        let beside = try check(Self.editOnce(original, String(credible) + "\\n", String(credible) + "\\n" + prefix + late + "\\n"), "beside.html")
        #expect(Self.checkpointResult(beside) == "ok")
        #expect(Self.summaryResult(beside) == "ok")
        // Alone: no credible witness, the checkpoint fails and says which lines were not counted and why.
        let alone = try check(Self.editOnce(original, String(credible) + "\\n", early + "\\n" + prefix + late + "\\n"), "alone.html")
        #expect(Self.checkpointResult(alone) == "fail")
        #expect(Self.summaryResult(alone) == "fail")
        #expect(alone.contains("需要 1 个见证单位签名，只有 0 个（见证时间不可信，不予计入：\(key.name) 的见证时间 2026-01-04T23:59:59Z 早于检查点时间；"
                               + "\(key.name) 的见证时间 \(future) 晚于本机当前时间5分钟以上）"), "\(alone)")
    }

    /// A register kept in Excel can hold a line break (CR LF) or a stray control character inside a cell, and a log
    /// written before the door's rules holds such a counterparty; the page shows such characters as U+FFFD (HTML
    /// cannot carry them) and must still verify the untouched line.
    @Test func untouchedLineWithControlCharactersVerifies() throws {
        let f = Self.fixture
        let directory = TemporaryDirectory("browser-controls")
        func run(_ arguments: [String]) throws {
            var err = ""
            let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { _ in }, writeOutBytes: { _ in }, writeErr: { err += $0 },
                               now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" }, stderrIsTerminal: false,
                               currentDirectory: directory.path)
            let status = LedgerCLI.run(arguments: arguments, io: io)
            try #require(status == 0, "ledger \(arguments.joined(separator: " ")): \(err)")
        }
        try run(["init", "--name", "controls", "--ledger", "led"])
        let samples = try FileManager.default.contentsOfDirectory(atPath: PublicationFixture.testdata("sample")).filter { $0.hasSuffix(".jsonl") }.sorted()
        for file in samples { try run(["append", "--file", PublicationFixture.testdata("sample/" + file), "--actor", "clerk", "--ledger", "led"]) }
        let income = #"{"id":"ev-controls-1","type":"fund.income","occurred_on":"2025-03-01","actor":"clerk","data":{"fund_id":"F-QF-PI","amount_fen":100,"counterparty":"青岛\r\n某公司\u0001","voucher":"V\t1","category":"parking"}}"#
        // Written past the door: `ledger append` now refuses such a person's text (EventInput+Names.swift), but a
        // log written before that rule (or an import of an older version) holds it, and its page must still verify.
        let writer = try LogWriter.open(try LedgerDirectory.open(directory.path + "/led"))
        _ = try writer.append([try EventInput.parse(line: Array(income.utf8), source: "controls", lineNumber: 1)],
                              options: AppendOptions(recordedAt: Timestamp(rfc3339: "2026-01-07T00:00:00Z")!, defaultActor: "clerk", makeId: { "gen" }))
        writer.close()
        try run(["checkpoint", "--key", f.temp.path + "/sample-key.TEST-ONLY", "--time", "2026-01-07T00:00:00Z",
                 "--out", "cp.txt", "--ledger", "led"])
        try run(["publish", "--community", "C-QF", "--period", "2024-01-01..2025-12-31", "--checkpoint", "cp.txt",
                 "--pubkey", f.out + "/" + Publication.FileName.publicKey, "--out", "pub", "--ledger", "led"])
        let dom = try Chromium.dumpDOM(directory.path + "/pub/index.html")
        let rows = Self.rows(dom)
        #expect(rows.contains { $0.id.hasPrefix("movement/134/") }, "the line is on the page")
        #expect(rows.allSatisfy { $0.result == "ok" }, "\(rows.filter { $0.result != "ok" })")
        #expect(Self.summaryResult(dom) == "ok")
    }

    /// Cosignature times from the Epoch to 2^63 − 1 (C2SP's limit), including years past 9999 and past what a
    /// JavaScript Date can hold, as `[["seconds", "Swift's text"], …]`.
    static let cosignatureTimeValues: [Int64] = [0, 1_751_889_600, 1_767_657_600, 253_402_300_799, 253_402_300_800, 8_640_000_000_001, Int64.max]
    static var cosignatureTimes: String {
        "[" + cosignatureTimeValues.map { "['\($0)', '\(Timestamp(secondsSinceEpoch: $0))']" }.joined(separator: ", ") + "]"
    }

    /// The inline Ed25519 (and SHA) in the page's script against RFC 8032 section 7.1 tests 1–3 and known
    /// digests, run in the browser; also what the page does when the browser's WebCrypto has Ed25519.
    @Test func inlineCryptoPassesRFC8032VectorsInTheBrowser() throws {
        let directory = TemporaryDirectory("browser")
        let page = """
        <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="summary"></div>
        <script type="application/json" id="publication-data">{"records":[],"witness_keys":[],"public_key":"x","checkpoint":""}</script>
        <script>\(PublicationScript.source)</script>
        <script>
        (async () => {
          const v = globalThis.ledgerVerifier, out = [];
          const vectors = [
            ['d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '', 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
            ['3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72', '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
            ['fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82', '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
          ];
          for (const [pub, msg, sig] of vectors) {
            const p = v.unhex(pub), m = v.unhex(msg), s = v.unhex(sig);
            out.push(await v.ed25519VerifyPure(p, m, s));
            out.push(await v.ed25519Verify(p, m, s));
            const badSig = s.slice(); badSig[17] ^= 4;
            out.push(!(await v.ed25519VerifyPure(p, m, badSig)));
            out.push(!(await v.ed25519VerifyPure(p, v.unhex(msg + '00'), s)));
            const badKey = p.slice(); badKey[3] ^= 1;
            out.push(!(await v.ed25519VerifyPure(badKey, m, s)));
            // S + L verifies mathematically but is not canonical: rejected as RFC 8032 requires.
            let k = 0n; for (let i = 63; i >= 32; i--) k = (k << 8n) | BigInt(s[i]);
            k += (1n << 252n) + 27742317777372353535851937790883648493n;
            const big = s.slice(); for (let i = 32; i < 64; i++) { big[i] = Number(k & 255n); k >>= 8n; }
            out.push(k === 0n && !(await v.ed25519VerifyPure(p, m, big)));
          }
          out.push(v.hex(v.sha256Pure(new TextEncoder().encode('abc'))) === 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
          out.push(v.hex(v.sha256Pure(new Uint8Array(0))) === 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
          out.push(v.hex(v.sha512Pure(new TextEncoder().encode('abc'))) === 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
          const million = new Uint8Array(1000000).fill(97);
          out.push(v.hex(v.sha256Pure(million)) === 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
          // Cosignature times (any u63) written as Swift's Timestamp writes them, so the page's witness line matches.
          for (const [t, text] of \(Self.cosignatureTimes)) out.push(v.isoTime(BigInt(t)) === text);
          document.body.setAttribute('data-vectors', out.map((x) => (x ? '1' : '0')).join(''));
        })();
        </script></body></html>
        """
        try PosixFile.writeAtomically(Array(page.utf8), to: directory.path + "/vectors.html")
        let dom = try Chromium.dumpDOM(directory.path + "/vectors.html")
        let result = Chromium.tags("body", in: dom).first?["data-vectors"]
        #expect(result == String(repeating: "1", count: 22 + Self.cosignatureTimeValues.count),
                "RFC 8032 / SHA / time results (1 = as expected): \(result ?? "none")")
    }
}
