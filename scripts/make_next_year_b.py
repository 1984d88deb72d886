#!/usr/bin/env python3
"""Fixtures for "migrate last year's filled form onto this year's template".

Run:  python3 scripts/make_next_year_b.py
Writes tests/fixtures/nextyear_b/ (deleted and rewritten on every run).

For each chosen real blank form in /work/shared/templates (see its README:
never edit those by hand) this writes

  old.<ext>       the real blank template, byte-identical copy
  new.<ext>       "next year's" template: the real file opened, edited the
                  way issuers edit forms between years, saved
  filled_1.<ext>  old.<ext> filled in with made-up data
  filled_2.<ext>  old.<ext> filled in with other made-up data
  expected.json   what a correct migration must produce

Only python-docx and openpyxl are used; every file is the real file opened,
changed where needed and saved, so styles, merges and the rest stay.
The zip containers are rewritten with a fixed timestamp so that a re-run
gives the same bytes.
"""
import copy
import json
import os
import re
import shutil
import sys
import zipfile

import docx
import openpyxl
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.environ.get("YOSHIKI_TEMPLATES", "/work/shared/templates")
OUT = os.path.join(ROOT, "tests", "fixtures", "nextyear_b")

FW = "\u3000"  # full-width space


# --------------------------------------------------------------- common

def normalize_zip(path):
    """Rewrite a zip with fixed timestamps and fixed entry order, so that
    the output does not depend on when the script ran."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2025-01-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, path)


def thousands(value):
    """'120,000,000円' -> '120,000千円' (values are chosen as exact 千円)."""
    neg = value.startswith("-")
    digits = value.lstrip("-").replace("円", "").replace(",", "")
    n = int(digits)
    assert n % 1000 == 0, value
    s = f"{n // 1000:,}"
    return ("-" if neg else "") + s + ("千円" if value.endswith("円") else "")


def entry(old_label, new_label, value, new_value=None, *, row=None, col=None,
          new_row=None, new_col=None, how="cell"):
    e = {"old_label": old_label, "new_label": new_label, "value": value,
         "new_value": (value if new_value is None and new_label is not None
                       else new_value)}
    if row is not None or col is not None:
        e["row"], e["col"] = row, col
        e["new_row"], e["new_col"] = (
            (new_row if new_row is not None else row,
             new_col if new_col is not None else col)
            if new_label is not None else (None, None))
    if how != "cell":
        e["how"] = how
    return e


# --------------------------------------------------------------- docx helpers

def tcs(tr):
    """The distinct cells (w:tc) of a row, in order (a gridSpan cell once)."""
    return tr.findall(qn("w:tc"))


def paras(tc, d):
    return [Paragraph(p, d) for p in tc.findall(qn("w:p"))]


def set_para_text(p, text):
    """Put text into a paragraph keeping its formatting: the first run gets
    the text, other runs are removed; with no run, add one that takes the
    paragraph mark's run properties."""
    runs = p.runs
    if runs:
        runs[0].text = text
        for r in runs[1:]:
            r._r.getparent().remove(r._r)
        return
    run = p.add_run(text)
    ppr = p._p.pPr
    if ppr is not None:
        mark = ppr.find(qn("w:rPr"))
        if mark is not None:
            rpr = copy.deepcopy(mark)
            rpr.tag = qn("w:rPr")
            run._r.insert(0, rpr)


def cell_text(tc, d):
    return "\n".join(p.text for p in paras(tc, d))


def set_cell_lines(tc, d, lines):
    """Write lines into the cell's paragraphs (line i into paragraph i)."""
    ps = paras(tc, d)
    assert len(lines) <= len(ps), (lines, [p.text for p in ps])
    for p, line in zip(ps, lines):
        if line is not None:
            set_para_text(p, line)


def check_first(tc, d, nth=0):
    """Replace the nth □ of the cell by ■ (inside its run)."""
    seen = 0
    for p in paras(tc, d):
        for r in p.runs:
            t = r.text
            for i, ch in enumerate(t):
                if ch == "□":
                    if seen == nth:
                        r.text = t[:i] + "■" + t[i + 1:]
                        return
                    seen += 1
    raise ValueError("no such □")


def bottom_border(tr):
    return [copy.deepcopy(tc.find(qn("w:tcPr")).find(qn("w:tcBorders")))
            if tc.find(qn("w:tcPr")) is not None else None for tc in tcs(tr)]


def set_bottom_borders(tr, borders):
    """Give the row's cells the bottom border lines of another row
    (used when the table's last row changes)."""
    for tc, b in zip(tcs(tr), borders):
        if b is None or b.find(qn("w:bottom")) is None:
            continue
        tcpr = tc.get_or_add_tcPr()
        mine = tcpr.find(qn("w:tcBorders"))
        if mine is None:
            mine = copy.deepcopy(b)
            for child in list(mine):
                if child.tag != qn("w:bottom"):
                    mine.remove(child)
            tcpr.append(mine)
            continue
        old = mine.find(qn("w:bottom"))
        if old is not None:
            mine.remove(old)
        mine.append(copy.deepcopy(b.find(qn("w:bottom"))))


def body_tables(d):
    return [Table(t, d) for t in d.element.body.findall(qn("w:tbl"))]


