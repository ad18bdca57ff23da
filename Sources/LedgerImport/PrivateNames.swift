import LedgerEvents

/// The names the ledger keeps only as private persons' (`private/`, ledger-spec.md 10.3), by the payer-name key
/// (`PayerName.key`: widths, spaces, letter case, middle dots and variant characters are no difference, as the
/// contract-tenant check of a statement compares them), so that every door that writes events can refuse one written
/// in clear (review 46e): the log keeps every byte for ever, and only `private/` can be erased.
///
/// Two questions: whether a person field's whole value is a kept name (`holds`), and whether a free text — a purpose,
/// a description, a memo, an account, a file's name — holds one inside it (`name(inText:)`, review 47c #1). A kept
/// value that is one of the ledger's own role words (`PartyName.isRole`: 业主委员会, committed by an earlier
/// `--private counterparty`) is kept by neither (review 47c #3), so that `rectify --issue`'s own words append; any
/// other committed value stays kept, an organisation's name included: it was committed, and only `private/` can be
/// erased (review 48).
public struct PrivateNames: Sendable {
    private let keys: Set<String>
    /// The names looked for in free text, by their first two characters (`Pair`), longest first: each kept value's
    /// key and, for a value with a note in brackets at its end (`张三（2号楼102室）`, README's advice for two people of
    /// one name), the name before the note (`张三`). A name of fewer than two characters is never looked for.
    private let inText: [Pair: [[Character]]]

    /// Two characters in a row, the key of `inText`.
    private struct Pair: Hashable, Sendable {
        var first: Character
        var second: Character
    }

