import LedgerImport
import Testing

/// `RegisterVocabulary.foreignUnit`: the unit a money or area heading's brackets name when it is not the one the
/// importers read (元, m²), so that `金额（万元）` is refused instead of read 10,000 times too small.
@Suite struct HeadingUnitTests {
    @Test(arguments: [
        // The column's own unit, a note without a unit, or no brackets: read as written.
        ("金额", nil), ("金额(元)", nil), ("金额（元）", nil), ("金额【元】", nil), ("金额[人民币元]", nil), ("金额（单位：元）", nil),
        ("金额（¥）", nil), ("金额（￥）", nil), ("amount (yuan)", nil), ("Amount (RMB)", nil), ("amount(CNY)", nil),
        ("租金（元/月）", nil), ("金额（含税）", nil), ("交易金额(收入)", nil), ("(万元)", nil), ("金额万元", nil),
        ("金额（分成收入）", nil), ("金额（元，精确到分）", nil), ("amount (w/o VAT)", nil), ("金额（千方百计）", nil),
        ("金额（单位：千元）", "单位：千元"),
        // Another unit: refused.
        ("金额（万元）", "万元"), ("金额(千元)", "千元"), ("金额（百元）", "百元"), ("金额(分)", "分"), ("金额【分】", "分"),
        ("金额[分]", "分"), ("金额（单位：分）", "单位：分"), ("金额（角）", "角"), ("金额（亿元）", "亿元"), ("金额（美元）", "美元"),
        ("金额（港币）", "港币"), ("amount (fen)", "fen"), ("Amount(Fen)", "Fen"), ("amount (cents)", "cents"), ("amount ($)", "$"),
        ("amount (USD)", "USD"), ("amount (k)", "k"), ("amount (thousand yuan)", "thousand yuan"), ("交易金额(分)", "分"),
        ("金额（万）", "万"),
        // Office shorthand for a magnitude (`w` for 万, `kw` for 千万, `mio`), and a short Latin abbreviation no table
        // knows: refused (review 38b M2: `金额(w)` read 12 as ¥12.00). A period alone, or `w/o`, is not one.
        ("金额(w)", "w"), ("金额（W）", "W"), ("金额(kw)", "kw"), ("金额(mio)", "mio"), ("金额(x)", "x"), ("金额（w元）", "w元"),
        ("租金（q）", nil), ("租金(a)", nil), ("amount (net)", nil),
    ] as [(String, String?)])
    func moneyHeadings(heading: String, foreign: String?) {
        #expect(RegisterVocabulary.foreignUnit(in: heading, for: .yuan) == foreign, "\(heading)")
    }

    @Test(arguments: [
        ("面积", nil), ("面积(㎡)", nil), ("面积（m²）", nil), ("面积(m2)", nil), ("面积（平方米）", nil), ("建筑面积（平米）", nil),
        ("area (sqm)", nil), ("area (m^2)", nil), ("面积（约）", nil), ("参与表决面积（专有部分）", nil), ("建筑面积（含公摊部分）", nil),
        ("面积（单位：亩）", "单位：亩"),
        ("面积（亩）", "亩"), ("面积(公顷)", "公顷"), ("面积（平方公里）", "平方公里"), ("面积（平方千米）", "平方千米"),
        ("面积(平方分米)", "平方分米"), ("面积（平方厘米）", "平方厘米"), ("面积（平方尺）", "平方尺"), ("area (ha)", "ha"),
        ("area (km²)", "km²"), ("area (sq ft)", "sq ft"), ("area (ft2)", "ft2"), ("area (acres)", "acres"), ("占地面积（万平方米）", "万平方米"),
        ("面积(坪)", "坪"), ("面积（尺）", "尺"), ("面积（w）", "w"), ("面积(xy)", "xy"),
    ] as [(String, String?)])
    func areaHeadings(heading: String, foreign: String?) {
        #expect(RegisterVocabulary.foreignUnit(in: heading, for: .squareMetres) == foreign, "\(heading)")
    }
}
