import LedgerEvents
import LedgerProjections

/// What `--community` names when the ledger registers no community under it (review 38e M2, m2): the name of a
/// registered community (`海韵小区` for `C-HY`), a full-width or letter-case variant of a registered id (`Ｃ-HY`,
/// `c-hy`), or nothing the ledger holds. The advice then says which id to pass, instead of "not registered; record
/// it first" (which would register the community a second time under its name or a variant of its id).
enum CommunityOption {
    /// How many registered ids an advice lists when the option matches none.
    static let listedMax = 10

    /// The advice for `given`, which names no registered community (`names`: registered id → its name, every
    /// community the ledger holds); nil when the ledger holds no community at all.
    static func advice(_ given: String, names: [String: String]) -> Wording? {
        guard !names.isEmpty else { return nil }
        let shown = DisplayText.visible(given)
        let byName = names.filter { $0.value == given || folded($0.value) == folded(given) }.keys.sorted()
        if let id = byName.first {
            guard byName.count == 1 else {
                let ids = byName.joined(separator: ", ")
                return Wording(en: "\"\(shown)\" is the name of the communities \(ids), not an id; pass the id of the one meant, e.g. --community \(id)",
                               zh: "“\(shown)”是小区 \(ids) 的名称，不是编号；请给出所指小区的编号，例如 --community \(id)")
            }
            return Wording(en: "\"\(shown)\" is the name of community \(id), not its id; pass --community \(id)",
                           zh: "“\(shown)”是小区 \(id) 的名称，不是编号；请写 --community \(id)")
        }
        if let id = names.keys.sorted().first(where: { folded($0) == folded(given) }) {
            return Wording(en: "the ledger holds community \"\(id)\" (\(DisplayText.visible(names[id] ?? ""))), which differs from \"\(shown)\" only in full-width characters or letter case; pass --community \(id)",
                           zh: "账本中有小区“\(id)”（\(DisplayText.visible(names[id] ?? ""))），与“\(shown)”只有全角半角或大小写不同；请写 --community \(id)")
        }
        let ids = names.keys.sorted()
        let listed = ids.prefix(listedMax).map { "\($0) (\(DisplayText.visible(names[$0] ?? "")))" }.joined(separator: ", ")
        let listedZh = ids.prefix(listedMax).map { "\($0)（\(DisplayText.visible(names[$0] ?? ""))）" }.joined(separator: "、")
        let more = ids.count > listedMax ? Wording(en: " and \(ids.count - listedMax) more", zh: "等 \(ids.count) 个") : Wording(same: "")
        return Wording(en: "the registered communities are \(listed)\(more.en); pass one of their ids, or register the community first",
                       zh: "已登记的小区有 \(listedZh)\(more.zh)；请写其中一个编号，或先登记该小区")
    }

    /// `issue` with the advice when it says `given` (the `--community`) is not registered: instead of "record it
    /// first" when the option names a registered community by its name or a variant of its id, else after it.
    static func advised(_ issue: ValidationIssue, given: String?, names: [String: String]) -> ValidationIssue {
        guard let given, case .entity(_, let id)? = issue.missing, id == given, let advice = advice(given, names: names) else { return issue }
        if names[given] == nil, matches(given, names: names) {
            let shown = DisplayText.visible(given)
            return issue.about(option: "community",
                               reason: Wording(en: "--community \"\(shown)\" is no registered community's id: ", zh: "--community “\(shown)”不是已登记小区的编号：")
                                   + advice)
        }
        return issue.with(reason: issue.wording + Wording(en: "; ", zh: "；") + advice)
    }

