//! Human rendering of a check report with miette: per file, each finding
//! with its severity and code, the message, the place in Japanese terms
//! (様式２ ７．事業費総額 Ⅲ, Sheet1!C12), the excerpt with the offending span
//! marked, and what to write instead.
//!
//! Without colour (not a terminal, `NO_COLOR`) the output is plain Unicode
//! at a fixed width, so it is stable for snapshots and logs.

use super::check_report::{CheckReport, FileReport};
use super::{Applicability, Diagnostic, Lang, Origin, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub lang: Lang,
    /// Show personal data in excerpts instead of masking it.
    pub show_personal: bool,
    /// Use colours (only on a terminal).
    pub color: bool,
    /// Line width.
    pub width: usize,
    /// Leave out files without findings (`check --quiet`).
    pub only_with_findings: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            lang: Lang::Ja,
            show_personal: false,
            color: false,
            width: 100,
            only_with_findings: false,
        }
    }
}

/// What personal data is replaced with.
pub const MASK: &str = "●●●";

/// The excerpt to show for a finding: masked when it holds personal data
/// and the user did not ask to see it.
pub fn shown_excerpt(
    d: &Diagnostic,
    show_personal: bool,
) -> Option<(String, Option<(usize, usize)>)> {
    let e = d.excerpt.as_ref()?;
    if d.personal && !show_personal {
        return Some((MASK.to_string(), None));
    }
    Some((e.text.clone(), e.highlight))
}

/// The place of a finding as a person names it: the form/field place and
/// the location (`別紙 ２．報告事項 ２）（表1 2行 2列）`, `Sheet1!C12`).
pub fn place_text(d: &Diagnostic, lang: Lang) -> Option<String> {
    let loc = d
        .location
        .as_ref()
        .map(|l| l.describe_in(lang))
        .filter(|s| !s.is_empty());
    let place = d
        .place
        .as_ref()
        .map(|p| p.get(lang).to_string())
        .filter(|s| !s.is_empty());
    match (place, loc) {
        (Some(p), Some(l)) => Some(match lang {
            Lang::Ja => format!("{p}（{l}）"),
            Lang::En => format!("{p} ({l})"),
        }),
        (Some(p), None) => Some(p),
        (None, Some(l)) => Some(l),
        (None, None) => None,
    }
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Ja) => "エラー",
        (Severity::Warning, Lang::Ja) => "警告",
        (Severity::Info, Lang::Ja) => "情報",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    }
}

/// One finding in the shape miette renders.
#[derive(Debug)]
struct Rendered {
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<ExcerptSource>,
    labels: Vec<LabeledSpan>,
}

/// An excerpt as miette source: named after the file, and numbered from
/// the line the excerpt is on in a text file (Word paragraphs and cells
/// have no line numbers: they count from 1).
#[derive(Debug)]
struct ExcerptSource {
    name: String,
    text: String,
    first_line: usize,
}

impl SourceCode for ExcerptSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

