#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// The one-shot SHA-256 of a record (LedgerPlatform/SHA256.swift) uses the low-level SHA256_Init/Update/Final on a
// stack context: OpenSSL 3 marks them deprecated, but they run the same block function as EVP without the
// provider dispatch per message (about a quarter of the time of hashing a 500-byte record).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/err.h>

// A cache hint for LedgerPlatform's `Bytes.prefetch` (this is the package's one C header): no effect on any result.
static inline void ledger_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
#endif
