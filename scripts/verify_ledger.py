#!/usr/bin/env python3
"""Independent verifier of a common-property ledger, written from ledger-spec.md sections 1-6 alone.

Standard library only. Usage:
  python3 verify_ledger.py [--json] LEDGER_DIR     the whole ledger: ledger.json, acknowledged, events.jsonl
  python3 verify_ledger.py [--json] events.jsonl   the log alone (no acknowledged head is known)
  python3 verify_ledger.py --personal LEDGER_DIR   also check private/ against the log (section 10.3): every entry
                                                   opens its commitment, and no erased commitment has an entry
Exit 0 intact (a torn tail allowed), 1 integrity failure (or, with --personal, an entry that is damaged or survived
its erasure), 2 usage error or unreadable ledger.
With --json it prints the members of `ledger verify --json` that do not depend on the writer's lock:
{"failure":null|{"byte_offset","kind","line","seq"},"head","records","status",
 "torn_tail":null|{"byte_count","byte_offset","complete_records","partial_line"}}.
"""
import datetime
import hashlib
import json
import unicodedata
import os
import re
import stat
import sys

ORDER = ["hash", "prev", "seq", "v", "batch", "id", "type", "occurred_on", "recorded_at", "actor", "data"]
GENESIS = "0" * 64
LINE_MAX = 1048576          # section 2: a line is at most 1 MiB without its LF
STRING_MAX = 65536          # section 2: a string is at most 64 KiB as written between its quotes
DEPTH_MAX = 32              # section 2: data is level 1; nothing nests deeper than level 32
INTEGER_MAX = 2 ** 53 - 1   # section 2: every number is an integer within +-(2^53 - 1)
BATCH_MAX = 2000000         # section 6 step 5: last - first < 2,000,000
HEX64 = re.compile(r"[0-9a-f]{64}")
TYPE = re.compile(r"[a-z][a-z0-9_.]*")
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
# Section 2: Unicode White_Space, listed so that no library's idea of "space" decides.
WHITE_SPACE = set(range(0x09, 0x0E)) | {0x20, 0x85, 0xA0, 0x1680} | set(range(0x2000, 0x200B)) | \
    {0x2028, 0x2029, 0x202F, 0x205F, 0x3000}


class Bad(Exception):
    """A line that is not a record line (failure kind `unparsable`)."""


def is_control(ch):
    """Section 2: a control character is Unicode category Cc: U+0000-U+001F and U+007F-U+009F."""
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F


def real_date(text):
    m = DATE.fullmatch(text)
    if not m:
        return False
    try:
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return 1900 <= d.year <= 9999


def real_time(text):
    m = TIME.fullmatch(text)
    return bool(m) and real_date(m.group(1)) and int(m.group(2)) < 24 and int(m.group(3)) < 60 and int(m.group(4)) < 60


def id_ok(text):
    if not 1 <= len(text.encode("utf-8")) <= 128:
        return False
    return not any(is_control(ch) or ord(ch) in WHITE_SPACE or ch in '"\\' for ch in text)


def is_count(v):
    """seq, batch.first, batch.last: an integer (not a boolean) in 1 ... 2^53 - 1."""
    return type(v) is int and 1 <= v <= INTEGER_MAX


def escape(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(o, "\\u%04x" % o))
        else:
            out.append(ch)
    written = "".join(out)
    if len(written.encode("utf-8")) > STRING_MAX:
        raise Bad("a string is longer than %d bytes as written" % STRING_MAX)
    return '"' + written + '"'


def canonical(v, depth=0):
    """Section 2's one spelling of a value; `depth` counts arrays and objects, `data` itself being level 1."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if type(v) is int:
        if abs(v) > INTEGER_MAX:
            raise Bad("integer beyond 2^53 - 1")
        return str(v)
    if isinstance(v, str):
        return escape(v)
    if isinstance(v, (list, dict)) and depth + 1 > DEPTH_MAX:
        raise Bad("nesting deeper than %d levels" % DEPTH_MAX)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x, depth + 1) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-8"))
        return "{" + ",".join(escape(k) + ":" + canonical(v[k], depth + 1) for k in keys) + "}"
    raise Bad("fractions and exponents are not allowed")


def no_dupes(pairs):
    """A stored line's keys: compared as bytes (section 2; strictly increasing order rules out duplicates)."""
    d = {}
    for k, v in pairs:
        if k in d:
            raise Bad("duplicate key " + k)
        d[k] = v
    return d


