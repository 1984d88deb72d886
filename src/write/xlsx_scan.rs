//! One streaming pass over a SpreadsheetML part (a worksheet or the shared
//! string table) recording cells and rich-text strings with their byte
//! ranges, for the xlsx writers to splice. Also finds the workbook's sheets.

use super::WriteError;
use super::docx_scan::{Piece, TextNode};
use super::opc;
use super::package::Package;
use super::xml::{attr, attr_q, local, prefix_of, resolve_ref, xml_err};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::ops::Range;

pub const S_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
pub const S_NS_STRICT: &str = "http://purl.oclc.org/ooxml/spreadsheetml/main";
pub const REL_SST: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
pub const REL_WORKSHEET: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/// A sheet of the workbook.
#[derive(Debug, Clone)]
pub struct SheetRef {
    pub name: String,
    /// The worksheet part (`xl/worksheets/sheet1.xml`).
    pub part: String,
}

/// What the workbook says about its parts.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub part: String,
    pub sheets: Vec<SheetRef>,
    pub shared_strings: Option<String>,
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&SheetRef> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Find the workbook part, its sheets (in tab order) and the shared string
/// table.
pub fn workbook(pkg: &Package) -> Result<Workbook, WriteError> {
    // The package relationships name the workbook; without them (some
    // generators omit `_rels/.rels`) Excel's default place is used.
    let (_, root_rels) = opc::read_rels(pkg, "_rels/.rels")?;
    let part = root_rels
        .iter()
        .find(|r| r.rel_type.ends_with("/officeDocument"))
        .map(|r| opc::resolve_target("", &r.target))
        .filter(|p| pkg.has(p))
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let xml = pkg.read_string(&part)?;
    let rels_part = opc::rels_part_for(&part);
    let rels = opc::parse_rels(&pkg.read_string(&rels_part)?, &rels_part)?;
    let mut sheets = Vec::new();
    let mut reader = NsReader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if local(e.name().0) == "sheet" {
                    let name = attr(&e, "name").unwrap_or_default();
                    let rid = attr(&e, "id").unwrap_or_default();
                    if let Some(rel) = rels.iter().find(|r| r.id == rid && !r.external) {
                        sheets.push(SheetRef {
                            name,
                            part: opc::resolve_target(&part, &rel.target),
                        });
                    }
                }
            }
            Ok(Event::DocType(_)) => return Err(xml_err(&part, 0, "DOCTYPE refused")),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_err(&part, reader.error_position(), &e.to_string())),
        }
    }
    let shared_strings = rels
        .iter()
        .find(|r| r.rel_type == REL_SST || r.rel_type.ends_with("/sharedStrings"))
        .map(|r| opc::resolve_target(&part, &r.target))
        // The part's own spelling, whatever case the relationship uses.
        .and_then(|p| pkg.entry(&p).map(|e| e.name.clone()));
    Ok(Workbook {
        part,
        sheets,
        shared_strings,
    })
}

/// A phonetic run (`rPh`): furigana for characters `sb..eb` of the string.
#[derive(Debug, Clone)]
pub struct Phonetic {
    /// The whole `rPh` element.
    pub range: Range<usize>,
    pub start_tag: Range<usize>,
    pub qname: String,
    pub sb: u32,
    pub eb: u32,
}

/// A rich-text string (`si` or `is`): its text nodes, outside phonetic
/// runs, and its phonetic runs.
#[derive(Debug, Clone, Default)]
pub struct Rst {
    pub range: Range<usize>,
    pub text: String,
    pub pieces: Vec<Piece>,
    pub phonetics: Vec<Phonetic>,
}

/// A cell (`c`).
#[derive(Debug, Clone)]
pub struct CellXml {
    /// A1 reference.
    pub r: String,
    pub t: Option<String>,
    pub range: Range<usize>,
    /// The `v` element's content range and text.
    pub v: Option<(Range<usize>, String)>,
    pub inline: Option<Rst>,
    /// A formula is present.
    pub formula: bool,
}

/// The result of scanning a SpreadsheetML part.
#[derive(Debug, Clone, Default)]
pub struct SmlScan {
    pub prefix: String,
    /// Direct children of the root: local name and range.
    pub children: Vec<(String, Range<usize>)>,
    pub root_end_tag: usize,
    pub sis: Vec<Rst>,
    pub cells: Vec<CellXml>,
    /// `uniqueCount` attribute of `sst`: the value range.
    pub unique_count: Option<(Range<usize>, u64)>,
}

fn is_s(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.0 == S_NS || n.0 == S_NS_STRICT)
}

// A1 naming lives in model so that forms can use it without depending
// on the writers; the old paths keep working.
pub use crate::model::{col_letters, parse_ref};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Frame {
    Rst,
    Run,
    T,
    Phonetic,
    C,
    V,
    Other,
}

