import LedgerChain
import LedgerEvents
import LedgerPlatform

/// One record as `FundFold` reads it: what `FundFold.apply` or `FundFold.skip` is given, before decoding. The
/// derived state keeps one per record, so that replaying them is the same fold as reading the log (the same decode,
/// the same apply): a record of a type the fold reads, or of a type this version does not know (reported as an
/// anomaly), keeps its `data`; a record of another known type keeps only its id (`data` nil), which a correction
/// may name.
public struct FundInput: Equatable, Sendable {
    public let seq: Int64
    public let id: String
    public let occurredOn: CalendarDate
    /// The record's `type` as written (it may be unknown to this version).
    public let typeName: String
    /// The record's `data` object, canonical bytes as in the log (commitments, never a personal value: 10.3); nil
    /// for a record the fold skips.
    public let data: [UInt8]?

    public init(seq: Int64, id: String, occurredOn: CalendarDate, typeName: String, data: [UInt8]?) {
        self.seq = seq; self.id = id; self.occurredOn = occurredOn; self.typeName = typeName; self.data = data
    }

    /// The input for a verified line, as `FundFold.read` treats it.
    init(_ line: VerifiedLine) {
        let typeName = String(decoding: line.typeBytes, as: UTF8.self)
        let skipped = FundFold.knownType(line.typeBytes).map { !FundFold.reads($0) } ?? false
        self.init(seq: line.location.seq, id: String(decoding: line.idBytes, as: UTF8.self), occurredOn: line.occurredOn,
                  typeName: typeName, data: skipped ? nil : Array(line.dataBytes))
    }
}

extension FundFold {
    /// Decodes and applies (or skips) one input exactly as `read` does for the record it came from.
    public mutating func apply(_ input: FundInput) {
        guard let data = input.data else { return skip(seq: input.seq, id: input.id) }
        apply(seq: input.seq, id: input.id, occurredOn: input.occurredOn, typeName: input.typeName, data: data[...])
    }

    /// `apply(_:)` of an input read from the stored bytes, without making a `FundInput` (the data stays a slice of
    /// the read buffer unless the payload cannot be decoded).
    /// A money movement is read into its row from its bytes when `PayloadRefs.movement` vouches for it, as `read` does.
    mutating func apply(seq: Int64, id: String, occurredOn: CalendarDate, typeName: String, data: ArraySlice<UInt8>) {
        let payload: EventPayload
        let type = EventType(rawValue: typeName)
        if let type, apply(seq: seq, idBytes: id.utf8, type: type, occurredOn: occurredOn, data: data) { return }
        if let type, let domain = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: data) {
            payload = .domain(domain)
        } else {
            payload = .raw(type: typeName, data: Array(data))
        }
        apply(seq: seq, id: id, occurredOn: occurredOn, payload: payload)
    }

    /// Applies `inputs` (in seq order, one per record) up to `upToSeq`.
    mutating func replay(_ inputs: [FundInput], through upToSeq: Int64) {
        for input in inputs where input.seq <= upToSeq { apply(input) }
    }
}

/// `index/funds.state`: derived state for `ledger balances` (ledger-spec.md section 15.2). It holds the
/// fund-related records of 1…`stamp.seq` as `FundInput`s, in a `DerivedStateFile` stamped with the seq, hash and place
/// of the record they were read up to, and the ledger's name and first record. Never authoritative: a command checks
/// the stamp against the log, verifies the log after it, and rebuilds from the log on any doubt; `ledger verify`
/// never reads it.
public struct FundState: Equatable, Sendable {
    public typealias Stamp = StateStamp
    public typealias Problem = ChainError.DerivedStateProblem

    public static let fileName = "funds.state"
    /// The file's kind, its first line.
    public static let kind = "LEDGER-FUND-STATE"
    /// Bumped whenever the layout or the meaning of the inputs changes: a state of another version is rebuilt.
    /// (3: the shared header of section 15.1; 4: no leading count, so that a rebuild streams the body to disk.)
    public static let version: UInt32 = 4

    public let ledgerName: String
    /// Record 1: which chain this is.
    public let genesis: Stamp
    /// The last record read (the last of its batch).
    public let stamp: Stamp
    public let inputs: [FundInput]

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    // MARK: encoding

    /// The file's bytes: the shared header, then the inputs, then the body's SHA-256.
    public func encoded() -> [UInt8] {
        var body = ByteWriter()
        for input in inputs {
            Self.encode(seq: input.seq, day: input.occurredOn.dayNumber, id: input.id.utf8, type: input.typeName.utf8,
                        data: input.data, into: &body)
        }
        return DerivedStateFile(kind: Self.kind, version: Self.version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                body: body.bytes).encoded()
    }

