import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The pure core of an import: fed the header and then each row, it validates every cell, detects duplicates,
/// compares against the existing assets and, at the end, produces the events of one batch and the report.
///
/// It keeps only what the register's distinct assets need (an id → first-row map and the planned events, packed),
/// never the rows themselves.
public struct RegisterImporter {
    public let options: ImportOptions
    public let headings: [String]
    public let roles: [ColumnRole]
    private let fieldColumn: FieldColumns
    /// Kinds whose parts may have no area of their own (an advertising space counted by the panel, equipment):
    /// an area of 0 is refused for every other kind.
    static let kindsWithoutArea: Set<AssetKind> = [.advertising, .other]
    /// Columns giving the area's unit (`面积单位`: `UnitColumns`); empty in most registers, when a row checks nothing.
    private var unitColumns = UnitColumns()
    /// The error column of a rejects file (`导入错误`, `import_error`): a row whose cell there is set was not fixed.
    private var errorColumn: Int?
    /// The 序号 columns (ignored): a row numbered and otherwise empty is blank (`Cell.numberedOnly`).
    private var numberingColumns: [Int] = []
    /// The header's row (below any title rows), for the advice on a cell under a blank heading.
    var headerRow = 1
    /// Community cells already read → the id they name.
    private var communityByText: [String: String] = [:]
    private var lastCommunity: (text: String, id: String)?
    private let existing: RecordedRegister
    /// The first row of each asset id, for "appears again". Not used when the ledger holds no assets
    /// (`newIDsOnly`): every id a row keeps is then a new one, and `firstRowByFolded` has its first row already.
    private var firstRowByID: [String: Int] = [:]
    /// Whether the ledger holds no assets: every id a row keeps passed the door and `caseTwin`, whose table of
    /// folded ids gives its first row, so `firstRowByID` (a second hash-table insert for every row) is not kept.
    private let newIDsOnly: Bool
    /// The last community cell put in `namedCommunityCells`: registers list a community's rows together, and the
    /// set need not hash a cell equal to it again.
    private var lastNamedCommunity: String?
    /// Kind cells already read, as written.
    private var kindByCell: [(text: String, kind: AssetKind)] = []
    private var planned = PlannedRows()
    /// The earliest registration date of a new asset.
    private var earliestRegistration: CalendarDate?
    private var problems: [RowProblem] = []
    /// Bad rows whose community (and date) can still be checked against the ledger.
    public private(set) var probes: [Probe] = []
    /// Bad rows checked against the ledger at most (the problems shown are limited anyway).
    static let probesMax = 10_000

    /// What a bad row says that the ledger can check: its community, and its registration date when that was read.
    public struct Probe: Sendable {
        public var row: Int
        public var communityID: String
        public var communityColumn: Int?
        public var registeredOn: CalendarDate?
        public var dateColumn: Int?
    }
    private var counts = ImportCounts()
    /// New parts by their content (`RegisterTwins`).
    private(set) var partTwins = RegisterTwins()
    /// The registered assets' ids with letters by their ASCII upper-case form (`caseTwin`), made at the first new id.
    private var foldedExisting: [String: String]?
    /// The new ids of the rows so far by their ASCII upper-case form, with the first row of each (`caseTwin`).
    private var firstRowByFolded: [String: (id: String, row: Int)] = [:]
    /// Set by `releaseRowTables`: a row added after it would miss its duplicates.
    private var rowTablesReleased = false
    /// The first updates, old → new, for the report (a dry run shows what an import would change).
    private var updates: [ImportReport.Update] = []
    /// Rows of known assets whose registration date differs from the ledger's (`ImportReport.dateNotes`).
    private var dateNotes: [Wording] = []
    /// Every community cell (trimmed, as written) and every well-formed asset id the rows name, whatever their
    /// other problems: what of the ledger the rows are compared with (`RecordedRegister`), so that a command can
    /// read just that.
    public private(set) var namedCommunityCells = Set<String>()
    /// An id of digits is kept once, by its digits, for all its spellings (`NamedAssetIDs`).
    public private(set) var namedAssetIDs = NamedAssetIDs()

    /// The header's problems that leave the rows readable, which refuse the file once its rows are read too: those
    /// of the header itself, then the headings holding a kept name in column order.
    public var headerProblems: [Wording] {
        headingProblems + invisibleHeadings.keys.sorted().compactMap { invisibleHeadings[$0] }
            + keptNameHeadings.keys.sorted().compactMap { keptNameHeadings[$0] }
    }
    /// The extra columns whose heading holds an invisible character (`Cell.invisibleInText`), found by a row that
    /// writes the attribute anew: told once among the header's problems, as the cell rule tells a cell (review
    /// carried51 #6). A part that holds the key already (imported before the rule) imports again, as a name the
    /// ledger holds does.
    private var invisibleHeadings: [Int: Wording] = [:]
    private var headingProblems: [Wording] = []
    /// The extra columns whose heading was found holding a kept name (`privateNamesInTexts`), by column: told once
    /// among the header's problems, not on every row that fills the column (review privfix49 #3), in column order
    /// whichever row found them first (review carried51 #3: not the attributes' key order, H, I, G).
    private var keptNameHeadings: [Int: Wording] = [:]

