import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Scoped queries with the partition index `index/scopes` (ledger-spec.md section 15): for seeded random logs —
/// the sample ledger's events and random ones of every type it holds, over several communities and streets, with
/// ids that cross communities, back-dated facts, corrections with and without replacements (moving facts to other
/// communities), corrections of corrections and of nothing, records of an unknown type — every scoped command
/// prints what it prints from the log alone (`LEDGER_SCOPES=off`), at random `--as-of` and `--at-seq`, after
/// appends; and a bad index file is detected, noticed in one line and rebuilt.
@Suite struct ScopeIndexCommandTests {
    static let communities = [("C-HY", "八大关街道"), ("C-QF", "八大关街道"), ("C-YX", "八大关街道"), ("C-LZ", "湛山街道"),
                              ("C-N1", "街道A"), ("C-N2", "街道A"), ("C-N3", "街道B")]
    static let streets = ["八大关街道", "湛山街道", "街道A", "街道B"]
    static let pools: [String: [String]] = [
        "community_id": communities.map(\.0),
        "asset_id": ["A-HY-AD1", "A-HY-CLUB", "A-HY-P01", "A-QF-BSMT", "A-QF-COR", "A-YX-ROOM", "A-LZ-CLUB", "A-LZ-P04",
                     "A-N1-1", "A-N2-1", "A-N3-1"],
        "fund_id": ["F-HY-MF", "F-HY-PI", "F-QF-PI", "F-YX-PI", "F-LZ-PI", "F-LZ-MF", "F-N1", "F-N2", "F-N3"],
        "contract_id": ["K-HY-AD1", "K-HY-P01", "K-QF-BSMT", "K-LZ-PARK", "K-N1", "K-N2"],
        "decision_id": ["D-HY-2024-01", "D-QF-2024-01", "D-LZ-2024-01", "D-YX-2024-01", "D-N1", "D-N2"],
        "use_id": ["U-HY-CLUB", "U-HY-P01", "U-LZ-CLUB1", "U-YX-ROOM", "U-N1", "U-N2", "U-N3"],
        "occupation_id": ["O-HY-GRN", "O-QF-COR", "O-N1", "O-N2"],
    ]

    static func pick(_ key: String, _ random: inout SplitMix64) -> String {
        let pool = pools[key]!
        return pool[random.int(0..<pool.count)]
    }

