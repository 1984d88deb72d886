//! One line per finding (`--format concise`, as ruff prints it) and the
//! counts per code (`--statistics`).

use super::check_report::CheckReport;
use super::human::place_text;
use super::{Lang, Severity};
use std::collections::BTreeMap;

/// `path:place:CODE message` per finding, in file order; a finding without
/// a place has an empty place (`path::CODE message`).
pub fn render(report: &CheckReport, lang: Lang) -> String {
    let mut out = String::new();
    for f in &report.files {
        for d in &f.diagnostics {
            let place = place_text(d, lang).unwrap_or_default();
            out.push_str(&format!(
                "{}:{}:{} {}\n",
                f.path,
                place,
                d.code,
                d.message.get(lang).replace('\n', " ")
            ));
        }
    }
    out
}

/// Counts per code, most frequent first: `count  CODE  [severity] title`.
pub fn statistics(report: &CheckReport, lang: Lang) -> String {
    let mut counts: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        let e = counts.entry(d.code).or_insert((0, d.severity));
        e.0 += 1;
    }
    let mut rows: Vec<(&str, usize, Severity)> =
        counts.into_iter().map(|(c, (n, s))| (c, n, s)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (code, n, sev) in rows {
        let title = crate::rules::meta(code).map_or("", |m| match lang {
            Lang::Ja => m.title_ja,
            Lang::En => m.title_en,
        });
        out.push_str(&format!(
            "{n:>width$}  {code}  [{}] {title}\n",
            sev.as_str()
        ));
    }
    out
}