    /// Binds the header's columns to fields.
    /// - Throws: `ImportError.header` with every header problem: a required column missing, two columns for one
    ///   field, two columns with one heading, unknown columns under `--strict`.
    public init(headings: [String], existing: RecordedRegister, options: ImportOptions) throws(ImportError) {
        self.options = options
        self.existing = existing
        self.newIDsOnly = existing.assets.isEmpty
        self.headings = headings.map(Cell.trimmed)
        var roles: [ColumnRole] = []
        var fieldColumn = FieldColumns()
        var attributeColumn: [String: Int] = [:]
        var headerProblems: [Wording] = []
        var unknown: [Int] = []
        var mappedColumns = Set<Int>()
        for (index, heading) in self.headings.enumerated() {
            let normalized = RegisterVocabulary.normalizedHeading(heading)
            if heading.isEmpty {
                roles.append(.unnamed)
                continue
            }
            let mapped: RegisterField?? = options.mapping?.columns[normalized]
            let field: RegisterField?
            if let mapped { field = mapped; mappedColumns.insert(index) } else { field = RegisterVocabulary.headingTable[normalized] }
            if let field, field != .ignore {
                if field == .area, let foreign = RegisterVocabulary.foreignUnit(in: heading, for: .squareMetres) {
                    headerProblems.append(ImportWords.headedInForeignUnit(index, heading, unit: foreign, column: .squareMetres))
                }
                if let other = fieldColumn[field] {
                    headerProblems.append(ImportWords.bothMean(other, self.headings[other], index, heading, field: field.rawValue,
                                                                         label: field.chineseLabel))
                }
                fieldColumn[field] = index
                roles.append(.field(field))
            } else if field == .ignore {
                if normalized == "导入错误" || normalized == "importerror" { errorColumn = index }
                if normalized == "序号" { numberingColumns.append(index) }
                roles.append(.ignored)
            } else {
                if mapped == nil && options.strict { unknown.append(index) }
                // A person's data kept as an attribute would be in the log in clear for ever (review 45a D3).
                if mapped == nil, ImportWords.namesPersonalData(heading) {
                    headerProblems.append(ImportWords.personalDataColumn(index, heading))
                }
                if let other = attributeColumn[heading] {
                    headerProblems.append(ImportWords.sameHeading(other, index, heading))
                }
                attributeColumn[heading] = index
                roles.append(.attribute(heading))
            }
        }
        // A column giving the area's unit (`面积单位`), decided here once: rows are checked only when there is one.
        var units = UnitColumns()
        if let area = fieldColumn[.area] {
            let names = RegisterVocabulary.headingAliases.first { $0.0 == .area }!.1.map(RegisterVocabulary.normalizedHeading)
            let figure = UnitColumns.Figure(column: area, unit: .squareMetres,
                                            names: Set(names + [RegisterVocabulary.normalizedHeading(self.headings[area])]))
            let candidates = roles.indices.filter { index in
                if case .attribute = roles[index] { return !mappedColumns.contains(index) }
                return false
            }
            units = UnitColumns(headings: self.headings, candidates: candidates, figures: [figure])
            headerProblems += units.problems
            // A unit column is read, so `--strict` does not refuse it as unknown.
            let read = units.columns
            unknown.removeAll { read.contains($0) }
        }
        if !unknown.isEmpty {
            let headings = self.headings
            headerProblems.append(ImportWords.unknownColumns(unknown.map { ImportWords.column($0, heading: headings[$0]) }))
        }
        var required: [RegisterField] = [.id, .kind, .name, .location, .area]
        if options.communityID == nil { required.insert(.community, at: 1) }
        if options.registeredOn == nil { required.append(.registeredOn) }
        var missing = false
        for field in required where fieldColumn[field] == nil {
            let aliases = RegisterVocabulary.headingAliases.first { $0.0 == field }!.1.prefix(3)
            let extra = field == .community ? [ImportWords.passCommunity] : field == .registeredOn ? [ImportWords.passRegisteredOn] : []
            headerProblems.append(ImportWords.noColumn(field.rawValue, label: nil, labelZh: field.chineseLabel, headings: Array(aliases), extra: extra))
            missing = true
        }
        // Without a required column no row reads as a part: refused at once. Any other header problem (a column
        // for a field twice, an unknown column under --strict, an area headed in 亩) refuses the file after its rows
        // are read, so that one run tells every problem of it (review 41a minor 3; `AssetImport.run`).
        if missing { throw .header(file: options.fileName, row: options.headerRow ?? 1, problems: headerProblems) }
        headingProblems = headerProblems
        self.roles = roles
        self.fieldColumn = fieldColumn
        self.unitColumns = units
    }

