//! PH001 — 記入例・仮の文字が残っている。
//!
//! 何を調べるか: 様式が「ここに書く」「これは例」の印として使う文字が、提出物に
//! 残っていないか: 【例】、＜記載例＞、○○（〇〇も）、●●、△△、□□、▲▲、■■、
//! ●●．●％。認識した様式の取り出した欄すべてと、欄の外の文字はすべての段落・
//! 表のセル（ヘッダー・フッターも）を見ます。＊ や ※ で始まる様式の注意書きの
//! 行とコメントは見ません。○ や □ が一つだけ（チェック印や四角）のものは仮の
//! 文字ではありません。今回記入する様式と同じファイルに、後で出す様式（理由書・
//! 名簿・報告書）が配布時のまま残っているだけのときは、その様式は見ません（記入例は
//! 様式のものです）。様式と認められない文書（資料・データ表など）では、記入する
//! 場所に残ったもの（「担当者：○○」「○○」だけのセル）だけを警告とし、文中の
//! 〇〇（「〇〇ネットワークといった」）、例の行、記載例の文言は指摘しません。
//!
//! なぜ問題か: 再委託先の表に残った例の行（【例】○○（株））や、宛先の
//! 経済産業省○○○課長 のままの記入は、様式を誤りや曖昧なものにし、担当者が
//! 差し戻すことになります。
//!
//! 直し方: 自動では直せません。何を書くかは申請者にしか分かりません。
//!
//! 例: 理由書の再委託費率の欄が ●●．●％ のまま →
//! 「記入例・仮の文字（●●．●％）が残っています。」 help: 実際の再委託費率を
//! 書いてください。
//!
//! ---
//!
//! PH001 — template example or placeholder left in.
//!
//! What it checks: the marks a template uses for "write here" or "this is
//! only an example", left in what was submitted: 【例】, ＜記載例＞, ○○ (also
//! 〇〇), ●●, △△, □□, ▲▲, ■■ and ●●．●％. It looks at every extracted field of
//! the recognised forms and, for text outside fields, at every paragraph
//! and table cell (and headers/footers). Lines that are the template's own
//! instructions — starting with ＊ or ※ — are not looked at, nor are
//! comments; a single ○ or □ (a tick or a box) is not a placeholder. A
//! later form of the call left untouched in the same file as the forms
//! filled in now (理由書・名簿・報告書 still blank, as the call prints them)
//! is not looked at: it is submitted later, and its examples are the
//! template's. In a document that holds no form (a paper, a data table)
//! only a place left to fill (「担当者：○○」, a cell holding only ○○) is
//! reported, as a warning; ○○ used as a word in prose, example rows and
//! 記載例 wording are the document's own.
//!
//! Why it matters: an example row left in the 再委託先 table (【例】○○（株））
//! or an addressee left as 経済産業省○○○課長 makes the form wrong or
//! ambiguous; the official has to send it back.
//!
//! Fix: none — only the applicant knows what to write.
//!
//! Example: the 理由書's 再委託費率 cell still reading ●●．●％ →
//! 「記入例・仮の文字（●●．●％）が残っています。」 help: 実際の再委託費率を書いて
//! ください。

use super::text_match::{Stories, excerpt_around, same_place, text_units, with_place};
use crate::forms::definition::place_of;
use crate::model::Location;
use crate::model::finding::{Diagnostic, Text};
use crate::rules::{FileContext, Rule};

pub struct Ph001;

