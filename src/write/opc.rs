//! Open Packaging Conventions plumbing for the writers: relationships,
//! content types, part names, and appending children to a root element —
//! all by splicing, so existing markup is kept as written.

use super::WriteError;
use super::package::Package;
use super::xml::{attr, escape_attr, local, xml_err};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

pub const CT_PART: &str = "[Content_Types].xml";
pub const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
pub const REL_COMMENTS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
pub const REL_VML: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
pub const REL_OFFICE_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

/// One relationship of a `.rels` part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub id: String,
    pub rel_type: String,
    pub target: String,
    pub external: bool,
}

/// The `.rels` part holding the relationships of `part`
/// (`word/document.xml` → `word/_rels/document.xml.rels`).
pub fn rels_part_for(part: &str) -> String {
    match part.rfind('/') {
        Some(i) => format!("{}/_rels/{}.rels", &part[..i], &part[i + 1..]),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolve a relationship target against the part that declares it, into
/// a part name without a leading slash.
pub fn resolve_target(source_part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return normalize(abs);
    }
    let base = match source_part.rfind('/') {
        Some(i) => &source_part[..i],
        None => "",
    };
    if base.is_empty() {
        normalize(target)
    } else {
        normalize(&format!("{base}/{target}"))
    }
}

fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// A target for `to_part` relative to the directory of `from_part`.
pub fn relative_target(from_part: &str, to_part: &str) -> String {
    let from_dir: Vec<&str> = match from_part.rfind('/') {
        Some(i) => from_part[..i].split('/').collect(),
        None => Vec::new(),
    };
    let to: Vec<&str> = to_part.split('/').collect();
    let common = from_dir
        .iter()
        .zip(to.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let mut segs: Vec<String> = Vec::new();
    for _ in common..from_dir.len() {
        segs.push("..".into());
    }
    for s in &to[common..] {
        segs.push((*s).to_string());
    }
    segs.join("/")
}

/// Parse a `.rels` part.
pub fn parse_rels(xml: &str, part: &str) -> Result<Vec<Rel>, WriteError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if local(e.name().0) == "Relationship" {
                    out.push(Rel {
                        id: attr(&e, "Id").unwrap_or_default(),
                        rel_type: attr(&e, "Type").unwrap_or_default(),
                        target: attr(&e, "Target").unwrap_or_default(),
                        external: attr(&e, "TargetMode").as_deref() == Some("External"),
                    });
                }
            }
            Ok(Event::DocType(_)) => return Err(xml_err(part, 0, "DOCTYPE refused")),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_err(part, reader.error_position(), &e.to_string())),
        }
    }
    Ok(out)
}

/// An id not used by any of `rels` (`rId7`).
pub fn fresh_rid(rels: &[Rel]) -> String {
    let mut n = rels.len() + 1;
    loop {
        let id = format!("rId{n}");
        if rels.iter().all(|r| r.id != id) {
            return id;
        }
        n += 1;
    }
}

/// The `.rels` part `rels_part` of a package, when it has one, and its
/// relationships (none without it).
pub fn read_rels(pkg: &Package, rels_part: &str) -> Result<(Option<String>, Vec<Rel>), WriteError> {
    if !pkg.has(rels_part) {
        return Ok((None, Vec::new()));
    }
    let xml = pkg.read_string(rels_part)?;
    let rels = parse_rels(&xml, rels_part)?;
    Ok((Some(xml), rels))
}

/// A new `.rels` part with one relationship.
pub fn new_rels(id: &str, rel_type: &str, target: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"{RELS_NS}\">{}</Relationships>",
        rel_element("", id, rel_type, target)
    )
}

fn rel_element(prefix: &str, id: &str, rel_type: &str, target: &str) -> String {
    format!(
        "<{prefix}Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"/>",
        escape_attr(id),
        escape_attr(rel_type),
        escape_attr(target)
    )
}

/// Add a relationship to an existing `.rels` part.
pub fn add_rel(
    xml: &str,
    part: &str,
    id: &str,
    rel_type: &str,
    target: &str,
) -> Result<String, WriteError> {
    let root = root_info(xml, part)?;
    append_to_root(xml, part, &rel_element(&root.prefix, id, rel_type, target))
}

/// Whether `[Content_Types].xml` has an `element` whose attribute `key` is
/// `value` (ASCII case-insensitive).
fn has_entry(xml: &str, element: &str, key: &str, value: &str) -> Result<bool, WriteError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if local(e.name().0) == element
                    && attr(&e, key).is_some_and(|v| v.eq_ignore_ascii_case(value))
                {
                    return Ok(true);
                }
            }
            Ok(Event::Eof) => return Ok(false),
            Ok(_) => {}
            Err(e) => return Err(xml_err(CT_PART, reader.error_position(), &e.to_string())),
        }
    }
}

/// Add an `Override` for a part to `[Content_Types].xml` unless present.
pub fn add_override(xml: &str, part_name: &str, content_type: &str) -> Result<String, WriteError> {
    let want = format!("/{}", part_name.trim_start_matches('/'));
    if has_entry(xml, "Override", "PartName", &want)? {
        return Ok(xml.to_string());
    }
    let root = root_info(xml, CT_PART)?;
    append_to_root(
        xml,
        CT_PART,
        &format!(
            "<{}Override PartName=\"{}\" ContentType=\"{}\"/>",
            root.prefix,
            escape_attr(&want),
            escape_attr(content_type)
        ),
    )
}

