#!/usr/bin/env python3
"""Score a yoshiki binary on the filled copies of real blank forms (issue 19).

Usage: python3 scripts/score_templates.py BINARY [--fixtures DIR] [--json OUT]
                                          [--keep-defs DIR] [--only NAME] [--verbose]

For each template named in tests/fixtures/templates/manifest.json:
    yoshiki learn blank/TEMPLATE -o TMPDIR
and for each filled copy of it:
    yoshiki check   --forms TMPDIR --format json --as-of AS_OF FILE
    yoshiki extract --forms TMPDIR --format json --as-of AS_OF FILE

Printed per form, and in total:
- caught/planted: a planted copy counts as caught when a diagnostic of the
  planted code names the place the template labels (matched loosely: the
  place's text, without spaces and parenthesised notes, found in the
  diagnostic's message, field or excerpt, or the place the diagnostic
  quotes found in the manifest's place);
- false errors: error-severity diagnostics on clean copies (each listed).
  Diagnostics located in a part the manifest says nobody filled
  (`unfilled_sheets`: the employer's sheets of 在留資格変更許可申請書;
  `filled_forms`: in the many-forms .docx, forms other than those listed)
  are not counted, and are shown apart;
- values found: each value the manifest lists (label as printed -> value)
  that appears among the fields `extract` reports for that file, by value
  (text compared without spaces and width differences; dates and amounts
  also by their normalized value).
Exit status 1 when any planted defect is missed, any clean copy has a false
error, any listed value is not found, or learn fails; 0 otherwise.
`--json OUT` writes the per-file results.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def key(s):
    s = unicodedata.normalize("NFKC", str(s))
    return re.sub(r"\s+", "", s).lower()


def core_place(place):
    """The place without parenthesised notes: 「作成年月日（第１－１６号）」 -> 作成年月日."""
    p = unicodedata.normalize("NFKC", place)
    p = re.sub(r"\([^()]*\)", "", p.strip())
    # 「…」 at the end (NFKC "...") shortens a long place: its start is the place.
    p = re.sub(r"\.\.\.$", "", p)
    return key(p)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=900)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_json(cmd):
    rc, out, err = run(cmd)
    try:
        return json.loads(out), None
    except ValueError:
        return None, f"exit {rc}: {err.strip()[:300]}"


def form_names(defs_dir):
    names = {}
    for t in sorted(Path(defs_dir).glob("*.toml")):
        try:
            d = tomllib.loads(t.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if "id" in d:
            names[d["id"]] = d.get("name", d["id"])
    return names


def diag_text(d):
    loc = d.get("location") or {}
    parts = [d.get("message", ""), d.get("field", ""), d.get("excerpt", ""), d.get("place", "")]
    return key(" ".join(str(x) for x in parts if x)), loc


def quoted(msg):
    return [key(x) for x in re.findall(r"「([^」]{2,})」", msg or "")]


def dkey(d):
    return d.get("code"), d.get("message"), json.dumps(d.get("location"), sort_keys=True, ensure_ascii=False)


def place_matches(place, d):
    text, _ = diag_text(d)
    cp = core_place(place)
    if cp and cp in text:
        return True
    # the place the diagnostic quotes (often "form name + label") ends with or contains the label
    for q in quoted(d.get("message", "")):
        if cp and (q.endswith(cp) or cp in q):
            return True
        if len(q) >= 3 and q in key(place):
            return True
    return False


def excluded(d, entry, names):
    loc = d.get("location") or {}
    sheets = entry.get("unfilled_sheets") or []
    if sheets and loc.get("sheet") in sheets:
        return True
    forms = entry.get("filled_forms")
    if forms:
        name = names.get(d.get("form"), d.get("form") or "")
        if not any(key(f) in key(name) for f in forms):
            return True
    return False


def walk_fields(obj, out):
    if isinstance(obj, dict):
        if "value" in obj and not isinstance(obj.get("value"), (dict, list)):
            out.append(obj)
        for v in obj.values():
            if isinstance(v, (dict, list)):
                walk_fields(v, out)
    elif isinstance(obj, list):
        for v in obj:
            walk_fields(v, out)


def iso_date(v):
    s = unicodedata.normalize("NFKC", v)
    m = re.search(r"(令和|平成|昭和)?(\d{1,4})年(\d{1,2})月(\d{1,2})日", s)
    if not m:
        return None
    y = int(m.group(2))
    y += {"令和": 2018, "平成": 1988, "昭和": 1925}.get(m.group(1), 0)
    return f"{y:04d}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"


def amount(v):
    s = unicodedata.normalize("NFKC", v)
    m = re.fullmatch(r"\(?([\d,]+)円\)?", s.strip())
    return int(m.group(1).replace(",", "")) if m else None


def value_found(v, fields):
    kv = key(v)
    iso, amt = iso_date(v), amount(v)
    for fo in fields:
        fv = key(fo.get("value", ""))
        if kv and (kv == fv or (len(kv) >= 4 and kv in fv)):
            return True
        n = fo.get("normalized")
        if n is not None:
            if iso and str(n) == iso:
                return True
            if amt is not None and not isinstance(n, bool) and isinstance(n, (int, float)) and n == amt:
                return True
            if key(n) == kv:
                return True
    return False


def main():
    ap = argparse.ArgumentParser(description="score yoshiki learn/check/extract on real filled forms (issue 19)")
    ap.add_argument("binary")
    ap.add_argument("--fixtures", default=str(ROOT / "tests" / "fixtures" / "templates"))
    ap.add_argument("--json", dest="json_out")
    ap.add_argument("--keep-defs", help="write the learned definitions under this directory (one folder per template)")
    ap.add_argument("--only", help="templates whose name contains this")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    base = Path(args.fixtures)
    manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    as_of = manifest.get("as_of", "2026-12-01")
    by_template = OrderedDict()
    for e in manifest["files"]:
        if args.only and args.only not in e["template"]:
            continue
        by_template.setdefault(e["template"], []).append(e)

    results = []
    summary = []
    failed = False
    tmp_root = Path(tempfile.mkdtemp(prefix="yoshiki_tpl_"))
    for template, entries in by_template.items():
        stem = Path(template).stem
        defs = (Path(args.keep_defs) / stem) if args.keep_defs else tmp_root / stem
        defs.mkdir(parents=True, exist_ok=True)
        for old in defs.glob("*.toml"):
            old.unlink()
        rc, out, err = run([args.binary, "learn", str(base / template), "-o", str(defs), "--force"])
        if rc not in (0,):
            rc2, out2, err2 = run([args.binary, "learn", str(base / template), "-o", str(defs)])
            if rc2 == 0:
                rc, out, err = rc2, out2, err2
        learn_ok = rc == 0 and any(defs.glob("*.toml"))
        names = form_names(defs)
        row = dict(template=template, learn_ok=learn_ok, forms_learned=len(names), planted=0, caught=0,
                   clean=0, false_errors=0, values=0, found=0, excluded=0, misses=[], false=[])
        if not learn_ok:
            failed = True
            row["learn_error"] = (err or out).strip()[:300]
        clean_a = None   # diagnostics of the clean copy of the applicant the planted copies start from
        for e in entries:
            path = base / e["file"]
            fr = dict(file=e["file"], template=template, kind=e["kind"])
            check, cerr = run_json([args.binary, "--forms", str(defs), "check", "--format", "json", "--as-of", as_of, str(path)])
            ext, xerr = run_json([args.binary, "--forms", str(defs), "extract", "--format", "json", "--as-of", as_of, str(path)])
            diags = []
            if check is None:
                fr["check_error"] = cerr
            else:
                for f in check.get("files", []):
                    diags.extend(f.get("diagnostics", []))
            fields = []
            if ext is None:
                fr["extract_error"] = xerr
            else:
                for f in ext.get("files", []):
                    for fm in f.get("forms", []):
                        walk_fields(fm.get("fields", {}), fields)
            counted = [d for d in diags if not excluded(d, e, names)]
            row["excluded"] += len(diags) - len(counted)
            if e["kind"] == "planted":
                pl = e["planted"]
                row["planted"] += 1
                # a finding the clean copy of the same applicant also has is not the planted defect
                fresh = [d for d in counted if clean_a is None or dkey(d) not in clean_a]
                hit = [d for d in fresh if d.get("code") == pl["code"] and place_matches(pl["place"], d)]
                same_code = [d for d in counted if d.get("code") == pl["code"]]
                fr["expected"] = pl
                fr["caught"] = bool(hit)
                if hit:
                    row["caught"] += 1
                    fr["matched"] = hit[0].get("message", "")
                else:
                    failed = True
                    why = "no " + pl["code"] if not same_code else pl["code"] + " elsewhere: " + "; ".join(
                        d.get("message", "")[:80] for d in same_code[:2])
                    row["misses"].append(f"{Path(e['file']).name}: {pl['code']} at {pl['place'][:30]} ({why})")
                    fr["missed_because"] = why
            else:
                row["clean"] += 1
                if e["file"].endswith(("clean_a.docx", "clean_a.xlsx")) or clean_a is None:
                    clean_a = {dkey(d) for d in diags}
                errs = [d for d in counted if d.get("severity") == "error"]
                fr["false_errors"] = [dict(code=d.get("code"), field=d.get("field"), message=d.get("message"),
                                           location=d.get("location")) for d in errs]
                if errs:
                    failed = True
                    row["false_errors"] += len(errs)
                    for d in errs:
                        row["false"].append(f"{Path(e['file']).name}: {d.get('code')} {d.get('message', '')[:110]}")
            vals = e.get("values", {})
            missing = [lab for lab, v in vals.items() if not value_found(str(v), fields)]
            fr["values"] = len(vals)
            fr["values_found"] = len(vals) - len(missing)
            fr["values_missing"] = {lab: vals[lab] for lab in missing}
            row["values"] += len(vals)
            row["found"] += len(vals) - len(missing)
            if missing:
                failed = True
            results.append(fr)
        summary.append(row)

    # report
    tot = dict(planted=0, caught=0, clean=0, false_errors=0, values=0, found=0)
    print(f"{'form':44} {'learn':>5} {'caught':>8} {'false err':>9} {'values':>11}")
    for r in summary:
        for k in tot:
            tot[k] += r[k]
        name = Path(r["template"]).stem
        print(f"{name[:44]:44} {('ok' if r['learn_ok'] else 'FAIL'):>5} {r['caught']:>3}/{r['planted']:<4} "
              f"{r['false_errors']:>9} {r['found']:>5}/{r['values']:<5}")
    print(f"{'total':44} {'':>5} {tot['caught']:>3}/{tot['planted']:<4} {tot['false_errors']:>9} {tot['found']:>5}/{tot['values']:<5}")
    for r in summary:
        if r.get("learn_error"):
            print(f"\n{Path(r['template']).stem}: learn failed: {r['learn_error']}")
        if r["misses"] or r["false"] or args.verbose:
            print(f"\n{Path(r['template']).stem}:")
            for m in r["misses"]:
                print(f"  missed   {m}")
            for m in r["false"]:
                print(f"  false    {m}")
            if r["excluded"]:
                print(f"  ({r['excluded']} diagnostics in parts nobody filled, not counted)")
    if args.verbose:
        for fr in results:
            if fr.get("values_missing"):
                print(f"\n{fr['file']}: values not extracted:")
                for lab, v in fr["values_missing"].items():
                    print(f"  {lab} = {v}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(dict(as_of=as_of, summary=summary, total=tot, files=results),
                                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
