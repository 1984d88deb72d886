//! One form's units → its title, fields, relations and fixed wording.

use super::text::*;
use super::units::Unit;
use super::vocab::{fold, kind_name, lookup};
use super::walk::Walk;
use super::{LearnedField, LearnedForm, LearnedRelation, dates, is_form_marker, scope};
use regex::Regex;
use std::sync::LazyLock;

/// A stable ASCII id from a title (ids are lower-case letters and _).
fn slug(title: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in title.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let letters: String = (0..6)
        .map(|i| (b'a' + ((h >> (i * 5)) % 26) as u8) as char)
        .collect();
    format!("form_{letters}")
}

/// Letters-only suffix for the n-th use of a path word: b, c, … z, ba …
fn suffix(n: usize) -> String {
    let mut n = n;
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}

#[derive(Default)]
pub(super) struct Paths(Vec<String>);

impl Paths {
    pub(super) fn new_path(&mut self, word: &str) -> String {
        let mut n = 0;
        let mut p = word.to_string();
        while self.0.contains(&p) {
            n += 1;
            p = format!("{word}_{}", suffix(n));
        }
        self.0.push(p.clone());
        p
    }
}

/// Learn one form from its units; None when there is no title.
pub fn learn_form(units: &[Unit], source: &str) -> Option<LearnedForm> {
    let texts: Vec<String> = units.iter().map(Unit::text).collect();
    let (mut f, title_at, cut) = head(&texts, source)?;
    let (units, texts) = (&units[..cut], &texts[..cut]);
    let mut walk = Walk::new(&f.title, title_at);
    for (i, u) in units.iter().enumerate() {
        walk.unit(&mut f, i, u);
    }
    named_sections(&mut f, texts, &walk.firsts, &walk.at);
    walk.finish(&mut f);
    f.at = walk.at.clone();
    f.extent = cut;
    repeated_labels(&mut f);
    rate_notes(&mut f, texts);
    for fld in f
        .fields
        .iter_mut()
        .filter(|x| x.find == "date_line" && x.after.is_empty())
    {
        fld.after = vec![f.title.clone()];
    }
    recognised_by(&mut f);
    if f.fields.is_empty() {
        f.unsure
            .push("記入欄が見つかりませんでした（ラベルと空欄の組がない）".to_string());
    }
    Some(f)
}

/// The form's head: marker, title, name, id and version; the title's unit
/// and where the first printed copy ends. None when there is no title.
fn head(texts: &[String], source: &str) -> Option<(LearnedForm, usize, usize)> {
    let mut f = LearnedForm {
        source: source.to_string(),
        ..LearnedForm::default()
    };
    f.preamble = texts
        .iter()
        .find(|t| is_form_marker(t))
        .map(|t| t.trim().to_string());
    let title_at =
        heading_after_marker(texts).or_else(|| texts.iter().position(|t| title_in(t).is_some()))?;
    // Repeated blank copies of the form: only the first is to be filled.
    let cut = super::repeat::first_copy(texts, title_at);
    if cut < texts.len() {
        f.guesses.push(format!(
            "「{}」が繰り返し印刷されているため、最初の1部だけを記入欄としました",
            texts[title_at].trim()
        ));
    }
    f.title = title_in(&texts[title_at]).unwrap_or_else(|| texts[title_at].trim().to_string());
    f.name = match &f.preamble {
        Some(p) => {
            // The marker's own cell only: a paper size or a note printed
            // beside it (「（用紙Ａ４）」) names nothing.
            let p = p.split('\t').next().unwrap_or(p).trim();
            let bare = p
                .strip_prefix('（')
                .and_then(|x| x.strip_suffix('）'))
                .unwrap_or(p);
            format!("{bare} {}", f.title)
        }
        None => f.title.clone(),
    };
    f.id = slug(&f.title);
    f.version = version_of(&texts[..cut]);
    Some((f, title_at, cut))
}

/// 「Ⅲ欄は、…場合のみ記載すること」: the entries of the section a note
/// names are conditional. `firsts` is each unit's first text, `at` each
/// field's unit.
fn named_sections(f: &mut LearnedForm, texts: &[String], firsts: &[String], at: &[usize]) {
    for (number, item, note) in scope::named_sections(texts) {
        let Some(range) = scope::section_range(firsts, &number, item.as_deref()) else {
            continue;
        };
        f.guesses.push(format!(
            "注意書き「{note}」により、{number}欄{}の記入欄を該当する場合のみとしました",
            item.as_deref().unwrap_or("")
        ));
        for (k, fld) in f.fields.iter_mut().enumerate() {
            if at.get(k).is_some_and(|u| range.contains(u)) {
                make_conditional(fld, &note);
            }
        }
    }
}

