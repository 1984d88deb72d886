//! VER002 — former organisation name.
//!
//! What it checks: names of organisations that were renamed before the
//! as-of date: 内閣官房内閣サイバーセキュリティセンター and its short forms
//! 内閣サイバーセキュリティセンター / NISC became 内閣官房国家サイバー統括室 on
//! 2025-07-01 (and 内閣官房情報セキュリティセンター had become 内閣サイバーセキュリティ
//! センター on 2015-01-09). The names, dates and sources are data in
//! `schemas/knowledge/organizations.toml`. A deliberate mention of the
//! former body (旧内閣サイバーセキュリティセンター) and the address
//! www.nisc.go.jp are not reported; the current name never fires.
//! A name with its abbreviation in brackets (内閣サイバーセキュリティセンター
//! （NISC）) is one mention and one finding. Only a commitment is reported:
//! history (「2015年1月、内閣サイバーセキュリティセンター（NISC）が設置された」:
//! a date before the renaming in the same sentence, 設置された, （当時）, 当時の,
//! 旧称) and citations (a 参考文献 list, 「出典：…」, a line ending with its
//! year) are not. These contexts are data in
//! `schemas/knowledge/contexts.toml`; a sentence with 遵守・に基づ・すること・
//! に協力… is always a commitment.
//!
//! Why it matters: the security clauses name the body that may audit the
//! contractor. An old name shows the text was copied from an old template.
//!
//! Fix: the name is replaced by the current one (safe); for the
//! abbreviation NISC the fix is marked unsafe, since it often stands next to
//! the full name and a person should decide what to write; so is the fix
//! of a name with its abbreviation.
//!
//! Example: 「経済産業省又は内閣官房内閣サイバーセキュリティセンターが必要に応じて
//! 実施する…」 → 「旧組織名「内閣官房内閣サイバーセキュリティセンター」が使われています。」
//! help: 「内閣官房国家サイバー統括室」に改めてください。
//! Not reported: 「2015年1月、内閣サイバーセキュリティセンター（NISC）が設置
//! された」, 「国家サイバー統括室（旧内閣サイバーセキュリティセンター）」.

use super::text_match::{ja_date, knowledge_findings, one_line};
use crate::diag::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Ver002;

impl Rule for Ver002 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        knowledge_findings(
            ctx,
            "VER002",
            |m, _ctx| {
                let e = m.entry;
                (
                    Text::new(
                        format!("旧組織名「{}」が使われています。", one_line(&m.original)),
                        format!(
                            "A former organisation name is used: 「{}」.",
                            one_line(&m.original)
                        ),
                    ),
                    Text::new(
                        format!(
                            "「{}」に改めてください（{}に改組。出典: {}）。",
                            m.replacement,
                            ja_date(e.outdated_from),
                            e.source_text()
                        ),
                        format!(
                            "Write 「{}」 instead (renamed on {}; source: {}).",
                            m.replacement,
                            e.outdated_from,
                            e.source_text()
                        ),
                    ),
                )
            },
            out,
        );
    }
}
