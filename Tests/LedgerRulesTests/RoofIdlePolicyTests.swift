import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 46a #9: a roof's normal state is unused, so the default policy does not check roofs for idleness (nor for
/// low use); a policy file naming `roof` does, as before.
@Suite struct RoofIdlePolicyTests {
    static let roof = Mini.event("r1", "asset.registered", "2023-12-01", #"{"asset_id":"A-R","community_id":"C-T","kind":"roof","name":"1号楼屋面","location":"1号楼","area_m2":"500.00","registered_on":"2023-12-01","source":{"kind":"manual"}}"#)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let kinds: [String]?
        let roofIdle: Bool
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "the default policy", kinds: nil, roofIdle: false),
        Case(name: "a policy naming roofs", kinds: ["parking", "roof"], roofIdle: true),
        Case(name: "a policy naming other kinds", kinds: ["parking", "basement"], roofIdle: false),
    ]

    @Test(arguments: cases) func roofsAreIdleOnlyWhenThePolicySaysSo(_ c: Case) throws {
        var policy = Policy()
        if let kinds = c.kinds { policy.idleAssetKinds = kinds }
        let idle = try Mini.findings([Self.roof], asOf: "2025-06-30", rule: .idle, policy: policy)
        #expect(idle.contains { $0.itemID == "A-R" } == c.roofIdle, "\(idle.map(\.key))")
        // The car space, never used, is idle under every policy that names parking.
        #expect(idle.contains { $0.itemID == "A-1" })
    }

    @Test func theDefaultKindsAreThePartsKeptToBeUsedOrLet() {
        #expect(Policy().idleAssetKinds == ["advertising", "basement", "club_room", "other", "parking"])
        #expect(Policy.assetKinds.contains("roof"))
    }
}
