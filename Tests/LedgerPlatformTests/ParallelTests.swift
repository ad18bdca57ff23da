import Foundation
import LedgerPlatform
import Testing

/// `Parallel.pipeline`: two stages on two threads, values in order, every value consumed before it returns.
@Suite struct ParallelTests {
    @Test(arguments: [1, 2, 5, 64, 5000])
    func everyValueArrivesInOrder(groupSize: Int) {
        var seen: [Int] = []
        let sent = Parallel.pipeline(groupSize: groupSize, groupsAhead: 2, produce: { (send: (Int) -> Void, _: () -> Void) -> Int in
            for value in 0..<3001 { send(value) }
            return 3001
        }, consume: { seen.append($0) })
        #expect(sent == 3001 && seen == Array(0..<3001))
    }

    /// After `close` the producer goes on with other work while the consumer finishes; both are done on return.
    @Test func theProducerWorksOnAfterClosing() {
        var sum = 0
        var after = 0
        Parallel.pipeline(groupSize: 10, groupsAhead: 1, produce: { (send: (Int) -> Void, close: () -> Void) in
            for value in 1...1000 { send(value) }
            close()
            for value in 1...1000 { after += value }
        }, consume: { sum += $0 })
        #expect(sum == 500_500 && after == 500_500)
    }

    struct Stop: Error, Equatable {}

