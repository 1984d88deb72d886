//! Cell comments of an .xlsx: legacy notes (`xl/comments*.xml`) and
//! threaded comments (`xl/threadedComments/*.xml`, authors in
//! `xl/persons/person.xml`), each anchored to its sheet and cell.
//!
//! Sheets are tied to their comment parts through relationships
//! (workbook → sheet → comments). Excel writes a legacy placeholder note
//! for every threaded comment; where a threaded comment exists on a cell,
//! the placeholder is left out. Phonetic runs (`rPh`) are not comment text.

use super::parse_cell_ref;
use crate::error::ReadError;
use crate::model::{Block, Comment, Location, Paragraph, ReadNote, Story, StoryKind};
use crate::read::Limits;
use crate::read::package::{read_rels_for, resolve_target};
use crate::read::xml::{XmlEvent, XmlReader, attr, decode, local};
use crate::read::zipsafe::SafeZip;
use std::collections::{HashMap, HashSet};

const DEFAULT_WORKBOOK: &str = "xl/workbook.xml";

/// A comment before it is tied to a sheet.
struct Raw {
    id: Option<String>,
    cell: String,
    author: Option<String>,
    date: Option<String>,
    text: String,
}

/// Read every sheet's comments. A comment part that cannot be parsed is
/// skipped with a note; limits and encryption still fail the call.
pub(super) fn read_xlsx_comments(
    zip: &mut SafeZip,
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
) -> Result<(Vec<Comment>, Vec<Story>), ReadError> {
    let mut comments = Vec::new();
    let mut stories = Vec::new();
    let workbook = workbook_part(zip, limits)?;
    let sheets = soft(sheet_parts(zip, &workbook, limits), &workbook, notes)?.unwrap_or_default();
    let wb_rels =
        soft(read_rels_for(zip, &workbook, limits), &workbook, notes)?.unwrap_or_default();
    let mut persons = HashMap::new();
    for rel in wb_rels
        .iter()
        .filter(|r| !r.external && r.short_type() == "person")
    {
        let part = resolve_target(&workbook, &rel.target);
        if let Some(p) = soft(read_persons(zip, &part, limits), &part, notes)? {
            persons.extend(p);
        }
    }
    for (sheet, sheet_part) in sheets {
        let rels =
            soft(read_rels_for(zip, &sheet_part, limits), &sheet_part, notes)?.unwrap_or_default();
        let mut threaded_cells = HashSet::new();
        let mut parts: Vec<(String, Vec<Raw>)> = Vec::new();
        for rel in rels
            .iter()
            .filter(|r| !r.external && r.short_type() == "threadedComment")
        {
            let part = resolve_target(&sheet_part, &rel.target);
            if let Some(list) = soft(read_threaded(zip, &part, &persons, limits), &part, notes)? {
                threaded_cells.extend(list.iter().map(|c| c.cell.to_ascii_uppercase()));
                parts.push((part, list));
            }
        }
        for rel in rels
            .iter()
            .filter(|r| !r.external && r.short_type() == "comments")
        {
            let part = resolve_target(&sheet_part, &rel.target);
            if let Some(list) = soft(read_legacy(zip, &part, limits), &part, notes)? {
                let list = list
                    .into_iter()
                    .filter(|c| !threaded_cells.contains(&c.cell.to_ascii_uppercase()))
                    .collect();
                parts.push((part, list));
            }
        }
        for (part, list) in parts {
            let mut blocks = Vec::new();
            for (i, raw) in list.into_iter().enumerate() {
                let anchor = parse_cell_ref(&raw.cell)
                    .map(|(r, c)| Location::sheet_cell(&sheet, super::cell_ref(r, c)));
                if let Some(loc) = &anchor {
                    blocks.push(Block::Paragraph(Paragraph::new(
                        loc.clone(),
                        raw.text.clone(),
                    )));
                }
                comments.push(Comment {
                    id: raw.id.unwrap_or_else(|| format!("{part}#{}", i + 1)),
                    author: raw.author,
                    date: raw.date,
                    text: raw.text,
                    anchor,
                });
            }
            if !blocks.is_empty() {
                stories.push(Story {
                    kind: StoryKind::Comments,
                    part,
                    blocks,
                });
            }
        }
    }
    Ok((comments, stories))
}

/// Keep going past a part that does not parse, but not past a limit or
/// encryption.
pub(super) fn soft<T>(
    r: Result<T, ReadError>,
    part: &str,
    notes: &mut Vec<ReadNote>,
) -> Result<Option<T>, ReadError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(
            e @ (ReadError::LimitExceeded { .. }
            | ReadError::Encrypted { .. }
            | ReadError::TooDeep { .. }),
        ) => Err(e),
        Err(e) => {
            notes.push(ReadNote {
                part: Some(part.to_string()),
                message: format!("comments not read: {e}"),
            });
            Ok(None)
        }
    }
}

