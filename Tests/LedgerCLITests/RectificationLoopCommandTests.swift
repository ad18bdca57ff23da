import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The rectification loop end to end (issue 14): `rectify --issue` writes the event of testdata/loop, an issued
/// list is made again byte for byte from `--at-seq`, the 整改台账 in every format, and the loop's events refused when
/// they name what does not exist.
@Suite struct RectificationLoopCommandTests {
    static let loop = SampleRecords.packageRoot + "/testdata/loop"
    static let golden = SampleRecords.packageRoot + "/Tests/LedgerCLITests/Golden"
    /// The options the list QF-2026-01 was issued with (README, "Street office's workflow").
    static let issueOptions = ["rectify", "--as-of", "2025-12-31", "--community", "C-QF", "--prepared-on", "2026-01-05",
                               "--format", "html"]

    /// The sample ledger, with the loop's files appended when `withLoop`.
    static func ledger(withLoop: Bool) throws -> CLIHarness {
        // The sample as `ledger demo` builds it (its actor and recording times), so the lists are the demo's.
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "sample-ledger"]) == 0)
        let directory = SampleRecords.packageRoot + "/testdata/sample"
        let epoch = Timestamp(rfc3339: "2025-12-31T16:00:00Z")!.secondsSinceEpoch
        for (index, file) in try FileManager.default.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".jsonl") }).sorted().enumerated() {
            let time = Timestamp(secondsSinceEpoch: epoch + Int64(index) * 60).description
            #expect(cli.run(["append", "--file", directory + "/" + file, "--actor", "sample-clerk", "--recorded-at", time]) == 0,
                    "\(file): \(cli.stderr)")
        }
        guard withLoop else { return cli }
        // The loop happens in 2026 up to March; its batches are recorded on 1 April (a fact after the real tomorrow is
        // refused whatever --recorded-at says), and the other commands keep the harness's clock.
        cli.clock = Timestamp(rfc3339: "2026-04-01T09:00:00Z")!
        for file in ["1-issued.jsonl", "2-rectification.jsonl"] {
            #expect(cli.run(["append", "--file", loop + "/" + file, "--actor", "街道办-李敏"]) == 0, "\(file): \(cli.stderr)")
        }
        cli.clock = Timestamp(rfc3339: "2026-01-05T02:03:04Z")!
        return cli
    }

    static func issuedEvent() throws -> JSONValue {
        let bytes = try PosixFile(path: loop + "/1-issued.jsonl", mode: .read).readAll()
        return try JSONParser.parse(Array(bytes.split(separator: 0x0A).first!))
    }

    /// `--issue` writes exactly testdata/loop/1-issued.jsonl (re-recorded with RECORD_GOLDEN=1 when the list changes).
    @Test func issuingWritesTheSampleEvent() throws {
        let cli = try Self.ledger(withLoop: false)
        let out = cli.temp.path + "/qf.html", event = cli.temp.path + "/issued.jsonl"
        #expect(cli.run(Self.issueOptions + ["--out", out, "--issue", "QF-2026-01", "--issue-out", event]) == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains("list QF-2026-01 issues 12 findings to C-QF"))
        let written = try PosixFile(path: event, mode: .read).readAll()
        Golden.expect(written, path: Self.loop + "/1-issued.jsonl")
        let digest = SHA256.digest(try PosixFile(path: out, mode: .read).readAll()).hex
        #expect(try JSONParser.parse(written)["data"]?["report_sha256"]?.stringValue == digest)
    }

    /// The list issued is made again from the ledger as it stood (`--at-seq`), byte for byte: its SHA-256 is the
    /// one the event recorded, although the loop's later records are in the ledger now.
    @Test func anIssuedListIsMadeAgainByteForByte() throws {
        let cli = try Self.ledger(withLoop: true)
        let data = try #require(try Self.issuedEvent()["data"])
        let atSeq = try #require(data["at_seq"]?.integerValue)
        let out = cli.temp.path + "/again.html"
        #expect(cli.run(["rectify", "--at-seq", String(atSeq), "--as-of", data["as_of"]!.stringValue!, "--community", "C-QF",
                         "--prepared-on", data["prepared_on"]!.stringValue!, "--format", data["report_format"]!.stringValue!,
                         "--lang", data["report_lang"]!.stringValue!, "--out", out]) == 0, "\(cli.stderr)")
        #expect(SHA256.digest(try PosixFile(path: out, mode: .read).readAll()).hex == data["report_sha256"]?.stringValue)
        // Without --at-seq the loop's records change the list (record count, statuses).
        #expect(cli.run(Self.issueOptions + ["--out", out]) == 0)
        #expect(SHA256.digest(try PosixFile(path: out, mode: .read).readAll()).hex != data["report_sha256"]?.stringValue)
        #expect(cli.run(["rectify", "--at-seq", "999"]) == 2)
        #expect(cli.stderr.contains("--at-seq 999 is beyond the ledger's last record"))
    }

    /// A list cut down by `--status` or `--overdue` says so in every format (its counts are of what it shows),
    /// and a list issued with `--status` is made again, byte for byte, with the options it names.
    @Test func aFilteredListNamesItsFilterAndIsMadeAgain() throws {
        let cli = try Self.ledger(withLoop: true)
        let base = ["rectify", "--as-of", "2026-03-31", "--community", "C-QF"]
        #expect(cli.run(base + ["--status", "overdue,rejected", "--overdue"]) == 0)
        #expect(cli.stdout.contains("筛选") && cli.stdout.contains("逾期、复核未通过、仅逾期"), "\(cli.stdout.prefix(800))")
        #expect(cli.run(base + ["--overdue", "--lang", "en", "--format", "md"]) == 0)
        #expect(cli.stdout.contains("| Filter | overdue only |"), "\(cli.stdout.prefix(800))")
        #expect(cli.run(base + ["--status", "to_verify", "--format", "html"]) == 0)
        #expect(cli.stdout.contains("筛选") && cli.stdout.contains("待复核"))
        #expect(cli.run(base + ["--status", "to_verify", "--format", "json"]) == 0)
        let filter = try JSONParser.parse(cli.stdout)["filter"]
        #expect(filter?["statuses"]?.arrayValue?.map(\.stringValue) == ["to_verify"] && filter?["overdue_only"] == .bool(false))
        #expect(cli.run(base) == 0)
        #expect(!cli.stdout.contains("筛选"))
        // Issue the overdue findings again; the list issued is the filtered one, and the options it names make it again.
        let out = cli.temp.path + "/again.html", event = cli.temp.path + "/l2.jsonl"
        let issue = ["--prepared-on", "2026-04-01", "--status", "overdue", "--format", "html", "--out", out]
        // Issued on 1 April, that day (a list dated after today is refused: review 44d #8).
        cli.clock = Timestamp(rfc3339: "2026-04-01T09:00:00Z")!
        #expect(cli.run(base + issue + ["--issue", "QF-2026-02", "--issue-out", event]) == 0, "\(cli.stderr)")
        let data = try #require(try JSONParser.parse(try PosixFile(path: event, mode: .read).readAll())["data"])
        let made = cli.temp.path + "/made.html"
        #expect(cli.run(["rectify", "--at-seq", String(data["at_seq"]!.integerValue!), "--as-of", data["as_of"]!.stringValue!,
                         "--community", "C-QF", "--prepared-on", data["prepared_on"]!.stringValue!, "--format", "html",
                         "--status", "overdue", "--out", made]) == 0)
        #expect(SHA256.digest(try PosixFile(path: made, mode: .read).readAll()).hex == data["report_sha256"]?.stringValue)
    }

    /// The English list words the issued keys it no longer finds in English too (no Chinese brackets).
    @Test(arguments: ["table", "md", "html"])
    func theEnglishListNamesTheIssuingListInEnglish(_ format: String) throws {
        let cli = try Self.ledger(withLoop: true)
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--lang", "en", "--format", format]) == 0)
        #expect(cli.stdout.contains("QF-2026-01 (2026-01-05)"))
        #expect(!cli.stdout.contains("QF-2026-01（"))
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--format", format]) == 0)
        #expect(cli.stdout.contains("QF-2026-01（2026年1月5日）"))
    }

    /// The walk of testdata/loop as of 2026-03-31: every status of the loop.
    @Test func statusesOfTheWalk() throws {
        let cli = try Self.ledger(withLoop: true)
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--ledger-book", "--format", "json"]) == 0)
        let entries = try #require(try JSONParser.parse(cli.stdout)["entries"]?.arrayValue)
        var status: [String: String] = [:]
        for e in entries { status[e["key"]!.stringValue!] = e["status"]!.stringValue! }
        #expect(status["OCC-01/A-QF-COR/O-QF-COR/2025-03-10"] == "closed")
        #expect(status["OCC-02/A-QF-P01/ev-0068/2025-06-15"] == "closed")
        #expect(status["OCC-02/A-QF-P01/qf-l1-13/2026-03-10"] == "recurring")
        #expect(status["CON-07/K-QF-BSMT"] == "reported")           // rejected, then reported again
        #expect(status["FUND-07/F-QF-PI/2025-03-31"] == "rejected")
        #expect(status["CON-07/K-QF-AD1"] == "overdue")
        #expect(status["CON-01/K-QF-AD1/2024-06-25"] == "issued")   // extended to 2026-04-30
        #expect(status["FUND-08/F-QF-MF/2024-07-06"] == "to_verify") // disclosed late, not yet re-checked
        let total = try #require(try JSONParser.parse(cli.stdout)["summary"]?["total"])
        #expect(total["issued"]?.integerValue == 12 && total["closed"]?.integerValue == 2)
        #expect(total["completion_percent"]?.stringValue == "16.66")
        // The filters.
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--overdue", "--format", "json"]) == 0)
        let overdue = try #require(try JSONParser.parse(cli.stdout)["findings"]?.arrayValue).map { $0["key"]!.stringValue! }
        #expect(Set(overdue) == ["CON-07/K-QF-AD1", "CON-02/K-QF-BSMT/2024-04-25", "FUND-07/F-QF-PI/2025-03-31",
                                 "IDLE-01/A-QF-AD1", "FUND-08/F-QF-PI/2024-04-06", "FUND-11/F-QF-MF/2025-01-16"])
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--status", "已销号", "--format", "json"]) == 0)
        let parsed = try JSONParser.parse(cli.stdout)
        #expect(parsed["findings"]?.arrayValue?.isEmpty == true)
        #expect(parsed["issued_not_found"]?.arrayValue?.count == 2)
        // The summary for reporting upward, beside the flat CSV.
        let meta = cli.temp.path + "/meta.csv", book = cli.temp.path + "/book.csv"
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--street", "八大关街道", "--ledger-book", "--format", "csv",
                         "--out", book, "--meta", meta]) == 0)
        let summary = String(decoding: try PosixFile(path: meta, mode: .read).readAll(), as: UTF8.self)
        #expect(summary.contains("完成率") && summary.contains("C-QF 青枫苑,0,0,1,5,1,1,2,0,1,0,2,13,12,2,6,16.66%"), "\(summary)")
        // 21 since session 47: the roof of C-HY is no longer idle under the default kinds (review 46a #9).
        #expect(cli.stderr.contains("rectify: 21 entries as of 2026-03-31 written to"))
        #expect(cli.run(["rectify", "--status", "done"]) == 2)
        #expect(cli.stderr.contains("--status \"done\" is not a rectification status"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let format: String
        let language: String
        var file: String { "ledger-book-C-QF-\(language).\(format == "table" ? "txt" : format)" }
        var testDescription: String { file }
    }

    static let cases: [Case] = ["table", "csv", "json", "md", "html"].flatMap { f in ["zh", "en"].map { Case(format: f, language: $0) } }

    /// The golden files this suite owns.
    static let goldenFiles = cases.map(\.file) + ["rectify-C-QF-2026-03-31.txt"]
        + ["notice-QF-2026-01-zh.txt", "notice-QF-2026-01-en.txt", "notice-QF-2026-01-zh.html", "notice-QF-2026-01-en.md"]

    /// The 整改台账 of 青枫苑 as of 2026-03-31 in every format and language.
    @Test(arguments: cases)
    func ledgerBookGolden(_ c: Case) throws {
        let cli = try Self.ledger(withLoop: true)
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--prepared-on", "2026-04-01", "--community", "C-QF",
                         "--ledger-book", "--format", c.format, "--lang", c.language]) == 0, "\(cli.stderr)")
        Golden.expect(cli.stdoutBytes, path: Self.golden + "/" + c.file)
    }

    /// Session 36: the closed key OCC-01/A-QF-COR/O-QF-COR, whose part no current finding names, is named by its part
    /// in the 整改台账 — read from `index/rectify.state` (the item kept with the issued list) as from the log's fold.
    @Test func aVanishedKeyIsNamedFromTheStateAsFromTheLog() throws {
        let cli = try Self.ledger(withLoop: true)
        // The whole city's list makes index/rectify.state for the date; the community's 整改台账 then reads it.
        #expect(cli.run(["rectify", "--as-of", "2026-03-31"]) == 0, "\(cli.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.ledgerPath + "/index/rectify.state"))
        let arguments = ["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--ledger-book", "--format", "csv"]
        ScopeIndexCommandTests.expectSame(cli, arguments, "the 整改台账 from the state")
        #expect(cli.run(arguments) == 0)
        #expect(cli.stdout.contains("共有部分 A-QF-COR 2号楼一层走廊，记录 O-QF-COR"), "\(cli.stdout)")
    }

    /// The list as of 2026-03-31 shows each finding's status and the issued keys the rules no longer find.
    @Test func listGolden() throws {
        let cli = try Self.ledger(withLoop: true)
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--prepared-on", "2026-04-01", "--community", "C-QF"]) == 0)
        Golden.expect(cli.stdoutBytes, path: Self.golden + "/rectify-C-QF-2026-03-31.txt")
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let line: String
        let message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "a step of a list that was never issued",
                line: #"{"id":"x1","type":"rectification.verified","occurred_on":"2026-01-06","data":{"list_id":"NO-LIST","keys":["K"],"result":"closed","verified_by":"v"}}"#,
                message: "rectification list \"NO-LIST\" is not registered; record rectification.issued for it first"),
        Refusal(name: "a key the list did not issue",
                line: #"{"id":"x2","type":"rectification.reported","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["OCC-01/A-X/2025-01-01"],"reported_by":"r","measures":"m","evidence":[{"kind":"voucher","ref":"V"}]}}"#,
                message: "\"OCC-01/A-X/2025-01-01\" is not a finding of list QF-2026-01"),
        Refusal(name: "evidence naming an unknown contract",
                line: #"{"id":"x3","type":"rectification.reported","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"reported_by":"r","measures":"m","evidence":[{"kind":"contract","ref":"K-NONE"}]}}"#,
                message: "contract \"K-NONE\" is not registered"),
        Refusal(name: "a list made from a record not yet written",
                line: #"{"id":"x4","type":"rectification.issued","occurred_on":"2026-01-06","data":{"list_id":"L-2","community_id":"C-QF","as_of":"2025-12-31","at_seq":135,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"K","responsible":"r","deadline":"2026-02-01"}]}}"#,
                message: "at_seq\": 135 is not before this record"),
        Refusal(name: "a step naming a list whose key a later list issued again",
                line: #"{"id":"L-2","type":"rectification.issued","occurred_on":"2026-01-05","data":{"list_id":"L-2","community_id":"C-QF","as_of":"2026-01-05","at_seq":134,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"CON-07/K-QF-AD1","responsible":"r","deadline":"2026-02-10"}]}}"#
                    + "\n" + #"{"id":"x6","type":"rectification.reported","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"reported_by":"r","measures":"m","evidence":[{"kind":"voucher","ref":"V"}]}}"#,
                message: "event x6 (rectification.reported): field \"data.keys[0]\": \"CON-07/K-QF-AD1\" was issued again by list L-2 on 2026-01-05 (event L-2 of this batch); name list L-2"),
        Refusal(name: "an extension of a closed finding",
                line: #"{"id":"v7","type":"rectification.verified","occurred_on":"2026-01-05","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"result":"closed","verified_by":"v"}}"#
                    + "\n" + #"{"id":"x7","type":"rectification.extended","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"deadline":"2026-06-30","reason":"r"}}"#,
                message: "event x7 (rectification.extended): field \"data.keys[0]\": \"CON-07/K-QF-AD1\" was closed (销号) on 2026-01-05 (event v7 of this batch); a closed finding has no deadline to extend — issue it again in a new list to reopen it"),
        Refusal(name: "a finding of another community",
                line: #"{"id":"L-3","type":"rectification.issued","occurred_on":"2026-01-05","data":{"list_id":"L-3","community_id":"C-QF","as_of":"2026-01-05","at_seq":134,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"FUND-01/F-HY-PI/ev-0051/2024-12-20","responsible":"r","deadline":"2026-02-10"}]}}"#,
                message: "field \"data.items[0].key\": \"FUND-01/F-HY-PI/ev-0051/2024-12-20\" is about fund F-HY-PI of community C-HY, not C-QF; issue it in a list for C-HY"),
        // Review 39b: a key edited in by hand that no list could have made is refused, naming the key and the list.
        Refusal(name: "a key whose item the ledger does not hold",
                line: #"{"id":"L-4","type":"rectification.issued","occurred_on":"2026-01-05","data":{"list_id":"L-4","community_id":"C-QF","as_of":"2026-01-05","at_seq":134,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"OCC-01/A-QF-CORR/O-QF-COR/2025-03-10","responsible":"r","deadline":"2026-02-10"}]}}"#,
                message: "field \"data.items[0].key\": \"OCC-01/A-QF-CORR/O-QF-COR/2025-03-10\" is not a finding of list L-4: the ledger holds no part, contract, fund or decision A-QF-CORR; a list names only the problems it found, so copy the key from the list (its 问题编号 column), or make the list again with `ledger rectify --issue`"),
        Refusal(name: "a key of no rule",
                line: #"{"id":"L-5","type":"rectification.issued","occurred_on":"2026-01-05","data":{"list_id":"L-5","community_id":"C-QF","as_of":"2026-01-05","at_seq":134,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"CON-07/K-QF-AD1","responsible":"r","deadline":"2026-02-10"},{"key":"OCC-09/A-QF-COR/O-QF-COR/2025-03-10","responsible":"r","deadline":"2026-02-10"}]}}"#,
                message: "field \"data.items[1].key\": \"OCC-09/A-QF-COR/O-QF-COR/2025-03-10\" is not a finding of list L-5: \"OCC-09\" is no rule's code (OCC-01 … FUND-11, docs/rules.md)"),
        // Review 44a #2: a key's date slipped by hand past the list's check date names no finding of the list.
        Refusal(name: "a key dated after the list's check date",
                line: #"{"id":"L-6","type":"rectification.issued","occurred_on":"2026-01-05","data":{"list_id":"L-6","community_id":"C-QF","as_of":"2026-01-05","at_seq":134,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"OCC-01/A-QF-COR/O-QF-COR/2026-01-06","responsible":"r","deadline":"2026-02-10"}]}}"#,
                message: "field \"data.items[0].key\": \"OCC-01/A-QF-COR/O-QF-COR/2026-01-06\" is not a finding of list L-6: it names a problem beginning on 2026-01-06, after the list's check date (as_of) 2026-01-05"),
        // Review 44a #7: a step dated before its list was issued is told to change its own date, not to register the list.
        Refusal(name: "a report dated before its list was issued",
                line: #"{"id":"x8","type":"rectification.reported","occurred_on":"2025-12-31","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"reported_by":"r","measures":"m","evidence":[{"kind":"voucher","ref":"V"}]}}"#,
                message: "rectification list \"QF-2026-01\" was issued on 2026-01-05 (record seq 134), after this event's date 2025-12-31; a report, re-check or extension of it is dated on or after its issue: date this event on or after 2026-01-05"),
        Refusal(name: "a second list with the same id",
                line: #"{"id":"x5","type":"rectification.issued","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","community_id":"C-QF","as_of":"2025-12-31","at_seq":133,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2026-01-05","items":[{"key":"K","responsible":"r","deadline":"2026-02-01"}]}}"#,
                message: "rectification list \"QF-2026-01\" already exists"),
    ]

    /// The loop's events are checked against the ledger like every domain event; a refused batch leaves it as it was.
    @Test(arguments: refusals)
    func refusesReferencesThatDoNotHold(_ r: Refusal) throws {
        let cli = try Self.ledger(withLoop: false)
        // The steps are dated 6 January, the day after the list: the 6th in Beijing (append refuses a later day).
        cli.clock = Timestamp(rfc3339: "2026-01-06T02:03:04Z")!
        #expect(cli.run(["append", "--file", Self.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: r.line + "\n") == 2)
        #expect(cli.stderr.contains(r.message), "\(cli.stderr)")
        #expect(cli.run(["verify"]) == 0 && cli.stdout.contains("records: 134"))
    }

    /// Review 39b: a closure dated before a report already recorded was accepted (the report, folded after it, then
    /// read as a step after 销号, which rule 8 refuses), while the same steps appended in date order were refused.
    /// Rule 10: the batch must not make a recorded fact invalid. Dated on or after the report, the closure stands.
    @Test func aClosureDatedBeforeARecordedStepIsRefused() throws {
        let cli = try Self.ledger(withLoop: false)
        // The report is dated 6 January, the day after the list: the 6th in Beijing (append refuses a later day).
        cli.clock = Timestamp(rfc3339: "2026-01-06T02:03:04Z")!
        #expect(cli.run(["append", "--file", Self.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        let report = #"{"id":"r1","type":"rectification.reported","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"reported_by":"r","measures":"m","evidence":[{"kind":"voucher","ref":"V"}]}}"#
        #expect(cli.run(["append"], stdin: report + "\n") == 0, "\(cli.stderr)")
        for (id, date, step) in [("v1", "2026-01-05", "closed"), ("v2", "2026-01-05", "rejected")] {
            let line = #"{"id":"\#(id)","type":"rectification.verified","occurred_on":"\#(date)","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"result":"\#(step)",\#(step == "closed" ? "" : #""reason":"r","#)"verified_by":"v"}}"#
            let status = cli.run(["append"], stdin: line + "\n")
            if step == "closed" {
                #expect(status == 2)
                // Review 39: the closure is the batch's, so it is to be dated, not corrected.
                #expect(cli.stderr.contains("would be closed (销号) on 2026-01-05 by event v1 of this batch, before the recorded report or re-check of 2026-01-06")
                        && cli.stderr.contains("date the closure on or after 2026-01-06") && !cli.stderr.contains("correct the closure"), "\(cli.stderr)")
                #expect(cli.run(["verify"]) == 0 && cli.stdout.contains("records: 135"))
            } else {
                // A re-check that does not close leaves the later report valid.
                #expect(status == 0, "\(cli.stderr)")
            }
        }
        let closure = #"{"id":"v3","type":"rectification.verified","occurred_on":"2026-01-06","data":{"list_id":"QF-2026-01","keys":["CON-07/K-QF-AD1"],"result":"closed","verified_by":"v"}}"#
        #expect(cli.run(["append"], stdin: closure + "\n") == 0, "\(cli.stderr)")
    }

    @Test func issueNeedsACommunityAFileAndAnEventFile() throws {
        let cli = try Self.ledger(withLoop: false)
        #expect(cli.run(["rectify", "--issue", "L-1", "--out", "x.html", "--issue-out", "e.jsonl"]) == 2)
        #expect(cli.stderr.contains("--issue needs --community ID"))
        #expect(cli.run(["rectify", "--issue", "L-1", "--community", "C-QF", "--issue-out", "e.jsonl"]) == 2)
        #expect(cli.stderr.contains("--issue needs --out FILE"))
        #expect(cli.run(["rectify", "--issue", "L 1", "--community", "C-QF", "--out", "x.html", "--issue-out", "e.jsonl"]) == 2)
        #expect(cli.run(["rectify", "--issue-out", "e.jsonl"]) == 2)
        #expect(cli.stderr.contains("--issue-out is used with --issue LIST-ID"))
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-QF", "--out", "x.html", "--issue", "L-1",
                         "--issue-out", "x.html"]) == 2)
        #expect(cli.stderr.contains("is the --out file"))
    }
}
