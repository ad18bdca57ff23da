extension Bytes {
    /// A seeded 64-bit hash of `text`'s UTF-8 bytes when they are all ASCII, nil when one is not (or when the string
    /// has no contiguous UTF-8, a bridged string: never on Linux). For the projection's id tables
    /// (`IdInterner`): two ASCII strings are equal (`String ==`, canonical equivalence) exactly when their bytes are,
    /// so this hash is consistent with `String` equality among ASCII strings, at a fraction of `String.hashValue`'s
    /// cost (SipHash-1-3 over a `Hasher`: some 265 instructions for a 13-byte id; this: about 40). The bytes are read
    /// as little-endian words (the last word, and a short string's halves, overlapping), each folded in and mixed
    /// (MurmurHash3's finalizer after each word, a multiply for the last), the length in the seed, and the result
    /// mixed again. Not a keyed cryptographic hash (SipHash is): `seed` (the caller's, per process) keeps the slot
    /// layout, and which ids collide, from being known in advance, which makes a log built to collide unlikely but
    /// not impossible; such a log could only slow a fold (ids are at most 128 bytes), never change its answer.
    /// Always inlined: called once for each id a fold looks up, where the call, the closure's context and the optional
    /// result cost about a third of the hash.
    @inlinable @inline(__always)
    public static func asciiHash(_ text: String, seed: UInt64) -> UInt64? {
        let hash = text.utf8.withContiguousStorageIfAvailable { buffer -> UInt64? in
            let count = buffer.count
            var h = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
            guard count > 0, let base = buffer.baseAddress else { return asciiHashMix(h) }
            let raw = UnsafeRawPointer(base)
            var high: UInt64 = 0
            if count >= 8 {
                var offset = 0
                while offset + 8 < count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    high |= word
                    // A full mix after each word but the last: a difference one word makes cannot be cancelled by
                    // the next without knowing the seed (after a multiply alone it could: review21's colliding ids).
                    h = asciiHashMix(h ^ word)
                    offset += 8
                }
                let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                high |= last
                h = (h ^ last) &* 0x94D0_49BB_1331_11EB
            } else if count >= 4 {
                let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                let top = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
                let word = low | top << 32
                high |= word
                h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            } else {
                let word = UInt64(buffer[0]) | UInt64(buffer[count / 2]) << 8 | UInt64(buffer[count - 1]) << 16
                high |= word
                h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            }
            guard high & 0x8080_8080_8080_8080 == 0 else { return nil }
            return asciiHashMix(h)
        }
        return hash ?? nil
    }

    /// MurmurHash3's 64-bit finalizer.
    @inlinable @inline(__always)
    public static func asciiHashMix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}

extension Bytes {
    /// A key of `text`'s last eight UTF-8 bytes when they are all ASCII (little-endian, the top bit of every byte
    /// clear), or of the whole of a shorter string when it is all ASCII (its bytes, with `0x80 | count` in the top
    /// byte, so that no short key is a long one); nil otherwise. For a quick "can these be equal?" before a lookup
    /// (`EffectiveLog.facts(of:atSeq:asOf:)`: the ids corrections name): two strings that are equal (`String ==`,
    /// canonical equivalence) and both have a key have the same key, since an ASCII scalar is a starter that no
    /// normalisation changes, moves or merges, so each string's ASCII tail is the tail of its canonical
    /// decomposition. (Where a string has no key, only a full comparison tells.)
    @inlinable @inline(__always)
    public static func asciiSuffixKey(_ text: String) -> UInt64? {
        let key = text.utf8.withContiguousStorageIfAvailable { buffer -> UInt64? in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return 0x80 << 56 }
            let raw = UnsafeRawPointer(base)
            if count >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                return word & 0x8080_8080_8080_8080 == 0 ? word : nil
            }
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(buffer[index]) << (8 * UInt64(index)) }
            guard word & 0x8080_8080_8080_8080 == 0 else { return nil }
            return word | (0x80 | UInt64(count)) << 56
        }
        return key ?? nil
    }
}
