import Foundation
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import Testing

/// A key file or a checkpoint refused for a stray character says which character, where, and what to do — not the
/// part of the line it happened to break (review 36: a leading space was "key name not allowed", a trailing tab "not
/// base64", a TAB in a checkpoint "Windows line ends are not allowed"). What is accepted does not change
/// (NoteFormTests holds that).
@Suite struct KeyAndNoteCauseTests {
    /// A file, the problem it is refused with, and how the English message begins after the file's name.
    struct Case<Problem: Equatable & Sendable>: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let problem: Problem
        let english: String
        var testDescription: String { name }
    }

    static let publicLine = SampleLedger.signer.verifier.text
    static let privateLine = SampleLedger.signer.text

    static let keyCases: [Case<AuditError.KeyProblem>] = [
        Case(name: "leading space", bytes: Array((" " + publicLine + "\n").utf8), problem: .whiteSpace(codePoint: 0x20, byte: 1, where: .start),
             english: "a space <U+0020> at byte 1, before the key"),
        Case(name: "trailing tab", bytes: Array((publicLine + "\t\n").utf8),
             problem: .whiteSpace(codePoint: 0x09, byte: publicLine.utf8.count + 1, where: .end),
             english: "a tab <U+0009> at byte \(publicLine.utf8.count + 1), after the key"),
        Case(name: "trailing spaces then CRLF", bytes: Array((publicLine + "  \r\n").utf8),
             problem: .whiteSpace(codePoint: 0x20, byte: publicLine.utf8.count + 1, where: .end),
             english: "a space <U+0020> at byte \(publicLine.utf8.count + 1), after the key"),
        Case(name: "ideographic space after the name", bytes: Array(("jiedao-test\u{3000}" + publicLine.dropFirst("jiedao-test".count)).utf8),
             problem: .whiteSpace(codePoint: 0x3000, byte: 12, where: .inside),
             english: "a space-like character <U+3000> at byte 12, inside the key line"),
        Case(name: "escape inside", bytes: Array(("jiedao\u{1B}" + publicLine.dropFirst("jiedao".count)).utf8),
             problem: .whiteSpace(codePoint: 0x1B, byte: 7, where: .inside),
             english: "the control character <U+001B> at byte 7, inside the key line"),
        Case(name: "leading space before a private key", bytes: Array((" " + privateLine + "\n").utf8),
             problem: .whiteSpace(codePoint: 0x20, byte: 1, where: .start), english: "a space <U+0020> at byte 1, before the key"),
        Case(name: "byte-order mark before a public key", bytes: [0xEF, 0xBB, 0xBF] + Array((publicLine + "\n").utf8),
             problem: .byteOrderMark, english: "the file begins with a byte-order mark <U+FEFF>"),
        Case(name: "byte-order mark before a private key", bytes: [0xEF, 0xBB, 0xBF] + Array((privateLine + "\n").utf8),
             problem: .byteOrderMark, english: "the file begins with a byte-order mark <U+FEFF>"),
    ]

    static func keyProblem(_ bytes: [UInt8]) -> AuditError? {
        let isPrivate = String(decoding: bytes, as: UTF8.self).contains("PRIVATE+KEY+")
        do {
            if isPrivate { _ = try SignerKey(fileBytes: bytes, file: "k") } else { _ = try VerifierKey(fileBytes: bytes, file: "k") }
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: keyCases) func aKeyFileNamesTheStrayCharacter(_ c: Case<AuditError.KeyProblem>) {
        let error = Self.keyProblem(c.bytes)
        #expect(error == .badKey(file: "k", problem: c.problem), "\(String(describing: error))")
        let words = AuditWords.error(.badKey(file: "k", problem: c.problem))
        #expect(words.en.hasPrefix("k: not a ledger key file: " + c.english), "\(words.en)")
        // Never the raw character: a tab or an escape in a message moves the terminal, not the clerk.
        #expect(!words.en.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } && !words.zh.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func theChineseNamesTheCharacterAndThePlace() {
        let words = AuditWords.error(.badKey(file: "k.pub", problem: .whiteSpace(codePoint: 0x20, byte: 1, where: .start)))
        #expect(words.zh == "k.pub：不是账本密钥文件：第 1 字节（密钥之前）有空格 <U+0020>：密钥文件是一行，不含空格、制表符或其他控制字符；请删去（或按“ledger keygen”写出的原样重新复制该文件）")
    }

    typealias NoteCase = Case<AuditError.NoteProblem>

    static let text = "xingfu-garden\n7\nf9d+CusM2xkHNbr70bzf1EThHctgvvSUnbS81rDsQIU=\nledger-checkpoint v1\nhead 9828f07cf29cda62a58d628243593cf5cbbd4ce776c64bd177aefdfb11981122\ntime 2025-06-30T12:00:00Z\n"

    static func note(_ text: String) -> [UInt8] { SignedNote.sign(text: Array(text.utf8), keys: [SampleLedger.signer]) }

    static let noteCases: [NoteCase] = [
        NoteCase(name: "a tab after the size", bytes: note(text.replacingFirst("\n7\n", with: "\n7\t\n")),
                 problem: .controlCharacter(codePoint: 0x09, byte: 16, line: 2),
                 english: "a tab <U+0009> at byte 16 (line 2): a checkpoint holds no control character but LF"),
        NoteCase(name: "a tab before head", bytes: note(text.replacingFirst("head ", with: "\thead ")),
                 problem: .controlCharacter(codePoint: 0x09, byte: 83, line: 5),
                 english: "a tab <U+0009> at byte 83 (line 5)"),
        NoteCase(name: "a CR LF line end", bytes: note(text.replacingFirst("v1\n", with: "v1\r\n")),
                 problem: .controlCharacter(codePoint: 0x0D, byte: 82, line: 4),
                 english: "a carriage return (CR) <U+000D> at byte 82 (line 4): only LF ends a line: the file was saved with Windows line ends (CR LF)"),
        NoteCase(name: "a C1 control in the origin", bytes: note(text.replacingFirst("xingfu-garden", with: "xingfu\u{85}garden")),
                 problem: .controlCharacter(codePoint: 0x85, byte: 7, line: 1),
                 english: "the control character <U+0085> at byte 7 (line 1)"),
    ]

    @Test(arguments: noteCases) func aCheckpointNamesTheControlCharacterAndItsLine(_ c: NoteCase) {
        #expect(throws: AuditError.badNote(file: "cp.txt", problem: c.problem)) { try Checkpoint.open(c.bytes, key: SampleLedger.signer.verifier, file: "cp.txt") }
        let words = AuditWords.error(.badNote(file: "cp.txt", problem: c.problem))
        #expect(words.en.hasPrefix("cp.txt: not a signed checkpoint: " + c.english), "\(words.en)")
        #expect(!words.en.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func aTabInACheckpointReadsInChinese() {
        let words = AuditWords.error(.badNote(file: "cp.txt", problem: .controlCharacter(codePoint: 0x09, byte: 16, line: 2)))
        #expect(words.zh == "cp.txt：不是签名的检查点：第 2 行（第 16 字节）有制表符 <U+0009>：检查点中除 LF 外不能有控制字符；检查点逐字节核对，请使用“ledger checkpoint”写出的原文件")
    }

    /// Values quoted from key and checkpoint files show a control character as its code point (`DisplayText.visible`).
    @Test(arguments: [
        (AuditError.badKeyName(name: "a\tb"), "key name \"a<U+0009>b\""),
        (AuditError.badKey(file: "k", problem: .badKeyID(text: "0a\u{1B}[2J")), "the key id \"0a<U+001B>[2J\""),
        (AuditError.badCheckpoint(file: "cp", line: 2, problem: .sizeNotDecimal(text: "7\u{7F}")), "tree size \"7<U+007F>\""),
        (AuditError.badNote(file: "r", problem: .requestLine(line: 1, problem: .badSize(text: "3\t"))), "\"3<U+0009>\" is not a tree size"),
        (AuditError.refused(.badOrigin(name: "a\nb")), "the ledger name \"a<U+000A>b\""),
        (AuditError.badBundle(file: "b", problem: .format(found: "x\u{9B}", expected: "ledger-proof/1")), "format \"x<U+009B>\""),
    ])
    func quotedValuesShowControlsAsCodePoints(_ error: AuditError, _ shown: String) {
        let words = AuditWords.error(error)
        #expect(words.en.contains(shown), "\(words.en)")
        #expect(!words.en.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!words.zh.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}

extension String {
    fileprivate func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { preconditionFailure("\(old) not in the text") }
        return replacingCharacters(in: range, with: new)
    }
}
