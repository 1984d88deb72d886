#!/usr/bin/env python3
"""Generate the fixtures of tests/read_text.rs and tests/read_sheet.rs.

Text fixtures: the same short form excerpt (tab-separated table cells as
Word's "save as text" writes them, full-width digits) in every encoding the
text reader detects, plus CSV files with quoted commas, doubled quotes and
quoted line breaks.

Sheet fixtures: an xlsx written by openpyxl (several sheets, merged cells,
full-width digits, integers, floats, dates, booleans, an error value, a
cell comment), then converted by LibreOffice headless (when `soffice` is on
PATH) to .ods and .xls so the same content is read through each format.

Run from the repository root:  python3 scripts/gen_sheet_text_fixtures.py
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.join(ROOT, "tests", "fixtures", "text")
SHEET = os.path.join(ROOT, "tests", "fixtures", "sheet")

# The form excerpt: a heading, a blank line, table rows with tab cells
# (first cell empty as in Word's export), full-width digits and a kana
# reading.
FORM_LINES = [
    "（様式１）",
    "",
    "\t申請者\t企業・団体名\t株式会社サンプル",
    "\t\t代表者役職・氏名\t代表取締役　山田　太郎",
    "\t連絡担当窓口\t電話番号\t０３－１２３４－５６７８",
    "総額\t１２，０００千円",
    "令和８年４月１日",
]


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def gen_text():
    os.makedirs(TEXT, exist_ok=True)
    crlf = "\r\n".join(FORM_LINES) + "\r\n"
    lf = "\n".join(FORM_LINES) + "\n"
    write(os.path.join(TEXT, "form_utf8.txt"), lf.encode("utf-8"))
    write(os.path.join(TEXT, "form_utf8_bom.txt"), b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    write(os.path.join(TEXT, "form_utf16le_bom.txt"), b"\xff\xfe" + crlf.encode("utf-16-le"))
    write(os.path.join(TEXT, "form_utf16be_bom.txt"), b"\xfe\xff" + crlf.encode("utf-16-be"))
    write(os.path.join(TEXT, "form_utf16le_nobom.txt"), crlf.encode("utf-16-le"))
    # CP932 is what Windows "Shift_JIS" means (NEC specials such as ① and ㈱).
    sjis_lines = FORM_LINES + ["①再委託先\t㈱サンプル"]
    write(os.path.join(TEXT, "form_sjis.txt"), ("\r\n".join(sjis_lines) + "\r\n").encode("cp932"))
    # Python's euc_jp has no U+FF0D; it writes A1DD for U+2212, the byte
    # pair WHATWG (encoding_rs) decodes as U+FF0D, so the file reads back
    # as the same lines.
    write(os.path.join(TEXT, "form_eucjp.txt"), lf.replace("－", "−").encode("euc_jp"))
    # Old Mac, Unix and Windows line ends in one file, no final break.
    write(os.path.join(TEXT, "mixed_endings.txt"), "一行目\r二行目\n三行目\r\n\r\n五行目".encode("utf-8"))

    csv_text = (
        "区分,金額,備考\r\n"
        '"Ⅰ．人件費","１２，０００","単位：千円"\r\n'
        '"再委託先","3,500","株式会社""サンプル"""\r\n'
        '"体制","5","一行目\r\n二行目"\r\n'
        "小計,,\r\n"
    )
    write(os.path.join(TEXT, "budget.csv"), csv_text.encode("utf-8"))
    # Excel in Japan saves CSV as CP932.
    write(os.path.join(TEXT, "budget_sjis.csv"), csv_text.encode("cp932"))


