import LedgerEvents

/// A typed value inside a fact; LedgerReports formats it for people.
public enum FactValue: Hashable, Sendable {
    case amount(Amount)
    case date(CalendarDate)
    case integer(Int64)
    case text(String)
    /// A field that may name a private person: reports show its text, or its value from `private/`.
    case person(PersonalText)
    case area(DecimalQuantity)
    /// A ratio shown as a percentage.
    case percent(Ratio)
    /// A legal share such as 3/4.
    case share(Share)
    /// Money per square metre: fen per m² as an exact ratio.
    case fenPerSquareMetre(Ratio)
    /// Several texts (ids) a fact lists, in order, so that one sentence names them all (`A1、A2、A3`).
    case texts([String])
}
