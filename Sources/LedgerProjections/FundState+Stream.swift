import LedgerChain
import LedgerEvents
import LedgerPlatform

extension FundState {
    /// The stored `index/funds.state` read as a stream (ledger-spec.md 15.2): its header checked against the log
    /// (checks 1–4 of 15.1) when opened, then its body read in chunks of `chunkBytes`, each input handed over as it
    /// is parsed and the body's SHA-256 compared at the end. Memory is one chunk (and the fold it feeds), never the
    /// file: at 10 million records the file is 0.75 GB (1.3 GB in version 4), and holding it with one `FundInput` per record took 3.7 GiB.
    /// The file stays open, so `copyBody` copies the same bytes even if a writer renames another file over it.
    final class Stored {
        let header: DerivedStateHeader
        /// The stamp checked against the log (set by `forVerify` once it has checked it).
        private(set) var point: ResumePoint!
        private let file: PosixFile
        private let bodyStart: Int64
        static let chunkBytes = 4 << 20

        private init(file: PosixFile, header: DerivedStateHeader, bodyStart: Int64, point: ResumePoint?) {
            self.file = file; self.header = header; self.bodyStart = bodyStart; self.point = point
        }

        deinit { file.close() }

        /// Opens the stored state and checks its header against the log as it is now; nil when there is no file.
        /// - Parameter againstLog: false to leave the header's check against the log to the caller (`forVerify`).
        /// - Throws: why the stored state cannot be used.
        static func open(_ directory: LedgerDirectory, againstLog: Bool = true) throws(ChainError) -> Stored? {
            let file: PosixFile
            // Only a regular file is opened (`PosixFile.openRegular`: a FIFO or device is refused unopened).
            do { file = try PosixFile.openRegular(FundState.path(directory), followLinks: false).file } catch {
                if case .file(let e) = error, e.isNotFound { return nil }
                throw .damaged(.of(error))
            }
            var start: [UInt8] = []
            guard let size = try? file.size(), (try? file.read(at: 0, count: Int(min(size, 8192)), into: &start)) != nil else {
                file.close()
                throw .damaged(.unreadable(.header))
            }
            let header: DerivedStateHeader, length: Int
            do { (header, length) = try DerivedStateHeader.decode(start[...], kind: FundState.kind, version: FundState.version) } catch {
                file.close()
                throw error
            }
            guard header.bodyBytes <= UInt64(size), UInt64(size) == UInt64(length) + header.bodyBytes + 32 else {
                file.close()
                throw .damaged(.lengthNotHeaders)
            }
            guard againstLog else { return Stored(file: file, header: header, bodyStart: Int64(length), point: nil) }
            let point: ResumePoint
            do { point = try header.check(directory) } catch {
                file.close()
                throw error
            }
            return Stored(file: file, header: header, bodyStart: Int64(length), point: point)
        }

        /// `ledger verify --index`'s look at the stored state (ledger-spec.md 15.1), with the checks of `FundState.load`
        /// in its order and with its words — the file's layout and length, the body's checksum, the header against
        /// the log, then every input — but streamed: memory is a chunk, not the file (0.75 GB at 10 million
        /// records). The file is kept open, so the pass that rebuilds it next leaves these bytes readable for
        /// `bodyIsPrefix(of:)`. Nil when there is no file.
        /// - Throws: why the stored state cannot be used.
        static func forVerify(_ directory: LedgerDirectory) throws(ChainError) -> Stored? {
            guard let stored = try open(directory, againstLog: false) else { return nil }
            try stored.chunks { _ in true }
            stored.point = try stored.header.check(directory)
            try stored.forEachInput { _, _, _, _, _ in }
            return stored
        }

        /// What `bodyIsPrefix(of:)` found.
        enum PrefixCheck: Equatable {
            /// This body is a prefix of the other's, byte for byte.
            case prefix
            /// The bodies differ.
            case differs
            /// They could not be compared: a read failed (an I/O error, or this file changed under the read); the
            /// problem says which file and why, never that the records differ.
            case unreadable(Problem)
        }

