import LedgerEvents
@testable import LedgerProjections
import Testing

/// The reasons a record could not be applied (`AnomalyReason`): the English text of every kind is the one earlier
/// versions wrote (the derived files store it, so it must not move), it reads back into the same kind, and the
/// Chinese text is an official's sentence with no English left in it.
@Suite struct AnomalyReasonTests {
    /// Every kind, with the English text earlier versions wrote and the Chinese text now shown under `--lang zh`.
    static let cases: [(AnomalyReason, en: String, zh: String)] = [
        (.duplicate(.asset, id: "A1"), "duplicate asset A1", "编号“A1”的共有部分此前已登记，本条重复，未计入"),
        (.duplicate(.community, id: "C1"), "duplicate community C1", "编号“C1”的小区此前已登记，本条重复，未计入"),
        (.duplicate(.fund, id: "F1"), "duplicate fund F1", "编号“F1”的资金账户此前已开立，本条重复，未计入"),
        (.duplicate(.decision, id: "D1"), "duplicate decision D1", "编号“D1”的业主决定此前已记录，本条重复，未计入"),
        (.duplicate(.contract, id: "K1"), "duplicate contract K1", "编号“K1”的合同此前已签订，本条重复，未计入"),
        (.duplicate(.use, id: "U1"), "duplicate use U1", "编号“U1”的使用此前已登记，本条重复，未计入"),
        (.duplicate(.occupation, id: "O1"), "duplicate occupation O1", "编号“O1”的占用此前已报告，本条重复，未计入"),
        (.duplicate(.import, id: "I1"), "duplicate import I1", "编号“I1”的导入此前已记录，本条重复，未计入"),
        (.unknown(.update, id: "A1"), "update of unknown asset A1", "变更所指的共有部分“A1”在本条记录处尚未登记，本条未计入"),
        (.unknown(.retirement, id: "A1"), "retirement of unknown asset A1", "注销所指的共有部分“A1”在本条记录处尚未登记，本条未计入"),
        (.unknown(.termination, id: "K1"), "termination of unknown contract K1", "终止所指的合同“K1”在本条记录处尚未签订，本条未计入"),
        (.unknown(.end, id: "U1"), "end of unknown use U1", "结束使用所指的使用“U1”在本条记录处尚未开始，本条未计入"),
        (.unknown(.clearing, id: "O1"), "clearing of unknown occupation O1", "清除占用所指的占用“O1”在本条记录处尚未报告，本条未计入"),
        (.unknown(.income, id: "F1"), "income into unknown fund F1", "收入所指的资金账户“F1”在本条记录处尚未开立，本条未计入"),
        (.unknown(.spending, id: "F1"), "spending from unknown fund F1", "支出所指的资金账户“F1”在本条记录处尚未开立，本条未计入"),
        (.unknown(.balance, id: "F1"), "balance of unknown fund F1", "对账单余额所指的资金账户“F1”在本条记录处尚未开立，本条未计入"),
        (.twice(.retired, id: "A1"), "asset A1 retired twice", "共有部分“A1”已注销过，本条重复注销，未计入"),
        (.twice(.terminated, id: "K1"), "contract K1 terminated twice", "合同“K1”已终止过，本条重复终止，未计入"),
        (.twice(.ended, id: "U1"), "use U1 ended twice", "使用“U1”已结束过，本条重复结束，未计入"),
        (.twice(.cleared, id: "O1"), "occupation O1 cleared twice", "占用“O1”已清除过，本条重复清除，未计入"),
        (.unlinked(what: .use, id: "U9", assetID: "A9"),
         "use U9 not linked to asset A9, which is not registered at this record's place in the fold order (date, then seq)",
         "使用“U9”未能关联到共有部分“A9”：按处理顺序（先按业务日期，后按序号），该共有部分在本条记录处尚未登记"),
        (.unlinked(what: .contract, id: "K9", assetID: "A9"),
         "contract K9 not linked to asset A9, which is not registered at this record's place in the fold order (date, then seq)",
         "合同“K9”未能关联到共有部分“A9”：按处理顺序（先按业务日期，后按序号），该共有部分在本条记录处尚未登记"),
        (.unlinked(what: .occupation, id: "O9", assetID: "A9"),
         "occupation O9 not linked to asset A9, which is not registered at this record's place in the fold order (date, then seq)",
         "占用“O9”未能关联到共有部分“A9”：按处理顺序（先按业务日期，后按序号），该共有部分在本条记录处尚未登记"),
        (.unlinked(what: nil, id: "", assetID: "A7"),
         "inspection not linked to asset A7, which is not registered at this record's place in the fold order (date, then seq)",
         "本次巡查未能关联到共有部分“A7”：按处理顺序（先按业务日期，后按序号），该共有部分在本条记录处尚未登记"),
        (.transferUnknownFund(from: "F1", to: "F2"), "transfer F1 → F2 names a fund not yet opened (or never opened)",
         "划转（“F1” → “F2”）所指的资金账户在本条记录处尚未开立（或从未开立），本条未计入"),
        (.correctsUnknownEvent("ev-9"), "corrects unknown event \"ev-9\"", "所更正的事件“ev-9”不存在，本条更正未计入"),
        (.correctsCorrection("fix-1"), "corrects another correction \"fix-1\"",
         "所更正的“fix-1”本身是一条更正，本条更正未计入；要改原事件，请对原事件再记一条更正"),
        (.payloadNotUnderstood(detail: nil), "payload not understood", "记录内容无法识别，本条未计入"),
        (.payloadNotUnderstood(detail: "data.amount_fen: must be an integer"), "payload not understood: data.amount_fen: must be an integer",
         "记录内容无法识别，本条未计入（逐项原因请运行 ledger verify --schema 查看）"),
        (.notApplied, "not applied", "本条未能计入"),
    ]

