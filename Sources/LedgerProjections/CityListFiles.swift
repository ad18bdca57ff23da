import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The files of the whole-city lists, in the order `IndexTemporary.stems` names them.
public enum CityListFiles {
    public static let names = [CommunitiesState.fileName, AssetsState.fileName, ContractsState.fileName, DecisionsState.fileName]
}
