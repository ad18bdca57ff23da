import LedgerEvents

extension Projection {
    /// Debug builds (`LEDGER_INTERNAL_CHECKS`) check what the fold has just built, as the Merkle index checks what it
    /// has just written (`MerkleIndex.checkInvariants(writtenFrom:)`, after swift-collections' `_checkInvariants`);
    /// release builds compile it to nothing. These hold for every log, a damaged or hand-written one included (the
    /// fold turns a fact it cannot apply into an anomaly, never into a half-applied entity), so a failure here is a
    /// bug in the fold, not a property of the input:
    /// - each entity is filed under its own id;
    /// - the movements are in fold order (their dates never go back); each belongs to exactly one fund's
    ///   `movementIndexes`, which rise; a transfer's two halves sum to zero;
    /// - every index an entity keeps (a contract's payments, a decision's movements, an asset's spendings and
    ///   inspections, a community's disclosures) names an item that names that entity back, and every id a
    ///   community, an asset or a decision lists is an entity that names it.
    func checkInvariants() {
        #if LEDGER_INTERNAL_CHECKS
        func filed<Entity>(_ table: EntityMap<Entity>, _ id: (Entity) -> String, _ what: String) {
            for (key, entity) in table { precondition(id(entity) == key, "\(what) \(key) is filed under its own id") }
        }
        filed(communities, \.id, "community"); filed(assets, \.id, "asset"); filed(funds, \.id, "fund")
        filed(contracts, \.id, "contract"); filed(decisions, \.id, "decision"); filed(uses, \.id, "use")
        filed(occupations, \.id, "occupation")

        for (earlier, later) in zip(movements, movements.dropFirst()) {
            precondition(earlier.date <= later.date, "movements are in fold order")
        }
        var owner = [Int?](repeating: nil, count: movements.count)
        var transferSum: Int64 = 0
        for (id, fund) in funds {
            precondition(zip(fund.movementIndexes, fund.movementIndexes.dropFirst()).allSatisfy { $0 < $1 },
                         "fund \(id)'s movements rise")
            for index in fund.movementIndexes {
                precondition(movements.indices.contains(index) && owner[index] == nil && movements[index].fundID == id,
                             "movement \(index) belongs to fund \(id) alone")
                owner[index] = index
            }
            for assertion in fund.assertions { precondition(assertion.fundID == id, "fund \(id)'s balance statements are its own") }
        }
        precondition(owner.allSatisfy { $0 != nil }, "every movement belongs to a fund")
        for movement in movements where movement.kind == .transferIn || movement.kind == .transferOut {
            transferSum &+= movement.signedAmount.fen
        }
        precondition(transferSum == 0, "a transfer's two halves sum to zero")

        func names(_ indexes: [Int], _ count: Int, _ check: (Int) -> Bool, _ what: String) {
            for index in indexes { precondition(index >= 0 && index < count && check(index), what) }
        }
        for (id, contract) in contracts {
            names(contract.paymentIndexes, movements.count, { movements[$0].kind == .income && movements[$0].contractID == id },
                  "contract \(id)'s payments name it")
        }
        for (id, decision) in decisions {
            names(decision.movementIndexes, movements.count, { movements[$0].decisionID == id }, "decision \(id)'s movements name it")
            // Also the acts that cited it before it was folded (a ratification: linked when the decision came).
            for contractID in decision.contractIDs {
                precondition(contracts[contractID]?.terms.decisionID == id, "decision \(id)'s contract \(contractID) names it")
            }
            for useID in decision.useIDs {
                guard let use = uses[useID], case .decision(let cited) = use.authority, cited == id else {
                    preconditionFailure("decision \(id)'s use \(useID) names it")
                }
            }
        }
        for (id, asset) in assets {
            names(asset.spendingIndexes, movements.count, { movements[$0].kind == .spending && movements[$0].assetIDs.contains(id) },
                  "asset \(id)'s spendings name it")
            names(asset.inspectionIndexes, inspections.count, { inspections[$0].assetID == id }, "asset \(id)'s inspections name it")
            for useID in asset.useIDs { precondition(uses[useID]?.assetID == id, "asset \(id)'s use \(useID) names it") }
            for occupationID in asset.occupationIDs {
                precondition(occupations[occupationID]?.assetID == id, "asset \(id)'s occupation \(occupationID) names it")
            }
            for contractID in asset.contractIDs {
                precondition(contracts[contractID]?.terms.assetIDs.contains(id) == true, "asset \(id)'s contract \(contractID) names it")
            }
        }
        for (id, community) in communities {
            for assetID in community.assetIDs { precondition(assets[assetID]?.communityID == id, "community \(id)'s asset \(assetID) is its own") }
            for fundID in community.fundIDs { precondition(funds[fundID]?.communityID == id, "community \(id)'s fund \(fundID) is its own") }
            names(community.disclosureIndexes, disclosures.count, { disclosures[$0].terms.communityID == id },
                  "community \(id)'s disclosures name it")
        }
        #endif
    }
}
