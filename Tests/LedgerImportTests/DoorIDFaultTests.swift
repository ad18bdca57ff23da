import LedgerEvents
@testable import LedgerImport
import LedgerTestSupport
import Testing

/// `RegisterImporter.doorIDFault(_:idFault:)` (session 50: the importer asks the record format's rule of an id once and
/// does not scan an ASCII id again for the door's rules about other text) answers as `EventInput.doorIDFault`, and the
/// case-twin key made from an upper-case spelling already at hand is the key made from the id.
@Suite struct DoorIDFaultTests {
    /// Ids drawn from pieces that meet every rule of the door: printable ASCII, a space, a quote, a backslash, a
    /// control character, Chinese text, full-width ASCII, a combining mark (alone or after a letter: NFC or not), an
    /// invisible character, a stand-in character, digits with leading zeros; empty and over-long ids too.
    static func randomID(_ random: inout SplitMix64) -> String {
        let pieces = ["A", "b", "-", "0", "07", "12", " ", "\"", "\\", "\u{7}", "\u{7F}", "车位", "１２", "Ａ", "\u{301}", "e\u{301}",
                      "\u{E9}", "\u{200B}", "\u{FFFD}", "\u{E000}", "\u{3000}", "\u{212B}", "·", "'", "＇"]
        if random.int(0..<40) == 0 { return "" }
        if random.int(0..<40) == 0 { return String(repeating: "A", count: Limits.idBytesMax + random.int(0...2)) }
        var id = ""
        for _ in 0..<random.int(1...5) { id += pieces[random.int(0..<pieces.count)] }
        return id
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theDoorsFaultGivenTheFormatsIsTheDoorsFault(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var seen = (asciiClean: 0, asciiFault: 0, otherClean: 0, otherFault: 0)
        for _ in 0..<3_000 {
            let id = Self.randomID(&random)
            let door = EventInput.doorIDFault(id)
            #expect(RegisterImporter.doorIDFault(id, idFault: EventInput.idFault(id)) == door, "id \(Array(id.unicodeScalars))")
            let ascii = id.utf8.allSatisfy { $0 < 0x80 }
            switch (ascii, door == nil) {
            case (true, true): seen.asciiClean += 1
            case (true, false): seen.asciiFault += 1
            case (false, true): seen.otherClean += 1
            case (false, false): seen.otherFault += 1
            }
            if EventInput.idFault(id) == nil {
                let key = Array(RegisterImporter.twinKey(id).utf8)
                #expect(Array(RegisterImporter.twinKey(id, upper: RegisterImporter.asciiUpper(id)).utf8) == key)
                #expect(Array(RegisterImporter.twinKey(id, upper: nil).utf8) == key)
            }
        }
        // Every kind of answer was met, so the comparison covered each path of the shortcut.
        #expect(seen.asciiClean > 100 && seen.asciiFault > 100 && seen.otherClean > 20 && seen.otherFault > 100, "\(seen)")
    }
}
