//! What a text of a template is to `learn`: a label, a title, a printed
//! choice, a unit, a sentence of fixed wording, a blank to write in.

use super::is_form_marker;
use super::vocab::{fold, lookup};
use crate::forms::normalize::{DateParse, parse_date};
use regex::Regex;
use std::sync::LazyLock;

/// Words a form's title ends with.
pub(super) const TITLE_ENDINGS: &[&str] = &[
    "書", "届", "表", "票", "簿", "計画", "一覧", "明細", "申請", "調書", "報告",
];

/// 「別紙１」 then 「賃金の支払」: an attachment's own heading, the first
/// short line after its marker, is its title even when it does not end as
/// titles do (so it is not taken for the main form it belongs to).
pub(super) fn heading_after_marker(texts: &[String]) -> Option<usize> {
    let marker = texts.iter().position(|t| is_form_marker(t))?;
    let (k, t) = texts
        .iter()
        .enumerate()
        .skip(marker + 1)
        .find(|(_, t)| !t.trim().is_empty())?;
    let t = t.trim();
    let n = t.chars().count();
    let heading = (2..=30).contains(&n)
        && !t.contains('\t')
        && !t.contains('\n')
        && !t.ends_with('。')
        && !has_blank_run(t)
        && !is_form_marker(t)
        && !t.starts_with(['※', '＊', '*', '（', '(']);
    (heading && title_in(t).is_none() && k <= marker + 3).then_some(k)
}

/// The title a unit holds: a line ending as titles do (申請書, 一覧表),
/// perhaps with a qualifier in brackets after it (「営業所一覧表（新規許可
///等）」), alone or in a row of at most three filled cells (「…提出書類
/// 一覧表」 beside 「＜表紙＞」).
pub(super) fn title_in(text: &str) -> Option<String> {
    let cells: Vec<&str> = text
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() > 3 {
        return None;
    }
    cells.into_iter().find_map(|cell| {
        let line = cell.lines().next().unwrap_or("").trim();
        let n = line.chars().count();
        let core = match line.strip_suffix(['）', ')']) {
            Some(inner) => inner
                .rsplit_once(['（', '('])
                .map_or(line, |(head, _)| head),
            None => line,
        };
        ((2..=40).contains(&n)
            && !is_form_marker(line)
            && !line.starts_with(['※', '＊', '*', '（', '('])
            && TITLE_ENDINGS.iter().any(|e| core.trim_end().ends_with(e)))
        .then(|| line.to_string())
    })
}

/// Text the applicant replaces: ○○, 【例】, （例）.
pub(super) static PLACEHOLDER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[○〇◯●]{2,}|【例】|（例）|\(例\)|記入例|記載例").ok());

pub(super) fn is_placeholder(text: &str) -> bool {
    PLACEHOLDER.as_ref().is_some_and(|re| re.is_match(text))
}

/// A unit written as `（単位：円）`, `（千円）`, `金額（円）`.
pub(super) fn unit_in(text: &str) -> Option<&'static str> {
    let t = fold(text);
    if t.contains("千円") {
        Some("千円")
    } else if t.contains("単位:円") || t.contains("(円)") || t.contains("単位円") {
        Some("円")
    } else {
        None
    }
}

pub(super) fn blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{3000}' | '_' | '＿'))
}

/// A short text that names an entry: not a sentence, not a number, not an
/// instruction.
pub(super) fn is_label(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    n > 0
        && n <= 30
        && !t.ends_with('。')
        && !t.starts_with(['※', '＊', '*', '◎', '●', '■', '◆', '★'])
        && !t.ends_with(['宛', '殿', '様'])
        && !is_form_marker(t)
        && t.chars()
            .any(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation() && !c.is_whitespace())
        && !t.chars().all(|c| c.is_numeric() || ",，.．円".contains(c))
        && !is_placeholder(t)
        && !["令和", "平成", "昭和", "西暦"].contains(&fold(t).as_str())
        && !is_choice(t)
        && !has_fill_in(t)
        && balanced(t)
        && (squashed_len(t) >= 2 || lookup(t).is_some())
}

pub(super) fn squashed_len(text: &str) -> usize {
    fold(text).chars().count()
}

/// A printed choice the applicant circles or strikes: 有・無, 男・女,
/// 新規・変更. One entry, never a label or a row of its own.
pub(crate) fn is_choice(text: &str) -> bool {
    let t = fold(text);
    let parts: Vec<&str> = t.split(['・', '/', '／']).collect();
    (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.chars().count()) && !p.contains(['(', ')']))
}

