import Dispatch
internal import FoundationEssentials

/// Runs independent pieces of work on the machine's cores. The only place where results cross threads, so the
/// `@unchecked Sendable` it needs stays in this module.
public enum Parallel {
    /// `body(0)`, …, `body(count − 1)` run concurrently (Dispatch's concurrentPerform); the results come back in
    /// index order. Each call writes only its own slot, under a lock.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        precondition(count >= 0, "a count of work items is not negative")
        let results = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in results.set(index, body(index)) }
        return results.values()
    }

    /// Active processor count (at least 1), asked of the system once per process: asking costs a system call and a
    /// parse (some 0.08 ms in a profile), and every scan of a chunk asked it again.
    public static let coreCount: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}

extension Parallel {
    /// `map(count, body)` while `file` is read at `offset` (up to `bytes` bytes) into `buffer` on the same cores,
    /// as one more piece of work: a scan reads its next chunk while the cores work on the one it holds. The read
    /// starts first; `buffer`'s storage is moved to the reading thread and back, never copied.
    /// - Returns: the read's error, if any (`buffer` then holds what was read, maybe nothing), and the results.
    public static func map<T: Sendable>(_ count: Int, reading file: PosixFile, at offset: Int64, bytes: Int,
                                        into buffer: inout [UInt8], _ body: @Sendable (Int) -> T) -> (readError: FileError?, results: [T]) {
        precondition(count >= 0, "a count of work items is not negative")
        let read = PendingRead(file: file, buffer: buffer)
        buffer = []   // the box holds the only reference: the read fills the storage in place
        let results = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count + 1) { index in
            if index == 0 { read.run(at: offset, bytes: bytes) } else { results.set(index - 1, body(index - 1)) }
        }
        buffer = read.buffer
        read.buffer = []
        return (read.error, results.values())
    }
}

extension Parallel {
    /// `map(count, reading: file, at: offset, bytes: bytes, into: &buffer, body)` started on other threads: the
    /// caller goes on with its own work (a scan checks the chunk before while the cores scan this one and read the
    /// next) and collects the results with `Started.wait()`. `buffer`'s storage moves to the reading thread and
    /// comes back from `wait`, never copied. With one core the work is done here, before this returns.
    public static func start<T: Sendable>(_ count: Int, reading file: PosixFile, at offset: Int64, bytes: Int,
                                          into buffer: inout [UInt8],
                                          _ body: @escaping @Sendable (Int) -> T) -> Started<T> {
        precondition(count >= 0, "a count of work items is not negative")
        let started = Started<T>(read: PendingRead(file: file, buffer: buffer), count: count, body: body)
        buffer = []   // the box holds the only reference: the read fills the storage in place
        if coreCount > 1 {
            DispatchQueue.global().async { started.run(at: offset, bytes: bytes) }
        } else {
            started.run(at: offset, bytes: bytes)
        }
        return started
    }

    /// Work begun by `Parallel.start`; `wait` gives its results once.
    public final class Started<T: Sendable>: @unchecked Sendable {
        private let read: PendingRead
        private let results: Slots<T>
        private let count: Int
        /// Dropped as soon as the work is done, with what it holds (a scan's chunk, which the caller then reuses
        /// without a copy).
        private var body: (@Sendable (Int) -> T)?
        private let done = DispatchSemaphore(value: 0)
        /// Signalled as soon as the read is done (it is the first piece of work taken), before the rest may be.
        private let readDone = DispatchSemaphore(value: 0)
        private var waited = false
        private var readTaken = false

        fileprivate init(read: PendingRead, count: Int, body: @escaping @Sendable (Int) -> T) {
            self.read = read
            self.results = Slots<T>(count)
            self.count = count
            self.body = body
        }

        fileprivate func run(at offset: Int64, bytes: Int) {
            if let body {
                let read = self.read, results = self.results
                let readDone = self.readDone
                DispatchQueue.concurrentPerform(iterations: count + 1) { index in
                    if index == 0 {
                        read.run(at: offset, bytes: bytes)
                        readDone.signal()
                    } else {
                        results.set(index - 1, body(index - 1))
                    }
                }
            }
            body = nil
            done.signal()
        }

