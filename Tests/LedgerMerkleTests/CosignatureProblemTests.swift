import Foundation
import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import Testing

/// Review 42a #4: a cosignature line of 77 bytes, or one carrying a time of 2^63 or more, was refused as "does not
/// verify: changed … or forged" — the verdict right, the reason not what was found. The refusal now says which.
@Suite struct CosignatureProblemTests {
    /// The sample checkpoint with a cosignature line whose base64 blob (key id, time, signature) is `edit`ed.
    func cosigned(_ edit: (inout [UInt8]) -> Void) throws -> SignedNote {
        let note = try PosixFile(path: Fixtures.path("testdata/merkle/sample-checkpoint.txt"), mode: .read).readAll()
        let parsed = try SignedNote(bytes: note, file: "cp")
        let line = String(decoding: Cosignature.sign(body: parsed.text, key: WitnessTests.witnessKey, timestamp: 1_751_889_600).line, as: UTF8.self)
        let prefix = "\u{2014} \(WitnessTests.witnessKey.name) "
        #expect(line.hasPrefix(prefix))
        var blob = [UInt8](Data(base64Encoded: String(line.dropFirst(prefix.count).dropLast()))!)
        #expect(blob.count == 76)
        edit(&blob)
        return try SignedNote(bytes: note + Array((prefix + Data(blob).base64EncodedString() + "\n").utf8), file: "cp")
    }

    @Test func theRefusalSaysWhatWasFound() throws {
        let label = WitnessTests.witnessKey.verifier.label
        let longer = try cosigned { $0.append(0) }
        #expect(throws: AuditError.badCosignature(file: "cp", witness: label, problem: .length(bytes: 77))) {
            try longer.witnesses([WitnessTests.witnessKey.verifier], file: "cp", now: WitnessTests.now)
        }
        let late = try cosigned { $0[4] |= 0x80 }
        let seconds = (UInt64(1) << 63) | 1_751_889_600
        #expect(throws: AuditError.badCosignature(file: "cp", witness: label, problem: .time(seconds: seconds))) {
            try late.witnesses([WitnessTests.witnessKey.verifier], file: "cp", now: WitnessTests.now)
        }
        let forged = try cosigned { $0[75] ^= 1 }
        #expect(throws: AuditError.badCosignature(file: "cp", witness: label, problem: .signature)) {
            try forged.witnesses([WitnessTests.witnessKey.verifier], file: "cp", now: WitnessTests.now)
        }
        let said = AuditWords.error(.badCosignature(file: "cp", witness: label, problem: .length(bytes: 77)))
        #expect(said.en.contains("holds 77 bytes where a cosignature holds 76") && said.zh.contains("有 77 个字节"), "\(said)")
    }
}
