//! Excel cell notes ("comments" in the file format): add a note to cells,
//! keeping every existing note.
//!
//! Excel needs two parts per sheet for notes: the comments part (the text,
//! `xl/commentsN.xml`) and a legacy VML drawing with one shape per note
//! (where the note box is drawn), tied to the sheet by relationships and a
//! `legacyDrawing` element. A cell holds at most one note, so findings on a
//! cell that already has one are appended to it.

use super::WriteError;
use super::opc::{self, REL_COMMENTS, REL_VML};
use super::package::{Package, PartChanges};
use super::xlsx_scan::{self, S_NS, parse_ref};
use super::xml::{
    Splice, apply_splices, attr, check_well_formed, escape_attr, escape_text, local, xml_err,
};
use crate::read::Limits;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::BTreeMap;

pub const CT_COMMENTS: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
pub const CT_VML: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A note to add.
#[derive(Debug, Clone)]
pub struct NewNote {
    /// Sheet name; None (or an unknown sheet) means the first sheet.
    pub sheet: Option<String>,
    /// A1 reference; None (or invalid) means A1.
    pub cell: Option<String>,
    pub author: String,
    pub text: String,
}

/// Where a note ended up.
#[derive(Debug, Clone)]
pub struct PlacedNote {
    pub index: usize,
    pub sheet: String,
    pub cell: String,
    /// The requested place did not exist; the first sheet / A1 was used.
    pub fallback: bool,
    /// Appended to a note the cell already had.
    pub appended_to_existing: bool,
}

/// Add notes to an .xlsx package. Returns the changed parts and where each
/// note went.
pub fn add_notes(
    pkg: &Package,
    notes: &[NewNote],
    limits: &Limits,
) -> Result<(PartChanges, Vec<PlacedNote>), WriteError> {
    let wb = xlsx_scan::workbook(pkg)?;
    let (by_sheet, mut placed) = resolve_places(&wb, notes)?;
    let mut w = NoteWriter {
        pkg,
        limits,
        changes: BTreeMap::new(),
        ct: pkg.read_string(opc::CT_PART)?,
        next_idmap: max_idmap(pkg) + 1,
    };
    for (sheet_idx, cells) in by_sheet {
        w.sheet(&wb.sheets[sheet_idx], &cells, notes, &mut placed)?;
    }
    let NoteWriter {
        mut changes, ct, ..
    } = w;
    let old_ct = pkg.read_string(opc::CT_PART)?;
    if ct != old_ct {
        check_well_formed(&ct, opc::CT_PART, limits.max_xml_depth)?;
        changes.insert(opc::CT_PART.to_string(), ct.into_bytes());
    }
    Ok((changes, placed))
}

/// Notes by sheet index and (row, col), in reading order.
type NotesBySheet = BTreeMap<usize, BTreeMap<(u32, u32), Vec<usize>>>;

/// Resolve every note to (sheet index, cell ref); an unknown sheet or cell
/// falls back to the first sheet's A1.
fn resolve_places(
    wb: &xlsx_scan::Workbook,
    notes: &[NewNote],
) -> Result<(NotesBySheet, Vec<PlacedNote>), WriteError> {
    let first = wb
        .sheets
        .first()
        .ok_or_else(|| WriteError::Unsupported("the workbook has no worksheet".into()))?;
    let mut by_sheet: NotesBySheet = BTreeMap::new();
    let mut placed = Vec::new();
    for (i, n) in notes.iter().enumerate() {
        let sheet_idx = n
            .sheet
            .as_ref()
            .and_then(|s| wb.sheets.iter().position(|x| &x.name == s));
        let cell = n.cell.as_deref().and_then(parse_ref);
        let unknown_sheet = n.sheet.is_some() && sheet_idx.is_none();
        let fallback = unknown_sheet || cell.is_none();
        let sheet_idx = sheet_idx.unwrap_or(0);
        let (col, row) = if unknown_sheet {
            (1, 1)
        } else {
            cell.unwrap_or((1, 1))
        };
        by_sheet
            .entry(sheet_idx)
            .or_default()
            .entry((row, col))
            .or_default()
            .push(i);
        placed.push(PlacedNote {
            index: i,
            sheet: wb
                .sheets
                .get(sheet_idx)
                .map_or(first.name.clone(), |s| s.name.clone()),
            cell: format!("{}{}", xlsx_scan::col_letters(col), row),
            fallback,
            appended_to_existing: false,
        });
    }
    Ok((by_sheet, placed))
}

