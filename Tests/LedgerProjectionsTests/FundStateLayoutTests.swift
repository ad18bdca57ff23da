import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/funds.state` version 5 (ledger-spec.md 15.2): one tag byte per record, no seq, and of a skipped record
/// only its id. The layout is checked against an independent reading of the log, an older (version 4) file is
/// noticed and rebuilt with the same answers, and the tags agree with what the fold reads.
@Suite struct FundStateLayoutTests {
    /// The body's bytes an independent encoder gives for the log's records, by the spec's words: per record the tag,
    /// u8 the id's length and the id; unless skipped, i32 the day, for an unknown type u32 and the name, u32 and the
    /// data.
    static func expectedBody(_ directory: LedgerDirectory) throws -> (body: [UInt8], skipped: Int, read: Int, named: Int) {
        let tags: [String: UInt8] = ["community.registered": 1, "fund.opened": 2, "fund.income": 3, "fund.spending": 4,
                                     "fund.transfer": 5, "fund.balance_asserted": 6, "correction": 7]
        var body: [UInt8] = []
        var skipped = 0, read = 0, named = 0
        func le<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) } }
        _ = try LogScanner.committedBatches(directory, prepare: { (line: VerifiedLine) -> Int? in
            let type = String(decoding: line.typeBytes, as: UTF8.self)
            let known = EventType(rawValue: type) != nil
            let tag: UInt8 = tags[type] ?? (known ? 0 : 8)
            body.append(tag)
            body.append(UInt8(line.idBytes.count))
            body.append(contentsOf: line.idBytes)
            guard tag != 0 else { skipped += 1; return nil }
            read += 1
            le(Int32(line.occurredOn.dayNumber))
            if tag == 8 {
                named += 1
                le(UInt32(line.typeBytes.count))
                body.append(contentsOf: line.typeBytes)
            }
            le(UInt32(line.dataBytes.count))
            body.append(contentsOf: line.dataBytes)
            return nil
        }, batch: { _ in })
        return (body, skipped, read, named)
    }

    static func stateBytes(_ directory: LedgerDirectory) throws -> [UInt8] {
        try PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30, followLinks: false).bytes
    }

    /// The tags name exactly the types the fold reads; every other known type is skipped, and no known type is
    /// written by its name.
    @Test func theTagsAreTheTypesTheFoldReads() {
        for type in EventType.allCases {
            let tag = FundState.tag(type)
            #expect((tag != FundState.skippedTag) == FundFold.reads(type), "\(type)")
            #expect(tag != FundState.namedTag, "\(type)")
            if tag != FundState.skippedTag { #expect(FundState.taggedTypes[Int(tag) - 1] == type) }
        }
        #expect(FundState.tag(nil) == FundState.namedTag)
        #expect(FundState.taggedTypes.count == 7 && Set(FundState.taggedTypes) == FundFold.types)
    }

    /// Seeded random ledgers (every type, corrections, records of a type this version does not know): the state a
    /// whole-city `balances` writes (the shared pass) and the one `FundFold.read(state:)` writes are the body an
    /// independent encoder gives, its inputs decode to the log's, and every answer with the state equals the
    /// log's, at random as-of dates and seqs.
    @Test(arguments: TestScale.seeds(6, from: 301))
    func theLayoutIsTheSpecsAndAnswersWithItEqualTheLogs(seed: UInt64) throws {
        let temporary = TemporaryDirectory("fund-state-layout")
        let directory = try IndexRebuildTests.randomLedger(seed: seed, in: temporary)
        let expected = try Self.expectedBody(directory)
        #expect(expected.skipped > 0 && expected.read > 0 && expected.named > 0, "every kind of input (seed \(seed))")
        try? PosixFile.remove(FundState.path(directory))
        // The shared pass (a whole-city `balances` after `rm -rf index/`) and the funds' own reader.
        for shared in [true, false] {
            try? PosixFile.remove(FundState.path(directory))
            if shared {
                _ = try IndexRebuild.pass(directory, files: [.funds], writeIds: false, keepBytes: false, foldFunds: true)
            } else {
                _ = try FundFold.read(directory, upToSeq: nil, state: true)
            }
            let file = try DerivedStateFile.decode(Self.stateBytes(directory), kind: FundState.kind, version: 5)
            #expect(file.body == expected.body, "seed \(seed), shared \(shared)")
            let state = try FundState.decode(Self.stateBytes(directory))
            let fromLog = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
            #expect(state.inputs == fromLog?.inputs, "seed \(seed)")
            #expect(state.encoded() == (try Self.stateBytes(directory)))
        }
        var random = SplitMix64(seed: seed &* 31)
        let count = Int(try FundState.decode(Self.stateBytes(directory)).stamp.seq)
        for _ in 0..<6 {
            let atSeq: Int64? = random.int(0..<3) == 0 ? Int64(random.int(1...count)) : nil
            let asOf = CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: random.int(-30...500))
            let withState = try FundFold.read(directory, upToSeq: atSeq, state: true)
            let logOnly = try FundFold.read(directory, upToSeq: atSeq)
            #expect(withState.notice == nil)
            if atSeq == nil { #expect(withState.usedState) }
            #expect(FundStateTests.answers(withState.fold, asOf: asOf) == FundStateTests.answers(logOnly.fold, asOf: asOf),
                    "seed \(seed), as of \(asOf), at \(atSeq.map(String.init) ?? "head")")
        }
    }

    /// A version-4 file (what the last version wrote: u64 seq, u64 day, the id, the type's name, a u64 flag and the
    /// data, every count a u64) is noticed, the answer read from the log, and a version-5 file written in its place;
    /// `verify --index` reports it as an older version, not as damage.
    @Test func aVersion4FileIsNoticedAndRebuiltWithTheSameAnswers() throws {
        let temp = TemporaryDirectory("fund-state-v4")
        let (directory, _) = try FundStateTests.ledgerWithState(temp)
        let current = try Self.stateBytes(directory)
        let state = try FundState.decode(current)
        var body = ByteWriter()
        _ = try LogScanner.committedBatches(directory, prepare: { (line: VerifiedLine) -> Int? in
            let skipped = EventType(rawValue: String(decoding: line.typeBytes, as: UTF8.self)).map { !FundFold.reads($0) } ?? false
            body.i64(line.location.seq)
            body.i64(Int64(line.occurredOn.dayNumber))
            body.counted(line.idBytes)
            body.counted(line.typeBytes)
            if skipped { body.u64(0) } else { body.u64(1); body.counted(line.dataBytes) }
            return nil
        }, batch: { _ in })
        let old = DerivedStateFile(kind: FundState.kind, version: 4, ledgerName: state.ledgerName, genesis: state.genesis,
                                   stamp: state.stamp, body: body.bytes).encoded()
        #expect(old.count > current.count)
        // verify --index: an older version, rebuilt.
        try PosixFile.writeAtomically(old, to: FundState.path(directory))
        let report = try FundState.checkAndRebuild(directory)
        #expect(report.check == .damaged(.wrongVersion(found: 4, expected: FundState.version)))
        #expect(try Self.stateBytes(directory) == current)
        let all = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 0)
        #expect(all.funds.check == .intact(seq: state.stamp.seq))
        // A query: a notice naming the version, the log's answers, the current file written back.
        try PosixFile.writeAtomically(old, to: FundState.path(directory))
        try FundStateTests.expectRebuilt(directory, notice: "format version 4", "version 4")
        #expect(try Self.stateBytes(directory) == current)
        // The shared pass of a first command finds it unusable too, and rebuilds it.
        try PosixFile.writeAtomically(old, to: FundState.path(directory))
        var notices: [String] = []
        let folded = IndexRebuild.ensure(directory, files: [.funds], foldingFunds: true) { notices.append($0) }
        #expect(folded != nil && notices.count == 1 && notices.first?.contains("format version 4") == true, "\(notices)")
        #expect(try Self.stateBytes(directory) == current)
        if let folded {
            let logOnly = try FundFold.read(directory)
            #expect(FundStateTests.answers(folded.fold, asOf: FundStateTests.asOf) == FundStateTests.answers(logOnly.fold, asOf: FundStateTests.asOf))
        }
    }

    /// Ids of every length the log allows (1 and 128 bytes) and of Chinese text, in skipped and read records, go
    /// through the one-byte length, and a correction names a skipped record by such an id.
    @Test func idsOfEveryLengthRoundTrip() throws {
        let temp = TemporaryDirectory("fund-state-ids")
        let directory = TestLedger.create(in: temp)
        var first = TestLedger.event(1)
        first.id = "x"
        var long = TestLedger.event(2)
        long.id = String(repeating: "L", count: Limits.idBytesMax)
        var chinese = TestLedger.event(3)
        chinese.id = "事件-甲乙丙"
        try TestLedger.append([first, long, chinese], to: directory)
        try TestLedger.append(Array(Fixtures.sampleEvents.prefix(12)), to: directory)
        _ = try FundFold.read(directory, upToSeq: nil, state: true)
        let state = try FundState.decode(Self.stateBytes(directory))
        #expect(state.inputs.map(\.id).prefix(3) == ["x", String(repeating: "L", count: Limits.idBytesMax), "事件-甲乙丙"])
        let fromLog = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
        #expect(state.inputs == fromLog?.inputs)
        #expect(state.inputs.contains { $0.data == nil } && state.inputs.contains { $0.data != nil })
        let again = try FundFold.read(directory, upToSeq: nil, state: true)
        #expect(again.usedState && again.notice == nil)
        #expect(FundStateTests.answers(again.fold, asOf: FundStateTests.asOf) == FundStateTests.answers(try FundFold.read(directory).fold, asOf: FundStateTests.asOf))
    }
}
