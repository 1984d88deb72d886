//! One form's units → its title, fields, relations and fixed wording.

use super::units::{Unit, UnitCell};
use super::vocab::{fold, is_unit_word, kind_name, lookup};
use super::{LearnedField, LearnedForm, LearnedRelation, dates, is_form_marker, scope};
use crate::forms::normalize::{DateParse, parse_date};
use regex::Regex;
use std::sync::LazyLock;

/// Words a form's title ends with.
const TITLE_ENDINGS: &[&str] = &[
    "書", "届", "表", "票", "簿", "計画", "一覧", "明細", "申請", "調書", "報告",
];

/// 「別紙１」 then 「賃金の支払」: an attachment's own heading, the first
/// short line after its marker, is its title even when it does not end as
/// titles do (so it is not taken for the main form it belongs to).
fn heading_after_marker(texts: &[String]) -> Option<usize> {
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
fn title_in(text: &str) -> Option<String> {
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
        && !["令和", "平成", "昭和", "西暦"].contains(&fold(t).as_str())
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
    let title_at = heading_after_marker(&texts)
        .or_else(|| texts.iter().position(|t| title_in(t).is_some()))?;
    // Repeated blank copies of the form: only the first is to be filled.
    let cut = super::repeat::first_copy(&texts, title_at);
    if cut < units.len() {
        f.guesses.push(format!(
            "「{}」が繰り返し印刷されているため、最初の1部だけを記入欄としました",
            texts[title_at].trim()
        ));
    }
    let (units, texts) = (&units[..cut], &texts[..cut]);
    f.title = title_in(&texts[title_at]).unwrap_or_else(|| texts[title_at].trim().to_string());
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
    // The unit each field was learned from, the first text of each unit,
    // the conditional part being read, and a condition note of the row
    // before (a label spread over two rows).
    let mut at: Vec<usize> = Vec::new();
    let mut firsts: Vec<String> = Vec::with_capacity(units.len());
    let mut part: Option<(bool, String)> = None;
    let mut row_note: Option<String> = None;
    let mut anchor = f.title.clone();
    let mut office: Option<String> = None;
    for (i, u) in units.iter().enumerate() {
        let first = first_text(u);
        let is_para = matches!(u, Unit::Para(_));
        // A part ends where the next section opens, or at a sentence of
        // its own (「上記の記載内容は、事実と相違ありません。」).
        // An attachment only some applicants fill runs to the form's end.
        if let Some((p, note)) = &part
            && !super::is_form_marker_start(note)
            && ((*p == is_para && scope::section_number(&first).is_some())
                || (is_para && is_sentence(&first)))
        {
            part = None;
        }
        if scope::conditional_heading(&first) {
            part = Some((is_para, first.trim().to_string()));
        }
        // 「行政庁側記入欄」 as a heading: the boxes under it, up to the next
        // heading in brackets or numbered, are for the office.
        if office.is_some()
            && (scope::section_number(&first).is_some() || first.starts_with(['（', '(', '【']))
        {
            office = None;
        }
        if super::notes::is_office_use(&first) && first.chars().count() <= 20 && !is_para {
            office = Some(first.trim().to_string());
        }
        firsts.push(first);
        let n0 = f.fields.len();
        let mut this_note = None;
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
                para(&mut f, &mut paths, text, i > title_at, &anchor);
            }
            Unit::Row { table, cells } => {
                if *table != last_table {
                    close_roman(&mut f, &mut roman);
                    group.clear();
                    prev_label = None;
                    unit = pending_unit.take();
                    last_table = *table;
                }
                // A cell holding lines of text and nothing beside it (a
                // form written into one big table cell): read as paragraphs.
                if let Some(lines) = cell_as_paragraphs(cells) {
                    let mut a = anchor.clone();
                    for line in lines {
                        para(&mut f, &mut paths, line, i > title_at, &a);
                        if !line.trim().is_empty() && !dates::is_frame(line) {
                            a = line.trim().to_string();
                        }
                    }
                    // A □ line among the lines of a cell is one option of
                    // several, not a statement every applicant ticks.
                    for fld in f.fields[n0..].iter_mut() {
                        if fld.kind == Some("checkbox") {
                            make_conditional(fld, "該当する場合に印を付ける選択肢");
                        }
                    }
                    row_sentences(&mut f, cells);
                    table_end = (f.fields.len() > n0).then(|| f.fields.len() - 1);
                    continue_row(&mut at, &mut f, n0, i, part.as_ref().map(|p| p.1.as_str()));
                    row_note = None;
                    if let Some(t) = last_text(u) {
                        anchor = t;
                    }
                    continue;
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
                    &anchor,
                );
                if f.fields.len() > before {
                    table_end = Some(f.fields.len() - 1);
                }
                this_note = row_condition(cells);
            }
        }
        let note = part
            .as_ref()
            .map(|(_, n)| n.clone())
            .or_else(|| this_note.clone())
            .or_else(|| row_note.clone());
        for k in n0..f.fields.len() {
            at.push(i);
            if let (Some(o), Some(fld)) = (&office, f.fields.get_mut(k)) {
                fld.must_be_blank = true;
                fld.required = false;
                fld.conditional = None;
                f.guesses.push(format!(
                    "「{}」は「{o}」の欄（空欄のまま）としました",
                    fld.label
                ));
                continue;
            }
            if let (Some(n), Some(fld)) = (&note, f.fields.get_mut(k)) {
                make_conditional(fld, n);
            }
        }
        row_note = this_note;
        if let Some(t) = last_text(u) {
            anchor = t;
        }
    }
    for (number, item, note) in scope::named_sections(texts) {
        let Some(range) = scope::section_range(&firsts, &number, item.as_deref()) else {
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
    close_roman(&mut f, &mut roman);
    repeated_labels(&mut f);
    rate_notes(&mut f, texts);
    for fld in f
        .fields
        .iter_mut()
        .filter(|x| x.find == "date_line" && x.after.is_empty())
    {
        fld.after = vec![f.title.clone()];
    }
    f.boilerplate = f
        .fields
        .iter()
        .filter(|x| x.find == "label" && x.kind != Some("checkbox"))
        .map(|x| x.label.clone())
        .take(12)
        .collect();
    // Few labels (a contract in prose): its clauses recognise it.
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
    if f.fields.is_empty() {
        f.unsure
            .push("記入欄が見つかりませんでした（ラベルと空欄の組がない）".to_string());
    }
    Some(f)
}

/// The first non-empty text of a unit (a paragraph, or a row's first
/// filled cell).
fn first_text(u: &Unit) -> String {
    match u {
        Unit::Para(t) => t.trim().to_string(),
        Unit::Row { cells, .. } => cells
            .iter()
            .map(|c| c.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("")
            .to_string(),
    }
}

/// The lines of a row's only filled cell, when nothing is beside it and
/// it holds several lines.
fn cell_as_paragraphs(cells: &[UnitCell]) -> Option<Vec<&str>> {
    let filled: Vec<usize> = (0..cells.len())
        .filter(|&k| !blank(&cells[k].text))
        .collect();
    let [k] = filled.as_slice() else { return None };
    // A label with its blank value cell after it is a row, not text.
    if *k + 1 < cells.len() {
        return None;
    }
    let lines: Vec<&str> = cells[*k].text.lines().collect();
    (lines.iter().filter(|l| !l.trim().is_empty()).count() >= 2).then_some(lines)
}

/// Fields learned from unit `i` (from index `n0`): their unit, and the
/// condition of the part they are in.
fn continue_row(at: &mut Vec<usize>, f: &mut LearnedForm, n0: usize, i: usize, part: Option<&str>) {
    for k in n0..f.fields.len() {
        at.push(i);
        if let (Some(n), Some(fld)) = (part, f.fields.get_mut(k)) {
            make_conditional(fld, n);
        }
    }
}

/// The last non-empty text of a unit: what a date line after it is found
/// after.
fn last_text(u: &Unit) -> Option<String> {
    let t = match u {
        Unit::Para(t) => t.trim(),
        Unit::Row { cells, .. } => cells
            .iter()
            .map(|c| c.text.trim())
            .rfind(|t| !t.is_empty())?,
    };
    let line = t.lines().next().unwrap_or(t).trim();
    (!line.is_empty() && !dates::is_frame(line)).then(|| line.to_string())
}

/// A note in a row that makes its entries (and those of the row below,
/// where a label runs on) conditional: 「（※）…の場合は、記入不要です。」.
fn row_condition(cells: &[UnitCell]) -> Option<String> {
    cells
        .iter()
        .skip(1)
        .map(|c| c.text.trim())
        .find(|t| {
            super::notes::is_conditional(t)
                && (t.starts_with(['（', '(', '※', '＊']) || t.chars().count() > 30)
        })
        .map(str::to_string)
}

/// A label a date can stand under: not a caption in brackets
/// (「（申請先）」 beside the date names the addressee, not the date).
fn date_label(text: &str) -> bool {
    let t = text.trim();
    is_label(t) && !(t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
}

/// 「円」「（　　千円）」: a cell holding only the unit of the amount typed
/// into it.
fn unit_cell(text: &str) -> Option<&'static str> {
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
fn choice_options(text: &str) -> Option<Vec<String>> {
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
fn is_box(text: &str) -> bool {
    matches!(text.trim(), "□" | "☐" | "■" | "☑")
}

/// Sentences printed in a row's cells (a sheet's 「上記のとおり診断します。」,
/// a declaration beside its translation): the fixed wording of the form.
fn row_sentences(f: &mut LearnedForm, cells: &[UnitCell]) {
    for line in cells.iter().flat_map(|c| c.text.lines()) {
        let t = line.trim();
        if is_sentence(t) && !has_blank_run(t) && !f.fixed.iter().any(|x| x == t) {
            f.fixed.push(t.to_string());
        }
    }
}

/// A sentence of the form's own wording: long enough, ended as a sentence,
/// not a note (※), not a numbered instruction.
fn is_sentence(t: &str) -> bool {
    t.chars().count() >= 10
        && !t.starts_with(['※', '＊', '*', '・'])
        && (t.ends_with('。') || t.ends_with("します") || t.ends_with("ません"))
}

/// An entry the form lets stay blank.
fn make_conditional(fld: &mut LearnedField, note: &str) {
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
fn push_date_field(f: &mut LearnedForm, paths: &mut Paths, label: &str) {
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
fn push_date_line(f: &mut LearnedForm, paths: &mut Paths, line: &str, anchor: &str) {
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

/// A paragraph: a date line, a `label：` line, a ☐ line, a clause.
fn para(f: &mut LearnedForm, paths: &mut Paths, text: &str, after_title: bool, anchor: &str) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    // 「作成年月日：　　年　月　日」: a date entry under its own label.
    if after_title
        && let Some(label) = dates::label_before_frame(t)
        && is_label(&label)
    {
        push_date_field(f, paths, &label);
        return;
    }
    if after_title && (is_date_line(t) || dates::frame_with_word(t).is_some()) {
        push_date_line(f, paths, t, anchor);
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
    // 「作成責任者の氏名及び役職　　　　　」: a label with blank space after
    // it to the end of the line.
    let trailing = text.trim_start();
    if after_title
        && !has_blank_run(t)
        && trailing[t.len()..]
            .chars()
            .filter(|c| c.is_whitespace())
            .count()
            >= 3
        && is_label(t)
        && squashed_len(t) >= 3
    {
        push_label_field(f, paths, t, None, None);
        return;
    }
    if has_blank_run(t) {
        if after_title && prose_blank(f, paths, t) {
            return;
        }
        f.guesses.push(format!(
            "「{t}」は空白に記入する文のため、定型文として扱いません"
        ));
        return;
    }
    if after_title && n >= 10 && is_sentence(t) {
        f.fixed.push(t.to_string());
    } else if after_title && t.contains('\n') {
        // A clause with its translation on the next line: the sentence
        // lines are the fixed wording.
        for line in t.lines().map(str::trim) {
            if is_sentence(line) && !has_blank_run(line) && !f.fixed.iter().any(|x| x == line) {
                f.fixed.push(line.to_string());
            }
        }
    }
}

/// 「特定技能所属機関　　　　（以下「甲」という。）と」「作成責任者の氏名
/// 　　　　」: the words before a run of blanks name what is written
/// there; the template text after it is removed from the value.
fn prose_blank(f: &mut LearnedForm, paths: &mut Paths, line: &str) -> bool {
    let line = line.lines().next().unwrap_or(line).trim();
    let Some(at) = blank_run_at(line) else {
        return false;
    };
    let (label, rest) = line.split_at(at);
    let label = label.trim();
    let rest = rest.trim();
    let rest_ok = rest.is_empty() || (rest.chars().count() >= 4 && !has_blank_run(rest));
    // 「（特定技能所属機関名・代表者役職名・氏名・捺印）」: a caption under
    // a signature line, not a label.
    let caption = label.starts_with(['（', '(']) && label.ends_with(['）', ')']);
    if !is_label(label) || !rest_ok || caption || squashed_len(label) < 3 {
        return false;
    }
    push_label_field(f, paths, label, None, None);
    if let Some(fld) = f.fields.last_mut()
        && !rest.is_empty()
    {
        fld.strip = vec![rest.to_string()];
        if let Some((_, tail)) = rest.rsplit_once(['）', ')'])
            && (1..=3).contains(&tail.trim().chars().count())
        {
            fld.blank_if = vec![tail.trim().to_string()];
        }
    }
    f.guesses.push(format!(
        "「{}」の空白を「{label}」の記入欄としました",
        line.trim()
    ));
    true
}

/// Byte offset where the first run of three blanks starts.
fn blank_run_at(text: &str) -> Option<usize> {
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

fn push_label_field(
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
    anchor: &str,
) {
    // A header row declaring the unit of the amounts below.
    if cells.iter().any(|c| unit_in(&c.text).is_some()) && cells.iter().all(|c| !blank(&c.text)) {
        *unit = cells.iter().find_map(|c| unit_in(&c.text));
        return;
    }
    row_sentences(f, cells);
    let keys: Vec<String> = cells.iter().map(|c| fold(&c.text)).collect();
    // A choice with places to write in (「有（機関名：　　金額：　　）・無」):
    // its entries are filled only when that option is chosen.
    let choice_row = keys
        .iter()
        .any(|k| k.ends_with("・無") || k.starts_with("有("));
    let mut last = anchor.to_string();
    for (k, c) in cells.iter().enumerate() {
        // 「令和　年　月　日」 alone in a cell, after no label: a date line.
        // In a list row (other blank cells beside it) it is a column of
        // the list, not the form's date.
        if dates::is_frame(&c.text) {
            let labelled = k > 0 && cells.get(k - 1).is_some_and(|p| date_label(&p.text));
            let others_blank = cells
                .iter()
                .enumerate()
                .any(|(j, o)| j != k && blank(&o.text));
            if !labelled {
                push_date_line(f, paths, &c.text, &last);
                if (others_blank || cells.len() > 3)
                    && let Some(fld) = f.fields.last_mut()
                {
                    fld.label = format!("{last}の行の日付");
                    make_conditional(fld, "一覧の行の日付（記入した行だけ）");
                }
            }
            continue;
        }
        if !c.text.trim().is_empty() {
            last = c.text.lines().next().unwrap_or("").trim().to_string();
        }
        // 「令和　年　月　日」 in a cell is where a date is typed, not a label.
        if !is_label(&c.text) || c.text.trim() == f.title || is_date_line(&c.text) {
            continue;
        }
        // 「主たる営業所の」: a label running on to the next row.
        if fold(&c.text).ends_with('の') {
            continue;
        }
        // The same label twice in a row: the headers of side-by-side
        // columns of a list (入社・退社 | 入社・退社), not entries.
        if keys.iter().filter(|x| **x == keys[k]).count() >= 2 {
            continue;
        }
        // 「時間」「か月」 after a blank cell: the unit of the number typed
        // there, not a label.
        if k > 0 && cells.get(k - 1).is_some_and(|p| blank(&p.text)) && is_unit_word(&c.text) {
            continue;
        }
        let next = cells.get(k + 1);
        // A date typed into the next cell: a printed frame there, or blank
        // cells before the printed 年 / 月 / 日.
        let date_value = next.is_some_and(|n| dates::is_frame(&n.text) || fold(&n.text) == "年")
            || (next.is_some_and(|n| blank(&n.text))
                && cells.get(k + 2).is_some_and(|y| fold(&y.text) == "年"));
        if date_value && date_label(&c.text) {
            push_date_field(f, paths, c.text.trim());
            f.rows.push(c.text.trim().to_string());
            continue;
        }
        // A printed choice beside the label (「□ 有　□ 無」「有・無」): an
        // entry whose value is the option ticked.
        if let Some(options) = next.and_then(|n| choice_options(&n.text)) {
            let label = c.text.trim().to_string();
            push_label_field(f, paths, &label, None, prev_label.clone());
            let unknown = format!("「{label}」の種類");
            f.unsure.retain(|u| !u.starts_with(&unknown));
            f.guesses.push(format!(
                "「{label}」を選択肢（{}）の欄としました",
                options.join("・")
            ));
            if let Some(fld) = f.fields.last_mut() {
                fld.kind = Some("choice");
                fld.unit = None;
                fld.options = options;
            }
            f.rows.push(label.clone());
            *prev_label = Some(label);
            continue;
        }
        // 「円」 printed in the value cell: the amount is typed before it.
        let printed_unit = next.and_then(|n| unit_cell(&n.text));
        let value_place = match next {
            Some(n) => {
                (blank(&n.text) || is_placeholder(&n.text) || printed_unit.is_some()).then_some(n)
            }
            None => None,
        };
        // A row holding only its label (a sheet lists no empty cells): an
        // entry when the label says what it holds or amounts are listed.
        // A numbered heading (「Ⅶ．賃金」 over a merged row) is none.
        let sheet_end = next.is_none()
            && cells.len() == 1
            && scope::section_number(&c.text).is_none()
            && (unit.is_some() || lookup(&c.text).is_some());
        if value_place.is_none() && !sheet_end {
            continue;
        }
        let label = c.text.trim().to_string();
        let after = prev_label.clone();
        let path = push_label_field(f, paths, &label, printed_unit.or(*unit), after);
        // 「（主たる営業所）」: a caption in brackets names a block more
        // often than an entry; kept, but not required.
        let caption = label.starts_with(['（', '(']) && label.ends_with(['）', ')']);
        if caption
            && let Some(fld) = f.fields.last_mut()
            && fld.required
        {
            fld.required = false;
            f.unsure.push(format!(
                "「{label}」は括弧書きの見出しかもしれないため、必須とはしません"
            ));
        }
        // A label alone in its row, or one box per character (方眼紙
        // grids): where its value goes is a guess.
        let boxes = cells[k + 1..].iter().take_while(|n| blank(&n.text)).count();
        if (boxes >= 6 || sheet_end)
            && let Some(fld) = f.fields.last_mut()
            && fld.required
        {
            fld.required = false;
            f.unsure.push(format!(
                "「{label}」は記入する場所（1文字ずつの枠、または同じ行に空欄がない）が確かでないため、空欄かどうかを確かめません"
            ));
        }
        // The write-in of a printed option (「□ 日本国内」「□ その他（　）」),
        // or an entry in a row of options: filled only when one is ticked.
        let option = label.starts_with(['□', '☐'])
            || cells[..k]
                .iter()
                .any(|p| is_box(&p.text) || p.text.trim_start().starts_with(['□', '☐']));
        if (option || choice_row)
            && let Some(fld) = f.fields.last_mut()
        {
            make_conditional(fld, "選択した場合のみ記入");
        }
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