    /// - Parameter values: the values `private/` holds (an erased one is not there), and those committed in this run.
    /// - Complexity: O(n) in the values, each value's key made once (`PayerName.key`, which the role-word test reads
    ///   too): what every writer pays for every person `private/` keeps (docs/private51.md).
    public init(values: some Sequence<String>) {
        var keys = Set<String>()
        // Each name looked for once, as the characters `name(inText:)` compares (not as a `String`, whose equality and
        // grapheme breaks after a dot is dropped are not the array's): a set, where a scan of the pair's list was.
        var names = Set<[Character]>()
        for value in values {
            let key = PayerName.key(value)
            // `PartyName.isRole(value)` is `roleWords.contains(PayerName.key(value))`: the same key, made once
            // (session 51: the second key of every value was 8 % of a writer's samples with 10,000 persons).
            guard !PartyName.roleWords.contains(key) else { continue }
            keys.insert(key)
            // A text is read with every dot as a word's edge (`name(inText:)`), so the names looked for hold none.
            for name in Self.namesInText(key) {
                let plain = name.contains(where: Self.isDot) ? name.filter { !Self.isDot($0) } : name
                guard plain.count >= 2 else { continue }
                // Two names equal as characters (canonically equivalent: `José` precomposed and decomposed) are one
                // name; the one told is the one whose UTF-8 bytes sort first, never the first inserted, which came
                // from `private/`'s dictionary order (a process's hash seed: review of privnames51 #1).
                let (inserted, held) = names.insert(plain)
                if !inserted, String(plain).utf8.lexicographicallyPrecedes(String(held).utf8) { names.update(with: plain) }
            }
        }
        // Each name with its text made once: the sort below compares texts, and made in the comparator they were a
        // tenth of a writer's time with 100,000 persons (names of common surnames share their first two characters).
        var grouped: [Pair: [(characters: [Character], text: String)]] = [:]
        for name in names { grouped[Pair(first: name[0], second: name[1]), default: []].append((name, String(name))) }
        var inText: [Pair: [[Character]]] = [:]
        inText.reserveCapacity(grouped.count)
        for (pair, var list) in grouped {
            if list.count > 1 {
                // Longest first, then by text; two arrays the same as texts (canonically equivalent, differently
                // broken) by their scalars, so that their order never depends on the set's (a process's hash seed).
                list.sort { a, b in
                    if a.characters.count != b.characters.count { return a.characters.count > b.characters.count }
                    if a.text != b.text { return a.text < b.text }
                    return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars) { $0.value < $1.value }
                }
            }
            inText[pair] = list.map(\.characters)
        }
        self.keys = keys
        self.inText = inText
    }

    /// The names of a kept value's key looked for in free text: the key, and the name before a note in brackets at
    /// its end (`张三(2号楼102室)` → `张三`; brackets are ASCII in the key).
    static func namesInText(_ key: String) -> [[Character]] {
        let whole = Array(key)
        guard key.hasSuffix(")"), let open = whole.firstIndex(of: "("), open >= 2 else { return [whole] }
        return [whole, Array(whole[..<open])]
    }

    /// Whether no name is kept: nothing to look for.
    public var isEmpty: Bool { keys.isEmpty }

    /// Whether `text`, written in clear, is a name kept private.
    public func holds(_ text: String) -> Bool {
        !keys.isEmpty && keys.contains(PayerName.key(text))
    }

    /// The kept name `text` holds inside it, in its key's form (`张伟` for `退还張　偉多交停车费`), else nil: read as
    /// `holds` reads a name (`PayerName.key`), the name anywhere in the text. A name of Han characters is found
    /// wherever it stands (Chinese runs words together: `退还张伟多交`), so a two-character name is also found inside
    /// an ordinary word that happens to be written the same (高峰 in 用电高峰); a name beginning or ending with a
    /// letter or digit of another script (`li na`) only where the text has no such letter or digit, or a space,
    /// right beside it (not `lina` in `Carolina`). The earliest name in the text, the longest there, is told.
    /// - Complexity: O(n × m), n the text's characters and m the kept names sharing two first characters.
    public func name(inText text: String) -> String? {
        guard !inText.isEmpty else { return nil }
        let (characters, wordStarts) = Self.keyCharacters(of: text)
        let count = characters.count
        guard count >= 2 else { return nil }
        for start in 0..<(count - 1) {
            guard let names = inText[Pair(first: characters[start], second: characters[start + 1])] else { continue }
            for name in names where start + name.count <= count {
                guard characters[start..<(start + name.count)].elementsEqual(name),
                      Self.standsAtWordEdges(name, at: start, in: characters, wordStarts: wordStarts) else { continue }
                return String(name)
            }
        }
        return nil
    }

    /// `text` as the in-text check reads it: word by word, so that where a space stood is known (a Latin name needs
    /// a word's edge), each word's payer-name key's characters one after the other, and where each word starts. A
    /// dot (`PayerName.dots`, `．` too) is a word's edge as a space is (review privacy49 #4: `Mr.John Smith`,
    /// `Mr·John Smith`, `John Smith.Jr` hold `John Smith`), whether or not the payer-name key drops it.
    static func keyCharacters(of text: String) -> (characters: [Character], wordStarts: Set<Int>) {
        var characters: [Character] = []
        var wordStarts = Set<Int>()
        for word in text.split(whereSeparator: { $0.isWhitespace || isDot($0) }) {
            wordStarts.insert(characters.count)
            characters.append(contentsOf: PayerName.key(String(word)))
        }
        return (characters, wordStarts)
    }

    /// Whether `name`, whose characters stand in `characters` from `start`, is found there: a name beginning or
    /// ending with a letter or digit of a script written with spaces (`isWordCharacter`) only where no such
    /// character stands right beside it in the same word.
    static func standsAtWordEdges(_ name: [Character], at start: Int, in characters: [Character], wordStarts: Set<Int>) -> Bool {
        let end = start + name.count
        if isWordCharacter(name[0]), start > 0, !wordStarts.contains(start), isWordCharacter(characters[start - 1]) { return false }
        if isWordCharacter(name[name.count - 1]), end < characters.count, !wordStarts.contains(end), isWordCharacter(characters[end]) { return false }
        return true
    }

    /// Whether `character` is one of `PayerName.dots` (the full-width `．` too): a word's edge in a text.
    static func isDot(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let only = scalars.first else { return false }
        return only.value == 0xFF0E || PayerName.dots.contains(only.value)
    }

    /// A letter or digit of a script written with spaces between words (not a Han character or kana).
    static func isWordCharacter(_ character: Character) -> Bool {
        guard character.isLetter || character.isNumber, let scalar = character.unicodeScalars.first else { return false }
        let value = scalar.value
        let han = (0x2E80...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x3FFFF).contains(value)
        return !han
    }

    /// The paths of a record's `data` whose id the reference checks look up (ledger-spec.md 10.4:
    /// `Registers.checkReferences` refuses a part, community, fund, decision, contract, use, occupation, import or
    /// rectification list that neither the log nor the batch registers; rule 7 an unknown `corrects`), by the
    /// record's type, an element of a list written `[]` (review privacy49 #1: exact paths, taken from those checks,
    /// never a bare member name — a decision's `authorises.contract_id`, which 10.4 does not check, and anything
    /// under `attributes` are searched). A correction's replacement is read by its own type, under `replacement.data.`.
    /// A reference check added there adds its path here (`PrivateNamesTests.everyCitedPathAndNoOther` reads this table;
    /// `PrivFix49Tests.aCitedPath` appends through the checks).
    public static let citedPaths: [EventType: Set<String>] = [
        .assetRegistered: ["community_id", "source.import_id"],
        .assetUpdated: ["asset_id", "source.import_id"],
        .assetRetired: ["asset_id"],
        .registerImported: ["community_id"],
        .fundOpened: ["community_id"],
        .decisionRecorded: ["community_id", "authorises.asset_ids[]"],
        .contractSigned: ["community_id", "asset_ids[]", "decision_id", "payee_fund_id"],
        .contractTerminated: ["contract_id"],
        .useStarted: ["asset_id", "authority.contract_id", "authority.decision_id"],
        .useEnded: ["use_id"],
        .inspectionRecorded: ["asset_id"],
        .occupationReported: ["asset_id"],
        .occupationCleared: ["occupation_id"],
        .fundIncome: ["fund_id", "source.contract_id"],
        .fundSpending: ["fund_id", "decision_id", "asset_ids[]"],
        .fundTransfer: ["from_fund_id", "to_fund_id", "decision_id"],
        .fundBalanceAsserted: ["fund_id"],
        .disclosurePublished: ["community_id", "fund_ids[]"],
        .rectificationIssued: ["community_id"],
        .rectificationReported: ["list_id"],
        .rectificationVerified: ["list_id"],
        .rectificationExtended: ["list_id"],
        .correction: ["corrects"],
    ]

    /// The member holding the id a record of `type` introduces (`EventInput.introducedIDMember`; a rectification
    /// list's `list_id` too), else nil.
    public static func introducedMember(_ type: EventType) -> String? {
        EventInput.introducedIDMember[type] ?? (type == .rectificationIssued ? "list_id" : nil)
    }

    /// Whether the string at `field` (a path of `freeTexts`) of a record of `type` cites an id the log holds (or
    /// the batch introduces), rather than being a text or a new id: such a value is not searched for a kept name.
    /// An id written before the name was kept (part `A-高峰路-01`, before 高峰 was committed) must stay citable by its
    /// uses, retirement and corrections, and it is in the log already, for ever, whatever the new record says
    /// (review 48 #1). Only the exact paths the reference checks look up (`citedPaths`) are citations: an id there
    /// that neither the log nor the batch registers is refused by those checks (ledger-spec.md 10.4), and the record
    /// introducing an id is searched, so a kept name reaches the log through a citation only where the log held it.
    /// - Parameters:
    ///   - type: the record's type (a correction's replacement is read by its own `type`).
    ///   - replacementType: a correction's replacement's type, nil for any other record.
    ///   - keptID: a correction's replacement's introduced id when it is the very id the corrected record
    ///     registered (then cited, not introduced); nil when it is not, or not known.
    public static func isReference(_ field: String, type: EventType, replacementType: EventType? = nil, keptID: String? = nil,
                                   text: String) -> Bool {
        let path = field.replacing(/\[[0-9]+\]/, with: "[]")
        if citedPaths[type]?.contains(path) == true { return true }
        let inReplacement = "replacement.data."
        guard type == .correction, let replacementType, path.hasPrefix(inReplacement) else { return false }
        let inner = String(path.dropFirst(inReplacement.count))
        if citedPaths[replacementType]?.contains(inner) == true { return true }
        // The replacement's introduced id is cited when it keeps, byte for byte, the corrected record's.
        if inner == introducedMember(replacementType) { return keptID.map { $0.utf8.elementsEqual(text.utf8) } ?? false }
        return false
    }

    /// The free texts of a record's `data` that the writers search for a kept name (`freeTexts`, less the ids it
    /// cites: `isReference`): the one rule of `ledger append` and every `ledger import` (review 48 #5).
    public static func searchedTexts(of data: [String: JSONValue], type: EventType, personal: Set<String>,
                                     keptID: String? = nil) -> [(field: String, text: String)] {
        var replacementType: EventType? = nil
        if type == .correction, case .object(let replacement)? = data["replacement"] {
            replacementType = replacement["type"]?.stringValue.flatMap(EventType.init(rawValue:))
        }
        return freeTexts(of: data, personal: personal).filter { item in
            !isReference(item.field, type: type, replacementType: replacementType, keptID: keptID, text: item.text)
        }
    }

    /// Whether the object at `path` is a free-form map whose keys the clerk chose: a part's `attributes`
    /// (`asset.registered`), `changes.attributes` (`asset.updated`), and either in a correction's replacement.
    static func isFreeFormMap(_ path: String) -> Bool {
        path == "attributes" || path.hasSuffix(".attributes")
    }

    /// Every free text of a record's `data`, by its path (`purpose`, `source.memo`, `items[0].measures`), in the order
    /// of its keys: each string value outside the person fields (`personal`, read whole by `holds`), ids and
    /// categories included, since the log keeps every one for ever, and each key of a free-form map (`isFreeFormMap`)
    /// at the map's path. A person field's commitment is no text.
    public static func freeTexts(of data: [String: JSONValue], personal: Set<String>) -> [(field: String, text: String)] {
        var out: [(field: String, text: String)] = []
        func visit(_ value: JSONValue, _ path: String) {
            guard !personal.contains(path) else { return }
            switch value {
            case .string(let text): out.append((path, text))
            case .object(let members):
                // A free-form map's keys are the clerk's words too (an extra column's heading; review privacy49 #3):
                // each is a text at the map's own path.
                if isFreeFormMap(path) { for key in members.keys.sorted() { out.append((path, key)) } }
                for key in members.keys.sorted() { visit(members[key]!, path + "." + key) }
            case .array(let items): for (index, item) in items.enumerated() { visit(item, path + "[\(index)]") }
            default: break
            }
        }
        for key in data.keys.sorted() { visit(data[key]!, key) }
        return out
    }
}

