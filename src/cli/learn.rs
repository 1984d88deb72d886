//! `yoshiki learn TEMPLATE... -o DIR`: one definition file per form found in
//! the call's blank template(s), and on stderr what was guessed and what
//! was unsure, for the person who checks the files.
//!
//! Exit status: 0 written; 2 nothing to learn (no form in the files), a
//! file that cannot be read, or an output that exists without --force.

use super::{Global, t};
use std::path::PathBuf;
use std::process::ExitCode;
use yoshiki::forms::definition::FormSet;
use yoshiki::learn::{learn, to_toml, unique_ids};
use yoshiki::read::{Limits, read_path};
use yoshiki::write::atomic::{OutputPolicy, write_output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The call's blank template(s): .docx, .xlsx, .xls, .txt …
    #[arg(required = true, value_name = "TEMPLATE")]
    pub templates: Vec<PathBuf>,
    /// The folder the definitions are written to (created if needed).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Replace definition files that exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, g: &Global) -> ExitCode {
    let fail = |ja: String, en: String| {
        eprintln!("yoshiki learn: {}", t(g, &ja, &en));
        ExitCode::from(2)
    };
    let limits = Limits::default();
    let mut learned = Vec::new();
    for path in &args.templates {
        let doc = match read_path(path, &limits) {
            Ok(d) => d,
            Err(e) => {
                return fail(
                    format!("{} を読み込めません: {}", path.display(), e.message_ja()),
                    format!("cannot read {}: {e}", path.display()),
                );
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        learned.extend(learn(&doc, &name));
    }
    unique_ids(&mut learned);
    if learned.is_empty() {
        return fail(
            "様式が見つかりませんでした（表題・記入欄のある様式のひな形を指定してください）。"
                .into(),
            "no form found (give the blank template of a form with a title and entries)".into(),
        );
    }
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        let folder = args.output.display().to_string();
        let (ja, en) = super::explained(
            (
                &format!("{folder} を作れません"),
                &format!("cannot create {folder}"),
            ),
            &e,
        );
        return fail(ja, en);
    }
    let policy = OutputPolicy {
        may_replace: args.force,
        force: args.force,
        like: None,
    };
    for form in &learned {
        let text = to_toml(form);
        // What is written must load: a learned file never breaks a check.
        if let Err(e) = FormSet::parse(&form.id, &text) {
            return fail(
                format!("内部エラー: 作成した定義が読み込めません: {e}"),
                format!("internal error: the learned definition does not load: {e}"),
            );
        }
        let out = args.output.join(format!("{}.toml", form.id));
        if let Err(e) = write_output(&out, text.as_bytes(), &policy) {
            let (ja, en) = super::explained(("書き出せません", "cannot write"), &e);
            return fail(ja, en);
        }
        eprintln!(
            "{} → {}（{}、記入欄 {} 件、計算 {} 件、定型文 {} 件）",
            form.source,
            out.display(),
            form.name,
            form.fields.len(),
            form.relations.len(),
            form.fixed.len()
        );
        for gss in &form.guesses {
            eprintln!("  推測: {gss}");
        }
        for u in &form.unsure {
            eprintln!("  要確認: {u}");
        }
    }
    ExitCode::SUCCESS
}