    /// Validates one row and plans its event.
    /// - Returns: the row's problems; empty when the row is good (new, updated, unchanged or blank).
    /// - Complexity: O(cells) plus one dictionary look-up per asset id.
    @discardableResult
    public mutating func add(_ row: RegisterRow) -> [RowProblem] {
        precondition(!rowTablesReleased, "no row is added after the tables of the rows' ids are released")
        var rowProblems = row.problems
        if !options.ledgerProblems.isEmpty, let found = options.ledgerProblems[row.rowNumber] { rowProblems += found }
        let rowNumber = row.rowNumber
        let file = options.fileName
        // Each cell trimmed once (nil where it could not be decoded).
        var trimmed = row.trimmedCells ?? row.cells.map { $0.map(Cell.trimmed) }
        // A blank spreadsheet row (every cell empty) is skipped and counted apart.
        var blank = rowProblems.isEmpty
        for cell in trimmed where cell == nil || !cell!.isEmpty { blank = false; break }
        if !blank, rowProblems.isEmpty, Cell.numberedOnly(trimmed, numbering: numberingColumns) { blank = true }
        if blank {
            counts.blank += 1
            return []
        }
        counts.read += 1

        func problem(_ column: Int?, _ value: String?, _ reason: Wording, _ allowed: Wording) {
            rowProblems.append(RowProblem(file: file, row: rowNumber, column: column,
                                          heading: column.flatMap { $0 < headings.count ? headings[$0] : nil },
                                          value: value, reason: reason, allowed: allowed))
        }
        // A totals row or a note under the table: one problem, not an "is empty" for each other cell.
        if let found = Cell.nonDataRow(trimmed) {
            problem(found.column, found.text, found.refusal.why, found.refusal.advice)
            counts.rejected += 1
            problems.append(contentsOf: rowProblems)
            return rowProblems
        }
        // A rejects file imported as it is: the row still says what is wrong with it. (Imported, a row rejected as a
        // duplicate of another would silently update that asset.)
        if let errorColumn, errorColumn < trimmed.count, let text = trimmed[errorColumn], !text.isEmpty {
            problem(errorColumn, nil, ImportWords.stillRejected, ImportWords.stillRejectedAllowed)
        }
        // Cells past the last heading: empty ones are Excel's trailing separators; others are refused.
        if row.cells.count > headings.count {
            for index in headings.count..<row.cells.count {
                guard let cell = row.cells[index], trimmed[index]?.isEmpty == false else { continue }
                problem(index, cell, ImportWords.noHeading(columns: headings.count), ImportWords.noHeadingAllowed)
            }
        }
        // What a spreadsheet leaves in a cell that is not data (an error value, a formula saved as text, an invisible
        // character: `Cell.textRefusal`): told once, at its cell, which is then read no further (no second message
        // such as "is not an area"). The id is held to these rules below, beside the door's.
        // The name the ledger holds for the row's asset, if any: it imports again as it is, whatever these rules say
        // of it now (`-B1-023` looks like a formula to them, and `ledger append` took it).
        let heldName: String? = existing.assets.isEmpty ? nil
            : fieldColumn[.id].flatMap { $0 < trimmed.count ? trimmed[$0] : nil }.flatMap { existing.assets[$0]?.name }
        for (index, role) in roles.enumerated() where index < trimmed.count {
            guard let text = trimmed[index], !text.isEmpty, let (textRole, isName) = Self.textRole(role) else { continue }
            if isName, heldName.map({ Self.sameBytes($0, text) }) == true { continue }
            let refusal: ImportError.CellRefusal?
            if let answers = row.answers {
                refusal = answers.refusals[index]
            } else {
                // A name's tabs and line breaks are `splitInName`'s (below): it lets a name the ledger holds import again.
                refusal = Cell.textRefusal(text, role: textRole, namesSplitByCaller: isName, controlsPossible: row.controlsPossible)
            }
            if let refusal {
                problem(index, text, refusal.why, refusal.advice)
                trimmed[index] = nil
            }
        }
        // A unit cell beside the area (`面积单位`: 亩) that is not m²: the area would be recorded in the wrong unit.
        if !unitColumns.isEmpty {
            var units = unitColumns
            units.check(trimmed, headings: headings) { problem($0, $1, $2, $3) }
            unitColumns = units
        }
        /// The trimmed text of a field's cell: nil when the column is absent or undecodable, "" when empty.
        func value(_ field: RegisterField) -> (column: Int, text: String)? {
            guard let column = fieldColumn[field] else { return nil }
            guard column < trimmed.count else { return (column, "") }
            guard let text = trimmed[column] else { return nil }
            return (column, text)
        }
        func required(_ field: RegisterField, _ what: Wording, _ allowed: Wording) -> (column: Int, text: String)? {
            guard let cell = value(field) else { return nil }
            if cell.text.isEmpty {
                problem(cell.column, nil, ImportWords.emptyForAsset(what), allowed)
                return nil
            }
            return cell
        }

        // The log limits a string to stringBytesMax bytes as written (escapes included), and verify refuses a
        // longer one; a GB18030 cell grows by half in UTF-8, and quotes double when escaped.
        for (index, cell) in row.cells.enumerated() {
            guard let cell, cell.utf8.count > Limits.stringBytesMax / 6 else { continue }
            let written = CanonicalJSON.encode(.string(trimmed[index]!)).count - 2
            if written > Limits.stringBytesMax {
                problem(index, nil, ImportWords.tooLong(written), ImportWords.tooLongAllowed)
            }
        }
        var assetID: String? = nil
        // The first row of this id when an earlier row kept it (`caseTwin`'s table; used when `newIDsOnly`).
        var earlierRow: Int? = nil
        if let cell = required(.id, ImportWords.Asset.id, ImportWords.Asset.idAllowed) {
            // The writer's door: an id in Unicode NFC, without an invisible character (EventInput+NFC.swift) — for
            // an id the ledger does not hold already, byte for byte: one registered before those rules names that
            // asset, so a register imported then imports again. Named either way, for the stored state's look-up.
            // The record format's rule of ids, asked once: the door's rules below begin with it (`doorIDFault`).
            let idFault = EventInput.idFault(cell.text)
            // The id's ASCII upper-case spelling, made once: it is also the case-twin key of an id not of digits.
            var upper: String? = nil
            if idFault == nil {
                // An id of digits stands for itself with and without leading zeros, for its twin the ledger may hold
                // (`caseTwin`): kept once, by its digits, the spellings made by the look-up (`NamedAssetIDs`).
                namedAssetIDs.insert(cell.text)
                // The id in other ASCII case too, so that a look-up by the named ids finds a registered `A-1` for a
                // row's `a-1` (`caseTwin`).
                // (Two inserts, not a loop over an array of the two: no array made for every row.)
                let caseUpper = Self.asciiUpper(cell.text), lower = Self.asciiLower(cell.text)
                upper = caseUpper
                if caseUpper != cell.text { namedAssetIDs.insert(caseUpper) }
                if lower != cell.text { namedAssetIDs.insert(lower) }
            }
            let held = existing.holdsAsset(exactly: cell.text)
            if !held, let marked = Cell.textMarkerRefusal(cell.text, id: true) {
                // Before the door's rules: its full-width advice for `＇00123` would keep the mark (`'00123`).
                problem(cell.column, cell.text, marked.why, marked.advice)
            } else if !held, let fault = Self.doorIDFault(cell.text, idFault: idFault) {
                problem(cell.column, cell.text, ImportWords.notAnID("an asset id", zh: "共有部分编号", fault.wording), ImportWords.Asset.idShapeAllowed)
            } else if !held, let refusal = Cell.textRefusal(cell.text, role: .id, controlsPossible: row.controlsPossible) {
                problem(cell.column, cell.text, refusal.why, refusal.advice)
            } else if !held, let twin = caseTwin(cell.text, upper: upper, row: rowNumber, earlierRow: &earlierRow) {
                let zeros = LeadingZeros.digits(cell.text) != nil
                problem(cell.column, cell.text, ImportWords.Asset.caseTwin(twin.id, row: twin.row,
                                                                           community: twin.row == nil ? existing.assets[twin.id]?.communityID : nil,
                                                                           zeros: zeros),
                        ImportWords.Asset.caseTwinAllowed(twin.id, zeros: zeros))
            } else if !held, cell.text.utf8.count <= 10, Self.looksLikeExcelDate(cell.text) {
                problem(cell.column, cell.text, ImportWords.Asset.idLooksLikeDate, ImportWords.Asset.idLooksLikeDateAllowed)
            } else {
                assetID = cell.text
            }
        }
        var communityID = options.communityID
        if var cell = value(.community), !cell.text.isEmpty {
            if lastNamedCommunity.map({ !Self.sameBytes($0, cell.text) }) ?? true {
                namedCommunityCells.insert(cell.text)
                lastNamedCommunity = cell.text
            }
            cell.text = communityByCell(cell.text)
            // Excel's text marker saved into the cell (`'C-HY`), unless a community is registered under that very id
            // (by a version before the rule): it still names that community (README "Import", spec section 8).
            let marked = Cell.textMarker(cell.text) == nil || existing.communityNames[cell.text] != nil
                ? nil : Cell.textMarkerRefusal(cell.text, id: true)
            // A --community that is the registered name of the cell's community is that community: not a second one
            // (the option's own problem, a name for an id, is told once for the file: `CommunityOption`).
            if let marked {
                problem(cell.column, cell.text, marked.why, marked.advice)
            } else if let given = options.communityID, given != cell.text, communityByCell(given) != cell.text,
               !CommunityOption.sameAsOption(cell: cell.text, given: given, names: existing.communityNames),
               !CommunityOption.markedNotHeld(given, names: existing.communityNames) {
                problem(cell.column, cell.text, ImportWords.differsFromCommunity(given), ImportWords.differsFromCommunityAllowed(given))
            } else if let fault = EventInput.idFault(cell.text) {
                // A reference: it must equal, byte for byte, a registered community's id (the door's NFC rule is
                // for ids a row introduces); a registered name stands for the id the log holds.
                problem(cell.column, cell.text, ImportWords.notAnID("a community id", zh: "小区编号", fault.wording), ImportWords.Asset.communityAllowed)
            } else {
                communityID = cell.text
            }
        } else if communityID == nil, let cell = value(.community) {
            problem(cell.column, nil, ImportWords.emptyForAsset(ImportWords.Asset.community), ImportWords.Asset.communityMissingAllowed)
        }
        var kind: AssetKind? = nil
        if let cell = required(.kind, ImportWords.Asset.kind, Self.kindAllowed) {
            // A register spells its kinds a few ways: each spelling is normalised once (compared by its bytes:
            // hashing Chinese text normalises it first, which costs more than the lookup saves).
            if let known = kindByCell.first(where: { Self.sameBytes($0.text, cell.text) }) {
                kind = known.kind
            } else {
                do throws(ImportError) {
                    let code = try Cell.kind(cell.text, mapping: options.mapping)
                    kind = code
                    if kindByCell.count < 16 { kindByCell.append((cell.text, code)) }
                } catch {
                    problem(cell.column, cell.text, error.cellRefusal.why, error.cellRefusal.advice)
                }
            }
        }
        let name = required(.name, ImportWords.Asset.name, ImportWords.Asset.nameAllowed)?.text
        let location = required(.location, ImportWords.Asset.location, ImportWords.Asset.locationAllowed)?.text
        // A name the writer's door refuses (`Cell.nameRefusal`: `EventInput.nameFault`, with `splitInName`'s own
        // words for a tab, a line break or a space-like character inside): refused where the row gives the asset a
        // name the ledger does not hold (a new asset's, or a changed one), never where the ledger holds that very
        // name for the asset already — a register imported before the rule, or written by hand, imports again.
        let nameRefusal: ImportError.CellRefusal? = name.flatMap { name in row.answers == nil ? Cell.nameRefusal(name) : row.answers!.nameRefusal }
        if let name, let column = fieldColumn[.name], let refusal = nameRefusal,
           assetID.flatMap({ existing.assets.isEmpty ? nil : existing.assets[$0] })?.name != name {
            problem(column, name, refusal.why, refusal.advice)
        }
        var area: DecimalQuantity? = nil
        if let cell = required(.area, ImportWords.Asset.area, Cell.areaAllowed) {
            do throws(ImportError) { area = try Cell.area(cell.text) } catch {
                problem(cell.column, cell.text, error.cellRefusal.why, error.cellRefusal.advice)
            }
            // A zero area adds nothing to a total, but for a part that has one it is a cell left out or mistyped
            // (review 36a); an advertising space or equipment (其他) may have none. A part the ledger holds with area
            // 0 already (registered before the rule) imports again unchanged, as a recorded name does.
            if let value = area, value.units == 0, let kind, !Self.kindsWithoutArea.contains(kind),
               assetID.flatMap({ existing.assets.isEmpty ? nil : existing.assets[$0] })?.area.units != 0 {
                problem(cell.column, cell.text, ImportWords.zeroArea(kind: kind), ImportWords.zeroAreaAllowed)
                area = nil
            }
        }
        var registeredOn = options.registeredOn
        if fieldColumn[.registeredOn] != nil {
            registeredOn = nil
            if let cell = value(.registeredOn), cell.text.isEmpty, let fallback = options.registeredOn {
                registeredOn = fallback
            } else if let cell = required(.registeredOn, ImportWords.Asset.registeredOn, Cell.dateAllowed) {
                do throws(ImportError) {
                    let date = try Cell.date(cell.text, excelSerials: options.excelDates)
                    if options.latestFactDate.refuses(date) {
                        // As `ledger append` does: a fact dated after today (in Beijing) has not happened; it is
                        // almost always a typing error in the year.
                        problem(cell.column, cell.text, ImportWords.afterToday(options.latestFactDate, cell: cell.text, read: date),
                                ImportWords.futureRegistrationAllowed)
                    } else {
                        registeredOn = date
                    }
                } catch {
                    problem(cell.column, cell.text, error.cellRefusal.why, error.cellRefusal.advice)
                }
            }
        }
        var attributes: [String: String] = [:]
        for (index, role) in roles.enumerated() where index < trimmed.count {
            guard let text = trimmed[index] else { continue }
            guard !text.isEmpty else { continue }
            switch role {
            case .attribute(let key):
                if invisibleHeadings[index] == nil, let scalar = Cell.invisibleInText(key),
                   assetID.flatMap({ existing.assets[$0]?.attributes[key] }) == nil {
                    invisibleHeadings[index] = ImportWords.invisibleInHeading(index, key, scalar)
                }
                // A name kept private, in clear in an extra column (review 47c): a part's record keeps it for ever.
                // One the ledger already holds there for this part imports again unchanged.
                // Inside a longer text of the column (`张伟（物业）`), as inside every text: `privateNamesInTexts` below.
                if let names = options.privateNames, names.holds(text), assetID.flatMap({ existing.assets[$0]?.attributes[key] }) != text {
                    problem(index, text, ImportWords.privateNameInClear, ImportWords.privateNameInRegisterAllowed)
                } else {
                    attributes[key] = text
                }
            case .field(.note):
                // A note is a free text: a kept name inside it is refused as at every door (`privateNamesInTexts`).
                attributes["note"] = text
            case .field(.warrantyEnd):
                // Kept in ISO form, which FUND-05 reads; a warranty may well end after today.
                do throws(ImportError) { attributes[WarrantyEnd.attribute] = try Cell.date(text, excelSerials: options.excelDates).description } catch {
                    problem(index, text, error.cellRefusal.why, error.cellRefusal.advice)
                }
            case .unnamed:
                problem(index, text, ImportWords.noHeading(columns: nil), ImportWords.noHeadingInHeaderAllowed(headerRow: headerRow))
            default: break
            }
        }
        // A kept name inside any text the row writes into the log — its new id, name, location, note, extra
        // columns — refused as `ledger append` refuses it in the same record's members (review 48 #5: one rule,
        // `PrivateNames.searchedTexts`); what the ledger holds for the part already imports again.
        if let names = options.privateNames, !names.isEmpty {
            var keptInHeadings: [(column: Int, name: String)] = []
            privateNamesInTexts(names, assetID: assetID, name: name, location: location, attributes: &attributes,
                                old: assetID.flatMap { existing.assets.isEmpty ? nil : existing.assets[$0] }, problem: problem,
                                heading: { keptInHeadings.append(($0, $1)) })
            // The heading is the file's problem, not the row's: said once, among the header's (which refuse the file
            // after its rows are read), naming the column.
            for found in keptInHeadings where keptNameHeadings[found.column] == nil {
                keptNameHeadings[found.column] = ImportWords.privateNameInHeading(found.column, headings[found.column], name: found.name)
            }
        }
        if let id = assetID {
            if newIDsOnly {
                if let first = earlierRow {
                    problem(fieldColumn[.id], id, ImportWords.appearsAgain(firstRow: first), ImportWords.Asset.duplicateAllowed)
                }
            } else if let first = firstRowByID[id] {
                problem(fieldColumn[.id], id, ImportWords.appearsAgain(firstRow: first), ImportWords.Asset.duplicateAllowed)
            } else {
                firstRowByID[id] = rowNumber
            }
            if !existing.assets.isEmpty, let old = existing.assets[id] {
                if old.retired {
                    problem(fieldColumn[.id], id, ImportWords.Asset.retired, ImportWords.Asset.retiredAllowed)
                } else if let communityID, old.communityID != communityID {
                    problem(fieldColumn[.community] ?? fieldColumn[.id], communityID,
                            ImportWords.Asset.otherCommunity(old.communityID, asset: id), ImportWords.Asset.otherCommunityAllowed)
                }
            }
        }
        // A new part repeating another's content under another id (`RegisterTwins`).
        if !options.allowTwins, rowProblems.isEmpty, let assetID, let communityID, let kind, let name, let location, let area,
           existing.assets.isEmpty || existing.assets[assetID] == nil,
           let twin = partTwins.twin(.init(community: communityID, kind: kind, name: name, location: location, area: area,
                                           attributes: attributes), id: assetID,
                                 row: rowNumber, existing: existing) {
            problem(fieldColumn[.id], assetID, twin.reason, twin.allowed)
        }
        guard rowProblems.isEmpty, let assetID, let communityID, let kind, let name, let location, let area, let registeredOn
        else {
            precondition(!rowProblems.isEmpty, "a row without a value has a problem saying why")
            // A bad row is still checked against the ledger for what its good cells say (its community, and the
            // date against the community's registration): `AssetImport.runChecked`.
            if let communityID, options.ledgerProblems[rowNumber] == nil, probes.count < Self.probesMax {
                probes.append(Probe(row: rowNumber, communityID: communityID, communityColumn: fieldColumn[.community],
                                    registeredOn: registeredOn, dateColumn: fieldColumn[.registeredOn]))
            }
            counts.rejected += 1
            problems.append(contentsOf: rowProblems)
            return rowProblems
        }
        // A row whose record would be longer than the log allows (many long cells together): the row's problem, said
        // in the plan (a dry run says it; the append would refuse the whole batch naming no row). Counted only for a
        // row whose cells could make one (a record's strings are at most six bytes a byte as written).
        var textBytes = 0
        for cell in trimmed { textBytes += cell?.utf8.count ?? 0 }
        for heading in headings { textBytes += heading.utf8.count }
        textBytes += options.actor?.utf8.count ?? RecordSize.actorBytesAssumed
        if textBytes * 6 + 4096 > Limits.recordBytesMax {
            let event = Self.event(existing: existing.assets.isEmpty ? nil : existing.assets[assetID], row: rowNumber, id: assetID,
                                   communityID: communityID, kind: kind, name: name, location: location, area: area,
                                   registeredOn: registeredOn, attributes: attributes, importedOn: options.importedOn)
            let bytes = event.map {
                RecordSize.lineBytesMax(id: Self.importIDLongest + "-r\(rowNumber)", type: $0.payload.type,
                                        dataBytes: $0.payload.dataBytes.count, actor: options.actor)
            } ?? 0
            if bytes > Limits.recordBytesMax {
                problem(nil, nil, ImportWords.recordTooLong(bytes), ImportWords.recordTooLongAllowed)
                counts.rejected += 1
                problems.append(contentsOf: rowProblems)
                return rowProblems
            }
        }
        plan(row: rowNumber, id: assetID, communityID: communityID, kind: kind, name: name, location: location,
             area: area, registeredOn: registeredOn, attributes: attributes)
        return []
    }

