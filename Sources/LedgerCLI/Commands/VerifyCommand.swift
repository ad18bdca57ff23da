import LedgerChain
import LedgerEvents
import LedgerPlatform

enum VerifyCommand {
    static let command = Command(
        name: "verify",
        summary: "check the whole hash chain in constant memory; name the first bad record",
        help: """
        Usage: ledger verify [--ledger DIR] [--json] [--checkpoint FILE... --pubkey PUB [--witness-key W... [--witnesses N]]]

        Reads events.jsonl from the first line to the last and checks every record: layout, hash, link to the
        previous record, sequence number and batch. Prints the number of records and the head hash; on failure,
        the first bad record's seq and line number and what is wrong. A torn tail (an append that never finished,
        so was never acknowledged) is reported separately: it is not tampering, and the next writer removes it.

          --json    print the result as one JSON object
        \(VerifyCheckpoints.helpText)

        Exit status: 0 intact (a torn tail may be present), 1 integrity failure, 2 usage error or unreadable ledger.
        """,
        options: [.flag("json"), .value("checkpoint", repeatable: true), .value("pubkey"), .value("witness-key", repeatable: true),
                  .value("witnesses")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "verify")
        if !arguments.values("checkpoint").isEmpty || arguments.value("pubkey") != nil || !arguments.values("witness-key").isEmpty
            || arguments.value("witnesses") != nil {
            return try VerifyCheckpoints.run(arguments, context)
        }
        let directory = try context.openLedger(arguments)
        let summary: ScanSummary
        switch LogScanner.verify(path: directory.eventsPath) {
        case .success(let s): summary = s
        case .failure(let error): throw .chain(error)
        }
        // A tail that is still being written is not torn: a writer holds the lock.
        var writeInProgress = false
        if summary.tornTail != nil, let lock = try? PosixFile(path: directory.lockPath, mode: .read, followLinks: false) {
            if let acquired = try? lock.lockExclusive(timeoutMilliseconds: 0) {
                writeInProgress = !acquired
                if acquired { lock.unlock() }
            }
        }
        if arguments.flag("json") {
            context.io.writeOut(CanonicalJSON.string(json(summary, directory: directory, writeInProgress: writeInProgress)) + "\n")
        } else {
            context.io.writeOut(DisplayText.neutralised(text(summary, directory: directory, writeInProgress: writeInProgress),
                                                        lineBreaks: .keep))
        }
        return summary.failure == nil ? 0 : 1
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

    static func json(_ summary: ScanSummary, directory: LedgerDirectory, writeInProgress: Bool) -> JSONValue {
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
        return .object(object)
    }
}
