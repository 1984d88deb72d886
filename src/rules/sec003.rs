//! SEC003 — 埋め込みオブジェクト・実行ファイルが含まれている。
//!
//! 何を調べるか: ファイルに埋め込まれたオブジェクト（`word/embeddings/…`、
//! `xl/embeddings/…`）: OLE オブジェクト、パッケージ、とりわけダブルクリックで
//! 動くファイル（.exe、.bat、.cmd、.js、.vbs、.ps1、.scr、.msi、.dll、.hta、
//! .lnk、.jar）。
//!
//! なぜ問題か: 埋め込みオブジェクトの中身は確認できず（その文字は読みません）、
//! プログラムを含むことがあります。様式の中の実行ファイルは典型的な攻撃です。
//! 様式に要るのは文字と表だけで、グラフや図は図として貼り付けます。
//!
//! 直し方: オブジェクトを削除するか、図として貼り付けます（形式を選択して
//! 貼り付け→図）。
//!
//! 例: `word/embeddings/oleObject1.bin` →
//! 「埋め込みオブジェクト（word/embeddings/oleObject1.bin）が含まれています。」
//!
//! ---
//!
//! SEC003 — embedded OLE object or executable payload.
//!
//! What it checks: objects embedded in the package (`word/embeddings/…`,
//! `xl/embeddings/…`): OLE objects, packages, and above all files that
//! would run when double-clicked (.exe, .bat, .cmd, .js, .vbs, .ps1, .scr,
//! .msi, .dll, .hta, .lnk, .jar).
//!
//! Why it matters: an embedded object is opaque to the checks (its text is
//! not read) and may carry code; an executable inside a form is a classic
//! attack. The forms need only text and tables; a chart or diagram should
//! be pasted as a picture.
//!
//! Fix: delete the object or paste it as a picture (形式を選択して貼り付け→図).
//!
//! Example: `word/embeddings/oleObject1.bin` →
//! 「埋め込みオブジェクト（word/embeddings/oleObject1.bin）が含まれています。」

use crate::diag::{Diagnostic, Text};
use crate::model::Location;
use crate::rules::{FileContext, Rule};

pub struct Sec003;

const EXECUTABLE: &[&str] = &[
    "exe", "bat", "cmd", "com", "js", "jse", "vbs", "vbe", "wsf", "ps1", "scr", "msi", "dll",
    "hta", "lnk", "jar", "cpl",
];

fn is_executable(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXECUTABLE.contains(&e.to_ascii_lowercase().as_str()))
}

impl Rule for Sec003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        for name in &pkg.embedded_objects {
            let d = if is_executable(name) {
                Diagnostic::new(
                    "SEC003",
                    Text::new(
                        format!("実行ファイルが埋め込まれています（{name}）。"),
                        format!("An executable file is embedded ({name})."),
                    ),
                )
                .help(Text::new(
                    "実行ファイルは提出できません。埋め込まれたファイルを削除して保存し直してください。",
                    "Executables cannot be submitted: delete the embedded file and save again.",
                ))
            } else {
                Diagnostic::new(
                    "SEC003",
                    Text::new(
                        format!("埋め込みオブジェクト（{name}）が含まれています。"),
                        format!("An embedded object is present ({name})."),
                    ),
                )
                .help(Text::new(
                    "埋め込みオブジェクトは中身を確認できません。不要なら削除し、図表は「形式を選択して貼り付け→図」で画像として貼り付けてください。",
                    "Embedded objects cannot be checked: delete it, or paste charts and diagrams as pictures (Paste Special → Picture).",
                ))
            };
            out.push(
                d.location(Location::in_part(name.clone()))
                    .excerpt(name.clone(), None),
            );
        }
    }
}
