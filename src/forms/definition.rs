//! Form definitions: what identifies each form and template version, and
//! where each canonical field is found. They are data (`schemas/forms/*.toml`,
//! embedded at build time); [`FormSet::with_dir`] adds or replaces
//! definitions from a directory, so another ministry's variant of a form
//! needs no Rust.

use super::list_keys::default_true;
pub use super::list_keys::{ColumnDef, ColumnParse, ItemDef, ListDef, ListFind};
use super::rule_keys::{Kind, RelationDef, Required, TemplateDef};
use crate::base::Text;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

/// The definition files shipped with the tool, by file name: every
/// `schemas/forms/*.toml`, listed by the build script (build.rs).
pub const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_forms.rs"));

/// A definition file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DefinitionError {
    #[error("form definition {file}: {message}")]
    Parse { file: String, message: String },
    #[error("form definition directory {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl crate::error::Explained for DefinitionError {
    fn said_ja(&self) -> String {
        match self {
            DefinitionError::Parse { file, message } => {
                match crate::base::toml_ja::toml_said_ja(message) {
                    Some(said) => format!("様式定義 {file}: {said}"),
                    None => format!("様式定義 {file} に誤りがあります。"),
                }
            }
            DefinitionError::Io { path, source } => format!(
                "様式定義のフォルダ {} を読めません（{}）。",
                path.display(),
                crate::error::io_reason_ja(source)
            ),
        }
    }
    fn said_en(&self) -> String {
        self.to_string()
    }
    fn detail(&self) -> Option<String> {
        match self {
            // The English message already is the detail.
            DefinitionError::Parse { message, .. } => Some(message.clone()),
            DefinitionError::Io { source, .. } => Some(source.to_string()),
        }
    }
}

/// One form in one template version.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// Form id of the SPEC (`application`, `security_report`, ...).
    pub id: String,
    /// Template version (`r8`, `r7`, `r5`).
    pub version: String,
    /// The form's name as people say it (`様式２ 企画提案書`).
    pub name: String,
    pub name_en: String,
    /// Where the definition came from (file name); filled in on load.
    #[serde(skip)]
    pub source: String,
    #[serde(default)]
    pub recognize: Recognize,
    /// The form may appear more than once in one submission set (one per
    /// subcontractor, say); otherwise a second copy is XD004.
    #[serde(default)]
    pub repeatable: bool,
    /// The part the form plays in its call, for the rules that compare
    /// forms (`budget`: the proposal with the 事業費総額; `subcontracting_reasons`;
    /// `information_handlers`; `compliance_report`). Rules find forms by role,
    /// never by id, so another call's forms take part by declaring one.
    #[serde(default)]
    pub role: Option<String>,
    /// Filled in only when needed or at contract time: a blank copy in a
    /// document with other forms is not in use (no REQ001 on it).
    #[serde(default)]
    pub optional: bool,
    /// Holds personal data (a roster): excerpts are masked in reports.
    #[serde(default)]
    pub personal: bool,
    /// Every numbered heading of the form, in order. Free text under a
    /// heading runs up to the next one of these.
    #[serde(default)]
    pub headings: Vec<String>,
    /// Template guidance (`＊…を記載してください`, `※…`) that is not part of
    /// any value: dropped from free text.
    #[serde(default)]
    pub instructions: Vec<String>,
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldDef>,
    #[serde(default, rename = "list")]
    pub lists: Vec<ListDef>,
    /// Arithmetic between fields (SUM rules).
    #[serde(default, rename = "relation")]
    pub relations: Vec<RelationDef>,
    /// The fixed wording of the template (TPL001, TPL002).
    #[serde(default)]
    pub template: Option<TemplateDef>,
    /// Texts the definition must recognise (checked by the test suite).
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
    /// The keys of the wording above, built on first use.
    #[serde(skip)]
    pub key_cache: super::keyset::KeyCache,
}

impl FormDef {
    /// The matching keys of the definition's wording (built once).
    pub(crate) fn keys(&self) -> &super::keyset::KeySet {
        self.key_cache.get(self)
    }

