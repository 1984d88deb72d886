//! The built-in migrations as data: `schemas/migrations/*.toml` (embedded
//! at build time, see build.rs), each naming a form, the versions it
//! carries from and to, the new blank template (under `templates/`), where
//! each field goes in it, and what changed item by item. Adding a year's
//! change is a new file there, not Rust.

use crate::diag::Text;
use serde::Deserialize;
use std::sync::OnceLock;

/// `(file name, text)` of every built-in migration.
pub const BUILTIN_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_migrations.rs"));

/// `(file name, bytes)` of every built-in blank template.
const TEMPLATES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// One migration: an old version of a form onto the current one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationDef {
    /// The form id (as in `schemas/forms/`).
    pub form: String,
    /// The versions carried by it.
    pub from: Vec<String>,
    /// The version written.
    pub to: String,
    /// The new blank template's file name under `templates/`.
    pub template: String,
    /// The new version as the user knows it (令和７年度版).
    pub edition: Named,
    #[serde(default)]
    pub lines: Vec<LineDef>,
    #[serde(default)]
    pub cells: Vec<CellDef>,
    #[serde(default)]
    pub list: Option<ListDef>,
    #[serde(default)]
    pub changes: Vec<ChangeDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub ja: String,
    pub en: String,
}

/// A paragraph outside the tables, replaced by the value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineDef {
    pub field: String,
    /// The line that reads as a date (令和…年…月…日).
    #[serde(default)]
    pub date_line: bool,
    /// The line ending with this (殿); added after a value without it.
    #[serde(default)]
    pub ends_with: Option<String>,
    /// The line holding only this label (spaces aside); written as the
    /// template's label, a full-width space and the value.
    #[serde(default)]
    pub label: Option<String>,
}

/// The last cell of the row whose cell holds only `label`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellDef {
    pub field: String,
    pub label: String,
}

/// A numbered list: item N's answer goes into the last cell of the row
/// whose cell reads `{row_prefix}N）`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListDef {
    pub path: String,
    /// The column holding the item's number.
    pub number: String,
    pub row_prefix: String,
    /// The columns written into the cell, one after another as lines.
    pub columns: Vec<String>,
}

/// Whether a change between versions needs a fresh answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The requirement itself changed: the old answer may no longer hold.
    Requirement,
    /// Only wording changed (an edition, a renamed office): the answer
    /// carries over.
    Wording,
}

/// What changed in one item's clause.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeDef {
    pub item: u32,
    pub kind: ChangeKind,
    pub ja: String,
    pub en: String,
}

impl ChangeDef {
    pub fn what(&self) -> Text {
        Text::new(self.ja.clone(), self.en.clone())
    }
}

/// Why a migration file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MigrationDefError {
    #[error("{file}: {source}")]
    Parse {
        file: String,
        #[source]
        source: toml::de::Error,
    },
    #[error("{file}: no template {template} under templates/")]
    NoTemplate { file: String, template: String },
}

impl MigrationDef {
    /// Read one migration file (`file` names it in errors).
    pub fn parse(file: &str, text: &str) -> Result<MigrationDef, MigrationDefError> {
        let def: MigrationDef =
            toml::from_str(text).map_err(|source| MigrationDefError::Parse {
                file: file.to_string(),
                source,
            })?;
        if def.template_bytes().is_none() {
            return Err(MigrationDefError::NoTemplate {
                file: file.to_string(),
                template: def.template.clone(),
            });
        }
        Ok(def)
    }

    /// The new blank template's bytes, if it is built in.
    pub fn template_bytes(&self) -> Option<&'static [u8]> {
        TEMPLATES
            .iter()
            .find(|(n, _)| *n == self.template)
            .map(|(_, b)| *b)
    }

    /// The items to answer afresh (their requirement changed).
    pub fn fresh(&self) -> impl Iterator<Item = &ChangeDef> {
        self.changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Requirement)
    }
}

static BUILTIN: OnceLock<Vec<MigrationDef>> = OnceLock::new();

/// Every built-in migration that reads (a file that does not is left out;
/// the tests load each one).
pub fn builtin() -> &'static [MigrationDef] {
    BUILTIN.get_or_init(|| {
        BUILTIN_FILES
            .iter()
            .filter_map(|(name, text)| MigrationDef::parse(name, text).ok())
            .collect()
    })
}

/// The migration that carries `form` at `version` onto a newer one.
pub fn for_form(form: &str, version: &str) -> Option<&'static MigrationDef> {
    builtin()
        .iter()
        .find(|m| m.form == form && m.from.iter().any(|v| v == version))
}

/// The migration whose new version is `form` at `version` (the form is
/// already current).
pub fn onto(form: &str, version: &str) -> Option<&'static MigrationDef> {
    builtin().iter().find(|m| m.form == form && m.to == version)
}

/// What the built-in migrations make of a file's forms.
pub enum Found<'a> {
    /// The first form a migration starts from, and that migration.
    Migrate(&'a crate::forms::ExtractedForm, &'static MigrationDef),
    /// No form to carry, but one already at a migration's new version.
    Current(&'static MigrationDef),
    /// Neither.
    Nothing,
}

/// The migration for the first of `forms` one starts from (every door
/// picks it the same way).
pub fn find(forms: &[crate::forms::ExtractedForm]) -> Found<'_> {
    if let Some((f, m)) = forms
        .iter()
        .find_map(|f| for_form(&f.form, &f.template_version).map(|m| (f, m)))
    {
        return Found::Migrate(f, m);
    }
    match forms
        .iter()
        .find_map(|f| onto(&f.form, &f.template_version))
    {
        Some(m) => Found::Current(m),
        None => Found::Nothing,
    }
}
