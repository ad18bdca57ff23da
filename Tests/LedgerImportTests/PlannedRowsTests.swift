@testable import LedgerImport
import LedgerEvents
import LedgerTestSupport
import Testing

/// The planned rows of a register import (`PlannedRows`), kept packed in pages of bytes: every event made from them
/// is the event of the row as planned, byte for byte, wherever the pages end (session 18 put the rows' text in pages
/// instead of one array that doubled).
@Suite("Planned rows (packed events of an import)") struct PlannedRowsTests {
    /// Text of the kinds registers hold: ASCII, Chinese, symbols, quotes and backslashes, empty, and now and then a
    /// cell far longer than a small page.
    static func text(_ random: inout SplitMix64, allowEmpty: Bool = true) -> String {
        let alphabet = ["A", "z", "0", "-", " ", "车", "位", "号", "楼", "㎡", "\"", "\\", "é", "䶮", "😀", "\u{3000}"]
        let length = random.int(0..<20) == 0 ? random.int(100...400) : random.int((allowEmpty ? 0 : 1)...12)
        return String((0..<length).map { _ in alphabet[random.int(0..<alphabet.count)] }.joined())
    }

    static func attributes(_ random: inout SplitMix64) -> [String: String] {
        var out: [String: String] = [:]
        for _ in 0..<random.int(0...3) { out[text(&random, allowEmpty: false)] = text(&random) }
        return out
    }

    @Test(arguments: TestScale.seeds(8, from: 1))
    func eventsAreThePlannedRowsWhereverThePagesEnd(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let importID = "imp-0123456789abcdef"
        let importedOn = CalendarDate(year: 2025, month: 6, day: 30)!
        let kinds = AssetKind.allCases
        // The same rows into pages of a few bytes (almost every row starts a page; long ones exceed it), of some
        // hundred bytes, and of the default size.
        var rows = [PlannedRows(), PlannedRows(), PlannedRows()]
        rows[0].pageBytes = random.int(1...24)
        rows[1].pageBytes = random.int(100...300)
        var expected: [Event] = []
        for index in 0..<random.int(1...400) {
            let row = index + 2
            let id = "A-\(seed)-" + Self.text(&random, allowEmpty: false)
            let area = DecimalQuantity(units: Int64(random.int(0...10_000_000)), scale: 2)
            let source = AssetSource.importRow(importID: importID, row: Int64(row))
            let eventID = "\(importID)-r\(row)"
            if random.int(0..<3) > 0 {
                let community = "C-" + Self.text(&random, allowEmpty: false)
                let kind = kinds[random.int(0..<kinds.count)]
                let name = Self.text(&random), location = Self.text(&random)
                let registeredOn = CalendarDate(dayNumber: random.int(17_000...20_000))
                let attributes = Self.attributes(&random)
                for r in rows.indices {
                    rows[r].register(row: row, id: id, communityID: community, kind: kind, name: name, location: location,
                                     area: area, registeredOn: registeredOn, attributes: attributes)
                }
                expected.append(Event(id: eventID, occurredOn: registeredOn, actor: nil, payload: .assetRegistered(AssetRegistered(
                    assetID: id, communityID: community, kind: kind, name: name, location: location, area: area,
                    registeredOn: registeredOn, source: source, attributes: attributes))))
            } else {
                var changes = AssetChanges()
                if random.int(0..<2) == 0 { changes.kind = kinds[random.int(0..<kinds.count)] }
                if random.int(0..<2) == 0 { changes.name = Self.text(&random) }
                if random.int(0..<2) == 0 { changes.location = Self.text(&random) }
                if random.int(0..<2) == 0 { changes.area = area }
                if random.int(0..<2) == 0 { changes.attributes = Self.attributes(&random) }
                for r in rows.indices { rows[r].update(row: row, id: id, changes: changes) }
                expected.append(Event(id: eventID, occurredOn: importedOn, actor: nil,
                                      payload: .assetUpdated(AssetUpdated(assetID: id, changes: changes, source: source))))
            }
        }
        for r in rows.indices {
            rows[r].name(importID: importID)
            #expect(rows[r].count == expected.count)
            for index in expected.indices {
                let event = rows[r].event(at: index, importID: importID, importedOn: importedOn)
                #expect(event == expected[index], "seed \(seed), pages of \(rows[r].pageBytes), row \(index)")
                #expect(event.contentBytes == expected[index].contentBytes)
                #expect(rows[r].eventID(at: index) == expected[index].id)
            }
        }
    }
}
