#!/usr/bin/env python3
"""Generate the bundled sample submissions and `samples/manifest.json`.

The samples are the shared ground truth of the test suite: every file is a
filled form of the current call (seed 000) or of the old 別紙４ report (seed
002), written the way Word, Excel and LibreOffice write them (runs split
mid-word, merged cells, nested tables, full-width digits), and the manifest
lists, for every file, the forms it holds, every canonical field with its
value, normalised value and location, and every finding `yoshiki check`
must raise (as of 2026-11-21, with the set's `yoshiki.toml`).

Locations are computed from the structure the script built (python-docx /
openpyxl objects), then verified by re-reading the saved file with an
independent reader written here; for files written by LibreOffice they are
re-derived from LibreOffice's output. Nothing is typed in by hand.

Deterministic: fixed metadata, fixed zip timestamps, seeded run splitting,
so a rerun gives byte-identical python-docx/openpyxl files.

Usage: python3 scripts/gen_samples.py [--no-libreoffice]
"""

from __future__ import annotations

import copy
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_texts as T  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AS_OF = "2026-11-21"
CALL_TITLE = T.CALL_TITLE
BUDGET_CAP = 40_000_000
ADMIN_RATE = 0.10
FIXED_ZIP_TIME = (2026, 4, 1, 9, 0, 0)
FIXED_W3CDTF = "2026-04-01T09:00:00Z"
PART = "word/document.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return "{%s}%s" % (W_NS, tag)


NO = object()  # "no normalized value"

# ---------------------------------------------------------------------------
# Normalisation (the contract the extractor's `normalized` must meet)
# ---------------------------------------------------------------------------

ERA = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def norm_date(text: str):
    """和暦 or 西暦 date to ISO; None when incomplete or impossible."""
    import datetime as dt

    s = nfkc(text).replace(" ", "")
    m = re.search(r"(明治|大正|昭和|平成|令和)(元|\d+)年(\d+)月(\d+)日", s)
    if m:
        year = 1 if m.group(2) == "元" else int(m.group(2))
        if year < 1:
            return None
        y = ERA[m.group(1)] + year
        mo, d = int(m.group(3)), int(m.group(4))
    else:
        m = re.search(r"(\d{4})[年/.-](\d{1,2})[月/.-](\d{1,2})日?", s)
        if not m:
            return None
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def norm_amount(text: str, unit: int):
    """An amount as written (１２，０００ / 12,000千円 / 14,300,000) in yen."""
    s = nfkc(text).replace(",", "").replace(" ", "").strip()
    mult = unit
    if s.endswith("千円"):
        s, mult = s[:-2], 1000
    elif s.endswith("円"):
        s, mult = s[:-1], 1
    if not re.fullmatch(r"\d+", s):
        return None
    return int(s) * mult


def norm_ratio(text: str):
    s = nfkc(text).strip().rstrip("%").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        return None
    return float(s)


