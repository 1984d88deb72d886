#!/usr/bin/env python3
"""Generate the fixtures of the check tests: tests/fixtures/check/**.

For every document-level rule a file that must trigger it and a
near-identical one that must not, as Word writes them (runs split mid-word,
table cells, full-width digits), plus Excel and text variants where a form
can be Excel or text, and submission sets (folders, a .zip with a
Shift_JIS-named member, a zip bomb).

python-docx builds the documents; what it cannot write (comments anchors
are written by python-docx itself; tracked changes, hidden text, macros,
a remote template, an embedded OLE object) is added by editing the package
XML. Run from the repository root:

    python3 scripts/gen_check_fixtures.py

The output is deterministic (fixed timestamps) so regenerating does not
churn the committed files.
"""

import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
import datetime

# An RTF file: a word-processor format yoshiki does not read (IN003).
RTF_HIT = r"{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0\fnil MS Mincho;}}\f0\fs21 \u21029?\u32025? \u30003?\u35531?\u26360?\par}" + "\n"
import re

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Pt
import openpyxl

OUT = os.path.join("tests", "fixtures", "check")
FIXED_DATE = (2026, 1, 15, 9, 0, 0)

R5_ITEM2 = (
    "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュリティ対策のための統一基準」"
)
ITEM2_TAIL = (
    "、「経済産業省情報セキュリティ管理規程」（平成１８・０３・２２シ第１号）及び"
    "「経済産業省情報セキュリティ対策基準」（平成１８･０３･２４シ第１号）（以下「規程等」と総称する。）"
    "に基づく、情報セキュリティ対策を講じる。"
)
ITEM3_HEAD = "経済産業省又は"
ITEM3_TAIL = "が必要に応じて実施する情報セキュリティ監査、マネジメント監査又はペネトレーションテストを受け入れるとともに、指摘事項への対応を行う。"


