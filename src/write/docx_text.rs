//! Run-aware text replacement in Word documents.
//!
//! Word splits a paragraph's text into runs wherever formatting, spelling
//! marks or editing sessions changed, often in the middle of a word
//! (`令和` `５` `年度版`). A replacement is made on the paragraph's text as
//! it reads: the matched range is mapped back to (text node, offset)
//! positions; the replacement goes into the first touched node (so it takes
//! that run's formatting) and the consumed text is cut from the following
//! nodes. Only the content of the touched `w:t` elements changes (and
//! `xml:space="preserve"` is added where the new text needs it); every
//! other byte of the part is kept.

use super::docx_scan::{self, DocxScan, Para, Piece};
use super::package::Package;
use super::xml::{Splice, apply_splices, check_well_formed, escape_text};
use super::{Edit, EditOutcome, EditStatus, WriteError, find_free};
use crate::model::Location;
use crate::read::Limits;
use std::collections::BTreeMap;

/// The main document part.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// Apply edits to a .docx held in memory. Returns the new file and one
/// outcome per edit; when no edit applies the original bytes are returned
/// unchanged.
pub fn replace_in_docx(
    bytes: &[u8],
    edits: &[Edit],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<EditOutcome>), WriteError> {
    let pkg = Package::parse(bytes.to_vec(), limits)?;
    let mut by_part: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in edits.iter().enumerate() {
        let part = e
            .location
            .part
            .as_deref()
            .unwrap_or(DOCUMENT_PART)
            .to_string();
        by_part.entry(part).or_default().push(i);
    }
    let mut outcomes: Vec<Option<EditOutcome>> = vec![None; edits.len()];
    let mut changes = BTreeMap::new();
    for (part, idxs) in by_part {
        if !pkg.has(&part) {
            for i in idxs {
                outcomes[i] = Some(not_found(i, &edits[i].location));
            }
            continue;
        }
        let xml = pkg.read_string(&part)?;
        let part_edits: Vec<(usize, &Edit)> = idxs.iter().map(|&i| (i, &edits[i])).collect();
        let (new_xml, outs) = replace_in_part(&xml, &part, &part_edits, limits)?;
        for o in outs {
            let i = o.index;
            outcomes[i] = Some(o);
        }
        if let Some(new_xml) = new_xml {
            changes.insert(part, new_xml.into_bytes());
        }
    }
    let outcomes: Vec<EditOutcome> = outcomes
        .into_iter()
        .enumerate()
        .map(|(i, o)| o.unwrap_or_else(|| not_found(i, &edits[i].location)))
        .collect();
    if changes.is_empty() {
        return Ok((bytes.to_vec(), outcomes));
    }
    Ok((pkg.rewrite(&changes)?, outcomes))
}

fn not_found(index: usize, location: &Location) -> EditOutcome {
    EditOutcome {
        index,
        status: EditStatus::NotFound,
        location: location.clone(),
        before: String::new(),
        after: String::new(),
    }
}

/// The paragraphs a location designates, in order.
pub fn paras_in_scope<'a>(scan: &'a DocxScan, loc: &Location) -> Vec<&'a Para> {
    if let Some(n) = loc.paragraph {
        return scan.para(n).into_iter().collect();
    }
    if let (Some(t), Some(r), Some(c)) = (loc.table, loc.row, loc.col) {
        return match scan.cell_at(t, r, c) {
            Some(cell) => cell
                .paras
                .iter()
                .filter_map(|&i| scan.paras.get(i))
                .collect(),
            None => Vec::new(),
        };
    }
    if let Some(t) = loc.table {
        // A whole table (or one row of it).
        let mut idx: Vec<usize> = scan
            .cells
            .iter()
            .filter(|c| c.table == t && loc.row.is_none_or(|r| c.row == r))
            .flat_map(|c| c.paras.iter().copied())
            .collect();
        idx.sort_unstable();
        idx.dedup();
        return idx.iter().filter_map(|&i| scan.paras.get(i)).collect();
    }
    scan.paras.iter().collect()
}

