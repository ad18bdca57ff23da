import Foundation
import LedgerTestSupport
import LedgerPlatform

/// Locates files under the package's `testdata/` (from `SampleRecords.packageRoot`), so tests run from any directory.
enum Fixtures {
    static let packageRoot: URL = URL(fileURLWithPath: SampleRecords.packageRoot)

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    static func data(_ relative: String) throws -> Data { try Data(contentsOf: packageRoot.appendingPathComponent(relative)) }

    /// The RFC 6962 vectors file, parsed with Foundation (an independent JSON reader from the ledger's own).
    static func vectors() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try data("testdata/merkle/rfc6962-vectors.json"))
        return object as! [String: Any]
    }
}

func bytes(_ hex: Any?) -> [UInt8] {
    let text = hex as! String
    return Hex.decode(text)!
}

func digest(_ hex: Any?) -> Digest32 { Digest32(hex: hex as! String)! }

/// Reads a JSON number as UInt64, including 2^64 − 1 (a probe uses it for "index − 1" on index 0).
func uint64(_ value: Any?) -> UInt64 {
    if let n = value as? NSNumber { return n.uint64Value }
    fatalError("not a number: \(String(describing: value))")
}
