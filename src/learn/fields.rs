//! One form's units → its title, fields, relations and fixed wording.

use super::units::{Unit, UnitCell};
use super::vocab::{fold, is_unit_word, kind_name, lookup};
use super::{LearnedField, LearnedForm, LearnedRelation, is_form_marker};
use crate::forms::normalize::{DateParse, parse_date};
use regex::Regex;
use std::sync::LazyLock;

/// Words a form's title ends with.
const TITLE_ENDINGS: &[&str] = &[
    "書", "届", "表", "票", "簿", "計画", "一覧", "明細", "申請", "調書", "報告",
];

/// Text the applicant replaces: ○○, 【例】, （例）.
static PLACEHOLDER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[○〇◯●]{2,}|【例】|（例）|\(例\)|記入例|記載例").ok());

fn is_placeholder(text: &str) -> bool {
    PLACEHOLDER.as_ref().is_some_and(|re| re.is_match(text))
}

/// A unit written as `（単位：円）`, `（千円）`, `金額（円）`.
fn unit_in(text: &str) -> Option<&'static str> {
    let t = fold(text);
    if t.contains("千円") {
        Some("千円")
    } else if t.contains("単位:円") || t.contains("(円)") || t.contains("単位円") {
        Some("円")
    } else {
        None
    }
}

fn blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{3000}' | '_' | '＿'))
}

/// A short text that names an entry: not a sentence, not a number, not an
/// instruction.
fn is_label(text: &str) -> bool {
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
        && !is_choice(t)
        && !has_fill_in(t)
        && balanced(t)
        && (squashed_len(t) >= 2 || lookup(t).is_some())
}

