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
use crate::read::xml::{XmlEvent, XmlReader, attr, attr_cow, find_any, on_off};
use quick_xml::events::BytesStart;
use std::borrow::Cow;
use std::collections::HashMap;

mod fields;
mod names;
mod paragraph;
mod table;

use fields::{close_field_span, sym_char};
use names::{Ns, Prefixes, classify_uri, split};
use table::TcProps;

/// Most comment ranges or complex fields kept open at once (hostile input
/// could open thousands and never close them).
const MAX_OPEN_RANGES: usize = 64;

/// Deepest nesting of tables and text boxes. Word itself stops far below
/// this; the bound keeps the recursive parser's stack small whatever the
/// XML depth limit is.
const MAX_NEST: usize = 32;

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
    /// `w:numPr`: list instance (`w:numId`) and level (`w:ilvl`).
    num_id: Option<i64>,
    ilvl: usize,
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
        if self.text.capacity() == 0 {
            // Room for a few runs at once: grown from the first run's
            // exact length, nearly every later run reallocated.
            self.text.reserve(s.len().max(48));
        }
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
    part: std::sync::Arc<str>,
    ns: Prefixes,
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
    /// The name of the last start or empty tag [`PartParser::next`] read,
    /// split: its address and length in the part, namespace and where the
    /// local name starts. The caller asks for it again at once
    /// ([`PartParser::name`]), and splitting twice per element was 2 % of
    /// `extract`.
    last_name: (usize, usize, Ns, usize),
    /// The inline-frame stack of the last paragraph, emptied, kept for the
    /// next (one allocation per part, not one per paragraph).
    spare_frames: Vec<(usize, Frame)>,
}

impl<'a, 'c> PartParser<'a, 'c> {
    /// A parser of the part `r` reads: over its bytes
    /// ([`XmlReader::over_bytes`], the main part: the reader checks them as
    /// UTF-8, see `xml::with_part`) or over its text
    /// ([`XmlReader::new`], a part from `decode`, not checked again).
    pub(super) fn new(
        r: XmlReader<'a>,
        limits: &Limits,
        rels: &'c HashMap<String, String>,
        out: &'c mut Collect,
    ) -> Self {
        let part = r.part().into();
        PartParser {
            r,
            part,
            ns: Prefixes::new(),
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
            last_name: (0, 0, Ns::Other, 0),
            spare_frames: Vec::new(),
        }
    }

    /// Bytes of the part read so far.
    pub(super) fn position(&self) -> u64 {
        self.r.position()
    }

    /// Learn namespace declarations of a start tag (cheap check first).
    fn learn_ns(&mut self, s: &BytesStart<'_>) {
        if !may_declare_ns(s.attributes_raw().as_bytes()) {
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
            self.ns.insert(prefix, classify_uri(&a.value));
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
                part: self.part.to_string(),
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
        let ev = self.r.next_event_inlined()?;
        if let XmlEvent::Start(s) | XmlEvent::Empty(s) = &ev {
            self.learn_ns(s);
            let q = s.name().into_inner();
            let (n, l) = split(&self.ns, q);
            self.last_name = (q.as_ptr() as usize, q.len(), n, q.len() - l.len());
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
            part: Some(self.part.to_string()),
            detail: format!(
                "more than {} paragraphs, cells, spans and revision marks",
                self.max_items
            ),
        }
    }

    // Inlined: asked four times for some tags (each `inline` group).
    #[inline(always)]
    fn name<'s>(&self, s: &'s BytesStart<'_>) -> (Ns, &'s str) {
        let q = s.name().into_inner();
        let (at, len, ns, local_at) = self.last_name;
        // The same tag (same bytes of the part) as split in `next`: the
        // namespaces learnt since cannot have changed.
        if q.as_ptr() as usize == at && q.len() == len {
            return (ns, q.get(local_at..).unwrap_or(q));
        }
        split(&self.ns, q)
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
}

/// Whether a tag's attributes may hold an `xmlns` declaration: an `x`
/// starting `xmlns` (most tags have no `x` at all, and a search for the
/// word cost more than the tag's other reading).
fn may_declare_ns(raw: &[u8]) -> bool {
    let mut at = 0;
    while let Some(x) = find_any(raw, at, [b'x']) {
        if raw.get(x..).is_some_and(|rest| rest.starts_with(b"xmlns")) {
            return true;
        }
        at = x + 1;
    }
    false
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
