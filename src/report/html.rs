//! HTML report: one self-contained page (inline CSS and a few lines of
//! inline script for filtering; no external resource, and a
//! Content-Security-Policy that forbids loading any), so it can be mailed or
//! archived as one file.
//!
//! The page is also well-formed XML (every element closed, every text
//! escaped, no `&` or `<` in the script), which keeps it parseable by strict
//! tools and lets tests check it with an XML parser.

use super::{
    FindingRow, Report, ReportError, finding_cells, finding_headers, set_cells, set_headers,
    write_file,
};
use crate::diag::Lang;
use std::fmt::Write as _;
use std::path::Path;

/// Write the page to `path`.
pub fn write(path: &Path, report: &Report, lang: Lang) -> Result<(), ReportError> {
    write_file(path, render(report, lang).as_bytes())
}

const STYLE: &str = "body{font-family:'Hiragino Sans','Yu Gothic','Meiryo',sans-serif;margin:1.5em;color:#222}\
table{border-collapse:collapse;margin:1em 0;font-size:.9em}\
#findings{width:100%;table-layout:fixed}\
td{overflow-wrap:anywhere;word-break:break-word}\
th,td{border:1px solid #bbb;padding:.25em .5em;vertical-align:top;text-align:left}\
th{background:#ddebf7;position:sticky;top:0}\
td.n{text-align:right}\
tr.err td.e{color:#c00;font-weight:bold}\
tr[data-sev=error] td.sev{color:#c00;font-weight:bold}\
tr[data-sev=warning] td.sev{color:#9c5700}\
.ex{white-space:pre-wrap;font-family:monospace}\
.meta{color:#555}\
section.set{border-top:2px solid #ddebf7;margin-top:1.5em}\
section.set li{margin:.4em 0}\
section.set .help{color:#05582c}\
@media print{section.set{break-before:page}#q,#s,select,input{display:none}}";

const SCRIPT: &str = "function yf(){var q=document.getElementById('q').value.toLowerCase();\
var s=document.getElementById('s').value;\
document.querySelectorAll('#findings tbody tr').forEach(function(r){\
var ok=r.textContent.toLowerCase().indexOf(q)!==-1;\
if(s){ok=ok?r.getAttribute('data-sev')===s:false;}\
r.style.display=ok?'':'none';});}";

/// The page as a string.
pub fn render(report: &Report, lang: Lang) -> String {
    let (title, sets_h, findings_h, filter_l, all_l, totals_l) = match lang {
        Lang::Ja => (
            "yoshiki 確認結果",
            "提出物ごとの結果",
            "指摘一覧",
            "絞り込み",
            "すべて",
            "合計",
        ),
        Lang::En => (
            "yoshiki report",
            "Submissions",
            "Findings",
            "Filter",
            "all",
            "Totals",
        ),
    };
    let (files, errors, warnings, infos) = report.totals();
    let mut h = String::with_capacity(4096 + report.findings.len() * 300);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"/>\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
<meta name=\"generator\" content=\"yoshiki\"/>\n\
<title>{}</title>\n<style>{}</style>\n<script>{}</script>\n</head>\n<body>\n<h1>{}</h1>\n",
        if lang == Lang::Ja { "ja" } else { "en" },
        esc(title),
        STYLE,
        SCRIPT,
        esc(title),
    );
    let _ = write!(h, "<p class=\"meta\">{}", esc(&report.tool));
    if let Some(as_of) = &report.as_of {
        let _ = write!(h, " ／ as of {}", esc(as_of));
    }
    let _ = writeln!(
        h,
        " ／ {totals_l}: {} {}, {files} {}, {errors} {}, {warnings} {}, {infos} {}</p>",
        report.sets.len(),
        if lang == Lang::Ja {
            "件の提出物"
        } else {
            "submissions"
        },
        if lang == Lang::Ja {
            "ファイル"
        } else {
            "files"
        },
        if lang == Lang::Ja {
            "エラー"
        } else {
            "errors"
        },
        if lang == Lang::Ja {
            "警告"
        } else {
            "warnings"
        },
        if lang == Lang::Ja { "情報" } else { "infos" },
    );

    sets_table(&mut h, report, lang, sets_h);
    findings_table(&mut h, report, lang, (findings_h, filter_l, all_l));
    per_set(&mut h, report, lang);
    h.push_str("</body>\n</html>\n");
    h
}

