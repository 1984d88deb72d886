#!/usr/bin/env python3
"""Measure a yoshiki binary on the shared corpus: error findings per file
(`check --format json` on the folder) and characters read per file
(`dump --format json`, every `text` of the model outside the package
facts) for the Office formats. Compare two runs to see what a change did.

    python3 scripts/measure_corpus.py target/release/yoshiki before.json
    python3 scripts/measure_corpus.py target/release/yoshiki after.json
    python3 scripts/measure_corpus.py --compare before.json after.json

The corpus is ../shared/corpus (or YOSHIKI_CORPUS).
"""

import collections
import json
import os
import subprocess
import sys

CORPUS = os.environ.get(
    "YOSHIKI_CORPUS",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus"),
)
EXTS = (".xlsx", ".xlsm", ".docx", ".xls")


def text_len(node):
    n = 0
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "text" and isinstance(v, str):
                n += len(v)
            elif k not in ("package", "notes", "spans"):
                n += text_len(v)
    elif isinstance(node, list):
        for v in node:
            n += text_len(v)
    return n


def measure(binary, out):
    r = subprocess.run([binary, "check", "--format", "json", CORPUS], capture_output=True, text=True)
    report = json.loads(r.stdout)
    errors, codes = {}, collections.Counter()
    for f in report["files"]:
        errs = sorted(d["code"] for d in f["diagnostics"] if d["severity"] == "error")
        errors[os.path.relpath(f["path"], CORPUS)] = errs
        codes.update(errs)
    chars = {}
    for root, _, files in os.walk(CORPUS):
        for name in sorted(files):
            if not name.lower().endswith(EXTS):
                continue
            path = os.path.join(root, name)
            d = subprocess.run([binary, "dump", "--format", "json", path], capture_output=True, text=True, timeout=120)
            try:
                chars[os.path.relpath(path, CORPUS)] = text_len(json.loads(d.stdout))
            except ValueError:
                chars[os.path.relpath(path, CORPUS)] = None
    with open(out, "w") as f:
        json.dump({"summary": report["summary"], "errors": errors, "codes": codes, "chars": chars}, f, ensure_ascii=False, indent=1)
    print(report["summary"], dict(codes))


def compare(before_path, after_path):
    b = json.load(open(before_path))
    a = json.load(open(after_path))
    print("summary before", b["summary"])
    print("summary after ", a["summary"])
    for p in sorted(set(a["errors"]) | set(b["errors"])):
        if a["errors"].get(p) != b["errors"].get(p):
            print("errors changed:", p, b["errors"].get(p), "->", a["errors"].get(p))
    for label, exts in (("xlsx/xlsm", (".xlsx", ".xlsm")), ("docx", (".docx",)), ("xls", (".xls",))):
        def total(d):
            xs = [v for p, v in d["chars"].items() if p.lower().endswith(exts) and v is not None]
            return len(xs), sum(xs)
        nb, sb = total(b)
        na, sa = total(a)
        print(f"{label}: {nb} files, {sb} chars ({sb / max(nb, 1):.1f}/file) -> {na} files, {sa} chars ({sa / max(na, 1):.1f}/file)")
    for p in sorted(b["chars"]):
        if b["chars"][p] != a["chars"].get(p):
            print("chars changed:", p, b["chars"][p], "->", a["chars"].get(p))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3:
        measure(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
