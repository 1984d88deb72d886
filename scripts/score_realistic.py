#!/usr/bin/env python3
"""Score a yoshiki binary on tests/fixtures/realistic/ (issue 17).

Usage: python3 scripts/score_realistic.py PATH/TO/yoshiki [--fixtures DIR] [--verbose] [--json OUT]

For every set of the manifest it runs
    yoshiki check   --format json --as-of AS_OF SET_DIR
    yoshiki extract --format json --as-of AS_OF SET_DIR
and prints, per cause of issue 17 and in total:
- recall of planted mistakes: `must` findings reported / listed;
- false errors on clean variants: error-severity findings in a set whose
  variant is `clean` (each listed);
- must_not violations: findings the manifest rules out (any set; severity as
  the entry says: "error" or "any"), and `limits` exceeded (e.g. more than one
  info finding on an untouched blank form); a diagnostic already counted as a
  false error of a clean set is not counted again;
- field accuracy: listed field values (`fields`, `set_fields`) extracted
  exactly (value as written and/or normalized value);
- forms recognised: the forms listed per file found in `check`'s `forms`.
Exit status 0 when everything passes, 1 otherwise (2 on a usage error).

Matching rules (as samples/README.md): a `must` entry matches one diagnostic of
the same file with one of its codes (`code` may be a list: any of them),
the same `form` and `field` when given (`field` may be a list: any of
them), and every string of `message_contains` in its message; each
diagnostic satisfies at most one entry.
"""
import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def as_list(x):
    if x is None:
        return None
    return x if isinstance(x, list) else [x]


def run_json(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=600)
    out = p.stdout.decode("utf-8", "replace")
    try:
        return json.loads(out), None
    except ValueError:
        return None, f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace')[:300]}"


def rel(path, set_dir):
    p = Path(path)
    try:
        return str(p.resolve().relative_to(set_dir.resolve()))
    except ValueError:
        return p.name


def diag_str(fname, d):
    where = "/".join(x for x in (d.get("form"), d.get("field")) if x)
    return f"{fname}: {d.get('code')} [{d.get('severity')}] {where} {d.get('message', '')[:90]}"


def same_value(expected, got):
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        try:
            return got is not None and not isinstance(got, bool) and abs(float(got) - float(expected)) < 1e-9
        except (TypeError, ValueError):
            return False
    return expected == got


