import LedgerEvents
import Testing

/// How the limits relate; Swift has no compile-time assertions, so they are checked here.
@Suite struct LimitsTests {
    @Test func limitsFitEachOther() {
        // An import is one batch: one register.imported event plus one event per data row (rows count the header).
        #expect(Limits.csvRowsMax <= Limits.batchEventsMax)
        // Every event line fits in a record line with its envelope.
        #expect(Limits.eventBytesMax + 4096 <= Limits.recordBytesMax)
        // Money in fen stays an exact JSON integer.
        #expect(Limits.amountFenMax <= Limits.jsonIntegerMax)
        #expect(Limits.stringBytesMax < Limits.eventBytesMax)
        #expect(Limits.csvFieldBytesMax <= Limits.stringBytesMax)
        #expect(Limits.idBytesMax < Limits.stringBytesMax)
    }
}