fn rendered(file: &FileReport, d: &Diagnostic, opts: &RenderOptions) -> Rendered {
    let lang = opts.lang;
    let mut message = format!(
        "{} {}: {}",
        severity_word(d.severity, lang),
        d.code,
        d.message.get(lang)
    );
    if let Some(place) = place_text(d, lang) {
        message.push('\n');
        message.push_str(match lang {
            Lang::Ja => "場所: ",
            Lang::En => "where: ",
        });
        message.push_str(&place);
    }
    if let Some(related) = &d.related {
        message.push('\n');
        message.push_str(match lang {
            Lang::Ja => "比較したファイル: ",
            Lang::En => "compared with: ",
        });
        message.push_str(related);
    }
    let mut source = None;
    let mut labels = Vec::new();
    if let Some((text, highlight)) = shown_excerpt(d, opts.show_personal) {
        let (text, highlight) =
            fit_excerpt(&text, highlight, opts.width.saturating_sub(12).max(30));
        let label = match (&d.fix, lang) {
            // An empty replacement is said in words: 「」 reads as a typo.
            (Some(fix), Lang::Ja) if fix.replacement.is_empty() => {
                Some("消して空欄にしてください".to_string())
            }
            (Some(fix), Lang::En) if fix.replacement.is_empty() => {
                Some("delete this and leave the entry blank".to_string())
            }
            (Some(fix), Lang::Ja) if fix.applicability == Applicability::Safe => {
                Some(format!("「{}」に直せます（yoshiki fix）", fix.replacement))
            }
            (Some(fix), Lang::En) if fix.applicability == Applicability::Safe => Some(format!(
                "can be fixed to 「{}」 (yoshiki fix)",
                fix.replacement
            )),
            (Some(fix), Lang::Ja) => Some(format!("候補: 「{}」", fix.replacement)),
            (Some(fix), Lang::En) => Some(format!("suggestion: 「{}」", fix.replacement)),
            (None, Lang::Ja) => Some("ここ".to_string()),
            (None, Lang::En) => Some("here".to_string()),
        };
        match highlight.filter(|&(s, e)| s < e && e <= text.len()) {
            Some((start, end)) => {
                labels.push(LabeledSpan::new_primary_with_span(label, start..end))
            }
            // No span to point at: the excerpt as a whole is the evidence.
            None if !text.is_empty() => {
                labels.push(LabeledSpan::new_primary_with_span(None, 0..text.len()))
            }
            None => {}
        }
        let first_line = d
            .location
            .as_ref()
            .and_then(|l| l.line)
            .map(|l| l.saturating_sub(1) as usize)
            .unwrap_or(0);
        source = Some(ExcerptSource {
            name: file.path.clone(),
            text,
            first_line,
        });
    }
    Rendered {
        message,
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        help: with_detail(d, lang),
        source,
        labels,
    }
}

/// The help, and under it the technical cause of an unreadable file,
/// labelled so a reader can pass it on (it is a library's words).
fn with_detail(d: &Diagnostic, lang: Lang) -> Option<String> {
    let help = d.help.as_ref().map(|h| h.get(lang).to_string());
    let Some(detail) = &d.detail else {
        return help;
    };
    let label = match lang {
        Lang::Ja => "詳細（技術情報）",
        Lang::En => "detail",
    };
    Some(match help {
        Some(h) => format!("{h}\n{label}: {detail}"),
        None => format!("{label}: {detail}"),
    })
}

/// Columns a character takes in a terminal (East Asian wide = 2).
fn char_cols(c: char) -> usize {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0x303E).contains(&u)
        || (0x3041..=0x33FF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x4E00..=0x9FFF).contains(&u)
        || (0xA000..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide { 2 } else { 1 }
}

fn cols(s: &str) -> usize {
    s.chars().map(char_cols).sum()
}

/// Shorten each line of an excerpt to `max` columns, keeping the
/// highlighted span in view (cut text is marked with …). Returns the new
/// text and the highlight moved accordingly.
fn fit_excerpt(
    text: &str,
    highlight: Option<(usize, usize)>,
    max: usize,
) -> (String, Option<(usize, usize)>) {
    let mut out = String::new();
    let mut new_hl: Option<(usize, usize)> = None;
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line_start = offset;
        let line_end = offset + line.len();
        offset = line_end + 1;
        // The part of the highlight on this line, relative to the line.
        let hl = highlight.and_then(|(s, e)| {
            let (s, e) = (s.max(line_start), e.min(line_end));
            (s < e).then(|| (s - line_start, e - line_start))
        });
        let map = |pos: usize, from: usize, out_start: usize, prefix: usize| {
            out_start + prefix + (pos - from)
        };
        if cols(line) <= max {
            let out_start = out.len();
            out.push_str(line);
            if let Some((s, e)) = hl {
                merge(
                    &mut new_hl,
                    (map(s, 0, out_start, 0), map(e, 0, out_start, 0)),
                );
            }
            continue;
        }
        // Window around the highlight (or the start of the line).
        let (hs, he) = hl.unwrap_or((0, 0));
        let budget = max.saturating_sub(2);
        let mut from = hs;
        let mut to = he;
        let mut used = cols(&line[hs..he]);
        // Grow to the right and left alternately while there is room.
        loop {
            let mut grew = false;
            if let Some(c) = line[to..].chars().next()
                && used + char_cols(c) <= budget
            {
                used += char_cols(c);
                to += c.len_utf8();
                grew = true;
            }
            if let Some(c) = line[..from].chars().next_back()
                && used + char_cols(c) <= budget
            {
                used += char_cols(c);
                from -= c.len_utf8();
                grew = true;
            }
            if !grew {
                break;
            }
        }
        let out_start = out.len();
        let prefix = if from > 0 {
            out.push('…');
            '…'.len_utf8()
        } else {
            0
        };
        out.push_str(&line[from..to]);
        if to < line.len() {
            out.push('…');
        }
        if let Some((s, e)) = hl {
            let s = s.max(from);
            let e = e.min(to);
            if s < e {
                merge(
                    &mut new_hl,
                    (
                        map(s, from, out_start, prefix),
                        map(e, from, out_start, prefix),
                    ),
                );
            }
        }
    }
    (out, new_hl)
}