        /// Waits for the read alone, which ends before the rest of the work as a rule (it is taken first), and
        /// hands over its buffer (never copied) and error: a scan starts the next chunk's work with it while this
        /// work is still running, so that the cores never wait at the end of a chunk for the next one to be
        /// started. `wait()` then gives an empty buffer.
        public func waitForRead() -> (buffer: [UInt8], readError: FileError?) {
            precondition(!waited && !readTaken, "a started run's read is taken once, before its results")
            readTaken = true
            readDone.wait()
            let buffer = read.buffer
            read.buffer = []
            return (buffer, read.error)
        }

        /// Waits for the work: the buffer read (its storage, never copied; empty when `waitForRead` took it), the
        /// read's error if any, and the results in index order.
        public func wait() -> (buffer: [UInt8], readError: FileError?, results: [T]) {
            precondition(!waited, "a started run is waited for once")
            waited = true
            done.wait()
            let buffer = read.buffer
            read.buffer = []
            return (buffer, read.error, results.values())
        }
    }
}

/// A read handed to another thread by `Parallel.map(_:reading:at:bytes:into:_:)`, which waits for it before it
/// touches the buffer again.
private final class PendingRead: @unchecked Sendable {
    let file: PosixFile
    var buffer: [UInt8]
    var error: FileError? = nil

    init(file: PosixFile, buffer: [UInt8]) {
        self.file = file
        self.buffer = buffer
    }

    func run(at offset: Int64, bytes: Int) {
        do { try file.read(at: offset, count: bytes, into: &buffer) } catch { self.error = error }
    }
}

private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = PosixLock()

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The results, moved out (called once): the caller holds the only reference to each, so a result that is
    /// an array can be handed back to an `ArrayPool` and refilled in place.
    func values() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        let out = slots.map { value in
            guard let value else { preconditionFailure("every parallel work item stores its result") }
            return value
        }
        slots = []
        return out
    }
}

extension Parallel {
    /// Runs `produce` on this thread and `consume` on a second one, over the values `produce` sends, in the order
    /// sent: a two-stage pipeline (e.g. one thread reads and verifies a log while the other decodes and folds it).
    /// Values cross in groups of `groupSize`, at most `groupsAhead` groups waiting, so memory stays bounded and
    /// the producer waits when the consumer lags. `produce` may call `close` once it sends no more, and go on with
    /// other work while `consume` finishes. `consume` has seen every value sent when this returns, also when
    /// `produce` throws (its error is rethrown after). With one core (or no thread to be had), both stages run on
    /// this thread, in turn.
    ///
    /// `produce`'s outcome is held as a `Result<R, E>` value until `consume` has finished: a typed error that must
    /// wait for another thread before it is thrown. That is the one shape the ledger keeps a `Result` in (issue 17:
    /// readers throw, none returns a `Result`); a caller that judges the producer's failure against the consumer's
    /// (the rebuild's pass) returns one from `produce` for the same reason.
    ///
    /// The caller hands values to the other thread: nothing it sends may be touched by `produce` afterwards, and
    /// `consume` must not share mutable state with `produce` (they run at the same time).
    public static func pipeline<T, R, E: Error>(groupSize: Int = 1024, groupsAhead: Int = 4,
                                                produce: (_ send: (T) -> Void, _ close: () -> Void) throws(E) -> R,
                                                consume: (T) -> Void) throws(E) -> R {
        precondition(groupSize > 0 && groupsAhead > 0, "a pipeline moves groups of at least one value")
        return try withoutActuallyEscaping(consume) { (consume) throws(E) -> R in
            let box = UncheckedBox(consume)
            guard coreCount > 1 else {
                defer { box.value = nil }
                return try produce({ box.value?($0) }, {})
            }
            let channel = Channel<T>(capacity: groupsAhead)
            let done = DispatchSemaphore(value: 0)
            let started = PosixThread.start(stackSize: 8 << 20) {
                if let consume = box.value {
                    while let group = channel.take() { for value in group { consume(value) } }
                }
                // The closure must not outlive this call (`withoutActuallyEscaping`), and the thread's context may.
                box.value = nil
                done.signal()
            }
            guard started else {   // no thread to be had: both stages here, in turn, as with one core
                defer { box.value = nil }
                return try produce({ box.value?($0) }, {})
            }
            var group: [T] = []
            group.reserveCapacity(groupSize)
            var closed = false
            func close() {
                guard !closed else { return }
                closed = true
                if !group.isEmpty { channel.put(group) }
                group = []
                channel.close()
            }
            // Kept while the consumer drains the channel, then rethrown (see the doc comment: why a `Result` here).
            let result: Result<R, E>
            do throws(E) {
                result = .success(try produce({ value in
                    precondition(!closed, "nothing is sent after close")
                    group.append(value)
                    if group.count >= groupSize {
                        channel.put(group)
                        group = []
                        group.reserveCapacity(groupSize)
                    }
                }, close))
            } catch {
                result = .failure(error)
            }
            close()
            done.wait()
            return try result.get()
        }
    }
}