def norm_kana(text: str) -> str:
    """Reading: katakana to hiragana, blanks collapsed to one ASCII space."""
    out = []
    for ch in text:
        o = ord(ch)
        out.append(chr(o - 0x60) if 0x30A1 <= o <= 0x30F6 else ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


ROLE_CODES = {
    "情報管理責任者": "manager",
    "情報取扱管理者": "supervisor",
    "業務従事者": "worker",
    "再委託先": "subcontractor",
}


def role_code(label: str) -> str:
    for k, v in ROLE_CODES.items():
        if label.startswith(k):
            return v
    raise ValueError(label)


def tier_code(text: str) -> str:
    return "sub_subcontractor" if "再々委託" in text else "subcontractor"


def item_no(label: str) -> int:
    return int(nfkc(label).rstrip(")"))


def zen(n: int) -> str:
    """Integer to full-width digits (２）, １２)."""
    return "".join(chr(ord(c) + 0xFEE0) for c in str(n))


def fmt_amount(n: int, fullwidth: bool = False) -> str:
    s = f"{n:,}"
    if fullwidth:
        s = s.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    return s


def pct(amount: int, total: int) -> Decimal:
    """amount ÷ total × 100, rounded half-up to 0.1 point."""
    return (Decimal(amount) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# ---------------------------------------------------------------------------
# Submission data
# ---------------------------------------------------------------------------

BUDGET_KEYS = [
    "personnel",
    "project_expenses",
    "travel",
    "venue",
    "honoraria",
    "assistant_personnel",
    "subcontract",
    "general_admin",
    "subtotal",
    "consumption_tax",
    "total",
]


def make_budget(I, items, III, IV, *, fullwidth=("personnel", "subtotal"), suffix_total=True,
                numbers=None, texts=None):
    """Budget of 様式２ in 千円. `numbers` overrides stated figures (a planted
    arithmetic error); `texts` overrides what is written (e.g. 未定)."""
    travel, venue, honoraria, assistant = items
    II = sum(items)
    sub = I + II + III + IV
    tax = sub // 10
    nums = dict(personnel=I, project_expenses=II, travel=travel, venue=venue,
                honoraria=honoraria, assistant_personnel=assistant, subcontract=III,
                general_admin=IV, subtotal=sub, consumption_tax=tax, total=sub + tax)
    nums.update(numbers or {})
    tx = {k: fmt_amount(v, k in fullwidth) for k, v in nums.items()}
    if suffix_total:
        tx["total"] = fmt_amount(nums["total"], True) + "千円"
    tx.update(texts or {})
    return {"numbers": nums, "texts": tx}


COMPANY = {
    "name": "株式会社みらい総合研究所",
    "representative": "代表取締役社長　山本　健一",
    "address": "東京都千代田区内神田二丁目１５番９号　内神田ＫＳビル７階",
}

SUBS_BASE = [
    dict(name="株式会社東都リサーチ", tier="[再委託先]", settlement="有", amount=14_300_000,
         method="相見積もり（３者）", reason=None,
         scope="全国の中小企業・小規模事業者２，０００社を対象とするアンケート調査の実施、集計及びデータ分析"),
    dict(name="一般社団法人地域人材ネットワーク協会", tier="[再委託先]", settlement="無",
         amount=7_700_000, method="一者選定",
         reason="理由：全国４７都道府県の地域人材支援機関と連携協定を締結し、地域ごとの人材確保事例を継続的に収集している唯一の団体であり、短期間で全国の事例ヒアリングを実施できるのは同協会のみであるため。",
         scope="地域の支援機関及び中小企業へのヒアリング調査（３０件）、事例集原稿の作成"),
    dict(name="有限会社みなと印刷", tier="[再々委託先]", settlement="無", amount=1_100_000,
         method="相見積もり（２者）", reason=None, scope="人材活用ガイドライン改訂版の印刷・製本・発送"),
]

HANDLERS_BASE = [
    dict(role="情報管理責任者（※１）", label="Ａ", name="高橋　誠", address="東京都世田谷区桜新町一丁目２３番４号",
         birth="昭和４８年５月１８日", department="公共政策コンサルティング部", position="部長", passport=""),
    dict(role="情報取扱管理者（※２）", label="Ｂ", name="佐藤　美咲", address="神奈川県川崎市中原区新丸子町７３５番地",
         birth="昭和６１年９月２日", department="公共政策コンサルティング部", position="主任研究員", passport=""),
    dict(role="情報取扱管理者（※２）", label="Ｃ", name="田中　翔太", address="東京都練馬区豊玉北五丁目１８番１２号",
         birth="平成２年１月２５日", department="公共政策コンサルティング部", position="研究員", passport=""),
    dict(role="業務従事者（※３）", label="Ｄ", name="グエン　ヴァン　ナム", address="東京都江東区大島四丁目５番１号",
         birth="1993年11月5日", department="公共政策コンサルティング部", position="研究員",
         passport="C1234567／ベトナム"),
    dict(role="業務従事者（※３）", label="Ｅ", name="鈴木　花子", address="埼玉県さいたま市浦和区高砂三丁目１番２号",
         birth="平成７年７月７日", department="公共政策コンサルティング部", position="研究補助員", passport=""),
    dict(role="再委託先", label="Ｆ", name="伊藤　大輔", address="千葉県船橋市本町六丁目４番２０号",
         birth="昭和５５年４月１２日", department="株式会社東都リサーチ　調査部", position="課長", passport=""),
    dict(role="再委託先", label="Ｇ", name="小林　由美", address="大阪府大阪市北区天満二丁目６番８号",
         birth="昭和５８年１２月３日", department="一般社団法人地域人材ネットワーク協会　事業部",
         position="事業部長", passport=""),
]

# 実施状況 per item: (status, detail lines)
R7_STATUS = {
    2: ("実施", ["社内規程「情報セキュリティ管理規程」を統一基準（令和７年度版）に合わせて改定し、全従事者に周知済み。"]),
    3: ("実施", []),
    4: ("実施", ["従事者名簿（別添様式）のとおり従事者を限定し、担当職員に提示済み。"]),
    5: ("実施", ["再委託契約書に１）～１７）の遵守を規定済み。"]),
    6: ("実施", []),
    7: ("実施", []),
    8: ("実施", []),
    9: ("実施", []),
    10: ("未実施", ["理由：従事者向け情報セキュリティ教育は年間計画により令和８年１２月に実施予定のため。"]),
    11: ("実施", ["インシデント対応手順書を担当職員に提示済み。"]),
    12: ("実施", ["利用規約への同意のみで利用可能なクラウドサービスでは要機密情報を取り扱っていない。"]),
    13: ("該当なし", ["理由：本業務では要機密情報を取り扱うクラウドサービスを調達しないため。"]),
    14: ("実施", []),
    15: ("該当なし", ["理由：本業務では情報システム（ウェブサイトを含む。）の設計、構築、運用等を行わないため。"]),
    16: ("該当なし", ["理由：本業務ではアプリケーション・コンテンツの開発・作成を行わないため。"]),
    17: ("該当なし", ["理由：本業務では外部公開ウェブサイト上のウェブアプリケーションの構築又は改修を行わないため。"]),
}

R5_STATUS = {n: ("実施", []) for n in range(2, 13)}
R5_STATUS.update({n: ("該当なし", []) for n in range(13, 18)})
R5_STATUS[2] = ("実施", ["社内規程を統一基準に合わせて運用。"])
R5_BETSUYO = {
    13: "本業務では要機密情報を取り扱うクラウドサービスを調達しないため。",
    14: "要機密情報を取り扱うクラウドサービスを利用しないため。",
    15: "本業務では情報システムの設計、構築、運用等を行わないため。",
    16: "本業務ではアプリケーション・コンテンツの開発・作成を行わないため。",
    17: "本業務ではウェブアプリケーションの構築又は改修を行わないため。",
}


def r5_items():
    """The old 別紙４ clause text: r7 text with the five differences of seed 002."""
    out = []
    for label, text in T.R7_ITEMS:
        t = text.replace("統一基準」（令和７年度版）", "統一基準」（令和５年度版）")
        t = t.replace("内閣官房国家サイバー統括室", "内閣官房内閣サイバーセキュリティセンター")
        t = t.replace("（７）ウェブサイト又は電子メール送受信機能", "（７）電子メール送受信機能")
        t = re.sub(r"SPF（Sender Policy Framework）DKIM.*?Conformance）によるなりすまし",
                   "SPF（Sender Policy Framework）等のなりすまし", t)
        t = t.replace("ドメインに関する情報が正確であることの定期的な確認、", "")
        out.append((label, t))
    return out


def base_params() -> dict:
    budget = make_budget(9_000, (600, 1_200, 400, 800), 20_000, 1_150)
    return {
        "title": CALL_TITLE,
        "application": {
            "title": CALL_TITLE,
            "reception": "",
            "addressee": "中小企業庁",
            "applicant": dict(COMPANY),
            "contact": dict(name="佐藤　美咲", kana="さとう　みさき", department="公共政策コンサルティング部",
                            position="主任研究員", phone="03-1234-5678", email="m.sato@mirai-soken.co.jp"),
        },
        "proposal": {
            "title": CALL_TITLE,
            "reception": "",
            "implementation_method": [
                "（１）人材活躍の好循環創出プラットフォーム（仮称）の構築",
                "　地域の支援機関、金融機関、教育機関及び中小企業・小規模事業者が参画するプラットフォームを構築し、全国８ブロックで各２回の連絡会議を開催する。会議の企画、参加者の募集、運営及び議事録作成は当社が担う。",
                "（２）人材活用ガイドラインの改訂支援",
                "　全国２，０００社へのアンケート調査（再委託）及び３０件の事例ヒアリング（再委託）の結果を当社が分析し、有識者委員会（３回）の議論を踏まえてガイドライン改訂案を作成する。",
                "（３）成果を高めるための提案",
                "　改訂ガイドラインの普及のため、支援機関向けの解説動画を作成し、プラットフォーム参加機関を通じて周知する。",
            ],
            "schedule_intro": "各業務の実施時期は以下のとおり（◆は実施月）。",
            "schedule_months": ["６月", "７月", "８月", "９月", "10月", "11月", "12月", "１月", "２月", "３月"],
            "schedule_rows": [
                ("（１）プラットフォーム構築・連絡会議", [0, 1, 2, 3, 4, 5, 6, 7, 8]),
                ("（２）アンケート調査・ヒアリング", [1, 2, 3, 4, 5]),
                ("（２）有識者委員会・ガイドライン改訂", [4, 5, 6, 7, 8, 9]),
                ("報告書作成", [8, 9]),
            ],
            "track_record": [
                "・令和７年度中小企業の人材確保に関する実態調査事業（中小企業庁、令和７年度）：全国３，０００社アンケート及び事例調査",
                "・令和６年度地域の中核人材活用促進事業（関東経済産業局、令和６年度）：地域支援機関ネットワークの運営",
                "・自主事業「中小企業の人材活用白書」（令和５年度～、毎年発行）",
            ],
            "organization": [
                "業務責任者：高橋　誠（公共政策コンサルティング部長、中小企業政策調査の経験１８年）",
                "業務担当者：佐藤　美咲（主任研究員、人材政策分野の調査経験１０年）、田中　翔太（研究員）、グエン　ヴァン　ナム（研究員、ベトナム語・英語）",
                "再委託先：株式会社東都リサーチ（アンケート調査の実施・集計・分析）、一般社団法人地域人材ネットワーク協会（事例ヒアリング）",
                "事業全体の企画及び立案並びに執行管理は当社が行い、再委託しない。",
            ],
            "information_management": [
                "当社「情報セキュリティ管理規程」及び「個人情報保護規程」に基づき情報を管理する（ＩＳＯ／ＩＥＣ ２７００１認証取得済み）。",
                "情報管理体制図及び情報取扱者名簿は別添様式のとおり、契約時に提出することを確約する。",
            ],
            "wlb_lines": [
                "・えるぼし（２段階目）認定（令和５年１０月取得）",
                "・くるみん認定（令和６年４月取得）",
            ],
            "wlb_names": ["えるぼし（２段階目）", "くるみん"],
            "budget": budget,
        },
        "reason": {
            "title": CALL_TITLE,
            "applicant": dict(COMPANY),
            "business_type": "Ⅱ",
            "main_work": [
                "本事業における主要な業務は、プラットフォームの企画・運営及びガイドライン改訂案の作成であり、その他関連業務としてアンケート調査及び事例ヒアリングを実施する上で、事業類型（Ⅱ）が示すように、当社と再委託先の業務体系が調査の実施・集計を外部の専門機関が担う関係となる。",
            ],
            "subs": copy.deepcopy(SUBS_BASE),
            "ratio_text": None,  # computed
            "diagram": [
                "株式会社みらい総合研究所（提案者）",
                "　├─ 株式会社東都リサーチ［再委託先：アンケート調査の実施・集計・分析］",
                "　│　　└─ 有限会社みなと印刷［再々委託先：ガイドラインの印刷・製本］",
                "　└─ 一般社団法人地域人材ネットワーク協会［再委託先：事例ヒアリング］",
            ],
            "reasons": [
                "全国２，０００社規模のアンケート調査及び全国の事例ヒアリングは、調査員網と地域の支援機関との連携が事業実施の上では必要不可欠であり、再委託をせざるを得ない。事業全体の企画及び立案並びに執行管理は当社で実施するため、事業における主要な業務は再委託していない。",
                "株式会社東都リサーチ：大規模アンケートの実施体制を有し、相見積もり（３者）の結果、最も安価であったため。",
                "一般社団法人地域人材ネットワーク協会：全国の地域人材支援機関と連携協定を有する唯一の団体であるため。",
            ],
        },
        "roster": {
            "handlers": copy.deepcopy(HANDLERS_BASE),
            "diagram": [
                "【情報管理体制図】",
                "株式会社みらい総合研究所",
                "　情報管理責任者：Ａ（高橋　誠）",
                "　　└ 情報取扱管理者：Ｂ（佐藤　美咲）、Ｃ（田中　翔太）",
                "　　　　└ 業務従事者：Ｄ（グエン　ヴァン　ナム）、Ｅ（鈴木　花子）",
                "再委託先",
                "　株式会社東都リサーチ：Ｆ（伊藤　大輔）",
                "　一般社団法人地域人材ネットワーク協会：Ｇ（小林　由美）",
            ],
        },
        "report": {
            "version": "r7",
            "date": "令和８年１０月３０日",
            "addressee": "中小企業庁長官官房総務課長",
            "reporter": dict(COMPANY),
            "contract_date": "令和８年６月１日",
            "contract_title": CALL_TITLE,
            "items": list(T.R7_ITEMS),
            "status": copy.deepcopy(R7_STATUS),
            "omit": set(),
            "betsuyo": {},
        },
    }


def r5_report_params() -> dict:
    return {
        "version": "r5",
        "date": "令和５年１２月１５日",
        "addressee": "経済産業省経済産業政策局産業人材課長",
        "reporter": dict(COMPANY),
        "contract_date": "令和５年７月３日",
        "contract_title": "令和５年度産業人材政策推進調査（中小企業の人材活用に関する実態調査事業）",
        "items": r5_items(),
        "status": copy.deepcopy(R5_STATUS),
        "omit": set(),
        "betsuyo": dict(R5_BETSUYO),
    }


def reason_numbers(P: dict):
    """Ratios of the 理由書 from the 様式２ 総額 as stated (tax included)."""
    total_yen = P["proposal"]["budget"]["numbers"]["total"] * 1000
    subs = P["reason"]["subs"]
    ssum = sum(s["amount"] for s in subs if s["tier"] == "[再委託先]")
    return total_yen, ssum, pct(ssum, total_yen)


# ---------------------------------------------------------------------------
# Field collection
# ---------------------------------------------------------------------------


@dataclass
class Field:
    form: str
    path: str
    anchor: Any  # lxml element (w:tc / w:p), or ("xlsx", sheet, cell), or ("txt", line)
    value: str | None = None  # None: the whole anchor text, trimmed
    normalized: Any = NO


@dataclass
class Built:
    """What a builder produced for one file."""

    forms: list = field(default_factory=list)  # [(form, version)]
    fields: list = field(default_factory=list)  # [Field]
    findings: list = field(default_factory=list)

    def add(self, form, path, anchor, value=None, normalized=NO):
        self.fields.append(Field(form, path, anchor, value, normalized))

    def finding(self, code, form=None, fld=None, note="", related=None):
        f = {"code": code}
        if form:
            f["form"] = form
        if fld:
            f["field"] = fld
        if related:
            f["related"] = related
        f["severity"] = SEVERITY[code]
        if note:
            f["note"] = note
        self.findings.append(f)


SEVERITY = {
    **{c: "error" for c in ["IN001", "IN002", "IN003", "IN005", "REQ001", "REQ002", "REQ003", "PH001",
                            "VER001", "VER002", "SUM001", "SUM002", "SUM003", "SUM004", "SUM005",
                            "SUB001", "SUB002", "SUB003", "SUB004", "SUB006", "ROS001", "ROS002",
                            "RPT001", "RPT003", "XD001", "XD002", "XD003", "FMT001", "FMT003",
                            "FMT004", "SEC001", "SEC002"]},
    **{c: "warning" for c in ["IN004", "VER003", "VER004", "XD004", "SUM006", "SUB005", "ROS003", "RPT002",
                              "FMT002", "SEC003", "SEC004", "SEC005", "SEC007"]},
    "SEC006": "info",
}

# ---------------------------------------------------------------------------
# Word writing helpers
# ---------------------------------------------------------------------------


class Writer:
    """A python-docx document plus the seeded randomness that splits runs."""

    def __init__(self, seed_name: str, split: bool = True):
        self.doc = docx.Document()
        self.rng = random.Random(zlib.crc32(seed_name.encode("utf-8")))
        self.split = split
        self.rsids = ["00A1%04X" % self.rng.randrange(0x10000) for _ in range(6)]
        self._setup()

    def _setup(self):
        d = self.doc
        sec = d.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.left_margin = sec.right_margin = Mm(20)
        sec.top_margin = sec.bottom_margin = Mm(20)
        st = d.styles["Normal"]
        st.font.name = "Century"
        st.font.size = Pt(10.5)
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        fonts.set(qn("w:eastAsia"), "ＭＳ 明朝")
        cp = d.core_properties
        cp.author = ""
        cp.last_modified_by = ""
        cp.title = ""
        cp.comments = ""
        cp.keywords = ""
        cp.revision = 1
        import datetime as dt

        cp.created = dt.datetime(2026, 4, 1, 9, 0, 0)
        cp.modified = dt.datetime(2026, 4, 1, 9, 0, 0)
        cp.last_printed = dt.datetime(2026, 4, 1, 9, 0, 0)
        # page number in the footer, as a PAGE field (a separate story: body
        # paragraph numbering is not affected)
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp._p.append(parse_xml(f'<w:fldSimple {NSDECL} w:instr=" PAGE   \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    # -- runs ---------------------------------------------------------------
    def pieces(self, text: str):
        if not self.split or len(text) < 4:
            return [text]
        n = self.rng.choice([1, 2, 2, 3])
        if n == 1:
            return [text]
        cuts = sorted(self.rng.sample(range(1, len(text)), min(n - 1, len(text) - 1)))
        out, prev = [], 0
        for c in cuts:
            out.append(text[prev:c])
            prev = c
        out.append(text[prev:])
        return [p for p in out if p]

    def runs(self, p, text: str, bold=False, size=None, split=True):
        """Append `text` to paragraph `p` as 1–3 runs with differing run
        properties (rsid, eastAsia hint, proofErr marks), as Word does."""
        pieces = self.pieces(text) if split else [text]
        made = []
        for i, piece in enumerate(pieces):
            if i > 0 and self.rng.random() < 0.3:
                pe = OxmlElement("w:proofErr")
                pe.set(qn("w:type"), "spellStart")
                p._p.append(pe)
            r = p.add_run(piece)
            r._r.set(qn("w:rsidR"), self.rsids[(i + len(piece)) % len(self.rsids)])
            rpr = r._r.get_or_add_rPr()
            if i % 2 == 1:
                rf = OxmlElement("w:rFonts")
                rf.set(qn("w:hint"), "eastAsia")
                rpr.insert(0, rf)
            if i == 2:
                lang = OxmlElement("w:lang")
                lang.set(qn("w:eastAsia"), "ja-JP")
                rpr.append(lang)
            if bold:
                r.bold = True
            if size:
                r.font.size = Pt(size)
            made.append(r)
        return made

    def para(self, text="", align=None, bold=False, size=None, split=True, container=None):
        p = (container or self.doc).add_paragraph()
        if text:
            self.runs(p, text, bold=bold, size=size, split=split)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return p

    def page_break(self):
        p = self.doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        return p

    # -- tables -------------------------------------------------------------
    def table(self, rows, cols, widths_mm, container=None, align=None):
        t = (container or self.doc).add_table(rows=rows, cols=cols)
        t.style = self.doc.styles["Table Grid"]
        t.autofit = False
        if align == "right":
            t.alignment = WD_TABLE_ALIGNMENT.RIGHT
        for ci, wmm in enumerate(widths_mm):
            t.columns[ci].width = Mm(wmm)
            for r in t.rows:
                r.cells[ci].width = Mm(wmm)
        return t

    def cell_text(self, cell, lines, bold=False, split=True):
        """Write lines into a cell, one paragraph each (first reuses the
        cell's empty paragraph). Returns the paragraphs."""
        if isinstance(lines, str):
            lines = [lines]
        ps = []
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 and not cell.paragraphs[0].runs else cell.add_paragraph()
            if line:
                self.runs(p, line, bold=bold, split=split)
            ps.append(p)
        return ps


# ---------------------------------------------------------------------------
# Reading Word XML back (independent of python-docx): text and locations
# ---------------------------------------------------------------------------

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _in_skipped(el) -> bool:
    a = el.getparent()
    while a is not None:
        if a.tag in (w("del"), w("rt"), "{%s}Fallback" % MC_NS, w("instrText")):
            return True
        a = a.getparent()
    return False


def p_text(p) -> str:
    """Paragraph text as the model defines it: tracked changes accepted,
    deleted text and ruby readings out, tabs and breaks kept."""
    out = []
    for el in p.iter():
        if el.tag == w("t"):
            if not _in_skipped(el):
                out.append(el.text or "")
        elif el.tag == w("tab") and el.getparent().tag == w("r"):
            if not _in_skipped(el):
                out.append("\t")
        elif el.tag in (w("br"), w("cr")) and el.getparent().tag == w("r"):
            if not _in_skipped(el):
                out.append("\n")
    return "".join(out)


def block_children(container):
    out = []
    for ch in container:
        if ch.tag in (w("p"), w("tbl")):
            out.append(ch)
        elif ch.tag == w("sdt"):
            content = ch.find(w("sdtContent"))
            if content is not None:
                out.extend(block_children(content))
    return out


def tc_is_continuation(tc) -> bool:
    tcpr = tc.find(w("tcPr"))
    if tcpr is None:
        return False
    vm = tcpr.find(w("vMerge"))
    return vm is not None and vm.get(w("val")) in (None, "continue")


def tbl_text(tbl) -> str:
    rows = []
    for tr in tbl.findall(w("tr")):
        cells = [tc_text(tc) for tc in tr.findall(w("tc")) if not tc_is_continuation(tc)]
        rows.append("\t".join(cells))
    return "\n".join(rows)


def tc_text(tc) -> str:
    parts = []
    for b in block_children(tc):
        parts.append(p_text(b) if b.tag == w("p") else tbl_text(b))
    return "\n".join(parts)


def grid_col(tc) -> int:
    tr = tc.getparent()
    col = 1
    trpr = tr.find(w("trPr"))
    if trpr is not None:
        gb = trpr.find(w("gridBefore"))
        if gb is not None:
            col += int(gb.get(w("val")))
    for sib in tr.findall(w("tc")):
        if sib is tc:
            return col
        tcpr = sib.find(w("tcPr"))
        span = 1
        if tcpr is not None and tcpr.find(w("gridSpan")) is not None:
            span = int(tcpr.find(w("gridSpan")).get(w("val")))
        col += span
    raise ValueError("tc not in its row")


class DocIndex:
    """Ordinals of w:p and w:tbl in a body, per the model's conventions."""

    def __init__(self, body):
        self.body = body
        self.paras = [p for p in body.iter(w("p")) if not _in_fallback(p)]
        self.tbls = [t for t in body.iter(w("tbl")) if not _in_fallback(t)]

    def locate(self, el) -> dict:
        if el.tag == w("p"):
            return {"part": PART, "paragraph": _index(self.paras, el) + 1}
        if el.tag == w("tc"):
            tr = el.getparent()
            tbl = tr.getparent()
            rows = tbl.findall(w("tr"))
            return {"part": PART, "table": _index(self.tbls, tbl) + 1,
                    "row": _index(rows, tr) + 1, "col": grid_col(el)}
        raise ValueError(el.tag)

    def text(self, el) -> str:
        return p_text(el) if el.tag == w("p") else tc_text(el)

    def at(self, loc: dict):
        """The element at a location (cell or paragraph), or None."""
        if "table" in loc:
            ti = loc["table"] - 1
            if ti >= len(self.tbls):
                return None
            rows = self.tbls[ti].findall(w("tr"))
            if loc["row"] - 1 >= len(rows):
                return None
            for tc in rows[loc["row"] - 1].findall(w("tc")):
                if grid_col(tc) == loc["col"]:
                    return tc
            return None
        pi = loc["paragraph"] - 1
        return self.paras[pi] if pi < len(self.paras) else None

    def cells(self):
        for tbl in self.tbls:
            for tr in tbl.findall(w("tr")):
                for tc in tr.findall(w("tc")):
                    yield tc


def _index(seq, el) -> int:
    for i, x in enumerate(seq):
        if x is el:
            return i
    raise ValueError("element not found")


def _in_fallback(el) -> bool:
    a = el.getparent()
    while a is not None:
        if a.tag == "{%s}Fallback" % MC_NS:
            return True
        a = a.getparent()
    return False


def read_docx_body(path: Path):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read(PART))
    return root.find(w("body"))


def clean(s: str) -> str:
    return s.strip()


# ---------------------------------------------------------------------------
# Packaging: deterministic zips, metadata
# ---------------------------------------------------------------------------

CORE_DATE_RE = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalize_zip(path: Path, core_fix=None):
    """Rewrite a zip package with fixed timestamps and fixed core dates."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                s = data.decode("utf-8")
                s = CORE_DATE_RE.sub(lambda m: m.group(1) + FIXED_W3CDTF + m.group(3), s)
                if core_fix:
                    s = core_fix(s)
                data = s.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            out.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def set_core_people(s: str, creator: str, modifier: str) -> str:
    s = re.sub(r"<dc:creator>[^<]*</dc:creator>|<dc:creator/>", f"<dc:creator>{creator}</dc:creator>", s)
    s = re.sub(r"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>|<cp:lastModifiedBy/>",
               f"<cp:lastModifiedBy>{modifier}</cp:lastModifiedBy>", s)
    return s


# ---------------------------------------------------------------------------
# Form builders (Word)
# ---------------------------------------------------------------------------


def reception_table(wr: Writer, b: Built, form: str, value: str):
    t = wr.table(1, 2, [22, 30], align="right")
    wr.cell_text(t.cell(0, 0), ["受付番号", "※記載不要"])
    if value:
        wr.cell_text(t.cell(0, 1), value)
    b.add(form, "reception_number", t.cell(0, 1)._tc)
    return t


def build_application(wr: Writer, b: Built, A: dict):
    F = "application"
    b.forms.append((F, "r8"))
    wr.para("（様式１）")
    reception_table(wr, b, F, A["reception"])
    wr.para()
    p = wr.para(A["addressee"] + "　あて")
    b.add(F, "addressee", p._p, A["addressee"])
    wr.para()
    p = wr.para(A["title"] + "申請書", align="center", bold=True)
    b.add(F, "title", p._p, A["title"])
    wr.para()
    t = wr.table(8, 3, [28, 42, 100])
    labels = ["企業・団体名", "代表者役職・氏名", "所在地", "氏名（ふりがな）", "所属（部署名）", "役職",
              ["電話番号", "（代表・直通）"], "Ｅ－ｍａｉｌ"]
    for i, lab in enumerate(labels):
        wr.cell_text(t.cell(i, 1), lab)
    top = t.cell(0, 0).merge(t.cell(2, 0))
    wr.cell_text(top, "申請者")
    bottom = t.cell(3, 0).merge(t.cell(7, 0))
    wr.cell_text(bottom, "連絡担当窓口")
    ap, ct = A["applicant"], A["contact"]
    vals = [ap["name"], ap["representative"], ap["address"],
            f"{ct['name']}（{ct['kana']}）" if ct["name"] else "",
            ct["department"], ct["position"], ct["phone"], ct["email"]]
    for i, v in enumerate(vals):
        if v:
            wr.cell_text(t.cell(i, 2), v)
    c = lambda i: t.cell(i, 2)._tc  # noqa: E731
    b.add(F, "applicant.name", c(0))
    b.add(F, "applicant.representative", c(1))
    b.add(F, "applicant.address", c(2))
    b.add(F, "contact.name", c(3), ct["name"])
    b.add(F, "contact.name_kana", c(3), ct["kana"], norm_kana(ct["kana"]))
    b.add(F, "contact.department", c(4))
    b.add(F, "contact.position", c(5))
    b.add(F, "contact.phone", c(6))
    b.add(F, "contact.email", c(7))
    return t


SECTION_HEADS = [
    ("implementation_method", "１．事業の実施方法"),
    ("schedule", "２．実施スケジュール（１．の実施が月別に分かること）"),
    ("track_record", "３．事業実績"),
    ("organization", "４．実施体制"),
    ("information_management", "５．情報管理体制"),
    ("wlb", "６．ワーク・ライフ・バランス等推進企業に関する認定等の状況"),
]

BUDGET_ROWS = [
    ("personnel", "Ⅰ　人件費"),
    ("project_expenses", "Ⅱ　事業費"),
    ("travel", "①旅費"),
    ("venue", "②会場費"),
    ("honoraria", "③謝金"),
    ("assistant_personnel", "④補助職員人件費"),
    ("subcontract", "Ⅲ　再委託・外注費"),
    ("general_admin", "Ⅳ　一般管理費"),
    ("subtotal", "小計"),
    ("consumption_tax", "Ⅳ　消費税及び地方消費税"),
    ("total", "総額"),
]


def build_proposal(wr: Writer, b: Built, Pp: dict, opts=None):
    opts = opts or {}
    F = "proposal"
    b.forms.append((F, "r8"))
    wr.para("（様式２）")
    reception_table(wr, b, F, Pp["reception"])
    wr.para()
    wr.para()
    p = wr.para(Pp["title"] + "企画提案書", align="center", bold=True)
    b.add(F, "title", p._p, Pp["title"])
    wr.para()
    for key, head in SECTION_HEADS:
        t = wr.table(2, 1, [170])
        wr.cell_text(t.cell(0, 0), ([""] if key == "wlb" else []) + [head])
        content = t.cell(1, 0)
        if key == "schedule":
            if Pp.get("schedule_blank"):
                pass
            else:
                wr.cell_text(content, Pp["schedule_intro"])
                months = Pp["schedule_months"]
                nt = wr.table(len(Pp["schedule_rows"]) + 1, len(months) + 1,
                              [50] + [10] * len(months), container=content)
                wr.cell_text(nt.cell(0, 0), "業務項目", split=False)
                for mi, m in enumerate(months):
                    wr.cell_text(nt.cell(0, mi + 1), m, split=False)
                for ri, (task, marks) in enumerate(Pp["schedule_rows"]):
                    wr.cell_text(nt.cell(ri + 1, 0), task)
                    for mi in marks:
                        wr.cell_text(nt.cell(ri + 1, mi + 1), "◆", split=False)
                content._tc.append(OxmlElement("w:p"))
            b.add(F, "schedule", content._tc)
        elif key == "wlb":
            wr.cell_text(content, Pp["wlb_lines"])
            for i, name in enumerate(Pp["wlb_names"]):
                b.add(F, f"wlb_certifications[{i}]", content._tc, name)
        else:
            wr.cell_text(content, Pp[key])
            b.add(F, key, content._tc)
        if key == "organization" and opts.get("ole"):
            opts["ole"](wr, content)
        wr.para()
    # 事業費総額
    bud = Pp["budget"]
    t = wr.table(len(BUDGET_ROWS) + 1, 2, [120, 50])
    head = t.cell(0, 0).merge(t.cell(0, 1))
    wr.cell_text(head, "７．事業費総額（千円）※記載している費目は例示。募集要領９．（１）経費の区分に応じて必要経費を記載すること。")
    b.add(F, "budget.unit", head._tc, "千円")
    for i, (key, label) in enumerate(BUDGET_ROWS):
        lab = t.cell(i + 1, 0)
        if key == "total":
            wr.cell_text(lab, ["総額", "（※総額は委託予定額の上限内に収めて下さい。）"])
        elif key in ("travel", "venue", "honoraria", "assistant_personnel"):
            ps = wr.cell_text(lab, label)
            ps[0].paragraph_format.left_indent = Mm(5)
        else:
            wr.cell_text(lab, label)
        amt = t.cell(i + 1, 1)
        text = bud["texts"][key]
        ps = wr.cell_text(amt, text)
        ps[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        n = norm_amount(text, 1000)
        b.add(F, f"budget.{key}", amt._tc, None, n if n is not None else NO)
    return t


def build_reason(wr: Writer, b: Built, P: dict):
    R = P["reason"]
    F = "subcontract_reason"
    b.forms.append((F, "r8"))
    wr.para("別添")
    wr.para("再委託費率が５０％を超える理由書", align="center", bold=True, size=14)
    wr.para()
    for label, key, lead in [("住          所", "address", "　" * 18), ("名　　　　　称", "name", " " * 36),
                             ("代 表 者 氏 名", "representative", "　" * 18)]:
        p = wr.doc.add_paragraph()
        wr.runs(p, lead + label + "　", split=False)
        if R["applicant"][key]:
            wr.runs(p, R["applicant"][key])
        b.add(F, f"applicant.{key}", p._p, R["applicant"][key])
    wr.para()
    wr.para("１．件名")
    t = wr.table(3, 1, [170])
    wr.cell_text(t.cell(0, 0), R["title"])
    b.add(F, "title", t.cell(0, 0)._tc)
    wr.para()
    wr.para("２．本事業における再委託を有する事業類型")
    wr.para("※「８．契約について（２）再委託比率が５０％を超える場合」に記載のある事業類型「Ⅰ」「Ⅱ」「Ⅲ」のいずれかを記載してください。")
    wr.para("※また、特段の定めがない場合は、「－」を記載してください。")
    t = wr.table(1, 1, [170])
    wr.cell_text(t.cell(0, 0), R["business_type"])
    b.add(F, "business_type", t.cell(0, 0)._tc)
    wr.para()
    wr.para("３．本事業における主要な業務（事業全体の企画及び立案並びに根幹に関わる執行管理）の内容")
    wr.para("　　※「２．本事業における再委託を有する事業類型」に対して、提案内容が合致する理由も含めてご記入ください。")
    wr.para("　　　「ー」を選択した場合は、事業類型に合致する理由の記載は不要です。")
    t = wr.table(1, 1, [170])
    wr.cell_text(t.cell(0, 0), R["main_work"])
    b.add(F, "main_work", t.cell(0, 0)._tc)
    wr.para()
    wr.para("４．再委託費率")
    wr.para("　　※再委託（契約書上の再委託：第7条1項（消費税込み））÷総額（消費税込み）×１００により算出した率。")
    total_yen, ssum, ratio = reason_numbers(P)
    ratio_text = R["ratio_text"] or f"{ratio}％"
    t = wr.table(1, 1, [170])
    wr.cell_text(t.cell(0, 0), ratio_text)
    b.add(F, "subcontract_ratio", t.cell(0, 0)._tc, None, _nr(norm_ratio(ratio_text)))
    wr.para()
    wr.para("５．再委託先（再々委託先及びそれ以下の委託先を含む）及び契約金額等")
    subs = R["subs"]
    t = wr.table(len(subs) + 2, 6, [38, 14, 26, 14, 42, 36])
    for ci, h in enumerate(["再委託名", "精算の有無", "契約金額（見込み）（円）", "比率", "再委託先の選定方法又は理由※",
                            "業務の内容及び範囲"]):
        wr.cell_text(t.cell(0, ci), h)
    for i, s in enumerate(subs):
        row = i + 1
        pre = f"subcontractors[{i}]"
        c0 = t.cell(row, 0)
        wr.cell_text(c0, [s["name"], s["tier"]])
        b.add(F, pre + ".name", c0._tc, s["name"])
        b.add(F, pre + ".tier", c0._tc, s["tier"], tier_code(s["tier"]))
        c1 = t.cell(row, 1)
        wr.cell_text(c1, s["settlement"])
        b.add(F, pre + ".settlement", c1._tc, None, s["settlement"] == "有")
        c2 = t.cell(row, 2)
        amt_text = s.get("amount_text") or fmt_amount(s["amount"], s.get("fullwidth", False))
        ps = wr.cell_text(c2, amt_text)
        ps[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        b.add(F, pre + ".amount", c2._tc, None, _nr(norm_amount(amt_text, 1)))
        c3 = t.cell(row, 3)
        if s["tier"] == "[再委託先]":
            rt = s.get("ratio_text") or (f"{pct(s['amount'], total_yen)}" + ("％" if i % 2 else "%"))
        else:
            rt = s.get("ratio_text") or "＿"
        wr.cell_text(c3, rt)
        b.add(F, pre + ".ratio", c3._tc, None, _nr(norm_ratio(rt)))
        c4 = t.cell(row, 4)
        wr.cell_text(c4, [s["method"]] + ([s["reason"]] if s["reason"] else []))
        b.add(F, pre + ".selection_method", c4._tc, s["method"])
        if s["reason"]:
            b.add(F, pre + ".selection_reason", c4._tc, s["reason"])
        c5 = t.cell(row, 5)
        wr.cell_text(c5, s["scope"])
        b.add(F, pre + ".scope", c5._tc)
    for line in ["※グループ企業（委託事業事務処理マニュアル３ページに記載のグループ企業をいう。）との取引であることのみを選定理由とすることは認められません。",
                 "　　　※金額は消費税を含む金額とする。",
                 "　　　※再委託先、再々委託先及びそれ以下の委託先の契約金額を含めた情報を記載すること。",
                 "　　　※比率は、事業費総額に対する再委託の割合（再々委託先及びそれ以下の委託先は記入不要）",
                 "　　　※一者選定の場合は、当該事業者でなければ事業を実施出来ない理由を記載すること。"]:
        wr.para(line, split=False)
    wr.para()
    wr.para("６．履行体制図")
    t = wr.table(1, 1, [170])
    wr.cell_text(t.cell(0, 0), R["diagram"])
    b.add(F, "structure_diagram", t.cell(0, 0)._tc)
    wr.para()
    wr.para("７．再委託（再々委託及びそれ以下の委託を含む）が必要である理由及び選定理由")
    t = wr.table(3, 1, [170])
    wr.cell_text(t.cell(0, 0), R["reasons"])
    b.add(F, "reasons", t.cell(0, 0)._tc)
    wr.para()
    for line in T.REASON_FOOT:
        wr.para(line, split=False)


def _nr(v):
    return NO if v is None else v


def build_roster_docx(wr: Writer, b: Built, Ro: dict):
    F = "handler_roster"
    b.forms.append((F, "r8"))
    wr.para("（別添様式）")
    wr.para("情報取扱者名簿及び情報管理体制図", align="center", bold=True)
    wr.para()
    wr.para("①情報取扱者名簿")
    hs = Ro["handlers"]
    t = wr.table(len(hs) + 1, 8, [30, 8, 22, 32, 22, 22, 14, 20])
    h0 = t.cell(0, 0).merge(t.cell(0, 1))
    for ci, h in enumerate(["氏名", "個人住所", "生年月日", "所属部署", "役職", "パスポート番号及び国籍（※４）"]):
        wr.cell_text(t.cell(0, ci + 2), h)
    del h0
    # merge role column over runs of the same role
    groups = []
    for i, h in enumerate(hs):
        if groups and groups[-1][0] == h["role"]:
            groups[-1][2] = i
        else:
            groups.append([h["role"], i, i])
    role_cells = {}
    for role, a, z in groups:
        cell = t.cell(a + 1, 0) if a == z else t.cell(a + 1, 0).merge(t.cell(z + 1, 0))
        wr.cell_text(cell, role)
        for i in range(a, z + 1):
            role_cells[i] = cell
    k = 0
    for i, h in enumerate(hs):
        row = i + 1
        wr.cell_text(t.cell(row, 1), h["label"], split=False)
        keys = ["name", "address", "birth", "department", "position", "passport"]
        for ci, key in enumerate(keys):
            if h[key]:
                wr.cell_text(t.cell(row, ci + 2), h[key])
        if not any(h[key] for key in keys):
            continue  # a spare blank row is not an entry
        pre = f"handlers[{k}]"
        k += 1
        b.add(F, pre + ".role", role_cells[i]._tc, None, role_code(h["role"]))
        b.add(F, pre + ".label", t.cell(row, 1)._tc)
        b.add(F, pre + ".name", t.cell(row, 2)._tc)
        b.add(F, pre + ".address", t.cell(row, 3)._tc)
        b.add(F, pre + ".birth_date", t.cell(row, 4)._tc, None, _nr(norm_date(h["birth"])))
        b.add(F, pre + ".department", t.cell(row, 5)._tc)
        b.add(F, pre + ".position", t.cell(row, 6)._tc)
        b.add(F, pre + ".passport_and_nationality", t.cell(row, 7)._tc)
    wr.para()
    for line in T.ROSTER_NOTES:
        wr.para(line, split=False)
    wr.para()
    wr.para("②情報管理体制図")
    t = wr.table(1, 1, [170])
    wr.cell_text(t.cell(0, 0), Ro["diagram"])
    b.add(F, "diagram", t.cell(0, 0)._tc)
    wr.para()
    for line in T.DIAGRAM_NOTES:
        wr.para(line, split=False)


def build_security_terms(wr: Writer, b: Built):
    b.forms.append(("security_terms", "r7"))
    lines = list(T.SECURITY_TERMS)
    while lines and not lines[-1].strip():
        lines.pop()
    for line in lines:
        wr.para(line, split=False)


def build_report(wr: Writer, b: Built, Rp: dict, opts=None):
    opts = opts or {}
    F = "security_report"
    b.forms.append((F, Rp["version"]))
    wr.para("別紙４" if Rp["version"] == "r5" else "別紙")
    wr.para()
    p = wr.para(Rp["date"], align="right")
    b.add(F, "date", p._p, None, _nr(norm_date(Rp["date"])))
    wr.para()
    p = wr.para(Rp["addressee"] + "　殿")
    b.add(F, "addressee", p._p, Rp["addressee"])
    wr.para()
    for label, key, lead in [("住　　　　　所", "address", "　" * 16), ("名　　　　　称", "name", "　" * 16),
                             ("代 表 者 氏 名", "representative", "　" * 16)]:
        p = wr.doc.add_paragraph()
        wr.runs(p, lead + label + "　", split=False)
        wr.runs(p, Rp["reporter"][key])
        b.add(F, f"reporter.{key}", p._p, Rp["reporter"][key])
    wr.para()
    wr.para("情報セキュリティに関する事項の遵守の方法の実施状況報告書", align="center", bold=True)
    wr.para()
    wr.para("　情報セキュリティに関する事項１）の規定に基づき、下記のとおり報告します。")
    wr.para()
    wr.para("記", align="center")
    wr.para()
    wr.para("１．契約件名等")
    t = wr.table(2, 2, [35, 135])
    wr.cell_text(t.cell(0, 0), "契約締結日")
    wr.cell_text(t.cell(0, 1), Rp["contract_date"])
    wr.cell_text(t.cell(1, 0), "契約件名")
    wr.cell_text(t.cell(1, 1), Rp["contract_title"])
    b.add(F, "contract.date", t.cell(0, 1)._tc, None, _nr(norm_date(Rp["contract_date"])))
    b.add(F, "contract.title", t.cell(1, 1)._tc)
    wr.para()
    wr.para()
    wr.para("２．報告事項")
    items = [(lab, text) for lab, text in Rp["items"] if item_no(lab) not in Rp["omit"]]
    t = wr.table(len(items) + 1, 3, [32, 110, 28])
    for ci, h in enumerate(["項目", "確認事項", "実施状況"]):
        wr.cell_text(t.cell(0, ci), h)
    status_cells = {}
    for i, (lab, text) in enumerate(items):
        row = i + 1
        n = item_no(lab)
        c0 = t.cell(row, 0)
        wr.cell_text(c0, ["情報セキュリティに関する事項", lab], split=False)
        wr.cell_text(t.cell(row, 1), text.split("\n"), split=False)
        status, detail = Rp["status"][n]
        c2 = t.cell(row, 2)
        hook = opts.get("status_hook", {}).get(n)
        if hook:
            hook(wr, c2)
        else:
            wr.cell_text(c2, [status] + detail)
        status_cells[n] = c2
        pre = f"items[{i}]"
        b.add(F, pre + ".number", c0._tc, lab, n)
        b.add(F, pre + ".status", c2._tc, status if status else None)
        if detail:
            b.add(F, pre + ".detail", c2._tc, "\n".join(detail))
    wr.para()
    wr.para()
    for line in T.REPORT_NOTES:
        wr.para(line, split=False)
    if Rp["betsuyo"]:
        wr.page_break()
        wr.para("別葉")
        wr.para("「未実施」又は「該当なし」とした項目の理由", align="center")
        bt = wr.table(len(Rp["betsuyo"]) + 1, 2, [30, 140])
        wr.cell_text(bt.cell(0, 0), "項目")
        wr.cell_text(bt.cell(0, 1), "理由")
        for j, (n, reason) in enumerate(sorted(Rp["betsuyo"].items())):
            wr.cell_text(bt.cell(j + 1, 0), zen(n) + "）", split=False)
            wr.cell_text(bt.cell(j + 1, 1), reason)
            idx = [item_no(lab) for lab, _ in items].index(n)
            b.add(F, f"items[{idx}].detail", bt.cell(j + 1, 1)._tc)
    return status_cells


# ---------------------------------------------------------------------------
# Saving, resolving and verifying
# ---------------------------------------------------------------------------

MANIFEST: dict = {"files": {}}


def rel(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def resolve_docx_fields(doc, b: Built):
    idx = DocIndex(doc.element.body)
    out = []
    for f in b.fields:
        loc = idx.locate(f.anchor)
        full = clean(idx.text(f.anchor))
        if f.value is None:
            value = full
        else:
            value = clean(f.value)
            if value not in full:
                raise AssertionError(f"{f.form}.{f.path}: {value!r} not in {full!r}")
        out.append({"form": f.form, "path": f.path, "value": value, "normalized": f.normalized,
                    "location": loc, "whole": f.value is None, "anchor_text": full})
    return out


def verify_docx(path: Path, resolved):
    idx = DocIndex(read_docx_body(path))
    for r in resolved:
        el = idx.at(r["location"])
        if el is None:
            raise AssertionError(f"{path}: {r['path']} location {r['location']} missing")
        text = clean(idx.text(el))
        ok = text == r["value"] if r["whole"] else r["value"] in text
        if not ok:
            raise AssertionError(f"{path}: {r['path']} expected {r['value']!r} at {r['location']}, found {text!r}")


def record(path: Path, set_dir: Path, b: Built, resolved, fmt: str):
    fields: dict = {}
    for form, _ in b.forms:
        fields.setdefault(form, {})
    for r in resolved:
        entry = {"value": r["value"]}
        if r["normalized"] is not NO:
            entry["normalized"] = r["normalized"]
        entry["location"] = r["location"]
        fields.setdefault(r["form"], {})[r["path"]] = entry
    MANIFEST["files"][rel(path)] = {
        "set": rel(set_dir),
        "format": fmt,
        "forms": [{"form": f, "template_version": v} for f, v in b.forms],
        "fields": fields,
        "findings": b.findings,
    }


def save_docx(wr: Writer, b: Built, path: Path, *, core_people=None, zip_post=None, register=True):
    """Save, make deterministic, verify locations, record in the manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    resolved = resolve_docx_fields(wr.doc, b)
    wr.doc.save(str(path))
    if zip_post:
        zip_post(path)
    fix = (lambda s: set_core_people(s, *core_people)) if core_people else None
    normalize_zip(path, fix)
    verify_docx(path, resolved)
    if register:
        record(path, path.parent, b, resolved, path.suffix.lstrip("."))
    return resolved


def make_docx(path: Path, builders, *, findings=(), core_people=None, zip_post=None, pre_save=None,
              split=True, seed=None, register=True):
    wr = Writer(seed or rel(path), split=split)
    b = Built()
    for i, build in enumerate(builders):
        if i > 0:
            wr.page_break()
        build(wr, b)
    if pre_save:
        pre_save(wr, b)
    for f in findings:
        b.finding(*f)
    return save_docx(wr, b, path, core_people=core_people, zip_post=zip_post, register=register), b


# ---------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MINCHO = "ＭＳ 明朝"


class SheetW:
    def __init__(self, ws, b: Built):
        self.ws, self.b = ws, b

    def put(self, ref, text, to=None, bold=False, align="left", valign="center", border=False,
            wrap=True, size=10.5):
        ws = self.ws
        if to:
            ws.merge_cells(f"{ref}:{to}")
        c = ws[ref]
        c.value = text if text != "" else None
        c.font = Font(name=MINCHO, bold=bold, size=size)
        c.alignment = Alignment(horizontal=align, vertical=valign, wrap_text=wrap)
        if border:
            for row in ws[f"{ref}:{to or ref}"]:
                for cc in row:
                    cc.border = BOX
        return c

    def field(self, form, path, ref, value=None, normalized=NO):
        self.b.add(form, path, ("xlsx", self.ws.title, ref), value, normalized)


def xlsx_workbook():
    wb = openpyxl.Workbook()
    import datetime as dt

    wb.properties.creator = None
    wb.properties.lastModifiedBy = None
    wb.properties.created = dt.datetime(2026, 4, 1, 9, 0, 0)
    wb.properties.modified = dt.datetime(2026, 4, 1, 9, 0, 0)
    return wb


def save_xlsx(wb, b: Built, path: Path, findings=(), register=True):
    path.parent.mkdir(parents=True, exist_ok=True)
    for f in findings:
        b.finding(*f)
    # resolve
    resolved = []
    for f in b.fields:
        _, sheet, ref = f.anchor
        raw = wb[sheet][ref].value
        full = clean("" if raw is None else str(raw))
        value = full if f.value is None else clean(f.value)
        if f.value is not None and value not in full:
            raise AssertionError(f"{f.path}: {value!r} not in {full!r}")
        resolved.append({"form": f.form, "path": f.path, "value": value, "normalized": f.normalized,
                         "location": {"sheet": sheet, "cell": ref}, "whole": f.value is None,
                         "anchor_text": full})
    wb.save(str(path))
    normalize_zip(path)
    verify_xlsx(path, resolved)
    if register:
        record(path, path.parent, b, resolved, "xlsx")
    return resolved


def verify_xlsx(path: Path, resolved):
    wb = openpyxl.load_workbook(str(path))
    for r in resolved:
        loc = r["location"]
        raw = wb[loc["sheet"]][loc["cell"]].value
        text = clean("" if raw is None else str(raw))
        ok = text == r["value"] if r["whole"] else r["value"] in text
        if not ok:
            raise AssertionError(f"{path}: {r['path']} expected {r['value']!r} at {loc}, found {text!r}")


ROSTER_HEAD = ["氏名", "個人住所", "生年月日", "所属部署", "役職", "パスポート番号及び国籍（※４）"]
HKEYS = ["name", "address", "birth", "department", "position", "passport"]
HPATHS = ["name", "address", "birth_date", "department", "position", "passport_and_nationality"]


def roster_xlsx(path: Path, Ro: dict, layout: str = "ministry", findings=(), register=True):
    """情報取扱者名簿 as Excel. `ministry`: the seed layout on one sheet with
    the 体制図 below; `variant`: a margin column, the 体制図 on its own sheet."""
    F = "handler_roster"
    b = Built()
    b.forms.append((F, "r8"))
    wb = xlsx_workbook()
    ws = wb.active
    ws.title = "情報取扱者名簿"
    s = SheetW(ws, b)
    c0 = 1 if layout == "ministry" else 2  # first column index
    L = lambda i: get_column_letter(c0 + i)  # noqa: E731
    widths = [20, 5, 14, 30, 16, 24, 12, 22]
    if layout != "ministry":
        ws.column_dimensions["A"].width = 2
    for i, wdt in enumerate(widths):
        ws.column_dimensions[L(i)].width = wdt
    r0 = 1 if layout == "ministry" else 2
    s.put(f"{L(0)}{r0}", "（別添様式）", wrap=False)
    s.put(f"{L(0)}{r0 + 1}", "情報取扱者名簿及び情報管理体制図", to=f"{L(7)}{r0 + 1}", bold=True, align="center",
          size=12)
    s.put(f"{L(0)}{r0 + 3}", "①情報取扱者名簿", wrap=False)
    hr = r0 + 4
    s.put(f"{L(0)}{hr}", "", to=f"{L(1)}{hr}", border=True)
    for i, h in enumerate(ROSTER_HEAD):
        s.put(f"{L(i + 2)}{hr}", h, align="center", border=True)
    hs = Ro["handlers"]
    groups = []
    for i, h in enumerate(hs):
        if groups and groups[-1][0] == h["role"]:
            groups[-1][2] = i
        else:
            groups.append([h["role"], i, i])
    role_ref = {}
    for role, a, z in groups:
        ref = f"{L(0)}{hr + 1 + a}"
        s.put(ref, role, to=f"{L(0)}{hr + 1 + z}" if z > a else None, border=True)
        for i in range(a, z + 1):
            role_ref[i] = ref
    k = 0
    for i, h in enumerate(hs):
        row = hr + 1 + i
        ws.row_dimensions[row].height = 30
        s.put(f"{L(1)}{row}", h["label"], align="center", border=True)
        for ci, key in enumerate(HKEYS):
            s.put(f"{L(ci + 2)}{row}", h[key], border=True)
        if not any(h[key] for key in HKEYS):
            continue
        pre = f"handlers[{k}]"
        k += 1
        s.field(F, pre + ".role", role_ref[i], None, role_code(h["role"]))
        s.field(F, pre + ".label", f"{L(1)}{row}")
        for ci, (key, p) in enumerate(zip(HKEYS, HPATHS)):
            norm = _nr(norm_date(h[key])) if key == "birth" else NO
            s.field(F, f"{pre}.{p}", f"{L(ci + 2)}{row}", None, norm)
    r = hr + len(hs) + 2
    for line in T.ROSTER_NOTES:
        s.put(f"{L(0)}{r}", line, wrap=False, size=9)
        r += 1
    r += 1
    if layout == "ministry":
        dws, s2, dr = ws, s, r
        s.put(f"{L(0)}{r}", "②情報管理体制図", wrap=False)
        dr = r + 1
    else:
        dws = wb.create_sheet("情報管理体制図")
        s2 = SheetW(dws, b)
        dws.column_dimensions["A"].width = 2
        for i in range(8):
            dws.column_dimensions[get_column_letter(2 + i)].width = 14
        s2.put("B2", "②情報管理体制図", wrap=False)
        dr = 3
    top, bot = f"{L(0)}{dr}", f"{L(7)}{dr + 9}"
    s2.put(top, "\n".join(Ro["diagram"]), to=bot, valign="top", border=True)
    s2.field(F, "diagram", top)
    r = dr + 11
    for line in T.DIAGRAM_NOTES:
        s2.put(f"{L(0)}{r}", line, wrap=False, size=9)
        r += 1
    ws.print_area = f"{L(0)}1:{L(7)}{hr + len(hs) + 8}"
    return save_xlsx(wb, b, path, findings, register), b


def report_xlsx(path: Path, Rp: dict, findings=()):
    """実施状況報告書 as a ministry Excel sheet: labels in one column, values
    in the next, merged cells for the clause text."""
    F = "security_report"
    b = Built()
    b.forms.append((F, Rp["version"]))
    wb = xlsx_workbook()
    ws = wb.active
    ws.title = "実施状況報告書"
    s = SheetW(ws, b)
    for col, wdt in zip("ABCDEFGH", [12, 12, 16, 16, 16, 16, 16, 22]):
        ws.column_dimensions[col].width = wdt
    s.put("A1", "別紙４" if Rp["version"] == "r5" else "別紙", wrap=False)
    s.put("F3", Rp["date"], to="H3", align="right")
    s.field(F, "date", "F3", None, _nr(norm_date(Rp["date"])))
    s.put("A5", Rp["addressee"] + "　殿", to="D5")
    s.field(F, "addressee", "A5", Rp["addressee"])
    for i, (lab, key) in enumerate([("住所", "address"), ("名称", "name"), ("代表者氏名", "representative")]):
        row = 7 + i
        s.put(f"E{row}", lab, align="distributed")
        s.put(f"F{row}", Rp["reporter"][key], to=f"H{row}")
        s.field(F, f"reporter.{key}", f"F{row}")
    s.put("A11", "情報セキュリティに関する事項の遵守の方法の実施状況報告書", to="H11", bold=True, align="center", size=12)
    s.put("A13", "　情報セキュリティに関する事項１）の規定に基づき、下記のとおり報告します。", to="H13")
    s.put("A15", "記", to="H15", align="center")
    s.put("A17", "１．契約件名等", wrap=False)
    s.put("A18", "契約締結日", to="B18", border=True)
    s.put("C18", Rp["contract_date"], to="H18", border=True)
    s.field(F, "contract.date", "C18", None, _nr(norm_date(Rp["contract_date"])))
    s.put("A19", "契約件名", to="B19", border=True)
    s.put("C19", Rp["contract_title"], to="H19", border=True)
    ws.row_dimensions[19].height = 45
    s.field(F, "contract.title", "C19")
    s.put("A21", "２．報告事項", wrap=False)
    s.put("A22", "項目", to="B22", align="center", border=True)
    s.put("C22", "確認事項", to="G22", align="center", border=True)
    s.put("H22", "実施状況", align="center", border=True)
    items = [(lab, text) for lab, text in Rp["items"] if item_no(lab) not in Rp["omit"]]
    for i, (lab, text) in enumerate(items):
        row = 23 + i
        n = item_no(lab)
        s.put(f"A{row}", "情報セキュリティに関する事項\n" + lab, to=f"B{row}", valign="top", border=True)
        s.put(f"C{row}", text, to=f"G{row}", valign="top", border=True, size=9)
        ws.row_dimensions[row].height = min(409, 14 * (len(text) // 55 + text.count("\n") + 1))
        status, detail = Rp["status"][n]
        s.put(f"H{row}", "\n".join([status] + detail), valign="top", border=True)
        pre = f"items[{i}]"
        s.field(F, pre + ".number", f"A{row}", lab, n)
        s.field(F, pre + ".status", f"H{row}", status)
        if detail:
            s.field(F, pre + ".detail", f"H{row}", "\n".join(detail))
    r = 23 + len(items) + 1
    for line in T.REPORT_NOTES:
        s.put(f"A{r}", line, to=f"H{r}", size=9)
        ws.row_dimensions[r].height = 14 * (len(line) // 60 + 1)
        r += 1
    if Rp["betsuyo"]:
        bw = wb.create_sheet("別葉")
        s2 = SheetW(bw, b)
        bw.column_dimensions["A"].width = 10
        bw.column_dimensions["B"].width = 80
        s2.put("A1", "別葉", wrap=False)
        s2.put("A2", "「未実施」又は「該当なし」とした項目の理由", to="B2", align="center")
        s2.put("A4", "項目", align="center", border=True)
        s2.put("B4", "理由", align="center", border=True)
        nos = [item_no(lab) for lab, _ in items]
        for j, (n, reason) in enumerate(sorted(Rp["betsuyo"].items())):
            s2.put(f"A{5 + j}", zen(n) + "）", align="center", border=True)
            s2.put(f"B{5 + j}", reason, border=True)
            s2.field(F, f"items[{nos.index(n)}].detail", f"B{5 + j}")
    return save_xlsx(wb, b, path, findings), b


# ---------------------------------------------------------------------------
# Plain text as Word exports it (tab-separated cells, UTF-8 with BOM, CRLF)
# ---------------------------------------------------------------------------


def docx_to_txt(src: Path, dst: Path, resolved, b_src: Built, findings=()):
    body = read_docx_body(src)
    idx = DocIndex(body)
    pieces: list[str] = []
    pos = 0
    start: dict = {}  # element -> char offset where its text starts (keys keep proxies alive)

    def emit(s):
        nonlocal pos
        pieces.append(s)
        pos += len(s)

    for blk in block_children(body):
        if blk.tag == w("p"):
            start[blk] = pos
            t = p_text(blk)
            if t == "\n" and blk.find(".//" + w("br")) is not None:
                t = ""  # a page break is exported as an empty line
            emit(t + "\n")
        else:
            for tr in blk.findall(w("tr")):
                tcs = [tc for tc in tr.findall(w("tc")) if not tc_is_continuation(tc)]
                for k, tc in enumerate(tcs):
                    if k:
                        emit("\t")
                    start[tc] = pos
                    emit(tc_text(tc))
                emit("\n")
    text = "".join(pieces)
    b = Built(forms=list(b_src.forms))
    out = []
    keep = []  # hold element refs so id() stays valid
    for r in resolved:
        el = idx.at(r["location"])
        keep.append(el)
        if el not in start:
            raise AssertionError(f"{r['path']}: not a top-level block in {src}")
        raw = idx.text(el)
        off = start[el] + (raw.find(r["value"]) if r["value"] else len(raw) - len(raw.lstrip()))
        line = text.count("\n", 0, off) + 1
        out.append({**r, "location": {"line": line}})
    for f in findings:
        b.finding(*f)
    dst.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    # verify
    lines = dst.read_bytes()[3:].decode("utf-8").split("\r\n")
    for r in out:
        ln = lines[r["location"]["line"] - 1]
        if r["value"] and r["value"].split("\n")[0] not in ln:
            raise AssertionError(f"{dst}: {r['path']} {r['value']!r} not on line {r['location']}: {ln!r}")
    record(dst, dst.parent, b, out, "txt")
    return out


# ---------------------------------------------------------------------------
# LibreOffice
# ---------------------------------------------------------------------------

LO_PROFILE = Path(tempfile.gettempdir()) / "yoshiki_gen_samples_lo_profile"


def soffice(src: Path, target: str, outdir: Path) -> Path:
    exe = shutil.which("soffice")
    if not exe:
        raise RuntimeError("soffice not found")
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"-env:UserInstallation=file://{LO_PROFILE}", "--headless", "--convert-to", target,
           "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    ext = target.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    if not out.exists():
        raise RuntimeError(f"soffice did not write {out}")
    return out


def remap_docx(path: Path, resolved):
    """Locations of the same values in a file LibreOffice rewrote: the same
    place when the text is there, else the unique cell/paragraph that holds
    the same text."""
    idx = DocIndex(read_docx_body(path))
    out = []
    for r in resolved:
        el = idx.at(r["location"])
        if el is not None and clean(idx.text(el)) == r["anchor_text"]:
            out.append(dict(r))
            continue
        kind = "table" if "table" in r["location"] else "paragraph"
        cands = list(idx.cells()) if kind == "table" else idx.paras
        hits = [c for c in cands if clean(idx.text(c)) == r["anchor_text"]]
        if len(hits) != 1:
            raise AssertionError(f"{path}: cannot relocate {r['path']} ({len(hits)} candidates)")
        out.append({**r, "location": idx.locate(hits[0])})
    verify_docx(path, out)
    return out


# ---------------------------------------------------------------------------
# Planted package-level features (comments, revisions, hidden text, OLE,
# remote template, macros, encryption)
# ---------------------------------------------------------------------------

NSDECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')


def add_cell_comment(wr: Writer, tc_el, text: str, author: str, initials: str):
    """A Word comment anchored on the runs of a cell's first paragraph."""
    from docx.table import _Cell

    cell = _Cell(tc_el, None)
    runs = cell.paragraphs[0].runs
    c = wr.doc.add_comment(runs, text=text, author=author, initials=initials)
    c._comment_elm.set(qn("w:date"), "2026-05-20T10:15:00Z")
    return c


def tracked_status(old: str, new: str):
    """Hook for a status cell: `old` deleted and `new` inserted as tracked
    changes (not accepted)."""

    def hook(wr: Writer, cell):
        p = cell.paragraphs[0]
        p._p.append(parse_xml(
            f'<w:del {NSDECL} w:id="901" w:author="作成者" w:date="2026-10-29T10:00:00Z">'
            f'<w:r><w:delText>{old}</w:delText></w:r></w:del>'))
        p._p.append(parse_xml(
            f'<w:ins {NSDECL} w:id="902" w:author="作成者" w:date="2026-10-29T10:00:00Z">'
            f'<w:r><w:t>{new}</w:t></w:r></w:ins>'))

    return hook


def hidden_note(text: str):
    def pre_save(wr: Writer, b: Built):
        p = wr.doc.add_paragraph()
        r = p.add_run(text)
        r.font.hidden = True

    return pre_save


def attach_remote_template(target: str):
    def pre_save(wr: Writer, b: Built):
        sp = wr.doc.part._settings_part
        rid = sp.relate_to(
            target, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
            is_external=True)
        el = OxmlElement("w:attachedTemplate")
        el.set(qn("r:id"), rid)
        anchor = sp.element.find(qn("w:proofState"))
        anchor.addnext(el)

    return pre_save


def tiny_png() -> bytes:
    def chunk(kind, data):
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 8 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (8).to_bytes(4, "big") + (4).to_bytes(4, "big")
                                           + b"\x08\x02\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def embed_excel_object(wr: Writer, cell):
    """An Excel sheet embedded as an OLE object (as pasted with 形式を選択して貼り付け)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    wb = xlsx_workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "担当", "人数"
    ws["A2"], ws["B2"] = "当社", 4
    ws["A3"], ws["B3"] = "再委託先", 2
    bio = io.BytesIO()
    wb.save(bio)
    pkg = wr.doc.part.package
    ole = Part(PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _fixed_zip(bio.getvalue()), pkg)
    rid_ole = wr.doc.part.relate_to(ole, RT.PACKAGE)
    img = Part(PackURI("/word/media/image1.png"), "image/png", tiny_png(), pkg)
    rid_img = wr.doc.part.relate_to(img, RT.IMAGE)
    p = cell.add_paragraph()
    p._p.append(parse_xml(
        f'<w:r {NSDECL}><w:object w:dxaOrig="4320" w:dyaOrig="1440">'
        '<v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" '
        'path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/>'
        '<v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/>'
        '<o:lock v:ext="edit" aspectratio="t"/></v:shapetype>'
        '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:216pt;height:72pt" o:ole="">'
        f'<v:imagedata r:id="{rid_img}" o:title=""/></v:shape>'
        '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
        f'ObjectID="_1790000001" r:id="{rid_ole}"/></w:object></w:r>'))


def _fixed_zip(data: bytes) -> bytes:
    tmp = Path(tempfile.mkdtemp()) / "x.zip"
    tmp.write_bytes(data)
    normalize_zip(tmp)
    out = tmp.read_bytes()
    shutil.rmtree(tmp.parent)
    return out


def cfb(streams: dict) -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors) holding the given
    streams, each padded with CR LF to at least 4096 bytes (the mini stream
    cutoff) so that no mini stream is needed."""
    import struct

    SS = 512
    ENDC, FREE, FATS = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    assert len(names) <= 3
    datas = []
    for n in names:
        d = streams[n]
        if len(d) < 4096:  # pad with line ends (trailing whitespace after XML / text is harmless)
            d = d + b"\r\n" * ((4096 - len(d) + 1) // 2)
        datas.append(d)
    fat = [FATS, ENDC]  # sector 0: FAT, sector 1: directory
    starts = []
    for d in datas:
        nsec = (len(d) + SS - 1) // SS
        start = len(fat)
        starts.append(start)
        fat.extend(range(start + 1, start + nsec))
        fat.append(ENDC)
    assert len(fat) <= SS // 4
    fat += [FREE] * (SS // 4 - len(fat))

    def entry(name, typ, child, right, start, size):
        nm = (name + "\x00").encode("utf-16-le") if name else b""
        e = nm + b"\x00" * (64 - len(nm))
        e += struct.pack("<HBB", len(nm), typ, 1)
        e += struct.pack("<III", FREE, right, child)  # left, right, child
        e += b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16  # clsid, state, times
        e += struct.pack("<IQ", start, size)
        return e

    dir_ = entry("Root Entry", 5, 1 if names else FREE, FREE, ENDC, 0)
    for i, n in enumerate(names):
        right = i + 2 if i + 1 < len(names) else FREE
        dir_ += entry(n, 2, FREE, right, starts[i], len(datas[i]))
    while len(dir_) < SS:
        dir_ += entry("", 0, FREE, FREE, 0, 0)[:64] + struct.pack("<HBB", 0, 0, 0) + \
            struct.pack("<III", FREE, FREE, FREE) + b"\x00" * 36 + struct.pack("<IQ", 0, 0)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDC, 0, ENDC, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    assert len(header) == SS
    body = struct.pack("<%dI" % (SS // 4), *fat) + dir_
    for d in datas:
        body += d + b"\x00" * ((-len(d)) % SS)
    return header + body


def encrypted_ooxml(seed: str) -> bytes:
    """An OOXML file protected with a password (読み取りパスワード): a compound
    file with EncryptionInfo (agile) and EncryptedPackage streams."""
    rng = random.Random(zlib.crc32(seed.encode()))
    import base64

    salt = base64.b64encode(bytes(rng.randrange(256) for _ in range(16))).decode()
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        f'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="{salt}"/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        f'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="{salt}"/>'
        '</keyEncryptor></keyEncryptors></encryption>')
    info = (4).to_bytes(2, "little") + (4).to_bytes(2, "little") + (0x40).to_bytes(4, "little") + xml.encode()
    size = 9000
    pkg = size.to_bytes(8, "little") + bytes(rng.randrange(256) for _ in range(9008))
    return cfb({"EncryptionInfo": info, "EncryptedPackage": pkg})


def make_docm(src: Path, dst: Path):
    """A macro-enabled copy of a .docx (vbaProject.bin and its relationship)."""
    with zipfile.ZipFile(src) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
        order = [i.filename for i in z.infolist()]
    ct = entries["[Content_Types].xml"].decode()
    ct = ct.replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "application/vnd.ms-word.document.macroEnabled.main+xml")
    ct = ct.replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1)
    entries["[Content_Types].xml"] = ct.encode()
    rels = entries["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                        'Target="vbaProject.bin"/></Relationships>')
    entries["word/_rels/document.xml.rels"] = rels.encode()
    vba_src = ('Attribute VB_Name = "NewMacros"\r\nSub 日付挿入()\r\n'
               '    Selection.TypeText Text:=Format(Date, "ggge年m月d日")\r\nEnd Sub\r\n').encode("cp932")
    entries["word/vbaProject.bin"] = cfb({"PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\n'
                                                     b'Module=NewMacros\r\n', "NewMacros": vba_src})
    order.append("word/vbaProject.bin")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in order:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            out.writestr(zi, entries[name])
    dst.write_bytes(buf.getvalue())


# ---------------------------------------------------------------------------
# Sets
# ---------------------------------------------------------------------------


def write_config(set_dir: Path, title=True):
    set_dir.mkdir(parents=True, exist_ok=True)
    lines = ["# yoshiki configuration for this submission set (generated by scripts/gen_samples.py)",
             "[call]"]
    if title:
        lines.append(f'title = "{CALL_TITLE}"')
    lines += [f"budget_cap = {BUDGET_CAP:_}      # yen, tax included", f"general_admin_rate = {ADMIN_RATE:.2f}", ""]
    (set_dir / "yoshiki.toml").write_text("\n".join(lines), encoding="utf-8")


def app_builder(P):
    return lambda wr, b: build_application(wr, b, P["application"])


def prop_builder(P, opts=None):
    return lambda wr, b: build_proposal(wr, b, P["proposal"], opts)


def reason_builder(P):
    return lambda wr, b: build_reason(wr, b, P)


def roster_builder(P):
    return lambda wr, b: build_roster_docx(wr, b, P["roster"])


def report_builder(Rp, opts=None):
    return lambda wr, b: build_report(wr, b, Rp, opts)


def terms_builder():
    return lambda wr, b: build_security_terms(wr, b)


N_APP, N_PROP, N_REASON, N_ROSTER, N_REPORT = ("01_様式1_申請書", "02_様式2_企画提案書", "03_理由書",
                                                "04_情報取扱者名簿", "05_実施状況報告書")


def clean_set():
    d = SAMPLES / "clean"
    write_config(d)
    P = base_params()
    make_docx(d / f"{N_APP}.docx", [app_builder(P)])
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P)])
    make_docx(d / f"{N_REASON}.docx", [reason_builder(P)])
    roster_xlsx(d / f"{N_ROSTER}.xlsx", P["roster"])
    make_docx(d / f"{N_REPORT}.docx", [report_builder(P["report"])])


def clean_single_set():
    d = SAMPLES / "clean_single"
    write_config(d)
    P = base_params()
    make_docx(d / "全様式.docx", [app_builder(P), prop_builder(P), reason_builder(P), roster_builder(P),
                                  terms_builder(), report_builder(P["report"])])


# ---------------------------------------------------------------------------
# Self-check: an independent, simplified lint of the manifest and the files,
# so that every finding in the manifest is planted and every planted mistake
# is in the manifest (fails the generation otherwise).
# ---------------------------------------------------------------------------

PLACEHOLDERS = ["【例】", "＜記載例＞", "○○", "〇〇", "●●", "△△", "□□", "▲▲", "■■"]
REQUIRED = {
    "application": ["title", "applicant.name", "applicant.representative", "applicant.address", "contact.name",
                    "contact.name_kana", "contact.department", "contact.position", "contact.phone",
                    "contact.email"],
    "proposal": ["title", "implementation_method", "schedule", "track_record", "organization",
                 "information_management"] + [f"budget.{k}" for k in BUDGET_KEYS],
    "subcontract_reason": ["applicant.address", "applicant.name", "applicant.representative", "title",
                           "business_type", "main_work", "subcontract_ratio", "structure_diagram", "reasons"],
    "handler_roster": ["diagram"],
    "security_report": ["date", "addressee", "reporter.address", "reporter.name", "reporter.representative",
                        "contract.date", "contract.title"],
}
TITLE_FORMS = ("application", "proposal", "subcontract_reason")


def _full_text(path: Path) -> str:
    if path.suffix in (".docx", ".docm"):
        with zipfile.ZipFile(path) as z:
            root = etree.fromstring(z.read(PART))
        return "\n".join(p_text(p) for p in root.iter(w("p")))
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(str(path))
        return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    return path.read_bytes().decode("utf-8-sig")


def _package_codes(path: Path) -> list:
    codes = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if any(n.endswith("vbaProject.bin") for n in names):
            codes.append("SEC001")
        for n in names:
            if n.endswith(".rels"):
                rels = z.read(n).decode()
                for m in re.finditer(r"<Relationship [^>]*>", rels):
                    r = m.group(0)
                    if 'TargetMode="External"' in r and "/hyperlink" not in r:
                        codes.append("SEC002")
        if any("/embeddings/" in n for n in names):
            codes.append("SEC003")
        if "word/comments.xml" in names and b"<w:comment " in z.read("word/comments.xml"):
            codes.append("SEC004")
        doc = z.read(PART).decode() if PART in names else ""
        if re.search(r"<w:(ins|del) ", doc):
            codes.append("SEC005")
        core = z.read("docProps/core.xml").decode() if "docProps/core.xml" in names else ""
        if re.search(r"<dc:creator>[^<]+</dc:creator>|<cp:lastModifiedBy>[^<]+</cp:lastModifiedBy>", core):
            codes.append("SEC006")
        if "<w:vanish/>" in doc:
            codes.append("SEC007")
    return sorted(set(codes))


def selfcheck():
    import datetime as dt

    as_of = dt.date.fromisoformat(AS_OF)
    files = MANIFEST["files"]
    got: dict = {p: [] for p in files}
    sets: dict = {}
    for p, e in files.items():
        sets.setdefault(e["set"], []).append(p)

    def add(p, code, form=None, fld=None):
        got[p].append((code, form, fld))

    for p, e in files.items():
        path = ROOT / p
        data = path.read_bytes()
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            add(p, "IN002" if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P" in data else "IN003")
            continue
        if path.suffix in (".docx", ".docm", ".xlsx"):
            try:
                zipfile.ZipFile(path).testzip()
            except zipfile.BadZipFile:
                add(p, "IN001")
                continue
            for c in _package_codes(path):
                add(p, c)
        if not e["forms"]:
            add(p, "IN004")
            continue
        text = _full_text(path)
        for ph in PLACEHOLDERS:
            if ph in text and not any(ph in v["value"] for fs in e["fields"].values() for v in fs.values()):
                raise AssertionError(f"{p}: placeholder {ph} outside any field")
        if re.search(r"令和[\s　]*年[\s　]*月[\s　]*日", text) and not any(
                re.search(r"令和[\s　]*年", v["value"]) for fs in e["fields"].values() for v in fs.values()):
            raise AssertionError(f"{p}: incomplete date outside any field")
        for fv in e["forms"]:
            form = fv["form"]
            fs = e["fields"].get(form, {})
            val = lambda k: fs.get(k, {}).get("value")  # noqa: E731
            nrm = lambda k: fs.get(k, {}).get("normalized")  # noqa: E731
            if form == "security_terms":
                continue
            if form == "security_report":
                if "令和５年度版" in text or "令和５年度版" in text:
                    add(p, "VER001", form, "items[0]")
                if "内閣サイバーセキュリティセンター" in text:
                    add(p, "VER002", form, "items[1]")
                if "DKIM" not in text:
                    add(p, "VER003", form)
            for k in REQUIRED.get(form, []):
                if val(k) == "":
                    add(p, "REQ001", form, k)
                if val(k) is None:
                    raise AssertionError(f"{p}: required {form}.{k} not in manifest")
            if val("reception_number"):
                add(p, "REQ002", form, "reception_number")
            for k, v in fs.items():
                if any(ph in v["value"] for ph in PLACEHOLDERS):
                    add(p, "PH001", form, k)
            if form in TITLE_FORMS and val("title") != CALL_TITLE:
                add(p, "VER004", form, "title")
            if form == "application":
                if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", val("contact.email")):
                    add(p, "FMT001", form, "contact.email")
                if not re.fullmatch(r"0\d{1,4}-\d{1,4}-\d{4}", val("contact.phone")):
                    add(p, "FMT002", form, "contact.phone")
            if form == "proposal":
                B = {k: nrm(f"budget.{k}") for k in BUDGET_KEYS}
                for k in BUDGET_KEYS:
                    if val(f"budget.{k}") and B[k] is None:
                        add(p, "FMT004", form, f"budget.{k}")
                ok = lambda *ks: all(B[k] is not None for k in ks)  # noqa: E731
                if ok("personnel", "project_expenses", "subcontract", "general_admin", "subtotal") and \
                        B["personnel"] + B["project_expenses"] + B["subcontract"] + B["general_admin"] != B["subtotal"]:
                    add(p, "SUM001", form, "budget.subtotal")
                if ok("project_expenses", "travel", "venue", "honoraria", "assistant_personnel") and \
                        B["travel"] + B["venue"] + B["honoraria"] + B["assistant_personnel"] != B["project_expenses"]:
                    add(p, "SUM002", form, "budget.project_expenses")
                if ok("consumption_tax", "subtotal") and abs(B["consumption_tax"] - B["subtotal"] / 10) >= 1000:
                    add(p, "SUM003", form, "budget.consumption_tax")
                if ok("subtotal", "consumption_tax", "total") and B["subtotal"] + B["consumption_tax"] != B["total"]:
                    add(p, "SUM004", form, "budget.total")
                if ok("total") and B["total"] > BUDGET_CAP:
                    add(p, "SUM005", form, "budget.total")
                if ok("general_admin", "personnel", "project_expenses") and \
                        B["general_admin"] > ADMIN_RATE * (B["personnel"] + B["project_expenses"]) + 1e-6:
                    add(p, "SUM006", form, "budget.general_admin")
            if form == "subcontract_reason":
                if val("business_type") not in ("Ⅰ", "Ⅱ", "Ⅲ", "－"):
                    add(p, "SUB006", form, "business_type")
                i = 0
                while f"subcontractors[{i}].name" in fs:
                    pre = f"subcontractors[{i}]"
                    if val(pre + ".selection_method").startswith("一者選定") and not val(pre + ".selection_reason"):
                        add(p, "SUB004", form, pre + ".selection_method")
                    if nrm(pre + ".tier") == "sub_subcontractor" and val(pre + ".ratio") not in ("＿", "_", ""):
                        add(p, "SUB005", form, pre + ".ratio")
                    i += 1
            if form == "handler_roster":
                roles = [v["normalized"] for k, v in fs.items() if k.endswith(".role")]
                if "manager" not in roles:
                    add(p, "ROS001", form)
                i = 0
                while f"handlers[{i}].name" in fs:
                    pp = val(f"handlers[{i}].passport_and_nationality")
                    if pp and not re.search(r"[A-Z]{1,2}\d{6,8}", nfkc(pp)):
                        add(p, "ROS002", form, f"handlers[{i}].passport_and_nationality")
                    for k in ("name", "department", "position"):
                        if val(f"handlers[{i}].{k}") == "":
                            add(p, "REQ001", form, f"handlers[{i}].{k}")
                    bd = val(f"handlers[{i}].birth_date")
                    if bd and (nrm(f"handlers[{i}].birth_date") is None):
                        add(p, "FMT003", form, f"handlers[{i}].birth_date")
                    i += 1
            if form == "security_report":
                for k in ("date", "contract.date"):
                    v = val(k)
                    if re.fullmatch(r"令和[\s　]*年[\s　]*月[\s　]*日", v):
                        add(p, "REQ003", form, k)
                    elif v and (nrm(k) is None or dt.date.fromisoformat(nrm(k)) > as_of):
                        add(p, "FMT003", form, k)
                nums = []
                i = 0
                while f"items[{i}].number" in fs:
                    pre = f"items[{i}]"
                    nums.append(nrm(pre + ".number"))
                    st = val(pre + ".status")
                    if st not in ("実施", "未実施", "該当なし"):
                        add(p, "RPT001", form, pre + ".status")
                    elif st != "実施" and not val(pre + ".detail"):
                        add(p, "RPT002", form, pre + ".status")
                    i += 1
                if nums != list(range(2, 18)):
                    add(p, "RPT003", form)
    # set-level
    for sname, paths in sets.items():
        forms = {}
        for p in paths:
            for fv in files[p]["forms"]:
                forms.setdefault(fv["form"], []).append(p)
        F = lambda p, form: files[p]["fields"].get(form, {})  # noqa: E731
        props = forms.get("proposal", [])
        reasons = forms.get("subcontract_reason", [])
        for pp in props:
            B = F(pp, "proposal")
            sub, subtotal = B["budget.subcontract"].get("normalized"), B["budget.subtotal"].get("normalized")
            if sub and subtotal and sub / subtotal > 0.5 and not reasons:
                add(pp, "SUB001", "proposal", "budget.subcontract")
            total = B["budget.total"].get("normalized")
            for rp in reasons:
                R = F(rp, "subcontract_reason")
                rows = []
                i = 0
                while f"subcontractors[{i}].name" in R:
                    rows.append({k.split(".", 1)[1]: v for k, v in R.items() if k.startswith(f"subcontractors[{i}].")})
                    i += 1
                direct = [r for r in rows if r["tier"]["normalized"] == "subcontractor"]
                ssum = sum(r["amount"]["normalized"] for r in direct)
                if total and R["subcontract_ratio"].get("normalized") is not None and \
                        abs(R["subcontract_ratio"]["normalized"] - ssum * 100 / total) >= 0.1:
                    add(rp, "SUB002", "subcontract_reason", "subcontract_ratio")
                for j, r in enumerate(rows):
                    if r["tier"]["normalized"] == "subcontractor" and total and \
                            abs(r["ratio"]["normalized"] - r["amount"]["normalized"] * 100 / total) >= 0.1:
                        add(rp, "SUB003", "subcontract_reason", f"subcontractors[{j}].ratio")
                if sub is not None and min(abs(ssum - sub), abs(ssum - sub * 1.1)) > 1000:
                    add(rp, "XD003", "subcontract_reason")
        # XD001 / XD002: majority value, findings on the files that disagree
        for code, getters in (("XD001", [(f, "title") for f in TITLE_FORMS]),
                              ("XD002", [("application", "applicant.name"), ("subcontract_reason", "applicant.name"),
                                         ("security_report", "reporter.name")])):
            vals = []
            for form, k in getters:
                for p in forms.get(form, []):
                    if k in F(p, form):
                        vals.append((p, form, k, F(p, form)[k]["value"]))
            if len({v[3] for v in vals}) > 1:
                from collections import Counter

                major = Counter(v[3] for v in vals).most_common(1)[0][0]
                for p, form, k, v in vals:
                    if v != major:
                        add(p, code, form, k)
        # ROS003
        for rp in forms.get("handler_roster", []):
            roles = [v.get("normalized") for k, v in F(rp, "handler_roster").items() if k.endswith(".role")]
            declared = reasons or any(F(pp, "proposal")["budget.subcontract"].get("normalized") for pp in props)
            if declared and "subcontractor" not in roles:
                add(rp, "ROS003", "handler_roster")
    bad = []
    for p, e in files.items():
        want = sorted((f["code"], f.get("form"), f.get("field")) for f in e["findings"])
        have = sorted(set(got[p]))
        if want != have:
            bad.append(f"{p}:\n  manifest {want}\n  selfcheck {have}")
    if bad:
        raise AssertionError("self-check disagrees with the manifest:\n" + "\n".join(bad))


def main(argv):
    use_lo = "--no-libreoffice" not in argv
    only = [a for a in argv if not a.startswith("--")]
    if SAMPLES.exists():
        for child in SAMPLES.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
    SAMPLES.mkdir(exist_ok=True)
    steps = [clean_set, clean_single_set]
    steps += EXTRA_STEPS
    if use_lo:
        steps += LO_STEPS
    for step in steps:
        if only and step.__name__ not in only:
            continue
        step()
    MANIFEST["as_of"] = AS_OF
    MANIFEST["generator"] = "scripts/gen_samples.py"
    MANIFEST["files"] = dict(sorted(MANIFEST["files"].items()))
    if not only:
        selfcheck()
    sets: dict = {}
    for p, e in MANIFEST["files"].items():
        st = sets.setdefault(e["set"], {"config": None, "files": [], "errors": 0, "warnings": 0, "infos": 0})
        st["files"].append(p)
        for f in e["findings"]:
            st[{"error": "errors", "warning": "warnings", "info": "infos"}[f["severity"]]] += 1
    for name, st in sets.items():
        cfg = ROOT / name / "yoshiki.toml"
        st["config"] = rel(cfg) if cfg.exists() else None
        st["exit_status"] = 1 if st["errors"] else 0
    MANIFEST["sets"] = dict(sorted(sets.items()))
    out = json.dumps(MANIFEST, ensure_ascii=False, indent=1, sort_keys=False)
    (SAMPLES / "manifest.json").write_text(out + "\n", encoding="utf-8")
    print(f"wrote {len(MANIFEST['files'])} files into {rel(SAMPLES)}")



def r5_report_set():
    """The old 別紙４ (r5) report, filled, as .docx, .xlsx and .txt."""
    d = SAMPLES / "r5_report"
    d.mkdir(parents=True, exist_ok=True)  # no yoshiki.toml: a report alone needs no call config
    Rp = r5_report_params()
    fnd = [("VER001", "security_report", "items[0]", "２）が統一基準（令和５年度版）を引用"),
           ("VER002", "security_report", "items[1]", "３）が内閣官房内閣サイバーセキュリティセンター"),
           ("VER003", "security_report", None, "別紙４ r5 の条項（15(9) に DKIM/DMARC なし等）")]
    resolved, b = make_docx(d / "別紙4_実施状況報告書.docx", [report_builder(Rp)], findings=fnd)
    # The three files are one report: as a set, the .xlsx and .txt are second copies.
    dup = ("XD004", "security_report", None, "同じ報告書が一式に二つ（.docx と同じもの）",
           [rel(d / "別紙4_実施状況報告書.docx")])
    report_xlsx(d / "別紙4_実施状況報告書.xlsx", Rp, findings=fnd + [dup])
    docx_to_txt(d / "別紙4_実施状況報告書.docx", d / "別紙4_実施状況報告書.txt", resolved, b, findings=fnd + [dup])


def excel_set():
    d = SAMPLES / "excel"
    write_config(d)
    P = base_params()
    roster_xlsx(d / "roster.xlsx", P["roster"], layout="variant")
    report_xlsx(d / "security_report.xlsx", P["report"])


def mistakes_application():
    d = SAMPLES / "mistakes" / "application"
    write_config(d)
    P = base_params()
    A = P["application"]
    A["title"] = "令和８年度地域中小企業人材確保支援等調査・分析事業"
    A["reception"] = "１２"
    A["applicant"]["representative"] = "代表取締役社長　○○　○○"
    A["contact"]["department"] = ""
    A["contact"]["phone"] = "03-1234-567"
    A["contact"]["email"] = "m.sato＠mirai-soken.co.jp"
    F = "application"
    make_docx(d / f"{N_APP}.docx", [app_builder(P)], findings=[
        ("VER004", F, "title", "件名を略称で記載"),
        ("REQ002", F, "reception_number", "※記載不要の受付番号に記入"),
        ("PH001", F, "applicant.representative", "○○ が残っている"),
        ("REQ001", F, "contact.department", "所属（部署名）が空欄"),
        ("FMT002", F, "contact.phone", "電話番号の桁不足 03-1234-567"),
        ("FMT001", F, "contact.email", "全角＠"),
    ])


def mistakes_proposal():
    d = SAMPLES / "mistakes" / "proposal"
    write_config(d)
    P = base_params()
    Pp = P["proposal"]
    Pp["schedule_blank"] = True
    Pp["track_record"][0] = "【例】" + Pp["track_record"][0]
    Pp["budget"]["texts"]["assistant_personnel"] = "未定"
    F = "proposal"
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P, {"ole": embed_excel_object})], findings=[
        ("REQ001", F, "schedule", "２．実施スケジュールが空欄"),
        ("PH001", F, "track_record", "【例】 が残っている"),
        ("FMT004", F, "budget.assistant_personnel", "④補助職員人件費が「未定」（SUM002 はこの欄が数値でないため判定しない）"),
        ("SEC003", None, None, "４．実施体制の欄に Excel ワークシートを OLE 埋め込み"),
    ])
    make_docx(d / f"{N_REASON}.docx", [reason_builder(P)])


SUM_CASES = {
    # name: (budget, stated overrides, finding field, note)
    "sum001": (dict(I=9_000, III=20_000, IV=1_150), {"personnel": 9_500}, "budget.subtotal",
               "Ⅰを 9,500 に直したが小計を直していない（Ⅰ+Ⅱ+Ⅲ+Ⅳ=33,650 ≠ 33,150）"),
    "sum002": (dict(I=9_000, III=20_000, IV=1_150), {"venue": 1_500}, "budget.project_expenses",
               "②会場費 1,500 だがⅡは 3,000 のまま（①〜④=3,300）"),
    "sum003": (dict(I=9_000, III=20_000, IV=1_150), {"consumption_tax": 3_200, "total": 36_350},
               "budget.consumption_tax", "消費税を一般管理費抜きで計算（3,200 ≠ 3,315）、総額は小計+税で整合"),
    "sum004": (dict(I=9_000, III=20_000, IV=1_150), {"total": 36_645}, "budget.total",
               "総額の転記誤り 36,645（小計+税=36,465）"),
    "sum005": (dict(I=12_000, III=24_000, IV=1_400), {}, "budget.total",
               "総額 44,440 千円（税込 44,440,000 円）が上限 40,000,000 円を超過"),
    "sum006": (dict(I=9_000, III=20_000, IV=1_500), {}, "budget.general_admin",
               "一般管理費 1,500 が (Ⅰ+Ⅱ)=12,000 の 10% を超過"),
}


def mistakes_sum():
    for name, (bp, over, fld, note) in SUM_CASES.items():
        d = SAMPLES / "mistakes" / name
        write_config(d)
        P = base_params()
        P["proposal"]["budget"] = make_budget(bp["I"], (600, 1_200, 400, 800), bp["III"], bp["IV"], numbers=over)
        if bp["III"] != 20_000:  # 再委託先 amounts follow Ⅲ (tax included) so XD003 stays quiet
            subs = P["reason"]["subs"]
            subs[0]["amount"] = bp["III"] * 1000 * 11 // 10 * 13 // 20
            subs[1]["amount"] = bp["III"] * 1000 * 11 // 10 - subs[0]["amount"]
        code = name.upper()
        make_docx(d / f"{N_PROP}.docx", [prop_builder(P)], findings=[(code, "proposal", fld, note)])
        make_docx(d / f"{N_REASON}.docx", [reason_builder(P)])


def mistakes_sub001():
    d = SAMPLES / "mistakes" / "sub001"
    write_config(d)
    P = base_params()
    make_docx(d / f"{N_APP}.docx", [app_builder(P)])
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P)], findings=[
        ("SUB001", "proposal", "budget.subcontract", "Ⅲ÷小計=60.3% > 50% なのに理由書がない")])


