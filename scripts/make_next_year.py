#!/usr/bin/env python3
"""Next year's templates and last year's filled copies, for `migrate --to`
(issue "migrate for any call").

From four real blank forms of ../shared/templates (see its README), this
writes tests/fixtures/nextyear/<slug>/:
  old.<ext>        the published template, unchanged (last year's form)
  new.<ext>        "next year's" template: the old one edited the way issuers
                   edit between years (a label renamed, rows inserted,
                   removed and swapped, a field moved to another table, the
                   year and wording changed, 円 → 千円, a new required entry)
  filled_1.<ext>   last year's form filled in by an applicant (made-up data)
  filled_2.<ext>   another applicant's copy
  expected.json    what a migration must do: per copy, each value's old label
                   → new label and the value as it must read afterwards; the
                   new entries; the changed wording

Every file is made by opening the real file with python-docx / openpyxl and
changing only what is named here. Usage: python3 scripts/make_next_year.py
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import openpyxl
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "templates"
OUT = ROOT / "tests" / "fixtures" / "nextyear"


# ----------------------------------------------------------------- Word helpers

def cell_tc_unique(row):
    """The distinct cells of a row (merged cells once)."""
    out, seen = [], set()
    for c in row.cells:
        if id(c._tc) in seen:
            continue
        seen.add(id(c._tc))
        out.append(c)
    return out


def set_cell(cell, text):
    """Type into a cell: the first paragraph's first run (or a new run)
    gets the text, the cell's other runs are emptied."""
    p = cell.paragraphs[0]
    if p.runs:
        p.runs[0].text = text
        for r in p.runs[1:]:
            r.text = ""
    else:
        p.add_run(text)
    for extra in cell.paragraphs[1:]:
        for r in extra.runs:
            r.text = ""


def set_paragraph(p, text):
    if p.runs:
        p.runs[0].text = text
        for r in p.runs[1:]:
            r.text = ""
    else:
        p.add_run(text)


def replace_in_paragraph(p, old, new):
    """Replace text inside one paragraph (joined runs; the result goes into
    the first run, the formatting of the first run kept)."""
    text = p.text
    assert old in text, (old, text)
    set_paragraph(p, text.replace(old, new, 1))


def find_row(table, label):
    for r in table.rows:
        cells = cell_tc_unique(r)
        if cells and cells[0].text.strip().replace("\u3000", "") == label.replace("\u3000", ""):
            return r
    raise KeyError(label)


# ------------------------------------------------------------ 1. 雇用の経緯 (docx)

