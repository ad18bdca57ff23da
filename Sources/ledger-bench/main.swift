// ledger-bench: the city-scale benchmark, and the helper processes the fault tests drive.
//
//   ledger-bench [--events N] [--seed S] [--batch B] [--single N] [--dir D] [--keep] [--json]
//   ledger-bench phase NAME ...      one measured phase in its own process (prints one JSON line)
//   ledger-bench writer ...          appends acknowledged batches until killed (crash and stress tests)
//   ledger-bench reader ...          verifies the log over and over (stress tests)
//   ledger-bench check-city ...      checks the synthetic city against the domain rules (DomainValidator)
//   ledger-bench peer ...            the peer phase's children: journal export, timed commands, `ledger` itself
import Foundation
import LedgerCLI

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
do {
    switch arguments.first {
    case "phase": status = try Phases.run(Array(arguments.dropFirst()))
    case "writer": status = try FaultHelpers.writer(Array(arguments.dropFirst()))
    case "reader": status = try FaultHelpers.reader(Array(arguments.dropFirst()))
    case "check-city": status = try Phases.checkCity(Array(arguments.dropFirst()))
    case "peer": status = try PeerPhase.child(Array(arguments.dropFirst()))
    default: status = try Benchmark.run(arguments)
    }
} catch {
    FileHandle.standardError.write(Data("ledger-bench: error: \(error)\n".utf8))
    status = error.exitCode
}
exit(status)
