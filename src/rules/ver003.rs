//! VER003 — 古い版の様式で作られている。
//!
//! 何を調べるか: 認識した様式のうち、様式の版が確認日に有効な版より古いもの。
//! 版は引用された基準の版ではなく条文の文言で判断します。今は、r5 の様式
//! （旧 別紙４）から作った 別紙 実施状況報告書 と 別記 がこれに当たり、その条文は
//! 最新の r7 と次の点で違います:
//! - 15)(7): 最新の文はメールシステムに加えてウェブサイトも対象にする;
//! - 15)(9): SPF に加えて DKIM と DMARC を求める;
//! - 15)(10): 「ドメインに関する情報が正確であることの定期的な確認」が加わった。
//!
//! 版・日付・変わった条文は `schemas/knowledge/templates.toml` のデータです。
//!
//! なぜ問題か: 受託者は契約の条文に沿って報告します。古い条文に答えると、
//! 新しい義務が報告されないまま残ります。
//!
//! 直し方: その場では直せません。`yoshiki migrate OLD -o NEW` で記入内容を
//! 最新の様式に移します。
//!
//! 指摘は文書の中の古い文言（15)(9) の「SPF（Sender Policy Framework）等の」、
//! ドメインの確認のない 15)(10)）を、なければ様式の先頭を指します。
//!
//! 例: 15)(9) が「SPF（Sender Policy Framework）等のなりすましの防止策」の
//! 別紙４ → 「別紙 情報セキュリティに関する事項の遵守の方法の実施状況報告書 が
//! 旧様式（r5）で作成されています。」
//!
//! ---
//!
//! VER003 — form built from an old template version.
//!
//! What it checks: each recognised form whose template version is older
//! than the one in force at the as-of date — the version follows the
//! clause text, not the edition cited. Today that is the 別紙 実施状況報告書
//! and the 別記 built from the r5 template (old 別紙４), whose clauses differ
//! from the current r7 ones:
//! - 15)(7): the current text covers ウェブサイト as well as e-mail systems;
//! - 15)(9): DKIM and DMARC are required besides SPF;
//! - 15)(10): 「ドメインに関する情報が正確であることの定期的な確認」 is added.
//!
//! The versions, dates and changed clauses are data in
//! `schemas/knowledge/templates.toml`.
//!
//! Why it matters: the contractor reports against the clauses of the
//! contract; answering the old clauses leaves the new obligations
//! unreported.
//!
//! Fix: none in place — `yoshiki migrate OLD -o NEW` moves the entries onto
//! the current template.
//!
//! The finding points at old wording found in the document (15)(9)
//! 「SPF（Sender Policy Framework）等の」, 15)(10) without the domain check),
//! else at the start of the form.
//!
//! Example: a 別紙４ whose 15)(9) reads 「SPF（Sender Policy Framework）等のなりすまし
//! の防止策」 → 「別紙 情報セキュリティに関する事項の遵守の方法の実施状況報告書 が旧様式（r5）
//! で作成されています。」

use super::text_match::{Stories, excerpt_around, ja_date, text_units};
use crate::forms::definition::form_name;
use crate::knowledge::TemplateEntry;
use crate::knowledge::fold::{Folded, Sieve, fold_str};
use crate::model::Location;
use crate::model::finding::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Ver003;

/// The first old-only clause wording of `t` found in the document: its
/// location, an excerpt and the highlight.
fn evidence(
    ctx: &FileContext<'_>,
    t: &TemplateEntry,
) -> Option<(Location, String, (usize, usize))> {
    let units = text_units(
        ctx.doc,
        Stories {
            headers_footers: false,
            notes: false,
        },
    );
    let units: Vec<_> = units.iter().collect();
    let needles: Vec<Option<Vec<char>>> = t
        .changes
        .iter()
        .map(|c| c.old_text.as_deref().map(fold_str))
        .collect();
    // Only a unit that can hold one of the wordings is folded (folding
    // every unit was nearly all of this rule), and only once.
    let sieve = Sieve::new(needles.iter().flatten().map(Vec::as_slice));
    let mut folded_units: Vec<Option<Option<Folded>>> = vec![None; units.len()];
    for needle in needles.iter().flatten() {
        for (unit, folded) in units.iter().zip(&mut folded_units) {
            let folded = folded
                .get_or_insert_with(|| sieve.may_hold(&unit.text).then(|| Folded::new(&unit.text)));
            let Some(folded) = folded else { continue };
            if let Some(&(from, to)) = folded.find_all(needle).first() {
                let (start, end) = folded.byte_range(from, to)?;
                let (excerpt, highlight) = excerpt_around(&unit.text, start, end, 20);
                return Some((unit.location_at(start), excerpt, highlight?));
            }
        }
    }
    None
}

impl Rule for Ver003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms {
            let Some(t) =
                ctx.knowledge
                    .outdated_template(&form.form, &form.template_version, ctx.as_of)
            else {
                continue;
            };
            let current = ctx.knowledge.current_template_version(
                &form.form,
                &form.template_version,
                ctx.as_of,
            );
            let name = form_name(&form.form);
            let changes = t.changes_text();
            let mut d = crate::rules::finding(
                "VER003",
                Text::new(
                    format!(
                        "{} が旧様式（{}）で作成されています。{}以降の様式は {} です。",
                        name.ja,
                        form.template_version,
                        ja_date(t.outdated_from),
                        current
                    ),
                    format!(
                        "{} is built from the old template version {}; from {} the form is version {}.",
                        name.en, form.template_version, t.outdated_from, current
                    ),
                ),
            )
            .help(Text::new(
                format!(
                    "現行様式（{current}）に移してください（`yoshiki migrate 旧ファイル -o 新ファイル` で変換できます）。主な変更点: {}",
                    changes.ja
                ),
                format!(
                    "Move the entries onto the current template ({current}); `yoshiki migrate OLD -o NEW` does it. Changed clauses: {}",
                    changes.en
                ),
            ))
            .form(form.form.clone())
            .place(name);
            // Point at old clause wording in the document when there is some.
            match evidence(ctx, t) {
                Some((location, excerpt, highlight)) => {
                    d = d.location(location).excerpt(excerpt, Some(highlight));
                }
                None => d = d.location(form.start.clone()),
            }
            out.push(d);
        }
    }
}
