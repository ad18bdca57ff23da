import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The checks and the plan of a fact import, on a table read whole.
struct FactImporter {
    let table: FileTable
    let ledger: FactImportLedger
    var existing: EffectiveLog { ledger.log }
    let options: FactImportOptions
    let fields: [FactField]
    /// Field index → column.
    var columnOfField: [Int?]
    /// Column → field index (nil: ignored).
    var fieldOfColumn: [Int?]
    /// The column of a rejects file's error column, if any.
    var errorColumn: Int?
    /// The ignored 序号 columns: a row numbered and otherwise empty is blank (`Cell.numberedOnly`).
    var numberingColumns: [Int] = []
    var columnRoles: [FactImportReport.Column] = []
    /// The period the rent column's heading says its rents are per (`租金（元/月）` → month), for the row check
    /// against the row's 计租周期: a monthly rent recorded as a yearly one is 12 times too small.
    var rentHeadingPeriod: String? = nil
    /// Columns giving the unit of an amount or area column (`金额,币种`: `UnitColumns`), checked row by row.
    var unitColumns = UnitColumns()
    /// Registered community id → name: a 小区 cell may hold either.
    var communityNames: [String: String] = [:]
    /// Commits a private person's text (the same text always gets the same commitment, so a re-import matches).
    var commit: ((String) -> PersonalCommitment?)? = nil
    /// The entity ids of the import's kind the ledger holds, by their bytes: made at the first cell outside the
    /// door's rules (`ledgerHoldsEntity`), so that a file of many such cells reads the facts once, not once a cell.
    let heldEntityIDs = HeldIDs()
    /// The ids beginning with a text marker the ledger holds (`ledgerHoldsMarkedID`), read at the first such reference.
    let heldMarkedIDs = HeldIDs()

    /// The category words outside the vocabulary that `ledger.log`'s facts hold (member and text), when the caller
    /// gave no `holdsCategory`: made at the first such cell.
    let heldCategories = HeldCategories()

    /// A cache shared by the importer's copies (`read` is not mutating).
    final class HeldIDs { var ids: Set<[UInt8]>? = nil }
    final class HeldCategories { var words: Set<[String]>? = nil }


    init(table: FileTable, ledger: FactImportLedger, options: FactImportOptions) throws(ImportError) {
        self.table = table
        self.ledger = ledger
        self.options = options
        fields = options.kind.fields
        if let names = ledger.communityNames {
            communityNames = names
        } else {
            for fact in ledger.log.factsInLogOrder {
                if case .communityRegistered(let p) = fact.payload { communityNames[p.communityID] = p.name }
            }
        }
        columnOfField = Array(repeating: nil, count: fields.count)
        fieldOfColumn = Array(repeating: nil, count: table.headings.count)
        var problems: [Wording] = []
        var unitsRead: Set<RegisterVocabulary.ColumnUnit> = []
        // Columns no field takes, with the place of their "not a column of" problem: a unit column among them is read.
        var unknownColumns: [(column: Int, problem: Int)] = []
        for (column, heading) in table.headings.enumerated() {
            guard !heading.isEmpty else { columnRoles.append(.init(heading: "", field: "unnamed")); continue }
            let normalized = RegisterVocabulary.normalizedHeading(heading)
            if normalized == "导入错误" || normalized == "importerror" {
                errorColumn = column
                columnRoles.append(.init(heading: heading, field: "ignored"))
                continue
            }
            // Amounts are read in yuan: a column headed in fen would be read 100 times too large.
            if heading.hasSuffix("(分)") || heading.hasSuffix("（分）") || normalized.hasSuffix("fen") {
                problems.append(ImportWords.headedInFen(column, heading))
                columnRoles.append(.init(heading: heading, field: "ignored"))
                continue
            }
            let mapped: String?? = options.mapping?.columns[normalized]
            var index: Int? = nil
            if let mapped {
                index = mapped.flatMap { key in fields.firstIndex { $0.key == key } }
                if mapped == nil { columnRoles.append(.init(heading: heading, field: "ignored")); continue }
            } else {
                index = fields.firstIndex { $0.headings.contains { RegisterVocabulary.normalizedHeading($0) == normalized } }
            }
            if normalized == "序号" && index == nil {
                numberingColumns.append(column)
                columnRoles.append(.init(heading: heading, field: "ignored"))
                continue
            }
            guard let index else {
                unknownColumns.append((column, problems.count))
                problems.append(ImportWords.notAColumnOf(column, heading, kind: options.kind.rawValue, kindName: options.kind.chineseName))
                columnRoles.append(.init(heading: heading, field: "ignored"))
                continue
            }
            if let other = columnOfField[index] {
                problems.append(ImportWords.bothMean(other, table.headings[other], column, heading, field: fields[index].key,
                                                       label: fields[index].label))
            }
            let unit: RegisterVocabulary.ColumnUnit? = switch fields[index].value {
            case .yuan: .yuan
            case .area: .squareMetres
            default: nil
            }
            if let unit, let foreign = RegisterVocabulary.foreignUnit(in: heading, for: unit) {
                problems.append(ImportWords.headedInForeignUnit(column, heading, unit: foreign, column: unit))
            } else if unit == .yuan, let price = UnitWords.unitPrice(in: heading) {
                problems.append(ImportWords.headedAsUnitPrice(column, heading, price: price))
            }
            if let unit { unitsRead.insert(unit) }
            if fields[index].key == "rent_fen" { rentHeadingPeriod = UnitWords.statedPeriod(in: heading) }
            columnOfField[index] = column
            fieldOfColumn[column] = index
            columnRoles.append(.init(heading: heading, field: fields[index].key))
        }
        // A column giving the unit of an amount or area column (`金额,币种`, `参与表决面积,单位`), decided here once.
        if !unknownColumns.isEmpty {
            var figures: [UnitColumns.Figure] = []
            for (index, field) in fields.enumerated() {
                guard let column = columnOfField[index] else { continue }
                let unit: RegisterVocabulary.ColumnUnit
                switch field.value {
                case .yuan: unit = .yuan
                case .area: unit = .squareMetres
                default: continue
                }
                figures.append(.init(column: column, unit: unit, names: Set(field.headings.map(RegisterVocabulary.normalizedHeading)
                                         + [RegisterVocabulary.normalizedHeading(table.headings[column])])))
            }
            unitColumns = UnitColumns(headings: table.headings, candidates: unknownColumns.map(\.column), figures: figures)
            let read = unitColumns.columns
            for unknown in unknownColumns.reversed() where read.contains(unknown.column) {
                problems.remove(at: unknown.problem)
                columnRoles[unknown.column].field = "unit"
            }
            problems += unitColumns.problems
        }
        // A unit declared above the header (金额单位：万元) is the unit of the columns below it.
        problems += TitleUnits.problems(in: table.titleRows, units: [.yuan, .squareMetres].filter { unitsRead.contains($0) })
        for (index, field) in fields.enumerated() where field.required && columnOfField[index] == nil {
            if field.key == "community_id", options.communityID != nil { continue }
            problems.append(ImportWords.noColumn(field.key, label: field.label, headings: Array(field.headings.prefix(3)),
                                                 extra: field.key == "community_id" ? [ImportWords.passCommunity] : []))
            missingFields.insert(field.key)
        }
        // A wrong delimiter joins the headings into one: said first, as the cause of the missing columns.
        if !missingFields.isEmpty, let joined = ImportWords.headingsRunTogether(table.headings, used: table.preamble.delimiter) {
            problems.insert(joined, at: 0)
        }
        // The rows are still read (`finish`), as far as the header allows: one run tells every problem of the
        // file (review 41a minor 3); `FactImport.run` then refuses the file with both.
        headerProblems = problems
    }

    /// The header's problems (`ImportError.header`), found by `init`; the rows are checked all the same.
    var headerProblems: [Wording] = []
    /// The keys of required fields no column gives (a header problem): a row's missing value is the header's
    /// problem, said once, not again in each row.
    var missingFields: Set<String> = []

    /// A row read and checked by itself.
    struct PlannedRow {
        var row: FileTable.Row
        var event: Event?
        var problems: [RowProblem]
        var blank: Bool
        var unchanged = false
        /// The event id's suffix after the import id (`r<row>` unless set).
        var idSuffix: String? = nil
        /// Why a row read without problems makes no event (a statement line of 0.00), for the report.
        var note: Wording? = nil
        /// A row read without problems that makes no event by design (a statement line of 0.00): counted as skipped.
        var skipped = false
        /// A bad row's stand-in event, checked against the ledger with the good rows' and never appended.
        var standIn: StandIn? = nil
        /// A bad row without a stand-in (no stand-in payload fits the schema): the ids of its good cells, checked
        /// against the ledger all the same (an empty 紧急依据 does not hide an unregistered decision).
        var loose: LooseEvent? = nil
        /// A bad row's good cells as read (data members; a refused cell's is missing): the ids and voucher it names,
        /// so that another row with the same id is told and refused too (`complete`), as a register's is.
        var cellsRead: [String: JSONValue]? = nil
        /// Problems that stand only when the row states a new fact: a person's text the name rule refuses, which a
        /// row identical to a recorded fact (imported before the rule) keeps, as the ledger holds it.
        var unlessRecorded: [RowProblem] = []
        /// The fields a statement's rule set (`purpose`, `category`, `contract_id`, `counterparty`), by member: the
        /// rule's index, the rules file's name and the column the rule matched, so that a problem of such a value
        /// names the rule, not the bank's memo (review 48 #3).
        var setByRule: [String: (index: Int, file: String, column: Int?)] = [:]
    }

    /// A bad row's event for the ledger check only (`standIn(_:occurredOn:replacing:row:)`).
    struct StandIn {
        var event: Event
        /// The field keys given a stand-in value: the ledger's problems with them are not the row's.
        var replaced: Set<String>
        /// An id or a date stood in: only references to what is not registered at all are the row's (a date
        /// comparison or a cross-entity rule may be the stand-in's).
        var loose: Bool
    }

