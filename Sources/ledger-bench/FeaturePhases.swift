import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections
import LedgerSynthetic

/// Phases of features built on the log: projection rebuild and register import.
extension Phases {
    /// Reads and verifies the whole log into records (`VerifiedLog.read`), then folds every projection from
    /// scratch (`Projection`), timing the two apart: the fold is what "rebuild" means; reading is verify plus decode.
    static func project(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let directory: LedgerDirectory
        directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(path) }
        let t0 = SystemClock.monotonicNanoseconds()
        let log: VerifiedLog
        log = try CLIError.fromChain { () throws(ChainError) in try VerifiedLog.read(directory) }
        let t1 = SystemClock.monotonicNanoseconds()
        let end = CalendarDate(year: 9999, month: 12, day: 31)!
        // The fold runs on this thread alone (the reader's threads are idle by now), so the process's CPU time over
        // it is the fold's: a figure a busy machine inflates much less than wall time.
        let cpu1 = SystemClock.processCPUNanoseconds()
        let projection = Projection(records: log.records, asOf: end)
        let cpu2 = SystemClock.processCPUNanoseconds()
        let t2 = SystemClock.monotonicNanoseconds()
        // The fund fold rebuilt from the same records, as the projection above: fund facts become typed rows with
        // interned ids, other records are skipped, and the rows are folded into every fund's balance (no string
        // touched in the fold). Then the same fold as `ledger balances` reads it (only fund payloads decoded).
        var fold = FundFold()
        for record in log.records {
            // The typed payload names its type: no string is read to choose.
            if case .domain(let payload) = record.payload, FundFold.reads(payload.type) {
                fold.apply(seq: record.seq, id: record.id, occurredOn: record.occurredOn, payload: record.payload)
            } else {
                fold.skip(seq: record.seq, id: record.id)
            }
        }
        let balances = fold.balances(asOf: end)
        let t3 = SystemClock.monotonicNanoseconds()
        _ = try CLIError.fromChain { () throws(ChainError) in try FundFold.read(directory) }
        let t4 = SystemClock.monotonicNanoseconds()
        guard balances.count == projection.funds.count,
              balances.allSatisfy({ projection.view(ofFund: fold.ids[$0.fund])?.balance.fen == $0.balanceFen }) else {
            throw .integrity("the fund fold and the projection disagree on the city's balances")
        }
        return ["records": .integer(Int64(log.records.count)), "read_ns": .integer(Int64(t1 - t0)),
                "fund_fold_ns": .integer(Int64(t3 - t2)), "fund_read_ns": .integer(Int64(t4 - t3)),
                "fund_rows": .integer(Int64(fold.rowCount)),
                "fold_ns": .integer(Int64(t2 - t1)), "fold_cpu_ns": .integer(Int64(cpu2 - cpu1)), "assets": .integer(Int64(projection.assets.count)),
                "funds": .integer(Int64(projection.funds.count)), "anomalies": .integer(Int64(projection.anomalies.count))]
    }

    /// Writes a synthetic register of `--events` rows (`DIR/register.csv`) and a ledger that holds only its
    /// communities (`DIR/ledger`), for the import phases; with `--digit-ids` its ids are digits alone (`1000001`…).
    static func importSetup(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let dir = try required(arguments, "dir")
        let rows = Int(try number(arguments, "events", default: 100_000))
        let seed = UInt64(try number(arguments, "seed", default: 1))
        let communities = max(1, rows / 2_000)
        let csv = SyntheticRegister.csv(rows: rows, communities: communities, seed: seed, digitIDs: arguments.flag("digit-ids"))
        do {
            try PosixFile.writeAtomically(csv, to: dir + "/register.csv")
            let directory = try LedgerDirectory.create(at: dir + "/ledger", name: "bench-import", createdAt: recordedAt)
            let writer = try LogWriter.open(directory)
            _ = try writer.append(SyntheticRegister.communities(communities), options: Phases.options())
            writer.close()
        } catch let error as ChainError {
            throw .chain(error)
        } catch {
            throw .input("\(error)")
        }
        return ["rows": .integer(Int64(rows)), "bytes": .integer(Int64(csv.count))]
    }

    /// The importer alone: `DIR/register.csv` read, checked and planned as events (no ledger, no write).
    static func importParse(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let dir = try required(arguments, "dir")
        let options = ImportOptions(fileName: "register.csv", importedOn: recordedAt.date)
        let t0 = SystemClock.monotonicNanoseconds()
        let planned: Int
        do {
            let source = try FileByteSource(path: dir + "/register.csv", displayName: "register.csv")
            // A ledger that holds only the communities has no assets and no earlier import.
            let result = try AssetImport.run(source: source, existing: RecordedRegister(), options: options)
            planned = result.plan.events.count
        } catch { throw .input("\(error)") }
        return ["events": .integer(Int64(planned)), "parse_ns": .integer(Int64(SystemClock.monotonicNanoseconds() - t0))]
    }

    /// `ledger import assets DIR/register.csv` into `DIR/ledger`, end to end (read the log, parse, domain checks,
    /// one durable batch), in this process alone, so that its peak RSS is the import's.
    static func importRegister(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let dir = try required(arguments, "dir")
        var errors = ""
        let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { _ in }, writeOutBytes: { _ in },
                           writeErr: { errors += $0 }, now: { recordedAt }, makeId: { preconditionFailure("no generated ids") },
                           stderrIsTerminal: false, currentDirectory: dir)
        let t0 = SystemClock.monotonicNanoseconds()
        let cpu0 = SystemClock.processCPUNanoseconds()
        let status = LedgerCLI.run(arguments: ["import", "assets", dir + "/register.csv", "--ledger", dir + "/ledger",
                                               "--actor", "ledger-bench", "--recorded-at", recordedAt.description], io: io)
        let endToEndNanoseconds = SystemClock.monotonicNanoseconds() - t0
        let endToEndCPUNanoseconds = SystemClock.processCPUNanoseconds() - cpu0
        guard status == 0 else { throw .input("ledger import assets failed (\(status)): \(errors.prefix(2_000))") }
        // Peak RSS is taken when this process ends: count the records in constant memory.
        let records = (try? LogScanner.verify(path: dir + "/ledger/events.jsonl").recordCount) ?? 0
        return ["records": .integer(records), "end_to_end_ns": .integer(Int64(endToEndNanoseconds)),
                "end_to_end_cpu_ns": .integer(Int64(endToEndCPUNanoseconds))]
    }
}

