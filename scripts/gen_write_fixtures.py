#!/usr/bin/env python3
"""Fixtures for the writer tests (tests/write_*.rs): small files written the
way Word / Excel write them — runs split mid-word with different
formatting, merged cells, an existing comment, a tracked insertion, shared
strings used by several cells, rich text with phonetic runs, legacy text
encodings.

Usage: python3 scripts/gen_write_fixtures.py tests/fixtures/write
"""
import copy
import io
import os
import sys
import zipfile

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor, Pt
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment


def run(p, text, bold=False, italic=False, color=None, size=None):
    r = p.add_run(text)
    r.bold = bold
    r.italic = italic
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    if size:
        r.font.size = Pt(size)
    return r


def tracked_insert(p, text, author="田中"):
    """Append a run wrapped in w:ins (an unaccepted tracked insertion)."""
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "901")
    ins.set(qn("w:author"), author)
    ins.set(qn("w:date"), "2025-05-01T00:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    ins.append(r)
    p._p.append(ins)


def docx_fixture(path):
    doc = Document()
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    p1 = doc.add_paragraph()
    run(p1, "本業務全体における情報セキュリティの確保のため、「政府機関等のサイバーセキュリティ対策のための統一基準」（令")
    run(p1, "和５", bold=True)
    run(p1, "年度", italic=True, color="C00000")
    run(p1, "版）に基づく対策を講じる。")
    p2 = doc.add_paragraph()
    run(p2, "経済産業省又は")
    run(p2, "内閣官房内閣サイバー", color="0070C0")
    run(p2, "セキュリティセンター", size=12)
    run(p2, "が実施する監査を受け入れる。")
    first = p2.runs[0]
    doc.add_comment(first, text="既存のコメント", author="山田", initials="Y")

    t = doc.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).text = "項目"
    t.cell(0, 1).text = "確認事項"
    t.cell(0, 2).text = "実施状況"
    a = t.cell(1, 0).merge(t.cell(2, 0))  # vertical merge
    a.text = "情報セキュリティに関する事項\n２）"
    c = t.cell(1, 1)
    cp = c.paragraphs[0]
    run(cp, "「統一基準」（令和")
    run(cp, "５年度版", bold=True)
    run(cp, "）に基づく。")
    t.cell(1, 2).text = "実施"
    m = t.cell(2, 1).merge(t.cell(2, 2))  # horizontal merge
    mp = m.paragraphs[0]
    run(mp, "NISC", bold=True)
    run(mp, "（内閣サイバーセキュリティセンター）の監査")
    p3 = doc.add_paragraph()
    run(p3, "変更履歴：")
    tracked_insert(p3, "令和５年度版を参照")
    doc.add_paragraph()  # an empty paragraph (<w:p/>)
    hdr = doc.sections[0].header.paragraphs[0]
    hdr.text = "別紙"
    doc.save(path)


def xlsx_fixture(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "報告書"
    ws["A1"] = "情報セキュリティに関する事項の遵守の方法の実施状況報告書"
    ws["A2"] = "統一基準（令和５年度版）"
    ws["A3"] = "統一基準（令和５年度版）"  # same shared string as A2
    ws["B2"] = "実施"
    ws["A4"] = CellRichText(
        "経済産業省又は",
        TextBlock(InlineFont(b=True), "内閣官房内閣サイバー"),
        TextBlock(InlineFont(color="FF0000"), "セキュリティセンター"),
        "が実施する監査",
    )
    ws["C2"] = 12000
    ws["B3"].comment = Comment("既存のメモ", "山田")
    ws2 = wb.create_sheet("別葉")
    ws2["A1"] = "理由"
    wb.save(path)
    # openpyxl writes every string inline; Excel keeps them in the shared
    # string table. Move A1, A2, A3 (A2 and A3 sharing one entry) and the
    # rich A4 into xl/sharedStrings.xml, give A1 phonetic runs (furigana,
    # as Japanese Excel stores them), and leave B2 as an inline string.
    import re
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        order = z.namelist()
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    sis = []
    index = {}

    def to_shared(ref, extra=""):
        nonlocal sheet
        m = re.search(r'<c r="%s"([^>]*) t="inlineStr"([^>]*)><is>(.*?)</is></c>' % ref, sheet)
        assert m, ref
        body = m.group(3) + extra
        if body not in index:
            index[body] = len(sis)
            sis.append("<si>%s</si>" % body)
        sheet = sheet.replace(m.group(0), '<c r="%s"%s t="s"%s><v>%d</v></c>' % (ref, m.group(1), m.group(2), index[body]))

    to_shared("A1", '<rPh sb="0" eb="2"><t>ジョウホウ</t></rPh><rPh sb="24" eb="27"><t>ホウコクショ</t></rPh><phoneticPr fontId="1"/>')
    to_shared("A2")
    to_shared("A3")
    to_shared("A4")
    sheet = re.sub(r'(<c r="B2"[^>]*><is><t>)[^<]*(</t>)', lambda m: m.group(1) + "実施（令和５年度版）" + m.group(2), sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    refs = sheet.count(' t="s"')
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (refs, len(sis), "".join(sis))
    ).encode("utf-8")
    ct = parts["[Content_Types].xml"].decode("utf-8")
    ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    order.insert(order.index("xl/styles.xml"), "xl/sharedStrings.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n in order:
            z.writestr(n, parts[n])


class _Unseekable(io.RawIOBase):
    """A write-only stream without seek: zipfile then writes data
    descriptors after each entry, as streaming zip writers do."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf.extend(b)
        return len(b)


def streamed_fixture(src, path):
    """The same package re-zipped the way streaming writers do it: data
    descriptors, a zip64 extra field on one entry, a custom extra field on
    another, an archive comment, stored (uncompressed) media."""
    with zipfile.ZipFile(src) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    out = _Unseekable()
    with zipfile.ZipFile(out, "w") as z:
        for info, data in items:
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 5, 1, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if info.filename.endswith(".jpeg") else zipfile.ZIP_DEFLATED
            if info.filename == "word/styles.xml":
                # A vendor extra field (id 0xCAFE) that must survive.
                zi.extra = b"\xfe\xca\x04\x00test"
            force64 = info.filename == "word/settings.xml"
            with z.open(zi, "w", force_zip64=force64) as f:
                f.write(data)
        z.comment = "yoshiki streamed fixture".encode()
    with open(path, "wb") as f:
        f.write(bytes(out.buf))


def text_fixtures(d):
    text = "情報セキュリティに関する事項の遵守の方法の実施状況報告書\r\n２）\t「統一基準」（令和５年度版）に基づく\t実施\r\n３）\t内閣官房内閣サイバーセキュリティセンターの監査\t実施\r\n"
    with open(os.path.join(d, "report_sjis.txt"), "wb") as f:
        f.write(text.encode("cp932"))
    with open(os.path.join(d, "report_utf16.txt"), "wb") as f:
        f.write(b"\xff\xfe" + text.replace("\r\n", "\n").encode("utf-16-le"))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/write"
    os.makedirs(out, exist_ok=True)
    docx_fixture(os.path.join(out, "split_runs.docx"))
    streamed_fixture(os.path.join(out, "split_runs.docx"), os.path.join(out, "streamed.docx"))
    xlsx_fixture(os.path.join(out, "sheet.xlsx"))
    text_fixtures(out)
