#!/usr/bin/env python3
"""Blank templates of four forms of other calls, and filled copies made by
editing them, for `learn` and `check --forms` (issue "any call").

Writes into tests/fixtures/calls/:
  templates/   the blank forms as an issuer publishes them
  filled/clean/       every form filled in correctly (one submission set)
  filled/<mistake>/   the clean set with one planted mistake (README.md lists them)

The forms are not the seeds' call:
  a. 企画提案書 of another call: 事業費 Ⅱ has nine items ①旅費 … ⑨その他諸経費, in 円
  b. 補助金交付申請書 with an 経費明細 table, 補助率 1/2 (申請額 = 対象経費 × 1/2,
     千円未満切捨て)
  c. an Excel 経費明細書 with merged label cells and a 合計 row
  d. 誓約書 with ☐ boxes and a 令和　年　月　日 line

Filled copies are made the way an applicant makes them: the blank template
is opened and its empty cells typed into (digits typed into the printed
「令和　年　月　日」, a ☐ overwritten with ■). Usage:
python3 scripts/make_call_templates.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from docx import Document
from openpyxl.styles import Alignment, Border, Side

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "calls"

BUDGET_ITEMS = [
    ("①旅費", "travel"),
    ("②会場費", "venue"),
    ("③謝金", "honoraria"),
    ("④備品費", "equipment"),
    ("⑤消耗品費", "consumables"),
    ("⑥印刷製本費", "printing"),
    ("⑦通信運搬費", "postage"),
    ("⑧借損料", "rental"),
    ("⑨その他諸経費", "misc"),
]

PLEDGE_CLAUSES = [
    "申請者は、暴力団員による不当な行為の防止等に関する法律に規定する暴力団員等に該当しないことを誓約します。",
    "申請者は、補助金等に係る予算の執行の適正化に関する法律その他の法令を遵守することを誓約します。",
    "申請書類に記載した内容は事実と相違ありません。",
]


def fixed_core(doc) -> None:
    """Same document properties on every run."""
    import datetime

    cp = doc.core_properties
    cp.author = "テスト市"
    cp.last_modified_by = "テスト市"
    cp.created = datetime.datetime(2026, 4, 1)
    cp.modified = datetime.datetime(2026, 4, 1)
    cp.revision = 1


def label_table(doc, rows):
    t = doc.add_table(rows=len(rows), cols=2)
    t.style = "Table Grid"
    for r, (label, value) in enumerate(rows):
        t.cell(r, 0).text = label
        t.cell(r, 1).text = value
    return t


# ---------------------------------------------------------------- templates


def proposal_template(path: Path) -> None:
    doc = Document()
    fixed_core(doc)
    doc.add_paragraph("（様式第２号）")
    doc.add_paragraph("企画提案書")
    doc.add_paragraph("令和　　年　　月　　日")
    label_table(
        doc,
        [
            ("件名", ""),
            ("提案者名", ""),
            ("担当者E-mail", ""),
            ("担当者電話番号", ""),
            ("受付番号※記載不要", ""),
        ],
    )
    doc.add_paragraph("１．事業の実施方法")
    doc.add_paragraph("＊実施方法を具体的に記載してください。")
    doc.add_paragraph("２．事業費（単位：円）")
    rows = [("Ⅰ人件費", "")] + [("Ⅱ事業費", "")] + [(l, "") for l, _ in BUDGET_ITEMS]
    rows += [("小計（Ⅰ＋Ⅱ）", ""), ("消費税", ""), ("合計", "")]
    label_table(doc, rows)
    doc.add_paragraph("本提案書に記載した内容は事実と相違ありません。")
    doc.save(path)


def subsidy_template(path: Path) -> None:
    doc = Document()
    fixed_core(doc)
    doc.add_paragraph("様式第１号（第５条関係）")
    doc.add_paragraph("テスト市地域活性化補助金交付申請書")
    doc.add_paragraph("令和　　年　　月　　日")
    doc.add_paragraph("テスト市長　殿")
    label_table(
        doc,
        [
            ("申請者住所", ""),
            ("申請者名称", ""),
            ("代表者氏名", ""),
            ("事業名", ""),
        ],
    )
    doc.add_paragraph("テスト市地域活性化補助金交付要綱第５条の規定により、下記のとおり補助金の交付を申請します。")
    doc.add_paragraph("経費明細（単位：円）")
    label_table(
        doc,
        [
            ("謝金", ""),
            ("旅費", ""),
            ("消耗品費", ""),
            ("補助対象経費合計", ""),
            ("補助金交付申請額", ""),
        ],
    )
    doc.add_paragraph("※補助金交付申請額は、補助対象経費合計の２分の１以内（千円未満切捨て）とする。")
    doc.save(path)


def expense_template(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "経費明細書"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["A1"] = "経費明細書"
    labels = [
        (3, "事業名"),
        (4, "申請者名"),
        (6, "人件費"),
        (7, "旅費"),
        (8, "備品費"),
        (9, "その他経費"),
        (10, "合計"),
    ]
    ws["A5"] = "費目"
    ws["C5"] = "金額（円）"
    ws.merge_cells("A5:B5")
    for row, label in labels:
        ws.cell(row=row, column=1, value=label)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        for col in (1, 2, 3):
            ws.cell(row=row, column=col).border = box
        ws.cell(row=row, column=1).alignment = Alignment(vertical="center")
    ws.column_dimensions["C"].width = 30
    wb.properties.creator = "テスト市"
    wb.save(path)


def pledge_template(path: Path) -> None:
    doc = Document()
    fixed_core(doc)
    doc.add_paragraph("（様式第４号）")
    doc.add_paragraph("誓約書")
    doc.add_paragraph("令和　　年　　月　　日")
    label_table(doc, [("件名", ""), ("住所", ""), ("氏名", "")])
    doc.add_paragraph("次の事項について、該当する□に印を付けて誓約します。")
    for c in PLEDGE_CLAUSES:
        doc.add_paragraph("□ " + c)
    doc.save(path)


# ---------------------------------------------------------------- filling


def fill_table_cells(doc, values: dict) -> None:
    """Type each value into the empty cell right of its label."""
    for t in doc.tables:
        for row in t.rows:
            label = row.cells[0].text.strip()
            if label in values and len(row.cells) > 1:
                row.cells[1].text = values[label]


def set_paragraph(doc, old: str, new: str) -> None:
    """Type over a printed paragraph (the date line, a ☐)."""
    for p in doc.paragraphs:
        if p.text.strip() == old:
            for r in p.runs[1:]:
                r.text = ""
            if p.runs:
                p.runs[0].text = new
            else:
                p.add_run(new)
            return
    raise SystemExit(f"paragraph not found: {old}")


def delete_paragraph(doc, text: str) -> None:
    for p in doc.paragraphs:
        if p.text.strip() == text:
            p._element.getparent().remove(p._element)
            return
    raise SystemExit(f"paragraph not found: {text}")


def delete_row(doc, label: str) -> None:
    for t in doc.tables:
        for row in t.rows:
            if row.cells[0].text.strip() == label:
                row._tr.getparent().remove(row._tr)
                return
    raise SystemExit(f"row not found: {label}")


TITLE = "テスト市地域交流拠点整備調査事業"
APPLICANT = "株式会社テスト総研"


def proposal_values() -> dict:
    items = [120000, 80000, 150000, 300000, 45000, 60000, 15000, 30000, 50000]
    project = sum(items)
    personnel = 2000000
    subtotal = personnel + project
    tax = subtotal // 10
    v = {
        "件名": TITLE,
        "提案者名": APPLICANT,
        "担当者E-mail": "sato@test-soken.example.jp",
        "担当者電話番号": "03-1234-5678",
        "Ⅰ人件費": f"{personnel:,}",
        "Ⅱ事業費": f"{project:,}",
        "小計（Ⅰ＋Ⅱ）": f"{subtotal:,}",
        "消費税": f"{tax:,}",
        "合計": f"{subtotal + tax:,}",
    }
    for (label, _), n in zip(BUDGET_ITEMS, items):
        v[label] = f"{n:,}"
    return v


def subsidy_values() -> dict:
    costs = {"謝金": 250000, "旅費": 133000, "消耗品費": 98765}
    total = sum(costs.values())
    grant = (total // 2) // 1000 * 1000
    v = {
        "申請者住所": "テスト市中央町一丁目２番３号",
        "申請者名称": APPLICANT,
        "代表者氏名": "代表取締役　佐藤　一郎",
        "事業名": TITLE,
        "補助対象経費合計": f"{total:,}",
        "補助金交付申請額": f"{grant:,}",
    }
    v.update({k: f"{n:,}" for k, n in costs.items()})
    return v


EXPENSE = {"事業名": TITLE, "申請者名": APPLICANT, "人件費": 500000, "旅費": 40000, "備品費": 120000, "その他経費": 15000}


def fill_proposal(src: Path, dst: Path, change=None) -> None:
    doc = Document(src)
    values = proposal_values()
    date = "令和８年５月１０日"
    if change:
        values, date = change(values, date, doc)
    fill_table_cells(doc, values)
    if date is not None:
        set_paragraph(doc, "令和　　年　　月　　日", date)
    doc.save(dst)


def fill_subsidy(src: Path, dst: Path, change=None) -> None:
    doc = Document(src)
    values = subsidy_values()
    date = "令和８年５月１２日"
    if change:
        values, date = change(values, date, doc)
    fill_table_cells(doc, values)
    if date is not None:
        set_paragraph(doc, "令和　　年　　月　　日", date)
    doc.save(dst)


def fill_pledge(src: Path, dst: Path, change=None) -> None:
    doc = Document(src)
    values = {"件名": TITLE, "住所": "テスト市中央町一丁目２番３号", "氏名": APPLICANT}
    date = "令和８年５月１２日"
    ticks = list(PLEDGE_CLAUSES)
    if change:
        values, date, ticks = change(values, date, ticks, doc)
    fill_table_cells(doc, values)
    if date is not None:
        set_paragraph(doc, "令和　　年　　月　　日", date)
    for c in ticks:
        set_paragraph(doc, "□ " + c, "■ " + c)
    doc.save(dst)


def fill_expense(src: Path, dst: Path, change=None) -> None:
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    values = dict(EXPENSE)
    if change:
        values = change(values)
    amounts = [v for k, v in values.items() if k in ("人件費", "旅費", "備品費", "その他経費")]
    total = values.pop("合計", None)
    if total is None:
        total = sum(a for a in amounts if isinstance(a, int))
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    for label, value in list(values.items()) + [("合計", total)]:
        ws.cell(row=rows[label], column=3, value=value)
    wb.save(dst)


# ------------------------------------------------------------- mistakes

MISTAKES = {}


def mistake(name: str, form: str, codes: str, note: str):
    def register(f):
        MISTAKES[name] = (form, codes, note, f)
        return f

    return register


@mistake("blank_title", "proposal", "REQ001", "件名が空欄")
def _(values, date, doc):
    values["件名"] = ""
    return values, date


@mistake("reception_number", "proposal", "REQ002", "受付番号（※記載不要）に記入")
def _(values, date, doc):
    values["受付番号※記載不要"] = "１２３"
    return values, date


@mistake("undated", "proposal", "REQ003", "日付が「令和８年　月　日」のまま")
def _(values, date, doc):
    return values, "令和８年　　月　　日"


@mistake("placeholder", "subsidy", "PH001", "代表者氏名に「○○　○○」が残っている")
def _(values, date, doc):
    values["代表者氏名"] = "代表取締役　○○　○○"
    return values, date


@mistake("email", "proposal", "FMT001", "E-mail が全角")
def _(values, date, doc):
    values["担当者E-mail"] = "ｓａｔｏ＠test-soken.example.jp"
    return values, date


@mistake("phone", "proposal", "FMT002", "電話番号の桁が足りない")
def _(values, date, doc):
    values["担当者電話番号"] = "03-1234-567"
    return values, date


@mistake("future_date", "subsidy", "FMT003", "申請日が令和９年（確認日より後）")
def _(values, date, doc):
    return values, "令和９年５月１２日"


@mistake("amount_word", "proposal", "FMT004", "④備品費に「未定」")
def _(values, date, doc):
    values["④備品費"] = "未定"
    return values, date


@mistake("nine_items", "proposal", "SUM002", "Ⅱ事業費が①〜⑨の合計と合わない（⑧が合計から漏れた）")
def _(values, date, doc):
    # ⑧ left out of Ⅱ; 小計, 消費税 and 合計 carried on from the wrong Ⅱ.
    personnel, project = 2000000, 820000
    subtotal = personnel + project
    values["Ⅱ事業費"] = f"{project:,}"
    values["小計（Ⅰ＋Ⅱ）"] = f"{subtotal:,}"
    values["消費税"] = f"{subtotal // 10:,}"
    values["合計"] = f"{subtotal + subtotal // 10:,}"
    return values, date


@mistake("grant_rate", "subsidy", "SUM003", "申請額が対象経費×1/2（千円未満切捨て）を超える")
def _(values, date, doc):
    values["補助金交付申請額"] = "250,000"
    return values, date


@mistake("title_differs", "subsidy", "XD001", "事業名が企画提案書の件名と違う")
def _(values, date, doc):
    values["事業名"] = "テスト市地域交流拠点整備事業"
    return values, date


@mistake("name_differs", "pledge", "XD002", "誓約書の氏名の法人名が提案者名と違う")
def _(values, date, ticks, doc):
    values["氏名"] = "株式会社テスト総合研究所"
    return values, date, ticks


@mistake("clause_edited", "pledge", "TPL001", "誓約文が書き換えられている")
def _(values, date, ticks, doc):
    old = PLEDGE_CLAUSES[0]
    set_paragraph(doc, "□ " + old, "□ " + old.replace("誓約します", "確認しました"))
    return values, date, [c for c in ticks if c != old]


@mistake("row_deleted", "subsidy", "TPL002", "経費明細の「旅費」の行が削除されている")
def _(values, date, doc):
    delete_row(doc, "旅費")
    values["補助対象経費合計"] = f"{250000 + 98765:,}"
    values["補助金交付申請額"] = f"{(250000 + 98765) // 2 // 1000 * 1000:,}"
    return values, date


@mistake("unticked", "pledge", "REQ001", "誓約の□に印がない")
def _(values, date, ticks, doc):
    return values, date, ticks[1:]


@mistake("expense_total", "expense", "SUM001", "経費明細書の合計が内訳の合計と合わない")
def _(values):
    values["合計"] = 700000
    return values


@mistake("expense_word", "expense", "FMT004", "経費明細書の備品費に「未定」")
def _(values):
    values["備品費"] = "未定"
    return values


def main() -> None:
    if ROOT.exists():
        for sub in ("templates", "filled"):
            shutil.rmtree(ROOT / sub, ignore_errors=True)
    tpl = ROOT / "templates"
    tpl.mkdir(parents=True, exist_ok=True)
    files = {
        "proposal": tpl / "様式第2号_企画提案書.docx",
        "subsidy": tpl / "様式第1号_補助金交付申請書.docx",
        "expense": tpl / "経費明細書.xlsx",
        "pledge": tpl / "様式第4号_誓約書.docx",
    }
    proposal_template(files["proposal"])
    subsidy_template(files["subsidy"])
    expense_template(files["expense"])
    pledge_template(files["pledge"])
    fillers = {"proposal": fill_proposal, "subsidy": fill_subsidy, "expense": fill_expense, "pledge": fill_pledge}

    def write_set(name: str, changed: str | None = None, change=None) -> None:
        out = ROOT / "filled" / name
        out.mkdir(parents=True, exist_ok=True)
        for form, src in files.items():
            fillers[form](src, out / src.name, change if form == changed else None)

    write_set("clean")
    expected = {"clean": {"file": None, "codes": []}}
    lines = [
        "# Filled copies of the four templates",
        "",
        "Written by `scripts/make_call_templates.py` by editing the blank",
        "templates in `templates/`. `filled/clean/` is one correct submission set;",
        "every other folder is that set with one planted mistake:",
        "",
        "| folder | form | expected | what |",
        "|---|---|---|---|",
    ]
    for name, (form, codes, note, change) in MISTAKES.items():
        write_set(name, form, change)
        lines.append(f"| `{name}` | {files[form].name} | {codes} | {note} |")
        expected[name] = {"file": files[form].name, "codes": codes.split(",")}
    (ROOT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ROOT / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
