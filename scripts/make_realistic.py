#!/usr/bin/env python3
"""Write tests/fixtures/realistic/: submissions of the six forms filled the
way applicants fill Word and Excel forms (issue 17), with a manifest of what
yoshiki must find and extract.

This builder is independent of scripts/gen_samples.py: it writes the forms
with its own code (python-docx + lxml for Word, openpyxl for Excel,
LibreOffice headless for round trips: docx -> odt -> docx, xlsx -> xls,
xlsx -> ods, and a hand-written HTML page saved as .xls). Template texts
(report clauses, roster notes, the 別記 conditions) are copied from the
call's seed into scripts/realistic_texts.json.

Each folder under tests/fixtures/realistic/ is one submission set (checked
as one set) with the yoshiki.toml of samples/clean/. manifest.json says per
set: the cause of issue 17 it exercises, the producer, whether it is clean
or has one planted mistake, and per file `must` (findings that must be
reported), `must_not` (codes that must not be reported) and `fields`
(canonical field paths with the value `extract --format json` must give).
See tests/fixtures/realistic/README.md.

Output is deterministic: fixed core properties and zip timestamps (the
LibreOffice outputs may differ in bytes between LibreOffice versions; the
binary .xls is written as LibreOffice writes it).

Usage: python3 scripts/make_realistic.py [--no-libreoffice]
"""
import copy
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree
from openpyxl.styles import Alignment

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "realistic"
TEXTS = json.loads((ROOT / "scripts" / "realistic_texts.json").read_text(encoding="utf-8"))
CONFIG = (ROOT / "samples" / "clean" / "yoshiki.toml").read_text(encoding="utf-8")
FIXED = datetime.datetime(2026, 10, 1, 9, 0, 0)
FIXED_ISO = "2026-10-01T09:00:00Z"
AS_OF = "2026-11-21"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
NSMAP = {"w": W_NS, "w14": W14_NS}

# --------------------------------------------------------------------------
# Values of one fictitious applicant (not the samples' applicant)
# --------------------------------------------------------------------------
TITLE = ("令和８年度地域中小企業人材確保支援等調査・分析（中小企業・小規模事業者における"
         "人材活躍の好循環創出プラットフォーム（仮称）構築及び人材活用ガイドライン改訂支援事業）")
APPLICANT = "株式会社あおば政策研究所"
REPRESENTATIVE = "代表取締役　中村　浩二"
ADDRESS = "宮城県仙台市青葉区一番町三丁目７番１号　青葉通ビル５階"
CONTACT = {
    "name": "渡辺　由佳", "kana": "わたなべ　ゆか", "department": "地域政策研究部",
    "position": "主任研究員", "phone": "022-215-3470", "email": "y.watanabe@aoba-seisaku.co.jp",
}

# Budgets in 千円 (様式２). HIGH: Ⅲ over 50% of 小計 (needs the 理由書);
# LOW: Ⅲ 18.75%; NONE: no subcontracting.
BUDGETS = {
    "HIGH": dict(personnel=4000, travel=650, venue=700, honoraria=350, assistant=300,
                 project=2000, subcontract=12000, admin=500, subtotal=18500, tax=1850, total=20350),
    "LOW": dict(personnel=9600, travel=800, venue=900, honoraria=400, assistant=300,
                project=2400, subcontract=3000, admin=1000, subtotal=16000, tax=1600, total=17600),
    "NONE": dict(personnel=11000, travel=800, venue=900, honoraria=400, assistant=300,
                 project=2400, subcontract=0, admin=1300, subtotal=14700, tax=1470, total=16170),
}
BUDGET_ROWS = [  # (label as in the seed, key, canonical field)
    ("Ⅰ　人件費", "personnel", "budget.personnel"),
    ("Ⅱ　事業費", "project", "budget.project_expenses"),
    ("①旅費", "travel", "budget.travel"),
    ("②会場費", "venue", "budget.venue"),
    ("③謝金", "honoraria", "budget.honoraria"),
    ("④補助職員人件費", "assistant", "budget.assistant_personnel"),
    ("Ⅲ　再委託・外注費", "subcontract", "budget.subcontract"),
    ("Ⅳ　一般管理費", "admin", "budget.general_admin"),
    ("小計", "subtotal", "budget.subtotal"),
    ("Ⅳ　消費税及び地方消費税", "tax", "budget.consumption_tax"),
    ("総額（※総額は委託予定額の上限内に収めて下さい。）", "total", "budget.total"),
]
BUDGET_HEADING = ("７．事業費総額（千円）※記載している費目は例示。募集要領９．（１）"
                  "経費の区分に応じて必要経費を記載すること。")

# 理由書 rows for BUDGETS["HIGH"]: 総額 20,350,000 円 (tax incl.), Ⅲ 13,200,000 円 incl. tax
SUBCONTRACTORS = [
    {"name": "株式会社みちのくリサーチ", "tier": "[再委託先]", "settle": "有", "amount": "8,800,000",
     "ratio": "43.2%", "method": "相見積もり（３者）", "reason": None,
     "scope": "東北６県の中小企業・小規模事業者１，５００社を対象とするアンケート調査の実施及び集計"},
    {"name": "一般社団法人東北地域人材機構", "tier": "[再委託先]", "settle": "無", "amount": "4,400,000",
     "ratio": "21.6%", "method": "一者選定",
     "reason": "理由：東北６県の商工団体と人材確保に関する連携協定を結び、地域ごとの支援事例を継続して"
               "収集している唯一の団体であり、短期間で２０件の事例ヒアリングを実施できるため。",
     "scope": "地域の支援機関及び中小企業への事例ヒアリング（２０件）及び事例原稿の作成"},
    {"name": "有限会社杜の都印刷", "tier": "[再々委託先]", "settle": "無", "amount": "1,650,000",
     "ratio": "＿", "method": "相見積もり（２者）", "reason": None,
     "scope": "改訂ガイドラインの印刷・製本及び発送"},
]
SUB_RATIO = "64.9％"

HANDLERS = [  # role, letter, name, address, birth, department, position, passport
    ["情報管理責任者（※１）", "Ａ", "木村　達也", "宮城県仙台市泉区七北田字大沢１２番地", "昭和４６年３月２２日",
     "地域政策研究部", "部長", ""],
    ["情報取扱管理者（※２）", "Ｂ", "渡辺　由佳", "宮城県仙台市太白区長町五丁目３番８号", "平成３年８月１０日",
     "地域政策研究部", "主任研究員", ""],
    ["", "Ｃ", "", "", "", "", "", ""],
    ["業務従事者（※３）", "Ｄ", "斎藤　健太", "宮城県名取市増田二丁目４番１５号", "平成６年１１月３日",
     "地域政策研究部", "研究員", ""],
    ["", "Ｅ", "加藤　里奈", "宮城県仙台市若林区荒町１０５番地", "1997年2月14日",
     "地域政策研究部", "研究補助員", ""],
    ["再委託先", "Ｆ", "佐々木　淳", "宮城県多賀城市中央一丁目９番２号", "昭和５７年６月３０日",
     "株式会社みちのくリサーチ　調査部", "課長", ""],
    ["", "Ｇ", "菅原　真理子", "山形県山形市香澄町二丁目１番５号", "昭和６２年１月１９日",
     "一般社団法人東北地域人材機構　事業部", "主任", ""],
]
HANDLER_COLS = ["name", "address", "birth_date", "department", "position", "passport_and_nationality"]
ROSTER_HEADER = ["", "", "氏名", "個人住所", "生年月日", "所属部署", "役職", "パスポート番号及び国籍（※４）"]
DIAGRAM = ("株式会社あおば政策研究所\n　情報管理責任者：Ａ（木村　達也）\n　　└ 情報取扱管理者：Ｂ（渡辺　由佳）\n"
           "　　　　└ 業務従事者：Ｄ（斎藤　健太）、Ｅ（加藤　里奈）\n再委託先\n"
           "　株式会社みちのくリサーチ：Ｆ（佐々木　淳）\n　一般社団法人東北地域人材機構：Ｇ（菅原　真理子）")

REPORT_DATE = "令和８年１０月２８日"
CONTRACT_DATE = "令和８年６月３日"
REPORT_ADDRESSEE = "中小企業庁長官官房総務課長　殿"
REPORT_STATUS = [  # items 2)..17): status, detail
    ("実施", "社内の情報セキュリティ規程を統一基準（令和７年度版）に合わせて改定済み。"),
    ("実施", ""),
    ("実施", "情報取扱者名簿のとおり従事者を限定し、担当職員に提示した。"),
    ("実施", "再委託契約書に１）～１７）の遵守を定めた。"),
    ("実施", ""), ("実施", ""), ("実施", ""), ("実施", ""),
    ("未実施", "理由：従事者への情報セキュリティ教育は令和８年１２月に実施する計画のため。"),
    ("実施", "インシデント発生時の連絡体制表を担当職員に提示した。"),
    ("実施", ""),
    ("該当なし", "理由：要機密情報を取り扱うクラウドサービスを調達しないため。"),
    ("実施", ""),
    ("該当なし", "理由：本業務では情報システムの設計・構築・運用を行わないため。"),
    ("該当なし", "理由：本業務ではアプリケーション・コンテンツの開発・作成を行わないため。"),
    ("該当なし", "理由：本業務ではウェブアプリケーションの構築・改修を行わないため。"),
]

PROPOSAL_TEXT = {
    "implementation_method": (
        "（１）人材活躍の好循環創出プラットフォーム（仮称）の構築\n"
        "　東北・北海道の支援機関、地域金融機関、大学及び中小企業が参画するプラットフォームを立ち上げ、"
        "年４回の地域会合を開催する。会合の企画、運営及び記録は当社が行う。\n"
        "（２）人材活用ガイドラインの改訂支援\n"
        "　中小企業１，５００社へのアンケート調査及び２０件の事例ヒアリングの結果を分析し、"
        "有識者検討会（３回）を経て改訂案を取りまとめる。\n"
        "（３）成果を高めるための提案\n"
        "　改訂ガイドラインの要点を１０分程度の解説動画にまとめ、参画機関を通じて周知する。"),
    "schedule": (
        "６月～７月：プラットフォーム参画機関の募集、第１回地域会合\n"
        "７月～１０月：アンケート調査、事例ヒアリング\n"
        "１０月～１月：有識者検討会（３回）、ガイドライン改訂案作成\n"
        "２月～３月：解説動画の作成、報告書の取りまとめ"),
    "track_record": (
        "・令和７年度東北地域の中小企業人材確保実態調査（東北経済産業局、令和７年度）\n"
        "・令和６年度地域企業の副業人材活用モデル事業（宮城県、令和６年度）\n"
        "・自主事業「東北の中小企業人材白書」（令和４年度から毎年発行）"),
    "organization": (
        "業務責任者：木村　達也（地域政策研究部長、地域経済調査の経験２０年）\n"
        "業務担当者：渡辺　由佳（主任研究員、中小企業の人材政策調査８年）、斎藤　健太（研究員）\n"
        "再委託先：株式会社みちのくリサーチ（アンケート調査の実施・集計）、"
        "一般社団法人東北地域人材機構（事例ヒアリング）"),
    "information_management": (
        "当社「情報セキュリティ基本規程」及び「個人情報取扱規程」に基づき管理する。\n"
        "情報管理体制図及び情報取扱者名簿は契約時に提出することを確約する。"),
    "wlb": "・くるみん認定（令和６年９月取得）",
}
PROPOSAL_HEADINGS = [
    ("１．事業の実施方法", "implementation_method"),
    ("２．実施スケジュール（１．の実施が月別に分かること）", "schedule"),
    ("３．事業実績", "track_record"),
    ("４．実施体制", "organization"),
    ("５．情報管理体制", "information_management"),
    ("６．ワーク・ライフ・バランス等推進企業に関する認定等の状況", "wlb"),
]

WORD_PLACEHOLDER = "ここをクリックまたはタップしてテキストを入力してください。"


def k(n):
    """千円 figure as people type it: 12,000"""
    return f"{n:,}"


# --------------------------------------------------------------------------
# Word helpers (python-docx + lxml)
# --------------------------------------------------------------------------
def new_doc():
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "ＭＳ 明朝"
    st.font.size = Pt(10.5)
    rpr = st.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), "ＭＳ 明朝")
    cp = d.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = ""
    cp.comments = ""
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED
    cp.revision = 1
    return d