def mistakes_reason():
    d = SAMPLES / "mistakes" / "reason"
    write_config(d)
    P = base_params()
    R = P["reason"]
    R["ratio_text"] = "54.8％"
    R["subs"][0]["ratio_text"] = "36.2%"
    R["subs"][1]["reason"] = None
    R["subs"][2]["ratio_text"] = "3.0%"
    R["business_type"] = "該当なし"
    R["diagram"] = R["diagram"] + ["株式会社○○（提案者）"]
    F = "subcontract_reason"
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P)])
    make_docx(d / f"{N_REASON}.docx", [reason_builder(P)], findings=[
        ("SUB006", F, "business_type", "事業類型に「該当なし」（Ⅰ Ⅱ Ⅲ － のいずれでもない）"),
        ("SUB002", F, "subcontract_ratio", "税抜Ⅲ÷税込総額で 54.8% と記載（正しくは 60.3%）"),
        ("SUB003", F, "subcontractors[0].ratio", "比率 36.2%（14,300,000÷36,465,000 は 39.2%）"),
        ("SUB004", F, "subcontractors[1].selection_method", "一者選定の理由がない"),
        ("SUB005", F, "subcontractors[2].ratio", "再々委託先に比率 3.0% を記入"),
        ("PH001", F, "structure_diagram", "履行体制図に「株式会社○○（提案者）」が残っている"),
    ])


