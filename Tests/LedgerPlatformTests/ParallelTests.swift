import LedgerPlatform
import Testing

/// `Parallel.pipeline`: two stages on two threads, values in order, every value consumed before it returns.
@Suite struct ParallelTests {
    @Test(arguments: [1, 2, 5, 64, 5000])
    func everyValueArrivesInOrder(groupSize: Int) {
        var seen: [Int] = []
        let sent = Parallel.pipeline(groupSize: groupSize, groupsAhead: 2, produce: { (send: (Int) -> Void, _: () -> Void) -> Int in
            for value in 0..<3001 { send(value) }
            return 3001
        }, consume: { seen.append($0) })
        #expect(sent == 3001 && seen == Array(0..<3001))
    }

    /// After `close` the producer goes on with other work while the consumer finishes; both are done on return.
    @Test func theProducerWorksOnAfterClosing() {
        var sum = 0
        var after = 0
        Parallel.pipeline(groupSize: 10, groupsAhead: 1, produce: { (send: (Int) -> Void, close: () -> Void) in
            for value in 1...1000 { send(value) }
            close()
            for value in 1...1000 { after += value }
        }, consume: { sum += $0 })
        #expect(sum == 500_500 && after == 500_500)
    }

    struct Stop: Error, Equatable {}

    /// A producer's error is rethrown, after the consumer has taken everything sent before it.
    @Test func aProducersErrorComesAfterWhatItSent() {
        var seen = 0
        #expect(throws: Stop()) {
            try Parallel.pipeline(groupSize: 3, produce: { (send: (Int) -> Void, _: () -> Void) throws(Stop) in
                for value in 0..<100 { send(value) }
                throw Stop()
            }, consume: { _ in seen += 1 })
        }
        #expect(seen == 100)
    }
}
