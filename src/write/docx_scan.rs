//! One streaming pass over a WordprocessingML part that records, for every
//! paragraph, where it is in the bytes and which text nodes make up its
//! text — numbered exactly as the reader numbers them (see `model.rs`), so
//! a location reported by `check` finds the same paragraph or table cell
//! here.
//!
//! Nothing is rewritten by the scan; the writers turn what it found into
//! byte-range splices, so every byte they do not mean to touch is kept.

use super::WriteError;
use super::xml::{attr, local, prefix_of, resolve_ref, xml_err};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::ops::Range;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
pub const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A `w:t` element holding (part of) a paragraph's text.
#[derive(Debug, Clone)]
pub struct TextNode {
    /// The whole start tag (`<w:t xml:space="preserve">`).
    pub start_tag: Range<usize>,
    /// The escaped content between the tags (empty for `<w:t/>`).
    pub content: Range<usize>,
    pub self_closing: bool,
    /// `xml:space="preserve"` is set.
    pub preserve: bool,
    /// The qualified name used (`w:t`).
    pub qname: String,
}

/// A piece of a paragraph's text: a text node, or a token (tab, break,
/// symbol) that cannot be edited as text.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte offset of this piece in [`Para::text`].
    pub at: usize,
    pub text: String,
    pub node: Option<TextNode>,
}

/// A table cell (`w:tc`).
#[derive(Debug, Clone)]
pub struct CellInfo {
    pub table: u32,
    pub row: u32,
    /// 1-based grid column of the cell's left edge.
    pub col: u32,
    /// From `<w:tc` to the end of `</w:tc>`.
    pub range: Range<usize>,
    /// Paragraphs directly or indirectly inside, in order (indices into
    /// [`DocxScan::paras`]).
    pub paras: Vec<usize>,
}

/// A paragraph (`w:p`).
#[derive(Debug, Clone)]
pub struct Para {
    /// 1-based ordinal in the part.
    pub ordinal: u32,
    /// The start tag (`<w:p ...>` or the whole `<w:p/>`).
    pub start_tag: Range<usize>,
    pub self_closing: bool,
    /// Where content may be inserted at the start: after `w:pPr`, or after
    /// the start tag.
    pub content_start: usize,
    /// Start of `</w:p>` (equal to `start_tag.end` for `<w:p/>`).
    pub end_tag: usize,
    /// Innermost enclosing cell (index into [`DocxScan::cells`]).
    pub cell: Option<usize>,
    /// Inside `w:txbxContent`.
    pub in_textbox: bool,
    pub pieces: Vec<Piece>,
    /// The paragraph's text as the reader reads it (accepted changes).
    pub text: String,
}

/// The result of scanning one part.
#[derive(Debug, Clone, Default)]
pub struct DocxScan {
    /// The prefix the part uses for the main namespace (`w:`, or empty).
    pub w_prefix: String,
    pub paras: Vec<Para>,
    pub cells: Vec<CellInfo>,
    /// End of the root element's start tag.
    pub root_content_start: usize,
    /// Start of the root element's end tag.
    pub root_end_tag: usize,
    /// Start of `w:sectPr` directly in `w:body`, where body content must
    /// end.
    pub body_sect_pr: Option<usize>,
}

impl DocxScan {
    /// The cell at a table/row/col location.
    pub fn cell_at(&self, table: u32, row: u32, col: u32) -> Option<&CellInfo> {
        self.cells
            .iter()
            .find(|c| c.table == table && c.row == row && c.col == col)
    }

    pub fn para(&self, ordinal: u32) -> Option<&Para> {
        self.paras.iter().find(|p| p.ordinal == ordinal)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    P(usize),
    PPr,
    R,
    T,
    Excluded,
    Tbl,
    Tr,
    Tc,
    TxbxContent,
    Body,
    Other,
}

struct TableState {
    ordinal: u32,
    row: u32,
    next_col: u32,
    /// The open cell: index and grid span.
    cell: Option<(usize, u32)>,
}

fn is_w(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.0 == W_NS || n.0 == W_NS_STRICT)
}

fn is_mc(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.0 == MC_NS)
}

