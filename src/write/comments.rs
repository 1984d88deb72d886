//! Word comments: add comments anchored on paragraphs or table cells,
//! keeping every existing comment.
//!
//! A comment needs four things: the `w:comment` in the comments part
//! (created with its relationship and content type when the document has
//! none), a `w:commentRangeStart` where the commented range begins, a
//! `w:commentRangeEnd` where it ends, and a run holding the
//! `w:commentReference` right after the end. Ids continue after the
//! highest id already in use.

use super::WriteError;
use super::docx_scan::{self, DocxScan, Para, W_NS};
use super::opc::{self, REL_COMMENTS};
use super::package::{Package, PartChanges};
use super::xml::{Splice, apply_splices, check_well_formed, escape_attr, escape_text};
use crate::model::Location;
use crate::read::Limits;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::BTreeMap;

pub const CT_COMMENTS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";

/// What a comment is anchored on in `word/document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Paragraph(u32),
    Cell { table: u32, row: u32, col: u32 },
    Table(u32),
}

/// One comment to add.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub anchor: Anchor,
    pub author: String,
    pub initials: String,
    /// ISO 8601 date-time, or None to leave the date out.
    pub date: Option<String>,
    /// The text; each line becomes a paragraph of the comment.
    pub text: String,
}

/// Where a comment ended up.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Index of the comment in the input.
    pub index: usize,
    /// The id given to it.
    pub id: u32,
    /// The anchor actually used (a paragraph in a text box is anchored on
    /// the paragraph holding the text box; an unknown place on the first
    /// paragraph).
    pub anchor: Anchor,
    pub location: Location,
    /// True when the requested anchor did not exist and the first paragraph
    /// was used instead.
    pub fallback: bool,
}

/// The anchor for a location reported by `check`: the paragraph, else the
/// table cell, else the table, else None (the caller falls back to the
/// first paragraph).
pub fn anchor_for(loc: &Location) -> Option<Anchor> {
    if loc
        .part
        .as_deref()
        .is_some_and(|p| p != super::docx_text::DOCUMENT_PART)
    {
        return None;
    }
    if let (Some(t), Some(r), Some(c)) = (loc.table, loc.row, loc.col) {
        return Some(Anchor::Cell {
            table: t,
            row: r,
            col: c,
        });
    }
    if let Some(p) = loc.paragraph {
        return Some(Anchor::Paragraph(p));
    }
    loc.table.map(Anchor::Table)
}

/// Add comments to a .docx package. Returns the changed parts (to pass to
/// [`Package::rewrite`]) and where each comment was placed.
pub fn add_comments(
    pkg: &Package,
    comments: &[NewComment],
    limits: &Limits,
) -> Result<(PartChanges, Vec<Placed>), WriteError> {
    let doc_part = super::docx_text::DOCUMENT_PART;
    let mut changes = BTreeMap::new();
    if comments.is_empty() {
        return Ok((changes, Vec::new()));
    }
    let doc_xml = pkg.read_string(doc_part)?;
    let scan = docx_scan::scan(&doc_xml, doc_part, limits.max_xml_depth)?;
    if scan.paras.is_empty() {
        return Err(WriteError::Unsupported(
            "the document has no paragraph to comment on".into(),
        ));
    }

    // The comments part, existing or new.
    let rels_part = opc::rels_part_for(doc_part);
    let (rels_xml, rels) = opc::read_rels(pkg, &rels_part)?;
    let existing = rels
        .iter()
        .find(|r| r.rel_type == REL_COMMENTS && !r.external)
        .map(|r| opc::resolve_target(doc_part, &r.target))
        .filter(|p| pkg.has(p));
    let comments_xml = match &existing {
        Some(p) => Some(pkg.read_string(p)?),
        None => None,
    };

    // Fresh ids: after every id used in the comments part and the body.
    let mut next_id = 0u32;
    if let Some(x) = &comments_xml {
        next_id = next_id.max(max_comment_id(x).map_or(0, |m| m + 1));
    }
    next_id = next_id.max(max_comment_id(&doc_xml).map_or(0, |m| m + 1));

    let w = WPrefix::for_prefix(&scan.w_prefix);
    let mut marks = Marks::default();
    let mut bodies = String::new();
    let mut placed = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        let id = next_id;
        next_id += 1;
        let (anchor, start, end, fallback) = resolve_anchor(&scan, &c.anchor);
        let loc = anchor_location(&scan, &anchor);
        marks.add(start, end, id, &w);
        bodies.push_str(&comment_xml(&w_for_comments(&comments_xml), id, c));
        placed.push(Placed {
            index: i,
            id,
            anchor,
            location: loc,
            fallback,
        });
    }
    let splices = marks.splices(&doc_xml, &scan);
    let new_doc = apply_splices(&doc_xml, &splices, doc_part)?;
    check_well_formed(&new_doc, doc_part, limits.max_xml_depth)?;
    // The body must read as before: comments add no text.
    let rescan = docx_scan::scan(&new_doc, doc_part, limits.max_xml_depth)?;
    if rescan.paras.len() != scan.paras.len()
        || rescan
            .paras
            .iter()
            .zip(scan.paras.iter())
            .any(|(a, b)| a.text != b.text)
    {
        return Err(WriteError::Verify(
            "adding comments changed the document text".into(),
        ));
    }
    changes.insert(doc_part.to_string(), new_doc.into_bytes());

    match (existing, comments_xml) {
        (Some(part), Some(xml)) => {
            let new = opc::append_to_root(&xml, &part, &bodies)?;
            check_well_formed(&new, &part, limits.max_xml_depth)?;
            changes.insert(part, new.into_bytes());
        }
        _ => {
            let part = if pkg.has("word/comments.xml") {
                opc::free_part_name(|n| pkg.has(n), "word/comments", ".xml")
            } else {
                "word/comments.xml".to_string()
            };
            let xml = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{W_NS}\">{bodies}</w:comments>"
            );
            check_well_formed(&xml, &part, limits.max_xml_depth)?;
            let target = opc::relative_target(doc_part, &part);
            let id = opc::fresh_rid(&rels);
            let new_rels = match &rels_xml {
                Some(x) => opc::add_rel(x, &rels_part, &id, REL_COMMENTS, &target)?,
                None => opc::new_rels(&id, REL_COMMENTS, &target),
            };
            check_well_formed(&new_rels, &rels_part, limits.max_xml_depth)?;
            let ct = pkg.read_string(opc::CT_PART)?;
            let new_ct = opc::add_override(&ct, &part, CT_COMMENTS)?;
            check_well_formed(&new_ct, opc::CT_PART, limits.max_xml_depth)?;
            changes.insert(part, xml.into_bytes());
            changes.insert(rels_part, new_rels.into_bytes());
            changes.insert(opc::CT_PART.to_string(), new_ct.into_bytes());
        }
    }
    Ok((changes, placed))
}

