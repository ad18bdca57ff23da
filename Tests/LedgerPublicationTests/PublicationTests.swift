import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerProjections
import LedgerPublication
import LedgerRules
import LedgerTestSupport
import Testing

/// `ledger publish` without a browser: the data file verifies and its signed parts cannot change, the page and the
/// notice fetch nothing and carry the right policy hashes, the figures are the ledger's, and every refusal.
@Suite struct PublicationTests {
    static let fixture = PublicationFixture.shared
    let key = try! VerifierKey(fileBytes: [UInt8](try! Data(contentsOf: URL(fileURLWithPath: PublicationFixture.testdata("merkle/sample-key.pub")))),
                               file: "sample-key.pub")

    @Test func dataFileVerifiesAndItsSignedPartsCannotChange() throws {
        let bytes = Self.fixture.file("publication.json")
        let verified = try PublicationData.verify(bytes, key: key, file: "publication.json", now: Timestamp(secondsSinceEpoch: SystemClock.now().seconds))
        #expect(verified.checkpoint.size == 133)
        #expect(verified.witnessed.map(\.key.name) == ["shinan-zhujianju-test"])
        // #15 names the basement the lease K-QF-BSMT lets (review 40a).
        #expect(verified.records.map(\.seq) == [2, 6, 7, 15, 16, 23, 27, 29, 32, 39, 40, 41, 45, 47, 49, 58, 61, 62, 64, 65, 68])
        // The page embeds the same data, with "<" escaped.
        let page = Self.fixture.text("index.html")
        #expect(page.contains(verified.data.embeddedJSON))
        #expect(!verified.data.embeddedJSON.contains("<"))
        // Every changed byte of the checkpoint and the records is rejected.
        let text = String(decoding: bytes, as: UTF8.self)
        let signedEnd = text.utf8.count - (text.components(separatedBy: ",\"tree_size\":").last!.utf8.count + 13)
        let recordsStart = text.utf8.count - text.components(separatedBy: "\"records\":").last!.utf8.count
        let checkpointEnd = text.components(separatedBy: "\",\"community_id\"").first!.utf8.count
        var checked = 0
        for position in stride(from: 0, to: bytes.count, by: 53) where position < checkpointEnd || (position >= recordsStart && position < signedEnd) {
            var changed = bytes
            changed[position] ^= 0x01
            #expect(throws: AuditError.self, "byte \(position) changed") { try PublicationData.verify(changed, key: key, file: "p", now: Timestamp(secondsSinceEpoch: SystemClock.now().seconds)) }
            checked += 1
        }
        #expect(checked > 100)
        // Another key is refused even though the file names its own.
        #expect(throws: AuditError.self) { try PublicationData.verify(bytes, key: SampleKeys.other, file: "p", now: Timestamp(secondsSinceEpoch: SystemClock.now().seconds)) }
    }

