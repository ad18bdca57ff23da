import LedgerEvents

extension LoopEvent.Payload {
    /// The loop payload of a domain event, nil for any other event.
    init?(_ event: DomainEvent) {
        switch event {
        case .rectificationIssued(let p): self = .issued(p)
        case .rectificationReported(let p): self = .reported(p)
        case .rectificationVerified(let p): self = .verified(p)
        case .rectificationExtended(let p): self = .extended(p)
        default: return nil
        }
    }
}
