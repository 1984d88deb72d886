//! `migrate` (built in): move what was filled into an old version of a
//! form onto its current template, as `schemas/migrations/*.toml` says —
//! today the 別紙４ (r5) security report onto the r7 template
//! (`templates/security_report_r7.docx`, built from the call's text by
//! `scripts/gen_r7_template.py`).
//!
//! The template is filled with every field extracted from the old form;
//! the places are found by the template's text as the definition says
//! ([`places`]), not by fixed positions.
//!
//! Items whose requirement changed between the two versions keep their old
//! answer, highlighted, with a Word comment saying what changed: the person
//! must answer them afresh. Every non-empty field that has no place in the
//! template is reported, never dropped silently.

pub mod def;
mod docx;
mod places;

use super::WriteError;
use super::comments::{self, Anchor, NewComment};
use super::docx_scan;
use super::docx_text::{DOCUMENT_PART, para_location};
use super::package::Package;
use super::xml::{Splice, apply_splices, check_well_formed};
use crate::diag::{Lang, Text};
use crate::forms::{FieldValue, list_len};
use crate::model::Location;
use crate::read::Limits;
pub use def::{ChangeKind, MigrationDef};
pub(crate) use docx::{fill_cell, set_paragraph_text};
use places::{Places, fullwidth_digit};
use std::collections::BTreeMap;

/// One difference between the old and the new clause of an item.
#[derive(Debug, Clone)]
pub struct ItemChange {
    /// Item number (2–17).
    pub item: u32,
    pub kind: ChangeKind,
    pub what: Text,
}

/// The clause differences of a migration, as its definition lists them.
pub fn changes(def: &MigrationDef) -> Vec<ItemChange> {
    def.changes
        .iter()
        .map(|c| ItemChange {
            item: c.item,
            kind: c.kind,
            what: c.what(),
        })
        .collect()
}

/// A field written into the new report.
#[derive(Debug, Clone)]
pub struct PlacedField {
    pub field: String,
    pub value: String,
    pub location: Location,
}

/// A filled-in field that could not be written into the new report.
#[derive(Debug, Clone)]
pub struct NotPlaced {
    pub field: String,
    pub value: String,
    pub reason: Text,
}

/// What `migrate` did.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The new .docx.
    pub bytes: Vec<u8>,
    pub placed: Vec<PlacedField>,
    /// Items to answer afresh (their requirement changed).
    pub fresh_answers: Vec<ItemChange>,
    /// Items whose wording changed; their answer carried over.
    pub wording_updates: Vec<ItemChange>,
    pub not_placed: Vec<NotPlaced>,
}

/// Options for [`migrate_form`].
#[derive(Debug, Clone)]
pub struct MigrateOptions {
    /// Language of the comments written into the new report.
    pub lang: Lang,
    /// Comment author.
    pub author: String,
    /// Comment date (ISO 8601), or None.
    pub date: Option<String>,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions {
            lang: Lang::Ja,
            author: "yoshiki".into(),
            date: None,
        }
    }
}

/// Build an r7 security report from the fields extracted from an old one
/// (`ExtractedForm::fields` of a `security_report`): [`migrate_form`] with
/// the built-in migration of that form.
pub fn migrate_security_report(
    fields: &BTreeMap<String, FieldValue>,
    opts: &MigrateOptions,
    limits: &Limits,
) -> Result<Migration, WriteError> {
    let def = def::builtin()
        .iter()
        .find(|m| m.form == "security_report")
        .ok_or_else(|| WriteError::Internal("no built-in security_report migration".into()))?;
    migrate_form(def, fields, opts, limits)
}

/// How a template line is written with its value.
fn line_text(l: &def::LineDef, template_text: &str, v: &str) -> String {
    match (&l.ends_with, &l.label) {
        (Some(end), _) if !v.ends_with(end.as_str()) => format!("{v}　{end}"),
        (None, Some(_)) => format!("{}　{v}", template_text.trim()),
        _ => v.to_string(),
    }
}

