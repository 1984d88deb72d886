//! Streaming parser of one WordprocessingML story part (document, header,
//! footer, footnotes, endnotes, comments) into located blocks.
//!
//! The part is read once with the safe pull reader; no DOM is built.
//! Paragraphs and tables are numbered as `crate::model` says: every `w:p`
//! and `w:tbl` start tag of the part counts, in document order, except the
//! `mc:Fallback` copy of drawing content (skipped unread).

use super::Collect;
use crate::error::ReadError;
use crate::model::{
    Block, Cell, Container, LocatedText, Location, Paragraph, Revision, Row, Span, SpanKind, Table,
};
use crate::read::Limits;
use crate::read::xml::{XmlEvent, XmlReader, attr, on_off};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// Most comment ranges or complex fields kept open at once (hostile input
/// could open thousands and never close them).
const MAX_OPEN_RANGES: usize = 64;

/// Deepest nesting of tables and text boxes. Word itself stops far below
/// this; the bound keeps the recursive parser's stack small whatever the
/// XML depth limit is.
const MAX_NEST: usize = 32;

/// Namespaces the parser cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    W14,
    Mc,
    M,
    Other,
}

fn classify_uri(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
        | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
        _ => Ns::Other,
    }
}

/// Where the paragraphs being read sit in a table.
#[derive(Debug, Clone, Copy)]
struct CellPos {
    table: u32,
    row: u32,
    col: u32,
}

/// What a content control says about itself.
#[derive(Debug, Clone, Default)]
struct SdtInfo {
    tag: Option<String>,
    alias: Option<String>,
    checked: Option<bool>,
    showing_placeholder: bool,
}

impl SdtInfo {
    fn span_kind(&self) -> SpanKind {
        SpanKind::ContentControl {
            tag: self.tag.clone(),
            alias: self.alias.clone(),
            checked: self.checked,
            showing_placeholder: self.showing_placeholder,
        }
    }
}

/// A legacy form field's `w:ffData`.
#[derive(Debug, Clone, Default)]
struct FormFieldInfo {
    field_type: String,
    name: Option<String>,
    checked: Option<bool>,
    default_checked: Option<bool>,
    dropdown_result: Option<usize>,
    dropdown_entries: Vec<String>,
}

/// A complex field (`w:fldChar`) open across runs, maybe paragraphs.
#[derive(Debug, Clone)]
struct FieldState {
    instr: String,
    in_result: bool,
    /// Paragraph number and byte offset where the result began; a result
    /// carried over from an earlier paragraph starts at 0.
    result_para: u32,
    result_start: usize,
    form: Option<FormFieldInfo>,
}

/// A comment range open across runs, maybe paragraphs.
#[derive(Debug, Clone)]
struct OpenComment {
    id: String,
    para: u32,
    start: usize,
}

/// Inline element open inside a paragraph, closed when the reader comes
/// back to its depth.
#[derive(Debug)]
enum Frame {
    Run {
        start: usize,
        hidden: bool,
        /// Author and date of a `w:rPrChange`.
        format_change: Option<(Option<String>, Option<String>)>,
    },
    Hyperlink {
        start: usize,
        target: String,
    },
    Ins {
        start: usize,
        author: Option<String>,
        date: Option<String>,
    },
    Del {
        author: Option<String>,
        date: Option<String>,
        text: String,
        moved: bool,
    },
    MoveTo {
        start: usize,
        author: Option<String>,
        date: Option<String>,
    },
    Sdt {
        start: usize,
        info: SdtInfo,
    },
    FldSimple {
        start: usize,
        instr: String,
    },
    Ruby {
        start: usize,
        reading: String,
    },
    RubyText,
    Alt {
        choice_taken: bool,
    },
}

/// Wrapper open at block, row or cell level.
#[derive(Debug)]
enum BlockFrame {
    Sdt { pushed: bool },
    Alt { choice_taken: bool },
}

/// A paragraph being built.
struct ParaBuild {
    no: u32,
    loc: Location,
    text: String,
    spans: Vec<Span>,
    style: Option<String>,
    container: Container,
    /// Text-box content anchored here, emitted right after the paragraph.
    extra: Vec<Block>,
    property_change: bool,
}

impl ParaBuild {
    fn len(&self) -> usize {
        self.text.len()
    }

    fn slice_from(&self, start: usize) -> String {
        self.text.get(start..).unwrap_or_default().to_string()
    }

    fn span(&mut self, start: usize, kind: SpanKind) {
        let end = self.text.len();
        let start = start.min(end);
        self.spans.push(Span { start, end, kind });
    }

    fn point(&mut self, kind: SpanKind) {
        let at = self.text.len();
        self.spans.push(Span {
            start: at,
            end: at,
            kind,
        });
    }

    /// Append visible text; hidden text extends the last hidden span.
    fn push_text(&mut self, s: &str, hidden: bool) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        if hidden {
            let end = self.text.len();
            if let Some(span) = self
                .spans
                .iter_mut()
                .rev()
                .take(8)
                .find(|sp| sp.kind == SpanKind::Hidden && sp.end == start)
            {
                span.end = end;
            } else {
                self.spans.push(Span {
                    start,
                    end,
                    kind: SpanKind::Hidden,
                });
            }
        }
    }
}

/// How a piece of text read from a run element is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextKind {
    /// `w:t`, `m:t`, tabs and breaks.
    Normal,
    /// `w:delText`.
    Deleted,
    /// `w:instrText`, `w:delInstrText`.
    Instr,
}

/// Parser state for one part.
pub(super) struct PartParser<'a, 'c> {
    r: XmlReader<'a>,
    part: String,
    ns: HashMap<String, Ns>,
    para_no: u32,
    table_no: u32,
    cell: Option<CellPos>,
    in_textbox: u32,
    rels: &'c HashMap<String, String>,
    out: &'c mut Collect,
    block_sdts: Vec<SdtInfo>,
    fields: Vec<FieldState>,
    comments_open: Vec<OpenComment>,
    /// Tables, text boxes and stray paragraphs currently nested (each one
    /// a level of recursion in this parser).
    nest: usize,
    /// Paragraphs, cells, tables, spans and revisions produced so far, and
    /// the most allowed ([`Limits::max_word_items`]).
    items: u64,
    max_items: u64,
}

