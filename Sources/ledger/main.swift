import Foundation
import LedgerCLI

exit(LedgerCLI.run(arguments: Array(CommandLine.arguments.dropFirst()), io: .standard()))
