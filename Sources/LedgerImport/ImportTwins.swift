import LedgerEvents
import LedgerProjections

/// Rows that repeat a recorded payment under another voucher (review 38 S2): a clerk who corrects a voucher
/// (`SJ-2026-0O1` → `SJ-2026-001`) or whose file Excel saved again (`1-12` → `2026/1/12`) and imports it again makes
/// a row whose fund, day, direction, amount, counterparty and category are a recorded payment's, and whose voucher is
/// new — the voucher check (`FactImporter.complete`) takes it for another payment and the money is counted twice. Such
/// a row (of an income, spending or transfers import; a transfer by its two funds, day and amount) is refused as a
/// probable duplicate naming the record, or the earlier row of the file it repeats, unless `--allow-twins` says it is
/// another payment. A bank-statement line is left to `StatementLines`, whose rule and override (`--allow-same-day-amount`)
/// are for money recorded without a receipt. `ledger append` holds its batch's payments to the same rule (`appended`).
public enum ImportTwins {
    /// What a payment and its twin share: every field but the voucher. (Review 38g: without the contract, decision,
    /// parts and purpose, one tenant's rent of two contracts paid on one day, or one contractor paid the same sum for
    /// two jobs, was refused as one payment written twice.)
    struct Key: Hashable {
        var type: EventType
        var fund: String
        /// A transfer's receiving fund; "" for income and spending.
        var toFund: String
        var date: CalendarDate
        var fen: Int64
        /// The counterparty as the row or record writes it (for the message); compared as `payer`.
        var counterparty: PersonalText {
            didSet { payer = Self.payer(of: counterparty) }
        }
        var category: String
        /// The rest of the payment's fields, joined: an income's contract; a spending's purpose, decision, parts and
        /// emergency; a transfer's decision. A contract's: its last day, then its parts in id order.
        var rest: [String]
        /// The counterparty as compared: a name as two records of one payer share it (`PayerName.key`: read as a
        /// reader reads it, `某某(集团)` is `某某（集团）`, `３号楼` is `3号楼`, and 停車 is 停车), a private person by the
        /// commitment (`Twins` also asks `private/` what a commitment opens to, when a name meets one).
        private(set) var payer: PersonalText

        init(type: EventType, fund: String, toFund: String, date: CalendarDate, fen: Int64, counterparty: PersonalText, category: String,
             rest: [String]) {
            self.type = type
            self.fund = fund
            self.toFund = toFund
            self.date = date
            self.fen = fen
            self.counterparty = counterparty
            self.category = category
            self.rest = rest
            payer = Self.payer(of: counterparty)
        }

        static func payer(of counterparty: PersonalText) -> PersonalText {
            // Review 43a m4: compared byte for byte, a name retyped with full-width brackets recorded a payment twice.
            guard case .plain(let name) = counterparty else { return counterparty }
            return .plain(PayerName.key(name))
        }

        /// The key with its payer a name's folded form `folded`.
        func paid(by folded: String) -> Key {
            var key = self
            key.payer = .plain(folded)
            return key
        }

        /// The key without its payer: where a private person's payments are found for a name (`Twins`).
        var withoutPayer: Key { paid(by: "") }

        static func == (a: Key, b: Key) -> Bool {
            a.type == b.type && a.fund == b.fund && a.toFund == b.toFund && a.date == b.date && a.fen == b.fen && a.payer == b.payer
                && a.category == b.category && a.rest == b.rest
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(type)
            hasher.combine(fund)
            hasher.combine(toFund)
            hasher.combine(date)
            hasher.combine(fen)
            hasher.combine(payer)
            hasher.combine(category)
            hasher.combine(rest)
        }
    }

