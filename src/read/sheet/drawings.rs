//! Text in an .xlsx sheet's drawing: shapes, text boxes and grouped shapes
//! (`xl/drawings/drawingN.xml`, tied to the sheet by a `drawing`
//! relationship). Forms laid out in Excel often carry their headings,
//! declarations or whole entry boxes in text boxes over the grid; each
//! shape's text becomes one text-box paragraph located at the sheet and the
//! cell its anchor starts on, in anchor order.

use super::cell_ref;
use super::comments::{sheet_parts, soft, workbook_part};
use crate::error::ReadError;
use crate::model::{Container, Location, Paragraph, ReadNote};
use crate::read::Limits;
use crate::read::package::{read_rels_for, resolve_target};
use crate::read::xml::{XmlEvent, XmlReader, decode, local};
use crate::read::zipsafe::SafeZip;
use std::collections::HashMap;

/// The drawing text of every sheet, by sheet name. A drawing part that
/// cannot be parsed is skipped with a note; limits still fail the call.
pub(super) fn read_xlsx_drawings(
    zip: &mut SafeZip,
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
) -> Result<HashMap<String, Vec<Paragraph>>, ReadError> {
    let mut out = HashMap::new();
    let workbook = workbook_part(zip, limits)?;
    let sheets = soft(sheet_parts(zip, &workbook, limits), &workbook, notes)?.unwrap_or_default();
    for (sheet, sheet_part) in sheets {
        let rels =
            soft(read_rels_for(zip, &sheet_part, limits), &sheet_part, notes)?.unwrap_or_default();
        let mut paragraphs = Vec::new();
        for rel in rels
            .iter()
            .filter(|r| !r.external && r.short_type() == "drawing")
        {
            let part = resolve_target(&sheet_part, &rel.target);
            if !zip.has(&part) {
                continue;
            }
            if let Some(found) = soft(read_drawing(zip, &part, &sheet, limits), &part, notes)? {
                paragraphs.extend(found);
            }
        }
        if !paragraphs.is_empty() {
            out.insert(sheet, paragraphs);
        }
    }
    Ok(out)
}

/// One drawing part: the text of each shape, located at its anchor cell.
fn read_drawing(
    zip: &mut SafeZip,
    part: &str,
    sheet: &str,
    limits: &Limits,
) -> Result<Vec<Paragraph>, ReadError> {
    let bytes = zip.read(part)?;
    let text = decode(part, &bytes)?;
    let mut r = XmlReader::new(part, &text, limits);
    let mut out = Vec::new();
    // The anchor's start cell (`xdr:from`), read before its shapes.
    let (mut row, mut col) = (0u32, 0u32);
    let mut in_from = false;
    let mut field: Option<&'static str> = None;
    // The shape being read: its paragraphs, and the one being built.
    let mut shape: Option<Vec<String>> = None;
    let mut para = String::new();
    let mut in_text = false;
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) => match local(s.name().as_ref()) {
                "from" => in_from = true,
                "row" if in_from => field = Some("row"),
                "col" if in_from => field = Some("col"),
                "txBody" => shape = Some(Vec::new()),
                "p" if shape.is_some() => para.clear(),
                "t" if shape.is_some() => in_text = true,
                _ => {}
            },
            XmlEvent::Empty(s) if shape.is_some() && local(s.name().as_ref()) == "br" => {
                para.push('\n')
            }
            XmlEvent::Text(t) => {
                if in_text {
                    para.push_str(&t);
                } else if let Some(f) = field {
                    let n = t.trim().parse::<u32>().unwrap_or(0);
                    if f == "row" {
                        row = n;
                    } else {
                        col = n;
                    }
                }
            }
            XmlEvent::End(name) => match local(name.as_ref()) {
                "from" => in_from = false,
                "row" | "col" => field = None,
                "t" => in_text = false,
                "p" => {
                    if let Some(lines) = shape.as_mut() {
                        lines.push(std::mem::take(&mut para));
                    }
                }
                "txBody" => {
                    let text = shape.take().unwrap_or_default().join("\n");
                    let text = text.trim_matches('\n');
                    if !text.trim().is_empty() {
                        let mut location = Location::sheet_cell(sheet, cell_ref(row, col));
                        location.part = Some(part.into());
                        let mut p = Paragraph::new(location, text);
                        p.container = Container::TextBox;
                        out.push(p);
                    }
                }
                _ => {}
            },
            XmlEvent::Eof => return Ok(out),
            _ => {}
        }
    }
}
