import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// `ledger import KIND FILE` for every kind of fact but assets: reads the file (the register's reader:
/// UTF-8 or GB18030, comma, semicolon or tab, title rows above the header), checks every cell, finds rows the
/// ledger already holds, checks the rest against the ledger (references, dates) and plans one batch:
/// `register.imported` followed by one event per new row, with ids `<import id>-r<row>`. Every problem of every
/// row is reported in one run, each naming its row and column.
public enum FactImport {
    /// Reads `source` and plans the batch against `existing` (the verified log, folded).
    public static func run<Source: ByteChunkSource>(
        source: Source, existing: EffectiveLog, options: FactImportOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, commit: ((String) -> PersonalCommitment?)? = nil
    ) throws(ImportError) -> FactImportResult {
        try run(source: source, ledger: FactImportLedger(log: existing), options: options, encoding: encoding, delimiter: delimiter,
                commit: commit)
    }

    /// Reads `source` and plans the batch against `ledger`.
    public static func run<Source: ByteChunkSource>(
        source: Source, ledger: FactImportLedger, options: FactImportOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, commit: ((String) -> PersonalCommitment?)? = nil
    ) throws(ImportError) -> FactImportResult {
        let table = try FileTable.read(source: source, fileName: options.fileName, encoding: encoding, delimiter: delimiter,
                                       headerRow: options.headerRow, knownHeadings: knownHeadings(options))
        var importer = try FactImporter(table: table, ledger: ledger, options: options)
        importer.commit = commit
        let result = importer.finish()
        if !importer.headerProblems.isEmpty {
            throw .header(file: options.fileName, row: table.headerRow, problems: importer.headerProblems, rows: result.report.headerRunRows)
        }
        return result
    }

    /// Normalised headings that mean something in a file of this kind (to find the header below title rows).
    static func knownHeadings(_ options: FactImportOptions) -> Set<String> {
        var known = Set(options.kind.fields.flatMap { $0.headings.map(RegisterVocabulary.normalizedHeading) })
        known.formUnion(options.mapping?.columns.keys ?? [:].keys)
        return known
    }
}
