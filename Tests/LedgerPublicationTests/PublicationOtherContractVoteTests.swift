import Foundation
import LedgerEvents
import LedgerProjections
import LedgerPublication
import LedgerTestSupport
import Testing

/// Review 47d #5: a decision naming another contract the ledger holds (`authorises.contract_id`) approved that one
/// only. The disclosure's 业主表决 says so (`passed_other_contract`, 表决通过，但同意的是另一份合同), as the `contracts`
/// vote column and CON-01 do, and the page's script (`voteTexts`) checks it from the records the page carries.
@Suite struct PublicationOtherContractVoteTests {
    static let lines = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b3","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"advertising","name":"广告位","location":"L","area_m2":"1.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
        #"{"id":"d1","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-N","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{"asset_ids":["A-1"],"contract_id":"K-9"}}}"#,
        #"{"id":"k1","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某广告公司","purpose":"广告","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":0,"rent_period":"once","payee_fund_id":"F-PI","decision_id":"D-N"}}"#,
    ]
    static let k9 = #"{"id":"k9","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-9","community_id":"C-T","asset_ids":["A-1"],"counterparty":"另一广告公司","purpose":"广告","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":0,"rent_period":"once","payee_fund_id":"F-PI","decision_id":"D-N"}}"#

    @Test(arguments: [true, false]) func theDisclosureSaysTheVoteApprovedAnotherContract(_ holdsK9: Bool) throws {
        let asOf = CalendarDate(iso: "2025-06-30")!
        let records = try SampleRecords.records(lines: Self.lines + (holdsK9 ? [Self.k9] : []))
        let projection = Projection(records: records, asOf: asOf)
        let content = try #require(PublicationContent(projection: projection, records: records, communityID: "C-T",
                                                      period: DayRange(first: CalendarDate(iso: "2025-01-01")!, last: asOf)))
        let k1 = try #require(content.contracts.first { $0.id == "K-1" })
        #expect(k1.decision == (holdsK9 ? .insufficient(.passedOtherContract) : .passed))
        if holdsK9 { #expect(content.contracts.first { $0.id == "K-9" }?.decision == .passed) }
    }

    /// The page script's `voteTexts`, run by node on a decision naming K-9: for K-1 it demands the word when the page
    /// carries K-9's signing, and accepts that word or 通过 when it does not (it cannot tell whether the ledger holds
    /// K-9); for K-9 itself, 通过.
    @Test(.enabled(if: Self.node != nil, "node is not installed")) func thePageScriptChecksTheWord() throws {
        let source = PublicationScript.source
        let start = try #require(source.range(of: "  function voteTexts(d, signedOn) {"))
        let end = try #require(source.range(of: "\n  }\n", range: start.upperBound..<source.endIndex))
        let function = String(source[start.lowerBound..<end.upperBound])
        let words = ReportWordsFixture.voteWords
        let script = """
        'use strict';
        const VOTE_WORDS = \(words);
        const OPERATING = ['change_use_or_operate', 'other_major'];
        const DECISIONS = new Map();
        const SIGNED_CONTRACTS = new Set();
        \(function)
        DECISIONS.set('D-N', { data: { community_id: 'C-T', matter: 'change_use_or_operate',
                                       authorises: { asset_ids: ['A-1'], contract_id: 'K-9' } },
                               date: '2024-11-01', passed: true, p: 240000n, q: 240n, y: 240000n, z: 240n });
        const k1 = { decision_id: 'D-N', community_id: 'C-T', contract_id: 'K-1', asset_ids: ['A-1'] };
        const k9 = { decision_id: 'D-N', community_id: 'C-T', contract_id: 'K-9', asset_ids: ['A-1'] };
        const out = [voteTexts(k1, '2024-12-01')];
        SIGNED_CONTRACTS.add('K-9');
        out.push(voteTexts(k1, '2024-12-01'), voteTexts(k9, '2024-12-01'));
        process.stdout.write(JSON.stringify(out));
        """
        let directory = TemporaryDirectory("vote-texts")
        let file = directory.path + "/vote.js"
        try Data(script.utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.node!)
        process.arguments = [file]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let other = "D-N 表决通过，但同意的是另一份合同"
        #expect(String(decoding: data, as: UTF8.self) == #"[["\#(other)","D-N 通过"],"\#(other)","D-N 通过"]"#)
    }

    static let node: String? = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// The vote words as the page script gets them (`ContractVote`'s values, in Chinese), as a JS object literal.
enum ReportWordsFixture {
    static var voteWords: String {
        let source = PublicationScript.source
        guard let start = source.range(of: "const VOTE_WORDS = "), let end = source.range(of: ";\n", range: start.upperBound..<source.endIndex)
        else { return "{}" }
        return String(source[start.upperBound..<end.lowerBound])
    }
}