def path(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def new_document(author=""):
    d = docx.Document()
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = ""
    cp.comments = ""
    cp.keywords = ""

    cp.created = datetime.datetime(2026, 1, 15, 9, 0, 0)
    cp.modified = datetime.datetime(2026, 1, 15, 9, 0, 0)
    cp.revision = 1
    return d


def split_runs(paragraph, pieces):
    """Add each piece as its own run; alternate a property so Word-like
    run splits survive (and the reader must join them)."""
    for i, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        if i % 2 == 1:
            run.font.size = Pt(10.5)
    return paragraph


def report_document(edition_runs, org_runs, author="", extra=None):
    """A 別紙 実施状況報告書 with items 2) and 3). `edition_runs` are the runs
    of the edition (e.g. ["（令和", "５年", "度版）"]), `org_runs` those of
    the auditing body."""
    d = new_document(author)
    d.add_paragraph("別紙")
    d.add_paragraph("令和８年　４月　１日")
    d.add_paragraph("中小企業庁長官官房総務課長　殿")
    d.add_paragraph("情報セキュリティに関する事項の遵守の方法の実施状況報告書")
    d.add_paragraph("※「実施状況」には「実施」、「未実施」又は「該当なし」のいずれかを記載すること。")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    hdr = t.rows[0].cells
    hdr[0].text = "項目"
    hdr[1].text = "確認事項"
    hdr[2].text = "実施状況"
    t.rows[1].cells[0].text = "情報セキュリティに関する事項\n２）"
    p = t.rows[1].cells[1].paragraphs[0]
    split_runs(p, [R5_ITEM2] + edition_runs + [ITEM2_TAIL])
    t.rows[1].cells[2].text = "実施"
    t.rows[2].cells[0].text = "情報セキュリティに関する事項\n３）"
    p = t.rows[2].cells[1].paragraphs[0]
    split_runs(p, [ITEM3_HEAD] + org_runs + [ITEM3_TAIL])
    t.rows[2].cells[2].text = "実施"
    if extra:
        extra(d)
    return d


def save_docx(d, target):
    buf = io.BytesIO()
    d.save(buf)
    write_normalized(buf.getvalue(), target)


def write_normalized(data, target, edit=None, rename=None):
    """Rewrite a package with fixed timestamps, optionally editing parts:
    `edit(name, bytes) -> bytes or None (drop)`, then adding extra parts
    (edit may return a dict under the key None for additions)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {}
    order = []
    for info in src.infolist():
        parts[info.filename] = src.read(info.filename)
        order.append(info.filename)
    if edit:
        additions = edit(parts) or {}
        for name, content in additions.items():
            parts[name] = content
        # Parts the edit created (a new .rels) or returned.
        order.extend(sorted(n for n in parts if n not in order))
    # Timestamps the libraries write at save time (core properties'
    # modified date, comment dates) are pinned so reruns give the same bytes.
    for name in ("docProps/core.xml", "word/comments.xml"):
        if parts.get(name) is not None:
            parts[name] = re.sub(
                rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", b"2026-01-15T09:00:00Z", parts[name]
            )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in order:
            if name not in parts or parts[name] is None:
                continue
            zi = zipfile.ZipInfo(name, FIXED_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, parts[name])


def docx_bytes(d):
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    write_normalized(buf.getvalue(), out)
    return out.getvalue()


def replace_in(parts, name, old, new, count=1):
    xml = parts[name].decode("utf-8")
    if old not in xml:
        raise SystemExit(f"{name}: {old!r} not found")
    parts[name] = xml.replace(old, new, count).encode("utf-8")


def add_content_type(parts, xml_fragment):
    replace_in(parts, "[Content_Types].xml", "</Types>", xml_fragment + "</Types>")


def add_rel(parts, rels_name, fragment):
    if rels_name not in parts:
        parts[rels_name] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        ).encode("utf-8")
    replace_in(parts, rels_name, "</Relationships>", fragment + "</Relationships>")


R5_EDITION = ["（令和", "５年", "度版）"]
R7_EDITION = ["（令和", "７年", "度版）"]
OLD_ORG = ["内閣官房内閣", "サイバーセキュリティ", "センター"]
NEW_ORG = ["内閣官房国家", "サイバー統括室"]


def gen_ver():
    save_docx(report_document(R5_EDITION, NEW_ORG), path("ver001_hit.docx"))
    save_docx(report_document(R7_EDITION, NEW_ORG), path("ver001_clean.docx"))
    save_docx(report_document(R7_EDITION, OLD_ORG), path("ver002_hit.docx"))
    save_docx(report_document(R7_EDITION, NEW_ORG), path("ver002_clean.docx"))
    # Half-width digits and a stray space inside the phrase.
    save_docx(report_document(["（令和 5年度版）"], NEW_ORG), path("ver001_halfwidth_hit.docx"))

    # Text as a PDF export gives it: the phrase broken over lines.
    old_txt = (
        "別紙４\n"
        "情報セキュリティに関する事項の遵守の方法の実施状況報告書\n"
        "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュ\n"
        "リティ対策のための統一基準」（令和\n"
        "５年度版）、「経済産業省情報セキュリティ管理\n"
        "規程」に基づく、情報セキュリティ対策を講じる。\n"
        "経済産業省又は内閣官房内閣サイバーセキュリティセンターが必要に応じて実施す\n"
        "る情報セキュリティ監査を受け入れる。\n"
    )
    new_txt = old_txt.replace("令和\n５年度版", "令和\n７年度版").replace(
        "内閣官房内閣サイバーセキュリティセンター", "内閣官房国家サイバー統括室"
    )
    with open(path("ver_hit.txt"), "w", encoding="utf-8") as f:
        f.write(old_txt)
    with open(path("ver_clean.txt"), "w", encoding="utf-8") as f:
        f.write(new_txt)

    # Excel: the clause in a cell.
    for name, edition, org in [
        ("ver_hit.xlsx", "令和5年度版", "内閣官房内閣サイバーセキュリティセンター"),
        ("ver_clean.xlsx", "令和7年度版", "内閣官房国家サイバー統括室"),
    ]:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "報告書"
        ws["A1"] = "項目"
        ws["B1"] = "確認事項"
        ws["C1"] = "実施状況"
        ws["A2"] = "２）"
        ws["B2"] = f"「政府機関等のサイバーセキュリティ対策のための統一基準」（{edition}）に基づく対策を講じる。"
        ws["C2"] = "実施"
        ws["A3"] = "３）"
        ws["B3"] = f"経済産業省又は{org}が実施する監査を受け入れる。"
        ws["C3"] = "実施"
        wb.properties.creator = ""
        wb.properties.lastModifiedBy = ""

        wb.properties.created = datetime.datetime(2026, 1, 15, 9, 0, 0)
        wb.properties.modified = datetime.datetime(2026, 1, 15, 9, 0, 0)
        buf = io.BytesIO()
        wb.save(buf)
        write_normalized(buf.getvalue(), path(name))


def reason_document(filled):
    """A 理由書 fragment: the 再委託先 table and the 再委託費率."""
    d = new_document()
    d.add_paragraph("別添")
    d.add_paragraph("再委託費率が５０％を超える理由書")
    d.add_paragraph("※「○○」「●●」などの記入例は、実際の内容に書き換えてください。")
    d.add_paragraph("４．再委託費率")
    d.add_paragraph("62.5％" if filled else "●●．●％")
    t = d.add_table(rows=2, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["再委託名", "精算の有無", "契約金額（見込み）（円）", "比率"]):
        t.rows[0].cells[i].text = h
    row = t.rows[1].cells
    if filled:
        split_runs(row[0].paragraphs[0], ["株式会社", "山田", "製作所"])
    else:
        split_runs(row[0].paragraphs[0], ["【例】", "○○", "（株）"])
    row[1].text = "無"
    row[2].text = "10,000,000"
    row[3].text = "20.0%"
    d.add_paragraph("経済産業省" + ("情報政策課長" if filled else "○○○課長") + "　殿")
    return d


def gen_ph():
    save_docx(reason_document(False), path("ph001_hit.docx"))
    save_docx(reason_document(True), path("ph001_clean.docx"))
    for name, filled in [("ph001_hit.xlsx", False), ("ph001_clean.xlsx", True)]:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "理由書"
        ws["A1"] = "４．再委託費率"
        ws["B1"] = "62.5%" if filled else "●●．●％"
        ws["A2"] = "※「●●」は記入例です。"
        wb.properties.creator = ""
        wb.properties.lastModifiedBy = ""

        wb.properties.created = datetime.datetime(2026, 1, 15, 9, 0, 0)
        wb.properties.modified = datetime.datetime(2026, 1, 15, 9, 0, 0)
        buf = io.BytesIO()
        wb.save(buf)
        write_normalized(buf.getvalue(), path(name))
    for name, filled in [("ph001_hit.txt", False), ("ph001_clean.txt", True)]:
        with open(path(name), "w", encoding="utf-8") as f:
            f.write("再委託先\t契約金額\n")
            f.write(("株式会社山田製作所" if filled else "【例】○○（株）") + "\t10,000,000\n")
            f.write("※○○には会社名を書くこと\n")


def base_report(author=""):
    return report_document(R7_EDITION, NEW_ORG, author=author)


def gen_sec():
    base = docx_bytes(base_report())

    # SEC001: a VBA project (docm) vs the same document without.
    def macros(parts):
        replace_in(
            parts,
            "[Content_Types].xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml",
        )
        add_content_type(parts, '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
        add_rel(
            parts,
            "word/_rels/document.xml.rels",
            '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>',
        )
        # A CFB header followed by filler: the reader only needs the part.
        return {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}

    write_normalized(base, path("sec001_hit.docm"), edit=macros)
    write_normalized(base, path("sec001_clean.docx"))

    # SEC002: a remote attached template vs an external hyperlink only.
    def remote_template(parts):
        replace_in(
            parts,
            "word/settings.xml",
            "<w:defaultTabStop",
            '<w:attachedTemplate r:id="rIdTpl1"/><w:defaultTabStop',
        )
        add_rel(
            parts,
            "word/_rels/settings.xml.rels",
            '<Relationship Id="rIdTpl1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://templates.example.com/report.dotm" TargetMode="External"/>',
        )

    def hyperlink(parts):
        add_rel(
            parts,
            "word/_rels/document.xml.rels",
            '<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.meti.go.jp/" TargetMode="External"/>',
        )

    settings_ns_check = zipfile.ZipFile(io.BytesIO(base)).read("word/settings.xml").decode()
    if 'xmlns:r=' not in settings_ns_check:
        raise SystemExit("settings.xml lacks the r namespace")
    def local_template(parts):
        replace_in(
            parts,
            "word/settings.xml",
            "<w:defaultTabStop",
            '<w:attachedTemplate r:id="rIdTpl1"/><w:defaultTabStop',
        )
        add_rel(
            parts,
            "word/_rels/settings.xml.rels",
            '<Relationship Id="rIdTpl1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\\Users\\user\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm" TargetMode="External"/>',
        )

    write_normalized(base, path("sec002_hit.docx"), edit=remote_template)
    # The local template path Word records: not fetched from elsewhere.
    write_normalized(base, path("sec002_local_template.docx"), edit=local_template)
    write_normalized(base, path("sec002_clean.docx"), edit=hyperlink)

    # SEC003: an embedded OLE object vs the same document without.
    def ole(parts):
        add_content_type(
            parts,
            '<Override PartName="/word/embeddings/oleObject1.bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>',
        )
        add_rel(
            parts,
            "word/_rels/document.xml.rels",
            '<Relationship Id="rIdOle1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>',
        )
        return {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}

    write_normalized(base, path("sec003_hit.docx"), edit=ole)
    write_normalized(base, path("sec003_clean.docx"))

    # SEC004: a comment on 実施 (python-docx writes comments and anchors).
    d = base_report()
    cell = d.tables[0].rows[1].cells[2]
    run = cell.paragraphs[0].runs[0]
    d.add_comment(run, text="金額は部長確認中。提出前に消すこと", author="", initials="")
    save_docx(d, path("sec004_hit.docx"))
    save_docx(base_report(), path("sec004_clean.docx"))

    # SEC005: tracked changes in the 実施状況 cell: 未実施 deleted, 実施 inserted.
    def tracked(parts):
        replace_in(
            parts,
            "word/document.xml",
            "<w:t>実施</w:t></w:r>",
            '<w:t>実施</w:t></w:r><w:del w:id="901" w:author="" w:date="2026-01-15T09:00:00Z"><w:r><w:delText>（未実施）</w:delText></w:r></w:del>'
            '<w:ins w:id="902" w:author="" w:date="2026-01-15T09:00:00Z"><w:r><w:t>済</w:t></w:r></w:ins>',
        )

    write_normalized(base, path("sec005_hit.docx"), edit=tracked)
    # Clean: the same text with the changes accepted.
    def accepted(parts):
        replace_in(parts, "word/document.xml", "<w:t>実施</w:t></w:r>", "<w:t>実施</w:t></w:r><w:r><w:t>済</w:t></w:r>")

    write_normalized(base, path("sec005_clean.docx"), edit=accepted)

    # SEC006: a person's name in the properties vs no name.
    save_docx(base_report(author="山田 太郎"), path("sec006_hit.docx"))
    save_docx(base_report(author=""), path("sec006_clean.docx"))

    # SEC007: a hidden run vs the same run visible.
    def hidden(vanish):
        def edit(parts):
            rpr = "<w:rPr><w:vanish/></w:rPr>" if vanish else ""
            replace_in(
                parts,
                "word/document.xml",
                "<w:t>実施</w:t></w:r>",
                f'<w:t>実施</w:t></w:r><w:r>{rpr}<w:t xml:space="preserve">（社内メモ：単価は要確認）</w:t></w:r>',
            )

        return edit

    write_normalized(base, path("sec007_hit.docx"), edit=hidden(True))
    write_normalized(base, path("sec007_clean.docx"), edit=hidden(False))


def gen_in():
    base = docx_bytes(base_report())
    write_normalized(base, path("in_valid.docx"))
    # IN001: the zip cut short.
    with open(path("in001_hit.docx"), "wb") as f:
        f.write(base[: len(base) // 2])
    # IN002: a real password-protected file (msoffcrypto-tool). Encryption
    # is salted at random, so an existing file is kept.
    try:
        if os.path.exists(path("in002_hit.docx")):
            raise FileExistsError("kept the committed file")
        import msoffcrypto.format.ooxml as ooxml

        src = io.BytesIO(base)
        out = io.BytesIO()
        ooxml.OOXMLFile(src).encrypt("yoshiki", out)
        with open(path("in002_hit.docx"), "wb") as f:
            f.write(out.getvalue())
    except Exception as e:  # keep the committed file when the tool is missing
        print("IN002 fixture not regenerated:", e, file=sys.stderr)
    # IN003: an RTF file (a format yoshiki does not read; .doc is read
    # since the MS-DOC reader, the .doc below is kept as a readable one).
    with open(path("in003_hit.rtf"), "w") as f:
        f.write(RTF_HIT)
    # A legacy .doc written by LibreOffice.
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "in003_hit.docx")
            with open(src, "wb") as f:
                f.write(base)
            subprocess.run(
                [soffice, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", tmp, src],
                check=True,
                capture_output=True,
            )
            shutil.copy(os.path.join(tmp, "in003_hit.doc"), path("in003_hit.doc"))
    else:
        print("IN003 fixture not regenerated: soffice missing", file=sys.stderr)
    # IN004: a readable letter that is none of the forms.
    d = new_document()
    d.add_paragraph("送付状")
    d.add_paragraph("下記の書類を送付いたします。よろしくお願いいたします。")
    save_docx(d, path("in004_hit.docx"))
    # IN005: word/document.xml inflating 1000 times its compressed size.
    def bomb(parts):
        xml = parts["word/document.xml"].decode("utf-8")
        padding = "<!--" + " " * (3 * 1024 * 1024) + "-->"
        parts["word/document.xml"] = xml.replace("<w:body>", padding + "<w:body>", 1).encode("utf-8")

    write_normalized(base, path("in005_hit.docx"), edit=bomb)


def stored_zip(members):
    """A zip with stored members whose names are raw bytes (no UTF-8 flag),
    as Windows' built-in zip writes Japanese names (Shift_JIS)."""
    out = io.BytesIO()
    central = []
    for name, data in members:
        offset = out.tell()
        crc = zlib.crc32(data) & 0xFFFFFFFF
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0x4800, 0x5C2F, crc, len(data), len(data), len(name), 0
        )
        out.write(header + name + data)
        central.append((name, crc, len(data), offset))
    cd_start = out.tell()
    for name, crc, size, offset in central:
        out.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50, 20, 20, 0, 0, 0x4800, 0x5C2F, crc, size, size, len(name), 0, 0, 0, 0, 0, offset,
            )
            + name
        )
    cd_size = out.tell() - cd_start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), cd_size, cd_start, 0))
    return out.getvalue()


