import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Every rule ledger-spec.md sections 1–6 state about a stored ledger, as a case that `ledger verify` and the
/// independent Python verifier (scripts/verify_ledger.py, written from the spec alone) must both decide the same
/// way: exit status, failure kind, seq, line and byte offset, committed count and head, torn tail.
///
/// Records are forged by hand with correct hashes and links, so each case tests the one rule it breaks.
@Suite struct SpecConformanceTests {
    static let root = SampleRecords.packageRoot
    static let python = TestBinaries.python3
    /// An event any intact test ledger accepts.
    static let extra = #"{"type":"community.registered","occurred_on":"2024-02-01","data":{"community_id":"CX","name":"山海小区","street":"八大关街道","residents_committee":"山海社区","total_area_m2":"30000.00","total_owners":300}}"#

    /// One hand-written record: every member as the JSON text that goes into the line.
    struct Forged: Sendable {
        var seq = "1", first = "1", last = "1", v = "1"
        var id = "\"e1\"", type = "\"test.note\"", occurredOn = "\"2024-01-01\"", recordedAt = "\"2025-01-01T08:00:00Z\""
        var actor = "\"clerk\"", data = "{}"
        /// Replaces the computed `prev` (64 hex digits).
        var prev: String? = nil
        /// Replaces the computed `hash`.
        var hash: String? = nil
    }

    /// What `acknowledged` holds, built by hand from section 1 (`AcknowledgedBytes`).
    enum Acknowledged: Sendable {
        /// No file.
        case none
        /// Two slots: slot 0 holds (seq k, hash of record k), slot 1 is empty.
        case record(Int)
        /// The same, with a hash that no record has.
        case otherHash(Int)
        /// The one-line form `{"hash":H,"seq":k}` and LF.
        case oneLine(Int)
        /// Any bytes, given the hashes of the records.
        case bytes(@Sendable (_ hashes: [String]) -> [UInt8])
    }

    static let zeros = String(repeating: "0", count: 64)
    static let emptySlot = AcknowledgedBytes.slot(seq: 0, hash: zeros)
    static let spaces = [UInt8](repeating: 0x20, count: 4095) + [0x0A]
    /// The slot of record k.
    static func slot(_ k: Int, _ hashes: [String]) -> [UInt8] { AcknowledgedBytes.slot(seq: Int64(k), hash: hashes[k - 1]) }
    /// `slot` with the text before the padding edited.
    static func edited(_ slot: [UInt8], _ change: @Sendable (String) -> String) -> [UInt8] {
        let text = change(String(decoding: slot.prefix { $0 != 0x20 }, as: UTF8.self))
        return Array(text.utf8) + [UInt8](repeating: 0x20, count: max(0, 4095 - text.utf8.count)) + [0x0A]
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var records: [Forged]
        var tail: [UInt8] = []
        var acknowledged: Acknowledged = .none
        var mutate: (@Sendable ([UInt8]) -> [UInt8])? = nil
        var identity: String? = nil
        let exit: Int32
        var kind: String? = nil
        var seq: Int64? = nil
        var testDescription: String { name }
    }

