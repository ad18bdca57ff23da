import Foundation
import LedgerEvents
import LedgerTestSupport
import Testing

/// `ledger rectify` end to end on the sample ledger, in-process.
@Suite struct RectifyCommandTests {
    static func sampleLedger() throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "sample"]) == 0)
        let directory = SampleRecords.packageRoot + "/testdata/sample"
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".jsonl") }).sorted() {
            #expect(cli.run(["append", "--file", directory + "/" + file]) == 0, "\(file): \(cli.stderr)")
        }
        return cli
    }

    @Test func listsFindingsAndStatesTheLedger() throws {
        let cli = try Self.sampleLedger()
        #expect(cli.run(["rectify", "--as-of", "2025-12-31"]) == 0)
        #expect(cli.stdout.contains("账本记录条数  133"))
        #expect(cli.stdout.contains("核查截至日期  2025-12-31"))
        for code in ["OCC-01", "OCC-02", "OCC-03", "OCC-04", "IDLE-01", "LOW-01", "LOW-02", "CON-01", "CON-02", "CON-03",
                     "CON-04", "CON-05", "CON-06", "CON-07", "FUND-01", "FUND-02", "FUND-03", "FUND-04", "FUND-05",
                     "FUND-06", "FUND-07", "FUND-08", "FUND-09", "FUND-10"] {
            #expect(cli.stdout.contains(" \(code) "), "\(code) missing from the sample's list")
        }
    }

    @Test func nearMissesAreNotFlagged() throws {
        let cli = try Self.sampleLedger()
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--format", "json"]) == 0)
        let findings = try #require(try JSONParser.parse(cli.stdout)["findings"]?.arrayValue)
        let pairs = findings.map { ($0["rule"]?.stringValue ?? "", $0["item"]?["id"]?.stringValue ?? "") }
        func flagged(_ rule: String, _ item: String) -> Int { pairs.filter { $0 == (rule, item) }.count }
        // Idle 179 days, and 50.96% used in the window.
        #expect(!pairs.contains { $0.1 == "A-LZ-BSMT" })
        // A contract of exactly 36 months under a decision exactly at 3/4, paid in full.
        #expect(!pairs.contains { $0.1 == "K-LZ-PARK" })
        // A use under a decision at exactly 2/3 participation and 3/4 approval (the domain sample's A-YX-ROOM).
        #expect(!pairs.contains { $0.1 == "A-YX-ROOM" })
        // Spending of exactly the decision's cap.
        #expect(!pairs.contains { $0.1 == "D-LZ-2024-03" })
        // Disclosures on their due dates: maintenance and governance funds never flagged; public income only for the
        // one disclosure a day late.
        #expect(flagged("FUND-08", "F-LZ-MF") == 0)
        #expect(flagged("FUND-08", "F-LZ-GV") == 0)
        #expect(flagged("FUND-08", "F-LZ-PI") == 1)
    }

    @Test func filtersAndFailOn() throws {
        let cli = try Self.sampleLedger()
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-YX", "--fail-on", "CON"]) == 0)
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-YX", "--fail-on", "any"]) == 1)
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--street", "湛山街道", "--class", "IDLE"]) == 0)
        #expect(cli.stdout.contains("发现问题      0项"))
        #expect(!cli.stdout.contains("C-HY"))
        #expect(cli.run(["rectify", "--class", "XYZ"]) == 2)
        #expect(cli.stderr.contains("--class \"XYZ\" is not a class"))
        #expect(cli.run(["rectify", "--street", "无此街道"]) == 2)
        #expect(cli.run(["rectify", "--as-of", "2025-02-30"]) == 2)
    }

    @Test func badPolicyFileIsAClearInputError() throws {
        let cli = try Self.sampleLedger()
        _ = FileManager.default.createFile(atPath: cli.temp.path + "/policy.json", contents: Data(#"{"idle_days": 0}"#.utf8))
        #expect(cli.run(["rectify", "--policy", "policy.json"]) == 2)
        #expect(cli.stderr.contains(#"policy.json: policy key "idle_days" is 0; allowed: a whole number of days from 1 to 3650."#))
        _ = FileManager.default.createFile(atPath: cli.temp.path + "/policy.json", contents: Data(#"{"idle_days": 400}"#.utf8))
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--policy", "policy.json", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("policy file policy.json"))
        #expect(cli.stdout.contains("Days without use that make a part idle"))
        #expect(cli.stdout.contains("400 days or more"))
    }

    @Test func preparedOnAndMetaFile() throws {
        let cli = try Self.sampleLedger()
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--prepared-on", "2026-01-05"]) == 0)
        #expect(cli.stdout.contains("制表日期：2026年1月5日"))
        // Without --prepared-on the list is dated on its check date, whatever the clock says.
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--street", "湛山街道"]) == 0)
        #expect(cli.stdout.hasPrefix("湛山街道共有部分和共有资金整改清单\n核查截至2025年12月31日　　制表日期：2025年12月31日\n"))
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--format", "csv", "--out", "list.csv", "--meta", "meta.csv"]) == 0)
        let list = String(decoding: FileManager.default.contents(atPath: cli.temp.path + "/list.csv") ?? Data(), as: UTF8.self)
        let meta = String(decoding: FileManager.default.contents(atPath: cli.temp.path + "/meta.csv") ?? Data(), as: UTF8.self)
        #expect(list.hasPrefix("\u{FEFF}序号,街道,小区,"))
        #expect(meta.contains("制表日期,2025-12-31"))
        #expect(cli.run(["rectify", "--prepared-on", "2026-02-30"]) == 2)
        #expect(cli.stderr.contains("--prepared-on \"2026-02-30\" is not a date"))
        #expect(cli.run(["rectify", "--format", "csv", "--out", "same.csv", "--meta", "./same.csv"]) == 2)
        #expect(cli.stderr.contains("--meta \"./same.csv\" is the --out file"))
        #expect(cli.run(["rectify", "--meta", "-"]) == 2)
        _ = FileManager.default.createFile(atPath: cli.temp.path + "/p.json", contents: Data("{}".utf8))
        #expect(cli.run(["rectify", "--policy", "p.json", "--meta", "p.json"]) == 2)
        #expect(cli.stderr.contains("--meta \"p.json\" is the --policy file"))
        #expect(FileManager.default.contents(atPath: cli.temp.path + "/p.json") == Data("{}".utf8))
    }

    @Test func writesEveryFormatToAFile() throws {
        let cli = try Self.sampleLedger()
        for format in ["table", "csv", "json", "html", "md"] {
            #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--format", format, "--out", "list.\(format)"]) == 0)
            let bytes = FileManager.default.contents(atPath: cli.temp.path + "/list.\(format)")
            #expect((bytes?.count ?? 0) > 1000, "\(format)")
            #expect(cli.stdout.isEmpty)
        }
    }
}