/// How to spell elements of the main namespace in a part.
struct WPrefix {
    prefix: String,
    /// A namespace declaration to put on each inserted element when the
    /// part binds the main namespace to the default (no prefix).
    decl: String,
}

impl WPrefix {
    /// The spelling in a part that binds the main namespace to `prefix`
    /// (with its colon; empty: the default namespace).
    fn for_prefix(prefix: &str) -> WPrefix {
        if prefix.is_empty() {
            WPrefix {
                prefix: "w:".into(),
                decl: format!(" xmlns:w=\"{W_NS}\""),
            }
        } else {
            WPrefix {
                prefix: prefix.to_string(),
                decl: String::new(),
            }
        }
    }
}

fn w_for_comments(xml: &Option<String>) -> WPrefix {
    let prefix = match xml {
        Some(x) => opc::root_info(x, "comments")
            .map(|r| r.prefix)
            .unwrap_or_else(|_| "w:".into()),
        None => "w:".into(),
    };
    WPrefix::for_prefix(&prefix)
}

fn comment_xml(w: &WPrefix, id: u32, c: &NewComment) -> String {
    let p = &w.prefix;
    let mut s = format!(
        "<{p}comment{} {p}id=\"{id}\" {p}author=\"{}\" {p}initials=\"{}\"",
        w.decl,
        escape_attr(&c.author),
        escape_attr(&c.initials)
    );
    if let Some(d) = &c.date {
        s.push_str(&format!(" {p}date=\"{}\"", escape_attr(d)));
    }
    s.push('>');
    for (i, line) in c.text.lines().enumerate() {
        s.push_str(&format!("<{p}p>"));
        if i == 0 {
            s.push_str(&format!("<{p}r><{p}annotationRef/></{p}r>"));
        }
        s.push_str(&format!(
            "<{p}r><{p}t xml:space=\"preserve\">{}</{p}t></{p}r></{p}p>",
            escape_text(line)
        ));
    }
    if c.text.lines().next().is_none() {
        s.push_str(&format!("<{p}p><{p}r><{p}annotationRef/></{p}r></{p}p>"));
    }
    s.push_str(&format!("</{p}comment>"));
    s
}

/// The first and last paragraph (indices) of an anchor; a missing anchor
/// falls back to the first paragraph, a text-box paragraph to the
/// paragraph that holds the text box.
fn resolve_anchor(scan: &DocxScan, anchor: &Anchor) -> (Anchor, usize, usize, bool) {
    let found: Option<(usize, usize)> = match anchor {
        Anchor::Paragraph(n) => scan
            .paras
            .iter()
            .position(|p| p.ordinal == *n)
            .map(|i| (i, i)),
        Anchor::Cell { table, row, col } => scan
            .cell_at(*table, *row, *col)
            .and_then(|c| Some((*c.paras.first()?, *c.paras.last()?))),
        Anchor::Table(t) => {
            let idx: Vec<usize> = scan
                .cells
                .iter()
                .filter(|c| c.table == *t)
                .flat_map(|c| c.paras.iter().copied())
                .collect();
            match (idx.iter().min(), idx.iter().max()) {
                (Some(&a), Some(&b)) => Some((a, b)),
                _ => None,
            }
        }
    };
    match found {
        Some((a, b)) => {
            let a2 = outside_textbox(scan, a);
            let b2 = outside_textbox(scan, b);
            if a2 != a || b2 != b {
                let p = scan.paras.get(a2).map(|p| p.ordinal).unwrap_or(1);
                (Anchor::Paragraph(p), a2, b2.max(a2), false)
            } else {
                (anchor.clone(), a, b, false)
            }
        }
        None => {
            let first = outside_textbox(scan, 0);
            let p = scan.paras.get(first).map(|p| p.ordinal).unwrap_or(1);
            (Anchor::Paragraph(p), first, first, true)
        }
    }
}

