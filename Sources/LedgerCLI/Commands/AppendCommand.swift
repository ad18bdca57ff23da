import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerPlatform

enum AppendCommand {
    static let command = Command(
        name: "append",
        summary: "append events (JSON Lines on stdin or --file) as one all-or-nothing batch",
        help: """
        Usage: ledger append [--ledger DIR] [--file F] [--actor NAME] [--expect-seq N] [--json]

        Reads events, one JSON object a line — {"id"?, "type", "occurred_on", "actor"?, "data"} — from --file F
        or standard input, checks every one, and appends them as one batch: all are written or none are. The
        batch is fsync'ed before this command reports success.

          --file F          read events from F instead of standard input
          --actor NAME      who records events that name no actor (default: $LEDGER_ACTOR, then $USER)
          --expect-seq N    fail, changing nothing, unless the ledger's last seq is N
          --recorded-at T   stamp records with UTC time T (YYYY-MM-DDTHH:MM:SSZ) instead of now; for
                            reproducible sample ledgers and tests
          --lock-wait MS    wait at most MS milliseconds for another writer (default 10000)
          --json            print the result as one JSON object

        An event whose id is already in the log with identical content (type, occurred_on, data) is a duplicate:
        it is reported and not written again. The same id with different content fails the batch. An event without
        an id gets one derived from the input and its place in it (in-<SHA-256 prefix>-<n>, ledger-spec.md section
        5), so running the same input again — even re-saved with CR LF, a BOM or blank lines — appends nothing twice.

        Exit status: 0 appended (or all duplicates), 1 the log failed verification, 2 bad input, a conflict, a
        lock timeout or a file error (in every one of these the ledger is unchanged), 3 appended but the report
        could not be printed (the message on the other stream names the records committed).
        """,
        options: [.value("file"), .value("actor"), .value("expect-seq"), .value("recorded-at"), .value("lock-wait"), .flag("json")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "append")
        let io = context.io
        let source = arguments.value("file") ?? "stdin"
        let input = try io.readFile(arguments.value("file") ?? "-", limit: .events)
        let expectSeq = try arguments.integer("expect-seq", minimum: 0)
        let lockWait = try arguments.integer("lock-wait", minimum: 0).map(Int.init) ?? Limits.lockWaitMillisecondsDefault
        var recordedAt = io.now()
        if let text = arguments.value("recorded-at") {
            guard let time = Timestamp(rfc3339: text) else {
                throw .usage("--recorded-at \"\(text)\" is not a UTC time; write YYYY-MM-DDTHH:MM:SSZ.")
            }
            recordedAt = time
        }
        let lines = EventInput.eventLines(input)
        let parsed = try parseEvents(lines, source: source, latestDate: recordedAt.date.adding(days: 1))
        var events = parsed.map(\.event)
        let actor = arguments.value("actor") ?? io.environment["LEDGER_ACTOR"] ?? io.environment["USER"]
        let directory = try context.openLedger(arguments)
        // The log is folded record by record as the writer reads it; the records themselves are not kept.
        var existing = EffectiveLog()
        let writer: LogWriter
        do {
            writer = try LogWriter.open(directory, lockWaitMilliseconds: lockWait,
                                        notice: { io.writeErr($0 + "\n") }, visit: { existing.apply($0) })
        } catch {
            throw .chain(error)
        }
        defer { writer.close() }
        if let expectSeq, expectSeq != writer.lastSeq {
            throw .chain(.sequenceConflict(expected: expectSeq, actual: writer.lastSeq))
        }
        // Ids are fixed before validation so messages can name them and duplicates are recognised. An event
        // without one gets an id derived from the normalised input and its number in it (ledger-spec.md section 5):
        // running the same input again, after an acknowledgement was lost, appends nothing twice. Every event line
        // parsed (any bad one rejects the batch), so event n is `parsed[n - 1]`.
        let inputDigest = EventInput.normalisedDigest(lines)
        for index in events.indices where events[index].id == nil {
            events[index].id = EventInput.derivedID(inputDigest: inputDigest, eventNumber: index + 1)
        }
        var seen: Set<String> = []
        var fresh: [Event] = []
        var freshLines: [Int] = []
        for (index, event) in events.enumerated() {
            let id = event.id!
            guard writer.seq(ofId: id) == nil, !seen.contains(id) else { continue }
            seen.insert(id)
            fresh.append(event)
            freshLines.append(parsed[index].lineNumber)
        }
        try AppendValidation.validate(existing: existing, events: fresh, lineNumbers: freshLines, source: source)
        let result: AppendResult
        do {
            result = try writer.append(events, options: AppendOptions(expectSeq: expectSeq, recordedAt: recordedAt,
                                                                      defaultActor: actor, makeId: io.makeId))
        } catch {
            throw .chain(error)
        }
        if let first = result.appended.first, let last = result.appended.last {
            io.outputStatus.noteDone("records seq \(first.seq)–\(last.seq) were committed to the ledger (running the same input again appends nothing: its events are recognised as duplicates)")
        }
        io.writeOut(arguments.flag("json") ? json(result) : DisplayText.neutralised(text(result), lineBreaks: .keep))
        return 0
    }