/// One row per submission set; each name links to the set's first finding.
fn sets_table(h: &mut String, report: &Report, lang: Lang, sets_h: &str) {
    let mut first_finding: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::new();
    for (i, f) in report.findings.iter().enumerate() {
        first_finding.entry(f.set.as_str()).or_insert(i + 1);
    }
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<table id=\"sets\">\n<thead><tr>",
        esc(sets_h)
    );
    for head in set_headers(lang) {
        let _ = write!(h, "<th>{}</th>", esc(head));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &report.sets {
        let cells = set_cells(row, lang);
        let _ = write!(
            h,
            "<tr{}>",
            if row.errors > 0 { " class=\"err\"" } else { "" }
        );
        for (c, cell) in cells.iter().enumerate() {
            let class = match c {
                1 | 4 | 5 => " class=\"n\"",
                3 => " class=\"n e\"",
                _ => "",
            };
            if c == 0 {
                match first_finding.get(row.name.as_str()) {
                    Some(n) => {
                        let _ = write!(h, "<td><a href=\"#f{n}\">{}</a></td>", esc(cell));
                    }
                    None => {
                        let _ = write!(h, "<td>{}</td>", esc(cell));
                    }
                }
            } else {
                let _ = write!(h, "<td{class}>{}</td>", esc(cell));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

/// Every finding in one table with a filter box; fixed column shares keep
/// it within the window (1280 px), long messages and excerpts wrap.
fn findings_table(h: &mut String, report: &Report, lang: Lang, labels: (&str, &str, &str)) {
    let (findings_h, filter_l, all_l) = labels;
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<p>{}: <input id=\"q\" type=\"search\" oninput=\"yf()\"/> \
<select id=\"s\" onchange=\"yf()\"><option value=\"\">{}</option>\
<option value=\"error\">{}</option><option value=\"warning\">{}</option><option value=\"info\">{}</option></select></p>",
        esc(findings_h),
        esc(filter_l),
        esc(all_l),
        super::severity_label(crate::diag::Severity::Error, lang),
        super::severity_label(crate::diag::Severity::Warning, lang),
        super::severity_label(crate::diag::Severity::Info, lang),
    );
    h.push_str("<table id=\"findings\">\n<colgroup>");
    for w in [8, 10, 6, 5, 17, 15, 10, 7, 6, 10, 6] {
        let _ = write!(h, "<col style=\"width:{w}%\"/>");
    }
    h.push_str("</colgroup>\n<thead><tr>");
    for head in finding_headers(lang) {
        let _ = write!(h, "<th>{}</th>", esc(head));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (i, f) in report.findings.iter().enumerate() {
        let cells = finding_cells(f, lang);
        let _ = write!(
            h,
            "<tr id=\"f{}\" data-sev=\"{}\">",
            i + 1,
            f.severity.as_str()
        );
        for (c, cell) in cells.iter().enumerate() {
            let class = match c {
                3 => " class=\"sev\"",
                9 => " class=\"ex\"",
                _ => "",
            };
            let _ = write!(h, "<td{class}>{}</td>", esc(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

/// One section per submission set, its findings as sentences with what to
/// write: printed, each set starts a page that can be sent back as it is.
fn per_set(h: &mut String, report: &Report, lang: Lang) {
    let ja = lang == Lang::Ja;
    let _ = writeln!(
        h,
        "<h2>{}</h2>",
        if ja {
            "提出物ごとの指摘（申請者への返送用）"
        } else {
            "Findings by submission (to send back)"
        }
    );
    for set in &report.sets {
        let _ = write!(h, "<section class=\"set\">\n<h3>{}</h3>\n", esc(&set.name));
        let findings: Vec<&FindingRow> = report
            .findings
            .iter()
            .filter(|f| f.set == set.name)
            .collect();
        if findings.is_empty() {
            let _ = writeln!(
                h,
                "<p>{}</p>",
                if ja {
                    "指摘はありません。"
                } else {
                    "No findings."
                }
            );
        } else {
            h.push_str("<ol>\n");
            for f in findings {
                let place = [f.file.as_str(), f.place.as_str(), f.location.as_str()]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ／ ");
                let _ = write!(
                    h,
                    "<li><b>{}</b>（{}、{}）{}",
                    esc(&place),
                    esc(super::severity_label(f.severity, lang)),
                    esc(&f.code),
                    esc(&f.message)
                );
                if !f.help.is_empty() {
                    let _ = write!(
                        h,
                        "<br/><span class=\"help\">{}{}</span>",
                        if ja { "直し方: " } else { "What to write: " },
                        esc(&f.help)
                    );
                }
                h.push_str("</li>\n");
            }
            h.push_str("</ol>\n");
        }
        h.push_str("</section>\n");
    }
}

/// Escape text for element content and attribute values. Control
/// characters other than tab/newline are not allowed in HTML/XML text and
/// become U+FFFD.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(ch),
            '\r' => {}
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{1}b"), "a\u{fffd}b");
    }
}
