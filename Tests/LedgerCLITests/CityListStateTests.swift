import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// The whole-city lists' files (ledger-spec.md 15.11 `communities.state`, 15.12 `assets.state`, `contracts.state`,
/// `decisions.state`): the whole city's `ledger communities`, `assets`, `contracts` and `decisions` answered from
/// stored lines, with the groups later records join refolded. For seeded random logs (every event type, corrections,
/// back-dated and mutated facts, unknown types) and appends between the lists, at random as-of dates, every list is
/// byte for byte — standard output and standard error — the one folded from the log alone (`LEDGER_<LIST>_STATE=off`),
/// and a refolded file is byte for byte the file a fold of the whole log writes. A truncated, bit-flipped, foreign or
/// other-version file is noticed and made again, a stale one taken in silently, with the same answers; `verify
/// --index` compares each file with the log's list.
@Suite struct CityListStateTests {
    static let lists = ["communities", "assets", "contracts", "decisions"]

    static func switchName(_ list: String, _ what: String) -> String { "LEDGER_\(list.uppercased())_\(what)" }

    static func path(_ list: String, _ directory: LedgerDirectory) -> String { directory.indexPath + "/\(list).state" }

    /// The list with the state and without it: same status, same bytes on both streams.
    static func expectSame(_ cli: CLIHarness, _ arguments: [String], _ context: String) {
        let list = arguments[0]
        cli.environment[switchName(list, "STATE")] = "off"
        let plainStatus = cli.run(arguments)
        let plain = cli.stdoutBytes, plainErr = cli.stderr
        cli.environment[switchName(list, "STATE")] = nil
        let status = cli.run(arguments)
        #expect(status == plainStatus && status == 0, "\(context): \(cli.stderr)")
        #expect(cli.stdoutBytes == plain, "\(context)\n\(cli.stdout)\n--- the log's ---\n\(String(decoding: plain, as: UTF8.self))")
        #expect(cli.stderr == plainErr, "\(context): stderr\n\(cli.stderr)\n--- the log's ---\n\(plainErr)")
    }

    /// The list file's version (`contracts.state` is at 2, the others at 1).
    static func version(_ list: String) -> UInt32 {
        switch list {
        case "communities": return CommunitiesState.version
        case "assets": return AssetsState.version
        case "contracts": return ContractsState.version
        default: return DecisionsState.version
        }
    }

    static func fileBytes(_ list: String, _ directory: LedgerDirectory) -> [UInt8]? {
        (try? Data(contentsOf: URL(fileURLWithPath: path(list, directory)))).map { [UInt8]($0) }
    }

    /// How the list's state answers at the head as of `asOf` (`stored`, `refolded`, `folded`), as the command takes it.
    static func source(_ list: String, _ directory: LedgerDirectory, _ asOf: CalendarDate) throws -> String {
        switch list {
        case "communities": return "\(try CommunitiesState.answer(directory, asOf: asOf).source)"
        case "assets": return "\(try AssetsState.answer(directory, asOf: asOf).source)"
        case "contracts": return "\(try ContractsState.answer(directory, asOf: asOf).source)"
        default: return "\(try DecisionsState.answer(directory, asOf: asOf).source)"
        }
    }

    /// The stored file's date and stamp (nil when there is none or it cannot be used).
    static func stored(_ list: String, _ directory: LedgerDirectory) -> (asOf: String, seq: Int64)? {
        func pick<L>(_ s: CityListState<L>?) -> (asOf: String, seq: Int64)? { s.map { ($0.asOf.description, $0.stamp.seq) } }
        switch list {
        case "communities": return pick((try? CommunitiesState.stored(directory))??.state)
        case "assets": return pick((try? AssetsState.stored(directory))??.state)
        case "contracts": return pick((try? ContractsState.stored(directory))??.state)
        default: return pick((try? DecisionsState.stored(directory))??.state)
        }
    }

    static let formats = [["--format", "table"], ["--format", "csv"], ["--format", "json"], [], ["--lang", "zh"]]