/// The parts changed so far across the sheets.
struct NoteWriter<'a> {
    pkg: &'a Package,
    limits: &'a Limits,
    changes: PartChanges,
    /// `[Content_Types].xml` as edited so far.
    ct: String,
    next_idmap: u32,
}

/// A sheet's relationships: as read, and as edited.
struct SheetRels {
    part: String,
    old: Option<String>,
    xml: Option<String>,
    rels: Vec<opc::Rel>,
}

impl SheetRels {
    /// Relate the sheet to a new part; the new relationship id.
    fn add(&mut self, sheet_part: &str, part: &str, rel_type: &str) -> Result<String, WriteError> {
        let id = opc::fresh_rid(&self.rels);
        let target = opc::relative_target(sheet_part, part);
        self.xml = Some(match &self.xml {
            Some(x) => opc::add_rel(x, &self.part, &id, rel_type, &target)?,
            None => opc::new_rels(&id, rel_type, &target),
        });
        self.rels.push(opc::Rel {
            id: id.clone(),
            rel_type: rel_type.into(),
            target,
            external: false,
        });
        Ok(id)
    }
}

impl NoteWriter<'_> {
    /// The notes of one sheet: into its comments part, new shapes in its
    /// VML drawing, and the relationships they need.
    fn sheet(
        &mut self,
        sheet: &xlsx_scan::SheetRef,
        cells: &BTreeMap<(u32, u32), Vec<usize>>,
        notes: &[NewNote],
        placed: &mut [PlacedNote],
    ) -> Result<(), WriteError> {
        let (pkg, limits) = (self.pkg, self.limits);
        let sheet_xml = pkg.read_string(&sheet.part)?;
        let sheet_scan = xlsx_scan::scan(&sheet_xml, &sheet.part, limits.max_xml_depth)?;
        let rels_part = opc::rels_part_for(&sheet.part);
        let (rels_xml, rels) = opc::read_rels(pkg, &rels_part)?;
        let mut rels = SheetRels {
            part: rels_part,
            xml: rels_xml.clone(),
            old: rels_xml,
            rels,
        };

        // The comments part.
        let comments_part = rels
            .rels
            .iter()
            .find(|r| r.rel_type == REL_COMMENTS && !r.external)
            .map(|r| opc::resolve_target(&sheet.part, &r.target))
            .filter(|p| pkg.has(p));
        let existing = match &comments_part {
            Some(p) => Some(CommentsXml::scan(&pkg.read_string(p)?, p)?),
            None => None,
        };
        let (new_cells, appended) = split_cells(cells, notes, existing.as_ref(), placed);
        let author = notes
            .first()
            .map(|n| n.author.clone())
            .unwrap_or_else(|| "yoshiki".into());
        match (&comments_part, existing) {
            (Some(part), Some(c)) => {
                let new = c.add(&author, &new_cells, &appended)?;
                check_well_formed(&new, part, limits.max_xml_depth)?;
                self.changes.insert(part.clone(), new.into_bytes());
            }
            _ => {
                let part = self.free_part("xl/comments", ".xml");
                let xml = new_comments_xml(&author, &new_cells);
                check_well_formed(&xml, &part, limits.max_xml_depth)?;
                rels.add(&sheet.part, &part, REL_COMMENTS)?;
                self.ct = opc::add_override(&self.ct, &part, CT_COMMENTS)?;
                self.changes.insert(part, xml.into_bytes());
            }
        }
        if !new_cells.is_empty() {
            self.vml(sheet, &sheet_xml, &sheet_scan, &mut rels, &new_cells)?;
        }
        if rels.xml != rels.old
            && let Some(x) = rels.xml
        {
            check_well_formed(&x, &rels.part, limits.max_xml_depth)?;
            self.changes.insert(rels.part, x.into_bytes());
        }
        Ok(())
    }

    /// A part name neither in the package nor written already.
    fn free_part(&self, stem: &str, ext: &str) -> String {
        opc::free_part_name(
            |n| self.pkg.has(n) || self.changes.contains_key(n),
            stem,
            ext,
        )
    }

    /// The VML drawing: shapes for the new notes only, in the sheet's
    /// drawing or in a new one tied to the sheet.
    fn vml(
        &mut self,
        sheet: &xlsx_scan::SheetRef,
        sheet_xml: &str,
        sheet_scan: &xlsx_scan::SmlScan,
        rels: &mut SheetRels,
        new_cells: &[((u32, u32), String)],
    ) -> Result<(), WriteError> {
        let (pkg, limits) = (self.pkg, self.limits);
        let legacy_rid = sheet_scan
            .children
            .iter()
            .find(|(n, _)| n == "legacyDrawing")
            .and_then(|(_, r)| legacy_rid(&sheet_xml[r.clone()]));
        let vml_part = legacy_rid
            .as_ref()
            .and_then(|rid| rels.rels.iter().find(|r| &r.id == rid && !r.external))
            .map(|r| opc::resolve_target(&sheet.part, &r.target))
            .filter(|p| pkg.has(p));
        if let Some(part) = vml_part {
            let raw = pkg.read(&part)?;
            let vml = String::from_utf8(raw)
                .map_err(|_| xml_err(&part, 0, "VML drawing is not UTF-8"))?;
            let new = append_vml_shapes(&vml, &part, new_cells)?;
            // Excel's VML is not always well-formed XML; only hold
            // ours to the standard the original met.
            if check_well_formed(&vml, &part, limits.max_xml_depth).is_ok() {
                check_well_formed(&new, &part, limits.max_xml_depth)?;
            }
            self.changes.insert(part, new.into_bytes());
            return Ok(());
        }
        let part = self.free_part("xl/drawings/vmlDrawing", ".vml");
        let vml = new_vml(self.next_idmap, new_cells);
        self.next_idmap += 1;
        check_well_formed(&vml, &part, limits.max_xml_depth)?;
        let id = rels.add(&sheet.part, &part, REL_VML)?;
        self.ct = opc::add_default(&self.ct, "vml", CT_VML)?;
        if sheet_scan
            .children
            .iter()
            .any(|(n, _)| n == "legacyDrawing")
        {
            return Err(WriteError::Unsupported(format!(
                "{}: a legacy drawing is referenced but missing",
                sheet.part
            )));
        }
        let new_sheet = insert_legacy_drawing(sheet_xml, sheet_scan, &id)?;
        check_well_formed(&new_sheet, &sheet.part, limits.max_xml_depth)?;
        self.changes
            .insert(sheet.part.clone(), new_sheet.into_bytes());
        self.changes.insert(part, vml.into_bytes());
        Ok(())
    }
}

