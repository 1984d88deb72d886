#!/usr/bin/env python3
"""Write tests/fixtures/realdocs/: documents as they come from real users
(issue 16), each exercising one reader or rule behaviour that
tests/it/real_docs.rs asserts.

- sym_circled.docx      w:sym characters: 所得金額⑲ (a Unicode font), Wingdings ①②,
                        Symbol α (private-use F0xx codes)
- inactive_headers.docx a first-page and an even-page header holding hidden
                        text, not switched on (no w:titlePg, no
                        w:evenAndOddHeaders): not read, no SEC007
- active_headers.docx   the same switched on: read, SEC007
- hidden_sheets.xlsx    a hidden sheet 旧名簿 and a very hidden sheet 作業用 (SEC007)
- hidden_sheets.ods     the same saved by LibreOffice (ODF has no very hidden)
- google_comments.xlsx  a comment as Google Sheets exports it (====== / ID# header)
- activex.xlsx          94 ActiveX check boxes (one SEC003 with the count)
- empty.xlsx/.docx/.odt 0 bytes (IN001)
- writer_form.odt       LibreOffice Writer document (converted from the generated
                        writer_form.docx): heading, table with merged cells, a
                        comment, a tracked deletion, an author (SEC004/SEC006)
- sample_form.odt       samples/clean/01_様式1_申請書.docx converted to .odt: the same
                        form must be recognised
- mac_author.xls        an .xls whose SummaryInformation says code page 10001 (Mac
                        Japanese) with the author 山田 太郎 in it (SEC006 reads it)
- cp932_author.xls      the same in code page 932
- folder/               a folder as an official receives it: a form, a scan (.png),
                        a presentation (.odp), an unknown binary and a Word lock
                        file (~$…): every file but the lock file reported
- set.zip               the same as a .zip submission set (read in place)

Run from the repository root: python3 scripts/make_real_docs.py
Requires python-docx, openpyxl, lxml; soffice (LibreOffice) for the .odt
files (the generated files are committed, so the tests never need it).
"""

import copy
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl.comments import Comment

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "fixtures", "realdocs")


def fixed_core(d, author="python-docx"):
    """Stable properties, so that regenerating gives the same content."""
    import datetime

    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.created = datetime.datetime(2026, 4, 1, 9, 0, 0)
    cp.modified = datetime.datetime(2026, 4, 1, 9, 0, 0)
    cp.revision = 1


def sym(run_parent, font, char):
    """Append a run holding one w:sym to a paragraph."""
    r = OxmlElement("w:r")
    s = OxmlElement("w:sym")
    s.set(qn("w:font"), font)
    s.set(qn("w:char"), char)
    r.append(s)
    run_parent._p.append(r)


def hidden_run(paragraph, text):
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    rpr.append(OxmlElement("w:vanish"))
    return run


def sym_circled():
    d = docx.Document()
    p = d.add_paragraph("所得金額")
    sym(p, "ＭＳ 明朝", "2472")
    p.add_run("の欄に記入してください。")
    p = d.add_paragraph("予算の内訳：")
    sym(p, "Wingdings", "F081")
    p.add_run("旅費　")
    sym(p, "Wingdings", "F082")
    p.add_run("会場費")
    p = d.add_paragraph("係数 ")
    sym(p, "Symbol", "F061")
    p.add_run(" を用いる。")
    fixed_core(d)
    d.save(os.path.join(OUT, "sym_circled.docx"))


def headers(name, switched_on):
    d = docx.Document()
    d.add_paragraph("本文です。ヘッダーの扱いを確かめます。")
    section = d.sections[0]
    section.header.paragraphs[0].text = "通常のヘッダー"
    section.different_first_page_header_footer = True
    hidden_run(section.first_page_header.paragraphs[0], "表紙用メモ（隠し文字）")
    d.settings.odd_and_even_pages_header_footer = True
    hidden_run(section.even_page_header.paragraphs[0], "偶数ページ用メモ（隠し文字）")
    if not switched_on:
        # The parts stay in the package, referenced by the section, but
        # nothing switches them on: Word shows neither.
        section.different_first_page_header_footer = False
        d.settings.odd_and_even_pages_header_footer = False
    fixed_core(d)
    d.save(os.path.join(OUT, name))


def hidden_sheets():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申請書"
    ws["A1"] = "申請者名"
    ws["B1"] = "株式会社サンプル"
    old = wb.create_sheet("旧名簿")
    old["A1"] = "氏名"
    old["A2"] = "旧担当 一郎"
    old.sheet_state = "hidden"
    work = wb.create_sheet("作業用")
    work["A1"] = "単価メモ 12,000円"
    work.sheet_state = "veryHidden"
    empty = wb.create_sheet("空の非表示")
    empty.sheet_state = "hidden"
    wb.properties.creator = "openpyxl"
    wb.save(os.path.join(OUT, "hidden_sheets.xlsx"))


