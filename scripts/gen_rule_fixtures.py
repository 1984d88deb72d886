#!/usr/bin/env python3
"""Generate the file fixtures of the field-rule tests (`tests/rules_fields.rs`).

The bundled samples (`scripts/gen_samples.py`) plant most field findings in
Word files. These fixtures add the same kinds of mistakes in the other
formats a form can come in, built with the samples generator's own
builders (so the layouts are the ones the extractor is tested on):

- `report_xlsx/`: 実施状況報告書 as an Excel sheet with REQ003, FMT003 (a
  contract date after --as-of), RPT001 (○), RPT002, RPT003.
- `roster_xlsx/`: 情報取扱者名簿 as Excel (the ministry layout) with ROS001,
  ROS002, ROS003 and REQ001 (a named row without 所属部署), next to a
  様式２ and a 理由書 that declare subcontracting.
- `text/`: 様式１ and 様式２ saved as text the way Word exports them
  (tab-separated cells, UTF-8 with BOM, CRLF) with FMT001 (full-width
  address), FMT002 (full-width digits), REQ002 and SUM001.
- `seed_blank/`: the call's own blank template (seed 000, six forms in one
  text file): the blank 申請書 / 企画提案書 entries are REQ001, the optional
  forms left blank next to them are not checked.

`tests/fixtures/rules/manifest.json` lists, per file, the forms, the
expected fields and the findings the field rules must raise (as of
2026-11-21). Deterministic, like the samples generator.

Usage: python3 scripts/gen_rule_fixtures.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_samples as gs  # noqa: E402

ROOT = gs.ROOT
OUT = ROOT / "tests" / "fixtures" / "rules"
SEED = Path("/work/shared/seeds/000_a299074ad7f5a527.txt")


def report_xlsx_set():
    d = OUT / "report_xlsx"
    gs.write_config(d)
    P = gs.base_params()
    Rp = P["report"]
    Rp["date"] = "令和　　年　　月　　日"
    Rp["contract_date"] = "令和９年４月１日"
    Rp["status"][4] = ("○", [])
    Rp["status"][16] = ("該当なし", [])
    Rp["omit"] = {13}
    F = "security_report"
    gs.report_xlsx(d / f"{gs.N_REPORT}.xlsx", Rp, findings=[
        ("REQ003", F, "date", "報告日が「令和　　年　　月　　日」のまま"),
        ("FMT003", F, "contract.date", "契約締結日 令和９年４月１日 が確認日 2026-11-21 より後"),
        ("RPT001", F, "items[2].status", "４）の実施状況が「○」"),
        ("RPT003", F, None, "１３）の行が削除されている"),
        ("RPT002", F, "items[13].status", "１６）「該当なし」に理由がない"),
    ])


def roster_xlsx_set():
    d = OUT / "roster_xlsx"
    gs.write_config(d)
    P = gs.base_params()
    hs = P["roster"]["handlers"]
    for h in (hs[0], hs[5], hs[6]):
        for k in gs.HKEYS:
            h[k] = ""
    hs[3]["passport"] = "ベトナム"
    hs[4]["department"] = ""
    F = "handler_roster"
    gs.make_docx(d / f"{gs.N_PROP}.docx", [gs.prop_builder(P)])
    gs.make_docx(d / f"{gs.N_REASON}.docx", [gs.reason_builder(P)])
    gs.roster_xlsx(d / f"{gs.N_ROSTER}.xlsx", P["roster"], findings=[
        ("ROS001", F, None, "情報管理責任者Ａの行が空欄"),
        ("ROS002", F, "handlers[2].passport_and_nationality", "国籍「ベトナム」のみでパスポート番号がない"),
        ("REQ001", F, "handlers[3].department", "Ｅ（鈴木　花子）の所属部署が空欄"),
        ("ROS003", F, None, "再委託ありだが再委託先Ｆ・Ｇの行が空欄",
         [gs.rel(d / f"{gs.N_PROP}.docx")]),
    ])


def text_set():
    d = OUT / "text"
    gs.write_config(d)
    P = gs.base_params()
    A = P["application"]
    A["contact"]["email"] = "ｍ．ｓａｔｏ＠ｍｉｒａｉ－ｓｏｋｅｎ．ｃｏ．ｊｐ"
    A["contact"]["phone"] = "０３－１２３４－５６７"
    P["proposal"]["reception"] = "１２"
    P["proposal"]["budget"] = gs.make_budget(9_000, (600, 1_200, 400, 800), 20_000, 1_150,
                                             numbers={"personnel": 9_500})
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for name, builder, findings in [
            (gs.N_APP, gs.app_builder(P), [
                ("FMT001", "application", "contact.email", "全角のメールアドレス"),
                ("FMT002", "application", "contact.phone", "桁の足りない電話番号（全角）"),
            ]),
            (gs.N_PROP, gs.prop_builder(P), [
                ("REQ002", "proposal", "reception_number", "※記載不要の受付番号に記入"),
                ("SUM001", "proposal", "budget.subtotal", "Ⅰを 9,500 に直したが小計を直していない"),
            ]),
            (gs.N_REASON, gs.reason_builder(P), []),
        ]:
            src = t / f"{name}.docx"
            resolved, b = gs.make_docx(src, [builder], register=False, seed=f"rules-text-{name}")
            gs.docx_to_txt(src, d / f"{name}.txt", resolved, b, findings=findings)


def seed_blank_set():
    """The blank template itself: which field findings a blank call document
    raises. Fields are not listed (the extractor's tests own them)."""
    d = OUT / "seed_blank"
    d.mkdir(parents=True, exist_ok=True)
    dst = d / "000_募集要領様式.txt"
    dst.write_bytes(SEED_BYTES)
    req = ["applicant.name", "applicant.representative", "applicant.address", "contact.name",
           "contact.department", "contact.position", "contact.phone", "contact.email"]
    prop = ["implementation_method", "schedule", "track_record", "organization", "information_management",
            "budget.total"]
    findings = [{"code": "REQ001", "form": "application", "field": f, "severity": "error",
                 "note": "様式１の記入欄が空欄"} for f in req]
    findings += [{"code": "REQ001", "form": "proposal", "field": f, "severity": "error",
                  "note": "様式２の記入欄が空欄（記入要領の説明文だけ）"} for f in prop]
    gs.MANIFEST["files"][gs.rel(dst)] = {
        "set": gs.rel(d),
        "format": "txt",
        "forms": [{"form": f, "template_version": v} for f, v in [
            ("application", "r8"), ("proposal", "r8"), ("subcontract_reason", "r8"), ("handler_roster", "r8"),
            ("security_terms", "r7"), ("security_report", "r7")]],
        "fields": {},
        "findings": findings,
        # Only the field-rule codes are listed for this file; others (PH001 …) are not asserted.
        "codes_listed": "field rules",
    }


SEED_BYTES = b""


def main():
    global SEED_BYTES
    kept = OUT / "seed_blank" / "000_募集要領様式.txt"
    # The seed as shared with the project, or the copy committed here.
    SEED_BYTES = (SEED if SEED.exists() else kept).read_bytes()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    gs.MANIFEST["files"] = {}
    for step in (report_xlsx_set, roster_xlsx_set, text_set, seed_blank_set):
        step()
    manifest = {
        "as_of": gs.AS_OF,
        "generator": "scripts/gen_rule_fixtures.py",
        "files": dict(sorted(gs.MANIFEST["files"].items())),
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(manifest['files'])} files into {gs.rel(OUT)}")


if __name__ == "__main__":
    main()
