@testable import LedgerChain
@testable import LedgerImport
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The writer's lines of an import's batch made from the packed rows' own bytes (`EventBatch.Canonical`,
/// `PlannedRows.appendData`, `AssetRegistered.appendCanonicalData`) against the lines of the same events made and
/// encoded (`Event.payload.writeData`, the path before import33): byte for byte, for seeded random rows with text
/// that needs escapes, Chinese, long cells and attributes in any order.
@Suite("Import canonical data (records from the packed rows)") struct ImportCanonicalDataTests {
    /// Text with what canonical JSON escapes (quotes, backslashes, C0 controls), ASCII, Chinese, symbols, empty.
    static func text(_ random: inout SplitMix64, allowEmpty: Bool = true) -> String {
        let alphabet = ["A", "z", "0", "-", " ", "车", "位", "号", "楼", "㎡", "\"", "\\", "é", "䶮", "😀", "\u{3000}",
                        "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}", "/", "a", "B", "~"]
        let length = random.int(0..<20) == 0 ? random.int(100...400) : random.int((allowEmpty ? 0 : 1)...12)
        return String((0..<length).map { _ in alphabet[random.int(0..<alphabet.count)] }.joined())
    }

    static func attributes(_ random: inout SplitMix64) -> [String: String] {
        var out: [String: String] = [:]
        for _ in 0..<random.int(0...6) { out[text(&random, allowEmpty: random.int(0..<4) == 0)] = text(&random) }
        return out
    }

    @Test(arguments: TestScale.seeds(8, from: 33))
    func packedRowsWriteTheEventsBytes(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let importID = "imp-33\(seed)0123456789ab"
        let importedOn = CalendarDate(year: 2025, month: 6, day: 30)!
        let kinds = AssetKind.allCases
        var rows = PlannedRows()
        rows.pageBytes = random.int(0..<2) == 0 ? random.int(1...300) : 1 << 20
        var registered = 0, escaped = 0, withAttributes = 0
        for index in 0..<random.int(1...300) {
            let row = index + 2
            let id = "A-\(seed)-" + Self.text(&random, allowEmpty: false)
            let area = DecimalQuantity(units: Int64(random.int(0...10_000_000)) * (random.int(0..<8) == 0 ? -1 : 1), scale: 2)
            if random.int(0..<4) > 0 {
                let community = "C-" + Self.text(&random, allowEmpty: false)
                let name = Self.text(&random), location = Self.text(&random)
                let attributes = Self.attributes(&random)
                rows.register(row: row, id: id, communityID: community, kind: kinds[random.int(0..<kinds.count)], name: name,
                              location: location, area: area, registeredOn: CalendarDate(dayNumber: random.int(17_000...20_000)),
                              attributes: attributes)
                registered += 1
                if attributes.count > 1 { withAttributes += 1 }
                if (id + community + name + location).utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { escaped += 1 }
            } else {
                var changes = AssetChanges()
                if random.int(0..<2) == 0 { changes.kind = kinds[random.int(0..<kinds.count)] }
                if random.int(0..<2) == 0 { changes.name = Self.text(&random) }
                if random.int(0..<2) == 0 { changes.location = Self.text(&random) }
                if random.int(0..<2) == 0 || changes.kind == nil && changes.name == nil && changes.location == nil { changes.area = area }
                if random.int(0..<2) == 0 { changes.attributes = Self.attributes(&random) }
                rows.update(row: row, id: id, changes: changes)
            }
        }
        let header = Event(id: importID, occurredOn: importedOn, actor: nil, payload: .registerImported(RegisterImported(
            importID: importID, fileName: "r.csv", fileSHA256: String(repeating: "ab", count: 32), rowsRead: Int64(rows.count),
            rowsNew: Int64(registered), rowsUpdated: Int64(rows.count - registered), rowsUnchanged: 0)))
        let events = ImportEvents(header: header, rows: rows, importID: importID, importedOn: importedOn)
        let batch = events.batch
        let canonical = try #require(batch.canonical)
        // Each event's parts and data as the event gives them.
        for index in events.indices {
            let event = events[index]
            let parts = canonical.parts(index)
            #expect(parts.type == event.type && parts.occurredOn == event.occurredOn, "seed \(seed), event \(index)")
            var made = LineBuffer(), written: [UInt8] = [1, 2, 3]
            made.append([1, 2, 3])
            canonical.appendData(index, &made)
            event.payload.writeData(to: &written)
            #expect(made.bytes == written, "seed \(seed), event \(index): \(String(decoding: made.bytes, as: UTF8.self))")
        }
        // The writer's lines: from the parts, and from the events themselves in an array.
        let array = EventBatch(Array(events))
        let first: Int64 = 1_000, last = first + Int64(events.count) - 1
        let recordedAt = Array("2025-06-30T08:00:00Z".utf8)
        let pool = ReusePool<LineBuffer>()
        let fromParts = try #require(LogWriter.speculativeLines(batch, 0..<events.count, defaultActor: "clerk", first: first, last: last,
                                                               recordedAtText: recordedAt, pool: pool))
        let fromEvents = try #require(LogWriter.speculativeLines(array, 0..<events.count, defaultActor: "clerk", first: first, last: last,
                                                                recordedAtText: recordedAt, pool: pool))
        #expect(fromParts.problem == nil && fromEvents.problem == nil)
        #expect(fromParts.ends == fromEvents.ends)
        #expect(fromParts.bytes == fromEvents.bytes)
        let fresh = events.indices.map { (index: $0, id: events[$0].id!, key: UInt64(0)) }
        let freshParts = LogWriter.freshLines(batch, fresh, 0..<fresh.count, defaultActor: "clerk", first: first, last: last,
                                              recordedAtText: recordedAt, pool: pool)
        let freshEvents = LogWriter.freshLines(array, fresh, 0..<fresh.count, defaultActor: "clerk", first: first, last: last,
                                               recordedAtText: recordedAt, pool: pool)
        #expect(freshParts.bytes == freshEvents.bytes && freshParts.ends == freshEvents.ends)
        #expect(freshParts.bytes == fromEvents.bytes)
        #expect(registered > 0 || rows.count < 8)
        _ = (escaped, withAttributes)
    }

    /// Over all seeds, rows whose text needs escapes and rows with several attributes (whose order is the writer's)
    /// are met.
    @Test func escapesAndAttributeOrderAreMet() {
        var random = SplitMix64(seed: 3_333)
        var escapedTexts = 0, manyAttributes = 0
        for _ in 0..<400 {
            let text = Self.text(&random)
            if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { escapedTexts += 1 }
            if Self.attributes(&random).count > 2 { manyAttributes += 1 }
        }
        #expect(escapedTexts >= 50 && manyAttributes >= 50)
    }

    /// `AssetRegistered.appendCanonicalData` against `PayloadCodec.encode` for attributes given in every order.
    @Test func attributesInAnyOrder() {
        var random = SplitMix64(seed: 33)
        for _ in 0..<200 {
            let attributes = Self.attributes(&random)
            let payload = AssetRegistered(assetID: "A-1", communityID: "C-1", kind: .parking, name: "n", location: "l",
                                          area: DecimalQuantity(units: 1234, scale: 2), registeredOn: CalendarDate(year: 2024, month: 1, day: 2)!,
                                          source: .importRow(importID: "imp-1", row: 7), attributes: attributes)
            var members = attributes.map { (key: Array($0.key.utf8)[...], value: Array($0.value.utf8)[...]) }
            members.shuffle(using: &random)
            var made = LineBuffer()
            AssetRegistered.appendCanonicalData(area: payload.area, assetID: Array("A-1".utf8)[...], attributes: members,
                                                communityID: Array("C-1".utf8)[...], kind: .parking, location: Array("l".utf8)[...],
                                                name: Array("n".utf8)[...], registeredOn: payload.registeredOn, importID: "imp-1",
                                                row: 7, to: &made)
            #expect(made.bytes == PayloadCodec.encode(.assetRegistered(payload)))
        }
    }
}