def keii(slug: str):
    src = SRC / "入管庁_雇用の経緯に係る説明書.docx"
    d = OUT / slug
    shutil.copy(src, d / "old.docx")

    # Next year's template.
    doc = Document(src)
    t0, t1 = doc.tables[0], doc.tables[1]
    # A field moved to another table: 職業紹介事業者の氏名 goes to the end of
    # the 取次機関 table (as an item the issuer regrouped).
    moved = find_row(t0, "４　職業紹介事業者の氏名")
    t1._tbl.append(moved._tr)
    # A row removed: 所在国.
    gone = find_row(t1, "３　所在国")
    gone._tr.getparent().remove(gone._tr)
    # A label renamed: 氏名又は名称 → 機関の氏名又は名称.
    renamed = find_row(t1, "２　氏名又は名称")
    set_cell(cell_tc_unique(renamed)[0], "２　取次機関の氏名又は名称")
    # A new required entry: 法人番号, a copy of the renamed row.
    new_row = copy.deepcopy(renamed._tr)
    t1._tbl.append(new_row)
    from docx.table import _Row
    nr = _Row(new_row, t1)
    set_cell(cell_tc_unique(nr)[0], "６　取次機関の法人番号")
    set_cell(cell_tc_unique(nr)[1], "")
    # 円 → 千円 in the amounts paid to the 職業紹介事業者.
    for r in t0.rows:
        for c in cell_tc_unique(r):
            for p in c.paragraphs:
                if p.text.strip().endswith("円）") or p.text.strip().endswith("円"):
                    if "千円" not in p.text:
                        replace_in_paragraph(p, "円", "千円")
    # The wording of the declaration changed.
    for p in doc.paragraphs:
        if p.text.startswith("以上の１から３までの内容について相違ありません。"):
            replace_in_paragraph(p, "以上の１から３までの内容について相違ありません。",
                                 "以上の１から３までの内容について相違ないことを誓約します。")
    doc.save(d / "new.docx")

    copies = {}
    for n, who in ((1, ("株式会社サンプル人材", "サンプル送出機関", "ベトナム", "1,500,000", "２", "株式会社サンプル商事", "令和６", "４", "１")),
                   (2, ("有限会社テスト紹介", "テスト海外人材センター", "フィリピン", "800,000", "１", "テスト工業株式会社", "令和６", "１０", "１５"))):
        agency, broker, country, fee, _, employer, era_year, month, day = who
        doc = Document(src)
        t0, t1 = doc.tables[0], doc.tables[1]
        set_cell(cell_tc_unique(find_row(t0, "４　職業紹介事業者の氏名"))[1], agency)
        set_cell(cell_tc_unique(find_row(t1, "２　氏名又は名称"))[1], broker)
        set_cell(cell_tc_unique(find_row(t1, "３　所在国"))[1], country)
        # The fee the employer paid: typed before the printed 円.
        fee_row = t0.rows[7]
        fee_cell = cell_tc_unique(fee_row)[-1]
        p = fee_cell.paragraphs[0]
        set_paragraph(p, f"{fee}円")
        for p in doc.paragraphs:
            if p.text.startswith("作成年月日："):
                set_paragraph(p, f"作成年月日：{era_year}年{month}月{day}日")
            if p.text.startswith("特定技能所属機関の氏名又は名称"):
                set_paragraph(p, f"特定技能所属機関の氏名又は名称　{employer}")
        doc.save(d / f"filled_{n}.docx")
        fee_k = f"{int(fee.replace(',', '')) // 1000:,}"
        copies[f"filled_{n}.docx"] = [
            {"old_label": "４　職業紹介事業者の氏名", "new_label": "４　職業紹介事業者の氏名", "value": agency, "new_value": agency},
            {"old_label": "２　氏名又は名称", "new_label": "２　取次機関の氏名又は名称", "value": broker, "new_value": broker},
            {"old_label": "３　所在国", "new_label": None, "value": country, "new_value": None},
            {"old_label": "額", "new_label": "額", "value": f"{fee}円", "new_value": f"{fee_k}千円"},
            {"old_label": "作成年月日：＿＿年＿＿月＿＿日", "new_label": "作成年月日：＿＿年＿＿月＿＿日",
             "value": f"作成年月日：{era_year}年{month}月{day}日", "new_value": f"作成年月日：{era_year}年{month}月{day}日"},
            {"old_label": "特定技能所属機関の氏名又は名称", "new_label": "特定技能所属機関の氏名又は名称",
             "value": employer, "new_value": f"特定技能所属機関の氏名又は名称　{employer}"},
        ]
    return {
        "form": "雇用の経緯に係る説明書（参考様式第１－１６号）",
        "format": "docx",
        "edits": [
            {"kind": "move", "what": "「４　職業紹介事業者の氏名」の行を取次機関の表の末尾へ移動"},
            {"kind": "remove", "what": "「３　所在国」の行を削除"},
            {"kind": "rename", "what": "「２　氏名又は名称」→「２　取次機関の氏名又は名称」"},
            {"kind": "required", "what": "「６　取次機関の法人番号」の行を追加"},
            {"kind": "unit", "what": "職業紹介事業者へ支払った費用の額を円から千円に"},
            {"kind": "year", "what": "末尾の確認文を「相違ないことを誓約します」に変更"},
        ],
        "copies": copies,
        "new_required": ["６　取次機関の法人番号"],
        "changed_wording": ["相違ないことを誓約します"],
    }


# --------------------------------------------------------- 2. 所属機関概要書 (docx)