fn squashed_len(text: &str) -> usize {
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
fn has_fill_in(text: &str) -> bool {
    text.contains("（\u{3000}\u{3000}")
        || text.contains("(\u{3000}\u{3000}")
        || text.contains("(  ")
}

/// Three blanks or more in a row inside a text: a place to write in.
fn has_blank_run(text: &str) -> bool {
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
fn balanced(text: &str) -> bool {
    let open = text.matches(['（', '(']).count();
    let close = text.matches(['）', ')']).count();
    open <= close
}

/// A row label that closes a group of amounts.
fn is_sum_label(text: &str) -> bool {
    let t = fold(text);
    let t = t.split(['(', '（']).next().unwrap_or(&t);
    t.ends_with("合計")
        || t == "計"
        || t.ends_with("小計")
        || t.ends_with("総額")
        || t.ends_with("総計")
}

fn is_roman(text: &str) -> bool {
    text.trim_start()
        .starts_with(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ'])
}

fn is_circled(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| ('①'..='⑳').contains(&c))
}

/// An undated date line: 令和　年　月　日.
fn is_date_line(text: &str) -> bool {
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
fn names_a_date(folded: &str) -> bool {
    folded.find("年月日").is_some_and(|p| {
        folded[..p]
            .chars()
            .last()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !"和成暦治正".contains(c))
    })
}

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

struct Paths(Vec<String>);

impl Paths {
    fn new_path(&mut self, word: &str) -> String {
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
    let mut f = LearnedForm {
        source: source.to_string(),
        ..LearnedForm::default()
    };
    let texts: Vec<String> = units.iter().map(Unit::text).collect();
    f.preamble = texts
        .iter()
        .find(|t| is_form_marker(t))
        .map(|t| t.trim().to_string());
    let title_at = texts.iter().position(|t| {
        let t = t.trim();
        let n = t.chars().count();
        !t.contains('\t')
            && (2..=40).contains(&n)
            && !is_form_marker(t)
            && TITLE_ENDINGS.iter().any(|e| t.ends_with(e))
    });
    let title_at = title_at?;
    // Repeated blank copies of the form: only the first is to be filled.
    let cut = super::repeat::first_copy(&texts, title_at);
    if cut < units.len() {
        f.guesses.push(format!(
            "「{}」が繰り返し印刷されているため、最初の1部だけを記入欄としました",
            texts[title_at].trim()
        ));
    }
    let (units, texts) = (&units[..cut], &texts[..cut]);
    f.title = texts[title_at].trim().to_string();
    f.name = match &f.preamble {
        Some(p) => {
            let bare = p
                .strip_prefix('（')
                .and_then(|x| x.strip_suffix('）'))
                .unwrap_or(p);
            format!("{bare} {}", f.title)
        }
        None => f.title.clone(),
    };
    f.id = slug(&f.title);
    f.version = version_of(texts);
    let mut paths = Paths(Vec::new());
    let mut unit: Option<&'static str> = None;
    // A unit stated in a heading applies to the next table.
    let mut pending_unit: Option<&'static str> = None;
    let mut last_table = 0usize;
    // Amount fields of the current table since its last sum row, and the
    // current Roman-numbered item with its circled sub-items.
    let mut group: Vec<String> = Vec::new();
    let mut roman: Option<(String, Vec<String>)> = None;
    let mut prev_label: Option<String> = None;
    // The last field of the table just read: its value ends where the
    // text after the table begins.
    let mut table_end: Option<usize> = None;
    for (i, u) in units.iter().enumerate() {
        match u {
            Unit::Para(text) => {
                if let Some(k) = table_end.take()
                    && !text.trim().is_empty()
                    && let Some(fld) = f.fields.get_mut(k)
                    && fld.find == "label"
                {
                    fld.before = vec![text.trim().to_string()];
                }
                if let Some(un) = unit_in(text) {
                    pending_unit = Some(un);
                }
                para(&mut f, &mut paths, text, i > title_at);
            }
            Unit::Row { table, cells } => {
                if *table != last_table {
                    close_roman(&mut f, &mut roman);
                    group.clear();
                    prev_label = None;
                    unit = pending_unit.take();
                    last_table = *table;
                }
                let before = f.fields.len();
                row(
                    &mut f,
                    &mut paths,
                    cells,
                    &mut unit,
                    &mut group,
                    &mut roman,
                    &mut prev_label,
                );
                if f.fields.len() > before {
                    table_end = Some(f.fields.len() - 1);
                }
            }
        }
    }
    close_roman(&mut f, &mut roman);
    repeated_labels(&mut f);
    rate_notes(&mut f, texts);
    for fld in f.fields.iter_mut().filter(|x| x.find == "date_line") {
        fld.after = vec![f.title.clone()];
    }
    f.boilerplate = f
        .fields
        .iter()
        .filter(|x| x.find == "label" && x.kind != Some("checkbox"))
        .map(|x| x.label.clone())
        .take(12)
        .collect();
    if f.fields.is_empty() {
        f.unsure
            .push("記入欄が見つかりませんでした（ラベルと空欄の組がない）".to_string());
    }
    Some(f)
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

/// Notes of the label or the form that let an entry stay blank.
fn conditional(label: &str) -> Option<String> {
    let t = fold(label);
    ["該当する場合", "場合のみ", "記入不要", "任意", "備考"]
        .iter()
        .any(|w| t.contains(w))
        .then(|| label.trim().to_string())
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
    let t = fold(label);
    [
        "記載不要",
        "記入不要",
        "官用",
        "事務局",
        "受付番号",
        "記入しないで",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// A paragraph: a date line, a `label：` line, a ☐ line, a clause.
fn para(f: &mut LearnedForm, paths: &mut Paths, text: &str, after_title: bool) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    if after_title && is_date_line(t) {
        let path = paths.new_path("date");
        f.guesses.push(format!("「{t}」を日付欄 {path} としました"));
        f.fields.push(LearnedField {
            path,
            label: "日付".into(),
            find: "date_line",
            kind: Some("date"),
            required: true,
            past_only: true,
            ..LearnedField::default()
        });
        return;
    }
    let boxes = t.matches(['□', '☐']).count();
    if boxes >= 2 {
        let options: Vec<String> = t
            .split(['□', '☐'])
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect();
        f.guesses.push(format!(
            "「{t}」を選択肢（{}）としました（印の確認はしません）",
            options.join("・")
        ));
        return;
    }
    if boxes == 1 && t.starts_with(['□', '☐']) {
        let clause = t.trim_start_matches(['□', '☐']).trim().to_string();
        if clause.chars().count() >= 2 {
            let path = paths.new_path("check");
            f.guesses.push(format!(
                "「{clause}」を印の必要なチェック欄 {path} としました"
            ));
            f.fields.push(LearnedField {
                path,
                label: clause.clone(),
                find: "label",
                kind: Some("checkbox"),
                required: true,
                ..LearnedField::default()
            });
            if clause.chars().count() >= 15 {
                f.fixed.push(clause);
            }
        }
        return;
    }
    if let Some((label, rest)) = t.split_once(['：', ':'])
        && is_label(label)
        && blank(rest)
    {
        push_label_field(f, paths, label.trim(), None, None);
        return;
    }
    // A clause the applicant must leave as it is; one with a blank run
    // (「特定技能外国人　　　　　との間で…」) is written into.
    let n = t.chars().count();
    if has_blank_run(t) {
        f.guesses.push(format!(
            "「{t}」は空白に記入する文のため、定型文として扱いません"
        ));
        return;
    }
    if after_title
        && n >= 15
        && !t.starts_with(['※', '＊', '*'])
        && (t.ends_with('。') || t.ends_with("します") || t.ends_with("ません"))
    {
        f.fixed.push(t.to_string());
    }
}

fn push_label_field(
    f: &mut LearnedForm,
    paths: &mut Paths,
    label: &str,
    unit: Option<&'static str>,
    after: Option<String>,
) -> String {
    let (word, mut kind) = kind_of(label);
    if unit.is_some() && kind.is_none() {
        kind = Some("amount");
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

/// A table row: label / blank-value pairs, amounts, sums.
#[allow(clippy::too_many_arguments)]
fn row(
    f: &mut LearnedForm,
    paths: &mut Paths,
    cells: &[UnitCell],
    unit: &mut Option<&'static str>,
    group: &mut Vec<String>,
    roman: &mut Option<(String, Vec<String>)>,
    prev_label: &mut Option<String>,
) {
    // A header row declaring the unit of the amounts below.
    if cells.iter().any(|c| unit_in(&c.text).is_some()) && cells.iter().all(|c| !blank(&c.text)) {
        *unit = cells.iter().find_map(|c| unit_in(&c.text));
        return;
    }
    for (k, c) in cells.iter().enumerate() {
        // 「令和　年　月　日」 in a cell is where a date is typed, not a label.
        if !is_label(&c.text) || c.text.trim() == f.title || is_date_line(&c.text) {
            continue;
        }
        // 「時間」「か月」 after a blank cell: the unit of the number typed
        // there, not a label.
        if k > 0 && cells.get(k - 1).is_some_and(|p| blank(&p.text)) && is_unit_word(&c.text) {
            continue;
        }
        let next = cells.get(k + 1);
        let value_place = match next {
            Some(n) => (blank(&n.text) || is_placeholder(&n.text)).then_some(n),
            None => None,
        };
        // A row holding only its label (a sheet lists no empty cells): an
        // entry when the label says what it holds or amounts are listed.
        let sheet_end =
            next.is_none() && cells.len() == 1 && (unit.is_some() || lookup(&c.text).is_some());
        if value_place.is_none() && !sheet_end {
            continue;
        }
        let label = c.text.trim().to_string();
        let after = prev_label.clone();
        let path = push_label_field(f, paths, &label, *unit, after);
        if let Some(v) = value_place
            && is_placeholder(&v.text)
            && let Some(fld) = f.fields.last_mut()
        {
            fld.placeholders.push(v.text.trim().to_string());
        }
        f.rows.push(label.clone());
        *prev_label = Some(label.clone());
        let is_amount = f.fields.last().is_some_and(|x| x.kind == Some("amount"));
        if !is_amount {
            continue;
        }
        if is_sum_label(&label) {
            close_roman(f, roman);
            if !group.is_empty() {
                f.guesses.push(format!(
                    "「{label}」を上の行の合計（{}項目）としました",
                    group.len()
                ));
                f.relations.push(LearnedRelation {
                    code: "SUM001",
                    kind: "sum",
                    target: path.clone(),
                    terms: std::mem::take(group),
                    rate: None,
                    rounding: None,
                });
            }
            group.push(path);
        } else if is_circled(&label) && roman.is_some() {
            if let Some((_, subs)) = roman.as_mut() {
                subs.push(path);
            }
        } else {
            close_roman(f, roman);
            if is_roman(&label) {
                *roman = Some((path.clone(), Vec::new()));
            }
            group.push(path);
        }
    }
}

/// A label printed three times or more in one form (〒 in every address
/// block, 氏名 in each row of a list): rows for further entries or for
/// sections that apply only to some applicants. The first is required,
/// the others are conditional.
fn repeated_labels(f: &mut LearnedForm) {
    let keys: Vec<String> = f.fields.iter().map(|x| fold(&x.label)).collect();
    for (k, fld) in f.fields.iter_mut().enumerate() {
        let count = keys.iter().filter(|x| **x == keys[k]).count();
        let first = keys.iter().position(|x| *x == keys[k]) == Some(k);
        if count >= 3 && !first && fld.required && fld.kind != Some("checkbox") {
            fld.required = false;
            fld.conditional = Some(format!(
                "「{}」は{count}回印刷されている欄の繰り返し（該当する場合のみ記入）",
                fld.label.trim()
            ));
        }
    }
}

/// Ⅱ事業費 = ①+②+…: the sub-items of a Roman-numbered item.
fn close_roman(f: &mut LearnedForm, roman: &mut Option<(String, Vec<String>)>) {
    if let Some((total, subs)) = roman.take()
        && subs.len() >= 2
    {
        f.guesses.push(format!(
            "{total} を ①… の{}項目の合計としました",
            subs.len()
        ));
        f.relations.push(LearnedRelation {
            code: "SUM001",
            kind: "sum",
            target: total,
            terms: subs,
            rate: None,
            rounding: None,
        });
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
