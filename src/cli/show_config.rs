//! `check --show-config`: the configuration a check of these paths would
//! use, as TOML an official can copy into a yoshiki.toml.

use super::Global;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoshiki::config::{Config, RuleLevel};
use yoshiki::diag::Lang;

pub fn run(
    config: Option<&Path>,
    paths: &[PathBuf],
    as_of: Option<chrono::NaiveDate>,
    global: &Global,
) -> ExitCode {
    let ja = global.lang == Lang::Ja;
    let found = match config {
        Some(c) => Some(c.to_path_buf()),
        None => paths.iter().find_map(|p| Config::find_file(p)),
    };
    let loaded = match &found {
        Some(path) => match Config::load(path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!(
                    "yoshiki check: {}",
                    if ja { e.message_ja() } else { e.to_string() }
                );
                return ExitCode::from(2);
            }
        },
        None => Config::builtin().clone(),
    };
    let mut out = String::new();
    match &found {
        Some(p) if ja => out.push_str(&format!("# 設定ファイル: {}\n", p.display())),
        Some(p) => out.push_str(&format!("# config file: {}\n", p.display())),
        None if ja => out.push_str(
            "# 設定ファイルなし: 組み込みの公募の既定値（schemas/call.toml）を使います\n",
        ),
        None => {
            out.push_str("# no config file: the built-in call's defaults (schemas/call.toml)\n")
        }
    }
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    out.push_str(&format!("# as-of = {as_of}\n\n[call]\n"));
    let call = &loaded.call;
    match &call.title {
        Some(t) => out.push_str(&format!("title = {}\n", toml_str(t))),
        None => out.push_str("# title = (not set)\n"),
    }
    match call.budget_cap {
        Some(c) => out.push_str(&format!("budget_cap = {c}\n")),
        None => out.push_str("# budget_cap = (not set)\n"),
    }
    out.push_str(&format!(
        "general_admin_rate = {}\n",
        call.general_admin_rate
    ));
    out.push_str("\n[rules]\n");
    for (code, level) in &loaded.rules {
        let word = match level {
            RuleLevel::Error => "error",
            RuleLevel::Warning => "warning",
            RuleLevel::Info => "info",
            RuleLevel::Off => "off",
        };
        out.push_str(&format!("{code} = \"{word}\"\n"));
    }
    out.push_str("\n[forms]\n");
    let mut dirs: Vec<String> = global
        .forms
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    dirs.extend(loaded.forms_dirs.iter().map(|d| d.display().to_string()));
    out.push_str(&format!(
        "dirs = [{}]\n",
        dirs.iter()
            .map(|d| toml_str(d))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let set = yoshiki::forms::load::in_force();
    out.push_str(&format!(
        "# {} {}\n",
        set.forms.len(),
        if ja {
            "件の様式定義（yoshiki forms list で一覧）"
        } else {
            "form definitions in force (yoshiki forms list)"
        }
    ));
    print!("{out}");
    ExitCode::SUCCESS
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