/// A claimed replacement inside one text (a paragraph, a cell's string).
#[derive(Debug, Clone)]
pub(crate) struct Claim {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) replacement: String,
    /// Index of the edit that made it.
    pub(crate) edit: usize,
}

/// Claims (sorted, non-overlapping) as `(start, end, replacement)` ranges.
pub(crate) fn claim_ranges(claims: &[Claim]) -> Vec<(usize, usize, &str)> {
    claims
        .iter()
        .map(|c| (c.start, c.end, c.replacement.as_str()))
        .collect()
}

/// Apply edits to one part. Returns the new XML (None when nothing
/// changed) and the outcomes.
pub fn replace_in_part(
    xml: &str,
    part: &str,
    edits: &[(usize, &Edit)],
    limits: &Limits,
) -> Result<(Option<String>, Vec<EditOutcome>), WriteError> {
    let scan = docx_scan::scan(xml, part, limits.max_xml_depth)?;
    // Claims per paragraph index.
    let mut claims: BTreeMap<usize, Vec<Claim>> = BTreeMap::new();
    let mut outcomes = Vec::new();
    let mut refused: Vec<(usize, String, Location)> = Vec::new();
    for &(i, edit) in edits {
        if edit.original.is_empty() {
            refused.push((i, "empty original text".into(), edit.location.clone()));
            continue;
        }
        let mut placed = false;
        let mut refusal = None;
        for para in paras_in_scope(&scan, &edit.location) {
            let pidx = (para.ordinal - 1) as usize;
            let taken: Vec<(usize, usize)> = claims
                .get(&pidx)
                .map(|v| v.iter().map(|c| (c.start, c.end)).collect())
                .unwrap_or_default();
            match first_editable(&para.text, &para.pieces, &edit.original, taken) {
                Ok(start) => {
                    claims.entry(pidx).or_default().push(Claim {
                        start,
                        end: start + edit.original.len(),
                        replacement: edit.replacement.clone(),
                        edit: i,
                    });
                    placed = true;
                    break;
                }
                Err(Some(why)) => refusal = Some(why),
                Err(None) => {}
            }
        }
        if !placed {
            match refusal {
                Some(why) => refused.push((i, why, edit.location.clone())),
                None => outcomes.push(not_found(i, &edit.location)),
            }
        }
    }
    for (i, why, loc) in refused {
        outcomes.push(EditOutcome {
            index: i,
            status: EditStatus::Refused(why),
            location: loc,
            before: String::new(),
            after: String::new(),
        });
    }
    if claims.is_empty() {
        outcomes.sort_by_key(|o| o.index);
        return Ok((None, outcomes));
    }

    let mut splices = Vec::new();
    let mut expected: BTreeMap<usize, String> = BTreeMap::new();
    for (&pidx, list) in &claims {
        let para = scan
            .paras
            .get(pidx)
            .ok_or_else(|| WriteError::Internal("paragraph index".into()))?;
        let mut list = list.clone();
        list.sort_by_key(|c| c.start);
        let ranges = claim_ranges(&list);
        splices.extend(node_splices(&para.text, &para.pieces, &ranges)?);
        let after = apply_ranges(&para.text, &ranges);
        let loc = para_location(&scan, para, part);
        for c in &list {
            outcomes.push(EditOutcome {
                index: c.edit,
                status: EditStatus::Applied,
                location: loc.clone(),
                before: para.text.clone(),
                after: after.clone(),
            });
        }
        expected.insert(pidx, after);
    }
    let new_xml = apply_splices(xml, &splices, part)?;
    check_well_formed(&new_xml, part, limits.max_xml_depth)?;
    // The part must now read exactly as intended, and nothing else moved.
    let rescan = docx_scan::scan(&new_xml, part, limits.max_xml_depth)?;
    if rescan.paras.len() != scan.paras.len() || rescan.cells.len() != scan.cells.len() {
        return Err(WriteError::Verify(format!(
            "{part}: paragraph structure changed"
        )));
    }
    for (old, new) in scan.paras.iter().zip(rescan.paras.iter()) {
        let want = expected
            .get(&((old.ordinal - 1) as usize))
            .unwrap_or(&old.text);
        if &new.text != want {
            return Err(WriteError::Verify(format!(
                "{part}: paragraph {} reads {:?}, expected {:?}",
                old.ordinal, new.text, want
            )));
        }
    }
    outcomes.sort_by_key(|o| o.index);
    Ok((Some(new_xml), outcomes))
}