    /// The guidance lines squashed for REQ001 (built once).
    pub(crate) fn squashed_guidance(&self) -> &super::keyset::SquashedGuidance {
        self.key_cache.guidance(self)
    }
}

/// What identifies the form and its version.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recognize {
    /// Lines that open the form just before its title (`（様式１）`, `別紙`).
    #[serde(default)]
    pub preamble: Vec<String>,
    /// The title line, compared whole (may be broken over several lines).
    #[serde(default)]
    pub title: Vec<String>,
    /// A title line ends with one of these (`申請書`).
    #[serde(default)]
    pub title_suffix: Vec<String>,
    /// When set, one of these must follow the title within a few lines
    /// (for titles that are also ordinary phrases).
    #[serde(default)]
    pub title_context: Vec<String>,
    /// Boilerplate phrases of the template; the share found in the form's
    /// extent is its similarity.
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Clause text that tells this template version from the others of the
    /// same form (not the edition it cites).
    #[serde(default)]
    pub version_markers: Vec<String>,
    /// Below this similarity a candidate is not taken as the form.
    #[serde(default = "default_min_similarity")]
    pub min_similarity: f64,
}

impl Default for Recognize {
    fn default() -> Self {
        Recognize {
            preamble: Vec::new(),
            title: Vec::new(),
            title_suffix: Vec::new(),
            title_context: Vec::new(),
            boilerplate: Vec::new(),
            version_markers: Vec::new(),
            min_similarity: default_min_similarity(),
        }
    }
}

fn default_min_similarity() -> f64 {
    0.35
}

/// How a field's value is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Find {
    /// The value cell right of (or below) a label cell, or the text after
    /// the label in the same cell or line.
    Label,
    /// The title line, with a trailing `suffix` (申請書) removed.
    Title,
    /// The addressee line (ending with あて / 殿 / 御中).
    Addressee,
    /// The first date line (`令和　年　月　日`).
    DateLine,
    /// Free text under a numbered heading up to the next heading.
    Text,
    /// The unit declared in a heading (`事業費総額（千円）`).
    Unit,
    /// Added (issue 19): a place to write inside a printed line (「(1) 始業
    /// （　時　分）　終業（　時　分）」): the line opening with the label, the
    /// value between `value_after` and `value_before` on that line.
    Inline,
}

