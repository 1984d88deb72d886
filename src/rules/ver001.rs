//! VER001 — 古い版の統一基準を引用している。
//!
//! 何を調べるか: 「政府機関等のサイバーセキュリティ対策のための統一基準（群）」
//! （とその 統一規範・対策基準策定ガイドライン）の引用で、確認日の時点で古く
//! なった版（令和７年度版が最新のときの 平成28年度版・平成30年度版・令和３年度版・
//! 令和５年度版）を挙げているもの。版、それぞれが古くなった日、その出典は
//! `schemas/knowledge/standards.toml` のデータで、どれが有効かは `--as-of` で
//! 決まります。全角・半角の数字（令和５ / 令和5）、語句の中の空白や改行、Word の
//! ランの分割があっても見つけ、最新の書き方では指摘しません。指摘するのは
//! 約束としての記載（条文、確認事項、遵守の表明、欄の値）だけで、経緯を語る
//! 記載（同じ文に新しい版より前の日付、「改定前の」）や出典の記載（参考文献の
//! 一覧、「…（令和５年度版）, 2023年」のような行、「出典：…」）は指摘しません。
//! これらの文脈は `schemas/knowledge/contexts.toml` のデータで、遵守・準拠・
//! に基づ・すること… を含む文は常に約束とみなします。
//!
//! なぜ問題か: 情報セキュリティの条項は、受託者に有効な基準を守ることを約束
//! させます。古い版を引用した報告書・提案書は古い様式から作られたもので、
//! 担当者が差し戻すことになります。
//!
//! 直し方（safe）: 数字の全角・半角を保ったまま、版を最新のものに置き換えます
//! （`yoshiki fix`）。
//!
//! 例: 2026-04-01 の時点で「…統一基準」（令和５年度版）…」 →
//! 「古い版の統一基準が引用されています（令和５年度版）。」 help:
//! 「令和７年度版」に改めてください。
//! 指摘しないもの: 「統一基準群（令和７年度版）」、「令和５年度版の事業報告書」、
//! 「参考文献」の下の「…統一基準群（令和５年度版）, 2023年」。
//!
//! ---
//!
//! VER001 — outdated edition of a standard cited.
//!
//! What it checks: every citation of 「政府機関等のサイバーセキュリティ対策のため
//! の統一基準（群）」 (and its 統一規範 / 対策基準策定ガイドライン) with an edition
//! that is outdated at the as-of date: 平成28年度版, 平成30年度版, 令和３年度版,
//! 令和５年度版 where 令和７年度版 is current. The editions, the date each
//! became outdated and their sources are data in
//! `schemas/knowledge/standards.toml`; `--as-of` decides which are in force.
//! The match sees through full-/half-width digits (令和５ / 令和5), stray spaces
//! and line breaks inside the phrase, and Word's run splits; the current
//! wording never fires. Only a commitment is reported (a clause, a 確認事項,
//! a statement of compliance, a field value): a mention that tells history
//! (a date before the new edition in the same sentence, 「改定前の」) or
//! cites a source (a 参考文献 list, a line such as 「…（令和５年度版）,
//! 2023年」, 「出典：…」) is not. These contexts are data in
//! `schemas/knowledge/contexts.toml`; a sentence with 遵守・準拠・に基づ・
//! すること… is always a commitment.
//!
//! Why it matters: the security clauses commit the contractor to the
//! standard in force. A report or proposal citing an old edition was built
//! from an old template, and the official has to send it back.
//!
//! Fix (safe): the edition is replaced by the current one, keeping the
//! document's digit width (`yoshiki fix`).
//!
//! Example: 「…統一基準」（令和５年度版）…」 checked as of 2026-04-01 →
//! 「古い版の統一基準が引用されています（令和５年度版）。」 help:
//! 「令和７年度版」に改めてください。
//! Not reported: 「統一基準群（令和７年度版）」, 「令和５年度版の事業報告書」,
//! 「参考文献」の下の「…統一基準群（令和５年度版）, 2023年」.

use super::text_match::{ja_date, knowledge_findings, one_line};
use crate::model::finding::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Ver001;

impl Rule for Ver001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        knowledge_findings(
            ctx,
            "VER001",
            |m, ctx| {
                let e = m.entry;
                (
                    Text::new(
                        format!(
                            "古い版の統一基準が引用されています（{}）。",
                            one_line(&m.original)
                        ),
                        format!(
                            "An outdated edition of the Government Unified Standards is cited ({}).",
                            one_line(&m.original)
                        ),
                    ),
                    Text::new(
                        format!(
                            "「{}」に改めてください。{}は{}に改定されており、{}時点の版は{}です（出典: {}）。",
                            m.replacement,
                            e.name,
                            ja_date(e.outdated_from),
                            ja_date(ctx.as_of),
                            m.replacement,
                            e.source_text()
                        ),
                        format!(
                            "Write 「{}」 instead: {} was superseded on {}; the edition in force on {} is {} (source: {}).",
                            m.replacement,
                            e.name,
                            e.outdated_from,
                            ctx.as_of,
                            m.replacement,
                            e.source_text()
                        ),
                    ),
                )
            },
            out,
        );
    }
}
