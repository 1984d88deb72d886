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
}
