#!/usr/bin/env python3
"""Write the hostile fixtures of tests/fixtures/hostile/ (issues 12 and 14).

Each file is a mutation of a valid sample (or built from scratch) that once
cost yoshiki its batch or a bound: huge declared counts, cell references
beyond XFD1048576, negative rows, 10^6 table-grid columns, 100k nested
elements, hostile zip member names, a zip inside a zip inside a zip with a
bomb at the bottom, an OLE2 container whose sector chain loops under a
declared size of 2 GB, empty and plain-text files with Office names.

FIFOs, symlink loops and links to /dev/zero are made (and removed) by the
tests themselves: they cannot live in git.

    python3 scripts/make_hostile_fixtures.py      # rewrites the folder

Only the standard library is used; the output is deterministic (fixed zip
timestamps), so re-running it changes nothing.
"""

import io
import os
import struct
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "hostile")
SAMPLE_XLSX = os.path.join(ROOT, "samples", "libreoffice", "04_情報取扱者名簿.xlsx")
SAMPLE_DOCX = os.path.join(ROOT, "samples", "clean", "05_実施状況報告書.docx")
DATE = (2026, 1, 1, 0, 0, 0)


def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_zip(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = compression
            z.writestr(info, data)
    return buf.getvalue()


def mutate(entries, name_pred, fn):
    return [(n, fn(d) if name_pred(n) else d) for n, d in entries]


def set_sst_attrs(xml, unique, count):
    import re

    start = xml.find(b"<sst")
    end = xml.find(b">", start)
    tag = re.sub(rb'\s(uniqueCount|count)="[^"]*"', b"", xml[start:end])
    tag += b' count="%s" uniqueCount="%s"' % (count, unique)
    return xml[:start] + tag + xml[end:]


def is_sst(n):
    return n.lower().endswith("sharedstrings.xml")


def is_sheet(n):
    return n.startswith("xl/worksheets/sheet") and n.endswith(".xml")


def xlsx_fixtures(out):
    base = read_zip(SAMPLE_XLSX)
    assert any(is_sst(n) for n, _ in base), "the sample workbook needs shared strings"
    huge = lambda u, c: mutate(base, is_sst, lambda d: set_sst_attrs(d, u, c))
    out["sst_unique_count_huge.xlsx"] = write_zip(huge(b"999999999999", b"999999999999"))
    out["sst_unique_count_4g.xlsx"] = write_zip(huge(b"4294967296", b"4294967296"))
    out["sst_count_only_huge.xlsx"] = write_zip(huge(b"3", b"999999999999"))
    # Huge counts with a truncated sheet.
    trunc = mutate(huge(b"999999999999", b"5"), is_sheet, lambda d: d[: len(d) // 2])
    out["sst_huge_truncated_sheet.xlsx"] = write_zip(trunc)
    # Huge counts with bad UTF-8 inside a shared string.
    bad = mutate(
        huge(b"4294967296", b"4294967296"),
        is_sst,
        lambda d: d.replace(b"<t>", b"<t>\xff\xfe\xc3(", 1),
    )
    out["sst_huge_bad_utf8.xlsx"] = write_zip(bad)
    # A cell reference beyond XFD1048576, and negative rows.
    beyond = mutate(
        base,
        is_sheet,
        lambda d: d.replace(b"</sheetData>", b'<row r="1048577"><c r="XFE1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>', 1),
    )
    out["cell_ref_beyond_xfd.xlsx"] = write_zip(beyond)
    negative = mutate(
        base,
        is_sheet,
        lambda d: d.replace(b"</sheetData>", b'<row r="-5"><c r="A-5" t="inlineStr"><is><t>x</t></is></c></row></sheetData>', 1),
    )
    out["negative_row.xlsx"] = write_zip(negative)
    # A central directory that claims 4 GB for the sheet.
    out["claimed_4gb_entry.xlsx"] = claim_size(write_zip(base), "xl/worksheets/sheet1.xml", 0xFFFFFFF0)


def claim_size(zbytes, name, size):
    """Patch the uncompressed size of `name` in the central directory and in
    its local header."""
    b = bytearray(zbytes)
    enc = name.encode()
    i = 0
    while True:
        i = b.find(b"PK\x01\x02", i)
        if i < 0:
            break
        nlen = struct.unpack_from("<H", b, i + 28)[0]
        if bytes(b[i + 46 : i + 46 + nlen]) == enc:
            struct.pack_into("<I", b, i + 24, size)
            local = struct.unpack_from("<I", b, i + 42)[0]
            struct.pack_into("<I", b, local + 22, size)
        i += 4
    return bytes(b)


def docx_fixtures(out):
    base = read_zip(SAMPLE_DOCX)
    is_doc = lambda n: n == "word/document.xml"
    grid = b"<w:tblGrid>" + b'<w:gridCol w:w="1"/>' * 1_000_000 + b"</w:tblGrid>"
    table = b"<w:tbl><w:tblPr/>" + grid + b"<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    out["tblgrid_1e6_columns.docx"] = write_zip(
        mutate(base, is_doc, lambda d: d.replace(b"<w:body>", b"<w:body>" + table, 1))
    )
    nested = b"<w:sdt><w:sdtContent>" * 100_000 + b"</w:sdtContent></w:sdt>" * 100_000
    out["nested_100k_elements.docx"] = write_zip(
        mutate(base, is_doc, lambda d: d.replace(b"<w:body>", b"<w:body>" + nested, 1))
    )
    out["doctype_entities.docx"] = write_zip(
        mutate(
            base,
            is_doc,
            lambda d: d.replace(
                b"?>",
                b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
                1,
            ),
        )
    )


def zip_fixtures(out):
    docx = open(SAMPLE_DOCX, "rb").read()
    # Member names that would escape a folder if anything unpacked them.
    out["zip_absolute_and_dotdot_names.zip"] = write_zip(
        [("/etc/absolute.docx", docx), ("../../escape.docx", docx), ("ok/報告書.docx", docx)]
    )
    # Two members of the same name.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        import warnings

        warnings.simplefilter("ignore")
        for data in (docx, b"second copy, plain text"):
            info = zipfile.ZipInfo("dup/報告書.docx", DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    out["zip_duplicate_names.zip"] = buf.getvalue()
    out["zip_cp932_names.zip"] = cp932_zip([("提出書類/実施状況報告書.docx", docx)])
    # A zip in a zip in a zip, a 300 MB bomb at the bottom.
    bomb = write_zip([("bomb.docx", b"\0" * (300 * 1024 * 1024))])
    level2 = write_zip([("level3.zip", bomb)], zipfile.ZIP_STORED)
    level1 = write_zip([("level2.zip", level2)], zipfile.ZIP_STORED)
    out["zip_in_zip_in_zip_bomb.zip"] = write_zip([("level1.zip", level1), ("ok.docx", docx)], zipfile.ZIP_STORED)


def cp932_zip(entries):
    """A zip whose names are cp932 bytes without the UTF-8 flag (what
    Windows Explorer writes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo("x" * len(name.encode("cp932")), DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    b = bytearray(buf.getvalue())
    for name, _ in entries:
        raw = name.encode("cp932")
        placeholder = b"x" * len(raw)
        start = 0
        while True:
            i = b.find(placeholder, start)
            if i < 0:
                break
            b[i : i + len(raw)] = raw
            start = i + len(raw)
    # Clear the UTF-8 flag (bit 11) wherever zipfile set it.
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = 0
        while True:
            i = b.find(sig, i)
            if i < 0:
                break
            flags = struct.unpack_from("<H", b, i + off)[0]
            struct.pack_into("<H", b, i + off, flags & ~0x0800)
            i += 4
    return bytes(b)


ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF


def cfb(stream_name, stream_size, chain_next, n_stream_sectors):
    """A v3 compound file: FAT in sector 0, directory in sector 1, a stream
    of `n_stream_sectors` sectors from sector 2 whose FAT chain is given by
    `chain_next(i)` and whose directory entry declares `stream_size`."""
    h = bytearray(512)
    h[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", h, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", h, 44, 1)  # FAT sectors
    struct.pack_into("<I", h, 48, 1)  # first directory sector
    struct.pack_into("<I", h, 56, 4096)
    struct.pack_into("<I", h, 60, ENDOFCHAIN)
    struct.pack_into("<I", h, 68, ENDOFCHAIN)
    for i in range(109):
        struct.pack_into("<I", h, 76 + 4 * i, FREESECT)
    struct.pack_into("<I", h, 76, 0)
    fat = [FREESECT] * 128
    fat[0] = 0xFFFFFFFD
    fat[1] = ENDOFCHAIN
    for i in range(n_stream_sectors):
        fat[2 + i] = chain_next(i)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    d = bytearray(512)

    def entry(at, name, kind, start, size):
        u = name.encode("utf-16-le")
        d[at : at + len(u)] = u
        struct.pack_into("<H", d, at + 64, len(u) + 2)
        d[at + 66] = kind
        struct.pack_into("<III", d, at + 68, FREESECT, FREESECT, FREESECT if kind != 5 else 1)
        struct.pack_into("<I", d, at + 116, start)
        struct.pack_into("<I", d, at + 120, size)

    entry(0, "Root Entry", 5, ENDOFCHAIN, 0)
    entry(128, stream_name, 2, 2, stream_size)
    body = bytes(512 * n_stream_sectors)
    return bytes(h) + fat_bytes + bytes(d) + body


def ole_fixtures(out):
    # The Workbook stream's chain loops (sector 9 → 2) under a declared
    # size of 2 GB: calamine would copy the same sectors until memory ran
    # out.
    n = 8
    out["xls_fat_chain_loop.xls"] = cfb("Workbook", 0x7FFFFFFF, lambda i: 2 + ((i + 1) % n), n)
    # The OLE2 magic followed by garbage: not a compound file at all.
    out["ole2_garbage.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4


def misc_fixtures(out):
    out["empty.docx"] = b""
    out["plain_text.xlsx"] = "これはテキストです。Excel ではありません。\n".encode("utf-8")


def main():
    os.makedirs(OUT, exist_ok=True)
    out = {}
    xlsx_fixtures(out)
    docx_fixtures(out)
    zip_fixtures(out)
    ole_fixtures(out)
    misc_fixtures(out)
    for name, data in sorted(out.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
