import Foundation
@testable import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 50 (scopes50): `index/scopes` version 4 gives each entry its record's type code and a bit for an event id
/// another record names (ledger-spec.md 15.5), so that a read of some types (`onlyTypes`: `ledger append`'s payment
/// checks, `ledger import assets`) leaves the other types' lines unread. Its answer must be exactly what reading every
/// line answered before (each line peeked, the others' ids kept for `keepingTypes`).
@Suite struct ScopeTypeSkipTests {
    /// Every record of `events` as its own batch, with the event's own id (a log written past `append`'s checks may
    /// hold an id twice).
    static func rawLog(_ events: ArraySlice<Event>) -> [UInt8] {
        let hasher = SHA256()
        var prev = Record.genesisPrev
        var bytes: [UInt8] = []
        for (offset, event) in events.enumerated() {
            let seq = Int64(offset + 1)
            let (line, hash) = RecordCodec.encode(event: event, id: event.id!, actor: "tester", seq: seq, prev: prev, batchFirst: seq,
                                                  batchLast: seq, recordedAt: TestLedger.recordedAt, hasher: hasher)
            bytes += line + [UInt8(ascii: "\n")]
            prev = hash
        }
        return bytes
    }

    /// The type sets the program filters by, and random ones.
    static func types(_ random: inout SplitMix64) -> Set<String> {
        switch random.int(0..<4) {
        case 0: return AppendStatementLines.checkedTypes(contracts: false)
        case 1: return AppendStatementLines.checkedTypes(contracts: true)
        case 2: return Projection.registerEventTypes
        default:
            let all = EventType.allCases.filter { $0 != .correction }
            return Set(all.filter { _ in random.int(0..<3) == 0 }.map(\.rawValue) + [EventType.personalDataErased.rawValue])
        }
    }

    /// What the filtered read answered when it read every line (version 3): the kept types and the corrections, less
    /// the corrections of what it left out (`keepingTypes`); every record when that cannot be told apart.
    static func everyLine(_ every: [Record], types: Set<String>) -> (records: [Record], separable: Bool) {
        var candidates: [Record] = [], skipped = Set<String>()
        for record in every {
            if record.type == EventType.correction.rawValue || types.contains(record.type) { candidates.append(record) } else { skipped.insert(record.id) }
        }
        guard let kept = ScopeIndex.keepingTypes(candidates, skipped: skipped, onlyTypes: types) else { return (every, false) }
        return (kept, true)
    }

    struct Tally { var reads = 0, fewerLines = 0, whole = 0, correctionsLeftOut = 0 }

    static func compare(_ directory: LedgerDirectory, _ random: inout SplitMix64, _ context: String, _ tally: inout Tally) throws {
        for _ in 0..<8 {
            let types = Self.types(&random)
            let communities = ScopeIndexCommandTests.communities.map(\.0)
            let ids = (0..<random.int(1...2)).map { _ in communities[random.int(0..<communities.count)] }
            guard let every = try ScopeIndex.read(directory, communityIDs: ids, assetIDs: []) else { continue }
            let filtered = try #require(try ScopeIndex.read(directory, communityIDs: ids, assetIDs: [], onlyTypes: types))
            let expected = Self.everyLine(every.records, types: types)
            #expect(filtered.records == expected.records, "\(context): \(ids) \(types.sorted())")
            #expect(filtered.notice == nil && every.notice == nil, "\(context)")
            tally.reads += 1
            if filtered.linesRead < every.linesRead { tally.fewerLines += 1 }
            if !expected.separable { tally.whole += 1 }
            let corrections = { (records: [Record]) in records.filter { $0.type == EventType.correction.rawValue }.count }
            if expected.separable, corrections(expected.records) < corrections(every.records) { tally.correctionsLeftOut += 1 }
        }
    }