fn merge(acc: &mut Option<(usize, usize)>, span: (usize, usize)) {
    *acc = Some(match *acc {
        Some((s, _)) => (s, span.1),
        None => span,
    });
}

fn handler(opts: &RenderOptions) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .without_primary_span_start()
        .with_links(false)
}

/// Render one finding of `file`.
pub fn render_diagnostic(file: &FileReport, d: &Diagnostic, opts: &RenderOptions) -> String {
    let mut out = String::new();
    let r = rendered(file, d, opts);
    if handler(opts).render_report(&mut out, &r).is_err() {
        // Rendering into a String cannot fail for I/O; fall back to text.
        out = format!("{}\n", r.message);
    }
    out
}

/// Render a whole report: a header per file, its findings, a summary.
pub fn render(report: &CheckReport, opts: &RenderOptions) -> String {
    let lang = opts.lang;
    let mut out = String::new();
    for file in &report.files {
        if opts.only_with_findings && file.diagnostics.is_empty() {
            continue;
        }
        let forms: Vec<String> = file
            .forms
            .iter()
            .map(|f| {
                let name = crate::forms::definition::form_name(&f.form);
                format!("{}（{}）", name.get(lang), f.template_version)
            })
            .collect();
        out.push_str(&format!("■ {}", file.path));
        if !forms.is_empty() {
            out.push_str(&match lang {
                Lang::Ja => format!("  様式: {}", forms.join("、")),
                Lang::En => format!("  forms: {}", forms.join(", ")),
            });
        }
        out.push('\n');
        if file.diagnostics.is_empty() {
            out.push_str(match lang {
                Lang::Ja => "  指摘はありません。\n",
                Lang::En => "  No findings.\n",
            });
        }
        for d in file
            .diagnostics
            .iter()
            .filter(|d| d.origin == Origin::Applicant)
        {
            out.push_str(&render_diagnostic(file, d, opts));
        }
        // What the blank template already holds: the issuer's, apart.
        let issuers: Vec<&Diagnostic> = file
            .diagnostics
            .iter()
            .filter(|d| d.origin == Origin::Template)
            .collect();
        if !issuers.is_empty() {
            out.push_str(match lang {
                Lang::Ja => "  様式に由来するもの（配布された様式にもともとあるもので、申請者の誤りではありません）:\n",
                Lang::En => "  From the template (already in the blank form as issued; not the applicant's):\n",
            });
            for d in issuers {
                out.push_str(&render_diagnostic(file, d, opts));
            }
        }
        out.push('\n');
    }
    let s = &report.summary;
    out.push_str(&match lang {
        Lang::Ja => format!(
            "{} ファイルを確認（{} 時点）: エラー {} 件、警告 {} 件、情報 {} 件\n",
            s.files, report.as_of, s.errors, s.warnings, s.infos
        ),
        Lang::En => format!(
            "Checked {} file(s) as of {}: {} error(s), {} warning(s), {} info\n",
            s.files, report.as_of, s.errors, s.warnings, s.infos
        ),
    });
    if s.skipped > 0 {
        out.push_str(&match lang {
            Lang::Ja => format!(
                "Office のロックファイル（~$…）やシステムのファイル {} 件は提出書類ではないため確認していません。\n",
                s.skipped
            ),
            Lang::En => format!(
                "{} Office lock file(s) (~$…) or system file(s) skipped: not submissions.\n",
                s.skipped
            ),
        });
    }
    out
}