    static func key(_ payload: DomainEvent, on date: CalendarDate) -> (key: Key, voucher: String)? {
        // Categories by their vocabulary code: `ledger append` keeps 停车费 as written where an import records
        // `parking`, and the two are one payment's category (review 39g: such twins went through both doors).
        switch FactImporter.coded(payload) {
        case .fundIncome(let p):
            return (Key(type: .fundIncome, fund: p.fundID, toFund: "", date: date, fen: p.amount.fen, counterparty: p.counterparty,
                        category: p.category, rest: [p.sourceContractID ?? ""]), p.voucher)
        case .fundSpending(let p):
            return (Key(type: .fundSpending, fund: p.fundID, toFund: "", date: date, fen: p.amount.fen, counterparty: p.counterparty,
                        category: p.purposeCategory ?? "",
                        rest: [p.purpose, p.decisionID ?? "", p.emergency?.type ?? "", p.emergency?.evidence ?? ""] + p.assetIDs), p.voucher)
        case .fundTransfer(let p):
            return (Key(type: .fundTransfer, fund: p.fromFundID, toFund: p.toFundID, date: date, fen: p.amount.fen,
                        counterparty: .plain(""), category: "", rest: [p.decisionID ?? ""]), p.voucher)
        default: return nil
        }
    }

    /// A contract's key (review 43a M1): what a contract pasted again under another id (`K-T-R00F` → `K-T-ROOF`)
    /// shares with the recorded one — community, parts, counterparty, term, rent and rent period — and its id in the
    /// voucher's place. Purpose, payee fund, decision and signing day are left out: a paste retyped there is the
    /// same letting, and its rent would fall due twice. A renewal has another term, so is no twin. `ledger import
    /// contracts` and `ledger append` compare contracts by it (session 44).
    static func contractKey(_ payload: DomainEvent, on date: CalendarDate) -> (key: Key, voucher: String)? {
        guard case .contractSigned(let p) = payload else { return nil }
        return (Key(type: .contractSigned, fund: p.communityID, toFund: "", date: p.startOn, fen: p.rent.fen, counterparty: p.counterparty,
                    category: p.rentPeriod.rawValue, rest: [p.endOn.description] + p.assetIDs.sorted()), p.contractID)
    }

    /// How the facts of an import's kind are keyed: a contract's (`contractKey`) or a payment's (`key`).
    typealias Keying = (DomainEvent, CalendarDate) -> (key: Key, voucher: String)?

    /// `ledger append`'s keying: a contract's or a payment's, whichever the event is (the key's type keeps them apart).
    static func contractOrPaymentKey(_ payload: DomainEvent, on date: CalendarDate) -> (key: Key, voucher: String)? {
        contractKey(payload, on: date) ?? key(payload, on: date)
    }

    /// A recorded payment a row may repeat: the voucher as compared (`VoucherKey`) and as written, its
    /// record and the original event a correction of it names.
    struct Recorded {
        var compared: String
        var voucher: String
        var record: Evidence
        var original: String
        /// The counterparty as the record writes it (`Key.counterparty`), which may be another form of the row's.
        var counterparty: PersonalText = .plain("")
    }

    /// What a row or event repeats under another voucher.
    enum Found {
        case record(Recorded)
        /// An earlier row of the file or event of the batch: its voucher as written and its place (a row number, or
        /// an index into the batch).
        case earlier(voucher: String, place: Int, counterparty: PersonalText)
    }

    /// The payments a row (`ledger import`) or an event (`ledger append`) is compared with, one rule for both: the
    /// payments in effect of a log (a voided one is none, a corrected one is its replacement; the rows a statement
    /// import recorded are left to `StatementLines`), and the rows or events before it.
    struct Twins {
        private var recorded: [Key: [Recorded]] = [:]
        private var earlier: [Key: [(compared: String, voucher: String, place: Int, original: String?, counterparty: PersonalText)]] = [:]
        /// The key of each recorded payment and earlier event by the original event a correction of it names: made
        /// at the first correction (`forget`), which an import never has.
        private var keyOfOriginal: [String: [Key]]? = nil
        /// The value a private person's commitment opens to (`private/`), asked only when a payment written with a
        /// name meets one of a private person otherwise equal; nil: commitments are compared as they are.
        private let opened: ((PersonalCommitment) -> String?)?
        /// Each commitment's value in its folded form, once asked (nil: it opens to nothing).
        private var openedValues: [PersonalCommitment: String?] = [:]
        /// The keys of the private persons' payments (recorded, or earlier in the file or batch) by the rest of the
        /// key: where a payment written with a name looks for the same person's.
        private var committedAt: [Key: Set<Key>] = [:]