/// Scan a worksheet or shared string part.
pub fn scan(xml: &str, part: &str, max_depth: usize) -> Result<SmlScan, WriteError> {
    let mut reader = NsReader::from_str(xml);
    let bom = super::xml::bom_len(xml);
    reader.config_mut().check_end_names = true;
    let mut s = Scanner::default();
    loop {
        let before = reader.buffer_position() as usize + bom;
        let (s_ns, ev) = match reader.read_resolved_event() {
            Ok((ns, ev)) => (is_s(&ns), ev),
            Err(e) => return Err(xml_err(part, reader.error_position(), &e.to_string())),
        };
        let after = reader.buffer_position() as usize + bom;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if s.stack.len() >= max_depth {
                    return Err(xml_err(part, before as u64, "nesting too deep"));
                }
                s.start(xml, e, s_ns, empty, before..after);
            }
            Event::End(_) => s.end(before..after),
            Event::Text(t) => {
                if let Some((_, text)) = s.cur_t.as_mut() {
                    text.push_str(&t.xml10_content());
                } else if let Some((_, text)) = s.cur_v.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = s.cur_t.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = resolve_ref(&r)
                    .ok_or_else(|| xml_err(part, before as u64, "unknown entity"))?;
                if let Some((_, text)) = s.cur_t.as_mut() {
                    text.push(c);
                } else if let Some((_, text)) = s.cur_v.as_mut() {
                    text.push(c);
                }
            }
            Event::DocType(_) => return Err(xml_err(part, before as u64, "DOCTYPE refused")),
            Event::Eof => break,
            _ => {}
        }
    }
    if !s.stack.is_empty() {
        return Err(xml_err(part, xml.len() as u64, "unexpected end of part"));
    }
    Ok(s.out)
}

/// The state of one scan: what was found so far and the open elements.
struct Scanner {
    out: SmlScan,
    stack: Vec<Frame>,
    cur_rst: Option<Rst>,
    in_phonetic: bool,
    cur_t: Option<(TextNode, String)>,
    cur_cell: Option<CellXml>,
    cur_v: Option<(usize, String)>,
    row: u32,
    next_col: u32,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            out: SmlScan::default(),
            stack: Vec::new(),
            cur_rst: None,
            in_phonetic: false,
            cur_t: None,
            cur_cell: None,
            cur_v: None,
            row: 0,
            next_col: 1,
        }
    }
}

impl Scanner {
    /// A start or empty tag.
    fn start(
        &mut self,
        xml: &str,
        e: &quick_xml::events::BytesStart<'_>,
        s_ns: bool,
        empty: bool,
        tag: Range<usize>,
    ) {
        let qname = e.name().0.to_string();
        let name = local(&qname).to_string();
        if self.stack.is_empty() {
            self.out.prefix = prefix_of(&qname).to_string();
            if name == "sst" {
                self.unique_count(xml, e, tag.clone());
            }
        } else if self.stack.len() == 1 {
            self.out.children.push((name.clone(), tag.clone()));
        }
        let frame = if s_ns {
            self.s_start(e, &qname, &name, empty, tag)
        } else {
            Frame::Other
        };
        if empty {
            self.close_empty(frame);
        } else {
            self.stack.push(frame);
        }
    }

    /// Record where the `sst`'s uniqueCount value is, to update it.
    fn unique_count(
        &mut self,
        xml: &str,
        e: &quick_xml::events::BytesStart<'_>,
        tag: Range<usize>,
    ) {
        let before = tag.start;
        if let Some(v) = attr(e, "uniqueCount").and_then(|v| v.parse::<u64>().ok()) {
            let tag = &xml[tag];
            if let Some(p) = tag.find("uniqueCount=") {
                let q = p + "uniqueCount=".len();
                let quote = tag.as_bytes().get(q).copied().unwrap_or(b'"');
                if let Some(len) = tag[q + 1..].find(quote as char) {
                    self.out.unique_count = Some((before + q + 1..before + q + 1 + len, v));
                }
            }
        }
    }

