//! ROS002 — 外国籍の情報取扱者にパスポート番号がない。
//!
//! 何を調べるか: 情報取扱者名簿の「パスポート番号及び国籍（※４）」欄（または
//! 同じ行の「国籍：…」の記載）が日本以外の国籍を示しているのに、パスポート
//! 番号が書かれていないか。日本国籍の人、永住許可を受けた人（特別永住者を
//! 除く）は記入不要で、空欄は指摘しない。
//!
//! なぜ問題か: （※４）日本国籍を有する者及び永住者以外は「パスポート番号等及び国籍を記載」。省は取扱者の確認に両方を必要とします。
//!
//! 例: 「中国」だけ → ROS002。「中国 E12345678」「日本」・空欄 → 指摘なし。
//!
//! ---
//!
//! ROS002 — foreign national without passport number.
//!
//! What it checks: whether the roster's 「パスポート番号及び国籍（※４）」 field (or
//! a 「国籍：…」 note on the same row) shows a nationality other than Japanese
//! while no passport number is written. Japanese nationals and permanent
//! residents (other than special permanent residents) need not fill it in; a
//! blank is not reported.
//!
//! Why it matters: （※４） asks non-Japanese, non-permanent residents for
//! 「パスポート番号等及び国籍」 — the ministry needs both to assess the handler.
//!
//! Example: 「中国」 alone → ROS002. 「中国 E12345678」, 「日本」 or blank → no finding.

use super::field_util::{self as fu, diag, item, squash};
use super::roles::Role;
use super::{FileContext, Rule};
use crate::forms::ExtractedForm;
use crate::model::finding::{Diagnostic, Text};
use regex::Regex;
use std::sync::LazyLock;

pub struct Ros002;

/// What a nationality entry says.
#[derive(Debug, PartialEq)]
pub enum Nationality {
    /// Nothing (or a dash / なし): a Japanese national by the form's rule.
    Unstated,
    Japanese,
    /// 永住者 (not 特別永住者): exempt.
    PermanentResident,
    /// Another nationality, named; whether a passport number is there.
    Foreign {
        name: String,
        passport: bool,
    },
}

static PASSPORT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[A-Z]{1,2}[0-9]{6,9}|[A-Z0-9]{7,12}").ok());

/// The pattern compiled ahead (see `rules::warm_up`).
pub(crate) fn warm_up() {
    LazyLock::force(&PASSPORT);
}

fn passport_number(s: &str) -> Option<String> {
    let upper = s.to_uppercase();
    let re = PASSPORT.as_ref()?;
    re.find_iter(&upper)
        .map(|m| m.as_str().to_string())
        .find(|m| m.chars().filter(|c| c.is_ascii_digit()).count() >= 6)
}

/// Read a nationality entry.
pub fn nationality(text: &str) -> Nationality {
    let s = squash(text);
    if s.is_empty()
        || fu::is_nil_mark(&s)
        || matches!(s.as_str(), "該当なし" | "不要" | "対象外" | "記載不要")
    {
        return Nationality::Unstated;
    }
    if s.contains("日本") {
        return Nationality::Japanese;
    }
    if s.contains("永住") && !s.contains("特別永住") {
        return Nationality::PermanentResident;
    }
    let passport = passport_number(&s);
    let mut rest = s.to_uppercase();
    if let Some(p) = &passport {
        rest = rest.replace(p.as_str(), "");
    }
    for label in [
        "パスポート番号",
        "パスポート",
        "旅券番号",
        "旅券",
        "番号",
        "国籍",
        "特別永住者",
        "NO.",
    ] {
        rest = rest.replace(label, "");
    }
    let name: String = rest.chars().filter(|c| c.is_alphabetic()).collect();
    if name.is_empty() {
        return if passport.is_some() {
            Nationality::Foreign {
                name: String::new(),
                passport: true,
            }
        } else {
            Nationality::Unstated
        };
    }
    Nationality::Foreign {
        name,
        passport: passport.is_some(),
    }
}

/// A 「国籍：…」 note written in another cell of the row.
fn nationality_note(form: &ExtractedForm, i: usize) -> Option<String> {
    for f in ["name", "address", "department", "position", "label"] {
        let Some(v) = form.text(&item("handlers", i, f)) else {
            continue;
        };
        let s = squash(v);
        if let Some(pos) = s.find("国籍") {
            let after: String = s
                .get(pos + "国籍".len()..)
                .unwrap_or("")
                .trim_start_matches([':', '：', '）', ')'])
                .chars()
                .take_while(|c| !matches!(c, ')' | '）' | '、' | ',' | '/' | '／'))
                .collect();
            if !after.is_empty() {
                return Some(after);
            }
        }
    }
    None
}

impl Rule for Ros002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::HandlerRoster) {
            for i in fu::indices(form, "handlers") {
                let field = item("handlers", i, "passport_and_nationality");
                let cell = form.text(&field).unwrap_or("");
                let mut nat = nationality(cell);
                if nat == Nationality::Unstated
                    && let Some(note) = nationality_note(form, i)
                {
                    nat = nationality(&note);
                }
                let Nationality::Foreign {
                    name,
                    passport: false,
                } = nat
                else {
                    continue;
                };
                let who = form
                    .text(&item("handlers", i, "label"))
                    .unwrap_or("")
                    .to_string();
                let row = if who.is_empty() {
                    String::new()
                } else {
                    format!("（{who}）")
                };
                out.push(
                    diag(
                        "ROS002",
                        form,
                        &field,
                        Text::new(
                            format!("情報取扱者{row}の国籍が「{name}」と書かれていますが、パスポート番号がありません。"),
                            format!("Handler {who} is shown with nationality {name} but no passport number."),
                        ),
                    )
                    .help(Text::new(
                        "（※４）日本国籍・永住者以外の人は、パスポート番号と国籍の両方を記入してください（例: 「E12345678　中国」）。",
                        "For anyone who is neither a Japanese national nor a permanent resident, write both the passport number and the nationality.",
                    )),
                );
            }
        }
    }
}