/// The texts the form is recognised by: its first labels, or, with few
/// labels (a contract in prose), its one-line clauses.
fn recognised_by(f: &mut LearnedForm) {
    f.boilerplate = f
        .fields
        .iter()
        .filter(|x| x.find == "label" && x.kind != Some("checkbox"))
        .map(|x| x.label.clone())
        .take(12)
        .collect();
    if f.boilerplate.len() < 3 {
        // One-line clauses only: a whole page of notes recognises nothing.
        let more: Vec<String> = f
            .fixed
            .iter()
            .filter(|x| !x.contains('\n') && x.chars().count() <= 80)
            .take(6 - f.boilerplate.len())
            .cloned()
            .collect();
        f.boilerplate.extend(more);
    }
}

/// An entry the form lets stay blank.
pub(super) fn make_conditional(fld: &mut LearnedField, note: &str) {
    if fld.must_be_blank || fld.conditional.is_some() {
        return;
    }
    fld.required = false;
    fld.conditional = Some(note.lines().next().unwrap_or(note).trim().to_string());
}

/// `令和７年度` in the template → r7; r1 when no era year is printed.
fn version_of(texts: &[String]) -> String {
    static RE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"令和\s*([0-9０-９]{1,2})\s*年度").ok());
    for t in texts {
        if let Some(c) = RE.as_ref().and_then(|re| re.captures(t)) {
            let n: String = fold(&c[1])
                .chars()
                .filter_map(|ch| ch.to_digit(10))
                .map(|d| char::from(b'0' + d as u8))
                .collect();
            return format!("r{n}");
        }
    }
    "r1".to_string()
}

fn kind_of(label: &str) -> (String, Option<&'static str>) {
    match lookup(label) {
        Some(w) => (w.path.clone(), kind_name(&w.kind)),
        None => ("entry".to_string(), None),
    }
}

/// Notes of the label that let an entry stay blank (vocabulary in
/// `schemas/vocabulary/learn_notes.toml`).
fn conditional(label: &str) -> Option<String> {
    super::notes::is_conditional(label).then(|| label.trim().to_string())
}

/// 「職業紹介事業者の氏名」「取次機関の氏名又は名称」「配偶者の氏名」: a name
/// of someone other than the applicant (a qualifier before の that is not
/// the applicant), which must not be compared with the applicant's name.
fn names_another_party(folded_label: &str) -> bool {
    let Some((before, _)) = folded_label.rsplit_once('の') else {
        return false;
    };
    let before =
        before.trim_start_matches(|c: char| c.is_ascii_digit() || "()（）.．、 ".contains(c));
    !before.is_empty()
        && !["申請", "提出", "法人", "団体", "会社", "企業", "応募"]
            .iter()
            .any(|w| before.contains(w))
}

fn office_only(label: &str) -> bool {
    super::notes::is_office_use(label)
}

/// A date typed under a label (kind date, required unless its label
/// says otherwise).
pub(super) fn push_date_field(f: &mut LearnedForm, paths: &mut Paths, label: &str) {
    push_label_field(f, paths, label, None, None);
    if let Some(fld) = f.fields.last_mut() {
        fld.kind = Some("date");
        fld.unit = None;
        if fld.path.starts_with("entry") || fld.path.starts_with("name") {
            fld.path = paths.new_path("date");
        }
        f.guesses
            .push(format!("「{label}」を日付の欄 {} としました", fld.path));
    }
}

/// A blank date line of its own (「令和　年　月　日」「年　月　日　締結」),
/// found after the text printed just before it.
pub(super) fn push_date_line(f: &mut LearnedForm, paths: &mut Paths, line: &str, anchor: &str) {
    let path = paths.new_path("date");
    f.guesses
        .push(format!("「{}」を日付欄 {path} としました", line.trim()));
    let label = match dates::frame_with_word(line) {
        Some(word) => format!("{word}日"),
        None => "日付".to_string(),
    };
    let anchor = anchor.lines().next().unwrap_or(anchor).trim();
    f.fields.push(LearnedField {
        path,
        label,
        find: "date_line",
        kind: Some("date"),
        required: true,
        past_only: true,
        after: (!anchor.is_empty())
            .then(|| anchor.to_string())
            .into_iter()
            .collect(),
        ..LearnedField::default()
    });
}