/// A template instruction line (＊…, ※…), not an entry.
fn is_instruction(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\u{3000}', '\t', '（', '(', '・']);
    t.starts_with(['＊', '*', '※'])
}

/// Placeholder tokens in `text` outside instruction lines, as byte ranges.
pub fn placeholders(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Nearly every text holds no token's first character: one pass over
    // its bytes settles that without splitting it into lines.
    if !has_token_start(text.as_bytes()) {
        return out;
    }
    let mut offset = 0;
    for line in text.split('\n') {
        let found = out.len();
        find_tokens(line, offset, &mut out);
        // Nearly every line has no token: the instruction test only for
        // one that has.
        if out.len() > found && is_instruction(line) {
            out.truncate(found);
        }
        offset += line.len() + 1;
    }
    out
}

/// The tokens of one line, leftmost first, each as long as it goes (what
/// `find_iter` of the regex in the tests gives; matching by hand spares
/// compiling that regex in every process, and scanning its bytes most of
/// each line).
fn find_tokens(line: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    if !has_token_start(line.as_bytes()) {
        return;
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // The first bytes of the characters a token starts with: '<', or
        // U+3007–U+3010 (E3 80 ..), U+25A0–U+25EF (E2 96/97 ..), U+FF1C
        // (EF BC 9C). None is a continuation byte, so `i` is a char
        // boundary whenever one matches.
        let next = bytes.get(i + 1).copied();
        let candidate = match bytes[i] {
            b'<' => true,
            0xE2 => matches!(next, Some(0x96 | 0x97)),
            0xE3 => next == Some(0x80),
            0xEF => next == Some(0xBC),
            _ => false,
        };
        if candidate && let Some(len) = line.get(i..).and_then(token_at) {
            out.push((offset + i, offset + i + len));
            i += len;
        } else {
            i += 1;
        }
    }
}

/// Whether `bytes` (UTF-8) holds one of the characters every token starts
/// with: 【 < ＜ 〈 《 ● ○ 〇 ◯ △ □ ▲ ■ (its third byte looked at only where
/// the first two are a mark's, see [`crate::rules::mark_scan`]).
fn has_token_start(bytes: &[u8]) -> bool {
    crate::rules::mark_scan::any_lead(bytes, |i| match bytes.get(i..) {
        Some(&[b0, b1, b2, ..]) => is_token_start(b0, b1, b2),
        Some(&[b'<', ..]) => true,
        _ => false,
    })
}

/// Whether the bytes `b0 b1 b2` begin a token's first character: '<', or
/// 【 U+3010, 〈 U+3008, 《 U+300A, 〇 U+3007 (E3 80 ..); ■ U+25A0, □ U+25A1,
/// ▲ U+25B2, △ U+25B3 (E2 96 ..); ○ U+25CB, ● U+25CF, ◯ U+25EF (E2 97 ..);
/// ＜ U+FF1C (EF BC 9C).
fn is_token_start(b0: u8, b1: u8, b2: u8) -> bool {
    match (b0, b1) {
        (b'<', _) => true,
        (0xE3, 0x80) => matches!(b2, 0x87 | 0x88 | 0x8A | 0x90),
        (0xE2, 0x96) => matches!(b2, 0xA0 | 0xA1 | 0xB2 | 0xB3),
        (0xE2, 0x97) => matches!(b2, 0x8B | 0x8F | 0xAF),
        (0xEF, 0xBC) => b2 == 0x9C,
        _ => false,
    }
}

const MARKS: [char; 4] = ['●', '○', '〇', '◯'];

/// The byte length of the token at the start of `s`, trying the kinds in
/// the order of the regex's alternatives.
fn token_at(s: &str) -> Option<usize> {
    let len = |rest: &str| s.len() - rest.len();
    if s.starts_with("【例】") {
        return Some("【例】".len());
    }
    // ＜記載例＞
    if let Some(r) = eat(s, &['<', '＜', '〈', '《'])
        && let Some(r) = spaces(r).strip_prefix("記載例")
        && let Some(r) = eat(spaces(r), &['>', '＞', '〉', '》'])
    {
        return Some(len(r));
    }
    // ●●．●％
    if let Some(r) = eat(s, &MARKS)
        .and_then(|r| eat(r, &MARKS))
        .and_then(|r| eat(spaces(r), &['.', '．']))
        .and_then(|r| eat(spaces(r), &MARKS))
        .and_then(|r| eat(spaces(r), &['%', '％']))
    {
        return Some(len(r));
    }
    // ○○…, ●●…, △△…, □□…, ▲▲…, ■■…
    let first = s.chars().next()?;
    let run = match first {
        '○' | '〇' | '◯' => s.len() - s.trim_start_matches(['○', '〇', '◯']).len(),
        '●' | '△' | '□' | '▲' | '■' => s.len() - s.trim_start_matches(first).len(),
        _ => return None,
    };
    (run > first.len_utf8()).then_some(run)
}

/// `s` after its first character when that is one of `set`.
fn eat<'s>(s: &'s str, set: &[char]) -> Option<&'s str> {
    let c = s.chars().next()?;
    if set.contains(&c) {
        s.get(c.len_utf8()..)
    } else {
        None
    }
}

