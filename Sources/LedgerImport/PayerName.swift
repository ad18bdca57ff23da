import LedgerEvents
import LedgerProjections

/// A payer's or payee's name as the twin rule compares it (`ImportTwins.Key`): the same word written in a
/// traditional or variant form (`青岛明月停車管理有限公司`, `车庫`) is the same name, as a clerk reads it, so a payment
/// typed once from a receipt in simplified characters and once from a bank's file in traditional ones is seen as one
/// payment. Only the characters of `table` are folded, each to the one simplified character that is its only
/// standard form (a traditional character two simplified ones share, such as 發/髮 → 发 or 乾/幹 → 干, is left
/// out: folding it could make two real names one), and a variation selector after a character (the same character,
/// another glyph) is dropped. Nothing else is ignored — no similar-sounding or similar-looking names, no dropped
/// words — so two names that differ in anything but the table's characters stay two payers (README, "Importing a
/// register", twins).
public enum PayerName {
    /// Traditional (or variant) form → simplified form, one character each, both ways unambiguous: the characters
    /// offices meet in company, place and family names.
    static let table: [Character: Character] = {
        let pairs = "車车庫库東东華华國国電电廣广業业實实貿贸區区園园場场廠厂門门樓楼號号長长開开會会學学醫医藥药"
            + "銀银鐵铁礦矿氣气燈灯話话訊讯網网絡络聯联經经營营銷销貨货運运輸输達达進进遠远農农漁渔產产興兴鳳凤龍龙"
            + "馬马鵬鹏鴻鸿壽寿張张陳陈劉刘楊杨趙赵黃黄吳吴孫孙鄭郑謝谢許许馮冯鄧邓韓韩錢钱湯汤蘇苏盧卢閻阎顧顾嚴严"
            + "龔龚賴赖鄒邹務务設设備备維维護护潔洁綠绿環环險险財财資资權权證证視视頻频線线纜缆鋼钢濟济寧宁齊齐"
            + "賓宾館馆飯饭體体樂乐際际島岛灣湾漢汉陽阳陰阴蘭兰嶺岭橋桥鎮镇縣县鄉乡莊庄屬属協协創创爾尔"
            + "億亿傳传倫伦偉伟僑侨儀仪兒儿內内寶宝廳厅戶户撥拨擔担擁拥檢检歐欧滬沪潤润濱滨煙烟熱热"
            + "璽玺環环畫画疊叠盤盘禮礼稅税穩稳筆笔糧粮紅红約约紙纸細细紹绍組组結结統统絲丝綜综緣缘織织繪绘"
            + "罰罚義义習习聖圣聞闻職职膠胶興兴艦舰藝艺衛卫裝装覽览訂订記记詢询誠诚課课調调談谈豬猪"
            + "貝贝負负貸贷費费資资賢贤購购贛赣軍军軟软輕轻農农邊边鄰邻醬酱釀酿針针鈞钧銅铜錦锦鍋锅鎖锁鏈链閃闪"
            + "閩闽闊阔隊队陸陆際际隨随雙双雜杂雞鸡離离難难電电靈灵響响頂顶順顺領领頭头題题顏颜風风飛飞飾饰"
            + "駿骏驗验魯鲁鮮鲜鳥鸟鹽盐麗丽齡龄"
        var table: [Character: Character] = [:]
        let characters = Array(pairs)
        precondition(characters.count % 2 == 0, "the table is written in pairs")
        for index in stride(from: 0, to: characters.count, by: 2) { table[characters[index]] = characters[index + 1] }
        return table
    }()

    /// A payer's name as two records of one payer share it: read as a reader reads it (`UseText.key`: widths, spaces,
    /// letter case, as CON-08 compares tenants), then each variant character in its simplified form (`folded`).
    public static func key(_ name: String) -> String {
        let read = UseText.key(name)
        return isFolded(read) ? read : folded(read)
    }

    /// `name` with each character of `table` in its simplified form and every variation selector dropped: the form
    /// two names of one payer share.
    public static func folded(_ name: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(name.unicodeScalars.count)
        for character in name {
            if let simple = table[character] {
                out.append(simple)
                continue
            }
            // A Han character followed by a variation selector is one Character: its base only, folded.
            guard character.unicodeScalars.contains(where: isVariationSelector) else {
                out.append(character)
                continue
            }
            var base = ""
            base.unicodeScalars.append(contentsOf: character.unicodeScalars.filter { !isVariationSelector($0) })
            for each in base { out.append(table[each] ?? each) }
        }
        return out
    }

    /// The table's characters as scalars (each is one), for `isFolded`.
    private static let scalars: Set<UInt32> = Set(table.keys.compactMap { $0.unicodeScalars.first?.value })

    /// Whether `name` folds to itself (nothing to fold): the common case, compared as written. Read by scalar, as
    /// every name of every payment compared is asked.
    static func isFolded(_ name: String) -> Bool {
        for scalar in name.unicodeScalars where scalar.value >= 0x3400 {
            if scalars.contains(scalar.value) || isVariationSelector(scalar) { return false }
        }
        return true
    }

    static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }
}
