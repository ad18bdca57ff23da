import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Every message of the import layer about a cell, a row or a file, in English and Chinese, in one place. Each
/// is made from labelled values (file, row, column, heading, value, limit); a row problem is a `reason` (a phrase
/// that follows the value) and what is `allowed` (a sentence). The English is the wording the tests and rejects
/// files know; the Chinese is what a clerk reads under `--lang zh`.
public enum ImportWords {
    // MARK: - Frames

    /// `row 4, ` / `第 4 行，`.
    static func row(_ number: Int) -> Wording { Wording(en: "row \(number), ", zh: "第 \(number) 行，") }

    /// `column C "类型"` / `C 列 "类型"`.
    static func column(_ index: Int, heading: String?) -> Wording {
        let letters = ColumnName.letters(index)
        let shown = heading.map { " \"\(RowProblem.shown($0))\"" } ?? ""
        return Wording(en: "column \(letters)" + shown, zh: "\(letters) 列" + (heading.map { "“\(RowProblem.shown($0))”" } ?? ""))
    }

    // MARK: - Cells (`Cell`)

    static let notADate = Wording(en: "is not a date", zh: "不是日期")
    static let notADateTime = Wording(en: "is not a date (a time of day other than midnight is not allowed)",
                                      zh: "不是日期（除零点外不能带时刻）")
    static let dateOutsideYears = Wording(en: "is outside the years the ledger records (a date must be of a year from 1900 to 9999)",
                                          zh: "超出账本记录的年份范围（日期的年份须在 1900 至 9999 年之间）")
    static let notARealDate = Wording(en: "is not a real date", zh: "不是实际存在的日期")
    static func notARealDate(month: Int, monthName: String, year: Int, days: Int) -> Wording {
        Wording(en: "is not a real date (\(monthName) \(year) has \(days) days)", zh: "不是实际存在的日期（\(year) 年 \(month) 月只有 \(days) 天）")
    }
    /// Eight digits that are no date, with how they were read (`20261305`); fourteen digits with their `time` of day
    /// as read (`20261305143000`, `20260105256000`).
    static func notARealCompactDate(year: Int, month: Int, day: Int, time: String? = nil) -> Wording {
        func padded(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        let (y, m, d) = (padded(year, 4), padded(month, 2), padded(day, 2))
        guard let time else {
            return Wording(en: "is not a real date (eight digits are read as year \(y), month \(m), day \(d))",
                           zh: "不是实际存在的日期（8 位数字按年、月、日读作 \(y) 年 \(m) 月 \(d) 日）")
        }
        return Wording(en: "is not a real date and time (fourteen digits are read as year \(y), month \(m), day \(d), time \(time))",
                       zh: "不是实际存在的日期和时刻（14 位数字按年、月、日、时、分、秒读作 \(y) 年 \(m) 月 \(d) 日 \(time)）")
    }
    static let dateAllowed = Wording(en: "Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日.",
                                     zh: "日期请写作 2024-03-01、2024/3/1、20240301 或 2024年3月1日。")
    /// A bare number read as an Excel serial; `minute` is the time of day its fraction gives (nil: none or midnight).
    static func excelSerial(_ date: CalendarDate, minute: Int? = nil) -> Wording {
        guard let minute else {
            return Wording(en: "looks like an Excel date serial number (it would be \(date))", zh: "像是 Excel 的日期序号（对应 \(date)）")
        }
        let time = "\(minute / 60):" + (minute % 60 < 10 ? "0" : "") + String(minute % 60)
        return Wording(en: "looks like an Excel date-time serial number (it would be \(date) \(time)); a time of day other than midnight is not allowed here",
                       zh: "像是 Excel 的日期时间序号（对应 \(date) \(time)），这里除零点外不能带时刻")
    }
    /// For a serial with a time of day where only a date may be (`excelSerial(_:minute:)`).
    static func excelDateTimeAllowed(_ date: CalendarDate) -> Wording {
        Wording(en: "Format the column as a date without a time (yyyy-mm-dd) in Excel or WPS before saving, or write the date itself, e.g. \(date).",
                zh: "请先在 Excel 或 WPS 中把这一列设为不带时刻的日期格式（yyyy-mm-dd）再保存，或直接写日期，如 \(date)。")
    }
    static let excelSerialAllowed = Wording(
        en: "Format the column as a date in Excel before saving, or pass --excel-dates to read serial numbers.",
        zh: "请先在 Excel 中把这一列设为日期格式再保存，或加 --excel-dates 按序号读取。")

    // What a spreadsheet leaves in a cell that is not data (`Cell.textRefusal`).
    static let excelError = Wording(en: "is an Excel/WPS error value (the formula that filled the cell failed), not data",
                                    zh: "是 Excel/WPS 的错误值（填这个单元格的公式出错了），不是数据")
    static let excelErrorAllowed = Wording(
        en: "Fix the formula or type the real value in the cell (in Excel, copy the column and Paste Special › Values), then save the CSV again.",
        zh: "请改正公式或在单元格中填入实际的值（在 Excel 中可复制该列后“选择性粘贴 › 数值”），然后重新保存 CSV。")
    static func formula(_ sign: Character) -> Wording {
        Wording(en: "begins with \"\(sign)\": it is a formula saved as text, not its value",
                zh: "以“\(sign)”开头：这是被存成文字的公式，不是它的值")
    }
    static let formulaAllowed = Wording(
        en: "Put the value itself in the cell (in Excel, copy the column and Paste Special › Values); an id, voucher, name or counterparty may not begin with = or @, nor be + or - followed by a formula (-B2, +SUM(C2:C9)).",
        zh: "请在单元格中填入值本身（在 Excel 中可复制该列后“选择性粘贴 › 数值”）；编号、凭证号、名称和对方户名不能以 = 或 @ 开头，也不能是 + 或 - 加公式（-B2、+SUM(C2:C9)）。")
    /// A cell of UTF-8 Chinese text in a file read as GB18030/GBK (`CellDecoder.isLongUTF8`); the value shown is
    /// its UTF-8 reading, `gb` its GB18030 reading (nil when GB18030 cannot read it at all).
    static func utf8InGB18030(asGB18030 gb: String?) -> Wording {
        let reading = gb.map { Wording(en: "reads this cell as \"\(RowProblem.shown($0))\"", zh: "按 GB18030 读这个单元格是“\(RowProblem.shown($0))”") }
            ?? Wording(en: "cannot read this cell", zh: "按 GB18030 读不出这个单元格")
        return Wording(en: "is UTF-8 text, but the file's other text is GB18030/GBK, which \(reading.en): the file mixes two encodings",
                       zh: "是 UTF-8 文字，但文件的其余文字是 GB18030/GBK，\(reading.zh)：文件混用了两种编码")
    }
    static func utf8InGB18030Allowed(asGB18030 gb: String?) -> Wording {
        let retype = Wording(en: "Retype that cell in the GBK file, or save the whole file again as \"CSV UTF-8\"",
                             zh: "请在 GBK 文件中重新输入该单元格，或把整个文件另存为“CSV UTF-8”")
        guard let gb else { return Wording(en: retype.en + ".", zh: retype.zh + "。") }
        let asGB = RowProblem.shown(gb)
        return Wording(en: retype.en + "; pass --encoding gb18030 only if \"\(asGB)\" is really what the cell says.",
                       zh: retype.zh + "；只有当单元格的内容确实是“\(asGB)”时，才加 --encoding gb18030。")
    }
    /// An id, voucher or serial number Excel or WPS shortened to scientific notation (`1.23457E+17`): its digits are
    /// not in the file, so the advice says how to get them back (session 51: it named Excel only, and said to format
    /// the column without saying that it must come before the numbers are typed, or that reopening the CSV shortens
    /// them again).
    static let scientific = Wording(
        en: "is a long number Excel or WPS shortened to scientific notation when the file was saved: its other digits are not in the file",
        zh: "是 Excel 或 WPS 保存文件时缩写成科学计数法的长数字：其余的位数已不在文件中")
    static let scientificAllowed = Wording(
        en: "Formatting the column now does not bring the digits back: enter the full numbers again from the original (the bank's file, the paper register). "
            + "In Excel or WPS, first set the column's format to Text (select the column, Format Cells → Text), then type or paste the numbers "
            + "(or type ' before each number), and save the CSV again. Do not open the saved CSV in Excel and save it again: that shortens the numbers once more.",
        zh: "现在再改这一列的格式也找不回这些位数：请按原件（银行文件、纸质台账）重新填入完整的数字。"
            + "在 Excel 或 WPS 中，先把这一列设为“文本”格式（选中该列，设置单元格格式 → 文本），再输入或粘贴数字（或在每个数字前输入英文单引号 '），然后重新保存 CSV。"
            + "保存后不要再用 Excel 直接打开这个 CSV 并保存，否则数字又会被缩写。")
    static func invisibleInText(_ scalar: Unicode.Scalar) -> Wording { EventWords.invisibleInText(scalar) }
    /// A new name with a no-break space inside (`Cell.splitInName`).
    static func noBreakSpaceInName(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "contains the no-break space \(point) inside the name: it looks like a space but is another character, so the name written with an ordinary space would be another name to totals and searches",
                       zh: "名称中间有不换行空格 \(point)：看起来像空格，却是另一个字符，与用普通空格写的同一名称在汇总和查找中会成为两个名称")
    }
    /// A new name with a tab or a space-like character other than the ordinary space inside (`Cell.splitInName`).
    static func otherSpaceInName(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "contains the character \(point) inside the name: it looks like a space but is not the ordinary space, so the name written with an ordinary space would be another name to totals and searches",
                       zh: "名称中间有字符 \(point)：看起来像空格，却不是普通空格，与用普通空格写的同一名称在汇总和查找中会成为两个名称")
    }
    static let noBreakSpaceInNameAllowed = Wording(en: "Replace it with an ordinary space (or delete it), then save the CSV again.",
                                                   zh: "请把它换成普通空格（或删去），然后重新保存 CSV。")
    /// A new name broken over lines inside its cell (`Cell.splitInName`).
    static func lineBreakInName(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "contains a line break \(point) inside the cell: a name is one line, and the name broken over lines would be another name to totals and searches",
                       zh: "单元格内有换行 \(point)：名称只能是一行，分成几行的名称在汇总和查找中会成为另一个名称")
    }
    static let lineBreakInNameAllowed = Wording(en: "Join the lines into one (in Excel, delete the line break made with Alt+Enter), then save the CSV again.",
                                                zh: "请把几行合成一行（在 Excel 中删去用 Alt+Enter 打出的换行），然后重新保存 CSV。")
    /// A name the writer's door refuses (`Cell.nameRefusal`, `EventInput.nameFault`), beyond `splitInName`'s.
    static func nameFault(_ fault: EventInput.NameFault) -> Wording {
        let apart = Wording(en: ", so it looks the same as the text without it but is other text, and totals and searches would count the two apart",
                            zh: "，看起来与不含该字符的文字相同但并不相同，汇总和查找会把两者分开计算")
        switch fault {
        case .blank:
            return Wording(en: "has no visible character, only spaces or invisible characters", zh: "没有可见的字符，只有空白或不可见字符")
        case .edge(let scalar, let atStart):
            let what = EventWords.nameCharacter(scalar)
            return Wording(en: "\(atStart ? "begins" : "ends") with \(what.en)", zh: "\(atStart ? "开头" : "末尾")有\(what.zh)") + apart
        case .inside(let scalar):
            let what = EventWords.nameCharacter(scalar)
            return Wording(en: "contains \(what.en) inside the name", zh: "名称中间有\(what.zh)") + apart
        case .unattached(let scalar):
            let what = EventWords.markCharacter(scalar)
            return Wording(en: "contains \(what.en) where it modifies no character", zh: "含有\(what.zh)，它没有修饰任何字符") + apart
        case .lostCharacter:
            return Wording(en: "holds \"?\" where a character stands: ", zh: "中有“?”占着一个字的位置：") + EventWords.lostCharacter
        }
    }
    /// What a name may hold, after `nameFault`.
    static func nameFaultAllowed(_ fault: EventInput.NameFault) -> Wording {
        let allowed = Wording(en: " (", zh: "（") + EventWords.nameAllowed
            + (fault.isUnattached ? Wording(en: "; ", zh: "；") + EventWords.markAllowed : Wording(en: "", zh: ""))
            + Wording(en: "), then save the CSV again.", zh: "），然后重新保存 CSV。")
        if case .blank = fault { return Wording(en: "Write the text itself", zh: "请写出实际内容") + allowed }
        if case .lostCharacter = fault {
            return Wording(en: "Type the name in full and save the file as \"CSV UTF-8\".",
                           zh: "请把名称填写完整，并将文件另存为“CSV UTF-8”。")
        }
        return Wording(en: "Delete that character", zh: "请删去该字符") + allowed
    }
    static let invisibleInTextAllowed = Wording(en: "Delete that character (retype the text), then save the CSV again.",
                                                zh: "请删去该字符（重新输入这段文字），然后重新保存 CSV。")
    static let totalsRow = Wording(en: "begins a totals row, not a row of data", zh: "是合计行的开头，不是数据行")
    static let totalsRowAllowed = Wording(en: "Delete the totals row before importing (the ledger adds up the rows itself).",
                                          zh: "请在导入前删去合计行（账本会自行汇总各行）。")
    static let noteRow = Wording(en: "is the only filled cell of the row: a note or title under the table, not a row of data",
                                 zh: "是这一行唯一填写的单元格：表格下方的说明或落款，不是数据行")
    static let signatureRow = Wording(en: "is a signature line under the table (who made or checked it, when), not a row of data",
                                      zh: "是表格下方的落款（制表人、审核人、日期等），不是数据行")
    static let noteRowAllowed = Wording(en: "Delete the row before importing; if it is a row of data, fill in its other cells.",
                                        zh: "请在导入前删去这一行；如果它是数据行，请填写其余单元格。")
    static func fullWidthVoucher(_ ascii: String) -> Wording {
        Wording(en: "is written with full-width characters, so it looks like \"\(ascii)\" but is other text, and the same voucher would be counted twice",
                zh: "含有全角字符，看起来与“\(ascii)”相同但并不相同，同一张凭证会被算成两张")
    }
    static func fullWidthVoucherAllowed(_ ascii: String) -> Wording {
        Wording(en: "Write it in half-width (ASCII) characters: \"\(ascii)\".", zh: "请用半角字符写作“\(ascii)”。")
    }

    static let areaNegative = Wording(en: "is negative; an area cannot be", zh: "是负数；面积不能为负")
    static let areaDecimals = Wording(en: "has more than 2 decimal places", zh: "小数超过 2 位")
    static let areaComma = Wording(en: "is not an area: ", zh: "不是面积：") + EventWords.decimal(.ambiguousComma)
    static func areaTooLarge(_ limit: String) -> Wording {
        Wording(en: "is not an area: larger than \(limit) m²", zh: "不是面积：大于 \(limit) 平方米")
    }
    static let notAnArea = Wording(en: "is not an area", zh: "不是面积")
    static let areaAllowed = Wording(en: "Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places).",
                                     zh: "请以平方米为单位写数字，例如 35.5、35.50㎡ 或 1,234.5（最多两位小数）。")

    /// `is not an amount in yuan: has 3 decimal places; …` (or `a balance`).
    static func notYuan(_ why: EventError, balance: Bool = false) -> Wording {
        let reason = EventWords.yuanReason(why)
        return balance
            ? Wording(en: "is not a balance in yuan: \(reason.en)", zh: "不是以元为单位的余额：\(reason.zh)")
            : Wording(en: "is not an amount in yuan: \(reason.en)", zh: "不是以元为单位的金额：\(reason.zh)")
    }
    /// `(500.00)` in an amount column of a fact file (`Cell.yuan`).
    static func bracketedNegative(_ inner: String) -> Wording {
        Wording(en: "is a negative amount in accounting style (-\(RowProblem.shown(inner))); amounts here are not negative",
                zh: "是会计记法的负数（-\(RowProblem.shown(inner))）；这里的金额不能为负数")
    }
    /// What to do with a negative amount (`-500.00`, `(500.00)`) in `kind`'s file. Never "remove the sign" or "the
    /// brackets": −500 of income is money paid back out of the fund, and recorded as +500 income it would be
    /// counted in the wrong direction; a negative transfer runs the other way.
    static func negativeAllowed(_ inner: String, kind: FactKind?) -> Wording {
        let amount = RowProblem.shown(inner)
        switch kind {
        case .income?:
            return Wording(
                en: "A negative income is money paid back out of the fund (a refund): record it in the spending file (ledger import spending) as \(amount); if the income recorded earlier was wrong, correct that record instead. Do not just drop the sign or the brackets here: that would record it as income.",
                zh: "收入为负数的，是从资金账户退出的款项（退款），应记入支出表（ledger import spending），金额填 \(amount)；原收入记录有误的，应以更正事件更正原记录。不得仅去掉负号或括号后记入本表，否则会误记为一笔收入。")
        case .spending?:
            return Wording(
                en: "A negative spending is money paid back into the fund (a refund received): record it in the income file (ledger import income) as \(amount); if the spending recorded earlier was wrong, correct that record instead. Do not just drop the sign or the brackets here: that would record it as spending.",
                zh: "支出为负数的，是退回资金账户的款项，应记入收入表（ledger import income），金额填 \(amount)；原支出记录有误的，应以更正事件更正原记录。不得仅去掉负号或括号后记入本表，否则会误记为一笔支出。")
        case .transfers?:
            return Wording(
                en: "A negative transfer is money moving the other way: swap 转出账户 and 转入账户 (from and to) and write \(amount); if the transfer recorded earlier was wrong, correct that record instead.",
                zh: "划转金额为负数的，是反方向的划转：请对调转出账户与转入账户，金额填 \(amount)；原划转记录有误的，应以更正事件更正原记录。")
        default:
            return Wording(
                en: "Write the amount this column asks for as a positive number (rent, a cap, a balance are never below zero); if a record made earlier was wrong, correct that record.",
                zh: "本列应填正数（租金、金额上限、余额等均不能为负数）；原记录有误的，应以更正事件更正原记录。")
        }
    }
    /// A negative amount in a statement's credit (money in) or debit (money out) column: money the other way, which
    /// belongs in the other column (review 40h #3: the generic "write a positive number" booked it the wrong way).
    static func negativeInStatementColumn(_ inner: String, credit: Bool) -> Wording {
        let amount = RowProblem.shown(inner)
        // Review 43a M3: moving the amount alone left the reversed receipt counted as rent received and the reversal
        // as spending; the pair is voided by the clerk, who knows which line the bank reversed.
        return credit
            ? Wording(en: "A negative amount in the credit (money in) column is the bank taking money back (a reversal, 冲正/冲销, of an earlier receipt): write \(amount) in the debit (money out) column and import; then void both the reversed receipt's record and this line's record with two correction events without replacement (reason 冲正; README, \"Bank reversals\"), or the reversed receipt still counts as received (rent arrears hidden) and the reversal as spending. Do not just drop the sign: that would record money coming in.",
                      zh: "收入（贷方）列为负数的，是银行把款项退回（冲正、冲销此前的一笔收入）：请把 \(amount) 填入支出（借方）列后导入；再用两条不带 replacement 的更正（correction，原因写“冲正”）作废被冲正的那笔收入和这一行的记录（见 README “Bank reversals”），否则被冲正的收入仍算作已收（掩盖欠租），冲正一行则被当作一笔支出。不得仅去掉负号，否则会误记为一笔收入。")
            : Wording(en: "A negative amount in the debit (money out) column is money coming back (a reversal, 冲正/退回, of an earlier payment): write \(amount) in the credit (money in) column and import; then void both the reversed payment's record and this line's record with two correction events without replacement (reason 冲正; README, \"Bank reversals\"), or the reversed payment still counts as spent and the reversal as income. Do not just drop the sign: that would record money going out.",
                      zh: "支出（借方）列为负数的，是款项退回（冲正、退回此前的一笔支出）：请把 \(amount) 填入收入（贷方）列后导入；再用两条不带 replacement 的更正（correction，原因写“冲正”）作废被冲正的那笔支出和这一行的记录（见 README “Bank reversals”），否则被冲正的支出仍算作已支出，冲正一行则被当作一笔收入。不得仅去掉负号，否则会误记为一笔支出。")
    }
    /// `(500.00)` in a statement's signed amount column: read as neither money in nor out (`StatementImport`).
    static func bracketedNegativeInStatement(_ inner: String) -> Wording {
        Wording(en: "is a negative amount in accounting style (-\(RowProblem.shown(inner))), which is not read as an amount",
                zh: "是会计记法的负数（-\(RowProblem.shown(inner))），不按金额读取")
    }
    static func bracketedNegativeInStatementAllowed(_ inner: String) -> Wording {
        Wording(en: "Write money out with a minus sign (-\(RowProblem.shown(inner))), as the bank's export does, or use the credit and debit columns.",
                zh: "支出请写成带负号的数字（-\(RowProblem.shown(inner))），与银行导出的一致；或使用收入、支出两列。")
    }
    static let yuanAllowed = Wording(en: "Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).",
                                     zh: "请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。")

    static let notAKind = Wording(en: "is not a kind of common part", zh: "不是共有部分的类型")
    static func kindAllowed(_ kinds: String) -> Wording {
        Wording(en: "Write one of " + kinds + ", or add the word to a mapping file (--mapping).",
                zh: "请写以下之一：" + kinds + "；或把这个词加进映射文件（--mapping）。")
    }

    // MARK: - Quotes and bytes

    static let strayQuote = Wording(en: "has a stray quote (\")", zh: "有一个多余的引号（\"）")
    static let textAfterQuote = Wording(en: "has text after its closing quote", zh: "结束引号之后还有文字")
    static let quoteAllowed = Wording(en: "A quote may only surround a whole cell; inside a quoted cell write it as \"\".",
                                      zh: "引号只能括住整个单元格；在带引号的单元格内，引号要写成 \"\"。")
    static let strayQuoteAllowed = Wording(
        en: "A quote may only surround a whole cell; inside a quoted cell write it as \"\". Remove the quote or fix the cell in the spreadsheet.",
        zh: "引号只能括住整个单元格；在带引号的单元格内，引号要写成 \"\"。请删去这个引号，或在电子表格中改正该单元格。")
    static let quoteWholeCell = Wording(en: "Quote the whole cell and write a quote inside it as \"\".",
                                        zh: "请用引号括住整个单元格，单元格内的引号写成 \"\"。")

    static func badBytes(encoding: String, hex: String, offset: Int) -> Wording {
        Wording(en: "has bytes that are not valid \(encoding) (\(hex) at byte \(offset) of the cell)",
                zh: "含有不是有效 \(encoding) 的字节（单元格第 \(offset) 字节处的 \(hex)）")
    }
    static func badBytesAllowed(encoding: String) -> Wording {
        encoding == "UTF-8"
            ? Wording(en: "Retype the cell and save the file again. If the file is GB18030/GBK (Excel's default \"CSV\" in Chinese Windows), pass --encoding gb18030.",
                      zh: "请重新输入该单元格并再次保存文件。如果文件是 GB18030/GBK（中文 Windows 下 Excel 默认的“CSV”），请加 --encoding gb18030。")
            : Wording(en: "Retype the cell and save the file again. If the file is UTF-8, pass --encoding utf8.",
                      zh: "请重新输入该单元格并再次保存文件。如果文件是 UTF-8，请加 --encoding utf8。")
    }

    // MARK: - Rows

    static let stillRejected = Wording(en: "still holds the error this row was rejected with", zh: "仍留有这一行被退回时的错误说明")
    static let stillRejectedAllowed = Wording(
        en: "This is a rejects file: fix the row, then clear its error cell (or delete the error column) and import again.",
        zh: "这是一个退回文件：请先改正这一行，再清空它的错误单元格（或删去错误列），然后重新导入。")
    static func noHeading(columns: Int?) -> Wording {
        guard let columns else { return Wording(en: "is in a column without a heading", zh: "所在的列没有标题") }
        return Wording(en: "is in a column without a heading (the header has \(Wording.englishCount(columns, "column")))",
                       zh: "所在的列没有标题（表头只有 \(columns) 列）")
    }
    static let noHeadingAllowed = Wording(en: "Give the column a heading or delete the cell.", zh: "请给这一列加上标题，或删去该单元格。")
    /// For a cell under a blank heading of the header (in row `headerRow`).
    static func noHeadingInHeaderAllowed(headerRow: Int) -> Wording {
        Wording(en: "Give the column a heading in row \(headerRow) or delete the cell.",
                zh: "请在第 \(headerRow) 行给这一列加上标题，或删去该单元格。")
    }

    /// A cell's date after the latest a fact may hold (`LatestFactDate.exceeded`, the bound of `ledger append`),
    /// saying that the cell (`text`) was read as an Excel serial number when it was (`Cell.isExcelSerial`).
    static func afterToday(_ latest: LatestFactDate, cell text: String, read date: CalendarDate) -> Wording {
        guard Cell.isExcelSerial(text) else { return latest.exceeded }
        return readAsExcelSerial(date) + Wording(en: ", which ", zh: "，") + latest.exceeded
    }
    /// `was read as an Excel serial number (--excel-dates): 2027-01-12`.
    static func readAsExcelSerial(_ date: CalendarDate) -> Wording {
        Wording(en: "was read as an Excel serial number (--excel-dates), the date \(date)", zh: "按 Excel 日期序号读取（--excel-dates），即 \(date)")
    }
    static let futureFactAllowed = Wording(en: "Record facts once they have happened; the date cannot be in the future.",
                                           zh: "事实发生之后才能记录；日期不能在将来。")
    static let futureRegistrationAllowed = Wording(en: "Write the date the asset was registered, which cannot be in the future.",
                                                   zh: "请填写共有部分的登记日期，不能是将来的日期。")
    static let futureStatementAllowed = Wording(en: "A statement lists what has happened.", zh: "对账单列的是已经发生的收支。")

    static func differsFromCommunity(_ given: String) -> Wording {
        Wording(en: "differs from --community \(given)", zh: "与 --community \(given) 不一致")
    }
    static func differsFromCommunityAllowed(_ given: String) -> Wording {
        Wording(en: "Leave the cell empty or write \(given), or import this community's rows separately.",
                zh: "请让该单元格留空或写 \(given)，或把这个小区的行单独导入。")
    }

    static func tooLong(_ written: Int) -> Wording {
        Wording(en: "is too long: \(written) bytes as stored in the ledger, more than \(Limits.stringBytesMax)",
                zh: "太长：存入账本后有 \(written) 字节，超过 \(Limits.stringBytesMax) 字节")
    }
    static let tooLongAllowed = Wording(en: "Shorten the cell; keep long documents outside the register and refer to them.",
                                        zh: "请缩短该单元格；长文件放在登记表之外，在表中注明出处即可。")

    /// `is empty, but every asset needs an id` (`what` in both languages).
    static func emptyForAsset(_ what: Wording) -> Wording {
        Wording(en: "is empty, but every asset needs \(what.en)", zh: "是空的，但每个共有部分都要有\(what.zh)")
    }
    /// `is empty, but every row needs 金额 (amount_fen)`.
    static func emptyForRow(label: String, key: String) -> Wording {
        Wording(en: "is empty, but every row needs \(label) (\(key))", zh: "是空的，但每一行都要有\(label)（\(key)）")
    }

    public enum Asset {
        static let id = Wording(en: "an id", zh: "编号")
        static let kind = Wording(en: "a kind", zh: "类型")
        static let name = Wording(en: "a name", zh: "名称")
        static let location = Wording(en: "a location", zh: "位置")
        static let area = Wording(en: "an area", zh: "面积")
        static let registeredOn = Wording(en: "a registration date", zh: "登记日期")
        static let community = Wording(en: "a community", zh: "所属小区")
        static let idAllowed = Wording(en: "Write the asset's id from the register, e.g. CW-001.", zh: "请照登记表填写共有部分的编号，例如 CW-001。")
        static let nameAllowed = Wording(en: "Write the asset's name as the register knows it, e.g. 地下车位B1-023.",
                                         zh: "请照登记表填写共有部分的名称，例如 地下车位B1-023。")
        static let locationAllowed = Wording(en: "Write where it is, e.g. 3号楼地下一层 or 南门内侧.", zh: "请写明它在哪里，例如 3号楼地下一层 或 南门内侧。")
        /// A new asset id equal, ignoring ASCII case, to a registered asset's (`row` nil; named with its community,
        /// review M18 #9) or an earlier row's.
        static func caseTwin(_ other: String, row: Int?, community: String? = nil, zeros: Bool = false) -> Wording {
            let how = zeros ? Wording(en: "only by leading zeros (Excel drops them when it saves a number)", zh: "只差开头的 0（Excel 把编号当作数字保存时会去掉）")
                : Wording(en: "only in letter case", zh: "只有字母大小写不同")
            if let row {
                return Wording(en: "differs from the id \"\(other)\" of row \(row) \(how.en): it would be a second asset, counted twice in every total",
                               zh: "与第 \(row) 行的编号“\(other)”\(how.zh)：会成为另一个共有部分，在各项合计中重复计算")
            }
            let of = community.map { Wording(en: " of community \"\(DisplayText.visible($0))\"", zh: "小区“\(DisplayText.visible($0))”") }
                ?? Wording(same: "")
            return Wording(en: "differs from the registered asset \"\(other)\"\(of.en) \(how.en): it would be a second asset, counted twice in every total",
                           zh: "与\(of.zh)已登记的共有部分“\(other)”\(how.zh)：会成为另一个共有部分，在各项合计中重复计算")
        }
        /// A known asset's row whose registration date differs from the ledger's.
        static func registrationDateKept(row: Int, id: String, file: CalendarDate, ledger: CalendarDate) -> Wording {
            let shown = DisplayText.visible(id)
            return Wording(en: "row \(row), \(shown): the file's registration date \(file) differs from the ledger's \(ledger) and was not changed "
                            + "(it is fixed when the asset is registered; a correction of the asset.registered record changes it)",
                           zh: "第 \(row) 行，\(shown)：文件中的登记日期 \(file) 与账本中的 \(ledger) 不同，没有更改"
                            + "（登记日期在登记时确定；要改正，请对原登记记录（asset.registered）做更正）")
        }
        static func caseTwinAllowed(_ other: String, zeros: Bool = false) -> Wording {
            zeros ? Wording(en: "Write the id as \"\(other)\" if it is that asset (in Excel format the id column as Text before typing or pasting, or import the original file); a new asset needs an id that differs in more than leading zeros.",
                            zh: "如果是同一个共有部分，请写作“\(other)”（在 Excel 中先把编号列设为“文本”格式再录入或粘贴，或导入原始文件）；新的共有部分需要一个不只是开头的 0 不同的编号。")
                : Wording(en: "Write the id as \"\(other)\" if it is that asset; a new asset needs an id that differs in more than letter case.",
                          zh: "如果是同一个共有部分，请写作“\(other)”；新的共有部分需要一个不只是大小写不同的编号。")
        }
        /// A new asset id that reads as a date Excel made of the register's id (`RegisterImporter.looksLikeExcelDate`).
        static let idLooksLikeDate = Wording(
            en: "reads as a date, as Excel saves an id such as 1-12 or 3/5 that it took for a date: the register's id is lost",
            zh: "是一个日期的样子：Excel 会把 1-12、3/5 这样的编号当作日期保存，登记表原来的编号已经丢失")
        static let idLooksLikeDateAllowed = Wording(
            en: "Write the id as the register has it (in Excel format the id column as Text before typing or pasting, or import the original file).",
            zh: "请照登记表填写编号（在 Excel 中先把编号列设为“文本”格式再录入或粘贴，或导入原始文件）。")
        static let idShapeAllowed = Wording(en: "Ids are single words of at most 128 bytes, e.g. CW-001.", zh: "编号是一个不超过 128 字节的连续的词，例如 CW-001。")
        static let communityAllowed = Wording(en: "Write the community's id as registered in the ledger, e.g. C-001.",
                                              zh: "请填写账本中登记的小区编号，例如 C-001。")
        static let communityMissingAllowed = Wording(en: "Write the community's id, or pass --community ID for a file of one community.",
                                                     zh: "请填写小区编号；整个文件只有一个小区时，也可以加 --community ID。")
        static let retired = Wording(en: "belongs to an asset the ledger records as retired", zh: "属于账本中已注销的共有部分")
        static let retiredAllowed = Wording(en: "A retired asset's id is not reused: give the asset a new id.",
                                            zh: "已注销共有部分的编号不再使用：请给它另起一个编号。")
        static func otherCommunity(_ community: String, asset: String) -> Wording {
            Wording(en: "differs from the community \(community) the ledger records for asset \(asset)",
                    zh: "与账本中共有部分 \(asset) 所属的小区 \(community) 不一致")
        }
        static let otherCommunityAllowed = Wording(en: "Asset ids are unique across the ledger: check the id and the community.",
                                                   zh: "共有部分编号在整个账本中唯一：请核对编号和小区。")
        static let duplicateAllowed = Wording(en: "Each asset appears once per file: merge the two rows or give one of them another id.",
                                              zh: "每个共有部分在一个文件中只出现一次：请合并这两行，或给其中一行另起编号。")
        /// After the ledger's reason, which may say already what to record first or only that the id is another
        /// community's: words that read after either.
        static let ledgerAllowed = Wording(en: "If the cell is wrong, correct it.", zh: "如果该单元格有误，请改正。")
        /// A changed field of a known asset, old → new, in each language's words: a code or a number as it is
        /// (`kind parking → roof` / `类型 parking → roof`), a text quoted as the language quotes
        /// (`name "车位1" → "车位9"` / `名称“车位1” → “车位9”`), every value visible (`RowProblem.shown`).
        static func changed(_ field: RegisterField, _ old: String, _ new: String) -> Wording {
            let name: String, label: String, quoted: Bool
            switch field {
            case .kind: (name, label, quoted) = ("kind", "类型", false)
            case .name: (name, label, quoted) = ("name", "名称", true)
            case .location: (name, label, quoted) = ("location", "位置", true)
            case .area: (name, label, quoted) = ("area", "面积（平方米）", false)
            default: (name, label, quoted) = (field.rawValue, field.rawValue, true)
            }
            let (a, b) = (RowProblem.shown(old), RowProblem.shown(new))
            // In Chinese the field's name alone, as the register's heading says it (review 38b: an official does not
            // write `name（名称）` in a sentence).
            return quoted
                ? Wording(en: "\(name) \"\(a)\" → \"\(b)\"", zh: "\(label)“\(a)” → “\(b)”")
                : Wording(en: "\(name) \(a) → \(b)", zh: "\(label) \(a) → \(b)")
        }

        /// A changed attribute (a column the register keeps as the clerk wrote it): `备注 "" → "两部电梯"` /
        /// `备注“” → “两部电梯”`.
        static func changedAttribute(_ key: String, _ old: String, _ new: String) -> Wording {
            let (k, a, b) = (RowProblem.shown(key), RowProblem.shown(old), RowProblem.shown(new))
            return Wording(en: "\(k) \"\(a)\" → \"\(b)\"", zh: "\(k)“\(a)” → “\(b)”")
        }
    }

    /// `is not an asset id: it must not be empty`; `kind` is the English noun phrase (`an asset id`).
    static func notAnID(_ kind: String, zh kindZh: String, _ why: Wording) -> Wording {
        Wording(en: "is not \(kind): it \(why.en)", zh: "不是\(kindZh)：\(why.zh)")
    }

    /// `writtenAs`: the first row's voucher when it is written otherwise (`00124` for `124`), quoted.
    static func appearsAgain(firstRow: Int, sameFund: Bool = false, writtenAs: String? = nil) -> Wording {
        let there = writtenAs.map { (en: " (written \"\(RowProblem.shown($0))\" there)", zh: "（该行写作“\(RowProblem.shown($0))”）") } ?? (en: "", zh: "")
        return sameFund
            ? Wording(en: "appears again for the same fund; it is already in row \(firstRow)\(there.en)", zh: "在同一资金账户下重复出现；第 \(firstRow) 行已有\(there.zh)")
            : Wording(en: "appears again; it is already in row \(firstRow)\(there.en)", zh: "重复出现；第 \(firstRow) 行已有\(there.zh)")
    }

    /// The first row of an id (or a fund's voucher) that later rows of the file give again (each of which is told
    /// `appearsAgain`): which row is meant cannot be told, so none of them is imported (`FactImporter.complete`).
    /// `writtenAs`: a later row's voucher when it is written otherwise (`124` for `00124`), quoted beside the row.
    static func repeatedIn(rows: [Int], sameFund: Bool = false, writtenAs: (Int) -> String? = { _ in nil }) -> Wording {
        let first = Array(rows.prefix(10))
        let shown = first.map(String.init)
        let more = rows.count > 10 ? Wording(en: " and \(rows.count - 10) more", zh: "等 \(rows.count) 行") : Wording(en: "", zh: "")
        let written = first.map { writtenAs($0).map(RowProblem.shown) }
        let list = written.allSatisfy({ $0 == nil })
            ? Wording(en: (rows.count == 1 ? "row " : "rows ") + shown.joined(separator: ", ") + more.en,
                      zh: "第 " + shown.joined(separator: "、") + " 行" + more.zh)
            : Wording(en: (rows.count == 1 ? "row " : "rows ")
                        + zip(shown, written).map { row, text in text.map { "\(row) (written \"\($0)\")" } ?? row }.joined(separator: ", ") + more.en,
                      zh: zip(shown, written).map { row, text in "第 \(row) 行" + (text.map { "（写作“\($0)”）" } ?? "") }.joined(separator: "、") + more.zh)
        let none = rows.count == 1 ? Wording(en: "neither row is imported", zh: "两行都不导入")
            : Wording(en: "none of them is imported", zh: "这些行都不导入")
        return Wording(en: "appears again\(sameFund ? " for the same fund" : "") in \(list.en); which row is meant cannot be told, so \(none.en)",
                       zh: "\(sameFund ? "在同一资金账户下于" : "在")\(list.zh)再次出现，无法判断以哪一行为准，\(none.zh)")
    }

    // MARK: - Fact rows (`FactImporter`)

    static func duplicateEntityAllowed(_ key: String) -> Wording {
        Wording(en: "Each \(key) appears once per file: merge the two rows or give one of them another id.",
                zh: "每个 \(key)（\(FieldLabels.labels[key] ?? key)）在一个文件中只出现一次：请合并这两行，或给其中一行另起编号。")
    }
    /// `correcting`: the original event when the record is a correction's replacement (the advice names that one).
    /// A row identical to a record that a correction voided (review 39f).
    static func voidedRecord(_ evidence: String, by correction: String, on date: CalendarDate, reason: String) -> Wording {
        let why = DisplayText.visible(reason)
        return Wording(en: "is record \(evidence), which correction \(correction) voided on \(date) (\"\(why)\"); imported again it would be recorded a second time",
                       zh: "即记录 \(evidence)，已于 \(date) 被更正 \(correction) 作废（“\(why)”）；再次导入会重复记账")
    }
    static let voidedRecordAllowed = Wording(
        en: "delete the row from the file (the record stays in the ledger, voided); if the money really came in or went out again, write that payment with its own date and voucher",
        zh: "请从文件中删去这一行（该记录仍在账本中，已作废）；如确有一笔新的收付款，请按其实际日期和凭证号另行填写")

    /// `record #12 …` / `记录 #12 …`, naming the event it corrects when the record is a correction's.
    static func recordNamed(_ evidence: String, correcting: String?) -> Wording {
        Wording(en: correcting.map { "record \(evidence), a correction of \($0)" } ?? "record \(evidence)",
                zh: correcting.map { "记录 \(evidence)，即对 \($0) 的更正" } ?? "记录 \(evidence)")
    }
    static func alreadyRecorded(_ evidence: String, correcting: String? = nil, differences: Wording, forFund: Bool = false) -> Wording {
        let record = recordNamed(evidence, correcting: correcting)
        return forFund
            ? Wording(en: "is already recorded for this fund (\(record.en)) with other values: \(differences.en)",
                      zh: "已在这个资金账户下记录（\(record.zh)），内容不同：\(differences.zh)")
            : Wording(en: "is already recorded (\(record.en)) with other values: \(differences.en)",
                      zh: "已经记录（\(record.zh)），内容不同：\(differences.zh)")
    }
    /// `date 2025-05-05 → 2025-05-06` / `日期 2025-05-05 → 2025-05-06`.
    static func changedDate(_ old: CalendarDate, _ new: CalendarDate) -> Wording {
        Wording(en: "date \(old) → \(new)", zh: "日期 \(old) → \(new)")
    }
    /// `counterparty 甲 → 乙` / `相对方 甲 → 乙`; a side without the field is `(none)` / `（无）`. Money is said in
    /// yuan, as the clerk's file writes it, under its yuan member: `amount (yuan) 1,800.00 → 1,810.00` /
    /// `金额（元） 1,800.00 → 1,810.00`, not the stored `amount_fen 180000 → 181000`.
    static func changedField(_ key: String, old: String?, new: String?) -> Wording {
        if key.hasSuffix("_fen"), old.map({ Int64($0) != nil }) ?? true, new.map({ Int64($0) != nil }) ?? true {
            let base = String(key.dropLast(4))
            let yuan = { (fen: String?) in fen.flatMap { Int64($0) }.map { DecimalText.text(units: $0, scale: 2) } }
            let label = FieldLabels.label(path: base) ?? base + "（元）"
            return Wording(en: "\(base) (yuan) \(yuan(old) ?? "(none)") → \(yuan(new) ?? "(none)")",
                           zh: "\(label) \(yuan(old) ?? "（无）") → \(yuan(new) ?? "（无）")")
        }
        // In Chinese the field's name alone where it has one (review 38b: not `counterparty（付款方）` in a sentence).
        let label = FieldLabels.label(path: key) ?? key
        return Wording(en: "\(key) \(old ?? "(none)") → \(new ?? "(none)")",
                       zh: "\(label) \(old ?? "（无）") → \(new ?? "（无）")")
    }
    /// The changes joined, or `(none)` / `（无）`.
    static func changes(_ parts: [Wording]) -> Wording {
        parts.isEmpty ? Wording(en: "(none)", zh: "（无）")
            : Wording(en: parts.map(\.en).joined(separator: ", "), zh: parts.map(\.zh).joined(separator: "，"))
    }
    static func changeByCorrection(_ eventID: String) -> Wording {
        Wording(en: "A recorded fact is changed with a correction (`ledger append` a correction naming \(eventID)); or give a new fact a new id.",
                zh: "已记录的事实要用更正来改（用“ledger append”追加一条指明 \(eventID) 的更正）；如果是新的事实，请另起编号。")
    }
    static let duplicateVoucherAllowed = Wording(en: "A voucher is recorded once: merge the two rows or correct the voucher number.",
                                                 zh: "一张凭证只记录一次：请合并这两行，或改正凭证号。")
    /// A voucher of digits that is a recorded one without its leading zeros (`LeadingZeros`).
    static func voucherWithoutZeros(recorded voucher: String, _ evidence: String) -> Wording {
        Wording(en: "is voucher \(voucher) of this fund (record \(evidence)) without its leading zeros, as Excel saves a number: most likely the same payment, counted twice if recorded",
                zh: "是这个资金账户下已记录的凭证号 \(voucher)（记录 \(evidence)）去掉了开头的 0（Excel 把它当作数字保存时会这样）：多半是同一笔款项，再记一次就重复记账了")
    }
    static func voucherWithoutZerosAllowed(_ voucher: String, _ eventID: String) -> Wording {
        Wording(en: "Write the voucher as recorded (\(voucher)): in Excel format the column as Text before typing or pasting, or import the original file; if it is another payment, give it its own voucher number (if the recorded one is wrong, correct \(eventID)).",
                zh: "请按已记录的写法填写凭证号（\(voucher)）：在 Excel 中先把该列设为“文本”格式再录入或粘贴，或导入原始文件；若确是另一笔款项，请给它另编凭证号（已记录的有误时，请更正 \(eventID)）。")
    }
    /// A row whose voucher the fund recorded for a payment of another day, amount or counterparty (`differing`):
    /// a voucher number used again, said as such rather than as the same payment counted twice (review 41a minor 4).
    static func voucherOfAnotherPayment(_ evidence: String, correcting: String?, differing: [FactImporter.PaymentPart],
                                        differences: Wording) -> Wording {
        let record = recordNamed(evidence, correcting: correcting)
        let en: [String] = differing.map { part in
            switch part { case .date: "date"; case .amount: "amount"; case .counterparty: "counterparty" }
        }
        let zh: [String] = differing.map { part in
            switch part { case .date: "日期"; case .amount: "金额"; case .counterparty: "相对方" }
        }
        let enList = en.count <= 2 ? en.joined(separator: " and ") : en.dropLast().joined(separator: ", ") + " and " + en.last!
        return Wording(en: "is the voucher number of another payment this fund recorded (\(record.en)): the same voucher number, with another \(enList) (\(differences.en))",
                       zh: "与这个资金账户下已记录的另一笔款项凭证号相同（\(record.zh)），但\(zh.joined(separator: "、"))不同（\(differences.zh)）")
    }
    /// What to do about a voucher number used again (`voucherOfAnotherPayment`), at an import's row or, `door`
    /// `.append`, at an event of a batch: one wording for both doors (review 42b).
    static func voucherOfAnotherPaymentAllowed(_ eventID: String, voucher: String, date: CalendarDate, door: SameMoneyDoor = .importFile) -> Wording {
        let month = String(date.description.prefix(7))
        let place = door == .append ? (en: "this event", zh: "这个事件", leave: (en: "leave this event out of the batch", zh: "从这一批中删去该事件"))
            : (en: "this row", zh: "这一行", leave: (en: "delete this row", zh: "删去这一行"))
        return Wording(
            en: "A voucher number is recorded once for a fund, so \(place.en) cannot be recorded under it. If this is another payment (vouchers numbered afresh each month or year), give it a voucher number the fund has not used, e.g. with its month: \(month)-\(voucher); if it is the recorded payment and that record is wrong, correct it with a correction naming \(eventID) and \(place.leave.en).",
            zh: "同一资金账户下一个凭证号只能记录一次，\(place.zh)不能用这个凭证号记录。如果是另一笔款项（凭证号每月或每年重新编号），请给它一个这个账户没有用过的凭证号，例如加上月份：\(month)-\(voucher)；如果就是已记录的那笔款项而那条记录有误，请用一条指明 \(eventID) 的更正改正它，并\(place.leave.zh)。")
    }
    /// A 计租周期 of half a year (半年, 每半年, 半年付): the ledger records rent per month, quarter or year.
    static let halfYearPeriod = Wording(
        en: "is a rent period of half a year, which the ledger cannot record: a contract's rent is recorded per month (月), quarter (季), year (年) or once (一次性)",
        zh: "是按半年计租，账本不能按半年记录：合同租金只能按月、季、年或一次性记录")
    static let halfYearPeriodAllowed = Wording(
        en: "Write 季 here and half of the half-year rent in the rent column (a rent of 6,000.00 each half year is 3,000.00 a quarter): each half-yearly payment then pays two quarters; if the half-year rent does not halve to whole fen, write 年 and twice the half-year rent — the year's rent then falls due at once, so CON-07 shows the second half as arrears until it is paid (review 42c).",
        zh: "请在此写“季”，租金列写半年租金的一半（每半年 6,000.00 元即每季 3,000.00 元）：每次半年付款即付两个季度的租金；半年租金不能平分到分时，请写“年”，租金写半年租金的两倍——这样全年租金一次到期，后半年的租金在付清前会被 CON-07 列为欠缴。")
    static func voucherTwiceAllowed(_ eventID: String) -> Wording {
        Wording(en: "Importing it again would count the payment twice. Correct the recorded payment with a correction naming \(eventID), or fix the voucher number.",
                zh: "再导入一次会把这笔款项算两次。请用一条指明 \(eventID) 的更正改正已记录的款项，或改正凭证号。")
    }
    /// After the ledger's reason (`ReferenceWords`), which may say already what to record first (not that advice
    /// again) or only that the id is another community's: words that read after either.
    static let factLedgerAllowed = Wording(en: "If the cell is wrong, correct it.", zh: "如果该单元格有误，请改正。")
    /// After the ledger's "not registered" (`missing`, the kind of what is not registered) in a file whose rows
    /// become `rowsBecome` events: a row of the same file may record it too only when the file's rows create such
    /// entities, and then only a row before it in the fold order — dated earlier, or on the same date and above it
    /// (ledger-spec.md 10.4 rules 2 and 5); an owners' decision an act cites may be dated after the act (a
    /// ratification, rule 2) but no file of acts records one; anything else: the ledger's reason says what to
    /// record first, and the cell may be wrong.
    static func factLedgerMissingAllowed(_ missing: IdKind?, rowsBecome: EventType?) -> Wording {
        if let missing, missing.registeringType == rowsBecome {
            return factLedgerMissingInFileAllowed
        }
        return missing == .decision ? factLedgerMissingDecisionAllowed : factLedgerAllowed
    }
    static let factLedgerMissingInFileAllowed = Wording(
        en: "A row of this file may record it too if it comes first in the ledger's order: dated before this row, or on the same date and above it; or fix the cell.",
        zh: "也可以由本文件中排在这一行之前的一行记录它：日期早于这一行，或者日期相同且位于这一行之上；或者改正该单元格。")
    static let factLedgerMissingDecisionAllowed = Wording(
        en: "The decision may be dated after this row (the owners then ratify the act); if the cell is wrong, correct it.",
        zh: "该决定的日期可以晚于这一行（即业主事后追认）；如果该单元格有误，请改正。")
    /// The date from which what a row names exists, when the ledger's reason is that the row is dated before it
    /// (`ReferenceWords.notYetRegistered`: `… exists only from 2024-01-02 (record 1), after this event's date …`);
    /// the date cell is then the one to fix, as a rule.
    static func registeredFrom(_ issue: ValidationIssue) -> CalendarDate? {
        guard issue.missing == nil, let range = issue.wording.en.firstRange(of: " exists only from ") else { return nil }
        return CalendarDate(iso: String(issue.wording.en[range.upperBound...].prefix(10)))
    }
    /// After the ledger's "exists only from …", said of the date cell; `other` is the cell that names it.
    static func beforeRegistrationAllowed(_ from: CalendarDate, other: Wording?, asset: Bool = false) -> Wording {
        let date = asset
            ? Wording(en: "Check the registration date: it cannot be before \(from).", zh: "请核对登记日期：不能早于 \(from)。")
            : Wording(en: "Check the date: it cannot be before \(from).", zh: "请核对日期：不能早于 \(from)。")
        guard let other else { return date }
        return date + Wording(en: " If the row names the wrong one, correct \(other.en).", zh: "如果这一行写错了对象，请改正 \(other.zh)。")
    }
    /// After the ledger's "contract … exists only from …" said of an income naming a contract signed after the day it
    /// was paid (review 43a m8): rent paid before the signing (预收) is a true fact, so the clerk is never told to
    /// change its date. The ledger links a payment to a contract only from the signing day (ledger-spec.md 10.4 rule
    /// 2), so the row is recorded without the contract (the tenant's money, as received), or the contract's signing
    /// day corrected when it is that date which is wrong. `contract`: the contract id cell. `statement`: a bank
    /// statement's line, whose contract a rule (`--rules`) names and whose date is the bank's (review 44d #3: it was
    /// told to check that date).
    static func rentBeforeSigningAllowed(_ from: CalendarDate, contract: Wording?, statement: Bool = false) -> Wording {
        let cell = contract ?? Wording(en: "the contract id", zh: "合同编号")
        let (unlinked, evidence, again) = statement
            ? (Wording(en: "let a rule without contract_id record this line as the tenant's payment (category 租金, leasing), one matching its memo "
                           + "placed before the rule that names the contract, and import the statement again",
                       zh: "请让一条不写 contract_id 的规则把这一行记为承租方的付款（类别为“租金”）：按这一行的摘要匹配，放在写明该合同的规则之前，再重新导入对账单"),
               Wording(en: "this line", zh: "这一行"),
               Wording(en: "import the statement again", zh: "再重新导入对账单"))
            : (Wording(en: "clear \(cell.en) and import the row as the tenant's payment (category 租金, leasing)",
                       zh: "请清空\(cell.zh)，把这一行作为承租方的付款导入（类别为“租金”）"),
               Wording(en: "this receipt", zh: "这张收据"),
               Wording(en: "import the row as it is", zh: "再按原样导入这一行"))
        return Wording(
            en: "If the rent was paid before the contract was signed (paid in advance), keep the date: it is when the money came. "
                + "The ledger links a payment to a contract only from its signing day (\(from)), so \(unlinked.en); the contract's received amount then leaves it out, and a CON-07 finding (rent unpaid) of "
                + "the contract is answered with \(evidence.en). If the contract was in fact signed earlier, correct the contract's signing "
                + "date (a correction of its record) and \(again.en).",
            zh: "如果是合同签订前预先收取的租金（预收），请保留原日期：那是实际收款的日子。账本只从合同签订日（\(from)）起把款项归入该合同，"
                + "因此\(unlinked.zh)；合同的已收金额不会计入这笔款项，"
                + "如有该合同的 CON-07（欠缴租金）问题，请以\(evidence.zh)说明。如果合同实际签订得更早，请更正合同的签订日期（追加对其记录的更正），\(again.zh)。")
    }
    /// What a problem of an event the import derives from a row (a statement's closing balance) is said of:
    /// `the closing balance asserted from it (fund.balance_asserted): `.
    static func derivedEvent(payloadType type: String) -> Wording {
        type == "fund.balance_asserted"
            ? Wording(en: "the closing balance asserted from it (fund.balance_asserted): ", zh: "据此记录的期末余额（fund.balance_asserted）：")
            : Wording(en: "the \(type) derived from it: ", zh: "据此生成的 \(type)：")
    }
    /// A reference the ledger refuses to an id an option gave for every row (`--fund`, `--community`).
    /// `registerFirst` false: `why` says which id to give already (`CommunityOption`).
    static func givenIDProblem(file: String, _ why: Wording, registerFirst: Bool = true) -> Wording {
        guard registerFirst else {
            return Wording(en: "\(file): \(why.en) (named by an option for every row).", zh: "\(file)：\(why.zh)（由选项为每一行指定）。")
        }
        return Wording(en: "\(file): \(why.en) (named by an option for every row). Register it first, or give the right id.",
                       zh: "\(file)：\(why.zh)（由选项为每一行指定）。请先登记它，或给出正确的编号。")
    }
    static let noDate = Wording(en: "has no date", zh: "没有日期")
    static let noDateAllowed = Wording(en: "Write the date of the fact.", zh: "请填写事实发生的日期。")
    static let addColumnAllowed = Wording(en: "Add the column or fix the row.", zh: "请加上这一列，或改正这一行。")
    static let correctCellAllowed = Wording(en: "Correct the cell.", zh: "请改正该单元格。")
    static let noSalt = Wording(en: "could not be committed as personal data (no random salt)", zh: "无法作为个人信息生成承诺值（取不到随机盐）")
    static let noSaltAllowed = Wording(en: "Nothing was appended; try again.", zh: "本次什么也没有追加；请重试。")
    static let tryAgain = Wording(en: "Try again.", zh: "请重试。")
    static let notAllowedWord = Wording(en: "is not one of the allowed words", zh: "不是可用的词")

    static func notACommunity(_ why: String, _ whyZh: String) -> Wording {
        Wording(en: "is not a community id or registered name: it \(why)", zh: "不是小区编号或登记名称：\(whyZh)")
    }
    static func notAFactID(_ why: Wording) -> Wording { Wording(en: "is not an id: it \(why.en)", zh: "不是编号：\(why.zh)") }
    static func notAWholeNumber(_ why: EventError) -> Wording {
        Wording(en: "is not a whole number: \(why)", zh: "不是整数：\(why.wording.zh)")
    }
    static func holdsBadID(_ id: String, _ why: Wording) -> Wording {
        Wording(en: "holds \"\(RowProblem.shown(id))\", which is not an id: it \(why.en)", zh: "其中的“\(RowProblem.shown(id))”不是编号：\(why.zh)")
    }

    /// What a fact field accepts (`FactField`).
    static func writeID(_ label: String, example: String) -> Wording {
        Wording(en: "Write \(label) as a single word of at most 128 bytes, e.g. \(example).",
                zh: "请把\(label)写成一个不超过 128 字节的连续的词，例如 \(example)。")
    }
    static func writeText(_ label: String, example: String) -> Wording {
        Wording(en: "Write \(label), e.g. \(example).", zh: "请填写\(label)，例如 \(example)。")
    }
    static func writeCount(example: String) -> Wording {
        Wording(en: "Write a whole number, e.g. \(example).", zh: "请写整数，例如 \(example)。")
    }
    /// A count of owners followed by another unit than 人, 户 or 名 (`Cell.count`).
    static func countInAnotherUnit(_ unit: String) -> Wording {
        let shown = RowProblem.shown(unit)
        return Wording(en: "counts in \"\(shown)\", but this column counts owners (人, 户 or 名); other units are not read as owners",
                       zh: "以“\(shown)”计，但本列计的是业主人数（人、户或名）；其他单位不作为业主人数读取")
    }
    static func countUnitAllowed(example: String) -> Wording {
        Wording(en: "Write the number of owners as a whole number, e.g. \(example) or \(example)人 (人, 户 and 名 are read).",
                zh: "请写业主人数（整数），例如 \(example) 或 \(example)人（可带单位人、户、名）。")
    }
    /// An amount in Chinese numerals (大写: `壹佰元整`), `Cell.refuseChineseNumerals`.
    static let chineseNumerals = Wording(
        en: "is written in Chinese numerals (大写), which are not read as an amount; only Arabic digits are",
        zh: "是中文大写数字，不按金额读取；金额只按阿拉伯数字读取")
    static let chineseNumeralsAllowed = Wording(
        en: "Write the amount in Arabic digits, as the receipt's figure (小写) gives it, e.g. 100.00 or 100元整 for 壹佰元整.",
        zh: "请按票据上的小写金额用阿拉伯数字填写，例如 壹佰元整 写作 100.00 或 100元整。")
    static let writeIDs = Wording(en: "Write one or more ids separated by 、 , or ;, e.g. A-HY-P01、A-HY-P02.",
                                  zh: "请写一个或多个编号，用 、 , 或 ; 分隔，例如 A-HY-P01、A-HY-P02。")
    static func writeChoice(_ words: String, mapping: Bool) -> Wording {
        mapping
            ? Wording(en: "Write one of " + words + ", or add the word to a mapping file (--mapping).",
                      zh: "请写以下之一：" + words + "；或把这个词加进映射文件（--mapping）。")
            : Wording(en: "Write one of " + words + ".", zh: "请写以下之一：" + words + "。")
    }

    /// A category word outside the vocabulary (docs/categories.md), or the direction it belongs to when it is a
    /// word of the other one (广告 as a spending purpose): the doors' shared wording (`CategoryVocabulary.refusal`).
    static func notACategory(_ text: String, _ direction: Category.Direction) -> Wording {
        CategoryVocabulary.refusal(text, direction)
    }
    /// What a category cell may hold: the word of `direction` `text` most likely means, a word of the list, or a
    /// new category said to be one on purpose (the flag, or the mapping file's `values`). `mappingValues`: whether
    /// the import's mapping file has a "values" part that could map the word (a statement's mapping has only
    /// "columns": a rule names the category itself). The doors' shared wording (`CategoryVocabulary.allowed`).
    static func categoryAllowed(_ text: String, _ direction: Category.Direction, mappingValues: Bool = true) -> Wording {
        CategoryVocabulary.allowed(text, direction, mapping: mappingValues)
    }

    /// A payload error of a row's event: `amount_fen must be …` when no column holds the field.
    static func payload(_ error: EventError.PayloadProblem, key: String?) -> Wording {
        guard let key else { return error.wording }
        return Wording(en: "\(key) \(error.reason)", zh: "\(key)" + (FieldLabels.labels[key].map { "（\($0)）" } ?? "") + "：" + error.wording.zh)
    }

    // MARK: - Statement lines (`StatementImporter`)

    static let isEmpty = Wording(en: "is empty", zh: "是空的")
    /// A debit cell filled beside a filled credit cell (`credit`: that cell as written).
    static func debitAndCredit(credit: String) -> Wording {
        let shown = RowProblem.shown(credit)
        return Wording(en: "is set as well as the credit column (\"\(shown)\")", zh: "与贷方（收入）列（“\(shown)”）同时填写了")
    }
    static let debitAndCreditAllowed = Wording(en: "A statement line is money in or money out, not both.", zh: "对账单的一行要么是收入，要么是支出，不能两者都有。")
    static let noAmount = Wording(en: "has no amount", zh: "没有金额")
    static let noAmountAllowed = Wording(en: "Every line moves money.", zh: "每一行都应有一笔收支。")
    static let noTransactionID = Wording(en: "is empty, but every line needs the bank's transaction id", zh: "是空的，但每一行都要有银行的交易流水号")
    static let transactionIDAllowed = Wording(
        en: "The transaction id is what recognises a line already imported from an overlapping statement.",
        zh: "交易流水号用来识别与已导入的对账单重叠的行。")
    static let unclassifiedIncome = Wording(en: "is money in that no rule classifies", zh: "是一笔没有规则可以归类的收入")
    /// The rule to add for a line of `memo`, its category left for the clerk to choose among the income categories
    /// (review 38e: an example naming `parking` was copied for a line of interest).
    static func unclassifiedIncomeAllowed(memo: String) -> Wording {
        let shown = memo.isEmpty ? "…" : RowProblem.shown(memo)
        let categories = FactVocabulary.incomeCategories.map { "\($0.code)（\($0.words[0])）" }
        return Wording(
            en: "Add a rule to the rules file (--rules): {\"if\": {\"memo\": \"\(shown)\"}, \"category\": \"…\"}, the category one of "
                + categories.joined(separator: ", ") + ".",
            zh: "请在规则文件（--rules）中加一条规则：{\"if\": {\"memo\": \"\(shown)\"}, \"category\": \"…\"}，类别为 "
                + categories.joined(separator: "、") + " 之一。")
    }
    static let noPurpose = Wording(en: "is money out with no purpose (no memo and no rule)", zh: "是一笔没有用途的支出（既无摘要也无规则）")
    static let noPurposeAllowed = Wording(en: "Add a rule with \"purpose\" to the rules file (--rules).",
                                          zh: "请在规则文件（--rules）中加一条带“purpose”（用途）的规则。")
    static func lineFieldProblem(_ error: EventError.PayloadProblem) -> Wording {
        Wording(en: "\(error.field): \(error.reason)",
                zh: error.field + (FieldLabels.label(path: error.field).map { "（\($0)）" } ?? "") + "：" + error.wording.zh)
    }
    /// A statement's opening or closing balance line (`StatementImport.isBalanceLabel`), skipped as a 0.00 line is.
    static func balanceLineSkipped(file: String, row: Int) -> Wording {
        Wording(en: "\(file): row \(row): the bank's opening or closing balance line moves no money; it was skipped (its balance is checked against the lines around it).",
                zh: "\(file) 第 \(row) 行：银行的期初或期末余额行没有收支，已跳过（其余额与前后各行相互核对）。")
    }
    static func zeroLineSkipped(file: String, row: Int) -> Wording {
        Wording(en: "\(file): row \(row): a line of 0.00 moves no money; it was skipped.", zh: "\(file) 第 \(row) 行：金额为 0.00 的一行没有收支，已跳过。")
    }
    /// A money-in line whose payer is the counterparty of two or more of the fund's contracts, no rule naming which:
    /// recorded without a contract (`StatementImport`), so the rent would show as unpaid; said, never silently.
    /// `contracts` with those in force on the payment day first; `inForce` is how many of them are. When exactly one
    /// is, the note names it (an ordinary renewal: the old contract expired, the new one runs) and its example rule
    /// names it; it still does not link the line, since the payment may be the old contract's arrears.
    static func paysSeveralContracts(file: String, row: Int, payer: String, contracts: [String], inForce: Int = 0,
                                     paidOn: CalendarDate? = nil) -> Wording {
        let payerShown = RowProblem.shown(payer)
        let list = contracts.joined(separator: ", "), listZh = contracts.joined(separator: "、")
        let example = "{\"if\": {\"counterparty\": \"\(payerShown)\", \"memo\": \"…\"}, \"contract_id\": \"\(contracts[0])\"}"
        var which = Wording(en: "", zh: "")
        if inForce == 1, let paidOn {
            let others = contracts.dropFirst()
            which = Wording(en: " Of these only \(contracts[0]) is in force on the payment date \(paidOn) (\(others.joined(separator: ", ")) \(others.count == 1 ? "is" : "are") not): if this is its rent, name it in the rule; if it pays arrears of another, name that one.",
                            zh: "其中付款日（\(paidOn)）在有效期内的只有 \(contracts[0])（\(others.joined(separator: "、")) 不在有效期内）；这笔款项如为 \(contracts[0]) 的租金，规则中写明 \(contracts[0])；如为其他合同欠缴的租金，写明该合同。")
        }
        return Wording(en: "\(file): row \(row): the payer \"\(payerShown)\" is the counterparty of \(contracts.count) contracts of this fund (\(list)), so the income is recorded without a contract and the rent it pays may show as unpaid (CON-07).\(which.en) Add a rule to the rules file (--rules) that names the contract, before the rules that match this line, e.g. \(example) (memo: text of this line's memo that tells the contracts apart), and import the statement again; once the line is recorded, link it by a correction of its fund.income that adds source.contract_id.",
                       zh: "\(file) 第 \(row) 行：付款方“\(payerShown)”是本账户 \(contracts.count) 份合同（\(listZh)）的承租方，无法判断这笔收入属于哪份合同，因此未关联合同记录，所缴租金可能显示为未缴（CON-07）。\(which.zh)请在规则文件（--rules）中，在与这一行匹配的其他规则之前加一条写明合同编号的规则，例如 \(example)（memo 填这一行摘要中能区分合同的文字），再重新导入对账单；这一行已经记录的，请以更正事件更正其 fund.income，加上 source.contract_id。")
    }
    /// A statement's line from a contract's tenant dated before the contract was signed (预收, review 43a m8): `s.csv:
    /// row 2: the payer "甲公司" is the tenant of K-1, signed on 2025-06-15, after this payment (2025-06-10)`, then
    /// either how it was recorded (`asRent`: a rule called it rent) or, left unclassified, what a rule does — rent paid
    /// in advance is a rule's to say (a bid deposit or other money from a future tenant is not rent).
    static func paidBeforeSigning(file: String, row: Int, payer: String, contract: String, signedOn: CalendarDate,
                                  paidOn: CalendarDate, asRent: Bool) -> Wording {
        let payerShown = RowProblem.shown(payer)
        let head = Wording(en: "\(file): row \(row): the payer \"\(payerShown)\" is the tenant of \(contract), signed on \(signedOn), after this payment (\(paidOn))",
                           zh: "\(file) 第 \(row) 行：付款方“\(payerShown)”是合同 \(contract) 的承租方，该合同于 \(signedOn) 签订，晚于这笔付款（\(paidOn)）")
        guard asRent else {
            return head + Wording(
                en: ", so the line is not linked to it (a payment names a contract only from its signing day). If it is rent paid in advance, a rule with "
                    + "category 租金 (leasing) records it on its day without the contract; a deposit or other money takes its own category.",
                zh: "，因此这一行不关联该合同（款项只能从合同签订日起归入合同）。如是签订前预收的租金，请用类别为“租金”（leasing）的规则，按实际到账日期记录、不关联合同；"
                    + "保证金等其他款项请用相应的类别。")
        }
        return head + Wording(
            en: ": rent paid in advance is recorded on its day as rent without the contract (a payment names a contract only from its signing "
                + "day), so the contract's received amount leaves it out; a CON-07 finding (rent unpaid) of \(contract) is answered with this line.",
            zh: "：签订前预收的租金按实际到账日期记为租金收入，不关联合同（款项只能从合同签订日起归入该合同），合同的已收金额不计入这笔款项；"
                + "如有 \(contract) 的 CON-07（欠缴租金）问题，请以这一行说明。")
    }
    static func negativeClosingNotAsserted(file: String, row: Int, balance: Amount) -> Wording {
        Wording(en: "\(file): row \(row): the closing balance \(money(balance).en) is below zero (an overdrawn account); a balance assertion records zero or more, so it was not recorded and FUND-07 cannot compare it with the books.",
                zh: "\(file) 第 \(row) 行：期末余额 \(money(balance).zh) 为负数（账户透支）；余额核对只能记录零或正数，因此未记录，FUND-07 无法把它与账面核对。")
    }
    static let lineFieldAllowed = Wording(en: "Fix the line or the rule that sets this field.", zh: "请改正这一行，或改正设定这个字段的规则。")
    static func balanceBreak(before: Amount, signed: Amount, expected: Amount) -> Wording {
        // Money as reports write it (`¥38,012.14` / `38,012.14元`), as the statement's cells group it.
        let (was, move, due) = (money(before), signedMoney(signed), money(expected))
        return Wording(en: "does not follow from the previous line's balance \(was.en) and this line's \(move.en) (expected \(due.en))",
                       zh: "与上一行的余额 \(was.zh) 和本行的 \(move.zh) 对不上（应为 \(due.zh)）")
    }
    static let balanceBreakAllowed = Wording(
        en: "Check the amount and the balance against the bank's statement; a line may be missing or misread.",
        zh: "请对照银行对账单核对金额和余额；可能漏了一行，或有一行读错了。")
}

