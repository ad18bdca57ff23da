@testable import LedgerImport
import Testing

/// Review 45d #6: the personal-data test of a register's headings matched substrings, so 报修电话 (an office's
/// hotline, imported before session 45) was refused. It reads the heading's words now (README, "Personal data in a
/// register"): an identity document's number always; a telephone unless the heading names an office, a company or a
/// service line and no person.
@Suite struct PersonalHeadingTests {
    @Test(arguments: [
        // A person's: refused.
        ("电话", true), ("联系电话", true), ("手机", true), ("手机号", true), ("手机号码", true), ("联系方式", true),
        ("业主电话", true), ("住户联系电话", true), ("物业联系人电话", true), ("单位负责人电话", true), ("租户手机", true),
        ("身份证号码", true), ("身份证", true), ("证件号码", true), ("护照号", true), ("联系电话（业主）", true),
        ("Phone", true), ("Telephone", true), ("Contact phone", true), ("Mobile", true), ("Tel.", true), ("ID card", true),
        ("id_card", true), ("Passport No.", true), ("Owner phone", true), ("Home phone", true), ("cellphone", true),
        // Spaced out as forms write them, broken by Alt+Enter, and the ID card number's official name (review 46e #3).
        ("电\u{3000}话", true), ("手\u{3000}机", true), ("手\n机号", true), ("联系 电话", true), ("公民身份号码", true),
        // An office's, a company's or a service line's: read as an attribute.
        ("报修电话", false), ("值班电话", false), ("物业电话", false), ("物业服务电话", false), ("客服电话", false),
        ("服务热线", false), ("维保单位联系电话", false), ("维修电话", false), ("供应商联系电话", false), ("办公电话", false),
        ("管理处电话", false), ("厂家电话", false), ("Office phone", false), ("Service hotline", false), ("Repair tel", false),
        ("Company telephone", false),
        // Neither: no phone or identity word.
        ("名称", false), ("位置", false), ("Hotel", false), ("备注", false), ("热线", false), ("Telex code", false),
    ])
    func aHeadingIsReadByItsWords(heading: String, personal: Bool) {
        #expect(ImportWords.namesPersonalData(heading) == personal, "\(heading)")
    }
}
