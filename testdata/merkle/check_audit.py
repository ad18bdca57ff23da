#!/usr/bin/env python3
"""Independent checker of the ledger's Merkle/checkpoint/bundle vectors, written from ledger-spec.md
("Merkle proofs and checkpoints") with the Python standard library only.

Usage: python3 check_audit.py [DIR]
       python3 check_audit.py --pubkey PUB [--bundle FILE | --checkpoint FILE | --publication FILE]
  DIR defaults to this file's folder (testdata/merkle): checks every sample vector (and the personal-data
  commitment vectors of ../personal, ledger-spec.md 10.3); the last line is
  "N passed, M failed" and the exit status is 0 only if nothing failed. With --pubkey, checks that key file
  (exit 2 if it is rejected) and then one bundle, checkpoint note, or publication.json of a disclosure
  (`ledger publish`: its checkpoint, witness cosignatures and every record's inclusion proof) against it:
  exit 0 valid, 1 rejected.
"""
import base64
import hashlib
import json
import os
import sys


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf_hash(data):
    return sha256(b"\x00" + data)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def mth(leaves):
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 2.1.3.2 with the strict length policy of ledger-spec.md 14.2."""
    if not (0 <= index < size) or len(leaf) != 32 or any(len(p) != 32 for p in proof):
        return False
    inner = (index ^ (size - 1)).bit_length()
    if len(proof) != inner + bin(index >> inner).count("1"):
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(m, n, proof, root1, root2):
    """RFC 9162 2.1.4.2 with the strict policy of ledger-spec.md 14.2."""
    if m < 1 or m > n:
        return False
    if m == n:
        return not proof and root1 == root2
    if not proof or any(len(p) != 32 for p in proof):
        return False
    inner = ((m - 1) ^ (n - 1)).bit_length()
    tz = (m & -m).bit_length() - 1
    pow2 = m & (m - 1) == 0
    if len(proof) != (0 if pow2 else 1) + (inner - tz) + bin((m - 1) >> inner).count("1"):
        return False
    if pow2:
        proof = [root1] + proof
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == root1 and sr == root2


# Ed25519 verification (RFC 8032 section 5.1.7), pure Python.
_P = 2 ** 255 - 19
_L = 2 ** 252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_I = pow(2, (_P - 1) // 4, _P)


def _x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * _I % _P
    if (x * x - x2) % _P:
        return None
    return _P - x if (x & 1) != sign else x


def _add(a, b):
    A = (a[1] - a[0]) * (b[1] - b[0]) % _P
    B = (a[1] + a[0]) * (b[1] + b[0]) % _P
    C = 2 * a[3] * b[3] * _D % _P
    D = 2 * a[2] * b[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _mul(s, p):
    q = (0, 1, 1, 0)
    while s:
        if s & 1:
            q = _add(q, p)
        p = _add(p, p)
        s >>= 1
    return q


def _point(b):
    y = int.from_bytes(b, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x = _x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_G = (_x(_GY, 0), _GY, 1, _x(_GY, 0) * _GY % _P)


def ed25519_verify(pub, msg, sig):
    if len(pub) != 32 or len(sig) != 64:
        return False
    a, r = _point(pub), _point(sig[:32])
    s = int.from_bytes(sig[32:], "little")
    if a is None or r is None or s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + pub + msg).digest(), "little") % _L
    lhs, rhs = _mul(s, _G), _add(r, _mul(h, a))
    return (lhs[0] * rhs[2] - rhs[0] * lhs[2]) % _P == 0 and (lhs[1] * rhs[2] - rhs[1] * lhs[2]) % _P == 0


def b64(text):
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text:  # one spelling only
        raise ValueError("non-canonical base64")
    return raw


# The y of every point of small order (32 bytes little-endian, sign bit clear), ledger-spec.md 14.3.
SMALL_ORDER_Y = {bytes.fromhex(h) for h in [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"]}


# Unicode White_Space (as Go's unicode.IsSpace) and Unicode Cc, spelt out so that no library's idea of them decides.
WHITE_SPACE = set(range(0x09, 0x0E)) | {0x20, 0x85, 0xA0, 0x1680} | set(range(0x2000, 0x200B)) | \
    {0x2028, 0x2029, 0x202F, 0x205F, 0x3000}


def is_control(ch):
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F


def valid_name(name):
    """14.3: a key name is non-empty, without "+", white space or control characters."""
    return name != "" and "+" not in name and not any(ord(c) in WHITE_SPACE or is_control(c) for c in name)


def real_time(text):
    """Section 2's time form: YYYY-MM-DDTHH:MM:SSZ, a real date in 1900-9999, no leap second."""
    import datetime
    import re
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z", text)
    if not m:
        return False
    try:
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return 1900 <= d.year <= 9999 and int(m.group(4)) < 24 and int(m.group(5)) < 60 and int(m.group(6)) < 60