    /// A producer's error is rethrown, after the consumer has taken everything sent before it.
    @Test func aProducersErrorComesAfterWhatItSent() {
        var seen = 0
        #expect(throws: Stop()) {
            try Parallel.pipeline(groupSize: 3, produce: { (send: (Int) -> Void, _: () -> Void) throws(Stop) in
                for value in 0..<100 { send(value) }
                throw Stop()
            }, consume: { _ in seen += 1 })
        }
        #expect(seen == 100)
    }

    /// `map(_:reading:…)`: the results in index order, and the file's bytes at the offset in the buffer (a short
    /// read at the end of the file, nothing when asked for nothing), whatever the buffer held before.
    @Test func mapReadsTheNextChunkAlongside() throws {
        let path = NSTemporaryDirectory() + "parallel-read-\(getpid())"
        defer { try? PosixFile.remove(path) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let file = try PosixFile(path: path, mode: .createNew(permissions: 0o600))
        try file.write(bytes, at: 0)
        var buffer = [UInt8](repeating: 0xAA, count: 4096)
        for (offset, count) in [(100, 4096), (9_000, 4096), (0, 0), (0, 10_000)] {
            let (error, results) = Parallel.map(9, reading: file, at: Int64(offset), bytes: count, into: &buffer) { $0 * $0 }
            #expect(error == nil)
            #expect(results == (0..<9).map { $0 * $0 })
            #expect(buffer == Array(bytes[offset..<min(bytes.count, offset + count)]))
        }
    }

    /// `start(_:reading:…)`: the same as `map(_:reading:…)`, collected later while the caller works, and the
    /// buffer's storage handed back, not copied (a scan reuses its chunks).
    @Test func startReadsAndWorksWhileTheCallerGoesOn() throws {
        let path = NSTemporaryDirectory() + "parallel-start-\(getpid())"
        defer { try? PosixFile.remove(path) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let file = try PosixFile(path: path, mode: .createNew(permissions: 0o600))
        try file.write(bytes, at: 0)
        var buffer = [UInt8](repeating: 0xAA, count: 8192)
        for (offset, count) in [(100, 4096), (9_000, 4096), (0, 0), (0, 8192)] {
            let storage = buffer.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
            // The read reuses storage that holds enough bytes (`PosixFile.read(at:count:into:)`).
            let reusable = count > 0 && buffer.count >= count
            let started = Parallel.start(5, reading: file, at: Int64(offset), bytes: count, into: &buffer) { $0 + 1 }
            #expect(buffer.isEmpty, "the storage moved to the reading thread")
            let mine = (0..<1000).reduce(0, +)
            let (read, error, results) = started.wait()
            #expect(mine == 499_500 && error == nil)
            #expect(results == [1, 2, 3, 4, 5])
            #expect(read == Array(bytes[offset..<min(bytes.count, offset + count)]))
            if reusable { #expect(read.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == storage, "not copied") }
            buffer = read
        }
        let none = Parallel.start(0, reading: file, at: 0, bytes: 10, into: &buffer) { $0 }.wait()
        #expect(none.results.isEmpty && none.buffer == Array(bytes[0..<10]))
    }

    /// `waitForRead()`: the read's buffer (the same storage) and error are handed over before the results, and
    /// the results are still all there, in order, with an empty buffer (a scan starts the next chunk with the
    /// bytes while this chunk's parts are still being scanned). A read past the end gives no bytes, no error.
    @Test func theReadIsHandedOverBeforeTheResults() throws {
        let path = NSTemporaryDirectory() + "parallel-read-first-\(getpid())"
        defer { try? PosixFile.remove(path) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let file = try PosixFile(path: path, mode: .createNew(permissions: 0o600))
        try file.write(bytes, at: 0)
        var buffer = [UInt8](repeating: 0x55, count: 8192)
        for (offset, count, parts) in [(0, 4096, 9), (5_000, 8192, 3), (20_000, 100, 2), (64, 0, 0)] {
            let storage = buffer.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
            let reusable = count > 0 && buffer.count >= count && offset < bytes.count
            let started = Parallel.start(parts, reading: file, at: Int64(offset), bytes: count, into: &buffer) { $0 * 3 }
            let (read, error) = started.waitForRead()
            #expect(error == nil)
            #expect(read == (offset < bytes.count ? Array(bytes[offset..<min(bytes.count, offset + count)]) : []))
            if reusable { #expect(read.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == storage, "not copied") }
            let (rest, restError, results) = started.wait()
            #expect(rest.isEmpty && restError == nil)
            #expect(results == (0..<parts).map { $0 * 3 })
            buffer = read.isEmpty ? [UInt8](repeating: 0x55, count: 8192) : read
        }
    }
}

/// `Parallel.together`: both closures run, each sees only its own state, and both are done on return.
extension ParallelTests {
    @Test func togetherRunsBothAndWaitsForBoth() {
        var left: [Int] = []
        var right: [Int] = []
        let (a, b) = Parallel.together({ () -> Int in
            for value in 0..<10_000 { left.append(value) }
            return left.count
        }, { () -> String in
            // Slower than the first on purpose: the call must still wait for it.
            for value in 0..<50_000 { right.append(value * 2) }
            return "right \(right.count)"
        })
        #expect(a == 10_000 && b == "right 50000")
        #expect(left == Array(0..<10_000) && right.count == 50_000 && right.last == 99_998)
        // A second closure returning nothing (a file written while the answer is rendered).
        var written = false
        let (rendered, _) = Parallel.together({ [UInt8](repeating: 7, count: 3) }, { written = true })
        #expect(rendered == [7, 7, 7] && written)
    }
}

/// `Parallel.alongside`: every piece runs once, in index order of the results, whichever thread takes it; the
/// first closure's result comes back; after `keepGoing` false no piece is begun, and the pieces begun are done.
extension ParallelTests {
    final class Counts: @unchecked Sendable {
        let lock = NSLock()
        var runs: [Int] = []
        func ran(_ index: Int) { lock.lock(); runs.append(index); lock.unlock() }
    }

    @Test func alongsideRunsEveryPieceOnceInOrder() {
        for count in [0, 1, 2, 17, 200] {
            let counts = Counts()
            var mine = 0
            let (value, results) = Parallel.alongside({ () -> (value: String, keepGoing: Bool) in
                for k in 0..<20_000 { mine &+= k }
                return ("first", true)
            }, pieces: count) { index -> [Int] in
                counts.ran(index)
                return Array(repeating: index, count: index % 5 + 1)
            }
            #expect(value == "first" && mine == (0..<20_000).reduce(0, &+))
            #expect(results.count == count)
            #expect(results.enumerated().allSatisfy { $0.element == Array(repeating: $0.offset, count: $0.offset % 5 + 1) })
            #expect(counts.runs.sorted() == Array(0..<count))
        }
    }

    @Test func alongsideBeginsNoPieceAfterStop() {
        let counts = Counts()
        let (value, results) = Parallel.alongside({ () -> (value: Int, keepGoing: Bool) in (7, false) }, pieces: 1_000) { index -> Int in
            counts.ran(index)
            // Slow pieces: the other cores begin only a few before the first closure says stop.
            var x = 0
            for k in 0..<200_000 { x &+= k ^ index }
            return x == -1 ? -1 : index
        }
        #expect(value == 7 && results.count == 1_000)
        let begun = counts.runs
        #expect(begun.count < 1_000, "pieces were begun after stop: \(begun.count)")
        // Every piece begun is done and in its place; the rest are nil.
        for (index, result) in results.enumerated() { #expect(result == (begun.contains(index) ? index : nil)) }
    }
}