def mistakes_crossdoc():
    d = SAMPLES / "mistakes" / "crossdoc"
    write_config(d)
    P = base_params()
    P["proposal"]["title"] = CALL_TITLE.replace("プラットフォーム（仮称）", "プラットフォーム")
    P["reason"]["applicant"]["name"] = "株式会社みらい総研"
    app = rel(d / f"{N_APP}.docx")
    make_docx(d / f"{N_APP}.docx", [app_builder(P)])
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P)], findings=[
        ("XD001", "proposal", "title", "企画提案書の件名だけ「（仮称）」が抜けている", [app]),
        ("VER004", "proposal", "title", "同上（公募の件名とも異なる）"),
    ])
    make_docx(d / f"{N_REASON}.docx", [reason_builder(P)], findings=[
        ("XD002", "subcontract_reason", "applicant.name", "理由書だけ略称「株式会社みらい総研」", [app]),
    ])
    make_docx(d / f"{N_REPORT}.docx", [report_builder(P["report"])])


def mistakes_xd003():
    d = SAMPLES / "mistakes" / "xd003"
    write_config(d)
    P = base_params()
    P["proposal"]["budget"] = make_budget(9_000, (600, 1_200, 400, 800), 18_000, 1_150)
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P)])
    make_docx(d / f"{N_REASON}.docx", [reason_builder(P)], findings=[
        ("XD003", "subcontract_reason", None,
         "再委託先の合計 22,000,000 円が様式２のⅢ 18,000 千円（税込 19,800,000 円）と合わない",
         [rel(d / f"{N_PROP}.docx")]),
    ])


