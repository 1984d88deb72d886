//! Normalisation of amounts, percentages, dates, names and certifications
//! as people write them in the forms.

use chrono::NaiveDate;
use yoshiki::forms::normalize::{
    AmountUnit, DateParse, parse_amount, parse_date, parse_percent, recognise_certifications,
    split_name_kana,
};

fn date(y: i32, m: u32, d: u32) -> Option<DateParse> {
    NaiveDate::from_ymd_opt(y, m, d).map(DateParse::Date)
}

#[test]
fn amounts_in_the_declared_unit() {
    assert_eq!(parse_amount("12,000", AmountUnit::Yen), Ok(12_000));
    assert_eq!(parse_amount("12,000", AmountUnit::Thousand), Ok(12_000_000));
    assert_eq!(
        parse_amount("１２，０００", AmountUnit::Thousand),
        Ok(12_000_000)
    );
    assert_eq!(
        parse_amount("　　2,000,000", AmountUnit::Yen),
        Ok(2_000_000)
    );
    assert_eq!(parse_amount("1,234.5", AmountUnit::Thousand), Ok(1_234_500));
}

#[test]
fn explicit_units_win() {
    assert_eq!(parse_amount("12000千円", AmountUnit::Yen), Ok(12_000_000));
    assert_eq!(parse_amount("12,000円", AmountUnit::Thousand), Ok(12_000));
    assert_eq!(
        parse_amount("¥12,000,000", AmountUnit::Thousand),
        Ok(12_000_000)
    );
    assert_eq!(
        parse_amount("￥１２，０００，０００", AmountUnit::Thousand),
        Ok(12_000_000)
    );
    assert_eq!(parse_amount("1.2億", AmountUnit::Thousand), Ok(120_000_000));
    assert_eq!(parse_amount("３万円", AmountUnit::Thousand), Ok(30_000));
    assert_eq!(
        parse_amount("1億2,000万円", AmountUnit::Yen),
        Ok(120_000_000)
    );
    assert_eq!(
        parse_amount("5,000（千円）", AmountUnit::Yen),
        Ok(5_000_000)
    );
    assert_eq!(
        parse_amount("10,890千円（税込）", AmountUnit::Yen),
        Ok(10_890_000)
    );
    assert_eq!(parse_amount("△1,000", AmountUnit::Yen), Ok(-1_000));
}

#[test]
fn amounts_that_are_not_numbers() {
    for text in ["●●", "未定", "千円", "", "12,000円くらい", "1.5", "12-000"] {
        let got = parse_amount(text, AmountUnit::Yen);
        assert!(got.is_err(), "{text:?} gave {got:?}");
    }
    let err = parse_amount("●●千円", AmountUnit::Thousand).unwrap_err();
    assert!(err.contains("●●千円"), "{err}");
}

#[test]
fn percentages() {
    assert_eq!(parse_percent("６２．５％"), Ok(62.5));
    assert_eq!(parse_percent("20.0%"), Ok(20.0));
    assert_eq!(parse_percent("40"), Ok(40.0));
    assert!(parse_percent("●●．●％").is_err());
    assert!(parse_percent("").is_err());
    assert!(parse_percent("1.2.3%").is_err());
}

#[test]
fn japanese_era_dates() {
    assert_eq!(parse_date("令和７年４月１日"), date(2025, 4, 1));
    assert_eq!(parse_date("令和 ７ 年 ４ 月 １ 日"), date(2025, 4, 1));
    assert_eq!(parse_date("令和元年５月１日"), date(2019, 5, 1));
    assert_eq!(parse_date("平成３１年４月３０日"), date(2019, 4, 30));
    assert_eq!(parse_date("昭和５５年１月２日"), date(1980, 1, 2));
    assert_eq!(parse_date("令和七年十二月三日"), date(2025, 12, 3));
    assert_eq!(parse_date("R7.4.1"), date(2025, 4, 1));
    assert_eq!(
        parse_date("契約締結日：令和８年１月５日（月）"),
        date(2026, 1, 5)
    );
}