    /// Refuses, at its column, each text of the row holding a kept name that its record would write: the members of
    /// `asset.registered` (a new part) or `asset.updated` (what changes of a known one) that `PrivateNames
    /// .searchedTexts` searches — the one rule of `ledger append` and every import (review 48 #5). A value the ledger
    /// holds for the part already is not written again, so not refused; a refused attribute is left out of `attributes`.
    /// An extra column's heading holding one (the attribute's key) is given to `heading` (its column and the name),
    /// not to `problem`: it is the file's problem, told once (review privfix49 #3).
    func privateNamesInTexts(_ names: PrivateNames, assetID: String?, name: String?, location: String?,
                             attributes: inout [String: String], old: RecordedAsset?,
                             problem: (Int?, String?, Wording, Wording) -> Void, heading: (Int, String) -> Void) {
        var data: [String: JSONValue] = [:]
        var columns: [String: Int] = [:]
        func put(_ member: String, _ text: String?, _ column: Int?, recorded: String?) {
            guard let text, !text.isEmpty, text != recorded else { return }
            data[member] = .string(text)
            columns[member] = column
        }
        if old == nil { put("asset_id", assetID, fieldColumn[.id], recorded: nil) }
        put("name", name, fieldColumn[.name], recorded: old?.name)
        put("location", location, fieldColumn[.location], recorded: old?.location)
        var attributeMembers: [String: JSONValue] = [:]
        for (index, role) in roles.enumerated() {
            let key: String
            switch role {
            case .attribute(let k): key = k
            case .field(.note): key = "note"
            default: continue
            }
            guard let text = attributes[key], text != old?.attributes[key] else { continue }
            attributeMembers[key] = .string(text)
            columns["attributes." + key] = index
        }
        if !attributeMembers.isEmpty { data["attributes"] = .object(attributeMembers) }
        let type: EventType = old == nil ? .assetRegistered : .assetUpdated
        for (field, text) in PrivateNames.searchedTexts(of: data, type: type, personal: []) {
            guard let found = names.name(inText: text) else { continue }
            if field == "attributes" {
                // An extra column's heading (the attribute's key, review privacy49 #3): the file's problem, at that column.
                if let column = columns["attributes." + text] { heading(column, found) }
                attributes[text] = nil
                continue
            }
            let member = field.hasPrefix("attributes.") ? String(field.dropFirst("attributes.".count)) : field
            let allowed = field.hasPrefix("attributes.") && member != "note" ? ImportWords.privateNameInRegisterAllowed
                : ImportWords.privateNameInTextAllowed(.importFile)
            problem(columns[field], text, ImportWords.privateNameInText(found, field: member), allowed)
            if field.hasPrefix("attributes.") { attributes[member] = nil }
        }
    }

