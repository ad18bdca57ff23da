import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// Random events of every type the checks read, over small id pools so that references collide: dangling and
/// back-dated references, duplicates, retirements, rectification rounds, erasures, corrections (voids and
/// replacements, of leaf and registering records, some of unknown ids or of another type).
struct CheckEventGenerator {
    var random: SplitMix64
    /// Ids and types of the events made so far (for corrections).
    var made: [(id: String, type: String)] = []
    var counter = 0

    /// The types new events are picked from (a type listed twice is picked twice as often).
    var typePool = CheckEventGenerator.types
    /// The dates are the first `days` of 2024 (121 by default; a few put most facts on one date with what they name).
    let days: Int

    init(seed: UInt64, days: Int = 121) {
        random = SplitMix64(seed: seed)
        self.days = days
    }

    mutating func pick(_ options: [String]) -> String { options[random.int(0..<options.count)] }
    mutating func chance(_ percent: Int) -> Bool { random.int(0..<100) < percent }
    mutating func date() -> String {
        let day = CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: random.int(0...(days - 1)))
        return "\(day)"
    }
    mutating func community() -> String { pick(["C-1", "C-2", "C-3"]) }
    mutating func asset() -> String { pick(["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"]) }
    mutating func fund() -> String { pick(["F-1", "F-2", "F-3", "F-4"]) }
    mutating func decision() -> String { pick(["D-1", "D-2", "D-3"]) }
    mutating func contract() -> String { pick(["K-1", "K-2", "K-3"]) }
    mutating func list() -> String { pick(["L-1", "L-2", "L-3"]) }
    mutating func key() -> String { pick(["R1/A-1/x", "R1/K-2/x", "R2/F-1/y", "R3/Z-9/z", "R2/A-5/y", "R4/D-2/q"]) }
    mutating func keys() -> String {
        var keys: [String] = []
        for _ in 0..<random.int(1...2) { let k = key(); if !keys.contains(k) { keys.append(k) } }
        return "[" + keys.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
    mutating func commitment() -> String { String(repeating: pick(["a1", "b2", "c3"]), count: 32) }

    /// The files imports name (the first and last differ in their last digit only): the stored state keys imports by
    /// them (`I`).
    static let importFiles = [String(repeating: "e4", count: 32), String(repeating: "5d", count: 32), String(repeating: "e4", count: 31) + "e5"]
    static let types = ["community.registered", "asset.registered", "asset.updated", "asset.retired", "register.imported",
                        "fund.opened", "decision.recorded", "contract.signed", "contract.terminated", "use.started", "use.ended",
                        "inspection.recorded", "occupation.reported", "occupation.cleared", "fund.income", "fund.spending",
                        "fund.transfer", "fund.balance_asserted", "disclosure.published", "rectification.issued",
                        "rectification.reported", "rectification.verified", "rectification.extended", "personal_data.erased"]

    /// The `data` object of a random event of `type`.
    mutating func data(_ type: String) -> String {
        switch type {
        case "community.registered":
            return #"{"community_id":"\#(community())","name":"n","street":"s","residents_committee":"r","total_area_m2":"\#(pick(["9000.00", "100"]))","total_owners":\#(pick(["90", "10"]))}"#
        case "asset.registered":
            let source = chance(30) ? #"{"kind":"import","import_id":"\#(pick(["IMP-1", "IMP-2"]))","row":1}"# : #"{"kind":"manual"}"#
            return #"{"asset_id":"\#(asset())","community_id":"\#(community())","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2024-01-01","source":\#(source)}"#
        case "asset.updated":
            return #"{"asset_id":"\#(asset())","changes":{"attributes":{"x":"y"}},"source":{"kind":"manual"}}"#
        case "asset.retired":
            return #"{"asset_id":"\#(asset())","reason":"r"}"#
        case "register.imported":
            return #"{"import_id":"\#(pick(["IMP-1", "IMP-2", "IMP-3"]))","file_name":"f.csv","file_sha256":"\#(pick(Self.importFiles))","rows_read":1,"rows_new":1,"rows_updated":0,"rows_unchanged":0,"community_id":"\#(community())"}"#
        case "fund.opened":
            return #"{"fund_id":"\#(fund())","community_id":"\#(community())","kind":"public_income","account":"a"}"#
        case "decision.recorded":
            return #"{"decision_id":"\#(decision())","community_id":"\#(community())","matter":"change_use_or_operate","participating_area_m2":"\#(pick(["60", "9500"]))","participating_owners":\#(pick(["6", "95"])),"approving_area_m2":"50","approving_owners":5,"authorises":{"asset_ids":["\#(asset())"]}}"#
        case "contract.signed":
            let decision = chance(50) ? #","decision_id":"\#(decision())""# : ""
            let payee = chance(50) ? #","payee_fund_id":"\#(fund())""# : ""
            return #"{"contract_id":"\#(contract())","community_id":"\#(community())","asset_ids":["\#(asset())"],"counterparty":"c","purpose":"p","start_on":"2024-01-01","end_on":"2025-01-01","rent_fen":100,"rent_period":"month"\#(decision)\#(payee)}"#
        case "contract.terminated":
            return #"{"contract_id":"\#(contract())","reason":"r"}"#
        case "use.started":
            let authority = chance(50) ? #","authority":{"contract_id":"\#(contract())"}"# : chance(50) ? #","authority":{"decision_id":"\#(decision())"}"# : ""
            return #"{"use_id":"\#(pick(["U-1", "U-2"]))","asset_id":"\#(asset())","user":"u","purpose":"p"\#(authority)}"#
        case "use.ended":
            return #"{"use_id":"\#(pick(["U-1", "U-2"]))"}"#
        case "inspection.recorded":
            return #"{"asset_id":"\#(asset())","observed":"idle","inspector":"i"}"#
        case "occupation.reported":
            return #"{"occupation_id":"\#(pick(["O-1", "O-2"]))","asset_id":"\#(asset())","occupant":"o","description":"d"}"#
        case "occupation.cleared":
            return #"{"occupation_id":"\#(pick(["O-1", "O-2"]))","note":"n"}"#
        case "fund.income":
            let source = chance(40) ? #","source":{"contract_id":"\#(contract())"}"# : ""
            return #"{"fund_id":"\#(fund())","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"\#(source)}"#
        case "fund.spending":
            let decision = chance(50) ? #","decision_id":"\#(decision())""# : ""
            let assets = chance(50) ? #","asset_ids":["\#(asset())"]"# : ""
            return #"{"fund_id":"\#(fund())","amount_fen":100,"counterparty":"c","voucher":"v","purpose":"p","purpose_category":"repair"\#(decision)\#(assets)}"#
        case "fund.transfer":
            let decision = chance(50) ? #","decision_id":"\#(decision())""# : ""
            return #"{"from_fund_id":"\#(fund())","to_fund_id":"\#(fund())","amount_fen":100,"voucher":"v"\#(decision)}"#
        case "fund.balance_asserted":
            return #"{"fund_id":"\#(fund())","balance_fen":100,"statement_ref":"s"}"#
        case "disclosure.published":
            return #"{"community_id":"\#(community())","fund_ids":["\#(fund())"],"period_from":"2024-01-01","period_to":"2024-02-01","location":"l"}"#
        case "rectification.issued":
            var items: [String] = []
            for _ in 0..<random.int(1...2) {
                let k = key()
                if !items.contains(where: { $0.contains(k) }) { items.append(#"{"deadline":"2024-09-01","key":"\#(k)","responsible":"r"}"#) }
            }
            return #"{"as_of":"2024-01-01","at_seq":\#(random.int(0...30)),"community_id":"\#(community())","items":[\#(items.joined(separator: ","))],"list_id":"\#(list())","prepared_on":"2024-01-01","report_format":"html","report_lang":"zh","report_sha256":"\#(String(repeating: "a6", count: 32))"}"#
        case "rectification.reported":
            let evidence = chance(50) ? #"{"kind":"contract","ref":"\#(contract())"}"# : #"{"kind":"decision","ref":"\#(decision())"}"#
            return #"{"list_id":"\#(list())","keys":\#(keys()),"reported_by":"r","measures":"m","evidence":[\#(evidence)]}"#
        case "rectification.verified":
            return #"{"list_id":"\#(list())","keys":\#(keys()),"result":"\#(pick(["closed", "rejected"]))","verified_by":"v"}"#
        case "rectification.extended":
            return #"{"list_id":"\#(list())","keys":\#(keys()),"deadline":"2024-12-01","reason":"r"}"#
        case "personal_data.erased":
            return #"{"commitments":["\#(commitment())"],"reason":"r","legal_basis":"b"}"#
        default:
            preconditionFailure(type)
        }
    }

    /// One random event line, with a fresh id.
    mutating func line() -> String {
        counter += 1
        let id = "e\(counter)"
        if chance(12), !made.isEmpty {
            // A correction: mostly of an event made before, with a replacement of its type.
            let target = chance(90) ? made[random.int(0..<made.count)] : (id: "nope-\(counter)", type: "fund.income")
            var replacementType = target.type
            if chance(10) || !Self.types.contains(replacementType) { replacementType = pick(Self.types) }
            let replacement = chance(70) && replacementType != "correction"
                ? #","replacement":{"type":"\#(replacementType)","occurred_on":"\#(date())","data":\#(data(replacementType))}"# : ""
            made.append((id, "correction"))
            return #"{"id":"\#(id)","type":"correction","occurred_on":"\#(date())","data":{"corrects":"\#(target.id)","reason":"r"\#(replacement)}}"#
        }
        if chance(3) {
            // A type this version does not know: kept as bytes, an anomaly of the log and a problem of a batch.
            made.append((id, "test.note"))
            return #"{"id":"\#(id)","type":"test.note","occurred_on":"\#(date())","data":{"n":1}}"#
        }
        let type = pick(typePool)
        made.append((id, type))
        return #"{"id":"\#(id)","type":"\#(type)","occurred_on":"\#(date())","data":\#(data(type))}"#
    }

    mutating func batch(_ size: Int) -> [Event] {
        (0..<size).map { _ in
            let text = line()
            do { return try EventInput.parse(line: Array(text.utf8), source: "gen", lineNumber: 1) } catch {
                preconditionFailure("generator made a bad line: \(error)\n\(text)")
            }
        }
    }
}

@Suite struct CheckStateTests {
    static func records(_ directory: LedgerDirectory) throws -> [Record] {
        var records: [Record] = []
        _ = try LogScanner.committedBatches(directory, prepare: { try $0.record() }, batch: { records += $0 })
        return records
    }

    /// Every entity of the generator's pools, registered on 2023-12-01 (before any generated date).
    static let registrations: [Event] = {
        var lines: [String] = []
        for c in ["C-1", "C-2", "C-3"] {
            lines.append(#"{"type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"\#(c)","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#)
        }
        for (i, a) in ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"].enumerated() {
            lines.append(#"{"type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"\#(a)","community_id":"C-\#(i % 3 + 1)","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#)
        }
        for (i, f) in ["F-1", "F-2", "F-3", "F-4"].enumerated() {
            lines.append(#"{"type":"fund.opened","occurred_on":"2023-12-01","data":{"fund_id":"\#(f)","community_id":"C-\#(i % 3 + 1)","kind":"public_income","account":"a"}}"#)
        }
        for (i, d) in ["D-1", "D-2", "D-3"].enumerated() {
            lines.append(#"{"type":"decision.recorded","occurred_on":"2023-12-01","data":{"decision_id":"\#(d)","community_id":"C-\#(i % 3 + 1)","matter":"change_use_or_operate","participating_area_m2":"60","participating_owners":6,"approving_area_m2":"50","approving_owners":5,"authorises":{}}}"#)
        }
        for (i, k) in ["K-1", "K-2", "K-3"].enumerated() {
            lines.append(#"{"type":"contract.signed","occurred_on":"2023-12-01","data":{"contract_id":"\#(k)","community_id":"C-\#(i % 3 + 1)","asset_ids":["A-\#(i + 1)"],"counterparty":"c","purpose":"p","start_on":"2023-12-01","end_on":"2025-01-01","rent_fen":100,"rent_period":"month"}}"#)
        }
        for i in ["IMP-1", "IMP-2"] {
            lines.append(#"{"type":"register.imported","occurred_on":"2023-12-01","data":{"import_id":"\#(i)","file_name":"f.csv","file_sha256":"\#(String(repeating: "e4", count: 32))","rows_read":1,"rows_new":1,"rows_updated":0,"rows_unchanged":0}}"#)
        }
        for (i, l) in ["L-1", "L-2", "L-3"].enumerated() {
            lines.append(#"{"type":"rectification.issued","occurred_on":"2023-12-01","data":{"as_of":"2023-12-01","at_seq":1,"community_id":"C-\#(i % 3 + 1)","items":[{"deadline":"2024-09-01","key":"R3/Z-9/z","responsible":"r"}],"list_id":"\#(l)","prepared_on":"2023-12-01","report_format":"html","report_lang":"zh","report_sha256":"\#(String(repeating: "a6", count: 32))"}}"#)
        }
        return lines.enumerated().map { index, line in
            var event = try! EventInput.parse(line: Array(line.utf8), source: "setup", lineNumber: index + 1)
            event.id = "setup-\(index + 1)"
            return event
        }
    }()

    static func head(_ directory: LedgerDirectory) throws -> Int64 {
        try LogScanner.committedBatches(directory, prepare: { _ in nil as Int? }, batch: { _ in }).recordCount
    }

    /// The property: for seeded random logs and batches, the issues found with the stored state (plus the records
    /// after its stamp) equal those of the whole log, after every append; and a state written by merging equals,
    /// byte for byte, the state built from the log at its stamp.
    @Test(arguments: TestScale.seeds(12, from: 1))
    func stateIssuesEqualWholeLogIssues(seed: UInt64) throws {
        try Self.compareStateWithWholeLog(seed: seed, days: 121)
    }

    /// The same over three dates: most facts share a date with what they name, in random line order, so the rule
    /// of a date's order (a creation before what names it, ledger-spec.md 10.4 rule 2) is judged by both paths.
    @Test(arguments: TestScale.seeds(6, from: 201))
    func stateIssuesEqualWholeLogIssuesOnFewDates(seed: UInt64) throws {
        let sameDay = try Self.compareStateWithWholeLog(seed: seed, days: 3)
        #expect(sameDay > 0, "seed \(seed): no batch was refused for its order on a date")
    }

    /// Appends seeded random batches, comparing both paths' issues before each; returns how many issues were of the
    /// order on one date.
    @discardableResult
    static func compareStateWithWholeLog(seed: UInt64, days: Int) throws -> Int {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed, days: days)
        var sameDay = 0
        if days < 121 {
            // Only the communities and imports registered early, and creations picked three times as often: the other
            // entities are created on the dates that name them.
            try TestLedger.append(Self.registrations.filter { ["community.registered", "register.imported"].contains($0.type) }, to: directory)
            generator.typePool += Array(repeating: ["asset.registered", "fund.opened", "decision.recorded", "contract.signed", "use.started",
                                                    "occupation.reported", "rectification.issued"], count: 2).flatMap { $0 }
        } else if seed % 2 == 0 {
            // Even seeds start from every entity registered early (most references then resolve, and most batches
            // pass); odd ones from a messy log written without the checks.
            try TestLedger.append(Self.registrations, to: directory)
        }
        try TestLedger.append(generator.batch(30), to: directory)
        var usedState = 0
        var issuesViaState = 0
        var reasons: [String: Int] = [:]
        for step in 0..<45 {
            let batch = generator.batch(generator.random.int(1...3))
            let records = try Self.records(directory)
            let expected = DomainValidator.validate(existing: records, batch: batch)
            sameDay += expected.filter { $0.description.contains(" by a later line (") || $0.description.contains("this replacement takes the place of") }.count
            // The writer's id index, for corrections (odd steps go without: such batches read the whole log).
            var ids: [String: (seq: Int64, type: String)] = [:]
            for record in records where ids[record.id] == nil { ids[record.id] = (record.seq, record.payload.type) }
            let got = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true,
                                              rewriteAfter: Int64(generator.random.int(1...12)),
                                              lookup: step % 2 == 0 ? { ids[$0] } : nil,
                                              recentMax: [0, 40, 1_000_000][step % 3])
            #expect(got.issues == expected, "seed \(seed) step \(step): \(batch.map(\.id!))")
            #expect(got.notice == nil)
            if let reason = got.wholeLogReason { reasons[reason.split(separator: " ").prefix(4).joined(separator: " "), default: 0] += 1 } else { usedState += 1; if !got.issues.isEmpty { issuesViaState += 1 } }
            if got.wroteState {
                // The table with index/checks.recent laid over it (recentMax 0 always merges, 40 now and then) is the
                // state the log gives at the head, byte for byte.
                let layered = CheckState.layeredBytes(directory)
                #expect(layered?.seq == Int64(records.count), "seed \(seed) step \(step)")
                #expect(layered?.bytes == (try CheckState.build(directory, upToSeq: nil))?.bytes, "seed \(seed) step \(step)")
                if step % 5 == 0 {
                    let verified = try CheckState.checkAndRebuild(directory).check
                    if case .intact = verified {} else { Issue.record("seed \(seed) step \(step): \(verified)") }
                    #expect(!PosixFile.exists(CheckState.recentPath(directory)), "verify --index leaves no recent table")
                }
            }
            // Grow the log: valid batches, and now and then an invalid one (a log written before the checks).
            if expected.isEmpty || generator.chance(30) { try TestLedger.append(batch, to: directory) }
        }
        #expect(usedState > 5, "the stored state decided only \(usedState) batches: \(reasons)")
        return sameDay
    }
}

/// A stored state that cannot be used is found, named in one line, and rebuilt; the issues are the whole log's.
@Suite struct CheckStateDamageTests {
    /// A ledger of the generator's entities and some events, with its state written at the head; and a batch
    /// with problems (so that the issues compared are not all empty).
    static func ledger(_ temporary: TemporaryDirectory, name: String = "test-ledger") throws -> (LedgerDirectory, [Event]) {
        let directory = TestLedger.create(in: temporary, name: name)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        var generator = CheckEventGenerator(seed: 99)
        try TestLedger.append(generator.batch(20), to: directory)
        let written = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        #expect(written.wroteState && written.notice == nil)
        return (directory, Fixtures.events("""
        {"id":"b1","type":"fund.income","occurred_on":"2024-06-02","data":{"fund_id":"F-9","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}
        {"id":"b2","type":"asset.registered","occurred_on":"2024-06-02","data":{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2024-01-01","source":{"kind":"manual"}}}
        {"id":"b3","type":"inspection.recorded","occurred_on":"2024-06-02","data":{"asset_id":"A-2","observed":"idle","inspector":"i"}}
        """))
    }

    static func expectRebuilt(_ directory: LedgerDirectory, _ batch: [Event], notice fragment: String) throws {
        let records = try CheckStateTests.records(directory)
        let expected = DomainValidator.validate(existing: records, batch: batch)
        let got = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true)
        #expect(got.issues == expected)
        let notice = try #require(got.notice)
        if fragment.hasPrefix("which this log does not hold") {
            // Review 37a F3: a stamped record the log no longer holds is a sign of lost records, not file damage.
            #expect(notice.hasPrefix("WARNING: checks.state in ") && notice.contains(fragment) && !notice.contains("\n"), "\(notice)")
            #expect(notice.contains("records may be missing") && notice.hasSuffix("ledger verify --checkpoint CHECKPOINT --pubkey KEY."))
        } else {
            #expect(notice.hasPrefix("note: checks.state in ") && notice.contains(fragment) && !notice.contains("\n"), "\(notice)")
            #expect(notice.hasSuffix("rebuilt from the log (answers are unaffected)."))
        }
        #expect(got.wholeLogReason != nil && got.wroteState)
        // Rebuilt: the next check uses it, silently.
        let again = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true)
        #expect(again.issues == expected && again.notice == nil)
        #expect(try CheckState.checkAndRebuild(directory).check == .intact(seq: Int64(records.count)))
    }

    static func edit(_ directory: LedgerDirectory, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = try PosixFile.readRegularFile(CheckState.path(directory), bytesMax: 1 << 30).bytes
        change(&bytes)
        try PosixFile.writeAtomically(bytes, to: CheckState.path(directory))
    }

    @Test func truncated() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        try Self.edit(directory) { $0.removeLast(100) }
        try Self.expectRebuilt(directory, batch, notice: "is damaged (")
    }

    @Test func bitFlippedInABlock() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        // The last block ends 32 bytes before the end (the body's checksum follows it): found when it is read.
        try Self.edit(directory) { $0[$0.count - 40] ^= 0x04 }
        try Self.expectRebuilt(directory, batch, notice: "is damaged (block ")
        #expect(try CheckState.checkAndRebuild(directory).check == .intact(seq: try CheckStateTests.head(directory)))
        try Self.edit(directory) { $0[$0.count - 40] ^= 0x04 }
        guard case .damaged = try CheckState.checkAndRebuild(directory).check else { Issue.record("verify --index missed a flipped bit"); return }
    }

    @Test func bitFlippedInTheHeader() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        try Self.edit(directory) { $0[40] ^= 0x01 }
        try Self.expectRebuilt(directory, batch, notice: "is damaged (")
    }

    @Test func wrongVersion() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        try Self.edit(directory) { $0[CheckState.kind.utf8.count + 1] = 9 }
        try Self.expectRebuilt(directory, batch, notice: "is of format version 9, this program writes \(CheckState.version)")
    }

    @Test func foreign() throws {
        let temporary = TemporaryDirectory()
        let other = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        let (otherDirectory, _) = try Self.ledger(other, name: "another")
        try PosixFile.writeAtomically(try PosixFile.readRegularFile(CheckState.path(otherDirectory), bytesMax: 1 << 30).bytes,
                                      to: CheckState.path(directory))
        try Self.expectRebuilt(directory, batch, notice: "is another ledger's (written for ledger \"another\")")
    }

    /// A rewritten log (same name, same first batch, then other records of the same length) never reuses the state.
    @Test func rewrittenLog() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        let state = try PosixFile.readRegularFile(CheckState.path(directory), bytesMax: 1 << 30).bytes
        let log = TestLedger.logBytes(directory)
        // Rebuild the same log with the second batch's dates moved by one day (same bytes count, other hashes).
        let other = TemporaryDirectory()
        let rewritten = TestLedger.create(in: other)
        try TestLedger.append(CheckStateTests.registrations, to: rewritten)
        var generator = CheckEventGenerator(seed: 99)
        let moved = generator.batch(20).map { event -> Event in
            var e = event
            e.occurredOn = e.occurredOn == CalendarDate(year: 2024, month: 1, day: 1)! ? e.occurredOn.adding(days: 1) : e.occurredOn.adding(days: -1)
            return e
        }
        try TestLedger.append(moved, to: rewritten)
        let newLog = TestLedger.logBytes(rewritten)
        #expect(newLog.count == log.count && newLog != log)
        TestLedger.writeLog(newLog, to: directory)
        try PosixFile.writeAtomically(try PosixFile.readRegularFile(rewritten.acknowledgedPath, bytesMax: 1 << 20).bytes,
                                      to: directory.acknowledgedPath)
        try PosixFile.writeAtomically(state, to: CheckState.path(directory))
        try Self.expectRebuilt(directory, batch, notice: "which this log does not hold (the log's record there now has hash ")
    }

    /// A state behind the log is used (the records after it are read), and written again at the head once enough
    /// records follow it.
    @Test func staleIsUsedAndCaughtUp() throws {
        let temporary = TemporaryDirectory()
        let (directory, _) = try Self.ledger(temporary)
        let batch = Fixtures.events("""
        {"id":"b1","type":"fund.income","occurred_on":"2024-06-02","data":{"fund_id":"F-9","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}
        {"id":"b2","type":"inspection.recorded","occurred_on":"2024-06-02","data":{"asset_id":"A-2","observed":"idle","inspector":"i"}}
        """)
        for batchNumber in 0..<5 {
            try TestLedger.append((0..<3).map { n in
                var event = Fixtures.event(#"{"type":"fund.income","occurred_on":"2024-06-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}"#)
                event.id = "income-\(batchNumber)-\(n)"
                return event
            }, to: directory)
        }
        let records = try CheckStateTests.records(directory)
        let expected = DomainValidator.validate(existing: records, batch: batch)
        let got = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true, rewriteAfter: 100)
        #expect(got.issues == expected && got.notice == nil && got.recordsRead == 15 && !got.wroteState, "\(got)")
        #expect(!expected.isEmpty)
        let caught = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true, rewriteAfter: 10, recentMax: 0)
        #expect(caught.issues == expected && caught.wroteState && caught.wholeLogReason == nil)
        #expect(try CheckState.checkAndRebuild(directory).check == .intact(seq: Int64(records.count)))
    }
}

