import LedgerEvents
import LedgerRules

/// Words a finding's facts in Chinese or English: one template per `FactKey`, values formatted here (the only
/// place money, areas, dates and percentages become text).
public enum FactText {
    /// The template of a key's sentence: text with `{name}` where each value goes.
    public static func template(_ key: FactKey, _ language: ReportLanguage) -> String { language == .zh ? zh(key) : en(key) }

    /// The sentence for `fact` in `language`; committed persons are shown by `names`.
    public static func render(_ fact: FindingFact, _ language: ReportLanguage, names: PersonalNames = PersonalNames()) -> String {
        var out = ""
        for segment in (language == .zh ? segmentsZh : segmentsEn)[fact.key]! {
            switch segment {
            case .literal(let bytes): out += String(decoding: bytes, as: UTF8.self)
            case .value(let name):
                let text = value(name: name, fact[name], language, names: names)
                // "a {kind} account" before a word that begins with a vowel: "an other account", not "a other".
                if language == .en, out.hasSuffix(" a "), let first = text.unicodeScalars.first, "aeiouAEIOU".unicodeScalars.contains(first) {
                    out.insert("n", at: out.index(before: out.endIndex))
                }
                out += text
            case .counted(let name, let singular, let plural): out += counted(fact[name], singular, plural, language, names: names)
            case .worded(let name): out += worded(name, fact, language)
            }
        }
        return out
    }

    /// `{name:noun}`: the integer and its English noun, singular for exactly one ("1 period", "3 periods").
    static func counted(_ value: FactValue, _ singular: String, _ plural: String?, _ language: ReportLanguage,
                        names: PersonalNames) -> String {
        guard case .integer(let n) = value else { return self.value(name: "", value, language, names: names) + " " + (plural ?? singular + "s") }
        return String(n) + " " + Wording.englishNoun(n, singular, plural: plural)
    }