/// A name the ledger keeps private, written in clear in a person field (review 46e).
extension ImportWords {
    /// Where the name was given: the advice names the way to keep it private there.
    public enum PrivateNameDoor: Sendable {
        /// A row of `ledger import KIND` (`field`: the person column's field, as `--private` takes it).
        case importFile(field: String)
        /// A line of a bank statement (`--private counterparty`, one choice for the file).
        case statement
        /// An event of `ledger append` (`field`: the member, as `--private` takes it).
        case append(field: String)
    }

    /// `… is a name the ledger keeps only as a private person's …`: follows the value, as a row's reason does.
    public static let privateNameInClear = Wording(
        en: "is a name the ledger keeps only as a private person's, in private/ (erasable, PIPL Art. 47): written here in clear it would stay in the log for ever, where `ledger erase-personal` cannot reach it",
        zh: "是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名：在这里以明文写入，就会永久留在日志中，“ledger erase-personal”也删除不了")

    /// Where a free text holding a kept name was given: the advice names the way to write it otherwise.
    public enum PrivateTextDoor: Sendable {
        /// A cell of `ledger import KIND`.
        case importFile
        /// A line of a bank statement: the bank's memo, which the clerk cannot edit (a rule sets the purpose).
        case statement
        /// A member of an event of `ledger append`.
        case append
    }