def google_comments():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "集計"
    ws["A1"] = "事業費"
    ws["B1"] = 1200000
    text = (
        "======\nID#AAAAq1b2C3d\n山田 太郎    (2024-05-01 10:12:00)\n"
        "単価の根拠を確認してください\n\t-山田 太郎"
    )
    ws["B1"].comment = Comment(text, "山田 太郎")
    wb.properties.creator = "openpyxl"
    wb.save(os.path.join(OUT, "google_comments.xlsx"))


def activex(count=94):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "チェックリスト"
    for i in range(1, count + 1):
        ws.cell(row=i, column=1, value=f"確認項目 {i}")
    wb.properties.creator = "openpyxl"
    tmp = os.path.join(OUT, "activex.tmp.xlsx")
    wb.save(tmp)
    src = zipfile.ZipFile(tmp)
    with zipfile.ZipFile(os.path.join(OUT, "activex.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.activeX"/>'
                    b"</Types>",
                )
            z.writestr(item, data)
        for i in range(1, count + 1):
            z.writestr(
                f"xl/activeX/activeX{i}.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" '
                'r:id="rId1"/>',
            )
            z.writestr(f"xl/activeX/activeX{i}.bin", b"\xd0\xcf\x11\xe0" + bytes(60))
    src.close()
    os.remove(tmp)


def empties():
    for ext in ("xlsx", "docx", "odt"):
        open(os.path.join(OUT, f"empty.{ext}"), "wb").close()


def writer_source(path):
    """A Writer-style document: heading, table with a merged cell, comment,
    tracked deletion and insertion, a named author."""
    d = docx.Document()
    d.add_heading("地域イベント実施報告書", level=1)
    p = d.add_paragraph("報告者：みなと市 企画課")
    d.add_paragraph("実施内容は次のとおりです。")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).text = "区分"
    t.cell(0, 1).text = "内容"
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(1, 0).text = "日時"
    t.cell(1, 1).text = "令和８年５月１０日"
    t.cell(1, 2).text = "午前"
    t.cell(2, 0).text = "会場"
    t.cell(2, 1).text = "市民ホール"
    t.cell(2, 2).text = "大ホール"
    p = d.add_paragraph("参加者数：")
    # Tracked changes: 120 人 deleted, 150 人 inserted.
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    dl = OxmlElement("w:del")
    dl.set(qn("w:id"), "1")
    dl.set(qn("w:author"), "校閲 花子")
    dl.set(qn("w:date"), "2026-05-11T09:00:00Z")
    r = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "１２０人"
    r.append(dt)
    dl.append(r)
    p._p.append(dl)
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "2")
    ins.set(qn("w:author"), "校閲 花子")
    ins.set(qn("w:date"), "2026-05-11T09:00:00Z")
    r = OxmlElement("w:r")
    t_ = OxmlElement("w:t")
    t_.text = "１５０人"
    r.append(t_)
    ins.append(r)
    p._p.append(ins)
    p = d.add_paragraph("予算の残額は")
    run = p.add_run("別途報告")
    d.add_comment(run, text="金額は課長確認中", author="企画課 佐藤", initials="SS")
    p.add_run("します。")
    del w
    fixed_core(d, author="山田 太郎")
    d.save(path)


def soffice_convert(src, out_dir, target="odt"):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("soffice not found: the .odt files are left as they are", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                out_dir,
                src,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    base = os.path.splitext(os.path.basename(src))[0]
    return os.path.join(out_dir, f"{base}.{target}")


def odt_files():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "writer_form.docx")
        writer_source(src)
        got = soffice_convert(src, tmp)
        if got:
            shutil.copy(got, os.path.join(OUT, "writer_form.odt"))
        got = soffice_convert(os.path.join(OUT, "hidden_sheets.xlsx"), tmp, "ods")
        if got:
            shutil.copy(got, os.path.join(OUT, "hidden_sheets.ods"))
        sample = os.path.join(ROOT, "samples", "clean", "01_様式1_申請書.docx")
        if os.path.exists(sample):
            copy_src = os.path.join(tmp, "sample_form.docx")
            shutil.copy(sample, copy_src)
            got = soffice_convert(copy_src, tmp)
            if got:
                shutil.copy(got, os.path.join(OUT, "sample_form.odt"))


def patch_summary(xls_path, codepage, author, modifier):
    """Rewrite the SummaryInformation property set of a LibreOffice-made
    .xls in place: its code page and the author / last-saved-by strings
    (8-bit, in that code page), each within the room the original had."""
    import struct

    b = bytearray(open(xls_path, "rb").read())
    fmtid = bytes.fromhex("E0859FF2F94F6810AB9108002B27B3D9")
    start = b.find(fmtid) - 28
    if start < 0 or b[start:start + 2] != b"\xfe\xff":
        raise SystemExit(f"{xls_path}: no SummaryInformation property set found")
    section = start + struct.unpack_from("<I", b, start + 44)[0]
    _, count = struct.unpack_from("<II", b, section)
    for k in range(count):
        pid, off = struct.unpack_from("<II", b, section + 8 + 8 * k)
        at = section + off
        kind = struct.unpack_from("<I", b, at)[0]
        if pid == 1 and kind == 2:
            struct.pack_into("<H", b, at + 4, codepage)
        elif pid in (4, 8) and kind == 0x1E:
            room = struct.unpack_from("<I", b, at + 4)[0]
            raw = (author if pid == 4 else modifier).encode("shift_jis")
            if len(raw) + 1 > room:
                raise SystemExit(f"{xls_path}: no room for the name")
            b[at + 8:at + 8 + room] = raw + bytes(room - len(raw))
    open(xls_path, "wb").write(bytes(b))