    /// Parses every line, collecting all errors so the clerk can fix them in one pass. A fact dated after
    /// `latestDate` (the recording date plus one day, for time zones ahead of UTC such as China's) has not happened
    /// yet: it is almost always a typing error in the year.
    static func parseEvents(_ lines: [(lineNumber: Int, bytes: ArraySlice<UInt8>)], source: String,
                            latestDate: CalendarDate) throws(CLIError) -> [(event: Event, lineNumber: Int)] {
        var events: [(event: Event, lineNumber: Int)] = []
        var errors: [String] = []
        for (lineNumber, line) in lines {
            do throws(EventInputError) {
                let event = try EventInput.parse(line: Array(line), source: source, lineNumber: lineNumber)
                guard event.occurredOn <= latestDate else {
                    throw EventInputError(source: source, lineNumber: lineNumber, field: "occurred_on",
                                          reason: "\(event.occurredOn) is after today (\(latestDate.adding(days: -1)), UTC); record facts once they have happened — a planned date belongs in the payload, e.g. a contract's end_on")
                }
                // A replacement is a fact too: a typo in its year would move the fact out of today's projections.
                if event.type == EventType.correction.rawValue, case .object(let replacement)? = event.data["replacement"],
                   case .string(let text)? = replacement["occurred_on"], let date = CalendarDate(iso: text), date > latestDate {
                    throw EventInputError(source: source, lineNumber: lineNumber, field: "data.replacement.occurred_on",
                                          reason: "\(date) is after today (\(latestDate.adding(days: -1)), UTC); a correction states facts that have happened")
                }
                events.append((event, lineNumber))
            } catch {
                errors.append(error.description)
                if errors.count == 100 { errors.append("… stopping after 100 errors"); break }
            }
        }
        guard errors.isEmpty else {
            throw .input("the batch was rejected; nothing was appended:\n  " + errors.joined(separator: "\n  "))
        }
        guard !events.isEmpty else { throw .input("\(source) holds no events; nothing was appended.") }
        return events
    }

    static func text(_ result: AppendResult) -> String {
        var out = ""
        if let first = result.appended.first, let last = result.appended.last {
            out += "appended \(result.appended.count) record(s): seq \(first.seq)–\(last.seq)\n"
        } else {
            out += "appended nothing: every event is already in the ledger\n"
        }
        for duplicate in result.duplicates {
            let place = duplicate.existingSeq.map { "record seq \($0)" } ?? "an earlier line of this batch"
            out += "duplicate: id \(duplicate.id) is already \(place) with identical content; not appended again\n"
        }
        out += "head: seq \(result.lastSeq) \(result.headHash.hex)\n"
        return out
    }

    static func json(_ result: AppendResult) -> String {
        let value: JSONValue = .object([
            "appended": .array(result.appended.map {
                .object(["seq": .integer($0.seq), "id": .string($0.id), "hash": .string($0.hash.hex)])
            }),
            "duplicates": .array(result.duplicates.map {
                .object(["id": .string($0.id), "existing_seq": $0.existingSeq.map(JSONValue.integer) ?? .null])
            }),
            "last_seq": .integer(result.lastSeq),
            "head": .string(result.headHash.hex),
        ])
        return CanonicalJSON.string(value, escaping: .display) + "\n"
    }
}