    /// What `complete` needs to know about the rows' columns and the batch.
    struct Shape {
        var fileName: String
        var kindName: String
        var kindLabel: String
        var communityID: String?
        var allowPartial: Bool
        var importedOn: CalendarDate
        /// The column of a data key (`amount_fen`, `source.contract_id`) in events of a type, if any.
        var column: (String) -> Int?
        var columns: [FactImportReport.Column]
        /// Ids an option gives for every row (`--community`, a statement's `--fund`): a reference to one that is not
        /// registered is said once for the file, not for each row.
        var givenIDs: Set<String> = []
        /// Events that name the option ids and nothing of any row (a statement's `--fund` in a balance assertion):
        /// checked when every row is bad, so an unregistered option id is still told in that run.
        var optionProbes: [Event] = []
        /// Who the records will name, for the size of each record (`RecordSize`); nil: counted at its largest.
        var actor: String? = nil
        /// The event each row becomes (a funds file: `fund.opened`), so that a reference to an entity not registered
        /// is told a row above may record it only where the rows create such entities; nil: not one type.
        var rowsBecome: EventType? = nil
        /// Every registered community id → its name, when the ledger part read them: what a --community that is no
        /// registered id most likely meant (`CommunityOption`).
        var communityNames: [String: String] = [:]
        /// Every opened fund id → its account, read only when a marked `--fund` is refused (`CommunityOption.markedOption`).
        var heldFunds: () -> [String: String] = { [:] }
    }

    mutating func finish() -> FactImportResult {
        var planned: [PlannedRow] = table.rows.map(plan)
        let fields = self.fields
        let columnOfField = self.columnOfField
        let columnOfKey = { (key: String) in fields.firstIndex { $0.key == key }.flatMap { columnOfField[$0] } }
        // Vouchers and new ids Excel made dates of, and payments recorded again under another voucher (`ImportTwins`).
        Self.refuseExcelDates(&planned, columns: Self.excelDateKeys(options.kind).compactMap(columnOfKey), file: options.fileName,
                              headings: table.headings)
        if !options.allowTwins, [.income, .spending, .transfers].contains(options.kind) {
            ImportTwins.refuse(&planned, log: existing, file: options.fileName, voucherColumn: columnOfKey("voucher"), headings: table.headings,
                               opened: ledger.opened)
        }
        // A contract pasted again under another id (review 43a M1): refused as payments' twins are, a private tenant
        // compared through private/ (review 43d #3: pasted once with --private and once without, it was not caught).
        if !options.allowTwins, options.kind == .contracts {
            ImportTwins.refuse(&planned, log: existing, file: options.fileName, voucherColumn: columnOfKey("contract_id"), headings: table.headings,
                               keying: ImportTwins.contractKey, opened: ledger.opened)
        }
        // A receipt or transfer imported after the bank statement that recorded its money: refused unless another payment.
        if !options.allowSameDayAmount, [.income, .spending, .transfers].contains(options.kind) {
            StatementLines.refuse(&planned, log: existing, file: options.fileName,
                                  amountColumn: fields.firstIndex { $0.key == "amount_fen" }.flatMap { columnOfField[$0] },
                                  headings: table.headings)
        }
        let shape = Shape(fileName: options.fileName, kindName: options.kind.rawValue, kindLabel: options.kind.chineseName,
                          communityID: options.communityID, allowPartial: options.allowPartial, importedOn: options.importedOn,
                          column: { key in fields.firstIndex { $0.key == key }.flatMap { columnOfField[$0] } },
                          columns: columnRoles, givenIDs: Set([options.communityID].compactMap { $0 }), actor: options.actor,
                          rowsBecome: options.kind.eventType, communityNames: communityNames)
        var result = Self.complete(planned, table: table, ledger: ledger, shape: shape)
        result.report.isRejectsFile = errorColumn != nil
        result.report.notes += Self.mergedCellNotes(planned, fields: fields, columnOfField: columnOfField, headings: table.headings)
        if let column = fields.firstIndex(where: { $0.key == "community_id" }).flatMap({ columnOfField[$0] }) {
            for row in table.rows where column < row.cells.count {
                if let text = row.cells[column].map(Cell.trimmed), !text.isEmpty { result.communityCells.insert(text) }
            }
        }
        return result
    }

    /// The entity id key of the facts of a type (a second one with the id is a duplicate).
    static func entityKey(_ type: EventType) -> String? {
        FactKind.allCases.first { $0.eventType == type }?.entityKey
    }