def no_equivalent_dupes(pairs):
    """ledger.json, read with section 8's input parser (section 1): two keys are duplicates when they are the same
    text under Unicode canonical equivalence, `Caf\u00e9` and `Cafe\u0301` included. Not for stored lines."""
    seen = set()
    for k, _ in pairs:
        folded = unicodedata.normalize("NFC", k)
        if folded in seen:
            raise Bad("duplicate key " + k)
        seen.add(folded)
    return no_dupes(pairs)


def parse_record(line):
    """Section 2 / section 6 step 1: the record, or Bad."""
    try:
        return check_record(line)
    except (ValueError, TypeError) as e:  # e.g. a lone surrogate escape, which has no UTF-8 form
        raise Bad(str(e))


def check_record(line):
    if len(line) > LINE_MAX:
        raise Bad("line longer than %d bytes" % LINE_MAX)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Bad("invalid UTF-8 at byte %d" % (e.start + 1))
    try:
        obj = json.loads(text, object_pairs_hook=no_dupes)
    except RecursionError:
        raise Bad("nesting deeper than %d levels" % DEPTH_MAX)
    except ValueError as e:
        raise Bad("not JSON: %s" % e)
    if type(obj) is not dict or list(obj) != ORDER:
        raise Bad("members missing or out of order")
    batch = obj["batch"]
    if type(batch) is not dict or list(batch) != ["first", "last"]:
        raise Bad("batch is not {\"first\":F,\"last\":L}")
    for name, ok in [("hash", isinstance(obj["hash"], str) and HEX64.fullmatch(obj["hash"])),
                     ("prev", isinstance(obj["prev"], str) and HEX64.fullmatch(obj["prev"])),
                     ("seq", is_count(obj["seq"])), ("v", type(obj["v"]) is int and obj["v"] == 1),
                     ("batch.first", is_count(batch["first"])), ("batch.last", is_count(batch["last"])),
                     ("id", isinstance(obj["id"], str) and id_ok(obj["id"])),
                     ("type", isinstance(obj["type"], str) and TYPE.fullmatch(obj["type"])
                      and len(obj["type"]) <= 64),
                     ("occurred_on", isinstance(obj["occurred_on"], str) and real_date(obj["occurred_on"])),
                     ("recorded_at", isinstance(obj["recorded_at"], str) and real_time(obj["recorded_at"])),
                     ("actor", isinstance(obj["actor"], str) and any(ord(c) not in WHITE_SPACE for c in obj["actor"])),
                     ("data", type(obj["data"]) is dict)]:
        if not ok:
            raise Bad("bad " + name)
    # Members in their order; batch members in theirs; data in canonical order, depth counted from data = 1.
    rebuilt = "{" + ",".join(
        escape(k) + ":" + ('{"first":%d,"last":%d}' % (batch["first"], batch["last"]) if k == "batch"
                           else canonical(obj[k])) for k in ORDER) + "}"
    if rebuilt.encode("utf-8") != line:
        raise Bad("not in canonical form")
    return obj