/// The location of a paragraph as `check` reports it.
pub fn para_location(scan: &DocxScan, para: &Para, part: &str) -> Location {
    let mut loc = Location::in_part(part);
    loc.paragraph = Some(para.ordinal);
    if let Some(cell) = para.cell.and_then(|c| scan.cells.get(c)) {
        loc.table = Some(cell.table);
        loc.row = Some(cell.row);
        loc.col = Some(cell.col);
    }
    loc
}

/// Where `needle` can be claimed in `text`: its first occurrence that
/// overlaps none of `taken` and may be replaced (see [`editable_pieces`]).
/// Otherwise why the last occurrence found was refused, None when there was
/// no free occurrence at all.
pub(crate) fn first_editable(
    text: &str,
    pieces: &[Piece],
    needle: &str,
    mut taken: Vec<(usize, usize)>,
) -> Result<usize, Option<String>> {
    let mut refusal = None;
    while let Some(start) = find_free(text, needle, &taken) {
        let end = start + needle.len();
        match editable_pieces(pieces, start, end) {
            Ok(()) => return Ok(start),
            Err(why) => {
                refusal = Some(why);
                taken.push((start, end));
            }
        }
    }
    Err(refusal)
}

/// A range may be replaced when every piece it touches is a text node.
fn editable_pieces(pieces: &[Piece], start: usize, end: usize) -> Result<(), String> {
    for p in pieces {
        let (a, b) = (p.at, p.at + p.text.len());
        if b <= start || a >= end || a == b {
            continue;
        }
        if p.node.is_none() {
            return Err(format!(
                "the text crosses a tab, line break or symbol ({:?})",
                p.text
            ));
        }
    }
    Ok(())
}

