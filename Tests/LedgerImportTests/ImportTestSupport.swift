import Foundation
@testable import LedgerCLI
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections
@_exported import LedgerTestSupport
import Testing

enum Fixture {
    /// The repository's testdata/registers folder, found from this source file.
    static let registersDirectory: String = SampleRecords.packageRoot + "/testdata/registers"

    static func read(_ path: String) throws -> [UInt8] { try PosixFile(path: path, mode: .read).readAll() }

    static let importedOn = CalendarDate(year: 2025, month: 1, day: 15)!

    static func options(_ fileName: String = "register.csv", _ change: (inout ImportOptions) -> Void = { _ in }) -> ImportOptions {
        var options = ImportOptions(fileName: fileName, importedOn: importedOn)
        change(&options)
        return options
    }

    /// Runs an import over in-memory text (UTF-8) or bytes.
    static func run(_ bytes: [UInt8], existing: RecordedRegister = RecordedRegister(), options: ImportOptions = options(),
                    encoding: RegisterEncoding? = nil, delimiter: CSVDelimiter? = nil,
                    chunkSize: Int = 1 << 20) throws(ImportError) -> AssetImportResult {
        try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunkSize), existing: existing,
                                   options: options, encoding: encoding, delimiter: delimiter)
    }

    static func run(_ text: String, existing: RecordedRegister = RecordedRegister(),
                    options: ImportOptions = options()) throws(ImportError) -> AssetImportResult {
        try run(Array(text.utf8), existing: existing, options: options)
    }

    /// The register `ledger import` reads from a ledger holding `events` (in this order, from seq 1).
    static func snapshot<Events: Collection>(_ events: Events) -> RecordedRegister where Events.Element == Event {
        var log = EffectiveLog()
        for (index, event) in events.enumerated() { log.apply(seq: Int64(index + 1), event: event) }
        return ImportCommand.snapshot(log)
    }

    /// Events as `ledger append` input lines, for goldens.
    static func jsonLines<Events: Collection>(_ events: Events) -> String where Events.Element == Event {
        events.map { event in
            var members: [String: JSONValue] = ["type": .string(event.type), "occurred_on": .string(event.occurredOn.description),
                                                "data": .object(event.data)]
            if let id = event.id { members["id"] = .string(id) }
            return CanonicalJSON.string(.object(members)) + "\n"
        }.joined()
    }
}