def find_para(d, needle):
    hits = [p for p in d.paragraphs if needle in p.text]
    assert len(hits) == 1, (needle, len(hits))
    return hits[0]


def replace_in_runs(p, old, new):
    for r in p.runs:
        if old in r.text:
            r.text = r.text.replace(old, new, 1)
            return
    raise ValueError(f"{old!r} not inside one run of {p.text!r}")


def save_docx(d, path):
    d.save(path)
    normalize_zip(path)


def save_xlsx(wb, path):
    wb.save(path)
    normalize_zip(path)


# ====================================================== 1 特定技能所属機関概要書

GAIYO_SRC = "入管庁_特定技能所属機関概要書.docx"
KESSAN_COLS = ["前年度", "前々年度", "前々々年度"]
KESSAN_ROWS = ["売上高", "経常損益", "純損益", "純資産"]
RISHOKU_ROWS = ["日本人労働者", "外国人労働者"]
RISHOKU_COLS = ["自発的離職者", "非自発的離職者"]

GAIYO_DATA = {
    "filled_1.docx": {
        "kessan": {
            "売上高": ["120,000,000円", "110,000,000円", "100,000,000円"],
            "経常損益": ["8,000,000円", "7,500,000円", "-2,000,000円"],
            "純損益": ["5,000,000円", "4,800,000円", "-1,500,000円"],
            "純資産": ["30,000,000円", "25,000,000円", "20,200,000円"],
        },
        "rishoku": {"日本人労働者": ["2名", "0名"], "外国人労働者": ["1名", "0名"]},
    },
    "filled_2.docx": {
        "kessan": {
            "売上高": ["45,600,000円", "43,000,000円", "39,870,000円"],
            "経常損益": ["1,230,000円", "-450,000円", "960,000円"],
            "純損益": ["870,000円", "-610,000円", "540,000円"],
            "純資産": ["12,340,000円", "11,470,000円", "12,080,000円"],
        },
        "rishoku": {"日本人労働者": ["0名", "1名"], "外国人労働者": ["3名", "0名"]},
    },
}

GAIYO_RENAME = {"売上高": "売上高（営業収益）"}
GAIYO_CLAUSE_OLD = "その全てについて記載すること。なお"
GAIYO_CLAUSE_NEW = "常勤・非常勤を問わず、その全てについて記載すること。なお"


def gaiyo_row_of(tbl, header):
    for tr in tbl._tbl.tr_lst:
        if Paragraph(tcs(tr)[0].find(qn("w:p")), None).text == header:
            return tr
    raise KeyError(header)


def make_gaiyo(outdir):
    src = os.path.join(TEMPLATES, GAIYO_SRC)
    shutil.copyfile(src, os.path.join(outdir, "old.docx"))

    # ---- new template
    d = docx.Document(src)
    t1 = body_tables(d)[1]
    tbl = t1._tbl
    last_borders = bottom_border(tbl.tr_lst[-1])
    # move: 純資産 leaves 決算状況 for a table of its own (純資産の状況),
    # with the same period columns.
    moved = copy.deepcopy(tbl)
    for tr in list(moved.findall(qn("w:tr")))[1:]:
        if Paragraph(tcs(tr)[0].find(qn("w:p")), d).text != "純資産":
            moved.remove(tr)
    tbl.remove(gaiyo_row_of(t1, "純資産"))
    # swap: 経常損益 and 純損益 exchange places
    keijo, jun = gaiyo_row_of(t1, "経常損益"), gaiyo_row_of(t1, "純損益")
    jun_borders = bottom_border(jun)
    keijo.addprevious(jun)
    set_bottom_borders(keijo, last_borders)   # keijo is now the last row
    set_bottom_borders(jun, bottom_border(gaiyo_row_of(t1, "売上高")))
    # rename
    sales_tc = tcs(gaiyo_row_of(t1, "売上高"))[0]
    set_para_text(paras(sales_tc, d)[0], GAIYO_RENAME["売上高"])
    # the moved row's table goes after 決算状況, under its own caption
    caption = copy.deepcopy(find_para(d, "決算状況")._p)
    tbl.addnext(caption)
    set_para_text(Paragraph(caption, d), "（純資産の状況）")
    caption.addnext(moved)
    # unit: 円 -> 千円 in every amount cell of both tables
    for t in (tbl, moved):
        for tr in t.findall(qn("w:tr")):
            for tc in tcs(tr)[1:]:
                for p in paras(tc, d):
                    if p.text == "円":
                        set_para_text(p, "千円")
    # clause of the 役員 note
    replace_in_runs(find_para(d, "役員が複数名いる場合"), GAIYO_CLAUSE_OLD,
                    GAIYO_CLAUSE_NEW)
    save_docx(d, os.path.join(outdir, "new.docx"))

    # ---- filled copies
    copies = {}
    for name, data in GAIYO_DATA.items():
        d = docx.Document(src)
        t1, t2 = body_tables(d)[1], body_tables(d)[2]
        items = []
        for rh in KESSAN_ROWS:
            tr = gaiyo_row_of(t1, rh)
            for ci, ch in enumerate(KESSAN_COLS):
                tc = tcs(tr)[1 + ci]
                v = data["kessan"][rh][ci]
                set_para_text(paras(tc, d)[0], v)
                new_rh = GAIYO_RENAME.get(rh, rh)
                items.append(entry(rh, new_rh, v, thousands(v), row=rh, col=ch,
                                   new_row=new_rh))
        # 離職状況: rows 2 and 3 of table 2, columns 2 and 3 (名)
        t2rows = t2._tbl.tr_lst
        for ri, rh in enumerate(RISHOKU_ROWS):
            tr = t2rows[2 + ri]
            cells = tcs(tr)
            assert cell_text(cells[1], d) == rh
            for ci, ch in enumerate(RISHOKU_COLS):
                v = data["rishoku"][rh][ci]
                set_para_text(paras(cells[2 + ci], d)[0], v)
                items.append(entry(rh, rh, v, row=rh, col=ch))
        save_docx(d, os.path.join(outdir, name))
        copies[name] = items

    expected = {
        "form": "特定技能所属機関概要書",
        "source": GAIYO_SRC,
        "format": "docx",
        "edits": [
            {"kind": "rename", "what": "決算状況の行見出し「売上高」→「売上高（営業収益）」"},
            {"kind": "swap", "what": "決算状況の「経常損益」行と「純損益」行が入れ替わった"},
            {"kind": "move", "what": "「純資産」行が決算状況の表から、その直後の新しい表（見出し「（純資産の状況）」、同じ年度の列）へ移った"},
            {"kind": "unit", "what": "決算状況と純資産の状況の金額欄の単位が「円」から「千円」になった（値は1000で割る。元の値はすべて1000の倍数）"},
            {"kind": "year", "what": "（注意）の文言変更：「役員が複数名いる場合は、常勤・非常勤を問わず、その全てについて記載すること。」（この様式に年度表記はない）"},
        ],
        "copies": copies,
        "new_required": [],
        "changed_wording": ["常勤・非常勤を問わず", "（純資産の状況）"],
    }
    return expected


