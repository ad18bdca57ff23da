import LedgerEvents

/// The messages of unit words inside a figure cell (`Cell.unitWords`: `1.2万元`, `USD 500`, `3亩`), of a register
/// row's zero area (review 36a), in English and Chinese (a decision row whose owners and area disagree:
/// `EventWords.ownersAndAreaDisagree`, shared with `ledger append`).
extension ImportWords {
    /// A money or area cell whose words name another unit than the column is read in.
    static func foreignUnitInCell(_ unit: String, for column: RegisterVocabulary.ColumnUnit) -> Wording {
        let shown = RowProblem.shown(unit)
        return column == .yuan
            ? Wording(en: "states the amount in \"\(shown)\", another unit than the yuan (元) this column is read in; units and currencies are not converted, and the number is not read as yuan",
                      zh: "金额以“\(shown)”计，不是本列读取的元；导入时不换算单位和币种，也不把这个数当作元读取")
            : Wording(en: "states the area in \"\(shown)\", another unit than the square metres (m²) this column is read in; units are not converted, and the number is not read as m²",
                      zh: "面积以“\(shown)”计，不是本列读取的平方米；导入时不换算单位，也不把这个数当作平方米读取")
    }

    static func foreignUnitInCellAllowed(_ column: RegisterVocabulary.ColumnUnit) -> Wording {
        column == .yuan
            ? Wording(en: "Write the amount in yuan as a number, e.g. 12000, 12,000.00, ¥12,000.00, 12000元 or RMB 12000 (an amount in 万元 times 10,000: 1.2万元 is 12000). Money in another currency (USD, HK$, 美元, 港币) is recorded in yuan as the bank credited or debited it.",
                      zh: "请以元为单位写数字，例如 12000、12,000.00、¥12,000.00、12000元 或 人民币12000元（以万元计的乘以 10000：1.2万元 写作 12000）。外币款项按银行入账或付款的人民币金额填写。")
            : Wording(en: "Write the area in square metres as a number, e.g. 12.5, 12.5㎡, 12.5平方米 or 12.5 m2 (at most 2 decimal places), as measured; an area in 亩, 公顷 or square feet is not an exact number of m² and is not converted.",
                      zh: "请以平方米为单位写数字，例如 12.5、12.5㎡、12.5平方米 或 12.5 m2（最多两位小数），按实测面积填写；以亩、公顷、平方尺等计的面积不作换算。")
    }

    /// A money or area cell that states its unit twice (`100元整元`): `Cell.unitWords`.
    static func doubledUnitInCell(_ words: String) -> Wording {
        let shown = RowProblem.shown(words)
        return Wording(en: "states its unit twice (\"\(shown)\"): a cell holds one number with its unit written once at most; a doubled unit is most likely a slip of typing, and what was meant is not guessed",
                       zh: "单位写了两次（“\(shown)”）：一个单元格只写一个数，单位至多写一次；单位重复多为录入错误，导入时不猜测原意")
    }

    /// A money cell holding a rate (`600元/月`, `20元/㎡/月`): `Cell.unitWords`.
    static func rateInCell(_ words: String) -> Wording {
        let shown = RowProblem.shown(words)
        return Wording(en: "is a rate (\"\(shown)\"), not an amount: this column holds the money of the row itself, and a rate is not read as that sum",
                       zh: "是费率或单价（“\(shown)”），不是金额：本列填写这一行的款项本身，费率不能当作金额读取")
    }

    static let rateInCellAllowed = Wording(
        en: "Write the amount of this row in yuan as a number without \"/\" and a period, e.g. 600 or 600元; a price per m² or per household is multiplied out first. (In a contracts file, the rent is the sum of one period, with the period in the 计租周期 (rent_period) column.)",
        zh: "请以元为单位写这一行的金额，不带“/”和期间，例如 600 或 600元；按平方米或按户计的单价，请先乘出总额。（经营合同表中，租金填每一期的总额，期间填在“计租周期”列。）")

    /// A register row's area of 0 for a part of a kind that has an area (`RegisterImporter`).
    static func zeroArea(kind: AssetKind) -> Wording {
        let word = RegisterVocabulary.kindWords.first { $0.0 == kind.rawValue }?.1.first ?? kind.rawValue
        return Wording(en: "is 0, but a part of kind \(kind.rawValue) (\(word)) has an area; 0 is almost always an area left out or mistyped",
                       zh: "即面积为0，但\(word)有面积；面积为0多为漏填或录入错误")
    }

    static let zeroAreaAllowed = Wording(
        en: "Write the part's area in square metres as measured (e.g. 12.5, at least 0.01). A part with no area of its own (an advertising space counted by the panel, a piece of equipment) is registered with kind 广告位 (advertising) or 其他 (other), which may have area 0.",
        zh: "请按实测填写该部分的面积（平方米，至少 0.01），例如 12.5。本身没有面积的（按块计的广告位、设施设备），类型请写 广告位 或 其他，其面积可以为 0。")
}
