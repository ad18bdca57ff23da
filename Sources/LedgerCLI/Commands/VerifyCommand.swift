import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections

enum VerifyCommand {
    static let command = Command(
        name: "verify",
        summary: "check the whole hash chain in constant memory; name the first bad record",
        help: """
        Usage: ledger verify [--ledger DIR] [--json] [--schema] [--index] [--checkpoint FILE... --pubkey PUB [--witness-key W... [--witnesses N]]]

        Reads events.jsonl from the first line to the last and checks every record: layout, hash, link to the
        previous record, sequence number and batch; then that every record the writers acknowledged (the file
        acknowledged beside the log) is still there. Prints the number of records and the head hash; on failure,
        the first bad record's seq and line number and what is wrong. A torn tail (an append that never finished,
        so was never acknowledged) is reported separately: it is not tampering, and the next writer removes it.

          --json    print the result as one JSON object
          --schema  also check every record's type and data against the event schemas (ledger-spec.md section 10);
                    schema problems are listed apart from integrity failures
          --index   also check the derived state in index/ (index/funds.state) against the whole log and rebuild
                    it; its damage is reported on an "index:" line, apart from the log's, and does not change the
                    exit status (commands check the state before every use and never answer from a bad one)
        \(VerifyCheckpoints.helpText)

        Exit status: 0 intact (a torn tail may be present); 1 integrity failure, or with --schema a record that does
        not fit its schema ("result: SCHEMA PROBLEMS"); 2 usage error or unreadable ledger.
        """,
        options: [.flag("json"), .flag("schema"), .flag("index"), .value("checkpoint", repeatable: true), .value("pubkey"),
                  .value("witness-key", repeatable: true), .value("witnesses")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "verify")
        if !arguments.values("checkpoint").isEmpty || arguments.value("pubkey") != nil || !arguments.values("witness-key").isEmpty
            || arguments.value("witnesses") != nil {
            return try VerifyCheckpoints.run(arguments, context)
        }
        let directory = try context.openLedger(arguments)
        let summary: ScanSummary
        switch LogScanner.verify(directory) {
        case .success(let s): summary = s
        case .failure(let error): throw .chain(error)
        }
        let inProgress = writeInProgress(summary, directory)
        let schema = try schemaReport(arguments, directory, summary)
        let index = try indexReport(arguments, directory, summary)
        if arguments.flag("json") {
            var object = json(summary, directory: directory, writeInProgress: inProgress)
            if let schema { object["schema"] = schemaJSON(schema) }
            if arguments.flag("index") { object["index"] = indexJSON(index) }
            context.io.writeOut(CanonicalJSON.string(.object(object), escaping: .display) + "\n")
        } else {
            // The ledger's name and a foreign log's ids, types and payload reasons reach the terminal: neutralised.
            context.io.writeOut(DisplayText.neutralised(text(summary, directory: directory, writeInProgress: inProgress)
                                                        + (schema.map(schemaText) ?? "")
                                                        + (arguments.flag("index") ? indexText(index) : ""), lineBreaks: .keep))
        }
        return summary.failure == nil && (schema?.problemCount ?? 0) == 0 ? 0 : 1
    }

    /// Whether a torn tail may be an append still being written: a writer holds the ledger lock. One try without
    /// waiting (released at once), so verify never blocks a writer; without a torn tail nothing is tried.
    static func writeInProgress(_ summary: ScanSummary, _ directory: LedgerDirectory) -> Bool {
        guard summary.tornTail != nil, let lock = try? PosixFile(path: directory.lockPath, mode: .read, followLinks: false),
              let acquired = try? lock.lockExclusive(timeoutMilliseconds: 0) else { return false }
        if acquired { lock.unlock() }
        return !acquired
    }

    /// With `--schema` and an intact log, the schema check of every committed record; otherwise nil.
    static func schemaReport(_ arguments: Arguments, _ directory: LedgerDirectory,
                             _ summary: ScanSummary) throws(CLIError) -> SchemaCheck.Report? {
        guard arguments.flag("schema"), summary.failure == nil else { return nil }
        do { return try SchemaCheck.check(directory) } catch { throw .chain(error) }
    }

    /// With `--index` and an intact log, the check of the derived state against the whole log (then rebuilt).
    static func indexReport(_ arguments: Arguments, _ directory: LedgerDirectory,
                            _ summary: ScanSummary) throws(CLIError) -> (check: FundState.Check, rebuiltAt: Int64?)? {
        guard arguments.flag("index"), summary.failure == nil else { return nil }
        do { return try FundState.checkAndRebuild(directory) } catch { throw .chain(error) }
    }