/// How a value is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Normalize {
    #[default]
    None,
    /// An amount in yen; the figure's unit from `unit_from` or `unit`.
    Amount,
    Percent,
    Date,
    /// 事業類型: Ⅰ Ⅱ Ⅲ －.
    BusinessType,
    /// A list of certification names (`wlb_certifications[]`).
    Certifications,
    /// `氏名（ふりがな）`: the name into `path`, the reading into `kana_path`.
    NameKana,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Canonical dot path (`applicant.name`).
    pub path: String,
    pub find: Find,
    /// Label or heading texts, most specific first.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Title suffixes / addressee endings.
    #[serde(default)]
    pub suffix: Vec<String>,
    /// Search only after the first line matching one of these.
    #[serde(default)]
    pub after: Vec<String>,
    /// Search only before the first line matching one of these.
    #[serde(default)]
    pub before: Vec<String>,
    /// Template text removed from the value (`（※総額は…）`).
    #[serde(default)]
    pub strip: Vec<String>,
    /// For `inline`: the printed text between the label (or the place
    /// before) and the value (「）　終業　（」); the value starts after it.
    #[serde(default)]
    pub value_after: Option<String>,
    /// For `inline`: the printed text after the value (「）％」「円（合計）」);
    /// the value ends before it (outside any bracket the value opens).
    /// None: the value runs to the line's end.
    #[serde(default)]
    pub value_before: Option<String>,
    /// A value equal to one of these is blank (a bare `千円`).
    #[serde(default)]
    pub blank_if: Vec<String>,
    /// Added: the value is typed one character per box along the label's
    /// row (方眼紙 sheets): the texts of the cells right of the label are
    /// joined, up to the next label of the form.
    #[serde(default)]
    pub boxes: bool,
    /// Added: with `boxes`, the template's own texts among the boxes, in
    /// order (item codes 「8」「4」, 「第」「号」): passed over, except a
    /// printed 「－」 between parts of a number, which stays.
    #[serde(default)]
    pub box_marks: Vec<String>,
    #[serde(default)]
    pub normalize: Normalize,
    /// For amounts: the field holding the declared unit (`budget.unit`).
    #[serde(default)]
    pub unit_from: Option<String>,
    /// For amounts: the unit when nothing declares one (`円` / `千円`).
    #[serde(default)]
    pub unit: Option<String>,
    /// For `name_kana`: where the reading goes.
    #[serde(default)]
    pub kana_path: Option<String>,
    /// The place as people name it in the form (`７．事業費総額 Ⅲ 再委託・外注費`).
    pub place: String,
    #[serde(default)]
    pub place_en: String,
    /// REQ001: the entry must be filled in.
    #[serde(default)]
    pub required: Required,
    /// REQ001 for the reading (`kana_path`) of a name: `"if_found"` when
    /// it is required only if written apart from a blank name.
    #[serde(default)]
    pub kana_required: Required,
    /// The form's own note that lets the entry stay blank.
    #[serde(default)]
    pub conditional: Option<String>,
    /// REQ002: ※記載不要 / 官用欄, must stay blank.
    #[serde(default)]
    pub must_be_blank: bool,
    /// What the entry holds, for the format rules (FMT001–FMT004, REQ003).
    #[serde(default)]
    pub kind: Option<Kind>,
    /// FMT003: a date that cannot lie after the day of the check.
    #[serde(default)]
    pub past_only: bool,
    /// Printed by the template, not written by the applicant (a blank
    /// form with only this filled is still untouched).
    #[serde(default)]
    pub printed: bool,
    /// The form lets this entry be given later (「契約時に提出」).
    #[serde(default)]
    pub deferrable: bool,
    /// Allowed words or options.
    #[serde(default)]
    pub options: Vec<String>,
    /// PH001: template example text that must be replaced.
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// XD001–XD003: fields of one submission with the same group agree.
    #[serde(default)]
    pub agree: Option<String>,
    /// What to write, shown as the help of the finding.
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub help_en: Option<String>,
}

/// A text a definition must (or must not) recognise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default)]
    pub description: String,
    /// The text, as a text file with tab-separated cells.
    pub text: String,
    /// False for a counter-example: the text must not be taken as this
    /// form in this version.
    #[serde(default = "default_true")]
    pub recognised: bool,
    /// Field values the example must yield (path → value as written).
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// A set of form definitions.
#[derive(Debug, Clone, Default)]
pub struct FormSet {
    pub forms: Vec<FormDef>,
}

impl FormSet {
    /// Parse one definition file.
    pub fn parse(file: &str, text: &str) -> Result<FormDef, DefinitionError> {
        let mut def: FormDef = toml::from_str(text).map_err(|e| {
            // `file:line:column` and toml's own one-line message.
            let at = e.span().map(|s| line_column(text, s.start));
            DefinitionError::Parse {
                file: match at {
                    Some((line, col)) => format!("{file}:{line}:{col}"),
                    None => file.to_string(),
                },
                message: e.message().trim().to_string(),
            }
        })?;
        def.source = file.to_string();
        validate(&def)
            .and_then(|()| super::load::validate_paths(&def))
            .map_err(|message| DefinitionError::Parse {
                file: file.to_string(),
                message,
            })?;
        Ok(def)
    }

    /// The built-in definitions; errors are returned alongside (the suite
    /// asserts there are none).
    pub fn load_builtin() -> (FormSet, Vec<DefinitionError>) {
        let mut set = FormSet::default();
        let mut errors = Vec::new();
        for (file, text) in BUILTIN_FILES {
            match FormSet::parse(file, text) {
                Ok(def) => set.add(def),
                Err(e) => errors.push(e),
            }
        }
        (set, errors)
    }

    /// Add a definition, replacing one with the same id and version.
    pub fn add(&mut self, def: FormDef) {
        if let Some(slot) = self
            .forms
            .iter_mut()
            .find(|f| f.id == def.id && f.version == def.version)
        {
            *slot = def;
        } else {
            self.forms.push(def);
        }
    }

