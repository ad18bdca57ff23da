/// Every message of the event layer, in English and Chinese, in one place: why an event line, its payload or a
/// JSON text is refused and what is allowed. Each is made from labelled values (field, value, limit, what was
/// found); the English is the wording the spec and the tests know, the Chinese is what a street office or 业委会
/// clerk reads under `--lang zh`. Field names stay as the spec writes them; `field(_:)` puts the Chinese label
/// beside them (`FieldLabels`).
public enum EventWords {
    // MARK: - Frames

    /// `field "data.amount_fen"` / `字段 "data.amount_fen"（金额（分））`.
    public static func field(_ path: String) -> Wording {
        Wording(en: "field \"\(path)\"", zh: "字段“\(path)”" + (FieldLabels.label(path: path).map { "（\($0)）" } ?? ""))
    }

    /// Where an input line is: `events.jsonl:3` / `events.jsonl 第 3 行`.
    public static func line(_ source: String, _ number: Int) -> Wording {
        Wording(en: "\(source):\(number)", zh: "\(source) 第 \(number) 行")
    }

    /// The separator after a place: `: ` / `：`.
    public static let colon = Wording(en: ": ", zh: "：")

    // MARK: - Kinds of JSON value

    /// What a JSON value is, for "found …": `a string` / `字符串`.
    public static func kind(_ english: String) -> Wording {
        let zh: String
        switch english {
        case "a string": zh = "字符串"
        case "an object": zh = "对象"
        case "an array": zh = "数组"
        case "true/false": zh = "真假值（true/false）"
        case "null": zh = "null（空值）"
        case "an integer": zh = "整数"
        default: zh = english
        }
        return Wording(en: english, zh: zh)
    }

    // MARK: - Field forms

    /// `missing; give an id such as A-0001` / `缺少；请填写编号，例如 A-0001`.
    public static func missing(give what: Wording) -> Wording {
        Wording(en: "missing; give \(what.en)", zh: "缺少；请填写\(what.zh)")
    }

    /// `missing; give one of a, b` / `缺少；请填写以下之一：a, b`.
    public static func missingChoice(_ allowed: String) -> Wording {
        Wording(en: "missing; give one of \(allowed)", zh: "缺少；请填写以下之一：\(allowed)")
    }

    /// `must be a string, found an integer` / `须为字符串，实为整数`.
    public static func mustBe(_ expected: Wording, found: Wording) -> Wording {
        Wording(en: "must be \(expected.en), found \(found.en)", zh: "须为\(expected.zh)，实为\(found.zh)")
    }

    /// What a field must be or hold (`what` of `missing(give:)`, `expected` of `mustBe`).
    public enum Expected {
        public static let string = Wording(en: "a string", zh: "字符串")
        public static let stringID = Wording(en: "a string id", zh: "字符串形式的编号")
        public static let array = Wording(en: "an array", zh: "数组")
        public static let object = Wording(en: "an object", zh: "对象")
        public static let jsonObject = Wording(en: "a JSON object", zh: "JSON 对象")
        public static let nonEmptyString = Wording(en: "a non-empty string", zh: "非空字符串")
        public static let person = Wording(en: "a non-empty string, or {\"commitment\": \"<64 hex>\"} for a private person",
                                           zh: "非空字符串；私人的个人信息写作 {\"commitment\": \"<64 hex>\"}")
        public static let commitments = Wording(en: "a non-empty array of commitments (64 hex digits each)",
                                                zh: "非空的承诺值数组（每个为 64 位十六进制数字）")
        public static let commitmentArray = Wording(en: "an array of commitments", zh: "承诺值数组")
        public static let commitmentString = Wording(en: "a string of 64 hex digits", zh: "64 位十六进制数字的字符串")
        public static let id = Wording(en: "an id such as A-0001", zh: "编号，例如 A-0001")
        public static let ids = Wording(en: "a non-empty array of ids", zh: "非空的编号数组")
        public static let idArray = Wording(en: "an array of ids", zh: "编号数组")
        public static let findingKey = Wording(en: "a finding key as the list prints it, e.g. OCC-01/A-1/O-1/2025-03-10",
                                               zh: "清单上印出的问题编号，例如 OCC-01/A-1/O-1/2025-03-10")
        public static let findingKeys = Wording(en: "a non-empty array of finding keys", zh: "非空的问题编号数组")
        public static let findingKeyArray = Wording(en: "an array of finding keys", zh: "问题编号数组")
        public static let date = Wording(en: "a date as YYYY-MM-DD", zh: "日期，格式为 YYYY-MM-DD")
        public static let amount = Wording(en: "an amount in fen as an integer, e.g. 123450 for ¥1,234.50",
                                           zh: "以分为单位的整数金额，例如 ¥1,234.50 写作 123450")
        public static let integerAmount = Wording(en: "an integer amount in fen", zh: "以分为单位的整数金额")
        public static let area = Wording(en: "an area in m² as a decimal string, e.g. \"35.50\"",
                                         zh: "以平方米为单位、写成字符串的面积，例如 \"35.50\"")
        public static let wholeNumber = Wording(en: "a whole number", zh: "整数")
        public static let issuedItems = Wording(en: "a non-empty array of {key, responsible, deadline}",
                                                zh: "非空数组，每项为 {key, responsible, deadline}")
        public static let evidence = Wording(en: "a non-empty array of {kind, ref, sha256?}", zh: "非空数组，每项为 {kind, ref, sha256?}")
        public static let replacementData = Wording(en: "the replacement's payload object", zh: "更正后事件的内容对象")

        /// `an object {kind, ref}` / `对象 {kind, ref}`.
        public static func object(shape: String) -> Wording { Wording(en: "an object \(shape)", zh: "对象 \(shape)") }
    }

