//! Lines that open a form in a document holding several.

use super::squash;

/// A line that opens a form: （様式第２号）, 様式１, 別紙, 別添, 参考様式 …
pub fn is_form_marker(text: &str) -> bool {
    let t = squash(text);
    let t = t.trim_start_matches(['（', '(', '【', '[']);
    let n = t.chars().count();
    if n == 0 || n > 24 {
        return false;
    }
    ["様式", "別紙", "別添", "別記様式", "参考様式", "第"]
        .iter()
        .any(|m| t.starts_with(m))
        && (t.contains("様式") || t.starts_with("別紙") || t.starts_with("別添"))
}
