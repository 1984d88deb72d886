//! What the definitions declare about an extracted form's fields (kinds,
//! required entries, placeholders, agreement groups), as field paths the
//! rules loop over. The rules name no form id or field: a new call's
//! definition file is enough for them to check it.

use super::field_util::{Unit, squash};
use super::registry::text_match::{Stories, located_paragraphs};
use crate::forms::ExtractedForm;
use crate::forms::definition::{FieldDef, FormDef};
use crate::forms::load::in_force;
use crate::forms::rule_keys::Kind;
use crate::model::{Document, Location, SpanKind};

/// The definition in force the form was extracted with (its version, else
/// any version of the form).
pub fn def_of(form: &ExtractedForm) -> Option<&'static FormDef> {
    let set = in_force();
    let id = form.form.as_str();
    set.forms
        .iter()
        .find(|f| f.id == id && f.version == form.template_version)
        .or_else(|| set.forms.iter().find(|f| f.id == id))
}

/// The form's top-level field definitions that satisfy `keep`.
pub fn fields_where(
    form: &ExtractedForm,
    keep: impl Fn(&FieldDef) -> bool,
) -> Vec<&'static FieldDef> {
    def_of(form)
        .map(|d| d.fields.iter().filter(|f| keep(f)).collect())
        .unwrap_or_default()
}

/// A declared path with what the definition says about it.
#[derive(Debug, Clone)]
pub struct Declared {
    pub path: String,
    pub past_only: bool,
    /// The form lets the entry be given later.
    pub deferrable: bool,
}

/// Every path of the form holding `kind`: top-level fields, then each
/// entry of a list whose column declares it (`handlers[2].birth_date`).
/// An entry the form lets be given later (`deferrable`) that says so
/// (「契約時に提出」) holds no value of the kind and is left out.
pub fn paths_of_kind(form: &ExtractedForm, kind: Kind) -> Vec<Declared> {
    let deferred = |path: &str| {
        form.get(path)
            .is_some_and(|v| crate::forms::filling::is_deferral(&v.value))
    };
    let mut out = declared_of_kind(form, kind);
    out.retain(|d| !(d.deferrable && deferred(&d.path)));
    out
}

fn declared_of_kind(form: &ExtractedForm, kind: Kind) -> Vec<Declared> {
    let Some(def) = def_of(form) else {
        return Vec::new();
    };
    let mut out: Vec<Declared> = def
        .fields
        .iter()
        .filter(|f| f.kind == Some(kind))
        .map(|f| Declared {
            path: f.path.clone(),
            past_only: f.past_only,
            deferrable: f.deferrable,
        })
        .collect();
    for list in &def.lists {
        for col in list.columns.iter().filter(|c| c.kind == Some(kind)) {
            for i in 0..form.list_len(&list.path) {
                for field in &col.fields {
                    out.push(Declared {
                        path: format!("{}[{i}].{field}", list.path),
                        past_only: col.past_only,
                        deferrable: col.deferrable,
                    });
                }
            }
        }
    }
    out
}

/// Every amount path of the form with the unit its figures are written
/// in: a field's `unit_from` (the declared unit, `（単位：円）`), else its
/// `unit`, else yen; list columns are in yen.
pub fn amount_paths(form: &ExtractedForm) -> Vec<(String, Unit)> {
    let Some(def) = def_of(form) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in def.fields.iter().filter(|f| f.kind == Some(Kind::Amount)) {
        out.push((f.path.clone(), unit_of(form, f)));
    }
    for d in paths_of_kind(form, Kind::Amount) {
        if !out.iter().any(|(p, _)| *p == d.path) {
            out.push((d.path, Unit::Yen));
        }
    }
    out
}

/// The unit a field's figures are written in.
pub fn unit_of(form: &ExtractedForm, f: &FieldDef) -> Unit {
    let word = |t: &str| {
        let t = squash(t);
        if t.contains('千') {
            Some(Unit::Thousand)
        } else if t.contains('円') {
            Some(Unit::Yen)
        } else {
            None
        }
    };
    f.unit_from
        .as_deref()
        .and_then(|p| form.text(p))
        .and_then(word)
        .or_else(|| f.unit.as_deref().and_then(word))
        .unwrap_or(Unit::Yen)
}

/// The definition's `help` / `help_en` for a field, when it has one.
pub fn help_of(f: &FieldDef) -> Option<crate::model::finding::Text> {
    let ja = f.help.as_deref()?;
    Some(crate::model::finding::Text::new(
        ja,
        f.help_en.as_deref().unwrap_or(ja),
    ))
}

/// Marks that tick a printed box (☐ overwritten, or a box drawn ticked).
const TICKS: &[char] = &['■', '☑', '☒', '✓', '✔', '✅', '●', '◉', '◼'];

/// A check-box entry (`kind = "checkbox"`): the paragraph or cell holding
/// its label, and whether a box in it is ticked (a tick mark typed over the
/// ☐, or a ticked Word check box). None when the label is not there (its
/// deletion is TPL001's).
pub fn checkbox_state(doc: &Document, f: &FieldDef) -> Option<(bool, Location)> {
    let labels: Vec<String> = f.labels.iter().map(|l| squash(l)).collect();
    let paragraphs = located_paragraphs(
        doc,
        Stories {
            headers_footers: false,
            notes: false,
        },
    );
    for (p, loc) in paragraphs {
        let key = squash(&p.text);
        if !labels
            .iter()
            .any(|l| !l.is_empty() && key.contains(l.as_str()))
        {
            continue;
        }
        let ticked_span = p.spans.iter().any(|s| {
            matches!(
                s.kind,
                SpanKind::ContentControl {
                    checked: Some(true),
                    ..
                } | SpanKind::FormField {
                    checked: Some(true),
                    ..
                }
            )
        });
        return Some((ticked_span || p.text.contains(TICKS), loc));
    }
    None
}
