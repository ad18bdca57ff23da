import LedgerChain
import LedgerEvents

/// The domain check of a batch before it is written: run under the writer's lock against the verified records,
/// so no other writer can change the state in between. `events` are the new events only (duplicates removed),
/// each with its id filled in. Throws `.input` with every problem found; nothing is written then.
enum AppendValidation {
    static func validate(existing: [Record], events: [Event], source: String) throws(CLIError) {
        // Domain validation (issue 3) plugs in here.
    }
}
