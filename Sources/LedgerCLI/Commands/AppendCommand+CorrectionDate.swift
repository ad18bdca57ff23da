import LedgerEvents

extension AppendCommand {
    /// The corrections of `events` dated before the record (or earlier line) they correct, each with its input line
    /// and the refusal (review 42b: a correction dated 2025-01-01 voiding a record of 2026-03-03 was accepted, and the
    /// 公示 showed a 更正日期 before its 原记录日期). A correction states that a recorded fact was wrong: it is made on
    /// or after the record's business date. `record` gives a recorded event by id; an earlier event of the batch is
    /// found among `events`. A correction whose target is found nowhere is left to the domain checks (rule 7).
    static func correctionsDatedBefore(_ events: [Event], lines: [Int], source: String, record: (String) throws(CLIError) -> Event?)
        throws(CLIError) -> [(line: Int, message: Message)] {
        var problems: [(line: Int, message: Message)] = []
        for (index, event) in events.enumerated() where index < lines.count {
            guard case .correction(let c)? = event.payload.domain else { continue }
            var target = events[..<index].last { $0.id == c.corrects }
            if target == nil { target = try record(c.corrects) }
            guard let target, event.occurredOn < target.occurredOn else { continue }
            let problem = EventError.LineProblem(source: source, lineNumber: lines[index], field: "occurred_on",
                                                 reason: AppendIssueWords.correctionBeforeRecord(event.occurredOn, corrects: c.corrects,
                                                                                                 recordDate: target.occurredOn))
            problems.append((lines[index], Message(problem.message)))
        }
        return problems
    }
}
