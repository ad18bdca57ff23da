import Glibc
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections
import Testing

/// The end of an import without the command line: `ImportSession` with in-memory closures for the ledger's part
/// (the append, the staged rejects file). What it must keep: nothing is appended or written on a dry run; the
/// rejects file is staged before the append and put in place only after it; a failed append drops it; a rejects
/// file that cannot be put in place after the append says the good rows are in.
@Suite struct ImportSessionTests {
    struct Failure: Error, Equatable { var words: Wording }

    /// What the closures saw, in order.
    final class Ledger {
        var steps: [String] = []
        var appended: [[String]] = []
        var appendFails = false
        var commitFails: FileError? = nil
    }

    static let register = "编号,小区,类型,名称,位置,面积,登记日期\n"
        + "A-1,C-1,车位,车位1,东门,12.5,2024-03-01\nA-2,C-1,车位,车位2,东门,abc,2024-03-01\n"

    func session(_ ledger: Ledger, dryRun: Bool = false, rejectsPath: String? = "r.rejects.csv") -> ImportSession<Failure> {
        ImportSession<Failure>(
            kind: "assets", file: "r.csv", dryRun: dryRun, rejectsPath: rejectsPath,
            stageRejects: { bytes, path in
                ledger.steps.append("stage \(path) \(bytes.count > 0)")
                return .init(commit: { () throws(Failure) in
                    ledger.steps.append("commit")
                    if ledger.commitFails != nil { throw Failure(words: Wording(en: "cannot write", zh: "写不成")) }
                }, discard: { ledger.steps.append("discard") }, fileFailure: { ledger.commitFails })
            },
            append: { batch throws(Failure) in
                ledger.steps.append("append")
                if ledger.appendFails { throw Failure(words: Wording(en: "the disk is full", zh: "磁盘已满")) }
                ledger.appended.append(batch.map { $0.type })
                return (first: 2, last: 3)
            },
            refusal: { Failure(words: $0) }, words: { $0.words },
            fileWords: { Wording(en: $0.description, zh: "系统：\($0.code)") })
    }

    func partial() throws -> AssetImportResult {
        var options = ImportOptions(fileName: "r.csv", importedOn: CalendarDate(year: 2025, month: 1, day: 15)!)
        options.allowPartial = true
        return try AssetImport.run(source: MemoryByteSource(Array(Self.register.utf8)), existing: RecordedRegister(),
                                          options: options)
    }

    @Test func goodRowsAreAppendedBeforeTheRejectsFileIsPutInPlace() throws {
        let ledger = Ledger()
        let (report, status) = try session(ledger).finish(try partial())
        #expect(ledger.steps == ["stage r.rejects.csv true", "append", "commit"])
        #expect(ledger.appended == [["register.imported", "asset.registered"]])
        #expect(status == .appended(first: 2, last: 3))
        #expect(report.rejectsFile == "r.rejects.csv")
        #expect(report.exitCode == 0)
    }

    @Test func aDryRunAppendsAndWritesNothing() throws {
        let ledger = Ledger()
        let (report, status) = try session(ledger, dryRun: true).finish(try partial())
        #expect(ledger.steps == [])
        #expect(status == .dryRun)
        #expect(report.rejectsFile == nil)
    }

    @Test func aFailedAppendDropsTheRejectsFile() throws {
        let ledger = Ledger()
        ledger.appendFails = true
        #expect(throws: Failure(words: Wording(en: "the disk is full", zh: "磁盘已满"))) { try session(ledger).finish(try partial()) }
        #expect(ledger.steps == ["stage r.rejects.csv true", "append", "discard"])
    }

