import LedgerCLI
import LedgerPlatform

ProcessExit.exit(LedgerCLI.run(arguments: Array(CommandLine.arguments.dropFirst()), io: .standard()))
