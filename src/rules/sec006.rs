//! SEC006 — 個人に関わる文書情報（作成者・最終更新者）。
//!
//! 何を調べるか: 文書のプロパティの 作成者（`dc:creator`）と 最終更新者
//! （`cp:lastModifiedBy`）に人の名前が入っているか。道具が既定で書く名前
//! （python-docx、Microsoft Office User、Windows ユーザー など）は指摘しません。
//! 名前は個人情報なので、`--show-personal-data` を付けない限り出力では伏せます。
//!
//! なぜ問題か: プロパティはファイルと一緒に渡り、情報取扱者名簿にない社員、
//! 提案書を書いたコンサルタント、退職者の名前が見えることがあります。
//! 参考情報（info）です。多くの役所では問題にしません。
//!
//! 直し方: ファイル→情報→問題のチェック→ドキュメント検査→「ドキュメントの
//! プロパティと個人情報」を削除。
//!
//! 例: 作成者 山田 太郎、最終更新者 佐藤 花子 →
//! 「文書のプロパティに個人名が残っています（作成者・最終更新者）。」
//!
//! ---
//!
//! SEC006 — personal metadata (author, last modified by).
//!
//! What it checks: the document properties 作成者 (`dc:creator`) and 最終更新者
//! (`cp:lastModifiedBy`) holding a person's name. Names that tools write by
//! default (python-docx, Microsoft Office User, Windows ユーザー, …) are not
//! reported. The names are personal data: they are masked in the output
//! unless `--show-personal-data` is given.
//!
//! Why it matters: the properties travel with the file and may name staff
//! who are not on the 情報取扱者名簿, a consultant who wrote the proposal, or
//! a former employee. Information only: many offices accept it.
//!
//! Fix: ファイル→情報→問題のチェック→ドキュメント検査→「ドキュメントのプロパティと
//! 個人情報」を削除.
//!
//! Example: 作成者 山田 太郎, 最終更新者 佐藤 花子 →
//! 「文書のプロパティに個人名が残っています（作成者・最終更新者）。」

use crate::model::finding::{Diagnostic, Text};
use crate::model::{Format, Location};
use crate::rules::{FileContext, Rule};

pub struct Sec006;

/// Names tools write by default: not a person.
const GENERIC: &[&str] = &[
    "python-docx",
    "openpyxl",
    "microsoft office user",
    "microsoft office ユーザー",
    "windows ユーザー",
    "windows user",
    "user",
    "ユーザー",
    "administrator",
    "author",
    "作成者",
    "unknown",
    "apache poi",
    "libreoffice",
];

fn personal(name: &Option<String>) -> Option<&str> {
    let n = name.as_deref()?.trim();
    if n.is_empty() || GENERIC.contains(&n.to_lowercase().as_str()) {
        return None;
    }
    Some(n)
}

impl Rule for Sec006 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        let md = &pkg.metadata;
        let creator = personal(&md.creator);
        let modifier = personal(&md.last_modified_by);
        let mut which_ja = Vec::new();
        let mut which_en = Vec::new();
        let mut shown = Vec::new();
        if let Some(c) = creator {
            which_ja.push("作成者");
            which_en.push("author");
            shown.push(format!("作成者: {c}"));
        }
        if let Some(m) = modifier {
            which_ja.push("最終更新者");
            which_en.push("last modified by");
            shown.push(format!("最終更新者: {m}"));
        }
        if shown.is_empty() {
            return;
        }
        let part = pkg
            .parts
            .iter()
            .find(|p| p.name == "docProps/core.xml")
            .map(|p| p.name.clone())
            .unwrap_or_else(|| match ctx.doc.format {
                // Legacy Word keeps them in an OLE property set stream, a
                // PDF in its document information dictionary.
                Format::Doc | Format::Dot => "SummaryInformation".into(),
                Format::Pdf => "Info".into(),
                // OpenDocument keeps them in meta.xml, legacy Excel in an
                // OLE property set stream like legacy Word.
                Format::Odt | Format::Ods => "meta.xml".into(),
                Format::Xls => "SummaryInformation".into(),
                _ => "docProps/core.xml".into(),
            });
        out.push(
            crate::rules::finding(
                "SEC006",
                Text::new(
                    format!("文書のプロパティに個人名が残っています（{}）。", which_ja.join("・")),
                    format!("The document properties hold personal names ({}).", which_en.join(", ")),
                ),
            )
            .help(Text::new(
                "ファイル→情報→問題のチェック→ドキュメント検査で「ドキュメントのプロパティと個人情報」を削除できます。",
                "Remove them with File → Info → Check for Issues → Inspect Document → Document Properties and Personal Information.",
            ))
            .location(Location::in_part(part))
            .excerpt(shown.join("／"), None)
            .personal(),
        );
    }
}
