import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 31c S3: ids made only of combining marks, or holding U+FFFC, U+FFFD or a private-use character, and an
/// actor holding a bidi control (U+202E) were accepted by `ledger append`. The door refuses them now
/// (`EventInput.doorIDFault`, `actorDoorProblemWording`); the record format, and so `verify`, is unchanged.
@Suite struct HiddenCharacterIDActorTests {
    static func asset(_ assetID: String, eventID: String) -> String {
        let id = CanonicalJSON.string(.string(eventID)), asset = CanonicalJSON.string(.string(assetID))
        return #"{"id":\#(id),"type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":\#(asset),"community_id":"C1","kind":"corridor","name":"走廊","location":"1号楼","area_m2":"20","registered_on":"2024-03-02","source":{"kind":"manual"}}}"#
    }

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    struct Refused: Sendable, CustomStringConvertible {
        let text: String
        let en: String
        let zh: String
        var description: String { text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
    }

    static let ids: [Refused] = [
        Refused(text: "\u{301}\u{301}", en: #""<U+0301><U+0301>" begins with the combining mark <U+0301>"#, zh: "“<U+0301><U+0301>”以组合附加符号 <U+0301> 开头"),
        Refused(text: "\u{301}A-1", en: #""<U+0301>A-1" begins with the combining mark <U+0301>"#, zh: "以组合附加符号 <U+0301> 开头"),
        Refused(text: "A-\u{FFFD}", en: #""A-<U+FFFD>" contains the replacement character <U+FFFD>"#, zh: "含有替换字符 <U+FFFD>"),
        Refused(text: "A-\u{FFFC}", en: #""A-<U+FFFC>" contains the object replacement character <U+FFFC>"#, zh: "含有对象替换字符 <U+FFFC>"),
        Refused(text: "A-\u{E000}", en: #""A-<U+E000>" contains the private-use character <U+E000>"#, zh: "含有私用区字符 <U+E000>"),
        Refused(text: "A-\u{F0001}", en: "contains the private-use character <U+F0001>", zh: "含有私用区字符 <U+F0001>"),
        Refused(text: "A-\u{202E}1", en: #""A-<U+202E>1" contains the invisible character <U+202E>"#, zh: "含有不可见字符 <U+202E>"),
        Refused(text: "A-\u{200F}1", en: "contains the invisible character <U+200F>", zh: "含有不可见字符 <U+200F>"),
    ]

    /// As an event id and as the asset id the event introduces: refused with the id made visible, the log unchanged.
    @Test(arguments: ids)
    func anIDOfMarksOrStandInsIsRefused(_ bad: Refused) throws {
        let cli = ledger()
        let before = try logBytes(cli)
        for (field, line) in [("id", Self.asset("A-OK", eventID: bad.text)), ("data.asset_id", Self.asset(bad.text, eventID: "e-ok"))] {
            #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") == 2, "\(field) \(bad)")
            #expect(cli.stderr.contains("field \"\(field)\"") && cli.stderr.contains(bad.en), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: line + "\n") == 2, "\(field) \(bad)")
            #expect(cli.stderr.contains("字段“\(field)”") && cli.stderr.contains(bad.zh), "\(field) \(bad): \(cli.stderr)")
            #expect(try logBytes(cli) == before)
        }
    }

    /// An accent on a letter (NFC or not is the NFC rule's matter), CJK and ASCII ids go through.
    @Test(arguments: ["A-\u{E9}", "车位-1", "A-1"])
    func anOrdinaryIDIsAccepted(_ id: String) throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.asset(id, eventID: "e-" + id) + "\n") == 0, "\(cli.stderr)")
    }

    static let actors: [Refused] = [
        Refused(text: "clerk\u{202E}", en: #"actor "clerk<U+202E>" holds the bidi control <U+202E>, which reorders the text around it on screen"#,
                zh: "记录人“clerk<U+202E>”中含有双向文字控制符 <U+202E>"),
        Refused(text: "\u{202A}李\u{202C}", en: "holds the bidi control <U+202A>", zh: "双向文字控制符 <U+202A>"),
        Refused(text: "李\u{2066}敏", en: "holds the bidi control <U+2066>", zh: "双向文字控制符 <U+2066>"),
        Refused(text: "李敏\u{200E}", en: "holds the bidi control <U+200E>", zh: "双向文字控制符 <U+200E>"),
        Refused(text: "李\u{FFFD}", en: #"actor "李<U+FFFD>" contains the replacement character <U+FFFD>"#, zh: "记录人“李<U+FFFD>”含有替换字符 <U+FFFD>"),
        Refused(text: "李\u{E000}", en: "contains the private-use character <U+E000>", zh: "含有私用区字符 <U+E000>"),
    ]

    /// In a line's `actor` and in `--actor`: refused, the value made visible, the log unchanged.
    @Test(arguments: actors)
    func anActorWithABidiControlOrAStandInIsRefused(_ bad: Refused) throws {
        let cli = ledger()
        let before = try logBytes(cli)
        let plain = Self.asset("A-9", eventID: "e-9")
        let withActor = plain.replacingOccurrences(of: #""type":"#, with: #""actor":\#(CanonicalJSON.string(.string(bad.text))),"type":"#)
        for arguments in [(["append", "--actor", "clerk"], withActor), (["append", "--actor", bad.text], plain)] {
            #expect(cli.run(arguments.0, stdin: arguments.1 + "\n") == 2, "\(bad)")
            #expect(cli.stderr.contains(bad.en), "\(bad): \(cli.stderr)")
            #expect(cli.run(arguments.0 + ["--lang", "zh"], stdin: arguments.1 + "\n") == 2, "\(bad)")
            #expect(cli.stderr.contains(bad.zh), "\(bad): \(cli.stderr)")
            #expect(try logBytes(cli) == before)
        }
    }
}
