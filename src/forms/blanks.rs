//! Blanks inside printed text: 「令和　　年　　月　　日」, 「（　　　円）」,
//! 「特定技能所属機関　　　　（以下「甲」という。）」. The applicant types
//! into the spaces; the printed words around them stay. A [`Shape`] is the
//! printed words; it finds what was typed into a filled copy of the text
//! and writes values into the blank text of another template.

use crate::base::squash;
use crate::model::{Block, Document, Location};
use regex::Regex;

/// The printed parts of a text with blanks: `parts.len()` = blanks + 1.
#[derive(Debug, Clone)]
pub struct Shape {
    pub parts: Vec<String>,
    pattern: Regex,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\u{a0}'
}

/// The shape of a text, when it has blanks: a run of two or more spaces
/// (also at the end: 「氏名又は名称　　　　」, an underlined place after a
/// label), or one space right before 年 / 月 / 日 / 円 (令和　年　月　日).
pub fn shape_of(text: &str) -> Option<Shape> {
    let chars: Vec<char> = text.trim_end_matches(['\n', '\r']).chars().collect();
    let mut parts = vec![String::new()];
    let mut i = 0;
    let mut blanks = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            let start = i;
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            let run = i - start;
            let next = chars.get(i).copied();
            let leading = start == 0;
            let blank = !leading && (run >= 2 || matches!(next, Some('年' | '月' | '日' | '円')));
            if blank {
                blanks += 1;
                parts.push(String::new());
            } else if let Some(p) = parts.last_mut() {
                p.extend(&chars[start..i]);
            }
        } else {
            if let Some(p) = parts.last_mut() {
                p.push(chars[i]);
            }
            i += 1;
        }
    }
    if blanks == 0 || parts.iter().all(|p| squash(p).is_empty()) {
        return None;
    }
    // Only an indent and a trailing run around a heading is no place to
    // write: a blank at the end needs a label-like text before it.
    let first = squash(parts.first().map_or("", String::as_str));
    if blanks == 1
        && parts.last().is_some_and(|p| p.is_empty())
        && (!crate::forms::slots::is_label_like(&first) || crate::base::is_form_marker(&first))
    {
        return None;
    }
    // Each printed character may be followed by spaces in a filled copy;
    // each blank holds anything.
    let mut re = String::from(r"^\s*");
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            re.push_str(r"(.*?)");
        }
        for c in part.chars().filter(|c| !is_space(*c)) {
            re.push_str(&regex::escape(&c.to_string()));
            re.push_str(r"[ \u{3000}\u{a0}]*");
        }
    }
    re.push_str(r"\s*$");
    let pattern = Regex::new(&re).ok()?;
    Some(Shape { parts, pattern })
}

impl Shape {
    /// The printed words, compared without blanks.
    pub fn key(&self) -> String {
        self.parts
            .iter()
            .map(|p| squash(p))
            .collect::<Vec<_>>()
            .join("□")
    }

    pub fn blanks(&self) -> usize {
        self.parts.len() - 1
    }

    /// The text as a person reads the form: blanks shown as ＿＿.
    pub fn display(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.trim().to_string())
            .collect::<Vec<_>>()
            .join("＿＿")
    }

    /// What was typed into each blank of `filled`, when it has this shape
    /// and at least one blank is filled.
    pub fn fills(&self, filled: &str) -> Option<Vec<String>> {
        let caps = self.pattern.captures(filled.trim())?;
        let fills: Vec<String> = (1..=self.blanks())
            .map(|i| caps.get(i).map_or("", |m| m.as_str()).trim().to_string())
            .collect();
        fills.iter().any(|f| !f.is_empty()).then_some(fills)
    }

    /// The text with `fills` typed into the blanks (a blank left empty
    /// keeps its spaces).
    pub fn fill(&self, fills: &[String]) -> String {
        let mut out = String::new();
        for (k, part) in self.parts.iter().enumerate() {
            if k > 0 {
                let trailing = k == self.parts.len() - 1 && part.is_empty();
                match fills.get(k - 1).filter(|f| !f.is_empty()) {
                    // After a label at the end of the line: one space between.
                    Some(f) if trailing => {
                        out.push('\u{3000}');
                        out.push_str(f);
                    }
                    Some(f) => out.push_str(f),
                    None => out.push_str("\u{3000}\u{3000}"),
                }
            }
            out.push_str(part);
        }
        out
    }
}

/// Every text a value can be typed into, with its place: body paragraphs,
/// the paragraphs of table cells (Word), and sheet cells.
pub fn texts(doc: &Document) -> Vec<(String, Location)> {
    fn walk(blocks: &[Block], out: &mut Vec<(String, Location)>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push((p.text.clone(), p.location.clone())),
                Block::Table(t) => {
                    for row in &t.rows {
                        for c in &row.cells {
                            if t.location.sheet.is_some() {
                                out.push((c.text(), c.location.clone()));
                            } else {
                                walk(&c.blocks, out);
                            }
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, &mut out);
    out
}

/// The text of every table cell (Word and sheets, nested tables too),
/// with the cell's place: what a value written into a cell reads back as.
pub fn cell_texts(doc: &Document) -> Vec<(String, Location)> {
    fn walk(blocks: &[Block], out: &mut Vec<(String, Location)>) {
        for b in blocks {
            if let Block::Table(t) = b {
                for row in &t.rows {
                    for c in &row.cells {
                        out.push((c.text(), c.location.clone()));
                        walk(&c.blocks, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_line_and_a_sentence() {
        let s = shape_of("令和　　年　　月　　日").unwrap();
        assert_eq!(s.blanks(), 3);
        assert_eq!(s.fills("令和７年４月１日").unwrap(), vec!["７", "４", "１"]);
        assert_eq!(
            s.fills("令和 ７ 年 ４ 月 １ 日").unwrap(),
            vec!["７", "４", "１"]
        );
        assert!(s.fills("令和　　年　　月　　日").is_none());
        assert_eq!(
            s.fill(&["８".into(), "５".into(), "".into()]),
            "令和８年５月\u{3000}\u{3000}日"
        );
        let p = shape_of("特定技能所属機関　　　　（以下「甲」という。）").unwrap();
        assert_eq!(
            p.fills("特定技能所属機関株式会社サンプル商事（以下「甲」という。）")
                .unwrap(),
            vec!["株式会社サンプル商事"]
        );
        assert_eq!(
            shape_of("（　　　円）")
                .unwrap()
                .fills("（　1,200円）")
                .unwrap(),
            vec!["1,200"]
        );
    }

    #[test]
    fn an_underlined_place_after_a_label() {
        let s = shape_of("特定技能所属機関の氏名又は名称　　　　　　").unwrap();
        assert_eq!(
            s.fills("特定技能所属機関の氏名又は名称　株式会社サンプル商事")
                .unwrap(),
            vec!["株式会社サンプル商事"]
        );
        assert_eq!(
            s.fill(&["株式会社サンプル商事".into()]),
            "特定技能所属機関の氏名又は名称\u{3000}株式会社サンプル商事"
        );
        assert!(shape_of("参考様式第１－１６号　　　　　　　　").is_none());
    }

    #[test]
    fn no_blank_no_shape() {
        assert!(shape_of("第１条　甲は乙を雇用する。").is_none());
        assert!(shape_of("　字下げの段落").is_none());
        assert!(shape_of("").is_none());
    }
}
