//! `yoshiki migrate FILLED --to NEW_TEMPLATE [--from OLD_TEMPLATE] -o OUT
//! [--map FILE] [--format human|json]`: last year's filled form onto this
//! year's blank template, for any form (see `yoshiki::write::carry`).
//!
//! Exit status: 0 written and every value placed; 1 written, but some
//! values found no place (listed); 2 nothing written.

use super::migrate::{Args, fail};
use super::{Global, refuse_overwrite, same_file, t};
use std::path::Path;
use std::process::ExitCode;
use yoshiki::diag::Lang;
use yoshiki::read::{Limits, read_bytes};
use yoshiki::write::atomic::{OutputPolicy, check_output, write_output};
use yoshiki::write::carry::{Carry, LabelMap, carry};

#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    Human,
    Json,
}

fn read_doc(path: &Path, g: &Global) -> Result<(Vec<u8>, yoshiki::Document), ExitCode> {
    let limits = Limits::default();
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            g,
            format!("{} を読めません（{e}）。", path.display()),
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let doc = read_bytes(&path.display().to_string(), bytes.clone(), &limits).map_err(|e| {
        let (ja, en) = super::explained(("", ""), &e);
        fail(g, ja, format!("{}: {en}", path.display()))
    })?;
    Ok((bytes, doc))
}

fn read_map(path: &Path, g: &Global) -> Result<LabelMap, ExitCode> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        fail(
            g,
            format!("{} を読めません（{e}）。", path.display()),
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    yoshiki::write::carry::report::parse_map(&text).map_err(|(ja, en)| {
        fail(
            g,
            format!("{}: {ja}", path.display()),
            format!("{}: {en}", path.display()),
        )
    })
}

pub fn run(args: &Args, to: &Path, g: &Global) -> ExitCode {
    let limits = Limits::default();
    for other in [Some(to), args.from.as_deref()].into_iter().flatten() {
        if same_file(other, &args.output) || same_file(&args.old, &args.output) {
            return fail(
                g,
                "書き出し先に、入力や様式のファイルは指定できません（元のファイルは変更しません）。".into(),
                "the output must not be an input or a template (they are never changed).".into(),
            );
        }
    }
    let template_ext = to.extension().and_then(|e| e.to_str()).unwrap_or("");
    if let Some((ja, en)) = super::refuse_extension(&args.output, template_ext) {
        return fail(g, ja, en);
    }
    if let Some((ja, en)) = refuse_overwrite(&args.output, args.force) {
        return fail(g, ja, en);
    }
    let policy = OutputPolicy {
        may_replace: args.force,
        force: args.force,
        like: Some(to),
    };
    if let Err(e) = check_output(&args.output, &policy) {
        let (ja, en) = super::explained(("書き出せません", "cannot write"), &e);
        return fail(g, ja, en);
    }
    let (_, filled) = match read_doc(&args.old, g) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let (new_bytes, new_doc) = match read_doc(to, g) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let old_template = match &args.from {
        Some(p) => match read_doc(p, g) {
            Ok((_, d)) => Some(d),
            Err(code) => return code,
        },
        None => None,
    };
    let map = match &args.map {
        Some(p) => match read_map(p, g) {
            Ok(m) => m,
            Err(code) => return code,
        },
        None => LabelMap::new(),
    };
    let c = match carry(
        &filled,
        old_template.as_ref(),
        &new_doc,
        &new_bytes,
        &map,
        &limits,
    ) {
        Ok(c) => c,
        Err(e) => {
            return fail(
                g,
                super::explained(("移せませんでした", "migration failed"), &e).0,
                super::explained(("移せませんでした", "migration failed"), &e).1,
            );
        }
    };
    // Read the new file back before writing it: every carried value must
    // read back in its place.
    if let Err(problems) =
        yoshiki::write::carry::report::verify(&c, &args.output.display().to_string(), &limits)
    {
        return fail(
            g,
            format!(
                "書き出した内容を読み直すと一致しない欄があったため、書き出しを中止しました: {problems}"
            ),
            format!(
                "the new file does not read back as written, so nothing was written: {problems}"
            ),
        );
    }
    if let Err(e) = write_output(&args.output, &c.bytes, &policy) {
        return fail(
            g,
            super::explained(("書き出せませんでした", "cannot write"), &e).0,
            super::explained(("書き出せませんでした", "cannot write"), &e).1,
        );
    }
    match args.format {
        SummaryFormat::Json => println!("{}", json(args, to, &c, g.lang)),
        SummaryFormat::Human => print_human(args, to, &c, g),
    }
    if c.unplaced.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn json(args: &Args, to: &Path, c: &Carry, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "input": args.old.display().to_string(),
        "template": to.display().to_string(),
        "from": args.from.as_ref().map(|p| p.display().to_string()),
        "output": args.output.display().to_string(),
        "placed": c.placed.iter().map(|p| serde_json::json!({
            "old_label": p.old_label, "new_label": p.new_label,
            "value": p.value, "new_value": p.new_value,
            "old_place": p.old_place, "new_place": p.new_place,
            "review": p.review.as_ref().map(|r| r.get(lang).to_string()),
            "computed": p.computed,
        })).collect::<Vec<_>>(),
        "unplaced": c.unplaced.iter().map(|u| serde_json::json!({
            "old_label": u.old_label, "value": u.value, "old_place": u.old_place,
            "reason": u.reason.get(lang),
        })).collect::<Vec<_>>(),
        "to_fill": c.to_fill.iter().map(|f| serde_json::json!({
            "label": f.label, "place": f.place, "new_field": f.new_field,
        })).collect::<Vec<_>>(),
        "changed_wording": c.changed_wording,
    })
}

