//! `yoshiki dump FILE [--format text|json]`: print what the reader saw,
//! every block with its location, so a person can check a finding's place.
use super::Global;
use std::fmt::Write as _;
use std::process::ExitCode;
use yoshiki::diag::Lang;
use yoshiki::model::{Block, Document, Location, Span, SpanKind, StoryKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DumpFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to read.
    #[arg(required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DumpFormat,
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    let limits = yoshiki::Limits::default();
    let mut failed = false;
    for path in &args.paths {
        match yoshiki::read_path_bounded(path, &limits) {
            Ok(doc) => match args.format {
                DumpFormat::Json => match serde_json::to_string_pretty(&doc) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("{}: {e}", path.display());
                        failed = true;
                    }
                },
                DumpFormat::Text => print!("{}", render_text(&doc)),
            },
            Err(e) => {
                let message = match global.lang {
                    Lang::Ja => e.message_ja(),
                    _ => e.to_string(),
                };
                eprintln!("{}: [{}] {message}", path.display(), e.code());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The text rendering: header, main story, other stories, package facts,
/// notes.
pub fn render_text(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} ({}, {} バイト)",
        doc.path,
        doc.format.as_str(),
        doc.byte_len
    );
    if let Some(enc) = &doc.encoding {
        let _ = writeln!(out, "文字コード: {enc}");
    }
    render_blocks(&doc.blocks, 0, &mut out);
    for story in &doc.stories {
        let kind = match story.kind {
            StoryKind::Header => "ヘッダー",
            StoryKind::Footer => "フッター",
            StoryKind::Footnotes => "脚注",
            StoryKind::Endnotes => "文末脚注",
            StoryKind::Comments => "コメント",
        };
        let _ = writeln!(out, "\n## {kind} ({})", story.part);
        render_blocks(&story.blocks, 0, &mut out);
    }
    if let Some(pkg) = &doc.package {
        let _ = writeln!(out, "\n## パッケージ");
        let _ = writeln!(out, "部品数: {}", pkg.parts.len());
        if pkg.has_macros {
            let _ = writeln!(out, "マクロ: あり");
        }
        for rel in &pkg.external_relationships {
            let _ = writeln!(
                out,
                "外部参照: {} {} → {}{}",
                rel.source_part,
                rel.rel_type,
                rel.target,
                if rel.loads_content {
                    "（開くと読み込む）"
                } else {
                    ""
                }
            );
        }
        for obj in &pkg.embedded_objects {
            let _ = writeln!(out, "埋め込みオブジェクト: {obj}");
        }
        for c in &pkg.comments {
            let _ = writeln!(
                out,
                "コメント {} [{}] {}{}: {}",
                c.id,
                c.anchor.as_ref().map(label).unwrap_or_default(),
                c.author.as_deref().unwrap_or("?"),
                c.date
                    .as_deref()
                    .map(|d| format!(" {d}"))
                    .unwrap_or_default(),
                c.text.replace('\n', " / ")
            );
        }
        for r in &pkg.revisions {
            let _ = writeln!(
                out,
                "変更履歴 {} [{}] {}: {}",
                r.kind,
                label(&r.location),
                r.author.as_deref().unwrap_or("?"),
                r.text
            );
        }
        for h in &pkg.hidden_text {
            let _ = writeln!(out, "非表示 [{}]: {}", label(&h.location), h.text);
        }
        let m = &pkg.metadata;
        for (label, value) in [
            ("作成者", &m.creator),
            ("最終更新者", &m.last_modified_by),
            ("作成日時", &m.created),
            ("更新日時", &m.modified),
            ("タイトル", &m.title),
            ("会社", &m.company),
            ("アプリケーション", &m.application),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{label}: {v}");
            }
        }
    }
    for note in &doc.notes {
        let _ = writeln!(
            out,
            "注記{}: {}",
            note.part
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default(),
            note.message
        );
    }
    out
}

