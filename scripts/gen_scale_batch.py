#!/usr/bin/env python3
"""Generate a synthetic intake batch for the scale test (issue 6).

    python3 scripts/gen_scale_batch.py [--out /tmp/yoshiki-scale] [--files 10000]
                                       [--samples samples] [--seed 6]

Writes OUT/ holding submission sets, most as folders, some as .zip files
(a .zip is one set, read in place by yoshiki), ~10,000 files in all:
copies of the sample submissions with varied names and small value changes
(digits inside the text of document.xml / sharedStrings.xml / the text
files), plus the hostile and broken files an office really receives:
corrupt zips (truncated, garbage after a zip magic, missing
word/document.xml, malformed XML), password-protected Office files (an OLE2
compound file with an EncryptedPackage stream), zip bombs (one highly
compressed part; more entries than the limit), legacy .doc (OLE2 with a
WordDocument stream), empty files and Shift_JIS text.

Also writes OUT.manifest.csv beside OUT (not inside, so `yoshiki check OUT`
does not read it): one row per file with its set, path, kind and the rule
code a bad file is expected to get.

Good files come from --samples (every .docx/.xlsx/.txt/.csv below it); if
there are none, from the .docx/.xlsx files of ../shared/corpus and the seed
texts, with a note on stderr. Nothing here is committed: the output goes
under /tmp.
"""

import argparse
import csv
import io
import os
import random
import re
import shutil
import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Share of each bad kind among all files (the rest are good copies).
BAD_MIX = [
    ("corrupt_truncated", 0.006, "IN001"),
    ("corrupt_garbage", 0.004, "IN001"),
    ("corrupt_no_document", 0.003, "IN001"),
    ("corrupt_bad_xml", 0.003, "IN001"),
    ("encrypted", 0.005, "IN002"),
    ("bomb_ratio", 0.002, "IN005"),
    ("bomb_entries", 0.001, "IN005"),
    ("legacy_doc", 0.005, "IN003"),
    ("empty", 0.005, "IN004"),
    ("sjis_text", 0.02, ""),
]

COMPANIES = [
    "株式会社あおば総研", "一般社団法人みらい人材機構", "有限会社さくら企画", "合同会社ひかりデータ",
    "株式会社東海リサーチ", "公益財団法人地域振興センター", "株式会社北星コンサルティング",
    "特定非営利活動法人はたらく未来", "株式会社瀬戸内マーケティング", "株式会社Ｋ＆Ｍパートナーズ",
]
FILE_STEMS = ["様式１_申請書", "様式２_企画提案書", "理由書", "情報取扱者名簿", "別紙_実施状況報告書",
              "提案書", "application", "proposal", "申請書類", "報告書"]


# --------------------------------------------------------------------------
# OLE2 / CFB (MS-CFB v3, 512-byte sectors), just enough for a real file.

ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def cfb(streams):
    """A compound file holding `streams` [(name, bytes)] in the root storage.
    Each stream is padded to 4096 bytes so everything lives in regular
    sectors (no mini stream)."""
    streams = [(n, d + b"\0" * max(0, 4096 - len(d))) for n, d in streams]
    sectors = []  # data sectors after FAT (0) and directory (1)
    starts = []
    for _, d in streams:
        starts.append(2 + len(sectors))
        for i in range(0, len(d), 512):
            sectors.append(d[i:i + 512].ljust(512, b"\0"))
    nsect = 2 + len(sectors)
    assert nsect <= 128, "one FAT sector"
    fat = [FREESECT] * 128
    fat[0] = FATSECT
    fat[1] = ENDOFCHAIN
    for (_, d), s in zip(streams, starts):
        n = (len(d) + 511) // 512
        for k in range(n):
            fat[s + k] = s + k + 1 if k + 1 < n else ENDOFCHAIN

    def entry(name, typ, left, right, child, start, size):
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), typ, 1)
                + struct.pack("<III", left, right, child) + b"\0" * 16 + struct.pack("<I", 0)
                + b"\0" * 16 + struct.pack("<IQ", start, size))

    # Children as a chain of right siblings, in CFB order (length, then name).
    order = sorted(range(len(streams)), key=lambda i: (len(streams[i][0]), streams[i][0].upper()))
    dirs = [entry("Root Entry", 5, NOSTREAM, NOSTREAM, order[0] + 1, ENDOFCHAIN, 0)]
    for i, (name, d) in enumerate(streams):
        pos = order.index(i)
        right = order[pos + 1] + 1 if pos + 1 < len(order) else NOSTREAM
        dirs.append(entry(name, 2, NOSTREAM, right, NOSTREAM, starts[i], len(d)))
    while len(dirs) % 4:
        dirs.append(b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
                    + b"\0" * 36 + struct.pack("<IQ", 0, 0))
    assert len(dirs) == 4, "one directory sector"
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108)
    assert len(header) == 512
    fat_sector = struct.pack("<128I", *fat)
    return header + fat_sector + b"".join(dirs) + b"".join(sectors)


