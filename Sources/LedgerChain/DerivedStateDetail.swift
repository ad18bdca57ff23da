import LedgerEvents
import LedgerPlatform

extension ChainError.DerivedStateProblem {
    /// Which check of a derived file (`index/…`) failed: the technical detail in brackets of the rebuild notice
    /// (ledger-spec.md 15.1) and of `ledger verify --index`. A value with labelled parts (which part of the file, what
    /// was found), worded in both languages in one place, `SystemWords.wording(_:)`; the readers in LedgerChain,
    /// LedgerProjections, LedgerRules and the command line say `throw .damaged(.checksum(.table))`, never a sentence.
    /// `description` is the English.
    public indirect enum Detail: Equatable, Sendable, CustomStringConvertible {
        // MARK: The file as a whole

        /// The file does not start with its kind's first line (`not a LEDGER-FUND-STATE file`).
        case notOfKind(String)
        /// The header stops before its version (`truncated`).
        case truncated
        /// The version field holds a number no version has: a flipped byte, not another version.
        case impossibleVersion(found: UInt64)
        /// A field of the header cannot be read (`cannot read the name of its header: truncated or altered`).
        case unreadableHeader(HeaderField)
        /// The file is not as long as its header says (`its length is not the one its header gives: …`).
        case lengthNotHeaders
        /// The same, with the sizes (the id tables): `812 bytes where the header implies 900: …`.
        case size(bytes: Int64, expected: Int64)
        /// An operating-system error reading or writing it (`read failed: … (errno 5)`).
        case file(FileError)
        /// A file that could not be read whole (`PosixFile.readRegularFile`): not a regular file, too large.
        case inputFile(InputFileError)
        /// Another failure of the log layer while reading it, as `ChainError` says it.
        case error(ChainError)
        /// An error of another kind, as it describes itself (not made by any reader of this program).
        case unexplained(String)
        /// The detail of the file `name` of a family (`ids-2: …`, `checks.recent: …`).
        case inFile(String, Detail)

        // MARK: A part of the file

        /// `cannot read the table`, `cannot read block 3's place`, `cannot read community 2`.
        case unreadable(Part)
        /// Block `n` (1 = the first) could not be read, with the error when one was given.
        case unreadableBlock(Int, cause: Detail?)
        /// The part's SHA-256 is not the one stored with it: `block 4 does not match its checksum: truncated or altered`.
        case checksum(Part)
        /// The items of the part are not in their order (`its blocks are out of order`).
        case outOfOrder(Part)
        /// A value of the part is impossible or contradicts another (`the table header: a value out of range`).
        case outOfRange(Part)
        /// The part holds nothing where something must be (`block 4 is empty`).
        case empty(Part)
        /// An id table's block `index` (as stored, from 0) does not start with the key its index gives.
        case firstKeyNotIndexed(block: Int)
        /// An id table's block `index` (from 0) holds an entry out of order or out of range.
        case entryOutOfPlace(block: Int)
        /// Block `n` (from 1) names a record after the file's stamp.
        case recordAfterStamp(block: Int)
        /// The scope index's node table names block `index`, which is not there.
        case danglingBlock(Int)
        /// A scope index's entry for `record` holds type code `code`, which names no type (26–127 are never written).
        case unknownTypeCode(code: Int, record: Int64)

        // MARK: Against the log

        /// Its items are not the ones the log gives (`its entries differ from the log's`).
        case differsFromLog(Item)
        /// The id index's entry for `record` does not lead to that record.
        case entryDoesNotLead(record: Int64)
        /// The scope index's entry for `record` is not the log's line.
        case entryDiffers(record: Int64)
        /// A block of the scope index or a line it names does not match the log.
        case blockOrLineDiffers
        /// The scope index's entry for `record` is not the one records 1…`through` of the log give (its type code,
        /// named bit, place, hash or block): `verify --index`'s comparison.
        case entryNotWhatRecordsGive(record: Int64, through: Int64)
        /// A part of the scope index is not what records 1…`through` of the log give (`verify --index`).
        case notWhatRecordsGive(Part, through: Int64)
        /// The checks' state's entry `entry` (its key said: `R asset N-7`) is not the one records 1…`through` of the
        /// log give — missing, added or with other bytes —; `record`, the record its value names (a registration's
        /// position, an event id's first record), when it names one: `verify --index`'s comparison of
        /// `index/checks.recent` (session 52).
        case checkEntryNotWhatRecordsGive(entry: Wording, record: Int64?, through: Int64)
        /// The city list is not the one the log gives as of `asOf` at record `seq`.
        case notTheLogsList(asOf: CalendarDate, seq: Int64)
        /// The log ends before the file's stamp, record `seq`.
        case logEndsBeforeStamp(seq: Int64)
        /// A patch (`index/rectify.patch`) whose stamp is not after the state's.
        case stampNotAfterState
        /// What was written could not be read back (with why, when known).
        case notReadBack(Written, cause: Detail?)
        /// A merged scope index whose length is not the one planned.
        case lengthNotPlanned
        /// An id table of the base level that does not start at record 1.
        case baseNotFromRecord1
        /// An id table of level `found` where level `expected` belongs.
        case wrongLevel(found: UInt64, expected: UInt64)
        /// An id table that does not continue the level below (`it does not continue ids, which ends at record 40`).
        case doesNotContinue(String, endsAt: Int64?)
        /// The log has more records than an id table can hold.
        case logTooLargeForIdTable
        /// A record after the stamp that the stored fund totals cannot be brought up to date with (`index/fund-totals`,
        /// ledger-spec.md 15.6): the file is rebuilt from the whole log.
        case cannotCatchUp(LaterRecord)

        // MARK: Another ledger's, or stamped with another log

        /// Written for the ledger of another name.
        case writtenFor(ledger: String)
        /// A table of a family written for another ledger or log than the others.
        case otherLedgerOrLog
        /// Its record 1 is not at the start of the log.
        case genesisNotAtStart
        /// Its record 1 has another hash than the log's.
        case otherGenesis(stored: Digest32, log: Digest32)
        /// The log's record 1 is not there as stamped.
        case genesisGone(ChainError.ResumeProblem.Missing)
        /// Record 1 as stamped cannot be checked against the log.
        case firstRecord(ChainError)
        /// The record the file is stamped with (`seq`, `hash`) cannot be resumed after.
        case stamp(seq: Int64, hash: Digest32, ChainError)

        /// A field of a derived file's header (15.1).
        public enum HeaderField: Equatable, Sendable { case name, stamp, bodyLength, checksum }

        /// A record after the stamp of `index/fund-totals` that its update does not fold.
        public enum LaterRecord: Equatable, Sendable {
            /// A correction (it may void any earlier fact).
            case correction
            /// A community registered again, dated before its registration.
            case communityRegisteredAgainEarlier
            /// A fund opened again, dated before its opening.
            case fundOpenedAgainEarlier
            /// A fund opened that a rejected fact names.
            case fundNamedByRejectedFact
            /// A statement dated before its fund's latest movement.
            case statementBeforeLatestMovement
        }

        /// What was written and read back.
        public enum Written: Equatable, Sendable {
            /// An id table just written.
            case idTable
            /// A state file rebuilt from the log (compared with the stored one by `ledger verify --index`).
            case rebuiltState
            /// The scope index merged up to the head.
            case mergedIndex
        }

        /// A kind of item a derived file holds, for `Part` and `differsFromLog`.
        public enum Item: Equatable, Sendable {
            case block, page, part, entry, input, unit, community, fund, anomaly, rejectedFact, row, person,
                 erasedCommitment, record, key, total
        }

        /// Which part of a derived file.
        public enum Part: Equatable, Sendable {
            /// The file as a whole.
            case file
            case header, body, table, tableLength, tableHeader, blockIndex, blockDirectory, pageDirectory,
                 nodePageDirectory, counts, globalPart, lastDay, asOfDate
            /// `the end (bytes left over)`: bytes after the last item.
            case end
            /// `node table page N` (from 1).
            case nodeTablePage(Int)
            /// `block N's place` (from 1), in the block directory.
            case blockPlace(Int)
            /// `the inputs (one per record up to the stamp)`: their number.
            case inputsToStamp
            /// `fund N's statement checks` (from 1).
            case fundChecks(Int)
            /// `the community count`.
            case count(Item)
            /// `community 2`, `block 4` (as the reader numbers them).
            case nth(Item, Int)
            /// `a row`: one of them, not said which.
            case some(Item)
            /// `its blocks`.
            case all(Item)
            /// `its body: bytes after the persons`: bytes left after the last of the items.
            case after(Item)
        }

        /// What a reader makes of an error met while reading a derived file: an OS error, a file that cannot be read
        /// whole, a `ChainError`, else the error as it describes itself.
        public static func of(_ error: any Error) -> Detail {
            if let chain = error as? ChainError {
                if case .file(let file) = chain { return .file(file) }
                return .error(chain)
            }
            if let file = error as? FileError { return .file(file) }
            if let input = error as? InputFileError {
                if case .file(let file) = input { return .file(file) }
                return .inputFile(input)
            }
            return .unexplained("\(error)")
        }

        public var description: String { SystemWords.wording(self).en }
    }
}