    /// `{~name}`: words made from the fact's values rather than stored, so that wording them changes no finding
    /// (nor `index/rectify.state`, which keeps facts, not text):
    /// - `term`: the term from `start_on` to `end_on` (both days included) in years, months and days (CON-04/05),
    /// - `cap`: `cap_months` in years and months,
    /// - `span`: unpaid rent's `months` (whole periods) and `days` (periods paid for in part, when given): 12个月,
    ///   122天, 12个月零122天 (CON-07),
    /// - `records`: refunds cited by their numbers in the log (`record_nos`): 第95、97条收入记录, income records
    ///   nos. 95, 97 (FUND-05's recovery); transfers back, 第62条划转记录, transfer record no. 62 (FUND-10's);
    /// - `lapsed`: the day after `valid_until`, when a decision lapsed;
    /// - `note`: an inspection's `note` after a colon, or nothing when it is empty;
    /// - `was`, `now`: a change of use's `from` and `to`, a kind in words;
    /// - `owed`: CON-06's rent for the days after the end, or that none is owed yet (they fall in a period already due);
    /// - `act`: what the act a later decision can only ratify was (`act`: `contract_signed`, `spent`, `moved`,
    ///   `use_started`): 合同签订日, 该笔支出日期; the act in general words when missing;
    /// - `transfers`: FUND-08's gap's `transfers_in` and `transfers_out`, each when not zero, after a comma;
    /// - `stretch`: FUND-06's current stretch (`stretch_since`) when the fund was made good and overdrawn again;
    /// - `gap`: which balance is the larger, the bank's (`asserted`) or the books' (`ledger`), and by how much (FUND-07);
    /// - `short`: which measure of a failed vote fell short of `share` (`short_of`: the area, the owners or both),
    ///   with the one that met it, so that a vote is never said to fail on a measure it met.
    /// A value missing or of another kind (never from the rules) is worded as it is.
    static func worded(_ name: String, _ fact: FindingFact, _ language: ReportLanguage) -> String {
        func find(_ n: String) -> FactValue? { fact.values.first { $0.name == n }?.value }
        switch name {
        case "short":
            if case .share(let share)? = find("share") { return shortfall(fact.key, find("short_of"), share, language) }
        case "term":
            if case .date(let start)? = find("start_on"), case .date(let end)? = find("end_on") {
                return Format.term(from: start, to: end, language)
            }
        case "cap":
            if case .integer(let months)? = find("cap_months") { return Format.months(months, language) }
        case "span":
            if case .integer(let months)? = find("months") {
                let days: Int64
                if case .integer(let d)? = find("days") { days = d } else { days = 0 }
                let monthText = language == .zh ? "\(months)个月" : Wording.englishCount(months, "month")
                guard days > 0 else { return monthText }
                let dayText = language == .zh ? "\(days)天" : Wording.englishCount(days, "day")
                guard months > 0 else { return dayText }
                return monthText + (language == .zh ? "零" : " and ") + dayText
            }
        case "records":
            // Refunds cited by their numbers in the log, as the records column names them: 第95条收入记录,
            // 第95、97条收入记录; income record no. 95, income records nos. 95, 97.
            // FUND-10's transfers back: 第62条划转记录, transfer record no. 62.
            if case .texts(let numbers)? = find("record_nos"), !numbers.isEmpty {
                let moved = fact.key == .moneyMovedBack || fact.key == .moneyPartlyMovedBack
                if language == .zh { return "第" + numbers.joined(separator: "、") + (moved ? "条划转记录" : "条收入记录") }
                let kind = moved ? "transfer" : "income"
                return kind + (numbers.count == 1 ? " record no. " : " records nos. ") + numbers.joined(separator: ", ")
            }
        case "lapsed":
            // A decision valid until a day lapses the day after it.
            if case .date(let until)? = find("valid_until") { return Format.date(until.adding(days: 1), language) }
        case "note":
            // An inspection's note after a colon; nothing (and no colon) when the inspector wrote none.
            if case .text(let note)? = find("note") { return note.isEmpty ? "" : (language == .zh ? "：" : ": ") + note }
        case "was", "now":
            // A change of use: the values before and after; a kind in words (地下室, not basement).
            if case .text(let value)? = find(name == "was" ? "from" : "to") {
                return find("field") == .text("kind") ? Vocabulary.word(value, language) : value
            }
        case "owed":
            // CON-06: rent at the contract's rate for the days after the end; none yet when they all fall in a rent
            // period that began before the end and was due in full (review 36b: "此后应付0.00元" read as free use).
            if case .amount(let owed)? = find("amount") {
                if owed.fen > 0 {
                    return language == .zh ? "按原合同租金标准，此后应付" + Format.money(owed, language)
                        : "owing " + Format.money(owed, language) + " at the contract's rent"
                }
                return language == .zh ? "这些天在合同期内已到期应缴的一期租金所计期间之内，尚不另计使用费"
                    : "owing nothing more yet: those days fall in a rent period already due under the contract"
            }
        case "act":
            // The act a later decision can only ratify, by what it was (review 37: "晚于2025-03-01的行为" read as
            // translated): the contract's signing, the spending, the transfer or the start of the use.
            if case .text(let act)? = find("act"), let words = actWords[act] { return language == .zh ? words.zh : words.en }
            return language == .zh ? "该行为发生之日" : "the act"
        case "transfers":
            // FUND-08's gap: money moved between the community's funds, apart from income and spending (review 38c
            // #2: counted as income and spending, the figures matched neither `balances` nor the 公示); nothing
            // when none moved.
            var parts: [String] = []
            for (name, zh, en) in [("transfers_in", "转入", "transfers in"), ("transfers_out", "转出", "transfers out")] {
                if case .amount(let amount)? = find(name), amount.fen != 0 {
                    parts.append((language == .zh ? zh : en + " ") + Format.money(amount, language))
                }
            }
            return parts.isEmpty ? "" : (language == .zh ? "，" : ", ") + parts.joined(separator: language == .zh ? "，" : ", ")
        case "stretch":
            // FUND-06 made good and overdrawn again: the current stretch's first day, so that 至今未补足 / "not yet
            // made good" is read from it, not from the first overdraft (review 39b); nothing for one stretch.
            if case .date(let day)? = find("stretch_since") {
                return language == .zh ? "；其间曾补足，自" + Format.date(day, language) + "起再次透支"
                    : "; made good in between, overdrawn again since " + Format.date(day, language)
            }
            return ""
        case "gap":
            if case .amount(let bank)? = find("asserted"), case .amount(let books)? = find("ledger") {
                let gap = bank - books
                let by = Format.money(gap.fen < 0 ? books - bank : gap, language)
                if language == .zh { return "银行余额比账面余额" + (gap.fen < 0 ? "少" : "多") + by }
                return "the bank balance is " + by + (gap.fen < 0 ? " less" : " more") + " than the books"
            }
        default: break
        }
        return "{~\(name)}"
    }

