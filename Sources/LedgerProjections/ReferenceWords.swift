import LedgerEvents

/// Every reason of the domain check (`DomainValidator`, `ReferenceChecker`), in English and Chinese, in one place:
/// why a batch would make the facts inconsistent — a reference to something not registered (or not yet, or no
/// longer), an id used twice, a lifecycle out of order — and what to do. The English is the wording the spec and
/// the tests know; the Chinese is what a street office or 业委会 clerk reads under `--lang zh`. Ids, event types
/// and dates stay as written.
public enum ReferenceWords {
    // MARK: - Names

    /// What kind of entity an id names: `fund` / `资金账户`.
    static func kind(_ kind: ReferenceChecker.Kind) -> Wording {
        let zh: String
        switch kind {
        case .community: zh = "小区"
        case .asset: zh = "共有部分"
        case .fund: zh = "资金账户"
        case .decision: zh = "业主决定"
        case .contract: zh = "合同"
        case .use: zh = "使用"
        case .occupation: zh = "占用"
        case .import: zh = "导入"
        case .list: zh = "整改清单"
        }
        return Wording(en: kind.rawValue, zh: zh)
    }

    /// Where a fact is, in both languages: `record seq 5` / `第 5 条记录`, `event X of this batch` / `本批事件 X`.
    static func place(_ place: FactPlace) -> Wording {
        switch place {
        case .record(let seq): return Wording(en: "record seq \(seq)", zh: "第 \(seq) 条记录")
        case .batchEvent(let id): return Wording(en: "event \(DisplayText.visible(id)) of this batch", zh: "本批事件 \(DisplayText.visible(id))")
        }
    }