/// Scan a WordprocessingML part.
pub fn scan(xml: &str, part: &str, max_depth: usize) -> Result<DocxScan, WriteError> {
    let mut reader = NsReader::from_str(xml);
    let bom = super::xml::bom_len(xml);
    reader.config_mut().check_end_names = true;
    let mut out = DocxScan::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut para_stack: Vec<usize> = Vec::new();
    let mut tables: Vec<TableState> = Vec::new();
    let mut open_cells: Vec<usize> = Vec::new();
    let mut table_count = 0u32;
    let mut skip_depth = 0usize; // inside mc:Fallback
    let mut excluded = 0usize; // inside w:del, w:moveFrom, w:rt, w:instrText...
    let mut runs = 0usize;
    let mut textbox = 0usize;
    let mut text_node: Option<(TextNode, String)> = None;
    let mut root_seen = false;

    loop {
        let before = reader.buffer_position() as usize + bom;
        let (w_ns, mc_ns, ev) = match reader.read_resolved_event() {
            Ok((ns, ev)) => (is_w(&ns), is_mc(&ns), ev),
            Err(e) => {
                return Err(xml_err(part, reader.error_position(), &e.to_string()));
            }
        };
        let after = reader.buffer_position() as usize + bom;
        match ev {
            Event::Start(e) => {
                if stack.len() >= max_depth {
                    return Err(xml_err(part, before as u64, "nesting too deep"));
                }
                if skip_depth > 0 {
                    skip_depth += 1;
                    stack.push(Frame::Other);
                    continue;
                }
                let qname = e.name().0.to_string();
                let name = local(&qname).to_string();
                if !root_seen {
                    root_seen = true;
                    out.root_content_start = after;
                    if w_ns {
                        out.w_prefix = prefix_of(&qname).to_string();
                    }
                }
                if mc_ns && name == "Fallback" {
                    skip_depth = 1;
                    stack.push(Frame::Other);
                    continue;
                }
                let frame = if !w_ns {
                    Frame::Other
                } else {
                    match name.as_str() {
                        "body" => Frame::Body,
                        "p" => {
                            let idx = out.paras.len();
                            out.paras.push(new_para(
                                &out,
                                before..after,
                                false,
                                open_cells.last().copied(),
                                textbox > 0,
                            ));
                            for &c in &open_cells {
                                if let Some(cell) = out.cells.get_mut(c) {
                                    cell.paras.push(idx);
                                }
                            }
                            para_stack.push(idx);
                            Frame::P(idx)
                        }
                        "pPr" => Frame::PPr,
                        "r" => {
                            runs += 1;
                            Frame::R
                        }
                        "t" if excluded == 0 && runs > 0 && !para_stack.is_empty() => {
                            let preserve =
                                super::xml::attr_q(&e, "xml:space").as_deref() == Some("preserve");
                            text_node = Some((
                                TextNode {
                                    start_tag: before..after,
                                    content: after..after,
                                    self_closing: false,
                                    preserve,
                                    qname: qname.clone(),
                                },
                                String::new(),
                            ));
                            Frame::T
                        }
                        "del" | "moveFrom" | "rt" | "instrText" | "delText" | "delInstrText" => {
                            excluded += 1;
                            Frame::Excluded
                        }
                        "tbl" => {
                            table_count += 1;
                            tables.push(TableState {
                                ordinal: table_count,
                                row: 0,
                                next_col: 0,
                                cell: None,
                            });
                            Frame::Tbl
                        }
                        "tr" => {
                            if let Some(t) = tables.last_mut() {
                                t.row += 1;
                                t.next_col = 0;
                            }
                            Frame::Tr
                        }
                        "tc" => {
                            if let Some(t) = tables.last_mut() {
                                let idx = out.cells.len();
                                out.cells.push(CellInfo {
                                    table: t.ordinal,
                                    row: t.row,
                                    col: t.next_col + 1,
                                    range: before..before,
                                    paras: Vec::new(),
                                });
                                t.cell = Some((idx, 1));
                                open_cells.push(idx);
                            }
                            Frame::Tc
                        }
                        "txbxContent" => {
                            textbox += 1;
                            Frame::TxbxContent
                        }
                        "tab" | "ptab" | "br" | "cr" | "sym" | "noBreakHyphen"
                            if excluded == 0 && runs > 0 =>
                        {
                            push_token(&mut out, &para_stack, &name, &e);
                            // Whatever is inside is not text.
                            excluded += 1;
                            Frame::Excluded
                        }
                        _ => Frame::Other,
                    }
                };
                stack.push(frame);
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let qname = e.name().0.to_string();
                let name = local(&qname).to_string();
                if !root_seen {
                    return Err(xml_err(part, before as u64, "empty root element"));
                }
                if !w_ns {
                    continue;
                }
                match name.as_str() {
                    "p" => {
                        let idx = out.paras.len();
                        let mut p = new_para(
                            &out,
                            before..after,
                            true,
                            open_cells.last().copied(),
                            textbox > 0,
                        );
                        p.content_start = after;
                        p.end_tag = after;
                        out.paras.push(p);
                        for &c in &open_cells {
                            if let Some(cell) = out.cells.get_mut(c) {
                                cell.paras.push(idx);
                            }
                        }
                    }
                    "pPr" => {
                        if let (Some(&pi), Some(Frame::P(_))) = (para_stack.last(), stack.last())
                            && let Some(p) = out.paras.get_mut(pi)
                        {
                            p.content_start = after;
                        }
                    }
                    "t" if excluded == 0 && runs > 0 => {
                        if let Some(&pi) = para_stack.last()
                            && let Some(p) = out.paras.get_mut(pi)
                        {
                            let at = p.text.len();
                            p.pieces.push(Piece {
                                at,
                                text: String::new(),
                                node: Some(TextNode {
                                    start_tag: before..after,
                                    content: after..after,
                                    self_closing: true,
                                    preserve: false,
                                    qname,
                                }),
                            });
                        }
                    }
                    "tab" | "ptab" | "br" | "cr" | "sym" | "noBreakHyphen"
                        if excluded == 0 && runs > 0 =>
                    {
                        push_token(&mut out, &para_stack, &name, &e);
                    }
                    "gridBefore" if in_tr_pr(&stack) => {
                        if let Some(t) = tables.last_mut() {
                            let n = attr(&e, "val")
                                .and_then(|v| v.parse::<u32>().ok())
                                .unwrap_or(0);
                            t.next_col += n.min(1000);
                        }
                    }
                    "gridSpan" => {
                        if let Some(t) = tables.last_mut()
                            && let Some((_, span)) = t.cell.as_mut()
                        {
                            let n = attr(&e, "val")
                                .and_then(|v| v.parse::<u32>().ok())
                                .unwrap_or(1);
                            *span = n.clamp(1, 1000);
                        }
                    }
                    "sectPr" if matches!(stack.last(), Some(Frame::Body)) => {
                        out.body_sect_pr = Some(before);
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                let frame = stack.pop().unwrap_or(Frame::Other);
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match frame {
                    Frame::P(idx) => {
                        para_stack.pop();
                        if let Some(p) = out.paras.get_mut(idx) {
                            p.end_tag = before;
                        }
                    }
                    Frame::PPr => {
                        if let (Some(&pi), Some(Frame::P(_))) = (para_stack.last(), stack.last())
                            && let Some(p) = out.paras.get_mut(pi)
                        {
                            p.content_start = after;
                        }
                    }
                    Frame::R => runs = runs.saturating_sub(1),
                    Frame::T => {
                        if let Some((mut node, text)) = text_node.take() {
                            node.content = node.start_tag.end..before;
                            if let Some(&pi) = para_stack.last()
                                && let Some(p) = out.paras.get_mut(pi)
                            {
                                let at = p.text.len();
                                p.text.push_str(&text);
                                p.pieces.push(Piece {
                                    at,
                                    text,
                                    node: Some(node),
                                });
                            }
                        }
                    }
                    Frame::Excluded => excluded = excluded.saturating_sub(1),
                    Frame::Tbl => {
                        tables.pop();
                    }
                    Frame::Tc => {
                        if let Some(t) = tables.last_mut()
                            && let Some((idx, span)) = t.cell.take()
                        {
                            t.next_col += span;
                            if let Some(c) = out.cells.get_mut(idx) {
                                c.range.end = after;
                            }
                        }
                        open_cells.pop();
                    }
                    Frame::TxbxContent => textbox = textbox.saturating_sub(1),
                    Frame::Body | Frame::Tr | Frame::Other => {}
                }
                if stack.is_empty() {
                    out.root_end_tag = before;
                }
            }
            Event::Text(t) => {
                if let Some((_, s)) = text_node.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, s)) = text_node.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = text_node.as_mut() {
                    match resolve_ref(&r) {
                        Some(c) => s.push(c),
                        None => return Err(xml_err(part, before as u64, "unknown entity")),
                    }
                }
            }
            Event::DocType(_) => return Err(xml_err(part, before as u64, "DOCTYPE refused")),
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() || !root_seen {
        return Err(xml_err(part, xml.len() as u64, "unexpected end of part"));
    }
    Ok(out)
}

/// A tab, break or symbol: text the reader sees, but not editable as text.
fn push_token(
    out: &mut DocxScan,
    para_stack: &[usize],
    name: &str,
    e: &quick_xml::events::BytesStart<'_>,
) {
    let token = match name {
        "tab" | "ptab" => "\t".to_string(),
        "br" | "cr" => "\n".to_string(),
        // As the reader reads it.
        "noBreakHyphen" => "-".to_string(),
        // `w:sym`: mapped as the reader maps it.
        _ => crate::read::docx::symbols::sym_text(
            &attr(e, "font").unwrap_or_default(),
            attr(e, "char")
                .and_then(|c| u32::from_str_radix(c.trim(), 16).ok())
                .unwrap_or(0),
        ),
    };
    if let Some(p) = para_stack.last().and_then(|&pi| out.paras.get_mut(pi)) {
        let at = p.text.len();
        p.text.push_str(&token);
        p.pieces.push(Piece {
            at,
            text: token,
            node: None,
        });
    }
}

/// True when the innermost frames are `w:tr` then an element (trPr).
fn in_tr_pr(stack: &[Frame]) -> bool {
    stack.len() >= 2 && stack[stack.len() - 2] == Frame::Tr
}

fn new_para(
    out: &DocxScan,
    start_tag: Range<usize>,
    self_closing: bool,
    cell: Option<usize>,
    in_textbox: bool,
) -> Para {
    Para {
        ordinal: out.paras.len() as u32 + 1,
        content_start: start_tag.end,
        end_tag: start_tag.end,
        start_tag,
        self_closing,
        cell,
        in_textbox,
        pieces: Vec::new(),
        text: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    #[test]
    fn numbers_paragraphs_tables_and_cells_like_the_reader() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">c &amp; d</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl><w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>e</w:t><w:tab/><w:t>f</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p><w:sectPr/></w:body></w:document>"#
        );
        let s = scan(&xml, "word/document.xml", 100).unwrap();
        let texts: Vec<_> = s
            .paras
            .iter()
            .map(|p| (p.ordinal, p.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (1, "a"),
                (2, "b"),
                (3, "c & d"),
                (4, ""),
                (5, "e\tf"),
                (6, "box")
            ]
        );
        assert_eq!(s.w_prefix, "w:");
        let cells: Vec<_> = s.cells.iter().map(|c| (c.table, c.row, c.col)).collect();
        assert_eq!(cells, vec![(1, 1, 2), (1, 1, 4), (2, 1, 1)]);
        assert_eq!(s.cell_at(1, 1, 4).unwrap().paras, vec![2, 3]);
        assert!(s.paras[5].in_textbox);
        assert!(s.body_sect_pr.is_some());
        // Content ranges point at the escaped bytes.
        let node = s.paras[2].pieces[0].node.as_ref().unwrap();
        assert_eq!(&xml[node.content.clone()], "c &amp; d");
    }

    #[test]
    fn ranges_index_the_part_as_stored_even_with_a_bom() {
        let xml = format!(
            "\u{feff}<?xml version=\"1.0\"?><w:document {W}><w:body><w:p><w:r><w:t>x&amp;y</w:t></w:r></w:p></w:body></w:document>"
        );
        let s = scan(&xml, "p", 100).unwrap();
        let node = s.paras[0].pieces[0].node.as_ref().unwrap();
        assert_eq!(&xml[node.content.clone()], "x&amp;y");
        assert_eq!(&xml[s.paras[0].start_tag.clone()], "<w:p>");
        assert_eq!(&xml[s.paras[0].end_tag..s.paras[0].end_tag + 6], "</w:p>");
    }
}