    /// Shared end of every fact import: rows the ledger already holds, duplicates within the file and against the
    /// ledger, the ledger check (rows it refuses rejected under --allow-partial, and the rest checked again), the
    /// batch and the report.
    static func complete(_ plannedRows: [PlannedRow], table: FileTable, ledger: FactImportLedger, shape: Shape) -> FactImportResult {
        let existing = ledger.log
        var planned = plannedRows
        let file = shape.fileName
        let types = Set(planned.compactMap { $0.event?.payload.domain?.type })
        // What the ledger already holds: identical facts (unchanged rows), and the entity ids and vouchers in use.
        // Each recorded fact with the record a correction must name to change it (`Recorded`).
        var identical: [String: Evidence] = [:]
        var entities: [String: Recorded] = [:]
        // By fund and `VoucherKey`: a row whose voucher Excel saved without its leading zeros (`00123` → `123`) or
        // written otherwise (full-width, an invisible character) is that payment, not a new one.
        var vouchers: [String: Recorded] = [:]
        for fact in existing.factsInLogOrder where types.contains(fact.payload.type) {
            let bytes = PayloadCodec.encode(Self.coded(fact.payload))
            identical[Self.identity(fact.occurredOn, bytes)] = fact.evidence
            let data = Self.object(bytes)
            let recorded = Recorded(evidence: fact.evidence, correcting: fact.replaces?.eventID,
                                    bytes: bytes, occurredOn: fact.occurredOn)
            if let key = entityKey(fact.payload.type), let id = data[key]?.stringValue { entities[id] = recorded }
            if let key = Self.voucherKey(fact.payload.type, data) { vouchers[key] = recorded }
        }
        // Facts a correction voided, as they stood: a row identical to one is that record, which the clerk's file
        // still holds (a bounced cheque's row left in a sheet imported again with new rows), never new money — it
        // was recorded twice without a word (review 39f). Refused naming the correction.
        var voidedRows: [String: (fact: EffectiveFact, by: AppliedCorrection)] = [:]
        for (_, voided) in existing.voided where types.contains(voided.fact.payload.type) {
            voidedRows[Self.identity(voided.fact.occurredOn, PayloadCodec.encode(Self.coded(voided.fact.payload)))] = voided
        }
        // The entity id and voucher each row names — a bad row's too, from its good cells, as a register's row notes
        // its id whatever else is wrong with it (`RegisterImporter`): a repeated id is ambiguous, so every row that
        // has it is refused naming the others, and none of them is recorded under --allow-partial (the row the
        // clerk meant may be the bad one). A row the ledger holds already, identical, takes no part.
        var rowsOfID = RepeatedKeys(), rowsOfVoucher = RepeatedKeys()
        // Each row's voucher as written, for quoting another row's written otherwise (`00124` beside `124`).
        var voucherOfRow: [Int: String] = [:]
        for index in planned.indices {
            let rowNumber = planned[index].row.number
            let type: EventType, data: [String: JSONValue]
            if let event = planned[index].event, case .domain(let payload) = event.payload {
                let bytes = PayloadCodec.encode(Self.coded(payload))
                if identical[Self.identity(event.occurredOn, bytes)] != nil { continue }
                type = payload.type
                data = Self.object(bytes)
            } else if let cells = planned[index].cellsRead, let kindType = shape.rowsBecome ?? planned[index].standIn.flatMap({ $0.event.payload.domain?.type }) {
                type = kindType
                data = cells
            } else {
                continue
            }
            if let key = entityKey(type), let id = data[key]?.stringValue { rowsOfID.note(id, row: rowNumber) }
            if let key = Self.voucherKey(type, data) {
                rowsOfVoucher.note(key, row: rowNumber)
                voucherOfRow[rowNumber] = data["voucher"]?.stringValue
            }
        }
        // The first row of a repeated key is told the later rows; each later row, the first (as a register's is).
        // For a voucher, `written` holds each row's as written: the message says "for the same fund" and quotes another
        // row's voucher written otherwise (`00124` beside `124`).
        func repeated(_ key: String, in rows: RepeatedKeys, at row: Int, written: [Int: String]? = nil) -> Wording? {
            let all = rows[key]
            guard all.count > 1, let first = all.first else { return nil }
            let otherwise = { (other: Int) -> String? in written.flatMap { $0[other] == $0[row] ? nil : $0[other] } }
            return first == row ? ImportWords.repeatedIn(rows: Array(all.dropFirst()), sameFund: written != nil, writtenAs: otherwise)
                : ImportWords.appearsAgain(firstRow: first, sameFund: written != nil, writtenAs: otherwise(first))
        }
        for index in planned.indices where planned[index].event == nil {
            guard let cells = planned[index].cellsRead,
                  let type = shape.rowsBecome ?? planned[index].standIn.flatMap({ $0.event.payload.domain?.type }) else { continue }
            let rowNumber = planned[index].row.number
            func problem(_ key: String, _ value: String, _ reason: Wording, _ allowed: Wording) {
                let column = shape.column(key)
                planned[index].problems.append(RowProblem(file: file, row: rowNumber, column: column,
                                                          heading: column.map { table.headings[$0] }, value: value,
                                                          reason: reason, allowed: allowed))
            }
            if let key = entityKey(type), let id = cells[key]?.stringValue, let reason = repeated(id, in: rowsOfID, at: rowNumber) {
                problem(key, id, reason, ImportWords.duplicateEntityAllowed(key))
            }
            if let key = Self.voucherKey(type, cells), let reason = repeated(key, in: rowsOfVoucher, at: rowNumber, written: voucherOfRow) {
                problem("voucher", cells["voucher"]?.stringValue ?? "", reason, ImportWords.duplicateVoucherAllowed)
            }
        }
        for index in planned.indices {
            guard let event = planned[index].event, case .domain(let payload) = event.payload else { continue }
            let rowNumber = planned[index].row.number
            let bytes = PayloadCodec.encode(Self.coded(payload))
            let data = Self.object(bytes)
            func problem(_ key: String, _ value: String, _ reason: Wording, _ allowed: Wording) {
                let column = shape.column(key)
                planned[index].problems.append(RowProblem(file: file, row: rowNumber, column: column,
                                                          heading: column.map { table.headings[$0] }, value: value,
                                                          reason: reason, allowed: allowed))
            }
            if identical[Self.identity(event.occurredOn, bytes)] != nil {
                planned[index].unchanged = true
                continue
            }
            if let voided = voidedRows[Self.identity(event.occurredOn, bytes)] {
                planned[index].problems.append(RowProblem(file: file, row: rowNumber, column: nil, heading: nil, value: nil,
                                                          reason: ImportWords.voidedRecord("\(voided.fact.evidence)", by: "\(voided.by.evidence)",
                                                                                           on: voided.by.occurredOn, reason: voided.by.reason),
                                                          allowed: ImportWords.voidedRecordAllowed))
                continue
            }
            // A voucher with Excel's text marker that the fund holds already, written so (by a version before the
            // rule): the row is that record's, told below as changed — never "remove the mark", which would read as a
            // new payment and count its money twice (review of apos49 #2).
            let voucherKey = Self.voucherKey(payload.type, data)
            let heldMarkedVoucher = voucherKey.flatMap { vouchers[$0] } != nil
                ? data["voucher"]?.stringValue.flatMap { Cell.textMarker($0) == nil ? nil : $0 } : nil
            planned[index].problems += planned[index].unlessRecorded.filter { problem in
                heldMarkedVoucher.map { problem.value != $0 } ?? true
            }
            // A name the ledger keeps only in private/, written in clear, would be in the log for ever, beyond
            // `erase-personal` (review 46e): refused at its column, in every kind, never committed unasked (the
            // file's --private is the clerk's choice). A row recorded already, identical, passed above as unchanged;
            // a value a row's problem names already (a statement's private tenant) is not told twice, nor a row whose
            // record keeps the field private (told below to import as before, with --private).
            var privateNames: [(field: String, text: String)] = []
            if let held = ledger.heldPrivately, !ledger.learningOnly {
                for (field, value) in payload.personalFields {
                    guard let text = value.plainText, held(text), !planned[index].problems.contains(where: { $0.value == text }) else { continue }
                    privateNames.append((field, text))
                }
            }
            if let key = entityKey(payload.type), let id = data[key]?.stringValue {
                if let reason = repeated(id, in: rowsOfID, at: rowNumber) {
                    problem(key, id, reason, ImportWords.duplicateEntityAllowed(key))
                }
                if let recorded = entities[id] {
                    let old = Self.object(recorded.bytes)
                    let kept = Self.privateDifferences(old: old, new: data)
                    privateNames.removeAll { kept.committed.contains($0.field) }
                    let erased = Self.erasedFields(kept, old: old, new: data, opened: ledger.opened)
                    problem(key, id, ImportWords.alreadyRecorded("\(recorded.evidence)", correcting: recorded.correcting, differences: Self.differences(
                                old: old, oldDate: recorded.occurredOn, new: data, newDate: event.occurredOn, opened: ledger.opened)),
                            !erased.isEmpty ? ImportWords.erasedPersonNotAgain(erased, recorded.original, committedAgain: !erased.allSatisfy(kept.committed.contains))
                                : kept.isEmpty ? ImportWords.changeByCorrection(recorded.original)
                                : ImportWords.importPrivateAsBefore(kept, recorded.original,
                                                                    others: Self.othersDiffer(old: old, oldDate: recorded.occurredOn, new: data, newDate: event.occurredOn)))
                }
            }
            if let key = voucherKey {
                let voucher = data["voucher"]?.stringValue ?? ""
                if let reason = repeated(key, in: rowsOfVoucher, at: rowNumber, written: voucherOfRow) {
                    problem("voucher", voucher, reason, ImportWords.duplicateVoucherAllowed)
                }
                if let recorded = vouchers[key] {
                    let old = Self.object(recorded.bytes)
                    let recordedVoucher = old["voucher"]?.stringValue ?? ""
                    if recordedVoucher.utf8.count > voucher.utf8.count, LeadingZeros.sameDigitsIgnoringLeadingZeros(recordedVoucher, voucher) {
                        // The recorded voucher without its leading zeros: Excel's doing, said as such.
                        problem("voucher", voucher, ImportWords.voucherWithoutZeros(recorded: recordedVoucher, "\(recorded.evidence)"),
                                ImportWords.voucherWithoutZerosAllowed(recordedVoucher, recorded.original))
                    } else if case let other = Self.anotherPayment(old: old, oldDate: recorded.occurredOn, new: data, newDate: event.occurredOn,
                                                                           opened: ledger.opened),
                              !other.isEmpty {
                        // Another day, amount or counterparty: most likely a voucher number used again (numbered
                        // afresh each month), not the recorded payment changed (review 41a minor 4).
                        problem("voucher", voucher, ImportWords.voucherOfAnotherPayment("\(recorded.evidence)", correcting: recorded.correcting,
                                                                                         differing: other, differences: Self.differences(
                                    old: old, oldDate: recorded.occurredOn, new: data, newDate: event.occurredOn, opened: ledger.opened)),
                                shape.kindName == "statement" ? ImportWords.statementIDOfAnotherLineAllowed(recorded.original)
                                    : ImportWords.voucherOfAnotherPaymentAllowed(recorded.original, voucher: voucher, date: event.occurredOn))
                    } else {
                        // The differences quote both vouchers when they are written otherwise (`124` → `00124`).
                        // Never "fix the voucher" of a bank's line or of a person the file kept private (review 43a M2).
                        let kept = Self.privateDifferences(old: old, new: data)
                        privateNames.removeAll { kept.committed.contains($0.field) }
                        let erased = Self.erasedFields(kept, old: old, new: data, opened: ledger.opened)
                        let allowed = !erased.isEmpty ? ImportWords.erasedPersonNotAgain(erased, recorded.original, committedAgain: !erased.allSatisfy(kept.committed.contains))
                            : !kept.isEmpty
                            ? ImportWords.importPrivateAsBefore(kept, recorded.original,
                                                                others: Self.othersDiffer(old: old, oldDate: recorded.occurredOn, new: data, newDate: event.occurredOn))
                            : shape.kindName == "statement" ? ImportWords.statementLineRecordedAllowed(recorded.original)
                            : ImportWords.voucherTwiceAllowed(recorded.original)
                        problem("voucher", voucher, ImportWords.alreadyRecorded("\(recorded.evidence)", correcting: recorded.correcting, differences: Self.differences(
                                    old: old, oldDate: recorded.occurredOn, new: data, newDate: event.occurredOn, opened: ledger.opened), forFund: true),
                                allowed)
                    }
                }
            }
            for (field, text) in privateNames {
                problem(field, text, ImportWords.privateNameInClear,
                        ImportWords.privateNameInClearAllowed(shape.kindName == "statement" ? .statement : .importFile(field: field)))
            }
            // A kept name inside a free text (a purpose, a memo, an account, a description; review 47c #1) would stay
            // in the log for ever too: refused at its column (by the member's key, `source.contract_id` → its
            // column). The person fields were read whole above: `张三（3号楼）` there is another person's name.
            // An id the row cites (a part's, a contract's) is not searched: the log holds it, or the reference
            // checks refuse it (review 48 #1, `PrivateNames.isReference`).
            if let inText = ledger.nameInText, !ledger.learningOnly {
                let personal = Set(payload.personalFields.map(\.field))
                for (field, text) in PrivateNames.searchedTexts(of: data, type: payload.type, personal: personal) {
                    guard let name = inText(text), !planned[index].problems.contains(where: { $0.value == text }) else { continue }
                    let key = field.replacing(/\[[0-9]+\]/, with: "")
                    if let rule = planned[index].setByRule[key] {
                        // A value a statement's rule set (its purpose, category): the rules file's, not the bank's
                        // column the rule matched (review 48 #3).
                        planned[index].problems.append(RowProblem(file: file, row: rowNumber, column: rule.column,
                                                                  heading: rule.column.map { table.headings[$0] }, value: text,
                                                                  reason: ImportWords.setByRule(rule.index, file: rule.file, field: key)
                                                                      + ImportWords.privateNameInText(name, field: nil),
                                                                  allowed: ImportWords.privateNameInRuleAllowed(rule.index, file: rule.file, field: key)))
                        continue
                    }
                    problem(key, text, ImportWords.privateNameInText(name, field: field),
                            ImportWords.privateNameInTextAllowed(shape.kindName == "statement" ? .statement : .importFile))
                }
            }
        }
        // The rows' own problems (a rejects file's uncleared error column included) come first.
        let previous = ledger.previousImports(of: table.sha256)
        let taken: (String) -> Bool
        if let imports = ledger.imports {
            taken = imports.taken
        } else {
            let ids = Set(existing.factsInLogOrder.compactMap { fact -> String? in
                if case .registerImported(let p) = fact.payload { return p.importID }
                return nil
            })
            taken = { ids.contains($0) }
        }
        let base = "imp-" + String(table.sha256.prefix(16))
        var importID = base
        var n = 2
        while taken(importID) { importID = base + "-\(n)"; n += 1 }
        // A row whose record would be longer than the log allows: the row's problem, said in the plan (a dry run
        // says it; the append would refuse the whole batch naming no row), for every such row.
        for index in planned.indices where planned[index].problems.isEmpty && !planned[index].unchanged {
            guard let event = planned[index].event else { continue }
            let id = "\(importID)-" + (planned[index].idSuffix ?? "r\(planned[index].row.number)")
            let bytes = RecordSize.lineBytesMax(id: id, type: event.payload.type, dataBytes: event.payload.dataBytes.count, actor: shape.actor)
            if bytes > Limits.recordBytesMax {
                planned[index].problems.append(RowProblem(file: file, row: planned[index].row.number, column: nil, heading: nil, value: nil,
                                                          reason: ImportWords.recordTooLong(bytes), allowed: ImportWords.recordTooLongAllowed))
            }
        }

        // The ledger check of the good rows, all problems at once; under --allow-partial rows it refuses are
        // rejected like any bad row, and the rest checked again (a refused fund opening refuses its payments).
        func header(rowsNew: Int) -> Event {
            let counts = RegisterImported(importID: importID, fileName: file, fileSHA256: table.sha256,
                                          rowsRead: Int64(planned.filter { !$0.blank && $0.idSuffix == nil }.count), rowsNew: Int64(rowsNew),
                                          rowsUpdated: 0, rowsUnchanged: Int64(planned.filter { $0.unchanged && $0.idSuffix == nil }.count),
                                          communityID: shape.communityID)
            return Event(id: importID, occurredOn: shape.importedOn, actor: nil, payload: .registerImported(counts))
        }
        /// The rows' events (and with `standIns`, the bad rows' stand-ins and loose events, by row index).
        func batch(standIns: Bool = false) -> (events: [Event], rows: [Int], loose: [(row: Int, event: LooseEvent)]) {
            var rows: [Int] = []
            var events: [Event] = []
            var loose: [(row: Int, event: LooseEvent)] = []
            for (index, item) in planned.enumerated() where !item.unchanged && !item.blank {
                var event: Event
                if item.problems.isEmpty, let good = item.event {
                    event = good
                } else if standIns, item.event == nil, let standIn = item.standIn {
                    event = standIn.event
                } else {
                    if standIns, item.event == nil, let event = item.loose { loose.append((index, event)) }
                    continue
                }
                event.id = "\(importID)-" + (item.idSuffix ?? "r\(item.row.number)")
                events.append(event)
                rows.append(index)
            }
            // rows_new counts the file's rows only: a statement's closing balance assertion (`idSuffix` "balance")
            // is no row, so that rows_read − rows_new − rows_updated − rows_unchanged is the rows refused (ledger-spec.md 12).
            let rowsNew = rows.filter { planned[$0].idSuffix == nil }.count
            return (events.isEmpty ? [] : [header(rowsNew: rowsNew)] + events, rows, loose)
        }
        var fileProblems: [Wording] = []
        // The first pass checks the bad rows too, each through a stand-in event (`PlannedRow.standIn`): a row with a
        // bad amount and an unknown fund is told both in one run. Later passes (--allow-partial) check only the rows
        // that may go in.
        let standInRows = planned.contains { $0.event == nil && ($0.standIn != nil || $0.loose != nil) }
        // With stand-ins in the batch, only the bad rows' issues are taken: a stand-in may take an id or a share
        // that a good row then seems to clash with, and a batch-wide problem may be the stand-ins'. The good rows
        // are judged in the next pass, alone, as they would go in.
        // Whether the import's own event was checked without stand-ins (its batch-wide problems taken).
        var headerChecked = false
        // Problems of what an option names, and of the batch's own events (a statement's closing balance): the
        // file's, each said once.
        var optionProblems: [Wording] = []
        let variants = RegisteredVariant(ledger: ledger)
        for pass in 0..<8 {
            let withStandIns = pass == 0 && standInRows
            let (events, rows, loose) = batch(standIns: withStandIns)
            guard !events.isEmpty || !loose.isEmpty else { break }
            if !withStandIns { headerChecked = true }
            // A community cell the ledger holds in another width or case names the registered id (`CommunityOption`).
            // So does a fund, contract, asset or decision cell (`RegisteredVariant`).
            let issues = ledger.validate(EventBatch(events), loose: loose.map(\.event)).map {
                variants.advised(CommunityOption.advisedCell($0, given: shape.communityID, names: shape.communityNames))
            }
            var rowIssue = false
            for issue in issues {
                let index: Int
                if let looseIndex = issue.looseIndex {
                    index = loose[looseIndex].row
                } else {
                    guard let batchIndex = issue.batchIndex, batchIndex >= 1 else {
                        if withStandIns { continue }
                        // The import's own event names the option's id too (register.imported's community): said once,
                        // as the rows' reference to it is.
                        if case .entity(_, let id)? = issue.missing, shape.givenIDs.contains(id) {
                            let problem = givenIDProblem(issue, shape: shape)
                            if !optionProblems.contains(problem) { optionProblems.append(problem) }
                            continue
                        }
                        fileProblems.append(Wording(en: "\(file): ", zh: "\(file)：") + issue.message)
                        continue
                    }
                    index = rows[batchIndex - 1]
                }
                if withStandIns && planned[index].event != nil { continue }
                if case .entity(_, let id)? = issue.missing, shape.givenIDs.contains(id) {
                    let problem = givenIDProblem(issue, shape: shape)
                    if !optionProblems.contains(problem) { optionProblems.append(problem) }
                    continue
                }
                if planned[index].idSuffix != nil {
                    let row = planned[index].row
                    var problem = Wording(en: "\(file): row \(row.number): ", zh: "\(file) 第 \(row.number) 行：") + issue.message
                    // Dated before what it names was registered (a statement's closing balance dated before its
                    // fund): said of the row's date cell, as a row's own problem is, so the clerk sees which cell.
                    if let from = ImportWords.registeredFrom(issue), let dateColumn = shape.column("occurred_on") {
                        let value = dateColumn < row.cells.count ? row.cells[dateColumn].map(Cell.trimmed) : nil
                        problem = RowProblem(file: file, row: row.number, column: dateColumn, heading: table.headings[dateColumn], value: value,
                                             reason: ImportWords.derivedEvent(payloadType: planned[index].event?.payload.type ?? "")
                                                + ReferenceWords.namingRows(issue.wording, importID: importID),
                                             allowed: ImportWords.beforeRegistrationAllowed(from, other: nil)).message
                    }
                    if !optionProblems.contains(problem) { optionProblems.append(problem) }
                    continue
                }
                let key = issue.field.map(Self.fieldKey)
                if planned[index].event == nil, let standIn = planned[index].standIn {
                    if let key, standIn.replaced.contains(key) { continue }
                    if standIn.loose {
                        // Only a reference to what is not registered at all holds whatever the stood-in id or date.
                        switch issue.missing {
                        case .entity(_, let id)? where !id.hasPrefix("standin-r"): break
                        case .event(let id)? where !id.hasPrefix("standin-r"): break
                        default: continue
                        }
                    }
                }
                rowIssue = true
                var column = key.flatMap { shape.column($0) }
                var value = column.flatMap { $0 < planned[index].row.cells.count ? planned[index].row.cells[$0].map(Cell.trimmed) : nil }
                // The ledger's reason quotes the value already (`fund "F-9" is not registered`).
                if let shown = value, issue.reason.contains("\"\(shown)\"") { value = nil }
                var allowed = ImportWords.factLedgerAllowed
                switch issue.missing {
                case .entity(let kind, _)?: allowed = ImportWords.factLedgerMissingAllowed(IdKind(rawValue: kind), rowsBecome: shape.rowsBecome)
                case .event?, nil: break
                }
                // Dated before what it names was registered: the date is the cell to fix, as a rule (issue 15).
                if let from = ImportWords.registeredFrom(issue), let dateColumn = shape.column("occurred_on") {
                    let other = column.map { ImportWords.column($0, heading: table.headings[$0]) }
                    // Rent paid before the signing is never told to change its true date (review 43a m8), nor a
                    // statement's line whose rule names the contract the bank's date (review 44d #3).
                    let statement = shape.kindName == "statement"
                    allowed = key == "source.contract_id" && (shape.rowsBecome == .fundIncome || statement)
                        ? ImportWords.rentBeforeSigningAllowed(from, contract: other, statement: statement)
                        : ImportWords.beforeRegistrationAllowed(from, other: other)
                    column = dateColumn
                    value = nil
                    // A serial number read as the date (--excel-dates): the cell shows the number, so the date is named.
                    let cells = planned[index].row.cells
                    if dateColumn < cells.count, let text = cells[dateColumn].map(Cell.trimmed), Cell.isExcelSerial(text),
                       let date = try? Cell.date(text, excelSerials: true) {
                        // Named in the advice, not as the row's value: the reason's subject is what the row names
                        // (`fund "F-HY-PI" exists only from …`), which the number put before it misread (review 39h).
                        allowed = ImportWords.serialCellRead(text, date) + allowed
                    }
                }
                planned[index].problems.append(RowProblem(
                    file: file, row: planned[index].row.number, column: column, heading: column.map { table.headings[$0] },
                    value: value, reason: ReferenceWords.namingRows(issue.wording, importID: importID), allowed: allowed))
            }
            if !fileProblems.isEmpty { break }
            // Next: the rows that may go in, alone (--allow-partial then drops what depends on a refused row).
            if withStandIns { continue }
            if !rowIssue { break }
            // Without --allow-partial, every problem is now known; the loop goes on only to drop refused rows.
            if !shape.allowPartial { break }
        }
        for problem in optionProblems where !fileProblems.contains(problem) { fileProblems.append(problem) }
        // Every row bad (or every good row already recorded): no batch without stand-ins was checked, so the
        // import's own problems (an unregistered community named by --community) are checked with its event alone,
        // and reported in this run with the rows' (review finding).
        if !headerChecked, fileProblems.isEmpty, planned.contains(where: { !$0.problems.isEmpty }) {
            var probes = shape.optionProbes
            for index in probes.indices { probes[index].id = "\(importID)-probe\(index + 1)" }
            for issue in ledger.validate(EventBatch([header(rowsNew: 0)] + probes)) {
                if case .entity(_, let id)? = issue.missing, shape.givenIDs.contains(id) {
                    let problem = givenIDProblem(issue, shape: shape)
                    if !fileProblems.contains(problem) { fileProblems.append(problem) }
                    continue
                }
                // A probe stands for no row: only what it says about an option's id is taken.
                guard (issue.batchIndex ?? 0) == 0 else { continue }
                fileProblems.append(Wording(en: "\(file): ", zh: "\(file)：") + issue.message)
            }
        }
        let problems = planned.flatMap(\.problems)
        var counts = ImportCounts()
        counts.read = planned.filter { !$0.blank && $0.idSuffix == nil }.count
        counts.blank = planned.filter(\.blank).count
        counts.rejected = planned.filter { !$0.problems.isEmpty }.count
        counts.unchanged = planned.filter { $0.unchanged && $0.problems.isEmpty && $0.idSuffix == nil }.count
        counts.skipped = planned.filter { $0.skipped && $0.problems.isEmpty }.count
        let (events, _, _) = batch()
        // The batch's own events (a statement's closing balance) are not rows.
        counts.new = max(0, events.count - 1) - events.filter { $0.id?.hasSuffix("-balance") == true }.count
        let outcome: ImportReport.Outcome
        if !fileProblems.isEmpty || (counts.rejected > 0 && (!shape.allowPartial || counts.new == 0)) {
            outcome = .rejected
        } else {
            outcome = events.isEmpty ? .nothingToImport : .ready
        }
        let rejected = planned.filter { !$0.problems.isEmpty }.map {
            RejectedRow(rowNumber: $0.row.number, rawCells: $0.row.raw, problems: $0.problems)
        }
        var byType: [String: Int] = [:]
        for event in events.dropFirst() { byType[event.type, default: 0] += 1 }
        let summary = byType.keys.sorted().map { "\(byType[$0]!) \($0)" }.joined(separator: ", ")
        let report = FactImportReport(kind: shape.kindName, kindLabel: shape.kindLabel, fileName: file, fileSHA256: table.sha256,
                                      file: table.facts, headerRow: table.headerRow, columns: shape.columns, counts: counts,
                                      problems: problems, fileProblems: fileProblems, importID: importID, outcome: outcome,
                                      eventCount: outcome == .ready ? events.count : 0, eventSummary: summary,
                                      previousImportIDs: previous, allowPartial: shape.allowPartial,
                                      notes: planned.compactMap(\.note), eventsByType: byType)
        return FactImportResult(events: outcome == .ready ? events : [], report: report,
                                rejects: RejectsSource(preamble: table.preamble, encoding: table.encoding,
                                                       rawHeader: table.rawHeader, rows: rejected),
                                plannedEvents: planned.compactMap(\.event))
    }

