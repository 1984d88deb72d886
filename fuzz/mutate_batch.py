#!/usr/bin/env python3
"""Mutation campaign over the whole `check` pipeline, through the CLI.

Each round writes N mutated files (structure-aware mutations of the kinds of
issue 12 — huge shared-string counts, references beyond XFD1048576, negative
rows, a loop in an OLE2 FAT chain, truncation, claimed 4 GB sizes — plus
random byte flips) from seeds (samples/ and ../shared/corpus/ xlsx, xlsb,
xls, docx) into one folder, then runs

    yoshiki check --format json FOLDER            (worker processes)
    yoshiki check --in-process --format json FOLDER   (for comparison)

and counts: process deaths of the whole run (must be 0 with workers), files
without a result, IN001/IN005 findings, worker deaths turned into findings.

    python3 fuzz/mutate_batch.py --bin target/release/yoshiki --rounds 20 --files 100
"""

import argparse
import glob
import json
import os
import random
import re
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
import io

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seeds():
    pats = ["samples/**/*.xlsx", "samples/**/*.docx", "../shared/corpus/calamine/**/*.xls*",
            "../shared/corpus/python-docx/**/*.docx", "tests/fixtures/hostile/Simple.xlsb"]
    out = []
    for p in pats:
        out += [f for f in glob.glob(os.path.join(ROOT, p), recursive=True) if os.path.getsize(f) < 2_000_000]
    return sorted(set(out))


def rezip(data, fn):
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for i in src.infolist():
                z.writestr(i.filename, fn(i.filename, src.read(i.filename)))
        return buf.getvalue()
    except Exception:
        return data


def mutate(data, rng):
    kind = rng.randrange(9)
    if kind == 0:
        n = rng.choice([b"999999999999", b"4294967296", b"18446744073709551615"])
        return rezip(data, lambda name, d: re.sub(rb'(uniqueCount|count)="\d+"', rb'\1="' + n + b'"', d))
    if kind == 1:
        return rezip(data, lambda name, d: re.sub(rb'<c r="[A-Z]+\d+"', b'<c r="XFE1048577"', d, count=3))
    if kind == 2:
        return rezip(data, lambda name, d: re.sub(rb'<row r="(\d+)"', rb'<row r="-\1"', d, count=3))
    if kind == 3 and data[:4] == b"\xd0\xcf\x11\xe0" and len(data) > 2048:
        b = bytearray(data)
        at = 512 + 4 * rng.randrange(100)
        struct.pack_into("<I", b, at, rng.randrange(8))
        return bytes(b)
    if kind == 4:
        return data[: rng.randrange(1, max(2, len(data)))]
    if kind == 5:
        b = bytearray(data)
        for m in re.finditer(rb"PK\x01\x02", data):
            if rng.random() < 0.3:
                struct.pack_into("<I", b, m.start() + 24, 0xFFFFFFF0)
        return bytes(b)
    b = bytearray(data)
    for _ in range(rng.randrange(1, 16)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


# Worker deaths as the findings name them.
DEATHS = [("メモリが上限", "death_oom"), ("構造が深すぎて", "death_stack"),
          ("計算時間の上限", "death_cpu"), ("応答しなかった", "death_hung"),
          ("異常終了", "death_crash"), ("制限時間", "overrun")]


def run(binary, folder, extra):
    t = time.time()
    p = subprocess.run([binary, "check", *extra, "--format", "json", folder],
                       capture_output=True, timeout=1800)
    return p, time.time() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/yoshiki"))
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default=None, help="copy files of in-process deaths here")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pool = seeds()
    stats = {"files": 0, "worker_run_deaths": 0, "missing_results": 0, "in001": 0, "in005": 0,
             "in_process_run_deaths": 0, "worker_secs": 0.0, "in_process_secs": 0.0}
    for r in range(a.rounds):
        d = tempfile.mkdtemp(prefix="yoshiki-mut-")
        names = []
        for i in range(a.files):
            s = rng.choice(pool)
            ext = os.path.splitext(s)[1]
            name = f"m{r:03d}_{i:04d}{ext}"
            with open(os.path.join(d, name), "wb") as f:
                f.write(mutate(open(s, "rb").read(), rng))
            names.append(name)
        stats["files"] += len(names)
        p, secs = run(a.bin, d, [])
        stats["worker_secs"] += secs
        if p.returncode not in (0, 1):
            stats["worker_run_deaths"] += 1
        else:
            rep = json.loads(p.stdout)
            got = {os.path.basename(f["path"]) for f in rep["files"]}
            stats["missing_results"] += len(set(names) - got)
            for f in rep["files"]:
                for x in f["diagnostics"]:
                    if x["code"] in ("IN001", "IN005"):
                        stats[x["code"].lower()] += 1
                    for words, kind in DEATHS:
                        if words in x["message"]:
                            stats[kind] = stats.get(kind, 0) + 1
        q, secs = run(a.bin, d, ["--in-process"])
        stats["in_process_secs"] += secs
        if q.returncode not in (0, 1):
            stats["in_process_run_deaths"] += 1
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                shutil.copytree(d, os.path.join(a.keep, f"round{r:03d}"))
        shutil.rmtree(d)
        print(json.dumps({"round": r, **stats}), flush=True)


if __name__ == "__main__":
    main()