        init(log: EffectiveLog, keying: Keying = ImportTwins.key, opened: ((PersonalCommitment) -> String?)? = nil) {
            self.opened = opened
            var statementImports: Set<Substring> = []
            for fact in log.factsInLogOrder {
                if case .fundBalanceAsserted = fact.payload, let id = StatementImport.importID(ofBalance: fact) { statementImports.insert(id) }
            }
            for fact in log.factsInLogOrder {
                guard let (key, voucher) = keying(fact.payload, fact.occurredOn) else { continue }
                if !statementImports.isEmpty, let id = StatementImport.importID(ofRow: fact), statementImports.contains(id) { continue }
                recorded[key, default: []].append(Recorded(compared: VoucherKey(voucher).folded, voucher: voucher, record: fact.evidence,
                                                           original: fact.replaces?.eventID ?? fact.evidence.eventID, counterparty: key.counterparty))
                if case .committed = key.payer { committedAt[key.withoutPayer, default: []].insert(key) }
            }
        }

        /// What the payment `key` under `voucher` (at `place`; `original`: the event a correction of it would name)
        /// repeats, if anything; it is then noted for the ones after it. A recorded payment or earlier one with this
        /// voucher (as compared) makes it that payment (unchanged, or a changed one the voucher check refuses), not a
        /// twin of another.
        mutating func twin(_ key: Key, voucher: String, place: Int, original: String? = nil) -> Found? {
            let compared = VoucherKey(voucher).folded
            var found: Found? = nil
            var records = recorded[key] ?? []
            var rows = earlier[key] ?? []
            for other in otherForms(of: key) {
                records += recorded[other] ?? []
                rows += earlier[other] ?? []
            }
            if !records.contains(where: { $0.compared == compared }) {
                if let first = records.first {
                    found = .record(first)
                } else if !rows.contains(where: { $0.compared == compared }), let first = rows.first {
                    found = .earlier(voucher: first.voucher, place: first.place, counterparty: first.counterparty)
                }
            }
            if case .committed = key.payer { committedAt[key.withoutPayer, default: []].insert(key) }
            earlier[key, default: []].append((compared, voucher, place, original, key.counterparty))
            if let original, keyOfOriginal != nil { keyOfOriginal![original, default: []].append(key) }
            return found
        }

        /// A correction of `original` (an event of the batch): the payment it recorded is no longer one for the
        /// events after it to repeat — a payment voided and recorded again, or its voucher corrected, is no twin.
        /// Returns the keys the payment had (none when forgotten already).
        @discardableResult
        mutating func forget(original: String) -> [Key] {
            if keyOfOriginal == nil {
                var keys: [String: [Key]] = [:]
                for (key, list) in recorded { for entry in list { keys[entry.original, default: []].append(key) } }
                for (key, list) in earlier { for entry in list { if let o = entry.original { keys[o, default: []].append(key) } } }
                keyOfOriginal = keys
            }
            let keys = keyOfOriginal!.removeValue(forKey: original) ?? []
            for key in keys {
                recorded[key]?.removeAll { $0.original == original }
                earlier[key]?.removeAll { $0.original == original }
            }
            return keys
        }

