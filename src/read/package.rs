//! Package-level facts shared by the OOXML readers (docx and xlsx alike):
//! content types, relationships (external ones flagged when opening the file
//! would fetch them), macros, embedded objects and document properties.

use crate::error::ReadError;
use crate::model::{ExternalRelationship, Metadata, PackageInfo, ReadNote};
use crate::read::Limits;
use crate::read::xml::{XmlEvent, XmlReader, attrs_cow, local, local_of, with_part};
use crate::read::zipsafe::SafeZip;
use std::borrow::Cow;
use std::collections::HashMap;

/// Relationship types (last path segment) whose external target is fetched
/// when the document is opened, rather than merely linked to.
const LOADING_REL_TYPES: &[&str] = &[
    "attachedTemplate",
    "image",
    "oleObject",
    "frame",
    "subDocument",
    "externalLinkPath",
    "externalLink",
    // Excel's own variants of an external workbook path.
    "xlPathMissing",
    "xlStartup",
    "xlAlternateStartup",
    "xlLibrary",
    "package",
    "video",
    "audio",
    "media",
    "control",
    "font",
    "stylesheet",
    "aFChunk",
    "xmlMaps",
    "connections",
    "queryTable",
    "externalData",
];

/// One relationship from a `.rels` part.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    /// Full type URI.
    pub rel_type: String,
    pub target: String,
    pub external: bool,
}

impl Relationship {
    /// Last path segment of the type URI (`hyperlink`, `image`, ...).
    pub fn short_type(&self) -> &str {
        self.rel_type.rsplit('/').next().unwrap_or(&self.rel_type)
    }
}

/// Read the package facts. Works for docx and xlsx packages. Only resource
/// limits and encryption fail the call; a part that cannot be parsed is
/// skipped (see [`read_package_info_with_notes`] to learn which).
pub fn read_package_info(zip: &mut SafeZip, limits: &Limits) -> Result<PackageInfo, ReadError> {
    let mut notes = Vec::new();
    read_package_info_with_notes(zip, limits, &mut notes)
}

/// [`read_package_info`], recording a [`ReadNote`] for each part that could
/// not be parsed.
pub fn read_package_info_with_notes(
    zip: &mut SafeZip,
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
) -> Result<PackageInfo, ReadError> {
    read_package_info_keeping(zip, limits, notes, None)
}

/// The `.rels` parts the package reader parsed, by stored part name, with
/// their inflated length: a reader that needs one again takes it from here
/// ([`read_rels_part_kept`]) instead of inflating and parsing it a second
/// time (issue 13: `word/_rels/document.xml.rels` was read twice).
pub type KeptRels = HashMap<String, (Vec<Relationship>, u64)>;

/// [`read_package_info_with_notes`], keeping every `.rels` part it parsed
/// in `kept` (when given).
pub fn read_package_info_keeping(
    zip: &mut SafeZip,
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
    mut kept: Option<&mut KeptRels>,
) -> Result<PackageInfo, ReadError> {
    let mut info = PackageInfo {
        parts: zip.part_infos(),
        ..PackageInfo::default()
    };

    // Content types.
    if let Some(types) = soft(
        read_content_types(zip, limits),
        "[Content_Types].xml",
        notes,
    )? {
        for part in &mut info.parts {
            part.content_type = types.content_type_of(&part.name);
        }
    }

    // Macros: a VBA project anywhere, or a macro-enabled content type.
    info.has_macros = info.parts.iter().any(|p| {
        let lower = p.name.to_ascii_lowercase();
        lower.ends_with("vbaproject.bin")
            || p.content_type.as_deref().is_some_and(|ct| {
                let ct = ct.to_ascii_lowercase();
                // Every .xlsb's main part is "sheet.binary.macroEnabled.main",
                // macros or not: only a VBA project says so there.
                (ct.contains("macroenabled") && !ct.contains("sheet.binary.macroenabled"))
                    || ct.contains("vbaproject")
            })
    });

    // Embedded objects: OLE objects, packages, ActiveX binaries.
    info.embedded_objects = info
        .parts
        .iter()
        .filter(|p| {
            let lower = p.name.to_ascii_lowercase();
            lower.contains("/embeddings/")
                || lower.contains("oleobject")
                || (lower.contains("/activex/") && lower.ends_with(".bin"))
                || p.content_type
                    .as_deref()
                    .is_some_and(|ct| ct.to_ascii_lowercase().contains("oleobject"))
        })
        .map(|p| p.name.clone())
        .collect();

    // External relationships of every .rels part.
    let rels_parts: Vec<String> = zip
        .names()
        .into_iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".rels"))
        .collect();
    for rels_part in rels_parts {
        let read = zip.read(&rels_part).and_then(|bytes| {
            let rels = parse_rels(&rels_part, &bytes, limits)?;
            Ok((rels, bytes.len() as u64))
        });
        let Some((rels, len)) = soft(read, &rels_part, notes)? else {
            continue;
        };
        let source_part = source_of_rels(&rels_part);
        for rel in rels.iter().filter(|r| r.external) {
            let rel_type = rel.short_type().to_string();
            let loads_content = LOADING_REL_TYPES
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&rel_type));
            info.external_relationships.push(ExternalRelationship {
                source_part: source_part.clone(),
                id: rel.id.clone(),
                rel_type,
                target: rel.target.clone(),
                loads_content,
            });
        }
        if let Some(kept) = kept.as_deref_mut() {
            kept.insert(rels_part, (rels, len));
        }
    }

    // Document properties.
    if let Some(core) = soft(
        read_props(zip, "docProps/core.xml", limits),
        "docProps/core.xml",
        notes,
    )? {
        info.metadata.creator = core.get("creator").cloned();
        info.metadata.last_modified_by = core.get("lastModifiedBy").cloned();
        info.metadata.created = core.get("created").cloned();
        info.metadata.modified = core.get("modified").cloned();
        info.metadata.title = core.get("title").cloned();
    }
    if let Some(app) = soft(
        read_props(zip, "docProps/app.xml", limits),
        "docProps/app.xml",
        notes,
    )? {
        info.metadata.company = app.get("Company").cloned();
        info.metadata.application = app.get("Application").cloned();
    }
    trim_metadata(&mut info.metadata);
    Ok(info)
}

