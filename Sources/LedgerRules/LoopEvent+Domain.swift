import LedgerEvents

extension LoopEvent.Payload {
    /// The loop payload of a domain event, nil for any other event.
    init?(_ event: DomainEvent) {
        return nil
    }
}
