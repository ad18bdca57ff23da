import LedgerChain
import LedgerEvents
import LedgerPlatform

enum LogCommand {
    static let command = Command(
        name: "log",
        summary: "print records, optionally filtered by seq range and type",
        help: """
        Usage: ledger log [--ledger DIR] [--from SEQ] [--to SEQ] [--type TYPE]... [--json]

        Prints the committed records in seq order, verifying the chain as it reads.

          --from SEQ    first seq to print (default 1)
          --to SEQ      last seq to print (default: the last record)
          --type TYPE   only records of this type; repeat for several
          --json        print the stored record lines exactly as they are in events.jsonl (the evidence
                        form: names may hold control characters raw; read it with a JSON tool, not on a terminal)

        Exit status: 0 ok, 1 the log failed verification (records before the failure are printed), 2 usage error.
        """,
        options: [.value("from"), .value("to"), .value("type", repeatable: true), .flag("json")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "log")
        let from = try arguments.integer("from", minimum: 1) ?? 1
        let to = try arguments.integer("to", minimum: 1)
        let types = Set(arguments.values("type"))
        let json = arguments.flag("json")
        let directory = try context.openLedger(arguments)
        var buffer = [UInt8]()
        var pendingBatch: [[UInt8]] = []
        // Records are printed once their batch is known to be complete, so a torn tail is never shown.
        func flush() {
            for line in pendingBatch { buffer.append(contentsOf: line) }
            pendingBatch.removeAll()
            if buffer.count > 1 << 16 { context.io.writeOutBytes(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        var decodeError: String? = nil
        let result = LogScanner.scan(directory, stopAfterSeq: to) { (line: VerifiedLine) throws(Never) in
            let seq = line.location.seq
            if seq >= from, decodeError == nil {
                do {
                    let record = try RecordCodec.decode(line: line.line)
                    if types.isEmpty || types.contains(record.type) {
                        pendingBatch.append(json ? Array(line.line) + [0x0A] : Array(render(record).utf8))
                    }
                } catch {
                    decodeError = "events.jsonl line \(line.location.lineNumber) (record seq \(seq)): \(error)"
                }
            }
            if seq == line.batchLast { flush() }
        }
        context.io.writeOutBytes(buffer)
        switch result {
        case .failure(let error): throw .chain(error)
        case .success(let summary):
            if let failure = summary.failure { throw .integrity("\(failure) Run `ledger verify` for details.") }
        }
        if let decodeError { throw .integrity(decodeError) }
        return 0
    }

    /// One line per record. Names from the log are shown neutralised (escape sequences, C1 controls and bidi
    /// overrides become U+FFFD); `--json` prints the stored bytes themselves.
    static func render(_ record: Record) -> String {
        DisplayText.neutralised("\(record.seq)  \(record.occurredOn)  \(record.type)  \(record.id)  \(record.actor)  \(CanonicalJSON.string(.object(record.data)))",
                                lineBreaks: .toSpace) + "\n"
    }
}
