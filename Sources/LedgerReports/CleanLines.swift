import LedgerPlatform

/// `TextClean.lines` applied to text given piece by piece: no trailing blanks on a line, `\n` line ends, trailing
/// empty lines dropped, one final newline — the same bytes as cleaning the concatenated text at once, wherever the
/// pieces are cut (a line, and a CR before an LF, may span pieces).
struct CleanLines {
    let stream: ReportStream
    private var line: [UInt8] = []
    private var previous: UInt8 = 0
    private var emptyRun = 0  // empty lines held back until a non-empty one follows (trailing ones are dropped)
    private var first = true

    init(_ stream: ReportStream) { self.stream = stream }

    /// Whether everything written so far ended with a whole non-empty line and nothing is held back: the stream then
    /// holds every byte before that line's LF (written when the next line starts), and whatever whole lines follow
    /// are written as the same bytes wherever they came from. A kept part of a list (`RectificationParts.Piece.kept`)
    /// is cut and put back only at such points.
    var atPartBoundary: Bool { line.isEmpty && emptyRun == 0 && !first && previous == 0x0A }

    /// (The text's UTF-8 copied once into an array: callers hand over pieces of 64 KB.)
    mutating func write(_ text: String) { write(Array(text.utf8)) }

    /// `write(String(decoding: bytes, as: UTF8.self))` for bytes that are valid UTF-8 (`ReportBytes`).
    mutating func write(_ bytes: [UInt8]) {
        var start = 0
        var from = 0
        let count = bytes.count
        // A run of whole lines of this piece that need nothing (not empty, no trailing blank) is written as it lies:
        // the LFs between them are the LFs `startLine` would write, so one write stands for a write per line.
        var run: Range<Int>? = nil
        // From one LF to the next (memchr).
        while let index = Bytes.firstIndex(of: 0x0A, in: bytes, from: from, to: count) {
            // A line ends at an LF not preceded by CR (CR LF is one Character, which never equals "\n").
            if (index > 0 ? bytes[index - 1] : previous) != 0x0D {
                if line.isEmpty {
                    // The whole line is in this piece: written from it, not copied into `line` first.
                    if index > start, bytes[index - 1] != 0x20, bytes[index - 1] != 0x09 {
                        if let r = run, r.upperBound + 1 == start { run = r.lowerBound..<index } else {
                            if let r = run { startLine(bytes[r]) }
                            run = start..<index
                        }
                    } else {
                        if let r = run { startLine(bytes[r]); run = nil }
                        emit(bytes[start..<index])
                    }
                } else {
                    line.append(contentsOf: bytes[start..<index])
                    emit()
                }
                start = index + 1
            }
            from = index + 1
        }
        if let r = run { startLine(bytes[r]) }
        line.append(contentsOf: bytes[start..<count])
        if count > 0 { previous = bytes[count - 1] }
    }

    private mutating func emit() {
        // Taken out of `self` while it is written (the write mutates `self`), then put back empty with its capacity.
        var held: [UInt8] = []
        swap(&held, &line)
        emit(held[...])
        held.removeAll(keepingCapacity: true)
        line = held
    }

    /// Writes one line (without its LF).
    private mutating func emit(_ bytes: ArraySlice<UInt8>) {
        if let last = bytes.last, last == 0x20 || last == 0x09 {
            // Trailing blanks are stripped as Characters (a blank can belong to a cluster before it).
            var l = Substring(String(decoding: bytes, as: UTF8.self))
            while l.last == " " || l.last == "\t" { l.removeLast() }
            startLine(Array(l.utf8)[...])
            return
        }
        startLine(bytes)
    }

    /// Writes one line (or a run of lines that need nothing, with the LFs between them), after the empty lines held.
    private mutating func startLine(_ bytes: ArraySlice<UInt8>) {
        if bytes.isEmpty { emptyRun += 1; return }
        for _ in 0..<emptyRun { if !first { stream.append(0x0A) }; first = false }
        emptyRun = 0
        if !first { stream.append(0x0A) }
        first = false
        stream.write(bytes)
    }

    /// Ends the last line and writes the final newline (the stream itself is finished by its owner).
    mutating func finish() {
        emit()
        stream.append(0x0A)
    }
}