def parse_pubkey(data, algorithm=1):
    """A signed-note verifier key (14.3): algorithm 1 for the office's key, 4 for a witness's cosigning key.
    The file is one line NAME+KEYID+BASE64, optionally followed by LF or CRLF; it is split at its first two "+"."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.endswith(b"\n"):
        data = data[:-1]
        if data.endswith(b"\r"):
            data = data[:-1]
    if not data or b"\n" in data or b"\r" in data:
        raise ValueError("a key file holds exactly one line")
    text = data.decode("utf-8")
    if text.startswith("PRIVATE+KEY+"):
        raise ValueError("a private key")
    parts = text.split("+", 2)
    if len(parts) != 3:
        raise ValueError("not NAME+KEYID+KEY")
    name, keyid, key = parts
    if not valid_name(name):
        raise ValueError("bad key name")
    if len(keyid) != 8 or any(c not in "0123456789abcdef" for c in keyid):
        raise ValueError("key id is not 8 lower-case hex digits")
    raw = b64(key)
    if len(raw) != 33 or raw[0] != algorithm:
        raise ValueError("not an Ed25519 key of type %d" % algorithm)
    y = raw[1:32] + bytes([raw[32] & 0x7F])
    if int.from_bytes(y, "little") >= _P or y in SMALL_ORDER_Y:
        raise ValueError("a small-order or non-canonical key")
    if sha256(name.encode() + b"\n" + bytes([algorithm]) + raw[1:])[:4].hex() != keyid:
        raise ValueError("key id does not match")
    return name, bytes.fromhex(keyid), raw[1:]


def split_note(note):
    """(text, [(name, raw signature bytes)]) of a signed note (ledger-spec.md 14.4 steps 1-3)."""
    if len(note) > 65536:
        raise ValueError("longer than 64 KiB")
    if any(is_control(c) and c != "\n" for c in note.decode("utf-8")):
        raise ValueError("control character")
    split = note.rfind(b"\n\n")
    if split < 0:
        raise ValueError("no blank line")
    text, sigs = note[: split + 1], note[split + 2:]
    if not sigs.endswith(b"\n"):
        raise ValueError("signature block")
    lines = []
    for line in sigs[:-1].split(b"\n"):
        # Every signature line, whoever's, must have the form; only the pinned key's are verified.
        if not line.startswith("\u2014 ".encode()):
            raise ValueError("bad signature line")
        fields = line[len("\u2014 ".encode()):].split(b" ")
        if len(fields) != 2 or not valid_name(fields[0].decode()):
            raise ValueError("bad signature line")
        raw = b64(fields[1].decode())
        if len(raw) < 5:
            raise ValueError("signature shorter than a key id and one byte")
        lines.append((fields[0].decode(), raw))
    if len(lines) > 100:
        raise ValueError("more than 100 signatures")
    return text, lines


def epoch_seconds(text):
    """Seconds since 1970 of a time in section 2's form (checked by real_time)."""
    import calendar
    return calendar.timegm((int(text[0:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]), int(text[14:16]), int(text[17:19])))


CLOCK_SKEW_SECONDS = 300  # 14.4: how far a signed time may lie ahead of the reader's clock


def cosignatures(note, witness_keys, checkpoint_time, now):
    """ledger-spec.md 14.9: {witness key: latest credible cosignature time} of the valid cosignatures by the given
    witness keys (name, key id, public key): distinct keys count apart even under one name, a key given twice
    once; a cosignature line by one of them that does not verify raises ValueError. A cosignature dated before
    checkpoint_time (seconds) or later than now + 5 minutes is not counted."""
    text, lines = split_note(note)
    found = {}
    for name, keyid, pub in witness_keys:
        for line_name, raw in lines:
            if line_name != name or raw[:4] != keyid:
                continue
            if len(raw) != 4 + 8 + 64:
                raise ValueError("cosignature by %s has the wrong length" % name)
            timestamp = int.from_bytes(raw[4:12], "big")
            if timestamp >= 1 << 63:
                raise ValueError("cosignature time")
            message = b"cosignature/v1\ntime %d\n" % timestamp + text
            if not ed25519_verify(pub, message, raw[12:]):
                raise ValueError("cosignature by %s does not verify" % name)
            if checkpoint_time <= timestamp <= now + CLOCK_SKEW_SECONDS:
                found[(name, keyid, pub)] = max(found.get((name, keyid, pub), 0), timestamp)
    return found


