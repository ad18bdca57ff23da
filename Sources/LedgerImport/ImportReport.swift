import LedgerEvents

/// What an import did or would do: the file's identity, how its columns were read, the row counts and every
/// bad row. Rendered as text for the clerk or JSON for scripts; both deterministic.
public struct ImportReport: Equatable, Sendable {
    /// What reading the file revealed.
    public struct FileFacts: Equatable, Sendable {
        public var bytes: Int64
        /// `UTF-8` or `GB18030`.
        public var encoding: String
        public var hasUTF8BOM: Bool
        public var delimiter: CSVDelimiter
        /// When the encoding was chosen (`--encoding`): the first non-ASCII cells as read with it (headings
        /// included), for the clerk to see that they read right; empty otherwise.
        public var samples: [String] = []

        public init(bytes: Int64, encoding: String, hasUTF8BOM: Bool, delimiter: CSVDelimiter, samples: [String] = []) {
            self.bytes = bytes
            self.encoding = encoding
            self.hasUTF8BOM = hasUTF8BOM
            self.delimiter = delimiter
            self.samples = samples
        }

        /// `  read as: "住宅前平台", "东门" (--encoding gb18030: check that they read right)\n`, or nothing.
        var samplesLine: Wording {
            guard !samples.isEmpty else { return Wording(same: "") }
            let choice = encoding == "GB18030" ? "gb18030" : "utf8"
            return Wording(
                en: "  read as: " + samples.map { "\"\(RowProblem.shown($0))\"" }.joined(separator: ", ")
                    + " (--encoding \(choice): check that the text reads right; if not, try the other encoding)\n",
                zh: "  读出的值：" + samples.map { "“\(RowProblem.shown($0))”" }.joined(separator: "、")
                    + "（按 --encoding \(choice) 读取；请核对文字是否正确，不对就换另一种编码）\n")
        }
    }

    /// One header column and how it was used.
    public struct Column: Equatable, Sendable {
        public var heading: String
        public var role: ColumnRole

        /// `id`, `attribute`, `ignored` or `unnamed`.
        public var roleName: String {
            switch role {
            case .field(let field): return field.rawValue
            case .attribute: return "attribute"
            case .ignored: return "ignored"
            case .unnamed: return "unnamed"
            }
        }
    }

    /// The verdict.
    public enum Outcome: String, Equatable, Sendable {
        /// There are events to append (possibly with rejected rows under `--allow-partial`).
        case ready
        /// Every good row matches the ledger: nothing to append.
        case nothingToImport = "nothing_to_import"
        /// Some rows are bad and `--allow-partial` was not given: nothing may be appended.
        case rejected
    }

    /// What the caller did with the plan, for the last line of the text report.
    public enum Status: Equatable, Sendable {
        /// `--dry-run`: nothing was written.
        case dryRun
        /// The batch was appended as log records `first…last`.
        case appended(first: Int64, last: Int64)
        /// Nothing was appended (outcome `nothingToImport` or `rejected`).
        case notAppended

        /// The JSON members that say it (`appended`, `dry_run`, `first_seq`, `last_seq`), for every import report.
        func addJSON(to members: inout [String: JSONValue]) {
            switch self {
            case .dryRun: members["appended"] = .bool(false); members["dry_run"] = .bool(true)
            case .appended(let first, let last):
                members["appended"] = .bool(true)
                members["first_seq"] = .integer(first)
                members["last_seq"] = .integer(last)
            case .notAppended: members["appended"] = .bool(false)
            }
        }
    }

    public var fileName: String
    public var fileSHA256: String
    public var file: FileFacts
    public var columns: [Column]
    public var counts: ImportCounts
    public var problems: [RowProblem]
    public var importID: String
    public var outcome: Outcome
    public var eventCount: Int
    /// Earlier imports of a file with the same SHA-256.
    public var previousImportIDs: [String]
    public var allowPartial: Bool
    /// Where the rejected rows were written, when they were.
    public var rejectsFile: String?
    /// The first `updatesShownMax` known assets the file changes, old → new (the rest are counted).
    public var updates: [Update] = []
    /// Rows of known assets whose registration date differs from the ledger's, one sentence each (the first
    /// `updatesShownMax`): an import never changes a registration date.
    public var dateNotes: [Wording] = []

    /// The file is a rejects file (its last column 导入错误): the counts are of its own rows, and the report says
    /// that the rows recorded from the original file are not among them.
    public var isRejectsFile = false

    /// The header's row (rows above it were a title, skipped).
    public var headerRow = 1

    /// Most updates listed in a report.
    public static let updatesShownMax = 200

    /// A known asset whose register data the file changes.
    public struct Update: Equatable, Sendable {
        public var row: Int
        public var assetID: String
        /// `name "车位1" → "车位9"`, one per changed field (in Chinese with the field's label beside its name).
        public var changes: [Wording]
    }

