import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import Testing

/// Seeded fuzzing of every parser on the log's side of the ledger: event input lines (EventInput + JSONParser +
/// the domain schemas), record lines (RecordCodec.decode and the fast RecordLineScanner/JSONValidator used by
/// verify), and the byte primitives verify is built on. Every input must either parse or give an error with a
/// reason — a crash or a hang fails the run — and the fast paths must agree with the slow ones.
///
/// LEDGER_FUZZ_ITERATIONS scales the number of inputs (default 3,000 per test, times LEDGER_TEST_DEPTH).
@Suite("Fuzzing the parsers")
struct FuzzTests {
    static let iterations = FaultProcess.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    // MARK: - Mutation

    /// A small random change: flip, insert, delete, duplicate a span, or splice in a hostile token.
    static func mutate(_ input: [UInt8], _ random: inout SyntheticRandom) -> [UInt8] {
        var bytes = input
        let tokens: [[UInt8]] = [
            [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8], [0xFF], [0x00], [0x0A], [0x0D],
            Array("\\u0000".utf8), Array("\\ud800".utf8), Array("\\".utf8), Array("\"".utf8), Array("{".utf8), Array("}".utf8),
            Array("[".utf8), Array("]".utf8), Array(",".utf8), Array(":".utf8), Array("9007199254740992".utf8),
            Array("-0".utf8), Array("1.5".utf8), Array("1e400".utf8), Array("2025-02-30".utf8), Array("null".utf8),
            Array(" ".utf8), Array("\"amount_fen\":-100".utf8), Array("中".utf8),
        ]
        for _ in 0..<(1 + random.below(3)) {
            let at = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
            switch random.below(6) {
            case 0 where !bytes.isEmpty && at < bytes.count: bytes[at] ^= UInt8(1 << random.below(8))
            case 1: bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: at)
            case 2 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(8)))
            case 3 where at < bytes.count:
                let span = bytes[at..<min(bytes.count, at + 1 + random.below(16))]
                bytes.insert(contentsOf: span, at: at)
            case 4: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            default: if !bytes.isEmpty { bytes.removeLast(random.below(min(bytes.count, 4)) + 0) }
            }
        }
        return bytes
    }

    /// Valid event input lines from the synthetic city.
    static func eventLines(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var city = SyntheticCity(eventCount: count, seed: seed, communityCount: 3)
        var lines: [[UInt8]] = []
        while let event = city.next() {
            lines.append(CanonicalJSON.encode(.object([
                "id": .string(event.id!), "type": .string(event.type), "occurred_on": .string(event.occurredOn.description),
                "actor": .string(event.actor!), "data": .object(event.data),
            ])))
        }
        return lines
    }

    // MARK: - Event input lines

    @Test("event lines: every mutation parses or is rejected with a reason; parsed ones decode or name a field")
    func eventLinesNeverCrash() {
        var random = SyntheticRandom(seed: 0xF022_0001)
        let valid = Self.eventLines(300, seed: 5)
        var parsed = 0, rejected = 0
        for n in 0..<Self.iterations {
            let line = Self.mutate(valid[random.below(valid.count)], &random)
            do {
                let event = try EventInput.parse(line: line, source: "fuzz", lineNumber: n + 1)
                parsed += 1
                do { _ = try DomainEvent.decode(event) } catch {
                    guard case .payload(let problem) = error else { Issue.record("not a payload's problem: \(error)"); continue }
                    #expect(!problem.field.isEmpty && !problem.reason.isEmpty)
                }
            } catch {
                rejected += 1
                guard case .eventLine(let problems) = error else { Issue.record("not a line's problem: \(error)"); continue }
                #expect(problems.count == 1 && problems[0].lineNumber == n + 1 && !problems[0].reason.isEmpty)
            }
        }
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        #expect(parsed > 0 && rejected > 0)
    }

    @Test("hostile event lines: invalid UTF-8, huge fields, deep nesting, out-of-range numbers, impossible dates",
          arguments: hostileLines())
    func hostileEventLine(_ line: [UInt8]) {
        do {
            let event = try EventInput.parse(line: line, source: "fuzz", lineNumber: 1)
            do {
                _ = try DomainEvent.decode(event)
                Issue.record("a hostile line was accepted as a domain event: \(String(decoding: line.prefix(200), as: UTF8.self))")
            } catch {
                #expect(!error.reason.en.isEmpty)
            }
        } catch {
            #expect(!error.reason.en.isEmpty)
        }
    }

    static func hostileLines() -> [[UInt8]] {
        func line(_ data: String, type: String = "fund.income", date: String = "2025-03-01") -> [UInt8] {
            Array("{\"type\":\"\(type)\",\"occurred_on\":\"\(date)\",\"actor\":\"a\",\"data\":\(data)}".utf8)
        }
        let income = { (amount: String) in
            line("{\"fund_id\":\"F1\",\"amount_fen\":\(amount),\"counterparty\":\"x\",\"voucher\":\"v\",\"source\":{},\"category\":\"rent\"}")
        }
        var lines: [[UInt8]] = [
            income("-100"), income("0.5"), income("12.50"), income("\"12.50\""), income("1e3"), income("9007199254740992"),
            income("-9007199254740993"), income("1000000000001"), income("-0"), income("007"),
            line("{}", date: "2025-02-30"), line("{}", date: "2023-02-29"), line("{}", date: "2025-13-01"),
            line("{}", date: "0000-01-01"), line("{}", date: "2025-1-1"), line("{}", date: "2025-01-01T00:00:00Z"),
            line("{\"a\":1,\"a\":2}"), line("[]"), line("{}", type: "Fund.Income"), line("{}", type: "no.such.type"),
            Array("{\"type\":\"fund.income\"".utf8), Array("".utf8), Array("null".utf8), Array("{}{}".utf8),
            [0xEF, 0xBB, 0xBF] + income("1"),
        ]
        // Invalid UTF-8 in a value, in a key, and a lone surrogate escape.
        lines.append(line("{\"fund_id\":\"\u{1}\"}"))
        lines.append(Array("{\"type\":\"fund.income\",\"occurred_on\":\"2025-03-01\",\"data\":{\"fund_id\":\"".utf8) + [0xC0, 0xAF] + Array("\"}}".utf8))
        lines.append(Array("{\"type\":\"fund.income\",\"occurred_on\":\"2025-03-01\",\"data\":{\"".utf8) + [0xED, 0xA0, 0x80] + Array("\":1}}".utf8))
        lines.append(line("{\"fund_id\":\"\\ud800\"}"))
        // Enormous: a 100 KB string, a 600 KB line, 200,000 levels of nesting, 100,000 members.
        lines.append(line("{\"fund_id\":\"" + String(repeating: "x", count: 100_000) + "\"}"))
        lines.append(line("{\"note\":\"" + String(repeating: "中", count: 200_000) + "\"}"))
        lines.append(line(String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)))
        lines.append(line("{" + (0..<100_000).map { "\"k\($0)\":1" }.joined(separator: ",") + "}"))
        return lines
    }

    @Test("the strict JSON parser and the fast validator agree on canonical JSON and its mutations")
    func validatorAgreesWithParser() {
        var random = SyntheticRandom(seed: 0xF022_0002)
        let valid = Self.eventLines(200, seed: 6)
        for _ in 0..<Self.iterations {
            let input = random.chance(10) ? valid[random.below(valid.count)] : Self.mutate(valid[random.below(valid.count)], &random)
            let fastAccepts = (try? JSONValidator.validateValue(in: input[...], from: 0)) == input.count
            let parsed = try? JSONParser.parse(input)
            if fastAccepts, parsed == nil {
                // The validator leaves duplicate keys to the full parser; anything else is a disagreement.
                do { _ = try JSONParser.parse(input) } catch {
                    #expect(error.reason.en.contains("duplicate"), "validator accepted what the parser rejects: \(error)")
                }
            }
            if let value = parsed, CanonicalJSON.encode(value) == input {
                #expect(fastAccepts, "validator rejected canonical JSON: \(String(decoding: input.prefix(200), as: UTF8.self))")
            }
        }
    }

    // MARK: - Record lines

    /// A small valid log: `count` records, one batch each, so every record is committed on its own.
    static func recordLines(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var city = SyntheticCity(eventCount: count, seed: seed, communityCount: 2)
        let hasher = SHA256()
        var prev = Record.genesisPrev
        var lines: [[UInt8]] = []
        var seq: Int64 = 0
        while let event = city.next() {
            seq += 1
            let (line, hash) = RecordCodec.encode(event: event, id: event.id!, actor: event.actor!, seq: seq, prev: prev,
                                                  batchFirst: seq, batchLast: seq,
                                                  recordedAt: Timestamp(secondsSinceEpoch: 1_750_000_000), hasher: hasher)
            lines.append(line)
            prev = hash
        }
        return lines
    }

    @Test("record lines: decode and the verify scanner never crash, and the scanner accepts all that decode accepts")
    func recordLinesScannerAgreesWithDecode() {
        var random = SyntheticRandom(seed: 0xF022_0003)
        let valid = Self.recordLines(200, seed: 7)
        var decoded = 0
        for _ in 0..<Self.iterations {
            let line = Self.mutate(valid[random.below(valid.count)], &random)
            let scanned = Result(catching: { () throws(ChainError) in try RecordLineScanner.scan(line[...]) })
            do {
                _ = try RecordCodec.decode(line: line[...])
                decoded += 1
                if case .failure(let problem) = scanned { Issue.record("decode accepts, scanner rejects (\(problem)): \(String(decoding: line, as: UTF8.self))") }
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
        for line in valid {
            guard (try? RecordLineScanner.scan(line[...])) != nil else { Issue.record("a valid record was rejected"); continue }
        }
        _ = decoded
    }

    @Test("verify detects every single mutation of a committed record")
    func verifyDetectsEveryMutation() throws {
        var random = SyntheticRandom(seed: 0xF022_0004)
        let valid = Self.recordLines(3, seed: 8)
        let scratch = try FaultProcess.scratchDirectory("fuzz-verify")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let path = scratch + "/events.jsonl"
        for _ in 0..<(Self.iterations / 3) {
            let middle = Self.mutate(valid[1], &random)
            guard middle != valid[1] else { continue }
            let file = valid[0] + [0x0A] + middle + [0x0A] + valid[2] + [0x0A]
            #expect(FileManager.default.createFile(atPath: path, contents: Data(file)))
            guard let summary = try? LogScanner.verify(path: path) else { Issue.record("unreadable"); continue }
            #expect(summary.failure != nil, "a changed record passed verify: \(String(decoding: middle, as: UTF8.self))")
            #expect(summary.recordCount <= 1)
        }
    }

    // MARK: - Byte primitives

    @Test("Bytes fast paths agree with plain reference loops on random input")
    func bytePrimitivesMatchReference() {
        var random = SyntheticRandom(seed: 0xF022_0005)
        let alphabet: [UInt8] = Array("0123456789abcdefABCDEF\"\\ {}xyz".utf8)
            + [0x00, 0x1F, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xE0, 0xE4, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xFF]
        // Runs of three-byte characters long enough for the plain-text scan's two-characters-per-word loop, with
        // full-width punctuation (EF lead), E0, ED and EE leads at their edges.
        let text = Array("资产登记造册 parking 车位 \u{1F600} é 西山锦绣家园（1期），、。\u{0800}\u{D7FF}\u{E000}\u{FFFD}社区居委会".utf8)
        for _ in 0..<Self.iterations {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(80) {
                if random.chance(30) {
                    let start = random.below(text.count)
                    bytes += text[start..<min(text.count, start + random.below(random.chance(50) ? 8 : 40))]
                } else {
                    bytes.append(alphabet[random.below(alphabet.count)])
                }
            }
            let from = bytes.isEmpty ? 0 : random.below(bytes.count)
            let slice = bytes[from...]
            // UTF-8 validity against the standard library's decoder.
            #expect(Bytes.firstInvalidUTF8(slice) == Self.referenceFirstInvalidUTF8(Array(slice)))
            // Plain JSON string content: the first quote, backslash, control character or invalid UTF-8.
            let end = Bytes.endOfPlainText(in: slice, from: from)
            #expect(end == from + Self.referencePlainRun(Array(slice)), "\(Hex.encode(slice))")
            #expect(Bytes.isLowerHex(slice) == slice.allSatisfy { Hex.nibble($0) != nil })
            if let needle = bytes.first {
                #expect(Bytes.firstIndex(of: needle, in: bytes, from: from, to: bytes.count) == bytes[from...].firstIndex(of: needle))
            }
            let lead = Array(bytes.prefix(random.below(12)))
            #expect(Bytes.matches(bytes[...], at: 0, lead) == bytes.starts(with: lead))
            // The end of a JSON string body: the first quote not escaped by a backslash.
            var stringEnd: Int? = nil, escaped = false, i = from
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\"") { stringEnd = i + 1; break }
                if bytes[i] == UInt8(ascii: "\\") { escaped = true; i += 2 } else { i += 1 }
            }
            let found = Bytes.endOfJSONString(in: slice, from: from)
            #expect(found?.end == stringEnd && (stringEnd == nil || found?.escaped == escaped), "\(Hex.encode(slice))")
        }
        let digest = SHA256.digest("fuzz")
        #expect(Bytes.hexEquals(Array(digest.hex.utf8)[...], digest))
        var wrong = Array(digest.hex.utf8)
        wrong[63] = wrong[63] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(!Bytes.hexEquals(wrong[...], digest))
    }

    static func referenceFirstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        while offset < bytes.count {
            var width = 0
            for w in 1...4 where offset + w <= bytes.count {
                if String(validating: bytes[offset..<offset + w], as: UTF8.self) != nil { width = w; break }
            }
            if width == 0 { return offset }
            offset += width
        }
        return nil
    }

    static func referencePlainRun(_ bytes: [UInt8]) -> Int {
        let invalid = referenceFirstInvalidUTF8(bytes) ?? bytes.count
        let special = bytes.firstIndex { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } ?? bytes.count
        return min(invalid, special)
    }
}