def parse_witness_request(data):
    """ledger-spec.md 14.9: (old size, [proof hashes], checkpoint note) of a consistency proof file."""
    lines = []
    start = 0
    while True:
        end = data.index(b"\n", start)
        if end == start:
            break
        lines.append(data[start:end].decode())
        start = end + 1
    if not lines or not lines[0].startswith("old ") or str(int(lines[0][4:])) != lines[0][4:]:
        raise ValueError("old line")
    proof = [b64(l) for l in lines[1:]]
    if len(proof) > 63 or any(len(p) != 32 for p in proof):
        raise ValueError("proof lines")
    return int(lines[0][4:]), proof, data[start + 1:]


def open_checkpoint(note, key):
    """Checks the signature (ledger-spec.md 14.4), then parses the six lines. Raises ValueError on any problem."""
    name, keyid, pub = key
    text, lines = split_note(note)
    mine = 0
    for line_name, raw in lines:
        if line_name == name and raw[:4] == keyid:
            mine += 1
            if not ed25519_verify(pub, text, raw[4:]):
                raise ValueError("signature does not verify")
    if not mine:
        raise ValueError("not signed by the pinned key")
    lines = text.decode().split("\n")
    if len(lines) != 7 or lines[6] != "" or lines[3] != "ledger-checkpoint v1":
        raise ValueError("checkpoint layout")
    origin = lines[0]
    if origin == "" or origin[0] == " " or origin[-1] == " ":
        raise ValueError("origin")
    if not lines[1] or any(c not in "0123456789" for c in lines[1]) or str(int(lines[1])) != lines[1]:
        raise ValueError("size spelling")
    size = int(lines[1])
    if size < 1:
        raise ValueError("size 0: a checkpoint covers at least one record")
    if size >= 1 << 63:
        raise ValueError("size above 2^63 - 1")
    root = b64(lines[2])
    if len(root) != 32:
        raise ValueError("root is not 32 bytes")
    head, time = lines[4][5:], lines[5][5:]
    if not lines[4].startswith("head ") or len(head) != 64 or any(c not in "0123456789abcdef" for c in head):
        raise ValueError("head")
    if not lines[5].startswith("time ") or not real_time(time):
        raise ValueError("time")
    return {"origin": origin, "size": size, "root": root, "head": bytes.fromhex(head), "time": time}