def mistakes_roster():
    d = SAMPLES / "mistakes" / "roster"
    write_config(d)
    P = base_params()
    hs = P["roster"]["handlers"]
    for h in (hs[0], hs[5], hs[6]):
        for k in HKEYS:
            h[k] = ""
    hs[3]["passport"] = "ベトナム"
    F = "handler_roster"
    make_docx(d / f"{N_PROP}.docx", [prop_builder(P)])
    make_docx(d / f"{N_REASON}.docx", [reason_builder(P)])
    make_docx(d / f"{N_ROSTER}.docx", [roster_builder(P)], findings=[
        ("ROS001", F, None, "情報管理責任者Ａの行が空欄"),
        ("ROS002", F, "handlers[2].passport_and_nationality", "国籍「ベトナム」のみでパスポート番号がない"),
        ("ROS003", F, None, "再委託ありだが再委託先Ｆ・Ｇの行が空欄"),
    ])


def mistakes_report_items():
    d = SAMPLES / "mistakes" / "report_items"
    write_config(d)
    P = base_params()
    Rp = P["report"]
    Rp["date"] = "令和　　年　　月　　日"
    Rp["contract_date"] = "令和８年６月３１日"
    Rp["status"][4] = ("実施済み", [])
    Rp["status"][16] = ("該当なし", [])
    Rp["omit"] = {13}
    F = "security_report"
    make_docx(d / f"{N_REPORT}.docx", [report_builder(Rp)], findings=[
        ("REQ003", F, "date", "報告日が「令和　　年　　月　　日」のまま"),
        ("FMT003", F, "contract.date", "契約締結日 令和８年６月３１日 は存在しない"),
        ("RPT001", F, "items[2].status", "４）の実施状況が「実施済み」"),
        ("RPT003", F, None, "１３）の行が削除されている"),
        ("RPT002", F, "items[13].status", "１６）「該当なし」に理由がない"),
    ])