extension Parallel {
    /// Runs `second` on a thread of its own while `first` runs on this one, and returns both results once both
    /// are done (e.g. a derived file written and fsynced while the command's answer is rendered). With one core (or
    /// no thread to be had), `first` then `second` on this thread. The two must not share mutable state (they run
    /// at the same time).
    public static func together<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        guard coreCount > 1 else {
            let a = first()
            return (a, second())
        }
        return withoutActuallyEscaping(second) { second -> (A, B) in
            let box = UncheckedBox(second)
            let result = UncheckedBox<B?>(nil)
            let done = DispatchSemaphore(value: 0)
            let started = PosixThread.start(stackSize: 8 << 20) {
                if let second = box.value { result.value = second() }
                // The closure must not outlive this call (`withoutActuallyEscaping`), and the thread's context may.
                box.value = nil
                done.signal()
            }
            guard started else {   // no thread to be had: one after the other, as with one core
                box.value = nil
                let a = first()
                return (a, second())
            }
            let a = first()
            done.wait()
            guard let b = result.value ?? nil else { preconditionFailure("the second closure ran") }
            return (a, b)
        }
    }
}

extension Parallel {
    /// Runs `first` on this thread while the other cores take pieces `0..<count` of `piece`, one at a time and in
    /// order; once `first` is done this thread takes the pieces still left, unless `first` returned false for
    /// `keepGoing` (then no piece is begun any more). Returns `first`'s result and every piece's result in index
    /// order (nil for a piece never begun), once every piece begun is done. No thread waits for another's share:
    /// a core busy with other work takes fewer pieces (e.g. a batch's lines made while its ids are resolved).
    /// With one core, `first` and then the pieces on this thread. Pieces run on the system's worker threads.
    public static func alongside<A, T: Sendable>(_ first: () -> (value: A, keepGoing: Bool), pieces count: Int,
                                                 _ piece: @escaping @Sendable (Int) -> T) -> (A, [T?]) {
        precondition(count >= 0, "a count of pieces is not negative")
        let shared = SharedPieces<T>(count, piece)
        if coreCount > 1 {
            for _ in 0..<min(coreCount - 1, count) { DispatchQueue.global().async { shared.work() } }
        }
        let (value, keepGoing) = first()
        if keepGoing { shared.work() } else { shared.stop() }
        // No piece is begun after this: wait for those begun elsewhere, not for a dispatched block that has not
        // started yet (on a busy machine, a wait for a worker thread to be scheduled only to find nothing left);
        // such a block finds no piece and returns without touching the results.
        shared.waitForBegun()
        return (value, shared.values())
    }
}

extension Parallel {
    /// Begins `work` on a thread of its own and returns at once; `Begun.join()` waits for it and gives its result.
    /// Unlike `together` and `alongside`, the work outlives this call: the caller goes on with other calls (e.g.
    /// the writer's id table written and synced while the next batches are appended) and joins when it needs the
    /// result. With one core (or no thread to be had), `work` runs here before this returns.
    ///
    /// What `work` captures is handed to the other thread: the caller must not change it (nor read what `work`
    /// changes) until `join` has returned, and must join before anything `work` relies on goes away (a writer
    /// joins before it releases its lock).
    public static func begin<T>(_ work: @escaping () -> T) -> Begun<T> {
        let begun = Begun<T>()
        guard coreCount > 1 else {
            begun.finish(work())
            return begun
        }
        let box = UncheckedBox(work)
        let started = PosixThread.start(stackSize: 8 << 20) {
            // The closure is let go before the result is handed over, so what it captured is released by the time
            // `join` returns (a caller may then change it in place without a copy).
            let result = Begun<T>.run(box)
            begun.finish(result)
        }
        if !started { begun.finish(Begun<T>.run(box)) }   // no thread to be had: here, as with one core
        return begun
    }