/// `s` after its leading half- and full-width spaces.
fn spaces(s: &str) -> &str {
    s.trim_start_matches([' ', '\u{3000}'])
}

fn finding(text: &str, hits: &[(usize, usize)]) -> Option<Diagnostic> {
    let &(start, end) = hits.first()?;
    let mut tokens: Vec<&str> = hits.iter().filter_map(|&(s, e)| text.get(s..e)).collect();
    tokens.dedup();
    let mut uniq: Vec<&str> = Vec::new();
    for t in tokens {
        if !uniq.contains(&t) {
            uniq.push(t);
        }
    }
    let list = uniq.join("、");
    let percent = uniq.iter().any(|t| t.contains(['%', '％']));
    let (excerpt, highlight) = excerpt_around(text, start, end, 40);
    let help = if percent {
        Text::new(
            "「●●．●％」は記入例です。実際の率を数字で書いてください（例: 62.5％）。",
            "「●●．●％」 is the template's sample; write the actual percentage (e.g. 62.5%).",
        )
    } else {
        Text::new(
            "記入例・仮の文字を消して、実際の内容を書いてください。使わない記入例の行は削除してください。",
            "Replace the sample/placeholder text with the actual entry, and delete sample rows you do not use.",
        )
    };
    Some(
        crate::rules::finding(
            "PH001",
            Text::new(
                format!("記入例・仮の文字（{list}）が残っています。"),
                format!("Template sample or placeholder text left in ({list})."),
            ),
        )
        .help(help)
        .excerpt(excerpt, highlight),
    )
}

impl Rule for Ph001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut field_places: Vec<&Location> = Vec::new();
        for form in ctx.forms {
            let declared =
                crate::rules::declared::fields_where(form, |f| !f.placeholders.is_empty());
            // A later form of the call left blank in the same file as the
            // forms filled in now (the whole call file sent back): its
            // printed examples are the template's, not the applicant's.
            let in_use = crate::rules::field_util::in_use(ctx.forms, form);
            for (path, value) in &form.fields {
                field_places.push(&value.location);
                if !in_use {
                    continue;
                }
                let mut hits = placeholders(&value.value);
                // The definition's own example texts (`株式会社○○`,
                // `（例）令和８年度…`) left in the entry.
                for f in declared.iter().filter(|f| f.path == *path) {
                    for p in f.placeholders.iter().filter(|p| !p.trim().is_empty()) {
                        hits.extend(
                            value
                                .value
                                .match_indices(p.trim())
                                .map(|(i, m)| (i, i + m.len())),
                        );
                    }
                }
                hits.sort_unstable();
                hits.dedup();
                if let Some(d) = finding(&value.value, &hits) {
                    out.push(
                        d.form(form.form.clone())
                            .field(path.clone())
                            .place(place_of(&form.form, path))
                            .location(value.location.clone()),
                    );
                }
            }
        }
        let units = text_units(
            ctx.doc,
            Stories {
                headers_footers: true,
                notes: false,
            },
        );
        // Outside any form (a paper, a data table, a spec) only a fill-in
        // position counts, as a warning; example rows and 記載例 wording are
        // the document's own.
        let outside = ctx.forms.is_empty();
        let example_rows = if outside {
            example_rows(&ctx.doc.blocks)
        } else {
            Vec::new()
        };
        for unit in units.iter() {
            // Text files are one unit: report per line.
            let mut offset = 0;
            for line in unit.text.split('\n') {
                let here = offset;
                offset += line.len() + 1;
                // A line without a placeholder gives no finding: the
                // search first, the location (and the comparison with every
                // field's) only for a line with one.
                let hits = placeholders(line);
                if hits.is_empty() {
                    continue;
                }
                let location = unit.location_at(here);
                if field_places.iter().any(|p| same_place(p, &location)) {
                    continue;
                }
                if outside
                    && !hits.is_empty()
                    && (is_example_wording(line)
                        || !is_fill_in(line, &hits)
                        || example_rows
                            .iter()
                            .any(|(t, r)| location.table == Some(*t) && location.row == Some(*r)))
                {
                    continue;
                }
                if let Some(mut d) = finding(line, &hits) {
                    if outside {
                        d = d.severity(crate::model::finding::Severity::Warning);
                    }
                    out.push(with_place(
                        d.location(location.clone()),
                        ctx.forms,
                        &location,
                    ));
                }
            }
        }
    }
}

