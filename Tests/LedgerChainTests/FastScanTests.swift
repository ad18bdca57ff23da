import Foundation
@testable import LedgerChain
import LedgerEvents
@testable import LedgerPlatform
import LedgerSynthetic
import Testing

/// The fast paths of verify and append against the code they stand in for: the in-place record line scan
/// (`Bytes.recordLineLayout`, `RecordLineScanner.fastScan`) against the full scan, the one-shot SHA-256 against
/// the streaming one, and the word-wise hex against the byte-wise one. Seeded: the same inputs on every run.
@Suite("Fast paths agree with the full ones")
struct FastScanTests {
    static let iterations = FaultProcess.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    /// Every field of two scans of one line.
    static func same(_ a: ScannedLine, _ b: ScannedLine) -> Bool { differences(a, b).isEmpty }

    /// The fields two scans read differently (empty when they agree).
    static func differences(_ a: ScannedLine, _ b: ScannedLine) -> [String] {
        let checks: [(String, Bool)] = [
            ("seq", a.seq == b.seq), ("batchFirst", a.batchFirst == b.batchFirst), ("batchLast", a.batchLast == b.batchLast),
            ("hash", a.storedHashRange == b.storedHashRange), ("prev", a.prevRange == b.prevRange), ("id", a.idRange == b.idRange),
            ("type", a.typeRange == b.typeRange), ("actor", a.actorRange == b.actorRange), ("data", a.dataRange == b.dataRange),
            ("occurredOn", a.occurredOn == b.occurredOn), ("recordedAt", a.recordedAt == b.recordedAt),
        ]
        return checks.filter { !$0.1 }.map(\.0)
    }

    /// Checks one line: the fast scan accepts only what the full scan accepts, with the same fields, and the
    /// scanner verify uses (fast, then full) gives exactly the full scan's answer, message included.
    /// Returns whether the fast path accepted.
    @discardableResult
    static func check(_ line: ArraySlice<UInt8>) -> Bool {
        let full = Result(catching: { () throws(ChainError) in try RecordLineScanner.fullScan(line) })
        let fast = RecordLineScanner.fastScan(line)
        switch (full, Result(catching: { () throws(ChainError) in try RecordLineScanner.scan(line) })) {
        case (.success(let a), .success(let b)):
            #expect(same(a, b), "scan and full scan read \(differences(a, b)) of \(String(decoding: line, as: UTF8.self)) differently")
        case (.failure(let a), .failure(let b)):
            #expect(a == b)
        default:
            Issue.record("scan and full scan disagree on \(String(decoding: line.prefix(300), as: UTF8.self))")
        }
        if let fast {
            guard case .success(let slow) = full else {
                Issue.record("the fast scan accepted a line the full scan rejects: \(String(decoding: line.prefix(300), as: UTF8.self))")
                return true
            }
            #expect(same(fast, slow))
        }
        return fast != nil
    }

    // MARK: - Random valid records of every shape