    /// The good rows are in but the rejects file is not: said once, with the records appended and how to list the
    /// rejected rows again, in both languages.
    @Test func aRejectsFileThatCannotBePutInPlaceSaysTheGoodRowsAreIn() throws {
        let ledger = Ledger()
        ledger.commitFails = FileError(path: "r.rejects.csv", operation: "create", code: 17)
        let result = try partial()
        do throws(Failure) {
            _ = try session(ledger).finish(result)
            Issue.record("finished")
        } catch {
            #expect(error.words.en == "the rejects file r.rejects.csv was not written: a file of that name appeared meanwhile and was left "
                + "as it was. The good rows were appended (records seq 2–3); `ledger import assets r.csv --dry-run` lists the rejected rows again.")
            #expect(error.words.zh == "退回文件 r.rejects.csv 没有写成：其间出现了同名文件，已原样保留。正确的行已经追加（记录 2–3），"
                + "再次导入不会重复追加；可用“ledger import assets r.csv --dry-run”再次列出被退回的行。")
        }
        #expect(ledger.steps == ["stage r.rejects.csv true", "append", "commit"])
        #expect(ledger.appended.count == 1)
    }

    /// A bad row without --allow-partial: the file is refused, nothing is staged or appended.
    @Test func aRefusedFileTouchesNothing() throws {
        let ledger = Ledger()
        let result = try AssetImport.run(source: MemoryByteSource(Array(Self.register.utf8)), existing: RecordedRegister(),
                                                options: ImportOptions(fileName: "r.csv", importedOn: CalendarDate(year: 2025, month: 1, day: 15)!))
        let (report, status) = try session(ledger, rejectsPath: nil).finish(result)
        #expect(report.outcome == .rejected)
        #expect(report.exitCode == 2)
        #expect(status == .notAppended)
        #expect(ledger.steps == [])
    }

    /// Problems of the batch the ledger refuses without a row to blame refuse it whole, each named by its row,
    /// the event type beside its Chinese name.
    @Test func theLedgersRefusalOfTheBatchRefusesItWhole() throws {
        let ledger = Ledger()
        let result = try partial()
        let issue = ValidationIssue(batchIndex: 1, seq: nil, eventID: "e", type: "asset.registered", field: "data.community_id",
                                    reason: Wording(en: "names community C-1, which is not registered", zh: "所指的小区 C-1 尚未登记"))
        do throws(Failure) {
            _ = try session(ledger).finish(result, fileIssues: [issue])
            Issue.record("finished")
        } catch {
            #expect(error.words.en == "the import was rejected; nothing was appended:\n  r.csv: row 2: asset.registered field \"data.community_id\": "
                + "names community C-1, which is not registered")
            #expect(error.words.zh.hasPrefix("导入被拒绝，什么也没有追加：\n  r.csv 第 2 行：共有部分登记（asset.registered） 字段“data.community_id”"))
        }
        #expect(ledger.steps == [])
    }
    /// Moved from LedgerCLITests' RejectsFileWordingTests with the words (#15 leftover: the Chinese message ended the
    /// file error's "。" with another, kept its advice to "choose another --rejects" — running again appends nothing
    /// and writes no rejects file — and a file error stayed English): said once, without contradiction.
    @Test func saysTheGoodRowsAreInOnceAndWithoutContradiction() throws {
        let cases: [(FileError?, String, String)] = [
            (FileError(path: "r.csv", operation: "create", code: EEXIST), "a file of that name appeared meanwhile", "其间出现了同名文件"),
            (FileError(path: "r.csv", operation: "create", code: ENOSPC), "the disk or the file-size limit is full", "磁盘或文件大小限额已满（系统：\(ENOSPC)）"),
            (FileError(path: "r.csv", operation: "rename", code: EACCES), "r.csv: rename failed", "系统：\(EACCES)。"),
            // Without a file error (an error of another kind), its own text, its last full stop not doubled.
            (nil, "cannot write. The good rows", "写不成。正确的行"),
        ]
        let result = try partial()
        for (failure, en, zh) in cases {
            let ledger = Ledger()
            ledger.commitFails = failure ?? FileError(path: "", operation: "", code: 0)
            var session = session(ledger, rejectsPath: "r.csv")
            if failure == nil { session.stageRejects = { _, _ in .init(commit: { () throws(Failure) in throw Failure(words: Wording(en: "cannot write.", zh: "写不成。")) },
                                                                        discard: {}, fileFailure: { nil }) } }
            do throws(Failure) {
                _ = try session.finish(result)
                Issue.record("finished")
            } catch {
                let message = error.words
                #expect(message.en.hasPrefix("the rejects file r.csv was not written: " + en), "\(message.en)")
                #expect(message.en.hasSuffix("The good rows were appended (records seq 2–3); `ledger import assets r.csv --dry-run` lists the rejected rows again."), "\(message.en)")
                #expect(message.zh.hasPrefix("退回文件 r.csv 没有写成：" + zh), "\(message.zh)")
                #expect(message.zh.contains("正确的行已经追加（记录 2–3）"), "\(message.zh)")
                for wrong in ["。。", "..", "什么也没有保留", "never overwritten", "从不覆盖", "另选"] {
                    #expect(!message.zh.contains(wrong) && !message.en.contains(wrong), "\(wrong): \(message)")
                }
            }
        }
    }
}