def canonical(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def is_int(value):
    """A JSON integer: Python's json gives 3.0 as a float and true as a bool, which == 3 and == 1 would let by."""
    return type(value) is int


def is_digest_hex(value):
    """64 lower-case hex digits (bytes.fromhex would also take upper case and spaces)."""
    return type(value) is str and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def is_proof(value):
    return type(value) is list and all(is_digest_hex(h) for h in value)


def check_bundle(data, key):
    """ledger-spec.md 14.6: returns the record's seq, or raises ValueError."""
    if not data.endswith(b"\n"):
        raise ValueError("no final newline")
    bundle = json.loads(data[:-1].decode("utf-8"))
    if canonical(bundle) + b"\n" != data:
        raise ValueError("not canonical")
    want = {"checkpoint", "format", "inclusion_proof", "leaf_hash", "leaf_index", "record", "seq", "tree_size"}
    if set(bundle) != want or bundle["format"] != "ledger-proof-bundle/v1":
        raise ValueError("members or format")
    if not all(is_int(bundle[k]) for k in ("seq", "leaf_index", "tree_size")):
        raise ValueError("seq, leaf_index and tree_size are integers")
    if type(bundle["checkpoint"]) is not str or type(bundle["record"]) is not str:
        raise ValueError("checkpoint and record are strings")
    if not is_digest_hex(bundle["leaf_hash"]) or not is_proof(bundle["inclusion_proof"]):
        raise ValueError("leaf_hash and inclusion_proof are 64 lower-case hex digits each")
    cp = open_checkpoint(bundle["checkpoint"].encode(), key)
    line = bundle["record"].encode()
    record = json.loads(line)
    record_hash = sha256(b"{" + line[75:])
    if line[:9] != b'{"hash":"' or record_hash.hex() != record["hash"]:
        raise ValueError("record altered")
    seq = record["seq"]
    if not is_int(seq) or bundle["seq"] != seq or bundle["leaf_index"] != seq - 1 or bundle["tree_size"] != cp["size"]:
        raise ValueError("seq, leaf_index or tree_size")
    leaf = leaf_hash(record_hash)
    if bundle["leaf_hash"] != leaf.hex():
        raise ValueError("leaf hash")
    proof = [bytes.fromhex(h) for h in bundle["inclusion_proof"]]
    if not verify_inclusion(seq - 1, cp["size"], leaf, proof, cp["root"]):
        raise ValueError("inclusion proof")
    if seq == cp["size"] and record_hash != cp["head"]:
        raise ValueError("head")
    return seq


def check_record(line, seq, proof_hex, cp):
    """ledger-spec.md 14.6 steps 3-4 for one record line against an opened checkpoint."""
    record = json.loads(line)
    record_hash = sha256(b"{" + line[75:])
    if line[:9] != b'{"hash":"' or record_hash.hex() != record["hash"] or not is_int(record["seq"]) or record["seq"] != seq:
        raise ValueError("record %d altered" % seq)
    if not is_proof(proof_hex):
        raise ValueError("inclusion_proof of record %d: 64 lower-case hex digits each" % seq)
    proof = [bytes.fromhex(h) for h in proof_hex]
    if not verify_inclusion(seq - 1, cp["size"], leaf_hash(record_hash), proof, cp["root"]):
        raise ValueError("inclusion proof of record %d" % seq)
    if seq == cp["size"] and record_hash != cp["head"]:
        raise ValueError("head")
    return record


def check_publication(data, key):
    """ledger-spec.md 14.10: returns the checked seqs, or raises ValueError."""
    if not data.endswith(b"\n"):
        raise ValueError("no final newline")
    pub = json.loads(data[:-1].decode("utf-8"))
    if canonical(pub) + b"\n" != data:
        raise ValueError("not canonical")
    want = {"checkpoint", "community_id", "format", "period", "public_key", "records", "tree_size", "witness_keys",
            "witnesses_required"}
    if set(pub) != want or pub["format"] != "ledger-publication/v1":
        raise ValueError("members or format")
    # Strings where 14.10 has strings, lists where it has lists (review 46b: a number there stopped this script
    # with a traceback instead of a refusal).
    if any(type(pub[k]) is not str for k in ["checkpoint", "public_key"]) or type(pub["records"]) is not list \
            or type(pub["witness_keys"]) is not list or any(type(w) is not str for w in pub["witness_keys"]):
        raise ValueError("checkpoint and public_key are strings, records and witness_keys lists")
    # Each entry of records has exactly its three members too (14.10 step 1; review 46b #3).
    if any(type(r) is not dict or set(r) != {"inclusion_proof", "record", "seq"} for r in pub["records"]):
        raise ValueError("members of a records entry")
    if any(type(r["record"]) is not str or type(r["inclusion_proof"]) is not list for r in pub["records"]):
        raise ValueError("a records entry's record is a string, its inclusion_proof a list")
    # JSON true is not the number 1, though Python's True == 1.
    if any(type(v) is not int for v in [pub["tree_size"], pub["witnesses_required"]] + [r["seq"] for r in pub["records"]]):
        raise ValueError("tree_size, witnesses_required and seq are integers")
    if not 0 <= pub["witnesses_required"] <= len(pub["witness_keys"]):
        raise ValueError("witnesses_required is not from 0 to the number of witness_keys")
    if parse_pubkey(pub["public_key"]) != key:
        raise ValueError("the file names another key than the pinned one")
    note = pub["checkpoint"].encode()
    cp = open_checkpoint(note, key)
    if pub["tree_size"] != cp["size"]:
        raise ValueError("tree_size")
    witnesses = [parse_pubkey(w, algorithm=4) for w in pub["witness_keys"]]
    import time
    if len(cosignatures(note, witnesses, epoch_seconds(cp["time"]), int(time.time()))) < pub["witnesses_required"]:
        raise ValueError("too few witness cosignatures (with a credible time)")
    seqs = [r["seq"] for r in pub["records"]]
    if seqs != sorted(set(seqs)):
        raise ValueError("records not sorted by seq, each once")
    for r in pub["records"]:
        check_record(r["record"].encode(), r["seq"], r["inclusion_proof"], cp)
    return seqs


def main(argv):
    if "--pubkey" in argv:
        try:
            key = parse_pubkey(open(argv[argv.index("--pubkey") + 1], "rb").read())
        except (ValueError, UnicodeDecodeError) as e:
            print("rejected key: %s" % e)
            return 2
        try:
            if "--publication" in argv:
                data = open(argv[argv.index("--publication") + 1], "rb").read()
                print("valid: records %s" % " ".join(str(s) for s in check_publication(data, key)))
            elif "--bundle" in argv:
                print("valid: record seq %d" % check_bundle(open(argv[argv.index("--bundle") + 1], "rb").read(), key))
            elif "--checkpoint" in argv:
                cp = open_checkpoint(open(argv[argv.index("--checkpoint") + 1], "rb").read(), key)
                print("valid: %s, %d records" % (cp["origin"], cp["size"]))
            else:
                print("valid key: %s" % key[0])
            return 0
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as e:
            print("rejected: %s" % e)
            return 1
    folder = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    passed = failed = 0

    def check(name, ok):
        nonlocal passed, failed
        passed += bool(ok)
        failed += not ok
        if not ok:
            print("FAIL", name)

    vectors = json.load(open(os.path.join(folder, "sample-vectors.json")))
    lines = open(os.path.join(folder, "sample-ledger", "events.jsonl"), "rb").read().split(b"\n")[:-1]
    hashes = [sha256(b"{" + l[75:]) for l in lines]
    check("stored hashes", [h.hex() for h in hashes] == [json.loads(l)["hash"] for l in lines])
    leaves = [leaf_hash(h) for h in hashes]
    check("leaf hashes", [l.hex() for l in leaves] == [r["leaf_hash"] for r in vectors["records"]])
    for size, root in vectors["roots_by_size"].items():
        check("root %s" % size, mth(leaves[: int(size)]).hex() == root)
    inc = vectors["inclusion"]
    proof = [bytes.fromhex(h) for h in inc["proof"]]
    root7 = bytes.fromhex(inc["root"])
    check("inclusion", verify_inclusion(inc["leaf_index"], inc["tree_size"], leaves[2], proof, root7))
    check("inclusion, flipped", not verify_inclusion(2, 7, leaves[2], [proof[0][:31] + b"\x00"] + proof[1:], root7))
    check("inclusion, extra hash", not verify_inclusion(2, 7, leaves[2], proof + [proof[0]], root7))
    con = vectors["consistency"]
    cproof = [bytes.fromhex(h) for h in con["proof"]]
    r1, r2 = bytes.fromhex(con["root1"]), bytes.fromhex(con["root2"])
    check("consistency", verify_consistency(3, 7, cproof, r1, r2))
    check("consistency, wrong size", not verify_consistency(4, 7, cproof, r1, r2))
    check("consistency, from 0", not verify_consistency(0, 7, [], r1, r2))
    key = parse_pubkey(open(os.path.join(folder, "sample-key.pub")).read())
    check("public key text", open(os.path.join(folder, "sample-key.pub")).read().strip() == vectors["public_key"])
    note = open(os.path.join(folder, "sample-checkpoint.txt"), "rb").read()
    cp = open_checkpoint(note, key)
    check("checkpoint fields", cp["size"] == 7 and cp["root"] == root7 and cp["head"] == hashes[6]
          and cp["origin"] == vectors["ledger_name"])
    try:
        open_checkpoint(note.replace(b"\n7\n", b"\n8\n"), key)
        check("edited checkpoint rejected", False)
    except ValueError:
        check("edited checkpoint rejected", True)
    check("key base64 holds a +", "+" in vectors["public_key"].split("+", 2)[2])
    for form in [b"", b"\n", b"\r\n"]:
        check("key file ending %r" % form, parse_pubkey(vectors["public_key"].encode() + form) == key)
    for form in [b"\r", b"\n\n", b" \n"]:
        try:
            parse_pubkey(vectors["public_key"].encode() + form)
            check("key file ending %r rejected" % form, False)
        except ValueError:
            check("key file ending %r rejected" % form, True)
    bundle = open(os.path.join(folder, "sample-bundle-seq3.json"), "rb").read()
    check("bundle", check_bundle(bundle, key) == 3)
    rejected = 0
    for i in range(0, len(bundle), 7):
        changed = bundle[:i] + bytes([bundle[i] ^ 1]) + bundle[i + 1:]
        try:
            check_bundle(changed, key)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            rejected += 1
    check("changed bundles rejected", rejected == len(range(0, len(bundle), 7)))
    # Keys anyone can sign with (small order) or that verifiers read differently (non-canonical) are refused (14.3).
    refused = 0
    degenerate = ["01" + "00" * 31, "ec" + "ff" * 30 + "7f", "00" * 32, "00" * 31 + "80",
                  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
                  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                  "ee" + "ff" * 30 + "7f", "ed" + "ff" * 30 + "7f", "01" + "00" * 30 + "80", "ec" + "ff" * 31]
    for hexkey in degenerate:
        raw = bytes.fromhex(hexkey)
        text = "k+%s+%s" % (sha256(b"k\n\x01" + raw)[:4].hex(), base64.b64encode(b"\x01" + raw).decode())
        try:
            parse_pubkey(text)
        except ValueError:
            refused += 1
    check("degenerate keys refused", refused == len(degenerate))
    # Witness cosignatures (ledger-spec.md 14.9).
    wv = json.load(open(os.path.join(folder, "witness-vectors.json")))
    wkey = parse_pubkey(open(os.path.join(folder, "sample-witness.pub")).read(), algorithm=4)
    check("witness key text", open(os.path.join(folder, "sample-witness.pub")).read().strip() == wv["witness_public_key"])
    cosigned = open(os.path.join(folder, wv["cosigned_checkpoint_file"]), "rb").read()
    check("cosigned checkpoint keeps the office signature", open_checkpoint(cosigned, key)["size"] == 7)
    ts, cp_time = wv["cosignature_timestamp"], epoch_seconds(open_checkpoint(cosigned, key)["time"])
    check("cosignature", cosignatures(cosigned, [wkey], cp_time, ts) == {wkey: ts})
    check("cosignature dated before its checkpoint not counted", cosignatures(cosigned, [wkey], ts + 1, ts) == {})
    check("cosignature dated after now + 5 minutes not counted", cosignatures(cosigned, [wkey], cp_time, ts - 301) == {})
    text, _ = split_note(cosigned)
    check("cosignature message", b"cosignature/v1\ntime %d\n" % wv["cosignature_timestamp"] + text
          == wv["signed_message"].encode())
    check("uncosigned checkpoint has no cosignature", cosignatures(note, [wkey], cp_time, ts) == {})
    try:
        cosignatures(cosigned.replace(b"\n7\n", b"\n8\n"), [wkey], cp_time, ts)
        check("edited cosigned checkpoint rejected", False)
    except ValueError:
        check("edited cosigned checkpoint rejected", True)
    old, wproof, wnote = parse_witness_request(open(os.path.join(folder, wv["consistency_request_file"]), "rb").read())
    check("consistency request", old == 3 and wnote == note
          and verify_consistency(3, 7, wproof, bytes.fromhex(vectors["roots_by_size"]["3"]), open_checkpoint(wnote, key)["root"]))
    # Published disclosure data file (ledger-spec.md 14.10).
    publication = open(os.path.join(folder, "sample-publication.json"), "rb").read()
    check("publication", check_publication(publication, key) == [1, 3, 7])
    # Every byte of the signed parts (the checkpoint, the records and their proofs) is protected; the community id,
    # the period and the witness policy are labels of the file, not signed.
    records_start, records_end = publication.index(b'"records":'), publication.index(b',"tree_size":')
    positions = [i for i in range(0, len(publication), 11)
                 if i < publication.index(b'","community_id":') or records_start <= i < records_end]
    rejected = 0
    for i in positions:
        changed = publication[:i] + bytes([publication[i] ^ 1]) + publication[i + 1:]
        try:
            check_publication(changed, key)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            rejected += 1
    check("changed publications rejected", rejected == len(positions))
    # Personal data commitments (ledger-spec.md 10.3): SHA-256(tag || 32-byte salt || UTF-8 value), and the entry
    # private/ keeps for each.
    personal = json.load(open(os.path.join(folder, "..", "personal", "commitment-vectors.json"), encoding="utf-8"))
    tag = b"common-property-ledger/personal/v1\x00"
    check("personal tag", personal["tag_hex"] == tag.hex())
    for v in personal["vectors"]:
        salt, value = bytes.fromhex(v["salt"]), v["value"].encode("utf-8")
        check("commitment %s" % v["commitment"][:8], len(salt) == 32 and (tag + salt + value).hex() == v["hashed_bytes"]
              and sha256(tag + salt + value).hex() == v["commitment"]
              and v["payload_form"] == '{"commitment":"%s"}' % v["commitment"]
              and canonical({"commitment": v["commitment"], "format": "ledger-personal/v1", "salt": v["salt"],
                             "value": v["value"]}) + b"\n" == v["entry"].encode("utf-8"))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