// MARK: - Reports (the Chinese ones whole; the parts both import reports share in both languages)

extension ImportWords {
    static func delimiter(_ d: CSVDelimiter) -> String {
        switch d {
        case .comma: return "逗号"
        case .tab: return "制表符"
        case .semicolon: return "分号"
        }
    }

    /// The lines every import report starts with: the file, the header row, the columns.
    static func fileLines(_ file: ImportReport.FileFacts, sha256: String, headerRow: Int,
                          columns: [(heading: String, field: String)]) -> Wording {
        var en = "  file:    \(file.bytes) bytes, \(file.encoding)\(file.hasUTF8BOM ? " with BOM" : ""), "
            + "\(file.delimiter.rawValue)-separated, SHA-256 \(sha256)\n"
        var zh = "  文件：\(file.bytes) 字节，\(file.encoding)\(file.hasUTF8BOM ? "（带 BOM）" : "")，\(delimiter(file.delimiter))分隔，SHA-256 \(sha256)\n"
        en += file.samplesLine.en
        zh += file.samplesLine.zh
        if headerRow != 1 {
            en += "  header:  row \(headerRow) (the \(headerRow - 1) row\(headerRow == 2 ? "" : "s") above it skipped as a title)\n"
            zh += "  表头：在第 \(headerRow) 行（上方 \(headerRow - 1) 行为表格标题，已跳过）\n"
        }
        en += "  columns: " + columns.enumerated().map { index, column in
            "\(ColumnName.letters(index)) \(column.heading.isEmpty ? "(no heading)" : column.heading) → \(column.field)"
        }.joined(separator: ", ") + "\n"
        zh += "  各列：" + columns.enumerated().map { index, column in
            "\(ColumnName.letters(index)) \(column.heading.isEmpty ? "（无标题）" : column.heading) → \(fieldShown(column.field))"
        }.joined(separator: "，") + "\n"
        return Wording(en: en, zh: zh)
    }