def encrypted_office():
    """What Word/Excel write for a password-protected file: an OLE2 file with
    EncryptionInfo (agile, version 4.4) and EncryptedPackage streams."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b"</encryption>")
    rnd = random.Random(99)
    # StreamSize (the plain package's length) then AES blocks.
    package = struct.pack("<Q", 5984) + bytes(rnd.getrandbits(8) for _ in range(5992))
    return cfb([("EncryptionInfo", info), ("EncryptedPackage", package)])


def legacy_doc():
    """A Word 97-2003 .doc container (WordDocument + 1Table streams)."""
    wd = struct.pack("<HH", 0xA5EC, 0x00C1) + b"\0" * 1020
    return cfb([("WordDocument", wd), ("1Table", b"\0" * 512)])


# --------------------------------------------------------------------------
# Zips.

def zip_bytes(entries, level=6):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def bomb_ratio(mb=200):
    """A docx whose document.xml inflates to `mb` MB of blanks from ~0.2 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(mb):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def bomb_entries(n=20000):
    """A docx with more entries than any reader should list (limit 10,000)."""
    entries = [("[Content_Types].xml", CT), ("_rels/.rels", RELS),
               ("word/document.xml", f'<w:document {W}><w:body><w:p/></w:body></w:document>')]
    entries += [(f"word/media/x{i}.bin", b"") for i in range(n)]
    return zip_bytes(entries, level=1)


