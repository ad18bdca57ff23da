@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import Testing

/// The technical detail in brackets of a derived-state notice (which check of an `index/` file failed) is Chinese
/// under `--lang zh` (#15: it stayed English inside a Chinese notice), and the English is what it always was. Since
/// session 19 (#17) the detail is a typed value, `ChainError.DerivedStateProblem.Detail`, worded once in `SystemWords`.
@Suite struct DerivedStateWordsTests {
    /// Two lower-case English words in a row: English left in a Chinese text.
    static func english(in text: String) -> String? {
        text.firstMatch(of: /[a-z]{2,}[ ,;:']+[a-z]{2,}/).map { String($0.output) }
    }

    typealias Detail = ChainError.DerivedStateProblem.Detail

    static let digestA = Digest32(bytes: [UInt8](repeating: 0x11, count: 32)[...])!
    static let digestB = Digest32(bytes: [UInt8](repeating: 0x22, count: 32)[...])!
    static let eio = FileError(path: "L/index/funds.state", operation: "read", code: 5)

    /// One sample of every case of `Detail` (`everyCaseHasASample` holds the list to the declaration).
    static let samples: [(name: String, detail: Detail)] = [
        ("notOfKind", .notOfKind("LEDGER-FUND-STATE")), ("truncated", .truncated), ("impossibleVersion", .impossibleVersion(found: 70_000)),
        ("unreadableHeader", .unreadableHeader(.name)), ("lengthNotHeaders", .lengthNotHeaders), ("size", .size(bytes: 812, expected: 900)),
        ("file", .file(eio)),
        ("inputFile", .inputFile(.notRegularFile(path: "L/index/rectify.patch", kind: .directory))),
        ("error", .error(.resume(.damaged(.notBatchEnd(seq: 4))))), ("unexplained", .unexplained("EIO (injected)")),
        ("inFile", .inFile("ids-2", .checksum(.nth(.block, 0)))),
        ("unreadable", .unreadable(.table)), ("unreadableBlock", .unreadableBlock(3, cause: .file(eio))), ("checksum", .checksum(.table)),
        ("outOfOrder", .outOfOrder(.all(.block))), ("outOfRange", .outOfRange(.tableHeader)), ("empty", .empty(.nth(.block, 4))),
        ("firstKeyNotIndexed", .firstKeyNotIndexed(block: 4)), ("entryOutOfPlace", .entryOutOfPlace(block: 4)),
        ("recordAfterStamp", .recordAfterStamp(block: 3)), ("danglingBlock", .danglingBlock(7)),
        ("unknownTypeCode", .unknownTypeCode(code: 77, record: 9)),
        ("differsFromLog", .differsFromLog(.entry)), ("entryDoesNotLead", .entryDoesNotLead(record: 9)), ("entryDiffers", .entryDiffers(record: 9)),
        ("blockOrLineDiffers", .blockOrLineDiffers), ("entryNotWhatRecordsGive", .entryNotWhatRecordsGive(record: 9, through: 40)),
        ("notWhatRecordsGive", .notWhatRecordsGive(.nodeTablePage(2), through: 40)),
        ("checkEntryNotWhatRecordsGive", .checkEntryNotWhatRecordsGive(entry: Wording(en: "R asset A-1", zh: "R 共有部分 A-1"), record: 9, through: 40)), ("notTheLogsList", .notTheLogsList(asOf: CalendarDate(iso: "2025-06-30")!, seq: 12)),
        ("logEndsBeforeStamp", .logEndsBeforeStamp(seq: 12)), ("stampNotAfterState", .stampNotAfterState),
        ("notReadBack", .notReadBack(.rebuiltState, cause: .checksum(.body))), ("lengthNotPlanned", .lengthNotPlanned),
        ("baseNotFromRecord1", .baseNotFromRecord1), ("wrongLevel", .wrongLevel(found: 2, expected: 1)),
        ("doesNotContinue", .doesNotContinue("ids", endsAt: 40)), ("logTooLargeForIdTable", .logTooLargeForIdTable),
        ("cannotCatchUp", .cannotCatchUp(.correction)), ("writtenFor", .writtenFor(ledger: "badaguan")), ("otherLedgerOrLog", .otherLedgerOrLog),
        ("genesisNotAtStart", .genesisNotAtStart), ("otherGenesis", .otherGenesis(stored: digestA, log: digestB)),
        ("genesisGone", .genesisGone(.logEndsBefore(seq: 1))), ("firstRecord", .firstRecord(.resume(.damaged(.hashMismatch(seq: 1))))),
        ("stamp", .stamp(seq: 12, hash: digestA, .resume(.otherRecord(found: digestB)))),
    ]

    /// The values inside the cases: every part, item and kind, and every reason a stamped record is not there.
    static let inner: [Detail] = {
        let items: [Detail.Item] = [.block, .page, .part, .entry, .input, .unit, .community, .fund, .anomaly, .rejectedFact, .row, .person,
                                    .erasedCommitment, .record, .key, .total]
        let parts: [Detail.Part] = [.file, .header, .body, .table, .tableLength, .tableHeader, .blockIndex, .blockDirectory, .pageDirectory,
                                    .nodePageDirectory, .counts, .globalPart, .lastDay, .asOfDate, .end, .nodeTablePage(2), .blockPlace(3),
                                    .inputsToStamp, .fundChecks(2)]
            + items.flatMap { [Detail.Part.count($0), .nth($0, 2), .some($0), .all($0), .after($0)] }
        let missing: [ChainError.ResumeProblem.Missing] = [.malformedStamp, .unreadableLog(eio), .logEndsBefore(seq: 12), .notWhereStamped(seq: 12),
                                                           .notARecordLine(seq: 12, .invalidUTF8(byteOffset: 3)), .otherSeq(seq: 12, found: 13)]
        return parts.flatMap { [Detail.unreadable($0), .checksum($0), .outOfOrder($0), .outOfRange($0), .empty($0)] }
            + items.map { .differsFromLog($0) }
            + [Detail.HeaderField.name, .stamp, .bodyLength, .checksum].map { .unreadableHeader($0) }
            + [Detail.LaterRecord.correction, .communityRegisteredAgainEarlier, .fundOpenedAgainEarlier, .fundNamedByRejectedFact,
               .statementBeforeLatestMovement].map { .cannotCatchUp($0) }
            + [Detail.Written.idTable, .rebuiltState, .mergedIndex].map { .notReadBack($0, cause: nil) }
            + missing.map { .genesisGone($0) }
            + [.unreadableBlock(2, cause: nil), .doesNotContinue("ids", endsAt: nil),
               .checkEntryNotWhatRecordsGive(entry: Wording(en: "D asset A-2", zh: "D 共有部分 A-2"), record: nil, through: 40)]
    }()

    /// The case names `Detail` declares, read from its source (as `ErrorTypesTests` reads the modules').
    static func declaredCases() throws -> [String] {
        let text = try String(contentsOfFile: ErrorTypesTests.sources + "/LedgerChain/DerivedStateDetail.swift", encoding: .utf8)
        var names: [String] = [], inside = false
        for line in text.split(separator: "\n") {
            if line.contains("indirect enum Detail") { inside = true; continue }
            if inside, line.contains("public enum ") { break }
            if inside, let match = line.firstMatch(of: /^\s*case (\w+)/) { names.append(String(match.output.1)) }
        }
        return names
    }

    @Test func everyCaseHasASample() throws {
        let declared = try Self.declaredCases()
        #expect(declared.count >= 40, "\(declared)")
        #expect(Self.samples.map(\.name) == declared)
        for (name, detail) in Self.samples {
            // A case with values names itself in its mirror; one without has none.
            if let label = Mirror(reflecting: detail).children.first?.label { #expect(label == name) }
        }
    }

    /// Every case in both languages: the English as the readers always wrote it (its `description`), the Chinese
    /// with no English in it — not a copy of the English, and not ASCII only.
    @Test func everyDetailInBothLanguages() {
        for detail in Self.samples.map(\.detail) + Self.inner {
            let said = SystemWords.wording(detail)
            #expect(!said.en.isEmpty && said.en == "\(detail)")
            if case .unexplained = detail { continue }
            #expect(Self.english(in: said.zh) == nil, "\(said.en) → \(said.zh)")
            #expect(said.zh.unicodeScalars.contains { !$0.isASCII }, "\(said.en) → \(said.zh)")
            #expect(said.zh != said.en)
        }
        for problem in [ChainError.DerivedStateProblem.damaged(.truncated), .foreign(.otherLedgerOrLog), .mismatch(.logEndsBeforeStamp(seq: 3)),
                        .unwritable(.file(Self.eio)), .wrongVersion(found: 3, expected: 4)] {
            #expect(Self.english(in: SystemWords.wording(problem).zh) == nil, "\(SystemWords.wording(problem).zh)")
        }
    }

    /// The English the readers wrote as free text before the details were typed, byte for byte, where a test or a
    /// user may look for it.
    @Test func theEnglishAsItWas() {
        let cases: [(Detail, String)] = [
            (.checksum(.body), "checksum does not match: truncated or altered"),
            (.checksum(.nth(.block, 3)), "block 3 does not match its checksum: truncated or altered"),
            (.unreadable(.blockPlace(2)), "cannot read block 2's place"),
            (.unreadableHeader(.stamp), "cannot read a stamp of its header: truncated or altered"),
            (.lengthNotHeaders, "its length is not the one its header gives: truncated or extended"),
            (.size(bytes: 812, expected: 900), "812 bytes where the header implies 900: truncated or extended"),
            (.differsFromLog(.record), "its records differ from the log's"), (.differsFromLog(.total), "its totals differ from the log's"),
            (.writtenFor(ledger: "other-name"), "written for ledger \"other-name\""),
            (.genesisGone(.logEndsBefore(seq: 1)), "the log's record 1 is another: the log ends before the end of record 1 as stamped"),
            (.otherGenesis(stored: Self.digestA, log: Self.digestB), "its record 1 has hash 111111111111…, the log's 222222222222…"),
            (.stamp(seq: 12, hash: Self.digestA, .resume(.missing(.logEndsBefore(seq: 12)))),
             "stamped at record 12 with hash 111111111111…: the log ends before the end of record 12 as stamped"),
            (.inFile("checks.recent", .unreadableBlock(2, cause: nil)), "checks.recent: block 2 cannot be read"),
            (.unreadable(.nth(.community, 2)), "cannot read community 2"), (.unreadable(.fundChecks(2)), "cannot read fund 2's statement checks"),
            (.unreadable(.end), "cannot read the end (bytes left over)"),
            (.unreadable(.after(.person)), "cannot read its body: bytes after the persons"), (.unreadable(.some(.anomaly)), "cannot read an anomaly"),
            (.file(Self.eio), "L/index/funds.state: read failed: Input/output error (errno 5)"),
        ]
        for (detail, en) in cases { #expect(SystemWords.wording(detail).en == en) }
        // Review of verifyidx51 #3: the table is one part ("the table are out of order" before); a part of many stays plural.
        #expect(SystemWords.wording(Detail.outOfOrder(.table)).en == "the table's rows are out of order")
        #expect(SystemWords.wording(Detail.outOfOrder(.table)).zh == "表中各行顺序错乱")
        #expect(SystemWords.wording(Detail.outOfOrder(.all(.block))).en == "its blocks are out of order")
    }

    @Test func aNoticeInEitherLanguage() throws {
        let problem = ChainError.DerivedStateProblem.mismatch(.stamp(seq: 12, hash: Self.digestA, .resume(.missing(.logEndsBefore(seq: 12)))))
        #expect(SystemWords.wording(problem).en == "out of step with the log (stamped at record 12 with hash 111111111111…: the log ends before the end of record 12 as stamped)")
        #expect(SystemWords.wording(problem).zh == "与日志不一致（戳记在记录 12（哈希 111111111111…）：日志在戳记所记的记录 12 末尾之前就结束了）")
        #expect(SystemWords.wording(ChainError.DerivedStateProblem.damaged(.checksum(.body))).zh == "已损坏（校验和不符：被截短或改动过）")
        #expect(SystemWords.wording(ChainError.DerivedStateProblem.damaged(.file(Self.eio))).zh
            == "已损坏（L/index/funds.state：读取失败：输入/输出错误（磁盘故障？）（errno 5））")
        // A line that is not a record line where the stamp says, in Chinese too (it was English inside the notice).
        let notALine = SystemWords.wording(ChainError.DerivedStateProblem.mismatch(
            .stamp(seq: 3, hash: Self.digestA, .resume(.missing(.notARecordLine(seq: 3, .invalidUTF8(byteOffset: 0)))))))
        #expect(notALine.zh == "与日志不一致（戳记在记录 3（哈希 111111111111…）：原记录 3 处没有记录行：第 1 字节处不是有效的 UTF-8）", "\(notALine.zh)")
        // Any other error a reader meets is damage, said as that error says itself.
        #expect(ChainError.lockTimeout(path: "L/lock", waitedMilliseconds: 5).derivedStateProblem == .damaged(.error(.lockTimeout(path: "L/lock", waitedMilliseconds: 5))))
        #expect(ChainError.file(Self.eio).derivedStateProblem == .damaged(.file(Self.eio)))
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