    /// `{~act}`'s words per act (`FactKey.decisionAfterAct`'s `act`).
    static let actWords: [String: (zh: String, en: String)] = [
        "contract_signed": ("合同签订日", "the contract was signed"), "spent": ("该笔支出日期", "the money was spent"),
        "moved": ("该笔划转日期", "the money was moved"), "use_started": ("开始使用之日", "the use began"),
    ]

    /// All facts of a finding, joined.
    public static func render(_ facts: [FindingFact], _ language: ReportLanguage, names: PersonalNames = PersonalNames()) -> String {
        facts.map { render($0, language, names: names) }.joined(separator: language == .zh ? "；" : "; ")
    }

    /// One value as text. Enumerated words (matters, kinds, categories) are translated; amounts are yuan (元 in
    /// Chinese), shares are words in Chinese (三分之二).
    public static func value(name: String, _ value: FactValue, _ language: ReportLanguage, names: PersonalNames = PersonalNames()) -> String {
        switch value {
        case .amount(let a): return Format.money(a, language)
        // In running text: 2026年1月5日 in Chinese, as the titles and an official write it; ISO in English.
        case .date(let d): return Format.date(d, language)
        case .integer(let i): return String(i)
        case .area(let q): return Format.areaText(q) + (language == .zh ? "平方米" : " m²")
        // A policy threshold as the policy sets it (70%), a measured figure to two decimals (32.87%).
        case .percent(let r): return name == "threshold" ? Format.thresholdPercent(r) : Format.percent(r)
        case .share(let s): return language == .zh ? Format.shareZh(s) : s.description
        case .fenPerSquareMetre(let r): return Format.money(Format.perAreaFen(name, r), language)
        case .person(let person): return names.text(person, english: language == .en)
        case .text(let t):
            if ["matter", "kind", "field", "planned_field", "category", "how"].contains(name) { return Vocabulary.word(t, language) }
            return t
        case .texts(let list): return list.joined(separator: language == .zh ? "、" : ", ")
        }
    }