    static func indexText(_ report: (check: FundState.Check, rebuiltAt: Int64?)?) -> String {
        guard let report else { return "index: not checked (the log failed verification; derived state is never used then)\n" }
        let rebuilt = report.rebuiltAt.map { "rebuilt from the log at record \($0)" } ?? "nothing to build (empty log, or index/ cannot be written)"
        switch report.check {
        case .absent: return "index: \(FundState.fileName) absent; \(rebuilt)\n"
        case .intact(let seq): return "index: \(FundState.fileName) intact (made at record \(seq)); \(rebuilt)\n"
        case .damaged(let problem):
            return "index: DAMAGED — \(FundState.fileName) is \(problem); \(rebuilt). The log is not affected; commands check the state before use and rebuild it, so no answer came from it.\n"
        }
    }

    static func indexJSON(_ report: (check: FundState.Check, rebuiltAt: Int64?)?) -> JSONValue {
        guard let report else { return .object(["status": .string("not_checked")]) }
        var object: [String: JSONValue] = ["rebuilt_at": report.rebuiltAt.map { .integer($0) } ?? .null, "detail": .null]
        switch report.check {
        case .absent: object["status"] = .string("absent")
        case .intact(let seq): object["status"] = .string("intact"); object["detail"] = .string("made at record \(seq)")
        case .damaged(let problem): object["status"] = .string("damaged"); object["detail"] = .string(problem.description)
        }
        return .object(object)
    }

    static func schemaText(_ report: SchemaCheck.Report) -> String {
        guard report.problemCount > 0 else {
            return "schema: all \(report.checkedCount) records fit the schema of their type (ledger-spec.md section 10)\n"
        }
        var out = "schema: \(report.problemCount) of \(report.checkedCount) records do not fit the schema of their type (ledger-spec.md section 10)\n"
        for problem in report.problems { out += "  \(problem)\n" }
        if report.problemCount > Int64(report.problems.count) {
            out += "  … and \(report.problemCount - Int64(report.problems.count)) more\n"
        }
        out += "result: SCHEMA PROBLEMS — the chain is intact, but the records above do not say what section 10 allows; projections skip them (with a warning) and `ledger append` would have refused them\n"
        return out
    }

    static func schemaJSON(_ report: SchemaCheck.Report) -> JSONValue {
        .object([
            "checked": .integer(report.checkedCount), "problem_count": .integer(report.problemCount),
            "problems": .array(report.problems.map { p in
                .object(["seq": .integer(p.seq), "id": .string(p.eventID), "type": .string(p.type),
                         "field": .string(p.field), "reason": .string(p.reason)])
            }),
        ])
    }

    static func text(_ summary: ScanSummary, directory: LedgerDirectory, writeInProgress: Bool) -> String {
        var out = "ledger: \(directory.name) (\(directory.path))\n"
        if let failure = summary.failure {
            out += "status: INTEGRITY FAILURE\n"
            out += "first bad record: seq \(failure.seq), line \(failure.lineNumber), byte offset \(failure.byteOffset)\n"
            out += "problem: \(failure.detail)\n"
            out += "records before it: \(summary.recordCount) intact, head \(summary.headHash.hex)\n"
            out += "action: do not append; restore events.jsonl from a verified backup and compare it with this copy from line \(failure.lineNumber) on.\n"
            return out
        }
        out += "status: intact\n"
        out += "records: \(summary.recordCount)\n"
        out += "head: \(summary.headHash.hex)\n"
        if let torn = summary.tornTail {
            out += writeInProgress
                ? "note: an append is in progress (\(torn.byteCount) bytes not yet committed)\n"
                : "torn tail: \(torn)\n"
        }
        return out
    }

    static func json(_ summary: ScanSummary, directory: LedgerDirectory, writeInProgress: Bool) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "ledger": .string(directory.name),
            "status": .string(summary.failure == nil ? "intact" : "integrity_failure"),
            "records": .integer(summary.recordCount),
            "head": .string(summary.headHash.hex),
            "torn_tail": .null,
            "failure": .null,
        ]
        if let torn = summary.tornTail {
            object["torn_tail"] = .object([
                "byte_offset": .integer(torn.byteOffset), "byte_count": .integer(torn.byteCount),
                "complete_records": .integer(Int64(torn.completeRecords)), "partial_line": .bool(torn.partialLine),
                "write_in_progress": .bool(writeInProgress),
            ])
        }
        if let failure = summary.failure {
            object["failure"] = .object([
                "seq": .integer(failure.seq), "line": .integer(Int64(failure.lineNumber)),
                "byte_offset": .integer(failure.byteOffset), "kind": .string(failure.kindCode),
                "detail": .string(failure.detail),
            ])
        }
        return object
    }
}