    public static let notValidJSON = Wording(en: "is not valid JSON", zh: "不是合法的 JSON")
    public static let mustBeJSONObject = Wording(en: "must be a JSON object", zh: "须为 JSON 对象")
    public static let mustNotBeEmpty = Wording(en: "must not be empty", zh: "不能为空")
    public static let mustBePositive = Wording(en: "must be greater than 0", zh: "须大于 0")
    public static let attributeNeedsName = Wording(en: "an attribute needs a name", zh: "属性须有名称")
    /// A text holding an invisible character (`EventInput.invisibleInText`): the importers' cell rule's words.
    public static func invisibleInText(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "contains the invisible character \(point), so it looks the same as the text without it but is other text, and totals and searches would count the two apart",
                       zh: "含有不可见字符 \(point)，看起来与不含该字符的文字相同但并不相同，汇总和查找会把两者分开计算")
    }

    /// A member the type does not have.
    public static func unknownField(type: String, allowed: [String]) -> Wording {
        let list = allowed.joined(separator: ", ")
        return Wording(en: "unknown field; \(type) allows only \(list)", zh: "不是可用字段；\(type) 只允许以下字段：\(list)")
    }

    /// A member a nested object (`data.source`, `data.changes`, `data.items[0]`) does not have: the object is named,
    /// since its members are not the type's.
    public static func unknownField(type: String, object: String, allowed: [String]) -> Wording {
        let list = allowed.joined(separator: ", ")
        return Wording(en: "unknown field; \(object) of \(type) allows only \(list)", zh: "不是可用字段；\(type) 的 \(object) 只允许以下字段：\(list)")
    }

    /// Personal data written in a field that may not hold it.
    public static func personNotAllowed(fields: [String]) -> Wording {
        let list = fields.joined(separator: ", ")
        return Wording(en: "must be a string; personal data ({\"person\": …}) is allowed only in \(list)",
                       zh: "须为字符串；个人信息（{\"person\": …}）只能写在以下字段：\(list)")
    }

    public static let personInRecord = Wording(
        en: "{\"person\": …} is turned into a commitment by ledger append; a record holds {\"commitment\": \"<64 hex>\"}",
        zh: "{\"person\": …} 由 ledger append 转为承诺值；记录中只能是 {\"commitment\": \"<64 hex>\"}")

    public static let personShape = Wording(
        en: "must be a string, or an object with exactly one member \"commitment\" holding 64 lower-case hex digits (personal data, ledger-spec.md 10.3)",
        zh: "须为字符串，或只含一个成员 \"commitment\"（64 位小写十六进制数字）的对象（个人信息，见 ledger-spec.md 10.3）")

    public static func notACommitment(_ text: String) -> Wording {
        Wording(en: "\"\(text)\" is not a commitment; write its 64 lower-case hex digits",
                zh: "“\(text)”不是承诺值；请写出它的 64 位小写十六进制数字")
    }

    /// Why an array may not be empty.
    public enum AtLeastOne {
        public static let commitment = Wording(en: "must name at least one commitment", zh: "至少要有一个承诺值")
        public static let id = Wording(en: "must name at least one id", zh: "至少要有一个编号")
        public static let finding = Wording(en: "must name at least one finding", zh: "至少要有一个问题")
        public static let evidence = Wording(
            en: "must name at least one piece of evidence (voucher, photo, contract, decision, document)",
            zh: "至少要有一项证据（voucher 凭证、photo 照片、contract 合同、decision 决定、document 文件）")
    }

    public static func listedTwice(_ text: String) -> Wording {
        Wording(en: "\"\(text)\" is listed twice", zh: "“\(text)”重复列出")
    }

    /// A value that is not a calendar date (`value` as written, quoted JSON). A real date of a year outside
    /// 1900–9999 is told the years (`dateOutsideYears`).
    public static func notADate(_ value: String) -> Wording {
        let text = value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? value.dropFirst().dropLast() : Substring(value)
        if CalendarDate.isOutsideYears(iso: text) { return dateOutsideYears(value) }
        return Wording(en: "\(value) is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30",
                zh: "\(value) 不是日期；请按 YYYY-MM-DD 填写实际存在的日期，例如 2025-06-30")
    }

    /// A real calendar date of a year outside 1900–9999 (`CalendarDate.years`), as written.
    public static func dateOutsideYears(_ value: String) -> Wording {
        Wording(en: "\(value) is outside the years the ledger records; a date must be of a year from 1900 to 9999, e.g. 2025-06-30",
                zh: "\(value) 超出账本记录的年份范围；日期的年份须在 1900 至 9999 年之间，例如 2025-06-30")
    }

    public static func amountIsAString(_ text: String) -> Wording {
        Wording(en: "\"\(text)\" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50",
                zh: "\"\(text)\" 是字符串；请以分为单位写成 JSON 整数，例如 ¥1,234.50 写作 123450")
    }

    public static func areaNotAString(found: Wording) -> Wording {
        Wording(en: "must be a decimal string such as \"35.50\" (not \(found.en)); areas are never JSON numbers",
                zh: "须为写成字符串的小数，例如 \"35.50\"（不能是\(found.zh)）；面积从不写成 JSON 数字")
    }

    /// An area written right but larger than a record may hold (10^12 m²).
    public static func areaTooLarge(_ text: String, limit: String) -> Wording {
        Wording(en: "\"\(text)\" m² is larger than \(limit) m², the largest area a record may hold; check the number (an area is in m², e.g. \"35.50\")",
                zh: "“\(text)”平方米超过了记录允许的最大面积 \(limit) 平方米；请核对数字（面积以平方米为单位，例如“35.50”）")
    }

    public static func notAnArea(_ text: String) -> Wording {
        Wording(en: "\"\(text)\" is not an area; write m² with at most two decimals, e.g. \"35.50\"",
                zh: "“\(text)”不是面积；请以平方米为单位，最多两位小数，例如“35.50”")
    }

    public static func tooSmall(_ number: Int64, minimum: Int64) -> Wording {
        Wording(en: "\(number) is too small; it must be at least \(minimum)", zh: "\(number) 太小；至少应为 \(minimum)")
    }

    /// A value outside a fixed list (`value` as written, quoted JSON).
    public static func notAllowed(_ value: String, allowed: String) -> Wording {
        Wording(en: "\(value) is not allowed; use one of \(allowed)", zh: "\(value) 不是可选的值；请用以下之一：\(allowed)")
    }

    // MARK: - Ids, keys, types, actors

    /// Why an id is refused, without the id (`EventInput.IDFault`).
    public static func idFault(_ fault: EventInput.IDFault) -> Wording {
        switch fault {
        case .empty: return mustNotBeEmpty
        case .tooLong:
            return Wording(en: "is longer than the \(Limits.idBytesMax) bytes an id may have",
                           zh: "超过了编号最多允许的 \(Limits.idBytesMax) 字节")
        case .badCharacter:
            return Wording(en: "contains a space, quote, backslash or control character", zh: "含有空格、引号、反斜杠或控制字符")
        case .notNFC(let written, let nfc):
            // The two forms look the same on screen: the code points are what tells them apart.
            let differing = EventInput.differingCodePoints(written, nfc)
            return Wording(
                en: "is not in Unicode normalization form C (NFC): it has \(differing.written) where NFC has \(differing.nfc), which looks the same but is other bytes, so the ledger would hold two ids for one; write it in NFC as \"\(nfc)\"",
                zh: "不是 Unicode 规范化形式 C（NFC）：其中的 \(differing.written) 在 NFC 中写作 \(differing.nfc)，看起来一样但字节不同，账本会把它当作另一个编号；请按 NFC 写作“\(nfc)”")
        case .invisible(let scalar):
            let point = DisplayText.codePoint(scalar)
            return Wording(
                en: "contains the invisible character \(point), so it looks the same as an id without it but is other bytes, and the ledger would hold two ids for one; write it without that character",
                zh: "含有不可见字符 \(point)，看起来与不含该字符的编号相同但字节不同，账本会把它当作另一个编号；请删去该字符")
        case .standIn(let scalar):
            return standInWords(scalar, what: Wording(en: "an id", zh: "编号"))
        case .startsWithMark(let scalar):
            let point = DisplayText.codePoint(scalar)
            return Wording(
                en: "begins with the combining mark \(point), an accent with no letter under it (pasted alone), which shows as nothing or on the character before the id; begin the id with a letter or a digit",
                zh: "以组合附加符号 \(point) 开头，这是没有所附字母的附加符号（单独粘贴进来的），显示时看不见或叠在前面的字符上；请以字母或数字开头")
        case .fullWidth(_, let ascii):
            return Wording(
                en: "is written with full-width characters, so it looks like \"\(ascii)\" but is other bytes, and the ledger would hold two ids for one; write it in half-width (ASCII) characters as \"\(ascii)\"",
                zh: "含有全角字符，看起来与“\(ascii)”相同但字节不同，账本会把它当作另一个编号；请用半角字符写作“\(ascii)”")
        }
    }

    /// Why `id` is refused, naming it where a character is the fault.
    public static func idProblem(_ id: String, _ fault: EventInput.IDFault) -> Wording {
        switch fault {
        case .notNFC, .fullWidth:
            let why = idFault(fault)
            return Wording(en: "\"\(id)\" \(why.en)", zh: "“\(id)”\(why.zh)")
        case .invisible:
            // Shown with the character as its code point: printed as it is, the id would look right.
            let why = idFault(fault), shown = DisplayText.visible(id)
            return Wording(en: "\"\(shown)\" \(why.en)", zh: "“\(shown)”\(why.zh)")
        case .standIn(let scalar), .startsWithMark(let scalar):
            let why = idFault(fault), shown = showing(scalar, in: id)
            return Wording(en: "\"\(shown)\" \(why.en)", zh: "“\(shown)”\(why.zh)")
        default: break
        }
        if fault == .tooLong {
            // The id itself, shortened and made visible: which of a batch's ids is meant.
            let scalars = Array(id.unicodeScalars)
            var start = String.UnicodeScalarView()
            start.append(contentsOf: scalars.prefix(40))
            let shown = DisplayText.visible(String(start)) + (scalars.count > 40 ? "…" : "")
            return Wording(en: "\"\(shown)\" is \(id.utf8.count) bytes long, longer than the \(Limits.idBytesMax) bytes an id may have; use a shorter id",
                           zh: "“\(shown)”长 \(id.utf8.count) 字节，超过了编号最多允许的 \(Limits.idBytesMax) 字节；请改用较短的编号")
        }
        guard fault == .badCharacter else { return idFault(fault) }
        let why = idFault(fault)
        // The id made visible, and the character named when it is not the plain space, quote or backslash that
        // the words list (an ideographic space, a line separator, a control character).
        let bad = id.unicodeScalars.first { EventInput.isControl($0) || $0.properties.isWhitespace || $0 == "\"" || $0 == "\\" }
        let which = bad.flatMap { $0 == " " || $0 == "\"" || $0 == "\\" ? nil : nameCharacter($0) }
            .map { Wording(en: " (here \($0.en))", zh: "（此处是\($0.zh)）") } ?? Wording(same: "")
        let shown = DisplayText.visible(id)
        return Wording(en: "\"\(shown)\" \(why.en)", zh: "“\(shown)”\(why.zh)") + which
            + Wording(en: "; ids are single words like A-0001", zh: "；编号须是一个连续的词，如 A-0001")
    }

    /// A correction's replacement that introduces an id outside the door's rules (not in NFC, or with an
    /// invisible character) other than the one the corrected record registered: the refusal and why the exception
    /// does not apply.
    public static func replacementIDNotKept(_ id: String, fault: EventInput.IDFault, corrects: String) -> Wording {
        let rule: Wording
        switch fault {
        case .invisible: rule = Wording(en: "with an invisible character", zh: "含不可见字符")
        case .fullWidth: rule = Wording(en: "in full-width characters", zh: "含全角字符")
        case .standIn: rule = Wording(en: "with a replacement, object or private-use character", zh: "含替换字符、对象字符或私用字符")
        case .startsWithMark: rule = Wording(en: "beginning with a combining mark", zh: "以组合附加符号开头")
        default: rule = Wording(en: "outside NFC", zh: "非 NFC")
        }
        return idProblem(id, fault) + Wording(
            en: " (a correction's replacement may keep an id \(rule.en) only where the record it corrects, \(corrects), registered that same id)",
            zh: "（更正的替换内容只有在被更正的记录 \(corrects) 登记的正是这个编号时，才可以保留\(rule.zh)的编号）")
    }

    /// `text` with every `scalar` (and every invisible character) shown as its code point: `A-<U+FFFD>`.
    static func showing(_ scalar: Unicode.Scalar, in text: String) -> String {
        var out = ""
        for each in text.unicodeScalars {
            if each == scalar || DisplayText.isInvisible(each) { out += DisplayText.codePoint(each) } else { out.unicodeScalars.append(each) }
        }
        return out
    }

    /// Why a replacement, object or private-use character (`EventInput.isStandIn`) is refused in `what`.
    static func standInWords(_ scalar: Unicode.Scalar, what: Wording) -> Wording {
        let point = DisplayText.codePoint(scalar)
        switch scalar.value {
        case 0xFFFD:
            return Wording(en: "contains the replacement character \(point), which stands where a character was lost (bytes that were not UTF-8, or text a program could not convert); write \(what.en) as it should read",
                           zh: "含有替换字符 \(point)，它出现在字符丢失之处（不是 UTF-8 的字节，或程序无法转换的文字）；请按应有的样子写\(what.zh)")
        case 0xFFFC:
            return Wording(en: "contains the object replacement character \(point), a stand-in for a picture or object pasted from a document; write \(what.en) without it",
                           zh: "含有对象替换字符 \(point)，它是从文档中粘贴来的图片或对象的占位符；请删去后重新写\(what.zh)")
        default:
            return Wording(en: "contains the private-use character \(point), which has no meaning of its own and shows differently, or not at all, from one font to the next; write \(what.en) without it",
                           zh: "含有私用区字符 \(point)，它本身没有含义，不同字体显示不同或根本不显示；请删去后重新写\(what.zh)")
        }
    }

    /// An actor holding a bidi control, or a replacement, object or private-use character (`EventInput.isHiddenInActor`),
    /// refused at the writer's door.
    public static func actorHidden(_ actor: String, _ scalar: Unicode.Scalar) -> Wording {
        let shown = showing(scalar, in: actor)
        if EventInput.isStandIn(scalar) {
            return Wording(en: "actor \"\(shown)\" ", zh: "记录人“\(shown)”") + standInWords(scalar, what: Wording(en: "the name", zh: "记录人"))
        }
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "actor \"\(shown)\" holds the bidi control \(point), which reorders the text around it on screen, so that the name reads as another; write the name without it",
                       zh: "记录人“\(shown)”中含有双向文字控制符 \(point)，它会打乱屏幕上前后文字的顺序，使名字看起来像另一个人；请删去后重新填写")
    }

    /// Why a finding key is refused.
    public static func keyTooLong(_ limit: Int) -> Wording {
        Wording(en: "is longer than the \(limit) bytes a finding key may have", zh: "超过了问题编号最多允许的 \(limit) 字节")
    }

    public static func keyBadCharacter(_ key: String) -> Wording {
        Wording(en: "\"\(key)\" contains a space, quote, backslash or control character; write the key as the list prints it",
                zh: "“\(key)”含有空格、引号、反斜杠或控制字符；请照清单上印出的样子填写问题编号")
    }

    public static func notATypeName(_ type: String) -> Wording {
        Wording(en: "\"\(type)\" is not a type name; use lower-case words joined by . or _, e.g. fund.income",
                zh: "“\(type)”不是类型名；请用以 . 或 _ 连接的小写英文词，例如 fund.income")
    }

    public static func unknownType(_ type: String) -> Wording {
        Wording(en: "unknown event type \"\(type)\"; use one of \(EventType.allNames)",
                zh: "未知的事件类型“\(type)”；请用以下之一：\(EventType.allNames)")
    }

    /// Added to a mistyped type's problem: the data is checked as the type it plainly means.
    public static func checkedAs(_ type: String) -> Wording {
        Wording(en: "; read as \(type), whose fields are checked too", zh: "；已按 \(type) 检查其数据字段")
    }

    /// The actor is shown with each invisible character as its code point (`<U+3000>`): a blank name shows what it
    /// holds instead of nothing between the quotes.
    public static func emptyActor(_ actor: String) -> Wording {
        Wording(en: "actor \"\(DisplayText.visible(actor))\" is empty or only white space; name who records the event",
                zh: "记录人“\(DisplayText.visible(actor))”为空或只有空白；请写明由谁记录这一事件")
    }

    /// An actor holding a control character, refused at the writer's door (`EventInput.actorDoorProblemWording`).
    public static func actorControl(_ actor: String) -> Wording {
        Wording(en: "actor \"\(DisplayText.visible(actor))\" holds a control character (a tab, a line break or the like); write the name without it",
                zh: "记录人“\(DisplayText.visible(actor))”中含有控制字符（如制表符、换行符），请删去后重新填写")
    }

    // MARK: - Names and grouping keys (the door's rule, EventInput+Names.swift)

    /// `text` with its invisible characters (`DisplayText.visible`) and the spaces at its ends shown as
    /// `<U+0020>`: a trailing space inside quotes is easy to miss.
    static func nameShown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            let atEdge = !scalars[..<index].contains(where: { !EventInput.hidesAtEdge($0) })
                || !scalars[(index + 1)...].contains(where: { !EventInput.hidesAtEdge($0) })
            if DisplayText.isInvisible(scalar) || (scalar == " " && atEdge) { out += DisplayText.codePoint(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// What a character a name may not hold is, in both languages: "a space <U+0020>", "the invisible character <U+200B>".
    public static func nameCharacter(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        switch scalar.value {
        case 0x20: return Wording(en: "a space \(point)", zh: "空格 \(point)")
        case 0x3000: return Wording(en: "an ideographic (full-width) space \(point)", zh: "全角空格 \(point)")
        case 0xA0, 0x2007, 0x202F: return Wording(en: "a no-break space \(point)", zh: "不换行空格 \(point)")
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return Wording(en: "a line break \(point)", zh: "换行符 \(point)")
        default:
            if EventInput.isControl(scalar) { return Wording(en: "a control character \(point)", zh: "控制字符 \(point)") }
            if scalar.properties.isWhitespace { return Wording(en: "a character that looks like a space \(point)", zh: "形似空格的字符 \(point)") }
            return Wording(en: "the invisible character \(point)", zh: "不可见字符 \(point)")
        }
    }

    /// What a name may hold, said after each refusal of `nameProblem`.
    public static let nameAllowed = Wording(
        en: "allowed: visible characters, with an ordinary space (U+0020) or an ideographic space (U+3000) only between them",
        zh: "允许：可见字符，字符之间可以有普通空格（U+0020）或全角空格（U+3000）")

    /// Why `text` is refused as a name or grouping key (`EventInput.NameFault`), naming it.
    /// - Parameters:
    ///   - person: the text names a person (`{"person": …}`, a field that may name one): found by it.
    ///   - inClear: the person's text is a field's plain value, which is committed only under `--private` (and
    ///     recorded as written otherwise): the words do not say it is committed, only that it would be.
    public static func nameProblem(_ text: String, _ fault: EventInput.NameFault, person: Bool = false, inClear: Bool = false) -> Wording {
        let shown = nameShown(text)
        // Why it matters: reports group by a name; a person is found by the text, and committed by it when a
        // commitment is made (`{"person": …}` always, a plain value under `--private`).
        func wouldNotMatch(_ other: Wording) -> Wording {
            if person && inClear {
                return Wording(en: "a person is found (erase-personal --subject) by this exact text, and --private would commit it as written, so it would be another person than ",
                               zh: "查找个人（erase-personal --subject）按这段文字逐字比对，用 --private 时也按它逐字生成承诺值，它会成为与") + other
                    + Wording(en: "", zh: "不同的另一个人")
            }
            return person
                ? Wording(en: "a person is committed and found (erase-personal --subject) by this exact text, so it would be another person than ",
                          zh: "个人按这段文字逐字生成承诺值、逐字查找（erase-personal --subject），它会成为与") + other
                    + Wording(en: "", zh: "不同的另一个人")
                : Wording(en: "reports filter and group by this text exactly, so it would not match ", zh: "报表按这段文字逐字筛选和分组，它与") + other
                    + Wording(en: "", zh: "对不上")
        }
        switch fault {
        case .blank:
            return Wording(en: "\"\(shown)\" has no visible character, only spaces or invisible characters; write the text itself (",
                           zh: "“\(shown)”没有可见的字符，只有空白或不可见字符；请写出实际内容（") + nameAllowed + Wording(en: ")", zh: "）")
        case .edge(let scalar, let atStart):
            var scalars = Array(text.unicodeScalars)
            while let first = scalars.first, EventInput.hidesAtEdge(first) { scalars.removeFirst() }
            while let last = scalars.last, EventInput.hidesAtEdge(last) { scalars.removeLast() }
            var trimmed = String.UnicodeScalarView()
            trimmed.append(contentsOf: scalars)
            let bare = DisplayText.visible(String(trimmed))
            let what = nameCharacter(scalar)
            return Wording(en: "\"\(shown)\" \(atStart ? "begins" : "ends") with \(what.en); ", zh: "“\(shown)”\(atStart ? "开头" : "末尾")有\(what.zh)；")
                + wouldNotMatch(Wording(en: "\"\(bare)\"", zh: "“\(bare)”"))
                + Wording(en: ": delete it (", zh: "：请删去（") + nameAllowed + Wording(en: ")", zh: "）")
        case .inside(let scalar):
            let what = nameCharacter(scalar)
            let fix: Wording
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: fix = Wording(en: "write the text on one line", zh: "请写在一行内")
            default:
                fix = scalar.properties.isWhitespace
                    ? Wording(en: "replace it with an ordinary space (or delete it)", zh: "请换成普通空格（或删去）")
                    : Wording(en: "delete it", zh: "请删去")
            }
            return Wording(en: "\"\(shown)\" holds \(what.en); ", zh: "“\(shown)”中有\(what.zh)；")
                + wouldNotMatch(Wording(en: "the same text without it", zh: "不含该字符的同一文字")) + Wording(en: ": ", zh: "：")
                + fix + Wording(en: " (", zh: "（") + nameAllowed + Wording(en: ")", zh: "）")
        case .unattached(let scalar):
            let what = markCharacter(scalar)
            return Wording(en: "\"\(shown)\" holds \(what.en) where it modifies no character; ", zh: "“\(shown)”中有\(what.zh)，它没有修饰任何字符；")
                + wouldNotMatch(Wording(en: "the same text without it", zh: "不含该字符的同一文字"))
                + Wording(en: ": delete it (", zh: "：请删去（") + nameAllowed + Wording(en: "; ", zh: "；") + markAllowed + Wording(en: ")", zh: "）")
        case .lostCharacter:
            return Wording(en: "\"\(shown)\" holds \"?\" where a character stands: ", zh: "“\(shown)”中有“?”占着一个字的位置：") + lostCharacter
                + Wording(en: "; type the name in full", zh: "；请把名称填写完整")
        }
    }

    /// Why a `?` beside a Chinese character is refused in a name (`NameFault.lostCharacter`).
    public static let lostCharacter = Wording(
        en: "a program writes \"?\" for a character its encoding cannot hold (a file saved as \"CSV\" in GBK turns a rare character of a name into \"?\"), so the name recorded would not be the person's or organisation's",
        zh: "程序遇到其编码无法表示的字时会写成“?”（以 GBK 编码另存为“CSV”时，姓名中的生僻字会变成“?”），这样记下的名称就不是本人或本单位的名称")

    /// What a variation selector or a combining mark is, in both languages (`NameFault.unattached`).
    public static func markCharacter(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return EventInput.isVariationSelector(scalar)
            ? Wording(en: "the variation selector \(point)", zh: "异体字选择符 \(point)")
            : Wording(en: "the combining mark \(point)", zh: "组合附加符号 \(point)")
    }

    /// Where a variation selector or a combining mark may stand in a name (`EventInput.unattachedMark`).
    public static let markAllowed = Wording(
        en: "a combining mark or a variation selector never first; U+E0100–U+E01EF only right after a CJK ideograph, U+FE0E and U+FE0F only right after an emoji, U+FE00–U+FE0D not after a space, a control character or another selector",
        zh: "组合附加符号和异体字选择符不能在开头；U+E0100–U+E01EF 只能紧跟在汉字之后，U+FE0E 和 U+FE0F 只能紧跟在表情符号之后，U+FE00–U+FE0D 不能跟在空格、控制字符或另一个选择符之后")

    // MARK: - Event lines

    public static func lineTooLong(_ bytes: Int) -> Wording {
        Wording(en: "line is \(bytes) bytes, longer than the \(Limits.eventBytesMax) bytes (512 KiB) an event line may have",
                zh: "该行有 \(bytes) 字节，超过了一行事件最多允许的 \(Limits.eventBytesMax) 字节（512 KiB）")
    }

    /// What a line that is not JSON most likely is, and how to fix it, when its bytes tell (nil otherwise): a
    /// byte-order mark in it (files saved "UTF-8 with BOM" joined together: `cat a.jsonl b.jsonl`), a carriage
    /// return without a line feed (a file whose lines end with CR alone: one line to the reader), or bytes that are
    /// not UTF-8 (GBK/GB18030 when they read as that).
    public static func notJSONHint(line: [UInt8], error: EventError?) -> Wording? {
        if line.count >= 3, (0...(line.count - 3)).contains(where: { line[$0] == 0xEF && line[$0 + 1] == 0xBB && line[$0 + 2] == 0xBF }) {
            return Wording(en: ". The line holds a byte-order mark <U+FEFF>, which begins a file saved as \"UTF-8 with BOM\": files joined together (cat a.jsonl b.jsonl, copy /b) carry the second file's mark into the middle. Save the files as UTF-8 without a BOM, or append them one at a time",
                           zh: "。该行含有字节顺序标记 <U+FEFF>，它是存为“UTF-8 带 BOM”的文件的开头：把几个文件拼接起来（cat a.jsonl b.jsonl、copy /b）时，后一个文件的标记就夹在了中间。请把文件存为不带 BOM 的 UTF-8，或逐个文件追加")
        }
        if line.indices.contains(where: { line[$0] == 0x0D && $0 + 1 < line.count && line[$0 + 1] != 0x0A }) {
            return Wording(en: ". The line holds a carriage return (CR) without a line feed: the file's lines end with CR alone (as old Mac programs and Excel's \"CSV (Macintosh)\" save them), so the whole file reads as one line. Save it with LF or CR LF line ends (a text editor's line-ending setting, or Excel's \"CSV UTF-8\")",
                           zh: "。该行含有回车符（CR）而后面没有换行符：文件的每行只以 CR 结尾（旧的 Mac 程序和 Excel 的“CSV（Macintosh）”这样保存），整个文件被读成了一行。请存为以 LF 或 CR LF 结尾的行（文本编辑器的换行符设置，或 Excel 的“CSV UTF-8”）")
        }
        guard case .json(_, .invalidUTF8)? = error else { return nil }
        if looksLikeGB18030(line) {
            return Wording(en: ". The text looks like GBK/GB18030, as Excel, WPS or Notepad save it on a Chinese Windows, not UTF-8. Save the file as UTF-8 (Excel: Save As, \"CSV UTF-8\"; WPS or Notepad: encoding UTF-8) and append it again",
                           zh: "。这段文字像是 GBK/GB18030 编码（中文 Windows 上的 Excel、WPS、记事本常这样保存），不是 UTF-8。请把文件另存为 UTF-8（Excel：另存为“CSV UTF-8”；WPS 或记事本：编码选 UTF-8）后重新追加")
        }
        return Wording(en: ". Save the file as UTF-8 and append it again", zh: "。请把文件另存为 UTF-8 后重新追加")
    }

    /// Whether every byte outside ASCII in `bytes` reads as GB18030 (two-byte: 81–FE then 40–7E or 80–FE; four-byte:
    /// 81–FE, 30–39, 81–FE, 30–39), with at least one such character.
    static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool {
        var index = 0, characters = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            guard lead >= 0x81, lead <= 0xFE, index + 1 < bytes.count else { return false }
            let second = bytes[index + 1]
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                index += 2
            } else if (0x30...0x39).contains(second), index + 3 < bytes.count, (0x81...0xFE).contains(bytes[index + 2]),
                      (0x30...0x39).contains(bytes[index + 3]) {
                index += 4
            } else {
                return false
            }
            characters += 1
        }
        return characters > 0
    }

    /// `error` is what the JSON reader threw (`EventError.json`).
    public static func notJSON(_ error: EventError) -> Wording {
        Wording(en: "not valid JSON: \(error)", zh: "不是合法的 JSON：\(error.wording.zh)")
    }

    public static func eventNotAnObject(found: Wording) -> Wording {
        Wording(en: "an event must be a JSON object, found \(found.en)", zh: "每个事件须为一个 JSON 对象，实为\(found.zh)")
    }

    public static let unknownMember = Wording(en: "unknown member; an event line has only id, type, occurred_on, actor and data",
                                              zh: "不是可用成员；事件行只有 id、type、occurred_on、actor 和 data")
    public static let missingType = Wording(en: "missing; every event needs a type such as \"fund.income\"",
                                            zh: "缺少；每个事件都要有类型，例如“fund.income”")
    public static let missingDate = Wording(en: "missing; give the business date as YYYY-MM-DD", zh: "缺少；请按 YYYY-MM-DD 填写业务发生日期")
    public static let missingData = Wording(en: "missing; the payload is a JSON object, {} when empty",
                                            zh: "缺少；内容是一个 JSON 对象，没有内容时写 {}")

    public static func yuanBesideFen(_ key: String, _ fenKey: String) -> Wording {
        Wording(en: "is given beside \(fenKey); give the amount once, in yuan as \(key) (\"3000.50\") or in fen as \(fenKey) (300050)",
                zh: "与 \(fenKey) 同时给出；金额只写一次：以元为单位写 \(key)（“3000.50”），或以分为单位写 \(fenKey)（300050）")
    }

    public static func yuanWrongKind(found: Wording) -> Wording {
        Wording(en: "must be yuan as text such as \"3,000.00\" or a whole number, found \(found.en)",
                zh: "须为以元为单位的文字（如 \"3,000.00\"）或整数，实为\(found.zh)")
    }

    /// `why` is what the decimal reader threw (`EventError.decimal`).
    public static func notYuan(_ value: String, _ why: EventError) -> Wording {
        let reason = yuanReason(why)
        return Wording(en: "\(value) \(reason.en); write yuan such as \"3000\", \"3,000.00\", \"¥3000.5\" or \"3000元\" (at most two decimals)",
                       zh: "\(value) \(reason.zh)；请以元为单位填写，例如“3000”、“3,000.00”、“¥3000.5”或“3000元”（最多两位小数）")
    }

    /// A yuan member written as a negative amount in any form (`"-¥100"`, `"¥-100"`, `"(100)"`, `"100-"`:
    /// `NegativeYuan`): it is negative, and where such money belongs (`negativeAdvice`).
    public static func negativeYuan(_ value: String, _ negative: NegativeYuan, type: String?) -> Wording {
        let reason = negative.bracketed
            ? Wording(en: "\(value) is a negative amount in accounting style", zh: "\(value) 是会计记法的负数")
            : Wording(en: "\(value) is negative", zh: "\(value) 是负数")
        return reason + Wording(en: "; ", zh: "；") + negativeAdvice(type: type, write: "\"\(negative.magnitude)\"")
    }

    /// Where a negative amount of an event of `type` belongs, `write` being the amount to write instead: a negative
    /// income is money paid out (a spending), a negative spending money paid in (an income, 退回款项), a negative
    /// transfer runs the other way. Never "drop the sign": −500 of income recorded as +500 would count it in the
    /// wrong direction (the import's words for its files: `ImportWords.negativeAllowed`).
    public static func negativeAdvice(type: String?, write amount: String) -> Wording {
        switch type {
        case EventType.fundIncome.rawValue?:
            return Wording(
                en: "a negative income is money paid back out of the fund (a refund): record it as a fund.spending of \(amount); if the income recorded earlier was wrong, correct that record (a correction) instead. Do not just drop the sign: that would record it as income",
                zh: "收入为负数的，是从资金账户退出的款项（退款），应记为一笔支出（fund.spending），金额填 \(amount)；原收入记录有误的，应以更正事件（correction）更正原记录。不得仅去掉负号，否则会误记为一笔收入")
        case EventType.fundSpending.rawValue?:
            return Wording(
                en: "a negative spending is money paid back into the fund (a refund received): record it as a fund.income of \(amount) with the category refund (退回款项); if the spending recorded earlier was wrong, correct that record (a correction) instead. Do not just drop the sign: that would record it as spending",
                zh: "支出为负数的，是退回资金账户的款项，应记为一笔收入（fund.income），金额填 \(amount)，类别填 refund（退回款项）；原支出记录有误的，应以更正事件（correction）更正原记录。不得仅去掉负号，否则会误记为一笔支出")
        case EventType.fundTransfer.rawValue?:
            return Wording(
                en: "a negative transfer is money moving the other way: swap from_fund_id and to_fund_id and write \(amount); if the transfer recorded earlier was wrong, correct that record (a correction) instead",
                zh: "划转金额为负数的，是反方向的划转：请对调 from_fund_id 与 to_fund_id，金额填 \(amount)；原划转记录有误的，应以更正事件（correction）更正原记录")
        default:
            return Wording(en: "write the amount as a positive number (rent, a cap, a balance are never below zero); if a record made earlier was wrong, correct that record (a correction)",
                           zh: "金额应为正数（租金、金额上限、余额等均不能为负数）；原记录有误的，应以更正事件（correction）更正原记录")
        }
    }

    public static let personEmpty = Wording(en: "must not be empty; give the person's name or contact", zh: "不能为空；请写出此人的姓名或联系方式")
    public static let personNoSalt = Wording(en: "could not be committed (no random salt); nothing was appended",
                                             zh: "无法生成承诺值（取不到随机盐）；本次什么也没有追加")

    /// Why a text is not an amount in yuan: `why`'s words, with the largest amount said as money
    /// (`¥10,000,000,000.00` / `10,000,000,000.00元`), not as a bare number.
    public static func yuanReason(_ why: EventError) -> Wording {
        guard case .decimal(.tooLarge(let limit)) = why else { return why.wording }
        return Wording(en: "is larger than ¥\(limit), the largest amount allowed", zh: "超过了允许的最大金额 \(limit)元")
    }

    /// Money as every message and report writes it: `¥1,234.50` / `1,234.50元`, the sign in front below zero
    /// (`-¥0.01` / `-0.01元`), never `¥-0.01`.
    public static func money(_ amount: Amount) -> Wording {
        // `magnitude`: Int64.min has no positive Int64 (amounts are bounded far inside it; a stray one still prints).
        let text = DecimalText.text(units: Int64(clamping: amount.fen.magnitude), scale: 2)
        let sign = amount.fen < 0 ? "-" : ""
        return Wording(en: sign + "¥" + text, zh: sign + text + "元")
    }

    // MARK: - Decimal text

    /// Why a decimal text is refused, as a phrase that follows the value (`EventError.decimal`):
    /// `"3.005" has 3 decimal places …`.
    public static func decimal(_ problem: EventError.DecimalProblem) -> Wording {
        switch problem {
        case .empty: return Wording(en: "is empty", zh: "是空的")
        case .notANumber: return Wording(en: "is not a number", zh: "不是数字")
        case .tooManyDecimals(let written, let allowed):
            return allowed == 0
                ? Wording(en: "has decimals, but only whole numbers are allowed", zh: "带有小数，但这里只允许整数")
                : Wording(en: "has \(written) decimal places; at most \(allowed) are allowed" + (allowed == 2 ? " (a fen, 0.01, is the smallest unit)" : ""),
                          zh: "有 \(written) 位小数；最多允许 \(allowed) 位" + (allowed == 2 ? "（最小单位是分，即 0.01）" : ""))
        case .zerosOrThousandsPoint(let decimal, let thousands):
            return Wording(en: "has 3 decimal places: if it means \(decimal), delete the trailing 0; if it means \(thousands), write \(thousands) without the point (a point is never read as a thousands separator)",
                           zh: "有 3 位小数：如指 \(decimal)，末尾的 0 请删去；如指 \(thousands)，请去掉小数点写作 \(thousands)（小数点不会当作千位分隔符）")
        case .scientificNotation:
            // The workbook the CSV was saved from still holds the number; the CSV does not (session 51: the advice
            // read as if formatting the CSV's own column brought the digits back).
            return Wording(en: "is in scientific notation, as Excel or WPS shows a long number in a narrow or General-format column, and the digits it leaves out are not in the file; in the workbook the file was saved from, set the column to Number format with two decimals (Format Cells → Number) and save it as CSV again; if only this CSV is left, enter the numbers again from the original (the voucher, the bank's file)",
                           zh: "是科学计数法（Excel 或 WPS 在列宽不够或“常规”格式下这样显示较长的数字），文件里已缺了被省去的位数；请在保存出该文件的工作簿中把该列设置为“数值”格式、保留两位小数（设置单元格格式 → 数值），再重新另存为 CSV；如果只剩这个 CSV，请按原件（凭证、银行文件）重新填入数字")
        case .ambiguousComma:
            return Wording(en: "has a comma that is not a thousands separator (write 1,234.50 or 1234.5; a decimal comma is not read)",
                           zh: "含有不是千位分隔符的逗号（请写 1,234.50 或 1234.5；不识别小数逗号）")
        case .negative: return Wording(en: "is negative, which is not allowed here", zh: "是负数，这里不允许")
        case .tooLarge(let limit): return Wording(en: "is larger than \(limit), the largest value allowed", zh: "超过了允许的最大值 \(limit)")
        }
    }

    // MARK: - Payload rules

    public static func notASource(_ kind: String) -> Wording {
        Wording(en: "\"\(kind)\" is not a source; use \"import\" (with import_id and row) or \"manual\"",
                zh: "“\(kind)”不是来源；请用“import”（导入，同时填写 import_id 和 row）或“manual”（手工录入）")
    }

    public static func mustChangeOne(_ names: [String]) -> Wording {
        let list = names.joined(separator: ", ")
        return Wording(en: "must change at least one of \(list)", zh: "至少要变更以下之一：\(list)")
    }

    public static let onlyNulls = Wording(en: "holds only nulls; give the new values", zh: "只有 null；请写出新的值")

    public static func notSHA256(_ digest: String, hint: Bool = false) -> Wording {
        Wording(en: "\"\(digest)\" is not a SHA-256 digest; write 64 lower-case hex digits" + (hint ? " (sha256sum FILE)" : ""),
                zh: "“\(digest)”不是 SHA-256 摘要；请填写 64 位小写十六进制数字" + (hint ? "（sha256sum FILE）" : ""))
    }

    public static func approvingAreaTooLarge(_ approving: DecimalQuantity, participating: DecimalQuantity) -> Wording {
        Wording(en: "\(approving) m² is more than the participating area \(participating) m²",
                zh: "同意面积 \(approving) 平方米大于参与表决的面积 \(participating) 平方米")
    }

    public static func approvingOwnersTooMany(_ approving: Int64, participating: Int64) -> Wording {
        Wording(en: "\(approving) is more than the \(participating) participating owners",
                zh: "同意人数 \(approving) 多于参与表决的 \(participating) 人")
    }

    /// A vote part's owners or area that is 0 while the other is not (`DecisionRecorded.ownersAndAreaDisagree`), said
    /// at the figure that is 0, naming the other (`other`: a payload member, or an import's column) and its value.
    public static func ownersAndAreaDisagree(other: Wording, value: String) -> Wording {
        Wording(en: "is 0, which does not agree with \(other.en) (\(value)): owners vote with their units' area, so the owners and the area that voted are both 0 or both above 0",
                zh: "为0，与 \(other.zh)（\(value)）不一致：业主以其专有部分面积和人数共同表决，表决的人数与面积应均为0或均不为0")
    }

    /// What to do about `ownersAndAreaDisagree`.
    public static let ownersAndAreaDisagreeAdvice = Wording(
        en: "Copy both figures from the vote's tally (计票结果): the number of owners and the area of their units (m²); correct the one that was left out or mistyped.",
        zh: "请按计票结果同时填写人数和其专有部分面积（平方米），更正漏填或录入错误的一项。")

    public static func beforeVote(_ until: CalendarDate, vote: CalendarDate) -> Wording {
        Wording(en: "\(until) is before the vote date \(vote)", zh: "\(until) 早于表决日期 \(vote)")
    }

    public static func contractEndsBeforeStart(_ end: CalendarDate, start: CalendarDate) -> Wording {
        Wording(en: "\(end) is before start_on \(start); a contract ends on or after its first day",
                zh: "\(end) 早于 start_on（起始日）\(start)；合同的到期日不能早于起始日")
    }

    public static let sameFund = Wording(en: "is the same fund as from_fund_id; a transfer moves money between two funds",
                                         zh: "与 from_fund_id（转出账户）是同一个资金账户；划转须在两个不同的账户之间进行")

    public static func periodEndsBeforeStart(_ to: CalendarDate, from: CalendarDate) -> Wording {
        Wording(en: "\(to) is before period_from \(from)", zh: "\(to) 早于 period_from（期间起）\(from)")
    }

    /// An asset's `registered_on` after the event's own date (a door rule, `PayloadObject.doorRule`).
    public static func registeredAfterRecord(_ registered: CalendarDate, occurredOn: CalendarDate) -> Wording {
        Wording(en: "\(registered) is after this event's date \(occurredOn); a part is registered on or before the day its registration is recorded as having occurred: check the year, or date the event on the registration day",
                zh: "\(registered) 晚于本事件的日期 \(occurredOn)；登记日期不能晚于登记事件的发生日期：请核对年份，或把事件日期写为登记日")
    }

    public static func periodAfterPublication(_ from: CalendarDate, published: CalendarDate) -> Wording {
        Wording(en: "\(from) is after the publication date \(published); a disclosure covers a past period",
                zh: "\(from) 晚于公示日期 \(published)；公示的是已经过去的期间")
    }

    public static let bothAuthorities = Wording(en: "names both a contract and a decision; give the one the use rests on",
                                                zh: "同时写了合同和决定；请只写使用所依据的那一个")

    public static let nestedCorrection = Wording(en: "a replacement cannot itself be a correction", zh: "更正后的内容本身不能又是一条更正")

    public static func cannotReplace(_ type: String) -> Wording {
        Wording(en: "\"\(type)\" cannot replace an event; use the corrected event's type",
                zh: "“\(type)”不能用来替换事件；请用被更正事件的类型")
    }

    public static func checkDateAfterIssue(_ asOf: CalendarDate, issued: CalendarDate) -> Wording {
        Wording(en: "\(asOf) is after the date of issue \(issued); a list is issued after its check date",
                zh: "\(asOf) 晚于下发日期 \(issued)；清单应在检查日期之后下发")
    }

    public static func notAFormat(_ format: String, allowed: [String]) -> Wording {
        let list = allowed.joined(separator: ", ")
        return Wording(en: "\"\(format)\" is not a format; use one of \(list)", zh: "“\(format)”不是报告格式；请用以下之一：\(list)")
    }

    public static func notALanguage(_ language: String) -> Wording {
        Wording(en: "\"\(language)\" is not a language; use zh or en", zh: "“\(language)”不是语言；请用 zh 或 en")
    }

    public static func issuedTwice(_ key: String) -> Wording {
        Wording(en: "\"\(key)\" is issued twice in this list", zh: "“\(key)”在本清单中下发了两次")
    }

    public static func deadlineBeforeIssue(_ deadline: CalendarDate, issued: CalendarDate) -> Wording {
        Wording(en: "\(deadline) is before the date of issue \(issued)", zh: "\(deadline) 早于下发日期 \(issued)")
    }

    public static func deadlineBeforeExtension(_ deadline: CalendarDate, extended: CalendarDate) -> Wording {
        Wording(en: "\(deadline) is before the date of the extension \(extended)", zh: "\(deadline) 早于延期日期 \(extended)")
    }

    public static func digestMissing(_ kind: String) -> Wording {
        Wording(en: "missing; a \(kind) is bound by the SHA-256 of its file (sha256sum FILE)",
                zh: "缺少；\(kind) 须以其文件的 SHA-256 为凭（sha256sum FILE）")
    }

    public static func digestNotForKind(_ kind: String) -> Wording {
        Wording(en: "is only for a photo or document; a \(kind) is named by its ref",
                zh: "只用于照片（photo）或文件（document）；\(kind) 以 ref 编号指明")
    }

    public static let rejectionReasonMissing = Wording(en: "missing; say why the re-check did not accept the measures",
                                                       zh: "缺少；请说明复查为何未通过整改措施")

    // MARK: - JSON text

    /// Why a JSON text is refused (`EventError.json`).
    public enum JSON {
        /// The reason, without the byte.
        public static func reason(_ problem: EventError.JSONProblem) -> Wording {
            switch problem {
            case .invalidUTF8: return Wording(en: "invalid UTF-8", zh: "不是有效的 UTF-8")
            case .trailingText: return Wording(en: "unexpected text after the JSON value", zh: "JSON 值之后还有多余的文字")
            case .endExpectingValue: return Wording(en: "unexpected end of input; a value was expected", zh: "内容意外结束；此处应有一个值")
            case .unexpectedCharacter: return Wording(en: "unexpected character; a JSON value was expected", zh: "意外的字符；此处应有一个 JSON 值")
            case .depth:
                return Wording(en: "nesting deeper than \(Limits.jsonDepthMax) levels, the most a JSON value may have here",
                               zh: "嵌套超过了此处最多允许的 \(Limits.jsonDepthMax) 层")
            case .keyExpected:
                return Wording(en: "an object key (a string in double quotes) was expected", zh: "此处应有对象的键（双引号括起的字符串）")
            case .colonExpected: return Wording(en: "':' was expected", zh: "此处应有 ':'")
            case .duplicateKey(let key): return Wording(en: "duplicate key \"\(key)\"", zh: "键“\(key)”重复")
            case .equivalentKey(let key, let earlier):
                // Non-ASCII scalars as code points show where the two spellings differ: Cafe<U+0301> and Caf<U+00E9>.
                let points = { (text: String) in
                    text.unicodeScalars.map { $0.isASCII ? String($0) : DisplayText.codePoint($0) }.joined()
                }
                return Wording(en: "key \"\(key)\" (\(points(key))) is the same text as the earlier key \"\(earlier)\" (\(points(earlier))) written with other code points (Unicode canonical equivalence), so the two are one key; write it once, in NFC",
                               zh: "键“\(key)”（\(points(key))）与前面的键“\(earlier)”（\(points(earlier))）是同一文字，只是码位写法不同（Unicode 标准等价），视为同一个键；请只写一次，并用 NFC 形式")
            case .endInObject: return Wording(en: "unexpected end of input inside an object", zh: "对象未结束，内容就结束了")
            case .commaOrBrace: return Wording(en: "',' or '}' was expected", zh: "此处应有 ',' 或 '}'")
            case .endInArray: return Wording(en: "unexpected end of input inside an array", zh: "数组未结束，内容就结束了")
            case .commaOrBracket: return Wording(en: "',' or ']' was expected", zh: "此处应有 ',' 或 ']'")
            case .unterminatedString: return Wording(en: "unterminated string", zh: "字符串缺少结束的双引号")
            case .controlCharacter: return Wording(en: "control character in a string; escape it", zh: "字符串中有控制字符；请转义")
            case .unterminatedEscape: return Wording(en: "unterminated escape", zh: "转义序列不完整")
            case .unknownEscape(let letter): return Wording(en: "unknown escape \\\(letter)", zh: "未知的转义 \\\(letter)")
            case .stringTooLong:
                return Wording(en: "string longer than \(Limits.stringBytesMax) bytes (64 KiB), the most a text may have",
                               zh: "字符串超过了一段文字最多允许的 \(Limits.stringBytesMax) 字节（64 KiB）")
            case .stringTooLongAsWritten:
                return Wording(en: "string longer than \(Limits.stringBytesMax) bytes as written (escapes counted; 64 KiB), the most a text may have",
                               zh: "字符串按写出的样子（转义计入）超过了一段文字最多允许的 \(Limits.stringBytesMax) 字节（64 KiB）")
            case .unknownLiteral: return Wording(en: "unknown literal; expected true, false or null", zh: "无法识别的字面量；应为 true、false 或 null")
            case .leadingZeros: return Wording(en: "numbers must not have leading zeros", zh: "数字不能有前导零")
            case .integerRange:
                return Wording(en: "number out of range; integers must lie within ±\(Limits.jsonIntegerMax)",
                               zh: "数字超出范围；整数须在 ±\(Limits.jsonIntegerMax) 之内")
            case .digitExpected: return Wording(en: "a digit was expected", zh: "此处应有数字")
            case .fraction(let member, let written):
                return fractionReason(member: member, written: written)
            case .negativeZero: return Wording(en: "-0 is not a valid integer here", zh: "-0 在这里不是有效的整数")
            case .unpairedSurrogate: return Wording(en: "unpaired surrogate escape", zh: "代理项转义不成对")
            case .incompleteEscape: return Wording(en: "incomplete \\u escape", zh: "\\u 转义不完整")
            case .badHexDigit: return Wording(en: "bad hex digit in \\u escape", zh: "\\u 转义中有错误的十六进制数字")
            case .keysNotCanonical:
                return Wording(en: "object keys are not in canonical order (sorted by UTF-8 bytes, no duplicates)",
                               zh: "对象的键不是规范顺序（须按 UTF-8 字节排序，且不重复）")
            case .slashEscapeNotCanonical:
                return Wording(en: "escape \\/ is not canonical; write / as it is", zh: "转义 \\/ 不是规范写法；/ 应照原样写")
            case .unicodeEscapeNotCanonical:
                return Wording(en: "\\u escape is not canonical; only control characters without a short escape are written as \\u00xx",
                               zh: "\\u 转义不是规范写法；只有没有简短转义的控制字符才写成 \\u00xx")
            }
        }

        /// A number with a decimal point or exponent, and how the member it was written for takes it. An integer
        /// `amount` is yuan (`"amount": 3000` is ¥3,000.00), so "write money as integer fen" would make a clerk
        /// who wrote `"amount": 3000.5` record ¥300,050: the advice names the member's own unit, and the number's
        /// own value in the form to write (`12.500` → `{"amount_fen": 1250}` for ¥12.50, `1e3` → 1000).
        static func fractionReason(member: String?, written: String) -> Wording {
            let refused = Wording(en: "\(written) is a JSON number with a decimal point or exponent, which is not accepted",
                                  zh: "\(written) 是带小数点或指数的 JSON 数字，不接受")
            // The number's exact value in plain digits (`12.500` → 12.5, `1e3` → 1000), and as yuan, when yuan
            // takes it as an amount (above zero, at most two decimals): else the advice would name a value that is
            // refused in turn.
            let plain = plainDecimal(written)
            let yuan = plain.flatMap { try? Amount.parse(yuanText: $0) }.flatMap { $0.fen > 0 ? $0 : nil }
            if let member, let base = yuanBase(member) {
                // As written when yuan text takes it as it is (`3000.5`), else in two decimals (`12.500` → 12.50).
                let asWritten = yuan != nil && (try? Amount.parse(yuanText: written)) != nil
                let yuanText = "\"" + (asWritten ? written : yuan?.yuanText ?? "3000.50") + "\""
                let fenKey = base + "_fen"
                let fenExample = "{\"\(fenKey)\": \(yuan.map { String($0.fen) } ?? "300050")}"
                if member == base {
                    return refused + Wording(
                        en: "; \"\(base)\" is yuan: write it as text, {\"\(base)\": \(yuanText)}, or give whole fen in \"\(fenKey)\", \(fenExample)",
                        zh: "；“\(base)”的单位是元，带小数请写成文字 {\"\(base)\": \(yuanText)}，或在“\(fenKey)”中写以分为单位的整数 \(fenExample)")
                }
                // A whole number written with a point or an exponent (`1e3`, `1000.0`) is that many fen.
                if let plain, !plain.contains("."), let fen = Int64(plain), (1...Limits.amountFenMax).contains(fen) {
                    let money = EventWords.money(Amount(fen: fen))
                    return refused + Wording(
                        en: "; \"\(fenKey)\" is whole fen as a JSON integer in plain digits: \(written) is {\"\(fenKey)\": \(fen)} (\(money.en))",
                        zh: "；“\(fenKey)”是以分为单位的 JSON 整数，须直接写出各位数字：\(written) 应写作 {\"\(fenKey)\": \(fen)}（\(money.zh)）")
                }
                if let yuan {
                    let money = EventWords.money(yuan)
                    return refused + Wording(
                        en: "; \"\(fenKey)\" is whole fen as a JSON integer: for \(money.en) write \(fenExample); to write yuan, use \"\(base)\" with text: {\"\(base)\": \(yuanText)}",
                        zh: "；“\(fenKey)”是以分为单位的 JSON 整数：\(money.zh)应写作 \(fenExample)；要写元，请用“\(base)”并写成文字 {\"\(base)\": \(yuanText)}")
                }
                return refused + Wording(
                    en: "; \"\(fenKey)\" is whole fen, e.g. \(fenExample); to write yuan, use \"\(base)\" with text: {\"\(base)\": \(yuanText)}",
                    zh: "；“\(fenKey)”是以分为单位的整数，例如 \(fenExample)；要写元，请用“\(base)”并写成文字 {\"\(base)\": \(yuanText)}")
            }
            if let member {
                let text = "\"\(written)\""
                return refused + Wording(en: "; write \"\(member)\" as text: {\"\(member)\": \(text)}",
                                         zh: "；“\(member)”请写成文字 {\"\(member)\": \(text)}")
            }
            // Not the value of a member (a bare number or an array item): a rule true of every member.
            return refused + Wording(
                en: "; money is yuan as text in \"amount\" ({\"amount\": \"3000.50\"}) or whole fen in \"amount_fen\" ({\"amount_fen\": 300050}); other decimals are text, e.g. \"35.50\"",
                zh: "；金额请在“amount”中以文字写元（{\"amount\": \"3000.50\"}），或在“amount_fen”中写以分为单位的整数（{\"amount_fen\": 300050}）；其他小数写成文字，例如 {\"area_m2\": \"35.50\"}")
        }

        /// The exact value of the JSON number `written` in plain decimal digits, without an exponent or needless
        /// zeros (`12.500` → `12.5`, `1e3` → `1000`, `-2.5E-1` → `-0.25`); nil when it is not a JSON number or its
        /// exponent is beyond ±30 (no amount is that long).
        static func plainDecimal(_ written: String) -> String? {
            var text = Substring(written)
            let negative = text.first == "-"
            if negative { text = text.dropFirst() }
            var exponent = 0
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                guard let value = Int(text[text.index(after: e)...].drop { $0 == "+" }), abs(value) <= 30 else { return nil }
                exponent = value
                text = text[..<e]
            }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
            var digits = Array(parts[0] + (parts.count == 2 ? parts[1] : ""))
            var point = parts[0].count + exponent
            // Zeros so that the point falls inside the digits.
            if point < 1 { digits.insert(contentsOf: repeatElement("0", count: 1 - point), at: 0); point = 1 }
            if point > digits.count { digits.append(contentsOf: repeatElement("0", count: point - digits.count)) }
            var whole = String(String(digits[..<point]).drop { $0 == "0" })
            var fraction = String(digits[point...])
            while fraction.last == "0" { fraction.removeLast() }
            if whole.isEmpty { whole = "0" }
            let value: String = whole + (fraction.isEmpty ? "" : "." + fraction)
            return (negative && value != "0" ? "-" : "") + value
        }

        /// The yuan member `member` stands for: itself when it is one (`amount`), its base when it is that member's
        /// fen (`amount_fen` → `amount`), else nil.
        static func yuanBase(_ member: String) -> String? {
            if EventInput.yuanMemberNames.contains(member) { return member }
            if member.hasSuffix("_fen"), case let base = String(member.dropLast(4)), EventInput.yuanMemberNames.contains(base) { return base }
            return nil
        }

        /// `(at byte 12)` / `（第 12 字节处）`.
        public static func at(byte: Int) -> Wording { Wording(en: " (at byte \(byte))", zh: "（第 \(byte) 字节处）") }
    }
}