    /// The clause of a failed vote that names the measure short of `share` and the one that met it: area only,
    /// owners only, or both (also when `short_of` is missing).
    static func shortfall(_ key: FactKey, _ shortOf: FactValue?, _ share: Share, _ language: ReportLanguage) -> String {
        let which: String
        if case .text(let t)? = shortOf, t == "area" || t == "owners" { which = t } else { which = "both" }
        let zhShare = Format.shareZh(share), enShare = share.description
        switch (key, language) {
        case (.quorumMissed, .zh):
            switch which {
            case "area": return "按专有部分面积计未达到\(zhShare)（按人数计已达到）"
            case "owners": return "按人数计未达到\(zhShare)（按专有部分面积计已达到）"
            default: return "按专有部分面积和人数计均未达到\(zhShare)"
            }
        case (.quorumMissed, _):
            switch which {
            case "area": return "the participating area is below the \(enShare) quorum (the owners meet it)"
            case "owners": return "the participating owners are below the \(enShare) quorum (the area meets it)"
            default: return "both are below the \(enShare) quorum"
            }
        case (.simpleMajorityMissed, .zh):
            switch which {
            case "area": return "按专有部分面积计未过参与表决的半数（按人数计已过半数）"
            case "owners": return "按人数计未过参与表决的半数（按专有部分面积计已过半数）"
            default: return "按专有部分面积和人数计均未过参与表决的半数"
            }
        case (.simpleMajorityMissed, _):
            switch which {
            case "area": return "the approving area is not more than half (the owners are)"
            case "owners": return "the approving owners are not more than half (the area is)"
            default: return "neither is more than half"
            }
        case (_, .zh):
            switch which {
            case "area": return "按专有部分面积计未达到参与表决的\(zhShare)（按人数计已达到）"
            case "owners": return "按人数计未达到参与表决的\(zhShare)（按专有部分面积计已达到）"
            default: return "按专有部分面积和人数计均未达到参与表决的\(zhShare)"
            }
        default:
            switch which {
            case "area": return "the approving area is below \(enShare) (the owners reach it)"
            case "owners": return "the approving owners are below \(enShare) (the area reaches it)"
            default: return "both are below \(enShare)"
            }
        }
    }