def corrupt(kind, good, rnd):
    if kind == "corrupt_truncated":
        return good[: max(30, len(good) // 3)]
    if kind == "corrupt_garbage":
        return b"PK\x03\x04" + bytes(rnd.getrandbits(8) for _ in range(4000))
    if kind == "corrupt_no_document":
        return zip_bytes([("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("word/styles.xml", "<x/>")])
    if kind == "corrupt_bad_xml":
        return zip_bytes([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                          ("word/document.xml", f'<w:document {W}><w:body><w:p><w:r><w:t>途中で切れた</w:r>')])
    raise ValueError(kind)


# --------------------------------------------------------------------------
# Good files: variants of the samples.

DIGITS = re.compile(r">([^<]*?)([0-9０-９]{2,})")


def vary_xml(xml, rnd):
    """Change a few digit runs in element text (same length, same width),
    so each copy has slightly different values but stays valid."""
    matches = list(DIGITS.finditer(xml))
    if not matches:
        return xml
    picks = sorted(rnd.sample(matches, min(3, len(matches))), key=lambda m: m.start(2), reverse=True)
    for m in picks:
        old = m.group(2)
        wide = "０" <= old[0] <= "９"
        new = "".join(chr((ord("０") if wide else ord("0")) + rnd.randrange(10)) for _ in old)
        xml = xml[: m.start(2)] + new + xml[m.end(2):]
    return xml


def vary_zip(data, rnd):
    """A copy with a few values changed; the original when it cannot be
    rewritten (some corpus files are deliberately broken: kept as they are)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                body = src.read(info)
                if info.filename in ("word/document.xml", "xl/sharedStrings.xml"):
                    body = vary_xml(body.decode("utf-8", "replace"), rnd).encode("utf-8")
                dst.writestr(info, body, compress_type=info.compress_type)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - any damage: keep the file as it is
        return data


def vary_text(data, rnd):
    for enc in ("utf-8-sig", "cp932", "utf-16"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        return data
    return vary_xml(">" + text, rnd)[1:].encode("utf-8")


def load_good(samples, rnd):
    """[(suffix, bytes)] of good files to copy."""
    found = []
    # Sample files planted as unreadable (IN001/IN002/IN003/IN005 in the
    # samples manifest) are not good files: the bad kinds are made here.
    unreadable = set()
    try:
        import json

        manifest = json.loads((samples / "manifest.json").read_text("utf-8"))
        for path, entry in manifest.get("files", {}).items():
            if any(f.get("code") in ("IN001", "IN002", "IN003", "IN005") for f in entry.get("findings", [])):
                unreadable.add(Path(path).name)
    except (OSError, ValueError, AttributeError):
        pass
    if samples.is_dir():
        for p in sorted(samples.rglob("*")):
            if (p.is_file() and p.suffix.lower() in (".docx", ".xlsx", ".txt", ".csv")
                    and not (p.parent.name == "files" and p.name in unreadable)):
                found.append((p.suffix.lower(), p.read_bytes()))
    if found:
        return found, False
    corpus = REPO.parent / "shared" / "corpus"
    for p in sorted(corpus.rglob("*")):
        if p.is_file() and p.suffix.lower() in (".docx", ".xlsx") and p.stat().st_size < 300_000:
            found.append((p.suffix.lower(), p.read_bytes()))
    seeds = REPO.parent / "shared" / "seeds"
    for p in sorted(seeds.glob("*.txt")):
        found.append((".txt", p.read_bytes()))
    return found, True


def sjis_text(rnd):
    seed = REPO.parent / "shared" / "seeds" / "000_a299074ad7f5a527.txt"
    if seed.is_file():
        text = seed.read_text("utf-8", "replace")
        start = rnd.randrange(0, max(1, len(text) - 4000))
        text = text[start:start + 4000]
    else:
        text = "様式１\n申請書\n件名\t令和８年度地域中小企業人材確保支援等調査・分析\n"
    return text.encode("cp932", "replace")


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="/tmp/yoshiki-scale")
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--samples", default=str(REPO / "samples"))
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--zip-share", type=float, default=0.2, help="share of sets written as .zip")
    ap.add_argument("--bomb-mb", type=int, default=200)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    good, fallback = load_good(Path(args.samples), rnd)
    if not good:
        sys.exit("no good files found (samples, corpus or seeds)")
    if fallback:
        print(f"note: no samples under {args.samples}; using {len(good)} corpus/seed files as good files",
              file=sys.stderr)
    # A pool of varied copies, reused round-robin (each file still gets its own name).
    pool = []
    for i in range(min(300, max(len(good) * 4, 50))):
        suffix, data = good[i % len(good)]
        data = vary_zip(data, rnd) if suffix in (".docx", ".xlsx") else vary_text(data, rnd)
        pool.append((suffix, data))
    zip_docx = next((d for s, d in good if s == ".docx"), None) or zip_bytes(
        [("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("word/document.xml", f"<w:document {W}/>")])
    fixed = {
        "encrypted": encrypted_office(),
        "bomb_ratio": bomb_ratio(args.bomb_mb),
        "bomb_entries": bomb_entries(),
        "legacy_doc": legacy_doc(),
        "empty": b"",
    }

    # Decide every file's kind up front, then shuffle.
    kinds = []
    for kind, share, code in BAD_MIX:
        kinds += [(kind, code)] * max(1, round(share * args.files))
    kinds += [("good", "")] * max(0, args.files - len(kinds))
    rnd.shuffle(kinds)

    rows = []
    i = 0
    set_no = 0
    while i < len(kinds):
        set_no += 1
        n = min(rnd.randint(3, 8), len(kinds) - i)
        members = kinds[i:i + n]
        i += n
        company = rnd.choice(COMPANIES)
        set_name = f"{set_no:05d}_{company}"
        files = []
        used = set()
        for j, (kind, code) in enumerate(members):
            stem = rnd.choice(FILE_STEMS)
            if kind == "good":
                suffix, data = pool[(set_no * 7 + j) % len(pool)]
            elif kind in fixed:
                data = fixed[kind]
                suffix = {"legacy_doc": ".doc", "encrypted": rnd.choice([".docx", ".xlsx"])}.get(kind, ".docx")
            elif kind == "sjis_text":
                suffix, data = ".txt", sjis_text(rnd)
            else:
                suffix, data = ".docx", corrupt(kind, zip_docx, rnd)
            name = f"{stem}{suffix}"
            k = 2
            while name in used:
                name = f"{stem}_{k}{suffix}"
                k += 1
            used.add(name)
            files.append((name, data, kind, code))
        as_zip = rnd.random() < args.zip_share
        if as_zip:
            target = out / f"{set_name}.zip"
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
                for name, data, _, _ in files:
                    z.writestr(name, data)
        else:
            target = out / set_name
            target.mkdir()
            for name, data, _, _ in files:
                (target / name).write_bytes(data)
        for name, _, kind, code in files:
            rows.append((target.name, name, kind, code, "zip" if as_zip else "dir"))

    manifest = Path(str(out) + ".manifest.csv")
    with open(manifest, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["set", "file", "kind", "expected_code", "container"])
        w.writerows(rows)
    total_bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print(f"wrote {len(rows)} files in {set_no} sets to {out} ({total_bytes / 1e6:.1f} MB on disk); "
          f"manifest {manifest}")
    print("kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
