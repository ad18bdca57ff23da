import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A correction of a record that an earlier correction corrected already takes the earlier one's place
/// (ledger-spec.md 10.5), which silently undid the earlier change: `ledger append` still appends it, and says on
/// stderr, in the clerk's language, which correction it supersedes and which of its changes no longer stand.
@Suite struct SupersededCorrectionTests {
    static func income(_ id: String, amount: Int, voucher: String) -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"2024-05-01","data":{"fund_id":"F1","amount_fen":\#(amount),"counterparty":"某公司","voucher":"\#(voucher)","category":"租金"}}"#
    }

    static func correction(_ id: String, of target: String, amount: Int?, voucher: String = "V-1") -> String {
        let replacement = amount.map {
            #","replacement":{"type":"fund.income","occurred_on":"2024-05-01","data":{"fund_id":"F1","amount_fen":\#($0),"counterparty":"某公司","voucher":"\#(voucher)","category":"租金"}}"#
        } ?? ""
        return #"{"id":"\#(id)","type":"correction","occurred_on":"2024-05-02","data":{"corrects":"\#(target)","reason":"录入有误"\#(replacement)}}"#
    }

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.income("inc-x", amount: 10_000, voucher: "V-1") + "\n") == 0, "\(cli.stderr)")
        return cli
    }

    @Test func aSecondCorrectionTellsWhichChangesOfTheFirstNoLongerStand() throws {
        let cli = ledger()
        // The first correction: the amount 100.00 → 200.00 and the voucher V-1 → V-1A. No notice.
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("c1", of: "inc-x", amount: 20_000, voucher: "V-1A") + "\n") == 0)
        #expect(!cli.stderr.contains("notice"), "\(cli.stderr)")
        // The second keeps the voucher but not the amount: the amount change is no longer in effect, and told.
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("c2", of: "inc-x", amount: 10_000, voucher: "V-1A") + "\n") == 0,
                "\(cli.stderr)")
        #expect(cli.stderr.contains(#"notice: stdin:1: correction "c2" corrects event "inc-x" (record seq "#), "\(cli.stderr)")
        #expect(cli.stderr.contains(#"which correction "c1" (record seq "#) && cli.stderr.contains("the later correction takes the place of the earlier one"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("these changes it made are no longer in effect: amount ¥200.00 (now ¥100.00, as first recorded)."),
                "\(cli.stderr)")
        #expect(!cli.stderr.contains("voucher"), "the voucher change stands: \(cli.stderr)")
        // The log holds both corrections; the later one is in effect (the spec's fold, unchanged).
        #expect(cli.run(["log"]) == 0)
        #expect(cli.stdout.contains("c1") && cli.stdout.contains("c2"))
        // In Chinese; a void after a replacement; a replacement after a void.
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: Self.correction("c3", of: "inc-x", amount: nil) + "\n") == 0)
        #expect(cli.stderr.contains("注意：stdin 第 1 行：更正“c3”更正的事件“inc-x”") && cli.stderr.contains("此前已由更正“c2”")
                && cli.stderr.contains("其替换内容不再有效：本次更正将该记录作废。"), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("c4", of: "inc-x", amount: 30_000) + "\n") == 0)
        #expect(cli.stderr.contains(#"which correction "c3""#) && cli.stderr.contains("its voiding is no longer in effect"), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: Self.correction("c5", of: "inc-x", amount: 10_000) + "\n") == 0)
        #expect(cli.stderr.contains("其以下改动不再有效：金额 300.00元（现为 100.00元，即原记录的值）。")
                && cli.stderr.contains("这不是错误；如这些改动仍应有效，请再记一条更正“inc-x”的更正，把它们一并写明。"), "\(cli.stderr)")
    }

    /// Review 35c: the notice wrote `金额 1500.00 元（现为 12345.67 元）`; amounts are grouped and written as every other
    /// message writes them (`1,500.00元`, `¥1,500.00`).
    @Test func amountsAreWrittenAsOtherMessagesWriteThem() throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("g1", of: "inc-x", amount: 150_000) + "\n") == 0)
        #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: Self.correction("g2", of: "inc-x", amount: 1_234_567) + "\n") == 0)
        #expect(cli.stderr.contains("其以下改动不再有效：金额 1,500.00元（现为 12,345.67元）。"), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("g3", of: "inc-x", amount: 10_000) + "\n") == 0)
        #expect(cli.stderr.contains("these changes it made are no longer in effect: amount ¥12,345.67 (now ¥100.00, as first recorded)."),
                "\(cli.stderr)")
    }

    /// Two corrections of one record in one batch: the second is told against the first (by its line).
    @Test func twoCorrectionsInOneBatchAreToldToo() throws {
        let cli = ledger()
        let batch = Self.correction("d1", of: "inc-x", amount: 20_000) + "\n" + Self.correction("d2", of: "inc-x", amount: 30_000) + "\n"
        #expect(cli.run(["append", "--actor", "clerk"], stdin: batch) == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains(#"notice: stdin:2: correction "d2""#) && cli.stderr.contains(#"which correction "d1""#)
                && cli.stderr.contains("amount ¥200.00 (now ¥300.00)."), "\(cli.stderr)")
        // A first correction, and one that repeats every change, say nothing.
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("d3", of: "inc-x", amount: 30_000) + "\n") == 0)
        #expect(!cli.stderr.contains("notice"), "\(cli.stderr)")
    }

    /// Where `index/scopes` stands when the second correction is appended.
    enum IndexState: String, CaseIterable {
        /// Made before the first correction: that one is read from the log after the stamp.
        case stale
        /// Made after the first correction: that one is read by position from its event's group.
        case atHead
        /// Made after it, then a byte of its header altered: rebuilt, with the one-line notice.
        case damaged
        /// `rm -rf index/`: the whole log is read (append does not build the scopes).
        case removed
        /// `LEDGER_SCOPES=off`: the whole log is read.
        case off
    }

    /// The stderr of appending `c2` after `c1` (both correcting `inc-x`), with `index/scopes` as `state` says.
    func secondCorrection(_ state: IndexState) throws -> String {
        let cli = ledger()
        let scopes = cli.ledgerPath + "/index/scopes"
        if state == .stale { #expect(cli.run(["balances", "--community", "C1"]) == 0, "\(cli.stderr)") }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("c1", of: "inc-x", amount: 20_000, voucher: "V-1A") + "\n") == 0)
        if state != .stale { #expect(cli.run(["balances", "--community", "C1"]) == 0, "\(cli.stderr)") }
        #expect(PosixFile.exists(scopes))
        switch state {
        case .stale, .atHead: break
        case .damaged:
            var bytes = try PosixFile(path: scopes, mode: .read).readAll()
            bytes[30] ^= 0x01
            try PosixFile.remove(scopes)
            try PosixFile.writeAtomically(bytes, to: scopes, existing: .replaceEntry)
        case .removed: try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
        case .off: cli.environment["LEDGER_SCOPES"] = "off"
        }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.correction("c2", of: "inc-x", amount: 10_000, voucher: "V-1A") + "\n") == 0,
                "\(cli.stderr)")
        // A correction whose replacement is a payment has its voucher checked against its fund's community's records
        // (ledger-spec.md 10.4 rule 11), read from index/scopes: append builds the missing file for it (15.6).
        if state == .removed { #expect(PosixFile.exists(scopes)) }
        return cli.stderr
    }

    /// The notice read from `index/scopes` (the corrected event's group) is the one the whole log gives, whether the
    /// index is at the head, stale, damaged (rebuilt, and said so), missing or switched off.
    @Test func theNoticeFromTheIndexIsTheWholeLogs() throws {
        let whole = try secondCorrection(.off)
        #expect(whole.contains(#"notice: stdin:1: correction "c2" corrects event "inc-x""#)
                && whole.contains("these changes it made are no longer in effect: amount ¥200.00 (now ¥100.00, as first recorded)."), "\(whole)")
        for state in IndexState.allCases where state != .off {
            let stderr = try secondCorrection(state)
            if state == .damaged {
                #expect(stderr.contains("scopes") && stderr.contains("rebuilt from the log"), "\(stderr)")
                let notices = stderr.split(separator: "\n").filter { $0.hasPrefix("notice: stdin") }
                #expect(notices.joined(separator: "\n") + "\n" == whole, "\(state): \(stderr)")
            } else {
                #expect(stderr == whole, "\(state)")
            }
        }
    }
}
