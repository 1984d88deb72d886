#!/usr/bin/env python3
"""List the Rust functions longer than a limit (issue 13: none over ~120).

    scripts/long_functions.py [--limit N] [--under DIR] [PATH ...]

Scans src/ (or the paths given) and prints `lines  file:line  name`, longest
first. Left out on purpose: `#[cfg(test)]` modules and `#[test]` functions
(a test reads top to bottom), and generated tables (files whose first lines
say they are generated). Braces inside strings, chars and comments are
skipped, so `format!("{x}")` does not count. Exit status 1 when any function
is over the limit, so a script or CI can use it as a gate.
"""

import argparse
import os
import re
import sys

FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")
GENERATED = re.compile(r"generated|@generated|do not edit", re.IGNORECASE)


def code_only(text):
    """The text with strings, chars and comments blanked (lines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif re.match(r'b?r#*"', text[i:i + 40]):
            m = re.match(r'(b?r)(#*)"', text[i:])
            end = '"' + m.group(2)
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"' or text.startswith('b"', i):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'":
            # A char literal ('x', '\n', '\u{3000}'), else a lifetime.
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:i + 12])
            if m:
                out.append(" " * m.end())
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def matching_brace(code, open_at):
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def test_ranges(code):
    """Character ranges of `#[cfg(test)]` items and `#[test]` functions."""
    ranges = []
    for m in re.finditer(r"#\[(cfg\(test\)|test)\]", code):
        brace = code.find("{", m.end())
        semi = code.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            continue
        ranges.append((m.start(), matching_brace(code, brace)))
    return ranges


def functions(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if GENERATED.search("\n".join(text.splitlines()[:5])):
        return
    code = code_only(text)
    skip = test_ranges(code)
    for m in FN.finditer(code):
        if any(a <= m.start() <= b for a, b in skip):
            continue
        brace = code.find("{", m.end())
        semi = code.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            continue  # a declaration in a trait, no body
        end = matching_brace(code, brace)
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, end) + 1
        yield last - first + 1, first, m.group(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--limit", type=int, default=120)
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    roots = args.paths or [os.path.join(repo, "src")]
    found = []
    for root in roots:
        files = [root] if root.endswith(".rs") else [
            os.path.join(d, f)
            for d, _, fs in os.walk(root)
            for f in fs
            if f.endswith(".rs")
        ]
        for path in sorted(files):
            for lines, line, name in functions(path):
                if lines > args.limit:
                    found.append((lines, os.path.relpath(path, repo), line, name))
    for lines, path, line, name in sorted(found, reverse=True):
        print(f"{lines:5}  {path}:{line}  {name}")
    print(f"{len(found)} functions over {args.limit} lines", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
