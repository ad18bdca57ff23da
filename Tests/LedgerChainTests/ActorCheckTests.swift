import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerTestSupport
import Testing

/// The writer's per-event actor check (`LogWriter.resolve`, which checks an actor only when it differs from the last
/// one and from every one the writer found good before, `goodActors`, compared by key then string): a batch whose
/// actors take turns (more of them than the writer remembers) is refused exactly when one of its events' actors (or
/// the default) is blank, with that first event's error, as `actorProblemWording` says. Written for a faster check
/// that was measured slower and dropped (docs/perf-append27.md); session 29's remembered actors pass it too.
@Suite struct ActorCheckTests {
    /// Actors taking turns (more than the writer remembers), ASCII and CJK, the same name composed and decomposed,
    /// and blank ones (spaces, an ideographic space, a tab, empty) now and then.
    static let good = ["clerk", "街道办-张敏", "街道办-刘洋", "王芳", " leading-space", "\u{3000}全角开头", "café", "cafe\u{301}",
                       "a", "~", "街道办-赵磊", "街道办-李强", "街道办-陈静", "街道办-杨帆", "街道办-黄丽", "!",
                       "居委会-周平", "居委会-吴刚", "物业-郑红", "业委会-孙丽", "x y", "Å", "A\u{30A}", "\u{212B}"]
    static let blank = ["", " ", "   ", "\u{3000}", "\t", " \u{3000} ", "\u{A0}"]

    @Test(arguments: TestScale.seeds(6, from: 1))
    func aBatchIsRefusedAtItsFirstBlankActorAsTheCheckSays(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        var next = 0
        var refused = 0, written = 0
        for round in 0..<30 {
            let size = [1, 3, 20, 64, 200][random.int(0..<5)]
            let defaultActor: String? = random.int(0..<4) == 0 ? Self.blank[random.int(0..<Self.blank.count)] : "clerk"
            let blankOdds = random.int(0..<3) == 0 ? 0 : random.int(1...40)
            var events: [Event] = []
            for _ in 0..<size {
                var event = TestLedger.event(next)
                next += 1
                let roll = random.int(0..<1_000)
                if roll < blankOdds {
                    event.actor = Self.blank[random.int(0..<Self.blank.count)]
                } else if roll < 100 {
                    event.actor = nil                                    // the default, blank or not
                } else {
                    event.actor = Self.good[random.int(0..<Self.good.count)]
                }
                events.append(event)
            }
            // The model: the first event whose actor (or the default) the check refuses.
            let firstBlank = events.first { event in
                EventInput.actorProblemWording(event.actor ?? defaultActor ?? "") != nil
            }
            let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: defaultActor, makeId: { "generated" })
            do {
                let result = try writer.append(events, options: options)
                #expect(firstBlank == nil, "seed \(seed) round \(round): written with a blank actor")
                #expect(result.appended.count == events.count)
                written += 1
            } catch {
                guard let event = firstBlank, let actor = event.actor ?? defaultActor,
                      let problem = EventInput.actorProblemWording(actor) else {
                    Issue.record("seed \(seed) round \(round): refused: \(error)")
                    continue
                }
                #expect("\(error)" == "\(ChainError.invalidBatch(SystemWords.badActor(event: event.id!, problem)))",
                        "seed \(seed) round \(round)")
                refused += 1
            }
        }
        #expect(refused > 0 && written > 0, "refused \(refused), written \(written)")
    }
}
