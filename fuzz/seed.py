#!/usr/bin/env python3
"""Seed the fuzz corpora from the reader fixtures and small corpus files.

corpus/docx: whole .docx files, also re-packed uncompressed (stored) so that
byte mutations reach the XML instead of breaking the deflate stream.
corpus/docx_xml: word/document.xml of each file, NUL, word/comments.xml.
"""
import io, os, sys, zipfile

root = os.path.dirname(os.path.abspath(__file__))
sources = [os.path.join(root, "..", "tests", "fixtures", "reader"),
           os.path.join(root, "..", "..", "shared", "corpus")]
out_raw = os.path.join(root, "corpus", "docx")
out_xml = os.path.join(root, "corpus", "docx_xml")
os.makedirs(out_raw, exist_ok=True)
os.makedirs(out_xml, exist_ok=True)
max_size = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
n = 0
for src in sources:
    for dirpath, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith((".docx", ".docm", ".dotx")):
                continue
            path = os.path.join(dirpath, f)
            data = open(path, "rb").read()
            if len(data) > max_size:
                continue
            name = f"{os.path.basename(dirpath)}_{f}"
            open(os.path.join(out_raw, name), "wb").write(data)
            try:
                z = zipfile.ZipFile(io.BytesIO(data))
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as s:
                    for info in z.infolist():
                        s.writestr(info.filename, z.read(info.filename))
                open(os.path.join(out_raw, "stored_" + name), "wb").write(buf.getvalue())
                doc = z.read("word/document.xml")
                com = z.read("word/comments.xml") if "word/comments.xml" in z.namelist() else b""
                if len(doc) <= max_size:
                    open(os.path.join(out_xml, name + ".xml"), "wb").write(doc + (b"\0" + com if com else b""))
            except Exception:
                pass
            n += 1
print(f"seeded from {n} files")
