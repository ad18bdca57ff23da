import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing
@testable import ledger_bench

/// The scale phase's city building and inputs: no timing here, only that a resumed build is the same city, and that
/// what the phase appends and imports is accepted by `ledger` (so the kept city stays valid).
@Suite struct ScalePhaseTests {
    static func build(_ path: String, events: Int) throws -> [String: JSONValue] {
        let arguments = try Arguments(["--ledger", path, "--events", "\(events)", "--seed", "3", "--batch", "500"],
                                      options: [.value("ledger"), .value("events"), .value("seed"), .value("batch")], command: "test")
        return try Phases.scaleBuild(arguments)
    }

    static func marker(_ path: String) throws -> [String: JSONValue] {
        let bytes = try PosixFile(path: Phases.builtMarkerPath(path), mode: .read).readAll()
        return try #require(try JSONParser.parse(bytes).objectValue)
    }

    static func ledger(_ arguments: [String], in directory: String) -> (status: Int32, out: String, err: String) {
        var out = "", err = ""
        let io = CommandIO(environment: [:], readStandardInput: { [] }, writeOut: { out += $0 },
                           writeOutBytes: { out += String(decoding: $0, as: UTF8.self) }, writeErr: { err += $0 },
                           now: { Timestamp(rfc3339: "2026-01-07T00:00:00Z")! }, makeId: { "gen" }, stderrIsTerminal: false,
                           currentDirectory: directory)
        let status = LedgerCLI.run(arguments: arguments, io: io)
        return (status, out, err)
    }

    @Test func interruptedBuildResumesToTheSameCity() throws {
        let temp = TemporaryDirectory("scale-build")
        let whole = temp.path + "/whole", resumed = temp.path + "/resumed"
        _ = try Self.build(whole, events: 3_000)
        // An interrupted build: the first two batches of the same city, and no marker (a batch is all-or-nothing,
        // so a build stops between batches; the records say where a batch ends, so the same bytes need the same
        // batch boundaries).
        let directory = try LedgerDirectory.create(at: resumed, name: "bench-city-3000-seed3", createdAt: Phases.recordedAt)
        var city = SyntheticCity(eventCount: 3_000, seed: 3)
        let writer = try LogWriter.open(directory)
        for _ in 1...2 { _ = try writer.append(city.nextBatch(maxEvents: 500), options: Phases.options()) }
        writer.close()
        let result = try Self.build(resumed, events: 3_000)
        #expect(result["resumed_from"] == .integer(1_000))
        #expect(try Self.marker(resumed)["head"] == Self.marker(whole)["head"])
        // Complete: nothing more to do, even after other records were appended behind the marker.
        #expect(try Self.build(resumed, events: 3_000)["built"] == .integer(0))
    }