        /// The keys under which the same payer's payments otherwise equal to `key` are found besides `key` itself:
        /// a name's, under each private person's commitment that opens to it (in its folded form); a private
        /// person's, under the name it opens to and the other commitments opening to the same. None without
        /// `opened`, or when no private person's payment shares the rest of the key and `key` is a name's: `private/`
        /// is read only then. An erased commitment opens to nothing: one payer with itself only.
        private mutating func otherForms(of key: Key) -> [Key] {
            guard opened != nil else { return [] }
            let name: String
            switch key.payer {
            case .plain(let folded): name = folded
            case .committed(let commitment):
                guard let folded = value(of: commitment) else { return [] }
                name = folded
            }
            var keys: [Key] = []
            if case .committed = key.payer { keys.append(key.paid(by: name)) }
            for other in committedAt[key.withoutPayer] ?? [] where other.payer != key.payer {
                if case .committed(let commitment) = other.payer, value(of: commitment) == name { keys.append(other) }
            }
            // Sorted: the message names the same record every run.
            return keys.sorted { "\($0.payer)" < "\($1.payer)" }
        }

        /// What `commitment` opens to, in its folded form (`PayerName`), asked of `opened` once.
        private mutating func value(of commitment: PersonalCommitment) -> String? {
            if let known = openedValues[commitment] { return known }
            let value = opened?(commitment).map(PayerName.key)
            openedValues[commitment] = value
            return value
        }
    }

    /// Refuses each row (read without problems) that is a twin of a payment of `log` (the records of the funds'
    /// communities the import reads already, or the whole log) or of an earlier row of the file: a problem at its
    /// voucher cell, standing only when the row is no recorded fact itself (`PlannedRow.unlessRecorded`: a file of
    /// twins imported with `--allow-twins` imports again unchanged).
    /// `keying`: `contractKey` for a contracts file (its id column as `voucherColumn`), else a payment's `key`.
    static func refuse(_ planned: inout [FactImporter.PlannedRow], log: EffectiveLog, file: String, voucherColumn: Int?, headings: [String],
                       keying: Keying = ImportTwins.key, opened: ((PersonalCommitment) -> String?)? = nil) {
        guard planned.contains(where: { $0.event != nil }) else { return }
        var twins = Twins(log: log, keying: keying, opened: opened)
        for index in planned.indices {
            guard let event = planned[index].event, case .domain(let payload) = event.payload,
                  let (key, voucher) = keying(payload, event.occurredOn) else { continue }
            let row = planned[index].row
            let words: (reason: Wording, allowed: Wording)
            switch twins.twin(key, voucher: voucher, place: row.number) {
            case nil: continue
            case .record(let first)? where key.type == .contractSigned:
                words = (ImportWords.contractTwinOfRecord(key, id: first.voucher, record: first.record, theirs: first.counterparty),
                         ImportWords.contractTwinOfRecordAllowed(id: first.voucher, door: .importFile, theirs: first.counterparty))
            case .earlier(let voucher, let place, let theirs)? where key.type == .contractSigned:
                words = (ImportWords.contractTwinOfRow(key, id: voucher, place: ImportWords.twinPlace(place, door: .importFile), door: .importFile, theirs: theirs),
                         ImportWords.twinOfRowAllowed(door: .importFile, .contract))
            case .record(let first)?:
                words = (ImportWords.twinOfRecord(key, voucher: first.voucher, record: first.record, door: .importFile, theirs: first.counterparty),
                         ImportWords.twinOfRecordAllowed(original: first.original, door: .importFile, theirs: first.counterparty))
            case .earlier(let voucher, let place, let theirs)?:
                words = (ImportWords.twinOfRow(key, voucher: voucher, place: ImportWords.twinPlace(place, door: .importFile), door: .importFile,
                                               theirs: theirs),
                         ImportWords.twinOfRowAllowed(door: .importFile))
            }
            // The phrase follows the row's voucher (or contract id): the cell, or the voucher the row states otherwise.
            let value = voucherColumn.flatMap { $0 < row.cells.count ? row.cells[$0].map(Cell.trimmed) : nil } ?? voucher
            planned[index].unlessRecorded.append(RowProblem(
                file: file, row: row.number, column: voucherColumn,
                heading: voucherColumn.flatMap { $0 < headings.count && !headings[$0].isEmpty ? headings[$0] : nil },
                value: value, reason: words.reason, allowed: words.allowed))
        }
    }

