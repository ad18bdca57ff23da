import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// `index/rectify.patch` (ledger-spec.md 15.8, "Refolding"): after an append, `index/rectify.state` is brought to the
/// head by refolding only the community groups the new records join. For seeded random logs with appends between
/// the lists (payments, facts naming other communities' ids, corrections, records of unknown types), across check
/// dates and policies, every list answered from the state (street, community, whole city) is byte for byte the
/// whole log's (`LEDGER_SCOPES=off`), and the state with its patch holds, unit by unit, the bytes the whole city's
/// fold makes (`LEDGER_RECTIFY_REFOLD=off`). A damaged, truncated, foreign, other-version or stale patch is noticed
/// (stale: silently) and made again, with the same answers.
@Suite struct RectifyRefoldTests {
    /// The units and global part of the state (with its patch) at the head, or nil when it is not usable.
    static func contents(_ directory: LedgerDirectory) -> (units: [[UInt8]], communities: [[String]], global: [UInt8], seq: Int64, patched: Bool)? {
        guard case .usable(let stored)? = RectifyState.open(directory) else { return nil }
        defer { stored.close() }
        var units: [[UInt8]] = []
        for index in 0..<stored.unitCount {
            guard let bytes = stored.unitBytes(index) else { return nil }
            units.append(bytes)
        }
        guard let global = stored.globalBytes() else { return nil }
        return (units, stored.communities.map { $0.map { "\($0.id)|\($0.name)|\($0.street)" } }, global, stored.header.stamp.seq,
                stored.isPatched)
    }

    /// Appended events: payments and facts copied from the sample with ids drawn again (most join one community's
    /// group, some join two), corrections, records of unknown types.
    static func appended(_ round: Int, _ sample: [Event], _ log: [Event], _ random: inout SplitMix64) -> [Event] {
        var batch: [Event] = []
        for n in 0..<random.int(1...3) {
            var event: Event
            switch random.int(0..<10) {
            case 0:
                event = TestLedger.event(round * 10 + n)
            case 1:
                let target = log[random.int(0..<log.count)]
                let on = ScopeIndexCommandTests.date(&random)
                let data: [String: JSONValue] = ["corrects": .string(target.id!), "reason": .string("更正")]
                event = Event(id: nil, occurredOn: on, actor: "t",
                              payload: EventPayload.decoding(type: "correction", occurredOn: on, canonicalData: CanonicalJSON.encode(.object(data))[...]))
            case 2...4:
                // A payment as recorded: its fund's group only.
                let incomes = sample.filter { $0.type == "fund.income" }
                event = incomes[random.int(0..<incomes.count)]
            default:
                event = ScopeIndexCommandTests.mutated(sample[random.int(0..<sample.count)], &random)
            }
            event.id = "add-\(round)-\(n)"
            batch.append(event)
        }
        return batch
    }