    /// `issue` reworded when it says that `given`, an option's id (`option`: `community`, `fund`) that begins with Excel's
    /// text marker (`--community "'C-X"`: `Cell.textMarker`), is not registered: the option is refused as a cell is,
    /// with the mark named (review apos49: only cells were checked, and `'C-X` on the command line was taken as is,
    /// an id no record holds). nil for any other issue. An id the ledger holds with the mark (registered so by a
    /// version before the rule) raises no such issue and still names its community or fund, as a cell's does.
    ///
    /// The id to give instead is looked up as an unmarked option's is (`advice`, review carried51 #1): the id
    /// without its marks when the ledger holds it; the registered id when that is a variant of one or a community's
    /// name; the id the ledger holds with another mark (`‘C-U` for `'C-U`); otherwise the registered ids — never an
    /// id the next run would refuse as not registered (which would invite registering the community twice).
    /// - Parameters:
    ///   - held: every registered id of `option`'s kind → its name (a community) or account (a fund), read only
    ///     when the issue is the option's marked id.
    static func markedOption(_ issue: ValidationIssue, option: String, given: String?,
                             held: () -> [String: String]) -> ValidationIssue? {
        guard let given, let mark = Cell.textMarker(given), case .entity(_, let id)? = issue.missing, id == given else { return nil }
        let ids = held()
        return issue.about(option: option, reason: ImportWords.optionTextMarker(option: option, given: given, mark: mark,
                                                                               instead: markedAdvice(option: option, given: given, held: ids),
                                                                               heldMarked: heldWithAnotherMark(given, held: ids) != nil))
    }

    /// Whether `given` (`--community`) begins with Excel's text marker and names no community the ledger holds
    /// (`names`): its problem is the file's, told once (`markedOption`); a row's community cell is not compared
    /// with it — "write 'C-T into the cell" would advise an id the ledger refuses (review carried51 #2).
    static func markedNotHeld(_ given: String?, names: [String: String]) -> Bool {
        guard let given else { return false }
        return Cell.textMarker(given) != nil && names[given] == nil
    }

    /// The id the ledger holds that is `given` with another mark (`‘C-U` for `'C-U`, registered so by a version
    /// before the rule), if any and if the id without a mark is not held itself.
    static func heldWithAnotherMark(_ given: String, held: [String: String]) -> String? {
        let without = unmarked(given)
        guard !without.isEmpty, held[without] == nil else { return nil }
        return held.keys.sorted().first { $0 != given && Cell.textMarker($0) != nil && unmarked($0) == without }
    }

    /// What to give instead of a marked option's id `given` (`markedOption`).
    static func markedAdvice(option: String, given: String, held: [String: String]) -> Wording {
        let without = unmarked(given)
        guard !without.isEmpty else { return Wording(en: "give the id without it", zh: "写不带该符号的编号") }
        let shownWithout = RowProblem.shown(without)
        if held[without] != nil {
            return Wording(en: "give --\(option) \(shownWithout)", zh: "写作 --\(option) \(shownWithout)")
        }
        let noun = option == "fund" ? Wording(en: "fund", zh: "资金账户") : Wording(en: "community", zh: "小区")
        // Held with another mark (by a version before the rule): that id, as the ledger holds it.
        if let other = heldWithAnotherMark(given, held: held) {
            let shown = RowProblem.shown(other)
            return Wording(en: "the ledger holds \(noun.en) \"\(shown)\" (\(DisplayText.visible(held[other] ?? ""))) with another mark, as an older version registered it; give --\(option) \(shown)",
                           zh: "账本中有\(noun.zh)“\(shown)”（\(DisplayText.visible(held[other] ?? ""))），带的是另一个符号（旧版本这样登记的）；请写作 --\(option) \(shown)")
        }
        let notHeld = option == "fund"
            ? Wording(en: "\"\(shownWithout)\" is not opened either; ", zh: "但账本中也没有编号为“\(shownWithout)”的资金账户；")
            : Wording(en: "\"\(shownWithout)\" is not registered either; ", zh: "但“\(shownWithout)”也不是已登记小区的编号；")
        if option == "community" {
            guard let advice = advice(without, names: held) else {
                return notHeld + Wording(en: "the ledger holds no community yet: register it first", zh: "账本中还没有登记任何小区：请先登记该小区")
            }
            // A name or a variant: the advice names the registered id; else it lists the registered ones.
            return matches(without, names: held) ? advice : notHeld + advice
        }
        if let registered = held.keys.sorted().first(where: { folded($0) == folded(without) }) {
            return Wording(en: "the ledger holds fund \"\(registered)\", which differs from \"\(shownWithout)\" only in full-width characters or letter case; give --fund \(registered)",
                           zh: "账本中有资金账户“\(registered)”，与“\(shownWithout)”只有全角半角或大小写不同；请写作 --fund \(registered)")
        }
        guard !held.isEmpty else {
            return notHeld + Wording(en: "the ledger holds no fund yet: open it first", zh: "账本中还没有开立任何资金账户：请先开立该账户")
        }
        let ids = held.keys.sorted()
        let listed = ids.prefix(listedMax).joined(separator: ", "), listedZh = ids.prefix(listedMax).joined(separator: "、")
        let more = ids.count > listedMax ? Wording(en: " and \(ids.count - listedMax) more", zh: "等 \(ids.count) 个") : Wording(same: "")
        return notHeld + Wording(en: "the funds the ledger holds are \(listed)\(more.en); give one of their ids, or open the fund first",
                                 zh: "账本中的资金账户有 \(listedZh)\(more.zh)；请写其中一个编号，或先开立该账户")
    }