/// A location as the dump shows it: the same words as `check`'s places
/// (`表1 2行 3列`, `第5段落`, `Sheet1!C12`, `12行目`), with the paragraph
/// also inside a table cell, where a cell holds several.
fn label(loc: &Location) -> String {
    let mut out = loc.describe();
    if loc.table.is_some()
        && let Some(p) = loc.paragraph
    {
        out.push_str(&format!(" 第{p}段落"));
    }
    out
}

fn render_blocks(blocks: &[Block], indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                let label = label(&p.location);
                let container = if p.container == yoshiki::model::Container::TextBox {
                    " テキストボックス"
                } else {
                    ""
                };
                let style = p
                    .style
                    .as_deref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{pad}[{label}{container}]{style} {}",
                    annotate(&p.text, &p.spans)
                );
            }
            Block::Table(t) => {
                let _ = writeln!(out, "{pad}[{}] 表 {}行", label(&t.location), t.rows.len());
                for row in &t.rows {
                    for cell in &row.cells {
                        let spans = match (cell.row_span, cell.col_span) {
                            (1, 1) => String::new(),
                            (r, c) => format!(" 結合{r}×{c}"),
                        };
                        let _ = writeln!(out, "{pad}  [{}{spans}]", label(&cell.location));
                        render_blocks(&cell.blocks, indent + 2, out);
                    }
                }
            }
        }
    }
}

/// The text with its spans flagged inline: «削除: …», «ルビ: …», «非表示», ...
fn annotate(text: &str, spans: &[Span]) -> String {
    let escape = |s: &str| s.replace('\n', "⏎").replace('\t', "⇥");
    let mut marks: Vec<(usize, u8, String)> = Vec::new();
    for sp in spans {
        let (open, close) = match &sp.kind {
            SpanKind::Inserted { .. } => ("«挿入:".to_string(), "»".to_string()),
            SpanKind::Deleted { text, .. } => (format!("«削除: {}»", escape(text)), String::new()),
            SpanKind::OtherRevision { what } => (format!("«変更({what}):"), "»".to_string()),
            SpanKind::Hidden => ("«非表示:".to_string(), "»".to_string()),
            SpanKind::Ruby { reading } => ("«".to_string(), format!("|ルビ: {reading}»")),
            SpanKind::ContentControl {
                tag,
                checked,
                showing_placeholder,
                ..
            } => {
                let mut label = "«コンテンツコントロール".to_string();
                if let Some(t) = tag {
                    label.push_str(&format!(" {t}"));
                }
                if let Some(c) = checked {
                    label.push_str(if *c { " ☑" } else { " ☐" });
                }
                if *showing_placeholder {
                    label.push_str(" 未入力");
                }
                label.push(':');
                (label, "»".to_string())
            }
            SpanKind::FormField {
                field_type,
                name,
                checked,
            } => {
                let mut label = format!("«フォーム({field_type}");
                if let Some(n) = name {
                    label.push_str(&format!(" {n}"));
                }
                if let Some(c) = checked {
                    label.push_str(if *c { " ☑" } else { " ☐" });
                }
                label.push_str("):");
                (label, "»".to_string())
            }
            SpanKind::Field { instruction } => {
                (format!("«フィールド {instruction}:"), "»".to_string())
            }
            SpanKind::Commented { comment_id } => {
                (format!("«コメント{comment_id}:"), "»".to_string())
            }
            SpanKind::Hyperlink { target } => ("«リンク:".to_string(), format!(" → {target}»")),
        };
        if sp.start == sp.end {
            marks.push((sp.start, 1, format!("{open}{close}")));
        } else {
            marks.push((sp.start, 2, open));
            marks.push((sp.end, 0, close));
        }
    }
    marks.sort_by_key(|(pos, order, _)| (*pos, *order));
    let mut out = String::new();
    let mut last = 0;
    for (pos, _, mark) in marks {
        if let Some(seg) = text.get(last..pos) {
            out.push_str(&escape(seg));
            last = pos;
        }
        out.push_str(&mark);
    }
    out.push_str(&escape(text.get(last..).unwrap_or_default()));
    out
}