    /// A column's role in the Chinese column list: a field name as the spec writes it, or what becomes of a
    /// column that fills none.
    static func fieldShown(_ field: String) -> String {
        switch field {
        case "ignored": return "不导入"
        case "unnamed": return "不导入（无标题）"
        case "unit": return "单位（逐行核对，不导入）"
        default: return field
        }
    }

    /// The bad rows and their problems, one a line.
    static func problemLines(_ problems: [RowProblem], rejected: Int) -> Wording {
        guard !problems.isEmpty else { return Wording(same: "") }
        return Wording(en: "\(rejected) bad row\(rejected == 1 ? "" : "s") (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                           + problems.map { "  \($0)\n" }.joined(),
                       zh: "有问题的行共 \(rejected) 行（\(problems.count) 处问题）：\n" + problems.map { "  \($0.message.zh)\n" }.joined())
    }

    /// What became of a batch ready to append.
    static func statusLine(_ status: ImportReport.Status) -> Wording {
        switch status {
        case .dryRun:
            return Wording(en: "Dry run: nothing was appended. Run again without --dry-run to append them as one batch.\n",
                           zh: "试运行：什么也没有追加。去掉 --dry-run 再运行一次，即作为一批追加。\n")
        case .appended(let first, let last):
            return Wording(en: "Appended as one batch: records \(first)–\(last).\n", zh: "已作为一批追加：记录 \(first)–\(last)。\n")
        case .notAppended: return Wording(en: "Not appended.\n", zh: "未追加。\n")
        }
    }