    /// `text` (an English reason) with every place of a fact it names (`place`: `record seq 5`, `event X of this
    /// batch`) said as `a record`: what stays of a reason when the records it names move.
    public static func withoutPlaces(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        while let start = rest.firstRange(of: "record seq ") ?? rest.firstRange(of: "event ") {
            // The earlier of the two openings.
            let record = rest.firstRange(of: "record seq "), event = rest.firstRange(of: "event ")
            let opening = [record, event].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound } ?? start
            out += rest[..<opening.lowerBound]
            let after = rest[opening.upperBound...]
            if opening == record {
                let digits = after.prefix { $0.isASCII && $0.isNumber }
                if !digits.isEmpty { out += "a record"; rest = after[digits.endIndex...]; continue }
            } else if let id = after.split(separator: " ", maxSplits: 1).first, after[id.endIndex...].hasPrefix(" of this batch") {
                out += "a record"
                rest = after[after.index(id.endIndex, offsetBy: " of this batch".count)...]
                continue
            }
            out += rest[opening]
            rest = after
        }
        return out + rest
    }

    /// `reason` with each event of an append's batch it names (`event in-…-2 of this batch` / `本批事件 in-…-2`) said as
    /// its input line (`line 3 of this batch` / `这一批的第 3 行`) when `lineOf` gives one: the ids `ledger append` made
    /// for lines that gave none, which no clerk ever saw (review 42d #6).
    public static func namingLines(_ reason: Wording, lineOf: (String) -> Int?) -> Wording {
        func replaced(_ text: String, before: String, after: String, _ line: (Int) -> String) -> String {
            var out = ""
            var rest = text[...]
            while let start = rest.firstRange(of: before) {
                let id = rest[start.upperBound...].prefix { !$0.isWhitespace && !"，；、。）)".contains($0) }
                guard !id.isEmpty, rest[id.endIndex...].hasPrefix(after), let number = lineOf(String(id)) else {
                    out += rest[..<start.upperBound]
                    rest = rest[start.upperBound...]
                    continue
                }
                out += rest[..<start.lowerBound] + line(number)
                rest = rest[rest.index(id.endIndex, offsetBy: after.count)...]
            }
            return out + rest
        }
        return Wording(en: replaced(reason.en, before: "event ", after: " of this batch") { "line \($0) of this batch" },
                       zh: replaced(reason.zh, before: "本批事件 ", after: "") { "这一批的第 \($0) 行" })
    }

    /// `reason` with each event of an import's batch it names (`event imp-…-r3 of this batch` / `本批事件 imp-…-r3`)
    /// said as its row (`row 3 of this file` / `本文件第 3 行`): a row's event id is the import's id and its row
    /// number (`<importID>-r3`, a statement's `-r3-fee` too), which no clerk ever saw.
    public static func namingRows(_ reason: Wording, importID: String) -> Wording {
        func replaced(_ text: String, before: String, after: String, _ row: (Substring) -> String) -> String {
            let opening = before + importID + "-r"
            var out = ""
            var rest = text[...]
            while let start = rest.firstRange(of: opening) {
                let digits = rest[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
                var end = digits.endIndex
                // A row's second event (`-r3-fee`): up to the end of the id.
                while end < rest.endIndex, !rest[end].isWhitespace, rest[end] != "，", rest[end] != "；", rest[end] != ")", rest[end] != "）" {
                    end = rest.index(after: end)
                }
                guard !digits.isEmpty, rest[end...].hasPrefix(after) else {
                    out += rest[..<start.upperBound]
                    rest = rest[start.upperBound...]
                    continue
                }
                out += rest[..<start.lowerBound] + row(digits)
                rest = rest[rest.index(end, offsetBy: after.count)...]
            }
            return out + rest
        }
        return Wording(en: replaced(reason.en, before: "event ", after: " of this batch") { "row \($0) of this file" },
                       zh: replaced(reason.zh, before: "本批事件 ", after: "") { "本文件第 \($0) 行" })
    }

    /// What ending a lifecycle records, as a verb after "was already": `retired` / `注销`.
    static func ended(_ verb: String) -> Wording {
        switch verb {
        case "retired": return Wording(en: verb, zh: "注销")
        case "terminated": return Wording(en: verb, zh: "终止")
        case "ended": return Wording(en: verb, zh: "结束")
        case "cleared": return Wording(en: verb, zh: "清除")
        default: return Wording(same: verb)
        }
    }

    /// What ending a dated fact records, as a noun: `termination` / `终止`.
    static func ending(_ noun: String) -> Wording {
        switch noun {
        case "termination": return Wording(en: noun, zh: "终止")
        case "the end": return Wording(en: noun, zh: "结束")
        case "clearing": return Wording(en: noun, zh: "清除")
        default: return Wording(same: noun)
        }
    }

    // MARK: - Corrections

    /// `original`: the event the correction `id` corrects, which a new correction must name instead.
    static func correctsACorrection(_ id: String, original: String? = nil) -> Wording {
        guard let original else {
            return Wording(en: "\"\(DisplayText.visible(id))\" is itself a correction; to change it, correct the original event again",
                           zh: "“\(DisplayText.visible(id))”本身就是一条更正；要改它，请对原事件再记一条更正")
        }
        return Wording(en: "\"\(DisplayText.visible(id))\" is itself a correction (of \"\(DisplayText.visible(original))\"); to change it, record another correction naming the original event \"\(DisplayText.visible(original))\"",
                       zh: "“\(DisplayText.visible(id))”本身就是一条更正（更正的是“\(DisplayText.visible(original))”）；要改它，请对原事件“\(DisplayText.visible(original))”再记一条更正")
    }

    static func correctsAnErasure(_ id: String) -> Wording {
        Wording(en: "\"\(DisplayText.visible(id))\" records an erasure of personal data; it cannot be corrected or voided, since the data it deleted cannot be restored",
                zh: "“\(DisplayText.visible(id))”记录的是个人信息的删除；它不能被更正或作废，因为已删除的数据无法恢复")
    }

    static func replacementChangesType(_ type: String, corrects id: String, is targetType: String) -> Wording {
        Wording(en: "is \(type) but the corrected event \"\(DisplayText.visible(id))\" is \(targetType); a replacement keeps the type (void the event and record a new one to change it)",
                zh: "是 \(type)，但被更正的事件“\(DisplayText.visible(id))”是 \(targetType)；更正不能改变类型（要改类型，请作废该事件，另记一条新的）")
    }

    static func noSuchEvent(_ id: String) -> Wording {
        Wording(en: "no earlier event has id \"\(DisplayText.visible(id))\"; name the id of the event to correct",
                zh: "之前没有 id 为“\(DisplayText.visible(id))”的事件；请写明要更正的事件的 id")
    }

    /// A reason of the effective log (`Anomaly`), in both languages (`AnomalyReason`; a text of no known form as it is).
    static func anomaly(_ reason: String) -> Wording { AnomalyReason(stored: reason).wording }

    // MARK: - Registrations and lifecycles

    static func alreadyExists(_ kind: ReferenceChecker.Kind, _ id: String, at location: FactPlace) -> Wording {
        let k = self.kind(kind), at = place(location)
        return Wording(en: "\(k.en) \"\(DisplayText.visible(id))\" already exists (\(at.en)); choose a new id",
                       zh: "\(k.zh)“\(DisplayText.visible(id))”已经存在（\(at.zh)）；请另取一个编号")
    }

    /// A new id equal to a registered one's ignoring ASCII letter case (`f-hy-pi` beside `F-HY-PI`): the letter-case
    /// rule of new ids (CaseTwins.swift), worded as `ledger import assets` words it for an asset. The registered one is
    /// named with its community (two communities' clerks may each have a fund `F-HY-PI`), and where it was registered.
    /// - Parameter replacing: where the record a correction's replacement takes the place of is, when `id` is such a
    ///   replacement's: writing the registered id there would register that entity a second time ("already
    ///   exists"), so the advice is to void the record instead.
    static func caseTwin(_ kind: ReferenceChecker.Kind, _ id: String, of other: String, community: String?, at location: FactPlace,
                         replacing: FactPlace? = nil) -> Wording {
        let k = self.kind(kind), at = place(location)
        let harm: Wording
        switch kind {
        case .fund: harm = Wording(en: "a second fund, the fund's balance split between the two", zh: "另一个资金账户，同一笔资金的余额被分在两处")
        case .contract: harm = Wording(en: "a second contract, its rent and payments split between the two", zh: "另一份合同，租金和收款被分在两处")
        case .decision: harm = Wording(en: "a second decision, one vote cited under two ids", zh: "另一项业主决定，同一次表决以两个编号被引用")
        default: harm = Wording(en: "a second \(k.en)", zh: "另一个\(k.zh)")
        }
        let shown = DisplayText.visible(id), twin = DisplayText.visible(other)
        let of = community.map { Wording(en: " of community \"\(DisplayText.visible($0))\"", zh: "小区“\(DisplayText.visible($0))”的") }
            ?? Wording(same: "")
        let advice: Wording
        if let replacing {
            let record = place(replacing)
            advice = Wording(en: "if it is that \(k.en), it is registered already: void \(record.en) instead (a correction without a replacement)",
                             zh: "如果是同一个\(k.zh)，它已经登记过：请改为作废\(record.zh)（不带替换内容的更正）")
        } else {
            advice = Wording(en: "write the id as \"\(twin)\" if it is that \(k.en)", zh: "如果是同一个\(k.zh)，请写作“\(twin)”")
        }
        return Wording(en: "\"\(shown)\" differs from the \(k.en) \"\(twin)\"\(of.en) (\(at.en)) only in letter case: it would be \(harm.en); "
                           + "\(advice.en); a new \(k.en) needs an id that differs in more than letter case",
                       zh: "“\(shown)”与\(of.zh)\(k.zh)“\(twin)”（\(at.zh)）只有字母大小写不同：会成为\(harm.zh)；"
                           + "\(advice.zh)；新的\(k.zh)需要一个不只是大小写不同的编号")
    }

    static func alreadyEnded(_ kind: ReferenceChecker.Kind, _ id: String, _ verb: String, on date: CalendarDate, at location: FactPlace) -> Wording {
        let k = self.kind(kind), at = place(location), v = ended(verb)
        return Wording(en: "\(k.en) \"\(DisplayText.visible(id))\" was already \(v.en) on \(date) (\(at.en))",
                       zh: "\(k.zh)“\(DisplayText.visible(id))”已于 \(date) \(v.zh)（\(at.zh)）")
    }

    static func erasedTwice(_ hex: String, at location: FactPlace) -> Wording {
        let at = place(location)
        return Wording(en: "\(hex) was already erased (\(at.en)); a value is erased once",
                       zh: "\(hex) 已经删除过（\(at.zh)）；同一个值只删除一次")
    }

    /// The most common refusal: `fund "F-9" is not registered; record fund.opened for it first`.
    static func notRegistered(_ kind: ReferenceChecker.Kind, _ id: String) -> Wording {
        // An id with an invisible character would read as the registered one; `visible` shows it (review B7).
        let k = self.kind(kind), shown = DisplayText.visible(id)
        let plain = Wording(en: "\(k.en) \"\(shown)\" is not registered; record \(kind.creatingType) for it first",
                            zh: "\(k.zh)“\(shown)”尚未登记；须先记录其"
                                + (EventType(rawValue: kind.creatingType).map { "\($0.chineseName)（\(kind.creatingType)）" } ?? " \(kind.creatingType) ")
                                + "事件")
        // A reference is compared by its bytes; one not in Unicode NFC looks like the NFC id the ledger holds
        // (every id registered since the door's rule is in NFC), so say how it differs.
        guard let fault = EventInput.doorIDFault(id), case .notNFC = fault else { return plain }
        return Wording(en: plain.en + "; note: the id " + fault.wording.en, zh: plain.zh + "；注意：该编号" + fault.wording.zh)
    }

    static func endsBeforeStart(_ noun: String, on date: CalendarDate, _ kind: ReferenceChecker.Kind, _ id: String,
                                began: CalendarDate, at location: FactPlace) -> Wording {
        let k = self.kind(kind), at = place(location), e = ending(noun)
        return Wording(en: "\(e.en) on \(date) is before \(k.en) \"\(DisplayText.visible(id))\" began on \(began) (\(at.en))",
                       zh: "\(date) 的\(e.zh)早于\(k.zh)“\(DisplayText.visible(id))”的开始日期 \(began)（\(at.zh)）")
    }

    static func notYetRegistered(_ kind: ReferenceChecker.Kind, _ id: String, from: CalendarDate, at location: FactPlace,
                                 eventDate: CalendarDate) -> Wording {
        let k = self.kind(kind), at = place(location)
        // A list is recorded already when a step names it: the step's date is what to change (review 44a #7).
        guard kind != .list else {
            return Wording(en: "\(k.en) \"\(DisplayText.visible(id))\" was issued on \(from) (\(at.en)), after this event's date \(eventDate); a report, re-check or extension of it is dated on or after its issue: date this event on or after \(from)",
                           zh: "\(k.zh)“\(DisplayText.visible(id))”于 \(from) 交办（\(at.zh)），晚于本事件的日期 \(eventDate)；对清单的整改报告、复核或延期不能早于交办日期：请把本事件的日期写为 \(from) 或之后")
        }
        return Wording(en: "\(k.en) \"\(DisplayText.visible(id))\" exists only from \(from) (\(at.en)), after this event's date \(eventDate); record it before it is referenced",
                       zh: "\(k.zh)“\(DisplayText.visible(id))”自 \(from) 起才存在（\(at.zh)），晚于本事件的日期 \(eventDate)；请先登记它，再引用")
    }

    // MARK: - Fold order in a log written before the rule

    /// What `verify --schema` says of a fact of the log that names `before.kind` `before.id` before the record that
    /// creates it in the fold order (`FoldOrderCheck`), with the repair: void the fact (a correction without
    /// replacement of the record at its position) and record it again, after the creation and not dated before it.
    /// `asset "A-9" is registered on 2024-03-01 by record seq 14, after this record (dated 2024-03-01, position seq 12) in
    /// the fold order …`.
    static func foldedBeforeCreation(_ before: ReferenceChecker.FoldedBefore, factType: String) -> Wording {
        let k = kind(before.kind), v = created(before.kind), shown = DisplayText.visible(before.id)
        let creation = place(.record(seq: before.creationSeq)), own = place(.record(seq: before.position))
        let subject = before.ending.map { noun -> Wording in
            let e = ending(noun)
            return Wording(en: "\(e.en) on \(before.date) names \(k.en) \"\(shown)\", which",
                           zh: "\(before.date) 的\(e.zh)所指的\(k.zh)“\(shown)”")
        } ?? Wording(en: "\(k.en) \"\(shown)\"", zh: "所引用的\(k.zh)“\(shown)”")
        // The fact's type by its Chinese name, the log's name beside it (`开始使用（use.started）`).
        let typeZh = EventType(rawValue: factType).map { "\($0.chineseName)记录（\(factType)）" } ?? "记录（\(factType)）"
        return Wording(
            en: "\(subject.en) is \(v.past) on \(before.creationDate) by \(creation.en), after this record (dated \(before.date), "
                + "position seq \(before.position)) in the fold order (business date, then seq): the projections fold this record "
                + "before the \(before.kind.rawValue) exists and leave it out or unlinked. Repair: record a correction that voids "
                + "\(own.en) (no replacement), then record the \(factType) again, dated \(before.creationDate) or later, so that it "
                + "comes after \(creation.en)" + redatingTheCreation(before).en,
            zh: "\(subject.zh)由\(creation.zh)于 \(before.creationDate) \(v.zh)，在处理顺序（先按业务日期，后按序号）中晚于本记录"
                + "（日期 \(before.date)，位置为第 \(before.position) 条）：投影处理本记录时该\(k.zh)尚不存在，本记录因而被漏计或未能关联。"
                + "处理办法：记一条不带替换内容的更正，作废\(own.zh)；再重新记录这条\(typeZh)，日期不早于 \(before.creationDate)，"
                + "使其排在\(creation.zh)之后" + redatingTheCreation(before).zh)
    }

    /// The other repair when the creation is dated after the fact (not on its date): the creation's date may be the
    /// one that is wrong, so a correction of the creation, its replacement dated early enough, also puts it first. A
    /// replacement keeps the place of the record it replaces, so on the fact's own date it comes first only when that
    /// place is before the fact's; else it must be dated earlier. Empty when both are of one date (only the fact moves).
    static func redatingTheCreation(_ before: ReferenceChecker.FoldedBefore) -> Wording {
        guard before.creationDate > before.date else { return Wording(same: "") }
        let creation = place(.record(seq: before.creationSeq)), type = before.kind.registeringType
        let sameDayWorks = before.creationSeq < before.position
        let when = sameDayWorks
            ? Wording(en: "dated \(before.date) or earlier", zh: "日期改为不晚于 \(before.date)")
            : Wording(en: "dated before \(before.date)", zh: "日期改为早于 \(before.date)")
        return Wording(
            en: "; or, if it is the creation's date that is wrong, record a correction of \(creation.en) whose replacement is the same "
                + "\(type.rawValue) \(when.en)",
            zh: "；如果有误的是创建记录的日期，也可以对\(creation.zh)记一条更正，替换内容为同一条\(type.chineseName)记录（\(type.rawValue)），"
                + when.zh)
    }

    // MARK: - Fold order on one date

    /// Which fact refers to an entity created on the same date at a later place in the fold order (ledger-spec.md
    /// 10.4 rule 2): what the clerk can do about it differs.
    enum SameDayReferrer: Equatable {
        /// A line of the batch, listed before the line that creates the entity.
        case earlierLine
        /// A correction's replacement, which keeps the place of the record it replaces (`replacing`), of `type`.
        case replacement(replacing: FactPlace, type: String)
        /// A record already in the log, which the batch's creation would now come after (a creation voided and
        /// recorded again).
        case record
    }

    /// What creating an entity of `kind` is: the verb after "is" (`opened`), after "the line that" (`opens`), and in
    /// Chinese (`开立`).
    static func created(_ kind: ReferenceChecker.Kind) -> (past: String, present: String, zh: String) {
        switch kind {
        case .community, .asset: return ("registered", "registers", "登记")
        case .fund: return ("opened", "opens", "开立")
        case .decision: return ("recorded", "records", "记录")
        case .contract: return ("signed", "signs", "签订")
        case .use: return ("started", "starts", "开始")
        case .occupation: return ("reported", "reports", "报告")
        case .import: return ("imported", "imports", "导入")
        case .list: return ("issued", "issues", "下发")
        }
    }

    /// A reference (or, with `ending`, an end) dated the day `kind` `id` is created, at an earlier place in the fold
    /// order than its creation (`location`): the projections fold a date's facts by position, so the fact would be
    /// folded before the entity exists and dropped or left unlinked.
    /// `fund "F2" is opened on 2024-02-01 by a later line (event f2 of this batch); on the same date the line that opens it must come first`.
    static func createdLaterSameDay(_ kind: ReferenceChecker.Kind, _ id: String, on date: CalendarDate, at location: FactPlace,
                                    ending noun: String?, referrer: SameDayReferrer) -> Wording {
        let k = self.kind(kind), at = place(location), v = created(kind), shown = DisplayText.visible(id)
        let subject: Wording
        if let noun {
            let e = ending(noun)
            subject = Wording(en: "\(e.en) on \(date): \(k.en) \"\(shown)\" is \(v.past) on that date",
                              zh: "\(date) 的\(e.zh)：\(k.zh)“\(shown)”在同一日期")
        } else {
            subject = Wording(en: "\(k.en) \"\(shown)\" is \(v.past) on \(date)", zh: "\(k.zh)“\(shown)”于 \(date) ")
        }
        switch referrer {
        case .earlierLine:
            return Wording(en: "\(subject.en) by a later line (\(at.en)); on the same date the line that \(v.present) it must come first",
                           zh: "\(subject.zh)由后面的一行\(v.zh)（\(at.zh)）；同一日期内，\(v.zh)它的那一行必须排在前面")
        case .replacement(let replacing, let type):
            let target = place(replacing)
            return Wording(en: "\(subject.en) by \(at.en), after the record this replacement takes the place of (\(target.en)), whose place a replacement keeps: "
                               + "void that record and record the \(type) again after \(at.en) instead of correcting it",
                           zh: "\(subject.zh)由\(at.zh)\(v.zh)，晚于本更正所替换的记录（\(target.zh)），而更正沿用该记录的位置："
                               + "请作废该记录，在\(at.zh)之后重新记录这条 \(type)，而不要更正它")
        case .record:
            return Wording(en: "\(subject.en) by a later line (\(at.en)), after this record of the same date, which would not find it: "
                               + "to change a \(kind.creatingType) already recorded, record a correction of it (a replacement keeps its place) "
                               + "instead of voiding it and recording it again; a new one must be dated before this record",
                           zh: "\(subject.zh)由后面的一行\(v.zh)（\(at.zh)），晚于这条同日的记录，这条记录将找不到它："
                               + "要修改已记录的 \(kind.creatingType)，请对它记一条更正（替换沿用原位置），而不要作废后重新记录；"
                               + "新登记的须早于这条记录的日期")
        }
    }

    static func otherCommunity(_ kind: ReferenceChecker.Kind, _ id: String, owner: String, not community: String) -> Wording {
        let k = self.kind(kind)
        return Wording(en: "\(k.en) \"\(DisplayText.visible(id))\" belongs to community \(DisplayText.visible(owner)), not \(DisplayText.visible(community))",
                       zh: "\(k.zh)“\(DisplayText.visible(id))”属于小区 \(DisplayText.visible(owner))，不属于小区 \(DisplayText.visible(community))")
    }

    /// `sameDay`: the fact is of the retirement's date but comes after it in the fold order (rule 3 follows the
    /// fold order as rules 2 and 5 do: a fact of that date listed before the retirement stands).
    /// A disclosure whose period ends after its publication date.
    static func periodAfterPublication(_ end: CalendarDate, published: CalendarDate) -> Wording {
        Wording(en: "the period ends on \(end), after the disclosure's publication on \(published); a disclosure covers a period ending on or before the day it is published: give period_to no later than \(published), or the date it was really published",
                zh: "公示期间截止于 \(end)，晚于公示发布日期 \(published)；公示的期间须在发布当日或之前截止：period_to 不得晚于 \(published)，或填写实际发布日期")
    }

    /// A contract signed before its part's retirement whose term runs to or past it, not terminated before it
    /// (`Registers.termPastRetirement`): the clerk records the termination first, or corrects the term or the
    /// retirement's date.
    static func contractPastRetirement(_ id: String, contract: String, until end: CalendarDate, retiredOn date: CalendarDate,
                                       at location: FactPlace, terminatedOn: CalendarDate?) -> Wording {
        let at = place(location)
        let asset = DisplayText.visible(id), k = DisplayText.visible(contract)
        let late = terminatedOn.map { (en: " and is terminated only on \($0), after it", zh: "，终止日期 \($0) 在注销之后") } ?? (en: "", zh: "")
        return Wording(en: "asset \"\(asset)\" was retired on \(date) (\(at.en)) while contract \"\(k)\" lets it until \(end)\(late.en); a contract must not be in force on a retired part: record the contract's termination dated on or before the retirement first (listed before it on the same date; a contract not yet in the ledger, as from a register, is appended together with its termination in one `ledger append` batch), or correct the contract's end_on to \(date) or earlier, or the retirement to \(end) or later",
                       zh: "共有部分“\(asset)”已于 \(date) 注销（\(at.zh)），而合同“\(k)”的期限至 \(end)\(late.zh)；已注销的共有部分不能仍在合同期内：请先记录该合同的终止（日期不晚于注销日，同日须列在注销之前；尚未记入账本的合同，例如登记表中的合同，请用“ledger append”把合同与其终止放在同一批中记录），或把合同的 end_on 更正为不晚于 \(date)，或把注销更正为不早于 \(end)")
    }

    static func assetRetired(_ id: String, on date: CalendarDate, at location: FactPlace, sameDay: Bool = false) -> Wording {
        let at = place(location)
        if sameDay {
            // A retirement already in the log cannot be followed by a line listed before it: only its date can move.
            if case .record = location {
                return Wording(en: "asset \"\(DisplayText.visible(id))\" was retired on \(date) (\(at.en)), before this fact of the same date; a fact of the retirement's date must come before the retirement in the fold order: date this fact before the retirement, or correct the retirement to a later date",
                               zh: "共有部分“\(DisplayText.visible(id))”已于 \(date) 注销（\(at.zh)），排在本条同日记录之前；注销当天的记录须排在注销之前：本条应记为注销之前的日期，或把注销更正为更晚的日期")
            }
            return Wording(en: "asset \"\(DisplayText.visible(id))\" was retired on \(date) (\(at.en)), before this fact of the same date; a fact of the retirement's date must come before the retirement in the fold order: list it before the retirement, or correct the retirement to a later date",
                           zh: "共有部分“\(DisplayText.visible(id))”已于 \(date) 注销（\(at.zh)），排在本条同日记录之前；注销当天的记录须排在注销之前：把本条列在注销之前，或把注销更正为更晚的日期")
        }
        return Wording(en: "asset \"\(DisplayText.visible(id))\" was retired on \(date) (\(at.en)); it cannot be referenced after that date",
                       zh: "共有部分“\(DisplayText.visible(id))”已于 \(date) 注销（\(at.zh)）；此后不能再引用它")
    }

    // MARK: - Rectification lists

    static func notAFindingOfList(_ key: String, list: String, at location: FactPlace) -> Wording {
        let at = place(location)
        return Wording(en: "\"\(DisplayText.visible(key))\" is not a finding of list \(DisplayText.visible(list)) (\(at.en)); name the keys as the list issued them",
                       zh: "“\(DisplayText.visible(key))”不是整改清单 \(DisplayText.visible(list))（\(at.zh)）中的问题；请照清单下发的问题编号填写")
    }

    /// A step naming an earlier list of a key issued again before the step's date `stepDate`. When the re-issue is
    /// what is being appended, back-dated before a recorded step, the fix is the new list's date (review 44a #7).
    static func issuedAgain(_ key: String, list: String, on date: CalendarDate, at location: FactPlace, stepDate: CalendarDate) -> Wording {
        let at = place(location), l = DisplayText.visible(list)
        return Wording(en: "\"\(DisplayText.visible(key))\" was issued again by list \(l) on \(date) (\(at.en)); name list \(l), or, if list \(l) is the one being recorded and this step came before it, date list \(l) on or after \(stepDate)",
                       zh: "“\(DisplayText.visible(key))”已由整改清单 \(l) 于 \(date) 再次下发（\(at.zh)）；请写清单 \(l)；如清单 \(l) 正是本次要记录的、而本步骤发生在它之前，请把清单 \(l) 的日期写为 \(stepDate) 或之后")
    }

    /// A report, re-check or (`extending`) extension of a key whose round was closed. A closure of the batch being
    /// appended, dated before a recorded step (of `recordedStepDate`), is not to be corrected but dated on or after
    /// that step (review 39).
    static func closedFinding(_ key: String, on date: CalendarDate, at location: FactPlace, recordedStepDate: CalendarDate?,
                              extending: Bool = true) -> Wording {
        let at = place(location)
        if case .batchEvent = location, let stepDate = recordedStepDate {
            let step = extending ? Wording(en: "extension", zh: "延期") : Wording(en: "report or re-check", zh: "报告整改或复核")
            return Wording(en: "\"\(DisplayText.visible(key))\" would be closed (销号) on \(date) by \(at.en), before the recorded \(step.en) of \(stepDate); a closed finding takes no further \(step.en) — date the closure on or after \(stepDate), after the last step it verifies",
                           zh: "“\(DisplayText.visible(key))”将由\(at.zh)于 \(date) 销号，早于已记录的\(step.zh)的日期 \(stepDate)；已销号的问题不再\(step.zh)——请把销号日期定在 \(stepDate) 当天或之后，即它所核验的最后一步之后")
        }
        if extending {
            return Wording(en: "\"\(DisplayText.visible(key))\" was closed (销号) on \(date) (\(at.en)); a closed finding has no deadline to extend — issue it again in a new list to reopen it",
                           zh: "“\(DisplayText.visible(key))”已于 \(date) 销号（\(at.zh)）；已销号的问题没有期限可以延长——要重新整改，请在新的清单中再次下发")
        }
        return Wording(en: "\"\(DisplayText.visible(key))\" was closed (销号) on \(date) (\(at.en)); a closed finding takes no further report or re-check — issue it again in a new list to reopen it, or correct the closure if it was recorded by mistake",
                       zh: "“\(DisplayText.visible(key))”已于 \(date) 销号（\(at.zh)）；已销号的问题不再报告整改或复核——要重新整改，请在新的清单中再次下发；如销号记录有误，请更正该记录")
    }

    static func listNotBefore(_ atSeq: Int64, at location: FactPlace) -> Wording {
        let at = place(location)
        return Wording(en: "\(atSeq) is not before this record (\(at.en)); a list is made from records already written",
                       zh: "\(atSeq) 不在本记录（\(at.zh)）之前；清单只能依据已经写入的记录生成")
    }

    static func findingOfOtherCommunity(_ key: String, _ kind: ReferenceChecker.Kind, _ item: String, owner: String,
                                        not community: String) -> Wording {
        let k = self.kind(kind)
        return Wording(en: "\"\(DisplayText.visible(key))\" is about \(k.en) \(DisplayText.visible(item)) of community \(DisplayText.visible(owner)), not \(DisplayText.visible(community)); issue it in a list for \(DisplayText.visible(owner))",
                       zh: "“\(DisplayText.visible(key))”涉及小区 \(DisplayText.visible(owner)) 的\(k.zh) \(DisplayText.visible(item))，不是小区 \(DisplayText.visible(community)) 的；请在 \(DisplayText.visible(owner)) 的清单中下发")
    }

    /// A key of `rectification.issued` whose item (its second part) the ledger does not hold: no list found it.
    static func issuedItemUnknown(_ key: String, _ item: String, list: String) -> Wording {
        let k = DisplayText.visible(key), i = DisplayText.visible(item), l = DisplayText.visible(list)
        return Wording(en: "\"\(k)\" is not a finding of list \(l): the ledger holds no part, contract, fund or decision \(i); a list names only the problems it found, so copy the key from the list (its 问题编号 column), or make the list again with `ledger rectify --issue`",
                       zh: "“\(k)”不是清单 \(l) 所列的问题：账本中没有编号为 \(i) 的共有部分、合同、资金账户或业主决定；清单只列出核查发现的问题，请从清单的“问题编号”一栏照抄，或用“ledger rectify --issue”重新生成清单")
    }

    static func issuedKeyAfterCheckDate(_ key: String, since: CalendarDate, asOf: CalendarDate, list: String) -> Wording {
        let k = DisplayText.visible(key), l = DisplayText.visible(list)
        return Wording(en: "\"\(k)\" is not a finding of list \(l): it names a problem beginning on \(since), after the list's check date (as_of) \(asOf), and a list finds only problems begun by its check date; copy the key from the list (its 问题编号 column), or make the list again with `ledger rectify --issue`",
                       zh: "“\(k)”不是清单 \(l) 所列的问题：它所指问题的起始日期 \(since) 晚于清单的检查日期（as_of）\(asOf)，清单只列出检查日期之前已发生的问题；请从清单的“问题编号”一栏照抄，或用“ledger rectify --issue”重新生成清单")
    }

    /// What a finding key's subject id should name (`Registers.IssuedSubject`), as a message says it.
    enum SubjectNames {
        case record(Wording)
        case entity(ReferenceChecker.Kind)
        case useOrInspection
    }

    /// What the ledger holds under a subject id that names no record the list was made from.
    enum SubjectFound {
        /// Nothing.
        case nothing
        /// What it should name, recorded only after the list's records (at this place).
        case after(FactPlace)
        /// A record of another type (its type and seq).
        case otherType(String, seq: Int64)
    }

    /// A key of `rectification.issued` naming, besides its item, an id that no record up to the list's `at_seq` holds
    /// as the rule's key names it (ledger-spec.md 10.4 rule 13; review 44a #2).
    static func issuedSubjectUnknown(_ key: String, list: String, rule: String, id: String, names: SubjectNames, found: SubjectFound,
                                     atSeq: Int64) -> Wording {
        let k = DisplayText.visible(key), l = DisplayText.visible(list), i = DisplayText.visible(id), r = DisplayText.visible(rule)
        let what: Wording
        switch names {
        case .record(let kind): what = Wording(en: "the \(kind.en) it is about, by its record's event id", zh: "所涉\(kind.zh)记录的事件 id")
        case .entity(let kind): what = Wording(en: "the \(self.kind(kind).en) it is about, by its id", zh: "所涉\(self.kind(kind).zh)的编号")
        case .useOrInspection: what = Wording(en: "the use it is about, or the inspection that saw the part in use, by its id", zh: "所涉使用的编号，或发现该部分被使用的巡查记录的事件 id")
        }
        let held: Wording
        switch found {
        case .nothing:
            held = Wording(en: "the ledger holds no \(Self.named(names).en) \(i)", zh: "账本中没有编号为 \(i) 的\(Self.named(names).zh)")
        case .after(let place):
            let at = self.place(place)
            held = Wording(en: "\(Self.named(names).en) \(i) is recorded by \(at.en), after the records the list was made from (at_seq \(atSeq))",
                           zh: "\(Self.named(names).zh) \(i) 由\(at.zh)记录，在清单所依据的记录（at_seq \(atSeq)）之后")
        case .otherType(let type, let seq):
            held = Wording(en: "\(i) names record seq \(seq), of type \(DisplayText.visible(type)), not a \(Self.named(names).en)",
                           zh: "\(i) 是第 \(seq) 条记录（类型 \(DisplayText.visible(type))）的事件 id，不是\(Self.named(names).zh)")
        }
        return Wording(en: "\"\(k)\" is not a finding of list \(l): \(held.en); a key of \(r) names \(what.en), after the item; copy the key from the list (its 问题编号 column), or make the list again with `ledger rectify --issue`",
                       zh: "“\(k)”不是清单 \(l) 所列的问题：\(held.zh)；\(r) 的问题编号在对象之后写\(what.zh)；请从清单的“问题编号”一栏照抄，或用“ledger rectify --issue”重新生成清单")
    }

    private static func named(_ names: SubjectNames) -> Wording {
        switch names {
        case .record(let kind): return Wording(en: "\(kind.en) record", zh: "\(kind.zh)记录")
        case .entity(let kind): return self.kind(kind)
        case .useOrInspection: return Wording(en: "use or inspection record", zh: "使用或巡查记录")
        }
    }

    // MARK: - Decisions

    static func areaAboveTotal(_ area: DecimalQuantity, total: DecimalQuantity) -> Wording {
        Wording(en: "\(area) m² is more than the community's total area \(total) m²",
                zh: "参与面积 \(area) 平方米大于小区总面积 \(total) 平方米")
    }

    static func ownersAboveTotal(_ owners: Int64, total: Int64) -> Wording {
        Wording(en: "\(owners) is more than the community's \(Wording.englishCount(total, "owner"))",
                zh: "参与人数 \(owners) 多于小区业主总人数 \(total)")
    }

    // MARK: - A batch that is not read whole

    /// A reference to what a line of the input would register, had it been read (ledger append reports every
    /// problem in one run: that line's own problem is listed with its line).
    public static func dependsOnLine(_ kindName: String, _ id: String, line: Wording) -> Wording {
        Wording(en: "\(kindName) \"\(DisplayText.visible(id))\" would be registered by \(line.en), which has a problem of its own (listed there); fix that line",
                zh: "\(kindZh(kindName))“\(DisplayText.visible(id))”要由\(line.zh)登记，而那一行本身有问题（见该行）；请先改正那一行")
    }

    /// A reference to what a correction on an earlier line of the batch voided: the event it corrects registered it,
    /// and its replacement does not (review 38f #4).
    public static func voidedByLine(_ kindName: String, _ id: String, line: Wording, corrects: String) -> Wording {
        let shown = DisplayText.visible(id), event = DisplayText.visible(corrects)
        return Wording(
            en: "\(kindName) \"\(shown)\" is no longer registered from \(line.en) of this batch on: that line's correction of event \"\(event)\", "
                + "which registered it, does not register it again. If it is to stay, keep \"\(shown)\" in that correction's replacement; "
                + "if it is to go, leave this line out too",
            zh: "\(kindZh(kindName))“\(shown)”自这一批的\(line.zh)起不再登记：该行更正了登记它的事件“\(event)”，而更正后的内容不再登记它。"
                + "如果它应当保留，请在该更正的 replacement 中保留“\(shown)”；如果确要作废，请把这一行也删去")
    }

    /// A reference to an unregistered id while some input lines could not be read at all.
    public static func notRegisteredUnlessUnread(_ reason: Wording, lines: Wording) -> Wording {
        Wording(en: reason.en + " (unless \(lines.en), which could not be read, registers it)",
                zh: reason.zh + "（除非无法读取的\(lines.zh)登记了它）")
    }

    /// A correction naming the id of an event on a later line of its batch (review 38f #5): the events of a batch are
    /// recorded in their order, so the event it corrects is not yet there.
    public static func correctsLaterLine(_ id: String, line: Wording) -> Wording {
        Wording(en: "event \"\(DisplayText.visible(id))\" is on \(line.en) of this batch, after this correction; a correction comes after the "
                    + "event it corrects: move it below that line",
                zh: "事件“\(DisplayText.visible(id))”在这一批的\(line.zh)，在本更正之后；更正须排在所更正的事件之后：请把它移到该行之后")
    }

    /// A correction naming the id of an event on a line that was not read.
    public static func correctsLine(_ id: String, line: Wording) -> Wording {
        Wording(en: "event \"\(DisplayText.visible(id))\" is on \(line.en), which has a problem of its own (listed there); fix that line",
                zh: "事件“\(DisplayText.visible(id))”在\(line.zh)，而那一行本身有问题（见该行）；请先改正那一行")
    }

    /// A reference kind's Chinese name (`fund` → 资金账户), or `name` as it is.
    public static func kindZh(_ name: String) -> String {
        ReferenceChecker.Kind(rawValue: name).map { kind($0).zh } ?? name
    }
}

extension ReferenceWords {
    /// A registration of what a line that did not parse registers too: found once that line is fixed otherwise.
    public static func registeredByLineToo(_ kindName: String, _ id: String, line: Wording) -> Wording {
        Wording(en: "\(kindName) \"\(DisplayText.visible(id))\" is registered by \(line.en) too (which has a problem of its own, listed there); an id is registered once: keep one of the two lines",
                zh: "\(kindZh(kindName))“\(DisplayText.visible(id))”\(line.zh)也登记了（那一行本身有问题，见该行）；同一编号只能登记一次：两行只保留一行")
    }
}