/// Note texts by (row, col).
type CellTexts = Vec<((u32, u32), String)>;

/// Texts per cell, in reading order: for cells without a note, and for
/// cells whose note they are appended to (marked so in `placed`).
fn split_cells(
    cells: &BTreeMap<(u32, u32), Vec<usize>>,
    notes: &[NewNote],
    existing: Option<&CommentsXml>,
    placed: &mut [PlacedNote],
) -> (CellTexts, CellTexts) {
    let mut new_cells: CellTexts = Vec::new();
    let mut appended: CellTexts = Vec::new();
    for (&(row, col), idxs) in cells {
        let text = idxs
            .iter()
            .map(|&i| notes[i].text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let r = format!("{}{}", xlsx_scan::col_letters(col), row);
        let has = existing.is_some_and(|c| c.comments.iter().any(|x| x.r.eq_ignore_ascii_case(&r)));
        if has {
            appended.push(((row, col), text));
            for &i in idxs {
                if let Some(p) = placed.get_mut(i) {
                    p.appended_to_existing = true;
                }
            }
        } else {
            new_cells.push(((row, col), text));
        }
    }
    (new_cells, appended)
}

fn legacy_rid(tag: &str) -> Option<String> {
    let mut reader = Reader::from_str(tag);
    match reader.read_event() {
        Ok(Event::Empty(e)) | Ok(Event::Start(e)) => attr(&e, "id"),
        _ => None,
    }
}

/// The note text as a rich-text run: a bold "yoshiki:" label then the text,
/// as Excel writes its own notes.
fn note_runs(author: &str, text: &str) -> String {
    format!(
        "<r><rPr><b/><sz val=\"9\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr><t>{}:</t></r><r><rPr><sz val=\"9\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr><t xml:space=\"preserve\">\n{}</t></r>",
        escape_text(author),
        escape_text(text)
    )
}

fn new_comments_xml(author: &str, cells: &[((u32, u32), String)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<comments xmlns=\"{S_NS}\"><authors><author>{}</author></authors><commentList>",
        escape_text(author)
    );
    for ((row, col), text) in cells {
        s.push_str(&format!(
            "<comment ref=\"{}{}\" authorId=\"0\"><text>{}</text></comment>",
            xlsx_scan::col_letters(*col),
            row,
            note_runs(author, text)
        ));
    }
    s.push_str("</commentList></comments>");
    s
}

/// An existing comments part, scanned for what we need to append to it.
struct CommentsXml {
    xml: String,
    part: String,
    prefix: String,
    authors: Vec<String>,
    /// Start of `</authors>`, or the whole `<authors/>`.
    authors_end: Option<(usize, bool)>,
    /// Start of `</commentList>`, or the whole `<commentList/>`.
    list_end: Option<(std::ops::Range<usize>, bool)>,
    comments: Vec<ExistingComment>,
    root_end: usize,
}

struct ExistingComment {
    r: String,
    /// Start of `</text>`.
    text_end: Option<usize>,
    /// A direct `t` child of `text` (plain, not runs): its end tag start.
    plain_t_end: Option<usize>,
    /// Start of the first `rPh` / `phoneticPr` in `text` (runs must come
    /// before them).
    phonetic_start: Option<usize>,
}

impl CommentsXml {
    fn scan(xml: &str, part: &str) -> Result<CommentsXml, WriteError> {
        let bom = super::xml::bom_len(xml);
        let mut reader = Reader::from_str(xml);
        let mut out = CommentsXml {
            xml: xml.to_string(),
            part: part.to_string(),
            prefix: String::new(),
            authors: Vec::new(),
            authors_end: None,
            list_end: None,
            comments: Vec::new(),
            root_end: 0,
        };
        let mut stack: Vec<String> = Vec::new();
        let mut author_text: Option<String> = None;
        loop {
            let before = reader.buffer_position() as usize + bom;
            let ev = reader
                .read_event()
                .map_err(|e| xml_err(part, reader.error_position(), &e.to_string()))?;
            let after = reader.buffer_position() as usize + bom;
            match ev {
                Event::Start(e) => {
                    let q = e.name().0.to_string();
                    let l = local(&q).to_string();
                    if stack.is_empty() {
                        out.prefix = super::xml::prefix_of(&q).to_string();
                    }
                    match l.as_str() {
                        "author" => author_text = Some(String::new()),
                        "comment" => out.comments.push(ExistingComment {
                            r: attr(&e, "ref").unwrap_or_default(),
                            text_end: None,
                            plain_t_end: None,
                            phonetic_start: None,
                        }),
                        "rPh" | "phoneticPr"
                            if stack.last().map(String::as_str) == Some("text") =>
                        {
                            if let Some(c) = out.comments.last_mut() {
                                c.phonetic_start.get_or_insert(before);
                            }
                        }
                        _ => {}
                    }
                    stack.push(l);
                }
                Event::Empty(e) => {
                    let l = local(e.name().0).to_string();
                    match l.as_str() {
                        "authors" => out.authors_end = Some((before, true)),
                        "commentList" => out.list_end = Some((before..after, true)),
                        "rPh" | "phoneticPr"
                            if stack.last().map(String::as_str) == Some("text") =>
                        {
                            if let Some(c) = out.comments.last_mut() {
                                c.phonetic_start.get_or_insert(before);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(_) => {
                    let l = stack.pop().unwrap_or_default();
                    let parent = stack.last().map(String::as_str);
                    match l.as_str() {
                        "author" => {
                            if let Some(a) = author_text.take() {
                                out.authors.push(a);
                            }
                        }
                        "authors" => out.authors_end = Some((before, false)),
                        "commentList" => out.list_end = Some((before..before, false)),
                        "text" if parent == Some("comment") => {
                            if let Some(c) = out.comments.last_mut() {
                                c.text_end = Some(before);
                            }
                        }
                        "t" if parent == Some("text") => {
                            if let Some(c) = out.comments.last_mut() {
                                c.plain_t_end = Some(before);
                            }
                        }
                        _ => {}
                    }
                    if stack.is_empty() {
                        out.root_end = before;
                    }
                }
                Event::Text(t) => {
                    if let Some(a) = author_text.as_mut() {
                        a.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let (Some(a), Some(c)) = (author_text.as_mut(), super::xml::resolve_ref(&r))
                    {
                        a.push(c);
                    }
                }
                Event::DocType(_) => return Err(xml_err(part, before as u64, "DOCTYPE refused")),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    fn add(
        &self,
        author: &str,
        new_cells: &[((u32, u32), String)],
        appended: &[((u32, u32), String)],
    ) -> Result<String, WriteError> {
        let p = &self.prefix;
        let mut splices = Vec::new();
        let author_id = match self.authors.iter().position(|a| a == author) {
            Some(i) => i,
            None => {
                let el = format!("<{p}author>{}</{p}author>", escape_text(author));
                match self.authors_end {
                    Some((at, false)) => splices.push(Splice::insert(at, el)),
                    Some((at, true)) => {
                        let end = self.xml[at..].find("/>").map(|i| at + i + 2).unwrap_or(at);
                        splices.push(Splice::replace(
                            at..end,
                            format!("<{p}authors>{el}</{p}authors>"),
                        ));
                    }
                    None => {
                        return Err(xml_err(&self.part, 0, "comments part without authors"));
                    }
                }
                self.authors.len()
            }
        };
        let mut list = String::new();
        for ((row, col), text) in new_cells {
            list.push_str(&format!(
                "<{p}comment ref=\"{}{}\" authorId=\"{author_id}\"><{p}text>{}</{p}text></{p}comment>",
                xlsx_scan::col_letters(*col),
                row,
                prefixed(p, &note_runs(author, text))
            ));
        }
        if !list.is_empty() {
            match &self.list_end {
                Some((r, false)) => splices.push(Splice::insert(r.start, list)),
                Some((r, true)) => splices.push(Splice::replace(
                    r.clone(),
                    format!("<{p}commentList>{list}</{p}commentList>"),
                )),
                None => splices.push(Splice::insert(
                    self.root_end,
                    format!("<{p}commentList>{list}</{p}commentList>"),
                )),
            }
        }
        for ((row, col), text) in appended {
            let r = format!("{}{}", xlsx_scan::col_letters(*col), row);
            let Some(c) = self.comments.iter().find(|c| c.r.eq_ignore_ascii_case(&r)) else {
                continue;
            };
            let addition = format!("\n\n{author}:\n{text}");
            if let Some(at) = c.plain_t_end {
                splices.push(Splice::insert(at, escape_text(&addition)));
            } else if let Some(at) = c.phonetic_start.or(c.text_end) {
                splices.push(Splice::insert(
                    at,
                    format!(
                        "<{p}r><{p}t xml:space=\"preserve\">{}</{p}t></{p}r>",
                        escape_text(&addition)
                    ),
                ));
            }
        }
        apply_splices(&self.xml, &splices, &self.part)
    }
}

/// Put a prefix on the elements of a fragment written without one.
fn prefixed(p: &str, frag: &str) -> String {
    if p.is_empty() {
        return frag.to_string();
    }
    frag.replace("<r>", &format!("<{p}r>"))
        .replace("</r>", &format!("</{p}r>"))
        .replace("<rPr>", &format!("<{p}rPr>"))
        .replace("</rPr>", &format!("</{p}rPr>"))
        .replace("<b/>", &format!("<{p}b/>"))
        .replace("<sz ", &format!("<{p}sz "))
        .replace("<color ", &format!("<{p}color "))
        .replace("<rFont ", &format!("<{p}rFont "))
        .replace("<family ", &format!("<{p}family "))
        .replace("<t>", &format!("<{p}t>"))
        .replace("<t xml:space", &format!("<{p}t xml:space"))
        .replace("</t>", &format!("</{p}t>"))
}

/// Highest `o:idmap data` number in any VML part of the package.
fn max_idmap(pkg: &Package) -> u32 {
    let mut max = 0;
    for e in pkg.entries() {
        if !e.name.to_ascii_lowercase().ends_with(".vml") {
            continue;
        }
        let Ok(raw) = pkg.read(&e.name) else { continue };
        let text = String::from_utf8_lossy(&raw);
        for (i, _) in text.match_indices("idmap") {
            let rest = &text[i..text.len().min(i + 200)];
            if let Some(d) = rest.find("data=") {
                let v: String = rest[d + 6..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if let Ok(n) = v.parse::<u32>() {
                    max = max.max(n);
                }
            }
        }
    }
    max
}

const SHAPETYPE: &str = "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>";

fn vml_shape(id: u32, row: u32, col: u32, decl: &str) -> String {
    let (r0, c0) = (row.saturating_sub(1), col.saturating_sub(1));
    format!(
        "<v:shape{decl} id=\"_x0000_s{id}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:200pt;height:90pt;z-index:{z};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{}, 15, {}, 10, {}, 15, {}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{r0}</x:Row><x:Column>{c0}</x:Column></x:ClientData></v:shape>",
        c0 + 1,
        r0.saturating_sub(1),
        c0 + 4,
        r0 + 5,
        z = id % 1024,
    )
}

fn new_vml(idmap: u32, cells: &[((u32, u32), String)]) -> String {
    let mut s = format!(
        "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{idmap}\"/></o:shapelayout>{SHAPETYPE}"
    );
    for (k, ((row, col), _)) in cells.iter().enumerate() {
        s.push_str(&vml_shape(idmap * 1024 + 1 + k as u32, *row, *col, ""));
    }
    s.push_str("</xml>");
    s
}

/// Append note shapes before the closing `</xml>` of an existing drawing
/// (found textually: Excel's VML does not always parse as XML).
fn append_vml_shapes(
    vml: &str,
    part: &str,
    cells: &[((u32, u32), String)],
) -> Result<String, WriteError> {
    let lower = vml.to_ascii_lowercase();
    let end = lower
        .rfind("</xml>")
        .ok_or_else(|| xml_err(part, 0, "VML drawing without </xml>"))?;
    // Declare the prefixes on each shape when the root does not.
    let root_tag_end = vml.find('>').unwrap_or(0);
    let root = &vml[..root_tag_end];
    let mut decl = String::new();
    for (p, ns) in [
        ("v", "urn:schemas-microsoft-com:vml"),
        ("o", "urn:schemas-microsoft-com:office:office"),
        ("x", "urn:schemas-microsoft-com:office:excel"),
    ] {
        if !root.contains(&format!("xmlns:{p}=")) {
            decl.push_str(&format!(" xmlns:{p}=\"{ns}\""));
        }
    }
    let mut max_id = 0u32;
    for (i, _) in vml.match_indices("_x0000_s") {
        let v: String = vml[i + 8..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Ok(n) = v.parse::<u32>() {
            max_id = max_id.max(n);
        }
    }
    if max_id == 0 {
        max_id = 1024;
    }
    let mut add = String::new();
    if !vml.contains("_x0000_t202") {
        let st = if decl.is_empty() {
            SHAPETYPE.to_string()
        } else {
            SHAPETYPE.replacen("<v:shapetype", &format!("<v:shapetype{decl}"), 1)
        };
        add.push_str(&st);
    }
    for (k, ((row, col), _)) in cells.iter().enumerate() {
        add.push_str(&vml_shape(max_id + 1 + k as u32, *row, *col, &decl));
    }
    let mut s = String::with_capacity(vml.len() + add.len());
    s.push_str(&vml[..end]);
    s.push_str(&add);
    s.push_str(&vml[end..]);
    Ok(s)
}

/// Elements that must follow `legacyDrawing` in a worksheet (CT_Worksheet
/// sequence).
const AFTER_LEGACY: &[&str] = &[
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
];

fn insert_legacy_drawing(
    xml: &str,
    scan: &xlsx_scan::SmlScan,
    rid: &str,
) -> Result<String, WriteError> {
    let p = &scan.prefix;
    let el = format!(
        "<{p}legacyDrawing xmlns:r=\"{R_NS}\" r:id=\"{}\"/>",
        escape_attr(rid)
    );
    let at = scan
        .children
        .iter()
        .find(|(n, _)| AFTER_LEGACY.contains(&n.as_str()))
        .map(|(_, r)| r.start)
        .unwrap_or(scan.root_end_tag);
    apply_splices(xml, &[Splice::insert(at, el)], "worksheet")
}