    /// Property: seeded random logs (every type, corrections of every kind of record — voids, replacements of the
    /// same and of another type, corrections of corrections and of nothing, records of an unknown type — and ids
    /// repeated by other records): a filtered read of random communities and types answers what reading every line
    /// answered, from a fresh index and with records after its stamp. (These logs seldom leave a line unread: the
    /// skipping itself is `aCitysFilteredReadsLeaveLinesUnreadAndAnswerAsTheLog`'s.)
    @Test(arguments: TestScale.seeds(12)) func aFilteredReadAnswersAsEveryLineWould(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 0x5C0E_5050)
        var events = try ScopeIndexCommandTests.randomEvents(&random)
        // An id repeated now and then: a kept and a left-out record of one id, or a correction's target twice.
        for i in events.indices where i > 0 && random.int(0..<15) == 0 { events[i].id = events[random.int(0..<i)].id }
        let temp = TemporaryDirectory("skip")
        let directory = TestLedger.create(in: temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        var tally = Tally()
        // The index built over the first part; then the rest after its stamp (read from the log, grouped by the node
        // table: its corrections and repeated ids of stored records are the `unskippable` blocks).
        let cut = events.count * 2 / 3
        TestLedger.writeLog(Self.rawLog(events[..<cut]), to: directory)
        try Self.compare(directory, &random, "seed \(seed), \(cut) records", &tally)
        TestLedger.writeLog(Self.rawLog(events[...]), to: directory)
        try Self.compare(directory, &random, "seed \(seed), \(events.count) records (after the stamp)", &tally)
        // Merged at the head: the named bits the merge sets are the rebuild's (`verify --index` compares the bytes).
        _ = try ScopeIndex.read(directory, communityID: ScopeIndexCommandTests.communities[0].0, street: nil, upToSeq: nil, rebuildAfter: 0)
        try Self.compare(directory, &random, "seed \(seed), merged", &tally)
        #expect(tally.reads >= 6, "seed \(seed): \(tally)")
    }

