import LedgerEvents

/// The numbers the law fixes; printed beside the policy but never read from a policy file.
public enum LawConstants {
    /// Quorum of a joint decision: ≥ 2/3 of all area and of all owners ([CC] 278).
    public static let quorum = Share.twoThirds
    /// Special majority for items 6–8 of [CC] 278: ≥ 3/4 of participating area and owners.
    public static let specialMajority = Share.threeQuarters
    /// Simple majority for other items: > 1/2 of participating area and owners ([CC] 278, 1259).
    public static let simpleMajority = Share.half
    /// Longest lease term; the excess is void ([CC] 705).
    public static let leaseTermMaxMonths = 240
    /// Longest gap between maintenance-fund disclosures the law allows ([MF] 30).
    public static let maintenanceDisclosureMonthsMax = 12
    /// Longest time a maintenance fund holding money may go without a bank reconciliation ([MF] 30, 31): FUND-11.
    public static let maintenanceReconciliationMonthsMax = 12
}
