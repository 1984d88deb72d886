//! `yoshiki migrate OLD -o NEW`: an old (r5) 別紙４ security report — Word,
//! Excel or text — onto the current r7 template, as a new .docx.
//! `yoshiki migrate FILLED --to NEW_TEMPLATE [--from OLD_TEMPLATE] -o OUT`:
//! any filled form onto another year's blank template (`migrate_to.rs`).
//!
//! Exit status: 0 written; 1 nothing to do (already the current version);
//! 2 could not do it (unreadable input, no report found, refusing to
//! overwrite).

use super::{Global, refuse_overwrite, same_file, t};
use std::path::PathBuf;
use std::process::ExitCode;
use yoshiki::diag::Lang;
use yoshiki::forms::{ExtractedForm, extract_forms};
use yoshiki::read::{Limits, read_bytes};
use yoshiki::write::atomic::{OutputPolicy, check_output, write_output};
use yoshiki::write::migrate::def::{self, MigrationDef};
use yoshiki::write::migrate::{ItemChange, MigrateOptions, Migration, migrate_form};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old report (.docx, .xlsx, .txt ...).
    #[arg(value_name = "OLD_FILE")]
    pub old: PathBuf,
    /// The new report to write (.docx).
    #[arg(short = 'o', long = "output", value_name = "NEW_FILE")]
    pub output: PathBuf,
    /// Overwrite NEW_FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// This year's blank template (.docx / .xlsx) to carry the filled
    /// form's values onto, for any form.
    #[arg(long, value_name = "NEW_TEMPLATE")]
    pub to: Option<PathBuf>,
    /// The filled form's own blank template (last year's); without it the
    /// places are read from the filled file itself.
    #[arg(long, value_name = "OLD_TEMPLATE", requires = "to")]
    pub from: Option<PathBuf>,
    /// Old → new labels (TOML: `[map]` then `"旧ラベル" = "新ラベル"`; an
    /// empty new label: do not carry).
    #[arg(long, value_name = "FILE", requires = "to")]
    pub map: Option<PathBuf>,
    /// Output format of the summary (with --to).
    #[arg(long, value_enum, default_value = "human")]
    pub format: super::migrate_to::SummaryFormat,
}

pub(super) fn fail(g: &Global, ja: String, en: String) -> ExitCode {
    eprintln!(
        "yoshiki migrate: {}",
        if g.lang == Lang::Ja { ja } else { en }
    );
    ExitCode::from(2)
}