/// `text` with sorted, non-overlapping `(start, end, replacement)` ranges
/// replaced.
pub(crate) fn apply_ranges(text: &str, ranges: &[(usize, usize, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for &(start, end, replacement) in ranges {
        out.push_str(text.get(pos..start).unwrap_or(""));
        out.push_str(replacement);
        pos = end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// Rewrite the text nodes touched by `claims` (sorted, non-overlapping
/// `(start, end, replacement)` byte ranges of `text`): the replacement goes
/// into the node where a claim starts, consumed text is cut from the
/// following nodes, every other node is left alone.
pub(crate) fn node_splices(
    text: &str,
    pieces: &[Piece],
    claims: &[(usize, usize, &str)],
) -> Result<Vec<Splice>, WriteError> {
    let mut out = Vec::new();
    for piece in pieces {
        let Some(node) = &piece.node else { continue };
        let (a, b) = (piece.at, piece.at + piece.text.len());
        if a == b {
            continue;
        }
        let touching: Vec<&(usize, usize, &str)> =
            claims.iter().filter(|c| c.0 < b && c.1 > a).collect();
        if touching.is_empty() {
            continue;
        }
        let mut new_text = String::new();
        let mut pos = a;
        for &&(start, end, replacement) in &touching {
            let cut_start = start.max(a);
            let cut_end = end.min(b);
            new_text.push_str(text.get(pos..cut_start).unwrap_or(""));
            if start >= a {
                // The first touched node receives the replacement.
                new_text.push_str(replacement);
            }
            pos = cut_end;
        }
        new_text.push_str(text.get(pos..b).unwrap_or(""));
        if node.self_closing {
            return Err(WriteError::Internal(
                "self-closing text node with text".into(),
            ));
        }
        out.push(Splice::replace(
            node.content.clone(),
            escape_text(&new_text),
        ));
        // Whitespace the replacement brings to the edges of the node (or a
        // double space) needs xml:space="preserve" to survive; whitespace
        // that was already there is left to mean what it meant before.
        let old_text = piece.text.as_str();
        let ws = char::is_whitespace;
        let needs_preserve = (new_text.starts_with(ws) && !old_text.starts_with(ws))
            || (new_text.ends_with(ws) && !old_text.ends_with(ws))
            || (new_text.contains("  ") && !old_text.contains("  "));
        if needs_preserve && !node.preserve && node.start_tag.end > node.start_tag.start {
            out.push(Splice::insert(
                node.start_tag.end - 1,
                " xml:space=\"preserve\"",
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn edits_on(xml: &str, edits: &[Edit]) -> (Option<String>, Vec<EditOutcome>) {
        let list: Vec<(usize, &Edit)> = edits.iter().enumerate().collect();
        replace_in_part(xml, "word/document.xml", &list, &Limits::default()).unwrap()
    }

    #[test]
    fn replaces_across_runs_keeping_the_first_runs_formatting() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t>（令和</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>５</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>年度版）</w:t></w:r></w:p></w:body></w:document>"#
        );
        let (out, outcomes) = edits_on(
            &xml,
            &[Edit::new(
                Location::in_part("word/document.xml"),
                "令和５年度版",
                "令和７年度版",
            )],
        );
        let out = out.unwrap();
        assert_eq!(outcomes[0].status, EditStatus::Applied);
        assert_eq!(outcomes[0].before, "（令和５年度版）");
        assert_eq!(outcomes[0].after, "（令和７年度版）");
        assert!(out.contains("<w:r><w:t>（令和７年度版</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t></w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>）</w:t></w:r>"), "{out}");
        // Everything outside the text nodes is byte-identical.
        assert!(out.starts_with(&xml[..xml.find("（").unwrap()]));
    }

    #[test]
    fn edits_inside_one_node_and_escapes() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>A&amp;B 内閣官房内閣サイバーセキュリティセンター C</w:t></w:r></w:p></w:body></w:document>"#
        );
        let (out, o) = edits_on(
            &xml,
            &[Edit::new(
                Location::default(),
                "内閣官房内閣サイバーセキュリティセンター",
                "内閣官房国家サイバー統括室 <x>",
            )],
        );
        assert_eq!(o[0].status, EditStatus::Applied);
        let out = out.unwrap();
        assert!(
            out.contains("<w:t>A&amp;B 内閣官房国家サイバー統括室 &lt;x&gt; C</w:t>"),
            "{out}"
        );
    }

    #[test]
    fn refuses_across_a_tab_and_reports_missing_text() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>令和</w:t><w:tab/><w:t>５年度版</w:t></w:r></w:p></w:body></w:document>"#
        );
        let (out, o) = edits_on(
            &xml,
            &[
                Edit::new(Location::default(), "令和\t５", "x"),
                Edit::new(Location::default(), "存在しない", "x"),
            ],
        );
        assert!(out.is_none());
        assert!(matches!(o[0].status, EditStatus::Refused(_)));
        assert_eq!(o[1].status, EditStatus::NotFound);
    }

    #[test]
    fn locates_by_cell_and_adds_preserve() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>旧</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>旧</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>旧</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
        );
        let mut loc = Location::in_part("word/document.xml");
        loc.table = Some(1);
        loc.row = Some(1);
        loc.col = Some(2);
        let (out, o) = edits_on(&xml, &[Edit::new(loc, "旧", " 新 ")]);
        let out = out.unwrap();
        assert_eq!(o[0].location.paragraph, Some(3));
        assert!(out.ends_with(r#"<w:tc><w:p><w:r><w:t>旧</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve"> 新 </w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#), "{out}");
    }

    #[test]
    fn two_edits_same_text_take_two_occurrences() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>NISC と NISC</w:t></w:r></w:p></w:body></w:document>"#
        );
        let e = Edit::new(Location::default(), "NISC", "国家サイバー統括室");
        let (out, o) = edits_on(&xml, &[e.clone(), e.clone(), e]);
        assert!(
            out.unwrap()
                .contains("<w:t>国家サイバー統括室 と 国家サイバー統括室</w:t>")
        );
        assert_eq!(o[0].status, EditStatus::Applied);
        assert_eq!(o[1].status, EditStatus::Applied);
        assert_eq!(o[2].status, EditStatus::NotFound);
    }
}