/// Resource limits and encryption stop the whole file; any other failure
/// of a secondary part becomes a note (the message is the error's).
pub(crate) fn soft<T>(
    result: Result<T, ReadError>,
    part: &str,
    notes: &mut Vec<ReadNote>,
) -> Result<Option<T>, ReadError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e @ (ReadError::LimitExceeded { .. } | ReadError::Encrypted { .. })) => Err(e),
        Err(e) => {
            notes.push(ReadNote {
                part: Some(part.to_string()),
                message: e.to_string(),
            });
            Ok(None)
        }
    }
}

fn trim_metadata(m: &mut Metadata) {
    for field in [
        &mut m.creator,
        &mut m.last_modified_by,
        &mut m.created,
        &mut m.modified,
        &mut m.title,
        &mut m.company,
        &mut m.application,
    ] {
        if field.as_deref().is_some_and(|s| s.trim().is_empty()) {
            *field = None;
        }
    }
}

/// `[Content_Types].xml`: defaults by extension and overrides by part.
#[derive(Debug, Default, Clone)]
pub struct ContentTypes {
    /// Lower-cased extension → content type.
    pub defaults: HashMap<String, String>,
    /// Lower-cased part name without leading `/` → content type.
    pub overrides: HashMap<String, String>,
}

impl ContentTypes {
    /// The content type of a part (override first, then extension default).
    pub fn content_type_of(&self, part: &str) -> Option<String> {
        let key = part.trim_start_matches('/').to_lowercase();
        if let Some(ct) = self.overrides.get(&key) {
            return Some(ct.clone());
        }
        let ext = key.rsplit_once('.').map(|(_, e)| e)?;
        self.defaults.get(ext).cloned()
    }
}

/// Parse `[Content_Types].xml` (absent → empty).
pub fn read_content_types(zip: &mut SafeZip, limits: &Limits) -> Result<ContentTypes, ReadError> {
    let part = "[Content_Types].xml";
    let Some(bytes) = zip.read_opt(part)? else {
        return Ok(ContentTypes::default());
    };
    // Room for a usual package's entries: grown from empty, the maps
    // rehashed every name several times.
    let mut types = ContentTypes {
        defaults: HashMap::with_capacity(8),
        overrides: HashMap::with_capacity(32),
    };
    with_part(part, &bytes, limits, |r| {
        content_types_of(r, &mut types)?;
        Ok(types)
    })
}

