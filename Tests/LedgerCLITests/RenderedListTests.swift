import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// `index/rectify.list` (ledger-spec.md section 15.9): a street's or a community's list asked again is written from
/// the kept bytes — the same list, warnings and exit status as making it (`LEDGER_RECTIFY_LIST=off`) and the same
/// list as the whole log gives (`LEDGER_SCOPES=off`); a list of other options, dates, personal values or a later
/// head is made again; a damaged, truncated, foreign or other-version file is noticed in one line and made again.
@Suite struct RenderedListTests {
    static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/rectify.list" }

    /// (status, stdout, stderr, --out file) of `arguments`.
    static func run(_ cli: CLIHarness, _ arguments: [String], environment: [String: String?] = [:]) -> (Int32, [UInt8], String, [UInt8]) {
        for (k, v) in environment { cli.environment[k] = v }
        defer { for k in environment.keys { cli.environment[k] = nil } }
        let out = cli.temp.path + "/list.out"
        try? PosixFile.remove(out)
        let status = cli.run(arguments)
        let file = (try? Data(contentsOf: URL(fileURLWithPath: out))).map { [UInt8]($0) } ?? []
        return (status, cli.stdoutBytes, cli.stderr.replacingOccurrences(of: cli.temp.path, with: "TMP"), file)
    }

    /// Runs `arguments` three ways and expects one answer: made (the file kept), read from the kept file (without
    /// `index/scopes` and `index/rectify.state`, which every other way reads, so made again), and from the whole log.
    static func expectKept(_ cli: CLIHarness, _ directory: LedgerDirectory, _ arguments: [String], _ context: String) {
        let made = run(cli, arguments, environment: ["LEDGER_RECTIFY_LIST": "off"])
        let plain = run(cli, arguments, environment: ["LEDGER_SCOPES": "off"])
        #expect(made.0 == plain.0 && made.1 == plain.1 && made.3 == plain.3, "\(context): \(arguments) made from the scope")
        try? PosixFile.remove(path(directory))
        _ = run(cli, arguments)
        // A scope of no community as of the date is refused (status 2): nothing to keep.
        #expect(PosixFile.exists(path(directory)) == (made.0 != 2), "\(context): \(arguments) kept: status \(made.0)")
        try? PosixFile.remove(ScopeIndex.path(directory))
        try? PosixFile.remove(RectifyState.path(directory))
        let kept = run(cli, arguments)
        if made.0 != 2 {
            #expect(!PosixFile.exists(ScopeIndex.path(directory)), "\(context): \(arguments) not read from the kept list\n\(kept.2)")
        }
        #expect(kept.0 == made.0, "\(context): \(arguments) status")
        #expect(kept.1 == made.1, "\(context): \(arguments) list")
        #expect(kept.2 == made.2, "\(context): \(arguments) warnings\n\(kept.2)\n---\n\(made.2)")
        #expect(kept.3 == made.3, "\(context): \(arguments) --out")
    }

