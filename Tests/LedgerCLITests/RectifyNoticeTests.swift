import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The 交办通知 handed over with an issued list (review 42e: the list issued reads 尚未交办 and 交办时确定, as its
/// digest must stay what `--at-seq` remakes): `rectify --issue --notice-out` writes it from the event it writes, and
/// `rectify --notice LIST-ID` makes it from the event in the log, the same bytes at any record after it.
@Suite struct RectifyNoticeTests {
    static let golden = RectificationLoopCommandTests.golden
    static let issue = RectificationLoopCommandTests.issueOptions

    static func read(_ path: String) throws -> [UInt8] { try PosixFile(path: path, mode: .read).readAll() }

    /// The notice written with the list, in Chinese and English text and HTML: golden, naming the list's number,
    /// the street office, the day, each finding's party and deadline and the list's digest — and the same bytes as
    /// `--notice` makes from the log once the event is appended, at its record and at every later one.
    @Test(arguments: [("table", "zh", "notice-QF-2026-01-zh.txt"), ("table", "en", "notice-QF-2026-01-en.txt"),
                      ("html", "zh", "notice-QF-2026-01-zh.html"), ("md", "en", "notice-QF-2026-01-en.md")])
    func theNoticeIsWrittenWithTheListAndMadeAgainFromTheLog(_ format: String, _ lang: String, _ name: String) throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        let out = cli.temp.path + "/qf.html", event = cli.temp.path + "/issued.jsonl", notice = cli.temp.path + "/notice"
        // The list as issued in the sample (html, zh): its event is testdata/loop/1-issued.jsonl whatever the notice's form.
        let options = Self.issue.filter { $0 != "--format" && $0 != "html" }
        #expect(cli.run(options + ["--format", "html", "--out", out, "--issue", "QF-2026-01", "--issue-out", event]) == 0, "\(cli.stderr)")
        let written = try Self.read(event)
        Golden.expect(written, path: RectificationLoopCommandTests.loop + "/1-issued.jsonl")
        // The notice's own form: the list is made again with its format, which --notice-out follows.
        #expect(cli.run(options + ["--format", format, "--lang", lang, "--out", out + "." + format, "--issue", "QF-2026-01",
                                   "--issue-out", event + "2", "--notice-out", notice]) == 0, "\(cli.stderr)")
        let bytes = try Self.read(notice)
        Golden.expect(bytes, path: Self.golden + "/" + name)
        let text = String(decoding: bytes, as: UTF8.self)
        let data = try #require(try JSONParser.parse(try Self.read(event + "2"))["data"])
        #expect(text.contains("QF-2026-01"))
        #expect(text.contains(data["report_sha256"]!.stringValue!))
        #expect(text.contains(lang == "zh" ? "八大关街道办事处" : "八大关街道 street office"))
        #expect(text.contains(lang == "zh" ? "2026年2月4日" : "2026-02-04") && text.contains(lang == "zh" ? "2026年3月6日" : "2026-03-06"))
        #expect(text.contains("2号楼102室住户") && text.contains("CON-07/K-QF-AD1"))
        #expect(!text.contains("尚未交办") && !text.contains("交办时确定") && !text.contains("not issued yet"))

        // Appended as written: the notice made from the log is the same bytes, at the event's record and after it.
        cli.clock = Timestamp(rfc3339: "2026-04-01T09:00:00Z")!
        #expect(cli.run(["append", "--file", event + "2", "--actor", "街道办-李敏"]) == 0, "\(cli.stderr)")
        let seq = data["at_seq"]!.integerValue! + 1
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--format", format, "--lang", lang,
                         "--at-seq", String(seq)]) == 0, "\(cli.stderr)")
        #expect(Array(cli.stdout.utf8) == bytes)
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/2-rectification.jsonl"]) == 0, "\(cli.stderr)")
        let again = cli.temp.path + "/again"
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--format", format, "--lang", lang,
                         "--out", again]) == 0, "\(cli.stderr)")
        #expect(try Self.read(again) == bytes)
        // Without index/scopes (the whole log read) and with it: the same.
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--format", format, "--lang", lang]) == 0)
        #expect(Array(cli.stdout.utf8) == bytes)
    }

    /// Every format names the list, the office and each deadline; the CSV's dates are ISO, the JSON's keys codes.
    @Test func everyFormatSaysTheDeadlines() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: true)
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--format", "json"]) == 0, "\(cli.stderr)")
        let json = try JSONParser.parse(cli.stdout)
        #expect(json["list_id"]?.stringValue == "QF-2026-01" && json["issued_by"]?.stringValue == "八大关街道办事处")
        #expect(json["issued_on"]?.stringValue == "2026-01-05" && json["list"]?["at_seq"]?.integerValue == 133)
        let items = try #require(json["items"]?.arrayValue)
        #expect(items.count == 12)  // FUND-11 on F-QF-MF since session 43
        #expect(items.first?["deadline"]?.stringValue == "2026-02-04" && items.first?["responsible"]?.stringValue == "2号楼102室住户")
        #expect(items.first?["rule"]?.stringValue == "OCC-01")
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--format", "csv"]) == 0)
        let early = cli.stdout
        #expect(early.contains("QF-2026-01,八大关街道办事处,C-QF 青枫苑,2026-01-05,1,OCC-01/A-QF-COR/O-QF-COR/2025-03-10"), "\(early.prefix(600))")
        #expect(early.contains(",2026-03-06,"))
        // An extension later (CON-01 to 2026-04-30 on 2026-02-03) does not change the notice: it says what was issued
        // (the 整改台账 says what runs now).
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--ledger-book", "--format", "csv"]) == 0)
        #expect(cli.stdout.contains("2026-04-30"))
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--format", "csv", "--as-of", "2026-03-31"]) == 0)
        #expect(cli.stdout == early)
        #expect(!cli.stdout.contains("2026-04-30"))
    }

    /// What cannot be a notice is refused with what to do, nothing written.
    @Test func refusals() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: true)
        #expect(cli.run(["rectify", "--notice", "QF-2026-09", "--community", "C-QF"]) == 2)
        #expect(cli.stderr.contains("no list of this id was issued") && cli.stderr.contains("QF-2026-01"), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--notice", "QF-2026-09", "--community", "C-QF", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("没有交办过这个编号的清单"), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--notice", "QF-2026-01"]) == 2)
        #expect(cli.stderr.contains("--notice needs --community ID"), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--ledger-book"]) == 2)
        #expect(cli.stderr.contains("leave out --ledger-book"), "\(cli.stderr)")
        // Before the event's record the list was not issued yet.
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--at-seq", "133"]) == 2)
        #expect(cli.stderr.contains("no list of this id was issued in records 1…133"), "\(cli.stderr)")
        // --notice-out belongs to --issue, and is a file of its own.
        #expect(cli.run(["rectify", "--community", "C-QF", "--notice-out", cli.temp.path + "/n.txt"]) == 2)
        #expect(cli.stderr.contains("--notice-out is used with --issue"), "\(cli.stderr)")
        let out = cli.temp.path + "/l.html"
        #expect(cli.run(Self.issue + ["--out", out, "--issue", "QF-2026-05", "--issue-out", cli.temp.path + "/e.jsonl", "--notice-out", out]) == 2)
        #expect(cli.stderr.contains("is the --out file"), "\(cli.stderr)")
    }
}
