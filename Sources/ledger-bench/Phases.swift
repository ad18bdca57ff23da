import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic

/// Each measured phase runs in its own process so that its peak RSS (`VmHWM`, its own memory's high-water mark) is its own. A phase
/// prints one line of canonical JSON with integer figures (nanoseconds, counts, bytes); the parent computes rates.
enum Phases {
    /// The fixed recording time of benchmark records: the same seed gives the same log, byte for byte.
    static let recordedAt = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!

    static func run(_ arguments: [String]) throws(CLIError) -> Int32 {
        guard let name = arguments.first else { throw .usage("phase: name a phase") }
        let options: [Arguments.Option] = [.value("ledger"), .value("dir"), .value("file"), .value("events"),
                                           .value("seed"), .value("batch"), .value("tag"), .flag("digit-ids")]
        let parsed = try Arguments(Array(arguments.dropFirst()), options: options, command: "phase \(name)")
        var result: [String: JSONValue]
        switch name {
        case "append": result = try batchedAppend(parsed)
        case "single": result = try singleAppend(parsed)
        case "sha256": result = try rawHash(parsed)
        case "verify": result = try verify(parsed)
        case "project": result = try project(parsed)
        case "import-setup": result = try importSetup(parsed)
        case "import-parse": result = try importParse(parsed)
        case "import": result = try importRegister(parsed)
        case "rectify": result = try rectify(parsed)
        case "proofs": result = try proofs(parsed)
        case "writer-append": result = try writerAppend(parsed)
        case "scale-build": result = try scaleBuild(parsed)
        case "fsync-probe": result = try fsyncProbe(parsed)
        case "scale-register": result = try scaleRegister(parsed)
        default: throw .usage("phase: unknown phase \"\(name)\"")
        }
        // Its own memory's mark: ru_maxrss would include the parent's, carried across exec.
        result["peak_rss_bytes"] = .integer(SystemClock.memoryHighWaterBytes())
        FileHandle.standardOutput.write(Data((CanonicalJSON.string(.object(result)) + "\n").utf8))
        return 0
    }

    static func required(_ arguments: Arguments, _ name: String) throws(CLIError) -> String {
        guard let value = arguments.value(name) else { throw .usage("phase: --\(name) is required") }
        return value
    }

    static func number(_ arguments: Arguments, _ name: String, default value: Int64) throws(CLIError) -> Int64 {
        try arguments.integer(name, minimum: 0) ?? value
    }

    static func options() -> AppendOptions {
        AppendOptions(recordedAt: recordedAt, defaultActor: "ledger-bench", makeId: { preconditionFailure("synthetic events carry ids") })
    }

    /// Generates the city and appends it in batches of `--batch` events, each batch durable (write, fsync, read
    /// back). Only the time inside `append` is counted; generating the events is timed separately.
    static func batchedAppend(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let events = Int(try number(arguments, "events", default: 1_000_000))
        let seed = UInt64(try number(arguments, "seed", default: 1))
        let batchSize = Int(try number(arguments, "batch", default: 1_000))
        let (directory, writer) = try CLIError.fromChain { () throws(ChainError) in
            let directory = try LedgerDirectory.create(at: path, name: "bench-city", createdAt: recordedAt)
            return (directory, try LogWriter.open(directory))
        }
        var city = SyntheticCity(eventCount: events, seed: seed)
        var generateNanoseconds: UInt64 = 0
        var appendNanoseconds: UInt64 = 0
        // The CPU time of every thread of this process inside `append` (the lines are made on every core): the
        // figure a busy machine, or a slow disk's syncs, does not inflate.
        var appendCPUNanoseconds: UInt64 = 0
        var batches = 0
        let options = options()
        while !city.isFinished {
            let t0 = SystemClock.monotonicNanoseconds()
            let batch = city.nextBatch(maxEvents: batchSize)
            let t1 = SystemClock.monotonicNanoseconds()
            let c1 = SystemClock.processCPUNanoseconds()
            _ = try CLIError.fromChain { () throws(ChainError) in try writer.append(batch, options: options) }
            // The batch is the generator's: freeing its events (their strings and arrays, some 15 % of this loop's
            // CPU) is the caller's cost, not the append's, so it is kept alive until the clocks are read.
            let (t2, c2) = withExtendedLifetime(batch) {
                (SystemClock.monotonicNanoseconds(), SystemClock.processCPUNanoseconds())
            }
            appendCPUNanoseconds += c2 - c1
            generateNanoseconds += t1 - t0
            appendNanoseconds += t2 - t1
            batches += 1
        }
        writer.close()
        let bytes = (try? PosixFile(path: directory.eventsPath, mode: .read).size()) ?? 0
        return ["events": .integer(Int64(events)), "batches": .integer(Int64(batches)), "bytes": .integer(bytes),
                "append_ns": .integer(Int64(appendNanoseconds)), "append_cpu_ns": .integer(Int64(appendCPUNanoseconds)),
                "generate_ns": .integer(Int64(generateNanoseconds)),
                "communities": .integer(Int64(city.communityCount)), "head": .string(writer.headHash.hex)]
    }