def para(d, text="", align=None):
    p = d.add_paragraph()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            p.add_run().add_break()
        if line:
            p.add_run(line)
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def page_break(d):
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def set_cell(cell, text):
    """Cell text; '\n' starts a new paragraph (as typing Enter in Word)."""
    parts = text.split("\n")
    p0 = clear_cell(cell)
    if parts[0]:
        p0.add_run(parts[0])
    for t in parts[1:]:
        p = cell.add_paragraph()
        if t:
            p.add_run(t)
    return cell


def table(d, rows, ncols=None):
    ncols = ncols or max(len(r) for r in rows)
    t = d.add_table(rows=len(rows), cols=ncols)
    t.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v is not None:
                set_cell(t.cell(i, j), v)
    return t


def w(tag):
    return "{%s}%s" % (W_NS, tag.split(":")[1]) if tag.startswith("w:") else "{%s}%s" % (W14_NS, tag.split(":")[1])


def el(tag, attrs=None, text=None):
    e = etree.Element(w(tag))
    for a, v in (attrs or {}).items():
        e.set(w(a), v)
    if text is not None:
        e.text = text
        if text != text.strip():
            e.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return e


def run_el(text, rpr=None):
    r = el("w:r")
    if rpr is not None:
        r.append(rpr)
    r.append(el("w:t", text=text))
    return r


_sdt_id = [1000]


def sdt_id():
    _sdt_id[0] += 7919
    return str(-(_sdt_id[0] % 2000000000))


def checkbox_sdt(checked):
    """A run-level check-box content control as Word 2010+ writes it."""
    sdt = el("w:sdt")
    pr = etree.SubElement(sdt, w("w:sdtPr"))
    rpr = etree.SubElement(pr, w("w:rPr"))
    rpr.append(el("w:rFonts", {"w:ascii": "ＭＳ ゴシック", "w:eastAsia": "ＭＳ ゴシック", "w:hAnsi": "ＭＳ ゴシック", "w:hint": "eastAsia"}))
    pr.append(el("w:id", {"w:val": sdt_id()}))
    cb = etree.SubElement(pr, w("w14:checkbox"))
    cb.append(el("w14:checked", {"w14:val": "1" if checked else "0"}))
    cb.append(el("w14:checkedState", {"w14:val": "2612", "w14:font": "ＭＳ ゴシック"}))
    cb.append(el("w14:uncheckedState", {"w14:val": "2610", "w14:font": "ＭＳ ゴシック"}))
    content = etree.SubElement(sdt, w("w:sdtContent"))
    r_pr = el("w:rPr")
    r_pr.append(el("w:rFonts", {"w:ascii": "ＭＳ ゴシック", "w:eastAsia": "ＭＳ ゴシック", "w:hAnsi": "ＭＳ ゴシック", "w:hint": "eastAsia"}))
    content.append(run_el("☒" if checked else "☐", r_pr))
    return sdt


def text_sdt(text, showing_placeholder=False, alias=None):
    """A run-level plain-text content control; with showing_placeholder the
    control still shows Word's default prompt (nothing was typed)."""
    sdt = el("w:sdt")
    pr = etree.SubElement(sdt, w("w:sdtPr"))
    if alias:
        pr.append(el("w:alias", {"w:val": alias}))
        pr.append(el("w:tag", {"w:val": alias}))
    pr.append(el("w:id", {"w:val": sdt_id()}))
    ph = etree.SubElement(pr, w("w:placeholder"))
    ph.append(el("w:docPart", {"w:val": "DefaultPlaceholder_-1854013440"}))
    if showing_placeholder:
        pr.append(el("w:showingPlcHdr"))
    pr.append(el("w:text"))
    content = etree.SubElement(sdt, w("w:sdtContent"))
    if showing_placeholder:
        rpr = el("w:rPr")
        rpr.append(el("w:rStyle", {"w:val": "a3"}))
        rpr.append(el("w:color", {"w:val": "808080"}))
        content.append(run_el(WORD_PLACEHOLDER, rpr))
    else:
        content.append(run_el(text))
    return sdt


def ruby_run(base, reading):
    """<w:r><w:ruby>…</w:ruby></w:r> as Word writes ルビ (phonetic guide)."""
    r = el("w:r")
    ruby = etree.SubElement(r, w("w:ruby"))
    rp = etree.SubElement(ruby, w("w:rubyPr"))
    rp.append(el("w:rubyAlign", {"w:val": "distributeSpace"}))
    rp.append(el("w:hps", {"w:val": "10"}))
    rp.append(el("w:hpsRaise", {"w:val": "18"}))
    rp.append(el("w:hpsBaseText", {"w:val": "21"}))
    rp.append(el("w:lid", {"w:val": "ja-JP"}))
    rt = etree.SubElement(ruby, w("w:rt"))
    rrpr = el("w:rPr")
    rrpr.append(el("w:rFonts", {"w:hint": "eastAsia"}))
    rrpr.append(el("w:sz", {"w:val": "10"}))
    rt.append(run_el(reading, rrpr))
    base_el = etree.SubElement(ruby, w("w:rubyBase"))
    base_el.append(run_el(base))
    return r


def clear_cell(cell):
    p = cell.paragraphs[0]
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    return p


def hidden_run(text):
    rpr = el("w:rPr")
    rpr.append(el("w:vanish"))
    return run_el(text, rpr)


# --------------------------------------------------------------------------
# Forms as Word documents
# --------------------------------------------------------------------------
def application(d, *, name=APPLICANT, title_lines=None, phone=None, email=None,
                cells=None, name_cell=None):
    """様式１. `cells` maps a label to a callable(cell) that fills it
    differently (content controls, ruby); `name_cell` fills 氏名（ふりがな）."""
    para(d, "（様式１）", "right")
    table(d, [["受付番号\n※記載不要", ""]])
    para(d)
    para(d, "中小企業庁　あて")
    para(d)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = title_lines or [TITLE + "申請書"]
    for i, line in enumerate(lines):
        if i:
            p.add_run().add_break()
        p.add_run(line)
    para(d)
    rows = [
        ("申請者", "企業・団体名", name),
        ("", "代表者役職・氏名", REPRESENTATIVE),
        ("", "所在地", ADDRESS),
        ("連絡担当窓口", "氏名（ふりがな）", f"{CONTACT['name']}（{CONTACT['kana']}）"),
        ("", "所属（部署名）", CONTACT["department"]),
        ("", "役職", CONTACT["position"]),
        ("", "電話番号\n（代表・直通）", phone or CONTACT["phone"]),
        ("", "Ｅ－ｍａｉｌ", email or CONTACT["email"]),
    ]
    t = table(d, [[a, b, "" if (cells and b in cells) or (name_cell and b.startswith("氏名")) else c]
                  for a, b, c in rows])
    # the group labels span their rows (vertical merge, as in the template)
    t.cell(0, 0).merge(t.cell(2, 0))
    set_cell(t.cell(0, 0), "申請者")
    t.cell(3, 0).merge(t.cell(7, 0))
    set_cell(t.cell(3, 0), "連絡担当窓口")
    for i, (_, label, _) in enumerate(rows):
        if cells and label in cells:
            cells[label](t.cell(i, 2))
        if name_cell and label.startswith("氏名"):
            name_cell(t.cell(i, 2))
    return t


def budget_cells(b, override=None):
    vals = {key: k(b[key]) for _, key, _ in BUDGET_ROWS}
    vals.update(override or {})
    return vals


def proposal(d, *, budget="HIGH", title=None, texts=None, budget_mode="table",
             override=None, extra_rows=None, label_override=None, hidden_after=None):
    """様式２. budget_mode 'table' (７．in the document) or 'excel' (the
    heading of 7. points to the workbook of the same set)."""
    para(d, "（様式２）", "right")
    table(d, [["受付番号\n※記載不要", ""]])
    para(d)
    para(d)
    para(d, (title or TITLE) + "企画提案書", "center")
    para(d)
    tx = dict(PROPOSAL_TEXT)
    tx.update(texts or {})
    for heading, key in PROPOSAL_HEADINGS:
        table(d, [[heading], [tx[key]]])
        para(d)
    if budget_mode == "excel":
        table(d, [[BUDGET_HEADING], ["別添「様式２_７．事業費総額.xlsx」のとおり。"]])
        return None
    vals = budget_cells(BUDGETS[budget], override)
    rows = [[BUDGET_HEADING, ""]]
    for label, key, _ in BUDGET_ROWS:
        lab = (label_override or {}).get(key, label)
        rows.append([lab, vals[key]])
        if extra_rows and key in extra_rows:
            rows.extend(extra_rows[key])
    t = table(d, rows)
    t.cell(0, 0).merge(t.cell(0, 1))
    set_cell(t.cell(0, 0), BUDGET_HEADING)
    if hidden_after:
        for i, (label, key, _) in enumerate(BUDGET_ROWS):
            if key in hidden_after:
                t.cell(i + 1, 1).paragraphs[0]._p.append(hidden_run(hidden_after[key]))
    return t


def reason(d, *, name=APPLICANT, title=None, rows=None, blank=False, ratio=SUB_RATIO):
    """別添 再委託費率が５０％を超える理由書 (blank: the template as issued)."""
    para(d, "別添")
    para(d, "再委託費率が５０％を超える理由書", "center")
    para(d)
    if blank:
        para(d, "　　　　　　　　　　　　　　　　　　住          所")
        para(d, "                                    名　　　　　称")
        para(d, "　　　　　　　　　　　　　　　　　　代 表 者 氏 名　")
    else:
        para(d, "　　　　　　　　　　　　　　　　　　住          所　" + ADDRESS)
        para(d, "                                    名　　　　　称　" + name)
        para(d, "　　　　　　　　　　　　　　　　　　代 表 者 氏 名　" + REPRESENTATIVE)
    para(d)
    para(d, "１．件名")
    table(d, [[title or TITLE], [""], [""]])
    para(d)
    para(d, "２．本事業における再委託を有する事業類型")
    para(d, "※「８．契約について（２）再委託比率が５０％を超える場合」に記載のある事業類型「Ⅰ」「Ⅱ」「Ⅲ」のいずれかを記載してください。")
    para(d, "※また、特段の定めがない場合は、「－」を記載してください。")
    table(d, [["" if blank else "Ⅱ"]])
    para(d)
    para(d, "３．本事業における主要な業務（事業全体の企画及び立案並びに根幹に関わる執行管理）の内容")
    para(d, "　　※「２．本事業における再委託を有する事業類型」に対して、提案内容が合致する理由も含めてご記入ください。")
    para(d, "　　　「ー」を選択した場合は、事業類型に合致する理由の記載は不要です。")
    main = ("＜記載例＞\n本事業における主要な業務は、・・・・であり、その他関連業務として・・・・を実施する上で、"
            "事業類型（Ⅰ、Ⅱ、Ⅲ）が示すように、（落札者）と委託、外注先の業務体系が（事業類型Ⅰ～Ⅲの内容）"
            "のような関係となる。") if blank else (
        "本事業における主要な業務は、プラットフォームの企画・運営及びガイドライン改訂案の作成であり、"
        "その他関連業務としてアンケート調査及び事例ヒアリングを実施する。事業類型Ⅱが示すように、"
        "当社が調査設計と分析を行い、再委託先は調査の実施に限る関係となる。")
    table(d, [[main]])
    para(d)
    para(d, "４．再委託費率")
    para(d, "　　※再委託（契約書上の再委託：第7条1項（消費税込み））÷総額（消費税込み）×１００により算出した率。")
    table(d, [["●●．●％" if blank else ratio]])
    para(d)
    para(d, "５．再委託先（再々委託先及びそれ以下の委託先を含む）及び契約金額等")
    head = ["再委託名", "精算の有無", "契約金額（見込み）（円）", "比率", "再委託先の選定方法又は理由※", "業務の内容及び範囲"]
    if blank:
        body = [
            ["【例】未定\n[再委託先]", "無", "10,000,000", "20.0%", "相見積もり", "・・・・等の各種データ収集・提供"],
            ["【例】○○（株）\n[再委託先]", "有", "20,000,000", "40.0%",
             "一者選定\n理由：〇〇（株）については、・・・を実施出来る唯一の事業者であるため等。", "コールセンター"],
            ["【例】△△（株）\n[再々委託先]", "無", "　　2,000,000", "＿", "○○ ", "・・・・"],
            ["【例】□□（株）\n[再々委託先]", "無", "    3,000,000", "＿", "○○", "・・・・"],
            [""] * 6,
        ]
    else:
        body = []
        for s in (rows or SUBCONTRACTORS):
            sel = s["method"] + ("\n" + s["reason"] if s.get("reason") is not None else "")
            body.append([s["name"] + "\n" + s["tier"], s["settle"], s["amount"], s["ratio"], sel, s["scope"]])
        body.append([""] * 6)
    table(d, [head] + body)
    for line in ["※グループ企業（委託事業事務処理マニュアル３ページに記載のグループ企業をいう。）との取引であることのみを選定理由とすることは認められません。",
                 "　　　※金額は消費税を含む金額とする。",
                 "　　　※再委託先、再々委託先及びそれ以下の委託先の契約金額を含めた情報を記載すること。",
                 "　　　※比率は、事業費総額に対する再委託の割合（再々委託先及びそれ以下の委託先は記入不要）",
                 "　　　※一者選定の場合は、当該事業者でなければ事業を実施出来ない理由を記載すること。"]:
        para(d, line)
    para(d)
    para(d, "６．履行体制図")
    diagram = ("【例】□□株式会社\n\n△△株式会社\n\n○○株式会社\n\n未定\n\n株式会社○○（提案者）\n株式会社○○（提案者）"
               if blank else
               "株式会社あおば政策研究所（提案者）\n　├─ 株式会社みちのくリサーチ［再委託先：アンケート調査］\n"
               "　│　　└─ 有限会社杜の都印刷［再々委託先：印刷・発送］\n"
               "　└─ 一般社団法人東北地域人材機構［再委託先：事例ヒアリング］")
    table(d, [[diagram]])
    para(d)
    para(d, "７．再委託（再々委託及びそれ以下の委託を含む）が必要である理由及び選定理由")
    reasons = ("＜記載例＞\n○○調査事業の性格上、・・・・・・・の要素が、事業実施の上では必要不可欠であり、再委託・外注をせざるを得ない。"
               "その上、以下のような事業者へそれぞれ必要な内容の再委託・外注をする。\n"
               "●●（株）：・・・分野における各種データ収集・分析については、●●（株）の有する・・・・・を活用して実施することが必要不可欠であるため、●●（株）に再委託する。\n"
               "○○（株）：\n△△（株）：\n■■（株）：\n▲▲（株）：") if blank else (
        "東北６県で１，５００社規模のアンケート調査と２０件の事例ヒアリングを短期間に行うには、"
        "調査員網と地域の支援機関との連携が不可欠であり、再委託をせざるを得ない。\n"
        "株式会社みちのくリサーチ：東北全域の調査員網と集計基盤を有し、相見積もり３者の中で最も低廉であったため。\n"
        "一般社団法人東北地域人材機構：東北６県の商工団体と連携協定を結ぶ唯一の団体であるため。")
    table(d, [[reasons], [""], [""]])
    para(d)
    para(d, "　　　※本理由書は開示請求があった場合は、原則開示となる文書であることを前提に記入すること。")
    para(d, "※再委託費率が５０％を超える理由書は開示請求があった場合は、原則開示となる文書となるため、不開示情報に該当すると想定される情報が含まれる場合は、該当部分を（別紙）として本紙の様式に沿って分けて作成すること。")


