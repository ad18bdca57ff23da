import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// `index/rectify.state` (ledger-spec.md section 15.8): the whole city's rectification findings as of one check date
/// under one policy, stored per community group (a block of `index/scopes`), so that `rectify --street S`,
/// `--community C` and the whole city's list read stored findings instead of folding the city. Derived and optional:
/// it is written by the whole-city pass (`ledger rectify` part by part), used only stamped at the log's head, for its
/// date and policy; anything else rebuilds it or reads the log.
public enum RectifyState {
    public static let fileName = "rectify.state"
    public static let kind = "LEDGER-RECTIFY-STATE"
    /// Also bumped when what a rule finds changes, so that a file made by an older program is made again (its
    /// findings would be the old rules'): 4 links acts to a decision taken after them and counts a use's end day in
    /// the rent owed after a contract ended; 5 reads a contract's termination day as its first day out of force
    /// (CON-06 from that day, not OCC-02), explains an inspection on a day in use, reports a use under its own ended
    /// contract once, checks the matter of a contract's or business use's decision, exempts acts that need no
    /// decision whatever they cite, says which measure of a failed vote fell short, counts no day occupied or booked
    /// as idle and compares in LOW-02 only parts under contract on every day of the window; 6 keeps an anomaly for a
    /// use, occupation, contract or inspection naming an asset not registered at its place in the fold order (it was
    /// left unlinked without a word); 7 checks retired parts under OCC-01 and OCC-02 and measures OCC-04 against the
    /// lawful use (ends it on restoration or a return to an earlier lawful value; one column per meaning, 用途/use,
    /// 规划用途/planned_use, 现用途/current_use; a first current use against the planned use), reads a warranty kept under 保修期至 and flags spending on a part its
    /// decision does not name (FUND-04); a contract signed after its decision lapsed has a fact of its own
    /// (`decision_expired_at_signing`); 8 names every part a FUND-04 spending's decision does not name in one fact
    /// (`spending_outside_decision` with `asset_ids`, a list value) instead of one fact a part; 9 flags a part
    /// registered with a current use other than its planned use and no decision covering it (OCC-04 from the
    /// register date, fact `use_differs_at_registration`) and keeps, among the records that could not be applied, a
    /// note for each part whose warranty FUND-05 could not read (`WarrantyNote`); 10 compares OCC-04's use values as
    /// a reader does (`UseText`: 车库 and 车库　, Ｂ1 and B1, 、 and ，, with or without a zero-width space, are one use);
    /// 11 (session 35, two changes under one number) ends a FUND-05 finding whose money refunds into the fund
    /// recovered (`recovered`, facts `money_recovered` and `money_partly_recovered`) and counts FUND-08's next due
    /// date from a month's last day to the last day of the month it falls in (09-30 + 3 months is due by 12-31, not
    /// 12-30); marks CON-04/CON-05 ended when the contract was terminated within the cap (`contract_term_actual`),
    /// advises on an ended contract under CON-01/02/04/05 (`ratify_ended_contract`, `contract_ended_within_cap`,
    /// `contract_ended_past_cap`), states CON-07's part-period rent in days (`days`), and says that a cited decision
    /// dated after the check date was not yet taken (`decision_not_yet_taken`); 12 (session 36) keeps with an issued
    /// list's event the item of each key it issues (`LoopEvent.labels`, so the 整改台账 names a vanished key's item),
    /// marks CON-04/CON-05 ended on a contract that ran past the cap once it is out of force
    /// (`contract_term_actual_past_cap`), states a transfer into another community's fund as such
    /// (`transfer_other_community`) and cites FUND-05's refunds by their numbers in the log (`record_nos`); 13
    /// (session 37) states with LOW-02's `income_per_area` the last day of the contract the part is let under on the
    /// check date (`contract_last_day`, its deadline when issued) and names the act a later decision can only ratify (`decision_after_act`'s `act`) and the window of
    /// the rent a part received (`income_shortfall_explained`'s `window_days`); 14 (session 38, two changes under one
    /// number) adds CON-08 (one part let under overlapping contracts: a new rule code, fact `contracts_overlap` and two
    /// actions) and counts a FUND-08 gap's transfers apart from its income and spending (`transfers_in`, `transfers_out`);
    /// 15 (session 40) dates FUND-06's current stretch when a fund was made good and overdrawn again
    /// (`stretch_since`, a date value, with the first records of that stretch among the finding's records); 16
    /// (session 41) marks FUND-10's diversion of the maintenance fund recovered when transfers back from the fund it
    /// went to cover it (`recovered`, facts `money_moved_back`, `money_partly_moved_back`, action
    /// `diversion_returned`) and CON-03 ended on a contract out of force (`contract_ended`, action
    /// `payee_unsettled_ended_contract`), and dates
    /// CON-07 arrears paid down but never cleared from the day they began (`stretch_since` on `rent_arrears` and
    /// `rent_arrears_once`), so that a closure while they ran reads 销号时问题仍在, not 反弹; 17 (session 42, two
    /// changes under one number) keys the findings about a corrected movement or inspection by the original record's
    /// id (`FundMovement.recordID`), marks public income sent to another community's fund recovered when it is sent
    /// back (`money_moved_back`), counts a transfer from the community's public-income fund as the return of a
    /// diversion into it only when it moves back the diversion's amount, and counts a term's instalments as the
    /// periods that begin within it (CON-07: a quarter from 30 November to 28 February is one instalment, not two;
    /// ledger-spec.md 11, "Contracts and rent"); 18 (session 43) finds FUND-11 (a maintenance fund not reconciled with
    /// the bank for over 12 months), gives FUND-08 a policy note (`interval`, `yearly_interval`), counts against a
    /// decision's cap only what it can authorise (FUND-04), and reports a contract's decision that does not cover its
    /// parts or had lapsed at its signing as CON-01 instead of CON-02; 19 (session 44) does not find LOW-01 on a part
    /// whose low use is an idle stretch a use or letting going on since has ended, and says of a contract citing no
    /// decision that a decision of its community names it (`decision_not_cited`, action `cite_decision`); 20 (session
    /// 45) finds FUND-05 for a maintenance-fund spending on the committee's running costs or cleaning
    /// (`outside_fund_scope`), counts CON-07's arrears from the day after the grace's last day (one day later than
    /// before), and states with CON-07 and IDLE-01 the first day an earlier stretch of the problem was found
    /// (`first_since`), so that a contract's start or a use's dates corrected past a list's check date read as a moved
    /// fact, not 反弹; 21 (session 46) counts in LOW-02's peers a part used on an ended contract's terms, does not
    /// count as idle (IDLE-01) the day an inspection saw the part occupied, dates CON-07 the day its arrears began,
    /// and gives FUND-05's `outside_fund_scope` its own actions; 22 (session 47) keeps CON-02 (ratified) on a contract
    /// signed on a failed vote whose record a correction made cite a later vote (it was CON-01), finds CON-01 on a
    /// contract citing a decision that names another contract (`decision_for_other_contract`), and leaves roofs out
    /// of the default idle kinds; 23 (session 48, review 47d) finds OCC-02 on a use citing a decision that names a
    /// contract the ledger holds (`decision_for_contract_only`: it approved that contract, not the use), keeps FUND-03
    /// (ratified) on a spending or transfer made on a failed vote whose record a correction made cite a later vote
    /// (it was FUND-01 or FUND-10), and cites in CON-02's and FUND-03's evidence the record first made, not the
    /// correction: findings and the evidence column of lists made by 22 would differ from this release's; 24
    /// (session 49, review 48 #2, #3) judges an act whose record a correction made cite a decision not yet taken on
    /// the check date as the version before that correction (CON-01/FUND-01/FUND-10 `no_decision` where 23 said
    /// `decision_not_yet_taken`, a passing vote finding nothing), citing that version's record, and cites beside the
    /// correction in effect the version it replaced (a failed vote cited by a middle correction: that correction, not
    /// the record first made); 25 (session 49, review 49 #1) cites beside that earlier version the record in effect
    /// when a correction after it changed anything besides the citation (an amount, a rent: the finding states the
    /// record in effect's terms).
    public static let version: UInt32 = 25
    /// `index/rectify.patch` (15.8, "Refolding"): the units and global part that changed since the file was made,
    /// stamped at the head they bring it to.
    public static let patchFileName = "rectify.patch"
    public static let patchKind = "LEDGER-RECTIFY-PATCH"
    public static let patchVersion: UInt32 = 1
    /// A patch larger than this is not written (the whole city's state is made again instead).
    public static let patchBytesMax = 256 << 20