    /// The frame of a SpreadsheetML start tag, recording what it opens.
    fn s_start(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        qname: &str,
        name: &str,
        empty: bool,
        tag: Range<usize>,
    ) -> Frame {
        let (before, after) = (tag.start, tag.end);
        match name {
            "si" | "is" => {
                self.cur_rst = Some(Rst {
                    range: before..after,
                    ..Rst::default()
                });
                Frame::Rst
            }
            "r" if self.cur_rst.is_some() => Frame::Run,
            "rPh" if self.cur_rst.is_some() => {
                self.in_phonetic = true;
                if let Some(rst) = self.cur_rst.as_mut() {
                    rst.phonetics.push(Phonetic {
                        range: before..after,
                        start_tag: before..after,
                        qname: qname.to_string(),
                        sb: attr(e, "sb").and_then(|v| v.parse().ok()).unwrap_or(0),
                        eb: attr(e, "eb").and_then(|v| v.parse().ok()).unwrap_or(0),
                    });
                }
                Frame::Phonetic
            }
            "t" if self.cur_rst.is_some() && !self.in_phonetic => {
                let node = TextNode {
                    start_tag: before..after,
                    content: after..after,
                    self_closing: empty,
                    preserve: attr_q(e, "xml:space").as_deref() == Some("preserve"),
                    qname: qname.to_string(),
                };
                if empty {
                    if let Some(rst) = self.cur_rst.as_mut() {
                        Piece::append(&mut rst.text, &mut rst.pieces, String::new(), Some(node));
                    }
                } else {
                    self.cur_t = Some((node, String::new()));
                }
                Frame::T
            }
            "row" => {
                self.row = attr(e, "r")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(self.row + 1);
                self.next_col = 1;
                Frame::Other
            }
            "c" => {
                let r = match attr(e, "r") {
                    Some(r) => r,
                    None => format!("{}{}", col_letters(self.next_col), self.row),
                };
                if let Some((c, _)) = parse_ref(&r) {
                    self.next_col = c + 1;
                }
                self.cur_cell = Some(CellXml {
                    r,
                    t: attr(e, "t"),
                    range: before..after,
                    v: None,
                    inline: None,
                    formula: false,
                });
                Frame::C
            }
            "v" if self.cur_cell.is_some() => {
                self.cur_v = Some((after, String::new()));
                Frame::V
            }
            "f" => {
                if let Some(c) = self.cur_cell.as_mut() {
                    c.formula = true;
                }
                Frame::Other
            }
            _ => Frame::Other,
        }
    }

    /// Close what an empty element opened.
    fn close_empty(&mut self, frame: Frame) {
        match frame {
            Frame::C => {
                if let Some(c) = self.cur_cell.take() {
                    self.out.cells.push(c);
                }
            }
            Frame::Phonetic => self.in_phonetic = false,
            Frame::Rst => {
                if let Some(rst) = self.cur_rst.take() {
                    self.out.sis.push(rst);
                }
            }
            Frame::V => self.cur_v = None,
            _ => {}
        }
    }

    /// An end tag: close its frame.
    fn end(&mut self, tag: Range<usize>) {
        let (before, after) = (tag.start, tag.end);
        let frame = self.stack.pop().unwrap_or(Frame::Other);
        match frame {
            Frame::T => {
                if let (Some((mut node, text)), Some(rst)) =
                    (self.cur_t.take(), self.cur_rst.as_mut())
                {
                    node.content = node.start_tag.end..before;
                    Piece::append(&mut rst.text, &mut rst.pieces, text, Some(node));
                }
            }
            Frame::Phonetic => {
                self.in_phonetic = false;
                if let Some(p) = self.cur_rst.as_mut().and_then(|r| r.phonetics.last_mut()) {
                    p.range.end = after;
                }
            }
            Frame::Rst => {
                if let Some(mut rst) = self.cur_rst.take() {
                    rst.range.end = after;
                    if let Some(c) = self.cur_cell.as_mut() {
                        c.inline = Some(rst);
                    } else {
                        self.out.sis.push(rst);
                    }
                }
            }
            Frame::V => {
                if let (Some((start, text)), Some(c)) = (self.cur_v.take(), self.cur_cell.as_mut())
                {
                    c.v = Some((start..before, text));
                }
            }
            Frame::C => {
                if let Some(mut c) = self.cur_cell.take() {
                    c.range.end = after;
                    self.out.cells.push(c);
                }
            }
            Frame::Run | Frame::Other => {}
        }
        if self.stack.is_empty() {
            self.out.root_end_tag = before;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(parse_ref("B12"), Some((2, 12)));
        assert_eq!(parse_ref("AA1"), Some((27, 1)));
        assert_eq!(col_letters(27), "AA");
        assert_eq!(col_letters(1), "A");
        assert_eq!(parse_ref("A0"), None);
    }

    #[test]
    fn scans_shared_strings_with_phonetics() {
        let xml = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="2"><si><t>情報&#12475;</t><rPh sb="0" eb="2"><t>ジョウホウ</t></rPh><phoneticPr fontId="1"/></si><si><r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b</t></r></si></sst>"#;
        let s = scan(xml, "sst", 100).unwrap();
        assert_eq!(s.sis.len(), 2);
        assert_eq!(s.sis[0].text, "情報セ");
        assert_eq!(s.sis[0].phonetics.len(), 1);
        assert_eq!(s.sis[0].phonetics[0].eb, 2);
        assert_eq!(
            &xml[s.sis[0].phonetics[0].range.clone()],
            "<rPh sb=\"0\" eb=\"2\"><t>ジョウホウ</t></rPh>"
        );
        assert_eq!(s.sis[1].text, "a b");
        assert_eq!(s.unique_count.as_ref().map(|u| u.1), Some(2));
    }
}
