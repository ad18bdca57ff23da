import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerRules
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `index/rectify.state` holds findings, not inputs: a file the rules before session 30 made (version 4: OCC-02 on a
/// contract's termination day, a use begun before its contract's term reported twice, decisions' matters unchecked,
/// failed votes worded on both measures …) must never answer after the upgrade.
@Suite struct RectifyStateRulesVersionTests {
    @Test func aFileOfTheEarlierRulesIsNoticedAndMadeAgain() throws {
        var random = SplitMix64(seed: 91)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(100)), to: directory)
        cli.environment["LEDGER_CITY_PART"] = "9"
        let arguments = ["rectify", "--format", "json"]
        #expect(cli.run(arguments) == 0)
        let answer = cli.stdoutBytes
        let path = RectifyState.path(directory)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (header, headerLength) = try #require(try? DerivedStateHeader.decode(good[...], kind: RectifyState.kind,
                                                                                  version: RectifyState.version))
        // The same file as version 4 wrote it: a well-formed header (its checksum made again), the earlier rules' number.
        let earlier = DerivedStateHeader(kind: header.kind, version: 4, ledgerName: header.ledgerName, genesis: header.genesis,
                                         stamp: header.stamp, bodyBytes: header.bodyBytes).encoded()
        #expect(earlier.count == headerLength)
        var bytes = good
        bytes.replaceSubrange(0..<headerLength, with: earlier)
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer)
        let notes = ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.state in") }
        #expect(notes.count == 1 && notes[0].hasSuffix("rebuilt from the log (answers are unaffected)."), "\(cli.stderr)")
        // Made again under the current version.
        let remade = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect((try? DerivedStateHeader.decode(remade[...], kind: RectifyState.kind, version: RectifyState.version)) != nil)
    }
}
