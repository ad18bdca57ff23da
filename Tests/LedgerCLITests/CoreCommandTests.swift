import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct CoreCommandTests {
    static let events = """
    {"id":"a1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}
    {"id":"a2","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F1","community_id":"C1","kind":"public_income","account":"6222-01"}}
    {"id":"a3","type":"community.registered","occurred_on":"2024-01-04","data":{"community_id":"C2","name":"山海小区","street":"八大关街道","residents_committee":"山海社区","total_area_m2":"30000.00","total_owners":300}}

    """

    static let extra = #"{"type":"fund.opened","occurred_on":"2024-02-01","data":{"fund_id":"F2","community_id":"C2","kind":"maintenance","account":"6222-02"}}"#

    @Test func initRefusesToOverwrite() {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["init"]) == 2)
        #expect(cli.stderr.contains("already exists and is not empty; `ledger init` never overwrites"))
    }

    /// An `init` killed before it wrote `ledger.json` (the crash test's writer was killed there) left a folder of
    /// its own empty files that every later `init` refused; it is made again. A folder holding anything more — a
    /// record in `events.jsonl`, another file, a link — is still refused and left as it was.
    @Test func initCompletesACreationKilledBeforeLedgerJSON() throws {
        for leftovers in [["events.jsonl"], ["events.jsonl", "acknowledged"], ["events.jsonl", "acknowledged", "lock", "index", ".ledger.json.tmp-ab12"]] {
            let cli = CLIHarness()
            try PosixFile.makeDirectory(cli.ledgerPath)
            for name in leftovers {
                if name == "index" { try PosixFile.makeDirectory(cli.ledgerPath + "/index") } else {
                    try PosixFile.writeAtomically([], to: cli.ledgerPath + "/" + name)
                }
            }
            #expect(cli.run(["init"]) == 0, "\(leftovers): \(cli.stderr)")
            #expect(cli.run(["append"], stdin: Self.events) == 0 && cli.run(["verify"]) == 0, "\(leftovers): \(cli.stderr)")
        }
        for (name, bytes) in [("events.jsonl", Array("{}\n".utf8)), ("notes.txt", [])] {
            let cli = CLIHarness()
            try PosixFile.makeDirectory(cli.ledgerPath)
            try PosixFile.writeAtomically(bytes, to: cli.ledgerPath + "/" + name)
            #expect(cli.run(["init"]) == 2)
            #expect(cli.stderr.contains("already exists and is not empty"), "\(cli.stderr)")
            #expect(try PosixFile(path: cli.ledgerPath + "/" + name, mode: .read).readAll() == bytes, "left as it was")
        }
    }

    /// Review H17 #6: a damaged identity file of a ledger names the member and what it must be, and advises
    /// restoring from a backup, not `ledger init` (which refuses a ledger's folder).
    @Test func aDamagedIdentityFileIsNamedAndRestoredNotRecreated() throws {
        let cases: [(json: String, en: String, zh: String)] = [
            (#"{"format":"common-property-ledger","version":1,"name":5,"created_at":"2025-01-01T00:00:00Z"}"#,
             #"ledger.json's "name" must be a string, found 5"#, "ledger.json 的“name”必须是字符串，实际为 5"),
            (#"{"format":"common-property-ledger","version":1,"name":"x","created_at":"2025-01-01"}"#,
             #"ledger.json's "created_at" must be a UTC time such as "2025-01-01T08:00:00Z", found "2025-01-01""#,
             #"ledger.json 的“created_at”必须是 UTC 时间，如“2025-01-01T08:00:00Z”，实际为 "2025-01-01""#),
            (#"{"format":"common-property-ledger","format":"x"}"#, "ledger.json is not valid JSON: ", "ledger.json 不是有效的 JSON："),
        ]
        for (json, en, zh) in cases {
            let cli = CLIHarness()
            #expect(cli.run(["init"]) == 0)
            try PosixFile.writeAtomically(Array(json.utf8), to: cli.ledgerPath + "/ledger.json")
            #expect(cli.run(["verify"]) == 2)
            #expect(cli.stderr.contains(en) && cli.stderr.contains("Restore ledger.json and events.jsonl from a backup"), "\(cli.stderr)")
            #expect(!cli.stderr.contains("ledger init --ledger"), "\(cli.stderr)")
            #expect(cli.run(["verify", "--lang", "zh"]) == 2)
            #expect(cli.stderr.contains(zh) && cli.stderr.contains("请从账本的备份中恢复"), "\(cli.stderr)")
        }
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        try PosixFile.remove(cli.ledgerPath + "/events.jsonl")
        #expect(cli.run(["balances"]) == 2)
        #expect(cli.stderr.contains("events.jsonl is missing. Restore"), "\(cli.stderr)")
        // Review J17 #6: a ledger with records whose ledger.json is gone is damaged; another program's folder with a
        // ledger.json of its own is not a ledger.
        let lost = CLIHarness()
        #expect(lost.run(["init"]) == 0 && lost.run(["append"], stdin: Self.events) == 0)
        try PosixFile.remove(lost.ledgerPath + "/ledger.json")
        #expect(lost.run(["verify"]) == 2)
        #expect(lost.stderr.contains("ledger.json is missing. Restore"), "\(lost.stderr)")
        let other = CLIHarness()
        try PosixFile.makeDirectory(other.ledgerPath)
        try PosixFile.writeAtomically(Array(#"{"name":"my app","version":"1.0"}"#.utf8), to: other.ledgerPath + "/ledger.json")
        #expect(other.run(["verify"]) == 2)
        #expect(other.stderr.contains("is not a ledger") && other.stderr.contains("give the right --ledger DIR"), "\(other.stderr)")
    }

    @Test func appendLogAndVerifyRoundTrip() {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["append"], stdin: Self.events) == 0)
        #expect(cli.stdout.hasPrefix("appended 3 records: seq 1–3\n"))
        #expect(cli.run(["log", "--type", "fund.opened", "--raw"]) == 0)
        #expect(cli.stdout == """
        2  2024-01-03  fund.opened  a2  test-clerk  {"account":"6222-01","community_id":"C1","fund_id":"F1","kind":"public_income"}

        """)
        #expect(cli.run(["log", "--from", "2", "--to", "2", "--json"]) == 0)
        #expect(cli.stdout.hasPrefix("{\"hash\":") && cli.stdout.contains("\"seq\":2,") && cli.stdout.hasSuffix("}\n"))
        #expect(cli.run(["verify"]) == 0)
        #expect(cli.stdout.contains("status: intact\nrecords: 3\n"))
        #expect(cli.run(["verify", "--json"]) == 0)
        #expect(cli.stdout.contains("\"status\":\"intact\""))
    }

    @Test func verifyExitsOneAndNamesTheFirstBadRecordOfAnEditedLog() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: Self.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var text = String(decoding: TestLedger.logBytes(directory), as: UTF8.self)
        text = text.replacingOccurrences(of: "6222-01", with: "6222-09")
        TestLedger.writeLog(Array(text.utf8), to: directory)
        #expect(cli.run(["verify"]) == 1)
        #expect(cli.stdout.contains("status: INTEGRITY FAILURE\nfirst bad record: seq 2, line 2"))
        #expect(cli.run(["verify", "--json"]) == 1)
        #expect(cli.stdout.contains("\"kind\":\"hash_mismatch\"") && cli.stdout.contains("\"seq\":2"))
        // Nothing can be appended to a tampered ledger.
        #expect(cli.run(["append"], stdin: Self.extra) == 1)
        #expect(cli.run(["log"]) == 1)
    }

    @Test func badInputRejectsTheWholeBatch() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        let input = Self.events + #"{"type":"x","occurred_on":"2024-13-01","data":{}}"# + "\n"
        #expect(cli.run(["append"], stdin: input) == 2)
        #expect(cli.stderr.contains("stdin:4: field \"occurred_on\""))
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)).isEmpty)
    }

    @Test func factsDatedAfterTodayInBeijingAreRefused() throws {
        let cli = CLIHarness() // 2026-01-05T02:03:04Z in the harness: 10:03 on 2026-01-05 in Beijing
        cli.run(["init"])
        let typo = CoreCommandTests.events.replacingOccurrences(of: "\"occurred_on\":\"2024-01-03\"", with: "\"occurred_on\":\"2062-01-03\"")
        #expect(cli.run(["append"], stdin: typo) == 2)
        #expect(cli.stderr.contains("stdin:2: field \"occurred_on\": 2062-01-03 is after today in Beijing (UTC+8), 2026-01-05"))
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)).isEmpty)
        // The day after is not yet today in Beijing: refused, saying what to do.
        let tomorrow = CoreCommandTests.events.replacingOccurrences(of: "\"occurred_on\":\"2024-01-03\"", with: "\"occurred_on\":\"2026-01-06\"")
        #expect(cli.run(["append"], stdin: tomorrow) == 2)
        #expect(cli.stderr.contains("2026-01-06 is after today in Beijing (UTC+8), 2026-01-05; record facts once they have happened — check the date, or append it on 2026-01-06 or later"), "\(cli.stderr)")
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)).isEmpty)
        let today = CoreCommandTests.events.replacingOccurrences(of: "\"occurred_on\":\"2024-01-03\"", with: "\"occurred_on\":\"2026-01-05\"")
        #expect(cli.run(["append"], stdin: today) == 0, "\(cli.stderr)")
    }

    struct BeijingClock: Sendable, CustomTestStringConvertible {
        let utc: String
        /// Whether a fact dated 2026-01-06 is taken: 2026-01-06 has begun in Beijing (16:00 UTC on the 5th).
        let taken: Bool
        var testDescription: String { utc }
    }

    /// `append`'s today is `CommandContext.today`, the date in Beijing: a fact of the 6th is taken from 16:00 UTC on
    /// the 5th (midnight in Beijing), refused at 15:59 UTC; at 23:30 UTC it is the 6th in Beijing. The message names
    /// today's date in Beijing.
    @Test(arguments: [BeijingClock(utc: "2026-01-05T15:59:59Z", taken: false), BeijingClock(utc: "2026-01-05T16:00:00Z", taken: true),
                      BeijingClock(utc: "2026-01-05T23:30:00Z", taken: true), BeijingClock(utc: "2026-01-05T02:03:04Z", taken: false)])
    func todayIsTheDateInBeijing(_ c: BeijingClock) throws {
        let cli = CLIHarness()
        cli.clock = Timestamp(rfc3339: c.utc)!
        cli.run(["init"])
        let sixth = CoreCommandTests.events.replacingOccurrences(of: "\"occurred_on\":\"2024-01-03\"", with: "\"occurred_on\":\"2026-01-06\"")
        #expect(cli.run(["append"], stdin: sixth) == (c.taken ? 0 : 2), "\(cli.stderr)")
        if !c.taken {
            #expect(cli.stderr.contains("2026-01-06 is after today in Beijing (UTC+8), 2026-01-05"), "\(cli.stderr)")
            #expect(cli.run(["append", "--lang", "zh"], stdin: sixth) == 2)
            #expect(cli.stderr.contains("2026-01-06 晚于今天（北京时间 2026-01-05）；事实发生之后才能记录——请核对日期，或于 2026-01-06 当天或之后再追加"), "\(cli.stderr)")
            #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)).isEmpty)
        }
        // The 7th is after today in Beijing at every one of these times.
        let fresh = CLIHarness()
        fresh.clock = cli.clock
        fresh.run(["init"])
        let seventh = CoreCommandTests.events.replacingOccurrences(of: "\"occurred_on\":\"2024-01-03\"", with: "\"occurred_on\":\"2026-01-07\"")
        #expect(fresh.run(["append"], stdin: seventh) == 2)
        #expect(fresh.stderr.contains("2026-01-07 is after today in Beijing (UTC+8), 2026-01-0\(c.taken ? 6 : 5)"), "\(fresh.stderr)")
    }

    @Test func expectSeqConflictChangesNothing() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: Self.events)
        #expect(cli.run(["append", "--expect-seq", "2"], stdin: Self.extra) == 2)
        #expect(cli.stderr.contains("--expect-seq 2 but the ledger's last seq is 3"))
        #expect(cli.run(["append", "--expect-seq", "3", "--json"], stdin: Self.extra) == 0)
        #expect(cli.stdout.contains("\"last_seq\":4"))
    }

    @Test func usageErrorsExitTwoAndHelpExistsForEveryCommand() {
        let cli = CLIHarness()
        #expect(cli.run(["frobnicate"]) == 2)
        #expect(cli.run(["verify", "--bogus"]) == 2)
        #expect(cli.stderr.contains("has no option --bogus"))
        #expect(cli.run(["log", "--from", "+2"]) == 2)
        #expect(cli.stderr.contains("--from \"+2\" is not a whole number"))
        #expect(Arguments.wholeNumber("+5") == nil && Arguments.wholeNumber("-5") == -5 && Arguments.wholeNumber("12") == 12)
        #expect(cli.run(["verify"]) == 2)
        #expect(cli.stderr.contains("is not a ledger"))
        for command in LedgerCLI.commands {
            #expect(cli.run([command.name, "--help"]) == 0)
            #expect(cli.stdout.hasPrefix("Usage: ledger \(command.name)"), "help of \(command.name)")
        }
        #expect(cli.run(["--help"], addLedger: false) == 0)
    }
}

/// A log written past `ledger append`'s checks (here: by the library writer directly) may hold records the
/// projection cannot apply; the reports must say so instead of printing totals that silently omit them.
@Suite struct AnomalyWarningTests {
    @Test func balancesAndRectifyWarnAboutRecordsTheyCouldNotApply() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let orphan = Event(id: "orphan-1", occurredOn: CalendarDate(iso: "2024-02-01")!, actor: "tool", payload: .fundIncome(FundIncome(
            fundID: "NO-SUCH-FUND", amount: Amount(fen: 100), counterparty: "x", voucher: "v", category: "other",
            written: FundIncome.emptySource)))
        try TestLedger.append([orphan], to: directory)
        #expect(cli.run(["balances", "--as-of", "2024-12-31"]) == 0)
        #expect(cli.stderr.contains("warning: 1 record could not be applied"))
        #expect(cli.stderr.contains("#4 orphan-1"))
        #expect(cli.run(["rectify", "--as-of", "2024-12-31"]) == 0)
        #expect(cli.stderr.contains("#4 orphan-1"))
        // The same ledger without the orphan prints no warning.
        let clean = CLIHarness()
        clean.run(["init"])
        clean.run(["append"], stdin: CoreCommandTests.events)
        #expect(clean.run(["balances", "--as-of", "2024-12-31"]) == 0)
        #expect(clean.stderr.isEmpty)
    }

    /// `balances` folds the funds alone (FundFold), yet still warns about what may hide a money movement: a record of
    /// a type this version does not know, and a correction naming no event (the movement it meant to void stays).
    @Test func balancesWarnsAboutUnknownTypesAndCorrectionsOfNoEvent() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let unknown = Event(id: "newer-1", occurredOn: CalendarDate(iso: "2024-02-01")!, actor: "tool",
                            payload: .raw(type: "fund.adjusted", data: Array(#"{"amount_fen":100,"fund_id":"F1"}"#.utf8)))
        var correction = try EventInput.parse(line: Array(#"{"type":"correction","occurred_on":"2024-02-02","actor":"tool","data":{"corrects":"no-such-event","reason":"作废"}}"#.utf8),
                                              source: "test", lineNumber: 1)
        correction.id = "void-1"
        try TestLedger.append([unknown, correction], to: directory)
        #expect(cli.run(["balances", "--as-of", "2024-12-31"]) == 0)
        #expect(cli.stderr.contains("warning: 2 records could not be applied"), "\(cli.stderr)")
        #expect(cli.stderr.contains("#4 newer-1: payload not understood"))
        #expect(cli.stderr.contains("#5 void-1: corrects unknown event \"no-such-event\""))
    }
}

/// A correction's replacement is a fact with its own date: a year typed wrong there would move the fact out of
/// every projection taken today (an income silently leaving the balance), so it is refused like an envelope date.
@Suite struct CorrectionDateTests {
    static let income = #"{"id":"i1","type":"fund.income","occurred_on":"2024-02-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"c","voucher":"v","category":"parking"}}"#

    static func correction(_ date: String) -> String {
        #"{"id":"x1","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"i1","reason":"金额","replacement":{"type":"fund.income","occurred_on":""# + date + #"","data":{"fund_id":"F1","amount_fen":1000,"counterparty":"c","voucher":"v","category":"parking"}}}}"#
    }

    @Test func replacementDatedAfterTodayIsRefused() throws {
        let cli = CLIHarness() // today is 2026-01-05 in Beijing in the harness
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events + Self.income + "\n") == 0)
        let before = TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath))
        #expect(cli.run(["append"], stdin: Self.correction("2062-02-01") + "\n") == 2)
        #expect(cli.stderr.contains("stdin:1: field \"data.replacement.occurred_on\": 2062-02-01 is after today in Beijing (UTC+8), 2026-01-05; a correction states facts that have happened — check the date"))
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)) == before)
        #expect(cli.run(["append"], stdin: Self.correction("2026-01-06") + "\n") == 2)
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)) == before)
        #expect(cli.run(["append"], stdin: Self.correction("2026-01-05") + "\n") == 0)
    }
}

/// The writer must never write a record that `ledger verify` rejects. Verify limits a JSON string to 64 KiB as
/// written (escapes included); the input parser counts decoded bytes, and GB18030 text grows by half in UTF-8.
@Suite struct RecordLimitTests {
    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    @Test func appendRefusesAStringThatEscapesBeyondTheLimit() throws {
        let cli = ReviewImportCommandTests().ledger()
        let before = try logBytes(cli)
        let quotes = String(repeating: "\\\"", count: 40_000)   // 40,000 bytes decoded, 80,000 as written
        let line = #"{"id":"x1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-2","name":""#
            + quotes + #"","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
        #expect(cli.run(["append"], stdin: line + "\n") == 2)
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["verify"]) == 0)
    }

    /// The boundary itself (ledger-spec.md section 2): 65,536 bytes as written is stored; one escaped quote more,
    /// 65,536 bytes decoded but 65,537 written, passes the input parser and is refused by the writer, naming the event.
    @Test func theStringLimitIsExactlySixtyFourKiBAsWritten() throws {
        let cli = ReviewImportCommandTests().ledger()
        func line(_ id: String, _ name: String) -> String {
            #"{"id":""# + id + #"","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":""# + id
                + #"","name":""# + name + #"","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
        }
        #expect(cli.run(["append"], stdin: line("C-65536", String(repeating: "a", count: 65_536)) + "\n") == 0)
        let before = try logBytes(cli)
        #expect(cli.run(["append"], stdin: line("C-65537", String(repeating: "a", count: 65_535) + #"\""#) + "\n") == 2)
        #expect(cli.stderr.contains("event C-65537 would make a record that verification rejects"))
        #expect(cli.stderr.contains("string longer than 65536 bytes as written (escapes counted; 64 KiB), the most a text may have"))
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["verify"]) == 0)
    }

    @Test func anActorOfWhiteSpaceOnlyIsRefused() throws {
        let cli = ReviewImportCommandTests().ledger()
        let before = try logBytes(cli)
        let event = #"{"id":"x2","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-3","name":"n","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
        #expect(cli.run(["append", "--actor", "\u{3000}"], stdin: event + "\n") == 2)
        #expect(cli.stderr.contains("is empty or only white space"))
        let withActor = event.replacingOccurrences(of: #""id":"x2","#, with: #""id":"x2","actor":" ","#)
        #expect(cli.run(["append"], stdin: withActor + "\n") == 2)
        #expect(cli.stderr.contains("field \"actor\""))
        #expect(try logBytes(cli) == before)
    }

    @Test func importRefusesAGB18030CellThatGrowsBeyondTheLimitInUTF8() throws {
        let cli = ReviewImportCommandTests().ledger()
        let before = try logBytes(cli)
        let big = String(repeating: "很", count: 30_000)  // 60,000 bytes in GB18030, 90,000 in UTF-8
        let text = "编号,小区,类型,名称,位置,面积,登记日期,附加\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1," + big + "\n"
        try PosixFile.writeAtomically(TextEncoder.gb18030(text)!, to: cli.temp.path + "/g.csv")
        #expect(cli.run(["import", "assets", "g.csv"]) == 2)
        #expect(cli.stdout.contains("g.csv: row 2, column H \"附加\""))
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["verify"]) == 0)
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension CoreCommandTests {
    /// A batch of fund movements without ids: what a clerk appends each month. Nothing in the domain checks would
    /// catch it being appended twice (two payments of the same amount are legal), only the derived ids can.
    static let payments = [
        #"{"type":"fund.income","occurred_on":"2024-02-04","actor":"clerk","data":{"fund_id":"F1","amount_fen":50000,"category":"parking","counterparty":"x","voucher":"v2"}}"#,
        #"{"type":"fund.income","occurred_on":"2024-02-05","actor":"clerk","data":{"fund_id":"F1","amount_fen":70000,"category":"parking","counterparty":"y","voucher":"v3"}}"#,
    ]

    @Test("a retried id-less batch is recognised although it was re-saved with CR LF, a BOM, blank lines, spaces or no final LF",
          arguments: [
              "\u{FEFF}" + payments.joined(separator: "\r\n") + "\r\n",
              payments.joined(separator: "\n") + "\n\n\n",
              "\n" + payments.joined(separator: "\n\n") + "\n",
              payments.joined(separator: "\n"),
              payments.map { "  " + $0 + " \t" }.joined(separator: "\n") + "\n",
          ])
    func derivedIDsIgnoreLayout(_ resaved: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: Self.payments.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("appended 2 records"), "\(cli.stdout)")
        #expect(cli.run(["append"], stdin: resaved) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("appended nothing"), "the same two payments were appended again: \(cli.stdout)")
        #expect(cli.run(["balances", "--as-of", "2024-12-31"]) == 0)
        #expect(cli.stdout.contains("1,200.00"), "income is counted once: \(cli.stdout)")
    }

    @Test("derived ids: the spec's vector, and the normalised input it is computed from")
    func derivedIDVectors() {
        let line = #"{"type":"test.note","occurred_on":"2024-01-01","actor":"a","data":{}}"#
        let canonical = Array(line.utf8) + [0x0A]
        #expect(EventInput.normalisedInput(canonical) == canonical, "an input of plain LF lines is its own normal form")
        #expect(EventInput.derivedID(inputDigest: SHA256.digest(canonical), eventNumber: 1) == "in-57450bb367f5225ffeab910eaedac83c-1")
        let resaved = Array(("\u{FEFF}\r\n " + line + "\t\r\n\r\n").utf8)
        #expect(EventInput.normalisedInput(resaved) == canonical)
    }
}