    /// `field … holds "张伟", a name the ledger keeps only as a private person's …` (review 47c #1): follows the
    /// value, as a row's reason does.
    /// - Parameter field: the member's path, said in brackets; nil where the message names the field already
    ///   (`ledger append`'s `file:line: data.purpose: …`, review 48 #6).
    public static func privateNameInText(_ name: String, field: String?) -> Wording {
        let shown = DisplayText.visible(name)
        guard let field else {
            return Wording(en: "holds \"\(shown)\", a name the ledger keeps only as a private person's, in private/ (erasable, PIPL Art. 47): a text stays in the log for ever, where `ledger erase-personal` cannot reach it",
                           zh: "中含有“\(shown)”，这是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名：文字会永久留在日志中，“ledger erase-personal”也删除不了")
        }
        return Wording(en: "(\(field)) holds \"\(shown)\", a name the ledger keeps only as a private person's, in private/ (erasable, PIPL Art. 47): a text stays in the log for ever, where `ledger erase-personal` cannot reach it",
                       zh: "（\(field)）中含有“\(shown)”，这是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名：文字会永久留在日志中，“ledger erase-personal”也删除不了")
    }

    /// What to do with a kept name inside a free text: write a role or a reference instead; and for a short name
    /// found inside an ordinary word, write that word otherwise (README, "Personal data").
    public static func privateNameInTextAllowed(_ door: PrivateTextDoor) -> Wording {
        var out = Wording(en: "Write the person's role or a reference instead of the name (业主, 承租方, 2号楼102室住户, the contract's or the record's id): a text never names a private person. A name of two characters is found inside any word written the same (高峰 in 用电高峰): write such a word otherwise.",
                          zh: "请用身份或编号代替姓名（如 业主、承租方、2号楼102室住户、合同或记录的编号）：文字中不要写出个人的姓名。两个字的姓名在同样写法的词中也会被认出（如“用电高峰”中的“高峰”）：请换一种写法。")
        switch door {
        case .importFile:
            break
        case .statement:
            out = out + Wording(en: " The text is the bank's: give the line a rule in the rules file (--rules) that sets its purpose ({\"if\": {\"memo\": \"…\"}, \"purpose\": \"…\"}) or its counterparty.",
                                zh: "这段文字来自银行：请在规则文件（--rules）中为这一行加一条规则，设定其用途（{\"if\": {\"memo\": \"…\"}, \"purpose\": \"…\"}）或对方。")
        case .append:
            out = out + Wording(en: " The person's own field takes the name as {\"person\": \"…\"}.",
                                zh: "本人所在的字段可写作 {\"person\": \"…\"}。")
        }
        return out
    }