def read_small(path, limit):
    """Section 1: files inside the ledger are read without following a symbolic link. None when missing."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError("not a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise OSError("longer than %d bytes" % limit)
    return data


# Section 1: the paths of a ledger directory that must be the file or directory itself (never a symbolic link),
# each checked when it exists, before anything is read; the id index is every level, ids and ids-2 ... ids-24.
MEMBER_KINDS = [("ledger.json", "file"), ("events.jsonl", "file"), ("acknowledged", "file"), ("lock", "file"),
                ("index", "directory"), ("index/merkle.idx", "file"), ("index/offsets.idx", "file"),
                ("index/merkle.lock", "file"), ("index/funds.state", "file"), ("index/ids-recent", "file"),
                ("index/ids", "file")] + [("index/ids-%d" % level, "file") for level in range(2, 25)]


def check_member_kinds(directory):
    """Section 1 and 6: a listed path that is a symbolic link or not of its kind makes the ledger unreadable."""
    for name, kind in MEMBER_KINDS:
        try:
            mode = os.lstat(os.path.join(directory, name)).st_mode
        except FileNotFoundError:
            continue
        if not (stat.S_ISDIR(mode) if kind == "directory" else stat.S_ISREG(mode)):
            raise OSError("%s is a symbolic link or not a %s; refused" % (name, kind))


def read_identity(directory):
    """Section 1: ledger.json is any JSON object with format, version 1, name and created_at; otherwise exit 2."""
    data = read_small(os.path.join(directory, "ledger.json"), 65536)
    if data is None:
        raise OSError("ledger.json is missing")
    identity = json.loads(data.decode("utf-8"), object_pairs_hook=no_equivalent_dupes)
    if type(identity) is not dict or identity.get("format") != "common-property-ledger":
        raise OSError("ledger.json is not a common-property-ledger identity file")
    if type(identity.get("version")) is not int or identity["version"] != 1:
        raise OSError("ledger.json has format version %r; this verifier reads version 1" % identity.get("version"))
    if not isinstance(identity.get("name"), str) or not isinstance(identity.get("created_at"), str) \
            or not real_time(identity["created_at"]):
        raise OSError("ledger.json lacks name or created_at")
    canonical(identity)  # integers and strings within the section 2 limits
    return identity["name"]


SLOT = 4096  # section 1: `acknowledged` is two slots of 4,096 bytes


def head_line(seq, digest):
    """Section 1: {"hash":"<64 hex>","seq":N}, the one-line form without its LF and what a slot's check covers."""
    return b'{"hash":"%s","seq":%d}' % (digest.encode(), seq)


def read_slot(data):
    """Section 1: (seq, hash) of a valid slot, seq 0 meaning nothing acknowledged; None for an invalid slot."""
    try:
        head = json.loads(data.decode("utf-8"), object_pairs_hook=no_dupes)
    except (ValueError, Bad, RecursionError):
        return None
    if type(head) is not dict or list(head) != ["check", "hash", "seq"] or type(head["seq"]) is not int \
            or not 0 <= head["seq"] <= INTEGER_MAX or not isinstance(head["hash"], str) \
            or not HEX64.fullmatch(head["hash"]) or (head["seq"] == 0 and head["hash"] != GENESIS):
        return None
    check = hashlib.sha256(head_line(head["seq"], head["hash"])).hexdigest()
    text = b'{"check":"%s",%s' % (check.encode(), head_line(head["seq"], head["hash"])[1:])
    if data != text + b" " * (SLOT - 1 - len(text)) + b"\n":
        return None
    return head["seq"], head["hash"]


def read_acknowledged(directory):
    """Section 1: the acknowledged head (seq, hash); None when the file is missing or records nothing yet.
    A damaged file is read again until two reads agree (section 6: a writer may be overwriting the slots)."""
    path = os.path.join(directory, "acknowledged")
    data = read_small(path, 2 * SLOT)
    for _ in range(3):
        try:
            return decode_acknowledged(data)
        except OSError:
            again = read_small(path, 2 * SLOT)
            if again == data:
                raise
            data = again
    return decode_acknowledged(data)


