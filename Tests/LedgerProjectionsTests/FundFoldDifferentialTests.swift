import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerTestSupport
import Testing

/// The typed, interned fund fold (`FundFold`) against the reference fold (`Projection`, kept as the oracle): on
/// seeded random logs — every event type of the sample ledger, fund facts on known and unknown funds, duplicates,
/// back-dated facts, corrections with and without a replacement (of fund facts and of others, of corrections, of
/// nothing) — at random as-of dates and seqs, both give the same funds, movements, communities, fund anomalies
/// and the same bytes for every `ledger balances` report.
@Suite struct FundFoldDifferentialTests {
    static let funds = ["F-HY-PI", "F-HY-MF", "F-QF-PI", "F-QF-MF", "F-YX-PI", "F-NEW", "F-NONE"]
    static let communities = ["C-HY", "C-QF", "C-YX", "C-NEW"]

    /// A random date from 2023-06 to 2026-06: many facts land before the fund or community they name.
    static func date(_ random: inout SplitMix64) -> String {
        CalendarDate(year: 2023, month: 6, day: 1)!.adding(days: random.int(0..<1_100)).description
    }

    /// A random fund-related event line (no id).
    static func fundLine(_ random: inout SplitMix64) -> String {
        let fund = funds[random.int(0..<funds.count)], other = funds[random.int(0..<funds.count)]
        let community = communities[random.int(0..<communities.count)]
        let amount = random.int(1...5_000_000)
        let on = date(&random)
        switch random.int(0..<10) {
        case 0:
            return #"{"type":"fund.opened","occurred_on":"\#(on)","actor":"t","data":{"fund_id":"\#(fund)","community_id":"\#(community)","kind":"other","account":"acc"}}"#
        case 1:
            return #"{"type":"community.registered","occurred_on":"\#(on)","actor":"t","data":{"community_id":"\#(community)","name":"小区\#(amount)","street":"街道\#(amount % 3)","residents_committee":"社区","total_area_m2":"1000.00","total_owners":10}}"#
        case 2, 3, 4:
            return #"{"type":"fund.income","occurred_on":"\#(on)","actor":"t","data":{"fund_id":"\#(fund)","amount_fen":\#(amount),"counterparty":"某公司","voucher":"V\#(amount)","category":"\#(["leasing", "parking", "advertising"][amount % 3])"}}"#
        case 5, 6:
            let category = amount % 4 == 0 ? "" : #","purpose_category":"repair""#
            return #"{"type":"fund.spending","occurred_on":"\#(on)","actor":"t","data":{"fund_id":"\#(fund)","amount_fen":\#(amount),"counterparty":"某公司","voucher":"P\#(amount)","purpose":"维修"\#(category)}}"#
        case 7, 8:
            return #"{"type":"fund.transfer","occurred_on":"\#(on)","actor":"t","data":{"from_fund_id":"\#(fund)","to_fund_id":"\#(other)","amount_fen":\#(amount),"voucher":"T\#(amount)"}}"#
        default:
            return #"{"type":"fund.balance_asserted","occurred_on":"\#(on)","actor":"t","data":{"fund_id":"\#(fund)","balance_fen":\#(amount),"statement_ref":"S\#(amount)"}}"#
        }
    }

    /// A random log: the sample ledger's events (every type) interleaved with random fund events and corrections.
    static func randomLog(_ random: inout SplitMix64) -> [Record] { Fixtures.records(randomEvents(&random)) }