/// The workbook part named by the package's officeDocument relationship.
pub(super) fn workbook_part(zip: &mut SafeZip, limits: &Limits) -> Result<String, ReadError> {
    let rels = match read_rels_for(zip, "", limits) {
        Ok(r) => r,
        Err(e @ ReadError::LimitExceeded { .. }) => return Err(e),
        Err(_) => return Ok(DEFAULT_WORKBOOK.into()),
    };
    Ok(rels
        .iter()
        .find(|r| !r.external && r.short_type() == "officeDocument")
        .map(|r| resolve_target("", &r.target))
        .filter(|p| zip.has(p))
        .unwrap_or_else(|| DEFAULT_WORKBOOK.into()))
}

/// (sheet name, sheet part) in workbook order.
pub(super) fn sheet_parts(
    zip: &mut SafeZip,
    workbook: &str,
    limits: &Limits,
) -> Result<Vec<(String, String)>, ReadError> {
    let rels = read_rels_for(zip, workbook, limits)?;
    let targets: HashMap<&str, &str> = rels
        .iter()
        .map(|r| (r.id.as_str(), r.target.as_str()))
        .collect();
    let bytes = zip.read(workbook)?;
    let text = decode(workbook, &bytes)?;
    let mut r = XmlReader::new(workbook, &text, limits);
    let mut out = Vec::new();
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s) if local(s.name().as_ref()) == "sheet" => {
                let (Some(name), Some(id)) = (attr(&s, "name"), attr(&s, "id")) else {
                    continue;
                };
                if let Some(target) = targets.get(id.as_str()) {
                    out.push((name, resolve_target(workbook, target)));
                }
            }
            XmlEvent::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// `xl/persons/person.xml`: person id → display name.
fn read_persons(
    zip: &mut SafeZip,
    part: &str,
    limits: &Limits,
) -> Result<HashMap<String, String>, ReadError> {
    let mut out = HashMap::new();
    let Some(bytes) = zip.read_opt(part)? else {
        return Ok(out);
    };
    let text = decode(part, &bytes)?;
    let mut r = XmlReader::new(part, &text, limits);
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s) if local(s.name().as_ref()) == "person" => {
                if let (Some(id), Some(name)) = (attr(&s, "id"), attr(&s, "displayName")) {
                    out.insert(id, name);
                }
            }
            XmlEvent::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Legacy notes: `<comment ref="C5" authorId="0"><text>…</text></comment>`.
fn read_legacy(zip: &mut SafeZip, part: &str, limits: &Limits) -> Result<Vec<Raw>, ReadError> {
    let Some(bytes) = zip.read_opt(part)? else {
        return Ok(Vec::new());
    };
    let text = decode(part, &bytes)?;
    let mut r = XmlReader::new(part, &text, limits);
    let mut authors: Vec<String> = Vec::new();
    let mut out = Vec::new();
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) => match local(s.name().as_ref()) {
                "author" => authors.push(r.element_text()?),
                "comment" => {
                    let cell = attr(&s, "ref").unwrap_or_default();
                    let author = attr(&s, "authorId")
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| authors.get(i).cloned());
                    let text = rich_text(&mut r)?;
                    out.push(Raw {
                        id: None,
                        cell,
                        author,
                        date: None,
                        text,
                    });
                }
                _ => {}
            },
            XmlEvent::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Threaded comments: `<threadedComment ref="C5" dT="…" personId="…"
/// id="…"><text>…</text></threadedComment>`.
fn read_threaded(
    zip: &mut SafeZip,
    part: &str,
    persons: &HashMap<String, String>,
    limits: &Limits,
) -> Result<Vec<Raw>, ReadError> {
    let Some(bytes) = zip.read_opt(part)? else {
        return Ok(Vec::new());
    };
    let text = decode(part, &bytes)?;
    let mut r = XmlReader::new(part, &text, limits);
    let mut out = Vec::new();
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) if local(s.name().as_ref()) == "threadedComment" => {
                let cell = attr(&s, "ref").unwrap_or_default();
                let author = attr(&s, "personId").and_then(|p| persons.get(&p).cloned());
                let date = attr(&s, "dT");
                let id = attr(&s, "id");
                let mut text = String::new();
                let depth = r.depth();
                loop {
                    match r.next_event()? {
                        XmlEvent::Start(t) if local(t.name().as_ref()) == "text" => {
                            text = r.element_text()?;
                        }
                        XmlEvent::End(_) if r.depth() < depth => break,
                        XmlEvent::Eof => break,
                        _ => {}
                    }
                }
                out.push(Raw {
                    id,
                    cell,
                    author,
                    date,
                    text,
                });
            }
            XmlEvent::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The text of the element just started (`comment`): every `t` outside
/// phonetic runs (`rPh`), consuming up to its end tag.
fn rich_text(r: &mut XmlReader<'_>) -> Result<String, ReadError> {
    let depth = r.depth();
    let mut out = String::new();
    let mut in_t = false;
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) => match local(s.name().as_ref()) {
                "rPh" => r.skip_element()?,
                "t" => in_t = true,
                _ => {}
            },
            XmlEvent::Text(t) if in_t => out.push_str(&t),
            XmlEvent::End(name) => {
                if local(&name) == "t" {
                    in_t = false;
                }
                if r.depth() < depth {
                    return Ok(out);
                }
            }
            XmlEvent::Eof => return Ok(out),
            _ => {}
        }
    }
}
