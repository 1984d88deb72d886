#!/usr/bin/env python3
"""Filled copies of the real published blank forms (issue 19).

Usage: python3 scripts/fill_templates.py [--out DIR]

Reads every .docx/.xlsx under tests/fixtures/templates/blank/ (byte-identical
copies of ../shared/templates, see its README: public blank forms, never
edited by hand) and writes, by editing the real file as an applicant would,
into tests/fixtures/templates/filled/<template stem>/:

- clean_a / clean_b: two clean copies with different made-up applicants;
- one copy per planted defect where the form has the feature
  (REQ001 required entry blank, REQ003 date left blank, SUM001 total that
  does not add up, FMT001 full-width ＠ in an e-mail, REQ002 office-use box
  filled, TPL001 fixed sentence reworded, TPL002 template row deleted,
  PH001 example text left in).

and tests/fixtures/templates/manifest.json describing each file (template,
clean or planted with the expected code, the place as the template labels
it and a note, and the values filled, label as printed -> value).

Editing is done on the file's own XML: python-docx (which keeps every part
it does not touch) for Word; for Excel the sheet XML and sharedStrings are
edited with lxml, because openpyxl would drop the drawings (text boxes) and
other parts the forms carry. Nothing else of the file changes, except that
the document properties get a fixed modification time and the zip members
fixed timestamps, so that the output is the same bytes on every run.

The .xls (湖南市) is not filled: it is learned and checked as it is.
All data is made up.
"""
import argparse
import copy
import io
import json
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "templates"
BLANK = BASE / "blank"
FIXED = datetime(2026, 11, 25, 9, 0, 0)
FIXED_ISO = "2026-11-25T09:00:00Z"
ZIP_TIME = (2026, 11, 25, 9, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SS = "{%s}" % S_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Skip(Exception):
    pass


# --------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------
DATE_RE = [
    (re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"), r"\g<1>" + FIXED_ISO + r"\g<2>"),
    (re.compile(r"(<cp:lastModifiedBy>)[^<]*(</cp:lastModifiedBy>)"), r"\g<1>\g<2>"),
    (re.compile(r"<cp:lastModifiedBy/>"), r"<cp:lastModifiedBy></cp:lastModifiedBy>"),
]


def write_zip(members, path):
    """members: list of (name, bytes) in the original order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            if name == "docProps/core.xml":
                s = data.decode("utf-8")
                for rx, rep in DATE_RE:
                    s = rx.sub(rep, s)
                data = s.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------
def _owner_p(t):
    e = t.getparent()
    while e is not None and e.tag != qn("w:p"):
        e = e.getparent()
    return e


def _in_fallback(e):
    while e is not None:
        if e.tag == MC_FALLBACK:
            return True
        e = e.getparent()
    return False


class Word:
    """A .docx edited in place: text typed over the printed blanks."""

    def __init__(self, path):
        self.doc = docx.Document(str(path))
        self.body = self.doc.element.body

    # paragraphs in document order (text boxes included once: the VML
    # fallback copy is skipped)
    def paras(self):
        return [p for p in self.body.iter(qn("w:p")) if not _in_fallback(p)]

    @staticmethod
    def texts(p):
        return [t for t in p.iter(qn("w:t")) if _owner_p(t) is p]

    def ptext(self, p):
        return "".join(t.text or "" for t in self.texts(p))

    @staticmethod
    def _splice(ts, s, e, new):
        pos = 0
        first = None
        for t in ts:
            txt = t.text or ""
            a, b = pos, pos + len(txt)
            pos = b
            if first is None:
                if (a <= s < b) or (s == e and a <= s <= b and txt):
                    ls, le = s - a, min(e, b) - a
                    t.text = txt[:ls] + new + txt[le:]
                    t.set(XML_SPACE, "preserve")
                    first = t
            else:
                if a >= e:
                    break
                if b > s:
                    ls, le = max(s, a) - a, min(e, b) - a
                    t.text = txt[:ls] + txt[le:]
        if first is None:
            raise RuntimeError("splice: position not found")

    def sub(self, pattern, repl, occurrence=0, within=None, count=1):
        """Replace the first `count` matches of `pattern` in the
        `occurrence`-th paragraph that matches it (and contains `within`)."""
        rx = re.compile(pattern)
        seen = 0
        for p in self.paras():
            text = self.ptext(p)
            if within and within not in text:
                continue
            if not rx.search(text):
                continue
            if seen < occurrence:
                seen += 1
                continue
            done = 0
            while done < count:
                ts = self.texts(p)
                text = "".join(t.text or "" for t in ts)
                # search after the previous replacement
                m = rx.search(text, getattr(self, "_after", 0)) if done else rx.search(text)
                if not m:
                    break
                new = m.expand(repl)
                self._splice(ts, m.start(), m.end(), new)
                self._after = m.start() + len(new)
                done += 1
            self._after = 0
            if not done:
                raise RuntimeError(f"sub: no match for {pattern!r}")
            return p
        raise RuntimeError(f"sub: no paragraph matches {pattern!r} (occurrence {occurrence}, within {within!r})")

    def tick(self, option, occurrence=0, mark="■", within=None):
        """□ before `option` becomes ■ (or ☑)."""
        return self.sub("□([\u3000 ]?" + re.escape(option) + ")", mark + r"\1", occurrence, within)

    def tc(self, ti, ri, ci):
        tbl = self.doc.tables[ti]._tbl
        tr = tbl.findall(qn("w:tr"))[ri]
        return tr.findall(qn("w:tc"))[ci]

    def fill_cell(self, ti, ri, ci, text):
        """Type `text` into an empty table cell (its first paragraph)."""
        tc = self.tc(ti, ri, ci)
        p = tc.find(qn("w:p"))
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            raise RuntimeError(f"fill_cell: cell T{ti}R{ri}C{ci} is not blank")
        r = etree.SubElement(p, qn("w:r"))
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:rPr")) is not None:
            rpr = copy.deepcopy(ppr.find(qn("w:rPr")))
            rpr.tag = qn("w:rPr")
            for bad in rpr.findall(qn("w:del")) + rpr.findall(qn("w:ins")):
                rpr.remove(bad)
            r.append(rpr)
        for i, line in enumerate(text.split("\n")):
            if i:
                etree.SubElement(r, qn("w:br"))
            t = etree.SubElement(r, qn("w:t"))
            t.text = line
            t.set(XML_SPACE, "preserve")

    def cell_sub(self, ti, ri, ci, pattern, repl, count=1):
        tc = self.tc(ti, ri, ci)
        rx = re.compile(pattern)
        for p in tc.iter(qn("w:p")):
            ts = self.texts(p)
            text = "".join(t.text or "" for t in ts)
            m = rx.search(text)
            if m:
                self._splice(ts, m.start(), m.end(), m.expand(repl))
                return
        raise RuntimeError(f"cell_sub: {pattern!r} not in T{ti}R{ri}C{ci}")

    def delete_row(self, ti, ri):
        tbl = self.doc.tables[ti]._tbl
        tr = tbl.findall(qn("w:tr"))[ri]
        tbl.remove(tr)

    def delete_para(self, pattern):
        for p in self.paras():
            if re.search(pattern, self.ptext(p)):
                p.getparent().remove(p)
                return
        raise RuntimeError(f"delete_para: {pattern!r}")

    def save(self, path):
        cp = self.doc.core_properties
        cp.modified = FIXED
        cp.last_modified_by = ""
        buf = io.BytesIO()
        self.doc.save(buf)
        buf.seek(0)
        with zipfile.ZipFile(buf) as z:
            members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
        write_zip(members, path)


# --------------------------------------------------------------------------
# Excel (sheet XML edited in place)
# --------------------------------------------------------------------------
def split_ref(ref):
    col, row = coordinate_from_string(ref)
    return column_index_from_string(col), row


class Book:
    """A .xlsx edited at the XML level: values typed into cells, every other
    part (drawings, text boxes, validations, print settings) kept."""

    def __init__(self, path):
        self.members = read_zip(path)
        self.data = dict(self.members)
        wb = etree.fromstring(self.data["xl/workbook.xml"])
        rels = etree.fromstring(self.data["xl/_rels/workbook.xml.rels"])
        targets = {r.get("Id"): r.get("Target") for r in rels}
        self.sheet_part = {}
        self.sheet_order = []
        for sh in wb.iter(SS + "sheet"):
            t = targets[sh.get("{%s}id" % R_NS)]
            t = t.lstrip("/")
            part = t if t.startswith("xl/") else "xl/" + t
            self.sheet_part[sh.get("name")] = part
            self.sheet_order.append(sh.get("name"))
        self.trees = {}
        self.sst = etree.fromstring(self.data["xl/sharedStrings.xml"]) if "xl/sharedStrings.xml" in self.data else None
        self.sst_items = list(self.sst.iter(SS + "si")) if self.sst is not None else []
        self.calc_drop = set()

    def sheet(self, name):
        if name is None:
            name = self.sheet_order[0]
        if name not in self.trees:
            self.trees[name] = etree.fromstring(self.data[self.sheet_part[name]])
        return self.trees[name]

    @staticmethod
    def _si_text(si):
        out = []
        for t in si.iter(SS + "t"):
            # phonetic guides (rPh) are not part of the text
            anc = t.getparent()
            if anc is not None and anc.tag == SS + "rPh":
                continue
            out.append(t.text or "")
        return "".join(out)

    def _find_cell(self, name, ref, create):
        ws = self.sheet(name)
        sd = ws.find(SS + "sheetData")
        col, rown = split_ref(ref)
        row = None
        for r in sd.findall(SS + "row"):
            n = int(r.get("r"))
            if n == rown:
                row = r
                break
            if n > rown:
                if not create:
                    return None
                row = etree.Element(SS + "row", r=str(rown))
                r.addprevious(row)
                break
        if row is None:
            if not create:
                return None
            row = etree.SubElement(sd, SS + "row", r=str(rown))
        for c in row.findall(SS + "c"):
            ccol, _ = split_ref(c.get("r"))
            if ccol == col:
                return c
            if ccol > col:
                if not create:
                    return None
                new = etree.Element(SS + "c", r=ref)
                c.addprevious(new)
                self._style_from_neighbour(new, row, col)
                return new
        if not create:
            return None
        new = etree.SubElement(row, SS + "c", r=ref)
        self._style_from_neighbour(new, row, col)
        return new

    @staticmethod
    def _style_from_neighbour(new, row, col):
        if row.get("s") and row.get("customFormat") == "1":
            new.set("s", row.get("s"))

    def get(self, name, ref):
        c = self._find_cell(name, ref, False)
        if c is None:
            return None
        t = c.get("t")
        if t == "s":
            return self._si_text(self.sst_items[int(c.find(SS + "v").text)])
        if t == "inlineStr":
            return "".join(x.text or "" for x in c.iter(SS + "t"))
        v = c.find(SS + "v")
        return None if v is None else v.text

    def set(self, name, ref, value, must_be_blank=True):
        c = self._find_cell(name, ref, True)
        old = self.get(name, ref)
        if must_be_blank and old not in (None, "") and str(old).strip():
            raise RuntimeError(f"set: {name}!{ref} holds {old!r}")
        for ch in list(c):
            if ch.tag == SS + "f":
                self.calc_drop.add((name, ref))
            c.remove(ch)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "t" in c.attrib:
                del c.attrib["t"]
            v = etree.SubElement(c, SS + "v")
            v.text = str(value)
        else:
            c.set("t", "s")
            v = etree.SubElement(c, SS + "v")
            v.text = str(self._add_string(str(value)))

    def clear(self, name, ref):
        c = self._find_cell(name, ref, False)
        if c is None:
            return
        for ch in list(c):
            c.remove(ch)
        if "t" in c.attrib:
            del c.attrib["t"]

    def sub(self, name, ref, pattern, repl):
        old = self.get(name, ref)
        if old is None or not re.search(pattern, old):
            raise RuntimeError(f"sub: {pattern!r} not in {name}!{ref} ({old!r})")
        self.set(name, ref, re.sub(pattern, repl, old, count=1), must_be_blank=False)

    def _add_string(self, s):
        si = etree.SubElement(self.sst, SS + "si")
        t = etree.SubElement(si, SS + "t")
        t.text = s
        if s != s.strip() or "\n" in s:
            t.set(XML_SPACE, "preserve")
        self.sst_items.append(si)
        n = len(self.sst_items)
        self.sst.set("uniqueCount", str(n))
        self.sst.set("count", str(int(self.sst.get("count", str(n - 1))) + 1))
        return n - 1

    def save(self, path):
        out = []
        for name, data in self.members:
            if self.sst is not None and name == "xl/sharedStrings.xml":
                data = etree.tostring(self.sst, xml_declaration=True, encoding="UTF-8", standalone=True)
            for sname, part in self.sheet_part.items():
                if part == name and sname in self.trees:
                    data = etree.tostring(self.trees[sname], xml_declaration=True, encoding="UTF-8", standalone=True)
            if name == "xl/calcChain.xml" and self.calc_drop:
                cc = etree.fromstring(data)
                ids = {n: str(i + 1) for i, n in enumerate(self.sheet_order)}
                drop = {(ids[n], r) for n, r in self.calc_drop}
                cur = None
                for c in list(cc):
                    cur = c.get("i", cur)
                    if (cur, c.get("r")) in drop:
                        cc.remove(c)
                data = etree.tostring(cc, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.append((name, data))
        write_zip(out, path)


# --------------------------------------------------------------------------
# filling: one function per template; `f` records values and skips
# --------------------------------------------------------------------------
class Fill:
    """What was typed (label as printed -> value), and which labels the
    planted defect leaves untouched (`skip`)."""

    def __init__(self, skip=()):
        self.skip = set(skip)
        self.values = {}
        self.skipped = set()

    def __call__(self, label, value, action, record=True):
        if label in self.skip:
            self.skipped.add(label)
            return
        action()
        if record and value is not None:
            self.values[label] = value


def zen(s):
    """ASCII digits and signs as full width (as many applicants type)."""
    return s.translate(str.maketrans("0123456789-,()", "０１２３４５６７８９－，（）"))


def yen(n, full=False):
    s = f"{n:,}"
    return zen(s) if full else s


# --------------------------------------------------------------------------
# made-up applicants (all names, numbers and addresses invented)
# --------------------------------------------------------------------------
A = dict(
    key="a", full=True,
    org="株式会社みどり精工", org_kana="かぶしきがいしゃみどりせいこう",
    rep_title="代表取締役", rep="佐藤　健一", rep_kana="さとう　けんいち",
    postal="460-0008", pref="愛知県", city="名古屋市中区",
    addr="愛知県名古屋市中区栄三丁目５番１２号", tel="052-261-4870",
    email="jinji@midori-seiko.example.jp",
    maker="山本　直樹", maker_title="人事部長",
    worker="NGUYEN VAN AN", worker_kana="グエン　ヴァン　アン", sex="男", nationality="ベトナム",
    birth=(2001, 4, 12), date=(2026, 11, 20), contract=(2026, 11, 10),
    agency="株式会社グローバル人材ネット", agency_no="23-ユ-301245", agency_since=(2021, 4, 1),
    agency_addr="愛知県名古屋市中区錦二丁目４番１５号", agency_postal="460-0003", agency_tel="052-201-7788",
    broker="VIET NHAN LUC JSC", broker_country="ベトナム",
    broker_addr="ハノイ市カウザイ区チャンタイトン通り１２番", broker_tel="84-24-3795-6621",
    field="素形材・産業機械・電気電子情報関連製造業分野", work="機械金属加工",
    officers=[("佐藤　健一", "さとう　けんいち", "代表取締役"), ("佐藤　由美", "さとう　ゆみ", "取締役"),
              ("石田　誠", "いしだ　まこと", "監査役")],
    sales=[412300000, 398750000, 377120000], ordinary=[18250000, 15300000, 9800000],
    net=[11900000, 9650000, 6120000], assets=[152400000, 140500000, 130850000],
)
B = dict(
    key="b", full=False,
    org="有限会社さくら食品", org_kana="ゆうげんがいしゃさくらしょくひん",
    rep_title="代表取締役", rep="高橋　美和", rep_kana="たかはし　みわ",
    postal="812-0011", pref="福岡県", city="福岡市博多区",
    addr="福岡県福岡市博多区博多駅前二丁目８番３号", tel="092-473-5521",
    email="soumu@sakura-foods.example.jp",
    maker="中村　亮", maker_title="総務課長",
    worker="TRAN THI MAI", worker_kana="チャン　ティ　マイ", sex="女", nationality="ベトナム",
    birth=(1999, 9, 3), date=(2026, 11, 16), contract=(2026, 11, 2),
    agency="九州ワークブリッジ株式会社", agency_no="40-ユ-300876", agency_since=(2019, 10, 1),
    agency_addr="福岡県福岡市中央区天神一丁目１０番２０号", agency_postal="810-0001", agency_tel="092-715-3300",
    broker="HANOI HR SERVICES CO., LTD", broker_country="ベトナム",
    broker_addr="ハノイ市ドンダー区タイソン通り８８番", broker_tel="84-24-3857-1120",
    field="飲食料品製造業分野", work="飲食料品製造業全般",
    officers=[("高橋　美和", "たかはし　みわ", "代表取締役"), ("高橋　聡", "たかはし　さとし", "取締役")],
    sales=[186400000, 179020000, 171330000], ordinary=[6120000, 4870000, 3950000],
    net=[4010000, 3120000, 2500000], assets=[58300000, 54290000, 51170000],
)
PEOPLE = [A, B]


def num(p, s):
    """Digits as this applicant types them (A full width, B half width)."""
    return zen(s) if p["full"] else s


def reiwa(p, ymd, days=True):
    y, m, d = ymd
    if days:
        return num(p, f"令和{y - 2018}年{m}月{d}日")
    return num(p, f"令和{y - 2018}年{m}月")


def seireki(p, ymd):
    y, m, d = ymd
    return num(p, f"{y}年{m}月{d}日")


S = "[\u3000 ]*"   # printed blank: full-width or ASCII spaces


# ==========================================================================
# 参考様式第1-16号 雇用の経緯に係る説明書 (.docx)
# ==========================================================================
def fill_keii(w, p, f, bad_total=False):
    f("特定技能外国人", p["worker"], lambda: w.sub("特定技能外国人(\u3000+)との間で", "特定技能外国人　" + p["worker"] + "　との間で"))
    # 1 職業紹介事業者（国内）
    f("１　あっせんの有無", "有", lambda: w.cell_sub(0, 0, 1, "□(\u3000有)", "■\\g<1>"))
    no = num(p, p["agency_no"])
    f("２　許可・届出受理番号（受理受付年月日）", no + "（" + seireki(p, p["agency_since"]) + "）",
      lambda: w.cell_sub(0, 1, 1, ".+", no + "（" + seireki(p, p["agency_since"]) + "）"))
    f("３　職業紹介事業者の区分", "有料職業紹介事業者", lambda: w.cell_sub(0, 2, 1, "□(\u3000有料)", "■\\g<1>"))
    f("４　職業紹介事業者の氏名", p["agency"], lambda: w.fill_cell(0, 3, 1, p["agency"]))
    addr = "〒" + num(p, p["agency_postal"]) + "　" + p["agency_addr"] + "（電話番号　" + num(p, p["agency_tel"]) + "）"
    f("５　職業紹介事業者の住所（電話番号）", addr, lambda: w.cell_sub(0, 4, 1, ".+", addr))
    f("６　職業紹介事業者へ支払った費用 求職者（申請人） 額", num(p, "0円"), lambda: w.cell_sub(0, 5, 3, ".+", num(p, "0円")))
    f("６　職業紹介事業者へ支払った費用 求職者（申請人） 名目", "なし", lambda: w.cell_sub(0, 6, 3, ".+", "なし"))
    fee = 300000 if p is A else 250000
    f("６　職業紹介事業者へ支払った費用 求人者（特定技能所属機関） 額", yen(fee, p["full"]) + "円",
      lambda: w.cell_sub(0, 7, 3, ".+", yen(fee, p["full"]) + "円"))
    f("６　職業紹介事業者へ支払った費用 求人者（特定技能所属機関） 名目", "職業紹介手数料",
      lambda: w.cell_sub(0, 8, 3, ".+", "職業紹介手数料として"))
    # 2 取次機関（国外）
    f("１　取次ぎの有無", "有", lambda: w.cell_sub(1, 0, 1, "□(\u3000有)", "■\\g<1>"))
    f("２　氏名又は名称", p["broker"], lambda: w.fill_cell(1, 1, 1, p["broker"]))
    f("３　所在国", p["broker_country"], lambda: w.fill_cell(1, 2, 1, p["broker_country"]))
    loc = p["broker_addr"] + "（電話番号　" + num(p, p["broker_tel"]) + "）"
    f("４　所在地", loc, lambda: w.cell_sub(1, 3, 1, ".+", loc))
    f("５　取次機関へ支払った費用 求職者（申請人） 額", num(p, "1,500米ドル（225,000円）"),
      lambda: w.cell_sub(1, 4, 3, ".+", num(p, "1,500米ドル（225,000円）")))
    f("５　取次機関へ支払った費用 求職者（申請人） 名目", "日本語講習費用", lambda: w.cell_sub(1, 5, 3, ".+", "日本語講習費用として"))
    f("５　取次機関へ支払った費用 求人者（特定技能所属機関） 額", num(p, "（100,000円）"),
      lambda: w.cell_sub(1, 6, 3, ".+", num(p, "（100,000円）")))
    f("５　取次機関へ支払った費用 求人者（特定技能所属機関） 名目", "取次手数料", lambda: w.cell_sub(1, 7, 3, "として", "取次手数料として"))
    # 3 事前ガイダンス: 有・無 (A types ㊒, B deletes 無)
    f("第１号特定技能外国人支援計画に定めるとおりに実施していることの有無", "有",
      lambda: w.cell_sub(2, 0, 1, ".+", "㊒\u3000・\u3000無" if p is A else "有"))
    f("作成年月日", reiwa(p, p["date"]), lambda: w.sub("作成年月日：" + S + "年" + S + "月" + S + "日", "作成年月日：" + reiwa(p, p["date"])))
    f("特定技能所属機関の氏名又は名称", p["org"], lambda: w.sub("(特定技能所属機関の氏名又は名称)\u3000+", "\\g<1>　" + p["org"]))
    f("作成責任者の氏名及び役職", p["maker"] + "（" + p["maker_title"] + "）",
      lambda: w.sub("(作成責任者の氏名及び役職)\u3000+", "\\g<1>　" + p["maker"] + "（" + p["maker_title"] + "）"))
    # 4 自国等の機関に支払った費用 (rows 1–2 and 計)
    rows = [(p["broker"], "日本語講習費用", (2026, 3, 10), 1000, 150000),
            (p["broker"], "渡航手続費用", (2026, 6, 5), 500, 75000)]
    for i, (who, why, when, usd, jpy) in enumerate(rows, start=1):
        n = zen(str(i))
        f(f"４　支払先機関の名称 {n}", who, lambda: w.fill_cell(3, i, 1, who))
        f(f"４　名目 {n}", why, lambda: w.fill_cell(3, i, 2, why))
        f(f"４　支払年月日 {n}", seireki(p, when), lambda: w.cell_sub(3, i, 3, ".+", seireki(p, when)))
        amt = num(p, f"{usd:,}米ドル（{jpy:,}円）")
        f(f"４　支払金額 {n}", amt, lambda: w.cell_sub(3, i, 4, ".+", amt))
    tot_usd, tot_jpy = 1500, 225000
    if bad_total:
        tot_usd, tot_jpy = 1700, 255000
    tot = num(p, f"{tot_usd:,}米ドル（{tot_jpy:,}円）")
    f("４　計", tot, lambda: w.cell_sub(3, 6, 1, "（" + S + "円）", tot))
    f("申請人の署名", p["worker"], lambda: w.sub("(申請人の署名)[\u3000 ]+", "\\g<1>　" + p["worker"]))


KEII_PLANTS = [
    dict(id="req001_agency_name", code="REQ001", place="４　職業紹介事業者の氏名", skip=["４　職業紹介事業者の氏名"],
         note="1欄で有を選んだのに、職業紹介事業者の氏名が空欄"),
    dict(id="req003_date", code="REQ003", place="作成年月日", skip=["作成年月日"],
         note="作成年月日が「　年　月　日」のまま"),
    dict(id="sum001_total", code="SUM001", place="４　計", opts=dict(bad_total=True),
         note="４の計が 1,700米ドル（255,000円）: 行の合計は 1,500米ドル（225,000円）"),
    dict(id="tpl001_declaration", code="TPL001",
         place="以上の１から３までの内容について相違ありません。",
         after=lambda w: w.sub("以上の１から３までの内容について相違ありません。", "以上の内容について概ね相違ありません。"),
         note="宣誓文「以上の１から３までの内容について相違ありません。」を「以上の内容について概ね相違ありません。」に変えた"),
    dict(id="tpl002_row", code="TPL002", place="３　職業紹介事業者の区分",
         after=lambda w: w.delete_row(0, 2), drop=["３　職業紹介事業者の区分"],
         note="1 職業紹介事業者の表から「３　職業紹介事業者の区分」の行を削除"),
]



# ==========================================================================
# 参考様式第1-5号 特定技能雇用契約書 (.docx): blanks are spaces in prose
# ==========================================================================
def fill_keiyaku(w, p, f):
    f("特定技能所属機関（以下「甲」という。）", p["org"],
      lambda: w.sub("(特定技能所属機関)[\u3000 ]+(（以下「甲」)", "\\g<1>　" + p["org"] + "　\\g<2>"))
    f("特定技能外国人（候補者を含む。）（以下「乙」という。）", p["worker"],
      lambda: w.sub("(特定技能外国人（候補者を含む。）)[\u3000 ]+(（以下「乙」)", "\\g<1>　" + p["worker"] + "　\\g<2>"))
    f("年　月　日　締結", reiwa(p, p["contract"]),
      lambda: w.sub(S + "年" + S + "月" + S + "日" + S + "締結", "\u3000" * 6 + reiwa(p, p["contract"]) + "\u3000\u3000締結"))
    sig = p["org"] + "\u3000" + p["rep_title"] + "\u3000" + p["rep"]
    f("甲（特定技能所属機関名・代表者役職名・氏名・捺印）", sig,
      lambda: w.sub("甲[\u3000 ]+㊞", "甲\u3000" + sig + "\u3000㊞"))
    f("乙（特定技能外国人の署名）", p["worker"], lambda: w.sub("(㊞[\u3000 ]*乙)[\u3000 ]+$", "\\g<1>\u3000" + p["worker"]))


KEIYAKU_PLANTS = [
    dict(id="req001_party_a", code="REQ001", place="特定技能所属機関（以下「甲」という。）",
         skip=["特定技能所属機関（以下「甲」という。）"], note="甲（特定技能所属機関）の名称が空白のまま"),
    dict(id="req003_date", code="REQ003", place="年　月　日　締結", skip=["年　月　日　締結"],
         note="締結日が「年　月　日　締結」のまま"),
    dict(id="tpl001_copies", code="TPL001", place="本雇用契約書及び雇用条件書は２部作成し、甲乙それぞれが保有するものとする。",
         after=lambda w: w.sub("２部作成し、甲乙それぞれが保有する", "１部作成し、甲が保有する"),
         note="条項「２部作成し、甲乙それぞれが保有する」を「１部作成し、甲が保有する」に変えた"),
    # A clause deleted is the fixed wording deleted: TPL001 by the contract
    # (docs/spec.md: "altered or deleted (a clause, …)"); TPL002 is for a
    # row, item or section of the template.
    dict(id="tpl001_clause_deleted", code="TPL001", place="甲乙双方は、乙の在留資格に係る審査結果を互いに情報共有することとする。",
         after=lambda w: w.delete_para("^甲乙双方は、乙の在留資格に係る審査結果"),
         note="条項「甲乙双方は、乙の在留資格に係る審査結果を互いに情報共有することとする。」の段落を削除"),
]


# ==========================================================================
# 参考様式第1-6号 雇用条件書 + 別紙 賃金の支払 (.docx)
# ==========================================================================
def wage_plan(p):
    if p is A:
        base, allow = 210000, [("住宅", 10000, "一律支給"), ("通勤", 6000, "実費（上限月６，０００円）")]
        ded = [("税金", 5200), ("社会保険料", 31000), ("雇用保険料", 1300), ("食費", 0), ("居住費", 25000), ("水道光熱費", 4500)]
    else:
        base, allow = 198000, [("皆勤", 5000, "欠勤のない月に支給")]
        ded = [("税金", 4300), ("社会保険料", 28900), ("雇用保険料", 1200), ("食費", 8000), ("居住費", 20000), ("水道光熱費", 3000)]
    gross = base + sum(a[1] for a in allow)
    dsum = sum(d[1] for d in ded)
    return base, allow, ded, gross, dsum, gross - dsum


def fill_joken(w, p, f, bad_net=False):
    y = lambda ymd: reiwa(p, ymd)
    within = "特定技能所属機関名"
    f("（作成日）年　月　日", y(p["date"]), lambda: w.sub("^" + S + "年" + S + "月" + S + "日", y(p["date"]), within=None))
    f("殿", p["worker"], lambda: w.sub("^" + S + "殿", p["worker"] + "\u3000殿"))
    f("特定技能所属機関名", p["org"], lambda: w.sub("(特定技能所属機関名)" + S + "$", "\\g<1>\u3000" + p["org"]))
    f("所在地", p["addr"], lambda: w.sub("^(所在地)" + S + "$", "\\g<1>\u3000" + p["addr"]))
    f("電話番号", num(p, p["tel"]), lambda: w.sub("^(電話番号)" + S + "$", "\\g<1>\u3000" + num(p, p["tel"])))
    f("代表者　役職・氏名", p["rep_title"] + "\u3000" + p["rep"],
      lambda: w.sub("(代表者" + S + "役職・氏名)" + S + "$", "\\g<1>\u3000" + p["rep_title"] + "\u3000" + p["rep"]))
    start, end = (2027, 1, 1), (2027, 12, 31)
    f("１．雇用契約期間", y(start) + "～" + y(end),
      lambda: w.sub("（" + S + "年" + S + "月" + S + "日" + S + "～" + S + "年" + S + "月" + S + "日" + S + "）",
                    "（" + y(start) + "～" + y(end) + "）"))
    f("入国予定日", "（在留資格変更のため該当なし）" if False else y((2026, 12, 20)),
      lambda: w.sub("(入国予定日)" + S + "年" + S + "月" + S + "日", "\\g<1>\u3000" + y((2026, 12, 20))))
    f("２．契約の更新の有無", "更新する場合があり得る", lambda: w.tick("更新する場合があり得る"))
    f("更新の判断基準", "契約期間満了時の業務量", lambda: w.tick("契約期間満了時の業務量"))
    f("更新の判断基準 労働者の勤務成績、態度", "労働者の勤務成績、態度", lambda: w.tick("労働者の勤務成績、態度"))
    f("Ⅱ．就業の場所", "直接雇用", lambda: w.tick("直接雇用"))
    f("事業所名", p["org"] + "\u3000本社工場", lambda: w.sub("^(事業所名)" + S + "$", "\\g<1>\u3000" + p["org"] + "\u3000本社工場"))
    f("所在地（就業の場所）", p["addr"], lambda: w.sub("^(所在地)" + S + "(連絡先)" + S + "$",
                                               "\\g<1>\u3000" + p["addr"] + "\u3000\\g<2>\u3000" + num(p, p["tel"])))
    f("連絡先", num(p, p["tel"]), lambda: None)
    f("（変更の範囲）就業の場所", "変更の可能性なし", lambda: w.tick("変更の可能性なし"))
    f("１．分野", p["field"], lambda: w.sub("(分" + S + "野（)" + S + "(）)", "\\g<1>" + p["field"] + "\\g<2>"))
    f("２．業務区分", p["work"], lambda: w.sub("(業務区分（)" + S + "(）)", "\\g<1>" + p["work"] + "\\g<2>"))
    f("（変更の範囲）業務", "変更の可能性なし", lambda: w.tick("変更の可能性なし"))
    f("(1) 始業", num(p, "8時30分"), lambda: w.sub("(始業" + S + "（)" + S + "時" + S + "分", "\\g<1>" + num(p, "8時30分")))
    f("終業", num(p, "17時30分"), lambda: w.sub("(終業" + S + "（)" + S + "時" + S + "分", "\\g<1>" + num(p, "17時30分")))
    f("１日の所定労働時間数", num(p, "8時間0分"), lambda: w.sub("(１日の所定労働時間数)" + S + "時間" + S + "分", "\\g<1>" + num(p, "8時間0分")))
    f("２．休憩時間", num(p, "60分"), lambda: w.sub("(休憩時間" + S + "（)" + S + "分", "\\g<1>" + num(p, "60分")))
    f("３．所定労働時間数 ①週", num(p, "40時間0分"), lambda: w.sub("(①週（)" + S + "時間" + S + "分", "\\g<1>" + num(p, "40時間0分")))
    f("３．所定労働時間数 ②月", num(p, "173時間20分"), lambda: w.sub("(②月（)" + S + "時間" + S + "分", "\\g<1>" + num(p, "173時間20分")))
    f("３．所定労働時間数 ③年", num(p, "2080時間0分"), lambda: w.sub("(③年（)" + S + "時間" + S + "分", "\\g<1>" + num(p, "2080時間0分")))
    f("４．所定労働日数 ①週", num(p, "5日"), lambda: w.sub("(①週（)" + S + "日", "\\g<1>" + num(p, "5日")))
    f("４．所定労働日数 ②月", num(p, "21.7日"), lambda: w.sub("(②月（)" + S + "日", "\\g<1>" + num(p, "21.7日")))
    f("４．所定労働日数 ③年", num(p, "260日"), lambda: w.sub("(③年（)" + S + "日", "\\g<1>" + num(p, "260日")))
    f("５．所定時間外労働の有無", "有", lambda: w.tick("有", within="所定時間外労働の有無"))
    f("１．定例日：毎週", "土・日", lambda: w.sub("(毎週)" + S + "(曜日)", "\\g<1>土・日\\g<2>"))
    f("年間合計休日日数", num(p, "120日"), lambda: w.sub("(年間合計休日日数)" + S + "日", "\\g<1>" + num(p, "120日")))
    f("年次有給休暇 ６か月継続勤務した場合", num(p, "10日"), lambda: w.sub("(６か月継続勤務した場合→)" + S + "日", "\\g<1>" + num(p, "10日")))
    f("継続勤務６か月未満の年次有給休暇", "無", lambda: w.tick("無", within="継続勤務６か月未満"))
    base, allow, ded, gross, dsum, net = wage_plan(p)
    f("１．基本賃金 月給", yen(base, p["full"]) + "円",
      lambda: w.sub("□(" + S + "月給（)" + S + "円", "■\\g<1>" + yen(base, p["full"]) + "円"))
    names = [a[0] for a in allow] + [""] * (3 - len(allow))
    f("２．諸手当", "、".join(a[0] + "手当" for a in allow),
      lambda: w.sub("（" + S + "手当、" + S + "手当、" + S + "手当）",
                    "（" + "、".join((n + "手当") if n else "\u3000\u3000手当" for n in names) + "）"))
    for label, val in (("法定超月60時間以内", "25"), ("法定超月60時間超", "50"), ("所定超", "25"),
                       ("法定休日", "35"), ("法定外休日", "25"), ("深夜", "25")):
        f("割増賃金率 " + label, num(p, val) + "％", lambda: w.sub("(" + label + S + "（)" + S + "(）％)", "\\g<1>" + num(p, val) + "\\g<2>"))
    f("４．賃金締切日", num(p, "毎月末日"), lambda: w.sub("(締切日" + S + ")□(" + S + "毎月)" + S + "日", "\\g<1>■\\g<2>末日"))
    f("５．賃金支払日", num(p, "翌月25日"), lambda: w.sub("(支払日" + S + ")□(" + S + "毎月)" + S + "日", "\\g<1>■\\g<2>" + num(p, "25") + "日"))
    f("６．賃金支払方法", "口座振込", lambda: w.tick("口座振込"))
    f("７．労使協定に基づく賃金支払時の控除", "有", lambda: w.tick("有", within="労使協定に基づく賃金支払時の控除"))
    f("８．昇給", "有（毎年４月、勤務成績による）",
      lambda: w.sub("(昇給" + S + ")□(" + S + "有（時期、金額等)" + S + "）", "\\g<1>■\\g<2>\u3000毎年４月、勤務成績による）"))
    f("９．賞与", "無", lambda: w.sub("(賞与" + S + "□" + S + "有（時期、金額等" + S + "）、" + S + ")□(" + S + "無)", "\\g<1>■\\g<2>"))
    f("10．退職金", "無", lambda: w.sub("(退職金" + S + "□" + S + "有（時期、金額等" + S + "）、" + S + ")□(" + S + "無)", "\\g<1>■\\g<2>"))
    f("11. 休業手当", "有（率　平均賃金の６０％）", lambda: w.sub("(休業手当" + S + ")□(" + S + "有（率)" + S + "）", "\\g<1>■\\g<2>\u3000平均賃金の６０％）"))
    f("自己都合退職の手続", num(p, "30日前"), lambda: w.sub("(退職する)" + S + "(日前)", "\\g<1>" + num(p, "30") + "\\g<2>"))
    for ins in ("厚生年金", "健康保険", "雇用保険", "労災保険"):
        f("社会保険の加入状況 " + ins, ins, lambda: w.tick(ins))
    f("２．雇入れ時の健康診断", reiwa(p, (2027, 1, 1), days=False),
      lambda: w.sub("(雇入れ時の健康診断)" + S + "年" + S + "月", "\\g<1>\u3000" + reiwa(p, (2027, 1, 1), days=False)))
    f("３．初回の定期健康診断", reiwa(p, (2027, 10, 1), days=False),
      lambda: w.sub("(初回の定期健康診断)" + S + "年" + S + "月", "\\g<1>\u3000" + reiwa(p, (2027, 10, 1), days=False)))
    f("（その後　ごとに実施）", "１年", lambda: w.sub("(（その後)" + S + "(ごとに実施）)", "\\g<1>１年\\g<2>"))
    f("相談窓口 部署名", "総務部", lambda: w.sub("(部署名)" + S + "(担当者職氏名)", "\\g<1>\u3000総務部\u3000\\g<2>"))
    f("担当者職氏名", p["maker_title"] + "\u3000" + p["maker"],
      lambda: w.sub("(担当者職氏名)" + S + "(（連絡先)", "\\g<1>\u3000" + p["maker_title"] + "\u3000" + p["maker"] + "\\g<2>"))
    f("（連絡先）", num(p, p["tel"]), lambda: w.sub("(（連絡先)" + S + "(）)", "\\g<1>\u3000" + num(p, p["tel"]) + "\\g<2>"))
    f("受取人（署名）", p["worker"], lambda: w.sub("(受取人（署名）)", "\\g<1>\u3000" + p["worker"]))
    f("就業規則を確認できる場所や方法", "本社事務所に備え付け、社内掲示板に掲示",
      lambda: w.sub("(確認できる場所や方法（)" + S + "(）)", "\\g<1>本社事務所に備え付け、社内掲示板に掲示\\g<2>"))
    # 別紙 賃金の支払
    f("別紙 １．基本賃金 月給", yen(base, p["full"]) + "円",
      lambda: w.sub("□(" + S + "月給（)" + S + "円", "■\\g<1>" + yen(base, p["full"]) + "円"))
    hourly = round(base / 173.3)
    f("※月給・日給の場合の１時間当たりの金額", yen(hourly, p["full"]) + "円",
      lambda: w.sub("(１時間当たりの金額（)" + S + "円", "\\g<1>" + yen(hourly, p["full"]) + "円"))
    for i, (name, amt, how) in enumerate(allow):
        letter = "abcd"[i]
        f(f"２．諸手当 ({letter})", f"{name}手当 {yen(amt, p['full'])}円",
          lambda: w.sub("(\\(" + letter + "\\) （)" + S + "(手当)" + S + "(円／計算方法：)" + S + "(）)",
                        "\\g<1>" + name + "\\g<2>\u3000" + yen(amt, p["full"]) + "\\g<3>" + how + "\\g<4>"))
    f("３．１か月当たりの支払概算額（１＋２）", yen(gross, p["full"]) + "円",
      lambda: w.sub("(（１＋２）" + S + "約)" + S + "(円（合計）)", "\\g<1>" + yen(gross, p["full"]) + "\\g<2>"))
    for (name, amt), pat in zip(ded, ("税" + S + "金", "社会保険料", "雇用保険料", "食" + S + "費", "居" + S + "住" + S + "費", "その他 （水道光熱費）")):
        f(f"４．控除 {name}", yen(amt, p["full"]) + "円",
          lambda: w.sub("(" + pat + S + "（約)" + S + "(円）)", "\\g<1>" + yen(amt, p["full"]) + "\\g<2>"))
    f("控除する金額", yen(dsum, p["full"]) + "円",
      lambda: w.sub("(控除する金額" + S + "約)" + S + "(円（合計）)", "\\g<1>" + yen(dsum, p["full"]) + "\\g<2>"))
    shown = net + 10000 if bad_net else net
    f("５．手取り支給額（３－４）", yen(shown, p["full"]) + "円",
      lambda: w.sub("(（３－４）" + S + "約)" + S + "(円（合計）)", "\\g<1>" + yen(shown, p["full"]) + "\\g<2>"))


JOKEN_PLANTS = [
    dict(id="req001_org", code="REQ001", place="特定技能所属機関名", skip=["特定技能所属機関名"],
         note="冒頭の特定技能所属機関名が空白"),
    dict(id="req003_date", code="REQ003", place="年　月　日（冒頭の作成日）", skip=["（作成日）年　月　日"],
         note="冒頭の日付が「年　月　日」のまま"),
    dict(id="sum001_net", code="SUM001", place="５．手取り支給額（３－４）", opts=dict(bad_net=True),
         note="手取り支給額が ３－４ より 10,000円多い"),
    dict(id="tpl001_dismissal", code="TPL001", place="２．解雇の事由及び手続",
         after=lambda w: w.sub("少なくとも30日前に予告をするか", "少なくとも14日前に予告をするか"),
         note="解雇の予告「少なくとも30日前」を「少なくとも14日前」に変えた"),
]


# ==========================================================================
# 参考様式第1-11-1号 特定技能所属機関概要書 (.docx)
# ==========================================================================
def fill_gaiyo(w, p, f, self_support=None):
    if self_support is None:
        self_support = p is B
    for i, (name, kana, title) in enumerate(p["officers"]):
        n = "①②③④⑤"[i]
        f(f"（１）役員氏名 {n} ふりがな", kana, lambda: w.fill_cell(0, 2 * i, 2, kana))
        f(f"（１）役員氏名 {n}", name, lambda: w.fill_cell(0, 2 * i + 1, 2, name))
        f(f"（１）役員氏名 {n} 役職", title, lambda: w.fill_cell(0, 2 * i, 4, title))
    for ri, (label, key) in enumerate((("売上高", "sales"), ("経常損益", "ordinary"), ("純損益", "net"), ("純資産", "assets")), start=1):
        for ci, period in enumerate(("前年度", "前々年度", "前々々年度"), start=1):
            v = yen(p[key][ci - 1], p["full"])
            f(f"{label} {period}", v + "円", lambda: w.cell_sub(1, ri, ci, "^" + S + "円", v + "円"))
    for ri, who in ((2, "日本人労働者"), (3, "外国人労働者")):
        for ci, kind in ((2, "自発的離職者"), (3, "非自発的離職者")):
            v = num(p, "1名" if (ri, ci) == (2, 2) else "0名")
            f(f"離職状況 {who} {kind}", v, lambda: w.cell_sub(2, ri, ci, "^" + S + "名", v))
    for ri, who in ((4, "特定技能１号及び２号"), (5, "技能実習")):
        f(f"（２）前１年間の行方不明者数 {who}", num(p, "0名"), lambda: w.cell_sub(2, ri, 2, "^" + S + "名", num(p, "0名")))
    if self_support:
        f("４（１）過去２年間に中長期在留者の受入れ又は管理を適正に行った実績", "過去２年間に中長期在留者（注）の受入れ又は管理を適正に行った実績を有すること", lambda: w.cell_sub(3, 0, 0, "□", "■"))
        for ri, lab in ((1, "直近１年前"), (2, "直近２年前")):
            f(f"受入れ・管理人数 {lab}", num(p, "3名"), lambda: w.cell_sub(3, ri, 3, S + "名", num(p, "3名")))
            f(f"受入れ期間中の法令遵守 {lab}", "法令遵守", lambda: w.cell_sub(3, ri, 4, "□(" + S + "法令遵守)", "■\\g<1>"))
        f("受け入れた中長期在留者リスト", "受け入れた中長期在留者リスト（参考様式第１－１１－２号）", lambda: w.cell_sub(3, 3, 3, "□(" + S + "受け入れた)", "■\\g<1>"))
        f("過去５年間に労働基準監督署から是正勧告を受けたことの有無", "是正勧告なし",
          lambda: w.cell_sub(4, 9, 4, "□(" + S + "是正勧告なし)", "■\\g<1>"))
        rows = [(p["worker"], "製造部", p["maker"], p["maker_title"], "鈴木　恵", "総務部主任")]
        for ri, row in enumerate(rows, start=2):
            for ci, v in enumerate(row, start=1):
                lab = ["支援対象者（申請人） 氏名", "支援対象者（申請人） 所属部署役職", "支援責任者 氏名",
                       "支援責任者 所属部署役職", "支援担当者 氏名", "支援担当者 所属部署役職"][ci - 1]
                f(f"５ {lab} {ri - 1}", v, lambda: w.fill_cell(5, ri, ci, v))
    f("（作成日）年　月　日", reiwa(p, p["date"]),
      lambda: w.sub("^" + S + "年" + S + "月" + S + "日$", "\u3000" * 10 + reiwa(p, p["date"])))
    f("特定技能所属機関の氏名又は名称", p["org"],
      lambda: w.sub("(特定技能所属機関の氏名又は名称)$", "\\g<1>\u3000" + p["org"]))
    f("作成責任者　役職・氏名", p["maker_title"] + "\u3000" + p["maker"],
      lambda: w.sub("(作成責任者" + S + "役職・氏名)" + S + "$", "\\g<1>\u3000" + p["maker_title"] + "\u3000" + p["maker"]))


GAIYO_PLANTS = [
    dict(id="req001_officer", code="REQ001", place="（１）役員氏名 ①", skip=["（１）役員氏名 ①"],
         note="役員①のふりがなと役職はあるが氏名が空欄"),
    dict(id="req003_date", code="REQ003", place="年　月　日（上記の記載内容は…の日付）", skip=["（作成日）年　月　日"],
         note="末尾の日付が「年　月　日」のまま"),
    dict(id="tpl001_declaration", code="TPL001", place="上記の記載内容は、事実と相違ありません。",
         after=lambda w: w.sub("上記の記載内容は、事実と相違ありません。", "上記の記載内容は、おおむね事実です。"),
         note="宣誓文を「上記の記載内容は、おおむね事実です。」に変えた"),
    dict(id="tpl002_row", code="TPL002", place="純資産", after=lambda w: w.delete_row(1, 4),
         drop=["純資産 前年度", "純資産 前々年度", "純資産 前々々年度"],
         note="２ 決算状況の表から「純資産」の行を削除"),
]



# ==========================================================================
# 様式第一号別紙一 役員等の一覧表 (.xlsx, character grid)
# ==========================================================================
YAKUIN = "様式第一号別紙一"


def fill_yakuin(b, p, f):
    f("令和　年　月　日", reiwa(p, p["date"]),
      lambda: b.sub(YAKUIN, "FD5", "令和" + S + "年" + S + "月" + S + "日", reiwa(p, p["date"])))
    for i, (name, kana, title) in enumerate(p["officers"]):
        r = 9 + i
        sei, mei = name.split("\u3000")
        n = i + 1
        f(f"氏 {n}", sei, lambda: b.set(YAKUIN, f"B{r}", sei))
        f(f"名 {n}", mei, lambda: b.set(YAKUIN, f"AL{r}", mei))
        f(f"役名等 {n}", title, lambda: b.set(YAKUIN, f"BT{r}", title))
        kind = "非常勤" if title == "監査役" else "常勤"
        f(f"常勤・非常勤の別 {n}", kind, lambda: b.set(YAKUIN, f"EL{r}", kind))


YAKUIN_PLANTS = [
    dict(id="req001_title", code="REQ001", place="役名等", skip=["役名等 1"],
         note="１行目の役員（氏名あり）の役名等が空欄"),
    dict(id="req003_date", code="REQ003", place="令和　年　月　日", skip=["令和　年　月　日"],
         note="日付が「令和　年　月　日」のまま"),
    dict(id="tpl001_footnote", code="TPL001", place="（記載要領）１　法人の役員、顧問、相談役又は…",
         after=lambda b: b.sub(YAKUIN, "B32", "100分の５以上を有する株主", "100分の10以上を有する株主"),
         note="記載要領の「100分の５以上を有する株主」を「100分の10以上を有する株主」に変えた"),
]


# ==========================================================================
# 介護保険負担限度額認定申請書 (.xlsx, label grid)
# ==========================================================================
KAIGO = "Sheet1"


def fill_kaigo(b, p, f):
    if p is A:
        ins = dict(kana="タナカ　トミコ", name="田中　トミ子", no="0001234567", myno="987654321098",
                   birth="昭和15年3月8日", postal="463-0011", addr="名古屋市守山区小幡一丁目２番３号", tel="052-791-0000",
                   fac="特別養護老人ホーム　みどりの丘", fac_addr="名古屋市守山区大森二丁目１０番５号", fac_tel="052-798-1111",
                   since=(2024, 4, 1), spouse=None, deposit=3200000, securities=0, other=50000, other_what="現金",
                   applicant=None)
    else:
        ins = dict(kana="ヤマダ　イサム", name="山田　勇", no="0007654321", myno="876543210987",
                   birth="昭和12年11月20日", postal="812-0044", addr="福岡市博多区千代四丁目１番１号", tel="092-641-0000",
                   fac="介護老人保健施設　はかた苑", fac_addr="福岡市博多区千代五丁目２番２号", fac_tel="092-651-2222",
                   since=(2025, 9, 1),
                   spouse=dict(kana="ヤマダ　ハナ", name="山田　ハナ", birth="昭和14年5月2日", myno="765432109876",
                               postal="812-0044", addr="福岡市博多区千代四丁目１番１号", tel="092-641-0000"),
                   deposit=4100000, securities=300000, other=80000, other_what="現金",
                   applicant=dict(name="山田　一郎", tel="090-1234-5678", addr="福岡市東区香椎駅前一丁目３番４号", rel="長男"))
    f("（申請日）年　月　日", reiwa(p, p["date"]), lambda: b.sub(KAIGO, "H3", "^.*$", reiwa(p, p["date"])))
    f("フリガナ", ins["kana"], lambda: b.set(KAIGO, "C6", ins["kana"]))
    f("被保険者氏名", ins["name"], lambda: b.set(KAIGO, "C7", ins["name"]))
    f("被保険者番号", ins["no"], lambda: b.set(KAIGO, "I6", ins["no"]))
    f("個人番号", ins["myno"], lambda: b.set(KAIGO, "I8", ins["myno"]))
    f("生年月日", num(p, ins["birth"]), lambda: b.sub(KAIGO, "C9", "^.*$", num(p, ins["birth"])))
    f("住所", "〒" + ins["postal"] + "　" + ins["addr"], lambda: (b.set(KAIGO, "C10", "〒" + num(p, ins["postal"])),
                                                             b.set(KAIGO, "C11", ins["addr"])))
    f("連絡先", num(p, ins["tel"]), lambda: b.set(KAIGO, "I12", num(p, ins["tel"])))
    f("入所（院）した介護保険施設の所在地及び名称", ins["fac"],
      lambda: (b.set(KAIGO, "C13", ins["fac"]), b.set(KAIGO, "C15", ins["fac_addr"])))
    f("連絡先（施設）", num(p, ins["fac_tel"]), lambda: b.set(KAIGO, "I14", num(p, ins["fac_tel"])))
    f("入所（院）年月日", reiwa(p, ins["since"]), lambda: b.sub(KAIGO, "C17", "^.*$", reiwa(p, ins["since"])))
    sp = ins["spouse"]
    f("配偶者の有無", "有" if sp else "無",
      lambda: b.sub(KAIGO, "C20", "^.*$", "有" if sp else "無"))
    if sp:
        f("配偶者 フリガナ", sp["kana"], lambda: b.set(KAIGO, "C22", sp["kana"]))
        f("配偶者 氏名", sp["name"], lambda: b.set(KAIGO, "C23", sp["name"]))
        f("配偶者 生年月日", num(p, sp["birth"]), lambda: b.sub(KAIGO, "C25", "^.*$", num(p, sp["birth"])))
        f("配偶者 個人番号", sp["myno"], lambda: b.set(KAIGO, "K25", sp["myno"]))
        f("配偶者 住所", "〒" + sp["postal"] + "　" + sp["addr"],
          lambda: (b.sub(KAIGO, "C26", "〒", "〒" + num(p, sp["postal"])), b.set(KAIGO, "C27", sp["addr"])))
        f("配偶者 連絡先", num(p, sp["tel"]), lambda: b.set(KAIGO, "I27", num(p, sp["tel"])))
        f("課税状況 市町村民税", "非課税", lambda: b.sub(KAIGO, "E33", "^.*$", "非課税"))
    f("収入等に関する申告", "③市町村民税世帯非課税者であって、", lambda: b.sub(KAIGO, "C37", "□", "■"))
    f("預貯金等に関する申告", "預貯金、有価証券等の金額の合計が②の方は１０００万円（夫婦は２０００万円）、", lambda: b.sub(KAIGO, "C47", "□", "■"))
    f("預貯金額", yen(ins["deposit"]) + "円", lambda: b.sub(KAIGO, "E51", "^円$", yen(ins["deposit"]) + "円"))
    f("有価証券（評価概算額）", yen(ins["securities"]) + "円", lambda: b.sub(KAIGO, "H51", "^円$", yen(ins["securities"]) + "円"))
    f("その他（現金・負債を含む）", yen(ins["other"]) + "円", lambda: b.sub(KAIGO, "K52", "^円$", yen(ins["other"]) + "円"))
    f("その他 内容", ins["other_what"], lambda: b.sub(KAIGO, "K51", "（" + S + "）", "（" + ins["other_what"] + "）"))
    ap = ins["applicant"]
    if ap:
        f("申請者氏名", ap["name"], lambda: b.set(KAIGO, "C56", ap["name"]))
        f("連絡先（自宅・勤務先）", num(p, ap["tel"]), lambda: b.set(KAIGO, "I57", num(p, ap["tel"])))
        f("申請者住所", ap["addr"], lambda: b.set(KAIGO, "C58", ap["addr"]))
        f("本人との関係", ap["rel"], lambda: b.set(KAIGO, "K59", ap["rel"]))


KAIGO_PLANTS = [
    dict(id="req001_name", code="REQ001", place="被保険者氏名", skip=["被保険者氏名"], note="被保険者氏名が空欄"),
    dict(id="req003_date", code="REQ003", place="（申請日）年　月　日", skip=["（申請日）年　月　日"],
         note="申請日が「年　月　日」のまま"),
    dict(id="tpl001_statement", code="TPL001", place="次のとおり関係書類を添えて、食費・居住費（滞在費）に係る負担限度額認定を申請します。",
         after=lambda b: b.sub(KAIGO, "A5", "関係書類を添えて、", ""),
         note="申請文から「関係書類を添えて、」を削った"),
]


# ==========================================================================
# 【保育施設申請用】診断書 (.xlsx; four identical pages, the doctor fills the first)
# ==========================================================================
def fill_shindan(b, p, f):
    sh = "Sheet1"
    if p is A:
        d = dict(name="田中　美咲", birth=(1990, 5, 14), disease="腰椎椎間板ヘルニア", frm=(2026, 11, 1), to=(2027, 4, 30),
                 per="週", times="2", care="日常保育の軽減が必要（週1～3日程度）",
                 finding="腰痛及び左下肢のしびれがあり、重い物を持つこと、長時間の立位が困難。リハビリ通院中。",
                 date=(2026, 11, 18), clinic="みどり整形外科クリニック", caddr="名古屋市中区栄四丁目１番１号",
                 ctel="052-111-2222", doctor="小林　大輔", child="田中　陽翔", cbirth=(2022, 6, 10), nursery="さかえ保育園",
                 status="利用中")
    else:
        d = dict(name="松本　彩", birth=(1987, 2, 3), disease="うつ病", frm=(2026, 10, 1), to=(2027, 3, 31),
                 per="ヶ月", times="2", care="日常保育は不可能",
                 finding="抑うつ気分、意欲低下が続いており、服薬治療中。育児を含む日常生活に支障がある。",
                 date=(2026, 11, 12), clinic="はかた心療内科", caddr="福岡市博多区住吉一丁目２番３号",
                 ctel="092-333-4444", doctor="井上　誠", child="松本　結衣", cbirth=(2021, 12, 24), nursery="はかた駅前保育園",
                 status="申込中（第一希望）")
    f("氏名", d["name"], lambda: b.set(sh, "D6", d["name"]))
    y, m, dd = d["birth"]
    f("生年月日", f"{y}年{m}月{dd}日", lambda: (b.set(sh, "Q6", y), b.set(sh, "U6", m), b.set(sh, "W6", dd)))
    f("病名", d["disease"], lambda: b.set(sh, "D7", d["disease"]))
    for row, when, lab in ((9, d["frm"], "から"), (10, d["to"], "まで")):
        y, m, dd = when
        f(f"通院及び療育期間 {lab}", f"{y}年{m}月{dd}日", lambda: (b.set(sh, f"B{row}", y), b.set(sh, f"F{row}", m), b.set(sh, f"H{row}", dd)))
    f("通院の頻度", f"{d['per']}に{d['times']}回",
      lambda: (b.sub(sh, "C12", "^.*$", "（\u3000" + d["per"] + "\u3000）"), b.sub(sh, "J12", "（" + S + "回）", "（\u3000" + d["times"] + "\u3000回）")))
    rows = {"日常保育は不可能": 14, "日常保育の軽減が必要（週4～5日程度）": 15, "日常保育の軽減が必要（週1～3日程度）": 16, "日常保育への支障はない": 17}
    f("日常保育について", d["care"], lambda: b.sub(sh, f"B{rows[d['care']]}", "^□", "■"))
    f("病状及び所見", d["finding"], lambda: b.set(sh, "B19", d["finding"]))
    y, m, dd = d["date"]
    f("診断年月日", f"{y}年{m}月{dd}日", lambda: (b.set(sh, "Q21", y), b.set(sh, "S21", m), b.set(sh, "U21", dd)))
    f("医療機関名", d["clinic"], lambda: b.set(sh, "M22", d["clinic"]))
    f("所在地", d["caddr"], lambda: b.set(sh, "M23", d["caddr"]))
    f("電話番号", d["ctel"], lambda: b.set(sh, "M24", d["ctel"]))
    f("医師名", d["doctor"], lambda: b.set(sh, "M25", d["doctor"]))
    f("児童名", d["child"], lambda: b.set(sh, "B30", d["child"]))
    y, m, dd = d["cbirth"]
    f("児童 生年月日", f"{y}年{m}月{dd}日", lambda: (b.set(sh, "F30", y), b.set(sh, "I30", m), b.set(sh, "K30", dd)))
    f("保育施設名", d["nursery"], lambda: b.set(sh, "M30", d["nursery"]))
    f("利用中／申込中", d["status"], lambda: b.sub(sh, "R30", "□(" + re.escape(d["status"][:3]) + ")", "■\\g<1>"))


SHINDAN_PLANTS = [
    dict(id="req001_disease", code="REQ001", place="病名", skip=["病名"], note="病名が空欄"),
    dict(id="req003_date", code="REQ003", place="診断年月日", skip=["診断年月日"], note="診断年月日の年・月・日が空欄"),
    dict(id="tpl001_statement", code="TPL001", place="上記のとおり診断します。",
         after=lambda b: b.sub("Sheet1", "B20", "診断します。", "相違ありません。"),
         note="「上記のとおり診断します。」を「上記のとおり相違ありません。」に変えた"),
]


# ==========================================================================
# 特定技能 提出書類一覧表 第1表 (.xlsx): 有/無 circled per row, 官用欄 left to the office
# ==========================================================================
ICHIRAN = "表紙"
# rows the applicant has (有) or not (無): ○ rows required, some △ rows apply
def fill_ichiran(b, p, f, unmarked_row=None):
    f("申請人の氏名", p["worker"], lambda: b.set(ICHIRAN, "F49", p["worker"]))
    f("特定技能所属機関の名称", p["org"], lambda: b.set(ICHIRAN, "F50", p["org"]))
    have_extra = {65, 66} if p is A else {58, 59}
    for r in range(55, 81):
        need = b.get(ICHIRAN, f"E{r}")
        label = (b.get(ICHIRAN, f"B{r}") or "").split("\n")[0]
        no = b.get(ICHIRAN, f"A{r}") or ""
        has = need == "○" or r in have_extra
        col = "G" if has else "H"
        mark = "○" + ("有" if has else "無")
        key = f"提出確認欄 {no} {label}".replace("  ", " ")
        if r == unmarked_row:
            f.skip.add(key)
        f(key, "有" if has else "無", lambda: b.sub(ICHIRAN, f"{col}{r}", "^(有|無)$", mark))


ICHIRAN_PLANTS = [
    dict(id="req001_name", code="REQ001", place="申請人の氏名", skip=["申請人の氏名"], note="表紙の申請人の氏名が空欄"),
    dict(id="req001_unmarked", code="REQ001", place="提出確認欄（3 在留資格変更許可申請書）", opts=dict(unmarked_row=57),
         skip=["提出確認欄 3 在留資格変更許可申請書"], note="提出確認欄の「有」「無」のどちらにも○がない行（項番3）"),
    dict(id="req002_office", code="REQ002", place="官用欄", after=lambda b: b.sub(ICHIRAN, "K57", "^有$", "○有"),
         note="申請人が官用欄（項番3）の「有」に○を付けた"),
    dict(id="tpl001_note", code="TPL001", place="特定技能雇用契約書の写し 留意事項",
         after=lambda b: b.sub(ICHIRAN, "F60", "申請人の署名及び", ""),
         note="項番5の留意事項から「申請人の署名及び」を削った"),
]



# ==========================================================================
# 様式第一号別紙二(1) 営業所一覧表（新規許可等）(.xlsx, one character per box)
# ==========================================================================
EIGYO = "様式第一号別紙二（１）"
TRADE_COLS = ["AS", "AW", "BA", "BE", "BI", "BM", "BQ", "BU", "BY", "CC", "CG", "CK", "CO", "CS", "CW", "DA", "DE",
              "DI", "DM", "DQ", "DU", "DY", "EC", "EG", "EK", "EO", "ES", "EW", "FA"]
TRADES = ["土", "建", "大", "左", "と", "石", "屋", "電", "管", "タ", "鋼", "筋", "舗", "しゆ", "板", "ガ", "塗", "防",
          "内", "機", "絶", "通", "園", "井", "具", "水", "消", "清", "解"]
BOX20 = ["AS", "AZ", "BG", "BN", "BU", "CB", "CI", "CP", "CW", "DD", "DK", "DR", "DY", "EF", "EM", "ET", "FA", "FH", "FO", "FV"]


def boxes(b, cols, row, text):
    if len(text) > len(cols):
        raise RuntimeError(f"{text!r} does not fit in {len(cols)} boxes")
    for c, ch in zip(cols, text):
        if ch != "\u3000":
            b.set(EIGYO, f"{c}{row}", ch)


def fill_eigyo(b, p, f):
    if p is A:
        d = dict(main="みどり建設株式会社　本店", main_kana="ミドリケンセツカブシキガイシャ　ホンテン", trades={"土": "1", "建": "1", "と": "1"},
                 branch=dict(name="みどり建設株式会社岐阜営業所", kana="ミドリケンセツカブシキガイシャギフエイギョウショ",
                             code="21201", pref="岐阜県", city="岐阜市", addr="岐阜市金町六丁目１２番地３",
                             postal="5000842", tel="058-263-1100", trades={"土": "1", "と": "1"}))
    else:
        d = dict(main="株式会社さくら工務店", main_kana="カブシキガイシャサクラコウムテン", trades={"建": "1", "内": "1", "大": "1"},
                 branch=None)
    f("主たる営業所の名称 フリガナ", d["main_kana"], lambda: b.set(EIGYO, "BE19", d["main_kana"]))
    f("主たる営業所の名称", d["main"], lambda: b.set(EIGYO, "BE21", d["main"]))
    for t, v in d["trades"].items():
        f(f"営業しようとする建設業（主たる営業所） {t}", v, lambda: b.set(EIGYO, TRADE_COLS[TRADES.index(t)] + "25", int(v)))
    br = d["branch"]
    if br:
        f("従たる営業所の名称 フリガナ", br["kana"], lambda: b.set(EIGYO, "BD33", br["kana"]))
        f("従たる営業所の名称", br["name"], lambda: (boxes(b, BOX20, 36, br["name"][:20]), boxes(b, BOX20, 39, br["name"][20:])))
        f("従たる営業所の所在地市区町村コード", br["code"], lambda: boxes(b, ["AS", "AW", "BA", "BE", "BI"], 43, br["code"]))
        f("都道府県名", br["pref"], lambda: b.set(EIGYO, "CH43", br["pref"]))
        f("市区町村名", br["city"], lambda: b.set(EIGYO, "EO43", br["city"]))
        f("従たる営業所の所在地", br["addr"], lambda: (boxes(b, BOX20, 46, br["addr"][:20]), boxes(b, BOX20, 49, br["addr"][20:])))
        f("郵便番号", br["postal"][:3] + "-" + br["postal"][3:],
          lambda: boxes(b, ["AS", "AW", "BA", "BI", "BM", "BQ", "BU"], 52, br["postal"]))
        tel_cols = ["DE", "DI", "DM", "DQ", "DU", "DY", "EC", "EG", "EK", "EO", "ES", "EW", "FA"]
        f("電話番号", br["tel"], lambda: boxes(b, tel_cols, 52, br["tel"]))
        for t, v in br["trades"].items():
            f(f"営業しようとする建設業（従たる営業所） {t}", v, lambda: b.set(EIGYO, TRADE_COLS[TRADES.index(t)] + "56", int(v)))


def plant_office_permit(b):
    # 行政庁側記入欄: the applicant types a permit number (大臣/知事 code and number)
    b.set(EIGYO, "AS13", 2)
    b.set(EIGYO, "AW13", 3)
    for c, ch in zip(["DA", "DE", "DI", "DM", "DQ", "DU"], "012345"):
        b.set(EIGYO, f"{c}13", int(ch))


EIGYO_PLANTS = [
    dict(id="req001_main_name", code="REQ001", place="主たる営業所の名称", skip=["主たる営業所の名称"],
         note="主たる営業所の名称が空欄（フリガナはある）"),
    dict(id="req002_office", code="REQ002", place="行政庁側記入欄（許可番号）", after=plant_office_permit,
         note="申請者が行政庁側記入欄の許可番号を記入した"),
]


# ==========================================================================
# 参考様式第1-17号 1号特定技能外国人支援計画書 (.xlsx, 方眼紙 778 rows)
# ==========================================================================
SHIEN = "参考様式第１－１７号"
_MERGED = {}


def merged_ranges(template, sheet):
    key = (template, sheet)
    if key not in _MERGED:
        import openpyxl
        wb = openpyxl.load_workbook(BLANK / template)
        ws = wb[sheet]
        _MERGED[key] = [(r.coord, r.min_row, r.min_col, r.max_row, r.max_col, ws.cell(r.min_row, r.min_col).value)
                        for r in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))]
    return _MERGED[key]


def fill_shien(b, p, f, keep_guide=False, bad_email=False):
    y, m, d = p["date"]
    f("作成日", f"{y}年{m}月{d}日", lambda: (b.set(SHIEN, "BE13", y), b.set(SHIEN, "BJ13", m), b.set(SHIEN, "BM13", d)))
    f("Ⅰ １　氏名", p["worker"], lambda: b.set(SHIEN, "O18", p["worker"]))
    f("Ⅰ ２　性別", p["sex"], lambda: b.sub(SHIEN, "BC18", "^.*$", p["sex"]))
    y, m, d = p["birth"]
    f("Ⅰ ３　生年月日", f"{y}年{m}月{d}日", lambda: (b.set(SHIEN, "Q26", y), b.set(SHIEN, "V26", m), b.set(SHIEN, "Z26", d)))
    f("Ⅰ ４　国籍・地域", p["nationality"], lambda: b.set(SHIEN, "BC26", p["nationality"]))
    f("Ⅱ １　氏名又は名称（ふりがな）", p["org_kana"], lambda: b.set(SHIEN, "O34", p["org_kana"]))
    f("Ⅱ １　氏名又は名称", p["org"], lambda: b.set(SHIEN, "O37", p["org"]))
    post = p["postal"].split("-")
    f("Ⅱ ２　住所", "〒" + p["postal"] + "　" + p["addr"],
      lambda: (b.set(SHIEN, "P42", post[0]), b.set(SHIEN, "V42", post[1]), b.set(SHIEN, "O44", p["addr"])))
    t = p["tel"].split("-")
    f("Ⅱ ２　住所（電話）", p["tel"], lambda: b.sub(SHIEN, "BB42", "^.*$", f"（電話\u3000{t[0]}\u3000－\u3000{t[1]}\u3000－\u3000{t[2]}\u3000）"))
    f("Ⅱ ４　支援責任者（ふりがな）", "やまもと　なおき" if p is A else "なかむら　りょう",
      lambda: b.set(SHIEN, "AI58", "やまもと　なおき" if p is A else "なかむら　りょう"))
    f("Ⅱ ４　支援責任者 氏名", p["maker"], lambda: b.set(SHIEN, "AI61", p["maker"]))
    f("Ⅱ ４　支援責任者 役職", p["maker_title"], lambda: b.set(SHIEN, "BE58", p["maker_title"]))
    f("支援を行っている1号特定技能外国人数", "3", lambda: b.set(SHIEN, "AC66", 3))
    f("支援担当者数", "2", lambda: b.set(SHIEN, "AC74", 2))
    f("支援の中立性を確保していることの有無", "有", lambda: b.sub(SHIEN, "AZ76", "^有$", "○有"))
    # Ⅳ 支援内容: every 委託の有無 "無", the staff member named, 実施予定 有 ticked, 対面 ticked
    staff = "鈴木　恵（総務部主任）" if p is A else "木村　沙織（総務課）"
    mr = merged_ranges("入管庁_1号特定技能外国人支援計画書.xlsx", SHIEN)
    by_row = {}
    for coord, r0, c0, r1, c1, v in mr:
        by_row.setdefault(r0, {})[get_column_letter(c0)] = (coord, v)
    n_items = 0
    for r0 in sorted(by_row):
        if r0 < 154 or r0 > 709:
            continue
        row = by_row[r0]
        if row.get("AC", (None, None))[1] == "有・無":
            n_items += 1
            f(f"Ⅳ 委託の有無（{r0}行）", "無", lambda: b.sub(SHIEN, f"AC{r0}", "^有・無$", "無"), record=False)
            if "AG" in row and row["AG"][1] is None:
                f(f"Ⅳ 支援担当者 氏名（役職）（{r0}行）", staff, lambda: b.set(SHIEN, f"AG{r0}", staff), record=False)
        if row.get("S", (None, None))[1] == "□" and str(row.get("T", (None, ""))[1] or "").startswith("有"):
            f(f"Ⅳ 実施予定（{r0}行）", "有", lambda: b.sub(SHIEN, f"S{r0}", "^□$", "■"), record=False)
        if row.get("BC", (None, None))[1] == "□" and row.get("BD", (None, None))[1] in ("対面", "手続に係る情報提供"):
            f(f"Ⅳ 実施方法（{r0}行）", "■", lambda: b.sub(SHIEN, f"BC{r0}", "^□$", "■"), record=False)
        if row.get("E", (None, ""))[1] and "実施言語" in str(row["E"][1]) and "S" in row and row["S"][1] is None:
            f(f"Ⅳ 実施言語（{r0}行）", "ベトナム", lambda: b.set(SHIEN, f"S{r0}", "ベトナム"), record=False)
        if row.get("S", (None, None))[1] == "合計" and "V" in row:
            f(f"Ⅳ 実施予定時間 合計（{r0}行）", "8", lambda: b.set(SHIEN, f"V{r0}", 8), record=False)
        if keep_guide is False and row.get("AC", (None, ""))[1] and str(row["AC"][1]).startswith("＜支援内容ごとに"):
            pass  # the guide heading stays: it heads the free area below, not a value place
    # 相談・苦情への対応: 相談方法 and 緊急時対応 (面談, 電話 with the number, メール with the address)
    t = p["tel"].split("-")
    tel = f"電話（\u3000{t[0]}\u3000－\u3000{t[1]}\u3000－\u3000{t[2]}\u3000）"
    mail = p["email"].replace("@", "＠") if bad_email else p["email"]
    for r in (517, 520, 523, 532, 535):
        f(f"相談・苦情への対応 チェック（{r}行）", "■", lambda: b.sub(SHIEN, f"I{r}", "^□$", "■"), record=False)
    f("相談方法 電話", p["tel"], lambda: b.sub(SHIEN, "J520", "^.*$", tel))
    f("相談方法 メール", mail, lambda: b.sub(SHIEN, "J523", "^.*$", "メール（\u3000" + mail + "\u3000）"))
    f("緊急時対応 電話", p["tel"], lambda: b.sub(SHIEN, "J535", "^.*$", tel))
    f("Ⅳ 委託の有無（各項目）", "無", lambda: None)
    f("Ⅳ 支援担当者 氏名（役職）", staff, lambda: None)
    f("特定技能所属機関の氏名又は名称", p["org"], lambda: b.set(SHIEN, "AP749", p["org"]))
    f("作成責任者の氏名", p["maker"], lambda: b.set(SHIEN, "AP754", p["maker"]))
    f("本書面について、（　）語による翻訳文の交付を受け", "ベトナム", lambda: b.set(SHIEN, "H761", "ベトナム"))
    y, m, d = p["date"]
    f("署名日", f"{y}年{m}月{d}日", lambda: (b.set(SHIEN, "BB771", y), b.set(SHIEN, "BF771", m), b.set(SHIEN, "BJ771", d)))
    f("１号特定技能外国人の署名", p["worker"], lambda: b.set(SHIEN, "AP774", p["worker"]))


SHIEN_PLANTS = [
    dict(id="fmt001_email", code="FMT001", place="相談方法 メール", opts=dict(bad_email=True),
         note="相談方法のメールアドレスの＠が全角（jinji＠midori-seiko.example.jp）"),
    dict(id="req001_worker", code="REQ001", place="Ⅰ １　氏名", skip=["Ⅰ １　氏名"], note="支援対象者の氏名が空欄"),
    dict(id="req003_date", code="REQ003", place="作成日", skip=["作成日"], note="作成日の年・月・日が空欄"),
    dict(id="tpl001_understood", code="TPL001", place="語による翻訳文の交付を受け、その内容について説明を受け十分に理解しました。",
         after=lambda b: b.sub(SHIEN, "N761", "説明を受け十分に理解しました。", "説明を受けました。"),
         note="末尾の確認文「説明を受け十分に理解しました。」を「説明を受けました。」に変えた"),
]


# ==========================================================================
# 別記第三十号様式 在留資格変更許可申請書 (.xlsx, 10 sheets): the applicant's
# part (申請人等作成用 1–3) is filled; 所属機関等作成用 V1–V4 are the
# employer's own part and stay blank in every copy (manifest: unfilled_sheets)
# ==========================================================================
Z1, Z2, Z3 = "申請人用（変更）", "申請人用（変更）２V ", "申請人用（変更）３V "
ZAIRYU_UNFILLED = ["所属機関用（変更）V1 ", "所属機関用（変更）V2 ", "所属機関用（変更）V3 ", "所属機関用（変更）V4 "]


def fill_zairyu(b, p, f):
    if p is A:
        d = dict(birthplace="ハノイ", job="技能実習生", home="ハノイ市カウザイ区", addr="愛知県名古屋市中区栄三丁目５番１２号　みどり寮２０１号",
                 tel="052-261-4870", mobile="090-1111-2222", passport="C1234567", pexp=(2030, 5, 20),
                 status="技能実習（２号ロ）", period="１年", exp=(2027, 1, 15), card="AB12345678CD",
                 want="特定技能（１号）", wperiod="１年", shoku="機械加工", sagyo="普通旋盤作業",
                 career=[(2019, 4, 2022, 3, "ハノイ機械工業有限会社")])
    else:
        d = dict(birthplace="ハイフォン", job="技能実習生", home="ハイフォン市レチャン区", addr="福岡県福岡市博多区博多駅前二丁目８番３号　さくら寮３号室",
                 tel="092-473-5521", mobile="080-3333-4444", passport="C7654321", pexp=(2029, 8, 1),
                 status="技能実習（２号ロ）", period="１年", exp=(2026, 12, 28), card="CD87654321EF",
                 want="特定技能（１号）", wperiod="１年", shoku="食品製造", sagyo="惣菜加工作業",
                 career=[(2017, 6, 2021, 12, "ハイフォン食品加工株式会社")])
    f("1 国籍・地域", p["nationality"], lambda: b.set(Z1, "G15", p["nationality"]))
    y, m, dd = p["birth"]
    f("2 生年月日", f"{y}年{m}月{dd}日", lambda: (b.set(Z1, "W15", y), b.set(Z1, "AC15", m), b.set(Z1, "AG15", dd)))
    f("3 氏名", p["worker"], lambda: b.set(Z1, "G18", p["worker"]))
    f("4 性別", p["sex"], lambda: b.sub(Z1, "E21" if p["sex"] == "男" else "G21", "^(男|女)$", "㊚" if p["sex"] == "男" else "㊛"))
    f("5 出生地", d["birthplace"], lambda: b.set(Z1, "O21", d["birthplace"]))
    f("6 配偶者の有無", "無", lambda: b.sub(Z1, "AG21", "^有・無$", "無"))
    f("7 職業", d["job"], lambda: b.set(Z1, "E24", d["job"]))
    f("8 本国における居住地", d["home"], lambda: b.set(Z1, "U24", d["home"]))
    f("9 住居地", d["addr"], lambda: b.set(Z1, "G27", d["addr"]))
    f("電話番号", d["tel"], lambda: b.set(Z1, "G30", d["tel"]))
    f("携帯電話番号", d["mobile"], lambda: b.set(Z1, "Y30", d["mobile"]))
    f("10 旅券 (1)番号", d["passport"], lambda: b.set(Z1, "I33", d["passport"]))
    y, m, dd = d["pexp"]
    f("10 旅券 (2)有効期限", f"{y}年{m}月{dd}日", lambda: (b.set(Z1, "X33", y), b.set(Z1, "AD33", m), b.set(Z1, "AH33", dd)))
    f("11 現に有する在留資格", d["status"], lambda: b.set(Z1, "I36", d["status"]))
    f("在留期間（現在）", d["period"], lambda: b.set(Z1, "Z36", d["period"]))
    y, m, dd = d["exp"]
    f("在留期間の満了日", f"{y}年{m}月{dd}日", lambda: (b.set(Z1, "I39", y), b.set(Z1, "O39", m), b.set(Z1, "S39", dd)))
    f("12 在留カード番号", d["card"], lambda: b.set(Z1, "I42", d["card"]))
    f("13 希望する在留資格", d["want"], lambda: b.set(Z1, "I45", d["want"]))
    f("在留期間（希望）", d["wperiod"], lambda: b.set(Z1, "I48", d["wperiod"]))
    reason = "技能実習２号を良好に修了し、引き続き" + p["org"] + "で特定技能１号として就労するため。"
    f("14 変更の理由", reason, lambda: b.set(Z1, "L51", reason))
    f("15 犯罪を理由とする処分を受けたことの有無", "無", lambda: b.sub(Z1, "AI56", "^無$", "○無"))
    f("16 在日親族及び同居者", "無", lambda: b.sub(Z1, "D62", "・\u3000無$", "・\u3000○無"))
    # 申請人等作成用 2 V
    f("17 特定技能所属機関 名称", p["org"], lambda: b.set(Z2, "K6", p["org"]))
    f("17 特定技能所属機関 所在地", p["addr"], lambda: b.set(Z2, "H9", p["addr"]))
    f("17 特定技能所属機関 電話番号", p["tel"], lambda: b.set(Z2, "Z9", p["tel"]))
    f("18 技能水準", "技能実習2号を良好に修了", lambda: b.sub(Z2, "B28", "^□$", "■"))
    f("19 日本語能力", "技能実習2号を良好に修了", lambda: b.sub(Z2, "B46", "^□$", "■"))
    f("20 職種", d["shoku"], lambda: b.set(Z2, "F53", d["shoku"]))
    f("20 作業", d["sagyo"], lambda: b.set(Z2, "T53", d["sagyo"]))
    f("良好に修了したことの証明", "実習状況に関する書面による証明", lambda: b.sub(Z2, "D60", "^□$", "■"))
    f("21 通算在留期間", "0年0月", lambda: (b.set(Z2, "C80", 0), b.set(Z2, "H80", 0)))
    # 申請人等作成用 3 V
    f("22 保証金の徴収その他財産管理又は違約金等の支払契約の有無", "無", lambda: b.sub(Z3, "AF6", "・無$", "・○無"))
    f("23 外国の機関名", p["broker"], lambda: (b.sub(Z3, "B13", "^有", "○有"), b.set(Z3, "H13", p["broker"])))
    f("23 支払額（日本円に換算）", "225,000", lambda: b.set(Z3, "Z13", 225000))
    for ref, lab in (("AE16", "24"), ("AE20", "25"), ("AE24", "26"), ("AE29", "27")):
        f(f"{lab} 有・無", "有", lambda: b.sub(Z3, ref, "^有・無$", "有"))
    for i, (y0, m0, y1, m1, where) in enumerate(d["career"]):
        r = 37 + 2 * i
        f(f"28 職歴 {i + 1}", where, lambda: (b.set(Z3, f"A{r}", y0), b.set(Z3, f"C{r}", m0), b.set(Z3, f"E{r}", y1),
                                             b.set(Z3, f"G{r}", m1), b.set(Z3, f"I{r}", where)))
    f("申請人（法定代理人）の署名", p["worker"], lambda: b.set(Z3, "B59", p["worker"]))
    y, m, dd = p["date"]
    f("申請書作成年月日", f"{y}年{m}月{dd}日", lambda: (b.set(Z3, "W59", y), b.set(Z3, "AA59", m), b.set(Z3, "AE59", dd)))


ZAIRYU_PLANTS = [
    dict(id="req001_name", code="REQ001", place="3 氏名", skip=["3 氏名"], note="申請人の氏名が空欄"),
    dict(id="req003_date", code="REQ003", place="申請書作成年月日", skip=["申請書作成年月日"],
         note="申請書作成年月日の年・月・日が空欄"),
    dict(id="tpl001_declaration", code="TPL001", place="以上の記載内容は事実と相違ありません。",
         after=lambda b: b.sub(Z3, "B56", "^.*$", "以上の記載内容はおおむね事実です。"),
         note="宣誓文「以上の記載内容は事実と相違ありません。」を「以上の記載内容はおおむね事実です。」に変えた"),
]


# ==========================================================================
# driver
# ==========================================================================
def make(template, fill, plants, out_dir, manifest):
    src = BLANK / template
    stem = src.stem
    is_docx = src.suffix == ".docx"
    variants = [dict(id="clean_" + p["key"], person=p) for p in PEOPLE]
    variants += [dict(pl, person=A) for pl in plants]
    for v in variants:
        ed = Word(src) if is_docx else Book(src)
        f = Fill(v.get("skip", ()))
        fill(ed, v["person"], f, **v.get("opts", {}))
        if v.get("skip") and not f.skipped:
            raise RuntimeError(f"{template} {v['id']}: skip {v['skip']} did not apply")
        if v.get("after"):
            v["after"](ed)
        values = dict(f.values)
        for k in v.get("drop", ()):
            values.pop(k, None)
        name = f"{v['id']}{src.suffix}"
        dest = out_dir / stem / name
        ed.save(dest)
        entry = {
            "file": str(dest.relative_to(BASE)),
            "template": "blank/" + template,
            "kind": "planted" if "code" in v else "clean",
            "applicant": v["person"]["org"],
        }
        if "code" in v:
            entry["planted"] = {"code": v["code"], "place": v["place"], "note": v["note"]}
        if template in UNFILLED_SHEETS:
            entry["unfilled_sheets"] = UNFILLED_SHEETS[template]
        if template in FILLED_FORMS:
            entry["filled_forms"] = FILLED_FORMS[template]
        entry["values"] = values
        manifest.append(entry)



# ==========================================================================
# 参考様式集（ベトナム語併記）(.docx, ten forms in one file): the employer
# fills 第1-5号 (雇用契約書) and 第1-16号 (雇用の経緯に係る説明書, here with
# no intermediary: 無 in both 1欄, so the rows below are not needed);
# the other forms of the file stay blank (manifest: filled_forms)
# ==========================================================================
VIET_FILLED_FORMS = ["参考様式第１－５号", "参考様式第１－１６号"]


def fill_viet(w, p, f):
    f("特定技能所属機関（以下「甲」という。）", p["org"],
      lambda: w.sub("(特定技能所属機関)[\u3000 ]+(（以下「甲」)", "\\g<1>\u3000" + p["org"] + "\u3000\\g<2>"))
    f("特定技能外国人（候補者を含む。）（以下「乙」という。）", p["worker"],
      lambda: w.sub("(特定技能外国人（候補者を含む。）)[\u3000 ]+(（以下「乙」)", "\\g<1>\u3000" + p["worker"] + "\u3000\\g<2>"))
    f("年　月　日　締結", reiwa(p, p["contract"]),
      lambda: w.sub("^" + S + "年" + S + "月" + S + "日" + S + "締結", "\u3000" * 6 + reiwa(p, p["contract"]) + "\u3000\u3000締結"))
    sig = p["org"] + "\u3000" + p["rep_title"] + "\u3000" + p["rep"]
    f("甲（特定技能所属機関名・代表者役職名・氏名・捺印）", sig,
      lambda: w.sub("^甲[\u3000 ]+乙[\u3000 ]+$", "甲\u3000" + sig + "\u3000\u3000乙\u3000" + p["worker"]))
    f("乙（特定技能外国人の署名）", p["worker"], lambda: None)
    # 第1-16号
    f("特定技能外国人（との間で特定技能雇用契約を締結する）", p["worker"],
      lambda: w.sub("特定技能外国人(\u3000+)との間で", "特定技能外国人\u3000" + p["worker"] + "\u3000との間で"))
    f("１　あっせんの有無", "無", lambda: w.cell_sub(3, 0, 1, "□(\u3000?無)", "■\\g<1>"))
    f("１　取次ぎの有無", "無", lambda: w.cell_sub(4, 0, 1, "□(\u3000?無)", "■\\g<1>"))
    f("第１号特定技能外国人支援計画に定めるとおりに実施していることの有無", "有",
      lambda: w.cell_sub(5, 0, 1, "有" + S + "・" + S + "無", "有"))
    f("作成年月日", reiwa(p, p["date"]),
      lambda: w.sub("作成年月日：" + S + "年" + S + "月" + S + "日", "作成年月日：" + reiwa(p, p["date"])))
    f("特定技能所属機関の氏名又は名称", p["org"], lambda: w.sub("^(特定技能所属機関の氏名又は名称)\u3000+$", "\\g<1>\u3000" + p["org"]))
    f("作成責任者の氏名及び役職", p["maker"] + "（" + p["maker_title"] + "）",
      lambda: w.sub("^(作成責任者の氏名及び役職)\u3000+$", "\\g<1>\u3000" + p["maker"] + "（" + p["maker_title"] + "）"))
    f("４　計", num(p, "0円"), lambda: w.cell_sub(6, 6, 1, "（" + S + "円）", "（" + num(p, "0") + "円）"))
    f("申請人の署名", p["worker"], lambda: w.sub("^(申請人の署名)[\u3000 ]+$", "\\g<1>\u3000" + p["worker"]))


VIET_PLANTS = [
    dict(id="req001_party_a", code="REQ001", place="特定技能所属機関（以下「甲」という。）（第１－５号）",
         skip=["特定技能所属機関（以下「甲」という。）"], note="第1-5号の甲（特定技能所属機関）が空白のまま"),
    dict(id="req003_date", code="REQ003", place="作成年月日（第１－１６号）", skip=["作成年月日"],
         note="第1-16号の作成年月日が「　年　月　日」のまま"),
    dict(id="tpl001_copies", code="TPL001", place="本雇用契約書及び雇用条件書は２部作成し，甲乙それぞれが保有するものとする。",
         after=lambda w: w.sub("２部作成し，甲乙それぞれが保有する", "１部作成し，甲が保有する"),
         note="第1-5号の条項「２部作成し，甲乙それぞれが保有する」を「１部作成し，甲が保有する」に変えた（日本語のみ）"),
]


# parts of a form that belong to someone else and stay blank in every copy:
# findings located there are not counted (scripts/score_templates.py)
UNFILLED_SHEETS = {"法務省_在留資格変更許可申請書.xlsx": ZAIRYU_UNFILLED}
FILLED_FORMS = {"入管庁_参考様式集_ベトナム語併記.docx": VIET_FILLED_FORMS}

TEMPLATES = [
    ("入管庁_雇用の経緯に係る説明書.docx", fill_keii, KEII_PLANTS),
    ("入管庁_特定技能雇用契約書.docx", fill_keiyaku, KEIYAKU_PLANTS),
    ("入管庁_雇用条件書.docx", fill_joken, JOKEN_PLANTS),
    ("入管庁_特定技能所属機関概要書.docx", fill_gaiyo, GAIYO_PLANTS),
    ("国交省_建設業許可_役員等の一覧表.xlsx", fill_yakuin, YAKUIN_PLANTS),
    ("X市_介護保険負担限度額認定申請書.xlsx", fill_kaigo, KAIGO_PLANTS),
    ("X市_保育施設申請用診断書.xlsx", fill_shindan, SHINDAN_PLANTS),
    ("入管庁_提出書類一覧表_第1表_申請人.xlsx", fill_ichiran, ICHIRAN_PLANTS),
    ("国交省_建設業許可_営業所一覧表_新規.xlsx", fill_eigyo, EIGYO_PLANTS),
    ("入管庁_1号特定技能外国人支援計画書.xlsx", fill_shien, SHIEN_PLANTS),
    ("法務省_在留資格変更許可申請書.xlsx", fill_zairyu, ZAIRYU_PLANTS),
    ("入管庁_参考様式集_ベトナム語併記.docx", fill_viet, VIET_PLANTS),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(BASE / "filled"))
    ap.add_argument("--only", help="template file name (for development)")
    args = ap.parse_args()
    out_dir = Path(args.out)
    manifest = []
    for template, fill, plants in TEMPLATES:
        if args.only and args.only not in template:
            continue
        make(template, fill, plants, out_dir, manifest)
    doc = {
        "about": "Filled copies of real published blank forms (issue 19), made by scripts/fill_templates.py "
                 "from blank/ (never edited by hand). Made-up data only. kind=clean: no error expected; "
                 "kind=planted: exactly the planted defect expected, with its code at the place the template labels. "
                 "values: label as printed -> value typed (for extraction scoring, matched by value).",
        "not_filled": ["blank/湖南市_自動車臨時運行許可申請書.xls"],
        "as_of": "2026-12-01",
        "files": manifest,
    }
    if not args.only:
        (BASE / "manifest.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} filled files")


if __name__ == "__main__":
    main()