/// Fill the migration's new template with the fields extracted from the
/// old form.
pub fn migrate_form(
    def: &MigrationDef,
    fields: &BTreeMap<String, FieldValue>,
    opts: &MigrateOptions,
    limits: &Limits,
) -> Result<Migration, WriteError> {
    let template = def
        .template_bytes()
        .ok_or_else(|| WriteError::Internal(format!("no built-in template {}", def.template)))?;
    let pkg = Package::parse(template.to_vec(), limits)?;
    let xml = pkg.read_string(DOCUMENT_PART)?;
    let scan = docx_scan::scan(&xml, DOCUMENT_PART, limits.max_xml_depth)?;
    let places = Places::find(&scan, def);
    let changes = changes(def);
    let fresh: Vec<u32> = def.fresh().map(|c| c.item).collect();

    let mut fill = Fill {
        def,
        fields,
        xml: &xml,
        scan: &scan,
        places: &places,
        changes: &changes,
        splices: Vec::new(),
        placed: Vec::new(),
        not_placed: Vec::new(),
        handled: Vec::new(),
        comment_cells: Vec::new(),
    };
    fill.lines();
    fill.cells();
    if let Some(list) = &def.list {
        fill.list(list, &fresh);
    }
    fill.fresh_comments(&fresh);
    fill.unhandled();
    let Fill {
        splices,
        placed,
        not_placed,
        comment_cells,
        ..
    } = fill;

    let new_xml = apply_splices(&xml, &splices, DOCUMENT_PART)?;
    check_well_formed(&new_xml, DOCUMENT_PART, limits.max_xml_depth)?;
    let mut changes_map = BTreeMap::new();
    changes_map.insert(DOCUMENT_PART.to_string(), new_xml.into_bytes());
    let filled = pkg.rewrite(&changes_map)?;
    let bytes = with_comments(filled, &comment_cells, opts, limits)?;

    Ok(Migration {
        bytes,
        placed,
        fresh_answers: changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Requirement)
            .cloned()
            .collect(),
        wording_updates: changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Wording)
            .cloned()
            .collect(),
        not_placed,
    })
}

/// The comments on the items to answer afresh, added to the filled
/// package (unchanged when there are none).
fn with_comments(
    filled: Vec<u8>,
    comment_cells: &[(u32, Anchor, Text)],
    opts: &MigrateOptions,
    limits: &Limits,
) -> Result<Vec<u8>, WriteError> {
    if comment_cells.is_empty() {
        return Ok(filled);
    }
    let pkg = Package::parse(filled, limits)?;
    let specs: Vec<NewComment> = comment_cells
        .iter()
        .map(|(_, anchor, text)| NewComment {
            anchor: anchor.clone(),
            author: opts.author.clone(),
            initials: "Y".into(),
            date: opts.date.clone(),
            text: text.get(opts.lang).to_string(),
        })
        .collect();
    let (c, _) = comments::add_comments(&pkg, &specs, limits)?;
    pkg.rewrite(&c)
}

/// The filling of one template: what it reads and what it has done so far.
struct Fill<'a> {
    def: &'a MigrationDef,
    fields: &'a BTreeMap<String, FieldValue>,
    xml: &'a str,
    scan: &'a docx_scan::DocxScan,
    places: &'a Places,
    changes: &'a [ItemChange],
    splices: Vec<Splice>,
    placed: Vec<PlacedField>,
    not_placed: Vec<NotPlaced>,
    /// Fields the definition gives a place (found or not).
    handled: Vec<String>,
    /// Comments to add: item number, cell, text.
    comment_cells: Vec<(u32, Anchor, Text)>,
}

/// The location of a table cell of the document part.
fn cell_location(cell: &docx_scan::CellInfo) -> Location {
    let mut loc = Location::in_part(DOCUMENT_PART);
    loc.table = Some(cell.table);
    loc.row = Some(cell.row);
    loc.col = Some(cell.col);
    loc
}

fn cell_anchor(cell: &docx_scan::CellInfo) -> Anchor {
    Anchor::Cell {
        table: cell.table,
        row: cell.row,
        col: cell.col,
    }
}

