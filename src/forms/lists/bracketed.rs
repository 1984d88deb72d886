//! Bracketed parts of a table cell read by hand: the tier tag after a
//! name (`[再委託先]`) and the reason after a selection method
//! (`（理由：…）`). Each reader finds what its regex (kept in the tests)
//! found; compiling those regexes cost every process ~1.7 M instructions.

/// The brackets a tier tag opens and closes with.
const TAG_OPENERS: [char; 8] = ['[', '［', '【', '(', '（', '〔', '<', '＜'];
const TAG_CLOSERS: [char; 8] = [']', '］', '】', ')', '）', '〕', '>', '＞'];

/// Where the tier tag starting at `start` ends, if one does: what the
/// pattern `[\[［【(（〔<＜]\s*(再々委託先|再委託先)[^\]］】)）〕>＞]{0,8}[\]］】)）〕>＞]`
/// matches there. Each part opens with a character the part before cannot
/// take, so reading greedily finds the regex's match.
fn tier_tag_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let open = rest.chars().next().filter(|c| TAG_OPENERS.contains(c))?;
    let rest = rest
        .get(open.len_utf8()..)?
        .trim_start_matches(char::is_whitespace);
    let rest = rest
        .strip_prefix("再々委託先")
        .or_else(|| rest.strip_prefix("再委託先"))?;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if TAG_CLOSERS.contains(&c) {
            return Some(text.len() - rest.len() + i + c.len_utf8());
        }
        if n == 8 {
            break;
        }
    }
    None
}

/// The last tier tag (`[再委託先]` and its like) of a text, as a byte
/// range: the last match `find_iter` of the pattern of [`tier_tag_end`]
/// gives. Reading by hand spares every process compiling that regex
/// (~1.3 M instructions).
pub(super) fn last_tier_tag(text: &str) -> Option<(usize, usize)> {
    let mut last = None;
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| {
        rest.char_indices()
            .find_map(|(i, _)| tier_tag_end(text, from + i).map(|end| (from + i, end)))
    }) {
        last = Some(found);
        from = found.1;
    }
    last
}

/// A reason in brackets after a selection method (`（理由：…）`): where
/// the match starts and the reason, as the pattern
/// `\s*[（(]\s*((?:選定)?理由\s*[：:].*?)[）)]?\s*$` finds them. Read by hand
/// (compiling it cost every process ~0.4 M instructions): from each
/// opening bracket in turn, the reason runs from `理由` to the end less the
/// blanks and one closing bracket there, and must not cross a line (`.`);
/// the match starts at the blanks before the bracket.
pub(super) fn bracketed_reason(line: &str) -> Option<(usize, &str)> {
    let body_len = line.trim_end_matches(char::is_whitespace).len();
    for (open, c) in line.char_indices().filter(|(_, c)| matches!(c, '（' | '(')) {
        let rest = line
            .get(open + c.len_utf8()..)?
            .trim_start_matches(char::is_whitespace);
        let reason_start = line.len() - rest.len();
        let rest = rest
            .strip_prefix("選定")
            .filter(|r| r.starts_with("理由"))
            .unwrap_or(rest);
        let Some(rest) = rest.strip_prefix("理由") else {
            continue;
        };
        let Some(rest) = rest
            .trim_start_matches(char::is_whitespace)
            .strip_prefix([':', '：'])
        else {
            continue;
        };
        let colon_end = line.len() - rest.len();
        let reason_end = match line.get(..body_len)?.chars().next_back() {
            Some(close @ ('）' | ')')) if body_len - close.len_utf8() >= colon_end => {
                body_len - close.len_utf8()
            }
            _ => body_len,
        };
        if line.get(colon_end..reason_end)?.contains('\n') {
            continue;
        }
        let start = line
            .get(..open)?
            .trim_end_matches(char::is_whitespace)
            .len();
        return Some((start, line.get(reason_start..reason_end)?));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_reasons_as_the_regex_finds_them() {
        let re = regex::Regex::new(r"\s*[（(]\s*((?:選定)?理由\s*[：:].*?)[）)]?\s*$").unwrap();
        let by_regex = |t: &str| {
            let c = re.captures(t)?;
            Some((c.get(0)?.start(), c.get(1)?.as_str().to_string()))
        };
        let heads = ["", "一者選定", "一者選定 　", "（", "(x)", "（理由"];
        let opens = ["", "（", "(", " ( "];
        let words = ["", "理由", "選定理由", "選定", "理 由", "理由 "];
        let colons = ["", "：", ":", " :"];
        let bodies = ["", "唯一", "a）b", "a\nb", "x(理由:y)"];
        let tails = ["", "）", ")", "） ", "))", ") x", "\n", "）\n "];
        for text in crate::base::every_join(&[&heads, &opens, &words, &colons, &bodies, &tails]) {
            let by_hand = bracketed_reason(&text).map(|(a, r)| (a, r.to_string()));
            assert_eq!(by_hand, by_regex(&text), "{text}");
        }
    }

    #[test]
    fn tier_tags_as_the_regex_finds_them() {
        let re = regex::Regex::new(
            r"[\[［【(（〔<＜]\s*(再々委託先|再委託先)[^\]］】)）〕>＞]{0,8}[\]］】)）〕>＞]",
        )
        .unwrap();
        let by_regex = |t: &str| re.find_iter(t).last().map(|m| (m.start(), m.end()));
        let opens = [
            "",
            "[",
            "［",
            "【",
            "(",
            "（",
            "〔",
            "<",
            "＜",
            "「",
            "[[",
            "［ 　\n",
        ];
        let names = [
            "",
            "再委託先",
            "再々委託先",
            "再委託",
            "再々再委託先",
            "委託先",
        ];
        let middles = [
            "",
            "等",
            "12345678",
            "123456789",
            "あいうえおかきく",
            "あいうえおかきくけ",
            "]",
            "(再委託先)",
        ];
        let closes = ["", "]", "］", "】", ")", "）", "〕", ">", "＞", "」", "]]"];
        for o in opens {
            for n in names {
                for m in middles {
                    for c in closes {
                        for text in [
                            format!("{o}{n}{m}{c}"),
                            format!("株式会社A\n{o}{n}{m}{c}"),
                            format!("{o}{n}{m}{c}{o}{n}{c}x"),
                        ] {
                            assert_eq!(last_tier_tag(&text), by_regex(&text), "{text}");
                        }
                    }
                }
            }
        }
    }
}
