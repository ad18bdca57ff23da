import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// A whole-city list from `index/rectify.state` read a community at a time (ledger-spec.md 15.8, "Rendering"): the
/// second pass decodes each unit without validating its strings again, which is sound only because the bytes it reads
/// are the bytes the first pass checked (the same SHA-256); the first pass compares keys by a hash made from the stored
/// bytes, which must be the hash of the key as the finding gives it, canonically equivalent keys alike.
@Suite struct RectifyDecodeOnceTests {
    /// A ledger of seeded random events with its `index/rectify.state` made, opened.
    static func stored(seed: UInt64) throws -> (CLIHarness, LedgerDirectory, RectifyState.Stored) {
        var random = SplitMix64(seed: seed)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(events, to: directory)
        cli.environment["LEDGER_CITY_PART"] = "7"
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(cli.stderr)")
        guard case .usable(let stored)? = RectifyState.open(directory) else {
            Issue.record("the state made is not usable")
            throw CancellationError()
        }
        return (cli, directory, stored)
    }

    @Test(arguments: TestScale.seeds(3)) func unitsReadAgainAreTheUnitsReadWhole(seed: Int) throws {
        let (cli, _, stored) = try Self.stored(seed: UInt64(seed) &+ 0xD1CE)
        // The harness owns the ledger's temporary directory: kept until the end.
        defer { stored.close(); withExtendedLifetime(cli) {} }
        var findings = 0
        for u in 0..<stored.unitCount {
            let whole = stored.unit(u), outlines = stored.outlines(u), again = stored.unit(u, checked: true)
            #expect(whole != nil && outlines != nil && again != nil, "unit \(u)")
            guard let whole, let outlines, let again else { continue }
            #expect(again.findings == whole.findings, "unit \(u): the second read decodes other findings")
            #expect(again.background == whole.background && again.persons == whole.persons, "unit \(u)")
            for (f, o) in zip(whole.findings, outlines.findings) {
                #expect(o.key == f.key, "unit \(u): \(o.key) against \(f.key)")
                #expect(o.keyHash == RectifyState.Outline.keyHash(of: f.key), "unit \(u): \(f.key)'s hash is not its bytes'")
            }
            findings += whole.findings.count
        }
        #expect(findings > 0, "the random ledger gave no finding")
    }

    /// A key `String ==` takes for another (one in NFD, one in NFC) has its hash, so the first pass takes the two for
    /// one key (two communities' findings of one key make the list whole, as `makeKeysDistinct` would number them).
    @Test func canonicallyEquivalentKeysHaveOneHash() {
        let pairs = [("LOW-01/A-\u{00C5}", "LOW-01/A-A\u{030A}"), ("CON-02/\u{212A}-1/2026-01-01", "CON-02/K-1/2026-01-01"),
                     ("OCC-01/车位-\u{1E69}", "OCC-01/车位-s\u{0323}\u{0307}")]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(RectifyState.Outline.keyHash(of: a) == RectifyState.Outline.keyHash(of: b), "\(a) and \(b)")
        }
        #expect(RectifyState.Outline.keyHash(of: "LOW-01/A-1") != RectifyState.Outline.keyHash(of: "LOW-01/A-2"))
    }

    /// The bytes of a unit changed (in place, under the same open file) after its first read: the second read refuses
    /// them by its checksum, so a second pass that does not check the strings again never decodes bytes the first pass
    /// did not check.
    @Test func aUnitChangedAfterItsFirstReadIsRefused() throws {
        let (cli, directory, stored) = try Self.stored(seed: 0xC4A9)
        defer { stored.close(); withExtendedLifetime(cli) {} }
        guard let u = (0..<stored.unitCount).first(where: { (stored.unitBytes($0)?.count ?? 0) > 64 }),
              let bytes = stored.unitBytes(u), stored.outlines(u) != nil else {
            Issue.record("no unit with findings"); return
        }
        // Where the unit lies in the file: its bytes are found in it (once).
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: RectifyState.path(directory))))
        var at: Int? = nil
        for i in 0...(file.count - bytes.count) where file[i] == bytes[0] && Array(file[i..<(i + bytes.count)]) == bytes {
            at = i; break
        }
        guard let at else { Issue.record("the unit's bytes are not in the file"); return }
        // A letter of a string changed to an invalid UTF-8 byte: what the first pass would have refused.
        guard let letter = (at..<(at + bytes.count)).first(where: { file[$0] >= UInt8(ascii: "A") && file[$0] <= UInt8(ascii: "Z") }) else {
            Issue.record("no letter in the unit"); return
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: RectifyState.path(directory)))
        try handle.seek(toOffset: UInt64(letter))
        try handle.write(contentsOf: Data([0xFF]))
        try handle.close()
        #expect(stored.unit(u, checked: true) == nil, "the changed unit was decoded")
        #expect(stored.unit(u) == nil && stored.outlines(u) == nil)
    }
}
