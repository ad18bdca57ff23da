import Foundation
@testable import LedgerChain
import LedgerEvents
@testable import LedgerPlatform
import LedgerSynthetic
import Testing

/// Session 44 made the strings of the record line's fast scan cheaper (`FastRecordReader.plainString` reads ASCII
/// words in place with `Bytes.stringStops`, 9 operations a word instead of 15, and calls `plainTextEnd` only at a
/// byte ≥ 0x80 or near the end). The writer's pre-write check (`RecordLineScanner.check`) and verify run it on
/// every line, so what it accepts is normative: here a table of hostile bytes — every byte class (the word tests'
/// edge bytes, valid and invalid UTF-8 of every width, escapes) at every position kind (id, type, dates, actor,
/// keys and strings of `data` at every depth, in arrays, integers, seq and batch bounds, hash and prev), at every
/// lane of a word and across word ends — must get the same answer as before (the frozen `ReferenceBytes`, layout
/// included), and the writer's check must refuse a line exactly when the full scan does, with its message.
@Suite struct HostileLineScanTests {
    /// The byte classes put in: the word tests' edge bytes one by one, then sequences.
    static let hostile: [[UInt8]] = FastRecordReaderDifferentialTests.edgeBytes.map { [$0] } + [
        // Valid UTF-8 of every width and at the edges of the checked ranges.
        [0xC3, 0xA9], [0xC2, 0x80], [0xDF, 0xBF], [0xE8, 0xB5, 0x84], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xEF, 0xBF, 0xBF], [0xE2, 0x80, 0xA8], [0xE3, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
        [0xF4, 0x8F, 0xBF, 0xBF],
        // Invalid: overlong forms, surrogates, past U+10FFFF, lone and missing continuation bytes, truncated.
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0x80, 0x80], [0xE8, 0xB5], [0xF0, 0x9F, 0x98], [0xE8, 0x41, 0x84], [0xC3, 0x22],
        // Escapes and what looks like the layout's own text.
        Array("\\\"".utf8), Array("\\\\".utf8), Array("\\n".utf8), Array("\\u0041".utf8), Array("\\u00e9".utf8),
        Array("\",\"".utf8), Array("\":\"".utf8), Array("}".utf8), Array("{".utf8), Array("[]".utf8),
    ]

    /// The fields of the line a hostile piece is put into; `{FIELD}` in `template` marks where.
    static let positions: [(name: String, template: String)] = {
        let head = "{\"hash\":\"\(String(repeating: "0", count: 64))\",\"prev\":\"\(String(repeating: "a1", count: 32))\""
        func line(seq: String = "17", first: String = "11", last: String = "20", id: String = "ev-0000000017",
                  type: String = "fund.opened", on: String = "2021-01-04", at: String = "2025-01-01T00:00:00Z",
                  actor: String = "街道办-张敏", data: String = "{\"account\":\"6222762894390000\",\"community_id\":\"C00001\",\"name\":\"西山锦绣家园（1期）\"}") -> String {
            "\(head),\"seq\":\(seq),\"v\":1,\"batch\":{\"first\":\(first),\"last\":\(last)},\"id\":\"\(id)\",\"type\":\"\(type)\","
                + "\"occurred_on\":\"\(on)\",\"recorded_at\":\"\(at)\",\"actor\":\"\(actor)\",\"data\":\(data)}"
        }
        let f = "{FIELD}"
        return [
            ("id", line(id: f)),
            ("type", line(type: "fund.\(f)")),
            ("occurred_on", line(on: "\(f)2021-01-04")),
            ("recorded_at", line(at: "\(f)2025-01-01T00:00:00Z")),
            ("actor", line(actor: f)),
            ("seq", line(seq: "1\(f)7")),
            ("batch.first", line(first: "1\(f)1")),
            ("batch.last", line(last: "2\(f)0")),
            ("data key", line(data: "{\"account\":\"6222\",\"b\(f)\":\"C00001\",\"z\":1}")),
            ("data string", line(data: "{\"account\":\"6222\",\"community_id\":\"\(f)\",\"z\":1}")),
            ("data integer", line(data: "{\"amount_fen\":12\(f)34,\"z\":\"x\"}")),
            ("nested key", line(data: "{\"a\":{\"k\(f)\":\"v\",\"z\":[1,2]},\"b\":2}")),
            ("nested string", line(data: "{\"a\":{\"k\":{\"m\":\"\(f)\"}},\"b\":2}")),
            ("array string", line(data: "{\"a\":[\"x\",\"\(f)\",3,{\"q\":\"\(f)\"}],\"b\":true}")),
            ("array value", line(data: "{\"a\":[1,\(f)2,null],\"b\":false}")),
            ("between members", line(data: "{\"a\":\"x\"\(f),\"b\":\"y\"}")),
            ("hash", line().replacingOccurrences(of: "\"hash\":\"0000", with: "\"hash\":\"\(f)0000")),
        ]
    }()

    /// The fixed-width fields (dates, hash): the piece is written over the field's bytes at an offset inside it
    /// instead of put in, so that the line keeps its length there.
    static let overwritten: [String: Int] = ["occurred_on": 10, "recorded_at": 20, "hash": 64]

    /// The template with `piece` put in after `before` and before `after` plain bytes (so that the piece falls on
    /// every lane of a word and across word ends, and the string runs both longer and shorter than a word).
    static func hostileLine(_ name: String, _ template: String, _ piece: [UInt8], before: Int, after: Int, filler: UInt8) -> [UInt8] {
        if let width = overwritten[name] {
            let parts = template.components(separatedBy: "{FIELD}")
            var line = Array(parts[0].utf8) + Array(parts[1].utf8)
            let at = parts[0].utf8.count + min(before + after, max(0, width - piece.count))
            line.replaceSubrange(at..<min(line.count, at + piece.count), with: piece)
            return line
        }
        let parts = template.components(separatedBy: "{FIELD}")
        var line: [UInt8] = []
        for (index, part) in parts.enumerated() {
            line += Array(part.utf8)
            if index + 1 < parts.count {
                line += [UInt8](repeating: filler, count: before) + piece + [UInt8](repeating: filler, count: after)
            }
        }
        return line
    }

    /// What the writer's pre-write check says of `line` (in a `LineBuffer` after `padding` other bytes, as the writer
    /// checks it) and what the full scan says: nil, or the problem.
    static func verdicts(_ line: [UInt8], padding: Int) -> (check: ChainError?, full: ChainError?) {
        var buffer = LineBuffer()
        buffer.append([UInt8](repeating: 0x41, count: padding))
        buffer.append(line)
        var check: ChainError? = nil, full: ChainError? = nil
        do { try RecordLineScanner.check(buffer, from: padding) } catch { check = error }
        do { _ = try RecordLineScanner.fullScan(line[...]) } catch { full = error }
        return (check, full)
    }

    @Test("every hostile byte class at every position kind and word lane: the same layout as before, the check's verdict and message the full scan's")
    func hostileTable() {
        var accepted = 0, refused = 0
        var refusedAt: [String: Int] = [:]
        for position in Self.positions {
            // The untouched line is valid (so each refusal below is the piece's doing).
            let clean = Self.hostileLine(position.name, position.template, [], before: ["id", "actor"].contains(position.name) ? 1 : 0, after: 0, filler: 0x61)
            #expect(Bytes.recordLineLayout(clean[...], limits: RecordLineScanner.fastLimits) != nil, "\(position.name): the clean line")
            for piece in Self.hostile {
                for before in [0, 1, 3, 6, 7, 8, 9, 15] {
                    for after in [0, 1, 7, 8, 9] {
                        // Digits where the field is a number, letters elsewhere: the field stays valid but for the piece.
                        let filler: UInt8 = ["seq", "batch.first", "batch.last", "data integer", "array value", "occurred_on",
                                             "recorded_at", "hash"].contains(position.name) ? 0x31 : 0x61
                        let line = Self.hostileLine(position.name, position.template, piece, before: before, after: after, filler: filler)
                        let note = "\(position.name), \(piece) after \(before), before \(after)"
                        if FastRecordReaderDifferentialTests.agree(line[...], note) { accepted += 1 } else {
                            refused += 1
                            refusedAt[position.name, default: 0] += 1
                        }
                        let (check, full) = Self.verdicts(line, padding: before)
                        #expect(check == full, "\(note): the check \(check.map { "\($0)" } ?? "accepts"), the full scan \(full.map { "\($0)" } ?? "accepts")")
                    }
                }
            }
        }
        // The table means something: lines of both kinds, and every position refuses some piece.
        #expect(accepted > 1_000 && refused > 1_000)
        for position in Self.positions { #expect(refusedAt[position.name, default: 0] > 0, "\(position.name) never refused") }
    }

    @Test("seeded random lines with hostile pieces at random places: the same layout as before, the same verdict and message")
    func seededHostileLines() throws {
        var random = SyntheticRandom(seed: 0x44_0001)
        let valid = try FastRecordReaderDifferentialTests.validLines(seed: 0x44_0002)
        var differs = 0
        for _ in 0..<FastRecordReaderDifferentialTests.iterations {
            var line = valid[random.below(valid.count)]
            // One to three pieces, inserted or written over.
            for _ in 0..<(1 + random.below(3)) {
                let piece = Self.hostile[random.below(Self.hostile.count)]
                let at = random.below(line.count)
                if random.chance(50) { line.insert(contentsOf: piece, at: at) } else {
                    line.replaceSubrange(at..<min(line.count, at + piece.count), with: piece)
                }
            }
            FastRecordReaderDifferentialTests.agree(line[...], "seeded")
            let (check, full) = Self.verdicts(line, padding: random.below(9))
            if check != full { differs += 1 }
            #expect(check == full, "\(String(decoding: line.prefix(300), as: UTF8.self))")
        }
        #expect(differs == 0)
    }

    @Test("stringStops: zero exactly when the word holds a stop byte, and the lowest flagged byte the old test's, for every byte at every lane")
    func stringStopsAgree() {
        func old(_ x: UInt64) -> UInt64 {
            (x & Bytes.high) | Bytes.bytesBelow(x, 0x20) | Bytes.bytesEqual(x, 0x22) | Bytes.bytesEqual(x, 0x5C)
        }
        func isStop(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C || b >= 0x80 }
        var random = SyntheticRandom(seed: 0x44_0003)
        let plain = (0x20...0x7F).map(UInt8.init).filter { !isStop($0) }
        for lane in 0..<8 {
            for byte in 0...255 {
                for _ in 0..<8 {
                    // Plain bytes below the lane, anything above it.
                    var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    for i in 0..<lane { bytes[i] = plain[random.below(plain.count)] }
                    bytes[lane] = UInt8(byte)
                    let x = bytes.withUnsafeBufferPointer { Bytes.word($0.baseAddress!) }
                    let new = Bytes.stringStops(x)
                    let first = bytes.firstIndex(where: isStop)
                    #expect((new == 0) == (first == nil) && (new == 0) == (old(x) == 0), "\(bytes)")
                    if let first {
                        #expect(new.trailingZeroBitCount >> 3 == first && old(x).trailingZeroBitCount >> 3 == first, "\(bytes)")
                    }
                }
            }
        }
    }
}