    @Test(arguments: TestScale.seeds(6)) func refoldedListsAnswerAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x6A09_E667 &+ 13)
        let sample = try SampleRecords.load().map(\.event)
        var log = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(log, to: directory)
        let policyPath = cli.temp.path + "/policy.json"
        try Data(#"{"version":1,"income_benchmark_min_peers":2,"idle_days":120,"income_benchmark_percent":70}"#.utf8)
            .write(to: URL(fileURLWithPath: policyPath))
        var day = "", policy: [String] = []
        var refolds = 0
        for round in 0..<14 {
            if round % 5 == 0 {
                // A new day, or another policy: the whole city makes the state for them.
                day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
                policy = random.int(0..<2) == 0 ? [] : ["--policy", policyPath]
                cli.environment["LEDGER_CITY_PART"] = String([1, 7, 40, 100_000][random.int(0..<4)])
                ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", day, "--format", "csv"] + policy, "seed \(seed) round \(round): city")
            }
            let batch = Self.appended(round, sample, log, &random)
            try TestLedger.append(batch, to: directory)
            log += batch
            let street = ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)]
            let community = ScopeIndexCommandTests.communities[random.int(0..<ScopeIndexCommandTests.communities.count)].0
            let scope = [["--street", street], ["--community", community], []][random.int(0..<3)]
            let arguments = ["rectify", "--as-of", day] + policy + scope + RectifyStateTests.options(&random)
            let context = "seed \(seed) round \(round) \(arguments)"
            ScopeIndexCommandTests.expectSame(cli, arguments, context)
            // A list of another day or policy, after the append, is the log's too (and leaves the state alone).
            if random.int(0..<4) == 0 {
                ScopeIndexCommandTests.expectSame(cli, ["rectify", "--street", street, "--format", "json"], "\(context): today")
            }
            guard let refolded = Self.contents(directory), refolded.patched else { continue }
            refolds += 1
            // The patched state is the one the whole city's fold makes, unit by unit.
            try PosixFile.remove(RectifyState.path(directory))
            try? PosixFile.remove(RectifyState.patchPath(directory))
            cli.environment["LEDGER_RECTIFY_REFOLD"] = "off"
            #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"] + policy) == 0, "\(context): \(cli.stderr)")
            cli.environment["LEDGER_RECTIFY_REFOLD"] = nil
            guard let made = Self.contents(directory) else { Issue.record("\(context): no state made"); continue }
            #expect(!made.patched && made.seq == refolded.seq, "\(context)")
            #expect(made.communities == refolded.communities, "\(context): communities")
            #expect(made.units.count == refolded.units.count, "\(context): units")
            for (index, (a, b)) in zip(made.units, refolded.units).enumerated() {
                #expect(a == b, "\(context): unit \(index) (\(made.communities[index]))")
            }
            #expect(made.global == refolded.global, "\(context): the global part")
        }
        // Most appends join one group: the refold must have served some lists (this fails without it).
        #expect(refolds > 0, "seed \(seed): never refolded")
    }

    /// A street's list after a payment is appended: the state is refolded (its file untouched, a patch written), not
    /// made again and not read around; a damaged, truncated, other-version or foreign patch is noticed, removed and
    /// made again; a stale one is refolded further without a notice; one naming an older state is ignored.
    @Test func damagedForeignStaleAndOtherVersionPatchIsNoticed() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let income = try #require(sample.first { $0.type == "fund.income" })
        func payment(_ n: Int) -> Event { var e = income; e.id = "extra-\(n)"; return e }
        let day = "2025-12-31"
        // The street's list kept as written (index/rectify.list) would answer before the state is opened.
        cli.environment["LEDGER_RECTIFY_LIST"] = "off"
        let arguments = ["rectify", "--as-of", day, "--street", "八大关街道", "--format", "json"]
        #expect(cli.run(["rectify", "--as-of", day]) == 0, "\(cli.stderr)")
        let statePath = RectifyState.path(directory), patchPath = RectifyState.patchPath(directory)
        let state = [UInt8](try Data(contentsOf: URL(fileURLWithPath: statePath)))
        try TestLedger.append([payment(1)], to: directory)
        func plain() -> [UInt8] {
            cli.environment["LEDGER_SCOPES"] = "off"
            #expect(cli.run(arguments) == 0)
            cli.environment["LEDGER_SCOPES"] = nil
            return cli.stdoutBytes
        }
        var answer = plain()
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer)
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect(PosixFile.exists(patchPath), "refolded")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: statePath))) == state, "the state's file is left as it was")
        #expect(Self.contents(directory)?.patched == true)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: patchPath)))

        func expectNoticed(_ what: String) {
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
            let notes = ScopeIndexCommandTests.notes(cli)
            #expect(notes.count == 1 && notes[0].hasPrefix("note: rectify.patch in")
                    && notes[0].hasSuffix("rebuilt from the log (answers are unaffected)."), "\(what): \(cli.stderr)")
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): made again")
            #expect(Self.contents(directory)?.patched == true, "\(what): refolded again")
            #expect((try? Data(contentsOf: URL(fileURLWithPath: patchPath))).map { [UInt8]($0) } == good, "\(what): the same patch")
        }
        var bytes = good
        bytes[bytes.count - 40] ^= 0x04
        try PosixFile.writeAtomically(bytes, to: patchPath)
        expectNoticed("flipped")
        try PosixFile.writeAtomically(Array(good.prefix(good.count - 9)), to: patchPath)
        expectNoticed("truncated")
        bytes = good
        bytes[RectifyState.patchKind.utf8.count + 1] = 99
        try PosixFile.writeAtomically(bytes, to: patchPath)
        expectNoticed("version")
        // Another ledger's (same records, another name).
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp, name: "another-ledger")
        try TestLedger.append(sample, to: other)
        #expect(cli.run(["rectify", "--ledger", other.path, "--as-of", day]) == 0)
        try TestLedger.append([payment(1)], to: other)
        #expect(cli.run(["rectify", "--ledger", other.path, "--as-of", day, "--street", "八大关街道"]) == 0)
        try PosixFile.writeAtomically([UInt8](try Data(contentsOf: URL(fileURLWithPath: RectifyState.patchPath(other)))), to: patchPath)
        expectNoticed("foreign")
        // Stale: a record after the patch's stamp is refolded on top of it, without a notice.
        try TestLedger.append([payment(2)], to: directory)
        answer = plain()
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "stale: \(cli.stderr)")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: statePath))) == state, "stale: the state's file is left as it was")
        #expect(Self.contents(directory)?.patched == true && Self.contents(directory)?.seq == Int64(sample.count + 2), "stale: refolded")
        // A whole-city list of a later day makes the state again and removes the patch; the old patch, put back,
        // names another state: ignored without a notice.
        #expect(cli.run(["rectify", "--as-of", "2026-01-01"]) == 0)
        #expect(!PosixFile.exists(patchPath))
        try PosixFile.writeAtomically(good, to: patchPath)
        let arguments30 = ["rectify", "--as-of", "2026-01-01", "--street", "八大关街道", "--format", "json"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments30) == 0)
        cli.environment["LEDGER_SCOPES"] = nil
        let answer30 = cli.stdoutBytes
        #expect(cli.run(arguments30) == 0 && cli.stdoutBytes == answer30 && ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect(Self.contents(directory)?.patched == false)
        // verify --index: a patched state is the one the log gives.
        try PosixFile.remove(patchPath)
        try TestLedger.append([payment(3)], to: directory)
        #expect(cli.run(arguments30) == 0 && Self.contents(directory)?.patched == true)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: rectify.state intact"), "\(cli.stdout)")
        // … and a damaged patch is reported as such (and removed).
        try TestLedger.append([payment(4)], to: directory)
        #expect(cli.run(arguments30) == 0 && Self.contents(directory)?.patched == true)
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: patchPath)))
        bytes[bytes.count / 2] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: patchPath)
        try TestLedger.append([payment(5)], to: directory)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.split(separator: "\n").contains { $0.contains("rectify.patch") && $0.contains("DAMAGED") }, "\(cli.stdout)")
        #expect(!PosixFile.exists(patchPath))
    }
}