/// A whole fact or statement import without the command line: `ImportSession.importFacts` with the ledger's part
/// as in-memory closures (the stored state's reader, the personal data store, a failure of the log). What it must
/// keep: a first reading without the ledger tells the ledger's part what the rows name; personal data is stored
/// only for a ready batch that is appended, before the append; a failure of the ledger met on the way wins over both
/// the file's refusal and the result; a refused file touches nothing.
@Suite struct ImportSessionFactsTests {
    typealias Failure = ImportSessionTests.Failure

    static let funds = "账户编号,小区编号,账户类型,银行账户,开立日期\n"
        + "F-1,C-1,业委会经费,青岛银行 8020,2025-01-06\nF-2,C-1,业委会经费,建设银行 3702,2025-01-08\n"
    static let badFunds = "账户编号,小区编号,账户类型,银行账户,开立日期\nF-1,C-1,业委会经费,青岛银行 8020,2025-13-06\n"

    /// A ledger that holds community C-1 and nothing else.
    static var ledger: FactImportLedger {
        var ledger = FactImportLedger(log: EffectiveLog())
        ledger.communityNames = ["C-1": "C-1"]
        ledger.imports = ([], { _ in false })
        ledger.check = { _, _ in [] }
        return ledger
    }

    /// Reads `text` as a funds file; each reading is noted in `steps` (`unread`/`read`, with or without `commit`).
    func read(_ text: String, _ steps: ImportSessionTests.Ledger, dryRun: Bool = false)
        -> (FactImportLedger, ((String) -> PersonalCommitment?)?) throws(ImportError) -> FactImportResult {
        { ledger, commit throws(ImportError) in
            steps.steps.append((ledger.learningOnly ? "unread" : "read") + (commit == nil ? "" : " commit")
                               + (ledger.holdsCategory == nil ? "" : " categories"))
            return try FactImport.run(source: MemoryByteSource(Array(text.utf8)), ledger: ledger,
                                      options: FactImportOptions(kind: .funds, fileName: "f.csv", importedOn: Fixture.importedOn),
                                      commit: commit)
        }
    }

    func part(_ steps: ImportSessionTests.Ledger, readFirst: Bool = true, failure: Failure? = nil) -> ImportSession<Failure>.LedgerPart {
        .init(readFirst: readFirst,
              ledger: { named throws(Failure) in
                  steps.steps.append("ledger " + (named.map { $0.communityCells.sorted().joined(separator: ",") + " " + "\($0.plannedEvents.count)" } ?? "nil"))
                  return Self.ledger
              },
              holdsCategory: { _, _ in false },
              commit: { _ in nil },
              storePersons: { events throws(Failure) in steps.steps.append("store \(events.count)") },
              failure: { failure })
    }

    @Test func theFirstReadingTellsTheLedgerWhatTheRowsNameAndPersonsAreStoredBeforeTheAppend() throws {
        let steps = ImportSessionTests.Ledger()
        let (report, status) = try ImportSessionTests().session(steps).importFacts(part(steps), read: read(Self.funds, steps))
        #expect(steps.steps == ["unread categories", "ledger C-1 2", "read commit categories", "store 3", "append"])
        #expect(steps.appended == [["register.imported", "fund.opened", "fund.opened"]])
        #expect(status == .appended(first: 2, last: 3))
        #expect(report.exitCode == 0)
    }

    @Test func withoutAFirstReadingTheLedgerIsAskedForEverything() throws {
        let steps = ImportSessionTests.Ledger()
        _ = try ImportSessionTests().session(steps).importFacts(part(steps, readFirst: false), read: read(Self.funds, steps))
        #expect(steps.steps == ["ledger nil", "read commit categories", "store 3", "append"])
    }

    @Test func aDryRunStoresAndAppendsNothing() throws {
        let steps = ImportSessionTests.Ledger()
        let (_, status) = try ImportSessionTests().session(steps, dryRun: true).importFacts(part(steps), read: read(Self.funds, steps))
        #expect(steps.steps == ["unread categories", "ledger C-1 2", "read commit categories"])
        #expect(status == .dryRun)
    }

