//! Streaming parser of an ODF text part (`content.xml`'s `office:text`,
//! or a header or footer of `styles.xml`) into located blocks.
//!
//! Numbering follows [`crate::model`]: every `text:p` / `text:h` start tag
//! of the part counts as a paragraph, every `table:table` as a table, in
//! document order; a cell's column is its grid column (covered cells,
//! which ODF writes out, and the spans of the cells to its left counted).

use crate::error::ReadError;
use crate::model::{
    Block, Cell, Comment, Container, LocatedText, Location, Paragraph, Revision, Row, Span,
    SpanKind, Table,
};
use crate::read::Limits;
use crate::read::xml::{XmlEvent, XmlReader, attr, local, qname};
use quick_xml::events::BytesStart;
use std::collections::{HashMap, HashSet};

/// Deepest nesting of tables, frames and notes (the XML depth limit
/// bounds the rest).
const MAX_NEST: usize = 32;
/// Rows or columns an empty repeated row or cell may stand for.
const MAX_REPEAT: u32 = 1024;

/// A tracked change declared in `text:tracked-changes`.
#[derive(Debug, Clone, Default)]
struct Change {
    kind: String,
    author: Option<String>,
    date: Option<String>,
    /// The text a deletion removed.
    deleted: String,
}

/// What a part gives besides its blocks.
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub revisions: Vec<Revision>,
    pub hidden_text: Vec<LocatedText>,
    pub comments: Vec<Comment>,
    pub comment_blocks: Vec<Block>,
    pub note_blocks: Vec<Block>,
    /// Text-style names whose `text:display` is `none`.
    pub hidden_styles: HashSet<String>,
    /// Cells and paragraphs read (bounded by `max_word_items`).
    pub items: u64,
    /// Spaces written for `text:s` (bounded by `max_part_bytes`: a 20-byte
    /// tag may stand for a thousand of them).
    pub spaces: u64,
}

/// A paragraph being built.
struct Para {
    text: String,
    spans: Vec<Span>,
    /// Inside a hidden span: where it started.
    hidden_from: Vec<Option<usize>>,
    /// Open annotation ranges: name → start.
    annotations: HashMap<String, usize>,
    /// Open insertions: change id → start.
    inserted: HashMap<String, usize>,
    /// Where the base text of the open ruby starts.
    ruby_base: Option<usize>,
}

pub(super) struct OdfParser<'a, 'c> {
    r: XmlReader<'a>,
    part: String,
    limits: &'a Limits,
    pub(super) collect: &'c mut Collected,
    changes: HashMap<String, Change>,
    paragraph: u32,
    table: u32,
    /// The table cell being read: (table, row, col).
    cell: Option<(u32, u32, u32)>,
    nest: usize,
    in_note: bool,
}

impl<'a, 'c> OdfParser<'a, 'c> {
    pub(super) fn new(
        part: &str,
        text: &'a str,
        limits: &'a Limits,
        collect: &'c mut Collected,
    ) -> Self {
        OdfParser {
            r: XmlReader::new(part, text, limits),
            part: part.to_string(),
            limits,
            collect,
            changes: HashMap::new(),
            paragraph: 0,
            table: 0,
            cell: None,
            nest: 0,
            in_note: false,
        }
    }