    /// Reads a state file's bytes; any damage (truncation, a flipped bit, trailing bytes) or another version is a
    /// `Problem`, never a crash.
    public static func decode(_ bytes: [UInt8]) throws(ChainError) -> FundState {
        try decode(DerivedStateFile.decode(bytes, kind: kind, version: version))
    }

    static func decode(_ file: DerivedStateFile) throws(ChainError) -> FundState {
        let stamp = file.header.stamp
        var reader = ByteReader(file.body)
        func fail(_ what: ChainError.DerivedStateProblem.Detail.Part) -> ChainError { .damaged(.unreadable(what)) }
        var inputs: [FundInput] = []
        inputs.reserveCapacity(Int(min(stamp.seq, Int64(file.body.count / 40))))
        var previous: Int64 = 0
        while !reader.isAtEnd {
            guard let seq = reader.i64(), let day = reader.i64(), let idBytes = reader.counted(), let typeBytes = reader.counted(),
                  let hasData = reader.u64(), hasData <= 1, let id = String(validating: idBytes, as: UTF8.self),
                  let typeName = String(validating: typeBytes, as: UTF8.self), !typeName.isEmpty,
                  seq == previous + 1, seq <= stamp.seq,
                  (-10_000_000...10_000_000).contains(day) else { throw fail(.nth(.input, inputs.count + 1)) }
            previous = seq
            var data: [UInt8]? = nil
            if hasData == 1 {
                guard let bytes = reader.counted() else { throw fail(.nth(.input, inputs.count + 1)) }
                data = bytes
            }
            inputs.append(FundInput(seq: seq, id: id, occurredOn: CalendarDate(dayNumber: Int(day)), typeName: typeName, data: data))
        }
        guard reader.isAtEnd else { throw fail(.end) }
        guard Int64(inputs.count) == stamp.seq else { throw fail(.inputsToStamp) }
        return FundState(ledgerName: file.header.ledgerName, genesis: file.header.genesis, stamp: stamp, inputs: inputs)
    }

    /// One input's bytes in the body (the same for a state encoded whole and one streamed by a rebuild).
    /// `encode` of a line's slices, as the rebuild stages them: the writer's concrete `counted` (the generic one is
    /// not specialised across modules, and copied each byte through the collection's witnesses).
    static func encode(seq: Int64, day: Int, id: ArraySlice<UInt8>, type: ArraySlice<UInt8>, data: ArraySlice<UInt8>?,
                       into body: inout ByteWriter) {
        body.i64(seq)
        body.i64(Int64(day))
        body.counted(id)
        body.counted(type)
        if let data { body.u64(1); body.counted(data) } else { body.u64(0) }
    }

    static func encode<I: Collection, T: Collection, D: Collection>(seq: Int64, day: Int, id: I, type: T, data: D?,
                                                                    into body: inout ByteWriter)
        where I.Element == UInt8, T.Element == UInt8, D.Element == UInt8 {
        body.i64(seq)
        body.i64(Int64(day))
        body.counted(id)
        body.counted(type)
        if let data { body.u64(1); body.counted(data) } else { body.u64(0) }
    }

    // MARK: the file

    /// Reads and checks the stored state against the log as it is now (`DerivedStateFile.load`).
    /// - Returns: nil when there is no file; else the state and the checked point to resume after.
    /// - Throws: why the stored state cannot be used.
    public static func load(_ directory: LedgerDirectory) throws(ChainError) -> (state: FundState, resume: ResumePoint)? {
        guard let (file, point) = try DerivedStateFile.load(path(directory), kind: kind, version: version, directory: directory) else {
            return nil
        }
        return (try decode(file), point)
    }

    /// Writes the state atomically (temporary file, fsync, rename, fsync of `index/`). Best effort: a ledger that
    /// cannot be written (a read-only copy) is read from the log every time, with the same answers.
    @discardableResult
    public func write(_ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(encoded(), to: Self.path(directory)) } catch { return false }
        return true
    }
}

extension FundFold {
    /// What `read(_:upToSeq:state:)` did.
    public struct StateRead {
        public let fold: FundFold
        /// Records in the whole committed log.
        public let totalRecordCount: Int64
        /// One line for stderr when a stored state was found unusable and rebuilt; nil otherwise.
        public let notice: String?
        /// Records read from the log: the tail after the stored state, or all of them.
        public let recordsRead: Int64
        /// Whether the stored state was used.
        public let usedState: Bool
        /// Record 1 and the head (the last record of the log, which ends its batch) when the log was read to its
        /// head; for `FundTotals`.
        public var genesis: StateStamp? = nil
        public var head: StateStamp? = nil
    }

