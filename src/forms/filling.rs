//! How applicants fill a form in beyond typing the value: ticked boxes,
//! 未定, 後日提出, untouched content controls, ㈱ for 株式会社.
//!
//! The words and marks are data (`schemas/vocabulary/filling.toml`, embedded
//! at build time); this module only applies them. Extraction and the rules
//! ask here instead of keeping their own lists.

use serde::Deserialize;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The built-in vocabulary file.
pub const FILE: &str = include_str!("../../schemas/vocabulary/filling.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filling {
    pub choice: Choice,
    pub undecided: Words,
    pub deferral: Words,
    pub prompt: Words,
    pub reference: Reference,
    pub company: Company,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub endings: Vec<String>,
    /// (text, the place it must point to).
    #[serde(default)]
    pub examples_match: Vec<[String; 2]>,
    #[serde(default)]
    pub examples_no_match: Vec<[String; 2]>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub ticked: Vec<String>,
    pub unticked: Vec<String>,
    #[serde(default)]
    pub examples_one: Vec<String>,
    #[serde(default)]
    pub examples_many: Vec<String>,
    #[serde(default)]
    pub examples_none: Vec<String>,
    #[serde(default)]
    pub examples_not_choice: Vec<String>,
}

/// A list of words or phrases with the examples that must and must not
/// match (`words`; `phrases` and `texts` read the same).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(alias = "phrases", alias = "texts")]
    pub words: Vec<String>,
    #[serde(default)]
    pub examples_match: Vec<String>,
    #[serde(default)]
    pub examples_no_match: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// Each entry: the full word first, then its short forms.
    pub forms: Vec<Vec<String>>,
    #[serde(default)]
    pub examples_same: Vec<[String; 2]>,
    #[serde(default)]
    pub examples_same_applicant: Vec<[String; 2]>,
    #[serde(default)]
    pub examples_different: Vec<[String; 2]>,
}

/// The vocabulary in force (the built-in file; a broken built-in file is a
/// build defect the test suite catches, so it falls back to empty lists).
pub fn vocabulary() -> &'static Filling {
    static V: OnceLock<Filling> = OnceLock::new();
    V.get_or_init(|| toml::from_str(FILE).unwrap_or_default())
}

/// Width folded (NFKC), blanks removed, ASCII upper-cased.
fn fold(s: &str) -> String {
    // A text the quick check calls NFKC already (most entries) is its own
    // NFKC form: no normaliser to run.
    let stable = s.chars().all(crate::base::is_nfkc_stable)
        || unicode_normalization::is_nfkc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes;
    if stable {
        return s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
    }
    // Kana, kanji and ASCII with full-width ASCII forms and white space
    // (「（別葉のとおり）」, most of the rest): each char's NFKC form is
    // itself or its ASCII char, none of them composes with another, and
    // white space stays white space, so no normaliser either.
    let full_width = |c: char| ('\u{ff01}'..='\u{ff5e}').contains(&c);
    if s.chars()
        .all(|c| crate::base::is_nfkc_stable(c) || full_width(c) || c.is_whitespace())
    {
        return s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                _ => c,
            })
            .map(|c| c.to_ascii_uppercase())
            .collect();
    }
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The vocabulary's words folded once (they used to be folded again for
/// every text asked about).
struct Folded {
    undecided: Vec<String>,
    deferral: Vec<String>,
    endings: Vec<String>,
    /// Each company form: its full word and its short forms.
    company: Vec<(String, Vec<String>)>,
    /// Every short form.
    shorts: Vec<String>,
    /// The full words, longest first (一般社団法人 before 社団法人).
    fulls: Vec<String>,
}

fn folded() -> &'static Folded {
    static F: OnceLock<Folded> = OnceLock::new();
    F.get_or_init(|| {
        let v = vocabulary();
        let all = |words: &[String]| words.iter().map(|w| fold(w)).collect::<Vec<_>>();
        let company: Vec<(String, Vec<String>)> = v
            .company
            .forms
            .iter()
            .filter_map(|f| f.split_first())
            .map(|(full, short)| (fold(full), all(short)))
            .collect();
        let shorts = v
            .company
            .forms
            .iter()
            .flat_map(|f| f.iter().skip(1))
            .map(|s| fold(s))
            .collect();
        let mut fulls: Vec<String> = v
            .company
            .forms
            .iter()
            .filter_map(|f| f.first())
            .map(|f| fold(f))
            .collect();
        fulls.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
        Folded {
            undecided: all(&v.undecided.words),
            deferral: all(&v.deferral.words),
            endings: all(&v.reference.endings),
            company,
            shorts,
            fulls,
        }
    })
}

