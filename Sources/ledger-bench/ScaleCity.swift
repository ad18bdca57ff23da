import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic

/// The scale phase's children: building (or resuming) a kept city, and probing the disk's sync cost.
extension Phases {
    /// The marker beside a finished city: `CITY.built`, one JSON object (events, seed, records, bytes, head). Its absence
    /// means the city is still being built (or was interrupted): `scale-build` resumes it.
    static func builtMarkerPath(_ city: String) -> String { city + ".built" }

    /// `phase scale-build --ledger D --events N --seed S [--batch B]`: appends the synthetic city of N events to D
    /// in batches, creating D if needed. If D already holds the first K events of that city (an interrupted build:
    /// checked by the ids the generator gives its events, `ev-0000000001`…), the generator skips K events and
    /// the build goes on from there. When done, writes `D.built`; with that marker present it does nothing, so
    /// the events the scale phase appends after the city never confuse a resume.
    static func scaleBuild(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let events = Int(try number(arguments, "events", default: 1_000_000))
        let seed = UInt64(try number(arguments, "seed", default: 1))
        let batchSize = Int(try number(arguments, "batch", default: 1_000))
        let marker = builtMarkerPath(path)
        if PosixFile.exists(marker) {
            return ["events": .integer(Int64(events)), "built": .integer(0), "resumed_from": .integer(Int64(events))]
        }
        let directory: LedgerDirectory
        let writer: LogWriter
        do {
            directory = PosixFile.exists(path) ? try LedgerDirectory.open(path)
                : try LedgerDirectory.create(at: path, name: "bench-city-\(events)-seed\(seed)", createdAt: recordedAt)
            writer = try LogWriter.open(directory)
        } catch { throw .chain(error) }
        defer { writer.close() }
        // The city's events are the only records after the ledger's own first ones (if any): the first city event
        // tells how many came before, the head's id how many of the city's are in.
        var done = 0
        if let first = try CLIError.fromChain({ () throws(ChainError) in try writer.seq(ofId: cityEventID(1)) }) {
            done = Int(writer.lastSeq - first + 1)
            guard done <= events, try CLIError.fromChain({ () throws(ChainError) in try writer.seq(ofId: cityEventID(done)) }) == writer.lastSeq else {
                throw .input("\(path) is not a partly built city of \(events) events (seed \(seed)); delete it or choose another --scale-dir")
            }
        } else if writer.lastSeq > 0 {
            throw .input("\(path) holds records that are not the synthetic city's; delete it or choose another --scale-dir")
        }
        var city = SyntheticCity(eventCount: events, seed: seed)
        for _ in 0..<done { _ = city.next() }
        let options = options()
        let t0 = SystemClock.monotonicNanoseconds()
        var appended = 0
        while !city.isFinished {
            let batch = city.nextBatch(maxEvents: batchSize)
            do { _ = try writer.append(batch, options: options) } catch { throw .chain(error) }
            appended += batch.count
            if appended % 500_000 < batchSize {
                FileHandle.standardError.write(Data("… \(path): \(done + appended) of \(events) events\n".utf8))
            }
        }
        let nanoseconds = SystemClock.monotonicNanoseconds() - t0
        let bytes = (try? PosixFile(path: directory.eventsPath, mode: .read).size()) ?? 0
        let result: [String: JSONValue] = ["events": .integer(Int64(events)), "seed": .integer(Int64(seed)), "bytes": .integer(bytes),
                                           "records": .integer(writer.lastSeq), "head": .string(writer.headHash.hex)]
        do { try PosixFile.writeAtomically(Array((CanonicalJSON.string(.object(result)) + "\n").utf8), to: marker) } catch {
            throw .input("\(error)")
        }
        return ["events": .integer(Int64(events)), "built": .integer(Int64(appended)), "resumed_from": .integer(Int64(done)),
                "append_ns": .integer(Int64(nanoseconds)), "records": .integer(writer.lastSeq)]
    }

    /// The id `SyntheticCity` gives its `n`-th event.
    static func cityEventID(_ n: Int) -> String { "ev-" + SyntheticCity.padded(n, 10) }

    /// `ledger-bench phase scale-register --file F --events SIZE --tag T --seed INDEX`: writes the register the scale
    /// phase's import row imports into the city of SIZE events, run `T`, import `INDEX` (`ScalePhase.register`), so
    /// that the row's command can be run and profiled by hand on a copy of a city (docs/perf-import47.md).
    static func scaleRegister(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let file = try required(arguments, "file"), tag = try required(arguments, "tag")
        let size = Int(try number(arguments, "events", default: 1_000_000)), index = Int(try number(arguments, "seed", default: 1))
        let bytes = ScalePhase.register(size: size, tag: tag, index: index)
        do { try PosixFile.writeAtomically(bytes, to: file) } catch { throw .input("\(error)") }
        return ["bytes": .integer(Int64(bytes.count))]
    }

    /// `phase fsync-probe --dir D [--events K]`: K times (default 21) a record-sized line appended to a file in D and
    /// fsync'ed ("one durable record"), and the same followed by a 4 KiB block of a second file overwritten and
    /// fdatasync'ed (the two syncs of every append: the log, then the acknowledged head, ledger-spec.md section 4).
    /// Prints the median of each, in nanoseconds: the sync cost an append cannot avoid on this disk right now.
    static func fsyncProbe(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let dir = try required(arguments, "dir")
        let count = max(1, Int(try number(arguments, "events", default: 21)))
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 449) + [0x0A]
        let block = [UInt8](repeating: UInt8(ascii: " "), count: 4095) + [0x0A]
        var single: [UInt64] = [], pair: [UInt64] = []
        let names = ["/.fsync-probe-1", "/.fsync-probe-2", "/.fsync-probe-3"]
        do {
            for name in names { try? PosixFile.remove(dir + name) }
            let probe = try PosixFile(path: dir + names[0], mode: .createNew(permissions: 0o644))
            let log = try PosixFile(path: dir + names[1], mode: .createNew(permissions: 0o644))
            let head = try PosixFile(path: dir + names[2], mode: .createNew(permissions: 0o644))
            try head.write(block + block, at: 0)
            try head.sync()
            for index in 0..<count {
                let t0 = SystemClock.monotonicNanoseconds()
                try probe.write(line, at: Int64(index * line.count))
                try probe.sync()
                let t1 = SystemClock.monotonicNanoseconds()
                try log.write(line, at: Int64(index * line.count))
                try log.sync()
                try head.write(block, at: Int64(index % 2 * block.count))
                try head.syncData()
                let t2 = SystemClock.monotonicNanoseconds()
                single.append(t1 - t0)
                pair.append(t2 - t1)
            }
            probe.close(); log.close(); head.close()
            for name in names { try PosixFile.remove(dir + name) }
        } catch { throw .input("fsync probe in \(dir): \(error)") }
        return ["fsync_ns": .integer(Int64(single.sorted()[count / 2])), "pair_ns": .integer(Int64(pair.sorted()[count / 2])),
                "probes": .integer(Int64(count))]
    }
}