    /// Work begun by `Parallel.begin`, joined once.
    public final class Begun<T>: @unchecked Sendable {
        private var result: T? = nil
        private var done = false
        private var joined = false
        private let condition = PosixCondition()

        fileprivate init() {}

        fileprivate static func run(_ box: UncheckedBox<() -> T>) -> T {
            guard let work = box.value else { preconditionFailure("begun work runs once") }
            box.value = nil
            return work()
        }

        fileprivate func finish(_ value: T) {
            condition.lock()
            result = value
            done = true
            condition.broadcast()
            condition.unlock()
        }

        /// Whether the work is done (`join` would not wait).
        public var isDone: Bool {
            condition.lock()
            defer { condition.unlock() }
            return done
        }

        /// Waits until the work is done and gives its result (called once).
        public func join() -> T {
            condition.lock()
            defer { condition.unlock() }
            precondition(!joined, "begun work is joined once")
            joined = true
            while !done { condition.wait() }
            guard let value = result else { preconditionFailure("begun work stores its result") }
            result = nil
            return value
        }
    }
}

/// The pieces of `Parallel.alongside`: the next piece to begin and the results, under a lock. (Internal, not
/// private: its tests take the part of a dispatched block that starts late.)
final class SharedPieces<T>: @unchecked Sendable {
    private let count: Int
    /// Let go by `values()`, on the caller's thread: what the pieces captured (a batch's events) is then released
    /// there, inside the call, and never by a dispatched block that starts late, finds nothing left and drops the
    /// last reference to this object after the caller has moved on (it then freed the caller's batch on another
    /// core, during the caller's next call: session 50, docs/perf-batch50.md).
    private var piece: (@Sendable (Int) -> T)?
    private var next = 0
    /// Pieces begun and not yet done.
    private var running = 0
    private var results: [T?]
    private let lock = PosixCondition()

    init(_ count: Int, _ piece: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.piece = piece
        self.results = Array(repeating: nil, count: count)
    }

    /// Takes pieces until none is left.
    func work() {
        while true {
            lock.lock()
            guard next < count, let piece else {
                lock.unlock()
                return
            }
            let index = next
            next += 1
            running += 1
            lock.unlock()
            // This thread's copy of the closure is let go before the piece is counted done, so that once the caller
            // has the results no worker holds it (`values()`).
            let result = Self.run(consume piece, index)
            lock.lock()
            results[index] = result
            running -= 1
            if running == 0 { lock.broadcast() }
            lock.unlock()
        }
    }

    /// `body(index)`, `body` released before this returns.
    private static func run(_ body: consuming @escaping @Sendable (Int) -> T, _ index: Int) -> T { body(index) }

    /// Waits until every piece begun is done (called once no piece can be begun any more).
    func waitForBegun() {
        lock.lock()
        while running > 0 { lock.wait() }
        lock.unlock()
    }

    /// No piece is begun after this.
    func stop() {
        lock.lock()
        next = count
        lock.unlock()
    }

    /// The results, moved out (called once every piece begun is done); the pieces' closure is let go here.
    func values() -> [T?] {
        lock.lock()
        let out = results
        results = []
        next = count
        let body = piece
        piece = nil
        lock.unlock()
        // Released after the lock: what it captured may be much to free.
        withExtendedLifetime(body) {}
        return out
    }
}

/// A value moved to another thread by `Parallel` alone, which orders every access (the channel's lock, the
/// semaphore that ends a pipeline).
private final class UncheckedBox<V>: @unchecked Sendable {
    var value: V?
    init(_ value: V) { self.value = value }
}

/// A bounded queue of groups between one producer and one consumer thread.
private final class Channel<T>: @unchecked Sendable {
    private var groups: [[T]] = []
    private var head = 0
    private var closed = false
    private let capacity: Int
    private let condition = PosixCondition()

    init(capacity: Int) { self.capacity = capacity }

    func put(_ group: [T]) {
        condition.lock()
        while groups.count - head >= capacity { condition.wait() }
        groups.append(group)
        condition.broadcast()
        condition.unlock()
    }

    /// The next group, or nil once the channel is closed and drained.
    func take() -> [T]? {
        condition.lock()
        defer { condition.unlock() }
        while head == groups.count && !closed { condition.wait() }
        guard head < groups.count else { return nil }
        let group = groups[head]
        groups[head] = []
        head += 1
        if head > 64 { groups.removeFirst(head); head = 0 }
        condition.broadcast()
        return group
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