    /// Where the rejected rows went, when some were written to a rejects file.
    /// Below the counts of a rejects file imported again: they are its own rows, and the good rows of the original
    /// file, recorded by the first import, are not among them (review 36a: "0 already recorded" read as if they
    /// had been lost).
    static func rejectsFileCounts(_ c: ImportCounts) -> Wording {
        Wording(en: "           (this is a rejects file: the counts are of its own \(Wording.englishCount(c.read, "row")); the good rows of the "
                    + "file it was made from were recorded by that file's import, are already in the ledger and are not counted again here)\n",
                zh: "  （这是退回文件：以上只计本文件自身的 \(c.read) 行；生成它的原文件中正确的行已在原文件导入时记入账本，这里不再计数）\n")
    }

    static func rejectsWritten(_ rejected: Int, to rejectsFile: String) -> Wording {
        Wording(en: "The \(rejected) rejected row\(rejected == 1 ? " was" : "s were") written to \(rejectsFile); "
                    + "fix \(rejected == 1 ? "it" : "them") there, clear the last column (it says what is wrong) and import that file.\n",
                zh: "退回的 \(rejected) 行已写入 \(rejectsFile)；请在那里改正，清空最后一列（它写明了问题），然后导入该文件。\n")
    }

    /// `rowsListed` false: only problems of the file were listed (no bad row), so the clerk fixes those.
    static func rejectedLine(good: Int, offerPartial: Bool, rowsListed: Bool = true) -> String {
        "什么也没有导入。请改正以上\(rowsListed ? "各行" : "问题")后重新导入该文件"
            + (good > 0 && offerPartial ? "；或加 --allow-partial，先导入其余 \(good) 行正确的行，有问题的行写入退回文件，改正后再导入。\n" : "。\n")
    }

