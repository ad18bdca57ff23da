import Foundation
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerTestSupport

/// Builds small ledgers on disk for the audit tests, deterministically (fixed ids, times, key seed).
enum SampleLedger {
    static let name = "xingfu-garden"
    static let created = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!
    /// The test-vector signing key: seed = SHA-256("common-property-ledger test vector key 1"). Test only.
    static let signer = try! SignerKey(name: "jiedao-test", seed: SHA256.digest("common-property-ledger test vector key 1").bytes)
    /// A second key, for "wrong key" tests.
    static let otherSigner = try! SignerKey(name: "jiedao-test", seed: SHA256.digest("common-property-ledger test vector key 2").bytes)

    /// One folder per test process holding every `temporaryDirectory()`, removed when the process exits: the
    /// paths are handed out as strings, so no value's lifetime could remove each one.
    private static let scratchRoot: TemporaryDirectory = {
        let root = TemporaryDirectory("merkle-tests")
        root.removeAtExit()
        return root
    }()

    /// A fresh temporary directory, removed when the test process exits.
    static func temporaryDirectory() -> String {
        let path = scratchRoot.path + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// The 7 sample events, in 4 batches: [1], [2, 3], [4, 5, 6], [7].
    static let batches: [[Event]] = {
        func income(_ n: Int, _ fen: Int64, _ on: String) -> Event {
            // `"source":{}`, as the vectors were written.
            Event(id: "ev-income-\(n)", occurredOn: date(on), actor: nil, payload: .fundIncome(FundIncome(
                fundID: "F-PUB", amount: Amount(fen: fen), counterparty: "停车管理公司", voucher: "V-2025-\(n)",
                category: "parking", written: FundIncome.emptySource)))
        }
        return [
            [Event(id: "ev-community", occurredOn: date("2025-01-02"), actor: nil, payload: .communityRegistered(CommunityRegistered(
                communityID: "C1", name: "幸福花园", street: "和平街道", residentsCommittee: "和平社区居委会",
                totalArea: DecimalQuantity(text: "52340.50")!, totalOwners: 612)))],
            [Event(id: "ev-fund", occurredOn: date("2025-01-03"), actor: nil, payload: .fundOpened(FundOpened(
                fundID: "F-PUB", communityID: "C1", kind: .public_income, account: "6222-0000-1111"))),
             income(1, 120_000, "2025-01-31")],
            [income(2, 120_000, "2025-02-28"), income(3, 120_000, "2025-03-31"), income(4, 98_050, "2025-04-30")],
            [Event(id: "ev-spend-1", occurredOn: date("2025-05-10"), actor: nil, payload: .fundSpending(FundSpending(
                fundID: "F-PUB", amount: Amount(fen: 45_000), counterparty: "绿化养护队", voucher: "P-2025-1", purpose: "绿化补种",
                assetIDs: [])))],
        ]
    }()

    /// Creates the sample ledger at `path` with the first `batchCount` batches.
    @discardableResult
    static func create(at path: String, batchCount: Int = 4) throws -> LedgerDirectory {
        let directory = try LedgerDirectory.create(at: path, name: name, createdAt: created)
        try append(directory, batches: Array(batches.prefix(batchCount)), startingDay: 1)
        return directory
    }

    /// Appends batches, each stamped one day apart.
    static func append(_ directory: LedgerDirectory, batches: [[Event]], startingDay: Int) throws {
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        for (offset, batch) in batches.enumerated() {
            let time = Timestamp(secondsSinceEpoch: Timestamp(rfc3339: "2025-06-01T08:00:00Z")!.secondsSinceEpoch + Int64(startingDay + offset) * 86_400)
            _ = try writer.append(batch, options: AppendOptions(recordedAt: time, defaultActor: "clerk-wang", makeId: { fatalError("ids are fixed") }))
        }
    }

    /// More events for "the log grew after the checkpoint".
    static func laterEvents(_ count: Int, from: Int) -> [[Event]] {
        (0..<count).map { i in
            [Event(id: "ev-later-\(from + i)", occurredOn: date("2025-07-01"), actor: nil, payload: .fundIncome(FundIncome(
                fundID: "F-PUB", amount: Amount(fen: Int64(1000 + i)), counterparty: "广告公司", voucher: "A-\(from + i)",
                category: "advertising", written: FundIncome.emptySource)))]
        }
    }

    /// The log's record lines (without newlines).
    static func lines(_ directory: LedgerDirectory) throws -> [[UInt8]] {
        let bytes = try PosixFile(path: directory.eventsPath, mode: .read).readAll()
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
    }

    /// Rewrites history the way a dishonest operator would: changes record `seq`'s data with `change`, then
    /// recomputes every hash and prev link after it so that the chain verifies again.
    static func rewriteAndRehash(_ directory: LedgerDirectory, seq: Int64, change: (inout [String: JSONValue]) -> Void) throws {
        let sha = SHA256()
        var prev = Record.genesisPrev
        var out: [UInt8] = []
        for line in try lines(directory) {
            let r = try RecordCodec.decode(line: line[...])
            let event = r.seq == seq ? r.event.editingData(change) : r.event
            let (encoded, hash) = RecordCodec.encode(event: event, id: r.id, actor: r.actor, seq: r.seq, prev: prev,
                                                     batchFirst: r.batchFirst, batchLast: r.batchLast, recordedAt: r.recordedAt, hasher: sha)
            out += encoded + [0x0A]
            prev = hash
        }
        let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
        try file.truncate(to: 0)
        try file.write(out, at: 0)
        // Whoever rewrites the log rewrites the acknowledged head with it (it would name the old last hash).
        if let last = (try AcknowledgedHead.read(directory))?.seq {
            let hashes = try lines(directory).map { try RecordCodec.decode(line: $0[...]).hash }
            try AcknowledgedHead(seq: last, hash: hashes[Int(last) - 1]).write(directory)
        }
    }

    /// Leaf hashes of the committed log, recomputed independently of LedgerMerkle's scan.
    static func leafHashes(_ directory: LedgerDirectory) throws -> [Digest32] {
        let sha = SHA256()
        return try lines(directory).map { line in
            let record = try RecordCodec.decode(line: line[...])
            return NaiveRFC6962.leaf(record.hash.bytes)
        }
    }
}
