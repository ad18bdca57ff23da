// swift-tools-version:6.0
// The target graph is the architecture: events → chain (log and hashing) → merkle proofs
// → projections → rules → reports, with import beside them and a thin command-line front; the residents'
// publication joins reports and proofs.
// LedgerPlatform is the only module that touches C (libcrypto, glibc).
// Each target declares every module it imports (no reliance on transitive imports), so this file and README's
// code-layout table say the same thing.
import PackageDescription

let internalChecks: [SwiftSetting] = [.define("LEDGER_INTERNAL_CHECKS", .when(configuration: .debug))]

let package = Package(
    name: "common-property-ledger",
    products: [
        .executable(name: "ledger", targets: ["ledger"]),
        .executable(name: "ledger-bench", targets: ["ledger-bench"]),
        .library(name: "Ledger", targets: ["LedgerCLI"]),
    ],
    targets: [
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "LedgerPlatform", dependencies: ["COpenSSL"], swiftSettings: internalChecks),
        .target(name: "LedgerEvents", dependencies: ["LedgerPlatform"], swiftSettings: internalChecks),
        .target(name: "LedgerChain", dependencies: ["LedgerEvents", "LedgerPlatform"], swiftSettings: internalChecks),
        .target(name: "LedgerMerkle", dependencies: ["LedgerChain", "LedgerEvents", "LedgerPlatform"], swiftSettings: internalChecks),
        .target(name: "LedgerProjections", dependencies: ["LedgerChain", "LedgerEvents", "LedgerPlatform"], swiftSettings: internalChecks),
        .target(name: "LedgerRules", dependencies: ["LedgerProjections", "LedgerChain", "LedgerEvents", "LedgerPlatform"],
                swiftSettings: internalChecks),
        .target(name: "LedgerReports", dependencies: ["LedgerRules", "LedgerProjections", "LedgerEvents", "LedgerPlatform"], swiftSettings: internalChecks),
        .target(name: "LedgerImport", dependencies: ["LedgerEvents", "LedgerPlatform", "LedgerProjections"], swiftSettings: internalChecks),
        // The residents' disclosure (公示): report rows bound to Merkle proofs, so it needs both sides of the graph.
        .target(
            name: "LedgerPublication",
            dependencies: ["LedgerReports", "LedgerRules", "LedgerProjections", "LedgerChain", "LedgerMerkle", "LedgerEvents", "LedgerPlatform"],
            swiftSettings: internalChecks),
        .target(
            name: "LedgerCLI",
            dependencies: ["LedgerPlatform", "LedgerEvents", "LedgerChain", "LedgerMerkle", "LedgerProjections",
                           "LedgerRules", "LedgerReports", "LedgerImport", "LedgerPublication"],
            swiftSettings: internalChecks),
        .executableTarget(name: "ledger", dependencies: ["LedgerCLI", "LedgerPlatform"]),
        // A deterministic synthetic city, shared by the benchmark and the fault tests.
        .target(name: "LedgerSynthetic", dependencies: ["LedgerEvents"], swiftSettings: internalChecks),
        .executableTarget(
            name: "ledger-bench",
            dependencies: ["LedgerCLI", "LedgerSynthetic", "LedgerPlatform", "LedgerEvents", "LedgerChain", "LedgerMerkle",
                           "LedgerProjections", "LedgerRules", "LedgerReports", "LedgerImport"]),
        .target(
            name: "LedgerTestSupport",
            dependencies: ["LedgerPlatform", "LedgerEvents", "LedgerChain", "LedgerSynthetic"],
            path: "Tests/LedgerTestSupport"),
        .testTarget(name: "LedgerPlatformTests", dependencies: ["LedgerPlatform", "LedgerTestSupport"]),
        .testTarget(name: "LedgerEventsTests", dependencies: ["LedgerEvents", "LedgerPlatform", "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerChainTests",
            dependencies: ["LedgerChain", "LedgerEvents", "LedgerPlatform", "LedgerSynthetic", "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerMerkleTests",
            dependencies: ["LedgerMerkle", "LedgerChain", "LedgerEvents", "LedgerPlatform", "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerProjectionsTests",
            dependencies: ["LedgerProjections", "LedgerReports", "LedgerChain", "LedgerEvents", "LedgerPlatform",
                           "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerRulesTests",
            dependencies: ["LedgerRules", "LedgerProjections", "LedgerChain", "LedgerEvents", "LedgerPlatform",
                           "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerReportsTests",
            dependencies: ["LedgerReports", "LedgerRules", "LedgerProjections", "LedgerChain", "LedgerEvents",
                           "LedgerSynthetic", "LedgerTestSupport"], exclude: ["Golden"]),
        // The import tests fold earlier batches as `ledger import` does (projection → ExistingRegister).
        .testTarget(
            name: "LedgerImportTests",
            dependencies: ["LedgerImport", "LedgerCLI", "LedgerProjections", "LedgerChain", "LedgerEvents", "LedgerPlatform",
                           "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerPublicationTests",
            dependencies: ["LedgerPublication", "LedgerCLI", "LedgerMerkle", "LedgerRules", "LedgerProjections",
                           "LedgerChain", "LedgerEvents", "LedgerPlatform", "LedgerTestSupport"]),
        .testTarget(
            name: "LedgerCLITests",
            dependencies: ["LedgerCLI", "LedgerImport", "LedgerMerkle", "LedgerReports", "LedgerRules",
                           "LedgerProjections", "LedgerChain", "LedgerEvents", "LedgerPlatform", "LedgerSynthetic",
                           "LedgerTestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "LedgerBenchTests",
            dependencies: ["ledger-bench", "LedgerCLI", "LedgerProjections", "LedgerChain", "LedgerEvents",
                           "LedgerPlatform", "LedgerSynthetic", "LedgerTestSupport"]),
    ]
)
