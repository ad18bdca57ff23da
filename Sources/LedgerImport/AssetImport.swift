import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Reads a register file in one streaming pass: splits CSV records, decodes cells (UTF-8 or GB18030, detected
/// or given), hashes every byte, and feeds the rows to a `RegisterImporter`.
///
/// Encoding detection: a UTF-8 byte-order mark means UTF-8; otherwise the first chunk (1 MiB) decides — valid
/// UTF-8 with non-ASCII text is UTF-8, anything else that is not ASCII is GB18030; a file whose first chunk is
/// ASCII is decided by its first non-ASCII cell; Chinese headings that are valid UTF-8 mean UTF-8. A file that turns out to mix both is refused
/// (`ImportError.mixedEncoding`) rather than guessed at.
public enum AssetImport {
    /// Imports from `source`.
    /// - Parameters:
    ///   - encoding: `--encoding`, or nil to detect.
    ///   - delimiter: `--delimiter`, or nil to detect.
    ///   - progress: called every 65,536 rows with (rows, bytes) so far, for a progress line on a terminal.
    /// - Throws: `ImportError` for problems that stop the whole file (see its cases); bad rows are in the report.
    /// - Complexity: O(file bytes) time; memory grows with the distinct assets and the bad rows, not the file.
    public static func run<Source: ByteChunkSource>(
        source: Source, existing: RecordedRegister, options: ImportOptions, encoding: RegisterEncoding? = nil,
        delimiter: CSVDelimiter? = nil, progress: ((Int, Int64) -> Void)? = nil
    ) throws(ImportError) -> AssetImportResult {
        try run(source: source, existing: existing, options: options, encoding: encoding, delimiter: delimiter,
                progress: progress, scanRecords: true, groupRows: rowsPerGroup)
    }

    /// The data rows handed to the second thread at a time (`run`): enough that the hand-over (a lock, a wake-up)
    /// is nothing beside the rows' work, few enough that the other thread starts at once and little waits at the end.
    static let rowsPerGroup = 256

    /// `run`; with `scanRecords` false each cell is scanned for control characters on its own, as before the
    /// record's one scan (`RegisterRow.controlsPossible`): the tests compare the two. With `groupRows` 0 the rows
    /// are read and checked on this thread alone, each as it is read, the importer trimming the cells and asking the
    /// cell rules itself; otherwise checked on a second thread, handed over `groupRows` at a time, with the cells
    /// trimmed and the rules' answers (`RegisterRow.Answers`) made by the reading thread (the tests compare the two).
    static func run<Source: ByteChunkSource>(
        source: Source, existing: RecordedRegister, options: ImportOptions, encoding: RegisterEncoding?,
        delimiter: CSVDelimiter?, progress: ((Int, Int64) -> Void)?, scanRecords: Bool, groupRows: Int = 0
    ) throws(ImportError) -> AssetImportResult {
        let file = options.fileName
        var reader = CSVReader(source: HashingByteSource(source), displayName: file, delimiter: delimiter)
        var record = CSVRecord()
        guard try reader.next(into: &record) else { throw .empty(file: file) }
        // Title rows above the header ("海韵小区公共部位登记表"): the header is row --header-row, or the first of
        // the first `FileTable.headerSearchRows` rows with two known headings; the rows read ahead when none is are data.
        var pending: [CSVRecord] = []
        var skipped: [CSVRecord] = []
        // Rows above a header given by --header-row: titles too, read only for a unit they declare.
        var givenAbove: [CSVRecord] = []
        if let headerRow = options.headerRow {
            while record.rowNumber < headerRow {
                givenAbove.append(record)
                guard try reader.next(into: &record) else {
                    throw .header(file: file, row: nil, problems: [ImportWords.noHeaderRow(headerRow, last: nil)])
                }
            }
        } else if !looksLikeHeader(record, mapping: options.mapping) {
            var look = [record]
            var found: CSVRecord? = nil
            while look.count < FileTable.headerSearchRows {
                var next = CSVRecord()
                guard try reader.next(into: &next) else { break }
                if looksLikeHeader(next, mapping: options.mapping) { found = next; break }
                look.append(next)
            }
            if let found { record = found; skipped = look } else { pending = Array(look.dropFirst()) }
        }
        let headerRow = record.rowNumber
        let preamble = reader.preamble
        var decoder = CellDecoder(requested: encoding, preamble: preamble)
        // A header that is valid UTF-8 with Chinese headings, in a file whose start is not UTF-8, means a UTF-8
        // file with bad cells (or mixed encodings): GB18030 headings are practically never valid UTF-8.
        if encoding == nil, !preamble.hasUTF8BOM, preamble.firstChunkText == .notUTF8 {
            let header = record.bytes
            if header.contains(where: { $0 >= 0x80 }), String(validating: header, as: UTF8.self) != nil {
                decoder = CellDecoder(requested: nil, preamble: preamble, detected: .utf8)
            }
        }
        // Title rows above the header, never decoded: noted so that a refusal can say a pasted UTF-8 title is there.
        for row in skipped { decoder.noteSkippedRow(row) }
        var headings: [String] = []
        var headerProblems: [Wording] = []
        var rawHeader: [[UInt8]] = []
        for index in 0..<record.fieldCount {
            let bytes = record.field(index)
            rawHeader.append(Array(bytes))
            var refused: [RowProblem] = []
            headings.append(try decoder.decode(bytes, row: headerRow, column: index, heading: "", file: file, problems: &refused) ?? "")
            headerProblems += refused.map { ImportWords.headerBytes(index, $0) }
        }
        for problem in record.problems {
            headerProblems.append(ImportWords.headingStrayQuote(problem.fieldIndex))
        }
        if record.isBlank { throw .empty(file: file) }
        if !headerProblems.isEmpty { throw .header(file: file, row: headerRow, problems: headerProblems) }
        // Rows read ahead of a header found by its headings are skipped as a title; rows filled as data rows are
        // would be lost without a word (a register sorted with its header row).
        let named = headings.filter { !Cell.trimmed($0).isEmpty }.count
        func texts(_ record: CSVRecord) -> [String] {
            (0..<record.fieldCount).map { index in
                let bytes = record.field(index)
                return CellDecoder.utf8(bytes) ?? (try? TextDecoder.gb18030(Array(bytes))) ?? ""
            }
        }
        // A second header row of sub-headings under merged headings (`SubHeadings`): read into the headings, never
        // as a part; any other row is the first data row.
        var below = CSVRecord(), hasBelow = true
        // How a header of two rows was read, said with a problem of its headings (two columns meaning one field):
        // the headings it names are the two rows' words joined, which neither row shows (review 46e).
        var twoRows: Wording? = nil
        if !pending.isEmpty { below = pending.removeFirst() } else { hasBelow = try reader.next(into: &below) }
        if hasBelow, below.problems.isEmpty, let parts = SubHeadings.parts(headings, texts(below), known: { text in
            let heading = RegisterVocabulary.normalizedHeading(text)
            return RegisterVocabulary.headingTable[heading] != nil || options.mapping?.columns[heading] != nil
        }) {
            var subs: [String] = [], ignored: [RowProblem] = []
            for index in 0..<below.fieldCount {
                subs.append(Cell.trimmed(try decoder.decode(below.field(index), row: below.rowNumber, column: index, heading: "", file: file,
                                                            problems: &ignored) ?? ""))
            }
            let top = headings.map(Cell.trimmed)
            headings = SubHeadings.read(parts, top: top, sub: subs, empty: "", join: +)
            rawHeader = SubHeadings.read(parts, top: rawHeader, sub: (0..<below.fieldCount).map { Array(below.field($0)) }, empty: [], join: +)
            twoRows = ImportWords.headingsOfTwoRows(header: headerRow, below: below.rowNumber, parts: parts, top: top, sub: subs)
        } else if hasBelow {
            pending.insert(below, at: 0)
        }
        let dataAbove = skipped.filter { FileTable.looksLikeData(texts($0), headings: named) }.map(\.rowNumber)
        if !dataAbove.isEmpty {
            throw .header(file: file, row: headerRow, problems: [ImportWords.dataAboveHeader(dataAbove, header: headerRow)])
        }
        // A title's unit (面积单位：亩) is the area column's: areas are read in m² (`TitleUnits`).
        let titleUnits = TitleUnits.problems(in: (skipped + givenAbove).map { ($0.rowNumber, texts($0)) }, units: [.squareMetres])
        if !titleUnits.isEmpty { throw .header(file: file, row: headerRow, problems: titleUnits) }
        var importer: RegisterImporter
        do {
            importer = try RegisterImporter(headings: headings, existing: existing, options: options)
            importer.headerRow = headerRow
            // Room for the rows a file of this size holds, reserved once: the importer's tables of ids grew by
            // doubling, rehashing every id some 17 times over a million rows (a tenth of the parse in a profile).
            if let size = reader.source.sizeHint { importer.reserve(rows: RegisterImporter.expectedRows(fileBytes: size)) }
        } catch .header(let file, _, let problems, _) {
            // The importer sees only the headings: the row is the one read here (and the row under it, when read).
            // A wrong delimiter joins the headings into one: said first, as the cause of the missing columns.
            let joined = ImportWords.headingsRunTogether(headings, used: preamble.delimiter)
            throw .header(file: file, row: headerRow, problems: [joined].compactMap { $0 } + problems + [twoRows].compactMap { $0 })
        }
        // Two stages on two threads (`Parallel.pipeline`): this one reads the file (its chunks hashed), splits the
        // records, decodes and trims the cells and asks the cell rules of them; the other checks and plans each row (`RegisterImporter.add`), in the
        // file's order (its duplicates, case twins and plan need every row before it), so the importer sees the rows
        // as one thread gives them. A file-wide refusal (mixed encodings) is thrown here; the rows of the group being
        // filled never reach the importer, whose result is thrown away with the error anyway. The rows cross in groups whose storage comes back for the next group
        // (`ReadRows`, `ReusePool`): session 38's pipeline made a row's cells, trimmed cells and record new storage
        // for every row and sent rows one by one, and cost more CPU than it took off the parse (docs/perf-import38.md).
        var rejected: [RejectedRow] = []
        var rows = 0
        var filledRows = 0
        let groups = ReusePool<ReadRows>(limit: 8)
        // The cells trimmed and the cell rules asked by this stage when the other takes the rows (one thread: by
        // the importer, as the tests compare).
        let columns = groupRows > 0 ? importer.cellColumns : nil
        func produce(_ send: (ReadRows) -> Void, _ close: () -> Void) throws(ImportError) {
            var group = groups.take()
            while true {
                if !pending.isEmpty { record = pending.removeFirst() } else if try !reader.next(into: &record) { break }
                if filledRows == 0, !record.problems.isEmpty || filledCells(record) > 0 { filledRows = 1 }
                try group.add(record, decoder: &decoder, headings: headings, file: file, scanRecords: scanRecords, columns: columns)
                if group.count >= groupRows {
                    send(group)
                    group = groups.take()
                }
                rows += 1
                if rows & 0xFFFF == 0 { progress?(rows, reader.source.byteCount) }
            }
            if group.count > 0 { send(group) }
            close()
        }
        // The group before the one being checked: given back once the pipeline has let go of it, so that the reading
        // stage refills storage no other thread holds (else its first write would copy it).
        var previous: ReadRows? = nil
        func consume(_ group: ReadRows) {
            if let done = previous {
                previous = nil
                groups.give(done)
            }
            for index in 0..<group.count {
                let found = importer.add(group.rows[index].row)
                if !found.isEmpty {
                    rejected.append(RejectedRow(rowNumber: group.rows[index].row.rowNumber, rawCells: group.rows[index].rawCells(),
                                                problems: found))
                }
            }
            previous = group
        }
        if groupRows > 0 {
            try Parallel.pipeline(groupSize: 1, groupsAhead: 4, produce: produce, consume: consume)
        } else {
            try produce(consume, {})
        }
        previous = nil
        try decoder.checkAmbiguity(file: file, afterRow: headerRow)
        if filledRows == 0 { throw .header(file: file, row: headerRow, problems: [ImportWords.noRowsBelowHeader]) }
        // The tables of the rows' ids are done with: freed before the plan makes its event ids.
        importer.releaseRowTables()
        let facts = ImportReport.FileFacts(bytes: reader.source.byteCount, encoding: decoder.encodingName,
                                           hasUTF8BOM: preamble.hasUTF8BOM, delimiter: preamble.delimiter, samples: decoder.samples(afterRow: headerRow))
        var plan = importer.finish(fileSHA256: reader.source.digest().hex, file: facts)
        plan.report.headerRow = headerRow
        if !importer.headerProblems.isEmpty {
            throw .header(file: file, row: headerRow, problems: importer.headerProblems, rows: plan.report.problems.map(\.message))
        }
        return AssetImportResult(plan: plan, rejectedRows: rejected, rawHeader: rawHeader, preamble: preamble,
                                  encoding: decoder.encoding ?? .utf8, namedCommunityCells: importer.namedCommunityCells,
                                  namedAssetIDs: importer.namedAssetIDs, probes: importer.probes, newParts: importer.partTwins)
    }

    /// The cells of `record` with something in them other than spaces and tabs.
    static func filledCells(_ record: CSVRecord) -> Int {
        var filled = 0
        for index in 0..<record.fieldCount where record.field(index).contains(where: { $0 != 0x20 && $0 != 0x09 }) { filled += 1 }
        return filled
    }

    /// Whether a record reads as a register's header: at least two cells are known headings.
    static func looksLikeHeader(_ record: CSVRecord, mapping: ColumnMapping?) -> Bool {
        var known = 0
        for index in 0..<record.fieldCount {
            let bytes = record.field(index)
            guard let text = CellDecoder.utf8(bytes) ?? (try? TextDecoder.gb18030(Array(bytes))) else { continue }
            let heading = RegisterVocabulary.normalizedHeading(text)
            if RegisterVocabulary.headingTable[heading] != nil || mapping?.columns[heading] != nil { known += 1 }
        }
        return known >= 2
    }

    /// Imports as `run` and checks the batch against the ledger (`DomainValidator`) as the append would: rows
    /// the check refuses (an unregistered community, a date before it was registered) become row problems named
    /// by row and column, and the file is read again with them, so that they are reported with every other
    /// problem, or rejected under `--allow-partial`.
    /// - Parameter makeSource: opens the file afresh for each pass.
    /// - Returns: the result, and the ledger's problems that belong to no row (reported for the whole file).
    public static func runChecked<Source: ByteChunkSource>(
        makeSource: () throws(ImportError) -> Source, existing: RecordedRegister, log: EffectiveLog, options: ImportOptions,
        encoding: RegisterEncoding? = nil, delimiter: CSVDelimiter? = nil, progress: ((Int, Int64) -> Void)? = nil
    ) throws(ImportError) -> (result: AssetImportResult, fileIssues: [ValidationIssue]) {
        try runChecked(makeSource: makeSource, existing: existing, check: { DomainValidator.validate(existing: log, batch: $0) },
                       options: options, encoding: encoding, delimiter: delimiter, progress: progress)
    }

    /// As `runChecked(makeSource:existing:log:…)`, with the ledger's check of a batch given as `check` (the same
    /// issues as `DomainValidator.validate(existing:batch:)` against the whole log: e.g. `CheckState.validate`).
    /// - Parameter first: the result of `run` with these `existing` and `options`, when the caller has it already
    ///   (the file is then not read again unless the ledger refuses rows).
    public static func runChecked<Source: ByteChunkSource>(
        makeSource: () throws(ImportError) -> Source, existing: RecordedRegister, check: (EventBatch) -> [ValidationIssue],
        options: ImportOptions, encoding: RegisterEncoding? = nil, delimiter: CSVDelimiter? = nil,
        progress: ((Int, Int64) -> Void)? = nil, first: AssetImportResult? = nil
    ) throws(ImportError) -> (result: AssetImportResult, fileIssues: [ValidationIssue]) {
        var options = options
        // What the ledger says of a --community it does not register names the id meant, when the option holds a
        // registered community's name or a variant of its id (`CommunityOption`).
        let given = options.communityID, names = existing.communityNames
        func advisedCheck(_ batch: EventBatch) -> [ValidationIssue] {
            // A --community with Excel's text marker that names no registered community: refused as a cell is, the
            // mark's advice alone (the registered ids beside it would read as another cause).
            return check(batch).map { issue in
                if let marked = CommunityOption.markedOption(issue, option: "community", given: given, held: { names }) { return marked }
                guard !names.isEmpty else { return issue }
                return CommunityOption.advisedCell(CommunityOption.advised(issue, given: given, names: names), given: given, names: names)
            }
        }
        var result: AssetImportResult
        if let first {
            result = first
        } else {
            result = try run(source: try makeSource(), existing: existing, options: options, encoding: encoding,
                             delimiter: delimiter, progress: progress)
        }
        // A refused row can make another refusable (two passes cover every case but chains of references, which
        // a register does not have: its assets name only communities); a few more for safety.
        for _ in 0..<4 {
            // Rows refused for their cells must not hide what the ledger check would refuse of the others (every
            // problem in one run): the good rows' events are made as --allow-partial would make them, and checked.
            var checked = result
            let counts = result.plan.report.counts
            if result.plan.report.outcome == .rejected, !options.allowPartial, counts.rejected < counts.read {
                var probe = options
                probe.allowPartial = true
                checked = try run(source: try makeSource(), existing: existing, options: probe, encoding: encoding,
                                  delimiter: delimiter, progress: progress)
            }
            guard checked.plan.report.outcome == .ready else { break }
            let events = checked.plan.events
            let issues = advisedCheck(events.batch)
            if issues.isEmpty { break }
            var fileIssues: [ValidationIssue] = []
            // The batch's register.imported, dated by its earliest row and naming the --community, "exists only
            // from" the community's registration when a row is dated before it: that row is told so itself, so the
            // header's issue is the rows', not the file's (review 38e M1; else --allow-partial could not pass the
            // good rows). Kept for the file only when no row was told.
            var headerIssues: [ValidationIssue] = []
            var added = false
            for issue in issues {
                // The --community's own mark (`CommunityOption.markedNotHeld`): the file's problem, told once, never
                // a row's cell to correct (review carried51 #2).
                if case .entity(_, let id)? = issue.missing, id == given, CommunityOption.markedNotHeld(given, names: names) {
                    if !fileIssues.contains(where: { $0.reason == issue.reason }) { fileIssues.append(issue) }
                    continue
                }
                guard let index = issue.batchIndex, let row = events.rowNumber(at: index) else {
                    if issue.batchIndex == 0, ImportWords.registeredFrom(issue) != nil { headerIssues.append(issue) } else { fileIssues.append(issue) }
                    continue
                }
                let key = issue.field.map { $0.hasPrefix("data.") ? String($0.dropFirst(5)) : $0 }
                let field: RegisterField? = switch key {
                case "community_id": .community
                case "asset_id": .id
                case "registered_on": .registeredOn
                case "area_m2", "changes.area_m2": .area
                case "kind", "changes.kind": .kind
                case "name", "changes.name": .name
                case "location", "changes.location": .location
                default: nil
                }
                var column = field.flatMap { columnOf($0, checked.plan.report) }
                var value = Self.ledgerValue(issue, field: field, events: events, index: index)
                // The ledger's reason quotes the value already (`community "C-9" is not registered`).
                if let shown = value, issue.reason.contains("\"\(shown)\"") { value = nil }
                var allowed = ImportWords.Asset.ledgerAllowed
                // Dated before its community was registered: the date is the cell to fix, as a rule (issue 15).
                if let from = ImportWords.registeredFrom(issue), let dateColumn = columnOf(.registeredOn, checked.plan.report) {
                    let columns = checked.plan.report.columns
                    allowed = ImportWords.beforeRegistrationAllowed(from, other: column.map { ImportWords.column($0, heading: columns[$0].heading) },
                                                                    asset: true)
                    column = dateColumn
                    value = nil
                } else if let from = ImportWords.registeredFrom(issue), let given = options.registeredOn {
                    // No date column: the date is --registered-on's, the option to fix.
                    allowed = Wording(en: "--registered-on \(given) is before \(from): give the date the parts were registered, on or after \(from).",
                                      zh: "--registered-on \(given) 早于 \(from)：请给出共有部分的登记日期，不能早于 \(from)。")
                }
                options.ledgerProblems[row, default: []].append(RowProblem(
                    file: options.fileName, row: row, column: column,
                    heading: column.map { checked.plan.report.columns[$0].heading }, value: value,
                    reason: issue.wording, allowed: allowed))
                added = true
            }
            if !added { fileIssues += headerIssues }
            if !fileIssues.isEmpty || !added { return (probed(result, check: advisedCheck, options: options), fileIssues) }
            result = try run(source: try makeSource(), existing: existing, options: options, encoding: encoding,
                             delimiter: delimiter, progress: progress)
        }
        return (probed(result, check: advisedCheck, options: options), [])
    }

    /// The result with what the ledger says of its bad rows' good cells (`RegisterImporter.Probe`): each is
    /// checked as a stand-in `asset.registered` (never appended) for its community, and for its date when that was
    /// read, so a row with a bad area in an unregistered community is told both in one run.
    static func probed(_ result: AssetImportResult, check: (EventBatch) -> [ValidationIssue], options: ImportOptions) -> AssetImportResult {
        guard !result.probes.isEmpty else { return result }
        var result = result
        let probes = result.probes
        let events = probes.map { probe in
            Event(id: "standin-r\(probe.row)", occurredOn: probe.registeredOn ?? options.importedOn, actor: nil, payload: .domain(
                .assetRegistered(AssetRegistered(assetID: "standin-r\(probe.row)", communityID: probe.communityID, kind: .other,
                                                 name: "-", location: "-", area: DecimalQuantity(units: 100),
                                                 registeredOn: probe.registeredOn ?? options.importedOn, source: .manual,
                                                 attributes: [:]))))
        }
        var found: [Int: [RowProblem]] = [:]
        for issue in check(EventBatch(events)) {
            guard let index = issue.batchIndex, index < probes.count, let field = issue.field else { continue }
            // The --community's own mark is the file's problem, told once (`CommunityOption.markedNotHeld`).
            if case .entity(_, let id)? = issue.missing, Cell.textMarker(id) != nil, issue.reason.hasPrefix("--community") { continue }
            let probe = probes[index]
            var column: Int?
            switch field {
            // Without a date read from the row, only "not registered at all" holds: "exists only from …" would
            // judge the stand-in's date (the import's), not the row's.
            case "data.community_id" where probe.registeredOn != nil || issue.missing != nil: column = probe.communityColumn
            // Without a date read from the row, a date problem is the stand-in's.
            case "data.registered_on" where probe.registeredOn != nil, "occurred_on" where probe.registeredOn != nil: column = probe.dateColumn ?? probe.communityColumn
            default: continue
            }
            let columns = result.plan.report.columns
            func heading(_ column: Int?) -> String? { column.flatMap { $0 < columns.count ? columns[$0].heading : nil } }
            var allowed = ImportWords.Asset.ledgerAllowed
            // Dated before its community was registered: the date is the cell to fix, as a rule (issue 15).
            if let from = ImportWords.registeredFrom(issue), let dateColumn = probe.dateColumn {
                allowed = ImportWords.beforeRegistrationAllowed(from, other: column.map { ImportWords.column($0, heading: heading($0)) }, asset: true)
                column = dateColumn
            }
            found[probe.row, default: []].append(RowProblem(file: options.fileName, row: probe.row, column: column, heading: heading(column),
                                                            value: nil, reason: issue.wording, allowed: allowed))
        }
        guard !found.isEmpty else { return result }
        for index in result.rejectedRows.indices {
            if let more = found[result.rejectedRows[index].rowNumber] { result.rejectedRows[index].problems += more }
        }
        // In row order with the cells' problems of each row.
        var merged: [RowProblem] = []
        var rest = result.plan.report.problems[...]
        for row in found.keys.sorted() {
            while let next = rest.first, next.row <= row { merged.append(next); rest = rest.dropFirst() }
            merged += found[row]!
        }
        result.plan.report.problems = merged + rest
        return result
    }

    private static func columnOf(_ field: RegisterField, _ report: ImportReport) -> Int? {
        report.columns.firstIndex { $0.role == .field(field) }
    }

    private static func ledgerValue(_ issue: ValidationIssue, field: RegisterField?, events: ImportEvents, index: Int) -> String? {
        guard let field else { return nil }
        switch events[index].payload.domain {
        case .assetRegistered(let p)?:
            switch field {
            case .community: return p.communityID
            case .id: return p.assetID
            case .registeredOn: return p.registeredOn.description
            default: return nil
            }
        case .assetUpdated(let p)?: return field == .id ? p.assetID : nil
        default: return nil
        }
    }

    /// The bytes of a rejects file: the header and every rejected row as in the source (same encoding, BOM,
    /// separator and line ends), with a last column `导入错误` (or `import_error` for an English header) saying
    /// what is wrong. The importer ignores that column, so the fixed file can be imported as it is.
    public static func rejectsFile(_ result: AssetImportResult) -> [UInt8] {
        RejectsSource(preamble: result.preamble, encoding: result.encoding, rawHeader: result.rawHeader,
                      rows: result.rejectedRows).fileBytes()
    }
}

extension RejectsSource {
    /// The bytes of a rejects file: the header and every rejected row as in the source (same encoding, BOM,
    /// separator and line ends), with a last column `导入错误` (or `import_error` for an English header) saying
    /// what is wrong. The importers read that column: a row whose error cell is not cleared is refused again, so
    /// an unfixed row never goes in by accident.
    public func fileBytes() -> [UInt8] {
        let delimiter = preamble.delimiter.byte
        let lineEnd: [UInt8] = preamble.usesCRLF ? [13, 10] : [10]
        let chineseHeader = rawHeader.contains { $0.contains { $0 >= 0x80 } }
        func encoded(_ text: String) -> [UInt8] {
            if encoding == .gb18030, let bytes = TextEncoder.gb18030(text) { return bytes }
            return Array(text.utf8)
        }
        var out: [UInt8] = preamble.hasUTF8BOM ? [0xEF, 0xBB, 0xBF] : []
        var header = rawHeader
        while let last = header.last, last.isEmpty { header.removeLast() }
        // A rejects file imported with --allow-partial: its error column is replaced, not repeated.
        let errorHeadings = ["导入错误", "import_error"].map { encoded($0) } + ["导入错误", "import_error"].map { Array($0.utf8) }
        var errorColumn: Int? = nil
        if let last = header.last, errorHeadings.contains(last) { errorColumn = header.count - 1; header.removeLast() }
        // Every cell a row had is kept where it was, a stray one past the last heading too (its problem names its
        // column): the header gets blank headings up to the widest row, so the error column is the last for all.
        let headed = header.count
        func kept(_ row: RejectedRow) -> [[UInt8]] {
            var cells = row.rawCells
            if let errorColumn, errorColumn < cells.count { cells.remove(at: errorColumn) }
            while cells.count > headed, cells.last?.isEmpty == true { cells.removeLast() }
            return cells
        }
        let width = rows.reduce(header.count) { max($0, kept($1).count) }
        while header.count < width { header.append([]) }
        header.append(encoded(chineseHeader ? "导入错误" : "import_error"))
        CSVWriter.appendRecord(header, delimiter: delimiter, lineEnd: lineEnd, to: &out)
        for row in rows {
            var cells = kept(row)
            // Pad short rows so the error lands in the error column.
            while cells.count < width { cells.append([]) }
            // In the language of the column's heading: a clerk whose file has Chinese headings reads Chinese.
            let message = chineseHeader
                ? "第 \(row.rowNumber) 行：" + row.problems.map(\.cellWording.zh).joined(separator: " | ")
                : "row \(row.rowNumber): " + row.problems.map(\.cellMessage).joined(separator: " | ")
            cells.append(encoded(message))
            CSVWriter.appendRecord(cells, delimiter: delimiter, lineEnd: lineEnd, to: &out)
        }
        return out
    }
}
