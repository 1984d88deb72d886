use super::*;

#[test]
fn mark_start_bytes_are_the_mark_characters() {
    let set = ['【', '＜', '<', '（', '●', '○', '〇', '△', '□'];
    for c in (0..0x3_0000u32).filter_map(char::from_u32) {
        let s = format!("あ{c}い");
        let at = "あ".len();
        let found = c == '<' || is_mark_start_at(s.as_bytes(), at);
        assert_eq!(found, set.contains(&c), "U+{:04X}", c as u32);
    }
}

/// The one-pass walk finds what nine substring searches find.
#[test]
fn mark_walk_finds_what_the_searches_find() {
    let alphabet: Vec<char> = "【例】＜<記載例＞>（）●○〇△□あ、a年".chars().collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..100_000 {
        crate::base::xorshift(&mut seed);
        let n = (seed % 10) as usize;
        let text: String = (0..n)
            .map(|k| alphabet[(seed >> (6 * k % 60)) as usize % alphabet.len()])
            .collect();
        let want = MARKS.iter().any(|m| text.contains(m));
        assert_eq!(holds_mark(&text), want, "{text:?}");
    }
    for text in [
        "【例】",
        "<記載例>",
        "＜記載例＞",
        "株式会社（例）",
        "○○",
        "○〇",
        "□△",
    ] {
        assert_eq!(
            holds_mark(text),
            MARKS.iter().any(|m| text.contains(m)),
            "{text}"
        );
    }
}

#[test]
fn numbers_in_units() {
    assert_eq!(group_digits(31_500), "31,500");
    assert_eq!(group_digits(-1_234_567), "-1,234,567");
    assert_eq!(ja_amount(31_500_000, Unit::Thousand), "31,500千円");
    assert_eq!(ja_amount(2_500_500, Unit::Thousand), "2,500.5千円");
    assert_eq!(ja_amount(999, Unit::Yen), "999円");
    assert_eq!(en_amount(31_500_000, Unit::Thousand), "31,500 thousand yen");
}

#[test]
fn replacing_numbers_keeps_style() {
    assert_eq!(
        replace_number("１２，０００千円", "11,500"),
        "１１，５００千円"
    );
    assert_eq!(replace_number("12,000", "11,500"), "11,500");
    assert_eq!(replace_number("約 62.5 %", "40.0"), "約 40.0 %");
}

#[test]
fn nil_marks() {
    assert!(is_nil_mark("－"));
    assert!(is_nil_mark(" ＿ "));
    assert!(is_nil_mark("なし"));
    assert!(!is_nil_mark("0"));
    assert!(!is_nil_mark(""));
}

#[test]
fn diff_spans() {
    let a = "令和８年度テスト事業";
    let b = "令和７年度テスト事業";
    let (s, e) = diff_span(a, b).unwrap_or((0, 0));
    assert_eq!(&a[s..e], "８");
    let (s, e) = diff_span("ABCD", "ABD").unwrap_or((0, 0));
    assert_eq!(&"ABCD"[s..e], "C");
}

#[test]
fn excerpt_windows() {
    let long = "あ".repeat(300) + "X" + &"い".repeat(300);
    let pos = long.find('X').unwrap_or(0);
    let (text, hl) = excerpt_window(&long, Some((pos, pos + 1)));
    let (s, e) = hl.unwrap_or((0, 0));
    assert_eq!(&text[s..e], "X");
    assert!(text.starts_with('…') && text.ends_with('…'));
}

/// The first-character test of `is_nil_mark` answers as squashing does.
#[test]
fn nil_marks_are_told_as_the_squashed_text_tells_them() {
    let reference = |s: &str| {
        let t = squash(s);
        !t.is_empty()
            && (t.chars().all(|c| DASHES.contains(&c))
                || matches!(t.as_str(), "なし" | "無し" | "無"))
    };
    let pieces = [
        "-",
        "ー",
        "－",
        "―",
        "ｰ",
        "_",
        "＿",
        "な",
        "し",
        "無",
        "か",
        "\u{3099}",
        " ",
        "\u{3000}",
        "\t",
        "a",
        "０",
        "（",
        "株式会社",
    ];
    let mut seed: u64 = 0x1234_5678_9abc_def1;
    for _ in 0..20_000 {
        crate::base::xorshift(&mut seed);
        let n = (seed % 6) as usize;
        let s: String = (0..n)
            .map(|k| pieces[(seed >> (k * 5 % 60)) as usize % pieces.len()])
            .collect();
        assert_eq!(is_nil_mark(&s), reference(&s), "{s:?}");
    }
    assert!(is_nil_mark("　－"));
    assert!(is_nil_mark(" なし "));
    assert!(!is_nil_mark("株式会社"));
}