/// Wording that shows an example rather than asks for an entry:
/// 「（記載例：出資者の名称○○、…）」, 「例：○○市」, 「（例）…」.
fn is_example_wording(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "記載例",
        "記入例",
        "（例）",
        "(例)",
        "例：",
        "例:",
        "入力例",
        "作成例",
    ]
    .iter()
    .any(|m| t.contains(m))
}

/// A placeholder where something is to be written: the line is little
/// more than the placeholder (「○○」, 「氏名：○○」), not prose that uses
/// ○○ as a word (「〇〇ネットワークといった取組」).
fn is_fill_in(line: &str, hits: &[(usize, usize)]) -> bool {
    // A text file's line of tab-separated cells: the cell holding the first
    // placeholder.
    if line.contains('\t')
        && let Some(&(s, _)) = hits.first()
    {
        let start = line
            .get(..s)
            .and_then(|h| h.rfind('\t'))
            .map_or(0, |i| i + 1);
        let end = line
            .get(s..)
            .and_then(|t| t.find('\t'))
            .map_or(line.len(), |i| s + i);
        let cell = line.get(start..end).unwrap_or("");
        let shifted: Vec<(usize, usize)> = hits
            .iter()
            .filter(|(a, b)| *a >= start && *b <= end)
            .map(|(a, b)| (a - start, b - start))
            .collect();
        return is_fill_in(cell, &shifted);
    }
    let mut rest = String::new();
    let mut at = 0;
    for &(s, e) in hits {
        rest.push_str(line.get(at..s).unwrap_or(""));
        at = e.max(at);
    }
    rest.push_str(line.get(at..).unwrap_or(""));
    // What is left once a leading label (「氏名：」) is set aside.
    let after_label = rest
        .rsplit_once(['：', ':'])
        .map_or(rest.as_str(), |(_, r)| r);
    let left = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && !is_punct(*c))
            .count()
    };
    let labelled = rest.contains(['：', ':']);
    left(&rest) <= 4 || (labelled && left(after_label) <= 2)
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '・' | '、' | '。' | '，' | '．' | ',' | '.' | '（' | '）' | '(' | ')' | '「' | '」'
    )
}

