import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger show ID` from `index/mentions` and `index/scopes` (ledger-spec.md 15.10): for seeded random logs (every
/// event type of the sample, ids crossing communities, back-dated facts, corrections with and without replacements,
/// corrections of corrections and of nothing, unknown types), after every append, `show` of every event id, every
/// entity id and some free strings prints what it prints from the log alone, at random `--as-of`, `--at-seq`,
/// `--format` and scope; and a bad `index/mentions` is detected, noticed in one line and rebuilt.
@Suite struct ShowIndexTests {
    /// Ids to show: every event id so far, every pool id, and strings held in free fields (or nowhere).
    static func ids(_ events: [Event]) -> [String] {
        events.compactMap(\.id) + ScopeIndexCommandTests.pools.values.flatMap { $0 } + ScopeIndexCommandTests.streets
            + ["更正", "no-such-event", "t", "nothing-has-this-id", "C-NONE"]
    }

    /// `show` with the derived state and from the log alone: same status and standard output, and the same error.
    static func expectSame(_ cli: CLIHarness, _ arguments: [String], _ context: String) {
        cli.environment["LEDGER_SCOPES"] = "off"
        let plainStatus = cli.run(arguments)
        let plain = cli.stdoutBytes, plainErr = cli.stderr
        cli.environment["LEDGER_SCOPES"] = nil
        let status = cli.run(arguments)
        #expect(status == plainStatus, "\(context): \(arguments)")
        #expect(cli.stdoutBytes == plain, "\(context): \(arguments)\n\(cli.stdout)\n--- from the log:\n\(String(decoding: plain, as: UTF8.self))")
        // The error says the same; the warning before it about records that cannot be applied lists only those
        // among the records read (as a scoped query's).
        if status != 0 { #expect(cli.stderr.split(separator: "\n").last == plainErr.split(separator: "\n").last, "\(context): \(arguments)") }
    }

    @Test(arguments: TestScale.seeds(4)) func showAnswersAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 41)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        var fromGroups = 0, free = 0
        while index < events.count {
            let size = min(events.count - index, index == 0 ? 80 : random.int(1...25))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            let ids = Self.ids(Array(events[0..<index]))
            // A sample of the ids after each append (the log after the stamps is read and verified).
            let shown = (0..<(index == 80 ? 30 : 8)).map { _ in ids[random.int(0..<ids.count)] }
            for id in shown {
                var arguments = ["show", id]
                if random.int(0..<3) == 0 { arguments += ["--as-of", ScopeIndexCommandTests.date(&random).adding(days: 200).description] }
                if random.int(0..<4) == 0 { arguments += ["--at-seq", String(random.int(1...index))] }
                if random.int(0..<3) == 0 { arguments += ["--format", ["json", "csv", "table"][random.int(0..<3)]] }
                if random.int(0..<5) == 0 {
                    arguments += random.int(0..<2) == 0 ? ["--community", ScopeIndexCommandTests.communities[random.int(0..<7)].0]
                        : ["--street", ScopeIndexCommandTests.streets[random.int(0..<4)]]
                }
                Self.expectSame(cli, arguments, "seed \(seed), \(index) records")
                switch try MentionIndex.answer(directory, id: id) {
                case .onlyInGroups: fromGroups += 1
                case .free: free += 1
                case .unavailable: Issue.record("index/mentions unavailable")
                }
            }
        }
        // The derived state answers most ids (not every show fell back to the whole log).
        #expect(fromGroups > free, "\(fromGroups) from the groups, \(free) free")
        // Deleting index/ changes no answer.
        var answers: [[UInt8]] = []
        for id in Self.ids(events) { _ = cli.run(["show", id, "--format", "json"]); answers.append(cli.stdoutBytes) }
        try FileManager.default.removeItem(atPath: directory.indexPath)
        for (id, answer) in zip(Self.ids(events), answers) {
            _ = cli.run(["show", id, "--format", "json"])
            #expect(cli.stdoutBytes == answer, "seed \(seed): show \(id) after rm -rf index/")
        }
    }

    /// A ledger with `index/mentions` made, and `show` of an entity that the groups answer.
    static func ledgerWithMentions(_ cli: CLIHarness) throws -> (LedgerDirectory, [String], [UInt8]) {
        var random = SplitMix64(seed: 5)
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(try ScopeIndexCommandTests.randomEvents(&random), to: directory)
        let arguments = ["show", "A-HY-CLUB", "--as-of", "2026-06-01"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        let answer = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer)
        #expect(PosixFile.exists(MentionIndex.path(directory)))
        #expect(try MentionIndex.answer(directory, id: "A-HY-CLUB") == .onlyInGroups(notice: nil))
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        return (directory, arguments, answer)
    }

    static func expectRebuilt(_ cli: CLIHarness, _ arguments: [String], _ answer: [UInt8], _ what: String) {
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
        let notes = ScopeIndexCommandTests.notes(cli)
        #expect(notes.count == 1, "one line: \(cli.stderr)")
        #expect(notes.allSatisfy { $0.hasPrefix("note: mentions in ") && $0.contains(what) && $0.hasSuffix("rebuilt from the log (answers are unaffected).") },
                "\(what): \(cli.stderr)")
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): rebuilt")
    }

    @Test func damagedMentionsFileIsDetectedAndRebuilt() throws {
        let cli = CLIHarness()
        let (directory, arguments, answer) = try Self.ledgerWithMentions(cli)
        let path = MentionIndex.path(directory)
        let good = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        try PosixFile.writeAtomically(Array(good.dropLast(100)), to: path)
        Self.expectRebuilt(cli, arguments, answer, "truncated")
        // A flipped bit in the header, in the page directory, and in every page (each page is read by some id).
        var bytes = good
        bytes[40] ^= 0x04
        try PosixFile.writeAtomically(bytes, to: path)
        Self.expectRebuilt(cli, arguments, answer, "damaged")
        guard let decoded = try? DerivedStateHeader.decode(good[...], kind: MentionIndex.kind, version: MentionIndex.version) else {
            Issue.record("cannot read the header"); return
        }
        let body = decoded.length
        bytes = good
        bytes[body + 20] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
        Self.expectRebuilt(cli, arguments, answer, "page directory")
        // A page: a damaged page is found when a lookup reads it (`verifyIndexChecksAndRebuildsTheMentions` finds it in
        // a pass over every page); whatever page this id's key falls in, the answer is the whole log's.
        bytes = good
        bytes[good.count - 33] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(cli.stderr)")
        // Wrong version.
        bytes = good
        bytes[MentionIndex.kind.utf8.count + 1] = 9
        try PosixFile.writeAtomically(bytes, to: path)
        Self.expectRebuilt(cli, arguments, answer, "of format version 9")
        // Another ledger's file.
        let other = CLIHarness()
        var random = SplitMix64(seed: 6)
        let otherDirectory = TestLedger.create(in: other.temp)
        try TestLedger.append(try ScopeIndexCommandTests.randomEvents(&random), to: otherDirectory)
        #expect(other.run(arguments) == 0)
        try PosixFile.writeAtomically(try PosixFile.readRegularFile(MentionIndex.path(otherDirectory), bytesMax: 1 << 30).bytes, to: path)
        Self.expectRebuilt(cli, arguments, answer, "another ledger's")
    }

    /// `ledger verify --index` checks `index/mentions` too (15.6, 15.10) — its layout and checksums, then its keys
    /// against a fresh read of the log — reports damage as index damage (exit 0, the log intact), and rebuilds it.
    @Test func verifyIndexChecksAndRebuildsTheMentions() throws {
        let cli = CLIHarness()
        let (directory, arguments, answer) = try Self.ledgerWithMentions(cli)
        let path = MentionIndex.path(directory)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: mentions intact (made at record "), "\(cli.stdout)")
        let good = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        var bytes = good
        bytes[good.count - 33] ^= 0x01   // the last page's last key: only a pass over every page finds it
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["verify", "--index"]) == 0, "index damage is not log damage")
        #expect(cli.stdout.contains("status: intact\n") && cli.stdout.contains("index: DAMAGED — mentions is damaged"), "\(cli.stdout)")
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes == good, "rebuilt as it was")
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0 && cli.stdout.contains("索引：mentions 完好"), "\(cli.stdout)")
        try PosixFile.remove(path)
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: mentions absent; rebuilt from the log at record "))
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
    }

    /// Review C14: `show` matches an id as text (canonical equivalence), the files by its bytes: an id typed outside
    /// NFC (a decomposed `é`, a CJK compatibility ideograph) is answered from the whole log, as before the files.
    @Test func anIDTypedOutsideNFCIsAnsweredAsTheWholeLogAnswersIt() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        let line = #"{"id":"ev-caf\#u{E9}-\#u{8C48}","type":"fund.income","occurred_on":"2024-05-02","data":{"fund_id":"F1","amount_fen":100,"counterparty":"公司","voucher":"V-1","category":"parking"}}"#
        #expect(cli.run(["append"], stdin: line + "\n") == 0, "\(cli.stderr)")
        for typed in ["ev-caf\u{E9}-\u{8C48}", "ev-cafe\u{301}-\u{8C48}", "ev-caf\u{E9}-\u{F900}"] {
            cli.environment["LEDGER_SCOPES"] = "off"
            let whole = cli.run(["show", typed])
            let expected = cli.stdoutBytes
            cli.environment["LEDGER_SCOPES"] = nil
            #expect(whole == 0, "\(typed.unicodeScalars.map { String($0.value, radix: 16) }): \(cli.stderr)")
            #expect(cli.run(["show", typed]) == whole && cli.stdoutBytes == expected, "\(cli.stderr)")
        }
    }

    /// Session 14 defect: in a log written before the NFC rule, an id stored outside NFC (a decomposed `é`, a
    /// compatibility ideograph) and typed in NFC was not found from the files (they key the bytes), though the whole
    /// log finds it (`show` matches text by canonical equivalence): `show` said no entity or event has it. The whole
    /// log answers when the files' records hold nothing of an id outside ASCII.
    @Test func anIDStoredOutsideNFCAndTypedInNFCIsFound() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        // Written by the library, past the door, as a writer before the NFC rule did.
        let lines = [
            #"{"id":"ev-cafe\#u{301}-\#u{F900}","type":"fund.income","occurred_on":"2024-05-02","data":{"fund_id":"F1","amount_fen":100,"counterparty":"公司","voucher":"V-1","category":"parking"}}"#,
            IDNormalFormTests.asset(IDNormalFormTests.decomposed, eventID: "ev-old-asset"),
        ]
        try cli.writeBeforeTheRule(lines)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)")
        // The event ids, and the asset id the old record holds decomposed in its data (review C15 #3: typed in NFC,
        // it was not found, the whole log's history searching the data for its bytes as typed and in NFC only).
        for typed in ["ev-caf\u{E9}-\u{8C48}", "ev-cafe\u{301}-\u{F900}", IDNormalFormTests.composed] {
            cli.environment["LEDGER_SCOPES"] = "off"
            let whole = cli.run(["show", typed])
            let expected = cli.stdoutBytes
            cli.environment["LEDGER_SCOPES"] = nil
            #expect(whole == 0, "\(typed.unicodeScalars.map { String($0.value, radix: 16) }): \(cli.stderr)")
            #expect(cli.run(["show", typed]) == whole && cli.stdoutBytes == expected, "\(cli.stdout)\(cli.stderr)")
            if typed == IDNormalFormTests.composed { #expect(cli.stdout.contains("ev-old-asset"), "\(cli.stdout)") }
        }
        // An id nothing holds is still refused, from the files or the whole log alike.
        for typed in ["A-NONE", "A-\u{00C6}"] {
            #expect(cli.run(["show", typed]) == 2)
            #expect(cli.stderr.contains("no entity or event has id"), "\(cli.stderr)")
        }
    }

    /// Review F16: an ASCII id stored in an old record through a compatibility singleton (U+212A KELVIN SIGN for
    /// K, which NFC maps to ASCII) and typed in ASCII was not found — from the files (keyed by bytes) nor from the
    /// whole log (its byte pre-filter looked for the typed bytes and their NFC only, and ruled out an ASCII id's
    /// other forms). U+212B ANGSTROM SIGN and U+2126 OHM SIGN (Å, Ω) are found as any id outside ASCII is.
    @Test func anASCIIIDStoredThroughASingletonIsFound() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        let lines = [
            IDNormalFormTests.asset("A-\u{212A}1", eventID: "ev-kelvin"),
            IDNormalFormTests.asset("A-\u{212B}2", eventID: "ev-angstrom"),
            IDNormalFormTests.asset("A-\u{2126}3", eventID: "ev-ohm"),
        ]
        try cli.writeBeforeTheRule(lines)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)")
        for (typed, event) in [("A-K1", "ev-kelvin"), ("A-\u{C5}2", "ev-angstrom"), ("A-\u{3A9}3", "ev-ohm"), ("A-\u{212A}1", "ev-kelvin")] {
            cli.environment["LEDGER_SCOPES"] = "off"
            let whole = cli.run(["show", typed])
            let expected = cli.stdoutBytes
            cli.environment["LEDGER_SCOPES"] = nil
            #expect(whole == 0, "\(typed.unicodeScalars.map { String($0.value, radix: 16) }): \(cli.stderr)")
            #expect(String(decoding: expected, as: UTF8.self).contains(event), "\(typed): \(String(decoding: expected, as: UTF8.self))")
            #expect(cli.run(["show", typed]) == whole && cli.stdoutBytes == expected, "\(typed): \(cli.stdout)\(cli.stderr)")
        }
        // An ASCII id with a K that nothing holds is still refused.
        #expect(cli.run(["show", "A-K9"]) == 2 && cli.stderr.contains("no entity or event has id"), "\(cli.stderr)")
    }

    /// Review of fixes15: an id the door wrote (in NFC) and typed decomposed is answered from the whole log, whose
    /// history pre-filtered records by the typed bytes only, so the records naming it in their data were left out.
    @Test func anIDTypedDecomposedFindsTheRecordsNamingItsNFCForm() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        let lines = [IDNormalFormTests.asset("A-caf\u{E9}", eventID: "ev-reg"), IDNormalFormTests.inspection("A-caf\u{E9}", eventID: "ev-seen")]
        #expect(cli.run(["append"], stdin: lines.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["show", "A-caf\u{E9}"]) == 0, "\(cli.stderr)")
        let composed = cli.stdoutBytes
        #expect(cli.stdout.contains("ev-seen") && cli.stdout.contains("ev-reg"), "\(cli.stdout)")
        #expect(cli.run(["show", "A-cafe\u{301}"]) == 0, "\(cli.stderr)")
        // The same records; the heading echoes the id as typed.
        let records = { (text: String) in text.split(separator: "\n").filter { $0.contains("ev-") } }
        #expect(records(cli.stdout) == records(String(decoding: composed, as: UTF8.self)) && records(cli.stdout).count == 2, "\(cli.stdout)")
    }

    @Test func staleMentionsAreCaughtUpAndARewrittenLogNeverReusesThem() throws {
        let cli = CLIHarness()
        let (directory, arguments, _) = try Self.ledgerWithMentions(cli)
        let path = MentionIndex.path(directory)
        let stale = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        // A record after the stamp that names the asset in a free field (a reason): the groups no longer answer.
        let on = CalendarDate(year: 2025, month: 1, day: 2)!
        let note = Event(id: "free-mention", occurredOn: on, actor: "t",
                         payload: EventPayload.decoding(type: "test.note", occurredOn: on,
                                                        canonicalData: CanonicalJSON.encode(.object(["text": .string("A-HY-CLUB")]))[...]))
        try TestLedger.append([note], to: directory)
        #expect(try MentionIndex.answer(directory, id: "A-HY-CLUB") == .free)
        Self.expectSame(cli, arguments, "a free mention after the stamp")
        #expect(cli.stdout.contains("free-mention"))
        // The stale file is caught up from the log, not reused blindly.
        try PosixFile.writeAtomically(stale, to: path)
        #expect(try MentionIndex.answer(directory, id: "A-HY-CLUB") == .free)
        // A rewritten log (same records, one changed) never reuses the file: its stamp no longer matches.
        let other = CLIHarness()
        var random = SplitMix64(seed: 5)
        let rewritten = TestLedger.create(in: other.temp)
        var events = try ScopeIndexCommandTests.randomEvents(&random)
        events[events.count - 1].id = "rewritten"
        try TestLedger.append(events, to: rewritten)
        if !PosixFile.isDirectory(rewritten.indexPath) { try PosixFile.makeDirectory(rewritten.indexPath) }
        try PosixFile.writeAtomically(stale, to: MentionIndex.path(rewritten))
        guard case .onlyInGroups(let notice) = try MentionIndex.answer(rewritten, id: "A-HY-CLUB"), let notice else {
            Issue.record("a rewritten log's file was accepted"); return
        }
        // Its stamped record is not in this log: said as records the log may have lost (review 37a F3).
        #expect(notice.hasPrefix("WARNING: mentions in ") && notice.contains("which this log does not hold"), "\(notice)")
    }
}