    /// `ledger append`'s twin check (session 39), the rule an import's rows meet in `refuse`: an issue at the voucher
    /// of each income, spending or transfer of `events` (a batch's new events, in order; `lines`: their input lines)
    /// that repeats a payment in effect in `log` (the whole log, or the records of the funds' communities) or an
    /// earlier event of the batch under another voucher; and at the contract id of each `contract.signed` that repeats
    /// a contract in effect or an earlier one of the batch under another id (`contractKey`, session 44: the rule and
    /// words of `ledger import contracts`). A correction's replacement is checked as the event it
    /// records, and a correction frees the payment it corrects for the events after it (void a payment and record it
    /// again, or correct its voucher, in one batch). The caller leaves the check out under `--allow-twins`.
    /// `opened`: the value of a private person's commitment (`private/`), so that a payment recorded for a private
    /// person and one appended with the name written out are one payer's (`Twins.otherForms`).
    public static func appended(_ events: [Event], lines: [Int], log: EffectiveLog,
                                opened: ((PersonalCommitment) -> String?)? = nil) -> [ValidationIssue] {
        var twins: Twins? = nil
        var issues: [ValidationIssue] = []
        // What each corrected payment shared with its twins before the batch: a correction that leaves it so (its
        // voucher corrected, say) is the payment it was, twins allowed when it was recorded (review 39: correcting
        // the voucher of the second of two payments recorded with --allow-twins demanded the flag again, naming the
        // first payment as the one to correct).
        var keysBefore: [String: [Key]] = [:]
        // A recorded payment the batch corrects or voids is no twin for any of its lines, wherever the correction
        // stands: after the batch only its correction is in effect (review 39g: a re-recorded payment before the
        // line voiding the old one was refused, the same two lines the other way round accepted).
        for event in events {
            guard case .correction(let c)? = event.payload.domain else { continue }
            if twins == nil { twins = Twins(log: log, keying: contractOrPaymentKey, opened: opened) }
            keysBefore[c.corrects, default: []] += twins!.forget(original: c.corrects)
        }
        for (index, event) in events.enumerated() {
            guard let payload = event.payload.domain else { continue }
            var checked: (payload: DomainEvent, date: CalendarDate)? = (payload, event.occurredOn)
            var original = event.id
            if case .correction(let c) = payload {
                if twins == nil { twins = Twins(log: log, keying: contractOrPaymentKey, opened: opened) }
                twins!.forget(original: c.corrects)
                checked = c.replacement.map { ($0.payload, $0.occurredOn) }
                original = c.corrects
            }
            guard let checked, let (key, voucher) = contractOrPaymentKey(checked.payload, on: checked.date) else { continue }
            if twins == nil { twins = Twins(log: log, keying: contractOrPaymentKey, opened: opened) }
            let reason: Wording
            // The event's own voucher (or contract id), said first: the cases below name the other one `voucher`.
            let own = voucher
            let found = twins!.twin(key, voucher: voucher, place: index, original: original)
            if case .record? = found, let original, keysBefore[original]?.contains(key) == true { continue }
            switch found {
            case nil: continue
            case .record(let first)? where key.type == .contractSigned:
                reason = ImportWords.twinAtAppend(own, ImportWords.contractTwinOfRecord(key, id: first.voucher, record: first.record, theirs: first.counterparty),
                                                  ImportWords.contractTwinOfRecordAllowed(id: first.voucher, door: .append, theirs: first.counterparty))
            case .earlier(let voucher, let place, let theirs)? where key.type == .contractSigned:
                let line = place < lines.count ? lines[place] : place + 1
                reason = ImportWords.twinAtAppend(own, ImportWords.contractTwinOfRow(key, id: voucher, place: ImportWords.twinPlace(line, door: .append),
                                                                                door: .append, theirs: theirs),
                                                  ImportWords.twinOfRowAllowed(door: .append, .contract))
            case .record(let first)?:
                reason = ImportWords.twinAtAppend(own, ImportWords.twinOfRecord(key, voucher: first.voucher, record: first.record, door: .append,
                                                                           theirs: first.counterparty),
                                                  ImportWords.twinOfRecordAllowed(original: first.original, door: .append, theirs: first.counterparty))
            case .earlier(let voucher, let place, let theirs)?:
                let line = place < lines.count ? lines[place] : place + 1
                reason = ImportWords.twinAtAppend(own, ImportWords.twinOfRow(key, voucher: voucher, place: ImportWords.twinPlace(line, door: .append),
                                                                        door: .append, theirs: theirs),
                                                  ImportWords.twinOfRowAllowed(door: .append))
            }
            let field = key.type == .contractSigned ? "contract_id" : "voucher"
            issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: event.id ?? "(no id)", type: event.type,
                                          field: event.type == EventType.correction.rawValue ? "data.replacement.data.\(field)" : "data.\(field)",
                                          reason: reason))
        }
        return issues
    }
}