    /// The events of `randomLog`, with their ids.
    static func randomEvents(_ random: inout SplitMix64) -> [Event] {
        let sample = Fixtures.sampleEvents
        var events: [Event] = []
        var ids: [String] = []
        var next = 0
        let length = random.int(40...160)
        while events.count < length {
            let line: String
            switch random.int(0..<10) {
            case 0...3 where next < sample.count:
                var event = sample[next]
                next += 1
                event.id = "s-\(events.count)"
                events.append(event)
                ids.append(event.id!)
                continue
            case 4...7:
                line = fundLine(&random)
            default:
                guard !ids.isEmpty else { continue }
                // A correction of an earlier event (any type, a correction too), or of none.
                let index = random.int(0..<ids.count)
                let target = random.int(0..<8) == 0 ? "no-such-event" : ids[index]
                var replacement = ""
                // A replacement keeps the corrected event's type (as `ledger append` requires), with new data for a
                // fund fact, and is back-dated or moved forward at random. One in six is of another type: the
                // writer refuses that, but `verify` accepts it (ledger-spec.md 10.5 puts the replacement in the
                // voided event's place whatever its type), so every fold must agree on a log written elsewhere —
                // a fund fact replacing a registration, a registration replacing a fund fact.
                if target != "no-such-event", events[index].type != EventType.correction.rawValue, random.int(0..<3) > 0 {
                    var fact = events[index]
                    if random.int(0..<6) == 0 {
                        for _ in 0..<200 {
                            let candidate = random.int(0..<2) == 0 ? Fixtures.event(fundLine(&random))
                                : sample[random.int(0..<sample.count)]
                            if candidate.type != fact.type, candidate.type != EventType.correction.rawValue {
                                fact = candidate
                                break
                            }
                        }
                    } else if FundFold.types.contains(EventType(rawValue: fact.type)!) {
                        for _ in 0..<200 {
                            let candidate = Fixtures.event(fundLine(&random))
                            if candidate.type == fact.type { fact = candidate; break }
                        }
                    }
                    replacement = #","replacement":{"type":"\#(fact.type)","occurred_on":"\#(date(&random))","data":\#(CanonicalJSON.string(.object(fact.data)))}"#
                }
                line = #"{"type":"correction","occurred_on":"\#(date(&random))","actor":"t","data":{"corrects":"\#(target)","reason":"更正"\#(replacement)}}"#
            }
            var event = Fixtures.event(line)
            event.id = "r-\(events.count)"
            events.append(event)
            ids.append(event.id!)
        }
        return events
    }

