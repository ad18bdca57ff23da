/// What an inspector saw.
public enum Observation: String, CaseIterable, Sendable {
    case idle, in_use, occupied, damaged
}