    /// The longest import id the record check counts (`imp-` and 16 hex digits, `-` and an ordinal of up to six
    /// digits): the id is made at the end, from the imports the ledger holds.
    static let importIDLongest = "imp-" + String(repeating: "0", count: 16) + "-999999"

    /// The event a good row makes (as `PlannedRows.event` makes it), for the size of its record: `asset.registered`
    /// for a new asset, `asset.updated` with what differs for a known one, nil when nothing does.
    static func event(existing old: RecordedAsset?, row: Int, id: String, communityID: String, kind: AssetKind, name: String,
                      location: String, area: DecimalQuantity, registeredOn: CalendarDate, attributes: [String: String],
                      importedOn: CalendarDate) -> Event? {
        let source = AssetSource.importRow(importID: importIDLongest, row: Int64(row))
        guard let old else {
            return Event(id: nil, occurredOn: registeredOn, actor: nil, payload: .assetRegistered(AssetRegistered(
                assetID: id, communityID: communityID, kind: kind, name: name, location: location, area: area,
                registeredOn: registeredOn, source: source, attributes: attributes)))
        }
        let changes = Self.changes(old, kind: kind, name: name, location: location, area: area, attributes: attributes).changes
        guard changes != AssetChanges() else { return nil }
        return Event(id: nil, occurredOn: importedOn, actor: nil,
                     payload: .assetUpdated(AssetUpdated(assetID: id, changes: changes, source: source)))
    }

