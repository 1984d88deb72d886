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
//! `xl/embeddings/…`, `xl/activeX/…`): OLE objects, packages, ActiveX
//! controls — one finding per file with the count and the kinds — and
//! above all files that would run when double-clicked (.exe, .bat, .cmd,
//! .js, .vbs, .ps1, .scr, .msi, .dll, .hta, .lnk, .jar), each named in a
//! finding of its own.
//!
//! Why it matters: an embedded object is opaque to the checks (its text is
//! not read) and may carry code; an executable inside a form is a classic
//! attack. The forms need only text and tables; a chart or diagram should
//! be pasted as a picture.
//!
//! Fix: delete the object or paste it as a picture (形式を選択して貼り付け→図).
//!
//! Example: a checklist with 94 ActiveX check boxes →
//! 「埋め込みオブジェクトが 94 個あります（ActiveX コントロール 94）。」

use crate::model::Location;
use crate::model::finding::{Diagnostic, Text};
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

/// What an embedded part is, for the count in the message.
fn kind_of(name: &str) -> (&'static str, &'static str) {
    let lower = name.to_ascii_lowercase();
    if lower.contains("/activex/") {
        ("ActiveX コントロール", "ActiveX control")
    } else if lower.contains("oleobject") || lower.ends_with(".bin") {
        ("OLE オブジェクト", "OLE object")
    } else if lower.starts_with("objectpool/") {
        ("埋め込みオブジェクト", "embedded object")
    } else {
        ("埋め込みファイル", "embedded file")
    }
}

/// The one finding for every object that is not an executable: the count
/// and the kinds, the first object as the place.
fn objects_finding(names: &[&String]) -> Option<Diagnostic> {
    let first = names.first()?;
    let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
    for name in names {
        let (ja, en) = kind_of(name);
        match kinds.iter_mut().find(|(k, _, _)| *k == ja) {
            Some(entry) => entry.2 += 1,
            None => kinds.push((ja, en, 1)),
        }
    }
    let count = names.len();
    let kinds_ja: Vec<String> = kinds.iter().map(|(ja, _, n)| format!("{ja} {n}")).collect();
    let kinds_en: Vec<String> = kinds.iter().map(|(_, en, n)| format!("{en} {n}")).collect();
    let listed: Vec<&str> = names.iter().take(5).map(|n| n.as_str()).collect();
    let more = if count > listed.len() {
        format!(" ほか {} 個", count - listed.len())
    } else {
        String::new()
    };
    Some(
        crate::rules::finding(
            "SEC003",
            Text::new(
                format!("埋め込みオブジェクトが {count} 個あります（{}）。", kinds_ja.join("、")),
                format!("{count} embedded objects are present ({}).", kinds_en.join(", ")),
            ),
        )
        .help(Text::new(
            "埋め込みオブジェクトは中身を確認できません。不要なら削除し、図表は「形式を選択して貼り付け→図」で画像として貼り付けてください。チェックボックスは ☐／☑ の文字で記入してください。",
            "Embedded objects cannot be checked: delete them, paste charts and diagrams as pictures (Paste Special → Picture), and mark check boxes with ☐ / ☑ characters.",
        ))
        .location(Location::in_part((*first).clone()))
        .excerpt(format!("{}{more}", listed.join("、")), None),
    )
}

impl Rule for Sec003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(pkg) = &ctx.doc.package else { return };
        let (executables, objects): (Vec<&String>, Vec<&String>) =
            pkg.embedded_objects.iter().partition(|n| is_executable(n));
        // An executable is the attack this rule is for: each one is named.
        for name in executables {
            out.push(
                crate::rules::finding(
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
                .location(Location::in_part(name.clone()))
                .excerpt(name.clone(), None),
            );
        }
        out.extend(objects_finding(&objects));
    }
}
