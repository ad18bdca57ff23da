#!/usr/bin/env python3
"""Independent verifier of a common-property ledger's events.jsonl, written from ledger-spec.md sections 2-6.

Standard library only. Usage: python3 verify_ledger.py path/to/events.jsonl
Exit 0 intact (torn tail allowed), 1 integrity failure, 2 usage error.
"""
import hashlib
import json
import re
import sys

ORDER = ["hash", "prev", "seq", "v", "batch", "id", "type", "occurred_on", "recorded_at", "actor", "data"]
HEX64 = re.compile(r"^[0-9a-f]{64}$")
TYPE = re.compile(r"^[a-z][a-z0-9_.]{0,63}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def real_date(text):
    import datetime
    try:
        d = datetime.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        return False
    return 1900 <= d.year <= 9999


def id_ok(text):
    if not 1 <= len(text.encode("utf-8")) <= 128:
        return False
    return not any(ch.isspace() or ord(ch) <= 0x20 or ord(ch) == 0x7F or ch in '"\\' for ch in text)


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
    return '"' + "".join(out) + '"'


def canonical(v, sort=True):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return escape(v)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-8")) if sort else list(v)
        return "{" + ",".join(escape(k) + ":" + canonical(v[k]) for k in keys) + "}"
    raise ValueError("floating-point numbers are not allowed")


def no_dupes(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError("duplicate key " + k)
        d[k] = v
    return d


def main(path):
    data = open(path, "rb").read()
    prev, expected, open_batch = "0" * 64, 1, None
    committed = (0, "0" * 64, 0)
    offset, line_number = 0, 0
    while True:
        end = data.find(b"\n", offset)
        if end < 0:
            break
        line = data[offset:end]
        line_number += 1

        def fail(kind, detail):
            print("INTEGRITY FAILURE at line %d (seq %d): %s: %s" % (line_number, expected, kind, detail))
            sys.exit(1)

        try:
            text = line.decode("utf-8")
            obj = json.loads(text, object_pairs_hook=no_dupes)
            if list(obj) != ORDER:
                raise ValueError("members out of order")
            rebuilt = "{" + ",".join(
                escape(k) + ":" + (canonical(obj[k], sort=(k != "batch"))) for k in ORDER) + "}"
            if rebuilt.encode("utf-8") != line:
                raise ValueError("not in canonical form")
            if not (HEX64.match(obj["hash"]) and HEX64.match(obj["prev"]) and obj["v"] == 1):
                raise ValueError("bad hash, prev or v")
            if list(obj["batch"]) != ["first", "last"]:
                raise ValueError("bad batch")
            if not id_ok(obj["id"]):
                raise ValueError("bad id")
            if not TYPE.match(obj["type"]):
                raise ValueError("bad type")
            if not (DATE.match(obj["occurred_on"]) and real_date(obj["occurred_on"])):
                raise ValueError("bad occurred_on")
            t = obj["recorded_at"]
            if not (TIME.match(t) and real_date(t[:10]) and int(t[11:13]) < 24 and int(t[14:16]) < 60 and int(t[17:19]) < 60):
                raise ValueError("bad recorded_at")
            if not isinstance(obj["actor"], str) or obj["actor"] == "" or not isinstance(obj["data"], dict):
                raise ValueError("bad actor or data")
        except (ValueError, UnicodeDecodeError) as e:
            fail("unparsable", str(e))
        computed = hashlib.sha256(b"{" + line[75:]).hexdigest()
        if computed != obj["hash"]:
            fail("hash_mismatch", "stored %s computed %s" % (obj["hash"], computed))
        if obj["seq"] != expected:
            fail("sequence", "found %s" % obj["seq"])
        if obj["prev"] != prev:
            fail("broken_link", "expected %s found %s" % (prev, obj["prev"]))
        first, last = obj["batch"]["first"], obj["batch"]["last"]
        if open_batch is None:
            if not (first == obj["seq"] and last >= obj["seq"] and last - first < 2000000):
                fail("bad_batch", "record should start a batch")
            open_batch = (first, last)
        elif (first, last) != open_batch:
            fail("bad_batch", "batch %s not finished" % (open_batch,))
        prev, expected = computed, obj["seq"] + 1
        if obj["seq"] == last:
            open_batch = None
            committed = (obj["seq"], computed, end + 1)
        offset = end + 1
    print("intact: %d records, head %s" % (committed[0], committed[1]))
    if committed[2] < len(data):
        print("torn tail: %d bytes after offset %d" % (len(data) - committed[2], committed[2]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