/// A log may hold an event id twice (written by another tool: `ledger verify` does not require unique ids). The
/// checks read a correction as naming the first record with the id (`EffectiveLog`), so the writer's id index,
/// which decides batches with corrections, must answer with the first record too.
@Suite struct CheckStateDuplicateIdTests {
    @Test func aCorrectionOfAnIdHeldTwiceNamesTheFirstRecordAsTheWholeLogDoes() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        // Record 1: "X", an inspection; record 2: "X" again, of a type this version does not know. One batch each.
        var first = try EventInput.parse(line: Array(#"{"type":"inspection.recorded","occurred_on":"2024-01-05","data":{"asset_id":"A-1","observed":"idle","inspector":"i"}}"#.utf8),
                                         source: "setup", lineNumber: 1)
        first.id = "X"
        first.actor = "tester"
        var second = TestLedger.event(2)
        second.id = "X"
        let hasher = SHA256()
        var prev = Record.genesisPrev
        var bytes: [UInt8] = []
        for (offset, event) in [first, second].enumerated() {
            let seq = Int64(offset + 1)
            let (line, hash) = RecordCodec.encode(event: event, id: "X", actor: "tester", seq: seq, prev: prev, batchFirst: seq, batchLast: seq,
                                                  recordedAt: TestLedger.recordedAt, hasher: hasher)
            bytes += line + [UInt8(ascii: "\n")]
            prev = hash
        }
        try PosixFile.writeAtomically(bytes, to: directory.eventsPath)
        let batch = try [EventInput.parse(line: Array(#"{"id":"fix","actor":"tester","type":"correction","occurred_on":"2024-02-01","data":{"corrects":"X","reason":"r","replacement":{"type":"inspection.recorded","occurred_on":"2024-01-06","data":{"asset_id":"A-1","observed":"idle","inspector":"i"}}}}"#.utf8),
                                                   source: "batch", lineNumber: 1)]
        let records = try CheckStateTests.records(directory)
        #expect(records.count == 2)
        let expected = DomainValidator.validate(existing: records, batch: batch)
        #expect(!expected.isEmpty)
        for policy in [IdIndexPolicy.standard, IdIndexPolicy(deltaMax: 0, ratio: 2)] {
            // Twice: the first open reads the log into memory, the second finds the ids in index/ids.
            for _ in 0..<2 {
                let writer = try LogWriter.open(directory, idIndex: policy)
                defer { writer.close() }
                #expect(try writer.seq(ofId: "X") == 1)
                let got = try CheckState.validate(directory, headSeq: 2, batch: EventBatch(batch), useState: true,
                                                  lookup: { id in try writer.record(withId: id).map { ($0.seq, $0.payload.type) } })
                #expect(got.issues == expected)
            }
            for name in IndexRebuildTests.idTableNames + [CheckState.fileName] { try? PosixFile.remove(directory.indexPath + "/" + name) }
        }
    }
}