    /// A fact the ledger holds, as a row is compared with it: the record stating it (a correction's, for a
    /// replacement, with the event it corrects), and its payload with its category as a code (`coded`).
    struct Recorded {
        let evidence: Evidence
        /// The original event when the record is a correction's (`EffectiveFact.replaces`).
        let correcting: String?
        let bytes: [UInt8]
        let occurredOn: CalendarDate
        /// The event a correction must name to change the fact: the original (a correction of a correction is
        /// refused, ledger-spec 10.4 rule 7).
        var original: String { correcting ?? evidence.eventID }
    }

    /// `payload` with a category word the vocabulary knows as its code (`category` of a `fund.income`,
    /// `purpose_category` of a `fund.spending`): `ledger append` keeps the word as written (停车费) where an import
    /// stores the code (parking), and the reports and rules read both as one category, so a row is compared with a
    /// record by the code, not the spelling. A word the vocabulary does not know stays as it is.
    static func coded(_ payload: DomainEvent) -> DomainEvent {
        // A code (every imported row's known word) stays as it is: looked up without the word's key made.
        switch payload {
        case .fundIncome(var income):
            guard !categoryCodes.contains(income.category),
                  let code = CategoryVocabulary.code(for: income.category, direction: .income) else { return payload }
            income.category = code
            return .fundIncome(income)
        case .fundSpending(var spending):
            guard let text = spending.purposeCategory, !categoryCodes.contains(text),
                  let code = CategoryVocabulary.code(for: text, direction: .spending) else { return payload }
            spending.purposeCategory = code
            return .fundSpending(spending)
        default:
            return payload
        }
    }

