//! Recognising a report yoshiki wrote itself, by the marks the report
//! writers put in it: the HTML head mark, the .xlsx properties, the .csv
//! header rows. The writers and the recognition share these words here.

use super::{Block, Document, Format};
use crate::base::Lang;

/// The mark yoshiki's HTML report carries in its head (so that a report
/// written into a checked folder is known for what it is).
pub const OWN_HTML_MARK: &str = "<meta name=\"generator\" content=\"yoshiki\"/>";

/// Column headers of the sets table.
pub fn set_headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Ja => [
            "提出物",
            "ファイル数",
            "様式（版）",
            "エラー",
            "警告",
            "情報",
            "指摘コード",
            "概要",
        ],
        Lang::En => [
            "Submission",
            "Files",
            "Forms (version)",
            "Errors",
            "Warnings",
            "Infos",
            "Codes",
            "Summary (ja)",
        ],
    }
}

/// Column headers of the findings table.
pub fn finding_headers(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Ja => [
            "提出物",
            "ファイル",
            "コード",
            "重大度",
            "内容",
            "直し方",
            "箇所",
            "位置",
            "項目ID",
            "抜粋",
            "関連ファイル",
        ],
        Lang::En => [
            "Submission",
            "File",
            "Code",
            "Severity",
            "Message",
            "What to write",
            "Place",
            "Location",
            "Field ID",
            "Excerpt",
            "Related file",
        ],
    }
}

/// Whether a document is a report yoshiki wrote itself (the .xlsx by its
/// properties, the .csv by its header row): a run that writes its report
/// into the folder it checks must not check that report as a submission
/// the next time.
pub fn is_own_report(doc: &Document) -> bool {
    match doc.format {
        // The HTML report, met in a folder walk (read as text only then).
        Format::Txt => doc
            .paragraphs()
            .iter()
            .take(12)
            .any(|p| p.text.contains(OWN_HTML_MARK)),
        Format::Xlsx => doc.package.as_ref().is_some_and(|p| {
            p.metadata.title.as_deref() == Some("yoshiki report")
                && p.metadata
                    .creator
                    .as_deref()
                    .is_some_and(|c| c.starts_with("yoshiki"))
        }),
        Format::Csv => {
            let first = doc.blocks.iter().find_map(|b| match b {
                Block::Table(t) => t
                    .rows
                    .first()
                    .map(|r| r.cells.iter().map(|c| c.text()).collect::<Vec<_>>()),
                Block::Paragraph(p) => {
                    Some(p.text.split(['\t', ',']).map(str::to_string).collect())
                }
            });
            let Some(first) = first else { return false };
            let first: Vec<String> = first
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
                .collect();
            [Lang::Ja, Lang::En].into_iter().any(|lang| {
                let sets: Vec<String> = set_headers(lang).iter().map(|h| h.to_string()).collect();
                let findings: Vec<String> = finding_headers(lang)
                    .iter()
                    .map(|h| h.to_string())
                    .collect();
                first == sets || first == findings
            })
        }
        _ => false,
    }
}