    /// `表格导入（register.imported）1 个，共有部分登记（asset.registered）3 个`: each type by its Chinese name,
    /// the type as the log writes it beside it.
    static func eventCounts(_ counts: [(EventType, Int)]) -> String {
        counts.map { "\($0.0.chineseName)（\($0.0.rawValue)）\($0.1) 个" }.joined(separator: "，")
    }

    /// `ImportReport.text` in Chinese.
    static func text(_ r: ImportReport, status: ImportReport.Status) -> String {
        var out = "导入 \(r.fileName)\n"
        out += fileLines(r.file, sha256: r.fileSHA256, headerRow: r.headerRow, columns: r.columns.map { ($0.heading, $0.roleName) }).zh
        let c = r.counts
        out += "  行数：读取 \(c.read)，新增 \(c.new)，更新 \(c.updated)，未变 \(c.unchanged)，退回 \(c.rejected)"
        out += c.blank > 0 ? "（跳过空行 \(c.blank) 行）\n" : "\n"
        if r.isRejectsFile { out += rejectsFileCounts(c).zh }
        if !r.updates.isEmpty {
            out += "账本中已有的共有部分将有以下变更（原值 → 新值）：\n"
            for update in r.updates {
                out += "  第 \(update.row) 行，\(DisplayText.visible(update.assetID))：" + update.changes.map { RowProblem.shown($0.zh) }.joined(separator: "；") + "\n"
            }
            if c.updated > r.updates.count { out += "  ……另有 \(c.updated - r.updates.count) 项\n" }
        }
        if !r.dateNotes.isEmpty {
            out += "登记日期（导入从不更改登记日期）：\n"
            for note in r.dateNotes { out += "  \(note.zh)\n" }
        }
        out += problemLines(r.problems, rejected: c.rejected).zh
        switch r.outcome {
        case .rejected: out += rejectedLine(good: c.read - c.rejected - c.unchanged, offerPartial: true)
        case .nothingToImport:
            out += !r.previousImportIDs.isEmpty && c.rejected == 0
                ? "没有需要导入的：这个文件已经导入过（\(r.previousImportIDs.joined(separator: ", "))），每一行都与账本一致。\n"
                : "没有需要导入的：每一行正确的行都与账本一致。\n"
        case .ready:
            out += "导入 \(r.importID)：共 \(r.eventCount) 个事件：" + eventCounts([(.registerImported, 1), (.assetRegistered, c.new), (.assetUpdated, c.updated)]) + "。\n"
            out += statusLine(status).zh
        }
        if let rejectsFile = r.rejectsFile, c.rejected > 0, r.outcome != .rejected { out += rejectsWritten(c.rejected, to: rejectsFile).zh }
        return out
    }

    /// `FactImportReport.text` in Chinese.
    static func text(_ r: FactImportReport, status: ImportReport.Status) -> String {
        var out = "导入 \(r.fileName)（\(r.kind)，\(r.kindLabel)）\n"
        out += fileLines(r.file, sha256: r.fileSHA256, headerRow: r.headerRow, columns: r.columns.map { ($0.heading, $0.field) }).zh
        let c = r.counts
        out += "  行数：读取 \(c.read)，新增 \(c.new)，已记录 \(c.unchanged)，" + (c.skipped > 0 ? "跳过 \(c.skipped)，" : "") + "退回 \(c.rejected)"
        out += c.blank > 0 ? "（跳过空行 \(c.blank) 行）\n" : "\n"
        if r.isRejectsFile { out += rejectsFileCounts(c).zh }
        for note in r.notes { out += "  说明：\(note.zh)\n" }
        for problem in r.fileProblems { out += "  \(problem.zh)\n" }
        out += problemLines(r.problems, rejected: c.rejected).zh
        switch r.outcome {
        // --allow-partial cannot help while the file itself has a problem: every row is refused with it.
        case .rejected: out += rejectedLine(good: c.read - c.rejected - c.skipped - c.unchanged, offerPartial: !r.allowPartial && r.fileProblems.isEmpty,
                                            rowsListed: !r.problems.isEmpty)
        case .nothingToImport:
            out += r.previousImportIDs.isEmpty || c.rejected > 0
                ? "没有需要导入的：每一行正确的行都已记录。\n"
                : "没有需要导入的：这个文件已经导入过（\(r.previousImportIDs.joined(separator: ", "))），每一行都已记录。\n"
        case .ready:
            let byType = r.eventsByType.keys.sorted().map { (EventType(rawValue: $0)!, r.eventsByType[$0]!) }
            out += "导入 \(r.importID)：共 \(r.eventCount) 个事件：" + eventCounts([(.registerImported, 1)] + byType) + "。\n"
            out += statusLine(status).zh
        }
        if let rejectsFile = r.rejectsFile, c.rejected > 0, r.outcome != .rejected { out += rejectsWritten(c.rejected, to: rejectsFile).zh }
        return out
    }
}

// MARK: - Header problems (`ImportError.header`)

