//! Which header and footer parts a reader of the document actually sees.
//!
//! Each section (`w:sectPr`, in a paragraph's properties or at the end of
//! the body) names up to three headers and three footers by type
//! (ECMA-376 §17.10.5): `default`, `first` and `even`. The `first` one is
//! shown only when the section switches on a distinct first page
//! (`w:titlePg`), the `even` one only when the document switches on
//! distinct odd and even pages (`w:evenAndOddHeaders` in
//! `word/settings.xml`). A section without a reference of some kind uses
//! the previous section's (§17.10.5: headers are inherited). A part that
//! no section shows is inactive: Word keeps it, nobody sees it, and its
//! text is kept out of the model (a [`crate::model::ReadNote`] says so).

use crate::error::ReadError;
use crate::read::Limits;
use crate::read::xml::{XmlEvent, XmlReader, attr, local, on_off, qname};
use std::collections::{BTreeMap, BTreeSet};

/// One header or footer reference of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference {
    /// `headerReference` or `footerReference`.
    element: String,
    kind: String,
    rel_id: String,
}

/// The relationship ids of the header/footer parts of `main` that no
/// section shows, with why (`first` / `even`). Ids shown by some section
/// are never in the result.
pub(crate) fn inactive_refs(
    part: &str,
    main: &str,
    even_and_odd: bool,
    limits: &Limits,
) -> Result<BTreeMap<String, &'static str>, ReadError> {
    let mut r = XmlReader::new(part, main, limits);
    let mut active: BTreeSet<String> = BTreeSet::new();
    let mut hidden: BTreeMap<String, &'static str> = BTreeMap::new();
    // (element, kind) → the part in force, carried from section to section.
    let mut in_force: BTreeMap<(String, String), String> = BTreeMap::new();
    // Inside a section's own properties (not a sectPrChange's old copy).
    let mut refs: Vec<Reference> = Vec::new();
    let mut title_pg = false;
    let mut in_sect: Option<usize> = None;
    let mut in_change: Option<usize> = None;
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) if in_change.is_none() && local(&qname(&s)) == "sectPrChange" => {
                in_change = Some(r.depth());
            }
            XmlEvent::Start(s) if in_change.is_none() && local(&qname(&s)) == "sectPr" => {
                in_sect = Some(r.depth());
                refs.clear();
                title_pg = false;
            }
            XmlEvent::Start(s) | XmlEvent::Empty(s) if in_sect.is_some() && in_change.is_none() => {
                match local(&qname(&s)) {
                    e @ ("headerReference" | "footerReference") => refs.push(Reference {
                        element: e.to_string(),
                        kind: attr(&s, "type").unwrap_or_else(|| "default".into()),
                        rel_id: attr(&s, "id").unwrap_or_default(),
                    }),
                    "titlePg" => title_pg = on_off(&s),
                    _ => {}
                }
            }
            XmlEvent::End(name) => {
                let depth = r.depth() + 1;
                if in_change == Some(depth) {
                    in_change = None;
                } else if in_change.is_none() && in_sect == Some(depth) && local(&name) == "sectPr"
                {
                    in_sect = None;
                    for reference in refs.drain(..) {
                        in_force.insert((reference.element, reference.kind), reference.rel_id);
                    }
                    for ((_, kind), rel_id) in &in_force {
                        let why = match kind.as_str() {
                            "first" if !title_pg => Some("first"),
                            "even" if !even_and_odd => Some("even"),
                            _ => None,
                        };
                        match why {
                            Some(why) => {
                                hidden.entry(rel_id.clone()).or_insert(why);
                            }
                            None => {
                                active.insert(rel_id.clone());
                            }
                        }
                    }
                }
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    hidden.retain(|id, _| !active.contains(id));
    Ok(hidden)
}

/// `w:evenAndOddHeaders` switched on in the settings part.
pub(crate) fn even_and_odd_headers(
    part: &str,
    settings: &str,
    limits: &Limits,
) -> Result<bool, ReadError> {
    let mut r = XmlReader::new(part, settings, limits);
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s) if local(&qname(&s)) == "evenAndOddHeaders" => {
                return Ok(on_off(&s));
            }
            XmlEvent::Eof => return Ok(false),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body><w:p/>
<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:headerReference w:type="first" r:id="rId2"/><w:headerReference w:type="even" r:id="rId3"/><w:footerReference w:type="first" r:id="rId4"/>TITLE</w:sectPr>
</w:body></w:document>"#;

    fn run(doc: &str, even: bool) -> Vec<String> {
        inactive_refs("word/document.xml", doc, even, &Limits::default())
            .unwrap()
            .into_keys()
            .collect()
    }

    #[test]
    fn first_and_even_are_inactive_unless_switched_on() {
        assert_eq!(
            run(&DOC.replace("TITLE", ""), false),
            ["rId2", "rId3", "rId4"]
        );
        assert_eq!(run(&DOC.replace("TITLE", "<w:titlePg/>"), false), ["rId3"]);
        assert_eq!(
            run(&DOC.replace("TITLE", "<w:titlePg/>"), true),
            Vec::<String>::new()
        );
        assert_eq!(
            run(&DOC.replace("TITLE", "<w:titlePg w:val=\"0\"/>"), true),
            ["rId2", "rId4"]
        );
    }

    #[test]
    fn a_part_shown_by_another_section_stays_active() {
        let doc = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rId2"/><w:titlePg/></w:sectPr></w:pPr></w:p>
<w:sectPr><w:headerReference w:type="first" r:id="rId2"/></w:sectPr></w:body></w:document>"#;
        assert!(run(doc, false).is_empty());
    }

    #[test]
    fn a_later_section_inherits_and_may_show_a_first_header() {
        let doc = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rId2"/></w:sectPr></w:pPr></w:p>
<w:sectPr><w:titlePg/></w:sectPr></w:body></w:document>"#;
        assert!(run(doc, false).is_empty());
    }

    #[test]
    fn settings_switch() {
        let l = Limits::default();
        let on = r#"<w:settings xmlns:w="w"><w:evenAndOddHeaders/></w:settings>"#;
        let off = r#"<w:settings xmlns:w="w"><w:evenAndOddHeaders w:val="false"/></w:settings>"#;
        assert!(even_and_odd_headers("s", on, &l).unwrap());
        assert!(!even_and_odd_headers("s", off, &l).unwrap());
        assert!(!even_and_odd_headers("s", "<w:settings/>", &l).unwrap());
    }
}