    /// The log without its last line.
    @Sendable static func dropLastLine(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes[..<(bytes.lastIndex(of: 0x0A, before: bytes.count - 1)! + 1)])
    }

    /// Records 1…n, each its own batch, with ids e1…en.
    static func singles(_ n: Int, _ change: (inout [Forged]) -> Void = { _ in }) -> [Forged] {
        var records = (1...n).map { i in Forged(seq: "\(i)", first: "\(i)", last: "\(i)", id: "\"e\(i)\"") }
        change(&records)
        return records
    }

    /// One record with one member changed.
    static func one(_ change: (inout Forged) -> Void) -> [Forged] {
        var record = Forged()
        change(&record)
        return [record]
    }

    static func string(_ body: String) -> String { "{\"s\":\"\(body)\"}" }

    static let cases: [Case] = [
        Case(name: "intact, two batches", records: [Forged(seq: "1", first: "1", last: "2"), Forged(seq: "2", first: "1", last: "2", id: "\"e2\""),
                                                    Forged(seq: "3", first: "3", last: "3", id: "\"e3\"")], exit: 0),
        // Item 1: string and depth limits are layout rules of stored records.
        Case(name: "string of 65,536 bytes", records: one { $0.data = string(String(repeating: "a", count: 65_536)) }, exit: 0),
        Case(name: "string of 65,537 bytes", records: one { $0.data = string(String(repeating: "a", count: 65_537)) }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "string of 65,536 decoded bytes, 65,537 written", records: one { $0.data = string(String(repeating: "a", count: 65_535) + "\\\"") },
             exit: 1, kind: "unparsable", seq: 1),
        Case(name: "key of 65,537 bytes", records: one { $0.data = "{\"\(String(repeating: "k", count: 65_537))\":1}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "actor of 65,537 bytes", records: one { $0.actor = "\"\(String(repeating: "a", count: 65_537))\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "data nested 32 levels", records: one { $0.data = "{\"a\":" + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + "}" }, exit: 0),
        Case(name: "data nested 33 levels", records: one { $0.data = "{\"a\":" + String(repeating: "[", count: 32) + String(repeating: "]", count: 32) + "}" },
             exit: 1, kind: "unparsable", seq: 1),
        // Item 2: ids and actors.
        Case(name: "id with U+0080 (C1 control)", records: one { $0.id = "\"a\u{80}b\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "id with U+0085 (next line)", records: one { $0.id = "\"a\u{85}b\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "id with U+00A0 (no-break space)", records: one { $0.id = "\"a\u{A0}b\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "id with U+3000 (ideographic space)", records: one { $0.id = "\"资产\u{3000}1\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "id with U+200B (not white space)", records: one { $0.id = "\"a\u{200B}b\"" }, exit: 0),
        Case(name: "id of 129 bytes", records: one { $0.id = "\"\(String(repeating: "i", count: 129))\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "Chinese id", records: one { $0.id = "\"海韵-车位-1\"" }, exit: 0),
        Case(name: "actor of one space", records: one { $0.actor = "\" \"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "actor of an ideographic space and a tab", records: one { $0.actor = "\"\u{3000}\\t\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "empty actor", records: one { $0.actor = "\"\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "actor with a control character", records: one { $0.actor = "\"\\u0001\"" }, exit: 0),
        Case(name: "actor \" 李 \"", records: one { $0.actor = "\" 李 \"" }, exit: 0),
        // Item 3: a value outside its member's form is unparsable; a well-formed value breaking a chain rule is not.
        Case(name: "seq 0", records: one { $0.seq = "0" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "seq true", records: one { $0.seq = "true" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "seq 1.0", records: one { $0.seq = "1.0" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "seq 01", records: one { $0.seq = "01" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "v true", records: one { $0.v = "true" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "seq 2 first", records: one { $0.seq = "2"; $0.first = "2"; $0.last = "2" }, exit: 1, kind: "sequence", seq: 1),
        Case(name: "batch.first 0", records: one { $0.first = "0" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "batch.first -1", records: one { $0.first = "-1" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "batch.last 0", records: one { $0.last = "0" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "batch.last 2^53", records: one { $0.last = "9007199254740992" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "batch.last 2^53 - 1", records: one { $0.last = "9007199254740991" }, exit: 1, kind: "bad_batch", seq: 1),
        Case(name: "batch.first 2 for seq 1", records: one { $0.first = "2"; $0.last = "2" }, exit: 1, kind: "bad_batch", seq: 1),
        Case(name: "open batch 1…2,000,000 (a torn tail)", records: one { $0.last = "2000000" }, exit: 0),
        Case(name: "batch 1…2,000,001", records: one { $0.last = "2000001" }, exit: 1, kind: "bad_batch", seq: 1),
        Case(name: "record after a closed batch repeats it", records: singles(2) { $0[1].first = "1"; $0[1].last = "1" }, exit: 1, kind: "bad_batch", seq: 2),
        // Item 4: dates and times.
        Case(name: "recorded_at in 1899", records: one { $0.recordedAt = "\"1899-12-31T23:59:59Z\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "recorded_at in 1900", records: one { $0.recordedAt = "\"1900-01-01T00:00:00Z\"" }, exit: 0),
        Case(name: "recorded_at with a leap second", records: one { $0.recordedAt = "\"2016-12-31T23:59:60Z\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "recorded_at at 24:00", records: one { $0.recordedAt = "\"2025-01-01T24:00:00Z\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "recorded_at with fractions", records: one { $0.recordedAt = "\"2025-01-01T08:00:00.5Z\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "recorded_at before occurred_on", records: one { $0.occurredOn = "\"2025-06-01\"" }, exit: 0),
        Case(name: "recorded_at going backwards", records: singles(2) { $0[1].recordedAt = "\"2024-01-01T00:00:00Z\"" }, exit: 0),
        Case(name: "occurred_on 2025-02-29", records: one { $0.occurredOn = "\"2025-02-29\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "occurred_on in Arabic-Indic digits", records: one { $0.occurredOn = "\"٢٠٢٤-01-01\"" }, exit: 1, kind: "unparsable", seq: 1),
        // Item 5 and canonical JSON.
        Case(name: "-0", records: one { $0.data = "{\"n\":-0}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "-(2^53 - 1)", records: one { $0.data = "{\"n\":-9007199254740991}" }, exit: 0),
        Case(name: "2^53", records: one { $0.data = "{\"n\":9007199254740992}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "fraction", records: one { $0.data = "{\"n\":1.5}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "exponent", records: one { $0.data = "{\"n\":1e3}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "unsorted keys", records: one { $0.data = "{\"b\":1,\"a\":2}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "duplicate keys", records: one { $0.data = "{\"a\":1,\"a\":1}" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "escaped slash", records: one { $0.data = string("a\\/b") }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "needless \\u escape", records: one { $0.data = string("\\u00e9") }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "upper-case \\u escape", records: one { $0.data = string("\\u001F") }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "canonical \\u escape", records: one { $0.data = string("\\u001f") }, exit: 0),
        Case(name: "lone surrogate escape", records: one { $0.data = string("\\ud800") }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "space after a colon", records: one { $0.data = "{\"a\": 1}" }, exit: 1, kind: "unparsable", seq: 1),
        // Item 6: verification does not check schemas (`verify --schema` does).
        Case(name: "type foo.bar", records: one { $0.type = "\"foo.bar\"" }, exit: 0),
        Case(name: "type Foo", records: one { $0.type = "\"Foo\"" }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "type with an escaped newline", records: one { $0.type = "\"abc\\n\"" }, exit: 1, kind: "unparsable", seq: 1),
        // Item 7: the unterminated last line.
        Case(name: "unterminated last line of 1,048,576 bytes", records: singles(1), tail: Array(repeating: UInt8(ascii: "x"), count: 1_048_576), exit: 0),
        Case(name: "unterminated last line of 1,048,577 bytes", records: singles(1), tail: Array(repeating: UInt8(ascii: "x"), count: 1_048_577),
             exit: 1, kind: "unparsable", seq: 2),
        Case(name: "garbage line ending in LF", records: singles(1), tail: Array("garbage\n".utf8), exit: 1, kind: "unparsable", seq: 2),
        Case(name: "torn: first records of a batch and a partial line", records: singles(1) + [Forged(seq: "2", first: "2", last: "4", id: "\"e2\"")],
             tail: Array("{\"hash\":\"".utf8), exit: 0),
        // Item 9: invalid UTF-8, hash, link.
        Case(name: "invalid UTF-8", records: one { $0.data = string("ok") }, mutate: { bytes in
            var b = bytes
            b[b.count - 4] = 0xFF
            return b
        }, exit: 1, kind: "unparsable", seq: 1),
        Case(name: "hash mismatch", records: singles(2) { $0[1].hash = String(repeating: "a", count: 64) }, exit: 1, kind: "hash_mismatch", seq: 2),
        Case(name: "upper-case hash", records: singles(2) { $0[1].hash = String(repeating: "A", count: 64) }, exit: 1, kind: "unparsable", seq: 2),
        Case(name: "broken link", records: singles(2) { $0[1].prev = String(repeating: "b", count: 64) }, exit: 1, kind: "broken_link", seq: 2),
        // The acknowledged head (sections 1, 4, 6).
        Case(name: "acknowledged head in place", records: singles(3), acknowledged: .record(3), exit: 0),
        Case(name: "acknowledged head behind the log", records: singles(3), acknowledged: .record(2), exit: 0),
        Case(name: "acknowledged record with another hash", records: singles(3), acknowledged: .otherHash(2), exit: 1, kind: "acknowledged_lost", seq: 2),
        Case(name: "acknowledged seq beyond the log", records: singles(3), acknowledged: .record(3), mutate: { bytes in
            Array(bytes[..<(bytes.lastIndex(of: 0x0A, before: bytes.count - 1)! + 1)])
        }, exit: 1, kind: "acknowledged_lost", seq: 3),
        Case(name: "cut into an acknowledged batch", records: [Forged(seq: "1", first: "1", last: "3"), Forged(seq: "2", first: "1", last: "3", id: "\"e2\""),
                                                               Forged(seq: "3", first: "1", last: "3", id: "\"e3\"")],
             acknowledged: .record(3), mutate: { Array($0.dropLast(9)) }, exit: 1, kind: "acknowledged_lost", seq: 1),
        Case(name: "torn tail after the acknowledged head", records: singles(2), tail: Array("{\"ha".utf8), acknowledged: .record(2), exit: 0),
        Case(name: "acknowledged: one-line form", records: singles(3), acknowledged: .oneLine(3), exit: 0),
        Case(name: "acknowledged: one-line form beyond the log", records: singles(2), acknowledged: .bytes { AcknowledgedBytes.oneLine(seq: 3, hash: $0[1]) },
             exit: 1, kind: "acknowledged_lost", seq: 3),
        Case(name: "acknowledged: both slots empty", records: singles(2), acknowledged: .bytes { _ in emptySlot + emptySlot }, exit: 0),
        Case(name: "acknowledged: the higher seq in slot 1", records: singles(3), acknowledged: .bytes { slot(2, $0) + slot(3, $0) }, mutate: dropLastLine,
             exit: 1, kind: "acknowledged_lost", seq: 3),
        Case(name: "acknowledged: the higher seq in slot 0", records: singles(3), acknowledged: .bytes { slot(3, $0) + slot(2, $0) }, mutate: dropLastLine,
             exit: 1, kind: "acknowledged_lost", seq: 3),
        Case(name: "acknowledged: the same head in both slots", records: singles(3), acknowledged: .bytes { slot(3, $0) + slot(3, $0) }, exit: 0),
        // A write of record 3's head over slot 0 (which held record 1's) cut after 100 bytes: slot 1 (record 2) counts.
        Case(name: "acknowledged: a torn slot is ignored", records: singles(3), acknowledged: .bytes { Array(slot(3, $0)[..<100]) + slot(1, $0)[100...] + slot(2, $0) },
             mutate: dropLastLine, exit: 0),
        Case(name: "acknowledged: a slot whose check does not match is ignored", records: singles(3),
             acknowledged: .bytes { edited(slot(3, $0)) { "{\"check\":\"\(String(repeating: "d", count: 64))" + $0.dropFirst(74) } + slot(2, $0) },
             mutate: dropLastLine, exit: 0),
        Case(name: "acknowledged: a slot with an upper-case hash is ignored", records: singles(3),
             acknowledged: .bytes { hashes in edited(slot(3, hashes)) { $0.replacingOccurrences(of: hashes[2], with: hashes[2].uppercased()) } + slot(2, hashes) },
             mutate: dropLastLine, exit: 0),
        Case(name: "acknowledged: a slot padded with a tab is ignored", records: singles(3), acknowledged: .bytes { Array(slot(3, $0)[..<4094]) + [0x09, 0x0A] + slot(2, $0) },
             mutate: dropLastLine, exit: 0),
        Case(name: "acknowledged: seq 0 with another hash is no slot", records: singles(2),
             acknowledged: .bytes { _ in AcknowledgedBytes.slot(seq: 0, hash: String(repeating: "e", count: 64)) + spaces }, exit: 2),
        Case(name: "acknowledged: both slots damaged", records: singles(2), acknowledged: .bytes { _ in spaces + spaces }, exit: 2),
        Case(name: "acknowledged: two heads for one seq", records: singles(2),
             acknowledged: .bytes { slot(2, $0) + AcknowledgedBytes.slot(seq: 2, hash: String(repeating: "c", count: 64)) }, exit: 2),
        Case(name: "acknowledged: a byte short", records: singles(2), acknowledged: .bytes { Array((slot(2, $0) + emptySlot).dropLast()) }, exit: 2),
        Case(name: "acknowledged: a byte more", records: singles(2), acknowledged: .bytes { slot(2, $0) + emptySlot + [0x0A] }, exit: 2),
        // Item 10: ledger.json.
        Case(name: "ledger.json with unsorted keys and spaces", records: singles(1),
             identity: "{ \"version\": 1, \"name\": \"spec\", \"format\": \"common-property-ledger\", \"created_at\": \"2025-01-01T00:00:00Z\", \"note\": \"x\" }\n", exit: 0),
        Case(name: "ledger.json version 2", records: singles(1),
             identity: "{\"created_at\":\"2025-01-01T00:00:00Z\",\"format\":\"common-property-ledger\",\"name\":\"spec\",\"version\":2}\n", exit: 2),
        Case(name: "ledger.json version 1.0", records: singles(1),
             identity: "{\"created_at\":\"2025-01-01T00:00:00Z\",\"format\":\"common-property-ledger\",\"name\":\"spec\",\"version\":1.0}\n", exit: 2),
        Case(name: "ledger.json without created_at", records: singles(1),
             identity: "{\"format\":\"common-property-ledger\",\"name\":\"spec\",\"version\":1}\n", exit: 2),
        // Review 39a: ledger.json is read with section 8's input parser, whose duplicate keys are compared under
        // canonical equivalence (the Python verifier compared code points and called this intact); a stored line's
        // keys are compared as bytes (section 2), so the same two spellings inside a record's data are two keys.
        Case(name: "ledger.json with two spellings of one key", records: singles(1),
             identity: "{\"created_at\":\"2025-01-01T00:00:00Z\",\"format\":\"common-property-ledger\",\"name\":\"spec\",\"version\":1,\"Cafe\u{301}\":1,\"Caf\u{E9}\":2}\n", exit: 2),
        Case(name: "a record's data with two spellings of one text as keys", records: one { $0.data = "{\"Cafe\u{301}\":1,\"Caf\u{E9}\":2}" }, exit: 0),
    ]

    /// Builds the ledger of a case; returns its directory and the hashes of its records.
    static func build(_ c: Case, in temp: TemporaryDirectory) throws -> String {
        let path = temp.path + "/ledger"
        try LedgerDirectory.create(at: path, name: "spec", createdAt: TestLedger.recordedAt)
        var log: [UInt8] = []
        var prev = String(repeating: "0", count: 64)
        var hashes: [String] = []
        for record in c.records {
            let rest = "\"seq\":\(record.seq),\"v\":\(record.v),\"batch\":{\"first\":\(record.first),\"last\":\(record.last)},\"id\":\(record.id),"
                + "\"type\":\(record.type),\"occurred_on\":\(record.occurredOn),\"recorded_at\":\(record.recordedAt),\"actor\":\(record.actor),\"data\":\(record.data)}"
            let hashed = "{\"prev\":\"\(record.prev ?? prev)\"," + rest
            let hash = record.hash ?? SHA256.digest(hashed).hex
            log += Array("{\"hash\":\"\(hash)\",\"prev\":\"\(record.prev ?? prev)\",\(rest)\n".utf8)
            hashes.append(hash)
            prev = hash
        }
        log += c.tail
        if let mutate = c.mutate { log = mutate(log) }
        FileManager.default.createFile(atPath: path + "/events.jsonl", contents: Data(log))
        let acknowledged: [UInt8]?
        switch c.acknowledged {
        case .none: acknowledged = nil
        case .record(let k): acknowledged = slot(k, hashes) + emptySlot
        case .otherHash(let k): acknowledged = AcknowledgedBytes.slot(seq: Int64(k), hash: String(repeating: "c", count: 64)) + emptySlot
        case .oneLine(let k): acknowledged = AcknowledgedBytes.oneLine(seq: Int64(k), hash: hashes[k - 1])
        case .bytes(let make): acknowledged = make(hashes)
        }
        if let acknowledged {
            FileManager.default.createFile(atPath: path + "/acknowledged", contents: Data(acknowledged))
        } else {
            try PosixFile.remove(path + "/acknowledged")   // `ledger init` made one with both slots empty
        }
        if let identity = c.identity { FileManager.default.createFile(atPath: path + "/ledger.json", contents: Data(identity.utf8)) }
        return path
    }

    /// The members both verifiers print, as comparable text.
    static func comparable(_ json: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var out: [String: String] = ["head": "\(object["head"]!)", "records": "\(object["records"]!)", "status": "\(object["status"]!)"]
        if let failure = object["failure"] as? [String: Any] {
            for key in ["byte_offset", "kind", "line", "seq"] { out["failure." + key] = "\(failure[key]!)" }
        }
        if let torn = object["torn_tail"] as? [String: Any] {
            for key in ["byte_count", "byte_offset", "complete_records", "partial_line"] { out["torn." + key] = "\(torn[key]!)" }
        }
        return out
    }

    @Test(arguments: cases)
    func ledgerVerifyFollowsTheSpec(_ c: Case) throws {
        let temp = TemporaryDirectory()
        let path = try Self.build(c, in: temp)
        let cli = CLIHarness()
        let status = cli.run(["verify", "--json", "--ledger", path])
        #expect(status == c.exit, "\(cli.stdout)\(cli.stderr)")
        guard status != 2 else { return }
        let result = try Self.comparable(cli.stdout)
        #expect(result["failure.kind"] == c.kind, "\(cli.stdout)")
        #expect(result["failure.seq"] == c.seq.map { "\($0)" })
        if c.kind == nil {
            // An intact log is also one the library writer accepts and extends (pair assertion of section 5).
            #expect(cli.run(["append", "--ledger", path], stdin: Self.extra) == 0, "\(cli.stderr)")
        } else {
            let before = try Data(contentsOf: URL(fileURLWithPath: path + "/events.jsonl"))
            #expect(cli.run(["append", "--ledger", path], stdin: Self.extra) == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path + "/events.jsonl")) == before)
        }
    }

    @Test(.enabled(if: Self.python != nil, "needs python3"), arguments: cases)
    func pythonVerifierAgrees(_ c: Case) throws {
        let temp = TemporaryDirectory()
        let path = try Self.build(c, in: temp)
        let cli = CLIHarness()
        let swiftStatus = cli.run(["verify", "--json", "--ledger", path])
        let python = try TestBinaries.run(Self.python!, [Self.root + "/scripts/verify_ledger.py", "--json", path])
        #expect(python.status == swiftStatus, "python: \(python.stdout)\(python.stderr)")
        guard swiftStatus != 2, python.status != 2 else { return }
        #expect(try Self.comparable(python.stdout) == Self.comparable(cli.stdout), "python: \(python.stdout)\nswift: \(cli.stdout)")
    }
}

extension Array where Element == UInt8 {
    /// The index of the last `byte` before `end`.
    func lastIndex(of byte: UInt8, before end: Int) -> Int? { self[..<end].lastIndex(of: byte) }
}
