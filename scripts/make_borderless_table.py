#!/usr/bin/env python3
"""A Word table without borders whose narrow cells wrap (for the PDF
reader's borderless tables): tests/fixtures/docpdf/borderless/borderless.docx.
Called by make_doc_pdf_fixtures.sh, which saves it as PDF."""
import sys
from docx import Document
from docx.shared import Cm, Pt

from docx.oxml.ns import qn
from docx.oxml import OxmlElement

out = sys.argv[1]
doc = Document()
style = doc.styles["Normal"]
style.font.size = Pt(10.5)
doc.add_paragraph("罫線のない表")
rows = [
    ("項目", "内容", "備考"),
    ("申請者の名称及び代表者の氏名", "株式会社みらい総合研究所　代表取締役社長　山本　健一", "法人番号を併記"),
    ("連絡先", "０３－１２３４－５６７８", ""),
    ("事業の実施場所及び実施期間", "東京都千代田区内神田二丁目１５番９号、令和８年６月１日から令和９年３月３１日まで", "変更の場合は届出"),
]
table = doc.add_table(rows=len(rows), cols=3)
borders = OxmlElement("w:tblBorders")
for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
    e = OxmlElement(f"w:{edge}")
    e.set(qn("w:val"), "nil")
    borders.append(e)
table._tbl.tblPr.append(borders)
widths = (Cm(3.0), Cm(8.0), Cm(3.0))
for r, texts in zip(table.rows, rows):
    for cell, text, w in zip(r.cells, texts, widths):
        cell.width = w
        cell.text = text
doc.add_paragraph("以上")
doc.save(out)
