import LedgerEvents
@testable import LedgerProjections
import Testing

/// The repair `verify --schema` gives for a fact folded before what it names (`ReferenceWords.foldedBeforeCreation`):
/// the fact's type by its Chinese name in Chinese, and, when the creation is dated after the fact, the correction of
/// the creation's date as a second way, dated so that the replacement (which keeps its record's place) comes first.
@Suite struct FoldOrderRepairWordingTests {
    static func before(creationSeq: Int64, creationDate: String, position: Int64, date: String) -> ReferenceChecker.FoldedBefore {
        ReferenceChecker.FoldedBefore(kind: .asset, id: "A9", creationSeq: creationSeq, creationDate: CalendarDate(iso: creationDate)!,
                                      position: position, date: CalendarDate(iso: date)!, ending: nil)
    }

    @Test func onOneDateOnlyTheFactMoves() {
        let w = ReferenceWords.foldedBeforeCreation(Self.before(creationSeq: 7, creationDate: "2024-03-01", position: 6, date: "2024-03-01"),
                                                    factType: "use.started")
        #expect(w.en.hasSuffix("then record the use.started again, dated 2024-03-01 or later, so that it comes after record seq 7"))
        #expect(w.zh.hasSuffix("再重新记录这条开始使用记录（use.started），日期不早于 2024-03-01，使其排在第 7 条记录之后"))
        #expect(!w.en.contains("creation's date") && !w.zh.contains("创建记录的日期"))
    }

    /// The creation's record before the fact's: the fact's own date is early enough for the replacement.
    @Test func aCreationBeforeTheFactMayTakeTheFactsDate() {
        let w = ReferenceWords.foldedBeforeCreation(Self.before(creationSeq: 5, creationDate: "2024-03-01", position: 16, date: "2024-02-28"),
                                                    factType: "inspection.recorded")
        #expect(w.en.hasSuffix("; or, if it is the creation's date that is wrong, record a correction of record seq 5 whose replacement is the same asset.registered dated 2024-02-28 or earlier"))
        #expect(w.zh.hasSuffix("再重新记录这条巡查记录（inspection.recorded），日期不早于 2024-03-01，使其排在第 5 条记录之后；"
                               + "如果有误的是创建记录的日期，也可以对第 5 条记录记一条更正，替换内容为同一条共有部分登记记录（asset.registered），日期改为不晚于 2024-02-28"))
    }

    /// The creation's record after the fact's: on the fact's date the replacement would still come after it, so an
    /// earlier date is asked for.
    @Test func aCreationAfterTheFactMustBeDatedEarlier() {
        let w = ReferenceWords.foldedBeforeCreation(Self.before(creationSeq: 20, creationDate: "2024-03-05", position: 16, date: "2024-02-28"),
                                                    factType: "use.started")
        #expect(w.en.hasSuffix("record a correction of record seq 20 whose replacement is the same asset.registered dated before 2024-02-28"))
        #expect(w.zh.hasSuffix("也可以对第 20 条记录记一条更正，替换内容为同一条共有部分登记记录（asset.registered），日期改为早于 2024-02-28"))
    }

    /// The record's line names its type in Chinese, the log's name beside it.
    @Test func theRecordsLineNamesItsTypeInChinese() {
        let problem = FoldOrderProblem(seq: 6, eventID: "b-use", type: "use.started", field: "data.asset_id", entityKind: "asset",
                                       entityID: "A9", creationSeq: 7, wording: Wording(en: "x", zh: "甲"))
        #expect(problem.chineseDescription.hasPrefix("第 6 条记录（id b-use，开始使用 use.started）：字段“data.asset_id”"))
        #expect(problem.description == "seq 6 (id b-use, use.started): field \"data.asset_id\": x")
    }
}