    @Test func pageAndNoticeFetchNothingAndRunOnlyTheirOwnScript() throws {
        for name in [Publication.FileName.page, Publication.FileName.notice] {
            let html = Self.fixture.text(name)
            for forbidden in [" src=", " href=", "url(", "@import", "<link", "<img", "<iframe", "http://"] {
                #expect(!html.contains(forbidden), "\(name) contains \(forbidden)")
            }
            #expect(html.components(separatedBy: "https://").count == (name == Publication.FileName.notice ? 2 : 1),
                    "only the check URL given with --url, as text on the notice")
            let style = html.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
            let csp = html.components(separatedBy: "Content-Security-Policy\" content=\"")[1].components(separatedBy: "\"")[0]
            #expect(csp.hasPrefix("default-src 'none'; "))
            #expect(csp.contains("style-src 'sha256-\(Base64.encode(SHA256().hash(Array(style.utf8)).bytes))'"))
        }
        let page = Self.fixture.text(Publication.FileName.page)
        let scripts = page.components(separatedBy: "<script>").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
        #expect(scripts == [PublicationScript.source], "one executable script: the verifier")
        #expect(page.contains("script-src 'sha256-\(Base64.encode(Publication.scriptHash.bytes))'"))
        #expect(Self.fixture.text(Publication.FileName.notice).contains("script-src 'none'"))
    }

    @Test func figuresAreTheLedgersAndTheNoticeCarriesWhatResidentsCompare() throws {
        let page = Self.fixture.text(Publication.FileName.page)
        // Closing balances as `ledger balances --as-of 2025-12-31` shows them (README).
        #expect(page.contains("data-fund=\"F-QF-PI\"><td data-f=\"fund\">F-QF-PI</td><td>公共收益</td><td class=\"num\" data-f=\"opening\">0.00</td>"))
        #expect(page.contains("<td class=\"num\" data-f=\"closing\">66,000.00</td>"))
        #expect(page.contains("<td class=\"num\" data-f=\"closing\">171,400.00</td>"))
        // The corrected payment shows the corrected amount, with both records.
        #expect(page.contains("data-seq=\"45\" data-replaces=\"41\""))
        #expect(page.contains("<td class=\"rec\" data-f=\"records\">#45（更正#41）</td>"))
        // The basement lease: 4 payments received, its vote failed; the failed vote is shown as such.
        #expect(page.contains("data-row=\"contract\" data-seq=\"29 32 45 49 61 15\""))
        // The part by its registered name beside its id, resting on its registration (review 40a).
        #expect(page.contains("<td data-f=\"assets\">A-QF-BSMT 2号楼地下室</td>"))
        #expect(page.contains("<td data-f=\"result\">未通过</td>"))
        let notice = Self.fixture.text(Publication.FileName.notice)
        let checkpoint = try Checkpoint.open(Self.fixture.file("checkpoint.txt"), key: key, file: "checkpoint.txt")
        let groupedRoot = stride(from: 0, to: 64, by: 8).map { i in
            String(Array(checkpoint.root.hex)[i..<i + 8])
        }.joined(separator: " ")
        for expected in [groupedRoot, PublicationData.fingerprint(key), "https://example.org/qingfeng/", "<td>133</td>",
                         Publication.scriptHash.hex, "shinan-zhujianju-test（2026-01-06T00:00:00Z）", "@page { size: A4;"] {
            #expect(notice.contains(expected), "the notice shows \(expected)")
        }
        #expect(page.contains(groupedRoot) && page.contains(PublicationData.fingerprint(key)))
        #expect(Self.fixture.file(Publication.FileName.checkpoint) == (try PosixFile(path: Self.fixture.temp.path + "/cp.txt", mode: .read).readAll()))
        #expect(Self.fixture.text(Publication.FileName.publicKey) == key.text + "\n")
    }

    /// Runs `ledger` in the fixture's folder without trapping.
    func run(_ arguments: [String]) -> (status: Int32, err: String) {
        var err = ""
        let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { _ in }, writeOutBytes: { _ in }, writeErr: { err += $0 },
                           now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" }, stderrIsTerminal: false,
                           currentDirectory: Self.fixture.temp.path)
        return (LedgerCLI.run(arguments: arguments, io: io), err)
    }

    @Test func refusals() throws {
        let f = Self.fixture
        let base = ["publish", "--ledger", f.ledger, "--checkpoint", "cp.txt", "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub")]
        let good = ["--community", "C-QF", "--period", "2024-01-01..2025-12-31"]
        let cases: [([String], Int32, String)] = [
            (good + ["--out", "pub"], 2, "already exists"),
            (good + ["--out", "ledger/pub"], 2, "inside the ledger directory"),
            (["--community", "C-QF", "--period", "2025-01-01..2026-01-31", "--out", "x1"], 2, "which had not ended in Beijing time when the checkpoint was made"),
            (["--community", "C-QF", "--period", "2025-12-31..2025-01-01", "--out", "x2"], 2, "starts after it ends"),
            (["--community", "C-QF", "--period", "2025", "--out", "x3"], 2, "is not FROM..TO"),
            (["--community", "C-NONE", "--period", "2024-01-01..2025-12-31", "--out", "x4"], 2, "known: C-HY, C-LZ, C-QF, C-YX"),
            (good + ["--out", "x5", "--witness-key", PublicationFixture.testdata("merkle/sample-key.pub")], 2, "not a witness key"),
        ]
        for (arguments, status, message) in cases {
            let result = run(base + arguments)
            #expect(result.status == status && result.err.contains(message), "\(arguments): \(result.status) \(result.err)")
        }
        // Without the witness's cosignature the checkpoint is refused when a witness is required.
        try PosixFile.writeAtomically(Array(f.text("checkpoint.txt").components(separatedBy: "— shinan").first!.utf8),
                                      to: f.temp.path + "/unwitnessed.txt")
        let unwitnessed = run(["publish", "--ledger", f.ledger, "--checkpoint", "unwitnessed.txt", "--pubkey",
                               PublicationFixture.testdata("merkle/sample-key.pub"), "--witness-key",
                               PublicationFixture.testdata("merkle/sample-witness.pub")] + good + ["--out", "x6"])
        #expect(unwitnessed.status == 1 && unwitnessed.err.contains("witness cosignature required"), "\(unwitnessed.err)")
        #expect(!PosixFile.exists(f.temp.path + "/x6") && !PosixFile.exists(f.temp.path + "/x1"))
        // An empty folder made beforehand is filled; nothing is left beside it.
        try PosixFile.makeDirectory(f.temp.path + "/empty")
        #expect(run(base + good + ["--out", "empty"]).status == 0)
        #expect(PosixFile.exists(f.temp.path + "/empty/index.html"))
        // Only this test's folders: other suites publish into the shared fixture's folder at the same time, and
        // their staging folders (`OUT.tmp-…`) may exist for a moment.
        let outs = ["pub", "x1", "x2", "x3", "x4", "x5", "x6", "empty", "new-slash", "empty-slash"]
        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: f.temp.path).filter { name in
                outs.contains { name.hasPrefix($0 + ".tmp-") }
            }
        }
        #expect(try leftovers().isEmpty)
        // A folder named with a trailing slash, as a shell's tab completion writes it: new, or made beforehand.
        try PosixFile.makeDirectory(f.temp.path + "/empty-slash")
        for out in ["new-slash/", "empty-slash/"] {
            let result = run(base + good + ["--out", out])
            #expect(result.status == 0, "--out \(out): \(result.err)")
            #expect(PosixFile.exists(f.temp.path + "/" + out + "index.html"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.temp.path + "/" + out).sorted()
                    == ["checkpoint.txt", "index.html", "notice.html", "office.pub", "publication.json"])
        }
        #expect(try leftovers().isEmpty)
    }
}