    /// `read(_:upToSeq:)` with the derived state of `index/funds.state` (ledger-spec.md section 15): when the state's
    /// stamp still matches the log, only the records after it are read and verified (with the acknowledged-head
    /// check) and folded after replaying the stored ones; otherwise, or when `upToSeq` is before the stamp, the
    /// whole log is read. Either way the fold is the same as `read`'s, and a state at the head is written back
    /// when the log has moved on (best effort). A state found damaged, foreign, of another version or no longer
    /// matching the log gives a one-line `notice`.
    public static func read(_ directory: LedgerDirectory, upToSeq: Int64?, state useState: Bool) throws(ChainError) -> StateRead {
        var notice: String? = nil
        var hadFile = false
        if useState {
            var opened: FundState.Stored? = nil
            do {
                opened = try FundState.Stored.open(directory)
                hadFile = opened != nil
            } catch {
                hadFile = true
                notice = SystemWords.rebuilt(FundState.fileName, in: directory, error)
            }
            if let stored = opened, upToSeq.map({ $0 >= stored.point.seq }) ?? true {
                do {
                    return try readCollecting(directory, upToSeq: upToSeq, resume: stored, writeBack: true).read
                } catch {
                    switch error {
                    case .resumeBeforeAcknowledged: break // only a full read can check the acknowledged head
                    case .stateDamaged(let problem): notice = SystemWords.rebuilt(FundState.fileName, in: directory, problem)
                    case .chain(let failure): throw failure
                    }
                }
            }
        }
        let read: StateRead
        do {
            read = try readCollecting(directory, upToSeq: upToSeq, resume: nil, writeBack: useState).read
        } catch .chain(let failure) {
            throw failure
        } catch {
            preconditionFailure("a read from record 1 resumes from no state")
        }
        if useState, hadFile, read.totalRecordCount == 0 { try? PosixFile.remove(FundState.path(directory)) }
        return StateRead(fold: read.fold, totalRecordCount: read.totalRecordCount, notice: notice, recordsRead: read.recordsRead,
                         usedState: false, genesis: read.genesis, head: read.head)
    }

    /// Why `readCollecting` did not answer.
    enum CollectingError: Error {
        /// The log's damage, as every reader reports it.
        case chain(ChainError)
        /// The acknowledged head lies in the stored prefix: only a full read can check it.
        case resumeBeforeAcknowledged
        /// The stored state's body does not check (found while it was replayed): the fold fed from it is dropped.
        case stateDamaged(ChainError.DerivedStateProblem)
    }

    /// Reads the log (after `resume`'s point, or all of it), folds records up to `upToSeq` on top of the replayed
    /// stored inputs, and with `writeBack` writes the state at the head when the log has records after the stored
    /// one (streamed: the stored body copied, then the new records' inputs). With `keepInputs` (from record 1
    /// only) the inputs are also kept and returned as a state (for `checkAndRebuild`).
    static func readCollecting(_ directory: LedgerDirectory, upToSeq: Int64?, resume: FundState.Stored?,
                               writeBack: Bool, keepInputs: Bool = false) throws(CollectingError) -> (read: StateRead, state: FundState?) {
        precondition(!keepInputs || resume == nil, "inputs are kept from record 1")
        var fold = FundFold()
        let limit = upToSeq ?? Int64.max
        if let resume {
            let through = resume.point.seq
            fold.reserve(records: Int(min(through, limit)))
            do throws(ChainError) {
                try resume.forEachInput { seq, day, id, typeName, data in
                    guard seq <= through, seq <= limit else { return }
                    if let data {
                        fold.apply(seq: seq, id: id, occurredOn: CalendarDate(dayNumber: day), typeName: typeName, data: data)
                    } else {
                        fold.skip(seq: seq, id: id)
                    }
                }
            } catch { throw .stateDamaged(error.derivedStateProblem) }
        }
        var inputs: [FundInput] = []
        var genesis = resume?.header.genesis
        var head = resume?.header.stamp
        let start = resume?.point.seq ?? 0
        // The state written back, made when the first record after the stored ones comes (a query that finds
        // nothing new writes nothing).
        var builder: FundState.Builder? = nil
        var builderFailed = false
        let summary: ScanSummary
        do {
            summary = try LogScanner.committedBatches(directory, from: resume?.point, prepare: { line -> FundInput? in
                let seq = line.location.seq
                if seq == 1 {
                    genesis = StateStamp(line)
                }
                if writeBack, !builderFailed {
                    if builder == nil {
                        var made = FundState.Builder(directory)
                        if let resume, !made.prefill(from: resume) { made.discard(); builderFailed = true } else { builder = made }
                    }
                    builder?.stage(line)
                }
                if seq == line.batchLast {
                    head = StateStamp(line)
                    builder?.commit()
                }
                // Every record is kept: a skipped one by its id only (a correction may name it).
                return FundInput(line)
            }, batch: { items in
                for input in items {
                    if keepInputs { inputs.append(input) }
                    if input.seq <= limit { fold.apply(input) }
                }
            })
        } catch .resumeBeforeAcknowledged {
            builder?.discard()
            throw .resumeBeforeAcknowledged
        } catch {
            builder?.discard()
            throw .chain(error)
        }
        var state: FundState? = nil
        let complete = summary.recordCount > 0 && head?.seq == summary.recordCount && genesis != nil
        if keepInputs, complete, let genesis, let head {
            state = FundState(ledgerName: directory.name, genesis: genesis, stamp: head, inputs: inputs)
        }
        if let builder {
            if complete, summary.recordCount > start, let genesis, let head {
                _ = builder.finish(genesis: genesis, head: head)
            } else {
                builder.discard()
            }
        }
        // Corrections applied, the event ids let go (nothing is folded after).
        fold.finish()
        let atHead = head?.seq == summary.recordCount
        return (StateRead(fold: fold, totalRecordCount: summary.recordCount, notice: nil, recordsRead: summary.recordCount - start,
                          usedState: resume != nil, genesis: atHead ? genesis : nil, head: atHead ? head : nil), state)
    }
}