    static func zh(_ key: FactKey) -> String {
        switch key {
        case .occupationOpen: return "{occupant}占用（{description}），{reported_on}报告，已{days}天未清除"
        case .useWithoutAnyAuthority: return "{user}自{started_on}起用于{purpose}，既无合同，也无业主共同决定"
        case .useStarted: return "{user}自{started_on}起用于{purpose}"
        case .useContractUnknown: return "所依据的合同{contract_id}在账本中不存在"
        case .contractNotForAsset: return "合同{contract_id}的标的不包括{asset_id}"
        case .contractNotInForce: return "合同{contract_id}的期限为{start_on}至{end_on}，{on}不在合同期内"
        case .contractTerminatedOn: return "合同{contract_id}已于{terminated_on}终止"
        case .decisionUnknown: return "所依据的业主共同决定{decision_id}截至检查日未记入账本"
        case .decisionNotYetTaken: return "所依据的业主共同决定{decision_id}截至检查日尚未作出（{decided_on}作出）"
        case .decisionOtherCommunity: return "所依据的决定{decision_id}是其他小区（{decision_community}）业主作出的"
        case .decisionNotForAsset: return "决定{decision_id}未授权使用{asset_id}"
        case .decisionExpired: return "决定{decision_id}的有效期至{valid_until}，已于{~lapsed}失效"
        case .decisionExpiredAtSigning: return "决定{decision_id}的有效期至{valid_until}，合同签订时（{on}）已失效"
        case .decisionForOtherContract: return "决定{decision_id}载明同意的合同为{contract_id}，不是本合同"
        case .decisionForContractOnly: return "决定{decision_id}载明同意的是合同{contract_id}，并未同意本项使用（按该合同使用的，应引用该合同）"
        case .decisionWrongMatter: return "所依据的决定{decision_id}表决的事项是“{matter}”，不能作为本事项的依据"
        case .quorumMissed: return "决定{decision_id}（{decided_on}表决）参与表决的专有部分面积{participating_area}（总面积{total_area}）、人数{participating_owners}人（总人数{total_owners}人），{~short}"
        case .specialMajorityMissed: return "决定{decision_id}同意的专有部分面积{approving_area}（参与表决{participating_area}）、人数{approving_owners}人（参与表决{participating_owners}人），{~short}"
        case .simpleMajorityMissed: return "决定{decision_id}同意的专有部分面积{approving_area}（参与表决{participating_area}）、人数{approving_owners}人（参与表决{participating_owners}人），{~short}"
        case .decisionAfterAct: return "所依据的决定{decision_id}于{decided_on}才作出，晚于{~act}（{act_on}），只能视为事后追认"
        case .businessUse: return "用于{purpose}属于利用共有部分从事经营活动，须经参与表决的专有部分面积和人数均达到四分之三以上同意"
        case .inspectionOccupied: return "{inspected_on}巡查（巡查人：{inspector}）发现被占用{~note}"
        case .inspectionInUse: return "{inspected_on}巡查（巡查人：{inspector}）发现正在使用，但账本中当日既无使用登记，也无有效合同{~note}"
        case .disclosedLate: return "应于{due_on}前公示（每{months}个月一次），至{published_on}才公示，迟延{days}天"
        case .disclosureGap: return "{from}至{to}（{days}天）的收支未列入任何一次公示；该期间收入{income}，支出{spending}{~transfers}"
        case .useChanged: return "{changed_on}将{field}由“{~was}”改为“{~now}”"
        case .useChangeRatified: return "业主于{decided_on}作出决定{decision_id}，对该改变事后追认"
        case .useDiffersAtRegistration: return "{registered_on}登记时{field}为“{~now}”，与{planned_field}“{~was}”不符，未见业主共同决定同意改变用途"
        case .idleDays: return "自{since}起闲置{days}天（标准：{threshold}天以上）"
        case .utilisation: return "近{window_days}天中使用{used_days}天，利用率{utilisation}（标准：不低于{threshold}）"
        case .incomePerArea: return "近{window_days}天按合同应得收益{income}（同期实收{received}，按到账日期计），面积{area}，每平方米{income_per_m2}；本街道同类{peers}处的中位数为每平方米{median_per_m2}，本处不足其{threshold}"
        case .incomeShortfallExplained: return "因上述原因，{asset_id}近{window_days}天实收{received}（按到账日期计），每平方米{received_per_m2}，不足本街道同类中位数（每平方米{median_per_m2}）的{threshold}；合同租金标准并不偏低，故不另列为低效利用"
        case .noDecision: return "没有业主共同决定作为依据"
        case .decisionNotCited: return "合同未载明所依据的业主共同决定，但业主于{decided_on}作出的决定{decision_id}载明同意该合同"
        case .payeeFundMissing: return "合同未约定收款账户"
        case .payeeFundUnknown: return "约定的收款账户{fund_id}在账本中不存在"
        case .payeeFundWrongKind: return "约定的收款账户{fund_id}为{kind}账户，不是本小区公共收益或专项维修资金账户"
        case .contractTerm: return "合同期限{start_on}至{end_on}，共{~term}（上限{~cap}）"
        case .contractTermActual: return "合同已于{end_on}终止，实际履行{~term}（上限{~cap}）"
        case .contractTermActualPastCap: return "合同已于{end_on}{how}，实际履行{~term}（超过上限{~cap}）"
        case .contractEnded: return "合同已于{end_on}{how}"
        case .usedAfterEnd: return "合同已于{end_on}{how}，{user}仍继续使用（使用登记{use_id}），已{days}天；{~owed}"
        case .contractsOverlap: return "共有部分{asset_ids}已由合同{contract_id}出租给{counterparty}（合同期限{start_on}至{end_on}），两份合同在{from}至{to}期间同时有效，共{days}天"
        case .rentArrears: return "应收租金{due}，实收{received}，欠缴{arrears}，共{periods}期（{~span}），最早一期应于{oldest_due_on}缴纳"
        case .rentArrearsOnce: return "应收租金{due}，实收{received}，欠缴{arrears}，最早一笔应于{oldest_due_on}缴纳"
        case .rentAfterEnd: return "应收租金中{amount}是合同于{end_on}{how}后继续使用应付的使用费"
        case .spending: return "{spent_on}支出{amount}，用途：{purpose}，收款方：{counterparty}，凭证号{voucher}"
        case .transfer: return "{moved_on}从{from_fund}划出{amount}至{to_fund}，凭证号{voucher}"
        case .transferOtherCommunity: return "{moved_on}从{from_fund}划出{amount}，转入其他小区（{to_community}）的{kind}账户{to_fund}，凭证号{voucher}"
        case .maintenanceDiverted: return "维修资金专项用于共有部分的维修、更新和改造，不得划入{to_fund}（{kind}），业主共同决定也不能授权"
        case .emergencyNotDisclosed: return "{spent_on}紧急使用维修资金，应于{due_on}前公示，截至核查日仍未公示"
        case .emergencyDisclosedLate: return "{spent_on}紧急使用维修资金，应于{due_on}前公示，至{published_on}才公示，迟延{days}天"
        case .overCap: return "决定{decision_id}授权的支出上限为{cap}，累计已支出{spent}，超出{excess}"
        case .spendingOutsideDecision: return "决定{decision_id}授权的共有部分未列明{asset_ids}"
        case .prohibitedCategory: return "支出类别为“{category}”，属于维修资金不得列支的费用"
        case .outsideFundScope: return "支出类别为“{category}”，不属于共用部位、共用设施设备的维修、更新和改造，不得从维修资金中支出"
        case .withinWarranty: return "{asset_id}的保修期至{warranty_end}，支出时尚在保修期内"
        case .moneyRecovered: return "{recovered_on}已全额追回{amount}，退回本账户（{~records}，凭证号{vouchers}）"
        case .moneyPartlyRecovered: return "已追回{recovered}（{~records}，凭证号{vouchers}），尚有{outstanding}未追回"
        case .moneyMovedBack: return "{recovered_on}已全额划回{amount}（{~records}，凭证号{vouchers}）"
        case .moneyPartlyMovedBack: return "已划回{recovered}（{~records}，凭证号{vouchers}），尚有{outstanding}未划回"
        case .overdrawn: return "自{since}起账户透支，最低时余额为{lowest}（{on}）{~stretch}，至今未补足"
        case .overdraftEnded: return "自{since}起账户透支，最低时余额为{lowest}（{on}）{~stretch}，{ended_on}补足后透支消除"
        case .balanceDiffers: return "{on}银行对账单（{statement}）余额{asserted}，账面余额{ledger}，{~gap}"
        case .reconciliationOverdue: return "最近一次银行对账为{last_on}（对账单{statement}），应于{due_on}前再次对账（每年至少一次），已逾期{days}天"
        case .neverReconciled: return "自{since}账户有资金以来从未记录银行对账，应于{due_on}前对账（每年至少一次），已逾期{days}天"
        case .disclosureOverdue: return "上次公示于{last_on}，应于{due_on}前再次公示（每{months}个月一次），已逾期{days}天"
        case .neverDisclosed: return "自{opened_on}开户以来从未公示，应于{due_on}前公示（每{months}个月一次），已逾期{days}天"
        case .incomeInWrongFund: return "{received_on}合同{contract_id}的收入{amount}记入了{kind}账户{fund_id}"
        case .incomeInOtherCommunity: return "{received_on}合同{contract_id}的收入{amount}记入了其他小区（{fund_community}）的账户{fund_id}"
        }
    }