pub fn run(args: &Args, g: &Global) -> ExitCode {
    if let Some(to) = &args.to {
        return super::migrate_to::run(args, to, g);
    }
    let limits = Limits::default();
    let doc = match yoshiki::read_path_bounded(&args.old, &limits) {
        Ok(d) => d,
        Err(e) => {
            let (ja, en) = super::explained(("", ""), &e);
            return fail(g, ja, format!("{}: {en}", args.old.display()));
        }
    };
    if doc.format == yoshiki::model::Format::Pdf {
        // A PDF keeps the report's text but not its table cells: the
        // answers of items whose cells wrap would be carried to the wrong
        // items (measured on the r5 sample), so it is refused.
        return fail(
            g,
            format!(
                "{} は PDF です。PDF では報告事項の表の欄を確実に読み取れないため移行しません。Word の元ファイル（.doc / .docx）で migrate を実行してください（指摘の確認だけなら check で読めます）。",
                args.old.display()
            ),
            format!(
                "{}: a PDF keeps no table cells, so the report's answers cannot be carried over reliably; run migrate on the Word original (.doc / .docx), or check the PDF",
                args.old.display()
            ),
        );
    }
    let forms = extract_forms(&doc);
    // The migrations are data (schemas/migrations): the first form of the
    // file that one of them starts from.
    let (old, migration) = match def::find(&forms) {
        def::Found::Migrate(f, m) => (f, m),
        def::Found::Current(m) => {
            let name = yoshiki::forms::definition::form_name(&m.form);
            eprintln!(
                "yoshiki migrate: {}",
                match g.lang {
                    yoshiki::diag::Lang::Ja => format!(
                        "この{}は既に現行の様式（{}）です。移行は不要のため、何も書き出していません。",
                        name.ja, m.edition.ja
                    ),
                    yoshiki::diag::Lang::En => format!(
                        "this {} already uses the current template ({}); nothing written.",
                        name.en, m.edition.en
                    ),
                }
            );
            return ExitCode::from(1);
        }
        def::Found::Nothing => {
            let names: Vec<String> = def::builtin()
                .iter()
                .map(|m| yoshiki::forms::definition::form_name(&m.form).ja)
                .collect();
            return fail(
                g,
                format!(
                    "{} に、現行の様式へ移せる様式（{}）が見つかりません（他の様式は migrate --to で移せます）。",
                    args.old.display(),
                    names.join("、")
                ),
                format!(
                    "{}: no form with a newer built-in template found (other forms: migrate --to)",
                    args.old.display()
                ),
            );
        }
    };
    if same_file(&args.old, &args.output) {
        return fail(
            g,
            "移行先に元のファイルは指定できません（元のファイルは変更しません）。".into(),
            "the output must not be the input file (the original is never changed).".into(),
        );
    }
    if let Some((ja, en)) = super::refuse_extension(&args.output, "docx") {
        return fail(g, ja, en);
    }
    if let Some((ja, en)) = refuse_overwrite(&args.output, args.force) {
        return fail(g, ja, en);
    }
    let policy = OutputPolicy {
        may_replace: args.force,
        force: args.force,
        like: Some(&args.old),
    };
    if let Err(e) = check_output(&args.output, &policy) {
        let (ja, en) = super::explained(("書き出せません", "cannot write"), &e);
        return fail(g, ja, en);
    }
    let opts = MigrateOptions {
        lang: g.lang,
        author: "yoshiki".into(),
        date: Some(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    };
    let m = match migrate_form(migration, &old.fields, &opts, &limits) {
        Ok(m) => m,
        Err(e) => {
            return fail(
                g,
                super::explained(("移行できませんでした", "migration failed"), &e).0,
                super::explained(("移行できませんでした", "migration failed"), &e).1,
            );
        }
    };
    // Read our own output back before writing it: the new report must be
    // recognised as the current version with the same fields.
    let mismatches = verify(&m, old, migration, &args.output, &limits);
    if let Err(e) = write_output(&args.output, &m.bytes, &policy) {
        return fail(
            g,
            super::explained(("書き出せませんでした", "cannot write"), &e).0,
            super::explained(("書き出せませんでした", "cannot write"), &e).1,
        );
    }
    print_summary(args, g, old, &migration.to, &m, &mismatches);
    ExitCode::SUCCESS
}

/// Fields that do not read back the same from the new report.
fn verify(
    m: &Migration,
    old: &ExtractedForm,
    migration: &MigrationDef,
    out: &std::path::Path,
    limits: &Limits,
) -> Vec<String> {
    let mut problems = Vec::new();
    let name = out.display().to_string();
    let doc = match read_bytes(&name, m.bytes.clone(), limits) {
        Ok(d) => d,
        Err(e) => return vec![format!("new report unreadable: {e}")],
    };
    let forms = extract_forms(&doc);
    let Some(new) = forms.iter().find(|f| f.form == migration.form) else {
        return vec![format!(
            "the new file is not recognised as {}",
            migration.form
        )];
    };
    if new.template_version != migration.to {
        problems.push(format!(
            "the new report reads as version {}",
            new.template_version
        ));
    }
    for p in &m.placed {
        let before = old.text(&p.field).unwrap_or("");
        let after = new.text(&p.field).unwrap_or("");
        if before != after {
            problems.push(format!("{}: {before:?} → {after:?}", p.field));
        }
    }
    problems
}

fn print_summary(
    args: &Args,
    g: &Global,
    old: &ExtractedForm,
    to: &str,
    m: &Migration,
    mismatches: &[String],
) {
    println!(
        "{} ({}) → {} ({to})",
        args.old.display(),
        old.template_version,
        args.output.display()
    );
    println!(
        "{}: {}",
        t(g, "引き継いだ記載", "carried over"),
        m.placed.len()
    );
    for p in &m.placed {
        let v: String = p.value.chars().take(40).collect();
        let more = if p.value.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        println!(
            "  {:<28} {}{} [{}]",
            p.field,
            v.replace('\n', " "),
            more,
            p.location.describe_in(g.lang)
        );
    }
    print_changes(
        g,
        t(
            g,
            "要再回答（要件が変わった項目。新しい報告書では黄色の強調とコメントで示しています）:",
            "answer again (the requirement changed; highlighted and commented in the new report):",
        ),
        &m.fresh_answers,
    );
    print_changes(
        g,
        t(
            g,
            "文言のみ更新（回答はそのまま引き継ぎ）:",
            "wording updated (answer carried over):",
        ),
        &m.wording_updates,
    );
    if m.not_placed.is_empty() {
        println!(
            "{}",
            t(g, "引き継げなかった記載: なし", "not carried over: none")
        );
    } else {
        println!(
            "{}",
            t(
                g,
                "引き継げなかった記載（手で移してください）:",
                "not carried over (move by hand):"
            )
        );
        for n in &m.not_placed {
            println!(
                "  {}: {} — {}",
                n.field,
                n.value.replace('\n', " "),
                n.reason.get(g.lang)
            );
        }
    }
    if !mismatches.is_empty() {
        println!(
            "{}",
            t(
                g,
                "注意: 新しい報告書から読み取った値が元と異なります:",
                "warning: the new report reads differently:"
            )
        );
        for p in mismatches {
            println!("  {p}");
        }
    }
}

/// A heading and one line per changed item; nothing when there is none.
fn print_changes(g: &Global, heading: &str, changes: &[ItemChange]) {
    if changes.is_empty() {
        return;
    }
    println!("{heading}");
    for c in changes {
        println!("  {}） {}", c.item, c.what.get(g.lang));
    }
}
