import LedgerEvents

/// The rule by which the importers judge a unit written in a heading's brackets (`金额（万元/年）`) or after a
/// title's `单位`/`unit` (`单位：萬元`): `RegisterVocabulary.foreignUnit`, `TitleUnits`.
///
/// Not a list of whole spellings, which every variant a clerk writes (`万元/年`, `RMB'000`, `萬元`, `人民币：万元`,
/// `CNY 10k`) slipped past, so that 1.2 in 万元 was recorded as ¥1.20: the text is read as a run of unit words, and
/// a run holding a magnitude (万 萬 千 仟 百 佰 亿 億, k, '000, 10,000, thousand, million …) or another unit (分, 角,
/// 美元, 亩, 公顷 …) is another unit than the column's. Labels (单位, 金额, 币种, unit, in, of), the column's own
/// unit (元, 圆, 块, 人民币, RMB, CNY, ¥, ￥, yuan; 平方米, ㎡, m² …) and a colon are read and say nothing by
/// themselves. Only the part before a `/` is judged; the first part after it may say per what period
/// (`万元/年`, `元/月`: `Reading.period`). A text holding anything else (`千方百计`, `分成收入`, `5万元以下`, `含税`) is
/// no unit at all: a note in brackets, or an organisation after 单位.
enum UnitWords {
    /// What a text says of the unit of a column read in `ColumnUnit`.
    enum Verdict: Equatable, Sendable {
        /// The column's own unit (`元`, `RMB`, `元/年`, `㎡`), or labels only.
        case own
        /// Another unit: a magnitude or another currency or area unit (`万元`, `RMB'000`, `分`, `亩`).
        case foreign
        /// Not a unit (`含税`, `2025年`, `XX物业公司`).
        case notAUnit
    }

    struct Reading: Equatable, Sendable {
        var verdict: Verdict
        /// The unit as read, labels and a label's colon left out (`人民币：万元` → `万元`, `inthousandsofyuan` →
        /// `thousandsofyuan`): folded (`UnitWords.folded`).
        var unit: String
        /// The period the text says the amount is per (`year`, `month`, `quarter`, `half_year`, `week`, `day`), or nil.
        var period: String?
    }

    private enum Role { case label, own, foreign }

    /// The text as compared: full-width forms as ASCII (`ＲＭＢ`, `／`, `：`, `，`), lower-cased, spaces, `_` and
    /// `-` removed.
    static func folded(_ text: String) -> String {
        let trimmed = Cell.trimmed(text)
        return (EventInput.fullWidthASCII(trimmed) ?? trimmed).lowercased().filter { !" \u{3000}\u{00A0}\t_-".contains($0) }
    }

    /// Magnitudes, in both kinds of column: any of them makes the unit another one (`万元`, `千平方米`).
    private static let magnitudes = ["十", "百", "千", "万", "亿", "拾", "佰", "仟", "萬", "億", "k", "wan", "hundred", "hundreds",
                                     "thousand", "thousands", "million", "millions", "ten", "100", "1000", "10000", "1,000", "10,000",
                                     "100,000", "1,000,000", "1000000", "'000", "\u{2019}000", ",000", "'0000", "10k", "100k",
                                     // Office shorthand: `w` for 万 (`1.2w`), `kw` for 千万, `mio` for million.
                                     "w", "kw", "mio"]
    /// The periods a unit may be per, after a `/` (`元/年`) or as a word of the unit (`每月`, `perannum`).
    static let periodWords: [String: String?] = [
        "年": "year", "年度": "year", "每年": "year", "year": "year", "yr": "year", "a": "year", "annum": "year", "peryear": "year",
        "perannum": "year", "p.a.": "year", "月": "month", "每月": "month", "month": "month", "mo": "month", "mth": "month",
        "permonth": "month", "季": "quarter", "季度": "quarter", "每季": "quarter", "每季度": "quarter", "quarter": "quarter",
        "qtr": "quarter", "q": "quarter", "perquarter": "quarter", "半年": "half_year", "halfyear": "half_year", "周": "week",
        "week": "week", "日": "day", "天": "day", "day": "day", "期": nil, "每期": nil, "次": nil, "period": nil,
    ]

