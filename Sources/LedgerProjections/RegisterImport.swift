import LedgerEvents

/// An imported register batch.
public struct RegisterImport: Equatable, Sendable {
    public let terms: RegisterImported
    public let importedOn: CalendarDate
    public let evidence: Evidence
}