    static func en(_ key: FactKey) -> String {
        switch key {
        case .occupationOpen: return "occupied by {occupant} ({description}), reported {reported_on}, not cleared for {days:day}"
        case .useWithoutAnyAuthority: return "used by {user} for {purpose} since {started_on} with neither a contract nor an owners' decision"
        case .useStarted: return "used by {user} for {purpose} since {started_on}"
        case .useContractUnknown: return "the contract it cites, {contract_id}, is not in the ledger"
        case .contractNotForAsset: return "contract {contract_id} does not cover {asset_id}"
        case .contractNotInForce: return "contract {contract_id} runs from {start_on} to {end_on}; {on} is outside its term"
        case .contractTerminatedOn: return "contract {contract_id} was terminated on {terminated_on}"
        case .decisionUnknown: return "the owners' decision it cites, {decision_id}, is not in the ledger as of the check date"
        case .decisionNotYetTaken: return "the owners' decision it cites, {decision_id}, had not yet been taken on the check date (it was taken on {decided_on})"
        case .decisionOtherCommunity: return "decision {decision_id} was taken by the owners of another community ({decision_community})"
        case .decisionNotForAsset: return "decision {decision_id} does not authorise use of {asset_id}"
        case .decisionExpired: return "decision {decision_id} was valid until {valid_until} and lapsed on {~lapsed}"
        case .decisionExpiredAtSigning: return "decision {decision_id} was valid until {valid_until}; it had lapsed when the contract was signed ({on})"
        case .decisionForOtherContract: return "decision {decision_id} approves contract {contract_id}, not this one"
        case .decisionForContractOnly: return "decision {decision_id} approves contract {contract_id}, not this use (a use under that contract cites the contract)"
        case .decisionWrongMatter: return "decision {decision_id} it cites was on \"{matter}\", a matter that cannot authorise this"
        case .quorumMissed: return "decision {decision_id} (voted {decided_on}): participating area {participating_area} of {total_area}, owners {participating_owners} of {total_owners}; {~short}"
        case .specialMajorityMissed: return "decision {decision_id}: approving area {approving_area} of {participating_area} participating, owners {approving_owners} of {participating_owners}; {~short}"
        case .simpleMajorityMissed: return "decision {decision_id}: approving area {approving_area} of {participating_area} participating, owners {approving_owners} of {participating_owners}; {~short}"
        case .decisionAfterAct: return "decision {decision_id} it cites was taken only on {decided_on}, after {~act} on {act_on}; it can at most ratify it"
        case .businessUse: return "use for {purpose} is business on common parts, which needs 3/4 of the participating area and owners"
        case .inspectionOccupied: return "inspection on {inspected_on} by {inspector} found it occupied{~note}"
        case .inspectionInUse: return "inspection on {inspected_on} by {inspector} found it in use with neither a use nor a contract on record that day{~note}"
        case .disclosedLate: return "disclosure due by {due_on} (every {months:month}) was published only on {published_on}, {days:day} late"
        case .disclosureGap: return "income and spending from {from} to {to} ({days:day}) are in no disclosure; income in that period {income}, spending {spending}{~transfers}"
        case .useChanged: return "on {changed_on} {field} changed from \"{~was}\" to \"{~now}\""
        case .useChangeRatified: return "the owners ratified the change by decision {decision_id} on {decided_on}"
        case .useDiffersAtRegistration: return "registered on {registered_on} with {field} \"{~now}\", not its {planned_field} \"{~was}\"; no owners' decision on record authorises the change"
        case .idleDays: return "idle {days:day} since {since} (threshold: {threshold:day} or more)"
        case .utilisation: return "used {used_days} of the last {window_days:day}, utilisation {utilisation} (threshold: at least {threshold})"
        case .incomePerArea: return "contracted income for the last {window_days:day} {income} (received in that time {received}, counted by payment date) on {area}, {income_per_m2} per m²; the median of the {peers:part} of its kind in the street is {median_per_m2} per m², and this part has less than {threshold} of it"
        case .incomeShortfallExplained: return "for this reason {asset_id} received only {received} in the last {window_days:day} (counted by payment date), {received_per_m2} per m², less than {threshold} of the street median for its kind ({median_per_m2} per m²); its rent is not low, so it is not listed as low-efficiency use"
        case .noDecision: return "no owners' decision is cited"
        case .decisionNotCited: return "the contract cites no owners' decision, but decision {decision_id}, taken on {decided_on}, names it as the contract it approves"
        case .payeeFundMissing: return "the contract names no account for the rent"
        case .payeeFundUnknown: return "payee fund {fund_id} is not in the ledger"
        case .payeeFundWrongKind: return "payee account {fund_id} is a {kind} account, not the community's public-income or maintenance fund"
        case .contractTerm: return "term {start_on} to {end_on}, {~term} (cap {~cap})"
        case .contractTermActual: return "the contract was terminated on {end_on}, after {~term} (cap {~cap})"
        case .contractTermActualPastCap: return "the contract {how} on {end_on}, after {~term} (beyond the cap of {~cap})"
        case .contractEnded: return "the contract {how} on {end_on}"
        case .usedAfterEnd: return "the contract {how} on {end_on}; use {use_id} by {user} has gone on for {days:day} since, {~owed}"
        case .contractsOverlap: return "{asset_ids} is also let to {counterparty} under contract {contract_id} ({start_on} to {end_on}); both contracts are in force from {from} to {to}, {days:day}"
        case .rentArrears: return "rent due {due}, received {received}, arrears {arrears}, {periods:period} ({~span}), oldest due {oldest_due_on}"
        case .rentArrearsOnce: return "rent due {due}, received {received}, arrears {arrears}, oldest due {oldest_due_on}"
        case .rentAfterEnd: return "{amount} of the rent due is for use after the contract {how} on {end_on}"
        case .spending: return "spent {amount} on {spent_on} for {purpose}, paid to {counterparty}, voucher {voucher}"
        case .transfer: return "moved {amount} from {from_fund} to {to_fund} on {moved_on}, voucher {voucher}"
        case .transferOtherCommunity: return "moved {amount} from {from_fund} into {to_fund}, a {kind} account of another community ({to_community}), on {moved_on}, voucher {voucher}"
        case .maintenanceDiverted: return "the maintenance fund pays only for repair, renewal and renovation of common parts and may not be moved into {to_fund} ({kind}), not even by an owners' decision"
        case .emergencyNotDisclosed: return "emergency use of the maintenance fund on {spent_on} was due to be disclosed by {due_on} and had not been by the check date"
        case .emergencyDisclosedLate: return "emergency use of the maintenance fund on {spent_on} was due to be disclosed by {due_on}, and was disclosed on {published_on}, {days:day} late"
        case .overCap: return "decision {decision_id} authorised spending up to {cap}; {spent} spent, {excess} over"
        case .spendingOutsideDecision: return "decision {decision_id} does not name {asset_ids} among the parts it authorises"
        case .prohibitedCategory: return "category \"{category}\" is a cost the maintenance fund must not bear"
        case .outsideFundScope: return "category \"{category}\" is no repair, renewal or renovation of common parts, so the maintenance fund must not pay it"
        case .withinWarranty: return "{asset_id} was under warranty until {warranty_end} when the money was spent"
        case .moneyRecovered: return "{amount} recovered in full by {recovered_on}, paid back into the fund ({~records}, vouchers {vouchers})"
        case .moneyPartlyRecovered: return "{recovered} recovered ({~records}, vouchers {vouchers}); {outstanding} still to recover"
        case .moneyMovedBack: return "{amount} moved back in full by {recovered_on} ({~records}, vouchers {vouchers})"
        case .moneyPartlyMovedBack: return "{recovered} moved back ({~records}, vouchers {vouchers}); {outstanding} still to move back"
        case .overdrawn: return "overdrawn since {since}; lowest balance {lowest} on {on}{~stretch}; not yet made good"
        case .overdraftEnded: return "overdrawn since {since}; lowest balance {lowest} on {on}{~stretch}; made good on {ended_on}"
        case .balanceDiffers: return "bank statement {statement} shows {asserted} on {on}, the books {ledger}: {~gap}"
        case .reconciliationOverdue: return "last reconciled with the bank on {last_on} (statement {statement}); next due by {due_on} (at least once a year), {days:day} overdue"
        case .neverReconciled: return "holds money since {since} and was never reconciled with the bank; due by {due_on} (at least once a year), {days:day} overdue"
        case .disclosureOverdue: return "last disclosed {last_on}; next due by {due_on} (every {months:month}), {days:day} overdue"
        case .neverDisclosed: return "never disclosed since the fund opened on {opened_on}; due by {due_on} (every {months:month}), {days:day} overdue"
        case .incomeInWrongFund: return "income {amount} from contract {contract_id} on {received_on} booked to {kind} account {fund_id}"
        case .incomeInOtherCommunity: return "income {amount} from contract {contract_id} on {received_on} booked to fund {fund_id} of another community ({fund_community})"
        }
    }
}