extension ImportWords {
    /// Rows above a header found by its headings that are filled as data rows (`FileTable.looksLikeData`).
    /// A fact or statement file whose header is two rows (a heading merged across columns over sub-headings).
    static func twoRowHeader(header: Int, below: Int) -> Wording {
        Wording(en: "row \(below) below it names columns under headings merged across columns (a header of two rows); a sub-heading read without the "
                    + "heading above it could mean another column (日期 under 业主大会表决 is no signing date), so the file is not read. Make one header "
                    + "row whose every cell names its column (对方户名, 借方发生额, 签订日期: unmerge the cells and join the two rows' words), then import again.",
                zh: "其下方第 \(below) 行是合并单元格表头下的子标题（两行表头）；子标题离开上方的标题可能指另一列（“业主大会表决”下的“日期”不是合同签订日期），"
                    + "因此不读取此文件。请改为一行表头，每个单元格写明该列（如“对方户名”“借方发生额”“签订日期”：取消合并单元格，把两行文字合在一起），再导入。")
    }

    /// A register's header of two rows (`SubHeadings`), told with the problems of its headings: each column the
    /// second row names, with the words of each row (`column C "维保单位名称" is "维保单位" (row 3) over "名称" (row 4)`),
    /// so that a clerk finds what to rename in the file, where no cell holds the joined heading.
    static func headingsOfTwoRows(header: Int, below: Int, parts: [SubHeadings.Part], top: [String], sub: [String]) -> Wording {
        var en: [String] = [], zh: [String] = []
        for (column, part) in parts.enumerated() {
            guard let subColumn = part.sub, subColumn < sub.count else { continue }
            let letters = ColumnName.letters(column), second = RowProblem.shown(sub[subColumn])
            if let topColumn = part.top, topColumn < top.count {
                let first = RowProblem.shown(top[topColumn])
                en.append("column \(letters) \"\(first)\(second)\" is \"\(first)\" (row \(header)) over \"\(second)\" (row \(below))")
                zh.append("\(letters) 列“\(first)\(second)”是第 \(header) 行的“\(first)”加第 \(below) 行的“\(second)”")
            } else if !top.isEmpty, let over = (0...min(column, top.count - 1)).last(where: { !top[$0].isEmpty }).map({ RowProblem.shown(top[$0]) }) {
                // Read alone, as a heading the import knows: the merged heading above it is named, so that the
                // clerk sees what the column was meant as.
                en.append("column \(letters) \"\(second)\" is row \(below)'s \"\(second)\", read alone (under \"\(over)\" of row \(header))")
                zh.append("\(letters) 列“\(second)”是第 \(below) 行的“\(second)”，单独读取（位于第 \(header) 行的“\(over)”之下）")
            }
        }
        return Wording(en: "rows \(header) and \(below) are read as one header of two rows (headings merged across columns over sub-headings): "
                           + en.joined(separator: "; ") + ". Rename the heading in the row that holds it, or make one header row whose every cell names its column.",
                       zh: "第 \(header) 行和第 \(below) 行作为两行表头一起读取（合并单元格的标题下有子标题）：" + zh.joined(separator: "；")
                           + "。请在所在的那一行改标题，或改为一行表头，每个单元格写明该列。")
    }

    static func dataAboveHeader(_ rows: [Int], header: Int) -> Wording {
        let shown = rows.prefix(10).map(String.init)
        let one = rows.count == 1
        let en = (one ? "row " : "rows ") + shown.joined(separator: ", ") + (rows.count > 10 ? " and \(rows.count - 10) more" : "")
        let zh = "第 " + shown.joined(separator: "、") + " 行" + (rows.count > 10 ? "等 \(rows.count) 行" : "")
        return Wording(en: "\(en) above it \(one ? "is" : "are") filled like \(one ? "a data row" : "data rows"), not like a title, and would be skipped if the file were imported. If \(one ? "it is" : "they are") data, move the header row to the top of the table; if \(one ? "it is" : "they are") a title, pass --header-row \(header).",
                       zh: "其上方的\(zh)像数据行而不像标题，若照此导入会被跳过。如果是数据，请把表头行移到表格最上方；如果确是标题，请加上 --header-row \(header)。")
    }
    /// A header with no row of data below it.
    static let noRowsBelowHeader = Wording(en: "there is no row of data below the header; an import needs at least one row.",
                                           zh: "表头下面没有数据行；导入至少需要一行数据。")
    static func noHeaderRow(_ row: Int, last: Int?) -> Wording {
        guard let last else {
            return Wording(en: "--header-row \(row): the file has no row \(row).", zh: "--header-row \(row)：文件中没有第 \(row) 行。")
        }
        return Wording(en: "--header-row \(row): the file has no row \(row) (it has \(last)).", zh: "--header-row \(row)：文件中没有第 \(row) 行（只有 \(last) 行）。")
    }

    /// A cell problem of the header row: `column B: … . …`.
    static func headerCell(_ problem: RowProblem) -> Wording {
        Wording(en: (problem.place ?? "") + ": " + problem.reason + ". " + problem.allowed,
                zh: (problem.column.map { column(letters: $0, heading: problem.heading) } ?? "") + "：" + problem.why.zh + "。" + problem.advice.zh)
    }
    private static func column(letters index: Int, heading: String?) -> String { column(index, heading: heading).zh }

    static func headerBytes(_ index: Int, _ problem: RowProblem) -> Wording {
        Wording(en: "column \(ColumnName.letters(index)): \(problem.reason). \(problem.allowed)",
                zh: "\(ColumnName.letters(index)) 列：\(problem.why.zh)。\(problem.advice.zh)")
    }
    static func headingStrayQuote(_ index: Int) -> Wording {
        Wording(en: "column \(ColumnName.letters(index)): the heading has a stray quote (\"). Remove it, or quote the whole heading and write the quote as \"\".",
                zh: "\(ColumnName.letters(index)) 列：标题中有一个多余的引号（\"）。请删去它，或用引号括住整个标题，标题内的引号写成 \"\"。")
    }
    static func headedInFen(_ index: Int, _ heading: String) -> Wording {
        Wording(en: "column \(ColumnName.letters(index)) \"\(RowProblem.shown(heading))\" is headed in fen (分), but amounts are read in yuan (元). Write the amounts in yuan and head the column 金额 or 金额(元).",
                zh: "\(ColumnName.letters(index)) 列“\(RowProblem.shown(heading))”的标题以分为单位，但金额按元读取。请以元填写金额，并把列标题写作 金额 或 金额(元)。")
    }
    /// A money or area column headed in another unit than the importer reads (`金额（万元）`, `面积（亩）`).
    static func headedInForeignUnit(_ index: Int, _ heading: String, unit: String, column: RegisterVocabulary.ColumnUnit) -> Wording {
        let letters = ColumnName.letters(index)
        switch column {
        case .yuan:
            return Wording(en: "column \(letters) \"\(RowProblem.shown(heading))\" is headed in \"\(RowProblem.shown(unit))\", but amounts are read in yuan (元), so every amount would be recorded in the wrong unit. Write the amounts in yuan and head the column without that unit (for example 金额 or 金额(元)).",
                           zh: "\(letters) 列“\(RowProblem.shown(heading))”的标题以“\(RowProblem.shown(unit))”为单位，但金额按元读取，每笔金额都会按错误的单位记录。请以元填写金额，并去掉标题中的这个单位（例如写作 金额 或 金额(元)）。")
        case .squareMetres:
            return Wording(en: "column \(letters) \"\(RowProblem.shown(heading))\" is headed in \"\(RowProblem.shown(unit))\", but areas are read in square metres (m²), so every area would be recorded in the wrong unit. Write the areas in square metres and head the column without that unit (for example 面积 or 面积(㎡)).",
                           zh: "\(letters) 列“\(RowProblem.shown(heading))”的标题以“\(RowProblem.shown(unit))”为单位，但面积按平方米读取，每个面积都会按错误的单位记录。请以平方米填写面积，并去掉标题中的这个单位（例如写作 面积 或 面积(㎡)）。")
        }
    }
    /// A money column headed as a unit price (`租金（元/㎡/月）`): the column holds each row's whole sum (`UnitWords.unitPrice`).
    static func headedAsUnitPrice(_ index: Int, _ heading: String, price: String) -> Wording {
        let letters = ColumnName.letters(index)
        return Wording(en: "column \(letters) \"\(RowProblem.shown(heading))\" is headed as a unit price (\"\(RowProblem.shown(price))\": per square metre, per household or per space), but the column is read as the whole amount of each row (for a contract, its whole rent for one period), so a price per unit would be recorded as the whole rent. Write the whole amount (the unit price times the area or number) and head the column without the unit (for example 租金 or 租金(元/月)).",
                       zh: "\(letters) 列“\(RowProblem.shown(heading))”的标题是单价（“\(RowProblem.shown(price))”：每平方米、每户或每个车位的价格），但该列按每行的金额总数读取（合同即每期租金总额），单价会被当作全部租金记录。请填写金额总数（单价乘以面积或数量），并去掉标题中的单价单位（例如写作 租金 或 租金(元/月)）。")
    }
    /// A period as the rent checks name it: `month` → 月 / a month (`UnitWords.periodWords`, `FactVocabulary.rentPeriods`).
    static func periodName(_ period: String) -> Wording {
        switch period {
        case "year": Wording(en: "a year", zh: "年")
        case "month": Wording(en: "a month", zh: "月")
        case "quarter": Wording(en: "a quarter", zh: "季度")
        case "half_year": Wording(en: "half a year", zh: "半年")
        case "week": Wording(en: "a week", zh: "周")
        case "day": Wording(en: "a day", zh: "日")
        case "once": Wording(en: "once (一次性)", zh: "一次性")
        default: Wording(en: period, zh: period)
        }
    }
    /// A contract row whose 计租周期 is not the period its rent column's heading is per (`租金（元/月）`, 年).
    static func rentPeriodDisagrees(rentColumn: Int, heading: String, stated: String, row: String, unitCell: String? = nil) -> Wording {
        let letters = ColumnName.letters(rentColumn)
        let statedName = periodName(stated), rowName = periodName(row)
        var factor = Wording(en: "", zh: "")
        if let a = UnitWords.months(stated), let b = UnitWords.months(row), a != b {
            let times = max(a, b) / min(a, b)
            factor = Wording(en: " (\(times) times off)", zh: "（相差 \(times) 倍）")
        }
        let per = Wording(en: stated == "half_year" ? "per half year" : "per " + statedName.en.dropFirst(2), zh: "按" + statedName.zh)
        if let unitCell {
            // A unit column's cell (`租金单位` 元/月) says the period for its row.
            return Wording(en: "disagrees with column \(letters) \"\(RowProblem.shown(heading))\", \"\(RowProblem.shown(unitCell))\": it says the rent is \(per.en), this row's period is \(rowName.en), so the rent would be recorded for the wrong period\(factor.en)",
                           zh: "与 \(letters) 列“\(RowProblem.shown(heading))”的“\(RowProblem.shown(unitCell))”不一致：它写明租金\(per.zh)计，本行计租周期却是“\(rowName.zh)”，租金会按错误的周期记录\(factor.zh)")
        }
        return Wording(en: "disagrees with column \(letters) \"\(RowProblem.shown(heading))\": its heading says the rent is \(per.en), this row's period is \(rowName.en), so the rent would be recorded for the wrong period\(factor.en)",
                       zh: "与 \(letters) 列“\(RowProblem.shown(heading))”不一致：该列标题写明租金\(per.zh)计，本行计租周期却是“\(rowName.zh)”，租金会按错误的周期记录\(factor.zh)")
    }
    static func rentPeriodDisagreesAllowed(stated: String, row: String, unitColumn: (index: Int, heading: String)? = nil) -> Wording {
        let statedName = periodName(stated), rowName = periodName(row)
        if let unitColumn {
            let unit = column(unitColumn.index, heading: unitColumn.heading)
            return Wording(en: "If this row's period is right, write the rent for this row's period (\(rowName.en)) and 元 in \(unit.en); if the rent is for \(statedName.en), correct this row's period.",
                           zh: "如果本行的计租周期无误，请按本行的周期（\(rowName.zh)）填写租金，并在 \(unit.zh)写“元”；如果租金确是按\(statedName.zh)计的，请改正本行的计租周期。")
        }
        return Wording(en: "If this row's period is right, write the rent for this row's period (\(rowName.en)) and head the column 租金 or 每期租金 (each row's rent is then read for its own period); if the rent is for \(statedName.en), correct this row's period.",
                       zh: "如果本行的计租周期无误，请按本行的周期（\(rowName.zh)）填写租金，并把该列标题改为“租金”或“每期租金”（各行租金按本行的周期读取）；如果租金确是按\(statedName.zh)计的，请改正本行的计租周期。")
    }
    /// A title row above the header that declares another unit than the importer reads (`金额单位：万元`,
    /// `面积单位：亩`): `TitleUnits`.
    static func titleInForeignUnit(row: Int, column: Int, cell: String, unit: String, columnUnit: RegisterVocabulary.ColumnUnit,
                                   unitColumn: Int? = nil, unitCell: String? = nil) -> Wording {
        let letters = ColumnName.letters(column)
        var place = Wording(en: "row \(row) above it, column \(letters) \"\(RowProblem.shown(cell))\"",
                            zh: "其上方第 \(row) 行 \(letters) 列“\(RowProblem.shown(cell))”")
        if let unitColumn, let unitCell {
            // A label in one cell and its unit in the next (`金额单位：` | `万元`): both cells are named.
            let next = ColumnName.letters(unitColumn)
            place = Wording(en: "row \(row) above it, column \(letters) \"\(RowProblem.shown(cell))\" with column \(next) \"\(RowProblem.shown(unitCell))\"",
                            zh: "其上方第 \(row) 行 \(letters) 列“\(RowProblem.shown(cell))”与 \(next) 列“\(RowProblem.shown(unitCell))”")
        }
        switch columnUnit {
        case .yuan:
            return Wording(en: "\(place.en), says amounts are in \"\(RowProblem.shown(unit))\", but amounts are read in yuan (元), so every amount would be recorded in the wrong unit. Write the amounts in yuan and change that line to 单位：元, or delete the line if the amounts are in yuan already.",
                           zh: "\(place.zh)注明金额以“\(RowProblem.shown(unit))”为单位，但金额按元读取，每笔金额都会按错误的单位记录。请以元填写金额，并把该行改为“单位：元”；如果金额本来就是以元填写的，请删去该行。")
        case .squareMetres:
            return Wording(en: "\(place.en), says areas are in \"\(RowProblem.shown(unit))\", but areas are read in square metres (m²), so every area would be recorded in the wrong unit. Write the areas in square metres and change that line to 面积单位：平方米, or delete the line if the areas are in square metres already.",
                           zh: "\(place.zh)注明面积以“\(RowProblem.shown(unit))”为单位，但面积按平方米读取，每个面积都会按错误的单位记录。请以平方米填写面积，并把该行改为“面积单位：平方米”；如果面积本来就是以平方米填写的，请删去该行。")
        }
    }
    static func notAColumnOf(_ index: Int, _ heading: String, kind: String, kindName: String) -> Wording {
        Wording(en: "column \(ColumnName.letters(index)) \"\(RowProblem.shown(heading))\" is not a column of \(kind) (\(kindName)). Rename it to one of the headings `ledger template \(kind)` prints, map it in a mapping file (--mapping), or delete the column.",
                zh: "\(ColumnName.letters(index)) 列“\(RowProblem.shown(heading))”不是\(kindName)（\(kind)）表中的列。请改用\(kindName)模板中的列标题之一（用“ledger template \(kind)”输出模板），或在映射文件（--mapping）中对应，或删去这一列。")
    }
    /// `label`: the field's Chinese name in this kind of file (a register's `名称`, a contract's `承租方`); else the
    /// log's name for the member (`FieldLabels`), else none.
    static func bothMean(_ a: Int, _ headingA: String?, _ b: Int, _ headingB: String?, field: String, label: String? = nil) -> Wording {
        // The headings as every message shows a value (`RowProblem.shown`), quoted “ ” in Chinese.
        let columnA = column(a, heading: headingA), columnB = column(b, heading: headingB)
        return Wording(en: "columns \(columnA.en.dropFirst("column ".count)) and \(columnB.en.dropFirst("column ".count)) both mean \(field). Rename or delete one of them, or map one to \"ignore\" in a mapping file (--mapping).",
                       zh: "\(columnA.zh)和 \(columnB.zh)都表示 \(field)\((label ?? FieldLabels.label(path: field)).map { "（\($0)）" } ?? "")。请改名或删去其中一列，或在映射文件（--mapping）中把其中一列对应为“ignore”。")
    }
    static func sameHeading(_ a: Int, _ b: Int, _ heading: String) -> Wording {
        Wording(en: "columns \(ColumnName.letters(a)) and \(ColumnName.letters(b)) have the same heading \"\(RowProblem.shown(heading))\". Give each column its own heading.",
                zh: "\(ColumnName.letters(a)) 列和 \(ColumnName.letters(b)) 列的标题都是“\(RowProblem.shown(heading))”。请给每一列各起一个标题。")
    }
    /// Each column as `ImportWords.column` names it (`C "面积"` / `C 列“面积”`), in both languages.
    static func unknownColumns(_ columns: [Wording]) -> Wording {
        let list = columns.map { String($0.en.dropFirst("column ".count)) }.joined(separator: ", ")
        let listZh = columns.map(\.zh).joined(separator: "、")
        return Wording(en: "unknown column\(columns.count == 1 ? "" : "s") " + list
                        + " (--strict refuses columns it does not know). Rename to a known heading (see README, \"Importing a register\"), map it in a mapping file (--mapping), or import without --strict to keep it as an attribute.",
                       zh: "不认识的列：" + listZh + "（--strict 拒绝不认识的列）。请改用共有部分登记表模板中的列标题（用“ledger template assets”输出模板），或在映射文件（--mapping）中对应，或不加 --strict 导入，把它作为属性保留。")
    }

