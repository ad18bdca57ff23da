import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports

/// The script of the published page, shipped inside the binary so an installed `ledger` needs no source tree.
/// It is the same for every page of one ledger version; the notice prints its SHA-256 so a careful reader can
/// check that a page runs the published verifier.
public enum PublicationScript {
    /// The script text, with the Chinese names of the Art. 278 matters, the list of matters that need 3/4 and the
    /// Chinese words of income categories filled in from the ledger's own tables (so the page words and counts
    /// them exactly as the reports and the page's rows do).
    public static let source: String = {
        var matters: [String: JSONValue] = [:]
        for matter in DecisionMatter.allCases { matters[matter.rawValue] = .string(Vocabulary.word(matter.rawValue, .zh)) }
        let threeQuarters = DecisionMatter.allCases.filter(\.needsThreeQuarters).map { JSONValue.string($0.rawValue) }
        return template.replacing("__MATTERS__", with: CanonicalJSON.string(.object(matters)))
            .replacing("__THREE_QUARTERS__", with: CanonicalJSON.string(.array(threeQuarters)))
            .replacing("__WITHHELD__", with: CanonicalJSON.string(.array([.string(PersonalNames.withheldZh), .string(PersonalNames.erasedZh)])))
            .replacing("__PERSONAL_TAG__", with: CanonicalJSON.string(.string(Hex.encode(PersonalCommitment.tag))))
            .replacing("__OPENINGS_FORMAT__", with: CanonicalJSON.string(.string(Publication.openingsFormat)))
            .replacing("__OPERATING__", with: CanonicalJSON.string(.array(Projection.operatingMatters.map(\.rawValue).sorted().map { .string($0) })))
            .replacing("__VOTE_WORDS__", with: CanonicalJSON.string(.object(Dictionary(uniqueKeysWithValues: ContractVote.allCases.map {
                ($0.rawValue, JSONValue.string(ReportWords.word($0.rawValue, .zh)))
            }))))
            .replacing("__PURPOSES__",
                                  with: CanonicalJSON.string(.object(Publication.purposeWords.mapValues { JSONValue.string($0) })))
    }()

