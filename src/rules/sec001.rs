//! SEC001 — マクロが含まれている。
//!
//! 何を調べるか: ファイルの中の VBA プロジェクト（`word/vbaProject.bin`、
//! `xl/vbaProject.bin`）や、マクロ有効の形式（.docm、.xlsm）。
//!
//! なぜ問題か: マクロは担当者のパソコンでプログラムを動かします。官公庁では
//! マクロ付きのファイルを遮断・隔離することが多く、様式にマクロは要りません。
//!
//! 直し方: マクロなしの形式で保存し直します（Word: ファイル→名前を付けて保存→
//! 「Word 文書 (*.docx)」; Excel: 「Excel ブック (*.xlsx)」）。
//!
//! 例: `word/vbaProject.bin` を含む `企画提案書.docm` →
//! 「マクロ（VBA）が含まれています。」
//!
//! ---
//!
//! SEC001 — macros present.
//!
//! What it checks: a VBA project in the package (`word/vbaProject.bin`,
//! `xl/vbaProject.bin`) or a macro-enabled content type (.docm, .xlsm).
//!
//! Why it matters: macros run code on the official's computer; government
//! offices block or quarantine macro-enabled files, and the forms never
//! need them.
//!
//! Fix: save as a macro-free format (Word: ファイル→名前を付けて保存→「Word 文書
//! (*.docx)」; Excel: 「Excel ブック (*.xlsx)」).
//!
//! Example: `企画提案書.docm` with `word/vbaProject.bin` →
//! 「マクロ（VBA）が含まれています。」

use crate::model::Location;
use crate::model::finding::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Sec001;

impl Rule for Sec001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        let vba = pkg
            .parts
            .iter()
            .find(|p| p.name.to_ascii_lowercase().ends_with("vbaproject.bin"));
        if !pkg.has_macros && vba.is_none() {
            return;
        }
        let (save_as_ja, save_as_en) = if ctx.doc.format.is_sheet() {
            ("「Excel ブック (*.xlsx)」", "\"Excel Workbook (*.xlsx)\"")
        } else {
            ("「Word 文書 (*.docx)」", "\"Word Document (*.docx)\"")
        };
        let mut d = crate::rules::finding(
            "SEC001",
            Text::new(
                "マクロ（VBA）が含まれています。",
                "The file contains macros (VBA).",
            ),
        )
        .help(Text::new(
            format!("マクロは不要です。ファイル→名前を付けて保存で {save_as_ja} を選んで保存し直してください。"),
            format!("The forms need no macros: save the file again as {save_as_en}."),
        ));
        if let Some(part) = vba {
            d = d
                .location(Location::in_part(part.name.clone()))
                .excerpt(part.name.clone(), None);
        }
        out.push(d);
    }
}