    /// The exit code the CLI returns: 2 when bad rows stopped the import, else 0.
    public var exitCode: Int32 { outcome == .rejected ? 2 : 0 }

    /// The report as the clerk reads it, in Chinese when `chinese` (`ImportWords`); every line ends with `\n`.
    public func text(status: Status, chinese: Bool) -> String {
        chinese ? ImportWords.text(self, status: status) : text(status: status)
    }

    /// The report as the clerk reads it; every line ends with `\n`.
    public func text(status: Status) -> String {
        var out = "Import of \(fileName)\n"
        out += ImportWords.fileLines(file, sha256: fileSHA256, headerRow: headerRow, columns: columns.map { ($0.heading, $0.roleName) }).en
        out += "  rows:    \(counts.read) read, \(counts.new) new, \(counts.updated) updated, \(counts.unchanged) unchanged, "
            + "\(counts.rejected) rejected"
        out += counts.blank > 0 ? " (\(counts.blank) blank row\(counts.blank == 1 ? "" : "s") skipped)\n" : "\n"
        if isRejectsFile { out += ImportWords.rejectsFileCounts(counts).en }
        if !updates.isEmpty {
            out += "Changes to assets the ledger holds (old → new):\n"
            for update in updates {
                out += "  row \(update.row), \(DisplayText.visible(update.assetID)): " + update.changes.map { RowProblem.shown($0.en) }.joined(separator: "; ") + "\n"
            }
            if counts.updated > updates.count { out += "  … and \(counts.updated - updates.count) more\n" }
        }
        if !dateNotes.isEmpty {
            out += "Registration dates (an import never changes one):\n"
            for note in dateNotes { out += "  \(note.en)\n" }
        }
        out += ImportWords.problemLines(problems, rejected: counts.rejected).en
        switch outcome {
        case .rejected:
            let good = counts.read - counts.rejected - counts.unchanged
            out += "Nothing was imported. Fix the rows above and import the file again"
            out += good > 0 ? ", or pass --allow-partial to import the \(good) good row\(good == 1 ? "" : "s") and write "
                + "the bad ones to a rejects file you can fix and import.\n" : ".\n"
        case .nothingToImport:
            if !previousImportIDs.isEmpty && counts.rejected == 0 {
                out += "Nothing to import: this file was already imported (\(previousImportIDs.joined(separator: ", "))) "
                    + "and every row matches the ledger.\n"
            } else {
                out += "Nothing to import: every good row matches the ledger.\n"
            }
        case .ready:
            let registered = counts.new, updated = counts.updated
            out += "Import \(importID): \(Wording.englishCount(eventCount, "event")) (1 register.imported, \(registered) asset.registered, "
                + "\(updated) asset.updated).\n"
            out += ImportWords.statusLine(status).en
        }
        if let rejectsFile, counts.rejected > 0, outcome != .rejected { out += ImportWords.rejectsWritten(counts.rejected, to: rejectsFile).en }
        return out
    }

    /// The report as JSON for scripts (canonical: keys sorted).
    public func json(status: Status) -> JSONValue {
        var members: [String: JSONValue] = [
            "file_name": .string(fileName), "file_sha256": .string(fileSHA256), "file_bytes": .integer(file.bytes),
            "encoding": .string(file.encoding), "bom": .bool(file.hasUTF8BOM), "delimiter": .string(file.delimiter.rawValue),
            "columns": .array(columns.enumerated().map { index, column in
                .object(["column": .string(ColumnName.letters(index)), "heading": .string(column.heading),
                         "field": .string(column.roleName)])
            }),
            "rows_read": .integer(Int64(counts.read)), "rows_new": .integer(Int64(counts.new)),
            "rows_updated": .integer(Int64(counts.updated)), "rows_unchanged": .integer(Int64(counts.unchanged)),
            "rows_rejected": .integer(Int64(counts.rejected)), "rows_blank": .integer(Int64(counts.blank)),
            "import_id": .string(importID), "outcome": .string(outcome.rawValue), "events": .integer(Int64(eventCount)),
            "previous_import_ids": .array(previousImportIDs.map { .string($0) }),
            "problems": .array(problems.map(\.json)),
        ]
        if isRejectsFile { members["rejects_file_rerun"] = .bool(true) }
        status.addJSON(to: &members)
        if let rejectsFile { members["rejects_file"] = .string(rejectsFile) }
        if !dateNotes.isEmpty { members["date_notes"] = .array(dateNotes.map { .string($0.en) }) }
        if !updates.isEmpty {
            members["updates"] = .array(updates.map { update in
                .object(["row": .integer(Int64(update.row)), "asset_id": .string(update.assetID),
                         "changes": .array(update.changes.map { .string($0.en) })])
            })
        }
        return .object(members)
    }
}