def decode_acknowledged(data):
    """Section 1: the head the bytes of `acknowledged` record (None: no file, or nothing yet); OSError if damaged."""
    if data is None:
        return None
    if len(data) == 2 * SLOT:
        slots = [s for s in (read_slot(data[:SLOT]), read_slot(data[SLOT:])) if s is not None]
        if not slots:
            raise OSError("acknowledged: both slots are damaged")
        best = max(slots)
        if len(slots) == 2 and slots[0][0] == slots[1][0] and slots[0] != slots[1]:
            raise OSError("acknowledged: two different heads with seq %d" % best[0])
        return best if best[0] > 0 else None
    # The one-line form that development builds wrote before the slots.
    try:
        head = json.loads(data[:-1].decode("utf-8"), object_pairs_hook=no_dupes)
        ok = type(head) is dict and list(head) == ["hash", "seq"] and is_count(head["seq"]) \
            and isinstance(head["hash"], str) and HEX64.fullmatch(head["hash"]) \
            and data == head_line(head["seq"], head["hash"]) + b"\n"
    except (ValueError, Bad, RecursionError):
        ok = False
    if not ok:
        raise OSError("acknowledged is neither two slots of %d bytes nor one line {\"hash\":\"<64 hex>\",\"seq\":N}"
                      % SLOT)
    return head["seq"], head["hash"]


def walk(data, acknowledged):
    """Section 6: returns (failure or None, committed (count, head, bytes), torn tail or None)."""
    prev, expected, open_batch = GENESIS, 1, None
    committed = (0, GENESIS, 0)
    offset, line_number, in_tail = 0, 0, 0
    seen = None  # (line number, offset, hash) of the acknowledged record

    def failure(kind, detail, line, at):
        return {"kind": kind, "seq": expected, "line": line, "byte_offset": at, "detail": detail}

    while True:
        end = data.find(b"\n", offset)
        if end < 0:
            break
        line = data[offset:end]
        line_number += 1
        try:
            obj = parse_record(line)
        except Bad as e:
            return failure("unparsable", str(e), line_number, offset), committed, None
        computed = hashlib.sha256(b"{" + line[75:]).hexdigest()
        if computed != obj["hash"]:
            return failure("hash_mismatch", "stored %s computed %s" % (obj["hash"], computed), line_number, offset), \
                committed, None
        if obj["seq"] != expected:
            return failure("sequence", "found %d" % obj["seq"], line_number, offset), committed, None
        if obj["prev"] != prev:
            return failure("broken_link", "prev %s" % obj["prev"], line_number, offset), committed, None
        first, last = obj["batch"]["first"], obj["batch"]["last"]
        if open_batch is None:
            if not (first == obj["seq"] and last >= obj["seq"] and last - first < BATCH_MAX):
                return failure("bad_batch", "should start a batch", line_number, offset), committed, None
            open_batch = (first, last)
        elif (first, last) != open_batch:
            return failure("bad_batch", "batch %s is not finished" % (open_batch,), line_number, offset), committed, None
        if acknowledged and obj["seq"] == acknowledged[0]:
            seen = (line_number, offset, computed)
        prev, expected = computed, obj["seq"] + 1
        in_tail += 1
        if obj["seq"] == last:
            open_batch, in_tail = None, 0
            committed = (obj["seq"], computed, end + 1)
        offset = end + 1
    # Section 4: an unterminated last line longer than any record line is damage, not an unfinished append.
    if len(data) - offset > LINE_MAX:
        return failure("unparsable", "unterminated last line longer than %d bytes" % LINE_MAX, line_number + 1,
                       offset), committed, None
    torn = None
    if committed[2] < len(data):
        torn = {"byte_offset": committed[2], "byte_count": len(data) - committed[2], "complete_records": in_tail,
                "partial_line": not data.endswith(b"\n")}
    if acknowledged:
        seq, digest = acknowledged
        if committed[0] < seq:
            return {"kind": "acknowledged_lost", "seq": committed[0] + 1, "line": committed[0] + 1,
                    "byte_offset": committed[2], "detail": "acknowledged up to seq %d" % seq}, committed, None
        if seen[2] != digest:
            return {"kind": "acknowledged_lost", "seq": seq, "line": seen[0], "byte_offset": seen[1],
                    "detail": "record %d is not the acknowledged one" % seq}, committed, None
    return None, committed, torn


PERSONAL_TAG = b"common-property-ledger/personal/v1\x00"   # section 10.3


