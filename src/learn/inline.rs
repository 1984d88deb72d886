//! Places to write inside a printed line (forms written as prose and
//! numbered items): 「(1) 始業　　（　　時　　分）　　　終業　　（　　時　　分）」,
//! 「所在地　　　　連絡先　　　　」, 「５．手取り支給額（３－４）　　約　　　円（合計）」.
//!
//! Why it holds for forms in general: a bracket holding blank space is a
//! place to write (what is printed inside it, 時・分・円, is the frame the
//! value is typed into), and a run of three blanks or more after printed
//! words is one too; the words before a place name it. Blanks that only
//! lay the line out are told apart: between two single characters
//! (「税　　　金」, letters spread over a column), right before a bracket
//! that is the place itself, right after a place. A single character
//! between two runs (「　　約　　」) or closing the line (「　　日」) is part
//! of the frame.

use super::fields::{Paths, push_label_field};
use super::text::{balanced, has_blank_run, squashed_len};
use super::{LearnedField, LearnedForm};

/// One place to write on a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Slot {
    /// The printed words naming it (「終業」, 「年間合計休日日数」).
    pub words: String,
    /// The printed text between the place before (or the label) and it.
    pub after: String,
    /// The printed text after it, up to the next place or the line's end.
    pub before: String,
    /// 円 / 千円 when the frame says the value is an amount.
    pub unit: Option<&'static str>,
    /// The words printed inside the place (「時　分」「円」): a value of
    /// only these is blank.
    pub frame: String,
}

/// A line with its places: the words it opens with (the label the line
/// is found by) and each place.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub label: String,
    pub slots: Vec<Slot>,
}

/// Units a figure is written before (令和９年１月, ８時３０分, ３回).
const UNITS: &str = "年月日時分秒円回名人歳週条号";

fn is_blank(c: char) -> bool {
    matches!(c, '\u{3000}' | ' ' | '\t')
}

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(')
}

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// A span [start, end) of chars that is a place to write; `open` is the
/// bracket it sits in, if any.
#[derive(Debug, Clone, Copy)]
struct Span {
    open: Option<usize>,
    /// Where the printed text before the place ends (a layout run before
    /// 「約」 is not part of the label).
    from: usize,
    start: usize,
    end: usize,
}

