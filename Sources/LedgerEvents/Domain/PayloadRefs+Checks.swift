/// What the checks' fold (`CheckFold`, ledger-spec.md 15.4) takes of a registering record, and of the other
/// records the rebuild decoded only for it, read from the payload's bytes: the entity the record registers or ends
/// and the ids it references, in the order the fold notes them (`Registers.register`, then
/// `Registers.checkReferences`). The fields are checked as `links` checks them (every field and rule of the type's
/// schema, ids and texts on their fast branches), so that it vouches only for payloads `PayloadCodec.decode`
/// accepts, with exactly those ids; `PayloadRefsChecksTests` holds it to the decoded payload.
extension PayloadRefs {
    /// What a record registers or ends, from its bytes.
    public struct CheckChange: Sendable, Equatable {
        public enum Verb: Sendable, Equatable {
            /// Registers the entity (`community`: its community, when the type names one).
            case registers
            /// Ends it (retired, terminated, ended, cleared).
            case ends
        }
        public let verb: Verb
        public let kind: IdKind
        public let id: Range<Int>
        /// The registration's `community_id` (nil for an ending, a use and an occupation).
        public let community: Range<Int>?
    }

    /// Whether `checks` may vouch for payloads of `type`: the registering types that register or end one entity
    /// by its id alone (not a community, whose terms the fold keeps; not an import, whose file it keeps; not a
    /// rectification step or an erasure), and the referencing types the rebuild decodes (`asset.updated`,
    /// `disclosure.published`).
    @inlinable public static func readsChecks(_ type: EventType) -> Bool {
        switch type {
        case .assetRegistered, .assetRetired, .fundOpened, .decisionRecorded, .contractSigned, .contractTerminated,
             .useStarted, .useEnded, .occupationReported, .occupationCleared, .assetUpdated, .disclosurePublished:
            return true
        default: return false
        }
    }

    /// Reads `data` (a record's canonical `data` object, of an event dated `occurredOn`) as a payload of `type` and
    /// appends the ids the checks' fold references to `refs`, each with whether it is referenced as an asset that
    /// must not be retired, and sets `change` to what it registers or ends (nil: nothing). False (`refs` as it was,
    /// `change` nil) when it cannot vouch that `PayloadCodec.decode` accepts the payload with exactly those ids: the
    /// caller then decodes in full. `scratch` is reused between calls (its contents replaced).
    public static func checks(_ type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>, into refs: inout [Ref],
                              change: inout CheckChange?, scratch: inout [Ref]) -> Bool {
        change = nil
        guard readsChecks(type) else { return false }
        scratch.removeAll(keepingCapacity: true)
        var importID: Range<Int>? = nil
        // The commonest registering types in the canonical member order, else by the member table: `links`' answer.
        guard fixedLinks(type, occurredOn: occurredOn, data: data, into: &scratch, importID: &importID) else { return false }
        // `links`' order per type (PayloadRefs.swift) is turned into the fold's.
        func note(_ ref: Ref, notRetired: Bool = false) { refs.append(Ref(kind: ref.kind, range: ref.range, notRetired: notRetired)) }
        func registers(_ ref: Ref, community: Range<Int>?) -> CheckChange {
            CheckChange(verb: .registers, kind: ref.kind, id: ref.range, community: community)
        }
        func ends(_ ref: Ref) -> CheckChange {
            note(ref)
            return CheckChange(verb: .ends, kind: ref.kind, id: ref.range, community: nil)
        }
        switch type {
        case .assetRegistered:
            // asset, community: the community referenced, then the source's import.
            note(scratch[1])
            if let importID { refs.append(Ref(kind: .import, range: importID, notRetired: false)) }
            change = registers(scratch[0], community: scratch[1].range)
            return true
        case .assetUpdated:
            // asset: referenced where a retirement matters, then the source's import.
            note(scratch[0], notRetired: true)
            if let importID { refs.append(Ref(kind: .import, range: importID, notRetired: false)) }
            return true
        case .fundOpened:
            // fund, community.
            note(scratch[1])
            change = registers(scratch[0], community: scratch[1].range)
            return true
        case .decisionRecorded:
            // decision, community, the authorised contract (not referenced by the fold), the authorised assets.
            note(scratch[1])
            for ref in scratch.dropFirst(2) where ref.kind == .asset { note(ref, notRetired: true) }
            change = registers(scratch[0], community: scratch[1].range)
            return true
        case .contractSigned:
            // contract, community, decision, payee fund, assets: the fold notes the assets before the decision and fund.
            note(scratch[1])
            for ref in scratch.dropFirst(2) where ref.kind == .asset { note(ref, notRetired: true) }
            for ref in scratch.dropFirst(2) where ref.kind == .decision { note(ref) }
            for ref in scratch.dropFirst(2) where ref.kind == .fund { note(ref) }
            change = registers(scratch[0], community: scratch[1].range)
            return true
        case .useStarted:
            // use, asset, the authority (a contract or a decision).
            note(scratch[1], notRetired: true)
            for ref in scratch.dropFirst(2) { note(ref) }
            change = registers(scratch[0], community: nil)
            return true
        case .occupationReported:
            // occupation, asset.
            note(scratch[1], notRetired: true)
            change = registers(scratch[0], community: nil)
            return true
        case .assetRetired, .contractTerminated, .useEnded, .occupationCleared:
            change = ends(scratch[0])
            return true
        case .disclosurePublished:
            // community, funds: the fold's order.
            for ref in scratch { note(ref) }
            return true
        default:
            return false
        }
    }
}
