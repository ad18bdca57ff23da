@testable import LedgerProjections
import LedgerChain
import LedgerEvents
import LedgerTestSupport
import Testing

/// The fold's id tables hash ASCII ids by their bytes, and turn to `String`'s own hash from the first non-ASCII id
/// (`IdInterner`). On `ProjectionFoldTests`' random logs (every event type of the sample ledger, duplicates, unknown
/// references, back-dated facts, corrections with and without a replacement) with their entity ids respelled —
/// some ids made non-ASCII everywhere (a Chinese character appended), and each `K` of an id written as U+212A
/// KELVIN SIGN at random, reference by reference (canonically equal to `K`, other bytes) — the projection
/// (`Projection(records:asOf:atSeq:)`) equals the dictionary fold (`ReferenceFold`) at random as-of dates and seqs.
@Suite struct ProjectionIdSpellingTests {
    /// `ProjectionFoldTests.randomLog` with its entity ids (members named `…_id` and `…_ids`, in replacements too)
    /// respelled as said above.
    static func respelledLog(_ random: inout SplitMix64) -> [Record] {
        let records = ProjectionFoldTests.randomLog(&random)
        var widened: [String: Bool] = [:]
        func respell(_ id: String, _ random: inout SplitMix64) -> String {
            let wide: Bool
            if let known = widened[id] { wide = known } else { wide = random.int(0..<4) == 0; widened[id] = wide }
            var out = String.UnicodeScalarView()
            for scalar in id.unicodeScalars {
                out.append(scalar == "K" && random.int(0..<2) == 0 ? "\u{212A}" : scalar)
            }
            return String(out) + (wide ? "区" : "")
        }
        func respelled(_ value: JSONValue, key: String, _ random: inout SplitMix64) -> JSONValue {
            switch value {
            case .string(let id) where key.hasSuffix("_id"):
                return .string(respell(id, &random))
            case .array(let items) where key.hasSuffix("_ids"):
                return .array(items.map { item in
                    if case .string(let id) = item { return .string(respell(id, &random)) }
                    return item
                })
            case .object(let members):
                var out: [String: JSONValue] = [:]
                for memberKey in members.keys.sorted() { out[memberKey] = respelled(members[memberKey]!, key: memberKey, &random) }
                return .object(out)
            default:
                return value
            }
        }
        return records.map { record in
            guard case .domain = record.payload, let data = try? JSONParser.parse(record.payload.dataBytes) else { return record }
            let bytes = Array(CanonicalJSON.string(respelled(data, key: "", &random)).utf8)
            let payload = EventPayload.decoding(type: record.type, occurredOn: record.occurredOn, canonicalData: bytes[...])
            return Record(seq: record.seq, prev: record.prev, hash: record.hash, batchFirst: record.batchFirst,
                          batchLast: record.batchLast, id: record.id, occurredOn: record.occurredOn,
                          recordedAt: record.recordedAt, actor: record.actor, payload: payload)
        }
    }

    @Test(arguments: TestScale.seeds(40)) func respelledIdsFoldAsTheDictionaryFoldDoes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x6A09_E667 &+ 5)
        let records = Self.respelledLog(&random)
        for _ in 0..<3 {
            let atSeq: Int64? = random.int(0..<3) == 0 ? nil : Int64(random.int(1...records.count))
            let asOf = random.int(0..<4) == 0 ? CalendarDate(year: 9999, month: 12, day: 31)! : CalendarDate(iso: FundFoldDifferentialTests.date(&random))!
            let log = EffectiveLog(records: records, atSeq: atSeq)
            let projection = Projection(records: records, asOf: asOf, atSeq: atSeq)
            var reference = ReferenceFold(anomalies: log.anomalies)
            reference.earlierDecisionCitations = log.earlierDecisionCitations
            for fact in log.orderedFacts(asOf: asOf) { reference.fold(fact) }
            let context = "seed \(seed), as of \(asOf), at seq \(atSeq.map(String.init) ?? "all")"
            #expect(projection.communities.mapValues { $0 } == reference.communities, "\(context)")
            #expect(projection.assets.mapValues { $0 } == reference.assets, "\(context)")
            #expect(projection.funds.mapValues { $0 } == reference.funds, "\(context)")
            #expect(projection.contracts.mapValues { $0 } == reference.contracts, "\(context)")
            #expect(projection.decisions.mapValues { $0 } == reference.decisions, "\(context)")
            #expect(projection.uses.mapValues { $0 } == reference.uses, "\(context)")
            #expect(projection.occupations.mapValues { $0 } == reference.occupations, "\(context)")
            #expect(projection.imports.mapValues { $0 } == reference.imports, "\(context)")
            #expect(projection.inspections == reference.inspections, "\(context)")
            #expect(projection.movements == reference.movements, "\(context)")
            #expect(projection.disclosures == reference.disclosures, "\(context)")
            #expect(projection.anomalies == reference.anomalies, "\(context)")
            #expect(projection.facts == log.orderedFacts(asOf: asOf), "\(context)")
            #expect(projection.corrections == log.corrections, "\(context)")
        }
    }

    /// The respelled logs hold what the comparison needs: payloads still understood, ids spelled with U+212A
    /// and non-ASCII ids among the entities, references in both spellings, and the fold's rejections.
    @Test func respelledLogsHoldWhatTheComparisonNeeds() {
        var kelvin = 0, wide = 0, raw = 0, links = 0
        var rawTypes: Set<String> = []
        var reasons: Set<String> = []
        for seed in 0..<20 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x6A09_E667 &+ 5)
            var plainRandom = random
            let records = Self.respelledLog(&random)
            let plain = ProjectionFoldTests.randomLog(&plainRandom)
            // Payloads not understood (a raw payload the random log holds stays one; none is added).
            for (record, original) in zip(records, plain) {
                if case .raw = record.payload, case .domain = original.payload {
                    raw += 1
                    rawTypes.insert(record.type + " " + String(decoding: record.payload.dataBytes, as: UTF8.self))
                }
            }
            let projection = Projection(records: records, asOf: CalendarDate(year: 9999, month: 12, day: 31)!)
            kelvin += projection.contracts.keys.filter { $0.unicodeScalars.contains("\u{212A}") }.count
            wide += projection.assets.keys.filter { $0.hasSuffix("区") }.count
            // Incomes naming their contract with U+212A where it was signed with `K`, or the other way round.
            for movement in projection.movements {
                if let id = movement.contractID, let contract = projection.contracts[id],
                   !contract.id.unicodeScalars.elementsEqual(id.unicodeScalars) { links += 1 }
            }
            reasons.formUnion(projection.anomalies.map { $0.reason.split(separator: " ").prefix(2).joined(separator: " ") })
        }
        #expect(raw == 0, "\(raw) payloads no longer understood once respelled: \(rawTypes.sorted().prefix(3))")
        #expect(kelvin > 5 && wide > 5 && links > 0, "\(kelvin) contracts with U+212A, \(wide) non-ASCII assets, \(links) links")
        for expected in ["duplicate asset", "duplicate contract"] {
            #expect(reasons.contains(expected), "no “\(expected)” in \(reasons.sorted())")
        }
    }
}