/// Element name → (namespace, local name) without borrowing the parser.
fn split<'q>(ns: &HashMap<String, Ns>, qname: &'q str) -> (Ns, &'q str) {
    let (prefix, local) = match qname.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", qname),
    };
    let n = ns.get(prefix).copied().unwrap_or(Ns::Other);
    (n, local)
}

impl<'a, 'c> PartParser<'a, 'c> {
    pub(super) fn new(
        part: &str,
        text: &'a str,
        limits: &Limits,
        rels: &'c HashMap<String, String>,
        out: &'c mut Collect,
    ) -> Self {
        let mut ns = HashMap::new();
        ns.insert("w".to_string(), Ns::W);
        ns.insert("w14".to_string(), Ns::W14);
        ns.insert("mc".to_string(), Ns::Mc);
        ns.insert("m".to_string(), Ns::M);
        PartParser {
            r: XmlReader::new(part, text, limits),
            part: part.to_string(),
            ns,
            para_no: 0,
            table_no: 0,
            cell: None,
            in_textbox: 0,
            rels,
            out,
            block_sdts: Vec::new(),
            fields: Vec::new(),
            comments_open: Vec::new(),
            nest: 0,
            items: 0,
            max_items: limits.max_word_items,
        }
    }

    /// Learn namespace declarations of a start tag (cheap check first).
    fn learn_ns(&mut self, s: &BytesStart<'_>) {
        if !s.attributes_raw().contains("xmlns") {
            return;
        }
        for a in s.attributes().with_checks(false).flatten() {
            let key = a.key.as_ref();
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            self.ns.insert(prefix.to_string(), classify_uri(&a.value));
        }
    }

    /// Remember a comment range start. Ranges never closed would otherwise
    /// add a span to every later paragraph; past 64 open, the oldest goes.
    fn open_comment(&mut self, c: OpenComment) {
        if self.comments_open.len() >= MAX_OPEN_RANGES {
            self.comments_open.remove(0);
        }
        self.comments_open.push(c);
    }

    /// Enter one more level of nested structure, or refuse.
    fn enter(&mut self) -> Result<(), ReadError> {
        self.nest += 1;
        if self.nest > MAX_NEST {
            return Err(ReadError::TooDeep {
                part: self.part.clone(),
                limit: MAX_NEST,
            });
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.nest = self.nest.saturating_sub(1);
    }

    /// Next event, counting paragraphs and tables and learning namespaces.
    fn next(&mut self) -> Result<XmlEvent<'a>, ReadError> {
        let ev = self.r.next_event()?;
        if let XmlEvent::Start(s) | XmlEvent::Empty(s) = &ev {
            self.learn_ns(s);
            let (n, l) = split(&self.ns, s.name().into_inner());
            if n == Ns::W {
                match l {
                    "p" => {
                        self.para_no = self.para_no.saturating_add(1);
                        self.items += 1;
                    }
                    "tbl" => {
                        self.table_no = self.table_no.saturating_add(1);
                        self.items += 1;
                    }
                    "tc" => self.items += 1,
                    _ => {}
                }
            }
        }
        if self.items > self.max_items {
            return Err(self.too_many_items());
        }
        Ok(ev)
    }

    /// The error once more than [`Limits::max_word_items`] were produced.
    fn too_many_items(&self) -> ReadError {
        ReadError::LimitExceeded {
            part: Some(self.part.clone()),
            detail: format!(
                "more than {} paragraphs, cells, spans and revision marks",
                self.max_items
            ),
        }
    }

