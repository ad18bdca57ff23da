import LedgerEvents

/// What a fact import did or would do: the file, how its columns were read, the row counts and every problem.
/// Rendered as text for the clerk or JSON for scripts; both deterministic.
public struct FactImportReport: Equatable, Sendable {
    /// One header column and the field it fills (`ignored`, `unnamed`).
    public struct Column: Equatable, Sendable {
        public var heading: String
        public var field: String
    }

    /// `income`, `statement`, …, and its Chinese name.
    public var kind: String
    public var kindLabel: String
    public var fileName: String
    public var fileSHA256: String
    public var file: ImportReport.FileFacts
    /// The header's row (above it: title rows, skipped).
    public var headerRow: Int
    public var columns: [Column]
    public var counts: ImportCounts
    public var problems: [RowProblem]
    /// Problems of the file as a whole (the ledger check of the batch's first event, say).
    public var fileProblems: [Wording]
    public var importID: String
    public var outcome: ImportReport.Outcome
    public var eventCount: Int
    /// The events after register.imported, by type: `2 fund.income, 1 fund.spending`.
    public var eventSummary: String
    public var previousImportIDs: [String]
    public var allowPartial: Bool
    /// Where the rejected rows were written, when they were.
    public var rejectsFile: String?
    /// The file is a rejects file (its last column 导入错误): the counts are of its own rows, and the report says
    /// that the rows recorded from the original file are not among them.
    public var isRejectsFile = false
    /// Rows read without a problem that make no event, and why (a statement line of 0.00).
    public var notes: [Wording] = []
    /// The events after register.imported, counted by type (what `eventSummary` says).
    public var eventsByType: [String: Int] = [:]

    /// The file's and the rows' problems, each a whole message: what a refusal of the file's header tells besides
    /// (`ImportError.header`'s `rows`).
    var headerRunRows: [Wording] { fileProblems + problems.map(\.message) }

    /// 2 when nothing may be appended because of bad rows (also under --allow-partial when every row was bad).
    public var exitCode: Int32 { outcome == .rejected ? 2 : 0 }

    /// The report as the clerk reads it, in Chinese when `chinese` (`ImportWords`); every line ends with `\n`.
    public func text(status: ImportReport.Status, chinese: Bool) -> String {
        chinese ? ImportWords.text(self, status: status) : text(status: status)
    }

    /// The report as the clerk reads it; every line ends with `\n`.
    public func text(status: ImportReport.Status) -> String {
        var out = "Import of \(fileName) (\(kind), \(kindLabel))\n"
        out += ImportWords.fileLines(file, sha256: fileSHA256, headerRow: headerRow, columns: columns.map { ($0.heading, $0.field) }).en
        out += "  rows:    \(counts.read) read, \(counts.new) new, \(counts.unchanged) already recorded, "
            + (counts.skipped > 0 ? "\(counts.skipped) skipped, " : "") + "\(counts.rejected) rejected"
        out += counts.blank > 0 ? " (\(counts.blank) blank row\(counts.blank == 1 ? "" : "s") skipped)\n" : "\n"
        if isRejectsFile { out += ImportWords.rejectsFileCounts(counts).en }
        for note in notes { out += "  note: \(note.en)\n" }
        for problem in fileProblems { out += "  \(problem.en)\n" }
        out += ImportWords.problemLines(problems, rejected: counts.rejected).en
        switch outcome {
        case .rejected:
            // Rows recorded already go in with no option (review 43a m10: they were counted as rows --allow-partial imports).
            let good = counts.read - counts.rejected - counts.skipped - counts.unchanged
            out += "Nothing was imported. Fix the \(problems.isEmpty ? "problems" : "rows") above and import the file again"
            // --allow-partial cannot help while the file itself has a problem: every row is refused with it.
            out += good > 0 && !allowPartial && fileProblems.isEmpty ? ", or pass --allow-partial to import the \(good) good row\(good == 1 ? "" : "s") and write "
                + "the bad ones to a rejects file you can fix and import.\n" : ".\n"
        case .nothingToImport:
            out += previousImportIDs.isEmpty || counts.rejected > 0
                ? "Nothing to import: every good row is already recorded.\n"
                : "Nothing to import: this file was already imported (\(previousImportIDs.joined(separator: ", "))) and every row is recorded.\n"
        case .ready:
            out += "Import \(importID): \(Wording.englishCount(eventCount, "event")) (1 register.imported, \(eventSummary)).\n"
            out += ImportWords.statusLine(status).en
        }
        if let rejectsFile, counts.rejected > 0, outcome != .rejected { out += ImportWords.rejectsWritten(counts.rejected, to: rejectsFile).en }
        return out
    }

    /// The report as JSON for scripts (canonical: keys sorted).
    public func json(status: ImportReport.Status) -> JSONValue {
        var members: [String: JSONValue] = [
            "kind": .string(kind),
            "file_name": .string(fileName), "file_sha256": .string(fileSHA256), "file_bytes": .integer(file.bytes),
            "encoding": .string(file.encoding), "bom": .bool(file.hasUTF8BOM), "delimiter": .string(file.delimiter.rawValue),
            "header_row": .integer(Int64(headerRow)),
            "columns": .array(columns.enumerated().map { index, column in
                .object(["column": .string(ColumnName.letters(index)), "heading": .string(column.heading), "field": .string(column.field)])
            }),
            "rows_read": .integer(Int64(counts.read)), "rows_new": .integer(Int64(counts.new)),
            "rows_unchanged": .integer(Int64(counts.unchanged)), "rows_rejected": .integer(Int64(counts.rejected)),
            "rows_blank": .integer(Int64(counts.blank)),
            "import_id": .string(importID), "outcome": .string(outcome.rawValue), "events": .integer(Int64(eventCount)),
            "previous_import_ids": .array(previousImportIDs.map { .string($0) }),
            "file_problems": .array(fileProblems.map { .string($0.en) }),
            "problems": .array(problems.map(\.json)),
        ]
        // Only when there are any, so that reports without notes keep their bytes.
        if !notes.isEmpty { members["notes"] = .array(notes.map { .string($0.en) }) }
        if counts.skipped > 0 { members["rows_skipped"] = .integer(Int64(counts.skipped)) }
        if isRejectsFile { members["rejects_file_rerun"] = .bool(true) }
        status.addJSON(to: &members)
        if let rejectsFile { members["rejects_file"] = .string(rejectsFile) }
        return .object(members)
    }
}

extension RowProblem {
    /// The problem as a JSON object (file, row, column letters, heading, value, reason, allowed, message).
    public var json: JSONValue {
        var item: [String: JSONValue] = [
            "file": .string(file), "row": .integer(Int64(row)), "reason": .string(reason),
            "allowed": .string(allowed), "message": .string(description),
        ]
        if let column { item["column"] = .string(ColumnName.letters(column)) }
        if let heading { item["heading"] = .string(heading) }
        if let value { item["value"] = .string(value) }
        return .object(item)
    }
}