fn content_types_of(r: &mut XmlReader<'_>, types: &mut ContentTypes) -> Result<(), ReadError> {
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s) => match local(s.name().as_ref()) {
                "Default" => {
                    if let [Some(ext), Some(ct)] = attrs_cow(&s, ["Extension", "ContentType"]) {
                        types.defaults.insert(ext.to_lowercase(), ct.into_owned());
                    }
                }
                "Override" => {
                    if let [Some(name), Some(ct)] = attrs_cow(&s, ["PartName", "ContentType"]) {
                        types
                            .overrides
                            .insert(name.trim_start_matches('/').to_lowercase(), ct.into_owned());
                    }
                }
                _ => {}
            },
            XmlEvent::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The relationships of a part (`word/document.xml` →
/// `word/_rels/document.xml.rels`); absent → empty.
pub fn read_rels_for(
    zip: &mut SafeZip,
    part: &str,
    limits: &Limits,
) -> Result<Vec<Relationship>, ReadError> {
    let rels = rels_of(part);
    if !zip.has(&rels) {
        return Ok(Vec::new());
    }
    read_rels_part(zip, &rels, limits)
}

/// Parse one `.rels` part.
pub fn read_rels_part(
    zip: &mut SafeZip,
    rels_part: &str,
    limits: &Limits,
) -> Result<Vec<Relationship>, ReadError> {
    let bytes = zip.read(rels_part)?;
    parse_rels(rels_part, &bytes, limits)
}

/// [`read_rels_for`], taking the part from `kept` when the package reader
/// parsed it already.
pub fn read_rels_for_kept(
    zip: &mut SafeZip,
    part: &str,
    limits: &Limits,
    kept: &mut KeptRels,
) -> Result<Vec<Relationship>, ReadError> {
    let rels = rels_of(part);
    if !zip.has(&rels) {
        return Ok(Vec::new());
    }
    read_rels_part_kept(zip, &rels, limits, kept)
}

/// [`read_rels_part`], taking the part from `kept` when the package reader
/// parsed it already (each kept part is given out once; a second request
/// reads it again). The total-inflated limit is charged as inflating it
/// again would, so that limits and their messages are unchanged.
pub fn read_rels_part_kept(
    zip: &mut SafeZip,
    rels_part: &str,
    limits: &Limits,
    kept: &mut KeptRels,
) -> Result<Vec<Relationship>, ReadError> {
    let taken = zip.stored_name(rels_part).and_then(|s| kept.remove(s));
    match taken {
        Some((rels, len)) => {
            zip.charge_again(rels_part, len)?;
            Ok(rels)
        }
        None => read_rels_part(zip, rels_part, limits),
    }
}

/// Parse the bytes of one `.rels` part.
fn parse_rels(
    rels_part: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Relationship>, ReadError> {
    with_part(rels_part, bytes, limits, rels_of_events)
}

fn rels_of_events(r: &mut XmlReader<'_>) -> Result<Vec<Relationship>, ReadError> {
    let mut out = Vec::new();
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s)
                if local(s.name().as_ref()) == "Relationship" =>
            {
                // One pass over the attributes, not one per attribute wanted.
                let [id, rel_type, target, mode] =
                    attrs_cow(&s, ["Id", "Type", "Target", "TargetMode"]);
                let owned = |v: Option<Cow<'_, str>>| v.map(Cow::into_owned).unwrap_or_default();
                out.push(Relationship {
                    id: owned(id),
                    rel_type: owned(rel_type),
                    target: owned(target),
                    external: mode.is_some_and(|m| m.eq_ignore_ascii_case("External")),
                });
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The `.rels` part of a part: `word/document.xml` →
/// `word/_rels/document.xml.rels`; `""` → `_rels/.rels`.
pub fn rels_of(part: &str) -> String {
    let part = part.trim_start_matches('/');
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The part a `.rels` part describes: `word/_rels/document.xml.rels` →
/// `word/document.xml`; `_rels/.rels` → `` (the package itself).
pub fn source_of_rels(rels_part: &str) -> String {
    let (dir, file) = rels_part.rsplit_once('/').unwrap_or(("", rels_part));
    let file = file.strip_suffix(".rels").unwrap_or(file);
    let dir = dir.strip_suffix("_rels").unwrap_or(dir);
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() {
        file.to_string()
    } else if file.is_empty() {
        dir.to_string()
    } else {
        format!("{dir}/{file}")
    }
}

/// Resolve a relationship target against the part that holds it:
/// (`word/document.xml`, `media/image1.png`) → `word/media/image1.png`;
/// absolute targets (`/word/x.xml`) are taken from the package root.
pub fn resolve_target(source_part: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        let dir = source_part.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// Text of each top-level child of a properties part, by local name.
/// The `docProps` elements [`read_package_info_keeping`] reads.
const PROPS_USED: [&str; 7] = [
    "creator",
    "lastModifiedBy",
    "created",
    "modified",
    "title",
    "Company",
    "Application",
];

fn read_props(
    zip: &mut SafeZip,
    part: &str,
    limits: &Limits,
) -> Result<HashMap<String, String>, ReadError> {
    let mut out = HashMap::new();
    let Some(bytes) = zip.read_opt(part)? else {
        return Ok(out);
    };
    with_part(part, &bytes, limits, |r| {
        props_of(r, &mut out)?;
        Ok(out)
    })
}

fn props_of(r: &mut XmlReader<'_>, out: &mut HashMap<String, String>) -> Result<(), ReadError> {
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) if r.depth() == 2 => {
                // Only the properties the package facts use are kept: the
                // others (app.xml holds a score) are skipped unallocated.
                let name = local_of(&s);
                if !PROPS_USED.contains(&name) {
                    r.skip_element()?;
                    continue;
                }
                let name = name.to_string();
                let value = r.element_text()?;
                out.entry(name).or_insert(value);
            }
            XmlEvent::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rels_paths() {
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(
            source_of_rels("word/_rels/document.xml.rels"),
            "word/document.xml"
        );
        assert_eq!(source_of_rels("_rels/.rels"), "");
        assert_eq!(
            source_of_rels("xl/worksheets/_rels/sheet1.xml.rels"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(
            resolve_target("word/document.xml", "../customXml/x.xml"),
            "customXml/x.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "/word/styles.xml"),
            "word/styles.xml"
        );
    }
}