/// What a printed choice says once marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ticked<'a> {
    /// Exactly one option ticked; the text after the choice (a reason).
    One(&'a str, String),
    /// Several options ticked.
    Many(Vec<&'a str>),
    /// Boxes printed, none ticked.
    NoneTicked,
    /// Not a choice of marked options (a word written out, a lone mark).
    NotChoice,
}

/// Read a printed choice. The options written one after another, with
/// only blanks, marks and separators (・ ／ 、 |) between them, are the
/// choice; a mark in front of an option ticks it or not (☒ / ☐), an option
/// with no mark in front of it is not chosen (「○実施・未実施・該当なし」).
/// At least two options must be written and one of them marked, so a word
/// written out (「実施」) or a lone 「○」 is not a choice. Options are
/// matched longest first, so 「未実施」 is never read as 「実施」, and a
/// word in the reason after the choice is not part of it.
pub fn ticked_choice<'a>(text: &str, options: &[&'a str]) -> Ticked<'a> {
    let v = vocabulary();
    let is_mark = |c: char, set: &[String]| set.iter().any(|m| m.chars().eq(std::iter::once(c)));
    let joins = |c: char| {
        c.is_whitespace()
            || is_mark(c, &v.choice.ticked)
            || is_mark(c, &v.choice.unticked)
            || matches!(c, '・' | '/' | '／' | '、' | ',' | '，' | '|' | '｜')
    };
    let mut sorted: Vec<&'a str> = options.to_vec();
    sorted.sort_by_key(|o| std::cmp::Reverse(o.chars().count()));
    // (option, mark: Some(ticked?) or None, start, end), in text order.
    let mut run: Vec<(&'a str, Option<bool>, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = text.get(i..).unwrap_or("");
        let Some(first) = rest.chars().next() else {
            break;
        };
        let Some(opt) = sorted.iter().find(|o| rest.starts_with(**o)) else {
            i += first.len_utf8();
            continue;
        };
        let gap_from = run.last().map_or(0, |r| r.3);
        let gap = text.get(gap_from..i).unwrap_or("");
        if !run.is_empty() && !gap.chars().all(joins) {
            // Another run starts: keep the first one that is a choice.
            if is_choice(&run) {
                break;
            }
            run.clear();
        }
        let mark = gap.chars().rev().find(|c| !c.is_whitespace());
        let ticked = match mark {
            Some(c) if is_mark(c, &v.choice.ticked) => Some(true),
            Some(c) if is_mark(c, &v.choice.unticked) => Some(false),
            _ => None,
        };
        run.push((opt, ticked, i, i + opt.len()));
        i += opt.len();
    }
    if !is_choice(&run) {
        return Ticked::NotChoice;
    }
    let ticked: Vec<&'a str> = run
        .iter()
        .filter(|r| r.1 == Some(true))
        .map(|r| r.0)
        .collect();
    match ticked.as_slice() {
        [] => Ticked::NoneTicked,
        [one] => {
            let end = run.last().map_or(0, |r| r.3);
            let rest = text.get(end..).unwrap_or("");
            let rest = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '・' | '/' | '／' | '|' | '｜')
            });
            Ticked::One(one, rest.trim().to_string())
        }
        _ => Ticked::Many(ticked),
    }
}

/// Two or more options written together, one of them with a mark.
fn is_choice(run: &[(&str, Option<bool>, usize, usize)]) -> bool {
    run.len() >= 2 && run.iter().any(|r| r.1.is_some())
}

/// An entry that names nothing yet (「未定」, 「調整中」), brackets and a
/// note after the word allowed (「未定（決定次第報告）」).
pub fn is_undecided(text: &str) -> bool {
    let t = fold(text);
    let t = t.trim_start_matches(['(', '[', '「', '【']);
    folded().undecided.iter().any(|w| {
        t.strip_prefix(w.as_str()).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with([')', ']', '」', '】', '(', '、', '。', ':'])
        })
    })
}

/// An entry the applicant says will be given later (「契約時に提出」).
pub fn is_deferral(text: &str) -> bool {
    let t = fold(text);
    !t.is_empty() && folded().deferral.iter().any(|p| t.contains(p.as_str()))
}

/// Text Word shows in a content control nobody typed into.
pub fn is_prompt(text: &str) -> bool {
    is_prompt_key(&crate::forms::normalize::key_of(text))
}

/// [`is_prompt`] on a matching key (`normalize::key_of`) already made, as
/// the layout has one for every line; the prompts' keys are made once.
pub fn is_prompt_key(key: &str) -> bool {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        vocabulary()
            .prompt
            .words
            .iter()
            .map(|p| crate::forms::normalize::key_of(p))
            .filter(|k| !k.is_empty())
            .collect()
    });
    !key.is_empty() && keys.iter().any(|k| k == key)
}

/// A cell that only points elsewhere for its content (「（別葉のとおり）」):
/// one of `places` followed by a reference ending, nothing else.
pub fn is_reference_to(text: &str, places: &[String]) -> bool {
    let t: String = fold(text)
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '「' | '」' | '。' | '、' | '.' | '※'))
        .collect();
    places.iter().map(|p| fold(p)).any(|p| {
        !p.is_empty()
            && t.strip_prefix(p.as_str())
                .is_some_and(|rest| folded().endings.iter().any(|e| *e == rest))
    })
}

