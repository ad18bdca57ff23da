import LedgerEvents
import LedgerPlatform

/// The per-line work of a scan that does not depend on other lines: the strict layout scan and the hash.
enum LineWork: Sendable {
    /// The layout, the computed hash, whether the stored hash is its hex, and whether `prev` is the stored hash of
    /// the line just before (nil when that line was not scanned with this one).
    case scanned(ScannedLine, Digest32, hashMatches: Bool, prevMatchesLineBefore: Bool?)
    case unparsable(ChainError.LineProblem)

    /// Fewer complete lines than this in a chunk are checked on the calling thread alone.
    static let parallelLinesMin = 256

    static func of(_ line: ArraySlice<UInt8>, hasher: SHA256) -> LineWork {
        let scanned: ScannedLine
        do { scanned = try RecordLineScanner.scan(line) } catch .recordLine(let problem) {
            // Name invalid UTF-8 as such: it is the usual sign of a line edited in the wrong encoding.
            if let bad = Bytes.firstInvalidUTF8(line) {
                return .unparsable(.invalidUTF8(byteOffset: bad))
            }
            return .unparsable(problem)
        } catch {
            preconditionFailure("the record line scanner throws .recordLine only: \(error)")
        }
        let digest = RecordCodec.hashedBytesDigest(line: line, hasher: hasher)
        return .scanned(scanned, digest, hashMatches: Bytes.hexEquals(line[scanned.storedHashRange], digest),
                        prevMatchesLineBefore: nil)
    }

    /// The newline-terminated lines of `chunk[from..<to]` (which ends just after a newline) with their work, in
    /// order, as one or more parts computed concurrently on other threads (`Parallel.start`): the caller collects
    /// them with `wait()`, and meanwhile checks the chunk before.
    ///
    /// Each part is read in place in the one shared chunk (`Bytes.recordLineWork`: no copy, no slice, so the cores
    /// never count references to the same buffer); only a line off the fast path is read as a slice, by the full
    /// scan (`of`).
    ///
    /// Meanwhile the next chunk (`bytes` bytes at `offset` of `file`) is read into `next`'s storage on one of the
    /// cores (nothing is read when `bytes` is 0); `wait()` hands it back.
    ///
    /// The arrays the parts fill come from `pools` and go back to it (the scratch of the fast scan at once, the
    /// results once the caller has checked them), so their memory is reused chunk after chunk.
    static func startLines(in chunk: [UInt8], from: Int, to: Int, reading file: PosixFile, at offset: Int64, bytes: Int,
                           into next: inout [UInt8], pools: LinePools) -> Parallel.Started<PartWork> {
        // Several parts per core, so that the cores (one of them also reading) share the work evenly.
        let parts = Parallel.coreCount > 1 ? Parallel.coreCount * 4 : 1
        // Part boundaries fall just after a newline near each even share of the bytes.
        var bounds = [from]
        if parts > 1, to - from > parallelLinesMin * 128 {
            for part in 1..<parts {
                let guess = from + (to - from) * part / parts
                if let newline = Bytes.firstIndex(of: 0x0A, in: chunk, from: max(guess, bounds.last!), to: to), newline + 1 < to {
                    bounds.append(newline + 1)
                }
            }
        }
        bounds.append(to)
        let partBounds = bounds
        return Parallel.start(from < to ? partBounds.count - 1 : 0, reading: file, at: offset, bytes: bytes, into: &next) { part in
            var found = pools.scratch.take()
            Bytes.recordLineWork(in: chunk, from: partBounds[part], to: partBounds[part + 1],
                                 limits: RecordLineScanner.fastLimits, hashedFrom: RecordCodec.hashMemberLength, into: &found)
            var hasher: SHA256? = nil
            var out = PartWork(lines: pools.results.take(), problems: [])
            out.lines.reserveCapacity(found.count)
            for line in found {
                // The dates' calendar checks need only the numbers the fast path read, so the whole line is done
                // here, on this core; a line off the fast path (or whose dates are not dates) gets the full scan.
                guard let layout = line.layout,
                      let scanned = RecordLineScanner.scanned(lineStart: line.range.lowerBound, layout: layout) else {
                    if hasher == nil { hasher = SHA256() }
                    var (work, problem) = LineResult.of(of(chunk[line.range], hasher: hasher!), range: line.range)
                    if let problem {
                        work.problem = out.problems.count
                        out.problems.append(problem)
                    }
                    out.lines.append(work)
                    continue
                }
                out.lines.append(LineResult(range: line.range, scanned: scanned, digest: line.digest, hashMatches: line.hashMatches,
                                            prevMatchesLineBefore: line.prevMatchesLineBefore, problem: -1))
            }
            pools.scratch.give(found)
            return out
        }
    }
}
