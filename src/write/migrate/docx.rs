//! The Word side of the built-in migration: a template paragraph's text
//! replaced, an empty cell filled (line by line, with the paragraph's
//! properties), optionally highlighted. Also used by `migrate --to`.

use super::super::docx_scan::{DocxScan, Para};
use super::super::xml::{Splice, escape_text};

fn run_xml(text: &str, highlight: bool) -> String {
    let rpr = if highlight {
        "<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>"
    } else {
        ""
    };
    format!(
        "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape_text(text)
    )
}

/// Replace the whole text of a template paragraph: the first text node
/// gets the text (keeping its run's formatting), the others are emptied;
/// a paragraph without text gets a run.
pub(crate) fn set_paragraph_text(xml: &str, p: &Para, text: &str, highlight: bool) -> Vec<Splice> {
    let nodes: Vec<_> = p.pieces.iter().filter_map(|x| x.node.as_ref()).collect();
    match nodes.split_first() {
        Some((first, rest)) if !first.self_closing => {
            let mut out = vec![Splice::replace(first.content.clone(), escape_text(text))];
            if !first.preserve {
                out.push(Splice::insert(
                    first.start_tag.end - 1,
                    " xml:space=\"preserve\"",
                ));
            }
            for n in rest {
                if !n.self_closing {
                    out.push(Splice::replace(n.content.clone(), ""));
                }
            }
            out
        }
        _ => append_run(xml, p, &run_xml(text, highlight)),
    }
}

/// Insert a run at the end of a paragraph (expanding `<w:p/>`).
fn append_run(xml: &str, p: &Para, run: &str) -> Vec<Splice> {
    if p.self_closing {
        let tag = &xml[p.start_tag.clone()];
        let open = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
        vec![Splice::replace(
            p.start_tag.clone(),
            format!("{open}>{run}</w:p>"),
        )]
    } else {
        vec![Splice::insert(p.end_tag, run.to_string())]
    }
}

/// Fill an empty template cell: the first line into its first paragraph,
/// the others as new paragraphs after it (with the same paragraph
/// properties).
pub(crate) fn fill_cell(
    xml: &str,
    scan: &DocxScan,
    first_para: Option<usize>,
    lines: &[String],
    highlight: bool,
) -> Vec<Splice> {
    let Some(p) = first_para.and_then(|i| scan.paras.get(i)) else {
        return Vec::new();
    };
    let Some((first, rest)) = lines.split_first() else {
        return Vec::new();
    };
    let mut out = if p.text.trim().is_empty() {
        append_run(xml, p, &run_xml(first, highlight))
    } else {
        set_paragraph_text(xml, p, first, highlight)
    };
    if !rest.is_empty() {
        let ppr = if p.self_closing {
            ""
        } else {
            &xml[p.start_tag.end..p.content_start]
        };
        let mut extra = String::new();
        for l in rest {
            extra.push_str(&format!("<w:p>{ppr}{}</w:p>", run_xml(l, highlight)));
        }
        let after = if p.self_closing {
            p.start_tag.end
        } else {
            p.end_tag + xml[p.end_tag..].find('>').map_or(0, |i| i + 1)
        };
        out.push(Splice::insert(after, extra));
    }
    out
}