def roster_rows(handlers):
    return [[h[0], h[1]] + h[2:8] for h in handlers]


def roster_docx(d, handlers=None, diagram=DIAGRAM, blank=False):
    """別添様式 情報取扱者名簿及び情報管理体制図 as a Word table."""
    hs = handlers if handlers is not None else HANDLERS
    if blank:
        hs = [[r, l, "", "", "", "", "", ""] for r, l in
              [("情報管理責任者（※１）", "Ａ"), ("情報取扱管理者（※２）", "Ｂ"), ("", "Ｃ"),
               ("業務従事者（※３）", "Ｄ"), ("", "Ｅ"), ("再委託先", "Ｆ")]]
        diagram = ""
    para(d, "（別添様式）")
    para(d, "情報取扱者名簿及び情報管理体制図", "center")
    para(d)
    para(d, "①情報取扱者名簿")
    t = table(d, [ROSTER_HEADER] + roster_rows(hs))
    # merge the role label over its rows
    start = None
    for i in range(1, len(hs) + 2):
        label = hs[i - 1][0] if i <= len(hs) else "END"
        if label:
            if start is not None and i - 1 > start:
                text = hs[start - 1][0]
                t.cell(start, 0).merge(t.cell(i - 1, 0))
                set_cell(t.cell(start, 0), text)
            start = i
    para(d)
    for n in TEXTS["roster_notes"]:
        para(d, n)
    para(d)
    para(d, "②情報管理体制図")
    table(d, [[diagram if diagram else "（例）情報取扱者\n\n\n"]])
    para(d)
    para(d, "【情報管理体制図に記載すべき事項】")
    para(d, "・本事業の遂行にあたって保護すべき情報を取り扱う全ての者。（再委託先も含む。）")
    para(d, "・本事業の遂行のため最低限必要な範囲で情報取扱者を設定し記載すること。")


def terms(d):
    for line in TEXTS["terms"]:
        para(d, line)


def report_items(clause2=None):
    items = [list(x) for x in TEXTS["report_items"]]
    if clause2:
        items[0][1] = clause2
    return items


def status_sdt_para(cell, ticked):
    """☒実施　☐未実施　☐該当なし with Word check-box controls."""
    p = clear_cell(cell)
    for i, word in enumerate(["実施", "未実施", "該当なし"]):
        if i:
            p._p.append(run_el("　"))
        p._p.append(checkbox_sdt(word in ticked))
        p._p.append(run_el(word))
    return p


def report(d, *, name=APPLICANT, status=None, mode="word", marks=None, clause2=None,
           blank=False, besshi=None, detail_override=None):
    """別紙 実施状況報告書 (r7). mode: 'word' (status word typed), 'sdt'
    (Word check-box controls; `marks[i]` = set of ticked words), 'typed'
    (`marks[i]` = the typed text of the first line)."""
    st = [list(x) for x in (status or REPORT_STATUS)]
    for i, v in (detail_override or {}).items():
        st[i][1] = v
    para(d, "別紙")
    para(d)
    para(d, "令和    年    月     日" if blank else REPORT_DATE, "right")
    para(d)
    para(d, REPORT_ADDRESSEE)
    para(d)
    if blank:
        para(d, "住　　　　　所", "right")
        para(d, "　　　 名　　　　　称", "right")
        para(d, "　　　　　　　　　代 表 者 氏 名", "right")
    else:
        para(d, "　　　　　　　　　　　　　　　　住　　　　　所　" + ADDRESS)
        para(d, "　　　　　　　　　　　　　　　　名　　　　　称　" + name)
        para(d, "　　　　　　　　　　　　　　　　代 表 者 氏 名　" + REPRESENTATIVE)
    para(d)
    para(d, "情報セキュリティに関する事項の遵守の方法の実施状況報告書", "center")
    para(d)
    para(d, "　情報セキュリティに関する事項１）の規定に基づき、下記のとおり報告します。")
    para(d)
    para(d, "記", "center")
    para(d)
    para(d, "１．契約件名等")
    table(d, [["契約締結日", "" if blank else CONTRACT_DATE], ["契約件名", "" if blank else TITLE]])
    para(d)
    para(d, "２．報告事項")
    items = report_items(clause2)
    rows = [["項目", "確認事項", "実施状況"]]
    for (num, clause), (s, det) in zip(items, st):
        rows.append(["情報セキュリティに関する事項\n" + num, clause, ""])
    t = table(d, rows)
    if not blank:
        for i, (s, det) in enumerate(st):
            cell = t.cell(i + 1, 2)
            if mode == "sdt":
                status_sdt_para(cell, marks[i] if marks and i in marks else {s})
                if det:
                    cell.add_paragraph(det)
            elif mode == "typed":
                set_cell(cell, marks[i] + ("\n" + det if det else ""))
            else:
                set_cell(cell, s + ("\n" + det if det else ""))
    para(d)
    para(d)
    for line in TEXTS["report_guide"]:
        para(d, line)
    if besshi:
        page_break(d)
        para(d, "別葉")
        para(d, "「未実施」又は「該当なし」とした項目の理由")
        table(d, [["項目", "理由"]] + besshi)


def save_doc(d, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    normalize_zip(path)


# --------------------------------------------------------------------------
# Excel (openpyxl)
# --------------------------------------------------------------------------
def new_wb():
    wb = openpyxl.Workbook()
    wb.properties.creator = ""
    wb.properties.lastModifiedBy = ""
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


WRAP = Alignment(wrap_text=True, vertical="top")


# The era date format of date cells: Excel's 元年 form by default; the
# .ods variants use the [$-411] form, which LibreOffice Calc reads as an era
# date (it stores the 元年 form as a plain number shown as 46176).
ERA_FORMAT = ['[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@']
ERA_FORMAT_LO = '[$-411]ggge"年"m"月"d"日";@'


def roster_sheet(ws, handlers=None, diagram=DIAGRAM, date_cells=None, diagram_here=True):
    hs = handlers if handlers is not None else HANDLERS
    ws["A1"] = "（別添様式）"
    ws["A2"] = "情報取扱者名簿及び情報管理体制図"
    ws.merge_cells("A2:H2")
    ws["A4"] = "①情報取扱者名簿"
    for j, v in enumerate(ROSTER_HEADER):
        if v:
            ws.cell(row=5, column=j + 1, value=v)
    r0 = 6
    for i, h in enumerate(hs):
        for j, v in enumerate(h):
            if v:
                c = ws.cell(row=r0 + i, column=j + 1, value=v)
                c.alignment = WRAP
        if date_cells and i in date_cells:
            c = ws.cell(row=r0 + i, column=5, value=date_cells[i])
            c.number_format = ERA_FORMAT[0]
    # role labels span their rows
    start = None
    for i in range(len(hs) + 1):
        label = hs[i][0] if i < len(hs) else "END"
        if label:
            if start is not None and i - 1 > start:
                ws.merge_cells(start_row=r0 + start, start_column=1, end_row=r0 + i - 1, end_column=1)
            start = i
    r = r0 + len(hs) + 1
    for n in TEXTS["roster_notes"]:
        ws.cell(row=r, column=1, value=n)
        r += 1
    r += 1
    ws.cell(row=r, column=1, value="②情報管理体制図")
    if diagram_here:
        ws.cell(row=r + 1, column=1, value=diagram).alignment = WRAP
        ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 10, end_column=8)
    else:
        ws.cell(row=r + 1, column=1, value="別シート「情報管理体制図」のとおり")
    r += 12
    ws.cell(row=r, column=1, value="【情報管理体制図に記載すべき事項】")
    ws.cell(row=r + 1, column=1, value="・本事業の遂行にあたって保護すべき情報を取り扱う全ての者。（再委託先も含む。）")
    ws.cell(row=r + 2, column=1, value="・本事業の遂行のため最低限必要な範囲で情報取扱者を設定し記載すること。")
    for col, wdt in zip("ABCDEFGH", [22, 5, 16, 36, 18, 30, 14, 24]):
        ws.column_dimensions[col].width = wdt


def budget_sheet(ws, b, override=None, label_in_cell=None, title=True):
    """様式２ ７．事業費総額 in a workbook of its own (labels in A, figures in B)."""
    vals = budget_cells(b, override)
    r = 1
    if title:
        ws["A1"] = "（様式２）別添"
        ws["A2"] = TITLE + "企画提案書"
        r = 4
    ws.cell(row=r, column=1, value=BUDGET_HEADING)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    for label, key, _ in BUDGET_ROWS:
        r += 1
        if label_in_cell and key in label_in_cell:
            ws.cell(row=r, column=1, value=label_in_cell[key])
            continue
        ws.cell(row=r, column=1, value=label)
        ws.cell(row=r, column=2, value=vals[key])
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 16