enum SampleKeys {
    static let other = try! SignerKey(name: "jiedao-test", seed: SHA256.digest("common-property-ledger test vector key 2").bytes).verifier
}

/// The checkers of a data file other than the page: `ledger check-proof` on files of every size (a disclosure of a
/// whole year runs to hundreds of kilobytes, and the file must be recognised wherever its bytes fall), and
/// testdata/merkle/check_audit.py agreeing with it on how many distinct witnesses cosigned.
/// Review K17 #1: rent paid ahead shows as 预收 (多收 once the contract has ended) on the page and the notice, never as negative arrears, and does not
/// reduce another contract's arrears in the notice's total.
@Suite struct PublicationPaidAheadTests {
    @Test func rentPaidAheadIsNotNegativeArrears() throws {
        let f = PublicationFixture.shared
        let ledger = f.temp.path + "/ahead-ledger"
        try FileManager.default.copyItem(atPath: f.ledger, toPath: ledger)
        try PosixFile.writeAtomically(Array(#"{"type":"fund.income","occurred_on":"2025-01-10","data":{"fund_id":"F-QF-PI","amount_fen":5000000,"counterparty":"青岛蓝海广告有限公司","voucher":"SJ-QF-AHEAD","category":"advertising","source":{"contract_id":"K-QF-AD1"}}}"#.utf8) + [10],
                                      to: f.temp.path + "/ahead.jsonl")
        f.run(["append", "--file", f.temp.path + "/ahead.jsonl", "--actor", "sample-clerk", "--recorded-at", "2026-01-01T00:00:00Z",
               "--ledger", ledger])
        f.run(["checkpoint", "--key", f.temp.path + "/sample-key.TEST-ONLY", "--time", "2026-01-05T00:00:00Z",
               "--out", f.temp.path + "/ahead-cp.txt", "--ledger", ledger])
        f.run(["publish", "--community", "C-QF", "--period", "2024-01-01..2025-12-31", "--checkpoint", f.temp.path + "/ahead-cp.txt",
               "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub"), "--out", f.temp.path + "/ahead-pub", "--ledger", ledger])
        let page = String(decoding: try PosixFile(path: f.temp.path + "/ahead-pub/index.html", mode: .read).readAll(), as: UTF8.self)
        let notice = String(decoding: try PosixFile(path: f.temp.path + "/ahead-pub/notice.html", mode: .read).readAll(), as: UTF8.self)
        #expect(!page.contains("<td class=\"num derived\">-"), "a negative derived amount on the page")
        // K-QF-AD1 was terminated on 2025-06-30 and nothing under it goes on at the period's end: what it paid beyond its
        // rent is overpaid (多收, to refund), not paid ahead (review 35b #1).
        #expect(page.contains("（多收 ") && !page.contains("（预收 "), "\(page.count)")
        #expect(notice.contains("多收") && !notice.contains("预收") && !notice.contains("欠缴 -"), "\(notice)")
    }
}

