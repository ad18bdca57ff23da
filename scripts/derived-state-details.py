# Issue 17 (session 19, errors19): converts free-text reasons of ChainError.DerivedStateProblem
# (`throw .damaged("…")`) into typed details (`throw .damaged(.checksum(.table))`), the rules the branch applied.
# Re-runnable over code of other branches: python3 scripts/derived-state-details.py FILE...
# What it does not match is left as it was, and the compiler then names it (a String where a Detail belongs).
import re, sys
PRE = r'((?:damaged|mismatch|foreign|unwritable)\(|Damaged\(why: )'
LIT = [
 (r'"\\\(error\)"', '.of(error)'),
 (r'"its length is not the one its header gives: truncated or extended"', '.lengthNotHeaders'),
 (r'"(?:its )?checksum does not match: truncated or altered"', '.checksum(.body)'),
 (r'"the table\'s checksum does not match: truncated or altered"', '.checksum(.table)'),
 (r'"the page directory does not match its checksum: truncated or altered"', '.checksum(.pageDirectory)'),
 (r'"block directory checksum does not match: truncated or altered"', '.checksum(.blockDirectory)'),
 (r'"a page does not match its checksum"', '.checksum(.some(.page))'),
 (r'"a block does not match its checksum"', '.checksum(.some(.block))'),
 (r'"a part does not match its checksum"', '.checksum(.some(.part))'),
 (r'"node table page \\\(([^)]*\)?)\) does not match its checksum"', r'.checksum(.nodeTablePage(\2))'),
 (r'"block \\\(([^)]*\)?)\) does not match its checksum"', r'.checksum(.nth(.block, \2))'),
 (r'"cannot read the table"', '.unreadable(.table)'),
 (r'"cannot read the table\'s length"', '.unreadable(.tableLength)'),
 (r'"cannot read its header"', '.unreadable(.header)'),
 (r'"cannot read (?:its|the) counts"', '.unreadable(.counts)'),
 (r'"cannot read its parts"', '.unreadable(.all(.part))'),
 (r'"cannot read its inputs"', '.unreadable(.all(.input))'),
 (r'"cannot read its body"', '.unreadable(.body)'),
 (r'"cannot read its units"', '.unreadable(.all(.unit))'),
 (r'"cannot read its global part"', '.unreadable(.globalPart)'),
 (r'"cannot read its block directory"', '.unreadable(.blockDirectory)'),
 (r'"cannot read the node table\'s page directory"', '.unreadable(.nodePageDirectory)'),
 (r'"cannot read the end \(bytes left over\)"', '.unreadable(.end)'),
 (r'"cannot read the inputs \(one per record up to the stamp\)"', '.unreadable(.inputsToStamp)'),
 (r'"cannot read input \\\(count \+ 1\)"', '.unreadable(.nth(.input, Int(count + 1)))'),
 (r'"cannot read block \\\(starts\.count \+ 1\)\'s place"', '.unreadable(.blockPlace(starts.count + 1))'),
 (r'"its (entries|records|totals|keys) differ from the log\'s"', None),
 (r'"its blocks are out of order"', '.outOfOrder(.all(.block))'),
 (r'"its pages are not in key order"', '.outOfOrder(.all(.page))'),
 (r'"its blocks and directory do not fit together"', '.outOfRange(.blockDirectory)'),
 (r'"its block directory\'s length is impossible"', '.outOfRange(.blockDirectory)'),
 (r'"its key and page counts do not match its length"', '.outOfRange(.counts)'),
 (r'"node table names block \\\(block\)"', '.danglingBlock(Int(block))'),
 (r'"block \\\(b \+ 1\) names a record after the stamp"', '.recordAfterStamp(block: b + 1)'),
 (r'"its entry for record \\\(entry\.seq\) does not match the log\'s line"', '.entryDiffers(record: entry.seq)'),
 (r'"a block or a line it names does not match the log"', '.blockOrLineDiffers'),
 (r'"the merged index\'s length is not its plan\'s"', '.lengthNotPlanned'),
 (r'"cannot read back the merged index"', '.notReadBack(.mergedIndex, cause: nil)'),
 (r'"not the list the log gives as of \\\(stored\.asOf\) at record \\\(stored\.stamp\.seq\)"', '.notTheLogsList(asOf: stored.asOf, seq: stored.stamp.seq)'),
 (r'"the log ends before its stamp, record \\\(stored\.stamp\.seq\)"', '.logEndsBeforeStamp(seq: stored.stamp.seq)'),
 (r'"its stamp is not after the state\'s"', '.stampNotAfterState'),
 (r'"\\\(recentFileName\): \\\(error\)"', '.inFile(recentFileName, .of(error))'),
 (r'"\\\(recentFileName\): written for another ledger or log"', '.inFile(recentFileName, .otherLedgerOrLog)'),
 (r'"\\\((recentFileName|name)\): \\\((why|damage)\)"', r'.inFile(\2, \3)'),
 (r'"its entry for record \\\(candidate\.seq\) does not lead to that record"', '.entryDoesNotLead(record: candidate.seq)'),
 (r'"a base table must start at record 1"', '.baseNotFromRecord1'),
 (r'"the log is too large for the id table"', '.logTooLargeForIdTable'),
 (r'"the table just written cannot be read back"', '.notReadBack(.idTable, cause: nil)'),
 (r'"level \\\(h\.level\) where \\\(level\) belongs"', '.wrongLevel(found: UInt64(h.level), expected: UInt64(level))'),
 (r'"table header cut short"', '.unreadable(.tableHeader)'),
 (r'"table header checksum does not match"', '.checksum(.tableHeader)'),
 (r'"header values out of range"', '.outOfRange(.tableHeader)'),
 (r'"not a regular file"', '.notARegularFile'),
 (r'"\\\(size\) bytes where the header implies \\\(expected\): truncated or extended"', '.size(bytes: Int64(size), expected: Int64(expected))'),
 (r'"block index checksum does not match"', '.checksum(.blockIndex)'),
 (r'"block \\\(index\) does not start with the key the index gives"', '.firstKeyNotIndexed(block: index)'),
 (r'"block \\\(index\) checksum does not match"', '.checksum(.nth(.block, index))'),
 (r'"block \\\(index\) holds an entry out of order or out of range"', '.entryOutOfPlace(block: index)'),
 (r'"block \\\(index\) is empty"', '.empty(.nth(.block, index))'),
 (r'"unreadable"', '.unreadable(.file)'),
]
ITEM = {'entries': 'entry', 'records': 'record', 'totals': 'total', 'keys': 'key'}
FAIL = [  # `fail(…)` helpers that say `cannot read X`: X as a part.
 ('"the last day"', '.lastDay'), ('"the community count"', '.count(.community)'), (r'"community \(i + 1)"', '.nth(.community, i + 1)'),
 ('"the fund count"', '.count(.fund)'), (r'"fund \(i + 1)"', '.nth(.fund, i + 1)'), (r'"fund \(i + 1)\'s statement checks"', '.fundChecks(i + 1)'),
 ('"the anomaly count"', '.count(.anomaly)'), (r'"anomaly \(i + 1)"', '.nth(.anomaly, i + 1)'), ('"the rejection count"', '.count(.rejectedFact)'),
 (r'"rejected fact \(i + 1)"', '.nth(.rejectedFact, i + 1)'), ('"the end (bytes left over)"', '.end'),
 (r'"input \(inputs.count + 1)"', '.nth(.input, inputs.count + 1)'), ('"the inputs (one per record up to the stamp)"', '.inputsToStamp'),
 ('"the as-of date"', '.asOfDate'), ('"the row count"', '.count(.row)'), ('"a row"', '.some(.row)'), ('"an anomaly"', '.some(.anomaly)'),
 ('"the erased count"', '.count(.erasedCommitment)'), ('"an erased commitment"', '.some(.erasedCommitment)'),
 ('"the person count"', '.count(.person)'), ('"a person"', '.some(.person)'),
]
PLAIN = [  # one-off lines, as they stood at main 9cd3f54
 ('throw fail("fund \\(i + 1)\'s statement checks")', 'throw fail(.fundChecks(i + 1))'),
 ('throw fail(Line.showsPersons ? "its body: bytes after the persons" : "its body: bytes after the anomalies")', 'throw fail(.after(Line.showsPersons ? .person : .anomaly))'),
 ('private(set) var unsupported: String? = nil', 'private(set) var unsupported: ChainError.DerivedStateProblem.Detail? = nil'),
 ('unsupported = "a correction follows it"', 'unsupported = .cannotCatchUp(.correction)'),
 ('unsupported = "a community registered again, dated before"', 'unsupported = .cannotCatchUp(.communityRegisteredAgainEarlier)'),
 ('unsupported = "a fund opened again, dated before"', 'unsupported = .cannotCatchUp(.fundOpenedAgainEarlier)'),
 ('unsupported = "a fund opened that a rejected fact names"', 'unsupported = .cannotCatchUp(.fundNamedByRejectedFact)'),
 ('unsupported = "a statement dated before its fund\'s latest movement"', 'unsupported = .cannotCatchUp(.statementBeforeLatestMovement)'),
 ('private var ownDamage: String? = nil', 'private var ownDamage: ChainError.DerivedStateProblem.Detail? = nil'),
 ('var damage: String? { ownDamage ?? recent?.damage }', 'var damage: ChainError.DerivedStateProblem.Detail? { ownDamage ?? recent?.damage }'),
 ('ownDamage = "an entry cannot be read"', 'ownDamage = .unreadable(.some(.entry))'),
 ('ownDamage = "block \\(index + 1) cannot be read (\\(error))"', 'ownDamage = .unreadableBlock(index + 1, cause: .of(error))'),
 ('ownDamage = "block \\(index + 1) does not match its checksum: truncated or altered"', 'ownDamage = .checksum(.nth(.block, index + 1))'),
 ('ownDamage = "block \\(index + 1) cannot be read"', 'ownDamage = .unreadableBlock(index + 1, cause: nil)'),
 ('func damaged(_ why: String) -> ChainError { .damaged(why) }', 'func damaged(_ why: ChainError.DerivedStateProblem.Detail) -> ChainError { .damaged(why) }'),
 ('return .damaged("\\(recentFileName): \\(recent.damage ?? "block \\(index + 1) cannot be read")")',
  'return .damaged(.inFile(recentFileName, recent.damage ?? .unreadableBlock(index + 1, cause: nil)))'),
 ('var readFailure: String? = nil', 'var readFailure: ChainError.DerivedStateProblem.Detail? = nil'),
 ('readFailure = "\\(error)"', 'readFailure = .of(error)'),
 ('return .unreadable(.damaged("the state rebuilt from the log cannot be read back: \\(readFailure)"))',
  'return .unreadable(.damaged(.notReadBack(.rebuiltState, cause: readFailure)))'),
 ('struct Damaged: Error { let why: String }', 'struct Damaged: Error { let why: ChainError.DerivedStateProblem.Detail }'),
 ('        case damaged(String)\n    }', '        case damaged(ChainError.DerivedStateProblem.Detail)\n    }'),
]
for path in sys.argv[1:]:
    s = open(path).read(); orig = s
    for pat, rep in LIT:
        rx = re.compile(PRE + pat)
        if rep is None:
            s = rx.sub(lambda m: m.group(1) + '.differsFromLog(.%s)' % ITEM[m.group(2)], s)
        else:
            s = rx.sub(lambda m: m.group(1) + m.expand(rep.replace('\\2', '\\g<2>').replace('\\3', '\\g<3>')), s)
    s = s.replace('func fail(_ what: String) -> ChainError { .damaged("cannot read \\(what)") }',
                  'func fail(_ what: ChainError.DerivedStateProblem.Detail.Part) -> ChainError { .damaged(.unreadable(what)) }')
    s = s.replace('throw fail("the rows: not in the report\'s order")', 'throw .damaged(.outOfOrder(.all(.row)))')
    for a, b in FAIL:
        s = s.replace('fail(%s)' % a, 'fail(%s)' % b)
    for a, b in PLAIN:
        s = s.replace(a, b)
    if s != orig:
        open(path, 'w').write(s); print('converted', path)
