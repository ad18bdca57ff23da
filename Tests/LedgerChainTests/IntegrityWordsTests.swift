@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The scanner's own reasons inside an integrity failure (a line that is not a record line, inconsistent batch
/// fields, acknowledged records lost) are worded in `SystemWords` in both languages: under `--lang zh` the whole
/// failure is Chinese (they were English inside a Chinese sentence), and the English is what it always was.
@Suite struct IntegrityWordsTests {
    static let h1 = Digest32(hex: String(repeating: "1", count: 64))!
    static let h2 = Digest32(hex: String(repeating: "2", count: 64))!

    static let reasons: [(IntegrityFailure.Kind, String, String)] = [
        (.unparsable(SystemWords.wording(ChainError.LineProblem.tooLong(2_000_000))),
         "the line is unreadable: line is 2000000 bytes, longer than the \(Limits.recordBytesMax) bytes (1 MiB) a record line may have",
         "该行无法读取：该行有 2000000 字节，超过一条记录最多允许的 \(Limits.recordBytesMax) 字节（1 MiB）"),
        (.unparsable(SystemWords.wording(ChainError.LineProblem.invalidUTF8(byteOffset: 4))),
         "the line is unreadable: invalid UTF-8 at byte 5", "该行无法读取：第 5 字节处不是有效的 UTF-8"),
        (.badBatch(SystemWords.batchShouldStart(seq: 4, first: 3, last: 5)),
         "batch fields are inconsistent: record 4 should start a batch but says batch 3…5",
         "批次字段前后矛盾：记录 4 应开始一个批次，却写着批次 3…5"),
        (.badBatch(SystemWords.batchNotFinished(openFirst: 3, openLast: 5, seq: 4, first: 4, last: 4)),
         "batch fields are inconsistent: batch 3…5 is not finished but record 4 says batch 4…4",
         "批次字段前后矛盾：批次 3…5 尚未结束，记录 4 却写着批次 4…4"),
        (.acknowledgedLost(SystemWords.acknowledgedReplaced(seq: 7, found: h1, acknowledged: h2)),
         "acknowledged records are lost: record 7 has hash 111111111111… but the writer acknowledged it with hash 222222222222… (LEDGER/acknowledged): acknowledged records were replaced; restore events.jsonl from a backup that holds record 7 with the acknowledged hash",
         "已确认的记录丢失了：记录 7 的哈希是 111111111111…，但写入者确认它时的哈希是 222222222222…（LEDGER/acknowledged）：已确认的记录被替换了；请从含有哈希为已确认值的记录 7 的备份恢复 events.jsonl"),
        (.acknowledgedLost(SystemWords.acknowledgedCut(seq: 3, hash: h1, committed: 0,
                                                      torn: TornTail(byteOffset: 0, byteCount: 900, completeRecords: 2, partialLine: true))),
         "acknowledged records are lost: the writer acknowledged records up to seq 3 (LEDGER/acknowledged) but the log's committed records end at seq 0 (the file ends in an unfinished batch: 900 bytes, 2 complete records and a partial line): records 1…3 are no longer committed after being acknowledged (records 1…2 are complete lines of the unfinished batch, which does not count until the whole batch is there); restore events.jsonl from a backup that holds record 3 (hash 111111111111…)",
         "已确认的记录丢失了：写入者确认的记录到序号 3 为止（LEDGER/acknowledged），但日志中已提交的记录止于序号 0（文件以一个未完成的批次结束：900 字节，2 条完整记录和不完整的最后一行）：记录 1…3 在确认后不再是已提交的记录（其中记录 1…2 是未完成批次中的完整行，批次完整之前不算提交）；请从含有记录 3（哈希 111111111111…）的备份恢复 events.jsonl"),
    ]

    @Test func reasonsInBothLanguages() {
        for (kind, en, zh) in Self.reasons {
            let failure = IntegrityFailure(seq: 4, lineNumber: 4, byteOffset: 100, kind: kind)
            #expect(failure.detail == en)
            #expect(SystemWords.detail(failure) == Wording(en: en, zh: zh))
            #expect(SystemWords.wording(failure).zh == "events.jsonl 第 4 行（记录序号 4）：\(zh)。")
        }
    }

    /// A line cut short is found by the scanner itself and worded in Chinese (not only values built by hand).
    @Test func aScannedFailureIsWordedInChinese() throws {
        let temp = TemporaryDirectory()
        let path = temp.path + "/events.jsonl"
        try PosixFile.writeAtomically(Array("{\"seq\":1}\n".utf8), to: path)
        let summary = try LogScanner.verify(path: path)
        let failure = try #require(summary.failure)
        guard case .unparsable = failure.kind else { Issue.record("kind \(failure.kind)"); return }
        #expect(SystemWords.detail(failure).zh.hasPrefix("该行无法读取：不是记录行："))
    }
}