    private static let moneyWords: [String: Role] = {
        var table: [String: Role] = [:]
        for word in ["单位", "unit", "units", "in", "of", "以", "为", "计", "金额", "币种", "货币", "计量", "amount", "amounts", "currency",
                     "每年", "每月", "每季", "每季度", "每期", "peryear", "permonth", "perquarter", "perannum", "p.a."] {
            table[word] = .label
        }
        // `元整`: "yuan exactly", as a receipt's amount ends (`100元整`); 整 alone is no unit.
        for word in ["元", "圆", "块", "元整", "圆整", "人民币", "rmb", "cny", "yuan", "¥", "￥"] { table[word] = .own }
        for word in magnitudes + ["m", "mn", "mln", "bn", "billion", "billions",
                                  "角", "分", "厘", "毛", "fen", "jiao", "cent", "cents", "美元", "美金", "港币", "港元", "澳元", "澳门元",
                                  "欧元", "日元", "英镑", "台币", "新台币", "韩元", "$", "us$", "hk$", "€", "£", "usd", "hkd", "eur",
                                  "jpy", "gbp", "dollar", "dollars"] {
            table[word] = .foreign
        }
        return table
    }()

    private static let areaWords: [String: Role] = {
        var table: [String: Role] = [:]
        for word in ["单位", "unit", "units", "in", "of", "以", "为", "计", "面积", "计量", "area"] { table[word] = .label }
        for word in ["平方米", "平米", "平方", "平", "㎡", "m2", "m²", "m^2", "sqm", "sq.m", "sq.m.", "squaremetre", "squaremetres",
                     "squaremeter", "squaremeters", "平方公尺"] {
            table[word] = .own
        }
        for word in magnitudes + ["亩", "公亩", "公顷", "平方公里", "平方千米", "平方分米", "平方厘米", "平方毫米", "平方尺", "平方英尺",
                                  "平方码", "平方市尺", "坪", "尺", "丈", "ha", "hectare", "hectares", "km2", "km²", "sqkm", "cm2", "cm²", "dm2", "dm²",
                                  "mm2", "mm²", "ft2", "ft²", "sqft", "squarefeet", "squarefoot", "yd2", "sqyd", "acre", "acres", "mu"] {
            table[word] = .foreign
        }
        return table
    }()

    private static let longestWord = (moneyWords.keys.map(\.count) + areaWords.keys.map(\.count) + periodWords.keys.map(\.count)).max() ?? 1

    /// Reads `text` (a part of a heading's brackets, or what follows a title's 单位) as the unit of a column of `unit`.
    static func read(_ text: String, for unit: RegisterVocabulary.ColumnUnit) -> Reading {
        let all = Array(folded(text))
        // `w/o` is English for "without" (`amount (w/o VAT)`), not `w` (万) per `o`.
        if all.starts(with: ["w", "/", "o"]) { return Reading(verdict: .notAUnit, unit: String(all), period: nil) }
        let slash = all.firstIndex(of: "/") ?? all.count
        let head = Array(all[..<slash])
        var period: String? = nil
        if slash < all.count {
            let after = all[(slash + 1)...].prefix { $0 != "/" }
            if let word = periodWords[String(after)] { period = word }
        }
        let words = unit == .yuan ? moneyWords : areaWords
        var index = 0, roles: [Role] = [], unitStart: Int? = nil
        // The run of unit words holding the first foreign one (`单位：万元 币种：人民币` → `万元`), which a refusal names.
        var foreignRun: Range<Int>? = nil, runOpen = false
        while index < head.count {
            if head[index] == ":" {
                // `人民币：万元`, `金额：万元`: what stands before a colon is a label, whatever it is.
                unitStart = nil
                runOpen = false
                index += 1
                continue
            }
            var matched = false
            for length in stride(from: min(longestWord, head.count - index), through: 1, by: -1) {
                let word = String(head[index..<(index + length)])
                if let role = words[word] {
                    roles.append(role)
                    if role != .label, unitStart == nil { unitStart = index }
                    if role == .label {
                        // `thousands of yuan` is one unit; `万元 币种：人民币` two statements.
                        if word != "of" { runOpen = false }
                    } else if let run = foreignRun, runOpen {
                        foreignRun = run.lowerBound..<(index + length)
                    } else if role == .foreign, foreignRun == nil {
                        foreignRun = (unitStart ?? index)..<(index + length)
                        runOpen = true
                    }
                    if role == .label, let said = periodWords[word] { period = said ?? period }
                    index += length
                    matched = true
                    break
                }
            }
            if !matched { return Reading(verdict: .notAUnit, unit: String(all), period: nil) }
        }
        let shown = unitStart.map { String(all[$0...]) } ?? String(all)
        if let run = foreignRun {
            // The run to the end when nothing but a period follows it (`万元/年`), else the run alone.
            let unit = run.upperBound == head.count ? String(all[run.lowerBound...]) : String(all[run])
            return Reading(verdict: .foreign, unit: unit, period: period)
        }
        if roles.contains(.own) || (head.isEmpty && period != nil) { return Reading(verdict: .own, unit: shown, period: period) }
        return Reading(verdict: .notAUnit, unit: shown, period: nil)
    }

