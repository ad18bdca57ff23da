import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import Testing

/// Review I17 #8: a GBK file whose title row was pasted in from a UTF-8 file is judged UTF-8 from its content; the
/// refusal of the first GBK cell says what the importer sees — the only UTF-8 text is the title above, and the cell
/// reads as GB18030 — instead of blaming that cell alone.
struct PastedTitleTests {
    static let title = "海韵小区公共收益明细表（2025年5月）\n"

    static func file(_ gbk: String) -> [UInt8] {
        Array(title.utf8) + TextEncoder.gb18030(gbk)!
    }

    @Test func theRefusalSaysTheUTF8TextIsTheTitleAbove() throws {
        let bytes = Self.file("编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-HY,车位,车位1,东,12,2024-03-01\n")
        var caught: ImportError?
        do { _ = try Fixture.run(bytes) } catch { caught = error }
        guard case .mixedEncoding(_, let row, let column, _, _, let above)? = caught else {
            Issue.record("not refused as mixed: \(String(describing: caught))")
            return
        }
        #expect(row == 2 && column == 0)
        #expect(above == ImportError.UTF8Above(rows: 1...1, sample: "海韵小区公共收益明细表（2025年5月）", cellAsGB18030: "编号"))
        let words = caught!.message
        #expect(words.en.contains("register.csv: row 2, column A: the bytes") && words.en.contains("are not UTF-8 (read as GB18030/GBK they are \"编号\"), but the text of row 1 above it is UTF-8 (\"海韵小区公共收益明细表（2025年5月）\")"), "\(words.en)")
        #expect(words.en.contains("If row 1 is only a title, delete it or type it again in this file; if the file really is UTF-8"), "\(words.en)")
        #expect(words.zh.contains("（按 GB18030/GBK 读是“编号”），但其上方第 1 行的文字是 UTF-8") && words.zh.contains("如果第 1 行只是标题"), "\(words.zh)")
        // Read as GB18030 (the file's real encoding), the title is skipped and the register imports.
        let chosen = try Fixture.run(bytes, encoding: .gb18030)
        #expect(chosen.plan.report.problems.isEmpty && chosen.plan.report.counts.new == 1, "\(chosen.plan.report.problems.map(\.description))")
    }

    @Test func aGBKCellAmongUTF8RowsKeepsTheFormerWords() throws {
        let bytes = Array("编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-HY,车位,车位1,东侧的地面车位,12,2024-03-01\n".utf8)
            + Array("A-2,C-HY,".utf8) + TextEncoder.gb18030("车位")! + Array(",车位2,东,12,2024-03-01\n".utf8)
        var caught: ImportError?
        do { _ = try Fixture.run(bytes) } catch { caught = error }
        guard case .mixedEncoding(_, let row, _, _, _, let above)? = caught else {
            Issue.record("not refused as mixed: \(String(describing: caught))")
            return
        }
        #expect(row == 3 && above == nil)
        #expect(caught!.message.en.contains("but the file's other text is UTF-8"))
    }
}
