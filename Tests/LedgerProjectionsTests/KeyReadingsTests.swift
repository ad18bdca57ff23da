@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// A finding key's parts read every way an id holding "/" allows (ledger-spec.md 10.4 rules 8 and 13): the readings
/// made one at a time (review 45d: the plain reading nearly always decides), the same as every reading listed.
@Suite struct KeyReadingsTests {
    /// Every reading of `parts` as the item and its ids, listed (the readings before session 46 were made so).
    static func allReadings(_ parts: [String]) -> [[String]] {
        guard parts.count >= 2 else { return [] }
        guard parts.count <= 10 else { return [Array(parts[1...])] }
        var out: [[String]] = []
        for itemEnd in 1..<parts.count {
            let rest = Array(parts[itemEnd...])
            for mask in 0..<(1 << (rest.count - 1)) {
                var ids: [String] = [rest[0]]
                for index in 1..<rest.count {
                    if mask & (1 << (index - 1)) != 0 { ids[ids.count - 1] += "/" + rest[index] } else { ids.append(rest[index]) }
                }
                out.append(ids)
            }
        }
        return out
    }

    @Test func theReadingsMadeOneAtATimeAreEveryReadingInOrder() {
        for count in 0...12 {
            let parts = (0..<count).map { "p\($0)" }
            #expect(Array(Registers.issuedReadings(parts)) == Self.allReadings(parts), "\(count) parts")
        }
        #expect(Array(Registers.issuedReadings(["F-1", "2025", "S-1"])) == [["2025", "S-1"], ["2025/S-1"], ["S-1"]])
    }

    @Test(arguments: [
        ("IDLE-01/A-1", ["A-1"]),
        ("IDLE-01/A/1", ["A", "A/1"]),
        ("OCC-02/A/9/U-1/2025-06-15", ["A", "A/9", "A/9/U-1"]),
        ("OCC-01/A-1/O-1/2025-03-10#2", ["A-1", "A-1/O-1"]),
        ("LOW-01", []),
        ("FUND-08/F-1/gap/2024-07-06", ["F-1", "F-1/gap"]),
    ])
    func aKeysItemIsReadEveryWay(key: String, items: [String]) {
        #expect(Array(Registers.itemReadings(key)) == items)
    }
}