    static func date(_ random: inout SplitMix64) -> CalendarDate {
        CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: random.int(0..<900))
    }

    /// `event` with its ids drawn again from the pools (so it may name another community's entities) and a new date.
    static func mutated(_ event: Event, _ random: inout SplitMix64) -> Event {
        var data = event.data
        for key in data.keys.sorted() {
            switch key {
            case "community_id", "asset_id", "fund_id", "contract_id", "decision_id", "use_id", "occupation_id":
                data[key] = .string(pick(key, &random))
            case "from_fund_id", "to_fund_id", "payee_fund_id": data[key] = .string(pick("fund_id", &random))
            case "source_contract_id": data[key] = .string(pick("contract_id", &random))
            case "asset_ids": data[key] = .array((0..<random.int(1...2)).map { _ in .string(pick("asset_id", &random)) })
            case "fund_ids": data[key] = .array([.string(pick("fund_id", &random))])
            case "street": data[key] = .string(streets[random.int(0..<streets.count)])
            case "authority":
                data[key] = random.int(0..<2) == 0 ? .object(["contract_id": .string(pick("contract_id", &random))])
                    : .object(["decision_id": .string(pick("decision_id", &random))])
            default: break
            }
        }
        let on = date(&random)
        return Event(id: event.id, occurredOn: on, actor: event.actor,
                     payload: EventPayload.decoding(type: event.type, occurredOn: on, canonicalData: CanonicalJSON.encode(.object(data))[...]))
    }

    /// A random log: the sample's events in order, interleaved with mutated copies, corrections and unknown types;
    /// with `otherTypes`, one replacement in six is of another type than the record it voids.
    static func randomEvents(_ random: inout SplitMix64, otherTypes: Bool = true) throws -> [Event] {
        let sample = try SampleRecords.load().map(\.event)
        var events: [Event] = []
        var next = 0
        let length = random.int(120...220)
        while events.count < length {
            var event: Event
            switch random.int(0..<10) {
            case 0...3 where next < sample.count:
                event = sample[next]
                next += 1
            case 0...5:
                event = mutated(sample[random.int(0..<sample.count)], &random)
            case 6:
                event = TestLedger.event(events.count)
            default:
                guard !events.isEmpty else { continue }
                let target = events[random.int(0..<events.count)]
                var data: [String: JSONValue] = ["corrects": .string(random.int(0..<10) == 0 ? "no-such-event" : target.id!), "reason": .string("更正")]
                if target.type != EventType.correction.rawValue, target.type != "test.note", random.int(0..<3) > 0 {
                    var replacement = random.int(0..<2) == 0 ? mutated(target, &random) : target
                    // One in six of another type (the writer's domain check refuses it, the log format does not): the
                    // replacement may concern other communities than the record it voids.
                    if otherTypes, random.int(0..<6) == 0 {
                        let other = sample[random.int(0..<sample.count)]
                        if other.type != target.type, other.type != EventType.correction.rawValue { replacement = mutated(other, &random) }
                    }
                    data["replacement"] = .object(["type": .string(replacement.type), "occurred_on": .string(date(&random).description),
                                                   "data": .object(replacement.data)])
                }
                let on = date(&random)
                event = Event(id: nil, occurredOn: on, actor: "t",
                              payload: EventPayload.decoding(type: "correction", occurredOn: on, canonicalData: CanonicalJSON.encode(.object(data))[...]))
            }
            event.id = "r-\(events.count)"
            events.append(event)
        }
        return events
    }

    /// The random logs hold replacements of another type than the record they void, some of them naming other ids.
    @Test func randomLogsHoldReplacementsOfAnotherType() throws {
        var otherType = 0
        for seed in 0..<10 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
            let events = try Self.randomEvents(&random)
            let types = Dictionary(events.map { ($0.id!, $0.type) }, uniquingKeysWith: { first, _ in first })
            for event in events where event.type == EventType.correction.rawValue {
                guard case .string(let corrects)? = event.data["corrects"], case .object(let replacement)? = event.data["replacement"],
                      case .string(let type)? = replacement["type"], let corrected = types[corrects] else { continue }
                if type != corrected { otherType += 1 }
            }
        }
        #expect(otherType > 10, "\(otherType) replacements of another type")
    }

    static let commands = ["assets", "balances", "contracts", "decisions", "communities", "rectify"]

    /// Runs `arguments` with the index and from the log alone; expects the same output and status.
    static func expectSame(_ cli: CLIHarness, _ arguments: [String], _ context: String) {
        cli.environment["LEDGER_SCOPES"] = "off"
        let plainStatus = cli.run(arguments)
        let plain = cli.stdoutBytes, plainErr = cli.stderr
        cli.environment["LEDGER_SCOPES"] = nil
        let status = cli.run(arguments)
        #expect(status == plainStatus, "\(context): \(arguments)")
        #expect(cli.stdoutBytes == plain, "\(context): \(arguments)\n\(cli.stdout)")
        // Errors (an unknown community as of the date) say the same; warnings may differ (only the scope's records
        // are read, so only their anomalies are found).
        if status != 0 { #expect(cli.stderr == plainErr, "\(context): \(arguments)") }
    }

    @Test(arguments: TestScale.seeds(10)) func scopedCommandsAnswerAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        let events = try Self.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        var checkpoints = 0
        var deltaReads = 0
        while index < events.count {
            // A large first batch, then small ones: reads catch up from the log after the stamp (the node table's
            // path; the index is rebuilt only after 1,000 records, or when it is damaged).
            let size = min(events.count - index, index == 0 ? 80 : random.int(1...12))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            checkpoints += 1
            let scopes = Self.communities.map { ["--community", $0.0] } + Self.streets.map { ["--street", $0] }
                + [["--community", "C-NONE"], ["--street", "无此街道"]]
            for scope in (0..<4).map({ _ in scopes[random.int(0..<scopes.count)] }) {
                let command = Self.commands[random.int(0..<Self.commands.count)]
                var arguments = [command] + scope + ["--as-of", Self.date(&random).adding(days: 200).description]
                if random.int(0..<3) == 0 { arguments += ["--at-seq", String(random.int(1...index))] }
                if command != "rectify", random.int(0..<2) == 0 { arguments += ["--format", "json"] }
                Self.expectSame(cli, arguments, "seed \(seed), \(index) records")
            }
            // The index answers (it is not bypassed): a community registered by now is read from it.
            let (id, _) = Self.communities[random.int(0..<Self.communities.count)]
            if let read = try ScopeIndex.read(directory, communityID: id, street: nil, upToSeq: nil) {
                #expect(read.notice == nil && read.totalRecordCount == Int64(index))
                if read.deltaRead > 0 { deltaReads += 1 }
            }
        }
        #expect(PosixFile.exists(ScopeIndex.path(directory)))
        #expect(checkpoints >= 8 && deltaReads >= 3, "\(checkpoints) checkpoints, \(deltaReads) reads with a delta")
    }

    /// The index is really used: a community's read takes its records, not the log's; an append after the stamp
    /// is read from the log and lands in the scope it names, not in another.
    @Test func aScopedReadReadsOnlyItsScope() throws {
        let sample = try SampleRecords.load().map(\.event)
        let temp = TemporaryDirectory("scopes")
        let directory = TestLedger.create(in: temp)
        try TestLedger.append(sample, to: directory)
        let first = try #require(try ScopeIndex.read(directory, communityID: "C-YX", street: nil, upToSeq: nil))
        #expect(first.notice == nil && first.totalRecordCount == Int64(sample.count))
        let again = try #require(try ScopeIndex.read(directory, communityID: "C-YX", street: nil, upToSeq: nil))
        #expect(again.records.map(\.seq) == first.records.map(\.seq) && again.deltaRead == 0)
        #expect(again.linesRead * 4 < sample.count, "\(again.linesRead) of \(sample.count)")
        #expect(again.records.contains { $0.type == "community.registered" } && again.records.allSatisfy { !$0.id.isEmpty })
        var event = sample.first { $0.type == "fund.opened" }!.editingData {
            $0["community_id"] = .string("C-YX"); $0["fund_id"] = .string("F-NEW")
        }
        event.id = "extra-1"
        try TestLedger.append([event], to: directory)
        let after = try #require(try ScopeIndex.read(directory, communityID: "C-YX", street: nil, upToSeq: nil))
        #expect(after.deltaRead == 1 && after.records.last?.id == "extra-1")
        let other = try #require(try ScopeIndex.read(directory, communityID: "C-LZ", street: nil, upToSeq: nil))
        #expect(!other.records.contains { $0.id == "extra-1" })
        // --at-seq before the stamp: the scope's records up to it.
        let cut = try #require(try ScopeIndex.read(directory, communityID: "C-YX", street: nil, upToSeq: 20))
        #expect(cut.records.map(\.seq) == after.records.map(\.seq).filter { $0 <= 20 })
        // A delta past the limit: the index is rebuilt at the head, and the next read has no delta.
        let rebuilt = try #require(try ScopeIndex.read(directory, communityID: "C-YX", street: nil, upToSeq: nil, rebuildAfter: 0))
        #expect(rebuilt.deltaRead == 0 && rebuilt.notice == nil)
        #expect(rebuilt.records.map(\.seq) == after.records.map(\.seq))
    }

    /// `rectify --community C` compares C's common parts with its street's (LOW-02's median): on a synthetic city
    /// of several communities per street, every community's list and a street's equal the lists from the whole log.
    @Test func rectifyOfACommunityReadsItsStreet() throws {
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var city = SyntheticCity(eventCount: 24_000, seed: 3, communityCount: 24)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 2_000), to: directory) }
        var lowEfficiency = 0
        for arguments in [["--community", "C00001"], ["--community", "C00002"], ["--community", "C00007"], ["--street", "朝阳门街道"]] {
            Self.expectSame(cli, ["rectify"] + arguments + ["--as-of", "2024-12-31", "--format", "json"], "synthetic city")
            lowEfficiency += cli.stdout.components(separatedBy: "LOW-02").count - 1
        }
        #expect(lowEfficiency > 0, "the city has street-median findings")
    }

    /// An erasure recorded after the index's stamp (read from the log as the delta) applies to every scope, as the
    /// erasures the index holds in its global block do: the erased value shows as erased, not as a missing one.
    @Test func anErasureAfterTheStampAppliesToEveryScope() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: PersonalDataCommandTests.events) == 0, "\(cli.stderr)")
        let arguments = ["contracts", "--community", "C-1", "--as-of", "2024-06-30"]
        #expect(cli.run(arguments) == 0 && cli.stdout.contains("张三"))
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--actor", "dpo"]) == 0, "\(cli.stderr)")
        Self.expectSame(cli, arguments, "an erasure after the stamp")
        #expect(cli.stdout.contains("(erased under PIPL Art. 47)") && !cli.stderr.contains("warning"), "\(cli.stdout)\(cli.stderr)")
        Self.expectSame(cli, arguments + ["--at-seq", "5"], "an erasure after the stamp and the cut")
    }

    /// A contract of a community on one street naming parts of a community on another (a log written past append's
    /// checks, or a part moved by a correction): its CON-06/07 finding cites the LOW-02 median of the part's street,
    /// so `rectify --community` reads that street's communities too.
    @Test func rectifyReadsTheStreetsOfPartsItsContractsName() throws {
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var city = SyntheticCity(eventCount: 24_000, seed: 3, communityCount: 24)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 2_000), to: directory) }
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(["rectify", "--street", "建国门街道", "--as-of", "2024-12-31", "--format", "json"]) == 0)
        cli.environment["LEDGER_SCOPES"] = nil
        // The parts of 建国门街道 that have a LOW-02 benchmark (they have contracts).
        var assets: [String] = []
        for part in cli.stdout.components(separatedBy: "\"asset_id\":\"").dropFirst() {
            let id = String(part.prefix { $0 != "\"" })
            if id.hasPrefix("C00002-"), !assets.contains(id) { assets.append(id) }
        }
        #expect(cli.run(["assets", "--community", "C00002", "--as-of", "2024-12-31", "--format", "json"]) == 0)
        for part in cli.stdout.components(separatedBy: "\"asset_id\":\"").dropFirst() {
            let id = String(part.prefix { $0 != "\"" })
            if id.hasPrefix("C00002-A"), !assets.contains(id), assets.count < 6 { assets.append(id) }
        }
        try #require(!assets.isEmpty, "\(cli.stdout.prefix(400))")
        // Index the city, then the contract after the stamp and again in a rebuilt index.
        #expect(cli.run(["rectify", "--community", "C00001", "--as-of", "2024-12-31"]) == 0)
        let on = CalendarDate(year: 2024, month: 1, day: 1)!
        let contract = Event(id: "cross-1", occurredOn: on, actor: "t", payload: .domain(.contractSigned(ContractSigned(
            contractID: "K-CROSS", communityID: "C00001", assetIDs: assets, counterparty: .plain("某公司"), purpose: "场地租赁",
            startOn: on, endOn: CalendarDate(year: 2025, month: 12, day: 31)!, rent: Amount(fen: 50_000_000), rentPeriod: .month,
            decisionID: nil, payeeFundID: nil))))
        try TestLedger.append([contract], to: directory)
        for arguments in [["--community", "C00001"], ["--street", "朝阳门街道"]] {
            Self.expectSame(cli, ["rectify"] + arguments + ["--as-of", "2024-12-31", "--format", "json"], "delta: \(assets)")
        }
        #expect(cli.stdout.contains("K-CROSS"))
        try PosixFile.remove(ScopeIndex.path(directory))
        for arguments in [["--community", "C00001"], ["--street", "朝阳门街道"]] {
            Self.expectSame(cli, ["rectify"] + arguments + ["--as-of", "2024-12-31", "--format", "json"], "rebuilt: \(assets)")
        }
    }

    // MARK: damage

    /// A ledger with an index, and the scoped answer from the log alone.
    static func ledgerWithIndex(_ cli: CLIHarness) throws -> (LedgerDirectory, [String], [UInt8]) {
        var random = SplitMix64(seed: 5)
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(try randomEvents(&random), to: directory)
        let arguments = ["assets", "--street", "八大关街道", "--as-of", "2026-06-01"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        let answer = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && notes(cli).isEmpty)
        #expect(PosixFile.exists(ScopeIndex.path(directory)))
        return (directory, arguments, answer)
    }

    /// The notices of the last run (the random logs' anomalies are warned about too, on other lines).
    static func notes(_ cli: CLIHarness) -> [Substring] { cli.stderr.split(separator: "\n").filter { $0.hasPrefix("note:") } }

    /// Runs the scoped command on a damaged index: same answer, one notice line naming `what`, then a good index.
    static func expectRebuilt(_ cli: CLIHarness, _ arguments: [String], _ answer: [UInt8], _ what: String) {
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
        let notes = notes(cli)
        #expect(notes.count == 1, "one line: \(cli.stderr)")
        #expect(notes.allSatisfy { $0.hasPrefix("note: scopes in ") && $0.contains(what) && $0.hasSuffix("rebuilt from the log (answers are unaffected).") },
                "\(what): \(cli.stderr)")
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && Self.notes(cli).isEmpty, "\(what): rebuilt")
    }

    @Test func damagedIndexFilesAreDetectedAndRebuilt() throws {
        let cli = CLIHarness()
        let (directory, arguments, answer) = try Self.ledgerWithIndex(cli)
        let path = ScopeIndex.path(directory)
        let good = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        // Truncated.
        try PosixFile.writeAtomically(Array(good.dropLast(100)), to: path)
        Self.expectRebuilt(cli, arguments, answer, "truncated")
        // A flipped bit in each part: the header, the table, a block, the node table (read only when the log has
        // moved on: a block and the table are read by every query).
        for (offset, what) in [(40, "damaged"), (good.count / 2, "damaged"), (good.count - 33, "damaged")] {
            var bytes = good
            bytes[offset] ^= 0x04
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "flip at \(offset)")
            // A flip in a part this query does not read (another block, the node table) is not seen by it; verify
            // --index sees every part.
            #expect(Self.notes(cli).count <= 1 && Self.notes(cli).allSatisfy { $0.contains(what) }, "\(cli.stderr)")
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(["verify", "--index"]) == 0)
            #expect(cli.stdout.contains("index: DAMAGED — scopes is damaged"), "flip at \(offset): \(cli.stdout)")
        }
        // Wrong version.
        var bytes = good
        let versionAt = ScopeIndex.kind.utf8.count + 1
        bytes[versionAt] = 9
        try PosixFile.writeAtomically(bytes, to: path)
        Self.expectRebuilt(cli, arguments, answer, "of format version 9")
        // Foreign: another ledger's index.
        let other = CLIHarness()
        var random = SplitMix64(seed: 6)
        let otherDirectory = TestLedger.create(in: other.temp)
        try TestLedger.append(try Self.randomEvents(&random), to: otherDirectory)
        #expect(other.run(arguments) == 0)
        try PosixFile.writeAtomically(try PosixFile.readRegularFile(ScopeIndex.path(otherDirectory), bytesMax: 1 << 30).bytes, to: path)
        Self.expectRebuilt(cli, arguments, answer, "another ledger's")
    }

    @Test func staleIndexIsCaughtUpAndARewrittenLogNeverReusesIt() throws {
        let cli = CLIHarness()
        let (directory, arguments, _) = try Self.ledgerWithIndex(cli)
        let path = ScopeIndex.path(directory)
        let stale = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        // Stale (an older stamp) after appends: used, the log after it read; same answer as the log alone.
        var random = SplitMix64(seed: 8)
        var more = try Self.randomEvents(&random).prefix(5).map { $0 }
        for i in more.indices { more[i].id = "more-\(i)" }
        try TestLedger.append(more, to: directory)
        Self.expectSame(cli, arguments, "after append")
        #expect(Self.notes(cli).isEmpty)
        try PosixFile.writeAtomically(stale, to: path)
        Self.expectSame(cli, arguments, "stale")
        #expect(Self.notes(cli).isEmpty)
        // A rewritten log of the same length: same record count, other hashes. Never reused.
        let log = TestLedger.logBytes(directory)
        let records = log.split(separator: 0x0A).count
        try TestLedger.writeLog([], to: directory)
        try? PosixFile.remove(directory.path + "/acknowledged")
        var rewritten = try Self.randomEvents(&random)
        rewritten = Array(rewritten.prefix(records))
        for i in rewritten.indices { rewritten[i].id = "w-\(i)" }
        try TestLedger.append(rewritten, to: directory)
        try PosixFile.writeAtomically(stale, to: path)
        cli.environment["LEDGER_SCOPES"] = "off"
        let plainStatus = cli.run(arguments)
        let plain = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(cli.run(arguments) == plainStatus && cli.stdoutBytes == plain)
        // The shared rebuild (ledger-spec.md 15.6) rebuilds, in its one pass, every index file the old log left, each
        // with its note: the scopes' is one of them, and none is reused.
        #expect(Self.notes(cli).filter { $0.hasPrefix("note: scopes in ") }.count == 1
                && Self.notes(cli).allSatisfy { $0.contains("another ledger's") || $0.contains("out of step") }, "\(cli.stderr)")
    }
}
