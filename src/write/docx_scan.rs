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

impl Piece {
    /// Append `text` as a piece of `full` (a paragraph's or a shared
    /// string's text), remembering where it starts.
    pub(crate) fn append(
        full: &mut String,
        pieces: &mut Vec<Piece>,
        text: String,
        node: Option<TextNode>,
    ) {
        let at = full.len();
        full.push_str(&text);
        pieces.push(Piece { at, text, node });
    }
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
    let mut s = Scanner::default();
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
                if s.stack.len() >= max_depth {
                    return Err(xml_err(part, before as u64, "nesting too deep"));
                }
                s.start(&e, w_ns, mc_ns, before..after);
            }
            Event::Empty(e) => {
                if s.skip_depth > 0 {
                    continue;
                }
                if !s.root_seen {
                    return Err(xml_err(part, before as u64, "empty root element"));
                }
                if w_ns {
                    s.empty(&e, before..after);
                }
            }
            Event::End(_) => s.end(before..after),
            // Text outside a `w:t` is not decoded at all.
            Event::Text(t) if s.text_node.is_some() => s.push_text(&t.xml10_content()),
            Event::CData(t) if s.text_node.is_some() => s.push_text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some((_, text)) = s.text_node.as_mut() {
                    match resolve_ref(&r) {
                        Some(c) => text.push(c),
                        None => return Err(xml_err(part, before as u64, "unknown entity")),
                    }
                }
            }
            Event::DocType(_) => return Err(xml_err(part, before as u64, "DOCTYPE refused")),
            Event::Eof => break,
            _ => {}
        }
    }
    if !s.stack.is_empty() || !s.root_seen {
        return Err(xml_err(part, xml.len() as u64, "unexpected end of part"));
    }
    Ok(s.out)
}

/// The state of one scan: what was found so far and the open elements.
#[derive(Default)]
struct Scanner {
    out: DocxScan,
    stack: Vec<Frame>,
    para_stack: Vec<usize>,
    tables: Vec<TableState>,
    open_cells: Vec<usize>,
    table_count: u32,
    /// Inside mc:Fallback.
    skip_depth: usize,
    /// Inside w:del, w:moveFrom, w:rt, w:instrText...
    excluded: usize,
    runs: usize,
    textbox: usize,
    text_node: Option<(TextNode, String)>,
    root_seen: bool,
}

