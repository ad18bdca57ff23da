import LedgerPlatform

/// The writer's side of `LEDGER/acknowledged`: one write in place and one fdatasync per acknowledged batch.
/// Opened under the writer's lock after the log was verified; keeps the file open between appends.
final class AcknowledgedHeadRecorder {
    private let directory: LedgerDirectory
    /// The file in its two-slot form, open for writing, and what its slots hold; nil while it is missing or in the
    /// one-line form (the next `record` then creates it whole, atomically).
    private var file: PosixFile?
    private var slots: [AcknowledgedSlot] = []

    init(_ directory: LedgerDirectory) throws(ChainError) {
        self.directory = directory
        do { try open() } catch {
            // Readable but not writable (a restore done as root): a permission to give, never a file to remove.
            if error.isPermissionDenied { throw .notWritable(path: directory.acknowledgedPath, error: error) }
            throw .acknowledgedUnreadable(path: directory.acknowledgedPath, reason: SystemWords.fileError(error))
        }
        if file != nil {
            do { _ = try AcknowledgedSlot.current(slots) } catch .acknowledgedDamage(let damage) {
                throw .acknowledgedUnreadable(path: directory.acknowledgedPath, reason: damage.reason)
            }
        }
    }

    /// Opens the file for writing (never through a link) and reads its slots; leaves `file` nil when it is missing
    /// or not in the two-slot form (the one-line form, which the scan before accepted).
    private func open() throws(FileError) {
        file = nil
        slots = []
        let path = directory.acknowledgedPath
        let opened: PosixFile
        do { opened = try PosixFile(path: path, mode: .readWrite, followLinks: false) } catch {
            if error.isNotFound { return }
            throw error
        }
        let status = try opened.status()
        guard status.kind == .regular else { throw .wrongKind(path: path, kind: status.kind, expected: "a regular file") }
        guard status.size == Int64(AcknowledgedHead.fileBytes) else { return }
        var bytes = [UInt8]()
        try opened.read(at: 0, count: AcknowledgedHead.fileBytes, into: &bytes)
        // Cut meanwhile by someone else: written whole again at the next append, like the one-line form.
        guard bytes.count == AcknowledgedHead.fileBytes else { return }
        file = opened
        slots = [AcknowledgedSlot(slotBytes: bytes[0..<AcknowledgedHead.slotBytes]),
                 AcknowledgedSlot(slotBytes: bytes[AcknowledgedHead.slotBytes...])]
    }

    /// Records `head` durably: overwrites the slot that does not hold the current head and fdatasyncs the file.
    /// On failure the slot may hold the new head, the old one or neither (readers then take the other slot).
    func record(_ head: AcknowledgedHead) throws(FileError) {
        // A file removed or replaced since it was opened (by hand, while this writer held the lock) is not the
        // one readers see: open the one at the path again.
        if let file, try file.status().linkCount == 0 { try open() }
        guard let file else {
            try head.write(directory)
            try? open()   // should this fail, the next append writes the whole file again
            return
        }
        let index = AcknowledgedSlot.indexToOverwrite(slots)
        slots[index] = .damaged   // until the write is known to be complete
        try file.write(AcknowledgedSlot.head(head).bytes, at: Int64(index * AcknowledgedHead.slotBytes))
        try file.syncData()
        slots[index] = .head(head)
    }

    func close() { file?.close() }
}