# ====================================================== 2 雇用の経緯に係る説明書

KEII_SRC = "入管庁_雇用の経緯に係る説明書.docx"
KEII_RENAMED_OLD = "４\u3000職業紹介事業者の氏名"
KEII_RENAMED_NEW = "４\u3000職業紹介事業者の氏名又は名称"
KEII_NEW_ROW = "７\u3000職業紹介事業者の法人番号"
KEII_CLAUSE_OLD = "内容について相違ありません。"
KEII_CLAUSE_NEW = "内容について事実と相違なく、記載漏れもありません。"

KEII_DATA = {
    "filled_1.docx": {
        "assen_check": 0,             # ■ 有
        "kyoka": "13－ユ－300000（令和　６年　４月　１日）",
        "kubun_check": 0,             # ■ 有料職業紹介事業者
        "shimei": "株式会社サンプル人材",
        "jusho": ["〒100－0013", "東京都千代田区霞が関一丁目１番１号",
                  "（電話番号\u300003－0000－0000\u3000）"],
        "kyujin_gaku": "300,000円",
        "kyujin_meimoku": "紹介手数料として",
        "toritsugi_check": 0,         # ■ 有
        "t_name": "SAMPLE MANPOWER JOINT STOCK COMPANY",
        "t_country": "ベトナム",
        "t_addr": ["ハノイ市サンプル通り１番地", None,
                   "（電話番号\u300084－00－0000－0000\u3000）"],
    },
    "filled_2.docx": {
        "assen_check": 0,
        "kyoka": "27－ユ－399999（令和　５年１０月２０日）",
        "kubun_check": 1,             # ■ 無料職業紹介事業者
        "shimei": "一般社団法人サンプル協会",
        "jusho": ["〒530－0000", "大阪府大阪市北区サンプル町二丁目３番４号",
                  "（電話番号\u300006－0000－0000\u3000）"],
        "kyujin_gaku": "0円",
        "kyujin_meimoku": "手数料なしとして",
        "toritsugi_check": 0,
        "t_name": "PT CONTOH SUMBER DAYA",
        "t_country": "インドネシア",
        "t_addr": ["ジャカルタ市サンプル通り２番地", None,
                   "（電話番号\u300062－00－0000－0000\u3000）"],
    },
}


def keii_label(tc, d):
    return paras(tc, d)[0].text


def keii_row(tbl, label_first_line, d):
    for tr in tbl._tbl.tr_lst:
        if keii_label(tcs(tr)[0], d) == label_first_line:
            return tr
    raise KeyError(label_first_line)


