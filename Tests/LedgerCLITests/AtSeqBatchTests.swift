import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 37a F4: `--at-seq N` inside a batch showed a state the ledger never stood in (a batch is written all or
/// nothing). Every query command refuses it the same way, in both languages, exit 2, naming the batch and the seqs to
/// use instead; a batch's last record, a single-event batch and the head answer; beyond the head keeps its message.
/// The demo's batches are its files: 1–21, 22–55, 56–71, 72–133; two single-event batches follow (134, 135).
@Suite struct AtSeqBatchTests {
    static let commands: [[String]] = [
        ["balances"], ["balances", "--community", "C-HY"], ["assets"], ["assets", "--street", "八大关街道"], ["contracts"],
        ["decisions"], ["communities"], ["show", "F-HY-PI"], ["show", "C-QF"], ["rectify"], ["rectify", "--community", "C-QF"],
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let seq: Int64
        /// The message's English text, or nil when the query answers.
        let refusal: String?
        var testDescription: String { "--at-seq \(seq)" }
    }

    static let cases: [Case] = [
        Case(seq: 22, refusal: "--at-seq 22 falls inside the batch of records 22–55, which was written as a whole: the ledger never stood at record 22. Use 21 (before the batch) or 55 (after it)."),
        Case(seq: 44, refusal: "--at-seq 44 falls inside the batch of records 22–55, which was written as a whole: the ledger never stood at record 44. Use 21 (before the batch) or 55 (after it)."),
        Case(seq: 55, refusal: nil),
        Case(seq: 1, refusal: "--at-seq 1 falls inside the batch of records 1–21, which was written as a whole: the ledger never stood at record 1. Use 21 (after the batch; no record comes before it)."),
        Case(seq: 132, refusal: "--at-seq 132 falls inside the batch of records 72–133, which was written as a whole: the ledger never stood at record 132. Use 71 (before the batch) or 133 (after it)."),
        Case(seq: 134, refusal: nil),
        Case(seq: 135, refusal: nil),
        Case(seq: 136, refusal: "--at-seq 136 is beyond the ledger's last record (seq 135)."),
    ]

    static func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        // Two payments (another amount each: one payment under two vouchers is refused as a twin).
        for (index, voucher) in ["AT-1", "AT-2"].enumerated() {
            let event = #"{"id":"at-\#(index)","type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":\#(100 + index),"counterparty":"某公司","voucher":"\#(voucher)","category":"leasing"}}"#
            #expect(cli.run(["append"], stdin: event + "\n") == 0, "\(cli.stderr)")
        }
        return cli
    }

    @Test(arguments: cases) func everyCommandRefusesASeqInsideABatch(_ c: Case) {
        let cli = Self.ledger()
        for command in Self.commands {
            // From index/ (the scoped reads, funds.state, the mentions) and from the whole log alike.
            for scopes in [nil, "off"] {
                cli.environment["LEDGER_SCOPES"] = scopes
                let status = cli.run(command + ["--as-of", "2025-12-31", "--at-seq", String(c.seq)])
                if let refusal = c.refusal {
                    #expect(status == 2 && cli.stdout.isEmpty, "\(command) \(scopes ?? ""): \(cli.stdout)")
                    #expect(cli.stderr == "error: " + refusal + "\n", "\(command) \(scopes ?? "")")
                } else {
                    #expect(status == 0, "\(command) \(scopes ?? ""): \(cli.stderr)")
                }
            }
            cli.environment["LEDGER_SCOPES"] = nil
        }
    }

    @Test func theRefusalInChineseNamesTheBatchAndTheSeqsToUse() {
        let cli = Self.ledger()
        #expect(cli.run(["balances", "--at-seq", "44", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("--at-seq 44 落在第 22–55 条记录的同一批次中，该批次整体写入，账本从未处于第 44 条记录的状态；请改用 21（该批次之前）或 55（该批次之后）。"), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--at-seq", "3", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("请改用 21（该批次之后；该批次之前没有记录）。"), "\(cli.stderr)")
        // The ledger is unchanged by a refusal, and the seqs it offers answer.
        #expect(cli.run(["balances", "--at-seq", "21"]) == 0 && cli.run(["balances", "--at-seq", "55"]) == 0)
    }
}