def gaiyo(slug: str):
    src = SRC / "入管庁_特定技能所属機関概要書.docx"
    d = OUT / slug
    shutil.copy(src, d / "old.docx")
    doc = Document(src)
    t = doc.tables[1]  # 決算状況
    rows = {cell_tc_unique(r)[0].text.strip(): r for r in t.rows[1:]}
    # Renamed row, swapped rows, units in thousands, a new row.
    set_cell(cell_tc_unique(rows["経常損益"])[0], "経常利益")
    a, b = rows["純損益"]._tr, rows["純資産"]._tr
    a.addprevious(copy.deepcopy(b))
    b.addprevious(copy.deepcopy(a))
    a.getparent().remove(a)
    b.getparent().remove(b)
    for r in t.rows[1:]:
        for c in cell_tc_unique(r)[1:]:
            set_cell(c, "千円")
    extra = copy.deepcopy(t.rows[-1]._tr)
    t._tbl.append(extra)
    from docx.table import _Row
    er = _Row(extra, t)
    set_cell(cell_tc_unique(er)[0], "従業員数")
    for c in cell_tc_unique(er)[1:]:
        set_cell(c, "名")
    # The year the form cites.
    for p in doc.paragraphs:
        if p.text.startswith("２\u3000決算状況"):
            replace_in_paragraph(p, "決算状況", "決算状況（直近３事業年度、令和７年４月改正）")
    doc.save(d / "new.docx")

    copies = {}
    data = {
        1: {"売上高": ("120,000,000", "110,500,000"), "経常損益": ("8,000,000", "6,200,000"),
            "純損益": ("5,000,000", "4,100,000"), "純資産": ("30,000,000", "25,000,000")},
        2: {"売上高": ("45,000,000", "43,000,000"), "経常損益": ("1,200,000", "900,000"),
            "純損益": ("700,000", "500,000"), "純資産": ("9,000,000", "8,300,000")},
    }
    for n, values in data.items():
        doc = Document(src)
        t = doc.tables[1]
        expect = []
        for r in t.rows[1:]:
            cells = cell_tc_unique(r)
            label = cells[0].text.strip()
            if label not in values:
                continue
            for k, period in enumerate(("前年度", "前々年度")):
                v = values[label][k]
                set_cell(cells[1 + k], f"{v}円")
                new_label = {"経常損益": "経常利益"}.get(label, label)
                expect.append({
                    "old_label": f"{label}｜{period}", "new_label": f"{new_label}｜{period}",
                    "row": label, "col": period, "value": f"{v}円",
                    "new_value": f"{int(v.replace(',', '')) // 1000:,}千円",
                })
        doc.save(d / f"filled_{n}.docx")
        copies[f"filled_{n}.docx"] = expect
    return {
        "form": "特定技能所属機関概要書（参考様式第１－１１－１号）",
        "format": "docx",
        "edits": [
            {"kind": "rename", "what": "決算状況の「経常損益」→「経常利益」"},
            {"kind": "swap", "what": "「純損益」と「純資産」の行を入れ替え"},
            {"kind": "unit", "what": "決算状況の金額を円から千円に"},
            {"kind": "required", "what": "決算状況に「従業員数」の行を追加"},
            {"kind": "year", "what": "見出しに「令和７年４月改正」を追記"},
        ],
        "copies": copies,
        "new_required": ["従業員数｜前年度"],
        "changed_wording": ["令和７年４月改正"],
    }


# ------------------------------------------------------ 3. 雇用条件書 別紙 (docx)

def joken(slug: str):
    src = SRC / "入管庁_雇用条件書.docx"
    d = OUT / slug
    shutil.copy(src, d / "old.docx")
    doc = Document(src)
    ps = doc.paragraphs
    # 円 → 千円 in the monthly total; one deduction line removed; a new
    # line to fill in; the title's wording.
    for p in ps:
        if p.text.startswith("３．１か月当たりの支払概算額"):
            replace_in_paragraph(p, "円（合計）", "千円（合計）")
        if p.text.strip().startswith("(f) その他 （水道光熱費）"):
            p._p.getparent().remove(p._p)
    for p in ps:
        if p.text.strip().startswith("(e) 居\u3000住\u3000費"):
            new_p = copy.deepcopy(p._p)
            p._p.addnext(new_p)
            from docx.text.paragraph import Paragraph
            np = Paragraph(new_p, p._parent)
            set_paragraph(np, "\u3000\u3000(g) 通\u3000勤\u3000費\u3000\u3000\u3000\u3000\u3000  （約\u3000\u3000\u3000\u3000\u3000\u3000円）")
            break
    for p in doc.paragraphs:
        if p.text == "賃金の支払":
            set_paragraph(p, "賃金の支払（令和７年度改正版）")
    doc.save(d / "new.docx")

    copies = {}
    for n, (total, tax, social, water) in ((1, ("250,000", "8,000", "35,000", "4,000")),
                                           (2, ("198,000", "5,500", "28,000", "3,000"))):
        doc = Document(src)
        for p in doc.paragraphs:
            s = p.text.strip()
            if s.startswith("３．１か月当たりの支払概算額"):
                set_paragraph(p, f"３．１か月当たりの支払概算額（１＋２）\u3000\u3000約{total}円（合計）")
            elif s.startswith("(a) 税"):
                set_paragraph(p, p.text.replace("（約\u3000\u3000\u3000\u3000\u3000\u3000円）", f"（約{tax}円）"))
            elif s.startswith("(b) 社会保険料"):
                set_paragraph(p, p.text.replace("（約\u3000\u3000\u3000\u3000\u3000\u3000円）", f"（約{social}円）"))
            elif s.startswith("(f) その他 （水道光熱費）"):
                set_paragraph(p, p.text.replace("（約\u3000\u3000\u3000\u3000\u3000\u3000円）", f"（約{water}円）"))
        doc.save(d / f"filled_{n}.docx")
        total_k = f"{int(total.replace(',', '')) // 1000:,}"
        copies[f"filled_{n}.docx"] = [
            {"old_label": "３．１か月当たりの支払概算額", "new_label": "３．１か月当たりの支払概算額", "value": total, "new_value": total_k},
            {"old_label": "(a) 税金", "new_label": "(a) 税金", "value": tax, "new_value": tax},
            {"old_label": "(b) 社会保険料", "new_label": "(b) 社会保険料", "value": social, "new_value": social},
            {"old_label": "(f) その他 （水道光熱費）", "new_label": None, "value": water, "new_value": None},
        ]
    return {
        "form": "雇用条件書 別紙１ 賃金の支払（参考様式第１－６号）",
        "format": "docx",
        "edits": [
            {"kind": "unit", "what": "支払概算額を円から千円に"},
            {"kind": "remove", "what": "控除の「(f) その他 （水道光熱費）」の行を削除"},
            {"kind": "insert", "what": "控除に「(g) 通勤費」の行を追加"},
            {"kind": "year", "what": "「賃金の支払」の見出しに「令和７年度改正版」"},
        ],
        "copies": copies,
        "new_required": ["(g) 通勤費"],
        "changed_wording": ["令和７年度改正版"],
    }


