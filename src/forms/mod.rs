//! Form recognition and field extraction.
//!
//! Form definitions are data (`schemas/forms/*.toml`, embedded at build
//! time and overridable from a directory); this module finds which forms a
//! [`Document`] holds, which template version each was built from, and
//! pulls every filled-in value into the canonical fields of the SPEC, each
//! with its [`Location`].

use crate::model::{Document, Location};
use serde::Serialize;
use std::collections::BTreeMap;

pub mod blanks;
pub mod definition;
pub mod extract;
pub mod filling;
mod grid;
mod inline;
mod keyset;
pub mod layout;
mod list_keys;
mod lists;
pub mod load;
pub mod matching;
pub mod normalize;
pub mod output;
pub mod recognize;
pub mod rule_keys;
pub mod slots;
pub mod values;

/// One form found in a document.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractedForm {
    /// Form id (`application`, `proposal`, `subcontract_reason`,
    /// `handler_roster`, `security_terms`, `security_report`).
    pub form: String,
    /// Template version (`r8`, `r7`, `r5`).
    pub template_version: String,
    /// How closely the document's boilerplate matches the version's, 0..1.
    pub similarity: f64,
    /// Where the form starts and ends in the document.
    pub start: Location,
    pub end: Location,
    /// Canonical fields by dot path (`budget.total`, `items[0].status`,
    /// `subcontractors[1].amount`). A field whose label was found but whose
    /// value is blank is present with an empty `value` and the location of
    /// the blank cell, so rules can point at it.
    pub fields: BTreeMap<String, FieldValue>,
}

impl ExtractedForm {
    pub fn get(&self, path: &str) -> Option<&FieldValue> {
        self.fields.get(path)
    }

    /// The value text of a field, trimmed; None when absent or blank.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.fields
            .get(path)
            .map(|f| f.value.trim())
            .filter(|v| !v.is_empty())
    }

    /// Number of entries of a list field (`items`, `subcontractors`,
    /// `handlers`, `wlb_certifications`).
    pub fn list_len(&self, list: &str) -> usize {
        list_len(&self.fields, list)
    }

    /// The fields whose path starts with `prefix` (a list's `list[`, a
    /// row's `list[i].`), by path.
    pub fn fields_under<'f>(
        &'f self,
        prefix: &'f str,
    ) -> impl Iterator<Item = (&'f str, &'f FieldValue)> {
        fields_under(&self.fields, prefix)
    }
}

/// [`ExtractedForm::fields_under`] in a field map: the paths with a prefix
/// sort together from the prefix on, so only they are read, not every
/// field of the form.
pub fn fields_under<'f>(
    fields: &'f BTreeMap<String, FieldValue>,
    prefix: &'f str,
) -> impl Iterator<Item = (&'f str, &'f FieldValue)> {
    let from = (
        std::ops::Bound::Included(prefix),
        std::ops::Bound::Unbounded,
    );
    fields
        .range::<str, _>(from)
        .map(|(k, v)| (k.as_str(), v))
        .take_while(move |(k, _)| k.starts_with(prefix))
}

/// Number of entries of a list field in a field map (see
/// [`ExtractedForm::list_len`]): one past the highest `list[i]` index.
pub fn list_len(fields: &BTreeMap<String, FieldValue>, list: &str) -> usize {
    let prefix = format!("{list}[");
    fields_under(fields, &prefix)
        .filter_map(|(k, _)| k.strip_prefix(&prefix)?.split(']').next())
        .filter_map(|n| n.parse::<usize>().ok())
        .map(|n| n + 1)
        .max()
        .unwrap_or(0)
}

/// One extracted value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldValue {
    /// The text as written (trimmed of surrounding blanks only).
    pub value: String,
    /// The normalised value where the schema asks for one: an integer of
    /// yen, an ISO date, a percentage number, a bool, a list of names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized: Option<serde_json::Value>,
    pub location: Location,
    /// Set when the value was meant to be normalised but could not be
    /// (e.g. an amount that is not a number); says why, in Japanese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unnormalized: Option<String>,
}

impl FieldValue {
    pub fn new(value: impl Into<String>, location: Location) -> Self {
        FieldValue {
            value: value.into(),
            normalized: None,
            location,
            unnormalized: None,
        }
    }

    /// The normalised value as an integer (amounts in yen).
    pub fn as_i64(&self) -> Option<i64> {
        self.normalized.as_ref().and_then(|v| v.as_i64())
    }

    /// The normalised value as a float (percentages).
    pub fn as_f64(&self) -> Option<f64> {
        self.normalized.as_ref().and_then(|v| v.as_f64())
    }
}

/// Build what every extraction needs before the first file: the
/// definitions in force and the era vocabulary. A command
/// calls it on a thread of its own while it lists its inputs (on two cores
/// the other one is idle then), so that no runner waits for them.
pub fn warm_up() {
    let _ = load::in_force();
    normalize::warm_up();
}

/// Find and extract every known form in a document, using the form
/// definitions in force (built-in plus `--forms`; see [`load::in_force`]).
pub fn extract_forms(doc: &Document) -> Vec<ExtractedForm> {
    extract::extract_with(doc, load::in_force())
}