extension ImportWords {
    /// What a payment and its twin share, as the row says it: `income of ¥100.00 to F-HY-PI on 2026-01-10 from
    /// "王明", category 其他` / `2026-01-10 F-HY-PI 收入 100.00元，付款方“王明”，类别 其他`.
    static func twinShared(_ key: ImportTwins.Key) -> Wording {
        let money = self.money(Amount(fen: key.fen))
        let party = key.counterparty.plainText.map { (en: "\"\(RowProblem.shown($0))\"", zh: "“\(RowProblem.shown($0))”") }
            ?? (en: "(the same private person)", zh: "（同一个个人，已作个人信息处理）")
        // The category as recorded (its code); in Chinese its word from docs/categories.md when it is one of them.
        let direction: Category.Direction = key.type == .fundSpending ? .spending : .income
        let word = CategoryVocabulary.all.first { $0.code == key.category && $0.direction == direction }?.zh ?? key.category
        let category = key.category.isEmpty ? (en: "", zh: "") : (en: ", category \(key.category)", zh: "，类别 \(word)")
        switch key.type {
        case .fundIncome:
            return Wording(en: "income of \(money.en) to \(key.fund) on \(key.date) from \(party.en)\(category.en)",
                           zh: "\(key.date) \(key.fund) 收入 \(money.zh)，付款方\(party.zh)\(category.zh)")
        case .fundSpending:
            return Wording(en: "spending of \(money.en) from \(key.fund) on \(key.date) to \(party.en)\(category.en)",
                           zh: "\(key.date) \(key.fund) 支出 \(money.zh)，收款方\(party.zh)\(category.zh)")
        default:
            return Wording(en: "transfer of \(money.en) from \(key.fund) to \(key.toFund) on \(key.date)",
                           zh: "\(key.date) 从 \(key.fund) 划转 \(money.zh) 到 \(key.toFund)")
        }
    }

    /// The other payment's counterparty when it is written in another form of the same name (`PayerName`):
    /// `, its counterparty written "青岛明月停車管理有限公司", the same name in other forms of its characters`.
    static func twinNamedOtherwise(_ key: ImportTwins.Key, theirs: PersonalText) -> Wording {
        guard case .plain(let name) = theirs, case .plain = key.counterparty, theirs != key.counterparty else { return Wording(en: "", zh: "") }
        let shown = RowProblem.shown(name)
        return Wording(en: ", its counterparty written \"\(shown)\", the same name in other forms of its characters",
                       zh: "，其中对方名称写作“\(shown)”，是同一名称的另一种字形写法")
    }

