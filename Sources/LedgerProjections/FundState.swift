import LedgerChain
import LedgerEvents
import LedgerPlatform

extension FundFold {
    /// Decodes and applies (or skips) one input exactly as `read` does for the record it came from.
    public mutating func apply(_ input: FundInput) {
        guard let data = input.data else { return skip(seq: input.seq, id: input.id) }
        apply(seq: input.seq, id: input.id, occurredOn: input.occurredOn, typeName: input.typeName, data: data[...])
    }

    /// `apply(_:)` of an input read from the stored bytes, without making a `FundInput` (the data stays a slice of
    /// the read buffer unless the payload cannot be decoded).
    /// A money movement is read into its row from its bytes when `PayloadRefs.fixedMovement` vouches for it, as `read`
    /// does.
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
    /// (3: the shared header of section 15.1; 4: no leading count, so that a rebuild streams the body to disk;
    /// 5: one tag byte per record, no seq, and of a skipped record only its id: 38 % fewer bytes to write, hash
    /// and read back, most of the cost of a first `balances` after `rm -rf index/` that is not the log's own.)
    public static let version: UInt32 = 5

    /// Each record's first byte in the body (ledger-spec.md 15.2): `skippedTag` for a record of a known type the
    /// fold skips (its id follows), 1…7 for the types the fold reads (`taggedTypes`, in this order: the numbers are
    /// the file's, not `EventType`'s), `namedTag` for a type this version does not know (its name follows).
    static let taggedTypes: [EventType] = [.communityRegistered, .fundOpened, .fundIncome, .fundSpending, .fundTransfer,
                                           .fundBalanceAsserted, .correction]
    static let skippedTag: UInt8 = 0
    static let namedTag: UInt8 = 8