// MARK: - Words added for the clerk's desk (issue 15; kept in one block)

extension EventWords.Expected {
    /// An id for the member `field`, with an example of that kind of id: a fund's for `fund_id`, not an asset's.
    public static func id(field: String) -> Wording {
        let example = EventWords.idExample(field: field)
        return Wording(en: "an id such as \(example)", zh: "编号，例如 \(example)")
    }
}

extension EventWords {
    /// An example id for the member `field` (`fund_id` → F-0001), in the shape the sample ledger uses; `A-0001`
    /// for an asset or a member of no known kind.
    public static func idExample(field: String) -> String {
        var name = Substring(field)
        if let dot = name.lastIndex(of: ".") { name = name[name.index(after: dot)...] }
        if let bracket = name.firstIndex(of: "[") { name = name[..<bracket] }
        switch name {
        case "fund_id", "fund_ids", "from_fund_id", "to_fund_id", "payee_fund_id": return "F-0001"
        case "community_id": return "C-0001"
        case "decision_id": return "D-0001"
        case "contract_id": return "K-0001"
        case "use_id": return "U-0001"
        case "occupation_id": return "O-0001"
        case "list_id": return "QD-001"
        default: return "A-0001"
        }
    }

    /// `amountNotAllowed(_:minimum:maximum:)` of `member` in an event of `type`: below zero in a money event
    /// (fund.income, fund.spending, fund.transfer), with where such money belongs (`negativeAdvice`, the amount to
    /// write as `member`'s JSON integer).
    public static func amountNotAllowed(_ fen: Int64, minimum: Int64, maximum: Int64, type: String?, member: String) -> Wording {
        let words = amountNotAllowed(fen, minimum: minimum, maximum: maximum)
        guard fen < 0, fen != .min, let type, [EventType.fundIncome, .fundSpending, .fundTransfer].contains(where: { $0.rawValue == type }) else {
            return words
        }
        return words + Wording(en: "; ", zh: "；") + negativeAdvice(type: type, write: "{\"\(member)\": \(-fen)}")
    }

