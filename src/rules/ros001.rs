//! ROS001 — 情報管理責任者が書かれていない。
//!
//! 何を調べるか: 別添様式「情報取扱者名簿」に情報管理責任者（※１）の氏名が
//! 書かれているか。「（※１）受託事業者としての情報取扱の全ての責任を有する者。
//! 必ず明記すること。」
//!
//! なぜ問題か: 情報管理責任者は、省が情報について責任を問う人です。責任者のない名簿は受け付けられません。
//!
//! 「未定」「調整中」など、まだ誰も決まっていないという書き方も氏名ではない
//! （語は schemas/vocabulary/filling.toml の undecided）。
//!
//! 例: 名簿のＡ行（情報管理責任者）の氏名が空欄 → ROS001。「未定」→ ROS001。
//!
//! ---
//!
//! ROS001 — no information manager named.
//!
//! What it checks: whether the 情報取扱者名簿 (roster of information handlers)
//! names the information manager (※１): 「（※１）受託事業者としての情報取扱の
//! 全ての責任を有する者。必ず明記すること。」 An entry saying no one is decided
//! yet (未定, 調整中; the words are in schemas/vocabulary/filling.toml) is no
//! name either.
//!
//! Why it matters: the manager is the person the ministry holds responsible
//! for the information; a roster without one is not accepted.
//!
//! Example: the name on row Ａ (the manager) of the roster is blank, or reads
//! 未定 → ROS001.

use super::field_util::{self as fu, diag, item};
use super::roles::Role;
use super::{FileContext, Rule};
use crate::forms::ExtractedForm;
use crate::model::finding::{Diagnostic, Text};

pub struct Ros001;

/// A roster row's role (`manager`, `supervisor`, `worker`,
/// `subcontractor`), from the canonical value or the printed label.
pub fn role_of(form: &ExtractedForm, i: usize) -> Option<&'static str> {
    let fv = form.get(&item("handlers", i, "role"))?;
    let n = fv
        .normalized
        .as_ref()
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let v = fv.value.as_str();
    let has = |canon: &str, ja: &str| n == canon || v == canon || v.contains(ja);
    if has("manager", "情報管理責任者") {
        Some("manager")
    } else if has("supervisor", "情報取扱管理者") {
        Some("supervisor")
    } else if has("worker", "業務従事者") {
        Some("worker")
    } else if has("subcontractor", "再委託") {
        Some("subcontractor")
    } else {
        None
    }
}

/// Where to report that no roster row with this role names anyone: the
/// first such row's name cell, or the whole list when there is no such row.
/// None when a row with the role names someone.
pub fn unnamed_role_field(form: &ExtractedForm, role: &str) -> Option<String> {
    let rows: Vec<usize> = fu::indices(form, "handlers")
        .filter(|i| role_of(form, *i) == Some(role))
        .collect();
    // 「未定」「調整中」 names no one.
    if rows.iter().any(|i| {
        form.text(&item("handlers", *i, "name"))
            .is_some_and(|n| !crate::forms::filling::is_undecided(n))
    }) {
        return None;
    }
    Some(
        rows.first()
            .map(|i| item("handlers", *i, "name"))
            .unwrap_or_else(|| "handlers".to_string()),
    )
}

impl Rule for Ros001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::HandlerRoster) {
            let Some(field) = unnamed_role_field(form, "manager") else {
                continue;
            };
            out.push(
                diag(
                    "ROS001",
                    form,
                    &field,
                    match form.text(&field) {
                        Some(written) => Text::new(
                            format!("情報取扱者名簿の情報管理責任者（※１）が「{written}」となっていて、氏名が書かれていません。"),
                            format!("The handler roster's information manager (情報管理責任者) reads \"{written}\", not a name."),
                        ),
                        None => Text::new(
                            "情報取扱者名簿に情報管理責任者（※１）の氏名が書かれていません。",
                            "The handler roster names no information manager (情報管理責任者).",
                        ),
                    },
                )
                .help(Text::new(
                    "「情報管理責任者（※１）」の行に、受託事業者として情報取扱の全ての責任を有する者の氏名・所属部署・役職を記入してください。",
                    "On the 情報管理責任者 row, write the name, department and position of the person responsible for all information handling.",
                )),
            );
        }
    }
}
