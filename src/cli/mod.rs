//! Subcommands of the `yoshiki` binary. Each file owns its clap `Args` and
//! a `run` that renders library results.

pub mod annotate;
pub mod check;
pub mod dump;
pub mod explain;
pub mod extract;
pub mod fix;
pub mod forms;
mod help_ja;
pub mod lang;
pub mod learn;
pub mod migrate;
pub mod migrate_to;
pub mod progress;
pub mod serve;
pub mod show_config;

use std::path::Path;
use yoshiki::diag::Lang;

/// Options shared by every subcommand.
#[derive(Debug, Clone)]
pub struct Global {
    pub lang: Lang,
    /// `--forms DIR` (repeatable): definitions of other calls' forms.
    pub forms: Vec<std::path::PathBuf>,
}

/// The Japanese or the English text, as the user asked.
fn t<'a>(g: &Global, ja: &'a str, en: &'a str) -> &'a str {
    match g.lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A library error as a person reads it, in each language: what we were
/// doing, the error's own sentence, and the technical cause on a line of
/// its own (never inside the sentence).
fn explained(doing: (&str, &str), e: &dyn yoshiki::error::Explained) -> (String, String) {
    let join = |lead: &str, said: String| {
        if lead.is_empty() {
            said
        } else {
            format!("{lead}: {said}")
        }
    };
    let mut ja = join(doing.0, e.said_ja());
    let mut en = join(doing.1, e.said_en());
    if let Some(detail) = e.detail() {
        ja.push_str(&format!("\n  詳細（技術情報）: {detail}"));
        en.push_str(&format!("\n  detail: {detail}"));
    }
    (ja, en)
}

/// The same, in the language asked for.
fn explained_in(g: &Global, doing: (&str, &str), e: &dyn yoshiki::error::Explained) -> String {
    let (ja, en) = explained(doing, e);
    match g.lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The refusal (Japanese, English) when `out` is not named for the kind of
/// file written (`written`: the extension of what is written, or of the
/// template it is written from): a Word file named .xlsx opens nowhere.
fn refuse_extension(out: &Path, written: &str) -> Option<(String, String)> {
    const WORD: &[&str] = &["docx", "docm", "dotx", "dotm"];
    const EXCEL: &[&str] = &["xlsx", "xlsm", "xltx", "xltm"];
    let ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default()
    };
    let written = written.to_ascii_lowercase();
    let (family, name_ja, name_en, want) = if WORD.contains(&written.as_str()) {
        (WORD, "Word 文書", "a Word document", "docx")
    } else if EXCEL.contains(&written.as_str()) {
        (EXCEL, "Excel ブック", "an Excel workbook", "xlsx")
    } else {
        return None;
    };
    let have = ext(out);
    (!family.contains(&have.as_str())).then(|| {
        (
            format!(
                "書き出すのは {name_ja}（.{want}）です。出力先 {} の名前を .{want} で終わるようにしてください（違う拡張子のままではファイルが開けません）。",
                out.display()
            ),
            format!(
                "the output is {name_en} (.{want}); name {} with .{want} (with another extension it will not open).",
                out.display()
            ),
        )
    })
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The refusal (Japanese, English) when `out` exists and `--force` was not
/// given.
fn refuse_overwrite(out: &Path, force: bool) -> Option<(String, String)> {
    (out.exists() && !force).then(|| {
        (
            format!(
                "{} は既にあります。上書きする場合は --force を付けてください。",
                out.display()
            ),
            format!("{} exists; use --force to overwrite it.", out.display()),
        )
    })
}

/// A date written exactly YYYY-MM-DD in ASCII digits, when it exists.
fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `--as-of`: 2026-12-04, 2026/12/4, 令和８年１２月４日, R8.12.4.
pub fn as_of_date(text: &str) -> Result<chrono::NaiveDate, String> {
    use yoshiki::forms::normalize::{DateParse, parse_date};
    // The common form, 2026-12-04, without building the date patterns of
    // every era and notation first: it is parsed while the worker children
    // wait to start. The same date as parse_date gives (a test says so).
    if let Some(d) = iso_date(text) {
        return Ok(d);
    }
    match parse_date(text) {
        Some(DateParse::Date(d)) => Ok(d),
        Some(DateParse::Impossible(why)) => Err(match lang::current() {
            Lang::Ja => why,
            Lang::En => format!("no such date: {text}"),
        }),
        _ => Err(match lang::current() {
            Lang::Ja => format!(
                "日付として読めません: {text}（2026-12-04、令和８年１２月４日、R8.12.4 のように書きます）"
            ),
            Lang::En => format!(
                "not a date: {text} (write it as 2026-12-04, 令和８年１２月４日 or R8.12.4)"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::iso_date;
    use yoshiki::forms::normalize::{DateParse, parse_date};

    #[test]
    fn the_iso_fast_path_gives_what_parse_date_gives() {
        let mut texts: Vec<String> = Vec::new();
        for y in [1900, 1989, 2019, 2024, 2026, 2100] {
            for m in 0..=13 {
                for d in 0..=32 {
                    texts.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        texts.extend(
            [
                "0000-01-01",
                "2026-4-01",
                "2026-04-1",
                " 2026-04-01",
                "２０２６-04-01",
            ]
            .map(String::from),
        );
        let mut fast = 0;
        for t in &texts {
            if let Some(d) = iso_date(t) {
                fast += 1;
                assert!(
                    matches!(parse_date(t), Some(DateParse::Date(p)) if p == d),
                    "{t}"
                );
            }
        }
        assert!(fast > 2000, "{fast}");
        // Not a date: left to parse_date and its message.
        assert_eq!(iso_date("2026-02-30"), None);
        assert_eq!(iso_date("2026-13-01"), None);
    }
}
