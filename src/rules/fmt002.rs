//! FMT002 — 電話番号の形式が正しくない。
//!
//! 何を調べるか: 様式１ 連絡担当窓口の「電話番号（代表・直通）」が電話番号として
//! 読めるか。03-1234-5678、0312345678、(03)1234-5678、090-1234-5678、
//! +81-3-1234-5678、「代表：… 直通：…」の併記、「内線123」「ext.123」の添え書き
//! は認める。全角の数字・ハイフン（０３－１２３４－５６７８）もそのまま読める
//! ので指摘しない。桁数の誤り（0で始まる10桁・11桁でない）、数字以外の文字を
//! 指摘する。警告。
//! 様式定義で `kind = "phone"` とした欄が対象。
//!
//! なぜ問題か: 役所は提出物についてこの番号に電話します。
//!
//! 例: 「03-1234-567」→ FMT002（桁が足りない）。「０３－１２３４－
//! ５６７８　内線１２３」→ 指摘なし。
//!
//! ---
//!
//! FMT002 — telephone number malformed.
//!
//! What it checks: whether 様式１'s 「電話番号（代表・直通）」 reads as a telephone
//! number. 03-1234-5678, 0312345678, (03)1234-5678, 090-1234-5678,
//! +81-3-1234-5678, 「代表：… 直通：…」 together, and a note such as 「内線123」 or
//! 「ext.123」 are accepted, in full-width characters too (０３－１２３４－５６７８
//! reads as well). Wrong digit counts (not 10 or 11 digits starting with 0)
//! and characters other than digits are reported. Warning. Fields a form
//! definition marks `kind = "phone"` are checked.
//!
//! Why it matters: the office calls this number about the submission.
//!
//! Example: 「03-1234-567」 → FMT002 (a digit short). 「０３－１２３４－５６７８
//! 内線１２３」 → no finding.

use super::declared::paths_of_kind;
use super::field_util::{self as fu, diag_span};
use super::{FileContext, Rule};
use crate::forms::rule_keys::Kind;
use crate::model::finding::{Diagnostic, Text};
use regex::Regex;
use std::sync::LazyLock;

pub struct Fmt002;

/// Hyphen-like characters people type between digit groups.
const DASHES: &[char] = &['-', 'ー', '−', '‐', '‑', '―', '—', '–', '─', 'ｰ'];

/// The verdict on a telephone entry.
#[derive(Debug, PartialEq)]
pub enum Phone {
    Ok,
    /// Not a telephone number; why.
    Bad(&'static str, &'static str),
}

// Extension notes and labels are allowed around the numbers.
static EXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)(内線|ext\.?|x)\s*[:]?\s*\d+").ok());
static NUMBER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\+?[0-9][0-9()\- ]*[0-9]|\([0-9]+\)[0-9\- ]*[0-9]").ok());

/// The patterns compiled ahead (see `rules::warm_up`).
pub(crate) fn warm_up() {
    LazyLock::force(&EXT);
    LazyLock::force(&NUMBER);
}

/// Check a telephone entry.
pub fn check_phone(text: &str) -> Phone {
    let half: String = fu::nfkc(text.trim())
        .chars()
        .map(|c| if DASHES.contains(&c) { '-' } else { c })
        .collect();
    let (Some(ext), Some(number)) = (EXT.as_ref(), NUMBER.as_ref()) else {
        return Phone::Ok;
    };
    let mut rest = ext.replace_all(&half, " ").to_string();
    for label in [
        "代表",
        "直通",
        "携帯",
        "TEL",
        "Tel",
        "tel",
        "電話番号",
        "電話",
        "FAX",
        "Fax",
    ] {
        rest = rest.replace(label, " ");
    }
    let mut found = 0;
    for m in number.find_iter(&rest) {
        let digits: String = m.as_str().chars().filter(|c| c.is_ascii_digit()).collect();
        let domestic = match digits.strip_prefix("81") {
            Some(d) if m.as_str().starts_with('+') => format!("0{d}"),
            _ => digits,
        };
        if !domestic.starts_with('0') || !(10..=11).contains(&domestic.len()) {
            return Phone::Bad(
                "桁数が電話番号になりません（0で始まる10桁または11桁）",
                "it does not have 10 or 11 digits starting with 0",
            );
        }
        found += 1;
    }
    let leftover: String = number
        .replace_all(&rest, "")
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    ':' | '、' | ',' | '/' | '・' | '(' | ')' | '[' | ']' | '。' | '-'
                )
        })
        .collect();
    if found == 0 {
        return Phone::Bad("電話番号が見当たりません", "no telephone number found");
    }
    if !leftover.is_empty() {
        return Phone::Bad(
            "電話番号に使えない文字が含まれています",
            "it contains characters that are not part of a number",
        );
    }
    Phone::Ok
}

impl Rule for Fmt002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for declared in paths_of_kind(form, Kind::Phone) {
                let field = declared.path.as_str();
                let Some(fv) = form.get(field) else { continue };
                let v = fv.value.trim();
                if v.is_empty() {
                    continue;
                }
                match check_phone(v) {
                    Phone::Ok => {}
                    Phone::Bad(ja, en) => out.push(
                        diag_span(
                            "FMT002",
                            form,
                            field,
                            None,
                            Text::new(
                                crate::base::wording::with_reason(&format!("電話番号「{v}」の形式が正しくありません"), ja),
                                format!("The telephone number \"{v}\" is malformed: {en}."),
                            ),
                        )
                        .help(Text::new(
                            "市外局番から半角数字で「03-1234-5678」のように記入してください（内線は「内線123」と添えられます）。",
                            "Write the number with its area code in half-width digits, e.g. 03-1234-5678 (an extension may follow as 内線123).",
                        )),
                    ),
                }
            }
        }
    }
}