pub(super) fn push_label_field(
    f: &mut LearnedForm,
    paths: &mut Paths,
    label: &str,
    unit: Option<&'static str>,
    after: Option<String>,
) -> String {
    let (word, mut kind) = kind_of(label);
    // A unit declared for a table makes its short labels amounts; a
    // statement (「…を負担させないこととしていること」) stays text.
    let statement = fold(label).ends_with("こと");
    if unit.is_some() && kind.is_none() && !statement {
        kind = Some("amount");
    }
    if statement && kind == Some("amount") {
        kind = None;
    }
    let amount = kind == Some("amount");
    let word = if amount && word == "entry" {
        "amount".to_string()
    } else {
        word
    };
    let path = paths.new_path(&word);
    let must_be_blank = office_only(label);
    let cond = conditional(label);
    let l = fold(label);
    let reading = ["ふりがな", "フリガナ", "カナ", "かな"]
        .iter()
        .any(|w| l.contains(w));
    let agreed = f.fields.iter().any(|x| x.agree == Some("申請者名"));
    let agree = match kind {
        Some("text") if word == "title" => Some("件名"),
        Some("name")
            if word == "name"
                && !reading
                && !agreed
                && !["担当", "代表", "連絡", "役職"]
                    .iter()
                    .any(|w| l.contains(w))
                && !names_another_party(&l) =>
        {
            Some("申請者名")
        }
        _ => None,
    };
    if must_be_blank {
        f.guesses
            .push(format!("「{label}」は記入不要の欄（空欄のまま）としました"));
    }
    if kind.is_none() {
        f.unsure.push(format!(
            "「{label}」の種類が分かりません（文字の欄として扱います）"
        ));
    }
    f.fields.push(LearnedField {
        path: path.clone(),
        label: label.to_string(),
        find: "label",
        kind,
        required: !must_be_blank && cond.is_none(),
        conditional: cond,
        must_be_blank,
        unit: if amount {
            Some(unit.unwrap_or("円"))
        } else {
            None
        },
        after: after.into_iter().collect(),
        agree,
        ..LearnedField::default()
    });
    path
}

/// A label printed twice or more in one form (〒 in every address
/// block, 氏名 in each row of a list): rows for further entries or for
/// sections that apply only to some applicants. The first is required,
/// the others are conditional.
fn repeated_labels(f: &mut LearnedForm) {
    let keys: Vec<String> = f.fields.iter().map(|x| fold(&x.label)).collect();
    for (k, fld) in f.fields.iter_mut().enumerate() {
        let count = keys.iter().filter(|x| **x == keys[k]).count();
        let first = keys.iter().position(|x| *x == keys[k]) == Some(k);
        if count >= 2 && !first && fld.required && fld.kind != Some("checkbox") {
            fld.required = false;
            fld.conditional = Some(format!(
                "「{}」は{count}回印刷されている欄の繰り返し（該当する場合のみ記入）",
                fld.label.trim()
            ));
        }
    }
}

/// Ⅱ事業費 = ①+②+…: the sub-items of a Roman-numbered item.
pub(super) fn close_roman(f: &mut LearnedForm, roman: &mut Option<(String, Vec<String>)>) {
    if let Some((total, subs)) = roman.take()
        && subs.len() >= 2
    {
        f.guesses.push(format!(
            "{total} を ①… の{}項目の合計としました",
            subs.len()
        ));
        f.relations.push(LearnedRelation::sum(total, subs));
    }
}

/// `※Ａは、Ｂの２分の１以内（千円未満切捨て）`: Ａ ≤ Ｂ × 1/2.
fn rate_notes(f: &mut LearnedForm, texts: &[String]) {
    static RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"([^※、。は]+)は、?([^、。の]+)の([0-9０-９]+)分の([0-9０-９]+)(以内|以下)?")
            .ok()
    });
    let Some(re) = RE.as_ref() else { return };
    let digit = |s: &str| -> String {
        fold(s)
            .chars()
            .filter_map(|c| c.to_digit(10))
            .map(|d| char::from(b'0' + d as u8))
            .collect()
    };
    for t in texts {
        let Some(c) = re.captures(t) else { continue };
        let find = |name: &str| {
            let key = fold(name);
            f.fields
                .iter()
                .find(|x| fold(&x.label) == key)
                .map(|x| x.path.clone())
        };
        let (Some(target), Some(base)) = (find(&c[1]), find(&c[2])) else {
            f.unsure.push(format!(
                "「{}」の率を欄に結び付けられませんでした",
                t.trim()
            ));
            continue;
        };
        let rate = format!("{}/{}", digit(&c[4]), digit(&c[3]));
        let floor_1000 = t.contains("千円未満切捨") || t.contains("千円未満切り捨");
        f.guesses.push(format!(
            "{target} ≤ {base} × {rate} としました（{}）",
            t.trim()
        ));
        f.relations.push(LearnedRelation {
            code: "SUM003",
            kind: "rate_cap",
            target,
            terms: vec![base],
            rate: Some(rate),
            rounding: floor_1000.then_some("floor_1000"),
        });
    }
}
