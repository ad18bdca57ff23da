#!/usr/bin/env python3
"""Rewrites the quotation marks of Chinese text to GB/T 15834-2011 (issue 15, helper desk17, session 11).

Chinese wording quoted fields and values three ways: straight "…", “…” and 「…」 (commands). A mainland official
writes “…” (‘…’ inside), commands too (“ledger verify”), and 《…》 only for titles of laws and documents. This script
is the whole change, so it can be run again on a branch that added Chinese text since:

    python3 scripts/zh-quotes.py Sources Tests      # rewrites in place, prints the files changed

What it rewrites, in Swift string literals on one line:
- 「X」 → “X”, in every literal (only Chinese text uses them);
- in a Chinese literal (the argument of `zh:`, or one with CJK ideographs and no English word of four letters or
  more outside quotes and interpolations), each pair of straight quotes \\"X\\" → “X”, and a space between the
  quote and a neighbouring CJK character or full-width punctuation is dropped (Chinese sets no space there).
It leaves straight quotes that are syntax, not quotation: inside {…} (JSON examples such as {"person": …}), an
empty pair (the CSV escape ""), a literal that speaks of the quote character itself ((\\") or “结束的 \\"”), one
that speaks of JSON strings ("35.50" is a string: 字符串, JSON), and HTML. Values a message shows as JSON
(`CanonicalJSON.string`) keep their JSON quotes, as in English. Test files: run it, then restore the lines that are
input data (CSV cells, ids, actors), which it cannot tell from expected messages.
The derived-file "stamp" is 戳记 throughout (not 标记, which stays for the marks on corrected records).
Golden files are re-recorded with RECORD_GOLDEN=1, not rewritten here.
"""
import os
import re
import sys

CJK = re.compile(r'[\u4e00-\u9fff]')
CJK_OR_FULLWIDTH = re.compile(r'[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]')
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
STAMP = [
    ("派生状态标记在", "派生状态戳记在"), ("标记的格式不对", "戳记的格式不对"), ("保存的状态的标记之前", "保存的状态的戳记之前"),
    ("其标记不在状态文件的标记之后", "其戳记不在状态文件的戳记之后"), ("输入（标记之前每条记录一项）", "输入（戳记之前每条记录一项）"),
    ('"a stamp": "标记"', '"a stamp": "戳记"'), ("块指向标记之后的记录", "块指向戳记之后的记录"),
    ("不在标记所说的位置", "不在戳记所说的位置"), ('{ "标记在记录', '{ "戳记在记录'),
]


def english_outside(body: str) -> bool:
    """Whether the literal has an English word of 4+ letters outside quotes, 「」 and interpolations."""
    text = re.sub(r'\\\((?:[^()]|\([^()]*\))*\)', ' ', body)
    text = re.sub(r'\\"[^"\\]*\\"', ' ', text)
    text = re.sub(r'「[^」]*」', ' ', text)
    text = re.sub(r'--[a-z-]+', ' ', text)
    text = re.sub(r'[A-Za-z0-9_.-]*\.(md|swift|jsonl|json|csv|key|txt)\b|\bstdin\b', ' ', text)
    return re.search(r'[A-Za-z]{4,}', text) is not None


def is_chinese(body: str, before: str) -> bool:
    if re.search(r'zh:\s*$', before):
        return True
    if 'class=\\"' in body or '<' in body:
        return False
    return len(CJK.findall(body)) >= 2 and not english_outside(body)


def convert_pairs(body: str) -> str:
    if '（\\"）' in body or '\\"\\"' in body or '结束的 \\"' in body or '<' in body:
        return body
    # A JSON string as written ("35.50" is a string, not a number): the quotes are its syntax.
    if 'JSON' in body or '字符串' in body or '文字（如' in body:
        return tidy(body)
    out = []
    i = 0
    depth = 0
    open_at = None
    while i < len(body):
        if body.startswith('\\(', i):
            # An interpolation: copied whole (it may hold braces and quotes of its own).
            level, j = 0, i + 1
            while j < len(body):
                if body[j] == '(':
                    level += 1
                elif body[j] == ')':
                    level -= 1
                    if level == 0:
                        break
                j += 1
            out.append(body[i:j + 1])
            i = j + 1
            continue
        c = body[i]
        if c == '{':
            depth += 1
        elif c == '}' and depth > 0:
            depth -= 1
        if body.startswith('\\"', i) and depth == 0:
            if open_at is None:
                open_at = len(out)
                out.append('\\"')
            else:
                if out[open_at + 1:] == []:
                    open_at = None
                    out.append('\\"')
                else:
                    out[open_at] = '“'
                    out.append('”')
                    open_at = None
            i += 2
            continue
        out.append(c)
        i += 1
    return tidy(''.join(out))


def tidy(text: str) -> str:
    """No space between a Chinese quotation mark and CJK text, full-width punctuation or Chinese interpolated
    text (`\\(k.zh)`, `\\(why.zh)`)."""
    text = re.sub(r'(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]) “', '“', text)
    text = re.sub(r'” (?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])', '”', text)
    text = re.sub(r'(\\\([A-Za-z_.]*\bzh\)) “', r'\1“', text)
    text = re.sub(r'” (\\\([A-Za-z_.]*\bzh\))', r'”\1', text)
    return text


def rewrite_line(line: str) -> str:
    result = []
    last = 0
    for m in LITERAL.finditer(line):
        body = m.group(1)
        new = body.replace('「', '“').replace('」', '”')
        zh_argument = re.search(r'zh:\s*$', line[:m.start()]) is not None
        if '\\"' in new and (CJK.search(new) or zh_argument) and is_chinese(new, line[:m.start()]):
            new = convert_pairs(new)
        elif ('“' in new or '”' in new) and is_chinese(new, line[:m.start()]):
            new = tidy(new)
        result.append(line[last:m.start()])
        result.append('"' + new + '"')
        last = m.end()
    result.append(line[last:])
    return ''.join(result)


def rewrite(path: str) -> bool:
    with open(path, encoding='utf-8') as f:
        old = f.read()
    lines = old.split('\n')
    new = '\n'.join(rewrite_line(line) if ('"' in line and (CJK.search(line) or '「' in line or 'zh:' in line)) else line for line in lines)
    # Multi-line string literals and comments hold 「」 too (help texts).
    new = new.replace('「', '“').replace('」', '”')
    for a, b in STAMP:
        new = new.replace(a, b)
    if new != old:
        with open(path, 'w', encoding='utf-8') as f:
            f.write(new)
        return True
    return False


if __name__ == '__main__':
    for top in sys.argv[1:]:
        for root, _, files in os.walk(top):
            # The synthetic city writes CSV data (quoted cells), not messages.
            if 'LedgerSynthetic' in root:
                continue
            for name in sorted(files):
                if name.endswith('.swift') and rewrite(os.path.join(root, name)):
                    print(os.path.join(root, name))