    /// This set plus every `*.toml` of a directory (same id and version
    /// replaces the built-in one).
    pub fn with_dir(&self, dir: &Path) -> Result<FormSet, DefinitionError> {
        let io = |source| DefinitionError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut set = self.clone();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| DefinitionError::Io {
                path: path.clone(),
                source,
            })?;
            set.add(FormSet::parse(&path.display().to_string(), &text)?);
        }
        Ok(set)
    }

    /// The definitions of one form (every version).
    pub fn versions<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a FormDef> + 'a {
        self.forms.iter().filter(move |f| f.id == id)
    }

    pub fn get(&self, id: &str, version: &str) -> Option<&FormDef> {
        self.forms
            .iter()
            .find(|f| f.id == id && f.version == version)
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn validate(def: &FormDef) -> Result<(), String> {
    if def.id.trim().is_empty() || def.version.trim().is_empty() {
        return Err("id and version must not be empty".into());
    }
    let r = &def.recognize;
    if r.title.is_empty() && r.title_suffix.is_empty() {
        return Err("recognize.title or recognize.title_suffix is required".into());
    }
    if !(0.0..=1.0).contains(&r.min_similarity) {
        return Err("recognize.min_similarity must be within 0..1".into());
    }
    for f in &def.fields {
        let needs_labels = matches!(f.find, Find::Label | Find::Text | Find::Unit | Find::Inline);
        if needs_labels && f.labels.is_empty() {
            return Err(format!("field {}: labels are required", f.path));
        }
        if f.normalize == Normalize::NameKana && f.kana_path.is_none() {
            return Err(format!("field {}: kana_path is required", f.path));
        }
    }
    for l in &def.lists {
        if l.find == ListFind::Table && l.columns.is_empty() {
            return Err(format!("list {}: columns are required", l.path));
        }
        if l.find == ListFind::Items && l.items.is_empty() {
            return Err(format!("list {}: items are required", l.path));
        }
    }
    Ok(())
}

static BUILTIN: OnceLock<FormSet> = OnceLock::new();

/// The matching keys of every text of the built-in definitions (labels,
/// headings, boilerplate, suffixes, clauses ...), computed once when the
/// definitions load: recognition and extraction look these up instead of
/// normalising the same definition text again for every document.
static DEF_KEYS: LazyLock<HashMap<String, String, TextHash>> = LazyLock::new(|| {
    let mut map = HashMap::with_hasher(TextHash);
    let mut add = |texts: &[String]| {
        for t in texts {
            // A version marker `!…` is matched by the text after the `!`.
            for t in [Some(t.as_str()), t.strip_prefix('!')]
                .into_iter()
                .flatten()
            {
                if !map.contains_key(t) {
                    map.insert(t.to_string(), super::normalize::key_of(t));
                }
            }
        }
    };
    for def in &builtin().forms {
        let r = &def.recognize;
        for v in [
            &r.preamble,
            &r.title,
            &r.title_suffix,
            &r.title_context,
            &r.boilerplate,
            &r.version_markers,
            &def.headings,
            &def.instructions,
        ] {
            add(v);
        }
        for f in &def.fields {
            for v in [
                &f.labels,
                &f.suffix,
                &f.after,
                &f.before,
                &f.strip,
                &f.blank_if,
            ] {
                add(v);
            }
        }
        for l in &def.lists {
            for v in [&l.heading, &l.status_header, &l.annex] {
                add(v);
            }
            for c in &l.columns {
                add(&c.header);
            }
            for i in &l.items {
                add(std::slice::from_ref(&i.clause));
            }
        }
    }
    map
});

/// The matching key of a definition text: looked up in the keys computed
/// once for the built-in definitions, computed on the spot for any other
/// text (user definitions). Same result as `normalize::key_of`.
pub(crate) fn def_key(text: &str) -> Cow<'static, str> {
    match DEF_KEYS.get(text) {
        Some(k) => Cow::Borrowed(k.as_str()),
        None => Cow::Owned(super::normalize::key_of(text)),
    }
}

/// The hash of the definition-key table: a multiply-rotate over eight
/// bytes at a time. The table holds the definitions' own texts and is
/// asked about them (no document text chooses its keys), and SipHash was
/// most of a lookup, made for every label of every field of every form.
#[derive(Clone, Copy, Default)]
struct TextHash;

