//! PDF reader (text PDFs) on lopdf's object layer, with our own text
//! extraction: [`content`] follows the text operators to place each glyph,
//! [`fonts`] / [`cmap`] turn codes into text (ToUnicode, the Unicode and
//! Shift_JIS predefined CMaps of Japanese fonts), [`layout`] rebuilds
//! lines and cells. Each line is a paragraph located by `page` and `line`;
//! a line with wide gaps holds tab-separated cells, as a text submission.
//!
//! An encrypted PDF that does not open with the empty user password is
//! [`ReadError::Encrypted`]; a PDF without a text layer (a scan) is
//! [`ReadError::NoText`] (IN006). Objects, pages, decoded stream bytes,
//! content operators and glyphs are bounded, and the wall-clock budget is
//! checked between pages; lopdf's parser runs under `catch_unwind`.

mod cmap;
mod columns;
mod content;
mod fonts;
mod layout;
mod obj;
mod strike;
mod tables;
mod wrap;

use crate::clock::Instant;
use crate::error::ReadError;
use crate::model::{
    Block, Cell, Document, Format, LineCell, Location, Metadata, PackageInfo, Paragraph, Row,
    Story, StoryKind, Table,
};
use crate::read::Limits;
use content::{Budget, Page};
use lopdf::{Dictionary, LoadOptions, Object};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

const MAX_OBJECTS: usize = 500_000;
const MAX_PAGES: usize = 2_000;
/// Decoded bytes of one stream.
const MAX_STREAM: usize = 64 << 20;

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::CorruptPdf {
        detail: detail.into(),
    }
}

pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    match catch_unwind(AssertUnwindSafe(|| read_inner(name, bytes, limits))) {
        Ok(r) => r,
        Err(_) => Err(corrupt("reader failure (the PDF library panicked)")),
    }
}

fn read_inner(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let started = Instant::now();
    let stream_limit = MAX_STREAM.min(usize::try_from(limits.max_part_bytes).unwrap_or(MAX_STREAM));
    let pdf = load(bytes, stream_limit)?;
    let pages = pdf.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!("{} pages, over {MAX_PAGES}", pages.len()),
        });
    }
    let mut doc = Document::new(name, Format::Pdf, bytes.len() as u64);
    let mut budget = Budget {
        ops: 5_000_000,
        glyphs: limits.max_word_items,
        bytes: stream_limit,
    };
    let mut images = 0u32;
    let mut chars = 0usize;
    let mut read_pages = Vec::new();
    let mut struck = 0usize;
    for (&number, &page_id) in &pages {
        if started.elapsed().as_millis() > u128::from(limits.time_budget_ms) {
            return Err(ReadError::LimitExceeded {
                part: Some(format!("page {number}")),
                detail: format!("reading took over {} ms", limits.time_budget_ms),
            });
        }
        let Some(content) = page_content(&pdf, page_id, stream_limit) else {
            doc.notes.push(crate::model::ReadNote {
                part: Some(format!("page {number}")),
                message: "ページの内容を読めませんでした（壊れているか大きすぎます）".into(),
            });
            continue;
        };
        let resources = page_resources(&pdf, page_id);
        let mut page = Page::new(&pdf);
        page.run(
            &content,
            resources.map(|r| (r, Some(page_id))),
            &mut budget,
            0,
        );
        images += page.images;
        if page.exhausted {
            return Err(ReadError::LimitExceeded {
                part: Some(format!("page {number}")),
                detail: "too many content operators or glyphs".into(),
            });
        }
        let mut glyphs = page.glyphs;
        struck += strike::drop_struck(&mut glyphs, &page.rules);
        let (tables, rest) = tables::split(glyphs, &page.rules, number);
        let mut lines = layout::lines(rest);
        if let Some(footer) = footer(&mut lines, &tables, number) {
            doc.stories.push(footer);
        }
        read_pages.push((number, lines, tables));
    }
    continue_tables(&mut read_pages);
    let mut used = BTreeMap::new();
    for (number, lines, tables) in read_pages {
        chars += page_blocks(&mut doc.blocks, number, lines, tables, &mut used);
    }
    number_tables(&mut doc.blocks);
    if struck > 0 {
        doc.notes.push(crate::model::ReadNote {
            part: None,
            message: format!(
                "取り消し線で消された {struck} 文字を読み飛ばしました（削除された文字として）"
            ),
        });
    }
    form_fields(&pdf, &mut doc);
    if chars == 0 && doc.blocks.is_empty() {
        return Err(ReadError::NoText {
            detail: format!("{} ページ、画像 {images} 個、文字の層なし", pages.len()),
        });
    }
    doc.package = Some(PackageInfo {
        metadata: info(&pdf),
        ..PackageInfo::default()
    });
    Ok(doc)
}