def make_keii(outdir):
    src = os.path.join(TEMPLATES, KEII_SRC)
    shutil.copyfile(src, os.path.join(outdir, "old.docx"))

    # ---- new template
    d = docx.Document(src)
    t0 = body_tables(d)[0]
    name_tr = keii_row(t0, KEII_RENAMED_OLD, d)
    new_tr = copy.deepcopy(name_tr)
    # rename
    lab = paras(tcs(name_tr)[0], d)[0]
    replace_in_runs(lab, "氏名", "氏名又は名称")
    # insert a new required row (empty value) at the end of table 1
    last = t0._tbl.tr_lst[-1]
    last_borders = bottom_border(last)
    lab = paras(tcs(new_tr)[0], d)[0]
    replace_in_runs(lab, "４", "７")
    replace_in_runs(lab, "氏名", "法人番号")
    last.addnext(new_tr)
    set_bottom_borders(new_tr, last_borders)
    assert keii_label(tcs(new_tr)[0], d) == KEII_NEW_ROW
    # clause
    replace_in_runs(find_para(d, "以上の"), KEII_CLAUSE_OLD, KEII_CLAUSE_NEW)
    save_docx(d, os.path.join(outdir, "new.docx"))

    # ---- filled copies
    copies = {}
    for name, v in KEII_DATA.items():
        d = docx.Document(src)
        t0, t1 = body_tables(d)[0], body_tables(d)[1]
        rows0, rows1 = t0._tbl.tr_lst, t1._tbl.tr_lst
        items = []

        def fill(tr, lines=None, check=None, how="cell", label=None,
                 new_label=None, **rc):
            cells = tcs(tr)
            tc = cells[-1]
            if check is not None:
                check_first(tc, d, check)
            else:
                set_cell_lines(tc, d, lines)
            old = label or keii_label(cells[0], d)
            items.append(entry(old, new_label or old, cell_text(tc, d),
                               how=how, **rc))

        fill(rows0[0], check=v["assen_check"], how="check")
        fill(rows0[1], [v["kyoka"]], how="inline")
        fill(rows0[2], check=v["kubun_check"], how="check")
        fill(rows0[3], [v["shimei"]], new_label=KEII_RENAMED_NEW)
        fill(rows0[4], v["jusho"], how="inline")
        fill(rows0[7], [v["kyujin_gaku"]], how="inline",
             row="求人者", col="額")
        fill(rows0[8], [v["kyujin_meimoku"]], how="inline",
             row="求人者", col="名目")
        fill(rows1[0], check=v["toritsugi_check"], how="check")
        fill(rows1[1], [v["t_name"]])
        fill(rows1[2], [v["t_country"]])
        fill(rows1[3], v["t_addr"], how="inline")
        save_docx(d, os.path.join(outdir, name))
        copies[name] = items

    return {
        "form": "雇用の経緯に係る説明書",
        "source": KEII_SRC,
        "format": "docx",
        "edits": [
            {"kind": "rename", "what": "１ 職業紹介事業者の表「４　職業紹介事業者の氏名」→「４　職業紹介事業者の氏名又は名称」"},
            {"kind": "insert", "what": "１ 職業紹介事業者の表の末尾に行「７　職業紹介事業者の法人番号」を追加"},
            {"kind": "required", "what": "新しい行「７　職業紹介事業者の法人番号」は値欄が空で、移行後も申請者が記入する"},
            {"kind": "year", "what": "末尾の宣誓文の文言変更：「以上の１から３までの内容について事実と相違なく、記載漏れもありません。」（この様式に年度表記はない）"},
        ],
        "copies": copies,
        "new_required": [KEII_NEW_ROW],
        "changed_wording": ["事実と相違なく、記載漏れもありません。"],
    }


# ====================================================== 3 介護保険負担限度額認定申請書

KAIGO_SRC = "X市_介護保険負担限度額認定申請書.xlsx"
KAIGO_INSERT_AT = 13          # new row 13 (メールアドレス) under 住所
KAIGO_NEW_LABEL = "メールアドレス"
KAIGO_RENAME = ("H12", "連絡先", "連絡先（日中）")
KAIGO_CLAUSE_CELL = "B67"
KAIGO_CLAUSE_NEW = "\u3000記入欄が不足する場合は、別紙（様式任意）に記入の上添付してください。"

KAIGO_DATA = {
    "filled_1.xlsx": {
        "D6": "ヤマダ\u3000タロウ", "D7": "山田\u3000太郎", "I6": "0000000001",
        "I8": "000000000000", "C9": "明・大・昭\u3000\u3000２５年\u3000\u3000４月\u3000\u3000１日",
        "C10": "〒100－0013", "D11": "東京都千代田区霞が関一丁目１番１号", "I12": "03-0000-0000",
        "C37": "■", "E51": "3,500,000円", "H51": "1,000,000円", "K52": "200,000円",
        "A57": "山田\u3000花子", "I57": "03-0000-0001", "A59": "東京都千代田区霞が関一丁目１番１号",
        "K59": "妻",
    },
    "filled_2.xlsx": {
        "D6": "サトウ\u3000ハナコ", "D7": "佐藤\u3000花子", "I6": "0000000002",
        "I8": "111111111111", "C9": "明・大・昭\u3000\u3000１８年\u3000１１月\u3000\u3000３日",
        "C10": "〒100－0013", "D11": "東京都千代田区霞が関一丁目１番１号　サンプルハイツ１０１", "I12": "090-0000-0000",
        "C41": "■", "E51": "8,200,000円", "H51": "0円", "K52": "1,500,000円",
        "A57": "佐藤\u3000一郎", "I57": "03-0000-0002", "A59": "東京都千代田区霞が関一丁目１番１号",
        "K59": "長男",
    },
}
# cell -> (label cell, how)
KAIGO_LABELS = {
    "D6": ("A6", "cell"), "D7": ("A7", "cell"), "D11": ("A10", "cell"), "I6": ("H6", "cell"),
    "I8": ("H8", "cell"), "C9": ("A9", "inline"), "C10": ("A10", "cell"),
    "I12": ("H12", "cell"), "C37": ("D37", "check"), "C41": ("D41", "check"),
    "E51": ("C51", "unit"), "H51": ("F51", "unit"), "K52": ("I51", "unit"),
    "A57": ("A56", "cell"), "I57": ("I56", "cell"), "A59": ("A58", "cell"),
    "K59": ("K58", "cell"),
}


