@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import Testing

/// The technical detail in brackets of a derived-state notice (which check of an `index/` file failed) is Chinese
/// under `--lang zh` (#15: it stayed English inside a Chinese notice), and the English is what it always was.
@Suite struct DerivedStateWordsTests {
    /// Two lower-case English words in a row: English left in a Chinese text.
    static func english(in text: String) -> String? {
        text.firstMatch(of: /[a-z]{2,}[ ,;:']+[a-z]{2,}/).map { String($0.output) }
    }

    /// Every reason the readers of `index/` give (LedgerChain, LedgerProjections, LedgerRules), with sample values.
    static let reasons = [
        "truncated", "unreadable", "not a LEDGER-FUND-STATE file", "not a regular file", "the stamp is malformed",
        "record 1 is not at the start", "header values out of range", "table header cut short",
        "table header checksum does not match", "block index checksum does not match", "its blocks are out of order",
        "its blocks and directory do not fit together", "a block does not match its checksum",
        "a block or a line it names does not match the log", "a part does not match its checksum",
        "cannot read the table", "cannot read the table's length", "cannot read its header", "cannot read its counts",
        "cannot read the counts", "cannot read its inputs", "cannot read its parts", "cannot read the end (bytes left over)",
        "cannot read the inputs (one per record up to the stamp)", "cannot read the node table's page directory",
        "cannot read block 3's place", "cannot read input 7", "cannot read the last day", "cannot read the community count",
        "cannot read community 2", "cannot read the fund count",
        "cannot read the name of its header: truncated or altered", "cannot read a stamp of its header: truncated or altered",
        "cannot read the body length of its header: truncated or altered",
        "cannot read the header checksum of its header: truncated or altered",
        "header checksum does not match: truncated or altered", "checksum does not match: truncated or altered",
        "its checksum does not match: truncated or altered", "the table's checksum does not match: truncated or altered",
        "its length is not the one its header gives: truncated or extended",
        "812 bytes where the header implies 900: truncated or extended",
        "the table just written cannot be read back", "the log is too large for the id table",
        "a base table must start at record 1", "its entries differ from the log's", "its records differ from the log's",
        "its totals differ from the log's", "an entry cannot be read", "block 4 is empty", "block 4 checksum does not match",
        "block 4 does not start with the key the index gives", "block 4 holds an entry out of order or out of range",
        "block 4 cannot be read", "block 4 does not match its checksum: truncated or altered",
        "node table page 2 does not match its checksum", "level 2 where 1 belongs",
        "it does not continue ids.base, which ends at record 40", "ids.recent does not continue ids.base",
        "its entry for record 9 does not lead to that record", "written for ledger \"badaguan\"",
        "ids.recent: written for another ledger or log", "checks.recent: block 2 cannot be read",
        "its record 1 has hash 111111111111…, the log's 222222222222…",
        "the log's record 1 is another: the log ends before record 1",
        "record 1: record 1's line does not hash to its stored hash",
        "stamped at record 12 with hash 333333333333…: the log ends before record 12",
        "stamped at record 12 with hash 333333333333…: record 12 is not where the stamp says",
        "stamped at record 12 with hash 333333333333…: the line where record 12 was holds record 13",
        "stamped at record 12 with hash 333333333333…: record 12 does not end its batch",
        "stamped at record 12 with hash 333333333333…: the log's record there now has hash 444444444444…",
        "the state rebuilt from the log cannot be read back: checksum does not match: truncated or altered",
        "L/index/funds.state: open failed: Permission denied (errno 13)",
        "L/index/funds.state: read failed: Input/output error (errno 5)",
        "block 3 cannot be read (L/index/checks.state: read failed: Input/output error (errno 5))",
        "block directory checksum does not match: truncated or altered", "cannot read its block directory",
        "its block directory's length is impossible", "id table entries out of order", "id table entry count differs from its header",
        "its entry for record 9 does not match the log's line", "block 3 names a record after the stamp", "node table names block 7",
        "cannot read fund 2", "cannot read fund 2's statement checks", "cannot read anomaly 1", "cannot read rejected fact 3",
        "cannot read the anomaly count", "cannot read the rejection count", "cannot read the end",
        "the stored state is damaged: block 2 cannot be read", "the id index could not be read: truncated",
        // index/rectify.patch (LedgerRules' RectifyState.readPatch).
        "cannot read its body", "its stamp is not after the state's", "cannot read its units", "cannot read its global part",
        "L/index/rectify.patch is a directory, not a regular file",
    ]

    @Test func everyReasonInChinese() {
        for reason in Self.reasons {
            let zh = SystemWords.chineseDetail(reason)
            #expect(Self.english(in: zh) == nil, "\(reason) → \(zh)")
        }
    }

    @Test func aNoticeInEitherLanguage() throws {
        let problem = ChainError.DerivedStateProblem.mismatch("stamped at record 12 with hash 333333333333…: the log ends before record 12")
        #expect(SystemWords.wording(problem).en == "out of step with the log (stamped at record 12 with hash 333333333333…: the log ends before record 12)")
        #expect(SystemWords.wording(problem).zh == "与日志不一致（戳记在记录 12（哈希 333333333333…）：日志在记录 12 之前就结束了）")
        #expect(SystemWords.wording(ChainError.DerivedStateProblem.damaged("checksum does not match: truncated or altered")).zh
            == "已损坏（校验和不符：被截短或改动过）")
        // What is not known stays as it was written.
        #expect(SystemWords.chineseDetail("something new") == "something new")
    }

    /// A file error's own explanation (`FileError.detail`, which replaces the C library's text) is Chinese too.
    @Test func aFileErrorsDetailInChinese() {
        let link = FileError.wrongKind(path: "L/acknowledged", kind: .fifo, expected: "a regular file")
        #expect(SystemWords.fileError(link).zh == "L/acknowledged：打开失败：它是命名管道（FIFO），不是普通文件（errno \(link.code)）")
        let noReader = FileError(path: "out", operation: "open", code: 6,
                                 detail: "it is a FIFO (named pipe) that no process is reading; start the reader first, or write to a regular file")
        #expect(Self.english(in: SystemWords.fileError(noReader).zh) == nil, "\(SystemWords.fileError(noReader).zh)")
        #expect(SystemWords.fileError(FileError(path: "p", operation: "rename", code: 28)).zh == "p：重命名失败：磁盘空间已满（errno 28）")
    }

    /// A clash of record ids says what differs in either language.
    @Test func anIdClashsDifferenceInEitherLanguage() throws {
        func event(_ type: String, _ date: String, _ data: [String: JSONValue]) throws -> Event {
            Event(id: "ev-1", occurredOn: try #require(CalendarDate(iso: date)), actor: "tester",
                  payload: .raw(type: type, data: CanonicalJSON.encode(.object(data))))
        }
        let a = try event("fund.income", "2025-07-01", ["amount_fen": .integer(100)])
        let b = try event("fund.income", "2025-07-01", ["amount_fen": .integer(200)])
        #expect(LogWriter.difference(a, b) == Wording(en: "data.amount_fen 100 vs 200", zh: "data.amount_fen（金额（分））原记录为 100，本次为 200"))
        let c = try event("fund.income", "2025-07-01", [:])
        #expect(LogWriter.difference(a, c).zh == "data.amount_fen（金额（分））原记录为 100，本次没有此项")
        #expect(LogWriter.difference(c, a).zh == "data.amount_fen（金额（分））原记录没有此项，本次为 100")
        let d = try event("fund.spent", "2025-07-01", [:])
        #expect(LogWriter.difference(a, d) == Wording(en: "type fund.income vs fund.spent", zh: "type（类型）原记录为 fund.income，本次为 fund.spent"))
        let e = try event("fund.income", "2025-07-02", ["amount_fen": .integer(100)])
        #expect(LogWriter.difference(a, e, earlierZh: "第 3 行").zh == "occurred_on（发生日期）第 3 行为 2025-07-01，本次为 2025-07-02")
    }
}