    /// An import's file whose name holds a kept name: `register.imported` records the name for ever (review 47c #1).
    public static func privateNameInFileName(_ file: String, name: String) -> Wording {
        let shownFile = DisplayText.visible(file), shown = DisplayText.visible(name)
        return Wording(en: "the file's name \"\(shownFile)\" holds \"\(shown)\", a name the ledger keeps only as a private person's, in private/ (erasable, PIPL Art. 47); the import records the file's name in the log for ever. Rename the file without the name (by date and kind: 2025-03-收入.csv) and import it again. Nothing was imported.",
                       zh: "文件名“\(shownFile)”中含有“\(shown)”，这是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名；导入会把文件名永久记入日志。请把文件改为不含姓名的名称（按日期和种类，如 2025-03-收入.csv）再导入。本次什么也没有导入。")
    }

    /// After an erasure: a row (without `--private`) of a record whose private person `private/` no longer holds —
    /// erased, or `private/` lost (review 47c #7). The advice to import with `--private` as before would record an
    /// erased name again; the record stands as it is.
    /// - Parameter committedAgain: the row commits the field again (`--private`, review 48 #2): said why it is not
    ///   recognised as the recorded row.
    static func erasedPersonNotAgain(_ fields: [String], _ eventID: String, committedAgain: Bool = false) -> Wording {
        let names = fields.joined(separator: ", ")
        let again = !committedAgain ? Wording(en: "", zh: "")
            : Wording(en: "With --private the row's \(names) gets a new commitment, since the record's can no longer be opened and compared: the row is not recognised as the recorded one. ",
                      zh: "加 --private 时，这一行的 \(fields.joined(separator: "、")) 会得到新的承诺值，因为记录中的承诺值已无法打开比对：这一行不会被认作已记录的那一行。")
        return again + Wording(en: "The ledger holds \(names) of this record (\(eventID)) as a private person's, and private/ no longer holds that person's name. If the person's data was erased (PIPL Art. 47; `ledger log` shows the erasure), the record stands, its person erased: leave this row out of the file, and do not import it again (with --private or without) nor write the name in a correction, which would record the erased person again. If it was not erased, private/ lost the name: restore private/ from the backup of this ledger, then import the file as before.",
                       zh: "账本中这条记录（\(eventID)）的 \(fields.joined(separator: "、")) 是作为个人信息记录的，而 private/ 中已没有此人的姓名。如果此人的个人信息已依法删除（《个人信息保护法》第四十七条；“ledger log”中可见删除记录），记录保持不变，其中的人已删除：请把这一行从文件中去掉，不要再导入（加不加 --private 都不要），也不要在更正中写出该姓名，那会重新记录已删除的人。如果没有删除过，就是 private/ 丢失了该姓名：请从本账本的备份恢复 private/，再像当初一样导入。")
    }