def xl_insert_row(ws, idx, style_row):
    """Insert one row before idx, keeping merged ranges, row heights and
    the styles of the rows that move; the new row copies style_row's cell
    styles (style_row is given in pre-insert numbering, < idx)."""
    max_row = ws.max_row
    heights = {r: ws.row_dimensions[r].height for r in range(idx, max_row + 1)}
    ws.insert_rows(idx)
    for r in ws.merged_cells.ranges:
        if r.min_row >= idx:
            r.shift(row_shift=1)
        elif r.max_row >= idx:
            r.expand(down=1)
    for r in range(idx, max_row + 2):
        ws.row_dimensions[r].height = None
    for r, h in heights.items():
        ws.row_dimensions[r + 1].height = h
    for col in range(1, ws.max_column + 1):
        src = ws.cell(style_row, col)
        dst = ws.cell(idx, col)
        dst._style = copy.copy(src._style)
    ws.row_dimensions[idx].height = ws.row_dimensions[style_row].height


def kaigo_new_coord(coord):
    """Where a cell of the old sheet is in the new one (rows from
    KAIGO_INSERT_AT on moved down by one)."""
    from openpyxl.utils.cell import coordinate_from_string
    col, row = coordinate_from_string(coord)
    return f"{col}{row + 1 if row >= KAIGO_INSERT_AT else row}"


def make_kaigo(outdir):
    src = os.path.join(TEMPLATES, KAIGO_SRC)
    shutil.copyfile(src, os.path.join(outdir, "old.xlsx"))
    old_ws = openpyxl.load_workbook(src).active

    def label(coord):
        v = old_ws[coord].value
        return str(v).split("\n")[0]

    # ---- new template
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    # unit (before the insert, old coordinates)
    for coord in ("E51", "H51", "K52"):
        assert ws[coord].value == "円"
        ws[coord].value = "千円"
    # rename
    coord, old, new = KAIGO_RENAME
    assert ws[coord].value == old
    ws[coord].value = new
    # remove 個人番号 of the insured (label H8 and its value cell I8:K8)
    assert ws["H8"].value == "個人番号"
    ws["H8"].value = None
    # clause in 注意事項 (3)
    assert "書き切れない場合" in ws[KAIGO_CLAUSE_CELL].value
    ws[KAIGO_CLAUSE_CELL].value = KAIGO_CLAUSE_NEW
    # insert a row メールアドレス under 住所 (new required field)
    xl_insert_row(ws, KAIGO_INSERT_AT, style_row=10)
    r = KAIGO_INSERT_AT
    ws.merge_cells(f"A{r}:B{r}")
    ws.merge_cells(f"C{r}:K{r}")
    ws[f"A{r}"].value = KAIGO_NEW_LABEL
    ws[f"A{r}"].alignment = copy.copy(ws["A9"].alignment)
    ws[f"A{r}"].font = copy.copy(ws["A9"].font)
    ws.row_dimensions[r].height = 18.75
    save_xlsx(wb, os.path.join(outdir, "new.xlsx"))

    # ---- filled copies
    copies = {}
    renamed = {KAIGO_RENAME[0]: KAIGO_RENAME[2]}
    for name, data in KAIGO_DATA.items():
        wb = openpyxl.load_workbook(src)
        ws = wb.active
        items = []
        for coord, value in data.items():
            ws[coord].value = value
            lab_coord, how = KAIGO_LABELS[coord]
            old_label = label(lab_coord)
            if coord == "I8":
                e = entry(old_label, None, value, None)
                e["old_cell"], e["new_cell"] = coord, None
                items.append(e)
                continue
            new_label = renamed.get(lab_coord, old_label)
            if how == "unit":
                e = entry(old_label, new_label, value, thousands(value))
            else:
                e = entry(old_label, new_label, value, how=how)
            e["old_cell"], e["new_cell"] = coord, kaigo_new_coord(coord)
            items.append(e)
        save_xlsx(wb, os.path.join(outdir, name))
        copies[name] = items

    return {
        "form": "介護保険負担限度額認定申請書",
        "source": KAIGO_SRC,
        "format": "xlsx",
        "edits": [
            {"kind": "unit", "what": "預貯金等の申告の 預貯金額・有価証券・その他 の単位が「円」から「千円」になった（値は1000で割る）"},
            {"kind": "rename", "what": "被保険者の住所欄の「連絡先」(H12) →「連絡先（日中）」（他の「連絡先」は変更なし）"},
            {"kind": "remove", "what": "被保険者の「個人番号」欄 (H8 と値欄 I8:K8) を削除（枠は残るが見出しも値もない）"},
            {"kind": "insert", "what": "住所の下に行「メールアドレス」を挿入（旧13行目以降が1行下がる）"},
            {"kind": "required", "what": "新しい行「メールアドレス」の値欄 C13:K13 は空"},
            {"kind": "year", "what": "注意事項(3)の文言変更：「記入欄が不足する場合は、別紙（様式任意）に記入の上添付してください。」"},
        ],
        "copies": copies,
        "new_required": [KAIGO_NEW_LABEL],
        "changed_wording": ["別紙（様式任意）"],
    }