def gen_sets():
    # A folder set: one clean report, one with VER001, and a sub-folder set.
    folder = os.path.join(OUT, "set_folder")
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    save_docx(base_report(), path("set_folder", "a_clean.docx"))
    save_docx(report_document(R5_EDITION, NEW_ORG), path("set_folder", "b_old_edition.docx"))
    with open(path("set_folder", "notes.md"), "w", encoding="utf-8") as f:
        f.write("not a submission file: ignored\n")
    save_docx(report_document(R7_EDITION, OLD_ORG), path("set_folder", "sub", "c_old_org.docx"))

    # A zip set with a Shift_JIS member name and a nested folder.
    clean = docx_bytes(base_report())
    old = docx_bytes(report_document(R5_EDITION, NEW_ORG))
    data = stored_zip(
        [
            ("報告書.docx".encode("shift_jis"), old),
            (b"docs/clean.docx", clean),
            (b"__MACOSX/._clean.docx", b"\x00\x05\x16\x07"),
        ]
    )
    with open(path("submission.zip"), "wb") as f:
        f.write(data)

    # A zip whose member is a zip bomb.
    base = docx_bytes(base_report())

    def bomb(parts):
        xml = parts["word/document.xml"].decode("utf-8")
        padding = "<!--" + " " * (3 * 1024 * 1024) + "-->"
        parts["word/document.xml"] = xml.replace("<w:body>", padding + "<w:body>", 1).encode("utf-8")

    buf = io.BytesIO()
    write_normalized(base, buf, edit=bomb)
    with zipfile.ZipFile(path("bomb_set.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        zi = zipfile.ZipInfo("inner_bomb.docx", FIXED_DATE)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, buf.getvalue())
        # A member that itself inflates 1000:1.
        zi = zipfile.ZipInfo("padding.txt", FIXED_DATE)
        zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, b" " * (4 * 1024 * 1024))

    # Config: a folder with yoshiki.toml turning VER001 into a warning and SEC006 on.
    cfg = os.path.join(OUT, "config_set")
    if os.path.isdir(cfg):
        shutil.rmtree(cfg)
    save_docx(report_document(R5_EDITION, NEW_ORG, author="山田 太郎"), path("config_set", "report.docx"))
    with open(path("config_set", "yoshiki.toml"), "w", encoding="utf-8") as f:
        f.write('[call]\ntitle = "令和８年度地域中小企業人材確保支援等調査・分析"\n\n[rules]\nVER001 = "warning"\nSEC006 = "off"\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    gen_ver()
    gen_ph()
    gen_sec()
    gen_in()
    gen_sets()
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