    @Test(arguments: Self.lists, TestScale.seeds(6)) func listsFromTheStateAreTheLogs(list: String, seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x3C6E_F372 &+ 29)
        let sample = try SampleRecords.load().map(\.event)
        var log = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(log, to: directory)
        // index/scopes, which the refold reads: made by verify --index, or by the first list (it builds it when missing).
        if random.int(0..<2) == 0 { #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)") }
        var day = ScopeIndexCommandTests.date(&random).adding(days: 300).description
        var sources: [String] = []
        for round in 0..<12 {
            if round % 4 == 3 {
                // Another day: the whole log is folded for it (a later one replaces the file, an earlier one not).
                day = ScopeIndexCommandTests.date(&random).adding(days: random.int(0..<600)).description
            }
            let format = Self.formats[random.int(0..<Self.formats.count)]
            let context = "\(list) seed \(seed) round \(round) as of \(day) \(format)"
            Self.expectSame(cli, [list, "--as-of", day] + format, context)
            if round == 1 {
                #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
                #expect(!cli.stdout.contains("DAMAGED"), "\(context): \(cli.stdout)")
            }
            let batch = RectifyRefoldTests.appended(round, sample, log, &random)
            try TestLedger.append(batch, to: directory)
            log += batch
            // The state after the append, taken in as the command takes it (refolded when it can be).
            guard let asOf = CalendarDate(iso: day) else { Issue.record("\(day)"); continue }
            let source = try Self.source(list, directory, asOf)
            sources.append(source)
            Self.expectSame(cli, [list, "--as-of", day] + format, "\(context): after the append")
            if source == "refolded" {
                // The refolded file is the one a fold of the whole log writes, byte for byte.
                let refolded = Self.fileBytes(list, directory)
                try PosixFile.remove(Self.path(list, directory))
                cli.environment[Self.switchName(list, "REFOLD")] = "off"
                #expect(cli.run([list, "--as-of", day]) == 0)
                cli.environment[Self.switchName(list, "REFOLD")] = nil
                #expect(refolded != nil && Self.fileBytes(list, directory) == refolded, "\(context): the refolded file is the fold's")
            }
        }
        // Most appends join one group: some lists must have been refolded (this fails without the refold).
        #expect(sources.contains("refolded"), "\(list) seed \(seed): never refolded: \(sources)")
    }