# ====================================================== 4 役員等の一覧表

YAKUIN_SRC = "国交省_建設業許可_役員等の一覧表.xlsx"
YAKUIN_COLS = {"B": "氏", "AL": "名", "BT": "役\u3000\u3000名\u3000\u3000等",
               "EL": "常勤・非常勤の別"}
YAKUIN_RENAME = ("EL8", "常勤・非常勤の別", "常勤・非常勤の区分")
YAKUIN_NEW_COL = ("DG", "生\u3000年\u3000月\u3000日")
YAKUIN_FOOT_OLD = "「常勤・非常勤の別」の欄に記載することを要しない。"
YAKUIN_FOOT_NEW = "「常勤・非常勤の区分」及び「生年月日」の欄は空欄とすること。"
YAKUIN_DATA = {
    "filled_1.xlsx": [
        ("山田", "太郎", "代表取締役", "常勤"),
        ("佐藤", "花子", "取締役", "非常勤"),
        ("鈴木", "一郎", "株主等", None),
    ],
    "filled_2.xlsx": [
        ("高橋", "健一", "代表取締役", "常勤"),
        ("田中", "美咲", "監査役", "非常勤"),
        ("伊藤", "次郎", "顧問", "非常勤"),
    ],
}


def make_yakuin(outdir):
    src = os.path.join(TEMPLATES, YAKUIN_SRC)
    shutil.copyfile(src, os.path.join(outdir, "old.xlsx"))

    # ---- new template
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    coord, old, new = YAKUIN_RENAME
    assert ws[coord].value == old
    ws[coord].value = new
    foot = ws["B32"].value
    assert YAKUIN_FOOT_OLD in foot
    ws["B32"].value = foot.replace(YAKUIN_FOOT_OLD, YAKUIN_FOOT_NEW)
    # new required column 生年月日: 役名等 (BT:EK) is split into BT:DF and DG:EK
    from openpyxl.utils import column_index_from_string as ci
    from openpyxl.styles import Border
    for r in range(8, 32):
        ws.unmerge_cells(f"BT{r}:EK{r}")
        ws.merge_cells(f"BT{r}:DF{r}")
        ws.merge_cells(f"DG{r}:EK{r}")
        left = ws[f"BT{r}"]
        new_cell = ws[f"DG{r}"]
        new_cell._style = copy.copy(left._style)
        b = left.border
        for col in range(ci("BT"), ci("EK") + 1):
            c = ws.cell(r, col)
            c.border = Border(
                left=b.left if col in (ci("BT"), ci("DG")) else None,
                right=b.right if col in (ci("DF"), ci("EK")) else None,
                top=b.top, bottom=b.bottom)
    ws[f"{YAKUIN_NEW_COL[0]}8"].value = YAKUIN_NEW_COL[1]
    save_xlsx(wb, os.path.join(outdir, "new.xlsx"))

    # ---- filled copies
    copies = {}
    for name, people in YAKUIN_DATA.items():
        wb = openpyxl.load_workbook(src)
        ws = wb.active
        items = []
        for i, person in enumerate(people):
            r = 9 + i
            for col, value in zip(YAKUIN_COLS, person):
                if value is None:
                    continue
                ws[f"{col}{r}"].value = value
                head = YAKUIN_COLS[col]
                new_head = YAKUIN_RENAME[2] if head == YAKUIN_RENAME[1] else head
                e = entry(head, new_head, value, row=str(i + 1),
                          col=head, new_col=new_head)
                e["old_cell"] = e["new_cell"] = f"{col}{r}"
                items.append(e)
        save_xlsx(wb, os.path.join(outdir, name))
        copies[name] = items

    return {
        "form": "役員等の一覧表",
        "source": YAKUIN_SRC,
        "format": "xlsx",
        "edits": [
            {"kind": "rename", "what": "列見出し「常勤・非常勤の別」→「常勤・非常勤の区分」"},
            {"kind": "insert", "what": "列「生　年　月　日」を追加（役名等の列 BT:EK を BT:DF と DG:EK に分割）"},
            {"kind": "required", "what": "新しい列「生　年　月　日」は各行とも空（一覧表なので行番号ごとに記入が要る）"},
            {"kind": "year", "what": "脚注２の文言変更：「…「常勤・非常勤の区分」及び「生年月日」の欄は空欄とすること。」"},
        ],
        "copies": copies,
        "new_required": [YAKUIN_NEW_COL[1]],
        "changed_wording": ["及び「生年月日」の欄は空欄とすること"],
    }



# --------------------------------------------------------------- self-check

def docx_texts(path):
    """Texts of every table cell (whole text and first line) and every
    paragraph of a .docx."""
    d = docx.Document(path)
    cells, lines, body = set(), set(), []
    for tbl in d.element.body.iter(qn("w:tbl")):
        for tr in tbl.iter(qn("w:tr")):
            for tc in tcs(tr):
                t = cell_text(tc, d)
                cells.add(t)
                lines.add(t.split("\n")[0])
    for p in d.element.body.iter(qn("w:p")):
        body.append(Paragraph(p, d).text)
    return cells, lines, "\n".join(body)