/// Word does not allow comments inside text boxes: use the enclosing
/// paragraph.
fn outside_textbox(scan: &DocxScan, i: usize) -> usize {
    let Some(p) = scan.paras.get(i) else { return i };
    if !p.in_textbox {
        return i;
    }
    scan.paras
        .iter()
        .enumerate()
        .rev()
        .find(|(_, q)| {
            !q.in_textbox && q.start_tag.start < p.start_tag.start && q.end_tag > p.start_tag.start
        })
        .map(|(j, _)| j)
        .unwrap_or(i)
}

fn anchor_location(scan: &DocxScan, anchor: &Anchor) -> Location {
    let mut loc = Location::in_part(super::docx_text::DOCUMENT_PART);
    match anchor {
        Anchor::Paragraph(n) => {
            loc.paragraph = Some(*n);
            if let Some(cell) = scan
                .para(*n)
                .and_then(|p| p.cell)
                .and_then(|c| scan.cells.get(c))
            {
                loc.table = Some(cell.table);
                loc.row = Some(cell.row);
                loc.col = Some(cell.col);
            }
        }
        Anchor::Cell { table, row, col } => {
            loc.table = Some(*table);
            loc.row = Some(*row);
            loc.col = Some(*col);
        }
        Anchor::Table(t) => loc.table = Some(*t),
    }
    loc
}

/// Comment markers to insert, per paragraph: range starts go at the start
/// of the paragraph's content, range ends (with the reference run) at its
/// end. Collected first so that an empty `<w:p/>` carrying several marks
/// is expanded once.
#[derive(Default)]
struct Marks {
    starts: BTreeMap<usize, String>,
    ends: BTreeMap<usize, String>,
}

impl Marks {
    fn add(&mut self, a: usize, b: usize, id: u32, w: &WPrefix) {
        let p = &w.prefix;
        let d = &w.decl;
        self.starts
            .entry(a)
            .or_default()
            .push_str(&format!("<{p}commentRangeStart{d} {p}id=\"{id}\"/>"));
        self.ends.entry(b).or_default().push_str(&format!(
            "<{p}commentRangeEnd{d} {p}id=\"{id}\"/><{p}r{d}><{p}commentReference {p}id=\"{id}\"/></{p}r>"
        ));
    }

    fn splices(&self, xml: &str, scan: &DocxScan) -> Vec<Splice> {
        let mut out = Vec::new();
        let mut paras: Vec<usize> = self
            .starts
            .keys()
            .chain(self.ends.keys())
            .copied()
            .collect();
        paras.sort_unstable();
        paras.dedup();
        for i in paras {
            let Some(p) = scan.paras.get(i) else { continue };
            let start = self.starts.get(&i).map(String::as_str).unwrap_or("");
            let end = self.ends.get(&i).map(String::as_str).unwrap_or("");
            if p.self_closing {
                out.push(expand_self_closing(xml, p, &format!("{start}{end}")));
            } else {
                if !start.is_empty() {
                    out.push(Splice::insert(p.content_start, start));
                }
                if !end.is_empty() {
                    out.push(Splice::insert(p.end_tag, end));
                }
            }
        }
        out
    }
}

/// `<w:p w:rsidR="1"/>` → `<w:p w:rsidR="1">CONTENT</w:p>`.
fn expand_self_closing(xml: &str, p: &Para, content: &str) -> Splice {
    let tag = &xml[p.start_tag.clone()];
    let open = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
    let name = open
        .trim_start_matches('<')
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("w:p");
    Splice::replace(p.start_tag.clone(), format!("{open}>{content}</{name}>"))
}

/// The highest `w:id` on comment elements and comment markers in a part.
pub fn max_comment_id(xml: &str) -> Option<u32> {
    let mut reader = Reader::from_str(xml);
    let mut max: Option<u32> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let q = e.name().0;
                let l = super::xml::local(q);
                if matches!(
                    l,
                    "comment" | "commentRangeStart" | "commentRangeEnd" | "commentReference"
                ) && let Some(id) =
                    super::xml::attr(&e, "id").and_then(|v| v.trim().parse::<u32>().ok())
                {
                    max = Some(max.map_or(id, |m| m.max(id)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    max
}
