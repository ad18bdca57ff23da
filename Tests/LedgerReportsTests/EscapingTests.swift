import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerRules
import LedgerTestSupport
import Testing

/// Names come from imported spreadsheets: every output format must keep them inert.
@Suite struct EscapingTests {
    static let hostileName = #"<script>alert("x")</script> & 'quoted' <img src=x onerror=alert(1)>"#
    static let formula = "=HYPERLINK(\"http://evil.example\",\"点击\")"

    /// A ledger whose community, asset and occupant carry markup and formulas.
    static func report(_ language: ReportLanguage = .zh) throws -> RectificationReport {
        func line(_ id: String, _ type: String, _ date: String, _ data: [String: JSONValue]) -> String {
            CanonicalJSON.string(.object(["id": .string(id), "type": .string(type), "occurred_on": .string(date), "data": .object(data)]))
        }
        let lines = [
            line("e1", "community.registered", "2024-01-01", [
                "community_id": .string("C-X"), "name": .string(hostileName), "street": .string("-2+3 街道"),
                "residents_committee": .string("@居委会"), "total_area_m2": .string("1000.00"), "total_owners": .integer(10)]),
            line("e2", "asset.registered", "2024-01-01", [
                "asset_id": .string("A-X"), "community_id": .string("C-X"), "kind": .string("parking"),
                "name": .string(hostileName), "location": .string("L"), "area_m2": .string("10.00"),
                "registered_on": .string("2024-01-01"), "source": .object(["kind": .string("manual")])]),
            line("e3", "occupation.reported", "2024-02-01", [
                "occupation_id": .string("O-X"), "asset_id": .string("A-X"), "occupant": .string(formula),
                "description": .string("+1 | pipe | *bold* [link](http://x) \"quote\", comma\nnewline")]),
        ]
        let records = try SampleRecords.records(lines: lines)
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: "2024-12-31")!),
                                            policy: Policy())
        return RectificationReport(stamp: LedgerStamp(recordCount: 3, headHash: records.last!.hash.hex), rectification: rectification,
                                   language: language)
    }

    /// Copies of a report share its legal-basis words: rendered on several threads at once, each copy gives the
    /// bytes one thread alone gives (review finding: the shared table was an unchecked dictionary).
    @Test func copiesRenderedOnSeveralThreadsAtOnceGiveTheSameBytes() async throws {
        let report = try Self.report(.en)
        let alone = report.render(.table)
        let rendered = await withTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 { group.addTask { report.render(.table) } }
            return await group.reduce(into: [[UInt8]]()) { $0.append($1) }
        }
        #expect(rendered.count == 8 && rendered.allSatisfy { $0 == alone })
    }

    @Test(arguments: ReportLanguage.allCases)
    func htmlEscapesEveryValue(_ language: ReportLanguage) throws {
        let html = try Self.report(language).html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
        // Self-contained: nothing to fetch.
        for needle in ["src=\"", "href=", "@import", "url(", "<link", "<script"] { #expect(!html.contains(needle), "\(needle)") }
        #expect(html.contains("@page { size: A4"))
    }

    @Test func htmlEscapeCoversTheFiveCharacters() {
        #expect(HTMLText.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{0}b") == "a\u{FFFD}b")
    }

    @Test func csvNeutralisesFormulasAndQuotes() throws {
        let bytes = try Self.report().csv()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        // Every line ends with CRLF; no bare LF outside quoted cells.
        #expect(text.hasSuffix("\r\n"))
        let cells = CSVCells.parse(text)
        for row in cells {
            for cell in row {
                guard let first = cell.unicodeScalars.first else { continue }
                #expect(!["=", "+", "-", "@"].contains(first), "cell begins with a formula character: \(cell)")
            }
        }
        #expect(cells.contains { $0.contains { $0.hasPrefix("'=HYPERLINK") || $0.contains("'=HYPERLINK") } })
        #expect(cells.contains { $0.contains("'-2+3 街道") })
    }

    /// Report bytes are evidence: an issued list's SHA-256 is on the ledger and `rectify --at-seq` must remake the
    /// same file, so a cell with edge spaces stays unquoted in reports (plain RFC 4180), while the importer's files
    /// quote it so a spreadsheet keeps the spaces.
    @Test func reportCSVKeepsRFC4180QuotingForEdgeSpaces() {
        var table = CSVTable(headers: ["名称", "金额"])
        table.append([.text(" 北门 车位 "), .numeric("1.00")])
        table.append([.text("a,b"), .numeric("2.00")])
        let text = String(decoding: table.render().dropFirst(3), as: UTF8.self)
        #expect(text == "名称,金额\r\n 北门 车位 ,1.00\r\n\"a,b\",2.00\r\n")
        var rejects: [UInt8] = []
        CSVWriter.appendRecord([" 北门 ", "x"], delimiter: UInt8(ascii: ","), to: &rejects)
        #expect(String(decoding: rejects, as: UTF8.self) == "\" 北门 \",x\n")
    }

    @Test func csvNeutraliseCoversFullWidthAndControlStarts() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠1", "﹦1", "﹢1", "﹣1", "﹫1"] {
            #expect(CSVTable.neutralise(text) == "'" + text)
        }
        #expect(CSVTable.neutralise("海韵小区") == "海韵小区")
    }

    @Test func markdownCellsCannotBreakTheTable() throws {
        let md = try Self.report().markdown()
        #expect(!md.contains("<script"))
        #expect(md.contains("\\| pipe \\|"))
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| 1 |") }
        #expect(rows.count == 1)
        for line in rows {
            // The row has exactly its columns: escaped pipes do not count.
            // 18 columns: the finding's cells less street and community, which head the section (交办清单, 责任主体
            // and 整改时限 among them since review 41b).
            let bars = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(bars == 19)
        }
    }

    @Test func jsonKeepsNamesAsData() throws {
        let json = try Self.report().json()
        let parsed = try JSONParser.parse(json)
        let findings = try #require(parsed["findings"]?.arrayValue)
        #expect(findings.first?["item"]?["name"]?.stringValue == Self.hostileName)
    }
}

/// A small RFC 4180 reader for checking our own CSV output.
enum CSVCells {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = ""
        var quoted = false, afterQuote = false
        var iterator = Array(text).makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { cell.append(c) }
                continue
            }
            switch c {
            case "\"": if afterQuote { cell.append("\"") }; quoted = true; afterQuote = false
            case ",": row.append(cell); cell = ""; afterQuote = false
            case "\r\n", "\n", "\r": row.append(cell); rows.append(row); row = []; cell = ""; afterQuote = false
            default: cell.append(c); afterQuote = false
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        var out = "", rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
