import LedgerChain
import LedgerEvents
import LedgerPlatform

enum LogCommand {
    static let command = Command(
        name: "log",
        summary: "print records, optionally filtered by seq range and type",
        help: """
        Usage: ledger log [--ledger DIR] [--from SEQ] [--to SEQ] [--type TYPE]... [--json]

        Prints the committed records in seq order, verifying the chain as it reads. A personal field held as a
        commitment is shown as its value from private/, or （已依法删除） once erased (ledger-spec.md 10.3).

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
        var people = json ? nil : People(directory)
        var buffer = [UInt8]()
        // Records are printed batch by batch, once the batch is known to be committed: a torn tail is never shown,
        // and the batches before a failure are.
        do {
            _ = try LogScanner.committedBatches(directory, stopAfterSeq: to, prepare: { line -> [UInt8]? in
                guard line.location.seq >= from, to.map({ line.location.seq <= $0 }) ?? true else { return nil }
                if !types.isEmpty, !types.contains(String(decoding: line.typeBytes, as: UTF8.self)) { return nil }
                if json { return Array(line.line) + [0x0A] }
                let record = try line.record()
                return Array(render(record, names: people?.names(for: record)).utf8)
            }, batch: { lines in
                for line in lines { buffer.append(contentsOf: line) }
                if buffer.count > 1 << 16 { context.io.writeOutBytes(buffer); buffer.removeAll(keepingCapacity: true) }
            })
        } catch {
            context.io.writeOutBytes(buffer)
            if case .integrity(let failure) = error { throw .integrity("\(failure) Run `ledger verify` for details.") }
            throw .chain(error)
        }
        context.io.writeOutBytes(buffer)
        if let people { PersonalDataSupport.warn(people.contents, missing: people.missing.count, context) }
        return 0
    }

    /// What the human form shows for committed personal fields: the values `private/` holds; the log's erasures
    /// are read (one more pass over the log) only when a record names a commitment `private/` lacks.
    struct People {
        let directory: LedgerDirectory
        let contents: PrivateStore.Contents
        private var current: PersonalNames
        private var erasuresRead = false
        private(set) var missing = Set<PersonalCommitment>()

        init(_ directory: LedgerDirectory) {
            self.directory = directory
            contents = PrivateStore.read(directory)
            current = PersonalNames(values: contents.openings.mapValues(\.value), erased: Set(contents.pendingCommitments))
        }

        mutating func names(for record: Record) -> PersonalNames {
            let committed = record.payload.domain?.personalFields.compactMap(\.value.commitment) ?? []
            let lacking = committed.filter { current.values[$0] == nil && !current.erased.contains($0) }
            if !lacking.isEmpty, !erasuresRead {
                erasuresRead = true
                var erased = Set<PersonalCommitment>()
                _ = try? VerifiedLog.stream(directory, upToSeq: 0, laterOfType: .personalDataErased,
                                            visitLater: { erased.formUnion(PersonalDataSupport.erasures(in: $0)) }) { _ in }
                current.erased.formUnion(erased)
            }
            missing.formUnion(lacking.filter { !current.erased.contains($0) })
            return current
        }
    }

    /// One line per record. Names from the log are shown neutralised (escape sequences, C1 controls and bidi
    /// overrides become U+FFFD); `--json` prints the stored bytes themselves.
    static func render(_ record: Record, names: PersonalNames? = nil) -> String {
        let data = names.map { $0.revealing(record.data) } ?? record.data
        return DisplayText.neutralised("\(record.seq)  \(record.occurredOn)  \(record.type)  \(record.id)  \(record.actor)  \(CanonicalJSON.string(.object(data)))",
                                lineBreaks: .toSpace) + "\n"
    }
}
