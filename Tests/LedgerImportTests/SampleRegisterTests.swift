import LedgerEvents
import LedgerImport
import Testing

/// The sample registers in testdata/registers, each imported into an empty ledger, against their expected
/// reports (`<file>.report.txt`) and, for the good ones, their events (`<file>.events.jsonl`).
struct SampleRegisterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let community: String?
        let expectedOutcome: ImportReport.Outcome
        let expectedEncoding: String
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "errors-typical.csv", community: nil, expectedOutcome: .rejected, expectedEncoding: "UTF-8"),
        Case(file: "harmony-court-gb18030.csv", community: "C-2002", expectedOutcome: .ready, expectedEncoding: "GB18030"),
        Case(file: "riverside-english.tsv", community: nil, expectedOutcome: .ready, expectedEncoding: "UTF-8"),
        Case(file: "sunshine-garden-utf8-bom.csv", community: nil, expectedOutcome: .ready, expectedEncoding: "UTF-8"),
    ]

    @Test(arguments: cases)
    func sampleRegister(_ c: Case) throws {
        let path = Fixture.registersDirectory + "/" + c.file
        let source = try FileByteSource(path: path, displayName: c.file, chunkSize: 64)
        let result = try AssetImport.run(source: source, existing: RecordedRegister(),
                                                options: Fixture.options(c.file) { $0.communityID = c.community })
        let report = result.plan.report
        #expect(report.outcome == c.expectedOutcome)
        #expect(report.file.encoding == c.expectedEncoding)
        Golden.expect(report.text(status: .dryRun), path: path + ".report.txt")
        if c.expectedOutcome == .ready {
            Golden.expect(Fixture.jsonLines(result.plan.events), path: path + ".events.jsonl")
            // Every event satisfies the domain schema the log enforces.
            for event in result.plan.events {
                #expect(throws: Never.self, "\(event.id ?? "")") { _ = try DomainEvent.decode(event) }
            }
            // The import is dated no later than any asset of the batch, which name it in their source.
            let importDate = result.plan.events[0].occurredOn
            #expect(result.plan.events.dropFirst().allSatisfy { $0.occurredOn >= importDate })
        }
    }
}