    /// `no column for amount_fen (金额). Add a column headed 金额 or …, or map …`; `extra` adds the options that
    /// stand in for the column (`--community ID`).
    /// `labelZh`: the field's Chinese name said in the Chinese message only (a register's: its English names the
    /// field alone); else `label` in both.
    static func noColumn(_ field: String, label: String?, labelZh: String? = nil, headings: [String], extra: [(en: String, zh: String)] = []) -> Wording {
        let heads = headings.joined(separator: " or "), headsZh = headings.joined(separator: " 或 ")
        let labelZh = labelZh ?? label ?? FieldLabels.label(path: field)
        return Wording(en: "no column for \(field)" + (label.map { " (\($0))" } ?? "") + ". Add a column headed \(heads), or map an existing heading to \"\(field)\" in a mapping file (--mapping)"
                        + extra.map { ", or " + $0.en }.joined() + ".",
                       zh: (labelZh.map { "没有“\($0)”列（字段名 \(field)）" } ?? "没有 \(field) 列") + "。请加一列，标题为 \(headsZh)；或在映射文件（--mapping）中把已有的标题对应为“\(field)”"
                        + extra.map { "；或" + $0.zh }.joined() + "。")
    }
    /// Said first when a required column is missing and a heading holds several headings joined by another
    /// delimiter's character (`编号;小区;类型` read from a file separated by semicolons as if by commas): the missing
    /// columns are then that delimiter's doing, which the "no column" lines alone do not show (review 47b). Nil when no
    /// heading splits into two or more non-empty parts by a delimiter other than `used`.
    static func headingsRunTogether(_ headings: [String], used: CSVDelimiter) -> Wording? {
        for other in CSVDelimiter.allCases where other != used {
            let separator = Character(Unicode.Scalar(other.byte))
            guard let index = headings.firstIndex(where: { $0.split(separator: separator).filter { !$0.allSatisfy(\.isWhitespace) }.count >= 2 })
            else { continue }
            let shown = String(separator) == "\t" ? "a tab" : "\"\(separator)\""
            let shownZh = String(separator) == "\t" ? "制表符" : "“\(separator)”"
            let said = column(index, heading: headings[index])
            return Wording(en: "\(said.en) holds several headings separated by \(shown): the file was read as \(used.rawValue)-separated, but it is separated by \(other == .tab ? "tabs" : other.rawValue + "s"). Pass --delimiter \(other.rawValue).",
                           zh: "\(said.zh)中有多个以\(shownZh)分隔的列标题：文件是按\(delimiter(used))分隔读取的，但它实际以\(delimiter(other))分隔。请加 --delimiter \(other.rawValue)。")
        }
        return nil
    }
    static let passCommunity = (en: "pass --community ID", zh: "加 --community ID")
    static let passRegisteredOn = (en: "pass --registered-on YYYY-MM-DD", zh: "加 --registered-on YYYY-MM-DD")

    static func noStatementColumn(_ field: String, headings: [String]) -> Wording {
        Wording(en: "no column for \(field). Add a column headed " + headings.joined(separator: " or ") + ", or map the bank's heading to \"\(field)\" in a mapping file (--mapping).",
                zh: (headings.first.map { "没有“\($0)”列（字段名 \(field)）" } ?? "没有 \(field) 列") + "。请加一列，标题为 " + headings.joined(separator: " 或 ") + "；或在映射文件（--mapping）中把银行的标题对应为“\(field)”。")
    }
    static let noAmountColumn = Wording(
        en: "no column for the amount: a statement has either one signed amount column (交易金额, amount) or a credit and a debit column (贷方金额/收入金额 and 借方金额/支出金额); map the bank's headings in a mapping file (--mapping) if they are named otherwise.",
        zh: "没有金额列：对账单要么有一列带正负号的金额（交易金额、amount），要么有贷方和借方两列（贷方金额/收入金额 和 借方金额/支出金额）；银行的标题叫法不同时，请在映射文件（--mapping）中对应。")
    static func directionColumn(_ index: Int, _ heading: String) -> Wording {
        Wording(en: "column \(ColumnName.letters(index)) \"\(RowProblem.shown(heading))\" gives each line's direction, but the amount is read as signed (money out negative), so a payment out would be read as money in. Export the statement with a signed amount or with credit and debit columns (贷方金额, 借方金额); or, if the amounts are signed already, map \"\(RowProblem.shown(heading))\" to \"ignore\" in a mapping file (--mapping).",
                zh: "\(ColumnName.letters(index)) 列“\(RowProblem.shown(heading))”标明每一行的收支方向，但金额按带正负号读取（支出为负），支出会被当成收入。请导出带正负号金额的对账单，或导出贷方、借方两列（贷方金额、借方金额）；如果金额本来就带正负号，请在映射文件（--mapping）中把“\(RowProblem.shown(heading))”对应为“ignore”。")
    }
}

// MARK: - Mapping and rules files (`ImportError.mapping`)

extension ImportWords {
    enum Mapping {
        static func notJSON(_ error: EventError, example: String, rules: Bool = false) -> Wording {
            Wording(en: "not valid JSON: \(error). A \(rules ? "rules" : "mapping") file looks like \(example).",
                    zh: "不是合法的 JSON：\(error.wording.zh)。\(rules ? "规则文件" : "映射文件")的写法如 \(example)。")
        }
        /// `must be a JSON object with "columns" and/or "values".`
        static func objectWith(_ a: String, _ b: String) -> Wording {
            Wording(en: "must be a JSON object with \"\(a)\" and/or \"\(b)\".", zh: "须为含有 \"\(a)\" 和（或）\"\(b)\" 的 JSON 对象。")
        }
        static func unknownMember(_ key: String, _ a: String, _ b: String) -> Wording {
            Wording(en: "unknown member \"\(RowProblem.shown(key))\"; a mapping has only \"\(a)\" and \"\(b)\".",
                    zh: "不认识的成员“\(RowProblem.shown(key))”；映射文件只有“\(a)”和“\(b)”。")
        }
        static let columnsObject = Wording(en: "\"columns\" must be an object of heading → field.", zh: "“columns”须为“列标题 → 字段”的对象。")
        static let valuesObject = Wording(en: "\"values\" must be an object of field → {word: code}.", zh: "“values”须为“字段 → {词: 代码}”的对象。")
        static let kindsObject = Wording(en: "\"kinds\" must be an object of word → kind code.", zh: "“kinds”须为“词 → 类型代码”的对象。")
        static func columnMustBe(_ heading: String, _ allowed: [String], kind: String? = nil) -> Wording {
            let list = allowed.joined(separator: ", ")
            return Wording(en: "columns.\"\(RowProblem.shown(heading))\" must be one of \(list)" + (kind.map { " (the fields of \($0))" } ?? "") + ".",
                           zh: "columns.“\(RowProblem.shown(heading))”须为以下之一：\(list)" + (kind.map { "（\($0) 的字段）" } ?? "") + "。")
        }
        static func notAFieldOf(_ key: String, kind: String, fields: [String]) -> Wording {
            Wording(en: "values.\"\(RowProblem.shown(key))\" is not a field of \(kind); write one of " + fields.joined(separator: ", ") + ".",
                    zh: "values.“\(RowProblem.shown(key))”不是 \(kind) 的字段；请写以下之一：" + fields.joined(separator: ", ") + "。")
        }
        static func noWordList(_ key: String) -> Wording {
            Wording(en: "values.\"\(RowProblem.shown(key))\": \(key) is not a field with a list of words.", zh: "values.“\(RowProblem.shown(key))”：\(key) 不是有词表的字段。")
        }
        static func wordsObject(_ key: String) -> Wording {
            Wording(en: "values.\"\(RowProblem.shown(key))\" must be an object of word → code.", zh: "values.“\(RowProblem.shown(key))”须为“词 → 代码”的对象。")
        }
        static func valueMustBe(_ key: String, _ word: String, codes: [String]) -> Wording {
            codes.isEmpty
                ? Wording(en: "values.\"\(RowProblem.shown(key))\".\"\(RowProblem.shown(word))\" must be a non-empty code.", zh: "values.“\(RowProblem.shown(key))”.“\(RowProblem.shown(word))”须为非空的代码。")
                : Wording(en: "values.\"\(RowProblem.shown(key))\".\"\(RowProblem.shown(word))\" must be one of " + codes.joined(separator: ", ") + ".",
                          zh: "values.“\(RowProblem.shown(key))”.“\(RowProblem.shown(word))”须为以下之一：" + codes.joined(separator: ", ") + "。")
        }
        static func columnString(_ heading: String) -> Wording {
            Wording(en: "columns.\"\(RowProblem.shown(heading))\" must be a string.", zh: "columns.“\(RowProblem.shown(heading))”须为字符串。")
        }
        static func emptyHeading(_ heading: String) -> Wording {
            Wording(en: "columns.\"\(RowProblem.shown(heading))\" is an empty heading.", zh: "columns.“\(RowProblem.shown(heading))”是空的列标题。")
        }
        static func columnIs(_ heading: String, _ target: String, allowed: [String]) -> Wording {
            Wording(en: "columns.\"\(RowProblem.shown(heading))\" is \"\(RowProblem.shown(target))\"; write one of " + allowed.joined(separator: ", ") + ".",
                    zh: "columns.“\(RowProblem.shown(heading))”是“\(RowProblem.shown(target))”；请写以下之一：" + allowed.joined(separator: ", ") + "。")
        }
        static func headingTwice(_ heading: String, _ target: String, earlier: String) -> Wording {
            Wording(en: "columns.\"\(RowProblem.shown(heading))\" is \"\(RowProblem.shown(target))\", but another entry names the same heading (spaces, _, - and case are ignored) with \"\(RowProblem.shown(earlier))\"; keep one.",
                    zh: "columns.“\(RowProblem.shown(heading))”是“\(RowProblem.shown(target))”，但另一项把同一个列标题（不计空格、_、- 和大小写）对应为“\(RowProblem.shown(earlier))”；请只留一项。")
        }
        static func kindMustBe(_ word: String, codes: [String]) -> Wording {
            Wording(en: "kinds.\"\(RowProblem.shown(word))\" must be one of " + codes.joined(separator: ", ") + ".",
                    zh: "kinds.“\(RowProblem.shown(word))”须为以下之一：" + codes.joined(separator: ", ") + "。")
        }
        static func emptyWord(_ word: String) -> Wording {
            Wording(en: "kinds.\"\(RowProblem.shown(word))\" is an empty word.", zh: "kinds.“\(RowProblem.shown(word))”是空词。")
        }
        static func wordTwice(_ word: String, _ code: String, earlier: String) -> Wording {
            Wording(en: "kinds.\"\(RowProblem.shown(word))\" is \"\(RowProblem.shown(code))\", but another entry names the same word (spaces, - and case are ignored) with \"\(RowProblem.shown(earlier))\"; keep one.",
                    zh: "kinds.“\(RowProblem.shown(word))”是“\(RowProblem.shown(code))”，但另一项把同一个词（不计空格、- 和大小写）对应为“\(RowProblem.shown(earlier))”；请只留一项。")
        }
        static let rulesShape = Wording(en: "must be a JSON object with one member \"rules\", an array of rules.",
                                        zh: "须为只有一个成员 \"rules\"（规则数组）的 JSON 对象。")
        static func ruleShape(_ place: String) -> Wording {
            Wording(en: "\(place) must be an object with \"if\": {…} and the fields it sets.", zh: "\(place) 须为含有“if”: {…} 及其设定字段的对象。")
        }
        static func conditionString(_ place: String, _ key: String) -> Wording {
            Wording(en: "\(place).if.\(key) must be a non-empty string.", zh: "\(place).if.\(key) 须为非空字符串。")
        }
        static func direction(_ place: String) -> Wording {
            Wording(en: "\(place).if.direction must be \"in\" or \"out\".", zh: "\(place).if.direction 须为“in”（收入）或“out”（支出）。")
        }
        static func conditionOn(_ place: String, _ key: String) -> Wording {
            Wording(en: "\(place).if.\(key): a condition is on counterparty, memo or direction.",
                    zh: "\(place).if.\(key)：条件只能针对 counterparty（对方户名）、memo（摘要）或 direction（方向）。")
        }
        static func emptyCondition(_ place: String) -> Wording {
            Wording(en: "\(place).if is empty; a rule needs a condition.", zh: "\(place).if 是空的；规则需要条件。")
        }
        static func ruleSets(_ place: String, _ key: String, settings: [String]) -> Wording {
            Wording(en: "\(place).\(key): a rule sets " + settings.joined(separator: ", ") + ", each to a non-empty string.",
                    zh: "\(place).\(key)：规则只能设定 " + settings.joined(separator: ", ") + "，每项为非空字符串。")
        }
        /// A rule's `contract_id` or `decision_id` that may not be written as an id (`why` names it).
        static func ruleID(_ place: String, _ key: String, _ why: Wording) -> Wording {
            Wording(en: "\(place).\(key): \(why.en).", zh: "\(place).\(key)：\(why.zh)。")
        }
        /// A rule's `counterparty` or new category word the writer's door refuses as a name (`EventInput.nameFault`).
        static func ruleName(_ place: String, _ key: String, _ why: Wording) -> Wording {
            Wording(en: "\(place).\(key): \(why.en).", zh: "\(place).\(key)：\(why.zh)。")
        }
        /// A rule's `category` or `purpose_category` outside the vocabulary (`--allow-new-category` not given).
        static func ruleCategory(_ place: String, _ key: String, _ text: String, _ direction: Category.Direction) -> Wording {
            let why = ImportWords.notACategory(text, direction), allowed = ImportWords.categoryAllowed(text, direction, mappingValues: false)
            return Wording(en: "\(place).\(key): \"\(RowProblem.shown(text))\" \(why.en). \(allowed.en)",
                           zh: "\(place).\(key)：“\(RowProblem.shown(text))”\(why.zh)。\(allowed.zh)")
        }
        static let statementShape = Wording(en: "a statement mapping is {\"columns\": {\"记账金额\": \"amount\", \"对方账号\": \"ignore\"}}.",
                                            zh: "对账单的映射文件写作 {\"columns\": {\"记账金额\": \"amount\", \"对方账号\": \"ignore\"}}。")
    }
}

// MARK: - File problems (`ImportError`)

