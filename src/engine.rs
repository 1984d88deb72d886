//! The engine as every door uses it: files as (name, bytes) in, answers as
//! bytes and data out. No file system, no threads, no clock, no printing:
//! the page server (`serve`) and the WebAssembly page (`web/`) are thin
//! adapters around these calls, so the same files give the same answers
//! in both.

use crate::check::{CheckOptions, CheckReport, MemorySet, check_memory};
use crate::diag::{Diagnostic, Lang};
use std::sync::Arc;

/// Why a request could not be answered; both texts are for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    pub ja: String,
    pub en: String,
    /// The request itself was wrong (a bad config, an unknown file), as
    /// opposed to a file that could not be written.
    pub bad_request: bool,
}

impl EngineError {
    fn request(ja: impl Into<String>, en: impl Into<String>) -> Self {
        EngineError {
            ja: ja.into(),
            en: en.into(),
            bad_request: true,
        }
    }

    fn output(ja: impl Into<String>, en: impl Into<String>) -> Self {
        EngineError {
            ja: ja.into(),
            en: en.into(),
            bad_request: false,
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A file to hand to the user.
#[derive(Debug, Clone)]
pub struct Download {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    /// The name to save it under.
    pub file_name: String,
}

/// Group uploaded files into submission sets as `yoshiki check` groups a
/// folder: the files directly in one folder (`受付/A社/申請書.docx` → the
/// set `受付/A社`) are one set; files sent without a folder form one set
/// (「提出物」), as files handed in together.
pub fn sets_of(files: Vec<(String, Arc<[u8]>)>) -> Vec<MemorySet> {
    let mut sets: Vec<MemorySet> = Vec::new();
    for (name, bytes) in files {
        let name = name.replace('\\', "/");
        if name.is_empty() {
            continue;
        }
        let set = match name.rsplit_once('/') {
            Some((folder, _)) => folder.to_string(),
            None => "提出物".to_string(),
        };
        match sets.iter_mut().find(|s| s.name == set) {
            Some(s) => s.files.push((name, bytes)),
            None => sets.push(MemorySet {
                name: set,
                files: vec![(name, bytes)],
            }),
        }
    }
    // In name order, as `check` lists a folder, whatever order the browser
    // handed the files over in.
    sets.sort_by(|a, b| a.name.cmp(&b.name));
    for s in &mut sets {
        s.files.sort_by(|a, b| a.0.cmp(&b.0));
    }
    sets
}

/// Check the sets, each with the `yoshiki.toml` it carries (the call's
/// title, cap, rule levels), as `yoshiki check` does for a folder.
pub fn check_sets(
    sets: Vec<MemorySet>,
    options: &CheckOptions,
) -> Result<CheckReport, EngineError> {
    let mut all: Option<CheckReport> = None;
    for mut set in sets {
        let mut options = options.clone();
        if let Some(i) = set
            .files
            .iter()
            .position(|(n, _)| n.rsplit('/').next() == Some(crate::config::FILE_NAME))
        {
            let (name, bytes) = set.files.remove(i);
            let text = String::from_utf8_lossy(&bytes);
            let config = crate::config::Config::parse(&text, &name)
                .map_err(|e| EngineError::request(e.message_ja(), e.to_string()))?;
            options.config = Some(config);
        }
        let report = check_memory(std::slice::from_ref(&set), &options);
        all = Some(match all {
            None => report,
            Some(acc) => CheckReport::concat(acc, report),
        });
    }
    Ok(all.unwrap_or_else(|| check_memory(&[], options)))
}

/// The report as `yoshiki check --format json` writes it.
pub fn report_json(report: &CheckReport, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail; an empty answer would show as such.
    let _ = crate::diag::json::write(report, lang, false, &mut out);
    out
}

/// The intake report of a check: `xlsx` (default), `html`, `csv` (the
/// table of sets) or `findings-csv` (the table of findings).
pub fn intake_report(
    report: &CheckReport,
    lang: Lang,
    format: &str,
) -> Result<Download, EngineError> {
    let rows = crate::report::from_check(report, lang, false);
    if format == "csv" || format == "findings-csv" {
        let (sets, findings) = crate::report::csv::render(&rows, lang);
        let (text, name) = if format == "csv" {
            (sets, "yoshiki_report.csv")
        } else {
            (findings, "yoshiki_report_findings.csv")
        };
        return Ok(Download {
            bytes: text.into_bytes(),
            mime: "text/csv; charset=utf-8",
            file_name: name.into(),
        });
    }
    if format == "html" {
        return Ok(Download {
            bytes: crate::report::html::render(&rows, lang).into_bytes(),
            mime: "text/html; charset=utf-8",
            file_name: "yoshiki_report.html".into(),
        });
    }
    let bytes = crate::report::xlsx::render(&rows, lang)
        .map_err(|e| EngineError::output("報告書を作れませんでした。", e.to_string()))?;
    Ok(Download {
        bytes,
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name: "yoshiki_report.xlsx".into(),
    })
}

/// What a rule checks, why, an example (`yoshiki explain CODE`), or None
/// for an unknown code.
pub fn explain(code: &str, lang: Lang) -> Option<serde_json::Value> {
    let meta = crate::rules::meta(code.trim())?;
    Some(serde_json::json!({
        "code": meta.code,
        "severity": meta.default_severity.as_str(),
        "title": meta.title(lang),
        "doc": meta.doc(lang),
    }))
}

/// The form definitions in force: id, version, names, and whether the
/// version is the newest of its form (an older one can be migrated).
pub fn forms() -> serde_json::Value {
    let set = crate::forms::load::in_force();
    let number = |v: &str| v.trim_start_matches('r').parse::<u32>().unwrap_or(0);
    let list = set
        .forms
        .iter()
        .map(|d| {
            let current = !set
                .forms
                .iter()
                .any(|o| o.id == d.id && number(&o.version) > number(&d.version));
            serde_json::json!({
                "id": d.id, "version": d.version, "name": d.name, "name_en": d.name_en,
                "current": current,
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

fn find_file(sets: &[MemorySet], wanted: &str) -> Result<Arc<[u8]>, EngineError> {
    sets.iter()
        .flat_map(|s| s.files.iter())
        .find(|(name, _)| name == wanted)
        .map(|(_, b)| Arc::clone(b))
        .ok_or_else(|| {
            EngineError::request(
                "指定のファイルが送られていません。",
                "the file asked for was not sent",
            )
        })
}

fn findings_of(report: &CheckReport, wanted: &str) -> Vec<Diagnostic> {
    report
        .files
        .iter()
        .filter(|f| f.path == wanted)
        .flat_map(|f| f.diagnostics.iter().cloned())
        .collect()
}

/// `name.ext` → `name_SUFFIX.ext`.
fn renamed(wanted: &str, suffix: &str) -> String {
    let file = wanted.rsplit('/').next().unwrap_or(wanted);
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}_{suffix}.{ext}"),
        None => format!("{file}_{suffix}"),
    }
}

/// The file `wanted` of the sets with every finding of its set attached as
/// a Word comment / Excel note (`yoshiki annotate`).
pub fn annotate(
    sets: Vec<MemorySet>,
    wanted: &str,
    options: &CheckOptions,
    lang: Lang,
) -> Result<Download, EngineError> {
    let bytes = find_file(&sets, wanted)?;
    let report = check_sets(sets, options)?;
    let diags = findings_of(&report, wanted);
    let limits = &options.limits;
    let doc = crate::read::read_bytes(wanted, bytes.to_vec(), limits)
        .map_err(|e| EngineError::output(e.message_ja(), e.to_string()))?;
    let opts = crate::write::annotate::AnnotateOptions {
        lang,
        ..Default::default()
    };
    let (out, _) = crate::write::annotate::annotate(&bytes, doc.format, &diags, &opts, limits)
        .map_err(|e| {
            EngineError::output(
                format!("コメントを付けられませんでした（{e}）"),
                format!("cannot add comments: {e}"),
            )
        })?;
    Ok(Download {
        bytes: out,
        mime: "application/octet-stream",
        file_name: renamed(wanted, "指摘付き"),
    })
}

/// One change `fix` makes, for the user to see before downloading.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlannedChange {
    pub code: String,
    /// Where, as people name it.
    pub place: String,
    pub before: String,
    pub after: String,
}

/// A fixed copy and what was changed in it.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// None when nothing could be fixed automatically.
    pub download: Option<Download>,
    pub changes: Vec<PlannedChange>,
}

/// The file `wanted` with its safe fixes applied (`yoshiki fix`), checked
/// again before it is handed out: a fixed copy with a new finding is
/// refused, as the command refuses to write it.
pub fn fix(
    sets: Vec<MemorySet>,
    wanted: &str,
    options: &CheckOptions,
    lang: Lang,
) -> Result<Fixed, EngineError> {
    use crate::write::EditStatus;
    use crate::write::fix::{apply_edits, can_fix, excerpt_pair, safe_edits};
    let bytes = find_file(&sets, wanted)?;
    let set_of_file: Vec<MemorySet> = sets
        .iter()
        .filter(|s| s.files.iter().any(|(n, _)| n == wanted))
        .cloned()
        .collect();
    let report = check_sets(set_of_file.clone(), options)?;
    let diags = findings_of(&report, wanted);
    if let Some(d) = diags
        .iter()
        .find(|d| d.code.starts_with("IN00") && d.code != "IN004")
    {
        return Err(EngineError::output(
            format!("{} {}", d.code, d.message.get(Lang::Ja)),
            format!("{} {}", d.code, d.message.get(Lang::En)),
        ));
    }
    let planned = safe_edits(&diags);
    if planned.is_empty() {
        return Ok(Fixed {
            download: None,
            changes: Vec::new(),
        });
    }
    let limits = &options.limits;
    let doc = crate::read::read_bytes(wanted, bytes.to_vec(), limits)
        .map_err(|e| EngineError::output(e.message_ja(), e.to_string()))?;
    if !can_fix(doc.format) {
        return Err(EngineError::output(
            format!(
                "{} 形式のファイルは書き換えられません。Word / Excel で .docx / .xlsx に保存し直してから直してください。",
                doc.format.as_str()
            ),
            format!(
                "{} files cannot be rewritten; save as .docx / .xlsx first",
                doc.format.as_str()
            ),
        ));
    }
    let edits: Vec<_> = planned.iter().map(|(_, e)| e.clone()).collect();
    let (new_bytes, outcomes) =
        apply_edits(&bytes, doc.format, doc.encoding.as_deref(), &edits, limits).map_err(|e| {
            EngineError::output(
                format!("直したファイルを作れませんでした（{e}）"),
                e.to_string(),
            )
        })?;
    let mut changes = Vec::new();
    let mut applied = Vec::new();
    for o in outcomes.iter().filter(|o| o.status == EditStatus::Applied) {
        let Some((i, _)) = planned.get(o.index) else {
            continue;
        };
        let Some(d) = diags.get(*i) else { continue };
        applied.push(*i);
        let (before, after) = excerpt_pair(&o.before, &o.after, 20);
        changes.push(PlannedChange {
            code: d.code.to_string(),
            place: crate::diag::human::place_text(d, lang)
                .unwrap_or_else(|| o.location.describe_in(lang)),
            before,
            after,
        });
    }
    if applied.is_empty() {
        return Ok(Fixed {
            download: None,
            changes,
        });
    }
    // The fixed copy, checked in place of the original within its set.
    let fixed_sets: Vec<MemorySet> = set_of_file
        .into_iter()
        .map(|mut s| {
            for f in &mut s.files {
                if f.0 == wanted {
                    f.1 = Arc::from(new_bytes.as_slice());
                }
            }
            s
        })
        .collect();
    let after = findings_of(&check_sets(fixed_sets, options)?, wanted);
    let new_problems: Vec<String> = crate::write::fix::new_findings(&diags, &after)
        .iter()
        .map(|d| format!("{} {}", d.code, d.message.get(Lang::Ja)))
        .collect();
    if !new_problems.is_empty() {
        return Err(EngineError::output(
            format!(
                "直したファイルに新しい指摘が出たため、直したファイルは作りませんでした: {}",
                new_problems.join(" / ")
            ),
            "the fixed copy has new findings, so it was not made".to_string(),
        ));
    }
    Ok(Fixed {
        download: Some(Download {
            bytes: new_bytes,
            mime: "application/octet-stream",
            file_name: renamed(wanted, "修正済み"),
        }),
        changes,
    })
}

/// How much of a document the preview shows: enough to find every finding
/// of a form, not a whole data sheet.
const PREVIEW_BLOCKS: usize = 4000;
const PREVIEW_ROWS: usize = 400;
const PREVIEW_COLS: u32 = 60;

fn preview_blocks(blocks: &[crate::model::Block], budget: &mut usize) -> Vec<serde_json::Value> {
    use crate::model::Block;
    let mut out = Vec::new();
    for b in blocks {
        if *budget == 0 {
            out.push(serde_json::json!({ "type": "more" }));
            break;
        }
        *budget -= 1;
        match b {
            Block::Paragraph(p) => out.push(serde_json::json!({
                "type": "p", "text": p.text, "loc": p.location,
            })),
            Block::Table(t) => {
                let mut rows = Vec::new();
                for row in t.rows.iter().take(PREVIEW_ROWS) {
                    let cells: Vec<serde_json::Value> = row
                        .cells
                        .iter()
                        .filter(|c| c.col <= PREVIEW_COLS)
                        .map(|c| {
                            serde_json::json!({
                                "row": c.row, "col": c.col,
                                "rs": c.row_span, "cs": c.col_span,
                                "loc": c.location,
                                "blocks": preview_blocks(&c.blocks, budget),
                            })
                        })
                        .collect();
                    rows.push(serde_json::json!({ "index": row.index, "cells": cells }));
                }
                out.push(serde_json::json!({
                    "type": "table", "name": t.name, "loc": t.location, "rows": rows,
                    "more_rows": t.rows.len().saturating_sub(PREVIEW_ROWS),
                }));
            }
        }
    }
    out
}

/// The file `wanted` as the page draws it: its main story (paragraphs and
/// tables, in order, each with the location findings carry), then its
/// headers, footers and notes; enough to mark every finding in place.
pub fn preview(
    sets: &[MemorySet],
    wanted: &str,
    options: &CheckOptions,
) -> Result<serde_json::Value, EngineError> {
    let bytes = find_file(sets, wanted)?;
    let doc = crate::read::read_bytes(wanted, bytes.to_vec(), &options.limits)
        .map_err(|e| EngineError::output(e.message_ja(), e.to_string()))?;
    let mut budget = PREVIEW_BLOCKS;
    let blocks = preview_blocks(&doc.blocks, &mut budget);
    let stories: Vec<serde_json::Value> = doc
        .stories
        .iter()
        .map(|s| {
            serde_json::json!({
                "kind": s.kind, "part": s.part,
                "blocks": preview_blocks(&s.blocks, &mut budget),
            })
        })
        .collect();
    Ok(serde_json::json!({
        "path": wanted,
        "format": doc.format.as_str(),
        "blocks": blocks,
        "stories": stories,
    }))
}

/// A field's label as the form prints it: the field's first label, or for
/// a list entry (`items[2].status`) the list's heading, the entry's number
/// or clause and the column's header.
fn field_label(def: Option<&crate::forms::definition::FormDef>, path: &str) -> Option<String> {
    let def = def?;
    if let Some(f) = def.fields.iter().find(|f| f.path == path) {
        return f.labels.first().cloned();
    }
    let (list, rest) = path.split_once('[')?;
    let (index, column) = rest.split_once("].")?;
    let index: usize = index.parse().ok()?;
    let l = def.lists.iter().find(|l| l.path == list)?;
    let entry = l
        .items
        .get(index)
        .map(|i| {
            format!(
                "（{}）{}",
                i.number,
                i.clause.chars().take(24).collect::<String>()
            )
        })
        .unwrap_or_else(|| format!("{}件目", index + 1));
    let header = l
        .columns
        .iter()
        .find(|c| c.fields.iter().any(|f| f == column))
        .and_then(|c| c.header.first().cloned())
        .unwrap_or_else(|| column.to_string());
    Some(format!("{entry} {header}"))
}

/// An old report carried onto the current template (`yoshiki migrate`),
/// with what was carried, what must be answered afresh, and what found no
/// place.
#[derive(Debug, Clone)]
pub struct Migrated {
    pub download: Download,
    /// What the page shows beside the download (JSON).
    pub summary: serde_json::Value,
}

/// Carry the file `wanted` (an old version of a form that has a built-in
/// migration, `schemas/migrations/`) onto the current template. Refused in
/// words when the file holds no such form, or it is already current.
pub fn migrate(
    sets: &[MemorySet],
    wanted: &str,
    options: &CheckOptions,
    lang: Lang,
) -> Result<Migrated, EngineError> {
    use crate::write::migrate::{MigrateOptions, def, migrate_form};
    let bytes = find_file(sets, wanted)?;
    let limits = &options.limits;
    let doc = crate::read::read_bytes(wanted, bytes.to_vec(), limits)
        .map_err(|e| EngineError::output(e.message_ja(), e.to_string()))?;
    if doc.format == crate::model::Format::Pdf {
        return Err(EngineError::output(
            "PDF では報告事項の表の欄を確実に読み取れないため移行しません。Word の元ファイル（.doc / .docx）を選んでください。",
            "a PDF keeps no table cells; choose the Word original (.doc / .docx)",
        ));
    }
    let forms = crate::forms::extract_forms(&doc);
    let (old, migration) = match def::find(&forms) {
        def::Found::Migrate(f, m) => (f, m),
        def::Found::Current(m) => {
            return Err(EngineError::output(
                format!(
                    "この報告書は既に現行の様式（{}）です。移す必要はありません。",
                    m.edition.ja
                ),
                format!(
                    "this report already uses the current template ({})",
                    m.edition.en
                ),
            ));
        }
        def::Found::Nothing => {
            let names: Vec<String> = def::builtin()
                .iter()
                .map(|m| crate::forms::definition::form_name(&m.form).ja)
                .collect();
            return Err(EngineError::output(
                format!(
                    "このファイルには、現行の様式へ移せる様式（{}）が見つかりません。",
                    names.join("、")
                ),
                "no form with a newer built-in template was found in this file",
            ));
        }
    };
    let opts = MigrateOptions {
        lang,
        author: "yoshiki".into(),
        date: None,
    };
    let m = migrate_form(migration, &old.fields, &opts, limits).map_err(|e| {
        EngineError::output(
            format!("移行できませんでした（{e}）"),
            format!("migration failed: {e}"),
        )
    })?;
    let def = crate::forms::load::in_force()
        .forms
        .iter()
        .find(|d| d.id == old.form && d.version == old.template_version);
    let label = |path: &str| field_label(def, path).unwrap_or_else(|| path.to_string());
    let change = |c: &crate::write::migrate::ItemChange| serde_json::json!({ "item": c.item, "what": c.what.get(lang) });
    let summary = serde_json::json!({
        "from": old.template_version,
        "placed": m.placed.iter().map(|p| serde_json::json!({
            "field": p.field, "label": label(&p.field), "value": p.value,
            "place": p.location.describe(),
        })).collect::<Vec<_>>(),
        "fresh_answers": m.fresh_answers.iter().map(change).collect::<Vec<_>>(),
        "wording_updates": m.wording_updates.iter().map(change).collect::<Vec<_>>(),
        "not_placed": m.not_placed.iter().map(|n| serde_json::json!({
            "field": n.field, "label": label(&n.field), "value": n.value, "reason": n.reason.get(lang),
        })).collect::<Vec<_>>(),
    });
    let file = wanted.rsplit('/').next().unwrap_or(wanted);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    Ok(Migrated {
        download: Download {
            bytes: m.bytes,
            mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            file_name: format!("{stem}_現行様式.docx"),
        },
        summary,
    })
}

/// A file the user handed in: its name and bytes.
#[derive(Debug, Clone)]
pub struct NamedFile {
    pub name: String,
    pub bytes: Arc<[u8]>,
}

/// The files of `migrate --to`, each in its role: last year's filled form,
/// this year's blank template, optionally last year's blank template and
/// a `--map` file.
#[derive(Debug, Clone, Default)]
pub struct CarryFiles {
    pub filled: Option<NamedFile>,
    pub to: Option<NamedFile>,
    pub from: Option<NamedFile>,
    pub map: Option<NamedFile>,
}

impl CarryFiles {
    /// The files by the role each was sent under (`filled`, `to`, `from`,
    /// `map`, as the command's arguments are named); one file a role.
    pub fn by_role(files: Vec<(String, NamedFile)>) -> Result<CarryFiles, EngineError> {
        let mut out = CarryFiles::default();
        for (role, file) in files {
            let slot = match role.as_str() {
                "filled" => &mut out.filled,
                "to" => &mut out.to,
                "from" => &mut out.from,
                "map" => &mut out.map,
                other => {
                    return Err(EngineError::request(
                        format!(
                            "「{other}」という種類のファイルは受け付けていません（filled / to / from / map）。"
                        ),
                        format!("unknown file role {other} (filled / to / from / map)"),
                    ));
                }
            };
            if slot.is_some() {
                return Err(EngineError::request(
                    "同じ種類のファイルが二つ送られています。一つずつ選んでください。",
                    format!("two files sent as {role}"),
                ));
            }
            *slot = Some(file);
        }
        Ok(out)
    }
}

fn read_named(
    f: &NamedFile,
    limits: &crate::read::Limits,
) -> Result<crate::model::Document, EngineError> {
    crate::read::read_bytes(&f.name, f.bytes.to_vec(), limits).map_err(|e| {
        EngineError::output(
            format!("{}: {}", f.name, e.message_ja()),
            format!("{}: {e}", f.name),
        )
    })
}

/// Last year's filled form carried onto this year's blank template, for
/// any form (`yoshiki migrate FILLED --to NEW [--from OLD] [--map FILE]`):
/// the new file, read back before it is handed out, and the report (each
/// value old place → new place, what found no place, the new fields to
/// fill by hand, the wording to read again).
pub fn migrate_to(
    files: CarryFiles,
    limits: &crate::read::Limits,
    lang: Lang,
) -> Result<Migrated, EngineError> {
    use crate::write::carry::{self, LabelMap};
    let (Some(filled), Some(to)) = (&files.filled, &files.to) else {
        return Err(EngineError::request(
            "昨年度の記入済みの様式と、今年度の白紙の様式の両方を選んでください。",
            "choose both last year's filled form and this year's blank template",
        ));
    };
    let filled_doc = read_named(filled, limits)?;
    let new_doc = read_named(to, limits)?;
    let sheet = matches!(
        new_doc.format,
        crate::model::Format::Xlsx | crate::model::Format::Xlsm
    );
    if !new_doc.format.is_word() && !sheet {
        return Err(EngineError::output(
            format!(
                "今年度の様式（{}）は Word の .docx か Excel の .xlsx で選んでください（{} 形式には書き込めません）。",
                to.name,
                new_doc.format.as_str()
            ),
            format!(
                "the new template must be .docx or .xlsx, not {}",
                new_doc.format.as_str()
            ),
        ));
    }
    let old_doc = match &files.from {
        Some(f) => Some(read_named(f, limits)?),
        None => None,
    };
    let map = match &files.map {
        Some(f) => carry::report::parse_map(&String::from_utf8_lossy(&f.bytes))
            .map_err(|(ja, en)| EngineError::request(ja, en))?,
        None => LabelMap::new(),
    };
    let c = carry::carry(
        &filled_doc,
        old_doc.as_ref(),
        &new_doc,
        &to.bytes,
        &map,
        limits,
    )
    .map_err(|e| {
        use crate::error::Explained;
        EngineError::output(
            format!("移せませんでした: {}", e.said_ja()),
            format!("migration failed: {}", e.said_en()),
        )
    })?;
    let ext = to.name.rsplit_once('.').map_or("docx", |(_, e)| e);
    if let Err(problems) = carry::report::verify(&c, &format!("new.{ext}"), limits) {
        return Err(EngineError::output(
            format!(
                "移した内容を読み直すと一致しない欄があったため、ファイルは作りませんでした: {problems}"
            ),
            format!("the new file does not read back as written, so it was not made: {problems}"),
        ));
    }
    let mut summary = carry::report::summary(&c, lang);
    summary["filled"] = filled.name.clone().into();
    summary["template"] = to.name.clone().into();
    summary["from"] = files.from.as_ref().map(|f| f.name.clone()).into();
    let file = filled.name.rsplit('/').next().unwrap_or(&filled.name);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mime = if sheet {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    };
    Ok(Migrated {
        download: Download {
            bytes: c.bytes,
            mime,
            file_name: format!("{stem}_新様式.{ext}"),
        },
        summary,
    })
}