def commitments_in(value):
    """Every commitment written {"commitment": "<64 hex>"} anywhere in a payload (section 10.3)."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("commitment"), str) and HEX64.fullmatch(value["commitment"]):
            return [value["commitment"]]
        return [c for v in value.values() for c in commitments_in(v)]
    if isinstance(value, list):
        return [c for v in value for c in commitments_in(v)]
    return []


def check_personal(directory, data, records):
    """Section 10.3 against private/: returns (problems, summary). An entry must be exactly the canonical
    {"commitment","format","salt","value"} line of its file name whose SHA-256(tag || salt || value) is that name;
    a commitment named by a personal_data.erased record must have no entry."""
    named, erased = set(), set()
    offset = 0
    for _ in range(records):
        end = data.index(b"\n", offset)
        obj = json.loads(data[offset:end].decode("utf-8"))
        offset = end + 1
        named.update(commitments_in(obj["data"]))
        if obj["type"] == "personal_data.erased":
            erased.update(obj["data"]["commitments"])
    problems, opened = [], set()
    folder = os.path.join(directory, "private")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) and not os.path.islink(folder) else []
    for name in names:
        if not HEX64.fullmatch(name):
            continue
        try:
            raw = read_small(os.path.join(folder, name), 512 * 1024)
            entry = json.loads(raw[:-1].decode("utf-8"))
            ok = (raw.endswith(b"\n") and isinstance(entry, dict) and (canonical(entry) + "\n").encode("utf-8") == raw
                  and set(entry) == {"commitment", "format", "salt", "value"} and entry["format"] == "ledger-personal/v1"
                  and entry["commitment"] == name and re.fullmatch(r"[0-9a-f]{64}", entry["salt"]) is not None
                  and isinstance(entry["value"], str)
                  and hashlib.sha256(PERSONAL_TAG + bytes.fromhex(entry["salt"]) + entry["value"].encode("utf-8")).hexdigest() == name)
        except (OSError, ValueError, Bad, KeyError, TypeError):
            ok = False
        if not ok:
            problems.append("private/%s does not open its commitment" % name)
        elif name in erased:
            problems.append("private/%s survives its erasure" % name)
        else:
            opened.add(name)
    missing = named - opened - erased
    summary = "personal: %d commitments named, %d opened by private/, %d erased, %d missing" % (
        len(named), len(opened & named), len(erased), len(missing))
    return problems, summary


def main(argv):
    as_json = "--json" in argv
    personal = "--personal" in argv
    paths = [a for a in argv[1:] if a not in ("--json", "--personal")]
    if len(paths) != 1:
        print(__doc__)
        return 2
    path, acknowledged = paths[0], None
    try:
        if os.path.isdir(path):
            check_member_kinds(path)
            read_identity(path)
            acknowledged = read_acknowledged(path)  # before the log, as section 6 says
            path = os.path.join(path, "events.jsonl")
        with open(path, "rb") as f:
            data = f.read()
    except (OSError, ValueError, Bad) as e:
        print("unreadable ledger: %s" % e, file=sys.stderr)
        return 2
    failure, committed, torn = walk(data, acknowledged)
    personal_problems = []
    if personal and failure is None:
        if not os.path.isdir(paths[0]):
            print("--personal needs the ledger directory", file=sys.stderr)
            return 2
        personal_problems, summary = check_personal(paths[0], data, committed[0])
    if as_json:
        out = {"failure": None if failure is None else {k: failure[k] for k in ("byte_offset", "kind", "line", "seq")},
               "head": committed[1], "records": committed[0],
               "status": "intact" if failure is None else "integrity_failure", "torn_tail": torn}
        print(json.dumps(out, sort_keys=True, separators=(",", ":")))
    elif failure:
        print("INTEGRITY FAILURE at line %d (seq %d, byte offset %d): %s: %s" % (
            failure["line"], failure["seq"], failure["byte_offset"], failure["kind"], failure["detail"]))
    else:
        print("intact: %d records, head %s" % (committed[0], committed[1]))
        if torn:
            print("torn tail: %d bytes after offset %d" % (torn["byte_count"], torn["byte_offset"]))
        if personal:
            print(summary)
            for problem in personal_problems:
                print("PERSONAL DATA FAILURE: %s" % problem)
    return 0 if failure is None and not personal_problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
