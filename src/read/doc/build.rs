//! From a story's characters and paragraph properties to located blocks:
//! paragraphs end at 0x0D, table cells at 0x07, rows at the mark whose
//! properties say "table terminating paragraph" (sprmPFTtp, or
//! sprmPFInnerTtp in a nested table); fields keep their result text and
//! drop their instructions; deleted revisions are left out.

use super::fkp::{CharProps, ParaProps, Runs};
use super::table::TableBuild;
use crate::error::ReadError;
use crate::model::{Block, Container, LocatedText, Location, Paragraph, Revision, Span, SpanKind};
use crate::read::numbering::Numbering;
use std::cell::RefCell;

/// What one story's build collects besides its blocks.
#[derive(Debug, Default)]
pub struct Extras {
    pub revisions: Vec<Revision>,
    pub hidden: Vec<LocatedText>,
}

struct Field {
    in_instruction: bool,
    instruction: String,
    result_start: Option<usize>,
}

pub struct Builder<'a> {
    part: Option<std::sync::Arc<str>>,
    papx: &'a Runs<ParaProps>,
    chpx: &'a Runs<CharProps>,
    /// Shared by the stories of a document: numbering goes on across them.
    lists: &'a RefCell<Numbering>,
    container: Container,
    para_no: u32,
    table_no: u32,
    items: u64,
    max_items: u64,
    pub blocks: Vec<Block>,
    stack: Vec<TableBuild>,
    fields: Vec<Field>,
    pub extras: Extras,
    // The paragraph being read.
    text: String,
    spans: Vec<Span>,
    deleted: String,
    /// The previous paragraph ended a cell (for files without table
    /// properties: an empty 0x07 paragraph right after a cell ends a row).
    after_cell: bool,
}

impl<'a> Builder<'a> {
    pub fn new(
        part: Option<std::sync::Arc<str>>,
        papx: &'a Runs<ParaProps>,
        chpx: &'a Runs<CharProps>,
        lists: &'a RefCell<Numbering>,
        max_items: u64,
    ) -> Self {
        Builder {
            part,
            papx,
            chpx,
            lists,
            container: Container::Body,
            para_no: 0,
            table_no: 0,
            items: 0,
            max_items,
            blocks: Vec::new(),
            stack: Vec::new(),
            fields: Vec::new(),
            extras: Extras::default(),
            text: String::new(),
            spans: Vec::new(),
            deleted: String::new(),
            after_cell: false,
        }
    }

    /// Continue numbering after another story read into the same part
    /// (text boxes after the body).
    pub fn continue_from(&mut self, other: &Builder<'_>, container: Container) {
        self.para_no = other.para_no;
        self.table_no = other.table_no;
        self.container = container;
    }

    fn location(&self) -> Location {
        Location {
            part: self.part.clone(),
            paragraph: Some(self.para_no),
            ..Location::default()
        }
    }

    /// Feed the CPs of one story: UTF-16 units with their FCs.
    pub fn feed(&mut self, units: &[u16], fcs: &[u32]) -> Result<(), ReadError> {
        let mut i = 0usize;
        while i < units.len() {
            let u = units[i];
            let fc = fcs.get(i).copied().unwrap_or(0);
            i += 1;
            let ch = if (0xD800..0xDC00).contains(&u) {
                match units.get(i) {
                    Some(&lo) if (0xDC00..0xE000).contains(&lo) => {
                        i += 1;
                        char::decode_utf16([u, lo]).next().and_then(|r| r.ok())
                    }
                    _ => None,
                }
            } else {
                char::from_u32(u32::from(u))
            };
            let Some(ch) = ch else { continue };
            self.char(ch, fc)?;
        }
        self.flush_open()
    }