    /// A row or event that is a recorded payment's twin under another voucher (`theirs`: the record's counterparty
    /// as written), as a phrase that follows the row's (or event's) own voucher: `"SJ—001" is the voucher of a payment
    /// the ledger already holds …` (the append door puts the voucher before it: `twinAtAppend`).
    static func twinOfRecord(_ key: ImportTwins.Key, voucher: String, record: Evidence, door: SameMoneyDoor, theirs: PersonalText) -> Wording {
        let shared = twinShared(key)
        let shown = RowProblem.shown(voucher)
        let named = twinNamedOtherwise(key, theirs: theirs)
        return Wording(
            en: "is the voucher of a payment the ledger already holds under another voucher (record #\(record.seq) \(record.eventID), voucher \"\(shown)\"\(named.en): "
                + "\(shared.en)): every field but the voucher is the same, so it is most likely that payment again, its voucher \(door.twinCause.en), "
                + "and its money would be counted twice",
            zh: "所记的款项，账本中已以另一凭证号记录（记录 #\(record.seq) \(record.eventID)，凭证号“\(shown)”\(named.zh)：\(shared.zh)）：除凭证号外各项都相同，"
                + "多半是同一笔款项（凭证号\(door.twinCause.zh)），再记一次就重复记账了")
    }

    /// `theirs`: the record's counterparty as written; a private person's (a commitment) makes the advice say how the
    /// correction writes it (review 43d #4: the clerk's file holds the name in clear, and a correction copied from it
    /// would put the name in the log for good).
    static func twinOfRecordAllowed(original: String, door: SameMoneyDoor, theirs: PersonalText? = nil) -> Wording {
        Wording(
            en: "If it is the same payment, \(door.leaveOut.en); to change the recorded voucher, append a correction event of \(original) "
                + "whose replacement carries the right one. If it is another payment with the same fields, \(door.twinsAgain.en).",
            zh: "如果是同一笔款项，\(door.leaveOut.zh)；要改正已记录的凭证号，请追加一条更正（correction）事件，"
                + "更正记录 \(original)，在其 replacement 中写正确的凭证号。如果确是各项都相同的另一笔款项，\(door.twinsAgain.zh)。")
            + privatelyRecorded(theirs, party: TwinThing.payment.party)
    }

    /// What a twin check compares (`ImportTwins.key`, `ImportTwins.contractKey`), as the advice names it.
    enum TwinThing {
        case payment, contract

        /// One of them: `one payment` / `同一笔款项`.
        var one: (en: String, zh: String) {
            switch self {
            case .payment: ("one payment", "同一笔款项")
            case .contract: ("one contract", "同一份合同")
            }
        }
        /// Two of them that are not one: `two payments with the same fields` / `各项都相同的两笔款项`.
        var two: (en: String, zh: String) {
            switch self {
            case .payment: ("two payments with the same fields", "各项都相同的两笔款项")
            case .contract: ("two contracts for the same parts, tenant, term and rent", "同一部分、同一承租方、同一期限和租金的两份合同")
            }
        }
        /// The party a private person may be: `payer` / `付款方`.
        var party: (en: String, zh: String) {
            switch self {
            case .payment: ("payer", "付款方")
            case .contract: ("tenant", "承租方")
            }
        }
    }

    /// After the advice on a recorded twin: when the record keeps its `party` private (`theirs` a commitment), how a
    /// correction writes it (review 43d #4: the clerk's file holds the name in clear, and a correction copied from it
    /// would put the name in the log for good); nothing otherwise.
    static func privatelyRecorded(_ theirs: PersonalText?, party: (en: String, zh: String)) -> Wording {
        guard case .committed? = theirs else { return Wording(en: "", zh: "") }
        return Wording(en: " ", zh: "") + recordedPrivatePerson(party)
    }

    /// A record's `party` is a private person: a replacement writes it as `{"person": …}` (or `otherwise`: by
    /// default, the row imported with `--private` as before), never the name in clear, which could never be erased
    /// (ledger-spec.md 10.3: only `private/` can be erased, never a record).
    static func recordedPrivatePerson(_ party: (en: String, zh: String),
                                      otherwise: Wording = Wording(en: "the row is imported with --private as before", zh: "像上次一样加 --private 导入")) -> Wording {
        Wording(en: "The recorded \(party.en) is a private person (kept in private/): the replacement writes it as {\"person\": …} "
                    + "(or \(otherwise.en)), never the name in clear, which could never be erased.",
                zh: "已记录的\(party.zh)是自然人（个人信息保存在 private/ 中）：更正的 replacement 中请写作 {\"person\": …}"
                    + "（或\(otherwise.zh)），不要写明文姓名，否则日后无法删除。")
    }