    /// Whether `text` is a short Latin abbreviation that is no word of either table (`x`, `tw`, `mm`): in a figure
    /// heading's brackets it can only be meant as a unit, and one this table does not know may be a magnitude (as
    /// `w` for 万 was before it was listed), so such a heading is refused rather than read in 元 or m². A longer
    /// word (`net`, `incl. vat` …) stays a note.
    static func isUnknownAbbreviation(_ text: String) -> Bool {
        let all = folded(text)
        // A period alone (`租金（q）`, `租金（a）`) says per what, not in what.
        return (1...2).contains(all.count) && all.allSatisfy { $0.isASCII && $0.isLetter } && periodWords[all] == nil
    }

    /// Whether `text` (folded) is nothing but the column's own unit words, without a label, a period or anything else
    /// (`人民币`, `RMB`, `元`, `㎡`, `sq m`): the unit words a figure cell may carry around its number (`Cell.unitWords`).
    static func isOwnOnly(_ text: String, for unit: RegisterVocabulary.ColumnUnit) -> Bool {
        unitWordCount(text, for: unit) != nil
    }

    /// The currency markers among the money's own words (`人民币`, `RMB`, `CNY`, `¥`): they say which money, not
    /// in what unit, so `¥100元` or `人民币100元` states the unit once.
    private static let currencyMarkers: Set<String> = ["人民币", "rmb", "cny", "¥", "￥"]

    /// How many unit words (not currency markers) `text` holds when it is nothing but the column's own unit words
    /// (`isOwnOnly`): `元整元` holds two, `人民币` none; nil when it holds anything else. A figure cell that states its
    /// unit twice (`100元整元`, `12平方米㎡`) is a slip of typing, refused rather than read (review 38g).
    static func unitWordCount(_ text: String, for unit: RegisterVocabulary.ColumnUnit) -> Int? {
        let all = Array(folded(text)), words = unit == .yuan ? moneyWords : areaWords
        var index = 0, count = 0
        guard !all.isEmpty else { return nil }
        while index < all.count {
            guard let length = stride(from: min(longestWord, all.count - index), through: 1, by: -1).first(where: {
                words[String(all[index..<(index + $0)])] == .own
            }) else { return nil }
            if !currencyMarkers.contains(String(all[index..<(index + length)])) { count += 1 }
            index += length
        }
        return count
    }

    /// Whether `text` (words beside a figure cell's number) states a rate rather than the column's own unit: its
    /// own unit per a period (`元/月`, `/年`) or per something else (`元/㎡/月`, `元/户`). An amount cell holds the
    /// money of its row, so a rate is refused, never read as the sum (review 38b).
    static func isRate(_ text: String) -> Bool {
        guard folded(text).contains("/") else { return false }
        let reading = read(text, for: .yuan)
        return (reading.verdict == .own && reading.period != nil) || isUnitPrice(text)
    }