@Suite struct PublicationCheckerTests {
    static let fixture = PublicationFixture.shared

    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        var out = "", err = ""
        let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { out += $0 }, writeOutBytes: { _ in },
                           writeErr: { err += $0 }, now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" },
                           stderrIsTerminal: false, currentDirectory: Self.fixture.temp.path)
        return (LedgerCLI.run(arguments: arguments, io: io), out, err)
    }

    /// Every record of the fixture's checkpoint in one data file (about 150 KB, Chinese text throughout), with the
    /// unsigned community label padded so that the file's 65,536th byte falls inside a multi-byte character.
    @Test func largeDataFileWithChineseAtAnyOffsetIsCheckedAsADisclosure() throws {
        let f = Self.fixture
        let key = try VerifierKey(fileBytes: f.file(Publication.FileName.publicKey), file: "office.pub")
        let small = try PublicationData.parse(f.file(Publication.FileName.data), file: "publication.json")
        let directory = try LedgerDirectory.open(f.ledger)
        let bundles = try LedgerAudit.prove(directory, seqs: Array(1...Int64(small.treeSize)), checkpointNote: small.checkpointNote,
                                            checkpointFile: "cp.txt")
        func data(padding: Int) -> PublicationData {
            PublicationData(communityID: small.communityID + String(repeating: "x", count: padding), from: small.from, to: small.to,
                            checkpointNote: small.checkpointNote, publicKey: small.publicKey, witnessKeys: small.witnessKeys,
                            witnessesRequired: small.witnessesRequired, treeSize: small.treeSize,
                            records: bundles.map { PublicationData.Entry(seq: $0.seq, line: $0.recordLine, proof: $0.inclusionProof) })
        }
        let boundary = 64 * 1024
        let padding = try #require((0..<4096).first { padding in
            let bytes = data(padding: padding).encoded
            return bytes.count > boundary && String(validating: bytes.prefix(boundary), as: UTF8.self) == nil
        }, "no padding puts a character across byte \(boundary); the test no longer exercises what it is for")
        let bytes = data(padding: padding).encoded
        _ = try PublicationData.verify(bytes, key: key, file: "big.json", now: Timestamp(secondsSinceEpoch: SystemClock.now().seconds))
        try PosixFile.writeAtomically(bytes, to: f.temp.path + "/big.json")
        let result = run(["check-proof", "big.json", "--pubkey", f.out + "/" + Publication.FileName.publicKey])
        #expect(result.status == 0 && result.out.hasPrefix("publication: VALID\n"), "\(result.status) \(result.err)")
    }
}