    @Test(arguments: TestScale.seeds(3)) func keptListsAreTheListsMadeAgain(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x51_7CC1 &+ 3)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.dropLast(5)), to: directory)
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        for format in RectifyStateTests.formats {
            for language in ["zh", "en"] {
                var scope = random.int(0..<2) == 0
                    ? ["--street", ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)]]
                    : ["--community", ScopeIndexCommandTests.communities[random.int(0..<ScopeIndexCommandTests.communities.count)].0]
                if random.int(0..<3) == 0 { scope += ["--class", ["LOW", "CON", "FUND,OCC", "IDLE"][random.int(0..<4)]] }
                if random.int(0..<2) == 0 { scope += ["--fail-on", "any"] }
                if random.int(0..<2) == 0 { scope += ["--out", cli.temp.path + "/list.out"] }
                if random.int(0..<3) == 0 { scope += ["--prepared-on", "2026-01-05"] }
                // Made from the scope's read, and (after a whole-city list of the day) from index/rectify.state.
                if random.int(0..<2) == 0 { #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0) }
                Self.expectKept(cli, directory, ["rectify", "--as-of", day, "--format", format, "--lang", language] + scope,
                                "seed \(seed)")
            }
        }
        // Another list (another street, format or date) replaces it; the one before is made again.
        let a = ["rectify", "--as-of", day, "--street", "八大关街道"], b = ["rectify", "--as-of", day, "--street", "湛山街道", "--format", "md"]
        let answerA = Self.run(cli, a, environment: ["LEDGER_SCOPES": "off"]).1, answerB = Self.run(cli, b, environment: ["LEDGER_SCOPES": "off"]).1
        for arguments in [a, b, a, a, b] {
            let got = Self.run(cli, arguments)
            #expect(got.1 == (arguments == a ? answerA : answerB) && ScopeIndexCommandTests.notes(cli).isEmpty, "seed \(seed): \(arguments)")
        }
        // An append makes it stale: the next list is made again (no notice), with the new record.
        try TestLedger.append(Array(events.suffix(5)), to: directory)
        let after = Self.run(cli, a, environment: ["LEDGER_SCOPES": "off"])
        let got = Self.run(cli, a)
        #expect(got.1 == after.1 && ScopeIndexCommandTests.notes(cli).isEmpty, "seed \(seed): after an append\n\(cli.stderr)")
    }

    /// A list that shows a person's name is kept with what `private/` gave; when `private/` no longer gives it (lost,
    /// restored from another backup) the list is made again and shows what `private/` gives now.
    @Test func changedPersonalValuesMakeTheListAgain() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        let more = """
        {"id":"c2","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-2","name":"山海苑","street":"湛山街道","residents_committee":"山海社区","total_area_m2":"30000.00","total_owners":200}}
        {"id":"a3","type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"A-3","community_id":"C-2","kind":"corridor","name":"2号楼走廊","location":"2号楼","area_m2":"18","registered_on":"2024-03-02","source":{"kind":"manual"}}}
        {"id":"o2","type":"occupation.reported","occurred_on":"2024-05-01","data":{"occupation_id":"O-2","asset_id":"A-3","occupant":{"person":"赵六"},"description":"停放电动车"}}

        """
        #expect(cli.run(["append", "--actor", "clerk"], stdin: PersonalDataCommandTests.events + more) == 0, "\(cli.stderr)")
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let arguments = ["rectify", "--as-of", "2025-06-30", "--street", "湛山街道"]
        Self.expectKept(cli, directory, arguments, "with private/")
        #expect(cli.stdout.contains("赵六"), "the list shows the occupant")
        try FileManager.default.removeItem(atPath: directory.path + "/private")
        let plain = Self.run(cli, arguments, environment: ["LEDGER_SCOPES": "off"])
        let got = Self.run(cli, arguments)
        #expect(!String(decoding: got.1, as: UTF8.self).contains("赵六"), "a kept name shown after private/ lost it")
        #expect(got.0 == plain.0 && got.1 == plain.1 && got.2.contains("personal value"), "\(got.2)")
        Self.expectKept(cli, directory, arguments, "without private/")
    }

    /// The list names where its policy came from: a policy file holding the built-in settings, or the same settings
    /// under another file name, is another list, never the kept one (review B: the kept list named the file of an
    /// earlier run).
    @Test func aPolicyFromAnotherSourceIsAnotherList() throws {
        var random = SplitMix64(seed: 59)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(120)), to: directory)
        let defaults = cli.temp.path + "/same-as-default.json"
        let a = cli.temp.path + "/a.json", b = cli.temp.path + "/b.json"
        try Data(#"{"version": 1, "idle_days": 180}"#.utf8).write(to: URL(fileURLWithPath: defaults))
        for file in [a, b] { try Data(#"{"version": 1, "idle_days": 90}"#.utf8).write(to: URL(fileURLWithPath: file)) }
        let base = ["rectify", "--as-of", "2026-03-01", "--street", "八大关街道", "--format", "json"]
        // Each run after another that kept its list must still answer as the whole log does.
        for arguments in [base + ["--policy", defaults], base, base + ["--policy", defaults],
                          base + ["--policy", a], base + ["--policy", b], base + ["--policy", a]] {
            let got = Self.run(cli, arguments)
            let plain = Self.run(cli, arguments, environment: ["LEDGER_SCOPES": "off"])
            #expect(got.0 == plain.0 && got.1 == plain.1, "\(arguments): \(String(decoding: got.1.prefix(600), as: UTF8.self))")
        }
        _ = directory
    }

    /// Each damage is noticed in one line and the list made again (then kept again, without a notice).
    @Test func damagedForeignAndOtherVersionListsAreMadeAgain() throws {
        var random = SplitMix64(seed: 57)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(120)), to: directory)
        let arguments = ["rectify", "--as-of", "2026-03-01", "--street", "八大关街道", "--format", "json"]
        let answer = Self.run(cli, arguments, environment: ["LEDGER_SCOPES": "off"]).1
        func expectNoticed(_ what: String) {
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
            let notes = ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.list in") }
            #expect(notes.count == 1 && notes[0].hasSuffix("rebuilt from the log (answers are unaffected)."), "\(what): \(cli.stderr)")
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): made again")
        }
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer)
        let path = Self.path(directory)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A flipped bit in the list, one in its key, one in its counts.
        for at in [good.count - 100, good.count / 2, 300] {
            var bytes = good
            bytes[at] ^= 0x04
            try PosixFile.writeAtomically(bytes, to: path)
            expectNoticed("flipped at \(at)")
        }
        try PosixFile.writeAtomically(Array(good.prefix(good.count - 40)), to: path)
        expectNoticed("truncated")
        try PosixFile.writeAtomically(good + [0x0A], to: path)
        expectNoticed("extended")
        var bytes = good
        bytes["LEDGER-RECTIFY-LIST".utf8.count + 1] = 99
        try PosixFile.writeAtomically(bytes, to: path)
        expectNoticed("version")
        // Another ledger's (same list and options).
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp, name: "another-ledger")
        try TestLedger.append(Array(events.prefix(120)), to: other)
        #expect(cli.run(arguments + ["--ledger", other.path]) == 0)
        try PosixFile.writeAtomically([UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path(other)))), to: path)
        expectNoticed("foreign")
        // The kept file alone in index/ (everything else deleted): still the same answer, from it.
        #expect(cli.run(arguments) == 0)
        let kept = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try FileManager.default.removeItem(atPath: directory.indexPath)
        try FileManager.default.createDirectory(atPath: directory.indexPath, withIntermediateDirectories: true)
        try PosixFile.writeAtomically(kept, to: path)
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect(!PosixFile.exists(ScopeIndex.path(directory)), "not read from the kept list")
    }

    /// A list kept before records were appended (a street office's list before a clerk's append) is known stale from
    /// its header and the records after its stamp: it is replaced without reading its body, so damage there is not
    /// noticed (it is never used), and the list is the log's, asked again too (15.9).
    @Test func aListKeptBeforeAnAppendIsReplacedUnread() throws {
        var random = SplitMix64(seed: 61)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(120)), to: directory)
        let arguments = ["rectify", "--as-of", "2026-03-01", "--street", "八大关街道", "--format", "json"]
        #expect(cli.run(arguments) == 0)
        let path = Self.path(directory)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count > 400)
        // Damage in the body (the list's bytes near the end, and its counts): at the head it would be noticed.
        bytes[bytes.count - 100] ^= 0x04
        bytes[bytes.count / 2] ^= 0x04
        try PosixFile.writeAtomically(bytes, to: path)
        try #require(events.count > 121)
        try TestLedger.append(Array(events[120..<min(125, events.count)]), to: directory)
        let plain = Self.run(cli, arguments, environment: ["LEDGER_SCOPES": "off"])
        let got = Self.run(cli, arguments)
        #expect(got.0 == plain.0 && got.1 == plain.1, "stale kept list: \(got.2)")
        #expect(ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.list in") }.isEmpty, "\(cli.stderr)")
        let kept = Self.run(cli, arguments)
        #expect(kept.0 == plain.0 && kept.1 == plain.1 && ScopeIndexCommandTests.notes(cli).isEmpty, "kept again: \(kept.2)")
    }

    /// The first pass of a list made a community at a time reads outlines (`RectifyState.Stored.outlines`), the
    /// second decodes whole findings (`unit`): for any byte changed under intact checksums, the outline pass refuses
    /// a unit exactly when the whole decode does (so the second pass never finds what the first let pass).
    @Test func outlinesRefuseExactlyWhatUnitsRefuse() throws {
        var random = SplitMix64(seed: 77)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(150)), to: directory)
        cli.environment["LEDGER_CITY_PART"] = "5"
        #expect(cli.run(["rectify", "--as-of", "2026-03-01", "--format", "csv"]) == 0)
        let path = RectifyState.path(directory)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard let (_, headerLength) = try? DerivedStateHeader.decode(good[...], kind: RectifyState.kind, version: RectifyState.version) else {
            Issue.record("the file's header cannot be read"); return
        }
        func u64(_ bytes: [UInt8], _ at: Int) -> Int {
            Int(bytes[at..<(at + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        }
        let tableStart = headerLength + 8, tableLength = u64(good, headerLength)
        var at = tableStart + 8
        at += 8 + u64(good, at)                 // the table's date, then its policy
        let units = u64(good, at); at += 8
        #expect(units >= 1)
        let unitOffset = u64(good, at), unitLength = u64(good, at + 8), unitSum = at + 16
        let blobs = tableStart + tableLength + 32
        var refused = 0, tried = 0
        for _ in 0..<TestScale.count("LEDGER_OUTLINE_MUTATIONS", default: 300) {
            var bytes = good
            let position = blobs + unitOffset + random.int(0..<unitLength)
            bytes[position] = [0x00, 0xFF, 0x80, UInt8(ascii: "Z"), bytes[position] ^ 0x01, bytes[position] &+ 1][random.int(0..<6)]
            guard bytes[position] != good[position] else { continue }
            bytes.replaceSubrange(unitSum..<(unitSum + 32), with: SHA256.digest(bytes[(blobs + unitOffset)..<(blobs + unitOffset + unitLength)]).bytes)
            bytes.replaceSubrange((tableStart + tableLength)..<(tableStart + tableLength + 32),
                                  with: SHA256.digest(bytes[tableStart..<(tableStart + tableLength)]).bytes)
            bytes.replaceSubrange((bytes.count - 32)..<bytes.count, with: SHA256.digest(bytes[headerLength..<(bytes.count - 32)]).bytes)
            try PosixFile.writeAtomically(bytes, to: path)
            guard case .usable(let stored)? = RectifyState.open(directory) else { Issue.record("not usable after a change at \(position)"); continue }
            let unit = stored.unit(0), outlines = stored.outlines(0)
            stored.close()
            tried += 1
            #expect((unit == nil) == (outlines == nil), "byte \(position - blobs - unitOffset) of the unit: unit \(unit == nil ? "refused" : "read"), outlines \(outlines == nil ? "refused" : "read")")
            if unit == nil { refused += 1; continue }
            guard let unit, let outlines else { continue }
            #expect(outlines.findings.count == unit.findings.count)
            for (f, o) in zip(unit.findings, outlines.findings) {
                #expect(o.rule == f.rule && o.communityID == f.communityID && o.key == f.key && o.isOpen == f.isOpen
                        && o.seqs == f.evidence.map(\.seq), "\(f.key)")
            }
        }
        #expect(refused > 0 && refused < tried, "the changes tried both kinds: \(refused) of \(tried) refused")
    }
}