impl Fill<'_> {
    /// A field's trimmed value, None when empty.
    fn value(&self, k: &str) -> Option<String> {
        self.fields
            .get(k)
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn no_place(&self, field: &str, v: String) -> NotPlaced {
        let to = &self.def.to;
        NotPlaced {
            field: field.to_string(),
            value: v,
            reason: Text::new(
                format!("{to}様式に対応する記入欄が見つかりません。"),
                format!("no matching entry in the {to} template."),
            ),
        }
    }

    /// Lines outside the tables: replace the template text of the paragraph.
    fn lines(&mut self) {
        for (l, para) in self.def.lines.iter().zip(&self.places.lines) {
            self.handled.push(l.field.clone());
            let Some(v) = self.value(&l.field) else {
                continue;
            };
            match para.and_then(|i| self.scan.paras.get(i)) {
                Some(p) => {
                    let text = line_text(l, &p.text, &v.replace('\n', "　"));
                    self.splices
                        .extend(set_paragraph_text(self.xml, p, &text, false));
                    self.placed.push(PlacedField {
                        field: l.field.clone(),
                        value: v,
                        location: para_location(self.scan, p, DOCUMENT_PART),
                    });
                }
                None => {
                    let np = self.no_place(&l.field, v);
                    self.not_placed.push(np);
                }
            }
        }
    }

    /// Label cells.
    fn cells(&mut self) {
        for (c, cell) in self.def.cells.iter().zip(&self.places.cells) {
            self.handled.push(c.field.clone());
            let Some(v) = self.value(&c.field) else {
                continue;
            };
            match cell.and_then(|c| self.scan.cells.get(c)) {
                Some(cell) => {
                    let lines: Vec<String> = v.lines().map(str::to_string).collect();
                    self.splices.extend(fill_cell(
                        self.xml,
                        self.scan,
                        cell.paras.first().copied(),
                        &lines,
                        false,
                    ));
                    self.placed.push(PlacedField {
                        field: c.field.clone(),
                        value: v,
                        location: cell_location(cell),
                    });
                }
                None => {
                    let np = self.no_place(&c.field, v);
                    self.not_placed.push(np);
                }
            }
        }
    }

    /// The numbered items.
    fn list(&mut self, list: &def::ListDef, fresh: &[u32]) {
        let path = &list.path;
        let first = self.places.items.keys().next().copied().unwrap_or(1);
        for i in 0..list_len(self.fields, path) {
            let number = self
                .fields
                .get(&format!("{path}[{i}].{}", list.number))
                .and_then(item_number)
                .unwrap_or(first + i as u32);
            self.handled.push(format!("{path}[{i}].{}", list.number));
            let mut answers: Vec<(&String, Option<String>)> = Vec::new();
            for k in &list.columns {
                self.handled.push(format!("{path}[{i}].{k}"));
                answers.push((k, self.value(&format!("{path}[{i}].{k}"))));
            }
            self.item(path, i, number, &answers, fresh.contains(&number));
        }
    }

    /// One numbered item: its answers into the item's cell, highlighted
    /// when the item is to be answered afresh.
    fn item(
        &mut self,
        path: &str,
        i: usize,
        number: u32,
        answers: &[(&String, Option<String>)],
        highlight: bool,
    ) {
        let to = &self.def.to;
        let cell = self
            .places
            .items
            .get(&number)
            .and_then(|&c| self.scan.cells.get(c));
        let Some(cell) = cell else {
            for (k, v) in answers {
                if let Some(v) = v {
                    self.not_placed.push(NotPlaced {
                        field: format!("{path}[{i}].{k}"),
                        value: v.clone(),
                        reason: Text::new(
                            format!("{to}様式に項目 {number}） の行がありません。"),
                            format!("the {to} template has no row for item {number})."),
                        ),
                    });
                }
            }
            return;
        };
        let lines: Vec<String> = answers
            .iter()
            .filter_map(|(_, v)| v.as_deref())
            .flat_map(str::lines)
            .map(str::to_string)
            .collect();
        let loc = cell_location(cell);
        if !lines.is_empty() {
            self.splices.extend(fill_cell(
                self.xml,
                self.scan,
                cell.paras.first().copied(),
                &lines,
                highlight,
            ));
        }
        for (k, v) in answers {
            if let Some(v) = v {
                self.placed.push(PlacedField {
                    field: format!("{path}[{i}].{k}"),
                    value: v.clone(),
                    location: loc.clone(),
                });
            }
        }
        if let Some(change) = self
            .changes
            .iter()
            .find(|c| c.item == number && c.kind == ChangeKind::Requirement)
        {
            let old = if answers.iter().all(|(_, v)| v.is_none()) {
                Text::new("（旧報告書では未記入）", "(left blank in the old report)")
            } else {
                Text::new(
                    "旧報告書の記載を黄色で示しています。",
                    "the old answer is carried over and highlighted.",
                )
            };
            let text = Text::new(
                format!(
                    "【要再回答】{number}） {} {} 変更後の要件に照らして実施状況を確認し、改めて記入してください。",
                    change.what.ja, old.ja
                ),
                format!(
                    "[answer again] item {number}): {} {} Check the status against the new requirement and fill it in again.",
                    change.what.en, old.en
                ),
            );
            self.comment_cells.push((number, cell_anchor(cell), text));
        }
    }

    /// Items the old report had no row for are still to be answered.
    fn fresh_comments(&mut self, fresh: &[u32]) {
        for &n in fresh {
            if !self.comment_cells.iter().any(|(k, _, _)| *k == n)
                && let Some(cell) = self
                    .places
                    .items
                    .get(&n)
                    .and_then(|&c| self.scan.cells.get(c))
                && let Some(change) = self.changes.iter().find(|c| c.item == n)
            {
                self.comment_cells.push((
                    n,
                    cell_anchor(cell),
                    Text::new(
                        format!(
                            "【要回答】{n}） {} 実施状況を記入してください。",
                            change.what.ja
                        ),
                        format!("[answer] item {n}): {} Fill in the status.", change.what.en),
                    ),
                ));
            }
        }
    }

    /// Every other filled-in field: reported, never dropped silently.
    fn unhandled(&mut self) {
        for (k, f) in self.fields {
            if self.handled.iter().any(|h| h == k) {
                continue;
            }
            let v = f.value.trim();
            if !v.is_empty() {
                let np = self.no_place(k, v.to_string());
                self.not_placed.push(np);
            }
        }
    }
}