/// The PDF's objects, refused when encrypted or over the limits.
fn load(bytes: &[u8], stream_limit: usize) -> Result<lopdf::Document, ReadError> {
    let options = LoadOptions {
        password: Some(String::new()),
        max_decompressed_size: Some(stream_limit),
        ..LoadOptions::default()
    };
    let pdf = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(e) => {
            if bytes.windows(8).any(|w| w == b"/Encrypt") {
                return Err(ReadError::Encrypted {
                    detail: "a PDF encrypted with a password to open".into(),
                });
            }
            if let lopdf::Error::Decompress(_) = e {
                return Err(ReadError::LimitExceeded {
                    part: None,
                    detail: format!("PDF stream over {stream_limit} bytes decoded ({e})"),
                });
            }
            return Err(corrupt(e.to_string()));
        }
    };
    if pdf.is_encrypted() {
        return Err(ReadError::Encrypted {
            detail: "a PDF encrypted with a password to open".into(),
        });
    }
    if pdf.objects.len() > MAX_OBJECTS {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!("{} PDF objects, over {MAX_OBJECTS}", pdf.objects.len()),
        });
    }
    Ok(pdf)
}

/// The page number at the foot is a footer, not body text: taken off the
/// page's lines as the page's footer story.
fn footer(lines: &mut Vec<layout::Line>, tables: &[tables::Table], number: u32) -> Option<Story> {
    if !lines
        .last()
        .is_some_and(|l| layout::is_page_number(l) && tables.iter().all(|t| t.top > l.y))
    {
        return None;
    }
    let foot = lines.pop()?;
    let part = format!("page{number}/footer");
    let location = Location {
        part: Some(part.as_str().into()),
        page: Some(number),
        line: Some(1),
        ..Location::default()
    };
    let cells = foot.cells.into_iter().map(|c| c.text).collect();
    Some(Story {
        kind: StoryKind::Footer,
        part,
        blocks: vec![Block::Paragraph(paragraph(location, cells))],
    })
}

type PageRead = (u32, Vec<layout::Line>, Vec<tables::Table>);

/// A table that ends its page and goes on at the top of the next one (a
/// Word table over a page break) is one table, as in Word; a page that is
/// all table passes it on to the next.
fn continue_tables(pages: &mut [PageRead]) {
    let ends_page = |p: &PageRead| {
        p.2.last()
            .is_some_and(|t| p.1.last().is_none_or(|l| l.y > t.bottom))
    };
    let mut open: Option<usize> = None;
    for i in 0..pages.len() {
        if let Some(o) = open {
            let (done, rest) = pages.split_at_mut(i);
            if let (Some(prev), Some(next)) = (done.get_mut(o), rest.first_mut())
                && let Some(t) = prev.2.last_mut()
                && next
                    .2
                    .first()
                    .is_some_and(|f| next.1.first().is_none_or(|l| l.y < f.top))
            {
                let first = next.2.remove(0);
                match t.continue_with(first) {
                    Some(back) => next.2.insert(0, back),
                    None if next.2.is_empty() && next.1.is_empty() => continue,
                    None => {}
                }
            }
        }
        open = pages.get(i).is_some_and(ends_page).then_some(i);
    }
}

/// A page's lines and ruled tables as blocks, top to bottom; each line
/// (a table's cell paragraphs included) numbered in that order on its page
/// (`used`: the lines numbered so far per page, as a table carried over a
/// page break numbers the next page's first lines). Returns the characters
/// added.
fn page_blocks(
    blocks: &mut Vec<Block>,
    page: u32,
    lines: Vec<layout::Line>,
    tables: Vec<tables::Table>,
    used: &mut BTreeMap<u32, u32>,
) -> usize {
    let mut chars = 0;
    let mut next_line = |page: u32| {
        let n = used.entry(page).or_insert(0);
        *n += 1;
        Location {
            page: Some(page),
            line: Some(*n),
            ..Location::default()
        }
    };
    let mut lines = lines.into_iter().peekable();
    let mut tables = tables.into_iter().peekable();
    loop {
        let table_first = match (lines.peek(), tables.peek()) {
            (None, None) => break,
            (Some(l), Some(t)) => t.top >= l.y,
            (None, Some(_)) => true,
            (Some(_), None) => false,
        };
        if table_first {
            let Some(t) = tables.next() else { break };
            let mut rows: Vec<Row> = Vec::new();
            for c in t.cells {
                let cell_at = next_line(c.page);
                let mut paras = Vec::new();
                for (k, text) in c.paragraphs.into_iter().enumerate() {
                    let at = if k == 0 {
                        cell_at.clone()
                    } else {
                        next_line(c.page)
                    };
                    chars += text.chars().count();
                    paras.push(Block::Paragraph(Paragraph::new(at, text)));
                }
                let index = c.row as u32 + 1;
                let cell = Cell {
                    location: cell_at,
                    row: index,
                    col: c.col as u32 + 1,
                    row_span: c.row_span as u32,
                    col_span: c.col_span as u32,
                    blocks: paras,
                    number: None,
                };
                match rows.last_mut() {
                    Some(r) if r.index == index => r.cells.push(cell),
                    _ => rows.push(Row {
                        index,
                        cells: vec![cell],
                    }),
                }
            }
            let Some(location) = rows
                .first()
                .and_then(|r| r.cells.first())
                .map(|c| c.location.clone())
            else {
                continue;
            };
            blocks.push(Block::Table(Table {
                location,
                name: None,
                rows,
                merged: Vec::new(),
            }));
        } else {
            let Some(line) = lines.next() else { break };
            let cells: Vec<String> = line.cells.into_iter().map(|c| c.text).collect();
            chars += cells.iter().map(|c| c.chars().count()).sum::<usize>();
            blocks.push(Block::Paragraph(paragraph(next_line(page), cells)));
        }
    }
    chars
}