    /// Where the actor (who records) was given: the refusal names it, so that the clerk changes the right one.
    public enum ActorSource: String, Sendable, CaseIterable {
        /// `--actor NAME` on the command line.
        case option = "--actor"
        /// `$LEDGER_ACTOR`, taken when `--actor` is not given.
        case ledgerActor = "$LEDGER_ACTOR"
        /// `$USER`, taken when neither `--actor` nor `$LEDGER_ACTOR` is.
        case user = "$USER"
        /// An event's own `"actor"` (`ledger append`): the line's field names it already.
        case event = "actor"
    }

    /// The one refusal of an actor that is a name the ledger keeps private (review 47c #4; one function since
    /// review 48 #6, for `append`, every `import` and `erase-personal`): where it came from, the value, why, and what
    /// to give instead. An environment variable's value is told with the way to override it (`--actor`).
    public static func privateNameAsActor(_ actor: String, source: ActorSource) -> Wording {
        let shown = DisplayText.visible(actor)
        let subject: Wording
        switch source {
        case .event: subject = Wording(en: "\"\(shown)\" ", zh: "“\(shown)”")
        default: subject = Wording(en: "\(source.rawValue) \"\(shown)\" ", zh: "\(source.rawValue) “\(shown)”")
        }
        var out = subject + privateNameInClear + Wording(en: ". ", zh: "。") + privateNameAsActorAllowed
        switch source {
        case .ledgerActor, .user:
            out = out + Wording(en: " It was taken from \(source.rawValue), as no --actor was given: give --actor NAME (taken first), or set \(source.rawValue) to the account.",
                                zh: "这个名称取自 \(source.rawValue)（没有给出 --actor）：请加 --actor 名称（优先采用），或把 \(source.rawValue) 改为工作账号。")
        case .option, .event:
            break
        }
        return out
    }

    /// `--actor` (or an event's `actor`) that is a name the ledger keeps private (review 47c #4): who records is a
    /// staff account or role, kept in every record for ever.
    public static let privateNameAsActorAllowed = Wording(
        en: "The actor (who records) stays in every record for ever and cannot be erased: give the staff account or role who records instead (clerk-li, 业委会-办公室), never a private person's name.",
        zh: "记录人会永久保存在每条记录中，无法删除：请改用记录人的工作账号或身份（如 clerk-li、业委会-办公室），不要用作为个人信息保存的姓名。")

    /// What to do with a private name in a register's extra column, which has no `--private` (review 47c).
    public static let privateNameInRegisterAllowed = Wording(
        en: "A register records common parts, not persons: leave the name out of this column (record the person's use with `ledger import uses --private user`). If it is another person of the same name, write something more that tells them apart (a unit number: 张三（3号楼2单元）).",
        zh: "登记册记录共有部分，不记录个人：请从这一列中去掉该姓名（个人使用情况请用“ledger import uses --private user”记录）。如果是同名的另一个人，请多写一些以示区别（如房号：张三（3号楼2单元））。")

    /// What to do: keep the name private as the ledger keeps it, or tell another person of the same name apart.
    public static func privateNameInClearAllowed(_ door: PrivateNameDoor) -> Wording {
        let other = Wording(en: " If it is another person of the same name, write something more that tells them apart (a unit number: 张三（3号楼2单元）).",
                            zh: "如果是同名的另一个人，请多写一些以示区别（如房号：张三（3号楼2单元））。")
        switch door {
        case .importFile(let field):
            return Wording(en: "Import the file with --private \(field): the column's names are then kept in private/ too, erasable.",
                           zh: "请加 --private \(field) 导入该文件：该列的名称也将保存在 private/ 中，可依法删除。") + other
        case .statement:
            return Wording(en: "Import the statement with --private counterparty: every line's counterparty that names a person is then kept in private/, as this name is (a company or a role by its words — …有限公司, 业主委员会 — stays in clear).",
                           zh: "请加 --private counterparty 导入本对账单：各行中是个人的对方名称都将保存在 private/ 中，与这个姓名一样（按名称可知是单位或身份的——如 ……有限公司、业主委员会——仍按原文记录）。") + other
        case .append(let field):
            return Wording(en: "Write it {\"person\": \"…\"}, or append the batch with --private \(field): the record then holds a commitment and the name stays erasable.",
                           zh: "请写作 {\"person\": \"…\"}，或加 --private \(field) 追加这一批：记录中只保存承诺值，姓名仍可依法删除。") + other
        }
    }
}
