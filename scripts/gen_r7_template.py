#!/usr/bin/env python3
"""Build templates/security_report_r7.docx, the current (r7) 別紙
情報セキュリティに関する事項の遵守の方法の実施状況報告書, from the text of the
call (seed 000, Word text export: table cells on lines starting with a tab,
rows separated by blank lines).

`yoshiki migrate` fills this template with what an old (r5) report carried.
The text is taken verbatim from the seed; only the layout (fonts, table
widths, alignment) is chosen here.

Usage: python3 scripts/gen_r7_template.py SEED_000.txt templates/security_report_r7.docx
"""
import datetime
import sys

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def section_lines(seed_text):
    lines = seed_text.split("\n")
    # The report is the last section of the call, headed by a line "別紙".
    start = max(i for i, l in enumerate(lines) if l.strip() == "別紙")
    return lines[start:]


def parse_rows(lines):
    """Rows of a table exported as text: blank line between rows, each cell
    starting with a tab, continuation lines (further paragraphs of the cell)
    without one."""
    rows, row = [], []
    for line in lines:
        if line == "":
            if row:
                rows.append(row)
                row = []
            continue
        if line.startswith("\t"):
            row.append([line[1:]])
        elif row:
            row[-1].append(line)
        else:
            raise ValueError(f"text outside a cell: {line!r}")
    if row:
        rows.append(row)
    return rows


def set_cell(cell, paragraphs, width_cm, bold=False, center=False):
    cell.width = Cm(width_cm)
    first = cell.paragraphs[0]
    for i, text in enumerate(paragraphs):
        p = first if i == 0 else cell.add_paragraph()
        if text:
            run = p.add_run(text)
            if bold:
                run.bold = True
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def set_grid(table, widths_cm):
    """Make the table grid agree with the cell widths (LibreOffice lays a
    table out by its grid, Word by the cell widths)."""
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(w).twips)))


def build(seed_path, out_path):
    with open(seed_path, encoding="utf-8") as f:
        lines = section_lines(f.read())
    i_contract = lines.index("１．契約件名等")
    i_items = lines.index("２．報告事項")
    i_notes = lines.index("記載要領")
    head = lines[:i_contract]
    contract_rows = parse_rows(lines[i_contract + 1 : i_items])
    item_rows = parse_rows(lines[i_items + 1 : i_notes])
    notes = [l for l in lines[i_notes:] if l.strip()]

    doc = Document()
    core = doc.core_properties
    core.author = ""
    core.last_modified_by = ""
    core.title = "情報セキュリティに関する事項の遵守の方法の実施状況報告書"
    core.comments = ""
    core.created = datetime.datetime(2025, 4, 1)
    core.modified = datetime.datetime(2025, 4, 1)
    core.revision = 1

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = sec.bottom_margin = Cm(2.0)

    normal = doc.styles["Normal"]
    normal.font.name = "Century"
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    rpr.rFonts.set(qn("w:eastAsia"), "ＭＳ 明朝")
    normal.paragraph_format.space_after = Pt(0)

    # Heading block: 別紙, date, addressee, reporter, title, preamble, 記.
    blank_run = 0
    for line in head:
        text = line
        if text == "":
            blank_run += 1
            if blank_run > 1:
                continue
            doc.add_paragraph()
            continue
        blank_run = 0
        p = doc.add_paragraph()
        run = p.add_run(text)
        if text.startswith("令和"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif text == "別紙":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif text.strip().startswith(("住", "名", "代")) and "　" in text or "代 表 者" in text:
            p.paragraph_format.left_indent = Cm(8.5)
            run.text = text.strip()
        elif text.startswith("情報セキュリティに関する事項の遵守"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(12)
        elif text == "記":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_paragraph("１．契約件名等")
    t1 = doc.add_table(rows=0, cols=2)
    t1.style = "Table Grid"
    t1.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in contract_rows:
        cells = t1.add_row().cells
        set_cell(cells[0], row[0], 4.0)
        set_cell(cells[1], row[1] if len(row) > 1 else [""], 13.0)
    set_grid(t1, (4.0, 13.0))
    doc.add_paragraph()

    doc.add_paragraph("２．報告事項")
    t2 = doc.add_table(rows=0, cols=3)
    t2.style = "Table Grid"
    t2.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (3.2, 11.3, 2.5)
    for r, row in enumerate(item_rows):
        cells = t2.add_row().cells
        header = r == 0
        for c in range(3):
            paras = row[c] if c < len(row) else [""]
            set_cell(cells[c], paras, widths[c], bold=header, center=header)
    set_grid(t2, widths)
    doc.add_paragraph()

    for line in notes:
        doc.add_paragraph(line)

    doc.save(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    build(sys.argv[1], sys.argv[2])
