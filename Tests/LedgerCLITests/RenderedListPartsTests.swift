import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// `index/rectify.list` version 2 (ledger-spec.md 15.9): a street's table kept before records were appended gives back
/// the parts of the communities whose inputs did not change, and only the others are made. For seeded random logs
/// with appends between the lists, the street's list is byte for byte the one made without the kept list
/// (`LEDGER_RECTIFY_LIST=off`), the whole log's (`LEDGER_SCOPES=off`) and the one made after `rm -rf index/`; a
/// damaged or version-1 kept list is noticed and made again; a temporary left by a killed writer changes nothing.
@Suite struct RenderedListPartsTests {
    static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/rectify.list" }

    /// (status, stdout, stderr) of `arguments` with `environment` set for the run.
    static func run(_ cli: CLIHarness, _ arguments: [String], _ environment: [String: String] = [:]) -> (Int32, [UInt8], String) {
        for (k, v) in environment { cli.environment[k] = v }
        defer { for k in environment.keys { cli.environment[k] = nil } }
        let status = cli.run(arguments)
        return (status, cli.stdoutBytes, cli.stderr)
    }

    /// `K/N` the test hook wrote for the last list: its parts written from the kept list, of how many.
    static func keptParts(_ cli: CLIHarness, _ arguments: [String]) -> (answer: (Int32, [UInt8], String), kept: Int, of: Int) {
        let report = cli.temp.path + "/parts.txt"
        try? PosixFile.remove(report)
        let answer = run(cli, arguments, ["LEDGER_TEST_RECTIFY_LIST_PARTS": report])
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? "0/0\n"
        let numbers = text.dropLast().split(separator: "/").compactMap { Int($0) }
        return (answer, numbers.first ?? 0, numbers.count == 2 ? numbers[1] : 0)
    }

    @Test(arguments: TestScale.seeds(4)) func partsKeptAcrossAppendsAreTheListMadeAgain(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x2545_F491 &+ 17)
        let sample = try SampleRecords.load().map(\.event)
        // Replacements keep their record's type: one of another type often ties two communities' findings, and a
        // list holding such a tie is made whole, so the seeds would seldom reach a kept part.
        var log = try ScopeIndexCommandTests.randomEvents(&random, otherTypes: false)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(log, to: directory)
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        cli.environment["LEDGER_CITY_PART"] = String([1, 7, 40][random.int(0..<3)])
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(cli.stderr)")
        var reusedSome = false
        var trace: [String] = []
        // One street office's list, asked after each append (now and then another list in between).
        var usual = ["rectify", "--as-of", day, "--street", ScopeIndexCommandTests.streets[random.int(0..<2)]]
        if random.int(0..<2) == 0 { usual += ["--lang", "en"] }
        if random.int(0..<4) == 0 { usual += ["--class", ["LOW", "CON", "FUND,OCC", "IDLE"][random.int(0..<4)]] }
        for round in 0..<10 {
            var arguments = usual
            if random.int(0..<5) == 0 { arguments = ["rectify", "--as-of", day, "--street", ScopeIndexCommandTests.streets[random.int(0..<2)]] }
            let context = "seed \(seed) round \(round) \(arguments)"
            // An append the state cannot be refolded for (records joining two groups, a new community) leaves it stale
            // until the whole city's list makes it again: every other round that list comes first (a state made
            // again keeps the unchanged units' bytes, so their parts are kept too).
            if round % 2 == 1 { #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(context): city") }
            // Kept (the first of the day, or after the round before's append).
            let got = Self.keptParts(cli, arguments)
            if got.kept > 0 { reusedSome = true }
            trace.append("\(got.kept)/\(got.of)")
            let made = Self.run(cli, arguments, ["LEDGER_RECTIFY_LIST": "off"])
            let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
            #expect(got.answer.0 == made.0 && got.answer.1 == made.1 && got.answer.2 == made.2, "\(context): kept parts \(got.kept)/\(got.of)")
            #expect(got.answer.1 == plain.1 && got.answer.0 == plain.0, "\(context): the log's")
            // Asked again: the kept list whole.
            let again = Self.run(cli, arguments)
            #expect(again.1 == got.answer.1 && again.2 == got.answer.2, "\(context): again")
            // A payment, a fact or a correction (most join one community's group): the state is refolded.
            let batch = RectifyRefoldTests.appended(round, sample, log, &random)
            try TestLedger.append(batch, to: directory)
            log += batch
        }
        // Every index file removed: the same list, from the log.
        let arguments = ["rectify", "--as-of", day, "--street", ScopeIndexCommandTests.streets[0]]
        let got = Self.run(cli, arguments)
        try FileManager.default.removeItem(atPath: directory.indexPath)
        let fresh = Self.run(cli, arguments)
        #expect(got.0 == fresh.0 && got.1 == fresh.1, "seed \(seed): after rm -rf index/")
        // Most appends leave most communities alike: when lists were made a community at a time at all (a log whose
        // findings tie two communities makes them whole), some parts must have been kept (this fails without them).
        #expect(reusedSome || trace.allSatisfy { $0 == "0/0" }, "seed \(seed): no part was ever kept: \(trace) \(usual)")
    }