/// Add a `Default` for an extension to `[Content_Types].xml` unless present.
pub fn add_default(xml: &str, ext: &str, content_type: &str) -> Result<String, WriteError> {
    if has_entry(xml, "Default", "Extension", ext)? {
        return Ok(xml.to_string());
    }
    let root = root_info(xml, CT_PART)?;
    // Defaults conventionally come first.
    let el = format!(
        "<{}Default Extension=\"{}\" ContentType=\"{}\"/>",
        root.prefix,
        escape_attr(ext),
        escape_attr(content_type)
    );
    if root.self_closing {
        return append_to_root(xml, CT_PART, &el);
    }
    let mut s = String::with_capacity(xml.len() + el.len());
    s.push_str(&xml[..root.content_start]);
    s.push_str(&el);
    s.push_str(&xml[root.content_start..]);
    Ok(s)
}

/// Where a part's root element is.
#[derive(Debug, Clone)]
pub struct RootInfo {
    /// Qualified name of the root (`w:comments`).
    pub qname: String,
    /// Prefix with colon, or empty.
    pub prefix: String,
    /// The root's start tag.
    pub start_tag: std::ops::Range<usize>,
    pub self_closing: bool,
    /// End of the start tag (where children may be prepended).
    pub content_start: usize,
    /// Start of the end tag (where children may be appended).
    pub end_tag: usize,
}

impl RootInfo {
    /// The root whose start tag spans `start_tag`; its content and end tag
    /// are placed right after the start tag until the end tag is seen.
    fn new(e: &BytesStart<'_>, start_tag: std::ops::Range<usize>, self_closing: bool) -> Self {
        let qname = e.name().0.to_string();
        RootInfo {
            prefix: super::xml::prefix_of(&qname).to_string(),
            qname,
            content_start: start_tag.end,
            end_tag: start_tag.end,
            start_tag,
            self_closing,
        }
    }
}

pub fn root_info(xml: &str, part: &str) -> Result<RootInfo, WriteError> {
    let mut reader = Reader::from_str(xml);
    let bom = super::xml::bom_len(xml);
    let mut depth = 0usize;
    let mut info: Option<RootInfo> = None;
    loop {
        let before = reader.buffer_position() as usize + bom;
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 && info.is_none() {
                    let after = reader.buffer_position() as usize + bom;
                    info = Some(RootInfo::new(&e, before..after, false));
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 && info.is_none() {
                    let after = reader.buffer_position() as usize + bom;
                    info = Some(RootInfo::new(&e, before..after, true));
                }
            }
            Ok(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(i) = info.as_mut()
                {
                    i.end_tag = before;
                }
            }
            Ok(Event::DocType(_)) => return Err(xml_err(part, before as u64, "DOCTYPE refused")),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_err(part, reader.error_position(), &e.to_string())),
        }
    }
    info.ok_or_else(|| xml_err(part, 0, "no root element"))
}

/// Insert `content` as the last children of the root element (expanding a
/// self-closing root).
pub fn append_to_root(xml: &str, part: &str, content: &str) -> Result<String, WriteError> {
    let root = root_info(xml, part)?;
    let mut s = String::with_capacity(xml.len() + content.len() + 32);
    if root.self_closing {
        let tag = &xml[root.start_tag.clone()];
        let open = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
        s.push_str(&xml[..root.start_tag.start]);
        s.push_str(open);
        s.push('>');
        s.push_str(content);
        s.push_str(&format!("</{}>", root.qname));
        s.push_str(&xml[root.start_tag.end..]);
    } else {
        s.push_str(&xml[..root.end_tag]);
        s.push_str(content);
        s.push_str(&xml[root.end_tag..]);
    }
    Ok(s)
}

/// A part name not yet used: `base` + n + `ext` (`xl/comments` 1 `.xml`).
pub fn free_part_name(exists: impl Fn(&str) -> bool, base: &str, ext: &str) -> String {
    let mut n = 1;
    loop {
        let name = format!("{base}{n}{ext}");
        if !exists(&name) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_and_relativise() {
        assert_eq!(
            resolve_target("word/document.xml", "comments.xml"),
            "word/comments.xml"
        );
        assert_eq!(
            resolve_target("xl/worksheets/sheet1.xml", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "/word/x.xml"),
            "word/x.xml"
        );
        assert_eq!(
            relative_target("xl/worksheets/sheet1.xml", "xl/comments1.xml"),
            "../comments1.xml"
        );
        assert_eq!(
            relative_target("xl/worksheets/sheet1.xml", "xl/drawings/vmlDrawing1.vml"),
            "../drawings/vmlDrawing1.vml"
        );
        assert_eq!(
            rels_part_for("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn appends_and_adds_content_types() {
        let ct = r#"<?xml version="1.0"?><Types xmlns="x"><Default Extension="xml" ContentType="a"/></Types>"#;
        let out = add_override(ct, "word/comments.xml", "c").unwrap();
        assert!(
            out.ends_with(r#"<Override PartName="/word/comments.xml" ContentType="c"/></Types>"#)
        );
        assert_eq!(add_override(&out, "/word/comments.xml", "c").unwrap(), out);
        let out2 = add_default(&out, "vml", "v").unwrap();
        assert!(out2.contains(
            r#"<Types xmlns="x"><Default Extension="vml" ContentType="v"/><Default Extension="xml""#
        ));
        let rels = r#"<Relationships xmlns="r"/>"#;
        let out3 = add_rel(rels, "t", "rId1", "T", "c.xml").unwrap();
        assert_eq!(
            out3,
            r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="T" Target="c.xml"/></Relationships>"#
        );
    }
}