def report_sheet(ws, *, marks=None, status=None, clause2=None, date_cells=False,
                 report_date=datetime.datetime(2026, 10, 28)):
    st = [list(x) for x in (status or REPORT_STATUS)]
    ws["A1"] = "別紙"
    if date_cells:
        ws["C3"] = report_date
        ws["C3"].number_format = ERA_FORMAT[0]
    else:
        ws["C3"] = REPORT_DATE
    ws["A5"] = REPORT_ADDRESSEE
    ws["B7"], ws["C7"] = "住所", ADDRESS
    ws["B8"], ws["C8"] = "名称", APPLICANT
    ws["B9"], ws["C9"] = "代表者氏名", REPRESENTATIVE
    ws["A11"] = "情報セキュリティに関する事項の遵守の方法の実施状況報告書"
    ws.merge_cells("A11:C11")
    ws["A13"] = "　情報セキュリティに関する事項１）の規定に基づき、下記のとおり報告します。"
    ws["A15"] = "記"
    ws["A17"] = "１．契約件名等"
    ws["A18"] = "契約締結日"
    if date_cells:
        ws["B18"] = datetime.datetime(2026, 6, 3)
        ws["B18"].number_format = ERA_FORMAT[0]
    else:
        ws["B18"] = CONTRACT_DATE
    ws["A19"], ws["B19"] = "契約件名", TITLE
    ws["A21"] = "２．報告事項"
    ws["A22"], ws["B22"], ws["C22"] = "項目", "確認事項", "実施状況"
    r = 23
    for i, ((num, clause), (s, det)) in enumerate(zip(report_items(clause2), st)):
        ws.cell(row=r, column=1, value="情報セキュリティに関する事項\n" + num).alignment = WRAP
        ws.cell(row=r, column=2, value=clause).alignment = WRAP
        first = marks[i] if marks else s
        ws.cell(row=r, column=3, value=first + ("\n" + det if det else "")).alignment = WRAP
        r += 1
    r += 1
    for line in TEXTS["report_guide"]:
        ws.cell(row=r, column=1, value=line)
        r += 1
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 40