/// An item number from its field: the normalised number, else the digits
/// of the text (full-width allowed: `１５）`).
fn item_number(f: &FieldValue) -> Option<u32> {
    if let Some(n) = f.normalized.as_ref().and_then(|v| v.as_u64()) {
        return u32::try_from(n).ok();
    }
    let digits: String = f
        .value
        .chars()
        .filter_map(|c| c.to_digit(10).or_else(|| fullwidth_digit(c)))
        .map(|d| char::from_digit(d, 10).unwrap_or('0'))
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fv(v: &str) -> FieldValue {
        FieldValue::new(v, Location::default())
    }

    fn security_report() -> &'static MigrationDef {
        def::builtin()
            .iter()
            .find(|m| m.form == "security_report")
            .expect("built in")
    }

    #[test]
    fn every_built_in_migration_reads() {
        for (name, text) in def::BUILTIN_FILES {
            let m = MigrationDef::parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!m.from.is_empty() && !m.from.contains(&m.to), "{name}");
        }
        assert_eq!(def::builtin().len(), def::BUILTIN_FILES.len());
    }

    /// The table that was written in Rust before it moved to
    /// schemas/migrations/security_report_r5_r7.toml, kept here as it was:
    /// the data must say exactly the same.
    #[test]
    fn the_data_says_what_the_rust_table_said() {
        let was = [
            (
                2,
                ChangeKind::Wording,
                "準拠する統一基準の版が「令和５年度版」から「令和７年度版」に更新されました。",
                "the cited edition of the Common Standards moved from FY2023 (令和５年度版) to FY2025 (令和７年度版).",
            ),
            (
                3,
                ChangeKind::Wording,
                "監査を行う組織名が「内閣官房内閣サイバーセキュリティセンター」から「内閣官房国家サイバー統括室」に変わりました。",
                "the auditing office was renamed from 内閣官房内閣サイバーセキュリティセンター (NISC) to 内閣官房国家サイバー統括室.",
            ),
            (
                15,
                ChangeKind::Requirement,
                "要件が変わりました：（７）電子メールに加えウェブサイトを含むシステムにも「.go.jp」ドメインを使用、（９）SPFに加えDKIM・DMARCによるなりすまし防止策、（１０）ドメインに関する情報が正確であることの定期的な確認が追加。",
                "the requirement changed: (7) the .go.jp domain now also applies to websites, (9) DKIM and DMARC are required besides SPF, (10) a periodic check that domain information is accurate was added.",
            ),
        ];
        let m = security_report();
        let now: Vec<(u32, ChangeKind, String, String)> = changes(m)
            .into_iter()
            .map(|c| (c.item, c.kind, c.what.ja, c.what.en))
            .collect();
        let was: Vec<(u32, ChangeKind, String, String)> = was
            .iter()
            .map(|&(i, k, j, e)| (i, k, j.to_string(), e.to_string()))
            .collect();
        assert_eq!(now, was);
        assert_eq!(
            (m.from.as_slice(), m.to.as_str()),
            (&["r5".to_string()][..], "r7")
        );
        assert_eq!(
            m.template_bytes(),
            Some(&include_bytes!("../../../templates/security_report_r7.docx")[..])
        );
    }

    #[test]
    fn template_places_are_all_found() {
        let m = security_report();
        let pkg = Package::parse(m.template_bytes().unwrap().to_vec(), &Limits::default()).unwrap();
        let xml = pkg.read_string(DOCUMENT_PART).unwrap();
        let scan = docx_scan::scan(&xml, DOCUMENT_PART, 256).unwrap();
        let p = Places::find(&scan, m);
        assert_eq!(p.lines.len(), 5);
        assert!(p.lines.iter().all(Option::is_some), "{:?}", p.lines);
        assert_eq!(p.cells.len(), 2);
        assert!(p.cells.iter().all(Option::is_some), "{:?}", p.cells);
        assert_eq!(
            p.items.keys().copied().collect::<Vec<_>>(),
            (2..=17).collect::<Vec<_>>()
        );
        let c = &scan.cells[p.items[&15]];
        assert_eq!((c.table, c.row, c.col), (2, 15, 3));
    }

    #[test]
    fn fills_everything_and_flags_item_15() {
        let mut f = BTreeMap::new();
        f.insert("date".into(), fv("令和７年１０月１日"));
        f.insert(
            "addressee".into(),
            fv("経済産業省商務情報政策局サイバーセキュリティ課長　殿"),
        );
        f.insert(
            "reporter.address".into(),
            fv("東京都千代田区霞が関１－３－１"),
        );
        f.insert("reporter.name".into(), fv("株式会社サンプル"));
        f.insert(
            "reporter.representative".into(),
            fv("代表取締役　見本　太郎"),
        );
        f.insert("contract.date".into(), fv("令和７年４月１日"));
        f.insert("contract.title".into(), fv("令和７年度サンプル調査事業"));
        for i in 0..16 {
            f.insert(format!("items[{i}].number"), fv(&format!("{}）", i + 2)));
            f.insert(
                format!("items[{i}].status"),
                fv(if i == 13 { "該当なし" } else { "実施" }),
            );
        }
        f.insert(
            "items[13].detail".into(),
            fv("ウェブサイト及びメール送信機能を構築しないため。\n運用もしない。"),
        );
        f.insert("remarks".into(), fv("別紙参照"));
        let m =
            migrate_security_report(&f, &MigrateOptions::default(), &Limits::default()).unwrap();
        assert_eq!(m.not_placed.len(), 1);
        assert_eq!(m.not_placed[0].field, "remarks");
        assert_eq!(
            m.fresh_answers.iter().map(|c| c.item).collect::<Vec<_>>(),
            vec![15]
        );
        assert_eq!(m.placed.len(), 7 + 16 + 1);

        let pkg = Package::parse(m.bytes.clone(), &Limits::default()).unwrap();
        let xml = pkg.read_string(DOCUMENT_PART).unwrap();
        let scan = docx_scan::scan(&xml, DOCUMENT_PART, 256).unwrap();
        let texts: Vec<&str> = scan.paras.iter().map(|p| p.text.as_str()).collect();
        assert!(texts.contains(&"令和７年１０月１日"));
        assert!(texts.contains(&"住　　　　　所　東京都千代田区霞が関１－３－１"));
        assert!(texts.contains(&"代 表 者 氏 名　代表取締役　見本　太郎"));
        let cell = scan.cell_at(2, 15, 3).unwrap();
        let cell_texts: Vec<&str> = cell
            .paras
            .iter()
            .map(|&i| scan.paras[i].text.as_str())
            .collect();
        assert_eq!(
            cell_texts,
            vec![
                "該当なし",
                "ウェブサイト及びメール送信機能を構築しないため。",
                "運用もしない。"
            ]
        );
        assert!(xml.contains(
            "<w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">該当なし</w:t>"
        ));
        let comments = pkg.read_string("word/comments.xml").unwrap();
        assert!(comments.contains("【要再回答】15）"));
        assert_eq!(
            scan.cell_at(1, 2, 2)
                .map(|c| scan.paras[c.paras[0]].text.as_str()),
            Some("令和７年度サンプル調査事業")
        );
    }
}