    /// Appends `--events` events one at a time (each: fsync of the log, fdatasync of the acknowledged head) to a
    /// fresh ledger and measures the machine's raw rate of the same shape of I/O: a record-sized line appended to a
    /// file and fsync'ed; and that followed by a 4 KiB block of a second file overwritten in place and fdatasync'ed
    /// (the least any append costs that records its head in a second file). The three are interleaved in ten
    /// rounds, so that a neighbour's writes on the shared disk slow all three alike instead of one of them.
    static func singleAppend(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let dir = try required(arguments, "dir")
        let count = Int(try number(arguments, "events", default: 2_000))
        let seed = UInt64(try number(arguments, "seed", default: 1))
        let writer = try CLIError.fromChain { () throws(ChainError) in
            try LogWriter.open(try LedgerDirectory.create(at: dir + "/single", name: "bench-single", createdAt: recordedAt))
        }
        defer { writer.close() }
        var city = SyntheticCity(eventCount: count, seed: seed)
        let events = city.nextBatch(maxEvents: count)
        let options = options()
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 449) + [0x0A]
        let block = [UInt8](repeating: UInt8(ascii: " "), count: 4095) + [0x0A]
        var (singleNanoseconds, fsyncNanoseconds, pairNanoseconds): (UInt64, UInt64, UInt64) = (0, 0, 0)
        do {
            let probe = try PosixFile(path: dir + "/fsync-probe", mode: .createNew(permissions: 0o644))
            let pairProbe = try PosixFile(path: dir + "/fsync-probe-2", mode: .createNew(permissions: 0o644))
            let second = try PosixFile(path: dir + "/fdatasync-probe", mode: .createNew(permissions: 0o644))
            try second.write(block + block, at: 0)
            try second.sync()
            var (offset, pairOffset): (Int64, Int64) = (0, 0)
            let rounds = 10
            for round in 0..<rounds {
                let range = count * round / rounds..<count * (round + 1) / rounds
                let t0 = SystemClock.monotonicNanoseconds()
                for index in range {
                    _ = try CLIError.fromChain { () throws(ChainError) in try writer.append([events[index]], options: options) }
                }
                let t1 = SystemClock.monotonicNanoseconds()
                for _ in range {
                    try probe.write(line, at: offset)
                    try probe.sync()
                    offset += Int64(line.count)
                }
                let t2 = SystemClock.monotonicNanoseconds()
                for index in range {
                    try pairProbe.write(line, at: pairOffset)
                    try pairProbe.sync()
                    pairOffset += Int64(line.count)
                    try second.write(block, at: Int64(index % 2 * block.count))
                    try second.syncData()
                }
                let t3 = SystemClock.monotonicNanoseconds()
                singleNanoseconds += t1 - t0
                fsyncNanoseconds += t2 - t1
                pairNanoseconds += t3 - t2
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .input("\(error)")
        }
        return ["events": .integer(Int64(count)), "single_ns": .integer(Int64(singleNanoseconds)),
                "fsync_count": .integer(Int64(count)), "fsync_ns": .integer(Int64(fsyncNanoseconds)),
                "pair_ns": .integer(Int64(pairNanoseconds))]
    }

    /// SHA-256 of the file's bytes through the same libcrypto wrapper and the same read size as verify: the
    /// ceiling verify is compared with.
    static func rawHash(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "file")
        let hasher = SHA256()
        var buffer = [UInt8]()
        var offset: Int64 = 0
        let t0 = SystemClock.monotonicNanoseconds()
        let c0 = SystemClock.processCPUNanoseconds()
        do {
            let file = try PosixFile(path: path, mode: .read)
            let size = try file.size()
            hasher.begin()
            while offset < size {
                try file.read(at: offset, count: 4 << 20, into: &buffer)
                if buffer.isEmpty { break }
                hasher.update(buffer)
                offset += Int64(buffer.count)
            }
        } catch { throw .input("\(error)") }
        let digest = hasher.finish()
        let nanoseconds = SystemClock.monotonicNanoseconds() - t0
        let cpu = SystemClock.processCPUNanoseconds() - c0
        return ["bytes": .integer(offset), "ns": .integer(Int64(nanoseconds)), "cpu_ns": .integer(Int64(cpu)), "sha256": .string(digest.hex)]
    }

    /// `ledger verify`'s work: the whole chain, in constant memory.
    static func verify(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let directory: LedgerDirectory
        directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(path) }
        let t0 = SystemClock.monotonicNanoseconds()
        let c0 = SystemClock.processCPUNanoseconds()
        let summary = try CLIError.fromChain { () throws(ChainError) in try LogScanner.verify(directory) }
        let nanoseconds = SystemClock.monotonicNanoseconds() - t0
        let cpu = SystemClock.processCPUNanoseconds() - c0
        return ["records": .integer(summary.recordCount), "bytes": .integer(summary.committedBytes),
                "ns": .integer(Int64(nanoseconds)), "cpu_ns": .integer(Int64(cpu)), "intact": .bool(summary.failure == nil && summary.tornTail == nil),
                "cores": .integer(Int64(Parallel.coreCount)),
                "head": .string(summary.headHash.hex)]
    }
}
