import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The sample ledger of `testdata/sample`, built in memory exactly as `ledger demo` builds it on disk: one batch
/// per file in name order, actor from each line (else `sample-clerk`), recording time 2025-12-31T16:00:00Z plus
/// one minute per file. Same files, same records, same head hash as the demo.
public enum SampleRecords {
    /// The package's root directory (found from this source file's path).
    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// The records of `testdata/sample/*.jsonl`.
    public static func load() throws -> [Record] {
        let directory = packageRoot + "/testdata/sample"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jsonl") }.sorted()
        var batches: [[Event]] = []
        for file in files {
            let bytes = try PosixFile(path: directory + "/" + file, mode: .read).readAll()
            var events: [Event] = []
            for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                events.append(try EventInput.parse(line: Array(line), source: file, lineNumber: index + 1))
            }
            batches.append(events)
        }
        return records(batches: batches, firstRecordedAt: Timestamp(rfc3339: "2025-12-31T16:00:00Z")!)
    }

    /// Records for batches of events (ids must be given), each batch one minute after the previous.
    public static func records(batches: [[Event]], firstRecordedAt: Timestamp) -> [Record] {
        let hasher = SHA256()
        var out: [Record] = []
        var prev = Record.genesisPrev
        for (batchIndex, batch) in batches.enumerated() {
            let recordedAt = Timestamp(secondsSinceEpoch: firstRecordedAt.secondsSinceEpoch + Int64(batchIndex) * 60)
            let first = Int64(out.count) + 1
            let last = first + Int64(batch.count) - 1
            for event in batch {
                let seq = Int64(out.count) + 1
                let id = event.id ?? "gen-\(seq)"
                let actor = event.actor ?? "sample-clerk"
                let (_, hash) = RecordCodec.encode(event: event, id: id, actor: actor, seq: seq, prev: prev,
                                                   batchFirst: first, batchLast: last, recordedAt: recordedAt, hasher: hasher)
                out.append(Record(seq: seq, prev: prev, hash: hash, batchFirst: first, batchLast: last, id: id,
                                  occurredOn: event.occurredOn, recordedAt: recordedAt, actor: actor, payload: event.payload))
                prev = hash
            }
        }
        return out
    }

    /// Records for one batch of events given as input lines (`{"id","type","occurred_on","data"}`), for tests.
    public static func records(lines: [String]) throws -> [Record] {
        var events: [Event] = []
        for (index, line) in lines.enumerated() {
            events.append(try EventInput.parse(line: Array(line.utf8), source: "test", lineNumber: index + 1))
        }
        return records(batches: [events], firstRecordedAt: Timestamp(rfc3339: "2025-01-01T08:00:00Z")!)
    }
}