impl Scanner {
    /// A start tag: push its frame.
    fn start(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        w_ns: bool,
        mc_ns: bool,
        tag: Range<usize>,
    ) {
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            self.stack.push(Frame::Other);
            return;
        }
        let qname = e.name().0.to_string();
        let name = local(&qname).to_string();
        if !self.root_seen {
            self.root_seen = true;
            self.out.root_content_start = tag.end;
            if w_ns {
                self.out.w_prefix = prefix_of(&qname).to_string();
            }
        }
        if mc_ns && name == "Fallback" {
            self.skip_depth = 1;
            self.stack.push(Frame::Other);
            return;
        }
        let frame = if w_ns {
            self.w_start(e, &qname, &name, tag)
        } else {
            Frame::Other
        };
        self.stack.push(frame);
    }

    /// The frame of a `w:` start tag, recording what it opens.
    fn w_start(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        qname: &str,
        name: &str,
        tag: Range<usize>,
    ) -> Frame {
        let (before, after) = (tag.start, tag.end);
        match name {
            "body" => Frame::Body,
            "p" => {
                let idx = self.out.paras.len();
                let para = new_para(
                    &self.out,
                    before..after,
                    false,
                    self.open_cells.last().copied(),
                    self.textbox > 0,
                );
                self.out.paras.push(para);
                self.in_open_cells(idx);
                self.para_stack.push(idx);
                Frame::P(idx)
            }
            "pPr" => Frame::PPr,
            "r" => {
                self.runs += 1;
                Frame::R
            }
            "t" if self.excluded == 0 && self.runs > 0 && !self.para_stack.is_empty() => {
                let preserve = super::xml::attr_q(e, "xml:space").as_deref() == Some("preserve");
                self.text_node = Some((
                    TextNode {
                        start_tag: before..after,
                        content: after..after,
                        self_closing: false,
                        preserve,
                        qname: qname.to_string(),
                    },
                    String::new(),
                ));
                Frame::T
            }
            "del" | "moveFrom" | "rt" | "instrText" | "delText" | "delInstrText" => {
                self.excluded += 1;
                Frame::Excluded
            }
            "tbl" | "tr" | "tc" => self.table_start(name, before),
            "txbxContent" => {
                self.textbox += 1;
                Frame::TxbxContent
            }
            "tab" | "ptab" | "br" | "cr" | "sym" | "noBreakHyphen"
                if self.excluded == 0 && self.runs > 0 =>
            {
                push_token(&mut self.out, &self.para_stack, name, e);
                // Whatever is inside is not text.
                self.excluded += 1;
                Frame::Excluded
            }
            _ => Frame::Other,
        }
    }

    /// A table, row or cell opens: count it in the reader's numbering.
    fn table_start(&mut self, name: &str, before: usize) -> Frame {
        match name {
            "tbl" => {
                self.table_count += 1;
                self.tables.push(TableState {
                    ordinal: self.table_count,
                    row: 0,
                    next_col: 0,
                    cell: None,
                });
                Frame::Tbl
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row += 1;
                    t.next_col = 0;
                }
                Frame::Tr
            }
            _ => {
                if let Some(t) = self.tables.last_mut() {
                    let idx = self.out.cells.len();
                    self.out.cells.push(CellInfo {
                        table: t.ordinal,
                        row: t.row,
                        col: t.next_col + 1,
                        range: before..before,
                        paras: Vec::new(),
                    });
                    t.cell = Some((idx, 1));
                    self.open_cells.push(idx);
                }
                Frame::Tc
            }
        }
    }

    /// Paragraph `idx` belongs to every open cell (a nested table's
    /// paragraph is also in the outer cell).
    fn in_open_cells(&mut self, idx: usize) {
        for &c in &self.open_cells {
            if let Some(cell) = self.out.cells.get_mut(c) {
                cell.paras.push(idx);
            }
        }
    }

    /// An empty `w:` element.
    fn empty(&mut self, e: &quick_xml::events::BytesStart<'_>, tag: Range<usize>) {
        let (before, after) = (tag.start, tag.end);
        let qname = e.name().0.to_string();
        let name = local(&qname).to_string();
        match name.as_str() {
            "p" => {
                let idx = self.out.paras.len();
                let mut p = new_para(
                    &self.out,
                    before..after,
                    true,
                    self.open_cells.last().copied(),
                    self.textbox > 0,
                );
                p.content_start = after;
                p.end_tag = after;
                self.out.paras.push(p);
                self.in_open_cells(idx);
            }
            "pPr" => self.para_props_end(after),
            "t" if self.excluded == 0 && self.runs > 0 => {
                if let Some(&pi) = self.para_stack.last()
                    && let Some(p) = self.out.paras.get_mut(pi)
                {
                    Piece::append(
                        &mut p.text,
                        &mut p.pieces,
                        String::new(),
                        Some(TextNode {
                            start_tag: before..after,
                            content: after..after,
                            self_closing: true,
                            preserve: false,
                            qname,
                        }),
                    );
                }
            }
            "tab" | "ptab" | "br" | "cr" | "sym" | "noBreakHyphen"
                if self.excluded == 0 && self.runs > 0 =>
            {
                push_token(&mut self.out, &self.para_stack, &name, e);
            }
            "gridBefore" if in_tr_pr(&self.stack) => {
                if let Some(t) = self.tables.last_mut() {
                    let n = attr(e, "val")
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(0);
                    t.next_col += n.min(1000);
                }
            }
            "gridSpan" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some((_, span)) = t.cell.as_mut()
                {
                    let n = attr(e, "val")
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(1);
                    *span = n.clamp(1, 1000);
                }
            }
            "sectPr" if matches!(self.stack.last(), Some(Frame::Body)) => {
                self.out.body_sect_pr = Some(before);
            }
            _ => {}
        }
    }

    /// The paragraph's content starts after its properties.
    fn para_props_end(&mut self, after: usize) {
        if let (Some(&pi), Some(Frame::P(_))) = (self.para_stack.last(), self.stack.last())
            && let Some(p) = self.out.paras.get_mut(pi)
        {
            p.content_start = after;
        }
    }

    /// An end tag: close its frame.
    fn end(&mut self, tag: Range<usize>) {
        let (before, after) = (tag.start, tag.end);
        let frame = self.stack.pop().unwrap_or(Frame::Other);
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match frame {
            Frame::P(idx) => {
                self.para_stack.pop();
                if let Some(p) = self.out.paras.get_mut(idx) {
                    p.end_tag = before;
                }
            }
            Frame::PPr => self.para_props_end(after),
            Frame::R => self.runs = self.runs.saturating_sub(1),
            Frame::T => self.text_end(before),
            Frame::Excluded => self.excluded = self.excluded.saturating_sub(1),
            Frame::Tbl => {
                self.tables.pop();
            }
            Frame::Tc => {
                if let Some(t) = self.tables.last_mut()
                    && let Some((idx, span)) = t.cell.take()
                {
                    t.next_col += span;
                    if let Some(c) = self.out.cells.get_mut(idx) {
                        c.range.end = after;
                    }
                }
                self.open_cells.pop();
            }
            Frame::TxbxContent => self.textbox = self.textbox.saturating_sub(1),
            Frame::Body | Frame::Tr | Frame::Other => {}
        }
        if self.stack.is_empty() {
            self.out.root_end_tag = before;
        }
    }

    /// A `w:t` closes: its text joins the open paragraph.
    fn text_end(&mut self, before: usize) {
        if let Some((mut node, text)) = self.text_node.take() {
            node.content = node.start_tag.end..before;
            if let Some(&pi) = self.para_stack.last()
                && let Some(p) = self.out.paras.get_mut(pi)
            {
                Piece::append(&mut p.text, &mut p.pieces, text, Some(node));
            }
        }
    }

    /// Text inside an open `w:t`.
    fn push_text(&mut self, s: &str) {
        if let Some((_, text)) = self.text_node.as_mut() {
            text.push_str(s);
        }
    }
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
        Piece::append(&mut p.text, &mut p.pieces, token, None);
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