extension FundState {
    /// Checks the stored state against a fold of the whole log (read and verified from the first record: nothing of
    /// the state is trusted), then writes the state rebuilt from the log. Log damage is thrown as `ChainError`, as
    /// by every reader; index damage is the returned `DerivedStateCheck`.
    public static func checkAndRebuild(_ directory: LedgerDirectory) throws(ChainError) -> (check: DerivedStateCheck, rebuiltAt: Int64?) {
        // Read before the log is (what was stored), judged after it.
        let stored = StoredRead { () throws(ChainError) in try load(directory) }
        let fresh: FundState?
        do {
            fresh = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
        } catch .chain(let failure) {
            throw failure
        } catch {
            preconditionFailure("a read from record 1 resumes from no state")
        }
        let check = stored.check { found in
            let state = found.state
            if let fresh, state.genesis == fresh.genesis, state.stamp.seq <= fresh.stamp.seq,
               state.inputs == fresh.inputs.prefix(while: { $0.seq <= state.stamp.seq }) {
                return .intact(seq: state.stamp.seq)
            }
            return .damaged(.mismatch(.differsFromLog(.record)))
        }
        guard let fresh else {
            if case .absent = stored {} else { try? PosixFile.remove(path(directory)) }
            return (check, nil)
        }
        return (check, fresh.write(directory) ? fresh.stamp.seq : nil)
    }
}

extension FundState {
    /// The state built from the shared pass over the log (`IndexRebuild`): each line's input is encoded straight from
    /// its bytes into the body (no `FundInput`, no strings), the body streamed to a temporary file in `index/`, so
    /// memory is one buffer whatever the log's size. The file is byte for byte `encoded()` of the same records.
    struct Builder {
        private let out: StreamedStateFile?
        /// Inputs of committed batches not yet written, then those of the batch being read.
        private var body = ByteWriter(capacity: Self.flushBytes + 65_536)
        private var committedBytes = 0
        static let flushBytes = 1 << 20

        init(_ directory: LedgerDirectory) {
            out = StreamedStateFile(path: FundState.path(directory), kind: FundState.kind, version: FundState.version,
                                    ledgerName: directory.name)
        }

        /// One verified line's input, as `FundInput(line)` would give it; kept until its batch is committed.
        mutating func stage(_ line: VerifiedLine) { stage(line, type: FundFold.knownType(line.typeBytes)) }

        /// `stage(_:)` of a line whose type (`FundFold.knownType(line.typeBytes)`) is known already.
        mutating func stage(_ line: VerifiedLine, type: EventType?) {
            let skipped = type.map { !FundFold.reads($0) } ?? false
            let data: ArraySlice<UInt8>? = skipped ? nil : line.dataBytes
            FundState.encode(seq: line.location.seq, day: line.occurredOn.dayNumber, id: line.idBytes, type: line.typeBytes,
                             data: data, into: &body)
        }

        /// The staged inputs belong to a committed batch.
        mutating func commit() {
            committedBytes = body.bytes.count
            guard committedBytes >= Self.flushBytes else { return }
            out?.write(body.bytes)
            body.removeAll()
            committedBytes = 0
        }

        /// Starts the body with a stored state's (which the records staged next continue); false when it cannot be
        /// read or written whole.
        mutating func prefill(from stored: FundState.Stored) -> Bool {
            guard let out else { return false }
            return stored.copyBody(into: out)
        }

        /// Writes the committed inputs' file stamped at `head`; false when it could not be written.
        func finish(genesis: StateStamp, head: StateStamp) -> Bool {
            guard let out else { return false }
            out.write(Array(body.bytes[0..<committedBytes]))
            return out.finish(genesis: genesis, stamp: head)
        }

        func discard() { out?.discard() }
    }
}