import LedgerReports
import LedgerRules

extension Phases {
    /// The rectification list (整改清单) of the whole city as of its last business date: projection as of that
    /// date, every rule (`Rectifier.check`) and the rendered table, each timed; items are findings.
    static func rectify(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let directory: LedgerDirectory
        directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(path) }
        let log: VerifiedLog
        log = try CLIError.fromChain { () throws(ChainError) in try VerifiedLog.read(directory) }
        let asOf = log.records.last?.occurredOn ?? SyntheticCity.startDate
        let t0 = SystemClock.monotonicNanoseconds()
        let projection = Projection(records: log.records, asOf: asOf)
        let t1 = SystemClock.monotonicNanoseconds()
        let rectification = Rectifier.check(projection, scope: RectificationScope(asOf: asOf), policy: Policy())
        let t2 = SystemClock.monotonicNanoseconds()
        let stamp = LedgerStamp(recordCount: Int64(log.records.count), headHash: log.headHash.hex)
        let rendered = RectificationReport(stamp: stamp, rectification: rectification, language: .zh).render(.table)
        let t3 = SystemClock.monotonicNanoseconds()
        return ["records": .integer(Int64(log.records.count)), "findings": .integer(Int64(rectification.findings.count)),
                "project_ns": .integer(Int64(t1 - t0)), "check_ns": .integer(Int64(t2 - t1)),
                "render_ns": .integer(Int64(t3 - t2)), "rendered_bytes": .integer(Int64(rendered.count))]
    }
}

import LedgerMerkle

extension Phases {
    /// Brings the ledger's Merkle index up to date (a full build on a fresh ledger, timed apart), then times one
    /// inclusion proof (the middle record) and one consistency proof (a third of the log against all of it)
    /// read from the index, as `ledger prove` does.
    static func proofs(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let directory: LedgerDirectory
        directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(path) }
        let hasher = MerkleHasher()
        let t0 = SystemClock.monotonicNanoseconds()
        let index: MerkleIndex
        do { (index, _) = try MerkleIndex.synchronize(directory) } catch { throw .input("\(error)") }
        let t1 = SystemClock.monotonicNanoseconds()
        let size = index.leafCount
        guard size >= 3 else { throw .input("proofs need at least 3 records") }
        let inclusion: [Digest32], consistency: [Digest32]
        let t2 = SystemClock.monotonicNanoseconds()
        do { inclusion = try MerkleTree.inclusionProof(index: size / 2, size: size, source: index, hasher: hasher) } catch { throw .input("\(error)") }
        let t3 = SystemClock.monotonicNanoseconds()
        do { consistency = try MerkleTree.consistencyProof(size1: size / 3, size2: size, source: index, hasher: hasher) } catch { throw .input("\(error)") }
        let t4 = SystemClock.monotonicNanoseconds()
        return ["leaves": .integer(Int64(size)), "index_ns": .integer(Int64(t1 - t0)),
                "inclusion_ns": .integer(Int64(t3 - t2)), "inclusion_hashes": .integer(Int64(inclusion.count)),
                "consistency_ns": .integer(Int64(t4 - t3)), "consistency_hashes": .integer(Int64(consistency.count))]
    }
}
