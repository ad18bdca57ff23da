#!/usr/bin/env python3
"""Splits `perf script -F tid,time,ip,sym | swift demangle --simplified` output of `ledger import assets` by phase and
thread: each sample goes to the innermost frame of its stack that names a phase (docs/perf-import49.md)."""
import sys, re, collections
# innermost-first list of (label, substring); the first frame (leaf→root) matching any wins
PAT = [
 ("index: ids", "IdKeyTable"), ("index: ids", "IdIndex"),
 ("index: scopes", "ScopeIndex"),
 ("index: checks.state/recent", "CheckTable"), ("index: checks.state/recent", "CheckState.write"),("index: checks.state/recent","CheckState.keep"),
 ("index: fund-totals", "FundTotals"),
 ("append: make lines (freshLines)", "freshLines"),
 ("bench: record count after the import (Parallel.Started.run, pread)", "Parallel.Started.run"),
 ("append: writeDurably", "writeDurably"),
 ("append: other", "LogWriter.append"),
 ("batch check: DomainValidator", "DomainValidator"),
 ("batch check: CheckState.validate", "CheckState.validate"),
 ("lookup: RegisterImports", "RegisterImports"),
 ("parse: consume (RegisterImporter)", "consume #1"),
 ("parse: produce (CSV read/rows)", "produce #1"),
 ("parse: other AssetImport", "AssetImport"),
 ("plan/report: ImportSession", "ImportSession"),
 ("ImportCommand other", "ImportCommand"),
 ("bench verify after", "LogScanner"),
 ("process start", "_dl_"),("process start","dl_main"),("process start","_dl_start"),
 ("exit/free", "exit"),
]
samples = []
cur = None
for line in open(sys.argv[1], errors="replace"):
    if re.match(r"\s*\d+\s+[\d.]+:", line):  # a sample's first line (this perf indents it)
        m = re.match(r"\s*(\d+)\s+([\d.]+):", line)
        cur = [int(m.group(1)), float(m.group(2)), []]
        samples.append(cur)
    elif line.strip() and cur is not None:
        parts = line.strip().split(" ", 1)
        cur[2].append(parts[1] if len(parts) > 1 else "")
tot = collections.Counter(); bytid = collections.defaultdict(collections.Counter); span = {}
for tid, t, st in samples:
    lab = "other"
    for f in st:
        hit = None
        for l, p in PAT:
            if p in f: hit = l; break
        if hit: lab = hit; break
    else:
        if any("start_thread" in f for f in st): lab = "other thread (unattributed)"
    if lab == "other" and st and ("[unknown]" in st[-1] or st[-1]=="" ): lab = "other (no stack: malloc/sha/kernel)"
    tot[lab] += 1; bytid[tid][lab] += 1
    a = span.get(lab); span[lab] = (min(a[0], t) if a else t, max(a[1], t) if a else t)
n = sum(tot.values()); t0 = min(s[1] for s in samples)
for lab, c in tot.most_common():
    print(f"{c:6d} {100*c/n:5.1f}%  {lab:40s} {span[lab][0]-t0:7.3f}-{span[lab][1]-t0:7.3f}s")
print("total", n)
for tid, c in bytid.items(): print(tid, sum(c.values()), c.most_common(4))
print()
labs=[l for l,_ in tot.most_common()]
tids=sorted(bytid, key=lambda t:-sum(bytid[t].values()))[:5]
print("%-42s"%"label"+"".join("%9s"%t for t in tids))
for l in labs: print("%-42s"%l[:42]+"".join("%9.3f"%(bytid[t][l]/5000) for t in tids))