extension ImportWords {
    /// The message of an error that stops a whole import, in English and Chinese.
    static func error(_ error: ImportError) -> Wording {
        switch error {
        case .unreadable(let file, let error):
            let reason = fileReason(error)
            return Wording(en: "\(file): cannot read the file: \(reason.en).", zh: "\(file)：无法读取该文件：\(reason.zh)。")
        case .notARegularFile(let file, let kind):
            let reason = notARegularFile(kind)
            return Wording(en: "\(file): cannot read the file: \(reason.en).", zh: "\(file)：无法读取该文件：\(reason.zh)。")
        case .notCSV(let file, let format):
            let advice = notCSV(format)
            return Wording(en: "\(file): not a CSV file: \(advice.en).", zh: "\(file)：不是 CSV 文件：\(advice.zh)。")
        case .empty(let file):
            return Wording(en: "\(file): the file is empty; an import needs a header row and at least one row.",
                           zh: "\(file)：文件是空的；导入需要一行表头和至少一行数据。")
        case .header(let file, let row, let problems, let rows):
            let place = row.map { Wording(en: "header (row \($0))", zh: "表头（第 \($0) 行）") } ?? Wording(en: "header", zh: "表头")
            let header = Wording(en: problems.map { "\(file): \(place.en): \($0.en)" }.joined(separator: "\n"),
                                 zh: problems.map { "\(file)：\(place.zh)：\($0.zh)" }.joined(separator: "\n"))
            guard !rows.isEmpty else { return header }
            // The rows read as well as the header allows, so one run tells every problem of the file.
            return Wording(en: header.en + "\nThe rows were checked too, as far as the header allows (\(Wording.englishCount(rows.count, "problem"))):\n"
                               + rows.map { "  \($0.en)" }.joined(separator: "\n")
                               + "\nNothing was imported. Fix the header and these rows, then import the file again.",
                           zh: header.zh + "\n在表头允许的范围内，各行也已检查（\(rows.count) 处问题）：\n"
                               + rows.map { "  \($0.zh)" }.joined(separator: "\n")
                               + "\n什么也没有导入。请改正表头和以上各行后重新导入该文件。")
        case .unterminatedQuote(let file, let row, let column, let line):
            let letters = ColumnName.letters(column)
            return Wording(
                en: "\(file): row \(row), column \(letters): a quoted cell opened on line \(line) is never closed, so the rest of "
                    + "the file would be read as one cell. Add the closing \" (write a quote inside a quoted cell as \"\"), then import again.",
                zh: "\(file) 第 \(row) 行，\(letters) 列：第 \(line) 行开始的带引号单元格一直没有结束，文件其余部分会被读成一个单元格。"
                    + "请补上结束的 \"（带引号的单元格内，引号写成 \"\"），然后重新导入。")
        case .refused(let file, let reason):
            return Wording(en: "\(file): \(reason.en)", zh: "\(file)：\(reason.zh)")
        case .cutShort(let file, let row):
            return Wording(
                en: "\(file): row \(row), the file's last row, ends without a line break while every row before it ends with one: "
                    + "the file may be cut short (an interrupted copy or download), and the row's last cell with it. Nothing was imported. "
                    + "Compare row \(row) with the original; if the file is whole, open it and save it again as CSV (Excel and WPS end "
                    + "every row with a line break), or add a line break after the last row, then import again.",
                zh: "\(file) 第 \(row) 行是文件的最后一行，它没有以换行结束，而前面各行都有换行：文件可能不完整（复制或下载中断），"
                    + "该行最后一个单元格也可能被截断。什么也没有导入。请对照原件核对第 \(row) 行；如果文件完整，请打开后重新另存为 CSV"
                    + "（Excel 和 WPS 保存时每行都以换行结束），或在最后一行末尾加一个换行，然后重新导入。")
        case .cellTooLong(let file, let row, let column, let line, let quoted, let limit):
            let letters = ColumnName.letters(column)
            let hint = quoted
                ? Wording(en: " It opened with a quote on line \(line); probably that quote is never closed. Add the closing \" (write a quote inside a quoted cell as \"\").",
                          zh: "它从第 \(line) 行的一个引号开始，很可能这个引号没有结束。请补上结束的 \"（带引号的单元格内，引号写成 \"\"）。")
                : Wording(en: " Shorten the cell.", zh: "请缩短该单元格。")
            return Wording(en: "\(file): row \(row), column \(letters): the cell is longer than \(limit) bytes (limit csvFieldBytesMax).\(hint.en)",
                           zh: "\(file) 第 \(row) 行，\(letters) 列：单元格超过 \(limit) 字节（上限 csvFieldBytesMax）。\(hint.zh)")
        case .tooManyColumns(let file, let row, let limit):
            return Wording(en: "\(file): row \(row) has more than \(limit) cells (limit csvColumnsMax). Check the separator (--delimiter comma|tab|semicolon).",
                           zh: "\(file) 第 \(row) 行超过 \(limit) 个单元格（上限 csvColumnsMax）。请检查分隔符（--delimiter comma|tab|semicolon）。")
        case .tooManyRows(let file, let limit):
            return Wording(en: "\(file): the file has more than \(limit) rows (limit csvRowsMax). Split it into several files.",
                           zh: "\(file)：文件超过 \(limit) 行（上限 csvRowsMax）。请分成几个文件。")
        case .mixedEncoding(let file, let row, let column, let heading, let hex, let above):
            // A fact file's cells are decoded before its header row is known: no heading then, not `""`.
            let place = ImportWords.column(column, heading: heading.isEmpty ? nil : heading)
            if let above {
                let rows = above.rows.count == 1 ? Wording(en: "row \(above.rows.lowerBound)", zh: "第 \(above.rows.lowerBound) 行")
                    : Wording(en: "rows \(above.rows.lowerBound)–\(above.rows.upperBound)", zh: "第 \(above.rows.lowerBound)–\(above.rows.upperBound) 行")
                let sample = DisplayText.visible(above.sample), cell = DisplayText.visible(above.cellAsGB18030)
                return Wording(
                    en: "\(file): row \(row), \(place.en): the bytes \(hex) are not UTF-8 (read as GB18030/GBK they are \"\(cell)\"), but the "
                        + "text of \(rows.en) above it is UTF-8 (\"\(sample)\"), so the file mixes two encodings: most likely text such as a "
                        + "title was pasted from a UTF-8 file into a GB18030/GBK one. If \(rows.en) is only a title, delete it or type it "
                        + "again in this file; if the file really is UTF-8, fix that cell and save the file again as \"CSV UTF-8\".",
                    zh: "\(file) 第 \(row) 行，\(place.zh)：字节 \(hex) 不是 UTF-8（按 GB18030/GBK 读是“\(cell)”），但其上方\(rows.zh)的文字是 "
                        + "UTF-8（“\(sample)”），文件混用了两种编码：很可能是把 UTF-8 文件中的文字（如标题）粘贴进了 GB18030/GBK 文件。"
                        + "如果\(rows.zh)只是标题，请删去它或在本文件中重新输入；"
                        + "如果文件确实是 UTF-8，请改正该单元格，再把文件另存为“CSV UTF-8”。")
            }
            return Wording(
                en: "\(file): row \(row), \(place.en): the bytes \(hex) are not UTF-8, but the file's other text is UTF-8, "
                    + "so the file mixes two encodings. Fix that cell and save the file again as \"CSV UTF-8\"; or pass --encoding utf8 "
                    + "to list every such cell, or --encoding gb18030 if the file really is GB18030.",
                zh: "\(file) 第 \(row) 行，\(place.zh)：字节 \(hex) 不是 UTF-8，但文件的其余文字是 UTF-8，"
                    + "文件混用了两种编码。请改正该单元格，再把文件另存为“CSV UTF-8”；或加 --encoding utf8 列出所有这样的单元格；"
                    + "如果文件确实是 GB18030，请加 --encoding gb18030。")
        case .ambiguousEncoding(let file, let utf8, let gb):
            let samples = zip(utf8, gb)
            return Wording(
                en: "\(file): the file can be read as UTF-8 and as GB18030/GBK, and the text differs: "
                    + samples.map { "\"\($0.0)\" (UTF-8) or \"\($0.1)\" (GB18030)" }.joined(separator: "; ")
                    + ". Pass --encoding gb18030 (Excel's default \"CSV\" on Chinese Windows) or --encoding utf8 to say which; "
                    + "--dry-run then shows the values as read.",
                zh: "\(file)：文件既能按 UTF-8 读，也能按 GB18030/GBK 读，读出的文字不同："
                    + samples.map { "“\($0.0)”（UTF-8）或“\($0.1)”（GB18030）" }.joined(separator: "；")
                    + "。请加 --encoding gb18030（中文 Windows 下 Excel 默认的“CSV”）或 --encoding utf8 说明是哪一种；"
                    + "--dry-run 会显示读出的值。")
        case .mapping(let file, let reason):
            return Wording(en: "\(file): \(reason.en)", zh: "\(file)：\(reason.zh)")
        case .cell(let refusal):
            // Without its place: the importer that catches it says file, row and column (`RowProblem`).
            return Wording(en: "\(refusal.reason). \(refusal.allowed)", zh: refusal.why.zh + "。" + refusal.advice.zh)
        }
    }

    /// What a file that is not CSV is, and what to do.
    static func notCSV(_ format: NotCSVFormat) -> Wording {
        switch format {
        case .xlsx:
            return Wording(en: "it is an Excel or WPS workbook (.xlsx), not CSV. In Excel choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file",
                           zh: "它是 Excel 或 WPS 工作簿（.xlsx），不是 CSV。请在 Excel 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件")
        case .xls:
            return Wording(en: "it is an old Excel workbook (.xls), not CSV. Save it as \"CSV UTF-8 (comma delimited)\" and import the .csv file",
                           zh: "它是旧版 Excel 工作簿（.xls），不是 CSV。请另存为“CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件")
        case .utf16(let bigEndian, let mark): return wideText("UTF-16" + (bigEndian ? "BE" : "LE"), byteOrderMark: mark)
        case .utf32(let bigEndian, let mark): return wideText("UTF-32" + (bigEndian ? "BE" : "LE"), byteOrderMark: mark)
        }
    }

    /// A UTF-16 or UTF-32 file (`encoding`: the one found, named exactly, as the clerk may have picked it in a save
    /// dialog), and how to save it as UTF-8.
    private static func wideText(_ encoding: String, byteOrderMark: Bool) -> Wording {
        let utf16 = encoding.hasPrefix("UTF-16")
        let how = byteOrderMark
            ? Wording(en: "with a byte-order mark" + (utf16 ? ", as Excel's \"Unicode Text\" saves it" : ""),
                      zh: "带字节顺序标记" + (utf16 ? "，Excel 的“Unicode 文本”即是这样" : ""))
            : Wording(en: "without a byte-order mark" + (utf16 ? ", as some \"Unicode Text\" files from Excel or WPS are" : ""),
                      zh: "不带字节顺序标记" + (utf16 ? "，Excel 或 WPS 存的“Unicode 文本”有时是这样" : ""))
        return Wording(en: "it is \(encoding) text (\(how.en)), which the import does not read; it reads UTF-8 or GB18030. In Excel or WPS "
                           + "choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file",
                       zh: "它是 \(encoding) 编码的文本（\(how.zh)），导入不读这种编码，只读 UTF-8 或 GB18030。请在 Excel 或 WPS 中选择"
                           + "“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件")
    }

    /// The operating system's reason a file could not be read: in English the C library's text (or the error's
    /// detail); in Chinese the code's Chinese text, or the errno when there is none. A detail is English prose from
    /// LedgerPlatform and is not put into a Chinese sentence; the errno stays beside it so nothing is lost.
    static func fileReason(_ error: FileError) -> Wording {
        let zh: String
        if let chinese = error.chineseReason {
            zh = error.detail == nil ? chinese : "\(chinese)（errno \(error.code)）"
        } else {
            zh = "操作系统报告错误（errno \(error.code)）"
        }
        return Wording(en: error.reason, zh: zh)
    }

    /// A path that is not a regular file (a directory, a FIFO that would make the import wait for ever).
    static func notARegularFile(_ kind: FileKind) -> Wording {
        Wording(en: "it is \(kind), not a regular file; give the saved CSV file itself",
                zh: "它是\(kind == .regular ? "" : "一个")\(kind.chineseName)，不是普通文件；请给出保存好的 CSV 文件本身")
    }
}

// MARK: - The end of an import (`ImportSession`)

extension ImportWords {
    /// Problems of the batch the ledger refused that no row can be blamed for alone (an unregistered community, a
    /// date before the community existed), each named by the row it comes from when there is one.
    static func ledgerRefused(_ issues: [ValidationIssue], events: ImportEvents, file: String, shownMax: Int) -> Wording {
        var lines: [String] = [], linesZh: [String] = []
        for issue in issues.prefix(shownMax) {
            var place = file, placeZh = file
            if let index = issue.batchIndex, let row = events.rowNumber(at: index) { place += ": row \(row)"; placeZh += " 第 \(row) 行" }
            // An option's problem (`--community …`: `CommunityOption`) is the option's, not the event's that carries it
            // (review carried51 #5: not "register.imported field "data.community_id"").
            if issue.option != nil {
                lines.append("\(place): " + issue.reason + (issue.reason.hasSuffix(".") ? "" : "."))
                linesZh.append("\(placeZh)：" + issue.wording.zh + (issue.wording.zh.hasSuffix("。") ? "" : "。"))
                continue
            }
            lines.append("\(place): \(issue.type) " + (issue.field.map { "field \"\($0)\": " } ?? "") + issue.reason)
            // The event's type by its Chinese name, the type as the log writes it beside it.
            let typeZh = EventType(rawValue: issue.type).map { "\($0.chineseName)（\($0.rawValue)）" } ?? issue.type
            linesZh.append("\(placeZh)：\(typeZh) " + (issue.field.map { EventWords.field($0).zh + "：" } ?? "") + issue.wording.zh)
        }
        if issues.count > shownMax {
            let more = issues.count - shownMax
            lines.append("… and \(more) more")
            linesZh.append("……另有 \(more) 处")
        }
        return Wording(en: "the import was rejected; nothing was appended:\n  " + lines.joined(separator: "\n  "),
                       zh: "导入被拒绝，什么也没有追加：\n  " + linesZh.joined(separator: "\n  "))
    }

    /// Why the rejects file is missing although the good rows went in: said once, without the advice of a refusal
    /// before the append (another --rejects would write nothing now: the rows are recorded). `failure` is the file
    /// system's refusal with its words; else `otherwise` is the failure's own message.
    static func rejectsNotWritten(_ path: String, failure: (error: FileError, words: Wording)?, otherwise: Wording, kind: String,
                                  file: String, first: Int64, last: Int64) -> Wording {
        let en: String, zh: String
        if let failure, failure.error.isAlreadyExists {
            en = "a file of that name appeared meanwhile and was left as it was"
            zh = "其间出现了同名文件，已原样保留"
        } else if let failure, failure.error.isNoSpace {
            en = "the disk or the file-size limit is full (\(failure.words.en))"
            zh = "磁盘或文件大小限额已满（\(failure.words.zh)）"
        } else if let failure {
            en = failure.words.en
            zh = failure.words.zh
        } else {
            // Its own full stop is the sentence's.
            func sentence(_ text: String, _ stop: Character) -> String {
                var text = Substring(text)
                while let last = text.last, last == "." || last == "。" { text = text.dropLast() }
                return String(text) + String(stop)
            }
            en = sentence(otherwise.en, ".")
            zh = sentence(otherwise.zh, "。")
        }
        let endEN = failure == nil ? " " : ". ", endZH = failure == nil ? "" : "。"
        return Wording(en: "the rejects file \(path) was not written: \(en)\(endEN)The good rows were appended (records seq \(first)–\(last)); `ledger import \(kind) \(file) --dry-run` lists the rejected rows again.",
                       zh: "退回文件 \(path) 没有写成：\(zh)\(endZH)正确的行已经追加（记录 \(first)–\(last)），再次导入不会重复追加；可用“ledger import \(kind) \(file) --dry-run”再次列出被退回的行。")
    }
}
