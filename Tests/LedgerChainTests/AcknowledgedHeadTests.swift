import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `LEDGER/acknowledged` (ledger-spec.md sections 4–6): a torn tail must never hide acknowledged records.
@Suite struct AcknowledgedHeadTests {
    /// A ledger with two acknowledged batches (records 1–3 and 4–6); returns the log after each batch.
    static func twoBatches(_ temp: TemporaryDirectory) throws -> (LedgerDirectory, firstBatch: [UInt8], full: [UInt8], ackAfterFirst: [UInt8]) {
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        let first = TestLedger.logBytes(directory)
        let ack = try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: AcknowledgedHead.fileBytes).bytes
        try TestLedger.append((3..<6).map { TestLedger.event($0) }, to: directory)
        return (directory, first, TestLedger.logBytes(directory), ack)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// `bytes` with the lowest bit of one byte flipped (a hex digit stays a hex digit: only the check catches it).
    static func flip(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var out = bytes
        out[index] ^= 0x01
        return out
    }

    @Test func initMakesTheFileAndEachAppendOverwritesTheOlderSlot() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        // A new ledger has the file with both slots empty: nothing acknowledged yet.
        #expect(try AcknowledgedHead.read(directory) == nil)
        #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(nil) + AcknowledgedBytes.slot(nil))
        // The spec's vectors (section 1).
        let zeros = String(repeating: "0", count: 64)
        let emptySlot = "{\"check\":\"746fd7b47e54dcf2a532450bbb2440cefd8ffb312ff7bde4cd925491bb5e7925\",\"hash\":\"\(zeros)\",\"seq\":0}"
            + String(repeating: " ", count: 3937) + "\n"
        #expect(AcknowledgedHead.fileBytes(nil, nil) == Array((emptySlot + emptySlot).utf8))
        let three = AcknowledgedHead.fileBytes(AcknowledgedHead(seq: 3, hash: Digest32(hex: String(repeating: "a", count: 64))!), nil)
        #expect(String(decoding: three[..<80], as: UTF8.self).hasPrefix("{\"check\":\"df2fcece569454cd01d078fd8d7084ca032cf9ee0078c2fb814377c19f598ad2\","))
        var slots: [AcknowledgedHead?] = [nil, nil]
        for batch in 0..<5 {
            let result = try TestLedger.append((3 * batch..<3 * batch + 3).map { TestLedger.event($0) }, to: directory)
            let head = AcknowledgedHead(seq: result.lastSeq, hash: result.headHash)
            #expect(try AcknowledgedHead.read(directory) == head)
            // Slot 0 first (both held the same), then always the one with the lower seq: they alternate, and the
            // other slot keeps the previous head.
            slots[batch % 2] = head
            #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(slots[0]) + AcknowledgedBytes.slot(slots[1]), "batch \(batch)")
        }
        let file = try AcknowledgedBytes.read(directory)
        #expect(String(decoding: file[..<AcknowledgedHead.slotBytes], as: UTF8.self).hasPrefix("{\"check\":\""))
        // A batch of duplicates writes nothing and acknowledges nothing new.
        try TestLedger.append([TestLedger.event(0)], to: directory)
        #expect(try AcknowledgedBytes.read(directory) == file)
    }

    @Test func aCutIntoAcknowledgedRecordsIsLossNotATornTail() throws {
        let temp = TemporaryDirectory()
        let (directory, first, full, _) = try Self.twoBatches(temp)
        var generator = SplitMix64(seed: 12)
        // Every fifth byte of the second batch and its last bytes (TornTailTests cuts at every byte), and some
        // cuts inside the first.
        var cuts = Array(stride(from: first.count, to: full.count, by: 5)) + Array(full.count - 4..<full.count)
        for _ in 0..<10 { cuts.append(generator.int(0..<first.count)) }
        for cut in cuts {
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            let summary = try LogScanner.verify(directory)
            let failure = try #require(summary.failure, "cut at \(cut)")
            #expect(failure.kindCode == "acknowledged_lost", "cut at \(cut)")
            #expect(failure.seq == summary.recordCount + 1 && failure.lineNumber == Int(failure.seq))
            #expect(failure.byteOffset == summary.committedBytes)
            #expect(summary.tornTail == nil)
            #expect(failure.detail.contains("acknowledged records up to seq 6"))
            // The file alone still reads as a torn tail: only the acknowledged head tells the two apart.
            if cut > first.count { #expect(try LogScanner.verify(path: directory.eventsPath).tornTail != nil) }
            // The writer refuses and changes nothing; readers refuse too.
            #expect(throws: ChainError.self) { try LogWriter.open(directory) }
            #expect(TestLedger.logBytes(directory) == Array(full[..<cut]))
            #expect(throws: ChainError.self) { try VerifiedLog.read(directory) }
        }
        TestLedger.writeLog(full, to: directory)
        #expect(try LogScanner.verify(directory).failure == nil)
    }

    @Test func aRecordAtTheAcknowledgedSeqWithAnotherHashIsLoss() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, _) = try Self.twoBatches(temp)
        // The whole log rewritten with recomputed hashes passes the chain alone, but not the acknowledged head.
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp)
        var events = (0..<6).map { TestLedger.event($0) }
        events[1] = events[1].editingData { $0["n"] = .integer(99) }
        try TestLedger.append(Array(events[0..<3]), to: other)
        try TestLedger.append(Array(events[3...]), to: other)
        TestLedger.writeLog(TestLedger.logBytes(other), to: directory)
        #expect(try LogScanner.verify(path: directory.eventsPath).failure == nil)
        let failure = try #require(try LogScanner.verify(directory).failure)
        #expect(failure.kindCode == "acknowledged_lost" && failure.seq == 6 && failure.lineNumber == 6)
        let rewritten = TestLedger.logBytes(directory)
        #expect(rewritten != full)
        let sixth = rewritten.split(separator: 0x0A, omittingEmptySubsequences: false)[0..<5].reduce(0) { $0 + $1.count + 1 }
        #expect(failure.byteOffset == Int64(sixth))
    }

    /// The state a crash leaves between the batch's fsync and the acknowledged-head write: the batch is complete
    /// in the log, the acknowledged head is the previous one. It is committed (as before this file existed).
    @Test func aBatchDurableButNotYetAcknowledgedIsCommitted() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, ackAfterFirst) = try Self.twoBatches(temp)
        Self.write(ackAfterFirst, to: directory.acknowledgedPath)
        let summary = try LogScanner.verify(directory)
        #expect(summary.failure == nil && summary.tornTail == nil && summary.recordCount == 6)
        let writer = try LogWriter.open(directory)
        #expect(writer.lastSeq == 6)
        let result = try writer.append([TestLedger.event(6)], options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" }))
        writer.close()
        #expect(try AcknowledgedHead.read(directory) == AcknowledgedHead(seq: 7, hash: result.headHash))
        #expect(Array(TestLedger.logBytes(directory).prefix(full.count)) == full)
    }

    /// A crash during the write of a batch that was never acknowledged still leaves a torn tail the next writer cuts.
    @Test func aTornTailAfterTheAcknowledgedHeadIsStillTorn() throws {
        let temp = TemporaryDirectory()
        let (directory, first, full, ackAfterFirst) = try Self.twoBatches(temp)
        Self.write(ackAfterFirst, to: directory.acknowledgedPath)
        for cut in [first.count + 1, (first.count + full.count) / 2, full.count - 1] {
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            let summary = try LogScanner.verify(directory)
            #expect(summary.failure == nil && summary.recordCount == 3 && summary.tornTail != nil, "cut at \(cut)")
            var notices: [String] = []
            let writer = try LogWriter.open(directory, notice: { notices.append($0) })
            writer.close()
            #expect(notices.count == 1 && TestLedger.logBytes(directory) == first)
        }
    }

    /// If the acknowledged head cannot be recorded, the batch was never acknowledged: it is removed, the error is
    /// reported and the writer refuses further appends until reopened.
    @Test func aFailedAcknowledgementRemovesTheBatch() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        let before = TestLedger.logBytes(directory)
        let writer = try LogWriter.open(directory)
        // A directory where the file should be: writing it fails (EISDIR).
        try PosixFile.remove(directory.acknowledgedPath)
        try PosixFile.makeDirectory(directory.acknowledgedPath)
        let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" })
        #expect {
            try writer.append([TestLedger.event(3)], options: options)
        } throws: { error in
            guard case ChainError.file(let file) = error else { return false }
            return file.code == EISDIR
        }
        #expect(TestLedger.logBytes(directory) == before)
        #expect(throws: ChainError.self) { try writer.append([TestLedger.event(4)], options: options) }
        writer.close()
        #expect(TestLedger.logBytes(directory) == before)
    }

    @Test func withoutTheFileNothingIsKnownAsBefore() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, _) = try Self.twoBatches(temp)
        try PosixFile.remove(directory.acknowledgedPath)
        TestLedger.writeLog(Array(full[..<(full.count - 5)]), to: directory)
        let summary = try LogScanner.verify(directory)
        #expect(summary.failure == nil && summary.recordCount == 3 && summary.tornTail != nil)
    }

    @Test func aDamagedOrLinkedFileIsRefusedAndChangesNothing() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, _) = try Self.twoBatches(temp)
        let good = try AcknowledgedBytes.read(directory)
        let head6 = try #require(try AcknowledgedHead.read(directory))
        let line = String(decoding: AcknowledgedBytes.oneLine(seq: 6, hash: head6.hash.hex), as: UTF8.self)
        let damagedSlot = [UInt8](repeating: 0x20, count: 4095) + [0x0A]
        let damaged: [[UInt8]] = [
            [], Array("{\"seq\":6}\n".utf8), Array(line.replacingOccurrences(of: "\"seq\":6", with: "\"seq\":0").utf8),
            Array(line.utf8.dropLast()), Array(line.replacingOccurrences(of: ",", with: ", ").utf8),
            // Two slots, neither valid; and two that disagree about seq 6.
            damagedSlot + damagedSlot, Self.flip(Self.flip(good, at: 100), at: 4096 + 100),
            AcknowledgedBytes.slot(seq: 6, hash: head6.hash.hex) + AcknowledgedBytes.slot(seq: 6, hash: String(repeating: "c", count: 64)),
            // A byte short, a byte more, both forms at once.
            Array(good.dropLast()), good + [0x0A], good + Array(line.utf8),
        ]
        for (index, bytes) in damaged.enumerated() {
            Self.write(bytes, to: directory.acknowledgedPath)
            guard case .failure(let error) = Result(catching: { () throws(ChainError) in try LogScanner.verify(directory) }), case .acknowledgedUnreadable = error else {
                Issue.record("accepted damaged file \(index)")
                continue
            }
            #expect(throws: ChainError.self) { try LogWriter.open(directory) }
            #expect(TestLedger.logBytes(directory) == full)
        }
        // A symbolic link is never followed (O_NOFOLLOW), even to a good copy.
        let copy = temp.path + "/copy"
        Self.write(good, to: copy)
        try PosixFile.remove(directory.acknowledgedPath)
        try FileManager.default.createSymbolicLink(atPath: directory.acknowledgedPath, withDestinationPath: copy)
        guard case .failure(.acknowledgedUnreadable) = Result(catching: { () throws(ChainError) in try LogScanner.verify(directory) }) else {
            Issue.record("a symbolic link was followed")
            return
        }
    }

    /// A crash while the writer overwrites a slot: the slot holds a prefix of the new bytes and the rest of the old
    /// ones (a write cut at any byte), or any mix of old and new 512-byte sectors (a disk that wrote some sectors of
    /// the block). Readers then take the other slot, which holds the previous head — right, since the batch being
    /// acknowledged was not reported yet — unless the new slot is complete; never an error, never a third head.
    @Test func aSlotWriteCutShortLeavesThePreviousHead() throws {
        let temp = TemporaryDirectory()
        let (directory, _, _, _) = try Self.twoBatches(temp)
        let before = try AcknowledgedBytes.read(directory)   // slot 0: record 3, slot 1: record 6
        let head6 = try #require(try AcknowledgedHead.read(directory))
        #expect(head6.seq == 6 && before == AcknowledgedBytes.slot(seq: 3, hash: Array(before[..<4096]).hashMember) + AcknowledgedBytes.slot(head6))
        // Batch 7–9 reaches the log; its head goes to slot 0 (the lower seq).
        let result = try TestLedger.appendUnacknowledged((6..<9).map { TestLedger.event($0) }, to: directory)
        let head9 = AcknowledgedHead(seq: 9, hash: result.headHash)
        let new = AcknowledgedBytes.slot(head9)
        let old = Array(before[..<4096])
        var states: [[UInt8]] = (0...4096).map { cut in Array(new[..<cut]) + Array(old[cut...]) }
        for mask in 0..<256 {
            var slot: [UInt8] = []
            for sector in 0..<8 {
                let range = sector * 512..<(sector + 1) * 512
                slot += (mask >> sector) & 1 == 1 ? new[range] : old[range]
            }
            states.append(slot)
        }
        for (index, slot) in states.enumerated() {
            let expected = slot == new ? head9 : head6
            #expect((try? AcknowledgedHead.decode(fileBytes: slot + Array(before[4096...]))) == .some(expected), "state \(index)")
        }
        // Through verify and the next writer: the torn slot is ignored, the batch is kept, and the writer overwrites
        // the torn slot (not the one holding the head).
        Self.write(Array(new[..<100]) + Array(old[100...]) + Array(before[4096...]), to: directory.acknowledgedPath)
        let summary = try LogScanner.verify(directory)
        #expect(summary.failure == nil && summary.tornTail == nil && summary.recordCount == 9)
        let next = try TestLedger.append([TestLedger.event(9)], to: directory)
        #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(AcknowledgedHead(seq: 10, hash: next.headHash)) + AcknowledgedBytes.slot(head6))
    }

    /// The reader's rule (ledger-spec.md section 1): the valid slot with the higher seq; seq 0 says nothing is
    /// acknowledged; no valid slot, or two heads with one seq, is a damaged file.
    @Test func readersTakeTheValidSlotWithTheHigherSeq() {
        let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
        let h3 = AcknowledgedHead(seq: 3, hash: Digest32(hex: a)!), h5 = AcknowledgedHead(seq: 5, hash: Digest32(hex: b)!)
        let slot3 = AcknowledgedBytes.slot(h3), slot5 = AcknowledgedBytes.slot(h5), empty = AcknowledgedBytes.slot(nil)
        let spaces = [UInt8](repeating: 0x20, count: 4095) + [0x0A]
        /// `slot` with its text edited.
        func edited(_ slot: [UInt8], _ change: (String) -> String) -> [UInt8] {
            let text = change(String(decoding: slot.prefix { $0 != 0x20 }, as: UTF8.self))
            return Array(text.utf8) + [UInt8](repeating: 0x20, count: max(0, 4095 - text.utf8.count)) + [0x0A]
        }
        let cases: [(String, [UInt8], AcknowledgedHead??)] = [
            ("higher in slot 0", slot5 + slot3, h5), ("higher in slot 1", slot3 + slot5, h5),
            ("both the same", slot5 + slot5, h5), ("both empty", empty + empty, .some(nil)), ("empty and a head", empty + slot3, h3),
            ("slot 0 damaged", spaces + slot3, h3), ("slot 1 damaged", slot5 + spaces, h5),
            ("higher slot with a wrong check", Self.flip(slot5, at: 15) + slot3, h3),
            ("higher slot with a changed hash", Self.flip(slot5, at: 100) + slot3, h3),
            ("higher slot with a changed seq", edited(slot5) { $0.replacingOccurrences(of: "\"seq\":5", with: "\"seq\":7") } + slot3, h3),
            ("upper-case hex", edited(slot5) { $0.replacingOccurrences(of: "bbbb", with: "BBBB") } + slot3, h3),
            ("a member more", edited(slot5) { $0.replacingOccurrences(of: "{", with: "{\"a\":1,") } + slot3, h3),
            ("a space in the JSON", edited(slot5) { $0.replacingOccurrences(of: ",", with: ", ") } + slot3, h3),
            ("padded with a tab", Array(slot5[..<4094]) + [0x09, 0x0A] + slot3, h3),
            ("no final LF", Array(slot5[..<4095]) + [0x20] + slot3, h3),
            ("seq 0 with another hash", AcknowledgedBytes.slot(seq: 0, hash: a) + AcknowledgedBytes.slot(seq: 0, hash: String(repeating: "0", count: 64)), .some(nil)),
            ("seq 2^53", AcknowledgedBytes.slot(seq: 1 << 53, hash: a) + slot3, h3),
            ("negative seq", AcknowledgedBytes.slot(seq: -1, hash: a) + slot3, h3),
            ("both damaged", spaces + Self.flip(slot3, at: 100), nil),
            ("two heads for seq 5", slot5 + AcknowledgedBytes.slot(seq: 5, hash: a), nil),
            ("a byte short", Array((slot5 + slot3).dropLast()), nil),
            ("one-line form", AcknowledgedBytes.oneLine(seq: 5, hash: b), h5),
            ("one-line form of seq 0", AcknowledgedBytes.oneLine(seq: 0, hash: b), nil),
        ]
        for (name, bytes, expected) in cases {
            switch (Result { () throws(ChainError) in try AcknowledgedHead.decode(fileBytes: bytes) }, expected) {
            case (.success(let head), .some(let want)): #expect(head == want, "\(name)")
            case (.failure, nil): break
            case (let got, _): Issue.record("\(name): \(got)")
            }
        }
    }

    /// The one-line form written before the slots existed (never released) is read, and the next append replaces
    /// it with the two slots.
    @Test func theOneLineFormIsReadAndReplacedAtTheNextAppend() throws {
        let temp = TemporaryDirectory()
        let (directory, first, full, _) = try Self.twoBatches(temp)
        let head6 = try #require(try AcknowledgedHead.read(directory))
        Self.write(AcknowledgedBytes.oneLine(seq: 6, hash: head6.hash.hex), to: directory.acknowledgedPath)
        #expect(try AcknowledgedHead.read(directory) == head6)
        TestLedger.writeLog(Array(full[..<(full.count - 5)]), to: directory)
        #expect(try LogScanner.verify(directory).failure?.kindCode == "acknowledged_lost")
        #expect(throws: ChainError.self) { try LogWriter.open(directory) }
        TestLedger.writeLog(full, to: directory)
        let result = try TestLedger.append([TestLedger.event(6)], to: directory)
        let head7 = AcknowledgedHead(seq: 7, hash: result.headHash)
        #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(head7) + AcknowledgedBytes.slot(head7))
        let next = try TestLedger.append([TestLedger.event(7)], to: directory)
        #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(AcknowledgedHead(seq: 8, hash: next.headHash)) + AcknowledgedBytes.slot(head7))
        #expect(Array(TestLedger.logBytes(directory).prefix(first.count)) == first)
    }

    /// A ledger written before the file existed: nothing is known until the next append creates the file.
    @Test func aLedgerWithoutTheFileGetsItAtTheNextAppend() throws {
        let temp = TemporaryDirectory()
        let (directory, _, _, _) = try Self.twoBatches(temp)
        try PosixFile.remove(directory.acknowledgedPath)
        #expect(try AcknowledgedHead.read(directory) == nil)
        let result = try TestLedger.append([TestLedger.event(6)], to: directory)
        let head7 = AcknowledgedHead(seq: 7, hash: result.headHash)
        #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(head7) + AcknowledgedBytes.slot(head7))
    }

    /// A file replaced (renamed over) while a writer holds it open: the writer writes the one readers see.
    @Test func aFileReplacedWhileTheWriterHoldsItIsTheOneWritten() throws {
        let temp = TemporaryDirectory()
        let (directory, _, _, _) = try Self.twoBatches(temp)
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        try PosixFile.writeAtomically(try AcknowledgedBytes.read(directory), to: directory.acknowledgedPath)
        let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" })
        let result = try writer.append([TestLedger.event(6)], options: options)
        #expect(try AcknowledgedHead.read(directory) == AcknowledgedHead(seq: 7, hash: result.headHash))
        // Replaced by the one-line form: written whole again, in two slots.
        try PosixFile.writeAtomically(AcknowledgedBytes.oneLine(seq: 7, hash: result.headHash.hex), to: directory.acknowledgedPath)
        let next = try writer.append([TestLedger.event(7)], options: options)
        let head8 = AcknowledgedHead(seq: 8, hash: next.headHash)
        #expect(try AcknowledgedBytes.read(directory) == AcknowledgedBytes.slot(head8) + AcknowledgedBytes.slot(head8))
    }
}

extension Array where Element == UInt8 {
    /// The `hash` member's value in a slot's text.
    var hashMember: String {
        let text = String(decoding: self, as: UTF8.self)
        guard let range = text.range(of: "\"hash\":\"") else { return "" }
        return String(text[range.upperBound...].prefix(64))
    }
}