    /// An amount outside the range allowed, said in yuan (what a clerk writes) as messages write money
    /// (`EventWords.money`: `¥0.01` / `0.01元`, `-¥0.01` below zero), with fen beside it for JSON:
    /// `0 is not an amount: nothing is recorded for ¥0.00; give at least ¥0.01 (1 fen)`.
    public static func amountNotAllowed(_ fen: Int64, minimum: Int64, maximum: Int64) -> Wording {
        let low = money(Amount(fen: minimum)), high = money(Amount(fen: maximum)), yuan = money(Amount(fen: fen))
        let least = Wording(en: "at least \(low.en) (\(minimum) fen)", zh: "至少为 \(low.zh)（\(minimum) 分）")
        if fen == 0 {
            let nothing = money(.zero)
            return Wording(en: "0 is not an amount: nothing is recorded for \(nothing.en); give \(least.en)",
                           zh: "0 不是有效金额：\(nothing.zh)无需记录；金额须\(least.zh)")
        }
        if fen < minimum {
            return Wording(en: "\(fen) fen (\(yuan.en)) is negative; an amount is \(least.en)",
                           zh: "\(fen) 分（\(yuan.zh)）为负数；金额须\(least.zh)")
        }
        return Wording(en: "\(fen) fen (\(yuan.en)) is more than \(high.en), the largest amount allowed",
                       zh: "\(fen) 分（\(yuan.zh)）超过允许的最大金额 \(high.zh)")
    }
}