    /// What a row changes of a known asset: only what differs; attributes key by key, so an empty cell never erases one.
    static func changes(_ old: RecordedAsset, kind: AssetKind, name: String, location: String, area: DecimalQuantity,
                        attributes: [String: String]) -> (changes: AssetChanges, attributes: [String: String]) {
        var changes = AssetChanges()
        if old.kind != kind { changes.kind = kind }
        if old.name != name { changes.name = name }
        if old.location != location { changes.location = location }
        if old.area != area { changes.area = area }
        var changedAttributes: [String: String] = [:]
        for (key, value) in attributes where old.attributes[key] != value { changedAttributes[key] = value }
        if !changedAttributes.isEmpty { changes.attributes = changedAttributes }
        return (changes, changedAttributes)
    }

    /// `text` with its ASCII letters in upper case (other characters as they are).
    static func asciiUpper(_ text: String) -> String { Bytes.asciiCase(text, upper: true) }

    /// `text` with its ASCII letters in lower case (other characters as they are).
    static func asciiLower(_ text: String) -> String { Bytes.asciiCase(text, upper: false) }

    /// Whether `a` and `b` are the same bytes (a String's `==` is canonical equivalence, which the id rules are
    /// not): the lengths, then one `memcmp` (`Bytes.sameUTF8`; the generic `elementsEqual` of the two UTF-8 views
    /// cost some thousand instructions a call, and the kinds' cache compares a row's kind with several of one length).
    static func sameBytes(_ a: String, _ b: String) -> Bool { Bytes.sameUTF8(a, b) }

    /// The rows a register of `fileBytes` bytes may hold, for `reserve(rows:)`: a row of a register takes some 60 to
    /// 120 bytes (an id, a community, a kind, a name, a location, an area, a date); fewer are guessed than a file
    /// of short rows holds, so that the room reserved is never much beyond what the rows take anyway, and at most
    /// 4,000,000 (a file of other content reserves no more than that).
    static func expectedRows(fileBytes: Int64) -> Int { Int(min(max(fileBytes, 0) / 80, 4_000_000)) }

    /// Reserves room for `rows` rows in the tables every row adds to (ids, ids without case, the named ids).
    mutating func reserve(rows: Int) {
        guard rows > 1_024 else { return }
        if !newIDsOnly { firstRowByID.reserveCapacity(rows) }
        firstRowByFolded.reserveCapacity(rows)
        namedAssetIDs.reserveCapacity(rows: rows)
        if !options.allowTwins { partTwins.reserve(rows: rows) }
    }

    /// Drops the tables of the rows' ids (`firstRowByID`, `firstRowByFolded`) once the last row is added: a million
    /// rows' take some 130 MB, which `finish` need not hold beside the event ids it makes. No row may be added after.
    mutating func releaseRowTables() {
        firstRowByID = [:]
        firstRowByFolded = [:]
        rowTablesReleased = true
    }

    /// Which of `Cell.textRefusal`'s rules a cell of a column with `role` is held to (`.name` for the name's, whose
    /// tabs and line breaks `Cell.nameRefusal` tells apart); nil for a column they do not check (the id's, held to the
    /// door's rules apart; an ignored or unnamed one).
    static func textRole(_ role: ColumnRole) -> (role: Cell.TextRole, isName: Bool)? {
        switch role {
        case .field(.id), .field(.ignore), .ignored, .unnamed: return nil
        case .field(.name): return (.name, true)
        case .field(.location), .field(.note), .attribute: return (.text, false)
        // Its text marker (`'C-HY`) is told below, unless a registered community's id begins with one.
        case .field(.community): return (.reference, false)
        case .field: return (.value, false)
        }
    }

    /// What the reader needs to work out a row's cell rules before the importer takes the row
    /// (`cellAnswers`): the columns' roles and the name's column.
    var cellColumns: (roles: [ColumnRole], name: Int?) { (roles, fieldColumn[.name]) }