def mistakes_report_edition():
    d = SAMPLES / "mistakes" / "report_edition"
    write_config(d)
    P = base_params()
    Rp = P["report"]
    old = dict(r5_items())
    Rp["items"] = [(lab, old[lab] if item_no(lab) in (2, 3) else text) for lab, text in Rp["items"]]
    F = "security_report"
    make_docx(d / f"{N_REPORT}.docx", [report_builder(Rp)], findings=[
        ("VER001", F, "items[0]", "２）に前年の文言（令和５年度版）が残っている"),
        ("VER002", F, "items[1]", "３）に旧組織名 内閣官房内閣サイバーセキュリティセンター"),
    ])


def mistakes_hygiene():
    d = SAMPLES / "mistakes" / "hygiene"
    write_config(d)
    P = base_params()

    def comment(wr, b):
        phone = [f for f in b.fields if f.path == "contact.phone"][0]
        add_cell_comment(wr, phone.anchor, "直通番号に差し替えてから提出してください。", "佐藤 美咲", "佐")
        attach_remote_template(r"file:///\\fileserver01\共有\様式\公募申請書.dotx")(wr, b)

    make_docx(d / f"{N_APP}.docx", [app_builder(P)], pre_save=comment, core_people=("佐藤 美咲", "高橋 誠"),
              findings=[
                  ("SEC002", None, None, "社内サーバーのテンプレート（attachedTemplate、外部参照）"),
                  ("SEC004", None, None, "電話番号の欄にコメントが残っている"),
                  ("SEC006", None, None, "作成者・最終更新者に個人名"),
              ])
    make_docx(d / f"{N_REPORT}.docx", [report_builder(P["report"], {"status_hook": {6: tracked_status("未実施", "実施")}})],
              pre_save=hidden_note("社内メモ：提出前に情報システム部（内線２３４）の確認を受けること。"),
              findings=[
                  ("SEC005", None, None, "６）の実施状況に未承諾の変更履歴（未実施→実施）"),
                  ("SEC007", None, None, "末尾に隠し文字の社内メモ"),
              ])


