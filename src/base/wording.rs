//! Japanese sentences with a reason: 「…ありません（理由）。」 reads well only
//! while the reason has no brackets of its own; 「（…（…））」 does not, so such
//! a reason becomes a sentence of its own (ASCII brackets inside read fine).

/// `stem` + `reason` as one or two sentences.
pub fn with_reason(stem: &str, reason: &str) -> String {
    let reason = reason.trim().trim_end_matches('。');
    if reason.is_empty() {
        format!("{stem}。")
    } else if reason.contains(['（', '）']) {
        format!("{stem}。{reason}。")
    } else {
        format!("{stem}（{reason}）。")
    }
}

#[cfg(test)]
mod tests {
    use super::with_reason;

    #[test]
    fn a_reason_with_brackets_is_its_own_sentence() {
        assert_eq!(
            with_reason("形式が正しくありません", "桁数が足りません"),
            "形式が正しくありません（桁数が足りません）。"
        );
        assert_eq!(
            with_reason(
                "形式が正しくありません",
                "桁数が電話番号になりません（0で始まる10桁または11桁）"
            ),
            "形式が正しくありません。桁数が電話番号になりません（0で始まる10桁または11桁）。"
        );
        assert_eq!(with_reason("読めません", ""), "読めません。");
    }
}
