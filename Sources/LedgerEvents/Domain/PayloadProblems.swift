/// Where a payload's problems are collected when every one is wanted (`PayloadCodec.problems`): a schema reader
/// then notes each problem and goes on with a stand-in value instead of throwing the first.
final class PayloadProblems {
    /// The problems noted, in the order the schema met them.
    private(set) var list: [EventError.PayloadProblem] = []
    /// A sink of an object standing in for a missing or wrong one: its members' problems are that object's, said once.
    let muted: Bool
    /// Whether the event's date is known; when not, the rules that compare a payload date with it are left out.
    var occurredOnKnown: Bool
    /// Whether the writer's door rules apply too (ids in Unicode NFC, EventInput+NFC.swift): a person's input, not
    /// a record being read.
    let atDoor: Bool
    /// How many of `list` are a door rule's problems (none unless `atDoor`).
    var doorProblemCount = 0

    init(muted: Bool = false, occurredOnKnown: Bool = true, atDoor: Bool = false) {
        self.muted = muted
        self.occurredOnKnown = occurredOnKnown
        self.atDoor = atDoor && !muted
    }

    /// Notes `error`, a payload reader's `.payload` (the readers throw nothing else).
    func add(_ error: EventError) {
        guard case .payload(let problem) = error else { preconditionFailure("a payload reader throws .payload: \(error)") }
        if !muted { list.append(problem) }
    }

    /// Whether the field at `path` (or a member or element of it) has a problem noted; always, in a muted sink.
    func failed(_ path: String) -> Bool {
        muted || list.contains { $0.field == path || $0.field.hasPrefix(path + ".") || $0.field.hasPrefix(path + "[") }
    }
}