/// A short company type on its own (「(株)」, 「㈱」): a value's first word,
/// never a note after a label.
pub fn is_company_short(text: &str) -> bool {
    let t = fold(text);
    !t.is_empty() && folded().shorts.contains(&t)
}

/// A name for comparison: width folded, blanks removed, and each short
/// company type (㈱, (株), NPO法人) written as its full word where it
/// stands, so 前株 and 後株 stay apart.
pub fn company_key(name: &str) -> String {
    let mut t = fold(name);
    for (full, short) in &folded().company {
        for s in short {
            if !s.is_empty() && t.contains(s.as_str()) {
                t = t.replace(s.as_str(), full);
            }
        }
    }
    t
}

/// A name as the applicant it names: [`company_key`] with the company
/// type left out, so a form that omits 「株式会社」 names the same applicant.
pub fn applicant_key(name: &str) -> String {
    let mut t = company_key(name);
    for f in &folded().fulls {
        if !f.is_empty() {
            t = t.replace(f.as_str(), "");
        }
    }
    t
}

#[cfg(test)]
mod tests {
    /// `fold` as NFKC over the whole text would have it, for texts its
    /// fast paths take and texts they leave to the normaliser.
    #[test]
    fn fold_agrees_with_nfkc() {
        let samples = [
            "（別葉のとおり）",
            "別葉　のとおり。",
            "ＡＢＣ ａｂｃ　１２３",
            "Ａ\u{301} e\u{301}",
            "ｶﾞｲﾄﾞ ㈱ ①",
            "〃々〆〇【】、。・ー",
            "\u{85}\u{a0}\u{2028}\u{3000}x",
        ];
        for t in samples {
            let want: String = t
                .nfkc()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_uppercase())
                .collect();
            assert_eq!(fold(t), want, "{t:?}");
        }
    }

    use super::*;

    const OPTIONS: [&str; 3] = ["実施", "未実施", "該当なし"];

    #[test]
    fn filling_vocabulary_loads() {
        let parsed: Result<Filling, _> = toml::from_str(FILE);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }

    #[test]
    fn filling_choice_examples() {
        let c = &vocabulary().choice;
        for e in &c.examples_one {
            assert!(matches!(ticked_choice(e, &OPTIONS), Ticked::One(..)), "{e}");
        }
        for e in &c.examples_many {
            assert!(matches!(ticked_choice(e, &OPTIONS), Ticked::Many(_)), "{e}");
        }
        for e in &c.examples_none {
            assert_eq!(ticked_choice(e, &OPTIONS), Ticked::NoneTicked, "{e}");
        }
        for e in &c.examples_not_choice {
            assert_eq!(ticked_choice(e, &OPTIONS), Ticked::NotChoice, "{e}");
        }
        assert_eq!(
            ticked_choice("☐実施　☒未実施　☐該当なし\n理由：予算がない", &OPTIONS),
            Ticked::One("未実施", "理由：予算がない".into())
        );
        // A word of the reason is not an option of the choice.
        assert_eq!(
            ticked_choice(
                "☐実施　☒未実施　☐該当なし\n１２月に実施する計画のため。",
                &OPTIONS
            ),
            Ticked::One("未実施", "１２月に実施する計画のため。".into())
        );
    }

    #[test]
    fn filling_word_examples() {
        let v = vocabulary();
        for e in &v.undecided.examples_match {
            assert!(is_undecided(e), "{e}");
        }
        for e in &v.undecided.examples_no_match {
            assert!(!is_undecided(e), "{e}");
        }
        for e in &v.deferral.examples_match {
            assert!(is_deferral(e), "{e}");
        }
        for e in &v.deferral.examples_no_match {
            assert!(!is_deferral(e), "{e}");
        }
        for [t, p] in &v.reference.examples_match {
            assert!(is_reference_to(t, std::slice::from_ref(p)), "{t}");
        }
        for [t, p] in &v.reference.examples_no_match {
            assert!(!is_reference_to(t, std::slice::from_ref(p)), "{t}");
        }
        for e in &v.prompt.examples_match {
            assert!(is_prompt(e), "{e}");
        }
        for e in &v.prompt.examples_no_match {
            assert!(!is_prompt(e), "{e}");
        }
    }

    #[test]
    fn filling_company_examples() {
        let c = &vocabulary().company;
        for [a, b] in &c.examples_same {
            assert_eq!(company_key(a), company_key(b), "{a} / {b}");
        }
        for [a, b] in &c.examples_same_applicant {
            assert_eq!(applicant_key(a), applicant_key(b), "{a} / {b}");
        }
        for [a, b] in &c.examples_different {
            assert_ne!(company_key(a), company_key(b), "{a} / {b}");
        }
    }
}