    /// The whole part: the blocks of every element named `container`
    /// (`office:text` in content.xml; `style:header` … in styles.xml, each
    /// returned separately with its element name).
    pub(super) fn parse(
        &mut self,
        containers: &[&str],
    ) -> Result<Vec<(String, Vec<Block>)>, ReadError> {
        let mut out = Vec::new();
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) => {
                    let name = qname(&s);
                    if name == "office:automatic-styles" || name == "office:styles" {
                        self.styles()?;
                    } else if containers.contains(&name.as_str()) && !display_off(&s) {
                        let blocks = self.blocks()?;
                        out.push((name, blocks));
                    } else if containers.contains(&name.as_str()) {
                        self.r.skip_element()?;
                    }
                }
                XmlEvent::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    /// Style definitions: note the text styles that hide text.
    fn styles(&mut self) -> Result<(), ReadError> {
        let depth = self.r.depth();
        let mut current: Option<String> = None;
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) | XmlEvent::Empty(s) => match qname(&s).as_str() {
                    "style:style" => current = attr(&s, "name"),
                    "style:text-properties" if attr(&s, "display").as_deref() == Some("none") => {
                        if let Some(name) = &current {
                            self.collect.hidden_styles.insert(name.clone());
                        }
                    }
                    _ => {}
                },
                XmlEvent::End(_) if self.r.depth() < depth => return Ok(()),
                XmlEvent::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn count_item(&mut self) -> Result<(), ReadError> {
        self.collect.items += 1;
        if self.collect.items > self.limits.max_word_items {
            return Err(ReadError::LimitExceeded {
                part: Some(self.part.clone()),
                detail: format!(
                    "more than {} paragraphs and cells",
                    self.limits.max_word_items
                ),
            });
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<(), ReadError> {
        self.nest += 1;
        if self.nest > MAX_NEST {
            return Err(ReadError::LimitExceeded {
                part: Some(self.part.clone()),
                detail: format!("tables, frames and notes nested deeper than {MAX_NEST}"),
            });
        }
        Ok(())
    }

    fn loc(&self, para: u32) -> Location {
        let mut loc = Location::in_part(self.part.clone());
        loc.paragraph = Some(para);
        if let Some((t, r, c)) = self.cell {
            loc.table = Some(t);
            loc.row = Some(r);
            loc.col = Some(c);
        }
        loc
    }

    /// The blocks up to the end of the element whose start was just read.
    fn blocks(&mut self) -> Result<Vec<Block>, ReadError> {
        let depth = self.r.depth();
        let mut out = Vec::new();
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) => {
                    let name = qname(&s);
                    match name.as_str() {
                        "text:p" | "text:h" => out.extend(self.paragraph(&s, false)?),
                        "table:table" => {
                            let t = self.table_block()?;
                            out.push(Block::Table(t));
                        }
                        "text:tracked-changes" => self.tracked_changes()?,
                        "office:forms"
                        | "text:sequence-decls"
                        | "table:table-columns"
                        | "table:table-column"
                        | "text:variable-decls"
                        | "text:user-field-decls"
                        | "office:annotation" => self.r.skip_element()?,
                        _ => {}
                    }
                }
                XmlEvent::Empty(s) if matches!(qname(&s).as_str(), "text:p" | "text:h") => {
                    out.extend(self.paragraph(&s, true)?);
                }
                XmlEvent::End(_) if self.r.depth() < depth => return Ok(out),
                XmlEvent::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    /// `text:tracked-changes`: each region's kind, author, date and the
    /// text a deletion removed.
    fn tracked_changes(&mut self) -> Result<(), ReadError> {
        let depth = self.r.depth();
        let mut id = String::new();
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) => match qname(&s).as_str() {
                    "text:changed-region" => id = attr(&s, "id").unwrap_or_default(),
                    "text:insertion" | "text:deletion" | "text:format-change" => {
                        let kind = local(&qname(&s)).to_string();
                        self.changes.entry(id.clone()).or_default().kind = kind;
                    }
                    "dc:creator" => {
                        let t = self.r.element_text()?;
                        self.changes.entry(id.clone()).or_default().author = Some(t);
                    }
                    "dc:date" => {
                        let t = self.r.element_text()?;
                        self.changes.entry(id.clone()).or_default().date = Some(t);
                    }
                    "text:p" | "text:h" => {
                        let t = self.r.element_text()?;
                        let c = self.changes.entry(id.clone()).or_default();
                        if !c.deleted.is_empty() {
                            c.deleted.push('\n');
                        }
                        c.deleted.push_str(&t);
                    }
                    _ => {}
                },
                XmlEvent::End(_) if self.r.depth() < depth => return Ok(()),
                XmlEvent::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// A `text:p` / `text:h` whose start (or empty tag) was just read: the
    /// paragraph, then the paragraphs and tables of its frames and text
    /// boxes (container [`Container::TextBox`]). Footnote bodies go to the
    /// notes.
    fn paragraph(&mut self, s: &BytesStart<'_>, empty: bool) -> Result<Vec<Block>, ReadError> {
        self.count_item()?;
        self.paragraph += 1;
        let no = self.paragraph;
        let style = if qname(s) == "text:h" {
            Some(format!(
                "Heading {}",
                attr(s, "outline-level").unwrap_or_else(|| "1".into())
            ))
        } else {
            attr(s, "style-name")
        };
        let para_hidden =
            attr(s, "style-name").is_some_and(|n| self.collect.hidden_styles.contains(&n));
        let mut p = Para {
            text: String::new(),
            spans: Vec::new(),
            hidden_from: vec![para_hidden.then_some(0)],
            annotations: HashMap::new(),
            inserted: HashMap::new(),
            ruby_base: None,
        };
        let mut after: Vec<Block> = Vec::new();
        if !empty {
            self.inline(&mut p, &mut after, no)?;
        }
        if let Some(Some(start)) = p.hidden_from.first() {
            push_span(&mut p.spans, *start, p.text.len(), SpanKind::Hidden);
        }
        for (id, start) in std::mem::take(&mut p.inserted) {
            let end = p.text.len();
            self.inserted_span(&mut p, &id, start, end, no);
        }
        let loc = self.loc(no);
        for span in p.spans.iter().filter(|s| s.kind == SpanKind::Hidden) {
            if let Some(t) = p.text.get(span.start..span.end)
                && !t.trim().is_empty()
            {
                self.collect.hidden_text.push(LocatedText {
                    location: loc.clone(),
                    text: t.to_string(),
                });
            }
        }
        let mut para = Paragraph::new(loc, p.text);
        para.style = style;
        para.spans = p.spans;
        let mut out = vec![Block::Paragraph(para)];
        if self.in_note {
            self.collect.note_blocks.append(&mut out);
        }
        out.extend(after);
        Ok(out)
    }

    /// The content of a paragraph up to its end tag.
    fn inline(&mut self, p: &mut Para, after: &mut Vec<Block>, no: u32) -> Result<(), ReadError> {
        let depth = self.r.depth();
        // Depth of each open hidden `text:span`.
        let mut spans: Vec<usize> = Vec::new();
        loop {
            match self.r.next_event()? {
                XmlEvent::Text(t) => p.text.push_str(&t),
                XmlEvent::Start(s) => self.inline_start(&s, p, after, no, &mut spans)?,
                XmlEvent::Empty(s) => self.inline_empty(&s, p, no)?,
                XmlEvent::End(_) => {
                    if spans.last() == Some(&(self.r.depth() + 1)) {
                        spans.pop();
                        if let Some(Some(start)) = p.hidden_from.pop() {
                            push_span(&mut p.spans, start, p.text.len(), SpanKind::Hidden);
                        }
                    }
                    if self.r.depth() < depth {
                        return Ok(());
                    }
                }
                XmlEvent::Eof => return Ok(()),
            }
        }
    }

    fn inline_start(
        &mut self,
        s: &BytesStart<'_>,
        p: &mut Para,
        after: &mut Vec<Block>,
        no: u32,
        spans: &mut Vec<usize>,
    ) -> Result<(), ReadError> {
        match qname(s).as_str() {
            "text:span" => {
                let hidden =
                    attr(s, "style-name").is_some_and(|n| self.collect.hidden_styles.contains(&n));
                // A hidden span inside a hidden paragraph adds nothing.
                let outer_hidden = p.hidden_from.iter().any(Option::is_some);
                spans.push(self.r.depth());
                p.hidden_from
                    .push((hidden && !outer_hidden).then_some(p.text.len()));
            }
            "office:annotation" => self.annotation(s, p, no)?,
            "text:note" => self.note()?,
            "text:ruby-base" => p.ruby_base = Some(p.text.len()),
            "text:ruby-text" => {
                let reading = self.r.element_text()?;
                let end = p.text.len();
                let start = p.ruby_base.take().unwrap_or(end);
                push_span(&mut p.spans, start, end, SpanKind::Ruby { reading });
            }
            "text:p" | "text:h" => {
                // A paragraph inside a frame, text box or shape.
                self.enter()?;
                let blocks = self.paragraph(s, false)?;
                self.nest -= 1;
                after.extend(blocks.into_iter().map(as_text_box));
            }
            "table:table" => {
                let t = self.table_block()?;
                after.push(Block::Table(t));
            }
            "svg:title" | "svg:desc" | "text:tracked-changes" => self.r.skip_element()?,
            // Frames, text boxes, shapes, links, fields: their text is read.
            _ => {}
        }
        Ok(())
    }

    fn inline_empty(&mut self, s: &BytesStart<'_>, p: &mut Para, no: u32) -> Result<(), ReadError> {
        match qname(s).as_str() {
            "text:s" => {
                let n = attr(s, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                self.collect.spaces += n as u64;
                if self.collect.spaces > self.limits.max_part_bytes {
                    return Err(ReadError::LimitExceeded {
                        part: Some(self.part.clone()),
                        detail: format!(
                            "text:s expands to more than {} spaces",
                            self.limits.max_part_bytes
                        ),
                    });
                }
                p.text.push_str(&" ".repeat(n));
            }
            "text:tab" => p.text.push('\t'),
            "text:line-break" => p.text.push('\n'),
            "text:change" => {
                let id = attr(s, "change-id").unwrap_or_default();
                let change = self.changes.get(&id).cloned().unwrap_or_default();
                let at = p.text.len();
                self.collect.revisions.push(Revision {
                    kind: "delete".into(),
                    author: change.author.clone(),
                    date: change.date.clone(),
                    location: self.loc(no),
                    text: change.deleted.clone(),
                });
                push_span(
                    &mut p.spans,
                    at,
                    at,
                    SpanKind::Deleted {
                        text: change.deleted,
                        author: change.author,
                    },
                );
            }
            "text:change-start" => {
                let id = attr(s, "change-id").unwrap_or_default();
                p.inserted.insert(id, p.text.len());
            }
            "text:change-end" => {
                let id = attr(s, "change-id").unwrap_or_default();
                if let Some(start) = p.inserted.remove(&id) {
                    let end = p.text.len();
                    self.inserted_span(p, &id, start, end, no);
                }
            }
            "office:annotation-end" => {
                let name = attr(s, "name").unwrap_or_default();
                if let Some(start) = p.annotations.remove(&name) {
                    let end = p.text.len();
                    push_span(
                        &mut p.spans,
                        start,
                        end,
                        SpanKind::Commented { comment_id: name },
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// An insertion (or a format change) over `start..end`.
    fn inserted_span(&mut self, p: &mut Para, id: &str, start: usize, end: usize, no: u32) {
        let change = self.changes.get(id).cloned().unwrap_or_default();
        let text = p.text.get(start..end).unwrap_or_default().to_string();
        let (kind, span) = if change.kind == "format-change" {
            (
                "format",
                SpanKind::OtherRevision {
                    what: "format".into(),
                },
            )
        } else {
            (
                "insert",
                SpanKind::Inserted {
                    author: change.author.clone(),
                },
            )
        };
        self.collect.revisions.push(Revision {
            kind: kind.into(),
            author: change.author,
            date: change.date,
            location: self.loc(no),
            text,
        });
        push_span(&mut p.spans, start, end, span);
    }

    /// An `office:annotation` (a comment) whose start was just read.
    fn annotation(&mut self, s: &BytesStart<'_>, p: &mut Para, no: u32) -> Result<(), ReadError> {
        let id = attr(s, "name")
            .unwrap_or_else(|| format!("annotation{}", self.collect.comments.len() + 1));
        let depth = self.r.depth();
        let mut lines: Vec<String> = Vec::new();
        let (mut author, mut date) = (None, None);
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) => match qname(&s).as_str() {
                    "dc:creator" => author = Some(self.r.element_text()?),
                    "dc:date" => date = Some(self.r.element_text()?),
                    "text:p" | "text:h" => lines.push(self.r.element_text()?),
                    _ => {}
                },
                XmlEvent::Empty(s) if qname(&s) == "text:p" => lines.push(String::new()),
                XmlEvent::End(_) if self.r.depth() < depth => break,
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        let anchor = self.loc(no);
        let text = lines.join("\n");
        p.annotations.insert(id.clone(), p.text.len());
        // A comment on a point (no annotation-end) marks the point.
        push_span(
            &mut p.spans,
            p.text.len(),
            p.text.len(),
            SpanKind::Commented {
                comment_id: id.clone(),
            },
        );
        self.collect
            .comment_blocks
            .push(Block::Paragraph(Paragraph::new(
                anchor.clone(),
                text.clone(),
            )));
        self.collect.comments.push(Comment {
            id,
            author,
            date,
            text,
            anchor: Some(anchor),
        });
        Ok(())
    }

    /// A `text:note` (footnote or endnote): its body goes to the notes.
    fn note(&mut self) -> Result<(), ReadError> {
        let depth = self.r.depth();
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) => match qname(&s).as_str() {
                    "text:note-citation" => self.r.skip_element()?,
                    "text:note-body" => {
                        self.enter()?;
                        let was = std::mem::replace(&mut self.in_note, true);
                        let blocks = self.blocks()?;
                        self.in_note = was;
                        self.nest -= 1;
                        // Paragraphs were moved to the notes as they were
                        // read; tables follow them.
                        for b in blocks {
                            if let Block::Table(_) = b {
                                self.collect.note_blocks.push(b);
                            }
                        }
                    }
                    _ => {}
                },
                XmlEvent::End(_) if self.r.depth() < depth => return Ok(()),
                XmlEvent::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// A `table:table` whose start was just read (and is counted here).
    fn table_block(&mut self) -> Result<Table, ReadError> {
        self.enter()?;
        self.table += 1;
        let table = self.table;
        let outer = self.cell;
        let depth = self.r.depth();
        let mut rows: Vec<Row> = Vec::new();
        let mut row_no: u32 = 0;
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) if qname(&s) == "table:table-row" => {
                    row_no += 1;
                    let cells = self.row(table, row_no)?;
                    let repeat = repeat_of(&s, "number-rows-repeated");
                    if !cells.is_empty() {
                        rows.push(Row {
                            index: row_no,
                            cells,
                        });
                    }
                    row_no += repeat - 1;
                }
                XmlEvent::Empty(s) if qname(&s) == "table:table-row" => {
                    row_no += repeat_of(&s, "number-rows-repeated");
                }
                XmlEvent::Start(s)
                    if matches!(
                        qname(&s).as_str(),
                        "table:table-columns" | "table:table-column" | "table:table-source"
                    ) =>
                {
                    self.r.skip_element()?
                }
                XmlEvent::End(_) if self.r.depth() < depth => break,
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        self.cell = outer;
        self.nest -= 1;
        let mut location = Location::in_part(self.part.clone());
        location.table = Some(table);
        Ok(Table {
            location,
            name: None,
            rows,
            merged: Vec::new(),
        })
    }

    /// The cells of a `table:table-row` whose start was just read.
    fn row(&mut self, table: u32, row: u32) -> Result<Vec<Cell>, ReadError> {
        let depth = self.r.depth();
        let mut col: u32 = 1;
        let mut cells = Vec::new();
        loop {
            match self.r.next_event()? {
                XmlEvent::Start(s) if qname(&s) == "table:table-cell" => {
                    self.count_item()?;
                    let col_span = span_of(&s, "number-columns-spanned");
                    let row_span = span_of(&s, "number-rows-spanned");
                    let repeat = repeat_of(&s, "number-columns-repeated");
                    self.cell = Some((table, row, col));
                    let blocks = self.blocks()?;
                    let mut location = Location::in_part(self.part.clone());
                    location.table = Some(table);
                    location.row = Some(row);
                    location.col = Some(col);
                    cells.push(Cell {
                        location,
                        row,
                        col,
                        row_span,
                        col_span,
                        blocks,
                        number: None,
                    });
                    // The positions a span covers are written out as
                    // covered cells, which advance the column themselves.
                    col = col.saturating_add(repeat);
                }
                XmlEvent::Empty(s) if qname(&s) == "table:table-cell" => {
                    col = col.saturating_add(repeat_of(&s, "number-columns-repeated"));
                }
                XmlEvent::Start(s) if qname(&s) == "table:covered-table-cell" => {
                    // Covered cells hold nothing visible; skip what they keep.
                    col = col.saturating_add(repeat_of(&s, "number-columns-repeated"));
                    self.r.skip_element()?;
                }
                XmlEvent::Empty(s) if qname(&s) == "table:covered-table-cell" => {
                    col = col.saturating_add(repeat_of(&s, "number-columns-repeated"));
                }
                XmlEvent::End(_) if self.r.depth() < depth => return Ok(cells),
                XmlEvent::Eof => return Ok(cells),
                _ => {}
            }
        }
    }
}

/// A frame's paragraph, marked as text-box content.
fn as_text_box(block: Block) -> Block {
    match block {
        Block::Paragraph(mut p) => {
            p.container = Container::TextBox;
            Block::Paragraph(p)
        }
        other => other,
    }
}

fn push_span(spans: &mut Vec<Span>, start: usize, end: usize, kind: SpanKind) {
    if end < start {
        return;
    }
    if end == start && !matches!(kind, SpanKind::Deleted { .. } | SpanKind::Commented { .. }) {
        return;
    }
    spans.push(Span { start, end, kind });
}

/// `style:display="false"` on a header or footer: switched off.
fn display_off(s: &BytesStart<'_>) -> bool {
    attr(s, "display").as_deref() == Some("false")
}

fn span_of(s: &BytesStart<'_>, name: &str) -> u32 {
    attr(s, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, 16_384)
}

fn repeat_of(s: &BytesStart<'_>, name: &str) -> u32 {
    attr(s, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_REPEAT)
}
