import LedgerCLI
import LedgerTestSupport
import Testing

/// The date of an erasure (`ledger erase-personal --on DATE`): not after today in Beijing, the rule and the words of
/// `ledger append` for a fact, and not before the latest record naming the person (an erasure comes after the facts
/// whose person it erases, as a reference comes after what it names, ledger-spec.md 10.2 and 10.4). Refused with
/// exit 2, a dry run too, the ledger left as it was.
@Suite struct ErasureDateTests {
    /// `--on`: not after today in Beijing (the rule and the words of `ledger append`), and not before the latest fact that
    /// names the person (张三: records 5, 6 and 8, the last of 2024-05-01): an erasure comes after what it erases.
    @Test(arguments: [
        ("2099-01-01", "--on 2099-01-01 is after today in Beijing (UTC+8), 2026-01-05", "--on 2099-01-01 晚于今天（北京时间 2026-01-05）"),
        ("2026-01-06", "--on 2026-01-06 is after today in Beijing (UTC+8), 2026-01-05", "--on 2026-01-06 晚于今天（北京时间 2026-01-05）"),
        ("2024-04-30", "--on 2024-04-30 is before 2024-05-01, the date of record 8, which names this person",
         "--on 2024-04-30 早于第 8 条记录的日期 2024-05-01，该记录提到此人"),
    ])
    func anErasureDateAfterTodayOrBeforeTheFactIsRefused(_ on: String, _ says: String, _ saysZh: String) throws {
        let cli = PersonalDataCommandTests().prepared()
        let before = DirectorySnapshot.of(cli.ledgerPath)
        for dryRun in [false, true] {
            let arguments = ["erase-personal", "--actor", "dpo", "--subject", "张三", "--reason", "本人申请删除", "--on", on] + (dryRun ? ["--dry-run"] : [])
            #expect(cli.run(arguments) == 2, "\(cli.stdout)")
            #expect(cli.stderr.contains(says), "\(cli.stderr)")
            #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
            #expect(cli.stderr.contains(saysZh), "\(cli.stderr)")
        }
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before)
    }

    @Test(arguments: ["2024-05-01", "2026-01-05"])
    func anErasureDateFromTheLastFactToTodayIsTaken(_ on: String) throws {
        let cli = PersonalDataCommandTests().prepared()
        #expect(cli.run(["erase-personal", "--actor", "dpo", "--subject", "张三", "--reason", "本人申请删除", "--on", on]) == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--from", "10"]) == 0)
        #expect(cli.stdout.contains(#""occurred_on":"\#(on)""#), "\(cli.stdout)")
    }
}
