import LedgerEvents

/// Columns that give the unit of a figure column in a column of their own (`面积,面积单位` with rows `3,亩`;
/// a bank's `币种`), and the check of their cells, row by row.
///
/// The importers read an area in m² and money in 元 whatever such a column says, so `3,亩` would be recorded as
/// 3 m² (review 35e M1): a row whose unit cell names another unit (亩, 公顷, 万元, 美元 …) or holds text that is not a
/// unit is refused, naming both columns. Nothing is converted (亩 is not an exact number of m²). What counts as the
/// column's own unit and what as another is `UnitWords`'s rule, as for a heading's brackets.
///
/// Which heading is a unit column is decided once, from the header (README, "Importing a register"):
/// - a currency heading (`币种`, `币别`, `货币`, `currency`): the unit of every money column of the row;
/// - a heading naming figures before `单位`/`unit` (`面积单位`, `租金单位`, `金额单位`, `area unit`): the unit of the
///   figure column so headed (or of a heading its field takes), else of every column of that kind (`面积` → areas,
///   `金额` → money); a heading whose name names no figure (`收款单位`, `使用单位`, `编制单位`: an organisation) is none;
/// - `单位`, `计量单位`, `unit` alone: the unit of the figure column right before it, or right after it when the one
///   before is no figure column; between two figure columns it is refused (which one it means is not guessed), and
///   beside none it is none (it may name an organisation).
/// Only columns no field takes are looked at; a column a mapping file names is never one.
struct UnitColumns: Sendable {
    /// A figure column: the unit it is read in and the headings that name it (normalized).
    struct Figure: Sendable {
        var column: Int
        var unit: RegisterVocabulary.ColumnUnit
        var names: Set<String>
    }

    /// A unit column and the figure columns it gives the unit of (in column order, all of one unit).
    struct Tie: Sendable {
        var column: Int
        var figures: [Int]
        var unit: RegisterVocabulary.ColumnUnit
    }

    private(set) var ties: [Tie] = []
    /// Header problems: a generic unit column between two figure columns.
    private(set) var problems: [Wording] = []
    /// Per tie, the last cell text found the figures' own unit: registers repeat one unit down the column, which is
    /// then compared by its bytes, not read again.
    private var lastOwn: [String?] = []

    var isEmpty: Bool { ties.isEmpty }
    /// The unit column that gives the unit of figure column `column`, if any.
    func unitColumn(of column: Int) -> Int? { ties.first { $0.figures.contains(column) }?.column }
    /// The unit columns, for the callers that keep them out of "unknown column".
    var columns: Set<Int> { Set(ties.map(\.column)) }

    static let currencyHeadings: Set<String> = ["币种", "币别", "货币", "货币种类", "币种名称", "货币名称", "货币单位", "币种单位",
                                                "currency", "ccy", "currencycode"]
    static let genericHeadings: Set<String> = ["单位", "计量单位", "计价单位", "unit", "units", "uom"]
    /// The word before `单位`/`unit` that names every column of a kind.
    static let kindWords: [String: RegisterVocabulary.ColumnUnit] = [
        "金额": .yuan, "货币": .yuan, "计价": .yuan, "amount": .yuan, "money": .yuan,
        "面积": .squareMetres, "area": .squareMetres,
    ]

    init() {}

    /// Binds the unit columns among `candidates` (columns no field takes) to `figures`.
    init(headings: [String], candidates: [Int], figures: [Figure]) {
        guard !figures.isEmpty else { return }
        let byColumn = Dictionary(figures.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        for column in candidates where column < headings.count {
            let heading = RegisterVocabulary.normalizedHeading(headings[column])
            guard !heading.isEmpty else { continue }
            var tied: [Figure] = []
            if Self.currencyHeadings.contains(heading) {
                tied = figures.filter { $0.unit == .yuan }
            } else if Self.genericHeadings.contains(heading) {
                let before = byColumn[column - 1], after = byColumn[column + 1]
                if let before, let after {
                    problems.append(ImportWords.unitColumnBetween(column, headings[column], before: before.column,
                                                                  headings[before.column], after: after.column, headings[after.column]))
                    continue
                }
                tied = [before ?? after].compactMap { $0 }
            } else if let name = Self.namedFigures(heading) {
                tied = figures.filter { $0.names.contains(name) }
                if tied.isEmpty, let unit = Self.kindWords[name] { tied = figures.filter { $0.unit == unit } }
            }
            // One unit to a column: a heading naming figures of both kinds takes the first one's.
            guard let unit = tied.first?.unit else { continue }
            ties.append(Tie(column: column, figures: tied.filter { $0.unit == unit }.map(\.column).sorted(), unit: unit))
        }
        lastOwn = Array(repeating: nil, count: ties.count)
    }

    /// The name before a trailing `单位`/`unit(s)` (`面积单位` → `面积`), nil when there is none.
    private static func namedFigures(_ heading: String) -> String? {
        for suffix in ["单位", "units", "unit"] where heading.hasSuffix(suffix) && heading.count > suffix.count {
            return String(heading.dropLast(suffix.count))
        }
        return nil
    }

    /// Checks a row's unit cells (trimmed; nil where undecodable), telling `problem` of each refused one.
    /// - Parameter onlyForeign: refuse only another unit, letting other text by (a bank statement's `币种` may hold a
    ///   code such as 01 or 156 for 人民币; README, "Clerk's workflow").
    mutating func check(_ cells: [String?], headings: [String], onlyForeign: Bool = false,
                        problem: (_ column: Int, _ value: String, _ reason: Wording, _ allowed: Wording) -> Void) {
        for (index, tie) in ties.enumerated() {
            guard tie.column < cells.count, let text = cells[tie.column], !text.isEmpty else { continue }
            if let last = lastOwn[index], last.utf8.elementsEqual(text.utf8) { continue }
            let verdict = UnitWords.cellVerdict(text, for: tie.unit)
            if verdict == .own {
                lastOwn[index] = text
                continue
            }
            if onlyForeign && verdict == .notAUnit { continue }
            let figures = tie.figures.map { ImportWords.column($0, heading: $0 < headings.count ? headings[$0] : nil) }
            // The figure the row would record, when the unit is of one column that holds one.
            var figure: String? = nil
            if tie.figures.count == 1, let column = tie.figures.first, column < cells.count, let value = cells[column], !value.isEmpty {
                figure = value
            }
            problem(tie.column, text,
                    ImportWords.unitCellRefused(foreign: verdict == .foreign, figures: figures, figure: figure, unit: tie.unit),
                    ImportWords.unitCellAllowed(figures: figures, unit: tie.unit, notAUnit: verdict == .notAUnit))
        }
    }
}
