import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import Testing

/// Review findings for checkpoints.
@Suite struct ReviewCheckpointTests {
    /// Record numbers are Int64 everywhere else (prove's scan, verify --json convert the size to Int64), so a
    /// signed checkpoint claiming more records than Int64 can count must be refused when parsed, not crash later.
    @Test func sizeBeyondInt64IsRefused() throws {
        let root = Base64.encode([UInt8](repeating: 7, count: 32))
        let head = String(repeating: "ab", count: 32)
        for (size, accepted) in [("9223372036854775807", true), ("9223372036854775808", false), ("9999999999999999999", false)] {
            let body = Array("ledger\n\(size)\n\(root)\nledger-checkpoint v1\nhead \(head)\ntime 2025-01-01T00:00:00Z\n".utf8)
            if accepted {
                #expect(try Checkpoint.parse(body: body, file: "cp").size == UInt64(Int64.max))
            } else {
                #expect(throws: AuditError.self) { try Checkpoint.parse(body: body, file: "cp") }
            }
        }
    }
}
