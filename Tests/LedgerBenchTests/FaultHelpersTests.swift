import LedgerCLI
import Testing
@testable import ledger_bench

/// `ledger-bench writer`, the fault tests' writer process: an id policy it cannot keep is refused before any
/// ledger is opened, not read as another one (`64,x,128` as `64,128`, `128,64` as `128,128`).
@Suite struct FaultHelpersTests {
    static func usage(_ arguments: [String]) -> String? {
        do {
            _ = try FaultHelpers.writer(arguments)
            return nil
        } catch {
            guard case .usage(let message) = error else { return "not a usage error: \(error)" }
            return message.en
        }
    }

    @Test(arguments: ["64,x,128", "128,64", "0,64", "64,0", "64", "64,128,256", "", "-64,128"])
    func theWriterRefusesAnIdPolicyItCannotKeep(policy: String) {
        let missing = "/nonexistent-ledger-fault-helpers-30"
        #expect(Self.usage(["--ledger", missing, "--id-policy", policy])?.contains("--id-policy") == true, "\(policy)")
    }

    /// A policy it can keep goes on to the ledger (missing here: another refusal, not about the policy).
    @Test(arguments: ["64,64", "64,128", "1024,65536"])
    func theWriterTakesAPolicyItCanKeep(policy: String) {
        let missing = "/nonexistent-ledger-fault-helpers-30"
        let refusal = Self.usage(["--ledger", missing, "--id-policy", policy])
        #expect(refusal?.contains("--id-policy") != true, "\(policy): \(refusal ?? "no refusal")")
    }
}
