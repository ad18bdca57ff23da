import LedgerCLI
import LedgerPlatform

// A write past `ulimit -f` fails with EFBIG and is reported, rather than killing the command silently.
ProcessSignal.ignoreFileSizeSignal()
ProcessExit.exit(LedgerCLI.run(arguments: Array(CommandLine.arguments.dropFirst()), io: .standard()))
