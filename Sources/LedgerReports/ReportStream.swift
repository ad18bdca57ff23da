import LedgerPlatform

/// Where a report's bytes go as they are made, in chunks of about `chunkBytes`, so that a whole city's list (hundreds
/// of MB at a million records, gigabytes at ten million) is never held whole: each chunk is handed to `deliver`
/// (standard output, a file being written) as soon as it is full. The bytes delivered, concatenated, are exactly
/// the bytes the same renderer returns whole (`RectificationReport.render(_:)`).
public final class ReportStream {
    private var buffer: [UInt8] = []
    private var delivered = 0
    private let chunkBytes: Int
    private let deliver: ([UInt8]) -> Void

    /// - Parameter deliver: called with each full chunk, then with the rest at `finish()` (never with nothing).
    public init(chunkBytes: Int = 1 << 20, _ deliver: @escaping ([UInt8]) -> Void) {
        self.chunkBytes = max(chunkBytes, 1)
        self.deliver = deliver
        buffer.reserveCapacity(self.chunkBytes + 4096)
    }

    /// A stream that keeps everything (the whole report as one array, for `render(_:)` and tests).
    static func collecting() -> (ReportStream, () -> [UInt8]) {
        final class Box { var bytes: [UInt8] = [] }
        let box = Box()
        let stream = ReportStream(chunkBytes: 1 << 16) { box.bytes += $0 }
        return (stream, { stream.finish(); return box.bytes })
    }

    /// Set by `fail`: what the report is made from could not be read to its end, so what was delivered is
    /// incomplete and must be discarded; nothing more is delivered.
    public private(set) var failure: RectificationParts.Failure?

    /// Stops the stream: the buffer is dropped and later writes and `finish()` deliver nothing.
    public func fail(_ failure: RectificationParts.Failure) {
        if self.failure == nil { self.failure = failure }
        buffer = []
    }

    public func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkBytes { flush() }
    }

    public func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkBytes { flush() }
    }

    func write(_ bytes: ArraySlice<UInt8>) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkBytes { flush() }
    }

    func append(_ byte: UInt8) {
        guard failure == nil else { return }
        buffer.append(byte)
        if buffer.count >= chunkBytes { flush() }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        delivered += buffer.count
        deliver(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// How many bytes were written so far (delivered or buffered): where the next byte written lands in the report.
    public var position: Int { delivered + buffer.count }

    /// Delivers what is left. The stream may not be written after it.
    public func finish() { flush() }
}