#[test]
fn western_dates() {
    assert_eq!(parse_date("2026/4/1"), date(2026, 4, 1));
    assert_eq!(parse_date("２０２６年４月１日"), date(2026, 4, 1));
    assert_eq!(parse_date("1985-03-04"), date(1985, 3, 4));
}

#[test]
fn incomplete_and_impossible_dates() {
    assert_eq!(
        parse_date("令和　　年　　月　　日"),
        Some(DateParse::Incomplete)
    );
    assert_eq!(
        parse_date("令和    年    月     日"),
        Some(DateParse::Incomplete)
    );
    assert_eq!(parse_date("令和７年　月　日"), Some(DateParse::Incomplete));
    assert_eq!(
        parse_date("　　年　　月　　日"),
        Some(DateParse::Incomplete)
    );
    assert!(matches!(
        parse_date("令和７年２月３０日"),
        Some(DateParse::Impossible(_))
    ));
    assert!(matches!(
        parse_date("令和０年４月１日"),
        Some(DateParse::Impossible(_))
    ));
    assert!(matches!(
        parse_date("2026/13/1"),
        Some(DateParse::Impossible(_))
    ));
    assert_eq!(parse_date("株式会社テスト"), None);
    assert_eq!(parse_date(""), None);
}

#[test]
fn names_with_their_reading() {
    assert_eq!(
        split_name_kana("山田　太郎（やまだ　たろう）"),
        ("山田　太郎".to_string(), Some("やまだ　たろう".to_string()))
    );
    assert_eq!(
        split_name_kana("佐藤次郎(サトウジロウ)"),
        ("佐藤次郎".to_string(), Some("サトウジロウ".to_string()))
    );
    assert_eq!(
        split_name_kana("やまだ たろう\n山田 太郎"),
        ("山田 太郎".to_string(), Some("やまだ たろう".to_string()))
    );
    assert_eq!(split_name_kana("山田太郎"), ("山田太郎".to_string(), None));
    assert_eq!(
        split_name_kana("山田太郎（代表）"),
        ("山田太郎（代表）".to_string(), None)
    );
}

#[test]
fn certifications() {
    assert_eq!(
        recognise_certifications("えるぼし認定（２段階目）、プラチナくるみん"),
        vec!["えるぼし（２段階目）", "プラチナくるみん"]
    );
    assert_eq!(
        recognise_certifications("えるぼし3段階目を取得"),
        vec!["えるぼし（３段階目）"]
    );
    assert_eq!(
        recognise_certifications("えるぼし★★"),
        vec!["えるぼし（２段階目）"]
    );
    assert_eq!(
        recognise_certifications("トライくるみんプラス、くるみんプラス、ユースエール"),
        vec!["トライくるみんプラス", "くるみんプラス", "ユースエール"]
    );
    assert_eq!(
        recognise_certifications("プラチナえるぼし"),
        vec!["プラチナえるぼし"]
    );
    assert_eq!(
        recognise_certifications("くるみん、くるみん"),
        vec!["くるみん"]
    );
    assert!(recognise_certifications("該当なし").is_empty());
}

/// A sum paid in another currency with its yen conversion in brackets
/// (「支払金額については、現地通貨又は米ドルで記載し、括弧書きで日本円に
/// 換算した金額を記載すること」): the bracketed yen is the amount in yen.
/// Other shapes stay unreadable.
#[test]
fn amount_in_foreign_currency_with_yen_in_brackets() {
    assert_eq!(
        parse_amount("１，０００米ドル（１５０，０００円）", AmountUnit::Yen),
        Ok(150_000)
    );
    assert_eq!(
        parse_amount("5,000,000ドン(30,000円)", AmountUnit::Thousand),
        Ok(30_000)
    );
    // No currency word, a yen unit outside, two figures: not this shape.
    assert!(parse_amount("1,000(150,000円)", AmountUnit::Yen).is_err());
    assert!(parse_amount("1,000千円(150,000円)", AmountUnit::Yen).is_err());
    assert!(parse_amount("1,000米ドル", AmountUnit::Yen).is_err());
    assert!(parse_amount("1,000米ドル(150,000)", AmountUnit::Yen).is_err());
}