def gen_sheet():
    import openpyxl
    from openpyxl.comments import Comment

    os.makedirs(SHEET, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "様式２"
    ws["A1"] = "（様式２）"
    ws["A2"] = "企画提案書"
    ws.merge_cells("A2:D2")
    ws["A4"] = "区分"
    ws["B4"] = "金額"
    ws["A5"] = "Ⅰ．人件費"
    ws["B5"] = "１２，０００"  # full-width digits, as typed
    ws["A6"] = "Ⅱ．事業費"
    ws["B6"] = 3500
    ws["A7"] = "消費税率"
    ws["B7"] = 0.1
    ws["A8"] = "比率"
    ws["B8"] = 62.5
    ws["A9"] = "提出日"
    ws["B9"] = datetime.date(2026, 4, 1)
    ws["B9"].number_format = "yyyy-mm-dd"
    ws["A10"] = "精算"
    ws["B10"] = True
    ws["A11"] = "エラー"
    ws["B11"] = "=1/0"
    ws["A12"] = "備考"
    ws["B12"] = "一行目\n二行目"
    ws["C5"] = "千円"
    ws["C5"].comment = Comment("単位を確認してください", "確認者")
    # A vertical merge whose origin is empty.
    ws.merge_cells("D4:D6")

    ws2 = wb.create_sheet("名簿")
    ws2["A1"] = "情報取扱者名簿"
    ws2.merge_cells("A1:C1")
    ws2.append(["役割", "氏名", "生年月日"])
    ws2.append(["情報管理責任者", "山田　太郎", datetime.date(1980, 1, 31)])
    ws2["C3"].number_format = "yyyy/m/d"
    ws2["B2"].comment = Comment("氏名はフルネームで", "担当")

    wb.create_sheet("空")  # an empty sheet still becomes a table

    xlsx = os.path.join(SHEET, "form.xlsx")
    wb.save(xlsx)

    add_threaded_comment(xlsx, os.path.join(SHEET, "threaded.xlsx"))

    # Cells at the two far corners: a few KB that ask a dense-grid reader
    # for the whole sheet (A1 and XFD1048576; A1 and IV65536 in .xls).
    far = openpyxl.Workbook()
    far.active["A1"] = "a"
    far.active["XFD1048576"] = "b"
    far_xlsx = os.path.join(SHEET, "far_corners.xlsx")
    far.save(far_xlsx)
    far_xls = openpyxl.Workbook()
    far_xls.active["A1"] = "a"
    far_xls.active["IV65536"] = "b"
    far_xls_src = os.path.join(tempfile.gettempdir(), "far_corners_xls.xlsx")
    far_xls.save(far_xls_src)

    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: no LibreOffice-written fixtures", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        def convert(src, fmt, dest):
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", fmt, "--outdir", out, src],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            base = os.path.splitext(os.path.basename(src))[0]
            shutil.move(os.path.join(out, base + "." + fmt.split(":")[0]), os.path.join(SHEET, dest))

        convert(xlsx, "ods", "form.ods")
        convert(xlsx, "xls", "form.xls")
        # Saved again by LibreOffice: formula results cached (#DIV/0!).
        convert(xlsx, "xlsx", "form_lo.xlsx")
        convert(far_xlsx, "ods", "far_corners.ods")
        convert(far_xls_src, "xls", "far_corners.xls")


def add_threaded_comment(src, dest):
    """A copy of `src` with a threaded comment on 様式２!B6, written as
    Excel 365 writes one: the threaded comment part, its person list, and
    a legacy placeholder note on the same cell for older readers."""
    import re
    import zipfile

    threaded = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<threadedComment ref="B6" dT="2026-04-01T09:30:00.00" personId="{11111111-2222-3333-4444-555555555555}" '
        'id="{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}"><text>金額は税抜で記入</text></threadedComment>'
        '</ThreadedComments>'
    )
    persons = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<person displayName="審査担当" id="{11111111-2222-3333-4444-555555555555}" userId="reviewer" providerId="None"/>'
        '</personList>'
    )
    placeholder = (
        '<comment ref="B6" authorId="1"><text><t>[Threaded comment]\n\nYour version of Excel allows you to read '
        'this threaded comment; however, any edits to it will get removed if the file is opened in a newer '
        'version of Excel.\n\nComment:\n    金額は税抜で記入</t></text></comment>'
    )
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            name = item.filename
            if name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/threadedComments/threadedComment1.xml" '
                    b'ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
                    b'<Override PartName="/xl/persons/person.xml" '
                    b'ContentType="application/vnd.ms-excel.person+xml"/></Types>',
                )
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdP1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" '
                    b'Target="persons/person.xml"/></Relationships>',
                )
            elif name == "xl/worksheets/_rels/sheet1.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdT1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
                    b'Target="../threadedComments/threadedComment1.xml"/></Relationships>',
                )
            elif re.match(r"xl/comments/comment1\.xml$", name):
                text = data.decode("utf-8")
                text = text.replace("</authors>", "<author>tc={AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}</author></authors>")
                text = text.replace("</commentList>", placeholder + "</commentList>")
                data = text.encode("utf-8")
            zout.writestr(item, data)
        zout.writestr("xl/threadedComments/threadedComment1.xml", threaded)
        zout.writestr("xl/persons/person.xml", persons)


if __name__ == "__main__":
    gen_text()
    gen_sheet()
