# Issue 17 ("types in files of their own name"; session 20, tidy20): lists every top-level
# struct/enum/class/protocol/actor of Sources/ that lives in a file of another name, and counts them per module.
# A type T is at home in T.swift or T+Anything.swift (a `Type+Concern.swift` file). Private and fileprivate types are
# marked: they stay beside their one user on purpose. Run from the package root:
#   python3 scripts/type-files.py            one row a type (module, file, line, kind, name, private), then the counts
#   python3 scripts/type-files.py --counts   the counts only
import os, re, sys
root = 'Sources'
decl = re.compile(r'^(?:@[\w.]+(?:\([^)]*\))?\s+)*((?:(?:public|internal|package|private|fileprivate|open|final|indirect|nonisolated)\s+)*)'
                  r'(struct|enum|class|protocol|actor)\s+(\w+)')
counts, rows = {}, []
for module in sorted(os.listdir(root)):
    if not os.path.isdir(os.path.join(root, module)): continue
    total = away = private = 0
    for directory, _, files in sorted(os.walk(os.path.join(root, module))):
        for name in sorted(files):
            if not name.endswith('.swift'): continue
            base, path = name[:-len('.swift')], os.path.join(directory, name)
            in_comment = False
            for number, line in enumerate(open(path, encoding='utf-8').read().split('\n'), 1):
                if in_comment:
                    in_comment = '*/' not in line
                    continue
                if line.startswith('/*') and '*/' not in line:
                    in_comment = True
                    continue
                match = decl.match(line)
                if not match: continue
                modifiers, kind, type_name = match.groups()
                total += 1
                if base == type_name or base.startswith(type_name + '+'): continue
                away += 1
                is_private = 'private' in modifiers
                private += is_private
                rows.append((module, os.path.relpath(path, root), str(number), kind, type_name, 'private' if is_private else ''))
    if total: counts[module] = (total, away, private)
if '--counts' not in sys.argv:
    for row in rows: print('\t'.join(row))
print('module\ttop-level types\tin a file of another name\tof which private')
for module, (total, away, private) in counts.items(): print(f'{module}\t{total}\t{away}\t{private}')
print(f'all\t{sum(c[0] for c in counts.values())}\t{sum(c[1] for c in counts.values())}\t{sum(c[2] for c in counts.values())}')