    /// Fills `answers` with the cell rules' answers for `trimmed` (what `add` would ask of them; `RegisterRow.Answers`),
    /// for columns `columns` (`cellColumns`), reusing its storage.
    static func cellAnswers(_ trimmed: [String?], columns: (roles: [ColumnRole], name: Int?), controlsPossible: Bool,
                            into answers: inout RegisterRow.Answers) {
        answers.refusals.removeAll(keepingCapacity: true)
        for (index, cell) in trimmed.enumerated() {
            guard index < columns.roles.count, let text = cell, !text.isEmpty, let (role, isName) = textRole(columns.roles[index]) else {
                answers.refusals.append(nil)
                continue
            }
            answers.refusals.append(Cell.textRefusal(text, role: role, namesSplitByCaller: isName, controlsPossible: controlsPossible))
        }
        answers.nameRefusal = nil
        if let column = columns.name, column < trimmed.count, let name = trimmed[column], !name.isEmpty {
            answers.nameRefusal = Cell.nameRefusal(name)
        }
    }

    /// A registered asset, or an earlier row's new asset, whose id equals `id` ignoring ASCII case but is not `id`
    /// (`A-HY-P01` for `a-hy-p01`), with the row when it is a row's (nil for the ledger's); nil when there is none.
    /// Registering it would make a second asset of one, counted twice in every area total: the rule of ids
    /// (ledger-spec.md section 8). Notes `id` as the row's when there is none, for the rows after it; when an
    /// earlier row noted `id` itself (the same bytes), sets `earlierRow` to that row.
    /// `upper`: `asciiUpper(id)` when the caller has made it already (nil: made here if needed).
    private mutating func caseTwin(_ id: String, upper: String?, row: Int, earlierRow: inout Int?) -> (id: String, row: Int?)? {
        let folded = Self.twinKey(id, upper: upper)
        if foldedExisting == nil {
            var map: [String: String] = [:]
            for key in existing.assets.keys where key.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
                || LeadingZeros.digits(key) != nil && key.utf8.count <= NamedAssetIDs.zeroTwinLength {
                // Two recorded spellings of one key (a ledger may hold `MK-7` and `Mk-7`: append does not hold parts to
                // the rule): the first by bytes, so that the refusal names the same one in every run (review 48).
                let twin = Self.twinKey(key)
                if let other = map[twin], other.utf8.lexicographicallyPrecedes(key.utf8) { continue }
                map[twin] = key
            }
            foldedExisting = map
        }
        // A register of new assets into a ledger without them: no lookup (a hash of the id) at all.
        if !foldedExisting!.isEmpty, let registered = foldedExisting![folded], !Self.sameBytes(registered, id) { return (registered, nil) }
        // One look-up finds an earlier row's id or notes this row's (a look-up and then an insert hashed every new
        // id twice).
        var noted = false
        let earlier = Self.current(&firstRowByFolded[folded, default: { noted = true; return (id, row) }()])
        if noted { return nil }
        guard Self.sameBytes(earlier.id, id) else { return (earlier.id, earlier.row) }
        earlierRow = earlier.row
        return nil
    }

    /// The value at a place reached for writing (`Dictionary`'s subscript with a default: found or inserted in one
    /// look-up).
    private static func current<Value>(_ value: inout Value) -> Value { value }

    /// The id twins share: an id of digits without its leading zeros (`00123` and `123`: Excel drops the zeros of a
    /// number, `LeadingZeros`), any other id with its ASCII letters in upper case (`A-1` and `a-1`). Neither can
    /// equal the other's: a key of digits has no letter, and an id of digits is always keyed by its digits.
    static func twinKey(_ id: String) -> String { twinKey(id, upper: nil) }

    /// `twinKey(id)`, with `asciiUpper(id)` given when the caller has it (nil: made here if needed).
    static func twinKey(_ id: String, upper: String?) -> String {
        if let digits = LeadingZeros.digits(id) { return String(digits) }
        return upper ?? asciiUpper(id)
    }

    /// `EventInput.doorIDFault(id)`, given `EventInput.idFault(id)` already found (`add` asks it once for the named
    /// ids): the door's rules begin with that one, and those it adds are about non-ASCII text (invisible and
    /// stand-in characters, combining marks, full-width ASCII, NFC), so an id of ASCII without that fault has
    /// none and is not scanned again. `DoorIDFaultTests` compares the two on seeded ids.
    static func doorIDFault(_ id: String, idFault: EventInput.IDFault?) -> EventInput.IDFault? {
        if let idFault { return idFault }
        if id.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        return EventInput.doorIDFault(id)
    }