/// (table, row) of the rows of top-level tables that are examples: the
/// first cell says 例 / 記入例 / 記載例.
fn example_rows(blocks: &[crate::model::Block]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for b in blocks {
        let crate::model::Block::Table(t) = b else {
            continue;
        };
        for row in &t.rows {
            let Some(first) = row.cells.first() else {
                continue;
            };
            let text: String = first
                .text()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let marker =
                text.trim_matches(['（', '）', '(', ')', '【', '】', '<', '>', '＜', '＞']);
            if matches!(marker, "例" | "記入例" | "記載例" | "入力例")
                && let (Some(t), Some(r)) = (first.location.table, first.location.row)
            {
                out.push((t, r));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    fn found(text: &str) -> Vec<&str> {
        placeholders(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn finds_template_marks() {
        assert_eq!(found("【例】○○（株）"), vec!["【例】", "○○"]);
        assert_eq!(found("●●．●％"), vec!["●●．●％"]);
        assert_eq!(found("＜記載例＞\n本事業は"), vec!["＜記載例＞"]);
        assert_eq!(found("経済産業省○○○課長 殿"), vec!["○○○"]);
        assert_eq!(found("理由：〇〇（株）については"), vec!["〇〇"]);
    }

    #[test]
    fn outside_forms_only_fill_in_positions() {
        use super::{is_example_wording, is_fill_in};
        let fill = |l: &str| is_fill_in(l, &placeholders(l));
        assert!(fill("○○"));
        assert!(fill("氏名：○○"));
        assert!(fill("株式会社○○○○"));
        assert!(!fill("〇〇ネットワークといった地域の取組を紹介する"));
        assert!(!fill("・○○市との連携"));
        assert!(fill("【例】○○（株）\t10,000,000"));
        assert!(!is_example_wording("【例】○○（株）\t10,000,000"));
        assert!(is_example_wording("（記載例：出資者の名称○○、出資額）"));
        assert!(!is_example_wording("氏名：○○"));
    }

    /// The pattern the hand matcher follows, alternatives in order.
    const PATTERN: &str = r"【例】|[<＜〈《][ \u{3000}]*記載例[ \u{3000}]*[>＞〉》]|[●○〇◯]{2}[ \u{3000}]*[.．][ \u{3000}]*[●○〇◯][ \u{3000}]*[%％]|[○〇◯]{2,}|●{2,}|△{2,}|□{2,}|▲{2,}|■{2,}";

    #[test]
    fn hand_matcher_finds_what_the_regex_finds() {
        let re = regex::Regex::new(PATTERN).unwrap();
        let alphabet: Vec<char> = "【例】<＜〈《>＞〉》記載例●○〇◯.．%％△□▲■ \u{3000}あ、「a"
            .chars()
            .collect();
        // A fixed pseudo-random sequence of short lines over the alphabet.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            let mut line = String::new();
            crate::base::xorshift(&mut seed);
            let n = (seed % 12) as usize;
            for k in 0..n {
                let pick = (seed >> (5 * k % 60)) as usize % alphabet.len();
                line.push(alphabet[pick]);
            }
            let want: Vec<(usize, usize)> =
                re.find_iter(&line).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            super::find_tokens(&line, 0, &mut got);
            assert_eq!(got, want, "{line:?}");
        }
        for line in [
            "＜ 記載例　＞",
            "●●．●％",
            "○○ ． ◯ ％",
            "○○○．○％",
            "●○",
            "◯〇○●●●",
            "■■□□▲△△",
            "【例】",
            "【例",
            "<記載例>>",
            "〈記載例》",
        ] {
            let want: Vec<(usize, usize)> =
                re.find_iter(line).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            super::find_tokens(line, 0, &mut got);
            assert_eq!(got, want, "{line:?}");
        }
    }

    #[test]
    fn byte_test_finds_exactly_the_first_characters() {
        const FIRST: [char; 13] = [
            '【', '<', '＜', '〈', '《', '●', '○', '〇', '◯', '△', '□', '▲', '■',
        ];
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let mut s = String::from("あa");
            s.push(c);
            s.push('い');
            assert_eq!(
                super::has_token_start(s.as_bytes()),
                FIRST.contains(&c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        // At every position across the blocks tested at once, and at the
        // very end of a text.
        for c in ['【', '<', '＜', '●', '◯', '■', '「', '、', '（', '▼'] {
            for before in 0..40 {
                for tail in ["", "a", "い"] {
                    let s = format!("{}{c}{tail}", "a".repeat(before));
                    assert_eq!(
                        super::has_token_start(s.as_bytes()),
                        FIRST.contains(&c),
                        "{s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn leaves_instructions_and_single_marks() {
        assert!(found("※○○には会社名を記入").is_empty());
        assert!(found("＊募集要領の２．事業内容の項目ごとに").is_empty());
        assert!(found("□有　■無").is_empty());
        assert!(found("○ 実施済み").is_empty());
        assert!(found("株式会社山田製作所").is_empty());
    }
}