    /// Over the seeds, the cases that decide exactness all occur: reads left whole (a kept type in a left-out
    /// record's place, one id on a kept and a left-out record) and corrections of left-out records left out.
    @Test func theDecidingCasesOccur() throws {
        var tally = Tally()
        for seed in TestScale.seeds(12) {
            var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 0x5C0E_5050)
            var events = try ScopeIndexCommandTests.randomEvents(&random)
            for i in events.indices where i > 0 && random.int(0..<15) == 0 { events[i].id = events[random.int(0..<i)].id }
            let temp = TemporaryDirectory("skip")
            let directory = TestLedger.create(in: temp)
            try? PosixFile.remove(directory.acknowledgedPath)
            TestLedger.writeLog(Self.rawLog(events[...]), to: directory)
            try Self.compare(directory, &random, "seed \(seed)", &tally)
        }
        // (Whether these random logs' filtered reads leave lines unread is not asserted: in session 50 none did —
        // `fewerLines` was 0 over the 12 seeds, though the kept city's payments do; left for investigation.)
        #expect(tally.whole > 0 && tally.correctionsLeftOut > 0, "\(tally)")
    }

    /// A correction of `target` (a void, or with `replace` its own type and data again on another day).
    static func correction(_ id: String, of target: Event, replace: Bool, _ random: inout SplitMix64) -> Event {
        var data: [String: JSONValue] = ["corrects": .string(target.id!), "reason": .string("更正")]
        if replace {
            data["replacement"] = .object(["type": .string(target.type), "occurred_on": .string(ScopeIndexCommandTests.date(&random).description),
                                           "data": .object(target.data)])
        }
        let on = ScopeIndexCommandTests.date(&random)
        return Event(id: id, occurredOn: on, actor: "t",
                     payload: EventPayload.decoding(type: "correction", occurredOn: on, canonicalData: CanonicalJSON.encode(.object(data))[...]))
    }

    /// Property (scopesfix50; the random logs above leave no line unread, their repeated ids and replacements of
    /// another type making most filtered reads whole): a synthetic city's communities hold many parts, contracts and
    /// uses beside their payments, no correction naming them at the index's stamp. After it come seeded corrections
    /// of stored records of the types a payment check leaves out — voids, replacements, and second corrections that
    /// supersede a first — and payments made again, kept in `index/scopes.recent` (sealed segments and the tail) or
    /// read from the log. Filtered reads answer what reading every line answered, and most of them leave lines
    /// unread (this fails with skipping disabled: `Entry.skippable` false); the commands at `--as-of` and `--at-seq`,
    /// and the payment checks' refusals, answer as from the log alone.
    @Test(arguments: [1, 2, 3] as [UInt64]) func aCitysFilteredReadsLeaveLinesUnreadAndAnswerAsTheLog(seed: UInt64) throws {
        var city = SyntheticCity(eventCount: 1_500, seed: seed, communityCount: 4)
        var events: [Event] = []
        while !city.isFinished { events += city.nextBatch(maxEvents: 1_000) }
        for i in events.indices where events[i].id == nil { events[i].id = "c-\(i)" }
        let stored = events.count
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 0x5C0F_5050)
        let paymentTypes = AppendStatementLines.checkedTypes(contracts: false)
        let communities = events.filter { $0.type == EventType.communityRegistered.rawValue }.compactMap { event -> String? in
            if case .string(let id)? = event.data["community_id"] { return id } else { return nil }
        }
        let others = events.filter { !paymentTypes.contains($0.type) && $0.type != EventType.communityRegistered.rawValue
            && $0.type != EventType.correction.rawValue }
        let payments = events.filter { AppendStatementLines.isMatched($0) }
        // The corrections name records of the first two communities only: the other two's blocks stay skippable
        // after the stamp too (a block a kept record after the stamp names is read whole).
        let corrected = others.filter { event in
            guard case .string(let id)? = event.data["community_id"] else { return false }
            return communities.prefix(2).contains(id)
        }
        #expect(communities.count == 4 && others.count > 200 && payments.count > 50, "\(communities.count) \(others.count) \(payments.count)")
        // After the stamp, in three parts: corrections of left-out types (a void, a replacement, a second correction
        // of one record superseding the first) and payments made again under fresh ids.
        var later: [[Event]] = []
        for part in 0..<3 {
            var batch: [Event] = []
            for n in 0..<random.int(4...8) {
                let target = corrected[random.int(0..<corrected.count)]
                let id = "fix-\(part)-\(n)"
                switch random.int(0..<3) {
                case 0: batch.append(Self.correction(id, of: target, replace: false, &random))
                case 1: batch.append(Self.correction(id, of: target, replace: true, &random))
                default:
                    batch.append(Self.correction(id, of: target, replace: true, &random))
                    batch.append(Self.correction(id + "-again", of: target, replace: random.int(0..<2) == 0, &random))
                }
                var payment = payments[random.int(0..<payments.count)]
                payment.id = "again-\(part)-\(n)"
                batch.append(payment)
            }
            later.append(batch)
        }
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        var tally = Tally(), issuesSeen = 0, fromRecent = 0, fewerFromRecent = 0
        func check(_ all: [Event], _ context: String) throws {
            let typeSets = [paymentTypes, AppendStatementLines.checkedTypes(contracts: true), Projection.registerEventTypes]
            for id in communities {
                for types in typeSets {
                    let every = try #require(try ScopeIndex.read(directory, communityIDs: [id], assetIDs: []))
                    let filtered = try #require(try ScopeIndex.read(directory, communityIDs: [id], assetIDs: [], onlyTypes: types))
                    let expected = Self.everyLine(every.records, types: types)
                    #expect(filtered.records == expected.records, "\(context): \(id) \(types.sorted())")
                    #expect(filtered.notice == nil && every.notice == nil, "\(context)")
                    tally.reads += 1
                    if filtered.linesRead < every.linesRead { tally.fewerLines += 1 }
                    if !expected.separable { tally.whole += 1 }
                    let corrections = { (records: [Record]) in records.filter { $0.type == EventType.correction.rawValue }.count }
                    if expected.separable, corrections(expected.records) < corrections(every.records) { tally.correctionsLeftOut += 1 }
                    if filtered.deltaFromRecent > 0 { fromRecent += 1 }
                    if filtered.deltaFromRecent > 0, filtered.linesRead < every.linesRead { fewerFromRecent += 1 }
                }
            }
            // The payment checks (`ledger append`'s door) of payments made again and new: the whole log's issues.
            var batch = (0..<3).map { n -> Event in
                var event = payments[random.int(0..<payments.count)]
                event.id = "check-\(n)"
                return event
            }
            batch.append(Self.correction("check-fix", of: corrected[random.int(0..<corrected.count)], replace: false, &random))
            for events in [Array(batch.prefix(3)), batch] {
                func issues(scopes: Bool) throws -> [ValidationIssue] {
                    try AppendStatementLines.issues(events, lines: Array(1...events.count), directory: directory, headSeq: Int64(all.count),
                                                    existing: nil, scopes: scopes, sameDayAmountAllowed: false, notice: { _ in })
                }
                let scoped = try issues(scopes: true), whole = try issues(scopes: false)
                #expect(scoped == whole, "\(context)")
                issuesSeen += whole.count
            }
            // The commands, from the index and from the log alone.
            for _ in 0..<4 {
                let command = ["assets", "balances", "contracts", "rectify"][random.int(0..<4)]
                var arguments = [command, "--community", communities[random.int(0..<communities.count)],
                                 "--as-of", ScopeIndexCommandTests.date(&random).adding(days: 200).description]
                if random.int(0..<2) == 0 { arguments += ["--at-seq", String(random.int(1...all.count))] }
                ScopeIndexCommandTests.expectSame(cli, arguments, context)
            }
        }
        var all = Array(events)
        TestLedger.writeLog(Self.rawLog(all[...]), to: directory)
        #expect(try ScopeIndex.rebuild(directory))
        try check(all, "seed \(seed), at the stamp")
        // The first part sealed, the second in the tail; the third read from the log after the side file's stamp.
        all += later[0]
        TestLedger.writeLog(Self.rawLog(all[...]), to: directory)
        try check(all, "seed \(seed), \(all.count - stored) after the stamp (from the log)")
        _ = ScopeIndex.keepRecent(directory, sealAfter: 4)
        #expect(PosixFile.exists(ScopeIndex.sealedPath(directory)), "seed \(seed)")
        all += later[1]
        TestLedger.writeLog(Self.rawLog(all[...]), to: directory)
        _ = ScopeIndex.keepRecent(directory)
        all += later[2]
        TestLedger.writeLog(Self.rawLog(all[...]), to: directory)
        try check(all, "seed \(seed), \(all.count - stored) after the stamp (sealed, tail and log)")
        // Merged at the head: the corrected records' named bits are now stored.
        _ = try ScopeIndex.read(directory, communityID: communities[0], street: nil, upToSeq: nil, rebuildAfter: 0)
        try check(all, "seed \(seed), merged")
        // Not vacuous: most filtered reads left lines unread, some answered from the side file, some checks refused.
        // (Session 50: 36 of 48 reads on each seed, 6 of the 12 served by the side file; none with skipping disabled.)
        // The corrections after the stamp are in the scopes read, and left out with the records they correct.
        #expect(tally.fewerLines * 2 > tally.reads && fewerFromRecent > 0 && issuesSeen > 0 && tally.correctionsLeftOut > 0,
                "seed \(seed): \(tally), \(fromRecent) from the side file (\(fewerFromRecent) with lines unread), \(issuesSeen) issues")
        #expect(corrected.count > 20, "seed \(seed): \(corrected.count)")
    }

    /// The merge's named bits are the rebuild's: a correction and a repeated id appended after the stamp of records
    /// before it, merged, give the file a rebuild gives, byte for byte.
    @Test func theMergeSetsTheNamedBitsAsARebuild() throws {
        var random = SplitMix64(seed: 0x5C0E_5051)
        let events = try ScopeIndexCommandTests.randomEvents(&random, otherTypes: false)
        let temp = TemporaryDirectory("skip")
        let directory = TestLedger.create(in: temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        let cut = events.count / 2
        TestLedger.writeLog(Self.rawLog(events[..<cut]), to: directory)
        _ = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: []))
        // After the stamp: a void of a stored inspection (or any record) and a record repeating a stored id.
        var later = Array(events[cut...])
        let target = try #require(events[..<cut].last { $0.type == EventType.inspectionRecorded.rawValue } ?? events.first)
        let data = CanonicalJSON.encode(.object(["corrects": .string(target.id!), "reason": .string("更正")]))
        let on = CalendarDate(year: 2025, month: 1, day: 1)!
        later.append(Event(id: "void-late", occurredOn: on, actor: "t",
                           payload: EventPayload.decoding(type: "correction", occurredOn: on, canonicalData: data[...])))
        var repeated = events[cut / 2]
        repeated.id = events[cut / 3].id
        later.append(repeated)
        TestLedger.writeLog(Self.rawLog(events[..<cut] + later), to: directory)
        _ = try #require(try ScopeIndex.read(directory, communityID: "C-HY", street: nil, upToSeq: nil, rebuildAfter: 0))
        let merged = try PosixFile(path: ScopeIndex.path(directory), mode: .read).readAll()
        try PosixFile.remove(ScopeIndex.path(directory))
        _ = try #require(try ScopeIndex.read(directory, communityID: "C-HY", street: nil, upToSeq: nil))
        let rebuilt = try PosixFile(path: ScopeIndex.path(directory), mode: .read).readAll()
        #expect(merged == rebuilt)
        // Not vacuous: the corrected record's entry has its bit (so a filtered read reads it).
        let opened = try #require(try ScopeIndex.open(directory))
        var named = 0
        for b in 0..<opened.table.blockCount { named += try #require(opened.entries(b)).filter(\.named).count }
        #expect(named >= 2)
    }

    /// An entry whose type code is not its line's type is damage when the line is read: the notice, the index
    /// rebuilt, the answer the log's. (A filtered read does not read a line its entry says is of a type it leaves out:
    /// such a line is not checked by it, as a line of another community is not; `verify --index` compares every byte.)
    @Test func aTypeCodeThatIsNotTheLinesIsDamage() throws {
        let sample = try SampleRecords.load().map(\.event)
        let temp = TemporaryDirectory("skip")
        let directory = TestLedger.create(in: temp)
        try TestLedger.append(sample, to: directory)
        let records = try VerifiedLog.read(directory).records
        let bytes = TestLedger.logBytes(directory)
        var offsets: [Int64] = [0]
        var lengths: [Int] = []
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            lengths.append(line.count)
            offsets.append(offsets.last! + Int64(line.count) + 1)
        }
        let truth = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: []))
        let payments = AppendStatementLines.checkedTypes(contracts: false)
        let cases: [(victim: EventType, code: UInt8, onlyTypes: Set<String>?)] = [
            (.fundIncome, ScopeIndex.typeCode(.inspectionRecorded), nil), (.fundIncome, 0, nil), (.fundIncome, ScopeIndex.correctionCode, nil),
            (.fundIncome, 0, payments), (.fundIncome, ScopeIndex.correctionCode, payments), (.fundIncome, ScopeIndex.typeCode(.fundSpending), payments),
            (.assetRegistered, ScopeIndex.typeCode(.fundIncome), payments), (.communityRegistered, ScopeIndex.typeCode(.fundTransfer), payments),
        ]
        for item in cases {
            let victim = try #require(truth.records.first { $0.type == item.victim.rawValue })
            var builder = ScopeIndex.Builder()
            for (i, record) in records.enumerated() {
                let code = record.seq == victim.seq ? item.code : ScopeIndex.typeCode(record.type)
                builder.add(ScopeIndex.Entry(seq: record.seq, offset: offsets[i], count: UInt32(lengths[i]), code: code, hash: record.hash),
                            ScopeIndex.links(id: record.id, payload: record.payload))
            }
            builder.genesis = StateStamp(seq: 1, hash: records[0].hash, lineOffset: 0, lineBytes: lengths[0])
            builder.head = StateStamp(seq: records.last!.seq, hash: records.last!.hash, lineOffset: offsets[records.count - 1],
                                      lineBytes: lengths[records.count - 1])
            let wrote = builder.write(ledgerName: directory.name, to: ScopeIndex.path(directory))
            #expect(wrote)
            let context = "\(item.victim.rawValue) as code \(item.code), \(item.onlyTypes == nil ? "every type" : "payments")"
            let read = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: [], onlyTypes: item.onlyTypes))
            #expect(read.notice?.contains("scopes") == true, "\(context): \(read.notice ?? "no notice")")
            let every = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: []))
            #expect(every.notice == nil, "\(context): rebuilt")
            #expect(read.records == (item.onlyTypes.map { Self.everyLine(every.records, types: $0).records } ?? every.records), "\(context)")
        }
    }

    /// The codes are the spec's table (ledger-spec.md 15.5): pinned, so that a new event type cannot renumber them.
    @Test func theTypeCodesAreTheSpecs() {
        let expected: [(String, UInt8)] = [
            ("community.registered", 1), ("asset.registered", 2), ("asset.updated", 3), ("asset.retired", 4), ("register.imported", 5),
            ("fund.opened", 6), ("decision.recorded", 7), ("contract.signed", 8), ("contract.terminated", 9), ("use.started", 10),
            ("use.ended", 11), ("inspection.recorded", 12), ("occupation.reported", 13), ("occupation.cleared", 14), ("fund.income", 15),
            ("fund.spending", 16), ("fund.transfer", 17), ("fund.balance_asserted", 18), ("disclosure.published", 19),
            ("rectification.issued", 20), ("rectification.reported", 21), ("rectification.verified", 22),
            ("rectification.extended", 23), ("personal_data.erased", 24), ("correction", 25), ("test.note", 0), ("", 0),
        ]
        for (type, code) in expected { #expect(ScopeIndex.typeCode(type) == code, "\(type)") }
        #expect(ScopeIndex.codedTypes.count == EventType.allCases.count)
        #expect(ScopeIndex.typeCode(.personalDataErased) == ScopeIndex.erasureCode)
        #expect(ScopeIndex.typeCode(.correction) == ScopeIndex.correctionCode)
    }
}
