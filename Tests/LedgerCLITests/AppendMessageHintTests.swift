import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 31c #12: refusals of `ledger append` a clerk could not act on. Each case is refused as before (exit 2,
/// the log unchanged); the message now names the nested object, says an area is too large rather than "not an
/// area", shows a too-long id and says the limit in words and numbers (no internal constant names), and tells a
/// byte-order mark in mid-file, CR-only line ends and GBK text apart from other bad JSON, with the fix.
@Suite struct AppendMessageHintTests {
    static func asset(_ id: String, area: String = "1", source: String = "") -> String {
        #"{"type":"asset.registered","occurred_on":"2024-06-01","data":{"asset_id":"\#(id)","community_id":"C1","kind":"other","name":"n","location":"l","area_m2":"\#(area)","registered_on":"2024-06-01","source":{"kind":"manual"\#(source)}}}"#
    }

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        return cli
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let bytes: [UInt8]
        let en: [String]
        let zh: [String]
        /// Words the old message had that must be gone.
        let not: [String]
        var description: String { name }
    }

    static let longID = String(repeating: "A", count: 129)
    static let gbk: [UInt8] = Array(#"{"type":"asset.registered","occurred_on":"2024-06-01","data":{"asset_id":"A-G","community_id":"C1","kind":"other","name":""#.utf8)
        + [0xBB, 0xE1, 0xCB, 0xF9] + Array(#"","location":"l","area_m2":"1","registered_on":"2024-06-01","source":{"kind":"manual"}}}"#.utf8) + [0x0A]

    static let cases: [Case] = [
        Case(name: "nested unknown member", bytes: Array((asset("A-N1", source: #","row":3"#) + "\n").utf8),
             en: [#"field "data.source.row": unknown field; data.source of asset.registered allows only kind"#],
             zh: ["不是可用字段；asset.registered 的 data.source 只允许以下字段：kind"], not: ["; asset.registered allows only kind"]),
        Case(name: "area too large", bytes: Array((asset("A-N1", area: "2000000000000") + "\n").utf8),
             en: [#""2000000000000" m² is larger than 1,000,000,000,000.99 m², the largest area a record may hold"#],
             zh: ["“2000000000000”平方米超过了记录允许的最大面积 1,000,000,000,000.99 平方米"], not: ["is not an area"]),
        Case(name: "id too long", bytes: Array((asset(longID) + "\n").utf8),
             en: ["\"\(String(repeating: "A", count: 40))…\" is 129 bytes long, longer than the 128 bytes an id may have; use a shorter id"],
             zh: ["长 129 字节，超过了编号最多允许的 128 字节；请改用较短的编号"], not: ["idBytesMax"]),
        Case(name: "id with an ideographic space", bytes: Array((asset("A\u{3000}1") + "\n").utf8),
             en: [#""A<U+3000>1" contains a space, quote, backslash or control character (here an ideographic (full-width) space <U+3000>); ids are single words like A-0001"#],
             zh: ["“A<U+3000>1”含有空格、引号、反斜杠或控制字符（此处是全角空格 <U+3000>）；编号须是一个连续的词"], not: []),
        Case(name: "BOM in mid-file", bytes: Array((asset("A-N1") + "\n\u{FEFF}" + asset("A-N2") + "\n").utf8),
             en: ["stdin:2: not valid JSON", "The line holds a byte-order mark <U+FEFF>", "Save the files as UTF-8 without a BOM, or append them one at a time"],
             zh: ["该行含有字节顺序标记 <U+FEFF>", "请把文件存为不带 BOM 的 UTF-8"], not: []),
        Case(name: "CR-only line ends", bytes: Array((asset("A-N1") + "\r" + asset("A-N2") + "\r").utf8),
             en: ["The line holds a carriage return (CR) without a line feed", "Save it with LF or CR LF line ends"],
             zh: ["该行含有回车符（CR）而后面没有换行符", "请存为以 LF 或 CR LF 结尾的行"], not: []),
        Case(name: "GBK text", bytes: gbk,
             en: ["invalid UTF-8", "The text looks like GBK/GB18030", "Save the file as UTF-8 (Excel: Save As, \"CSV UTF-8\""],
             zh: ["这段文字像是 GBK/GB18030 编码", "请把文件另存为 UTF-8"], not: []),
    ]

    @Test(arguments: cases)
    func theRefusalSaysWhatToDo(_ c: Case) throws {
        let cli = ledger()
        let log = cli.ledgerPath + "/events.jsonl"
        let before = try PosixFile(path: log, mode: .read).readAll()
        try PosixFile.writeAtomically(c.bytes, to: cli.temp.path + "/in.jsonl")
        #expect(cli.run(["append", "--actor", "clerk", "--file", cli.temp.path + "/in.jsonl"]) == 2)
        for words in c.en { #expect(cli.stderr.contains(words.replacingOccurrences(of: "stdin:", with: cli.temp.path + "/in.jsonl:")), "\(c): \(cli.stderr)") }
        for words in c.not { #expect(!cli.stderr.contains(words), "\(c): \(cli.stderr)") }
        #expect(cli.run(["append", "--actor", "clerk", "--file", cli.temp.path + "/in.jsonl", "--lang", "zh"]) == 2)
        for words in c.zh { #expect(cli.stderr.contains(words), "\(c): \(cli.stderr)") }
        #expect(try PosixFile(path: log, mode: .read).readAll() == before)
    }

    /// The limits are said in words and numbers, never by the program's constant names.
    @Test func noLimitIsNamedByItsConstant() {
        let words = [EventWords.idFault(.tooLong), EventWords.keyTooLong(400), EventWords.lineTooLong(600_000),
                     EventWords.JSON.reason(.depth), EventWords.JSON.reason(.stringTooLong), EventWords.JSON.reason(.stringTooLongAsWritten)]
        for wording in words {
            for text in [wording.en, wording.zh] {
                #expect(!text.contains("BytesMax") && !text.contains("DepthMax"), "\(text)")
            }
        }
    }
}