extension PublicationCheckerTests {
    static let python = TestBinaries.python3

    /// check_audit.py accepts and refuses what Swift does: two witnesses may share a name (the key id tells them
    /// apart), one key listed twice is one witness, and a number is a number.
    @Test(.enabled(if: python != nil, "needs python3"))
    func pythonCheckerAgreesOnWitnessCountsAndTypes() throws {
        let f = Self.fixture
        let key = try VerifierKey(fileBytes: f.file(Publication.FileName.publicKey), file: "office.pub")
        let data = try PublicationData.parse(f.file(Publication.FileName.data), file: "publication.json")
        let first = try #require(data.witnessKeys.first)
        let namesake = try SignerKey(name: first.name, seed: SHA256.digest("common-property-ledger test vector witness key 3").bytes,
                                     algorithm: .cosignatureV1)
        let note = try SignedNote(bytes: data.checkpointNote, file: "cp")
        let cosigned = note.adding(Cosignature.sign(body: note.text, key: namesake, timestamp: 1_767_657_600)).encoded
        func file(_ keys: [VerifierKey], required: Int) -> [UInt8] {
            PublicationData(communityID: data.communityID, from: data.from, to: data.to, checkpointNote: cosigned, publicKey: data.publicKey,
                            witnessKeys: keys, witnessesRequired: required, treeSize: data.treeSize, records: data.records).encoded
        }
        let script = PublicationFixture.packageRoot + "/testdata/merkle/check_audit.py"
        let original = f.text(Publication.FileName.data)
        let cases: [(String, [UInt8], Bool)] = [
            ("two witnesses of the same name, both required", file([first, namesake.verifier], required: 2), true),
            ("one witness listed twice, two required", file([first, first], required: 2), false),
            // JSON true is not the number 1 (Python's True == 1 must not let it through).
            ("witnesses_required written true", Array(original.replacingOccurrences(of: #""witnesses_required":1}"#,
                                                                                       with: #""witnesses_required":true}"#).utf8), false),
            // Spec 14.10: a whole number from 0 to the number of witness_keys; -1 would ask for nothing.
            ("witnesses_required -1", file([first], required: -1), false),
            ("more witnesses required than listed", file([first], required: 2), false),
            // 14.10 step 1: each entry of records has exactly its three members (review 46b #3: Python took one more).
            ("a records entry with a member more", Array(original.replacingOccurrences(of: #"{"inclusion_proof":"#,
                                                                                        with: #"{"a":1,"inclusion_proof":"#).utf8), false),
        ]
        for (name, bytes, valid) in cases + Self.mistyped(original) {
            #expect(((try? PublicationData.verify(bytes, key: key, file: "p", now: Timestamp(secondsSinceEpoch: SystemClock.now().seconds))) != nil) == valid, "\(name): Swift")
            try PosixFile.writeAtomically(bytes, to: f.temp.path + "/witnessed.json")
            let python = try TestBinaries.run(Self.python!, [script, "--publication", f.temp.path + "/witnessed.json", "--pubkey",
                                                             f.out + "/" + Publication.FileName.publicKey])
            #expect(python.status == (valid ? 0 : 1), "\(name): check_audit.py says \(python.stdout)")
            #expect(!python.stderr.contains("Traceback"), "\(name): \(python.stderr)")
        }
    }

    /// Review 46b: a number or a list where 14.10 has a string (and the reverse) is refused by check_audit.py with a
    /// reason, not a traceback (the files stay canonical, so the type check is what refuses them).
    static func mistyped(_ original: String) -> [(String, [UInt8], Bool)] {
        guard case .object(let top)? = try? JSONParser.parse(original.trimmingCharacters(in: .newlines)),
              case .array(let records)? = top["records"], case .object(let first)? = records.first else { return [] }
        func encoded(_ object: [String: JSONValue]) -> [UInt8] { CanonicalJSON.encode(.object(object)) + [0x0A] }
        var cases: [(String, [UInt8], Bool)] = []
        for (member, value) in [("checkpoint", JSONValue.integer(5)), ("public_key", .array([])), ("records", .string("x")),
                                ("witness_keys", .array([.integer(1)]))] {
            var changed = top
            changed[member] = value
            cases.append(("\(member) of another type", encoded(changed), false))
        }
        for (member, value) in [("record", JSONValue.integer(5)), ("inclusion_proof", .string("ab"))] {
            var entry = first, entries = records, changed = top
            entry[member] = value
            entries[0] = .object(entry)
            changed["records"] = .array(entries)
            cases.append(("a records entry's \(member) of another type", encoded(changed), false))
        }
        return cases
    }
}

extension PublicationCheckerTests {
    /// The witness keys inside a data file are not signed: anyone can name a key of their own under a real witness's
    /// name. check-proof reports as witnessed only the witnesses the reader pinned with --witness-key.
    @Test func checkProofNamesOnlyPinnedWitnessesAsWitnessed() throws {
        let f = Self.fixture
        let officeKey = f.out + "/" + Publication.FileName.publicKey
        let realWitness = PublicationFixture.testdata("merkle/sample-witness.pub")
        let data = try PublicationData.parse(f.file(Publication.FileName.data), file: "publication.json")
        let real = try #require(data.witnessKeys.first)
        // The office's note without the real witness's line, cosigned by an impostor using the witness's name.
        let unwitnessed = Array(f.text(Publication.FileName.checkpoint).components(separatedBy: "— " + real.name + " ")[0].utf8)
        let impostor = try SignerKey(name: real.name, seed: SHA256.digest("an impostor's witness key").bytes, algorithm: .cosignatureV1)
        let note = try SignedNote(bytes: unwitnessed, file: "cp")
        let forged = PublicationData(communityID: data.communityID, from: data.from, to: data.to,
                                     checkpointNote: note.adding(Cosignature.sign(body: note.text, key: impostor, timestamp: 1_767_657_600)).encoded,
                                     publicKey: data.publicKey, witnessKeys: [impostor.verifier], witnessesRequired: 1,
                                     treeSize: data.treeSize, records: data.records)
        try PosixFile.writeAtomically(forged.encoded, to: f.temp.path + "/impostor.json")

        let unpinned = run(["check-proof", "impostor.json", "--pubkey", officeKey])
        #expect(unpinned.status == 0, "\(unpinned.err)")
        #expect(!unpinned.out.contains("witnessed by"), "an unpinned key is not a witness: \(unpinned.out)")
        #expect(unpinned.out.contains("not pinned"), "\(unpinned.out)")
        let pinned = run(["check-proof", "impostor.json", "--pubkey", officeKey, "--witness-key", realWitness])
        #expect(pinned.status == 1 && pinned.err.contains("witness cosignature required"), "\(pinned.err)")
        // The real file, with and without the real witness pinned.
        let real1 = run(["check-proof", f.out + "/" + Publication.FileName.data, "--pubkey", officeKey, "--witness-key", realWitness])
        #expect(real1.status == 0 && real1.out.contains("witnessed by: \(real.label) at 2026-01-06T00:00:00Z (cosignature verified)"),
                "\(real1.out)")
        let real2 = run(["check-proof", f.out + "/" + Publication.FileName.data, "--pubkey", officeKey])
        #expect(real2.status == 0 && !real2.out.contains("witnessed by") && real2.out.contains("not pinned"), "\(real2.out)")
    }
}

/// The page lists what is still to be rectified (待整改): a lapse already remedied, ratified or ended is not.
@Suite struct PublicationFindingsTests {
    @Test func onlyOpenFindingsAreListed() throws {
        let records = try SampleRecords.load()
        let asOf = CalendarDate(iso: "2025-12-31")!
        let projection = Projection(records: records, asOf: asOf)
        // 海韵小区 disclosed both its funds late on 2025-01-08: two FUND-08 findings marked remedied.
        let all = Rectifier.check(projection, scope: RectificationScope(asOf: asOf, communityID: "C-HY"), policy: Policy()).findings
        #expect(all.filter { !$0.isOpen }.count == 2)
        let content = try #require(PublicationContent(projection: projection, records: records, communityID: "C-HY",
                                                      period: DayRange(first: CalendarDate(iso: "2024-01-01")!, last: asOf)))
        #expect(content.findings.map(\.finding) == all.filter(\.isOpen))
    }
}

/// The disclosure's 业主表决 cell judges a contract's decision as the `contracts` report and CON-01/CON-02 do
/// (review 33, finding 4): a vote recorded as another major matter that passed at 57 % is 表决通过 but does not
/// authorise operating (item 8 needs 3/4), so the page does not say 通过 beside a contract CON-02 reports.
@Suite struct PublicationContractVoteTests {
    @Test func aVoteShortOfThreeQuartersIsNotShownAsPassed() throws {
        let lines = [
            #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
            #"{"id":"b2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
            #"{"id":"b3","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"advertising","name":"广告位","location":"L","area_m2":"1.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
            #"{"id":"d1","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-57","community_id":"C-T","matter":"other_major","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"1370.00","approving_owners":137,"authorises":{}}}"#,
            #"{"id":"k1","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某广告公司","purpose":"广告","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":0,"rent_period":"once","payee_fund_id":"F-PI","decision_id":"D-57"}}"#,
        ]
        let asOf = CalendarDate(iso: "2025-06-30")!
        let records = try SampleRecords.records(lines: lines)
        let projection = Projection(records: records, asOf: asOf)
        let content = try #require(PublicationContent(projection: projection, records: records, communityID: "C-T",
                                                      period: DayRange(first: CalendarDate(iso: "2025-01-01")!, last: asOf)))
        #expect(content.contracts.map(\.decision) == [.insufficient(.passedBelowThreeQuarters)])
        #expect(content.findings.contains { $0.finding.rule == .contractDecisionFailed })
    }
}

/// Review 39: `publish --lang en` wrote the Chinese pages without saying so. The 公示 is an official notice in Chinese:
/// the pages are the same under either language, and the English summary says they are Chinese.
@Suite struct PublicationLanguageTests {
    @Test func theEnglishSummarySaysThePagesAreChinese() throws {
        let f = PublicationFixture.shared
        var said: [String: String] = [:]
        for language in ["en", "zh"] {
            said[language] = f.run(["publish", "--community", "C-QF", "--period", "2024-01-01..2025-12-31", "--checkpoint", f.temp.path + "/cp.txt",
                                    "--pubkey", PublicationFixture.testdata("merkle/sample-key.pub"), "--out", f.temp.path + "/lang-" + language,
                                    "--lang", language, "--ledger", f.ledger])
        }
        #expect(said["en"]?.contains("\n  note: the pages are in Chinese whatever --lang says: a 公示 is an official notice to the community's residents, in Chinese") ?? false,
                "\(said["en"] ?? "")")
        #expect(!(said["zh"]?.contains("--lang") ?? true), "\(said["zh"] ?? "")")
        for page in [Publication.FileName.page, Publication.FileName.notice] {
            let en = try PosixFile(path: f.temp.path + "/lang-en/" + page, mode: .read).readAll()
            let zh = try PosixFile(path: f.temp.path + "/lang-zh/" + page, mode: .read).readAll()
            #expect(en == zh, "\(page) depends on --lang")
        }
    }
}