    public static func patchPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + patchFileName }

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// The one line on stderr when the file was unusable and is made again from the log.
    public static func notice(_ problem: ChainError.DerivedStateProblem, _ directory: LedgerDirectory) -> String {
        SystemWords.rebuilt(fileName, in: directory, problem)
    }

    /// A community as the list names it.
    public typealias Community = (id: String, name: String, street: String)
    /// A record that could not be applied (the warning on stderr names it).
    public typealias AnomalyLine = (seq: Int64, eventID: String, reason: String)

    /// One community group's share of the list.
    public struct Unit {
        /// Its communities as of the check date (id, name, street).
        public var communities: [Community]
        /// The findings about its communities (all classes, the whole city as scope), unsorted.
        public var findings: [Finding]
        /// The background records its findings cite (the only ones `Rectification` asks about).
        public var background: Set<Int64>
        /// Its records that could not be applied.
        public var anomalies: [AnomalyLine]
        /// The committed persons its records' facts name (as of the date): a list warns about those missing from
        /// `private/`, as the log's answer does about the persons of the facts it folds.
        public var persons: Set<PersonalCommitment>

        public init(communities: [Community], findings: [Finding], background: Set<Int64>, anomalies: [AnomalyLine],
                    persons: Set<PersonalCommitment> = []) {
            self.communities = communities
            self.findings = findings
            self.background = background
            self.anomalies = anomalies
            self.persons = persons
        }
    }

    /// What the first pass of a list made a community at a time needs of a stored finding, read without making it:
    /// its rule, community, key (before a list makes keys distinct), whether it is open, and the seqs of the records
    /// it rests on (its evidence and its resolution's).
    public struct Outline {
        public let rule: RuleCode
        public let communityID: String
        /// A hash of `key` in Unicode NFC (`keyHash(of:)`), made from the stored bytes without making the key when
        /// they are ASCII (their own NFC): canonically equivalent keys, which `String ==` takes for one, have one
        /// hash. The first pass compares keys by it (two keys of one hash are taken as one, which can only make the
        /// list whole) and makes the key itself only for a hash an issued key has.
        public let keyHash: UInt64
        public let isOpen: Bool
        /// The records the finding cites (its evidence, which includes its resolution's).
        public let seqs: [Int64]
        let itemID: String
        let subjectIDs: [String]
        let since: CalendarDate

        /// Its key (before a list makes keys distinct), as `Finding.key`.
        public var key: String { FindingKey.make(rule: rule, itemID: itemID, subjectIDs: subjectIDs, since: since) }

        init(rule: RuleCode, communityID: String, keyHash: UInt64, isOpen: Bool, seqs: [Int64], itemID: String, subjectIDs: [String],
             since: CalendarDate) {
            self.rule = rule
            self.communityID = communityID
            self.keyHash = keyHash
            self.isOpen = isOpen
            self.seqs = seqs
            self.itemID = itemID
            self.subjectIDs = subjectIDs
            self.since = since
        }

        /// The hash `keyHash` holds for a key given as text (FNV-1a of its UTF-8 in NFC).
        public static func keyHash(of key: String) -> UInt64 {
            var h = KeyHasher()
            if key.utf8.allSatisfy({ $0 < 0x80 }) { h.add(key.utf8) } else { h.add(key._nfcCodeUnits) }
            return h.value
        }
    }

    /// FNV-1a, 64 bits, fed piece by piece: the bytes of a finding's key as `FindingKey.make` joins them.
    struct KeyHasher {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }

        mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 { for b in bytes { add(byte: b) } }

        /// `date.description`'s bytes (YYYY-MM-DD, the year as `String(year)`).
        mutating func add(date: CalendarDate) {
            let year = date.year
            if year >= 1000 && year <= 9999 {
                add(byte: UInt8(48 + year / 1000)); add(byte: UInt8(48 + year / 100 % 10))
                add(byte: UInt8(48 + year / 10 % 10)); add(byte: UInt8(48 + year % 10))
            } else {
                add(String(year).utf8)
            }
            add(byte: 0x2D)
            add(byte: UInt8(48 + date.month / 10)); add(byte: UInt8(48 + date.month % 10))
            add(byte: 0x2D)
            add(byte: UInt8(48 + date.day / 10)); add(byte: UInt8(48 + date.day % 10))
        }
    }

    /// What every list reads, whatever its scope: the loop's events and the erasures of the whole log, and the
    /// anomalies of records of no community.
    public struct Global {
        public var loop: [LoopEvent]
        public var erased: [PersonalCommitment]
        public var anomalies: [AnomalyLine]
        /// The committed persons named by the facts of records of no unit (the global block's, and those of groups
        /// that hold no community as of the date).
        public var persons: Set<PersonalCommitment>
        /// Each unit's LOW-02 values (street and kind → the entitled income per m² of each part compared), in unit
        /// order: the street medians are these put together, so a unit refolded alone can be checked against them.
        public var unitValues: [[String: [Ratio]]]

        public init(loop: [LoopEvent], erased: [PersonalCommitment], anomalies: [AnomalyLine], persons: Set<PersonalCommitment> = [],
                    unitValues: [[String: [Ratio]]] = []) {
            self.loop = loop
            self.erased = erased
            self.anomalies = anomalies
            self.persons = persons
            self.unitValues = unitValues
        }

        /// Every unit's values put together (what `Rectifier.finish` takes as the streets' values).
        public var streetValues: [String: [Ratio]] {
            var out: [String: [Ratio]] = [:]
            for unit in unitValues { for (key, list) in unit { out[key, default: []] += list } }
            return out
        }
    }

    // MARK: writing

    /// Collects the units as the whole-city pass makes them (each encoded at once, so the findings need not be held
    /// twice) and writes the file.
    public struct Builder {
        var blobs: [UInt8] = []
        /// The units' bytes so far (in `blobs`, or in `scratch`).
        var blobsCount = 0
        /// Where the units' bytes are kept when not in memory (an unlinked temporary file: a whole city's units are
        /// 1.2 GB at ten million records, which the first list of a day held beside everything else).
        let scratch: PosixFile?
        /// A unit could not be written to `scratch`: the file is not written.
        public private(set) var failed = false
        var rows: [(offset: Int, length: Int, sum: Digest32, communities: [Community])] = []

        public init() { scratch = nil }

        /// A builder keeping the units' bytes in `scratch` (open for reading and writing, empty) until `write`.
        public init(scratch: PosixFile) { self.scratch = scratch }

        public mutating func add(_ unit: Unit) {
            var w = ByteWriter()
            RectifyState.encode(unit, &w)
            add(bytes: w.bytes, communities: unit.communities)
        }

        /// A unit already encoded (`encode(_:_:)`'s bytes) with its communities.
        public mutating func add(bytes: [UInt8], communities: [Community]) {
            rows.append((blobsCount, bytes.count, SHA256.digest(bytes), communities))
            if let scratch {
                do { try scratch.write(bytes, at: Int64(blobsCount)) } catch { failed = true }
            } else {
                blobs += bytes
            }
            blobsCount += bytes.count
        }

        /// The file's pieces: header, body (table's length, table, its checksum, the blobs, the global part), the
        /// body's checksum — handed out in turn, so the units' blobs (1.5 GB at ten million records) are never
        /// copied into one body and again into one file (the first list's peak held them three times); from
        /// `scratch` they are read back 8 MiB at a time.
        func pieces(ledgerName: String, genesis: StateStamp, stamp: StateStamp, asOf: CalendarDate, policy: Policy,
                    global: Global, _ write: ([UInt8]) throws(FileError) -> Void) throws(FileError) {
            var g = ByteWriter()
            RectifyState.encode(global, &g)
            let globalSum = SHA256.digest(g.bytes)
            // The table's size is needed for the offsets: the blobs follow it, so offsets are from the blobs' start.
            var t = ByteWriter()
            t.i64(Int64(asOf.dayNumber))
            RectifyStateCodec.string(policy.canonicalJSON, &t)
            t.u64(UInt64(rows.count))
            for row in rows {
                t.u64(UInt64(row.offset)); t.u64(UInt64(row.length)); t.raw(row.sum.bytes)
                t.u64(UInt64(row.communities.count))
                for c in row.communities {
                    RectifyStateCodec.string(c.id, &t); RectifyStateCodec.string(c.name, &t); RectifyStateCodec.string(c.street, &t)
                }
            }
            t.u64(UInt64(blobsCount)); t.u64(UInt64(g.bytes.count)); t.raw(globalSum.bytes)
            var head = ByteWriter(capacity: 8 + t.bytes.count + 32)
            head.u64(UInt64(t.bytes.count))
            head.raw(t.bytes)
            head.raw(SHA256.digest(t.bytes).bytes)
            let bodyBytes = head.bytes.count + blobsCount + g.bytes.count
            let header = DerivedStateHeader(kind: kind, version: version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                            bodyBytes: UInt64(bodyBytes))
            let hasher = SHA256()
            hasher.update(head.bytes)
            try write(header.encoded())
            try write(head.bytes)
            if let scratch {
                var chunk: [UInt8] = []
                var offset = 0
                while offset < blobsCount {
                    let n = min(8 << 20, blobsCount - offset)
                    try scratch.read(at: Int64(offset), count: n, into: &chunk)
                    guard chunk.count == n else { throw FileError(path: "rectify.state", operation: "read", code: 5, detail: "short read of its scratch file") }
                    hasher.update(chunk)
                    try write(chunk)
                    offset += n
                }
            } else {
                hasher.update(blobs)
                try write(blobs)
            }
            hasher.update(g.bytes)
            try write(g.bytes)
            try write(hasher.finish().bytes)
        }

        /// The file's bytes, whole (tests).
        public func encoded(ledgerName: String, genesis: StateStamp, stamp: StateStamp, asOf: CalendarDate, policy: Policy,
                            global: Global) -> [UInt8] {
            var out: [UInt8] = []
            try? pieces(ledgerName: ledgerName, genesis: genesis, stamp: stamp, asOf: asOf, policy: policy, global: global) { out += $0 }
            return out
        }

        /// Writes the file atomically (temporary file, fsync, rename, fsync of `index/`); false when it cannot.
        @discardableResult
        public func write(_ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp, asOf: CalendarDate, policy: Policy,
                          global: Global) -> Bool {
            if failed { return false }
            let written = RectifyState.writeAtomically(path(directory), directory) { (write: ([UInt8]) throws(FileError) -> Void) throws(FileError) in
                try pieces(ledgerName: directory.name, genesis: genesis, stamp: stamp, asOf: asOf, policy: policy, global: global, write)
            }
            guard written else { return false }
            // A patch of the file replaced names the old file: it would be ignored, but is removed.
            try? PosixFile.remove(patchPath(directory))
            return true
        }
    }

    static func encode(_ unit: Unit, _ w: inout ByteWriter) {
        w.u64(UInt64(unit.findings.count))
        for f in unit.findings { RectifyStateCodec.finding(f, &w) }
        w.u64(UInt64(unit.background.count))
        for s in unit.background.sorted() { w.i64(s) }
        anomalies(unit.anomalies, &w)
        persons(unit.persons, &w)
    }

    /// A unit from the bytes `encode(_:_:)` wrote; nil on bytes it did not write.
    static func decodeUnit(_ bytes: [UInt8], communities: [Community], check: Bool = true) -> Unit? {
        var r = ByteReader(bytes)
        guard let n = RectifyStateCodec.count(&r) else { return nil }
        var findings: [Finding] = []
        findings.reserveCapacity(n)
        for _ in 0..<n { guard let f = RectifyStateCodec.finding(&r, check: check) else { return nil }; findings.append(f) }
        guard let b = RectifyStateCodec.count(&r) else { return nil }
        var background = Set<Int64>()
        for _ in 0..<b { guard let s = r.i64() else { return nil }; background.insert(s) }
        guard let anomalies = RectifyState.anomalies(&r), let persons = RectifyState.persons(&r), r.isAtEnd else { return nil }
        return Unit(communities: communities, findings: findings, background: background, anomalies: anomalies, persons: persons)
    }

    static func persons(_ set: Set<PersonalCommitment>, _ w: inout ByteWriter) {
        let sorted = set.map(\.digest.bytes).sorted { $0.lexicographicallyPrecedes($1) }
        w.u64(UInt64(sorted.count))
        for bytes in sorted { w.raw(bytes) }
    }

    static func persons(_ r: inout ByteReader) -> Set<PersonalCommitment>? {
        guard let n = RectifyStateCodec.count(&r) else { return nil }
        var out = Set<PersonalCommitment>()
        for _ in 0..<n {
            guard let bytes = r.fixed(32), let d = Digest32(bytes: bytes[...]) else { return nil }
            out.insert(PersonalCommitment(d))
        }
        return out
    }

    static func encode(_ global: Global, _ w: inout ByteWriter) {
        w.u64(UInt64(global.loop.count))
        for e in global.loop { RectifyStateCodec.loopEvent(e, &w) }
        w.u64(UInt64(global.erased.count))
        for c in global.erased { w.raw(c.digest.bytes) }
        anomalies(global.anomalies, &w)
        persons(global.persons, &w)
        w.u64(UInt64(global.unitValues.count))
        for unit in global.unitValues { values(unit, &w) }
    }

    /// One unit's LOW-02 values, canonical: keys by their bytes, each key's values ascending.
    public static func values(_ values: [String: [Ratio]], _ w: inout ByteWriter) {
        let keys = values.keys.filter { !(values[$0]!.isEmpty) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        w.u64(UInt64(keys.count))
        for key in keys {
            RectifyStateCodec.string(key, &w)
            let list = values[key]!.sorted()
            w.u64(UInt64(list.count))
            for r in list { RectifyStateCodec.i128(r.numerator, &w); RectifyStateCodec.i128(r.denominator, &w) }
        }
    }

    static func values(_ r: inout ByteReader) -> [String: [Ratio]]? {
        guard let n = RectifyStateCodec.count(&r) else { return nil }
        var out: [String: [Ratio]] = [:]
        for _ in 0..<n {
            guard let key = RectifyStateCodec.string(&r), out[key] == nil, let m = RectifyStateCodec.count(&r), m > 0 else { return nil }
            var list: [Ratio] = []
            list.reserveCapacity(m)
            for _ in 0..<m { guard let v = RectifyStateCodec.ratio(&r) else { return nil }; list.append(v) }
            out[key] = list
        }
        return out
    }

    /// Two units' values are the same multisets (the medians they give are then the same).
    public static func sameValues(_ a: [String: [Ratio]], _ b: [String: [Ratio]]) -> Bool {
        let ka = Set(a.keys.filter { !a[$0]!.isEmpty }), kb = Set(b.keys.filter { !b[$0]!.isEmpty })
        guard ka == kb else { return false }
        for k in ka where a[k]!.sorted() != b[k]!.sorted() { return false }
        return true
    }

    /// The anomaly lines as the file stores them (`index/rectify.list` stores its list's the same way).
    public static func anomalies(_ list: [AnomalyLine], _ w: inout ByteWriter) {
        w.u64(UInt64(list.count))
        for a in list { w.i64(a.seq); RectifyStateCodec.string(a.eventID, &w); RectifyStateCodec.string(a.reason, &w) }
    }

    /// The anomaly lines `anomalies(_:_:)` wrote; nil on bytes it did not write.
    public static func anomalies(_ r: inout ByteReader) -> [AnomalyLine]? {
        guard let n = RectifyStateCodec.count(&r) else { return nil }
        var out: [AnomalyLine] = []
        for _ in 0..<n {
            guard let seq = r.i64(), let id = RectifyStateCodec.string(&r), let reason = RectifyStateCodec.string(&r) else { return nil }
            out.append((seq, id, reason))
        }
        return out
    }

    // MARK: reading

    /// An open file whose header, table and stamp were checked; units are read (and checked) when asked for.
    public struct Stored {
        let file: PosixFile
        let blobsStart: Int64
        let rows: [(offset: Int64, length: Int, sum: Digest32)]
        let globalRow: (offset: Int64, length: Int, sum: Digest32)
        /// The check date it was made for.
        public let asOf: CalendarDate
        /// The policy it was made under (canonical JSON).
        public let policy: String
        /// Each unit's communities, as of `asOf`.
        public let communities: [[Community]]
        /// The header whose stamps the state stands at: the patch's when there is one, else the file's.
        public let header: DerivedStateHeader
        let resume: ResumePoint
        /// `index/rectify.patch` when it applies to this file (its units replace the file's).
        let patch: Patch?
        /// A patch that could not be used (damaged, foreign, of another version, out of step with the log): the
        /// caller prints the notice; the file is used without it.
        public let patchProblem: ChainError.DerivedStateProblem?
        /// The file's identity, which a patch names.
        let identity: Digest32

        public var unitCount: Int { rows.count }
        /// Whether a patch is applied.
        public var isPatched: Bool { patch != nil }

        /// Unit `index`'s bytes (the patch's when it replaces it), checked against its checksum.
        public func unitBytes(_ index: Int) -> [UInt8]? {
            if let bytes = patch?.units[index]?.bytes { return bytes }
            let row = rows[index]
            return blob(row.offset, row.length, row.sum)
        }

        func blob(_ offset: Int64, _ length: Int, _ sum: Digest32) -> [UInt8]? {
            var bytes: [UInt8] = []
            do { try file.read(at: blobsStart + offset, count: length, into: &bytes) } catch { return nil }
            guard bytes.count == length, SHA256.digest(bytes) == sum else { return nil }
            return bytes
        }

        /// What `verify --index` finds of the parts' checksums before it compares the file with the log
        /// (`checkedParts`).
        public enum PartsCheck: Equatable, Sendable {
            /// A unit, the global part or the body does not match its checksum (or cannot be read).
            case damaged
            /// Every unit matches (the patch's where it replaces one); a patched file is compared part by part, so
            /// its whole bytes are not read.
            case patched
            /// Every part and the body match; the file's bytes as read for the body's checksum, which the comparison
            /// with the log's file uses (one read of the file, not two).
            case whole([UInt8])
        }

        /// Whether every unit, the global part and the body match their checksums: what `verify --index` asks before it
        /// compares the file with the log, so that a flipped byte is reported as the damage a list would have found,
        /// not as a list that passed its checks (review 40f).
        public func checkedParts() -> PartsCheck {
            guard (0..<rows.count).allSatisfy({ unitBytes($0) != nil }) else { return .damaged }
            guard patch == nil else { return .patched }
            guard blob(globalRow.offset, globalRow.length, globalRow.sum) != nil else { return .damaged }
            // And the body's own SHA-256 (15.1), which a list does not read.
            var whole: [UInt8] = []
            guard let size = try? file.size(), (try? file.read(at: 0, count: Int(size), into: &whole)) != nil,
                  DerivedStateHeader.bodyChecksumHolds(whole, bodyBytes: header.bodyBytes) else { return .damaged }
            return .whole(whole)
        }

        /// Unit `index`, checked against its checksum; nil when it does not match or cannot be read.
        /// - Parameter checked: true when this unit's bytes were read and checked whole before through this `Stored`
        ///   (`outlines` gave it): they match the same SHA-256, so are the same bytes, and their strings' UTF-8 is
        ///   not validated again (`RectifyStateCodec.finding(_:check:)`).
        public func unit(_ index: Int, checked: Bool = false) -> Unit? {
            guard let bytes = unitBytes(index) else { return nil }
            return RectifyState.decodeUnit(bytes, communities: communities[index], check: !checked)
        }

        /// Unit `index` as outlines of its findings (`Outline`: what a first pass counts), with its background
        /// records, anomalies and persons; checked against its checksum, nil when it does not match or cannot be read.
        public func outlines(_ index: Int) -> (findings: [Outline], background: Set<Int64>, anomalies: [AnomalyLine],
                                               persons: Set<PersonalCommitment>)? {
            guard let bytes = unitBytes(index) else { return nil }
            var r = ByteReader(bytes)
            guard let n = RectifyStateCodec.count(&r) else { return nil }
            var findings: [Outline] = []
            findings.reserveCapacity(n)
            for _ in 0..<n {
                // Every byte checked as `unit` checks it, only the outline made: a list made a community at a time
                // decodes the unit again as it writes, and that second read must not find what the first let pass
                // (review finding: a hand-edited item kind under intact checksums stopped the process).
                guard let f = RectifyStateCodec.outline(&r) else { return nil }
                findings.append(f)
            }
            guard let b = RectifyStateCodec.count(&r) else { return nil }
            var background = Set<Int64>()
            for _ in 0..<b { guard let s = r.i64() else { return nil }; background.insert(s) }
            guard let anomalies = RectifyState.anomalies(&r), let persons = RectifyState.persons(&r), r.isAtEnd else { return nil }
            return (findings, background, anomalies, persons)
        }

        /// The SHA-256 of unit `index`'s bytes (the patch's when it replaces it) without reading them from the file: the
        /// same bytes have the same digest whether the file or a patch holds them, so a unit a refold made again alike
        /// is told from one it changed (`index/rectify.list` keeps a part of a list by the digests it was made from).
        public func unitDigest(_ index: Int) -> Digest32 {
            if let bytes = patch?.units[index]?.bytes { return SHA256.digest(bytes) }
            return rows[index].sum
        }

        /// The SHA-256 of the global part's bytes (the patch's when there is one), as `unitDigest`.
        public var globalDigest: Digest32 { patch.map { SHA256.digest($0.global) } ?? globalRow.sum }

        /// The global part's bytes (the patch's when there is one), checked.
        public func globalBytes() -> [UInt8]? { patch?.global ?? blob(globalRow.offset, globalRow.length, globalRow.sum) }

        /// The global part, checked; nil when it does not match.
        public func global() -> Global? {
            guard let bytes = patch?.global ?? blob(globalRow.offset, globalRow.length, globalRow.sum) else { return nil }
            var r = ByteReader(bytes)
            guard let n = RectifyStateCodec.count(&r) else { return nil }
            var loop: [LoopEvent] = []
            for _ in 0..<n { guard let e = RectifyStateCodec.loopEvent(&r) else { return nil }; loop.append(e) }
            guard let m = RectifyStateCodec.count(&r) else { return nil }
            var erased: [PersonalCommitment] = []
            for _ in 0..<m {
                guard let bytes = r.fixed(32), let d = Digest32(bytes: bytes[...]) else { return nil }
                erased.append(PersonalCommitment(d))
            }
            guard let anomalies = RectifyState.anomalies(&r), let persons = RectifyState.persons(&r),
                  let u = RectifyStateCodec.count(&r), u == rows.count else { return nil }
            var unitValues: [[String: [Ratio]]] = []
            unitValues.reserveCapacity(u)
            for _ in 0..<u { guard let v = RectifyState.values(&r) else { return nil }; unitValues.append(v) }
            guard r.isAtEnd else { return nil }
            return Global(loop: loop, erased: erased, anomalies: anomalies, persons: persons, unitValues: unitValues)
        }

        public func close() { file.close() }
    }

    /// A patch's units (communities and encoded bytes) and global part.
    struct Patch {
        var units: [Int: (communities: [Community], bytes: [UInt8])]
        var global: [UInt8]
    }

    /// What `open` found.
    public enum Opened {
        /// Usable: stamped at the log's head (the records after its stamp, none, verified).
        case usable(Stored)
        /// Intact but records follow its stamp: its findings may have changed (no notice; it is refolded for the
        /// groups the new records join, or made again). Open, for refolding.
        case stale(Stored)
        /// Damaged, foreign, of another version or out of step with the log (a notice, then made again).
        case unusable(ChainError.DerivedStateProblem)
        /// The acknowledged head lies inside its prefix: only a full read can check the log.
        case cannotServe
    }

    /// Opens the file and checks its header, table and stamp against the log, and reads and verifies the log after
    /// the stamp (ledger-spec.md 15.1, checks 1–5). nil when there is no file.
    public static func open(_ directory: LedgerDirectory) -> Opened? {
        let file: PosixFile
        do { file = try PosixFile(path: path(directory), mode: .read, followLinks: false) } catch {
            if error.isNotFound { return nil }
            return .unusable(.damaged(.of(error)))
        }
        var keep = false
        defer { if !keep { file.close() } }
        // Its kind before any read, as every derived file's (spec 15.1): a FIFO's read said "Illegal seek" (review 44b #3).
        do {
            let kind = try file.status().kind
            guard kind == .regular else { return .unusable(.damaged(.inputFile(.notRegularFile(path: file.path, kind: kind)))) }
        } catch { return .unusable(.damaged(.of(error))) }
        var prefix: [UInt8] = []
        do { try file.read(at: 0, count: 8192, into: &prefix) } catch { return .unusable(.damaged(.of(error))) }
        let header: DerivedStateHeader, start: Int
        do { (header, start) = try DerivedStateHeader.decode(prefix[...], kind: kind, version: version) } catch { return .unusable(error.derivedStateProblem) }
        let size: Int64
        do { size = try file.size() } catch { return .unusable(.damaged(.of(error))) }
        guard header.bodyBytes < UInt64(Int64.max / 2), size == Int64(start) + Int64(header.bodyBytes) + 32 else {
            return .unusable(.damaged(.lengthNotHeaders))
        }
        var lengthBytes: [UInt8] = []
        do { try file.read(at: Int64(start), count: 8, into: &lengthBytes) } catch { return .unusable(.damaged(.of(error))) }
        var lr = ByteReader(lengthBytes)
        guard let length = lr.u64(), header.bodyBytes >= 40, length <= header.bodyBytes - 40 else { return .unusable(.damaged(.unreadable(.tableLength))) }
        var tableBytes: [UInt8] = []
        do { try file.read(at: Int64(start) + 8, count: Int(length) + 32, into: &tableBytes) } catch { return .unusable(.damaged(.of(error))) }
        guard tableBytes.count == Int(length) + 32,
              SHA256.digest(Array(tableBytes[0..<Int(length)])) == Digest32(bytes: tableBytes[Int(length)...]) else {
            return .unusable(.damaged(.checksum(.table)))
        }
        let blobsStart = Int64(start) + 8 + Int64(length) + 32
        let blobsBytes = Int64(header.bodyBytes) - 8 - Int64(length) - 32
        var r = ByteReader(tableBytes[0..<Int(length)])
        guard let asOf = RectifyStateCodec.date(&r), let policy = RectifyStateCodec.string(&r),
              let unitCount = RectifyStateCodec.count(&r) else { return .unusable(.damaged(.unreadable(.table))) }
        var rows: [(offset: Int64, length: Int, sum: Digest32)] = []
        var communities: [[Community]] = []
        func row(_ r: inout ByteReader) -> (offset: Int64, length: Int, sum: Digest32)? {
            guard let o = r.u64(), let l = r.u64(), o <= UInt64(blobsBytes), l <= UInt64(blobsBytes) - o,
                  let s = r.fixed(32), let sum = Digest32(bytes: s[...]) else { return nil }
            return (Int64(o), Int(l), sum)
        }
        for _ in 0..<unitCount {
            guard let row = row(&r), let n = RectifyStateCodec.count(&r) else { return .unusable(.damaged(.unreadable(.table))) }
            var list: [Community] = []
            for _ in 0..<n {
                guard let id = RectifyStateCodec.string(&r), let name = RectifyStateCodec.string(&r),
                      let street = RectifyStateCodec.string(&r) else { return .unusable(.damaged(.unreadable(.table))) }
                list.append((id, name, street))
            }
            rows.append(row); communities.append(list)
        }
        guard let globalRow = row(&r), r.isAtEnd else { return .unusable(.damaged(.unreadable(.table))) }
        var resume: ResumePoint
        do { resume = try header.check(directory) } catch { return .unusable(error.derivedStateProblem) }
        // The file's identity: its header and its table (which holds the date, the policy and every unit's checksum).
        let identity = SHA256.digest(Array(prefix[0..<start]) + Array(tableBytes[Int(length)...]))
        var effective = header
        var patch: Patch? = nil
        var patchProblem: ChainError.DerivedStateProblem? = nil
        do {
            if let (patchHeader, point, read) = try readPatch(directory, identity: identity, base: header, unitCount: rows.count) {
                effective = patchHeader; resume = point; patch = read
                for (index, unit) in read.units { communities[index] = unit.communities }
            }
        } catch {
            patchProblem = error.derivedStateProblem
        }
        let stored = Stored(file: file, blobsStart: blobsStart, rows: rows, globalRow: globalRow, asOf: asOf, policy: policy,
                            communities: communities, header: effective, resume: resume, patch: patch, patchProblem: patchProblem,
                            identity: identity)
        // The acknowledged head before the stamp, or the log after it fails verification: the command's own read
        // reports it.
        guard let recordCount = recordCount(directory, from: resume) else { return .cannotServe }
        keep = true
        if recordCount != effective.stamp.seq { return .stale(stored) }
        return .usable(stored)
    }

    /// `index/rectify.patch` for the file of `identity`: nil when there is none or it names another file (left for
    /// the next patch or the next whole-city list to replace); throws the problem when it cannot be used.
    static func readPatch(_ directory: LedgerDirectory, identity: Digest32, base: DerivedStateHeader,
                          unitCount: Int) throws(ChainError) -> (DerivedStateHeader, ResumePoint, Patch)? {
        guard let (header, body, _) = try readWhole(patchPath(directory), kind: patchKind, version: patchVersion,
                                                 bytesMax: patchBytesMax + (1 << 20)) else { return nil }
        // Another ledger's, or stamped where the log now holds another record: noticed (15.1 checks 2–3).
        let resume = try header.check(directory)
        var r = ByteReader(body)
        guard let named = r.fixed(32), let namedDigest = Digest32(bytes: named[...]) else { throw .damaged(.unreadable(.body)) }
        // Another file's patch (the state was made again since): not this file's, and not damage.
        guard namedDigest == identity else { return nil }
        guard header.stamp.seq > base.stamp.seq, header.genesis == base.genesis else {
            throw .damaged(.stampNotAfterState)
        }
        var patch = Patch(units: [:], global: [])
        guard let n = RectifyStateCodec.count(&r) else { throw .damaged(.unreadable(.body)) }
        var previous = -1
        for _ in 0..<n {
            guard let i = r.u64(), i < UInt64(unitCount), Int(i) > previous, let m = RectifyStateCodec.count(&r) else {
                throw .damaged(.unreadable(.all(.unit)))
            }
            var list: [Community] = []
            for _ in 0..<m {
                guard let id = RectifyStateCodec.string(&r), let name = RectifyStateCodec.string(&r),
                      let street = RectifyStateCodec.string(&r) else { throw .damaged(.unreadable(.all(.unit))) }
                list.append((id, name, street))
            }
            guard let blob = r.counted(max: patchBytesMax) else { throw .damaged(.unreadable(.all(.unit))) }
            patch.units[Int(i)] = (list, Array(blob))
            previous = Int(i)
        }
        guard let global = r.counted(max: patchBytesMax), r.isAtEnd else { throw .damaged(.unreadable(.globalPart)) }
        patch.global = Array(global)
        return (header, resume, patch)
    }

    /// Writes `index/rectify.patch` for `stored`: its units replaced by `units` (besides those an earlier patch
    /// replaced), `global` as the global part, stamped at `stamp` (the head the refold read). Atomically (15.1);
    /// false when it cannot be written or would be larger than `patchBytesMax`.
    public static func writePatch(_ directory: LedgerDirectory, base stored: Stored, replacing units: [Int: Unit], global: Global,
                                  stamp: StateStamp) -> Bool {
        var all: [Int: (communities: [Community], bytes: [UInt8])] = stored.patch?.units ?? [:]
        for (index, unit) in units {
            var w = ByteWriter()
            encode(unit, &w)
            all[index] = (unit.communities, w.bytes)
        }
        var body = ByteWriter()
        body.raw(stored.identity.bytes)
        body.u64(UInt64(all.count))
        for index in all.keys.sorted() {
            let unit = all[index]!
            body.u64(UInt64(index))
            body.u64(UInt64(unit.communities.count))
            for c in unit.communities {
                RectifyStateCodec.string(c.id, &body); RectifyStateCodec.string(c.name, &body); RectifyStateCodec.string(c.street, &body)
            }
            body.counted(unit.bytes)
            if body.bytes.count > patchBytesMax { return false }
        }
        var g = ByteWriter()
        encode(global, &g)
        body.counted(g.bytes)
        guard body.bytes.count <= patchBytesMax else { return false }
        let header = DerivedStateHeader(kind: patchKind, version: patchVersion, ledgerName: directory.name, genesis: stored.header.genesis,
                                        stamp: stamp, bodyBytes: UInt64(body.bytes.count))
        return writeAtomically(patchPath(directory), directory) { (write: ([UInt8]) throws(FileError) -> Void) throws(FileError) in
            try write(header.encoded())
            try write(body.bytes)
            try write(SHA256.digest(body.bytes).bytes)
        }
    }
}