    /// As-of dates: the file made for one date answers only that date; a later date replaces it, an earlier one
    /// is answered from the log and leaves it. `--at-seq`, `--community` and `--street` never read it.
    @Test(arguments: Self.lists) func theFileAnswersItsDateOnly(list: String) throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        for day in ["2025-06-30", "2025-12-31", "2025-03-01", "2025-12-31"] {
            Self.expectSame(cli, [list, "--as-of", day, "--format", "json"], day)
        }
        #expect(Self.stored(list, directory)?.asOf == "2025-12-31")
        #expect(try Self.source(list, directory, CalendarDate(iso: "2025-12-31")!) == "stored")
        #expect(try Self.source(list, directory, CalendarDate(iso: "2025-01-01")!) == "folded")
        #expect(Self.stored(list, directory)?.asOf == "2025-12-31", "an earlier date leaves the file")
        let file = Self.fileBytes(list, directory)
        for other in [["--at-seq", "133"], ["--community", "C-HY"], ["--street", "八大关街道"]] {
            Self.expectSame(cli, [list, "--as-of", "2025-12-31"] + other, "\(other)")
        }
        #expect(Self.fileBytes(list, directory) == file)
        // Without the state (LEDGER_SCOPES=off too) the file is neither read nor written.
        try PosixFile.remove(Self.path(list, directory))
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run([list, "--as-of", "2025-12-31"]) == 0)
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(Self.fileBytes(list, directory) == nil)
    }

    /// Review B15: a file of a date after today (a look ahead) is replaced by today's list, so today's lists do not
    /// fold the city until that date.
    @Test func aLookAheadIsReplaced() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        _ = try CommunitiesState.answer(directory, asOf: CalendarDate(iso: "2025-12-31")!)
        _ = try CommunitiesState.answer(directory, asOf: CalendarDate(iso: "2025-01-01")!, today: CalendarDate(iso: "2025-12-30")!)
        #expect(try CommunitiesState.stored(directory)?.state.asOf.description == "2025-01-01", "a look ahead is replaced")
    }

    /// A damaged, truncated, other-version or foreign file: one notice, the log's answer, the file made again;
    /// a stale one: no notice, the same answer as the log's, refolded (or folded) to the head; a log cut before the
    /// stamp: noticed. A temporary a killed writer left is removed by the next write.
    @Test(arguments: Self.lists) func damagedForeignStaleAndOtherVersionFilesAreNoticed(list: String) throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let arguments = [list, "--as-of", "2025-12-31", "--format", "json"]
        Self.expectSame(cli, arguments, "first")
        let answer = cli.stdoutBytes
        let good = try #require(Self.fileBytes(list, directory))
        let path = Self.path(list, directory)

        func expectNoticed(_ what: String, _ detail: String) {
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
            let notes = ScopeIndexCommandTests.notes(cli)
            #expect(notes.count == 1 && notes[0].hasPrefix("note: \(list).state in") && notes[0].contains(detail)
                    && notes[0].hasSuffix("rebuilt from the log (answers are unaffected)."), "\(what): \(cli.stderr)")
            #expect(Self.fileBytes(list, directory) == good, "\(what): made again")
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): then read")
        }
        try PosixFile.writeAtomically(Array(good.dropLast(7)), to: path)
        expectNoticed("truncated", "damaged")
        for offset in [3, 60, good.count / 2, good.count - 40, good.count - 1] {
            var bytes = good
            bytes[offset] ^= 0x10
            try PosixFile.writeAtomically(bytes, to: path)
            expectNoticed("flip at \(offset)", "damaged")
        }
        var bytes = good
        // A version no list has reached (7 is `contracts.state`'s own since session 42).
        bytes[list.utf8.count + "LEDGER-".utf8.count + 1] = 99
        try PosixFile.writeAtomically(bytes, to: path)
        expectNoticed("version", "of format version 99")
        // Another ledger's file (same records, another name).
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp, name: "another-ledger")
        try TestLedger.append(sample, to: other)
        #expect(cli.run([list, "--ledger", other.path, "--as-of", "2025-12-31"]) == 0)
        try PosixFile.writeAtomically(try #require(Self.fileBytes(list, other)), to: path)
        expectNoticed("foreign", "another ledger's")
        // A body that decodes but is not this layout (its checksum made right): damaged.
        let kind = "LEDGER-" + list.uppercased()
        let version = Self.version(list)
        let header = try DerivedStateHeader.decode(good[...], kind: kind, version: version)
        let body = Array(good[header.length..<(good.count - 32)]) + [0]
        let odd = DerivedStateFile(kind: kind, version: version, ledgerName: directory.name,
                                   genesis: header.header.genesis, stamp: header.header.stamp, body: body).encoded()
        try PosixFile.writeAtomically(odd, to: path)
        expectNoticed("layout", "its body: bytes after the")

        // A temporary a writer killed midway left (nobody holds it): removed by the next write.
        let abandoned = path + ".tmp-0123456789abcdef"
        try PosixFile.writeAtomically(Array(good.prefix(40)), to: abandoned)
        // Stale: a payment appended (its fund's group): refolded without a notice, the log's answer.
        let income = try #require(sample.first { $0.type == "fund.income" })
        var payment = income
        payment.id = "extra-1"
        try TestLedger.append([payment], to: directory)
        Self.expectSame(cli, arguments, "stale")
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect(Self.stored(list, directory)?.seq == Int64(sample.count + 1), "written at the head")
        #expect(!PosixFile.exists(abandoned), "the abandoned temporary was removed")
        // A log cut before the stamp (another log of fewer records): out of step, noticed, folded.
        let cut = TemporaryDirectory()
        let short = TestLedger.create(in: cut, name: directory.name)
        try TestLedger.append(Array(sample.prefix(10)), to: short)
        try PosixFile.writeAtomically(try #require(Self.fileBytes(list, directory)), to: Self.path(list, short))
        cli.environment[Self.switchName(list, "STATE")] = "off"
        #expect(cli.run([list, "--ledger", short.path, "--as-of", "2025-12-31"]) == 0)
        let shortAnswer = cli.stdoutBytes
        cli.environment[Self.switchName(list, "STATE")] = nil
        #expect(cli.run([list, "--ledger", short.path, "--as-of", "2025-12-31"]) == 0 && cli.stdoutBytes == shortAnswer)
        #expect(ScopeIndexCommandTests.notes(cli).count == 1, "\(cli.stderr)")
    }

    /// Personal fields (an inspector, a counterparty): the lists show what `private/` holds, erased values as
    /// erased, and warn about values `private/` lacks — from the state as from the log, after a refold (a new
    /// person), a missing value and an erasure (which joins no group: the log is folded).
    @Test(arguments: ["assets", "contracts"]) func personsAreShownAndWarnedAboutAsTheLogDoes(list: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: PersonalDataCommandTests.events) == 0, "\(cli.stderr)")
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        for format in Self.formats { Self.expectSame(cli, [list, "--as-of", "2024-06-30"] + format, "first \(format)") }
        let more = """
        {"id":"a3","type":"asset.registered","occurred_on":"2024-04-20","data":{"asset_id":"A-3","community_id":"C-1","kind":"advertising","name":"广告位3","location":"大门","area_m2":"2","registered_on":"2024-04-20","source":{"kind":"manual"}}}
        {"id":"k2","type":"contract.signed","occurred_on":"2024-05-01","data":{"contract_id":"K-2","community_id":"C-1","asset_ids":["A-3"],"counterparty":{"person":"赵六"},"purpose":"广告","start_on":"2024-05-01","end_on":"2025-04-30","rent_fen":10000,"rent_period":"quarter","payee_fund_id":"F-1"}}
        {"id":"n2","type":"inspection.recorded","occurred_on":"2024-06-01","data":{"asset_id":"A-3","observed":"in_use","inspector":{"person":"钱七"},"note":"正常"}}

        """
        #expect(cli.run(["append", "--actor", "clerk"], stdin: more) == 0, "\(cli.stderr)")
        #expect(try Self.source(list, directory, CalendarDate(iso: "2024-06-30")!) == "refolded")
        for format in Self.formats { Self.expectSame(cli, [list, "--as-of", "2024-06-30"] + format, "refolded \(format)") }
        #expect(cli.run([list, "--as-of", "2024-06-30", "--format", "json"]) == 0 && cli.stdout.contains(list == "assets" ? "钱七" : "赵六"),
                "\(cli.stdout)")
        // A value private/ no longer holds: the warning counts it, from the state as from the log.
        let zhao = try #require(try PosixDirectory(path: cli.ledgerPath + "/private").names().first {
            (try? String(contentsOfFile: cli.ledgerPath + "/private/" + $0, encoding: .utf8))?.contains("赵六") == true
        })
        try PosixFile.remove(cli.ledgerPath + "/private/" + zhao)
        Self.expectSame(cli, [list, "--as-of", "2024-06-30", "--format", "json"], "a missing value")
        if list == "contracts" { #expect(cli.stderr.contains("personal value"), "\(cli.stderr)") }
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--actor", "dpo"]) == 0, "\(cli.stderr)")
        Self.expectSame(cli, [list, "--as-of", "2024-06-30", "--format", "json"], "an erasure")
        if list == "contracts" { #expect(cli.stdout.contains("（已依法删除）"), "\(cli.stdout)") }
        Self.expectSame(cli, [list, "--as-of", "2024-06-30"], "then read")
    }

    /// `ledger verify --index` compares each list's file with the list the log gives for its date (intact, or
    /// damaged and made again), removes one that cannot be read, and never changes the exit status.
    @Test func verifyIndexComparesTheListsFiles() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        for list in Self.lists { #expect(cli.run([list, "--as-of", "2025-12-31"]) == 0) }
        let n = sample.count
        #expect(cli.run(["verify", "--index"]) == 0)
        for list in Self.lists {
            #expect(cli.stdout.contains("index: \(list).state intact (made at record \(n)); rebuilt from the log at record \(n)\n"), "\(cli.stdout)")
        }
        // A file whose checksums are right but whose lines are not the log's (one line left out).
        let (state, _) = try #require(try AssetsState.stored(directory))
        let forged = AssetsState(ledgerName: state.ledgerName, genesis: state.genesis, stamp: state.stamp, asOf: state.asOf,
                                 lines: Array(state.lines.dropLast()), anomalies: state.anomalies, erased: state.erased, persons: state.persons)
        try PosixFile.writeAtomically(forged.encoded(), to: Self.path("assets", directory))
        // A flipped bit in another.
        var bytes = try #require(Self.fileBytes("decisions", directory))
        bytes[bytes.count / 2] ^= 1
        try PosixFile.writeAtomically(bytes, to: Self.path("decisions", directory))
        // A stale one: compared at its stamp, brought to the head.
        try TestLedger.append([sample.first { $0.type == "fund.income" }!].map { var e = $0; e.id = "extra-2"; return e }, to: directory)
        #expect(cli.run(["verify", "--index", "--json"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains(#""assets.state":{"detail":"damaged (not the list the log gives as of 2025-12-31 at record \#(n))","rebuilt_at":\#(n + 1),"status":"damaged"}"#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""decisions.state":{"detail":"damaged (checksum does not match: truncated or altered)","rebuilt_at":null,"status":"damaged"}"#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""communities.state":{"detail":"made at record \#(n)","rebuilt_at":\#(n + 1),"status":"intact"}"#), "\(cli.stdout)")
        #expect(Self.fileBytes("decisions", directory) == nil, "an unreadable file is removed")
        #expect(Self.stored("assets", directory)?.seq == Int64(n + 1) && Self.stored("contracts", directory)?.seq == Int64(n + 1))
        Self.expectSame(cli, ["assets", "--as-of", "2025-12-31"], "after verify")
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty)
        // Review G16 #2: a file rewritten with right checksums passed the checks a list makes before use, so the
        // report does not say that no list came from it.
        let (again, _) = try #require(try AssetsState.stored(directory))
        let forgedAgain = AssetsState(ledgerName: again.ledgerName, genesis: again.genesis, stamp: again.stamp, asOf: again.asOf,
                                      lines: Array(again.lines.dropLast()), anomalies: again.anomalies, erased: again.erased, persons: again.persons)
        try PosixFile.writeAtomically(forgedAgain.encoded(), to: Self.path("assets", directory))
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("lists of its date since it was written may have come from it"), "\(cli.stdout)")
    }

    /// After `rm -rf index/`, the first whole-city list builds `index/scopes` in its fold, so that the list after an
    /// append is refolded, not folded again; the index is the one a rebuild writes, byte for byte.
    @Test func theFirstListBuildsTheScopes() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        #expect(cli.run(["decisions", "--as-of", "2025-12-31"]) == 0)
        let built = try #require(try? Data(contentsOf: URL(fileURLWithPath: ScopeIndex.path(directory))))
        try PosixFile.remove(ScopeIndex.path(directory))
        #expect(try ScopeIndex.rebuild(directory))
        #expect(try Data(contentsOf: URL(fileURLWithPath: ScopeIndex.path(directory))) == built, "the rebuild's bytes")
        var payment = try #require(sample.first { $0.type == "fund.income" })
        payment.id = "extra-3"
        try TestLedger.append([payment], to: directory)
        #expect(try Self.source("decisions", directory, CalendarDate(iso: "2025-12-31")!) == "refolded")
    }
}