def xlsx_texts(path):
    wb = openpyxl.load_workbook(path)
    cells, lines = set(), set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells.add(str(c.value))
                    lines.add(str(c.value).split("\n")[0])
    return cells, lines, "\n".join(cells)


_wb_cache = {}


def _ws(path):
    if path not in _wb_cache:
        _wb_cache[path] = openpyxl.load_workbook(path).active
    return _wb_cache[path]


def xlsx_cell_checks(slug, name, it):
    """The value sits in old_cell of the filled copy; in old.xlsx that cell
    is empty or holds only the printed unit; in new.xlsx new_cell exists
    (empty or unit) and the label is on the same row or column, or the
    field is gone (new_cell null: no label text left in that row)."""
    d = os.path.join(OUT, slug)
    out = []
    filled, old, new = (_ws(os.path.join(d, n)) for n in (name, "old.xlsx", "new.xlsx"))
    if filled[it["old_cell"]].value != it["value"]:
        out.append(f"{slug}/{name}: {it['old_cell']} != {it['value']!r}")
    if old[it["old_cell"]].value not in (None, "円", "□") and it.get("how") != "inline":
        out.append(f"{slug}/{name}: old {it['old_cell']} not blank")
    if it["new_cell"] is None:
        row = int("".join(ch for ch in it["old_cell"] if ch.isdigit()))
        left = [c.value for c in new[row] if c.value is not None]
        if any(it["old_label"] in str(v) for v in left):
            out.append(f"{slug}/{name}: removed {it['old_label']!r} still on row {row}")
    else:
        cell = new[it["new_cell"]]
        if cell.value not in (None, "千円", "□") and it.get("how") != "inline":
            out.append(f"{slug}/{name}: new {it['new_cell']} not blank: {cell.value!r}")
        near = [str(c.value).split("\n")[0] for c in new[cell.row] if c.value is not None]
        near += [str(c.value).split("\n")[0] for c in new[cell.column_letter] if c.value is not None]
        near += [str(c.value).split("\n")[0] for c in new[cell.row - 1] if c.value is not None]
        if it["new_label"] not in near:
            out.append(f"{slug}/{name}: {it['new_label']!r} not beside {it['new_cell']}")
    return out


def verify():
    import hashlib
    problems = []
    sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
    for slug, _ in FORMS:
        d = os.path.join(OUT, slug)
        exp = json.load(open(os.path.join(d, "expected.json"), encoding="utf-8"))
        ext = exp["format"]
        texts = docx_texts if ext == "docx" else xlsx_texts
        if sha(os.path.join(d, f"old.{ext}")) != sha(os.path.join(TEMPLATES, exp["source"])):
            problems.append(f"{slug}: old.{ext} differs from the template")
        old_cells, old_lines, old_all = texts(os.path.join(d, f"old.{ext}"))
        new_cells, new_lines, new_all = texts(os.path.join(d, f"new.{ext}"))
        kinds = {e["kind"] for e in exp["edits"]}
        for w in exp["changed_wording"]:
            if w not in new_all or w in old_all:
                problems.append(f"{slug}: wording {w!r} not new")
        for lab in exp["new_required"]:
            if lab not in new_lines or lab in old_lines:
                problems.append(f"{slug}: required {lab!r} not new")
        for name, items in exp["copies"].items():
            f_cells, _, _ = texts(os.path.join(d, name))
            if len(items) < 8:
                problems.append(f"{slug}/{name}: only {len(items)} values")
            for it in items:
                if it["value"] not in f_cells:
                    problems.append(f"{slug}/{name}: value {it['value']!r} not in a cell")
                if it["value"] in old_cells:
                    problems.append(f"{slug}/{name}: value {it['value']!r} already in old")
                if ext == "xlsx":
                    problems += xlsx_cell_checks(slug, name, it)
                for key in ("old_label", "row", "col"):
                    if it.get(key) and not it[key].isdigit() and it[key] not in old_lines:
                        problems.append(f"{slug}/{name}: {key} {it[key]!r} not in old")
                for key in ("new_label", "new_row", "new_col"):
                    if it.get(key) and not it[key].isdigit() and it[key] not in new_lines:
                        problems.append(f"{slug}/{name}: {key} {it[key]!r} not in new")
                if ext == "docx" and it["new_label"] is None and it["old_label"] in new_lines:
                    problems.append(f"{slug}/{name}: removed {it['old_label']!r} still in new")
                if it["new_value"] not in (None, it["value"]) and "千円" not in it["new_value"]:
                    problems.append(f"{slug}/{name}: odd new_value {it['new_value']!r}")
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return not problems


