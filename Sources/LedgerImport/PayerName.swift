import LedgerEvents
import LedgerProjections

/// A payer's or payee's name as the twin rule compares it (`ImportTwins.Key`), and as every door compares a name
/// the ledger keeps private (`PrivateNames`): the same word written in a traditional or variant form
/// (`青岛明月停車管理有限公司`, `車庫`, `張曉靜` = `张晓静`) is the same name, as a clerk reads it, so a payment typed
/// once from a receipt in simplified characters and once from a bank's file in traditional ones is seen as one
/// payment. Only the characters of `table` are folded, each to the one simplified character that is its only
/// standard form (a traditional character two simplified ones share, such as 發/髮 → 发 or 乾/幹 → 干, is left
/// out: folding it could make two real names one); a variation selector after a character (the same character,
/// another glyph) is dropped; the middle dots of minority and foreign names (`·` `•` `‧` `・` `･` `﹒` `∙` `⋅`, and
/// the full stop `.` `。` `｡` typed for one: `阿卜杜拉.买买提`, not beside a digit, `1.5号`, nor in an
/// e-mail address: `fullStops`) are dropped, so that a name written without its dot
/// (`阿卜杜拉买买提`, as many forms and bank files write it) is the same name (review 48 #8); and a letter is read in lower case
/// beyond ASCII too (`Ä` = `ä`; full-width `Ｌｉ` = `li`, through `UseText.key`). Nothing else is ignored — no
/// similar-sounding or similar-looking names, no dropped words — so two names that differ in anything but these stay
/// two payers (README, "Importing a register", twins). No stored state keeps this key (`index/` holds none): a
/// change of the table changes no file, only what later runs compare.
public enum PayerName {
    /// Traditional (or variant) form → simplified form, one character each, both ways unambiguous. The first part:
    /// the characters offices meet in company and place names (session 43). The second (session 48, review 47c #2),
    /// a deliberate list of the characters of persons' names: the traditional forms, as the 通用规范汉字表 (2013)
    /// pairs them with its simplified ones, of the hundred commonest surnames of the mainland's household register
    /// (the 公安部 list of 2020; 張 陳 劉 … already in the first part) and of the characters commonest in given
    /// names (曉 靜 強 輝 濤 榮 …), and those of Uyghur and other minority names transcribed in Han
    /// characters (買買提 瑪 薩 額 納 圖). Left out, since the simplified character stands for two traditional ones
    /// in names, or is itself a traditional character used apart in names: 發髮 乾幹 鍾鐘 於 餘 範 薑 鬱 嶽 徵 後
    /// 團 纖 須 鬆 蕓 蘋 豐 黨 傑 昇. 雲 → 云, 葉 → 叶 and 萬 → 万 are in although 云, 叶 and 万 are old characters of
    /// their own: none is a name character apart from the pair in the registers this ledger meets. The third part
    /// (session 49, review 48 #8), from an audit of the table against the 百家姓 surnames (single and compound:
    /// 亞 應 師 竇 婁 蘆 宮 叢 闞 計 厲 賁 鈕 …, 軒轅 閭丘 顓孫 壤駟 夾谷 …) and the given-name characters of the
    /// 通用规范汉字表 pairs that the first parts lacked (綿 纓 璣 騏 驥 揚 靚 瀅 漣 …): each a one-to-one pair there.
    /// Left out for the same reason as above: 臺 (台 is a surname of its own), 塗 (涂), 穀 (谷), 週 (周), 遊 (游),
    /// 閑 (閒 → 闲 too), 讚 and 贊 (both → 赞), 鬥 (斗), 盡 (儘 → 尽 too), 別 (彆 → 别 too), 蔭 (廕 → 荫 too), 願 (愿 is
    /// a traditional character of its own), 適 (适 is an old character of its own); the last five and 贊 were in the
    /// table until the privacy49 review found them against this rule.
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
            + "葉叶羅罗呂吕蔣蒋賈贾譚谭韋韦閆闫賀贺喬乔萬万聶聂蕭萧鄺邝關关單单閔闵龐庞駱骆溫温鞏巩鄔邬鮑鲍麥麦項项畢毕欒栾藺蔺遲迟勞劳繆缪闕阙簡简饒饶諸诸儲储曉晓靜静強强濤涛輝辉剛刚勝胜艷艳瑩莹穎颖瑤瑶嬌娇"
            + "嫻娴蓮莲鳴鸣貴贵榮荣祿禄慶庆歡欢鋒锋銳锐銘铭錚铮釗钊綱纲紀纪緯纬綺绮繼继純纯驍骁騰腾鶴鹤鷹鹰燁烨煒炜燦灿爍烁煥焕暉晖曄晔霽霁韻韵頌颂顯显頤颐碩硕贇赟貞贞寬宽憲宪萊莱藍蓝蘊蕴聰聪舉举書书選选連连"
            + "遙遥鸞鸾鶯莺鷗鸥圓圆堅坚壯壮夢梦嶸嵘崗岗嵐岚彥彦憶忆懷怀時时晉晋暢畅楓枫棟栋樺桦樹树櫻樱歸归淺浅淵渊滿满澤泽濃浓瀾澜烏乌獅狮現现瑋玮瓊琼眾众禎祯禕祎積积競竞箏筝簫箫紋纹絢绚綾绫緒绪縉缙總总羨羡"
            + "翹翘聲声肅肃葦苇薈荟蟬蝉親亲覺觉觀观詩诗語语誼谊諾诺謙谦謹谨譽誉讓让貽贻賦赋軒轩輔辅輪轮鈺钰銓铨錫锡鍵键鏡镜鑒鉴閣阁闖闯隱隐預预頓顿顥颢飄飘騫骞驊骅鵑鹃雲云凱凯愷恺鸝鹂嘯啸瀟潇灝灏奮奋鷺鹭"
            + "婭娅嬡嫒韜韬鏗铿鑄铸瑪玛買买薩萨額额納纳圖图"
            + "亞亚應应師师竇窦婁娄蘆芦宮宫叢丛闞阚計计厲厉賁贲鈕钮鈄钭薊蓟從从蒼苍貢贡酈郦郟郏魚鱼終终厙厍養养荊荆蓋盖轅辕閭闾顓颛駟驷夾夹欽钦帥帅緱缑況况賞赏譙谯愛爱綿绵纓缨璣玑騏骐驥骥駒驹鵲鹊熾炽鈴铃鑾銮揚扬"
            + "曇昙靄霭靚靓瀅滢滄沧漣涟湧涌灤滦濰潍練练薦荐茲兹訓训詠咏詞词識识論论議议審审寵宠獻献監监礎础禪禅籃篮絹绢綏绥緋绯縈萦臨临薔蔷虯虬襲袭訪访詡诩誥诰諭谕謀谋譯译讀读貫贯賜赐贏赢躍跃轉转辦办過过遜逊"
            + "遺遗還还邁迈釋释鉑铂錄录鍇锴鎧铠鏵铧鐳镭鐸铎雋隽霧雾頁页頗颇頡颉颯飒騁骋驕骄驚惊驛驿鯤鲲鯨鲸點点"
        var table: [Character: Character] = [:]
        let characters = Array(pairs)
        precondition(characters.count % 2 == 0, "the table is written in pairs")
        for index in stride(from: 0, to: characters.count, by: 2) { table[characters[index]] = characters[index + 1] }
        return table
    }()

    /// A payer's name as two records of one payer share it: read as a reader reads it (`UseText.key`: widths, spaces,
    /// ASCII letter case, as CON-08 compares tenants), then each variant character in its simplified form, each
    /// middle dot dropped and every other letter in lower case (`folded`).
    public static func key(_ name: String) -> String {
        let read = UseText.key(name)
        return isFolded(read) ? read : folded(read)
    }


    /// The dots that part the names of a minority or foreign person (`阿卜杜拉·买买提`, `玛丽·居里`) as offices and
    /// banks type them: bullet, hyphenation point, katakana middle dot (full and half width), small full stop, bullet
    /// and dot operators, and the full stops typed for one (`.` — the full-width `．` is `.` after `UseText.key` —,
    /// `。`, `｡`) and U+00B7 itself: dropped from the key (review 48 #8: `阿卜杜拉买买提` is `阿卜杜拉·买买提`), the full
    /// stops only as a name's middle dot (`fullStops`).
    static let dots: Set<UInt32> = [0x2E, 0xB7, 0x2022, 0x2027, 0x30FB, 0xFF65, 0xFE52, 0x2219, 0x22C5, 0x3002, 0xFF61]

    /// The full stops of `dots` (`.` `。` `｡`): dropped only as a name's dot — with no digit beside it, in a text
    /// holding no `@` or `/`; kept beside a digit (`1.5号商铺`) and in an address (`li.na@163.com`), where a full
    /// stop is no middle dot and dropping it would make two payers one (review privacy49 #5).
    static let fullStops: Set<UInt32> = [0x2E, 0x3002, 0xFF61]

    /// `name` with each character of `table` in its simplified form, every dot of `dots` dropped, every letter beyond
    /// ASCII in lower case (ASCII is `UseText.key`'s), and every variation selector dropped: the form two names of
    /// one payer share.
    public static func folded(_ name: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(name.unicodeScalars.count)
        let characters = Array(name)
        // A full stop is a name's dot only where no digit stands beside it, in a text that is no address (review
        // privacy49 #5: `1.5号商铺` is not `15号商铺`, nor `li.na@163.com` `lina@163.com`). A digit, not any number:
        // Han numerals stand in names (`伊万.彼得罗夫` is `伊万·彼得罗夫`, `张.三` `张三`; review of privfix49 #2).
        let address = name.contains("@") || name.contains("/")
        for (index, character) in characters.enumerated() {
            if let simple = table[character] {
                out.append(simple)
                continue
            }
            let scalars = character.unicodeScalars
            if scalars.count == 1, let only = scalars.first, dots.contains(only.value) {
                if !fullStops.contains(only.value) { continue }
                if !address, index == 0 || !isDigit(characters[index - 1]), index + 1 == characters.count || !isDigit(characters[index + 1]) { continue }
                out.append(character)
                continue
            }
            if scalars.contains(where: { $0.value >= 0x80 && $0.properties.changesWhenLowercased }) {
                // Beyond ASCII (`Ä`, `Ω`, `Д`, full-width `Ｌ`): one name in either case, as a reader reads it (ASCII is
                // `UseText.key`'s).
                out += character.lowercased()
                continue
            }
            // A Han character followed by a variation selector is one Character: its base only, folded.
            guard scalars.contains(where: isVariationSelector) else {
                out.append(character)
                continue
            }
            var base = ""
            base.unicodeScalars.append(contentsOf: scalars.filter { !isVariationSelector($0) })
            for each in base { out.append(table[each] ?? each) }
        }
        return out
    }

    /// A digit of any script (`5`, full-width `５`, `⑤`), not a Han numeral (`五`, `万`), which stands in names.
    static func isDigit(_ character: Character) -> Bool {
        guard character.unicodeScalars.count == 1, let only = character.unicodeScalars.first,
              let type = only.properties.numericType else { return false }
        return type == .decimal || type == .digit
    }

    /// The table's characters as scalars (each is one), for `isFolded`.
    private static let scalars: Set<UInt32> = Set(table.keys.compactMap { $0.unicodeScalars.first?.value })

    /// Whether `name` folds to itself (nothing to fold): the common case, compared as written. Read by scalar, as
    /// every name of every payment compared is asked; `name` is read by `UseText.key` already (ASCII in lower case).
    static func isFolded(_ name: String) -> Bool {
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value == 0x2E { return false }
                continue
            }
            if dots.contains(value) || scalar.properties.changesWhenLowercased { return false }
            if value >= 0x3400, scalars.contains(value) || isVariationSelector(scalar) { return false }
        }
        return true
    }

    static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }
}