/// The bracket closing the one opened at `i`.
fn matching(c: &[char], i: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, &ch) in c.iter().enumerate().skip(i) {
        if is_open(ch) {
            depth += 1;
        } else if is_close(ch) {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// The first run of `n` blanks or more in c[from..to].
fn run_in(c: &[char], from: usize, to: usize, n: usize) -> Option<usize> {
    let mut len = 0;
    for (j, &ch) in c.iter().enumerate().take(to).skip(from) {
        if is_blank(ch) {
            len += 1;
            if len >= n {
                return Some(j + 1 - len);
            }
        } else {
            len = 0;
        }
    }
    None
}

/// Brackets holding blank space: the place runs from the first blank to
/// the closing bracket (the words before the blank inside name it).
fn bracket_spans(c: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !is_open(c[i]) {
            i += 1;
            continue;
        }
        let Some(close) = matching(c, i) else { break };
        if let Some(start) = run_in(c, i + 1, close, 2) {
            let inner: String = c[i + 1..start].iter().collect();
            if balanced(&inner) && !inner.contains(['（', '(']) {
                out.push(Span {
                    open: Some(i),
                    from: i,
                    start,
                    end: close,
                });
            }
        }
        i = close + 1;
    }
    out
}

/// A kanji or kana: a letter of a word (not a mark such as ㊞ or →).
fn letter(c: char) -> bool {
    ('\u{3041}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The word (non-blank run) ending just before `at` and the one starting
/// at `to`.
fn word_before(c: &[char], at: usize) -> &[char] {
    let mut s = at;
    while s > 0 && !is_blank(c[s - 1]) {
        s -= 1;
    }
    &c[s..at]
}

fn word_after(c: &[char], at: usize) -> &[char] {
    let mut e = at;
    while e < c.len() && !is_blank(c[e]) {
        e += 1;
    }
    &c[at..e]
}

/// Runs of three blanks or more outside the bracket places that are
/// places themselves.
fn bare_spans(c: &[char], brackets: &[Span]) -> Vec<Span> {
    let inside = |j: usize| {
        brackets
            .iter()
            .any(|b| b.open.unwrap_or(b.start) <= j && j <= b.end)
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut j = 0;
    while j < c.len() {
        if is_blank(c[j]) && !inside(j) {
            let s = j;
            while j < c.len() && is_blank(c[j]) && !inside(j) {
                j += 1;
            }
            if j - s >= 3 && s > 0 {
                runs.push((s, j));
            }
        } else {
            j += 1;
        }
    }
    // A single character between two runs: a unit the value is written
    // around (「　　年　　月」: one place over both runs), or a word printed
    // before the place (「（３－４）　　約　　　円」: the run before it is
    // layout).
    let mut merged: Vec<(usize, usize, usize)> = Vec::new();
    for (s, e) in runs {
        if let Some(last) = merged.last_mut()
            && s - last.2 == 1
            && word_before(c, s).len() == 1
            && word_before(c, last.0).len() > 1
        {
            *last = if UNITS.contains(c[s - 1]) {
                (last.0, last.1, e)
            } else {
                (last.0, s, e)
            };
            continue;
        }
        merged.push((s, s, e));
    }
    let mut out = Vec::new();
    for (from, s, e) in merged {
        let before = word_before(c, from);
        let after = word_after(c, e);
        // After a place: the layout between two places.
        if before.last().is_some_and(|&ch| is_close(ch)) && brackets.iter().any(|b| b.end + 1 == s)
        {
            continue;
        }
        // Right after a bare place that took the unit after it (「㊞」).
        if out.last().is_some_and(|p: &Span| p.end == s) {
            continue;
        }
        // 「税　　　金」「血　　　　　圧」: one letter on each side spreads a
        // word over a column (a few blanks, not the width of a signature).
        if before.len() == 1
            && after.len() == 1
            && letter(before[0])
            && letter(after[0])
            && e - s <= 6
        {
            continue;
        }
        // Right before a bracket place: a place only when the bracket
        // names its own entry (「（連絡先　　）」), else the layout.
        if let Some(b) = brackets.iter().find(|b| b.open == Some(e)) {
            let inner: String = c[e + 1..b.start].iter().collect();
            if squashed_len(&inner) < 2 {
                continue;
            }
        }
        // 「　　日」「　　月　（…」: a unit word right after is the frame.
        let end = if after.len() == 1 && !is_open(after[0]) && !is_close(after[0]) {
            e + 1
        } else {
            e
        };
        out.push(Span {
            open: None,
            from,
            start: s,
            end,
        });
    }
    out
}

fn text(c: &[char], a: usize, b: usize) -> String {
    c.get(a..b.max(a))
        .map(|s| s.iter().collect::<String>())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The words of a printed text between places, without brackets and
/// separators at its ends.
fn words_of(t: &str) -> String {
    t.trim_matches(|ch: char| is_blank(ch) || "()（）、,・：:→".contains(ch) || ch == '　')
        .to_string()
}

/// 円 or 千円 when the frame inside the place or the text right after it
/// says the value is an amount.
fn unit_of(frame: &str, before: &str) -> Option<&'static str> {
    let frame: String = frame.chars().filter(|c| !is_blank(*c)).collect();
    let before = before.trim_start_matches(|c: char| is_blank(c));
    if frame.ends_with("千円") || before.starts_with("千円") {
        Some("千円")
    } else if frame.ends_with('円') || before.starts_with('円') {
        Some("円")
    } else {
        None
    }
}

/// 「（特定技能所属機関名・代表者役職名）」: a caption in brackets, not a
/// label.
fn caption(label: &str) -> bool {
    // 「(a)」「(1)」 number an item: a caption says something.
    let l: Vec<char> = label.chars().collect();
    l.len() > 5 && l.first().is_some_and(|&c| is_open(c)) && matching(&l, 0) == Some(l.len() - 1)
}

/// The places of a line, or None when it has none, or does not open with
/// words that can name it.
pub(super) fn parse(line: &str) -> Option<Line> {
    let c: Vec<char> = line.trim_start().chars().collect();
    let brackets = bracket_spans(&c);
    let mut spans = bracket_spans(&c);
    spans.extend(bare_spans(&c, &brackets));
    spans.sort_by_key(|s| s.start);
    let first = spans.first()?;
    let mut head_end = first.from;
    let mut label = text(&c, 0, head_end);
    // 「１．定例日：毎週　　　曜日」: the words before the colon name the line.
    if let Some(k) = c[..head_end].iter().position(|&ch| ch == '：' || ch == ':') {
        let before = text(&c, 0, k);
        if squashed_len(&before) >= 2 {
            label = before;
            head_end = k;
        }
    }
    let n = label.chars().count();
    // 「甲　　　　㊞　　乙　　　　」: a party named by one character (甲, 乙)
    // before the blank it signs in.
    let party = n == 1
        && first.open.is_none()
        && label
            .chars()
            .all(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch));
    // A sentence may hold a write-in in brackets (「…就業規則を確認できる
    // 場所や方法（　　　）」); a longer text before a bare blank is prose.
    let most = if first.open.is_some() { 80 } else { 30 };
    if (squashed_len(&label) < 2 && !party)
        || n > most
        || label.ends_with('。')
        || !balanced(&label)
        || caption(&label)
    {
        return None;
    }
    let mut slots = Vec::new();
    let mut prev = head_end;
    for (k, s) in spans.iter().enumerate() {
        // The printed text after a place runs to the next place (with
        // the bracket and the words inside it) or the line's end.
        let next = spans.get(k + 1).map_or(c.len(), |x| x.start);
        let after = text(&c, prev, s.start);
        let before = text(&c, s.end, next);
        let frame = text(&c, s.start, s.end);
        slots.push(Slot {
            words: words_of(&after),
            after: after.clone(),
            before: before.clone(),
            unit: unit_of(&frame, &before),
            frame,
        });
        prev = s.end;
    }
    Some(Line { label, slots })
}

/// Learn the places of a line as inline fields; false when it has none.
/// `prior` is the line before (what a repeated label is found after).
pub(super) fn learn(f: &mut LearnedForm, paths: &mut Paths, line: &str, prior: &str) -> bool {
    let line = line.lines().next().unwrap_or(line);
    let Some(parsed) = parse(line) else {
        return false;
    };
    // A label printed before in the form: found after the line before.
    let prior_head = parse(prior).map_or_else(
        || prior.lines().next().unwrap_or("").trim().to_string(),
        |p| p.label,
    );
    // The same line printed again right below (three 「始業（　時　分）」
    // rows of a shift table): the later copies cannot be told apart by
    // the text around them; only the first is learned.
    if super::vocab::fold(&prior_head) == super::vocab::fold(&parsed.label) {
        f.guesses.push(format!(
            "「{}」は上の行の繰り返しのため、記入欄にしませんでした",
            line.trim()
        ));
        return true;
    }
    // Always found after the line before: a label printed before in the
    // form (「始業」 of 交代制 under 「(1) 始業」) is not this line. Where
    // that line is not found the search is not narrowed.
    let repeated = super::vocab::fold(&prior_head) != super::vocab::fold(&parsed.label);
    for (k, slot) in parsed.slots.iter().enumerate() {
        let words = if k == 0 || slot.words.is_empty() {
            parsed.label.clone()
        } else {
            slot.words.clone()
        };
        push_label_field(f, paths, &words, slot.unit, None);
        let Some(fld) = f.fields.last_mut() else {
            continue;
        };
        settle(fld, &parsed, slot, k);
        if repeated && !prior_head.is_empty() {
            fld.after = vec![prior_head.clone()];
        }
    }
    f.guesses.push(format!(
        "「{}」の空欄{}か所を記入欄としました（文中の欄のため空欄でも指摘しません）",
        line.trim(),
        parsed.slots.len()
    ));
    true
}

/// 「　　　　　　　　殿」: the name of the one addressed is written on the
/// blank before 殿 / 様 / 御中 (found after the title, the word removed).
pub(super) fn addressee(f: &mut LearnedForm, paths: &mut Paths, text: &str) -> bool {
    let line = text.lines().next().unwrap_or(text);
    let t = line.trim();
    let Some(sfx) = ["殿", "様", "御中"].into_iter().find(|s| t == *s) else {
        return false;
    };
    let lead = line.trim_start();
    let blank_before = line.len() - lead.len();
    if line[..blank_before]
        .chars()
        .filter(|c| is_blank(*c))
        .count()
        < 3
    {
        return false;
    }
    let path = paths.new_path("addressee");
    f.guesses
        .push(format!("「{sfx}」の前の空欄を宛先 {path} としました"));
    f.fields.push(LearnedField {
        path,
        label: sfx.to_string(),
        find: "addressee",
        suffix: Some(sfx),
        after: vec![f.title.clone()],
        required: false,
        conditional: Some("宛先（該当する場合に記入）".to_string()),
        place: Some(format!("宛先（{sfx}）")),
        ..LearnedField::default()
    });
    true
}

/// 「１．雇用契約期間」 over 「（　　年　　月　　日　～　　年　　月　　日）」:
/// a line that opens with its place to write is named by the heading
/// line right above it (when that line is no entry of its own); the
/// value is read below the heading.
pub(super) fn under_heading(f: &mut LearnedForm, paths: &mut Paths, line: &str) -> bool {
    let c: Vec<char> = line.trim().chars().collect();
    let opens_with_place = bracket_spans(&c).first().is_some_and(|b| b.open == Some(0));
    let Some((heading, fields)) = f.lines.last() else {
        return false;
    };
    let h = heading.lines().next().unwrap_or("").trim().to_string();
    if !opens_with_place
        || !fields.is_empty()
        || squashed_len(&h) < 2
        || h.chars().count() > 30
        || h.ends_with('。')
        || !balanced(&h)
        || h.contains("　　")
        || h.starts_with(['※', '＊', '*', '（', '(', '【'])
    {
        return false;
    }
    // Found after the line above the heading: 「Ⅰ．雇用契約期間」 over
    // 「１．雇用契約期間」 differ only by their numbers.
    let above = f
        .lines
        .len()
        .checked_sub(2)
        .and_then(|k| f.lines.get(k))
        .map(|(t, _)| t.lines().next().unwrap_or("").trim().to_string());
    push_label_field(f, paths, &h, None, None);
    let Some(fld) = f.fields.last_mut() else {
        return false;
    };
    if let Some(a) = above.filter(|a| !a.is_empty() && !has_blank_run(a)) {
        fld.after = vec![a];
    }
    fld.required = false;
    fld.agree = None;
    if matches!(fld.kind, Some("date" | "name" | "amount")) {
        fld.kind = None;
        fld.unit = None;
    }
    fld.conditional = Some("文中の記入欄（該当する場合に記入）".to_string());
    f.guesses.push(format!(
        "「{}」の空欄を上の見出し「{h}」の記入欄としました",
        line.trim()
    ));
    true
}

/// A sentence's last clause names the place written at its end
/// (「以上のほかは、当社就業規則による。就業規則を確認できる場所や方法」 →
/// 就業規則を確認できる場所や方法); a short label is its own name.
fn short_place(label: &str) -> String {
    if label.chars().count() <= 30 {
        return label.to_string();
    }
    let tail = label
        .rsplit(['。', '、', '，'])
        .next()
        .unwrap_or(label)
        .trim();
    if squashed_len(tail) >= 2 {
        tail.to_string()
    } else {
        label.to_string()
    }
}

/// The words of a printed option: up to the first blank space, bracket or
/// comma (「毎月　　　日、」 → 毎月, 「その他（　　）」 → その他).
fn option_words(o: &str) -> String {
    let o = o.trim_matches(|c: char| is_blank(c));
    let end = o
        .char_indices()
        .find(|&(k, c)| {
            is_open(c)
                || is_close(c)
                || "、,".contains(c)
                || (is_blank(c) && o[k..].starts_with("　　"))
        })
        .map_or(o.len(), |(k, _)| k);
    o[..end].trim().to_string()
}

/// 「５．所定時間外労働の有無　　□　有　　□　無」「□　自動的に更新する　□　…」
/// under 「２．契約の更新の有無」: printed options to tick, as a choice
/// field named by the words before the first box (read on that line), or
/// by the heading on the line before (read below it). Never required: a
/// line of options is often one of several (更新の判断基準 over two lines).
pub(super) fn choice_line(f: &mut LearnedForm, paths: &mut Paths, line: &str, prior: &str) -> bool {
    let line = line.lines().next().unwrap_or(line).trim();
    let Some(at) = line.find(['□', '☐']) else {
        return false;
    };
    let options: Vec<String> = line[at..]
        .split(['□', '☐'])
        .map(option_words)
        .filter(|o| !o.is_empty())
        .collect();
    if options.len() < 2 {
        return false;
    }
    let head = line[..at].trim().trim_end_matches(['（', '(']).trim();
    let plausible = |t: &str| {
        squashed_len(t) >= 2
            && t.chars().count() <= 30
            && !t.ends_with('。')
            && balanced(t)
            && !t.contains("　　　")
            && !t.contains(['□', '■', '☐'])
    };
    let (label, find) = if head.is_empty() {
        let p = prior.lines().next().unwrap_or("").trim();
        if !plausible(p) || p.starts_with(['※', '＊', '*']) {
            return false;
        }
        (p.to_string(), "label")
    } else if plausible(head) {
        (head.to_string(), "inline")
    } else {
        return false;
    };
    push_label_field(f, paths, &label, None, None);
    let Some(fld) = f.fields.last_mut() else {
        return false;
    };
    fld.find = find;
    fld.kind = Some("choice");
    fld.unit = None;
    fld.agree = None;
    fld.options = options;
    fld.required = false;
    fld.conditional = Some("該当する場合に印を付ける選択肢".to_string());
    true
}

/// An inline field as the line gives it: found by the line's label,
/// never required (a blank in a sentence is often for the cases that
/// apply), never compared with other forms, no date check on a partial
/// date (「令和９年１月」).
fn settle(fld: &mut LearnedField, line: &Line, slot: &Slot, k: usize) {
    fld.find = "inline";
    fld.label = line.label.clone();
    fld.value_after = (!slot.after.is_empty()).then(|| slot.after.clone());
    fld.value_before = (!slot.before.is_empty()).then(|| slot.before.clone());
    fld.required = false;
    fld.conditional = Some("文中の記入欄（該当する場合に記入）".to_string());
    fld.agree = None;
    // Only the frame says a value is an amount (「（約　　円）」); a word
    // of the label (合計, 金額) does not (「（年間合計休日日数　　日）」).
    if matches!(fld.kind, Some("date" | "name" | "amount")) {
        fld.kind = None;
    }
    fld.unit = slot.unit;
    if slot.unit.is_some() {
        fld.kind = Some("amount");
    }
    let frame: String = slot.frame.chars().filter(|c| !is_blank(*c)).collect();
    if !frame.is_empty() {
        fld.blank_if = vec![frame];
    }
    let name = short_place(&line.label);
    fld.place = Some(
        if k == 0 || slot.words.is_empty() || slot.words == line.label {
            name
        } else {
            format!("{name} {}", slot.words)
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(line: &str) -> Vec<(String, String, String)> {
        parse(line)
            .map(|l| {
                l.slots
                    .into_iter()
                    .map(|s| (s.words, s.after, s.before))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn brackets_with_blank_space_are_places() {
        let l = parse("　(1) 始業　　（　　時　　分）　　　終業　　（　　時　　分）　　　（１日の所定労働時間数　　　時間　　分）")
            .expect("places");
        assert_eq!(l.label, "(1) 始業");
        let s = slots(
            "(1) 始業　　（　　時　　分）　　　終業　　（　　時　　分）　　　（１日の所定労働時間数　　　時間　　分）",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[1].0, "終業");
        assert_eq!(s[2].0, "１日の所定労働時間数");
        assert_eq!(s[2].2, "）");
    }

    #[test]
    fn spread_letters_and_layout_blanks_are_not_places() {
        let l = parse("(a) 税　　　金　　　　　  （約　　　　　　円）").expect("one place");
        assert_eq!(l.label, "(a) 税　　　金");
        assert_eq!(l.slots.len(), 1);
        assert_eq!(l.slots[0].unit, Some("円"));
        assert!(parse("○詳細は、就業規則　第　　条～第　　条").is_none());
    }

    #[test]
    fn a_single_character_between_runs_is_the_frame() {
        let l = parse("５．手取り支給額（３－４）　　　　　　 約　　　　　　　　　円（合計）")
            .expect("one place");
        assert_eq!(l.label, "５．手取り支給額（３－４）");
        assert_eq!(l.slots.len(), 1);
        assert_eq!(l.slots[0].before, "円（合計）");
        assert_eq!(l.slots[0].after, "約");
        assert_eq!(l.slots[0].unit, Some("円"));
    }

    #[test]
    fn two_labels_on_a_line_and_a_colon() {
        let s = slots("所在地　　　　　　　　　連絡先　　　　　　　　");
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].2, "連絡先");
        assert_eq!(s[1].1, "連絡先");
        let l = parse("　１．定例日：毎週　　　曜日、日本の国民の祝日、その他（　　　　）")
            .expect("places");
        assert_eq!(l.label, "１．定例日");
        assert_eq!(l.slots[0].after, "：毎週");
    }
}