fn short(s: &str) -> String {
    let one = s.replace('\n', " ");
    let mut out: String = one.chars().take(50).collect();
    if one.chars().count() > 50 {
        out.push('…');
    }
    out
}

fn print_human(args: &Args, to: &Path, c: &Carry, g: &Global) {
    println!(
        "{} → {}（{}: {}）",
        args.old.display(),
        args.output.display(),
        t(g, "様式", "template"),
        to.display()
    );
    println!(
        "{}: {}",
        t(g, "引き継いだ記載", "carried over"),
        c.placed.len()
    );
    for p in &c.placed {
        let arrow = if p.old_label == p.new_label {
            p.new_label.clone()
        } else {
            format!("{} → {}", p.old_label, p.new_label)
        };
        println!(
            "  {arrow}: {} [{}]",
            short(&p.new_value),
            p.new_place.describe_in(g.lang)
        );
        if let Some(r) = &p.review {
            println!("    {}: {}", t(g, "要確認", "check"), r.get(g.lang));
        }
    }
    if !c.unplaced.is_empty() {
        println!(
            "{}: {}",
            t(g, "エラー 移せなかった記載", "error: not carried over"),
            c.unplaced.len()
        );
        for u in &c.unplaced {
            println!(
                "  {}: {} — {}",
                u.old_label,
                short(&u.value),
                u.reason.get(g.lang)
            );
        }
    }
    let new_fields: Vec<_> = c.to_fill.iter().filter(|f| f.new_field).collect();
    if !new_fields.is_empty() {
        println!(
            "{}: {}",
            t(
                g,
                "今年度の様式で新しく記入が必要な欄",
                "new entries to fill in"
            ),
            new_fields.len()
        );
        for f in new_fields {
            println!("  {} [{}]", f.label, f.place.describe_in(g.lang));
        }
    }
    let blank: Vec<_> = c.to_fill.iter().filter(|f| !f.new_field).collect();
    if !blank.is_empty() {
        println!(
            "{}: {}",
            t(
                g,
                "旧様式でも空欄だった欄",
                "left blank in the old form as well"
            ),
            blank.len()
        );
    }
    if !c.changed_wording.is_empty() {
        println!(
            "{}: {}",
            t(
                g,
                "文言が変わった箇所（署名・提出の前に読み直してください）",
                "wording that changed (read again before signing)"
            ),
            c.changed_wording.len()
        );
        for w in &c.changed_wording {
            println!("  {}", short(w));
        }
    }
}
