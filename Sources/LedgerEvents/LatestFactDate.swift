/// The latest date a fact may hold when it is recorded — one "today" for every door that refuses a fact, an option
/// or a cell dated in the future (`ledger append`, every `ledger import`, `--registered-on`, `erase-personal --on`):
/// today in Beijing (UTC+8, where the records are kept; `CommandContext.today`, every command's "today", never later
/// than the day after the UTC date, ledger-spec.md section 2), or, when `--recorded-at` gives an earlier bound, the
/// day after that recording date (section 2's bound of the stamp, by which the samples are made), so that a
/// `--recorded-at` in the future does not lift the guard against a typing error in the year.
public struct LatestFactDate: Sendable, Equatable {
    /// The latest date taken.
    public let date: CalendarDate
    /// The `--recorded-at` date when the day after it is earlier than today and so sets the bound; nil when today
    /// sets it.
    public let stampDate: CalendarDate?

    /// - Parameters:
    ///   - recordedAt: the records' stamp (`--recorded-at`, else now).
    ///   - today: today in Beijing (`CommandContext.today`).
    public init(recordedAt: Timestamp, today: CalendarDate) {
        let stampBound = recordedAt.date.adding(days: 1)
        stampDate = stampBound < today ? recordedAt.date : nil
        date = stampDate == nil ? today : stampBound
    }

    /// Today (in Beijing) sets the bound: a command without `--recorded-at`.
    public init(today: CalendarDate) {
        date = today
        stampDate = nil
    }

    /// Whether `fact` is after the bound.
    public func refuses(_ fact: CalendarDate) -> Bool { fact > date }

    /// What a date after the bound is, naming the day that set it: `is after today in Beijing (UTC+8), 2026-01-05` /
    /// `晚于今天（北京时间 2026-01-05）`, or `is after the recording date that --recorded-at gives (2025-01-01, UTC)`.
    public var exceeded: Wording {
        guard let stampDate else {
            return Wording(en: "is after today in Beijing (UTC+8), \(date)", zh: "晚于今天（北京时间 \(date)）")
        }
        return Wording(en: "is after the recording date that --recorded-at gives (\(stampDate), UTC)",
                       zh: "晚于 --recorded-at 给出的记录日期（\(stampDate)，UTC）")
    }

    /// Why `ledger append` refuses `fact` (an event's `occurred_on`, or a correction's replacement's).
    public func refusal(_ fact: CalendarDate, correction: Bool) -> Wording {
        let head = Wording(en: "\(fact) \(exceeded.en)", zh: "\(fact) \(exceeded.zh)")
        if correction {
            return head + (stampDate == nil
                ? Wording(en: "; a correction states facts that have happened — check the date", zh: "；更正陈述的是已经发生的事实——请核对日期")
                : Wording(en: "; a correction states facts that have happened", zh: "；更正陈述的是已经发生的事实"))
        }
        return head + (stampDate == nil
            ? Wording(en: "; record facts once they have happened — check the date, or append it on \(fact) or later; a planned date belongs in the payload, e.g. a contract's end_on",
                      zh: "；事实发生之后才能记录——请核对日期，或于 \(fact) 当天或之后再追加；计划中的日期写在内容里，例如合同的 end_on")
            : Wording(en: "; record facts once they have happened — a planned date belongs in the payload, e.g. a contract's end_on",
                      zh: "；事实发生之后才能记录——计划中的日期写在内容里，例如合同的 end_on"))
    }
}