    /// Where an earlier row or event of the same payment is: `row 4 of this file`, `line 4 of this batch`.
    static func twinPlace(_ number: Int, door: SameMoneyDoor) -> Wording {
        switch door {
        case .importFile: return Wording(en: "row \(number) of this file", zh: "本文件第 \(number) 行")
        case .append: return Wording(en: "line \(number) of this batch", zh: "这一批的第 \(number) 行")
        }
    }

    /// A row or event that is an earlier one's twin under another voucher (`place`: `twinPlace`), as a phrase that
    /// follows its own voucher (review import50 #2: `"P-2" row 2 of this file gives …` read broken).
    static func twinOfRow(_ key: ImportTwins.Key, voucher: String, place: Wording, door: SameMoneyDoor, theirs: PersonalText) -> Wording {
        let shared = twinShared(key)
        let shown = RowProblem.shown(voucher)
        let named = twinNamedOtherwise(key, theirs: theirs)
        return Wording(
            en: "is the voucher of a payment that \(place.en) already gives under another voucher (\"\(shown)\"\(named.en): \(shared.en)): every field but "
                + "the voucher is the same, so it is most likely one payment written twice, and its money would be counted twice",
            zh: "所记的款项，\(place.zh)已以另一凭证号记载（凭证号“\(shown)”\(named.zh)：\(shared.zh)）：除凭证号外各项都相同，"
                + "多半是同一笔款项写了两次，都\(door.twinVerb)就重复记账了")
    }

    /// What to do with two rows (or events) of one file (or batch) that are twins (`thing`: payments or contracts).
    static func twinOfRowAllowed(door: SameMoneyDoor, _ thing: TwinThing = .payment) -> Wording {
        let two = door == .append ? (en: "events", zh: "两个事件", one: "一个") : (en: "rows", zh: "两行", one: "一行")
        return Wording(
            en: "If the two \(two.en) are \(thing.one.en), keep one of them. If they are \(thing.two.en), \(door.twinsAgain.en).",
            zh: "如果\(two.zh)是\(thing.one.zh)，请只保留\(two.one)；如果确是\(thing.two.zh)，\(door.twinsAgain.zh)。")
    }

    /// A twin's reason and what to do, as one issue of an append batch: `value` (the event's own voucher, contract
    /// id or part id) before the reason, as a row's value stands before it in an import's message, so that the two
    /// doors read one sentence (`field "data.voucher": "N-2" is the voucher of a payment that line 1 of this batch …`).
    static func twinAtAppend(_ value: String, _ reason: Wording, _ allowed: Wording) -> Wording {
        let shown = RowProblem.shown(value)
        return Wording(en: "\"\(shown)\" " + reason.en + ". " + allowed.en, zh: "“\(shown)”" + reason.zh + "。" + allowed.zh)
    }
}

extension ImportWords.SameMoneyDoor {
    /// How the clerk says a twin is another payment: (en, zh).
    var twinsAgain: (en: String, zh: String) {
        switch self {
        case .importFile: return ("import the file again with --allow-twins", "请加 --allow-twins 重新导入该文件")
        case .append: return ("append the batch again with --allow-twins", "请加 --allow-twins 重新追加这一批")
        }
    }

    /// How a recorded payment's voucher came to be written otherwise: (en, zh).
    var twinCause: (en: String, zh: String) {
        switch self {
        case .importFile: return ("corrected or changed by Excel", "改过，或被 Excel 改动")
        case .append: return ("corrected or written otherwise", "改过，或写法不同")
        }
    }

    /// What recording both does: 导入, 追加.
    var twinVerb: String { self == .append ? "追加" : "导入" }
}