    /// Whether a new asset id reads as a date Excel made of an id such as `1-12` or `3/5` when it saved the register
    /// (`2026/1/12`, `2026-01-12`, `1月12日`, `12-Jan`, `Jan-12`): the register's id is lost.
    static func looksLikeExcelDate(_ id: String) -> Bool {
        // Asked of every new id: most are let go by their first bytes and length, with no copy (`Jan-12` and `12-Jan`
        // are 5 or 6 bytes with a dash at 1 to 3; the others begin with a digit: `2026/1/12` has its mark at 4, and
        // `1月12日` ends with 日).
        let utf8 = id.utf8
        guard let lead = utf8.first else { return false }
        let count = utf8.count
        let dash = utf8.firstIndex(of: 0x2D).map { utf8.distance(from: utf8.startIndex, to: $0) }
        let short = (5...6).contains(count) && dash.map { (1...3).contains($0) } == true
        if (lead | 0x20) >= 0x61 && (lead | 0x20) <= 0x7A {
            guard short else { return false }
        } else if lead >= 0x30 && lead <= 0x39 {
            let mark = count > 4 ? utf8[utf8.index(utf8.startIndex, offsetBy: 4)] : 0
            guard short || mark == 0x2F || mark == 0x2D || utf8.reversed().starts(with: [0xA5, 0x97, 0xE6]) else { return false }
        } else {
            return false
        }
        let bytes = Array(id.utf8)
        func digits(_ from: Int, _ min: Int, _ max: Int) -> Int? {
            var i = from
            while i < bytes.count, i - from < max, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            return i - from >= min ? i : nil
        }
        // 2026/1/12, 2026-01-12
        if let a = digits(0, 4, 4), a < bytes.count, bytes[a] == 0x2F || bytes[a] == 0x2D, let b = digits(a + 1, 1, 2),
           b < bytes.count, bytes[b] == bytes[a], let c = digits(b + 1, 1, 2), c == bytes.count { return true }
        // 1月12日
        if id.hasSuffix("日"), let m = id.firstIndex(of: "月") {
            let month = id[..<m], day = id[id.index(after: m)..<id.index(before: id.endIndex)]
            if (1...2).contains(month.count), (1...2).contains(day.count),
               (month + day).allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        }
        // 12-Jan, Jan-12
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let parts = id.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 {
            let (x, y) = (String(parts[0]), String(parts[1]))
            let number: (String) -> Bool = { (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            if (number(x) && months.contains(y)) || (months.contains(x) && number(y)) { return true }
        }
        return false
    }

    /// A community cell as an id: the registered name of one community means its id (looked up once per spelling).
    private mutating func communityByCell(_ text: String) -> String {
        guard !existing.communityNames.isEmpty else { return text }
        // Registers list a community's rows together: the last cell is compared by its bytes before any hashing.
        if let last = lastCommunity, Self.sameBytes(last.text, text) { return last.id }
        let id = communityByText[text] ?? RecordedRegister.communityID(text, names: existing.communityNames)
        if communityByText.count < 1024 { communityByText[text] = id }
        lastCommunity = (text, id)
        return id
    }

    private static let kindAllowed = ImportWords.writeChoice(RegisterVocabulary.kindsAllowedText, mapping: false)

    private mutating func plan(row: Int, id: String, communityID: String, kind: AssetKind, name: String, location: String,
                               area: DecimalQuantity, registeredOn: CalendarDate, attributes: [String: String]) {
        guard !existing.assets.isEmpty, let old = existing.assets[id] else {
            planned.register(row: row, id: id, communityID: communityID, kind: kind, name: name, location: location,
                             area: area, registeredOn: registeredOn, attributes: attributes)
            if earliestRegistration.map({ registeredOn < $0 }) ?? true { earliestRegistration = registeredOn }
            counts.new += 1
            return
        }
        // Only what differs is changed; attributes are merged key by key, so an empty cell never erases one.
        // The registration date is not compared: it is fixed when the asset enters the ledger (asset.updated
        // cannot change it), and a register's later copy often carries the date it was re-typed.
        // Said, so that "unchanged" is not taken to mean the file's date was recorded.
        if let held = old.registeredOn, held != registeredOn, dateNotes.count < ImportReport.updatesShownMax {
            dateNotes.append(ImportWords.Asset.registrationDateKept(row: row, id: id, file: registeredOn, ledger: held))
        }
        let (changes, changedAttributes) = Self.changes(old, kind: kind, name: name, location: location, area: area,
                                                        attributes: attributes)
        if changes == AssetChanges() {
            counts.unchanged += 1
        } else {
            planned.update(row: row, id: id, changes: changes)
            counts.updated += 1
            if updates.count < ImportReport.updatesShownMax {
                var fields: [Wording] = []
                if let kind = changes.kind { fields.append(ImportWords.Asset.changed(.kind, old.kind.rawValue, kind.rawValue)) }
                if let name = changes.name { fields.append(ImportWords.Asset.changed(.name, old.name, name)) }
                if let location = changes.location {
                    fields.append(ImportWords.Asset.changed(.location, old.location, location))
                }
                if let area = changes.area { fields.append(ImportWords.Asset.changed(.area, "\(old.area)", "\(area)")) }
                for key in changedAttributes.keys.sorted() {
                    fields.append(ImportWords.Asset.changedAttribute(key, old.attributes[key] ?? "", changedAttributes[key]!))
                }
                updates.append(ImportReport.Update(row: row, assetID: id, changes: fields))
            }
        }
    }

    /// Ends the import: the batch of events (or none) and the report.
    /// - Parameters:
    ///   - fileSHA256: SHA-256 of the whole file, lower-case hex.
    ///   - file: what the reader learned about the file, for the report.
    public func finish(fileSHA256: String, file: ImportReport.FileFacts) -> ImportPlan {
        let previous = existing.importsByFileSHA256[fileSHA256] ?? []
        let base = "imp-" + fileSHA256.prefix(16)
        var importID = base
        var ordinal = previous.count + 1
        while ordinal > 1 || previous.contains(importID) {
            importID = "\(base)-\(ordinal)"
            if !previous.contains(importID) { break }
            ordinal += 1
        }
        let bad = counts.rejected > 0
        let changes = counts.new + counts.updated
        let outcome: ImportReport.Outcome
        // Under --allow-partial a file whose every row is bad imports nothing: that is a failure, not a success.
        if bad && (!options.allowPartial || counts.rejected == counts.read) {
            outcome = .rejected
        } else if changes == 0 {
            outcome = .nothingToImport
        } else {
            outcome = .ready
        }
        var events = ImportEvents()
        if outcome == .ready {
            // The import is dated no later than the earliest asset it registers, so that every event of the
            // batch can name it (an entity exists from its business date on); the moment of the import is the
            // record's recorded_at.
            let earliest = min(earliestRegistration ?? options.importedOn, options.importedOn)
            let header = Event(id: importID, occurredOn: earliest, actor: nil, payload: .registerImported(RegisterImported(
                importID: importID, fileName: options.fileName, fileSHA256: fileSHA256, rowsRead: Int64(counts.read),
                rowsNew: Int64(counts.new), rowsUpdated: Int64(counts.updated), rowsUnchanged: Int64(counts.unchanged),
                communityID: options.communityID)))
            events = ImportEvents(header: header, rows: planned, importID: importID, importedOn: options.importedOn)
        }
        var report = ImportReport(fileName: options.fileName, fileSHA256: fileSHA256, file: file,
                                  columns: zip(headings, roles).map { ImportReport.Column(heading: $0.0, role: $0.1) },
                                  counts: counts, problems: problems, importID: importID, outcome: outcome,
                                  eventCount: events.count, previousImportIDs: previous,
                                  allowPartial: options.allowPartial, updates: updates, dateNotes: dateNotes)
        report.isRejectsFile = errorColumn != nil
        return ImportPlan(importID: importID, events: events, report: report)
    }
}

/// Which column holds each field: looked up for every cell of a register, so an array by field rather than a
/// dictionary.
struct FieldColumns: Sendable {
    private var columns = [Int?](repeating: nil, count: RegisterField.allCases.count)

    subscript(field: RegisterField) -> Int? {
        get { columns[field.slot] }
        set { columns[field.slot] = newValue }
    }
}

extension RegisterField {
    /// The field's position in `allCases`.
    var slot: Int {
        switch self {
        case .id: return 0
        case .community: return 1
        case .kind: return 2
        case .name: return 3
        case .location: return 4
        case .area: return 5
        case .registeredOn: return 6
        case .note: return 7
        case .ignore: return 8
        case .warrantyEnd: return 9
        }
    }
}