    /// A heading's last bracket, when the heading ends with it: the text before it and its content
    /// (`租金（元/月）` → `租金`, `元/月`), as the heading checks read a unit.
    static func lastBracket(_ heading: String) -> (name: String, inside: String)? {
        let scalars = Array(Cell.trimmed(heading).unicodeScalars)
        guard let last = scalars.last, ")）]】".unicodeScalars.contains(last),
              let open = scalars.lastIndex(where: { "(（[【".unicodeScalars.contains($0) }) else { return nil }
        var name = "", inside = ""
        name.unicodeScalars.append(contentsOf: scalars[..<open])
        inside.unicodeScalars.append(contentsOf: scalars[(open + 1)..<(scalars.count - 1)])
        return (name, inside)
    }

    /// The parts of a bracket's content, split at `，,、;；` but not at a comma between digits (`10,000`, `RMB'000`).
    static func parts(_ content: String) -> [String] {
        let text = Array(EventInput.fullWidthASCII(content) ?? content)
        var out: [String] = [], current = ""
        for (index, character) in text.enumerated() {
            if character == ",", index > 0, index + 1 < text.count, text[index - 1].isNumber || text[index - 1] == "'",
               text[index + 1].isNumber {
                current.append(character)
            } else if "，,、;；".contains(character) {
                out.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        out.append(current)
        return out
    }

    /// The per-period unit a heading states: `租金（元/月）` → month, `租金（万元/年）` → year, `租金（月）`, `月租金` → month; nil
    /// when it states none (`租金`, `租金（元）`, `每期租金`).
    static func statedPeriod(in heading: String) -> String? {
        var name = Cell.trimmed(heading)
        if let bracket = lastBracket(heading) {
            for part in parts(bracket.inside) {
                // `租金（月）`: the period alone.
                if case .some(.some(let period)) = periodWords[folded(part)] { return period }
                let reading = read(part, for: .yuan)
                if reading.verdict != .notAUnit, let period = reading.period { return period }
            }
            name = bracket.name
        }
        let folded = folded(name)
        for (prefix, period) in [("每年", "year"), ("年", "year"), ("annual", "year"), ("yearly", "year"), ("每月", "month"),
                                 ("月", "month"), ("monthly", "month"), ("每季度", "quarter"), ("季度", "quarter"), ("每季", "quarter"),
                                 ("季", "quarter"), ("quarterly", "quarter")] where folded.hasPrefix(prefix) {
            return period
        }
        return nil
    }

    /// The bracket part of a money heading that states a unit price (`元/平方米·月`, `元/㎡/月`, `元/户/月`): a rate
    /// per something other than a period, which an amount or rent column cannot take, as it holds the whole sum of
    /// each row (the rent of each period), so that 20 元 per m² a month of a 50 m² basement would be recorded as 20 元
    /// a month (review 35e S1). Nil when the part names another unit (`RegisterVocabulary.foreignUnit` refuses it) or
    /// every part after a `/` or `·` is a period (`元/月`, `元/年`, `元/期`).
    static func unitPrice(in heading: String) -> String? {
        guard let inside = lastBracket(heading)?.inside else { return nil }
        for part in parts(inside) where isUnitPrice(part) { return Cell.trimmed(part) }
        return nil
    }

    /// Whether `part` is yuan per something other than a period (`元/㎡/月`, `元/户`): `unitPrice`'s test of one part.
    static func isUnitPrice(_ part: String) -> Bool {
        let segments = folded(part).split(omittingEmptySubsequences: false, whereSeparator: { "/·・•".contains($0) }).map(String.init)
        guard segments.count > 1, read(segments[0], for: .yuan).verdict == .own else { return false }
        return segments.dropFirst().contains(where: { !$0.isEmpty && !periodWords.keys.contains($0) })
    }

    /// What a cell of a unit column says of its figures' unit (`UnitColumns`): `read`'s verdict, except that a
    /// price per something other than a period (`元/㎡/月`) is another unit than the whole amount the column holds.
    static func cellVerdict(_ text: String, for unit: RegisterVocabulary.ColumnUnit) -> Verdict {
        let verdict = read(text, for: unit).verdict
        if verdict == .own, unit == .yuan, isUnitPrice(text) { return .foreign }
        return verdict
    }

    /// Months in a period, for the factor a period read as another is off by; nil for a day, a week, once.
    static func months(_ period: String) -> Int? {
        ["month": 1, "quarter": 3, "half_year": 6, "year": 12][period]
    }
}