    static let template = #"""
// Verifies this disclosure in the browser: each record's hash, each inclusion proof against the checkpoint's
// root, the checkpoint's Ed25519 signature against the office key printed on the paper notice, and the witnesses'
// cosignatures (ledger-spec.md, "Published disclosures"). Uses WebCrypto where the browser has it and the small
// implementations below otherwise (add #pure-js to the address to force them). Makes no network request.
'use strict';
(function () {
  const PURE = /(^|[#&])pure-js(&|$)/.test(location.hash);
  const SUBTLE = !PURE && globalThis.crypto && globalThis.crypto.subtle ? globalThis.crypto.subtle : null;
  const MATTERS = __MATTERS__;
  const THREE_QUARTERS = __THREE_QUARTERS__;
  const PERIODS = { month: '每月', quarter: '每季', year: '每年', once: '一次' };
  // The matters whose decision can authorise operating a common part, and the words of a contract's vote.
  const OPERATING = __OPERATING__;
  const VOTE_WORDS = __VOTE_WORDS__;
  // A Map, not an object: a purpose is free text and may be "constructor" or "toString".
  const PURPOSES = new Map(Object.entries(__PURPOSES__));
  const purposeWord = (text) => (PURPOSES.has(text) ? PURPOSES.get(text) : text);
  const enc = new TextEncoder();
  const utf8 = (s) => enc.encode(s);
  const cat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  function unhex(s) {
    if (typeof s !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(s)) throw new Error('不是十六进制');
    return Uint8Array.from(s.match(/../g) || [], (x) => parseInt(x, 16));
  }
  function unbase64(s) {
    const bin = atob(s);
    if (btoa(bin) !== s) throw new Error('base64 写法不规范');
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  }

  // ---- SHA-256 and SHA-512 (FIPS 180-4), for browsers without WebCrypto ----
  const K256 = new Uint32Array([
    0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
    0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
    0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
    0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
    0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
    0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
    0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
    0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
  const H256 = [0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19];
  function sha256Pure(msg) {
    const n = msg.length, padded = ((n + 9 + 63) >> 6) << 6;
    const b = new Uint8Array(padded);
    b.set(msg);
    b[n] = 0x80;
    const dv = new DataView(b.buffer);
    dv.setUint32(padded - 8, Math.floor(n / 0x20000000));
    dv.setUint32(padded - 4, (n << 3) >>> 0);
    const h = H256.slice(), w = new Uint32Array(64);
    const ror = (x, k) => (x >>> k) | (x << (32 - k));
    for (let off = 0; off < padded; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + 4 * i);
      for (let i = 16; i < 64; i++) {
        const x = w[i - 15], y = w[i - 2];
        w[i] = (w[i - 16] + (ror(x, 7) ^ ror(x, 18) ^ (x >>> 3)) + w[i - 7] + (ror(y, 17) ^ ror(y, 19) ^ (y >>> 10))) | 0;
      }
      let [a, bb, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i]) | 0;
        const t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
      }
      [a, bb, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) | 0; });
    }
    const out = new Uint8Array(32), odv = new DataView(out.buffer);
    h.forEach((v, i) => odv.setUint32(4 * i, v >>> 0));
    return out;
  }
  const K512 = [
    0x428a2f98d728ae22n,0x7137449123ef65cdn,0xb5c0fbcfec4d3b2fn,0xe9b5dba58189dbbcn,
    0x3956c25bf348b538n,0x59f111f1b605d019n,0x923f82a4af194f9bn,0xab1c5ed5da6d8118n,
    0xd807aa98a3030242n,0x12835b0145706fben,0x243185be4ee4b28cn,0x550c7dc3d5ffb4e2n,
    0x72be5d74f27b896fn,0x80deb1fe3b1696b1n,0x9bdc06a725c71235n,0xc19bf174cf692694n,
    0xe49b69c19ef14ad2n,0xefbe4786384f25e3n,0x0fc19dc68b8cd5b5n,0x240ca1cc77ac9c65n,
    0x2de92c6f592b0275n,0x4a7484aa6ea6e483n,0x5cb0a9dcbd41fbd4n,0x76f988da831153b5n,
    0x983e5152ee66dfabn,0xa831c66d2db43210n,0xb00327c898fb213fn,0xbf597fc7beef0ee4n,
    0xc6e00bf33da88fc2n,0xd5a79147930aa725n,0x06ca6351e003826fn,0x142929670a0e6e70n,
    0x27b70a8546d22ffcn,0x2e1b21385c26c926n,0x4d2c6dfc5ac42aedn,0x53380d139d95b3dfn,
    0x650a73548baf63den,0x766a0abb3c77b2a8n,0x81c2c92e47edaee6n,0x92722c851482353bn,
    0xa2bfe8a14cf10364n,0xa81a664bbc423001n,0xc24b8b70d0f89791n,0xc76c51a30654be30n,
    0xd192e819d6ef5218n,0xd69906245565a910n,0xf40e35855771202an,0x106aa07032bbd1b8n,
    0x19a4c116b8d2d0c8n,0x1e376c085141ab53n,0x2748774cdf8eeb99n,0x34b0bcb5e19b48a8n,
    0x391c0cb3c5c95a63n,0x4ed8aa4ae3418acbn,0x5b9cca4f7763e373n,0x682e6ff3d6b2b8a3n,
    0x748f82ee5defb2fcn,0x78a5636f43172f60n,0x84c87814a1f0ab72n,0x8cc702081a6439ecn,
    0x90befffa23631e28n,0xa4506cebde82bde9n,0xbef9a3f7b2c67915n,0xc67178f2e372532bn,
    0xca273eceea26619cn,0xd186b8c721c0c207n,0xeada7dd6cde0eb1en,0xf57d4f7fee6ed178n,
    0x06f067aa72176fban,0x0a637dc5a2c898a6n,0x113f9804bef90daen,0x1b710b35131c471bn,
    0x28db77f523047d84n,0x32caab7b40c72493n,0x3c9ebe0a15c9bebcn,0x431d67c49c100d4cn,
    0x4cc5d4becb3e42b6n,0x597f299cfc657e2an,0x5fcb6fab3ad6faecn,0x6c44198c4a475817n];
  const H512 = [0x6a09e667f3bcc908n,0xbb67ae8584caa73bn,0x3c6ef372fe94f82bn,0xa54ff53a5f1d36f1n,0x510e527fade682d1n,0x9b05688c2b3e6c1fn,0x1f83d9abfb41bd6bn,0x5be0cd19137e2179n];
  function sha512Pure(msg) {
    const M = (1n << 64n) - 1n, n = msg.length, padded = ((n + 17 + 127) >> 7) << 7;
    const b = new Uint8Array(padded);
    b.set(msg);
    b[n] = 0x80;
    const dv = new DataView(b.buffer);
    dv.setBigUint64(padded - 8, BigInt(n) * 8n);
    const h = H512.slice(), w = new Array(80);
    const ror = (x, k) => ((x >> k) | (x << (64n - k))) & M;
    for (let off = 0; off < padded; off += 128) {
      for (let i = 0; i < 16; i++) w[i] = dv.getBigUint64(off + 8 * i);
      for (let i = 16; i < 80; i++) {
        const x = w[i - 15], y = w[i - 2];
        w[i] = (w[i - 16] + (ror(x, 1n) ^ ror(x, 8n) ^ (x >> 7n)) + w[i - 7] + (ror(y, 19n) ^ ror(y, 61n) ^ (y >> 6n))) & M;
      }
      let [a, bb, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 80; i++) {
        const t1 = (hh + (ror(e, 14n) ^ ror(e, 18n) ^ ror(e, 41n)) + ((e & f) ^ (~e & M & g)) + K512[i] + w[i]) & M;
        const t2 = ((ror(a, 28n) ^ ror(a, 34n) ^ ror(a, 39n)) + ((a & bb) ^ (a & c) ^ (bb & c))) & M;
        hh = g; g = f; f = e; e = (d + t1) & M; d = c; c = bb; bb = a; a = (t1 + t2) & M;
      }
      [a, bb, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) & M; });
    }
    const out = new Uint8Array(64), odv = new DataView(out.buffer);
    h.forEach((v, i) => odv.setBigUint64(8 * i, v));
    return out;
  }
  async function sha256(bytes) {
    return SUBTLE ? new Uint8Array(await SUBTLE.digest('SHA-256', bytes)) : sha256Pure(bytes);
  }
  async function sha512(bytes) {
    return SUBTLE ? new Uint8Array(await SUBTLE.digest('SHA-512', bytes)) : sha512Pure(bytes);
  }

  // ---- Ed25519 verification (RFC 8032 section 5.1.7), for browsers without Ed25519 in WebCrypto ----
  const P = (1n << 255n) - 19n;
  const L = (1n << 252n) + 27742317777372353535851937790883648493n;
  const mod = (a, m = P) => { const r = a % m; return r < 0n ? r + m : r; };
  function pow(b, e) {
    let r = 1n;
    b = mod(b);
    while (e > 0n) { if (e & 1n) r = (r * b) % P; b = (b * b) % P; e >>= 1n; }
    return r;
  }
  const inv = (x) => pow(x, P - 2n);
  const D = mod(-121665n * inv(121666n));
  const SQRT_M1 = pow(2n, (P - 1n) / 4n);
  const le = (bytes) => bytes.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
  function decodePoint(bytes) {
    let y = le(bytes);
    const sign = y >> 255n;
    y &= (1n << 255n) - 1n;
    if (y >= P) return null;
    const y2 = (y * y) % P;
    const x2 = mod((y2 - 1n) * inv(D * y2 + 1n));
    if (x2 === 0n) return sign ? null : [0n, y, 1n, 0n];
    let x = pow(x2, (P + 3n) / 8n);
    if (mod(x * x - x2) !== 0n) x = (x * SQRT_M1) % P;
    if (mod(x * x - x2) !== 0n) return null;
    if ((x & 1n) !== sign) x = P - x;
    return [x, y, 1n, (x * y) % P];
  }
  function add(p, q) {
    const a = mod((p[1] - p[0]) * (q[1] - q[0])), b = mod((p[1] + p[0]) * (q[1] + q[0]));
    const c = mod(2n * p[3] * q[3] * D), d = mod(2n * p[2] * q[2]);
    const e = b - a, f = d - c, g = d + c, h = b + a;
    return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
  }
  function mul(s, p) {
    let q = [0n, 1n, 1n, 0n];
    while (s > 0n) { if (s & 1n) q = add(q, p); p = add(p, p); s >>= 1n; }
    return q;
  }
  function encodePoint(p) {
    const zi = inv(p[2]), x = (p[0] * zi) % P;
    let y = (p[1] * zi) % P;
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) { out[i] = Number(y & 255n); y >>= 8n; }
    if (x & 1n) out[31] |= 0x80;
    return out;
  }
  const BASE = decodePoint(unhex('5866666666666666666666666666666666666666666666666666666666666666'));
  async function ed25519VerifyPure(pub, msg, sig) {
    if (pub.length !== 32 || sig.length !== 64) return false;
    const a = decodePoint(pub), r = decodePoint(sig.subarray(0, 32));
    const s = le(sig.subarray(32));
    if (!a || !r || s >= L) return false;
    const k = mod(le(await sha512(cat(sig.subarray(0, 32), pub, msg))), L);
    // [s]B − [k]A must encode to R (the cofactorless check OpenSSL makes).
    const negA = [mod(-a[0]), a[1], a[2], mod(-a[3])];
    return same(encodePoint(add(mul(s, BASE), mul(k, negA))), sig.subarray(0, 32));
  }
  async function ed25519Verify(pub, msg, sig) {
    if (SUBTLE) {
      try {
        const key = await SUBTLE.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
        return await SUBTLE.verify({ name: 'Ed25519' }, key, sig, msg);
      } catch (e) {
        // No Ed25519 in this browser's WebCrypto (or a key it refuses): the pure implementation decides.
      }
    }
    return ed25519VerifyPure(pub, msg, sig);
  }

  // ---- RFC 6962 / RFC 9162 ----
  const leafHash = (recordHash) => sha256(cat(Uint8Array.of(0), recordHash));
  const nodeHash = (l, r) => sha256(cat(Uint8Array.of(1), l, r));
  const bitLength = (x) => (x === 0n ? 0 : x.toString(2).length);
  const popcount = (x) => x.toString(2).replace(/0/g, '').length;
  async function rootFromInclusion(index, size, leaf, proof) {
    if (!(index < size)) throw new Error('序号超出检查点范围');
    const inner = bitLength(index ^ (size - 1n));
    if (proof.length !== inner + popcount(index >> BigInt(inner))) throw new Error('证明长度不对');
    let fn = index, sn = size - 1n, r = leaf;
    for (const p of proof) {
      if (p.length !== 32) throw new Error('证明长度不对');
      if ((fn & 1n) === 1n || fn === sn) {
        r = await nodeHash(p, r);
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      } else {
        r = await nodeHash(r, p);
      }
      fn >>= 1n; sn >>= 1n;
    }
    if (sn !== 0n) throw new Error('证明长度不对');
    return r;
  }

  // ---- Signed notes, keys, checkpoint, cosignatures ----
  // The y of every point of small order (sign bit clear): with such a key one fixed signature verifies any text.
  const SMALL_ORDER_Y = new Set(['0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', '0000000000000000000000000000000000000000000000000000000000000000',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a']);
  // Canonical (y < p; WebCrypto accepts y >= p, RFC 8032 does not) and not of small order (ledger-spec.md 14.3).
  function usablePublicKey(pub) {
    const y = pub.slice();
    y[31] &= 0x7f;
    return le(y) < P && !SMALL_ORDER_Y.has(hex(y));
  }
  function parseKey(text, algorithm) {
    const parts = text.split('+');
    if (parts.length < 3) throw new Error('公钥格式不对');
    const name = parts[0], id = parts[1], raw = unbase64(parts.slice(2).join('+'));
    if (raw.length !== 33 || raw[0] !== algorithm) throw new Error('公钥类型不对');
    if (!usablePublicKey(raw.subarray(1))) throw new Error('公钥无效（任何人都能以它的名义签名，或各验证程序对它的判断不一）');
    return { name, id, pub: raw.subarray(1), text };
  }
  async function keyIdMatches(key, algorithm) {
    return hex((await sha256(cat(utf8(key.name + '\n'), Uint8Array.of(algorithm), key.pub))).subarray(0, 4)) === key.id;
  }
  async function fingerprint(key) {
    return hex((await sha256(utf8(key.text))).subarray(0, 16)).match(/..../g).join(' ');
  }
  function splitNote(note) {
    const bytes = utf8(note);
    const cut = note.lastIndexOf('\n\n');
    if (cut < 0 || !note.endsWith('\n')) throw new Error('检查点格式不对');
    const text = utf8(note.slice(0, cut + 1));
    const lines = note.slice(cut + 2, -1).split('\n').map((line) => {
      const m = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!m) throw new Error('签名行格式不对');
      const raw = unbase64(m[2]);
      return { name: m[1], id: hex(raw.subarray(0, 4)), sig: raw.subarray(4) };
    });
    return { bytes, text, lines };
  }
  function parseCheckpoint(text) {
    const lines = new TextDecoder().decode(text).split('\n');
    if (lines.length !== 7 || lines[6] !== '' || lines[3] !== 'ledger-checkpoint v1' || !/^(0|[1-9][0-9]*)$/.test(lines[1]) ||
        !lines[4].startsWith('head ') || !lines[5].startsWith('time ')) throw new Error('检查点内容格式不对');
    const root = unbase64(lines[2]);
    if (root.length !== 32) throw new Error('根哈希长度不对');
    return { origin: lines[0], size: BigInt(lines[1]), root, head: lines[4].slice(5), time: lines[5].slice(5) };
  }
  async function checkCosignature(line, text, key) {
    if (line.sig.length !== 72) return null;
    const ts = new DataView(line.sig.buffer, line.sig.byteOffset, 8).getBigUint64(0);
    if (ts >= 1n << 63n) return null;
    const ok = await ed25519Verify(key.pub, cat(utf8('cosignature/v1\ntime ' + ts + '\n'), text), line.sig.subarray(8));
    return ok ? ts : null;
  }
  // A cosignature time (0 … 2^63 − 1 seconds) as the ledger writes a time, YYYY-MM-DDTHH:MM:SSZ with the year as
  // long as it needs; not through Date, which stops at the year 275760 and writes years past 9999 as +YYYYYY.
  function isoTime(ts) {
    const days = ts / 86400n, rest = ts % 86400n;
    // Howard Hinnant's civil_from_days, as CalendarDate does it.
    const z = days + 719468n, era = z / 146097n, doe = z - era * 146097n;
    const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
    const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n), mp = (5n * doy + 2n) / 153n;
    const d = doy - (153n * mp + 2n) / 5n + 1n, m = mp < 10n ? mp + 3n : mp - 9n, y = yoe + era * 400n + (m <= 2n ? 1n : 0n);
    const two = (v) => v.toString().padStart(2, '0');
    return y + '-' + two(m) + '-' + two(d) + 'T' + two(rest / 3600n) + ':' + two(rest / 60n % 60n) + ':' + two(rest % 60n) + 'Z';
  }
  // A checkpoint's time line (YYYY-MM-DDTHH:MM:SSZ, 14.4) in seconds since the Epoch: days_from_civil, the inverse
  // of isoTime's date, so that a cosignature's time is compared as a number, not as text.
  function epochSeconds(text) {
    const m = /^([0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/.exec(text);
    if (!m) throw new Error('检查点时间格式不对');
    const [y0, mo, d, h, mi, s] = m.slice(1).map(BigInt);
    const y = mo <= 2n ? y0 - 1n : y0, era = y / 400n, yoe = y - era * 400n;
    const doy = (153n * (mo > 2n ? mo - 3n : mo + 9n) + 2n) / 5n + d - 1n;
    const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
    return (era * 146097n + doe - 719468n) * 86400n + h * 3600n + mi * 60n + s;
  }

  // ---- What each kind of row must show, from its verified records ----
  function effective(record) {
    if (record.type === 'correction' && record.data.replacement) {
      const r = record.data.replacement;
      return { type: r.type, occurred_on: r.occurred_on, data: r.data, id: record.id };
    }
    return record;
  }
  function yuan(fen) {
    let n = BigInt(fen);
    const sign = n < 0n ? '-' : '';
    if (n < 0n) n = -n;
    const cents = (n % 100n).toString().padStart(2, '0');
    return sign + (n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + cents;
  }
  function areaUnits(text) {
    const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(String(text).replace(/,/g, ''));
    if (!m) throw new Error('面积格式不对');
    return BigInt(m[1]) * 100n + BigInt((m[2] || '').padEnd(2, '0'));
  }
  const area = (text) => { const u = areaUnits(text); return (u / 100n) + '.' + (u % 100n).toString().padStart(2, '0'); };
  // Target event id → the seq of the last verified correction of it on this page (filled once the records are
  // verified). The page carries corrected and voided records for its 收支更正记录, so a row resting on one of them —
  // or on a correction a later one replaced — would show money no longer in effect (review 39h): refused.
  const CORRECTED = new Map();
  // The contracts whose signing the page carries in effect (verified, not replaced by a later correction, signed by
  // the period's end): held by the ledger at the period's end, which a decision naming one needs (voteTexts).
  const SIGNED_CONTRACTS = new Set();
  function expect(record, type) {
    const later = record.type === 'correction' ? CORRECTED.get(record.data.corrects) : CORRECTED.get(record.id);
    if (later !== undefined && later !== record.seq) {
      throw new Error('记录 #' + record.seq + ' 已被更正记录 #' + later + (record.type === 'correction' ? ' 取代' : ' 更正或作废') + '，本行不能依据它');
    }
    const e = effective(record);
    if ((Array.isArray(type) ? type : [type]).indexOf(e.type) < 0) throw new Error('记录 #' + record.seq + ' 不是' + type);
    return e;
  }
  const EXPECT = {
    community(row, rec) {
      const d = expect(rec[0], 'community.registered').data;
      return { name: d.name, street: d.street, committee: d.residents_committee, area: area(d.total_area_m2), owners: String(d.total_owners) };
    },
    movement(row, rec) {
      const e = expect(rec[0], ['fund.income', 'fund.spending', 'fund.transfer']), d = e.data;
      // A transfer may rest on the other fund's opening too, which names it (ledger-spec.md 14.10).
      if (rec.length > (e.type === 'fund.transfer' ? 2 : 1)) throw new Error('本行应依据一条收支记录');
      const side = row.dataset.side;
      const out = { date: e.occurred_on, amount: yuan(d.amount_fen), voucher: d.voucher, purpose: '' };
      if (e.type === 'fund.income') Object.assign(out, { fund: d.fund_id, kind: '收入', counterparty: person(d.counterparty), purpose: purposeWord(d.category) });
      else if (e.type === 'fund.spending') Object.assign(out, { fund: d.fund_id, kind: '支出', counterparty: person(d.counterparty), purpose: purposeWord(d.purpose) });
      else if (side === 'out') Object.assign(out, { fund: d.from_fund_id, kind: '转出', counterparty: fundName(d.to_fund_id, rec[1]) });
      else if (side === 'in') Object.assign(out, { fund: d.to_fund_id, kind: '转入', counterparty: fundName(d.from_fund_id, rec[1]) });
      else throw new Error('转账行缺少方向');
      return out;
    },
    contract(row, rec) {
      const d = expect(rec[0], 'contract.signed').data;
      let received = 0n, inPeriod = 0n;
      // After the contract: its payments, and the records that give its parts their names (one a part).
      const names = new Map();
      for (const payment of rec.slice(1)) {
        const p = expect(payment, ['fund.income', 'asset.registered', 'asset.updated']);
        if (p.type !== 'fund.income') {
          const name = p.type === 'asset.registered' ? p.data.name : (p.data.changes || {}).name;
          if (typeof name !== 'string' || d.asset_ids.indexOf(p.data.asset_id) < 0 || names.has(p.data.asset_id)) {
            throw new Error('记录 #' + payment.seq + ' 不是该合同所涉共有部分的名称记录');
          }
          names.set(p.data.asset_id, name);
          continue;
        }
        if (!p.data.source || p.data.source.contract_id !== d.contract_id) throw new Error('记录 #' + payment.seq + ' 不是该合同的收款');
        if (p.occurred_on > DATA.period.to) throw new Error('记录 #' + payment.seq + ' 在统计期间之后');
        received += BigInt(p.data.amount_fen);
        if (p.occurred_on >= DATA.period.from) inPeriod += BigInt(p.data.amount_fen);
      }
      const assets = d.asset_ids.map((a) => (names.has(a) ? a + ' ' + names.get(a) : a)).join('、');
      return { id: d.contract_id, counterparty: person(d.counterparty), assets: assets, start: d.start_on, end: d.end_on, rent: yuan(d.rent_fen),
               period: PERIODS[d.rent_period] || d.rent_period, received: yuan(received), received_period: yuan(inPeriod),
               vote: voteTexts(d, expect(rec[0], 'contract.signed').occurred_on) };
    },
    decision(row, rec) {
      const e = expect(rec[0], 'decision.recorded'), d = e.data;
      const c = expect(rec[1], 'community.registered').data;
      if (c.community_id !== d.community_id) throw new Error('决定与小区不符');
      return { id: d.decision_id, date: e.occurred_on, matter: MATTERS[d.matter] || d.matter, p_area: area(d.participating_area_m2),
               p_owners: String(d.participating_owners), a_area: area(d.approving_area_m2), a_owners: String(d.approving_owners),
               result: voteResult(d, c) };
    },
    // A correction of money (its data-replaces already checked to name the second record): the record as first
    // made, what the correction did, and its reason. A correction a later one of the same record replaced no longer
    // applies: its row names that one as its third record, which must be the last correction of it on the page; a
    // row without it must rest on the last (review 40a).
    correction(row, rec) {
      const c = rec[0], o = rec[1], s = rec[2];
      if (!o || c.type !== 'correction' || String(o.seq) !== row.dataset.replaces || rec.length > 3) throw new Error('本行应依据一条更正记录及其更正的记录');
      const later = CORRECTED.get(o.id);
      if (s) {
        if (s.type !== 'correction' || s.data.corrects !== o.id || s.seq <= c.seq || later !== s.seq) throw new Error('记录 #' + s.seq + ' 不是此后对同一记录的最后一次更正');
      } else if (later !== undefined && later !== c.seq) {
        throw new Error('更正记录 #' + c.seq + ' 已被更正记录 #' + later + ' 取代，本行应注明');
      }
      const fundOf = (type, x) => type === 'fund.transfer' ? x.from_fund_id + ' → ' + x.to_fund_id : x.fund_id;
      const d = o.data, r = c.data.replacement;
      let after = '不计入收支';
      if (s) after = '已被更正记录 #' + s.seq + ' 取代，不再适用';
      else if (r) {
        const moved = fundOf(r.type, r.data) === fundOf(o.type, d) ? '' : '（改记账户 ' + fundOf(r.type, r.data) + '）';
        after = r.occurred_on + ' ' + yuan(r.data.amount_fen) + moved;
      }
      const out = { date: c.occurred_on, odate: o.occurred_on, amount: yuan(d.amount_fen), voucher: d.voucher, reason: c.data.reason,
                    action: r ? '更正' : '作废', after: after };
      if (o.type === 'fund.income') Object.assign(out, { fund: d.fund_id, kind: '收入', purpose: purposeWord(d.category) });
      else if (o.type === 'fund.spending') Object.assign(out, { fund: d.fund_id, kind: '支出', purpose: purposeWord(d.purpose) });
      else if (o.type === 'fund.transfer') Object.assign(out, { fund: d.from_fund_id + ' → ' + d.to_fund_id, kind: '转账', purpose: '' });
      else throw new Error('记录 #' + o.seq + ' 不是收支');
      return out;
    },
    finding() { return {}; },
  };
  // A vote's result under Art. 278 against the community's totals: quorum, then the threshold of its matter.
  function voteResult(d, c) {
    const p = areaUnits(d.participating_area_m2), q = BigInt(d.participating_owners);
    const y = areaUnits(d.approving_area_m2), z = BigInt(d.approving_owners);
    const quorum = 3n * p >= 2n * areaUnits(c.total_area_m2) && 3n * q >= 2n * BigInt(c.total_owners);
    const threshold = THREE_QUARTERS.indexOf(d.matter) >= 0 ? (4n * y >= 3n * p && 4n * z >= 3n * q) : (2n * y > p && 2n * z > q);
    return quorum && threshold ? '通过' : '未通过';
  }
  // A transfer's other fund: its id, and the account its opening record gives it (the id alone without that record).
  function fundName(id, record) {
    if (!record) return id;
    const f = expect(record, 'fund.opened').data;
    if (f.fund_id !== id) throw new Error('记录 #' + record.seq + ' 不是资金账户 ' + id + ' 的开户记录');
    return id + ' ' + f.account;
  }
  // The decisions the page holds, by id, from their verified records (filled before the contracts are checked).
  const DECISIONS = new Map();
  // What a contract's 业主表决 cell may say, as Projection.vote(of:) judges it. A decision the page holds is judged
  // from its records; one it does not hold (not yet recorded at the period's end, or another community's) may be
  // shown as not recorded, failed or another community's, never as authorising the contract.
  function voteTexts(d, signedOn) {
    if (d.decision_id === undefined || d.decision_id === null) return '无表决';
    const id = d.decision_id, held = DECISIONS.get(id);
    if (!held) return [id + ' 期末尚未记入账本', id + ' 未通过', id + ' ' + VOTE_WORDS.passed_other_community];
    const v = held.data;
    let word;
    if (!held.passed) word = '未通过';
    else if (v.community_id !== d.community_id) word = VOTE_WORDS.passed_other_community;
    else if (OPERATING.indexOf(v.matter) < 0) word = VOTE_WORDS.passed_wrong_matter;
    else if (!(4n * held.y >= 3n * held.p && 4n * held.z >= 3n * held.q)) word = VOTE_WORDS.passed_below_three_quarters;
    else {
      if (!d.asset_ids.every((a) => !v.authorises || !v.authorises.asset_ids || v.authorises.asset_ids.length === 0 ||
                                    v.authorises.asset_ids.indexOf(a) >= 0)) word = VOTE_WORDS.passed_other_assets;
      else if (v.valid_until && signedOn > v.valid_until) word = VOTE_WORDS.passed_expired;
      else if (held.date > signedOn) word = '事后追认';
      else word = '通过';
      // A decision naming another contract approved that one only, when the ledger holds it (CON-01
      // decision_for_other_contract): the page knows that of a contract whose signing it carries; of another it
      // cannot tell, and the cell may say either.
      const named = v.authorises ? v.authorises.contract_id : undefined;
      if (typeof named === 'string' && named !== d.contract_id) {
        const other = id + ' ' + VOTE_WORDS.passed_other_contract;
        return SIGNED_CONTRACTS.has(named) ? other : [other, id + ' ' + word];
      }
    }
    return id + ' ' + word;
  }

  // ---- Personal data (ledger-spec.md 10.3): a record may hold {"commitment": "<64 hex>"} for a person ----
  // The page shows the value only when it embeds the commitment's opening (salt and value) and the opening makes
  // that commitment; otherwise it shows that the value is withheld or was erased under PIPL Art. 47.
  const OPENED = new Map(), BAD_OPENINGS = new Set();
  const WITHHELD = __WITHHELD__;
  async function checkOpenings() {
    const element = document.getElementById('personal-openings');
    if (!element) return;
    const data = JSON.parse(element.textContent);
    if (data.format !== __OPENINGS_FORMAT__ || !Array.isArray(data.openings)) throw new Error('个人信息数据格式不对');
    const tag = unhex(__PERSONAL_TAG__);
    for (const o of data.openings) {
      let ok = false;
      try {
        ok = /^[0-9a-f]{64}$/.test(o.salt) && typeof o.value === 'string' &&
             hex(await sha256(cat(tag, unhex(o.salt), utf8(o.value)))) === o.commitment;
      } catch (e) { ok = false; }
      if (ok) OPENED.set(o.commitment, o.value); else BAD_OPENINGS.add(String(o.commitment));
    }
  }
  // What a personal field shows: its text, the value its opening reveals, or one of the two withheld markers.
  function person(value) {
    if (typeof value === 'string') return value;
    if (value === null || typeof value !== 'object' || Object.keys(value).length !== 1 ||
        typeof value.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(value.commitment)) throw new Error('对方一栏的写法不对');
    if (BAD_OPENINGS.has(value.commitment)) throw new Error('页面公开的个人信息与记录中的承诺值不符（被改动）');
    return OPENED.has(value.commitment) ? OPENED.get(value.commitment) : WITHHELD;
  }

  // ---- The check ----
  const DATA = JSON.parse(document.getElementById('publication-data').textContent);
  const summary = document.getElementById('summary');
  function mark(row, ok, reason) {
    row.dataset.result = ok;
    const cell = row.querySelector('[data-v]');
    if (cell) cell.textContent = ok === 'ok' ? '✓ 已验证' : ok === 'unverified' ? '未能验证：' + reason : '✗ 验证失败：' + reason;
  }
  // HTML text cannot carry control characters other than tab and LF: the page shows each as U+FFFD
  // (HTMLText.escape), so a record's value is compared in the same form.
  const shownForm = (value) => String(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd');
  function compare(row, expected) {
    for (const [field, raw] of Object.entries(expected)) {
      // A withheld person may be shown as either marker: the page cannot tell a value withheld from one erased.
      const allowed = (Array.isArray(raw) ? raw : [raw]).map(shownForm);
      const cell = row.querySelector('[data-f="' + field + '"]');
      if (!cell) return '页面缺少“' + field + '”一栏';
      if (allowed.indexOf(cell.textContent) < 0) return '页面显示的“' + cell.textContent + '”与记录不符（记录为“' + allowed.join('”或“') + '”）';
    }
    return null;
  }

  async function run() {
    await checkOpenings();
    // The checkpoint: office signature with the key printed on the notice, then the witnesses.
    const cpRow = document.getElementById('checkpoint-row');
    let checkpoint = null, cpProblem = null;
    try {
      const key = parseKey(DATA.public_key, 1);
      if (!(await keyIdMatches(key, 1))) throw new Error('公钥编号与公钥不符');
      const note = splitNote(DATA.checkpoint);
      const mine = note.lines.filter((l) => l.name === key.name && l.id === key.id);
      if (mine.length === 0) throw new Error('检查点没有该公钥的签名');
      for (const line of mine) {
        if (!(await ed25519Verify(key.pub, note.text, line.sig))) throw new Error('检查点签名无效（检查点被改动，或不是该公钥签发）');
      }
      checkpoint = parseCheckpoint(note.text);
      if (BigInt(DATA.tree_size) !== checkpoint.size) throw new Error('数据的记录数与检查点不符');
      const witnessed = [], witnessFingerprints = [], notCredible = [];
      // A cosignature counts only with a credible time (ledger-spec.md 14.9 step 3): not before the checkpoint was
      // made, and not later than this reader's clock plus 5 minutes.
      const made = epochSeconds(checkpoint.time), latestCredible = BigInt(Math.floor(Date.now() / 1000)) + 300n;
      // A key listed twice is one witness (a key's text is canonical: one key, one text).
      for (const text of new Set(DATA.witness_keys)) {
        const w = parseKey(text, 4);
        if (!(await keyIdMatches(w, 4))) throw new Error('见证公钥编号与公钥不符');
        let latest = null;
        for (const line of note.lines.filter((l) => l.name === w.name && l.id === w.id)) {
          const ts = await checkCosignature(line, note.text, w);
          if (ts === null) throw new Error('见证单位 ' + w.name + ' 的见证签名无效');
          if (ts < made) { notCredible.push(w.name + ' 的见证时间 ' + isoTime(ts) + ' 早于检查点时间'); continue; }
          if (ts > latestCredible) { notCredible.push(w.name + ' 的见证时间 ' + isoTime(ts) + ' 晚于本机当前时间5分钟以上'); continue; }
          if (latest === null || ts > latest) latest = ts;
        }
        if (latest !== null) {
          witnessed.push(w.name + '（' + isoTime(latest) + '）');
          witnessFingerprints.push(w.name + ' ' + (await fingerprint(w)));
        }
      }
      if (witnessed.length < DATA.witnesses_required) {
        throw new Error('需要 ' + DATA.witnesses_required + ' 个见证单位签名，只有 ' + witnessed.length + ' 个' +
          (notCredible.length ? '（见证时间不可信，不予计入：' + notCredible.join('；') + '）' : ''));
      }
      const shown = compare(cpRow, {
        origin: checkpoint.origin, size: String(checkpoint.size), root: hex(checkpoint.root).match(/.{8}/g).join(' '), time: checkpoint.time,
        key: key.name, fingerprint: await fingerprint(key), witnesses: witnessed.join('；') || '无',
        witness_fingerprints: witnessFingerprints.join('；') || '无',
      });
      if (shown) throw new Error(shown);
    } catch (e) {
      cpProblem = e.message;
    }
    mark(cpRow, cpProblem ? 'fail' : 'ok', cpProblem);

    // Every record: its own hash, its seq, its inclusion proof to the signed root.
    const records = new Map();
    for (const entry of DATA.records) {
      const status = { ok: false, reason: '', record: null };
      records.set(entry.seq, status);
      try {
        const line = utf8(entry.record);
        const record = JSON.parse(entry.record);
        status.record = record;
        const digest = await sha256(cat(Uint8Array.of(0x7b), line.subarray(75)));
        if (line.length <= 76 || new TextDecoder().decode(line.subarray(0, 9)) !== '{"hash":"' || hex(digest) !== record.hash) {
          throw new Error('记录 #' + entry.seq + ' 的内容与其哈希不符（记录被改动）');
        }
        if (record.seq !== entry.seq) throw new Error('记录序号不符');
        if (!checkpoint) throw new Error('检查点无效，无法核对');
        const root = await rootFromInclusion(BigInt(entry.seq - 1), checkpoint.size, await leafHash(digest),
                                             entry.inclusion_proof.map(unhex));
        if (!same(root, checkpoint.root)) throw new Error('记录 #' + entry.seq + ' 的包含证明不成立（证明或检查点被改动）');
        if (BigInt(entry.seq) === checkpoint.size && hex(digest) !== checkpoint.head) throw new Error('最后一条记录与检查点不符');
        status.ok = true;
      } catch (e) {
        status.reason = e.message;
      }
    }

    for (const status of records.values()) {
      const r = status.record;
      if (!status.ok || r.type !== 'correction' || !r.data || typeof r.data.corrects !== 'string') continue;
      const known = CORRECTED.get(r.data.corrects);
      if (known === undefined || known < r.seq) CORRECTED.set(r.data.corrects, r.seq);
    }
    for (const status of records.values()) {
      const r = status.record;
      if (!status.ok || CORRECTED.has(r.id)) continue;
      if (r.type === 'correction' && (!r.data || CORRECTED.get(r.data.corrects) !== r.seq)) continue;
      const e = effective(r);
      if (e.type === 'contract.signed' && e.data && typeof e.data.contract_id === 'string' && e.occurred_on <= DATA.period.to) {
        SIGNED_CONTRACTS.add(e.data.contract_id);
      }
    }

    // The period the page shows is the one its opening balances and rent received in the period are computed for.
    const periodShown = document.getElementById('period');
    const periodProblem = periodShown ? compare(periodShown, { from: DATA.period.from, to: DATA.period.to }) : '页面缺少统计期间';
    if (periodShown) periodShown.dataset.result = periodProblem ? 'fail' : 'ok';

    // Every row: its records verified, and what it shows equal to what they say.
    const movementsByFund = new Map();
    let failed = 0, passed = 0;
    const rows = Array.from(document.querySelectorAll('[data-row]'));
    // A record listed twice would be counted twice in a fund's totals or a contract's rent received.
    const listed = new Set();
    // Decisions first: a contract's vote is checked against the decision records the page holds.
    const order = (r) => (r.dataset.row === 'decision' ? 0 : 1);
    for (const row of rows.filter((r) => r.dataset.row !== 'fund').sort((a, b) => order(a) - order(b))) {
      let problem = null, recs = [];
      const seqs = (row.dataset.seq || '').split(' ').filter(Boolean).map(Number);
      if (new Set(seqs).size !== seqs.length) problem = '本行重复列出同一条记录';
      if (!problem && row.dataset.row !== 'finding' && seqs.length > 0) {
        const key = row.dataset.row + ' ' + seqs[0] + ' ' + (row.dataset.side || '');
        if (listed.has(key)) problem = '记录 #' + seqs[0] + ' 已在本页另一行列出，不能重复计入';
        listed.add(key);
      }
      for (const seq of problem ? [] : seqs) {
        const status = records.get(seq);
        if (!status) { problem = '缺少记录 #' + seq; break; }
        if (!status.ok) { problem = status.reason; break; }
        recs.push(status.record);
      }
      if (!problem && row.dataset.replaces) {
        const original = records.get(Number(row.dataset.replaces));
        if (!original || !original.ok) problem = original ? original.reason : '缺少被更正的记录';
        else if (recs[0].type !== 'correction' || recs[0].data.corrects !== original.record.id) problem = '更正记录与被更正记录不符';
      }
      if (!problem && !EXPECT[row.dataset.row]) problem = '未知的行';
      let expected = null;
      if (!problem) {
        try { expected = EXPECT[row.dataset.row](row, recs); } catch (e) { problem = e.message; }
      }
      if (row.dataset.row === 'decision' && !problem) {
        const d = effective(recs[0]).data;
        DECISIONS.set(d.decision_id, { data: d, date: expected.date, passed: expected.result === '通过',
                                       p: areaUnits(d.participating_area_m2), q: BigInt(d.participating_owners),
                                       y: areaUnits(d.approving_area_m2), z: BigInt(d.approving_owners) });
      }
      if (row.dataset.row === 'movement') {
        // The fund totals rest on the verified records, not on what this row shows.
        const fund = problem ? row.dataset.fund : expected.fund;
        const list = movementsByFund.get(fund) || [];
        list.push(problem ? { ok: false } : { ok: true, kind: expected.kind, amount: BigInt(effective(recs[0]).data.amount_fen), date: expected.date });
        movementsByFund.set(fund, list);
      }
      // A contract or decision resting on a correction says so, and one that does not, does not (ledger-spec.md 14.10);
      // checked after the decision is held, so that a contract citing it is judged on its own.
      if (!problem && (row.dataset.row === 'contract' || row.dataset.row === 'decision')) {
        const marked = row.querySelector('[data-f="corrected"]') !== null;
        if (row.dataset.replaces && !marked) problem = '本行依据更正记录 #' + recs[0].seq + '，页面应注明已更正';
        else if (!row.dataset.replaces && marked) problem = '本行所依据的记录没有被更正，不应注明已更正';
        else if (marked) {
          try { expected.corrected = correctedText(row, recs); } catch (e) { problem = e.message; }
        }
      }
      finish(row, problem || compare(row, expected) || compare(row, { records: recordsText(row, seqs, recs) }));
    }
    // Fund totals, recomputed from the movements above.
    for (const row of rows.filter((r) => r.dataset.row === 'fund')) {
      const list = movementsByFund.get(row.dataset.fund) || [];
      let problem = list.some((m) => !m.ok) ? '所依据的收支明细有未通过验证的' : null;
      if (!problem) {
        const t = { opening: 0n, income: 0n, spending: 0n, tin: 0n, tout: 0n };
        for (const m of list) {
          const kind = m.kind;
          const signed = kind === '收入' || kind === '转入' ? m.amount : -m.amount;
          if (m.date < DATA.period.from) t.opening += signed;
          else if (kind === '收入') t.income += m.amount;
          else if (kind === '支出') t.spending += m.amount;
          else if (kind === '转入') t.tin += m.amount;
          else t.tout += m.amount;
        }
        const closing = t.opening + t.income - t.spending + t.tin - t.tout;
        problem = compare(row, { fund: row.dataset.fund, opening: yuan(t.opening), income: yuan(t.income), spending: yuan(t.spending), tin: yuan(t.tin),
                                 tout: yuan(t.tout), closing: yuan(closing) });
      }
      finish(row, problem);
    }
    // The 记录 cell names the records the row rests on, as its data-seq and data-replaces do.
    function recordsText(row, seqs, recs) {
      const list = (some) => some.map((seq) => '#' + seq).join(' ');
      if (row.dataset.row === 'finding') return list(seqs);
      let text = '#' + seqs[0] + (row.dataset.replaces ? '（更正#' + row.dataset.replaces + '）' : '');
      if (row.dataset.row === 'contract') {
        const paid = [], named = [];
        recs.slice(1).forEach((r, i) => (effective(r).type === 'fund.income' ? paid : named).push(seqs[i + 1]));
        if (paid.length) text += '，收款 ' + list(paid);
        if (named.length) text += '，部位 ' + list(named);
      } else if (row.dataset.row === 'movement' && seqs.length > 1) text += '，对方账户 ' + list(seqs.slice(1));
      return text;
    }
    // The mark of a contract or decision a correction changed: the correction's seq and reason; for a decision, the
    // result of the vote as first recorded (its record is the row's data-replaces, checked above).
    function correctedText(row, recs) {
      const c = recs[0];
      let text = '已更正：更正记录 #' + c.seq + '（理由：' + c.data.reason + '）';
      if (row.dataset.row === 'decision') {
        const first = records.get(Number(row.dataset.replaces)).record;
        if (first.type !== 'decision.recorded') throw new Error('记录 #' + first.seq + ' 不是表决记录');
        text += '；更正前表决结果：' + voteResult(first.data, effective(recs[1]).data);
      }
      return text;
    }
    function finish(row, problem) {
      if (!problem && periodProblem && (row.dataset.row === 'fund' || row.dataset.row === 'contract')) {
        problem = '本行数额按数据中的统计期间 ' + DATA.period.from + ' 至 ' + DATA.period.to + ' 计算，与页面显示的期间不符（' + periodProblem + '）';
      }
      if (problem) { failed++; mark(row, 'fail', problem); } else if (cpProblem) { failed++; mark(row, 'unverified', '检查点未通过验证'); }
      else { passed++; mark(row, 'ok'); }
    }

    if (cpProblem) {
      summary.dataset.result = 'fail';
      summary.textContent = '✗ 验证失败：检查点未通过验证（' + cpProblem + '）。本页内容不能作为依据，请向街道办事处核实。';
    } else if (failed > 0) {
      summary.dataset.result = 'fail';
      summary.textContent = '✗ 验证失败：' + failed + ' 项与签名账本不符（见标红的行），其余 ' + passed + ' 项已验证。请向街道办事处核实。';
    } else {
      summary.dataset.result = 'ok';
      // What was checked, and no more: a row taken out, or a figure the ledger computed (grey), shows only against
      // the paper notice (review 35d #1).
      summary.textContent = '✓ 已验证：本页 ' + passed + ' 项内容都在街道签名的账本检查点中，没有被改动；各资金账户的收支汇总已按所列明细重新计算。' +
        '本页不能证明没有删去某一项，也不核对灰色斜体的计算数值：请对照纸质公示单核对本页项数（' + passed + ' 项）、各资金账户的期末余额、' +
        '租金欠缴合计，以及下方的根哈希和公钥指纹。';
    }
    document.body.dataset.verified = summary.dataset.result;
  }
  run().catch((e) => {
    summary.dataset.result = 'fail';
    summary.textContent = '✗ 验证失败：' + e.message;
    document.body.dataset.verified = 'fail';
  });
  globalThis.ledgerVerifier = { sha256Pure, sha512Pure, ed25519VerifyPure, ed25519Verify, hex, unhex, isoTime };
})();
"""#
}