def legacy_xls():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "author.xlsx")
        wb = openpyxl.Workbook()
        wb.active.title = "名簿"
        wb.active["A1"] = "氏名"
        wb.properties.creator = "Author Placeholder Name"
        wb.properties.lastModifiedBy = "Author Placeholder Name"
        wb.save(src)
        got = soffice_convert(src, tmp, "xls")
        if not got:
            return
        for name, codepage in (("mac_author.xls", 10001), ("cp932_author.xls", 932)):
            out = os.path.join(OUT, name)
            shutil.copy(got, out)
            patch_summary(out, codepage, "山田 太郎", "佐藤 花子")


def folder():
    f = os.path.join(OUT, "folder")
    if os.path.isdir(f):
        shutil.rmtree(f)
    os.makedirs(f)
    shutil.copy(os.path.join(OUT, "sym_circled.docx"), os.path.join(f, "申請書.docx"))
    with open(os.path.join(f, "scan.png"), "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with zipfile.ZipFile(os.path.join(f, "説明資料.odp"), "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    with open(os.path.join(f, "data.dat"), "wb") as out:
        out.write(bytes(range(256)) * 4)
    # A Word lock file: the owner's name in a small binary.
    with open(os.path.join(f, "~$申請書.docx"), "wb") as out:
        out.write(b"\x0ayamada" + bytes(150))


def zip_set():
    """The folder's files as one .zip submission set."""
    f = os.path.join(OUT, "folder")
    with zipfile.ZipFile(os.path.join(OUT, "set.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(os.listdir(f)):
            info = zipfile.ZipInfo(f"提出書類/{name}", date_time=(2026, 4, 1, 9, 0, 0))
            info.flag_bits |= 0x800
            with open(os.path.join(f, name), "rb") as src:
                z.writestr(info, src.read())
        info = zipfile.ZipInfo("提出書類/メモ.md", date_time=(2026, 4, 1, 9, 0, 0))
        info.flag_bits |= 0x800
        z.writestr(info, "提出前の確認メモ\n".encode("utf-8"))


def non_form_paper():
    """A discussion paper and a data table, not forms: 〇〇 used as a word,
    an example row, 記載例 wording, and one real fill-in place left."""
    d = docx.Document()
    d.add_heading("地域連携の取組に関する検討資料", level=1)
    d.add_paragraph("各地域では〇〇ネットワークといった官民の連携が進んでおり、")
    d.add_paragraph("・○○市との連携")
    d.add_paragraph("（記載例：出資者の名称○○、出資額、出資比率）")
    t = d.add_table(rows=3, cols=3)
    for i, v in enumerate(["区分", "施設名", "所在地"]):
        t.cell(0, i).text = v
    for i, v in enumerate(["例", "●●　××", "○○公園"]):
        t.cell(1, i).text = v
    for i, v in enumerate(["1", "中央図書館", "本町1-2-3"]):
        t.cell(2, i).text = v
    d.add_paragraph("担当者：○○")
    fixed_core(d)
    d.save(os.path.join(OUT, "paper_placeholders.docx"))


def other_call_report():
    """Another call's filled 実績報告書 (no form yoshiki knows): a date frame
    left blank, a date that does not exist, a full-width ＠ beside its
    label, and a date and an address written correctly."""
    d = docx.Document()
    d.add_paragraph("令和　　年　　月　　日")
    d.add_paragraph("○○市長　様")
    d.add_paragraph("補助事業実績報告書")
    t = d.add_table(rows=4, cols=2)
    rows = [("事業者名", "株式会社みなと工業"), ("事業完了日", "令和７年２月３０日"),
            ("E-mail", "info＠minato-kogyo.example.jp"), ("交付決定日", "令和７年４月１日")]
    for i, (k, v) in enumerate(rows):
        t.cell(i, 0).text = k
        t.cell(i, 1).text = v
    d.add_paragraph("本事業は平成７年１月１７日の震災を契機に始まった取組を引き継ぐものである。")
    fixed_core(d)
    d.save(os.path.join(OUT, "other_call_report.docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    sym_circled()
    headers("inactive_headers.docx", switched_on=False)
    headers("active_headers.docx", switched_on=True)
    hidden_sheets()
    google_comments()
    activex()
    empties()
    odt_files()
    legacy_xls()
    folder()
    zip_set()
    non_form_paper()
    other_call_report()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