    @Test func everyKindKeepsItsEnglishReadsBackAndHasChinese() {
        for (reason, en, zh) in Self.cases {
            #expect(reason.en == en)
            #expect(reason.zh == zh, "\(en)")
            #expect(AnomalyReason(stored: en) == reason, "\(en)")
            #expect(Anomaly(evidence: Evidence(seq: 3, eventID: "e"), reason: en).kind == reason)
            #expect(Anomaly(evidence: Evidence(seq: 3, eventID: "e"), kind: reason).reason == en)
        }
    }

    /// No Chinese reason leaves an English word in (ids and the command name aside).
    @Test func theChineseHasNoEnglishWords() {
        for (reason, _, _) in Self.cases {
            var zh = reason.zh
            for id in ["A1", "A7", "A9", "C1", "F1", "F2", "D1", "K1", "K9", "U1", "U9", "O1", "O9", "I1", "ev-9", "fix-1", "ledger verify --schema"] {
                zh = zh.split(separator: id, omittingEmptySubsequences: false).joined()
            }
            #expect(!zh.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }, "\(reason.zh)")
        }
    }

    /// A text of no known form (another version's) reads back as itself, in both languages; so does a text that
    /// only looks like a known one (more words than an id can hold).
    @Test func anUnknownTextIsShownAsItIs() {
        for text in ["something else", "duplicate asset A 1", "use U 9 not linked to asset A9, which is not registered at this record's place in the fold order (date, then seq)",
                     "transfer F1 F2 names a fund not yet opened (or never opened)", "duplicate asset ", ""] {
            let reason = AnomalyReason(stored: text)
            #expect(reason == .other(text), "\(text)")
            #expect(reason.en == text && reason.zh == text)
        }
    }

    /// The fold's anomalies are structured: a log with a duplicate and a use of an unregistered asset gives the
    /// kinds, and their English is what the warning always said.
    @Test func theFoldGivesStructuredAnomalies() {
        let lines = [
            #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C1","name":"小区","street":"街道","residents_committee":"居委会","total_area_m2":"1000.00","total_owners":10}}"#,
            #"{"id":"c2","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"小区","street":"街道","residents_committee":"居委会","total_area_m2":"1000.00","total_owners":10}}"#,
            #"{"id":"u1","type":"use.started","occurred_on":"2024-02-01","data":{"use_id":"U9","asset_id":"A9","user":"某公司","purpose":"停车"}}"#,
        ]
        let projection = Projection(records: Fixtures.records(lines.joined(separator: "\n")), asOf: Fixtures.date("2024-12-31"))
        #expect(projection.anomalies.map(\.kind) == [.duplicate(.community, id: "C1"), .unlinked(what: .use, id: "U9", assetID: "A9")])
        #expect(projection.anomalies.map(\.reason) == ["duplicate community C1",
                                                      "use U9 not linked to asset A9, which is not registered at this record's place in the fold order (date, then seq)"])
    }
}
