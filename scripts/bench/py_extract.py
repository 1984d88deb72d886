#!/usr/bin/env python3
"""Text extraction with a Python library, for the comparison in
docs/benchmarks.md.

    python3 scripts/bench/py_extract.py --lib python-docx|docx2python [--jobs N] PATH...

Extracts the text of every .docx under PATH (body paragraphs and table
cells for python-docx; everything docx2python returns), in N worker
processes (default: one per core, like yoshiki), and prints one line:
files, errors, characters, seconds. The text is discarded.
"""

import argparse
import multiprocessing
import sys
import time
from pathlib import Path


def text_python_docx(path):
    import docx

    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def text_docx2python(path):
    from docx2python import docx2python

    with docx2python(path) as content:
        return content.text


LIBS = {"python-docx": text_python_docx, "docx2python": text_docx2python}


def work(job):
    lib, paths = job
    fn = LIBS[lib]
    files = errors = chars = 0
    for p in paths:
        files += 1
        try:
            chars += len(fn(p))
        except Exception:  # noqa: BLE001 - a benchmark counts failures, it does not stop
            errors += 1
    return files, errors, chars


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", choices=sorted(LIBS), required=True)
    ap.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    files = []
    for p in map(Path, args.paths):
        files += sorted(p.rglob("*.docx")) if p.is_dir() else [p]
    files = [str(f) for f in files]
    jobs = max(1, args.jobs)
    chunks = [(args.lib, files[i::jobs]) for i in range(jobs)]
    start = time.perf_counter()
    if jobs == 1:
        results = [work(chunks[0])]
    else:
        with multiprocessing.Pool(jobs) as pool:
            results = pool.map(work, chunks)
    secs = time.perf_counter() - start
    f, e, c = (sum(r[i] for r in results) for i in range(3))
    print(f"files={f} errors={e} chars={c} seconds={secs:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