    @Test func aLedgerThatIsNotTheCityIsRefused() throws {
        let temp = TemporaryDirectory("scale-build")
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(1)], to: directory)
        #expect(throws: CLIError.self) { try Self.build(directory.path, events: 3_000) }
    }

    /// Two runs (two tags) each append and import their own indexes 1 and 2 into the same kept city: nothing a later
    /// run adds is a twin of what an earlier one added (a payment or a part differing only in its id or voucher is
    /// refused), which once stopped the phase at its second size.
    @Test func theAppendedIncomeAndTheImportedRegisterAreAccepted() throws {
        let temp = TemporaryDirectory("scale-inputs")
        let path = temp.path + "/city"
        _ = try Self.build(path, events: 3_000)
        var appendedCount: Int64 = 0
        for tag in ["t1", "t2"] {
            for index in 1...2 {
                let file = temp.path + "/income-\(tag)-\(index).jsonl"
                try PosixFile.writeAtomically(Array(ScalePhase.incomeLine(size: 3_000, tag: tag, index: index).utf8), to: file)
                let appended = Self.ledger(["append", "--ledger", path, "--file", file, "--json"], in: temp.path)
                #expect(appended.status == 0, "\(appended.err)")
                appendedCount += 1
                #expect(ScalePhase.lastSeqOf(Array(appended.out.utf8)) == 3_000 + appendedCount)
            }
            for index in 1...2 {
                let file = temp.path + "/register-\(tag)-\(index).csv"
                try PosixFile.writeAtomically(SyntheticRegister.csv(rows: 50, communities: 3, seed: ScalePhase.runSeed(tag, index),
                                                                    date: CalendarDate(iso: ScalePhase.factDate)!, idPrefix: "R-\(tag)-\(index)-"), to: file)
                let imported = Self.ledger(["import", "assets", file, "--ledger", path, "--actor", "ledger-bench"], in: temp.path)
                #expect(imported.status == 0, "\(imported.err) \(imported.out)")
                appendedCount += 51
            }
        }
        let verified = Self.ledger(["verify", "--ledger", path], in: temp.path)
        #expect(verified.status == 0, "\(verified.err)")
    }

    /// `phase scale-register` writes the import row's register (to profile the row's command on a copy of a city):
    /// 10,000 rows of fresh ids over the city's last 100 communities at 1M (C00901–C01000: the append rows' are
    /// C00008–C00099), over C00001–C00100 at 100k (100 communities), another register for another import of the run.
    @Test func theScaleRegisterPhaseWritesTheImportRowsRegister() throws {
        let temp = TemporaryDirectory("scale-register")
        let file = temp.path + "/register.csv"
        let arguments = try Arguments(["--file", file, "--events", "1000000", "--tag", "t", "--seed", "3"],
                                      options: [.value("file"), .value("events"), .value("tag"), .value("seed")], command: "test")
        let result = try Phases.scaleRegister(arguments)
        let bytes = try PosixFile(path: file, mode: .read).readAll()
        #expect(bytes == ScalePhase.register(size: 1_000_000, tag: "t", index: 3))
        #expect(result["bytes"] == .integer(Int64(bytes.count)))
        let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").dropFirst()
        #expect(rows.count == ScalePhase.registerRows)
        #expect(rows.allSatisfy { $0.hasPrefix("R-1M-t-3-") })
        let communities = Set(rows.map { $0.split(separator: ",")[1] })
        #expect(communities.allSatisfy { $0 >= "C00901" && $0 <= "C01000" } && communities.count == 100)
        #expect(ScalePhase.registerRange(1_000_000) == "C00901–C01000" && ScalePhase.registerRange(10_000_000) == "C09901–C10000")
        let hundredK = String(decoding: ScalePhase.register(size: 100_000, tag: "t", index: 1), as: UTF8.self).split(separator: "\r\n").dropFirst()
        let hundredKCommunities = Set(hundredK.map { String($0.split(separator: ",")[1]) })
        #expect(hundredKCommunities.sorted() == (1...100).map { "C" + SyntheticCity.padded($0, 5) })
        // The dry run's empty ledger holds those communities.
        #expect(SyntheticRegister.communities(100, first: 901).map(\.id).first == "reg-community-901")
        #expect(ScalePhase.register(size: 1_000_000, tag: "t", index: 4) != bytes)
        // A city of 3,000 events has three communities: the register's rows name those only.
        let small = String(decoding: ScalePhase.register(size: 3_000, tag: "t", index: 1), as: UTF8.self).split(separator: "\r\n").dropFirst()
        #expect(Set(small.map { $0.split(separator: ",")[1] }) == ["C00001", "C00002", "C00003"])
    }

    @Test func sizesAreShortened() {
        #expect(ScalePhase.short(100_000) == "100k")
        #expect(ScalePhase.short(10_000_000) == "10M")
        #expect(ScalePhase.short(1_500) == "1500")
    }

    /// A small command's peak RSS can sit below the timer's own (the child's count starts from its parent's): it is
    /// then judged by that bound, marked "≤", instead of dropping out of the across-sizes comparison.
    @Test func appendMemoryBelowTheTimersOwnIsJudgedByItsBound() throws {
        let mib: Int64 = 1 << 20
        func figures(_ ms: Int64, _ rss: Int64, exact: Bool) -> ScalePhase.SizeFigures {
            ScalePhase.SizeFigures(appendBeyondSync: ms * 1_000_000, appendRSS: (rss * mib, exact))
        }
        let flat = try #require(ScalePhase.flatness([100_000, 1_000_000], [100_000: figures(16, 25, exact: true),
                                                                            1_000_000: figures(17, 27, exact: false)]).first)
        #expect(flat.figure.contains("1M: 17.0 ms, ≤ 27.0 MiB"), "\(flat.figure)")
        #expect(flat.reached == true)
        let grown = try #require(ScalePhase.flatness([100_000, 1_000_000], [100_000: figures(16, 25, exact: true),
                                                                             1_000_000: figures(16, 60, exact: true)]).first)
        #expect(grown.reached == false, "\(grown.figure)")
        // The smallest size only bounded: nothing to compare against, so not reached (a ratio of bounds is no figure).
        let unmeasured = try #require(ScalePhase.flatness([100_000, 1_000_000], [100_000: figures(16, 23, exact: false),
                                                                                  1_000_000: figures(16, 23, exact: false)]).first)
        #expect(unmeasured.reached == false && unmeasured.figure.contains("not measured at 100k"), "\(unmeasured.figure)")
        // A larger size only bounded, below the smallest's measured figure: its true ratio can only be lower.
        let below = try #require(ScalePhase.flatness([100_000, 1_000_000], [100_000: figures(16, 40, exact: true),
                                                                             1_000_000: figures(16, 27, exact: false)]).first)
        #expect(below.reached == true, "\(below.figure)")
        let slower = try #require(ScalePhase.flatness([100_000, 1_000_000], [100_000: figures(16, 25, exact: true),
                                                                              1_000_000: figures(34, 25, exact: false)]).first)
        #expect(slower.reached == false, "\(slower.figure)")
    }

    /// The interleaved sample is judged on its medians: an outlier round does not move it, a size that grew does; CPU
    /// time and peak RSS are printed beside; a run that did not finish fails the judgement.
    @Test func theInterleavedSampleIsJudgedOnItsMedians() throws {
        let mib: Int64 = 1 << 20
        func run(_ ms: Int64, cpu: Int64 = 15, rss: Int64 = 27, stopped: Bool = false) -> ScalePhase.Run {
            ScalePhase.Run(nanoseconds: ms * 1_000_000, cpuNanoseconds: cpu * 1_000_000, peakRSS: rss * mib, rssBound: rss * mib,
                           stopped: stopped, problem: stopped ? "stopped" : nil)
        }
        let sizes = [100_000, 1_000_000, 10_000_000]
        // 50 ms of syncs: 100k 12 ms beyond them, 1M 13 ms (one slow round of 200 ms), 10M 14 ms.
        let flat = ScalePhase.interleavedRow(sizes, [100_000: [run(62), run(61), run(63)], 1_000_000: [run(63), run(250), run(62)],
                                                     10_000_000: [run(64), run(64), run(63, cpu: 16, rss: 28)]], sync: 50_000_000)
        #expect(flat.reached == true, "\(flat.figure)")
        #expect(flat.figure.contains("3 rounds") && flat.figure.contains("100k 12.0 ms, 1M 13.0 ms, 10M 14.0 ms (1.00×, 1.08×, 1.17×)"), "\(flat.figure)")
        #expect(flat.figure.contains("CPU (user + sys): 100k 15.0 ms, 1M 15.0 ms, 10M 15.0 ms") && flat.figure.contains("10M 28.0 MiB"), "\(flat.figure)")
        let grown = ScalePhase.interleavedRow(sizes, [100_000: [run(62), run(62)], 1_000_000: [run(62), run(62)],
                                                      10_000_000: [run(66), run(66)]], sync: 50_000_000)
        #expect(grown.reached == false, "\(grown.figure)")
        let heavier = ScalePhase.interleavedRow(sizes, [100_000: [run(62)], 1_000_000: [run(62)], 10_000_000: [run(62, rss: 40)]], sync: 50_000_000)
        #expect(heavier.reached == false, "\(heavier.figure)")
        let stopped = ScalePhase.interleavedRow(sizes, [100_000: [run(62)], 1_000_000: [run(62)], 10_000_000: [run(62, stopped: true)]],
                                                sync: 50_000_000)
        #expect(stopped.reached == false && stopped.figure.contains("did not finish"), "\(stopped.figure)")
    }
}