    /// The tag of a record of `type` (nil: a type this version does not know); `FundFold.reads(type)` exactly when
    /// it is neither `skippedTag` nor `namedTag` (a test holds them to each other).
    @inline(__always) static func tag(_ type: EventType?) -> UInt8 {
        guard let type else { return namedTag }
        switch type {
        case .communityRegistered: return 1
        case .fundOpened: return 2
        case .fundIncome: return 3
        case .fundSpending: return 4
        case .fundTransfer: return 5
        case .fundBalanceAsserted: return 6
        case .correction: return 7
        default: return skippedTag
        }
    }

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
        var body: [UInt8] = []
        for input in inputs {
            let id = Array(input.id.utf8)[...]
            let type = Array(input.typeName.utf8)[...]
            let tag = input.data == nil ? Self.skippedTag : Self.tag(EventType(rawValue: input.typeName))
            Self.encode(tag: tag, id: id, day: input.occurredOn.dayNumber, type: type, data: input.data?[...] ?? [], into: &body)
        }
        return DerivedStateFile(kind: Self.kind, version: Self.version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                body: body).encoded()
    }

    /// Reads a state file's bytes; any damage (truncation, a flipped bit, trailing bytes) or another version is a
    /// `Problem`, never a crash.
    public static func decode(_ bytes: [UInt8]) throws(ChainError) -> FundState {
        try decode(DerivedStateFile.decode(bytes, kind: kind, version: version))
    }

    static func decode(_ file: DerivedStateFile) throws(ChainError) -> FundState {
        let stamp = file.header.stamp
        var inputs: [FundInput] = []
        inputs.reserveCapacity(Int(min(stamp.seq, Int64(file.body.count / 8))))
        var reader = InputReader(file.body[...])
        while !reader.isAtEnd {
            guard Int64(inputs.count) < stamp.seq, let parsed = reader.next(),
                  let id = String(validating: parsed.id, as: UTF8.self) else {
                throw .damaged(.unreadable(.nth(.input, inputs.count + 1)))
            }
            let seq = Int64(inputs.count + 1)
            inputs.append(FundInput(seq: seq, id: id, occurredOn: CalendarDate(dayNumber: parsed.day),
                                    typeName: parsed.typeName ?? "", data: parsed.data.map { Array($0) }))
        }
        guard Int64(inputs.count) == stamp.seq else { throw .damaged(.unreadable(.inputsToStamp)) }
        return FundState(ledgerName: file.header.ledgerName, genesis: file.header.genesis, stamp: stamp, inputs: inputs)
    }

    /// One input's bytes in the body (the same for a state encoded whole and one streamed by a rebuild): the tag;
    /// u8 the id's length (ids are 1…128 bytes: `Limits.idBytesMax`, which the log's scan enforces) and the id; and
    /// unless the record is skipped, i32 its business date (days since 1970-01-01), for `namedTag` u32 the type
    /// name's length and the name, then u32 the `data` object's length and its bytes (a record line is at most
    /// `Limits.recordBytesMax` bytes).
    @inline(__always)
    static func encode(tag: UInt8, id: ArraySlice<UInt8>, day: Int, type: ArraySlice<UInt8>, data: ArraySlice<UInt8>,
                       into body: inout [UInt8]) {
        body.append(tag)
        body.append(UInt8(truncatingIfNeeded: id.count))
        body.append(contentsOf: id)
        guard tag != skippedTag else { return }
        Bytes.appendLittleEndian(Int32(truncatingIfNeeded: day), to: &body)
        if tag == namedTag {
            Bytes.appendLittleEndian(UInt32(truncatingIfNeeded: type.count), to: &body)
            body.append(contentsOf: type)
        }
        Bytes.appendLittleEndian(UInt32(truncatingIfNeeded: data.count), to: &body)
        body.append(contentsOf: data)
    }

    /// Reads the inputs of a body (or of a part of it: `next` gives nil, without moving, when the bytes end inside
    /// an input, or when an input is malformed: `malformed` then says which).
    struct InputReader {
        let bytes: ArraySlice<UInt8>
        var offset: Int
        /// Set when `next` met bytes that are no input (else it ran out of bytes).
        private(set) var malformed = false

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; offset = bytes.startIndex }

        var isAtEnd: Bool { offset == bytes.endIndex }

        /// One input, as slices of `bytes`: `typeName` nil and `data` nil for a skipped record; `typeName` the
        /// tagged type's name or the stored one.
        mutating func next() -> (id: ArraySlice<UInt8>, day: Int, typeName: String?, data: ArraySlice<UInt8>?)? {
            let start = offset
            let end = bytes.endIndex
            func fail(_ bad: Bool) -> (id: ArraySlice<UInt8>, day: Int, typeName: String?, data: ArraySlice<UInt8>?)? {
                offset = start
                malformed = bad
                return nil
            }
            func u32(_ at: Int) -> UInt32 {
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            }
            guard end - offset >= 2 else { return fail(false) }
            let tag = bytes[offset]
            let idCount = Int(bytes[offset + 1])
            guard tag <= FundState.namedTag, idCount >= 1, idCount <= Limits.idBytesMax else { return fail(true) }
            offset += 2
            guard end - offset >= idCount else { return fail(false) }
            let id = bytes[offset..<(offset + idCount)]
            offset += idCount
            guard tag != FundState.skippedTag else { return (id, 0, nil, nil) }
            guard end - offset >= 4 else { return fail(false) }
            let day = Int(Int32(bitPattern: u32(offset)))
            offset += 4
            guard (-10_000_000...10_000_000).contains(day) else { return fail(true) }
            let typeName: String
            if tag == FundState.namedTag {
                guard end - offset >= 4 else { return fail(false) }
                let count = Int(u32(offset))
                guard count >= 1, count <= Limits.recordBytesMax else { return fail(true) }
                offset += 4
                guard end - offset >= count else { return fail(false) }
                let name = bytes[offset..<(offset + count)]
                offset += count
                // A known type has its own tag (or none, skipped): a name is only ever one this version does not know.
                guard FundFold.knownType(name) == nil, let text = String(validating: name, as: UTF8.self) else { return fail(true) }
                typeName = text
            } else {
                typeName = FundState.taggedTypes[Int(tag) - 1].rawValue
            }
            guard end - offset >= 4 else { return fail(false) }
            let count = Int(u32(offset))
            guard count <= Limits.recordBytesMax else { return fail(true) }
            offset += 4
            guard end - offset >= count else { return fail(false) }
            let data = bytes[offset..<(offset + count)]
            offset += count
            return (id, day, typeName, data)
        }
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
        do { try PosixFile.writeAtomically(encoded(), to: Self.path(directory), existing: .replaceEntry) } catch { return false }
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
        private var body: [UInt8] = []
        private var committedBytes = 0
        static let flushBytes = 1 << 20

        init(_ directory: LedgerDirectory) {
            out = StreamedStateFile(path: FundState.path(directory), kind: FundState.kind, version: FundState.version,
                                    ledgerName: directory.name)
            body.reserveCapacity(Self.flushBytes + 65_536)
        }

        /// One verified line's input, as `FundInput(line)` would give it; kept until its batch is committed.
        mutating func stage(_ line: VerifiedLine) { stage(line, type: FundFold.knownType(line.typeBytes)) }

        /// `stage(_:)` of a line whose type (`FundFold.knownType(line.typeBytes)`) is known already.
        mutating func stage(_ line: VerifiedLine, type: EventType?) {
            let tag = FundState.tag(type)
            if tag == FundState.skippedTag {
                // Most records (two thirds of the synthetic city's): the tag, the id's length and the id.
                let id = line.idBytes
                body.append(tag)
                body.append(UInt8(truncatingIfNeeded: id.count))
                body.append(contentsOf: id)
                return
            }
            FundState.encode(tag: tag, id: line.idBytes, day: line.occurredOn.dayNumber, type: line.typeBytes, data: line.dataBytes,
                             into: &body)
        }

        /// The staged inputs belong to a committed batch.
        mutating func commit() {
            committedBytes = body.count
            guard committedBytes >= Self.flushBytes else { return }
            out?.write(body)
            body.removeAll(keepingCapacity: true)
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
            out.write(Array(body[0..<committedBytes]))
            return out.finish(genesis: genesis, stamp: head)
        }

        func discard() { out?.discard() }
    }
}