def field_ok(exp, got):
    if got is None:
        return False, "missing"
    for key in ("value", "normalized"):
        if key in exp and not same_value(exp[key], got.get(key)):
            return False, f"{key} {got.get(key)!r} (expected {exp[key]!r})"
    if "normalized_any" in exp and not any(same_value(e, got.get("normalized")) for e in exp["normalized_any"]):
        return False, f"normalized {got.get('normalized')!r} (expected one of {exp['normalized_any']!r})"
    return True, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--fixtures", default=str(ROOT / "tests" / "fixtures" / "realistic"))
    ap.add_argument("--verbose", action="store_true", help="list every failure")
    ap.add_argument("--json", help="write the per-set results to this file")
    args = ap.parse_args()
    fx = Path(args.fixtures)
    manifest = json.loads((fx / "manifest.json").read_text(encoding="utf-8"))
    as_of = manifest["as_of"]
    binary = str(Path(args.binary).resolve())

    per_cause = defaultdict(lambda: defaultdict(int))
    failures = defaultdict(list)
    results = {}
    notes = set()
    for name, s in manifest["sets"].items():
        cause = s["cause"]
        set_dir = fx / name
        chk, err1 = run_json([binary, "check", "--format", "json", "--as-of", as_of, str(set_dir)])
        ext, err2 = run_json([binary, "extract", "--format", "json", "--as-of", as_of, str(set_dir)])
        if ext is None and "--as-of" in (err2 or ""):
            # SPEC: --as-of applies to extract too; a binary that rejects it is
            # noted once and extract is run without it (extraction does not
            # depend on the date)
            notes.add("this binary's extract rejects --as-of (SPEC: it applies to every command "
                      "that reads submissions); extract was run without it")
            ext, err2 = run_json([binary, "extract", "--format", "json", str(set_dir)])
        c = per_cause[cause]
        fails = failures[cause]
        diags = defaultdict(list)   # file -> diagnostics
        forms_seen = defaultdict(set)
        if chk:
            for f in chk.get("files", []):
                fn = rel(f["path"], set_dir)
                diags[fn].extend(f.get("diagnostics", []))
                forms_seen[fn].update(x.get("form") for x in f.get("forms", []))
        else:
            fails.append(f"{name}: check gave no JSON ({err1})")
        fields = defaultdict(dict)  # file -> form -> fields
        if ext:
            for f in ext.get("files", []):
                fn = rel(f["path"], set_dir)
                for form in f.get("forms", []):
                    fields[fn].setdefault(form["form"], {}).update(form.get("fields", {}))
        else:
            fails.append(f"{name}: extract gave no JSON ({err2})")

        used = set()
        counted = set()  # id() of diagnostics already counted as a false finding
        set_res = {"cause": cause, "variant": s["variant"], "missed": [], "false_errors": [],
                   "must_not": [], "fields_wrong": [], "forms_missing": []}
        # planted findings
        for fname, fe in s["files"].items():
            for m in fe.get("must", []):
                c["planted"] += 1
                codes, fields_ok = as_list(m["code"]), as_list(m.get("field"))
                hit = None
                for i, d in enumerate(diags.get(fname, [])):
                    if (fname, i) in used or d.get("code") not in codes:
                        continue
                    if m.get("form") and d.get("form") != m["form"]:
                        continue
                    if fields_ok and d.get("field") not in fields_ok:
                        continue
                    if any(t.lower() not in d.get("message", "").lower() for t in m.get("message_contains", [])):
                        continue
                    hit = i
                    break
                if hit is None:
                    msg = f"{name}/{fname}: planted {'/'.join(codes)} {m.get('form') or ''} {'/'.join(fields_ok or [])} not reported ({m['note']})"
                    fails.append("MISSED " + msg)
                    set_res["missed"].append(msg)
                else:
                    used.add((fname, hit))
                    c["found"] += 1
        # false errors on clean variants
        if s.get("no_errors"):
            for fname, ds in diags.items():
                for d in ds:
                    if d.get("severity") == "error":
                        counted.add(id(d))
                        c["false_errors"] += 1
                        msg = f"{name}/{diag_str(fname, d)}"
                        fails.append("FALSE " + msg)
                        set_res["false_errors"].append(msg)
        else:
            for fname, ds in diags.items():
                for i, d in enumerate(ds):
                    if d.get("severity") == "error" and (fname, i) not in used:
                        c["other_errors_in_planted"] += 1
                        set_res.setdefault("other_errors", []).append(f"{name}/{diag_str(fname, d)}")
        # must_not
        rules = [(fname, r) for fname, fe in s["files"].items() for r in fe.get("must_not", [])]
        rules += [(None, r) for r in s.get("must_not", [])]
        for fname, r in rules:
            codes = as_list(r["code"])
            for fn2, ds in diags.items():
                if fname is not None and fn2 != fname:
                    continue
                for d in ds:
                    if "*" not in codes and d.get("code") not in codes:
                        continue
                    if r.get("form") and d.get("form") != r["form"]:
                        continue
                    if r.get("severity", "error") == "error" and d.get("severity") != "error":
                        continue
                    if id(d) in counted:
                        continue  # already counted (false error of a clean set, or another rule)
                    counted.add(id(d))
                    c["must_not_violations"] += 1
                    msg = f"{name}/{diag_str(fn2, d)} (must not: {'/'.join(codes)} {r.get('severity', 'error')})"
                    fails.append("MUST_NOT " + msg)
                    set_res["must_not"].append(msg)
        for lim in s.get("limits", []):
            on_form = [(fn2, d) for fn2, ds in diags.items() for d in ds if d.get("form") == lim["form"]]
            allowed = [id(d) for _, d in on_form if d.get("severity") in lim["severities"]][:lim["max"]]
            violators = [d for _, d in on_form if id(d) not in allowed]
            n = len([d for d in violators if id(d) not in counted])
            counted.update(id(d) for d in violators)
            if violators:
                c["must_not_violations"] += n
                msg = (f"{name}: {len(on_form)} finding(s) on untouched form {lim['form']} "
                       f"(at most {lim['max']} {'/'.join(lim['severities'])}): "
                       + "; ".join(sorted({f"{d.get('code')}[{d.get('severity')}]" for _, d in on_form})))
                fails.append("LIMIT " + msg)
                set_res["must_not"].append(msg)
        # fields
        for fname, fe in s["files"].items():
            for form in fe.get("forms", []):
                c["forms_listed"] += 1
                if form in forms_seen.get(fname, set()):
                    c["forms_ok"] += 1
                else:
                    msg = f"{name}/{fname}: form {form} not recognised (got {sorted(x for x in forms_seen.get(fname, set()) if x)})"
                    fails.append("FORM " + msg)
                    set_res["forms_missing"].append(msg)
            for form, paths in fe.get("fields", {}).items():
                for path, exp in paths.items():
                    c["fields_listed"] += 1
                    got = fields.get(fname, {}).get(form, {}).get(path)
                    ok, why = field_ok(exp, got)
                    if ok:
                        c["fields_exact"] += 1
                    else:
                        msg = f"{name}/{fname}: {form}.{path}: {why}"
                        fails.append("FIELD " + msg)
                        set_res["fields_wrong"].append(msg)
        for form, paths in s.get("set_fields", {}).items():
            for path, exp in paths.items():
                c["fields_listed"] += 1
                cands = [fields[fn2][form][path] for fn2 in fields if path in fields[fn2].get(form, {})]
                oks = [field_ok(exp, g) for g in cands]
                if any(ok for ok, _ in oks):
                    c["fields_exact"] += 1
                else:
                    why = "; ".join(w for _, w in oks) or "missing in every file"
                    msg = f"{name} (any file): {form}.{path}: {why}"
                    fails.append("FIELD " + msg)
                    set_res["fields_wrong"].append(msg)
        results[name] = set_res
        c["sets"] += 1
        c["clean_sets" if s.get("no_errors") else "planted_sets"] += 1

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "   - "

    causes = manifest.get("causes", {})
    tot = defaultdict(int)
    print(f"yoshiki: {binary}")
    print(f"fixtures: {fx}  ({len(manifest['sets'])} sets, as of {as_of})\n")
    print(f"{'cause':<6}{'sets':>5}{'recall':>16}{'false err(clean)':>18}{'must_not':>10}{'fields':>17}{'forms':>12}")
    for cause in sorted(per_cause):
        c = per_cause[cause]
        for key, v in c.items():
            tot[key] += v
        print(f"{cause:<6}{c['sets']:>5}"
              f"{c['found']:>5}/{c['planted']:<3}{pct(c['found'], c['planted']):>7}"
              f"{c['false_errors']:>18}{c['must_not_violations']:>10}"
              f"{c['fields_exact']:>5}/{c['fields_listed']:<4}{pct(c['fields_exact'], c['fields_listed']):>7}"
              f"{c['forms_ok']:>5}/{c['forms_listed']:<3}"
              f"   {causes.get(str(cause), '')[:40]}")
    print(f"{'total':<6}{tot['sets']:>5}"
          f"{tot['found']:>5}/{tot['planted']:<3}{pct(tot['found'], tot['planted']):>7}"
          f"{tot['false_errors']:>18}{tot['must_not_violations']:>10}"
          f"{tot['fields_exact']:>5}/{tot['fields_listed']:<4}{pct(tot['fields_exact'], tot['fields_listed']):>7}"
          f"{tot['forms_ok']:>5}/{tot['forms_listed']:<3}")
    print(f"\nrecall of planted mistakes: {tot['found']}/{tot['planted']} ({pct(tot['found'], tot['planted']).strip()})")
    print(f"false errors on clean variants: {tot['false_errors']} (in {tot['clean_sets']} clean sets)")
    print(f"must_not / limit violations (all sets): {tot['must_not_violations']}")
    print(f"field accuracy: {tot['fields_exact']}/{tot['fields_listed']} ({pct(tot['fields_exact'], tot['fields_listed']).strip()})")
    print(f"forms recognised: {tot['forms_ok']}/{tot['forms_listed']}")
    print(f"(other errors in planted sets, not scored: {tot['other_errors_in_planted']})")
    for n in sorted(notes):
        print("note: " + n)

    false_list = [m for r in results.values() for m in r["false_errors"]]
    if false_list:
        print("\nfalse errors on clean variants:")
        for m in false_list:
            print("  " + m)
    if args.verbose:
        print("\nall failures:")
        for cause in sorted(failures):
            for m in failures[cause]:
                print(f"  [{cause}] {m}")
    else:
        missed = [m for r in results.values() for m in r["missed"]]
        if missed:
            print("\nmissed planted mistakes:")
            for m in missed:
                print("  " + m)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = (tot["found"] == tot["planted"] and tot["false_errors"] == 0 and tot["must_not_violations"] == 0
          and tot["fields_exact"] == tot["fields_listed"] and tot["forms_ok"] == tot["forms_listed"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
