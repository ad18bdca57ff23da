import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Messages from the layers below the command line, as a Chinese reader meets them.
@Suite struct ChineseMessageTests {
    /// A writer that meets a changed record says where and what, in Chinese, and appends nothing.
    @Test func anIntegrityFailureInChinese() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let path = cli.ledgerPath + "/events.jsonl"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        // A digit of an amount in the third record, changed after it was written.
        var line = 0, index = 0
        while line < 2 { if bytes[index] == UInt8(ascii: "\n") { line += 1 }; index += 1 }
        let amount = Array("\"total_owners\":".utf8)
        guard let at = (index..<bytes.count).first(where: { bytes[$0...].starts(with: amount) }) else { Issue.record("no amount"); return }
        let digit = at + amount.count
        bytes[digit] = bytes[digit] == UInt8(ascii: "9") ? UInt8(ascii: "8") : bytes[digit] + 1
        try PosixFile.writeAtomically(bytes, to: path)
        // Without index/, the writer reads and verifies the whole log (with it, only the records after the id
        // index's stamp: damage before it is `ledger verify`'s to find, ledger-spec.md section 15.1).
        try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
        #expect(cli.run(["append", "--lang", "zh", "--actor", "张华"], stdin: #"{"type":"use.ended","occurred_on":"2025-06-30","data":{"use_id":"U-X"}}"#) != 0)
        #expect(cli.stderr.hasPrefix("错误：events.jsonl 第 "), "\(cli.stderr)")
        #expect(cli.stderr.contains("记录写入后被改动过") || cli.stderr.contains("没有接上前一条记录"), "\(cli.stderr)")
        #expect(cli.stderr.contains("账本没有任何改动"), "\(cli.stderr)")
    }
}