impl std::hash::BuildHasher for TextHash {
    type Hasher = TextHasher;
    fn build_hasher(&self) -> TextHasher {
        TextHasher(0)
    }
}

struct TextHasher(u64);

impl TextHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        if let Some(dst) = w.get_mut(..rest.len()) {
            dst.copy_from_slice(rest);
        }
        self.add(u64::from_le_bytes(w) ^ (bytes.len() as u64).rotate_right(8));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// `def_key` of several texts, leaving out those with no key (as
/// `normalize::keys_of`).
pub(crate) fn def_keys(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| def_key(t))
        .filter(|k| !k.is_empty())
        .map(Cow::into_owned)
        .collect()
}

/// The built-in definitions (a file that fails to parse is left out; the
/// test suite makes sure none does).
pub fn builtin() -> &'static FormSet {
    BUILTIN.get_or_init(|| FormSet::load_builtin().0)
}

/// The form's name as people say it (`様式２ 企画提案書`).
pub fn form_name(form: &str) -> Text {
    match super::load::in_force().versions(form).next() {
        Some(def) => Text::new(def.name.clone(), def.name_en.clone()),
        None => Text::new(form, form),
    }
}

/// Split `items[3].status` into (`items`, 3, `status`).
fn split_list_path(field: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = field.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    let index = index.parse().ok()?;
    Some((list, index, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The place of a field as a person finds it in the form
/// (`様式２ 企画提案書 ７．事業費総額 Ⅲ 再委託・外注費`; list paths such as
/// `items[3].status` → `… ２．報告事項 ５） 実施状況`).
pub fn place_of(form: &str, field: &str) -> Text {
    let name = form_name(form);
    let join = |a: &str, b: &str| {
        if b.is_empty() {
            a.to_string()
        } else {
            format!("{a} {b}")
        }
    };
    let Some(def) = super::load::in_force().versions(form).next() else {
        return Text::new(join(&name.ja, field), join(&name.en, field));
    };
    if let Some((list, index, sub)) = split_list_path(field) {
        if let Some(l) = def.lists.iter().find(|l| l.path == list) {
            let first = l.items.first().map(|i| i.number).unwrap_or(1);
            let n = index as u64 + 1;
            let number = index as u64 + u64::from(first);
            let fill = |t: &str, wide: bool| {
                let (n, number) = if wide {
                    (
                        super::normalize::fullwidth_number(n),
                        super::normalize::fullwidth_number(number),
                    )
                } else {
                    (n.to_string(), number.to_string())
                };
                let label = l.row_labels.get(index).map(String::as_str).unwrap_or("");
                t.replace("{n}", &n)
                    .replace("{number}", &number)
                    .replace("{label}", label)
            };
            let entry_ja = fill(&l.place, true);
            let entry_en = fill(
                if l.place_en.is_empty() {
                    &l.place
                } else {
                    &l.place_en
                },
                false,
            );
            let sub_ja = l
                .field_places
                .get(sub)
                .cloned()
                .unwrap_or_else(|| sub.to_string());
            let sub_en = l
                .field_places_en
                .get(sub)
                .cloned()
                .unwrap_or_else(|| sub.to_string());
            return Text::new(
                join(&name.ja, &join(&entry_ja, &sub_ja)),
                join(&name.en, &join(&entry_en, &sub_en)),
            );
        }
        // A list field that is not a table (wlb_certifications[2]).
        if let Some(f) = def.fields.iter().find(|f| f.path == list) {
            let en = if f.place_en.is_empty() {
                &f.place
            } else {
                &f.place_en
            };
            return Text::new(join(&name.ja, &f.place), join(&name.en, en));
        }
    }
    let found = def
        .fields
        .iter()
        .find(|f| f.path == field || f.kana_path.as_deref() == Some(field));
    match found {
        Some(f) => {
            let en = if f.place_en.is_empty() {
                &f.place
            } else {
                &f.place_en
            };
            Text::new(join(&name.ja, &f.place), join(&name.en, en))
        }
        None => Text::new(join(&name.ja, field), join(&name.en, field)),
    }
}