def mistakes_files():
    """Files a reader cannot use: a cover letter, a macro-enabled copy, a
    truncated upload, a password-protected roster (and a legacy .doc, made by
    LibreOffice in `libreoffice_set`)."""
    d = SAMPLES / "mistakes" / "files"
    write_config(d)
    P = base_params()
    # cover letter: no known form
    wr = Writer(rel(d / "00_送付状.docx"))
    b = Built()
    wr.para("令和８年５月１５日", align="right")
    wr.para("中小企業庁　御中")
    wr.para("株式会社みらい総合研究所", align="right")
    wr.para("公共政策コンサルティング部　佐藤　美咲", align="right")
    wr.para()
    wr.para("提出書類送付のご案内", align="center", bold=True)
    wr.para()
    wr.para("拝啓　時下ますますご清栄のこととお慶び申し上げます。")
    wr.para("標記の公募につきまして、下記のとおり提出書類一式をお送りいたします。ご査収のほどよろしくお願い申し上げます。")
    wr.para("敬具", align="right")
    wr.para("記", align="center")
    for line in ["１．様式１（Word 形式）", "２．様式２（Word 形式）", "３．情報取扱者名簿（パスワード付き Excel、パスワードは別途メールにてお送りします）"]:
        wr.para(line)
    wr.para("以上", align="right")
    b.finding("IN004", note="送付状（様式ではない）")
    save_docx(wr, b, d / "00_送付状.docx")
    # macro-enabled copy of 様式１
    tmp = Path(tempfile.mkdtemp())
    dst = d / f"{N_APP}.docm"
    resolved, b = make_docx(tmp / f"{N_APP}.docx", [app_builder(P)], seed=rel(dst), register=False)
    make_docm(tmp / f"{N_APP}.docx", dst)
    verify_docx(dst, resolved)
    b.findings = []
    b.finding("SEC001", note="マクロ有効文書（vbaProject.bin）")
    b.finding("XD004", "application", note="様式１が .doc と .docm の二つ",
              related=[rel(d / f"{N_APP}.doc")])
    record(dst, d, b, resolved, "docm")
    # truncated 様式２
    resolved, b = make_docx(tmp / f"{N_PROP}.docx", [prop_builder(P)], seed=rel(d / f"{N_PROP}.docx"),
                            register=False)
    data = (tmp / f"{N_PROP}.docx").read_bytes()
    (d / f"{N_PROP}.docx").write_bytes(data[: len(data) * 3 // 5])
    b2 = Built()
    b2.finding("IN001", note="アップロード途中で切れたファイル（zip の中央ディレクトリがない）")
    record(d / f"{N_PROP}.docx", d, b2, [], "docx")
    # password-protected roster
    (d / f"{N_ROSTER}.xlsx").write_bytes(encrypted_ooxml("roster"))
    b3 = Built()
    b3.finding("IN002", note="読み取りパスワード付き（暗号化された OOXML）")
    record(d / f"{N_ROSTER}.xlsx", d, b3, [], "xlsx")
    shutil.rmtree(tmp)


def libreoffice_set():
    """Forms written by LibreOffice: a .docx re-saved by Writer, a .docx
    that went through .odt, an .xlsx re-saved by Calc; and the legacy .doc
    of `mistakes/files`."""
    d = SAMPLES / "libreoffice"
    write_config(d)
    P = base_params()
    tmp = Path(tempfile.mkdtemp())
    lo = tmp / "lo"
    # 様式１: python-docx -> Writer -> .docx
    dst = d / f"{N_APP}.docx"
    resolved, b = make_docx(tmp / f"{N_APP}.docx", [app_builder(P)], seed=rel(dst), register=False)
    out = soffice(tmp / f"{N_APP}.docx", 'docx:MS Word 2007 XML', lo)
    shutil.move(str(out), dst)
    normalize_zip(dst, lambda s: set_core_people(s, "", ""))
    record(dst, d, b, remap_docx(dst, resolved), "docx")
    # 報告書: python-docx -> .odt -> .docx
    dst = d / f"{N_REPORT}.docx"
    resolved, b = make_docx(tmp / f"{N_REPORT}.docx", [report_builder(P["report"])], seed=rel(dst), register=False)
    odt = soffice(tmp / f"{N_REPORT}.docx", "odt", lo)
    (tmp / "odt").mkdir()
    odt2 = tmp / "odt" / odt.name
    shutil.move(str(odt), odt2)
    out = soffice(odt2, 'docx:MS Word 2007 XML', lo)
    shutil.move(str(out), dst)
    normalize_zip(dst, lambda s: set_core_people(s, "", ""))
    record(dst, d, b, remap_docx(dst, resolved), "docx")
    # 名簿: openpyxl -> Calc -> .xlsx
    dst = d / f"{N_ROSTER}.xlsx"
    resolved, b = roster_xlsx(tmp / f"{N_ROSTER}.xlsx", P["roster"], register=False)
    out = soffice(tmp / f"{N_ROSTER}.xlsx", 'xlsx:Calc MS Excel 2007 XML', lo)
    shutil.move(str(out), dst)
    normalize_zip(dst, lambda s: set_core_people(s, "", ""))
    verify_xlsx(dst, resolved)
    record(dst, d, b, resolved, "xlsx")
    # legacy Word 97 .doc for mistakes/files (read by the MS-DOC reader:
    # the form is found, no finding)
    fd = SAMPLES / "mistakes" / "files"
    out = soffice(tmp / f"{N_APP}.docx", 'doc:MS Word 97', lo)
    shutil.move(str(out), fd / f"{N_APP}.doc")
    b = Built()
    b.forms.append(("application", "r8"))
    record(fd / f"{N_APP}.doc", fd, b, [], "doc")
    # Its fields are not listed (Word 97 locations), so its set is checked end to end only.
    MANIFEST["files"][rel(fd / f"{N_APP}.doc")]["codes_listed"] = "end to end only (fields of the .doc not listed)"
    shutil.rmtree(tmp)


EXTRA_STEPS: list = [r5_report_set, excel_set, mistakes_application, mistakes_proposal, mistakes_sum,
                     mistakes_sub001, mistakes_reason, mistakes_crossdoc, mistakes_xd003, mistakes_roster,
                     mistakes_report_items, mistakes_report_edition, mistakes_hygiene, mistakes_files]
LO_STEPS: list = [libreoffice_set]

if __name__ == "__main__":
    main(sys.argv[1:])