    /// `id` without the text marks it begins with, spaces at the ends dropped.
    static func unmarked(_ id: String) -> String {
        Cell.trimmed(String(String.UnicodeScalarView(id.unicodeScalars.drop { Cell.textMarkers.contains($0) })))
    }

    /// `issue` with the registered id to write when it says a community cell's id (not the --community's) is not
    /// registered and the ledger holds it in full-width or another letter case (`ｃ-hy` for `C-HY`): "record it
    /// first" would register the community a second time (review 38e m2). A registered name in a cell stands for
    /// its id already (`RecordedRegister.communityID`).
    static func advisedCell(_ issue: ValidationIssue, given: String?, names: [String: String]) -> ValidationIssue {
        guard case .entity(let kind, let id)? = issue.missing, kind == IdKind.community.rawValue, id != given, names[id] == nil,
              let registered = names.keys.sorted().first(where: { folded($0) == folded(id) }) else { return issue }
        let shown = DisplayText.visible(id), name = DisplayText.visible(names[registered] ?? "")
        return issue.with(reason: Wording(
            en: "community \"\(shown)\" is not registered; the ledger holds community \"\(registered)\" (\(name)), which differs only in full-width characters or letter case: write \(registered)",
            zh: "小区“\(shown)”尚未登记；账本中有小区“\(registered)”（\(name)），只有全角半角或大小写不同：请写作 \(registered)"))
    }

    /// Whether a row's community cell `cell`, a registered id, is the community a `--community` written in another
    /// width or letter case means (`c-hy` for `C-HY`): that option's problem is told once for the file, and the row's
    /// cell is right — advising it to be rewritten as the option would spoil it (review 39h).
    static func sameAsOption(cell: String, given: String, names: [String: String]) -> Bool {
        names[cell] != nil && names[given] == nil && folded(cell) == folded(given)
    }

    /// Whether `given` is a registered community's name or a variant of its id.
    static func matches(_ given: String, names: [String: String]) -> Bool {
        let key = folded(given)
        return names.contains { folded($0.key) == key || folded($0.value) == key }
    }

    /// An id or name as compared for a variant: full-width forms as ASCII, ASCII letters in lower case, spaces at
    /// the ends dropped.
    static func folded(_ text: String) -> String {
        let trimmed = Cell.trimmed(text)
        return (EventInput.fullWidthASCII(trimmed) ?? trimmed).lowercased()
    }
}
