import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerTestSupport
import Testing

/// Property: projecting a log in one pass equals projecting any prefix and then the rest; and fund balances
/// equal a slow reference that resolves corrections record by record.
@Suite struct IncrementalProjectionTests {
    /// A random log of fund movements, uses, contracts and corrections (some voiding, some replacing, some
    /// correcting the same event twice), with business dates in random order.
    static func randomLog(seed: UInt64, count: Int) -> [Record] {
        var rng = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        // From 2024-01-03, when every fund and asset of the base exists (earlier facts would not pass validation).
        func day() -> String { CalendarDate(iso: "2024-01-03")!.adding(days: pick(700)).description }
        var lines = Fixtures.base.split(separator: "\n").map(String.init)
        var movementIDs: [String] = []
        var openUses: [String] = []
        let funds = ["F-1", "F-2", "F-3"], assets = ["A-1", "A-2", "A-3"]
        for index in 0..<count {
            let id = "r\(index)"
            switch pick(10) {
            case 0, 1, 2:
                lines.append(#"{"id":"\#(id)","type":"fund.income","occurred_on":"\#(day())","data":{"fund_id":"\#(funds[pick(3)])","amount_fen":\#(1 + pick(1_000_000)),"counterparty":"c","voucher":"v\#(index)","category":"cat\#(pick(3))"}}"#)
                movementIDs.append(id)
            case 3, 4:
                lines.append(#"{"id":"\#(id)","type":"fund.spending","occurred_on":"\#(day())","data":{"fund_id":"\#(funds[pick(3)])","amount_fen":\#(1 + pick(500_000)),"counterparty":"c","voucher":"v\#(index)","purpose":"p"}}"#)
                movementIDs.append(id)
            case 5:
                lines.append(#"{"id":"\#(id)","type":"fund.transfer","occurred_on":"\#(day())","data":{"from_fund_id":"F-1","to_fund_id":"F-2","amount_fen":\#(1 + pick(100_000)),"voucher":"v\#(index)"}}"#)
                movementIDs.append(id)
            case 6:
                lines.append(#"{"id":"\#(id)","type":"use.started","occurred_on":"\#(day())","data":{"use_id":"U-\#(index)","asset_id":"\#(assets[pick(3)])","user":"u","purpose":"p"}}"#)
                openUses.append("U-\(index)")
            case 7 where !openUses.isEmpty:
                let use = openUses.remove(at: pick(openUses.count))
                lines.append(#"{"id":"\#(id)","type":"use.ended","occurred_on":"2026-01-01","data":{"use_id":"\#(use)"}}"#)
            case 8 where !movementIDs.isEmpty:
                let target = movementIDs[pick(movementIDs.count)]
                lines.append(#"{"id":"\#(id)","type":"correction","occurred_on":"\#(day())","data":{"corrects":"\#(target)","reason":"void"}}"#)
            case 9 where !movementIDs.isEmpty:
                let target = movementIDs[pick(movementIDs.count)]
                guard let original = lines.first(where: { $0.contains(#""id":"\#(target)""#) }), original.contains("fund.income") else { continue }
                lines.append(#"{"id":"\#(id)","type":"correction","occurred_on":"\#(day())","data":{"corrects":"\#(target)","reason":"fix","replacement":{"type":"fund.income","occurred_on":"\#(day())","data":{"fund_id":"\#(funds[pick(3)])","amount_fen":\#(1 + pick(1_000_000)),"counterparty":"c","voucher":"fix\#(index)","category":"cat\#(pick(3))"}}}}"#)
            default:
                lines.append(#"{"id":"\#(id)","type":"inspection.recorded","occurred_on":"\#(day())","data":{"asset_id":"\#(assets[pick(3)])","observed":"idle","inspector":"i"}}"#)
            }
        }
        return Fixtures.records(lines.joined(separator: "\n"))
    }

    /// Balance of a fund as of seq N and date D, resolving corrections the slow way: for every record, look for
    /// the last correction of it among records 1…N.
    static func referenceBalance(_ records: [Record], fund: String, atSeq: Int64, asOf: CalendarDate) -> Int64 {
        let visible = records.filter { $0.seq <= atSeq }
        var total: Int64 = 0
        for record in visible where record.type != "correction" {
            var type = record.type, data = record.data, date = record.occurredOn
            if let correction = visible.last(where: { $0.type == "correction" && $0.data["corrects"]?.stringValue == record.id }) {
                guard let replacement = correction.data["replacement"] else { continue }
                type = replacement["type"]!.stringValue!
                data = replacement["data"]!.objectValue!
                date = CalendarDate(iso: replacement["occurred_on"]!.stringValue!)!
            }
            guard date <= asOf, let amount = data["amount_fen"]?.integerValue else { continue }
            switch type {
            case "fund.income" where data["fund_id"]?.stringValue == fund: total += amount
            case "fund.spending" where data["fund_id"]?.stringValue == fund: total -= amount
            case "fund.transfer":
                if data["from_fund_id"]?.stringValue == fund { total -= amount }
                if data["to_fund_id"]?.stringValue == fund { total += amount }
            default: break
            }
        }
        return total
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func prefixThenRestEqualsOnePass(seed: UInt64) {
        let records = Self.randomLog(seed: seed, count: 300)
        var rng = SplitMix64(seed: seed &* 7919)
        for _ in 0..<5 {
            let asOf = CalendarDate(iso: "2024-01-01")!.adding(days: Int(rng.next() % 800))
            let whole = Projection(records: records, asOf: asOf)
            let split = Int(rng.next() % UInt64(records.count + 1))
            var log = EffectiveLog()
            for record in records[..<split] { log.apply(record) }
            _ = Projection(log: log, asOf: asOf)          // a projection of the prefix leaves the log unchanged
            for record in records[split...] { log.apply(record) }
            #expect(Projection(log: log, asOf: asOf) == whole, "seed \(seed), split at \(split), as of \(asOf)")
        }
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func balancesMatchTheSlowReference(seed: UInt64) {
        let records = Self.randomLog(seed: seed, count: 250)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<6 {
            let atSeq = Int64(1 + rng.next() % UInt64(records.count))
            let asOf = CalendarDate(iso: "2024-01-01")!.adding(days: Int(rng.next() % 800))
            let p = Projection(records: records, asOf: asOf, atSeq: atSeq)
            for fund in ["F-1", "F-2", "F-3"] {
                #expect(p.balance(ofFund: fund, on: asOf).fen == Self.referenceBalance(records, fund: fund, atSeq: atSeq, asOf: asOf),
                        "seed \(seed), fund \(fund), at seq \(atSeq), as of \(asOf)")
            }
        }
    }

    @Test func randomLogsExerciseCorrections() {
        // Guard against a generator that stops producing the cases the properties are about.
        let records = Self.randomLog(seed: 1, count: 300)
        // The generated log is one the append validation accepts.
        #expect(DomainValidator.validate(existing: Array(records[..<9]), batch: records[9...].map(\.event)).isEmpty)
        let p = Projection(records: records, asOf: CalendarDate(iso: "2030-01-01")!)
        #expect(p.corrections.contains { $0.hasReplacement } && p.corrections.contains { !$0.hasReplacement })
        #expect(Set(p.corrections.map(\.corrected.seq)).count < p.corrections.count)   // some event corrected twice
    }
}
