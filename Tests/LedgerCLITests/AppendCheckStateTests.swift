import Foundation
import LedgerCLI
import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger append` with the append checks' state (`index/checks.state`, ledger-spec.md 15.4): the same rejection,
/// word for word, with the state, without it, and with a damaged one (then after a one-line notice).
@Suite struct AppendCheckStateTests {
    static let bad = """
    {"id":"x1","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F9","amount_fen":100,"counterparty":"c","voucher":"v","category":"parking"}}
    {"id":"x2","type":"fund.opened","occurred_on":"2024-03-01","data":{"fund_id":"F1","community_id":"C2","kind":"maintenance","account":"a"}}
    {"id":"x3","type":"fund.income","occurred_on":"2024-01-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"c","voucher":"v","category":"parking"}}

    """
    static let good = #"{"id":"g1","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"c","voucher":"v","category":"parking"}}"#

    @Test func rejectionsAreTheSameWithAndWithoutTheState() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let statePath = cli.ledgerPath + "/index/checks.state"
        // No state yet: the whole log is read, and the state written at its head.
        #expect(cli.run(["append"], stdin: Self.bad) == 2)
        let rejection = cli.stderr
        #expect(rejection.contains(#"stdin:1: event x1 (fund.income): field "data.fund_id": fund "F9" is not registered; record fund.opened for it first"#))
        #expect(rejection.contains(#"stdin:2: event x2 (fund.opened): field "data.fund_id": fund "F1" already exists (record seq 2); choose a new id"#))
        #expect(rejection.contains(#"stdin:3: event x3 (fund.income): field "data.fund_id": fund "F1" exists only from 2024-01-03 (record seq 2), after this event's date 2024-01-01; record it before it is referenced"#))
        #expect(PosixFile.exists(statePath))
        // With the state: the same words, no notice.
        #expect(cli.run(["append"], stdin: Self.bad) == 2 && cli.stderr == rejection)
        // index/ deleted: the same.
        try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
        #expect(cli.run(["append"], stdin: Self.bad) == 2 && cli.stderr == rejection)
        // Damaged: one notice line, then the same.
        var bytes = try PosixFile.readRegularFile(statePath, bytesMax: 1 << 20).bytes
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: statePath)
        #expect(cli.run(["append"], stdin: Self.bad) == 2)
        let lines = cli.stderr.split(separator: "\n", maxSplits: 1)
        #expect(lines.first?.hasPrefix("note: checks.state in ") == true && lines.first?.contains("is damaged (block 1") == true
                && lines.first?.hasSuffix("rebuilt from the log (answers are unaffected).") == true, "\(cli.stderr)")
        #expect(cli.stderr == String(lines[0]) + "\n" + rejection, "\(cli.stderr)")
        #expect(cli.run(["append"], stdin: Self.bad) == 2 && cli.stderr == rejection)
        // A good batch passes; the ledger agrees with verify --index.
        #expect(cli.run(["append"], stdin: Self.good) == 0 && cli.stderr.isEmpty)
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: checks.state intact (made at record 3)"))
    }
}
