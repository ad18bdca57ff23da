import LedgerPlatform

/// What the office hands a witness: a checkpoint with the RFC 6962 consistency proof from the size the witness
/// last cosigned. The file is exactly the body of a C2SP tlog-witness `add-checkpoint` request:
///
///     old <size the proof starts from, decimal; 0 when the witness has cosigned nothing of this log>\n
///     <base64 of one 32-byte proof hash>\n      (zero or more lines, at most 63)
///     \n
///     <the signed checkpoint note>
///
/// `ledger consistency` writes it; `ledger witness cosign --consistency-from FILE` reads it.
public struct WitnessRequest: Equatable, Sendable {
    /// The tree size the proof starts from.
    public let oldSize: UInt64
    /// The consistency proof from `oldSize` to the checkpoint's size (empty for 0 or an equal size).
    public let proof: [Digest32]
    /// The checkpoint note, byte for byte.
    public let checkpointNote: [UInt8]

    /// tlog-witness allows at most 63 proof lines (a tree of 2^63 leaves needs no more).
    public static let proofLinesMax = 63

    public init(oldSize: UInt64, proof: [Digest32], checkpointNote: [UInt8]) {
        self.oldSize = oldSize
        self.proof = proof
        self.checkpointNote = checkpointNote
    }

    /// The file's bytes.
    public var encoded: [UInt8] {
        var out = Array("old \(oldSize)\n".utf8)
        for hash in proof { out += Array((Base64.encode(hash.bytes) + "\n").utf8) }
        out.append(0x0a)
        return out + checkpointNote
    }

    /// Parses a request file; the checkpoint note is not opened here.
    /// - Throws: `.badNote` naming `file`, the line and what is wrong.
    public init(bytes: [UInt8], file: String) throws(AuditError) {
        func bad(_ line: Int, _ problem: AuditError.RequestLineProblem) -> AuditError {
            .badNote(file: file, problem: .requestLine(line: line, problem: problem))
        }
        guard bytes.count <= SignedNote.noteBytesMax + 4096 else {
            throw .badNote(file: file, problem: .requestTooLarge(bytes: bytes.count))
        }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var blank: Int? = nil
        while blank == nil {
            guard let end = bytes[start...].firstIndex(of: 0x0a) else { throw bad(lines.count + 1, .noNewline) }
            if end == start { blank = end } else { lines.append(bytes[start..<end]) }
            start = end + 1
            guard lines.count <= Self.proofLinesMax + 1 else { throw bad(lines.count, .tooManyHashes(limit: Self.proofLinesMax)) }
        }
        guard let first = lines.first, first.starts(with: Array("old ".utf8)) else { throw bad(1, .expectedOld) }
        let sizeText = String(decoding: first.dropFirst(4), as: UTF8.self)
        guard let size = Checkpoint.parseDecimal(sizeText), size <= UInt64(Int64.max) else {
            throw bad(1, .badSize(text: sizeText))
        }
        var proof: [Digest32] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            guard let raw = Base64.decode(String(decoding: line, as: UTF8.self)), let hash = Digest32(bytes: raw) else {
                throw bad(offset + 2, .notBase64Hash)
            }
            proof.append(hash)
        }
        if size == 0, !proof.isEmpty { throw bad(2, .hashesFromZero) }
        oldSize = size
        self.proof = proof
        checkpointNote = Array(bytes[start...])
    }
}