/// Tables numbered in document order, and each cell and its paragraphs
/// located by `table`/`row`/`col` besides page and line, as Word cells are
/// (the rules tell cells and rows apart by these).
fn number_tables(blocks: &mut [Block]) {
    let mut n = 0u32;
    for b in blocks {
        let Block::Table(t) = b else { continue };
        n += 1;
        t.location.table = Some(n);
        for row in &mut t.rows {
            for cell in &mut row.cells {
                let place = |l: &mut Location| {
                    l.table = Some(n);
                    l.row = Some(row.index);
                    l.col = Some(cell.col);
                };
                place(&mut cell.location);
                for p in &mut cell.blocks {
                    if let Block::Paragraph(p) = p {
                        place(&mut p.location);
                    }
                }
            }
        }
    }
}

/// The page's content streams, decoded and joined (None when one cannot
/// be decoded within the limit).
fn page_content(pdf: &lopdf::Document, page_id: lopdf::ObjectId, limit: usize) -> Option<Vec<u8>> {
    let page = pdf.get_dictionary(page_id).ok()?;
    let Ok(contents) = page.get(b"Contents") else {
        return Some(Vec::new());
    };
    let parts: Vec<&Object> = match obj::deref(pdf, contents) {
        Object::Array(a) => a.iter().take(10_000).collect(),
        _ => vec![contents],
    };
    let mut out = Vec::new();
    for part in parts {
        let bytes = obj::stream_bytes(pdf, part, limit.saturating_sub(out.len()))?;
        out.extend_from_slice(&bytes);
        out.push(b'\n');
    }
    Some(out)
}

/// The page's resource dictionary (its own, else the nearest inherited).
fn page_resources(pdf: &lopdf::Document, page_id: lopdf::ObjectId) -> Option<&Dictionary> {
    let (own, inherited) = pdf.get_page_resources(page_id).ok()?;
    own.or_else(|| {
        inherited
            .first()
            .and_then(|id| pdf.get_dictionary(*id).ok())
    })
}

fn paragraph(location: Location, cells: Vec<String>) -> Paragraph {
    let cells: Vec<String> = cells.into_iter().filter(|c| !c.is_empty()).collect();
    let text = cells.join("\t");
    let mut p = Paragraph::new(location, text);
    if cells.len() > 1 {
        let mut column = 1u32;
        for c in cells {
            let n = c.chars().count() as u32;
            p.cells.push(LineCell { column, text: c });
            column += n + 1;
        }
    }
    p
}

/// AcroForm field values, one paragraph each ("name<TAB>value") after the
/// pages.
fn form_fields(pdf: &lopdf::Document, doc: &mut Document) {
    let Some(fields) = pdf
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|o| obj::dict_of(pdf, o))
        .and_then(|f| f.get(b"Fields").ok())
        .map(|o| obj::deref(pdf, o))
        .and_then(|o| o.as_array().ok())
    else {
        return;
    };
    let mut queue: Vec<(&Object, u32)> = fields.iter().map(|o| (o, 0)).collect();
    let mut seen = 0;
    let mut line = 0u32;
    while let Some((o, depth)) = queue.pop() {
        seen += 1;
        if seen > 10_000 || depth > 16 {
            break;
        }
        let Some(d) = obj::dict_of(pdf, o) else {
            continue;
        };
        if let Ok(kids) = d.get(b"Kids").map(|k| obj::deref(pdf, k))
            && let Ok(kids) = kids.as_array()
        {
            queue.extend(kids.iter().map(|k| (k, depth + 1)));
        }
        let value = d
            .get(b"V")
            .ok()
            .map(|v| obj::deref(pdf, v))
            .and_then(|v| match v {
                Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
                other => obj::text_string(other),
            });
        let Some(value) = value else { continue };
        let name = d
            .get(b"T")
            .ok()
            .and_then(obj::text_string)
            .unwrap_or_default();
        line += 1;
        let location = Location {
            part: Some("AcroForm".into()),
            line: Some(line),
            ..Location::default()
        };
        doc.blocks
            .push(Block::Paragraph(paragraph(location, vec![name, value])));
    }
}

/// The document information dictionary.
fn info(pdf: &lopdf::Document) -> Metadata {
    let Some(d) = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| obj::dict_of(pdf, o))
    else {
        return Metadata::default();
    };
    let get = |k: &[u8]| {
        d.get(k)
            .ok()
            .map(|o| obj::deref(pdf, o))
            .and_then(obj::text_string)
    };
    Metadata {
        creator: get(b"Author"),
        title: get(b"Title"),
        application: get(b"Creator").or_else(|| get(b"Producer")),
        created: get(b"CreationDate"),
        modified: get(b"ModDate"),
        ..Metadata::default()
    }
}
