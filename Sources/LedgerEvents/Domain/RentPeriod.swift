/// How often rent falls due.
public enum RentPeriod: String, CaseIterable, Sendable {
    case month, quarter, year, once
}
