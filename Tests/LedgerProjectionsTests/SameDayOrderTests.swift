import LedgerChain
import LedgerEvents
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The append checks agree with the fold order (ledger-spec.md 10.4 rule 2, section 11 item 3): a fact that names an
/// entity created on its own date must come after the creation in the fold order (date, then position), or the
/// projections fold it before the entity exists and drop it or leave it unlinked (review 31, defect 1).
@Suite struct SameDayOrderTests {
    /// Lines after `Fixtures.base` (seqs 1…9), then a batch whose issues are checked in both paths.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var existing: String = ""
        /// The batch, in the refused order (for `swapped` cases, the last line is the creation the others need).
        let batch: [String]
        let expected: [String]
        /// The batch with its lines reversed (the creation first) is accepted.
        var reversedIsAccepted = true
        var testDescription: String { name }
    }

    /// Both paths' issues: the whole log's, and the stored state's (a fold of `existing`) when it decides the batch,
    /// which must be the same.
    static func issues(existing: [Record], batch: [Event]) -> [ValidationIssue] {
        let whole = DomainValidator.validate(existing: existing, batch: batch)
        var fold = CheckFold()
        for record in existing { fold.apply(record) }
        if fold.gaveUp != nil { fold.rebuildRegisters(from: EffectiveLog(records: existing)) }
        var ids: [String: (seq: Int64, type: String)] = [:]
        for record in existing where ids[record.id] == nil { ids[record.id] = (record.seq, record.payload.type) }
        if case .checked(let viaState) = DomainValidator.validate(fold: fold, batch: EventBatch(batch), lookup: { ids[$0] }) {
            #expect(viaState == whole, "the stored state's issues differ from the whole log's")
        }
        return whole
    }

    static func run(existing: String, batch: [String]) -> [ValidationIssue] {
        let records = Fixtures.records(Fixtures.events(Fixtures.base + "\n" + existing))
        return issues(existing: records, batch: Fixtures.events(batch.joined(separator: "\n")))
    }

    // Lines the cases share (all dated 2024-03-01 unless named otherwise).
    static let openF9 = #"{"id":"f","type":"fund.opened","occurred_on":"2024-03-01","data":{"fund_id":"F-9","community_id":"C-1","kind":"maintenance","account":"a"}}"#
    static let signK9 = #"{"id":"k","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-9","community_id":"C-1","asset_ids":["A-2"],"counterparty":"c","purpose":"p","start_on":"2024-03-01","end_on":"2025-02-28","rent_fen":100,"rent_period":"month","payee_fund_id":"F-1"}}"#
    static let registerA9 = #"{"id":"a","type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-9","community_id":"C-1","kind":"club_room","name":"n","location":"l","area_m2":"10","registered_on":"2024-03-01","source":{"kind":"manual"}}}"#
    static let registerC9 = #"{"id":"c","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-9","name":"n","street":"s","residents_committee":"r","total_area_m2":"100","total_owners":10}}"#
    static let startU9 = #"{"id":"u","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-9","asset_id":"A-2","user":"u","purpose":"p"}}"#
    static let reportO9 = #"{"id":"o","type":"occupation.reported","occurred_on":"2024-03-01","data":{"occupation_id":"O-9","asset_id":"A-2","occupant":"o","description":"d"}}"#
    static let importI9 = #"{"id":"m","type":"register.imported","occurred_on":"2024-03-01","data":{"import_id":"IMP-9","file_name":"f.csv","file_sha256":"\#(String(repeating: "e4", count: 32))","rows_read":1,"rows_new":1,"rows_updated":0,"rows_unchanged":0}}"#
    static let issueL9 = #"{"id":"l","type":"rectification.issued","occurred_on":"2024-03-01","data":{"as_of":"2024-03-01","at_seq":1,"community_id":"C-1","items":[{"deadline":"2024-09-01","key":"R1/A-1/x","responsible":"r"}],"list_id":"L-9","prepared_on":"2024-03-01","report_format":"html","report_lang":"zh","report_sha256":"\#(String(repeating: "a6", count: 32))"}}"#
    static let incomeF1 = #"{"id":"i","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-1","amount_fen":50000,"counterparty":"c","voucher":"v","category":"parking"}}"#

    static func later(_ what: String, _ field: String, _ line: String, _ type: String) -> String {
        "event r (\(type)): field \"\(field)\": \(what) by a later line (event \(line) of this batch); on the same date the line that "
    }

    /// Every kind of reference a fact makes, named before the line that creates what it names, on the same date.
    static let laterCreations: [Case] = [
        Case(name: "income into a fund opened by a later line", batch: [
            #"{"id":"r","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}"#, openF9],
             expected: [#"event r (fund.income): field "data.fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "spending from a fund opened by a later line", batch: [
            #"{"id":"r","type":"fund.spending","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":100,"counterparty":"c","voucher":"v","purpose":"p"}}"#, openF9],
             expected: [#"event r (fund.spending): field "data.fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "transfer into a fund opened by a later line", batch: [
            #"{"id":"r","type":"fund.transfer","occurred_on":"2024-03-01","data":{"from_fund_id":"F-1","to_fund_id":"F-9","amount_fen":100,"voucher":"v"}}"#, openF9],
             expected: [#"event r (fund.transfer): field "data.to_fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "transfer out of a fund opened by a later line", batch: [
            #"{"id":"r","type":"fund.transfer","occurred_on":"2024-03-01","data":{"from_fund_id":"F-9","to_fund_id":"F-1","amount_fen":100,"voucher":"v"}}"#, openF9],
             expected: [#"event r (fund.transfer): field "data.from_fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "balance of a fund opened by a later line", batch: [
            #"{"id":"r","type":"fund.balance_asserted","occurred_on":"2024-03-01","data":{"fund_id":"F-9","balance_fen":0,"statement_ref":"s"}}"#, openF9],
             expected: [#"event r (fund.balance_asserted): field "data.fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "disclosure of a fund opened by a later line", batch: [
            #"{"id":"r","type":"disclosure.published","occurred_on":"2024-03-01","data":{"community_id":"C-1","fund_ids":["F-9"],"period_from":"2024-01-01","period_to":"2024-02-01","location":"l"}}"#, openF9],
             expected: [#"event r (disclosure.published): field "data.fund_ids[0]": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "contract paying into a fund opened by a later line", batch: [
            #"{"id":"r","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-8","community_id":"C-1","asset_ids":["A-2"],"counterparty":"c","purpose":"p","start_on":"2024-03-01","end_on":"2025-02-28","rent_fen":100,"rent_period":"month","payee_fund_id":"F-9"}}"#, openF9],
             expected: [#"event r (contract.signed): field "data.payee_fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f of this batch); on the same date the line that opens it must come first"#]),
        Case(name: "rent paid before its contract is signed", batch: [
            #"{"id":"r","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"c","voucher":"v","category":"leasing","source":{"contract_id":"K-9"}}}"#, signK9],
             expected: [#"event r (fund.income): field "data.source.contract_id": contract "K-9" is signed on 2024-03-01 by a later line (event k of this batch); on the same date the line that signs it must come first"#]),
        Case(name: "use under a contract signed by a later line", batch: [
            #"{"id":"r","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-8","asset_id":"A-2","user":"u","purpose":"p","authority":{"contract_id":"K-9"}}}"#, signK9],
             expected: [#"event r (use.started): field "data.authority.contract_id": contract "K-9" is signed on 2024-03-01 by a later line (event k of this batch); on the same date the line that signs it must come first"#]),
        Case(name: "termination listed before the contract", batch: [
            #"{"id":"r","type":"contract.terminated","occurred_on":"2024-03-01","data":{"contract_id":"K-9","reason":"r"}}"#, signK9],
             expected: [#"event r (contract.terminated): field "data.contract_id": termination on 2024-03-01: contract "K-9" is signed on that date by a later line (event k of this batch); on the same date the line that signs it must come first"#]),
        Case(name: "use of an asset registered by a later line", batch: [
            #"{"id":"r","type":"use.started","occurred_on":"2024-03-01","data":{"use_id":"U-8","asset_id":"A-9","user":"u","purpose":"p"}}"#, registerA9],
             expected: [#"event r (use.started): field "data.asset_id": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "contract on an asset registered by a later line", batch: [
            #"{"id":"r","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-8","community_id":"C-1","asset_ids":["A-9"],"counterparty":"c","purpose":"p","start_on":"2024-03-01","end_on":"2025-02-28","rent_fen":100,"rent_period":"month"}}"#, registerA9],
             expected: [#"event r (contract.signed): field "data.asset_ids[0]": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "occupation of an asset registered by a later line", batch: [
            #"{"id":"r","type":"occupation.reported","occurred_on":"2024-03-01","data":{"occupation_id":"O-8","asset_id":"A-9","occupant":"o","description":"d"}}"#, registerA9],
             expected: [#"event r (occupation.reported): field "data.asset_id": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "inspection of an asset registered by a later line", batch: [
            #"{"id":"r","type":"inspection.recorded","occurred_on":"2024-03-01","data":{"asset_id":"A-9","observed":"idle","inspector":"i"}}"#, registerA9],
             expected: [#"event r (inspection.recorded): field "data.asset_id": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "update of an asset registered by a later line", batch: [
            #"{"id":"r","type":"asset.updated","occurred_on":"2024-03-01","data":{"asset_id":"A-9","changes":{"name":"m"},"source":{"kind":"manual"}}}"#, registerA9],
             expected: [#"event r (asset.updated): field "data.asset_id": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "retirement listed before the asset", batch: [
            #"{"id":"r","type":"asset.retired","occurred_on":"2024-03-01","data":{"asset_id":"A-9","reason":"r"}}"#, registerA9],
             expected: [#"event r (asset.retired): field "data.asset_id": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "decision authorising an asset registered by a later line", batch: [
            #"{"id":"r","type":"decision.recorded","occurred_on":"2024-03-01","data":{"decision_id":"D-8","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"6000","participating_owners":60,"approving_area_m2":"4500","approving_owners":45,"authorises":{"asset_ids":["A-9"]}}}"#, registerA9],
             expected: [#"event r (decision.recorded): field "data.authorises.asset_ids[0]": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "spending on an asset registered by a later line", batch: [
            #"{"id":"r","type":"fund.spending","occurred_on":"2024-03-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"c","voucher":"v","purpose":"p","asset_ids":["A-9"]}}"#, registerA9],
             expected: [#"event r (fund.spending): field "data.asset_ids[0]": asset "A-9" is registered on 2024-03-01 by a later line (event a of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "use ended before it is started", batch: [
            #"{"id":"r","type":"use.ended","occurred_on":"2024-03-01","data":{"use_id":"U-9"}}"#, startU9],
             expected: [#"event r (use.ended): field "data.use_id": the end on 2024-03-01: use "U-9" is started on that date by a later line (event u of this batch); on the same date the line that starts it must come first"#]),
        Case(name: "occupation cleared before it is reported", batch: [
            #"{"id":"r","type":"occupation.cleared","occurred_on":"2024-03-01","data":{"occupation_id":"O-9","note":"n"}}"#, reportO9],
             expected: [#"event r (occupation.cleared): field "data.occupation_id": clearing on 2024-03-01: occupation "O-9" is reported on that date by a later line (event o of this batch); on the same date the line that reports it must come first"#]),
        Case(name: "asset of a community registered by a later line", batch: [
            #"{"id":"r","type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-8","community_id":"C-9","kind":"roof","name":"n","location":"l","area_m2":"1","registered_on":"2024-03-01","source":{"kind":"manual"}}}"#, registerC9],
             expected: [#"event r (asset.registered): field "data.community_id": community "C-9" is registered on 2024-03-01 by a later line (event c of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "fund of a community registered by a later line", batch: [
            #"{"id":"r","type":"fund.opened","occurred_on":"2024-03-01","data":{"fund_id":"F-8","community_id":"C-9","kind":"other","account":"a"}}"#, registerC9],
             expected: [#"event r (fund.opened): field "data.community_id": community "C-9" is registered on 2024-03-01 by a later line (event c of this batch); on the same date the line that registers it must come first"#]),
        Case(name: "asset of an import recorded by a later line", batch: [
            #"{"id":"r","type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-8","community_id":"C-1","kind":"roof","name":"n","location":"l","area_m2":"1","registered_on":"2024-03-01","source":{"kind":"import","import_id":"IMP-9","row":1}}}"#, importI9],
             expected: [#"event r (asset.registered): field "data.source.import_id": import "IMP-9" is imported on 2024-03-01 by a later line (event m of this batch); on the same date the line that imports it must come first"#]),
        Case(name: "re-check of a list issued by a later line", batch: [
            #"{"id":"r","type":"rectification.verified","occurred_on":"2024-03-01","data":{"list_id":"L-9","keys":["R1/A-1/x"],"result":"closed","verified_by":"v"}}"#, issueL9],
             expected: [#"event r (rectification.verified): field "data.list_id": rectification list "L-9" is issued on 2024-03-01 by a later line (event l of this batch); on the same date the line that issues it must come first"#]),
    ]

    @Test(arguments: laterCreations)
    func refusedWhenTheCreationComesLater(_ c: Case) {
        let issues = Self.run(existing: c.existing, batch: c.batch)
        #expect(issues.map(\.description) == c.expected)
        for issue in issues {
            let zh = issue.wording.zh
            #expect(zh.contains("同一日期内") && zh.contains("必须排在前面"), "\(zh)")
            for english in [" is ", " by ", " the ", " line", "; "] { #expect(!zh.contains(english), "\(english): \(zh)") }
        }
    }

    /// The same lines with the creation first are accepted: dates and places agree with the fold.
    @Test(arguments: laterCreations)
    func acceptedWhenTheCreationComesFirst(_ c: Case) {
        #expect(Self.run(existing: c.existing, batch: c.batch.reversed()).map(\.description) == [])
    }

    /// The same lines with the creation in an earlier batch on the same date (an earlier seq) are accepted too.
    @Test(arguments: laterCreations)
    func acceptedWhenTheCreationIsRecordedEarlier(_ c: Case) {
        #expect(Self.run(existing: c.existing + "\n" + c.batch.last!, batch: Array(c.batch.dropLast())).map(\.description) == [])
    }

    /// A deciding vote may follow the act, even later on the same date: a ratification, which the rules report.
    @Test func aDecisionRecordedLaterTheSameDayIsStillARatification() {
        let decision = #"{"id":"d","type":"decision.recorded","occurred_on":"2024-03-01","data":{"decision_id":"D-9","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"6000","participating_owners":60,"approving_area_m2":"4500","approving_owners":45,"authorises":{}}}"#
        let act = #"{"id":"r","type":"contract.signed","occurred_on":"2024-03-01","data":{"contract_id":"K-8","community_id":"C-1","asset_ids":["A-2"],"counterparty":"c","purpose":"p","start_on":"2024-03-01","end_on":"2025-02-28","rent_fen":100,"rent_period":"month","decision_id":"D-9"}}"#
        #expect(Self.run(existing: "", batch: [act, decision]).isEmpty)
    }

    // MARK: corrections and re-recording

    /// A replacement keeps the place of the record it replaces: moving an income to a fund opened the same day by a
    /// later record loses it (review 31 d2).
    @Test func aReplacementBeforeTheFundItNamesIsRefused() {
        let existing = Self.incomeF1 + "\n" + Self.openF9   // seqs 10, 11
        let correction = #"{"id":"x","type":"correction","occurred_on":"2024-06-01","data":{"corrects":"i","reason":"r","replacement":{"type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":50000,"counterparty":"c","voucher":"v","category":"parking"}}}}"#
        let issues = Self.run(existing: existing, batch: [correction])
        #expect(issues.map(\.description) == [
            #"event x (correction): field "data.replacement.data.fund_id": fund "F-9" is opened on 2024-03-01 by record seq 11, after the record this replacement takes the place of (record seq 10), whose place a replacement keeps: void that record and record the fund.income again after record seq 11 instead of correcting it"#,
        ])
        #expect(issues.map(\.wording.zh) == [
            "资金账户“F-9”于 2024-03-01 由第 11 条记录开立，晚于本更正所替换的记录（第 10 条记录），而更正沿用该记录的位置：请作废该记录，在第 11 条记录之后重新记录这条 fund.income，而不要更正它",
        ])
        // The advice taken: void the income, record it again (after the fund): accepted.
        let void = #"{"id":"x","type":"correction","occurred_on":"2024-06-01","data":{"corrects":"i","reason":"r"}}"#
        let again = #"{"id":"i2","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":50000,"counterparty":"c","voucher":"v","category":"parking"}}"#
        #expect(Self.run(existing: existing, batch: [void, again]).isEmpty)
        // Recorded the other way round (the fund first), the same correction is accepted.
        #expect(Self.run(existing: Self.openF9 + "\n" + Self.incomeF1, batch: [correction]).isEmpty)
    }

    /// A correction of an event earlier in the same batch keeps that event's place in the batch.
    @Test func aReplacementOfABatchEventKeepsItsPlace() {
        let correction = #"{"id":"x","type":"correction","occurred_on":"2024-03-01","data":{"corrects":"i","reason":"r","replacement":{"type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":50000,"counterparty":"c","voucher":"v","category":"parking"}}}}"#
        #expect(Self.run(existing: "", batch: [Self.incomeF1, Self.openF9, correction]).map(\.description) == [
            #"event x (correction): field "data.replacement.data.fund_id": fund "F-9" is opened on 2024-03-01 by event f of this batch, after the record this replacement takes the place of (event i of this batch), whose place a replacement keeps: void that record and record the fund.income again after event f of this batch instead of correcting it"#,
        ])
        #expect(Self.run(existing: "", batch: [Self.openF9, Self.incomeF1, correction]).isEmpty)
    }

    /// A correction of a creation keeps its place, so what followed it on its date still finds it; voiding it and
    /// recording it again moves it after them (review 31 d1d): refused, with the correction as the advice.
    @Test func voidingACreationAndRecordingItAgainIsRefusedWhenItMovesAfterItsUses() {
        let existing = Self.openF9 + "\n" + #"{"id":"i","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-9","amount_fen":35000000,"counterparty":"c","voucher":"v","category":"deposit"}}"#
        let void = #"{"id":"x","type":"correction","occurred_on":"2024-04-01","data":{"corrects":"f","reason":"wrong account"}}"#
        let again = #"{"id":"f2","type":"fund.opened","occurred_on":"2024-03-01","data":{"fund_id":"F-9","community_id":"C-1","kind":"maintenance","account":"right"}}"#
        let issues = Self.run(existing: existing, batch: [void, again])
        #expect(issues.map(\.description) == [
            #"this batch would make record seq 11 (id i, fund.income) invalid: field "data.fund_id": fund "F-9" is opened on 2024-03-01 by a later line (event f2 of this batch), after this record of the same date, which would not find it: to change a fund.opened already recorded, record a correction of it (a replacement keeps its place) instead of voiding it and recording it again; a new one must be dated before this record"#,
        ])
        #expect(issues.map(\.wording.zh) == [
            "资金账户“F-9”于 2024-03-01 由后面的一行开立（本批事件 f2），晚于这条同日的记录，这条记录将找不到它：要修改已记录的 fund.opened，请对它记一条更正（替换沿用原位置），而不要作废后重新记录；新登记的须早于这条记录的日期",
        ])
        let correction = #"{"id":"x","type":"correction","occurred_on":"2024-04-01","data":{"corrects":"f","reason":"wrong account","replacement":{"type":"fund.opened","occurred_on":"2024-03-01","data":{"fund_id":"F-9","community_id":"C-1","kind":"maintenance","account":"right"}}}}"#
        #expect(Self.run(existing: existing, batch: [correction]).isEmpty)
        // Re-recorded on an earlier date, the fund exists before the income again.
        #expect(Self.run(existing: existing, batch: [void, again.replacingOccurrences(of: "2024-03-01", with: "2024-02-29")]).isEmpty)
    }

    /// A problem already in a log written before this rule does not block an append (only the problems a batch causes).
    @Test func aSameDayProblemAlreadyInTheLogDoesNotBlockAppends() {
        let existing = Self.incomeF1.replacingOccurrences(of: "F-1", with: "F-9") + "\n" + Self.openF9
        #expect(Self.run(existing: existing, batch: [#"{"id":"n","type":"fund.income","occurred_on":"2024-03-02","data":{"fund_id":"F-9","amount_fen":1,"counterparty":"c","voucher":"v","category":"x"}}"#]).isEmpty)
    }

    // MARK: the reviewer's reproductions (/tmp/rev31p/repro)

    /// d1: seven same-day lines, four naming what a later line creates: every one refused in one run.
    @Test func reproductionD1() {
        let records = Fixtures.records(Fixtures.events("""
            {"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"10000.00","total_owners":100}}
            {"id":"f1","type":"fund.opened","occurred_on":"2024-01-05","data":{"fund_id":"F1","community_id":"C1","kind":"public_income","account":"acct1"}}
            """))
        let batch = [
            #"{"id":"p1","type":"fund.income","occurred_on":"2024-02-01","data":{"fund_id":"F1","amount_fen":10000,"counterparty":"甲","voucher":"R1","category":"leasing","source":{"contract_id":"K1"}}}"#,
            #"{"id":"u1","type":"use.started","occurred_on":"2024-02-01","data":{"use_id":"U1","asset_id":"A1","user":"业委会","purpose":"活动"}}"#,
            #"{"id":"k1","type":"contract.signed","occurred_on":"2024-02-01","data":{"contract_id":"K1","community_id":"C1","asset_ids":["A2"],"counterparty":"甲","purpose":"x","start_on":"2024-02-01","end_on":"2025-01-31","rent_fen":10000,"rent_period":"month","payee_fund_id":"F1"}}"#,
            #"{"id":"a1","type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A1","community_id":"C1","kind":"club_room","name":"会所","location":"二层","area_m2":"120.00","registered_on":"2024-02-01","source":{"kind":"manual"}}}"#,
            #"{"id":"a2","type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A2","community_id":"C1","kind":"advertising","name":"电梯广告","location":"1号楼","area_m2":"0.50","registered_on":"2024-02-01","source":{"kind":"manual"}}}"#,
            #"{"id":"i2","type":"fund.income","occurred_on":"2024-02-01","data":{"fund_id":"F2","amount_fen":7000,"counterparty":"乙","voucher":"R2","category":"parking"}}"#,
            #"{"id":"f2","type":"fund.opened","occurred_on":"2024-02-01","data":{"fund_id":"F2","community_id":"C1","kind":"maintenance","account":"acct2"}}"#,
        ]
        let issues = Self.issues(existing: records, batch: Fixtures.events(batch.joined(separator: "\n")))
        #expect(issues.map(\.description) == [
            #"event p1 (fund.income): field "data.source.contract_id": contract "K1" is signed on 2024-02-01 by a later line (event k1 of this batch); on the same date the line that signs it must come first"#,
            #"event u1 (use.started): field "data.asset_id": asset "A1" is registered on 2024-02-01 by a later line (event a1 of this batch); on the same date the line that registers it must come first"#,
            #"event k1 (contract.signed): field "data.asset_ids[0]": asset "A2" is registered on 2024-02-01 by a later line (event a2 of this batch); on the same date the line that registers it must come first"#,
            #"event i2 (fund.income): field "data.fund_id": fund "F2" is opened on 2024-02-01 by a later line (event f2 of this batch); on the same date the line that opens it must come first"#,
        ])
        #expect(issues.map(\.wording.zh).last == "资金账户“F2”于 2024-02-01 由后面的一行开立（本批事件 f2）；同一日期内，开立它的那一行必须排在前面")
        // Registrations first (the reviewer's second order): accepted.
        let ordered = [4, 5, 7, 3, 1, 2, 6].map { batch[$0 - 1] }
        #expect(Self.issues(existing: records, batch: Fixtures.events(ordered.joined(separator: "\n"))).isEmpty)
    }

    /// d1c: a clearing listed before its occupation, the same day.
    @Test func reproductionD1c() {
        let records = Fixtures.records(Fixtures.events("""
            {"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"10000.00","total_owners":100}}
            {"id":"a6","type":"asset.registered","occurred_on":"2024-01-08","data":{"asset_id":"A6","community_id":"C1","kind":"corridor","name":"走廊","location":"2号楼","area_m2":"40","registered_on":"2024-01-08","source":{"kind":"manual"}}}
            """))
        let batch = Fixtures.events("""
            {"id":"oc","type":"occupation.cleared","occurred_on":"2024-03-01","data":{"occupation_id":"O6","note":"当日清理完毕"}}
            {"id":"or","type":"occupation.reported","occurred_on":"2024-03-01","data":{"occupation_id":"O6","asset_id":"A6","occupant":"某住户","description":"走廊堆放杂物"}}
            """)
        let issues = Self.issues(existing: records, batch: batch)
        #expect(issues.map(\.description) == [
            #"event oc (occupation.cleared): field "data.occupation_id": clearing on 2024-03-01: occupation "O6" is reported on that date by a later line (event or of this batch); on the same date the line that reports it must come first"#,
        ])
        #expect(issues.map(\.wording.zh) == ["2024-03-01 的清除：占用“O6”在同一日期由后面的一行报告（本批事件 or）；同一日期内，报告它的那一行必须排在前面"])
        #expect(Self.issues(existing: records, batch: batch.reversed()).isEmpty)
    }

    /// d1d: a fund.opened voided and recorded again after its same-day deposit.
    @Test func reproductionD1d() {
        let records = Fixtures.records(Fixtures.events("""
            {"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"10000.00","total_owners":100}}
            {"id":"f1","type":"fund.opened","occurred_on":"2024-01-05","data":{"fund_id":"F1","community_id":"C1","kind":"maintenance","account":"错误账号"}}
            {"id":"i1","type":"fund.income","occurred_on":"2024-01-05","data":{"fund_id":"F1","amount_fen":35000000,"counterparty":"业主首期缴存","voucher":"JC-001","category":"deposit"}}
            """))
        let batch = Fixtures.events("""
            {"id":"x1","type":"correction","occurred_on":"2024-02-01","data":{"corrects":"f1","reason":"账号录错，作废后重录"}}
            {"id":"f1b","type":"fund.opened","occurred_on":"2024-01-05","data":{"fund_id":"F1","community_id":"C1","kind":"maintenance","account":"QD-WX-1001"}}
            """)
        #expect(Self.issues(existing: records, batch: batch).map(\.description) == [
            #"this batch would make record seq 3 (id i1, fund.income) invalid: field "data.fund_id": fund "F1" is opened on 2024-01-05 by a later line (event f1b of this batch), after this record of the same date, which would not find it: to change a fund.opened already recorded, record a correction of it (a replacement keeps its place) instead of voiding it and recording it again; a new one must be dated before this record"#,
        ])
    }

    /// d2: a correction moving an income to a fund opened that day, recorded after the income.
    @Test func reproductionD2() {
        let records = Fixtures.records(Fixtures.events("""
            {"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"10000.00","total_owners":100}}
            {"id":"f1","type":"fund.opened","occurred_on":"2024-01-05","data":{"fund_id":"F1","community_id":"C1","kind":"public_income","account":"acct1"}}
            {"id":"i1","type":"fund.income","occurred_on":"2024-05-01","data":{"fund_id":"F1","amount_fen":50000,"counterparty":"甲","voucher":"R1","category":"parking"}}
            {"id":"f9","type":"fund.opened","occurred_on":"2024-05-01","data":{"fund_id":"F9","community_id":"C1","kind":"maintenance","account":"维修资金专户"}}
            """))
        let batch = Fixtures.events(#"{"id":"x1","type":"correction","occurred_on":"2024-06-01","data":{"corrects":"i1","reason":"应入维修资金专户","replacement":{"type":"fund.income","occurred_on":"2024-05-01","data":{"fund_id":"F9","amount_fen":50000,"counterparty":"甲","voucher":"R1","category":"parking"}}}}"#)
        #expect(Self.issues(existing: records, batch: batch).map(\.description) == [
            #"event x1 (correction): field "data.replacement.data.fund_id": fund "F9" is opened on 2024-05-01 by record seq 4, after the record this replacement takes the place of (record seq 3), whose place a replacement keeps: void that record and record the fund.income again after record seq 4 instead of correcting it"#,
        ])
    }

    // MARK: the property

    /// For seeded random logs over three dates (so that most facts share a date with the entities they name, in
    /// random line order, with corrections), every batch the checks accept folds whole: no anomaly, every movement
    /// in its funds, every payment linked to its contract, every use, occupation, contract, inspection, spending and
    /// update linked to its asset, every registration to its community, every end applied.
    @Test(arguments: TestScale.seeds(8, from: 3101))
    func everyAcceptedBatchFoldsWhole(seed: UInt64) {
        var generator = CheckEventGenerator(seed: seed, days: 3)
        // Creations three times as often as the rest, so that most references can resolve; the communities and
        // imports (which nothing but a creation names) registered the day before.
        generator.typePool += Array(repeating: ["asset.registered", "fund.opened", "decision.recorded", "contract.signed", "use.started",
                                                "occupation.reported", "rectification.issued"], count: 2).flatMap { $0 }
        var records = Fixtures.records(Fixtures.events(Self.communitiesBefore))
        var accepted = 0
        for step in 0..<400 {
            let batch = generator.batch(generator.random.int(1...3))
            guard Self.issues(existing: records, batch: batch).isEmpty else { continue }
            records += Fixtures.records(batch, firstSeq: Int64(records.count) + 1)
            accepted += 1
            if step % 40 == 39 { Self.expectFoldedWhole(records, "seed \(seed) step \(step)") }
        }
        Self.expectFoldedWhole(records, "seed \(seed) end")
        #expect(accepted >= 15, "seed \(seed): only \(accepted) batches accepted")
    }

    /// The generator's communities and imports, on 2023-12-31.
    static let communitiesBefore = ["C-1", "C-2", "C-3"].map {
        #"{"id":"setup-\#($0)","type":"community.registered","occurred_on":"2023-12-31","data":{"community_id":"\#($0)","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#
    }.joined(separator: "\n") + "\n" + ["IMP-1", "IMP-2"].map {
        #"{"id":"setup-\#($0)","type":"register.imported","occurred_on":"2023-12-31","data":{"import_id":"\#($0)","file_name":"f.csv","file_sha256":"\#(String(repeating: "e4", count: 32))","rows_read":1,"rows_new":1,"rows_updated":0,"rows_unchanged":0}}"#
    }.joined(separator: "\n")

    static func expectFoldedWhole(_ records: [Record], _ note: String) {
        let p = Projection(records: records, asOf: CalendarDate(year: 2030, month: 1, day: 1)!)
        #expect(p.anomalies.isEmpty, "\(note): \(p.anomalies)")
        func movements(_ fact: EffectiveFact) -> [Int] { p.movements.indices.filter { p.movements[$0].evidence == fact.evidence } }
        for fact in p.facts {
            let at = "\(note): \(fact.evidence)"
            switch fact.payload {
            case .communityRegistered, .registerImported, .rectificationIssued, .rectificationReported, .rectificationVerified,
                 .rectificationExtended, .personalDataErased, .correction:
                break
            case .assetRegistered(let a):
                #expect(p.communities[a.communityID]?.assetIDs.contains(a.assetID) == true, "\(at)")
            case .assetUpdated(let u):
                #expect(p.assets[u.assetID]?.updates.contains { $0.evidence == fact.evidence } == true, "\(at)")
            case .assetRetired(let r):
                #expect(p.assets[r.assetID]?.retired?.evidence == fact.evidence, "\(at)")
            case .fundOpened(let f):
                #expect(p.communities[f.communityID]?.fundIDs.contains(f.fundID) == true, "\(at)")
            case .decisionRecorded(let d):
                #expect(p.communities[d.communityID]?.decisionIDs.contains(d.decisionID) == true, "\(at)")
            case .contractSigned(let k):
                #expect(p.contracts[k.contractID]?.evidence == fact.evidence, "\(at)")
                #expect(p.communities[k.communityID]?.contractIDs.contains(k.contractID) == true, "\(at)")
                for asset in k.assetIDs { #expect(p.assets[asset]?.contractIDs.contains(k.contractID) == true, "\(at)") }
                if let d = k.decisionID { #expect(p.decisions[d]?.contractIDs.contains(k.contractID) == true, "\(at)") }
            case .contractTerminated(let t):
                #expect(p.contracts[t.contractID]?.terminated?.evidence == fact.evidence, "\(at)")
            case .useStarted(let u):
                #expect(p.assets[u.assetID]?.useIDs.contains(u.useID) == true, "\(at)")
                if case .decision(let d) = u.authority { #expect(p.decisions[d]?.useIDs.contains(u.useID) == true, "\(at)") }
            case .useEnded(let e):
                #expect(p.uses[e.useID]?.ended?.evidence == fact.evidence, "\(at)")
            case .inspectionRecorded(let i):
                #expect(p.assets[i.assetID]?.inspectionIndexes.contains { p.inspections[$0].evidence == fact.evidence } == true, "\(at)")
            case .occupationReported(let o):
                #expect(p.assets[o.assetID]?.occupationIDs.contains(o.occupationID) == true, "\(at)")
            case .occupationCleared(let c):
                #expect(p.occupations[c.occupationID]?.cleared?.evidence == fact.evidence, "\(at)")
            case .fundIncome(let i):
                let m = movements(fact)
                #expect(m.count == 1 && p.movements[m[0]].fundID == i.fundID, "\(at)")
                if let k = i.sourceContractID {
                    #expect(p.contracts[k]?.paymentIndexes.contains { m.contains($0) } == true, "\(at): payment not linked to \(k)")
                }
            case .fundSpending(let s):
                let m = movements(fact)
                #expect(m.count == 1, "\(at)")
                for asset in s.assetIDs { #expect(p.assets[asset]?.spendingIndexes.contains { m.contains($0) } == true, "\(at)") }
                if let d = s.decisionID { #expect(p.decisions[d]?.movementIndexes.contains { m.contains($0) } == true, "\(at)") }
            case .fundTransfer:
                #expect(movements(fact).count == 2, "\(at)")
            case .fundBalanceAsserted(let b):
                #expect(p.funds[b.fundID]?.assertions.contains { $0.evidence == fact.evidence } == true, "\(at)")
            case .disclosurePublished(let d):
                #expect(p.communities[d.communityID]?.disclosureIndexes.contains { p.disclosures[$0].evidence == fact.evidence } == true, "\(at)")
            }
        }
    }
}