/// 「有（　　　　）」: an option with a blank in brackets to write in.
pub(super) fn has_fill_in(text: &str) -> bool {
    text.contains("（\u{3000}\u{3000}")
        || text.contains("(\u{3000}\u{3000}")
        || text.contains("(  ")
}

/// Three blanks or more in a row inside a text: a place to write in.
pub(super) fn has_blank_run(text: &str) -> bool {
    let mut run = 0;
    for c in text.trim().chars() {
        run = if c == '\u{3000}' || c == ' ' || c == '_' || c == '＿' {
            run + 1
        } else {
            0
        };
        if run >= 3 {
            return true;
        }
    }
    false
}

/// Brackets closed: 「（ほか」 is the start of a note cut over cells.
pub(super) fn balanced(text: &str) -> bool {
    let open = text.matches(['（', '(']).count();
    let close = text.matches(['）', ')']).count();
    open <= close
}

/// A row label that closes a group of amounts.
pub(super) fn is_sum_label(text: &str) -> bool {
    let t = fold(text);
    let t = t.split(['(', '（']).next().unwrap_or(&t);
    t.ends_with("合計")
        || t == "計"
        || t.ends_with("小計")
        || t.ends_with("総額")
        || t.ends_with("総計")
}

pub(super) fn is_roman(text: &str) -> bool {
    text.trim_start()
        .starts_with(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ'])
}

pub(super) fn is_circled(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| ('①'..='⑳').contains(&c))
}

/// An undated date line: 令和　年　月　日.
pub(super) fn is_date_line(text: &str) -> bool {
    let t = fold(text);
    // 「（受理受付年月日）」 names a date; 「年　月　日～年　月　日」 is a period.
    !names_a_date(&t)
        && !text.contains(['～', '〜'])
        && t.chars().count() <= 16
        && t.ends_with("日")
        && t.contains('年')
        && t.contains('月')
        && matches!(parse_date(text), Some(DateParse::Incomplete) | None)
}

/// 「生　年　月　日」「（受理受付年月日）」: a word ending in 年月日 names a
/// date (an era 令和 / 平成 / 西暦 before it is a blank date).
pub(super) fn names_a_date(folded: &str) -> bool {
    folded.find("年月日").is_some_and(|p| {
        folded[..p]
            .chars()
            .last()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !"和成暦治正".contains(c))
    })
}

/// A label a date can stand under: not a caption in brackets
/// (「（申請先）」 beside the date names the addressee, not the date).
pub(super) fn date_label(text: &str) -> bool {
    let t = text.trim();
    is_label(t) && !(t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
}

/// 「円」「（　　千円）」: a cell holding only the unit of the amount typed
/// into it.
pub(super) fn unit_cell(text: &str) -> Option<&'static str> {
    let t: String = fold(text)
        .chars()
        .filter(|c| !"()（）".contains(*c))
        .collect();
    match t.as_str() {
        "円" => Some("円"),
        "千円" => Some("千円"),
        _ => None,
    }
}

/// The options of a printed choice: 「□ 有料職業紹介事業者　□ 無料…」 (two
/// boxes or more) or 「有　・　無」.
pub(super) fn choice_options(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if t.matches(['□', '☐']).count() >= 2 && !t.contains('\n') {
        let options: Vec<String> = t
            .split(['□', '☐'])
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect();
        return (options.len() >= 2 && options.iter().all(|o| o.chars().count() <= 20))
            .then_some(options);
    }
    if is_choice(t) {
        let options: Vec<String> = t
            .split(['・', '/', '／'])
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect();
        return (options.len() >= 2).then_some(options);
    }
    None
}

/// 「□」 alone: a box printed in a cell of its own.
pub(super) fn is_box(text: &str) -> bool {
    matches!(text.trim(), "□" | "☐" | "■" | "☑")
}

/// A sentence of the form's own wording: long enough, ended as a sentence,
/// not a note (※), not a numbered instruction.
pub(super) fn is_sentence(t: &str) -> bool {
    t.chars().count() >= 10
        && !t.starts_with(['※', '＊', '*', '・'])
        && (t.ends_with('。') || t.ends_with("します") || t.ends_with("ません"))
}

/// Byte offset where the first run of three blanks starts.
pub(super) fn blank_run_at(text: &str) -> Option<usize> {
    let mut run = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\u{3000}' || c == ' ' || c == '_' || c == '＿' {
            if run == 0 {
                start = i;
            }
            run += 1;
            if run >= 3 {
                return Some(start);
            }
        } else {
            run = 0;
        }
    }
    None
}
