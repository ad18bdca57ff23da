import Glibc
import LedgerPlatform
import Testing
@testable import LedgerCLI

/// The message when the good rows were appended but the rejects file could not be put in place.
@Suite struct RejectsFileWordingTests {
    /// Defect (#15 leftover): the Chinese message ended the file error's "。" with another ("。。"), kept its advice
    /// to "choose another --rejects" (running again appends nothing and writes no rejects file), and a file error
    /// stayed English.
    @Test func saysTheGoodRowsAreInOnceAndWithoutContradiction() {
        let cases: [(FileError, String, String)] = [
            (FileError(path: "r.csv", operation: "create", code: EEXIST), "a file of that name appeared meanwhile", "其间出现了同名文件"),
            (FileError(path: "r.csv", operation: "create", code: ENOSPC), "the disk or the file-size limit is full", "磁盘或文件大小限额已满"),
            (FileError(path: "r.csv", operation: "rename", code: EACCES), "r.csv: rename failed", "r.csv：重命名失败：权限不够（errno 13）"),
        ]
        for (failure, en, zh) in cases {
            let message = ImportCommand.rejectsNotWritten("r.csv", failure: failure, fallback: .input("unused"), kind: "income",
                                                          file: "in.csv", first: 5, last: 7)
            #expect(message.en.hasPrefix("the rejects file r.csv was not written: " + en), "\(message.en)")
            #expect(message.en.hasSuffix("The good rows were appended (records seq 5–7); `ledger import income in.csv --dry-run` lists the rejected rows again."), "\(message.en)")
            let chinese = message.text(.zh)
            #expect(chinese.hasPrefix("退回文件 r.csv 没有写成：" + zh), "\(chinese)")
            #expect(chinese.contains("正确的行已经追加（记录 5–7）"), "\(chinese)")
            for wrong in ["。。", "..", "什么也没有保留", "never overwritten", "从不覆盖", "另选"] {
                #expect(!chinese.contains(wrong) && !message.en.contains(wrong), "\(wrong): \(message)")
            }
        }
        // Without a file error (an error of another kind), its own text, its last full stop not doubled.
        let other = ImportCommand.rejectsNotWritten("r.csv", failure: nil, fallback: .input(Message(en: "it broke.", zh: "坏了。")),
                                                    kind: "income", file: "in.csv", first: 5, last: 7)
        #expect(other.en.hasPrefix("the rejects file r.csv was not written: it broke. The good rows"), "\(other.en)")
        #expect(other.text(.zh).hasPrefix("退回文件 r.csv 没有写成：坏了。正确的行"), "\(other.text(.zh))")
    }
}
