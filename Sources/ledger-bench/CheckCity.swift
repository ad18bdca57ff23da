import Foundation
import LedgerCLI
import LedgerEvents
import LedgerProjections
import LedgerSynthetic

extension Phases {
    /// `ledger-bench check-city [--events N] [--seed S]`: runs the synthetic city through the same domain checks
    /// `ledger append` applies, so the benchmark measures a city the ledger would accept. Prints the issues.
    static func checkCity(_ arguments: [String]) throws(CLIError) -> Int32 {
        let parsed = try Arguments(arguments, options: [.value("events"), .value("seed")], command: "check-city")
        let count = Int(try parsed.integer("events", minimum: 1) ?? 20_000)
        let seed = UInt64(try parsed.integer("seed", minimum: 0) ?? 1)
        var city = SyntheticCity(eventCount: count, seed: seed)
        let events = city.nextBatch(maxEvents: count)
        let issues = DomainValidator.validate(existing: [], batch: events)
        var byReason: [String: Int] = [:]
        for issue in issues {
            let key = "\(issue.type) \(issue.field ?? "-"): \(issue.reason)"
            byReason[key, default: 0] += 1
        }
        for (key, n) in byReason.sorted(by: { $0.value > $1.value }).prefix(40) { print("\(n)× \(key)") }
        print("\(issues.count) issue(s) in \(count) events")
        return issues.isEmpty ? 0 : 1
    }
}