def save_wb(wb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    normalize_zip(path)


# --------------------------------------------------------------------------
# Determinism and LibreOffice
# --------------------------------------------------------------------------
DATE_RE = [
    (re.compile(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)"), r"\g<1>" + FIXED_ISO + r"\g<2>"),
    (re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"), r"\g<1>" + FIXED_ISO + r"\g<2>"),
    (re.compile(r"(<cp:lastPrinted>)[^<]*(</cp:lastPrinted>)"), r"\g<1>2026-10-01T09:00:00Z\g<2>"),
    (re.compile(r"(<meta:creation-date>)[^<]*(</meta:creation-date>)"), r"\g<1>2026-10-01T09:00:00\g<2>"),
    (re.compile(r"(<dc:date>)[^<]*(</dc:date>)"), r"\g<1>2026-10-01T09:00:00\g<2>"),
    (re.compile(r"(<meta:editing-duration>)[^<]*(</meta:editing-duration>)"), r"\g<1>PT0S\g<2>"),
    (re.compile(r"(<meta:editing-cycles>)[^<]*(</meta:editing-cycles>)"), r"\g<1>1\g<2>"),
    (re.compile(r"(<TotalTime>)[^<]*(</TotalTime>)"), r"\g<1>0\g<2>"),
]


def normalize_zip(path):
    """Fixed timestamps inside and on every member; dates in the metadata."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for info, data in members:
            if info.filename in ("docProps/core.xml", "meta.xml", "docProps/app.xml"):
                s = data.decode("utf-8")
                for rx, rep in DATE_RE:
                    s = rx.sub(rep, s)
                data = s.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 10, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    tmp.replace(path)


LO_PROFILE = Path(tempfile.gettempdir()) / "yoshiki_realistic_lo_profile"
USE_LO = "--no-libreoffice" not in sys.argv


def soffice(src, target, outdir):
    cmd = ["soffice", f"-env:UserInstallation=file://{LO_PROFILE}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def lo_roundtrip_docx(src_doc_builder, dest):
    """python-docx document -> .odt -> .docx by LibreOffice Writer."""
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        first = td / ("src_" + dest.stem + ".docx")
        src_doc_builder().save(str(first))
        soffice(first, "odt", td)
        odt = td / (first.stem + ".odt")
        out2 = td / "out"
        out2.mkdir()
        soffice(odt, 'docx:MS Word 2007 XML', out2)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(out2 / (first.stem + ".docx"), dest)
    normalize_zip(dest)


def lo_convert_wb(wb, dest, target):
    """openpyxl workbook -> .xls / .ods by LibreOffice Calc."""
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        first = td / (dest.stem + ".xlsx")
        wb.save(str(first))
        soffice(first, target, td)
        ext = dest.suffix
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(td / (dest.stem + ext), dest)
    if dest.suffix == ".ods":
        normalize_zip(dest)


# --------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------
README = """# realistic — the six forms filled as applicants fill them (issue 17)

Written by `python3 scripts/make_realistic.py` (do not edit by hand; change
the script and rerun it). Independent of `samples/` and `scripts/gen_samples.py`:
its own builder, its own fictitious applicant (株式会社あおば政策研究所), made by
python-docx (+ lxml for content controls, ruby, hidden text), openpyxl, and
LibreOffice 7.x headless round trips (docx -> odt -> docx, xlsx -> xls,
xlsx -> ods), plus one hand-written HTML page saved as `.xls`.

Every folder is one submission set (`yoshiki check DIR` checks it as one set)
with the `yoshiki.toml` of `samples/clean/` (the call's title, budget cap
40,000,000 yen, general admin rate 10%). Folder names start with the cause
number of issue 17 (`c01_` … `c11_`); `_clean` sets are filled correctly and
must give no error; the others carry exactly one planted mistake (some also
still carry findings of the cause itself, e.g. a deferred 生年月日 next to the
planted empty 役職).

Score a binary: `python3 scripts/score_realistic.py target/release/yoshiki`
(recall of planted mistakes, false errors on clean sets, must_not / limit
violations, field accuracy, forms recognised; per cause and in total).

## manifest.json

```
{"as_of": "2026-11-21", "causes": {"1": "…"},
 "sets": {"c05_reason_label_only": {
   "cause": 5, "variant": "clean|planted", "producer": "…", "description": "…",
   "no_errors": true|false,            # clean: no finding of severity error in the set
   "files": {"03_理由書.docx": {
      "producer": "…", "forms": ["subcontract_reason"],   # forms check must recognise
      "must": [{"code": "SUB004" | ["REQ001", "PH001"], "form": "…",
                "field": "…" | ["…", "…"], "message_contains": ["HTML"], "note": "…"}],
      "must_not": [{"code": "XD002", "severity": "error|any", "form": "…"}],
      "fields": {"subcontract_reason": {"subcontractors[1].selection_method": {"value": "一者選定"}}}}},
   "set_fields": {"proposal": {"budget.total": {"normalized": 17600000}}},  # in any file of the set
   "limits": [{"form": "handler_roster", "max": 1, "severities": ["info"]}]}}}
```

- `must`: one reported diagnostic per entry: same file, one of the codes,
  the same `form` and one of the `field`s when given, the message containing
  each `message_contains` string. Form-level and file-level findings
  (ROS001, SEC007, IN003) have no `field`.
- `must_not`: no diagnostic of that code (on that form when given) in that
  file; `severity: "any"` also rules out warnings and infos (a telephone
  number with 「（代表）」 is not malformed, not even as a warning).
- `fields`: canonical paths as `yoshiki extract --format json` reports them;
  `value` is the text as written, `normalized` the normalised value (amounts
  in yen, dates ISO, statuses 実施/未実施/該当なし, kana in hiragana with one
  ASCII space); `normalized_any`: one of these. Only what is given is compared.
- `set_fields`: the value may come from any file of the set (様式２ whose
  ７．事業費総額 is in a workbook of its own is one form).
- `limits`: an untouched blank form of a returned call file gives at most
  one finding, of the listed severities ("not filled"), never one per
  placeholder.

## Sets

| set | cause | producer | variant |
|---|---|---|---|
"""


CAUSES = {
    1: "実施状況のチェックボックス（コンテンツコントロール・記号）",
    2: "ふりがな（ルビ）",
    3: "コンテンツコントロールのプレースホルダーが残ったまま",
    4: "様式自体が認める記載（※５の後日提出、再委託先「なし」、予備の空行）",
    5: "未定・ラベルだけの記載",
    6: "様式２の本文は Word、事業費総額は Excel",
    7: "同じ意味の表記ゆれ（件名・電話番号・社名）と版・元号の誤り",
    8: "人が書くとおりの金額（千円表記・約・円・ラベル欄の数字・⑤の追加行・数字の入れ違い）",
    9: "非表示シートに残った旧版の名簿",
    10: "公募の様式ファイル一式を返送（様式１／２だけ記入）",
    11: "他の作成ソフトが保存した値（.ods の和暦日付セル、㈱、金額に付いた隠し文字、.xls という名の HTML）",
}
SETS = {}


class Set:
    def __init__(self, name, cause, variant, producer, description):
        assert name not in SETS, name
        self.name = name
        self.dir = OUT / name
        self.entry = {"cause": cause, "cause_name": CAUSES[cause], "variant": variant,
                      "producer": producer, "description": description,
                      "no_errors": variant == "clean", "files": {}}
        SETS[name] = self
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "yoshiki.toml").write_text(CONFIG, encoding="utf-8")

    def path(self, fname):
        return self.dir / fname

    def file(self, fname, producer, forms):
        self.entry["files"][fname] = {"producer": producer, "forms": forms,
                                      "must": [], "must_not": [], "fields": {}}
        return self

    def must(self, fname, code, form=None, field=None, note="", **extra):
        f = {"code": code}
        if form:
            f["form"] = form
        if field:
            f["field"] = field
        f.update(extra)
        f["note"] = note
        self.entry["files"][fname]["must"].append(f)
        return self

    def must_not(self, fname, code, severity="error", form=None, note=""):
        f = {"code": code, "severity": severity}
        if form:
            f["form"] = form
        if note:
            f["note"] = note
        if fname is None:
            self.entry.setdefault("must_not", []).append(f)
        else:
            self.entry["files"][fname]["must_not"].append(f)
        return self

    def field(self, fname, form, path, value=None, normalized=None):
        e = {}
        if value is not None:
            e["value"] = value
        if normalized is not None:
            e["normalized"] = normalized
        self.entry["files"][fname]["fields"].setdefault(form, {})[path] = e
        return self

    def set_field(self, form, path, value=None, normalized=None):
        e = {}
        if value is not None:
            e["value"] = value
        if normalized is not None:
            e["normalized"] = normalized
        self.entry.setdefault("set_fields", {}).setdefault(form, {})[path] = e
        return self

    def limit(self, form, max_findings, severities, note):
        self.entry.setdefault("limits", []).append(
            {"form": form, "max": max_findings, "severities": severities, "note": note})
        return self


def core_application_fields(s, fname, name=APPLICANT, kana=True):
    s.field(fname, "application", "title", value=TITLE)
    s.field(fname, "application", "applicant.name", value=name)
    s.field(fname, "application", "contact.name", value=CONTACT["name"])
    if kana:
        s.field(fname, "application", "contact.name_kana", normalized="わたなべ ゆか")
        if kana == "ruby":
            # the reading of two ruby groups (渡辺｜わたなべ　由佳｜ゆか): with or without the blank
            s.entry["files"][fname]["fields"]["application"]["contact.name_kana"] = {
                "normalized_any": ["わたなべ ゆか", "わたなべゆか"]}
    s.field(fname, "application", "contact.department", value=CONTACT["department"])
    s.field(fname, "application", "contact.email", value=CONTACT["email"])


def budget_fields(s, fname, b, form_level=False, skip=()):
    for _, key, path in BUDGET_ROWS:
        if key in skip:
            continue
        if form_level:
            s.set_field("proposal", path, normalized=b[key] * 1000)
        else:
            s.field(fname, "proposal", path, normalized=b[key] * 1000)


def report_core_fields(s, fname, statuses=None):
    st = statuses or [x[0] for x in REPORT_STATUS]
    s.field(fname, "security_report", "reporter.name", value=APPLICANT)
    s.field(fname, "security_report", "date", normalized="2026-10-28")
    for i, v in enumerate(st):
        if v is not None:
            s.field(fname, "security_report", f"items[{i}].status", normalized=v)


def handler_fields(s, fname, idx_map, handlers=None):
    """idx_map: handlers[] index -> row index in HANDLERS-like list."""
    hs = handlers or HANDLERS
    for li, ri in idx_map.items():
        h = hs[ri]
        s.field(fname, "handler_roster", f"handlers[{li}].name", value=h[2])
        s.field(fname, "handler_roster", f"handlers[{li}].department", value=h[5])


# --------------------------------------------------------------------------
# The sets
# --------------------------------------------------------------------------
R = "05_実施状況報告書"
A1 = "01_様式1_申請書"
P2 = "02_様式2_企画提案書"
RS = "03_理由書"
RO = "04_情報取扱者名簿"
NO_ERR = "no error at all"


def doc_report(**kw):
    d = new_doc()
    report(d, **kw)
    return d


def doc_application(**kw):
    d = new_doc()
    application(d, **kw)
    return d


def cause1():
    # clean: Word check-box content controls, one ticked per item
    s = Set("c01_sdt_checkbox_clean", 1, "clean", "python-docx+lxml",
            "実施状況を Word のチェックボックス（w14:checkbox、☒/☐）で記入。各項目で一つだけチェック。")
    fn = R + ".docx"
    s.file(fn, "python-docx+lxml", ["security_report"])
    save_doc(doc_report(mode="sdt"), s.path(fn))
    report_core_fields(s, fn)
    s.field(fn, "security_report", "items[8].detail", value=REPORT_STATUS[8][1])
    s.must_not(fn, "RPT001", "any")

    s = Set("c01_sdt_checkbox_two_ticked", 1, "planted", "python-docx+lxml",
            "チェックボックスで記入、６）だけ「実施」と「未実施」の両方にチェック。")
    s.file(fn, "python-docx+lxml", ["security_report"])
    save_doc(doc_report(mode="sdt", marks={4: {"実施", "未実施"}}), s.path(fn))
    s.must(fn, "RPT001", "security_report", "items[4].status", "６）で実施と未実施の二つにチェック")
    st = [x[0] for x in REPORT_STATUS]
    st[4] = None
    report_core_fields(s, fn, st)

    s = Set("c01_sdt_checkbox_none_ticked", 1, "planted", "python-docx+lxml",
            "チェックボックスで記入、９）はどれにもチェックがない。")
    s.file(fn, "python-docx+lxml", ["security_report"])
    save_doc(doc_report(mode="sdt", marks={7: set()}), s.path(fn))
    s.must(fn, "RPT001", "security_report", "items[7].status", "９）はどのチェックボックスもチェックなし")
    st = [x[0] for x in REPORT_STATUS]
    st[7] = None
    report_core_fields(s, fn, st)

    # typed marks, through LibreOffice
    styles = []
    for i, (st_word, _) in enumerate(REPORT_STATUS):
        kind = i % 3
        words = ["実施", "未実施", "該当なし"]
        if kind == 0:
            styles.append("　".join(("☑" if w_ == st_word else "☐") + w_ for w_ in words))
        elif kind == 1:
            styles.append("　".join(("■" if w_ == st_word else "□") + w_ for w_ in words))
        else:
            styles.append("　・　".join(("○" if w_ == st_word else "") + w_ for w_ in words))
    marks = dict(enumerate(styles))
    if USE_LO:
        s = Set("c01_typed_marks_lo_clean", 1, "clean", "python-docx -> LibreOffice (odt -> docx)",
                "実施状況を記号で手入力（☑/☐、■/□、○）。各項目で一つだけ。Writer で odt 経由で docx に保存し直したもの。")
        s.file(fn, "LibreOffice round trip", ["security_report"])
        lo_roundtrip_docx(lambda: doc_report(mode="typed", marks=marks), s.path(fn))
        report_core_fields(s, fn)
        s.must_not(fn, "RPT001", "any")

        s = Set("c01_typed_marks_lo_none", 1, "planted", "python-docx -> LibreOffice (odt -> docx)",
                "記号で手入力した報告書（Writer で保存し直し）。１５）だけ「☐実施　☐未実施　☐該当なし」でどれにも印がない。")
        s.file(fn, "LibreOffice round trip", ["security_report"])
        m2 = dict(marks)
        m2[13] = "☐実施　☐未実施　☐該当なし"
        lo_roundtrip_docx(lambda: doc_report(mode="typed", marks=m2), s.path(fn))
        s.must(fn, "RPT001", "security_report", "items[13].status", "１５）に印がない")
        st = [x[0] for x in REPORT_STATUS]
        st[13] = None
        report_core_fields(s, fn, st)

    if USE_LO:
        s = Set("c01_sdt_checkbox_lo_clean", 1, "clean", "python-docx+lxml -> LibreOffice (odt -> docx)",
                "チェックボックス（コンテンツコントロール）の報告書を Writer で開いて odt 経由で docx に保存し直したもの。各項目で一つだけチェック。")
        s.file(fn, "LibreOffice round trip", ["security_report"])
        lo_roundtrip_docx(lambda: doc_report(mode="sdt"), s.path(fn))
        report_core_fields(s, fn)
        s.must_not(fn, "RPT001", "any")

    # typed marks in Excel
    xmarks = {i: "　".join(("■" if w_ == st_word else "□") + w_ for w_ in ["実施", "未実施", "該当なし"])
              for i, (st_word, _) in enumerate(REPORT_STATUS)}
    s = Set("c01_typed_marks_xlsx_clean", 1, "clean", "openpyxl",
            "Excel の報告書で実施状況を ■/□ で記入。各項目で一つだけ。")
    fx = R + ".xlsx"
    s.file(fx, "openpyxl", ["security_report"])
    wb = new_wb()
    ws = wb.active
    ws.title = "実施状況報告書"
    report_sheet(ws, marks=xmarks)
    save_wb(wb, s.path(fx))
    report_core_fields(s, fx)
    s.must_not(fx, "RPT001", "any")

    s = Set("c01_typed_marks_xlsx_two", 1, "planted", "openpyxl",
            "Excel の報告書で ■/□ 記入、１２）だけ「■実施　□未実施　■該当なし」と二つ塗りつぶし。")
    s.file(fx, "openpyxl", ["security_report"])
    xm = dict(xmarks)
    xm[10] = "■実施　□未実施　■該当なし"
    wb = new_wb()
    ws = wb.active
    ws.title = "実施状況報告書"
    report_sheet(ws, marks=xm)
    save_wb(wb, s.path(fx))
    s.must(fx, "RPT001", "security_report", "items[10].status", "１２）で実施と該当なしの二つに■")
    st = [x[0] for x in REPORT_STATUS]
    st[10] = None
    report_core_fields(s, fx, st)


def name_with_ruby(reading_surname, reading_given):
    def fill(cell):
        p = clear_cell(cell)
        p._p.append(ruby_run("渡辺", reading_surname))
        p._p.append(run_el("　"))
        p._p.append(ruby_run("由佳", reading_given))
    return fill


def cause2():
    fn = A1 + ".docx"
    s = Set("c02_ruby_clean", 2, "clean", "python-docx+lxml",
            "連絡担当者の氏名を「（ふりがな）」ではなくルビ（w:ruby、ひらがな）で記入。")
    s.file(fn, "python-docx+lxml", ["application"])
    save_doc(doc_application(name_cell=name_with_ruby("わたなべ", "ゆか")), s.path(fn))
    core_application_fields(s, fn, kana="ruby")
    s.must_not(fn, "REQ001", "any", "application")

    if USE_LO:
        s = Set("c02_ruby_katakana_lo_clean", 2, "clean", "python-docx -> LibreOffice (odt -> docx)",
                "氏名にカタカナのルビ（ワタナベ／ユカ）。Writer で odt 経由で docx に保存し直したもの。")
        s.file(fn, "LibreOffice round trip", ["application"])
        lo_roundtrip_docx(lambda: doc_application(name_cell=name_with_ruby("ワタナベ", "ユカ")), s.path(fn))
        core_application_fields(s, fn, kana="ruby")
        s.must_not(fn, "REQ001", "any", "application")

    s = Set("c02_no_reading", 2, "planted", "python-docx",
            "氏名（ふりがな）欄に氏名だけ。ルビも（ふりがな）もない。")
    s.file(fn, "python-docx", ["application"])

    def plain(cell):
        set_cell(cell, CONTACT["name"])
    save_doc(doc_application(name_cell=plain), s.path(fn))
    s.must(fn, "REQ001", "application", "contact.name_kana", "ふりがながどこにもない")
    core_application_fields(s, fn, kana=False)


def sdt_cells(placeholder_label=None, lo_text_label=None):
    values = {"企業・団体名": APPLICANT, "代表者役職・氏名": REPRESENTATIVE, "所在地": ADDRESS,
              "氏名（ふりがな）": f"{CONTACT['name']}（{CONTACT['kana']}）",
              "所属（部署名）": CONTACT["department"], "役職": CONTACT["position"],
              "電話番号\n（代表・直通）": CONTACT["phone"], "Ｅ－ｍａｉｌ": CONTACT["email"]}
    cells = {}
    for label, v in values.items():
        def fill(cell, v=v, label=label):
            p = clear_cell(cell)
            p._p.append(text_sdt(v, showing_placeholder=(label == placeholder_label),
                                 alias=label.split("\n")[0]))
        cells[label] = fill
    return cells


def cause3():
    fn = A1 + ".docx"
    s = Set("c03_sdt_filled_clean", 3, "clean", "python-docx+lxml",
            "様式１の記入欄がすべてテキストのコンテンツコントロール（w:sdt）。すべて記入済み。")
    s.file(fn, "python-docx+lxml", ["application"])
    save_doc(doc_application(cells=sdt_cells()), s.path(fn))
    core_application_fields(s, fn)
    s.field(fn, "application", "contact.position", value=CONTACT["position"])

    s = Set("c03_sdt_placeholder_department", 3, "planted", "python-docx+lxml",
            "所属（部署名）のコンテンツコントロールが未入力のまま（w:showingPlcHdr、"
            "「ここをクリックまたはタップしてテキストを入力してください。」が表示されている）。")
    s.file(fn, "python-docx+lxml", ["application"])
    save_doc(doc_application(cells=sdt_cells("所属（部署名）")), s.path(fn))
    s.must(fn, ["REQ001", "PH001"], "application", "contact.department",
           "プレースホルダー表示のまま（入力なし）")
    s.field(fn, "application", "title", value=TITLE)
    s.field(fn, "application", "applicant.name", value=APPLICANT)
    s.field(fn, "application", "contact.position", value=CONTACT["position"])

    if USE_LO:
        # (LibreOffice 7.4 turns run-level text controls into FILLIN fields and
        # repeats their text, so this variant has the prompt as plain grey text,
        # as it stays after the control is lost on the way through Writer)
        s = Set("c03_sdt_placeholder_lo", 3, "planted", "python-docx -> LibreOffice (odt -> docx)",
                "役職の欄に Word の入力用プロンプト「ここをクリックまたはタップしてテキストを入力してください。」"
                "が灰色の文字のまま残っている（コントロールは Writer 経由で失われた）。Writer で odt 経由で docx に保存し直したもの。")
        s.file(fn, "LibreOffice round trip", ["application"])

        def grey_prompt(cell):
            p = clear_cell(cell)
            rpr = el("w:rPr")
            rpr.append(el("w:color", {"w:val": "808080"}))
            p._p.append(run_el(WORD_PLACEHOLDER, rpr))
        lo_roundtrip_docx(lambda: doc_application(cells={"役職": grey_prompt}), s.path(fn))
        s.must(fn, ["REQ001", "PH001"], "application", "contact.position",
               "Word の既定プレースホルダー文言のまま")
        s.field(fn, "application", "applicant.name", value=APPLICANT)
        s.field(fn, "application", "contact.department", value=CONTACT["department"])


def deferred_handlers():
    hs = copy.deepcopy(HANDLERS)
    hs[0][3] = "契約時に提出"
    hs[0][4] = "契約時に提出"
    hs[3][3] = "後日提出"
    hs[3][4] = "後日提出"
    hs[5][3] = "後日提出（※５）"
    hs[6][4] = "契約時に提出します"
    return hs


def cause4():
    fx = RO + ".xlsx"
    hs = deferred_handlers()
    # handlers[] in document order: A B D E F G (C is a spare blank row)
    order = {0: 0, 1: 1, 2: 3, 3: 4, 4: 5, 5: 6}
    s = Set("c04_roster_deferred_xlsx_clean", 4, "clean", "openpyxl",
            "名簿の住所・生年月日に「契約時に提出」「後日提出」（※５で認められている）。Ｃ行は予備の空行。")
    s.file(fx, "openpyxl", ["handler_roster"])
    wb = new_wb()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    roster_sheet(ws, hs)
    save_wb(wb, s.path(fx))
    handler_fields(s, fx, order, hs)
    s.field(fx, "handler_roster", "handlers[0].address", value="契約時に提出")
    s.field(fx, "handler_roster", "handlers[0].birth_date", value="契約時に提出")
    s.field(fx, "handler_roster", "handlers[2].birth_date", value="後日提出")
    s.field(fx, "handler_roster", "handlers[1].birth_date", value="平成３年８月１０日", normalized="1991-08-10")
    s.must_not(fx, "FMT003", "any")

    if USE_LO:
        s = Set("c04_roster_deferred_ods_clean", 4, "clean", "openpyxl -> LibreOffice (ods)",
                "同じ名簿（住所・生年月日の後日提出）を Calc で .ods に保存したもの。")
        fo = RO + ".ods"
        s.file(fo, "LibreOffice Calc", ["handler_roster"])
        wb = new_wb()
        ws = wb.active
        ws.title = "情報取扱者名簿"
        roster_sheet(ws, hs)
        lo_convert_wb(wb, s.path(fo), "ods")
        handler_fields(s, fo, order, hs)
        s.field(fo, "handler_roster", "handlers[2].address", value="後日提出")
        s.must_not(fo, "FMT003", "any")

        s = Set("c04_roster_deferred_bad_date_ods", 4, "planted", "openpyxl -> LibreOffice (ods)",
                "後日提出の名簿（.ods）。Ｂの生年月日だけ記入されていて「平成３年２月３０日」（存在しない日付）。")
        s.file(fo, "LibreOffice Calc", ["handler_roster"])
        hsb = deferred_handlers()
        hsb[1][4] = "平成３年２月３０日"
        wb = new_wb()
        ws = wb.active
        ws.title = "情報取扱者名簿"
        roster_sheet(ws, hsb)
        lo_convert_wb(wb, s.path(fo), "ods")
        s.must(fo, "FMT003", "handler_roster", "handlers[1].birth_date", "２月３０日は存在しない")
        handler_fields(s, fo, order, hsb)

    # 再委託先 なし + 様式２ without subcontracting, roster as Word table
    s = Set("c04_roster_nashi_docx_clean", 4, "clean", "python-docx",
            "再委託のない提案（Ⅲ＝０）。名簿（Word）の再委託先行に「なし」、Ｃ・Ｅは予備の空行。")
    fp = P2 + ".docx"
    fr = RO + ".docx"
    s.file(fp, "python-docx", ["proposal"])
    s.file(fr, "python-docx", ["handler_roster"])
    d = new_doc()
    org = ("業務責任者：木村　達也（地域政策研究部長、地域経済調査の経験２０年）\n"
           "業務担当者：渡辺　由佳（主任研究員）、斎藤　健太（研究員）\n再委託は行わない。")
    proposal(d, budget="NONE", texts={"organization": org})
    save_doc(d, s.path(fp))
    hs2 = copy.deepcopy(HANDLERS[:6])
    hs2[4] = ["", "Ｅ", "", "", "", "", "", ""]
    hs2[5] = ["再委託先", "Ｆ", "なし", "", "", "", "", ""]
    d = new_doc()
    roster_docx(d, hs2, diagram="株式会社あおば政策研究所\n　情報管理責任者：Ａ（木村　達也）\n"
                "　　└ 情報取扱管理者：Ｂ（渡辺　由佳）\n　　　　└ 業務従事者：Ｄ（斎藤　健太）\n再委託先：なし")
    save_doc(d, s.path(fr))
    budget_fields(s, fp, BUDGETS["NONE"])
    handler_fields(s, fr, {0: 0, 1: 1, 2: 3}, hs2)
    s.field(fr, "handler_roster", "handlers[0].role", normalized="manager")
    s.must_not(fr, "ROS003", "any")
    s.must_not(fr, "REQ001", "any")

    s = Set("c04_roster_missing_position", 4, "planted", "openpyxl",
            "住所・生年月日の後日提出は認められるが、Ｅ（業務従事者）の役職が空欄（※５の対象外）。")
    s.file(fx, "openpyxl", ["handler_roster"])
    hs3 = deferred_handlers()
    hs3[4][6] = ""
    wb = new_wb()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    roster_sheet(ws, hs3)
    save_wb(wb, s.path(fx))
    s.must(fx, "REQ001", "handler_roster", "handlers[3].position", "Ｅの役職が空欄")
    handler_fields(s, fx, order, hs3)


def cause5():
    fx = RO + ".xlsx"
    s = Set("c05_manager_mitei_xlsx", 5, "planted", "openpyxl",
            "情報管理責任者Ａの氏名が「未定」（他の欄も空欄）。")
    s.file(fx, "openpyxl", ["handler_roster"])
    hs = copy.deepcopy(HANDLERS)
    hs[0] = ["情報管理責任者（※１）", "Ａ", "未定", "", "", "地域政策研究部", "部長", ""]
    wb = new_wb()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    roster_sheet(ws, hs, diagram=DIAGRAM.replace("Ａ（木村　達也）", "Ａ（未定）"))
    save_wb(wb, s.path(fx))
    s.must(fx, "ROS001", "handler_roster", None, "情報管理責任者が「未定」")
    s.field(fx, "handler_roster", "handlers[1].name", value="渡辺　由佳")

    if USE_LO:
        s = Set("c05_manager_mitei_lo", 5, "planted", "python-docx -> LibreOffice (odt -> docx)",
                "名簿（Word）で情報管理責任者Ａが「未定（契約締結までに選任）」。Writer で保存し直したもの。")
        fr = RO + ".docx"
        s.file(fr, "LibreOffice round trip", ["handler_roster"])
        hs = copy.deepcopy(HANDLERS)
        hs[0] = ["情報管理責任者（※１）", "Ａ", "未定（契約締結までに選任）", "", "", "地域政策研究部", "部長", ""]

        def build():
            d = new_doc()
            roster_docx(d, hs)
            return d
        lo_roundtrip_docx(build, s.path(fr))
        s.must(fr, "ROS001", "handler_roster", None, "情報管理責任者が「未定（契約締結までに選任）」")
        s.field(fr, "handler_roster", "handlers[1].name", value="渡辺　由佳")

    fp, fs = P2 + ".docx", RS + ".docx"

    def reason_set(name, variant, desc, reason_text):
        s = Set(name, 5, variant, "python-docx", desc)
        s.file(fp, "python-docx", ["proposal"]).file(fs, "python-docx", ["subcontract_reason"])
        d = new_doc()
        proposal(d, budget="HIGH")
        save_doc(d, s.path(fp))
        rows = copy.deepcopy(SUBCONTRACTORS)
        rows[1]["reason"] = reason_text
        d = new_doc()
        reason(d, rows=rows)
        save_doc(d, s.path(fs))
        s.field(fs, "subcontract_reason", "title", value=TITLE)
        s.field(fs, "subcontract_reason", "applicant.name", value=APPLICANT)
        s.field(fs, "subcontract_reason", "subcontractors[1].selection_method", value="一者選定")
        s.field(fs, "subcontract_reason", "subcontract_ratio", normalized=64.9)
        return s

    s = reason_set("c05_reason_label_only", "planted", "理由書の一者選定の行に「理由：」とだけ書いて理由がない。", "理由：")
    s.must(fs, "SUB004", "subcontract_reason", ["subcontractors[1].selection_method", "subcontractors[1].selection_reason"],
           "「理由：」の後が空")
    s = reason_set("c05_reason_next_line_clean", "clean",
                   "一者選定の理由を「理由：」の次の行に記入（ラベルと本文が別の段落）。",
                   "理由：\n東北６県の商工団体と人材確保に関する連携協定を結んでいる唯一の団体であり、"
                   "短期間で２０件の事例ヒアリングを実施できるため。")
    s.must_not(fs, "SUB004", "any")

    fn = R + ".docx"
    st = [list(x) for x in REPORT_STATUS]
    st[8][1] = "（別葉のとおり）"
    st[11][1] = "（別葉のとおり）"
    s = Set("c05_besshi_missing", 5, "planted", "python-docx",
            "１０）未実施・１３）該当なしの理由が「（別葉のとおり）」だが、別葉は１３）の分しかない。")
    s.file(fn, "python-docx", ["security_report"])
    save_doc(doc_report(status=st, besshi=[["１３）", "要機密情報を取り扱うクラウドサービスを調達しないため。"]]),
             s.path(fn))
    s.must(fn, "RPT002", "security_report", "items[8].status", "１０）の理由は別葉を指すが別葉に１０）がない")
    report_core_fields(s, fn)

    s = Set("c05_besshi_present_clean", 5, "clean", "python-docx",
            "１０）・１３）の理由を「（別葉のとおり）」とし、報告書の後ろの別葉に項目ごとの理由を記載。")
    s.file(fn, "python-docx", ["security_report"])
    save_doc(doc_report(status=st, besshi=[
        ["１０）", "従事者への情報セキュリティ教育は令和８年１２月に実施する計画のため。"],
        ["１３）", "要機密情報を取り扱うクラウドサービスを調達しないため。"]]), s.path(fn))
    report_core_fields(s, fn)
    s.must_not(fn, "RPT002", "any")
    # SPEC: when the reason stands in a 別葉 table, detail is that table's reason cell
    s.field(fn, "security_report", "items[8].detail", value="従事者への情報セキュリティ教育は令和８年１２月に実施する計画のため。")
    s.field(fn, "security_report", "items[11].detail", value="要機密情報を取り扱うクラウドサービスを調達しないため。")


def cause6():
    fa, fp, fx = A1 + ".docx", P2 + ".docx", P2 + "_７．事業費総額.xlsx"
    b = BUDGETS["LOW"]
    org = ("業務責任者：木村　達也（地域政策研究部長）\n業務担当者：渡辺　由佳（主任研究員）、斎藤　健太（研究員）\n"
           "再委託先：株式会社みちのくリサーチ（アンケート調査の実施・集計）")

    def split_set(name, variant, producer, desc, override=None, xls=False):
        s = Set(name, 6, variant, producer, desc)
        fb = fx if not xls else fx.replace(".xlsx", ".xls")
        s.file(fa, "python-docx", ["application"]).file(fp, "python-docx", ["proposal"])
        s.file(fb, "openpyxl" if not xls else "openpyxl -> LibreOffice (xls)", ["proposal"])
        save_doc(doc_application(), s.path(fa))
        d = new_doc()
        proposal(d, budget="LOW", budget_mode="excel", texts={"organization": org})
        save_doc(d, s.path(fp))
        wb = new_wb()
        ws = wb.active
        ws.title = "事業費総額"
        budget_sheet(ws, b, override)
        if xls:
            lo_convert_wb(wb, s.path(fb), 'xls:MS Excel 97')
        else:
            save_wb(wb, s.path(fb))
        s.field(fp, "proposal", "title", value=TITLE)
        core_application_fields(s, fa)
        s.must_not(fp, "REQ001", "any", "proposal")
        return s, fb

    s, fb = split_set("c06_split_clean", "clean", "python-docx + openpyxl",
                      "様式２の本文（１～６）は Word、７．事業費総額は同じセットの Excel（千円、ラベルと数字の二列）。")
    budget_fields(s, fb, b, form_level=True)
    s, fb = split_set("c06_split_sum001", "planted", "python-docx + openpyxl",
                      "Word＋Excel の様式２。Excel のⅠ人件費を 9,900 に直したが小計 16,000 を直していない"
                      "（Ⅰ+Ⅱ+Ⅲ+Ⅳ = 16,300）。",
                      override={"personnel": "9,900"})
    s.must(fb, "SUM001", "proposal", ["budget.subtotal", "budget.personnel"], "Ⅰ+Ⅱ+Ⅲ+Ⅳ = 16,300 ≠ 小計 16,000")
    budget_fields(s, fb, b, form_level=True, skip=("personnel",))
    s.set_field("proposal", "budget.personnel", value="9,900", normalized=9900000)
    if USE_LO:
        s, fb = split_set("c06_split_xls_clean", "clean", "python-docx + openpyxl -> LibreOffice (xls)",
                          "様式２の本文は Word、７．事業費総額は Excel 97-2003 形式（.xls）。")
        budget_fields(s, fb, b, form_level=True)
        s, fb = split_set("c06_split_xls_sum004", "planted", "python-docx + openpyxl -> LibreOffice (xls)",
                          "Word＋.xls の様式２。.xls の総額が 17,800（小計 16,000 + 消費税 1,600 = 17,600）。",
                          override={"total": "17,800"}, xls=True)
        s.must(fb, "SUM004", "proposal", "budget.total", "総額 17,800 ≠ 17,600")
        budget_fields(s, fb, b, form_level=True, skip=("total",))
        s.set_field("proposal", "budget.total", normalized=17800000)


def cause7():
    fa, fp, fs, fr = A1 + ".docx", P2 + ".docx", RS + ".docx", R + ".docx"
    s = Set("c07_title_company_clean", 7, "clean", "python-docx",
            "件名を様式ごとに違う書き方で記入（様式１は途中で改行、様式２は半角括弧と空白、理由書は全角空白入り）、"
            "社名は様式１「株式会社」、理由書「㈱」、報告書「（株）」。意味は同じ。")
    s.file(fa, "python-docx", ["application"]).file(fp, "python-docx", ["proposal"])
    s.file(fs, "python-docx", ["subcontract_reason"]).file(fr, "python-docx", ["security_report"])
    cut = TITLE.index("（中小企業・")
    save_doc(doc_application(title_lines=[TITLE[:cut], TITLE[cut:] + "申請書"]), s.path(fa))
    t2 = TITLE.replace("（中小企業・", " (中小企業・").replace("（仮称）", "(仮称)").replace("改訂支援事業）", "改訂支援事業)")
    d = new_doc()
    proposal(d, budget="HIGH", title=t2)
    save_doc(d, s.path(fp))
    t3 = TITLE.replace("調査・分析", "調査・分析　")
    d = new_doc()
    reason(d, name="㈱あおば政策研究所", title=t3)
    save_doc(d, s.path(fs))
    save_doc(doc_report(name="（株）あおば政策研究所"), s.path(fr))
    for f in (fa, fp, fs, fr):
        s.must_not(f, "XD001", "any")
        s.must_not(f, "XD002", "any")
        s.must_not(f, "VER004", "any")
    s.field(fs, "subcontract_reason", "applicant.name", value="㈱あおば政策研究所")
    s.field(fr, "security_report", "reporter.name", value="（株）あおば政策研究所")
    s.field(fa, "application", "applicant.name", value=APPLICANT)

    s = Set("c07_company_type_omitted_clean", 7, "clean", "python-docx",
            "様式１は「株式会社あおば政策研究所」、報告書の名称は会社の種類を省いて「あおば政策研究所」。同じ申請者。")
    s.file(fa, "python-docx", ["application"]).file(fr, "python-docx", ["security_report"])
    save_doc(doc_application(), s.path(fa))
    save_doc(doc_report(name="あおば政策研究所"), s.path(fr))
    for f in (fa, fr):
        s.must_not(f, "XD002", "any")
    s.field(fr, "security_report", "reporter.name", value="あおば政策研究所")
    core_application_fields(s, fa)

    s = Set("c07_phone_daihyo_clean", 7, "clean", "python-docx",
            "電話番号「022-215-3470（代表）」。")
    s.file(fa, "python-docx", ["application"])
    save_doc(doc_application(phone="022-215-3470（代表）"), s.path(fa))
    s.must_not(fa, "FMT002", "any")
    s.field(fa, "application", "contact.phone", value="022-215-3470（代表）")
    core_application_fields(s, fa)

    if USE_LO:
        s = Set("c07_phone_fullwidth_lo_clean", 7, "clean", "python-docx -> LibreOffice (odt -> docx)",
                "電話番号を全角数字・全角ハイフン、内線付きで「０２２－２１５－３４７０　内線１２３」。Writer で保存し直したもの。")
        s.file(fa, "LibreOffice round trip", ["application"])
        lo_roundtrip_docx(lambda: doc_application(phone="０２２－２１５－３４７０　内線１２３"), s.path(fa))
        s.must_not(fa, "FMT002", "any")
        s.field(fa, "application", "contact.phone", value="０２２－２１５－３４７０　内線１２３")
        core_application_fields(s, fa)

    clause = TEXTS["report_items"][0][1]
    assert "（令和７年度版）" in clause
    s = Set("c07_edition_kanji", 7, "planted", "python-docx",
            "報告書２）の統一基準を前年のまま漢数字で「（令和五年度版）」。")
    s.file(fr, "python-docx", ["security_report"])
    save_doc(doc_report(clause2=clause.replace("（令和７年度版）", "（令和五年度版）")), s.path(fr))
    s.must(fr, "VER001", "security_report", "items[0]", "令和五年度版（漢数字）")
    report_core_fields(s, fr)

    if USE_LO:
        s = Set("c07_edition_western_lo", 7, "planted", "python-docx -> LibreOffice (odt -> docx)",
                "報告書２）の統一基準が西暦で「（2023年度版）」。Writer で保存し直したもの。")
        s.file(fr, "LibreOffice round trip", ["security_report"])
        lo_roundtrip_docx(lambda: doc_report(clause2=clause.replace("（令和７年度版）", "（2023年度版）")), s.path(fr))
        s.must(fr, "VER001", "security_report", "items[0]", "2023年度版（＝令和５年度版）")
        report_core_fields(s, fr)

    s = Set("c07_edition_reiwa5_xlsx", 7, "planted", "openpyxl",
            "Excel の報告書２）が「（令和５年版）」（「度」なし）。")
    fx = R + ".xlsx"
    s.file(fx, "openpyxl", ["security_report"])
    wb = new_wb()
    ws = wb.active
    ws.title = "実施状況報告書"
    report_sheet(ws, clause2=clause.replace("（令和７年度版）", "（令和５年版）"))
    save_wb(wb, s.path(fx))
    s.must(fx, "VER001", "security_report", "items[0]", "令和５年版")
    report_core_fields(s, fx)

    s = Set("c07_showa65", 7, "planted", "openpyxl",
            "名簿の生年月日に存在しない「昭和６５年１月１０日」（昭和は６４年１月７日まで）。")
    fo = RO + ".xlsx"
    s.file(fo, "openpyxl", ["handler_roster"])
    hs = copy.deepcopy(HANDLERS)
    hs[3][4] = "昭和６５年１月１０日"
    wb = new_wb()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    roster_sheet(ws, hs)
    save_wb(wb, s.path(fo))
    s.must(fo, "FMT003", "handler_roster", "handlers[2].birth_date", "昭和６５年は存在しない")
    s.field(fo, "handler_roster", "handlers[2].name", value="斎藤　健太")


def cause8():
    fp, fs = P2 + ".docx", RS + ".docx"

    def budget_set(name, variant, producer, desc, lo=False, **kw):
        s = Set(name, 8, variant, producer, desc)
        s.file(fp, producer, ["proposal"]).file(fs, "python-docx", ["subcontract_reason"])

        def build():
            d = new_doc()
            proposal(d, budget="HIGH", **kw)
            return d
        if lo:
            lo_roundtrip_docx(build, s.path(fp))
        else:
            save_doc(build(), s.path(fp))
        d = new_doc()
        reason(d)
        save_doc(d, s.path(fs))
        s.field(fp, "proposal", "title", value=TITLE)
        s.field(fp, "proposal", "budget.unit", value="千円")
        return s

    b = BUDGETS["HIGH"]
    s = budget_set("c08_amounts_as_written_clean", "clean", "python-docx",
                   "千円の表に「4,000千円」「約300」「500,000円」「２０，３５０千円」と記入（単位付き、約、円での記入）。",
                   override={"personnel": "4,000千円", "assistant": "約300", "admin": "500,000円",
                             "total": "２０，３５０千円"})
    budget_fields(s, fp, b)
    s.field(fp, "proposal", "budget.personnel", value="4,000千円", normalized=4000000)
    s.field(fp, "proposal", "budget.general_admin", value="500,000円", normalized=500000)
    for code in ("SUM001", "SUM002", "SUM003", "SUM004"):
        s.must_not(fp, code, "any")
    # 「約300」 is read as 300 for the sums; that it is approximate is at
    # most a warning (the form asks for the figure itself).
    s.must_not(fp, "FMT004", "error")

    b5 = dict(b, personnel=3800, project=2200)
    extra = {"assistant": [["⑤印刷製本費", "200"]]}
    if USE_LO:
        s = budget_set("c08_extra_row_lo_clean", "clean", "python-docx -> LibreOffice (odt -> docx)",
                       "Ⅱ事業費に⑤印刷製本費の行を追加（Ⅱ＝①～⑤の合計）。Writer で保存し直したもの。", lo=True,
                       override={"personnel": "3,800", "project": "2,200"}, extra_rows=extra)
        budget_fields(s, fp, b5)
        s.must_not(fp, "SUM002", "any")
    s = budget_set("c08_extra_row_clean", "clean", "python-docx",
                   "Ⅱ事業費に⑤印刷製本費の行を追加（Ⅱ＝①～⑤の合計）。",
                   override={"personnel": "3,800", "project": "2,200"}, extra_rows=extra)
    budget_fields(s, fp, b5)
    s.must_not(fp, "SUM002", "any")

    s = budget_set("c08_label_cell_clean", "clean", "python-docx",
                   "③謝金の金額を値の欄ではなくラベルの欄に「③謝金　　　　350」と入力（値の欄は空）。",
                   override={"honoraria": ""}, label_override={"honoraria": "③謝金　　　　350"})
    budget_fields(s, fp, b)
    s.must_not(fp, "SUM002", "any")
    s.must_not(fp, "REQ001", "any", "proposal")

    s = budget_set("c08_swapped_digits", "planted", "python-docx",
                   "①旅費 650 を「560」と入れ違えて記入（Ⅱ 2,000 ≠ 560+700+350+300 = 1,910）。",
                   override={"travel": "560"})
    s.must(fp, "SUM002", "proposal", ["budget.project_expenses", "budget.travel"], "①の数字の入れ違い")
    budget_fields(s, fp, b, skip=("travel",))
    s.field(fp, "proposal", "budget.travel", value="560", normalized=560000)

    if USE_LO:
        s = budget_set("c08_extra_row_swapped_lo", "planted", "python-docx -> LibreOffice (odt -> docx)",
                       "⑤印刷製本費の行を追加した様式２で、③謝金 350 を「530」と入れ違え"
                       "（Ⅱ 2,200 ≠ 650+700+530+300+200 = 2,380）。Writer で保存し直したもの。", lo=True,
                       override={"personnel": "3,800", "project": "2,200", "honoraria": "530"}, extra_rows=extra)
        s.must(fp, "SUM002", "proposal", ["budget.project_expenses", "budget.honoraria"], "③の数字の入れ違い（⑤の行あり）")
        budget_fields(s, fp, b5, skip=("honoraria",))


def old_roster_sheet(ws):
    hs = copy.deepcopy(HANDLERS)
    hs[0][2] = "大槻　正和"
    hs[3][2] = "千葉　直人"
    roster_sheet(ws, hs, diagram=DIAGRAM.replace("木村　達也", "大槻　正和"))
    ws["A3"] = "（令和７年度事業の提出時点）"


def cause9():
    fx = RO + ".xlsx"
    s = Set("c09_hidden_old_roster", 9, "planted", "openpyxl",
            "名簿ブックに前年度の名簿が非表示シート「名簿（R7）」として残っている。")
    s.file(fx, "openpyxl", ["handler_roster"])
    wb = new_wb()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    roster_sheet(ws)
    old = wb.create_sheet("名簿（R7）")
    old_roster_sheet(old)
    old.sheet_state = "hidden"
    save_wb(wb, s.path(fx))
    s.must(fx, "SEC007", None, None, "非表示シートに旧名簿")
    s.field(fx, "handler_roster", "handlers[0].name", value="木村　達也")

    if USE_LO:
        s = Set("c09_hidden_old_roster_xls", 9, "planted", "openpyxl -> LibreOffice (xls)",
                "非表示シートに旧名簿が残った名簿ブックを .xls（Excel 97-2003）で保存。")
        fl = RO + ".xls"
        s.file(fl, "LibreOffice Calc", ["handler_roster"])
        wb = new_wb()
        ws = wb.active
        ws.title = "情報取扱者名簿"
        roster_sheet(ws)
        old = wb.create_sheet("名簿（R7）")
        old_roster_sheet(old)
        old.sheet_state = "hidden"
        lo_convert_wb(wb, s.path(fl), 'xls:MS Excel 97')
        s.must(fl, "SEC007", None, None, "非表示シートに旧名簿")
        s.field(fl, "handler_roster", "handlers[0].name", value="木村　達也")

    s = Set("c09_visible_diagram_sheet_clean", 9, "clean", "openpyxl",
            "名簿ブックの２枚目（表示）に情報管理体制図。非表示のものはない。")
    s.file(fx, "openpyxl", ["handler_roster"])
    wb = new_wb()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    roster_sheet(ws, diagram_here=False)
    ws2 = wb.create_sheet("情報管理体制図")
    ws2["A1"] = "②情報管理体制図"
    ws2["A2"] = DIAGRAM
    ws2["A2"].alignment = WRAP
    save_wb(wb, s.path(fx))
    s.must_not(fx, "SEC007", "any")
    s.field(fx, "handler_roster", "handlers[0].name", value="木村　達也")


def whole_call(email=None, texts=None):
    d = new_doc()
    application(d, email=email)
    page_break(d)
    org = ("業務責任者：木村　達也（地域政策研究部長）\n業務担当者：渡辺　由佳（主任研究員）、斎藤　健太（研究員）\n"
           "再委託は行わない。")
    proposal(d, budget="NONE", texts=dict({"organization": org}, **(texts or {})))
    page_break(d)
    reason(d, blank=True)
    page_break(d)
    roster_docx(d, blank=True)
    page_break(d)
    terms(d)
    page_break(d)
    report(d, blank=True)
    return d


def cause10():
    fn = "公募様式一式.docx"
    later = ["subcontract_reason", "handler_roster", "security_report"]

    def expectations(s, f):
        core_application_fields(s, f)
        budget_fields(s, f, BUDGETS["NONE"])
        for form in later:
            s.limit(form, 1, ["info"],
                    "手を付けていない様式は「未記入」の info 一件まで（プレースホルダーごとの PH001/REQ001 は出さない）")
            for code in ("PH001", "REQ001", "REQ003", "ROS001", "RPT001", "RPT003", "SUB002", "SUB006"):
                s.must_not(f, code, "any", form)

    s = Set("c10_whole_call_clean", 10, "clean", "python-docx",
            "公募の様式ファイル一式（６様式）を１ファイルで返送。様式１・２だけ記入（再委託なし）、理由書・名簿・報告書は配布時のまま。")
    s.file(fn, "python-docx", ["application", "proposal", "subcontract_reason", "handler_roster",
                               "security_terms", "security_report"])
    save_doc(whole_call(), s.path(fn))
    expectations(s, fn)

    if USE_LO:
        s = Set("c10_whole_call_lo_clean", 10, "clean", "python-docx -> LibreOffice (odt -> docx)",
                "同じ様式一式を Writer で odt 経由で docx に保存し直したもの。")
        s.file(fn, "LibreOffice round trip", ["application", "proposal", "subcontract_reason", "handler_roster",
                                              "security_terms", "security_report"])
        lo_roundtrip_docx(whole_call, s.path(fn))
        expectations(s, fn)

    s = Set("c10_whole_call_fmt001", 10, "planted", "python-docx",
            "様式一式を返送、様式１の E-mail に全角の＠（y.watanabe＠aoba-seisaku.co.jp）。後ろの様式は配布時のまま。")
    s.file(fn, "python-docx", ["application", "proposal", "subcontract_reason", "handler_roster",
                               "security_terms", "security_report"])
    save_doc(whole_call(email="y.watanabe＠aoba-seisaku.co.jp"), s.path(fn))
    s.must(fn, "FMT001", "application", "contact.email", "全角＠")
    expectations(s, fn)
    del s.entry["files"][fn]["fields"]["application"]["contact.email"]

    if USE_LO:
        s = Set("c10_whole_call_lo_req001", 10, "planted", "python-docx -> LibreOffice (odt -> docx)",
                "様式一式を返送（Writer で保存し直し）、様式２の２．実施スケジュールが空欄。後ろの様式は配布時のまま。")
        s.file(fn, "LibreOffice round trip", ["application", "proposal", "subcontract_reason", "handler_roster",
                                              "security_terms", "security_report"])
        lo_roundtrip_docx(lambda: whole_call(texts={"schedule": ""}), s.path(fn))
        s.must(fn, "REQ001", "proposal", "schedule", "２．実施スケジュールが空欄")
        expectations(s, fn)


def html_roster():
    rows = "".join(
        "<tr>" + "".join(f"<td>{v}</td>" for v in [h[0], h[1]] + h[2:8]) + "</tr>\n" for h in HANDLERS)
    head = "".join(f"<td>{v}</td>" for v in ROSTER_HEADER)
    return f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="ProgId" content="Excel.Sheet">
<title>情報取扱者名簿</title>
</head>
<body>
<table border="1">
<tr><td colspan="8">（別添様式）</td></tr>
<tr><td colspan="8">情報取扱者名簿及び情報管理体制図</td></tr>
<tr><td colspan="8">①情報取扱者名簿</td></tr>
<tr>{head}</tr>
{rows}</table>
</body>
</html>
"""


def cause11():
    dates = {0: datetime.datetime(1971, 3, 22), 1: datetime.datetime(1991, 8, 10),
             3: datetime.datetime(1994, 11, 3), 5: datetime.datetime(1982, 6, 30)}
    iso = {0: "1971-03-22", 1: "1991-08-10", 2: "1994-11-03", 4: "1982-06-30"}  # handlers[] index

    def dated_roster(wb):
        ws = wb.active
        ws.title = "情報取扱者名簿"
        roster_sheet(ws, date_cells=dates)
        ws2 = wb.create_sheet("実施状況報告書")
        report_sheet(ws2, date_cells=True)

    fx = RO + "_報告書.xlsx"
    s = Set("c11_era_date_cells_xlsx_clean", 11, "clean", "openpyxl",
            "名簿の生年月日と報告書の日付・契約締結日が日付セル（表示形式は和暦 ggge年m月d日）。名簿と報告書は同じブックの別シート。")
    s.file(fx, "openpyxl", ["handler_roster", "security_report"])
    wb = new_wb()
    dated_roster(wb)
    save_wb(wb, s.path(fx))
    for i, v in iso.items():
        s.field(fx, "handler_roster", f"handlers[{i}].birth_date", normalized=v)
    s.field(fx, "security_report", "date", normalized="2026-10-28")
    s.field(fx, "security_report", "contract.date", normalized="2026-06-03")
    s.must_not(fx, "FMT003", "any")

    if USE_LO:
        ERA_FORMAT[0] = ERA_FORMAT_LO
        s = Set("c11_era_date_cells_ods_clean", 11, "clean", "openpyxl -> LibreOffice (ods)",
                "同じブック（和暦表示の日付セル）を Calc で .ods に保存。日付はシリアル値（46323 など）ではなく日付として読む。")
        fo = RO + "_報告書.ods"
        s.file(fo, "LibreOffice Calc", ["handler_roster", "security_report"])
        wb = new_wb()
        dated_roster(wb)
        lo_convert_wb(wb, s.path(fo), "ods")
        for i, v in iso.items():
            s.field(fo, "handler_roster", f"handlers[{i}].birth_date", normalized=v)
        s.field(fo, "security_report", "date", normalized="2026-10-28")
        s.field(fo, "security_report", "contract.date", normalized="2026-06-03")
        s.must_not(fo, "FMT003", "any")

        s = Set("c11_era_date_cells_ods_future", 11, "planted", "openpyxl -> LibreOffice (ods)",
                "和暦表示の日付セルの .ods。報告書の日付が令和８年１２月２０日（確認日 2026-11-21 より後）。")
        s.file(fo, "LibreOffice Calc", ["handler_roster", "security_report"])
        wb = new_wb()
        ws = wb.active
        ws.title = "情報取扱者名簿"
        roster_sheet(ws, date_cells=dates)
        ws2 = wb.create_sheet("実施状況報告書")
        report_sheet(ws2, date_cells=True, report_date=datetime.datetime(2026, 12, 20))
        lo_convert_wb(wb, s.path(fo), "ods")
        s.must(fo, "FMT003", "security_report", "date", "報告日が確認日より後（まだ来ていない日）")
        s.field(fo, "security_report", "date", normalized="2026-12-20")
        s.field(fo, "security_report", "contract.date", normalized="2026-06-03")

        ERA_FORMAT[0] = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'
        s = Set("c11_kabu_xls_clean", 11, "clean", "openpyxl -> LibreOffice (xls)",
                "名簿（.xls）の所属部署に「㈱みちのくリサーチ　調査部」（㈱は一文字の記号）。")
        fl = RO + ".xls"
        s.file(fl, "LibreOffice Calc", ["handler_roster"])
        hs = copy.deepcopy(HANDLERS)
        hs[5][5] = "㈱みちのくリサーチ　調査部"
        wb = new_wb()
        ws = wb.active
        ws.title = "情報取扱者名簿"
        roster_sheet(ws, hs)
        lo_convert_wb(wb, s.path(fl), 'xls:MS Excel 97')
        s.field(fl, "handler_roster", "handlers[4].department", value="㈱みちのくリサーチ　調査部")
        s.field(fl, "handler_roster", "handlers[4].name", value="佐々木　淳")

        s = Set("c11_kabu_reason_lo_clean", 11, "clean", "python-docx -> LibreOffice (odt -> docx)",
                "様式２＋理由書。理由書の再委託先名を「㈱みちのくリサーチ」と記入し、Writer で保存し直したもの。")
        fp, fs = P2 + ".docx", RS + ".docx"
        s.file(fp, "python-docx", ["proposal"]).file(fs, "LibreOffice round trip", ["subcontract_reason"])
        d = new_doc()
        proposal(d, budget="HIGH")
        save_doc(d, s.path(fp))
        rows = copy.deepcopy(SUBCONTRACTORS)
        rows[0]["name"] = "㈱みちのくリサーチ"

        def build():
            d = new_doc()
            reason(d, rows=rows)
            return d
        lo_roundtrip_docx(build, s.path(fs))
        s.field(fs, "subcontract_reason", "subcontractors[0].name", value="㈱みちのくリサーチ")
        s.field(fs, "subcontract_reason", "subcontractors[0].amount", normalized=8800000)

    fp, fs = P2 + ".docx", RS + ".docx"
    s = Set("c11_hidden_note_amount", 11, "planted", "python-docx",
            "様式２のⅠ人件費「4,000」の直後に隠し文字の社内メモ「（要確認：単価見直し中）」。")
    s.file(fp, "python-docx", ["proposal"]).file(fs, "python-docx", ["subcontract_reason"])
    d = new_doc()
    proposal(d, budget="HIGH", hidden_after={"personnel": "（要確認：単価見直し中）"})
    save_doc(d, s.path(fp))
    d = new_doc()
    reason(d)
    save_doc(d, s.path(fs))
    s.must(fp, "SEC007", None, None, "金額の欄に隠し文字のメモ")
    s.must_not(fp, "FMT004", "any")
    s.must_not(fp, "SUM001", "any")
    s.field(fp, "proposal", "budget.personnel", value="4,000", normalized=4000000)
    budget_fields(s, fp, BUDGETS["HIGH"])

    s = Set("c11_html_as_xls", 11, "planted", "hand-written HTML",
            "名簿を「Web ページ」形式で保存した HTML に .xls という名前が付いている。")
    fl = RO + ".xls"
    s.file(fl, "HTML", [])
    s.path(fl).write_text(html_roster(), encoding="utf-8")
    s.must(fl, "IN003", None, None, "中身は HTML（.xls ではない）", message_contains=["HTML"])


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for fn in (cause1, cause2, cause3, cause4, cause5, cause6, cause7, cause8, cause9, cause10, cause11):
        fn()
        print(fn.__name__, "done", file=sys.stderr)
    manifest = {
        "schema_version": 1,
        "generator": "scripts/make_realistic.py",
        "issue": 17,
        "as_of": AS_OF,
        "check_command": "yoshiki check --format json --as-of " + AS_OF + " <set>",
        "extract_command": "yoshiki extract --format json --as-of " + AS_OF + " <set>",
        "causes": {str(k_): v for k_, v in CAUSES.items()},
        "sets": {name: s.entry for name, s in sorted(SETS.items())},
    }
    rows = "".join(f"| `{n}` | {e.entry['cause']} | {e.entry['producer']} | "
                   + ("clean" if e.entry["variant"] == "clean" else "planted: " + ", ".join(
                       "/".join(m["code"]) if isinstance(m["code"], list) else m["code"]
                       for f in e.entry["files"].values() for m in f["must"]))
                   + f" — {e.entry['description']} |\n" for n, e in sorted(SETS.items()))
    (OUT / "README.md").write_text(README + rows, encoding="utf-8")
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(SETS)} sets written to {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
