//! Where a form prints a date to fill in: 「年　月　日」 frames in a line or
//! a cell, after a label (「作成年月日：　年　月　日」), with a word after it
//! (「年　月　日　締結」), or typed over cells (「　」「年」「　」「月」…).

use super::vocab::fold;

/// Era words printed before a blank date (令和, 明・大・昭).
const ERAS: &[&str] = &[
    "令和", "平成", "昭和", "大正", "明治", "西暦", "明", "大", "昭", "平", "令", "・",
];

/// What is left of a date text once blanks, brackets and era words are
/// removed: 「（令和　　年　　月　　日）」 → 年月日.
fn bare(text: &str) -> String {
    let mut t: String = fold(text)
        .chars()
        .filter(|c| !"()（）[]［］".contains(*c))
        .collect();
    for e in ERAS {
        t = t.replace(e, "");
    }
    t
}

/// 「令和　年　月　日」「（　　年　　月　　日）」: a blank date frame and
/// nothing else.
pub fn is_frame(text: &str) -> bool {
    bare(text) == "年月日"
}

/// 「年　月　日　締結」: a blank date frame with a short word after it; the
/// word.
pub fn frame_with_word(text: &str) -> Option<String> {
    let b = bare(text);
    let word = b.strip_prefix("年月日")?;
    let n = word.chars().count();
    ((1..=4).contains(&n) && !word.contains(['年', '月', '日']) && !word.contains(['~', '〜']))
        .then(|| word.to_string())
}

/// 「作成年月日：　　年　月　日」「作成年月日　　　年　月　日」: the label
/// before a blank date frame on the same line.
pub fn label_before_frame(line: &str) -> Option<String> {
    let line = line.lines().next().unwrap_or(line).trim();
    // 「令和　　年　月　日」: the era is no label.
    if is_frame(line) {
        return None;
    }
    let (label, rest) = match line.split_once(['：', ':']) {
        Some(x) => x,
        None => {
            // The label ends at the first run of two blanks.
            let at = line.find("\u{3000}\u{3000}").or_else(|| line.find("  "))?;
            line.split_at(at)
        }
    };
    let label = label.trim();
    (!label.is_empty() && label.chars().count() <= 20 && is_frame(rest)).then(|| label.to_string())
}

/// A row printing only 年, 月 and 日 in cells of their own, in that order
/// (an era word before them allowed): the digits are typed into the
/// cells between, and the row names no date: the label is printed above
/// it (方眼紙 sheets: 「申請書作成年月日」 two rows over 「年」「月」「日」).
pub fn is_frame_row(cells: &[&str]) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .map(|t| fold(t))
        .filter(|t| !t.is_empty())
        .collect();
    let bare: Vec<&str> = filled
        .iter()
        .map(String::as_str)
        .filter(|t| !ERAS.contains(t))
        .collect();
    bare == ["年", "月", "日"]
}

/// A label naming a date (「申請書作成年月日」「…／作成日」).
pub fn names_date(label: &str) -> bool {
    let t = fold(label);
    let t = t.trim_end_matches([')', '）']);
    t.ends_with("年月日") || t.ends_with("作成日") || t.ends_with("記入日")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_told_from_dates_and_labels() {
        assert!(is_frame("令和　　　年　　　月　　　日"));
        assert!(is_frame("（　　年　　月　　日）"));
        assert!(is_frame("明・大・昭　　年　　月　　日"));
        assert!(!is_frame("令和８年１月２日"));
        assert!(!is_frame("生年月日"));
        assert!(!is_frame("年　月　日～　年　月　日"));
        assert_eq!(
            frame_with_word("　　年　　月　　日　　締結").as_deref(),
            Some("締結")
        );
        assert_eq!(frame_with_word("年　月　日"), None);
        assert_eq!(
            label_before_frame("作成年月日：　　　　年　　　月　　　日").as_deref(),
            Some("作成年月日")
        );
        assert_eq!(
            label_before_frame("作成年月日　　　　　年　　　月　　　日\nNgày soạn").as_deref(),
            Some("作成年月日")
        );
        assert_eq!(label_before_frame("氏名：　　　　"), None);
        assert_eq!(label_before_frame("令和　　年　　月　　日"), None);
    }

    #[test]
    fn a_row_of_printed_year_month_day_is_a_frame_row() {
        assert!(is_frame_row(&["年", "月", "日"]));
        assert!(is_frame_row(&["令和", "", "年", "", "月", "", "日"]));
        assert!(!is_frame_row(&["Year", "Month", "Day"]));
        assert!(!is_frame_row(&["2026", "年", "11", "月", "20", "日"]));
        assert!(!is_frame_row(&["生年月日", "年", "月", "日"]));
        assert!(names_date("申請人（法定代理人）の署名／申請書作成年月日"));
        assert!(!names_date("申請人の署名"));
    }
}
