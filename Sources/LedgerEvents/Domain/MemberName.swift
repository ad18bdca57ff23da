/// A member's name as written in canonical JSON with the punctuation around it (the comma before it, or the brace
/// that opens the object, and a bracket or brace that opens its value), as the little-endian words of its first,
/// second (from 17 bytes on) and last eight bytes: 11 to 24 bytes compared in two or three loads. Written as
/// constants (no one-time initialisation on each use); `PayloadRefsMovementTests` checks each against its text.
struct MemberName: Equatable {
    let count: Int
    let head: UInt64
    let middle: UInt64
    let tail: UInt64

    /// `text`'s words (the tests' check of the constants).
    init(_ text: String) {
        let b = Array(text.utf8)
        precondition(b.count >= 8 && b.count <= 24, "a member name of 8…24 bytes")
        func word(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * $1) } }
        self.init(count: b.count, head: word(0), middle: b.count > 16 ? word(8) : 0, tail: word(b.count - 8))
    }

    init(count: Int, head: UInt64, middle: UInt64, tail: UInt64) {
        self.count = count
        self.head = head
        self.middle = middle
        self.tail = tail
    }

    /// `{"amount_fen":`
    static let amountFen = MemberName(count: 14, head: 0x746E_756F_6D61_227B, middle: 0, tail: 0x3A22_6E65_665F_746E)
    /// `,"category":`
    static let category = MemberName(count: 12, head: 0x6F67_6574_6163_222C, middle: 0, tail: 0x3A22_7972_6F67_6574)
    /// `,"counterparty":`
    static let counterparty = MemberName(count: 16, head: 0x6574_6E75_6F63_222C, middle: 0, tail: 0x3A22_7974_7261_7072)
    /// `,"fund_id":`
    static let fundID = MemberName(count: 11, head: 0x695F_646E_7566_222C, middle: 0, tail: 0x3A22_6469_5F64_6E75)
    /// `,"source":{`
    static let sourceObject = MemberName(count: 11, head: 0x6563_7275_6F73_222C, middle: 0, tail: 0x7B3A_2265_6372_756F)
    /// `"contract_id":` (after the brace that opens `source`)
    static let contractID = MemberName(count: 14, head: 0x6361_7274_6E6F_6322, middle: 0, tail: 0x3A22_6469_5F74_6361)
    /// `,"voucher":`
    static let voucher = MemberName(count: 11, head: 0x6568_6375_6F76_222C, middle: 0, tail: 0x3A22_7265_6863_756F)
    /// `,"asset_ids":[`
    static let assetIDsArray = MemberName(count: 14, head: 0x5F74_6573_7361_222C, middle: 0, tail: 0x5B3A_2273_6469_5F74)
    /// `,"decision_id":`
    static let decisionID = MemberName(count: 15, head: 0x6973_6963_6564_222C, middle: 0, tail: 0x3A22_6469_5F6E_6F69)
    /// `,"purpose":`
    static let purpose = MemberName(count: 11, head: 0x736F_7072_7570_222C, middle: 0, tail: 0x3A22_6573_6F70_7275)
    /// `,"purpose_category":`
    static let purposeCategory = MemberName(count: 20, head: 0x736F_7072_7570_222C, middle: 0x6F67_6574_6163_5F65,
                                            tail: 0x3A22_7972_6F67_6574)
    /// `,"from_fund_id":`
    static let fromFundID = MemberName(count: 16, head: 0x665F_6D6F_7266_222C, middle: 0, tail: 0x3A22_6469_5F64_6E75)
    /// `,"to_fund_id":`
    static let toFundID = MemberName(count: 14, head: 0x6E75_665F_6F74_222C, middle: 0, tail: 0x3A22_6469_5F64_6E75)

    /// `{"asset_id":`
    static let assetID = MemberName(count: 12, head: 0x5F74_6573_7361_227B, middle: 0, tail: 0x3A22_6469_5F74_6573)
    /// `,"inspector":`
    static let inspector = MemberName(count: 13, head: 0x6365_7073_6E69_222C, middle: 0, tail: 0x3A22_726F_7463_6570)
    /// `,"note":`
    static let note = MemberName(count: 8, head: 0x3A22_6574_6F6E_222C, middle: 0, tail: 0x3A22_6574_6F6E_222C)
    /// `,"observed":`
    static let observed = MemberName(count: 12, head: 0x7672_6573_626F_222C, middle: 0, tail: 0x3A22_6465_7672_6573)

    /// Every constant with the text it stands for.
    static let all: [(MemberName, String)] = [
        (amountFen, "{\"amount_fen\":"), (category, ",\"category\":"), (counterparty, ",\"counterparty\":"),
        (fundID, ",\"fund_id\":"), (sourceObject, ",\"source\":{"), (contractID, "\"contract_id\":"), (voucher, ",\"voucher\":"),
        (assetIDsArray, ",\"asset_ids\":["), (decisionID, ",\"decision_id\":"), (purpose, ",\"purpose\":"),
        (purposeCategory, ",\"purpose_category\":"), (fromFundID, ",\"from_fund_id\":"), (toFundID, ",\"to_fund_id\":"),
        (assetID, "{\"asset_id\":"), (inspector, ",\"inspector\":"), (note, ",\"note\":"), (observed, ",\"observed\":"),
    ]
}