    /// The kept parts are written only where nothing they were made from changed: a payment joins one community's
    /// group, and every other community's part is kept; a list of another language or with another class filter
    /// keeps none (another key).
    @Test func aPaymentKeepsTheOtherCommunitiesParts() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let income = try #require(sample.first { $0.type == "fund.income" })
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let arguments = ["rectify", "--as-of", day, "--street", "八大关街道"]
        let first = Self.keptParts(cli, arguments)
        #expect(first.kept == 0 && first.of > 1, "\(first.kept)/\(first.of)")
        var e = income
        e.id = "extra-1"
        try TestLedger.append([e], to: directory)
        let after = Self.keptParts(cli, arguments)
        #expect(after.kept > 0, "after a payment: \(after.kept)/\(after.of)")
        let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
        #expect(after.answer.1 == plain.1 && after.answer.0 == plain.0)
        // Another format: nothing cut, nothing kept, the same answer.
        e.id = "extra-2"
        try TestLedger.append([e], to: directory)
        let json = Self.keptParts(cli, arguments + ["--format", "json"])
        #expect(json.kept == 0)
        #expect(json.answer.1 == Self.run(cli, arguments + ["--format", "json"], ["LEDGER_SCOPES": "off"]).1)
    }

    /// `kept` or `read`, as the test hook wrote it for the last list: whether its first pass was the kept list's.
    static func firstPass(_ cli: CLIHarness, _ arguments: [String]) -> (answer: (Int32, [UInt8], String), kept: Int, of: Int, pass: String) {
        let report = cli.temp.path + "/summary.txt"
        try? PosixFile.remove(report)
        cli.environment["LEDGER_TEST_RECTIFY_LIST_SUMMARY"] = report
        defer { cli.environment["LEDGER_TEST_RECTIFY_LIST_SUMMARY"] = nil }
        let got = keptParts(cli, arguments)
        return (got.answer, got.kept, got.of, ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "none\n").trimmingCharacters(in: .newlines))
    }

    /// Version 5 (session 44): a payment outside the street changes none of the street's units, so its list takes the
    /// kept list's first pass (`RenderedList.Summary`) instead of reading every unit, and keeps every part; a payment
    /// on the street reads them again. Every answer is the log's, byte for byte, with the same warnings.
    @Test func aPaymentOutsideTheStreetReadsNoUnit() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        func payment(_ fund: String, _ n: Int) throws -> Event {
            var e = try #require(sample.first { $0.type == "fund.income" && String(decoding: $0.payload.dataBytes, as: UTF8.self).contains("\"\(fund)\"") })
            e.id = "extra-\(fund)-\(n)"
            return e
        }
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        for lang in [[], ["--lang", "en"]] {
            let arguments = ["rectify", "--as-of", day, "--street", "八大关街道"] + lang
            let first = Self.firstPass(cli, arguments)
            #expect(first.pass == "read" && first.kept == 0 && first.of == 3, "\(lang): \(first.pass) \(first.kept)/\(first.of)")
            for (round, fund) in ["F-LZ-PI", "F-LZ-GV", "F-HY-PI", "F-LZ-PI", "F-QF-PI"].enumerated() {
                try TestLedger.append([try payment(fund, round + (lang.isEmpty ? 0 : 10))], to: directory)
                let got = Self.firstPass(cli, arguments)
                let onStreet = !fund.hasPrefix("F-LZ")
                let context = "\(lang) round \(round) \(fund): \(got.pass) \(got.kept)/\(got.of)"
                #expect(got.pass == (onStreet ? "read" : "kept"), "\(context)")
                if !onStreet { #expect(got.kept == got.of, "\(context): every part kept") }
                let made = Self.run(cli, arguments, ["LEDGER_RECTIFY_LIST": "off"])
                let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
                #expect(got.answer.0 == made.0 && got.answer.1 == made.1 && got.answer.2 == made.2, "\(context): made")
                #expect(got.answer.0 == plain.0 && got.answer.1 == plain.1, "\(context): the log's")
            }
        }
    }

    /// A stale kept table is read whole for its parts: damage in it is noticed in one line and the list made again
    /// (the same bytes); a version-1 file (no parts) is noticed the same way; a temporary left by a writer killed
    /// while it wrote the file (SIGKILL: never renamed) is removed by the next writer and changes no answer.
    @Test func damagedOldAndAbandonedKeptListsAreMadeAgain() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let income = try #require(sample.first { $0.type == "fund.income" })
        var appended = 0
        func payment() throws { var e = income; appended += 1; e.id = "extra-\(appended)"; try TestLedger.append([e], to: directory) }
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let arguments = ["rectify", "--as-of", day, "--street", "八大关街道", "--lang", "en"]
        let path = Self.path(directory)
        func notices() -> [Substring] { ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.list in") } }
        func expectMadeAgain(_ what: String, noticed: Bool) {
            let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
            let got = Self.keptParts(cli, arguments)
            #expect(got.answer.0 == plain.0 && got.answer.1 == plain.1, "\(what)")
            #expect(notices().count == (noticed ? 1 : 0), "\(what): \(got.answer.2)")
            if noticed { #expect(got.kept == 0, "\(what): parts kept from a file noticed") }
        }
        #expect(cli.run(arguments) == 0)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A flipped bit in the list's bytes, in its parts' table, in its key; truncated.
        for (what, bytes) in [("list", { var b = good; b[b.count - 200] ^= 0x04; return b }()),
                              ("middle", { var b = good; b[b.count / 2] ^= 0x04; return b }()),
                              ("key", { var b = good; b[300] ^= 0x04; return b }()),
                              ("truncated", Array(good.prefix(good.count - 40)))] {
            try payment()
            try PosixFile.writeAtomically(bytes, to: path)
            expectMadeAgain(what, noticed: true)
        }
        // Version 1 (the layout before parts): its header's version.
        var old = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        old["LEDGER-RECTIFY-LIST".utf8.count + 1] = 1
        try payment()
        try PosixFile.writeAtomically(old, to: path)
        expectMadeAgain("version 1", noticed: true)
        // A killed writer's temporary (half a list, unlocked): harmless, and removed by the next list written.
        let kept = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let temporary = path + ".tmp-00000000deadbeef"
        try PosixFile.writeAtomically(Array(kept.prefix(kept.count / 2)), to: temporary)
        try payment()
        expectMadeAgain("a temporary left", noticed: false)
        #expect(!PosixFile.exists(temporary), "the abandoned temporary was removed")
        // And the list kept after all this keeps parts again.
        try payment()
        let last = Self.keptParts(cli, arguments)
        #expect(last.kept > 0, "\(last.kept)/\(last.of)")
    }

    /// The file is written as the list is (version 6, ledger-spec.md 15.9): a list that stops part way (a read of
    /// `index/rectify.state` failing between its two passes, injected) leaves neither a file nor a temporary in
    /// `index/`, and keeps the file it replaced; one written whole is kept with the list's bytes right after the key,
    /// their length ending the body, and is what the same list asked again writes.
    @Test func aListKeptAsItIsWrittenIsKeptOnlyWhole() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let path = Self.path(directory)
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.indexPath)) ?? []).filter { $0.contains(".tmp-") || $0.contains(".new-") }
        }
        for language in ["zh", "en"] {
            let arguments = ["rectify", "--as-of", day, "--street", "八大关街道", "--lang", language]
            let before = PosixFile.exists(path) ? [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) : nil
            let failed = Self.run(cli, arguments, ["LEDGER_TEST_RECTIFY_SECOND_READ": "fail"])
            #expect(failed.0 == 2, "\(language): \(failed.2)")
            #expect(temporaries().isEmpty, "\(language): temporaries left: \(temporaries())")
            let after = PosixFile.exists(path) ? [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) : nil
            #expect(after == before, "\(language): the kept list changed though the list stopped")
            let made = Self.run(cli, arguments)
            #expect(made.0 == 0, "\(language): \(made.2)")
            #expect(temporaries().isEmpty, "\(language): temporaries left: \(temporaries())")
            let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let (header, start) = try DerivedStateHeader.decode(file[...], kind: "LEDGER-RECTIFY-LIST", version: 6)
            let body = file[start..<(start + Int(header.bodyBytes))]
            #expect(SHA256.digest(body) == Digest32(bytes: file[(start + Int(header.bodyBytes))...]), "\(language): the body's checksum")
            var r = ByteReader(body)
            let keyRead = r.counted()
            let key = try #require(keyRead, "\(language): the key")
            #expect(key.count == 64, "\(language): the key is a hex SHA-256")
            var tail = ByteReader(body, from: body.endIndex - 8)
            let lengthRead = tail.u64()
            let length = Int(try #require(lengthRead))
            #expect(Array(body[r.offset..<(r.offset + length)]) == made.1, "\(language): the list's bytes follow the key")
            let asked = Self.run(cli, arguments)
            #expect(asked.0 == 0 && asked.1 == made.1 && asked.2 == made.2, "\(language): asked again")
        }
    }

    /// Review 39d: `verify --index` named no line for `rectify.list`, so a list whose text was edited (and its
    /// SHA-256 recomputed, which the file's own checks then pass) came out of the next `rectify --street` as it was.
    /// verify --index now removes it, says so, and the next list is made from the log's state.
    @Test func verifyIndexRemovesTheRenderedList() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let arguments = ["rectify", "--as-of", "2025-12-31", "--street", "八大关街道", "--lang", "en"]
        #expect(cli.run(arguments) == 0)
        let first = cli.stdout
        #expect(PosixFile.exists(Self.path(directory)))
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("index: rectify.list not checked (a rendered list is not compared with the log: removed"), "\(cli.stdout)")
        #expect(!PosixFile.exists(Self.path(directory)))
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(!cli.stdout.contains("rectify.list"), "removed once, not reported again: \(cli.stdout)")
        #expect(cli.run(arguments) == 0)
        #expect(cli.stdout == first)
    }
}
