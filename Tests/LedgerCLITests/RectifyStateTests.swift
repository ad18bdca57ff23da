import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `index/rectify.state` (ledger-spec.md section 15.8): `rectify` of a street, a community or the whole city answered
/// from the stored findings prints what the whole log prints (`LEDGER_SCOPES=off`), byte for byte, for seeded random
/// logs (every event type, ids across communities, corrections, back-dated facts, unknown types), in every format and
/// language, after appends; a damaged, truncated, foreign, stale or other-version file is noticed (stale: silently)
/// and made again, with the same answer.
@Suite struct RectifyStateTests {
    static let formats = ["table", "csv", "json", "html", "md"]

    static func options(_ random: inout SplitMix64) -> [String] {
        var arguments = ["--format", formats[random.int(0..<formats.count)]]
        if random.int(0..<3) == 0 { arguments += ["--ledger-book"] }
        if random.int(0..<4) == 0 { arguments += ["--class", ["LOW", "CON", "FUND,OCC", "IDLE"][random.int(0..<4)]] }
        if random.int(0..<5) == 0 { arguments += ["--status", "new"] }
        if random.int(0..<2) == 0 { arguments += ["--lang", "en"] }
        return arguments
    }

    /// Runs `arguments` and expects the stored state to be left as it is (not written again) and, when `served`, to
    /// have answered: without `index/scopes`, which every other way to the answer reads (and so makes again).
    static func expectFromState(_ cli: CLIHarness, _ directory: LedgerDirectory, _ arguments: [String], _ context: String,
                                served: Bool = true) throws {
        // A scope of no community as of the date is refused, from the whole log (the message lists what there is).
        cli.environment["LEDGER_SCOPES"] = "off"
        let served = served && cli.run(arguments) == 0
        cli.environment["LEDGER_SCOPES"] = nil
        if served { try? PosixFile.remove(ScopeIndex.path(directory)) }
        let before = try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory)))
        let inode = try FileManager.default.attributesOfItem(atPath: RectifyState.path(directory))[.systemFileNumber] as? Int
        ScopeIndexCommandTests.expectSame(cli, arguments, context)
        let after = try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory)))
        let inodeAfter = try FileManager.default.attributesOfItem(atPath: RectifyState.path(directory))[.systemFileNumber] as? Int
        #expect(before == after && inode == inodeAfter, "\(context): the state was made again for \(arguments)")
        if served { #expect(!PosixFile.exists(ScopeIndex.path(directory)), "\(context): not answered from the state: \(arguments)") }
    }

    @Test(arguments: TestScale.seeds(8)) func storedListsAnswerAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x2545_F491 &+ 7)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        while index < events.count {
            let size = min(events.count - index, index == 0 ? 60 : random.int(1...40))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            cli.environment["LEDGER_CITY_PART"] = String([1, 5, 40, 100_000][random.int(0..<4)])
            let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
            // The whole city makes the state for its date (the records appended made the last one stale) …
            ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", day] + Self.options(&random), "seed \(seed), \(index) records, city")
            #expect(PosixFile.exists(RectifyState.path(directory)))
            // … and every street's and community's list of that date is read from it.
            for _ in 0..<3 {
                let street = ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)]
                let community = ScopeIndexCommandTests.communities[random.int(0..<ScopeIndexCommandTests.communities.count)].0
                let scope = random.int(0..<2) == 0 ? ["--street", street] : ["--community", community]
                try Self.expectFromState(cli, directory, ["rectify", "--as-of", day] + scope + Self.options(&random),
                                         "seed \(seed), \(index) records, \(scope)")
            }
            try Self.expectFromState(cli, directory, ["rectify", "--as-of", day] + Self.options(&random), "seed \(seed), \(index) records, city again")
            try Self.expectSameWarnings(cli, directory, day: day, street: ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)],
                                        "seed \(seed), \(index) records")
            // A street's list of another date (today) reads its scope and leaves the state alone: only the whole city
            // makes it, so a street office never waits for the whole city's fold.
            let street = ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)]
            try Self.expectFromState(cli, directory, ["rectify", "--street", street] + Self.options(&random), "seed \(seed), today",
                                     served: false)
            try Self.expectFromState(cli, directory, ["rectify", "--street", street, "--as-of", day] + Self.options(&random), "seed \(seed), its day")
        }
    }

    /// The first whole-city list of a day encodes each part's findings into a scratch file as the part is checked,
    /// holding only what the street medians may still change, and finishes the units once every part is in
    /// (ledger-spec.md 15.8, "Making it"): the file is byte for byte the one made holding every part in memory
    /// (`LEDGER_RECTIFY_SCRATCH=off`) and the one made with both stages on one thread (`LEDGER_RECTIFY_PIPELINE=off`),
    /// its lists are the log's, no scratch file is left in `index/`, and the findings
    /// the medians finish (LOW-02's, CON-06/07 with the shortfall a median explains) are among those compared.
    @Test func stateMadeThroughScratchIsTheOneMadeInMemory() throws {
        var low = 0, explained = 0
        // The sample ledger (LOW-02 peers on one street, rent owed), a synthetic city of several communities per
        // street, and seeded random logs (every event type, corrections, back-dated facts).
        var ledgers: [(name: String, events: [Event], days: [String])] = []
        ledgers.append(("sample", try SampleRecords.load().map(\.event), ["2024-06-30", "2025-06-30", "2026-06-30"]))
        var city = SyntheticCity(eventCount: 8_000, seed: 3, communityCount: 12)
        var cityEvents: [Event] = []
        while !city.isFinished { cityEvents += city.nextBatch(maxEvents: 2_000) }
        ledgers.append(("synthetic", cityEvents, ["2024-12-31"]))
        for seed in TestScale.seeds(2) {
            var random = SplitMix64(seed: UInt64(seed) &* 0x51_7CC1 &+ 3)
            let events = try ScopeIndexCommandTests.randomEvents(&random)
            ledgers.append(("seed \(seed)", events, [ScopeIndexCommandTests.date(&random).adding(days: 200).description]))
        }
        for (name, events, days) in ledgers {
            let cli = CLIHarness()
            let directory = TestLedger.create(in: cli.temp)
            try TestLedger.append(events, to: directory)
            // Few peers make a median: more of the findings it finishes.
            let policy = cli.temp.path + "/policy.json"
            try Data(#"{"income_benchmark_min_peers": 2, "income_benchmark_percent": 90}"#.utf8).write(to: URL(fileURLWithPath: policy))
            for (n, day) in days.enumerated() {
                cli.environment["LEDGER_CITY_PART"] = String([1, 5, 40][n % 3])
                var files: [Data] = []
                // Also with the parts read and checked on one thread (LEDGER_RECTIFY_PIPELINE=off), not two.
                for (scratch, pipeline) in [(nil, nil), ("off", nil), (nil, "off")] as [(String?, String?)] {
                    cli.environment["LEDGER_RECTIFY_SCRATCH"] = scratch
                    cli.environment["LEDGER_RECTIFY_PIPELINE"] = pipeline
                    try? PosixFile.remove(RectifyState.path(directory))
                    ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", day, "--policy", policy, "--format", "csv"],
                                                      "\(name) \(day), scratch \(scratch ?? "on"), pipeline \(pipeline ?? "on")")
                    files.append(try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory))))
                }
                cli.environment["LEDGER_RECTIFY_SCRATCH"] = nil
                cli.environment["LEDGER_RECTIFY_PIPELINE"] = nil
                #expect(files[0] == files[1], "\(name) \(day): the state made through scratch files differs")
                #expect(files[0] == files[2], "\(name) \(day): the state made on one thread differs from the pipeline's")
                let left = try FileManager.default.contentsOfDirectory(atPath: directory.indexPath).filter { $0.hasPrefix("rectify.scratch") }
                #expect(left.isEmpty, "\(name): \(left)")
                guard case .usable(let stored)? = RectifyState.open(directory) else { Issue.record("\(name): no usable state"); continue }
                defer { stored.close() }
                for index in 0..<stored.unitCount {
                    for f in stored.unit(index)?.findings ?? [] {
                        if f.rule == .lowIncome { low += 1 }
                        if let fact = f.facts.first(where: { $0.key == .incomeShortfallExplained }) {
                            explained += 1
                            // The medians' finish states the window as the rules do (近365天实收).
                            #expect(fact.values.contains { $0.name == "window_days" && ($0.value == .integer(365) || $0.value == .integer(366)) },
                                    "\(name): \(fact)")
                        }
                    }
                }
            }
        }
        #expect(low > 0 && explained > 0, "LOW-02 \(low), shortfalls explained \(explained): the ledgers do not cover what the medians finish")
    }

    /// A list read from the state is written a community at a time (its findings decoded, sorted and linked as
    /// their turn comes); the bytes, the warnings and the exit status are those of the same list held whole
    /// (`LEDGER_RECTIFY_PARTS=off`), in every format and language, for the city, a street and a community, to
    /// standard output and to `--out` with `--meta`.
    @Test(arguments: TestScale.seeds(3)) func listsWrittenByCommunityAreTheWholeList(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 5)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(events, to: directory)
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        cli.environment["LEDGER_CITY_PART"] = String([3, 40, 100_000][random.int(0..<3)])
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(RectifyState.path(directory)))
        func run(_ arguments: [String], whole: Bool) -> (Int32, [UInt8], String, [UInt8]) {
            cli.environment["LEDGER_RECTIFY_PARTS"] = whole ? "off" : nil
            let out = cli.temp.path + "/list.out", meta = cli.temp.path + "/list.meta"
            try? PosixFile.remove(out); try? PosixFile.remove(meta)
            let status = cli.run(arguments)
            let stdout = cli.stdoutBytes, stderr = cli.stderr.replacingOccurrences(of: cli.temp.path, with: "TMP")
            let file = ((try? Data(contentsOf: URL(fileURLWithPath: out))).map { [UInt8]($0) } ?? [])
                + ((try? Data(contentsOf: URL(fileURLWithPath: meta))).map { [UInt8]($0) } ?? [])
            return (status, stdout, stderr, file)
        }
        for format in Self.formats {
            for language in ["zh", "en"] {
                var scopes: [[String]] = [[], ["--street", ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)]],
                                          ["--community", ScopeIndexCommandTests.communities[random.int(0..<ScopeIndexCommandTests.communities.count)].0]]
                if random.int(0..<2) == 0 { scopes[0] += ["--class", ["LOW", "CON", "FUND,OCC", "IDLE"][random.int(0..<4)]] }
                if random.int(0..<2) == 0 { scopes[0] += ["--fail-on", "any"] }
                if random.int(0..<2) == 0 { scopes[0] += ["--out", cli.temp.path + "/list.out", "--meta", cli.temp.path + "/list.meta"] }
                for scope in scopes {
                    let arguments = ["rectify", "--as-of", day, "--format", format, "--lang", language] + scope
                    let whole = run(arguments, whole: true), parted = run(arguments, whole: false)
                    #expect(whole.0 == parted.0, "seed \(seed) \(arguments): status")
                    #expect(whole.1 == parted.1, "seed \(seed) \(arguments): the list\n\(String(decoding: parted.1, as: UTF8.self))")
                    #expect(whole.2 == parted.2, "seed \(seed) \(arguments): warnings\n\(parted.2)\n---\n\(whole.2)")
                    #expect(whole.3 == parted.3, "seed \(seed) \(arguments): --out and --meta")
                }
            }
        }
        cli.environment["LEDGER_RECTIFY_PARTS"] = nil
        // The first pass reads outlines: each is its finding's rule, community, key, state and records.
        guard case .usable(let stored)? = RectifyState.open(directory) else { Issue.record("seed \(seed): no usable state"); return }
        defer { stored.close() }
        for index in 0..<stored.unitCount {
            let unit = stored.unit(index), outlines = stored.outlines(index)
            #expect(unit != nil && outlines?.findings.count == unit?.findings.count, "seed \(seed): unit \(index)")
            guard let unit, let outlines else { continue }
            #expect(outlines.background == unit.background && outlines.persons == unit.persons, "seed \(seed): unit \(index)")
            for (f, o) in zip(unit.findings, outlines.findings) {
                #expect(o.rule == f.rule && o.communityID == f.communityID && o.key == f.key && o.isOpen == f.isOpen
                        && Set(o.seqs) == Set(f.evidence.map(\.seq)), "seed \(seed): \(f.key)")
            }
        }
    }

    /// Standard error of lists read from the state: the whole city's is the whole log's, byte for byte (the records
    /// that cannot be applied, the personal values missing from `private/`); a street's warns about the records of
    /// its own units (its communities' groups) and of the global part only — the whole log's, restricted to them.
    static func expectSameWarnings(_ cli: CLIHarness, _ directory: LedgerDirectory, day: String, street: String, _ context: String) throws {
        let city = ["rectify", "--as-of", day, "--format", "csv"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(city) == 0)
        let plain = cli.stderr
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(cli.run(city) == 0)
        #expect(cli.stderr == plain, "\(context): the whole city's warnings\n\(cli.stderr)\n---\n\(plain)")
        // The street's: the anomalies of its units and of the global part, as the file holds them.
        guard case .usable(let stored)? = RectifyState.open(directory) else { Issue.record("\(context): no usable state"); return }
        defer { stored.close() }
        var expected: [(seq: Int64, eventID: String, reason: String)] = stored.global()?.anomalies ?? []
        var any = false
        for index in 0..<stored.unitCount where stored.communities[index].contains(where: { $0.street == street }) {
            expected += stored.unit(index)?.anomalies ?? []
            any = true
        }
        guard any else { return }
        expected = expected.enumerated().sorted { ($0.element.seq, $0.offset) < ($1.element.seq, $1.offset) }.map(\.element)
        #expect(cli.run(["rectify", "--as-of", day, "--street", street, "--format", "csv"]) == 0)
        let listed = cli.stderr.split(separator: "\n").filter { $0.hasPrefix("  #") }.map(String.init)
        #expect(listed == expected.prefix(20).map { "  #\($0.seq) \($0.eventID): \($0.reason)" }, "\(context): \(street)\n\(cli.stderr)")
        // Every line it lists is one the whole log lists.
        let all = Set(plain.split(separator: "\n").filter { $0.hasPrefix("  #") }.map(String.init))
        if expected.count <= 20, plain.split(separator: "\n").filter({ $0.hasPrefix("  #") }).count < 20 {
            #expect(listed.allSatisfy(all.contains), "\(context): \(street)")
        }
    }

    /// A whole-city list of an earlier check date does not replace a usable file of a later date (ledger-spec.md
    /// 15.8): the street offices' lists of the later date (today's, in practice) stay cheap; a later date replaces it,
    /// and any date a stale file or one that cannot be used.
    @Test func anEarlierDateDoesNotReplaceALaterOne() throws {
        var random = SplitMix64(seed: 23)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(100)), to: directory)
        cli.environment["LEDGER_CITY_PART"] = "7"
        let path = RectifyState.path(directory)
        func stored() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-03-01"], "the later date")
        let later = try stored()
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2025-06-30", "--format", "json"], "an earlier date")
        #expect(try stored() == later, "an earlier date replaced the file")
        try Self.expectFromState(cli, directory, ["rectify", "--as-of", "2026-03-01", "--street", "八大关街道"], "the later date's street")
        // A later date replaces it.
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-06-30"], "a later date")
        #expect(try stored() != later)
        try Self.expectFromState(cli, directory, ["rectify", "--as-of", "2026-06-30", "--community", "C-QF"], "the latest date's community")
        func made() -> String? {
            guard case .usable(let state)? = RectifyState.open(directory) else { return nil }
            defer { state.close() }
            return state.asOf.description
        }
        // Stale (records after its stamp): it serves no list until made again, so an earlier date replaces it.
        try TestLedger.append(Array(events[100..<110]), to: directory)
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2025-06-30"], "an earlier date, stale file")
        #expect(made() == "2025-06-30")
        // A file that cannot be used (truncated) is replaced whatever its date.
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-06-30"], "a later date again")
        let bytes = [UInt8](try stored())
        try PosixFile.writeAtomically(Array(bytes.prefix(bytes.count - 10)), to: path)
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2025-06-30"], "an earlier date, damaged file")
        #expect(made() == "2025-06-30")
    }

    /// What a rectify killed while writing its files left in `index/` is removed when the next one writes: an
    /// unlocked `NAME.tmp-<16 hex>` of `rectify.state`, `rectify.patch` or `rectify.list` (or of another file written
    /// through a locked temporary, as `scopes`: one cleaner, `IndexTemporary`), and an unlocked `.NAME.tmp-<16 hex>`
    /// of earlier versions once an hour old; a temporary a writer holds (locked), a recent one of an earlier version
    /// and other files' are left.
    @Test func abandonedTemporariesAreRemovedWhenRectifyWrites() throws {
        var random = SplitMix64(seed: 29)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(80)), to: directory)
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-03-01"], "the first list")
        let index = directory.indexPath + "/"
        let abandoned = [RectifyState.fileName, RectifyState.patchFileName, RectifyState.listFileName, ScopeIndex.fileName]
            .map { index + $0 + ".tmp-0123456789abcdef" }
        let oldLegacy = index + "." + RectifyState.fileName + ".tmp-fedcba9876543210"
        let newLegacy = index + "." + RectifyState.listFileName + ".tmp-00112233445566ff"
        let held = index + RectifyState.patchFileName + ".tmp-aaaaaaaaaaaaaaaa"
        let others = [index + MentionIndex.fileName + ".tmp-bbbbbbbbbbbbbbbb", index + RectifyState.fileName + ".tmp-short"]
        for path in abandoned + [oldLegacy, newLegacy, held] + others { try PosixFile.writeAtomically(Array("half a file".utf8), to: path) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 3600)], ofItemAtPath: oldLegacy)
        let holder = try PosixFile(path: held, mode: .read, followLinks: false)
        defer { holder.close() }
        #expect(try holder.lockExclusive(timeoutMilliseconds: 0))
        // A later date makes the file again.
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-03-02"], "a later date")
        for path in abandoned + [oldLegacy] { #expect(!PosixFile.exists(path), "\(path) was left") }
        for path in [newLegacy, held] + others { #expect(PosixFile.exists(path), "\(path) was removed") }
        // None of rectify's own is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.indexPath).filter { $0.contains(".tmp-") }
        #expect(Set(left) == Set(([newLegacy, held] + others).map { String($0.dropFirst(index.count)) }), "\(left)")
        // The temporary a writer held goes once it is let go, with the next file written (a street's kept list).
        holder.close()
        #expect(cli.run(["rectify", "--as-of", "2026-03-02", "--street", "八大关街道"]) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(index + RectifyState.listFileName))
        #expect(!PosixFile.exists(held))
    }

    /// Personal values missing from `private/`: a list read from the state counts those its records name, as the
    /// log's answer does — the whole city's count is the whole log's; a street's counts its own communities'.
    @Test func storedListsCountMissingPersonalValuesAsTheLogDoes() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        let more = """
        {"id":"c2","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-2","name":"山海苑","street":"湛山街道","residents_committee":"山海社区","total_area_m2":"30000.00","total_owners":200}}
        {"id":"a3","type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"A-3","community_id":"C-2","kind":"corridor","name":"2号楼走廊","location":"2号楼","area_m2":"18","registered_on":"2024-03-02","source":{"kind":"manual"}}}
        {"id":"o2","type":"occupation.reported","occurred_on":"2024-05-01","data":{"occupation_id":"O-2","asset_id":"A-3","occupant":{"person":"赵六"},"description":"停放电动车"}}

        """
        #expect(cli.run(["append", "--actor", "clerk"], stdin: PersonalDataCommandTests.events + more) == 0, "\(cli.stderr)")
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        try FileManager.default.removeItem(atPath: directory.path + "/private")
        let city = ["rectify", "--as-of", "2025-06-30"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(city) == 0)
        let plain = cli.stderr
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(plain.contains("warning: 3 personal values"), "\(plain)")
        #expect(cli.run(city) == 0 && cli.stderr == plain, "made: \(cli.stderr)")
        #expect(cli.run(city) == 0 && cli.stderr == plain, "read from the state: \(cli.stderr)")
        // A street's list from the state warns as its scoped read does (about its own community's persons).
        for street in ["八大关街道", "湛山街道"] {
            let arguments = city + ["--street", street]
            #expect(cli.run(arguments) == 0)
            let fromState = cli.stderr
            let saved = try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory)))
            try PosixFile.remove(RectifyState.path(directory))
            #expect(cli.run(arguments) == 0)
            #expect(fromState == cli.stderr, "\(street): \(fromState)\n---\n\(cli.stderr)")
            #expect(!PosixFile.exists(RectifyState.path(directory)))
            try saved.write(to: URL(fileURLWithPath: RectifyState.path(directory)))
        }
    }

    /// A file that cannot be used is noticed in one line and made again; a stale one (records after its stamp) is made
    /// again without a notice; every answer is the log's.
    @Test func damagedForeignStaleAndOtherVersionStateIsMadeAgain() throws {
        var random = SplitMix64(seed: 91)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(100)), to: directory)
        cli.environment["LEDGER_CITY_PART"] = "9"
        // Only the whole city's list makes the file (a street's reads its scope when the file cannot answer).
        let arguments = ["rectify", "--format", "json"]
        func plain() -> [UInt8] {
            cli.environment["LEDGER_SCOPES"] = "off"
            #expect(cli.run(arguments) == 0)
            cli.environment["LEDGER_SCOPES"] = nil
            return cli.stdoutBytes
        }
        func expectNoticed(_ what: String) {
            let answer = plain()
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
            let notes = ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.state in") }
            #expect(notes.count == 1 && notes[0].hasSuffix("rebuilt from the log (answers are unaffected)."), "\(what): \(cli.stderr)")
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): made again")
        }
        ScopeIndexCommandTests.expectSame(cli, arguments, "fresh")
        let path = RectifyState.path(directory)
        var good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A flipped bit in the findings.
        var bytes = good
        bytes[bytes.count - 200] ^= 0x10
        try PosixFile.writeAtomically(bytes, to: path)
        expectNoticed("flipped")
        // Truncated.
        try PosixFile.writeAtomically(Array(good.prefix(good.count - 50)), to: path)
        expectNoticed("truncated")
        // Another version.
        bytes = good
        bytes[RectifyState.kind.utf8.count + 1] = 99
        try PosixFile.writeAtomically(bytes, to: path)
        expectNoticed("version")
        // A length near 2^64: the table's (the body's first u64), and the header's body length with the header's
        // checksum made again. Read as damaged, never a trap (an overflow in `length + 40` once trapped).
        guard let (header, headerLength) = try? DerivedStateHeader.decode(good[...], kind: RectifyState.kind,
                                                                                   version: RectifyState.version) else {
            Issue.record("the file's header cannot be read"); return
        }
        for huge: UInt64 in [UInt64.max, UInt64.max - 39, UInt64.max - 40] {
            var w = ByteWriter()
            w.u64(huge)
            bytes = good
            bytes.replaceSubrange(headerLength..<(headerLength + 8), with: w.bytes)
            try PosixFile.writeAtomically(bytes, to: path)
            expectNoticed("table length \(huge)")
            bytes = good
            let forged = DerivedStateHeader(kind: header.kind, version: header.version, ledgerName: header.ledgerName,
                                            genesis: header.genesis, stamp: header.stamp, bodyBytes: huge).encoded()
            #expect(forged.count == headerLength)
            bytes.replaceSubrange(0..<headerLength, with: forged)
            try PosixFile.writeAtomically(bytes, to: path)
            expectNoticed("body length \(huge)")
        }
        // A unit whose every checksum is made again over a changed item kind ("asset" → "Zsset"): the outline
        // skips that field, the whole decode refuses it. Noticed and rebuilt before anything is written, never a
        // trap in the second pass (review finding: it stopped the process).
        bytes = good
        func u64(_ at: Int) -> Int { Int(bytes[at..<(at + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }) }
        let tableStart = headerLength + 8, tableLength = u64(headerLength)
        var at = tableStart + 8
        at += 8 + u64(at)                       // the table's date
        #expect(u64(at) >= 1, "units"); at += 8
        let unitOffset = u64(at), unitLength = u64(at + 8), unitSum = at + 16
        let blobs = tableStart + tableLength + 32
        var f = blobs + unitOffset + 8          // the unit's finding count, then its first finding
        for _ in 0..<4 { f += 8 + u64(f) }      // rule, community, name, street
        #expect((1...16).contains(u64(f)), "the first finding's item kind (asset, fund, contract…)")
        bytes[f + 8] = UInt8(ascii: "Z")
        bytes.replaceSubrange(unitSum..<(unitSum + 32), with: SHA256.digest(bytes[(blobs + unitOffset)..<(blobs + unitOffset + unitLength)]).bytes)
        bytes.replaceSubrange((tableStart + tableLength)..<(tableStart + tableLength + 32),
                              with: SHA256.digest(bytes[tableStart..<(tableStart + tableLength)]).bytes)
        bytes.replaceSubrange((bytes.count - 32)..<bytes.count, with: SHA256.digest(bytes[headerLength..<(bytes.count - 32)]).bytes)
        try PosixFile.writeAtomically(bytes, to: path)
        expectNoticed("an item kind changed under intact checksums")
        // Another ledger's.
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp, name: "another-ledger")
        try TestLedger.append(Array(events.prefix(100)), to: other)
        #expect(cli.run(["rectify", "--ledger", other.path]) == 0)
        try PosixFile.writeAtomically([UInt8](try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(other)))), to: path)
        expectNoticed("foreign")
        // Stale: records after its stamp make it again, without a notice.
        good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try TestLedger.append(Array(events[100..<130]), to: directory)
        ScopeIndexCommandTests.expectSame(cli, arguments, "stale")
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) != good)
        // Deleted: made again, no notice.
        try PosixFile.remove(path)
        ScopeIndexCommandTests.expectSame(cli, arguments, "deleted")
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect(PosixFile.exists(path))
    }

    /// `verify --index` compares the file with the whole city's list of its date and policy, and reports damage as
    /// index damage (the exit status stays the log's).
    @Test func verifyIndexChecksTheStoredList() throws {
        var random = SplitMix64(seed: 17)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(80)), to: directory)
        #expect(cli.run(["verify", "--index"]) == 0 && !cli.stdout.contains("rectify.state"), "only a file rectify made: \(cli.stdout)")
        #expect(cli.run(["rectify", "--as-of", "2026-03-01"]) == 0)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: rectify.state intact (made at record 80); rebuilt from the log at record 80\n"), "\(cli.stdout)")
        let path = RectifyState.path(directory)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 100] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(cli.stdout.contains("\"rectify.state\":{\"detail\":"), "\(cli.stdout)")
        #expect(cli.stdout.contains("\"status\":\"damaged\""), "\(cli.stdout)")
        // Stale: reported, not compared.
        #expect(cli.run(["rectify", "--as-of", "2026-03-01"]) == 0)
        try TestLedger.append(Array(events[80..<90]), to: directory)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: rectify.state not checked (made before the head"), "\(cli.stdout)")
    }

    /// A read of `index/rectify.state` that fails between the two passes of a list written a community at a time (a
    /// disk read error, injected) stops the command with a clerk's message in zh and en and exit status 2: the file
    /// at --out is left as it was (no partial list, no temporary), standard output is said to be incomplete, and
    /// the same command without the fault then writes the list.
    @Test func aFailedSecondReadLeavesNoPartialList() throws {
        var random = SplitMix64(seed: 0x5EC0_4D)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(events, to: directory)
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(cli.stderr)")
        let state = try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory)))
        let out = cli.temp.path + "/list.out"
        let old = Data("the list issued last month\n".utf8)
        for format in Self.formats {
            for language in ["zh", "en"] {
                try old.write(to: URL(fileURLWithPath: out))
                let arguments = ["rectify", "--as-of", day, "--format", format, "--lang", language]
                cli.environment["LEDGER_TEST_RECTIFY_SECOND_READ"] = "fail"
                #expect(cli.run(arguments + ["--out", out]) == 2, "\(format) \(language): \(cli.stderr)")
                let said = language == "zh" ? ["index/rectify.state", "第二次却读取失败", "未写出 \(out)（原有内容不变）", "请重新运行"]
                                            : ["index/rectify.state", "not a second time", "\(out) was not written", "Run the command again"]
                for words in said { #expect(cli.stderr.contains(words), "\(format) \(language): \(words) in \(cli.stderr)") }
                #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == old, "\(format) \(language): --out was replaced")
                let left = try FileManager.default.contentsOfDirectory(atPath: cli.temp.path).filter { $0.contains(".tmp-") }
                #expect(left.isEmpty, "\(format) \(language): temporaries left: \(left)")
                // Standard output has had what came before the fault: it is said to be incomplete.
                #expect(cli.run(arguments) == 2, "\(format) \(language): \(cli.stderr)")
                #expect(cli.stderr.contains(language == "zh" ? "标准输出上的清单不完整" : "the list on standard output is incomplete"),
                        "\(format) \(language): \(cli.stderr)")
                cli.environment["LEDGER_TEST_RECTIFY_SECOND_READ"] = nil
                #expect(cli.run(arguments + ["--out", out]) == 0, "\(format) \(language): \(cli.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: out)) != old, "\(format) \(language): the list was not written")
            }
        }
        // The state is derived and intact: the fault did not make it again.
        #expect(try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory))) == state)
    }
}
