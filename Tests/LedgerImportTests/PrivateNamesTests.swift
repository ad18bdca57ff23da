import LedgerEvents
@testable import LedgerImport
import LedgerTestSupport
import Testing

/// `PrivateNames` (review 47c #1, #3): a kept name is found in a person field whole and inside a free text, read as
/// payer names are read (`PayerName.key`); a company or a role by its words (`PartyName`) is kept by neither.
@Suite struct PrivateNamesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let kept: [String]
        let text: String
        let found: String?
        var testDescription: String { "\(kept) in \(text)" }
    }

    static let cases: [Case] = [
        // Inside a text, Chinese running words together; written otherwise (spaces, widths, traditional forms).
        Case(kept: ["李晓明"], text: "退还李晓明多交停车费", found: "李晓明"),
        Case(kept: ["李晓明"], text: "退还李 曉明多交停车费", found: "李晓明"),
        Case(kept: ["张伟"], text: "退还張　偉押金", found: "张伟"),
        Case(kept: ["张伟"], text: "张伟", found: "张伟"),
        Case(kept: ["张三（2号楼102室）"], text: "张三搬走后清理", found: "张三"),
        Case(kept: ["张三（2号楼102室）"], text: "张三(2号楼102室)", found: "张三(2号楼102室)"),
        Case(kept: ["阿卜杜拉·买买提"], text: "阿卜杜拉.買買提交来", found: "阿卜杜拉买买提"),
        Case(kept: ["阿卜杜拉·买买提"], text: "付阿卜杜拉•买买提", found: "阿卜杜拉买买提"),
        // Without its middle dot, and a surname the table lacked before session 49 (review 48 #8).
        Case(kept: ["阿卜杜拉·买买提"], text: "退还阿卜杜拉买买提押金", found: "阿卜杜拉买买提"),
        Case(kept: ["阿卜杜拉买买提"], text: "付阿卜杜拉·買買提", found: "阿卜杜拉买买提"),
        Case(kept: ["宫丽"], text: "退还宮麗多交", found: "宫丽"),
        // The longest of two names at one place; the earliest place first.
        Case(kept: ["王芳", "王芳芳"], text: "交王芳芳", found: "王芳芳"),
        Case(kept: ["王芳", "李娜"], text: "李娜与王芳", found: "李娜"),
        // A two-character name inside an ordinary word written the same: found (said in README and the spec).
        Case(kept: ["高峰"], text: "用电高峰时段", found: "高峰"),
        // Latin letters: a word's edge needed; letter case and width are no difference.
        Case(kept: ["Li Na"], text: "paid by LI NA", found: "lina"),
        Case(kept: ["Li Na"], text: "ｌｉ ｎａ refund", found: "lina"),
        Case(kept: ["Li Na"], text: "Carolina Ltd", found: nil),
        Case(kept: ["Müller"], text: "an MÜLLER", found: "müller"),
        // A dot is a word's edge (review privacy49 #4): a title or suffix joined by one does not hide the name.
        Case(kept: ["John Smith"], text: "退还 Mr.John Smith 押金", found: "johnsmith"),
        Case(kept: ["John Smith"], text: "Mr·John Smith", found: "johnsmith"),
        Case(kept: ["John Smith"], text: "John Smith.Jr", found: "johnsmith"),
        Case(kept: ["John Smith"], text: "Mr．John Smith", found: "johnsmith"),
        Case(kept: ["Li Na"], text: "li.na@163.com", found: "lina"),
        Case(kept: ["John Smith"], text: "MrJohn Smith", found: nil),
        // Not there: another name, one character only, nothing kept, an organisation or role kept.
        Case(kept: ["李晓明"], text: "退还李晓多交停车费", found: nil),
        Case(kept: ["李"], text: "李", found: nil),
        Case(kept: [], text: "退还李晓明", found: nil),
        // A company an earlier `--private` committed stays kept (review 48): only the ledger's role words are not.
        Case(kept: ["青岛丰巢科技有限公司"], text: "付青岛丰巢科技有限公司服务费", found: "青岛丰巢科技有限公司"),
        Case(kept: ["业主委员会"], text: "业主委员会决定", found: nil),
    ]

    @Test(arguments: cases) func aKeptNameInsideAText(_ c: Case) {
        #expect(PrivateNames(values: c.kept).name(inText: c.text) == c.found)
    }

    /// Whole values: `holds` reads the key (`張 偉` is 张伟), never a longer name (another person, told apart), and
    /// keeps no role word of the ledger's own (a company committed before stays kept: review 48).
    @Test(arguments: [("张伟", "張 偉", true), ("张伟", "张伟（3号楼）", false), ("李晓明", "李曉明", true), ("罗静", "羅靜", true),
                      ("叶云强", "葉雲強", true), ("业主委员会", "业主委员会", false), ("青岛丰巢科技有限公司", "青岛丰巢科技有限公司", true)])
    func aWholeValue(kept: String, text: String, holds: Bool) {
        #expect(PrivateNames(values: [kept]).holds(text) == holds)
    }

    /// Organisations and roles by their words; persons (and single characters that may end a name) are not.
    @Test(arguments: [("青岛丰巢科技有限公司", true), ("业主委员会", true), ("物业服务企业", true), ("青岛银行", true), ("海韵小区业委会", true),
                      ("ABC Co., Ltd.", true), ("张伟", false), ("李娜（2号楼）", false), ("王小店", false), ("阿卜杜拉·买买提", false),
                      ("海韵物业", true), ("Qingdao Bank", true),
                      // A word inside a person's value makes no organisation (review 48: a substring test wrote these in
                      // clear under --private): only how the value ends counts.
                      ("八大关街道 王强", false), ("物业-王强", false), ("业委会委员张华", false), ("社区网格员李丽", false),
                      ("物业张伟", false), ("王大学", false), ("Tyra Banks", false), ("Carolina Li", false)])
    func organisationsAndRoles(value: String, organisation: Bool) {
        #expect(PartyName.isOrganisationOrRole(value) == organisation)
    }

    /// Which texts the writers search (review 48 #1, #5): an id the record cites is not searched (the log holds it,
    /// or the reference checks refuse it); the id a record introduces, and a correction's replacement's new id, are.
    struct ReferenceCase: CustomTestStringConvertible, Sendable {
        let type: EventType
        let field: String
        let replacementType: EventType?
        let keptID: String?
        let reference: Bool
        var testDescription: String { "\(type.rawValue) \(field) → \(reference)" }
    }

    static let referenceCases: [ReferenceCase] = [
        .init(type: .useStarted, field: "asset_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .useStarted, field: "use_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .useStarted, field: "authority.contract_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .useStarted, field: "purpose", replacementType: nil, keptID: nil, reference: false),
        .init(type: .assetRetired, field: "asset_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .assetRetired, field: "reason", replacementType: nil, keptID: nil, reference: false),
        .init(type: .assetRegistered, field: "asset_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .assetRegistered, field: "community_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .assetRegistered, field: "source.import_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .fundSpending, field: "asset_ids[1]", replacementType: nil, keptID: nil, reference: true),
        .init(type: .fundSpending, field: "voucher", replacementType: nil, keptID: nil, reference: false),
        .init(type: .fundIncome, field: "source.contract_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .fundTransfer, field: "to_fund_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .contractSigned, field: "contract_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .contractSigned, field: "asset_ids[0]", replacementType: nil, keptID: nil, reference: true),
        .init(type: .rectificationIssued, field: "list_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .rectificationReported, field: "list_id", replacementType: nil, keptID: nil, reference: true),
        .init(type: .correction, field: "corrects", replacementType: .assetRegistered, keptID: nil, reference: true),
        .init(type: .correction, field: "reason", replacementType: .assetRegistered, keptID: nil, reference: false),
        // A correction's replacement: its introduced id is cited only when it keeps the corrected record's.
        .init(type: .correction, field: "replacement.data.asset_id", replacementType: .assetRegistered, keptID: "A-高峰路-01", reference: true),
        .init(type: .correction, field: "replacement.data.asset_id", replacementType: .assetRegistered, keptID: "A-高峰路-02", reference: false),
        .init(type: .correction, field: "replacement.data.asset_id", replacementType: .assetRegistered, keptID: nil, reference: false),
        .init(type: .correction, field: "replacement.data.asset_id", replacementType: .useStarted, keptID: nil, reference: true),
        .init(type: .correction, field: "replacement.data.name", replacementType: .assetRegistered, keptID: nil, reference: false),
        // Review privacy49 #1, #2: exact paths only. A decision's authorised contract is not checked by 10.4; a
        // member named like a reference elsewhere (under attributes, at another level) is a text.
        .init(type: .decisionRecorded, field: "authorises.contract_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .decisionRecorded, field: "authorises.asset_ids[0]", replacementType: nil, keptID: nil, reference: true),
        .init(type: .assetRegistered, field: "attributes.contract_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .assetUpdated, field: "changes.attributes.use_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .correction, field: "replacement.data.attributes.decision_id", replacementType: .assetRegistered, keptID: nil, reference: false),
        .init(type: .correction, field: "replacement.data.authorises.contract_id", replacementType: .decisionRecorded, keptID: nil, reference: false),
        .init(type: .correction, field: "replacement.data.source.contract_id", replacementType: .fundIncome, keptID: nil, reference: true),
        .init(type: .fundIncome, field: "contract_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .fundIncome, field: "asset_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .useStarted, field: "source.contract_id", replacementType: nil, keptID: nil, reference: false),
        .init(type: .rectificationReported, field: "evidence[0].ref", replacementType: nil, keptID: nil, reference: false),
        .init(type: .correction, field: "replacement.data.corrects", replacementType: .fundIncome, keptID: nil, reference: false),
    ]

    /// Every path of `citedPaths` is a citation, its list elements by any index, in a correction's replacement of
    /// that type too; the same member one level off is not.
    @Test func everyCitedPathAndNoOther() {
        for (type, paths) in PrivateNames.citedPaths {
            for path in paths {
                let field = path.replacing("[]", with: "[3]")
                #expect(PrivateNames.isReference(field, type: type, text: "X-高峰"), "\(type.rawValue) \(field)")
                #expect(!PrivateNames.isReference("note." + field, type: type, text: "X-高峰"), "\(type.rawValue) note.\(field)")
                #expect(!PrivateNames.isReference("attributes." + field, type: type, text: "X-高峰"), "\(type.rawValue) attributes.\(field)")
                if type != .correction {
                    #expect(PrivateNames.isReference("replacement.data." + field, type: .correction, replacementType: type, text: "X-高峰"),
                            "correction of \(type.rawValue) \(field)")
                }
                // Not the id the record introduces.
                #expect(PrivateNames.introducedMember(type) != path, "\(type.rawValue) \(path)")
            }
        }
    }

    /// A free-form map's keys are texts at the map's path (review privacy49 #3).
    @Test func aMapsKeysAreTexts() {
        let data: [String: JSONValue] = ["attributes": .object(["张伟": .string("联系人"), "色": .string("红")]), "name": .string("车位")]
        let texts = PrivateNames.searchedTexts(of: data, type: .assetRegistered, personal: [])
        #expect(texts.map(\.field) == ["attributes", "attributes", "attributes.张伟", "attributes.色", "name"])
        #expect(texts.map(\.text) == ["张伟", "色", "联系人", "红", "车位"])
        let update: [String: JSONValue] = ["asset_id": .string("A-1"), "changes": .object(["attributes": .object(["高峰": .string("x")])])]
        #expect(PrivateNames.searchedTexts(of: update, type: .assetUpdated, personal: []).map(\.field) == ["changes.attributes", "changes.attributes.高峰"])
    }

    @Test(arguments: referenceCases) func aReferenceIsNotSearched(_ c: ReferenceCase) {
        #expect(PrivateNames.isReference(c.field, type: c.type, replacementType: c.replacementType, keptID: c.keptID,
                                         text: "A-高峰路-01") == c.reference)
    }

    /// `searchedTexts` leaves out the cited ids of a record's data, and reads a correction's replacement's type.
    @Test func searchedTextsOfACorrection() {
        let data: [String: JSONValue] = [
            "corrects": .string("e-高峰"), "reason": .string("面积有误"),
            "replacement": .object(["type": .string("use.started"), "data": .object([
                "asset_id": .string("A-高峰路-01"), "use_id": .string("U-1"), "purpose": .string("停车"), "user": .string("业主"),
            ])]),
        ]
        let texts = PrivateNames.searchedTexts(of: data, type: .correction, personal: ["replacement.data.user"])
        #expect(texts.map(\.field) == ["reason", "replacement.data.purpose", "replacement.data.use_id", "replacement.type"])
    }

    /// Every text of a record's data outside its person fields, by path, keys in order.
    @Test func freeTextsOfARecord() {
        let data: [String: JSONValue] = [
            "purpose": .string("退还李娜押金"), "counterparty": .object(["commitment": .string("ab")]), "amount_fen": .integer(5),
            "items": .array([.object(["responsible": .string("李娜"), "measures": .string("清理")])]),
        ]
        let texts = PrivateNames.freeTexts(of: data, personal: ["counterparty", "items[0].responsible"])
        #expect(texts.map(\.field) == ["items[0].measures", "purpose"])
        #expect(texts.map(\.text) == ["清理", "退还李娜押金"])
    }

    /// Seeded: a kept name put anywhere in a text of ordinary words, written with spaces, full-width letters,
    /// traditional forms or another middle dot, is always found; a text of the ordinary words alone never is.
    @Test func aKeptNameIsFoundHoweverItIsWritten() {
        var random = SplitMix64(seed: 48)
        let words = ["退还", "多交", "停车费", "押金", "维修", "3号楼", "服务", "清理", "—", "（", "）", "，", " "]
        let names = ["张晓静", "罗伟强", "叶云", "阿卜杜拉·买买提", "刘丽华", "陈强"]
        let traditional = Dictionary(PayerName.table.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        let dots: [Character] = ["·", "•", "‧", "・", "･", "﹒", ".", "．"]
        let kept = PrivateNames(values: names)
        for round in 0..<400 {
            var before = "", after = ""
            for _ in 0..<random.within(0...4) { before += random.pick(words) }
            for _ in 0..<random.within(0...4) { after += random.pick(words) }
            #expect(kept.name(inText: before + after) == nil, "seed 48 round \(round): \(before + after)")
            let name = random.pick(names)
            var written = ""
            for character in name {
                // Any dot, or none (review 48 #8: `阿卜杜拉买买提`).
                if character == "·" { if !random.chance(25) { written.append(random.pick(dots)) }; continue }
                if random.chance(50), let other = traditional[character] { written.append(other) } else { written.append(character) }
                if random.chance(20) { written.append(random.chance(50) ? " " : "\u{3000}") }
            }
            let found = kept.name(inText: before + written + after)
            #expect(found == PayerName.key(name), "seed 48 round \(round): \(before + written + after) → \(found ?? "nil")")
        }
    }
}
