import Foundation
import LedgerPlatform
import Testing

/// `ChildProcess.run`: one child's own exit status, wall and CPU time and peak RSS (`wait4`), which the scale
/// phase of `ledger-bench` reports per command.
@Suite struct ChildProcessTests {
    static func scratch(_ name: String) -> String {
        NSTemporaryDirectory() + "child-process-\(getpid())-\(name)"
    }

    @Test func exitStatusAndOutput() throws {
        let out = Self.scratch("echo")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let echo = try ChildProcess.run("/bin/echo", ["hello", "world"], outputPath: out)
        #expect(echo.status == 0 && echo.signal == nil && !echo.timedOut)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "hello world\n")
        let failing = try ChildProcess.run("/bin/sh", ["-c", "exit 3"], outputPath: nil)
        #expect(failing.status == 3)
    }

    /// The peak is each child's own: a small command after a large one is not reported at the large one's peak
    /// (as getrusage(RUSAGE_CHILDREN), the largest of every child waited for, would say).
    @Test func peakRSSIsEachChildsOwn() throws {
        // Above this process's own mark (which other tests in it may have raised), which every child inherits.
        let floor = SystemClock.memoryHighWaterBytes()
        let megabytes = floor / (1 << 20) + 96
        let large = try ChildProcess.run("/bin/dd", ["if=/dev/zero", "of=/dev/null", "bs=\(megabytes)M", "count=1", "status=none"],
                                         outputPath: nil)
        #expect(large.status == 0)
        #expect(large.peakRSSBytes >= (megabytes - 8) << 20)
        #expect(large.ownPeakRSSBytes == large.peakRSSBytes, "96 MiB above this process's own mark")
        #expect(large.cpuNanoseconds > 0)
        let small = try ChildProcess.run("/bin/true", [], outputPath: nil)
        #expect(small.status == 0)
        // Its own peak is about the mark it inherits, not the large one's (some 96 MiB above that mark when the large
        // one ran). Measured against its own floor, not the large one's peak: other tests running in this process
        // may raise the mark in between (a full run saw 277 MB against 258 MB).
        #expect(small.peakRSSBytes <= small.floorRSSBytes + (32 << 20), "\(small.peakRSSBytes) against a floor of \(small.floorRSSBytes)")
        // The floor is this process's own mark, which the child inherits across exec: the peak is never below it.
        #expect(small.peakRSSBytes + (1 << 20) >= small.floorRSSBytes)
    }

    @Test func aChildPastItsTimeoutIsStopped() throws {
        let run = try ChildProcess.run("/bin/sleep", ["30"], outputPath: nil, timeoutSeconds: 1)
        #expect(run.timedOut)
        #expect(run.signal == SIGTERM && run.status == 128 + SIGTERM)
        #expect(run.wallNanoseconds < 9_000_000_000)
    }

    /// Review defect: at its timeout only the child was signalled, so a command that had started children left
    /// them running (a shell's background sleeper here). Its descendants are stopped with it.
    @Test func aTimeoutStopsTheProcessesTheChildStarted() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try ChildProcess.run("/bin/sh", ["-c", "sleep 60 & echo $!; wait"], outputPath: out, timeoutSeconds: 1)
        #expect(run.timedOut)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let sleeper = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), "the shell printed its sleeper's pid: \(text)")
        // Gone, or a zombie waiting for its new parent to reap it: either way no longer running.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(sleeper)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let state = stat[stat.index(close, offsetBy: 2)...].first
            return state != "Z" && state != "X"
        }
        var waited = 0
        while running(), waited < 50 { usleep(100_000); waited += 1 }
        let stillRunning = running()
        if stillRunning { kill(sleeper, SIGKILL) }
        #expect(!stillRunning, "the background sleeper \(sleeper) outlived the timeout")
    }

    /// Review defect (session 13): the child led a process group of its own, so a SIGKILL to the caller's group (a
    /// CI job's cancel, `timeout -s KILL`) left the measured command running without its parent, and a terminal's
    /// Ctrl-C did not reach it. It stays in the caller's group.
    @Test func theChildStaysInTheCallersProcessGroup() throws {
        let out = Self.scratch("pgid")
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Field 5 of /proc/self/stat (after the parenthesised name) is the process group.
        let run = try ChildProcess.run("/bin/sh", ["-c", "cut -d')' -f2 /proc/$$/stat | cut -d' ' -f4"], outputPath: out)
        #expect(run.status == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int32(text) == getpgrp(), "the child's process group \(text), this process's \(getpgrp())")
    }

    @Test func aMissingExecutableIsAnError() {
        #expect(throws: FileError.self) { try ChildProcess.run("/nonexistent/command", [], outputPath: nil) }
    }
}
