import Foundation
@testable import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// ledger-spec.md sections 1 and 6: a symbolic link, or a file of another kind, at any path the directory check
/// lists (`LedgerDirectory.memberKinds`) makes the ledger unreadable — exit status 2 — for `ledger verify` and for
/// the independent Python verifier alike (an outside auditor found the two disagreeing on three of these paths).
@Suite struct SpecLinkTests {
    enum Planted: String, CaseIterable, Sendable {
        /// A symbolic link to a real file or folder of the right kind.
        case link
        /// A folder where a file belongs, or a file where the folder belongs.
        case otherKind
    }

    @Test(arguments: Planted.allCases)
    func bothVerifiersRefuseEveryListedPath(_ planted: Planted) throws {
        var checked = 0
        for member in LedgerDirectory.memberKinds {
            let cli = CLIHarness()
            let path = cli.ledgerPath
            #expect(cli.run(["init", "--name", "links"]) == 0, "\(cli.stderr)")
            #expect(cli.run(["append"], stdin: SpecConformanceTests.extra) == 0, "\(cli.stderr)")
            // The control: the sound ledger verifies with both.
            if checked == 0 { try expectBoth(path, status: 0, member.name) }
            let target = path + "/" + member.name
            try FileManager.default.createDirectory(atPath: path + "/index", withIntermediateDirectories: true)
            let real = cli.temp.path + "/real"
            if PosixFile.kind(at: target, followLinks: false) != nil {
                try FileManager.default.moveItem(atPath: target, toPath: real)
            } else if member.kind == .directory {
                try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
            } else {
                FileManager.default.createFile(atPath: real, contents: Data())
            }
            switch planted {
            case .link:
                try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: real)
            case .otherKind:
                if member.kind == .directory {
                    FileManager.default.createFile(atPath: target, contents: Data())
                } else {
                    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
                }
            }
            try expectBoth(path, status: 2, member.name)
            checked += 1
        }
        #expect(checked == LedgerDirectory.memberKinds.count && checked > 30, "every listed path, the id index's levels too")
    }

    /// `ledger verify` and scripts/verify_ledger.py (when python3 is installed) both exit with `status`.
    func expectBoth(_ path: String, status: Int32, _ name: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["verify", "--ledger", path]) == status, "\(name): ledger verify: \(cli.stdout)\(cli.stderr)")
        guard let python = TestBinaries.python3 else { return }
        let result = try TestBinaries.run(python, [SpecConformanceTests.root + "/scripts/verify_ledger.py", path])
        #expect(result.status == status, "\(name): verify_ledger.py: \(result.stdout)\(result.stderr)")
    }
}