    fn name<'s>(&self, s: &'s BytesStart<'_>) -> (Ns, &'s str) {
        split(&self.ns, s.name().into_inner())
    }

    fn loc(&self, para: u32) -> Location {
        let mut loc = Location::in_part(self.part.clone());
        loc.paragraph = Some(para);
        if let Some(c) = self.cell {
            loc.table = Some(c.table);
            loc.row = Some(c.row);
            loc.col = Some(c.col);
        }
        loc
    }

    fn revision(
        &mut self,
        kind: &str,
        author: Option<String>,
        date: Option<String>,
        location: Location,
        text: String,
    ) {
        self.items += 1;
        self.out.revisions.push(Revision {
            kind: kind.to_string(),
            author,
            date,
            location,
            text,
        });
    }

    /// Record the revision mark `s` (a property change or a row/cell
    /// insertion or deletion): author and date from its attributes, no text.
    fn record_change(&mut self, kind: &str, s: &BytesStart<'_>, location: Location) {
        self.revision(
            kind,
            attr(s, "author"),
            attr(s, "date"),
            location,
            String::new(),
        );
    }

    /// The next start (`true`) or empty tag inside the element whose end
    /// leaves the reader at `end_depth`; `None` at that end tag or at the
    /// end of input. For property elements, whose text is never read.
    fn next_child(
        &mut self,
        end_depth: usize,
    ) -> Result<Option<(BytesStart<'a>, bool)>, ReadError> {
        loop {
            match self.next()? {
                XmlEvent::Start(s) => return Ok(Some((s, true))),
                XmlEvent::Empty(s) => return Ok(Some((s, false))),
                XmlEvent::End(_) if self.r.depth() == end_depth => return Ok(None),
                XmlEvent::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    /// Parse a whole part: the blocks of its story, and for notes and
    /// comments the blocks of each item with its attributes.
    pub(super) fn parse_part(&mut self) -> Result<PartContent, ReadError> {
        let mut content = PartContent::default();
        loop {
            match self.next()? {
                XmlEvent::Start(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "body" | "hdr" | "ftr") => {
                            let blocks = self.parse_blocks(false, &mut TcProps::default())?;
                            content.blocks.extend(blocks);
                        }
                        (Ns::W, "footnote" | "endnote" | "comment") => {
                            let item = PartItem {
                                id: attr(&s, "id").unwrap_or_default(),
                                kind: attr(&s, "type"),
                                author: attr(&s, "author"),
                                date: attr(&s, "date"),
                                blocks: self.parse_blocks(false, &mut TcProps::default())?,
                            };
                            content.items.push(item);
                        }
                        (Ns::Mc, "Fallback") => self.r.skip_element()?,
                        _ => {}
                    }
                }
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        Ok(content)
    }

    /// Blocks of a container element whose start tag was just read (body,
    /// cell, text box, note, comment, header), up to its end tag.
    fn parse_blocks(&mut self, in_cell: bool, tcpr: &mut TcProps) -> Result<Vec<Block>, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut blocks = Vec::new();
        let mut frames: Vec<(usize, BlockFrame)> = Vec::new();
        loop {
            let ev = self.next()?;
            match ev {
                XmlEvent::Start(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "p") => {
                            let (p, extra) = self.parse_paragraph(false)?;
                            blocks.push(Block::Paragraph(p));
                            blocks.extend(extra);
                        }
                        (Ns::W, "tbl") => blocks.push(Block::Table(self.parse_table()?)),
                        (Ns::W, "tcPr") if in_cell => self.parse_tcpr(tcpr)?,
                        (Ns::W, "txbxContent") => {
                            let inner = self.parse_textbox()?;
                            blocks.extend(inner);
                        }
                        (Ns::W, "sectPr" | "tblPr" | "trPr") => self.scan_props()?,
                        (Ns::W, "altChunk") => {
                            self.out
                                .note(&self.part, "an imported chunk (w:altChunk) was not read");
                            self.r.skip_element()?;
                        }
                        _ => self.wrapper_start(&s, n, l, &mut frames)?,
                    }
                }
                XmlEvent::Empty(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "p") => {
                            let (p, extra) = self.parse_paragraph(true)?;
                            blocks.push(Block::Paragraph(p));
                            blocks.extend(extra);
                        }
                        (Ns::W, "tbl") => blocks.push(Block::Table(Table {
                            location: self.table_loc(self.table_no),
                            name: None,
                            rows: Vec::new(),
                            merged: Vec::new(),
                        })),
                        (Ns::W, "commentRangeStart") => {
                            if let Some(id) = attr(&s, "id") {
                                let next = self.loc(self.para_no.saturating_add(1));
                                self.out.comment_anchors.entry(id.clone()).or_insert(next);
                                self.open_comment(OpenComment {
                                    id,
                                    para: u32::MAX,
                                    start: 0,
                                });
                            }
                        }
                        (Ns::W, "commentRangeEnd") => {
                            if let Some(id) = attr(&s, "id") {
                                self.comments_open.retain(|c| c.id != id);
                            }
                        }
                        _ => {}
                    }
                }
                XmlEvent::End(_) => {
                    if self.wrapper_end(end_depth, &mut frames) {
                        break;
                    }
                }
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        self.close_wrappers(frames);
        Ok(blocks)
    }

    /// Content controls, custom XML and alternate content around blocks,
    /// rows or cells: transparent, except that a content control's
    /// properties apply to every paragraph inside it.
    fn wrapper_start(
        &mut self,
        s: &BytesStart<'_>,
        n: Ns,
        l: &str,
        frames: &mut Vec<(usize, BlockFrame)>,
    ) -> Result<(), ReadError> {
        let depth = self.r.depth();
        match (n, l) {
            (Ns::W, "sdt") => frames.push((depth, BlockFrame::Sdt { pushed: false })),
            (Ns::W, "sdtPr") => {
                let info = self.parse_sdt_pr()?;
                if let Some((_, BlockFrame::Sdt { pushed })) = frames.last_mut()
                    && !*pushed
                {
                    *pushed = true;
                    self.block_sdts.push(info);
                }
            }
            (Ns::W, "sdtEndPr" | "customXmlPr" | "smartTagPr") => self.r.skip_element()?,
            (Ns::Mc, "AlternateContent") => {
                frames.push((
                    depth,
                    BlockFrame::Alt {
                        choice_taken: false,
                    },
                ));
            }
            (Ns::Mc, "Choice") => {
                if let Some((_, BlockFrame::Alt { choice_taken })) = frames.last_mut() {
                    if *choice_taken {
                        self.r.skip_element()?;
                    } else {
                        *choice_taken = true;
                    }
                }
            }
            (Ns::Mc, "Fallback") => self.r.skip_element()?,
            _ => {
                let _ = s;
            }
        }
        Ok(())
    }

    /// Wrappers still open when their container ends (malformed input):
    /// their content controls stop applying.
    fn close_wrappers(&mut self, frames: Vec<(usize, BlockFrame)>) {
        for (_, frame) in frames.into_iter().rev() {
            if let BlockFrame::Sdt { pushed: true } = frame {
                self.block_sdts.pop();
            }
        }
    }

    /// An end tag just read inside a container: `true` when it ends the
    /// container itself (the reader is back at `end_depth`), else it closes
    /// the wrapper it ends, if any.
    fn wrapper_end(&mut self, end_depth: usize, frames: &mut Vec<(usize, BlockFrame)>) -> bool {
        let depth_after = self.r.depth();
        if depth_after == end_depth {
            return true;
        }
        if frames.last().is_some_and(|(d, _)| *d == depth_after + 1)
            && let Some((_, BlockFrame::Sdt { pushed: true })) = frames.pop()
        {
            self.block_sdts.pop();
        }
        false
    }

    /// Properties that may hold revision marks (`w:sectPrChange`,
    /// `w:tblPrChange`, row `w:ins`/`w:del`, ...): each recorded, the old
    /// properties they carry skipped, everything else ignored.
    fn scan_props(&mut self) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, is_start)) = self.next_child(end_depth)? {
            if let Some(kind) = self.change_kind(&s) {
                let loc = self.block_loc();
                self.record_change(kind, &s, loc);
                if is_start {
                    self.r.skip_element()?;
                }
            }
        }
        Ok(())
    }

    /// The revision kind of a property-change or row/cell revision mark.
    fn change_kind(&self, s: &BytesStart<'_>) -> Option<&'static str> {
        let (n, l) = self.name(s);
        if n != Ns::W {
            return None;
        }
        match l {
            "sectPrChange" | "tblPrChange" | "trPrChange" | "tcPrChange" | "tblGridChange"
            | "tblPrExChange" | "pPrChange" | "numberingChange" | "cellMerge" => Some("property"),
            "rPrChange" => Some("format"),
            "ins" | "cellIns" => Some("insert"),
            "del" | "cellDel" => Some("delete"),
            _ => None,
        }
    }

    /// `w:trPr` whose start was just read: revisions recorded; returns
    /// `w:gridBefore`.
    fn parse_trpr(&mut self, table: u32, row_no: u32) -> Result<u32, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut before = 0;
        let mut loc = self.table_loc(table);
        loc.row = Some(row_no);
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if (n, l) == (Ns::W, "gridBefore") {
                before = attr(&s, "val")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(0)
                    .min(1000);
            } else if let Some(kind) = self.change_kind(&s) {
                self.record_change(kind, &s, loc.clone());
            }
        }
        Ok(before)
    }

    /// `w:tcPr` whose start was just read.
    fn parse_tcpr(&mut self, tcpr: &mut TcProps) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            match (n, l) {
                (Ns::W, "gridSpan") => {
                    tcpr.grid_span = attr(&s, "val")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1);
                }
                (Ns::W, "vMerge") => tcpr.v_merge = Some(merge_of(&s)),
                (Ns::W, "hMerge") => tcpr.h_merge = Some(merge_of(&s)),
                _ => {
                    if let Some(kind) = self.change_kind(&s) {
                        let loc = self.block_loc();
                        self.record_change(kind, &s, loc);
                        if l == "tcPrChange" {
                            // Holds the old properties: not ours.
                            let d = self.r.depth();
                            if d > end_depth + 1 {
                                self.r.skip_element()?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Location of the block being read (table/cell if inside one).
    fn block_loc(&self) -> Location {
        let mut loc = Location::in_part(self.part.clone());
        if let Some(c) = self.cell {
            loc.table = Some(c.table);
            loc.row = Some(c.row);
            loc.col = Some(c.col);
        }
        loc
    }

    fn table_loc(&self, table: u32) -> Location {
        let mut loc = Location::in_part(self.part.clone());
        loc.table = Some(table);
        loc
    }

    /// `w:txbxContent` whose start was just read: its blocks, marked as
    /// text-box paragraphs. Open fields of the anchoring paragraph are set
    /// aside meanwhile.
    fn parse_textbox(&mut self) -> Result<Vec<Block>, ReadError> {
        self.enter()?;
        let saved_fields = std::mem::take(&mut self.fields);
        self.in_textbox += 1;
        let result = self.parse_blocks(false, &mut TcProps::default());
        self.in_textbox = self.in_textbox.saturating_sub(1);
        self.fields = saved_fields;
        self.leave();
        result
    }

    fn parse_sdt_pr(&mut self) -> Result<SdtInfo, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut info = SdtInfo::default();
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            match (n, l) {
                (Ns::W, "tag") => info.tag = attr(&s, "val"),
                (Ns::W, "alias") => info.alias = attr(&s, "val"),
                (Ns::W, "showingPlcHdr") => info.showing_placeholder = on_off(&s),
                (Ns::W14, "checkbox") => {
                    info.checked.get_or_insert(false);
                }
                (Ns::W14, "checked") => info.checked = Some(on_off(&s)),
                _ => {}
            }
        }
        Ok(info)
    }

    // ----- paragraphs -----

    /// A `w:p` whose start tag was just read (and counted); `empty` for
    /// `<w:p/>`. Returns the paragraph and the text-box content anchored in
    /// it (to be placed right after it).
    fn parse_paragraph(&mut self, empty: bool) -> Result<(Paragraph, Vec<Block>), ReadError> {
        let no = self.para_no;
        let mut pb = ParaBuild {
            no,
            loc: self.loc(no),
            text: String::new(),
            spans: Vec::new(),
            style: None,
            container: if self.in_textbox > 0 {
                Container::TextBox
            } else {
                Container::Body
            },
            extra: Vec::new(),
            property_change: false,
        };
        if !empty {
            let end_depth = self.r.depth().saturating_sub(1);
            let mut frames: Vec<(usize, Frame)> = Vec::new();
            loop {
                match self.next()? {
                    XmlEvent::Start(s) => self.inline(&s, true, &mut pb, &mut frames)?,
                    XmlEvent::Empty(s) => self.inline(&s, false, &mut pb, &mut frames)?,
                    XmlEvent::End(_) => {
                        let depth = self.r.depth();
                        if self.items.saturating_add(pb.spans.len() as u64) > self.max_items {
                            return Err(self.too_many_items());
                        }
                        while frames.last().is_some_and(|(d, _)| *d > depth) {
                            if let Some((_, frame)) = frames.pop() {
                                self.close_frame(&mut pb, frame);
                            }
                        }
                        if depth == end_depth {
                            break;
                        }
                    }
                    XmlEvent::Text(_) => {}
                    XmlEvent::Eof => break,
                }
            }
            while let Some((_, frame)) = frames.pop() {
                self.close_frame(&mut pb, frame);
            }
        }
        Ok(self.finish_paragraph(pb))
    }

    /// One start (`is_start`) or empty tag inside a paragraph.
    fn inline(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
        frames: &mut Vec<(usize, Frame)>,
    ) -> Result<(), ReadError> {
        let (n, l) = self.name(s);
        let depth = self.r.depth();
        match (n, l) {
            (Ns::W, "pPr") if is_start => self.parse_ppr(pb)?,
            (Ns::W, "rPr") if is_start => self.parse_rpr(frames)?,
            (Ns::W, "r") if is_start => frames.push((
                depth,
                Frame::Run {
                    start: pb.len(),
                    hidden: false,
                    format_change: None,
                },
            )),
            (Ns::W | Ns::M, "t") if is_start => {
                let t = self.r.element_text()?;
                self.emit(pb, frames, &t, TextKind::Normal);
            }
            (Ns::W, "delText") if is_start => {
                let t = self.r.element_text()?;
                self.emit(pb, frames, &t, TextKind::Deleted);
            }
            (Ns::W, "instrText" | "delInstrText") if is_start => {
                let t = self.r.element_text()?;
                self.emit(pb, frames, &t, TextKind::Instr);
            }
            (Ns::W, "tab" | "ptab" | "br" | "cr" | "noBreakHyphen" | "sym") => {
                let t = match l {
                    "tab" | "ptab" => "\t".to_string(),
                    "br" | "cr" => "\n".to_string(),
                    "noBreakHyphen" => "-".to_string(),
                    _ => sym_char(s),
                };
                if is_start {
                    self.r.skip_element()?;
                }
                self.emit(pb, frames, &t, TextKind::Normal);
            }
            (Ns::W, "fldChar") => self.field_char(s, is_start, pb)?,
            (Ns::W, "fldSimple") => {
                let instr = attr(s, "instr").unwrap_or_default();
                if is_start {
                    frames.push((
                        depth,
                        Frame::FldSimple {
                            start: pb.len(),
                            instr,
                        },
                    ));
                } else {
                    self.close_frame(
                        pb,
                        Frame::FldSimple {
                            start: pb.len(),
                            instr,
                        },
                    );
                }
            }
            (Ns::W, "hyperlink") if is_start => {
                let target = attr(s, "id")
                    .and_then(|id| self.rels.get(&id).cloned())
                    .or_else(|| attr(s, "anchor").map(|a| format!("#{a}")));
                if let Some(target) = target {
                    frames.push((
                        depth,
                        Frame::Hyperlink {
                            start: pb.len(),
                            target,
                        },
                    ));
                }
            }
            (Ns::W, "ins") if is_start => frames.push((
                depth,
                Frame::Ins {
                    start: pb.len(),
                    author: attr(s, "author"),
                    date: attr(s, "date"),
                },
            )),
            (Ns::W, "del" | "moveFrom") if is_start => frames.push((
                depth,
                Frame::Del {
                    author: attr(s, "author"),
                    date: attr(s, "date"),
                    text: String::new(),
                    moved: l == "moveFrom",
                },
            )),
            (Ns::W, "moveTo") if is_start => frames.push((
                depth,
                Frame::MoveTo {
                    start: pb.len(),
                    author: attr(s, "author"),
                    date: attr(s, "date"),
                },
            )),
            (Ns::W, "sdt") if is_start => frames.push((
                depth,
                Frame::Sdt {
                    start: pb.len(),
                    info: SdtInfo::default(),
                },
            )),
            (Ns::W, "sdtPr") if is_start => {
                let parsed = self.parse_sdt_pr()?;
                if let Some((_, Frame::Sdt { info, .. })) = frames.last_mut() {
                    *info = parsed;
                }
            }
            (Ns::W, "sdtEndPr" | "rubyPr" | "smartTagPr" | "customXmlPr") if is_start => {
                self.r.skip_element()?;
            }
            (Ns::W, "ruby") if is_start => frames.push((
                depth,
                Frame::Ruby {
                    start: pb.len(),
                    reading: String::new(),
                },
            )),
            (Ns::W, "rt") if is_start => frames.push((depth, Frame::RubyText)),
            (Ns::W, "txbxContent") if is_start => {
                let blocks = self.parse_textbox()?;
                pb.extra.extend(blocks);
            }
            (Ns::W, "p") => {
                // Not valid directly in a paragraph; read so numbering stays true.
                self.enter()?;
                let parsed = self.parse_paragraph(!is_start);
                self.leave();
                let (p, extra) = parsed?;
                pb.extra.push(Block::Paragraph(p));
                pb.extra.extend(extra);
            }
            (Ns::W, "tbl") if is_start => {
                let t = self.parse_table()?;
                pb.extra.push(Block::Table(t));
            }
            (Ns::Mc, "AlternateContent") if is_start => {
                frames.push((
                    depth,
                    Frame::Alt {
                        choice_taken: false,
                    },
                ));
            }
            (Ns::Mc, "Choice") if is_start => {
                if let Some((_, Frame::Alt { choice_taken })) = frames.last_mut() {
                    if *choice_taken {
                        self.r.skip_element()?;
                    } else {
                        *choice_taken = true;
                    }
                }
            }
            (Ns::Mc, "Fallback") if is_start => self.r.skip_element()?,
            (Ns::W, "commentRangeStart") => {
                if let Some(id) = attr(s, "id") {
                    self.out
                        .comment_anchors
                        .entry(id.clone())
                        .or_insert_with(|| pb.loc.clone());
                    self.open_comment(OpenComment {
                        id,
                        para: pb.no,
                        start: pb.len(),
                    });
                }
                if is_start {
                    self.r.skip_element()?;
                }
            }
            (Ns::W, "commentRangeEnd") => {
                if let Some(id) = attr(s, "id")
                    && let Some(pos) = self.comments_open.iter().position(|c| c.id == id)
                {
                    let c = self.comments_open.remove(pos);
                    let start = if c.para == pb.no { c.start } else { 0 };
                    pb.span(start, SpanKind::Commented { comment_id: c.id });
                }
                if is_start {
                    self.r.skip_element()?;
                }
            }
            (Ns::W, "commentReference") => {
                if let Some(id) = attr(s, "id") {
                    self.out
                        .comment_anchors
                        .entry(id)
                        .or_insert_with(|| pb.loc.clone());
                }
                if is_start {
                    self.r.skip_element()?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Route text read from a run to where it belongs: ruby reading,
    /// deleted text, a field instruction, or the paragraph.
    fn emit(
        &mut self,
        pb: &mut ParaBuild,
        frames: &mut [(usize, Frame)],
        text: &str,
        kind: TextKind,
    ) {
        if text.is_empty() {
            return;
        }
        if kind == TextKind::Instr {
            if let Some(f) = self.fields.iter_mut().rev().find(|f| !f.in_result) {
                f.instr.push_str(text);
            }
            return;
        }
        let in_del = frames.iter().any(|(_, f)| matches!(f, Frame::Del { .. }));
        if frames.iter().any(|(_, f)| matches!(f, Frame::RubyText)) {
            if !in_del
                && kind == TextKind::Normal
                && let Some(reading) = frames.iter_mut().rev().find_map(|(_, f)| match f {
                    Frame::Ruby { reading, .. } => Some(reading),
                    _ => None,
                })
            {
                reading.push_str(text);
            }
            return;
        }
        if in_del || kind == TextKind::Deleted {
            let target = frames.iter_mut().rev().find_map(|(_, f)| match f {
                Frame::Del { text, .. } => Some(text),
                _ => None,
            });
            match target {
                Some(t) => t.push_str(text),
                None => push_deleted(pb, text, None),
            }
            return;
        }
        if let Some(f) = self.fields.iter_mut().rev().find(|f| !f.in_result) {
            // Text of a field nested in another field's instruction.
            f.instr.push_str(text);
            return;
        }
        let hidden = frames.iter().rev().find_map(|(_, f)| match f {
            Frame::Run { hidden, .. } => Some(*hidden),
            _ => None,
        });
        pb.push_text(text, hidden.unwrap_or(false));
    }

    /// Close an inline frame: its span and its revision entry.
    fn close_frame(&mut self, pb: &mut ParaBuild, frame: Frame) {
        match frame {
            Frame::Run {
                start,
                format_change: Some((author, date)),
                ..
            } => {
                let text = pb.slice_from(start);
                pb.span(
                    start,
                    SpanKind::OtherRevision {
                        what: "format".into(),
                    },
                );
                let loc = pb.loc.clone();
                self.revision("format", author, date, loc, text);
            }
            Frame::Run { .. } | Frame::RubyText | Frame::Alt { .. } => {}
            Frame::Hyperlink { start, target } => pb.span(start, SpanKind::Hyperlink { target }),
            Frame::Ins {
                start,
                author,
                date,
            } => {
                let text = pb.slice_from(start);
                pb.span(
                    start,
                    SpanKind::Inserted {
                        author: author.clone(),
                    },
                );
                let loc = pb.loc.clone();
                self.revision("insert", author, date, loc, text);
            }
            Frame::Del {
                author,
                date,
                text,
                moved,
            } => {
                push_deleted(pb, &text, author.clone());
                let loc = pb.loc.clone();
                self.revision(
                    if moved { "move" } else { "delete" },
                    author,
                    date,
                    loc,
                    text,
                );
            }
            Frame::MoveTo {
                start,
                author,
                date,
            } => {
                let text = pb.slice_from(start);
                pb.span(
                    start,
                    SpanKind::OtherRevision {
                        what: "move".into(),
                    },
                );
                let loc = pb.loc.clone();
                self.revision("move", author, date, loc, text);
            }
            Frame::Sdt { start, info } => pb.span(start, info.span_kind()),
            Frame::FldSimple { start, instr } => {
                if self.fields.iter().any(|f| !f.in_result) {
                    return;
                }
                let field = FieldState {
                    instr,
                    in_result: true,
                    result_para: pb.no,
                    result_start: start,
                    form: None,
                };
                close_field_span(pb, field);
            }
            Frame::Ruby { start, reading } => pb.span(start, SpanKind::Ruby { reading }),
        }
    }

    /// `w:fldChar` (begin / separate / end); a begin may carry `w:ffData`.
    fn field_char(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
    ) -> Result<(), ReadError> {
        let kind = attr(s, "fldCharType").unwrap_or_default();
        let form = if is_start { self.parse_ffdata()? } else { None };
        match kind.as_str() {
            // Nesting is bounded: past 64 open fields the oldest is dropped.
            "begin" => {
                if self.fields.len() >= MAX_OPEN_RANGES {
                    self.fields.remove(0);
                }
                self.fields.push(FieldState {
                    instr: String::new(),
                    in_result: false,
                    result_para: pb.no,
                    result_start: pb.len(),
                    form,
                });
            }
            "separate" => {
                if let Some(f) = self.fields.last_mut() {
                    f.in_result = true;
                    f.result_para = pb.no;
                    f.result_start = pb.len();
                }
            }
            "end" => {
                if let Some(f) = self.fields.pop() {
                    // A field nested in another's instruction leaves no span.
                    if !self.fields.iter().any(|o| !o.in_result) {
                        close_field_span(pb, f);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The `w:ffData` of a `w:fldChar` whose start was just read, up to the
    /// end of the `w:fldChar`.
    fn parse_ffdata(&mut self) -> Result<Option<FormFieldInfo>, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut ff: Option<FormFieldInfo> = None;
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if n != Ns::W {
                continue;
            }
            if l == "ffData" {
                ff = Some(FormFieldInfo::default());
                continue;
            }
            let Some(f) = ff.as_mut() else { continue };
            match l {
                "name" => f.name = attr(&s, "val"),
                "checkBox" => f.field_type = "checkbox".into(),
                "textInput" => f.field_type = "text".into(),
                "ddList" => f.field_type = "dropdown".into(),
                "default" if f.field_type == "checkbox" => {
                    f.default_checked = Some(on_off(&s));
                }
                "checked" => f.checked = Some(on_off(&s)),
                "result" => {
                    f.dropdown_result = attr(&s, "val").and_then(|v| v.trim().parse().ok());
                }
                "listEntry" if f.dropdown_entries.len() < 1000 => {
                    f.dropdown_entries.push(attr(&s, "val").unwrap_or_default());
                }
                _ => {}
            }
        }
        Ok(ff)
    }

    /// `w:pPr` whose start was just read: style and revision marks.
    fn parse_ppr(&mut self, pb: &mut ParaBuild) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, is_start)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if n != Ns::W {
                continue;
            }
            match l {
                "pStyle" => pb.style = attr(&s, "val"),
                "sectPr" if is_start => self.scan_props()?,
                "pPrChange" | "rPrChange" | "ins" | "del" | "moveFrom" | "moveTo" => {
                    let kind = match l {
                        "pPrChange" => "property",
                        "rPrChange" => "format",
                        "ins" => "insert",
                        "del" => "delete",
                        _ => "move",
                    };
                    if l == "pPrChange" {
                        pb.property_change = true;
                    }
                    let loc = pb.loc.clone();
                    self.record_change(kind, &s, loc);
                    if is_start {
                        self.r.skip_element()?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `w:rPr` of a run whose start was just read: hidden text and
    /// formatting revisions.
    fn parse_rpr(&mut self, frames: &mut [(usize, Frame)]) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, is_start)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if n != Ns::W {
                continue;
            }
            let run = frames.iter_mut().rev().find_map(|(_, f)| match f {
                Frame::Run {
                    hidden,
                    format_change,
                    ..
                } => Some((hidden, format_change)),
                _ => None,
            });
            match l {
                "vanish" => {
                    if let Some((hidden, _)) = run {
                        *hidden = on_off(&s);
                    }
                }
                "rPrChange" => {
                    if let Some((_, change)) = run {
                        *change = Some((attr(&s, "author"), attr(&s, "date")));
                    }
                    if is_start {
                        self.r.skip_element()?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Close a paragraph: spans of ranges still open (fields, comments,
    /// block content controls), hidden text recorded.
    fn finish_paragraph(&mut self, mut pb: ParaBuild) -> (Paragraph, Vec<Block>) {
        let len = pb.len();
        for f in &self.fields {
            if f.in_result {
                let start = if f.result_para == pb.no {
                    f.result_start
                } else {
                    0
                };
                pb.spans.push(Span {
                    start: start.min(len),
                    end: len,
                    kind: SpanKind::Field {
                        instruction: f.instr.trim().to_string(),
                    },
                });
            }
        }
        for c in &self.comments_open {
            let start = if c.para == pb.no { c.start } else { 0 };
            pb.spans.push(Span {
                start: start.min(len),
                end: len,
                kind: SpanKind::Commented {
                    comment_id: c.id.clone(),
                },
            });
        }
        for info in &self.block_sdts {
            pb.spans.push(Span {
                start: 0,
                end: len,
                kind: info.span_kind(),
            });
        }
        if pb.property_change {
            pb.span(
                0,
                SpanKind::OtherRevision {
                    what: "property".into(),
                },
            );
        }
        for sp in &pb.spans {
            if sp.kind == SpanKind::Hidden {
                self.out.hidden_text.push(LocatedText {
                    location: pb.loc.clone(),
                    text: pb
                        .text
                        .get(sp.start..sp.end)
                        .unwrap_or_default()
                        .to_string(),
                });
            }
        }
        self.items += pb.spans.len() as u64;
        pb.spans.sort_by_key(|s| s.start);
        let p = Paragraph {
            location: pb.loc,
            text: pb.text,
            style: pb.style,
            container: pb.container,
            spans: pb.spans,
            cells: Vec::new(),
        };
        (p, pb.extra)
    }

    // ----- tables -----

    /// A `w:tbl` whose start was just read (and counted).
    fn parse_table(&mut self) -> Result<Table, ReadError> {
        self.enter()?;
        let result = self.parse_table_inner();
        self.leave();
        result
    }

    fn parse_table_inner(&mut self) -> Result<Table, ReadError> {
        let table = self.table_no;
        let end_depth = self.r.depth().saturating_sub(1);
        let saved_cell = self.cell;
        let mut rows: Vec<Row> = Vec::new();
        let mut row_no: u32 = 0;
        // grid column → (index in rows, index in cells) of the cell that
        // started a vertical merge there.
        let mut vopen: HashMap<u32, (usize, usize)> = HashMap::new();
        let mut frames: Vec<(usize, BlockFrame)> = Vec::new();
        loop {
            match self.next()? {
                XmlEvent::Start(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "tr") => {
                            row_no = row_no.saturating_add(1);
                            let row = self.parse_row(table, row_no, &mut rows, &mut vopen)?;
                            rows.push(row);
                        }
                        (Ns::W, "tblPr" | "tblGrid" | "tblPrEx") => {
                            self.cell = saved_cell;
                            self.scan_props()?;
                        }
                        (Ns::W, "p") => {
                            // Not valid here; read so numbering stays true.
                            self.cell = saved_cell;
                            let _ = self.parse_paragraph(false)?;
                        }
                        (Ns::W, "tbl") => {
                            self.cell = saved_cell;
                            let _ = self.parse_table()?;
                        }
                        _ => self.wrapper_start(&s, n, l, &mut frames)?,
                    }
                }
                XmlEvent::Empty(s) => {
                    let (n, l) = self.name(&s);
                    if (n, l) == (Ns::W, "tr") {
                        row_no = row_no.saturating_add(1);
                        rows.push(Row {
                            index: row_no,
                            cells: Vec::new(),
                        });
                    }
                }
                XmlEvent::End(_) => {
                    if self.wrapper_end(end_depth, &mut frames) {
                        break;
                    }
                }
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        self.close_wrappers(frames);
        self.cell = saved_cell;
        Ok(Table {
            location: self.table_loc(table),
            name: None,
            rows,
            merged: Vec::new(),
        })
    }

    /// A `w:tr` whose start was just read.
    fn parse_row(
        &mut self,
        table: u32,
        row_no: u32,
        rows: &mut [Row],
        vopen: &mut HashMap<u32, (usize, usize)>,
    ) -> Result<Row, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let saved_cell = self.cell;
        let mut rb = RowBuild {
            table,
            row_no,
            this_row: rows.len(),
            col: 1,
            cells: Vec::new(),
        };
        let mut frames: Vec<(usize, BlockFrame)> = Vec::new();
        loop {
            match self.next()? {
                XmlEvent::Start(s) => {
                    let (n, l) = self.name(&s);
                    match (n, l) {
                        (Ns::W, "trPr") => {
                            let before = self.parse_trpr(table, row_no)?;
                            if rb.cells.is_empty() {
                                rb.col = rb.col.saturating_add(before);
                            }
                        }
                        (Ns::W, "tc") => {
                            self.cell = Some(CellPos {
                                table,
                                row: row_no,
                                col: rb.col,
                            });
                            let mut tcpr = TcProps::default();
                            let blocks = self.parse_blocks(true, &mut tcpr)?;
                            self.cell = saved_cell;
                            let span = tcpr.grid_span.clamp(1, 1000);
                            self.place_cell(&mut rb, span, &tcpr, blocks, rows, vopen);
                            rb.col = rb.col.saturating_add(span);
                        }
                        (Ns::W, "tblPrEx") => self.r.skip_element()?,
                        _ => self.wrapper_start(&s, n, l, &mut frames)?,
                    }
                }
                XmlEvent::Empty(s) => {
                    let (n, l) = self.name(&s);
                    if (n, l) == (Ns::W, "tc") {
                        self.place_cell(&mut rb, 1, &TcProps::default(), Vec::new(), rows, vopen);
                        rb.col = rb.col.saturating_add(1);
                    }
                }
                XmlEvent::End(_) => {
                    if self.wrapper_end(end_depth, &mut frames) {
                        break;
                    }
                }
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        self.close_wrappers(frames);
        self.cell = saved_cell;
        Ok(Row {
            index: row_no,
            cells: rb.cells,
        })
    }

    /// Put a read cell in its row, resolving vertical and legacy
    /// horizontal merges: a continuation cell is folded into the cell it
    /// continues (its non-blank paragraphs appended there), so a merged
    /// region is one cell with spans.
    fn place_cell(
        &mut self,
        rb: &mut RowBuild,
        span: u32,
        tcpr: &TcProps,
        blocks: Vec<Block>,
        rows: &mut [Row],
        vopen: &mut HashMap<u32, (usize, usize)>,
    ) {
        let col = rb.col;
        if tcpr.h_merge == Some(Merge::Continue)
            && let Some(prev) = rb.cells.last_mut()
        {
            prev.col_span = prev.col_span.saturating_add(span);
            prev.blocks
                .extend(blocks.into_iter().filter(block_has_text));
            return;
        }
        if tcpr.v_merge == Some(Merge::Continue)
            && let Some(&(ri, ci)) = vopen.get(&col)
            && ri < rb.this_row
            && let Some(origin) = rows.get_mut(ri).and_then(|r| r.cells.get_mut(ci))
        {
            origin.row_span = rb.row_no.saturating_sub(origin.row).saturating_add(1);
            origin
                .blocks
                .extend(blocks.into_iter().filter(block_has_text));
            return;
        }
        // Only merges starting under this cell end here (span is at most
        // 1000, so this stays linear in the row's width).
        for k in col..col.saturating_add(span) {
            vopen.remove(&k);
        }
        if tcpr.v_merge.is_some() {
            // A restart, or a continuation with nothing above: starts a merge.
            vopen.insert(col, (rb.this_row, rb.cells.len()));
        }
        let mut location = self.table_loc(rb.table);
        location.row = Some(rb.row_no);
        location.col = Some(col);
        rb.cells.push(Cell {
            location,
            row: rb.row_no,
            col,
            row_span: 1,
            col_span: span,
            blocks,
            number: None,
        });
    }
}

/// A row being built.
struct RowBuild {
    table: u32,
    row_no: u32,
    /// Index the row will have in the table's rows.
    this_row: usize,
    /// Grid column of the next cell.
    col: u32,
    cells: Vec<Cell>,
}

fn block_has_text(b: &Block) -> bool {
    match b {
        Block::Paragraph(p) => !p.text.trim().is_empty(),
        Block::Table(_) => true,
    }
}

/// Merge state of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    Restart,
    Continue,
}

fn merge_of(s: &BytesStart<'_>) -> Merge {
    match attr(s, "val").as_deref() {
        Some("restart") => Merge::Restart,
        _ => Merge::Continue,
    }
}

/// Cell properties that shape the grid.
#[derive(Debug, Default)]
struct TcProps {
    grid_span: u32,
    v_merge: Option<Merge>,
    h_merge: Option<Merge>,
}

/// What a part holds: the story's blocks, or (notes, comments) items.
#[derive(Debug, Default)]
pub(super) struct PartContent {
    pub blocks: Vec<Block>,
    pub items: Vec<PartItem>,
}

/// A footnote, endnote or comment.
#[derive(Debug)]
pub(super) struct PartItem {
    pub id: String,
    pub kind: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub blocks: Vec<Block>,
}

/// A zero-width deletion mark, merged with one just before at the same
/// place by the same author.
fn push_deleted(pb: &mut ParaBuild, text: &str, author: Option<String>) {
    let at = pb.len();
    if let Some(Span {
        start,
        end,
        kind: SpanKind::Deleted {
            text: prev,
            author: a,
        },
    }) = pb.spans.last_mut()
        && *start == at
        && *end == at
        && *a == author
    {
        prev.push_str(text);
        return;
    }
    pb.point(SpanKind::Deleted {
        text: text.to_string(),
        author,
    });
}

/// The span of a field that just ended: a form-field span for `FORM*`
/// fields (a dropdown's chosen entry written in when it shows no result),
/// else a field span with the instruction.
fn close_field_span(pb: &mut ParaBuild, f: FieldState) {
    let start = if !f.in_result {
        pb.len()
    } else if f.result_para == pb.no {
        f.result_start
    } else {
        0
    };
    let instruction = f.instr.trim().to_string();
    let code = instruction
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    let form_type = match code.as_str() {
        "FORMTEXT" => Some("text"),
        "FORMCHECKBOX" => Some("checkbox"),
        "FORMDROPDOWN" => Some("dropdown"),
        _ => None,
    };
    if form_type.is_none() && f.form.is_none() {
        pb.span(start, SpanKind::Field { instruction });
        return;
    }
    let form = f.form.unwrap_or_default();
    let field_type = if form.field_type.is_empty() {
        form_type.unwrap_or("text").to_string()
    } else {
        form.field_type.clone()
    };
    if field_type == "dropdown" && start >= pb.len() {
        let chosen = form.dropdown_entries.get(form.dropdown_result.unwrap_or(0));
        if let Some(entry) = chosen {
            pb.push_text(entry, false);
        }
    }
    let checked = if field_type == "checkbox" {
        form.checked.or(form.default_checked).or(Some(false))
    } else {
        None
    };
    pb.span(
        start,
        SpanKind::FormField {
            field_type,
            name: form.name,
            checked,
        },
    );
}

/// Best-effort text of a `w:sym`: the common Wingdings ballot boxes, else
/// the character code itself (a symbol-font private-use code point).
fn sym_char(s: &BytesStart<'_>) -> String {
    let code = attr(s, "char")
        .and_then(|c| u32::from_str_radix(c.trim(), 16).ok())
        .unwrap_or(0);
    let font = attr(s, "font").unwrap_or_default().to_ascii_lowercase();
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    if font.starts_with("wingdings") {
        match low {
            0xA8 | 0x6F | 0x71 => return "☐".into(),
            0xFE => return "☑".into(),
            0xFD | 0x78 => return "☒".into(),
            0xFC => return "✓".into(),
            _ => {}
        }
    }
    char::from_u32(code)
        .filter(|c| !c.is_control())
        .map(String::from)
        .unwrap_or_default()
}
