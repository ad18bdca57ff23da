import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport

/// Builds records in memory (hashes are not needed by projections) from event input lines.
enum Fixtures {
    static func event(_ line: String, lineNumber: Int = 1) -> Event {
        do { return try EventInput.parse(line: Array(line.utf8), source: "fixture", lineNumber: lineNumber) } catch {
            fatalError("bad fixture line \(lineNumber): \(error)")
        }
    }

    static func events(_ text: String) -> [Event] {
        var out: [Event] = []
        for (index, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            var event = event(String(line), lineNumber: index + 1)
            if event.id == nil { event.id = "ev-\(out.count + 1)" }
            out.append(event)
        }
        return out
    }

    /// Records with seqs after `firstSeq − 1`.
    static func records(_ events: [Event], firstSeq: Int64 = 1) -> [Record] {
        events.enumerated().map { index, event in
            Record(seq: firstSeq + Int64(index), prev: .zero, hash: .zero, batchFirst: firstSeq,
                   batchLast: firstSeq + Int64(events.count) - 1, id: event.id!, occurredOn: event.occurredOn,
                   recordedAt: Timestamp(secondsSinceEpoch: 0), actor: event.actor ?? "tester", payload: event.payload)
        }
    }

    static func records(_ text: String) -> [Record] { records(events(text)) }

    static var sampleDirectory: String {
        SampleRecords.packageRoot + "/testdata/sample"
    }

    /// The sample ledger's events, file by file in name order: the domain part (files 0*.jsonl). Later files
    /// (90-rectification.jsonl, checked by LedgerRulesTests and RectifyCommandTests) add other communities.
    static var sampleEvents: [Event] {
        let files = try! FileManager.default.contentsOfDirectory(atPath: sampleDirectory)
            .filter { $0.hasPrefix("0") && $0.hasSuffix(".jsonl") }.sorted()
        return files.flatMap { events(try! String(contentsOfFile: sampleDirectory + "/" + $0, encoding: .utf8)) }
    }

    static var sampleRecords: [Record] { records(sampleEvents) }

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// A small base: one community, two assets, two funds.
    static let base = """
    {"id":"c1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-1","name":"小区一","street":"街道甲","residents_committee":"社区甲","total_area_m2":"9000.00","total_owners":90}}
    {"id":"c2","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-2","name":"小区二","street":"街道甲","residents_committee":"社区乙","total_area_m2":"3000.00","total_owners":30}}
    {"id":"a1","type":"asset.registered","occurred_on":"2024-01-02","data":{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位","location":"东","area_m2":"12.50","registered_on":"2024-01-02","source":{"kind":"manual"}}}
    {"id":"a2","type":"asset.registered","occurred_on":"2024-01-02","data":{"asset_id":"A-2","community_id":"C-1","kind":"club_room","name":"活动室","location":"西","area_m2":"80.00","registered_on":"2024-01-02","source":{"kind":"manual"}}}
    {"id":"a3","type":"asset.registered","occurred_on":"2024-01-02","data":{"asset_id":"A-3","community_id":"C-2","kind":"roof","name":"屋顶","location":"1号楼","area_m2":"300.00","registered_on":"2024-01-02","source":{"kind":"manual"}}}
    {"id":"f1","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"acc-1"}}
    {"id":"f2","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F-2","community_id":"C-1","kind":"maintenance","account":"acc-2"}}
    {"id":"f3","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F-3","community_id":"C-2","kind":"public_income","account":"acc-3"}}
    {"id":"d1","type":"decision.recorded","occurred_on":"2024-02-01","data":{"decision_id":"D-1","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"6000.00","participating_owners":60,"approving_area_m2":"4500.00","approving_owners":45,"authorises":{"asset_ids":["A-1"],"amount_cap_fen":50000},"valid_until":"2024-12-31"}}
    """
}
