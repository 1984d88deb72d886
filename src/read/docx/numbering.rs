//! `word/numbering.xml` into the [`Numbering`] both Word readers count
//! with: `w:abstractNum` (levels: `w:start`, `w:numFmt`, `w:lvlText`,
//! `w:isLgl`, `w:lvlRestart`) and `w:num` (its `w:abstractNumId` and
//! `w:lvlOverride`s: `w:startOverride`, a whole `w:lvl`). Paragraphs
//! number by `w:numPr` in their own properties, as .doc paragraphs by
//! sprmPIlfo, so both formats label the same paragraphs.

use crate::error::ReadError;
use crate::read::Limits;
use crate::read::numbering::{Instance, LEVELS, Level, MAX_LISTS, Numbering, Part};
use crate::read::xml::{XmlEvent, XmlReader, attr_cow, local, local_of, on_off, with_part};
use std::borrow::Cow;

/// ST_NumberFormat as its MSONFC code (the two lists are in one order).
fn nfc(name: &str) -> u8 {
    const NAMES: [&str; 30] = [
        "decimal",
        "upperRoman",
        "lowerRoman",
        "upperLetter",
        "lowerLetter",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "hex",
        "chicago",
        "ideographDigital",
        "japaneseCounting",
        "aiueo",
        "iroha",
        "decimalFullWidth",
        "decimalHalfWidth",
        "japaneseLegal",
        "japaneseDigitalTenThousand",
        "decimalEnclosedCircle",
        "decimalFullWidth2",
        "aiueoFullWidth",
        "irohaFullWidth",
        "decimalZero",
        "bullet",
        "ganada",
        "chosung",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
        "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle",
    ];
    if name == "none" {
        return crate::read::numbering::NFC_NONE;
    }
    NAMES
        .iter()
        .position(|n| *n == name)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

/// "%1.%2)" → level 0, '.', level 1, ')'.
fn template(text: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%'
            && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            && (1..=LEVELS as u32).contains(&d)
        {
            chars.next();
            out.push(Part::Level(d as usize - 1));
        } else {
            out.push(Part::Text(c));
        }
    }
    out
}

fn int(s: Option<Cow<'_, str>>) -> Option<i64> {
    s?.trim().parse().ok()
}

/// Where the reader is: which definition or instance, which level.
#[derive(Default)]
struct State {
    abstract_id: Option<i64>,
    levels: Vec<Level>,
    num_id: Option<i64>,
    inst: Instance,
    override_lvl: Option<usize>,
    /// The level being read and its index.
    lvl: Option<(usize, Level)>,
}

/// Parse a numbering part. Unknown elements are skipped.
pub fn parse(part: &str, bytes: &[u8], limits: &Limits) -> Result<Numbering, ReadError> {
    with_part(part, bytes, limits, parse_events)
}

fn parse_events(r: &mut XmlReader<'_>) -> Result<Numbering, ReadError> {
    let mut out = Numbering::default();
    let mut st = State::default();
    loop {
        let (s, is_start) = match r.next_event()? {
            XmlEvent::Eof => break,
            XmlEvent::Start(s) => (s, true),
            XmlEvent::Empty(s) => (s, false),
            XmlEvent::End(name) => {
                end(&mut st, &mut out, local(&name));
                continue;
            }
            XmlEvent::Text(_) => continue,
        };
        // Borrowed: a String per element and per value was most of this parse.
        let name = local_of(&s);
        let val = || attr_cow(&s, "val");
        match name {
            "abstractNum" => {
                st.abstract_id = int(attr_cow(&s, "abstractNumId"));
                st.levels = vec![Level::default(); LEVELS];
            }
            "num" => {
                st.num_id = int(attr_cow(&s, "numId"));
                st.inst = Instance::default();
            }
            "abstractNumId" => st.inst.list = int(val()).unwrap_or(-1),
            "lvlOverride" => st.override_lvl = int(attr_cow(&s, "ilvl")).map(|l| l as usize),
            "startOverride" => {
                if let (Some(l), Some(v)) = (st.override_lvl, int(val())) {
                    st.inst.overrides.push((l, Some(v as i32), None));
                }
            }
            "lvl" => {
                let i = int(attr_cow(&s, "ilvl"))
                    .unwrap_or(0)
                    .clamp(0, LEVELS as i64 - 1);
                st.lvl = Some((i as usize, Level::default()));
            }
            "start" => set(&mut st, |l| l.start = int(val()).unwrap_or(0) as i32),
            "numFmt" => set(&mut st, |l| l.nfc = nfc(&val().unwrap_or_default())),
            "lvlText" => set(&mut st, |l| {
                l.template = template(&val().unwrap_or_default())
            }),
            "isLgl" => set(&mut st, |l| l.legal = on_off(&s)),
            "lvlRestart" => set(&mut st, |l| {
                l.restart_lim = int(val()).map(|v| v.clamp(0, LEVELS as i64) as usize);
            }),
            _ => {}
        }
        if !is_start {
            end(&mut st, &mut out, name);
        }
        if out.lists.len() > MAX_LISTS || out.instances.len() > MAX_LISTS {
            break;
        }
    }
    Ok(out)
}

fn set(st: &mut State, f: impl FnOnce(&mut Level)) {
    if let Some((_, l)) = &mut st.lvl {
        f(l);
    }
}

/// The end of an element: a level, an override, a definition or an
/// instance is complete.
fn end(st: &mut State, out: &mut Numbering, name: &str) {
    match name {
        "lvl" => {
            let Some((i, level)) = st.lvl.take() else {
                return;
            };
            if let Some(l) = st.override_lvl {
                st.inst.overrides.push((l, None, Some(level)));
            } else if let Some(slot) = st.levels.get_mut(i) {
                *slot = level;
            }
        }
        "lvlOverride" => st.override_lvl = None,
        "abstractNum" => {
            if let Some(id) = st.abstract_id.take() {
                out.lists.insert(id, std::mem::take(&mut st.levels));
            }
        }
        "num" => {
            if let Some(id) = st.num_id.take() {
                out.instances.insert(id, std::mem::take(&mut st.inst));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_instances_and_overrides() {
        let xml = br#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="4">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="aiueoFullWidth"/><w:lvlText w:val="(%2)"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="4"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="4"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let mut n = parse("word/numbering.xml", xml, &Limits::default()).unwrap_or_default();
        assert_eq!(n.label(1, 0).as_deref(), Some("１."));
        assert_eq!(n.label(1, 1).as_deref(), Some("(ア)"));
        assert_eq!(n.label(1, 1).as_deref(), Some("(イ)"));
        assert_eq!(n.label(1, 0).as_deref(), Some("２."));
        assert_eq!(n.label(2, 0).as_deref(), Some("７."));
        assert_eq!(n.label(3, 0), None);
    }
}