    /// The fund fold of `records` up to `atSeq`.
    static func fundFold(_ records: [Record], atSeq: Int64?) -> FundFold {
        var fold = FundFold()
        for record in records {
            if let atSeq, record.seq > atSeq { break }
            if let type = EventType(rawValue: record.type) { #expect(FundFold.reads(type) == FundFold.types.contains(type)) }
            // As `FundFold.read`: records of the fold's types and of unknown types are applied, the rest skipped.
            if EventType(rawValue: record.type).map(FundFold.types.contains) ?? true {
                fold.apply(seq: record.seq, id: record.id, occurredOn: record.occurredOn, payload: record.payload)
            } else {
                fold.skip(seq: record.seq, id: record.id)
            }
        }
        return fold
    }

    static let fundReasons = ["duplicate community", "duplicate fund", "income into", "spending from", "transfer ",
                              "balance of unknown", "payload not understood", "corrects another correction",
                              "corrects unknown event"]

    @Test(arguments: TestScale.seeds(60)) func fundFoldAgreesWithTheReferenceFold(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 17)
        let records = Self.randomLog(&random)
        for _ in 0..<4 {
            let atSeq: Int64? = random.int(0..<3) == 0 ? nil : Int64(random.int(1...records.count))
            let asOf = CalendarDate(iso: Self.date(&random))!
            let reference = Projection(records: records, asOf: asOf, atSeq: atSeq)
            let fold = Self.fundFold(records, atSeq: atSeq)
            let typed = fold.projection(asOf: asOf)
            let context = "seed \(seed), as of \(asOf), at seq \(atSeq.map(String.init) ?? "all")"
            #expect(typed.atSeq == reference.atSeq, "\(context)")
            #expect(typed.funds == reference.funds, "\(context)")
            #expect(typed.movements == reference.movements, "\(context)")
            #expect(typed.communities.mapValues(\.fundIDs) == reference.communities.mapValues(\.fundIDs), "\(context)")
            #expect(typed.communities.mapValues { [$0.name, $0.street, $0.residentsCommittee] }
                    == reference.communities.mapValues { [$0.name, $0.street, $0.residentsCommittee] }, "\(context)")
            // The fund fold reports the anomalies of fund-related records (see FundFold); those of the reference
            // that concern funds are exactly these.
            let fundAnomalies = reference.anomalies.filter { anomaly in
                Self.fundReasons.contains { anomaly.reason.hasPrefix($0) }
            }
            #expect(typed.anomalies == fundAnomalies, "\(context)")
            #expect(typed.corrections == reference.corrections, "\(context)")
            // The integers of the fold alone agree with the output.
            for (fund, fen) in fold.balances(asOf: asOf) {
                #expect(reference.view(ofFund: fold.ids[fund])?.balance.fen == fen, "\(context): fund \(fold.ids[fund])")
            }
            // The running-total reconciliation against the plain sum of each movement up to the statement date.
            for (id, fund) in reference.funds {
                let plain = fund.assertions.map { assertion in
                    reference.movements(ofFund: id).filter { $0.date <= assertion.date }.reduce(Amount.zero) { $0 + $1.signedAmount }
                }
                #expect(reference.reconciliation(ofFund: id).map(\.computed) == plain, "\(context): fund \(id)")
            }
            for breakdown in ProjectionReports.BalanceBreakdown.allCases {
                for format in ReportFormat.allCases {
                    #expect(ProjectionReports.balances(typed, filter: EntityFilter(), by: breakdown, format: format)
                            == ProjectionReports.balances(reference, filter: EntityFilter(), by: breakdown, format: format),
                            "\(context): --by \(breakdown) --format \(format)")
                }
            }
            let street = EntityFilter(communityID: nil, street: "街道1")
            #expect(ProjectionReports.balances(typed, filter: street, by: .fund, format: .json)
                    == ProjectionReports.balances(reference, filter: street, by: .fund, format: .json), "\(context): --street")
        }
    }

    /// The random logs really exercise the fold: movements, rejected facts, replacements in effect, back-dating.
    @Test func randomLogsHoldWhatTheDifferentialTestNeeds() {
        var movements = 0, fundAnomalies = 0, replacements = 0, backDated = 0, otherType = 0, fundForOther = 0
        for seed in 0..<20 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 17)
            let records = Self.randomLog(&random)
            let types = Dictionary(records.map { ($0.id, $0.type) }, uniquingKeysWith: { first, _ in first })
            for record in records {
                guard case .domain(.correction(let correction)) = record.payload, let replacement = correction.replacement,
                      let corrected = types[correction.corrects], corrected != replacement.type.rawValue else { continue }
                otherType += 1
                // A fund fact put in place of a record of another type, or the reverse: the fund fold's skip path.
                if FundFold.types.contains(replacement.type) != (EventType(rawValue: corrected).map(FundFold.types.contains) ?? false) {
                    fundForOther += 1
                }
            }
            let reference = Projection(records: records, asOf: CalendarDate(year: 2026, month: 12, day: 31)!)
            movements += reference.movements.count
            fundAnomalies += reference.anomalies.filter { a in Self.fundReasons.contains { a.reason.hasPrefix($0) } }.count
            replacements += reference.corrections.filter(\.hasReplacement).count
            backDated += zip(records, records.dropFirst()).filter { $0.occurredOn > $1.occurredOn }.count
        }
        #expect(movements > 200 && fundAnomalies > 50 && replacements > 20 && backDated > 200,
                "\(movements) movements, \(fundAnomalies) fund anomalies, \(replacements) replacements, \(backDated) back-dated")
        #expect(otherType > 10 && fundForOther > 5, "\(otherType) replacements of another type, \(fundForOther) across the fund fold's types")
    }

    /// A correction naming no event leaves the movement it was meant to void in the balance: `ledger balances`
    /// must still warn about it, as it did when it read the full projection. A correction of a non-fund event
    /// (a log written by other tools) that replaces it with a fund fact puts that fact in effect, as in the
    /// reference fold.
    @Test func correctionsOfUnknownAndNonFundEventsAgreeWithTheReferenceFold() {
        let records = Fixtures.records(Fixtures.events(#"""
        {"id":"c1","type":"community.registered","occurred_on":"2024-01-01","actor":"t","data":{"community_id":"C-1","name":"小区","street":"街道","residents_committee":"社区","total_area_m2":"1000.00","total_owners":10}}
        {"id":"f1","type":"fund.opened","occurred_on":"2024-01-01","actor":"t","data":{"fund_id":"F-1","community_id":"C-1","kind":"other","account":"acc"}}
        {"id":"i1","type":"fund.income","occurred_on":"2024-02-01","actor":"t","data":{"fund_id":"F-1","amount_fen":5000,"counterparty":"某公司","voucher":"V1","category":"parking"}}
        {"id":"x1","type":"correction","occurred_on":"2024-03-01","actor":"t","data":{"corrects":"i-1","reason":"误记"}}
        {"id":"n1","type":"inspection.recorded","occurred_on":"2024-02-02","actor":"t","data":{"asset_id":"A-1","observed":"idle","inspector":"张三"}}
        {"id":"x2","type":"correction","occurred_on":"2024-03-02","actor":"t","data":{"corrects":"n1","reason":"类型错","replacement":{"type":"fund.income","occurred_on":"2024-02-03","data":{"fund_id":"F-1","amount_fen":700,"counterparty":"某公司","voucher":"V2","category":"parking"}}}}
        """#))
        let asOf = CalendarDate(year: 2025, month: 1, day: 1)!
        let reference = Projection(records: records, asOf: asOf)
        let typed = Self.fundFold(records, atSeq: nil).projection(asOf: asOf)
        #expect(reference.anomalies.map(\.reason) == ["corrects unknown event \"i-1\""])
        #expect(typed.anomalies == reference.anomalies)
        #expect(typed.movements == reference.movements)
        #expect(typed.corrections == reference.corrections)
        #expect(ProjectionReports.balances(typed, filter: EntityFilter(), by: .fund, format: .json)
                == ProjectionReports.balances(reference, filter: EntityFilter(), by: .fund, format: .json))
    }

    /// A record of a type this version does not know (written by another tool, or a newer version) may be a money
    /// movement: ledger-spec.md section 10 says every report warns about it, `balances` included.
    @Test func aRecordOfAnUnknownTypeIsReportedAsInTheReferenceFold() {
        var records = Fixtures.records(Fixtures.events(#"""
        {"id":"f1","type":"fund.opened","occurred_on":"2024-01-01","actor":"t","data":{"fund_id":"F-1","community_id":"C-1","kind":"other","account":"acc"}}
        {"id":"i1","type":"fund.income","occurred_on":"2024-02-01","actor":"t","data":{"fund_id":"F-1","amount_fen":5000,"counterparty":"某公司","voucher":"V1","category":"parking"}}
        """#))
        let unknown = Record(seq: 3, prev: .zero, hash: .zero, batchFirst: 3, batchLast: 3, id: "u1",
                             occurredOn: CalendarDate(year: 2024, month: 3, day: 1)!, recordedAt: Timestamp(secondsSinceEpoch: 0),
                             actor: "t", payload: .raw(type: "fund.adjusted", data: Array(#"{"amount_fen":100,"fund_id":"F-1"}"#.utf8)))
        records.append(unknown)
        let asOf = CalendarDate(year: 2025, month: 1, day: 1)!
        let reference = Projection(records: records, asOf: asOf)
        #expect(reference.anomalies.map(\.evidence.seq) == [3])
        #expect(FundFold.knownType(ArraySlice("fund.adjusted".utf8)) == nil)
        #expect(FundFold.knownType(ArraySlice("fund.income".utf8)) == .fundIncome)
        #expect(Self.fundFold(records, atSeq: nil).projection(asOf: asOf).anomalies == reference.anomalies)
    }

    /// `FundFold.read` takes each line's parts from the verifying scan (lines scanned on several cores, lines
    /// carried across the scanner's 4 MiB chunks, batches across chunks): on a log of several chunks it gives what
    /// the reference fold gives from `VerifiedLog`'s records, with --at-seq inside a batch or not.
    @Test func readingALogOfSeveralChunksAgreesWithTheReferenceFold() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        var events = Fixtures.events(#"""
        {"id":"c1","type":"community.registered","occurred_on":"2024-01-01","actor":"t","data":{"community_id":"C-1","name":"小区","street":"街道","residents_committee":"社区","total_area_m2":"1000.00","total_owners":10}}
        {"id":"f1","type":"fund.opened","occurred_on":"2024-01-01","actor":"t","data":{"fund_id":"F-1","community_id":"C-1","kind":"other","account":"acc"}}
        {"id":"f2","type":"fund.opened","occurred_on":"2024-01-01","actor":"t","data":{"fund_id":"F-2","community_id":"C-1","kind":"other","account":"acc"}}
        """#)
        let padding = String(repeating: "某", count: 100)
        var random = SplitMix64(seed: 7)
        for index in 0..<10_000 {
            if index % 5 == 0 { events.append(TestLedger.event(index)); continue }   // a type unknown to the fold
            let fund = index % 3 == 0 ? "F-2" : "F-1", on = Self.date(&random)
            var event = Fixtures.event(#"{"type":"fund.income","occurred_on":"\#(on)","actor":"t","data":{"fund_id":"\#(fund)","amount_fen":\#(index + 1),"counterparty":"\#(padding)","voucher":"V\#(index)","category":"parking"}}"#)
            event.id = "i-\(index)"
            events.append(event)
        }
        for start in stride(from: 0, to: events.count, by: 4_000) {
            try TestLedger.append(Array(events[start..<min(start + 4_000, events.count)]), to: directory)
        }
        #expect(TestLedger.logBytes(directory).count > 4 << 20)
        let records = try VerifiedLog.read(directory).records
        // The records the scan's parts make are those a fresh decode of each line makes (an independent reading).
        #expect(records == (try TestLedger.logBytes(directory).split(separator: 0x0A).map { line throws(ChainError) in try RecordCodec.decode(line: line) }))
        let asOf = CalendarDate(year: 2025, month: 6, day: 30)!
        for atSeq in [nil, Int64(6_001), Int64(records.count)] {
            let reference = Projection(records: records, asOf: asOf, atSeq: atSeq)
            let typed = try FundFold.read(directory, upToSeq: atSeq).fold.projection(asOf: asOf)
            #expect(typed.movements == reference.movements, "at seq \(atSeq.map(String.init) ?? "all")")
            #expect(typed.anomalies == reference.anomalies, "at seq \(atSeq.map(String.init) ?? "all")")
            #expect(ProjectionReports.balances(typed, filter: EntityFilter(), by: .fund, format: .json)
                    == ProjectionReports.balances(reference, filter: EntityFilter(), by: .fund, format: .json))
        }
    }

    /// Ids repeat only in logs written by other tools: the first record of an id is the one a correction names,
    /// in both folds, whether that record is a fund fact or skipped.
    @Test func aCorrectionOfARepeatedIdNamesItsFirstRecord() {
        let records = Fixtures.records(Fixtures.events(#"""
        {"id":"f1","type":"fund.opened","occurred_on":"2024-01-01","actor":"t","data":{"fund_id":"F-1","community_id":"C-1","kind":"other","account":"acc"}}
        {"id":"dup","type":"inspection.recorded","occurred_on":"2024-02-02","actor":"t","data":{"asset_id":"A-1","observed":"idle","inspector":"张三"}}
        {"id":"dup","type":"fund.income","occurred_on":"2024-02-01","actor":"t","data":{"fund_id":"F-1","amount_fen":5000,"counterparty":"某公司","voucher":"V1","category":"parking"}}
        {"id":"x1","type":"correction","occurred_on":"2024-03-01","actor":"t","data":{"corrects":"dup","reason":"作废"}}
        {"id":"x1","type":"inspection.recorded","occurred_on":"2024-02-02","actor":"t","data":{"asset_id":"A-1","observed":"idle","inspector":"张三"}}
        {"id":"x2","type":"correction","occurred_on":"2024-03-02","actor":"t","data":{"corrects":"x1","reason":"更正"}}
        """#))
        let asOf = CalendarDate(year: 2025, month: 1, day: 1)!
        let reference = Projection(records: records, asOf: asOf)
        let typed = Self.fundFold(records, atSeq: nil).projection(asOf: asOf)
        #expect(reference.movements.count == 1)
        #expect(typed.movements == reference.movements)
        // The inspection of an asset never registered is an anomaly of the full fold only: `balances` reads only
        // community, fund and correction records (ledger-spec.md section 10).
        #expect(reference.anomalies.map(\.evidence.seq) == [6, 5])
        #expect(typed.anomalies == reference.anomalies.filter { !$0.reason.contains("not linked to asset") })
        #expect(typed.corrections == reference.corrections)
    }

    @Test func sampleLedgerAgreesAtEverySeq() {
        let records = Fixtures.sampleRecords
        for atSeq in 1...Int64(records.count) {
            let asOf = CalendarDate(year: 2025, month: 6, day: 30)!
            let reference = Projection(records: records, asOf: asOf, atSeq: atSeq)
            let typed = Self.fundFold(records, atSeq: atSeq).projection(asOf: asOf)
            #expect(ProjectionReports.balances(typed, filter: EntityFilter(), by: .fund, format: .json)
                    == ProjectionReports.balances(reference, filter: EntityFilter(), by: .fund, format: .json), "at seq \(atSeq)")
            #expect(typed.movements == reference.movements, "at seq \(atSeq)")
        }
    }
}