# ------------------------------------------------------ 4. 介護保険 申請書 (xlsx)

def kaigo(slug: str):
    src = SRC / "X市_介護保険負担限度額認定申請書.xlsx"
    d = OUT / slug
    shutil.copy(src, d / "old.xlsx")
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    ws["A7"] = "被保険者の氏名"          # renamed
    ws["H6"], ws["H8"] = "個人番号", "\u3000被保険者番号"   # swapped
    # The facility's 連絡先 is removed; a new entry takes its place.
    ws["H14"] = "メールアドレス"
    ws["A1"] = "介護保険負担限度額認定申請書（令和７年度）"
    wb.save(d / "new.xlsx")

    copies = {}
    people = {1: ("ヤマダ\u3000タロウ", "山田\u3000太郎", "0001234567", "123456789012", "03-0000-0000", "03-1111-1111"),
              2: ("スズキ\u3000ハナコ", "鈴木\u3000花子", "0007654321", "210987654321", "06-0000-0000", "06-2222-2222")}
    for n, (kana, name, insured, mynumber, phone, phone2) in people.items():
        wb = openpyxl.load_workbook(src)
        ws = wb.active
        ws["C6"], ws["C7"], ws["I6"], ws["I8"], ws["I12"], ws["I14"] = kana, name, insured, mynumber, phone, phone2
        wb.save(d / f"filled_{n}.xlsx")
        copies[f"filled_{n}.xlsx"] = [
            {"old_label": "フ　リ　ガ　ナ", "new_label": "フ　リ　ガ　ナ", "value": kana, "new_value": kana, "new_cell": "C6"},
            {"old_label": "被保険者氏名", "new_label": "被保険者の氏名", "value": name, "new_value": name, "new_cell": "C7"},
            {"old_label": "被保険者番号", "new_label": "被保険者番号", "value": insured, "new_value": insured, "new_cell": "I8"},
            {"old_label": "個人番号", "new_label": "個人番号", "value": mynumber, "new_value": mynumber, "new_cell": "I6"},
            {"old_label": "連絡先", "new_label": "連絡先", "value": phone, "new_value": phone, "new_cell": "I12"},
            {"old_label": "連絡先", "new_label": None, "value": phone2, "new_value": None},
        ]
    return {
        "form": "介護保険負担限度額認定申請書",
        "format": "xlsx",
        "edits": [
            {"kind": "rename", "what": "「被保険者氏名」→「被保険者の氏名」"},
            {"kind": "swap", "what": "「被保険者番号」と「個人番号」の欄を入れ替え"},
            {"kind": "remove", "what": "入所施設の「連絡先」を削除"},
            {"kind": "required", "what": "その場所に「メールアドレス」の欄を追加"},
            {"kind": "year", "what": "表題に「（令和７年度）」"},
        ],
        "copies": copies,
        "new_required": ["メールアドレス"],
        "changed_wording": ["令和７年度"],
    }


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    for slug, make in (("keii", keii), ("gaiyo", gaiyo), ("joken", joken), ("kaigo", kaigo)):
        (OUT / slug).mkdir(parents=True)
        expected = make(slug)
        (OUT / slug / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (OUT / "README.md").write_text(README, encoding="utf-8")


README = """# Next year's templates (migrate --to)

Made by `python3 scripts/make_next_year.py` from real blank forms in
`../shared/templates/` (see its README for issuers and sources). Per form:
`old.*` is the published template unchanged, `new.*` the same template
edited as issuers edit between years, `filled_1.*` / `filled_2.*` the old
template filled in with made-up data, `expected.json` what a migration
must do (each value's old label → new label, the value afterwards, the new
entries, the changed wording). The edits per form are listed in each
`expected.json` under `edits`. Do not edit these files by hand: change the
script and run it again.
"""

if __name__ == "__main__":
    main()