    /// A random JSON value in canonical form's reach: keys and strings with escapes, CJK, emoji and controls;
    /// integers up to the limits; nesting.
    static func randomValue(_ random: inout SyntheticRandom, depth: Int) -> JSONValue {
        switch random.below(depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(random.chance(50))
        case 2:
            let limits: [Int64] = [0, 1, -1, 9, 10, -10, Limits.jsonIntegerMax, -Limits.jsonIntegerMax, 1_000_000_000_000]
            return .integer(random.chance(30) ? limits[random.below(limits.count)] : Int64(random.below(2_000_000)) - 1_000_000)
        case 3: return .string(randomText(&random))
        case 4: return .array((0..<random.below(4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.below(5) { members[randomText(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    static func randomText(_ random: inout SyntheticRandom) -> String {
        let pieces = ["a", "amount_fen", "z", "资产", "车位", "\u{1F600}", "é", "\"", "\\", "/", "\n", "\u{1}", "\u{7F}", " ",
                      "fund_id", "x", "_", "0", "\u{FFFF}", "\u{10FFFF}"]
        return (0..<random.below(6)).map { _ in pieces[random.below(pieces.count)] }.joined()
    }

    /// Valid record lines: the synthetic city's, and raw payloads of random JSON with random ids, actors and types.
    static func validLines(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SyntheticRandom(seed: seed)
        var lines = FuzzTests.recordLines(count / 2, seed: seed)
        let ids = ["e-1", "imp-0123456789abcdef", "资产-1", "x", String(repeating: "k", count: 120), "a~b!c"]
        let actors = ["clerk", "王会计", "业委会 \"主任\"", " a ", "a\\b", "x"]
        let types = ["fund.income", "asset.registered", "custom.type_1", "a", "zz.unknown"]
        let hasher = SHA256()
        for n in 0..<(count - lines.count) {
            var data: [String: JSONValue] = [:]
            for _ in 0..<random.below(6) { data[randomText(&random)] = randomValue(&random, depth: 1) }
            let event = Event(id: nil, occurredOn: CalendarDate(year: 2020 + random.below(6), month: 1 + random.below(12), day: 1 + random.below(28))!,
                              actor: nil, payload: .raw(type: types[random.below(types.count)], data: CanonicalJSON.encode(.object(data))))
            let seq = Int64(1 + random.below(100_000))
            let (line, _) = RecordCodec.encode(event: event, id: ids[random.below(ids.count)] + "\(n)", actor: actors[random.below(actors.count)],
                                               seq: seq, prev: SHA256.digest("\(n)"), batchFirst: seq, batchLast: seq + Int64(random.below(3)),
                                               recordedAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(random.below(100_000_000))), hasher: hasher)
            lines.append(line)
        }
        return lines
    }

    @Test("valid records: the fast scan reads the usual ones, and every one the same as the full scan")
    func validRecordsAgree() {
        let lines = Self.validLines(600, seed: 0xFA57_0001)
        var fastCount = 0
        for line in lines {
            guard (try? RecordLineScanner.fullScan(line[...])) != nil else {
                Issue.record("a valid record was rejected: \(String(decoding: line, as: UTF8.self))")
                continue
            }
            if Self.check(line[...]) { fastCount += 1 }
        }
        // Every record the synthetic city (and so the benchmark) writes takes the fast path.
        for line in FuzzTests.recordLines(300, seed: 9) { #expect(RecordLineScanner.fastScan(line[...]) != nil) }
        #expect(fastCount > lines.count / 2)
    }

    /// The fast path reads the dates' numbers and the caller judges them: every date and time, valid or not, is
    /// read as the full scan reads it (leap days, month and day bounds, years outside 1900…9999, 24:00:00, a
    /// leap second, lower-case z, signs, spaces and full-width digits).
    @Test("dates and times: the fast path's numbers give the full scan's answer")
    func datesAgreeWithTheFullScan() {
        let dates = ["2024-02-29", "2025-02-29", "2025-02-28", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32",
                     "2025-04-31", "1899-12-31", "1900-01-01", "9999-12-31", "0000-01-01", "2025-1-010", "2025/01/01",
                     "2025-0a-01", "+025-01-01", "2025-01- 1", "２０２５-01"]
        let times = ["00:00:00Z", "23:59:59Z", "24:00:00Z", "23:60:00Z", "23:59:60Z", "00:00:00z", "0:00:000Z",
                     "00:00:0aZ", "00-00-00Z", "-1:00:00Z"]
        var checked = 0
        for line in FuzzTests.recordLines(3, seed: 21) {
            let text = String(decoding: line, as: UTF8.self)
            guard let occurred = text.range(of: "\"occurred_on\":\""), let recorded = text.range(of: "\"recorded_at\":\"") else {
                Issue.record("no dates in \(text)")
                continue
            }
            let occurredOn = text[occurred.upperBound...].prefix(10), recordedAt = text[recorded.upperBound...].prefix(20)
            for date in dates {
                let changed = text.replacingCharacters(in: occurred.upperBound..<text.index(occurred.upperBound, offsetBy: 10), with: date)
                Self.check(Array(changed.utf8)[...])
                for time in times {
                    let stamp = text.replacingCharacters(in: recorded.upperBound..<text.index(recorded.upperBound, offsetBy: 20),
                                                         with: date + "T" + time)
                    Self.check(Array(stamp.utf8)[...])
                    checked += 1
                }
            }
            #expect(occurredOn.count == 10 && recordedAt.count == 20)
        }
        #expect(checked == 3 * dates.count * times.count)
    }

    @Test("verify's in-place work on a chunk (Bytes.recordLineWork) gives each line's fast scan, hash and link")
    func chunkWorkAgreesLineByLine() {
        var random = SyntheticRandom(seed: 0xFA57_0009)
        var lines = FuzzTests.recordLines(200, seed: 11) + Self.validLines(100, seed: 0xFA57_000A)
        // Some damage among them: a flipped byte, a cut line, an empty line.
        for _ in 0..<40 {
            let i = random.below(lines.count)
            lines[i] = FuzzTests.mutate(lines[i], &random).map { $0 == 0x0A ? 0x20 : $0 }
        }
        lines.insert([], at: 17)
        lines.insert(Array(lines[30].prefix(120)), at: 31)
        var chunk: [UInt8] = Array("tail of an earlier line\n".utf8)
        let from = chunk.count
        for line in lines { chunk += line + [0x0A] }
        let works = Bytes.recordLineWork(in: chunk, from: from, to: chunk.count, limits: RecordLineScanner.fastLimits,
                                         hashedFrom: RecordCodec.hashMemberLength)
        #expect(works.count == lines.count)
        for (index, (work, line)) in zip(works, lines).enumerated() {
            #expect(Array(chunk[work.range]) == line)
            let digest = RecordCodec.hashedBytesDigest(line: chunk[work.range])
            let storedHashIsOwn = Bytes.hexEquals(chunk[(work.range.lowerBound + 9)..<(work.range.lowerBound + 73)], digest)
            guard let layout = work.layout else {
                // No layout: the fast scan refuses the line, or (its hex form being decided from the hash) the
                // stored hash is not the line's own; either way the full scan reads it.
                #expect(Bytes.recordLineLayout(chunk[work.range], limits: RecordLineScanner.fastLimits) == nil || !storedHashIsOwn)
                continue
            }
            #expect(Bytes.recordLineLayout(chunk[work.range], limits: RecordLineScanner.fastLimits) == layout)
            #expect(work.digest == digest)
            #expect(work.hashMatches && storedHashIsOwn)
            if index > 0, works[index - 1].layout != nil {
                let before = works[index - 1].range.lowerBound
                #expect(work.prevMatchesLineBefore == chunk[(work.range.lowerBound + 83)..<(work.range.lowerBound + 147)]
                    .elementsEqual(chunk[(before + 9)..<(before + 73)]))
            } else {
                #expect(work.prevMatchesLineBefore == nil)
            }
        }
    }

    @Test("verify's workers decide the hex form of hash and prev from the hash: a line that only that check refuses gets no layout")
    func fusedHexCheckRefusesWhatTheFormCheckRefused() {
        let lines = FuzzTests.recordLines(12, seed: 21)
        func text(_ line: [UInt8]) -> String { String(decoding: line, as: UTF8.self) }
        func rehashed(_ line: String) -> [UInt8] {
            let digest = RecordCodec.hashedBytesDigest(line: Array(line.utf8)[...])
            return Array(("{\"hash\":\"" + digest.hex + line.dropFirst(73)).utf8)
        }
        func hash(_ line: [UInt8]) -> String { String(text(line).dropFirst(9).prefix(64)) }
        func prev(_ line: [UInt8]) -> String { String(text(line).dropFirst(83).prefix(64)) }
        // Each variant of line 5 (index 4) breaks only the form of hash or prev; the hash is the line's own where
        // the variant says so (a forger who recomputes it).
        let variants: [(String, [UInt8])] = [
            ("stored hash in upper case", Array(("{\"hash\":\"" + hash(lines[4]).uppercased() + text(lines[4]).dropFirst(73)).utf8)),
            ("prev in upper case, rehashed", rehashed(text(lines[4]).replacingOccurrences(of: prev(lines[4]), with: prev(lines[4]).uppercased()))),
            ("prev with a non-hex digit, rehashed", rehashed(text(lines[4]).replacingOccurrences(of: prev(lines[4]), with: "g" + prev(lines[4]).dropFirst()))),
        ]
        for (name, variant) in variants {
            #expect(variant != lines[4], "\(name) changes the line")
            for position in [0, 4] {
                // At the start of the part (prev not compared with a line before) and in its middle.
                var chosen = lines
                chosen[4] = variant
                let ordered = position == 0 ? [chosen[4]] + chosen[5...] : chosen
                var chunk: [UInt8] = []
                for line in ordered { chunk += line + [0x0A] }
                let works = Bytes.recordLineWork(in: chunk, from: 0, to: chunk.count, limits: RecordLineScanner.fastLimits,
                                                 hashedFrom: RecordCodec.hashMemberLength)
                let index = position == 0 ? 0 : 4
                #expect(works[index].layout == nil, "\(name) at \(position)")
                #expect(works.enumerated().allSatisfy { $0.offset == index || $0.element.layout != nil }, "\(name) at \(position)")
                // The full scan names it unparsable (a malformed hash or prev), as before the check was fused.
                guard case .unparsable = LineWork.of(chunk[works[index].range], hasher: SHA256()) else {
                    Issue.record("\(name) at \(position): not unparsable")
                    continue
                }
            }
        }
    }

    @Test("tampered records: the scanner verify uses accepts and rejects exactly what the full scan does, with its message")
    func tamperedRecordsAgree() {
        var random = SyntheticRandom(seed: 0xFA57_0002)
        let valid = Self.validLines(300, seed: 0xFA57_0003)
        var accepted = 0, rejected = 0
        for _ in 0..<(Self.iterations * 3) {
            var line = FuzzTests.mutate(valid[random.below(valid.count)], &random)
            // Targeted changes too: a digit of seq or batch, a byte of the data, a swapped pair of bytes.
            if random.chance(30), line.count > 200 {
                let at = 150 + random.below(line.count - 150)
                let swap = min(line.count - 1, at + 1)
                line.swapAt(at, swap)
            }
            // Lines inside a bigger buffer as well, as verify scans them (slices do not start at 0).
            let padded = [UInt8](repeating: 0x0A, count: random.below(3)) + line + [0x0A]
            let start = padded.count - line.count - 1
            if Self.check(padded[start..<(start + line.count)]) { accepted += 1 } else { rejected += 1 }
        }
        #expect(accepted > 0 && rejected > 0)
    }

    @Test("hostile record lines: the fast scan refuses each, the full scan words why")
    func hostileRecordLines() {
        let base = String(decoding: FuzzTests.recordLines(1, seed: 10)[0], as: UTF8.self)
        func variant(_ from: String, _ to: String) -> [UInt8] { Array(base.replacingOccurrences(of: from, with: to).utf8) }
        let lines: [[UInt8]] = [
            variant("\"seq\":1", "\"seq\":01"), variant("\"seq\":1", "\"seq\":0"), variant("\"seq\":1", "\"seq\":9007199254740992"),
            variant("\"first\":1", "\"first\":-1"), variant("\"v\":1", "\"v\":2"), variant("\"occurred_on\":\"20", "\"occurred_on\":\"2x"),
            variant("T", "t"), variant("\"data\":{", "\"data\":{\"zzz\":1,"), variant("\"data\":{", "\"data\":{\"a\":1.5,"),
            variant("\"data\":{", "\"data\":{\"a\":-0,"), variant("\"data\":{", "\"data\":{\"a\":\"\\/\","),
            variant("\"data\":{", "\"data\":{\"a\":\"\\u0041\","), variant("\"data\":{", "\"data\":{\"a\":\"\u{1}\","),
            variant("\"data\":{", "\"data\":{\"\":1,\"\":2,"), variant("\"actor\":\"", "\"actor\":\"   \",\"x\":\""),
            variant("\"type\":\"", "\"type\":\"A"), variant("\"id\":\"", "\"id\":\" "),
            variant("\"data\":{", "\"data\":{\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + ","),
            Array(base.utf8) + [0x20], Array(base.utf8.dropLast()), [], Array("{}".utf8),
        ]
        for line in lines {
            #expect(RecordLineScanner.fastScan(line[...]) == nil, "\(String(decoding: line.prefix(300), as: UTF8.self))")
            Self.check(line[...])
        }
    }

    // MARK: - SHA-256 and hex

    @Test("one-shot SHA-256 equals the streaming one for every split of random messages")
    func oneShotEqualsStreaming() {
        var random = SyntheticRandom(seed: 0xFA57_0004)
        let hasher = SHA256()
        for _ in 0..<Self.iterations {
            let message = (0..<random.below(1_200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let split = random.below(message.count + 1)
            let streamed: Digest32 = {
                hasher.begin()
                var at = 0
                while at < message.count {
                    let end = min(message.count, at + 1 + random.below(100))
                    hasher.update(message[at..<end])
                    at = end
                }
                return hasher.finish()
            }()
            #expect(SHA256.digest(message) == streamed)
            #expect(SHA256.digest(message[...]) == streamed)
            #expect(SHA256.digest(message[..<split], message[split...]) == streamed)
            #expect(hasher.hash(message[..<split], message[split...]) == streamed)
        }
        // FIPS 180-2 vector, through both entry points.
        let abc = Digest32(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.digest("abc") == abc && SHA256().hash(Array("abc".utf8)[...]) == abc)
        // A record's hash: the one-shot equals the `{` + rest shape hashed by a streaming context.
        for line in FuzzTests.recordLines(20, seed: 11) {
            #expect(RecordCodec.hashedBytesDigest(line: line[...]) == hasher.hash([UInt8(ascii: "{")] + Array(line.dropFirst(75))))
        }
    }

    @Test("word-wise hex equals byte-wise hex")
    func hexAgrees() {
        var random = SyntheticRandom(seed: 0xFA57_0005)
        for _ in 0..<Self.iterations {
            let bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let digest = Digest32(bytes: bytes)!
            let reference = bytes.flatMap { [Hex.digit($0 >> 4), Hex.digit($0 & 0x0F)] }
            #expect(Array(digest.hex.utf8) == reference)
            var line = [UInt8](repeating: UInt8(ascii: "-"), count: 80)
            let at = random.below(17)
            Bytes.writeHex(digest, into: &line, at: at)
            #expect(Array(line[at..<at + 64]) == reference && line[..<at].allSatisfy { $0 == UInt8(ascii: "-") })
            #expect(Bytes.hexEquals(reference[...], digest))
            var wrong = reference
            let k = random.below(64)
            wrong[k] = wrong[k] == UInt8(ascii: "0") ? UInt8(ascii: "a") : UInt8(ascii: "0")
            #expect(!Bytes.hexEquals(wrong[...], digest))
        }
    }
}
