@testable import LedgerProjections
import LedgerChain
import LedgerEvents
import LedgerTestSupport
import Testing

/// `Projection(records:asOf:atSeq:)` takes its facts straight from the records (`EffectiveLog.facts(of:atSeq:asOf:)`)
/// instead of building an `EffectiveLog`: on seeded random logs — corrections with and without a replacement,
/// back-dated and moved forward, of corrections, of unknown ids, of ids repeated in the log, of ids spelled with
/// other bytes but canonically equal (U+212A KELVIN SIGN for `K`, first or last, in short ids and long), and
/// payloads not understood — at random as-of
/// dates and seqs, it gives the facts, corrections, anomalies and last seq the log gives, and the same projection.
@Suite struct EffectiveFactsTests {
    /// `ProjectionFoldTests`' random log, with some records' payloads made raw, some ids repeated, and some ids
    /// (and the corrections naming them) spelled with U+212A KELVIN SIGN.
    static func randomLog(_ random: inout SplitMix64) -> [Record] {
        let records = ProjectionFoldTests.randomLog(&random)
        var ids = records.map(\.id)
        // Long ids too (more than eight bytes: the correction targets' filter keys them by their last eight), some
        // with a `K` first or last (spelled U+212A below: a non-ASCII byte before the last eight, or among them).
        for index in ids.indices where random.int(0..<3) == 0 { ids[index] = "event-" + ids[index] }
        for index in ids.indices where random.int(0..<10) == 0 { ids[index] = "K" + ids[index] }
        for index in ids.indices where random.int(0..<10) == 0 { ids[index] += "K" }
        // The new id of each original id (before repeats, which are made after).
        var renamed: [String: String] = [:]
        for (record, id) in zip(records, ids) { renamed[record.id] = id }
        for index in ids.indices where random.int(0..<12) == 0 && index > 0 {
            ids[index] = ids[random.int(0..<index)]
        }
        /// `id` with a leading and a trailing `K` each spelled as U+212A KELVIN SIGN half the time.
        func respelled(_ id: String, _ random: inout SplitMix64) -> String {
            var id = id
            if id.utf8.first == UInt8(ascii: "K"), random.int(0..<2) == 0 { id = "\u{212A}" + id.dropFirst() }
            if id.utf8.last == UInt8(ascii: "K"), random.int(0..<2) == 0 { id = id.dropLast() + "\u{212A}" }
            return id
        }
        return records.enumerated().map { index, record in
            var payload = record.payload
            if random.int(0..<25) == 0 {
                payload = random.int(0..<2) == 0
                    ? .raw(type: "fund.adjusted", data: Array(#"{"amount_fen":100}"#.utf8))
                    : .raw(type: record.type, data: Array(#"{"x":1}"#.utf8))
            } else if case .domain(.correction(var correction)) = payload, let target = renamed[correction.corrects] {
                correction.corrects = respelled(target, &random)
                payload = .domain(.correction(correction))
            }
            return Record(seq: record.seq, prev: record.prev, hash: record.hash, batchFirst: record.batchFirst,
                          batchLast: record.batchLast, id: respelled(ids[index], &random), occurredOn: record.occurredOn,
                          recordedAt: record.recordedAt, actor: record.actor, payload: payload)
        }
    }

    /// The comparison's seeds: `TestScale.seeds(60)` and three more whose logs hold an id spelled apart by U+212A
    /// with the targets' filter on (rare: none below 60 with this generator), so that case is compared at every depth.
    static let seeds = Array(TestScale.seeds(60)) + [67, 74, 95].filter { !TestScale.seeds(60).contains($0) }

    @Test(arguments: seeds) func factsFromRecordsAgreeWithTheEffectiveLog(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x51_7CC1 &+ 7)
        let records = Self.randomLog(&random)
        for _ in 0..<4 {
            let atSeq: Int64? = random.int(0..<3) == 0 ? nil : Int64(random.int(0...records.count + 2))
            let asOf: CalendarDate? = switch random.int(0..<4) {
            case 0: nil
            case 1: CalendarDate(year: 9999, month: 12, day: 31)!
            default: CalendarDate(iso: FundFoldDifferentialTests.date(&random))!
            }
            let context = "seed \(seed), as of \(asOf.map(\.description) ?? "all"), at seq \(atSeq.map(String.init) ?? "all")"
            let log = EffectiveLog(records: records, atSeq: atSeq)
            let effective = EffectiveLog.facts(of: records, atSeq: atSeq, asOf: asOf)
            let facts = log.orderedFacts(asOf: asOf)
            #expect(effective.facts == facts, "\(context)")
            #expect(effective.corrections == log.corrections, "\(context)")
            #expect(effective.earlierDecisionCitations == log.earlierDecisionCitations, "\(context)")
            #expect(effective.anomalies == log.anomalies, "\(context)")
            // The ids byte for byte, as ledger-spec.md compares them: `==` above compares `Evidence.eventID` as
            // `String`s, which are equal when canonically equivalent ("\u{212A}" == "K"), so a fact cited by the
            // other spelling of its id would pass it.
            #expect(Self.idBytes(effective.facts.flatMap(\.allEvidence)) == Self.idBytes(facts.flatMap(\.allEvidence)), "\(context)")
            #expect(Self.idBytes(effective.corrections.flatMap { [$0.evidence, $0.corrected] })
                        == Self.idBytes(log.corrections.flatMap { [$0.evidence, $0.corrected] }), "\(context)")
            #expect(Self.idBytes(effective.anomalies.map(\.evidence)) == Self.idBytes(log.anomalies.map(\.evidence)), "\(context)")
            #expect(effective.lastSeq == log.lastSeq, "\(context)")
            // The room the fold reserves (counted from the records and replacements on or before `asOf`) is never
            // less than the facts need, kind by kind: a shortfall would only grow a table, so only this shows it.
            var needed = FactKinds()
            for fact in facts { needed.add(fact.payload) }
            let counted = EffectiveLog.factPlan(of: records, atSeq: atSeq, asOf: asOf).kinds
            #expect(Self.counts(counted).indices.allSatisfy { Self.counts(counted)[$0] >= Self.counts(needed)[$0] },
                    "\(context): reserved \(Self.counts(counted)), needed \(Self.counts(needed))")
            if let asOf {
                // The records' projection folds each fact as it makes it (`FactPlan`); the log's folds its list.
                let projection = Projection(records: records, asOf: asOf, atSeq: atSeq)
                #expect(projection == Projection(log: log, asOf: asOf), "\(context)")
                #expect(Self.idBytes(projection.facts.flatMap(\.allEvidence)) == Self.idBytes(facts.flatMap(\.allEvidence)), "\(context)")
            }
        }
    }

    /// `factPlan`'s own switch over the records' payload kinds counts each record as `FactKinds.add` counts its
    /// payload (the two are written apart, so that the plan matches the cases where they lie): one record at a time,
    /// every domain kind the random logs hold (every type the synthetic events have).
    @Test func planCountsEveryKindAsFactKindsDoes() {
        var kinds: Set<String> = []
        for seed in 0..<20 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x51_7CC1 &+ 7)
            for record in Self.randomLog(&random) {
                guard case .domain(let event) = record.payload else { continue }
                if case .correction = event { continue }
                let alone = Record(seq: 1, prev: record.prev, hash: record.hash, batchFirst: 1, batchLast: 1, id: record.id,
                                   occurredOn: record.occurredOn, recordedAt: record.recordedAt, actor: record.actor,
                                   payload: record.payload)
                var expected = FactKinds()
                expected.add(event)
                let counted = EffectiveLog.factPlan(of: [alone], atSeq: nil, asOf: nil).kinds
                #expect(Self.counts(counted) == Self.counts(expected), "\(record.type)")
                kinds.insert(record.type)
            }
        }
        // Not vacuous: every kind the fold reserves for is among them.
        for type in ["community.registered", "asset.registered", "fund.opened", "contract.signed", "decision.recorded",
                     "use.started", "occupation.reported", "inspection.recorded", "fund.income", "fund.spending", "fund.transfer"] {
            #expect(kinds.contains(type), "no \(type) in the random logs")
        }
    }

    /// The plan takes each of its three shapes on the random logs cut at random seqs and dates, and the projection
    /// folded through each equals the one folded from the log's list: every position a fact in date order (no fold
    /// order kept), facts in date order with gaps (a correction, a raw payload or a fact after `asOf`), and facts out
    /// of date order (sorted).
    @Test func everyPlanShapeFoldsAsTheLog() {
        var inOrder = 0, withGaps = 0, sorted = 0
        for seed in 0..<20 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x3C6E_F372 &+ 11)
            let records = Self.randomLog(&random)
            for cut in [1, 2, 3, 5, 8, 13, 21, records.count] where cut <= records.count {
                for asOf in [CalendarDate(iso: FundFoldDifferentialTests.date(&random))!, CalendarDate(year: 9999, month: 12, day: 31)!] {
                    let plan = EffectiveLog.factPlan(of: records, atSeq: Int64(cut), asOf: asOf)
                    guard plan.count > 0 else { continue }
                    if let order = plan.order {
                        if order == order.sorted() { withGaps += 1 } else { sorted += 1 }
                    } else {
                        inOrder += 1
                    }
                    let projection = Projection(records: records, asOf: asOf, atSeq: Int64(cut))
                    #expect(projection == Projection(log: EffectiveLog(records: records, atSeq: Int64(cut)), asOf: asOf),
                            "seed \(seed), at seq \(cut), as of \(asOf)")
                }
            }
        }
        #expect(inOrder > 0 && withGaps > 0 && sorted > 0, "\(inOrder) in order, \(withGaps) with gaps, \(sorted) sorted")
    }

    /// A `FactKinds`' counts, in a fixed order.
    static func counts(_ k: FactKinds) -> [Int] {
        [k.communities, k.assets, k.funds, k.contracts, k.decisions, k.uses, k.occupations, k.inspections, k.movements]
    }

    /// Each id's UTF-8 bytes: what ledger-spec.md compares (`String`'s `==` is canonical equivalence).
    static func idBytes(_ evidence: [Evidence]) -> [[UInt8]] { evidence.map { Array($0.eventID.utf8) } }

    /// The random logs reach every path: applied corrections with and without replacements, corrections of unknown
    /// events and of corrections, raw payloads, back-dated facts, ids spelled apart with the targets' filter on and
    /// off.
    @Test func randomLogsHoldWhatTheComparisonNeeds() {
        var reasons: Set<String> = []
        var replaced = 0, voided = 0, kelvin = 0, kelvinInTail = 0, kelvinFiltered = 0
        // The comparison's own seeds: a case counted here is a case compared there.
        for seed in Self.seeds {
            var random = SplitMix64(seed: UInt64(seed) &* 0x51_7CC1 &+ 7)
            let records = Self.randomLog(&random)
            let log = EffectiveLog(records: records)
            reasons.formUnion(log.anomalies.map { $0.reason.split(separator: " ").prefix(2).joined(separator: " ") })
            replaced += log.corrections.filter(\.hasReplacement).count
            voided += log.corrections.filter { !$0.hasReplacement }.count
            // Applied corrections whose id and target's id are spelled differently (one with U+212A, one with `K`).
            kelvin += log.corrections.filter { Array(records[Int($0.corrected.seq) - 1].id.utf8) != Array($0.corrected.eventID.utf8) }.count
            // The same in a log where every id a correction names has an ASCII tail (the targets' filter is on), the
            // spellings differing before the last eight bytes of a long id; and in a last eight bytes.
            let named = records.compactMap { record -> String? in
                guard case .domain(.correction(let correction)) = record.payload else { return nil }
                return correction.corrects
            }
            for correction in log.corrections {
                let id = Array(records[Int(correction.corrected.seq) - 1].id.utf8), named = Array(correction.corrected.eventID.utf8)
                guard id != named, id.count > 8 else { continue }
                if id.suffix(8) != named.suffix(8) { kelvinInTail += 1 }
            }
            if named.allSatisfy({ Array($0.utf8).suffix(8).allSatisfy { $0 < 0x80 } }) {
                kelvinFiltered += log.corrections.filter {
                    let id = Array(records[Int($0.corrected.seq) - 1].id.utf8)
                    return id != Array($0.corrected.eventID.utf8) && id.count > 8
                }.count
            }
        }
        for expected in ["corrects unknown", "corrects another", "payload not"] {
            #expect(reasons.contains(expected), "no “\(expected)” in \(reasons.sorted())")
        }
        #expect(replaced > 10 && voided > 10 && kelvin > 0, "\(replaced) replaced, \(voided) voided, \(kelvin) by U+212A")
        #expect(kelvinInTail > 0 && kelvinFiltered > 0, "\(kelvinInTail) by U+212A in a tail, \(kelvinFiltered) filtered")
    }
}
