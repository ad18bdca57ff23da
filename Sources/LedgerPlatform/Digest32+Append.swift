extension Digest32 {
    /// Appends the 32 bytes, most significant first (as `bytes`), to `out`: four 8-byte stores instead of 32 appends
    /// (the scopes' rebuild writes every record's hash into its entry).
    @inlinable public func appendBytes(to out: inout [UInt8]) {
        Bytes.appendLittleEndian(w0.byteSwapped, to: &out)
        Bytes.appendLittleEndian(w1.byteSwapped, to: &out)
        Bytes.appendLittleEndian(w2.byteSwapped, to: &out)
        Bytes.appendLittleEndian(w3.byteSwapped, to: &out)
    }
}