    /// A bad row without --allow-partial: reported, nothing stored or appended.
    @Test func aRefusedFileTouchesNothing() throws {
        let steps = ImportSessionTests.Ledger()
        let (report, status) = try ImportSessionTests().session(steps).importFacts(part(steps), read: read(Self.badFunds, steps))
        #expect(report.exitCode == 2)
        #expect(status == .notAppended)
        #expect(!steps.steps.contains { $0.hasPrefix("store") || $0 == "append" })
    }

    /// A file that is not CSV is the session's refusal, in both languages; a failure of the ledger met on the way
    /// wins over it, and over a result the reading gave.
    @Test func aFailureOfTheLedgerWinsOverTheRefusalAndTheResult() throws {
        let notCSV = "PK\u{3}\u{4}"
        let refused = ImportError.notCSV(file: "f.csv", format: .xlsx).message
        #expect(throws: Failure(words: refused)) {
            try ImportSessionTests().session(ImportSessionTests.Ledger()).importFacts(part(ImportSessionTests.Ledger()), read: read(notCSV, ImportSessionTests.Ledger()))
        }
        let failure = Failure(words: Wording(en: "the log is damaged", zh: "日志已损坏"))
        for text in [notCSV, Self.funds] {
            let steps = ImportSessionTests.Ledger()
            #expect(throws: failure) {
                try ImportSessionTests().session(steps).importFacts(part(steps, failure: failure), read: read(text, steps))
            }
            #expect(!steps.steps.contains { $0.hasPrefix("store") || $0 == "append" })
        }
    }
}

/// A whole register import without the command line: `ImportSession.importRegister` with the ledger's part as
/// in-memory closures. The register is read against what the ledger's part gives; the reading is done (the command's
/// progress line cleared) before anything is reported; a failure of the ledger met on the way wins.
@Suite struct ImportSessionRegisterTests {
    typealias Failure = ImportSessionTests.Failure

    func read(_ text: String, _ steps: ImportSessionTests.Ledger)
        -> (ImportSession<Failure>.Register) throws(ImportError) -> (result: AssetImportResult, fileIssues: [ValidationIssue]) {
        { register throws(ImportError) in
            steps.steps.append("read")
            var options = ImportOptions(fileName: "r.csv", importedOn: Fixture.importedOn)
            options.allowPartial = true
            return try AssetImport.runChecked(makeSource: { () throws(ImportError) in MemoryByteSource(Array(text.utf8)) },
                                              existing: register.existing, check: register.check, options: options, first: register.first)
        }
    }

    func part(_ steps: ImportSessionTests.Ledger, failure: Failure? = nil) -> ImportSession<Failure>.RegisterPart {
        .init(ledger: { () throws(Failure) in
                  steps.steps.append("ledger")
                  var register = RecordedRegister()
                  register.communityNames = ["C-1": "C-1"]
                  return (register, { _ in [] }, nil)
              },
              failure: { failure }, readDone: { steps.steps.append("done") })
    }

    @Test func theRegisterIsReadAgainstTheLedgerThenEnds() throws {
        let steps = ImportSessionTests.Ledger()
        let (report, status) = try ImportSessionTests().session(steps).importRegister(part(steps), read: read(ImportSessionTests.register, steps))
        #expect(steps.steps == ["ledger", "read", "done", "stage r.rejects.csv true", "append", "commit"])
        #expect(steps.appended == [["register.imported", "asset.registered"]])
        #expect(status == .appended(first: 2, last: 3))
        #expect(report.rejectsFile == "r.rejects.csv")
    }

    @Test func aFailureOfTheLedgerWinsOverTheRefusalAndTheResult() throws {
        let refused = ImportError.notCSV(file: "r.csv", format: .xlsx).message
        let steps = ImportSessionTests.Ledger()
        #expect(throws: Failure(words: refused)) {
            try ImportSessionTests().session(steps).importRegister(part(steps), read: read("PK\u{3}\u{4}", steps))
        }
        #expect(steps.steps == ["ledger", "read", "done"])
        let failure = Failure(words: Wording(en: "the log is damaged", zh: "日志已损坏"))
        for text in ["PK\u{3}\u{4}", ImportSessionTests.register] {
            let steps = ImportSessionTests.Ledger()
            #expect(throws: failure) {
                try ImportSessionTests().session(steps).importRegister(part(steps, failure: failure), read: read(text, steps))
            }
            #expect(!steps.steps.contains("append"))
        }
    }
}