README = """\
# nextyear: migrate last year's filled form onto this year's template

Generated by `python3 scripts/make_next_year.py` (deletes and rewrites this
folder, deterministic: zip entries and docProps modified time are fixed).
Do not edit anything here by hand. Sources are the real blank forms in
/work/shared/templates (override with YOSHIKI_TEMPLATES); every file here is
one of them opened with python-docx/openpyxl, changed where needed, saved.
All filled data is made up (株式会社サンプル…, 山田　太郎, 霞が関一丁目１番１号,
03-0000-0000, …). The script ends with a self-check (values present in the
filled copies, labels/wording present in the new templates, old = original
bytes) and exits non-zero on a problem.

Per form folder: `old.*` = the real template (byte-identical copy),
`new.*` = next year's template, `filled_1.*` / `filled_2.*` = old template
filled with two different sets of made-up data, `expected.json`.

## expected.json

- `edits`: kind (rename, insert, remove, swap, move, year, unit, required)
  and a description. `year` is used for the changed clause: none of these
  forms prints a year or edition.
- `copies.<file>`: one entry per value written into that filled copy.
  `old_label` / `new_label`: label cell text as printed (first line).
  `value`: the whole text of the value cell after filling (for Word: the
  cell's paragraphs joined by "\\n"). `new_value`: what the cell must hold
  in the new template after migration. `new_label: null` and
  `new_value: null`: the field is gone, its value must be reported.
- `row` / `col` (old side) and `new_row` / `new_col` (new side): for cells
  of tables with row and column headers. In list tables without printed row
  headers (役員等の一覧表) `row` is the 1-based entry number.
- `how` (only when not a plain blank cell): `inline` = the applicant typed
  into blanks printed in the cell (〒　－, （　年　月　日）, （電話番号　－　－）,
  an amount before 円), so `value` includes the printed template text;
  `check` = a □ was changed to ■ (value is the whole option text).
- `old_cell` / `new_cell` (xlsx only): the value cell (top-left of its merged
  range) in the old and in the new sheet; labels such as 連絡先 and 個人番号
  occur more than once in 介護保険, so match by position too.
- `new_required`: new labelled fields with an empty value cell (must stay
  empty after migration and be reported as to-do).
- `changed_wording`: snippets found only in the new template.

Unit conversion: all amounts were chosen as exact multiples of 1,000 so that
円 → 千円 has one answer ("120,000,000円" → "120,000千円").

## Forms

### kikan_gaiyo — 特定技能所属機関概要書 (入管庁_特定技能所属機関概要書.docx)
- rename: 決算状況 row 「売上高」→「売上高（営業収益）」
- swap: rows 「経常損益」 and 「純損益」 exchange places
- move: row 「純資産」 leaves 決算状況 for a new table right after it,
  captioned 「（純資産の状況）」, with the same period columns
- unit: every amount cell 「円」→「千円」 (both tables)
- year (clause): （注意） of 所属役員 now says 「常勤・非常勤を問わず、」
- filled: 12 決算 values (4 rows × 前年度/前々年度/前々々年度) + 4 離職状況 counts = 16 per copy

### koyou_keii — 雇用の経緯に係る説明書 (入管庁_雇用の経緯に係る説明書.docx)
- rename: 「４　職業紹介事業者の氏名」→「４　職業紹介事業者の氏名又は名称」
- insert + required: new last row 「７　職業紹介事業者の法人番号」 (empty) in table 1
- year (clause): 「以上の１から３までの内容について事実と相違なく、記載漏れもありません。」
- filled: 11 per copy (□→■ choices, 許可番号（年月日）, 氏名, 住所/電話, 費用額/名目, 取次機関 name/country/address)

### kaigo_gendogaku — 介護保険負担限度額認定申請書 (X市_介護保険負担限度額認定申請書.xlsx)
- unit: 預貯金額 / 有価証券 / その他 「円」→「千円」
- rename: 被保険者の 「連絡先」 (H12) →「連絡先（日中）」 (the other 連絡先 stay)
- remove: 被保険者の 「個人番号」 (label H8, value I8:K8) is gone; the filled value must be reported
- insert + required: new row 13 「メールアドレス」 (A13:B13, value C13:K13 empty); old rows 13+ move down one
- year (clause): 注意事項(3) 「記入欄が不足する場合は、別紙（様式任意）に記入の上添付してください。」
- filled: 16 per copy

### yakuin_ichiran — 役員等の一覧表 (国交省_建設業許可_役員等の一覧表.xlsx)
- rename: column header 「常勤・非常勤の別」→「常勤・非常勤の区分」
- insert + required: new column 「生　年　月　日」 (役名等 BT:EK split into BT:DF and DG:EK), empty in every row
- year (clause): 脚注２ 「…「常勤・非常勤の区分」及び「生年月日」の欄は空欄とすること。」
- filled: 3 people × 氏/名/役名等/常勤・非常勤 (株主等 leaves 常勤 empty): 11 and 12
"""

# --------------------------------------------------------------- main

FORMS = [
    ("kikan_gaiyo", make_gaiyo),
    ("koyou_keii", make_keii),
    ("kaigo_gendogaku", make_kaigo),
    ("yakuin_ichiran", make_yakuin),
]


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(README)
    for slug, make in FORMS:
        outdir = os.path.join(OUT, slug)
        os.makedirs(outdir)
        expected = make(outdir)
        with open(os.path.join(outdir, "expected.json"), "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=2)
            f.write("\n")
        n = {k: len(v) for k, v in expected["copies"].items()}
        print(f"{slug}: {n}")
    if not verify():
        sys.exit(1)
    print("self-check ok")


if __name__ == "__main__":
    main()