    fn char(&mut self, ch: char, fc: u32) -> Result<(), ReadError> {
        match ch {
            '\r' | '\u{7}' => return self.end_paragraph(ch, fc),
            '\u{13}' => {
                self.fields.push(Field {
                    in_instruction: true,
                    instruction: String::new(),
                    result_start: None,
                });
                return Ok(());
            }
            '\u{14}' => {
                let at = self.text.len();
                if let Some(f) = self.fields.last_mut() {
                    f.in_instruction = false;
                    f.result_start = Some(at);
                }
                return Ok(());
            }
            '\u{15}' => {
                // A field without a result: an EQ ruby field shows its base
                // text (`EQ \o\ad(\s\up 9(とうきょう),東京)`).
                if let Some(f) = self.fields.last()
                    && f.result_start.is_none()
                    && !self.fields[..self.fields.len() - 1]
                        .iter()
                        .any(|g| g.in_instruction)
                    && let Some(base) = eq_base(&f.instruction)
                {
                    let start = self.text.len();
                    self.text.push_str(&base);
                    self.spans.push(Span {
                        start,
                        end: self.text.len(),
                        kind: SpanKind::Field {
                            instruction: f.instruction.trim().to_string(),
                        },
                    });
                    self.fields.pop();
                    return Ok(());
                }
                if let Some(f) = self.fields.pop()
                    && let Some(start) = f.result_start
                    && start < self.text.len()
                    && !self.in_instruction()
                {
                    self.spans.push(Span {
                        start,
                        end: self.text.len(),
                        kind: SpanKind::Field {
                            instruction: f.instruction.trim().to_string(),
                        },
                    });
                }
                return Ok(());
            }
            _ => {}
        }
        if self.in_instruction() {
            if let Some(f) = self.fields.last_mut()
                && f.in_instruction
                && f.instruction.len() < 4096
            {
                f.instruction.push(ch);
            }
            return Ok(());
        }
        let out = match ch {
            '\u{b}' => '\n',
            '\t' => '\t',
            '\u{1e}' => '-',
            c if (c as u32) < 0x20 => return Ok(()),
            c => c,
        };
        let props = self.chpx.at(fc);
        if props.deleted {
            self.deleted.push(out);
            return Ok(());
        }
        self.flush_deleted();
        let start = self.text.len();
        self.text.push(out);
        if props.inserted {
            self.extend_span(start, SpanKind::Inserted { author: None });
        }
        if props.hidden {
            self.extend_span(start, SpanKind::Hidden);
        }
        Ok(())
    }

    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|f| f.in_instruction)
    }

    /// Grow the last span of this kind when it ends at `start`, else open one.
    fn extend_span(&mut self, start: usize, kind: SpanKind) {
        let end = self.text.len();
        if let Some(s) = self.spans.iter_mut().rev().find(|s| s.kind == kind)
            && s.end == start
        {
            s.end = end;
            return;
        }
        self.spans.push(Span { start, end, kind });
    }

    fn flush_deleted(&mut self) {
        if self.deleted.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.deleted);
        let at = self.text.len();
        self.spans.push(Span {
            start: at,
            end: at,
            kind: SpanKind::Deleted {
                text: text.clone(),
                author: None,
            },
        });
    }

    fn count(&mut self) -> Result<(), ReadError> {
        self.items += 1;
        if self.items > self.max_items {
            return Err(ReadError::LimitExceeded {
                part: self.part.as_deref().map(str::to_string),
                detail: format!("more than {} paragraphs and cells", self.max_items),
            });
        }
        Ok(())
    }

    fn end_paragraph(&mut self, mark: char, fc: u32) -> Result<(), ReadError> {
        self.flush_deleted();
        self.count()?;
        let props = self.papx.at(fc);
        let mut depth = props.depth() as usize;
        if mark == '\u{7}' && depth == 0 {
            depth = 1;
        }
        // A nested row's end mark may carry only the inner-table flags
        // (LibreOffice writes no sprmPItap on it): it is in the table open.
        if (props.inner_ttp || props.inner_cell) && depth < 2 {
            depth = self.stack.len().max(2);
        }
        let row_end = if depth > 1 {
            props.inner_ttp
        } else if mark == '\u{7}' {
            props.ttp || (!props.in_table && self.after_cell && self.text.is_empty())
        } else {
            false
        };
        let cell_end = !row_end
            && (if depth > 1 {
                props.inner_cell
            } else {
                mark == '\u{7}'
            });
        // Close tables deeper than this paragraph, open the missing ones.
        while self.stack.len() > depth {
            self.close_table();
        }
        while self.stack.len() < depth {
            self.table_no += 1;
            self.stack
                .push(TableBuild::new(self.table_no, self.part.clone()));
        }
        let text = std::mem::take(&mut self.text);
        let spans = std::mem::take(&mut self.spans);
        for f in &mut self.fields {
            f.result_start = (!f.in_instruction).then_some(0);
        }
        if row_end {
            if let Some(t) = self.stack.last_mut() {
                t.end_row(&props);
            }
            self.after_cell = false;
            return Ok(());
        }
        self.para_no += 1;
        let location = self.location();
        for s in &spans {
            self.record(s, &text, &location);
        }
        let mut p = Paragraph::new(location, text);
        p.spans = spans;
        p.container = self.container;
        if props.ilfo != 0 {
            p.list_label = self
                .lists
                .borrow_mut()
                .label(i64::from(props.ilfo), usize::from(props.ilvl));
        }
        match self.stack.last_mut() {
            Some(t) => {
                t.push(Block::Paragraph(p));
                if cell_end {
                    t.end_cell();
                }
            }
            None => self.blocks.push(Block::Paragraph(p)),
        }
        self.after_cell = cell_end;
        Ok(())
    }

    /// Revisions and hidden text go to the package lists as well.
    fn record(&mut self, span: &Span, text: &str, location: &Location) {
        let piece = text.get(span.start..span.end).unwrap_or("").to_string();
        match &span.kind {
            SpanKind::Deleted { text, .. } => self.extras.revisions.push(Revision {
                kind: "delete".into(),
                author: None,
                date: None,
                location: location.clone(),
                text: text.clone(),
            }),
            SpanKind::Inserted { .. } => self.extras.revisions.push(Revision {
                kind: "insert".into(),
                author: None,
                date: None,
                location: location.clone(),
                text: piece,
            }),
            SpanKind::Hidden => self.extras.hidden.push(LocatedText {
                location: location.clone(),
                text: piece,
            }),
            _ => {}
        }
    }

    fn close_table(&mut self) {
        let Some(t) = self.stack.pop() else { return };
        let table = Block::Table(t.finish());
        match self.stack.last_mut() {
            Some(parent) => parent.push(table),
            None => self.blocks.push(table),
        }
    }

    /// End of the story: a paragraph without its mark, open tables.
    fn flush_open(&mut self) -> Result<(), ReadError> {
        if !self.text.is_empty() {
            self.end_paragraph('\r', u32::MAX)?;
        }
        while !self.stack.is_empty() {
            self.close_table();
        }
        Ok(())
    }
}

/// The base text of an EQ overstrike field (how Word 97 stores ruby):
/// the last argument of `\o(...)`.
fn eq_base(instruction: &str) -> Option<String> {
    let t = instruction.trim_start();
    if !t.starts_with("EQ") || !t.contains("\\o") {
        return None;
    }
    let last = t.rsplit(',').next()?;
    let base: String = last.chars().take_while(|&c| c != ')').collect();
    let base = base.trim().to_string();
    (!base.is_empty()).then_some(base)
}
