import Foundation
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 41b #6: the list a community is handed (`rectify --community`, text, CSV and HTML) showed no per-item
/// deadline, responsible party or list number. Each finding now shows what the log knows of its issue — the list
/// that issued it (交办清单), the party (责任主体) and the deadline in force (整改时限) — and, before it is issued, says
/// so: 尚未交办, the party `--issue` would name marked as proposed, 交办时确定; a finding needing no action 无需交办.
@Suite struct RectifyIssueColumnsTests {
    /// The CSV's rows as cells by header, keyed by 问题编号 (findings only: rows with a number).
    static func rows(_ csv: [UInt8]) throws -> [String: [String: String]] {
        var reader = CSVReader(source: MemoryByteSource(csv, chunkSize: 1 << 20), displayName: "list.csv", delimiter: nil)
        var record = CSVRecord()
        var table: [[String]] = []
        while try reader.next(into: &record) {
            table.append((0..<record.fieldCount).map { String(decoding: record.field($0), as: UTF8.self) })
        }
        let headers = try #require(table.first)
        var out: [String: [String: String]] = [:]
        for row in table.dropFirst() where !row[0].isEmpty {
            let cells = Dictionary(uniqueKeysWithValues: zip(headers, row))
            out[cells["问题编号"]!] = cells
        }
        return out
    }

    /// The issue's items: key → (responsible, deadline).
    static func issued() throws -> [String: (responsible: String, deadline: String)] {
        let items = try #require(try RectificationLoopCommandTests.issuedEvent()["data"]?["items"]?.arrayValue)
        var out: [String: (responsible: String, deadline: String)] = [:]
        for item in items {
            out[item["key"]!.stringValue!] = (item["responsible"]!.stringValue!, item["deadline"]!.stringValue!)
        }
        return out
    }

    @Test func beforeItIsIssuedTheListSaysSoAndProposesTheIssuesParty() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        let base = ["rectify", "--as-of", "2025-12-31", "--community", "C-QF", "--prepared-on", "2026-01-05"]
        #expect(cli.run(base + ["--format", "csv"]) == 0, "\(cli.stderr)")
        let rows = try Self.rows(cli.stdoutBytes)
        let issued = try Self.issued()
        #expect(!rows.isEmpty)
        for (key, row) in rows {
            if let item = issued[key] {
                // Open and new: what `--issue` writes into the event, marked as a proposal.
                #expect(row["交办清单"] == "尚未交办" && row["整改时限"] == "交办时确定", "\(key): \(row)")
                #expect(row["责任主体"] == item.responsible + "（建议，交办时确定）", "\(key): \(row)")
            } else {
                // Not issued by --issue: a finding that needs no action.
                #expect(row["交办清单"] == "无需交办" && row["责任主体"] == "无需交办" && row["整改时限"] == "无需交办", "\(key): \(row)")
            }
        }
        #expect(cli.run(base + ["--lang", "en", "--format", "csv"]) == 0, "\(cli.stderr)")
        let english = String(decoding: cli.stdoutBytes, as: UTF8.self)
        #expect(english.contains(",Issued in list,Responsible,Deadline,") && english.contains(",not issued yet,"), "\(english)")
        #expect(english.contains(" (proposed; set when issued),set when issued,"), "\(english)")
    }

    @Test func anIssuedFindingShowsItsListPartyAndDeadlineInEveryFormat() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: true)
        let base = ["rectify", "--as-of", "2026-03-31", "--community", "C-QF"]
        #expect(cli.run(base + ["--format", "csv"]) == 0, "\(cli.stderr)")
        let rows = try Self.rows(cli.stdoutBytes)
        let issued = try Self.issued()
        var shown = 0
        for (key, item) in issued {
            guard let row = rows[key] else { continue }   // closed, or no longer found: the list's last table
            shown += 1
            #expect(row["交办清单"] == "QF-2026-01（2026年1月5日）", "\(key): \(row)")
            #expect(row["责任主体"] == item.responsible, "\(key): \(row)")
            let status = row["整改状态"] ?? ""
            if status.hasPrefix("反弹") || status.hasPrefix("销号时问题仍在") {
                #expect(row["整改时限"] == "需重新交办（原整改时限：\(item.deadline)）", "\(key): \(row)")
            } else if key == "CON-01/K-QF-AD1/2024-06-25" {
                // Extended on 2026-02-03 (testdata/loop/2-rectification.jsonl): the deadline in force, a date cell.
                #expect(row["整改时限"] == "2026-04-30", "\(key): \(row)")
            } else {
                #expect(row["整改时限"] == item.deadline, "\(key): \(row)")
            }
        }
        #expect(shown >= 5)
        // The text and the HTML word the same in running text: dates as an official writes them.
        #expect(cli.run(base) == 0)
        #expect(cli.stdout.contains("    交办清单：QF-2026-01（2026年1月5日）\n    责任主体：青岛蓝海广告有限公司\n    整改时限："), "\(cli.stdout)")
        #expect(cli.stdout.contains("    整改时限：2026年4月30日（已延期）\n"), "\(cli.stdout)")
        #expect(cli.run(base + ["--format", "html"]) == 0)
        #expect(cli.stdout.contains("<th>责任主体与时限</th>"))
        #expect(cli.stdout.contains("<td>业主委员会<div class=\"since\">整改时限：2026年4月30日（已延期）</div><div class=\"since\">交办清单：QF-2026-01（2026年1月5日）</div></td>"),
                "\(cli.stdout)")
    }
}
