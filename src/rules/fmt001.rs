//! FMT001 — メールアドレスの形式が正しくない。
//!
//! 何を調べるか: 様式１ 連絡担当窓口の「Ｅ－ｍａｉｌ」が、半角の
//! 「ユーザー名@ドメイン」の形になっているか。全角文字（ｔａｒｏ＠… や全角
//! ピリオド）・空白・「@」の欠落・ドメインの誤り（末尾の「。」など）を指摘し、
//! 半角に直せば正しくなる場合はその半角の形を示す。
//! 様式定義で `kind = "email"` とした欄が対象。
//!
//! なぜ問題か: 役所はこのアドレスに連絡します。全角や崩れたアドレスには届かず、期限に間に合わなくなります。
//!
//! 様式と認められない文書でも、「メール」「E-mail」などのラベルの隣のセルが正しいメールアドレスでなければ警告する。
//!
//! 例: 「ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ」→ FMT001（半角で
//! 「taro@example.co.jp」）。「taro@example.co.jp」→ 指摘なし。
//!
//! ---
//!
//! FMT001 — e-mail address malformed.
//!
//! What it checks: whether the 「Ｅ－ｍａｉｌ」 of 様式１'s contact person is a
//! half-width `user@domain` address. Full-width characters (ｔａｒｏ＠… or a
//! full-width period), spaces, a missing `@` and a broken domain (a trailing 「。」)
//! are reported; when converting to half-width makes it right, that form is
//! shown. Fields a form definition marks `kind = "email"` are checked.
//!
//! Why it matters: the office mails the applicant at this address; a
//! full-width or broken address bounces and deadlines are missed.
//!
//! In a document where no form is recognised, the cell beside an e-mail label (メール, E-mail) that is not a well-formed address is a warning.
//!
//! Example: 「ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ」 → FMT001 (half-width:
//! 「taro@example.co.jp」). 「taro@example.co.jp」 → no finding.

use super::declared::paths_of_kind;
use super::field_util::{self as fu, diag_span};
use super::{FileContext, Rule};
use crate::forms::rule_keys::Kind;
use crate::model::finding::{Applicability, Diagnostic, Text};
use regex::Regex;
use std::sync::LazyLock;

pub struct Fmt001;

/// The shape of a plain address (see [`is_valid_email`]).
static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$",
    )
    .ok()
});

/// The pattern compiled ahead (see `rules::warm_up`).
pub(crate) fn warm_up() {
    LazyLock::force(&EMAIL);
}

/// A plain `local@domain.tld` address in ASCII.
pub fn is_valid_email(s: &str) -> bool {
    EMAIL.as_ref().is_some_and(|re| re.is_match(s))
}

/// The half-width version of what was written (NFKC, no blanks, no
/// `mailto:`, no trailing punctuation).
pub fn half_width(s: &str) -> String {
    let t: String = fu::squash(s)
        .chars()
        .map(|c| if c == 'ー' || c == '−' { '-' } else { c })
        .collect();
    let t = t.strip_prefix("mailto:").unwrap_or(&t);
    t.trim_end_matches(['。', '.', ',', '、']).to_string()
}

/// Byte span from the first to the last non-ASCII character.
fn non_ascii_span(s: &str) -> Option<(usize, usize)> {
    let first = s.char_indices().find(|(_, c)| !c.is_ascii())?;
    let last = s.char_indices().rev().find(|(_, c)| !c.is_ascii())?;
    Some((first.0, last.0 + last.1.len_utf8()))
}

impl Rule for Fmt001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Outside any form: an e-mail beside an e-mail label, as a warning.
        if ctx.forms.is_empty() {
            for (v, location) in super::form_free::labelled_emails(ctx.doc) {
                if is_valid_email(&v) {
                    continue;
                }
                let half = half_width(&v);
                let mut d = crate::rules::finding(
                    "FMT001",
                    Text::new(
                        format!("メールアドレス「{v}」が正しい形になっていません。"),
                        format!("\"{v}\" is not a well-formed e-mail address."),
                    ),
                )
                .severity(crate::model::finding::Severity::Warning)
                .location(location);
                d = if is_valid_email(&half) {
                    d.help(Text::new(
                        format!("半角で「{half}」と記入してください。"),
                        format!("Write it in half-width characters: {half}"),
                    ))
                } else {
                    d.help(Text::new(
                        "半角で「taro@example.co.jp」のように記入してください。",
                        "Write it in half-width characters, like taro@example.co.jp.",
                    ))
                };
                out.push(d);
            }
        }
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for declared in paths_of_kind(form, Kind::Email) {
                let field = declared.path.as_str();
                let Some(fv) = form.get(field) else { continue };
                let v = fv.value.trim();
                if v.is_empty() || is_valid_email(v) {
                    continue;
                }
                let half = half_width(v);
                let span = non_ascii_span(&fv.value);
                let fixable = is_valid_email(&half);
                let (message, help) = if fixable {
                    let why = if span.is_some() {
                        "全角文字や空白"
                    } else {
                        "余分な文字"
                    };
                    (
                        Text::new(
                            format!("メールアドレス「{v}」に{why}が含まれています。"),
                            format!(
                                "The e-mail address \"{v}\" contains full-width or extra characters."
                            ),
                        ),
                        Text::new(
                            format!("半角で「{half}」と記入してください。"),
                            format!("Write it in half-width characters: {half}"),
                        ),
                    )
                } else {
                    (
                        Text::new(
                            format!(
                                "メールアドレス「{v}」が「ユーザー名@ドメイン」の形になっていません。"
                            ),
                            format!("\"{v}\" is not an e-mail address of the form name@domain."),
                        ),
                        Text::new(
                            "連絡のつくメールアドレスを半角で「taro@example.co.jp」のように一つ記入してください。",
                            "Write one reachable address in half-width characters, like taro@example.co.jp.",
                        ),
                    )
                };
                let mut d = diag_span("FMT001", form, field, span, message).help(help);
                if fixable {
                    d = d.fix(v, half, Applicability::Safe);
                }
                out.push(d);
            }
        }
    }
}
