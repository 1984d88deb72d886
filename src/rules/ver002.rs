//! VER002 — 旧組織名。
//!
//! 何を調べるか: 確認日より前に名前の変わった組織の名前:
//! 内閣官房内閣サイバーセキュリティセンター とその略称 内閣サイバーセキュリティ
//! センター / NISC は 2025-07-01 に 内閣官房国家サイバー統括室 になりました
//! （内閣官房情報セキュリティセンター は 2015-01-09 に 内閣サイバーセキュリティ
//! センター になっていました）。名前・日付・出典は
//! `schemas/knowledge/organizations.toml` のデータです。旧組織と明示した記載
//! （旧内閣サイバーセキュリティセンター）と www.nisc.go.jp のアドレスは指摘せず、
//! 新しい名前では指摘しません。名前と括弧の略称（内閣サイバーセキュリティ
//! センター（NISC））は一つの記載で指摘も一つです。指摘するのは約束としての
//! 記載だけで、経緯（「2015年1月、内閣サイバーセキュリティセンター（NISC）が
//! 設置された」: 同じ文に名称変更より前の日付、設置された、（当時）、当時の、
//! 旧称）と出典（参考文献の一覧、「出典：…」、年で終わる行）は指摘しません。
//! これらの文脈は `schemas/knowledge/contexts.toml` のデータで、遵守・に基づ・
//! すること・に協力… を含む文は常に約束とみなします。
//!
//! なぜ問題か: 情報セキュリティの条項は、受託者を監査し得る機関を名指しします。
//! 古い名前は、本文が古い様式から写されたことを示します。
//!
//! 直し方: 名前を新しいものに置き換えます（safe）。略称 NISC の直しは unsafe
//! （正式名称と並んでいることが多く、何を書くか人が決めるべきため）で、名前と
//! 略称の組の直しも同じです。
//!
//! 例: 「経済産業省又は内閣官房内閣サイバーセキュリティセンターが必要に応じて
//! 実施する…」 → 「旧組織名「内閣官房内閣サイバーセキュリティセンター」が使われています。」
//! help: 「内閣官房国家サイバー統括室」に改めてください。
//! 指摘しないもの: 「2015年1月、内閣サイバーセキュリティセンター（NISC）が設置
//! された」、「国家サイバー統括室（旧内閣サイバーセキュリティセンター）」。
//!
//! ---
//!
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
use crate::model::finding::{Diagnostic, Text};
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