        /// Whether this state's inputs are the first ones of `other` (a state of the same log at a later or equal
        /// stamp): its body is a prefix of `other`'s, byte for byte (an input's bytes are a function of its fields).
        /// - Parameter readOther: reads `count` bytes of `other`'s file at an offset (its file by default; a test
        ///   makes it fail).
        func bodyIsPrefix(of other: Stored,
                          readOther: ((_ offset: Int64, _ count: Int, _ into: inout [UInt8]) throws -> Void)? = nil) -> PrefixCheck {
            guard header.bodyBytes <= other.header.bodyBytes else { return .differs }
            var offset: Int64 = 0
            var theirs: [UInt8] = []
            var same = true
            var readFailure: ChainError.DerivedStateProblem.Detail? = nil
            var problem: Problem? = nil
            do throws(ChainError) {
                try chunks { chunk in
                    do {
                        if let readOther {
                            try readOther(other.bodyStart + offset, chunk.count, &theirs)
                        } else {
                            try other.file.read(at: other.bodyStart + offset, count: chunk.count, into: &theirs)
                        }
                    } catch {
                        readFailure = .of(error)
                        return false
                    }
                    offset += Int64(chunk.count)
                    same = theirs == chunk
                    return same
                }
            } catch { problem = error.derivedStateProblem }
            if let readFailure { return .unreadable(.damaged(.notReadBack(.rebuiltState, cause: readFailure))) }
            // This file's own read failed, or its checksum no longer matches (it changed since it was checked).
            if let problem, same { return .unreadable(problem) }
            return same ? .prefix : .differs
        }

        /// Reads the body's chunks in order (`body` gets each; false stops the read: the inputs cannot be read),
        /// then checks the body's SHA-256.
        /// - Throws: why the body cannot be used.
        private func chunks(_ body: ([UInt8]) -> Bool) throws(ChainError) {
            let hasher = SHA256()
            hasher.begin()
            var offset: Int64 = 0
            var chunk: [UInt8] = []
            let total = Int64(header.bodyBytes)
            while offset < total {
                let count = Int(min(Int64(Self.chunkBytes), total - offset))
                do { try file.read(at: bodyStart + offset, count: count, into: &chunk) } catch { throw .damaged(.of(error)) }
                guard chunk.count == count else { throw .damaged(.lengthNotHeaders) }
                hasher.update(chunk)
                offset += Int64(count)
                guard body(chunk) else { throw .damaged(.unreadable(.all(.input))) }
            }
            var stored: [UInt8] = []
            guard (try? file.read(at: bodyStart + total, count: 32, into: &stored)) != nil, stored == hasher.finish().bytes else {
                throw .damaged(.checksum(.body))
            }
        }

        /// Hands each stored input to `body` in seq order — nil `data` for a record the fold skips, as `FundInput`
        /// (its day then 0 and its type empty: the file keeps only its id) — then checks the body's checksum. Inputs
        /// handed over before a problem is found must be thrown away by the caller (a fold fed from a damaged file is
        /// not used): the checks are those of `decode`.
        /// - Throws: why the stored inputs cannot be used.
        func forEachInput(_ body: (_ seq: Int64, _ day: Int, _ id: String, _ typeName: String,
                                   _ data: ArraySlice<UInt8>?) -> Void) throws(ChainError) {
            var pending: [UInt8] = []
            var count: Int64 = 0
            var bad = false
            let stamp = header.stamp.seq
            do throws(ChainError) {
                try chunks { chunk in
                    pending += chunk
                    var reader = FundState.InputReader(pending[...])
                    while !reader.isAtEnd {
                        guard let input = reader.next() else {
                            if reader.malformed { bad = true; return false }
                            break
                        }
                        guard count < stamp, let id = String(validating: input.id, as: UTF8.self) else { bad = true; return false }
                        count += 1
                        body(count, input.day, id, input.typeName ?? "", input.data)
                    }
                    pending.removeSubrange(0..<reader.offset)
                    // One input holds parts of one record, so it never needs more than a record's bytes: a length that
                    // asks for more is damage, found now rather than after buffering the rest of the file.
                    if pending.count > Limits.recordBytesMax + 64 { bad = true; return false }
                    return true
                }
            } catch { throw bad ? .damaged(.unreadable(.nth(.input, Int(count + 1)))) : error }
            guard pending.isEmpty else { throw .damaged(.unreadable(.end)) }
            guard count == stamp else { throw .damaged(.unreadable(.inputsToStamp)) }
        }

        /// Copies the body as stored into `out` (a state that continues it); false when it cannot be read whole.
        func copyBody(into out: StreamedStateFile) -> Bool {
            (try? chunks { out.write($0); return true }) != nil
        }
    }
}
