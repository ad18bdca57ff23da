import LedgerEvents

extension ImportWords {
    /// A decision's 事项 written as a bare item number: [CC] 278 and the local regulations number the matters
    /// differently (Qingdao's article 30(1) puts the maintenance fund's use at item 4, the Civil Code at item 5), and the
    /// threshold a vote needs follows the matter, so a number is not read as either (review 45b #2).
    static let matterNumber = Wording(
        en: "is only an item number: the Civil Code (article 278) and the local regulations (e.g. Qingdao's article 30) number the matters differently, so a number does not say which matter was voted on",
        zh: "只写了事项的序号：民法典第二百七十八条与地方条例（如《青岛市物业管理条例》第三十条）对表决事项的编号不同，只写序号不能确定表决的是哪一事项")
}