    static let categoryCodes = Set(CategoryVocabulary.all.map(\.code))

    static func identity(_ date: CalendarDate, _ bytes: [UInt8]) -> String {
        date.description + "|" + String(decoding: bytes, as: UTF8.self)
    }

    static func object(_ bytes: [UInt8]) -> [String: JSONValue] {
        if case .object(let members)? = try? JSONParser.parse(bytes) { return members }
        return [:]
    }

    /// The fund and voucher that name one payment of `type` in `data`, the voucher as `VoucherKey` compares it (the
    /// rule `ledger append` holds an event to: `RecordedVouchers`); nil for a type without a voucher.
    static func voucherKey(_ type: EventType, _ data: [String: JSONValue]) -> String? {
        guard let keys = FactKind.allCases.first(where: { $0.eventType == type })?.voucherKey else { return nil }
        let parts = keys.compactMap { key in data[key]?.stringValue.map { key == "voucher" ? VoucherKey($0).folded : $0 } }
        return parts.count == keys.count ? parts.joined(separator: "\u{1F}") : nil
    }

    /// `rent_fen 1200000 → 1300000, end_on 2026-03-31 → 2027-03-31` (field names as the spec writes them; in
    /// Chinese with their label beside them).
    /// A private person's field is said in words (`changedPersonField`), never as its commitment; `opened` tells
    /// whether it is the same person as the row's.
    static func differences(old: [String: JSONValue], oldDate: CalendarDate, new: [String: JSONValue], newDate: CalendarDate,
                            opened: ((PersonalCommitment) -> String?)? = nil) -> Wording {
        var parts: [Wording] = []
        if oldDate != newDate { parts.append(ImportWords.changedDate(oldDate, newDate)) }
        for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
            if commitment(old[key]) != nil || commitment(new[key]) != nil {
                parts.append(changedPersonField(key, old: old[key], new: new[key], samePerson: samePayer(old[key], new[key], opened: opened)))
                continue
            }
            // Each value with its invisible characters as code points: `某公司<U+00A0>甲` → `某公司 甲` must not read as no change.
            parts.append(ImportWords.changedField(key, old: old[key].map { DisplayText.visible(CanonicalJSON.string($0)) },
                                                  new: new[key].map { DisplayText.visible(CanonicalJSON.string($0)) }))
        }
        return ImportWords.changes(parts)
    }

    /// The person fields a record holds committed (`{"commitment": …}`) that a row gives in clear, and the other way
    /// round: the file imported before with `--private FIELD` and now without it, or the reverse (review 43a M2).
    static func privateDifferences(old: [String: JSONValue], new: [String: JSONValue]) -> ImportWords.PrivateDifferences {
        var found = ImportWords.PrivateDifferences()
        for key in Set(old.keys).union(new.keys).sorted() {
            switch (old[key], new[key]) {
            case (.object(let o)?, .string?) where o["commitment"] != nil: found.committed.append(key)
            case (.string?, .object(let n)?) where n["commitment"] != nil: found.inClear.append(key)
            default: continue
            }
        }
        return found
    }

    /// Whether a row differs from its record in more than whether a person's field is private.
    static func othersDiffer(old: [String: JSONValue], oldDate: CalendarDate, new: [String: JSONValue], newDate: CalendarDate) -> Bool {
        let kept = privateDifferences(old: old, new: new)
        let skipped = Set(kept.committed + kept.inClear)
        return oldDate != newDate || Set(old.keys).union(new.keys).contains { !skipped.contains($0) && old[$0] != new[$0] }
    }

    /// Which of a payment's day, amount and counterparty differ between a recorded payment and a row with its
    /// voucher, when the row is most likely another payment under a voucher number used again (numbered afresh each
    /// month or year): a day in another month, or another counterparty with another day or amount. Empty otherwise:
    /// the recorded payment changed (a day or an amount put right, or mistyped), told so.
    /// A private person's counterparty is compared through `private/` (`samePayer`, review 45a D2): the same person
    /// written out is no other counterparty, and a row telling a payment's amount put right is that payment.
    static func anotherPayment(old: [String: JSONValue], oldDate: CalendarDate, new: [String: JSONValue], newDate: CalendarDate,
                               opened: ((PersonalCommitment) -> String?)? = nil) -> [PaymentPart] {
        var parts: [PaymentPart] = []
        if oldDate != newDate { parts.append(.date) }
        if old["amount_fen"] != new["amount_fen"] { parts.append(.amount) }
        let otherParty = !samePayer(old["counterparty"], new["counterparty"], opened: opened)
        if otherParty { parts.append(.counterparty) }
        let otherMonth = oldDate.description.prefix(7) != newDate.description.prefix(7)
        return otherMonth || (otherParty && parts.count >= 2) ? parts : []
    }

    /// The fact fields a date cell gives (`FactVocabulary`'s `.date` fields).
    static let dateKeys: Set<String> = ["occurred_on", "start_on", "end_on", "valid_until"]

    /// What tells two payments apart (`anotherPayment`).
    enum PaymentPart { case date, amount, counterparty }

    /// What the ledger refuses of an id an option gave for every row, said once for the file; a --community that
    /// names a registered community by its name or a variant of its id says which id to pass (`CommunityOption`).
    /// An option's id with Excel's text marker that names nothing the ledger holds is refused as a cell is
    /// (`CommunityOption.markedOption`: `--community`, or a statement's `--fund`).
    static func givenIDProblem(_ issue: ValidationIssue, shape: Shape) -> Wording {
        if case .entity(_, let id)? = issue.missing, Cell.textMarker(id) != nil,
           case let community = id == shape.communityID,
           let marked = CommunityOption.markedOption(issue, option: community ? "community" : "fund", given: id,
                                                     held: { community ? shape.communityNames : shape.heldFunds() }) {
            // The words name the option already: no "(named by an option for every row)".
            return Wording(en: "\(shape.fileName): \(marked.wording.en).", zh: "\(shape.fileName)：\(marked.wording.zh)。")
        }
        let advised = CommunityOption.advised(issue, given: shape.communityID, names: shape.communityNames)
        let matched = advised != issue && CommunityOption.matches(shape.communityID ?? "", names: shape.communityNames)
        return ImportWords.givenIDProblem(file: shape.fileName, advised.wording, registerFirst: !matched)
    }

    /// Reads one row into an event, or its problems.
    func plan(_ row: FileTable.Row) -> PlannedRow {
        let file = options.fileName
        var problems = row.problems
        let trimmed = row.cells.map { $0.map(Cell.trimmed) }
        let blank = problems.isEmpty && (trimmed.allSatisfy { $0?.isEmpty ?? false } || Cell.numberedOnly(trimmed, numbering: numberingColumns))
        if blank { return PlannedRow(row: row, event: nil, problems: [], blank: true) }
        func rowProblem(_ column: Int?, _ value: String?, _ reason: Wording, _ allowed: Wording) -> RowProblem {
            RowProblem(file: file, row: row.number, column: column,
                       heading: column.flatMap { $0 < table.headings.count && !table.headings[$0].isEmpty ? table.headings[$0] : nil },
                       value: value, reason: reason, allowed: allowed)
        }
        func problem(_ column: Int?, _ value: String?, _ reason: Wording, _ allowed: Wording) {
            problems.append(rowProblem(column, value, reason, allowed))
        }
        // A person's text the name rule refuses: the row's problem unless the row is a fact already recorded.
        var unlessRecorded: [RowProblem] = []
        // A totals row or a note under the table: one problem, not an "is empty" for each other cell.
        if let found = Cell.nonDataRow(trimmed) {
            problem(found.column, found.text, found.refusal.why, found.refusal.advice)
            return PlannedRow(row: row, event: nil, problems: problems, blank: false)
        }
        if let errorColumn, errorColumn < trimmed.count, let text = trimmed[errorColumn], !text.isEmpty {
            problem(errorColumn, nil, ImportWords.stillRejected, ImportWords.stillRejectedAllowed)
        }
        Self.cellsWithoutHeading(trimmed, headings: table.headings, headerRow: table.headerRow) { problem($0, $1, $2, $3) }
        if !unitColumns.isEmpty {
            var units = unitColumns
            units.check(trimmed, headings: table.headings) { problem($0, $1, $2, $3) }
        }
        var data: [String: JSONValue] = [:]
        var occurredOn: CalendarDate? = nil
        if let community = options.communityID, fields.contains(where: { $0.key == "community_id" }) {
            data["community_id"] = .string(community)
        }
        // A decision authorises something or nothing: the object is required, its members are not.
        if options.kind == .decisions { data["authorises"] = .object([:]) }
        // Field keys whose cell was refused (or is missing): their schema problems are the cell's, said once, and
        // the ledger check of the row stands a value in for them.
        var bad = missingFields
        for (index, field) in fields.enumerated() {
            guard let column = columnOfField[index] else { continue }
            guard column < trimmed.count, let text = trimmed[column] else {
                if column >= trimmed.count, field.required, !(field.key == "community_id" && options.communityID != nil) {
                    problem(column, nil, ImportWords.emptyForRow(label: field.label, key: field.key), allowedText(field))
                    bad.insert(field.key)
                } else if column < trimmed.count {
                    // A cell that could not be decoded: its problem is the row's already, not a missing field too.
                    bad.insert(field.key)
                }
                continue
            }
            if text.isEmpty {
                if field.required, !(field.key == "community_id" && options.communityID != nil) {
                    problem(column, nil, ImportWords.emptyForRow(label: field.label, key: field.key), allowedText(field))
                    bad.insert(field.key)
                }
                continue
            }
            // The log holds a string of at most stringBytesMax bytes as written, escapes included (verify refuses a
            // longer one; a GB18030 cell grows by half in UTF-8): refused here, so that a dry run says so, not the append.
            if text.utf8.count > Limits.stringBytesMax / 6 {
                let written = RecordSize.written(text) - 2
                if written > Limits.stringBytesMax {
                    problem(column, nil, ImportWords.tooLong(written), ImportWords.tooLongAllowed)
                    bad.insert(field.key)
                    continue
                }
            }
            // What a spreadsheet leaves in a cell that is not data (`Cell.textRefusal`); the row's own id keeps the
            // door's exception for an id the ledger holds (and a first reading, which has no ledger, lets it by).
            let role = textRole(field)
            if let refusal = Cell.textRefusal(text, role: role),
               role != .id || (!ledger.learningOnly && !ledgerHoldsEntity(exactly: text)) {
                if role == .voucher, Cell.textMarker(text) != nil {
                    // A voucher with Excel's text marker: a row the ledger holds, identical (recorded by a version
                    // before the rule), is the recorded one; a new row is refused.
                    unlessRecorded.append(rowProblem(column, text, refusal.why, refusal.advice))
                } else {
                    problem(column, text, refusal.why, refusal.advice)
                    bad.insert(field.key)
                    continue
                }
            }
            // A bank account is free text (a bank's name may go with it), but a number Excel shortened to scientific
            // notation (`6.21700E+18`) has lost its digits as an id has (README "Import").
            if field.key == "account", Cell.isScientific(text) {
                problem(column, text, ImportWords.scientific, ImportWords.scientificAllowed)
                bad.insert(field.key)
                continue
            }
            // A person's text (in clear or committed by `--private`) is held to the writer's door rule for names, as
            // `ledger append` holds it (`Cell.nameRefusal`): `某<U+00A0>公司` would be another counterparty. A row the
            // ledger already holds, identical (imported before the rule), is let through as unchanged (`complete`).
            if case .person = field.value, let refusal = Cell.nameRefusal(text) {
                unlessRecorded.append(rowProblem(column, text, refusal.why, refusal.advice))
            }
            let value: JSONValue
            do throws(ImportError) { value = try read(text, field) } catch {
                problem(column, text, error.cellRefusal.why, error.cellRefusal.advice)
                bad.insert(field.key)
                continue
            }
            if field.key == "occurred_on" {
                guard case .string(let iso) = value, let date = CalendarDate(iso: iso) else { continue }
                if options.latestFactDate.refuses(date) {
                    problem(column, text, ImportWords.afterToday(options.latestFactDate, cell: text, read: date), ImportWords.futureFactAllowed)
                    bad.insert(field.key)
                } else {
                    occurredOn = date
                }
            } else if field.key == "community_id", let given = options.communityID, value != .string(given),
                      value != .string(RecordedRegister.communityID(given, names: communityNames)),
                      !CommunityOption.sameAsOption(cell: value.stringValue ?? "", given: given, names: communityNames),
                      !CommunityOption.markedNotHeld(given, names: communityNames) {
                // (A --community that is the registered name of the cell's community is that community: its own
                // problem, a name for an id, is told once for the file, `CommunityOption`.)
                problem(column, text, ImportWords.differsFromCommunity(given), ImportWords.differsFromCommunityAllowed(given))
                bad.insert(field.key)
            } else {
                Self.put(value, at: field.key.split(separator: ".").map(String.init), in: &data)
            }
        }
        // A rent headed per a period (`租金（元/月）`) in a row of another period (计租周期 年): the row would record
        // a monthly rent as the yearly one. Refused, naming both; which one is wrong is not guessed.
        if let stated = rentHeadingPeriod, case .string(let period)? = data["rent_period"], period != stated,
           let rentIndex = fields.firstIndex(where: { $0.key == "rent_fen" }), let rentColumn = columnOfField[rentIndex],
           let periodIndex = fields.firstIndex(where: { $0.key == "rent_period" }), let periodColumn = columnOfField[periodIndex],
           periodColumn < trimmed.count, let periodText = trimmed[periodColumn] {
            problem(periodColumn, periodText,
                    ImportWords.rentPeriodDisagrees(rentColumn: rentColumn, heading: table.headings[rentColumn], stated: stated, row: period),
                    ImportWords.rentPeriodDisagreesAllowed(stated: stated, row: period))
            bad.insert("rent_period")
        }
        // The same of a unit column's cell (`租金,租金单位` with `1,000.00,元/月` in a row of 计租周期 年): the unit
        // check reads `元/月` as 元, the period is this check's (review 36d).
        if !unitColumns.isEmpty, case .string(let period)? = data["rent_period"],
           let rentIndex = fields.firstIndex(where: { $0.key == "rent_fen" }), let rentColumn = columnOfField[rentIndex],
           let periodIndex = fields.firstIndex(where: { $0.key == "rent_period" }), let periodColumn = columnOfField[periodIndex],
           let unitColumn = unitColumns.unitColumn(of: rentColumn), unitColumn < trimmed.count, let cell = trimmed[unitColumn],
           !cell.isEmpty, let stated = UnitWords.read(cell, for: .yuan).period, stated != period,
           periodColumn < trimmed.count, let periodText = trimmed[periodColumn] {
            problem(periodColumn, periodText,
                    ImportWords.rentPeriodDisagrees(rentColumn: unitColumn, heading: table.headings[unitColumn], stated: stated, row: period,
                                                    unitCell: cell),
                    ImportWords.rentPeriodDisagreesAllowed(stated: stated, row: period, unitColumn: (unitColumn, table.headings[unitColumn])))
            bad.insert("rent_period")
        }
        // A vote is counted by owners and by their units' area together ([CC] 278): owners without area, or area
        // without owners, is refused naming both cells, by the check and with the words `ledger append` uses.
        if options.kind == .decisions {
            for (ownersKey, areaKey) in [("participating_owners", "participating_area_m2"), ("approving_owners", "approving_area_m2")] {
                guard case .integer(let owners)? = data[ownersKey], case .string(let areaText)? = data[areaKey],
                      let area = DecimalQuantity(text: areaText, scale: 2), DecisionRecorded.ownersAndAreaDisagree(owners: owners, area: area),
                      let ownersColumn = fields.firstIndex(where: { $0.key == ownersKey }).flatMap({ columnOfField[$0] }),
                      let areaColumn = fields.firstIndex(where: { $0.key == areaKey }).flatMap({ columnOfField[$0] }),
                      let ownersCell = trimmed[ownersColumn], let areaCell = trimmed[areaColumn] else { continue }
                let (zero, other, otherCell) = owners == 0 ? (ownersColumn, areaColumn, areaCell) : (areaColumn, ownersColumn, ownersCell)
                problem(zero, owners == 0 ? ownersCell : areaCell,
                        EventWords.ownersAndAreaDisagree(other: ImportWords.column(other, heading: table.headings[other]),
                                                         value: RowProblem.shown(otherCell)),
                        EventWords.ownersAndAreaDisagreeAdvice)
                bad.insert(owners == 0 ? ownersKey : areaKey)
            }
        }
        let type = options.kind.eventType
        if problems.isEmpty, let occurredOn,
           let payload = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: CanonicalJSON.encode(.object(data))[...]) {
            var planned = PlannedRow(row: row, event: Event(id: nil, occurredOn: occurredOn, actor: nil, payload: .domain(payload)),
                                     problems: [], blank: false)
            planned.unlessRecorded = unlessRecorded
            return planned
        }
        // A row with problems of its own is not a recorded fact: its person's text is refused with them.
        problems += unlessRecorded
        if occurredOn == nil, !bad.contains("occurred_on"), problems.isEmpty {
            problem(nil, nil, ImportWords.noDate, ImportWords.noDateAllowed)
        }
        // Every schema problem of what the good cells say (a rule between two of them, a member no column gave),
        // not only the first; a refused cell's field is missing here, and its problem is said already.
        let schema = PayloadCodec.problems(type: type, occurredOn: occurredOn, data: CanonicalJSON.encode(.object(data))[...])
        var ruled: Set<String> = []
        for error in schema {
            let key = Self.fieldKey(error.field)
            guard !bad.contains(key) else { continue }
            ruled.insert(key)
            let fieldIndex = fields.firstIndex { $0.key == key }
            let column = fieldIndex.flatMap { columnOfField[$0] }
            var value = column.flatMap { $0 < trimmed.count ? trimmed[$0] : nil }
            // The schema's reason quotes the value it read, and says what is allowed.
            if let shown = value, let read = Self.readValue(data, key), (!read.isEmpty && error.reason.contains(read)) || (!shown.isEmpty && error.reason.contains(shown)) {
                value = nil
            }
            var allowed = column == nil ? ImportWords.addColumnAllowed : ImportWords.correctCellAllowed
            // A date cell that was an Excel serial (--excel-dates) refused by a rule between dates (a decision's 有效期至
            // before its vote date): the reason names the date, the advice the number it was read from (review 45a D4).
            if Self.dateKeys.contains(key), options.excelDates, let column, column < trimmed.count, let text = trimmed[column],
               Cell.isExcelSerial(text), let date = try? Cell.date(text, excelSerials: true) {
                allowed = ImportWords.serialCellRead(text, date) + allowed
            }
            var reason = ImportWords.payload(error, key: column == nil ? key : nil)
            // Excel's accounting format writes 0 as a dash (`¥ -`): the cell read as 0 is said so before why 0 is refused.
            // In a column that may be empty (金额上限) 0 means "none": the cell is to be left empty, not given ¥0.01.
            if let optional = fieldIndex.map({ fields[$0] }), !optional.required, optional.value == .yuan, Self.readValue(data, key) == "0" {
                reason = ImportWords.zeroInOptionalAmount(key, label: optional.label)
                allowed = ImportWords.zeroInOptionalAmountAllowed
                value = column.flatMap { $0 < trimmed.count ? trimmed[$0] : nil }
            }
            if let column, column < trimmed.count, let text = trimmed[column], Cell.isAccountingZero(text) {
                value = text
                reason = ImportWords.accountingZero + reason
            }
            problem(column, value, reason, allowed)
        }
        // A row that did not decode always says why: were the listing and the decoder ever to disagree, a row with
        // no event and no problem would be neither imported nor rejected. (A column the header lacks is said there.)
        if problems.isEmpty, missingFields.isEmpty, let occurredOn {
            do {
                _ = try PayloadCodec.decode(type: type, occurredOn: occurredOn, data: CanonicalJSON.encode(.object(data))[...])
            } catch {
                if case .payload(let first) = error {
                    problem(nil, nil, ImportWords.payload(first, key: Self.fieldKey(first.field)), ImportWords.correctCellAllowed)
                } else {
                    problem(nil, nil, error.wording, ImportWords.correctCellAllowed)
                }
            }
        }
        var planned = PlannedRow(row: row, event: nil, problems: problems, blank: false)
        planned.cellsRead = data.filter { !ruled.contains($0.key) }
        planned.standIn = standIn(data, occurredOn: occurredOn, replacing: bad.union(ruled), row: row.number)
        if planned.standIn == nil {
            let loose = LooseEvent(type: type.rawValue, occurredOn: occurredOn, data: .object(data), skipping: bad.union(ruled))
            if !loose.isEmpty { planned.loose = loose }
        }
        return planned
    }

    /// Each non-empty cell of a row that has no heading, under a blank heading of the header or past its last
    /// column: refused (`report(column, value, reason, allowed)`), never dropped unseen, in every import kind (the
    /// asset register's importer says the same, `RegisterImporter.plan`). A heading the import does not read is a
    /// column named and ignored on purpose (a bank's account column); a cell without any heading is not (a
    /// heading lost when cells were merged, a row shifted by a stray separator).
    static func cellsWithoutHeading(_ trimmed: [String?], headings: [String], headerRow: Int,
                                    _ report: (Int, String, Wording, Wording) -> Void) {
        for (index, cell) in trimmed.enumerated() {
            guard let text = cell, !text.isEmpty else { continue }
            if index >= headings.count {
                report(index, text, ImportWords.noHeading(columns: headings.count), ImportWords.noHeadingAllowed)
            } else if headings[index].isEmpty {
                report(index, text, ImportWords.noHeading(columns: nil), ImportWords.noHeadingInHeaderAllowed(headerRow: headerRow))
            }
        }
    }

    /// `data.authorises.asset_ids[1]` → `authorises.asset_ids`: the field key of a schema path.
    static func fieldKey(_ path: String) -> String {
        var key = path.hasPrefix("data.") ? String(path.dropFirst(5)) : path
        if let bracket = key.firstIndex(of: "[") { key = String(key[..<bracket]) }
        return key
    }

    /// A bad row's event for the ledger check only (never appended): its good cells as read, a stand-in for each
    /// field in `replacing` (the kind's example value when the field is required, else nothing) and for a refused
    /// date the import's date. So the row's references (its fund, community, contract) are checked in the same run
    /// as its cells. Nil when no stand-in payload fits the schema.
    func standIn(_ data: [String: JSONValue], occurredOn: CalendarDate?, replacing keys: Set<String>, row: Int) -> StandIn? {
        var data = data
        var replaced = keys
        let date = occurredOn ?? options.importedOn
        func substitute(_ key: String) -> Bool {
            guard let field = fields.first(where: { $0.key == key }) else { return false }
            let path = key.split(separator: ".").map(String.init)
            Self.remove(at: path, in: &data)
            guard field.required, key != "occurred_on" else { return true }
            let value: JSONValue
            switch field.value {
            // A stand-in id names nothing: the problems it causes are dropped with the field's.
            case .id: value = .string("standin-r\(row)")
            case .ids: value = .array([.string("standin-r\(row)")])
            case .text, .person: value = .string(field.examples.first { !$0.isEmpty } ?? "-")
            default:
                guard let example = field.examples.first(where: { !$0.isEmpty }), let read = try? read(example, field) else { return false }
                value = read
            }
            Self.put(value, at: path, in: &data)
            return true
        }
        for key in keys.sorted() { guard substitute(key) else { return nil } }
        // A rule between a stood-in value and a good one (an end before a stand-in start) is the stand-in's: stand
        // in for the other too, a few times at most.
        for _ in 0..<3 {
            let bytes = CanonicalJSON.encode(.object(data))
            if let payload = try? PayloadCodec.decode(type: options.kind.eventType, occurredOn: date, data: bytes[...]) {
                return StandIn(event: Event(id: nil, occurredOn: date, actor: nil, payload: .domain(payload)), replaced: replaced,
                               loose: occurredOn == nil || fields.contains { replaced.contains($0.key) && ($0.value == .id || $0.value == .ids || $0.value == .date) })
            }
            let more = Set(PayloadCodec.problems(type: options.kind.eventType, occurredOn: date, data: bytes[...]).map { Self.fieldKey($0.field) })
                .subtracting(replaced)
            guard !more.isEmpty else { return nil }
            for key in more.sorted() {
                guard substitute(key) else { return nil }
                replaced.insert(key)
            }
        }
        return nil
    }

    static func remove(at path: [String], in object: inout [String: JSONValue]) {
        guard let first = path.first else { return }
        if path.count == 1 { object[first] = nil; return }
        guard case .object(var inner)? = object[first] else { return }
        remove(at: Array(path.dropFirst()), in: &inner)
        object[first] = .object(inner)
    }

    /// The value read into `data` at a dotted key, as text (what a schema message quotes).
    static func readValue(_ data: [String: JSONValue], _ key: String) -> String? {
        var current: JSONValue = .object(data)
        for part in key.split(separator: ".") {
            guard case .object(let members) = current, let next = members[String(part)] else { return nil }
            current = next
        }
        switch current {
        case .string(let text): return text
        case .integer(let n): return String(n)
        default: return nil
        }
    }

    func allowedText(_ field: FactField) -> Wording {
        switch field.value {
        case .id: return ImportWords.writeID(field.label, example: field.examples[0])
        case .text, .person: return ImportWords.writeText(field.label, example: field.examples.first { !$0.isEmpty } ?? "…")
        case .date: return Cell.dateAllowed
        case .yuan: return Cell.yuanAllowed
        case .area: return Cell.areaAllowed
        case .count: return ImportWords.writeCount(example: field.examples[0])
        case .ids: return ImportWords.writeIDs
        case .choice(let table):
            return ImportWords.writeChoice(table.map { "\($0.words[0]) (\($0.code))" }.joined(separator: ", "), mapping: true)
        case .vocabulary:
            return ImportWords.writeChoice(allowedList(field), mapping: false)
        }
    }

    /// A vocabulary field's words as messages list them: `租金 (leasing), 停车费 (parking), …`.
    func allowedList(_ field: FactField) -> String {
        guard case .vocabulary(let table) = field.value else { return "" }
        return table.map { "\($0.words[0]) (\($0.code))" }.joined(separator: ", ")
    }

    /// Why an entity cell's text may not be written as an id: the record's rules (`EventInput.idProblemWording`),
    /// then the writer's door's, Unicode NFC and no invisible character (EventInput+NFC.swift; said without the id,
    /// which the row problem shows). The door's rules are for ids a row introduces: an id the ledger already
    /// holds, byte for byte (registered before the rules), names that entity, so a register imported before
    /// them imports again (its rows unchanged, or told how they differ) instead of being refused whole.
    func entityIDProblem(_ id: String) -> Wording? {
        if let why = EventInput.idProblemWording(id) { return why }
        guard !ledger.learningOnly, let fault = EventInput.doorIDFault(id) else { return nil }
        return ledgerHoldsEntity(exactly: id) ? nil : fault.wording
    }

    /// Refuses a reference that begins with Excel's text marker (`'F-HY-PI`: `Cell.textMarker`), unless the ledger
    /// holds an id written so (recorded by a version before the rule), which it still names; a first reading (no
    /// ledger) lets it by for the reading against the ledger to decide.
    /// - Parameter inList: `id` is one of several of a list cell (`A-1,'A-2`): the words name that id, not the
    ///   cell's start (review apos49 #3: "the cell begins with" for a mark on its second id).
    func refuseTextMarker(_ id: String, inList: Bool = false) throws(ImportError) {
        guard let mark = Cell.textMarker(id), !ledger.learningOnly, !ledgerHoldsMarkedID(exactly: id) else { return }
        if inList { throw .cell(Cell.textMarkerInListRefusal(id, mark: mark)) }
        guard let refusal = Cell.textMarkerRefusal(id, id: true) else { return }
        throw .cell(refusal)
    }

    /// Whether a fact the ledger compared with holds `id`, byte for byte, under an id field (`id`, `…_id`, `…_ids`)
    /// and `id` begins with a text marker. One scan of the facts, at the first such reference (rare), keeping only
    /// the ids that begin with a marker: the reference checks then decide whether it names the right kind of entity.
    func ledgerHoldsMarkedID(exactly id: String) -> Bool {
        if heldMarkedIDs.ids == nil {
            var ids = Set<[UInt8]>()
            func note(_ value: JSONValue, idField: Bool) {
                switch value {
                case .string(let text) where idField: if Cell.textMarker(text) != nil { ids.insert(Array(text.utf8)) }
                case .array(let items): for item in items { note(item, idField: idField) }
                case .object(let fields):
                    for (key, item) in fields { note(item, idField: key == "id" || key.hasSuffix("_id") || key.hasSuffix("_ids")) }
                default: break
                }
            }
            for fact in ledger.log.factsInLogOrder { note(.object(Self.object(PayloadCodec.encode(fact.payload))), idField: false) }
            heldMarkedIDs.ids = ids
        }
        return heldMarkedIDs.ids!.contains(Array(id.utf8))
    }

    /// Whether the ledger compared with has a fact of the import's kind whose entity id is `id`, byte for byte.
    /// Looked at only for an id outside the door's rules (rare): one scan of those facts, at the first such id.
    func ledgerHoldsEntity(exactly id: String) -> Bool {
        guard let key = options.kind.entityKey else { return false }
        if heldEntityIDs.ids == nil {
            let type = options.kind.eventType
            var ids = Set<[UInt8]>()
            for fact in ledger.log.factsInLogOrder where fact.payload.type == type {
                if let held = Self.object(PayloadCodec.encode(fact.payload))[key]?.stringValue { ids.insert(Array(held.utf8)) }
            }
            heldEntityIDs.ids = ids
        }
        return heldEntityIDs.ids!.contains(Array(id.utf8))
    }

    /// Whether the ledger already holds `text` as a category word in `member` (`FactImportLedger.holdsCategory`).
    /// A first reading (`learningOnly`) lets every word through: the reading against the ledger decides, and a
    /// row it lets through must have named its ids to the first.
    func ledgerHoldsCategory(_ member: String, _ text: String) -> Bool {
        if ledger.learningOnly { return true }
        if let holds = ledger.holdsCategory { return holds(member, text) }
        if heldCategories.words == nil {
            var words = Set<[String]>()
            for fact in ledger.log.factsInLogOrder {
                let key: String
                switch fact.payload.type {
                case .fundIncome: key = "category"
                case .fundSpending: key = "purpose_category"
                default: continue
                }
                if let held = Self.object(PayloadCodec.encode(fact.payload))[key]?.stringValue { words.insert([key, held]) }
            }
            heldCategories.words = words
        }
        return heldCategories.words!.contains([member, text])
    }

    /// Which of `Cell.textRefusal`'s rules a field's cells are held to: the kind's own id as an id, the voucher as
    /// a voucher, a person as a name, other free text as text; the rest (dates, amounts, words, references) is
    /// read by its own parser.
    func textRole(_ field: FactField) -> Cell.TextRole {
        if field.key == options.kind.entityKey { return .id }
        if field.key == "voucher" { return .voucher }
        switch field.value {
        case .person: return .name
        case .text: return .text
        // A reference's text marker is `read`'s to refuse: an id the ledger holds with one still names it.
        case .id, .ids: return .reference
        default: return .value
        }
    }

    /// The cell as a JSON value of its field.
    func read(_ text: String, _ field: FactField) throws(ImportError) -> JSONValue {
        switch field.value {
        case .id:
            if field.key == "community_id" {
                let id = RecordedRegister.communityID(text, names: communityNames)
                try refuseTextMarker(id)
                // A reference: it must equal, byte for byte, an id the log holds (the reference checks), so the
                // door's NFC rule (for ids a row introduces) does not apply; a registered name stands for the id.
                if let why = EventInput.idProblemWording(id) {
                    throw .cell(reason: ImportWords.notACommunity(why.en, why.zh), allowed: allowedText(field))
                }
                return .string(id)
            }
            // The id a row introduces (its kind's entity key) is in Unicode NFC too (the writer's door,
            // EventInput+NFC.swift); a reference must only equal an id the log holds.
            if let why = field.key == options.kind.entityKey ? entityIDProblem(text) : EventInput.idProblemWording(text) {
                throw .cell(reason: ImportWords.notAFactID(why), allowed: allowedText(field))
            }
            // The row's own id was held to it by `Cell.textRefusal` (with the door's exception for a held id).
            if field.key != options.kind.entityKey { try refuseTextMarker(text) }
            return .string(text)
        // An organisation or a role by its words (`PartyName`) is no person: recorded in clear (review 47c #3) —
        // unless the ledger keeps it private already (an earlier `--private` committed it), when writing it in clear
        // would be refused with the advice to use --private, which would leave it in clear again (review 48 #4).
        case .person where options.privateFields.contains(field.key)
            && (!PartyName.isOrganisationOrRole(text) || ledger.heldPrivately?(text) == true):
            guard let commitment = commit?(text) else {
                throw .cell(reason: ImportWords.noSalt, allowed: ImportWords.noSaltAllowed)
            }
            return .object(["commitment": .string(commitment.hex)])
        case .text, .person:
            return .string(text)
        case .date:
            return .string(try Cell.date(text, excelSerials: options.excelDates).description)
        case .yuan:
            return .integer(try Cell.yuan(text, kind: options.kind).fen)
        case .area:
            return .string(try Cell.area(text).description)
        case .count:
            return .integer(try Cell.count(text, example: field.examples[0]))
        case .ids:
            let separators: Set<Character> = ["、", ",", "，", ";", "；", " ", "\u{3000}", "/"]
            let ids = text.split(whereSeparator: { separators.contains($0) }).map(String.init)
            for id in ids {
                if let why = EventInput.idProblemWording(id) {
                    throw .cell(reason: ImportWords.holdsBadID(id, why), allowed: allowedText(field))
                }
                try refuseTextMarker(id, inList: ids.count > 1)
            }
            return .array(ids.map { .string($0) })
        case .choice(let table):
            let word = FactVocabulary.normalizedWord(text)
            if let code = options.mapping?.values[field.key]?[word] { return .string(code) }
            if let entry = table.first(where: { $0.words.contains { FactVocabulary.normalizedWord($0) == word } }) {
                return .string(entry.code)
            }
            if field.key == "rent_period", FactVocabulary.halfYearWords.contains(where: { FactVocabulary.normalizedWord($0) == word }) {
                throw .cell(reason: ImportWords.halfYearPeriod, allowed: ImportWords.halfYearPeriodAllowed)
            }
            if field.key == "matter", !word.isEmpty, word.allSatisfy({ $0.isNumber }) {
                throw .cell(reason: ImportWords.matterNumber, allowed: allowedText(field))
            }
            throw .cell(reason: ImportWords.notAllowedWord, allowed: allowedText(field))
        case .vocabulary(let table):
            if let code = options.mapping?.values[field.key]?[FactVocabulary.normalizedWord(text)] { return .string(code) }
            // Compared as the reports and rules compare them (`CategoryVocabulary.key`), so every word the
            // import turns into a code is one they read as that code.
            let word = CategoryVocabulary.key(text)
            if let entry = table.first(where: { $0.words.contains { CategoryVocabulary.key($0) == word } }) {
                return .string(entry.code)
            }
            // A word outside the vocabulary would be a category of its own in every total (停车收费 beside 停车费):
            // refused unless the clerk says it is a new category (issue 15).
            // A word a record of the ledger already holds in this field is kept as written, as `ledger append`
            // keeps it: refusing it now would split nothing that is not split already.
            // A new word is a grouping key of its own: held to the writer's door rule for names (`Cell.nameRefusal`),
            // `--allow-new-category` or not, as `ledger append` holds it.
            // (The log is read only for a word that is not let through without it.)
            let refusal = Cell.nameRefusal(text)
            if refusal == nil, options.allowNewCategory { return .string(text) }
            if ledgerHoldsCategory(field.key, text) { return .string(text) }
            if let refusal { throw .cell(refusal) }
            let direction: Category.Direction = field.key == "purpose_category" ? .spending : .income
            throw .cell(reason: ImportWords.notACategory(text, direction), allowed: ImportWords.categoryAllowed(text, direction))
        }
    }

    static func put(_ value: JSONValue, at path: [String], in object: inout [String: JSONValue]) {
        guard let first = path.first else { return }
        if path.count == 1 { object[first] = value; return }
        var inner: [String: JSONValue] = [:]
        if case .object(let members)? = object[first] { inner = members }
        put(value, at: Array(path.dropFirst()), in: &inner)
        object[first] = .object(inner)
    }
}
