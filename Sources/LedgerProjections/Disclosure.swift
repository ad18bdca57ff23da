import LedgerEvents

/// A disclosure (公示).
public struct Disclosure: Equatable, Sendable {
    public let terms: DisclosurePublished
    public let publishedOn: CalendarDate
    public let evidence: Evidence
}
